package pdfrender

import "strconv"

// The structure tree (tagged PDF, PDF/UA-1): while the letter is drawn, every line of text is
// marked content with an MCID on its page and belongs to the structure element it was drawn
// for; rules, frames, page numbers and the draft's watermark are artifacts. The tree is written
// into the file by finish, in reading order: the order in which the elements were opened.

// structElem is one element of the tree.
type structElem struct {
	typ    string // a standard structure type: Document, H1, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Div, BlockQuote
	attr   string // extra dictionary entries, e.g. "/A <</O /Table /Scope /Row>>"
	parent int    // -1 for the root
	kids   []structKid
}

// structKid is a child element (elem >= 0) or marked content (page, mcid).
type structKid struct {
	elem, page, mcid int
}

type structTree struct {
	elems []structElem
	cur   int     // the element that text drawn now belongs to
	mcids [][]int // by page (from 0): the element of each MCID
}

func newStructTree() *structTree {
	t := &structTree{elems: make([]structElem, 1, 256)} // a four-page letter has about 150
	t.reset()
	return t
}

// reset empties the tree for another document, keeping its memory.
func (t *structTree) reset() {
	for i := range t.mcids {
		t.mcids[i] = t.mcids[i][:0]
	}
	t.mcids = t.mcids[:0]
	t.elems = t.elems[:1]
	t.elems[0] = structElem{typ: "Document", parent: -1, kids: t.elems[0].kids[:0]}
	t.cur = 0
}

// open starts a child of the current element and makes it current; close returns to its parent.
func (t *structTree) open(typ, attr string) int {
	n := len(t.elems)
	if n < cap(t.elems) { // an element of an earlier letter: its kids' memory is kept
		t.elems = t.elems[:n+1]
		t.elems[n] = structElem{typ: typ, attr: attr, parent: t.cur, kids: t.elems[n].kids[:0]}
	} else {
		t.elems = append(t.elems, structElem{typ: typ, attr: attr, parent: t.cur})
	}
	t.elems[t.cur].kids = append(t.elems[t.cur].kids, structKid{elem: n})
	t.cur = n
	return n
}

func (t *structTree) close() { t.cur = t.elems[t.cur].parent }

// mcid gives the next MCID on page (from 0) to the current element.
func (t *structTree) mcid(page int) int {
	for len(t.mcids) <= page {
		if len(t.mcids) < cap(t.mcids) {
			t.mcids = t.mcids[:len(t.mcids)+1]
			t.mcids[len(t.mcids)-1] = t.mcids[len(t.mcids)-1][:0]
		} else {
			t.mcids = append(t.mcids, nil)
		}
	}
	n := len(t.mcids[page])
	t.mcids[page] = append(t.mcids[page], t.cur)
	t.elems[t.cur].kids = append(t.elems[t.cur].kids, structKid{elem: -1, page: page, mcid: n})
	return n
}

// Artifacts: what a reader of the text does not need read aloud.
const (
	artifactLayout    = "/Artifact <</Type /Layout>> BDC"
	artifactFooter    = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
	artifactWatermark = "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC"
)

// tagged draws with the content marked as the current element's, on the current page.
func (c *cursor) tagged(draw func()) {
	b := append(c.out.b, '/')
	b = append(b, c.tree.elems[c.tree.cur].typ...)
	b = append(b, " <</MCID "...)
	b = strconv.AppendInt(b, int64(c.tree.mcid(c.page)), 10)
	c.out.b = append(b, ">> BDC\n"...)
	draw()
	c.out.raw("EMC")
}

// artifact draws with the content marked as an artifact of a kind (artifactLayout, …).
func (c *cursor) artifact(kind string, draw func()) {
	c.out.raw(kind)
	draw()
	c.out.raw("EMC")
}

// in runs draw with elem as the current element, for content drawn line by line into two
// elements at once (a label and its value).
func (c *cursor) in(elem int, draw func()) {
	cur := c.tree.cur
	c.tree.cur = elem
	draw()
	c.tree.cur = cur
}

// element draws one element: opened as a child of the current one, closed after.
func (c *cursor) element(typ, attr string, draw func()) {
	c.tree.open(typ, attr)
	draw()
	c.tree.close()
}
