package decision_test

import (
	"encoding/json"
	"errors"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
)

// variant is the contract's example decision with a change applied to its JSON.
func variant(t *testing.T, change func(d map[string]any)) []byte {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal(testkit.Read(t, "partly-granted.json"), &d); err != nil {
		t.Fatal(err)
	}
	change(d)
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func obj(d map[string]any, path ...string) map[string]any {
	for _, p := range path {
		d = d[p].(map[string]any)
	}
	return d
}

func grant(d map[string]any) map[string]any   { return d["granted"].([]any)[0].(map[string]any) }
func refusal(d map[string]any) map[string]any { return d["refused"].([]any)[0].(map[string]any) }

// fired lists the rule codes of all findings.
func fired(r *letters.Result) []string {
	var out []string
	for _, f := range append(append([]letters.Finding{}, r.Errors...), r.Warnings...) {
		out = append(out, f.Rule)
	}
	return out
}

type ruleCase struct {
	name   string
	change func(d map[string]any)
	fires  bool
}

func runRuleCases(t *testing.T, code string, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(code+"/"+c.name, func(t *testing.T) {
			r := check(t, variant(t, c.change))
			got := fired(r)
			if slices.Contains(got, code) != c.fires {
				t.Fatalf("%s fired=%v, want %v (all: %v)", code, !c.fires, c.fires, got)
			}
			for _, other := range got {
				if other != code {
					t.Errorf("unexpected %s as well", other)
				}
			}
		})
	}
}

func TestStartWithin14Days(t *testing.T) {
	runRuleCases(t, decision.RuleStartWithin14Days, []ruleCase{
		{"day 14", func(d map[string]any) { grant(d)["start_date"] = "2026-12-04" }, false},
		{"day 15", func(d map[string]any) { grant(d)["start_date"] = "2026-12-05" }, true},
		{"the decision day", func(d map[string]any) { grant(d)["start_date"] = "2026-11-20" }, false},
		{"the day before the decision", func(d map[string]any) { grant(d)["start_date"] = "2026-11-19" }, true},
	})
	r := check(t, variant(t, func(d map[string]any) { grant(d)["start_date"] = "2026-12-05" }))
	if msg := r.Errors[0].Message; !strings.Contains(msg, "4. december 2026") || !strings.Contains(msg, "14 dage") {
		t.Errorf("message should name the limit and the date: %q", msg)
	}
}

func TestAgeMin18(t *testing.T) {
	// Decision 20 November 2026.
	runRuleCases(t, decision.RuleAgeMin18, []ruleCase{
		{"18th birthday on the decision date", func(d map[string]any) { obj(d, "citizen")["cpr"] = "201108-4123" }, false},
		{"18th birthday the day after", func(d map[string]any) { obj(d, "citizen")["cpr"] = "211108-4123" }, true},
		{"under 18 but only refused", func(d map[string]any) {
			obj(d, "citizen")["cpr"] = "211108-4123"
			d["granted"] = []any{}
			delete(d, "transport")
		}, false},
	})
}

func TestContactUnitByAgeAndPension(t *testing.T) {
	unit := func(cpr string, pension bool) string {
		r := check(t, variant(t, func(d map[string]any) {
			obj(d, "citizen")["cpr"] = cpr
			obj(d, "citizen")["early_retirement_pension"] = pension
		}))
		doc, err := r.Compose()
		if err != nil {
			t.Fatal(err)
		}
		return doc.Sender.Unit
	}
	adult, young := "Visitationen – Det Specialiserede Område", "UngeCenter Brønderslev"
	if got := unit("201196-1234", false); got != adult {
		t.Errorf("30th birthday on the decision date: %s, want %s", got, adult)
	}
	if got := unit("211196-1234", false); got != young {
		t.Errorf("the day before the 30th birthday: %s, want %s", got, young)
	}
	if got := unit("211196-1234", true); got != adult {
		t.Errorf("under 30 with førtidspension: %s, want %s", got, adult)
	}
}

