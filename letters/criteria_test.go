package letters_test

import (
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
)

// What a pack may add as data (issue 21), proved with Kriterieby Kommune
// (testdata/standards/kriterie-sel104-2026-01): its own criteria, both § 103 switches, transport
// only for a citizen who cannot transport themselves, and the citizen's duties.

// kriterieExample reads an example decision of Kriterieby's pack (examples/<name>.json).
func kriterieExample(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(testkit.Dir(), "standards", kriterie, "examples", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// kriterieGranted is Kriterieby's granted example with the changes given (patch).
func kriterieGranted(t testing.TB, set map[string]any) []byte {
	return patch(t, kriterieExample(t, "granted"), set)
}

// fired is every rule code a body fires, errors then warnings.
func fired(t testing.TB, body []byte) []string {
	t.Helper()
	res := checkUnder(t, body)
	return append(ruleCodes(res.Errors), ruleCodes(res.Warnings)...)
}

// findingAt is the first finding of rule at field, or nil.
func findingAt(res *letters.Result, rule, field string) *letters.Finding {
	for _, f := range append(slices.Clone(res.Errors), res.Warnings...) {
		if f.Rule == rule && f.Field == field {
			return &f
		}
	}
	return nil
}

// The pack's examples: a letter is valid under the pack; examples/rules/<rule>.json fires exactly
// its rule, as testdata/decisions/rules does under the default standard.
func TestKriteriebyExamples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testkit.Dir(), "standards", kriterie, "examples", "*.json"))
	rules, _ := filepath.Glob(filepath.Join(testkit.Dir(), "standards", kriterie, "examples", "rules", "*.json"))
	if len(files) < 3 || len(rules) < 5 {
		t.Fatalf("examples: %d letters, %d rules", len(files), len(rules))
	}
	for _, f := range append(files, rules...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res := checkUnder(t, raw)
		if res.Standard().ID != kriterie {
			t.Errorf("%s: checked under %s", f, res.Standard().ID)
		}
		got := fired(t, raw)
		want := []string{}
		if filepath.Base(filepath.Dir(f)) == "rules" {
			want = []string{strings.TrimSuffix(filepath.Base(f), ".json")}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s fires %v, want %v", filepath.Base(f), got, want)
		}
	}
}

// compose is the document model of a valid letter under the served packs, as its blocks' texts.
func composeUnder(t *testing.T, body []byte) []string {
	t.Helper()
	res := checkUnder(t, body)
	if !res.Valid() {
		t.Fatalf("invalid: %v", res.Errors)
	}
	doc, err := res.Compose()
	if err != nil {
		t.Fatal(err)
	}
	return blockText(doc)
}

// after is the block that follows the first block equal to text, or "".
func after(blocks []string, text string) string {
	if i := slices.Index(blocks, text); i >= 0 && i+1 < len(blocks) {
		return blocks[i+1]
	}
	return ""
}

const (
	aimText        = "Tilbuddet har et pædagogisk sigte: hjælp til selvhjælp, så du kan forbedre eller bevare dine ressourcer."
	motivationText = "Du er motiveret for at være sammen med andre og være en del af et socialt fællesskab."
	metSentence    = "Kvalitetsstandarden lægger vægt på dette, og det gælder for dig:"
	notMetSentence = "Kvalitetsstandarden lægger vægt på dette, og det gælder ikke for dig:"
)

