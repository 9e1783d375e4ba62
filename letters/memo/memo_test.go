package memo_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/memo"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
)

const testCVR = "11223344" // synthetic

type letter struct {
	name string
	doc  *document.Document
	pdf  []byte
}

// compose checks, composes and draws a request body; ok is false for a body that is not a
// letter that may be sent.
func compose(t testing.TB, svc *letters.Service, body []byte) (letter, bool) {
	t.Helper()
	res, err := svc.Check(body)
	if err != nil || !res.Valid() {
		return letter{}, false
	}
	d, err := res.Compose()
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := pdfrender.New().RenderBytes(d)
	if err != nil {
		t.Fatal(err)
	}
	if d.Envelope.SenderCVR == "" { // the embedded packs have none yet (README)
		d.Envelope.SenderCVR = testCVR
	}
	return letter{doc: d, pdf: pdf}, true
}

func service(t *testing.T) *letters.Service { return serviceTB(t) }

func serviceTB(t testing.TB) *letters.Service {
	t.Helper()
	svc, err := letters.Open(letters.Config{Packs: os.DirFS(filepath.Join(testkit.Dir(), "standards")), PacksLabel: "testdata/standards"})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// fuzzInputs are the bodies of the fuzz corpus (letters/testdata/fuzz).
func fuzzInputs(t *testing.T) map[string][]byte {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "fuzz", "*", "*"))
	out := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) != 2 || !strings.HasPrefix(lines[1], "[]byte(") {
			t.Fatalf("%s: not a corpus file of one []byte", f)
		}
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out["fuzz/"+filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f)] = []byte(s)
	}
	return out
}

