package fonts

import "testing"

func TestCoversLatinNamesAndDanishPunctuation(t *testing.T) {
	for _, r := range "ÆØÅæøåŁłśŚễĞğ§„“”–•éüÖ" {
		if !Covers(r) {
			t.Errorf("font should cover %q (U+%04X)", r, r)
		}
	}
}

func TestDoesNotCoverScriptsOutsideTheFont(t *testing.T) {
	for _, r := range []rune{'漢', '😀', 0x0007, 0xFFFF, 0x1F600} {
		if Covers(r) {
			t.Errorf("font should not claim to cover U+%04X", r)
		}
	}
}