func TestCriteriaAsData(t *testing.T) {
	t.Run("every criterion must be assessed, in every decision", func(t *testing.T) {
		for _, absent := range []map[string]any{
			{"assessment.criteria.group_motivation": nil}, // deleted
		} {
			res := checkUnder(t, kriterieGranted(t, absent))
			f := findingAt(res, decision.RuleCriterionUnassessed, "assessment.criteria.group_motivation")
			if f == nil || !strings.Contains(f.Message, motivationText) || !strings.Contains(f.Message, "Kriterieby Kommune") {
				t.Errorf("an unassessed criterion: %v", res.Errors)
			}
			if len(res.Errors) != 1 {
				t.Errorf("one criterion unassessed, but %v", ruleCodes(res.Errors))
			}
		}
		// null is not an assessment; no criteria at all is two findings.
		nullBody := []byte(strings.Replace(string(kriterieGranted(t, nil)), `"group_motivation":true`, `"group_motivation":null`, 1))
		if got := fired(t, nullBody); !slices.Equal(got, []string{decision.RuleCriterionUnassessed}) {
			t.Errorf("a null criterion: %v", got)
		}
		none := checkUnder(t, kriterieGranted(t, map[string]any{"assessment.criteria": nil}))
		if got := ruleCodes(none.Errors); !slices.Equal(got, []string{decision.RuleCriterionUnassessed, decision.RuleCriterionUnassessed}) {
			t.Errorf("no criteria: %v", got)
		}
		refusal := patch(t, kriterieExample(t, "refused"), map[string]any{"assessment.criteria": map[string]any{"pedagogical_aim": true}})
		if got := fired(t, refusal); !slices.Equal(got, []string{decision.RuleCriterionUnassessed}) {
			t.Errorf("a refusal must assess every criterion too: %v", got)
		}
	})
	t.Run("a grant with a criterion not met", func(t *testing.T) {
		res := checkUnder(t, kriterieGranted(t, map[string]any{"assessment.criteria.group_motivation": false}))
		if f := findingAt(res, decision.RuleCriterionNotMet, "assessment.criteria.group_motivation"); f == nil || !strings.Contains(f.Message, motivationText) {
			t.Errorf("a criterion not met in a grant: %v", res.Errors)
		}
		// A refusal may rest on a criterion not met: that is its reason.
		if got := fired(t, kriterieExample(t, "refused")); len(got) != 0 {
			t.Errorf("a refusal for a criterion not met: %v", got)
		}
	})
	t.Run("an id the pack does not have", func(t *testing.T) {
		res := checkUnder(t, kriterieGranted(t, map[string]any{"assessment.criteria.motivation": true}))
		f := findingAt(res, engine.RuleInvalidValue, "assessment.criteria.motivation")
		if f == nil || !strings.Contains(f.Message, "group_motivation, pedagogical_aim") {
			t.Errorf("an unknown criterion: %v", res.Errors)
		}
		if len(res.Errors) != 1 {
			t.Errorf("one unknown criterion, but %v", res.Errors)
		}
		// Under a pack without criteria, every id is unknown: the decision is for another standard.
		brs := checkUnder(t, patch(t, testkit.Read(t, "granted"), map[string]any{"assessment.criteria": map[string]any{"pedagogical_aim": true, "group_motivation": true}}))
		if got := ruleCodes(brs.Errors); !slices.Equal(got, []string{engine.RuleInvalidValue, engine.RuleInvalidValue}) ||
			!strings.Contains(brs.Errors[0].Message, "ingen kriterier") {
			t.Errorf("criteria under Brønderslev: %v", brs.Errors)
		}
	})
	t.Run("a pack without criteria assesses none", func(t *testing.T) {
		for _, id := range []string{brs2024, eksempel} {
			got := fired(t, patch(t, testkit.Read(t, "granted"), map[string]any{"standard": id}))
			if slices.Contains(got, decision.RuleCriterionUnassessed) || slices.Contains(got, decision.RuleCriterionNotMet) {
				t.Errorf("under %s: %v", id, got)
			}
		}
	})
	t.Run("the letter names the criteria met and not met", func(t *testing.T) {
		granted := composeUnder(t, kriterieExample(t, "granted"))
		if after(granted, metSentence) != aimText || after(granted, aimText) != motivationText || slices.Contains(granted, notMetSentence) {
			t.Errorf("a grant with both criteria met: %q", granted)
		}
		refused := composeUnder(t, kriterieExample(t, "refused"))
		if after(refused, metSentence) != aimText || after(refused, notMetSentence) != motivationText {
			t.Errorf("a refusal for one criterion: %q", refused)
		}
		brs := composeUnder(t, testkit.Read(t, "granted"))
		if slices.Contains(brs, metSentence) {
			t.Error("Brønderslev's letter names criteria")
		}
	})
}

