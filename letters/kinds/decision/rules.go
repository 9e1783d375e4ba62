package decision

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/cpr"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// Rule codes of the standard (DECISION-API-v1.md, "Rule codes"); cpr_invalid, dates_order and
// address_required, which every letter to the citizen has, are the engine's.
const (
	RuleAgeMin18                = "age_min_18"
	RuleTargetGroup             = "target_group"
	RuleNoItems                 = "no_items"
	RuleRefusalReason           = "refusal_reason"
	RuleStartWithin14Days       = "start_within_14_days"
	RuleNoOtherDayOffer         = "no_other_day_offer"
	RuleIndividualNeedsReason   = "individual_needs_reason"
	RuleProviderTilbudsportalen = "provider_tilbudsportalen"
	RuleTransportActionPlan     = "transport_action_plan"
	RuleTransportEligibility    = "transport_eligibility"
	RuleWeekdaysOnly            = "weekdays_only"
	// RuleLegalBasisLaw: a refusal's legal basis cites no provision of an Act.
	RuleLegalBasisLaw = "legal_basis_law"
	// RuleOtherOffersConsidered runs where the standard switches SwitchOtherOffersFirst on.
	RuleOtherOffersConsidered = "other_offers_considered"
	// Warnings.
	RuleProcessingTime8Weeks  = "processing_time_8_weeks"
	RuleHalfPlaceWithManyDays = "half_place_with_many_days"
	RuleAppliedForMissing     = "applied_for_missing"
	RuleStartBeforeReceipt    = "start_before_receipt"
	RuleHearingShort          = "hearing_short"
	// RuleHearingMissing (warning): partshøring is not recorded where a refusal rests on it;
	// on a decision that refuses anything, and on a reassessment that does not grant in full.
	RuleHearingMissing = "hearing_missing"
)

var Kind = &engine.LetterKind[Decision]{
	Name:      Name,
	DateField: "decision_date",
	Prepare:   Prepare,
	API:       api,
	// A decision may depart from a rule of the standard with a reason (engine/deviation.go).
	Deviations: func(d *Decision) []engine.Deviation { return d.Deviations },
	Rules: []engine.Rule[Decision]{
		{Code: engine.RuleCPRInvalid, Basis: engine.BasisLaw, Check: cprInvalid},
		{Code: engine.RuleDatesOrder, Basis: engine.BasisLaw, Check: datesOrder},
		{Code: RuleNoItems, Basis: engine.BasisLaw, Check: noItems},
		{Code: RuleAgeMin18, Basis: engine.BasisLaw, Check: ageMin18},
		{Code: RuleTargetGroup, Basis: engine.BasisLaw, Check: targetGroup},
		{Code: RuleNoOtherDayOffer, Basis: engine.BasisStandard, Options: []string{SwitchCombineWith103}, Check: noOtherDayOffer},
		{Code: RuleStartWithin14Days, Basis: engine.BasisStandard, Check: startWithin14Days},
		{Code: RuleIndividualNeedsReason, Basis: engine.BasisStandard, Check: individualNeedsReason},
		{Code: RuleProviderTilbudsportalen, Basis: engine.BasisLaw, Check: providerTilbudsportalen},
		{Code: RuleWeekdaysOnly, Basis: engine.BasisStandard, Check: weekdaysOnly},
		{Code: RuleRefusalReason, Basis: engine.BasisLaw, Check: refusalReason},
		{Code: RulePartialRefusalMissing, Basis: engine.BasisLaw, Check: partialRefusalMissing},
		{Code: RuleLegalBasisLaw, Basis: engine.BasisLaw, Check: legalBasisLaw},
		{Code: RuleTransportActionPlan, Basis: engine.BasisLaw, Check: transportActionPlan},
		{Code: RuleTransportEligibility, Basis: engine.BasisLaw, Check: transportEligibility},
		{Code: engine.RuleAddressRequired, Basis: engine.BasisLaw, Check: addressRequired},
		{Code: RuleOtherOffersConsidered, Basis: engine.BasisStandard, Switch: SwitchOtherOffersFirst, Check: otherOffersConsidered},
		// What a pack may add as data (criteria.go).
		{Code: RuleCriterionUnassessed, Basis: engine.BasisStandard, Check: criterionUnassessed},
		{Code: RuleCriterionNotMet, Basis: engine.BasisStandard, Check: criterionNotMet},
		{Code: RuleSection103NotConsidered, Basis: engine.BasisStandard, Switch: SwitchRequire103Considered, Check: section103NotConsidered},
		{Code: RuleTransportCondition, Basis: engine.BasisStandard, Check: transportCondition},
		{Code: RuleProcessingTime8Weeks, Basis: engine.BasisStandard, Warn: true, Check: processingTime8Weeks},
		{Code: RuleHalfPlaceWithManyDays, Basis: engine.BasisStandard, Warn: true, Check: halfPlaceWithManyDays},
		{Code: engine.RulePlainLanguage, Basis: engine.BasisLaw, Warn: true, Check: decisionPlainLanguage},
		{Code: RuleAppliedForMissing, Basis: engine.BasisLaw, Warn: true, Check: appliedForMissing},
		{Code: RuleStartBeforeReceipt, Basis: engine.BasisLaw, Warn: true, Check: startBeforeReceipt},
		{Code: RuleHearingShort, Basis: engine.BasisLaw, Warn: true, Check: hearingShort},
		{Code: RuleHearingMissing, Basis: engine.BasisLaw, Warn: true, Check: hearingMissing},
		{Code: RuleOtherMunicipalityNamed, Basis: engine.BasisLaw, Warn: true, Check: otherMunicipalityNamed},
	},
	Dates:   func(d *Decision) any { return d.facts.dates() },
	Compose: composeDecision,
}

