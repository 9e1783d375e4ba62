package pdfrender

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// fpdf makes a new zlib writer, about 1 MB of tables, for every stream it compresses; for a
// four-page letter that was most of the rendering time. The renderer has fpdf write the page
// streams uncompressed and deflates them here with writers it reuses, then writes the
// cross-reference table anew. The font files come precompressed from fonts/.
var zwriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// compressStreams returns pdf with every unfiltered stream ("<</Length N>>") deflated. It reads
// the classic cross-reference table fpdf writes and fails rather than return a broken file.
func compressStreams(pdf []byte) ([]byte, error) {
	xref := bytes.LastIndex(pdf, []byte("\nxref\n")) + 1
	trailer := bytes.LastIndex(pdf, []byte("trailer\n"))
	if xref <= 0 || trailer < xref {
		return nil, fmt.Errorf("pdfrender: no cross-reference table")
	}
	p := xref + len("xref\n")
	eol := bytes.IndexByte(pdf[p:], '\n')
	var first, count int
	if _, err := fmt.Sscanf(string(pdf[p:p+eol]), "%d %d", &first, &count); err != nil || first != 0 {
		return nil, fmt.Errorf("pdfrender: xref header: %v", err)
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
			return nil, fmt.Errorf("pdfrender: xref entry %d: %w", i, err)
		}
		objs = append(objs, object{i, off})
	}
	slices.SortFunc(objs, func(a, b object) int { return a.off - b.off })

	out := bytes.NewBuffer(make([]byte, 0, len(pdf)/2))
	out.Write(pdf[:objs[0].off])
	offsets := make([]int, count)
	zw := zwriters.Get().(*zlib.Writer)
	defer zwriters.Put(zw)
	for i, o := range objs {
		end := xref
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		obj := pdf[o.off:end]
		offsets[o.num] = out.Len()
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
		var z bytes.Buffer
		zw.Reset(&z)
		zw.Write(data[:length])
		if err := zw.Close(); err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, z.Len())
		out.Write(z.Bytes())
		out.Write(data[length:])
	}
	newXref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", count)
	for num := 1; num < count; num++ {
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[num])
	}
	tail := pdf[trailer:]
	sx := bytes.LastIndex(tail, []byte("startxref\n"))
	out.Write(tail[:sx])
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", newXref)
	return out.Bytes(), nil
}
