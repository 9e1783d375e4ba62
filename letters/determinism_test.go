package letters_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
)

// The same body always gets the same answer, also when its faults are keys of a map (criteria
// a standard does not have), which Go visits in random order.
func TestTheSameBodyGetsTheSameFindings(t *testing.T) {
	svc := newService(t)
	body := patch(t, testkit.Read(t, "granted"), map[string]any{"assessment.criteria": map[string]any{
		"a": true, "b": true, "c": false, "d": true, "e": false, "f": true, "g": true, "h": false}})
	var first []byte
	for range 30 {
		res, err := svc.Check(body)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(res.Errors)
		if first == nil {
			first = got
			var fields []string
			for _, f := range res.Errors {
				fields = append(fields, f.Field)
			}
			if len(fields) != 8 || !slices.IsSorted(fields) {
				t.Fatalf("the unknown criteria: %v, want eight findings in order", fields)
			}
		} else if string(got) != string(first) {
			t.Fatalf("two checks of one body differ:\n%s\n%s", first, got)
		}
	}
}
