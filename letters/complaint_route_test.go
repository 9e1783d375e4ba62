package letters_test

import (
	"os"
	"path/filepath"
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

// TestSilenceNeverWithdrawsAComplaint reads every example letter of every kind: no sentence may
// say or imply that a citizen who does not answer gives up a complaint (retssikkerhedsloven
// § 66: a complaint made in time stands until the citizen withdraws it).
func TestSilenceNeverWithdrawsAComplaint(t *testing.T) {
	svc := newService(t)
	var files []string
	for _, dir := range []string{"decisions", "letters"} {
		m, _ := filepath.Glob(filepath.Join("..", "testdata", dir, "*.json"))
		files = append(files, m...)
	}
	if len(files) < 9 {
		t.Fatalf("found only %d examples", len(files))
	}
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := pdftext.Flat(pdftext.Go(t, render(t, svc, body)))
		for _, s := range strings.SplitAfter(text, ". ") {
			if silence.MatchString(s) && dropped.MatchString(s) {
				t.Errorf("%s: silence ends the complaint: %q", filepath.Base(f), s)
			}
		}
	}
}

// TestPartlyGrantedComplaintGoesOnUnlessWithdrawn: after partial medhold, the part not granted
// goes on to Ankestyrelsen when the citizen does nothing, and the letter says so plainly.
func TestPartlyGrantedComplaintGoesOnUnlessWithdrawn(t *testing.T) {
	svc := newService(t)
	pdf := render(t, svc, testkit.Read(t, "reassessment-partly-granted.json"))
	for reader, text := range testkit.Texts(t, pdf) {
		mustContain(t, reader, text,
			"Den del af din klage, som du ikke har fået medhold i, sender vi videre til Ankestyrelsen.",
			"Du behøver ikke selv at gøre noget.",
			"Hvis du ikke længere vil klage, skal du give os besked senest 2. februar 2027.",
			"Hører vi ikke fra dig, sender vi din klage og vores genvurdering til Ankestyrelsen inden for 14 dage efter den dato.")
	}
}

// TestDecisionLettersDescribeTheSameRoute: the decision letters' account of a complaint says
// the same as the reassessment letters do about partial medhold.
func TestDecisionLettersDescribeTheSameRoute(t *testing.T) {
	svc := newService(t)
	pdf := render(t, svc, testkit.Read(t, "refused.json"))
	for reader, text := range testkit.Texts(t, pdf) {
		mustContain(t, reader, text,
			"Giver vi dig delvist ret, får du en ny afgørelse. Den del, vi ikke giver dig ret i, sender vi til Ankestyrelsen, medmindre du siger, at du ikke længere vil klage.")
	}
}
