package reassessment

import (
	_ "embed"

	"github.com/bronderslev/afgorelsesbreve/letters/engine"
)

// openAPI is the reassessment's part of the service's OpenAPI description; its "decision" is
// the decision's schema.
//
//go:embed openapi.json
var openAPI []byte

// api is what the server and the preview need to know of a reassessment's request (Kind.API).
var api = engine.API{Schema: "Reassessment", OpenAPI: openAPI}
