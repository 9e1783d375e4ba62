// Package pdfrender draws a document (letters/document) as an A4 PDF with embedded fonts,
// laid out for print in a window envelope. It knows millimetres, not § 104.
package pdfrender

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/bronderslev/afgorelsesbreve/fonts"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// Page geometry in mm. The margins, window and address box are Digitaliseringsstyrelsen's A4
// print template (LEGAL-NOTES § 4). The body keeps a wider right margin than the page for a
// readable line length (about 85 characters at 12 pt).
const (
	pageW, pageH             = 210.0, 297.0
	marginTop, marginBottom  = 25.0, 20.0
	marginLeft, marginRight  = 17.0, 10.0
	bodyRight                = pageW - 25.0
	windowX, windowY         = 17.0, 25.0
	windowW, windowH         = 115.0, 89.0
	addrX, addrY             = windowX + 4, windowY + 16
	addrW, addrH             = 59.0, 21.0
	headX                    = 140.0 // letterhead and details column, right of the window
	bodyStartFirstPage       = windowY + windowH + 4
	footerY                  = pageH - 12.0
	bodySize, smallSize      = 12.0, 9.0
	lineFactor               = 1.35 // line height as a multiple of the font size
	ptToMM                   = 25.4 / 72
	bulletIndent, itemIndent = 3.0, 8.0
	fieldLabelW              = 58.0
	paraGap                  = 2.6
	keepTogetherLines        = 5
)

// Heading sizes (pt) and the space above them (mm), by level.
var (
	headingSize  = map[int]float64{1: 17, 2: 14, 3: 12.5}
	headingSpace = map[int]float64{1: 0, 2: 5, 3: 3}
)

// Renderer draws documents as PDF. It is safe for concurrent use.
type Renderer struct{}

// New returns a PDF renderer.
func New() *Renderer { return &Renderer{} }

// Render draws d and writes the PDF to w. The output depends only on d: the same document
// gives the same bytes.
func (r *Renderer) Render(d *document.Document, w io.Writer) error {
	p := newPage(d)
	p.firstPage(d)
	for i, b := range d.Body {
		p.block(b, d.Body[i+1:])
	}
	p.pageNumbers(d.Meta.PageLabel)
	raw, out := buffers.Get(), buffers.Get()
	defer buffers.Put(raw)
	defer buffers.Put(out)
	raw.Reset()
	out.Reset()
	if err := p.pdf.Output(raw); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if err := compressStreams(raw.Bytes(), out); err != nil {
		return err
	}
	_, err := w.Write(out.Bytes())
	return err
}

// RenderBytes is Render into a new byte slice of the PDF's size.
func (r *Renderer) RenderBytes(d *document.Document) ([]byte, error) {
	var w sizedWriter
	err := r.Render(d, &w)
	return w.b, err
}

// sizedWriter keeps one Write's bytes in a slice of just their size.
type sizedWriter struct{ b []byte }

func (w *sizedWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

type page struct {
	pdf   *fpdf.Fpdf
	y     float64
	doc   *document.Document
	style fonts.Style
	size  float64 // points
	// registered marks the code-page fonts added to this document; fpdf embeds every font it
	// is given, so a page is added when the text first needs it.
	registered [2][]bool
}

func newPage(d *document.Document) *page {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, marginBottom) // the layout breaks pages itself, line by line
	pdf.SetCellMargin(0)
	pdf.SetCompression(false) // compressStreams deflates the pages afterwards, with a pooled writer
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(d.Meta.Created)
	pdf.SetModificationDate(d.Meta.Created)
	pdf.SetTitle(d.Meta.Title, true)
	pdf.SetSubject(d.Meta.Subject, true)
	pdf.SetAuthor(d.Meta.Author, true)
	pdf.SetCreator(d.Meta.Author, true)
	pdf.SetLang(d.Meta.Language)
	pdf.SetTextColor(0, 0, 0)
	pdf.SetDrawColor(0, 0, 0)
	p := &page{pdf: pdf, doc: d, size: bodySize}
	for s := range p.registered {
		p.registered[s] = make([]bool, fonts.Pages())
	}
	p.newPage()
	return p
}

