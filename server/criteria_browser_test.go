package server

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/chromedp/chromedp"
)

// A decision under a standard with criteria (Kriterieby Kommune, #21): each criterion is a
// checkbox named in the standard's words, and a criterion not assessed is named the same way.
func TestPreviewNamesCriteriaInTheStandardsWords(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	raw, err := os.ReadFile(filepath.Join(testkit.Dir(), "standards", "kriterie-sel104-2026-01", "examples", "granted.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	json.Unmarshal(raw, &d)
	delete(d["assessment"].(map[string]any)["criteria"].(map[string]any), "group_motivation")
	body, _ := json.Marshal(d)
	b := openPreview(t)
	b.do(t, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const j = document.getElementById("json"); j.value = %q; j.dispatchEvent(new Event("input", {bubbles: true})) })()`, body)))
	b.waitFor(t, "the finding for the criterion not assessed", `document.querySelector('[data-rule="criterion_unassessed"]') !== null`)
	var label, link string
	b.eval(t, `document.querySelector('label[for="'+document.querySelector('[data-path="assessment.criteria.pedagogical_aim"] input').id+'"]').textContent`, &label)
	if !strings.HasPrefix(label, "Tilbuddet har et pædagogisk sigte") {
		t.Errorf("the criterion's checkbox is labelled %q", label)
	}
	b.eval(t, `[...document.querySelectorAll("#other-findings a, #form a")].map((a) => a.textContent).join(" | ")`, &link)
	if !strings.Contains(link, "Du er motiveret for at være sammen med andre") {
		t.Errorf("the finding names the criterion as %q", link)
	}
	b.noProblems(t)
}
