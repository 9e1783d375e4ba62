package letters_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/htmlrender"
	"github.com/bronderslev/afgorelsesbreve/letters/lix"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
)

// blockText is the text of the body's blocks, in order.
func blockText(d *document.Document) []string { return testkit.BodyParts(d) }

// strings of a JSON value: what the caseworker and the case system wrote.
func requestStrings(v any, out *[]string) {
	switch v := v.(type) {
	case string:
		*out = append(*out, v)
	case []any:
		for _, x := range v {
			requestStrings(x, out)
		}
	case map[string]any:
		for _, x := range v {
			requestStrings(x, out)
		}
	}
}

// Every letter to the citizen opens with "Kort fortalt" right after its title: three to six
// sentences of at most 15 words, at most 120 words, LIX at most 25, in the PDF and the HTML
// letter alike. The fixed wording of the whole letter (what the templates say, without what the
// request brings) stays at LIX 40 or below. The figures are logged for the README.
func TestEveryLetterOpensWithKortFortalt(t *testing.T) {
	svc := newService(t)
	pdfRead := map[string]bool{} // kinds whose PDF was read
	for _, e := range testkit.Letters(t) {
		f, body := e.Name, e.JSON
		res, err := svc.Check(body)
		if err != nil || !res.Valid() {
			t.Fatalf("%s: %v %v", f, err, res.Errors)
		}
		for _, draft := range []bool{false, true} {
			doc, err := res.Compose()
			if draft {
				doc, err = res.ComposeDraft()
			}
			if err != nil {
				t.Fatal(err)
			}
			name := f + map[bool]string{true: " (draft)"}[draft]
			var short *document.Notice
			for i, b := range doc.Body {
				if n, ok := b.(document.Notice); ok && n.Title == "Kort fortalt" {
					if h, ok := doc.Body[i-1].(document.Heading); !ok || h.Level != 1 {
						t.Errorf("%s: Kort fortalt does not follow the title", name)
					}
					short = &n
					break
				}
			}
			if short == nil {
				t.Errorf("%s: no Kort fortalt", name)
				continue
			}
			text := strings.Join(short.Lines, "\n\n")
			sentences, words := lix.Sentences(text), len(lix.Words(text))
			idx := lix.Index(text)
			if len(sentences) < 3 || len(sentences) > 6 || words > 120 || idx > 25 {
				t.Errorf("%s: Kort fortalt has %d sentences, %d words, LIX %.1f:\n%s", name, len(sentences), words, idx, text)
			}
			for _, s := range sentences {
				if n := len(lix.Words(s)); n > 15 {
					t.Errorf("%s: a sentence of %d words: %q", name, n, s)
				}
			}
			if draft {
				continue
			}
			// The same sentences in the PDF and the HTML letter. Reading a PDF back is slow (half
			// a second a letter), and both draw a Notice's lines from the same model for every
			// letter: the PDF is read for the first letter of each kind.
			html, err := htmlrender.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			pdfText, htmlText := "", pdftext.Flat(string(html))
			if !pdfRead[e.Kind] {
				pdfRead[e.Kind] = true
				pdf, err := pdfrender.New().RenderBytes(doc)
				if err != nil {
					t.Fatal(err)
				}
				pdfText = pdftext.Flat(pdftext.Go(t, pdf))
			}
			for _, l := range short.Lines {
				if pdfText != "" && !strings.Contains(pdfText, pdftext.Flat(l)) {
					t.Errorf("%s: the PDF lacks %q", name, l)
				}
				if !strings.Contains(htmlText, pdftext.Flat(strings.ReplaceAll(l, "&", "&amp;"))) {
					t.Errorf("%s: the HTML letter lacks %q", name, l)
				}
			}
			// The fixed wording: the letter without what the request brought.
			var req any
			json.Unmarshal(body, &req)
			var given []string
			requestStrings(req, &given)
			sort.Slice(given, func(i, j int) bool { return len(given[i]) > len(given[j]) })
			fixed := strings.Join(blockText(doc), "\n\n")
			for _, g := range given {
				if len(g) > 3 {
					fixed = strings.ReplaceAll(fixed, g, "")
				}
			}
			fixedIdx := lix.Index(fixed)
			t.Logf("%-36s Kort fortalt: LIX %4.1f, %2d words, %d sentences; fixed wording: LIX %4.1f", name, idx, words, len(sentences), fixedIdx)
			if fixedIdx > 40 {
				t.Errorf("%s: the fixed wording has LIX %.1f, over 40", name, fixedIdx)
			}
		}
	}
}
