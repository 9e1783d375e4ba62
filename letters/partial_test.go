package letters_test

import (
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/reassessment"
	"slices"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/lix"
)

// composed is a body's document model, the draft when it breaks a rule, and its "Kort fortalt"
// lines apart from the rest of the letter.
func composed(t *testing.T, svc *letters.Service, body []byte) (short, rest []string, res *letters.Result) {
	t.Helper()
	res, err := svc.Check(body)
	if err != nil {
		t.Fatal(err)
	}
	var doc *document.Document
	if res.Valid() {
		doc, err = res.Compose()
	} else {
		doc, err = res.ComposeDraft()
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range doc.Body {
		if n, ok := b.(document.Notice); ok && n.Title == "Kort fortalt" {
			short = n.Lines
			continue
		}
		rest = append(rest, blockText(&document.Document{Body: []document.Block{b}})...)
	}
	if len(short) == 0 {
		t.Fatal("no Kort fortalt")
	}
	// Kort fortalt stays within its limits in every variant (see TestEveryLetterOpensWithKortFortalt).
	text := strings.Join(short, "\n\n")
	if n := len(lix.Sentences(text)); n < 3 || n > 6 || lix.Index(text) > 25 {
		t.Errorf("Kort fortalt: %d sentences, LIX %.1f: %q", n, lix.Index(text), short)
	}
	for _, s := range lix.Sentences(text) {
		if len(lix.Words(s)) > 15 {
			t.Errorf("Kort fortalt: a sentence over 15 words: %q", s)
		}
	}
	return short, rest, res
}

func has(lines []string, s string) bool {
	return slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, s) })
}

// #20, point 2: applied for a full place five days a week, granted a half place on two days.
// With nothing refused, the letter said "Du får det, du har søgt om"; now the decision is refused
// until the rest is refused with reasons, and the letter then says what is refused.
func TestASmallerGrantIsAPartialRefusal(t *testing.T) {
	svc := newService(t)
	short, _, res := composed(t, svc, testkit.Read(t, "rules/partial_refusal_missing"))
	if got := firedOn(t, svc, testkit.Read(t, "rules/partial_refusal_missing")); !slices.Equal(got, []string{"partial_refusal_missing@refused"}) || res.Valid() {
		t.Errorf("nothing refused: fired %v, valid %v; want the error partial_refusal_missing", got, res.Valid())
	}
	if has(short, "Du får det, du har søgt om") || !has(short, "Du får en del af det, du har søgt om") {
		t.Errorf("the draft reads as a full grant: %q", short)
	}

	short, rest, res := composed(t, svc, testkit.Read(t, "smaller-grant"))
	if !res.Valid() || len(res.Warnings) > 0 {
		t.Fatalf("smaller-grant: %v %v", res.Errors, res.Warnings)
	}
	for _, w := range []string{"Du får en del af det, du har søgt om.", "Du får afslag på: Hel plads fem dage om ugen.", "Er du uenig, skal vi have din klage senest 18. december 2026."} {
		if !has(short, w) {
			t.Errorf("Kort fortalt lacks %q: %q", w, short)
		}
	}
	for _, w := range []string{
		"Du får en del af det, du har søgt om: et aktivitets- og samværstilbud på Aktivitetscentret Solsikken. Du får afslag på: Hel plads fem dage om ugen.",
		"Du har søgt om: Et aktivitets- og samværstilbud efter servicelovens § 104 (hel plads, 5 dage om ugen).",
		"Det får du afslag på", "Sådan klager du",
	} {
		if !has(rest, w) {
			t.Errorf("the letter lacks %q", w)
		}
	}
	if has(append(short, rest...), "Du får det, du har søgt om") {
		t.Error("a smaller grant reads as a full grant")
	}
	// The applied extent alone, without applied_for, is what was applied for.
	body := changed(t, testkit.Read(t, "smaller-grant"), func(d map[string]any) {
		delete(d, "applied_for")
		d["applied_extent"] = map[string]any{"form": "group", "place": "full", "weekdays": []any{"monday"}}
	})
	if _, rest, _ := composed(t, svc, body); !has(rest, "Du har søgt om: et gruppetilbud, hel plads, 1 dag om ugen.") {
		t.Errorf("the extent alone: %q", rest)
	}
}

