package pdfrender

import (
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// sampleBlocks are blocks of every kind, short and long: what a heading can be followed by.
func sampleBlocks() map[string]document.Block {
	words := func(n int) string { return strings.TrimSpace(strings.Repeat("ord med æ ", n)) }
	return map[string]document.Block{
		"heading 1":            document.Heading{Level: 1, Text: "Afgørelse"},
		"heading 2, two lines": document.Heading{Level: 2, Text: words(25)},
		"paragraph of 1 line":  document.Paragraph{Text: words(5)},
		"paragraph of 4 lines": document.Paragraph{Text: words(40)},
		"paragraph of 9 lines": document.Paragraph{Text: words(90)},
		"short bold paragraph": document.Paragraph{Text: words(4), Strong: true},
		"list":                 document.List{Items: []string{words(3), words(3)}},
		"list, long first":     document.List{Items: []string{words(50), words(3)}},
		"fields":               document.Fields{Items: []document.Field{{Label: "Start", Value: words(2)}}},
		"fields, long value":   document.Fields{Items: []document.Field{{Label: "Sted", Value: words(60)}}},
		"notice":               document.Notice{Title: "Vigtigt", Lines: []string{words(3), words(3), words(3)}},
		"quote of 1 line":      document.Quote{Text: words(5), Source: "Kilde"},
		"quote of 2 lines":     document.Quote{Text: words(15), Source: "Kilde"},
		"quote of 3 lines":     document.Quote{Text: words(25), Source: "Kilde"},
		"quote of 6 lines":     document.Quote{Text: words(60), Source: "Kilde"},
	}
}

// onPage draws blocks with the cursor placed so that the first block's lead ends room mm above
// the bottom margin of a page with something already on it, and reports the page (from 0) of
// the first line of each block.
func onPage(t *testing.T, room float64, blocks ...document.Block) []int {
	t.Helper()
	c := &cursor{tree: newStructTree()}
	c.reset(newPDF(), "")
	c.startPage()
	c.fresh = false
	c.y = pageH - marginBottom - leadOf(c, blocks) - room
	var pages []int
	for i, b := range blocks {
		next := blocks[i+1:]
		before := len(c.tree.elems)
		layoutOf(b).draw(c, tailOf(c, next), next)
		pages = append(pages, firstPage(c.tree, before))
	}
	return pages
}

// firstPage is the page of the first marked content of the elements from index from on.
func firstPage(t *structTree, from int) int {
	for _, e := range t.elems[from:] {
		for _, k := range e.kids {
			if k.elem < 0 {
				return k.page
			}
		}
	}
	return -1
}

// A block's lead is what its drawing keeps together at its start: when the lead fits at the
// foot of a page the block starts there, and when it does not, the block starts on the next.
// A heading's lead takes in what follows, so that it is never the last line of a page. This
// is the contract a new block or a changed spacing must keep (blocks.go).
func TestEveryBlockStartsWhereItsLeadSays(t *testing.T) {
	for name, b := range sampleBlocks() {
		if got := onPage(t, 0.01, b); got[0] != 0 {
			t.Errorf("%s: its lead fits at the foot of the page, but it starts on page %d", name, got[0])
		}
		if got := onPage(t, -0.01, b); got[0] != 1 {
			t.Errorf("%s: its lead does not fit at the foot of the page, but it starts on page %d", name, got[0])
		}
	}
	for name, b := range sampleBlocks() {
		h := document.Heading{Level: 2, Text: "Overskrift"}
		if got := onPage(t, 0.01, h, b); got[0] != 0 || got[1] != 0 {
			t.Errorf("a heading and %s, when the heading's lead fits: on pages %v, want both on 0", name, got)
		}
		if got := onPage(t, -0.01, h, b); got[0] != 1 || got[1] != 1 {
			t.Errorf("a heading and %s, when the heading's lead does not fit: on pages %v, want both on 1", name, got)
		}
	}
}
