package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The letter keeps its scroll position when it updates, a finding's link puts focus in its
// field, the shortcuts come first, and the letter frame shows where focus is (#10, points 3, 4).
func TestPreviewKeepsItsPlaceAndWorksByKeyboard(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	ts := liveServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	b.waitFor(t, "the letter", `document.getElementById("status").className === "ok" && (document.getElementById("letter").contentDocument?.body?.innerText || "").includes("Venlig hilsen")`)
	var ok bool
	b.eval(t, `(document.getElementById("letter").contentWindow.scrollTo(0, 600), true)`, &ok)
	b.eval(t, setValue(`document.getElementById("f-citizen_2ename")`, "Anna Hansen"), &ok)
	b.waitFor(t, "the edit in the letter", `(document.getElementById("letter").contentDocument?.body?.innerText || "").includes("Anna Hansen")`)
	b.waitFor(t, "the place kept", `Math.abs(document.getElementById("letter").contentWindow.scrollY - 600) < 5`)

	// Tab from the top of the page: the shortcuts first.
	b.eval(t, `(document.activeElement.blur(), window.scrollTo(0, 0), true)`, &ok)
	b.do(t, chromedp.KeyEvent(kb.Tab))
	var first string
	b.eval(t, `document.activeElement.textContent + "|" + document.activeElement.getAttribute("href")`, &first)
	if first != "Status og fejl|#status" {
		t.Errorf("the first Tab stop is %q, not the shortcut to the status", first)
	}

	// A finding's link puts focus in the field at fault.
	b.pick(t, "rules/start_within_14_days")
	b.waitFor(t, "the dialog (the name was edited)", `document.getElementById("replace-dialog").open`)
	b.do(t, chromedp.Click(chromedp.CSS("#replace-ok")))
	b.waitFor(t, "the finding", findingFor+` !== null && document.querySelector("#other-findings a") !== null`)
	b.do(t, chromedp.Click(chromedp.CSS("#other-findings a")))
	b.waitFor(t, "focus in the start date", `document.activeElement === `+startField)

	// The letter frame shows a focus ring.
	var outline string
	b.eval(t, `(document.getElementById("letter").focus(), getComputedStyle(document.getElementById("letter")).outlineStyle)`, &outline)
	if outline == "none" || outline == "" {
		t.Errorf("the focused letter frame has outline %q", outline)
	}
	b.noProblems(t)
}

// At 320 CSS px neither the page nor the HTML letter scrolls sideways (WCAG 1.4.10), the
// timeline's text is at least 12 px and its labels never overlap, also with a reassessment's
// many dates; axe finds nothing at 390 and 1280 px (#10, points 5, 6).
func TestPreviewOnANarrowScreen(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	ts := liveServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	for _, width := range []int64{320, 390, 1280} {
		b.do(t, chromedp.EmulateViewport(width, 800))
		for name, says := range map[string]string{"reassessment-partly-granted": "Du får delvist medhold", "refused": "Łucja"} {
			b.pick(t, name)
			b.waitFor(t, name, `document.getElementById("status").className === "ok" && document.getElementById("timeline").innerText.includes("Klagefrist") &&
			  (document.getElementById("letter").contentDocument?.body?.innerText || "").includes("`+says+`")`)
			var m struct {
				Page, Viewport, Letter, Frame int
				MinFont                       float64
				Overlaps                      []string
				Items                         int
			}
			// Measured in one poll once the letter frame holds a whole document (it is replaced
			// while the page checks), and kept for the test to read.
			b.waitFor(t, name+": the measures", `(() => {
			  const f = document.getElementById("letter"), doc = f.contentDocument, items = [...document.querySelectorAll("#timeline li")];
			  if (!doc || !doc.documentElement || doc.readyState !== "complete") return false;
			  const r = items.map(li => li.getBoundingClientRect()), overlaps = [];
			  for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++)
			    if (r[i].left < r[j].right && r[j].left < r[i].right && r[i].top < r[j].bottom && r[j].top < r[i].bottom) overlaps.push(items[i].innerText + " / " + items[j].innerText);
			  window.__m = {Page: document.documentElement.scrollWidth, Viewport: document.documentElement.clientWidth,
			    Letter: doc.documentElement.scrollWidth, Frame: doc.documentElement.clientWidth,
			    MinFont: Math.min(...items.map(li => parseFloat(getComputedStyle(li).fontSize))), Overlaps: overlaps, Items: items.length};
			  return true;
			})()`)
			b.eval(t, `window.__m`, &m)
			if m.Page > m.Viewport {
				t.Errorf("%d px, %s: the page scrolls sideways (%d > %d)", width, name, m.Page, m.Viewport)
			}
			if m.Letter > m.Frame {
				t.Errorf("%d px, %s: the HTML letter scrolls sideways (%d > %d)", width, name, m.Letter, m.Frame)
			}
			if m.MinFont < 12 || len(m.Overlaps) > 0 || m.Items < map[string]int{"refused": 4, "reassessment-partly-granted": 10}[name] {
				t.Errorf("%d px, %s: timeline of %d dates, smallest text %.1f px, overlaps %v", width, name, m.Items, m.MinFont, m.Overlaps)
			}
		}
		if width == 390 {
			b.screenshot(t, "preview-phone.png")
		}
		if width != 320 { // axe at a phone's and a desktop's width
			if v := b.axe(t); len(v) > 0 {
				t.Errorf("%d px: accessibility violations:\n%s", width, strings.Join(v, "\n"))
			}
		}
	}
}

