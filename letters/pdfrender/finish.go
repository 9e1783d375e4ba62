package pdfrender

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/bronderslev/afgorelsesbreve/fonts"
	"github.com/bronderslev/afgorelsesbreve/letters/document"

	"github.com/klauspost/compress/zlib"
)

// finish turns what fpdf drew into the file the service sends: PDF/A-2a and PDF/UA-1. In the
// one pass that rewrites every object it
//   - writes a PDF 1.7 header with a binary comment line;
//   - deflates the page streams (fpdf writes them uncompressed; see below);
//   - gives each page /StructParents and /Tabs /S, and each font of a code page other than
//     Windows-1252 a ToUnicode map and no /Encoding (they are symbolic fonts, see fonts/);
//   - writes its own catalog (language, MarkInfo, the structure tree, DisplayDocTitle, XMP
//     metadata, the sRGB output intent) and Info dictionary (dates with their time zone);
//   - appends the structure tree and its parent tree, the XMP packet, the output intent and
//     its ICC profile;
//   - ends with a trailer whose /ID is a hash of the content, so that the same document still
//     gives the same bytes.
//
// fpdf makes a new zlib writer, about 1 MB of tables, for every stream it compresses; for a
// four-page letter that was most of the rendering time. So it writes the page streams
// uncompressed and they are deflated here with writers that are reused. The writers and
// buffers are kept on free lists of a fixed size rather than in a sync.Pool, which the garbage
// collector empties at every cycle: under load that is many times a second.
//
// The deflater is klauspost/compress's, not Go's compress/zlib: at BestSpeed it takes about a
// tenth less of a letter's CPU, which took the service past 200 times a warm Chromium under
// load (#23, README Performance). Its output differs from Go's, so letters drawn before it
// differ in their bytes (and X-Letter-SHA256) from the same body drawn since; the same body
// still gives the same bytes. Changing its version or level changes every letter's bytes again.
var (
	zwriters = newFreeList(func() *zlib.Writer {
		w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
		return w
	})
	buffers = newFreeList(func() *bytes.Buffer { return bytes.NewBuffer(make([]byte, 0, 128<<10)) })
)

// The output intent's profile: the ICC's sRGB2014.icc (LICENSE-sRGB2014.txt: may be copied
// and embedded without restriction), deflated once.
//
//go:embed sRGB2014.icc
var srgbICC []byte

var srgbDeflated = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write(srgbICC)
	w.Close()
	return b.Bytes()
})

// producer names what made the file, in the Info dictionary and the XMP packet alike.
const producer = "afgorelsesbreve (codeberg.org/go-pdf/fpdf)"

// freeList keeps up to 4 items per CPU for reuse; Get makes a new one when it is empty.
type freeList[T any] struct {
	items chan T
	fresh func() T
}

func newFreeList[T any](fresh func() T) *freeList[T] {
	return &freeList[T]{items: make(chan T, 4*runtime.GOMAXPROCS(0)), fresh: fresh}
}

func (l *freeList[T]) Get() T {
	select {
	case v := <-l.items:
		return v
	default:
		return l.fresh()
	}
}

func (l *freeList[T]) Put(v T) {
	select {
	case l.items <- v:
	default:
	}
}

// finish writes pdf, as fpdf wrote it, with the pages' content streams and the fonts the
// letter used, to out (see above), in steps: read fpdf's cross-reference table (readXref),
// find the pages among its objects (findObjects), number the fonts and the objects finish adds
// (usedFonts, number), rewrite every object (rewriteObjects), append the objects of tagging
// and archiving (appendObjects) and write the cross-reference table and trailer (writeXref).
// It fails, rather than write a broken file, when fpdf's file is not what it expects. It
// returns the SHA-256 of the whole file it wrote, hashed in the pass that makes the /ID.
func finish(pdf []byte, out *bytes.Buffer, d *document.Document, tree *structTree, pages []content, used [2][]bool) (sum [32]byte, err error) {
	f, err := readXref(pdf)
	if err != nil {
		return sum, err
	}
	objs, err := findObjects(f)
	if err != nil {
		return sum, err
	}
	if len(objs.pages) != len(pages) || len(pages) < len(tree.mcids) {
		return sum, fmt.Errorf("pdfrender: fpdf wrote %d pages, the layout drew %d", len(objs.pages), len(pages))
	}
	fs, err := usedFonts(used, objs.fontsAt)
	if err != nil {
		return sum, err
	}
	shift := renumber{from: objs.fontsAt, by: fs.count()}
	n := number(f.count+fs.count(), fs.codePages(), len(tree.elems))
	offsets := make([]int, n.size)
	if err := rewriteObjects(out, offsets, f, objs, fs, shift, n, d, pages); err != nil {
		return sum, err
	}
	appendObjects(out, offsets, n, d, tree, objs.pages)
	return writeXref(out, offsets, shift.of(f.root), shift.of(f.info)), nil
}

