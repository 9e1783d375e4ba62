package engine

import (
	"math"
	"strconv"
	"strings"

	"github.com/bronderslev/afgorelsesbreve/letters/lix"
)

// RulePlainLanguage (warning, klarsprog): a text the caseworker wrote into the decision has a
// sentence of more than PlainMaxWords words, or, with PlainMinSentences sentences or more, a
// LIX above PlainMaxLIX. It never blocks a letter; it tells the caseworker, beside the field,
// which sentence and why, and how to fix it.
const RulePlainLanguage = "plain_language"

// The thresholds of plain_language.
const (
	PlainMaxWords     = 25
	PlainMaxLIX       = 55
	PlainMinSentences = 3
)

// PlainLanguage reports one finding for a text: its first sentence that is too long, or else
// its LIX when that is too high.
func PlainLanguage(c *Checker, field, text string) {
	sentences := lix.Sentences(text)
	for _, s := range sentences {
		if n := len(lix.Words(s)); n > PlainMaxWords {
			c.Report(field, "long", map[string]any{"Start": firstWords(s, 6), "N": n, "Max": PlainMaxWords})
			return
		}
	}
	if len(sentences) >= PlainMinSentences {
		if x := lix.Index(text); x > PlainMaxLIX {
			c.Report(field, "lix", map[string]any{"LIX": strconv.Itoa(int(math.Round(x))), "Max": PlainMaxLIX})
		}
	}
}

// firstWords names a sentence by its first n words.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return strings.Join(f, " ")
	}
	return strings.Join(f[:n], " ") + " …"
}
