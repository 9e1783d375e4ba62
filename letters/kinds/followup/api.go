package followup

import (
	_ "embed"

	"github.com/bronderslev/afgorelsesbreve/letters/engine"
)

// openAPI is the follow-up's part of the service's OpenAPI description.
//
//go:embed openapi.json
var openAPI []byte

// api is what the server and the preview need to know of a follow-up's request (Kind.API).
var api = engine.API{
	Schema:  "FollowUp",
	OpenAPI: openAPI,
	Limits:  []string{"Case", "Citizen", "Meeting"},
	Codes: []engine.CodeField{
		{Path: "development_course", Label: "development_course", List: func(s *engine.Standard) map[string]string { return s.Lists.DevelopmentCourses }},
	},
}
