package letters_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
)

// A kind's own wording stays in its folder: the findings of its rules in
// templates/<kind>/messages.tmpl and the Danish names of its codes in templates/<kind>/labels.json,
// so that a new kind touches no common file. (The follow-up letter's finding is moved there from
// the common messages.tmpl: a name is defined once.)
func TestAKindsFindingsMayLiveInItsFolder(t *testing.T) {
	fsys := testkit.TemplatesWith(t, map[string]string{
		"follow_up/messages.tmpl": `{{define "follow_up_timing"}}Mødet er for tidligt ({{label "toy" "x"}}).{{end}}`,
		"follow_up/labels.json":   `{"toy": {"x": "prøve"}}`,
	})
	common := fsys.(fstest.MapFS)["messages.tmpl"]
	kept, moved := dropDefine(string(common.Data), "follow_up_timing")
	if !moved {
		t.Fatal("templates/messages.tmpl has no follow_up_timing to move")
	}
	common.Data = []byte(kept)
	svc, err := letters.Open(letters.Config{Templates: fsys})
	if err != nil {
		t.Fatal(err)
	}
	r, err := svc.Check(testkit.Read(t, "rules/follow_up_timing"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Warnings) != 1 || r.Warnings[0].Message != "Mødet er for tidligt (prøve)." {
		t.Errorf("the kind's message is not used: %+v", r.Warnings)
	}
}

// dropDefine removes the one-line definition of name from a template file.
func dropDefine(src, name string) (string, bool) {
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, `{{define "`+name+`"}}`) {
			return strings.Join(append(lines[:i], lines[i+1:]...), "\n"), true
		}
	}
	return src, false
}

// A kind's file that defines a common name again is refused: it would change every letter.
func TestAKindsFileMayNotRedefineACommonFinding(t *testing.T) {
	_, err := letters.Open(letters.Config{Templates: testkit.TemplatesWith(t, map[string]string{
		"follow_up/messages.tmpl": `{{define "follow_up_timing"}}Mødet er for tidligt.{{end}}`,
	})})
	if err == nil || !strings.Contains(err.Error(), `"follow_up_timing" is already defined in templates/messages.tmpl`) {
		t.Errorf("a kind's redefinition of a common finding: %v", err)
	}
}
