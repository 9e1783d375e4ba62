package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/standard"
)

// Shape rule codes of the contract (the standard's rule codes are beside their checks).
const (
	RuleRequired             = "required"
	RuleInvalidFormat        = "invalid_format"
	RuleInvalidValue         = "invalid_value"
	RuleUnknownField         = "unknown_field"
	RuleUnsupportedCharacter = "unsupported_character"
	RuleTextTooLong          = "text_too_long"
	RuleTooManyItems         = "too_many_items"
	// RuleStandardNotInForce (warning): the letter's date comes before the version of the
	// standard it is checked against.
	RuleStandardNotInForce = "standard_not_in_force"
)

// Rule codes every letter to the citizen has (DECISION-API-v1.md, "Rule codes").
const (
	RuleCPRInvalid      = "cpr_invalid"
	RuleDatesOrder      = "dates_order"
	RuleAddressRequired = "address_required"
)

// KindDecision is the kind of a body that names none (DECISION-API-v1.md).
const KindDecision = "decision"

// Limits on what one letter may hold, so that no request can make the service draw without end.
// A free text of up to MaxTextLength characters always renders.
const (
	MaxTextLength = 10000 // characters in one free text
	MaxListItems  = 50    // entries in one list
)

// Finding is one error or warning: the JSON path of the field at fault, the rule code and a
// Danish message for the caseworker.
type Finding struct {
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// Service validates and composes letters, each against the version of its municipality's
// quality standard that applies to it. It is safe for concurrent use; build it once per process
// with New.
type Service struct {
	catalog   *standard.Catalog
	standards map[string]*servedStandard // by pack id
	kinds     map[string]Kind
	order     []Kind // as registered
	names     Names
}

// New serves the kinds given, in that order, under every pack of the catalog. common holds the
// wording and numbers every municipality shares (templates.FS, or another folder for a legal
// adviser trying a new wording); each pack's own wording is layered over it. A pack whose
// wording does not parse, or that switches on a rule no kind has, is refused with its folder
// and field named.
func New(common fs.FS, catalog *standard.Catalog, kinds ...Kind) (*Service, error) {
	law, err := loadLaw(common)
	if err != nil {
		return nil, err
	}
	names, err := loadNames(common)
	if err != nil {
		return nil, err
	}
	s := &Service{catalog: catalog, standards: map[string]*servedStandard{}, kinds: map[string]Kind{}, order: kinds, names: names}
	switches := map[string]bool{}
	var codes []CodeField
	for _, k := range kinds {
		s.kinds[k.kindName()] = k
		codes = append(codes, k.info().Codes...)
		for _, r := range k.ruleInfo() {
			if r.Switch != "" {
				switches[r.Switch] = true
			}
			for _, o := range r.Options {
				switches[o] = true
			}
		}
	}
	var municipalities []string
	for _, p := range catalog.Packs() {
		if s.standards[p.ID], err = serveStandard(common, names, law, p, switches, codes); err != nil {
			return nil, err
		}
		if !slices.Contains(municipalities, p.Municipality.Name) {
			municipalities = append(municipalities, p.Municipality.Name)
		}
	}
	for _, served := range s.standards {
		served.municipalities = municipalities
	}
	return s, nil
}

// OtherMunicipalities are the names of the served packs' municipalities other than the one
// whose standard the letter is checked under (rule other_municipality_named).
func (c *Checker) OtherMunicipalities() []string {
	var out []string
	for _, name := range c.served.municipalities {
		if name != c.served.std.Municipality.Name {
			out = append(out, name)
		}
	}
	return out
}

// Catalog is the packs the service serves.
func (s *Service) Catalog() *standard.Catalog { return s.catalog }

// Current is the configured municipality's version in force today: the one problems without a
// letter name.
func (s *Service) Current() *Standard {
	p, _ := s.catalog.InForce(time.Now())
	return s.standards[p.ID].std
}

// Standards lists every served version, as the letters see it (with the law's numbers).
func (s *Service) Standards() []*Standard {
	out := make([]*Standard, 0, len(s.catalog.Packs()))
	for _, p := range s.catalog.Packs() {
		out = append(out, s.standards[p.ID].std)
	}
	return out
}

// Kinds lists the letter kinds the service knows, in s.order order.
func (s *Service) Kinds() []string {
	names := make([]string, len(s.order))
	for i, k := range s.order {
		names[i] = k.kindName()
	}
	return names
}

// Result is a checked letter: its kind, its findings, the dates it states and, when it has
// no errors, what Compose needs to build the document.
type Result struct {
	Kind     string          `json:"-"`
	Errors   []Finding       `json:"errors"`
	Warnings []Finding       `json:"warnings"`
	Dates    any             `json:"dates"`
	served   *servedStandard // the version of the standard checked against
	compose  func(*Composer)
}

// Standard is the version of the standard the letter was checked against, and is composed
// under.
func (r *Result) Standard() *Standard { return r.served.std }

// Valid reports whether the letter may be sent.
func (r *Result) Valid() bool { return len(r.Errors) == 0 }

// Drawable reports whether there is a letter to draw, even as a draft: not for a kind that does
// not exist.
func (r *Result) Drawable() bool { return r.compose != nil }

// Rules lists the rule codes of the errors and then the warnings, for logs and metrics.
func (r *Result) Rules() []string {
	codes := make([]string, 0, len(r.Errors)+len(r.Warnings))
	for _, f := range append(append([]Finding(nil), r.Errors...), r.Warnings...) {
		codes = append(codes, f.Rule)
	}
	return codes
}

// Check decodes a request body strictly and checks it against the standard that applies: the
// one the body names in "standard", else the configured municipality's version in force on the
// kind's date. A body that is not UTF-8 JSON of the right types is a *MalformedError; every
// other fault is a finding.
func (s *Service) Check(body []byte) (*Result, error) {
	return s.CheckIn(body, s.catalog.Municipality())
}

// CheckIn is Check where a body without "standard" gets municipality's version in force on the
// kind's date instead of the configured municipality's (the server's choice for a caller bound
// to one municipality). A body that names a standard gets that one, whatever municipality says.
func (s *Service) CheckIn(body []byte, municipality string) (*Result, error) {
	h, err := peekHead(body)
	if err != nil {
		return nil, err
	}
	k, ok := s.kinds[h.kind]
	if !ok {
		p, _ := s.catalog.InForceOf(municipality, time.Now())
		served := s.standards[p.ID]
		return &Result{Kind: h.kind, Dates: struct{}{}, Warnings: []Finding{}, served: served, Errors: []Finding{
			served.finding("kind", RuleInvalidValue, "", map[string]any{"Allowed": strings.Join(s.Kinds(), ", ")}),
		}}, nil
	}
	date := ParseDate(h.date(k.dateField()))
	p, early := s.catalog.InForceOf(municipality, date)
	var unknownStandard bool
	if h.standard != "" {
		named, found := s.catalog.ByID(h.standard)
		if found {
			p, early = named, !date.IsZero() && named.ValidFromDate().After(date)
		}
		unknownStandard = !found
	}
	served := s.standards[p.ID]
	r, err := k.check(served, body)
	if err != nil {
		return nil, err
	}
	if unknownStandard {
		ids := make([]string, 0, len(s.catalog.Packs()))
		for _, p := range s.catalog.Packs() {
			ids = append(ids, p.ID)
		}
		r.Errors = append([]Finding{served.finding("standard", RuleInvalidValue, "", map[string]any{"Allowed": strings.Join(ids, ", ")})}, r.Errors...)
	}
	if early {
		r.Warnings = append(r.Warnings, served.finding(k.dateField(), RuleStandardNotInForce, "", map[string]any{"Date": date}))
	}
	return r, nil
}

// Errors a caller tells apart with errors.Is.
var (
	// ErrUnknownKind: the letter's kind is not one the service has (the result names it).
	ErrUnknownKind = errors.New("letters: unknown kind")
	// ErrNotComposable: the letter cannot be composed: it has errors (Compose), or a template
	// failed on it.
	ErrNotComposable = errors.New("letters: the letter cannot be composed")
)

// Compose builds the letter's document from what the check kept (the decoded request and the
// version of the standard). It refuses a result with errors: a letter that breaks the standard
// is never drawn (the preview draws drafts through ComposeDraft).
func (r *Result) Compose() (*document.Document, error) {
	if !r.Drawable() {
		return nil, fmt.Errorf("%w: %q", ErrUnknownKind, r.Kind)
	}
	if !r.Valid() {
		return nil, fmt.Errorf("%w: the %s has %d errors", ErrNotComposable, r.Kind, len(r.Errors))
	}
	c := newComposer(r.served)
	r.compose(c)
	if c.err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotComposable, c.err)
	}
	return c.doc, nil
}

