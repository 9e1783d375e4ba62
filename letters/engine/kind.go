package engine

// A letter kind and its rules: what a kind of letter declares (its request type, the date that
// picks the standard in force, its rules, its dates and its composition) and how its rules run.
// The Checker the rules report to is check.go's.

// Kind is one letter kind of the registry (letters/kinds.go): it checks a body and composes a
// letter. Only LetterKind implements it.
type Kind interface {
	kindName() string
	dateField() string
	check(ed *edition, body []byte) (*Result, error)
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
}

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

func (k *LetterKind[T]) check(ed *edition, body []byte) (*Result, error) {
	l := new(T)
	unknown, err := ed.strictDecode(body, l)
	if err != nil {
		return nil, err
	}
	c := newChecker(ed)
	c.errors = append(c.errors, unknown...)
	c.shape(l, "")
	k.RunRules(c, l)
	return &Result{Kind: k.Name, Errors: c.nonNil(c.errors), Warnings: c.nonNil(c.warnings),
		Dates: k.Dates(l), ed: ed, compose: func(cp *Composer) { k.Compose(cp, l) }}, nil
}

// RunRules prepares l and runs every rule of the kind on it that the standard has (check.go).
func (k *LetterKind[T]) RunRules(c *Checker, l *T) { runRules(c, k, l) }