func TestCPRInvalid(t *testing.T) {
	runRuleCases(t, engine.RuleCPRInvalid, []ruleCase{
		{"31 February", func(d map[string]any) { obj(d, "citizen")["cpr"] = "310290-1235" }, true},
		{"29 February 1900 (digit 1, year 00)", func(d map[string]any) { obj(d, "citizen")["cpr"] = "290200-1235" }, true},
		{"a real date", func(d map[string]any) { obj(d, "citizen")["cpr"] = "280290-1235" }, false},
	})
	r := check(t, variant(t, func(d map[string]any) { obj(d, "citizen")["cpr"] = "12345" }))
	if got := fired(r); !slices.Equal(got, []string{engine.RuleInvalidFormat}) {
		t.Errorf("a CPR of the wrong shape is invalid_format only, got %v", got)
	}
}

func TestTargetGroup(t *testing.T) {
	runRuleCases(t, decision.RuleTargetGroup, []ruleCase{
		{"no group", func(d map[string]any) { obj(d, "assessment")["target_group"] = []any{}; delete(d, "transport") }, true},
		{"not significant and lasting", func(d map[string]any) {
			obj(d, "assessment")["significant_and_lasting"] = false
			delete(d, "transport")
		}, true},
		{"special social problems alone need not be significant and lasting", func(d map[string]any) {
			obj(d, "assessment")["target_group"] = []any{"special_social_problems"}
			obj(d, "assessment")["significant_and_lasting"] = false
			delete(d, "transport")
		}, false},
		{"refused only", func(d map[string]any) {
			obj(d, "assessment")["target_group"] = []any{}
			d["granted"] = []any{}
			delete(d, "transport")
		}, false},
	})
}

func TestNoItems(t *testing.T) {
	runRuleCases(t, decision.RuleNoItems, []ruleCase{
		{"nothing", func(d map[string]any) { d["granted"] = []any{}; d["refused"] = []any{}; delete(d, "transport") }, true},
		{"only a refusal", func(d map[string]any) { d["granted"] = []any{}; delete(d, "transport") }, false},
	})
}

func TestRefusalReason(t *testing.T) {
	runRuleCases(t, decision.RuleRefusalReason, []ruleCase{
		{"no reason", func(d map[string]any) { refusal(d)["reason"] = " " }, true},
		{"no legal basis", func(d map[string]any) { delete(refusal(d), "legal_basis") }, true},
		{"no facts", func(d map[string]any) { refusal(d)["facts"] = []any{} }, true},
		{"only a blank fact", func(d map[string]any) { refusal(d)["facts"] = []any{""} }, true},
		{"one fact", func(d map[string]any) { refusal(d)["facts"] = []any{"Én oplysning."} }, false},
	})
}

func TestNoOtherDayOffer(t *testing.T) {
	other := []any{map[string]any{"paragraph": "§ 103", "name": "Beskyttet beskæftigelse"}}
	runRuleCases(t, decision.RuleNoOtherDayOffer, []ruleCase{
		{"granted with another day offer", func(d map[string]any) { d["other_day_offers"] = other }, true},
		{"refused with another day offer", func(d map[string]any) {
			d["other_day_offers"] = other
			d["granted"] = []any{}
			delete(d, "transport")
		}, false},
	})
}

func TestIndividualNeedsReason(t *testing.T) {
	runRuleCases(t, decision.RuleIndividualNeedsReason, []ruleCase{
		{"individual without reason", func(d map[string]any) { grant(d)["form"] = "individual" }, true},
		{"individual with reason", func(d map[string]any) {
			grant(d)["form"] = "individual"
			grant(d)["individual_reason"] = "Du bliver meget urolig i grupper."
		}, false},
	})
}

func TestProviderTilbudsportalen(t *testing.T) {
	runRuleCases(t, decision.RuleProviderTilbudsportalen, []ruleCase{
		{"no provider name", func(d map[string]any) { obj(grant(d), "provider")["name"] = "" }, true},
		{"no id", func(d map[string]any) { delete(obj(grant(d), "provider"), "tilbudsportalen_id") }, true},
		{"no provider at all", func(d map[string]any) { delete(grant(d), "provider") }, true},
	})
}

