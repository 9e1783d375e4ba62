package engine

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bronderslev/afgorelsesbreve/fonts"
	"github.com/bronderslev/afgorelsesbreve/letters/cpr"
	"github.com/go-playground/validator/v10"
)

// Checker is what a rule reports to. Every Checker of one letter reports into the same
// findings; each knows the path its fields sit under and, inside a rule's Check, the rule that
// runs. Nothing of a Checker changes while the rules run: RunRules makes one Checker per rule
// (forRule), and a letter inside a letter is checked through a Child whose paths are prefixed.
type Checker struct {
	*findings
	prefix string          // "decision." for a reassessment's decision (Child); "" for the letter
	rule   running         // the rule whose Check this Checker was made for; zero outside one
	dev    *deviationState // the deviations of the letter whose rules run; nil for none
}

// findings are the errors and warnings of one letter, under the version of the standard it is
// checked against.
type findings struct {
	served   *servedStandard
	errors   []Finding
	warnings []Finding
}

// running is the rule a Checker reports for.
type running struct {
	code  string
	warn  bool
	basis Basis
	lift  int // the entry of dev that lifts the rule's findings, or -1
}

func newChecker(served *servedStandard) *Checker {
	return &Checker{findings: &findings{served: served}}
}

// Child is a Checker for the fields under name (a reassessment's "decision"): the paths of its
// findings start with "name.", and they go to c's letter.
func (c *Checker) Child(name string) *Checker {
	return &Checker{findings: c.findings, prefix: c.prefix + name + "."}
}

// InsideAnotherLetter reports whether the Checker checks a letter inside a letter (a Child).
func (c *Checker) InsideAnotherLetter() bool { return c.prefix != "" }

// forRule is the Checker one rule's Check reports to, for rules whose letter has the
// deviations dev (nil for none).
func (c *Checker) forRule(code string, warn bool, basis Basis, dev *deviationState) Checker {
	return Checker{findings: c.findings, prefix: c.prefix, dev: dev,
		rule: running{code: code, warn: warn, basis: basis, lift: dev.lifts(code, basis)}}
}

// Report adds a finding of the running rule; variant picks the message ("rule.variant"). Where
// the letter departs from the rule with a reason (a rule of the standard), the finding becomes
// the warning deviation_from_standard at the same field, naming the rule's own finding.
func (c *Checker) Report(field, variant string, data map[string]any) {
	r := c.running()
	if c.dev != nil {
		c.dev.fired[r.code] = true
	}
	if c.dev != nil && r.lift >= 0 {
		c.dev.lifted[r.code] = true
		f := c.served.finding(c.prefix+field, r.code, variant, data)
		c.add(field, RuleDeviationFromStandard, "", true, map[string]any{"Rule": r.code, "Finding": f.Message})
		return
	}
	c.add(field, r.code, variant, r.warn, data)
	if c.dev != nil && r.basis == BasisStandard && !r.warn {
		// A rule of the standard refuses the letter: say how a reasoned exception is written.
		last := &c.errors[len(c.errors)-1]
		if hint, err := c.served.words.exec(c.served.words.messages, "deviation.hint", map[string]any{"Std": c.served.std}); err == nil {
			last.Message += " " + hint
		}
	}
}

// ReportAlways adds a finding of the running rule that no deviation lifts: a fact that is
// wrong (a start before the decision) rather than a departure from the standard's guidance.
func (c *Checker) ReportAlways(field, variant string, data map[string]any) {
	r := c.running()
	if c.dev != nil {
		c.dev.fired[r.code] = true
	}
	c.add(field, r.code, variant, r.warn, data)
}

// running is the rule c was made for; a report outside a rule's Check is a programming error.
func (c *Checker) running() running {
	if c.rule.code == "" {
		panic("engine: a finding reported outside a rule's Check")
	}
	return c.rule
}

// add adds a finding of any rule at field (under the checker's prefix).
func (c *Checker) add(field, rule, variant string, warn bool, data map[string]any) {
	f := c.served.finding(c.prefix+field, rule, variant, data)
	if warn {
		c.warnings = append(c.warnings, f)
	} else {
		c.errors = append(c.errors, f)
	}
}

