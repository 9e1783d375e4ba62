package engine

import "strings"

// Deviations: a standard is guidance, so an individual decision may depart from one of its
// rules when it says why (skøn under regel). A rule of the law cannot be departed from.
//
// A kind that allows deviations names them (LetterKind.Deviations). While its rules run, a rule
// with BasisStandard that a deviation with a reason names does not refuse the letter: each of its
// findings becomes the warning deviation_from_standard at the same field, naming the rule's own
// finding. Afterwards every entry is checked: a rule of the law is deviation_not_allowed, a rule
// that did not fire is deviation_unused, a code that is no rule of the kind is invalid_value, a
// blank reason is required. The kind's letter states each deviation and its reason
// (Deviation.Applied).

// Rule codes of deviations.
const (
	// RuleDeviationFromStandard (warning): a rule of the standard fired, and the decision departs
	// from it with a reason; the letter states the reason.
	RuleDeviationFromStandard = "deviation_from_standard"
	// RuleDeviationNotAllowed: a deviation names a rule of the law.
	RuleDeviationNotAllowed = "deviation_not_allowed"
	// RuleDeviationUnused: a deviation names a rule of the standard that did not fire, so the
	// letter would state an exception that is none.
	RuleDeviationUnused = "deviation_unused"
)

// Deviation is one reasoned departure from a rule of the standard ("deviations" of a decision).
type Deviation struct {
	Rule   string `json:"rule" validate:"required"`
	Reason string `json:"reason"`

	applied bool // set by the engine: the rule fired and the deviation lifted it
}

// Applied reports whether the deviation lifted a finding of its rule: what the letter states.
func (d Deviation) Applied() bool { return d.applied }

// deviationRules are the rule infos of the deviation codes, for a kind that allows deviations.
func deviationRules(kind string) []RuleInfo {
	return []RuleInfo{
		{Code: RuleDeviationFromStandard, Warning: true, Kind: kind, Basis: BasisLaw},
		{Code: RuleDeviationNotAllowed, Kind: kind, Basis: BasisLaw},
		{Code: RuleDeviationUnused, Kind: kind, Basis: BasisLaw},
	}
}

// deviationState is what the checker knows of a letter's deviations while its rules run.
type deviationState struct {
	byRule map[string]int // rule code -> index of the first entry with a reason
	list   []Deviation
	fired  map[string]bool // rule codes that reported at least one finding
	lifted map[string]bool // rule codes whose findings a deviation lifted
}

// startDeviations reads the letter's deviations before its rules run.
func startDeviations(list []Deviation) *deviationState {
	s := &deviationState{byRule: map[string]int{}, list: list, fired: map[string]bool{}, lifted: map[string]bool{}}
	for i, d := range list {
		if Blank(d.Reason) {
			continue
		}
		if _, dup := s.byRule[d.Rule]; !dup {
			s.byRule[d.Rule] = i
		}
	}
	return s
}

// lifts reports the entry that lifts the findings of a rule with basis b, or -1.
func (s *deviationState) lifts(code string, b Basis) int {
	if s == nil || b != BasisStandard {
		return -1
	}
	if i, ok := s.byRule[code]; ok {
		return i
	}
	return -1
}

// checkDeviations reports what is wrong with the entries themselves, once every rule has run.
func checkDeviations[T any](c *Checker, rules []Rule[T], s *deviationState) {
	if len(s.list) == 0 {
		return // most letters: nothing to check, and no table of the rules to build
	}
	bases := map[string]Basis{}
	var allowed []string
	for _, r := range rules {
		bases[r.Code] = r.Basis
		if r.Basis == BasisStandard && (r.Switch == "" || c.served.std.On(r.Switch)) {
			allowed = append(allowed, r.Code)
		}
	}
	seen := map[string]bool{}
	for i, d := range s.list {
		path := ItemPath("deviations", i, "")
		if d.Rule == "" {
			continue // required, from the shape check
		}
		basis, known := bases[d.Rule]
		switch {
		case !known:
			c.add(path+"rule", RuleInvalidValue, "", false, map[string]any{"Allowed": strings.Join(allowed, ", ")})
			continue
		case basis == BasisLaw:
			c.add(path+"rule", RuleDeviationNotAllowed, "", false, map[string]any{"Rule": d.Rule})
			continue
		case seen[d.Rule]:
			c.add(path+"rule", RuleInvalidValue, "unique", false, nil)
			continue
		}
		seen[d.Rule] = true
		if Blank(d.Reason) {
			c.add(path+"reason", RuleRequired, "", false, nil)
			continue
		}
		if !s.fired[d.Rule] {
			c.add(path+"rule", RuleDeviationUnused, "", false, map[string]any{"Rule": d.Rule})
			continue
		}
		s.list[i].applied = s.lifted[d.Rule]
	}
}
