package engine

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"

	"github.com/bronderslev/afgorelsesbreve/letters/standard"
	"github.com/go-playground/validator/v10"
)

// Standard is one version of a municipality's quality standard, as its pack gives it, with the
// law's numbers (letters/standard).
type Standard = standard.Standard

// ContactUnit is the part of the municipality a citizen contacts.
type ContactUnit = standard.ContactUnit

// servedStandard is one standard made ready to serve (README, "Words"): the standard, its wording
// (the common templates with the pack's overrides and lists) and a validator whose enums are
// the pack's codes.
type servedStandard struct {
	std      *Standard
	words    *wording
	validate *validator.Validate
	// municipalities are the names of the municipalities of every pack the service serves (each once).
	municipalities []string
}

// serveStandard makes p's standard ready to serve: its wording over common (and the names
// every kind shares), and the codes of the kinds' fields that take the standard's codes (codes)
// named from its lists.
func serveStandard(common fs.FS, names Names, law standard.Law, p *standard.Pack, switches map[string]bool, codes []CodeField) (*servedStandard, error) {
	std := *p.Standard // each served standard its own copy, with the law's numbers
	std.Law = law
	if std.Numbers.MinAgeYears == 0 { // the pack states none: § 104 is a help for adults
		std.Numbers.MinAgeYears = law.AdultAgeYears
	}
	for name := range std.Rules {
		if !switches[name] {
			return nil, &standard.Error{File: p.Dir + "/standard.json", Field: "/rules/" + name, Problem: "no rule has this switch"}
		}
	}
	words, err := loadWording(common, names, p, codes)
	if err != nil {
		return nil, err
	}
	return &servedStandard{std: &std, words: words, validate: newValidator(words.labels)}, nil
}

// loadLaw reads templates/law.json: the time limits the law sets for every municipality.
func loadLaw(fsys fs.FS) (standard.Law, error) {
	var law standard.Law
	raw, err := fs.ReadFile(fsys, "law.json")
	if err != nil {
		return law, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&law); err != nil {
		return law, fmt.Errorf("templates/law.json: %w", err)
	}
	if law.ComplaintWeeks == 0 || law.ReassessmentWeeks == 0 || law.OrdinaryPostWorkingDays == 0 || law.AdultAgeYears == 0 {
		return law, fmt.Errorf("templates/law.json: a time limit is missing")
	}
	return law, nil
}
