package receipt

import (
	_ "embed"

	"github.com/bronderslev/afgorelsesbreve/letters/engine"
)

// openAPI is the receipt's part of the service's OpenAPI description.
//
//go:embed openapi.json
var openAPI []byte

// api is what the server and the preview need to know of a receipt's request (Kind.API).
var api = engine.API{Schema: "Receipt", OpenAPI: openAPI, Limits: []string{"Case", "Citizen"}}
