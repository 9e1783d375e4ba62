package main

import (
	"cmp"
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/letters/standard"
)

// The repository's test packs: the README has a newcomer copy one, so a pack is compared with
// them too (what it kept of theirs by mistake).
//
//go:embed testdata/standards
var testPacksFS embed.FS

// standardsCommand is "standards check DIR": the check the service makes of a folder of packs
// before it serves them (JSON Schema, unknown keys, templates parsed and every name they use
// present, switches, ids, names and dates), warnings for what a pack seems to have copied from
// another municipality's, and then every example letter composed and drawn under each pack, so
// that a wording that only fails on a letter fails here, with a count of the examples the pack
// refuses and why.
func standardsCommand(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("standards check", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: afgorelsesbreve standards check DIR\n\nChecks every pack in DIR (each a folder with standard.json and optional templates/).")
	}
	if len(args) == 0 || args[0] != "check" {
		fset.Usage()
		return 2
	}
	if err := fset.Parse(args[1:]); err != nil || fset.NArg() != 1 {
		fset.Usage()
		return 2
	}
	dir := fset.Arg(0)
	if problem := packsFolderProblem(dir); problem != "" {
		fmt.Fprintln(stderr, problem)
		return 1
	}
	packs, err := standard.LoadAll(os.DirFS(dir), dir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	// The packs on their own (templates, switches, the versions of each municipality) ...
	svc, err := letters.Open(letters.Config{Packs: os.DirFS(dir), PacksLabel: dir, OnlyPacks: true, Municipality: packs[0].Municipality.ID})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	// ... and beside the embedded packs, as the service serves them (LETTERS_STANDARDS): what
	// fails now clashes with one of those.
	if _, err := letters.Open(letters.Config{Packs: os.DirFS(dir), PacksLabel: dir, Municipality: packs[0].Municipality.ID}); err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stderr, embeddedClashHint(err))
		return 1
	}
	for _, w := range copyWarnings(packs) {
		fmt.Fprintln(stderr, w)
	}
	baseline, err := letters.New()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	failed := false
	for _, p := range packs {
		run := composeExamples(svc, baseline, p.ID)
		for _, f := range run.faults {
			fmt.Fprintf(stderr, "%s: %s\n", p.Dir, f)
			failed = true
		}
		if len(run.faults) == 0 {
			from := "in force from " + p.ValidFrom
			if p.ValidFrom == "" {
				from = "no valid_from: in force for every date"
			}
			fmt.Fprintf(stdout, "ok  %s (%s, %s): %d example letters composed and drawn (as drafts)\n", p.ID, p.Municipality.Name, from, run.drawn)
			if p.Partial != "" {
				fmt.Fprintf(stdout, "    written from a partial reading (%q): what it leaves out may only not have been seen\n", p.Partial)
			}
			for _, line := range run.summary() {
				fmt.Fprintln(stdout, "    "+line)
			}
		}
	}
	if failed {
		return 1
	}
	return 0
}

// packsFolderProblem says what to give instead when dir is not a folder of packs: it does not
// exist, it is a file, or it is a pack itself. "" when it may be one.
func packsFolderProblem(dir string) string {
	const want = "give the folder that holds the packs, each pack a folder with a standard.json"
	parent := func(p string) string {
		switch p = filepath.Clean(p); {
		case p == ".":
			return ".."
		case filepath.Base(p) == "..":
			return filepath.Join(p, "..")
		}
		return filepath.Dir(p)
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s does not exist; %s (for instance standards, or /srv/standards)", dir, want)
	case err != nil:
		return err.Error()
	case !info.IsDir() && filepath.Base(dir) == "standard.json":
		return fmt.Sprintf("%s is a pack's standard.json; give the folder that holds the pack's folder: standards check %s", dir, parent(filepath.Dir(dir)))
	case !info.IsDir():
		return fmt.Sprintf("%s is a file; %s", dir, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "standard.json")); err == nil {
		return fmt.Sprintf("%s is a pack; give the folder that holds it: standards check %s", dir, parent(dir))
	}
	return ""
}

