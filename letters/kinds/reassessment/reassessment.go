package reassessment

import (
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// Name is the kind's name in a request ("kind").
const Name = "reassessment"

// Reassessment is the municipality's reassessment (genvurdering) after a complaint
// (LIFECYCLE-LETTERS.md, "kind": "reassessment"). Decision is the decision as it stands after
// the reassessment: the upheld one, or the new one.
type Reassessment struct {
	engine.Envelope
	LetterDate            string            `json:"letter_date" validate:"required,date"`
	ComplaintReceivedDate string            `json:"complaint_received_date" validate:"required,date"`
	OriginalDecisionDate  string            `json:"original_decision_date" validate:"required,date"`
	OriginalDelivery      string            `json:"original_delivery" validate:"required,enum=delivery"`
	Outcome               string            `json:"outcome" validate:"required,enum=outcome"`
	Reasons               []string          `json:"reasons" validate:"dive,required"`
	Decision              decision.Decision `json:"decision"`
	// Hearing records partshøring before the reassessment (warning hearing_missing without it
	// when the complaint is not fully granted).
	Hearing *decision.Hearing `json:"hearing,omitempty"`

	facts reassessmentFacts
}

// The reassessment's warnings.
const (
	RuleComplaintLate      = "complaint_late"
	RuleReassessment4Weeks = "reassessment_4_weeks"
	// RuleHearingMissing (warning): an upheld or partly granted reassessment records no
	// partshøring (forvaltningsloven § 19).
	RuleHearingMissing      = decision.RuleHearingMissing
	OutcomeUpheld           = "upheld"
	reassessmentDecisionKey = "decision"
)

// RuleOutcomeInconsistent (error): a partly granted reassessment whose new decision refuses
// nothing: the part not granted has no reasons and nothing goes on to Ankestyrelsen.
const RuleOutcomeInconsistent = "outcome_inconsistent"

type reassessmentFacts struct {
	engine.Addressee
	complaint, original, originalDeadline, originalReceived, reassessBy, forwardBy, maintainBy time.Time
	// forwardLate: the law's day to send an upheld complaint on to Ankestyrelsen lies before
	// the citizen receives this letter, so the letter says it goes now and prints no date.
	forwardLate bool
}

// ReassessmentDates are the dates a reassessment states; Decision holds the new decision's
// own dates when it grants anything.
type ReassessmentDates struct {
	LetterReceived            string                  `json:"letter_received,omitempty"`
	OriginalComplaintDeadline string                  `json:"original_complaint_deadline,omitempty"`
	ReassessmentLimit         string                  `json:"reassessment_limit,omitempty"`
	ForwardToAnkestyrelsen    string                  `json:"forward_to_ankestyrelsen,omitempty"`
	MaintainComplaintBy       string                  `json:"maintain_complaint_by,omitempty"`
	Decision                  *decision.DecisionDates `json:"decision,omitempty"`
}

var Kind = &engine.LetterKind[Reassessment]{
	Name:      Name,
	DateField: "letter_date",
	Prepare:   prepareReassessment,
	API:       api,
	Nested: func(c *engine.Checker, r *Reassessment) {
		decision.Kind.RunRules(c.Child(reassessmentDecisionKey), &r.Decision)
	},
	Rules: []engine.Rule[Reassessment]{
		{Code: decision.RuleRefusalReason, Basis: engine.BasisLaw, Check: reassessmentReasons},
		{Code: engine.RuleDatesOrder, Basis: engine.BasisLaw, Check: reassessmentDatesOrder},
		{Code: RuleOutcomeInconsistent, Basis: engine.BasisLaw, Check: outcomeInconsistent},
		{Code: RuleComplaintLate, Basis: engine.BasisLaw, Warn: true, Check: complaintLate},
		{Code: RuleReassessment4Weeks, Basis: engine.BasisLaw, Warn: true, Check: reassessment4Weeks},
		{Code: engine.RulePlainLanguage, Basis: engine.BasisLaw, Warn: true, Check: reassessmentPlainLanguage},
		{Code: RuleHearingMissing, Basis: engine.BasisLaw, Warn: true, Check: hearingMissing},
		{Code: decision.RuleHearingShort, Basis: engine.BasisLaw, Warn: true, Check: hearingShort},
	},
	Dates:   reassessmentDates,
	Compose: composeReassessment,
}

// prepareReassessment: the original complaint deadline as the decision letter counted it; the
// reassessment is due 4 weeks after the complaint; an upheld decision goes to Ankestyrelsen by
// then; after a partly granted one, the citizen has 4 weeks from receiving this letter to say
// whether the complaint is maintained.
func prepareReassessment(std *engine.Standard, r *Reassessment) {
	decision.Prepare(std, &r.Decision)
	x := &r.facts
	x.Addressee = engine.PrepareAddressee(std, r.LetterDate, r.Decision.Delivery, r.Decision.Citizen)
	x.complaint, x.original = engine.ParseDate(r.ComplaintReceivedDate), engine.ParseDate(r.OriginalDecisionDate)
	if !x.original.IsZero() {
		x.originalReceived = workdays.Received(x.original, r.OriginalDelivery == engine.DeliveryPhysical, std.OrdinaryPostWorkingDays)
		x.originalDeadline = workdays.DeadlineAfter(x.originalReceived, std.ComplaintWeeks)
	}
	if !x.complaint.IsZero() {
		x.reassessBy = x.complaint.AddDate(0, 0, 7*std.ReassessmentWeeks)
		x.forwardBy = workdays.Next(x.reassessBy)
	}
	if !x.Received.IsZero() {
		x.maintainBy = workdays.DeadlineAfter(x.Received, std.MaintainComplaintWeeks)
		x.forwardLate = !x.forwardBy.IsZero() && x.forwardBy.Before(x.Received)
	}
}

// forwardDay is the day an upheld complaint goes to Ankestyrelsen: the law's day, or the
// letter's date when that day has passed (sent late, it goes now).
func (x *reassessmentFacts) forwardDay() time.Time {
	if !x.Date.IsZero() && x.forwardBy.Before(x.Date) {
		return x.Date
	}
	return x.forwardBy
}

func reassessmentDates(r *Reassessment) any {
	x := &r.facts
	d := ReassessmentDates{LetterReceived: engine.ISODate(x.Received), OriginalComplaintDeadline: engine.ISODate(x.originalDeadline),
		ReassessmentLimit: engine.ISODate(x.reassessBy)}
	switch r.Outcome {
	case OutcomeUpheld:
		d.ForwardToAnkestyrelsen = engine.ISODate(x.forwardDay())
	case decision.OutcomePartlyGranted:
		d.MaintainComplaintBy = engine.ISODate(x.maintainBy)
	}
	if r.Outcome != OutcomeUpheld {
		dd := decision.DatesOf(&r.Decision)
		d.Decision = &dd
	}
	return d
}

// refusal_reason: an upheld or partly granted reassessment must give its reasons.
func reassessmentReasons(c *engine.Checker, r *Reassessment) {
	if r.Outcome != OutcomeUpheld && r.Outcome != decision.OutcomePartlyGranted {
		return
	}
	for _, s := range r.Reasons {
		if !engine.Blank(s) {
			return
		}
	}
	c.Report("reasons", "reasons", nil)
}

// dates_order: a complaint before the decision it is about, or a reassessment before the
// complaint.
func reassessmentDatesOrder(c *engine.Checker, r *Reassessment) {
	x := &r.facts
	engine.CheckAfter(c, "complaint_received_date", "complaint", x.original, x.complaint)
	engine.CheckAfter(c, "letter_date", "reassessment", x.complaint, x.Date)
	decision.CheckHearingOrder(c, r.Hearing, x.Date)
	if r.Hearing != nil { // the hearing of a reassessment is about the complaint: it comes after it
		engine.CheckAfter(c, "hearing.sent_date", "hearing_before_complaint", x.complaint, engine.ParseDate(r.Hearing.SentDate))
	}
}

// hearing_short (warning): the citizen was heard before the reassessment, has not answered,
// and the letter came less than a week after the hearing was sent.
func hearingShort(c *engine.Checker, r *Reassessment) {
	if decision.HearingShort(r.Hearing, r.facts.Date) {
		c.Report("hearing.sent_date", "", map[string]any{"Sent": engine.ParseDate(r.Hearing.SentDate), "Days": decision.HearingDays})
	}
}

// complaint_late (warning): the complaint came after the original decision's deadline. A late
// complaint may still be considered, so it is not an error; an upheld or partly granted
// reassessment tells the citizen (reassessment.late.text).
func complaintLate(c *engine.Checker, r *Reassessment) {
	if x := &r.facts; late(x) {
		c.Report("complaint_received_date", "", map[string]any{"Deadline": x.originalDeadline})
	}
}

// late reports whether the complaint came after the original decision's complaint deadline.
func late(x *reassessmentFacts) bool {
	return !x.complaint.IsZero() && !x.originalDeadline.IsZero() && x.complaint.After(x.originalDeadline)
}

// outcome_inconsistent: a partly granted reassessment whose new decision refuses nothing. The
// part of the complaint not granted needs reasons (forvaltningsloven §§ 22 and 24) and is what
// goes on to Ankestyrelsen; without a refused item there is neither.
func outcomeInconsistent(c *engine.Checker, r *Reassessment) {
	if r.Outcome == decision.OutcomePartlyGranted && len(r.Decision.Refused) == 0 {
		c.Report("outcome", "", nil)
	}
}

// reassessment_4_weeks (warning): the letter is dated more than 4 weeks after the complaint.
func reassessment4Weeks(c *engine.Checker, r *Reassessment) {
	x := &r.facts
	if !x.Date.IsZero() && !x.reassessBy.IsZero() && x.Date.After(x.reassessBy) {
		c.Report("letter_date", "", map[string]any{"Limit": x.reassessBy})
	}
}

type reassessmentView struct {
	Std                                 *engine.Standard
	Head                                engine.Letterhead
	R                                   *Reassessment
	Complaint, Original, Forward, Maint time.Time
	// Late: the complaint came after Deadline, the original decision's complaint deadline, and
	// goes on to Ankestyrelsen (upheld or partly granted), which decides whether it can be
	// treated.
	Late     bool
	Deadline time.Time
	// OriginalReceived: the day the original decision counts as received (the deadline counts
	// from it; a citizen who got it later may still be in time).
	OriginalReceived time.Time
	// NewRefuses: the new decision (partly granted or granted) refuses something, so the
	// citizen can complain about it by NewDeadline; Closed: nothing is left to complain about.
	NewRefuses, Closed bool
	NewDeadline        time.Time
	// ForwardLate: the law's day to send the complaint on has passed when the citizen gets
	// the letter; it goes now.
	ForwardLate bool
}

// composeReassessment: the outcome first, the reasons, then what happens next; a new decision
// (partly granted or granted) is rendered in full, with its own complaint guidance.
func composeReassessment(cp *engine.Composer, r *Reassessment) {
	x := &r.facts
	head := x.Head(cp.Std, r.Decision.Delivery, r.Decision.Case, r.Decision.Citizen)
	dv := decision.NewView(cp.Std, &r.Decision)
	dv.Reassessed = r.Outcome
	v := &reassessmentView{Std: cp.Std, Head: head, R: r, Complaint: x.complaint, Original: x.original,
		Forward: x.forwardBy, Maint: x.maintainBy, Deadline: x.originalDeadline, OriginalReceived: x.originalReceived, ForwardLate: x.forwardLate,
		Late:        r.Outcome != decision.OutcomeGranted && late(x),
		NewRefuses:  r.Outcome != OutcomeUpheld && len(r.Decision.Refused) > 0,
		NewDeadline: dv.ComplaintDeadline}
	v.Closed = r.Outcome == decision.OutcomeGranted && !v.NewRefuses
	dv.ReassessedLate = v.Late
	// c's templates see the reassessment, dc's the new decision, whose sections sit under
	// "Din nye afgørelse".
	c, dc := cp.With(v), cp.With(dv)
	head.Decision = true // a new decision, with complaint guidance
	c.Letterhead(head, Name, r.Decision.DecisionID)
	c.Heading(1, "reassessment.title")
	c.Summary(Name)
	c.Add(engine.ParagraphStrong(c.Text("reassessment.result")))
	if len(r.Reasons) > 0 {
		c.Heading(2, "reassessment.reasons.heading")
		c.Paragraphs("reassessment.reasons.intro")
		c.Add(document.List{Items: r.Reasons})
	}
	decision.WriteHearing(c, r.Hearing, x.Date)
	if v.Late {
		c.Heading(2, "reassessment.late.heading")
		c.Paragraphs("reassessment.late.text")
	}
	if r.Outcome == OutcomeUpheld {
		c.Heading(2, "reassessment.upheld.heading")
		c.Paragraphs("reassessment.upheld.text")
		c.Law()
		c.Signature(head)
		return
	}
	dc.Heading(2, "reassessment.decision.heading")
	dc.Add(engine.ParagraphStrong(dc.Text("decision.result")))
	decision.WriteApplied(dc, dv)
	var maintain func()
	if r.Outcome == decision.OutcomePartlyGranted {
		maintain = func() {
			c.Nested().Heading(2, "reassessment.maintain.heading")
			c.Paragraphs("reassessment.maintain.text")
		}
	}
	decision.Body(dc.Nested(), dv, maintain)
}

// hearing_missing (warning): a reassessment that does not give the citizen full medhold rests
// on an assessment the citizen should have been heard on; nothing records that they were.
func hearingMissing(c *engine.Checker, r *Reassessment) {
	if (r.Outcome == OutcomeUpheld || r.Outcome == decision.OutcomePartlyGranted) && r.Hearing == nil {
		c.Report("hearing", "", nil)
	}
}
