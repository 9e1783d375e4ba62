package letters

import (
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// Reassessment is the municipality's reassessment (genvurdering) after a complaint
// (LIFECYCLE-LETTERS.md, "kind": "reassessment"). Decision is the decision as it stands after
// the reassessment: the upheld one, or the new one.
type Reassessment struct {
	Kind                  string   `json:"kind"`
	LetterDate            string   `json:"letter_date" validate:"required,date"`
	ComplaintReceivedDate string   `json:"complaint_received_date" validate:"required,date"`
	OriginalDecisionDate  string   `json:"original_decision_date" validate:"required,date"`
	OriginalDelivery      string   `json:"original_delivery" validate:"required,enum=delivery"`
	Outcome               string   `json:"outcome" validate:"required,enum=outcome"`
	Reasons               []string `json:"reasons" validate:"dive,required"`
	Decision              Decision `json:"decision"`
	// Hearing records partshøring before the reassessment (warning hearing_missing without it
	// when the complaint is not fully granted).
	Hearing *Hearing `json:"hearing,omitempty"`

	facts reassessmentFacts
}

// The reassessment's warnings.
const (
	RuleComplaintLate      = "complaint_late"
	RuleReassessment4Weeks = "reassessment_4_weeks"
	// RuleHearingMissing (warning): an upheld or partly granted reassessment records no
	// partshøring (forvaltningsloven § 19).
	RuleHearingMissing      = "hearing_missing"
	OutcomeUpheld           = "upheld"
	reassessmentDecisionKey = "decision."
)

type reassessmentFacts struct {
	addressee
	complaint, original, originalDeadline, reassessBy, forwardBy, maintainBy time.Time
}

// ReassessmentDates are the dates a reassessment states; Decision holds the new decision's
// own dates when it grants anything.
type ReassessmentDates struct {
	LetterReceived            string         `json:"letter_received,omitempty"`
	OriginalComplaintDeadline string         `json:"original_complaint_deadline,omitempty"`
	ReassessmentLimit         string         `json:"reassessment_limit,omitempty"`
	ForwardToAnkestyrelsen    string         `json:"forward_to_ankestyrelsen,omitempty"`
	MaintainComplaintBy       string         `json:"maintain_complaint_by,omitempty"`
	Decision                  *DecisionDates `json:"decision,omitempty"`
}

var reassessmentKind = &letterKind[Reassessment]{
	name:    KindReassessment,
	prepare: prepareReassessment,
	nested: func(c *checker, r *Reassessment) {
		c.prefix = reassessmentDecisionKey
		decisionKind.runRules(c, &r.Decision)
		c.prefix = ""
	},
	rules: []rule[Reassessment]{
		{code: RuleRefusalReason, check: reassessmentReasons},
		{code: RuleDatesOrder, check: reassessmentDatesOrder},
		{code: RuleComplaintLate, warn: true, check: complaintLate},
		{code: RuleReassessment4Weeks, warn: true, check: reassessment4Weeks},
		{code: RulePlainLanguage, warn: true, check: reassessmentPlainLanguage},
		{code: RuleHearingMissing, warn: true, check: hearingMissing},
	},
	dates:   reassessmentDates,
	compose: composeReassessment,
}

// prepareReassessment: the original complaint deadline as the decision letter counted it; the
// reassessment is due 4 weeks after the complaint; an upheld decision goes to Ankestyrelsen by
// then; after a partly granted one, the citizen has 4 weeks from receiving this letter to say
// whether the complaint is maintained.
func prepareReassessment(std *Standard, r *Reassessment) {
	prepareDecision(std, &r.Decision)
	x := &r.facts
	x.addressee = prepareAddressee(std, r.LetterDate, r.Decision.Delivery, r.Decision.Citizen)
	x.complaint, x.original = parseDate(r.ComplaintReceivedDate), parseDate(r.OriginalDecisionDate)
	if !x.original.IsZero() {
		x.originalDeadline = workdays.DeadlineAfter(workdays.Received(x.original, r.OriginalDelivery == DeliveryPhysical, std.OrdinaryPostWorkingDays), std.ComplaintWeeks)
	}
	if !x.complaint.IsZero() {
		x.reassessBy = x.complaint.AddDate(0, 0, 7*std.ReassessmentWeeks)
		x.forwardBy = workdays.Next(x.reassessBy)
	}
	if !x.received.IsZero() {
		x.maintainBy = workdays.DeadlineAfter(x.received, std.MaintainComplaintWeeks)
	}
}

func reassessmentDates(r *Reassessment) any {
	x := &r.facts
	d := ReassessmentDates{LetterReceived: isoDate(x.received), OriginalComplaintDeadline: isoDate(x.originalDeadline),
		ReassessmentLimit: isoDate(x.reassessBy)}
	switch r.Outcome {
	case OutcomeUpheld:
		d.ForwardToAnkestyrelsen = isoDate(x.forwardBy)
	case OutcomePartlyGranted:
		d.MaintainComplaintBy = isoDate(x.maintainBy)
	}
	if r.Outcome != OutcomeUpheld {
		dd := r.Decision.facts.dates()
		d.Decision = &dd
	}
	return d
}

// refusal_reason: an upheld or partly granted reassessment must give its reasons.
func reassessmentReasons(c *checker, r *Reassessment) {
	if r.Outcome != OutcomeUpheld && r.Outcome != OutcomePartlyGranted {
		return
	}
	for _, s := range r.Reasons {
		if !blank(s) {
			return
		}
	}
	c.report("reasons", "reasons", nil)
}

// dates_order: a complaint before the decision it is about, or a reassessment before the
// complaint.
func reassessmentDatesOrder(c *checker, r *Reassessment) {
	x := &r.facts
	checkAfter(c, "complaint_received_date", "complaint", x.original, x.complaint)
	checkAfter(c, "letter_date", "reassessment", x.complaint, x.date)
}

// complaint_late (warning): the complaint came after the original decision's deadline. A late
// complaint may still be considered, so it is not an error.
func complaintLate(c *checker, r *Reassessment) {
	x := &r.facts
	if !x.complaint.IsZero() && !x.originalDeadline.IsZero() && x.complaint.After(x.originalDeadline) {
		c.report("complaint_received_date", "", map[string]any{"Deadline": x.originalDeadline})
	}
}

// reassessment_4_weeks (warning): the letter is dated more than 4 weeks after the complaint.
func reassessment4Weeks(c *checker, r *Reassessment) {
	x := &r.facts
	if !x.date.IsZero() && !x.reassessBy.IsZero() && x.date.After(x.reassessBy) {
		c.report("letter_date", "", map[string]any{"Limit": x.reassessBy})
	}
}

type reassessmentView struct {
	Std                                 *Standard
	Head                                Letterhead
	R                                   *Reassessment
	Complaint, Original, Forward, Maint time.Time
}

// composeReassessment: the outcome first, the reasons, then what happens next; a new decision
// (partly granted or granted) is rendered in full, with its own complaint guidance.
func composeReassessment(c *composer, r *Reassessment) {
	x := &r.facts
	head := x.head(c.std, r.Decision.Delivery, r.Decision.Case, r.Decision.Citizen)
	v := &reassessmentView{Std: c.std, Head: head, R: r, Complaint: x.complaint, Original: x.original,
		Forward: x.forwardBy, Maint: x.maintainBy}
	c.data = v
	c.letterhead(head, KindReassessment, r.Decision.DecisionID)
	c.heading(1, "reassessment.title")
	c.summary(KindReassessment)
	c.add(paragraphStrong(c.text("reassessment.result")))
	if len(r.Reasons) > 0 {
		c.heading(2, "reassessment.reasons.heading")
		c.paragraphs("reassessment.reasons.intro")
		c.add(document.List{Items: r.Reasons})
	}
	c.hearing(r.Hearing)
	if r.Outcome == OutcomeUpheld {
		c.heading(2, "reassessment.upheld.heading")
		c.paragraphs("reassessment.upheld.text")
		c.law()
		c.signature(head)
		return
	}
	dv := newDecisionView(c.std, &r.Decision)
	dv.Reassessed = r.Outcome
	c.data = dv
	c.heading(2, "reassessment.decision.heading")
	c.add(paragraphStrong(c.text("decision.result")))
	c.applied(dv)
	c.shift = 1 // the decision's sections sit under "Din nye afgørelse"
	var maintain func()
	if r.Outcome == OutcomePartlyGranted {
		maintain = func() {
			c.data = v
			c.heading(2, "reassessment.maintain.heading")
			c.paragraphs("reassessment.maintain.text")
			c.data = dv
		}
	}
	c.decisionBody(dv, maintain)
}

// hearing_missing (warning): a reassessment that does not give the citizen full medhold rests
// on an assessment the citizen should have been heard on; nothing records that they were.
func hearingMissing(c *checker, r *Reassessment) {
	if (r.Outcome == OutcomeUpheld || r.Outcome == OutcomePartlyGranted) && r.Hearing == nil {
		c.report("hearing", "", nil)
	}
}
