// Package testkit is what the tests of every package share: the example letters of testdata/
// by kind and by name, a letter's text as its readers get it, and templates/ with more files. It
// imports nothing of the service but the document model and the templates (leaves), so that the
// tests inside letters can use it too.
package testkit

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
	"github.com/bronderslev/afgorelsesbreve/templates"
)

// Example is one example letter of testdata/.
type Example struct {
	// Name is the file's path under decisions/ or letters/ without ".json": "granted",
	// "follow_up", "rules/age_min_18".
	Name string
	// Kind is the letter's kind, "decision" when the body names none.
	Kind string
	// Rule is set for an example under rules/: it fires this rule and no other.
	Rule string
	JSON []byte
}

// Dir is the repository's testdata folder.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// Packs are the ids of the standard packs under testdata/standards (each folder with a
// standard.json), which tests serve beside the embedded one; tests count on it rather than on a
// number, so that a new test pack needs no change elsewhere.
func Packs(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(Dir(), "standards", "*", "standard.json"))
	if err != nil || len(files) == 0 {
		t.Fatal("testkit: no packs under " + filepath.Join(Dir(), "standards"))
	}
	ids := make([]string, len(files))
	for i, f := range files {
		ids[i] = filepath.Base(filepath.Dir(f))
	}
	return ids
}

// Examples are every example letter, sorted by name: the letters of every kind, then the rule
// examples.
func Examples(t testing.TB) []Example {
	t.Helper()
	var out []Example
	for _, pattern := range []string{"decisions/*.json", "letters/*.json", "decisions/rules/*.json", "letters/rules/*.json"} {
		files, _ := filepath.Glob(filepath.Join(Dir(), pattern))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var head struct{ Kind string }
			json.Unmarshal(b, &head)
			if head.Kind == "" {
				head.Kind = "decision"
			}
			rel, _ := filepath.Rel(Dir(), f)
			name := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(rel, "decisions/"), "letters/"), ".json")
			e := Example{Name: name, Kind: head.Kind, JSON: b}
			if strings.HasPrefix(name, "rules/") {
				e.Rule = strings.TrimPrefix(name, "rules/")
			}
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		t.Fatal("testkit: no examples under " + Dir())
	}
	sort.SliceStable(out, func(i, j int) bool { return (out[i].Rule == "") != (out[j].Rule == "") && out[i].Rule == "" })
	return out
}

// Letters are the examples that are letters (no rule examples).
func Letters(t testing.TB) []Example {
	var out []Example
	for _, e := range Examples(t) {
		if e.Rule == "" {
			out = append(out, e)
		}
	}
	return out
}

// Read is the JSON of one example by name ("granted", "follow_up", "rules/age_min_18"; a
// trailing ".json" is allowed).
func Read(t testing.TB, name string) []byte {
	t.Helper()
	name = strings.TrimSuffix(name, ".json")
	for _, e := range Examples(t) {
		if e.Name == name {
			return e.JSON
		}
	}
	t.Fatalf("testkit: no example %q", name)
	return nil
}

// Texts are the two ways a reader gets a PDF's text, folded to single spaces: the pure-Go
// reader and poppler's pdftotext (which CI requires).
func Texts(t testing.TB, pdf []byte) map[string]string {
	return map[string]string{"go": pdftext.Flat(pdftext.Go(t, pdf)), "pdftotext": pdftext.Flat(pdftext.Poppler(t, pdf))}
}

// Text is every word a letter's document model gives its reader, folded to single spaces, in
// the order the pages show them: the sender, the recipient, the details beside them, then the
// body (a field as "label value", a notice's title before its lines, a quote before its
// source). What only the PDF adds (page numbers, a draft's watermark) is not in it.
//
// Wording tests read this rather than a PDF's text: composing a letter takes milliseconds,
// reading its PDF back half a second. Read the PDF (Texts) only where the PDF is under test.
func Text(d *document.Document) string { return pdftext.Flat(strings.Join(Parts(d), "\n")) }

// Parts are Text's pieces: each line of the sender and the recipient, each label and value,
// each heading, paragraph, item and line of a box.
func Parts(d *document.Document) []string {
	var out []string
	out = append(append(out, d.Sender.Organisation, d.Sender.Unit), d.Sender.Lines...)
	out = append(append(out, d.Sender.ReturnLine), d.Recipient.Lines...)
	for _, f := range d.Details {
		out = append(out, f.Label, f.Value)
	}
	return append(out, BodyParts(d)...)
}

// BodyParts are the pieces of the body alone: each heading, paragraph, item, label and value,
// and line of a box, in order.
func BodyParts(d *document.Document) []string {
	var out []string
	for _, b := range d.Body {
		switch b := b.(type) {
		case document.Heading:
			out = append(out, b.Text)
		case document.Paragraph:
			out = append(out, b.Text)
		case document.List:
			out = append(out, b.Items...)
		case document.Fields:
			for _, f := range b.Items {
				out = append(out, f.Label, f.Value)
			}
		case document.Notice:
			out = append(append(out, b.Title), b.Lines...)
		case document.Quote:
			out = append(out, b.Text, b.Source)
		}
	}
	return out
}

// TemplatesWith is templates/ with more files (by path, their text), for a service opened with
// wording of a test's own.
func TemplatesWith(t testing.TB, more map[string]string) fs.FS {
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
