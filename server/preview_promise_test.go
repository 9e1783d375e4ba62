package server

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
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
	t.Parallel() // in a tab of its own (newBrowser)
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
	var picker string
	b.eval(t, `document.getElementById("example").selectedOptions[0].textContent`, &picker)
	if picker != "Rettet udgave af «Afgørelse: delvist bevilget»" {
		t.Errorf("the picker still names the example as loaded: %q", picker)
	}
	if !strings.Contains(r.Undo, "Fortryd") {
		t.Fatalf("no way to undo the removal: %+v", r)
	}
	if v := b.axe(t); len(v) > 0 {
		t.Errorf("with the undo and the notice: accessibility violations:\n%s", strings.Join(v, "\n"))
	}
	b.eval(t, `(document.querySelector("#form button.undo").scrollIntoView({block: "center"}), true)`, &ok)
	b.screenshot(t, "preview-undo.png")
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
	b.eval(t, `document.getElementById("example").value`, &picker)
	if picker != "partly-granted" {
		t.Errorf("after undo the decision is the example again, but the picker says %q", picker)
	}
	b.noProblems(t)
}

// clickAdd clicks the add button of a list, by its path.
func clickAdd(list string) string {
	return `(document.querySelector('#form button.list-add[data-list="' + CSS.escape('` + list + `') + '"]').click(), true)`
}

// Point 2: a new grant has no form, place or weekday chosen for the caseworker; each unpicked
// choice is a finding beside its field, and a new refusal prints no empty "Det har vi lagt
// vægt på:" in the draft.
func TestPreviewNewEntriesStartEmpty(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	b.pick(t, "granted")
	b.waitFor(t, "the example", `document.getElementById("example").value === "granted" && document.getElementById("status").className === "ok"`)
	var ok bool
	b.eval(t, clickAdd(`["granted"]`), &ok)
	b.eval(t, clickAdd(`["granted",0,"weekdays"]`), &ok)
	var r struct {
		Form, Place, Weekday string
		JSON                 map[string]any
	}
	b.eval(t, `(() => { const v = (p) => { const e = document.querySelector('#form [data-path="' + p + '"] select'); return e ? e.value + "|" + e.selectedOptions[0].textContent : "none" };
	  const d = JSON.parse(document.getElementById("json").value);
	  return {Form: v("granted[1].form"), Place: v("granted[1].place"), Weekday: v("granted[0].weekdays[5]"),
	    JSON: {form: d.granted[1].form, place: d.granted[1].place, weekday: d.granted[0].weekdays[5]}} })()`, &r)
	for name, v := range map[string]string{"form": r.Form, "place": r.Place, "weekday": r.Weekday} {
		if !strings.HasPrefix(v, "|") || r.JSON[name] != "" {
			t.Errorf("a new entry's %s is chosen for the caseworker: select %q, JSON %v", name, v, r.JSON[name])
		}
	}
	for _, p := range []string{"granted[1].form", "granted[1].place", "granted[0].weekdays[5]"} {
		b.waitFor(t, "the finding beside "+p, `(document.querySelector('#form .field[data-path="`+p+`"] .finding.error') || {}).textContent?.includes("Vælg")`)
	}
	var findings int
	b.eval(t, `document.querySelectorAll('#form .field[data-path="granted[1].form"] .finding').length`, &findings)
	if findings != 1 {
		t.Errorf("the unpicked form has %d findings beside it, want one", findings)
	}

	b.pick(t, "granted")
	b.waitFor(t, "the dialog", `document.getElementById("replace-dialog").open`)
	b.do(t, chromedp.Click(chromedp.CSS("#replace-ok")))
	b.waitFor(t, "the example", `!document.getElementById("replace-dialog").open && document.getElementById("status").className === "ok"`)
	b.eval(t, clickAdd(`["refused"]`), &ok)
	b.waitFor(t, "the draft with the new refusal", `document.getElementById("status").className === "bad" && document.getElementById("letter").srcdoc.includes("UDKAST") && document.querySelector('#form .finding') !== null`)
	b.do(t, chromedp.Sleep(300*time.Millisecond))
	var letter string
	b.eval(t, `document.getElementById("letter").srcdoc`, &letter)
	if strings.Contains(letter, "Det har vi lagt vægt på") {
		t.Error("a refusal without facts prints an empty \"Det har vi lagt vægt på:\" in the draft")
	}
	b.noProblems(t)
}

