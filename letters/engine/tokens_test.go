package engine

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestValidTokensReadAsTheDecoderReads holds the strict walk's token reader to
// encoding/json's Decoder (with UseNumber), token by token and More by More, on every example
// request of the repository and on bodies with escapes, numbers, literals and nesting.
func TestValidTokensReadAsTheDecoderReads(t *testing.T) {
	bodies := map[string][]byte{
		"escapes":  []byte(`{"a\u00e6\"b": "x\\y\n", "k\/": ["\ud83d\ude00", "", "\u0000"]}`),
		"numbers":  []byte(`{"n": [0, -1, 1.5e3, -0.25E-2, 12345678901234567890]}`),
		"literals": []byte(` { "t" : true , "f":false,"z":null , "e":{}, "a":[], "o":{"x":[{"y":[null]}]} } `),
		"danish":   []byte(`{"navn": "Søren Ærø Åse", "tom": "   "}`),
	}
	for _, dir := range []string{"../../testdata/decisions", "../../testdata/decisions/rules", "../../testdata/letters", "../../testdata/letters/rules"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			bodies[f] = b
		}
	}
	if len(bodies) < 20 {
		t.Fatalf("only %d bodies: the examples were not found", len(bodies))
	}
	for name, body := range bodies {
		if !json.Valid(body) {
			continue // peekHead refuses these before the walk
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		ours := &validTokens{b: body}
		for n := 0; ; n++ {
			if dm, om := dec.More(), ours.More(); dm != om {
				t.Fatalf("%s: token %d: More %v, the Decoder's %v", name, n, om, dm)
			}
			want, werr := dec.Token()
			got, gerr := ours.Token()
			if werr == io.EOF || gerr == io.EOF {
				if werr != gerr {
					t.Fatalf("%s: token %d: end %v, the Decoder's %v", name, n, gerr, werr)
				}
				break
			}
			if werr != nil || gerr != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: token %d: %#v (%v), the Decoder's %#v (%v)", name, n, got, gerr, want, werr)
			}
		}
	}
}
