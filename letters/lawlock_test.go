package letters_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/templates"
)

// eksempelPackWith is Eksempel Kommune's pack with one template file of its own.
func eksempelPackWith(t *testing.T, file, tmpl string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	dir := filepath.Join(testkit.Dir(), "standards", eksempel)
	for _, f := range []string{"standard.json", "logo.png"} {
		raw, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		fsys[eksempel+"/"+f] = &fstest.MapFile{Data: raw}
	}
	fsys[eksempel+"/templates/"+file] = &fstest.MapFile{Data: []byte(tmpl)}
	return fsys
}

// lockedBlocks is the list the law's blocks are read from.
func lockedBlocks(t *testing.T) []string {
	t.Helper()
	raw, err := templates.FS.ReadFile("law-blocks.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Blocks []struct {
			Block string `json:"block"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range file.Blocks {
		names = append(names, b.Block)
	}
	return names
}

// The citizen's rights do not depend on a pack: a pack that defines a block carrying the law
// (complaint guidance, the law's deadlines, § 104, the reassessment route) is refused when it is
// loaded, with the file and the block named.
func TestAPackCannotRewriteTheLaw(t *testing.T) {
	locked := lockedBlocks(t)
	// An independent list of what must be locked, so that dropping a block from the file fails.
	for _, must := range []string{
		"decision.complaint.heading", "decision.complaint.text", "decision.complaint.deadline",
		"decision.complaint.counting", "decision.complaint.after", "decision.key_dates.complaint",
		"decision.result", "decision.short", "decision.refused.legal_basis", "decision.refused.standard",
		"short.complaint", "short.contact", "law.sel104.text", "law.sel104.intro", "hearing",
		"reassessment.result", "reassessment.upheld.text", "reassessment.maintain.text", "reassessment.short",
		"receipt.time.text", "receipt.short", "draft.title", "reassessment.late.text", "decision.deviation.what", "decision.deviation.standard",
	} {
		if !slices.Contains(locked, must) {
			t.Errorf("templates/law-blocks.json does not lock %q", must)
		}
	}
	for _, name := range locked {
		fsys := eksempelPackWith(t, "decision.tmpl", `{{define "`+name+`"}}Du kan ikke klage.{{end}}`)
		_, err := letters.Open(letters.Config{Packs: fsys, PacksLabel: "testdata/x"})
		want := "testdata/x/" + eksempel + "/templates/decision.tmpl"
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `"`+name+`"`) || !strings.Contains(err.Error(), "law") {
			t.Errorf("a pack defining %q: %v, want it refused naming %s and the block", name, err, want)
		}
	}
}

// What a law block calls is the law's too (the offer names in the result, the contact line in
// "Kort fortalt"): a pack cannot empty a locked sentence from below.
func TestWhatALawBlockCallsIsLocked(t *testing.T) {
	fsys := eksempelPackWith(t, "decision.tmpl", `{{define "decision.offers"}}intet{{end}}`)
	_, err := letters.Open(letters.Config{Packs: fsys, PacksLabel: "testdata/x"})
	if err == nil || !strings.Contains(err.Error(), `"decision.offers"`) || !strings.Contains(err.Error(), `"decision.result"`) {
		t.Errorf("overriding a block a law block calls: %v", err)
	}
}

// The wording a pack may change still loads: the blocks that say what a municipality's standard
// adds.
func TestAPackMayStillChangeItsOwnWording(t *testing.T) {
	fsys := eksempelPackWith(t, "decision.tmpl", `{{define "decision.granted.about"}}Tilbuddet er åbent om aftenen.{{end}}`)
	if _, err := letters.Open(letters.Config{Packs: fsys, PacksLabel: "testdata/x"}); err != nil {
		t.Fatal(err)
	}
}

// A pack may change a block that calls a law block, but not leave the call out: "Kort fortalt"
// of a follow-up keeps the line that says whom to call.
func TestAReplacedBlockKeepsItsCallsToTheLaw(t *testing.T) {
	fsys := eksempelPackWith(t, "follow_up.tmpl", `{{define "follow_up.short"}}Vi ses.{{end}}`)
	_, err := letters.Open(letters.Config{Packs: fsys, PacksLabel: "testdata/x"})
	if err == nil || !strings.Contains(err.Error(), `defines "follow_up.short" without {{template "short.contact"}}`) {
		t.Errorf("a follow_up.short without the contact line: %v", err)
	}
	fsys = eksempelPackWith(t, "follow_up.tmpl", `{{define "follow_up.short"}}Vi ses.{{template "short.contact" .}}{{end}}`)
	if _, err := letters.Open(letters.Config{Packs: fsys, PacksLabel: "testdata/x"}); err != nil {
		t.Errorf("a follow_up.short that keeps the call: %v", err)
	}
}
