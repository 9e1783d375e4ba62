package letters_test

import (
	"encoding/json"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/standards"
)

// sparse is a test municipality whose standard states only what the pack is given: it starts as
// Brønderslev's standard.json (without its wording), renamed, with numbers and contact units
// changed by the test.
const sparse = "sparsom-sel104-2026-01"

// sparseService serves the embedded packs and one sparse pack, built by change from
// Brønderslev's standard.json.
func sparseService(t *testing.T, change func(std map[string]any)) *letters.Service {
	t.Helper()
	raw, err := standards.FS.ReadFile(brs2024 + "/standard.json")
	if err != nil {
		t.Fatal(err)
	}
	var std map[string]any
	if err := json.Unmarshal(raw, &std); err != nil {
		t.Fatal(err)
	}
	std["id"], std["valid_from"] = sparse, "2026-01-01"
	std["municipality"] = map[string]any{"id": "sparsom", "name": "Sparsom Kommune", "address": []any{"Torvet 1", "9998 Sparsomby"}}
	change(std)
	out, _ := json.Marshal(std)
	svc, err := letters.Open(letters.Config{Packs: fstest.MapFS{sparse + "/standard.json": {Data: out}}, PacksLabel: "test"})
	if err != nil {
		t.Fatalf("the sparse pack does not load: %v", err)
	}
	return svc
}

// letterUnder checks body under std (the sparse pack, or Brønderslev's to compare) and composes
// its draft: the findings' rule codes, the dates and the letter's text block by block (the
// letterhead's sender lines first).
func letterUnder(t *testing.T, svc *letters.Service, std string, body []byte) (rules []string, dates any, text string) {
	t.Helper()
	res, err := svc.Check(patch(t, body, map[string]any{"standard": std}))
	if err != nil {
		t.Fatal(err)
	}
	if res.Standard().ID != std {
		t.Fatalf("checked under %s, want %s", res.Standard().ID, std)
	}
	doc, err := res.ComposeDraft()
	if err != nil {
		t.Fatal(err)
	}
	return append(ruleCodes(res.Errors), ruleCodes(res.Warnings)...), res.Dates,
		strings.Join(append(slices.Clone(doc.Sender.Lines), blockText(doc)...), "\n")
}

func dropNumber(key string) func(map[string]any) {
	return func(std map[string]any) { delete(std["numbers"].(map[string]any), key) }
}

