package standard_test

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/standard"
	"github.com/bronderslev/afgorelsesbreve/standards"
	"github.com/bronderslev/afgorelsesbreve/templates"
)

// The units of a time limit are one list (standard.Units, and standard.UnitWords for the
// Danish words a limit's text may use): the pack's schema, the labels the letters print them
// with and Duration.After all hold exactly those.
func TestUnitsAreOneList(t *testing.T) {
	var schema struct {
		Defs map[string]struct {
			Pattern    string `json:"pattern"`
			Properties map[string]struct {
				Enum []string `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(standards.Schema, &schema); err != nil {
		t.Fatal(err)
	}
	units := slices.Sorted(slices.Values(standard.Units))
	if got := slices.Sorted(slices.Values(schema.Defs["limit"].Properties["unit"].Enum)); !slices.Equal(got, units) {
		t.Errorf("pack.schema.json $defs/limit unit enum %v, standard.Units %v", got, units)
	}
	rhythm := schema.Defs["rhythm"].Properties["unit"].Enum
	if len(rhythm) == 0 {
		t.Error("pack.schema.json $defs/rhythm has no unit enum")
	}
	for _, u := range rhythm {
		if !slices.Contains(standard.Units, u) {
			t.Errorf("pack.schema.json $defs/rhythm unit %q is not in standard.Units", u)
		}
	}
	// The words a limit's text may end in: the schema's pattern names exactly UnitWords.
	m := regexp.MustCompile(`\(([a-zæøå|]+)\)\$$`).FindStringSubmatch(schema.Defs["words"].Pattern)
	if m == nil {
		t.Fatalf("pack.schema.json $defs/words pattern %q does not end in a list of words", schema.Defs["words"].Pattern)
	}
	words := slices.Sorted(strings.SplitSeq(m[1], "|"))
	if want := slices.Sorted(maps.Keys(standard.UnitWords)); !slices.Equal(words, want) {
		t.Errorf("pack.schema.json $defs/words names %v, standard.UnitWords %v", words, want)
	}
	// labels.json names every unit in the singular and the plural, and no other; each name is
	// a word of its unit, so a limit's text and its count read alike.
	raw, err := templates.FS.ReadFile("labels.json")
	if err != nil {
		t.Fatal(err)
	}
	var labels struct {
		One  map[string]string `json:"unit_one"`
		Many map[string]string `json:"unit_many"`
	}
	if err := json.Unmarshal(raw, &labels); err != nil {
		t.Fatal(err)
	}
	for cat, names := range map[string]map[string]string{"unit_one": labels.One, "unit_many": labels.Many} {
		if got := slices.Sorted(maps.Keys(names)); !slices.Equal(got, units) {
			t.Errorf("labels.json %s has %v, standard.Units %v", cat, got, units)
		}
		for unit, word := range names {
			if standard.UnitWords[word] != unit {
				t.Errorf("labels.json %s.%s is %q, which standard.UnitWords does not give that unit", cat, unit, word)
			}
		}
	}
	// Every unit counts; one more day than a unit's count is never its end.
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	for _, u := range standard.Units {
		end := (&standard.Duration{Value: 2, Unit: u}).After(from)
		if !end.After(from.AddDate(0, 0, 1)) {
			t.Errorf("2 %s from %s ends %s", u, from.Format(time.DateOnly), end.Format(time.DateOnly))
		}
	}
}

// A unit that is not one of Units is an error, not days: After panics rather than promise a
// date counted in the wrong unit, and a pack with one is refused.
func TestAnUnknownUnitIsAnError(t *testing.T) {
	func() {
		defer func() {
			if recover() == nil {
				t.Error("After counted a time limit in the unit \"fortnights\"")
			}
		}()
		(&standard.Duration{Value: 2, Unit: "fortnights"}).After(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
	}()
	m := brønderslev(t)
	m["numbers"].(map[string]any)["start_within"] = map[string]any{"value": 2, "unit": "fortnights"}
	_, err := standard.Load(packFS(t, id, m), id, "standards")
	if err == nil || !strings.Contains(err.Error(), "/numbers/start_within/unit") {
		t.Errorf("a pack with the unit \"fortnights\": %v", err)
	}
}