func TestSection103AsData(t *testing.T) {
	t.Run("combine_with_103 lets a § 103 offer stand beside the grant", func(t *testing.T) {
		for paragraph, want := range map[string]bool{
			"§ 103":                   false,
			"§103, stk. 1":            false,
			"servicelovens § 103":     false,
			"§ 104":                   true,
			"§ 1030":                  true,
			"§ 103a":                  true,
			"beskyttet beskæftigelse": true, // no paragraph named: counted
		} {
			body := kriterieGranted(t, map[string]any{"other_day_offers": []any{map[string]any{"paragraph": paragraph, "name": "Et dagtilbud"}}})
			if got := slices.Contains(fired(t, body), decision.RuleNoOtherDayOffer); got != want {
				t.Errorf("%q beside a grant: no_other_day_offer %v, want %v", paragraph, got, want)
			}
		}
		// A § 103 offer and another: the other is named.
		both := checkUnder(t, kriterieGranted(t, map[string]any{"other_day_offers": []any{
			map[string]any{"paragraph": "§ 103", "name": "Værkstedet"}, map[string]any{"paragraph": "§ 104", "name": "Værestedet"}}}))
		if f := findingAt(both, decision.RuleNoOtherDayOffer, "other_day_offers"); f == nil || !strings.Contains(f.Message, "(§ 104)") {
			t.Errorf("a § 103 and a § 104 offer: %v", both.Errors)
		}
		// Without the switch (Brønderslev), § 103 is another day offer.
		if got := fired(t, testkit.Read(t, "rules/no_other_day_offer")); !slices.Equal(got, []string{decision.RuleNoOtherDayOffer}) {
			t.Errorf("§ 103 under Brønderslev: %v", got)
		}
	})
	t.Run("require_103_considered", func(t *testing.T) {
		for _, blank := range []any{nil, "", "   "} {
			res := checkUnder(t, kriterieGranted(t, map[string]any{"assessment.section_103": blank}))
			if findingAt(res, decision.RuleSection103NotConsidered, "assessment.section_103") == nil || len(res.Errors) != 1 {
				t.Errorf("section_103 %q: %v", blank, res.Errors)
			}
		}
		if got := fired(t, kriterieExample(t, "refused")); slices.Contains(got, decision.RuleSection103NotConsidered) {
			t.Error("a full refusal need not say why § 103 is not the help")
		}
		if got := fired(t, testkit.Read(t, "granted")); slices.Contains(got, decision.RuleSection103NotConsidered) {
			t.Error("the rule runs under Brønderslev, which does not switch it on")
		}
	})
	t.Run("the letter says why § 103 is not the help", func(t *testing.T) {
		blocks := composeUnder(t, kriterieExample(t, "granted"))
		intro := "Vi har vurderet, om beskyttet beskæftigelse efter servicelovens § 103 er den rigtige hjælp til dig. Det er den ikke:"
		if !strings.HasPrefix(after(blocks, intro), "Du kan ikke arbejde i dag.") {
			t.Errorf("the § 103 assessment is not in the letter: %q", blocks)
		}
		// The assessment is where it stands: after its heading, before transport.
		if i, j, k := slices.Index(blocks, "Sådan har vi vurderet din situation"), slices.Index(blocks, intro), slices.Index(blocks, "Kørsel"); !(i < j && j < k) {
			t.Errorf("the § 103 assessment at %d, assessment heading %d, transport %d", j, i, k)
		}
	})
}

