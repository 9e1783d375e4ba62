package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
)

const token = "e3b0c44298fc1c149afbf4c8996fb924"

func withToken(t testing.TB) testServer {
	t.Helper()
	tokens, err := ParseTokens(strings.NewReader("# caseworkers' gateway\n" + token + "\n"))
	if err != nil || len(tokens) != 1 {
		t.Fatalf("%v %d", err, len(tokens))
	}
	return newTestServer(t, func(c *Config) { c.Tokens = tokens })
}

func TestTokensAreRequiredWhereADecisionIsTaken(t *testing.T) {
	s := withToken(t)
	body := testkit.Read(t, "granted.json")
	for _, path := range []string{"/v1/letters", "/v1/validations", "/v1/previews"} {
		for name, h := range map[string][]string{
			"no token":     nil,
			"wrong token":  {"Authorization", "Bearer " + strings.ToUpper(token)},
			"not a bearer": {"Authorization", "Basic " + token},
		} {
			rec := s.do(http.MethodPost, path, "application/json", body, h...)
			p := problemOf(t, rec, http.StatusUnauthorized)
			if rec.Header().Get("WWW-Authenticate") == "" || strings.Contains(rec.Body.String(), "Søren") {
				t.Errorf("%s %s: %+v", path, name, p)
			}
		}
		if rec := s.do(http.MethodPost, path, "application/json", body, "Authorization", "Bearer "+token); rec.Code != 200 {
			t.Errorf("%s with the token: %d", path, rec.Code)
		}
	}
	// The case system's hand-off carries the token in the form.
	form := url.Values{"decision": {string(body)}}
	problemOf(t, s.do(http.MethodPost, "/", "application/x-www-form-urlencoded", []byte(form.Encode())), http.StatusUnauthorized)
	form.Set("token", token)
	if rec := s.do(http.MethodPost, "/", "application/x-www-form-urlencoded", []byte(form.Encode())); rec.Code != 200 ||
		!strings.Contains(rec.Body.String(), `"token":"`+token+`"`) {
		t.Errorf("hand-off with the token: %d; the page keeps the token for its calls", rec.Code)
	}
	if rec := s.do(http.MethodGet, "/", "", nil); strings.Contains(rec.Body.String(), token) {
		t.Error("the plain page must not carry a token")
	}
	// Health, readiness, metrics, the description and the empty page need none, from anywhere.
	for _, path := range []string{"/healthz", "/readyz", "/metrics", "/openapi.json", "/"} {
		if rec := s.do(http.MethodGet, path, "", nil, "RemoteAddr", "10.1.2.3:5000"); rec.Code != 200 {
			t.Errorf("GET %s: %d", path, rec.Code)
		}
	}
	// A remote caller with a token is served.
	if rec := s.do(http.MethodPost, "/v1/validations", "application/json", body, "Authorization", "Bearer "+token, "RemoteAddr", "10.1.2.3:5000"); rec.Code != 200 {
		t.Errorf("remote caller with a token: %d", rec.Code)
	}
}

func TestTokensAreKeptAsHashes(t *testing.T) {
	tokens, _ := ParseTokens(strings.NewReader(token + ", another-token-of-length\n\n#comment"))
	if len(tokens) != 2 {
		t.Fatalf("%d tokens", len(tokens))
	}
	for _, h := range tokens {
		if bytes.Contains(h.hash[:], []byte(token[:8])) || fmt.Sprint(h) == token {
			t.Error("a token is stored in clear")
		}
	}
	if tokens.match(token) != 0 || tokens.match("another-token-of-length") != 1 || tokens.match(token+"x") != -1 || tokens.match("") != -1 {
		t.Error("match() is wrong")
	}
	if _, err := ParseTokens(strings.NewReader("short")); err == nil {
		t.Error("a short token must be refused")
	}
}

