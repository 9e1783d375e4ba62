package pdfrender

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	"github.com/bronderslev/afgorelsesbreve/fonts"
)

// The pages' content streams are written here, not by fpdf: fpdf formats every operator with
// fmt.Sprintf and copies each page twice more on its way out, which was a third of a letter's
// time. fpdf still makes the document's objects (pages, fonts, the logo, the resources);
// finish puts these streams in the place of fpdf's page contents. The operators are those fpdf
// writes, byte for byte, so that a letter's file did not change.

// k is fpdf's scale, points a millimetre; a4H the page height as fpdf keeps it (from 841.89 pt).
const (
	k   = 72.0 / 25.4
	a4H = 841.89 / k
)

// content is one page's content stream.
type content struct{ b []byte }

func (c *content) num(v float64, prec int) { c.b = strconv.AppendFloat(c.b, v, 'f', prec, 64) }

func (c *content) str(s string) { c.b = append(c.b, s...) }

// prologue is what fpdf writes at the head of every page: line cap, join and width, the
// current font (from the second page), the colours, the font again.
func (c *content) prologue(font *selected) {
	c.str("0 J\n0 j\n0.57 w\n")
	if font.id != "" {
		c.font(font)
	}
	c.str("0.000 G\n0.000 g\n")
	if font.id != "" {
		c.font(font)
	}
}

// selected is a font as a content stream selects it: fpdf's name for the face, and the size.
type selected struct {
	id   string
	size float64
}

func (c *content) font(f *selected) {
	c.str("BT /F")
	c.str(f.id)
	c.b = append(c.b, ' ')
	c.num(f.size, 2)
	c.str(" Tf ET\n")
}

// text shows codes (one byte each, of the selected font) with the baseline's start at x, y (mm
// from the top left); colour is the text colour when it is not black ("0.784 g").
func (c *content) text(x, y float64, codes []byte, colour string) {
	if colour != "" {
		c.str("q ")
		c.str(colour)
		c.b = append(c.b, ' ')
	}
	c.str("BT ")
	c.num(x*k, 2)
	c.b = append(c.b, ' ')
	c.num((a4H-y)*k, 2)
	c.str(" Td (")
	for _, b := range codes {
		switch b {
		case '\\', '(', ')':
			c.b = append(c.b, '\\', b)
		case '\r':
			c.b = append(c.b, '\\', 'r')
		default:
			c.b = append(c.b, b)
		}
	}
	c.str(") Tj ET")
	if colour != "" {
		c.str(" Q")
	}
	c.b = append(c.b, '\n')
}

func (c *content) point(x, y float64) {
	c.num(x*k, 2)
	c.b = append(c.b, ' ')
	c.num((a4H-y)*k, 2)
}

// line strokes a line from x1, y1 to x2, y2.
func (c *content) line(x1, y1, x2, y2 float64) {
	c.point(x1, y1)
	c.str(" m ")
	c.point(x2, y2)
	c.str(" l S\n")
}

// rect strokes a rectangle with its top left corner at x, y.
func (c *content) rect(x, y, w, h float64) {
	c.point(x, y)
	c.b = append(c.b, ' ')
	c.num(w*k, 2)
	c.b = append(c.b, ' ')
	c.num(-h*k, 2)
	c.str(" re S\n")
}

func (c *content) lineWidth(w float64) {
	c.num(w*k, 2)
	c.str(" w\n")
}

// rotate turns what follows by angle degrees about x, y, until the Q of restore.
func (c *content) rotate(angle, x, y float64) {
	c.str("q\n")
	y = (a4H - y) * k
	x *= k
	a := angle * math.Pi / 180
	cos, sin := math.Cos(a), math.Sin(a)
	for _, v := range [6]float64{cos, sin, -sin, cos, x + sin*y - cos*x, y - cos*y - sin*x} {
		c.num(v, 5)
		c.b = append(c.b, ' ')
	}
	c.str("cm\n")
}

func (c *content) restore() { c.str("Q\n") }

// image draws the image fpdf knows by name in a box w x h with its top left corner at x, y.
func (c *content) image(name string, x, y, w, h float64) {
	c.str("q ")
	c.num(w*k, 5)
	c.str(" 0 0 ")
	c.num(h*k, 5)
	c.b = append(c.b, ' ')
	c.num(x*k, 5)
	c.b = append(c.b, ' ')
	c.num((a4H-(y+h))*k, 5)
	c.str(" cm /I")
	c.str(name)
	c.str(" Do Q\n")
}

// raw writes an operator line as it is (marked content).
func (c *content) raw(s string) {
	c.str(s)
	c.b = append(c.b, '\n')
}

// Names fpdf gives a font or an image in a page's content (/F… and /I…: hashes of what it
// parsed) are learnt once per process, by letting fpdf draw with the face or the image on a
// page of its own and reading what it wrote.
var (
	fontNames sync.Map // *fonts.Face -> string
	imageMu   sync.Mutex
	imageIDs  = map[string]map[string]string{} // by type, the image's bytes: its name; a few logos a process
)

func fontName(face *fonts.Face, style string) (string, error) {
	if v, ok := fontNames.Load(face); ok {
		return v.(string), nil
	}
	name, err := probe(func(f *fpdf.Fpdf) {
		f.AddFontFromBytes(face.Family, style, face.Def, face.File)
		f.AddPage()
		f.SetFont(face.Family, style, 1)
	}, "BT /F", " 1.00 Tf ET")
	if err != nil {
		return "", fmt.Errorf("pdfrender: the name of font %s %s: %w", face.Family, style, err)
	}
	fontNames.Store(face, name)
	return name, nil
}

func imageName(data []byte, opts fpdf.ImageOptions) (string, error) {
	imageMu.Lock()
	name, ok := imageIDs[opts.ImageType][string(data)] // no copy of the bytes for the lookup
	imageMu.Unlock()
	if ok {
		return name, nil
	}
	name, err := probe(func(f *fpdf.Fpdf) {
		f.RegisterImageOptionsReader("logo", opts, bytes.NewReader(data))
		f.AddPage()
		f.ImageOptions("logo", 0, 0, 10, 10, false, opts, 0, "")
	}, " cm /I", " Do Q")
	if err != nil {
		return "", fmt.Errorf("pdfrender: the logo: %w", err)
	}
	imageMu.Lock()
	if imageIDs[opts.ImageType] == nil {
		imageIDs[opts.ImageType] = map[string]string{}
	}
	if len(imageIDs[opts.ImageType]) < 64 {
		imageIDs[opts.ImageType][string(data)] = name
	}
	imageMu.Unlock()
	return name, nil
}

// probe draws a page with fpdf and returns what stands between before and after in its
// (uncompressed) content.
func probe(draw func(*fpdf.Fpdf), before, after string) (string, error) {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	f.SetCompression(false)
	draw(f)
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		return "", err
	}
	_, rest, ok := bytes.Cut(b.Bytes(), []byte(before))
	name, _, ok2 := bytes.Cut(rest, []byte(after))
	if !ok || !ok2 || len(name) == 0 || bytes.ContainsAny(name, " \n") {
		return "", fmt.Errorf("fpdf wrote no %q…%q", before, after)
	}
	return string(name), nil
}
