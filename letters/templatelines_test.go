package letters_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/templates"
)

// Templates are parsed with their lines joined (a single line break is a space), yet an error
// names the line of the file: the service refuses to start on a pack's template broken on line
// 7 with "decision.tmpl: line 7", and on a common template the same way.
func TestTemplateErrorsNameTheLineOfTheFile(t *testing.T) {
	const head = "{{/* line 1 */}}\n\n{{define \"decision.granted.about\"}}\nTilbuddet er åbent\n  mandag til fredag.\n\n"
	for _, c := range []struct{ tmpl, want string }{
		{head + "Vi {{if .Std}} ses.\n{{end}}\n", "line 9: unexpected EOF"}, // the if is never closed: the file ends on line 9
		{head + "Vi {{.Std.Numbers.StartWithinDays}} ses.\n{{end}}\n", "line 7: template \"decision.granted.about\" uses .Std.Numbers.StartWithinDays"},
		{head + "Vi {{nosuch}} ses.\n{{end}}\n", `line 7: function "nosuch" not defined`},
		{head + "Vi ses.\n{{end}}\n\n{{define \"decision.granted.abuot\"}}\nx\n{{end}}\n", `line 10: defines "decision.granted.abuot", which no common template has`},
	} {
		fsys := eksempelPackWith(t, "decision.tmpl", c.tmpl)
		_, err := letters.Open(letters.Config{Packs: fsys, PacksLabel: "packs"})
		if want := "packs/" + eksempel + "/templates/decision.tmpl: " + c.want; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", c.tmpl, err, want)
		}
	}

	dir := t.TempDir()
	if err := os.CopyFS(dir, templates.FS); err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "common.tmpl"))
	src = append(src, "\n\n{{define \"x\"}}\na\n{{.A | nosuch}}\n{{end}}\n"...)
	os.WriteFile(filepath.Join(dir, "common.tmpl"), src, 0o644)
	line := strings.Count(string(src), "\n") - 1 // the last line but one
	_, err := letters.Open(letters.Config{Templates: os.DirFS(dir)})
	if want := "templates/common.tmpl: line " + strconv.Itoa(line) + `: function "nosuch" not defined`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a broken common template: %v, want %q", err, want)
	}
}
