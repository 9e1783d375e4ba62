package letters_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
)

// Dates that never lie (#20, points 5, 7 and 8): no date by which the citizen must act and no
// start date before the day the citizen receives the letter; hearing dates in order; close
// follow-up without a cadence; an offer that continues.

// letterText is the text of a letter's document model (Kort fortalt and body), one block a
// line, and its dates as JSON.
func letterText(t *testing.T, body []byte) (text, dates string) {
	t.Helper()
	svc := newService(t)
	res, err := svc.Check(body)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := res.Compose()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(res.Dates)
	return strings.Join(blockText(doc), "\n"), string(b)
}

func wantText(t *testing.T, name, text string, want, absent []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", name, w)
		}
	}
	for _, a := range absent {
		if strings.Contains(text, a) {
			t.Errorf("%s should not say %q", name, a)
		}
	}
}

func firedCodes(t *testing.T, body []byte) []string {
	t.Helper()
	return firedOn(t, newService(t), body)
}

// (a) An upheld reassessment sent after the law's day for sending the complaint on says it goes
// now, and sends new information straight to Ankestyrelsen; it prints no past date.
func TestUpheldReassessmentSentLate(t *testing.T) {
	upheld := testkit.Read(t, "reassessment-upheld")
	// Complaint 10 December 2026: to Ankestyrelsen by 7 January 2027.
	onTime, late := "Vi sender din klage og vores vurdering til Ankestyrelsen senest 7. januar 2027.",
		"Vi sender din klage og vores vurdering til Ankestyrelsen nu."
	for _, tt := range []struct {
		name, date, delivery string
		late                 bool
		forward              string
	}{
		{"Digital Post on the last day", "2027-01-07", "digital_post", false, "2027-01-07"},
		{"Digital Post the day after", "2027-01-08", "digital_post", true, "2027-01-08"},
		// Ordinary post: dated before the day, received (6 working days) after it.
		{"ordinary post, received after the day", "2027-01-05", "physical_post", true, "2027-01-07"},
	} {
		body := patch(t, upheld, map[string]any{"letter_date": tt.date, "decision.delivery": tt.delivery})
		text, dates := letterText(t, body)
		if !strings.Contains(dates, `"forward_to_ankestyrelsen":"`+tt.forward+`"`) {
			t.Errorf("%s: dates %s, want forward_to_ankestyrelsen %s", tt.name, dates, tt.forward)
		}
		if tt.late {
			wantText(t, tt.name, text, []string{late, "Hvis du har nye oplysninger, kan du sende dem direkte til Ankestyrelsen.",
				"Vi sender din klage til Ankestyrelsen nu."}, []string{"7. januar 2027", onTime})
		} else {
			wantText(t, tt.name, text, []string{onTime, "Hvis du har nye oplysninger, kan du sende dem til os senest 7. januar 2027."}, []string{late})
		}
	}
	text, dates := letterText(t, testkit.Read(t, "reassessment-upheld-late"))
	wantText(t, "reassessment-upheld-late", text, []string{late}, []string{"7. januar 2027"})
	if !strings.Contains(dates, `"reassessment_limit":"2027-01-07","forward_to_ankestyrelsen":"2027-01-20"`) {
		t.Errorf("reassessment-upheld-late: dates %s", dates)
	}
}

