package htmlrender

import (
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// Free text is text: markup in a decision never becomes markup in the letter.
func TestFreeTextIsEscaped(t *testing.T) {
	d := &document.Document{
		Meta:      document.Meta{Title: "T", Language: "da"},
		Recipient: document.Recipient{Lines: []string{`Søren "<b>" Ærø`}},
		Body: []document.Block{
			document.Heading{Level: 1, Text: "Afgørelse"},
			document.Paragraph{Text: `<script>alert("x")</script> & linje 1` + "\nlinje 2"},
			document.List{Items: []string{`<img src=x onerror=alert(1)>`}},
			document.Fields{Items: []document.Field{{Label: "Navn", Value: `</dd><script>`}}},
		},
	}
	out, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	if strings.Contains(html, "<script") || strings.Contains(html, "<img") || strings.Contains(html, "<b>") {
		t.Errorf("markup from the request got through:\n%s", html)
	}
	for _, want := range []string{"&lt;script&gt;", "&amp; linje 1<br>linje 2", "Søren &#34;&lt;b&gt;&#34; Ærø", `<html lang="da">`, "<h1>Afgørelse</h1>"} {
		if !strings.Contains(html, want) {
			t.Errorf("lacks %q", want)
		}
	}
}

// StyleHash is the hash of the style element as it stands in the page, which is what a CSP
// checks.
func TestStyleHashMatchesTheStyleElement(t *testing.T) {
	out, _ := Render(&document.Document{Meta: document.Meta{Language: "da"}})
	m := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatal("no style element")
	}
	sum := sha256.Sum256([]byte(m[1]))
	if want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; StyleHash() != want {
		t.Errorf("StyleHash %s, the page's style hashes to %s", StyleHash(), want)
	}
}

// A sender without a unit (a pack that names no contact unit) has no empty line for it.
func TestNoEmptyUnitLine(t *testing.T) {
	d := &document.Document{
		Meta:   document.Meta{Title: "T", Language: "da"},
		Sender: document.Sender{Organisation: "Dragør Kommune"},
	}
	out, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "<p></p>") {
		t.Errorf("an empty paragraph for a unit that is not there:\n%s", out)
	}
}
