// Package letters owns the letter kinds of a § 104 case: their request types, the rules of the
// quality standard, CPR and working-day arithmetic, and composition into the document model.
package letters
