// Package reassessment is the reassessment after a complaint (LIFECYCLE-LETTERS.md,
// "reassessment"): upheld, partly granted or granted, with the new decision in full (package
// decision) and the route of the complaint.
package reassessment