func (p *page) newPage() {
	p.pdf.AddPage()
	p.y = marginTop
	if p.doc.Draft {
		p.watermark()
	}
}

// font sets the style and size of the text that follows.
func (p *page) font(bold bool, size float64) {
	p.style, p.size = fonts.Regular, size
	if bold {
		p.style = fonts.Bold
	}
}

func lineHeight(size float64) float64 { return size * ptToMM * lineFactor }

// glyph finds r in the code pages. A character no font has can only reach a draft (a letter
// with one is refused by the rule unsupported_character), where it shows as "¤".
func glyph(r rune) (page int, code byte) {
	if page, code, ok := fonts.Lookup(r); ok {
		return page, code
	}
	page, code, _ = fonts.Lookup('¤')
	return page, code
}

// advance is the width of r in 1/1000 em of the current style.
func (p *page) advance(r rune) int {
	pg, code := glyph(r)
	return fonts.FaceOf(p.style, pg).Widths[code]
}

// width is the width of s in mm in the current style and size.
func (p *page) width(s string) float64 {
	total := 0
	for _, r := range s {
		total += p.advance(r)
	}
	return float64(total) * p.size / 1000 * ptToMM
}

// split wraps text to width (mm) in the current style and size: at spaces where it can, inside
// a word too long for a line where it must. Line breaks in the text are kept; carriage returns
// and tabs are drawn as line breaks and spaces. (fpdf's SplitText, with the code pages' widths.)
func (p *page) split(text string, width float64) []string {
	if strings.ContainsAny(text, "\r\t") {
		text = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ").Replace(text)
	}
	s := []rune(strings.TrimRight(text, "\n"))
	if len(s) == 0 {
		return []string{""}
	}
	wmax := width * 1000 / (p.size * ptToMM)
	var lines []string
	sep, i, j, l := -1, 0, 0, 0.0
	for i < len(s) {
		c := s[i]
		if c != '\n' {
			l += float64(p.advance(c))
		}
		if c == ' ' || c == '\n' {
			sep = i
		}
		if c == '\n' || l > wmax {
			if sep == -1 {
				if i == j {
					i++
				}
				sep = i
			} else {
				i = sep + 1
			}
			lines = append(lines, string(s[j:sep]))
			sep, j, l = -1, i, 0
		} else {
			i++
		}
	}
	if i != j {
		lines = append(lines, string(s[j:i]))
	}
	return lines
}

// use makes sure a code page of the current style is in the document and selects it.
func (p *page) use(pg int) *fonts.Face {
	face := fonts.FaceOf(p.style, pg)
	style := ""
	if p.style == fonts.Bold {
		style = "B"
	}
	if !p.registered[p.style][pg] {
		p.pdf.AddFontFromBytes(face.Family, style, face.Def, face.File)
		p.registered[p.style][pg] = true
	}
	p.pdf.SetFont(face.Family, style, p.size)
	return face
}

// draw writes line with its baseline at y: runs of characters from one code page each, a space
// staying in the run it falls in.
func (p *page) draw(x, y float64, line string) {
	run := make([]byte, 0, len(line))
	cur := -1
	flush := func() {
		if len(run) == 0 {
			return
		}
		face := p.use(cur)
		p.pdf.Text(x, y, string(run))
		w := 0
		for _, c := range run {
			w += face.Widths[c]
		}
		x += float64(w) * p.size / 1000 * ptToMM
		run = run[:0]
	}
	for _, r := range line {
		if r == ' ' && cur >= 0 {
			run = append(run, ' ')
			continue
		}
		pg, code := glyph(r)
		if pg != cur {
			flush()
			cur = pg
		}
		run = append(run, code)
	}
	flush()
}

// ensure starts a new page unless height mm fit above the bottom margin.
func (p *page) ensure(height float64) {
	if p.y+height > pageH-marginBottom {
		p.newPage()
	}
}

