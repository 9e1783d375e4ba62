package standard_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/standard"
	"github.com/bronderslev/afgorelsesbreve/standards"
)

const id = "broenderslev-sel104-2024-12"

// brønderslev is the embedded pack's standard.json as a tree to change.
func brønderslev(t *testing.T) map[string]any {
	raw, err := standards.FS.ReadFile(id + "/standard.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func packFS(t *testing.T, dir string, m map[string]any) fstest.MapFS {
	raw, _ := json.Marshal(m)
	return fstest.MapFS{dir + "/standard.json": {Data: raw}}
}

func TestEmbeddedPackLoads(t *testing.T) {
	packs, err := standard.LoadAll(standards.FS, "standards")
	if err != nil {
		t.Fatal(err)
	}
	if len(packs) != 1 || packs[0].ID != id || packs[0].Templates == nil {
		t.Fatalf("embedded packs: %+v", packs)
	}
	s := packs[0]
	if p := s.Numbers.ProcessingTime; p == nil || *p != (standard.Duration{Value: 8, Unit: standard.Weeks}) || s.ValidFromDate().IsZero() {
		t.Errorf("numbers not read: %+v, valid from %v", s.Numbers, s.ValidFromDate())
	}
}

// A bad pack is refused with the file and the field named, every fault at once.
func TestBadPacksAreRefusedNamingFileAndField(t *testing.T) {
	cases := []struct {
		name   string
		change func(m map[string]any)
		field  string
	}{
		{"unknown key", func(m map[string]any) { m["processing_weeks"] = 8 }, ""},
		{"unknown key inside", func(m map[string]any) { m["numbers"].(map[string]any)["start_within_days"] = 14 }, "/numbers"},
		{"number out of range", func(m map[string]any) {
			m["numbers"].(map[string]any)["start_within"] = map[string]any{"value": 0, "unit": "days"}
		}, "/numbers/start_within/value"},
		{"unknown unit", func(m map[string]any) {
			m["numbers"].(map[string]any)["processing_time"] = map[string]any{"value": 8, "unit": "fortnights"}
		}, "/numbers/processing_time/unit"},
		{"under 18", func(m map[string]any) { m["numbers"].(map[string]any)["min_age_years"] = 16 }, "/numbers/min_age_years"},
		{"missing field", func(m map[string]any) { delete(m, "municipality") }, ""},
		{"not a date", func(m map[string]any) { m["valid_from"] = "11-12-2024" }, "/valid_from"},
		{"impossible date", func(m map[string]any) { m["valid_from"] = "2025-02-30" }, "/valid_from"},
		{"id not the folder", func(m map[string]any) { m["id"] = "broenderslev-2024" }, "/id"},
		{"routing to a unit that does not exist", func(m map[string]any) {
			m["contact_routing"].([]any)[0].(map[string]any)["unit"] = "adults"
		}, "/contact_routing/0/unit"},
		{"routing that leaves someone out", func(m map[string]any) {
			r := m["contact_routing"].([]any)
			m["contact_routing"] = r[:2]
		}, "/contact_routing/1/when"},
		{"unknown rule switch", func(m map[string]any) { m["rules"] = map[string]any{"other_offer_first": true} }, "/rules"},
		{"transport policy not known", func(m map[string]any) { m["transport"].(map[string]any)["paid_by"] = "citizen" }, "/transport/paid_by"},
		{"a fraction of a unit", func(m map[string]any) {
			m["numbers"].(map[string]any)["processing_time"] = map[string]any{"value": 1.5, "unit": "months"}
		}, "/numbers/processing_time/value"},
		{"a range upside down", func(m map[string]any) {
			m["numbers"].(map[string]any)["processing_time"] = map[string]any{"min": 6, "value": 6, "unit": "months"}
		}, "/numbers/processing_time/min"},
		{"a range in numbers and words", func(m map[string]any) {
			m["numbers"].(map[string]any)["processing_time"] = map[string]any{"min": 3, "value": 6, "unit": "months", "text": "3-6 måneder"}
		}, "/numbers/processing_time/text"},
		{"words that are not a limit", func(m map[string]any) {
			m["numbers"].(map[string]any)["processing_time"] = map[string]any{"value": 6, "unit": "weeks", "text": "hurtigst muligt"}
		}, "/numbers/processing_time/text"},
		{"a count later than its words", func(m map[string]any) {
			m["numbers"].(map[string]any)["processing_time"] = map[string]any{"value": 45, "unit": "days", "text": "1½ måned"}
		}, "/numbers/processing_time"},
		{"a count later than its words, same unit", func(m map[string]any) {
			m["numbers"].(map[string]any)["processing_time"] = map[string]any{"value": 2, "unit": "months", "text": "1½ måned"}
		}, "/numbers/processing_time"},
		{"working days against weeks", func(m map[string]any) {
			m["numbers"].(map[string]any)["processing_time"] = map[string]any{"value": 30, "unit": "working_days", "text": "6 uger"}
		}, "/numbers/processing_time"},
		{"a unit no one can reach", func(m map[string]any) {
			m["contact_units"].(map[string]any)["adults"] = map[string]any{"name": "Visitationen", "hours": "mandag-fredag kl. 9-12"}
		}, "/contact_units/adults"},
		{"an e-mail that is not one", func(m map[string]any) {
			m["contact_units"].(map[string]any)["adults"] = map[string]any{"name": "Visitationen", "email": "visitationen"}
		}, "/contact_units/adults/email"},
		// What a pack may add as data (issue 21).
		{"a criterion listed twice", func(m map[string]any) {
			c := map[string]any{"id": "motivation", "text": "Du er motiveret."}
			m["criteria"] = []any{c, map[string]any{"id": "aim", "text": "Et pædagogisk sigte."}, c}
		}, "/criteria/2/id"},
		{"a criterion without words", func(m map[string]any) { m["criteria"] = []any{map[string]any{"id": "aim", "text": ""}} }, "/criteria/0/text"},
		{"a criterion id a request cannot write", func(m map[string]any) { m["criteria"] = []any{map[string]any{"id": "Aim 1", "text": "x"}} }, "/criteria/0/id"},
		{"a transport condition not known", func(m map[string]any) { m["transport"].(map[string]any)["condition"] = "far_away" }, "/transport/condition"},
		{"a § 103 switch misspelt", func(m map[string]any) { m["rules"] = map[string]any{"combine_with_103s": true} }, "/rules"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := brønderslev(t)
			c.change(m)
			_, err := standard.LoadAll(packFS(t, id, m), "packs")
			var es standard.Errors
			if !errors.As(err, &es) {
				t.Fatalf("accepted, or not a pack error: %v", err)
			}
			found := false
			for _, e := range es {
				if e.File == "packs/"+id+"/standard.json" && e.Field == c.field {
					found = true
				}
			}
			if !found {
				t.Errorf("no fault at %s %q: %v", "packs/"+id+"/standard.json", c.field, err)
			}
		})
	}
}