// runRules prepares l and runs every rule of the kind k on it that the standard has, then the
// letter inside it (Nested) through a Child, and checks the letter's deviations.
func runRules[T any](c *Checker, k *LetterKind[T], l *T) {
	k.Prepare(c.served.std, l)
	if k.Nested != nil {
		k.Nested(c, l)
	}
	var dev *deviationState
	if k.Deviations != nil {
		dev = startDeviations(k.Deviations(l))
	}
	checkers := make([]Checker, len(k.Rules)) // one allocation for the letter's rules
	for i, r := range k.Rules {
		if r.Switch != "" && !c.served.std.On(r.Switch) {
			continue
		}
		checkers[i] = c.forRule(r.Code, r.Warn, r.Basis, dev)
		r.Check(&checkers[i], l)
	}
	if dev != nil {
		checkDeviations(c, k.Rules, dev)
	}
}

func (c *Checker) nonNil(f []Finding) []Finding {
	if f == nil {
		return []Finding{}
	}
	return f
}

// shape runs the validate tags of v and checks every string for characters the letter cannot
// print.
func (c *Checker) shape(v any, prefix string) {
	if err := c.served.validate.Struct(v); err != nil {
		verrs, ok := err.(validator.ValidationErrors)
		if !ok {
			panic(err) // only an invalid argument (not a struct) gets here: a programming error
		}
		found := make([]Finding, len(verrs))
		maps := make([]string, len(verrs)) // the map a finding is about, "" for none
		for i, fe := range verrs {
			found[i] = c.served.shapeFinding(c.prefix+prefix, fe)
			if at := mapKey.FindStringIndex(fe.Namespace()); at != nil {
				maps[i] = fe.Namespace()[:at[0]]
			}
		}
		// The validator visits a map's keys in Go's random order: each run of findings about
		// one map is sorted by field, so that the same body always gets the same answer.
		for i := 0; i < len(found); {
			j := i + 1
			for maps[i] != "" && j < len(found) && maps[j] == maps[i] {
				j++
			}
			slices.SortStableFunc(found[i:j], func(a, b Finding) int { return strings.Compare(a.Field, b.Field) })
			i = j
		}
		c.errors = append(c.errors, found...)
	}
	c.printable(reflect.ValueOf(v), c.prefix+prefix)
}

func (s *servedStandard) shapeFinding(prefix string, fe validator.FieldError) Finding {
	// Namespace is "Decision.citizen.cpr"; drop the type name, and the names of embedded
	// structs, whose fields JSON reads as the outer struct's.
	_, field, _ := strings.Cut(strings.ReplaceAll(fe.Namespace(), "."+embeddedName, ""), ".")
	field = prefix + mapKeyPath(field)
	switch fe.Tag() {
	case "required", "min":
		return s.finding(field, RuleRequired, "", nil)
	case "date", "cpr", "email", "clock":
		return s.finding(field, RuleInvalidFormat, fe.Tag(), nil)
	case "enum":
		// A category may word its own message ("invalid_value.criterion").
		variant := ""
		if s.words.messages.Lookup(RuleInvalidValue+"."+fe.Param()) != nil {
			variant = fe.Param()
		}
		return s.finding(field, RuleInvalidValue, variant, map[string]any{
			"Allowed": s.words.labelCodes(fe.Param())})
	case "unique":
		return s.finding(field, RuleInvalidValue, "unique", nil)
	}
	return s.finding(field, RuleInvalidValue, "", nil)
}

// mapKeyPath writes a map's key as the JSON path does: the validator's "criteria[pedagogical_aim]"
// is "criteria.pedagogical_aim" (a list's index stays "[0]").
func mapKeyPath(field string) string { return mapKey.ReplaceAllString(field, ".$1") }

var mapKey = regexp.MustCompile(`\[([^\]0-9][^\]]*)\]`)

