// Package engine is what every letter kind shares: strict decoding of a request, the shape
// checks and findings, the rule machinery (LetterKind, Rule, Checker), composition into the
// document model from the Danish templates with each pack's wording layered on (Composer,
// wording), choosing the version of the standard a letter is checked under, and the parties of
// a letter (case, citizen, address, letterhead). It knows no kind and no municipality: the kinds
// under letters/kinds use it, letters registers them, and the packs (letters/standard) say
// what each municipality decided.
package engine
