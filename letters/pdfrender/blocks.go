package pdfrender

import (
	"fmt"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// A block of the letter's body as the layout knows it: what it keeps together at its start,
// and how it draws itself, side by side, so that a new kind of block or a changed spacing is
// one type here. Every block is drawn the full body width, from marginLeft to bodyRight.
type block interface {
	// lead is the height the block needs at the top of what it draws: the lines it keeps
	// together at its start. next are the blocks after it (a heading keeps with the lead of
	// what follows it).
	lead(c *cursor, next []document.Block) float64
	// draw draws the block at the cursor and moves it below. tail is the height of what must
	// stand on the same page as the block's last lines (a closing, see tailOf).
	draw(c *cursor, tail float64, next []document.Block)
}

// layoutOf is the layout of a document block: the one place that knows every kind.
func layoutOf(b document.Block) block {
	switch b := b.(type) {
	case document.Heading:
		return heading(b)
	case document.Paragraph:
		return paragraph(b)
	case document.List:
		return list(b)
	case document.Fields:
		return fields(b)
	case document.Notice:
		return notice(b)
	case document.Quote:
		return quote(b)
	}
	panic(fmt.Sprintf("pdfrender: unknown block %T", b))
}

const bodyW = bodyRight - marginLeft

// leadOf is the lead of the first of blocks, 0 when there is none; the font is left as it was.
func leadOf(c *cursor, blocks []document.Block) float64 {
	if len(blocks) == 0 {
		return 0
	}
	return c.measure(func() float64 { return layoutOf(blocks[0]).lead(c, blocks[1:]) })
}

// tailOf is what must stand on the same page as the last lines of the block before next: a
// closing (a paragraph that keeps with the one before it) must not start a page.
func tailOf(c *cursor, next []document.Block) float64 {
	if len(next) > 0 {
		if p, ok := next[0].(document.Paragraph); ok && p.KeepWithPrevious {
			return c.measure(func() float64 { return paragraph(p).height(c) }) + paraGap
		}
	}
	return 0
}

// keep is the height of the first lines of an n-line text that stay together: all of a text
// of up to three lines, else k of them (at least 2).
func keep(n, k int) float64 {
	lh := lineHeight(bodySize)
	if n <= 3 {
		return float64(n) * lh
	}
	return float64(max(k, 2)) * lh
}

// heading: bold, sized by level, with space above it; never the last line of a page.
type heading document.Heading

// Heading sizes (pt) and the space above them (mm), by level; another level is body size
// with no space.
var (
	headingSize  = map[int]float64{1: 17, 2: 14, 3: 12.5}
	headingSpace = map[int]float64{1: 0, 2: 5, 3: 3}
)

const headingGap = 1.2 // below a heading

// lines sets the heading's font and wraps it.
func (h heading) lines(c *cursor) ([]string, float64) {
	size := headingSize[h.Level]
	if size == 0 {
		size = bodySize
	}
	c.setFont(true, size)
	return c.split(h.Text, bodyW), size
}

// height is the heading's lines as drawn after other text: the space above, the lines, the
// gap below.
func (h heading) height(ls []string, size float64) float64 {
	return headingSpace[h.Level] + float64(len(ls))*lineHeight(size) + headingGap
}

func (h heading) lead(c *cursor, next []document.Block) float64 {
	ls, size := h.lines(c)
	return h.height(ls, size) + leadOf(c, next)
}

func (h heading) draw(c *cursor, _ float64, next []document.Block) {
	ls, size := h.lines(c)
	// A heading stays with the start of what follows, as much of it as that block keeps
	// together.
	c.ensure(h.height(ls, size) + leadOf(c, next))
	if !c.fresh {
		c.y += headingSpace[h.Level]
	}
	c.element(headingTag(h.Level), "", func() { c.lines(marginLeft, ls, size) })
	c.y += headingGap
}

var headingTags = [...]string{"H1", "H1", "H2", "H3", "H4", "H5", "H6"}

func headingTag(level int) string { return headingTags[min(max(level, 1), 6)] }

// paragraph: body text; a short bold one (the offer, the means of transport) introduces what
// follows and, like a heading, never ends a page.
type paragraph document.Paragraph

const paraGap = 2.6 // below a paragraph, a list, labelled values, a quote

// introduces is whether the paragraph keeps with what follows: bold and at most two lines.
func (p paragraph) introduces(n int) bool { return p.Strong && n <= 2 }

func (p paragraph) lines(c *cursor) []string {
	c.setFont(p.Strong, bodySize)
	return c.split(p.Text, bodyW)
}

// height is the paragraph's lines.
func (p paragraph) height(c *cursor) float64 {
	return float64(len(p.lines(c))) * lineHeight(bodySize)
}

func (p paragraph) lead(c *cursor, next []document.Block) float64 {
	n := len(p.lines(c))
	switch {
	case p.introduces(n):
		return float64(n)*lineHeight(bodySize) + paraGap + leadOf(c, next)
	case n <= keepTogetherLines:
		return float64(n)*lineHeight(bodySize) + tailOf(c, next)
	}
	return keep(n, keepTogetherLines)
}

func (p paragraph) draw(c *cursor, tail float64, next []document.Block) {
	lh := lineHeight(bodySize)
	ls := p.lines(c)
	if p.introduces(len(ls)) {
		c.ensure(float64(len(ls))*lh + paraGap + leadOf(c, next))
	}
	c.element("P", "", func() {
		// A short paragraph (a signature, an address) stays on one page; a long one starts
		// only where a few of its lines fit.
		c.flow(len(ls), lh, keepTogetherLines, tail, func(i int) { c.text(marginLeft, ls[i], bodySize) })
	})
	c.y += paraGap
}

// list: bulleted items, each kept together over its first two lines.
type list document.List

const (
	bulletIndent, itemIndent = 3.0, 8.0
	itemGap                  = 1.0 // below each item
)

func (l list) item(c *cursor, i int) []string {
	c.setFont(false, bodySize)
	return c.split(l.Items[i], bodyW-itemIndent)
}

func (l list) lead(c *cursor, _ []document.Block) float64 {
	if len(l.Items) == 0 {
		return 0
	}
	return keep(len(l.item(c, 0)), 2)
}

func (l list) draw(c *cursor, tail float64, _ []document.Block) {
	lh := lineHeight(bodySize)
	c.element("L", "", func() {
		for i := range l.Items {
			ls := l.item(c, i)
			t := 0.0
			if i == len(l.Items)-1 {
				t = tail
			}
			c.element("LI", "", func() {
				var lbl int
				c.element("Lbl", "", func() { lbl = c.tree.cur })
				c.element("LBody", "", func() {
					c.flow(len(ls), lh, 2, t, func(j int) {
						if j == 0 {
							c.in(lbl, func() { c.text(marginLeft+bulletIndent, "•", bodySize) })
						}
						c.text(marginLeft+itemIndent, ls[j], bodySize)
					})
				})
			})
			c.y += itemGap
		}
	})
	c.y += paraGap - itemGap
}

// fields: labelled values, a label and its value side by side as a table row with a row
// header; both wrap, and a long value flows on to the next page line by line.
type fields document.Fields

const (
	fieldLabelW = 58.0
	fieldGap    = 0.8 // below each row
)

func fieldLines(c *cursor, f document.Field) (labels, values []string) {
	c.setFont(true, bodySize)
	labels = c.split(f.Label, fieldLabelW-3)
	c.setFont(false, bodySize)
	return labels, c.split(f.Value, bodyW-fieldLabelW)
}

func (fs fields) lead(c *cursor, _ []document.Block) float64 {
	if len(fs.Items) == 0 {
		return 0
	}
	labels, values := fieldLines(c, fs.Items[0])
	return keep(max(len(labels), len(values)), 2)
}

func (fs fields) draw(c *cursor, tail float64, _ []document.Block) {
	lh := lineHeight(bodySize)
	c.element("Table", "", func() {
		for i, f := range fs.Items {
			t := 0.0
			if i == len(fs.Items)-1 {
				t = tail
			}
			labels, values := fieldLines(c, f)
			c.element("TR", "", func() {
				var th, td int
				c.element("TH", scopeRow, func() { th = c.tree.cur })
				c.element("TD", "", func() { td = c.tree.cur })
				c.flow(max(len(labels), len(values)), lh, 2, t, func(i int) {
					if i < len(labels) {
						c.setFont(true, bodySize)
						c.in(th, func() { c.text(marginLeft, labels[i], bodySize) })
					}
					if i < len(values) {
						c.setFont(false, bodySize)
						c.in(td, func() { c.text(marginLeft+fieldLabelW, values[i], bodySize) })
					}
				})
			})
			c.y += fieldGap
		}
	})
	c.y += paraGap
}

// scopeRow makes a table header cell the header of its row.
const scopeRow = "/A <</O /Table /Scope /Row>>"

// notice: a framed box of a bold title and paragraphs; a box taller than the rest of the page
// continues, framed, on the next. The frame is an artifact; the title and each text are
// paragraphs of a Div.
type notice document.Notice

const (
	noticePad   = 3.0 // inside the frame
	noticeFrame = 0.6 // the frame's line width
	noticeGap   = paraGap + 1
)

func (n notice) lead(c *cursor, _ []document.Block) float64 {
	return 2*noticePad + 3*lineHeight(bodySize)
}

func (n notice) draw(c *cursor, tail float64, _ []document.Block) {
	const pad = noticePad
	lh := lineHeight(bodySize)
	type line struct {
		text string
		bold bool
		elem int
	}
	var ls []line
	c.tree.open("Div", "")
	c.setFont(true, bodySize)
	title := c.tree.open("P", "")
	c.tree.close()
	for _, t := range c.split(n.Title, bodyW-2*pad) {
		ls = append(ls, line{t, true, title})
	}
	c.setFont(false, bodySize)
	for _, text := range n.Lines {
		e := c.tree.open("P", "")
		c.tree.close()
		for _, t := range c.split(text, bodyW-2*pad) {
			ls = append(ls, line{t, false, e})
		}
	}
	frame := func(top, bottom float64) {
		c.artifact(artifactLayout, func() {
			c.out.lineWidth(noticeFrame)
			c.out.rect(marginLeft, top, bodyW, bottom-top)
			c.out.lineWidth(0.2)
		})
	}
	c.ensure(2*pad + min(3, float64(len(ls)))*lh)
	top := c.y
	c.y += pad
	for i, l := range ls {
		need := lh + pad
		if i == len(ls)-2 && len(ls) > 3 {
			need = 2*lh + pad + tail
		}
		if !c.fresh && c.y+need > pageH-marginBottom && i > 0 {
			frame(top, c.y+pad)
			c.startPage()
			top = c.y
			c.y += pad
		}
		c.setFont(l.bold, bodySize)
		c.in(l.elem, func() { c.text(marginLeft+pad, l.text, bodySize) })
		c.y += lh
	}
	c.y += pad
	frame(top, c.y)
	c.tree.close()
	c.y += noticeGap
}

// quote: an indented quotation with a rule on its left, as a BlockQuote of the text and its
// source (smaller, below it, kept with the text's last lines).
type quote document.Quote

const quoteIndent = 6.0

// lines sets the fonts and wraps the text and its source.
func (q quote) lines(c *cursor) (text, source []string) {
	c.setFont(false, smallSize)
	source = c.split(q.Source, bodyW-quoteIndent)
	c.setFont(false, bodySize)
	return c.split(q.Text, bodyW-quoteIndent), source
}

// lead: a quote of up to three lines stands whole with its source (and a closing after it);
// a longer one starts where two of its lines fit.
func (q quote) lead(c *cursor, next []document.Block) float64 {
	ls, src := q.lines(c)
	if len(ls) <= 3 {
		return float64(len(ls))*lineHeight(bodySize) + float64(len(src))*lineHeight(smallSize) + tailOf(c, next)
	}
	return 2 * lineHeight(bodySize)
}

func (q quote) draw(c *cursor, tail float64, _ []document.Block) {
	ls, src := q.lines(c)
	lh := lineHeight(bodySize)
	srcH := float64(len(src)) * lineHeight(smallSize)
	c.element("BlockQuote", "", func() {
		c.setFont(false, bodySize)
		c.element("P", "", func() {
			c.flow(len(ls), lh, 2, srcH+tail, func(i int) {
				c.setFont(false, bodySize)
				c.artifact(artifactLayout, func() { c.out.line(marginLeft+1.5, c.y, marginLeft+1.5, c.y+lh) })
				c.text(marginLeft+quoteIndent, ls[i], bodySize)
			})
		})
		c.setFont(false, smallSize)
		c.element("P", "", func() { c.lines(marginLeft+quoteIndent, src, smallSize) })
	})
	c.y += paraGap
}
