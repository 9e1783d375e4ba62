// Package pdftext reads a PDF's text back as a reader gets it, for tests: with a Go PDF reader
// and with poppler's pdftotext, which CI requires.
package pdftext

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// Go extracts the text of every page with the pure-Go reader github.com/ledongthuc/pdf, line
// by line as a reader sees it: the characters on one baseline, in order from left to right.
// (The letter draws a line as runs of one code page each, "Ł" and "ucja"; a reader that
// started a new line for every run would read "Ł ucja".) Text larger than 40 pt, the draft's
// rotated watermark, follows each page's lines.
func Go(t testing.TB, file []byte) string { return GoPages(t, file, 0) }

// GoPages is Go for the first n pages only (all when n is 0).
func GoPages(t testing.TB, file []byte, n int) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatalf("pdftext: the Go reader cannot open the PDF: %v", err)
	}
	last := r.NumPage()
	if n > 0 {
		last = min(n, last)
	}
	var b strings.Builder
	for i := 1; i <= last; i++ {
		var glyphs []pdf.Text
		var large strings.Builder
		for _, g := range r.Page(i).Content().Text {
			if g.FontSize > 40 {
				large.WriteString(g.S)
			} else {
				glyphs = append(glyphs, g)
			}
		}
		// Lines from the top of the page down; glyphs within half a point share a baseline.
		sort.SliceStable(glyphs, func(a, c int) bool {
			ya, yc := math.Round(glyphs[a].Y*2), math.Round(glyphs[c].Y*2)
			if ya != yc {
				return ya > yc
			}
			return glyphs[a].X < glyphs[c].X
		})
		for j, g := range glyphs {
			if j > 0 && math.Round(g.Y*2) != math.Round(glyphs[j-1].Y*2) {
				b.WriteByte('\n')
			}
			b.WriteString(g.S)
		}
		b.WriteString("\n" + large.String() + "\n")
	}
	return b.String()
}

// Pages is the Go reader's page count.
func Pages(t testing.TB, file []byte) int {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatalf("pdftext: %v", err)
	}
	return r.NumPage()
}

// Catalog returns the value of a key of the document catalog, e.g. "Lang".
func Catalog(t testing.TB, file []byte, key string) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatalf("pdftext: %v", err)
	}
	v := r.Trailer().Key("Root").Key(key)
	if v.Kind() == pdf.Name {
		return v.Name()
	}
	return v.Text()
}

// RequireTool returns the path of an outside program. Without it the test is skipped, with a
// message saying what to install, except in CI (CI set), where that is a failure: CI must
// never skip these tests silently.
func RequireTool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := name + " is not installed (apt-get install " + debianPackage + ")"
	if os.Getenv("CI") != "" {
		t.Fatalf("%s, and CI must run this test", msg)
	}
	t.Skip(msg + "; skipping")
	return ""
}

// Poppler runs pdftotext with the given options ("-layout", "-bbox", ...) on the PDF.
func Poppler(t testing.TB, file []byte, opts ...string) string {
	t.Helper()
	bin := RequireTool(t, "pdftotext", "poppler-utils")
	cmd := exec.Command(bin, append(append([]string{"-enc", "UTF-8"}, opts...), "-", "-")...)
	cmd.Stdin = bytes.NewReader(file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	return string(out)
}

// Flat folds all white space to single spaces, so that a text wrapped over lines and pages
// can be found whole. Page footers are the caller's business.
func Flat(s string) string { return strings.Join(strings.Fields(s), " ") }
