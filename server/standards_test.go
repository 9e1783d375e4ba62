package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
)

func TestStandardsList(t *testing.T) {
	s := newTestServer(t, nil)
	rec := s.do(http.MethodGet, "/v1/standards", "", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	var list standardsList
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if list.Municipality != "broenderslev" || len(list.Standards) != len(testkit.Packs(t))+1 {
		t.Fatalf("municipality %q, %d standards", list.Municipality, len(list.Standards))
	}
	byID := map[string]standardInfo{}
	for _, s := range list.Standards {
		byID[s.ID] = s
	}
	old, nu, eks := byID["broenderslev-sel104-2024-12"], byID["broenderslev-sel104-2027-01"], byID["eksempel-sel104-2025-01"]
	if old.ValidUntil != "2026-12-31" || nu.ValidUntil != "" || eks.ValidUntil != "" {
		t.Errorf("valid until: %q, %q, %q", old.ValidUntil, nu.ValidUntil, eks.ValidUntil)
	}
	today := time.Now().Format(time.DateOnly)
	if want := today < "2027-01-01"; old.InForce != want || nu.InForce == want {
		t.Errorf("in force today (%s): 2024 %v, 2027 %v", today, old.InForce, nu.InForce)
	}
	if eks.Numbers.ProcessingTime.Unit != "working_days" || eks.Law.ComplaintWeeks != 4 || !eks.Rules["other_offers_first"] {
		t.Errorf("Eksempel's numbers, law or switches are not listed: %+v", eks)
	}
}

// X-Standard, a 422 problem and a validation name the version the letter was checked under.
func TestTheVersionUsedIsNamed(t *testing.T) {
	s := newTestServer(t, nil)
	eksempel := bytes.Replace(testkit.Read(t, "granted"), []byte("{"), []byte(`{"standard": "eksempel-sel104-2025-01",`), 1)
	rec := s.post("/v1/letters", eksempel)
	p := problemOf(t, rec, http.StatusUnprocessableEntity) // start 11 days out, no other offers considered
	if p.Standard != "eksempel-sel104-2025-01" || rec.Header().Get("X-Standard") != "eksempel-sel104-2025-01" {
		t.Errorf("problem names %q, X-Standard %q", p.Standard, rec.Header().Get("X-Standard"))
	}
	var v validation
	json.Unmarshal(s.post("/v1/validations", eksempel).Body.Bytes(), &v)
	if v.Standard != "eksempel-sel104-2025-01" {
		t.Errorf("validation names %q", v.Standard)
	}
	rec = s.post("/v1/validations", testkit.Read(t, "granted"))
	if got := rec.Header().Get("X-Standard"); got != "broenderslev-sel104-2024-12" {
		t.Errorf("a decision of 20 November 2026: X-Standard %q", got)
	}
	in2027 := bytes.Replace(testkit.Read(t, "granted"), []byte(`"decision_date": "2026-11-20"`), []byte(`"decision_date": "2027-01-04"`), 1)
	if got := s.post("/v1/validations", in2027).Header().Get("X-Standard"); got != "broenderslev-sel104-2027-01" {
		t.Errorf("a decision of 4 January 2027: X-Standard %q", got)
	}
}

// The description's enums follow the packs served.
func TestOpenAPIEnumsFollowThePacks(t *testing.T) {
	// The codes of every field of a kind that takes them from the standard, and the ids of the
	// standards each kind's "standard" may name (the same for every kind).
	enums := func(spec []byte) (codes, standards []any) {
		var doc map[string]any
		json.Unmarshal(spec, &doc)
		for _, k := range mustNew(t).KindInfos() {
			request := dig(doc, "components", "schemas", k.Schema)
			for _, f := range k.Codes {
				codes = append(codes, atPath(request, f.Path)["enum"].([]any)...)
			}
			ids := dig(request, "properties", "standard")["enum"].([]any)
			if standards != nil && !slices.Equal(ids, standards) {
				t.Errorf("%s names the standards %v, another kind %v", k.Schema, ids, standards)
			}
			standards = ids
		}
		return codes, standards
	}
	acts, ids := enums(newTestServer(t, nil).openapi)
	if !slices.Contains(acts, any("music")) || !slices.Contains(ids, any("eksempel-sel104-2025-01")) || len(ids) != len(testkit.Packs(t))+1 {
		t.Errorf("with Eksempel served: activities %v, standards %v", acts, ids)
	}
	only := newTestServer(t, func(c *Config) { c.Letters = mustNew(t) })
	acts, ids = enums(only.openapi)
	if slices.Contains(acts, any("music")) || !slices.Equal(ids, []any{"broenderslev-sel104-2024-12"}) {
		t.Errorf("Brønderslev alone: activities %v, standards %v", acts, ids)
	}
}

func mustNew(t testing.TB) *letters.Service {
	svc, err := letters.New()
	if err != nil {
		t.Fatal(err)
	}
	return svc
}
