package letters_test

import (
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters"
)

// Every rule says what it rests on: the law, which no decision departs from, or the standard,
// which a reasoned individual decision may.
func TestEveryRuleHasABasis(t *testing.T) {
	svc := newService(t)
	for _, r := range svc.Rules() {
		if r.Basis != letters.BasisLaw && r.Basis != letters.BasisStandard {
			t.Errorf("rule %s (kind %q) has no basis: set Basis to engine.BasisLaw or engine.BasisStandard", r.Code, r.Kind)
		}
	}
}
