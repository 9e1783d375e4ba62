// Package pdfrender draws a document (letters/document) as an A4 PDF with embedded fonts,
// laid out for print in a window envelope. It knows millimetres, not § 104.
package pdfrender

import (
	"bytes"
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
	if err := finish(raw.Bytes(), out, d, p.tree); err != nil {
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
	fresh bool // nothing drawn on the page yet: a page break here would leave it empty
	doc   *document.Document
	tree  *structTree
	style fonts.Style
	size  float64 // points
	// registered marks the code-page fonts added to this document; fpdf embeds every font it
	// is given, so a page is added when the text first needs it.
	registered [2][]bool
	lastSplit  splitResult
}

func newPage(d *document.Document) *page {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(marginLeft, marginTop, marginRight)
	pdf.SetAutoPageBreak(false, marginBottom) // the layout breaks pages itself, line by line
	pdf.SetCellMargin(0)
	pdf.SetCompression(false) // finish deflates the pages afterwards, with a pooled writer
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
	p := &page{pdf: pdf, doc: d, size: bodySize, tree: newStructTree()}
	for s := range p.registered {
		p.registered[s] = make([]bool, fonts.Pages())
	}
	p.newPage()
	return p
}

func (p *page) newPage() {
	p.pdf.AddPage()
	p.y = marginTop
	p.fresh = true
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
	// The last split is kept: keeping a heading with what follows measures the next block,
	// which is then split again to be drawn.
	c := &p.lastSplit
	if c.lines != nil && c.text == text && c.width == width && c.style == p.style && c.size == p.size {
		return c.lines
	}
	lines := p.wrap(text, width)
	*c = splitResult{text, width, p.style, p.size, lines}
	return lines
}

type splitResult struct {
	text  string
	width float64
	style fonts.Style
	size  float64
	lines []string
}

func (p *page) wrap(text string, width float64) []string {
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
			// A line that wraps at a space keeps it at its end, so that the words on either
			// side stay two words for a reader of the text ("ikke betydelig").
			end := sep
			if c != '\n' && sep < len(s) && s[sep] == ' ' {
				end = sep + 1
			}
			lines = append(lines, string(s[j:end]))
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

// ensure starts a new page unless height mm fit above the bottom margin, or nothing is on
// the page yet (what does not fit on an empty page flows on, line by line).
func (p *page) ensure(height float64) {
	if !p.fresh && p.y+height > pageH-marginBottom {
		p.newPage()
	}
}

// text draws one line with its top at the current y, as content of the current structure
// element.
func (p *page) text(x float64, line string, size float64) {
	p.size = size
	p.fresh = false
	p.tagged(func() { p.draw(x, p.y+size*ptToMM, line) })
}

// lines draws wrapped lines at x, breaking pages between lines as needed, so that a text of
// any length flows on and nothing is cut.
func (p *page) lines(x float64, lines []string, size float64) {
	p.flow(len(lines), lineHeight(size), 1, 0, func(i int) { p.text(x, lines[i], size) })
}

// flow lays out n lines of height lh, calling line(i) for each with p.y at its top, and breaks
// pages between lines so that no page holds a single line of it at its foot or its head: the
// first min(n, keep) lines (all of a text of up to three lines) stay together, and the last
// two stay together with tail mm of what must follow on the same page (a closing).
func (p *page) flow(n int, lh float64, keep int, tail float64, line func(i int)) {
	for i := range n {
		switch {
		case i == 0:
			first := min(n, max(keep, 2))
			if n <= 3 {
				first = n
			}
			need := float64(first) * lh
			if first == n {
				need += tail
			}
			p.ensure(need)
		case i == n-2 && n > 3:
			p.ensure(2*lh + tail)
		default:
			p.ensure(lh)
		}
		line(i)
		p.y += lh
	}
}

func (p *page) firstPage(d *document.Document) {
	pdf := p.pdf
	headW := pageW - marginRight - headX
	// Letterhead, right of the window.
	p.y = marginTop
	p.element("Div", "", func() {
		if d.Sender.Logo != nil {
			p.logo(d.Sender.Logo, headW)
		}
		p.font(true, 14)
		p.element("P", "", func() { p.lines(headX, p.split(d.Sender.Organisation, headW), 14) })
		p.font(false, smallSize)
		p.element("P", "", func() { p.lines(headX, p.split(d.Sender.Unit, headW), smallSize) })
		for _, l := range d.Sender.Lines {
			p.element("P", "", func() { p.lines(headX, p.split(l, headW), smallSize) })
		}
	})
	// Details: date, journal number, caseworker, as a table with a header for each row.
	p.y += 4
	p.element("Table", "", func() {
		for _, f := range d.Details {
			p.element("TR", "", func() {
				p.font(true, smallSize)
				p.element("TH", scopeRow, func() { p.lines(headX, p.split(f.Label, headW), smallSize) })
				p.font(false, smallSize)
				p.element("TD", "", func() { p.lines(headX, p.split(f.Value, headW), smallSize) })
			})
			p.y += 0.8
		}
	})
	detailsEnd := p.y

	// Return line (for the postal service: an artifact, the letterhead says it) and recipient
	// in the address box of the window. The return line fits the box's width.
	size := 7.0
	for p.font(false, size); size > 5 && p.width(d.Sender.ReturnLine) > addrW; p.font(false, size) {
		size -= 0.25
	}
	ret := p.split(d.Sender.ReturnLine, addrW)
	p.y = addrY - 1.2 - 0.6 - float64(len(ret))*lineHeight(size)
	p.artifact(artifactLayout, func() {
		for _, l := range ret {
			p.size = size
			p.draw(addrX, p.y+size*ptToMM, l)
			p.y += lineHeight(size)
		}
		pdf.Line(addrX, addrY-1.2, addrX+addrW, addrY-1.2)
	})
	p.y = addrY + 0.5
	p.element("Div", "", func() { p.recipient(d.Recipient.Lines) })

	p.y = max(bodyStartFirstPage, detailsEnd+6)
}

// logoHeight is the height of a logo at the head of the letter, unless it is too wide.
const logoHeight = 14.0

// logo draws the municipality's logo at the head, as a Figure with its words for a screen
// reader and its box.
func (p *page) logo(img *document.Image, maxW float64) {
	h := logoHeight
	w := h * float64(img.Width) / float64(img.Height)
	if w > maxW {
		w, h = maxW, maxW*float64(img.Height)/float64(img.Width)
	}
	opts := fpdf.ImageOptions{ImageType: map[string]string{"png": "PNG", "jpeg": "JPG"}[img.Format]}
	p.pdf.RegisterImageOptionsReader("logo", opts, bytes.NewReader(img.Data))
	const k = 72 / 25.4 // points a millimetre
	bbox := fmt.Sprintf("[%.2f %.2f %.2f %.2f]", headX*k, (pageH-p.y-h)*k, (headX+w)*k, (pageH-p.y)*k)
	p.element("Figure", "/Alt "+pdfString(img.Alt)+" /A <</O /Layout /Placement /Block /BBox "+bbox+">>", func() {
		p.tagged(func() { p.pdf.ImageOptions("logo", headX, p.y, w, h, false, opts, 0, "") })
	})
	p.y += h + 3
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
		p.element("P", "", func() { p.lines(addrX, p.split(l, addrW), size) })
	}
}

// scopeRow makes a table header cell the header of its row.
const scopeRow = "/A <</O /Table /Scope /Row>>"

// block draws one block; rest is what follows, for keeping a heading with its text and a
// closing with what comes before it.
func (p *page) block(b document.Block, rest []document.Block) {
	width := bodyRight - marginLeft
	lh := lineHeight(bodySize)
	tail := p.tail(rest, width)
	switch b := b.(type) {
	case document.Heading:
		size := headingSize[b.Level]
		if size == 0 {
			size = bodySize
		}
		p.font(true, size)
		ls := p.split(b.Text, width)
		before := headingSpace[b.Level]
		// A heading is never the last line of a page: it stays with the start of what follows,
		// as much of it as that block itself keeps together.
		p.ensure(before + float64(len(ls))*lineHeight(size) + 1.2 + p.lead(rest, width))
		if !p.fresh {
			p.y += before
		}
		p.element(fmt.Sprintf("H%d", min(max(b.Level, 1), 6)), "", func() { p.lines(marginLeft, ls, size) })
		p.y += 1.2
	case document.Paragraph:
		p.font(b.Strong, bodySize)
		ls := p.split(b.Text, width)
		if b.Strong && len(ls) <= 2 {
			// A short bold line (the offer, the means of transport) introduces what follows:
			// like a heading, it never ends a page.
			p.ensure(float64(len(ls))*lh + paraGap + p.lead(rest, width))
		}
		p.element("P", "", func() {
			// A short paragraph (a signature, an address) stays on one page; a long one starts
			// only where a few of its lines fit.
			p.flow(len(ls), lh, keepTogetherLines, tail, func(i int) { p.text(marginLeft, ls[i], bodySize) })
		})
		p.y += paraGap
	case document.List:
		p.element("L", "", func() {
			for i, item := range b.Items {
				p.font(false, bodySize)
				ls := p.split(item, width-itemIndent)
				t := 0.0
				if i == len(b.Items)-1 {
					t = tail
				}
				p.element("LI", "", func() {
					var lbl int
					p.element("Lbl", "", func() { lbl = p.tree.cur })
					p.element("LBody", "", func() {
						p.flow(len(ls), lh, 2, t, func(j int) {
							if j == 0 {
								p.in(lbl, func() { p.text(marginLeft+bulletIndent, "•", bodySize) })
							}
							p.text(marginLeft+itemIndent, ls[j], bodySize)
						})
					})
				})
				p.y += 1
			}
		})
		p.y += paraGap - 1
	case document.Fields:
		p.element("Table", "", func() {
			for i, f := range b.Items {
				t := 0.0
				if i == len(b.Items)-1 {
					t = tail
				}
				p.field(f, width, t)
			}
		})
		p.y += paraGap
	case document.Notice:
		p.notice(b, width, tail)
	case document.Quote:
		p.quote(b, width, tail)
	default:
		panic(fmt.Sprintf("pdfrender: unknown block %T", b))
	}
}

// lead is the height the first of blocks needs at the top of what it draws: the lines it keeps
// together at its start (a heading: itself and the lead of what follows it).
func (p *page) lead(blocks []document.Block, width float64) float64 {
	if len(blocks) == 0 {
		return 0
	}
	lh := lineHeight(bodySize)
	style, size := p.style, p.size
	defer func() { p.style, p.size = style, size }()
	keep := func(n, k int) float64 {
		if n <= 3 {
			return float64(n) * lh
		}
		return float64(max(k, 2)) * lh
	}
	switch b := blocks[0].(type) {
	case document.Heading:
		hs := headingSize[b.Level]
		if hs == 0 {
			hs = bodySize
		}
		p.font(true, hs)
		return headingSpace[b.Level] + float64(len(p.split(b.Text, width)))*lineHeight(hs) + 1.2 + p.lead(blocks[1:], width)
	case document.Paragraph:
		p.font(b.Strong, bodySize)
		n := len(p.split(b.Text, width))
		if b.Strong && n <= 2 { // a bold line keeps with what follows it
			return float64(n)*lh + paraGap + p.lead(blocks[1:], width)
		}
		if n <= keepTogetherLines {
			return float64(n)*lh + p.tail(blocks[1:], width)
		}
		return keep(n, keepTogetherLines)
	case document.List:
		if len(b.Items) == 0 {
			return 0
		}
		p.font(false, bodySize)
		return keep(len(p.split(b.Items[0], width-itemIndent)), 2)
	case document.Fields:
		if len(b.Items) == 0 {
			return 0
		}
		return keep(p.fieldLines(b.Items[0], width), 2)
	case document.Notice:
		return 2*noticePad + 3*lh
	case document.Quote:
		return 2 * lh
	}
	return lh
}

// tail is what must stand on the same page as the last lines of the block before rest: a
// closing that must not start a page.
func (p *page) tail(rest []document.Block, width float64) float64 {
	if len(rest) > 0 {
		if next, ok := rest[0].(document.Paragraph); ok && next.KeepWithPrevious {
			return p.height(next, width) + paraGap
		}
	}
	return 0
}

// height is the height of a paragraph as drawn.
func (p *page) height(b document.Paragraph, width float64) float64 {
	style, size := p.style, p.size
	defer func() { p.style, p.size = style, size }()
	p.font(b.Strong, bodySize)
	return float64(len(p.split(b.Text, width))) * lineHeight(bodySize)
}

// fieldLines is the number of lines a labelled value takes.
func (p *page) fieldLines(f document.Field, width float64) int {
	style, size := p.style, p.size
	defer func() { p.style, p.size = style, size }()
	p.font(true, bodySize)
	n := len(p.split(f.Label, fieldLabelW-3))
	p.font(false, bodySize)
	return max(n, len(p.split(f.Value, width-fieldLabelW)))
}

// field draws a label and its value side by side as a table row with a row header; both wrap,
// and long values flow on to the next page line by line.
func (p *page) field(f document.Field, width, tail float64) {
	lh := lineHeight(bodySize)
	p.font(true, bodySize)
	labels := p.split(f.Label, fieldLabelW-3)
	p.font(false, bodySize)
	values := p.split(f.Value, width-fieldLabelW)
	p.element("TR", "", func() {
		var th, td int
		p.element("TH", scopeRow, func() { th = p.tree.cur })
		p.element("TD", "", func() { td = p.tree.cur })
		p.flow(max(len(labels), len(values)), lh, 2, tail, func(i int) {
			if i < len(labels) {
				p.font(true, bodySize)
				p.in(th, func() { p.text(marginLeft, labels[i], bodySize) })
			}
			if i < len(values) {
				p.font(false, bodySize)
				p.in(td, func() { p.text(marginLeft+fieldLabelW, values[i], bodySize) })
			}
		})
	})
	p.y += 0.8
}

// noticePad is the space inside a notice's frame.
const noticePad = 3.0

// notice draws a framed box; a box taller than the rest of the page continues, framed, on
// the next. The frame is an artifact; the title and each text are paragraphs of a Div.
func (p *page) notice(n document.Notice, width, tail float64) {
	const pad = noticePad
	lh := lineHeight(bodySize)
	type line struct {
		text string
		bold bool
		elem int
	}
	var ls []line
	p.tree.open("Div", "")
	p.font(true, bodySize)
	title := p.tree.open("P", "")
	p.tree.close()
	for _, t := range p.split(n.Title, width-2*pad) {
		ls = append(ls, line{t, true, title})
	}
	p.font(false, bodySize)
	for _, text := range n.Lines {
		e := p.tree.open("P", "")
		p.tree.close()
		for _, t := range p.split(text, width-2*pad) {
			ls = append(ls, line{t, false, e})
		}
	}
	frame := func(top, bottom float64) {
		p.artifact(artifactLayout, func() {
			p.pdf.SetLineWidth(0.6)
			p.pdf.Rect(marginLeft, top, width, bottom-top, "D")
			p.pdf.SetLineWidth(0.2)
		})
	}
	p.ensure(2*pad + min(3, float64(len(ls)))*lh)
	top := p.y
	p.y += pad
	for i, l := range ls {
		need := lh + pad
		if i == len(ls)-2 && len(ls) > 3 {
			need = 2*lh + pad + tail
		}
		if !p.fresh && p.y+need > pageH-marginBottom && i > 0 {
			frame(top, p.y+pad)
			p.newPage()
			top = p.y
			p.y += pad
		}
		p.font(l.bold, bodySize)
		p.in(l.elem, func() { p.text(marginLeft+pad, l.text, bodySize) })
		p.y += lh
	}
	p.y += pad
	frame(top, p.y)
	p.tree.close()
	p.y += paraGap + 1
}

// quote draws an indented quotation with a rule on its left, as a BlockQuote of the text and
// its source.
func (p *page) quote(q document.Quote, width, tail float64) {
	const indent = 6.0
	p.font(false, bodySize)
	ls := p.split(q.Text, width-indent)
	lh := lineHeight(bodySize)
	p.font(false, smallSize)
	src := p.split(q.Source, width-indent)
	srcH := float64(len(src)) * lineHeight(smallSize)
	p.element("BlockQuote", "", func() {
		p.font(false, bodySize)
		p.element("P", "", func() {
			p.flow(len(ls), lh, 2, srcH+tail, func(i int) {
				p.font(false, bodySize)
				p.artifact(artifactLayout, func() { p.pdf.Line(marginLeft+1.5, p.y, marginLeft+1.5, p.y+lh) })
				p.text(marginLeft+indent, ls[i], bodySize)
			})
		})
		p.font(false, smallSize)
		p.element("P", "", func() { p.lines(marginLeft+indent, src, smallSize) })
	})
	p.y += paraGap
}

// watermark draws a diagonal, extractable "UDKAST" across the page.
func (p *page) watermark() {
	pdf := p.pdf
	style, size := p.style, p.size
	p.artifact(artifactWatermark, func() {
		pdf.TransformBegin()
		pdf.TransformRotate(55, pageW/2, pageH/2)
		p.font(true, 110)
		pdf.SetTextColor(200, 200, 200)
		p.draw(pageW/2-p.width("UDKAST")/2, pageH/2+12, "UDKAST")
		pdf.SetTextColor(0, 0, 0)
		pdf.TransformEnd()
	})
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
		p.artifact(artifactFooter, func() { p.draw(bodyRight-p.width(s), footerY, s) })
	}
}
