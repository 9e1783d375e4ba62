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

// buildOpenAPI completes openapi.json with what the code knows: each letter kind's part of the
// description (its request schema, declared by the kind: server names no kind and no field of
// one), the rule codes, the codes and ids of the packs served, and the examples under
// testdata/decisions and testdata/letters (the same files the tests use).
func buildOpenAPI(svc *letters.Service, examplesFS fs.FS) ([]byte, error) {
	raw, err := describeKinds(svc)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	schemas := dig(doc, "components", "schemas")
	kinds := svc.KindInfos()
	see := ""
	for _, k := range kinds {
		if k.Deviations != "" && see == "" {
			see = ", see " + k.Schema + "." + k.Deviations
		}
	}
	finding := dig(schemas, "Finding", "properties", "rule")
	var codes []any
	var descr strings.Builder
	deviable := map[string][]any{} // by kind: the rules of the standard, which a deviation may name
	fmt.Fprintf(&descr, "Rule code, with what the rule rests on: law (an Act, or what the letter needs; no decision departs from it) or standard (the municipality's quality standard; a decision may depart from it with a reason%s). Errors (422) unless marked as warnings: ", see)
	for _, r := range svc.Rules() {
		codes = append(codes, r.Code)
		fmt.Fprintf(&descr, "%s (%s%s); ", r.Code, r.Basis, map[bool]string{true: ", warning"}[r.Warning])
		if r.Basis == letters.BasisStandard {
			deviable[r.Kind] = append(deviable[r.Kind], r.Code)
		}
	}
	finding["enum"] = codes
	finding["description"] = strings.TrimSuffix(descr.String(), "; ")

	// The codes that depend on the standard follow the packs served: the union of every pack's
	// codes of each list a kind's fields take, and the packs' ids.
	ids := []any{}
	for _, std := range svc.Standards() {
		ids = append(ids, std.ID)
	}
	for _, k := range kinds {
		request := dig(schemas, k.Schema)
		// A letter departs only from rules of the standard: they are what it may depart from.
		if k.Deviations != "" {
			dig(request, "properties", k.Deviations, "items", "properties", "rule")["enum"] = deviable[k.Name]
		}
		// The limits every letter has (422 text_too_long and too_many_items), on every free text
		// and list of the request schemas, from the constants the rules use.
		for _, name := range append([]string{k.Schema}, k.Limits...) {
			addLimits(dig(schemas, name))
		}
		for _, f := range k.Codes {
			enum := []any{}
			for _, std := range svc.Standards() {
				enum = appendNew(enum, slices.Sorted(maps.Keys(f.List(std))))
			}
			field := atPath(request, f.Path)
			if slices.Contains(types(field), "null") {
				enum = append(enum, nil)
			}
			field["enum"] = enum
		}
		dig(request, "properties", "standard")["enum"] = ids
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

// describeKinds is openapi.json with each kind's part in place: its schemas among the
// components, its request schema among the Letter's oneOf and its dates among Validation's.
func describeKinds(svc *letters.Service) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openapiBase, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	schemas := dig(doc, "components", "schemas")
	var oneOf, dates []any
	for _, k := range svc.KindInfos() {
		var part struct {
			Schemas map[string]any
			Dates   map[string]any
		}
		if err := json.Unmarshal(k.OpenAPI, &part); err != nil {
			return nil, fmt.Errorf("the OpenAPI description of the kind %q: %w", k.Name, err)
		}
		if part.Schemas[k.Schema] == nil {
			return nil, fmt.Errorf("the OpenAPI description of the kind %q has no schema %q", k.Name, k.Schema)
		}
		for name, s := range part.Schemas {
			if schemas[name] != nil {
				return nil, fmt.Errorf("the OpenAPI description of the kind %q names the schema %q again", k.Name, name)
			}
			schemas[name] = s
		}
		oneOf = append(oneOf, map[string]any{"$ref": "#/components/schemas/" + k.Schema})
		if part.Dates != nil {
			dates = append(dates, part.Dates)
		}
	}
	dig(schemas, "Letter")["oneOf"] = oneOf
	dig(schemas, "Validation", "properties", "dates")["anyOf"] = dates
	return json.Marshal(doc)
}

// atPath is the schema of a field of an object schema: property names, "[]" for a list's
// entries ("items[].codes[]").
func atPath(s map[string]any, path string) map[string]any {
	for _, p := range strings.Split(path, ".") {
		name, list := strings.CutSuffix(p, "[]")
		s = dig(s, "properties", name)
		if list {
			s = dig(s, "items")
		}
	}
	return s
}

// types lists a schema's type or types.
func types(s map[string]any) []string {
	switch t := s["type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return nil
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
