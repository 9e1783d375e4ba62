package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/letters/standard"
)

// standardsCommand is "standards check DIR": the check the service makes of a folder of packs
// before it serves them (JSON Schema, unknown keys, templates parsed and every name they use
// present, switches, ids and dates), and then every example letter composed and drawn under
// each pack, so that a wording that only fails on a letter fails here.
func standardsCommand(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("standards check", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: afgorelsesbreve standards check DIR\n\nChecks every pack in DIR (each a folder with standard.json and optional templates/).")
	}
	if len(args) == 0 || args[0] != "check" {
		fset.Usage()
		return 2
	}
	if err := fset.Parse(args[1:]); err != nil || fset.NArg() != 1 {
		fset.Usage()
		return 2
	}
	dir := fset.Arg(0)
	packs, err := standard.LoadAll(os.DirFS(dir), dir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	// Served beside the embedded packs (LETTERS_STANDARDS), no id or date may clash with theirs.
	if _, err := letters.Open(letters.Config{Packs: os.DirFS(dir), PacksLabel: dir, Municipality: packs[0].Municipality.ID}); err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintln(stderr, "(the service serves these packs beside the embedded ones in standards/; give this version another id)")
		return 1
	}
	failed := false
	for _, p := range packs {
		svc, err := letters.Open(letters.Config{Packs: os.DirFS(dir), PacksLabel: dir, OnlyPacks: true, Municipality: p.Municipality.ID})
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		n, faults := composeExamples(svc, p.ID)
		for _, f := range faults {
			fmt.Fprintf(stderr, "%s: %s\n", p.Dir, f)
			failed = true
		}
		if len(faults) == 0 {
			fmt.Fprintf(stdout, "ok  %s (%s, in force from %s): %d example letters composed and drawn\n", p.ID, p.Municipality.Name, p.ValidFrom, n)
		}
	}
	if failed {
		return 1
	}
	return 0
}

// composeExamples composes and draws every example letter under the pack id, as a draft (an
// example may break this standard's rules: the check is of the pack's wording, not of the
// examples).
func composeExamples(svc *letters.Service, id string) (n int, faults []string) {
	files, _ := fs.Glob(examplesFS, "testdata/*/*.json")
	rules, _ := fs.Glob(examplesFS, "testdata/*/rules/*.json")
	files = append(files, rules...)
	slices.Sort(files)
	renderer := pdfrender.New()
	for _, f := range files {
		raw, _ := fs.ReadFile(examplesFS, f)
		var body map[string]any
		if json.Unmarshal(raw, &body) != nil {
			continue
		}
		body["standard"] = id
		raw, _ = json.Marshal(body)
		res, err := svc.Check(raw)
		if err == nil && res.Standard().ID != id {
			err = fmt.Errorf("checked under %s", res.Standard().ID)
		}
		if err == nil {
			var doc, derr = svc.ComposeDraft(res)
			if err = derr; err == nil {
				_, err = renderer.RenderBytes(doc)
			}
		}
		if err != nil {
			faults = append(faults, fmt.Sprintf("%s: %v", strings.TrimPrefix(f, "testdata/"), err))
			continue
		}
		n++
	}
	return n, faults
}
