package server

import (
	"testing"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/standard"
)

// The preview names a version by its municipality and date, and a pack without a date by its
// id, never with a dangling comma.
func TestStandardName(t *testing.T) {
	dated := &letters.Standard{ID: "broenderslev-sel104-2024-12", Issued: "december 2024", Municipality: standard.Municipality{Name: "Brønderslev Kommune"}}
	undated := &letters.Standard{ID: "dragoer-sel104-extract", Municipality: standard.Municipality{Name: "Dragør Kommune"}}
	if got := standardName(dated); got != "Brønderslev Kommune, december 2024" {
		t.Errorf("dated: %q", got)
	}
	if got := standardName(undated); got != "Dragør Kommune (dragoer-sel104-extract)" {
		t.Errorf("undated: %q", got)
	}
}
