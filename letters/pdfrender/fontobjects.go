package pdfrender

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/bronderslev/afgorelsesbreve/fonts"
)

// The fonts' objects are written by finish, not by fpdf: fpdf parsed each face's definition
// (JSON) for every letter, hashed it to name it, and wrote its widths with a fmt.Sprintf each;
// that was a fifth of a letter's time and half of its allocations. Here each face's objects
// are made once per process, as fpdf wrote them, and only their numbers change per letter.
// They stand where fpdf put them: after the pages and the Pages root, before the logo.

// faceObjects is a face's objects, less their numbers.
type faceObjects struct {
	face *fonts.Face
	id   string // the name pages use for it: "F" + id
	key  string // fpdf's key, by which it ordered the fonts: family and style ("ls00B")
	// file is the font file's object after "N 0 obj\n"; widths the Widths array's.
	file, widths []byte
	// dict and descriptor are the font dictionary's and descriptor's text before their
	// references.
	dict, descriptor []byte
}

var faceObjectsOf sync.Map // *fonts.Face -> *faceObjects

func objectsOf(style fonts.Style, pg int) (*faceObjects, error) {
	face := fonts.FaceOf(style, pg)
	if v, ok := faceObjectsOf.Load(face); ok {
		return v.(*faceObjects), nil
	}
	st := ""
	if style == fonts.Bold {
		st = "B"
	}
	id, err := fontName(face, st)
	if err != nil {
		return nil, err
	}
	o := &faceObjects{face: face, id: id, key: face.Family + st}
	num := strconv.AppendInt
	b := append([]byte("<</Length "), strconv.Itoa(len(face.File))...)
	b = append(b, "\n/Filter /FlateDecode\n/Length1 "...)
	b = append(num(b, int64(face.OriginalSize), 10), "\n>>\nstream\n"...)
	b = append(append(b, face.File...), "\nendstream\nendobj\n"...)
	o.file = b
	b = []byte("[")
	for _, w := range face.Widths[32:] {
		b = append(num(b, int64(w), 10), ' ')
	}
	o.widths = append(b, "]\nendobj\n"...)
	o.dict = []byte("<</Type /Font\n/BaseFont /" + face.Name + "\n/Subtype /TrueType\n/FirstChar 32 /LastChar 255\n/Widths ")
	d := face.Desc
	b = []byte("<</Type /FontDescriptor /FontName /" + face.Name)
	for _, kv := range []struct {
		k string
		v int
	}{{" /Ascent ", d.Ascent}, {" /Descent ", d.Descent}, {" /CapHeight ", d.CapHeight}, {" /Flags ", d.Flags},
		{" /FontBBox [", d.FontBBox.Xmin}, {" ", d.FontBBox.Ymin}, {" ", d.FontBBox.Xmax}, {" ", d.FontBBox.Ymax},
		{"] /ItalicAngle ", d.ItalicAngle}, {" /StemV ", d.StemV}, {" /MissingWidth ", d.MissingWidth}} {
		b = num(append(b, kv.k...), int64(kv.v), 10)
	}
	o.descriptor = append(b, " /FontFile2 "...)
	v, _ := faceObjectsOf.LoadOrStore(face, o)
	return v.(*faceObjects), nil
}

// fontSet is the faces a letter uses, in fpdf's order, with their object numbers.
type fontSet struct {
	faces  []*faceObjects // by key: the dictionaries' order
	byFile []int          // the faces by file name: the files' order
	files  []int          // by face: the font file's number
	dicts  []int          // by face: the dictionary's number; the widths and descriptor follow
}

// usedFonts orders the faces a letter uses as fpdf did (the files by file name, then each
// font's dictionary, widths and descriptor by key), numbered from first.
func usedFonts(used [2][]bool, first int) (*fontSet, error) {
	s := &fontSet{}
	for style, pages := range used {
		for pg, u := range pages {
			if u {
				o, err := objectsOf(fonts.Style(style), pg)
				if err != nil {
					return nil, err
				}
				s.faces = append(s.faces, o)
			}
		}
	}
	n := len(s.faces)
	slices.SortFunc(s.faces, func(a, b *faceObjects) int { return strings.Compare(a.key, b.key) })
	s.byFile, s.files, s.dicts = make([]int, n), make([]int, n), make([]int, n)
	for i := range n {
		s.byFile[i] = i
		s.dicts[i] = first + n + 3*i
	}
	slices.SortFunc(s.byFile, func(a, b int) int { return strings.Compare(s.faces[a].face.FileName, s.faces[b].face.FileName) })
	for pos, i := range s.byFile {
		s.files[i] = first + pos
	}
	return s, nil
}

// count is the number of objects the fonts take.
func (s *fontSet) count() int { return 4 * len(s.faces) }

// codePages marks the code pages other than 0 the letter uses: each gets a ToUnicode map.
func (s *fontSet) codePages() []bool {
	used := make([]bool, fonts.Pages())
	for _, o := range s.faces {
		used[pageOf(o.face)] = pageOf(o.face) > 0
	}
	return used
}

// write appends the fonts' objects in number order, noting their offsets; a face of a code
// page other than 0 is a symbolic font, found through its own (3,0) cmap, with a ToUnicode
// map (cmap: the map's number by code page) and no /Encoding.
func (s *fontSet) write(out *bytes.Buffer, offsets []int, cmap []int) {
	b := out.AvailableBuffer()
	for _, i := range s.byFile {
		offsets[s.files[i]] = out.Len() + len(b)
		b = append(objHead(b, s.files[i]), s.faces[i].file...)
	}
	for i, o := range s.faces {
		num := s.dicts[i]
		offsets[num] = out.Len() + len(b)
		b = append(objHead(b, num), o.dict...)
		b = append(appendRef(b, num+1), "\n/FontDescriptor "...)
		b = append(appendRef(b, num+2), '\n')
		if pg := pageOf(o.face); pg == 0 {
			b = append(b, "/Encoding /WinAnsiEncoding\n"...)
		} else {
			b = append(appendRef(append(b, "/ToUnicode "...), cmap[pg]), '\n')
		}
		b = append(b, ">>\nendobj\n"...)
		offsets[num+1] = out.Len() + len(b)
		b = append(objHead(b, num+1), o.widths...)
		offsets[num+2] = out.Len() + len(b)
		b = append(objHead(b, num+2), o.descriptor...)
		b = append(appendRef(b, s.files[i]), ">>\nendobj\n"...)
	}
	out.Write(b)
}

// resources is the /Font entry of the resource dictionary: the faces by their names, in the
// names' order, as fpdf wrote it.
func (s *fontSet) resources(b []byte) []byte {
	order := slices.Clone(s.byFile)
	slices.SortFunc(order, func(x, y int) int { return strings.Compare(s.faces[x].id, s.faces[y].id) })
	b = append(b, "/Font <<\n"...)
	for _, i := range order {
		b = append(append(append(b, "/F"...), s.faces[i].id...), ' ')
		b = append(appendRef(b, s.dicts[i]), '\n')
	}
	return append(b, ">>\n"...)
}

// pageOf is a face's code page.
func pageOf(f *fonts.Face) int {
	n, _ := strconv.Atoi(f.Family[2:])
	return n
}