func TestCatalogPicksTheVersionInForce(t *testing.T) {
	old, nu := brønderslev(t), brønderslev(t)
	nu["id"], nu["valid_from"] = "broenderslev-2027", "2027-01-01"
	fsys := packFS(t, id, old)
	for k, v := range packFS(t, "broenderslev-2027", nu) {
		fsys[k] = v
	}
	packs, err := standard.LoadAll(fsys, "packs")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := standard.NewCatalog(packs, "broenderslev")
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, c := range []struct {
		date, want string
		early      bool
	}{
		{"2024-12-10", id, true},
		{"2024-12-11", id, false},
		{"2026-12-31", id, false},
		{"2027-01-01", "broenderslev-2027", false},
		{"", "broenderslev-2027", false},
	} {
		p, early := cat.InForce(day(c.date))
		if p.ID != c.want || early != c.early {
			t.Errorf("%s: %s (early %v), want %s (early %v)", c.date, p.ID, early, c.want, c.early)
		}
	}
	p2024, _ := cat.ByID(id)
	if got := cat.ValidUntil(p2024).Format(time.DateOnly); got != "2026-12-31" {
		t.Errorf("the 2024 version is valid until %s", got)
	}
	if _, err := standard.NewCatalog(packs, "odense"); err == nil || !strings.Contains(err.Error(), "odense") {
		t.Errorf("a municipality without packs: %v", err)
	}
	same := brønderslev(t)
	same["id"] = "broenderslev-copy"
	twins, _ := standard.LoadAll(fstest.MapFS{id + "/standard.json": fsys[id+"/standard.json"], "broenderslev-copy/standard.json": packFS(t, "x", same)["x/standard.json"]}, "packs")
	if _, err := standard.NewCatalog(twins, "broenderslev"); err == nil || !strings.Contains(err.Error(), "/valid_from") {
		t.Errorf("two versions from the same day: %v", err)
	}
}

