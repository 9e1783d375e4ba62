package letters

import (
	"io/fs"

	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/followup"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/reassessment"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/receipt"
	"github.com/bronderslev/afgorelsesbreve/templates"
)

// The letter kinds, in the order the service lists them. A new kind is a folder under kinds/
// (its request type, rules and composition), one entry here, one template folder
// (templates/<kind>/) and one example under testdata/; the server needs no change.
var registry = []engine.Kind{decision.Kind, receipt.Kind, reassessment.Kind, followup.Kind}

// The kinds' names.
const (
	KindDecision     = decision.Name
	KindReceipt      = receipt.Name
	KindReassessment = reassessment.Name
	KindFollowUp     = followup.Name
)

// New loads the standard and the Danish wording from templates/ and serves every kind.
func New() (*Service, error) { return engine.New(templates.FS, registry...) }

// NewFromFS is New with another templates folder (for a legal adviser trying a new wording).
func NewFromFS(fsys fs.FS) (*Service, error) { return engine.New(fsys, registry...) }

// The engine's types, as the service's callers know them.
type (
	Service        = engine.Service
	Result         = engine.Result
	Finding        = engine.Finding
	MalformedError = engine.MalformedError
	RuleInfo       = engine.RuleInfo
	Standard       = engine.Standard
	Decision       = decision.Decision
	DecisionDates  = decision.DecisionDates
	OfferDates     = decision.OfferDates
	Receipt        = receipt.Receipt
	Reassessment   = reassessment.Reassessment
	FollowUp       = followup.FollowUp
)

// Errors a caller tells apart with errors.Is.
var (
	ErrUnknownKind   = engine.ErrUnknownKind
	ErrNotComposable = engine.ErrNotComposable
)

// Limits and rule codes, as the contract names them.
const (
	MaxTextLength = engine.MaxTextLength
	MaxListItems  = engine.MaxListItems

	RuleRequired             = engine.RuleRequired
	RuleInvalidFormat        = engine.RuleInvalidFormat
	RuleInvalidValue         = engine.RuleInvalidValue
	RuleUnknownField         = engine.RuleUnknownField
	RuleUnsupportedCharacter = engine.RuleUnsupportedCharacter
	RuleTextTooLong          = engine.RuleTextTooLong
	RuleTooManyItems         = engine.RuleTooManyItems
	RulePlainLanguage        = engine.RulePlainLanguage

	RuleCPRInvalid              = engine.RuleCPRInvalid
	RuleAgeMin18                = decision.RuleAgeMin18
	RuleTargetGroup             = decision.RuleTargetGroup
	RuleNoItems                 = decision.RuleNoItems
	RuleRefusalReason           = decision.RuleRefusalReason
	RuleStartWithin14Days       = decision.RuleStartWithin14Days
	RuleNoOtherDayOffer         = decision.RuleNoOtherDayOffer
	RuleIndividualNeedsReason   = decision.RuleIndividualNeedsReason
	RuleProviderTilbudsportalen = decision.RuleProviderTilbudsportalen
	RuleTransportActionPlan     = decision.RuleTransportActionPlan
	RuleTransportEligibility    = decision.RuleTransportEligibility
	RuleDatesOrder              = engine.RuleDatesOrder
	RuleWeekdaysOnly            = decision.RuleWeekdaysOnly
	RuleAddressRequired         = engine.RuleAddressRequired
	RuleProcessingTime8Weeks    = decision.RuleProcessingTime8Weeks
	RuleHalfPlaceWithManyDays   = decision.RuleHalfPlaceWithManyDays
	RuleAppliedForMissing       = decision.RuleAppliedForMissing

	RuleComplaintLate      = reassessment.RuleComplaintLate
	RuleReassessment4Weeks = reassessment.RuleReassessment4Weeks
	RuleHearingMissing     = reassessment.RuleHearingMissing
	RuleFollowUpTiming     = followup.RuleFollowUpTiming
)