func TestTransportActionPlan(t *testing.T) {
	runRuleCases(t, decision.RuleTransportActionPlan, []ruleCase{
		{"plan on the decision date", func(d map[string]any) { obj(d, "transport")["action_plan_date"] = "2026-11-20" }, false},
		{"plan the day after", func(d map[string]any) { obj(d, "transport")["action_plan_date"] = "2026-11-21" }, true},
		{"no means", func(d map[string]any) { obj(d, "transport")["means"] = "" }, true},
		{"no plan date", func(d map[string]any) { delete(obj(d, "transport"), "action_plan_date") }, true},
		{"no transport", func(d map[string]any) { delete(d, "transport") }, false},
	})
}

func TestTransportEligibility(t *testing.T) {
	runRuleCases(t, decision.RuleTransportEligibility, []ruleCase{
		{"physical impairment", func(d map[string]any) { obj(d, "assessment")["target_group"] = []any{"physical_impairment"} }, false},
		{"special social problems only", func(d map[string]any) {
			obj(d, "assessment")["target_group"] = []any{"special_social_problems"}
		}, true},
		{"impairment not significant", func(d map[string]any) {
			obj(d, "assessment")["target_group"] = []any{"mental_impairment", "special_social_problems"}
			obj(d, "assessment")["significant_and_lasting"] = false
		}, true},
	})
}

func TestDatesOrder(t *testing.T) {
	runRuleCases(t, engine.RuleDatesOrder, []ruleCase{
		{"same day", func(d map[string]any) { d["application_received_date"] = "2026-11-20" }, false},
		{"a day later", func(d map[string]any) { d["application_received_date"] = "2026-11-21" }, true},
	})
}

func TestWeekdaysOnly(t *testing.T) {
	runRuleCases(t, decision.RuleWeekdaysOnly, []ruleCase{
		{"friday", func(d map[string]any) { grant(d)["weekdays"] = []any{"friday"} }, false},
		{"sunday", func(d map[string]any) { grant(d)["weekdays"] = []any{"sunday"} }, true},
	})
	r := check(t, variant(t, func(d map[string]any) { grant(d)["weekdays"] = []any{"funday"} }))
	if got := fired(r); !slices.Equal(got, []string{engine.RuleInvalidValue}) {
		t.Errorf("a word that is no day is invalid_value, got %v", got)
	}
}

func TestAddressRequired(t *testing.T) {
	runRuleCases(t, engine.RuleAddressRequired, []ruleCase{
		{"ordinary post, full address", func(d map[string]any) { d["delivery"] = "physical_post" }, false},
		{"ordinary post, 3-digit postal code", func(d map[string]any) {
			d["delivery"] = "physical_post"
			obj(d, "citizen", "address")["postal_code"] = "970"
		}, true},
		{"ordinary post, no city", func(d map[string]any) {
			d["delivery"] = "physical_post"
			obj(d, "citizen", "address")["city"] = ""
		}, true},
		{"ordinary post, no address", func(d map[string]any) { d["delivery"] = "physical_post"; delete(obj(d, "citizen"), "address") }, true},
		{"Digital Post, no address", func(d map[string]any) { delete(obj(d, "citizen"), "address") }, false},
	})
}

func TestProcessingTime8Weeks(t *testing.T) {
	runRuleCases(t, decision.RuleProcessingTime8Weeks, []ruleCase{
		{"56 days", func(d map[string]any) { d["application_received_date"] = "2026-09-25" }, false},
		{"57 days", func(d map[string]any) { d["application_received_date"] = "2026-09-24" }, true},
	})
	r := check(t, variant(t, func(d map[string]any) { d["application_received_date"] = "2026-09-24" }))
	if !r.Valid() || len(r.Warnings) != 1 {
		t.Errorf("a warning must not stop the letter: %v / %v", codes(r.Errors), codes(r.Warnings))
	}
}