func TestLocalModeServesLoopbackOnly(t *testing.T) {
	s := newTestServer(t, nil)
	body := testkit.Read(t, "granted.json")
	for _, remote := range []string{"10.0.0.7:5000", "[2001:db8::1]:5000", "192.168.1.2:80"} {
		problemOf(t, s.do(http.MethodPost, "/v1/letters", "application/json", body, "RemoteAddr", remote), http.StatusForbidden)
	}
	for _, local := range []string{"127.0.0.1:5000", "[::1]:5000"} {
		if rec := s.do(http.MethodPost, "/v1/validations", "application/json", body, "RemoteAddr", local); rec.Code != 200 {
			t.Errorf("%s: %d", local, rec.Code)
		}
	}
	// X-Forwarded-For does not make a remote caller local.
	problemOf(t, s.do(http.MethodPost, "/v1/letters", "application/json", body, "RemoteAddr", "10.0.0.7:5000", "X-Forwarded-For", "127.0.0.1"), http.StatusForbidden)
}

// slowRenderer draws after a delay, to fill the render slots.
type slowRenderer struct{ delay time.Duration }

func (r slowRenderer) RenderBytes(d *document.Document) ([]byte, error) {
	time.Sleep(r.delay)
	return pdfrender.New().RenderBytes(d)
}

func TestFullQueueAnswers503WithRetryAfter(t *testing.T) {
	t.Parallel() // one slot and a queue of one of its own server: six letters at once fill both
	s := newTestServer(t, func(c *Config) {
		c.PDF, c.MaxRenders, c.MaxQueue, c.RenderTimeout = slowRenderer{300 * time.Millisecond}, 1, 1, 5*time.Second
		c.MunicipalityShare = 100 // the queue itself, not one municipality's share of it
	})
	body := testkit.Read(t, "granted.json")
	codes := make(chan int, 6)
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			rec := s.post("/v1/letters", body)
			if rec.Code == http.StatusServiceUnavailable {
				problemOf(t, rec, http.StatusServiceUnavailable)
				if rec.Header().Get("Retry-After") == "" {
					t.Error("503 without Retry-After")
				}
			}
			codes <- rec.Code
		})
	}
	wg.Wait()
	close(codes)
	n := map[int]int{}
	for c := range codes {
		n[c]++
	}
	if n[200] < 1 || n[503] < 1 || n[200]+n[503] != 6 {
		t.Errorf("codes %v: some letters are drawn, the rest refused with 503", n)
	}
}

func TestRenderTimeoutAnswers503(t *testing.T) {
	// Sequential: it holds the answer to 400 ms of wall time.
	s := newTestServer(t, func(c *Config) { c.PDF, c.RenderTimeout = slowRenderer{500 * time.Millisecond}, 50*time.Millisecond })
	start := time.Now()
	problemOf(t, s.post("/v1/letters", testkit.Read(t, "granted.json")), http.StatusServiceUnavailable)
	if time.Since(start) > 400*time.Millisecond {
		t.Error("the timeout did not cut the wait")
	}
	if !drawingsEnd(s) { // the drawing finishes before goleak looks
		t.Error("the overrunning drawing never gave its slot back")
	}
}

