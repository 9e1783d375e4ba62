// Package htmlrender draws a document (letters/document) as one standalone, accessible HTML
// page: lang="da", headings in order, lists as lists, fields as description lists. It knows
// HTML, not § 104.
package htmlrender

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"strings"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

//go:embed letter.css
var css string

//go:embed letter.html
var page string

var tmpl = template.Must(template.New("letter").Funcs(template.FuncMap{
	"lines": func(s string) []string {
		return strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s), "\n")
	},
	"kind": func(b document.Block) string { return string(b.Type()) },
	"css":  func() template.CSS { return template.CSS(css) },
	// dataURL is an image inline, so that the letter stays one file; only PNG and JPEG.
	"dataURL": func(img *document.Image) template.URL {
		mime := map[string]string{"png": "image/png", "jpeg": "image/jpeg"}[img.Format]
		if mime == "" {
			return ""
		}
		return template.URL("data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(img.Data))
	},
}).Parse(page))

// StyleHash is the CSP source ('sha256-…') of the letter's one inline style element, so that a
// page can show the letter without allowing unsafe-inline styles.
func StyleHash() string {
	sum := sha256.Sum256([]byte(css))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// Render returns d as an HTML document.
func Render(d *document.Document) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := tmpl.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("htmlrender: %w", err)
	}
	return buf.Bytes(), nil
}