// (b) A start before the citizen has the letter (ordinary post: 6 working days) is a warning,
// and the letter says the offer can start as soon as the citizen has it; the follow-ups count
// from that day.
func TestStartBeforeReceipt(t *testing.T) {
	base := patch(t, testkit.Read(t, "partly-granted"), map[string]any{"delivery": "physical_post"})
	// Decision 20 November 2026 by ordinary post: received 30 November.
	for _, tt := range []struct {
		start string
		want  []string
	}{
		{"2026-11-30", nil},
		{"2026-11-29", []string{"start_before_receipt@granted[0].start_date"}},
		{"2026-11-20", []string{"start_before_receipt@granted[0].start_date"}},
		{"2026-11-19", []string{"start_within_14_days@granted[0].start_date"}},
	} {
		got := firedCodes(t, patch(t, base, map[string]any{"granted.0.start_date": tt.start}))
		if !slices.Equal(got, tt.want) {
			t.Errorf("start %s by post: %v, want %v", tt.start, got, tt.want)
		}
	}
	digital := patch(t, testkit.Read(t, "partly-granted"), map[string]any{"granted.0.start_date": "2026-11-20"})
	if got := firedCodes(t, digital); len(got) != 0 {
		t.Errorf("start on the decision day by Digital Post: %v", got)
	}

	text, dates := letterText(t, testkit.Read(t, "rules/start_before_receipt"))
	wantText(t, "start_before_receipt", text,
		[]string{"Du kan starte på Aktivitetscentret Solsikken, så snart du har fået brevet.", "Du starter\nSå snart du har fået dette brev",
			"Start\nSå snart du har fået dette brev"},
		[]string{"23. november 2026", "Du kan starte på Aktivitetscentret Solsikken 2"})
	if want := `"offers":[{"start":"2026-11-30","first_assessment":"2027-03-01","next_follow_up":"2028-02-28"}]`; !strings.Contains(dates, want) {
		t.Errorf("dates %s, want %s", dates, want)
	}
}

