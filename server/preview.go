package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/htmlrender"
	"github.com/bronderslev/afgorelsesbreve/templates"
	"github.com/gin-gonic/gin"
)

// The preview page (templates/preview): the caseworker sees the letter and its findings before
// the case system sends it.

// pageCSP allows scripts and styles from this server only, plus the one inline style of the
// letter (by hash), which the page shows in a sandboxed frame. No unsafe-inline anywhere.
var pageCSP = "default-src 'none'; script-src 'self'; style-src 'self' " + htmlrender.StyleHash() +
	"; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"

// letterCSP is for the HTML letter on its own: its inline style and nothing else.
var letterCSP = "default-src 'none'; style-src " + htmlrender.StyleHash() + "; img-src data:; base-uri 'none'; frame-ancestors 'self'"

type previewPage struct {
	tmpl      *template.Template
	groups    []exampleGroup      // the example picker: letters, then rules
	standards []*letters.Standard // the standard picker, by municipality and date
	data      map[string]any      // examples, labels and field names for app.js
	assets    map[string][]byte
}

// loadPreview prepares the page for the packs svc serves; spec is the OpenAPI description the
// server publishes, whose request schemas (with the packs' codes) draw the form.
func loadPreview(examplesFS fs.FS, spec []byte, svc *letters.Service) (*previewPage, error) {
	// The contract's codes in Danish, the months, and the fields' and examples' names: the
	// letters' own (labels.json and preview/fields.json with each kind's added).
	names := svc.Names()
	labels := maps.Clone(names.Labels) // the standards' codes are added below
	var months []string
	if err := json.Unmarshal(labels["month"], &months); err != nil || len(months) != 12 {
		return nil, fmt.Errorf("labels.json: %v (month needs 12 names)", err)
	}
	// The page itself (page.html, app.js, app.css) is the server's, from templates.FS whatever
	// wording the service was opened with; only its words come from the service.
	t, err := template.New("page.html").Funcs(template.FuncMap{
		"date": func(iso string) string { // "2024-12-11" as "11. december 2024"
			d, err := time.Parse(time.DateOnly, iso)
			if err != nil {
				return iso
			}
			return fmt.Sprintf("%d. %s %d", d.Day(), months[d.Month()-1], d.Year())
		},
	}).ParseFS(templates.FS, "preview/page.html")
	if err != nil {
		return nil, err
	}
	p := &previewPage{tmpl: t, data: map[string]any{}, assets: map[string][]byte{}, standards: svc.Standards()}
	for _, name := range []string{"app.js", "app.css"} {
		if p.assets[name], err = fs.ReadFile(templates.FS, "preview/"+name); err != nil {
			return nil, err
		}
	}
	fields, err := json.Marshal(names.Fields)
	if err != nil {
		return nil, err
	}
	p.data["fields"] = json.RawMessage(fields)
	// The form is drawn from the request schemas of the OpenAPI description the server
	// publishes, with the packs' codes. The form's order is openapi.json's and the kinds' (the
	// order of their fields), so the schemas come from there and only their enums from spec.
	schemas, err := formSchemas(svc)
	if err != nil {
		return nil, err
	}
	var served struct {
		Components struct{ Schemas json.RawMessage }
	}
	if err := json.Unmarshal(spec, &served); err != nil {
		return nil, err
	}
	p.data["schemas"] = schemas
	p.data["servedSchemas"] = served.Components.Schemas
	// Each kind's request schema, and the kind of a body that names none.
	kinds := map[string]string{}
	// The labels of the codes that depend on the standard: every served pack's, the
	// configured municipality's current version last, so that its words win.
	codes := map[string]map[string]string{}
	for _, k := range svc.KindInfos() {
		kinds[k.Name] = k.Schema
		for _, f := range k.Codes {
			if codes[f.Label] == nil {
				codes[f.Label] = map[string]string{}
			}
			for _, std := range append(svc.Standards(), svc.Current()) {
				maps.Copy(codes[f.Label], f.List(std))
			}
		}
	}
	p.data["kinds"] = kinds
	p.data["defaultKind"] = svc.DefaultKind()
	for label, c := range codes {
		labels[label], _ = json.Marshal(c)
	}
	// A criterion's checkbox is labelled with the standard's words for it.
	criteria := map[string]string{}
	for _, std := range append(svc.Standards(), svc.Current()) {
		maps.Copy(criteria, std.CriteriaLabels())
	}
	labels["criterion"], _ = json.Marshal(criteria)
	p.data["labels"] = labels
	standardNames := map[string]string{}
	for _, std := range svc.Standards() {
		standardNames[std.ID] = standardName(std)
	}
	p.data["standards"] = standardNames
	examples, err := readExamples(examplesFS)
	if err != nil {
		return nil, err
	}
	byName := map[string]json.RawMessage{}
	for _, e := range examples {
		byName[e.Name] = e.JSON
	}
	p.data["examples"] = byName
	if p.groups, err = exampleGroups(examples, fields); err != nil {
		return nil, err
	}
	return p, nil
}