// text draws one line with its top at the current y.
func (p *page) text(x float64, line string, size float64) {
	p.size = size
	p.draw(x, p.y+size*ptToMM, line)
}

// lines draws wrapped lines at x, breaking pages between lines as needed, so that a text of
// any length flows on and nothing is cut.
func (p *page) lines(x float64, lines []string, size float64) {
	lh := lineHeight(size)
	for _, l := range lines {
		p.ensure(lh)
		p.text(x, l, size)
		p.y += lh
	}
}

func (p *page) firstPage(d *document.Document) {
	pdf := p.pdf
	// Letterhead, right of the window.
	p.y = marginTop
	p.font(true, 14)
	p.lines(headX, p.split(d.Sender.Organisation, pageW-marginRight-headX), 14)
	p.font(false, smallSize)
	p.lines(headX, p.split(d.Sender.Unit, pageW-marginRight-headX), smallSize)
	for _, l := range d.Sender.Lines {
		p.lines(headX, p.split(l, pageW-marginRight-headX), smallSize)
	}
	// Details: date, journal number, caseworker.
	p.y += 4
	for _, f := range d.Details {
		p.font(true, smallSize)
		p.lines(headX, p.split(f.Label, pageW-marginRight-headX), smallSize)
		p.font(false, smallSize)
		p.lines(headX, p.split(f.Value, pageW-marginRight-headX), smallSize)
		p.y += 0.8
	}
	detailsEnd := p.y

	// Return line and recipient in the address box of the window.
	p.font(false, 7)
	p.y = addrY - 4.5
	p.text(addrX, d.Sender.ReturnLine, 7)
	pdf.Line(addrX, addrY-1.2, addrX+addrW, addrY-1.2)
	p.y = addrY + 0.5
	p.recipient(d.Recipient.Lines)

	p.y = max(bodyStartFirstPage, detailsEnd+6)
}

// recipient draws the address in the 59 x 21 mm box: a line too wide is set smaller (down to
// 7 pt) and, failing that, wrapped; never cut.
func (p *page) recipient(lines []string) {
	size := 10.0
	for _, l := range lines {
		for p.font(false, size); size > 7 && p.width(l) > addrW; p.font(false, size) {
			size -= 0.5
		}
	}
	p.font(false, size)
	for _, l := range lines {
		p.lines(addrX, p.split(l, addrW), size)
	}
}

// block draws one block; rest is what follows, for keeping a heading with its text.
func (p *page) block(b document.Block, rest []document.Block) {
	width := bodyRight - marginLeft
	switch b := b.(type) {
	case document.Heading:
		size := headingSize[b.Level]
		if size == 0 {
			size = bodySize
		}
		p.font(true, size)
		ls := p.split(b.Text, width)
		before := headingSpace[b.Level]
		// Keep the heading with at least three lines of what follows.
		p.ensure(before + float64(len(ls))*lineHeight(size) + 3*lineHeight(bodySize))
		if p.y > marginTop {
			p.y += before
		}
		p.lines(marginLeft, ls, size)
		p.y += 1.2
	case document.Paragraph:
		p.font(b.Strong, bodySize)
		ls := p.split(b.Text, width)
		// A short paragraph (a signature, an address) stays on one page; a long one starts
		// only where a few of its lines fit, never as a lone line at the foot of a page.
		p.ensure(float64(min(len(ls), keepTogetherLines)) * lineHeight(bodySize))
		p.lines(marginLeft, ls, bodySize)
		p.y += paraGap
	case document.List:
		for _, item := range b.Items {
			p.font(false, bodySize)
			ls := p.split(item, width-itemIndent)
			p.ensure(lineHeight(bodySize))
			p.text(marginLeft+bulletIndent, "•", bodySize)
			p.lines(marginLeft+itemIndent, ls, bodySize)
			p.y += 1
		}
		p.y += paraGap - 1
	case document.Fields:
		for _, f := range b.Items {
			p.field(f, width)
		}
		p.y += paraGap
	case document.Notice:
		p.notice(b, width)
	case document.Quote:
		p.quote(b, width)
	default:
		panic(fmt.Sprintf("pdfrender: unknown block %T", b))
	}
}

