package server

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
	"github.com/bronderslev/afgorelsesbreve/server/headless"
	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// browser is a test's tab of the shared browser (newBrowser), with every console message and
// uncaught exception of the test's pages in it.
type browser struct {
	ctx     context.Context
	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// shared is the one Chromium of the package's tests: starting it takes about a second, so it
// starts once and every test borrows a tab of it (borrowTab). Files the page downloads go to
// its temporary folder, never to the home folder. closeSharedBrowser stops it after the last
// test (TestMain), before goleak looks.
var shared struct {
	once   sync.Once
	ctx    context.Context
	cancel func()
	err    error
}

func sharedBrowser(t *testing.T) context.Context {
	t.Helper()
	bin, err := browserPath()
	if err != nil {
		bin = pdftext.RequireTool(t, "chromium-headless-shell", "chromium-headless-shell")
	}
	if err := startShared(bin); err != nil {
		t.Fatalf("chromium does not start: %v", err)
	}
	return shared.ctx
}

func startShared(bin string) error {
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "browser-test-")
		if err != nil {
			shared.err = err
			return
		}
		ctx, cancel := headless.New(bin, dir)
		shared.ctx, shared.cancel = ctx, func() { cancel(); os.RemoveAll(dir) }
		if shared.err = chromedp.Do(ctx); shared.err != nil { // start the browser
			return
		}
		_, shared.err = cdp.Call(ctx, chromedp.FromContext(ctx).Browser, cdpbrowser.SetDownloadBehavior,
			cdpbrowser.SetDownloadBehaviorParams{Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: filepath.Join(dir, "downloads")})
	})
	return shared.err
}

// browserPath is Debian's chromium-headless-shell where it is installed: Chromium's engine (the
// same Blink and V8) without the browser around it, Chromium's old headless mode. The browser
// tests take about a third less time in it than in chromium --headless, whose browser process
// alone took a third of Chromium's CPU here. Where only chromium is installed the tests use it.
func browserPath() (string, error) {
	if path, err := exec.LookPath("chromium-headless-shell"); err == nil {
		return path, nil
	}
	return headless.Path()
}

// atLeastFourAtOnce runs four tests at once where -parallel is not given and go test's default
// (one a core) is less: the browser tests spend much of their time waiting for the page's
// debounced checks and the server's answers, and at one a core the two cores here stood idle a
// fifth to a half of the time. The package alone took 24-25 s at two tests at once, 18-20 s at
// three and 16.6-17.4 s at four (once 21 s), in turns in one run. A machine of four cores or
// more keeps go test's default.
func atLeastFourAtOnce() {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set && runtime.GOMAXPROCS(0) < 4 {
		flag.Set("test.parallel", "4")
	}
}

// warmUp starts the shared browser and opens as many tabs as tests run in parallel (four at
// most; more are opened when they are needed), while the
// package's sequential tests run (they leave a core idle, and the browser tests wait for them):
// the browser tests then start at once. It does so only when every test runs and Chromium is
// there; the tests themselves say when it is missing. wait returns when it is done.
func warmUp() (wait func()) {
	if !flag.Parsed() {
		flag.Parse() // as m.Run would, to see the test filter
	}
	atLeastFourAtOnce()
	bin, err := browserPath()
	for _, f := range []string{"test.run", "test.skip", "test.list"} {
		if flag.Lookup(f).Value.String() != "" {
			err = fmt.Errorf("-%s is given", f) // not every test runs
		}
	}
	if err != nil {
		return func() {}
	}
	n, _ := strconv.Atoi(flag.Lookup("test.parallel").Value.String())
	n = min(n, 4)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if startShared(bin) != nil {
			return
		}
		for range n {
			tb, err := openTab()
			if err != nil {
				return
			}
			tabs.mu.Lock()
			tabs.free = append(tabs.free, tb)
			tabs.mu.Unlock()
		}
	}()
	return func() { <-done }
}

func closeSharedBrowser() {
	tabs.mu.Lock()
	for _, tb := range tabs.free {
		tb.close() // each tab's goroutines end before the browser's
	}
	tabs.free = nil
	tabs.mu.Unlock()
	if shared.cancel != nil {
		shared.cancel()
	}
}

