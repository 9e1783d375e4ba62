package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
)

// One service for two municipalities: a token bound to Brønderslev, one bound to Kriterieby and
// one bound to none (the vendor's own).
const (
	brsToken  = "broenderslev-case-system-0001"
	kbyToken  = "kriterieby-case-system-00001"
	allToken  = "the-vendors-own-token-000001"
	brs2024   = "broenderslev-sel104-2024-12"
	kriterie  = "kriterie-sel104-2026-01"
	tokenFile = "# the vendor's tokens\n" + brsToken + " broenderslev\n" + kbyToken + " kriterieby  # Kriterieby's case system\n" + allToken + "\n"
)

func tenants(t testing.TB, change func(*Config)) testServer {
	t.Helper()
	tokens, err := ParseTokens(strings.NewReader(tokenFile))
	if err != nil || len(tokens) != 3 {
		t.Fatalf("%v, %d tokens", err, len(tokens))
	}
	return newTestServer(t, func(c *Config) {
		c.Tokens = tokens
		if change != nil {
			change(c)
		}
	})
}

// withStandard sets "standard" in a body, or removes it for "".
func withStandard(t testing.TB, body []byte, id string) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "standard")
	if id != "" {
		m["standard"] = id
	}
	out, _ := json.Marshal(m)
	return out
}

func kriteriebyGranted(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testkit.Dir(), "standards", "kriterie-sel104-2026-01", "examples", "granted.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (s testServer) as(token, path string, body []byte) *http.Response {
	rec := s.do(http.MethodPost, path, "application/json", body, "Authorization", "Bearer "+token, "Accept", "text/html")
	return rec.Result()
}

// The seven combinations of the issue: each bound token with its own standard, the other
// municipality's and none; and the unbound token without one. Each on every route that takes
// a letter.
func TestTokensBoundToMunicipalities(t *testing.T) {
	s := tenants(t, nil)
	brs, kby := testkit.Read(t, "granted"), kriteriebyGranted(t)
	cases := []struct {
		name, token string
		body        []byte
		status      int
		standard    string // X-Standard, or for a 403 the standard the problem names
	}{
		{"Brønderslev's token, own standard", brsToken, withStandard(t, brs, brs2024), 200, brs2024},
		{"Brønderslev's token, Kriterieby's standard", brsToken, kby, 403, kriterie},
		{"Brønderslev's token, no standard", brsToken, withStandard(t, brs, ""), 200, brs2024},
		{"Kriterieby's token, own standard", kbyToken, kby, 200, kriterie},
		{"Kriterieby's token, Brønderslev's standard", kbyToken, withStandard(t, brs, brs2024), 403, brs2024},
		{"Kriterieby's token, no standard", kbyToken, withStandard(t, kby, ""), 200, kriterie},
		{"the unbound token, no standard", allToken, withStandard(t, brs, ""), 200, brs2024},
		// The unbound token may use any served standard, and gets the configured municipality's
		// without one, as before: Kriterieby's decision is then checked under Brønderslev's.
		{"the unbound token, Kriterieby's standard", allToken, kby, 200, kriterie},
		{"the unbound token, Kriterieby's decision without a standard", allToken, withStandard(t, kby, ""), 422, brs2024},
	}
	for _, c := range cases {
		for _, route := range letterRoutes(s) {
			status := c.status
			if status == 422 && route != "/v1/letters" {
				status = 200 // a validation reports the faults; a preview draws them as a draft
			}
			rec := s.do(http.MethodPost, route, "application/json", c.body, "Authorization", "Bearer "+c.token)
			if !slices.Contains([]string{"/v1/letters", "/v1/validations", "/v1/previews"}, route) && c.status != http.StatusForbidden {
				// A route added later (a Digital Post message): what it answers is its own
				// business, but never the 403 of another municipality.
				if rec.Code == http.StatusForbidden {
					t.Errorf("%s, %s: 403 for the token's own municipality", c.name, route)
				}
				continue
			}
			if rec.Code != status {
				t.Errorf("%s, %s: %d, want %d: %.300s", c.name, route, rec.Code, status, rec.Body)
				continue
			}
			if status != http.StatusForbidden {
				if got := rec.Header().Get("X-Standard"); got != c.standard {
					t.Errorf("%s, %s: X-Standard %q, want %q", c.name, route, got, c.standard)
				}
				continue
			}
			p := problemOf(t, rec, http.StatusForbidden)
			if p.Type != problemOtherMunicipality || p.Standard != c.standard || !strings.Contains(p.Detail, c.standard) ||
				len(p.Errors)+len(p.Warnings) > 0 || rec.Header().Get("X-Standard") != "" {
				t.Errorf("%s, %s: the 403 must name the standard and tell nothing of the check: %+v, X-Standard %q", c.name, route, p, rec.Header().Get("X-Standard"))
			}
			for _, tok := range []string{brsToken, kbyToken, allToken, "Søren", "150590"} {
				if strings.Contains(rec.Body.String(), tok) {
					t.Errorf("%s, %s: the 403 shows %q", c.name, route, tok)
				}
			}
		}
	}
	log := s.log.String()
	if !strings.Contains(log, `"municipality":"kriterieby"`) || !strings.Contains(log, `"municipality":"broenderslev"`) {
		t.Error("the access log does not name the municipality")
	}
	for _, tok := range []string{brsToken, kbyToken, allToken} {
		if strings.Contains(log, tok) {
			t.Errorf("the log holds the token %q", tok)
		}
	}
}