// (c), (d), (e) The hearing: in order (sent ≤ answered ≤ decision), a week to answer, and
// recorded on a first decision that refuses anything.
func TestHearingDates(t *testing.T) {
	partly := testkit.Read(t, "partly-granted") // decided 20 November 2026
	hearing := func(sent string, answered bool, answer string) []byte {
		h := map[string]any{"sent_date": sent, "answered": answered}
		if answer != "" {
			h["answer_date"] = answer
		}
		return patch(t, partly, map[string]any{"hearing": h})
	}
	upheld := testkit.Read(t, "reassessment-upheld") // dated 5 January 2027
	for _, tt := range []struct {
		name string
		body []byte
		want []string
	}{
		{"answered on the decision day", hearing("2026-11-19", true, "2026-11-20"), nil},
		{"answered the day after the decision", hearing("2026-11-10", true, "2026-11-21"), []string{"dates_order@hearing.answer_date"}},
		{"answered the day before it was sent", hearing("2026-11-10", true, "2026-11-09"), []string{"dates_order@hearing.answer_date"}},
		{"sent the day after the decision", hearing("2026-11-21", true, ""), []string{"dates_order@hearing.sent_date"}},
		{"not answered, sent 7 days before", hearing("2026-11-13", false, ""), nil},
		{"not answered, sent 6 days before", hearing("2026-11-14", false, ""), []string{"hearing_short@hearing.sent_date"}},
		{"answered, sent 6 days before", hearing("2026-11-14", true, "2026-11-16"), nil},
		{"refused without a hearing", patch(t, partly, map[string]any{"hearing": nil}), []string{"hearing_missing@hearing"}},
		{"granted in full without a hearing", testkit.Read(t, "granted"), nil},
		{"reassessment answered before it was sent", patch(t, upheld, map[string]any{"hearing.answer_date": "2026-12-14"}), []string{"dates_order@hearing.answer_date"}},
		{"reassessment answered after its letter", patch(t, upheld, map[string]any{"hearing.answer_date": "2027-01-06"}), []string{"dates_order@hearing.answer_date"}},
		{"reassessment, not answered, sent 6 days before", patch(t, upheld, map[string]any{"hearing": map[string]any{"sent_date": "2026-12-30", "answered": false}}),
			[]string{"hearing_short@hearing.sent_date"}},
		{"reassessment, not answered, sent 7 days before", patch(t, upheld, map[string]any{"hearing": map[string]any{"sent_date": "2026-12-29", "answered": false}}), nil},
		// The decision inside a reassessment is the reassessment's: its own hearing counts.
		{"reassessment's new decision without a hearing", testkit.Read(t, "reassessment-partly-granted"), nil},
	} {
		if got := firedCodes(t, tt.body); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// A hearing answered in time is no silence; a short one does not say the citizen did not answer.
	text, _ := letterText(t, testkit.Read(t, "rules/hearing_short"))
	wantText(t, "hearing_short", text, []string{"Vi traf afgørelsen, før du havde nået at svare. Vil du sige noget til oplysningerne, så kontakt os."},
		[]string{"Vi har ikke fået svar fra dig"})
	text, _ = letterText(t, hearing("2026-11-13", false, ""))
	wantText(t, "a week's hearing", text, []string{"Vi har ikke fået svar fra dig."}, []string{"før du havde nået at svare"})
}

// An invitation by ordinary post must reach the citizen before the meeting.
func TestMeetingAfterReceipt(t *testing.T) {
	// Letter 15 February 2027 by ordinary post: received Tuesday 23 February.
	post := patch(t, testkit.Read(t, "follow_up"), map[string]any{"delivery": "physical_post"})
	for _, tt := range []struct {
		meeting string
		want    []string
	}{
		{"2027-03-01", nil},
		{"2027-02-23", []string{"follow_up_timing@meeting.date"}},
		{"2027-02-22", []string{"dates_order@meeting.date", "follow_up_timing@meeting.date"}},
	} {
		if got := firedCodes(t, patch(t, post, map[string]any{"meeting.date": tt.meeting})); !slices.Equal(got, tt.want) {
			t.Errorf("meeting %s: %v, want %v", tt.meeting, got, tt.want)
		}
	}
}

// 7. Close follow-up for a development course, as the standard says it: the first after at
// least close_follow_up, and no cadence; a yearly follow-up's Kort fortalt names the first.
func TestCloseFollowUpHasNoCadence(t *testing.T) {
	text, dates := letterText(t, testkit.Read(t, "physical-post")) // speech training, start 1 December 2026
	wantText(t, "physical-post", text, []string{
		"Fordi du får et særligt taleundervisningsforløb, følger vi tæt op på Værestedet Lærkereden. Første gang efter 3 måneder, omkring 1. marts 2027.",
		"Her aftaler vi med dig, hvornår vi følger op næste gang.",
		"Vi følger tæt op, første gang omkring 1. marts 2027.",
	}, []string{"hver 3. måned", "næste gang omkring"})
	if strings.Contains(dates, "next_follow_up") || !strings.Contains(dates, `"first_assessment":"2027-03-01"`) {
		t.Errorf("physical-post dates %s: a first assessment and no next follow-up", dates)
	}

	text, _ = letterText(t, testkit.Read(t, "granted"))
	wantText(t, "granted", text, []string{"Vi følger op omkring 1. marts 2027 og derefter én gang om året."}, nil)

	text, dates = letterText(t, testkit.Read(t, "follow_up-course"))
	wantText(t, "follow_up-course", text, []string{"følger vi tæt op. Første gang er omkring 1. marts 2027, 3 måneder efter starten.",
		"På mødet aftaler vi, hvornår vi følger op igen."}, []string{"hver 3. måned", "Næste gang er omkring"})
	if strings.Contains(dates, "next_follow_up") {
		t.Errorf("follow_up-course dates %s: no next follow-up", dates)
	}
	// A course's first follow-up is close_follow_up after the start, not first_follow_up: a copy
	// of Eksempel Kommune's pack with close follow-up after 4 months, first after 2.
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "eksempel-sel104-2026-01"), os.DirFS(filepath.Join(testkit.Dir(), "standards", eksempel))); err != nil {
		t.Fatal(err)
	}
	packFile := filepath.Join(dir, "eksempel-sel104-2026-01", "standard.json")
	raw, _ := os.ReadFile(packFile)
	raw = []byte(strings.NewReplacer(`"id": "eksempel-sel104-2025-01"`, `"id": "eksempel-sel104-2026-01"`,
		`"valid_from": "2025-01-01"`, `"valid_from": "2026-01-01"`,
		`"close_follow_up": {"value": 2, "unit": "months"}`, `"close_follow_up": {"value": 4, "unit": "months"}`).Replace(string(raw)))
	if err := os.WriteFile(packFile, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	svc, err := letters.Open(letters.Config{Packs: os.DirFS(dir), PacksLabel: "tmp"})
	if err != nil {
		t.Fatal(err)
	}
	dated := func(body []byte) string {
		res, err := svc.Check(patch(t, body, map[string]any{"standard": "eksempel-sel104-2026-01"}))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(res.Dates)
		return string(b)
	}
	// Start 1 December 2026: close follow-up 1 April 2027, first follow-up 1 February.
	if got := dated(patch(t, testkit.Read(t, "granted"), map[string]any{"granted.0.development_course": "speech_training"})); !strings.Contains(got, `"first_assessment":"2027-04-01"}`) {
		t.Errorf("course under a close_follow_up of 4 months: %s", got)
	}
	if got := dated(testkit.Read(t, "follow_up-course")); !strings.Contains(got, `"first_assessment":"2027-04-01"`) || strings.Contains(got, "next_follow_up") {
		t.Errorf("follow-up letter of a course under a close_follow_up of 4 months: %s", got)
	}
}