// fpdfFile is fpdf's file as its cross-reference table describes it.
type fpdfFile struct {
	pdf        []byte
	objs       []object // in file order
	xref       int      // where the table starts: the end of the last object
	count      int      // the table's size, object 0 included
	root, info int      // the catalog's and the Info dictionary's numbers
}

type object struct{ num, off int }

// body is the i-th object in file order, from "N 0 obj" to the start of the next.
func (f *fpdfFile) body(i int) []byte {
	end := f.xref
	if i+1 < len(f.objs) {
		end = f.objs[i+1].off
	}
	return f.pdf[f.objs[i].off:end]
}

// readXref reads the classic cross-reference table fpdf writes ("xref", "0 N", N entries of 20
// bytes) and the trailer's /Root and /Info.
func readXref(pdf []byte) (*fpdfFile, error) {
	xref := bytes.LastIndex(pdf, []byte("\nxref\n")) + 1
	trailer := bytes.LastIndex(pdf, []byte("trailer\n"))
	if xref <= 0 || trailer < xref {
		return nil, errors.New("pdfrender: fpdf's file has no cross-reference table")
	}
	p := xref + len("xref\n")
	line, _, _ := bytes.Cut(pdf[p:], []byte("\n"))
	first, count, ok := bytes.Cut(line, []byte(" "))
	n, err := strconv.Atoi(string(count))
	if !ok || string(first) != "0" || err != nil || n < 1 {
		return nil, fmt.Errorf("pdfrender: fpdf's cross-reference table starts %q, not \"0 N\"", line)
	}
	p += len(line) + 1
	if p+20*n > trailer {
		return nil, fmt.Errorf("pdfrender: fpdf's cross-reference table is shorter than its %d entries", n)
	}
	f := &fpdfFile{pdf: pdf, xref: xref, count: n, objs: make([]object, 0, n)}
	for i := range n {
		e := pdf[p+20*i : p+20*i+20]
		if e[17] != 'n' {
			continue
		}
		off, ok := atoi(e[:10])
		var err error
		if !ok {
			err = errors.New("not a number")
		}
		var head [24]byte
		if err != nil || off >= xref || !bytes.HasPrefix(pdf[off:], objHead(head[:0], i)) {
			return nil, fmt.Errorf("pdfrender: fpdf's cross-reference entry %d (%q) does not point at object %d", i, e[:18], i)
		}
		f.objs = append(f.objs, object{i, off})
	}
	if len(f.objs) == 0 {
		return nil, errors.New("pdfrender: fpdf's file has no objects")
	}
	slices.SortFunc(f.objs, func(a, b object) int { return a.off - b.off })
	if f.root, err = trailerRef(pdf[trailer:], "/Root "); err == nil {
		f.info, err = trailerRef(pdf[trailer:], "/Info ")
	}
	return f, err
}

// trailerRef is the number of the object the trailer names by key ("/Root ").
func trailerRef(trailer []byte, key string) (int, error) {
	_, rest, ok := bytes.Cut(trailer, []byte(key))
	num, _, ok2 := bytes.Cut(rest, []byte(" 0 R"))
	n, err := strconv.Atoi(string(num))
	if !ok || !ok2 || err != nil {
		return 0, fmt.Errorf("pdfrender: fpdf's trailer has no %s", key)
	}
	return n, nil
}

// objHead is "N 0 obj\n" appended to b.
func objHead(b []byte, num int) []byte {
	return append(strconv.AppendInt(b, int64(num), 10), " 0 obj\n"...)
}

