// Package standard owns the standard pack: one municipality's quality standard for serviceloven
// § 104 in one version, as data (numbers with units, contact routing, transport policy, lists,
// letterhead, switched-on rules and wording overrides), how a pack is read and checked, and
// which pack is in force on a date.
package standard

import (
	"time"
)

// Standard is what a pack's standard.json says, plus the law's numbers every municipality
// shares (Law, from templates/law.json). Templates see it as .Std.
type Standard struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Partial, when set, says the pack was written from a partial reading of the standard (what
	// was seen, in words): a part it leaves out may be one that was not seen. No letter prints it;
	// standards check names it.
	Partial  string `json:"partial,omitempty"`
	Approved string `json:"approved"`
	// Issued is when the standard was issued, as the letters name it ("december 2024"); "" when
	// not known (the letters then name the standard without a date).
	Issued string `json:"issued,omitempty"`
	// ValidFrom is the first decision date the version applies to (YYYY-MM-DD); "" when not
	// known: the version is then in force for every date until its municipality's next version.
	ValidFrom    string       `json:"valid_from,omitempty"`
	Municipality Municipality `json:"municipality"`
	Numbers      Numbers      `json:"numbers"`
	// ContactUnits are the units a citizen may be sent to, by key; ContactRouting picks one.
	// Both are empty when the standard names no unit with a way to reach it: the letters then
	// name only the caseworker.
	ContactUnits   map[string]ContactUnit `json:"contact_units,omitempty"`
	ContactRouting []Route                `json:"contact_routing,omitempty"`
	// Transport is the standard's transport policy; each part may be missing (zero: the
	// letters say nothing of who pays or arranges transport, or what rule it rests on).
	Transport Transport `json:"transport,omitzero"`
	// Rules switches on the rules only some municipalities have (by name; see Switches).
	Rules map[string]bool `json:"rules,omitempty"`
	Lists Lists           `json:"lists,omitzero"`
	// Criteria are the standard's own eligibility criteria, in its words (optional; see
	// criteria.go): a decision then assesses each.
	Criteria []Criterion `json:"criteria,omitempty"`

	Law `json:"-"`

	validFrom time.Time
}

// Municipality is the sender of the letters.
type Municipality struct {
	// ID names the municipality across versions ("broenderslev"): the versions of one
	// municipality share it, and LETTERS_MUNICIPALITY picks it.
	ID   string `json:"id"`
	Name string `json:"name"`
	// Address is the municipality's postal address; empty when not known: the letterhead and
	// the return line then carry only the name.
	Address []string `json:"address,omitempty"`
	// CVR is the municipality's CVR number (8 digits): the sender of its Digital Post messages
	// (letters/memo). Optional; without it POST /v1/messages is refused.
	CVR string `json:"cvr,omitempty"`
	// SigningUnit, when set, signs every letter under the caseworker's name; otherwise the
	// citizen's contact unit does.
	SigningUnit string `json:"signing_unit,omitempty"`
	// Logo, when set, heads every letter: an image file of the pack and the words a screen
	// reader says for it.
	Logo *Logo `json:"logo,omitempty"`
}

// Logo is the municipality's logo: a PNG (8-bit grey or colour, without transparency) or JPEG
// in the pack's folder.
type Logo struct {
	File string `json:"file"`
	Alt  string `json:"alt"`
	// Data is the file's content, Format "png" or "jpeg", and Width and Height its size in
	// pixels, read by Load.
	Data          []byte `json:"-"`
	Format        string `json:"-"`
	Width, Height int    `json:"-"`
}

// Numbers are the standard's limits. Each time limit has its unit. A limit the standard does
// not state is nil (HalfPlaceMaxWeekdays 0), and then no rule checks it and no letter promises
// it (README, "Standards as data"). MinAgeYears is always there when served: a pack that does
// not state it gets the law's age of majority (templates/law.json adult_age_years), as § 104 is
// a help for adults.
type Numbers struct {
	MinAgeYears          int       `json:"min_age_years,omitempty"`
	HalfPlaceMaxWeekdays int       `json:"half_place_max_weekdays,omitempty"`
	StartWithin          *Duration `json:"start_within,omitempty"`
	ProcessingTime       *Duration `json:"processing_time,omitempty"`
	FirstFollowUp        *Duration `json:"first_follow_up,omitempty"`
	FollowUp             *Duration `json:"follow_up,omitempty"`
	CloseFollowUp        *Duration `json:"close_follow_up,omitempty"`
}

