package letters_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
)

// silence matches a sentence about the citizen not answering.
var silence = regexp.MustCompile(`(?i)(ikke hører fra dig|hører vi ikke fra dig|ikke giver (os )?besked|svarer du ikke)`)

// dropped matches a sentence that says the complaint is not sent on or lapses.
var dropped = regexp.MustCompile(`(?i)(ikke (klagen|din klage|den) videre|sender vi ikke|bortfalder|trækker .* tilbage|opgiver)`)

// The tests of this file read the letters' words from the document model (testkit.Text), which
// TestTheModelsWordsAreThePDFs holds to the PDF.

// TestSilenceNeverWithdrawsAComplaint reads every example letter of every kind: no sentence may
// say or imply that a citizen who does not answer gives up a complaint (retssikkerhedsloven
// § 66: a complaint made in time stands until the citizen withdraws it).
func TestSilenceNeverWithdrawsAComplaint(t *testing.T) {
	svc := newService(t)
	examples := testkit.Letters(t)
	if len(examples) < 9 {
		t.Fatalf("found only %d examples", len(examples))
	}
	for _, e := range examples {
		f := e.Name
		text := wordsOf(t, svc, e.JSON)
		for _, s := range strings.SplitAfter(text, ". ") {
			if silence.MatchString(s) && dropped.MatchString(s) {
				t.Errorf("%s: silence ends the complaint: %q", f, s)
			}
		}
	}
}

// TestPartlyGrantedComplaintGoesOnUnlessWithdrawn: after partial medhold, the part not granted
// goes on to Ankestyrelsen when the citizen does nothing, and the letter says so plainly.
func TestPartlyGrantedComplaintGoesOnUnlessWithdrawn(t *testing.T) {
	svc := newService(t)
	text := wordsOf(t, svc, testkit.Read(t, "reassessment-partly-granted.json"))
	mustContain(t, "the letter", text,
		"Den del af din klage, som du ikke har fået medhold i, sender vi videre til Ankestyrelsen.",
		"Du behøver ikke selv at gøre noget.",
		"Hvis du ikke længere vil klage, skal du give os besked senest 2. februar 2027.",
		"Hører vi ikke fra dig, sender vi din klage og vores genvurdering til Ankestyrelsen inden for 14 dage efter den dato.")
}

// TestDecisionLettersDescribeTheSameRoute: the decision letters' account of a complaint says
// the same as the reassessment letters do about partial medhold.
func TestDecisionLettersDescribeTheSameRoute(t *testing.T) {
	svc := newService(t)
	text := wordsOf(t, svc, testkit.Read(t, "refused.json"))
	mustContain(t, "the letter", text,
		"Giver vi dig delvist ret, får du en ny afgørelse. Den del, vi ikke giver dig ret i, sender vi til Ankestyrelsen, medmindre du siger, at du ikke længere vil klage.")
}

// The sentences that carry legal weight (#15, points 2, 7-12), each in every letter it concerns.
func TestLettersStateTheCitizensRights(t *testing.T) {
	svc := newService(t)
	read := func(name string) string {
		return wordsOf(t, svc, testkit.Read(t, name))
	}
	for _, tt := range []struct {
		name         string
		want, absent []string
	}{
		{"granted", []string{
			// 8: how the complaint arrives
			"Hvis du klager med Digital Post, skal vi have klagen senest kl. 23.59 den dag.",
			"Hvis du sender et brev, skal det være nået frem til os den dag. Send det derfor i god tid.",
			// 11: a complaint does not stop the grant
			"Hvis du klager, beholder du det, du har fået, mens klagen bliver behandlet.",
			// 12: no health data by plain e-mail
			"fx med Digital Post eller et brev. Skriv ikke om dit helbred i en almindelig e-mail, for den er ikke sikker.",
			// 10: the legal basis of paid transport, from the standard's data
			"Kørslen er bevilget efter servicelovens § 105, stk. 2.",
		}, []string{"en e-mail eller Digital Post", "Har du fået brevet senere"}},
		{"refused", []string{
			// 9: the quality standard is guidance, not a rule
			"Kvalitetsstandarden er kommunens retningslinjer og ikke en lov. Vi har vurderet din situation konkret.",
			"Mens klagen bliver behandlet, gælder afgørelsen.",
		}, []string{"beholder du det, du har fået"}},
		{"physical-post", []string{
			// 7: ordinary post
			"Har du fået brevet senere, så sig det til os. Så får du længere tid til at klage.",
		}, nil},
		{"reassessment-upheld", []string{
			// 11: new information, with a date, and straight to Ankestyrelsen after it
			"Hvis du har nye oplysninger, kan du sende dem til os senest 7. januar 2027. Så sender vi dem med.",
			"Derefter kan du sende dem direkte til Ankestyrelsen.",
		}, nil},
		{"reassessment-granted", []string{
			// 11: the complaint is closed
			"Din klage er dermed afsluttet.",
		}, []string{"Det sker med resten af din klage"}},
		{"reassessment-partly-granted", []string{
			// 2: one date per action, each named for what it is for
			"Sådan klager du over den nye afgørelse",
			"Den del af din klage, som du ikke fik medhold i, sender vi videre. Den skal du ikke klage over igen.",
			"Er du uenig i noget andet i den nye afgørelse, kan du klage over det.",
		}, nil},
	} {
		text := pdftext.Flat(read(tt.name))
		for _, w := range tt.want {
			if !strings.Contains(text, pdftext.Flat(w)) {
				t.Errorf("%s lacks %q", tt.name, w)
			}
		}
		for _, a := range tt.absent {
			if strings.Contains(text, a) {
				t.Errorf("%s should not say %q", tt.name, a)
			}
		}
	}
}

