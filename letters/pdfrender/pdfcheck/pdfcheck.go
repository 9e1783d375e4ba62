// Package pdfcheck reads PDFs back, for tests, and reports what PDF/A-2a and PDF/UA-1 ask of
// them that open tools can check: tagging (every text and painting operator in marked content,
// MCIDs and the parent tree in agreement, heading levels, lists and tables), the catalog, XMP
// metadata against the Info dictionary, the output intent, the trailer /ID and the fonts. The
// checker is pdfcheck.py on Debian's python3-pikepdf: a reader that shares no code with the
// renderer. It is not veraPDF; the README gives the veraPDF command for the full verdict.
package pdfcheck

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
)

//go:embed pdfcheck.py
var script []byte

// Element is a structure element with content on a page: its type (P, H2, TD, …), the text of
// its marked content there, how many marked contents (lines) that is, and an ID that is the
// same for the same element on every page.
type Element struct {
	Type, Text string
	Lines, ID  int
}

// Report is what the checker found in one file.
type Report struct {
	Errors []string
	// Pages lists, page by page, the structure elements that have content there, in reading
	// order.
	Pages [][]Element
}

func (e *Element) UnmarshalJSON(b []byte) error {
	return json.Unmarshal(b, &[]any{&e.Type, &e.Text, &e.Lines, &e.ID})
}

// python is Debian's Python with pikepdf; without it the test is skipped, except in CI.
func python(t testing.TB) string {
	t.Helper()
	const bin = "/usr/bin/python3"
	if err := exec.Command(bin, "-c", "import pikepdf").Run(); err != nil {
		msg := "python3-pikepdf is not installed (apt-get install python3-pikepdf)"
		if os.Getenv("CI") != "" {
			t.Fatalf("%s, and CI must run this test", msg)
		}
		t.Skip(msg + "; skipping")
	}
	return bin
}

// Check runs the checker once over all files (name to PDF) and returns a report per name.
func Check(t testing.TB, files map[string][]byte) map[string]Report {
	t.Helper()
	bin := python(t)
	dir := t.TempDir()
	py := filepath.Join(dir, "pdfcheck.py")
	if err := os.WriteFile(py, script, 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{py}
	if _, err := os.Stat(agl); err == nil {
		args = append(args, "--agl", agl)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	byPath := map[string]string{}
	for i, name := range names {
		p := filepath.Join(dir, filepath.Base(name)+"-"+string(rune('a'+i%26))+".pdf")
		if err := os.WriteFile(p, files[name], 0o600); err != nil {
			t.Fatal(err)
		}
		byPath[p] = name
		args = append(args, p)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdfcheck: %v\n%s", err, stderr.String())
	}
	reports := map[string]Report{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r struct {
			File string
			Report
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("pdfcheck: %v: %s", err, sc.Bytes())
		}
		reports[byPath[r.File]] = r.Report
	}
	if len(reports) != len(files) {
		t.Fatalf("pdfcheck: %d reports for %d files\n%s", len(reports), len(files), stderr.String())
	}
	return reports
}

// agl is Debian's copy of the Adobe Glyph List (package aglfn); without it, any glyph name in a
// /Differences array is reported, since none can be confirmed.
const agl = "/usr/share/aglfn/glyphlist.txt"

// preflightJars are Debian's PDFBox Preflight and what it needs (libpdfbox2-java,
// libactivation-java, libjaxb-api-java).
var preflightJars = []string{
	"/usr/share/java/preflight.jar", "/usr/share/java/pdfbox2.jar", "/usr/share/java/fontbox2.jar",
	"/usr/share/java/xmpbox.jar", "/usr/share/java/commons-logging.jar", "/usr/share/java/javax.activation.jar",
	"/usr/share/java/jaxb-api.jar",
}

// Preflight runs Apache PDFBox's Preflight, a second and independent opinion, on a PDF and
// returns the faults it reports. Preflight knows PDF/A-1b only: on a PDF/A-2 file it always
// adds "part must be 1", which the caller expects.
func Preflight(t testing.TB, pdf []byte) []string {
	t.Helper()
	java, err := exec.LookPath("java")
	missing := err != nil
	for _, j := range preflightJars {
		if _, err := os.Stat(j); err != nil {
			missing = true
		}
	}
	if missing {
		msg := "PDFBox Preflight is not installed (apt-get install default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java)"
		if os.Getenv("CI") != "" {
			t.Fatalf("%s, and CI must run this test", msg)
		}
		t.Skip(msg + "; skipping")
	}
	f := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	cp := ""
	for i, j := range preflightJars {
		if i > 0 {
			cp += ":"
		}
		cp += j
	}
	// A short run: the client compiler alone and one GC thread take less CPU than the JVM's
	// defaults, made for a long-running server.
	out, _ := exec.Command(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp, "org.apache.pdfbox.preflight.Validator_A1b", f).CombinedOutput()
	var faults []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			first = false
			if !bytes.Contains([]byte(line), []byte("is not a valid PDF/A-1b file")) {
				if bytes.Contains([]byte(line), []byte("is a valid PDF/A-1b file")) {
					return nil
				}
				t.Fatalf("preflight: %s", out)
			}
			continue
		}
		if line != "" {
			faults = append(faults, line)
		}
	}
	return faults
}
