package letters_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/htmlrender"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
)

// seed adds every example decision to the fuzzer's corpus.
func seed(f *testing.F) {
	for _, pattern := range []string{"*.json", "rules/*.json"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "decisions", pattern))
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(`{"granted":[{}],"refused":[{}],"transport":{}}`))
	f.Add([]byte(`{"kind":"decision","citizen":{"cpr":"290200-4000","name":"\u0141"}}`))
}

// FuzzCheck: any bytes are either refused as malformed or checked; nothing panics.
func FuzzCheck(f *testing.F) {
	seed(f)
	svc := newService(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := svc.Check(body)
		var bad *letters.MalformedError
		switch {
		case err != nil && !errors.As(err, &bad):
			t.Fatalf("an error that is not MalformedError: %v", err)
		case err == nil && res == nil:
			t.Fatal("no result and no error")
		}
	})
}

// FuzzLetter runs the whole way of a request: decode, check, compose the draft (and the letter
// when valid), and draw both as PDF and HTML. Nothing may panic or fail to render.
func FuzzLetter(f *testing.F) {
	seed(f)
	svc, pdf := newService(f), pdfrender.New()
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := svc.Check(body)
		if err != nil {
			return
		}
		if !res.Drawable() { // a kind that does not exist
			if res.Valid() {
				t.Fatal("a letter that cannot be drawn is valid")
			}
			return
		}
		draft, err := res.ComposeDraft()
		if err != nil {
			t.Fatalf("draft: %v", err)
		}
		if _, err := pdf.RenderBytes(draft); err != nil {
			t.Fatalf("draft PDF: %v", err)
		}
		if _, err := htmlrender.Render(draft); err != nil {
			t.Fatalf("draft HTML: %v", err)
		}
		if !res.Valid() {
			if _, err := res.Compose(); err == nil {
				t.Fatal("a letter with errors was composed")
			}
			return
		}
		letter, err := res.Compose()
		if err != nil {
			t.Fatalf("letter: %v", err)
		}
		if _, err := pdf.RenderBytes(letter); err != nil {
			t.Fatalf("letter PDF: %v", err)
		}
	})
}
