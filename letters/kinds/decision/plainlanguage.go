package decision

import "github.com/bronderslev/afgorelsesbreve/letters/engine"

// decisionPlainLanguage checks every free text of a decision: facts, considerations, the reason
// for an individual offer, each refusal's reason and facts, the means of transport, and the
// reason of each deviation from the standard.
func decisionPlainLanguage(c *engine.Checker, d *Decision) {
	for i, s := range d.Assessment.Facts {
		engine.PlainLanguage(c, "assessment.facts["+engine.Itoa(i)+"]", s)
	}
	for i, s := range d.Assessment.Considerations {
		engine.PlainLanguage(c, "assessment.considerations["+engine.Itoa(i)+"]", s)
	}
	for i, g := range d.Granted {
		engine.PlainLanguage(c, engine.ItemPath("granted", i, "individual_reason"), g.IndividualReason)
	}
	for i, r := range d.Refused {
		engine.PlainLanguage(c, engine.ItemPath("refused", i, "reason"), r.Reason)
		for j, s := range r.Facts {
			engine.PlainLanguage(c, engine.ItemPath("refused", i, "facts")+"["+engine.Itoa(j)+"]", s)
		}
	}
	if d.Transport != nil {
		engine.PlainLanguage(c, "transport.means", d.Transport.Means)
	}
	for i, dv := range d.Deviations {
		engine.PlainLanguage(c, engine.ItemPath("deviations", i, "reason"), dv.Reason)
	}
}