func TestMetrics(t *testing.T) {
	s := newTestServer(t, nil)
	s.post("/v1/letters", testkit.Read(t, "granted.json"))
	s.post("/v1/letters", testkit.Read(t, "rules/start_within_14_days.json"))
	s.do(http.MethodPost, "/v1/previews", "application/json", testkit.Read(t, "granted.json"), "Accept", "text/html")
	s.do(http.MethodGet, "/healthz", "", nil)
	rec := s.do(http.MethodGet, "/metrics", "", nil)
	m := rec.Body.String()
	for _, want := range []string{
		`letters_http_requests_total{municipality="broenderslev",route="/v1/letters",status="200"} 1`,
		`letters_http_requests_total{municipality="broenderslev",route="/v1/letters",status="422"} 1`,
		`letters_http_requests_total{municipality="",route="/healthz",status="200"} 1`,
		`letters_validation_failures_total{municipality="broenderslev",rule="start_within_14_days"} 1`,
		`letters_render_duration_seconds_count{format="pdf",municipality="broenderslev"} 1`,
		`letters_render_duration_seconds_count{format="html",municipality="broenderslev"} 1`,
		`letters_renders_in_flight 0`,
		`go_goroutines`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	for _, secret := range []string{"Søren", "150590", "Algade"} {
		if strings.Contains(m, secret) {
			t.Errorf("%q in /metrics", secret)
		}
	}
}

// The log names no citizen: not the CPR number, the name, the address or any free text.
func TestLogsHoldNoPersonalData(t *testing.T) {
	s := newTestServer(t, nil)
	id := "X-Request-ID"
	for _, name := range []string{"partly-granted.json", "rules/cpr_invalid.json", "physical-post.json"} {
		s.do(http.MethodPost, "/v1/letters", "application/json", testkit.Read(t, name), id, "req-a")
		s.do(http.MethodPost, "/v1/previews", "application/json", testkit.Read(t, name), "Accept", "text/html", id, "req-b")
	}
	s.do(http.MethodPost, "/v1/letters", "application/json", []byte(`{"citizen": {"name": 12, "cpr": "150590-1235"}}`), id, "req-c") // 400
	log := s.log.String()
	// The clock's digits (a timestamp's nanoseconds, a duration) are no one's data, and they
	// once held "9700": the secrets are looked for in the log without them. The requests carry
	// one request id of their own (a random one once held "1235").
	clock := regexp.MustCompile(`"(time|duration_ms)":("[^"]*"|[0-9.e+-]+)`)
	for _, secret := range []string{"150590", "1235", "310290", "010355", "Søren", "Østergaard", "Ğülşen", "Algade", "Østergade",
		"Jerslev", "9700", "hjerneskade", "fællesspisning", "gruppetilbud", "Flextur", "Mette", "Kjærgaard", "Ærenfeldt"} {
		if strings.Contains(clock.ReplaceAllString(log, ""), secret) {
			t.Errorf("%q is in the log", secret)
		}
	}
	if !strings.Contains(log, `"request_id"`) || !strings.Contains(log, `"duration_ms"`) {
		t.Error("the log lacks request ids and timings")
	}
}

// Errors never echo the decision's personal data.
func TestProblemsDoNotEchoPersonalData(t *testing.T) {
	s := newTestServer(t, nil)
	var d map[string]any
	json.Unmarshal(testkit.Read(t, "partly-granted.json"), &d)
	c := d["citizen"].(map[string]any)
	c["name"] = "Søren \u0007Østergaard"
	c["cpr"] = "310290-1235"
	c["early_retirement_pension"] = "Søren Østergaard"
	body, _ := json.Marshal(d)
	for _, path := range []string{"/v1/letters", "/v1/validations"} {
		got := s.post(path, body).Body.String()
		for _, secret := range []string{"Søren", "Østergaard", "310290", "Algade", "hjerneskade"} {
			if strings.Contains(got, secret) {
				t.Errorf("%s echoes %q: %s", path, secret, got)
			}
		}
	}
	c["early_retirement_pension"] = true
	body, _ = json.Marshal(d)
	got := s.post("/v1/letters", body).Body.String()
	if !strings.Contains(got, "cpr_invalid") || !strings.Contains(got, "unsupported_character") || strings.Contains(got, "Søren") {
		t.Errorf("422 should name the rules, not the data: %s", got)
	}
}

func TestNoServerBanner(t *testing.T) {
	ts := liveServer(t)
	for _, path := range []string{"/healthz", "/", "/nope"} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		for _, h := range []string{"Server", "X-Powered-By", "Via"} {
			if v := resp.Header.Get(h); v != "" {
				t.Errorf("%s: %s: %s", path, h, v)
			}
		}
	}
}