// embeddedClashHint says what to do about a clash with a pack built into the service.
func embeddedClashHint(err error) string {
	what := "another id, date or name"
	var es standard.Errors
	if errors.As(err, &es) && len(es) > 0 {
		switch es[0].Field {
		case "/id":
			what = "another id (a copy of a built-in pack is served only when it is the same, file for file)"
		case "/valid_from":
			what = "another valid_from"
		case "/municipality/id":
			what = "the built-in pack's municipality id, or another municipality name"
		}
	}
	return "(the service serves these packs beside the ones built into it, from the repository's standards/ folder; give this version " + what + ")"
}

// copyWarnings compares each pack of the folder with every other municipality's pack the service
// or the repository has (the built-in packs, the test packs, the folder's others) and warns of
// what it seems to have copied. A warning does not fail the check: two standards may share a
// rule, and a municipality may mean to.
func copyWarnings(packs []*standard.Pack) []string {
	others := slices.Clone(packs)
	builtIn, _ := letters.LoadPacks(nil, "")
	sub, _ := fs.Sub(testPacksFS, "testdata/standards")
	tests, _ := standard.LoadAll(sub, "testdata/standards")
	for _, q := range append(builtIn, tests...) {
		if !slices.ContainsFunc(others, func(o *standard.Pack) bool { return o.ID == q.ID && o.Digest == q.Digest }) {
			others = append(others, q)
		}
	}
	var out []string
	for i, p := range packs {
		for j, q := range others {
			if j < len(packs) && j <= i {
				continue // a pair of the folder's own packs once
			}
			shared := standard.Shared(p, q)
			if len(shared) == 0 {
				continue
			}
			out = append(out, fmt.Sprintf("warning: %s (%s) has what %s (%s) has; copied from it? Make each say what this pack's standard says, or let it be if it is meant:\n  - %s",
				p.ID, p.Municipality.Name, q.Dir, q.Municipality.Name, strings.Join(shared, "\n  - ")))
		}
	}
	return out
}

// exampleRun is what became of the example letters under one pack.
type exampleRun struct {
	drawn, total int
	faults       []string // letters that could not be composed or drawn: the pack fails
	// pass: no error under the pack; asMeant: refused, but as under the standard the examples
	// are written for (they break a rule on purpose); here: refused for what only this pack says.
	pass, asMeant, here int
	baseName            string
	reasons             []*refusal
}

// refusal is one reason examples are refused under a pack and not under the examples' own
// standard.
type refusal struct {
	key, rule, field string // field: of codes not in the lists
	switchName       string // the pack's rule switch that turns the rule on
	files            []string
	codes            []string // for codes the pack's lists do not have
}

// composeExamples composes and draws every example letter under the pack id, as a draft (an
// example may break this standard's rules: the check is of the pack's wording, not of the
// examples), and counts the examples refused under it that are not refused under baseline's
// standard in force (the one they are written for), by reason.
func composeExamples(svc, baseline *letters.Service, id string) *exampleRun {
	files, _ := fs.Glob(examplesFS, "testdata/*/*.json")
	rules, _ := fs.Glob(examplesFS, "testdata/*/rules/*.json")
	files = append(files, rules...)
	slices.Sort(files)
	renderer := pdfrender.New()
	run := &exampleRun{}
	switches := map[string]string{}
	for _, r := range svc.Rules() {
		switches[r.Code] = r.Switch
	}
	for _, f := range files {
		raw, _ := fs.ReadFile(examplesFS, f)
		var body map[string]any
		if json.Unmarshal(raw, &body) != nil {
			continue
		}
		run.total++
		base, _ := baseline.Check(raw)
		body["standard"] = id
		raw, _ = json.Marshal(body)
		res, err := svc.Check(raw)
		if err == nil && res.Standard().ID != id {
			err = fmt.Errorf("checked under %s", res.Standard().ID)
		}
		if err == nil {
			var doc, derr = res.ComposeDraft()
			if err = derr; err == nil {
				_, err = renderer.RenderBytes(doc)
			}
		}
		if err != nil {
			run.faults = append(run.faults, fmt.Sprintf("%s: %v", strings.TrimPrefix(f, "testdata/"), err))
			continue
		}
		run.drawn++
		run.count(strings.TrimPrefix(f, "testdata/"), body, res, base, switches)
	}
	return run
}