// 8. An offer the citizen already attends continues: "Du fortsætter i …", no start rule, and the
// follow-ups count from the original start (the next one due when the first has passed).
func TestOfferThatContinues(t *testing.T) {
	text, dates := letterText(t, testkit.Read(t, "reassessment-partly-granted-continues"))
	wantText(t, "reassessment-partly-granted-continues", text, []string{
		"Du fortsætter i Aktivitetscentret Solsikken, hvor du har gået siden 1. december 2026.",
		"I tilbuddet siden\n1. december 2026", "Afgørelsen gælder fra\n11. januar 2027",
		"første gang omkring 1. marts 2027",
	}, []string{"Du starter", "Tilbuddet skal starte senest", "12. april 2027"})
	if want := `"offers":[{"start":"2026-12-01","first_assessment":"2027-03-01","next_follow_up":"2028-03-01"}]`; !strings.Contains(dates, want) || strings.Contains(dates, "start_limit") {
		t.Errorf("dates %s, want %s and no start_limit", dates, want)
	}

	// A decision for an offer attended since June: no start rule however late start_date is; the
	// first follow-up (1 September 2026) has passed, so the letter names the next one.
	partly := testkit.Read(t, "partly-granted") // decided 20 November 2026
	cont := patch(t, partly, map[string]any{"granted.0.continues_since": "2026-06-01", "granted.0.start_date": "2027-01-20"})
	if got := firedCodes(t, cont); len(got) != 0 {
		t.Errorf("continuing offer: %v", got)
	}
	text, dates = letterText(t, cont)
	wantText(t, "continuing decision", text, []string{
		"Du fortsætter i Aktivitetscentret Solsikken.",
		"Vi følger op én gang om året, næste gang omkring 1. september 2027.",
		"Næste opfølgning\nomkring 1. september 2027",
	}, []string{"Du kan starte", "1. september 2026", "Første opfølgning"})
	if want := `{"start":"2026-06-01","first_assessment":"2026-09-01","next_follow_up":"2027-09-01"}`; !strings.Contains(dates, want) {
		t.Errorf("dates %s, want %s", dates, want)
	}
	for _, tt := range []struct {
		name  string
		since string
		want  []string
	}{
		{"since the decision day", "2026-11-20", nil},
		{"since the day after the decision", "2026-11-21", []string{"dates_order@granted[0].continues_since"}},
	} {
		body := patch(t, partly, map[string]any{"granted.0.continues_since": tt.since})
		if got := firedCodes(t, body); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// A development course that continues, its first follow-up passed: close follow-up, no date.
	course := patch(t, cont, map[string]any{"granted.0.development_course": "speech_training"})
	text, dates = letterText(t, course)
	wantText(t, "continuing course", text, []string{"Vi følger fortsat tæt op.", "Vi aftaler hver gang med dig, hvornår vi følger op næste gang."},
		[]string{"Næste opfølgning", "Første opfølgning"})
	if strings.Contains(dates, "next_follow_up") {
		t.Errorf("continuing course: dates %s", dates)
	}
}
