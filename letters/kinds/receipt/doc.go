// Package receipt is the acknowledgement of an application (LIFECYCLE-LETTERS.md, "receipt"):
// its request type, rules, dates and letter.
package receipt
