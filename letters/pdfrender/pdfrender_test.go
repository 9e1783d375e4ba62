package pdfrender

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
)

func doc(body ...document.Block) *document.Document {
	return &document.Document{
		Meta:      document.Meta{Title: "Prøve", Author: "Kommune", Language: "da", Created: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), PageLabel: "Side %d af %d"},
		Sender:    document.Sender{Organisation: "Kommune", Unit: "Enhed", ReturnLine: "Kommune, Vej 1"},
		Recipient: document.Recipient{Lines: []string{"Åse Berg"}, Window: true},
		Body:      body,
		Watermark: "UDKAST",
	}
}

func TestEveryBlockFlowsAcrossPagesWithoutLoss(t *testing.T) {
	t.Parallel()
	word := strings.Repeat("Ø", 5000) // one word wider than many lines: broken by character
	var items []string
	for i := range 60 {
		items = append(items, "Punkt nummer "+strings.Repeat("x", i%7)+" med æ, ø og å")
	}
	d := doc(
		document.Heading{Level: 1, Text: "Overskrift"},
		document.Paragraph{Text: word},
		document.Notice{Title: "Boks", Lines: items},
		document.List{Items: items},
		document.Fields{Items: []document.Field{{Label: "Etiket", Value: strings.Repeat("lang værdi ", 400)}}},
		document.Quote{Text: strings.Repeat("citat ", 300), Source: "Kilde"},
	)
	pdf, err := New().RenderBytes(d)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftext.Go(t, pdf)
	if got := strings.Count(text, "Ø"); got != 5000 {
		t.Errorf("the long word has %d of 5000 characters", got)
	}
	if got := strings.Count(text, "med æ, ø og å"); got != 120 {
		t.Errorf("%d of 120 list and box items", got)
	}
	if got := strings.Count(text, "lang værdi"); got != 400 {
		t.Errorf("%d of 400 words of a field value", got)
	}
	n := pdftext.Pages(t, pdf)
	if n < 5 || !strings.Contains(text, "Side 1 af ") || !strings.Contains(pdftext.Flat(text), "Side 5 af ") {
		t.Errorf("%d pages, numbered?", n)
	}
}

func TestDraftIsWatermarkedOnEveryPage(t *testing.T) {
	t.Parallel()
	d := doc(document.Paragraph{Text: strings.Repeat("tekst ", 2000)})
	d.Draft = true
	pdf, err := New().RenderBytes(d)
	if err != nil {
		t.Fatal(err)
	}
	n := pdftext.Pages(t, pdf)
	if got := strings.Count(pdftext.Go(t, pdf), "UDKAST"); n < 2 || got != n {
		t.Errorf("%d watermarks on %d pages", got, n)
	}
	d.Draft = false
	clean, _ := New().RenderBytes(d)
	if strings.Contains(pdftext.Go(t, clean), "UDKAST") {
		t.Error("a letter must not say UDKAST")
	}
	// The word is the wording's (templates: draft.watermark), and a draft is never drawn
	// without one.
	d.Draft, d.Watermark = true, "KLADDE"
	other, _ := New().RenderBytes(d)
	if text := pdftext.Go(t, other); strings.Count(text, "KLADDE") != n || strings.Contains(text, "UDKAST") {
		t.Error("the watermark is not the document's word")
	}
	d.Watermark = ""
	if _, err := New().RenderBytes(d); err == nil {
		t.Error("a draft without a watermark word was drawn")
	}
}

// Page streams are deflated, and the file stays valid for a strict checker.
func TestPagesAreCompressedAndTheFileIsValid(t *testing.T) {
	pdf, err := New().RenderBytes(doc(document.Paragraph{Text: strings.Repeat("tekst med æøå ", 900)}))
	if err != nil {
		t.Fatal(err)
	}
	// Every page's content stream, found through its page object's /Contents, is deflated: the
	// font, ToUnicode and ICC streams say nothing about the pages.
	contents := regexp.MustCompile(`/Contents (\d+) 0 R`).FindAllStringSubmatch(string(pdf), -1)
	if len(contents) < 2 {
		t.Fatalf("%d page objects with /Contents; the text should take two pages", len(contents))
	}
	for _, c := range contents {
		obj := regexp.MustCompile(`(?m)^` + c[1] + ` 0 obj\n<<([^>]*)>>\nstream\n`).FindStringSubmatch(string(pdf))
		if obj == nil {
			t.Errorf("content stream %s not found", c[1])
		} else if !strings.Contains(obj[1], "/Filter /FlateDecode") {
			t.Errorf("page content %s is not compressed: <<%s>>", c[1], obj[1])
		}
	}
	qpdf := pdftext.RequireTool(t, "qpdf", "qpdf")
	f := t.TempDir() + "/l.pdf"
	os.WriteFile(f, pdf, 0o600)
	if out, err := exec.Command(qpdf, "--check", f).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

// Letters drawn at once, on the renderer's shared free lists and caches, are the same bytes as
// letters drawn one by one.
func TestConcurrentLettersAreTheSameBytes(t *testing.T) {
	docs := []*document.Document{everyBlock(), doc(document.Paragraph{Text: strings.Repeat("tekst ", 3000)})}
	docs[1].Draft = true
	var want [][]byte
	for _, d := range docs {
		pdf, err := New().RenderBytes(d)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, pdf)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 10 {
				n := (g + i) % len(docs)
				if pdf, err := New().RenderBytes(docs[n]); err != nil || !bytes.Equal(pdf, want[n]) {
					t.Errorf("letter %d drawn at once with others differs (%v)", n, err)
					return
				}
			}
		})
	}
	wg.Wait()
}
