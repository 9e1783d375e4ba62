package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"strings"

	_ "embed"

	"github.com/bronderslev/afgorelsesbreve/letters"
)

//go:embed openapi.json
var openapiBase []byte

// buildOpenAPI completes openapi.json with what the code knows: the rule codes and the
// examples under testdata/decisions (the same files the tests use).
func buildOpenAPI(svc *letters.Service, examplesFS fs.FS) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(openapiBase, &doc); err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	finding := dig(doc, "components", "schemas", "Finding", "properties", "rule")
	var codes []any
	var descr strings.Builder
	descr.WriteString("Rule code. Errors (422): ")
	for _, r := range svc.Rules() {
		codes = append(codes, r.Code)
		fmt.Fprintf(&descr, "%s%s; ", r.Code, map[bool]string{true: " (warning)"}[r.Warning])
	}
	finding["enum"] = codes
	finding["description"] = strings.TrimSuffix(descr.String(), "; ")

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
	for _, p := range []string{"/v1/letters", "/v1/validations", "/v1/previews"} {
		dig(doc, "paths", p, "post", "requestBody", "content", "application/json")["examples"] = ex
	}
	var buf bytes.Buffer
	if err := jsonEncode(&buf, doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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
