package standard_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters/standard"
)

// Shared finds what a pack kept of another municipality's, and nothing between versions of one
// municipality or for a rule switch alone.
func TestShared(t *testing.T) {
	load := func(dir string, change func(m map[string]any)) *standard.Pack {
		m := brønderslev(t)
		m["id"] = dir
		change(m)
		packs, err := standard.LoadAll(packFS(t, dir, m), "packs")
		if err != nil {
			t.Fatal(err)
		}
		return packs[0]
	}
	other := func(m map[string]any) {
		mun := m["municipality"].(map[string]any)
		mun["id"], mun["name"] = "odense", "Odense Kommune"
		m["contact_units"] = map[string]any{"all": map[string]any{"name": "Borgerservice", "phone": "6551 0000"}}
		m["contact_routing"] = []any{map[string]any{"unit": "all"}}
	}
	brs := load("brs", func(m map[string]any) {
		m["municipality"].(map[string]any)["signing_unit"] = "Visitationen"
		m["rules"] = map[string]any{"other_offers_first": true}
	})
	own := load("odense", func(m map[string]any) {
		other(m)
		m["rules"] = map[string]any{"other_offers_first": true}
	})
	if got := standard.Shared(own, brs); got != nil {
		t.Errorf("a rule switch alone: %q", got)
	}
	copied := load("odense-copy", func(m map[string]any) {
		other(m)
		m["municipality"].(map[string]any)["signing_unit"] = "Visitationen"
		m["title"] = "Kvalitetsstandard, Brønderslev Kommune"
		m["rules"] = map[string]any{"other_offers_first": true}
	})
	got := standard.Shared(copied, brs)
	for _, want := range []string{`the signing unit "Visitationen"`, `the name "Brønderslev Kommune" in /title`, "the rule switch other_offers_first"} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	version := load("brs-2027", func(m map[string]any) { m["municipality"].(map[string]any)["signing_unit"] = "Visitationen" })
	if got := standard.Shared(version, brs); got != nil {
		t.Errorf("two versions of one municipality: %q", got)
	}
}

// A copy that kept the other municipality's CVR number is warned of, and a catalog refuses one
// CVR number for two municipalities: the copy would send Digital Post in the other's name.
func TestACopiedCVRIsFound(t *testing.T) {
	brs := brønderslev(t)
	brs["municipality"].(map[string]any)["cvr"] = "11223344"
	odense := brønderslev(t)
	odense["id"], odense["valid_from"] = "odense", "2026-01-01"
	mun := odense["municipality"].(map[string]any)
	mun["id"], mun["name"], mun["cvr"] = "odense", "Odense Kommune", "11223344"
	fsys := packFS(t, id, brs)
	for k, v := range packFS(t, "odense", odense) {
		fsys[k] = v
	}
	packs, err := standard.LoadAll(fsys, "packs")
	if err != nil {
		t.Fatal(err)
	}
	var o, b *standard.Pack
	for _, p := range packs {
		if p.ID == "odense" {
			o = p
		} else {
			b = p
		}
	}
	if got := strings.Join(standard.Shared(o, b), "; "); !strings.Contains(got, "the CVR number 11223344") {
		t.Errorf("the copy warning: %q", got)
	}
	_, err = standard.NewCatalog(packs, "broenderslev")
	if err == nil || !strings.Contains(err.Error(), "packs/odense/standard.json: /municipality/cvr: 11223344 is also the CVR number of Brønderslev Kommune") {
		t.Errorf("one CVR for two municipalities: %v", err)
	}
	mun["cvr"] = "44332211"
	for k, v := range packFS(t, "odense", odense) {
		fsys[k] = v
	}
	if packs, err = standard.LoadAll(fsys, "packs"); err != nil {
		t.Fatal(err)
	}
	if _, err := standard.NewCatalog(packs, "broenderslev"); err != nil {
		t.Errorf("two municipalities, two CVR numbers: %v", err)
	}
}
