// Package followup is the invitation to follow up a granted offer (LIFECYCLE-LETTERS.md,
// "follow_up"): its request type, rules, dates and letter.
package followup
