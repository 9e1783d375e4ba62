package letters_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
)

// validDoc is the document model of a letter that must be valid under svc.
func validDoc(t testing.TB, svc *letters.Service, body []byte) *document.Document {
	t.Helper()
	res, err := svc.Check(body)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Valid() {
		t.Fatalf("invalid: %+v", res.Errors)
	}
	doc, err := res.Compose()
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func render(t testing.TB, svc *letters.Service, body []byte) []byte {
	t.Helper()
	pdf, err := pdfrender.New().RenderBytes(validDoc(t, svc, body))
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// newService gives the package's one service with the built-in standards: a service holds
// nothing of a letter, and making one parses every template (tens of milliseconds, thirty-odd
// times over in this package).
func newService(t testing.TB) *letters.Service {
	t.Helper()
	defaultService.once.Do(func() { defaultService.svc, defaultService.err = letters.New() })
	if defaultService.err != nil {
		t.Fatal(defaultService.err)
	}
	return defaultService.svc
}

var defaultService struct {
	once sync.Once
	svc  *letters.Service
	err  error
}

func mustContain(t *testing.T, reader, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, pdftext.Flat(w)) {
			t.Errorf("%s: the letter lacks %q", reader, w)
		}
	}
}

func TestDecisionLetterHasEveryRequiredElement(t *testing.T) {
	t.Parallel()
	svc := newService(t)
	pdf := render(t, svc, testkit.Read(t, "partly-granted.json"))
	common := []string{
		// letterhead, recipient and case
		"Brønderslev Kommune", "Visitationen – Det Specialiserede Område", "Telefon 9945 4421", "20. november 2026",
		"27.24.04-G01-1234-26", "Mette Kjærgaard", "150590-xxxx", "Søren Østergaard Ærø", "Algade 12, 2. th.", "9700 Brønderslev",
		// title and the result first
		"Afgørelse om aktivitets- og samværstilbud efter servicelovens § 104",
		"Du får en del af det, du har søgt om: et aktivitets- og samværstilbud på Aktivitetscentret Solsikken.",
		// what is granted
		"Det får du", "Brønderslev Kommune, Handicap og Psykiatri (Tilbudsportalen-id 8732)", "Gruppetilbud", "Halv plads",
		"tirsdag og torsdag", "motionsaktiviteter, sociale arrangementer og hobbybetonede aktiviteter", "1. december 2026",
		"Tilbuddet har ingen slutdato",
		// what is refused, with reason, facts and legal basis
		"Det får du afslag på", "Individuelt tilrettelagt tilbud", "Du kan deltage i og have gavn af et gruppetilbud.",
		"Du deltager i dag i fællesspisning i dit botilbud.",
		"Serviceloven § 104 og Brønderslev Kommunes kvalitetsstandard for aktivitets- og samværstilbud",
		// assessment
		"Du har en betydelig og varig nedsat psykisk funktionsevne efter en hjerneskade i 2019.",
		"Vi har lagt vægt på, at et gruppetilbud kan støtte dig i at bevare dine sociale færdigheder.",
		// transport from the § 141 action plan
		"handleplan efter servicelovens § 141 fra 15. oktober 2026", "Flextur fra din bopæl til Aktivitetscentret Solsikken",
		"Brønderslev Kommune betaler kørslen", "tilbuddet, der sørger for den",
		// not included, payment, cooperation
		"Aktiviteter, som du ikke selv deltager aktivt i.", "Ledsagelse efter servicelovens § 97.", "Andre dagtilbud.",
		"Tilbuddet er gratis.", "Særlige materialer.", "Mad.", "Entré.", "Transport på udflugter.",
		"Du får også hjælp efter servicelovens § 85.", "samarbejde",
		// next steps and follow-up with dates
		"senest 4. december 2026", "pædagogisk plan", "giver tilbuddet din sagsbehandler besked",
		"første gang omkring 1. marts 2027", "én gang om året, næste gang omkring 1. marts 2028",
		// complaint guidance
		"Sådan klager du", "ikke til Ankestyrelsen", "skriftligt", "mundtligt", "Du behøver ikke at skrive, hvorfor du klager.",
		"Vi skal have din klage senest 18. december 2026.", "inden for 4 uger", "sender vi din klage og vores vurdering til Ankestyrelsen",
		// law and contact
		"§ 104. Kommunalbestyrelsen skal tilbyde aktivitets- og samværstilbud til personer med betydelig nedsat fysisk eller psykisk funktionsevne eller med særlige sociale problemer til opretholdelse eller forbedring af personlige færdigheder eller af livsvilkårene.",
		"Du kan ringe til mig på 9945 4532", "mette.kjaergaard@bronderslev.dk", "Venlig hilsen",
	}
	for reader, text := range testkit.Texts(t, pdf) {
		mustContain(t, reader, text, common...)
		if strings.Contains(text, "150590-1235") || strings.Contains(text, "1505901235") {
			t.Errorf("%s: the full CPR number is printed", reader)
		}
		n := pdftext.Pages(t, pdf)
		for i := 1; i <= n; i++ {
			mustContain(t, reader, text, fmt.Sprintf("Side %d af %d", i, n))
		}
		// The result comes before everything else in the body.
		if strings.Index(text, "Du får en del af det") > strings.Index(text, "Det får du afslag på") {
			t.Errorf("%s: the result is not first", reader)
		}
	}
}

