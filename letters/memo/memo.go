// Package memo owns the Digital Post rendering of a letter: a MeMo 1.1 message (the XML format
// of Digitaliseringsstyrelsen that Serviceplatformen's SF1601 takes) wrapping the letter's PDF
// bytes with what the document model knows. It knows nothing of HTTP or § 104.
package memo

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
)

// The message's fixed values (README, "Digital Post (MeMo)", says why each is what it is).
const (
	Namespace     = "https://DigitalPost.dk/MeMo-1"
	Version       = "1.1"   // memoVersion
	SchemaVersion = "1.1.0" // memoSchVersion
	// PostType is post from a public authority (myndighedspost).
	PostType = "MYNDIGHEDSPOST"
	// MaxText is the schema's limit on every text (memoTextType): 256 characters.
	MaxText = 256
)

// ErrNoCVR: the municipality's standard has no CVR number (municipality.cvr), so the message
// has no sender.
var ErrNoCVR = errors.New("memo: the standard has no municipality.cvr")

// Options are what the message needs that the letter does not say.
type Options struct {
	// CaseSystem names the case system the journal number belongs to (LETTERS_CASE_SYSTEM).
	CaseSystem string
	// KLEVersion is the version of KLE the subject key is read under (LETTERS_KLE_VERSION).
	KLEVersion string
}

// NotStated fills CaseSystem and KLEVersion when the configuration gives none: the schema
// requires both.
const NotStated = "ikke oplyst"

// Message is a built message: the XML, its UUID, and the request fields whose text was
// shortened to the schema's limit (JSON paths).
type Message struct {
	XML       []byte
	UUID      string
	Shortened []string
}

// Build wraps pdf, the letter d drawn as PDF, in a MeMo message. The same document and bytes
// always give the same message. It refuses a letter whose standard has no CVR number.
func Build(d *document.Document, pdf []byte, o Options) (*Message, error) {
	e := d.Envelope
	if e.SenderCVR == "" {
		return nil, ErrNoCVR
	}
	if o.CaseSystem == "" {
		o.CaseSystem = NotStated
	}
	if o.KLEVersion == "" {
		o.KLEVersion = NotStated
	}
	var t texts
	sum := sha256.Sum256(pdf)
	id := UUID(e.ID, e.Kind, hex.EncodeToString(sum[:]))
	title := t.fit("", d.Meta.Title)
	m := message{
		MemoVersion: Version, MemoSchVersion: SchemaVersion,
		Header: header{
			MessageType: "DIGITALPOST", MessageUUID: id, Label: title,
			// A decision gives the citizen rights and a deadline to complain: it is a legal
			// notification and mandatory post (README, "Digital Post (MeMo)").
			Mandatory: e.Decision, LegalNotification: e.Decision, PostType: PostType,
			Sender: sender{ID: e.SenderCVR, IDType: "CVR", Label: t.fit("", d.Sender.Organisation),
				ContactPoint: contactPoint(&t, e.Unit)},
			Recipient: recipient{ID: e.CPR, IDType: "CPR", Label: t.fit("citizen.name", e.Name)},
			ContentData: contentData{
				CPR:    cprData{Number: e.CPR, Name: t.fit("citizen.name", e.Name)},
				CaseID: caseID{ID: t.fit("case.journal_number", e.JournalNumber), System: t.fit("", o.CaseSystem)},
			},
		},
		Body: body{
			Created: e.Date.Format("2006-01-02") + "T00:00:00Z",
			Main: mainDocument{ID: d.Meta.ID, Label: title, File: file{
				EncodingFormat: "application/pdf", Filename: t.fit("", d.Meta.FileName+".pdf"),
				Language: "da", Content: base64.StdEncoding.EncodeToString(pdf),
			}},
		},
	}
	if d.Meta.ID == "" || utf8.RuneCountInString(d.Meta.ID) > MaxText {
		m.Body.Main.ID = ""
	}
	if key, facet, ok := KLE(e.JournalNumber); ok {
		m.Header.ContentData.KLE = &kleData{SubjectKey: key, Version: t.fit("", o.KLEVersion),
			Facet: facet, Label: t.fit("", e.Subject)}
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("memo: %w", err)
	}
	buf.WriteByte('\n')
	return &Message{XML: buf.Bytes(), UUID: id, Shortened: t.shortened}, nil
}

func contactPoint(t *texts, u document.Contact) *contact {
	if u.Name == "" {
		return nil
	}
	id := u.Key
	if id == "" {
		id = u.Name
	}
	c := &contact{ID: t.fit("", id), Label: t.fit("", u.Name)}
	for _, f := range u.Info[:min(len(u.Info), 2)] { // the schema allows two
		c.Info = append(c.Info, contactInfo{Label: t.fit("", f.Label), Value: t.fit("", f.Value)})
	}
	return c
}

// texts keeps every text within the schema's limit and notes which request field lost its end.
type texts struct{ shortened []string }

// fit cuts s to MaxText characters, the last an ellipsis; field is the request's JSON path,
// "" for a text of the standard or the templates (whose own limits keep them short).
func (t *texts) fit(field, s string) string {
	if utf8.RuneCountInString(s) <= MaxText {
		return s
	}
	if field != "" && !containsString(t.shortened, field) {
		t.shortened = append(t.shortened, field)
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:MaxText-1]), " ") + "…"
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// kleJournal is a journal number that starts with a KLE subject key (three groups of two
// digits) and a handling facet (a letter and two digits): 27.24.04-G01-1234-26.
var kleJournal = regexp.MustCompile(`^(\d{2}\.\d{2}\.\d{2})[-. ]([A-ZÆØÅ]\d{2})\b`)

// KLE reads the KLE subject key and handling facet from the start of a journal number; ok is
// false when it does not start with them (the message then has no KLE data).
func KLE(journal string) (subjectKey, facet string, ok bool) {
	m := kleJournal.FindStringSubmatch(strings.TrimSpace(journal))
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// uuidSpace is the namespace of the messages' UUIDs: the name-based (SHA-1) UUID of this
// service's module path in the URL namespace of RFC 9562.
var uuidSpace = nameUUID([16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8},
	"https://github.com/bronderslev/afgorelsesbreve/letters/memo", 5)

// UUID is the message's UUID, derived from the letter's id, its kind and the hex SHA-256 of
// its PDF, so that a retried send of the same letter is recognised as the same message. It is
// computed as a name-based UUID (RFC 9562 § 5.5: SHA-1 of a namespace and the name), but
// carries version 4 in its version field, because MeMo 1.1's memoUuidType admits no other.
func UUID(id, kind, pdfSHA256 string) string {
	u := nameUUID(uuidSpace, id+"\n"+kind+"\n"+pdfSHA256, 4)
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func nameUUID(space [16]byte, name string, version byte) [16]byte {
	h := sha1.New()
	h.Write(space[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | version<<4
	u[8] = u[8]&0x3f | 0x80 // the variant of RFC 9562
	return u
}
