package letters_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdfcheck"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
)

var everyPDFs struct {
	once  sync.Once
	files map[string][]byte
}

// everyPDF renders every example of every kind as a letter and every rule example (and one
// valid example) as a draft: once, for the tests that look at them (each gets its own map; the
// files must not be changed).
func everyPDF(t *testing.T, svc *letters.Service) map[string][]byte {
	t.Helper()
	everyPDFs.once.Do(func() { everyPDFs.files = drawEveryPDF(t, svc) })
	if len(everyPDFs.files) == 0 {
		t.Fatal("the PDFs of the examples were not drawn")
	}
	return maps.Clone(everyPDFs.files)
}

func drawEveryPDF(t *testing.T, svc *letters.Service) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	add := func(pattern string, draft bool) {
		m, _ := filepath.Glob(filepath.Join("..", "testdata", pattern))
		for _, f := range m {
			body, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := strings.TrimPrefix(f, filepath.Join("..", "testdata")+"/")
			if !draft {
				files[name] = render(t, svc, body)
				continue
			}
			res, err := svc.Check(body)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := res.ComposeDraft()
			if err != nil {
				t.Fatal(err)
			}
			if files["draft:"+name], err = pdfrender.New().RenderBytes(doc); err != nil {
				t.Fatal(err)
			}
		}
	}
	add("decisions/*.json", false)
	add("letters/*.json", false)
	add("decisions/rules/*.json", true)
	add("letters/rules/*.json", true)
	add("decisions/refused.json", true)
	if len(files) < 25 {
		t.Fatalf("only %d PDFs", len(files))
	}
	return files
}

// Every letter and draft passes the PDF/A-2a and PDF/UA-1 checks open tools can make, and its
// pages break where a reader expects: no page but the last ends on a heading (or on the bold
// line naming the transport, which today's reassessment example put at a page's foot), the closing
// stands with body text before it, and no text leaves a single line at the foot or the head
// of a page.
func TestEveryLetterIsTaggedAndArchivable(t *testing.T) {
	t.Parallel()
	svc := newService(t)
	reports := pdfcheck.Check(t, everyPDF(t, svc))
	for name, r := range reports {
		for _, e := range r.Errors {
			t.Errorf("%s: %s", name, e)
		}
		for i, page := range r.Pages {
			if len(page) == 0 {
				t.Errorf("%s: page %d has no content", name, i+1)
				continue
			}
			if last := page[len(page)-1]; i < len(r.Pages)-1 && (strings.HasPrefix(last.Type, "H") || strings.HasPrefix(last.Text, "Flextur")) {
				t.Errorf("%s: page %d ends on the heading %q", name, i+1, last.Text)
			}
			for j, e := range page {
				if strings.HasPrefix(e.Text, "Venlig hilsen") && (j == 0 || page[j-1].Type == "H2") {
					t.Errorf("%s: the closing starts page %d with no body text before it", name, i+1)
				}
			}
			if i+1 < len(r.Pages) && len(r.Pages[i+1]) > 0 {
				last, first := page[len(page)-1], r.Pages[i+1][0]
				if last.ID == first.ID && (last.Lines < 2 || first.Lines < 2) {
					t.Errorf("%s: a %s breaks %d|%d lines over pages %d and %d: %q | %q", name, last.Type, last.Lines, first.Lines, i+1, i+2, last.Text, first.Text)
				}
			}
		}
	}
	// The structure reads in order, and words on either side of a line wrap stay two words.
	var text strings.Builder
	for _, page := range reports["decisions/refused.json"].Pages {
		for _, e := range page {
			text.WriteString(e.Text + " ")
		}
	}
	flat := pdftext.Flat(text.String())
	for _, want := range []string{
		"Brønderslev Kommune", "CPR-nummer 120301-xxxx", "Łucja Śliwińska-Nguyễn",
		"Afgørelse om aktivitets- og samværstilbud efter servicelovens § 104 Kort fortalt Du får ikke det, du har søgt om.",
		"Ring til mig på 9945 4532, hvis du vil vide mere. Du får afslag på det, du har søgt om.",
		"Du har ikke betydelig nedsat fysisk eller psykisk funktionsevne", "Venlig hilsen",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the structure tree of refused.json does not read %q", want)
		}
	}
	if i, j := strings.Index(flat, "Sådan klager du"), strings.Index(flat, "Venlig hilsen"); i < 0 || j < i {
		t.Error("the structure tree reads the closing before the complaint guidance")
	}
}

// The text layer keeps the space at a line wrap: the Go reader's text without its line breaks,
// and poppler's structure text (each line's marked content, in the tree's order) read as a
// screen reader joins them, say "ikke betydelig", not "ikkebetydelig".
func TestWordsAtALineWrapStaySeparate(t *testing.T) {
	t.Parallel()
	pdf := everyPDF(t, newService(t))["decisions/refused.json"]
	var structText strings.Builder
	for _, line := range strings.Split(run(t, pdftext.RequireTool(t, "pdfinfo", "poppler-utils"), pdf, "-struct-text"), "\n") {
		if l := strings.TrimSpace(line); strings.HasPrefix(l, `"`) && strings.HasSuffix(l, `"`) {
			structText.WriteString(l[1 : len(l)-1])
		}
	}
	for reader, text := range map[string]string{"go": strings.ReplaceAll(pdftext.Go(t, pdf), "\n", ""), "pdfinfo -struct-text": structText.String()} {
		if !strings.Contains(text, "Du har ikke betydelig nedsat") || strings.Contains(text, "ikkebetydelig") {
			t.Errorf("%s: the wrapped words run together", reader)
		}
	}
}

// PDFBox's Preflight, a second opinion that shares nothing with pikepdf, finds nothing in a
// letter, a letter with the extra code pages and a draft but that PDF/A-2 is not PDF/A-1 (it
// checks PDF/A-1b only: fonts, colour spaces, metadata, trailer and syntax).
func TestPreflightFindsOnlyThePart(t *testing.T) {
	t.Parallel()
	svc := newService(t)
	files := everyPDF(t, svc)
	for _, name := range []string{"decisions/granted.json", "decisions/refused.json", "draft:decisions/rules/start_within_14_days.json"} {
		pdf, ok := files[name]
		if !ok {
			t.Fatalf("no %s", name)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel() // a Java each, which spends much of its time starting
			faults := pdfcheck.Preflight(t, pdf)
			if len(faults) != 1 || !strings.Contains(faults[0], "part must be 1") {
				t.Errorf("%s: Preflight says %q", name, faults)
			}
		})
	}
}
