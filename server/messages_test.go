package server

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/reassessment"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/memo"
)

// testCVR is the synthetic CVR number newMessageServer gives a municipality whose packs have
// none: one per municipality, as the service demands ("2999" and a number of its own).
func testCVR(municipalities map[string]string, id string) string {
	if _, ok := municipalities[id]; !ok {
		municipalities[id] = fmt.Sprintf("2999%04d", len(municipalities))
	}
	return municipalities[id]
}

// newMessageServer serves copies of the embedded packs and those of testdata/standards, each
// with a CVR number (its own, or a testCVR): the embedded Brønderslev pack has none until the
// municipality fills it in (README, "Digital Post (MeMo)").
func newMessageServer(t testing.TB, change func(*Config)) testServer {
	t.Helper()
	var files []string
	for _, from := range []string{filepath.Join("..", "standards"), filepath.Join("..", "testdata", "standards")} {
		more, _ := filepath.Glob(filepath.Join(from, "*", "standard.json"))
		files = append(files, more...)
	}
	packs := t.TempDir()
	cvrs := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(`"cvr"`)) {
			var p struct {
				Municipality struct{ ID string } `json:"municipality"`
			}
			if err := json.Unmarshal(b, &p); err != nil {
				t.Fatal(err)
			}
			b = bytes.Replace(b, []byte(`"municipality": {`), []byte(`"municipality": {"cvr": "`+testCVR(cvrs, p.Municipality.ID)+`", `), 1)
		}
		to := filepath.Join(packs, filepath.Base(filepath.Dir(f)))
		if err := os.CopyFS(to, os.DirFS(filepath.Dir(f))); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, "standard.json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return newTestServer(t, func(c *Config) {
		svc, err := letters.Open(letters.Config{Packs: os.DirFS(packs), PacksLabel: "packs with a CVR", OnlyPacks: true})
		if err != nil {
			t.Fatal(err)
		}
		c.Letters = svc
		c.MeMo = memo.Options{CaseSystem: "Testsag 1.0", KLEVersion: "test"}
		if change != nil {
			change(c)
		}
	})
}

// memoMessage is what the test reads back from a message.
type memoMessage struct {
	XMLName xml.Name `xml:"https://DigitalPost.dk/MeMo-1 Message"`
	Header  struct {
		UUID      string `xml:"messageUUID"`
		Label     string `xml:"label"`
		Mandatory bool   `xml:"mandatory"`
		Legal     bool   `xml:"legalNotification"`
		PostType  string `xml:"postType"`
		Sender    struct {
			ID   string `xml:"senderID"`
			Type string `xml:"idType"`
		} `xml:"Sender"`
		Recipient struct {
			ID    string `xml:"recipientID"`
			Type  string `xml:"idType"`
			Label string `xml:"label"`
		} `xml:"Recipient"`
		Content struct {
			CPR struct {
				Number string `xml:"cprNumber"`
				Name   string `xml:"name"`
			} `xml:"https://data.gov.dk/model/core/ CPRdata"`
			Case struct {
				ID     string `xml:"caseID"`
				System string `xml:"caseSystem"`
			} `xml:"CaseID"`
			KLE *struct {
				Key   string `xml:"subjectKey"`
				Facet string `xml:"activityFacet"`
			} `xml:"http://kle-online.dk/ KLEdata"`
		} `xml:"ContentData"`
	} `xml:"MessageHeader"`
	Body struct {
		Created string `xml:"createdDateTime"`
		File    struct {
			Format  string `xml:"encodingFormat"`
			Content string `xml:"content"`
		} `xml:"MainDocument>File"`
	} `xml:"MessageBody"`
}

var (
	firstCPR     = regexp.MustCompile(`"cpr":\s*"([^"]*)"`)
	firstJournal = regexp.MustCompile(`"journal_number":\s*"([^"]*)"`)
	firstName    = regexp.MustCompile(`"citizen":\s*\{\s*"name":\s*"([^"]*)"`)
)

