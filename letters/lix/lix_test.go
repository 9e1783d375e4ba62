package lix

import (
	"math"
	"reflect"
	"testing"
)

func TestSentencesKeepDatesAndTimesWhole(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Du kan starte 1. december 2026. Vi følger op hver 3. måned.", []string{"Du kan starte 1. december 2026.", "Vi følger op hver 3. måned."}},
		{"Mødet er 1. marts 2027 kl. 10:00. Ring til os!", []string{"Mødet er 1. marts 2027 kl. 10:00.", "Ring til os!"}},
		{"Er du uenig? Så kan du klage.\n\nVi hjælper dig", []string{"Er du uenig?", "Så kan du klage.", "Vi hjælper dig"}},
		{"Se serviceloven § 104. Den siger, at du kan få hjælp.", []string{"Se serviceloven § 104.", "Den siger, at du kan få hjælp."}},
		{"Startdatoen er 18. December.", []string{"Startdatoen er 18. December."}},
		{"", nil},
	} {
		if got := Sentences(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Sentences(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// LIX on sentences counted by hand.
func TestIndexOnHandCountedDanish(t *testing.T) {
	for _, tt := range []struct {
		text string
		want float64 // words/sentences + 100*long/words
	}{
		// 6 words, 1 sentence, long: "aktivitetstilbud" (16) → 6 + 100/6
		{"Du får et aktivitetstilbud hos os.", 6 + 100.0/6},
		// 4 + 4 = 8 words ("18" is one), 2 sentences; long: "klagefristen" (12), "december" (8)
		{"Du kan klage nu. Klagefristen er 18. december.", 8.0/2 + 200.0/8},
		// 1 sentence of 8 words, none longer than six letters ("samvær" has six) → 8
		{"Du kan gå i et tilbud om samvær.", 8},
		// hyphenated words are one word: "aktivitets-" "og" "samværstilbud" → 3 words, 2 long
		{"Aktivitets- og samværstilbud.", 3 + 200.0/3},
		{"", 0},
	} {
		if got := Index(tt.text); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Index(%q) = %.3f, want %.3f", tt.text, got, tt.want)
		}
	}
}
