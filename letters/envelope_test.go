package letters_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
)

// The request types share their envelope (engine.Envelope, engine.Parties) as embedded structs;
// the JSON contract is unchanged by it: every fault in an envelope field is found at the field's
// own path, by the shape checks (required, format, enum), the printable-text walk and the
// strict decoder (unknown fields beside them), for every kind, in a reassessment's decision too.
func TestEnvelopeFieldsKeepTheirPaths(t *testing.T) {
	svc := newService(t)
	for _, e := range testkit.Letters(t) {
		// Where the parties are: at the top level, or in a reassessment's decision.
		at := ""
		if e.Kind == "reassessment" {
			at = "decision."
		}
		parties := func(d map[string]any) map[string]any {
			if at != "" {
				return d["decision"].(map[string]any)
			}
			return d
		}
		cases := []struct {
			change func(d map[string]any)
			field  string
			rule   string
		}{
			{func(d map[string]any) { delete(parties(d), "delivery") }, at + "delivery", "required"},
			{func(d map[string]any) { parties(d)["delivery"] = "pigeon" }, at + "delivery", "invalid_value"},
			{func(d map[string]any) { parties(d)["citizen"].(map[string]any)["cpr"] = "x" }, at + "citizen.cpr", "invalid_format"},
			{func(d map[string]any) { delete(parties(d)["case"].(map[string]any), "journal_number") }, at + "case.journal_number", "required"},
			{func(d map[string]any) { parties(d)["case"].(map[string]any)["journal_number"] = "27\u200b" }, at + "case.journal_number", "unsupported_character"},
			{func(d map[string]any) { parties(d)["citizen"].(map[string]any)["nick"] = "x" }, at + "citizen.nick", "unknown_field"},
			{func(d map[string]any) { d["kind"] = e.Kind + "\u200b" }, "kind", "invalid_value"},
		}
		for _, c := range cases {
			r, err := svc.Check(changed(t, e.JSON, c.change))
			if err != nil {
				t.Fatalf("%s: %v", e.Name, err)
			}
			if !slices.ContainsFunc(r.Errors, func(f letters.Finding) bool { return f.Field == c.field && f.Rule == c.rule }) {
				var got []string
				for _, f := range r.Errors {
					got = append(got, f.Field+" "+f.Rule)
				}
				t.Errorf("%s: want %s at %s, got %s", e.Name, c.rule, c.field, strings.Join(got, "; "))
			}
		}
	}
}