// A number the standard does not state fires no rule and is promised by no letter; the same
// letter under Brønderslev, which states every number, fires the rule and makes the promise
// (so each case can fail).
func TestANumberTheStandardDoesNotStateIsNotPromised(t *testing.T) {
	granted := testkit.Read(t, "granted")
	course := patch(t, granted, map[string]any{"granted.0.development_course": "speech_training"})
	cases := []struct {
		number string
		body   []byte
		rule   string   // the rule the number feeds, "" for none
		absent []string // what the letter says under Brønderslev and not without the number
		want   []string // what the letter says instead
		dates  func(d any) string
	}{
		{number: "start_within",
			body:   patch(t, granted, map[string]any{"granted.0.start_date": "2027-01-29"}),
			rule:   decision.RuleStartWithin14Days,
			absent: []string{"Tilbuddet skal starte senest"},
			want:   []string{"Start\n29. januar 2027"},
			dates:  func(d any) string { return d.(letters.DecisionDates).StartLimit }},
		{number: "processing_time",
			body: patch(t, granted, map[string]any{"application_received_date": "2026-06-01"}),
			rule: decision.RuleProcessingTime8Weeks},
		{number: "processing_time",
			body:   testkit.Read(t, "receipt"),
			absent: []string{"op til 8 uger", "Du kan forvente svar senest"},
			want:   []string{"Vi skriver til dig, når vi har truffet en afgørelse.", "Vi skriver til dig, når vi har besluttet noget."},
			dates:  func(d any) string { return d.(letters.ReceiptDates).ExpectedAnswer }},
		{number: "half_place_max_weekdays",
			body: patch(t, granted, map[string]any{"granted.0.place": "half"}),
			rule: decision.RuleHalfPlaceWithManyDays},
		{number: "first_follow_up",
			body:   granted,
			absent: []string{"Første opfølgning", "første gang omkring", "næste gang omkring"},
			want:   []string{"Vi følger op på Aktivitetscentret Solsikken. Vi ser på, om tilbuddet stadig passer til dine behov."},
			dates: func(d any) string {
				o := d.(letters.DecisionDates).Offers[0]
				return o.FirstAssessment + o.NextFollowUp
			}},
		{number: "first_follow_up",
			body:   testkit.Read(t, "follow_up"),
			absent: []string{"Første opfølgning er omkring"},
			dates:  func(d any) string { return d.(letters.FollowUpDates).FirstAssessment }},
		{number: "follow_up",
			body:   granted,
			absent: []string{"Derefter følger vi op", "næste gang omkring", "og derefter én gang om året."},
			want:   []string{"første gang omkring", "Vi følger op omkring 1. marts 2027."},
			dates:  func(d any) string { return d.(letters.DecisionDates).Offers[0].NextFollowUp }},
		{number: "follow_up",
			body:   testkit.Read(t, "follow_up"),
			absent: []string{"Næste gang er omkring", "Vi følger op én gang om året."},
			want:   []string{"På mødet aftaler vi, hvornår vi følger op næste gang.", "På mødet aftaler vi, hvornår vi følger op igen."},
			dates:  func(d any) string { return d.(letters.FollowUpDates).NextFollowUp }},
		{number: "close_follow_up",
			body:   course,
			absent: []string{"Første gang efter 3 måneder, omkring", "Vi følger tæt op, første gang omkring"},
			want:   []string{"følger vi tæt op på", "Vi aftaler med dig, hvornår vi følger op.", "Vi følger tæt op."},
			dates:  func(d any) string { return d.(letters.DecisionDates).Offers[0].FirstAssessment }},
	}
	for i, c := range cases {
		t.Run(c.number+"/"+strconv.Itoa(i), func(t *testing.T) {
			svc := sparseService(t, dropNumber(c.number))
			fullRules, fullDates, full := letterUnder(t, svc, brs2024, c.body)
			rules, dates, text := letterUnder(t, svc, sparse, c.body)
			if c.rule != "" && (!slices.Contains(fullRules, c.rule) || slices.Contains(rules, c.rule)) {
				t.Errorf("%s fires %v with the number and %v without; want it only with", c.rule, fullRules, rules)
			}
			for _, s := range c.absent {
				if !strings.Contains(full, s) || strings.Contains(text, s) {
					t.Errorf("%q: with the number %v, without %v; want it only with", s, strings.Contains(full, s), strings.Contains(text, s))
				}
			}
			for _, s := range c.want {
				if !strings.Contains(text, s) {
					t.Errorf("without %s the letter does not say %q:\n%s", c.number, s, text)
				}
			}
			if c.dates != nil && (c.dates(fullDates) == "" || c.dates(dates) != "") {
				t.Errorf("dates with the number %+v, without %+v; want the date only with", fullDates, dates)
			}
		})
	}
}

// A standard with no number but the minimum age: every example letter is composed, promises no
// follow-up, start limit or answer date, and fires none of the numbers' rules.
func TestAStandardWithoutNumbersPromisesNone(t *testing.T) {
	svc := sparseService(t, func(std map[string]any) { std["numbers"] = map[string]any{"min_age_years": 18} })
	quiet := []string{decision.RuleStartWithin14Days, decision.RuleProcessingTime8Weeks, decision.RuleHalfPlaceWithManyDays}
	for _, e := range testkit.Examples(t) {
		if e.Rule != "" {
			continue
		}
		rules, _, text := letterUnder(t, svc, sparse, e.JSON)
		for _, r := range quiet {
			if slices.Contains(rules, r) {
				t.Errorf("%s: %s fires", e.Name, r)
			}
		}
		for _, s := range []string{"omkring", "følger vi op hver", "Vi følger op hver", "én gang om året", "senest 14 dage", "op til 8 uger", "forvente svar"} {
			if strings.Contains(text, s) {
				t.Errorf("%s promises %q", e.Name, s)
			}
		}
	}
}

