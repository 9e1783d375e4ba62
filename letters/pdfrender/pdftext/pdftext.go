// Package pdftext reads a PDF's text back as a reader gets it, for tests: with a Go PDF reader
// and with poppler's pdftotext, which CI requires.
package pdftext

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// Go extracts the text of every page with the pure-Go reader github.com/ledongthuc/pdf, line
// by line as a reader sees it: the characters on one baseline, in order from left to right.
// (The letter draws a line as runs of one code page each, "Ł" and "ucja"; a reader that
// started a new line for every run would read "Ł ucja".) Text larger than 40 pt, the draft's
// rotated watermark, follows each page's lines.
func Go(t testing.TB, file []byte) string { return GoPages(t, file, 0) }

// GoPages is Go for the first n pages only (all when n is 0).
func GoPages(t testing.TB, file []byte, n int) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatalf("pdftext: the Go reader cannot open the PDF: %v", err)
	}
	last := r.NumPage()
	if n > 0 {
		last = min(n, last)
	}
	var b strings.Builder
	for i := 1; i <= last; i++ {
		var glyphs []pdf.Text
		var large strings.Builder
		for _, g := range pageText(r.Page(i)) {
			if g.FontSize > 40 {
				large.WriteString(g.S)
			} else {
				glyphs = append(glyphs, g)
			}
		}
		// Lines from the top of the page down; glyphs within half a point share a baseline.
		sort.SliceStable(glyphs, func(a, c int) bool {
			ya, yc := math.Round(glyphs[a].Y*2), math.Round(glyphs[c].Y*2)
			if ya != yc {
				return ya > yc
			}
			return glyphs[a].X < glyphs[c].X
		})
		for j, g := range glyphs {
			if j > 0 && math.Round(g.Y*2) != math.Round(glyphs[j-1].Y*2) {
				b.WriteByte('\n')
			}
			b.WriteString(g.S)
		}
		b.WriteString("\n" + large.String() + "\n")
	}
	return b.String()
}

// Pages is the Go reader's page count.
func Pages(t testing.TB, file []byte) int {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatalf("pdftext: %v", err)
	}
	return r.NumPage()
}

// Catalog returns the value of a key of the document catalog, e.g. "Lang".
func Catalog(t testing.TB, file []byte, key string) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatalf("pdftext: %v", err)
	}
	v := r.Trailer().Key("Root").Key(key)
	if v.Kind() == pdf.Name {
		return v.Name()
	}
	return v.Text()
}

// RequireTool returns the path of an outside program. Without it the test is skipped, with a
// message saying what to install, except in CI (CI set), where that is a failure: CI must
// never skip these tests silently.
func RequireTool(t testing.TB, name, debianPackage string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	msg := name + " is not installed (apt-get install " + debianPackage + ")"
	if os.Getenv("CI") != "" {
		t.Fatalf("%s, and CI must run this test", msg)
	}
	t.Skip(msg + "; skipping")
	return ""
}

