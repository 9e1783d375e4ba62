// Package lix measures how hard a Danish text is to read: LIX (läsbarhetsindex, Björnsson), the
// measure Danish public bodies use, and its parts, words and sentences. It knows Danish
// punctuation, not letters or § 104.
//
// LIX = words per sentence + 100 × long words per word, where a long word has more than six
// letters. About 25 is easy (children's books), 35 plain, 45 average newspaper, 55 hard.
package lix

import (
	"strings"
	"unicode"
)

// LongWord is the number of letters a word must exceed to count as long.
const LongWord = 6

// Index is the LIX of text, 0 for a text without words.
func Index(text string) float64 {
	sentences := Sentences(text)
	words, long := 0, 0
	for _, s := range sentences {
		for _, w := range Words(s) {
			words++
			if letters(w) > LongWord {
				long++
			}
		}
	}
	if words == 0 {
		return 0
	}
	return float64(words)/float64(len(sentences)) + 100*float64(long)/float64(words)
}

// Words are the words of text: runs of letters and digits, a hyphen or an apostrophe inside a
// word kept ("samværs-tilbud" is one word); "18." and "§" are not words, "2026" is.
func Words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’')
	})
}

func letters(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// Sentences splits text into sentences. A sentence ends at ".", "!" or "?" followed by the
// end of the text, a line break, or a space and a capital letter, a digit or a quotation mark
// opening the next; so an ordinal such as "18. december", "kl. 10:00" or "fx." inside a
// sentence does not end it, and a blank line (a new paragraph) always does.
func Sentences(text string) []string {
	rs := []rune(text)
	var out []string
	start := 0
	flush := func(end int) {
		if s := strings.TrimSpace(string(rs[start:end])); len(Words(s)) > 0 {
			out = append(out, s)
		}
		start = end
	}
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '\n':
			if i+1 < len(rs) && rs[i+1] == '\n' {
				flush(i)
			}
		case '.', '!', '?':
			j := i + 1
			for j < len(rs) && strings.ContainsRune(`.!?"”»)`, rs[j]) {
				j++
			}
			if j >= len(rs) || rs[j] == '\n' {
				flush(j)
				i = j - 1
				continue
			}
			if rs[j] == ' ' && j+1 < len(rs) && (unicode.IsUpper(rs[j+1]) || strings.ContainsRune(`"“„«`, rs[j+1])) && !ordinal(rs[:i]) {
				flush(j)
				i = j - 1
			}
		}
	}
	flush(len(rs))
	return out
}

// ordinal reports whether the text before a full stop ends in a day or month number standing
// alone, as in "1. December" written with a capital: then the stop belongs to the number. A
// year ("… 2026. Derefter") has four digits and a time ("10:00.") a colon, which no ordinal has.
func ordinal(before []rune) bool {
	i := len(before) - 1
	for i >= 0 && unicode.IsDigit(before[i]) {
		i--
	}
	n := len(before) - 1 - i
	return n > 0 && n < 3 && (i < 0 || unicode.IsSpace(before[i]))
}
