package testkit

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// MeMoSchema is MeMo_core.xsd of the shared folder beside the repository (../shared/memo/schema,
// as CI has it). Without it, or without xmllint (Debian's libxml2-utils), the test is skipped
// with a message, and fails under CI.
func MeMoSchema(t testing.TB) string {
	t.Helper()
	xsd := filepath.Join(Dir(), "..", "..", "shared", "memo", "schema", "MeMo_core.xsd")
	missing := ""
	if _, err := os.Stat(xsd); err != nil {
		missing = "the MeMo schema " + xsd
	} else if _, err := exec.LookPath("xmllint"); err != nil {
		missing = "xmllint (apt-get install libxml2-utils)"
	}
	if missing != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing", missing)
		}
		t.Skipf("%s is missing", missing)
	}
	return xsd
}

// ValidateMeMo runs xmllint with the MeMo schema over the files, once, and returns xmllint's
// complaints by file; a file that validates is not in the map.
func ValidateMeMo(t testing.TB, xsd string, files []string) map[string]string {
	t.Helper()
	out, _ := exec.Command("xmllint", append([]string{"--noout", "--schema", xsd}, files...)...).CombinedOutput()
	bad := map[string]string{}
	ok := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		for _, f := range files {
			switch {
			case line == f+" validates":
				ok[f] = true
			case strings.HasPrefix(line, f+":") || line == f+" fails to validate":
				bad[f] += line + "\n"
			}
		}
	}
	for _, f := range files {
		if !ok[f] && bad[f] == "" {
			bad[f] = "xmllint said nothing of it:\n" + string(out)
		}
	}
	return bad
}
