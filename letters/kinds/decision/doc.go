// Package decision is the decision on an application (DECISION-API-v1.md): its request type,
// the rules of the quality standard for it, the dates it states, and its letter. A reassessment's
// new decision is one of these too.
package decision
