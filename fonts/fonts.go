// Package fonts owns the TrueType fonts embedded in every letter (Liberation Sans 2, SIL OFL 1.1,
// see LICENSE-LiberationSans.txt) and knows which characters they can draw.
package fonts

import (
	_ "embed"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// Family is the name the renderers register the fonts under.
const Family = "LiberationSans"

// Regular and Bold are the font files as shipped by Debian's fonts-liberation2 2.1.5.
var (
	//go:embed LiberationSans-Regular.ttf
	Regular []byte
	//go:embed LiberationSans-Bold.ttf
	Bold []byte
)

var (
	coverOnce sync.Once
	covered   []bool // indexed by rune, Basic Multilingual Plane only
)

// Covers reports whether both the regular and the bold face have a glyph for r, so that a
// letter can print r in a heading as well as in running text.
func Covers(r rune) bool {
	coverOnce.Do(buildCoverage)
	return r >= 0 && int(r) < len(covered) && covered[r]
}

func buildCoverage() {
	covered = make([]bool, 0x10000)
	for i := range covered {
		covered[i] = true
	}
	for _, file := range [][]byte{Regular, Bold} {
		f, err := sfnt.Parse(file)
		if err != nil {
			panic("fonts: embedded font does not parse: " + err.Error())
		}
		var buf sfnt.Buffer
		for r := range covered {
			if !covered[r] {
				continue
			}
			gi, err := f.GlyphIndex(&buf, rune(r))
			covered[r] = err == nil && gi != 0
		}
	}
}
