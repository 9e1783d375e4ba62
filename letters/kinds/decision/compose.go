package decision

import (
	"slices"
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
	// NewStart: some granted offer starts anew, so the start limit is stated; false when every
	// granted offer continues (continues_since).
	NewStart bool
	// Reassessed is the outcome of the reassessment this decision is the new decision of, or "".
	Reassessed string
	// ReassessedLate: that reassessment's complaint came after the deadline, so the part not
	// granted may not be treated; a complaint about the new decision has a deadline of its own.
	ReassessedLate bool
	AppliedFor     string
	Hearing        *Hearing

	// AppliedExtent is how much was applied for, or nil (WriteApplied words its parts).
	AppliedExtent *AppliedExtent
	// RefusedHelps are the refused items' help, what a partial refusal names in its result.
	RefusedHelps []string
	// Deviations are the decision's departures from the standard that the letter states, each
	// with its reason (only those that lifted a finding).
	Deviations     []deviationView
	OtherDayOffers []OtherDayOffer
}

// deviationView is one departure from the standard as the letter states it: the rule, the
// reason, and what the citizen gets that the standard does not say (weekend days, late starts).
type deviationView struct {
	engine.Deviation
	Weekend []string    // weekday codes outside Monday to Friday, over every grant
	Late    []grantView // grants that start later than the standard says
}

// Deviates reports whether the letter states a departure from the rule with this code.
func (v *View) Deviates(rule string) bool {
	for _, d := range v.Deviations {
		if d.Rule == rule {
			return true
		}
	}
	return false
}

// itemView is what a template about one entry of a list sees: the letter's view, and the entry
// as .Item (a grant, a refusal, a deviation). One is made for each entry; the View itself never
// changes while the letter is composed.
type itemView struct {
	*View
	Item any
}

// appliedView is what "decision.applied" sees: the view, and the applied extent's parts in
// words ("hel plads", "5 dage om ugen").
type appliedView struct {
	*View
	AppliedParts []string
}

type grantView struct {
	Grant
	// Start is start_date. Since is continues_since (Continues). OnReceipt: start_date is
	// before the day the citizen receives the letter, so the offer starts on receiving it.
	// NextFollowUp is zero for a development course (close follow-up, agreed at the first);
	// FirstPassed: an offer that continues, whose first follow-up has passed.
	Start, Since, FirstAssessment, NextFollowUp time.Time
	Continues, OnReceipt, FirstPassed           bool
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
		NewStart:          !f.allContinue,
		AppliedFor:        d.AppliedFor,
		AppliedExtent:     d.AppliedExtent,
		Hearing:           d.Hearing,
		OtherDayOffers:    d.OtherDayOffers,
	}
	for _, r := range d.Refused {
		v.RefusedHelps = append(v.RefusedHelps, strings.TrimSpace(r.Help))
	}
	for i, g := range d.Granted {
		gf := f.grants[i]
		v.Granted = append(v.Granted, grantView{Grant: g, Start: gf.requested, Since: gf.since, FirstAssessment: gf.firstAssessment,
			NextFollowUp: gf.nextFollowUp, Continues: !gf.since.IsZero(), OnReceipt: gf.onReceipt && gf.since.IsZero(), FirstPassed: gf.firstPassed})
		v.OfferNames = append(v.OfferNames, g.Offer)
	}
	for _, dv := range d.Deviations {
		if dv.Applied() {
			v.Deviations = append(v.Deviations, newDeviationView(dv, v, f.startLimit))
		}
	}
	return v
}

func newDeviationView(d engine.Deviation, v *View, startLimit time.Time) deviationView {
	out := deviationView{Deviation: d}
	for _, g := range v.Granted {
		for _, wd := range g.Weekdays {
			if (wd == "saturday" || wd == "sunday") && !slices.Contains(out.Weekend, wd) {
				out.Weekend = append(out.Weekend, wd)
			}
		}
		if !startLimit.IsZero() && g.Start.After(startLimit) {
			out.Late = append(out.Late, g)
		}
	}
	return out
}

// decisionOutcome: a grant smaller than the applied extent is a partial refusal, even before
// the refused item that rule partial_refusal_missing asks for is there (a draft says so).
func decisionOutcome(d *Decision) string {
	switch {
	case len(d.Refused) == 0 && !d.facts.shortfall.any():
		return OutcomeGranted
	case len(d.Granted) == 0:
		return OutcomeRefused
	}
	return OutcomePartlyGranted
}

// composeDecision lays out the decision letter: the result first, then what is granted and
// refused with reasons, the practical parts, follow-up, complaint guidance, the law and contact.
func composeDecision(cp *engine.Composer, d *Decision) {
	v := NewView(cp.Std, d)
	c := cp.With(v)
	head := v.Head
	head.Decision = true
	c.Letterhead(head, Name, d.DecisionID)
	c.Heading(1, "decision.title")
	c.Summary(Name)
	c.Add(engine.ParagraphStrong(c.Text("decision.result")))
	WriteApplied(c, v)
	Body(c, v, nil)
}

