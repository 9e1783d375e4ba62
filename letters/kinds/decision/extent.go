package decision

import "github.com/bronderslev/afgorelsesbreve/letters/engine"

// RulePartialRefusalMissing: the grants give less than applied for and nothing is refused.
const RulePartialRefusalMissing = "partial_refusal_missing"

// shortfall is what the grants, taken together, give less of than the applied extent.
//
// Several grants are compared with one applied extent as one grant: the best form among them
// (individual above group), the best place (full above half) and the number of different
// weekdays they cover together. A citizen who applied for a full place five days a week and
// gets three days at one offer and two at another has got the five days. Which weekdays is
// planning, how many is extent: two days instead of the two applied for, on other days, is not
// less.
type shortfall struct {
	Form, Place              bool // individual applied for, none granted; full applied for, none granted
	Days                     bool // fewer weekdays than applied for
	AppliedDays, GrantedDays int
}

func (s shortfall) any() bool { return s.Form || s.Place || s.Days }

func shortfallOf(d *Decision) shortfall {
	a := d.AppliedExtent
	if a == nil || len(d.Granted) == 0 {
		return shortfall{}
	}
	individual, full := false, false
	days := map[string]bool{}
	for _, g := range d.Granted {
		individual = individual || g.Form == "individual"
		full = full || g.Place == "full"
		for _, wd := range g.Weekdays {
			days[wd] = true
		}
	}
	s := shortfall{
		Form:        a.Form == "individual" && !individual,
		Place:       a.Place == "full" && !full,
		AppliedDays: len(a.Weekdays),
		GrantedDays: len(days),
	}
	s.Days = len(a.Weekdays) > len(days)
	return s
}

// partial_refusal_missing: the grants give less than the applied extent (group instead of
// individual, half instead of full place, fewer weekdays) and no refused item gives the
// reasons and complaint guidance for the rest (forvaltningsloven §§ 22 and 24). Any refused
// item will do: which part of the application it covers is in its free text.
func partialRefusalMissing(c *engine.Checker, d *Decision) {
	if s := d.facts.shortfall; s.any() && len(d.Refused) == 0 {
		c.Report("refused", "", map[string]any{"Form": s.Form, "Place": s.Place, "Days": s.Days,
			"AppliedDays": s.AppliedDays, "GrantedDays": s.GrantedDays})
	}
}