func TestHalfPlaceWithManyDays(t *testing.T) {
	runRuleCases(t, decision.RuleHalfPlaceWithManyDays, []ruleCase{
		{"half place, 3 days", func(d map[string]any) { grant(d)["weekdays"] = []any{"monday", "tuesday", "friday"} }, false},
		{"half place, 4 days", func(d map[string]any) {
			grant(d)["weekdays"] = []any{"monday", "tuesday", "thursday", "friday"}
		}, true},
		{"full place, 5 days", func(d map[string]any) {
			grant(d)["place"] = "full"
			grant(d)["weekdays"] = []any{"monday", "tuesday", "wednesday", "thursday", "friday"}
		}, false},
	})
}

func TestAllFaultsAreReportedTogether(t *testing.T) {
	r := check(t, variant(t, func(d map[string]any) {
		grant(d)["start_date"] = "2026-12-24"
		grant(d)["weekdays"] = []any{"saturday"}
		refusal(d)["facts"] = []any{}
		obj(d, "citizen")["nmae"] = "x"
		delete(obj(d, "case"), "journal_number")
	}))
	want := []string{engine.RuleUnknownField, engine.RuleRequired, decision.RuleStartWithin14Days, decision.RuleWeekdaysOnly, decision.RuleRefusalReason}
	if got := fired(r); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if r.Errors[0].Field != "citizen.nmae" || r.Errors[1].Field != "case.journal_number" {
		t.Errorf("fields: %v", codes(r.Errors))
	}
	// Dates come from valid fields even when rules fail.
	if d := r.Dates.(letters.DecisionDates); d.ComplaintDeadline != "2026-12-18" || d.Offers[0].FirstAssessment == "" {
		t.Errorf("dates should still be there: %+v", d)
	}
}

func TestMalformedBodies(t *testing.T) {
	cases := map[string]struct {
		body   string
		faults []string // fields with a wrong type; nil for a syntax error
	}{
		"not UTF-8":         {"{\"decision_id\": \"\xff\"}", nil},
		"not JSON":          {`{"decision_id": `, nil},
		"two documents":     {`{} {}`, nil},
		"an array":          {`[]`, nil},
		"wrong types":       {`{"decision_id": 5, "citizen": {"early_retirement_pension": "ja"}, "granted": {}}`, []string{"decision_id", "citizen.early_retirement_pension", "granted"}},
		"duplicate key":     {`{"decision_id": "a", "decision_id": "b"}`, []string{"decision_id"}},
		"wrong kind's type": {`{"kind": 1}`, []string{"kind"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := service(t).Check([]byte(c.body))
			var bad *letters.MalformedError
			if !errors.As(err, &bad) {
				t.Fatalf("want letters.MalformedError, got %v", err)
			}
			var fields []string
			for _, f := range bad.Faults {
				fields = append(fields, f.Field)
			}
			if !slices.Equal(fields, c.faults) {
				t.Errorf("faults %v, want %v", fields, c.faults)
			}
		})
	}
}

func TestUnprintableTextIsRefusedNotReplaced(t *testing.T) {
	for name, text := range map[string]string{
		"a Han character":            "Søren 漢",
		"an emoji":                   "Søren 😀",
		"a bell":                     "Søren \a",
		"a lone surrogate (U+FFFD)":  "Søren \ufffd",
		"a zero-width joiner U+200D": "Sø\u200dren",
		"a bidi override U+202E":     "Søren \u202eØstergaard",
	} {
		r := check(t, variant(t, func(d map[string]any) { obj(d, "citizen")["name"] = text }))
		if got := codes(r.Errors); !slices.Equal(got, []string{engine.RuleUnsupportedCharacter + "@citizen.name"}) {
			t.Errorf("%s: got %v", name, got)
		}
	}
	body := []byte(strings.Replace(string(testkit.Read(t, "partly-granted.json")), "Søren", `S\ud800ren`, 1))
	if got := codes(check(t, body).Errors); !slices.Equal(got, []string{engine.RuleUnsupportedCharacter + "@citizen.name"}) {
		t.Errorf("a lone surrogate escape: got %v", got)
	}
	ok := check(t, variant(t, func(d map[string]any) { refusal(d)["reason"] = "Linje ét.\nLinje to.\r\nTab\there." }))
	if !ok.Valid() {
		t.Errorf("line breaks and tabs are allowed: %v", codes(ok.Errors))
	}
}

