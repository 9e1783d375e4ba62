package letters_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
)

// The wording tests read a letter's words from its document model (testkit.Text) rather than
// from its PDF, which takes half a second to read back. This is what lets them: for the first
// letter of each kind, and for the letter by ordinary post, every piece of the model's text is
// in the PDF as pdftotext reads it, and every word of it as the Go reader reads it (which reads
// line by line across a table: a label that wraps beside its value comes apart).
func TestTheModelsWordsAreThePDFs(t *testing.T) {
	t.Parallel()
	svc := newService(t)
	footer := regexp.MustCompile(`Side \d+ af \d+ `)
	seen := map[string]bool{}
	for _, e := range testkit.Letters(t) {
		if seen[e.Kind] && e.Name != "physical-post" {
			continue
		}
		seen[e.Kind] = true
		res, err := svc.Check(e.JSON)
		if err != nil || !res.Valid() {
			t.Fatalf("%s: %v %v", e.Name, err, res.Errors)
		}
		doc, err := res.Compose()
		if err != nil {
			t.Fatal(err)
		}
		pdf, err := pdfrender.New().RenderBytes(doc)
		if err != nil {
			t.Fatal(err)
		}
		parts := testkit.Parts(doc)
		if len(parts) < 20 {
			t.Fatalf("%s: only %d pieces of text in the model", e.Name, len(parts))
		}
		for reader, text := range testkit.Texts(t, pdf) {
			text = footer.ReplaceAllString(text, "")
			for _, p := range parts {
				p := pdftext.Flat(p)
				if reader != "go" {
					if !strings.Contains(text, p) {
						t.Errorf("%s, %s: the PDF lacks the model's %q", e.Name, reader, p)
					}
					continue
				}
				for _, w := range strings.Fields(p) {
					if !strings.Contains(text, w) {
						t.Errorf("%s, %s: the PDF lacks the model's %q (of %q)", e.Name, reader, w, p)
					}
				}
			}
		}
	}
	if len(seen) < 4 {
		t.Errorf("only %d kinds of letter", len(seen))
	}
}

// wordsOf are the words of a valid letter under svc, from its document model (testkit.Text).
func wordsOf(t testing.TB, svc *letters.Service, body []byte) string {
	t.Helper()
	return testkit.Text(validDoc(t, svc, body))
}
