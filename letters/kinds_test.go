package letters_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
)

// changed is an example with a change applied to its JSON.
func changed(t *testing.T, body []byte, change func(d map[string]any)) []byte {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatal(err)
	}
	change(d)
	b, _ := json.Marshal(d)
	return b
}

func TestEveryKindHasItsElementsAndDates(t *testing.T) {
	svc := newService(t)
	cases := map[string]struct{ want, absent []string }{
		"receipt.json": {want: []string{
			"Vi har modtaget din ansøgning", "Vi har modtaget din ansøgning 2. oktober 2026.",
			"Du har søgt om: Aktivitets- og samværstilbud efter servicelovens § 104.", "aftale tid til en samtale",
			"op til 8 uger", "Du kan forvente svar senest 27. november 2026.", "Visitationen – Det Specialiserede Område",
			"9945 4421", "5. oktober 2026", "Søren Østergaard Ærø", "150590-xxxx"},
			absent: []string{"Sådan klager du"}},
		"reassessment-upheld.json": {want: []string{
			"Vi har vurderet din klage igen", "Vi fastholder vores afgørelse fra 20. november 2026.",
			"Vi fik din klage 10. december 2026", "Personalet i Aktivitetscentret Solsikken kan tilrettelægge dagen",
			"Vi sender din klage og vores vurdering til Ankestyrelsen senest 7. januar 2027.", "Ankestyrelsen behandler klagen og skriver derefter til dig",
			"§ 104. Kommunalbestyrelsen skal tilbyde", "5. januar 2027"},
			absent: []string{"Sådan klager du", "Det sker med resten af din klage", "Din nye afgørelse"}},
		"reassessment-partly-granted.json": {want: []string{
			"Du får delvist medhold i din klage over vores afgørelse fra 20. november 2026.", "Din nye afgørelse",
			"Hel plads", "mandag, tirsdag, torsdag og fredag", "11. januar 2027", "Det får du afslag på",
			"Det sker med resten af din klage", "give os besked senest 2. februar 2027", "inden for 14 dage",
			// the new decision's own complaint guidance
			"Sådan klager du", "Vi skal have din klage senest 2. februar 2027.", "ikke til Ankestyrelsen", "mundtligt"},
			absent: []string{"Vi fastholder vores afgørelse"}},
		"reassessment-granted.json": {want: []string{
			"Du får medhold i din klage over vores afgørelse fra 20. november 2026.", "Din nye afgørelse",
			"Individuelt tilrettelagt tilbud", "Du bliver så urolig i større grupper", "Sådan klager du",
			"Vi skal have din klage senest 2. februar 2027."},
			absent: []string{"Det sker med resten af din klage", "Det får du afslag på"}},
		"follow_up.json": {want: []string{
			"Invitation til opfølgning på dit aktivitets- og samværstilbud",
			"Vi vil gerne tale med dig om, hvordan det går med dit tilbud på Aktivitetscentret Solsikken. Mødet er 1. marts 2027 kl. 10:00.",
			"Aktivitetscentret Solsikken, Algade 40, 9700 Brønderslev", "Hvis tidspunktet ikke passer dig",
			"Om din funktionsevne har ændret sig.", "Du startede i tilbuddet 1. december 2026.",
			"Første opfølgning er omkring 1. marts 2027", "Næste gang er omkring 1. marts 2028."},
			absent: []string{"Sådan klager du"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			// The letter's words from its model; TestTheModelsWordsAreThePDFs holds them to the
			// PDF of each kind.
			text := wordsOf(t, svc, testkit.Read(t, name))
			mustContain(t, "the letter", text, c.want...)
			for _, a := range c.absent {
				if strings.Contains(text, a) {
					t.Errorf("should not say %q", a)
				}
			}
		})
	}
}