// ComposeDraft builds a preview of any checked letter, errors and all: the document is marked
// as a draft (renderers watermark it) and, when there are findings, opens with a box listing
// them, so that a draft can never be mistaken for a letter that may be sent.
func (r *Result) ComposeDraft() (*document.Document, error) {
	if !r.Drawable() {
		return nil, fmt.Errorf("%w: %q", ErrUnknownKind, r.Kind)
	}
	c := newComposer(r.served)
	r.compose(c)
	if c.err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotComposable, c.err)
	}
	d := c.doc
	d.Draft, d.Watermark = true, c.Say("draft.watermark", r)
	if len(r.Errors)+len(r.Warnings) > 0 {
		n := document.Notice{Title: c.Say("draft.title", r)}
		for _, f := range r.Errors {
			n.Lines = append(n.Lines, c.Say("draft.error", f))
		}
		for _, f := range r.Warnings {
			n.Lines = append(n.Lines, c.Say("draft.warning", f))
		}
		d.Body = append([]document.Block{n}, d.Body...)
	}
	return d, c.err
}

// head is what Check reads before the body is decoded: the kind, the standard it names and
// its top-level fields, for the kind's date.
type head struct {
	kind, standard string
	fields         topFields
}

// topFields are the top-level members of a body, each with its value's JSON text, in order.
type topFields []topField