// Hundreds of letters drawn at once for different citizens: each PDF names its own citizen and
// no other.
func TestNoCrossTalkBetweenConcurrentLetters(t *testing.T) {
	t.Parallel()
	ts := liveServer(t)
	var base map[string]any
	json.Unmarshal(testkit.Read(t, "granted.json"), &base)
	const n = 200
	letterBody := func(i int) []byte {
		d := map[string]any{}
		raw, _ := json.Marshal(base)
		json.Unmarshal(raw, &d)
		d["citizen"].(map[string]any)["name"] = fmt.Sprintf("Borger Nummer %04d Ærø", i)
		d["decision_id"] = fmt.Sprintf("krydstest-%04d", i)
		body, _ := json.Marshal(d)
		return body
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	defer client.CloseIdleConnections()
	var wg sync.WaitGroup
	pdfs := make([][]byte, n)
	sem := make(chan struct{}, 32)
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			resp, err := client.Post(ts.URL+"/v1/letters", "application/json", bytes.NewReader(letterBody(i)))
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), fmt.Sprintf("krydstest-%04d", i)) {
				t.Errorf("letter %d: %d %s", i, resp.StatusCode, resp.Header.Get("Content-Disposition"))
			}
			pdfs[i], _ = io.ReadAll(resp.Body)
		})
	}
	wg.Wait()
	// Each letter drawn in the crowd is, byte for byte, the letter of its own body drawn alone
	// (a body gives the same bytes every time: letters' TestSameBodySameBytes), which holds
	// every byte, not only the words. The first and the last drawn alone are read: they name
	// their own citizen and no other.
	alone := newTestServer(t, nil)
	for i, pdf := range pdfs {
		if pdf == nil {
			continue
		}
		want := alone.post("/v1/letters", letterBody(i)).Body.Bytes()
		if !bytes.Equal(pdf, want) {
			t.Errorf("letter %d differs from the same letter drawn alone", i)
		}
		if i != 0 && i != n-1 {
			continue
		}
		text := pdftext.GoPages(t, want, 1) // the name stands in the address on page 1
		own := fmt.Sprintf("Borger Nummer %04d Ærø", i)
		if strings.Count(text, "Borger Nummer") != strings.Count(text, own) || !strings.Contains(text, own) {
			t.Errorf("letter %d names another citizen", i)
		}
	}
}

