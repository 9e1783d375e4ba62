package pdfrender

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/bronderslev/afgorelsesbreve/fonts"
)

// cursor is where the layout stands: on which page, how far down it, in which font; it starts
// pages, measures and wraps text, and draws lines of it. What to draw is the blocks' business
// (blocks.go).
type cursor struct {
	pdf   *fpdf.Fpdf // the file's skeleton: the pages, the logo, the resources
	pages []content  // the pages' content streams (content.go), from page 0
	out   *content   // the current page's
	page  int        // the current page, from 0
	y     float64
	fresh bool // nothing drawn on the page yet: a page break here would leave it empty
	tree  *structTree
	style fonts.Style
	size  float64 // points
	// watermark is the word drawn across every page of a draft; empty for a letter.
	watermark string
	// colour is the text colour when it is not black.
	colour string
	// font is the font the content last selected: fpdf selects it again at the head of a page.
	font selected
	// registered marks the faces the letter uses, by style and code page: only these are
	// embedded (fontobjects.go).
	registered [2][]bool
	err        error // the first failure to name a font or the logo
	lastSplit  splitResult
	wrapped    []string // wrapped lines of every text of the letter: split returns slices of it
	run        []byte   // the codes of one run of text, reused
}

// reset readies a cursor from the free list for a new document.
func (c *cursor) reset(pdf *fpdf.Fpdf, watermark string) {
	c.pages = c.pages[:0]
	c.pdf, c.out, c.page, c.y, c.fresh, c.watermark, c.colour, c.err = pdf, nil, 0, 0, false, watermark, "", nil
	c.tree.reset()
	c.style, c.size, c.font = fonts.Regular, bodySize, selected{}
	for s := range c.registered {
		if len(c.registered[s]) != fonts.Pages() {
			c.registered[s] = make([]bool, fonts.Pages())
		}
		clear(c.registered[s])
	}
	c.lastSplit = splitResult{}
	clear(c.wrapped)
	c.wrapped = c.wrapped[:0]
}

// release drops what the cursor holds of the letter (its texts, fpdf's document) before it
// waits on the free list; the buffers stay.
func (c *cursor) release() {
	clear(c.wrapped)
	c.wrapped = c.wrapped[:0]
	c.lastSplit = splitResult{}
	c.pdf, c.out = nil, nil
}

// startPage is the one way a page starts: a new page in the document, the cursor at its top
// margin, the draft's watermark on it.
func (c *cursor) startPage() {
	c.pdf.AddPage()
	if len(c.pages) < cap(c.pages) {
		c.pages = c.pages[:len(c.pages)+1] // keeps the page's buffer of an earlier letter
	} else {
		c.pages = append(c.pages, content{b: make([]byte, 0, 16<<10)})
	}
	c.page = len(c.pages) - 1
	c.out = &c.pages[c.page]
	c.out.b = c.out.b[:0]
	c.out.prologue(&c.font)
	c.y = marginTop
	c.fresh = true
	if c.watermark != "" {
		c.drawWatermark()
	}
}

// onPage makes page n (from 1) the one drawn on, for what is added once all pages are laid out.
func (c *cursor) onPage(n int) { c.page, c.out = n-1, &c.pages[n-1] }

// setFont sets the style and size of the text that follows.
func (c *cursor) setFont(bold bool, size float64) {
	c.style, c.size = fonts.Regular, size
	if bold {
		c.style = fonts.Bold
	}
}

// measure runs f and restores the font, for measuring what is drawn later.
func (c *cursor) measure(f func() float64) float64 {
	style, size := c.style, c.size
	defer func() { c.style, c.size = style, size }()
	return f()
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

// width is the width of s in mm in the current style and size.
func (c *cursor) width(s string) float64 {
	total := 0
	for _, r := range s {
		total += fonts.Advance(c.style, r)
	}
	return float64(total) * c.size / 1000 * ptToMM
}

// split wraps text to width (mm) in the current style and size: at spaces where it can, inside
// a word too long for a line where it must. Line breaks in the text are kept; carriage returns
// and tabs are drawn as line breaks and spaces. (fpdf's SplitText, with the code pages' widths.)
func (c *cursor) split(text string, width float64) []string {
	// The last split is kept: keeping a heading with what follows measures the next block,
	// which is then split again to be drawn.
	l := &c.lastSplit
	if l.lines != nil && l.text == text && l.width == width && l.style == c.style && l.size == c.size {
		return l.lines
	}
	lines := c.wrap(text, width)
	*l = splitResult{text, width, c.style, c.size, lines}
	return lines
}

type splitResult struct {
	text  string
	width float64
	style fonts.Style
	size  float64
	lines []string
}

var controls = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ")

// wrap is split without the cache. The lines are substrings of text, kept in c.wrapped, which
// only grows during a letter: a slice returned earlier stays as it was.
func (c *cursor) wrap(text string, width float64) []string {
	if strings.ContainsAny(text, "\r\t") {
		text = controls.Replace(text)
	}
	s := strings.TrimRight(text, "\n")
	start := len(c.wrapped)
	if s == "" {
		c.wrapped = append(c.wrapped, "")
		return c.wrapped[start:len(c.wrapped):len(c.wrapped)]
	}
	wmax := width * 1000 / (c.size * ptToMM)
	// i, j and sep are byte offsets; a space and a line break are one byte.
	sep, i, j, l := -1, 0, 0, 0.0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != '\n' {
			l += float64(fonts.Advance(c.style, r))
		}
		if r == ' ' || r == '\n' {
			sep = i
		}
		if r == '\n' || l > wmax {
			if sep == -1 {
				if i == j {
					i += n
				}
				sep = i
			} else {
				i = sep + 1
			}
			// A line that wraps at a space keeps it at its end, so that the words on either
			// side stay two words for a reader of the text ("ikke betydelig").
			end := sep
			if r != '\n' && sep < len(s) && s[sep] == ' ' {
				end = sep + 1
			}
			c.wrapped = append(c.wrapped, s[j:end])
			sep, j, l = -1, i, 0
		} else {
			i += n
		}
	}
	if i != j {
		c.wrapped = append(c.wrapped, s[j:i])
	}
	return c.wrapped[start:len(c.wrapped):len(c.wrapped)]
}

