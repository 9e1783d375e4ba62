package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
)

type testServer struct {
	*Server
	log *bytes.Buffer
}

// newTestServer serves the embedded packs and those of testdata/standards (Eksempel Kommune
// and a later Brønderslev version), Brønderslev by default.
// testLetters is the letter service of the test servers: the embedded packs and those of
// testdata/standards. Loading it takes some 50 ms, and a Service does not change once open, so
// every test server shares one.
var testLetters struct {
	once sync.Once
	svc  *letters.Service
	err  error
}

func newTestServer(t testing.TB, change func(*Config)) testServer {
	t.Helper()
	testLetters.once.Do(func() {
		testLetters.svc, testLetters.err = letters.Open(letters.Config{Packs: os.DirFS(filepath.Join("..", "testdata", "standards")), PacksLabel: "testdata/standards"})
	})
	svc, err := testLetters.svc, testLetters.err
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	cfg := Config{Letters: svc, PDF: pdfrender.New(), Examples: os.DirFS(filepath.Join("..", "testdata")),
		Logger: slog.New(slog.NewJSONHandler(&log, nil))}
	if change != nil {
		change(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return testServer{s, &log}
}

func (s testServer) do(method, path, contentType string, body []byte, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.RemoteAddr = "127.0.0.1:40000" // a loopback caller, served in local mode
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "RemoteAddr" {
			req.RemoteAddr = header[i+1]
			continue
		}
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec
}

func (s testServer) post(path string, body []byte) *httptest.ResponseRecorder {
	return s.do(http.MethodPost, path, "application/json", body)
}

func problemOf(t *testing.T, rec *httptest.ResponseRecorder, status int) problem {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	var p problem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Status != status || p.Type == "" || p.Title == "" || p.Detail == "" || p.RequestID == "" {
		t.Errorf("incomplete problem: %+v", p)
	}
	if p.RequestID != rec.Header().Get("X-Request-ID") {
		t.Errorf("problem request_id %q != header %q", p.RequestID, rec.Header().Get("X-Request-ID"))
	}
	return p
}

func TestPostLetter200(t *testing.T) {
	s := newTestServer(t, nil)
	body := testkit.Read(t, "partly-granted.json")
	rec := s.do(http.MethodPost, "/v1/letters", "application/json; charset=utf-8", body, "X-Request-ID", "case-4711")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	h := rec.Header()
	sum := sha256.Sum256(rec.Body.Bytes())
	for k, want := range map[string]string{
		"Content-Type":        "application/pdf",
		"Content-Disposition": `inline; filename="afgoerelse-5b0f6f0e-4a51-4d4b-9a0e-2f3c6f1a9e10.pdf"`,
		"X-Letter-SHA256":     hex.EncodeToString(sum[:]),
		"X-Standard":          "broenderslev-sel104-2024-12",
		"Cache-Control":       "no-store",
		"X-Request-ID":        "case-4711",
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(pdftext.Flat(pdftext.Go(t, rec.Body.Bytes())), "Søren Østergaard Ærø") {
		t.Error("the PDF does not name the citizen")
	}
	again := s.post("/v1/letters", body)
	if !bytes.Equal(again.Body.Bytes(), rec.Body.Bytes()) || again.Header().Get("X-Request-ID") == "case-4711" {
		t.Error("same body must give the same PDF, with a fresh request id")
	}
}

func TestPostLetterWithWarningStillRenders(t *testing.T) {
	s := newTestServer(t, nil)
	rec := s.post("/v1/letters", testkit.Read(t, "rules/processing_time_8_weeks.json"))
	if rec.Code != http.StatusOK || rec.Header().Get("X-Letter-Warnings") != "processing_time_8_weeks" {
		t.Fatalf("status %d, warnings %q", rec.Code, rec.Header().Get("X-Letter-Warnings"))
	}
}

// X-Letter-Warnings names each warning code once, however many fields it fires at.
func TestLetterWarningsNameEachCodeOnce(t *testing.T) {
	s := newTestServer(t, nil)
	var d map[string]any
	if err := json.Unmarshal(testkit.Read(t, "rules/half_place_with_many_days.json"), &d); err != nil {
		t.Fatal(err)
	}
	g := d["granted"].([]any)
	second := map[string]any{}
	for k, v := range g[0].(map[string]any) {
		second[k] = v
	}
	second["offer"] = "Værestedet Lyngen"
	d["granted"] = append(g, second)
	body, _ := json.Marshal(d)
	rec := s.post("/v1/validations", body)
	var v struct{ Warnings []letters.Finding }
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || len(v.Warnings) < 2 {
		t.Fatalf("two grants with a half place on many days: %s", rec.Body.String())
	}
	rec = s.post("/v1/letters", body)
	if rec.Code != http.StatusOK || rec.Header().Get("X-Letter-Warnings") != "half_place_with_many_days" {
		t.Fatalf("status %d, warnings %q", rec.Code, rec.Header().Get("X-Letter-Warnings"))
	}
}

func TestPostLetter422ListsEveryFault(t *testing.T) {
	s := newTestServer(t, nil)
	var d map[string]any
	json.Unmarshal(testkit.Read(t, "rules/start_within_14_days.json"), &d)
	d["granted"].([]any)[0].(map[string]any)["weekdays"] = []any{"sunday"}
	d["citizen"].(map[string]any)["nmae"] = "x"
	body, _ := json.Marshal(d)
	p := problemOf(t, s.post("/v1/letters", body), http.StatusUnprocessableEntity)
	var got []string
	for _, f := range p.Errors {
		got = append(got, f.Field+" "+f.Rule)
		if f.Message == "" {
			t.Errorf("no message for %s", f.Rule)
		}
	}
	want := []string{"citizen.nmae unknown_field", "granted[0].start_date start_within_14_days", "granted[0].weekdays[0] weekdays_only"}
	if !slices.Equal(got, want) {
		t.Errorf("errors %v, want %v", got, want)
	}
	if p.Standard != "broenderslev-sel104-2024-12" {
		t.Errorf("standard %q", p.Standard)
	}
}

func TestPostLetter400(t *testing.T) {
	s := newTestServer(t, nil)
	for name, body := range map[string]string{
		"syntax":      `{"decision_id": `,
		"not utf-8":   "{\"decision_id\": \"\xc3\x28\"}",
		"array":       `[]`,
		"wrong types": `{"decision_id": 1, "granted": "none"}`,
		"empty":       ``,
	} {
		t.Run(name, func(t *testing.T) {
			p := problemOf(t, s.post("/v1/letters", []byte(body)), http.StatusBadRequest)
			if name == "wrong types" && len(p.Errors) != 2 {
				t.Errorf("every wrong type is listed: %+v", p.Errors)
			}
		})
	}
}

func TestPostLetter413And415(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxBody = 1000 })
	problemOf(t, s.post("/v1/letters", testkit.Read(t, "partly-granted.json")), http.StatusRequestEntityTooLarge)
	problemOf(t, s.do(http.MethodPost, "/v1/letters", "text/plain", []byte("{}")), http.StatusUnsupportedMediaType)
	problemOf(t, s.do(http.MethodPost, "/v1/validations", "", []byte("{}")), http.StatusUnsupportedMediaType)
}

func TestNotFoundAndMethodNotAllowed(t *testing.T) {
	s := newTestServer(t, nil)
	problemOf(t, s.do(http.MethodGet, "/v2/letters", "", nil), http.StatusNotFound)
	problemOf(t, s.do(http.MethodGet, "/v1/letters", "", nil), http.StatusMethodNotAllowed)
}

type panickingRenderer struct{}

func (panickingRenderer) RenderBytes(*document.Document) ([]byte, error) { panic("renderer broke") }

func TestPanicBecomes500WithoutPersonalData(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.PDF = panickingRenderer{} })
	p := problemOf(t, s.post("/v1/letters", testkit.Read(t, "partly-granted.json")), http.StatusInternalServerError)
	log := s.log.String()
	if !strings.Contains(log, `"msg":"panic"`) || !strings.Contains(log, p.RequestID) {
		t.Errorf("the panic is logged with the request id:\n%s", log)
	}
	for _, secret := range []string{"150590", "Søren", "Østergaard", "Algade", "hjerneskade", "Solsikken"} {
		if strings.Contains(log, secret) || strings.Contains(p.Detail, secret) {
			t.Errorf("%q leaked into the log or the problem", secret)
		}
	}
}