// ContactUnit is the part of the municipality a citizen contacts: a phone number, an e-mail
// address or both (Load demands one), and the hours it answers, as the standard words them.
type ContactUnit struct {
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
	Hours string `json:"hours,omitempty"`
	// Key is the unit's key in contact_units, set by UnitFor: the contact point a Digital Post
	// message names.
	Key string `json:"-"`
}

// Route is one step of the contact routing: the first route whose conditions all hold names
// the citizen's unit. A route without conditions holds for everyone.
type Route struct {
	When Conditions `json:"when,omitzero"`
	Unit string     `json:"unit"`
}

// Conditions of a route; an unset condition always holds.
type Conditions struct {
	EarlyRetirementPension *bool `json:"early_retirement_pension,omitempty"`
	AgeAtLeast             *int  `json:"age_at_least,omitempty"`
	AgeBelow               *int  `json:"age_below,omitempty"`
}

// Transport is who pays for and who arranges transport to the offer, and the rule it is
// granted under.
type Transport struct {
	PaidBy     string `json:"paid_by,omitempty"`     // "municipality", "offer" or "" (not stated)
	ArrangedBy string `json:"arranged_by,omitempty"` // "municipality", "offer" or "" (not stated)
	LegalBasis string `json:"legal_basis,omitempty"`
	// Condition, when set, is the condition transport is granted on (TransportCannotTransportSelf),
	// and Otherwise what the standard offers instead, in its words (optional; see criteria.go).
	Condition string `json:"condition,omitempty"`
	Otherwise string `json:"otherwise,omitempty"`
}

// Lists are the standard's lists: the codes a request may use for activities and development
// courses with their Danish labels, and the sentences of what is not included and what the
// citizen pays for.
type Lists struct {
	// Each list may be missing (a standard that lists nothing, or a part not seen): then a
	// request may use no code of it, and a letter leaves its section out.
	Activities         map[string]string `json:"activities,omitempty"`
	DevelopmentCourses map[string]string `json:"development_courses,omitempty"`
	NotIncluded        []string          `json:"not_included,omitempty"`
	CitizenPays        []string          `json:"citizen_pays,omitempty"`
	// CitizenDuties are what the standard expects of the citizen (optional), printed under
	// their own heading in a grant.
	CitizenDuties []string `json:"citizen_duties,omitempty"`
}

// Law holds the time limits the law sets for every municipality (retssikkerhedsloven §§ 66-67,
// forvaltningsloven, the post's delivery): templates/law.json, not a pack.
type Law struct {
	ComplaintWeeks          int `json:"complaint_weeks"`
	ReassessmentWeeks       int `json:"reassessment_weeks"`
	NewDecisionWeeks        int `json:"new_decision_weeks"`
	MaintainComplaintWeeks  int `json:"maintain_complaint_weeks"`
	ForwardMaintainedDays   int `json:"forward_maintained_days"`
	OrdinaryPostWorkingDays int `json:"ordinary_post_working_days"`
	// AdultAgeYears is the age of majority (myndighedsalderen): § 104 is a help for adults, so
	// a pack that states no minimum age is read with this one.
	AdultAgeYears int `json:"adult_age_years"`
}

// ValidFromDate is ValidFrom as a date.
func (s *Standard) ValidFromDate() time.Time { return s.validFrom }

// On reports whether the rule switch name is on in this standard.
func (s *Standard) On(name string) bool { return s.Rules[name] }

// UnitFor is the unit a citizen contacts: the first route whose conditions hold. ageKnown is
// false when the CPR number or the date is not valid; an age condition then does not hold.
func (s *Standard) UnitFor(age int, ageKnown, pension bool) ContactUnit {
	for _, r := range s.ContactRouting {
		if r.When.holds(age, ageKnown, pension) {
			u := s.ContactUnits[r.Unit]
			u.Key = r.Unit
			return u
		}
	}
	return ContactUnit{} // a pack without contact units: the letters name only the caseworker
}

func (c Conditions) holds(age int, ageKnown, pension bool) bool {
	if c.EarlyRetirementPension != nil && *c.EarlyRetirementPension != pension {
		return false
	}
	if c.AgeAtLeast != nil && (!ageKnown || age < *c.AgeAtLeast) {
		return false
	}
	if c.AgeBelow != nil && (!ageKnown || age >= *c.AgeBelow) {
		return false
	}
	return true
}

// IsZero reports whether no condition is set.
func (c Conditions) IsZero() bool {
	return c.EarlyRetirementPension == nil && c.AgeAtLeast == nil && c.AgeBelow == nil
}
