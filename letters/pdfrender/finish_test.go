package pdfrender

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/fonts"
)

// fpdfOutput is what fpdf writes for a document of pages pages, set up as Render sets it up,
// with faces registered the way the renderer once did (fpdf embedding them itself).
func fpdfOutput(t *testing.T, pages int, faces ...fonts.Style) []byte {
	t.Helper()
	pdf := newPDF()
	for i, s := range faces {
		face := fonts.FaceOf(s, 0)
		if i == 2 {
			face = fonts.FaceOf(s, 1)
		}
		pdf.AddFontFromBytes(face.Family, map[fonts.Style]string{fonts.Regular: "", fonts.Bold: "B"}[s], face.Def, face.File)
	}
	for range pages {
		pdf.AddPage()
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadXref(t *testing.T) {
	pdf := fpdfOutput(t, 2)
	f, err := readXref(pdf)
	if err != nil {
		t.Fatal(err)
	}
	// 2 pages and their contents, the Pages root, the resources, Info, the catalog.
	if f.count != 9 || len(f.objs) != 8 || f.root != 8 || f.info != 7 {
		t.Errorf("count %d, %d objects, root %d, info %d", f.count, len(f.objs), f.root, f.info)
	}
	for i, o := range f.objs {
		if !bytes.HasPrefix(f.body(i), fmt.Appendf(nil, "%d 0 obj\n", o.num)) || (i > 0 && o.off < f.objs[i-1].off) {
			t.Errorf("object %d at %d is not in file order or not itself", o.num, o.off)
		}
	}
	xref := bytes.LastIndex(pdf, []byte("\nxref\n")) + 1
	table := pdf[xref:]
	for name, broken := range map[string][]byte{
		"no table":         []byte("%PDF-1.3\nno objects here"),
		"not from 0":       append(pdf[:xref:xref], bytes.Replace(table, []byte("xref\n0 "), []byte("xref\n1 "), 1)...),
		"short table":      append(pdf[:xref:xref], bytes.Replace(table, []byte("xref\n0 9"), []byte("xref\n0 90"), 1)...),
		"entry elsewhere":  bytes.Replace(pdf, fmt.Appendf(nil, "%010d 00000 n", f.objs[2].off), fmt.Appendf(nil, "%010d 00000 n", f.objs[2].off+1), 1),
		"entry not number": bytes.Replace(pdf, fmt.Appendf(nil, "%010d 00000 n", f.objs[2].off), []byte("00000000x0 00000 n"), 1),
		"no root":          bytes.Replace(pdf, []byte("/Root "), []byte("/Rot "), 1),
	} {
		if _, err := readXref(broken); err == nil || !strings.Contains(err.Error(), "fpdf's") {
			t.Errorf("%s: %v, want an error that names fpdf's file", name, err)
		}
	}
}

func TestFindObjects(t *testing.T) {
	f, _ := readXref(fpdfOutput(t, 3))
	o, err := findObjects(f)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(o.pages) != "[3 5 7]" || o.fontsAt != 9 {
		t.Errorf("pages %v, fonts from %d", o.pages, o.fontsAt)
	}
	for pg, num := range []int{4, 6, 8} {
		if o.role[num] != (role{isContent, pg}) || o.role[o.pages[pg]] != (role{isPage, pg}) {
			t.Errorf("page %d: %v, its content %d: %v", pg, o.role[o.pages[pg]], num, o.role[num])
		}
	}
	f.pdf = bytes.ReplaceAll(f.pdf, []byte("/Contents "), []byte("/Content_ "))
	if _, err := findObjects(f); err == nil || !strings.Contains(err.Error(), "no /Contents") {
		t.Errorf("a page without /Contents: %v", err)
	}
}

func TestRenumberMovesReferencesAtAndAfterFrom(t *testing.T) {
	r := renumber{from: 9, by: 8}
	got := string(r.refs(nil, []byte("<</Kids [3 0 R 5 0 R ]\n/SMask 9 0 R /X 10 0 R\n/I1 12 0 R /Width 240\n/Y 0 R>>")))
	if want := "<</Kids [3 0 R 5 0 R ]\n/SMask 17 0 R /X 18 0 R\n/I1 20 0 R /Width 240\n/Y 0 R>>"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if r.of(8) != 8 || r.of(9) != 17 {
		t.Error("of")
	}
}

// The fonts' objects and the resource dictionary's /Font are, byte for byte, what fpdf wrote
// when it embedded the fonts itself; a code page other than 0 is symbolic, with a ToUnicode map.
func TestFontObjectsAreFpdfs(t *testing.T) {
	fpdfs := fpdfOutput(t, 1, fonts.Bold, fonts.Regular, fonts.Regular)
	var used [2][]bool
	used[fonts.Regular], used[fonts.Bold] = make([]bool, fonts.Pages()), make([]bool, fonts.Pages())
	used[fonts.Regular][0], used[fonts.Bold][0], used[fonts.Regular][1] = true, true, true
	fs, err := usedFonts(used, 5) // after a page (3), its content (4)
	if err != nil {
		t.Fatal(err)
	}
	if fs.count() != 12 {
		t.Fatalf("%d objects for three faces", fs.count())
	}
	var out bytes.Buffer
	cmap := make([]int, fonts.Pages())
	cmap[1] = 99
	fs.write(&out, make([]int, 5+fs.count()), cmap)
	ours := out.String()
	start := bytes.Index(fpdfs, []byte("\n5 0 obj\n")) + 1
	end := bytes.Index(fpdfs, []byte("\n2 0 obj\n")) + 1 // fpdf writes the resources next
	want := string(fpdfs[start:end])
	// fpdf's page-1 font, as finish used to change it.
	p01 := regexp.MustCompile(`(/BaseFont /LiberationSans-P01\n(?:.*\n){4})/Encoding /WinAnsiEncoding\n`)
	want = p01.ReplaceAllString(want, "$1/ToUnicode 99 0 R\n")
	if ours != want {
		at := 0
		for at < min(len(ours), len(want)) && ours[at] == want[at] {
			at++
		}
		t.Errorf("the fonts' objects differ from fpdf's at %d of %d/%d:\nours %.300q\nfpdf %.300q", at, len(ours), len(want), ours[at:], want[at:])
	}
	res := regexp.MustCompile(`(?s)/Font <<\n.*?>>\n`).Find(fpdfs)
	if got := string(fs.resources(nil)); got != string(res) {
		t.Errorf("resources:\nours %q\nfpdf %q", got, res)
	}
}

func TestWriteXref(t *testing.T) {
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n2 0 obj\n<<>>\nendobj\n")
	offsets := []int{0, 9, 30}
	body := out.String()
	sum := writeXref(&out, offsets, 1, 2)
	id := sha256.Sum256([]byte(body))
	want := body + "xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000030 00000 n \n" +
		"trailer\n<</Size 3 /Root 1 0 R /Info 2 0 R /ID [<" + hex.EncodeToString(id[:16]) + "> <" + hex.EncodeToString(id[:16]) + ">]>>\n" +
		fmt.Sprintf("startxref\n%d\n%%%%EOF\n", len(body))
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	if sum != sha256.Sum256(out.Bytes()) {
		t.Errorf("the sum returned is not the SHA-256 of the file written")
	}
}

// finish refuses a file from fpdf that it would misread: one whose fonts fpdf embedded itself,
// one whose page count is not the layout's, a content stream that is not a plain stream.
func TestFinishRefusesAnUnexpectedFpdfFile(t *testing.T) {
	d := doc()
	pages := []content{{b: []byte("0 J\n")}}
	var out bytes.Buffer
	if _, err := finish(fpdfOutput(t, 1), &out, d, newStructTree(), pages, [2][]bool{}); err != nil {
		t.Fatalf("a plain one-page file: %v", err)
	}
	for name, c := range map[string]struct {
		pdf   []byte
		pages int
		want  string
	}{
		"fonts of its own": {fpdfOutput(t, 1, fonts.Regular), 1, "resource dictionary"},
		"pages":            {fpdfOutput(t, 2), 1, "2 pages"},
		"content stream":   {bytes.Replace(fpdfOutput(t, 1), []byte("0.000 g\n\nendstream"), []byte("0.000 g\n\nendstrean"), 1), 1, "content stream 4"},
	} {
		out.Reset()
		_, err := finish(c.pdf, &out, d, newStructTree(), pages[:c.pages], [2][]bool{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error about %q", name, err, c.want)
		}
	}
}