// formSchemas are the component schemas of openapi.json and of every kind's part of the
// description, each as written (its fields in their order).
func formSchemas(svc *letters.Service) (json.RawMessage, error) {
	var api struct {
		Components struct{ Schemas map[string]json.RawMessage }
	}
	if err := json.Unmarshal(openapiBase, &api); err != nil || len(api.Components.Schemas) == 0 {
		return nil, fmt.Errorf("openapi.json: no component schemas for the preview's form: %v", err)
	}
	for _, k := range svc.KindInfos() {
		var part struct{ Schemas map[string]json.RawMessage }
		if err := json.Unmarshal(k.OpenAPI, &part); err != nil {
			return nil, fmt.Errorf("the OpenAPI description of the kind %q: %w", k.Name, err)
		}
		maps.Copy(api.Components.Schemas, part.Schemas)
	}
	return json.Marshal(api.Components.Schemas)
}

// exampleGroup is a group of the example picker, with each example's Danish name.
type exampleGroup struct {
	Label   string
	Options []exampleOption
}

type exampleOption struct{ Name, Label string }

// exampleGroups names every example in Danish (fields.json "examples"); an example without a
// Danish name is an error, so that the picker never shows a file name.
func exampleGroups(examples []exampleLetter, fields json.RawMessage) ([]exampleGroup, error) {
	var f struct {
		Examples map[string]string
		Groups   map[string]string `json:"exampleGroups"`
	}
	if err := json.Unmarshal(fields, &f); err != nil {
		return nil, fmt.Errorf("preview/fields.json: %w", err)
	}
	groups := []exampleGroup{{Label: f.Groups["letters"]}, {Label: f.Groups["rules"]}}
	for _, e := range examples {
		label, ok := f.Examples[e.Name]
		if !ok {
			return nil, fmt.Errorf("preview/fields.json: the example %q has no Danish name in \"examples\"", e.Name)
		}
		g := &groups[0]
		if strings.HasPrefix(e.Name, "rules/") {
			g = &groups[1]
		}
		g.Options = append(g.Options, exampleOption{e.Name, label})
	}
	return groups, nil
}