func TestOutcomeSentencesAndUnits(t *testing.T) {
	t.Parallel()
	svc := newService(t)
	// The sentences are wording, read from the model; the letters with names beyond Danish
	// (Ł, ś, ễ, Ğ, ş) are read from the PDF too, where those letters must survive.
	cases := map[string][]string{
		"granted.json":       {"Du får et aktivitets- og samværstilbud på Aktivitetscentret Solsikken.", "Hel plads", "mandag, tirsdag, onsdag, torsdag og fredag"},
		"refused.json":       {"Du får afslag på det, du har søgt om.", "UngeCenter Brønderslev", "9945 4705", "Łucja Śliwińska-Nguyễn", "120301-xxxx"},
		"physical-post.json": {"Ğülşen Åberg", "c/o Bo Ærenfeldt", "9740 Jerslev J", "et særligt taleundervisningsforløb", "almindelig post", "30. november 2026", "28. december 2026", "tæt op"},
	}
	for name, wants := range cases {
		mustContain(t, name+", the model", wordsOf(t, svc, testkit.Read(t, name)), wants...)
		if name == "granted.json" {
			continue
		}
		for reader, text := range testkit.Texts(t, render(t, svc, testkit.Read(t, name))) {
			mustContain(t, name+", "+reader, text, wants...)
		}
	}
	refused := wordsOf(t, svc, testkit.Read(t, "refused.json"))
	mustContain(t, "the model", refused, "Det får du afslag på", "Sådan klager du")
	for _, absent := range []string{"Kørsel", "Det skal du selv betale", "Opfølgning", "Det får du "} {
		if strings.Contains(strings.ReplaceAll(refused, "Det får du afslag", ""), absent) {
			t.Errorf("a full refusal should not have the section %q", absent)
		}
	}
}

// A free text of any length appears whole, and Danish and other Latin letters survive.
func TestLongReasonAndNamesAppearWhole(t *testing.T) {
	t.Parallel()
	svc := newService(t)
	var d map[string]any
	if err := json.Unmarshal(testkit.Read(t, "partly-granted.json"), &d); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := 0; len([]rune(b.String())) < 4000; i++ {
		fmt.Fprintf(&b, "Sætning %d om dine forhold: Ærø, Ødsted og Århus – „citat“ og § %d. ", i, i)
	}
	reason := strings.TrimSpace(b.String())
	if n := len([]rune(reason)); n < 4000 {
		t.Fatalf("reason is only %d characters", n)
	}
	d["refused"].([]any)[0].(map[string]any)["reason"] = reason
	d["citizen"].(map[string]any)["name"] = "Łucja Śliwińska-Nguyễn Ğülşen"
	body, _ := json.Marshal(d)
	pdf := render(t, svc, body)
	footer := regexp.MustCompile(`Side \d+ af \d+ `)
	for reader, text := range testkit.Texts(t, pdf) {
		text = footer.ReplaceAllString(text, "")
		mustContain(t, reader, text, reason, "Łucja Śliwińska-Nguyễn Ğülşen", "Ærø, Ødsted og Århus")
	}
}

func TestSameBodySameBytes(t *testing.T) {
	t.Parallel()
	body := testkit.Read(t, "partly-granted.json")
	a := render(t, newService(t), body)
	b := render(t, newService(t), body)
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same body differ")
	}
	other := render(t, newService(t), testkit.Read(t, "granted.json"))
	if bytes.Equal(a, other) {
		t.Fatal("different bodies gave the same PDF")
	}
}