// Point 3: while the JSON box cannot be read, the form is read-only and says why; nothing in
// the JSON box is rewritten by the form, and the form opens again when the JSON reads.
func TestPreviewFormIsLockedWhileTheJSONIsBroken(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	var ok bool
	b.eval(t, `(document.getElementById("json-box").open = true)`, &ok)
	broken := `(() => { const j = document.getElementById("json"); j.value = j.value.replace(/("kind": "decision"|"decision_id": "[^"]*"),/, "$1"); j.dispatchEvent(new Event("input", {bubbles: true})); return j.value })()`
	var text string
	b.eval(t, broken, &text)
	b.waitFor(t, "the JSON error", `!document.getElementById("json-error").hidden`)
	var r struct {
		Open   int
		Reason string
		Busy   string
	}
	b.eval(t, `(() => { const ctls = [...document.querySelectorAll("#form input, #form select, #form textarea, #form button")];
	  const open = ctls.filter((c) => !c.disabled && !c.readOnly).length, why = document.getElementById("form-locked");
	  return {Open: open, Reason: why && !why.hidden ? why.textContent : "", Busy: document.getElementById("form").getAttribute("aria-describedby") || ""} })()`, &r)
	if r.Open != 0 || !strings.Contains(r.Reason, "JSON") || !strings.Contains(r.Busy, "form-locked") {
		t.Errorf("the form is not locked while the JSON is broken: %+v", r)
	}
	// A field changed anyway (a script, an autofill) does not rewrite the JSON box.
	b.eval(t, setValue(`document.getElementById("f-citizen_2ename")`, "Anna Hansen"), &ok)
	var now string
	b.eval(t, `document.getElementById("json").value`, &now)
	if now != text {
		t.Error("a form field rewrote the JSON box the caseworker was typing in")
	}
	b.screenshot(t, "preview-locked.png")
	if v := b.axe(t); len(v) > 0 {
		t.Errorf("the locked form: accessibility violations:\n%s", strings.Join(v, "\n"))
	}
	b.eval(t, `(() => { const j = document.getElementById("json"); j.value = JSON.stringify(JSON.parse(j.value.replace(/("kind": "decision"|"decision_id": "[^"]*")\n/, "$1,\n")), null, 2); j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	b.waitFor(t, "the form open again", `document.getElementById("json-error").hidden && document.getElementById("form-locked").hidden && !document.getElementById("f-citizen_2ename").readOnly && document.getElementById("status").className === "ok"`)
	b.noProblems(t)
}

// downloadsState is what the page says and lets the caseworker do about the letter.
const downloadsState = `({Draft: document.getElementById("download-draft").disabled, Final: document.getElementById("download-final").disabled,
  Status: document.getElementById("status").textContent, Stale: document.getElementById("letter-stale").hidden ? "" : document.getElementById("letter-stale").textContent,
  Retry: !document.getElementById("retry")?.hidden})`

type downloads struct {
	Draft, Final  bool
	Status, Stale string
	Retry         bool
}

// Point 4: a body with a wrong type (400) and a service that does not answer disable both
// downloads and say the real reason; "Prøv igen" appears when the service did not answer.
func TestPreviewSaysWhyNothingCanBeFetched(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	var ok bool
	b.eval(t, `(() => { const j = document.getElementById("json"); const d = JSON.parse(j.value); d.decision_date = 20261120; j.value = JSON.stringify(d, null, 2); j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	b.waitFor(t, "the 400", `document.getElementById("status").className === "bad" && !document.getElementById("status").textContent.includes("Kontrollerer")`)
	var s downloads
	b.eval(t, downloadsState, &s)
	if !s.Draft || !s.Final {
		t.Errorf("a body the service cannot read leaves a download enabled: %+v", s)
	}
	if !strings.Contains(s.Status, "Afgørelsesdato") || !strings.Contains(s.Status, "forkert type") || strings.Contains(s.Status, "decision_date") || s.Retry {
		t.Errorf("the status does not name the wrong type and its field in Danish: %+v", s)
	}

	// The service does not answer: the page says so (not "kan ikke læses") and offers to try again.
	b.eval(t, `(() => { window.__fetch = window.fetch; window.fetch = () => Promise.reject(new TypeError("Failed to fetch"));
	  const j = document.getElementById("json"); const d = JSON.parse(j.value); d.decision_date = "2026-11-20"; j.value = JSON.stringify(d, null, 2); j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	b.waitFor(t, "the service down", `document.getElementById("status").textContent.includes("svarer ikke")`)
	b.eval(t, downloadsState, &s)
	if !s.Draft || !s.Final || !s.Retry || strings.Contains(s.Stale, "kan ikke læses") || strings.Contains(s.Status, "kan ikke læses") {
		t.Errorf("with the service down: %+v", s)
	}
	b.screenshot(t, "preview-down.png")
	if v := b.axe(t); len(v) > 0 {
		t.Errorf("the service down: accessibility violations:\n%s", strings.Join(v, "\n"))
	}
	b.eval(t, `(window.fetch = window.__fetch, document.getElementById("retry").click(), true)`, &ok)
	b.waitFor(t, "the letter again", `document.getElementById("status").className === "ok" && !document.getElementById("download-draft").disabled && !document.getElementById("download-final").disabled && document.getElementById("retry").hidden`)
	for _, p := range b.problems() {
		if !strings.Contains(p, "400") {
			t.Errorf("console: %s", p)
		}
	}
}

// Point 6: on a phone (390 px) the sticky shortcuts cover nothing they jump to, the letter
// frame shows a focus ring when tabbed to, and the final download is reached within 40 Tab
// presses from load, through a shortcut that is announced first.
func TestPreviewByKeyboardOnAPhone(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	ts := liveServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.EmulateViewport(390, 800), chromedp.Navigate(ts.URL+"/"))
	b.waitFor(t, "the page", `document.getElementById("status").className === "ok" && !document.getElementById("download-final").disabled`)
	for _, target := range []string{"status", "h-preview", "downloads", "status@320", "h-preview@320"} {
		if strings.HasSuffix(target, "@320") {
			target = strings.TrimSuffix(target, "@320")
			b.do(t, chromedp.EmulateViewport(320, 800))
			b.do(t, chromedp.Sleep(100*time.Millisecond))
		}
		var ok bool
		b.eval(t, `(window.scrollTo(0, 0), document.querySelector('.jump a[href="#`+target+`"]').click(), true)`, &ok)
		b.do(t, chromedp.Sleep(200*time.Millisecond))
		var m struct{ Bar, Top float64 }
		b.eval(t, `({Bar: document.querySelector(".jump").getBoundingClientRect().bottom, Top: document.getElementById("`+target+`").getBoundingClientRect().top})`, &m)
		if m.Top < m.Bar {
			t.Errorf("the sticky shortcuts cover #%s (its top %.0f, the bar's bottom %.0f)", target, m.Top, m.Bar)
		}
	}

	b.do(t, chromedp.EmulateViewport(390, 800))
	// From load: Tab until the final download, taking a shortcut only when it says where it goes.
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	b.waitFor(t, "the page", `document.getElementById("status").className === "ok" && !document.getElementById("download-final").disabled`)
	presses, shortcut := 0, ""
	for ; presses < 40; presses++ {
		var at struct{ ID, Text, Href string }
		b.eval(t, `({ID: document.activeElement.id, Text: document.activeElement.textContent, Href: document.activeElement.getAttribute("href") || ""})`, &at)
		if at.ID == "download-final" {
			break
		}
		if shortcut == "" && strings.Contains(at.Text, "Hent") && strings.HasPrefix(at.Href, "#") {
			shortcut = at.Text
			b.do(t, chromedp.KeyEvent(kb.Enter))
			continue
		}
		b.do(t, chromedp.KeyEvent(kb.Tab))
	}
	if presses >= 40 {
		t.Errorf("the final download is not reached within 40 Tab presses (shortcut %q)", shortcut)
	}

	// The letter frame shows a focus ring when tabbed to.
	var ring string
	for i := 0; i < 10; i++ {
		b.do(t, chromedp.KeyEvent(kb.Tab))
		var id string
		b.eval(t, `document.activeElement.id`, &id)
		if id == "letter" {
			b.do(t, chromedp.Sleep(100*time.Millisecond))
			b.eval(t, `(() => { const f = document.getElementById("letter"), s = getComputedStyle(f); return s.outlineStyle + " " + s.outlineWidth })()`, &ring)
			break
		}
	}
	if ring == "" || strings.HasPrefix(ring, "none") || strings.HasSuffix(ring, " 0px") {
		t.Errorf("the letter frame tabbed to shows no focus ring: %q", ring)
	}
	b.screenshot(t, "preview-phone-keyboard.png")
	b.noProblems(t)
}

// jsonPath finds a JSON path in visible text: "granted[0].start_date", "case.caseworker".
var jsonPath = `/[a-z_]+\[\d+\]|\b[a-z]+_[a-z_]+\b|\b[a-z_]+\.[a-z_]+\b/`

// Point 7: findings, the summary and the draft's box name fields in the words of the form and
// the letter, never by a JSON path; "Plads" as the letter says; an entry of a list of plain
// values by its singular; a provider's name as such; the standard by its title; and an
// invalid date in a text field asks for what that field takes.
func TestPreviewSpeaksTheLettersWords(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	b.pick(t, "rules/start_within_14_days")
	b.waitFor(t, "the finding", findingFor+` !== null && document.getElementById("letter").srcdoc.includes("UDKAST")`)
	var r struct {
		Visible, Link, Draft, Labels string
	}
	// The draft is read from the frame's document, which is replaced whenever the page sets the
	// srcdoc again (a second check of the same letter): read until the frame has a body (it
	// failed now and then when it read the frame between two loads).
	for try := 0; try < 50 && !strings.Contains(r.Draft, "UDKAST"); try++ {
		if try > 0 {
			time.Sleep(50 * time.Millisecond)
		}
		b.eval(t, `({Visible: [...document.querySelectorAll("#other-findings, #form .finding")].map((e) => e.innerText).join(" | "),
	  Link: document.querySelector("#other-findings a").textContent,
	  Draft: document.getElementById("letter").contentDocument?.body?.innerText || "",
	  Labels: [...document.querySelectorAll("#form label, #form legend")].map((e) => e.textContent).join(" | ")})`, &r)
	}
	if m := regexpFind(t, b, jsonPath, r.Visible); m != "" {
		t.Errorf("a JSON path (%q) in the visible findings: %s", m, r.Visible)
	}
	if !strings.Contains(r.Link, "Bevilget nr. 1 (Aktivitetscentret Solsikken), startdato") {
		t.Errorf("the summary names the field %q", r.Link)
	}
	if !strings.Contains(r.Draft, "Bevilget nr. 1, startdato") || strings.Contains(r.Draft, "granted[0]") {
		t.Errorf("the draft's box names the field by its path: %q", r.Draft)
	}
	for _, want := range []string{"Plads", "Ugedag nr. 1", "Leverandørens navn", "Sagsbehandlerens e-mail"} {
		if !strings.Contains(r.Labels, want) {
			t.Errorf("the form has no label %q", want)
		}
	}
	for _, wrong := range []string{"Sted", "Ugedage nr."} {
		if strings.Contains(r.Labels, wrong) {
			t.Errorf("the form still says %q", wrong)
		}
	}
	var examples string
	b.eval(t, `[...document.querySelectorAll("#example option")].map((o) => o.textContent).join(" | ")`, &examples)
	if strings.Contains(examples, "14 dage") || strings.Contains(examples, "8 uger") {
		t.Errorf("example names carry numbers of one standard: %s", examples)
	}

	// A decision dated before the standard it names: the warning names the standard by its title.
	var ok bool
	b.eval(t, `(() => { const j = document.getElementById("json"); const d = JSON.parse(j.value); d.standard = "eksempel-sel104-2025-01"; d.decision_date = "2024-11-20"; d.application_received_date = "2024-10-02"; d.hearing && (d.hearing.sent_date = "2024-11-05", d.hearing.answer_date = "2024-11-12"); d.granted[0].start_date = "2024-12-02";
	  j.value = JSON.stringify(d, null, 2); j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	b.waitFor(t, "the not-in-force warning", `document.querySelector('.finding[data-rule="standard_not_in_force"]') !== null`)
	var warning string
	b.eval(t, `document.querySelector('.finding[data-rule="standard_not_in_force"]').textContent`, &warning)
	if strings.Contains(warning, "eksempel-sel104") || !strings.Contains(warning, "Kvalitetsstandard for") {
		t.Errorf("the not-in-force warning names the standard %q", warning)
	}

	// An impossible date is a text field; its message asks for what a text field takes.
	b.eval(t, `(() => { const j = document.getElementById("json"); const d = JSON.parse(j.value); delete d.standard; d.decision_date = "2026-02-30";
	  j.value = JSON.stringify(d, null, 2); j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	b.waitFor(t, "the date's finding", `document.querySelector('.field[data-path="decision_date"] .finding[data-rule="invalid_format"]') !== null`)
	var date struct{ Type, Message string }
	b.eval(t, `({Type: document.querySelector('.field[data-path="decision_date"] input').type, Message: document.querySelector('.field[data-path="decision_date"] .finding').textContent})`, &date)
	if date.Type != "text" || !strings.Contains(date.Message, "år-måned-dag") || strings.Contains(date.Message, "kalender") {
		t.Errorf("an impossible date: a %s field saying %q", date.Type, date.Message)
	}
	b.noProblems(t)
}

// regexpFind runs a JavaScript regular expression on s in the page, and returns its first match.
func regexpFind(t *testing.T, b *browser, re, s string) string {
	var m string
	b.eval(t, `((s) => (s.match(`+re+`) || [""])[0])(`+jsQuote(s)+`)`, &m)
	return m
}

// Point 5, in the preview: renaming the offer leaves the transport text naming the old one,
// which is a finding beside the transport; and the final letter under a standard not in force
// on the decision date is fetched only after the caseworker confirms it.
func TestPreviewGuardsTheCitizen(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	b.pick(t, "granted")
	b.waitFor(t, "the example", `document.getElementById("example").value === "granted" && document.getElementById("status").className === "ok"`)
	var ok bool
	b.eval(t, setValue(`document.getElementById("f-granted_5b0_5d_2eoffer")`, "Dagcentret Mågen"), &ok)
	transportFinding := `document.querySelector('.field[data-path="transport.means"] .finding.warning[data-rule="transport_offer_not_granted"]')`
	b.waitFor(t, "the finding beside the transport", transportFinding+` !== null`)
	var msg string
	b.eval(t, transportFinding+`.textContent`, &msg)
	if !strings.Contains(msg, "Aktivitetscentret Solsikken") {
		t.Errorf("the transport finding says %q", msg)
	}
	b.eval(t, setValue(`document.getElementById("f-transport_2emeans")`, "Flextur fra din bopæl til Dagcentret Mågen"), &ok)
	b.waitFor(t, "the finding gone", `document.getElementById("status").className === "ok" && `+transportFinding+` === null`)

	// Dated before the oldest version of the standard: a warning, and the final download asks.
	b.eval(t, `(() => { const j = document.getElementById("json"); const d = JSON.parse(j.value); d.decision_date = "2024-06-03"; d.application_received_date = "2024-05-01";
	  d.granted[0].start_date = "2024-06-10"; d.transport.action_plan_date = "2024-05-15"; j.value = JSON.stringify(d, null, 2); j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	b.waitFor(t, "the not-in-force warning, and the final letter enabled", `document.querySelector('.finding[data-rule="standard_not_in_force"]') !== null && !document.getElementById("download-final").disabled`)
	b.eval(t, recordPosts, &ok)
	b.do(t, chromedp.Click(chromedp.CSS("#download-final")))
	b.waitFor(t, "the confirmation", `document.getElementById("confirm-dialog").open`)
	var text string
	b.eval(t, `document.getElementById("confirm-text").textContent`, &text)
	if !strings.Contains(text, "Brønderslev Kommune") || !strings.Contains(text, "3. juni 2024") {
		t.Errorf("the confirmation says %q", text)
	}
	b.screenshot(t, "preview-confirm-standard.png")
	if v := b.axe(t); len(v) > 0 {
		t.Errorf("the confirmation: accessibility violations:\n%s", strings.Join(v, "\n"))
	}
	// The dialog's buttons are pressed in the page, not at screen coordinates: on a loaded machine
	// a click by coordinates could land while the modal dialog is still being laid out.
	b.eval(t, `(document.getElementById("confirm-cancel").click(), true)`, &ok)
	b.waitFor(t, "the dialog closed", `!document.getElementById("confirm-dialog").open`)
	var posts int
	b.eval(t, `window.__posts.filter((p) => p.url.endsWith("/v1/letters")).length`, &posts)
	if posts != 0 {
		t.Error("the final letter was fetched although the caseworker declined")
	}
	b.do(t, chromedp.Click(chromedp.CSS("#download-final")))
	b.waitFor(t, "the confirmation again", `document.getElementById("confirm-dialog").open`)
	b.eval(t, `(document.getElementById("confirm-ok").click(), true)`, &ok)
	b.waitFor(t, "the final letter fetched", lastPost("/v1/letters")+` !== ""`)
	b.noProblems(t)
}