// objects are what finish changes among fpdf's: by object number, the role and its page.
type objects struct {
	role    []role
	pages   []int // the pages' object numbers, in order
	fontsAt int   // the number after the last page's content: fpdf numbered fonts from here
}

type role struct {
	kind byte // 0: left as it is
	n    int  // the page, from 0
}

const (
	isPage byte = iota + 1
	isContent
)

var (
	pageHead  = []byte("<</Type /Page\n")
	contents  = []byte("/Contents ")
	noFonts   = []byte("/Font <<\n>>\n")
	streamEnd = []byte("\nendstream\nendobj\n")
)

// findObjects finds the pages, in order, and their content streams.
func findObjects(f *fpdfFile) (*objects, error) {
	o := &objects{role: make([]role, f.count), pages: make([]int, 0, 8)}
	for i, obj := range f.objs {
		b := f.body(i)[headLen(obj.num):]
		if !bytes.HasPrefix(b, pageHead) {
			continue
		}
		_, ref, ok := bytes.Cut(b, contents)
		num, _, ok2 := bytes.Cut(ref, []byte(" 0 R"))
		c, ok3 := atoi(num)
		if !ok || !ok2 || !ok3 || c <= 0 || c >= f.count {
			return nil, fmt.Errorf("pdfrender: fpdf's page object %d has no /Contents", obj.num)
		}
		o.role[obj.num] = role{isPage, len(o.pages)}
		o.role[c] = role{isContent, len(o.pages)}
		o.pages = append(o.pages, obj.num)
		o.fontsAt = max(o.fontsAt, obj.num+1, c+1)
	}
	if len(o.pages) == 0 {
		return nil, errors.New("pdfrender: fpdf's file has no pages")
	}
	return o, nil
}

// renumber makes room for the fonts: fpdf's objects from `from` on move up by `by`, and so do
// the references to them.
type renumber struct{ from, by int }

func (r renumber) of(num int) int {
	if num >= r.from {
		return num + r.by
	}
	return num
}

// refs appends dict with its references ("12 0 R") renumbered.
func (r renumber) refs(b, dict []byte) []byte {
	for {
		at := bytes.Index(dict, []byte(" 0 R"))
		if at < 0 {
			return append(b, dict...)
		}
		start := at
		for start > 0 && dict[start-1] >= '0' && dict[start-1] <= '9' {
			start--
		}
		num, ok := atoi(dict[start:at])
		if !ok || (start > 0 && dict[start-1] != ' ' && dict[start-1] != '[' && dict[start-1] != '\n') {
			b = append(b, dict[:at+4]...)
		} else {
			b = strconv.AppendInt(append(b, dict[:start]...), int64(r.of(num)), 10)
			b = append(b, " 0 R"...)
		}
		dict = dict[at+4:]
	}
}

// atoi reads a non-negative decimal number.
func atoi(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' || n > 1<<40 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0
}

// headLen is the length of "N 0 obj\n".
func headLen(num int) int {
	n := len(" 0 obj\n") + 1
	for ; num >= 10; num /= 10 {
		n++
	}
	return n
}

// numbering is the numbers of the objects finish adds after fpdf's: a ToUnicode map per code
// page in use (in page order), then the structure tree, the metadata and the output intent.
type numbering struct {
	cmap                             []int // by code page; 0: none
	structRoot, parentTree, elemBase int
	metadata, intent, profile, size  int
}

func number(count int, codePages []bool, elems int) numbering {
	n := numbering{cmap: make([]int, len(codePages))}
	next := count
	for pg, used := range codePages {
		if used {
			n.cmap[pg] = next
			next++
		}
	}
	n.structRoot, n.parentTree, n.elemBase = next, next+1, next+2
	next = n.elemBase + elems
	n.metadata, n.intent, n.profile, n.size = next, next+1, next+2, next+3
	return n
}

