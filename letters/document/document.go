// Package document is the letter's document model: what a letter says and in which order, as
// headings, paragraphs, lists and labelled fields. It knows nothing of § 104, HTTP or pages.
package document

import "time"

// Document is one letter, ready for a renderer.
type Document struct {
	Meta      Meta
	Sender    Sender
	Recipient Recipient
	Details   []Field // date, journal number, caseworker: beside the recipient on page one
	Body      []Block
	// Draft marks a preview that must never be mistaken for a letter: renderers watermark it
	// with Watermark, the wording's word for a draft (draft.watermark).
	Draft     bool
	Watermark string
	// Envelope is how the letter travels: what a carrier (letters/memo) needs beside the pages.
	// Renderers of pages ignore it, and Describe leaves it out: it holds the full CPR number.
	Envelope Envelope
}

// Envelope is who sends the letter to whom, about which case, by which channel.
type Envelope struct {
	Kind string // the letter kind ("decision", "receipt", ...)
	ID   string // the letter's id, as Meta.ID: the decision id for a decision
	// Decision marks a letter that is a decision (afgørelse) with complaint guidance.
	Decision bool
	Date     time.Time // the letter's date
	// SenderCVR is the municipality's CVR number; "" when its standard has none.
	SenderCVR     string
	CPR           string // the recipient's CPR number, 10 digits without a hyphen
	Name          string // the recipient's name
	Address       []string
	JournalNumber string
	// Subject is what the case is about, in words: the label of its KLE subject key.
	Subject  string
	Delivery string // "digital_post" or "physical_post"
	Unit     Contact
}

// Contact is the unit that handles the case: its key in the standard, its name, and the ways
// to reach it (phone, e-mail) as labelled values.
type Contact struct {
	Key, Name string
	Info      []Field
}

// Meta is the document's metadata.
type Meta struct {
	Title    string
	Subject  string
	Author   string
	Language string // BCP 47, e.g. "da"
	Created  time.Time
	// ID is stable for the same request, so that renderers can give the file a fixed identity.
	ID string
	// PageLabel formats page numbers, e.g. "Side %d af %d".
	PageLabel string
	// FileName is the name to save the letter under, without extension, e.g.
	// "afgoerelse-5b0f6f0e".
	FileName string
}

// Sender is the letterhead.
type Sender struct {
	Organisation string
	Unit         string
	Lines        []string // address and phone
	ReturnLine   string   // one line above the recipient in an envelope window
	Logo         *Image   `json:",omitempty"` // above the organisation's name; optional
}

// Image is a picture with the words a screen reader says for it: PNG or JPEG data of Width x
// Height pixels.
type Image struct {
	Data          []byte `json:"-"`
	Format        string // "png" or "jpeg"
	Width, Height int
	Alt           string
}

// Recipient is who the letter is addressed to.
type Recipient struct {
	Lines []string
	// Window asks for the address to sit in a window envelope's address box (ordinary post).
	Window bool
}

// Block is a part of the body: Heading, Paragraph, List, Fields, Notice or Quote. Its Type
// says which, for renderers that switch on it and for descriptions.
type Block interface {
	Type() Type
	block()
}

// Type names a kind of block.
type Type string

// The kinds of block.
const (
	TypeHeading   Type = "heading"
	TypeParagraph Type = "paragraph"
	TypeList      Type = "list"
	TypeFields    Type = "fields"
	TypeNotice    Type = "notice"
	TypeQuote     Type = "quote"
)

// Heading starts a section; Level 1 is the letter's title, 2 a section, 3 a subsection.
type Heading struct {
	Level int
	Text  string
}

// Paragraph is running text. Line breaks in Text are kept.
type Paragraph struct {
	Text   string
	Strong bool
	// KeepWithPrevious keeps the paragraph on the page of the end of the block before it: a
	// closing and signature never stand alone on a page.
	KeepWithPrevious bool
	// Ref names where the text comes from (a template), for a tool that points at it, such as
	// the preview showing the target-group sentence beside the facts; renderers may expose it.
	Ref string `json:",omitempty"`
}

// List is a bulleted list.
type List struct{ Items []string }

// Fields are labelled values, such as "Start: 1. december 2026".
type Fields struct{ Items []Field }

// Field is one label and its value.
type Field struct{ Label, Value string }

// Notice is a framed box for what the reader must not miss (the result, a deadline, a draft's
// faults).
type Notice struct {
	Title string
	Lines []string
}

// Quote is a quotation, such as the text of the law.
type Quote struct {
	Text   string
	Source string
}

func (Heading) Type() Type   { return TypeHeading }
func (Paragraph) Type() Type { return TypeParagraph }
func (List) Type() Type      { return TypeList }
func (Fields) Type() Type    { return TypeFields }
func (Notice) Type() Type    { return TypeNotice }
func (Quote) Type() Type     { return TypeQuote }

// Described is a block as it describes itself: its type and its fields.
type Described struct {
	Type  Type  `json:"type"`
	Block Block `json:"block"`
}

// Description is a whole document as it describes itself, for golden tests: what a letter says
// and in which order, without a renderer.
type Description struct {
	Meta      Meta        `json:"meta"`
	Sender    Sender      `json:"sender"`
	Recipient Recipient   `json:"recipient"`
	Details   []Field     `json:"details"`
	Draft     bool        `json:"draft"`
	Watermark string      `json:"watermark,omitempty"`
	Body      []Described `json:"body"`
}

// Describe describes d.
func (d *Document) Describe() Description {
	out := Description{Meta: d.Meta, Sender: d.Sender, Recipient: d.Recipient, Details: d.Details, Draft: d.Draft, Watermark: d.Watermark}
	for _, b := range d.Body {
		out.Body = append(out.Body, Described{Type: b.Type(), Block: b})
	}
	return out
}

func (Heading) block()   {}
func (Paragraph) block() {}
func (List) block()      {}
func (Fields) block()    {}
func (Notice) block()    {}
func (Quote) block()     {}
