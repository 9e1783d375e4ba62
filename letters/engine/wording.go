package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/standard"
)

// paragraphBreak separates paragraphs in a template's output. A blank line in a template
// becomes one; free texts cannot contain it (control characters are refused), so a request can
// never split a paragraph of its own accord.
const paragraphBreak = "\x1e"

// wording is the Danish text of the letters: templates/messages.tmpl for findings,
// templates/common.tmpl shared by every kind, templates/<kind>/*.tmpl for each kind (one set,
// so that a reassessment can reuse the decision's sentences), and
// templates/labels.json for the contract's codes.
type wording struct {
	labels   labels
	fields   *fieldNames // the preview's names of the request's fields, for the draft's box
	messages *template.Template
	letters  *template.Template // common.tmpl and every kind's folder; names are prefixed by kind
	// constant holds the output of every template that reads no data (a heading, the law's
	// text): by (template set, name), a constantText.
	constant sync.Map
}

type constantKey struct {
	set  *template.Template
	name string
}

// constantText is a template's output when it is the same for every letter (ok).
type constantText struct {
	ok bool
	s  string
}

type labels struct {
	byCategory map[string]map[string]string
	months     []string
}

// label is the Danish word for a code of the contract, or the code itself if none is known.
func (l labels) label(category, code string) string {
	if s, ok := l.byCategory[category][code]; ok {
		return s
	}
	return code
}

func (l labels) has(category, code string) bool {
	_, ok := l.byCategory[category][code]
	return ok
}

func loadWording(fsys fs.FS, names Names, p *standard.Pack, codes []CodeField) (*wording, error) {
	w := &wording{labels: labels{byCategory: map[string]map[string]string{}}}
	var err error
	if w.fields, err = loadFieldNames(names.Fields); err != nil {
		return nil, err
	}
	for cat, v := range names.Labels {
		if cat == "month" {
			err = json.Unmarshal(v, &w.labels.months)
		} else {
			m := map[string]string{}
			err = json.Unmarshal(v, &m)
			w.labels.byCategory[cat] = m
		}
		if err != nil {
			return nil, fmt.Errorf("labels.json (with the kinds' labels.json) %s: %w", cat, err)
		}
	}
	if len(w.labels.months) != 12 {
		return nil, fmt.Errorf("labels.json (with the kinds' labels.json): month needs 12 names")
	}
	// The codes a request may use in a field that takes the standard's codes (a kind's
	// API.Codes: a decision's activities and courses) are the pack's.
	for _, f := range codes {
		w.labels.byCategory[f.Label] = f.List(p.Standard)
	}
	w.labels.byCategory["criterion"] = p.CriteriaLabels()

	var packFiles []string
	if p.Templates != nil {
		if packFiles, err = fs.Glob(p.Templates, "*.tmpl"); err != nil {
			return nil, err
		}
	}
	kindFiles, err := fs.Glob(fsys, "*/*.tmpl")
	if err != nil {
		return nil, err
	}
	// A kind's own findings may sit in its folder (<kind>/messages.tmpl), beside its letter.
	var kindMessages []string
	kindFiles = slices.DeleteFunc(kindFiles, func(f string) bool {
		if path.Base(f) == "messages.tmpl" {
			kindMessages = append(kindMessages, f)
			return true
		}
		return false
	})
	if w.messages, err = w.parse(fsys, append([]string{"units.tmpl", "messages.tmpl"}, kindMessages...)...); err != nil {
		return nil, err
	}
	if w.letters, err = w.parse(fsys, append([]string{"units.tmpl", "common.tmpl"}, kindFiles...)...); err != nil {
		return nil, err
	}
	locked, err := lawBlocks(fsys, w.letters)
	if err != nil {
		return nil, err
	}
	// The pack's wording replaces the common definitions of the same name: messages.tmpl the
	// findings', every other file the letters' (but never a block that carries the law).
	for _, f := range packFiles {
		base, lock := w.letters, locked
		if f == "messages.tmpl" {
			base, lock = w.messages, nil
		}
		if err := w.override(base, lock, p.Templates, f, p.Dir+"/templates/"+f); err != nil {
			return nil, err
		}
	}
	for _, t := range []*template.Template{w.messages, w.letters} {
		if err := checkReferences(t); err != nil {
			return nil, fmt.Errorf("%s: %w", p.Dir, err)
		}
	}
	return w, nil
}

