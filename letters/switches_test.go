package letters_test

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/standards"
)

// The rules' switches and options are one list: the Go rules declare them (Rule.Switch,
// Rule.Options), and pack.schema.json's "rules" offers exactly those, each described with the
// code of the rule it changes. A switch the schema lacks could not be set; one Go lacks would
// pass the schema and then be refused at start.
func TestPackSchemaOffersExactlyTheRulesSwitches(t *testing.T) {
	svc, err := letters.New()
	if err != nil {
		t.Fatal(err)
	}
	rulesOf := map[string][]string{} // switch or option -> the codes of the rules it changes
	for _, r := range svc.Rules() {
		for _, s := range append([]string{r.Switch}, r.Options...) {
			if s != "" && !slices.Contains(rulesOf[s], r.Code) {
				rulesOf[s] = append(rulesOf[s], r.Code)
			}
		}
	}
	var schema struct {
		Properties struct {
			Rules struct {
				Properties map[string]struct {
					Description string `json:"description"`
					Type        string `json:"type"`
				} `json:"properties"`
			} `json:"rules"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(standards.Schema, &schema); err != nil {
		t.Fatal(err)
	}
	offered := schema.Properties.Rules.Properties
	if got, want := slices.Sorted(maps.Keys(offered)), slices.Sorted(maps.Keys(rulesOf)); !slices.Equal(got, want) {
		t.Fatalf("pack.schema.json rules offers %v; the Go rules' switches and options are %v", got, want)
	}
	for name, p := range offered {
		if p.Type != "boolean" {
			t.Errorf("pack.schema.json rules.%s is of type %q, not boolean", name, p.Type)
		}
		for _, code := range rulesOf[name] {
			if !strings.Contains(p.Description, code) {
				t.Errorf("pack.schema.json rules.%s does not name the rule it changes, %s: %q", name, code, p.Description)
			}
		}
	}
}
