package letters

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/reassessment"
)

var (
	svcOnce sync.Once
	svc     *Service
)

func service(t testing.TB) *Service {
	svcOnce.Do(func() {
		var err error
		if svc, err = New(); err != nil {
			t.Fatalf("New: %v", err)
		}
	})
	return svc
}

func check(t testing.TB, body []byte) *Result {
	t.Helper()
	r, err := service(t).Check(body)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return r
}

func codes(fs []Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Rule+"@"+f.Field)
	}
	return out
}

func TestExamplesAreValid(t *testing.T) {
	for _, name := range []string{"granted.json", "partly-granted.json", "refused.json", "physical-post.json"} {
		r := check(t, testkit.Read(t, name))
		if !r.Valid() || len(r.Warnings) > 0 {
			t.Errorf("%s: errors %v warnings %v", name, codes(r.Errors), codes(r.Warnings))
		}
	}
}

// Each file under testdata/decisions/rules fires the rule it is named after and nothing else.
func TestEachRuleFileFiresItsRuleOnly(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "decisions", "rules", "*.json"))
	if len(files) < 16 {
		t.Fatalf("expected a file for each of the 16 rules, found %d", len(files))
	}
	for _, f := range files {
		code := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(code, func(t *testing.T) {
			r := check(t, testkit.Read(t, filepath.Join("rules", filepath.Base(f))))
			all := append(append([]Finding{}, r.Errors...), r.Warnings...)
			if len(all) != 1 || all[0].Rule != code {
				t.Fatalf("want exactly %s, got %v", code, codes(all))
			}
			isWarning := len(r.Warnings) == 1
			if want := slices.Contains([]string{decision.RuleProcessingTime8Weeks, decision.RuleHalfPlaceWithManyDays, engine.RulePlainLanguage, decision.RuleAppliedForMissing,
				decision.RuleStartBeforeReceipt, decision.RuleHearingShort, reassessment.RuleHearingMissing, engine.RuleDeviationFromStandard}, code); isWarning != want {
				t.Errorf("%s: warning=%v, want %v", code, isWarning, want)
			}
			if all[0].Message == "" || strings.Contains(all[0].Message, "overholder ikke reglen") {
				t.Errorf("%s has no Danish message of its own: %q", code, all[0].Message)
			}
		})
	}
}

func TestContractExampleDates(t *testing.T) {
	r := check(t, testkit.Read(t, "partly-granted.json"))
	d := r.Dates.(DecisionDates)
	// Digital Post 20 Nov 2026: received the same day; + 28 days = Friday 18 Dec 2026.
	want := DecisionDates{LetterReceived: "2026-11-20", ComplaintDeadline: "2026-12-18", StartLimit: "2026-12-04",
		Offers: []OfferDates{{Start: "2026-12-01", FirstAssessment: "2027-03-01", NextFollowUp: "2028-03-01"}}}
	if d.LetterReceived != want.LetterReceived || d.ComplaintDeadline != want.ComplaintDeadline ||
		d.StartLimit != want.StartLimit || !slices.Equal(d.Offers, want.Offers) {
		t.Errorf("dates = %+v, want %+v", d, want)
	}
}
