package letters

import (
	"io/fs"
	"slices"

	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/followup"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/receipt"
	"github.com/bronderslev/afgorelsesbreve/letters/standard"
	"github.com/bronderslev/afgorelsesbreve/standards"
	"github.com/bronderslev/afgorelsesbreve/templates"
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

// The engine's types, as the service's callers know them: the service and what it returns
// (Result.Dates holds one of the kinds' dates), and what a caller serving other kinds names
// (Config.Kinds, Service.KindInfos). A kind's request type is its package's.
type (
	Service        = engine.Service
	Kind           = engine.Kind
	KindInfo       = engine.KindInfo
	Result         = engine.Result
	Finding        = engine.Finding
	MalformedError = engine.MalformedError
	RuleInfo       = engine.RuleInfo
	Standard       = engine.Standard
	DecisionDates  = decision.DecisionDates
	OfferDates     = decision.OfferDates
	ReceiptDates   = receipt.ReceiptDates
	FollowUpDates  = followup.FollowUpDates
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

// Limits on one letter, as the contract names them (the rule codes: Service.Rules, or each
// kind's package and engine for the shape rules).
const (
	MaxTextLength = engine.MaxTextLength
	MaxListItems  = engine.MaxListItems
)
