package letters_test

import (
	"bytes"
	"encoding/json"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdfcheck"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// The packs of testdata/standards: a fictional municipality that differs from Brønderslev in
// every kind of parameter, and a later version of Brønderslev's standard.
const (
	eksempel = "eksempel-sel104-2025-01"
	brs2024  = "broenderslev-sel104-2024-12"
	brs2027  = "broenderslev-sel104-2027-01"
	// kriterie is a fictional Kriterieby Kommune whose standard has its own criteria, both § 103
	// switches, transport on a condition and citizen's duties (criteria_test.go).
	kriterie = "kriterie-sel104-2026-01"
)

var (
	packsOnce sync.Once
	packsSvc  *letters.Service
)

// packsService serves the embedded packs and those of testdata/standards.
func packsService(t testing.TB) *letters.Service {
	t.Helper()
	packsOnce.Do(func() {
		var err error
		packsSvc, err = letters.Open(letters.Config{Packs: os.DirFS(filepath.Join(testkit.Dir(), "standards")), PacksLabel: "testdata/standards"})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
	})
	if packsSvc == nil {
		t.Fatal("the packs of testdata/standards did not load")
	}
	return packsSvc
}

// patch sets fields of a JSON body by dotted path ("granted.0.start_date"); a nil value
// deletes the field.
func patch(t testing.TB, body []byte, set map[string]any) []byte {
	t.Helper()
	var root any
	if err := json.Unmarshal(body, &root); err != nil {
		t.Fatal(err)
	}
	for path, v := range set {
		keys := strings.Split(path, ".")
		node := root
		for _, k := range keys[:len(keys)-1] {
			switch n := node.(type) {
			case map[string]any:
				node = n[k]
			case []any:
				i, _ := strconv.Atoi(k)
				node = n[i]
			}
		}
		m, ok := node.(map[string]any)
		if !ok {
			t.Fatalf("patch %s: no object there", path)
		}
		if v == nil {
			delete(m, keys[len(keys)-1])
		} else {
			m[keys[len(keys)-1]] = v
		}
	}
	out, _ := json.Marshal(root)
	return out
}

func checkUnder(t testing.TB, body []byte) *letters.Result {
	t.Helper()
	res, err := packsService(t).Check(body)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// words are a valid letter's words as its document model gives them (testkit.Text): what the
// wording tests read. TestTheModelsWordsAreThePDFs holds them to the PDF's.
func words(t testing.TB, body []byte) string {
	t.Helper()
	res := checkUnder(t, body)
	if !res.Valid() {
		t.Fatalf("invalid: %+v", res.Errors)
	}
	d, err := res.Compose()
	if err != nil {
		t.Fatal(err)
	}
	return testkit.Text(d)
}

// pdfText is a valid letter's text as a reader gets it from the PDF.
func pdfText(t testing.TB, body []byte) string {
	t.Helper()
	return pdftext.Flat(pdftext.Go(t, render(t, packsService(t), body)))
}

func ruleCodes(fs []letters.Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

// Every example, of every kind, is checked and drawn under every served pack. Under Eksempel
// Kommune a letter may only break what that standard adds (a start within 10 days, other
// offers considered first); with those put right, it is a letter that may be sent.
func TestEveryExampleUnderEveryPack(t *testing.T) {
	t.Parallel()
	svc := packsService(t)
	packs := testkit.Packs(t)
	if got := len(svc.Standards()); got != len(packs)+1 {
		t.Fatalf("served %d packs, want %d (the embedded one and testdata/standards' %d)", got, len(packs)+1, len(packs))
	}
	renderer := pdfrender.New()
	for _, e := range testkit.Examples(t) {
		for _, std := range svc.Standards() {
			res := checkUnder(t, patch(t, e.JSON, map[string]any{"standard": std.ID}))
			if res.Standard().ID != std.ID {
				t.Errorf("%s under %s: checked under %s", e.Name, std.ID, res.Standard().ID)
			}
			doc, err := res.ComposeDraft()
			if err == nil {
				_, err = renderer.RenderBytes(doc)
			}
			if err != nil {
				t.Errorf("%s under %s: %v", e.Name, std.ID, err)
			}
			if e.Rule != "" {
				continue
			}
			allowed := []string{}
			switch std.ID {
			case eksempel:
				allowed = []string{decision.RuleStartWithin14Days, decision.RuleOtherOffersConsidered}
			case kriterie: // the examples assess no criteria, § 103 or the transport condition
				allowed = []string{decision.RuleCriterionUnassessed, decision.RuleSection103NotConsidered, decision.RuleTransportCondition}
			}
			if std.Partial != "" { // the packs from the extracts: their own rules, and lists without Brønderslev's codes
				if len(std.Criteria) > 0 {
					allowed = append(allowed, decision.RuleCriterionUnassessed)
				}
				if std.On("other_offers_first") {
					allowed = append(allowed, decision.RuleOtherOffersConsidered)
				}
			}
			for _, f := range res.Errors {
				if std.Partial != "" && f.Rule == "invalid_value" && (strings.Contains(f.Field, "activities") || strings.Contains(f.Field, "development_course")) {
					continue // a code the pack's lists do not have (or it has no list)
				}
				if !slices.Contains(allowed, f.Rule) {
					t.Errorf("%s under %s: error %s at %s", e.Name, std.ID, f.Rule, f.Field)
				}
			}
		}
	}
}

// granted is the granted decision under Eksempel Kommune, with what that standard demands.
func eksempelGranted(t testing.TB, more map[string]any) []byte {
	set := map[string]any{
		"standard":                           eksempel,
		"granted.0.start_date":               "2026-11-30",
		"assessment.other_offers_considered": "Du har prøvet Café Mødestedets åbne aktiviteter, men de giver dig ikke faste rammer.",
	}
	for k, v := range more {
		set[k] = v
	}
	return patch(t, testkit.Read(t, "granted"), set)
}

// Each kind of parameter that differs between the packs shows in the letters and the dates.
func TestEksempelKommuneDiffersInEveryParameter(t *testing.T) {
	granted := eksempelGranted(t, nil)
	res := checkUnder(t, granted)
	if !res.Valid() {
		t.Fatalf("the Eksempel letter breaks its standard: %v", ruleCodes(res.Errors))
	}
	eks := words(t, granted)
	brs := words(t, testkit.Read(t, "granted"))
	dates := res.Dates.(letters.DecisionDates)

	t.Run("letterhead and signing unit", func(t *testing.T) {
		for _, want := range []string{"Eksempel Kommune", "Torvet 3", "9999 Eksempelby", "Venlig hilsen Mette Kjærgaard Socialrådgiver Social og Sundhed, Eksempel Kommune"} {
			if !strings.Contains(eks, want) {
				t.Errorf("Eksempel letter lacks %q", want)
			}
		}
		if strings.Contains(eks, "Brønderslev Kommune betaler") || strings.Contains(eks, "Ny Rådhusplads") {
			t.Error("Eksempel letter names Brønderslev")
		}
	})
	t.Run("start within 10 days", func(t *testing.T) {
		if dates.StartLimit != "2026-11-30" {
			t.Errorf("start limit %s, want 2026-11-30 (20 November + 10 days)", dates.StartLimit)
		}
		if !strings.Contains(eks, "senest 10 dage efter afgørelsen, det vil sige senest 30. november 2026") {
			t.Error("the letter does not state the 10-day limit")
		}
		late := checkUnder(t, eksempelGranted(t, map[string]any{"granted.0.start_date": "2026-12-01"}))
		if !slices.Contains(ruleCodes(late.Errors), decision.RuleStartWithin14Days) || !strings.Contains(late.Errors[0].Message, "10 dage") {
			t.Errorf("a start 11 days out: %v", late.Errors)
		}
		if r := checkUnder(t, testkit.Read(t, "granted")); !r.Valid() {
			t.Error("under Brønderslev's 14 days, the same start is fine")
		}
	})
	t.Run("follow-up after 2 months, then every 6", func(t *testing.T) {
		if got := dates.Offers[0]; got.FirstAssessment != "2027-02-01" || got.NextFollowUp != "2027-07-30" {
			// 30 November + 2 months is Saturday 30 January, so Monday 1 February; 6 months
			// after 30 January is Friday 30 July.
			t.Errorf("follow-ups %+v, want 2027-02-01 and 2027-07-30", got)
		}
		if !strings.Contains(eks, "Derefter følger vi op hver 6. måned") || !strings.Contains(brs, "Derefter følger vi op én gang om året") {
			t.Error("the rhythm is not the pack's")
		}
	})
	t.Run("transport arranged and paid by the offer", func(t *testing.T) {
		if !strings.Contains(eks, "Tilbuddet sørger for kørslen og betaler den. Kørslen er bevilget efter servicelovens § 104 og Eksempel Kommunes kvalitetsstandard, afsnit 7.") {
			t.Error("Eksempel's transport policy is missing")
		}
		if !strings.Contains(brs, "Brønderslev Kommune betaler kørslen.") {
			t.Error("Brønderslev's transport policy is missing")
		}
	})
	t.Run("other offers first, switched on", func(t *testing.T) {
		without := checkUnder(t, eksempelGranted(t, map[string]any{"assessment.other_offers_considered": nil}))
		if got := ruleCodes(without.Errors); !slices.Equal(got, []string{decision.RuleOtherOffersConsidered}) {
			t.Errorf("without other offers considered: %v", got)
		}
		if !strings.Contains(eks, "Før vi gav dig tilbuddet, så vi på, om andre tilbud kunne dække dit behov: Du har prøvet Café Mødestedets") {
			t.Error("the letter does not say which other offers were considered")
		}
		if r := checkUnder(t, testkit.Read(t, "granted")); slices.Contains(ruleCodes(r.Errors), decision.RuleOtherOffersConsidered) {
			t.Error("the rule runs under Brønderslev, which does not switch it on")
		}
		// A rule a pack switches on is a rule of the standard: a reasoned deviation lifts it, and
		// the letter says so.
		deviated := checkUnder(t, eksempelGranted(t, map[string]any{"assessment.other_offers_considered": nil,
			"deviations": []any{map[string]any{"rule": decision.RuleOtherOffersConsidered, "reason": "Du har brug for hjælp nu."}}}))
		if !deviated.Valid() || !slices.Contains(ruleCodes(deviated.Warnings), engine.RuleDeviationFromStandard) {
			t.Fatalf("with a deviation: errors %v warnings %v", ruleCodes(deviated.Errors), ruleCodes(deviated.Warnings))
		}
		doc, err := deviated.Compose()
		if err != nil {
			t.Fatal(err)
		}
		var said []string
		for _, b := range doc.Body {
			if p, ok := b.(document.Paragraph); ok {
				said = append(said, p.Text)
			}
		}
		if i := slices.Index(said, "Vi har ikke først set på andre tilbud, selvom kvalitetsstandarden siger, at vi skal gøre det. Vi har fraveget kvalitetsstandarden, fordi:"); i < 0 || said[i+1] != "Du har brug for hjælp nu." {
			t.Errorf("the letter does not state the deviation from other offers first: %q", said)
		}
	})
	t.Run("lists and their labels", func(t *testing.T) {
		for _, want := range []string{"motion og bevægelse", "Personlig pleje.", "Frokost."} {
			if !strings.Contains(eks, want) || strings.Contains(brs, want) {
				t.Errorf("%q should be in Eksempel's letter only", want)
			}
		}
		music := eksempelGranted(t, map[string]any{"granted.0.activities": []any{"music"}})
		if r := checkUnder(t, music); !r.Valid() {
			t.Errorf("music is on Eksempel's list: %v", r.Errors)
		}
		r := checkUnder(t, patch(t, music, map[string]any{"standard": brs2024}))
		if !slices.Contains(ruleCodes(r.Errors), engine.RuleInvalidValue) {
			t.Error("music is not on Brønderslev's list")
		}
	})
	t.Run("half place at most 2 days", func(t *testing.T) {
		half := eksempelGranted(t, map[string]any{"granted.0.place": "half", "granted.0.weekdays": []any{"monday", "tuesday", "wednesday"}})
		if got := ruleCodes(checkUnder(t, half).Warnings); !slices.Contains(got, decision.RuleHalfPlaceWithManyDays) {
			t.Errorf("3 days of a half place under Eksempel: %v", got)
		}
		if got := ruleCodes(checkUnder(t, patch(t, half, map[string]any{"standard": brs2024, "assessment.other_offers_considered": nil})).Warnings); slices.Contains(got, decision.RuleHalfPlaceWithManyDays) {
			t.Error("3 days of a half place is within Brønderslev's 3")
		}
	})
	t.Run("wording override", func(t *testing.T) {
		if !strings.Contains(eks, "Tilbuddet er åbent mandag til fredag fra kl. 9 til 15.") || strings.Contains(eks, "i dagtimerne på hverdage") {
			t.Error("Eksempel's decision.granted.about is not its own")
		}
		if !strings.Contains(brs, "Tilbuddet foregår i dagtimerne på hverdage.") {
			t.Error("Brønderslev's decision.granted.about is lost")
		}
	})
}

// Contact routing by pension alone (Eksempel) against age 30 or pension (Brønderslev).
func TestContactRoutingIsThePacks(t *testing.T) {
	// The granted example's citizen is 36 (born 1990).
	cases := []struct {
		std     string
		pension bool
		cpr     string
		unit    string
	}{
		{brs2024, true, "150590-1235", "Visitationen"},
		{brs2024, false, "150590-1235", "Visitationen"},     // 36: adult by age
		{brs2024, false, "120301-4321", "UngeCenter"},       // 25, no pension
		{eksempel, true, "120301-4321", "Voksen Handicap"},  // pension, whatever the age
		{eksempel, false, "150590-1235", "Familie og Besk"}, // no pension: age does not matter
		{eksempel, false, "120301-4321", "Familie og Besk"},
	}
	for _, c := range cases {
		body := eksempelGranted(t, map[string]any{"standard": c.std, "citizen.early_retirement_pension": c.pension, "citizen.cpr": c.cpr})
		if c.std != eksempel {
			body = patch(t, body, map[string]any{"assessment.other_offers_considered": nil})
		}
		if text := words(t, body); !strings.Contains(text, "Du kan også kontakte "+c.unit) {
			t.Errorf("%s, pension %v, cpr %s: the letter does not send the citizen to %s", c.std, c.pension, c.cpr, c.unit)
		}
	}
}

// The receipt counts Eksempel's processing time in working days.
func TestProcessingTimeInWorkingDays(t *testing.T) {
	// Over Christmas, 40 working days and 8 weeks part.
	body := patch(t, testkit.Read(t, "receipt"), map[string]any{"application_received_date": "2026-12-01", "letter_date": "2026-12-03"})
	var r struct {
		Applied string `json:"application_received_date"`
	}
	json.Unmarshal(body, &r)
	applied, _ := time.Parse(time.DateOnly, r.Applied)
	brs := checkUnder(t, body).Dates.(letters.ReceiptDates)
	eksBody := patch(t, body, map[string]any{"standard": eksempel})
	eks := checkUnder(t, eksBody).Dates.(letters.ReceiptDates)
	if want := workdays.Next(workdays.Add(applied, 40)).Format(time.DateOnly); eks.ExpectedAnswer != want {
		t.Errorf("Eksempel expects an answer %s, want %s (40 working days)", eks.ExpectedAnswer, want)
	}
	if want := workdays.Next(applied.AddDate(0, 0, 56)).Format(time.DateOnly); brs.ExpectedAnswer != want {
		t.Errorf("Brønderslev expects an answer %s, want %s (8 weeks)", brs.ExpectedAnswer, want)
	}
	if eks.ExpectedAnswer == brs.ExpectedAnswer {
		t.Errorf("both expect an answer %s", eks.ExpectedAnswer)
	}
	if text := words(t, eksBody); !strings.Contains(text, "på op til 40 arbejdsdage") {
		t.Error("the receipt does not state 40 working days")
	}
}

// A new version takes over on its valid_from; letters dated before keep the old one, and a
// letter may name its version.
func TestVersionInForceOnTheLettersDate(t *testing.T) {
	base := testkit.Read(t, "granted")
	cases := []struct {
		decided, start, std, want, startLimit string
	}{
		{"2026-12-31", "2027-01-05", "", brs2024, "2027-01-14"},
		{"2027-01-01", "2027-01-05", "", brs2027, "2027-01-22"},
		{"2027-01-01", "2027-01-05", brs2024, brs2024, "2027-01-15"},
	}
	for _, c := range cases {
		body := patch(t, base, map[string]any{"decision_date": c.decided, "granted.0.start_date": c.start})
		if c.std != "" {
			body = patch(t, body, map[string]any{"standard": c.std})
		}
		res := checkUnder(t, body)
		if res.Standard().ID != c.want {
			t.Errorf("decided %s, standard %q: checked under %s, want %s", c.decided, c.std, res.Standard().ID, c.want)
		}
		if got := res.Dates.(letters.DecisionDates).StartLimit; got != c.startLimit {
			t.Errorf("decided %s under %s: start limit %s, want %s", c.decided, res.Standard().ID, got, c.startLimit)
		}
	}
	// Before the oldest version: checked under it, with a warning.
	early := checkUnder(t, patch(t, base, map[string]any{"decision_date": "2024-06-03", "application_received_date": "2024-05-01",
		"granted.0.start_date": "2024-06-10", "transport.action_plan_date": "2024-05-15"}))
	if early.Standard().ID != brs2024 || !slices.Contains(ruleCodes(early.Warnings), engine.RuleStandardNotInForce) {
		t.Errorf("a decision before every version: %s, warnings %v", early.Standard().ID, ruleCodes(early.Warnings))
	}
	// An id the service does not serve is a finding at "standard".
	unknown := checkUnder(t, patch(t, base, map[string]any{"standard": "odense-2030"}))
	if len(unknown.Errors) == 0 || unknown.Errors[0].Field != "standard" || unknown.Errors[0].Rule != engine.RuleInvalidValue {
		t.Errorf("an unknown standard: %v", unknown.Errors)
	}
	// Inside a reassessment, only the outer letter names the standard.
	nested := checkUnder(t, patch(t, testkit.Read(t, "reassessment-granted"), map[string]any{"decision.standard": brs2027}))
	if !slices.Contains(ruleCodes(nested.Errors), engine.RuleUnknownField) {
		t.Errorf("decision.standard inside a reassessment: %v", ruleCodes(nested.Errors))
	}
}

// CheckIn gives a body without "standard" the named municipality's version in force on the
// letter's date (the server's answer for a caller bound to one municipality); a named standard
// still wins, and an unserved municipality falls back to the configured one.
func TestCheckInAMunicipality(t *testing.T) {
	svc := packsService(t)
	base := testkit.Read(t, "granted")
	for _, c := range []struct {
		body         []byte
		municipality string
		want         string
	}{
		{base, "kriterieby", "kriterie-sel104-2026-01"},
		{base, "eksempel", "eksempel-sel104-2025-01"},
		{base, "broenderslev", brs2024},
		{patch(t, base, map[string]any{"decision_date": "2027-01-04"}), "broenderslev", brs2027},
		{patch(t, base, map[string]any{"standard": "eksempel-sel104-2025-01"}), "kriterieby", "eksempel-sel104-2025-01"},
		{base, "odense", brs2024},
		{[]byte(`{"kind": "no-such-kind"}`), "kriterieby", "kriterie-sel104-2026-01"},
	} {
		res, err := svc.CheckIn(c.body, c.municipality)
		if err != nil {
			t.Fatal(err)
		}
		if res.Standard().ID != c.want {
			t.Errorf("in %s: checked under %s, want %s", c.municipality, res.Standard().ID, c.want)
		}
	}
	if res, _ := svc.Check(base); res.Standard().ID != brs2024 {
		t.Errorf("Check: %s, want the configured municipality's %s", res.Standard().ID, brs2024)
	}
}

// A pack's wording is checked when it is loaded: a define that replaces nothing, a template
// that is not there, a number the standard does not have.
func TestPackWordingIsCheckedOnLoad(t *testing.T) {
	for _, c := range []struct{ tmpl, want string }{
		{`{{define "decision.granted.abuot"}}x{{end}}`, `defines "decision.granted.abuot", which no common template has`},
		{`{{define "decision.granted.about"}}{{template "nowhere" .}}{{end}}`, `calls "nowhere", which is not defined`},
		{`{{define "decision.granted.about"}}{{.Std.ProcessingWeeks}} uger{{end}}`, `uses .Std.ProcessingWeeks, which a standard does not have`},
		{`{{define "decision.granted.about"}}{{.Std.Numbers.ProcessingWeeks}} uger{{end}}`, `uses .Std.Numbers.ProcessingWeeks, which a standard does not have`},
		{`{{define "decision.granted.about"}}{{range .Granted}}{{if .Start}}{{$.Std.Numbers.StartWithinDays}}{{end}}{{end}}{{end}}`, `uses .Std.Numbers.StartWithinDays`},
		{`{{define "decision.granted.about"}}{{.Std.Title.Length}}{{end}}`, `uses .Std.Title.Length, which a standard does not have`},
		{`{{define "decision.granted.about"}}{{if}}{{end}}`, "testdata/x/" + eksempel + "/templates/decision.tmpl"},
	} {
		fsys := eksempelPackWith(t, "decision.tmpl", c.tmpl)
		_, err := letters.Open(letters.Config{Packs: fsys, PacksLabel: "testdata/x"})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), eksempel) {
			t.Errorf("%s: %v, want an error naming the pack and %q", c.tmpl, err, c.want)
		}
	}
}

// Eksempel Kommune's logo heads its letters: drawn, tagged as a Figure with its words, and the
// letter is still PDF/A and PDF/UA (our checker) and PDF/A-1b but for the part (Preflight).
func TestPackLogoInThePDF(t *testing.T) {
	t.Parallel()
	pdf := render(t, packsService(t), eksempelGranted(t, nil))
	r := pdfcheck.Check(t, map[string][]byte{"eksempel": pdf})["eksempel"]
	if len(r.Errors) > 0 {
		t.Errorf("checker: %v", r.Errors)
	}
	if len(r.Pages) == 0 || len(r.Pages[0]) == 0 || r.Pages[0][0].Type != "Figure" {
		t.Errorf("the letter does not open with the logo's Figure: %+v", r.Pages[0][:min(3, len(r.Pages[0]))])
	}
	if faults := pdfcheck.Preflight(t, pdf); len(faults) != 1 || !strings.Contains(faults[0], "part must be 1") {
		t.Errorf("Preflight: %q", faults)
	}
	if brs := render(t, packsService(t), testkit.Read(t, "granted")); bytes.Contains(brs, []byte("/Figure")) {
		t.Error("Brønderslev's pack has no logo, but its letter has a Figure")
	}
}
