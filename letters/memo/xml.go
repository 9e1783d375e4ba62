package memo

import "encoding/xml"

// The elements of a MeMo 1.1 message this service writes, in the schema's order
// (MeMo_core.xsd). An element in another namespace (grd, kle) declares it as its default, so
// that its children are in it too.

type message struct {
	XMLName        xml.Name `xml:"https://DigitalPost.dk/MeMo-1 Message"`
	MemoVersion    string   `xml:"memoVersion,attr"`
	MemoSchVersion string   `xml:"memoSchVersion,attr"`
	Header         header   `xml:"MessageHeader"`
	Body           body     `xml:"MessageBody"`
}

type header struct {
	MessageType       string      `xml:"messageType"`
	MessageUUID       string      `xml:"messageUUID"`
	Label             string      `xml:"label"`
	Mandatory         bool        `xml:"mandatory"`
	LegalNotification bool        `xml:"legalNotification"`
	PostType          string      `xml:"postType"`
	Sender            sender      `xml:"Sender"`
	Recipient         recipient   `xml:"Recipient"`
	ContentData       contentData `xml:"ContentData"`
}

type sender struct {
	ID           string   `xml:"senderID"`
	IDType       string   `xml:"idType"`
	Label        string   `xml:"label"`
	ContactPoint *contact `xml:"ContactPoint,omitempty"`
}

type recipient struct {
	ID     string `xml:"recipientID"`
	IDType string `xml:"idType"`
	Label  string `xml:"label,omitempty"`
}

type contact struct {
	ID    string        `xml:"contactPointID"`
	Label string        `xml:"label"`
	Info  []contactInfo `xml:"ContactInfo"`
}

type contactInfo struct {
	Label string `xml:"label"`
	Value string `xml:"value"`
}

type contentData struct {
	CPR    cprData  `xml:"https://data.gov.dk/model/core/ CPRdata"`
	CaseID caseID   `xml:"CaseID"`
	KLE    *kleData `xml:"http://kle-online.dk/ KLEdata,omitempty"`
}

type cprData struct {
	Number string `xml:"cprNumber"`
	Name   string `xml:"name,omitempty"`
}

type caseID struct {
	ID     string `xml:"caseID"`
	System string `xml:"caseSystem"`
}

type kleData struct {
	SubjectKey string `xml:"subjectKey"`
	Version    string `xml:"version"`
	Facet      string `xml:"activityFacet"`
	Label      string `xml:"label"`
}

type body struct {
	Created string       `xml:"createdDateTime"`
	Main    mainDocument `xml:"MainDocument"`
}

type mainDocument struct {
	ID    string `xml:"mainDocumentID,omitempty"`
	Label string `xml:"label"`
	File  file   `xml:"File"`
}

type file struct {
	EncodingFormat string `xml:"encodingFormat"`
	Filename       string `xml:"filename"`
	Language       string `xml:"language"`
	Content        string `xml:"content"` // base64
}
