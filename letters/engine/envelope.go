package engine

// Envelope is what every request carries at its top level to be routed: which kind of letter
// it is and which version of the standard it is checked against. A request type embeds it
// (without a json name), and its fields are the request's own: the strict decoder, the shape
// checks and the printable-text walk follow embedded structs as encoding/json does.
type Envelope struct {
	// Kind is the kind of letter ("decision" when absent).
	Kind string `json:"kind,omitempty"`
	// Standard names the version of the standard to check against (GET /v1/standards); without
	// it, the configured municipality's version in force on the letter's date (decision_date for
	// a decision). The engine reads it before decoding, and only at the top level of a body.
	Standard string `json:"standard,omitempty"`
}

// Parties is to whom a letter goes and how, and the case it belongs to: the decision, the
// receipt and the follow-up letter carry it at their top level; a reassessment's are those of
// the decision inside it.
type Parties struct {
	Delivery string  `json:"delivery" validate:"required,enum=delivery"`
	Case     Case    `json:"case"`
	Citizen  Citizen `json:"citizen"`
}