func TestValidations(t *testing.T) {
	s := newTestServer(t, nil)
	rec := s.post("/v1/validations", testkit.Read(t, "partly-granted.json"))
	var v struct {
		Valid    bool              `json:"valid"`
		Standard string            `json:"standard"`
		Errors   []letters.Finding `json:"errors"`
		Warnings []letters.Finding `json:"warnings"`
		Dates    letters.DecisionDates
	}
	if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &v) != nil {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if !v.Valid || v.Standard != "broenderslev-sel104-2024-12" || v.Errors == nil || v.Warnings == nil ||
		v.Dates.ComplaintDeadline != "2026-12-18" || v.Dates.Offers[0].NextFollowUp != "2028-03-01" {
		t.Errorf("unexpected validation: %s", rec.Body)
	}
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Error("a validation carries personal data: no-store")
	}
	rec = s.post("/v1/validations", testkit.Read(t, "rules/dates_order.json"))
	json.Unmarshal(rec.Body.Bytes(), &v)
	if v.Valid || len(v.Errors) != 1 || v.Errors[0].Rule != "dates_order" {
		t.Errorf("dates_order should be reported: %s", rec.Body)
	}
}

func TestHealthAndReadiness(t *testing.T) {
	s := newTestServer(t, nil)
	if rec := s.do(http.MethodGet, "/healthz", "", nil); rec.Code != 200 {
		t.Errorf("healthz %d", rec.Code)
	}
	if rec := s.do(http.MethodGet, "/readyz", "", nil); rec.Code != 200 {
		t.Errorf("readyz %d", rec.Code)
	}
	s.Drain()
	if rec := s.do(http.MethodGet, "/readyz", "", nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("readyz while draining %d, want 503", rec.Code)
	}
}