// letterRoutes are the routes that take a letter: every POST under /v1/, so that a route added
// later is held to the same 403 without a change here.
func letterRoutes(s testServer) []string {
	var out []string
	for _, r := range s.engine.Routes() {
		if r.Method == http.MethodPost && strings.HasPrefix(r.Path, "/v1/") {
			out = append(out, r.Path)
		}
	}
	slices.Sort(out)
	return out
}

// The description says what the 403 of a route that takes a letter may mean.
func TestOpenAPIDescribesTheMunicipality403(t *testing.T) {
	s := tenants(t, nil)
	var doc map[string]any
	if err := json.Unmarshal(s.openapi, &doc); err != nil {
		t.Fatal(err)
	}
	routes := letterRoutes(s)
	if len(routes) < 3 {
		t.Fatalf("routes %v", routes)
	}
	for _, route := range routes {
		ref, _ := dig(doc, "paths", route, "post", "responses", "403")["$ref"].(string)
		if ref != "#/components/responses/Forbidden" {
			t.Errorf("POST %s: 403 is %q, want #/components/responses/Forbidden (local mode or another municipality's standard)", route, ref)
		}
	}
}

// GET /v1/standards and the hand-off's standard picker show what the caller may use.
func TestTheCallerSeesItsOwnStandards(t *testing.T) {
	s := tenants(t, nil)
	list := func(token string) (standardsList, []string) {
		rec := s.do(http.MethodGet, "/v1/standards", "", nil, "Authorization", "Bearer "+token)
		var l standardsList
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &l) != nil {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		var ids []string
		for _, s := range l.Standards {
			ids = append(ids, s.ID)
		}
		return l, ids
	}
	if l, ids := list(kbyToken); l.Municipality != "kriterieby" || l.Current != kriterie || strings.Join(ids, " ") != kriterie {
		t.Errorf("Kriterieby's token: %s, current %s, %v", l.Municipality, l.Current, ids)
	}
	if l, ids := list(brsToken); l.Municipality != "broenderslev" || len(ids) != 2 || ids[0] != brs2024 {
		t.Errorf("Brønderslev's token: %s, %v", l.Municipality, ids)
	}
	if _, ids := list(allToken); len(ids) != len(testkit.Packs(t))+1 {
		t.Errorf("the unbound token sees %d standards", len(ids))
	}
	page := func(token string) string {
		form := url.Values{"decision": {string(kriteriebyGranted(t))}, "token": {token}}
		rec := s.do(http.MethodPost, "/", "application/x-www-form-urlencoded", []byte(form.Encode()))
		if rec.Code != 200 {
			t.Fatalf("hand-off: %d", rec.Code)
		}
		return rec.Body.String()
	}
	option := func(id string) string { return `<option value="` + id + `">` }
	if p := page(kbyToken); !strings.Contains(p, option(kriterie)) || strings.Contains(p, option(brs2024)) || !strings.Contains(p, "<title>Forhåndsvisning af afgørelsesbrev – Kriterieby Kommune</title>") {
		t.Error("Kriterieby's hand-off offers other municipalities' standards, or is not Kriterieby's page")
	}
	if p := page(allToken); !strings.Contains(p, option(kriterie)) || !strings.Contains(p, option(brs2024)) {
		t.Error("the unbound token's hand-off lacks standards")
	}
	if p := s.do(http.MethodGet, "/", "", nil).Body.String(); !strings.Contains(p, option(kriterie)) || !strings.Contains(p, option(brs2024)) {
		t.Error("the page without a known caller lacks standards")
	}
}

