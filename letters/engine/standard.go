package engine

import (
	"encoding/json"
	"fmt"
	"io/fs"
)

// Standard is the municipality's quality standard as numbers and contact units. It is loaded
// from templates/standard.json, the one place where those numbers live.
type Standard struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Approved string `json:"approved"`
	// Issued is when the standard was issued, as the letters name it ("december 2024").
	Issued       string `json:"issued"`
	Municipality struct {
		Name    string   `json:"name"`
		Address []string `json:"address"`
	} `json:"municipality"`
	MinAgeYears             int `json:"min_age_years"`
	AdultUnitAgeYears       int `json:"adult_unit_age_years"`
	StartWithinDays         int `json:"start_within_days"`
	ProcessingWeeks         int `json:"processing_weeks"`
	ComplaintWeeks          int `json:"complaint_weeks"`
	ReassessmentWeeks       int `json:"reassessment_weeks"`
	NewDecisionWeeks        int `json:"new_decision_weeks"`
	MaintainComplaintWeeks  int `json:"maintain_complaint_weeks"`
	ForwardMaintainedDays   int `json:"forward_maintained_days"`
	FirstAssessmentMonths   int `json:"first_assessment_months"`
	CloseFollowUpMonths     int `json:"close_follow_up_months"`
	YearlyFollowUpMonths    int `json:"yearly_follow_up_months"`
	OrdinaryPostWorkingDays int `json:"ordinary_post_working_days"`
	HalfPlaceMaxWeekdays    int `json:"half_place_max_weekdays"`
	// TransportLegalBasis cites the rule under which the municipality pays transport (our
	// reading: serviceloven § 105, stk. 2; to be confirmed by a legal reader).
	TransportLegalBasis string `json:"transport_legal_basis"`
	ContactUnits        struct {
		Adult ContactUnit `json:"adult"`
		Young ContactUnit `json:"young"`
	} `json:"contact_units"`
}

// ContactUnit is the part of the municipality a citizen contacts.
type ContactUnit struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
}

func loadStandard(fsys fs.FS) (*Standard, error) {
	raw, err := fs.ReadFile(fsys, "standard.json")
	if err != nil {
		return nil, err
	}
	var s Standard
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("standard.json: %w", err)
	}
	if s.ID == "" || s.MinAgeYears == 0 || s.StartWithinDays == 0 || s.ComplaintWeeks == 0 {
		return nil, fmt.Errorf("standard.json: id or a required number is missing")
	}
	return &s, nil
}
