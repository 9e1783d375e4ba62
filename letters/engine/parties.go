package engine

// The parties of every letter (DECISION-API-v1.md): the contract's field names.

// Delivery channels.
const (
	DeliveryDigital  = "digital_post"
	DeliveryPhysical = "physical_post"
)

// Case identifies the case and the caseworker who signs the letter.
type Case struct {
	JournalNumber string     `json:"journal_number" validate:"required"`
	Caseworker    Caseworker `json:"caseworker"`
}

// Caseworker is the person the citizen can contact about the case.
type Caseworker struct {
	Name  string `json:"name" validate:"required"`
	Title string `json:"title"`
	Phone string `json:"phone"`
	Email string `json:"email" validate:"omitempty,email"`
}

// Citizen is the applicant and recipient of the letter.
type Citizen struct {
	Name                   string   `json:"name" validate:"required"`
	CPR                    string   `json:"cpr" validate:"required,cpr"`
	Address                Address  `json:"address"`
	EarlyRetirementPension *bool    `json:"early_retirement_pension" validate:"required"`
	OtherServices          []string `json:"other_services" validate:"dive,required"`
}

// Address is a Danish postal address; required only for ordinary post (rule address_required).
type Address struct {
	CO         string `json:"co"`
	Street     string `json:"street"`
	PostalCode string `json:"postal_code"`
	City       string `json:"city"`
}