// decisionFacts is what the rules, the dates and the letter derive from a decision. A zero
// time means the field it comes from is missing or malformed (already reported).
type decisionFacts struct {
	std               *engine.Standard
	decided, applied  time.Time
	cpr               cpr.Number
	cprOK             bool
	age               int
	received          time.Time // when the letter counts as received
	complaintDeadline time.Time
	startLimit        time.Time
	grants            []grantFacts
	planDate          time.Time
	shortfall         shortfall // what the grants give less of than applied for
	// allContinue: every granted offer continues, so no start limit applies.
	allContinue bool
}

type grantFacts struct {
	// start is the day follow-ups count from: start_date; the day the letter is received when
	// start_date is earlier (onReceipt); the original start (since) for an offer that continues.
	start, requested, since time.Time
	onReceipt               bool
	firstAssessment         time.Time
	// nextFollowUp is zero for a development course: close follow-up has no cadence, the next
	// one is agreed at the first.
	nextFollowUp time.Time
	// firstPassed: an offer that continues whose first follow-up lies before the letter is
	// received; nextFollowUp is then the next one due.
	firstPassed bool
}

func Prepare(std *engine.Standard, d *Decision) {
	f := &d.facts
	f.std = std
	f.decided = engine.ParseDate(d.DecisionDate)
	f.applied = engine.ParseDate(d.ApplicationReceivedDate)
	f.cpr, f.cprOK = cpr.Parse(d.Citizen.CPR)
	if d.Transport != nil {
		f.planDate = engine.ParseDate(d.Transport.ActionPlanDate)
	}
	if !f.decided.IsZero() {
		if f.cprOK {
			f.age = cpr.AgeOn(f.cpr.Birth, f.decided)
		}
		f.received = workdays.Received(f.decided, d.Delivery == engine.DeliveryPhysical, std.OrdinaryPostWorkingDays)
		f.complaintDeadline = workdays.DeadlineAfter(f.received, std.ComplaintWeeks)
		f.startLimit = std.Numbers.StartWithin.After(f.decided)
	}
	f.shortfall = shortfallOf(d)
	f.grants = make([]grantFacts, len(d.Granted))
	for i, g := range d.Granted {
		f.grants[i] = grantStart(std, g, f.received)
	}
	f.allContinue = len(f.grants) > 0 && !slices.ContainsFunc(f.grants, func(g grantFacts) bool { return g.since.IsZero() })
}

