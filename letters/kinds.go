package letters

import (
	"io/fs"
	"slices"

	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/followup"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/reassessment"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/receipt"
	"github.com/bronderslev/afgorelsesbreve/letters/standard"
	"github.com/bronderslev/afgorelsesbreve/standards"
	"github.com/bronderslev/afgorelsesbreve/templates"
)

// The kinds' names.
const (
	KindDecision     = decision.Name
	KindReceipt      = receipt.Name
	KindReassessment = reassessment.Name
	KindFollowUp     = followup.Name
)

// DefaultMunicipality is the municipality whose version in force a request gets when it names
// no standard and the configuration names no municipality.
const DefaultMunicipality = "broenderslev"

// Config says what a Service serves. The zero Config serves the embedded packs (standards/)
// with the common wording of templates/, and Brønderslev by default.
type Config struct {
	// Templates is the common wording and the law's numbers; templates.FS when nil.
	Templates fs.FS
	// Packs is a folder of more packs, served beside the embedded ones; PacksLabel names it in
	// error messages.
	Packs      fs.FS
	PacksLabel string
	// OnlyPacks serves the packs of Packs alone, without the embedded ones ("standards check").
	OnlyPacks bool
	// Municipality is the id of the municipality whose version in force a request without
	// "standard" gets; DefaultMunicipality when empty.
	Municipality string
	// Kinds are the letter kinds served; kinds.All() (letters/kinds/registry.go) when nil.
	Kinds []Kind
}

// Open loads and checks every pack and serves every kind under each. A bad pack is refused with
// an error naming its file and field.
func Open(cfg Config) (*Service, error) {
	packs, err := LoadPacks(cfg.Packs, cfg.PacksLabel)
	if cfg.OnlyPacks {
		packs, err = standard.LoadAll(cfg.Packs, cfg.PacksLabel)
	}
	if err != nil {
		return nil, err
	}
	if cfg.Municipality == "" {
		cfg.Municipality = DefaultMunicipality
	}
	catalog, err := standard.NewCatalog(packs, cfg.Municipality)
	if err != nil {
		return nil, err
	}
	if cfg.Templates == nil {
		cfg.Templates = templates.FS
	}
	if cfg.Kinds == nil {
		cfg.Kinds = kinds.All()
	}
	return engine.New(cfg.Templates, catalog, cfg.Kinds...)
}

// LoadPacks reads the embedded packs and, when extra is not nil, the packs in it.
func LoadPacks(extra fs.FS, label string) ([]*standard.Pack, error) {
	packs, err := standard.LoadAll(standards.FS, "standards")
	if err != nil {
		return nil, err
	}
	if extra != nil {
		more, err := standard.LoadAll(extra, label)
		if err != nil {
			return nil, err
		}
		for _, p := range more {
			// A copy of an embedded pack, file for file, is that pack (the repository's own
			// standards/ folder, checked or served); any other pack with its id is refused.
			if !slices.ContainsFunc(packs, func(e *standard.Pack) bool { return e.ID == p.ID && e.Digest == p.Digest }) {
				packs = append(packs, p)
			}
		}
	}
	return packs, nil
}

// New serves the embedded packs with the common wording of templates/.
func New() (*Service, error) { return Open(Config{}) }

// The engine's types, as the service's callers know them.
type (
	Service        = engine.Service
	Kind           = engine.Kind
	KindInfo       = engine.KindInfo
	Result         = engine.Result
	Finding        = engine.Finding
	MalformedError = engine.MalformedError
	RuleInfo       = engine.RuleInfo
	Standard       = engine.Standard
	Decision       = decision.Decision
	DecisionDates  = decision.DecisionDates
	OfferDates     = decision.OfferDates
	ReceiptDates   = receipt.ReceiptDates
	FollowUpDates  = followup.FollowUpDates
	Receipt        = receipt.Receipt
	Reassessment   = reassessment.Reassessment
	FollowUp       = followup.FollowUp
	Deviation      = engine.Deviation
)

// What a rule rests on (RuleInfo.Basis).
const (
	BasisLaw      = engine.BasisLaw
	BasisStandard = engine.BasisStandard
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
	RuleStandardNotInForce   = engine.RuleStandardNotInForce
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
	RuleOtherOffersConsidered   = decision.RuleOtherOffersConsidered
	RuleAddressRequired         = engine.RuleAddressRequired
	RuleProcessingTime8Weeks    = decision.RuleProcessingTime8Weeks
	RuleHalfPlaceWithManyDays   = decision.RuleHalfPlaceWithManyDays
	RuleAppliedForMissing       = decision.RuleAppliedForMissing
	RulePartialRefusalMissing   = decision.RulePartialRefusalMissing
	RuleStartBeforeReceipt      = decision.RuleStartBeforeReceipt
	RuleHearingShort            = decision.RuleHearingShort
	RuleLegalBasisLaw           = decision.RuleLegalBasisLaw
	RuleOtherMunicipalityNamed  = decision.RuleOtherMunicipalityNamed

	RuleDeviationFromStandard = engine.RuleDeviationFromStandard
	RuleDeviationNotAllowed   = engine.RuleDeviationNotAllowed
	RuleDeviationUnused       = engine.RuleDeviationUnused
	// What a pack may add as data (issue 21).
	RuleCriterionUnassessed     = decision.RuleCriterionUnassessed
	RuleCriterionNotMet         = decision.RuleCriterionNotMet
	RuleSection103NotConsidered = decision.RuleSection103NotConsidered
	RuleTransportCondition      = decision.RuleTransportCondition

	RuleComplaintLate      = reassessment.RuleComplaintLate
	RuleReassessment4Weeks = reassessment.RuleReassessment4Weeks
	RuleHearingMissing     = reassessment.RuleHearingMissing
	RuleFollowUpTiming     = followup.RuleFollowUpTiming

	RuleOutcomeInconsistent = reassessment.RuleOutcomeInconsistent
)
