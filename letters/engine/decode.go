package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// MalformedError is a body that cannot be read as the letter it claims to be: not UTF-8, not
// JSON, or JSON values of the wrong type. The server answers it with 400.
type MalformedError struct {
	Detail string
	Faults []Finding // wrong types, one per field; empty for a syntax error
}

func (e *MalformedError) Error() string { return e.Detail }

// strictDecode fills v (a pointer to a struct) from body. Values of the wrong JSON type are a
// *MalformedError; fields the type does not have are returned as unknown_field findings, all of
// them, so that one round trip shows the caller every misspelt name.
func (s *edition) strictDecode(body []byte, v any) ([]Finding, error) {
	if !utf8.Valid(body) {
		return nil, &MalformedError{Detail: "Forespørgslen er ikke gyldig UTF-8."}
	}
	// The body has been unmarshalled once (peekHead): it is one valid JSON value, and the walk
	// reads it with validTokens. Should that reader meet anything it does not expect, the walk
	// starts again with encoding/json's Decoder, which says what is wrong.
	w := walker{dec: &validTokens{b: body}, ed: s}
	err := w.value(reflect.TypeOf(v).Elem(), "")
	if err == nil {
		_, err = w.dec.Token()
		if err == io.EOF {
			err = nil
		} else {
			err = errNotRead
		}
	}
	if err != nil {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		w = walker{dec: dec, ed: s}
		if err := w.value(reflect.TypeOf(v).Elem(), ""); err != nil {
			return nil, syntaxError(err)
		}
		if _, err := w.dec.Token(); err != io.EOF {
			return nil, &MalformedError{Detail: "Forespørgslen indeholder mere end ét JSON-dokument."}
		}
	}
	if len(w.typeFaults) > 0 {
		return nil, &MalformedError{Detail: "Et eller flere felter har en forkert JSON-type.", Faults: w.typeFaults}
	}
	if err := json.Unmarshal(body, v); err != nil {
		return nil, syntaxError(err) // unreachable after the walk, but never ignore an error
	}
	return w.unknown, nil
}

func syntaxError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &MalformedError{Detail: fmt.Sprintf("Forespørgslen er ikke gyldig JSON (fejl ved tegn %d).", se.Offset)}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &MalformedError{Detail: "Forespørgslen er ikke gyldig JSON (den slutter for tidligt)."}
	}
	return &MalformedError{Detail: "Forespørgslen er ikke gyldig JSON."}
}

type walker struct {
	dec        tokenStream
	ed         *edition
	unknown    []Finding
	typeFaults []Finding
}

// value reads one JSON value at path and checks it against t.
func (w *walker) value(t reflect.Type, path string) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	if tok == nil { // null: the field is absent; required-ness is the validator's business
		return nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	want := jsonKindOf(t)
	got := jsonKindOfToken(tok)
	if want != got && want != "any" {
		w.typeFaults = append(w.typeFaults, w.ed.finding(path, RuleInvalidFormat, "type", map[string]any{"Want": want, "Got": got}))
		return w.skipRest(tok)
	}
	switch want {
	case "object":
		return w.object(t, path)
	case "array":
		for i := 0; w.dec.More(); i++ {
			if err := w.value(t.Elem(), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		_, err = w.dec.Token() // ]
		return err
	case "any":
		return w.skipRest(tok)
	}
	return nil
}

func (w *walker) object(t reflect.Type, path string) error {
	fields := jsonFields(t)
	seen := map[string]bool{}
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string)
		p := key
		if path != "" {
			p = path + "." + key
		}
		if seen[key] {
			w.typeFaults = append(w.typeFaults, w.ed.finding(p, RuleInvalidFormat, "duplicate", nil))
		}
		seen[key] = true
		ft, ok := fields[key]
		if t.Kind() == reflect.Map { // every key is allowed; the validator checks them
			ft, ok = t.Elem(), true
		}
		if key == "standard" && path != "" {
			ok = false // a letter inside a letter is checked under the outer letter's standard
		}
		if !ok {
			w.unknown = append(w.unknown, w.ed.finding(p, RuleUnknownField, "", map[string]any{"Name": key}))
			ft = anyType
		}
		if err := w.value(ft, p); err != nil {
			return err
		}
	}
	_, err := w.dec.Token() // }
	return err
}

// skipRest consumes the rest of a value whose first token was tok.
func (w *walker) skipRest(tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || d == '}' || d == ']' {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

var anyType = reflect.TypeOf((*any)(nil)).Elem()

func jsonKindOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "number"
	case reflect.Slice:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return "any"
}

func jsonKindOfToken(tok json.Token) string {
	switch tok := tok.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case json.Delim:
		if tok == '{' {
			return "object"
		}
		return "array"
	}
	return "null"
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// jsonFields maps the JSON names of t's fields to their types, once per type; the fields of an
// embedded struct (an Envelope) stand as t's own, as encoding/json reads them.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	if t.Kind() == reflect.Struct {
		for _, f := range structFields(t) {
			m[jsonName(f)] = f.Type
		}
	}
	fieldCache.Store(t, m)
	return m
}

// structFields lists the fields of struct type t that JSON reads, in order, with the fields of
// an embedded struct without a json name in its place (Index is the path from t), once per
// type. Two fields of one name are a programming error: encoding/json would drop both.
func structFields(t reflect.Type) []reflect.StructField {
	if fs, ok := structFieldCache.Load(t); ok {
		return fs.([]reflect.StructField)
	}
	var out []reflect.StructField
	var add func(t reflect.Type, index []int)
	add = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			f.Index = append(slices.Clone(index), i)
			if embedded(f) {
				add(f.Type, f.Index)
				continue
			}
			if jsonName(f) == "" {
				continue
			}
			for _, o := range out {
				if jsonName(o) == jsonName(f) {
					panic(fmt.Sprintf("%s: two fields are named %q in JSON", t, jsonName(f)))
				}
			}
			out = append(out, f)
		}
	}
	add(t, nil)
	structFieldCache.Store(t, out)
	return out
}

var structFieldCache sync.Map // reflect.Type -> []reflect.StructField

// embedded is a field whose fields encoding/json reads as the outer struct's: an embedded
// struct (not a pointer) without a json name.
func embedded(f reflect.StructField) bool {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	return f.Anonymous && f.Type.Kind() == reflect.Struct && name == ""
}

func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}
