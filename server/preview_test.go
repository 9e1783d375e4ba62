package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
	"golang.org/x/net/html"
)

func TestPreviewPDFIsADraftEvenWithErrors(t *testing.T) {
	s := newTestServer(t, nil)
	rec := s.post("/v1/previews", testkit.Read(t, "rules/start_within_14_days.json"))
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("status %d %s: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	pdf := rec.Body.Bytes()
	text := pdftext.Go(t, pdf)
	if n, marks := pdftext.Pages(t, pdf), strings.Count(text, "UDKAST"); marks < n+1 {
		t.Errorf("%d pages but only %d UDKAST (one per page plus the box title)", n, marks)
	}
	flat := pdftext.Flat(pdftext.Poppler(t, pdf, "-f", "1", "-l", "1"))
	for _, want := range []string{"UDKAST – brevet kan ikke sendes: 1 fejl skal rettes", "Fejl ved «Bevilget nr. 1, startdato»", "senest 4. december 2026"} {
		if !strings.Contains(flat, want) {
			t.Errorf("page 1 lacks %q", want)
		}
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "udkast-afgoerelse-") {
		t.Errorf("Content-Disposition %q", cd)
	}
	valid := pdftext.Go(t, s.post("/v1/previews", testkit.Read(t, "granted.json")).Body.Bytes())
	if !strings.Contains(valid, "UDKAST") || strings.Contains(valid, "kan ikke sendes") {
		t.Error("a valid decision's preview is still a draft, without an error box")
	}
	// A body that cannot be read, or a kind that does not exist, has nothing to preview (the
	// fuzzer found the second: it was a panic).
	problemOf(t, s.post("/v1/previews", []byte(`{"granted": 1}`)), http.StatusBadRequest)
	for _, kind := range []string{`""`, `"invoice"`} {
		p := problemOf(t, s.post("/v1/previews", []byte(`{"kind": `+kind+`}`)), http.StatusUnprocessableEntity)
		if len(p.Errors) != 1 || p.Errors[0].Rule != "invalid_value" || p.Errors[0].Field != "kind" {
			t.Errorf("kind %s: %+v", kind, p.Errors)
		}
		problemOf(t, s.post("/v1/letters", []byte(`{"kind": `+kind+`}`)), http.StatusUnprocessableEntity)
	}
}

// blocks are the texts of an HTML document's block elements (each line of a <br>-broken
// block on its own), in order, as a reader gets them; tags lists every element and scripts the
// script elements.
func blocks(t *testing.T, doc string) (texts, tags []string, scripts []*html.Node) {
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	block := map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "p": true, "li": true, "dt": true, "dd": true, "footer": true}
	var cur strings.Builder
	flush := func() {
		if s := pdftext.Flat(cur.String()); s != "" {
			texts = append(texts, s)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			tags = append(tags, n.Data)
			switch {
			case n.Data == "script":
				scripts = append(scripts, n)
				return
			case n.Data == "style" || n.Data == "head":
				return
			case n.Data == "br" || block[n.Data]:
				flush()
			}
		}
		if n.Type == html.TextNode {
			cur.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && block[n.Data] {
			flush()
		}
	}
	walk(root)
	flush()
	return texts, tags, scripts
}

func TestPreviewHTMLHasTheSameTextAsThePDF(t *testing.T) {
	s := newTestServer(t, nil)
	body := testkit.Read(t, "partly-granted.json")
	rec := s.do(http.MethodPost, "/v1/previews", "application/json", body, "Accept", "text/html,application/pdf;q=0.9")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("status %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if csp := rec.Header().Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "sha256-") {
		t.Errorf("CSP %q", csp)
	}
	doc := rec.Body.String()
	if !strings.Contains(doc, `<html lang="da">`) {
		t.Error(`the HTML letter needs lang="da"`)
	}
	texts, tags, _ := blocks(t, doc)
	// Headings in order: one h1, and no level skipped.
	level := 0
	for _, tag := range tags {
		if m := regexp.MustCompile(`^h([1-6])$`).FindStringSubmatch(tag); m != nil {
			l := int(m[1][0] - '0')
			if l > level+1 {
				t.Errorf("heading h%d follows h%d", l, level)
			}
			level = l
		}
	}
	if strings.Count(strings.Join(tags, " "), "ul") < 5 || !strings.Contains(strings.Join(tags, " "), "dl") {
		t.Error("lists must be ul and fields dl")
	}
	// The final letter: the draft's rotated watermark would sit among the lines for a reader
	// that ignores rotation.
	pdfText := pdftext.Flat(pdftext.Go(t, s.post("/v1/letters", body).Body.Bytes()))
	pdfText = regexp.MustCompile(`Side \d+ af \d+ `).ReplaceAllString(pdfText, "")
	// Every block of the HTML letter is in the PDF (the PDF adds only page numbers).
	if len(texts) < 60 {
		t.Fatalf("only %d blocks of text in the HTML letter", len(texts))
	}
	for _, b := range texts {
		if b != "UDKAST" && !strings.Contains(pdfText, b) {
			t.Errorf("in the HTML but not in the PDF: %q", b)
		}
	}
}

func TestPageHeaders(t *testing.T) {
	s := newTestServer(t, nil)
	rec := s.do(http.MethodGet, "/", "", nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `<html lang="da">`) {
		t.Fatalf("status %d", rec.Code)
	}
	h := rec.Header()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "frame-ancestors 'self'", "default-src 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %s: %s", want, csp)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP must not allow unsafe-inline or unsafe-eval: %s", csp)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"} {
		if h.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, h.Get(k), want)
		}
	}
	_, _, scripts := blocks(t, rec.Body.String())
	for _, sc := range scripts {
		attrs := map[string]string{}
		for _, a := range sc.Attr {
			attrs[a.Key] = a.Val
		}
		if attrs["src"] == "" && attrs["type"] != "application/json" {
			t.Errorf("the page has an inline script: %v", attrs)
		}
	}
	for name, ct := range map[string]string{"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"} {
		a := s.do(http.MethodGet, "/assets/"+name, "", nil)
		if a.Code != 200 || a.Header().Get("Content-Type") != ct || a.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %d %s", name, a.Code, a.Header().Get("Content-Type"))
		}
	}
	problemOf(t, s.do(http.MethodGet, "/assets/../server.go", "", nil), http.StatusNotFound)
	// The API's JSON and PDF answers carry the same headers.
	if api := s.post("/v1/validations", testkit.Read(t, "granted.json")); api.Header().Get("X-Content-Type-Options") != "nosniff" || api.Header().Get("Referrer-Policy") != "no-referrer" {
		t.Error("API responses need nosniff and no-referrer too")
	}
}

