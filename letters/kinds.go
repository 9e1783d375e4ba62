package letters

// Letter kinds. A new kind is one entry here, one composition function, one template folder
// (templates/<kind>/) and one example under testdata/; the server needs no change.
const (
	KindDecision     = "decision"
	KindReceipt      = "receipt"
	KindReassessment = "reassessment"
	KindFollowUp     = "follow_up"
)

var registry = []Kind{
	decisionKind,
	receiptKind,
	reassessmentKind,
	followUpKind,
}
