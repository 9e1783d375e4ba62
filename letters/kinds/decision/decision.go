package decision

import "github.com/bronderslev/afgorelsesbreve/letters/engine"

// Name is the kind's name in a request ("kind").
const Name = engine.KindDecision

// The decision of DECISION-API-v1.md. Field names are the contract's; shape rules live in the
// validate tags (required, date, enum), the standard's rules in rules.go.

// Decision is a decision on an application for an activity and social-contact offer.
type Decision struct {
	engine.Envelope
	DecisionID              string `json:"decision_id" validate:"required"`
	DecisionDate            string `json:"decision_date" validate:"required,date"`
	ApplicationReceivedDate string `json:"application_received_date" validate:"required,date"`
	engine.Parties
	Assessment     Assessment      `json:"assessment"`
	Granted        []Grant         `json:"granted" validate:"dive"`
	Refused        []Refusal       `json:"refused" validate:"dive"`
	Transport      *Transport      `json:"transport"`
	OtherDayOffers []OtherDayOffer `json:"other_day_offers" validate:"dive"`
	// AppliedFor is what the citizen applied for, in the citizen's terms (optional; warning
	// applied_for_missing without it), so that the result and every refusal point at it.
	AppliedFor string `json:"applied_for,omitempty"`
	// Hearing records partshøring (forvaltningsloven § 19), when the decision rests on
	// information the citizen had not seen; optional.
	Hearing *Hearing `json:"hearing,omitempty"`
	// AppliedExtent is how much was applied for (optional): when the grants give less, the
	// rest must be refused with reasons (rule partial_refusal_missing).
	AppliedExtent *AppliedExtent `json:"applied_extent,omitempty"`
	// Deviations are the decision's reasoned departures from rules of the standard (optional):
	// each names a rule with basis "standard" that fired, and says why this case is an exception.
	// The rule's errors become the warning deviation_from_standard, and the letter states the
	// exception and its reason in the assessment.
	Deviations []engine.Deviation `json:"deviations,omitempty" validate:"dive"`

	facts decisionFacts // derived by Prepare
}

// Hearing is the citizen's chance to comment on information before the decision: when it
// was sent, and whether and when the citizen answered.
type Hearing struct {
	SentDate   string `json:"sent_date" validate:"required,date"`
	Answered   bool   `json:"answered"`
	AnswerDate string `json:"answer_date,omitempty" validate:"omitempty,date"`
}

// AppliedExtent is the extent the citizen applied for, in a grant's terms; each part optional.
// The grants together are compared with it: the best form and place among them, and the
// number of different weekdays they cover (shortfallOf).
type AppliedExtent struct {
	Form     string   `json:"form,omitempty" validate:"omitempty,enum=form"`
	Place    string   `json:"place,omitempty" validate:"omitempty,enum=place"`
	Weekdays []string `json:"weekdays,omitempty" validate:"unique,dive,enum=weekday"`
}

// Assessment is the municipality's assessment of the citizen's situation.
type Assessment struct {
	TargetGroup           []string `json:"target_group" validate:"dive,enum=target_group"`
	SignificantAndLasting *bool    `json:"significant_and_lasting" validate:"required"`
	Facts                 []string `json:"facts" validate:"required,min=1,dive,required"`
	Considerations        []string `json:"considerations" validate:"dive,required"`
	// OtherOffersConsidered says which other offers were tried or considered first and why they
	// do not meet the need (optional; required by rule other_offers_considered where the
	// standard switches other_offers_first on).
	OtherOffersConsidered string `json:"other_offers_considered,omitempty"`
	// Criteria assesses each of the standard's own eligibility criteria by id: met or not
	// (optional; required where the pack lists criteria; see criteria.go).
	Criteria map[string]*bool `json:"criteria,omitempty" validate:"omitempty,dive,keys,enum=criterion,endkeys"`
	// Section103 says why § 103 (beskyttet beskæftigelse) is not the right help (optional;
	// required by rule section_103_not_considered where the pack switches require_103_considered on).
	Section103 string `json:"section_103,omitempty"`
}

// Grant is one granted offer.
type Grant struct {
	Offer             string   `json:"offer" validate:"required"`
	Provider          Provider `json:"provider"`
	Form              string   `json:"form" validate:"required,enum=form"`
	IndividualReason  string   `json:"individual_reason,omitempty"`
	Place             string   `json:"place" validate:"required,enum=place"`
	Weekdays          []string `json:"weekdays" validate:"required,min=1,unique,dive,enum=weekday"`
	StartDate         string   `json:"start_date" validate:"required,date"`
	Activities        []string `json:"activities" validate:"unique,dive,enum=activity"`
	DevelopmentCourse *string  `json:"development_course" validate:"omitnil,enum=development_course"`
	// ContinuesSince is the day the citizen first started in an offer they already attend (a new
	// decision after a reassessment or a change of extent); optional. The letter then says the
	// citizen continues, the start rules do not apply, and follow-ups count from this day.
	ContinuesSince string `json:"continues_since,omitempty" validate:"omitempty,date"`
}

// Provider is the provider of an offer, listed on Tilbudsportalen.
type Provider struct {
	Name              string `json:"name"`
	TilbudsportalenID string `json:"tilbudsportalen_id"`
}

// Refusal is one refused part of the application, with its reasons (forvaltningsloven § 24).
type Refusal struct {
	Help       string   `json:"help" validate:"required"`
	Reason     string   `json:"reason"`
	LegalBasis string   `json:"legal_basis"`
	Facts      []string `json:"facts"`
}

// Transport is granted transport to and from the offer, from the § 141 action plan.
type Transport struct {
	ActionPlanDate string `json:"action_plan_date" validate:"omitempty,date"`
	Means          string `json:"means"`
	// CannotTransportSelf states that the citizen cannot transport themselves (optional;
	// required true by rule transport_condition where the pack grants transport on that condition).
	CannotTransportSelf *bool `json:"cannot_transport_self,omitempty"`
}

// OtherDayOffer is another day offer the citizen is granted.
type OtherDayOffer struct {
	Paragraph string `json:"paragraph" validate:"required"`
	Name      string `json:"name" validate:"required"`
}