// applied_for_missing and hearing_missing at their boundaries, and the sentences they lead to.
func TestAppliedForAndHearing(t *testing.T) {
	svc := newService(t)
	granted, upheld := testkit.Read(t, "granted"), testkit.Read(t, "reassessment-upheld")
	partly, regranted := testkit.Read(t, "reassessment-partly-granted"), testkit.Read(t, "reassessment-granted")
	del := func(body []byte, path ...string) []byte {
		return changed(t, body, func(d map[string]any) {
			o := d
			for _, p := range path[:len(path)-1] {
				o = o[p].(map[string]any)
			}
			delete(o, path[len(path)-1])
		})
	}
	blank := changed(t, granted, func(d map[string]any) { d["applied_for"] = "  " })
	for _, tt := range []struct {
		name string
		body []byte
		want []string
	}{
		{"decision with applied_for", granted, nil},
		{"decision without applied_for", del(granted, "applied_for"), []string{"applied_for_missing@applied_for"}},
		{"decision with a blank applied_for", blank, []string{"applied_for_missing@applied_for"}},
		{"reassessment's decision without applied_for", del(partly, "decision", "applied_for"), []string{"applied_for_missing@decision.applied_for"}},
		{"upheld with a hearing", upheld, nil},
		{"upheld without a hearing", del(upheld, "hearing"), []string{"hearing_missing@hearing"}},
		{"partly granted without a hearing", del(partly, "hearing"), []string{"hearing_missing@hearing"}},
		{"fully granted without a hearing", regranted, nil},
	} {
		if got := firedOn(t, svc, tt.body); strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: fired %v, want %v", tt.name, got, tt.want)
		}
	}
	for name, want := range map[string]string{
		"granted":                     "Du har søgt om: Et aktivitets- og samværstilbud efter servicelovens § 104.",
		"reassessment-upheld":         "Vi sendte dig de oplysninger, vi har lagt vægt på, 21. december 2026, så du kunne sige din mening, før vi besluttede noget. Vi fik dit svar 28. december 2026, og det har vi taget med i vurderingen.",
		"reassessment-partly-granted": "Vi har ikke fået svar fra dig.",
	} {
		if text := wordsOf(t, svc, testkit.Read(t, name)); !strings.Contains(text, pdftext.Flat(want)) {
			t.Errorf("%s lacks %q", name, want)
		}
	}
}

// A fact that a refusal rests on and the assessment also lists is printed once (#15, point 5).
func TestNoFactIsPrintedTwice(t *testing.T) {
	svc := newService(t)
	fact := "Du går på en ungdomsuddannelse tre dage om ugen."
	body := changed(t, testkit.Read(t, "refused"), func(d map[string]any) {
		a := d["assessment"].(map[string]any)
		a["facts"] = append(a["facts"].([]any), fact)
	})
	if n := strings.Count(wordsOf(t, svc, body), fact); n != 1 {
		t.Errorf("the fact is printed %d times", n)
	}
}
