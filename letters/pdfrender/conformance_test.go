package pdfrender

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"

	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdfcheck"
)

// every block type, a list, fields, a notice, a quote, over more than one page, and a name
// that needs the extra code pages.
func everyBlock() *document.Document {
	d := doc(
		document.Heading{Level: 1, Text: "Overskrift"},
		document.Paragraph{Text: strings.Repeat("Du har ikke betydelig nedsat funktionsevne. ", 30)},
		document.Heading{Level: 2, Text: "Liste"},
		document.List{Items: []string{"Første punkt", "Andet punkt, Łucja Śliwińska-Nguyễn"}},
		document.Fields{Items: []document.Field{{Label: "Start", Value: "1. december 2026"}, {Label: "Sted", Value: "Algade 40"}}},
		document.Notice{Title: "Vigtigt", Lines: []string{"Fristen er 18. december 2026."}},
		document.Heading{Level: 3, Text: "Loven"},
		document.Quote{Text: strings.Repeat("§ 104. Kommunalbestyrelsen skal tilbyde ", 8), Source: "Serviceloven"},
	)
	d.Details = []document.Field{{Label: "Dato", Value: "2. januar 2026"}, {Label: "CPR-nummer", Value: "150590-xxxx"}}
	d.Sender.Logo = logo()
	return d
}

// logo is Eksempel Kommune's logo (testdata/standards), a 240 x 80 PNG.
func logo() *document.Image {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "standards", "eksempel-sel104-2025-01", "logo.png"))
	if err != nil {
		panic(err)
	}
	return &document.Image{Data: data, Format: "png", Width: 240, Height: 80, Alt: "Eksempel Kommunes logo"}
}

// The checker finds no fault in what the renderer draws, for a letter and a draft.
func TestPDFAAndPDFUA(t *testing.T) {
	t.Parallel()
	files := map[string][]byte{}
	for _, draft := range []bool{false, true} {
		d := everyBlock()
		d.Draft = draft
		pdf, err := New().RenderBytes(d)
		if err != nil {
			t.Fatal(err)
		}
		files[map[bool]string{false: "letter", true: "draft"}[draft]] = pdf
	}
	for name, r := range pdfcheck.Check(t, files) {
		for _, e := range r.Errors {
			t.Errorf("%s: %s", name, e)
		}
		if len(r.Pages) < 2 {
			t.Errorf("%s: %d pages", name, len(r.Pages))
		}
		if first := r.Pages[0][0]; first.Type != "Figure" {
			t.Errorf("%s: the letter opens with %s, not the logo's Figure", name, first.Type)
		}
	}
	// A logo without words for a screen reader fails the check.
	d := everyBlock()
	d.Sender.Logo.Alt = ""
	pdf, err := New().RenderBytes(d)
	if err != nil {
		t.Fatal(err)
	}
	if r := pdfcheck.Check(t, map[string][]byte{"no alt": pdf})["no alt"]; !slices.ContainsFunc(r.Errors, func(e string) bool { return strings.Contains(e, "Figure without /Alt") }) {
		t.Errorf("a Figure without /Alt passes: %v", r.Errors)
	}
}

// The checker is not vacuous: an untagged PDF, as this renderer drew before tagging, fails it on
// every count.
func TestTheCheckerFailsAnUntaggedPDF(t *testing.T) {
	t.Parallel()
	f := fpdf.New("P", "mm", "A4", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Text(20, 20, "Hej")
	f.Line(20, 22, 60, 22)
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	r := pdfcheck.Check(t, map[string][]byte{"untagged": b.Bytes()})["untagged"]
	all := strings.Join(r.Errors, "\n")
	for _, want := range []string{"header: not %PDF-1.7", "no /ID", "/MarkInfo", "DisplayDocTitle", "GTS_PDFA1", "no /Metadata",
		"not embedded", "no /StructParents", "/Tabs", "Tj outside marked content", "S outside marked content", "no /StructTreeRoot"} {
		if !strings.Contains(all, want) {
			t.Errorf("the checker does not report %q on an untagged PDF; it says:\n%s", want, all)
		}
	}
}