// printable reports every string field holding a character that no embedded font can draw,
// or a control character other than line break and tab (nothing is ever printed as "?"), every
// text longer than MaxTextLength characters and every list longer than MaxListItems. path is
// where v sits; the walk writes it out only for a finding.
func (c *Checker) printable(v reflect.Value, path string) {
	p := printWalk{c: c, root: path, steps: make([]step, 0, 8)}
	p.value(v)
}

type printWalk struct {
	c     *Checker
	root  string
	steps []step
}

func (p *printWalk) path() string {
	w := walker{steps: p.steps}
	rest := w.path()
	if rest == "" || rest[0] == '[' {
		return p.root + rest
	}
	return joinPath(p.root, rest)
}

func (p *printWalk) value(v reflect.Value) {
	c := p.c
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			p.value(v.Elem())
		}
	case reflect.Struct:
		for _, f := range structFields(v.Type()) {
			p.steps = append(p.steps, step{name: jsonName(f), index: -1})
			p.value(v.FieldByIndex(f.Index))
			p.steps = p.steps[:len(p.steps)-1]
		}
	case reflect.Slice:
		if v.Len() > MaxListItems {
			c.errors = append(c.errors, c.served.finding(p.path(), RuleTooManyItems, "", map[string]any{"N": v.Len(), "Max": MaxListItems}))
			return
		}
		for i := range v.Len() {
			p.steps = append(p.steps, step{index: i})
			p.value(v.Index(i))
			p.steps = p.steps[:len(p.steps)-1]
		}
	case reflect.String:
		s := v.String()
		if n := utf8.RuneCountInString(s); n > MaxTextLength {
			c.errors = append(c.errors, c.served.finding(p.path(), RuleTextTooLong, "", map[string]any{"N": n, "Max": MaxTextLength}))
			return
		}
		if r, bad := firstUnprintable(s); bad {
			c.errors = append(c.errors, c.served.finding(p.path(), RuleUnsupportedCharacter, "",
				map[string]any{"Code": fmt.Sprintf("U+%04X", r)}))
		}
	}
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// firstUnprintable finds the first rune of s that a letter cannot print faithfully. U+FFFD is
// refused too: it is what a broken conversion upstream (or a lone surrogate escape) leaves. So
// are invisible format characters (zero-width joiners, bidi overrides that would reorder a name
// in the HTML rendition), except the soft hyphen.
func firstUnprintable(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
		case r == utf8.RuneError || unicode.Is(unicode.Cf, r) || !fonts.Covers(r):
			return r, true
		}
	}
	return 0, false
}

// embeddedName stands for an embedded struct in the validator's field paths; no JSON name has
// a space.
const embeddedName = "(embedded struct)"

func newValidator(l labels) *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		if embedded(f) {
			return embeddedName // dropped from the field's path by shapeFinding
		}
		return jsonName(f)
	})
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(v.RegisterValidation("date", func(fl validator.FieldLevel) bool {
		_, err := time.Parse(time.DateOnly, fl.Field().String())
		return err == nil
	}))
	must(v.RegisterValidation("cpr", func(fl validator.FieldLevel) bool { return cpr.ShapeOK(fl.Field().String()) }))
	must(v.RegisterValidation("clock", func(fl validator.FieldLevel) bool {
		_, err := time.Parse("15:04", fl.Field().String())
		return err == nil && len(fl.Field().String()) == 5
	}))
	must(v.RegisterValidation("enum", func(fl validator.FieldLevel) bool { return l.has(fl.Param(), fl.Field().String()) }))
	return v
}

// labelCodes lists the codes of a label category, sorted, for "allowed values" messages.
func (w *wording) labelCodes(category string) string {
	codes := make([]string, 0, len(w.labels.byCategory[category]))
	for code := range w.labels.byCategory[category] {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	return strings.Join(codes, ", ")
}

// ParseDate reads a YYYY-MM-DD date; the zero time when it is not one (the shape check has
// then reported it, and rules that need the date stay quiet).
func ParseDate(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// ISODate prints a date for the API, or "" for the zero time (omitted in JSON).
func ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
