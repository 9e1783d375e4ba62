package engine

import "reflect"

// A letter kind and its rules: what a kind of letter declares (its request type, the date that
// picks the standard in force, its rules, its dates, its composition, and what the server and
// the preview need to know of its request: API) and how its rules run.
// The Checker the rules report to is check.go's.

// Kind is one letter kind of the registry (letters/kinds/registry.go): it checks a body and
// composes a letter. Only LetterKind implements it.
type Kind interface {
	kindName() string
	dateField() string
	info() KindInfo
	check(served *servedStandard, body []byte) (*Result, error)
	ruleInfo() []RuleInfo
}

// Rule is one rule of the standard: its contract code, whether it only warns, and its check.
// A rule with a Switch runs only where the standard's pack switches it on ("rules" in
// standard.json): a rule some municipalities have and others lack.
type Rule[T any] struct {
	Code   string
	Warn   bool
	Switch string
	// Basis is what the rule rests on: the law, which no decision may depart from, or the
	// municipality's standard, which a reasoned individual decision may (deviations).
	Basis Basis
	// Options are switches that change what the rule finds, not whether it runs (the rule's
	// Check reads them with Standard.On); like Switch, they are the pack's to set and a pack
	// may only set a switch some rule has.
	Options []string
	Check   func(c *Checker, l *T)
}

// Basis is what a rule rests on.
type Basis string

const (
	// BasisLaw: an Act (serviceloven, forvaltningsloven, retssikkerhedsloven) or what the letter
	// itself needs to be drawn and delivered; a decision cannot depart from it.
	BasisLaw Basis = "law"
	// BasisStandard: the municipality's quality standard, which is guidance; a decision may depart
	// from it in an individual case when it gives the reason.
	BasisStandard Basis = "standard"
)

// LetterKind is a kind whose request type is T. prepare derives what the rules, the dates and
// the composition share (parsed dates, age, deadlines), once.
type LetterKind[T any] struct {
	Name string
	// DateField is the request's top-level date that picks the version of the standard in
	// force ("decision_date", "letter_date").
	DateField string
	Prepare   func(std *Standard, l *T)
	// Nested runs the rules of a letter inside this one (a reassessment's decision) through a
	// Child checker, whose findings' paths are prefixed; optional.
	Nested func(c *Checker, l *T)
	// Deviations gives the letter's reasoned departures from rules of the standard (its
	// "deviations" field, see deviation.go); nil for a kind that has none.
	Deviations func(l *T) []Deviation
	Rules      []Rule[T]
	Dates      func(l *T) any
	Compose    func(c *Composer, l *T)
	// API is what the server and the preview need to know of the kind's request: its schema in
	// the OpenAPI description, and which of its fields take the standard's codes.
	API API
}

// API describes a kind's request to the server and the preview, so that they name no kind and
// no field of one (server/openapi.go, server/preview.go).
type API struct {
	// Schema is the name of the kind's request schema ("Decision"): its entry of the Letter
	// oneOf, and the schema the preview draws the form from.
	Schema string
	// OpenAPI is the kind's part of the OpenAPI description (the kind's openapi.json, embedded
	// in its package): {"schemas": {...}, "dates": {...}}. The server adds "schemas" to
	// components.schemas and "dates" (the schema of the kind's dates) to Validation.dates.anyOf.
	OpenAPI []byte
	// Limits are the schemas, besides Schema, whose free texts and lists have the limits of
	// every letter (MaxTextLength, MaxListItems): the shared ones it uses ("Case") and its own
	// inner ones ("Meeting").
	Limits []string
	// Codes are the fields of Schema that take codes from a list of the standard; their enum is
	// the union of the served packs' codes, and the preview labels them with the packs' words.
	Codes []CodeField
	// Deviations is the property of Schema that holds the letter's deviations ("deviations"),
	// "" for a kind that has none; the enum of its entries' "rule" is the kind's rules of the
	// standard (BasisStandard).
	Deviations string
}

// CodeField is a field that takes codes from a list of the standard.
type CodeField struct {
	// Path is the field in the request schema: property names, "[]" for a list's entries
	// ("granted[].activities[]"). A field whose type allows null gets null in its enum.
	Path string
	// Label is the preview's category of the codes' Danish labels ("activity").
	Label string
	// List is the standard's list the codes come from.
	List func(std *Standard) map[string]string
}

// KindInfo describes one registered kind (Service.KindInfos).
type KindInfo struct {
	Name string
	API
	// Request is the kind's request type (a test compares it with the schema).
	Request reflect.Type
	// Rules are the kind's rule codes, as Service.Rules lists them.
	Rules []RuleInfo
}

func (k *LetterKind[T]) info() KindInfo {
	return KindInfo{Name: k.Name, API: k.API, Request: reflect.TypeFor[T](), Rules: k.ruleInfo()}
}

// KindInfos describes the kinds the service knows, in the order they were registered.
func (s *Service) KindInfos() []KindInfo {
	out := make([]KindInfo, len(s.order))
	for i, k := range s.order {
		out[i] = k.info()
	}
	return out
}

// DefaultKind is the kind of a body that names none.
func (s *Service) DefaultKind() string { return KindDecision }

func (k *LetterKind[T]) kindName() string  { return k.Name }
func (k *LetterKind[T]) dateField() string { return k.DateField }

func (k *LetterKind[T]) ruleInfo() []RuleInfo {
	out := make([]RuleInfo, len(k.Rules))
	for i, r := range k.Rules {
		out[i] = RuleInfo{Code: r.Code, Warning: r.Warn, Kind: k.Name, Switch: r.Switch, Basis: r.Basis, Options: r.Options}
	}
	if k.Deviations != nil {
		out = append(out, deviationRules(k.Name)...)
	}
	return out
}

func (k *LetterKind[T]) check(served *servedStandard, body []byte) (*Result, error) {
	l := new(T)
	unknown, err := served.strictDecode(body, l)
	if err != nil {
		return nil, err
	}
	c := newChecker(served)
	c.errors = append(c.errors, unknown...)
	c.shape(l, "")
	k.RunRules(c, l)
	return &Result{Kind: k.Name, Errors: c.nonNil(c.errors), Warnings: c.nonNil(c.warnings),
		Dates: k.Dates(l), served: served, compose: func(cp *Composer) { k.Compose(cp, l) }}, nil
}

// RunRules prepares l and runs every rule of the kind on it that the standard has (check.go).
func (k *LetterKind[T]) RunRules(c *Checker, l *T) { runRules(c, k, l) }