// grantStart: when a granted offer starts, and its follow-ups. An offer cannot start before
// the citizen has the letter, so a start_date before the day of receipt starts on that day; an
// offer that continues counts its follow-ups from its original start, and names the next one
// due when the first has passed.
func grantStart(std *engine.Standard, g Grant, received time.Time) grantFacts {
	requested, since := engine.ParseDate(g.StartDate), engine.ParseDate(g.ContinuesSince)
	course := g.DevelopmentCourse != nil
	origin, onReceipt := requested, false
	switch {
	case !since.IsZero():
		origin = since
	case !requested.IsZero() && !received.IsZero() && requested.Before(received):
		origin, onReceipt = received, true
	}
	gf := followUps(std, origin, course)
	gf.requested, gf.since, gf.onReceipt = requested, since, onReceipt
	if !since.IsZero() && !received.IsZero() && !gf.firstAssessment.IsZero() && gf.firstAssessment.Before(received) {
		gf.firstPassed = true
		if !course {
			next := std.Numbers.FirstFollowUp.After(since)
			for n := 0; next.Before(received) && n < 1000; n++ {
				next = std.Numbers.FollowUp.After(next)
			}
			gf.nextFollowUp = workdays.Next(next)
		}
	}
	return gf
}

// followUps: the first assessment the standard's first_follow_up after the start, then every
// follow_up (in Brønderslev 3 months, then once a year). A development course has close
// follow-up instead ("tæt opfølgning efter minimum 3 måneder"): the first at least
// close_follow_up after the start, and no cadence, so no next date. Dates fall on working days.
// A number the standard does not state gives no date (zero): no first assessment without
// first_follow_up, no next one without the rhythm.
func followUps(std *engine.Standard, start time.Time, developmentCourse bool) grantFacts {
	if start.IsZero() {
		return grantFacts{}
	}
	if developmentCourse {
		return grantFacts{start: start, firstAssessment: workdays.Next(std.Numbers.CloseFollowUp.After(start))}
	}
	first := std.Numbers.FirstFollowUp.After(start)
	next := std.Numbers.FollowUp.After(first)
	return grantFacts{start: start, firstAssessment: workdays.Next(first), nextFollowUp: workdays.Next(next)}
}

// DecisionDates are the dates a decision letter states, for the case system to record.
type DecisionDates struct {
	LetterReceived    string       `json:"letter_received,omitempty"`
	ComplaintDeadline string       `json:"complaint_deadline,omitempty"`
	StartLimit        string       `json:"start_limit,omitempty"`
	Offers            []OfferDates `json:"offers"`
}

// OfferDates are the follow-up dates of one granted offer, in the order of granted.
type OfferDates struct {
	// Start is the day the follow-ups count from: start_date, the day the letter is received
	// when start_date is earlier (start_before_receipt), or continues_since.
	Start           string `json:"start,omitempty"`
	FirstAssessment string `json:"first_assessment,omitempty"`
	NextFollowUp    string `json:"next_follow_up,omitempty"`
}

// DatesOf are the dates a decision states, once it is prepared.
func DatesOf(d *Decision) DecisionDates { return d.facts.dates() }

func (f *decisionFacts) dates() DecisionDates {
	out := DecisionDates{
		LetterReceived:    engine.ISODate(f.received),
		ComplaintDeadline: engine.ISODate(f.complaintDeadline),
		Offers:            make([]OfferDates, len(f.grants)),
	}
	if !f.allContinue {
		out.StartLimit = engine.ISODate(f.startLimit)
	}
	for i, g := range f.grants {
		out.Offers[i] = OfferDates{Start: engine.ISODate(g.start), FirstAssessment: engine.ISODate(g.firstAssessment), NextFollowUp: engine.ISODate(g.nextFollowUp)}
	}
	return out
}

// cpr_invalid: the CPR number has the right shape but is not a real date in the century table.
func cprInvalid(c *engine.Checker, d *Decision) {
	if cpr.ShapeOK(d.Citizen.CPR) && !d.facts.cprOK {
		c.Report("citizen.cpr", "", nil)
	}
}

// dates_order: the application is dated after the decision; a hearing out of order (sent ≤
// answered ≤ decision); an offer that continues since a day after its start_date or the decision.
func datesOrder(c *engine.Checker, d *Decision) {
	f := &d.facts
	if !f.applied.IsZero() && !f.decided.IsZero() && f.applied.After(f.decided) {
		c.Report("application_received_date", "", map[string]any{"Applied": f.applied, "Decided": f.decided})
	}
	CheckHearingOrder(c, d.Hearing, f.decided)
	for i, g := range f.grants {
		if g.since.IsZero() {
			continue
		}
		for _, later := range []time.Time{f.decided, g.requested} {
			if !later.IsZero() && g.since.After(later) {
				c.Report(engine.ItemPath("granted", i, "continues_since"), "continues", map[string]any{"Since": g.since, "Later": later})
				break
			}
		}
	}
}