// Routing reads the pack's ordered conditions.
func TestUnitFor(t *testing.T) {
	packs, _ := standard.LoadAll(standards.FS, "standards")
	s := packs[0]
	for _, c := range []struct {
		age            int
		known, pension bool
		want           string
	}{
		{29, true, false, "UngeCenter Brønderslev"},
		{30, true, false, "Visitationen – Det Specialiserede Område"},
		{20, true, true, "Visitationen – Det Specialiserede Område"},
		{40, false, false, "UngeCenter Brønderslev"}, // age unknown: no age condition holds
	} {
		if got := s.UnitFor(c.age, c.known, c.pension).Name; got != c.want {
			t.Errorf("%+v: %s", c, got)
		}
	}
}

func TestDurationAfter(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, c := range []struct {
		d    standard.Duration
		from string
		want string
	}{
		{standard.Duration{Value: 14, Unit: standard.Days}, "2026-11-20", "2026-12-04"},
		{standard.Duration{Value: 8, Unit: standard.Weeks}, "2026-10-02", "2026-11-27"},
		{standard.Duration{Value: 3, Unit: standard.Months}, "2026-11-30", "2027-02-28"},
		{standard.Duration{Value: 5, Unit: standard.WorkingDays}, "2026-12-23", "2027-01-05"}, // 24-26 and 31 December and 1 January are not working days
	} {
		if got := c.d.After(day(c.from)).Format(time.DateOnly); got != c.want {
			t.Errorf("%+v after %s: %s, want %s", c.d, c.from, got, c.want)
		}
	}
}

