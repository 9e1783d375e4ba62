package receipt

import (
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// Name is the kind's name in a request ("kind").
const Name = "receipt"

// Receipt acknowledges an application (LIFECYCLE-LETTERS.md, "kind": "receipt").
type Receipt struct {
	engine.Envelope
	LetterDate              string `json:"letter_date" validate:"required,date"`
	ApplicationReceivedDate string `json:"application_received_date" validate:"required,date"`
	engine.Parties
	AppliedFor string `json:"applied_for" validate:"required"`

	facts receiptFacts
}

type receiptFacts struct {
	engine.Addressee
	applied, expected time.Time
}

// ReceiptDates are the dates a receipt states.
type ReceiptDates struct {
	LetterReceived string `json:"letter_received,omitempty"`
	ExpectedAnswer string `json:"expected_answer,omitempty"`
}

var Kind = &engine.LetterKind[Receipt]{
	Name:      Name,
	DateField: "letter_date",
	Prepare:   prepareReceipt,
	API:       api,
	Rules: []engine.Rule[Receipt]{
		{Code: engine.RuleCPRInvalid, Basis: engine.BasisLaw, Check: func(c *engine.Checker, r *Receipt) { engine.CheckCPR(c, r.Citizen.CPR) }},
		{Code: engine.RuleDatesOrder, Basis: engine.BasisLaw, Check: receiptDatesOrder},
		{Code: engine.RuleAddressRequired, Basis: engine.BasisLaw, Check: func(c *engine.Checker, r *Receipt) { engine.CheckPostalAddress(c, r.Delivery, r.Citizen.Address) }},
	},
	Dates: func(r *Receipt) any {
		return ReceiptDates{LetterReceived: engine.ISODate(r.facts.Received), ExpectedAnswer: engine.ISODate(r.facts.expected)}
	},
	Compose: composeReceipt,
}

// prepareReceipt: an answer is due within the standard's processing time (8 weeks in
// Brønderslev) from the day the application was received, moved to the next working day.
func prepareReceipt(std *engine.Standard, r *Receipt) {
	f := &r.facts
	f.Addressee = engine.PrepareAddressee(std, r.LetterDate, r.Delivery, r.Citizen)
	f.applied = engine.ParseDate(r.ApplicationReceivedDate)
	if !f.applied.IsZero() {
		f.expected = workdays.Next(std.Numbers.ProcessingTime.After(f.applied))
	}
}

// dates_order: the application is dated after the receipt.
func receiptDatesOrder(c *engine.Checker, r *Receipt) {
	engine.CheckAfter(c, "application_received_date", "receipt", r.facts.applied, r.facts.Date)
}

type receiptView struct {
	Std      *engine.Standard
	Head     engine.Letterhead
	R        *Receipt
	Applied  time.Time
	Expected time.Time
}

func composeReceipt(cp *engine.Composer, r *Receipt) {
	v := &receiptView{Std: cp.Std, Head: r.facts.Head(cp.Std, r.Delivery, r.Case, r.Citizen), R: r,
		Applied: r.facts.applied, Expected: r.facts.expected}
	c := cp.With(v)
	c.Letterhead(v.Head, Name, r.Case.JournalNumber+"-"+r.ApplicationReceivedDate)
	c.Heading(1, "receipt.title")
	c.Summary(Name)
	c.Add(engine.ParagraphStrong(c.Text("receipt.result")))
	c.Heading(2, "receipt.next.heading")
	c.Paragraphs("receipt.next.text")
	c.Heading(2, "receipt.time.heading")
	c.Paragraphs("receipt.time.text")
	c.Signature(v.Head)
}