func TestTransportOnAConditionAndDuties(t *testing.T) {
	const condition = "Du får kørsel, fordi du ikke selv kan komme til tilbuddet."
	const otherwise = "Kan du selv komme til tilbuddet, kan du søge om kørselsgodtgørelse efter Kriterieby Kommunes takst for kørsel i egen bil."
	t.Run("transport_condition", func(t *testing.T) {
		cases := []struct {
			value   any
			variant string
		}{{nil, "missing"}, {false, "can"}, {true, ""}}
		for _, c := range cases {
			res := checkUnder(t, kriterieGranted(t, map[string]any{"transport.cannot_transport_self": c.value}))
			f := findingAt(res, decision.RuleTransportCondition, "transport.cannot_transport_self")
			switch {
			case c.variant == "" && len(res.Errors) > 0:
				t.Errorf("cannot_transport_self true: %v", res.Errors)
			case c.variant != "" && (f == nil || len(res.Errors) != 1):
				t.Errorf("cannot_transport_self %v: %v", c.value, res.Errors)
			case c.variant == "can" && !strings.HasPrefix(f.Message, "Borgeren kan selv komme"):
				t.Errorf("the message for 'can': %s", f.Message)
			}
		}
		if got := fired(t, kriterieExample(t, "granted-without-transport")); len(got) != 0 {
			t.Errorf("no transport, nothing to state: %v", got)
		}
		// A pack without the condition does not ask.
		brs := patch(t, testkit.Read(t, "granted"), map[string]any{"transport.cannot_transport_self": false})
		if got := fired(t, brs); slices.Contains(got, decision.RuleTransportCondition) {
			t.Error("transport_condition runs under Brønderslev, which has no condition")
		}
	})
	t.Run("the letter", func(t *testing.T) {
		with := composeUnder(t, kriterieExample(t, "granted"))
		if !slices.Contains(with, condition) || slices.Contains(with, otherwise) {
			t.Errorf("a grant with transport: %q", with)
		}
		without := composeUnder(t, kriterieExample(t, "granted-without-transport"))
		if i := slices.Index(without, "Kørsel"); i < 0 || !strings.HasPrefix(without[i+1], "Du får ikke kørsel med denne afgørelse.") || without[i+2] != otherwise {
			t.Errorf("a grant without transport under the condition: %q", without)
		}
		refused := composeUnder(t, kriterieExample(t, "refused"))
		if slices.Contains(refused, otherwise) || slices.Contains(refused, "Det forventer vi af dig") {
			t.Error("a refusal speaks of transport or duties")
		}
		brs := composeUnder(t, patch(t, testkit.Read(t, "granted"), map[string]any{"transport": nil}))
		if slices.Contains(brs, "Kørsel") {
			t.Error("Brønderslev, without a condition, prints a transport section without transport")
		}
	})
	t.Run("citizen duties under their own heading", func(t *testing.T) {
		blocks := composeUnder(t, kriterieExample(t, "granted"))
		if after(blocks, "Det forventer vi af dig") != "Du møder til tiden, og du melder afbud, hvis du ikke kan komme." {
			t.Errorf("duties: %q", blocks)
		}
		if slices.Contains(composeUnder(t, testkit.Read(t, "granted")), "Det forventer vi af dig") {
			t.Error("Brønderslev's pack lists no duties, but its letter has the heading")
		}
	})
}

// The letter drawn as PDF: what a reader gets from it (pdftotext when it is installed, the
// pure-Go reader always).
func TestKriteriebyLetterAsPDF(t *testing.T) {
	t.Parallel()
	pdf := render(t, packsService(t), kriterieExample(t, "granted"))
	for reader, text := range testkit.Texts(t, pdf) {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "• ", ""), "•", "") // the readers space the bullet differently
		for _, want := range []string{
			metSentence + " " + aimText,
			"Det er den ikke: Du kan ikke arbejde i dag.",
			"Flextur fra din bopæl til Aktivitetscentret Solsikken " + "Du får kørsel, fordi du ikke selv kan komme til tilbuddet.",
			"Det forventer vi af dig Du møder til tiden",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the PDF lacks %q", reader, want)
			}
		}
	}
}

// The § 103 option is declared on the rule it changes, so that a pack may set it.
func TestCombineWith103IsARulesOption(t *testing.T) {
	for _, r := range packsService(t).Rules() {
		if r.Code == decision.RuleNoOtherDayOffer && !slices.Equal(r.Options, []string{"combine_with_103"}) {
			t.Errorf("no_other_day_offer's options: %v", r.Options)
		}
		if r.Code == decision.RuleSection103NotConsidered && r.Switch != "require_103_considered" {
			t.Errorf("section_103_not_considered's switch: %q", r.Switch)
		}
	}
}