// rewriteObjects writes a PDF 1.7 header and every object of fpdf's in file order, renumbered
// around the fonts, noting their offsets: its own catalog and Info dictionary, each page with
// /StructParents and /Tabs, each page's content stream (the layout's, deflated), the resource
// dictionary with the fonts; the fonts after the Pages root; the rest as fpdf wrote it.
func rewriteObjects(out *bytes.Buffer, offsets []int, f *fpdfFile, o *objects, fs *fontSet, shift renumber, n numbering, d *document.Document, pages []content) error {
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	zw, z := zwriters.Get(), buffers.Get()
	defer zwriters.Put(zw)
	defer buffers.Put(z)
	b := out.AvailableBuffer()
	for i, obj := range f.objs {
		body := f.body(i)[headLen(obj.num):]
		num := shift.of(obj.num)
		offsets[num] = out.Len() + len(b)
		b = objHead(b, num)
		r := o.role[obj.num]
		switch {
		case obj.num == f.root:
			b = append(b, "<</Type /Catalog\n/Pages 1 0 R\n/Lang "...)
			b = appendPDFString(b, d.Meta.Language)
			b = append(b, "\n/MarkInfo <</Marked true>>\n/StructTreeRoot "...)
			b = appendRef(b, n.structRoot)
			b = append(b, "\n/ViewerPreferences <</DisplayDocTitle true>>\n/Metadata "...)
			b = appendRef(b, n.metadata)
			b = append(b, "\n/OutputIntents ["...)
			b = appendRef(b, n.intent)
			b = append(b, "]\n>>\nendobj\n"...)
		case obj.num == f.info:
			b = append(b, "<<"...)
			for _, kv := range infoEntries(d) {
				if kv[1] != "" {
					b = append(append(append(b, '/'), kv[0]...), ' ')
					b = append(appendPDFString(b, kv[1]), '\n')
				}
			}
			b = append(b, ">>\nendobj\n"...)
		case r.kind == isPage:
			at := bytes.Index(body, contents)
			b = append(b, body[:at]...)
			b = append(strconv.AppendInt(append(b, "/StructParents "...), int64(r.n), 10), "\n/Tabs /S\n"...)
			b = append(b, body[at:]...)
		case r.kind == isContent:
			if !bytes.HasSuffix(body, streamEnd) {
				return fmt.Errorf("pdfrender: fpdf's content stream %d does not end as a stream", obj.num)
			}
			z.Reset()
			zw.Reset(z)
			zw.Write(pages[r.n].b)
			if err := zw.Close(); err != nil {
				return err
			}
			b = append(b, "<</Filter /FlateDecode /Length "...)
			b = append(strconv.AppendInt(b, int64(z.Len()), 10), ">>\nstream\n"...)
			b = append(b, z.Bytes()...)
			b = append(b, streamEnd...)
		case obj.num == 2: // the resource dictionary, fpdf's without fonts
			head, tail, ok := bytes.Cut(body, noFonts)
			if !ok {
				return errors.New("pdfrender: fpdf's resource dictionary (object 2) is not one without fonts")
			}
			b = fs.resources(shift.refs(b, head))
			b = shift.refs(b, tail)
		default:
			dict, data := body, []byte(nil)
			if at := bytes.Index(body, []byte("\nstream\n")); at >= 0 {
				dict, data = body[:at], body[at:]
			}
			b = append(shift.refs(b, dict), data...)
		}
		if obj.num == 1 { // the Pages root: fpdf wrote the fonts next
			out.Write(b)
			fs.write(out, offsets, n.cmap)
			b = out.AvailableBuffer()
		}
	}
	out.Write(b)
	return nil
}

func appendRef(b []byte, num int) []byte {
	return append(strconv.AppendInt(b, int64(num), 10), " 0 R"...)
}

// appendObjects appends the ToUnicode maps, the structure tree, the XMP metadata, the output
// intent and its ICC profile.
func appendObjects(out *bytes.Buffer, offsets []int, n numbering, d *document.Document, tree *structTree, pages []int) {
	stream := func(num int, dict string, data []byte) {
		offsets[num] = out.Len()
		b := append(objHead(out.AvailableBuffer(), num), "<<"...)
		b = append(append(b, dict...), "/Length "...)
		b = append(strconv.AppendInt(b, int64(len(data)), 10), ">>\nstream\n"...)
		out.Write(b)
		out.Write(data)
		out.WriteString("\nendstream\nendobj\n")
	}
	for pg, num := range n.cmap {
		if num != 0 {
			stream(num, "/Filter /FlateDecode ", fonts.ToUnicode(pg))
		}
	}
	writeStructure(out, offsets, tree, pages, n.structRoot, n.parentTree, n.elemBase)
	stream(n.metadata, "/Type /Metadata /Subtype /XML ", xmp(d))
	offsets[n.intent] = out.Len()
	b := objHead(out.AvailableBuffer(), n.intent)
	b = append(b, "<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)\n"+
		"/RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile "...)
	b = append(appendRef(b, n.profile), ">>\nendobj\n"...)
	out.Write(b)
	stream(n.profile, "/N 3 /Filter /FlateDecode ", srgbDeflated())
}

