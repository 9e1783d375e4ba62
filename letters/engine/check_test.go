package engine

import (
	"strings"
	"testing"
)

// TestChildCheckerPrefixesAndReportsIntoParent: a letter inside a letter is checked through a
// Child; its findings carry the child's path and their own rule's code, land among the outer
// letter's findings, and the outer letter's rules report without the prefix afterwards.
func TestChildCheckerPrefixesAndReportsIntoParent(t *testing.T) {
	served := testServedStandard(t)
	var nestedSaw []bool
	inner := &LetterKind[decodeInner]{Name: "inner", Prepare: func(*Standard, *decodeInner) {}, Rules: []Rule[decodeInner]{
		{Code: "inner_a", Basis: BasisLaw, Check: func(c *Checker, l *decodeInner) {
			nestedSaw = append(nestedSaw, c.InsideAnotherLetter())
			c.Report("s", "", nil)
		}},
		{Code: "inner_b", Basis: BasisLaw, Warn: true, Check: func(c *Checker, l *decodeInner) { c.Report("l[0]", "", nil) }},
	}}
	outer := &LetterKind[decodeAll]{Name: "outer", Prepare: func(*Standard, *decodeAll) {},
		Nested: func(c *Checker, l *decodeAll) { inner.RunRules(c.Child("in").Child("deep"), &l.In) },
		Rules: []Rule[decodeAll]{{Code: "outer_a", Basis: BasisLaw, Check: func(c *Checker, l *decodeAll) {
			nestedSaw = append(nestedSaw, c.InsideAnotherLetter())
			c.Report("name", "", nil)
		}}},
	}
	c := newChecker(served)
	outer.RunRules(c, &decodeAll{})
	var got []string
	for _, f := range append(c.errors, c.warnings...) {
		got = append(got, f.Rule+" "+f.Field)
	}
	if want := "inner_a in.deep.s, outer_a name, inner_b in.deep.l[0]"; strings.Join(got, ", ") != want {
		t.Errorf("findings %s, want %s", strings.Join(got, ", "), want)
	}
	if len(nestedSaw) != 2 || !nestedSaw[0] || nestedSaw[1] {
		t.Errorf("Nested in the inner and the outer rule: %v, want [true false]", nestedSaw)
	}
}

// TestReportOutsideARulePanics: a finding belongs to a rule; one reported on a checker no rule
// was given is a programming error, not a finding charged to whichever rule ran last.
func TestReportOutsideARulePanics(t *testing.T) {
	c := newChecker(testServedStandard(t))
	defer func() {
		if recover() == nil {
			t.Error("Report outside a rule did not panic")
		}
	}()
	c.Child("decision").Report("x", "", nil)
}
