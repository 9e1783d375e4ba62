package letters_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from what the letters compose to now")

// Every example of every kind, composed into the document model, is the same as its golden
// file under testdata/golden/<kind>/<example>.json: a change of wording or order shows up here
// as a JSON diff a legal reader can review, close to the template that made it. Rewrite the
// files with go test ./letters -run Golden -update.
func TestDocumentModelGolden(t *testing.T) {
	svc := newService(t)
	seen := map[string]bool{}
	for _, e := range testkit.Letters(t) {
		f, body := e.Name, e.JSON
		res, err := svc.Check(body)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := res.Compose()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, err := json.MarshalIndent(doc.Describe(), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		golden := filepath.Join(testkit.Dir(), "golden", res.Kind, f+".json")
		seen[res.Kind] = true
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: no golden file (go test ./letters -run Golden -update): %v", f, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s composes differently from %s (go test ./letters -run Golden -update, then review the diff):\n%s", f, golden, firstDiff(string(want), string(got)))
		}
	}
	for _, k := range svc.Kinds() {
		if !seen[k] {
			t.Errorf("the kind %q has no example under testdata/", k)
		}
	}
}

// firstDiff shows the first line that differs, with its neighbours.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		if i >= len(w) || i >= len(g) || w[i] != g[i] {
			line := func(s []string) string {
				if i < len(s) {
					return s[i]
				}
				return "(end)"
			}
			return "line " + strconv.Itoa(i+1) + ":\n  want " + line(w) + "\n  got  " + line(g)
		}
	}
	return ""
}

// Examples are named by their kind: every example of a kind other than decision has a file name
// that starts with the kind's name ("follow_up.json", "reassessment-upheld.json").
func TestExamplesAreNamedByKind(t *testing.T) {
	m, _ := filepath.Glob(filepath.Join("..", "testdata", "letters", "*.json"))
	if len(m) == 0 {
		t.Fatal("no examples")
	}
	for _, f := range m {
		body, _ := os.ReadFile(f)
		var head struct{ Kind string }
		json.Unmarshal(body, &head)
		if base := filepath.Base(f); head.Kind == "" || !strings.HasPrefix(base, head.Kind) {
			t.Errorf("%s is a %q letter: name it %s.json or %s-….json", base, head.Kind, head.Kind, head.Kind)
		}
	}
}
