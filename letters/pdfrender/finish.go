package pdfrender

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	_ "embed"
	"encoding/xml"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/bronderslev/afgorelsesbreve/fonts"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
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

var (
	// pageFont finds the code page of one of the letter's fonts in its font dictionary.
	pageFont = regexp.MustCompile(`^\d+ 0 obj\n<</Type /Font\n/BaseFont /LiberationSans(?:-Bold)?-P(\d\d)\n/Subtype /TrueType\n`)
	rootRef  = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoRef  = regexp.MustCompile(`/Info (\d+) 0 R`)
)

// finish writes pdf, as fpdf wrote it, to out (see above). It reads the classic cross-reference
// table fpdf writes and fails rather than write a broken file.
func finish(pdf []byte, out *bytes.Buffer, d *document.Document, tree *structTree) error {
	xref := bytes.LastIndex(pdf, []byte("\nxref\n")) + 1
	trailer := bytes.LastIndex(pdf, []byte("trailer\n"))
	if xref <= 0 || trailer < xref {
		return fmt.Errorf("pdfrender: no cross-reference table")
	}
	p := xref + len("xref\n")
	eol := bytes.IndexByte(pdf[p:], '\n')
	var first, count int
	if _, err := fmt.Sscanf(string(pdf[p:p+eol]), "%d %d", &first, &count); err != nil || first != 0 {
		return fmt.Errorf("pdfrender: xref header: %v", err)
	}
	p += eol + 1
	type object struct{ num, off int }
	var objs []object
	for i := range count {
		e := pdf[p+20*i : p+20*i+20]
		if e[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil {
			return fmt.Errorf("pdfrender: xref entry %d: %w", i, err)
		}
		objs = append(objs, object{i, off})
	}
	if len(objs) == 0 {
		return fmt.Errorf("pdfrender: no objects")
	}
	slices.SortFunc(objs, func(a, b object) int { return a.off - b.off })
	body := func(i int) []byte {
		end := xref
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		return pdf[objs[i].off:end]
	}
	root, info := rootRef.FindSubmatch(pdf[trailer:]), infoRef.FindSubmatch(pdf[trailer:])
	if root == nil || info == nil {
		return fmt.Errorf("pdfrender: trailer without /Root or /Info")
	}
	rootNum, _ := strconv.Atoi(string(root[1]))
	infoNum, _ := strconv.Atoi(string(info[1]))

	// Numbers for the objects this pass adds, after fpdf's: a ToUnicode map per code page in
	// use (in page order), then the structure tree, the metadata and the output intent.
	var pages []int // object numbers of the pages, in order
	usedPage := make([]bool, fonts.Pages())
	for i, o := range objs {
		b := body(i)
		if bytes.HasPrefix(b[len(strconv.Itoa(o.num))+len(" 0 obj\n"):], []byte("<</Type /Page\n")) {
			pages = append(pages, o.num)
		} else if m := pageFont.FindSubmatch(b); m != nil {
			pg, _ := strconv.Atoi(string(m[1]))
			usedPage[pg] = pg > 0
		}
	}
	next := count
	cmapObj := make([]int, len(usedPage))
	for pg, used := range usedPage {
		if used {
			cmapObj[pg] = next
			next++
		}
	}
	structRoot, parentTree, elemBase := next, next+1, next+2
	next = elemBase + len(tree.elems)
	metadata, intent, profile := next, next+1, next+2
	size := next + 3

	offsets := make([]int, size)
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	zw, z := zwriters.Get(), buffers.Get()
	defer zwriters.Put(zw)
	defer buffers.Put(z)
	page := 0
	for i, o := range objs {
		obj := body(i)
		offsets[o.num] = out.Len()
		switch {
		case o.num == rootNum:
			fmt.Fprintf(out, "%d 0 obj\n<</Type /Catalog\n/Pages 1 0 R\n/Lang %s\n/MarkInfo <</Marked true>>\n"+
				"/StructTreeRoot %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>\n/Metadata %d 0 R\n/OutputIntents [%d 0 R]\n>>\nendobj\n",
				o.num, pdfString(d.Meta.Language), structRoot, metadata, intent)
			continue
		case o.num == infoNum:
			fmt.Fprintf(out, "%d 0 obj\n<<", o.num)
			for _, kv := range infoEntries(d) {
				if kv[1] != "" {
					fmt.Fprintf(out, "/%s %s\n", kv[0], pdfString(kv[1]))
				}
			}
			out.WriteString(">>\nendobj\n")
			continue
		case page < len(pages) && o.num == pages[page]:
			at := bytes.Index(obj, []byte("/Contents "))
			if at < 0 {
				return fmt.Errorf("pdfrender: page object %d has no /Contents", o.num)
			}
			out.Write(obj[:at])
			fmt.Fprintf(out, "/StructParents %d\n/Tabs /S\n", page)
			out.Write(obj[at:])
			page++
			continue
		}
		if m := pageFont.FindSubmatch(obj); m != nil && string(m[1]) != "00" {
			pg, _ := strconv.Atoi(string(m[1]))
			closing := bytes.LastIndex(obj, []byte(">>\nendobj"))
			if closing < 0 {
				return fmt.Errorf("pdfrender: font object %d has no end", o.num)
			}
			// A symbolic font: its codes are found through the font's own (3,0) cmap.
			out.Write(bytes.Replace(obj[:closing], []byte("/Encoding /WinAnsiEncoding\n"), nil, 1))
			fmt.Fprintf(out, "/ToUnicode %d 0 R\n", cmapObj[pg])
			out.Write(obj[closing:])
			continue
		}
		head := []byte(strconv.Itoa(o.num) + " 0 obj\n<</Length ")
		if !bytes.HasPrefix(obj, head) {
			out.Write(obj)
			continue
		}
		rest := obj[len(head):]
		n := bytes.Index(rest, []byte(">>\nstream\n"))
		length, err := strconv.Atoi(string(rest[:max(n, 0)]))
		data := rest[n+len(">>\nstream\n"):]
		if n < 0 || err != nil || len(data) < length || !bytes.HasPrefix(data[length:], []byte("\nendstream")) {
			out.Write(obj) // a stream with other keys (a font file): leave it as it is
			continue
		}
		z.Reset()
		zw.Reset(z)
		zw.Write(data[:length])
		if err := zw.Close(); err != nil {
			return err
		}
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, z.Len())
		out.Write(z.Bytes())
		out.Write(data[length:])
	}
	if page != len(pages) || len(pages) < len(tree.mcids) {
		return fmt.Errorf("pdfrender: %d pages written, %d found, %d with content", page, len(pages), len(tree.mcids))
	}
	stream := func(num int, dict string, data []byte) {
		offsets[num] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n<<%s/Length %d>>\nstream\n", num, dict, len(data))
		out.Write(data)
		out.WriteString("\nendstream\nendobj\n")
	}
	for pg, num := range cmapObj {
		if num != 0 {
			stream(num, "/Filter /FlateDecode ", fonts.ToUnicode(pg))
		}
	}
	writeStructure(out, offsets, tree, pages, structRoot, parentTree, elemBase)
	stream(metadata, "/Type /Metadata /Subtype /XML ", xmp(d))
	offsets[intent] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)\n"+
		"/RegistryName (http://www.color.org) /Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R>>\nendobj\n", intent, profile)
	stream(profile, "/N 3 /Filter /FlateDecode ", srgbDeflated())

	id := sha256.Sum256(out.Bytes())
	newXref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", size)
	entry := []byte("0000000000 00000 n \n")
	for num := 1; num < size; num++ {
		for i, v := 9, offsets[num]; i >= 0; i, v = i-1, v/10 {
			entry[i] = byte('0' + v%10)
		}
		out.Write(entry)
	}
	fmt.Fprintf(out, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		size, rootNum, infoNum, id[:16], id[:16], newXref)
	return nil
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
func pdfString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		var b bytes.Buffer
		b.WriteByte('(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[i])
		}
		b.WriteByte(')')
		return b.String()
	}
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
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
	fmt.Fprintf(&b, "<dc:format>application/pdf</dc:format>\n"+
		"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n"+
		"<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n"+
		"%s<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n"+
		"<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"+
		"<xmp:CreatorTool>%s</xmp:CreatorTool>\n<pdf:Producer>%s</pdf:Producer>\n",
		esc(d.Meta.Title), esc(d.Meta.Author), description, esc(d.Meta.Language), date, date,
		esc(d.Meta.Author), esc(producer))
	b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n<pdfuaid:part>1</pdfuaid:part>\n" +
		"</rdf:Description>\n</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return b.Bytes()
}
