package standard

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // logos
	_ "image/png"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bronderslev/afgorelsesbreve/standards"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Pack is one standard's folder: standard.json and, optionally, templates/*.tmpl whose
// definitions replace the common templates' of the same name (the common wording stays the
// fallback).
type Pack struct {
	*Standard
	// Dir names the pack's folder in error messages ("standards/broenderslev-sel104-2024-12").
	Dir string
	// Templates is the pack's templates/ folder, nil when it has none.
	Templates fs.FS
	// Digest is the SHA-256 of every file of the pack: two packs with the same id and digest
	// are the same pack.
	Digest [sha256.Size]byte
}

// Error is a fault in a pack: the file, the field (a JSON pointer, "" for the whole file) and
// what is wrong.
type Error struct {
	File, Field, Problem string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return e.File + ": " + e.Problem
	}
	return e.File + ": " + e.Field + ": " + e.Problem
}

// Errors are all the faults found in one check.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

var packSchema = func() *jsonschema.Schema {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(standards.Schema))
	if err != nil {
		panic(err) // the embedded schema is tested
	}
	const url = "https://bronderslev.dk/afgorelsesbreve/pack.schema.json" // its $id
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		panic(err)
	}
	return c.MustCompile(url)
}()

// LoadAll reads every pack in fsys: each folder holding a standard.json. label names fsys in
// error messages ("standards", or the folder given by flag).
func LoadAll(fsys fs.FS, label string) ([]*Pack, error) {
	files, err := fs.Glob(fsys, "*/standard.json")
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, &Error{File: label, Problem: "no packs: no folder holds a standard.json"}
	}
	var packs []*Pack
	var all Errors
	for _, f := range files {
		p, err := Load(fsys, path.Dir(f), label)
		var es Errors
		switch {
		case errors.As(err, &es):
			all = append(all, es...)
		case err != nil:
			return nil, err
		default:
			packs = append(packs, p)
		}
	}
	if len(all) > 0 {
		return nil, all
	}
	return packs, nil
}

// Load reads and checks the pack in folder dir of fsys: the JSON Schema (unknown keys refused,
// numbers in range), then what a schema cannot say (the id is the folder's name, the routing
// ends with a route for everyone and names only units that exist). Every fault is returned, as
// Errors.
func Load(fsys fs.FS, dir, label string) (*Pack, error) {
	file := path.Join(label, dir, "standard.json")
	raw, err := fs.ReadFile(fsys, path.Join(dir, "standard.json"))
	if err != nil {
		return nil, Errors{{File: file, Problem: err.Error()}}
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, Errors{{File: file, Problem: "not valid JSON: " + err.Error()}}
	}
	if err := packSchema.Validate(inst); err != nil {
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			return nil, err
		}
		return nil, schemaErrors(file, ve)
	}
	s := &Standard{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var withSchema struct {
		Schema string `json:"$schema"`
		*Standard
	}
	withSchema.Standard = s
	if err := dec.Decode(&withSchema); err != nil {
		return nil, Errors{{File: file, Problem: err.Error()}}
	}
	var es Errors
	bad := func(field, problem string) { es = append(es, &Error{File: file, Field: field, Problem: problem}) }
	if s.ID != path.Base(dir) {
		bad("/id", fmt.Sprintf("must be the folder's name, %q", path.Base(dir)))
	}
	if s.ValidFrom != "" {
		if s.validFrom, err = time.Parse(time.DateOnly, s.ValidFrom); err != nil {
			bad("/valid_from", "not a date")
		}
	}
	if len(s.ContactUnits) > 0 && len(s.ContactRouting) == 0 {
		bad("/contact_routing", "missing: contact_units needs a routing that picks a unit for every citizen (one unit for everyone: [{\"unit\": \"<key>\"}])")
	}
	for i, r := range s.ContactRouting {
		if _, ok := s.ContactUnits[r.Unit]; !ok {
			bad(fmt.Sprintf("/contact_routing/%d/unit", i), fmt.Sprintf("unit %q is not in contact_units", r.Unit))
		}
	}
	if n := len(s.ContactRouting); n > 0 && !s.ContactRouting[n-1].When.IsZero() {
		bad(fmt.Sprintf("/contact_routing/%d/when", n-1), "the last route must hold for everyone (no \"when\"), so that every citizen gets a unit")
	}
	seenCriteria := map[string]bool{}
	for i, c := range s.Criteria {
		if seenCriteria[c.ID] {
			bad(fmt.Sprintf("/criteria/%d/id", i), fmt.Sprintf("criterion %q is listed twice", c.ID))
		}
		seenCriteria[c.ID] = true
	}
	if l := s.Municipality.Logo; l != nil {
		if problem := readLogo(fsys, path.Join(dir, l.File), l); problem != "" {
			bad("/municipality/logo/file", problem)
		}
	}
	es = append(es, checkNumbers(file, &s.Numbers)...)
	if len(es) > 0 {
		return nil, es
	}
	p := &Pack{Standard: s, Dir: path.Join(label, dir)}
	if p.Digest, err = digest(fsys, dir); err != nil {
		return nil, Errors{{File: p.Dir, Problem: err.Error()}}
	}
	if sub, err := fs.Sub(fsys, path.Join(dir, "templates")); err == nil {
		if files, _ := fs.Glob(sub, "*.tmpl"); len(files) > 0 {
			p.Templates = sub
		}
	}
	return p, nil
}

