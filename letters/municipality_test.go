package letters_test

import (
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"slices"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
)

// other_municipality_named (#22, point 5) fires only where the service serves more than one
// municipality, so it has no file in testdata/decisions/rules: here it runs under the packs of
// testdata/standards. A refusal copied from Brønderslev's case still cites Brønderslev's
// standard under Eksempel Kommune's; a caseworker's address at Brønderslev sends the citizen's
// answer there. The same decision under Brønderslev's own standard warns of nothing.
func TestOtherMunicipalityNamed(t *testing.T) {
	base := testkit.Read(t, "partly-granted") // cites "Brønderslev Kommunes kvalitetsstandard"
	at := func(res *letters.Result) []string {
		var out []string
		for _, f := range res.Warnings {
			if f.Rule == decision.RuleOtherMunicipalityNamed {
				out = append(out, f.Field)
			}
		}
		return out
	}
	under := checkUnder(t, patch(t, base, map[string]any{"standard": eksempel, "case.caseworker.email": "mette@eksempel.dk"}))
	if got := at(under); !slices.Equal(got, []string{"refused[0].legal_basis"}) {
		t.Errorf("Brønderslev's standard cited under Eksempel Kommune's: warnings at %v, want refused[0].legal_basis", got)
	}
	mail := checkUnder(t, patch(t, base, map[string]any{"standard": eksempel,
		"refused.0.legal_basis": "Serviceloven § 104 og Eksempel Kommunes kvalitetsstandard"}))
	if got := at(mail); !slices.Equal(got, []string{"case.caseworker.email"}) {
		t.Errorf("a caseworker at bronderslev.dk writing for Eksempel Kommune: warnings at %v", got)
	}
	for name, spelled := range map[string]string{"æøå as two letters": "m@broenderslev.dk", "a longer domain": "m@bronderslevkommune.dk", "a subdomain": "m@social.bronderslev.dk"} {
		res := checkUnder(t, patch(t, base, map[string]any{"standard": eksempel, "case.caseworker.email": spelled,
			"refused.0.legal_basis": "Serviceloven § 104"}))
		if got := at(res); !slices.Equal(got, []string{"case.caseworker.email"}) {
			t.Errorf("%s (%s): warnings at %v", name, spelled, got)
		}
	}
	// At the boundary: the municipality's own name, its own address, and a text that names a
	// place only (not the municipality) warn of nothing; nor does an offer run by another one.
	own := checkUnder(t, patch(t, base, map[string]any{"granted.0.provider.name": "Eksempel Kommune, Dagcentret"}))
	if got := at(own); len(got) != 0 {
		t.Errorf("Brønderslev's own decision: warnings at %v", got)
	}
	place := checkUnder(t, patch(t, base, map[string]any{"standard": eksempel, "case.caseworker.email": "mette@eksempel.dk",
		"refused.0.legal_basis": "Serviceloven § 104", "assessment.facts": []string{"Du bor i Brønderslev og vil gerne være sammen med andre."}}))
	if got := at(place); len(got) != 0 {
		t.Errorf("a place name, not a municipality: warnings at %v", got)
	}
	// A warning: the letter can still be sent.
	if slices.Contains(ruleCodes(under.Errors), decision.RuleOtherMunicipalityNamed) {
		t.Errorf("other_municipality_named must not stop the letter: %v", ruleCodes(under.Errors))
	}
}
