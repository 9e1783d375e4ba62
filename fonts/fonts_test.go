package fonts

import (
	"os"
	"testing"
)

func TestCoversLatinNamesAndDanishPunctuation(t *testing.T) {
	for _, r := range "ÆØÅæøåŁłśŚễĞğ§„“”–•éüÖ€" {
		if !Covers(r) {
			t.Errorf("font should cover %q (U+%04X)", r, r)
		}
	}
}

func TestDoesNotCoverScriptsOutsideTheFont(t *testing.T) {
	for _, r := range []rune{'漢', '😀', 0x0007, 0x200D, 0xFFFD, 0x1F600} {
		if Covers(r) {
			t.Errorf("font should not claim to cover U+%04X", r)
		}
	}
}

// Danish needs only page 0, so a Danish letter embeds two small fonts.
func TestDanishIsOnPageZero(t *testing.T) {
	for _, r := range "abcæøåÆØÅ §„“”–•€0123456789.,:;!?()-/" {
		if p, _, _ := Lookup(r); p != 0 {
			t.Errorf("%q is on page %d", r, p)
		}
	}
	if p, c, _ := Lookup('Ł'); p == 0 || c < 0x21 {
		t.Errorf("Ł: page %d code %#x", p, c)
	}
	if FaceOf(Bold, 0).Widths['W'] <= FaceOf(Regular, 0).Widths['i'] {
		t.Error("widths are not loaded")
	}
}

// Every page and face is embedded, and the source fonts are kept for build.sh.
func TestPagesAndSourcesArePresent(t *testing.T) {
	if n := Pages(); n < 2 {
		t.Fatalf("%d pages", n)
	}
	for s := Regular; s <= Bold; s++ {
		for p := range Pages() {
			if f := FaceOf(s, p); len(f.Def) == 0 || len(f.File) < 1000 {
				t.Errorf("style %d page %d is empty", s, p)
			}
		}
	}
	for _, src := range []string{RegularSource, BoldSource, "LICENSE-LiberationSans.txt"} {
		if _, err := os.Stat(src); err != nil {
			t.Error(err)
		}
	}
}