// tabs are the shared browser's open tabs that no test is using. A new tab costs Chromium a
// renderer's start (about 0.3 s of CPU here) and a new browser context twice that again, which
// was a third of the package's time; so a test borrows a tab and, when it passes, gives it
// back blank: its session storage cleared, on about:blank, with no viewport or touch override
// and the mouse in the corner (no :hover left for the next page). A failed test's tab is
// closed, so that whatever went wrong cannot reach the next test. Each test serves the page
// from a server of its own, so no two tests share an origin, and the page keeps its state in
// session storage alone (the token); the tabs share one browser context, though, so cookies,
// which do not tell ports apart, and the HTTP cache are shared: a test of a page that used
// them would need a browser context of its own (chromedp.WithNewBrowserContext).
var tabs struct {
	mu   sync.Mutex
	free []tab
}

type tab struct {
	ctx   context.Context
	close func()
}

func borrowTab(t *testing.T) tab {
	t.Helper()
	tabs.mu.Lock()
	if n := len(tabs.free); n > 0 {
		tb := tabs.free[n-1]
		tabs.free = tabs.free[:n-1]
		tabs.mu.Unlock()
		return tb
	}
	tabs.mu.Unlock()
	sharedBrowser(t)
	tb, err := openTab()
	if err != nil {
		t.Fatalf("chromium opens no tab: %v", err)
	}
	return tb
}

func openTab() (tab, error) {
	ctx, cancel := chromedp.NewContext(shared.ctx)
	if err := chromedp.Do(ctx); err != nil { // with no time limit: a tab's first action binds it to its context
		cancel()
		return tab{}, err
	}
	return tab{ctx, cancel}, nil
}

func giveBack(t *testing.T, tb tab) {
	if t.Failed() {
		tb.close()
		return
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`try { sessionStorage.clear() } catch (e) {}`),
		chromedp.Navigate("about:blank"),
		chromedp.Func(func(ctx context.Context, s *chromedp.Target) error {
			if _, err := cdp.Call(ctx, s, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
				return err
			}
			if _, err := cdp.Call(ctx, s, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, s, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseMoved})
			return err
		}))
	if err != nil {
		tb.close()
		return
	}
	tabs.mu.Lock()
	tabs.free = append(tabs.free, tb)
	tabs.mu.Unlock()
}

// newBrowser borrows a tab and collects the console messages and uncaught exceptions of the
// test's pages in it.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	tb := borrowTab(t)
	ctx, stop := context.WithCancel(tb.ctx)
	t.Cleanup(func() { stop(); giveBack(t, tb) })
	b := &browser{ctx: ctx}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	return b
}

// do runs steps with a time limit derived from the browser's context.
func (b *browser) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %v\nconsole: %v", err, b.messages())
	}
}

func (b *browser) eval(t *testing.T, js string, out any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](js, chromedp.EvalAsValue))
	if err != nil {
		t.Fatalf("evaluate %q: %v", js, err)
	}
	if err := json.Unmarshal(v, out); err != nil {
		t.Fatalf("evaluate %q: %v (%s)", js, err, v)
	}
}

// waitFor polls a JavaScript predicate until it is true.
func (b *browser) waitFor(t *testing.T, what, js string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 15*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		t.Fatalf("waiting for %s: %v\nconsole: %v", what, err, b.messages())
	}
}

// pick chooses an example in the picker, as a caseworker does: choosing loads it.
func (b *browser) pick(t *testing.T, name string) {
	t.Helper()
	var ok bool
	b.eval(t, fmt.Sprintf(`(() => { const s = document.getElementById("example"); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return s.value === %q })()`, name, name), &ok)
	if !ok {
		t.Fatalf("the picker has no example %q", name)
	}
}

func (b *browser) messages() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, m := range b.console {
		out = append(out, m.String())
	}
	return out
}

// problems are console errors, warnings and uncaught exceptions.
func (b *browser) problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, m := range b.console {
		if m.IsException() || m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning {
			out = append(out, m.String())
		}
	}
	return out
}

func (b *browser) screenshot(t *testing.T, name string) {
	dir := os.Getenv("SCREENSHOTS")
	if dir == "" {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, name), png, 0o644)
}

// openPreview starts a server and a browser on its preview page, and waits until the first
// example is checked.
func openPreview(t *testing.T) *browser {
	t.Helper()
	ts := liveServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	b.waitFor(t, "the page", `document.getElementById("status").className === "ok"`)
	return b
}