// CheckHearingOrder is dates_order on a hearing (at "hearing"): sent after the decision (or
// reassessment) dated decided, answered before it was sent, or answered after the decision.
func CheckHearingOrder(c *engine.Checker, h *Hearing, decided time.Time) {
	if h == nil {
		return
	}
	sent, answer := engine.ParseDate(h.SentDate), engine.ParseDate(h.AnswerDate)
	engine.CheckAfter(c, "hearing.sent_date", "hearing_sent", sent, decided)
	engine.CheckAfter(c, "hearing.answer_date", "hearing_answer", sent, answer)
	engine.CheckAfter(c, "hearing.answer_date", "hearing_answer_late", answer, decided)
}

// HearingShort reports whether the citizen was heard and had not answered, with less than
// HearingDays days between the hearing and the decision dated decided.
func HearingShort(h *Hearing, decided time.Time) bool {
	if h == nil || h.Answered || decided.IsZero() {
		return false
	}
	sent := engine.ParseDate(h.SentDate)
	return !sent.IsZero() && !sent.After(decided) && sent.AddDate(0, 0, HearingDays).After(decided)
}

// HearingDays is the shortest time a citizen is given to answer a hearing before a decision
// that does without the answer: a week, the time the Ombudsman's practice calls reasonable for
// an ordinary hearing (forvaltningsloven § 19, § 21).
const HearingDays = 7

// hearing_short (warning): the citizen was heard, has not answered, and the decision came less
// than a week after the hearing was sent.
func hearingShort(c *engine.Checker, d *Decision) {
	if HearingShort(d.Hearing, d.facts.decided) {
		c.Report("hearing.sent_date", "", map[string]any{"Sent": engine.ParseDate(d.Hearing.SentDate), "Days": HearingDays})
	}
}

// hearing_missing (warning): a first decision refuses something and records no partshøring
// (forvaltningsloven § 19). Inside a reassessment (a nested checker) the reassessment's own hearing
// is the one that counts, so the rule runs on a decision of its own only.
func hearingMissing(c *engine.Checker, d *Decision) {
	if !c.InsideAnotherLetter() && len(d.Refused) > 0 && d.Hearing == nil {
		c.Report("hearing", "decision", nil)
	}
}

// start_before_receipt (warning): an offer that starts anew has a start_date on or after the
// decision but before the day the citizen receives the letter (ordinary post: 6 working days).
// The letter then says the offer can start as soon as the citizen has the letter. A start
// before the decision is start_within_14_days.
func startBeforeReceipt(c *engine.Checker, d *Decision) {
	f := &d.facts
	for i, g := range f.grants {
		if g.onReceipt && !g.requested.Before(f.decided) {
			c.Report(engine.ItemPath("granted", i, "start_date"), "", map[string]any{"Start": g.requested, "Received": f.received})
		}
	}
}

// no_items: nothing is granted and nothing is refused.
func noItems(c *engine.Checker, d *Decision) {
	if len(d.Granted) == 0 && len(d.Refused) == 0 {
		c.Report("granted", "", nil)
	}
}

// age_min_18: something is granted and the citizen is under the standard's minimum age (18) on
// the decision date (the birthday itself counts).
func ageMin18(c *engine.Checker, d *Decision) {
	f := &d.facts
	if len(d.Granted) > 0 && f.cprOK && !f.decided.IsZero() && f.age < f.std.Numbers.MinAgeYears {
		c.Report("citizen.cpr", "", map[string]any{"Age": f.age, "Decided": f.decided,
			"Birthday": cpr.Birthday(f.cpr.Birth, f.cpr.Birth.Year()+f.std.Numbers.MinAgeYears)})
	}
}

