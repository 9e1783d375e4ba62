package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"

	_ "embed"

	"github.com/bronderslev/afgorelsesbreve/letters"
)

//go:embed openapi.json
var openapiBase []byte

// buildOpenAPI completes openapi.json with what the code knows: the rule codes, the codes and
// ids of the packs served, and the examples under testdata/decisions (the same files the tests
// use).
func buildOpenAPI(svc *letters.Service, examplesFS fs.FS) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openapiBase, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	finding := dig(doc, "components", "schemas", "Finding", "properties", "rule")
	var codes []any
	var descr strings.Builder
	var standardCodes []any
	descr.WriteString("Rule code, with what the rule rests on: law (an Act, or what the letter needs; no decision departs from it) or standard (the municipality's quality standard; a decision may depart from it with a reason, see Decision.deviations). Errors (422) unless marked as warnings: ")
	for _, r := range svc.Rules() {
		codes = append(codes, r.Code)
		fmt.Fprintf(&descr, "%s (%s%s); ", r.Code, r.Basis, map[bool]string{true: ", warning"}[r.Warning])
		if r.Basis == letters.BasisStandard && r.Kind == letters.KindDecision {
			standardCodes = append(standardCodes, r.Code)
		}
	}
	finding["enum"] = codes
	finding["description"] = strings.TrimSuffix(descr.String(), "; ")
	// A decision departs only from rules of the standard: they are what deviations may name.
	dig(doc, "components", "schemas", "Decision", "properties", "deviations", "items", "properties", "rule")["enum"] = standardCodes

	// The limits every letter has (422 text_too_long and too_many_items), on every free text and
	// list of the request schemas, from the constants the rules use.
	for _, name := range []string{"Decision", "Case", "Citizen", "Receipt", "Reassessment", "Meeting", "FollowUp"} {
		addLimits(dig(doc, "components", "schemas", name))
	}

	// The codes that depend on the standard follow the packs served: the union of every pack's
	// activities and development courses, and the packs' ids.
	activities, courses, ids := []any{}, []any{}, []any{}
	for _, std := range svc.Standards() {
		ids = append(ids, std.ID)
		activities = appendNew(activities, slices.Sorted(maps.Keys(std.Lists.Activities)))
		courses = appendNew(courses, slices.Sorted(maps.Keys(std.Lists.DevelopmentCourses)))
	}
	grant := dig(doc, "components", "schemas", "Decision", "properties", "granted", "items", "properties")
	dig(grant, "activities", "items")["enum"] = activities
	dig(grant, "development_course")["enum"] = append(slices.Clone(courses), nil)
	dig(doc, "components", "schemas", "FollowUp", "properties", "development_course")["enum"] = append(slices.Clone(courses), nil)
	for _, name := range []string{"Decision", "Receipt", "Reassessment", "FollowUp"} {
		dig(doc, "components", "schemas", name, "properties", "standard")["enum"] = ids
	}

	examples, err := readExamples(examplesFS)
	if err != nil {
		return nil, err
	}
	ex := map[string]any{}
	for _, e := range examples {
		if !strings.HasPrefix(e.Name, "rules/") {
			ex[e.Name] = map[string]any{"summary": e.Name, "value": e.JSON}
		}
	}
	for _, p := range []string{"/v1/letters", "/v1/messages", "/v1/validations", "/v1/previews"} {
		dig(doc, "paths", p, "post", "requestBody", "content", "application/json")["examples"] = ex
	}
	var buf bytes.Buffer
	if err := jsonEncode(&buf, doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// appendNew appends the codes list does not have yet.
func appendNew(list []any, codes []string) []any {
	for _, c := range codes {
		if !slices.Contains(list, any(c)) {
			list = append(list, c)
		}
	}
	return list
}

// addLimits gives each free text (a string without enum, format or pattern) maxLength and each
// list maxItems, in a schema and the schemas inside it.
func addLimits(s map[string]any) {
	types := fmt.Sprint(s["type"])
	switch {
	case strings.Contains(types, "array"):
		s["maxItems"] = letters.MaxListItems
	case strings.Contains(types, "string") && s["enum"] == nil && s["format"] == nil && s["pattern"] == nil:
		s["maxLength"] = letters.MaxTextLength
	}
	if props, ok := s["properties"].(map[string]any); ok {
		for _, p := range props {
			addLimits(p.(map[string]any))
		}
	}
	if items, ok := s["items"].(map[string]any); ok {
		addLimits(items)
	}
}

func dig(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		m = m[k].(map[string]any)
	}
	return m
}

// jsonEncode writes v as JSON without escaping <, > and & (the texts are Danish, not HTML).
func jsonEncode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
