package decision

import (
	_ "embed"

	"github.com/bronderslev/afgorelsesbreve/letters/engine"
)

// openAPI is the decision's part of the service's OpenAPI description.
//
//go:embed openapi.json
var openAPI []byte

// api is what the server and the preview need to know of a decision's request (Kind.API).
var api = engine.API{
	Schema:  "Decision",
	OpenAPI: openAPI,
	Limits:  []string{"Case", "Citizen"},
	Codes: []engine.CodeField{
		{Path: "granted[].activities[]", Label: "activity", List: func(s *engine.Standard) map[string]string { return s.Lists.Activities }},
		{Path: "granted[].development_course", Label: "development_course", List: func(s *engine.Standard) map[string]string { return s.Lists.DevelopmentCourses }},
	},
	Deviations: "deviations",
}