// TestEveryExampleAsAMessage posts every example to /v1/letters and /v1/messages: where the
// first gives a letter, the second gives a message that the MeMo schema accepts, whose main
// document is the same PDF, byte for byte, and whose header says what the request says; where
// the first refuses, the second refuses alike.
func TestEveryExampleAsAMessage(t *testing.T) {
	xsd := testkit.MeMoSchema(t)
	s := newMessageServer(t, nil)
	dir := t.TempDir()
	var files []string
	messages := 0
	for _, e := range testkit.Examples(t) {
		letter := s.post("/v1/letters", e.JSON)
		msg := s.post("/v1/messages", e.JSON)
		if letter.Code != http.StatusOK {
			if msg.Code != letter.Code || msg.Body.String() != letter.Body.String() && !sameProblem(letter.Body.Bytes(), msg.Body.Bytes()) {
				t.Errorf("%s: /v1/letters answered %d, /v1/messages %d: %s", e.Name, letter.Code, msg.Code, msg.Body)
			}
			continue
		}
		if msg.Code != http.StatusOK {
			t.Errorf("%s: %d %s", e.Name, msg.Code, msg.Body)
			continue
		}
		messages++
		if ct := msg.Header().Get("Content-Type"); ct != "application/xml" {
			t.Errorf("%s: Content-Type %q", e.Name, ct)
		}
		for _, h := range []string{"X-Letter-SHA256", "X-Standard", "X-Letter-Warnings"} {
			if msg.Header().Get(h) != letter.Header().Get(h) {
				t.Errorf("%s: %s %q, /v1/letters gives %q", e.Name, h, msg.Header().Get(h), letter.Header().Get(h))
			}
		}
		var m memoMessage
		if err := xml.Unmarshal(msg.Body.Bytes(), &m); err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		pdf, err := base64.StdEncoding.DecodeString(m.Body.File.Content)
		if err != nil || !bytes.Equal(pdf, letter.Body.Bytes()) || m.Body.File.Format != "application/pdf" {
			t.Errorf("%s: the main document is not the PDF of /v1/letters (%v)", e.Name, err)
		}
		res, err := s.cfg.Letters.Check(e.JSON)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := res.Compose()
		if err != nil {
			t.Fatal(err)
		}
		cvr := res.Standard().Municipality.CVR
		cpr := strings.ReplaceAll(firstCPR.FindStringSubmatch(string(e.JSON))[1], "-", "")
		journal := firstJournal.FindStringSubmatch(string(e.JSON))[1]
		name := firstName.FindStringSubmatch(string(e.JSON))[1]
		h := m.Header
		decides := e.Kind == decision.Name || e.Kind == reassessment.Name
		for what, got := range map[string][2]any{
			"sender":            {h.Sender.ID + "/" + h.Sender.Type, cvr + "/CVR"},
			"recipient":         {h.Recipient.ID + "/" + h.Recipient.Type, cpr + "/CPR"},
			"recipient's label": {h.Recipient.Label, name},
			"CPR data":          {h.Content.CPR.Number + "/" + h.Content.CPR.Name, cpr + "/" + name},
			"label":             {h.Label, doc.Meta.Title},
			"case id":           {h.Content.Case.ID + "/" + h.Content.Case.System, journal + "/Testsag 1.0"},
			"UUID":              {h.UUID, memo.UUID(doc.Envelope.ID, e.Kind, letter.Header().Get("X-Letter-SHA256"))},
			"UUID header":       {msg.Header().Get("X-Message-UUID"), h.UUID},
			"mandatory":         {h.Mandatory, decides},
			"legalNotification": {h.Legal, decides},
			"postType":          {h.PostType, "MYNDIGHEDSPOST"},
			"created":           {h.PostType != "" && strings.HasPrefix(m.Body.Created, doc.Envelope.Date.Format("2006-01-02")+"T"), true},
		} {
			if got[0] != got[1] {
				t.Errorf("%s: %s is %v, want %v", e.Name, what, got[0], got[1])
			}
		}
		if strings.HasPrefix(journal, "27.24.04-G01") && (h.Content.KLE == nil || h.Content.KLE.Key != "27.24.04" || h.Content.KLE.Facet != "G01") {
			t.Errorf("%s: KLE %+v, want 27.24.04 G01", e.Name, h.Content.KLE)
		}
		f := filepath.Join(dir, strings.ReplaceAll(e.Name, "/", "_")+".xml")
		os.WriteFile(f, msg.Body.Bytes(), 0o644)
		files = append(files, f)
	}
	if messages < len(testkit.Letters(t)) {
		t.Errorf("only %d messages for %d letters", messages, len(testkit.Letters(t)))
	}
	for f, why := range testkit.ValidateMeMo(t, xsd, files) {
		t.Errorf("%s is not a valid MeMo message:\n%s", filepath.Base(f), why)
	}
}