// The figures name the municipality whose standard a letter was checked under.
func TestMetricsByMunicipality(t *testing.T) {
	s := tenants(t, nil)
	s.as(kbyToken, "/v1/letters", kriteriebyGranted(t))
	s.as(kbyToken, "/v1/previews", kriteriebyGranted(t))
	s.as(brsToken, "/v1/letters", testkit.Read(t, "rules/start_within_14_days"))
	s.as(brsToken, "/v1/letters", kriteriebyGranted(t)) // 403
	m := s.do(http.MethodGet, "/metrics", "", nil).Body.String()
	for _, want := range []string{
		`letters_http_requests_total{municipality="kriterieby",route="/v1/letters",status="200"} 1`,
		`letters_http_requests_total{municipality="kriterieby",route="/v1/letters",status="403"} 1`,
		`letters_http_requests_total{municipality="broenderslev",route="/v1/letters",status="422"} 1`,
		`letters_render_duration_seconds_count{format="pdf",municipality="kriterieby"} 1`,
		`letters_render_duration_seconds_count{format="html",municipality="kriterieby"} 1`,
		`letters_validation_failures_total{municipality="broenderslev",rule="start_within_14_days"} 1`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// gatedRenderer draws only once its gate is open.
type gatedRenderer struct{ gate chan struct{} }

func (r gatedRenderer) RenderBytes(d *document.Document) ([]byte, error) {
	<-r.gate
	return pdfrender.New().RenderBytes(d)
}

// Fair share: with one slot and three places in the queue, one municipality's letters may hold
// two (50 %); its third is answered 503 with Retry-After while Kriterieby's letter is still
// taken and drawn.
func TestFairShareOfTheRenderQueue(t *testing.T) {
	gate := make(chan struct{})
	s := tenants(t, func(c *Config) {
		c.PDF, c.MaxRenders, c.MaxQueue, c.MunicipalityShare, c.RenderTimeout = gatedRenderer{gate}, 1, 3, 50, 10*time.Second
	})
	held := func(m string) int {
		s.limiter.mu.Lock()
		defer s.limiter.mu.Unlock()
		return s.limiter.held[m]
	}
	waitFor := func(m string, n int) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); held(m) != n; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s holds %d, want %d", m, held(m), n)
			}
		}
	}
	brs, kby := testkit.Read(t, "granted"), kriteriebyGranted(t)
	var wg sync.WaitGroup
	codes := make(chan string, 3)
	for range 2 {
		wg.Go(func() { codes <- "broenderslev " + s.as(brsToken, "/v1/letters", brs).Status })
	}
	waitFor("broenderslev", 2)
	rec := s.do(http.MethodPost, "/v1/letters", "application/json", brs, "Authorization", "Bearer "+brsToken)
	p := problemOf(t, rec, http.StatusServiceUnavailable)
	if rec.Header().Get("Retry-After") == "" || !strings.Contains(p.Detail, "samme kommune") {
		t.Errorf("Brønderslev over its share: %+v, Retry-After %q", p, rec.Header().Get("Retry-After"))
	}
	// The unbound token's letter of Brønderslev counts against the same share.
	problemOf(t, s.do(http.MethodPost, "/v1/letters", "application/json", brs, "Authorization", "Bearer "+allToken), http.StatusServiceUnavailable)
	// Kriterieby is still served: its letter is taken while Brønderslev is throttled...
	wg.Go(func() { codes <- "kriterieby " + s.as(kbyToken, "/v1/letters", kby).Status })
	waitFor("kriterieby", 1)
	if held("broenderslev") != 2 {
		t.Error("Brønderslev's letters left the queue")
	}
	// ...and drawn when the slots free up.
	close(gate)
	wg.Wait()
	close(codes)
	got := map[string]int{}
	for c := range codes {
		got[c]++
	}
	if got["broenderslev 200 OK"] != 2 || got["kriterieby 200 OK"] != 1 {
		t.Errorf("answers: %v", got)
	}
	// A share is given back once the letter is written, which may be just after its client has
	// read it: waited for, as the slots above.
	waitFor("broenderslev", 0)
	waitFor("kriterieby", 0)
}

// A token file line names the municipalities; today's lines keep working; tokens given twice
// are refused with their lines, never the token.
func TestParseBoundTokens(t *testing.T) {
	ts, err := ParseTokens(strings.NewReader(tokenFile + "a-token-of-sixteen-1, a-token-of-sixteen-2\nmany-municipalities-01 eksempel, kriterieby,eksempel\n"))
	if err != nil || len(ts) != 6 {
		t.Fatalf("%v, %d", err, len(ts))
	}
	for i, want := range []string{"broenderslev", "kriterieby", "", "", "", "eksempel,kriterieby"} {
		if got := strings.Join(ts[i].Municipalities, ","); got != want {
			t.Errorf("token %d: %q, want %q", i, got, want)
		}
	}
	_, err = ParseTokens(strings.NewReader(brsToken + " broenderslev\n\n" + brsToken + " kriterieby\n"))
	if err == nil || !strings.Contains(err.Error(), "line 3") || strings.Contains(err.Error(), brsToken) {
		t.Errorf("a token given twice: %v", err)
	}
	if _, err := New(Config{Letters: mustNew(t), Tokens: ts}); err == nil || !strings.Contains(err.Error(), `"kriterieby"`) {
		t.Errorf("a token bound to a municipality not served: %v", err)
	}
}

// The share is of slots plus queue, at least one letter; a service of one municipality has
// nobody to share with.
func TestFairShareSize(t *testing.T) {
	for _, c := range []struct {
		renders, queue, percent, want int
		alone                         bool
	}{
		{4, 256, 0, 130, false},
		{1, 3, 50, 2, false},
		{1, 1, 1, 1, false},
		{2, 10, 100, 12, false},
		{4, 256, 25, 260, true},
	} {
		s := newTestServer(t, func(cfg *Config) {
			cfg.MaxRenders, cfg.MaxQueue, cfg.MunicipalityShare = c.renders, c.queue, c.percent
			if c.alone {
				cfg.Letters = mustNew(t)
			}
		})
		if s.limiter.share != c.want {
			t.Errorf("%d slots, %d in the queue, %d %%, alone %v: a share of %d, want %d", c.renders, c.queue, c.percent, c.alone, s.limiter.share, c.want)
		}
	}
}