type topField struct {
	name  string
	value []byte
}

// get is the value of the last member called name (as encoding/json reads a name given twice
// into a map), or nil.
func (fs topFields) get(name string) []byte {
	for i := len(fs) - 1; i >= 0; i-- {
		if fs[i].name == name {
			return fs[i].value
		}
	}
	return nil
}

func (h head) date(field string) string {
	d, _ := text(h.fields.get(field))
	return d
}

// text reads a member's value (JSON text) as a string; ok is false for null, an absent member
// or a value of another type.
func text(value []byte) (s string, ok bool) {
	tok, err := (&validTokens{b: value}).Token()
	s, ok = tok.(string)
	return s, ok && err == nil
}

// onlyValid is a JSON value that encoding/json checks and keeps nothing of: Unmarshal checks the
// whole text before it reads any of it, and gives the same syntax errors whatever it fills.
type onlyValid struct{}

func (*onlyValid) UnmarshalJSON([]byte) error { return nil }

// peekHead is where a body is checked, once: it is UTF-8 and one valid JSON object. It reads the
// object's top level for the kind, the standard it names and the kind's date; a body without a
// kind is a decision. A standard of the wrong JSON type is left for the strict decoding (the one
// reading of the whole body, strictDecode) to report.
func peekHead(body []byte) (head, error) {
	// The whole body is UTF-8 before anything is read from it, the kind included.
	if !utf8.Valid(body) {
		return head{}, &MalformedError{Detail: "Forespørgslen er ikke gyldig UTF-8."}
	}
	if !json.Valid(body) { // scanned, nothing stored; the error's position only for a bad body
		return head{}, syntaxError(json.Unmarshal(body, new(onlyValid)))
	}
	// Valid JSON: one value. An object's members are read with validTokens; anything else
	// (null too: JSON, but no object) is refused.
	t := &validTokens{b: body}
	if tok, _ := t.Token(); tok != json.Delim('{') {
		return head{}, &MalformedError{Detail: "Forespørgslen skal være et JSON-objekt."}
	}
	h := head{fields: make(topFields, 0, 32)} // a letter has some 10 to 20 members
	for t.More() {
		name, err := t.Token()
		if err != nil {
			return head{}, syntaxError(err)
		}
		t.skip()
		start := t.i
		t.skipValue()
		h.fields = append(h.fields, topField{name.(string), body[start:t.i]})
	}
	h.standard, _ = text(h.fields.get("standard"))
	kind := h.fields.get("kind")
	if len(kind) == 0 || bytes.Equal(kind, []byte("null")) {
		h.kind = KindDecision
		return h, nil
	}
	var ok bool
	if h.kind, ok = text(kind); !ok {
		return head{}, &MalformedError{Detail: "Et eller flere felter har en forkert JSON-type.", Faults: []Finding{
			{Field: "kind", Rule: RuleInvalidFormat, Message: "Feltet skal være en tekst."}}}
	}
	return h, nil
}

// finding renders the Danish message of a rule (template "rule" or "rule.variant" in
// templates/messages.tmpl) for the field at path.
func (s *servedStandard) finding(path, rule, variant string, data map[string]any) Finding {
	name := rule
	if variant != "" {
		name += "." + variant
	}
	if data == nil {
		data = map[string]any{}
	}
	data["Std"] = s.std
	data["Field"] = path
	msg, err := s.words.exec(s.words.messages, name, data)
	if err != nil {
		msg = "Feltet overholder ikke reglen " + rule + "." // a missing template must not hide the fault
	}
	return Finding{Field: path, Rule: rule, Message: msg}
}

// RuleInfo describes one rule code the service can report.
type RuleInfo struct {
	Code    string
	Warning bool
	Kind    string // "" for shape rules shared by all kinds
	// Switch names the pack's switch that turns the rule on; "" for a rule every standard has.
	Switch string
	// Basis is what the rule rests on (BasisLaw for the shape rules).
	Basis Basis
	// Options are the pack's switches that change what the rule finds (not whether it runs).
	Options []string
}

// Rules lists every rule code: the shape rules, then each kind's rules in order.
func (s *Service) Rules() []RuleInfo {
	out := []RuleInfo{}
	for _, code := range []string{RuleRequired, RuleInvalidFormat, RuleInvalidValue, RuleUnknownField,
		RuleUnsupportedCharacter, RuleTextTooLong, RuleTooManyItems, RuleStandardNotInForce} {
		out = append(out, RuleInfo{Code: code, Warning: code == RuleStandardNotInForce, Basis: BasisLaw})
	}
	seen := map[string]bool{}
	for _, k := range s.order {
		for _, r := range k.ruleInfo() {
			if !seen[r.Code] {
				seen[r.Code] = true
				out = append(out, r)
			}
		}
	}
	return out
}