// noProblems fails the test on console errors, warnings and uncaught exceptions.
func (b *browser) noProblems(t *testing.T) {
	t.Helper()
	if p := b.problems(); len(p) > 0 {
		t.Errorf("console: %v", p)
	}
}

func liveServer(t *testing.T) *httptest.Server {
	ts := httptest.NewServer(newTestServer(t, nil))
	t.Cleanup(ts.Close)
	return ts
}

const (
	startField = `document.getElementById("f-granted_5b0_5d_2estart_5fdate")`
	// findingFor is the finding shown inside the field's own box.
	findingFor = `document.querySelector('.field[data-path="granted[0].start_date"] .finding[data-rule="start_within_14_days"]')`
)

func setValue(selector, value string) string {
	return fmt.Sprintf(`(() => { const e = %s; e.value = %q; e.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, selector, value)
}

func TestPreviewPageInChromium(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	ts := liveServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	// Load the contract's example.
	b.pick(t, "partly-granted")
	b.waitFor(t, "the example to validate", `document.getElementById("status").className === "ok"`)
	b.waitFor(t, "the letter to show", `(document.getElementById("letter").srcdoc || "").includes("Søren Østergaard Ærø")`)
	var final bool
	b.eval(t, `document.getElementById("download-final").disabled`, &final)
	if final {
		t.Error("a valid decision can be downloaded as the final letter")
	}

	// Break a rule: start on day 20 after the decision of 20 November.
	var ok bool
	b.eval(t, setValue(startField, "2026-12-10"), &ok)
	b.waitFor(t, "the finding next to the start date", findingFor+` !== null`)
	var msg, status, invalid string
	b.eval(t, findingFor+`.textContent`, &msg)
	b.eval(t, `document.getElementById("status").textContent`, &status)
	b.eval(t, startField+`.getAttribute("aria-invalid") || ""`, &invalid)
	if !strings.Contains(msg, "Fejl:") || !strings.Contains(msg, "4. december 2026") || invalid != "true" {
		t.Errorf("finding %q, aria-invalid %q", msg, invalid)
	}
	if !strings.Contains(status, "1 fejl") {
		t.Errorf("status %q", status)
	}
	b.eval(t, `document.getElementById("download-final").disabled && !document.getElementById("final-hint").hidden`, &final)
	if !final {
		t.Error("the final letter must not be downloadable while there are errors, and the hint says why")
	}
	b.waitFor(t, "the draft to list the fault", `document.getElementById("letter").srcdoc.includes("UDKAST") && document.getElementById("letter").srcdoc.includes("Bevilget nr. 1, startdato")`)
	var link string
	b.eval(t, `document.querySelector("#other-findings a").textContent`, &link)
	if !strings.Contains(link, "Bevilget nr. 1 (Aktivitetscentret Solsikken), startdato") {
		t.Errorf("the summary links to the field: %q", link)
	}
	b.eval(t, `(() => { `+startField+`.scrollIntoView({block: "center"}); return true })()`, &ok)
	b.screenshot(t, "preview-finding.png")

	// Fix it again.
	b.eval(t, setValue(startField, "2026-12-04"), &ok)
	b.waitFor(t, "the finding to go", findingFor+` === null && document.getElementById("status").className === "ok"`)
	b.eval(t, `document.getElementById("download-final").disabled`, &final)
	if final {
		t.Error("fixed: the final letter can be downloaded again")
	}
	// The timeline shows the dates.
	var timeline string
	b.eval(t, `document.getElementById("timeline").innerText.replace(/\s+/g, " ")`, &timeline)
	for _, want := range []string{"Klagefrist 18. dec. 2026", "Start 4. dec. 2026", "Første opfølgning 4. mar. 2027", "Afgørelse 20. nov. 2026"} {
		if !strings.Contains(timeline, want) {
			t.Errorf("timeline %q lacks %q", timeline, want)
		}
	}
	if p := b.problems(); len(p) > 0 {
		t.Errorf("console problems: %v", p)
	}
}

// axe runs axe-core (testdata/axe, vendored from npm) on the page the browser shows and
// returns its violations, one line each.
func (b *browser) axe(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	// DevTools evaluation is not subject to the page's CSP, so the page keeps its policy.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](string(src), chromedp.EvalAsValue)); err != nil {
		t.Fatalf("inject axe: %v", err)
	}
	type violation struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []any `json:"target"`
		} `json:"nodes"`
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](
		`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	var out []string
	for _, v := range vs {
		out = append(out, fmt.Sprintf("%s (%s): %d nodes, first %v", v.ID, v.Help, len(v.Nodes), v.Nodes[0].Target))
	}
	return out
}

func TestPreviewPageIsAccessible(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	ts := liveServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	b.pick(t, "rules/start_within_14_days")
	b.waitFor(t, "the finding", findingFor+` !== null`)
	if v := b.axe(t); len(v) > 0 {
		t.Errorf("the preview page with a finding has accessibility violations:\n%s", strings.Join(v, "\n"))
	}
}

func TestHTMLLetterIsAccessible(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	s := newTestServer(t, nil)
	eksempel := "granted under Eksempel Kommune, with its logo"
	for _, name := range []string{"partly-granted.json", "rules/no_items.json", "reassessment-partly-granted.json", "follow_up.json", eksempel} {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // each letter in a tab of its own
			checkHTMLLetterIsAccessible(t, s, name, name == eksempel)
		})
	}
}

