package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The preview never changes a decision behind the caseworker's back (#22).

// clickRemove clicks the remove button of a list entry, by its path.
func clickRemove(list string) string {
	return `(document.querySelector('#form button.list-remove[data-list="' + CSS.escape('` + list + `') + '"]').click(), true)`
}

// jsonHas is a predicate: the JSON box holds s.
func jsonHolds(s string) string {
	return `document.getElementById("json").value.includes(` + jsQuote(s) + `)`
}

func jsQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// Point 1: removing a refusal from a partly granted decision can be undone, and the change of
// result (partly granted to granted) is announced in a live region.
func TestPreviewRemovalCanBeUndoneAndTheResultIsAnnounced(t *testing.T) {
	b := openPreview(t)
	b.pick(t, "partly-granted")
	b.waitFor(t, "the example", `document.getElementById("example").value === "partly-granted" && document.getElementById("status").className === "ok"`)
	var ok bool
	b.eval(t, clickRemove(`["refused",0]`), &ok)
	b.waitFor(t, "the refusal removed", `!`+jsonHolds("Individuelt tilrettelagt tilbud"))
	var r struct {
		Notice, Live, Undo string
		Focus              string
	}
	b.eval(t, `(() => { const n = document.getElementById("result-notice"), u = document.querySelector("#form button.undo");
	  return {Notice: n ? n.textContent : "", Live: n ? (n.getAttribute("aria-live") || n.getAttribute("role") || "") : "",
	    Undo: u ? u.textContent : "", Focus: document.activeElement.textContent} })()`, &r)
	if !strings.Contains(r.Notice, "bevilget") || !strings.Contains(r.Notice, "delvist bevilget") || (r.Live != "polite" && r.Live != "status" && r.Live != "assertive") {
		t.Errorf("the change of result is not announced: notice %q (live %q)", r.Notice, r.Live)
	}
	if !strings.Contains(r.Undo, "Fortryd") {
		t.Fatalf("no way to undo the removal: %+v", r)
	}
	b.eval(t, `(document.querySelector("#form button.undo").click(), true)`, &ok)
	b.waitFor(t, "the refusal back", jsonHolds("Individuelt tilrettelagt tilbud")+` && document.getElementById("status").className === "ok"`)
	var back struct {
		Refused int
		Notice  string
	}
	b.eval(t, `({Refused: JSON.parse(document.getElementById("json").value).refused.length, Notice: document.getElementById("result-notice").textContent})`, &back)
	if back.Refused != 1 || !strings.Contains(back.Notice, "delvist bevilget") {
		t.Errorf("after undo: %+v", back)
	}
	b.screenshot(t, "preview-undo.png")
	b.noProblems(t)
	_ = chromedp.Sleep
}