// Body is the decision after its result sentence; a reassessment that grants reuses it,
// adding what it has to say just before the complaint guidance (beforeComplaint, may be nil).
// c's templates see v.
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
		gc := c.With(itemView{v, g})
		if g.Continues {
			items = append(items, gc.Field("decision.key_dates.continues", c.Words.Date(g.Since)))
		} else {
			items = append(items, startField(gc, g, "decision.key_dates.start"))
		}
		switch {
		case !g.FirstPassed && !g.FirstAssessment.IsZero(): // the standard states a first follow-up
			items = append(items, gc.Field("decision.key_dates.first_assessment", c.Say("decision.key_dates.around", g.FirstAssessment)))
		case !g.NextFollowUp.IsZero():
			items = append(items, gc.Field("decision.key_dates.next_follow_up", c.Say("decision.key_dates.around", g.NextFollowUp)))
		}
	}
	items = append(items, c.Field("decision.key_dates.complaint", c.Words.Date(v.ComplaintDeadline)))
	c.Heading(2, "decision.key_dates.heading")
	c.Add(document.Fields{Items: items})
}

func grant(dc *engine.Composer, v *View, g grantView) {
	c := dc.With(itemView{v, g})
	c.HeadingText(3, g.Offer)
	items := []document.Field{
		c.Field("decision.granted.offer", g.Offer),
		c.Field("decision.granted.provider", c.Text("decision.granted.provider_value")),
		c.Field("decision.granted.form", c.Words.Label("form", g.Form)),
	}
	if g.Form == "individual" && !engine.Blank(g.IndividualReason) {
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
	if g.Continues {
		items = append(items, c.Field("decision.granted.applies_from", c.Words.Date(g.Start)))
	} else {
		items = append(items, startField(c, g, "decision.granted.start"))
	}
	c.Add(document.Fields{Items: items})
	if g.Continues {
		c.Paragraphs("decision.granted.continues_text")
	}
	c.Paragraphs("decision.granted.about")
}

// startField is when an offer starts (label start): its start date, or "as soon as you have
// this letter" when that date comes before the citizen receives it (start_before_receipt).
func startField(c *engine.Composer, g grantView, start string) document.Field {
	if g.OnReceipt {
		return c.Field(start, c.Text("decision.start_on_receipt"))
	}
	return c.Field(start, c.Words.Date(g.Start))
}

func refusal(dc *engine.Composer, v *View, r Refusal) {
	c := dc.With(itemView{v, r})
	c.HeadingText(3, r.Help)
	c.Add(document.Paragraph{Text: r.Reason})
	// A refusal still missing its facts (a draft: refusal_reason flags it) prints no empty
	// "Det har vi lagt vægt på:".
	if len(r.Facts) > 0 {
		c.Paragraphs("decision.refused.facts")
		c.Add(document.List{Items: r.Facts})
	}
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
	WriteHearing(c, v.Hearing, v.Head.Date)
	writeDeviations(c, v)
}

// writeDeviations states each departure from the standard in the citizen's words, and why
// (forvaltningsloven § 24, stk. 1: the main considerations of a discretionary judgement).
func writeDeviations(c *engine.Composer, v *View) {
	if len(v.Deviations) == 0 {
		return
	}
	for _, d := range v.Deviations {
		dc := c.With(itemView{v, d})
		// One paragraph for what and "fordi:", so that the lead-in never ends a page alone.
		c.Add(document.Paragraph{Text: dc.Text("decision.deviation.what") + " " + dc.Text("decision.deviation.because")})
		c.Add(document.Paragraph{Text: d.Reason, KeepWithPrevious: true}) // never "fordi:" alone at a page foot
	}
	c.Paragraphs("decision.deviation.standard")
}

// WriteHearing adds the sentences that say the citizen was heard (partshøring), if they were.
// When the decision (dated decided) came less than a week after the hearing and the citizen had
// not answered (hearing_short), the letter does not say they did not answer: it says we decided
// before they could, and that they may still tell us.
func WriteHearing(c *engine.Composer, h *Hearing, decided time.Time) {
	if h == nil {
		return
	}
	c.Add(document.Paragraph{Text: c.Say("hearing", hearingView{Sent: engine.ParseDate(h.SentDate), Answered: h.Answered,
		AnswerDate: engine.ParseDate(h.AnswerDate), Short: HearingShort(h, decided)})})
}

type hearingView struct {
	Sent, AnswerDate time.Time
	Answered, Short  bool
}

// WriteApplied adds "Du har søgt om: …" when the decision says what was applied for, with the
// applied extent in words after it ("(hel plads og 5 dage om ugen)").
func WriteApplied(c *engine.Composer, v *View) {
	av := appliedView{View: v}
	if a := v.AppliedExtent; a != nil {
		for _, part := range []struct {
			name string
			set  bool
		}{{"decision.applied.form", a.Form != ""}, {"decision.applied.place", a.Place != ""}, {"decision.applied.days", len(a.Weekdays) > 0}} {
			if part.set {
				av.AppliedParts = append(av.AppliedParts, c.Say(part.name, a))
			}
		}
	}
	if v.AppliedFor != "" || len(av.AppliedParts) > 0 {
		c.With(av).Paragraphs("decision.applied")
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
		if v.Deviates("no_other_day_offer") {
			// The pack's list says "no other day offers"; this decision departs from that.
			c.Paragraphs("decision.not_included.deviation")
		}
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
		c.With(itemView{v, g}).Paragraphs("decision.follow_up.text")
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
