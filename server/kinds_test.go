package server

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds"
)

// A toy letter kind, registered here only: the server describes and draws it from what it
// declares, with no line of server/ naming it.
type toyLetter struct {
	engine.Envelope
	LetterDate string   `json:"letter_date" validate:"required,date"`
	Activities []string `json:"activities" validate:"max=50"`
}

var toyKind = &engine.LetterKind[toyLetter]{
	Name:      "toy_letter",
	DateField: "letter_date",
	Prepare:   func(*engine.Standard, *toyLetter) {},
	Dates:     func(*toyLetter) any { return struct{}{} },
	Compose:   func(*engine.Composer, *toyLetter) {},
	API: engine.API{
		Schema: "ToyLetter",
		OpenAPI: []byte(`{"schemas": {"ToyLetter": {"type": "object", "required": ["kind", "letter_date"],
			"properties": {"kind": {"type": "string", "enum": ["toy_letter"]}, "standard": {"type": "string"},
			"letter_date": {"$ref": "#/components/schemas/Date"},
			"activities": {"type": "array", "items": {"type": "string"}}}, "additionalProperties": false}},
			"dates": {"title": "ToyLetterDates", "type": "object", "additionalProperties": false}}`),
		Codes: []engine.CodeField{{Path: "activities[]", Label: "activity",
			List: func(s *engine.Standard) map[string]string { return s.Lists.Activities }}},
	},
}

func TestANewKindNeedsNoServerChange(t *testing.T) {
	t.Parallel() // a service and a server of its own
	svc, err := letters.Open(letters.Config{Kinds: append(kinds.All(), toyKind)})
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, func(c *Config) { c.Letters = svc })
	var doc map[string]any
	if err := json.Unmarshal(s.do(http.MethodGet, "/openapi.json", "", nil).Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	newConformance(t, s.openapi) // still a valid description
	schemas := dig(doc, "components", "schemas")
	toy, ok := schemas["ToyLetter"].(map[string]any)
	if !ok {
		t.Fatal("the toy kind's schema is not among the components")
	}
	if got := dig(toy, "properties", "activities", "items")["enum"].([]any); !slices.Contains(got, any("exercise")) {
		t.Errorf("the toy's activities take the standard's codes: %v", got)
	}
	if got := dig(toy, "properties", "standard")["enum"].([]any); len(got) == 0 {
		t.Error("the toy's standard has no enum of the served ids")
	}
	if dig(toy, "properties", "activities")["maxItems"] == nil {
		t.Error("the toy's list has no maxItems")
	}
	oneOf, _ := json.Marshal(dig(schemas, "Letter")["oneOf"])
	if !strings.Contains(string(oneOf), `"#/components/schemas/ToyLetter"`) {
		t.Errorf("Letter.oneOf has no toy: %s", oneOf)
	}
	dates, _ := json.Marshal(dig(schemas, "Validation", "properties", "dates")["anyOf"])
	if !strings.Contains(string(dates), `"ToyLetterDates"`) {
		t.Errorf("Validation.dates has no toy's dates: %s", dates)
	}
	if got := s.preview.data["kinds"].(map[string]string)["toy_letter"]; got != "ToyLetter" {
		t.Errorf("the preview draws the toy from %q", got)
	}
	checkFormFields(t, s)
	// The toy is served: a body of its kind is checked, not refused as an unknown kind.
	rec := s.post("/v1/validations", []byte(`{"kind": "toy_letter", "letter_date": "2026-11-20", "activities": ["exercise"]}`))
	if rec.Code != http.StatusOK {
		t.Errorf("a toy letter: %d %s", rec.Code, rec.Body)
	}
}

// server/ names no letter kind, no request schema, no field of a kind and no rule of one: the
// kinds declare what the server needs (engine.API).
func TestServerNamesNoKind(t *testing.T) {
	t.Parallel() // reads the package's files
	svc := mustNew(t)
	words := []string{"granted", "activities", "activity", "development_course", "deviations", "assessment", "Deviation"}
	for _, k := range svc.KindInfos() {
		words = append(words, k.Schema)
		// "decision" is also the hand-off form's field (POST /) and a word of the comments; a
		// kind's name is looked for in quotes.
		words = append(words, `"`+k.Name+`"`)
		var part struct{ Schemas map[string]any }
		json.Unmarshal(k.OpenAPI, &part)
		for name := range part.Schemas {
			words = append(words, name)
		}
	}
	for _, r := range svc.Rules() {
		if r.Kind != "" {
			words = append(words, `"`+r.Code+`"`)
		}
	}
	slices.Sort(words)
	words = slices.Compact(words)
	handOff := regexp.MustCompile(`PostFormValue\("decision"\)|feltet "decision"|form field "decision"`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(raw), "\n") {
			line = handOff.ReplaceAllString(line, "")
			for _, w := range words {
				if regexp.MustCompile(`(^|[^A-Za-z_])` + regexp.QuoteMeta(w) + `($|[^A-Za-z_])`).MatchString(line) {
					t.Errorf("%s:%d names %s: %s", f, i+1, w, strings.TrimSpace(line))
				}
			}
		}
	}
}

// The preview names codes and fields with the service's names (Service.Names), the letters' own:
// a service opened with other templates shows their names in the form, not the built-in ones.
func TestThePreviewUsesTheServicesNames(t *testing.T) {
	t.Parallel() // a service and a server of its own
	fsys := testkit.TemplatesWith(t, map[string]string{
		"toy_letter/labels.json": `{"colour": {"red": "rød"}}`,
		"toy_letter/fields.json": `{"labels": {"favourite_colour": "Yndlingsfarve"}}`,
	})
	svc, err := letters.Open(letters.Config{Templates: fsys, Packs: os.DirFS(filepath.Join("..", "testdata", "standards")), PacksLabel: "testdata/standards"})
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, func(c *Config) { c.Letters = svc })
	var labels struct{ Colour map[string]string }
	json.Unmarshal(s.preview.data["labels"].(map[string]json.RawMessage)["colour"], &labels.Colour)
	var fields struct{ Labels map[string]string }
	json.Unmarshal(s.preview.data["fields"].(json.RawMessage), &fields)
	if labels.Colour["red"] != "rød" || fields.Labels["favourite_colour"] != "Yndlingsfarve" || fields.Labels["granted"] == "" {
		t.Errorf("the preview's names are not the service's: colour %v, favourite_colour %q, granted %q",
			labels.Colour, fields.Labels["favourite_colour"], fields.Labels["granted"])
	}
}
