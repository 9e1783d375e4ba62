package pdfrender

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strconv"
)

// fpdf (v0.12.0, utf8fontfile.go) maps every code with one range, <0000> <FFFF> <0000>. ISO
// 32000-1 § 9.10.3 forbids a bfrange that crosses a first-byte boundary, and strict readers
// (PDF/A validators, some screen readers, Go's pdf readers) then turn "Ł" into "A". We replace it
// with the conforming equivalent: 256 ranges <XX00> <XXFF> <XX00>.
const fpdfToUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

var (
	oldToUnicode = []byte("<</Length " + strconv.Itoa(len(fpdfToUnicode)) + ">>\nstream\n" + fpdfToUnicode + "\nendstream")
	newToUnicode = conformingToUnicode()
)

func conformingToUnicode() []byte {
	var cmap bytes.Buffer
	cmap.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	// At most 100 entries per beginbfrange block (ISO 32000-1 § 9.10.3).
	for block := 0; block < 256; block += 100 {
		n := min(100, 256-block)
		fmt.Fprintf(&cmap, "%d beginbfrange\n", n)
		for hi := block; hi < block+n; hi++ {
			fmt.Fprintf(&cmap, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi)
		}
		cmap.WriteString("endbfrange\n")
	}
	cmap.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(cmap.Bytes())
	w.Close()
	return []byte("<</Length " + strconv.Itoa(z.Len()) + " /Filter /FlateDecode>>\nstream\n" + z.String() + "\nendstream")
}

// fixToUnicode swaps fpdf's ToUnicode streams for conforming ones and moves the cross-reference
// offsets of every object after them. It fails rather than return a PDF it did not fix.
func fixToUnicode(pdf []byte) ([]byte, error) {
	n := bytes.Count(pdf, oldToUnicode)
	if n == 0 {
		return nil, fmt.Errorf("pdfrender: fpdf's ToUnicode map was not found (fpdf changed?)")
	}
	delta := len(newToUnicode) - len(oldToUnicode)
	var positions []int // where each replaced stream started, in the old file
	for i := 0; ; {
		j := bytes.Index(pdf[i:], oldToUnicode)
		if j < 0 {
			break
		}
		positions = append(positions, i+j)
		i += j + len(oldToUnicode)
	}
	out := bytes.ReplaceAll(pdf, oldToUnicode, newToUnicode)
	shift := func(off int) int {
		s := 0
		for _, p := range positions {
			if off > p {
				s += delta
			}
		}
		return off + s
	}
	// The classic cross-reference table fpdf writes: "xref\n0 N\n" and N 20-byte entries.
	xref := bytes.LastIndex(out, []byte("\nxref\n")) + 1
	if xref <= 0 {
		return nil, fmt.Errorf("pdfrender: no xref table")
	}
	p := xref + len("xref\n")
	eol := bytes.IndexByte(out[p:], '\n')
	var first, count int
	if _, err := fmt.Sscanf(string(out[p:p+eol]), "%d %d", &first, &count); err != nil {
		return nil, fmt.Errorf("pdfrender: xref header: %w", err)
	}
	p += eol + 1
	for i := range count {
		e := out[p+20*i : p+20*i+20]
		if e[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil {
			return nil, fmt.Errorf("pdfrender: xref entry: %w", err)
		}
		copy(e[:10], fmt.Sprintf("%010d", shift(off)))
	}
	sx := bytes.LastIndex(out, []byte("startxref\n"))
	if sx < 0 {
		return nil, fmt.Errorf("pdfrender: no startxref")
	}
	tail := fmt.Sprintf("startxref\n%d\n%%%%EOF\n", xref)
	return append(out[:sx], tail...), nil
}
