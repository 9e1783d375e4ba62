package server

import (
	"encoding/json"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
)

// withoutExample are the rule codes that have no example under testdata/*/rules/: the faults of
// a malformed request, which no valid example can fire alone, and a rule that only a pack can
// switch on.
var withoutExample = []string{
	"invalid_format", "invalid_value", "required", "text_too_long", "too_many_items", "unknown_field",
	"unsupported_character", "standard_not_in_force", "other_offers_considered",
	// Fires only when another municipality's pack is served beside the standard's
	// (letters/municipality_test.go).
	"other_municipality_named",
}

// The rule codes the description lists are exactly the rules that have an example under
// testdata/*/rules/ or testdata/standards/*/examples/rules/ (each firing only its rule) and those
// listed above: lists kept apart from
// the registry the enum is built from, so that a rule missing from the registry, or an enum
// built wrong, fails here.
func TestOpenAPIRuleCodesAreTheRulesWithExamples(t *testing.T) {
	s := newTestServer(t, nil)
	rec := s.do(http.MethodGet, "/openapi.json", "", nil)
	var doc struct {
		Components struct {
			Schemas struct {
				Finding struct {
					Properties struct {
						Rule struct {
							Enum []string `json:"enum"`
						} `json:"rule"`
					} `json:"properties"`
				} `json:"Finding"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	enum := doc.Components.Schemas.Finding.Properties.Rule.Enum
	examples := slices.Clone(withoutExample)
	for _, e := range testkit.Examples(t) {
		if e.Rule != "" {
			examples = append(examples, e.Rule)
		}
	}
	// A rule only a pack's data turns on has its example with that pack.
	packRules, _ := filepath.Glob(filepath.Join(testkit.Dir(), "standards", "*", "examples", "rules", "*.json"))
	for _, f := range packRules {
		if c := strings.TrimSuffix(filepath.Base(f), ".json"); !slices.Contains(examples, c) {
			examples = append(examples, c)
		}
	}
	slices.Sort(examples)
	got := slices.Sorted(slices.Values(enum))
	if len(got) == 0 || !slices.Equal(got, slices.Compact(slices.Clone(got))) {
		t.Errorf("the rule enum is empty or has a code twice: %v", enum)
	}
	for _, c := range examples {
		if !slices.Contains(got, c) {
			t.Errorf("rule %s has an example but is not in the description's enum", c)
		}
	}
	for _, c := range got {
		if !slices.Contains(examples, c) {
			t.Errorf("rule %s is in the description's enum but has no example under testdata/*/rules/ (nor is it in withoutExample)", c)
		}
	}
}
