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
	for name, body := range testBodies(t) {
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

// TestPeekHeadReadsAsAMapWould holds peekHead's top level to what encoding/json unmarshals into
// a map of raw values (what it did before), and its errors to that map's errors.
func TestPeekHeadReadsAsAMapWould(t *testing.T) {
	bodies := testBodies(t)
	for name, b := range map[string]string{
		"twice": `{"kind": "receipt", "kind" : "followup", "standard": 3}`, "null": `null`, "array": `[1]`,
		"string": `"x"`, "empty": ``, "cut": `{"a": [1, 2`, "junk": `{"a": 1} x`, "colon": `{"a" 1}`,
		"number kind": `{"kind": 7}`, "top scalars": `{"a": 1.5e3, "b": true, "c": null, "d": -2}`,
	} {
		bodies[name] = []byte(b)
	}
	for name, body := range bodies {
		var want map[string]json.RawMessage
		werr := json.Unmarshal(body, &want)
		h, err := peekHead(body)
		if werr != nil || want == nil {
			var old string
			if _, isType := werr.(*json.UnmarshalTypeError); isType || werr == nil {
				old = "Forespørgslen skal være et JSON-objekt."
			} else {
				old = syntaxError(werr).Error()
			}
			if err == nil || err.Error() != old {
				t.Errorf("%s: %v, before %q", name, err, old)
			}
			continue
		}
		if err != nil { // a kind that is no text, as before
			if err.Error() != "Et eller flere felter har en forkert JSON-type." || json.Unmarshal(want["kind"], new(string)) == nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		for k, v := range want {
			if got := h.fields.get(k); !bytes.Equal(got, v) {
				t.Errorf("%s: %q is %q, as a map %q", name, k, got, v)
			}
		}
		if len(h.fields) < len(want) {
			t.Errorf("%s: %d members, as a map %d", name, len(h.fields), len(want))
		}
	}
}

func testBodies(t *testing.T) map[string][]byte {
	bodies := map[string][]byte{
		"escapes":  []byte(`{"q": "say \"hi\" }", "a\u00e6\"b": "x\\y\n", "k\/": ["\ud83d\ude00", "", "\u0000"]}`),
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
	return bodies
}
