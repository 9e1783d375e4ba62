// Package letters owns the letter kinds of a § 104 case: their request types, the rules of the
// quality standard, and composition into the document model. CPR numbers (letters/cpr),
// working days (letters/workdays) and readability (letters/lix) are packages of their own.
package letters
