package engine

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// A kind's field names may live in templates/<kind>/fields.json, beside the common ones, and the
// draft's box of findings names the kind's fields with them.
func TestAKindsFieldNamesAreAdded(t *testing.T) {
	names, err := loadNames(fstest.MapFS{
		"preview/fields.json":    {Data: []byte(`{"labels": {"letter_date": "Brevets dato"}, "text": {"item": "nr."}}`)},
		"toy_letter/fields.json": {Data: []byte(`{"labels": {"greeting": "Hilsen"}}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	n, err := loadFieldNames(names.Fields)
	if err != nil {
		t.Fatal(err)
	}
	if got := n.name("greeting"); got != "Hilsen" {
		t.Errorf("the kind's field is named %q", got)
	}
	if got := n.name("letter_date"); got != "Brevets dato" {
		t.Errorf("the common field is named %q", got)
	}
}

// The kinds' files of names are merged with the common file in one place, for the letters and
// the preview alike: objects of names add up, lists are appended, and a kind can neither rename
// a common name nor give a shape other than the common file's.
func TestKindFilesAreMergedOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"labels.json":            {Data: []byte(`{"kind": {"decision": "Afgørelse"}, "month": ["januar"]}`)},
		"toy_letter/labels.json": {Data: []byte(`{"kind": {"toy_letter": "Legetøjsbrev"}, "colour": {"red": "rød"}}`)},
		"preview/fields.json":    {Data: []byte(`{"labels": {"kind": "Brevtype"}, "long": ["reason"], "examples": {"granted": "Bevilling"}}`)},
		"toy_letter/fields.json": {Data: []byte(`{"labels": {"greeting": "Hilsen"}, "long": ["greeting"], "examples": {"toy": "Legetøjsbrev"}}`)},
	}
	names, err := loadNames(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(names.Labels["kind"]); got != `{"decision":"Afgørelse","toy_letter":"Legetøjsbrev"}` {
		t.Errorf("labels, kind: %s", got)
	}
	if got := string(names.Labels["colour"]); got != `{"red":"rød"}` {
		t.Errorf("labels, a category of the kind's own: %s", got)
	}
	var f struct {
		Labels, Examples map[string]string
		Long             []string
	}
	raw, _ := json.Marshal(names.Fields)
	json.Unmarshal(raw, &f)
	if f.Labels["kind"] != "Brevtype" || f.Labels["greeting"] != "Hilsen" || f.Examples["toy"] != "Legetøjsbrev" ||
		f.Examples["granted"] != "Bevilling" || !slices.Equal(f.Long, []string{"reason", "greeting"}) {
		t.Errorf("fields: %s", raw)
	}

	for file, data := range map[string]string{
		"toy_letter/labels.json": `{"kind": {"decision": "Legetøj"}}`,    // renames a common code
		"toy_letter/fields.json": `{"labels": {"kind": "Legetøjstype"}}`, // renames a common field
	} {
		bad := fstest.MapFS{}
		for k, v := range fsys {
			bad[k] = v
		}
		bad[file] = &fstest.MapFile{Data: []byte(data)}
		if _, err := loadNames(bad); err == nil || !strings.Contains(err.Error(), "is named in templates/") {
			t.Errorf("%s renaming a common name: %v", file, err)
		}
	}
	for _, data := range []string{`{"labels": "Hilsen"}`, `{"labels": ["Hilsen"]}`, `{"long": {"x": "y"}}`} {
		bad := fstest.MapFS{"preview/fields.json": fsys["preview/fields.json"], "toy_letter/fields.json": {Data: []byte(data)}}
		if _, err := loadNames(bad); err == nil {
			t.Errorf("a kind's fields.json of the wrong shape is taken: %s", data)
		}
	}
}
