package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// conformance holds the served description, parsed and validated, and a router over it.
type conformance struct {
	doc    *openapi3.T
	router routers.Router
	seen   map[string]int // "METHOD path status" -> responses checked
	mu     sync.Mutex
}

// registerBodyDecoders registers, once for the package (the registry is global), the media
// types whose bodies are checked for their media type and status only: the letter, the HTML
// rendition and the assets are not JSON.
var registerBodyDecoders = sync.OnceFunc(func() {
	for _, mt := range []string{"text/html", "application/pdf", "application/xml", "text/javascript", "text/css"} {
		openapi3filter.RegisterBodyDecoder(mt, openapi3filter.FileBodyDecoder)
	}
})

func newConformance(t *testing.T, spec []byte) *conformance {
	t.Helper()
	registerBodyDecoders()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		t.Fatalf("openapi.json does not load: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not valid: %v", err)
	}
	doc.Servers = nil // route by path alone
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &conformance{doc: doc, router: router, seen: map[string]int{}}
}

// exchange is one request of the conformance run and the answer the service gave it. The
// answers do not depend on the description they are checked against, so the service answers
// once for the package (recordExchanges) and each test checks the answers against its own.
type exchange struct {
	what   string
	req    *http.Request
	body   []byte
	status int
	header http.Header
	resp   []byte
}

// serve sends req (with body) through s and records the answer.
func serve(s http.Handler, what string, req *http.Request, body []byte) exchange {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	res := rec.Result()
	respBody, _ := io.ReadAll(res.Body)
	return exchange{what: what, req: req, body: body, status: res.StatusCode, header: res.Header, resp: respBody}
}

// check returns an error when the recorded answer (or, for a 2xx answer, the request) is not
// what the description allows.
func (c *conformance) check(x exchange) error {
	ctx := context.Background()
	vreq := x.req.Clone(ctx)
	vreq.Body = io.NopCloser(bytes.NewReader(x.body))
	// kin-openapi matches media ranges such as text/*, not structured-syntax suffixes: a
	// +json request is looked up under the range the description gives for it.
	if ct := vreq.Header.Get("Content-Type"); strings.HasPrefix(ct, "application/") && strings.HasSuffix(ct, "+json") {
		vreq.Header.Set("Content-Type", "application/*+json")
	}
	route, params, err := c.router.FindRoute(vreq)
	key := x.req.Method + " " + x.req.URL.Path + " " + fmt.Sprint(x.status)
	if err != nil {
		// Not a described route: the answer must still be a described problem.
		c.count("(undescribed) " + key)
		return c.problem(x.status, x.header, x.resp)
	}
	c.count(x.req.Method + " " + route.Path + " " + fmt.Sprint(x.status))
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	if x.status < 300 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			return fmt.Errorf("answered %d to a request the description does not allow: %v", x.status, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: x.status, Header: x.header,
		Body: io.NopCloser(bytes.NewReader(x.resp)), Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		return fmt.Errorf("%d %s: %v\n%.300s", x.status, x.header.Get("Content-Type"), err, x.resp)
	}
	return nil
}

func (c *conformance) count(key string) {
	c.mu.Lock()
	c.seen[key]++
	c.mu.Unlock()
}

// problem checks an answer against the Problem schema, for routes the description cannot name.
func (c *conformance) problem(status int, header http.Header, body []byte) error {
	if ct := header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		return fmt.Errorf("%d %s: not a problem", status, ct)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return err
	}
	return c.doc.Components.Schemas["Problem"].Value.VisitJSON(v)
}

// bodies are the request bodies every route that takes a decision gets: every example, and
// what a careless or hostile caller sends.
func conformanceBodies(t *testing.T) map[string][]byte {
	bodies := map[string][]byte{}
	for _, e := range testkit.Examples(t) {
		bodies["example "+e.Name] = e.JSON
		if e.Rule == "" { // and every letter under Eksempel Kommune's standard
			bodies["example "+e.Name+" under eksempel"] = bytes.Replace(e.JSON, []byte("{"), []byte(`{"standard": "eksempel-sel104-2025-01",`), 1)
		}
	}
	// Kriterieby Kommune's examples: criteria (a map), section_103, cannot_transport_self (#21).
	kriterieby, _ := filepath.Glob(filepath.Join(testkit.Dir(), "standards", "kriterie-sel104-2026-01", "examples", "*", "*.json"))
	more, _ := filepath.Glob(filepath.Join(testkit.Dir(), "standards", "kriterie-sel104-2026-01", "examples", "*.json"))
	for _, f := range append(kriterieby, more...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies["kriterieby "+filepath.Base(f)] = raw
	}
	granted := string(testkit.Read(t, "granted.json"))
	long := strings.Repeat("ø", 10001)
	var items []string
	for range 51 {
		items = append(items, `"monday"`)
	}
	for name, b := range map[string]string{
		"not JSON": "{decision", "not UTF-8": "{\"kind\":\"x\xff\"}", "not UTF-8 in a text": strings.Replace(granted, "Søren", "S\xf8ren", 1),
		"empty": "", "null": "null", "array": "[]", "string": `"decision"`, "number": "1",
		"wrong types": `{"decision_date": 20261120, "case": "x", "granted": {}}`, "unknown field": strings.Replace(granted, "{", `{"extra": 1,`, 1),
		"unknown kind": `{"kind": "termination"}`, "kind null": `{"kind": null}`, "kind number": `{"kind": 1}`,
		"duplicate keys": strings.Replace(granted, "{", `{"decision_id": "a",`, 1), "empty object": "{}",
		"text over the limit": strings.Replace(granted, "Du kan lide at være sammen med andre", long, 1),
		"list over the limit": strings.Replace(granted, `"weekdays": [`, `"weekdays": [`+strings.Join(items, ",")+",", 1),
		"two MiB":             `{"decision_id": "` + strings.Repeat("x", 2<<20) + `"}`,
		"receipt broken":      `{"kind": "receipt", "letter_date": "2026-13-01"}`,
	} {
		bodies[name] = []byte(b)
	}
	return bodies
}

