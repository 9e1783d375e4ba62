package pdfrender

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"

	"github.com/bronderslev/afgorelsesbreve/fonts"
)

// fpdf makes a new zlib writer, about 1 MB of tables, for every stream it compresses; for a
// four-page letter that was most of the rendering time. The renderer has fpdf write the page
// streams uncompressed and deflates them here with writers it reuses, then writes the
// cross-reference table anew. The font files come precompressed from fonts/.
//
// The writers and buffers are kept on free lists of a fixed size rather than in a sync.Pool,
// which the garbage collector empties at every cycle: under load that is many times a second.
var (
	zwriters = newFreeList(func() *zlib.Writer {
		w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
		return w
	})
	buffers = newFreeList(func() *bytes.Buffer { return bytes.NewBuffer(make([]byte, 0, 128<<10)) })
)

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

// pageFont finds the code page of one of the letter's fonts in its font dictionary.
var pageFont = regexp.MustCompile(`^\d+ 0 obj\n<</Type /Font\n/BaseFont /LiberationSans(?:-Bold)?-P(\d\d)\n/Subtype /TrueType\n`)

// compressStreams writes pdf to out with every unfiltered stream ("<</Length N>>") deflated, and
// gives each font of a code page other than Windows-1252 a ToUnicode map (fonts.ToUnicode), so
// that the text maps back to Unicode without a glyph-name list. It reads the classic
// cross-reference table fpdf writes and fails rather than write a broken file.
func compressStreams(pdf []byte, out *bytes.Buffer) error {
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
	slices.SortFunc(objs, func(a, b object) int { return a.off - b.off })

	out.Write(pdf[:objs[0].off])
	offsets := make([]int, count, count+fonts.Pages())
	cmapObj := map[int]int{} // code page -> number of its ToUnicode object
	zw, z := zwriters.Get(), buffers.Get()
	defer zwriters.Put(zw)
	defer buffers.Put(z)
	for i, o := range objs {
		end := xref
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		obj := pdf[o.off:end]
		offsets[o.num] = out.Len()
		if m := pageFont.FindSubmatch(obj); m != nil && string(m[1]) != "00" {
			page, _ := strconv.Atoi(string(m[1]))
			num, ok := cmapObj[page]
			if !ok {
				num = count + len(cmapObj)
				cmapObj[page] = num
			}
			closing := bytes.LastIndex(obj, []byte(">>\nendobj"))
			if closing < 0 {
				return fmt.Errorf("pdfrender: font object %d has no end", o.num)
			}
			out.Write(obj[:closing])
			fmt.Fprintf(out, "/ToUnicode %d 0 R\n", num)
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
	for page := range fonts.Pages() { // in page order: the same input, the same bytes
		num, ok := cmapObj[page]
		if !ok {
			continue
		}
		for len(offsets) <= num {
			offsets = append(offsets, 0)
		}
		offsets[num] = out.Len()
		cmap := fonts.ToUnicode(page)
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", num, len(cmap))
		out.Write(cmap)
		out.WriteString("\nendstream\nendobj\n")
	}
	size := len(offsets)
	newXref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for num := 1; num < size; num++ {
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[num])
	}
	tail := pdf[trailer:]
	sx := bytes.LastIndex(tail, []byte("startxref\n"))
	sizeKey := []byte("/Size " + strconv.Itoa(count) + "\n")
	if !bytes.Contains(tail[:sx], sizeKey) {
		return fmt.Errorf("pdfrender: trailer without /Size %d", count)
	}
	out.Write(bytes.Replace(tail[:sx], sizeKey, []byte("/Size "+strconv.Itoa(size)+"\n"), 1))
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", newXref)
	return nil
}
