package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// newcomerPack writes, into a new folder of packs, the test municipality's pack copied as a
// newcomer would for another municipality: folder, id, municipality id and name changed, the
// rest as it was; change then edits its standard.json as a tree. It returns the folder of packs.
func newcomerPack(t *testing.T, id, municipality, name string, change func(m map[string]any)) string {
	t.Helper()
	dir := t.TempDir()
	pack := filepath.Join(dir, id)
	if err := os.CopyFS(pack, os.DirFS("testdata/standards/eksempel-sel104-2025-01")); err != nil {
		t.Fatal(err)
	}
	writePack(t, pack, func(m map[string]any) {
		m["id"] = id
		m["municipality"].(map[string]any)["id"] = municipality
		m["municipality"].(map[string]any)["name"] = name
		if change != nil {
			change(m)
		}
	})
	return dir
}

// writePack rewrites the standard.json of the pack folder through change.
func writePack(t *testing.T, pack string, change func(m map[string]any)) {
	t.Helper()
	f := filepath.Join(pack, "standard.json")
	raw, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	raw, _ = json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(f, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

func check(t *testing.T, dir string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	code = standardsCommand([]string{"check", dir}, &out, &errs)
	return code, out.String(), errs.String()
}

const embeddedHint = "beside the ones built into it"

// A pack copied from the test municipality is accepted, with a warning that lists what it kept
// of the test municipality's; a pack that kept nothing but a rule switch two standards may well
// share gets none.
func TestStandardsCheckWarnsOfACopy(t *testing.T) {
	dir := newcomerPack(t, "odense-sel104-2026-01", "odense", "Odense Kommune", nil)
	code, stdout, stderr := check(t, dir)
	if code != 0 || !strings.Contains(stdout, "ok  odense-sel104-2026-01") {
		t.Fatalf("a copied pack fails (exit %d): %s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"warning: odense-sel104-2026-01 (Odense Kommune) has what testdata/standards/eksempel-sel104-2025-01 (Eksempel Kommune) has",
		"the logo file's bytes (logo.png)",
		`the signing unit "Social og Sundhed, Eksempel Kommune"`,
		`the contact unit "Voksen Handicap" (handicap), reached the same way`,
		`the name "Eksempel Kommune" in /municipality/logo/alt, /municipality/signing_unit, /transport/legal_basis, templates/decision.tmpl`,
		"the wording of templates/decision.tmpl, word for word",
		"the CVR number 11223344",
		"the rule switch other_offers_first",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the warning lacks %q:\n%s", want, stderr)
		}
	}

	own := newcomerPack(t, "odense-sel104-2026-01", "odense", "Odense Kommune", func(m map[string]any) {
		mun := m["municipality"].(map[string]any)
		delete(mun, "logo")
		mun["signing_unit"] = "Socialområdet, Odense Kommune"
		delete(mun, "cvr") // until the municipality has written its own
		m["contact_units"] = map[string]any{
			"handicap": map[string]any{"name": "Handicap og Psykiatri", "phone": "6551 0000"},
			"family":   map[string]any{"name": "Borgerservice", "phone": "6551 1111"},
		}
		m["transport"].(map[string]any)["legal_basis"] = "servicelovens § 104"
	})
	os.RemoveAll(filepath.Join(own, "odense-sel104-2026-01", "templates"))
	os.Remove(filepath.Join(own, "odense-sel104-2026-01", "logo.png"))
	if code, stdout, stderr := check(t, own); code != 0 || strings.Contains(stderr, "warning") {
		t.Errorf("a pack of its own (with the rule switch other_offers_first) is warned of (exit %d): %s%s", code, stdout, stderr)
	}
	// The repository's own packs copy nothing.
	if code, stdout, stderr := check(t, "standards"); code != 0 || strings.Contains(stderr, "warning") {
		t.Errorf("the embedded packs (exit %d): %s%s", code, stdout, stderr)
	}
}

// Two municipality ids under one name are refused, naming both packs, without the hint about the
// built-in packs (the clash is the folder's own).
func TestStandardsCheckRefusesTwoIDsForOneName(t *testing.T) {
	dir := newcomerPack(t, "odense-sel104-2026-01", "odense", "Odense Kommune", nil)
	second := filepath.Join(dir, "odense-sel104-2027-01")
	os.CopyFS(second, os.DirFS(filepath.Join(dir, "odense-sel104-2026-01")))
	writePack(t, second, func(m map[string]any) {
		m["id"], m["valid_from"] = "odense-sel104-2027-01", "2027-01-01"
		m["municipality"].(map[string]any)["id"] = "odence"
	})
	code, _, stderr := check(t, dir)
	want := `odense-sel104-2026-01/standard.json: /municipality/id: "odense", but "odence" in ` + second + `, also named "Odense Kommune"`
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want 1 and %q: %s", code, want, stderr)
	}
	if strings.Contains(stderr, embeddedHint) {
		t.Errorf("a clash inside the folder gets the hint about the built-in packs: %s", stderr)
	}
	// A clash with a built-in pack gets it.
	clash := t.TempDir()
	os.CopyFS(clash, os.DirFS("standards"))
	writePack(t, filepath.Join(clash, "broenderslev-sel104-2024-12"), func(m map[string]any) { m["issued"] = "januar 2025" })
	if code, _, stderr := check(t, clash); code != 1 || !strings.Contains(stderr, embeddedHint) || !strings.Contains(stderr, "another id") {
		t.Errorf("a clash with a built-in pack (exit %d): %s", code, stderr)
	}
}

// A template error names the pack's file and the line in it, whatever kind of error it is.
func TestStandardsCheckNamesTheTemplateLine(t *testing.T) {
	const head = "{{/* Odense's wording */}}\n\n{{define \"decision.granted.about\"}}\nTilbuddet er åbent\nmandag til fredag.\n\n"
	for _, c := range []struct{ line7, want string }{
		{"Vi {{.Std.Numbers.StartWithinDays}} ses.", "line 7: template \"decision.granted.about\" uses .Std.Numbers.StartWithinDays"},
		{"Vi {{nosuch .}} ses.", `line 7: function "nosuch" not defined`},
		{"Vi {{template \"nowhere\" .}} ses.", `line 7: template "decision.granted.about" calls "nowhere"`},
		{"Vi {{end}}{{end}} ses.", "line 7: unexpected {{end}}"},
	} {
		dir := newcomerPack(t, "odense-sel104-2026-01", "odense", "Odense Kommune", nil)
		file := filepath.Join(dir, "odense-sel104-2026-01", "templates", "decision.tmpl")
		os.WriteFile(file, []byte(head+c.line7+"\n{{end}}\n"), 0o644)
		code, _, stderr := check(t, dir)
		if code != 1 || !strings.Contains(stderr, file+": "+c.want) {
			t.Errorf("%s: exit %d, want %q: %s", c.line7, code, file+": "+c.want, stderr)
		}
		if strings.Contains(stderr, embeddedHint) {
			t.Errorf("%s: a template error gets the hint about the built-in packs: %s", c.line7, stderr)
		}
	}
}

// Beside "ok", the check says how many examples pass, how many are refused as they are meant to
// be, and how many only under the pack, and why (the examples are Brønderslev's: refusals for
// the pack's own codes, numbers and switches do not fail it).
func TestStandardsCheckCountsRefusedExamples(t *testing.T) {
	dir := newcomerPack(t, "odense-sel104-2026-01", "odense", "Odense Kommune", func(m map[string]any) {
		acts := m["lists"].(map[string]any)["activities"].(map[string]any)
		delete(acts, "exercise")
		delete(acts, "hobby")
	})
	code, stdout, stderr := check(t, dir)
	if code != 0 {
		t.Fatalf("refused examples fail the check (exit %d): %s", code, stderr)
	}
	for _, want := range []string{
		`(?m)^    \d+ pass, \d+ (is|are) refused as under Brønderslev Kommune's standard, which the examples are written for \(they break a rule on purpose\), \d+ are refused under this pack only:$`,
		`(?m)^      \d+ use codes the pack's lists do not have: exercise, hobby \(activities\)$`,
		`(?m)^      \d+ break start_within_14_days$`,
		`(?m)^      \d+ break other_offers_considered, a rule the pack switches on \(rules.other_offers_first\)$`,
	} {
		if !regexp.MustCompile(want).MatchString(stdout) {
			t.Errorf("no line %s:\n%s", want, stdout)
		}
	}
	// Under Brønderslev's own pack, no example is refused but those meant to be.
	if _, stdout, _ := check(t, "standards"); !strings.Contains(stdout, " 0 are refused under this pack only\n") {
		t.Errorf("examples refused under the standard they are written for:\n%s", stdout)
	}
}

// A path that is a pack, its standard.json, or nothing gets a message that says what to give.
func TestStandardsCheckSaysWhichFolderToGive(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"testdata/standards/eksempel-sel104-2025-01", "testdata/standards/eksempel-sel104-2025-01 is a pack; give the folder that holds it: standards check testdata/standards"},
		{"testdata/standards/eksempel-sel104-2025-01/standard.json", "is a pack's standard.json; give the folder that holds the pack's folder: standards check testdata/standards"},
		{"testdata/standrads", "testdata/standrads does not exist; give the folder that holds the packs"},
	} {
		if code, _, stderr := check(t, c.path); code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, want %q: %s", c.path, code, c.want, stderr)
		}
	}
}