// sameProblem: two problems that differ only in their request id.
func sameProblem(a, b []byte) bool {
	var pa, pb problem
	if json.Unmarshal(a, &pa) != nil || json.Unmarshal(b, &pb) != nil {
		return false
	}
	pa.RequestID, pb.RequestID = "", ""
	ja, _ := json.Marshal(pa)
	jb, _ := json.Marshal(pb)
	return bytes.Equal(ja, jb)
}

// The same request gives the same message, byte for byte: nothing in it comes from the clock.
func TestAMessageTwiceIsTheSameMessage(t *testing.T) {
	s := newMessageServer(t, nil)
	for _, name := range []string{"granted", "physical-post", "receipt", "reassessment-upheld", "follow_up"} {
		a, b := s.post("/v1/messages", testkit.Read(t, name)), s.post("/v1/messages", testkit.Read(t, name))
		if a.Code != http.StatusOK || !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
			t.Errorf("%s: %d, the same request gave different messages", name, a.Code)
		}
	}
}

// A standard without a CVR number (the embedded Brønderslev pack, until the municipality fills
// it in) gives a 422 that names the field, and no message.
func TestAStandardWithoutCVRGivesNoMessage(t *testing.T) {
	s := newTestServer(t, nil)
	rec := s.post("/v1/messages", testkit.Read(t, "granted"))
	p := problemOf(t, rec, http.StatusUnprocessableEntity)
	if p.Type != problemNoSender || !strings.Contains(p.Detail, "municipality.cvr") || p.Standard == "" || len(p.Errors) != 0 {
		t.Errorf("problem %+v", p)
	}
	if rec.Header().Get("X-Letter-SHA256") != "" {
		t.Error("a refused message has a letter's hash")
	}
	// Eksempel Kommune's test pack has one: every letter valid under it is sent from it.
	sent := 0
	for _, e := range testkit.Letters(t) {
		body := bytes.Replace(e.JSON, []byte("{"), []byte(`{"standard": "eksempel-sel104-2025-01",`), 1)
		if s.post("/v1/letters", body).Code != http.StatusOK {
			continue
		}
		sent++
		if rec := s.post("/v1/messages", body); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "<senderID>11223344</senderID>") {
			t.Errorf("%s under Eksempel Kommune: %d %.300s", e.Name, rec.Code, rec.Body)
		}
	}
	if sent == 0 {
		t.Error("no letter is valid under Eksempel Kommune's standard")
	}
}

// /v1/messages takes a decision like /v1/letters: no token, no message.
func TestMessagesNeedTheToken(t *testing.T) {
	tokens, _ := ParseTokens(strings.NewReader(token))
	s := newMessageServer(t, func(c *Config) { c.Tokens = tokens })
	body := testkit.Read(t, "granted")
	problemOf(t, s.post("/v1/messages", body), http.StatusUnauthorized)
	if rec := s.do(http.MethodPost, "/v1/messages", "application/json", body, "Authorization", "Bearer "+token); rec.Code != http.StatusOK {
		t.Errorf("with the token: %d", rec.Code)
	}
}