// TestEveryLetterIsAValidMessage: every example of every kind that is a letter, and every input
// of the fuzz corpus that is accepted, gives a message the published MeMo 1.1 schema accepts.
func TestEveryLetterIsAValidMessage(t *testing.T) {
	xsd := testkit.MeMoSchema(t)
	svc := service(t)
	bodies := map[string][]byte{}
	for _, e := range testkit.Examples(t) {
		bodies[e.Name] = e.JSON
	}
	fuzz := fuzzInputs(t)
	for name, b := range fuzz {
		bodies[name] = b
	}
	dir := t.TempDir()
	var files []string
	kinds := map[string]bool{}
	accepted := 0
	for name, body := range bodies {
		l, ok := compose(t, svc, body)
		if !ok {
			continue
		}
		if strings.HasPrefix(name, "fuzz/") {
			accepted++
		}
		m, err := memo.Build(l.doc, l.pdf, memo.Options{CaseSystem: "Testsag"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		kinds[l.doc.Envelope.Kind] = true
		f := filepath.Join(dir, strings.NewReplacer("/", "_").Replace(name)+".xml")
		if err := os.WriteFile(f, m.XML, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	for _, k := range svc.Kinds() {
		if !kinds[k] {
			t.Errorf("no example of kind %s gave a message", k)
		}
	}
	t.Logf("%d messages, %d of them from the fuzz corpus's %d inputs", len(files), accepted, len(fuzz))
	for f, why := range testkit.ValidateMeMo(t, xsd, files) {
		t.Errorf("%s is not a valid MeMo message:\n%s", filepath.Base(f), why)
	}
}

// TestXmllintRejectsABrokenMessage: the check above can fail. A message with its UUID missing,
// and one with a label over the schema's limit, are refused.
func TestXmllintRejectsABrokenMessage(t *testing.T) {
	xsd := testkit.MeMoSchema(t)
	l, ok := compose(t, service(t), testkit.Read(t, "granted"))
	if !ok {
		t.Fatal("granted is not a letter")
	}
	m, err := memo.Build(l.doc, l.pdf, memo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.xml")
	noUUID := filepath.Join(dir, "no-uuid.xml")
	longLabel := filepath.Join(dir, "long-label.xml")
	os.WriteFile(good, m.XML, 0o644)
	os.WriteFile(noUUID, regexp.MustCompile(`<messageUUID>[^<]*</messageUUID>`).ReplaceAll(m.XML, nil), 0o644)
	os.WriteFile(longLabel, bytes.Replace(m.XML, []byte("<label>"), []byte("<label>"+strings.Repeat("x", 257)), 1), 0o644)
	bad := testkit.ValidateMeMo(t, xsd, []string{good, noUUID, longLabel})
	if why, isBad := bad[good]; isBad {
		t.Fatalf("the message itself is refused:\n%s", why)
	}
	for _, f := range []string{noUUID, longLabel} {
		if _, isBad := bad[f]; !isBad {
			t.Errorf("xmllint accepts %s", filepath.Base(f))
		}
	}
}

// TestLongTextsAreShortened: a name and a journal number longer than the schema allows are cut
// to 256 characters, and the message names the fields it shortened; the PDF keeps them whole.
func TestLongTextsAreShortened(t *testing.T) {
	xsd := testkit.MeMoSchema(t)
	body := string(testkit.Read(t, "granted"))
	body = strings.Replace(body, `"name": "Søren Østergaard Ærø"`, `"name": "Søren `+strings.Repeat("Østergaard ", 40)+`Ærø"`, 1)
	body = strings.Replace(body, `"journal_number": "27.24.04-G01-1234-26"`, `"journal_number": "27.24.04-G01-`+strings.Repeat("1", 300)+`"`, 1)
	l, ok := compose(t, service(t), []byte(body))
	if !ok {
		t.Fatal("the long letter is not valid")
	}
	m, err := memo.Build(l.doc, l.pdf, memo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.Shortened, ","); got != "citizen.name,case.journal_number" {
		t.Errorf("shortened %q, want citizen.name,case.journal_number", got)
	}
	if !bytes.Contains(m.XML, []byte("<kle:subjectKey>27.24.04</kle:subjectKey>")) && !bytes.Contains(m.XML, []byte("<subjectKey>27.24.04</subjectKey>")) {
		t.Error("a long journal number lost its KLE subject key")
	}
	f := filepath.Join(t.TempDir(), "long.xml")
	os.WriteFile(f, m.XML, 0o644)
	if why, isBad := testkit.ValidateMeMo(t, xsd, []string{f})[f]; isBad {
		t.Fatalf("the shortened message is refused:\n%s", why)
	}
}

func TestNoCVRNoMessage(t *testing.T) {
	l, _ := compose(t, service(t), testkit.Read(t, "granted"))
	l.doc.Envelope.SenderCVR = ""
	if _, err := memo.Build(l.doc, l.pdf, memo.Options{}); err != memo.ErrNoCVR {
		t.Fatalf("err %v, want ErrNoCVR", err)
	}
}

// TestUUID: the same letter gives the same UUID, another PDF, id or kind another; each is of
// the shape MeMo 1.1 admits (version 4, RFC variant).
func TestUUID(t *testing.T) {
	shape := regexp.MustCompile(`^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[ab89][a-f0-9]{3}-[a-f0-9]{12}$`)
	a := memo.UUID("0c6a4b8e", "decision", "aa")
	seen := map[string]bool{a: true}
	if !shape.MatchString(a) {
		t.Errorf("%s is not of MeMo's shape", a)
	}
	if memo.UUID("0c6a4b8e", "decision", "aa") != a {
		t.Error("the same letter gave another UUID")
	}
	for _, u := range []string{memo.UUID("0c6a4b8e", "decision", "ab"), memo.UUID("0c6a4b8f", "decision", "aa"), memo.UUID("0c6a4b8e", "reassessment", "aa")} {
		if seen[u] || !shape.MatchString(u) {
			t.Errorf("UUID %s repeats or is not of MeMo's shape", u)
		}
		seen[u] = true
	}
}

func TestKLE(t *testing.T) {
	for journal, want := range map[string]string{
		"27.24.04-G01-1234-26": "27.24.04 G01",
		"27.24.04-G01":         "27.24.04 G01",
		"27.24.04.G01-7":       "27.24.04 G01",
		"27.24.04":             "",
		"2024-1234":            "",
		"27.24.4-G01-1":        "",
	} {
		key, facet, ok := memo.KLE(journal)
		got := strings.TrimSpace(key + " " + facet)
		if !ok {
			got = ""
		}
		if got != want {
			t.Errorf("KLE(%q) = %q, want %q", journal, got, want)
		}
	}
}
