package standard

// What a standard may say beyond its numbers, each optional (issue 21): its own eligibility
// criteria, a condition on transport with what it offers instead, and the citizen's duties
// (Lists.CitizenDuties). The § 103 switches are rule switches ("rules").

// Criterion is one of the standard's eligibility criteria: an id that decisions use
// (assessment.criteria) and the standard's own words, which the letter prints.
type Criterion struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// TransportCannotTransportSelf is the transport condition "granted only when the citizen cannot
// transport themselves" (transport.condition).
const TransportCannotTransportSelf = "cannot_transport_self"

// CriterionText is the words of the criterion id, and whether the standard has it.
func (s *Standard) CriterionText(id string) (string, bool) {
	for _, c := range s.Criteria {
		if c.ID == id {
			return c.Text, true
		}
	}
	return "", false
}

// CriteriaLabels are the criteria as codes with their words (for the request's enum).
func (s *Standard) CriteriaLabels() map[string]string {
	if len(s.Criteria) == 0 {
		return nil
	}
	m := make(map[string]string, len(s.Criteria))
	for _, c := range s.Criteria {
		m[c.ID] = c.Text
	}
	return m
}