func TestUnknownKindIsInvalidValue(t *testing.T) {
	r := check(t, []byte(`{"kind": "invoice"}`))
	if got := codes(r.Errors); !slices.Equal(got, []string{engine.RuleInvalidValue + "@kind"}) {
		t.Errorf("got %v", got)
	}
}

func TestTextAndListLimits(t *testing.T) {
	long := strings.Repeat("æ", letters.MaxTextLength)
	ok := check(t, variant(t, func(d map[string]any) { refusal(d)["reason"] = long }))
	if !ok.Valid() {
		t.Fatalf("a text of %d characters must be allowed: %v", letters.MaxTextLength, codes(ok.Errors))
	}
	r := check(t, variant(t, func(d map[string]any) { refusal(d)["reason"] = long + "ø" }))
	if got := codes(r.Errors); !slices.Equal(got, []string{engine.RuleTextTooLong + "@refused[0].reason"}) {
		t.Errorf("one character more: %v", got)
	}
	if msg := r.Errors[0].Message; !strings.Contains(msg, "10001") || !strings.Contains(msg, "10000") || strings.Contains(msg, "æææ") {
		t.Errorf("message %q should give the length and the limit, not the text", msg)
	}
	many := make([]any, letters.MaxListItems+1)
	for i := range many {
		many[i] = "En oplysning."
	}
	r = check(t, variant(t, func(d map[string]any) { obj(d, "assessment")["facts"] = many }))
	if got := codes(r.Errors); !slices.Equal(got, []string{engine.RuleTooManyItems + "@assessment.facts"}) {
		t.Errorf("%d facts: %v", len(many), got)
	}
	r = check(t, variant(t, func(d map[string]any) { obj(d, "assessment")["facts"] = many[:letters.MaxListItems] }))
	if !r.Valid() {
		t.Errorf("%d facts are allowed: %v", letters.MaxListItems, codes(r.Errors))
	}
}

// words is a sentence of n words, none of them long.
func words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = "hun"
	}
	return "Du " + strings.Join(w[1:], " ") + "."
}

func TestPlainLanguage(t *testing.T) {
	fact := func(s string) func(d map[string]any) {
		return func(d map[string]any) { d["assessment"].(map[string]any)["facts"] = []any{s} }
	}
	hard := "Kommunalbestyrelsens funktionsnedsættelsesvurdering dokumenterer betydelige begrænsninger. " +
		"Rehabiliteringsindsatsen forudsætter tværfaglig koordinering. " +
		"Visitationsudvalgets anbefalinger understøtter foranstaltningen."
	runRuleCases(t, engine.RulePlainLanguage, []ruleCase{
		{"25 words", fact(words(25)), false},
		{"26 words", fact(words(26)), true},
		{"45 words in a refusal's reason", func(d map[string]any) {
			d["refused"] = []any{map[string]any{"help": "Kørsel", "reason": words(45), "legal_basis": "Serviceloven § 105", "facts": []any{"Du kan selv tage bussen."}}}
		}, true},
		{"three hard sentences (LIX about 100)", fact(hard), true},
		{"two hard sentences: too short a text to judge", fact(strings.SplitAfterN(hard, ". ", 3)[0] + strings.SplitAfterN(hard, ". ", 3)[1]), false},
	})
	// The finding names the field and the sentence, says why and what to do, and the letter
	// still renders.
	r := check(t, variant(t, fact("Her står noget kort. "+words(45))))
	if !r.Valid() || len(r.Warnings) != 1 {
		t.Fatalf("a warning must not stop the letter: %v / %v", codes(r.Errors), codes(r.Warnings))
	}
	w := r.Warnings[0]
	if w.Field != "assessment.facts[0]" || !strings.Contains(w.Message, `"Du hun hun hun hun hun …"`) ||
		!strings.Contains(w.Message, "45 ord") || !strings.Contains(w.Message, "Del sætningen op") {
		t.Errorf("finding %+v", w)
	}
	if _, err := r.Compose(); err != nil {
		t.Errorf("the letter with the warning does not compose: %v", err)
	}
}

