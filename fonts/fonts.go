// Package fonts owns the fonts embedded in every letter: Liberation Sans 2 (SIL OFL 1.1, see
// LICENSE-LiberationSans.txt), split by build.sh into code pages of 256 characters that fpdf
// embeds as prepared single-byte TrueType fonts, and knows which characters they can draw.
//
// Why pages: fpdf's UTF-8 fonts parse and subset the whole TrueType file for every document,
// which was most of a letter's rendering time; a prepared font is a small definition and a
// precompressed subset, embedded as it is. A letter embeds only the pages its text uses: page 0
// (Windows-1252, all of Danish) and, for a name such as "Łucja", the page that holds Ł.
package fonts

import (
	"bytes"
	"compress/zlib"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sync"
)

// The source fonts: Debian's fonts-liberation2 2.1.5, kept for build.sh, not embedded.
const (
	RegularSource = "LiberationSans-Regular.ttf"
	BoldSource    = "LiberationSans-Bold.ttf"
)

//go:embed pages/*.map pages/*.json pages/*.z
var pagesFS embed.FS

// Style is a face of the family.
type Style int

// The faces letters use.
const (
	Regular Style = iota
	Bold
)

// Face is one page of one style, ready for fpdf's AddFontFromBytes, and its definition read,
// for a writer that embeds it itself.
type Face struct {
	Family string   // the family name to register, e.g. "ls03" (fpdf keeps names in lower case)
	Def    []byte   // fpdf's font definition (JSON)
	File   []byte   // the zlib-compressed subset font file
	Widths [256]int // advance widths by code, in 1/1000 em
	// From the definition: the PostScript name ("LiberationSans-Bold-P03"), the font file's
	// name and uncompressed size, and the descriptor's metrics.
	Name         string
	FileName     string
	OriginalSize int
	Desc         Desc
}

// Desc is a font descriptor's metrics, as fpdf's definition has them.
type Desc struct {
	Ascent, Descent, CapHeight, Flags int
	FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle, StemV, MissingWidth  int
}

var (
	loadOnce sync.Once
	faces    [2][]Face
	index    []uint16        // by rune (Basic Multilingual Plane): page<<8 | code; 0 = not covered
	advances [2][]uint16     // by style and rune: the advance width, that of '¤' for a rune not covered
	pages    [][256]rune     // by page and code: the character; 0 = none
	cmaps    []func() []byte // by page: the ToUnicode CMap, made once
)

func load() {
	maps, err := fs.Glob(pagesFS, "pages/p*.map")
	if err != nil || len(maps) == 0 {
		panic("fonts: no code pages embedded; run fonts/build.sh")
	}
	index = make([]uint16, 0x10000)
	pages = make([][256]rune, len(maps))
	for page := range maps {
		cmaps = append(cmaps, sync.OnceValue(func() []byte { return toUnicode(page) }))
	}
	for page, m := range maps {
		raw, _ := pagesFS.ReadFile(m)
		if err := readMap(raw, page); err != nil {
			panic(fmt.Sprintf("fonts: %s: %v", m, err))
		}
		for style, name := range map[Style]string{Regular: "Regular", Bold: "Bold"} {
			f, err := loadFace(fmt.Sprintf("pages/LiberationSans-%s-P%02d", name, page), page)
			if err != nil {
				panic("fonts: " + err.Error())
			}
			faces[style] = append(faces[style], f)
		}
	}
	// The widths by rune, for measuring text without looking up its page: one table a style.
	fallback := index['¤']
	for s := range advances {
		advances[s] = make([]uint16, len(index))
		for r, v := range index {
			if v == 0 {
				v = fallback
			}
			advances[s][r] = uint16(faces[s][v>>8].Widths[byte(v)])
		}
	}
}

// readMap reads one fpdf encoding file ("!41 U+0041 A" per line) into the index. The first page
// to claim a rune keeps it: the space is on every page, and page 0 holds it.
func readMap(raw []byte, page int) error {
	var code, uv int
	var name string
	for line := range splitLines(raw) {
		if _, err := fmt.Sscanf(line, "!%x U+%x %s", &code, &uv, &name); err != nil {
			return err
		}
		if name == ".notdef" || uv >= len(index) {
			continue
		}
		pages[page][code] = rune(uv)
		if index[uv] == 0 {
			index[uv] = uint16(page<<8 | code)
		}
	}
	return nil
}

func loadFace(base string, page int) (Face, error) {
	def, err := pagesFS.ReadFile(base + ".json")
	if err != nil {
		return Face{}, err
	}
	file, err := pagesFS.ReadFile(base + ".z")
	if err != nil {
		return Face{}, err
	}
	var d struct {
		Tp, Name, File string
		OriginalSize   int
		Desc           Desc
		Cw             []int
	}
	if err := json.Unmarshal(def, &d); err != nil || len(d.Cw) != 256 || d.Tp != "TrueType" || d.Name == "" || d.File == "" {
		return Face{}, fmt.Errorf("%s: bad definition", path.Base(base))
	}
	f := Face{Family: fmt.Sprintf("ls%02d", page), Def: def, File: file,
		Name: d.Name, FileName: d.File, OriginalSize: d.OriginalSize, Desc: d.Desc}
	copy(f.Widths[:], d.Cw)
	return f, nil
}

func splitLines(b []byte) func(func(string) bool) {
	return func(yield func(string) bool) {
		for len(b) > 0 {
			i := 0
			for i < len(b) && b[i] != '\n' {
				i++
			}
			if i > 0 && !yield(string(b[:i])) {
				return
			}
			if i < len(b) {
				i++
			}
			b = b[i:]
		}
	}
}

// Lookup gives the page and code of r, or ok=false when no embedded font can draw it.
func Lookup(r rune) (page int, code byte, ok bool) {
	loadOnce.Do(load)
	if r < 0 || int(r) >= len(index) || index[r] == 0 {
		return 0, 0, false
	}
	v := index[r]
	return int(v >> 8), byte(v), true
}

// Advance is the advance width of r in style s, in 1/1000 em; a rune no font has measures as
// '¤', the character a draft shows for it.
func Advance(s Style, r rune) int {
	loadOnce.Do(load)
	if r < 0 || int(r) >= len(index) {
		r = '¤'
	}
	return int(advances[s][r])
}

// Covers reports whether both the regular and the bold face can draw r, so that a letter can
// print r in a heading as well as in running text.
func Covers(r rune) bool {
	_, _, ok := Lookup(r)
	return ok
}

// Pages is the number of code pages.
func Pages() int {
	loadOnce.Do(load)
	return len(faces[Regular])
}

// FaceOf returns a page of a style.
func FaceOf(s Style, page int) *Face {
	loadOnce.Do(load)
	return &faces[s][page]
}

// ToUnicode is the deflated ToUnicode CMap of a code page: each code to its character, so that a
// reader needs no glyph-name list to get the text back (as PDF/UA asks). Built once per page.
func ToUnicode(page int) []byte {
	loadOnce.Do(load)
	return cmaps[page]()
}

func toUnicode(page int) []byte {
	var codes []int
	for code, r := range pages[page] {
		if r != 0 {
			codes = append(codes, code)
		}
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	for len(codes) > 0 { // at most 100 entries per block (ISO 32000-1, 9.10.3)
		n := min(len(codes), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, code := range codes[:n] {
			fmt.Fprintf(&b, "<%02X> <%04X>\n", code, pages[page][code])
		}
		b.WriteString("endbfchar\n")
		codes = codes[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(b.Bytes())
	w.Close()
	return z.Bytes()
}