// A logo must be there, small, and a PNG that PDF/A-1 readers show (no alpha, 8 bits) or a JPEG.
func TestLogoIsChecked(t *testing.T) {
	pngOf := func(img image.Image) []byte {
		var b bytes.Buffer
		png.Encode(&b, img)
		return b.Bytes()
	}
	rgb := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for i := range rgb.Pix {
		rgb.Pix[i] = 0xff // opaque: png.Encode writes 8-bit RGB without alpha
	}
	alpha := image.NewNRGBA(image.Rect(0, 0, 40, 20)) // transparent
	for _, c := range []struct {
		name    string
		file    []byte
		problem string
	}{
		{"an RGB PNG", pngOf(rgb), ""},
		{"a PNG with transparency", pngOf(alpha), "transparency"},
		{"no image", []byte("not an image"), "not a PNG or JPEG"},
		{"too large", append(pngOf(rgb), make([]byte, 300<<10)...), "at most"},
		{"missing", nil, "cannot be read"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := brønderslev(t)
			m["municipality"].(map[string]any)["logo"] = map[string]any{"file": "logo.png", "alt": "Brønderslev Kommunes logo"}
			fsys := packFS(t, id, m)
			if c.file != nil {
				fsys[id+"/logo.png"] = &fstest.MapFile{Data: c.file}
			}
			packs, err := standard.LoadAll(fsys, "packs")
			if c.problem == "" {
				if err != nil || packs[0].Municipality.Logo.Width != 40 || packs[0].Municipality.Logo.Format != "png" {
					t.Fatalf("a good logo: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "/municipality/logo/file") || !strings.Contains(err.Error(), c.problem) {
				t.Errorf("%v, want a fault at /municipality/logo/file saying %q", err, c.problem)
			}
		})
	}
}

// Two municipality ids under one municipality name are refused: a typo in a second version's
// municipality.id would split one municipality in two, each version in force on its own.
func TestCatalogRefusesTwoIDsForOneName(t *testing.T) {
	typo := brønderslev(t)
	typo["id"], typo["valid_from"] = "broenderslev-2027", "2027-01-01"
	typo["municipality"].(map[string]any)["id"] = "broenderslv"
	fsys := packFS(t, id, brønderslev(t))
	for k, v := range packFS(t, "broenderslev-2027", typo) {
		fsys[k] = v
	}
	packs, err := standard.LoadAll(fsys, "packs")
	if err != nil {
		t.Fatal(err)
	}
	_, err = standard.NewCatalog(packs, "broenderslev")
	want := `packs/broenderslev-2027/standard.json: /municipality/id: "broenderslv", but "broenderslev" in packs/` + id + `, also named "Brønderslev Kommune"`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("two ids for one name: %v, want %q", err, want)
	}
	// Another name under the other id is another municipality.
	typo["municipality"].(map[string]any)["name"] = "Brønderslev Kommune (test)"
	for k, v := range packFS(t, "broenderslev-2027", typo) {
		fsys[k] = v
	}
	if packs, err = standard.LoadAll(fsys, "packs"); err != nil {
		t.Fatal(err)
	}
	if _, err := standard.NewCatalog(packs, "broenderslev"); err != nil {
		t.Errorf("two municipalities with two names: %v", err)
	}
}

// A unit without a phone or an e-mail is refused in one sentence that names both ways, not as
// two "missing property" faults that read as if both were required.
func TestContactUnitNeedsAWayToReachIt(t *testing.T) {
	m := brønderslev(t)
	units := m["contact_units"].(map[string]any)
	for key := range units {
		units[key] = map[string]any{"name": "Visitationen", "hours": "mandag-fredag kl. 9-12"}
		break
	}
	_, err := standard.LoadAll(packFS(t, id, m), "packs")
	var es standard.Errors
	if !errors.As(err, &es) || len(es) != 1 || !strings.Contains(es[0].Problem, `needs at least one of "phone", "email"`) {
		t.Fatalf("a unit with hours only: %v", err)
	}
}