// writeXref ends the file: the cross-reference table of every object (offsets by number, 0
// being the free head), and a trailer whose /ID is a hash of what came before it. It returns
// the SHA-256 of the whole file: the same hash, carried on over the table and the trailer, so
// that the file is read once for both (the service sends it as X-Letter-SHA256).
func writeXref(out *bytes.Buffer, offsets []int, root, info int) (sum [32]byte) {
	h := sha256.New()
	h.Write(out.Bytes())
	var id [32]byte
	h.Sum(id[:0])
	at := out.Len()
	b := append(out.AvailableBuffer(), "xref\n0 "...)
	b = append(strconv.AppendInt(b, int64(len(offsets)), 10), "\n0000000000 65535 f \n"...)
	entry := []byte("0000000000 00000 n \n")
	for _, off := range offsets[1:] {
		for i, v := 9, off; i >= 0; i, v = i-1, v/10 {
			entry[i] = byte('0' + v%10)
		}
		b = append(b, entry...)
	}
	b = append(strconv.AppendInt(append(b, "trailer\n<</Size "...), int64(len(offsets)), 10), " /Root "...)
	b = append(appendRef(b, root), " /Info "...)
	b = append(appendRef(b, info), " /ID [<"...)
	b = hex.AppendEncode(b, id[:16])
	b = append(b, "> <"...)
	b = hex.AppendEncode(b, id[:16])
	b = append(b, ">]>>\nstartxref\n"...)
	b = append(strconv.AppendInt(b, int64(at), 10), "\n%%EOF\n"...)
	out.Write(b)
	h.Write(b)
	h.Sum(sum[:0])
	return sum
}

// writeStructure appends the structure tree: its root, the parent tree (for each page, the
// element of each MCID) and an object per element, numbered from elemBase in tree order.
func writeStructure(out *bytes.Buffer, offsets []int, t *structTree, pages []int, root, parentTree, elemBase int) {
	b := out.AvailableBuffer() // formatted by hand, into out's spare room: this runs for every line of every letter
	ref := func(num int) { b = append(strconv.AppendInt(b, int64(num), 10), " 0 R"...) }
	obj := func(num int) {
		offsets[num] = out.Len() + len(b)
		b = append(strconv.AppendInt(b, int64(num), 10), " 0 obj\n<<"...)
	}
	obj(root)
	b = append(b, "/Type /StructTreeRoot /K "...)
	ref(elemBase)
	b = append(b, " /ParentTree "...)
	ref(parentTree)
	b = append(b, " /ParentTreeNextKey "...)
	b = append(strconv.AppendInt(b, int64(len(pages)), 10), ">>\nendobj\n"...)
	obj(parentTree)
	b = append(b, "/Nums ["...)
	for pg := range pages {
		b = append(strconv.AppendInt(b, int64(pg), 10), " ["...)
		if pg < len(t.mcids) {
			for _, e := range t.mcids[pg] {
				ref(elemBase + e)
				b = append(b, ' ')
			}
		}
		b = append(b, "]\n"...)
	}
	b = append(b, "]>>\nendobj\n"...)
	for i, e := range t.elems {
		parent := root
		if e.parent >= 0 {
			parent = elemBase + e.parent
		}
		obj(elemBase + i)
		b = append(append(append(b, "/S /"...), e.typ...), " /P "...)
		ref(parent)
		pg := -1
		for _, k := range e.kids {
			if k.elem < 0 {
				pg = k.page
				b = append(b, " /Pg "...)
				ref(pages[pg])
				break
			}
		}
		if e.attr != "" {
			b = append(append(b, ' '), e.attr...)
		}
		b = append(b, " /K ["...)
		for j, k := range e.kids {
			if j > 0 {
				b = append(b, ' ')
			}
			switch {
			case k.elem >= 0:
				ref(elemBase + k.elem)
			case k.page == pg:
				b = strconv.AppendInt(b, int64(k.mcid), 10)
			default:
				b = append(b, "<</Type /MCR /Pg "...)
				ref(pages[k.page])
				b = append(strconv.AppendInt(append(b, " /MCID "...), int64(k.mcid), 10), ">>"...)
			}
		}
		b = append(b, "]>>\nendobj\n"...)
	}
	out.Write(b)
}