// A few hundred malformed and hostile variations of a valid decision: never a 5xx, every 4xx a
// problem+json, and the service healthy afterwards.
func TestHostileVariations(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, func(c *Config) { c.MaxBody = 256 << 10 })
	var base any
	json.Unmarshal(testkit.Read(t, "partly-granted.json"), &base)
	deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	values := []any{nil, 12345, -1.5e308, true, false, "", "x", []any{}, map[string]any{}, []any{nil, 1, "a"},
		strings.Repeat("ø", 12000), strings.Repeat("A", 300<<10), "\u0000\u0001\u001b[31m", "\u202eevil", "<script>alert(1)</script>",
		"2026-02-30", "9999-12-31", "0000-01-01", "../../etc/passwd", "' OR 1=1 --", json.RawMessage(deep)}
	var bodies [][]byte
	var walk func(path []any, v any)
	mutate := func(path []any, val any, del bool) {
		var root any
		raw, _ := json.Marshal(base)
		json.Unmarshal(raw, &root)
		cur := root
		for i, p := range path {
			last := i == len(path)-1
			switch c := cur.(type) {
			case map[string]any:
				if last {
					if del {
						delete(c, p.(string))
					} else {
						c[p.(string)] = val
					}
				}
				cur = c[p.(string)]
			case []any:
				if last {
					c[p.(int)] = val
				}
				cur = c[p.(int)]
			}
		}
		b, err := json.Marshal(root)
		if err == nil {
			bodies = append(bodies, b)
		}
	}
	walk = func(path []any, v any) {
		if len(path) > 0 {
			for _, val := range values {
				mutate(path, val, false)
			}
			if _, isKey := path[len(path)-1].(string); isKey {
				mutate(path, nil, true)
			}
		}
		switch c := v.(type) {
		case map[string]any:
			for k, sub := range c {
				walk(append(append([]any{}, path...), k), sub)
			}
		case []any:
			for i, sub := range c {
				walk(append(append([]any{}, path...), i), sub)
			}
		}
	}
	walk(nil, base)
	raw := testkit.Read(t, "partly-granted.json")
	bodies = append(bodies,
		[]byte(strings.Replace(string(raw), "Søren", "S\xff\xferen", 1)), // invalid UTF-8
		[]byte(strings.Replace(string(raw), "Søren", `S\ud800ren`, 1)),   // lone surrogate
		raw[:len(raw)/2], []byte("null"), []byte(`"decision"`), []byte("{}"), []byte(deep),
		[]byte(`{"citizen": `+deep+`}`), []byte(strings.Repeat(`{"a":`, 20000)),
		append([]byte{0xEF, 0xBB, 0xBF}, raw...), // a byte-order mark
	)
	if len(bodies) < 300 {
		t.Fatalf("only %d variations", len(bodies))
	}
	count := map[int]int{}
	for _, b := range bodies {
		for _, path := range []string{"/v1/letters", "/v1/previews"} {
			rec := s.post(path, b)
			count[rec.Code]++
			switch {
			case rec.Code >= 500:
				t.Fatalf("%s answered %d to %.200s: %s", path, rec.Code, b, rec.Body)
			case rec.Code >= 400 && rec.Header().Get("Content-Type") != "application/problem+json":
				t.Fatalf("%s answered %d without problem+json", path, rec.Code)
			}
		}
	}
	t.Logf("%d variations, answers %v", len(bodies), count)
	if rec := s.do(http.MethodGet, "/healthz", "", nil); rec.Code != 200 {
		t.Error("unhealthy afterwards")
	}
	if rec := s.post("/v1/letters", raw); rec.Code != 200 {
		t.Errorf("a valid letter afterwards: %d", rec.Code)
	}
}

// failingRenderer cannot draw, as a renderer with a fault would.
type failingRenderer struct{}

func (failingRenderer) RenderBytes(*document.Document) ([]byte, error) {
	return nil, errors.New("pdf: the page stream could not be written")
}

// A letter that cannot be drawn is a problem with the request id, logged with its cause; it
// is not a panic (#16, point 4).
func TestALetterThatCannotBeDrawnIsAProblemNotAPanic(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.PDF = failingRenderer{} })
	rec := s.post("/v1/letters", testkit.Read(t, "granted.json"))
	p := problemOf(t, rec, http.StatusInternalServerError)
	if p.RequestID == "" || rec.Header().Get("Content-Disposition") != "" {
		t.Errorf("problem %+v, Content-Disposition %q", p, rec.Header().Get("Content-Disposition"))
	}
	log := s.log.String()
	if !strings.Contains(log, `"msg":"letter not drawn"`) || !strings.Contains(log, "page stream could not be written") ||
		strings.Contains(log, `"msg":"panic"`) || strings.Contains(log, "Søren") {
		t.Errorf("log:\n%s", log)
	}
}

// Compose and ComposeDraft say why they refuse with errors a caller can tell apart.
func TestComposeErrorsAreValues(t *testing.T) {
	svc, _ := letters.New()
	bad, _ := svc.Check(testkit.Read(t, "rules/start_within_14_days.json"))
	if _, err := bad.Compose(); !errors.Is(err, letters.ErrNotComposable) {
		t.Errorf("a letter with errors: %v", err)
	}
	unknown, _ := svc.Check([]byte(`{"kind": "termination"}`))
	if _, err := unknown.ComposeDraft(); !errors.Is(err, letters.ErrUnknownKind) {
		t.Errorf("an unknown kind: %v", err)
	}
}
