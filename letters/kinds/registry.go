// Package kinds lists the letter kinds the service serves; each is a package under it (its
// request type, rules, composition and its part of the OpenAPI description).
package kinds

import (
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/decision"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/followup"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/reassessment"
	"github.com/bronderslev/afgorelsesbreve/letters/kinds/receipt"
)

// All are the letter kinds, in the order the service lists them. A new kind is a folder under
// kinds/ (its request type, rules, composition and openapi.json), one entry here, one template
// folder (templates/<kind>/) and one example under testdata/; the server needs no change.
func All() []engine.Kind {
	return []engine.Kind{decision.Kind, receipt.Kind, reassessment.Kind, followup.Kind}
}