// checkHTMLLetterIsAccessible shows the HTML letter of an example (granted.json under Eksempel
// Kommune's standard when eksempel) in Chromium under the letter's own CSP and runs axe on it.
func checkHTMLLetterIsAccessible(t *testing.T, s testServer, name string, eksempel bool) {
	body := testkit.Read(t, "granted.json")
	if eksempel {
		body = bytes.Replace(body, []byte("{"), []byte(`{"standard": "eksempel-sel104-2025-01",`), 1)
	} else {
		body = testkit.Read(t, name)
	}
	rec := s.do("POST", "/v1/previews", "application/json", body, "Accept", "text/html")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("%s: status %d %s", name, rec.Code, rec.Header().Get("Content-Type"))
	}
	letter := rec.Body.Bytes()
	csp := rec.Header().Get("Content-Security-Policy")
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", csp)
		w.Write(letter)
	}))
	defer ts.Close()
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	if v := b.axe(t); len(v) > 0 {
		t.Errorf("%s: the HTML letter has accessibility violations:\n%s", name, strings.Join(v, "\n"))
	}
	var styled bool // the letter's own style applies under its CSP (by hash, no unsafe-inline)
	b.eval(t, `getComputedStyle(document.querySelector(".draft")).borderTopStyle === "dashed"`, &styled)
	if !styled {
		t.Errorf("%s: the letter's style was blocked by its CSP", name)
	}
	if eksempel { // the logo shows under the letter's CSP, with its words
		var logo string
		b.eval(t, `(() => { const i = document.querySelector("img.logo"); return i && i.complete && i.naturalWidth === 240 ? i.alt : "" })()`, &logo)
		if logo != "Eksempel Kommunes logo" {
			t.Errorf("the logo does not show, or has no alt text (%q)", logo)
		}
	}
	if p := b.problems(); len(p) > 0 {
		t.Errorf("%s: console problems: %v", name, p)
	}
}

// With tokens configured, the page asks for the token once, keeps it for the tab and then works.
func TestPreviewPageAsksForTheToken(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	s := withToken(t)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	b.waitFor(t, "the token form", `!document.getElementById("token-form").hidden`)
	b.do(t, chromedp.SendKeys(chromedp.CSS("#token"), token), chromedp.Click(chromedp.CSS("#token-form button")))
	b.waitFor(t, "the letter", `(document.getElementById("letter").srcdoc || "").includes("UDKAST")`)
	var stored string
	b.eval(t, `sessionStorage.getItem("afgorelsesbreve-token")`, &stored)
	if stored != token {
		t.Errorf("the token is kept for the tab: %q", stored)
	}
	for _, p := range b.problems() {
		if !strings.Contains(p, "401") { // the first, refused calls
			t.Errorf("console: %s", p)
		}
	}
}