// Only the minimum age is required: a pack without any other number loads, and the numbers it
// leaves out are nil; a range and the standard's words are read as written.
func TestNumbersAStandardDoesNotStateAreOptional(t *testing.T) {
	m := brønderslev(t)
	// Words the count never ends after: a month and a half in 6 weeks, 3-6 months in 6 months,
	// 2 weeks in 14 days, 40 working days in 40.
	for _, ok := range []map[string]any{{"value": 6, "unit": "months", "text": "3-6 måneder"}, {"value": 14, "unit": "days", "text": "2 uger"},
		{"value": 40, "unit": "working_days", "text": "40 hverdage"}, {"value": 1, "unit": "months", "text": "1½ måned"}} {
		m := brønderslev(t)
		m["numbers"].(map[string]any)["processing_time"] = ok
		if _, err := standard.LoadAll(packFS(t, id, m), "packs"); err != nil {
			t.Errorf("%v: %v", ok, err)
		}
	}
	m["numbers"] = map[string]any{"min_age_years": 18, "processing_time": map[string]any{"value": 6, "unit": "weeks", "text": "1½ måned"},
		"first_follow_up": map[string]any{"min": 3, "value": 6, "unit": "months"}}
	m["contact_units"] = map[string]any{"all": map[string]any{"name": "Socialafdelingen", "email": "social@eksempel.dk", "hours": "alle dage kl. 8.30-9.30"}}
	m["contact_routing"] = []any{map[string]any{"unit": "all"}}
	packs, err := standard.LoadAll(packFS(t, id, m), "packs")
	if err != nil {
		t.Fatal(err)
	}
	n := packs[0].Numbers
	if n.StartWithin != nil || n.FollowUp != nil || n.CloseFollowUp != nil || n.HalfPlaceMaxWeekdays != 0 {
		t.Errorf("numbers the pack leaves out: %+v", n)
	}
	if *n.ProcessingTime != (standard.Duration{Value: 6, Unit: standard.Weeks, Text: "1½ måned"}) ||
		*n.FirstFollowUp != (standard.Duration{Min: 3, Value: 6, Unit: standard.Months}) {
		t.Errorf("read as %+v and %+v", *n.ProcessingTime, *n.FirstFollowUp)
	}
	if u := packs[0].ContactUnits["all"]; u.Phone != "" || u.Email != "social@eksempel.dk" || u.Hours == "" {
		t.Errorf("unit read as %+v", u)
	}
	day := time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)
	if got := n.FirstFollowUp.After(day); !got.Equal(time.Date(2026, 7, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("a range counts from its value: %v", got)
	}
	if got := n.StartWithin.After(day); !got.IsZero() {
		t.Errorf("a limit the standard does not state ends at %v, want no date", got)
	}
}

// A pack may leave out everything but its name, title, approval, municipality and numbers; a
// contact unit without routing is refused (who would get it?).
func TestAMinimalPackLoads(t *testing.T) {
	min := map[string]any{
		"id": "mini-sel104-x", "title": "T", "approved": "Ikke set", "partial": "a test",
		"municipality": map[string]any{"id": "mini", "name": "Mini Kommune"},
		"numbers":      map[string]any{},
	}
	if _, err := standard.Load(packFS(t, "mini-sel104-x", min), "mini-sel104-x", "x"); err != nil {
		t.Fatalf("a minimal pack: %v", err)
	}
	min["contact_units"] = map[string]any{"a": map[string]any{"name": "A", "phone": "1234 5678"}}
	_, err := standard.Load(packFS(t, "mini-sel104-x", min), "mini-sel104-x", "x")
	if err == nil || !strings.Contains(err.Error(), "/contact_routing: missing") {
		t.Errorf("contact units without routing: %v", err)
	}
}

// A version without valid_from is in force for every date until its municipality's next
// version; two without are refused.
func TestAVersionWithoutValidFrom(t *testing.T) {
	load := func(dir, validFrom string) *standard.Pack {
		m := map[string]any{"id": dir, "title": "T", "approved": "Ikke set",
			"municipality": map[string]any{"id": "mini", "name": "Mini Kommune"}, "numbers": map[string]any{}}
		if validFrom != "" {
			m["valid_from"] = validFrom
		}
		p, err := standard.Load(packFS(t, dir, m), dir, "x")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	undated, dated := load("mini-a", ""), load("mini-b", "2026-01-01")
	c, err := standard.NewCatalog([]*standard.Pack{dated, undated}, "mini")
	if err != nil {
		t.Fatal(err)
	}
	for date, want := range map[string]string{"1990-01-01": "mini-a", "2025-12-31": "mini-a", "2026-01-01": "mini-b"} {
		d, _ := time.Parse(time.DateOnly, date)
		if p, early := c.InForce(d); p.ID != want || early {
			t.Errorf("%s: %s (early %v), want %s", date, p.ID, early, want)
		}
	}
	if until := c.ValidUntil(undated); until.Format(time.DateOnly) != "2025-12-31" {
		t.Errorf("the undated version ends %v", until)
	}
	_, err = standard.NewCatalog([]*standard.Pack{undated, load("mini-c", "")}, "mini")
	if err == nil || !strings.Contains(err.Error(), "only one version may lack it") {
		t.Errorf("two undated versions: %v", err)
	}
}