// recording is what the service answered in the conformance run: every exchange, and every
// answer that had not the status the run means to reach.
type recording struct {
	exchanges []exchange
	faults    []fault
}

type fault struct {
	what string
	err  error
}

// recorded is the package's one recording: both conformance tests check the same answers, each
// against its description, so the service answers (and draws the examples' letters) once.
var recorded struct {
	once sync.Once
	rec  *recording
}

func conformanceRecording(t *testing.T) *recording {
	t.Helper()
	recorded.once.Do(func() { recorded.rec = recordExchanges(t) })
	if recorded.rec == nil {
		t.Fatal("the conformance run failed in the test that ran it first")
	}
	return recorded.rec
}

// recordExchanges sends every example and many malformed bodies to every route that takes a
// decision, in three media types, with a token, without one and with a wrong one, from a
// remote caller in local mode, against a busy render limiter, and the routes that take none,
// and records each answer.
func recordExchanges(t *testing.T) *recording {
	token := "a-token-of-sixteen-or-more"
	tokens, _ := ParseTokens(strings.NewReader(token))
	local := newTestServer(t, nil)
	guarded := newTestServer(t, func(c *Config) { c.Tokens = tokens })
	withCVR := newMessageServer(t, nil)
	r := &recording{}
	var mu sync.Mutex
	send := func(s http.Handler, what, method, path, ct string, body []byte, header ...string) int {
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		req.RemoteAddr = "127.0.0.1:40000"
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		for i := 0; i+1 < len(header); i += 2 {
			if header[i] == "RemoteAddr" {
				req.RemoteAddr = header[i+1]
			} else {
				req.Header.Set(header[i], header[i+1])
			}
		}
		x := serve(s, fmt.Sprintf("%s %s (%s)", method, path, what), req, body)
		mu.Lock()
		defer mu.Unlock()
		r.exchanges = append(r.exchanges, x)
		return x.status
	}
	want := func(what string, got, status int) {
		if got != status {
			r.faults = append(r.faults, fault{what, fmt.Errorf("answered %d, not %d", got, status)})
		}
	}
	bodies := conformanceBodies(t)
	for name, body := range bodies {
		for _, route := range []string{"/v1/letters", "/v1/messages", "/v1/validations", "/v1/previews"} {
			code := send(local, name, "POST", route, "application/json", body)
			switch name {
			case "not UTF-8", "not UTF-8 in a text", "null", "array", "not JSON", "empty", "kind number":
				want(name+" to "+route, code, http.StatusBadRequest)
			case "two MiB":
				want(name+" to "+route, code, http.StatusRequestEntityTooLarge)
			}
			send(guarded, name+", with a token", "POST", route, "application/json", body, "Authorization", "Bearer "+token)
			if !strings.HasPrefix(name, "example rules/") {
				send(guarded, name+", without a token", "POST", route, "application/json", body)
				send(local, name+", remote in local mode", "POST", route, "application/json", body, "RemoteAddr", "192.0.2.7:5000")
				send(local, name+", as text/plain", "POST", route, "text/plain", body)
				send(local, name+", as +json", "POST", route, "application/vnd.kommune+json", body)
			}
		}
		send(local, name+", HTML", "POST", "/v1/previews", "application/json", body, "Accept", "text/html")
		send(withCVR, name+", as a message from a standard with a CVR", "POST", "/v1/messages", "application/json", body)
		form := url.Values{"decision": {string(body)}}.Encode()
		send(local, name+", form", "POST", "/", "application/x-www-form-urlencoded", []byte(form))
	}
	send(guarded, "wrong token", "POST", "/v1/letters", "application/json", bodies["example granted"], "Authorization", "Bearer not-the-token-at-all")
	// A token bound to Kriterieby: its own letter, and 403 for Brønderslev's.
	bound := tenants(t, nil)
	for _, route := range []string{"/v1/letters", "/v1/validations", "/v1/previews"} {
		want("Kriterieby's token, own letter, "+route, send(bound, "bound token, own", "POST", route, "application/json", bodies["kriterieby granted.json"], "Authorization", "Bearer "+kbyToken), http.StatusOK)
		want("Kriterieby's token, Brønderslev's letter, "+route, send(bound, "bound token, other", "POST", route, "application/json", withStandard(t, bodies["example granted"], brs2024), "Authorization", "Bearer "+kbyToken), http.StatusForbidden)
	}
	send(bound, "bound token, standards", "GET", "/v1/standards", "", nil, "Authorization", "Bearer "+kbyToken)
	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	w.WriteField("decision", string(bodies["example granted"]))
	w.Close()
	send(local, "multipart form", "POST", "/", w.FormDataContentType(), mp.Bytes())
	send(local, "form without decision", "POST", "/", "application/x-www-form-urlencoded", []byte("x=1"))
	want("a two MiB form", send(local, "two MiB form", "POST", "/", "application/x-www-form-urlencoded", []byte("decision="+strings.Repeat("x", 2<<20))), http.StatusRequestEntityTooLarge)
	for _, path := range []string{"/healthz", "/readyz", "/openapi.json", "/metrics", "/v1/standards", "/", "/assets/app.js", "/assets/app.css", "/assets/nope.js", "/nowhere", "/v1/letters"} {
		send(local, "GET", "GET", path, "", nil)
	}
	send(local, "DELETE", "DELETE", "/v1/letters", "", nil)
	local.Drain()
	send(local, "draining", "GET", "/readyz", "", nil)

	// A busy render limiter answers 503.
	busy := newTestServer(t, func(c *Config) {
		c.PDF, c.MaxRenders, c.MaxQueue, c.RenderTimeout = slowRenderer{200 * time.Millisecond}, 1, 1, 5*time.Second
	})
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() { send(busy, "busy", "POST", "/v1/letters", "application/json", bodies["example granted"]) })
	}
	wg.Wait()
	return r
}

