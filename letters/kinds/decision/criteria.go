package decision

import (
	"regexp"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/standard"
)

// What a pack may add to a decision as data (issue 21): its own eligibility criteria, § 103 as
// two rule switches, transport on a condition, and the citizen's duties. Each rule finds nothing
// where the pack does not say the thing it checks: criteria and the transport condition are
// data (a pack without criteria has nothing to assess), § 103 is switched.

// Rule codes.
const (
	// RuleCriterionUnassessed: the pack lists a criterion the decision does not assess.
	RuleCriterionUnassessed = "criterion_unassessed"
	// RuleCriterionNotMet: something is granted while a criterion of the pack is not met.
	RuleCriterionNotMet = "criterion_not_met"
	// RuleSection103NotConsidered runs where the pack switches SwitchRequire103Considered on.
	RuleSection103NotConsidered = "section_103_not_considered"
	// RuleTransportCondition: transport is granted under a pack that grants it only when the
	// citizen cannot transport themselves, and the decision does not say so.
	RuleTransportCondition = "transport_condition"
)

// The pack's switches ("rules" in standard.json) for § 103.
const (
	// SwitchCombineWith103 lets a § 103 offer stand beside the grant: an option of
	// no_other_day_offer, which then does not count an other day offer under § 103.
	SwitchCombineWith103 = "combine_with_103"
	// SwitchRequire103Considered turns on section_103_not_considered.
	SwitchRequire103Considered = "require_103_considered"
)

// criterion_unassessed: a criterion of the pack that assessment.criteria does not state (absent
// or null), in every decision: a refusal names the criteria not met as its reasons.
func criterionUnassessed(c *engine.Checker, d *Decision) {
	for _, cr := range d.facts.std.Criteria {
		if met := d.Assessment.Criteria[cr.ID]; met == nil {
			c.Report("assessment.criteria."+cr.ID, "", map[string]any{"Text": cr.Text})
		}
	}
}

// criterion_not_met: something is granted and a criterion of the pack is stated as not met.
func criterionNotMet(c *engine.Checker, d *Decision) {
	if len(d.Granted) == 0 {
		return
	}
	for _, cr := range d.facts.std.Criteria {
		if met := d.Assessment.Criteria[cr.ID]; met != nil && !*met {
			c.Report("assessment.criteria."+cr.ID, "", map[string]any{"Text": cr.Text})
		}
	}
}

// section_103_not_considered (only where the pack switches require_103_considered on):
// something is granted and the assessment does not say why § 103 is not the right help.
func section103NotConsidered(c *engine.Checker, d *Decision) {
	if len(d.Granted) > 0 && engine.Blank(d.Assessment.Section103) {
		c.Report("assessment.section_103", "", nil)
	}
}

// transport_condition: transport is granted under a pack whose transport.condition is
// cannot_transport_self, and the decision does not state that the citizen cannot transport
// themselves ("missing") or states that they can ("can").
func transportCondition(c *engine.Checker, d *Decision) {
	if d.Transport == nil || d.facts.std.Transport.Condition != standard.TransportCannotTransportSelf {
		return
	}
	switch v := d.Transport.CannotTransportSelf; {
	case v == nil:
		c.Report("transport.cannot_transport_self", "missing", nil)
	case !*v:
		c.Report("transport.cannot_transport_self", "can", nil)
	}
}

// section103 matches a paragraph that names serviceloven § 103 ("§ 103", "§103, stk. 1",
// "servicelovens § 103"), not § 1030 or § 103a.
var section103 = regexp.MustCompile(`§\s*103\b`)

// otherDayOffers are the other day offers no_other_day_offer counts: all of them, or, where the
// pack switches combine_with_103 on, those not under § 103.
func otherDayOffers(std *engine.Standard, offers []OtherDayOffer) []OtherDayOffer {
	if !std.On(SwitchCombineWith103) {
		return offers
	}
	var out []OtherDayOffer
	for _, o := range offers {
		if !section103.MatchString(o.Paragraph) {
			out = append(out, o)
		}
	}
	return out
}

// writeCriteria names the pack's criteria the decision states as met, and those not met, in the
// standard's words and order.
func writeCriteria(c *engine.Composer, v *View) {
	var met, notMet []string
	for _, cr := range c.Std.Criteria {
		switch m := v.Assessment.Criteria[cr.ID]; {
		case m == nil:
		case *m:
			met = append(met, cr.Text)
		default:
			notMet = append(notMet, cr.Text)
		}
	}
	if len(met) > 0 {
		c.Paragraphs("decision.assessment.criteria_met")
		c.Add(document.List{Items: met})
	}
	if len(notMet) > 0 {
		c.Paragraphs("decision.assessment.criteria_not_met")
		c.Add(document.List{Items: notMet})
	}
}

// writeSection103 prints why § 103 is not the right help, when the decision says it.
func writeSection103(c *engine.Composer, v *View) {
	if !engine.Blank(v.Assessment.Section103) {
		c.Paragraphs("decision.assessment.section_103")
		c.Add(document.Paragraph{Text: v.Assessment.Section103})
	}
}

// writeTransportCondition says, in a grant with transport, the condition it is granted on.
func writeTransportCondition(c *engine.Composer, v *View) {
	if c.Std.Transport.Condition != "" && v.Transport.CannotTransportSelf != nil && *v.Transport.CannotTransportSelf {
		c.Paragraphs("decision.transport.condition")
	}
}

// writeTransportOtherwise says, in a grant without transport under a pack that grants
// transport on a condition, what the standard offers instead (the pack's words).
func writeTransportOtherwise(c *engine.Composer, v *View) {
	t := c.Std.Transport
	if v.Transport != nil || t.Condition == "" || t.Otherwise == "" {
		return
	}
	c.Heading(2, "decision.transport.heading")
	c.Paragraphs("decision.transport.otherwise")
	c.Add(document.Paragraph{Text: t.Otherwise})
}

// writeCitizenDuties lists what the standard expects of the citizen, under its own heading.
func writeCitizenDuties(c *engine.Composer) {
	if duties := c.Std.Lists.CitizenDuties; len(duties) > 0 {
		c.Heading(2, "decision.duties.heading")
		c.Add(document.List{Items: duties})
	}
}
