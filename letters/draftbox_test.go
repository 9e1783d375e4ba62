package letters_test

import (
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// The draft's box names each field in the words of the preview's form, never by its JSON path
// (#22, point 7): a list's entry by its number, a plain value by its singular, a name by
// whose it is.
func TestTheDraftBoxNamesFieldsInDanish(t *testing.T) {
	svc := newService(t)
	body := patch(t, testkit.Read(t, "partly-granted"), map[string]any{
		"granted.0.start_date":    "2026-12-10",                    // start_within_14_days
		"granted.0.weekdays":      []string{"tuesday", "saturday"}, // weekdays_only
		"granted.0.provider.name": "",                              // required
	})
	res, err := svc.Check(body)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := res.ComposeDraft()
	if err != nil {
		t.Fatal(err)
	}
	box, ok := doc.Body[0].(document.Notice)
	if !ok {
		t.Fatalf("the draft opens with %T, not the box of findings", doc.Body[0])
	}
	lines := strings.Join(box.Lines, "\n")
	for _, want := range []string{"Fejl ved «Bevilget nr. 1, startdato»:", "Fejl ved «Bevilget nr. 1, ugedag nr. 2»:", "Fejl ved «Bevilget nr. 1, leverandørens navn»:"} {
		if !strings.Contains(lines, want) {
			t.Errorf("the box lacks %q:\n%s", want, lines)
		}
	}
	if strings.Contains(lines, "granted[") {
		t.Errorf("the box shows a JSON path:\n%s", lines)
	}
}