// conformanceRun checks every recorded answer against spec and gives report every one that
// does not match, and every answer of another status than the run means to reach. It returns
// how many answers it checked and, by route and status, what it saw. It stops early once
// enough returns true (nil: never).
func conformanceRun(t *testing.T, spec []byte, report func(what string, err error), enough func() bool) (int, map[string]int) {
	r := conformanceRecording(t)
	c := newConformance(t, spec)
	for _, f := range r.faults {
		report(f.what, f.err)
	}
	total := 0
	for _, x := range r.exchanges {
		if enough != nil && enough() {
			break
		}
		total++
		if err := c.check(x); err != nil {
			report(x.what, err)
		}
	}
	return total, c.seen
}

// Every answer the service gives matches the description it serves (/openapi.json).
func TestEveryAnswerMatchesTheDescription(t *testing.T) {
	t.Parallel()
	spec := newTestServer(t, nil).openapi
	kinds, failed := map[string]int{}, 0
	total, seen := conformanceRun(t, spec, func(what string, err error) {
		failed++
		msg := err.Error()
		if i := strings.IndexByte(msg, '\n'); i > 0 {
			msg = msg[:i]
		}
		k := strings.SplitN(what, " (", 2)[0] + ": " + msg[:min(len(msg), 160)]
		if kinds[k]++; kinds[k] == 1 { // each kind of fault once
			t.Errorf("%s: %v", what, err)
		}
	}, nil)
	t.Logf("%d responses checked, %d outside the description; by route and status: %v", total, failed, seen)
	if total < 500 {
		t.Errorf("only %d responses checked", total)
	}
	if seen["POST /v1/letters 503"] == 0 || seen["POST / 413"] == 0 || seen["POST /v1/previews 422"] == 0 ||
		seen["POST /v1/messages 200"] == 0 || seen["POST /v1/messages 422"] == 0 {
		t.Errorf("a status the test means to reach was not: %v", seen)
	}
}

// The test is not vacuous: a description that is wrong in small ways (a status left out, a
// field of another type) makes it fail.
func TestAWrongDescriptionFailsTheConformanceTest(t *testing.T) {
	t.Parallel()
	var doc map[string]any
	json.Unmarshal(newTestServer(t, nil).openapi, &doc)
	delete(dig(doc, "paths", "/v1/letters", "post", "responses"), "413")
	dig(doc, "components", "schemas", "Validation", "properties", "warnings")["type"] = "string"
	wrong, _ := json.Marshal(doc)
	faults := map[string]bool{}
	conformanceRun(t, wrong, func(what string, err error) {
		switch {
		case strings.Contains(err.Error(), "413") || strings.Contains(err.Error(), "status is not supported"):
			faults["413"] = true
		case strings.Contains(err.Error(), "warnings"):
			faults["warnings"] = true
		}
	}, func() bool { return faults["413"] && faults["warnings"] }) // enough once both are caught
	if !faults["413"] || !faults["warnings"] {
		t.Errorf("the wrong description was not caught: %v", faults)
	}
}