// The other letter kinds load, check and show their dates on the timeline too.
func TestPreviewPageShowsEveryKind(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	ts := liveServer(t)
	b := newBrowser(t)
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	// Every example of every registered kind; for some, the dates the timeline must show.
	dates := map[string][]string{
		"granted":                     {"Klagefrist 18. dec. 2026", "Start 1. dec. 2026"},
		"receipt":                     {"Svar senest 27. nov. 2026", "Ansøgning modtaget 2. okt. 2026"},
		"reassessment-upheld":         {"Til Ankestyrelsen senest 7. jan. 2027", "Klage modtaget 10. dec. 2026", "Brevets dato 5. jan. 2027"},
		"reassessment-partly-granted": {"Trække klage tilbage senest 2. feb. 2027", "Klagefrist 2. feb. 2027"},
		"follow_up":                   {"Opfølgningsmøde 1. mar. 2027", "Næste opfølgning 1. mar. 2028"},
	}
	for _, e := range kindExamples(t) {
		name := e.Name
		want := dates[name]
		b.pick(t, name)
		b.waitFor(t, name+" to be checked", `document.getElementById("status").className === "ok" && document.querySelector("#timeline ol") !== null && document.getElementById("letter").srcdoc.includes("UDKAST")`)
		var label string
		if len(want) > 0 {
			b.waitFor(t, name+" on the timeline", `document.getElementById("timeline").innerText.replace(/\s+/g, " ").includes(`+fmt.Sprintf("%q", want[0])+`)`)
		}
		b.eval(t, `document.getElementById("timeline").innerText.replace(/\s+/g, " ")`, &label)
		for _, w := range want {
			if !strings.Contains(label, w) {
				t.Errorf("%s: timeline %q lacks %q", name, label, w)
			}
		}
		if strings.Contains(label, "Brevets dato") && strings.Contains(label, "Brevet modtaget") {
			t.Errorf("%s: a letter by Digital Post is received on its date; the timeline says it twice: %q", name, label)
		}
	}
	if p := b.problems(); len(p) > 0 {
		t.Errorf("console: %v", p)
	}
}

// The caseworker sees which standard a letter follows and can pick another: the letter, the
// findings and the body sent follow the pick, and "automatic" goes back to the date's version.
func TestPreviewPagePicksTheStandard(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	b := openPreview(t)
	b.pick(t, "receipt")
	letterHas := func(text string) string {
		return `document.getElementById("letter").srcdoc.includes(` + fmt.Sprintf("%q", text) + `)`
	}
	b.waitFor(t, "the receipt under Brønderslev", letterHas("på op til 8 uger")+` && document.getElementById("standard-used").textContent.includes("Brønderslev Kommune, december 2024")`)
	var options []string
	b.eval(t, `[...document.getElementById("standard").options].map((o) => o.textContent)`, &options)
	if len(options) != len(testkit.Packs(t))+2 || !strings.Contains(strings.Join(options, "|"), "Eksempel Kommune, januar 2025 (gælder fra 1. januar 2025)") {
		t.Errorf("the standard picker offers %q", options)
	}
	b.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("standard"); s.value = "eksempel-sel104-2025-01"; s.dispatchEvent(new Event("change", {bubbles: true})) })()`))
	b.waitFor(t, "the receipt under Eksempel Kommune", letterHas("på op til 40 arbejdsdage")+` && `+letterHas("Eksempel Kommune")+
		` && document.getElementById("standard-used").textContent.includes("Eksempel Kommune, januar 2025")`)
	var sent string
	b.eval(t, `JSON.parse(document.getElementById("json").value).standard`, &sent)
	if sent != "eksempel-sel104-2025-01" {
		t.Errorf("the body names %q", sent)
	}
	if n := b.count(t, `#form [data-path="standard"]`); n != 0 {
		t.Errorf("the form shows the standard a second time (%d fields)", n)
	}
	b.screenshot(t, "preview-standard.png")
	b.do(t, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("standard"); s.value = ""; s.dispatchEvent(new Event("change", {bubbles: true})) })()`))
	b.waitFor(t, "back to the date's version", letterHas("på op til 8 uger")+` && !JSON.parse(document.getElementById("json").value).standard`)
	b.noProblems(t)
}

func (b *browser) count(t *testing.T, selector string) int {
	var n int
	b.eval(t, fmt.Sprintf(`document.querySelectorAll(%q).length`, selector), &n)
	return n
}