// target_group: something is granted and the citizen is in no target group, or the reduced
// function is not significant and lasting. Special social problems qualify on their own
// (serviceloven § 104 names them as an alternative), so the second test does not apply when
// special_social_problems is among the groups.
func targetGroup(c *engine.Checker, d *Decision) {
	a := &d.Assessment
	if len(d.Granted) == 0 {
		return
	}
	switch {
	case len(a.TargetGroup) == 0:
		c.Report("assessment.target_group", "none", nil)
	case a.SignificantAndLasting != nil && !*a.SignificantAndLasting &&
		!slices.Contains(a.TargetGroup, "special_social_problems"):
		c.Report("assessment.significant_and_lasting", "not_significant", nil)
	}
}

// no_other_day_offer: something is granted while the citizen has another granted day offer (not
// counting one under § 103 where the pack switches combine_with_103 on).
func noOtherDayOffer(c *engine.Checker, d *Decision) {
	if others := otherDayOffers(d.facts.std, d.OtherDayOffers); len(d.Granted) > 0 && len(others) > 0 {
		c.Report("other_day_offers", "", map[string]any{"Paragraph": others[0].Paragraph})
	}
}

// start_within_14_days: a start date before the decision or later than the standard's
// start_within after it (14 days in Brønderslev; the code keeps the contract's name). A late
// start is a departure from the standard, which a deviation may allow; a start before the
// decision is a date that lies, which no deviation lifts. A standard without start_within sets
// no limit. An offer that continues (continues_since) does not start, so the rule does not
// apply to it.
func startWithin14Days(c *engine.Checker, d *Decision) {
	f := &d.facts
	if f.decided.IsZero() {
		return
	}
	for i, g := range f.grants {
		switch {
		case g.requested.IsZero() || !g.since.IsZero():
		case g.requested.Before(f.decided):
			c.ReportAlways(engine.ItemPath("granted", i, "start_date"), "before", map[string]any{"Start": g.requested, "Decided": f.decided})
		case !f.startLimit.IsZero() && g.requested.After(f.startLimit): // no start_within: no limit
			c.Report(engine.ItemPath("granted", i, "start_date"), "late", map[string]any{"Start": g.requested, "Limit": f.startLimit})
		}
	}
}

// individual_needs_reason: an individual offer without the reason a group does not fit.
func individualNeedsReason(c *engine.Checker, d *Decision) {
	for i, g := range d.Granted {
		if g.Form == "individual" && engine.Blank(g.IndividualReason) {
			c.Report(engine.ItemPath("granted", i, "individual_reason"), "", nil)
		}
	}
}

// provider_tilbudsportalen: a granted offer has no provider name or no Tilbudsportalen id.
func providerTilbudsportalen(c *engine.Checker, d *Decision) {
	for i, g := range d.Granted {
		if engine.Blank(g.Provider.Name) {
			c.Report(engine.ItemPath("granted", i, "provider.name"), "name", nil)
		}
		if engine.Blank(g.Provider.TilbudsportalenID) {
			c.Report(engine.ItemPath("granted", i, "provider.tilbudsportalen_id"), "id", nil)
		}
	}
}

// weekdays_only: a weekday outside Monday to Friday.
func weekdaysOnly(c *engine.Checker, d *Decision) {
	for i, g := range d.Granted {
		for j, wd := range g.Weekdays {
			if wd == "saturday" || wd == "sunday" {
				c.Report(engine.ItemPath("granted", i, "weekdays")+"["+engine.Itoa(j)+"]", "", map[string]any{"Day": wd})
			}
		}
	}
}

// refusal_reason: a refused item lacks reason, legal basis or at least one fact
// (forvaltningsloven § 24).
func refusalReason(c *engine.Checker, d *Decision) {
	for i, r := range d.Refused {
		if engine.Blank(r.Reason) {
			c.Report(engine.ItemPath("refused", i, "reason"), "reason", nil)
		}
		if engine.Blank(r.LegalBasis) {
			c.Report(engine.ItemPath("refused", i, "legal_basis"), "legal_basis", nil)
		}
		if !slices.ContainsFunc(r.Facts, func(s string) bool { return !engine.Blank(s) }) {
			c.Report(engine.ItemPath("refused", i, "facts"), "facts", nil)
		}
	}
}

