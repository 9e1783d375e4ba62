package reassessment

import "github.com/bronderslev/afgorelsesbreve/letters/engine"

// reassessmentPlainLanguage checks the reasons of a reassessment (its new decision is checked
// as a decision).
func reassessmentPlainLanguage(c *engine.Checker, r *Reassessment) {
	for i, s := range r.Reasons {
		engine.PlainLanguage(c, "reasons["+engine.Itoa(i)+"]", s)
	}
}
