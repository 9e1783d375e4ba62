package standard

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
)

// Shared lists what pack p has of another municipality's pack q that a pack copied from q would
// have kept by mistake: the logo's bytes, the CVR number, the signing unit, a contact unit reached the same way,
// q's municipality name in p's texts, a template file word for word, and, when one of those is
// there, the rule switches both have (two standards may well share a rule; a copy may have kept
// one its standard does not have). Versions of one municipality share all this by right: nil.
func Shared(p, q *Pack) []string {
	if p.Municipality.ID == q.Municipality.ID {
		return nil
	}
	var found []string
	if p.Municipality.Logo != nil && q.Municipality.Logo != nil && bytes.Equal(p.Municipality.Logo.Data, q.Municipality.Logo.Data) {
		found = append(found, fmt.Sprintf("the logo file's bytes (%s)", p.Municipality.Logo.File))
	}
	if c := p.Municipality.CVR; c != "" && c == q.Municipality.CVR {
		found = append(found, fmt.Sprintf("the CVR number %s (the sender of its Digital Post messages)", c))
	}
	if s := p.Municipality.SigningUnit; s != "" && s == q.Municipality.SigningUnit {
		found = append(found, fmt.Sprintf("the signing unit %q", s))
	}
	for _, key := range slices.Sorted(maps.Keys(p.ContactUnits)) {
		u := p.ContactUnits[key]
		mine, _ := json.Marshal(u)
		for _, v := range q.ContactUnits {
			if theirs, _ := json.Marshal(v); bytes.Equal(mine, theirs) {
				found = append(found, fmt.Sprintf("the contact unit %q (%s), reached the same way", u.Name, key))
				break
			}
		}
	}
	if where := append(mentions(p.Standard, q.Municipality.Name), templatesMentioning(p, q.Municipality.Name)...); len(where) > 0 {
		found = append(found, fmt.Sprintf("the name %q in %s", q.Municipality.Name, strings.Join(where, ", ")))
	}
	for _, f := range sameTemplates(p, q) {
		found = append(found, fmt.Sprintf("the wording of templates/%s, word for word", f))
	}
	if len(found) == 0 {
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(p.Rules)) {
		if p.On(name) && q.On(name) {
			found = append(found, fmt.Sprintf("the rule switch %s (does the standard have this rule?)", name))
		}
	}
	return found
}

// mentions lists the JSON pointers of the standard's texts that contain name.
func mentions(s *Standard, name string) []string {
	raw, err := json.Marshal(s)
	if err != nil || name == "" {
		return nil
	}
	var tree any
	if json.Unmarshal(raw, &tree) != nil {
		return nil
	}
	var where []string
	var walk func(ptr string, v any)
	walk = func(ptr string, v any) {
		switch v := v.(type) {
		case string:
			if strings.Contains(v, name) {
				where = append(where, ptr)
			}
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s/%d", ptr, i), e)
			}
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(ptr+"/"+k, v[k])
			}
		}
	}
	walk("", tree)
	return where
}

// sameTemplates lists p's template files that q has with the same content.
func sameTemplates(p, q *Pack) []string {
	if p.Templates == nil || q.Templates == nil {
		return nil
	}
	files, _ := fs.Glob(p.Templates, "*.tmpl")
	var same []string
	for _, f := range files {
		mine, err1 := fs.ReadFile(p.Templates, f)
		theirs, err2 := fs.ReadFile(q.Templates, f)
		if err1 == nil && err2 == nil && bytes.Equal(mine, theirs) {
			same = append(same, f)
		}
	}
	return same
}

// templatesMentioning lists p's template files that contain name.
func templatesMentioning(p *Pack, name string) []string {
	if p.Templates == nil || name == "" {
		return nil
	}
	files, _ := fs.Glob(p.Templates, "*.tmpl")
	var where []string
	for _, f := range files {
		if src, err := fs.ReadFile(p.Templates, f); err == nil && strings.Contains(string(src), name) {
			where = append(where, "templates/"+f)
		}
	}
	return where
}
