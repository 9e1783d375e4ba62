package letters

import (
	"regexp"
	"strings"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// composer builds one document from templates. The composition functions of the kinds decide
// what goes in and in which order; every sentence comes from templates/.
type composer struct {
	words *wording
	std   *Standard
	doc   *document.Document
	data  any
	err   error
	// shift moves headings down, for a letter inside a letter (a reassessment's new decision).
	shift int
}

// Letterhead is what every letter states about its sender, recipient and case; templates see
// it as .Head.
type Letterhead struct {
	Date      time.Time
	Delivery  string
	Received  time.Time
	Case      Case
	Citizen   Citizen
	MaskedCPR string
	Unit      ContactUnit
}

// contactUnit: aged 30 or over, or granted early-retirement pension, contacts Visitationen;
// younger citizens without pension contact UngeCenter.
func contactUnit(std *Standard, age int, ageKnown, pension bool) ContactUnit {
	if pension || (ageKnown && age >= std.AdultUnitAgeYears) {
		return std.ContactUnits.Adult
	}
	return std.ContactUnits.Young
}

// text runs one template with the current data.
func (c *composer) text(name string) string { return c.textWith(name, c.data) }

func (c *composer) textWith(name string, data any) string {
	if c.err != nil {
		return ""
	}
	s, err := c.words.exec(c.words.letters, name, data)
	if err != nil {
		c.err = err
	}
	return s
}

func (c *composer) add(b ...document.Block) { c.doc.Body = append(c.doc.Body, b...) }

func (c *composer) heading(level int, name string) { c.headingText(level, c.text(name)) }

func (c *composer) headingText(level int, text string) {
	c.add(document.Heading{Level: min(level+c.shift, 4), Text: text})
}

func paragraphStrong(text string) document.Paragraph {
	return document.Paragraph{Text: text, Strong: true}
}

// paragraphs adds one paragraph per paragraph of the template's output.
func (c *composer) paragraphs(name string) {
	for _, p := range strings.Split(c.text(name), paragraphBreak) {
		if p != "" {
			c.add(document.Paragraph{Text: p})
		}
	}
}

// summary adds "Kort fortalt": a box titled short.title whose lines are the paragraphs of the
// kind's "<kind>.short", the few sentences in easy Danish that open the letter.
func (c *composer) summary(kind string) {
	n := document.Notice{Title: c.text("short.title")}
	for _, p := range strings.Split(c.text(kind+".short"), paragraphBreak) {
		if p = strings.TrimSpace(p); p != "" {
			n.Lines = append(n.Lines, p)
		}
	}
	c.add(n)
}

// list adds a list whose items are the paragraphs of the template's output.
func (c *composer) list(name string) {
	c.add(document.List{Items: strings.Split(c.text(name), paragraphBreak)})
}

// field is a labelled value whose label is a template.
func (c *composer) field(label, value string) document.Field {
	return document.Field{Label: c.text(label), Value: value}
}

// letterhead fills the sender, recipient, details and metadata shared by every kind. kind
// names the templates "<kind>.title", "<kind>.subject" and "<kind>.filename".
func (c *composer) letterhead(h Letterhead, kind, id string) {
	d := c.doc
	d.Meta = document.Meta{
		Title: c.text(kind + ".title"), Subject: c.text(kind + ".subject"), Author: c.std.Municipality.Name,
		Language: "da", Created: h.Date, ID: id, PageLabel: c.text("page_label"),
		FileName: safeFileName(c.text(kind+".filename") + "-" + id),
	}
	d.Sender = document.Sender{
		Organisation: c.std.Municipality.Name,
		Unit:         h.Unit.Name,
		Lines:        append(append([]string{}, c.std.Municipality.Address...), c.text("head.phone")+" "+h.Unit.Phone),
		ReturnLine:   c.text("head.return_line"),
	}
	a := h.Citizen.Address
	lines := []string{h.Citizen.Name}
	if !blank(a.CO) {
		lines = append(lines, c.textWith("head.co", a.CO))
	}
	if !blank(a.Street) {
		lines = append(lines, a.Street)
	}
	if !blank(a.PostalCode) || !blank(a.City) {
		lines = append(lines, strings.TrimSpace(a.PostalCode+" "+a.City))
	}
	d.Recipient = document.Recipient{Lines: lines, Window: h.Delivery == DeliveryPhysical}
	d.Details = []document.Field{
		c.field("head.date", c.words.date(h.Date)),
		c.field("head.journal", h.Case.JournalNumber),
	}
	if h.MaskedCPR != "" {
		d.Details = append(d.Details, c.field("head.cpr", h.MaskedCPR))
	}
	cw := h.Case.Caseworker
	d.Details = append(d.Details, c.field("head.caseworker", strings.TrimSpace(cw.Name)))
	if cw.Phone != "" {
		d.Details = append(d.Details, c.field("head.phone", cw.Phone))
	}
	if cw.Email != "" {
		d.Details = append(d.Details, c.field("head.email", cw.Email))
	}
}

// signature closes the letter with the contact section and the caseworker's name.
func (c *composer) signature(h Letterhead) {
	c.heading(2, "contact.heading")
	c.paragraphs("contact.text")
	lines := []string{c.text("closing"), "", h.Case.Caseworker.Name}
	if h.Case.Caseworker.Title != "" {
		lines = append(lines, h.Case.Caseworker.Title)
	}
	lines = append(lines, h.Unit.Name)
	c.add(document.Paragraph{Text: strings.Join(lines, "\n"), KeepWithPrevious: true})
}

// law quotes § 104.
func (c *composer) law() {
	c.heading(2, "law.heading")
	c.paragraphs("law.sel104.intro")
	c.add(document.Quote{Text: c.text("law.sel104.text"), Source: c.text("law.sel104.source")})
}

var unsafeFileChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// safeFileName keeps letters, digits, dot, dash and underscore: nothing a header or a file
// system could choke on.
func safeFileName(name string) string {
	name = strings.Trim(unsafeFileChars.ReplaceAllString(name, "-"), "-")
	if len(name) > 100 {
		name = name[:100]
	}
	return name
}