func (w *wording) funcs() template.FuncMap {
	return template.FuncMap{
		"date":   w.Date,
		"label":  w.labels.label,
		"labels": w.LabelList,
		"join":   JoinDanish,
		"deref":  func(s *string) string { return *s },
		"field":  w.fields.name,
	}
}

// parse reads the common files and the kinds' into one set, where a name is defined once: a
// kind's file that defined a common name (or another kind's) would change every letter, not
// only its own, so it is refused with both files named. (A pack's wording replaces names on
// purpose; that is override's.)
func (w *wording) parse(fsys fs.FS, files ...string) (*template.Template, error) {
	t := template.New("").Funcs(w.funcs()).Option("missingkey=error")
	definedIn := map[string]string{}
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		one, err := template.New("").Funcs(w.funcs()).Parse(flow(string(src)))
		if err != nil {
			return nil, fmt.Errorf("templates/%s: %w", f, atLine(string(src), w.funcs(), err))
		}
		for _, d := range one.Templates() {
			if d.Name() == "" || d.Tree == nil {
				continue
			}
			if prev, twice := definedIn[d.Name()]; twice {
				return nil, fmt.Errorf("templates/%s: %q is already defined in templates/%s; a name is defined once (a kind's start with its kind)", f, d.Name(), prev)
			}
			definedIn[d.Name()] = f
		}
		if _, err := t.Parse(flow(string(src))); err != nil {
			return nil, fmt.Errorf("templates/%s: %w", f, atLine(string(src), w.funcs(), err))
		}
	}
	return t, nil
}

// override parses a pack's template file over base. Every definition in it must replace one
// that base has: a misspelt name would otherwise be silently ignored. It must not replace a block
// of locked (the law's), nor leave out a law block that the common definition calls.
func (w *wording) override(base *template.Template, locked map[string]string, fsys fs.FS, file, label string) error {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return err
	}
	probe, err := template.New("").Funcs(w.funcs()).Parse(flow(string(src)))
	if err != nil {
		return fmt.Errorf("%s: %w", label, atLine(string(src), w.funcs(), err))
	}
	var faults []string
	for _, t := range probe.Templates() {
		name := t.Name()
		common := base.Lookup(name)
		line := defineLine(string(src), t)
		switch {
		case name == "":
		case common == nil:
			faults = append(faults, fmt.Sprintf("%s: line %d: defines %q, which no common template has (a misspelt name?)", label, line, name))
		case locked[name] != "":
			faults = append(faults, fmt.Sprintf("%s: line %d: defines %q, which %s: a pack cannot change it (templates/law-blocks.json)", label, line, name, locked[name]))
		default:
			for _, call := range calls(common) {
				if strings.HasPrefix(locked[call], lawReason) && !slices.Contains(calls(t), call) {
					faults = append(faults, fmt.Sprintf("%s: line %d: defines %q without {{template %q}}, which %s: keep the call", label, line, name, call, locked[call]))
				}
			}
		}
	}
	if len(faults) > 0 {
		return errors.New(strings.Join(faults, "\n"))
	}
	if _, err := base.Parse(flow(string(src))); err != nil {
		return fmt.Errorf("%s: %w", label, atLine(string(src), w.funcs(), err))
	}
	if err := packReferences(base, probe, string(src)); err != nil {
		return fmt.Errorf("%s: %w", label, err)
	}
	return nil
}

