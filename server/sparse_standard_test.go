package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/standards"
)

// A pack that states only the minimum age, with a range, the standard's own words and a unit
// reached by e-mail: GET /v1/standards lists it as the description says, leaves out the numbers
// it does not state, and a receipt under it has no expected_answer.
func TestSparseStandardIsListedAsDescribed(t *testing.T) {
	raw, err := standards.FS.ReadFile("broenderslev-sel104-2024-12/standard.json")
	if err != nil {
		t.Fatal(err)
	}
	var std map[string]any
	json.Unmarshal(raw, &std)
	std["id"], std["valid_from"] = "sparsom-sel104-2026-01", "2026-01-01"
	std["municipality"] = map[string]any{"id": "sparsom", "name": "Sparsom Kommune", "address": []any{"Torvet 1"}}
	std["numbers"] = map[string]any{"min_age_years": 18, "follow_up": map[string]any{"min": 3, "value": 6, "unit": "months"},
		"first_follow_up": map[string]any{"value": 6, "unit": "weeks", "text": "1½ måned"}}
	std["contact_units"] = map[string]any{"all": map[string]any{"name": "Socialafdelingen", "email": "social@sparsom.dk", "hours": "alle dage kl. 8.30-9.30"}}
	std["contact_routing"] = []any{map[string]any{"unit": "all"}}
	pack, _ := json.Marshal(std)
	svc, err := letters.Open(letters.Config{Packs: fstest.MapFS{"sparsom-sel104-2026-01/standard.json": {Data: pack}}, PacksLabel: "test"})
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, func(c *Config) { c.Letters = svc })
	c := newConformance(t, s.openapi)
	req := httptest.NewRequest(http.MethodGet, "/v1/standards", nil)
	req.RemoteAddr = "127.0.0.1:40000"
	if x := serve(s, "GET /v1/standards", req, nil); x.status != http.StatusOK || c.check(x) != nil {
		t.Fatalf("GET /v1/standards: %d, %v", x.status, c.check(x))
	}
	body := s.do(http.MethodGet, "/v1/standards", "", nil).Body.String()
	var list struct {
		Standards []map[string]any `json:"standards"`
	}
	json.Unmarshal([]byte(body), &list)
	for _, st := range list.Standards {
		if st["id"] != "sparsom-sel104-2026-01" {
			continue
		}
		numbers := st["numbers"].(map[string]any)
		for _, key := range []string{"start_within", "processing_time", "close_follow_up", "half_place_max_weekdays"} {
			if _, ok := numbers[key]; ok {
				t.Errorf("numbers.%s is listed, but the standard does not state it: %v", key, numbers)
			}
		}
		if unit := st["contact_units"].(map[string]any)["all"].(map[string]any); unit["phone"] != nil || unit["email"] != "social@sparsom.dk" {
			t.Errorf("contact unit %v", unit)
		}
	}
	receipt := strings.Replace(string(testkit.Read(t, "receipt")), "{", `{"standard": "sparsom-sel104-2026-01",`, 1)
	rec := s.post("/v1/validations", []byte(receipt))
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "expected_answer") {
		t.Errorf("a receipt without a processing time: %d %s", rec.Code, rec.Body.String())
	}
}