func TestAccessLogHasNoPersonalData(t *testing.T) {
	s := newTestServer(t, nil)
	s.post("/v1/letters", testkit.Read(t, "partly-granted.json"))
	s.post("/v1/letters", testkit.Read(t, "rules/cpr_invalid.json"))
	log := s.log.String()
	if !strings.Contains(log, `"rules":["cpr_invalid"]`) || !strings.Contains(log, `"route":"/v1/letters"`) || !strings.Contains(log, `"standard":"broenderslev-sel104-2024-12"`) {
		t.Errorf("the access log should have route, rule codes and the standard's version:\n%s", log)
	}
	for _, secret := range []string{"150590", "310290", "Søren", "Østergaard", "Algade", "9700", "hjerneskade", "Mette"} {
		if strings.Contains(log, secret) {
			t.Errorf("%q is in the log", secret)
		}
	}
}

// The OpenAPI description names every route the server has, every rule code, the examples,
// and exactly the fields of the Go types.
func TestOpenAPIKeptInStep(t *testing.T) {
	s := newTestServer(t, nil)
	rec := s.do(http.MethodGet, "/openapi.json", "", nil)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
		Comp    struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("not OpenAPI 3: %v", err)
	}
	for _, r := range s.engine.Routes() {
		p := regexp.MustCompile(`:(\w+)`).ReplaceAllString(r.Path, "{$1}")
		if _, ok := doc.Paths[p][strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s %s is not described", r.Method, r.Path)
		}
	}
	body := rec.Body.String()
	for _, r := range s.cfg.Letters.Rules() {
		if !strings.Contains(body, `"`+r.Code+`"`) {
			t.Errorf("rule %s is not in the description", r.Code)
		}
	}
	for _, ex := range []string{`"granted":`, `"partly-granted":`, `"refused":`, `"physical-post":`} {
		if !strings.Contains(body, ex) {
			t.Errorf("example %s missing", ex)
		}
	}
	for _, k := range s.cfg.Letters.KindInfos() {
		checkSchema(t, doc.Comp.Schemas, k.Schema, k.Request)
	}
	// Every example of every registered kind is in the description.
	for _, e := range kindExamples(t) {
		if !strings.Contains(body, `"`+e.Name+`":`) {
			t.Errorf("example %s missing", e.Name)
		}
	}
}

// kindExamples are the example letters of testdata (not the rule examples), with their kinds;
// it fails when a kind the service registers has none, so that the server's tests follow the
// registry rather than a list kept by hand.
func kindExamples(t *testing.T) []testkit.Example {
	t.Helper()
	seen := map[string]bool{}
	out := testkit.Letters(t)
	for _, e := range out {
		seen[e.Kind] = true
	}
	svc, _ := letters.New()
	for _, k := range svc.Kinds() {
		if !seen[k] {
			t.Errorf("the registered kind %q has no example under testdata/", k)
		}
	}
	return out
}

// jsonFieldsOf lists a struct's fields with an embedded struct's (an envelope) in its place, as
// encoding/json reads them.
func jsonFieldsOf(typ reflect.Type) []reflect.StructField {
	var out []reflect.StructField
	for i := range typ.NumField() {
		f := typ.Field(i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
			out = append(out, jsonFieldsOf(f.Type)...)
			continue
		}
		out = append(out, f)
	}
	return out
}

// checkSchema compares the properties of an OpenAPI object schema with a Go struct's JSON names.
func checkSchema(t *testing.T, schemas map[string]json.RawMessage, name string, typ reflect.Type) {
	var schema map[string]any
	json.Unmarshal(schemas[name], &schema)
	var walk func(path string, s map[string]any, typ reflect.Type)
	walk = func(path string, s map[string]any, typ reflect.Type) {
		if r, ok := s["$ref"].(string); ok { // follow a reference to a shared schema
			var target map[string]any
			json.Unmarshal(schemas[strings.TrimPrefix(r, "#/components/schemas/")], &target)
			s = target
		}
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
			if items, ok := s["items"].(map[string]any); ok {
				s = items
			}
		}
		if r, ok := s["$ref"].(string); ok {
			var target map[string]any
			json.Unmarshal(schemas[strings.TrimPrefix(r, "#/components/schemas/")], &target)
			s = target
		}
		if typ.Kind() != reflect.Struct {
			return
		}
		props, _ := s["properties"].(map[string]any)
		var goNames []string
		for _, f := range jsonFieldsOf(typ) {
			jn, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || jn == "" || jn == "-" {
				continue
			}
			goNames = append(goNames, jn)
			sub, ok := props[jn].(map[string]any)
			if !ok {
				t.Errorf("%s.%s is in Go but not in openapi.json", path, jn)
				continue
			}
			walk(path+"."+jn, sub, f.Type)
		}
		for p := range props {
			if !slices.Contains(goNames, p) {
				t.Errorf("%s.%s is in openapi.json but not in Go", path, p)
			}
		}
	}
	walk(name, schema, typ)
}