var (
	svcOnce sync.Once
	svc     *letters.Service
)

// service is one service for the tests of this package.
func service(t testing.TB) *letters.Service {
	svcOnce.Do(func() {
		var err error
		if svc, err = letters.New(); err != nil {
			t.Fatalf("New: %v", err)
		}
	})
	return svc
}

func check(t testing.TB, body []byte) *letters.Result {
	t.Helper()
	r, err := service(t).Check(body)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return r
}

func codes(fs []letters.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Rule+"@"+f.Field)
	}
	return out
}

// partial_refusal_missing: the grants give less than applied_extent and nothing is refused. The
// example starts from partly-granted.json: one group offer, half place, Tuesday and Thursday.
func TestPartialRefusalMissing(t *testing.T) {
	extent := func(d map[string]any, e map[string]any) {
		d["refused"] = []any{}
		d["applied_extent"] = e
	}
	days := func(n int) []any {
		return []any{"monday", "tuesday", "wednesday", "thursday", "friday"}[:n]
	}
	runRuleCases(t, decision.RulePartialRefusalMissing, []ruleCase{
		{"no applied extent", func(d map[string]any) { d["refused"] = []any{}; delete(d, "applied_extent") }, false},
		{"an empty applied extent", func(d map[string]any) { extent(d, map[string]any{}) }, false},
		// Days: the number counts, not which days.
		{"2 days applied for, 2 other days granted", func(d map[string]any) { extent(d, map[string]any{"weekdays": days(2)}) }, false},
		{"3 days applied for, 2 granted", func(d map[string]any) { extent(d, map[string]any{"weekdays": days(3)}) }, true},
		{"half place applied for", func(d map[string]any) { extent(d, map[string]any{"place": "half"}) }, false},
		{"full place applied for", func(d map[string]any) { extent(d, map[string]any{"place": "full"}) }, true},
		{"group applied for", func(d map[string]any) { extent(d, map[string]any{"form": "group"}) }, false},
		{"individual applied for", func(d map[string]any) { extent(d, map[string]any{"form": "individual"}) }, true},
		{"individual applied for, individual granted", func(d map[string]any) {
			extent(d, map[string]any{"form": "individual", "place": "half", "weekdays": days(2)})
			grant(d)["form"] = "individual"
			grant(d)["individual_reason"] = "Du bliver urolig i større grupper."
		}, false},
		{"less, and the rest refused", func(d map[string]any) {
			d["applied_extent"] = map[string]any{"form": "individual", "place": "full", "weekdays": days(5)}
		}, false},
		{"nothing granted", func(d map[string]any) {
			d["applied_extent"] = map[string]any{"place": "full", "weekdays": days(5)}
			d["granted"] = []any{}
			delete(d, "transport")
		}, false},
		// Several grants are one extent: the best place and form, the days they cover together.
		{"full place five days, over two offers", func(d map[string]any) {
			extent(d, map[string]any{"place": "full", "weekdays": days(5)})
			other := map[string]any{}
			for k, v := range grant(d) {
				other[k] = v
			}
			other["offer"], other["place"], other["weekdays"] = "Værkstedet Kilden", "full", []any{"monday", "wednesday", "friday"}
			d["granted"] = append(d["granted"].([]any), other)
		}, false},
	})
	r := check(t, variant(t, func(d map[string]any) {
		extent(d, map[string]any{"form": "individual", "place": "full", "weekdays": days(5)})
	}))
	if len(r.Errors) != 1 || r.Errors[0].Field != "refused" {
		t.Fatalf("want one error at refused, got %v", codes(r.Errors))
	}
	for _, w := range []string{"individuelt tilrettelagt tilbud", "hel plads, men bevilget halv plads", "5 dage om ugen, men bevilget 2", "§§ 22 og 24"} {
		if !strings.Contains(r.Errors[0].Message, w) {
			t.Errorf("the message lacks %q: %q", w, r.Errors[0].Message)
		}
	}
}
