package letters

import (
	"strings"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// Outcomes of a decision.
const (
	OutcomeGranted       = "granted"
	OutcomePartlyGranted = "partly_granted"
	OutcomeRefused       = "refused"
)

// decisionView is what the decision templates see.
type decisionView struct {
	Std               *Standard
	Head              Letterhead
	Outcome           string
	OfferNames        []string
	Granted           []grantView
	Refused           []Refusal
	Transport         *Transport
	PlanDate          time.Time
	Assessment        Assessment
	OtherServices     []string
	ComplaintDeadline time.Time
	StartLimit        time.Time
	// Reassessed is the outcome of the reassessment this decision is the new decision of, or "".
	Reassessed string
	AppliedFor string
	Hearing    *Hearing
	Item       any
}

type grantView struct {
	Grant
	Start, FirstAssessment, NextFollowUp time.Time
}

func newDecisionView(std *Standard, d *Decision) *decisionView {
	f := &d.facts
	pension := d.Citizen.EarlyRetirementPension != nil && *d.Citizen.EarlyRetirementPension
	v := &decisionView{
		Std: std,
		Head: Letterhead{Date: f.decided, Delivery: d.Delivery, Received: f.received, Case: d.Case,
			Citizen: d.Citizen, MaskedCPR: f.cpr.Masked(), Unit: contactUnit(std, f.age, f.cprOK, pension)},
		Outcome:           decisionOutcome(d),
		Refused:           d.Refused,
		Transport:         d.Transport,
		PlanDate:          f.planDate,
		Assessment:        d.Assessment,
		OtherServices:     d.Citizen.OtherServices,
		ComplaintDeadline: f.complaintDeadline,
		StartLimit:        f.startLimit,
		AppliedFor:        d.AppliedFor,
		Hearing:           d.Hearing,
	}
	for i, g := range d.Granted {
		gf := f.grants[i]
		v.Granted = append(v.Granted, grantView{Grant: g, Start: gf.start, FirstAssessment: gf.firstAssessment, NextFollowUp: gf.nextFollowUp})
		v.OfferNames = append(v.OfferNames, g.Offer)
	}
	return v
}

func decisionOutcome(d *Decision) string {
	switch {
	case len(d.Refused) == 0:
		return OutcomeGranted
	case len(d.Granted) == 0:
		return OutcomeRefused
	}
	return OutcomePartlyGranted
}

// composeDecision lays out the decision letter: the result first, then what is granted and
// refused with reasons, the practical parts, follow-up, complaint guidance, the law and contact.
func composeDecision(c *composer, d *Decision) {
	v := newDecisionView(c.std, d)
	c.data = v
	c.letterhead(v.Head, KindDecision, d.DecisionID)
	c.heading(1, "decision.title")
	c.summary(KindDecision)
	c.add(paragraphStrong(c.text("decision.result")))
	c.applied(v)
	c.decisionBody(v, nil)
}

// decisionBody is the decision after its result sentence; a reassessment that grants reuses it,
// adding what it has to say just before the complaint guidance (beforeComplaint, may be nil).
func (c *composer) decisionBody(v *decisionView, beforeComplaint func()) {
	c.keyDates(v)
	if len(v.Granted) > 0 {
		c.heading(2, "decision.granted.heading")
		for _, g := range v.Granted {
			c.grant(v, g)
		}
	}
	if len(v.Refused) > 0 {
		c.heading(2, "decision.refused.heading")
		for _, r := range v.Refused {
			c.refusal(v, r)
		}
	}
	c.assessment(v)
	if len(v.Granted) > 0 {
		c.practical(v)
	}
	if beforeComplaint != nil {
		beforeComplaint()
	}
	c.complaint()
	c.law()
	c.signature(v.Head)
}

func (c *composer) keyDates(v *decisionView) {
	var items []document.Field
	for _, g := range v.Granted {
		v.Item = g
		items = append(items,
			c.field("decision.key_dates.start", c.words.date(g.Start)),
			c.field("decision.key_dates.first_assessment", c.textWith("decision.key_dates.around", g.FirstAssessment)))
	}
	items = append(items, c.field("decision.key_dates.complaint", c.words.date(v.ComplaintDeadline)))
	c.heading(2, "decision.key_dates.heading")
	c.add(document.Fields{Items: items})
}

func (c *composer) grant(v *decisionView, g grantView) {
	v.Item = g
	c.headingText(3, g.Offer)
	items := []document.Field{
		c.field("decision.granted.offer", g.Offer),
		c.field("decision.granted.provider", c.text("decision.granted.provider_value")),
		c.field("decision.granted.form", c.words.labels.label("form", g.Form)),
	}
	if g.Form == "individual" {
		items = append(items, c.field("decision.granted.individual_reason", g.IndividualReason))
	}
	items = append(items,
		c.field("decision.granted.place", c.words.labels.label("place", g.Place)),
		c.field("decision.granted.weekdays", joinDanish(c.words.labelList("weekday", g.Weekdays))))
	if len(g.Activities) > 0 {
		items = append(items, c.field("decision.granted.activities", joinDanish(c.words.labelList("activity", g.Activities))))
	}
	if g.DevelopmentCourse != nil {
		items = append(items, c.field("decision.granted.course", c.words.labels.label("development_course", *g.DevelopmentCourse)))
	}
	items = append(items, c.field("decision.granted.start", c.words.date(g.Start)))
	c.add(document.Fields{Items: items})
	c.paragraphs("decision.granted.about")
}

func (c *composer) refusal(v *decisionView, r Refusal) {
	v.Item = r
	c.headingText(3, r.Help)
	c.add(document.Paragraph{Text: r.Reason})
	c.paragraphs("decision.refused.facts")
	c.add(document.List{Items: r.Facts})
	c.paragraphs("decision.refused.legal_basis")
	// A quality standard is guidance, not a rule: where the refusal cites it, the letter says so.
	if strings.Contains(strings.ToLower(r.LegalBasis), "kvalitetsstandard") {
		c.paragraphs("decision.refused.standard")
	}
}

func (c *composer) assessment(v *decisionView) {
	c.heading(2, "decision.assessment.heading")
	if len(v.Granted) > 0 && len(v.Assessment.TargetGroup) > 0 {
		c.add(document.Paragraph{Text: c.text("decision.assessment.target_group"), Ref: "decision.assessment.target_group"})
	}
	// A fact already given as a reason for a refusal is not printed again.
	var facts []string
	for _, f := range v.Assessment.Facts {
		if !refusalFact(v.Refused, f) {
			facts = append(facts, f)
		}
	}
	if len(facts) > 0 {
		c.paragraphs("decision.assessment.facts")
		c.add(document.List{Items: facts})
	}
	if len(v.Assessment.Considerations) > 0 {
		c.paragraphs("decision.assessment.considerations")
		c.add(document.List{Items: v.Assessment.Considerations})
	}
	c.hearing(v.Hearing)
}

// hearing adds the one sentence that says the citizen was heard (partshøring), if they were.
func (c *composer) hearing(h *Hearing) {
	if h == nil {
		return
	}
	c.add(document.Paragraph{Text: c.textWith("hearing", hearingView{Sent: parseDate(h.SentDate), Answered: h.Answered, AnswerDate: parseDate(h.AnswerDate)})})
}

type hearingView struct {
	Sent, AnswerDate time.Time
	Answered         bool
}

// applied adds "Du har søgt om: …" when the decision says what was applied for.
func (c *composer) applied(v *decisionView) {
	if v.AppliedFor != "" {
		c.paragraphs("decision.applied")
	}
}

// practical covers what a granted offer brings with it: transport, what it does not include,
// payment, cooperation with other help, next steps and follow-up.
func (c *composer) practical(v *decisionView) {
	if v.Transport != nil {
		c.heading(2, "decision.transport.heading")
		c.paragraphs("decision.transport.text")
		c.add(document.Paragraph{Text: v.Transport.Means, Strong: true})
		c.paragraphs("decision.transport.paid")
	}
	c.heading(2, "decision.not_included.heading")
	c.list("decision.not_included.items")
	c.heading(2, "decision.payment.heading")
	c.paragraphs("decision.payment.text")
	c.list("decision.payment.items")
	if len(v.OtherServices) > 0 {
		c.heading(2, "decision.cooperation.heading")
		c.paragraphs("decision.cooperation.text")
	}
	c.heading(2, "decision.next.heading")
	c.paragraphs("decision.next.text")
	c.heading(2, "decision.follow_up.heading")
	for _, g := range v.Granted {
		v.Item = g
		c.paragraphs("decision.follow_up.text")
	}
}

func (c *composer) complaint() {
	c.heading(2, "decision.complaint.heading")
	c.paragraphs("decision.complaint.text")
	c.add(document.Paragraph{Text: c.text("decision.complaint.deadline"), Strong: true})
	c.paragraphs("decision.complaint.counting")
	c.paragraphs("decision.complaint.after")
}

// refusalFact reports whether a refusal lists fact among the facts it rests on.
func refusalFact(refused []Refusal, fact string) bool {
	for _, r := range refused {
		for _, f := range r.Facts {
			if strings.TrimSpace(f) == strings.TrimSpace(fact) {
				return true
			}
		}
	}
	return false
}
