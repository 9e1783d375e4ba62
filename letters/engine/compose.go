package engine

import (
	"cmp"
	"regexp"
	"strings"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// Composer builds one document from templates. The composition functions of the kinds decide
// what goes in and in which order; every sentence comes from templates/.
//
// A Composer's template data is fixed when it is made: With gives another Composer of the same
// letter whose templates see other data (a view built for one entry, the new decision inside a
// reassessment), and Nested one whose headings sit a level lower. Nothing of a Composer changes
// while a letter is composed; Say runs one template with data given openly.
type Composer struct {
	*letter
	data  any // what the templates see
	shift int // heading levels added, for a letter inside a letter (a reassessment's new decision)
}

// letter is what every Composer of one letter shares: the wording, the standard, the document
// being built and the first template error.
type letter struct {
	Words *wording
	Std   *Standard
	doc   *document.Document
	err   error
}

func newComposer(served *servedStandard) *Composer {
	return &Composer{letter: &letter{Words: served.words, Std: served.std, doc: &document.Document{}}}
}

// With is a Composer of the same letter whose templates see data.
func (c *Composer) With(data any) *Composer {
	return &Composer{letter: c.letter, data: data, shift: c.shift}
}

// Nested is a Composer of the same letter, with the same data, whose headings sit one level
// lower: a letter inside a letter (a reassessment's new decision under "Din nye afgørelse").
func (c *Composer) Nested() *Composer {
	return &Composer{letter: c.letter, data: c.data, shift: c.shift + 1}
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
	// Decision marks a letter that is a decision with complaint guidance (Digital Post's
	// legalNotification and mandatory, letters/memo).
	Decision bool
}

// Text runs one template with the Composer's data.
func (c *Composer) Text(name string) string { return c.Say(name, c.data) }

// Say runs one template with data; the first error is kept, and Compose returns it.
func (c *Composer) Say(name string, data any) string {
	if c.err != nil {
		return ""
	}
	s, err := c.Words.exec(c.Words.letters, name, data)
	if err != nil {
		c.err = err
	}
	return s
}

func (c *Composer) Add(b ...document.Block) { c.doc.Body = append(c.doc.Body, b...) }

func (c *Composer) Heading(level int, name string) { c.HeadingText(level, c.Text(name)) }

func (c *Composer) HeadingText(level int, text string) {
	c.Add(document.Heading{Level: min(level+c.shift, 4), Text: text})
}

func ParagraphStrong(text string) document.Paragraph {
	return document.Paragraph{Text: text, Strong: true}
}

// Paragraphs adds one paragraph per paragraph of the template's output.
func (c *Composer) Paragraphs(name string) {
	for _, p := range strings.Split(c.Text(name), paragraphBreak) {
		if p != "" {
			c.Add(document.Paragraph{Text: p})
		}
	}
}

// Summary adds "Kort fortalt": a box titled short.title whose lines are the paragraphs of the
// kind's "<kind>.short", the few sentences in easy Danish that open the letter.
func (c *Composer) Summary(kind string) {
	n := document.Notice{Title: c.Text("short.title")}
	for _, p := range strings.Split(c.Text(kind+".short"), paragraphBreak) {
		if p = strings.TrimSpace(p); p != "" {
			n.Lines = append(n.Lines, p)
		}
	}
	c.Add(n)
}

// List adds a list whose items are the paragraphs of the template's output.
func (c *Composer) List(name string) {
	c.Add(document.List{Items: strings.Split(c.Text(name), paragraphBreak)})
}

// Field is a labelled value whose label is a template.
func (c *Composer) Field(label, value string) document.Field {
	return document.Field{Label: c.Text(label), Value: value}
}

// Letterhead fills the sender, recipient, details and metadata shared by every kind. kind
// names the templates "<kind>.title", "<kind>.subject" and "<kind>.filename".
func (c *Composer) Letterhead(h Letterhead, kind, id string) {
	d := c.doc
	d.Meta = document.Meta{
		Title: c.Text(kind + ".title"), Subject: c.Text(kind + ".subject"), Author: c.Std.Municipality.Name,
		Language: "da", Created: h.Date, ID: id, PageLabel: c.Text("page_label"),
		FileName: safeFileName(c.Text(kind+".filename") + "-" + id),
	}
	d.Sender = document.Sender{
		Organisation: c.Std.Municipality.Name,
		Unit:         cmp.Or(h.Unit.Name, c.Std.Municipality.SigningUnit),
		Lines:        append(append([]string{}, c.Std.Municipality.Address...), c.unitLines(h.Unit)...),
		ReturnLine:   c.Text("head.return_line"),
	}
	if l := c.Std.Municipality.Logo; l != nil {
		d.Sender.Logo = &document.Image{Data: l.Data, Format: l.Format, Width: l.Width, Height: l.Height, Alt: l.Alt}
	}
	a := h.Citizen.Address
	lines := []string{h.Citizen.Name}
	if !Blank(a.CO) {
		lines = append(lines, c.Say("head.co", a.CO))
	}
	if !Blank(a.Street) {
		lines = append(lines, a.Street)
	}
	if !Blank(a.PostalCode) || !Blank(a.City) {
		lines = append(lines, strings.TrimSpace(a.PostalCode+" "+a.City))
	}
	d.Recipient = document.Recipient{Lines: lines, Window: h.Delivery == DeliveryPhysical}
	d.Envelope = document.Envelope{Kind: kind, ID: id, Decision: h.Decision, Date: h.Date,
		SenderCVR: c.Std.Municipality.CVR, CPR: strings.ReplaceAll(strings.TrimSpace(h.Citizen.CPR), "-", ""),
		Name: h.Citizen.Name, Address: lines[1:], JournalNumber: h.Case.JournalNumber, Delivery: h.Delivery,
		Subject: c.Text("memo.kle_label"), Unit: document.Contact{Key: h.Unit.Key, Name: h.Unit.Name}}
	for _, l := range []struct{ label, value string }{{"head.phone", h.Unit.Phone}, {"head.email", h.Unit.Email}} {
		if l.value != "" {
			d.Envelope.Unit.Info = append(d.Envelope.Unit.Info, c.Field(l.label, l.value))
		}
	}
	d.Details = []document.Field{
		c.Field("head.date", c.Words.Date(h.Date)),
		c.Field("head.journal", h.Case.JournalNumber),
	}
	if h.MaskedCPR != "" {
		d.Details = append(d.Details, c.Field("head.cpr", h.MaskedCPR))
	}
	cw := h.Case.Caseworker
	d.Details = append(d.Details, c.Field("head.caseworker", strings.TrimSpace(cw.Name)))
	if cw.Phone != "" {
		d.Details = append(d.Details, c.Field("head.phone", cw.Phone))
	}
	if cw.Email != "" {
		d.Details = append(d.Details, c.Field("head.email", cw.Email))
	}
}

// unitLines are the ways to reach the unit that the standard gives, for the sender's block:
// phone, e-mail and hours, each only when there.
func (c *Composer) unitLines(u ContactUnit) []string {
	var lines []string
	for _, l := range []struct{ label, value string }{{"head.phone", u.Phone}, {"head.email", u.Email}, {"head.hours", u.Hours}} {
		if l.value != "" {
			lines = append(lines, c.Text(l.label)+" "+l.value)
		}
	}
	return lines
}

// Signature closes the letter with the contact section and the caseworker's name.
func (c *Composer) Signature(h Letterhead) {
	c.Heading(2, "contact.heading")
	c.Paragraphs("contact.text")
	lines := []string{c.Text("closing"), "", h.Case.Caseworker.Name}
	if h.Case.Caseworker.Title != "" {
		lines = append(lines, h.Case.Caseworker.Title)
	}
	// The signing unit, else the citizen's contact unit; neither when the standard names none.
	if u := cmp.Or(c.Std.Municipality.SigningUnit, h.Unit.Name); u != "" {
		lines = append(lines, u)
	}
	c.Add(document.Paragraph{Text: strings.Join(lines, "\n"), KeepWithPrevious: true})
}

// Law quotes § 104.
func (c *Composer) Law() {
	c.Heading(2, "law.heading")
	c.Paragraphs("law.sel104.intro")
	c.Add(document.Quote{Text: c.Text("law.sel104.text"), Source: c.Text("law.sel104.source")})
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
