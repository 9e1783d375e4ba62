package engine

import (
	"testing"
	"testing/fstest"
)

// A kind's field names may live in templates/<kind>/fields.json, beside the common ones, and the
// draft's box of findings names the kind's fields with them.
func TestAKindsFieldNamesAreAdded(t *testing.T) {
	n, err := loadFieldNames(fstest.MapFS{
		"preview/fields.json":    {Data: []byte(`{"labels": {"letter_date": "Brevets dato"}, "text": {"item": "nr."}}`)},
		"toy_letter/fields.json": {Data: []byte(`{"labels": {"greeting": "Hilsen"}}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := n.name("greeting"); got != "Hilsen" {
		t.Errorf("the kind's field is named %q", got)
	}
	if got := n.name("letter_date"); got != "Brevets dato" {
		t.Errorf("the common field is named %q", got)
	}
	if _, err := loadFieldNames(fstest.MapFS{
		"preview/fields.json":    {Data: []byte(`{}`)},
		"toy_letter/fields.json": {Data: []byte(`{"labels": ["Hilsen"]}`)},
	}); err == nil {
		t.Error("a kind's fields.json of the wrong shape is taken")
	}
}
