package decision_test

import (
	"encoding/json"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"slices"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// deviate adds one deviation to a decision.
func deviate(d map[string]any, rule, reason string) {
	list, _ := d["deviations"].([]any)
	d["deviations"] = append(list, map[string]any{"rule": rule, "reason": reason})
}

// letterText is every text of a composed letter, one block or field per line.
func letterText(t *testing.T, r *letters.Result) string {
	t.Helper()
	doc, err := r.Compose()
	if err != nil {
		t.Fatalf("Compose: %v (errors %v)", err, codes(r.Errors))
	}
	var b strings.Builder
	for _, bl := range doc.Body {
		switch bl := bl.(type) {
		case document.Paragraph:
			b.WriteString(bl.Text)
		case document.Heading:
			b.WriteString(bl.Text)
		case document.List:
			b.WriteString(strings.Join(bl.Items, "\n"))
		case document.Fields:
			for _, f := range bl.Items {
				b.WriteString(f.Label + ": " + f.Value + "\n")
			}
		case document.Notice:
			b.WriteString(strings.Join(bl.Lines, "\n"))
		}
		b.WriteString("\n")
	}
	return b.String()
}

const because = "Vi har fraveget kvalitetsstandarden, fordi:"

// A decision with a weekend day, another day offer or a late start is refused without a
// deviation, and renders with one: the rule's error becomes the warning deviation_from_standard
// at the same field, and the letter states the exception in the citizen's words and its reason.
func TestDeviationsFromTheStandard(t *testing.T) {
	cases := []struct {
		rule, field string
		change      func(d map[string]any)
		says        []string // in the letter, with the deviation
	}{
		{decision.RuleWeekdaysOnly, "granted[0].weekdays[1]",
			func(d map[string]any) { grant(d)["weekdays"] = []any{"thursday", "saturday"} },
			[]string{"Du får tilbuddet om lørdagen, selvom kvalitetsstandarden siger, at tilbuddet som udgangspunkt er på hverdage.", "Dage: torsdag og lørdag"}},
		{decision.RuleWeekdaysOnly, "granted[0].weekdays[0]",
			func(d map[string]any) { grant(d)["weekdays"] = []any{"saturday", "sunday"} },
			[]string{"Du får tilbuddet om lørdagen og søndagen, selvom"}},
		{decision.RuleNoOtherDayOffer, "other_day_offers",
			func(d map[string]any) {
				d["other_day_offers"] = []any{map[string]any{"paragraph": "§ 103", "name": "Beskyttet beskæftigelse på Ågården"}}
			},
			[]string{"Du får tilbuddet, selvom du også har Beskyttet beskæftigelse på Ågården efter servicelovens § 103.",
				"Men du får tilbuddet, selvom du har et andet dagtilbud."}},
		// Decision 20 November: day 15 is the first day the standard's 14 days do not cover.
		{decision.RuleStartWithin14Days, "granted[0].start_date",
			func(d map[string]any) { grant(d)["start_date"] = "2026-12-05" },
			[]string{"Du starter 5. december 2026. Kvalitetsstandarden siger, at tilbuddet starter senest 14 dage efter afgørelsen.",
				"Tilbuddet starter senere, end kvalitetsstandarden siger."}},
		{decision.RuleIndividualNeedsReason, "granted[0].individual_reason",
			func(d map[string]any) { grant(d)["form"] = "individual" },
			[]string{"Du får et individuelt tilbud, selvom kvalitetsstandarden siger"}},
	}
	const reason = "Du arbejder i fleksjob på hverdage og har kun fri i weekenden."
	for _, c := range cases {
		t.Run(c.rule+"/"+c.field, func(t *testing.T) {
			without := check(t, variant(t, c.change))
			if got := codes(without.Errors); len(got) == 0 || got[0] != c.rule+"@"+c.field || slices.ContainsFunc(got, func(s string) bool { return !strings.HasPrefix(s, c.rule+"@") }) {
				t.Fatalf("without a deviation: errors %v, want %s@%s", got, c.rule, c.field)
			}
			if msg := without.Errors[0].Message; !strings.Contains(msg, "deviations") {
				t.Errorf("the error of a rule of the standard should say how to write an exception: %q", msg)
			}
			with := check(t, variant(t, func(d map[string]any) { c.change(d); deviate(d, c.rule, reason) }))
			if !with.Valid() {
				t.Fatalf("with a deviation: errors %v", codes(with.Errors))
			}
			if got := codes(with.Warnings); !slices.Contains(got, engine.RuleDeviationFromStandard+"@"+c.field) {
				t.Fatalf("with a deviation: warnings %v, want deviation_from_standard@%s", got, c.field)
			}
			w := with.Warnings[slices.IndexFunc(with.Warnings, func(f letters.Finding) bool { return f.Rule == engine.RuleDeviationFromStandard })]
			if !strings.Contains(w.Message, without.Errors[0].Message[:30]) || !strings.Contains(w.Message, c.rule) {
				t.Errorf("the warning should name the rule and its finding: %q", w.Message)
			}
			text := letterText(t, with)
			for _, want := range append(c.says, because+"\n"+reason, "Kvalitetsstandarden er kommunens retningslinjer. Vi skal altid se på din konkrete situation.") {
				if !strings.Contains(text, want) {
					t.Errorf("the letter lacks %q", want)
				}
			}
			assessment := text[strings.Index(text, "Sådan har vi vurderet din situation"):]
			if !strings.Contains(assessment, because) {
				t.Error("the exception is not stated in the assessment")
			}
		})
	}
}

// Brønderslev's own wording says "på hverdage" and "senest 14 dage": not where the decision
// departs from that.
func TestDeviationsKeepThePackWordingTrue(t *testing.T) {
	weekend := check(t, testkit.Read(t, "deviation-weekend"))
	if text := letterText(t, weekend); strings.Contains(text, "dagtimerne på hverdage") || !strings.Contains(text, "Tilbuddet foregår i dagtimerne.") {
		t.Errorf("a weekend offer is said to be on weekdays:\n%s", text)
	}
	if text := letterText(t, check(t, testkit.Read(t, "partly-granted"))); !strings.Contains(text, "Tilbuddet foregår i dagtimerne på hverdage.") ||
		!strings.Contains(text, "Tilbuddet skal starte senest 14 dage efter afgørelsen, det vil sige senest 4. december 2026.") || strings.Contains(text, because) {
		t.Error("without a deviation the letter should read as before")
	}
}

// A start before the decision is not a departure from the standard but a date that lies: no
// deviation lifts it, and the deviation is not reported as unused on top.
func TestDeviationDoesNotLiftAStartBeforeTheDecision(t *testing.T) {
	r := check(t, variant(t, func(d map[string]any) {
		grant(d)["start_date"] = "2026-11-19"
		deviate(d, decision.RuleStartWithin14Days, "Du er allerede startet.")
	}))
	if got := codes(r.Errors); !slices.Equal(got, []string{decision.RuleStartWithin14Days + "@granted[0].start_date"}) {
		t.Errorf("errors %v, want only start_within_14_days", got)
	}
	if !strings.Contains(r.Errors[0].Message, "ikke en undtagelse") {
		t.Errorf("the message should say a deviation does not help: %q", r.Errors[0].Message)
	}
}

// Entries that are no exception are errors at the entry.
func TestDeviationEntries(t *testing.T) {
	cases := []struct {
		name   string
		change func(d map[string]any)
		want   []string
	}{
		{"a rule of the law, that did not fire", func(d map[string]any) { deviate(d, decision.RuleTargetGroup, "Grund.") },
			[]string{"deviation_not_allowed@deviations[0].rule"}},
		{"a rule of the law, that fired: it still refuses", func(d map[string]any) {
			obj(d, "citizen")["cpr"] = "211108-4123" // 18 the day after the decision
			deviate(d, decision.RuleAgeMin18, "Du fylder 18 år i morgen.")
		}, []string{"age_min_18@citizen.cpr", "deviation_not_allowed@deviations[0].rule"}},
		{"a rule of the standard that did not fire (Friday is a weekday)", func(d map[string]any) {
			grant(d)["weekdays"] = []any{"friday"}
			deviate(d, decision.RuleWeekdaysOnly, "Grund.")
		}, []string{"deviation_unused@deviations[0].rule"}},
		{"a blank reason lifts nothing", func(d map[string]any) {
			grant(d)["weekdays"] = []any{"saturday"}
			deviate(d, decision.RuleWeekdaysOnly, "  ")
		}, []string{"weekdays_only@granted[0].weekdays[0]", "required@deviations[0].reason"}},
		{"no rule", func(d map[string]any) { deviate(d, "", "Grund.") }, []string{"required@deviations[0].rule"}},
		{"no reason at all", func(d map[string]any) {
			grant(d)["weekdays"] = []any{"saturday"}
			d["deviations"] = []any{map[string]any{"rule": decision.RuleWeekdaysOnly}}
		}, []string{"weekdays_only@granted[0].weekdays[0]", "required@deviations[0].reason"}},
		{"a code that is no rule of a decision", func(d map[string]any) { deviate(d, "follow_up_timing", "Grund.") },
			[]string{"invalid_value@deviations[0].rule"}},
		{"the same rule twice", func(d map[string]any) {
			grant(d)["weekdays"] = []any{"saturday"}
			deviate(d, decision.RuleWeekdaysOnly, "Grund.")
			deviate(d, decision.RuleWeekdaysOnly, "Anden grund.")
		}, []string{"invalid_value@deviations[1].rule"}},
		{"a rule the standard does not switch on", func(d map[string]any) { deviate(d, decision.RuleOtherOffersConsidered, "Grund.") },
			[]string{"deviation_unused@deviations[0].rule"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := check(t, variant(t, c.change))
			got := codes(r.Errors)
			slices.Sort(got)
			want := slices.Sorted(slices.Values(c.want))
			if !slices.Equal(got, want) {
				t.Errorf("errors %v, want %v", got, want)
			}
		})
	}
	r := check(t, variant(t, func(d map[string]any) { deviate(d, "follow_up_timing", "Grund.") }))
	if msg := r.Errors[0].Message; !strings.Contains(msg, decision.RuleWeekdaysOnly) || strings.Contains(msg, decision.RuleTargetGroup) {
		t.Errorf("invalid_value should list the rules of the standard only: %q", msg)
	}
	law := check(t, variant(t, func(d map[string]any) { obj(d, "citizen")["cpr"] = "211108-4123" }))
	if strings.Contains(law.Errors[0].Message, "deviations") {
		t.Errorf("a rule of the law must not suggest a deviation: %q", law.Errors[0].Message)
	}
}

// Inside a reassessment the new decision is a decision too: its deviations work there, with
// the paths prefixed "decision.".
func TestDeviationsInAReassessment(t *testing.T) {
	body := func(change func(d map[string]any)) []byte {
		var r map[string]any
		if err := json.Unmarshal(testkit.Read(t, "reassessment-granted"), &r); err != nil {
			t.Fatal(err)
		}
		change(r["decision"].(map[string]any))
		b, _ := json.Marshal(r)
		return b
	}
	saturday := func(d map[string]any) { grant(d)["weekdays"] = []any{"monday", "saturday"} }
	without := check(t, body(saturday))
	if got := codes(without.Errors); !slices.Equal(got, []string{"weekdays_only@decision.granted[0].weekdays[1]"}) {
		t.Fatalf("errors %v", got)
	}
	const reason = "Du har kun fri om lørdagen."
	with := check(t, body(func(d map[string]any) { saturday(d); deviate(d, decision.RuleWeekdaysOnly, reason) }))
	if !with.Valid() || !slices.Contains(codes(with.Warnings), "deviation_from_standard@decision.granted[0].weekdays[1]") {
		t.Fatalf("errors %v warnings %v", codes(with.Errors), codes(with.Warnings))
	}
	if text := letterText(t, with); !strings.Contains(text, "Du får tilbuddet om lørdagen, selvom") || !strings.Contains(text, because+"\n"+reason) {
		t.Errorf("the new decision does not state the exception:\n%s", text)
	}
	law := check(t, body(func(d map[string]any) { deviate(d, decision.RuleNoItems, "Grund.") }))
	if got := codes(law.Errors); !slices.Equal(got, []string{"deviation_not_allowed@decision.deviations[0].rule"}) {
		t.Errorf("errors %v", got)
	}
}

// legal_basis_law: a refusal cites a provision of an Act ("§" and a number), not only the
// standard.
func TestLegalBasisLaw(t *testing.T) {
	basis := func(s string) func(d map[string]any) {
		return func(d map[string]any) { refusal(d)["legal_basis"] = s }
	}
	runRuleCases(t, decision.RuleLegalBasisLaw, []ruleCase{
		{"the standard only", basis("Brønderslev Kommunes kvalitetsstandard for aktivitets- og samværstilbud"), true},
		{"a paragraph sign without a number", basis("Kvalitetsstandarden, § om dagtilbud"), true},
		{"the word paragraf", basis("Servicelovens paragraf 104"), true},
		{"a provision", basis("Serviceloven § 104"), false},
		{"no space", basis("Serviceloven §104"), false},
		{"a no-break space", basis("Serviceloven §\u00a0104"), false},
		{"two provisions", basis("Forvaltningslovens §§ 22 og 24"), false},
		{"the provision beside the standard", basis("Kvalitetsstandarden og servicelovens § 104, stk. 1"), false},
	})
	// A blank legal basis is refusal_reason's alone.
	r := check(t, variant(t, basis(" ")))
	if got := fired(r); !slices.Equal(got, []string{decision.RuleRefusalReason}) {
		t.Errorf("blank legal basis: %v", got)
	}
}

// A deviation's reason is printed to the citizen as written, so plain_language reads it too.
func TestDeviationReasonInPlainLanguage(t *testing.T) {
	reason := func(n int) []byte {
		return variant(t, func(d map[string]any) {
			grant(d)["weekdays"] = []any{"saturday"}
			deviate(d, decision.RuleWeekdaysOnly, words(n))
		})
	}
	if got := codes(check(t, reason(25)).Warnings); slices.Contains(got, engine.RulePlainLanguage+"@deviations[0].reason") {
		t.Errorf("25 words: %v", got)
	}
	if got := codes(check(t, reason(26)).Warnings); !slices.Contains(got, engine.RulePlainLanguage+"@deviations[0].reason") {
		t.Errorf("26 words: %v", got)
	}
}