// count files one example's result under the pack against its result under the baseline.
func (run *exampleRun) count(file string, body map[string]any, res, base *letters.Result, switches map[string]string) {
	if len(res.Errors) == 0 {
		run.pass++
		return
	}
	known := map[string]bool{}
	if base != nil {
		run.baseName = base.Standard().Municipality.Name
		for _, e := range base.Errors {
			known[e.Rule+"\x00"+e.Field] = true
		}
	}
	seen := map[string]bool{} // reasons of this example, each once
	for _, e := range res.Errors {
		if known[e.Rule+"\x00"+e.Field] {
			continue
		}
		key, name := e.Rule, ""
		if e.Rule == engine.RuleInvalidValue {
			name = lastName(e.Field)
			key += "\x00" + name
		}
		r := run.reason(key, e.Rule, name)
		r.switchName = switches[e.Rule]
		if e.Rule == engine.RuleInvalidValue {
			if code, ok := valueAt(body, e.Field).(string); ok && !slices.Contains(r.codes, code) {
				r.codes = append(r.codes, code)
			}
		}
		if !seen[key] {
			seen[key] = true
			r.files = append(r.files, file)
		}
	}
	if len(seen) == 0 {
		run.asMeant++
	} else {
		run.here++
	}
}

func (run *exampleRun) reason(key, rule, field string) *refusal {
	for _, r := range run.reasons {
		if r.key == key {
			return r
		}
	}
	r := &refusal{key: key, rule: rule, field: field}
	run.reasons = append(run.reasons, r)
	return r
}

// summary is what the examples' run says beside "ok": how many pass, how many are refused as
// they are meant to be, and how many only under this pack, and why.
func (run *exampleRun) summary() []string {
	base := cmp.Or(run.baseName, "the built-in")
	line := fmt.Sprintf("%d pass, %s refused as under %s's standard, which the examples are written for (they break a rule on purpose), %s refused under this pack only",
		run.pass, isAre(run.asMeant), base, isAre(run.here))
	if run.here == 0 {
		return []string{line}
	}
	lines := []string{line + ":"}
	slices.SortStableFunc(run.reasons, func(a, b *refusal) int { return len(b.files) - len(a.files) })
	for _, r := range run.reasons {
		n := len(r.files)
		switch {
		case len(r.codes) > 0:
			slices.Sort(r.codes)
			lines = append(lines, fmt.Sprintf("  %d use codes the pack's lists do not have: %s (%s)", n, strings.Join(r.codes, ", "), r.field))
		case r.switchName != "":
			lines = append(lines, fmt.Sprintf("  %d break %s, a rule the pack switches on (rules.%s)", n, r.rule, r.switchName))
		default:
			lines = append(lines, fmt.Sprintf("  %d break %s", n, r.rule))
		}
	}
	return append(lines, "That is fine when these are the pack's standard's own codes, numbers and rules.")
}

// isAre is "1 is" or "n are".
func isAre(n int) string {
	if n == 1 {
		return "1 is"
	}
	return strconv.Itoa(n) + " are"
}

var index = regexp.MustCompile(`\[\d+\]`)

// lastName is the name of a finding's field, without the path to it and its indexes:
// "decision.granted[0].activities[2]" is "activities".
func lastName(field string) string {
	field = index.ReplaceAllString(field, "")
	return field[strings.LastIndex(field, ".")+1:]
}

// valueAt is the value at a finding's field ("decision.granted[0].activities[2]") in body.
func valueAt(body map[string]any, field string) any {
	var v any = body
	for _, part := range strings.Split(field, ".") {
		name, rest, _ := strings.Cut(part, "[")
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[name]
		for rest != "" {
			n, after, _ := strings.Cut(rest, "]")
			i, err := strconv.Atoi(n)
			list, ok := v.([]any)
			if err != nil || !ok || i < 0 || i >= len(list) {
				return nil
			}
			v = list[i]
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return v
}