// lawBlocks reads templates/law-blocks.json, the blocks of wording that carry the law, and
// returns each of them, and every block they call, with why a pack may not define it. A block the
// file names that no template defines is an error, so that renaming a block cannot unlock it.
// The reasons of the blocks the file names start with lawReason.
func lawBlocks(fsys fs.FS, letters *template.Template) (map[string]string, error) {
	raw, err := fs.ReadFile(fsys, "law-blocks.json")
	if err != nil {
		return nil, err
	}
	var file struct {
		About  string `json:"about"`
		Blocks []struct {
			Block   string `json:"block"`
			RestsOn string `json:"rests_on"`
		} `json:"blocks"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("templates/law-blocks.json: %w", err)
	}
	locked := map[string]string{}
	var queue []string
	for _, b := range file.Blocks {
		if letters.Lookup(b.Block) == nil {
			return nil, fmt.Errorf("templates/law-blocks.json: %q is not a block of the letters' templates", b.Block)
		}
		locked[b.Block] = lawReason + " (" + b.RestsOn + ")"
		queue = append(queue, b.Block)
	}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		for _, call := range calls(letters.Lookup(name)) {
			if _, ok := locked[call]; !ok {
				locked[call] = fmt.Sprintf("the law's block %q calls", name)
				queue = append(queue, call)
			}
		}
	}
	return locked, nil
}

// lawReason starts the reason of a block templates/law-blocks.json names (not one it is locked
// for because a law block calls it): a pack's block must keep every call to such a block that
// the common one makes.
const lawReason = "carries the law"

// calls lists the names of the templates t calls, in order, once each.
func calls(t *template.Template) []string {
	var out []string
	if t == nil || t.Tree == nil {
		return nil
	}
	walk(t.Tree.Root, func(n parse.Node) {
		if n, ok := n.(*parse.TemplateNode); ok && !slices.Contains(out, n.Name) {
			out = append(out, n.Name)
		}
	})
	return out
}

// checkReferences finds every {{template "name"}} whose name is not defined and every .Std
// field the standard does not have, so that a pack's wording fails when it is loaded, not when
// a letter is composed.
func checkReferences(set *template.Template) error {
	for _, t := range set.Templates() {
		if _, err := treeReferences(set, t); err != nil {
			return err
		}
	}
	return nil
}

// treeReferences checks one template of set, returning the first fault and where it is.
func treeReferences(set, t *template.Template) (parse.Pos, error) {
	if t.Tree == nil {
		return 0, nil
	}
	var err error
	var at parse.Pos
	walk(t.Tree.Root, func(n parse.Node) {
		if err != nil {
			return
		}
		switch n := n.(type) {
		case *parse.TemplateNode:
			if set.Lookup(n.Name) == nil {
				err = fmt.Errorf("template %q calls %q, which is not defined", t.Name(), n.Name)
			}
		case *parse.FieldNode: // .Std.Numbers.StartWithin
			err = checkStd(t.Name(), n.Ident)
		case *parse.VariableNode: // $.Std.Numbers.StartWithin
			if len(n.Ident) > 1 && n.Ident[0] == "$" {
				err = checkStd(t.Name(), n.Ident[1:])
			}
		}
		at = n.Position()
	})
	return at, err
}

var stdType = reflect.TypeOf(Standard{})

// checkStd reports a chain of names starting at Std that the standard does not have.
func checkStd(template string, ident []string) error {
	if len(ident) < 2 || ident[0] != "Std" {
		return nil
	}
	if bad := missingField(stdType, ident[1:]); bad != "" {
		return fmt.Errorf("template %q uses .Std.%s, which a standard does not have", template, bad)
	}
	return nil
}

// missingField follows a chain of field (or method) names from typ and returns the chain up to
// the first name that is not there, or "" when all are. A map ends the walk: its keys are data.
func missingField(typ reflect.Type, names []string) string {
	for i, name := range names {
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if typ.Kind() == reflect.Map {
			return ""
		}
		if m, ok := reflect.PointerTo(typ).MethodByName(name); ok {
			if m.Type.NumOut() == 0 {
				return strings.Join(names[:i+1], ".")
			}
			typ = m.Type.Out(0)
			continue
		}
		if typ.Kind() != reflect.Struct {
			return strings.Join(names[:i+1], ".")
		}
		f, ok := typ.FieldByName(name)
		if !ok {
			return strings.Join(names[:i+1], ".")
		}
		typ = f.Type
	}
	return ""
}

// walk visits n and every node inside it.
func walk(n parse.Node, visit func(parse.Node)) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	visit(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			walk(c, visit)
		}
	case *parse.ActionNode:
		walk(n.Pipe, visit)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			walk(c, visit)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, visit)
		}
	case *parse.IfNode:
		walkBranch(&n.BranchNode, visit)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, visit)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, visit)
	case *parse.TemplateNode:
		walk(n.Pipe, visit)
	}
}

// walkBranch visits an if, range or with: its pipeline and both its lists.
func walkBranch(n *parse.BranchNode, visit func(parse.Node)) {
	walk(n.Pipe, visit)
	walk(n.List, visit)
	walk(n.ElseList, visit)
}

// flow lets a template be written in short lines: a single line break is a space, a blank line
// starts a new paragraph. Only the template's own text is changed, never the data it prints.
// (flowMap, in lines.go, does it.)
func flow(src string) string { return flowMap(src).text }

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// exec runs one named template and trims the result (and stray breaks at either end).
//
// A template that reads no data, calls no function and includes only such templates gives the
// same words for every letter: it runs once per process and its words are kept.
func (w *wording) exec(t *template.Template, name string, data any) (string, error) {
	key := constantKey{t, name}
	if v, known := w.constant.Load(key); known {
		if c := v.(constantText); c.ok {
			return c.s, nil
		}
		return w.run(t, name, data)
	}
	s, err := w.run(t, name, data)
	if err == nil {
		c := constantText{ok: constantTemplate(t, t.Lookup(name), map[string]bool{})}
		if c.ok {
			c.s = s
		}
		w.constant.Store(key, c)
	}
	return s, err
}

// constantTemplate reports whether tmpl's output depends on nothing but its text: no data (no
// dot, field or variable), no function, no range or with, and only templates called without
// data that are constant themselves. seen guards against a template that calls itself.
func constantTemplate(set, tmpl *template.Template, seen map[string]bool) bool {
	if tmpl == nil || tmpl.Tree == nil || tmpl.Tree.Root == nil || seen[tmpl.Name()] {
		return false
	}
	seen[tmpl.Name()] = true
	return constantNode(set, tmpl.Tree.Root, seen)
}

func constantNode(set *template.Template, n parse.Node, seen map[string]bool) bool {
	switch n := n.(type) {
	case nil:
		return true
	case *parse.ListNode:
		if n == nil {
			return true
		}
		for _, c := range n.Nodes {
			if !constantNode(set, c, seen) {
				return false
			}
		}
		return true
	case *parse.TextNode, *parse.CommentNode, *parse.StringNode, *parse.NumberNode, *parse.BoolNode:
		return true
	case *parse.ActionNode:
		return constantPipe(n.Pipe)
	case *parse.IfNode:
		return constantPipe(n.Pipe) && constantNode(set, n.List, seen) && constantNode(set, n.ElseList, seen)
	case *parse.TemplateNode:
		return n.Pipe == nil && constantTemplate(set, set.Lookup(n.Name), seen)
	}
	return false // range, with, break, continue, anything else: not worth the risk
}

// constantPipe: a pipeline of literals only (no declarations, no commands that read data or
// call a function).
func constantPipe(p *parse.PipeNode) bool {
	if p == nil || len(p.Decl) > 0 {
		return false
	}
	for _, cmd := range p.Cmds {
		for _, a := range cmd.Args {
			switch a.(type) {
			case *parse.StringNode, *parse.NumberNode, *parse.BoolNode:
			default:
				return false
			}
		}
	}
	return true
}

func (w *wording) run(t *template.Template, name string, data any) (string, error) {
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if err := t.ExecuteTemplate(buf, name, data); err != nil {
		return "", err
	}
	s := strings.Trim(buf.String(), " "+paragraphBreak)
	s = strings.ReplaceAll(s, paragraphBreak+" ", paragraphBreak)
	return strings.ReplaceAll(s, " "+paragraphBreak, paragraphBreak), nil
}

// Date prints a civil date the Danish way: "1. december 2026".
func (w *wording) Date(t time.Time) string {
	if t.IsZero() {
		return "(ukendt dato)"
	}
	return strconv.Itoa(t.Day()) + ". " + w.labels.months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

func (w *wording) LabelList(category string, codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = w.labels.label(category, c)
	}
	return out
}

// JoinDanish joins words as Danish does: "a", "a og b", "a, b og c".
func JoinDanish(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " og " + items[len(items)-1]
}

// Label is the Danish label of a contract code in a category of labels.json.
func (w *wording) Label(category, code string) string { return w.labels.label(category, code) }
