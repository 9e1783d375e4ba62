package letters_test

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/templates"
)

// withFiles is templates/ with more files.
func withFiles(t *testing.T, more map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(templates.FS, p)
		m[p] = &fstest.MapFile{Data: raw}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range more {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

// A kind's own wording stays in its folder: the findings of its rules in
// templates/<kind>/messages.tmpl and the Danish names of its codes in templates/<kind>/labels.json,
// so that a new kind touches no common file.
func TestAKindsFindingsMayLiveInItsFolder(t *testing.T) {
	svc, err := letters.Open(letters.Config{Templates: withFiles(t, map[string]string{
		"follow_up/messages.tmpl": `{{define "follow_up_timing"}}Mødet er for tidligt ({{label "toy" "x"}}).{{end}}`,
		"follow_up/labels.json":   `{"toy": {"x": "prøve"}}`,
	})})
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