// infoEntries are the Info dictionary's entries; xmp says the same in XMP.
func infoEntries(d *document.Document) [][2]string {
	return [][2]string{
		{"Title", d.Meta.Title}, {"Author", d.Meta.Author}, {"Subject", d.Meta.Subject},
		{"Creator", d.Meta.Author}, {"Producer", producer},
		{"CreationDate", pdfDate(d.Meta.Created)}, {"ModDate", pdfDate(d.Meta.Created)},
	}
}

// pdfDate is a date as PDF writes it, with its time zone: D:20261120000000+01'00'.
func pdfDate(t time.Time) string { return t.Format("D:20060102150405-07'00'") }

// pdfString is a PDF text string: literal when it is printable ASCII, else UTF-16BE with a
// byte order mark, in hex.
func pdfString(s string) string { return string(appendPDFString(nil, s)) }

func appendPDFString(b []byte, s string) []byte {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		b = append(b, '(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
		return append(b, ')')
	}
	const digits = "0123456789ABCDEF"
	b = append(b, "<FEFF"...)
	for _, r := range s {
		var units [2]uint16
		n := 1
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			units, n = [2]uint16{uint16(r1), uint16(r2)}, 2
		} else {
			units[0] = uint16(r)
		}
		for _, u := range units[:n] {
			b = append(b, digits[u>>12], digits[u>>8&15], digits[u>>4&15], digits[u&15])
		}
	}
	return append(b, '>')
}

// xmp is the metadata packet: the Info dictionary's entries in XMP, the language, and the
// claims PDF/A-2a (pdfaid) and PDF/UA-1 (pdfuaid, declared as a PDF/A extension schema, as
// PDF/A-2 requires for a schema it does not predefine).
func xmp(d *document.Document) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := d.Meta.Created.Format("2006-01-02T15:04:05-07:00")
	description := "" // an empty Subject is left out of both
	if d.Meta.Subject != "" {
		description = "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(d.Meta.Subject) + "</rdf:li></rdf:Alt></dc:description>\n"
	}
	var b bytes.Buffer
	// The extension schema stands first, in a description of its own, so that a reader knows
	// pdfuaid before it meets it (PDFBox's Preflight, for one, reads in document order).
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n" +
		`<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"` +
		` xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">` + "\n" +
		`<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">` + "\n" +
		"<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n" +
		"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n" +
		"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n" +
		`<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">` + "\n" +
		"<pdfaProperty:name>part</pdfaProperty:name>\n<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n" +
		"<pdfaProperty:category>internal</pdfaProperty:category>\n" +
		"<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n" +
		"</rdf:li></rdf:Seq></pdfaSchema:property>\n</rdf:li></rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n" +
		`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"` +
		` xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` + "\n")
	for _, part := range [...]string{
		"<dc:format>application/pdf</dc:format>\n<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", esc(d.Meta.Title),
		"</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq><rdf:li>", esc(d.Meta.Author), "</rdf:li></rdf:Seq></dc:creator>\n",
		description, "<dc:language><rdf:Bag><rdf:li>", esc(d.Meta.Language), "</rdf:li></rdf:Bag></dc:language>\n",
		"<xmp:CreateDate>", date, "</xmp:CreateDate>\n<xmp:ModifyDate>", date, "</xmp:ModifyDate>\n",
		"<xmp:CreatorTool>", esc(d.Meta.Author), "</xmp:CreatorTool>\n<pdf:Producer>", esc(producer), "</pdf:Producer>\n",
	} {
		b.WriteString(part)
	}
	b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n<pdfuaid:part>1</pdfuaid:part>\n" +
		"</rdf:Description>\n</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.Bytes()
}