func TestMetadata(t *testing.T) {
	t.Parallel()
	pdf := render(t, newService(t), testkit.Read(t, "partly-granted.json"))
	if got := pdftext.Catalog(t, pdf, "Lang"); got != "da" {
		t.Errorf("Lang = %q, want da", got)
	}
	bin := pdftext.RequireTool(t, "pdfinfo", "poppler-utils")
	info := run(t, bin, pdf)
	for _, want := range []string{
		"Title:           Afgørelse om aktivitets- og samværstilbud efter servicelovens § 104",
		"Author:          Brønderslev Kommune",
		"Subject:         Afgørelse om aktivitets- og samværstilbud, journalnummer 27.24.04-G01-1234-26",
		"CreationDate:    Fri Nov 20 00:00:00 2026 UTC",
		"Encrypted:       no",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	// Every font is embedded; Danish needs only the Windows-1252 page of each face. (A page of
	// Latin Extended letters has a custom encoding with Adobe Glyph List names; the name tests
	// show that readers map them back to Unicode.)
	fonts := run(t, pdftext.RequireTool(t, "pdffonts", "poppler-utils"), pdf)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	if len(lines) != 2 {
		t.Errorf("a Danish letter should embed two fonts:\n%s", fonts)
	}
	for _, line := range lines {
		if f := strings.Fields(line); len(f) < 7 || f[len(f)-6] != "WinAnsi" || f[len(f)-5] != "yes" {
			t.Errorf("every font must be embedded, Danish in WinAnsi: %s", line)
		}
	}
}

// For ordinary post the recipient's name sits in the window envelope's address box:
// 59 x 21 mm, 16 mm below and 4 mm right of the window's corner (17 mm, 25 mm).
func TestAddressSitsInTheWindowBox(t *testing.T) {
	t.Parallel()
	pdf := render(t, newService(t), testkit.Read(t, "physical-post.json"))
	bbox := pdftext.Poppler(t, pdf, "-bbox", "-f", "1", "-l", "1")
	const mm = 72 / 25.4
	box := [4]float64{21 * mm, 41 * mm, 80 * mm, 62 * mm}
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	inBox := map[string]bool{}
	for _, m := range word.FindAllStringSubmatch(bbox, -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		inside := v[0] >= box[0] && v[1] >= box[1] && v[2] <= box[2] && v[3] <= box[3]
		if inside {
			inBox[m[5]] = true
		}
	}
	for _, w := range []string{"Ğülşen", "Åberg", "c/o", "Ærenfeldt", "Østergade", "9740", "Jerslev"} {
		if !inBox[w] {
			t.Errorf("%q is not inside the address box", w)
		}
	}
	for _, w := range []string{"Afgørelse", "Dato", "Journalnummer"} {
		if inBox[w] {
			t.Errorf("%q must not be inside the address box", w)
		}
	}
}

func run(t *testing.T, bin string, pdf []byte, args ...string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(f, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(args, f)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v: %s", bin, err, out)
	}
	return string(out)
}

// A free text at the limit, 10,000 characters, is allowed and renders whole.
func TestTextAtTheLimitRendersWhole(t *testing.T) {
	t.Parallel()
	svc := newService(t)
	var b strings.Builder
	for i := 0; len([]rune(b.String())) < letters.MaxTextLength; i++ {
		fmt.Fprintf(&b, "Oplysning %d om Łucja og Ærø. ", i)
	}
	text := string([]rune(b.String())[:letters.MaxTextLength-1]) + "."
	body := changed(t, testkit.Read(t, "partly-granted.json"), func(d map[string]any) {
		d["assessment"].(map[string]any)["facts"] = []any{text}
	})
	pdf := render(t, svc, body)
	got := regexp.MustCompile(`Side \d+ af \d+ `).ReplaceAllString(pdftext.Flat(pdftext.Poppler(t, pdf)), "")
	if !strings.Contains(got, pdftext.Flat(text)) {
		t.Errorf("the %d-character text is not whole in the letter", len([]rune(text)))
	}
}

// The fonts of code pages beyond Windows-1252 (symbolic, no encoding of their own) carry a
// ToUnicode map, and the file stays valid.
func TestExtraCodePagesHaveToUnicodeMaps(t *testing.T) {
	t.Parallel()
	pdf := render(t, newService(t), testkit.Read(t, "refused.json")) // Łucja Śliwińska-Nguyễn
	if again := render(t, newService(t), testkit.Read(t, "refused.json")); !bytes.Equal(pdf, again) {
		t.Error("a letter with extra code pages is not the same bytes twice")
	}
	fonts := run(t, pdftext.RequireTool(t, "pdffonts", "poppler-utils"), pdf)
	custom := 0
	for _, line := range strings.Split(strings.TrimSpace(fonts), "\n")[2:] {
		f := strings.Fields(line)
		if !strings.HasSuffix(f[0], "-P00") { // a symbolic font of another code page

			custom++
			if f[len(f)-3] != "yes" {
				t.Errorf("no ToUnicode map: %s", line)
			}
		}
	}
	if custom != 2 {
		t.Errorf("Ł, ś and ễ should need two more code pages:\n%s", fonts)
	}
	if out := run(t, pdftext.RequireTool(t, "qpdf", "qpdf"), pdf, "--check"); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}