// render writes the page; initial is a decision handed over by a case system, or nil, and token
// the credential it came with (already in this browser, which posted it), or "".
func (p *previewPage) render(c *gin.Context, initial *string, token, municipality string) {
	data := map[string]any{"initial": initial, "token": token}
	for k, v := range p.data {
		data[k] = v
	}
	// json.Marshal escapes <, > and & (and U+2028/2029), so the data cannot end the script
	// element it sits in.
	raw, err := json.Marshal(data)
	if err != nil {
		panic(err)
	}
	var buf bytes.Buffer
	// The standard picker offers what the caller may use, when the caller is known (a hand-off
	// with a token bound to municipalities).
	standards := slices.DeleteFunc(slices.Clone(p.standards), func(std *letters.Standard) bool { return !mayUse(c, std.Municipality.ID) })
	if err := p.tmpl.Execute(&buf, map[string]any{"Groups": p.groups, "Standards": standards, "Municipality": municipality, "Data": template.JS(raw)}); err != nil {
		panic(err)
	}
	c.Header("Content-Security-Policy", pageCSP)
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

func (s *Server) getPage(c *gin.Context) {
	s.preview.render(c, nil, "", s.cfg.Letters.Current().Municipality.Name)
}

// postPage takes a decision handed over by a case system as the form field "decision" (a form
// POST, so that the decision never travels in a URL) and opens the page with it loaded.
func (s *Server) postPage(c *gin.Context) {
	decision := c.Request.PostFormValue("decision")
	if decision == "" {
		s.problem(c, http.StatusBadRequest, `Formularen skal have feltet "decision" med afgørelsen som JSON.`, nil)
		return
	}
	// The page keeps a token handed over in the form for its own calls (authorize has checked it).
	home, _ := s.cfg.Letters.Catalog().InForceOf(s.homeMunicipality(c), time.Now())
	s.preview.render(c, &decision, c.Request.PostFormValue("token"), home.Municipality.Name)
}

// limitBody reads a form within the body limit (as readLimited: an oversized one is read to
// its end before its 413) before anything looks at its fields.
func (s *Server) limitBody(c *gin.Context) {
	body, ok := s.readLimited(c)
	if !ok {
		c.Abort()
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	err := c.Request.ParseMultipartForm(s.cfg.MaxBody)
	if errors.Is(err, http.ErrNotMultipart) {
		err = c.Request.ParseForm()
	}
	if err != nil {
		s.problem(c, http.StatusBadRequest, "Formularen kunne ikke læses.", nil)
	}
}

func (s *Server) getAsset(c *gin.Context) {
	name := c.Param("name")
	body, ok := s.preview.assets[name]
	if !ok {
		s.problem(c, http.StatusNotFound, "Filen findes ikke.", nil)
		return
	}
	ct := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}[path.Ext(name)]
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, ct, body)
}

// postPreview answers POST /v1/previews: the letter as a draft, even when it breaks the
// standard (its faults are then boxed on the first page). PDF by default; HTML for a caller
// that accepts text/html before application/pdf.
func (s *Server) postPreview(c *gin.Context) {
	res, ok := s.check(c)
	if !ok {
		return
	}
	if !res.Drawable() { // a kind that does not exist: nothing to draw, not even a draft
		s.problem(c, http.StatusUnprocessableEntity, "Brevet kan ikke vises. Ret fejlene og prøv igen.",
			&problemFindings{Errors: res.Errors, Warnings: res.Warnings, Standard: res.Standard().ID})
		return
	}
	html, format := wantsHTML(c.GetHeader("Accept")), "pdf"
	if html {
		format = "html"
	}
	var doc *document.Document
	body, ok := s.draw(c, format, func() ([]byte, error) {
		var err error
		if doc, err = res.ComposeDraft(); err != nil {
			return nil, err
		}
		if html {
			return htmlrender.Render(doc)
		}
		return s.cfg.PDF.RenderBytes(doc)
	})
	if !ok {
		return
	}
	if html {
		c.Header("Content-Security-Policy", letterCSP)
		c.Data(http.StatusOK, "text/html; charset=utf-8", body)
		return
	}
	c.Header("Content-Disposition", `inline; filename="udkast-`+doc.Meta.FileName+`.pdf"`)
	c.Data(http.StatusOK, "application/pdf", body)
}

// wantsHTML reports whether text/html comes before application/pdf in an Accept header (a
// header without either gets the PDF).
func wantsHTML(accept string) bool {
	h, p := strings.Index(accept, "text/html"), strings.Index(accept, "application/pdf")
	return h >= 0 && (p < 0 || h < p)
}

// securityHeaders go on every response; the CSP is set by the handlers that answer HTML.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	c.Next()
}

// standardName is how the page names a version of a standard: the municipality and when the
// standard was issued ("Brønderslev Kommune, december 2024"), or its id where the pack gives no
// date (a pack written from a partial standard).
func standardName(std *letters.Standard) string {
	if std.Issued == "" {
		return std.Municipality.Name + " (" + std.ID + ")"
	}
	return std.Municipality.Name + ", " + std.Issued
}