func TestEveryKindsDates(t *testing.T) {
	svc := newService(t)
	dates := func(name string) string {
		res, err := svc.Check(testkit.Read(t, name))
		if err != nil || !res.Valid() || len(res.Warnings) > 0 {
			t.Fatalf("%s: %v %+v %+v", name, err, res.Errors, res.Warnings)
		}
		b, _ := json.Marshal(res.Dates)
		return string(b)
	}
	for name, want := range map[string]string{
		"receipt.json":             `{"letter_received":"2026-10-05","expected_answer":"2026-11-27"}`,
		"reassessment-upheld.json": `{"letter_received":"2027-01-05","original_complaint_deadline":"2026-12-18","reassessment_limit":"2027-01-07","forward_to_ankestyrelsen":"2027-01-07"}`,
		"reassessment-partly-granted.json": `{"letter_received":"2027-01-05","original_complaint_deadline":"2026-12-18","reassessment_limit":"2027-01-07","maintain_complaint_by":"2027-02-02",` +
			`"decision":{"letter_received":"2027-01-05","complaint_deadline":"2027-02-02","start_limit":"2027-01-19","offers":[{"start":"2027-01-11","first_assessment":"2027-04-12","next_follow_up":"2028-04-11"}]}}`,
		"follow_up.json": `{"letter_received":"2027-02-15","first_assessment":"2027-03-01","meeting":"2027-03-01","next_follow_up":"2028-03-01"}`,
	} {
		if got := dates(name); got != want {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
}

// fired runs a body and lists rule@field of all findings.
func firedOn(t *testing.T, svc *letters.Service, body []byte) []string {
	t.Helper()
	res, err := svc.Check(body)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range append(append([]letters.Finding{}, res.Errors...), res.Warnings...) {
		out = append(out, f.Rule+"@"+f.Field)
	}
	return out
}

func TestLifecycleRulesAtTheirBoundaries(t *testing.T) {
	svc := newService(t)
	upheld := testkit.Read(t, "reassessment-upheld.json")
	follow := testkit.Read(t, "follow_up.json")
	receipt := testkit.Read(t, "receipt.json")
	set := func(body []byte, path []string, v any) []byte {
		return changed(t, body, func(d map[string]any) {
			o := d
			for _, p := range path[:len(path)-1] {
				o = o[p].(map[string]any)
			}
			if v == nil {
				delete(o, path[len(path)-1])
			} else {
				o[path[len(path)-1]] = v
			}
		})
	}
	cases := []struct {
		name string
		body []byte
		want []string
	}{
		// complaint_late: the deadline of the decision of 20 November 2026 is 18 December.
		{"complaint on the deadline", set(upheld, []string{"complaint_received_date"}, "2026-12-18"), nil},
		{"complaint the day after the deadline", set(upheld, []string{"complaint_received_date"}, "2026-12-19"),
			[]string{"complaint_late@complaint_received_date"}},
		// reassessment_4_weeks: complaint 10 December 2026; day 28 is 7 January, day 29 is 8 January.
		{"reassessment on day 28", set(upheld, []string{"letter_date"}, "2027-01-07"), nil},
		{"reassessment on day 29", set(upheld, []string{"letter_date"}, "2027-01-08"), []string{"reassessment_4_weeks@letter_date"}},
		{"upheld without reasons", set(upheld, []string{"reasons"}, []any{}), []string{"refusal_reason@reasons"}},
		{"granted without reasons", set(testkit.Read(t, "reassessment-granted.json"), []string{"reasons"}, nil), nil},
		{"an outcome that does not exist", set(upheld, []string{"outcome"}, "rejected"), []string{"invalid_value@outcome"}},
		{"complaint before the decision", set(upheld, []string{"complaint_received_date"}, "2026-11-19"),
			[]string{"dates_order@complaint_received_date", "reassessment_4_weeks@letter_date"}},
		{"reassessment before the complaint", set(upheld, []string{"letter_date"}, "2026-12-09"),
			[]string{"dates_order@letter_date", "dates_order@hearing.sent_date", "dates_order@hearing.answer_date"}},
		// The embedded decision is checked as any decision, its fields prefixed.
		{"the decision breaks a rule", changed(t, upheld, func(d map[string]any) {
			d["decision"].(map[string]any)["granted"].([]any)[0].(map[string]any)["start_date"] = "2026-12-05"
			d["decision"].(map[string]any)["citizen"].(map[string]any)["nmae"] = "x"
		}), []string{"unknown_field@decision.citizen.nmae", "start_within_14_days@decision.granted[0].start_date"}},
		// follow_up_timing: start 1 December 2026, so not before 1 March 2027.
		{"meeting 3 months after the start", set(follow, []string{"meeting", "date"}, "2027-03-01"), nil},
		{"meeting before 3 months", set(follow, []string{"meeting", "date"}, "2027-02-28"), []string{"follow_up_timing@meeting.date"}},
		{"meeting before the letter", set(follow, []string{"meeting", "date"}, "2027-02-14"),
			[]string{"dates_order@meeting.date", "follow_up_timing@meeting.date"}},
		{"a time that is no time", set(follow, []string{"meeting", "time"}, "25:00"), []string{"invalid_format@meeting.time"}},
		{"receipt dated before the application", set(receipt, []string{"letter_date"}, "2026-10-01"), []string{"dates_order@application_received_date"}},
		{"receipt with a CPR of no date", set(receipt, []string{"citizen", "cpr"}, "310290-1235"), []string{"cpr_invalid@citizen.cpr"}},
		{"receipt by post without postal code", changed(t, receipt, func(d map[string]any) {
			d["delivery"] = "physical_post"
			d["citizen"].(map[string]any)["address"].(map[string]any)["postal_code"] = ""
		}), []string{"address_required@citizen.address.postal_code"}},
		{"receipt without what was applied for", set(receipt, []string{"applied_for"}, nil), []string{"required@applied_for"}},
	}
	for _, c := range cases {
		if got := firedOn(t, svc, c.body); !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

// Each file under testdata/letters/rules fires the warning it is named after and nothing else.
func TestLetterRuleFilesFireTheirRule(t *testing.T) {
	svc := newService(t)
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "letters", "rules", "*.json"))
	if len(files) < 3 {
		t.Fatalf("%d files", len(files))
	}
	for _, f := range files {
		body, _ := os.ReadFile(f)
		got := firedOn(t, svc, body)
		if code := strings.TrimSuffix(filepath.Base(f), ".json"); len(got) != 1 || !strings.HasPrefix(got[0], code+"@") {
			t.Errorf("%s: %v", f, got)
		}
	}
}

// A body without kind is a decision, exactly as one with "kind": "decision".
func TestABodyWithoutKindIsADecision(t *testing.T) {
	svc := newService(t)
	without := testkit.Read(t, "partly-granted.json")
	with := changed(t, without, func(d map[string]any) { d["kind"] = "decision" })
	a, b := render(t, svc, without), render(t, svc, with)
	if !bytes.Equal(a, b) {
		t.Error("a decision renders differently with and without kind")
	}
	if !strings.Contains(wordsOf(t, svc, without), "Afgørelse om aktivitets- og samværstilbud efter servicelovens § 104") {
		t.Error("not a decision letter")
	}
}
