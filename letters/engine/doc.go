// Package engine is what every letter kind shares: strict decoding of a request, the shape
// checks and findings, the rule machinery (LetterKind, Rule, Checker), composition into the
// document model from the Danish templates with each pack's wording layered on (Composer,
// wording), choosing the version of the standard a letter is checked under, and the parties of
// a letter (case, citizen, address, letterhead). It knows no kind and no municipality: the kinds
// under letters/kinds use it, letters registers them, and the packs (letters/standard) say
// what each municipality decided.
//
// # One reading of a body
//
// Service.CheckIn gets the bytes the server read within its size limit. peekHead checks them
// once (UTF-8, then JSON syntax with json.Valid, which stores nothing) and reads the top level
// for the kind, the standard and the kind's date. strictDecode then reads the body once, with
// the token reader of tokens.go, into the kind's request type, reporting values of the wrong
// JSON type and unknown names as it stores; nothing else decodes the body. The shape checks and
// the rules run on the decoded value, and the Result keeps it with the standard: Result.Compose
// and Result.ComposeDraft lay out the letter from what the check kept.
//
// # Nothing changes while rules run or a letter is composed
//
// The rule that runs is passed openly: RunRules makes one Checker for each rule, and the rule
// it reports for is fixed when it is made (Checker.forRule), so that no finding can be charged
// to another rule and no field is set by the loop. A letter inside a letter (a reassessment's
// decision) is checked through Checker.Child, whose findings' paths carry the child's name and
// go to the parent's letter; Checker.Nested tells a rule where it runs.
//
// A Composer's template data is fixed when it is made: Composer.With is another Composer of the
// same letter whose templates see other data (a view made for one entry of a list, or the new
// decision inside a reassessment), Composer.Nested one whose headings sit a level lower, and
// Composer.Say runs one template with data given in the call. The views the kinds build are not
// changed once composition has begun.
package engine