// field draws a label and its value side by side; both wrap, and long values flow on to the
// next page line by line.
func (p *page) field(f document.Field, width float64) {
	lh := lineHeight(bodySize)
	p.font(true, bodySize)
	labels := p.split(f.Label, fieldLabelW-3)
	p.font(false, bodySize)
	values := p.split(f.Value, width-fieldLabelW)
	for i := range max(len(labels), len(values)) {
		p.ensure(lh)
		if i < len(labels) {
			p.font(true, bodySize)
			p.text(marginLeft, labels[i], bodySize)
		}
		if i < len(values) {
			p.font(false, bodySize)
			p.text(marginLeft+fieldLabelW, values[i], bodySize)
		}
		p.y += lh
	}
	p.y += 0.8
}

// notice draws a framed box; a box taller than the rest of the page continues, framed, on
// the next.
func (p *page) notice(n document.Notice, width float64) {
	const pad = 3.0
	lh := lineHeight(bodySize)
	type line struct {
		text string
		bold bool
	}
	var ls []line
	p.font(true, bodySize)
	for _, t := range p.split(n.Title, width-2*pad) {
		ls = append(ls, line{t, true})
	}
	p.font(false, bodySize)
	for _, text := range n.Lines {
		for _, t := range p.split(text, width-2*pad) {
			ls = append(ls, line{t, false})
		}
	}
	p.ensure(2*pad + min(3, float64(len(ls)))*lh)
	p.pdf.SetLineWidth(0.6)
	top := p.y
	p.y += pad
	for _, l := range ls {
		if p.y+lh+pad > pageH-marginBottom {
			p.pdf.Rect(marginLeft, top, width, p.y+pad-top, "D")
			p.newPage()
			top = p.y
			p.y += pad
		}
		p.font(l.bold, bodySize)
		p.text(marginLeft+pad, l.text, bodySize)
		p.y += lh
	}
	p.y += pad
	p.pdf.Rect(marginLeft, top, width, p.y-top, "D")
	p.pdf.SetLineWidth(0.2)
	p.y += paraGap + 1
}

// quote draws an indented quotation with a rule on its left.
func (p *page) quote(q document.Quote, width float64) {
	const indent = 6.0
	p.font(false, bodySize)
	ls := p.split(q.Text, width-indent)
	lh := lineHeight(bodySize)
	for _, l := range ls {
		p.ensure(lh)
		p.pdf.Line(marginLeft+1.5, p.y, marginLeft+1.5, p.y+lh)
		p.text(marginLeft+indent, l, bodySize)
		p.y += lh
	}
	p.font(false, smallSize)
	p.lines(marginLeft+indent, p.split(q.Source, width-indent), smallSize)
	p.y += paraGap
}

// watermark draws a diagonal, extractable "UDKAST" across the page.
func (p *page) watermark() {
	pdf := p.pdf
	style, size := p.style, p.size
	pdf.TransformBegin()
	pdf.TransformRotate(55, pageW/2, pageH/2)
	p.font(true, 110)
	pdf.SetTextColor(200, 200, 200)
	p.draw(pageW/2-p.width("UDKAST")/2, pageH/2+12, "UDKAST")
	pdf.SetTextColor(0, 0, 0)
	pdf.TransformEnd()
	p.style, p.size = style, size
}

// pageNumbers writes "Side X af Y" on every page once the page count is known.
func (p *page) pageNumbers(label string) {
	if label == "" {
		return
	}
	n := p.pdf.PageCount()
	for i := 1; i <= n; i++ {
		p.pdf.SetPage(i)
		// fpdf skips a SetFont equal to its last one, but that one was set on another page.
		p.font(false, smallSize+1)
		p.use(0)
		p.font(false, smallSize)
		s := fmt.Sprintf(label, i, n)
		p.draw(bodyRight-p.width(s), footerY, s)
	}
}
