package letters_test

// The packs written from the seven extracts of other municipalities' published § 104 standards
// (testdata/standards/*-sel104-extract, from ../shared/standard/other-municipalities): partial
// packs that leave out what their extract does not give (an address, a contact unit, a transport
// policy, lists, a minimum age, issued and valid_from), and the letters they draw.

import (
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdfcheck"
	"github.com/bronderslev/afgorelsesbreve/letters/standard"
)

// extractPacks are the seven packs and the municipality each names.
var extractPacks = map[string]string{
	"dragoer-sel104-extract":     "Dragør Kommune",
	"gribskov-sel104-extract":    "Gribskov Kommune",
	"lolland-sel104-extract":     "Lolland Kommune",
	"nyborg-sel104-extract":      "Nyborg Kommune",
	"roedovre-sel104-extract":    "Rødovre Kommune",
	"soenderborg-sel104-extract": "Sønderborg Kommune",
	"vejen-sel104-extract":       "Vejen Kommune",
}

func servedStandard(t *testing.T, id string) *letters.Standard {
	t.Helper()
	for _, s := range packsService(t).Standards() {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("%s is not served", id)
	return nil
}

// grantedUnder is the granted example made a letter that may be sent under the pack: only the
// activity codes the pack lists, every criterion met, other offers considered when the pack
// asks, and nothing of Brønderslev's in what the caseworker wrote (so that a "Brønderslev"
// in the letter can only come from the wording).
func grantedUnder(t *testing.T, id string, set map[string]any) []byte {
	t.Helper()
	std := servedStandard(t, id)
	s := map[string]any{
		"standard":                           id,
		"granted.0.provider.name":            "Aktivitetscentret Solsikken",
		"case.caseworker.email":              "mette.kjaergaard@example.dk",
		"granted.0.activities":               nil,
		"granted.0.development_course":       nil,
		"citizen.address.city":               "Byen",
		"application_received_date":          "2026-10-16", // within the shortest processing time (1½ måned)
		"assessment.considerations":          []any{"Vi har lagt vægt på, at et gruppetilbud kan støtte dig i at bevare dine sociale færdigheder."},
		"assessment.significant_and_lasting": true,
	}
	var acts []any
	for _, a := range []string{"exercise", "practical_tasks", "social_events", "outdoor_life"} {
		if _, ok := std.Lists.Activities[a]; ok {
			acts = append(acts, a)
		}
	}
	if len(acts) > 0 {
		s["granted.0.activities"] = acts
	}
	if len(std.Criteria) > 0 {
		c := map[string]any{}
		for _, cr := range std.Criteria {
			c[cr.ID] = true
		}
		s["assessment.criteria"] = c
	}
	if std.On("other_offers_first") {
		s["assessment.other_offers_considered"] = "Du har prøvet de åbne aktiviteter i dit lokalområde, men de giver dig ikke faste rammer."
	}
	for k, v := range set {
		s[k] = v
	}
	return patch(t, testkit.Read(t, "granted"), s)
}

// receiptUnder is the receipt example under the pack.
func receiptUnder(t *testing.T, id string, set map[string]any) []byte {
	t.Helper()
	s := map[string]any{"standard": id, "case.caseworker.email": "mette.kjaergaard@example.dk", "citizen.address.city": "Byen"}
	for k, v := range set {
		s[k] = v
	}
	return patch(t, testkit.Read(t, "receipt"), s)
}

// doc is the document model of a body that may be sent.
func doc(t *testing.T, body []byte) *document.Document {
	t.Helper()
	res := checkUnder(t, body)
	if !res.Valid() || len(res.Warnings) > 0 {
		t.Fatalf("under %s: errors %+v, warnings %+v", res.Standard().ID, res.Errors, res.Warnings)
	}
	d, err := res.Compose()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Every extract is a pack: each is served, marked partial, and a decision and a receipt under it
// are letters that may be sent, that name the municipality (the sender, the text, the PDF) and
// say nothing of Brønderslev.
func TestExtractPacksDrawLettersThatNameTheirMunicipality(t *testing.T) {
	t.Parallel()
	packs := testkit.Packs(t)
	for id, name := range extractPacks {
		t.Run(id, func(t *testing.T) {
			if !slices.Contains(packs, id) {
				t.Fatalf("no pack %s under testdata/standards", id)
			}
			std := servedStandard(t, id)
			if std.Partial == "" || !strings.Contains(std.Approved, "https://") && !strings.Contains(std.Approved, "http://") {
				t.Errorf("not marked partial, or no source address in approved: %q, %q", std.Partial, std.Approved)
			}
			for kind, body := range map[string][]byte{"decision": grantedUnder(t, id, nil), "receipt": receiptUnder(t, id, nil)} {
				d := doc(t, body)
				text := strings.Join(blockText(d), "\n")
				if d.Sender.Organisation != name || !strings.HasPrefix(d.Sender.ReturnLine, name) || d.Meta.Author != name {
					t.Errorf("%s: sender %q, return line %q, author %q; want %s", kind, d.Sender.Organisation, d.Sender.ReturnLine, d.Meta.Author, name)
				}
				if kind == "decision" && !strings.Contains(text, name) {
					t.Errorf("%s: the text never names %s", kind, name)
				}
				if strings.Contains(text, "Brønderslev") || strings.Contains(strings.Join(d.Sender.Lines, " "), "Brønderslev") {
					t.Errorf("%s: Brønderslev in a letter of %s:\n%s", kind, name, text)
				}
				// The PDF of one letter a pack: the model's sender is drawn for every letter
				// (TestTheModelsWordsAreThePDFs).
				if kind == "decision" {
					if pdf := pdfText(t, body); !strings.Contains(pdf, name) {
						t.Errorf("%s: the PDF text lacks %s", kind, name)
					}
				} else if !strings.Contains(testkit.Text(d), name) {
					t.Errorf("%s: the letter's words lack %s", kind, name)
				}
			}
		})
	}
}

// A pack without an address, a contact unit, a transport policy, lists, issued or a minimum age
// (Dragør's: a processing time and nothing else). Each absence leaves the letter without what
// it would have promised or said, and the letter stays whole.
func TestALetterUnderAPackThatGivesAlmostNothing(t *testing.T) {
	const dragoer = "dragoer-sel104-extract"
	d := doc(t, grantedUnder(t, dragoer, nil))
	blocks := blockText(d)
	t.Run("no address: the letterhead and the return line carry only the name", func(t *testing.T) {
		if len(d.Sender.Lines) != 0 || d.Sender.ReturnLine != "Dragør Kommune" || d.Sender.Unit != "" {
			t.Errorf("sender: unit %q, lines %q, return line %q", d.Sender.Unit, d.Sender.Lines, d.Sender.ReturnLine)
		}
	})
	t.Run("no contact unit: the contact section names only the caseworker", func(t *testing.T) {
		contact := after(blocks, "Har du spørgsmål?")
		if !strings.Contains(contact, "Du kan ringe til mig på 9945 4532") || strings.Contains(contact, "Du kan også kontakte") {
			t.Errorf("contact: %q", contact)
		}
		sig := blocks[len(blocks)-1]
		if lines := strings.Split(sig, "\n"); lines[len(lines)-1] != "Socialrådgiver" {
			t.Errorf("the signature ends %q; want the caseworker's title, no unit", lines[len(lines)-1])
		}
		for _, set := range []struct {
			cw   map[string]any
			want string
		}{
			{map[string]any{"case.caseworker.phone": nil}, "Skriv til mig på mette.kjaergaard@example.dk, hvis du vil vide mere."},
			{map[string]any{"case.caseworker.phone": nil, "case.caseworker.email": nil}, "Kontakt mig, hvis du vil vide mere."},
		} {
			short, _, _ := composed(t, packsService(t), grantedUnder(t, dragoer, set.cw))
			if !has(short, set.want) || has(short, "Skriv til os") || has(short, "Ring til os") {
				t.Errorf("Kort fortalt: %q; want %q", short, set.want)
			}
		}
	})
	t.Run("no transport policy: the transport and its plan, not who pays", func(t *testing.T) {
		i := slices.Index(blocks, "Kørsel")
		if i < 0 || !strings.HasPrefix(blocks[i+1], "Du får kørsel til og fra tilbuddet.") || blocks[i+2] != "Flextur fra din bopæl til Aktivitetscentret Solsikken" {
			t.Fatalf("transport: %q", blocks[i:])
		}
		if i+3 < len(blocks) && (strings.Contains(blocks[i+3], "kørslen") || strings.Contains(blocks[i+3], "bevilget efter")) {
			t.Errorf("a policy the pack does not have: %q", blocks[i+3])
		}
	})
	t.Run("no lists: their sections are left out", func(t *testing.T) {
		for _, h := range []string{"Det indgår ikke i tilbuddet", "Det skal du selv betale", "Det forventer vi af dig"} {
			if slices.Contains(blocks, h) {
				t.Errorf("heading %q without a list", h)
			}
		}
		res := checkUnder(t, grantedUnder(t, dragoer, map[string]any{"granted.0.activities": []any{"exercise"}}))
		f := findingAt(res, "invalid_value", "granted[0].activities[0]")
		if f == nil || !strings.Contains(f.Message, "Dragør Kommunes kvalitetsstandard har ingen liste over aktiviteter") {
			t.Errorf("an activity code under a pack without a list: %+v", res.Errors)
		}
	})
	t.Run("no issued: the standard is named without a date", func(t *testing.T) {
		want := "Afgørelsen bygger på servicelovens § 104 og på Dragør Kommunes kvalitetsstandard for aktivitets- og samværstilbud. Sådan står der i loven:"
		if !slices.Contains(blocks, want) {
			t.Errorf("law intro: %q", after(blocks, "Det siger loven"))
		}
	})
	t.Run("no minimum age: the law's 18, at its boundary", func(t *testing.T) {
		if got := servedStandard(t, dragoer).Numbers.MinAgeYears; got != 18 {
			t.Errorf("min age %d, want the law's 18", got)
		}
		// Decision 20 November 2026: 18 the day after fires, 18 that day does not.
		if got := fired(t, grantedUnder(t, dragoer, map[string]any{"citizen.cpr": "211108-4123", "citizen.early_retirement_pension": false})); !slices.Contains(got, decision.RuleAgeMin18) {
			t.Errorf("17 years old: fired %v", got)
		}
		if got := fired(t, grantedUnder(t, dragoer, map[string]any{"citizen.cpr": "201108-4123", "citizen.early_retirement_pension": false})); slices.Contains(got, decision.RuleAgeMin18) {
			t.Errorf("18 on the decision date: fired %v", got)
		}
	})
	t.Run("no valid_from: in force for every date", func(t *testing.T) {
		res := checkUnder(t, grantedUnder(t, dragoer, map[string]any{"decision_date": "2001-01-02", "application_received_date": "2000-12-01", "granted.0.start_date": "2001-01-08", "transport.action_plan_date": "2000-12-15"}))
		if findingAt(res, engine.RuleStandardNotInForce, "decision_date") != nil || slices.Contains(ruleCodes(res.Warnings), engine.RuleStandardNotInForce) {
			t.Errorf("a pack without valid_from is not in force early: %v", res.Warnings)
		}
		packs, err := standard.LoadAll(os.DirFS(filepath.Join(testkit.Dir(), "standards")), "testdata/standards")
		if err != nil {
			t.Fatal(err)
		}
		cat, err := standard.NewCatalog(packs, "dragoer")
		if err != nil {
			t.Fatal(err)
		}
		if p, early := cat.InForce(time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)); p.ID != dragoer || early {
			t.Errorf("in force in 1990: %s, early %v", p.ID, early)
		}
	})
	t.Run("the emptiest letterhead is still PDF/A and PDF/UA (our checker)", func(t *testing.T) {
		pdf := render(t, packsService(t), grantedUnder(t, dragoer, nil))
		if r := pdfcheck.Check(t, map[string][]byte{"dragoer": pdf})["dragoer"]; len(r.Errors) > 0 {
			t.Errorf("checker: %v", r.Errors)
		}
	})
	t.Run("the receipt promises the processing time it has, and no other", func(t *testing.T) {
		if text := strings.Join(blockText(doc(t, receiptUnder(t, dragoer, nil))), "\n"); !strings.Contains(text, "8 uger") {
			t.Errorf("Dragør's receipt lacks its 8 weeks:\n%s", text)
		}
		text := strings.Join(blockText(doc(t, receiptUnder(t, "vejen-sel104-extract", nil))), "\n")
		if !strings.Contains(text, "Vi skriver til dig, når vi har truffet en afgørelse") || strings.Contains(text, "uger") {
			t.Errorf("Vejen states no processing time, but its receipt:\n%s", text)
		}
		if text := strings.Join(blockText(doc(t, receiptUnder(t, "soenderborg-sel104-extract", nil))), "\n"); !strings.Contains(text, "1½ måned") {
			t.Errorf("Sønderborg's receipt lacks its \"1½ måned\":\n%s", text)
		}
	})
}

// What the other extracts give shows in their letters: part of a transport policy, a unit
// reached by e-mail within hours, a signing unit without a contact unit, criteria, duties and
// lists in the standard's words.
func TestWhatTheExtractsGiveIsInTheirLetters(t *testing.T) {
	transport := func(blocks []string) string {
		i := slices.Index(blocks, "Kørsel")
		if i < 0 || i+3 >= len(blocks) {
			t.Fatalf("no transport section: %q", blocks)
		}
		return blocks[i+3]
	}
	t.Run("Vejen: who pays, and only that", func(t *testing.T) {
		if got := transport(blockText(doc(t, grantedUnder(t, "vejen-sel104-extract", nil)))); got != "Vejen Kommune betaler kørslen." {
			t.Errorf("transport policy: %q", got)
		}
	})
	t.Run("Nyborg: the rule cited, not who pays; criteria, activities, duties", func(t *testing.T) {
		blocks := blockText(doc(t, grantedUnder(t, "nyborg-sel104-extract", nil)))
		if got := transport(blocks); got != "Kørslen er bevilget efter § 5 i bekendtgørelse om aflønning og befordringsudgifter mv. i beskyttet beskæftigelse, særligt tilrettelagte beskæftigelsesforløb og aktivitets- og samværstilbud." {
			t.Errorf("transport policy: %q", got)
		}
		for _, want := range []string{"Ved pædagogisk sigte forstås hjælp til selvhjælp", "fysisk træning og socialt samvær", "At møde til tiden og melde afbud"} {
			if !has(blocks, want) {
				t.Errorf("lacks %q", want)
			}
		}
		if after(blocks, "Det forventer vi af dig") != "At møde til tiden og melde afbud, hvis du alligevel ikke kan deltage." {
			t.Errorf("duties: %q", after(blocks, "Det forventer vi af dig"))
		}
	})
	t.Run("Lolland: a unit by e-mail, with its hours; its criteria", func(t *testing.T) {
		d := doc(t, grantedUnder(t, "lolland-sel104-extract", nil))
		blocks := blockText(d)
		if !slices.Equal(d.Sender.Lines, []string{"E-mail socialogarbejdsmarked@lolland.dk", "Træffetid alle dage pr. telefon kl. 8.30-9.30"}) || d.Sender.Unit != "Visitatorerne" {
			t.Errorf("letterhead: %q %q", d.Sender.Unit, d.Sender.Lines)
		}
		if !has(blocks, "Du kan også kontakte Visitatorerne på e-mail socialogarbejdsmarked@lolland.dk. Visitatorerne træffes alle dage pr. telefon kl. 8.30-9.30.") {
			t.Errorf("contact: %q", after(blocks, "Har du spørgsmål?"))
		}
		if !has(blocks, "Du er motiveret for at udfolde sig sammen med andre") || !has(blocks, "Du ønsker at komme hjemmefra") {
			t.Errorf("the criteria are not named: %q", blocks)
		}
		if got := fired(t, grantedUnder(t, "lolland-sel104-extract", map[string]any{"assessment.criteria": map[string]any{"wants_social_life": true}})); !slices.Contains(got, decision.RuleCriterionUnassessed) {
			t.Errorf("a criterion not assessed: fired %v", got)
		}
	})
	t.Run("Rødovre: the unit that handles the case signs; its lists", func(t *testing.T) {
		d := doc(t, grantedUnder(t, "roedovre-sel104-extract", nil))
		blocks := blockText(d)
		sig := strings.Split(blocks[len(blocks)-1], "\n")
		if d.Sender.Unit != "Social- og Psykiatriafdelingen" || sig[len(sig)-1] != "Social- og Psykiatriafdelingen" || len(d.Sender.Lines) != 0 {
			t.Errorf("sender %q %q, signature %q", d.Sender.Unit, d.Sender.Lines, sig)
		}
		if has(blocks, "Du kan også kontakte") {
			t.Error("a contact unit the pack does not have")
		}
		if after(blocks, "Det indgår ikke i tilbuddet") != "Ydelser, der dækkes af § 103 (beskyttet beskæftigelse)" || !slices.Contains(blocks, "Der kan forekomme et mindre kontingent samt egenbetaling til aktiviteter, bespisning m.m.") {
			t.Errorf("lists: %q, %q", after(blocks, "Det indgår ikke i tilbuddet"), after(blocks, "Det skal du selv betale"))
		}
	})
	t.Run("Gribskov: other offers first", func(t *testing.T) {
		if got := fired(t, grantedUnder(t, "gribskov-sel104-extract", map[string]any{"assessment.other_offers_considered": nil})); !slices.Equal(got, []string{decision.RuleOtherOffersConsidered}) {
			t.Errorf("fired %v", got)
		}
		if !has(blockText(doc(t, grantedUnder(t, "gribskov-sel104-extract", nil))), "Du kan også kontakte Gribskov Kommune på telefon 7249 6000.") {
			t.Error("no contact unit")
		}
	})
}