// digest hashes the names and contents of every file under dir, in walk order (sorted).
func digest(fsys fs.FS, dir string) ([sha256.Size]byte, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		fmt.Fprintf(h, "%s\x00%d\x00", strings.TrimPrefix(name, dir), len(data))
		h.Write(data)
		return err
	})
	var sum [sha256.Size]byte
	copy(sum[:], h.Sum(nil))
	return sum, err
}

// maxLogo is the largest logo file a pack may have.
const maxLogo = 256 << 10

// readLogo reads and checks the logo file; it returns what is wrong, or "".
func readLogo(fsys fs.FS, name string, l *Logo) string {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return "the file cannot be read: " + err.Error()
	}
	if len(data) > maxLogo {
		return fmt.Sprintf("the file has %d bytes; at most %d", len(data), maxLogo)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "not a PNG or JPEG image: " + err.Error()
	}
	if cfg.Width < 16 || cfg.Height < 16 || cfg.Width > 4000 || cfg.Height > 4000 {
		return fmt.Sprintf("the image is %d x %d pixels; between 16 and 4000 each way", cfg.Width, cfg.Height)
	}
	if format == "png" {
		switch cfg.ColorModel { // image/png: RGBAModel is 8-bit colour without alpha
		case color.NRGBAModel, color.NRGBA64Model:
			return "the PNG has transparency (an alpha channel), which PDF/A-1 readers cannot show; save it without"
		case color.RGBA64Model, color.Gray16Model:
			return "the PNG has 16 bits a channel; save it with 8"
		}
		if _, paletted := cfg.ColorModel.(color.Palette); paletted {
			return "the PNG has a palette; save it as 8-bit grey or colour (RGB)"
		}
	}
	l.Data, l.Format, l.Width, l.Height = data, format, cfg.Width, cfg.Height
	return ""
}