// JSON that cannot be read is explained in Danish, with line and column (#10, point 7).
func TestPreviewExplainsJSONErrorsInDanish(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	var ok bool
	b.eval(t, `(() => { const j = document.getElementById("json"); j.value = '{\n  "kind": "decision"\n  "decision_date": "2026-11-20"\n}'; j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	var msg string
	b.eval(t, `document.getElementById("json-error").textContent`, &msg)
	if !strings.Contains(msg, "linje 3, kolonne 3") || strings.Contains(msg, "Expected") {
		t.Errorf("the JSON error says %q", msg)
	}
}

// Every list of every letter kind can grow and shrink in the form: for each list the example
// shows, "Tilføj" adds an entry to the decision (and to what the buttons send), and removing
// that entry gives back the decision as it was (#10, point 8).
func TestPreviewListsCanBeEdited(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	for _, name := range []string{"granted", "refused", "receipt", "reassessment-partly-granted", "follow_up"} {
		b.pick(t, name)
		b.waitFor(t, name, `document.getElementById("example").value === "`+name+`" && document.getElementById("status").className === "ok"`)
		var lists []string
		b.eval(t, `[...document.querySelectorAll("#form button.list-add")].map(b => b.dataset.list)`, &lists)
		if len(lists) < map[string]int{"granted": 6, "refused": 5, "reassessment-partly-granted": 8}[name] || len(lists) == 0 {
			t.Errorf("%s: only %d lists can grow: %v", name, len(lists), lists)
		}
		for _, list := range lists {
			var r struct {
				Grew, Back bool
				Focus      string
			}
			b.eval(t, fmt.Sprintf(`(() => {
			  const before = document.getElementById("json").value, at = (o, p) => p.reduce((o, k) => o == null ? o : o[k], o);
			  const list = %s, count = (v) => Array.isArray(v) ? v.length : (v ? 1 : 0);
			  const n = count(at(JSON.parse(before), list));
			  document.querySelector('#form button.list-add[data-list="' + CSS.escape(JSON.stringify(list)) + '"]').click();
			  const grew = count(at(JSON.parse(document.getElementById("json").value), list)) === n + 1 || (n === 0 && at(JSON.parse(document.getElementById("json").value), list) !== null);
			  const focus = document.activeElement.id || document.activeElement.className;
			  const removes = [...document.querySelectorAll('#form button.list-remove')].filter(b => JSON.stringify(JSON.parse(b.dataset.list).slice(0, -1)) === JSON.stringify(list));
			  if (removes.length) removes[removes.length - 1].click();
			  return {Grew: grew, Back: !Array.isArray(at(JSON.parse(before), list)) || document.getElementById("json").value === before, Focus: focus};
			})()`, list), &r)
			if !r.Grew || !r.Back || r.Focus == "" {
				t.Errorf("%s: list %s: added %v, removed back %v, focus on %q", name, list, r.Grew, r.Back, r.Focus)
			}
		}
	}
	// A removed weekday is gone from what the final button sends.
	b.pick(t, "granted")
	b.waitFor(t, "granted", `document.getElementById("example").value === "granted" && document.getElementById("status").className === "ok"`)
	var ok bool
	b.eval(t, recordPosts, &ok)
	b.eval(t, `(document.querySelector('#form button.list-remove[data-list="' + CSS.escape('["granted",0,"weekdays",4]') + '"]').click(), true)`, &ok)
	b.waitFor(t, "the change checked", `document.getElementById("status").className === "ok" && !document.getElementById("download-final").disabled`)
	b.do(t, chromedp.Click(chromedp.CSS("#download-final")))
	b.waitFor(t, "the final letter asked for", lastPost("/v1/letters")+` !== ""`)
	var sent string
	b.eval(t, lastPost("/v1/letters"), &sent)
	if !strings.Contains(sent, `"weekdays":["monday","tuesday","wednesday","thursday"]`) {
		t.Errorf("the removed weekday is still in the letter asked for: %.300s", sent)
	}
	b.noProblems(t)
}

// The klarsprog warning appears beside the field it concerns, like every finding (#12).
func TestPreviewShowsPlainLanguageBesideTheFact(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	b.pick(t, "rules/plain_language")
	b.waitFor(t, "the warning beside the fact", `document.querySelector('.field[data-path="assessment.facts[1]"] .finding.warning[data-rule="plain_language"]') !== null`)
	var status string
	b.eval(t, `document.getElementById("status").textContent`, &status)
	if !strings.Contains(status, "kan sendes") {
		t.Errorf("a klarsprog warning must not stop the letter: %q", status)
	}
}

// Beside the facts, the preview shows the target-group sentence the letter prints, so a fact
// and the reason the citizen reads can be compared (#15, point 4).
func TestPreviewShowsTheTargetGroupReasonBesideTheFacts(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	ts := liveServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	b.pick(t, "physical-post")
	b.waitFor(t, "the reason beside the facts", `(document.querySelector('fieldset[data-path="assessment.facts"] .letter-says') || {}).textContent?.includes("psykisk")`)
	var ok bool
	b.eval(t, setValue(`document.getElementById("f-assessment_2etarget_5fgroup_5b0_5d")`, "physical_impairment"), &ok)
	b.waitFor(t, "the reason to follow the edit", `(document.querySelector('fieldset[data-path="assessment.facts"] .letter-says') || {}).textContent?.includes("fysisk")`)
}
