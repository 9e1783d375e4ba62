package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/go-playground/validator/v10"
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

// Service validates and composes letters against one quality standard. It is safe for
// concurrent use; build it once per process with New.
type Service struct {
	std      *Standard
	words    *wording
	validate *validator.Validate
	kinds    map[string]Kind
	order    []Kind // as registered
}

// New loads the standard and the Danish wording from fsys (templates.FS, or another folder for
// a legal adviser trying a new wording) and serves the kinds given, in that order.
func New(fsys fs.FS, kinds ...Kind) (*Service, error) {
	std, err := loadStandard(fsys)
	if err != nil {
		return nil, err
	}
	words, err := loadWording(fsys, std)
	if err != nil {
		return nil, err
	}
	s := &Service{std: std, words: words, kinds: map[string]Kind{}, order: kinds}
	s.validate = newValidator(words.labels)
	for _, k := range kinds {
		s.kinds[k.kindName()] = k
	}
	return s, nil
}

// Standard returns the quality standard the service validates against.
func (s *Service) Standard() *Standard { return s.std }

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
	Kind     string    `json:"-"`
	Errors   []Finding `json:"errors"`
	Warnings []Finding `json:"warnings"`
	Dates    any       `json:"dates"`
	letter   any
	compose  func(*Composer)
}

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

// Check decodes a request body strictly and checks it against the standard. A body that is not
// UTF-8 JSON of the right types is a *MalformedError; every other fault is a finding.
func (s *Service) Check(body []byte) (*Result, error) {
	name, err := peekKind(body)
	if err != nil {
		return nil, err
	}
	k, ok := s.kinds[name]
	if !ok {
		return &Result{Kind: name, Dates: struct{}{}, Warnings: []Finding{}, Errors: []Finding{
			s.finding("kind", RuleInvalidValue, "", map[string]any{"Allowed": strings.Join(s.Kinds(), ", ")}),
		}}, nil
	}
	return k.check(s, body)
}

// Errors a caller tells apart with errors.Is.
var (
	// ErrUnknownKind: the letter's kind is not one the service has (the result names it).
	ErrUnknownKind = errors.New("letters: unknown kind")
	// ErrNotComposable: the letter cannot be composed: it has errors (Compose), or a template
	// failed on it.
	ErrNotComposable = errors.New("letters: the letter cannot be composed")
)

// Compose builds the letter's document. It refuses a result with errors: a letter that breaks
// the standard is never drawn (the preview draws drafts through ComposeDraft).
func (s *Service) Compose(r *Result) (*document.Document, error) {
	if !r.Drawable() {
		return nil, fmt.Errorf("%w: %q", ErrUnknownKind, r.Kind)
	}
	if !r.Valid() {
		return nil, fmt.Errorf("%w: the %s has %d errors", ErrNotComposable, r.Kind, len(r.Errors))
	}
	c := &Composer{Words: s.words, Std: s.std, doc: &document.Document{}}
	r.compose(c)
	if c.err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotComposable, c.err)
	}
	return c.doc, nil
}

// ComposeDraft builds a preview of any checked letter, errors and all: the document is marked
// as a draft (renderers watermark it) and, when there are findings, opens with a box listing
// them, so that a draft can never be mistaken for a letter that may be sent.
func (s *Service) ComposeDraft(r *Result) (*document.Document, error) {
	if !r.Drawable() {
		return nil, fmt.Errorf("%w: %q", ErrUnknownKind, r.Kind)
	}
	c := &Composer{Words: s.words, Std: s.std, doc: &document.Document{}}
	r.compose(c)
	if c.err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotComposable, c.err)
	}
	d := c.doc
	d.Draft = true
	if len(r.Errors)+len(r.Warnings) > 0 {
		n := document.Notice{Title: c.TextWith("draft.title", r)}
		for _, f := range r.Errors {
			n.Lines = append(n.Lines, c.TextWith("draft.error", f))
		}
		for _, f := range r.Warnings {
			n.Lines = append(n.Lines, c.TextWith("draft.warning", f))
		}
		d.Body = append([]document.Block{n}, d.Body...)
	}
	return d, c.err
}

// peekKind reads the top-level "kind" of a body; a body without one is a decision.
func peekKind(body []byte) (string, error) {
	// The whole body is UTF-8 before anything is read from it, the kind included.
	if !utf8.Valid(body) {
		return "", &MalformedError{Detail: "Forespørgslen er ikke gyldig UTF-8."}
	}
	var head struct {
		Kind json.RawMessage `json:"kind"`
	}
	if err := json.Unmarshal(body, &head); err != nil {
		if _, isType := err.(*json.UnmarshalTypeError); isType {
			return "", &MalformedError{Detail: "Forespørgslen skal være et JSON-objekt."}
		}
		return "", syntaxError(err)
	}
	if bytes.Equal(bytes.TrimSpace(body), []byte("null")) { // JSON, but no object
		return "", &MalformedError{Detail: "Forespørgslen skal være et JSON-objekt."}
	}
	if len(head.Kind) == 0 || bytes.Equal(head.Kind, []byte("null")) {
		return KindDecision, nil
	}
	var name string
	if err := json.Unmarshal(head.Kind, &name); err != nil {
		return "", &MalformedError{Detail: "Et eller flere felter har en forkert JSON-type.", Faults: []Finding{
			{Field: "kind", Rule: RuleInvalidFormat, Message: "Feltet skal være en tekst."}}}
	}
	return name, nil
}

// finding renders the Danish message of a rule (template "rule" or "rule.variant" in
// templates/messages.tmpl) for the field at path.
func (s *Service) finding(path, rule, variant string, data map[string]any) Finding {
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
}

// Rules lists every rule code: the shape rules, then each kind's rules in order.
func (s *Service) Rules() []RuleInfo {
	out := []RuleInfo{}
	for _, code := range []string{RuleRequired, RuleInvalidFormat, RuleInvalidValue, RuleUnknownField,
		RuleUnsupportedCharacter, RuleTextTooLong, RuleTooManyItems} {
		out = append(out, RuleInfo{Code: code})
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