// Poppler runs pdftotext with the given options ("-layout", "-bbox", ...) on the PDF.
func Poppler(t testing.TB, file []byte, opts ...string) string {
	t.Helper()
	bin := RequireTool(t, "pdftotext", "poppler-utils")
	cmd := exec.Command(bin, append(append([]string{"-enc", "UTF-8"}, opts...), "-", "-")...)
	cmd.Stdin = bytes.NewReader(file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	return string(out)
}

// Flat folds all white space to single spaces, so that a text wrapped over lines and pages
// can be found whole. Page footers are the caller's business.
func Flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// matrix is a PDF transformation matrix [a b 0; c d 0; e f 1].
type matrix [3][3]float64

var ident = matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x matrix) mul(y matrix) matrix {
	var z matrix
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

// font is what showing text needs of a page's font, read once: the reader's Font.Width reads
// the font's Widths array back from the file for every glyph, and Page.Content parses the
// font's ToUnicode map again at every Tf, which made reading a letter's PDF take half a
// second.
type font struct {
	name        string // the base font without its subset tag
	enc         pdf.TextEncoding
	first, last int
	widths      []float64
}

func (f *font) width(code int) float64 {
	if f == nil || code < f.first || code > f.last || code-f.first >= len(f.widths) {
		return 0
	}
	return f.widths[code-f.first]
}

type nopEncoder struct{}

func (nopEncoder) Decode(raw string) string { return raw }

// pageText is github.com/ledongthuc/pdf's Page.Content().Text, the glyphs the page shows with
// their font, size and place, computed the same way (the same operators, matrices and widths,
// the reader's own parser, fonts and encodings) with each font read once.
func pageText(p pdf.Page) []pdf.Text {
	if p.V.IsNull() || p.V.Key("Contents").Kind() == pdf.Null {
		return nil
	}
	type gstate struct {
		Tc, Tw, Th, Tl, Tfs, Trise float64
		Tf                         *font
		Tm, Tlm, CTM               matrix
	}
	fonts := map[string]*font{}
	var enc pdf.TextEncoding = nopEncoder{}
	g := gstate{Th: 1, CTM: ident}
	var text []pdf.Text
	showText := func(s string) {
		n := 0
		for _, ch := range enc.Decode(s) {
			var w0 float64
			if n < len(s) {
				w0 = g.Tf.width(int(s[n]))
			}
			n++
			name := ""
			if g.Tf != nil {
				name = g.Tf.name
			}
			Trm := matrix{{g.Tfs * g.Th, 0, 0}, {0, g.Tfs, 0}, {0, g.Trise, 1}}.mul(g.Tm).mul(g.CTM)
			text = append(text, pdf.Text{Font: name, FontSize: Trm[0][0], X: Trm[2][0], Y: Trm[2][1], W: w0 / 1000 * Trm[0][0], S: string(ch)})
			tx := (w0/1000*g.Tfs + g.Tc) * g.Th
			g.Tm = matrix{{1, 0, 0}, {0, 1, 0}, {tx, 0, 1}}.mul(g.Tm)
		}
	}
	six := func(args []pdf.Value) (m matrix) {
		if len(args) != 6 {
			panic("pdftext: a matrix without six numbers")
		}
		for i := range 6 {
			m[i/2][i%2] = args[i].Float64()
		}
		m[2][2] = 1
		return m
	}
	var gstack []gstate
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		arg := func(i int) pdf.Value {
			if i >= len(args) {
				panic("pdftext: " + op + " without its operands")
			}
			return args[i]
		}
		switch op {
		case "cm":
			g.CTM = six(args).mul(g.CTM)
		case "q":
			gstack = append(gstack, g)
		case "Q":
			g = gstack[len(gstack)-1]
			gstack = gstack[:len(gstack)-1]
		case "BT":
			g.Tm, g.Tlm = ident, ident
		case "T*":
			g.Tlm = matrix{{1, 0, 0}, {0, 1, 0}, {0, -g.Tl, 1}}.mul(g.Tlm)
			g.Tm = g.Tlm
		case "Tc":
			g.Tc = arg(0).Float64()
		case "TD", "Td":
			if op == "TD" {
				g.Tl = -arg(1).Float64()
			}
			g.Tlm = matrix{{1, 0, 0}, {0, 1, 0}, {arg(0).Float64(), arg(1).Float64(), 1}}.mul(g.Tlm)
			g.Tm = g.Tlm
		case "Tf":
			name := arg(0).Name()
			f, ok := fonts[name]
			if !ok {
				pf := p.Font(name)
				f = &font{name: pf.BaseFont(), enc: pf.Encoder(), first: pf.FirstChar(), last: pf.LastChar(), widths: pf.Widths()}
				if i := strings.Index(f.name, "+"); i >= 0 {
					f.name = f.name[i+1:]
				}
				if f.enc == nil {
					f.enc = nopEncoder{}
				}
				fonts[name] = f
			}
			g.Tf, enc, g.Tfs = f, f.enc, arg(1).Float64()
		case "\"", "'", "Tj":
			if op == "\"" {
				g.Tw, g.Tc, args = arg(0).Float64(), arg(1).Float64(), args[2:]
			}
			if op != "Tj" {
				g.Tlm = matrix{{1, 0, 0}, {0, 1, 0}, {0, -g.Tl, 1}}.mul(g.Tlm)
				g.Tm = g.Tlm
			}
			showText(arg(0).RawString())
		case "TJ":
			v := arg(0)
			for i := 0; i < v.Len(); i++ {
				if x := v.Index(i); x.Kind() == pdf.String {
					showText(x.RawString())
				} else {
					g.Tm = matrix{{1, 0, 0}, {0, 1, 0}, {-x.Float64() / 1000 * g.Tfs * g.Th, 0, 1}}.mul(g.Tm)
				}
			}
			showText("\n")
		case "TL":
			g.Tl = arg(0).Float64()
		case "Tm":
			g.Tm = six(args)
			g.Tlm = g.Tm
		case "Ts":
			g.Trise = arg(0).Float64()
		case "Tw":
			g.Tw = arg(0).Float64()
		case "Tz":
			g.Th = arg(0).Float64() / 100
		}
	})
	return text
}
