package letters

import (
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// Receipt acknowledges an application (LIFECYCLE-LETTERS.md, "kind": "receipt").
type Receipt struct {
	Kind                    string  `json:"kind"`
	LetterDate              string  `json:"letter_date" validate:"required,date"`
	ApplicationReceivedDate string  `json:"application_received_date" validate:"required,date"`
	Delivery                string  `json:"delivery" validate:"required,enum=delivery"`
	Case                    Case    `json:"case"`
	Citizen                 Citizen `json:"citizen"`
	AppliedFor              string  `json:"applied_for" validate:"required"`

	facts receiptFacts
}

type receiptFacts struct {
	Addressee
	applied, expected time.Time
}

// ReceiptDates are the dates a receipt states.
type ReceiptDates struct {
	LetterReceived string `json:"letter_received,omitempty"`
	ExpectedAnswer string `json:"expected_answer,omitempty"`
}

var receiptKind = &LetterKind[Receipt]{
	Name:    KindReceipt,
	Prepare: prepareReceipt,
	Rules: []Rule[Receipt]{
		{Code: RuleCPRInvalid, Check: func(c *Checker, r *Receipt) { CheckCPR(c, r.Citizen.CPR) }},
		{Code: RuleDatesOrder, Check: receiptDatesOrder},
		{Code: RuleAddressRequired, Check: func(c *Checker, r *Receipt) { checkPostalAddress(c, r.Delivery, r.Citizen.Address) }},
	},
	Dates: func(r *Receipt) any {
		return ReceiptDates{LetterReceived: ISODate(r.facts.received), ExpectedAnswer: ISODate(r.facts.expected)}
	},
	Compose: composeReceipt,
}

// prepareReceipt: an answer is due within the processing time of 8 weeks from the day the
// application was received, moved to the next working day.
func prepareReceipt(std *Standard, r *Receipt) {
	f := &r.facts
	f.Addressee = PrepareAddressee(std, r.LetterDate, r.Delivery, r.Citizen)
	f.applied = ParseDate(r.ApplicationReceivedDate)
	if !f.applied.IsZero() {
		f.expected = workdays.Next(f.applied.AddDate(0, 0, 7*std.ProcessingWeeks))
	}
}

// dates_order: the application is dated after the receipt.
func receiptDatesOrder(c *Checker, r *Receipt) {
	CheckAfter(c, "application_received_date", "receipt", r.facts.applied, r.facts.date)
}

type receiptView struct {
	Std      *Standard
	Head     Letterhead
	R        *Receipt
	Applied  time.Time
	Expected time.Time
}

func composeReceipt(c *Composer, r *Receipt) {
	v := &receiptView{Std: c.Std, Head: r.facts.head(c.Std, r.Delivery, r.Case, r.Citizen), R: r,
		Applied: r.facts.applied, Expected: r.facts.expected}
	c.Data = v
	c.Letterhead(v.Head, KindReceipt, r.Case.JournalNumber+"-"+r.ApplicationReceivedDate)
	c.Heading(1, "receipt.title")
	c.Summary(KindReceipt)
	c.Add(ParagraphStrong(c.Text("receipt.result")))
	c.Heading(2, "receipt.next.heading")
	c.Paragraphs("receipt.next.text")
	c.Heading(2, "receipt.time.heading")
	c.Paragraphs("receipt.time.text")
	c.Signature(v.Head)
}
