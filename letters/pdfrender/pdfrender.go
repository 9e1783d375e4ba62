// Package pdfrender draws a document (letters/document) as an A4 PDF with embedded fonts,
// laid out for print in a window envelope. It knows millimetres, not § 104.
package pdfrender

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// Page geometry in mm. The margins, window and address box are Digitaliseringsstyrelsen's A4
// print template (LEGAL-NOTES § 4). The body keeps a wider right margin than the page for a
// readable line length (about 85 characters at 12 pt).
const (
	pageW, pageH            = 210.0, 297.0
	marginTop, marginBottom = 25.0, 20.0
	marginLeft, marginRight = 17.0, 10.0
	bodyRight               = pageW - 25.0
	windowX, windowY        = 17.0, 25.0
	windowW, windowH        = 115.0, 89.0
	addrX, addrY            = windowX + 4, windowY + 16
	addrW, addrH            = 59.0, 21.0
	headX                   = 140.0 // letterhead and details column, right of the window
	bodyStartFirstPage      = windowY + windowH + 4
	footerY                 = pageH - 12.0
	bodySize, smallSize     = 12.0, 9.0
	lineFactor              = 1.35 // line height as a multiple of the font size
	ptToMM                  = 25.4 / 72
	keepTogetherLines       = 5
)

// Renderer draws documents as PDF. It is safe for concurrent use.
type Renderer struct{}

// New returns a PDF renderer.
func New() *Renderer { return &Renderer{} }

// The layout's memory (page buffers, wrapped lines, the structure tree) is kept for the next
// letter; see freeList in finish.go.
var cursors = newFreeList(func() *cursor { return &cursor{tree: newStructTree()} })

// Render draws d (see RenderFile) and writes the PDF to w. The output depends only on d: the
// same document gives the same bytes.
func (r *Renderer) Render(d *document.Document, w io.Writer) error {
	f, err := r.RenderFile(d)
	if err != nil {
		return err
	}
	defer f.Release()
	_, err = w.Write(f.Bytes())
	return err
}

// RenderBytes is Render into a new byte slice of the PDF's size.
func (r *Renderer) RenderBytes(d *document.Document) ([]byte, error) {
	f, err := r.RenderFile(d)
	if err != nil {
		return nil, err
	}
	defer f.Release()
	return bytes.Clone(f.Bytes()), nil
}

// File is a drawn PDF in one of the renderer's buffers, with the SHA-256 of its bytes. Release
// gives the buffer back for the next letter; the bytes must not be used after it.
type File struct {
	buf *bytes.Buffer
	// Sum is the SHA-256 of the file, hashed in the same pass as the trailer's /ID.
	Sum [32]byte
}

// Bytes is the PDF, valid until Release.
func (f *File) Bytes() []byte { return f.buf.Bytes() }

// Release gives the file's buffer back to the renderer.
func (f *File) Release() {
	if f.buf != nil {
		buffers.Put(f.buf)
		f.buf = nil
	}
}

// RenderFile draws d into a buffer of the renderer's and hashes it: what the service sends
// without copying the PDF or reading it again for its hash (a letter's 57 KB were a third of
// the bytes a request allocated, and the second hash 3% of its time). The output depends
// only on d: the same document gives the same bytes.
//
// The layout: the cursor (cursor.go) starts pages and draws lines; the letterhead, the
// details and the address are drawn at fixed places of page one (letterhead); each block of
// the body measures and draws itself (blocks.go); finish (finish.go) turns fpdf's file with
// the cursor's page contents into the PDF/A-2a and PDF/UA-1 file.
func (r *Renderer) RenderFile(d *document.Document) (*File, error) {
	watermark := ""
	if d.Draft {
		if watermark = d.Watermark; watermark == "" {
			return nil, errors.New("pdfrender: a draft without its watermark word (templates: draft.watermark)")
		}
	}
	c := cursors.Get()
	defer cursors.Put(c)
	defer c.release()
	c.reset(newPDF(), watermark)
	c.startPage()
	letterhead(c, d)
	for i, b := range d.Body {
		next := d.Body[i+1:]
		layoutOf(b).draw(c, tailOf(c, next), next)
	}
	c.pageNumbers(d.Meta.PageLabel)
	if c.err != nil {
		return nil, c.err
	}
	raw, out := buffers.Get(), buffers.Get()
	defer buffers.Put(raw)
	raw.Reset()
	out.Reset()
	if err := c.pdf.Output(raw); err != nil {
		buffers.Put(out)
		return nil, fmt.Errorf("pdf: %w", err)
	}
	sum, err := finish(raw.Bytes(), out, d, c.tree, c.pages, c.registered)
	if err != nil {
		buffers.Put(out)
		return nil, err
	}
	return &File{buf: out, Sum: sum}, nil
}

