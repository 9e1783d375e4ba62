package decision

import (
	"strings"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
)

// Outcomes of a decision.
const (
	OutcomeGranted       = "granted"
	OutcomePartlyGranted = "partly_granted"
	OutcomeRefused       = "refused"
)

// View is what the decision templates see.
type View struct {
	Std               *engine.Standard
	Head              engine.Letterhead
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

func NewView(std *engine.Standard, d *Decision) *View {
	f := &d.facts
	pension := d.Citizen.EarlyRetirementPension != nil && *d.Citizen.EarlyRetirementPension
	v := &View{
		Std: std,
		Head: engine.Letterhead{Date: f.decided, Delivery: d.Delivery, Received: f.received, Case: d.Case,
			Citizen: d.Citizen, MaskedCPR: f.cpr.Masked(), Unit: std.UnitFor(f.age, f.cprOK, pension)},
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
func composeDecision(c *engine.Composer, d *Decision) {
	v := NewView(c.Std, d)
	c.Data = v
	c.Letterhead(v.Head, Name, d.DecisionID)
	c.Heading(1, "decision.title")
	c.Summary(Name)
	c.Add(engine.ParagraphStrong(c.Text("decision.result")))
	WriteApplied(c, v)
	Body(c, v, nil)
}

// Body is the decision after its result sentence; a reassessment that grants reuses it,
// adding what it has to say just before the complaint guidance (beforeComplaint, may be nil).
func Body(c *engine.Composer, v *View, beforeComplaint func()) {
	keyDates(c, v)
	if len(v.Granted) > 0 {
		c.Heading(2, "decision.granted.heading")
		for _, g := range v.Granted {
			grant(c, v, g)
		}
	}
	if len(v.Refused) > 0 {
		c.Heading(2, "decision.refused.heading")
		for _, r := range v.Refused {
			refusal(c, v, r)
		}
	}
	assessment(c, v)
	if len(v.Granted) > 0 {
		practical(c, v)
	}
	if beforeComplaint != nil {
		beforeComplaint()
	}
	complaint(c)
	c.Law()
	c.Signature(v.Head)
}

func keyDates(c *engine.Composer, v *View) {
	var items []document.Field
	for _, g := range v.Granted {
		v.Item = g
		items = append(items,
			c.Field("decision.key_dates.start", c.Words.Date(g.Start)),
			c.Field("decision.key_dates.first_assessment", c.TextWith("decision.key_dates.around", g.FirstAssessment)))
	}
	items = append(items, c.Field("decision.key_dates.complaint", c.Words.Date(v.ComplaintDeadline)))
	c.Heading(2, "decision.key_dates.heading")
	c.Add(document.Fields{Items: items})
}

func grant(c *engine.Composer, v *View, g grantView) {
	v.Item = g
	c.HeadingText(3, g.Offer)
	items := []document.Field{
		c.Field("decision.granted.offer", g.Offer),
		c.Field("decision.granted.provider", c.Text("decision.granted.provider_value")),
		c.Field("decision.granted.form", c.Words.Label("form", g.Form)),
	}
	if g.Form == "individual" {
		items = append(items, c.Field("decision.granted.individual_reason", g.IndividualReason))
	}
	items = append(items,
		c.Field("decision.granted.place", c.Words.Label("place", g.Place)),
		c.Field("decision.granted.weekdays", engine.JoinDanish(c.Words.LabelList("weekday", g.Weekdays))))
	if len(g.Activities) > 0 {
		items = append(items, c.Field("decision.granted.activities", engine.JoinDanish(c.Words.LabelList("activity", g.Activities))))
	}
	if g.DevelopmentCourse != nil {
		items = append(items, c.Field("decision.granted.course", c.Words.Label("development_course", *g.DevelopmentCourse)))
	}
	items = append(items, c.Field("decision.granted.start", c.Words.Date(g.Start)))
	c.Add(document.Fields{Items: items})
	c.Paragraphs("decision.granted.about")
}

func refusal(c *engine.Composer, v *View, r Refusal) {
	v.Item = r
	c.HeadingText(3, r.Help)
	c.Add(document.Paragraph{Text: r.Reason})
	c.Paragraphs("decision.refused.facts")
	c.Add(document.List{Items: r.Facts})
	c.Paragraphs("decision.refused.legal_basis")
	// A quality standard is guidance, not a rule: where the refusal cites it, the letter says so.
	if strings.Contains(strings.ToLower(r.LegalBasis), "kvalitetsstandard") {
		c.Paragraphs("decision.refused.standard")
	}
}

func assessment(c *engine.Composer, v *View) {
	c.Heading(2, "decision.assessment.heading")
	if len(v.Granted) > 0 && len(v.Assessment.TargetGroup) > 0 {
		c.Add(document.Paragraph{Text: c.Text("decision.assessment.target_group"), Ref: "decision.assessment.target_group"})
	}
	writeCriteria(c, v)
	// A fact already given as a reason for a refusal is not printed again.
	var facts []string
	for _, f := range v.Assessment.Facts {
		if !refusalFact(v.Refused, f) {
			facts = append(facts, f)
		}
	}
	if len(facts) > 0 {
		c.Paragraphs("decision.assessment.facts")
		c.Add(document.List{Items: facts})
	}
	if len(v.Assessment.Considerations) > 0 {
		c.Paragraphs("decision.assessment.considerations")
		c.Add(document.List{Items: v.Assessment.Considerations})
	}
	if !engine.Blank(v.Assessment.OtherOffersConsidered) {
		c.Paragraphs("decision.assessment.other_offers")
		c.Add(document.Paragraph{Text: v.Assessment.OtherOffersConsidered})
	}
	writeSection103(c, v)
	WriteHearing(c, v.Hearing)
}

// WriteHearing adds the one sentence that says the citizen was heard (partshøring), if they were.
func WriteHearing(c *engine.Composer, h *Hearing) {
	if h == nil {
		return
	}
	c.Add(document.Paragraph{Text: c.TextWith("hearing", hearingView{Sent: engine.ParseDate(h.SentDate), Answered: h.Answered, AnswerDate: engine.ParseDate(h.AnswerDate)})})
}

type hearingView struct {
	Sent, AnswerDate time.Time
	Answered         bool
}

// WriteApplied adds "Du har søgt om: …" when the decision says what was applied for.
func WriteApplied(c *engine.Composer, v *View) {
	if v.AppliedFor != "" {
		c.Paragraphs("decision.applied")
	}
}

// practical covers what a granted offer brings with it: transport, what it does not include,
// payment, cooperation with other help, next steps and follow-up.
func practical(c *engine.Composer, v *View) {
	if v.Transport != nil {
		c.Heading(2, "decision.transport.heading")
		c.Paragraphs("decision.transport.text")
		c.Add(document.Paragraph{Text: v.Transport.Means, Strong: true})
		writeTransportCondition(c, v)
		c.Paragraphs("decision.transport.paid")
	}
	writeTransportOtherwise(c, v)
	if lists := c.Std.Lists; len(lists.NotIncluded) > 0 {
		c.Heading(2, "decision.not_included.heading")
		c.Add(document.List{Items: lists.NotIncluded})
	}
	if lists := c.Std.Lists; len(lists.CitizenPays) > 0 {
		c.Heading(2, "decision.payment.heading")
		c.Paragraphs("decision.payment.text")
		c.Add(document.List{Items: lists.CitizenPays})
	}
	writeCitizenDuties(c)
	if len(v.OtherServices) > 0 {
		c.Heading(2, "decision.cooperation.heading")
		c.Paragraphs("decision.cooperation.text")
	}
	c.Heading(2, "decision.next.heading")
	c.Paragraphs("decision.next.text")
	c.Heading(2, "decision.follow_up.heading")
	for _, g := range v.Granted {
		v.Item = g
		c.Paragraphs("decision.follow_up.text")
	}
}

func complaint(c *engine.Composer) {
	c.Heading(2, "decision.complaint.heading")
	c.Paragraphs("decision.complaint.text")
	c.Add(document.Paragraph{Text: c.Text("decision.complaint.deadline"), Strong: true})
	c.Paragraphs("decision.complaint.counting")
	c.Paragraphs("decision.complaint.after")
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