// A case system hands a decision over by form POST; the page opens with it, it never appears in
// a URL, and a decision cannot break out of the script element that carries it.
func TestCaseSystemHandOff(t *testing.T) {
	s := newTestServer(t, nil)
	decision := strings.Replace(string(testkit.Read(t, "granted.json")), "Søren Østergaard Ærø", `Søren </script><script>alert(1)</script>`, 1)
	form := url.Values{"decision": {decision}}.Encode()
	rec := s.do(http.MethodPost, "/", "application/x-www-form-urlencoded", []byte(form))
	if rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("status %d, Cache-Control %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	page := rec.Body.String()
	if strings.Count(page, "</script>") != 2 || strings.Contains(page, "<script>alert") {
		t.Error("the handed-over decision escaped its script element")
	}
	if !strings.Contains(page, `Søren \u003c/script\u003e`) {
		t.Error("the decision is not in the page")
	}
	problemOf(t, s.do(http.MethodPost, "/", "application/x-www-form-urlencoded", []byte("x=1")), http.StatusBadRequest)
}

// The form is drawn from the OpenAPI request schemas: fields.json holds Danish names only, and
// has one for every field of every kind (else the form would show a JSON key).
func TestFormFieldsComeFromTheSchemas(t *testing.T) {
	checkFormFields(t, newTestServer(t, nil))
}

// checkFormFields checks the preview's data of s: a Danish name for every field of every kind
// the service registers.
func checkFormFields(t *testing.T, s testServer) {
	t.Helper()
	var api struct {
		Components struct{ Schemas map[string]map[string]any }
	}
	if err := json.Unmarshal(s.preview.data["schemas"].(json.RawMessage), &api.Components.Schemas); err != nil {
		t.Fatal(err)
	}
	var fields map[string]json.RawMessage
	json.Unmarshal(s.preview.data["fields"].(json.RawMessage), &fields)
	for _, structural := range []string{"enums", "types", "lists"} {
		if _, ok := fields[structural]; ok {
			t.Errorf("fields.json describes the fields' %s again; the schemas do", structural)
		}
	}
	var labels map[string]string
	json.Unmarshal(fields["labels"], &labels)
	seen := map[string]bool{}
	var walk func(s map[string]any)
	walk = func(s map[string]any) {
		if ref, ok := s["$ref"].(string); ok {
			name := ref[strings.LastIndex(ref, "/")+1:]
			if seen[name] {
				return
			}
			seen[name] = true
			s = api.Components.Schemas[name]
		}
		props, _ := s["properties"].(map[string]any)
		for k, v := range props {
			if labels[k] == "" {
				t.Errorf("the field %q has no Danish name in fields.json", k)
			}
			walk(v.(map[string]any))
		}
		if items, ok := s["items"].(map[string]any); ok {
			walk(items)
		}
	}
	kinds := s.preview.data["kinds"].(map[string]string)
	for _, k := range s.cfg.Letters.KindInfos() {
		if kinds[k.Name] != k.Schema {
			t.Errorf("the preview draws the kind %q from the schema %q, not %q", k.Name, kinds[k.Name], k.Schema)
		}
		walk(map[string]any{"$ref": "#/components/schemas/" + k.Schema})
	}
	if len(seen) < len(kinds)+2 {
		t.Errorf("walked only %v", seen)
	}
}
