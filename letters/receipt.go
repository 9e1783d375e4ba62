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
	addressee
	applied, expected time.Time
}

// ReceiptDates are the dates a receipt states.
type ReceiptDates struct {
	LetterReceived string `json:"letter_received,omitempty"`
	ExpectedAnswer string `json:"expected_answer,omitempty"`
}

var receiptKind = &letterKind[Receipt]{
	name:    KindReceipt,
	prepare: prepareReceipt,
	rules: []rule[Receipt]{
		{code: RuleCPRInvalid, check: func(c *checker, r *Receipt) { checkCPR(c, r.Citizen.CPR) }},
		{code: RuleDatesOrder, check: receiptDatesOrder},
		{code: RuleAddressRequired, check: func(c *checker, r *Receipt) { checkPostalAddress(c, r.Delivery, r.Citizen.Address) }},
	},
	dates: func(r *Receipt) any {
		return ReceiptDates{LetterReceived: isoDate(r.facts.received), ExpectedAnswer: isoDate(r.facts.expected)}
	},
	compose: composeReceipt,
}

// prepareReceipt: an answer is due within the processing time of 8 weeks from the day the
// application was received, moved to the next working day.
func prepareReceipt(std *Standard, r *Receipt) {
	f := &r.facts
	f.addressee = prepareAddressee(std, r.LetterDate, r.Delivery, r.Citizen)
	f.applied = parseDate(r.ApplicationReceivedDate)
	if !f.applied.IsZero() {
		f.expected = workdays.Next(f.applied.AddDate(0, 0, 7*std.ProcessingWeeks))
	}
}

// dates_order: the application is dated after the receipt.
func receiptDatesOrder(c *checker, r *Receipt) {
	checkAfter(c, "application_received_date", "receipt", r.facts.applied, r.facts.date)
}

type receiptView struct {
	Std      *Standard
	Head     Letterhead
	R        *Receipt
	Applied  time.Time
	Expected time.Time
}

func composeReceipt(c *composer, r *Receipt) {
	v := &receiptView{Std: c.std, Head: r.facts.head(c.std, r.Delivery, r.Case, r.Citizen), R: r,
		Applied: r.facts.applied, Expected: r.facts.expected}
	c.data = v
	c.letterhead(v.Head, KindReceipt, r.Case.JournalNumber+"-"+r.ApplicationReceivedDate)
	c.heading(1, "receipt.title")
	c.summary(KindReceipt)
	c.add(paragraphStrong(c.text("receipt.result")))
	c.heading(2, "receipt.next.heading")
	c.paragraphs("receipt.next.text")
	c.heading(2, "receipt.time.heading")
	c.paragraphs("receipt.time.text")
	c.signature(v.Head)
}
