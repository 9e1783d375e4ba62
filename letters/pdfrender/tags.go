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
	elems := make([]structElem, 1, 256) // a four-page letter has about 150
	elems[0] = structElem{typ: "Document", parent: -1}
	return &structTree{elems: elems}
}

// open starts a child of the current element and makes it current; close returns to its parent.
func (t *structTree) open(typ, attr string) int {
	n := len(t.elems)
	t.elems = append(t.elems, structElem{typ: typ, attr: attr, parent: t.cur})
	t.elems[t.cur].kids = append(t.elems[t.cur].kids, structKid{elem: n})
	t.cur = n
	return n
}

func (t *structTree) close() { t.cur = t.elems[t.cur].parent }

// mcid gives the next MCID on page (from 0) to the current element.
func (t *structTree) mcid(page int) int {
	for len(t.mcids) <= page {
		t.mcids = append(t.mcids, nil)
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
func (p *page) tagged(draw func()) {
	typ := p.tree.elems[p.tree.cur].typ
	p.pdf.RawWriteStr("/" + typ + " <</MCID " + strconv.Itoa(p.tree.mcid(p.pdf.PageNo()-1)) + ">> BDC")
	draw()
	p.pdf.RawWriteStr("EMC")
}

// artifact draws with the content marked as an artifact of a kind (artifactLayout, …).
func (p *page) artifact(kind string, draw func()) {
	p.pdf.RawWriteStr(kind)
	draw()
	p.pdf.RawWriteStr("EMC")
}

// in runs draw with elem as the current element, for content drawn line by line into two
// elements at once (a label and its value).
func (p *page) in(elem int, draw func()) {
	cur := p.tree.cur
	p.tree.cur = elem
	draw()
	p.tree.cur = cur
}

// element draws one element: opened as a child of the current one, closed after.
func (p *page) element(typ, attr string, draw func()) {
	p.tree.open(typ, attr)
	draw()
	p.tree.close()
}
