package engine

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fieldNames names a request field the way the caseworker sees it in the preview's form, from
// templates/preview/fields.json and templates/<kind>/fields.json: "granted[0].start_date" is "Bevilget nr. 1, startdato". The
// draft's box of findings uses it, so that a draft never shows a JSON path.
type fieldNames struct {
	Labels   map[string]string `json:"labels"`
	Singular map[string]string `json:"singular"` // one entry of a list of plain values: "Ugedag"
	In       map[string]string `json:"labelsIn"` // a field named by its parent: "provider.name"
	Text     struct {
		Item string `json:"item"`
	} `json:"text"`
}

func loadFieldNames(fields map[string]json.RawMessage) (*fieldNames, error) {
	var n fieldNames
	raw, err := json.Marshal(fields)
	if err == nil {
		err = json.Unmarshal(raw, &n)
	}
	if err != nil {
		return nil, fmt.Errorf("preview/fields.json and the kinds' fields.json: %w", err)
	}
	return &n, nil
}

var pathPart = regexp.MustCompile(`([^.\[\]]+)|\[(\d+)\]`)

// name is the Danish name of a field path; a key without a Danish name keeps the path.
func (n *fieldNames) name(path string) string {
	if n == nil || len(n.Labels) == 0 || path == "" {
		return path
	}
	type part struct {
		key   string
		index int // -1 for a key
	}
	var parts []part
	for _, m := range pathPart.FindAllStringSubmatch(path, -1) {
		if m[1] != "" {
			parts = append(parts, part{m[1], -1})
		} else {
			i, _ := strconv.Atoi(m[2])
			parts = append(parts, part{"", i})
		}
	}
	label := func(key string) (string, bool) { s, ok := n.Labels[key]; return s, ok }
	var names []string
	for i, p := range parts {
		if p.index < 0 {
			continue
		}
		if i == 0 || parts[i-1].index >= 0 {
			return path
		}
		list := parts[i-1].key
		if i == len(parts)-1 { // a plain value of a list: "Ugedag nr. 1"
			one, ok := n.Singular[list]
			if !ok {
				if one, ok = label(list); !ok {
					return path
				}
			}
			if len(names) > 0 {
				one = lowerFirst(one)
			}
			names = append(names, fmt.Sprintf("%s %s %d", one, n.Text.Item, p.index+1))
			continue
		}
		l, ok := label(list)
		if !ok {
			return path
		}
		names = append(names, fmt.Sprintf("%s %s %d", l, n.Text.Item, p.index+1))
	}
	if last := parts[len(parts)-1]; last.index < 0 {
		leaf, ok := "", false
		if len(parts) > 1 && parts[len(parts)-2].index < 0 {
			leaf, ok = n.In[parts[len(parts)-2].key+"."+last.key]
		}
		if !ok {
			if leaf, ok = label(last.key); !ok {
				return path
			}
		}
		if len(names) > 0 {
			leaf = lowerFirst(leaf)
		}
		names = append(names, leaf)
	}
	return strings.Join(names, ", ")
}

// lowerFirst lower-cases a label's first letter inside a name ("startdato"), but not an
// abbreviation's ("CPR-nummer").
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[size:])
	if unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}