// #20, point 3: a reassessment matches its new decision. Partly granted needs something refused;
// whenever the new decision refuses anything, Kort fortalt says the citizen can complain about
// it and by when, and the complaint is "afsluttet" only when nothing is left to complain about.
func TestReassessmentMatchesItsNewDecision(t *testing.T) {
	svc := newService(t)
	partly, regranted := testkit.Read(t, "reassessment-partly-granted"), testkit.Read(t, "reassessment-granted")
	withRefusal := testkit.Read(t, "reassessment-granted-with-refusal")
	for _, tt := range []struct {
		name string
		body []byte
		want []string
	}{
		{"partly granted, one refusal", partly, nil},
		{"partly granted, nothing refused", changed(t, partly, func(d map[string]any) { d["decision"].(map[string]any)["refused"] = []any{} }),
			[]string{"outcome_inconsistent@outcome"}},
		{"granted, nothing refused", regranted, nil},
		{"granted, something refused", withRefusal, nil},
		{"upheld of a full grant", changed(t, testkit.Read(t, "reassessment-upheld"), func(d map[string]any) {
			d["decision"].(map[string]any)["refused"] = []any{}
		}), nil},
	} {
		if got := firedOn(t, svc, tt.body); !slices.Equal(got, tt.want) {
			t.Errorf("%s: fired %v, want %v", tt.name, got, tt.want)
		}
	}
	complain := "klage over den nye afgørelse senest 2. februar 2027."
	closed := "Din klage er dermed afsluttet."
	for _, tt := range []struct {
		name                   string
		body                   []byte
		complain, closed, both bool
	}{
		{"reassessment-partly-granted", partly, true, false, false},
		{"reassessment-granted", regranted, false, true, false},
		{"reassessment-granted-with-refusal", withRefusal, true, false, false},
	} {
		short, rest, _ := composed(t, svc, tt.body)
		if has(short, complain) != tt.complain {
			t.Errorf("%s: Kort fortalt says %q: %v, want %v (%q)", tt.name, complain, !tt.complain, tt.complain, short)
		}
		if has(rest, closed) != tt.closed {
			t.Errorf("%s: the letter says %q: %v, want %v", tt.name, closed, !tt.closed, tt.closed)
		}
	}
	if _, rest, _ := composed(t, svc, withRefusal); !has(rest, "Du får afslag på: Kørsel til og fra tilbuddet.") || !has(rest, "Sådan klager du over den nye afgørelse") {
		t.Errorf("granted with a refusal: the new decision's refusal and complaint guidance are missing")
	}
}

// #20, point 4: a complaint received after the deadline, on an upheld or partly granted
// reassessment: the letter gives both dates, says Ankestyrelsen decides whether it can be
// treated, and asks the citizen why it came late.
func TestALateComplaintIsToldToTheCitizen(t *testing.T) {
	svc := newService(t)
	upheld := testkit.Read(t, "reassessment-upheld")
	at := func(body []byte, received string) []byte {
		return changed(t, body, func(d map[string]any) { d["complaint_received_date"] = received })
	}
	for _, tt := range []struct {
		name      string
		body      []byte
		late      bool
		received  string
		forwarded string
	}{
		{"partly granted, 3 days late", testkit.Read(t, "reassessment-late-complaint"), true, "21. december 2026", "den del af klagen, som vi sender videre,"},
		{"upheld, a day late", testkit.Read(t, "rules/complaint_late"), true, "19. december 2026", "klagen"},
		{"upheld, on the deadline", at(upheld, "2026-12-18"), false, "", ""},
		{"granted, a day late", at(testkit.Read(t, "reassessment-granted"), "2026-12-19"), false, "", ""},
	} {
		short, rest, res := composed(t, svc, tt.body)
		if warned := slices.ContainsFunc(res.Warnings, func(f letters.Finding) bool { return f.Rule == reassessment.RuleComplaintLate }); warned != (tt.late || strings.HasPrefix(tt.name, "granted")) {
			t.Errorf("%s: complaint_late fired: %v", tt.name, warned)
		}
		want := []string{
			"Din klage kom efter fristen",
			"Vi fik din klage " + tt.received + ". Fristen for at klage over afgørelsen var 18. december 2026. Din klage kom altså efter fristen.",
			"Det er Ankestyrelsen, der afgør, om " + tt.forwarded + " alligevel kan behandles.",
			"Fortæl os, hvorfor din klage kom for sent.",
		}
		for _, w := range want {
			if has(rest, w) != tt.late {
				t.Errorf("%s: the letter says %q: %v, want %v", tt.name, w, !tt.late, tt.late)
			}
		}
		// Asked to say why, the citizen is not told in the same letter that nothing is needed.
		if tt.late && has(rest, "Du behøver ikke selv at gøre noget.") {
			t.Errorf("%s: asks why the complaint came late and says nothing is needed", tt.name)
		}
		if has(short, "Din klage kom for sent") != tt.late {
			t.Errorf("%s: Kort fortalt: %q", tt.name, short)
		}
	}
}
