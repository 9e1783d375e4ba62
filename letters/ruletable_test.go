package letters_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
)

// The README's table "Rules and what they rest on" names every rule code the service reports,
// with the basis the code gives it, so that a legal reader can trust the table.
func TestTheReadmeRuleTableSaysEachRulesBasis(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(testkit.Dir(), "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(raw), "## Rules and what they rest on")
	section, _, _ = strings.Cut(section, "\n## ")
	code := regexp.MustCompile("`([a-z0-9_]+)`")
	table := map[string]string{} // rule code -> basis, from the table's rows
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 5 || !strings.HasPrefix(line, "| `") {
			continue
		}
		basis := strings.TrimSpace(cells[3])
		for _, m := range code.FindAllStringSubmatch(strings.SplitN(cells[1], "(", 2)[0], -1) {
			table[m[1]] = basis
		}
	}
	svc := newService(t)
	for _, r := range svc.Rules() {
		got, ok := table[r.Code]
		switch {
		case !ok:
			t.Errorf("rule %s is not in the README's table \"Rules and what they rest on\"", r.Code)
		case got != string(r.Basis):
			t.Errorf("rule %s: the README says %q, the code %q", r.Code, got, r.Basis)
		}
	}
}
