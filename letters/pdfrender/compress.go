package pdfrender

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"slices"
	"strconv"
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

// compressStreams writes pdf to out with every unfiltered stream ("<</Length N>>") deflated. It
// reads the classic cross-reference table fpdf writes and fails rather than write a broken file.
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
	offsets := make([]int, count)
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
	newXref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", count)
	for num := 1; num < count; num++ {
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[num])
	}
	tail := pdf[trailer:]
	sx := bytes.LastIndex(tail, []byte("startxref\n"))
	out.Write(tail[:sx])
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", newXref)
	return nil
}
