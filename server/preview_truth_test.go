package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// recordPosts wraps the page's fetch so that a test sees every body the page posts.
const recordPosts = `(() => { window.__posts = []; const f = window.fetch;
  window.fetch = (u, o) => { window.__posts.push({url: String(u), body: o && o.body}); return f(u, o) }; return true })()`

// lastPost is the body of the last POST to a route, or "".
func lastPost(route string) string {
	return `(() => { const p = window.__posts.filter(p => p.url.endsWith("` + route + `")); return p.length ? String(p[p.length-1].body) : "" })()`
}

// The decision on screen is what the buttons send: JSON that cannot be read, or a body the
// service cannot read, disables both downloads and marks the letter and the status as not
// matching; an edit reaches the PDF that is asked for (#10, point 1).
func TestPreviewSendsOnlyTheDecisionOnScreen(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	ts := liveServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	b.waitFor(t, "a valid letter", `document.getElementById("status").className === "ok" && !document.getElementById("download-final").disabled`)
	var ok bool
	b.eval(t, recordPosts, &ok)

	// An edit in a field: the final letter asked for holds the edit.
	b.eval(t, setValue(`document.getElementById("f-citizen_2ename")`, "Anna Hansen"), &ok)
	b.eval(t, `document.getElementById("download-final").disabled`, &ok)
	if !ok {
		t.Error("the final button stays enabled while the edited decision is not yet checked")
	}
	b.waitFor(t, "the edit to be checked", `document.getElementById("status").className === "ok" && !document.getElementById("download-final").disabled`)
	b.do(t, chromedp.Click(chromedp.CSS("#download-final")))
	b.waitFor(t, "the final letter to be asked for", lastPost("/v1/letters")+` !== ""`)
	var sent string
	b.eval(t, lastPost("/v1/letters"), &sent)
	if !strings.Contains(sent, "Anna Hansen") {
		t.Errorf("the final letter was asked for without the edit: %.200s", sent)
	}

	// JSON with a comma missing: nothing can be downloaded, and the page says so at the top.
	b.eval(t, `(document.getElementById("json-box").open = true)`, &ok)
	b.eval(t, `(() => { const j = document.getElementById("json"); j.value = j.value.replace("Anna Hansen\",", "Anna Hansen\""); j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	b.waitFor(t, "the stale state", `document.getElementById("status").className === "bad"`)
	var state struct {
		Final, Draft, Stale bool
		Status              string
		Timeline            int
	}
	stateJS := `({Final: document.getElementById("download-final").disabled, Draft: document.getElementById("download-draft").disabled,
	  Stale: document.querySelector(".preview").classList.contains("stale") && !document.getElementById("letter-stale").hidden,
	  Status: document.getElementById("status").textContent, Timeline: document.querySelectorAll("#timeline svg").length})`
	b.eval(t, stateJS, &state)
	b.screenshot(t, "preview-stale.png")
	if !state.Final || !state.Draft {
		t.Errorf("with unreadable JSON the downloads stay enabled: final disabled %v, draft disabled %v", state.Final, state.Draft)
	}
	if !state.Stale || !strings.Contains(state.Status, "kan ikke læses") || state.Timeline != 0 {
		t.Errorf("the letter and timeline of the previous decision stay on screen unmarked: %+v", state)
	}
	before := 0
	b.eval(t, `window.__posts.length`, &before)
	b.eval(t, `document.getElementById("download-final").click(), document.getElementById("download-draft").click(), true`, &ok)
	after := 0
	b.eval(t, `window.__posts.length`, &after)
	if after != before {
		t.Errorf("a download was asked for while the JSON could not be read: %d posts", after-before)
	}

	// A wrong type: the service cannot read it, so the letter does not match either.
	b.eval(t, `(() => { const j = document.getElementById("json"); const d = JSON.parse(j.value.replace("Anna Hansen\"", "Anna Hansen\",")); d.decision_date = 20261120; j.value = JSON.stringify(d, null, 2); j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	b.waitFor(t, "the wrong type to be answered", `document.getElementById("status").textContent.includes("kan ikke læses") && document.getElementById("status").className === "bad"`)
	b.eval(t, stateJS, &state)
	if !state.Final || !state.Stale || state.Timeline != 0 {
		t.Errorf("a decision the service cannot read leaves the old letter: %+v", state)
	}

	// Fixed again: the letter matches and can be sent.
	b.eval(t, `(() => { const j = document.getElementById("json"); const d = JSON.parse(j.value); d.decision_date = "2026-11-20"; j.value = JSON.stringify(d, null, 2); j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	b.waitFor(t, "the fixed decision", `document.getElementById("status").className === "ok" && !document.getElementById("download-final").disabled && !document.querySelector(".preview").classList.contains("stale")`)
	b.noProblems(t)
}

// A handed-over body that is not JSON says so, and nothing is posted for it (#10, point 2).
func TestPreviewHandedOverUnreadable(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	var ok bool
	b.eval(t, `(() => { const f = document.createElement("form"); f.method = "post"; f.action = "/";
	  const i = document.createElement("input"); i.name = "decision"; i.value = '{"kind": "decision",'; f.append(i); document.body.append(f); setTimeout(() => f.submit(), 0); return true })()`, &ok)
	b.do(t, chromedp.Sleep(800*time.Millisecond), chromedp.WaitReady("#json"))
	b.waitFor(t, "the handed-over page", `document.getElementById("json").value.startsWith('{"kind": "decision",')`)
	b.eval(t, recordPosts, &ok)
	b.waitFor(t, "the status to say it", `document.getElementById("status").className === "bad" && document.getElementById("status").textContent.includes("kan ikke læses")`)
	b.eval(t, `document.getElementById("download-draft").click(), true`, &ok)
	n := -1
	b.eval(t, `window.__posts.length`, &n)
	if n != 0 {
		t.Errorf("a draft was asked for an unreadable decision: %d posts", n)
	}
}

// handOver posts a decision to the page as a case system's form does.
func handOver(t *testing.T, b *browser, decision string) {
	t.Helper()
	var ok bool
	b.eval(t, fmt.Sprintf(`(() => { const f = document.createElement("form"); f.method = "post"; f.action = "/";
	  const i = document.createElement("input"); i.name = "decision"; i.value = %q; f.append(i); document.body.append(f);
	  setTimeout(() => f.submit(), 0); return true })()`, decision), &ok)
	b.do(t, chromedp.Sleep(800*time.Millisecond), chromedp.WaitReady("#json"))
}

// Nothing is replaced without asking: an example chosen over a handed-over or edited decision
// opens a dialog first, and the picker names only what is on screen (#10, point 2).
func TestPreviewAsksBeforeReplacing(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	body := string(testkit.Read(t, "refused.json"))
	handOver(t, b, body)
	b.waitFor(t, "the handed-over decision", `document.getElementById("status").className === "ok"`)
	var picker struct{ Value, Text string }
	b.eval(t, `({Value: document.getElementById("example").value, Text: document.getElementById("example").selectedOptions[0].textContent})`, &picker)
	if picker.Value != "" || picker.Text != "Afgørelse fra sagssystemet" {
		t.Errorf("after a hand-over the picker names %+v", picker)
	}
	dialogOpen := `document.getElementById("replace-dialog").open`
	jsonHas := func(s string) string { return fmt.Sprintf(`document.getElementById("json").value.includes(%q)`, s) }

	// Keep: nothing changes, and the picker still names the handed-over decision.
	b.pick(t, "granted")
	b.waitFor(t, "the dialog", dialogOpen)
	var text string
	b.eval(t, `document.getElementById("replace-text").textContent`, &text)
	if !strings.Contains(text, "sagssystemet") || !strings.Contains(text, "Afgørelse: bevilget") {
		t.Errorf("the dialog says %q", text)
	}
	b.screenshot(t, "preview-replace-dialog.png")
	b.do(t, chromedp.Click(chromedp.CSS("#replace-keep")))
	b.waitFor(t, "the dialog to close", "!"+dialogOpen)
	// (the picker goes back when the dialog's close event has run)
	b.waitFor(t, "the handed-over decision kept, and named", jsonHas("Łucja")+` && document.getElementById("example").value === ""`)
	var ok bool

	// Replace: the example is loaded and named.
	b.pick(t, "granted")
	b.waitFor(t, "the dialog", dialogOpen)
	b.do(t, chromedp.Click(chromedp.CSS("#replace-ok")))
	b.waitFor(t, "the example", "!"+jsonHas("Łucja")+` && document.getElementById("example").value === "granted"`)

	// Another example over an unedited one: no dialog.
	b.pick(t, "refused")
	b.waitFor(t, "the next example", jsonHas("Łucja")+` && document.getElementById("example").value === "refused"`)
	b.eval(t, dialogOpen, &ok)
	if ok {
		t.Error("a dialog for an example that was not edited")
	}

	// An edit, then another example: the dialog again; Escape keeps the edit.
	b.eval(t, setValue(`document.getElementById("f-citizen_2ename")`, "Anna Hansen"), &ok)
	b.pick(t, "granted")
	b.waitFor(t, "the dialog", dialogOpen)
	b.do(t, chromedp.KeyEvent(kb.Escape))
	b.waitFor(t, "the dialog to close", "!"+dialogOpen)
	b.waitFor(t, "Escape to keep the edited decision, named as such", jsonHas("Anna Hansen")+` && document.getElementById("example").value === "" && document.getElementById("example").selectedOptions[0].textContent === "Rettet udgave af «Afgørelse: afslag»"`)
	b.noProblems(t)
}