// use marks a code page of the current style as used and selects it.
func (c *cursor) use(pg int) *fonts.Face {
	face := fonts.FaceOf(c.style, pg)
	style := ""
	if c.style == fonts.Bold {
		style = "B"
	}
	c.registered[c.style][pg] = true
	id, err := fontName(face, style)
	if err != nil && c.err == nil {
		c.err = err
	}
	c.font = selected{id, c.size}
	c.out.font(&c.font)
	return face
}

// draw writes line with its baseline at y: runs of characters from one code page each, a space
// staying in the run it falls in.
func (c *cursor) draw(x, y float64, line string) {
	run := c.run[:0]
	cur := -1
	flush := func() {
		if len(run) == 0 {
			return
		}
		face := c.use(cur)
		c.out.text(x, y, run, c.colour)
		w := 0
		for _, b := range run {
			w += face.Widths[b]
		}
		x += float64(w) * c.size / 1000 * ptToMM
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
	c.run = run
}

// ensure starts a new page unless height mm fit above the bottom margin, or nothing is on
// the page yet (what does not fit on an empty page flows on, line by line).
func (c *cursor) ensure(height float64) {
	if !c.fresh && c.y+height > pageH-marginBottom {
		c.startPage()
	}
}

// text draws one line with its top at the current y, as content of the current structure
// element.
func (c *cursor) text(x float64, line string, size float64) {
	c.size = size
	c.fresh = false
	c.tagged(func() { c.draw(x, c.y+size*ptToMM, line) })
}

// lines draws wrapped lines at x, breaking pages between lines as needed, so that a text of
// any length flows on and nothing is cut.
func (c *cursor) lines(x float64, lines []string, size float64) {
	c.flow(len(lines), lineHeight(size), 1, 0, func(i int) { c.text(x, lines[i], size) })
}

// flow lays out n lines of height lh, calling line(i) for each with c.y at its top, and breaks
// pages between lines so that no page holds a single line of it at its foot or its head: the
// first min(n, keep) lines (all of a text of up to three lines) stay together, and the last
// two stay together with tail mm of what must follow on the same page (a closing).
func (c *cursor) flow(n int, lh float64, keep int, tail float64, line func(i int)) {
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
			c.ensure(need)
		case i == n-2 && n > 3:
			c.ensure(2*lh + tail)
		default:
			c.ensure(lh)
		}
		line(i)
		c.y += lh
	}
}

// drawWatermark draws the draft's word diagonally across the page, grey and extractable, as
// an artifact. The font it leaves selected is selected again, as fpdf's pages did.
func (c *cursor) drawWatermark() {
	style, size := c.style, c.size
	c.artifact(artifactWatermark, func() {
		c.out.rotate(55, pageW/2, pageH/2)
		c.setFont(true, 110)
		c.colour = "0.784 g" // fpdf's grey for 200, 200, 200
		c.draw(pageW/2-c.width(c.watermark)/2, pageH/2+12, c.watermark)
		c.colour = ""
		c.out.restore()
	})
	c.style, c.size = style, size
}

// pageNumbers writes the page label ("Side X af Y") on every page once the count is known.
func (c *cursor) pageNumbers(label string) {
	if label == "" {
		return
	}
	n := len(c.pages)
	for i := 1; i <= n; i++ {
		c.onPage(i)
		// The renderer selected the font before drawing since it first drew page numbers with
		// fpdf, which then skipped a SetFont equal to its last one; kept, so the bytes stay.
		c.setFont(false, smallSize+1)
		c.use(0)
		c.setFont(false, smallSize)
		s := pageLabel(label, i, n)
		c.artifact(artifactFooter, func() { c.draw(bodyRight-c.width(s), footerY, s) })
	}
}

// pageLabel is label with its two %d replaced by page and count, without fmt; a label of
// another shape goes through fmt.Sprintf, as before.
func pageLabel(label string, page, count int) string {
	a, rest, ok := strings.Cut(label, "%d")
	b, tail, ok2 := strings.Cut(rest, "%d")
	if !ok || !ok2 || strings.Contains(a+b+tail, "%") {
		return fmt.Sprintf(label, page, count)
	}
	buf := make([]byte, 0, len(label)+8)
	buf = strconv.AppendInt(append(buf, a...), int64(page), 10)
	buf = strconv.AppendInt(append(buf, b...), int64(count), 10)
	return string(append(buf, tail...))
}
