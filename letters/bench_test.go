package letters_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters/htmlrender"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
)

// The examples the benchmarks run on: every letter of testdata/decisions.
func benchExamples(b *testing.B) map[string][]byte {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "decisions", "*.json"))
	out := map[string][]byte{}
	for _, f := range files {
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = testkit.Read(b, filepath.Base(f))
	}
	return out
}

func BenchmarkCheck(b *testing.B) {
	svc := newService(b)
	for name, body := range benchExamples(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := svc.Check(body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCompose(b *testing.B) {
	svc := newService(b)
	for name, body := range benchExamples(b) {
		res, _ := svc.Check(body)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := res.Compose(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRenderPDF(b *testing.B) {
	svc, r := newService(b), pdfrender.New()
	for name, body := range benchExamples(b) {
		res, _ := svc.Check(body)
		doc, _ := res.Compose()
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				pdf, err := r.RenderBytes(doc)
				if err != nil {
					b.Fatal(err)
				}
				size = len(pdf)
			}
			b.ReportMetric(float64(size), "pdf-bytes")
		})
	}
}

func BenchmarkRenderHTML(b *testing.B) {
	svc := newService(b)
	res, _ := svc.Check(testkit.Read(b, "partly-granted.json"))
	doc, _ := res.Compose()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := htmlrender.Render(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLetter is the whole path of POST /v1/letters without HTTP: check, compose, render.
func BenchmarkLetter(b *testing.B) {
	svc, r := newService(b), pdfrender.New()
	body := testkit.Read(b, "partly-granted.json")
	b.ReportAllocs()
	for b.Loop() {
		res, err := svc.Check(body)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := res.Compose()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.RenderBytes(doc); err != nil {
			b.Fatal(err)
		}
	}
}
