package memo_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters/memo"
)

// FuzzMessage: any body that is a letter gives a message that is well-formed XML whose every
// text but the PDF is within the schema's 256 characters (xmllint checks the rest on the
// examples and the corpus, in TestEveryLetterIsAValidMessage).
func FuzzMessage(f *testing.F) {
	for _, e := range testkit.Letters(f) {
		f.Add(e.JSON)
	}
	svc := serviceTB(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		l, ok := compose(t, svc, body)
		if !ok {
			return
		}
		m, err := memo.Build(l.doc, l.pdf, memo.Options{})
		if err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(bytes.NewReader(m.XML))
		var in string
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("not well-formed: %v", err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				in = tok.Name.Local
			case xml.CharData:
				if in != "content" && utf8.RuneCount(tok) > memo.MaxText {
					t.Errorf("%s holds %d characters", in, utf8.RuneCount(tok))
				}
			}
		}
	})
}