// legal_basis_law: a refused item's legal basis cites no provision of an Act, only the standard
// (forvaltningsloven § 24, stk. 1: a refusal refers to the rules of law it rests on). A provision
// is "§" (or "§§") followed by a number; a blank legal basis is refusal_reason's.
func legalBasisLaw(c *engine.Checker, d *Decision) {
	for i, r := range d.Refused {
		if !engine.Blank(r.LegalBasis) && !citesProvision(r.LegalBasis) {
			c.Report(engine.ItemPath("refused", i, "legal_basis"), "", nil)
		}
	}
}

// provision is a paragraph sign followed by a number: "§ 104", "§§ 22 og 24", "§104", and with
// a no-break space after the sign, as legal texts often have it.
var provision = regexp.MustCompile(`§+[\s\x{00A0}\x{202F}]*\d`)

func citesProvision(s string) bool { return provision.MatchString(s) }

// transport_action_plan: transport without means or action plan date, or a plan dated after
// the decision.
func transportActionPlan(c *engine.Checker, d *Decision) {
	t, f := d.Transport, &d.facts
	if t == nil {
		return
	}
	if engine.Blank(t.Means) {
		c.Report("transport.means", "means", nil)
	}
	switch {
	case t.ActionPlanDate == "":
		c.Report("transport.action_plan_date", "date", nil)
	case !f.planDate.IsZero() && !f.decided.IsZero() && f.planDate.After(f.decided):
		c.Report("transport.action_plan_date", "after", map[string]any{"Plan": f.planDate, "Decided": f.decided})
	}
}

// transport_eligibility: transport is granted but the citizen has no significant and lasting
// physical or mental impairment.
func transportEligibility(c *engine.Checker, d *Decision) {
	a := &d.Assessment
	if d.Transport == nil {
		return
	}
	impaired := slices.Contains(a.TargetGroup, "physical_impairment") || slices.Contains(a.TargetGroup, "mental_impairment")
	if !impaired || (a.SignificantAndLasting != nil && !*a.SignificantAndLasting) {
		c.Report("transport", "", nil)
	}
}

// SwitchOtherOffersFirst is the pack's switch ("rules" in standard.json) for standards that
// demand other offers be considered before § 104 (Gribskov, Halsnæs).
const SwitchOtherOffersFirst = "other_offers_first"

// other_offers_considered (only where the standard switches other_offers_first on): something is
// granted and the assessment does not say which other offers were considered first.
func otherOffersConsidered(c *engine.Checker, d *Decision) {
	if len(d.Granted) > 0 && engine.Blank(d.Assessment.OtherOffersConsidered) {
		c.Report("assessment.other_offers_considered", "", nil)
	}
}

// address_required: ordinary post needs street, a 4-digit postal code and city.
func addressRequired(c *engine.Checker, d *Decision) {
	engine.CheckPostalAddress(c, d.Delivery, d.Citizen.Address)
}

// processing_time_8_weeks (warning): the decision came later than the standard's processing
// time after the application (8 weeks in Brønderslev; the code keeps the contract's name).
// Quiet where the standard states no processing time.
func processingTime8Weeks(c *engine.Checker, d *Decision) {
	f := &d.facts
	if f.applied.IsZero() || f.decided.IsZero() {
		return
	}
	if limit := f.std.Numbers.ProcessingTime.After(f.applied); !limit.IsZero() && f.decided.After(limit) {
		c.Report("decision_date", "", map[string]any{"Days": int(f.decided.Sub(f.applied).Hours() / 24), "Limit": limit})
	}
}

// half_place_with_many_days (warning): a half place on more weekdays than the standard's
// half_place_max_weekdays (3 in Brønderslev). Quiet where the standard states no such number.
func halfPlaceWithManyDays(c *engine.Checker, d *Decision) {
	if d.facts.std.Numbers.HalfPlaceMaxWeekdays == 0 {
		return
	}
	for i, g := range d.Granted {
		if g.Place == "half" && len(g.Weekdays) > d.facts.std.Numbers.HalfPlaceMaxWeekdays {
			c.Report(engine.ItemPath("granted", i, "weekdays"), "", map[string]any{"N": len(g.Weekdays)})
		}
	}
}

// applied_for_missing (warning): the decision does not say what was applied for, so "Du får
// afslag på resten" has nothing to point at (forvaltningsloven § 22).
func appliedForMissing(c *engine.Checker, d *Decision) {
	if strings.TrimSpace(d.AppliedFor) == "" {
		c.Report("applied_for", "", nil)
	}
}
