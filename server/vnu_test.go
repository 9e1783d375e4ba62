package server

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/chromedp/chromedp"
)

// vnu runs the W3C Nu HTML checker (npm vnu-jar, on Debian's default-jre-headless) once over
// the named documents and returns its errors, file by file. Without it the test is skipped,
// except in CI.
func vnu(t *testing.T, docs map[string]string) []string {
	t.Helper()
	jar := vnuJar()
	java, err := exec.LookPath("java")
	if _, statErr := os.Stat(jar); err != nil || statErr != nil {
		msg := "the Nu HTML checker is not installed (apt-get install default-jre-headless; npm install -g vnu-jar)"
		if os.Getenv("CI") != "" {
			t.Fatalf("%s, and CI must run this test", msg)
		}
		t.Skip(msg + "; skipping")
	}
	dir := t.TempDir()
	// A short run: the client compiler alone (C1) and one GC thread take half the CPU of the
	// JVM's defaults, which would compile for a long-running server; C1 needs a larger stack
	// than the checker's 512k for the HTML schema.
	args := []string{"-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, "--format", "json", "--stdout"}
	for name, html := range docs {
		f := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(name)+".html")
		if err := os.WriteFile(f, []byte(html), 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, f)
	}
	out, _ := exec.Command(java, args...).Output() // exits 1 when it finds errors
	var res struct {
		Messages []struct{ Type, URL, Message, Extract string }
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("vnu: %v: %s", err, out)
	}
	var errs []string
	for _, m := range res.Messages {
		if m.Type == "error" || m.Type == "non-document-error" {
			errs = append(errs, fmt.Sprintf("%s: %s (%q)", filepath.Base(m.URL), m.Message, m.Extract))
		}
	}
	return errs
}

// vnuJar is the path of npm's vnu-jar: in the usual global roots, else where `npm root -g`
// says (asking npm takes most of a second on a busy machine).
func vnuJar() string {
	dist := filepath.Join("vnu-jar", "build", "dist", "vnu.jar")
	for _, root := range []string{"/usr/lib/node_modules", "/usr/local/lib/node_modules"} {
		if _, err := os.Stat(filepath.Join(root, dist)); err == nil {
			return filepath.Join(root, dist)
		}
	}
	if root, err := exec.Command("npm", "root", "-g").Output(); err == nil {
		return filepath.Join(strings.TrimSpace(string(root)), dist)
	}
	return ""
}

// The W3C Nu HTML checker finds no error in the preview page in its states (a valid decision,
// a finding, JSON that cannot be read, the replace dialog open, a phone's width) nor in the
// HTML letter of every example and draft.
func TestHTMLIsValid(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	docs := map[string]string{}
	s := newTestServer(t, nil)
	for _, e := range testkit.Examples(t) {
		rec := s.do("POST", "/v1/previews", "application/json", e.JSON, "Accept", "text/html")
		if rec.Code != 200 {
			t.Fatalf("%s: status %d", e.Name, rec.Code)
		}
		docs["letter "+e.Name] = rec.Body.String()
	}
	ts := liveServer(t)
	b := newBrowser(t)
	page := func(state string) {
		var html string
		b.eval(t, `"<!DOCTYPE html>\n" + document.documentElement.outerHTML`, &html)
		docs["page "+state] = html
	}
	b.do(t, chromedp.Navigate(ts.URL+"/"))
	b.waitFor(t, "the page", `document.getElementById("status").className === "ok" && document.querySelector("#timeline ol") !== null`)
	page("valid")
	b.pick(t, "rules/start_within_14_days")
	b.waitFor(t, "the finding", findingFor+` !== null`)
	page("finding")
	var ok bool
	b.eval(t, setValue(`document.getElementById("f-citizen_2ename")`, "Anna Hansen"), &ok)
	b.pick(t, "granted")
	b.waitFor(t, "the dialog", `document.getElementById("replace-dialog").open`)
	page("dialog")
	b.do(t, chromedp.Click(chromedp.CSS("#replace-keep")))
	b.eval(t, `(() => { const j = document.getElementById("json"); j.value = j.value.replace("Anna Hansen\",", "Anna Hansen\""); j.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, &ok)
	b.waitFor(t, "the stale state", `document.getElementById("status").className === "bad" && !document.getElementById("letter-stale").hidden`)
	page("stale")
	b.do(t, chromedp.EmulateViewport(390, 800))
	page("phone")
	if len(docs) < 20 {
		t.Fatalf("only %d documents", len(docs))
	}
	// One broken document in the same run shows that the checker reports errors.
	docs["known bad"] = `<!DOCTYPE html><html lang="da"><head><title>x</title></head><body><ul><p>x</p></ul></body></html>`
	bad := 0
	for _, e := range vnu(t, docs) {
		if strings.HasPrefix(e, "known_bad.html") {
			bad++
			continue
		}
		t.Error(e)
	}
	if bad == 0 {
		t.Error("the checker found nothing in a document with a p inside a ul")
	}
}