// A range and the standard's own words: the letter prints them, and the dates count from the
// value ("3-6 måneder" counts 6 months; "1½ måned" counts 6 weeks).
func TestLimitsAsTheStandardWritesThem(t *testing.T) {
	receipt := testkit.Read(t, "receipt") // application received 2 October 2026
	for _, c := range []struct {
		limit      map[string]any
		says, date string
	}{
		{map[string]any{"min": 3, "value": 6, "unit": "months"}, "på 3-6 måneder. Du kan forvente svar senest 2. april 2027.", "2027-04-02"},
		{map[string]any{"value": 6, "unit": "weeks", "text": "1½ måned"}, "på op til 1½ måned. Du kan forvente svar senest 13. november 2026.", "2026-11-13"},
	} {
		svc := sparseService(t, func(std map[string]any) { std["numbers"].(map[string]any)["processing_time"] = c.limit })
		_, dates, text := letterUnder(t, svc, sparse, receipt)
		if !strings.Contains(text, c.says) {
			t.Errorf("%v: the receipt does not say %q:\n%s", c.limit, c.says, text)
		}
		if got := dates.(letters.ReceiptDates).ExpectedAnswer; got != c.date {
			t.Errorf("%v: expected answer %s, want %s", c.limit, got, c.date)
		}
	}
	svc := sparseService(t, func(std map[string]any) {
		std["numbers"].(map[string]any)["follow_up"] = map[string]any{"min": 3, "value": 6, "unit": "months"}
	})
	if _, _, text := letterUnder(t, svc, sparse, testkit.Read(t, "granted")); !strings.Contains(text, "Derefter følger vi op hver 3.-6. måned") {
		t.Errorf("a follow-up range is not printed as the standard writes it:\n%s", text)
	}
}

// A unit with only e-mail and hours: the letterhead, "Har du spørgsmål?" and "Kort fortalt"
// give what there is and no phone; with a phone added, both ways are given.
func TestContactAsTheStandardGivesIt(t *testing.T) {
	unit := map[string]any{"name": "Socialafdelingen", "email": "social@sparsom.dk", "hours": "alle dage kl. 8.30-9.30"}
	svc := sparseService(t, func(std map[string]any) {
		std["contact_units"] = map[string]any{"all": unit}
		std["contact_routing"] = []any{map[string]any{"unit": "all"}}
	})
	noPhone := patch(t, testkit.Read(t, "granted"), map[string]any{"case.caseworker.phone": nil, "case.caseworker.email": nil})
	res, err := svc.Check(patch(t, noPhone, map[string]any{"standard": sparse}))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := res.ComposeDraft()
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Sender.Lines; !slices.Contains(got, "E-mail social@sparsom.dk") || !slices.Contains(got, "Træffetid alle dage kl. 8.30-9.30") ||
		slices.ContainsFunc(got, func(l string) bool { return strings.HasPrefix(l, "Telefon") }) {
		t.Errorf("letterhead lines %q", got)
	}
	text := strings.Join(blockText(doc), "\n")
	for _, want := range []string{
		"Du kan også kontakte Socialafdelingen på e-mail social@sparsom.dk. Socialafdelingen træffes alle dage kl. 8.30-9.30.",
		"Skriv til os på social@sparsom.dk, hvis du vil vide mere.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter does not say %q", want)
		}
	}
	if strings.Contains(text, "kontakte Socialafdelingen på telefon") || strings.Contains(text, "Ring til") {
		t.Errorf("the letter offers a phone the unit does not have:\n%s", text)
	}
	if summary := summaryOf(doc); !strings.Contains(summary, "Skriv til os på social@sparsom.dk") {
		t.Errorf("Kort fortalt: %q", summary)
	}

	unit["phone"] = "7000 2000"
	svc = sparseService(t, func(std map[string]any) {
		std["contact_units"] = map[string]any{"all": unit}
		std["contact_routing"] = []any{map[string]any{"unit": "all"}}
	})
	_, _, text = letterUnder(t, svc, sparse, noPhone)
	for _, want := range []string{"Telefon 7000 2000\nE-mail social@sparsom.dk\nTræffetid alle dage kl. 8.30-9.30",
		"Du kan også kontakte Socialafdelingen på telefon 7000 2000 eller på e-mail social@sparsom.dk.",
		"Ring til os på 7000 2000, hvis du vil vide mere."} {
		if !strings.Contains(text, want) {
			t.Errorf("with a phone too, the letter does not say %q:\n%s", want, text)
		}
	}
}

// summaryOf is the text of the "Kort fortalt" box.
func summaryOf(d *document.Document) string {
	for _, b := range d.Body {
		if n, ok := b.(document.Notice); ok {
			return strings.Join(n.Lines, " ")
		}
	}
	return ""
}
