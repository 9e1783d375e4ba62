// Package engine is what every letter kind shares: strict decoding of a request, the shape
// checks and findings, the rule machinery (LetterKind, Rule, Checker), composition into the
// document model from the Danish templates (Composer, wording), the quality standard's numbers,
// and the parties of a letter (case, citizen, address, letterhead). It knows no kind: the kinds
// under letters/kinds use it, and letters registers them.
package engine