// newPDF is the fpdf document that makes the file's skeleton: the pages, the logo, the
// resource dictionary.
func newPDF() *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, marginBottom) // the layout breaks pages itself, line by line
	pdf.SetCellMargin(0)
	pdf.SetCompression(false) // finish deflates the pages, with a pooled writer
	pdf.SetCatalogSort(true)  // the logo's objects in a fixed order
	// The catalog, the Info dictionary and the fonts are finish's; the pages' content is the
	// cursor's.
	return pdf
}

// letterhead draws what stands at fixed places of page one: the sender and the details right
// of the window, the return line and the recipient in its address box; the body starts below
// both.
func letterhead(c *cursor, d *document.Document) {
	headW := pageW - marginRight - headX
	// Letterhead, right of the window.
	c.y = marginTop
	c.element("Div", "", func() {
		if d.Sender.Logo != nil {
			c.logo(d.Sender.Logo, headW)
		}
		c.setFont(true, 14)
		c.element("P", "", func() { c.lines(headX, c.split(d.Sender.Organisation, headW), 14) })
		c.setFont(false, smallSize)
		if d.Sender.Unit != "" { // a pack without contact units names none
			c.element("P", "", func() { c.lines(headX, c.split(d.Sender.Unit, headW), smallSize) })
		}
		for _, l := range d.Sender.Lines {
			c.element("P", "", func() { c.lines(headX, c.split(l, headW), smallSize) })
		}
	})
	// Details: date, journal number, caseworker, as a table with a header for each row.
	c.y += 4
	c.element("Table", "", func() {
		for _, f := range d.Details {
			c.element("TR", "", func() {
				c.setFont(true, smallSize)
				c.element("TH", scopeRow, func() { c.lines(headX, c.split(f.Label, headW), smallSize) })
				c.setFont(false, smallSize)
				c.element("TD", "", func() { c.lines(headX, c.split(f.Value, headW), smallSize) })
			})
			c.y += 0.8
		}
	})
	detailsEnd := c.y

	// Return line (for the postal service: an artifact, the letterhead says it) and recipient
	// in the address box of the window. The return line fits the box's width.
	size := 7.0
	for c.setFont(false, size); size > 5 && c.width(d.Sender.ReturnLine) > addrW; c.setFont(false, size) {
		size -= 0.25
	}
	ret := c.split(d.Sender.ReturnLine, addrW)
	c.y = addrY - 1.2 - 0.6 - float64(len(ret))*lineHeight(size)
	c.artifact(artifactLayout, func() {
		for _, l := range ret {
			c.size = size
			c.draw(addrX, c.y+size*ptToMM, l)
			c.y += lineHeight(size)
		}
		c.out.line(addrX, addrY-1.2, addrX+addrW, addrY-1.2)
	})
	c.y = addrY + 0.5
	c.element("Div", "", func() { c.recipient(d.Recipient.Lines) })

	c.y = max(bodyStartFirstPage, detailsEnd+6)
}

// logoHeight is the height of a logo at the head of the letter, unless it is too wide.
const logoHeight = 14.0

// logo draws the municipality's logo at the head, as a Figure with its words for a screen
// reader and its box.
func (c *cursor) logo(img *document.Image, maxW float64) {
	h := logoHeight
	w := h * float64(img.Width) / float64(img.Height)
	if w > maxW {
		w, h = maxW, maxW*float64(img.Height)/float64(img.Width)
	}
	opts := fpdf.ImageOptions{ImageType: map[string]string{"png": "PNG", "jpeg": "JPG"}[img.Format]}
	c.pdf.RegisterImageOptionsReader("logo", opts, bytes.NewReader(img.Data))
	name, err := imageName(img.Data, opts)
	if err != nil && c.err == nil {
		c.err = err
	}
	bbox := make([]byte, 0, 64)
	bbox = append(bbox, "/Alt "...)
	bbox = append(bbox, pdfString(img.Alt)...)
	bbox = append(bbox, " /A <</O /Layout /Placement /Block /BBox ["...)
	for i, v := range [4]float64{headX * k, (pageH - c.y - h) * k, (headX + w) * k, (pageH - c.y) * k} {
		if i > 0 {
			bbox = append(bbox, ' ')
		}
		bbox = strconv.AppendFloat(bbox, v, 'f', 2, 64)
	}
	bbox = append(bbox, "]>>"...)
	y := c.y
	c.element("Figure", string(bbox), func() {
		c.tagged(func() { c.out.image(name, headX, y, w, h) })
	})
	c.y += h + 3
}

// recipient draws the address in the 59 x 21 mm box: a line too wide is set smaller (down to
// 7 pt) and, failing that, wrapped; never cut.
func (c *cursor) recipient(lines []string) {
	size := 10.0
	for _, l := range lines {
		for c.setFont(false, size); size > 7 && c.width(l) > addrW; c.setFont(false, size) {
			size -= 0.5
		}
	}
	c.setFont(false, size)
	for _, l := range lines {
		c.element("P", "", func() { c.lines(addrX, c.split(l, addrW), size) })
	}
}