// schemaErrors turns the schema's verdict into one Error per fault: the leaves of its tree of
// causes, each with the field's JSON pointer.
func schemaErrors(file string, ve *jsonschema.ValidationError) Errors {
	var es Errors
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if problem := oneOfRequired(e); problem != "" {
			es = append(es, &Error{File: file, Field: "/" + strings.Join(e.InstanceLocation, "/"), Problem: problem})
			return
		}
		if len(e.Causes) == 0 {
			field := ""
			if len(e.InstanceLocation) > 0 {
				field = "/" + strings.Join(e.InstanceLocation, "/")
			}
			es = append(es, &Error{File: file, Field: field, Problem: e.ErrorKind.LocalizedString(english)})
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return es
}

var english = message.NewPrinter(language.English)

// Catalog is the packs a service serves and the municipality whose version in force is used
// when a request names none.
type Catalog struct {
	packs        []*Pack // by municipality, then valid_from
	municipality string
}

// NewCatalog checks that ids are unique and that municipality has a pack.
func NewCatalog(packs []*Pack, municipality string) (*Catalog, error) {
	c := &Catalog{packs: slices.Clone(packs), municipality: municipality}
	slices.SortStableFunc(c.packs, func(a, b *Pack) int {
		if n := strings.Compare(a.Municipality.ID, b.Municipality.ID); n != 0 {
			return n
		}
		return a.validFrom.Compare(b.validFrom)
	})
	seen := map[string]string{}
	var es Errors
	for i, p := range c.packs {
		if d, dup := seen[p.ID]; dup {
			es = append(es, &Error{File: p.Dir, Field: "/id", Problem: "the same id as " + d})
		}
		seen[p.ID] = p.Dir
		if i > 0 && c.packs[i-1].Municipality.ID == p.Municipality.ID && c.packs[i-1].validFrom.Equal(p.validFrom) {
			problem := "the same valid_from as " + c.packs[i-1].Dir + " of the same municipality: which is in force?"
			if p.ValidFrom == "" {
				problem = "no valid_from, as " + c.packs[i-1].Dir + " of the same municipality: only one version may lack it (then it is in force until the next); which is in force?"
			}
			es = append(es, &Error{File: p.Dir, Field: "/valid_from", Problem: problem})
		}
	}
	es = append(es, oneIDPerName(c.packs)...)
	es = append(es, oneMunicipalityPerCVR(c.packs)...)
	if len(es) > 0 {
		return nil, es
	}
	if len(c.For(municipality)) == 0 {
		return nil, &Error{File: "LETTERS_MUNICIPALITY", Problem: fmt.Sprintf("no pack is of municipality %q (served: %s)", municipality, strings.Join(c.Municipalities(), ", "))}
	}
	return c, nil
}

// Packs lists every pack, by municipality and then date.
func (c *Catalog) Packs() []*Pack { return c.packs }

// Municipality is the configured municipality's id.
func (c *Catalog) Municipality() string { return c.municipality }

// Municipalities lists the municipalities' ids, sorted.
func (c *Catalog) Municipalities() []string {
	var ids []string
	for _, p := range c.packs {
		if !slices.Contains(ids, p.Municipality.ID) {
			ids = append(ids, p.Municipality.ID)
		}
	}
	return ids
}

// For lists a municipality's versions, oldest first.
func (c *Catalog) For(municipality string) []*Pack {
	var out []*Pack
	for _, p := range c.packs {
		if p.Municipality.ID == municipality {
			out = append(out, p)
		}
	}
	return out
}

// ByID finds a pack by its id.
func (c *Catalog) ByID(id string) (*Pack, bool) {
	for _, p := range c.packs {
		if p.ID == id {
			return p, true
		}
	}
	return nil, false
}

// InForce is the configured municipality's version in force on date: the newest whose
// valid_from is on or before it. early is true when date comes before every version (the
// oldest is returned) or is zero (the newest is returned: a request without a valid date
// is refused anyway, and its findings are worded by the current version).
func (c *Catalog) InForce(date time.Time) (p *Pack, early bool) {
	return c.InForceOf(c.municipality, date)
}

// InForceOf is InForce for the given municipality; the configured one when it serves no pack
// of that id (a caller checks its ids against Municipalities first).
func (c *Catalog) InForceOf(municipality string, date time.Time) (p *Pack, early bool) {
	versions := c.For(municipality)
	if len(versions) == 0 {
		versions = c.For(c.municipality)
	}
	if date.IsZero() {
		return versions[len(versions)-1], false
	}
	for i := len(versions) - 1; i >= 0; i-- {
		if !versions[i].validFrom.After(date) {
			return versions[i], false
		}
	}
	return versions[0], true
}

// ValidUntil is the last day p is in force: the day before the next version of its
// municipality, or zero while it is the newest.
func (c *Catalog) ValidUntil(p *Pack) time.Time {
	versions := c.For(p.Municipality.ID)
	i := slices.Index(versions, p)
	if i < 0 || i == len(versions)-1 {
		return time.Time{}
	}
	return versions[i+1].validFrom.AddDate(0, 0, -1)
}

// oneOfRequired words an anyOf of required keys (a contact unit's phone or email) as one fault,
// "needs at least one of …", instead of one "missing property" per key that reads as if every
// key were required. "" for any other fault.
func oneOfRequired(e *jsonschema.ValidationError) string {
	if _, ok := e.ErrorKind.(*kind.AnyOf); !ok || len(e.Causes) == 0 {
		return ""
	}
	var keys []string
	for _, c := range e.Causes {
		r, ok := c.ErrorKind.(*kind.Required)
		if !ok || len(c.Causes) > 0 {
			return ""
		}
		for _, k := range r.Missing {
			keys = append(keys, fmt.Sprintf("%q", k))
		}
	}
	return "needs at least one of " + strings.Join(keys, ", ") + " (a way to reach it)"
}

// checkNumbers: a range's min is below its value, and a limit is written either as a range or
// in the standard's own words (text), not both.
func checkNumbers(file string, n *Numbers) Errors {
	var es Errors
	for _, l := range []struct {
		key string
		d   *Duration
	}{{"start_within", n.StartWithin}, {"processing_time", n.ProcessingTime}, {"first_follow_up", n.FirstFollowUp},
		{"follow_up", n.FollowUp}, {"close_follow_up", n.CloseFollowUp}} {
		switch d := l.d; {
		case d == nil:
		case d.Min != 0 && d.Min >= d.Value:
			es = append(es, &Error{File: file, Field: "/numbers/" + l.key + "/min",
				Problem: fmt.Sprintf("a range's min (%d) must be below its value (%d): {\"min\": 3, \"value\": 6} is \"3-6\"", d.Min, d.Value)})
		case d.Min != 0 && d.Text != "":
			es = append(es, &Error{File: file, Field: "/numbers/" + l.key + "/text",
				Problem: "give a range either as min and value or in text, not both"})
		case d.Text != "" && !countWithinWords(*d):
			es = append(es, &Error{File: file, Field: "/numbers/" + l.key,
				Problem: fmt.Sprintf("%d %s can end later than %q: count the shortest the words can mean (\"1½ måned\" is 6 weeks, a month read as 28 days)", d.Value, d.Unit, d.Text)})
		}
	}
	return es
}

// countWithinWords reports whether d's count never ends later than its words (d.Text, of the
// schema's form "1½ måned", "3-6 måneder") can mean: in the same unit, the value is at most the
// words' highest number; otherwise, the count's longest length in days (a month 31 days) is at
// most the words' shortest (a month 28 days). Working days are compared only with working days.
func countWithinWords(d Duration) bool {
	num, word, ok := strings.Cut(d.Text, " ")
	if !ok {
		return false
	}
	if _, hi, isRange := strings.Cut(num, "-"); isRange {
		num = hi
	}
	n, err := strconv.ParseFloat(strings.TrimSuffix(num, "½"), 64)
	if err != nil {
		return false
	}
	if strings.HasSuffix(num, "½") {
		n += 0.5
	}
	unit := UnitWords[word]
	if unit == d.Unit {
		return float64(d.Value) <= n
	}
	shortest := map[string]float64{Days: 1, Weeks: 7, Months: 28}
	longest := map[string]float64{Days: 1, Weeks: 7, Months: 31}
	if shortest[unit] == 0 || longest[d.Unit] == 0 {
		return false // working days against calendar days: no common measure
	}
	return float64(d.Value)*longest[d.Unit] <= n*shortest[unit]
}

// oneIDPerName refuses two municipality ids under one municipality name: a typo in a second
// version's municipality.id would otherwise split one municipality in two, each version in
// force on its own.
func oneIDPerName(packs []*Pack) Errors {
	var es Errors
	first := map[string]*Pack{} // by name, the first pack with it
	for _, p := range packs {
		f, ok := first[p.Municipality.Name]
		switch {
		case !ok:
			first[p.Municipality.Name] = p
		case f.Municipality.ID != p.Municipality.ID:
			es = append(es, &Error{File: p.Dir + "/standard.json", Field: "/municipality/id", Problem: fmt.Sprintf(
				"%q, but %q in %s, also named %q: one municipality has one id in all its versions (a typo in one of them?)",
				p.Municipality.ID, f.Municipality.ID, f.Dir, p.Municipality.Name)})
		}
	}
	return es
}

// oneMunicipalityPerCVR refuses one CVR number for two municipalities: a pack copied from
// another municipality's would otherwise send its Digital Post messages in that one's name.
func oneMunicipalityPerCVR(packs []*Pack) Errors {
	var es Errors
	first := map[string]*Pack{} // by CVR, the first pack with it
	for _, p := range packs {
		cvr := p.Municipality.CVR
		if cvr == "" {
			continue
		}
		f, ok := first[cvr]
		switch {
		case !ok:
			first[cvr] = p
		case f.Municipality.ID != p.Municipality.ID:
			es = append(es, &Error{File: p.Dir + "/standard.json", Field: "/municipality/cvr", Problem: fmt.Sprintf(
				"%s is also the CVR number of %s in %s: a municipality sends its Digital Post messages under its own CVR (copied from that pack?)",
				cvr, f.Municipality.Name, f.Dir)})
		}
	}
	return es
}
