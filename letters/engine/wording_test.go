package engine

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A kind's template file may not define a name the common files (or another kind) define: it
// would change every letter, not only the kind's own.
func TestAKindCannotRedefineACommonName(t *testing.T) {
	w := &wording{}
	common := fstest.MapFS{
		"common.tmpl":     {Data: []byte(`{{define "head.date"}}Dato{{end}}`)},
		"toy/letter.tmpl": {Data: []byte(`{{define "toy.title"}}Legetøj{{end}}`)},
	}
	if _, err := w.parse(common, "common.tmpl", "toy/letter.tmpl"); err != nil {
		t.Fatalf("a kind's own names are refused: %v", err)
	}
	common["toy/letter.tmpl"] = &fstest.MapFile{Data: []byte(`{{define "toy.title"}}Legetøj{{end}}{{define "head.date"}}Anden dato{{end}}`)}
	_, err := w.parse(common, "common.tmpl", "toy/letter.tmpl")
	if err == nil || !strings.Contains(err.Error(), `"head.date" is already defined in templates/common.tmpl`) {
		t.Errorf("a kind's file redefining a common name: %v", err)
	}
}
