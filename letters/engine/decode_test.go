package engine

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters/standard"
	"github.com/bronderslev/afgorelsesbreve/standards"
	"github.com/bronderslev/afgorelsesbreve/templates"
)

type decodeInner struct {
	S string   `json:"s"`
	B *bool    `json:"b"`
	L []string `json:"l"`
}

// decodeAll has a field of every kind the request types have, and numbers.
type decodeAll struct {
	Envelope
	Name  string            `json:"name"`
	Flag  bool              `json:"flag"`
	Opt   *string           `json:"opt"`
	In    decodeInner       `json:"in"`
	Ptr   *decodeInner      `json:"ptr"`
	List  []decodeInner     `json:"list"`
	Map   map[string]*bool  `json:"map"`
	Words map[string]string `json:"words"`
	N     int               `json:"n"`
	F     float64           `json:"f"`
	Inner *decodeAll        `json:"inner"`
}

func testServedStandard(t *testing.T) *servedStandard {
	t.Helper()
	packs, err := standard.LoadAll(standards.FS, "standards")
	if err != nil {
		t.Fatal(err)
	}
	law, err := loadLaw(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	p := packs[0]
	switches := map[string]bool{}
	for name := range p.Standard.Rules { // the kinds' switches, which this package does not know
		switches[name] = true
	}
	names, err := loadNames(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	served, err := serveStandard(templates.FS, names, law, p, switches, nil)
	if err != nil {
		t.Fatal(err)
	}
	return served
}

// TestStrictDecodeFillsAsUnmarshal: the one reading of a body stores what encoding/json's
// Unmarshal stored when it read the body a second time: names that match only when case is
// ignored, "standard" inside a letter, null, empty lists, a name given twice, numbers that do
// not fit. Where the walk refuses a body that Unmarshal read, it is for a type fault.
func TestStrictDecodeFillsAsUnmarshal(t *testing.T) {
	served := testServedStandard(t)
	bodies := []string{
		`{}`,
		`{"kind": "x", "standard": "y", "name": "a\u00e6\"", "flag": true, "opt": "o", "n": 3, "f": -1.5e2}`,
		`{"in": {"s": "s", "b": false, "l": []}, "ptr": {}, "list": [], "map": {}, "words": {}}`,
		`{"in": null, "ptr": null, "list": null, "map": null, "words": null, "name": null, "flag": null, "opt": null}`,
		`{"list": [{"s": "1"}, {"l": ["a", "b"]}, {}], "map": {"a": true, "b": null, "c": false}, "words": {"x": "y", "z": null}}`,
		`{"Name": "case", "FLAG": true, "In": {"S": "s", "B": true}, "LIST": [{"S": "x"}]}`,
		`{"Name": 7}`, `{"In": {"S": ["x"]}}`, `{"Map": {"a": "yes"}}`,
		`{"list": [{"s": "a"}, {"s": "b"}], "List": [{"l": ["c"]}]}`,
		`{"name": "a", "name": "b"}`, `{"in": {"s": "a"}, "in": {"b": true}}`,
		`{"inner": {"standard": "nested", "kind": "k", "Standard": "again", "name": "n"}}`,
		`{"n": 1.5}`, `{"n": 1e30}`, `{"n": 99999999999999999999}`, `{"f": 1e400}`, `{"N": 2.5}`,
		`{"name": 1, "flag": "x", "list": {}, "map": [], "in": "x", "ptr": 3}`,
		`{"unknown": {"deep": [1, {"x": null}]}, "name": "kept"}`,
		`{"ptr": {"s": "a"}, "Ptr": {"b": true}}`,
		`{"words": {"a": "1", "a": "2"}, "map": {"k": true, "K": false}}`,
		`{"inner": {"inner": {"list": [{"s": "deep"}], "Words": {"q": "r"}}}}`,
	}
	for _, b := range bodies {
		var want decodeAll
		werr := json.Unmarshal([]byte(b), &want)
		var got decodeAll
		_, err := served.strictDecode([]byte(b), &got)
		var bad *MalformedError
		switch {
		case err == nil:
			if werr != nil {
				t.Errorf("%s: read, but Unmarshal said %v", b, werr)
			} else if !reflect.DeepEqual(got, want) {
				t.Errorf("%s:\n got %+v\nwant %+v", b, got, want)
			}
		case !errors.As(err, &bad):
			t.Errorf("%s: %v", b, err)
		case len(bad.Faults) == 0 && werr == nil:
			t.Errorf("%s: refused (%v), but Unmarshal read it", b, err)
		}
	}
}

// TestStrictDecodeFindings: what the walk reports while it reads.
func TestStrictDecodeFindings(t *testing.T) {
	served := testServedStandard(t)
	for body, want := range map[string]string{
		`{"Name": "x", "zz": 1, "inner": {"standard": "s"}}`: "unknown_field Name, unknown_field zz, unknown_field inner.standard",
		`{"name": 1, "name": "x", "list": [{"l": [true]}]}`:  "invalid_format name, invalid_format name, invalid_format list[0].l[0]",
		`{"Name": 1}`:                "malformed",
		`{"n": 1.5}`:                 "malformed",
		`{"": 1, "list": [{"": 2}]}`: "unknown_field , unknown_field list[0].",
	} {
		var v decodeAll
		unknown, err := served.strictDecode([]byte(body), &v)
		var got []string
		var bad *MalformedError
		if errors.As(err, &bad) {
			if len(bad.Faults) == 0 {
				got = append(got, "malformed")
			}
			unknown = bad.Faults
		}
		for _, f := range unknown {
			got = append(got, f.Rule+" "+f.Field)
		}
		if strings.Join(got, ", ") != want {
			t.Errorf("%s: %s, want %s", body, strings.Join(got, ", "), want)
		}
	}
}
