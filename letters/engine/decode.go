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
)

// MalformedError is a body that cannot be read as the letter it claims to be: not UTF-8, not
// JSON, or JSON values of the wrong type. The server answers it with 400.
type MalformedError struct {
	Detail string
	Faults []Finding // wrong types, one per field; empty for a syntax error
}

func (e *MalformedError) Error() string { return e.Detail }

// strictDecode fills v (a pointer to a struct) from body, the one reading of the body: it
// checks every value's JSON type and stores it as it reads it. body is UTF-8 and one valid JSON
// object (peekHead has made sure). Values of the wrong JSON type are a *MalformedError; members
// the type does not have are returned as unknown_field findings, all of them, so that one round
// trip shows the caller every misspelt name.
//
// What is stored is what encoding/json's Unmarshal stores (TestStrictDecodeFillsAsUnmarshal): a
// member whose name matches a field only when case is ignored is reported unknown and still
// read into the field, and a value there of the wrong type makes the body malformed, as
// Unmarshal's error did. The request types have no interface fields and no UnmarshalJSON.
func (s *servedStandard) strictDecode(body []byte, v any) ([]Finding, error) {
	target := reflect.ValueOf(v).Elem()
	w := walker{dec: &validTokens{b: body}, served: s, steps: make([]step, 0, 8)}
	err := w.value(target, false)
	if err == nil {
		_, err = w.dec.Token()
		if err == io.EOF {
			err = nil
		} else {
			err = errNotRead
		}
	}
	if err != nil {
		// The token reader met something it does not expect (it never should in valid JSON): read
		// again with encoding/json's Decoder, which says what is wrong.
		target.SetZero()
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		w = walker{dec: dec, served: s}
		if err := w.value(target, false); err != nil {
			return nil, syntaxError(err)
		}
		if _, err := w.dec.Token(); err != io.EOF {
			return nil, &MalformedError{Detail: "Forespørgslen indeholder mere end ét JSON-dokument."}
		}
	}
	if len(w.typeFaults) > 0 {
		return nil, &MalformedError{Detail: "Et eller flere felter har en forkert JSON-type.", Faults: w.typeFaults}
	}
	if w.refused {
		return nil, &MalformedError{Detail: "Forespørgslen er ikke gyldig JSON."}
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
	served     *servedStandard
	unknown    []Finding
	typeFaults []Finding
	steps      []step // the path to the value being read
	// refused: a value read quietly (under a name that matches a field only when case is ignored)
	// has the wrong type, which encoding/json's Unmarshal refused.
	refused bool
}

// step is one step of the path to the value the walk reads: a member's name (index -1; a name
// may be ""), or an entry's index in a list.
type step struct {
	name  string
	index int
}

// path is where the walk is ("granted[0].weekdays"), written out only for a finding.
func (w *walker) path() string {
	var b strings.Builder
	for i, s := range w.steps {
		switch {
		case s.index >= 0:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		case i > 0:
			b.WriteByte('.')
			fallthrough
		default:
			b.WriteString(s.name)
		}
	}
	return b.String()
}

// value reads one JSON value at the walk's path, checks its JSON type against v's and stores
// it in v. v is invalid for a value kept nowhere (an unknown member): it is read past. quiet reads as
// encoding/json does, without findings: a value under a name that is not the field's own.
func (w *walker) value(v reflect.Value, quiet bool) error {
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	if !v.IsValid() {
		return w.skipRest(tok)
	}
	if tok == nil { // null: the field is absent; required-ness is the validator's business
		switch v.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface:
			v.SetZero() // as encoding/json does; a string or a struct keeps its value
		}
		return nil
	}
	t := v.Type()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	want := jsonKindOf(t)
	got := jsonKindOfToken(tok)
	if want == "any" {
		panic(fmt.Sprintf("engine: a request field of type %s cannot be decoded", t))
	}
	if want != got {
		if quiet {
			w.refused = true
		} else {
			w.typeFaults = append(w.typeFaults, w.served.finding(w.path(), RuleInvalidFormat, "type", map[string]any{"Want": want, "Got": got}))
		}
		return w.skipRest(tok)
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	switch want {
	case "object":
		return w.object(v, quiet)
	case "array":
		return w.array(v, quiet)
	case "string":
		v.SetString(tok.(string))
	case "boolean":
		v.SetBool(tok.(bool))
	case "number":
		w.number(v, tok.(json.Number))
	}
	return nil
}

// array reads the elements of a list into the slice v, as encoding/json does: into the
// elements v has, then new ones; an empty list is an empty slice, not nil.
func (w *walker) array(v reflect.Value, quiet bool) error {
	i := 0
	for ; w.dec.More(); i++ {
		if i >= v.Cap() {
			v.Grow(1)
		}
		if i >= v.Len() {
			v.SetLen(i + 1)
		}
		w.steps = append(w.steps, step{index: i})
		if err := w.value(v.Index(i), quiet); err != nil {
			return err
		}
		w.steps = w.steps[:len(w.steps)-1]
	}
	if i < v.Len() {
		v.SetLen(i)
	}
	if i == 0 {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
	}
	_, err := w.dec.Token() // ]
	return err
}

// number stores a number in an integer or float field (a number for any other field is a
// type fault before this); one that does not fit is refused, as by encoding/json.
func (w *walker) number(v reflect.Value, n json.Number) {
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || v.OverflowInt(i) {
			w.refused = true
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			w.refused = true
			return
		}
		v.SetFloat(f)
	}
}

func (w *walker) object(v reflect.Value, quiet bool) error {
	var seen map[string]bool
	if !quiet {
		seen = map[string]bool{}
	}
	var fields *fieldSet
	var elem reflect.Value // a map's element, read into and then stored under its key
	if v.Kind() == reflect.Map {
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		elem = reflect.New(v.Type().Elem()).Elem()
	} else {
		fields = fieldsOf(v.Type())
	}
	nested := len(w.steps) > 0
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			return err
		}
		key := tok.(string)
		w.steps = append(w.steps, step{name: key, index: -1})
		if !quiet {
			if seen[key] {
				w.typeFaults = append(w.typeFaults, w.served.finding(w.path(), RuleInvalidFormat, "duplicate", nil))
			}
			seen[key] = true
		}
		if fields == nil { // a map: every key is allowed; the validator checks them
			elem.SetZero()
			err = w.value(elem, quiet)
			v.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), elem)
		} else {
			err = w.member(v, fields, key, quiet, nested)
		}
		if err != nil {
			return err
		}
		w.steps = w.steps[:len(w.steps)-1]
	}
	_, err := w.dec.Token() // }
	return err
}

// member reads the value of the member key of the struct v.
func (w *walker) member(v reflect.Value, fields *fieldSet, key string, quiet, nested bool) error {
	f, exact := fields.lookup(key)
	if !quiet && (!exact || key == "standard" && nested) {
		// Not a field of the type (a letter inside a letter is checked under the outer letter's
		// standard): reported, and read as encoding/json would read it, into a field whose name
		// matches when case is ignored.
		w.unknown = append(w.unknown, w.served.finding(w.path(), RuleUnknownField, "", map[string]any{"Name": key}))
		quiet = true
	}
	var field reflect.Value // none: the value is read past
	if f != nil {
		field = v.FieldByIndex(f.Index)
	}
	return w.value(field, quiet)
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

// fieldSet is the fields of a struct type that JSON reads, by name.
type fieldSet struct {
	list   []reflect.StructField
	byName map[string]int
}

// lookup finds the field a member called key is read into, as encoding/json finds it: the
// field of that name (exact), else the first whose name matches when case is ignored.
func (fs *fieldSet) lookup(key string) (f *reflect.StructField, exact bool) {
	if i, ok := fs.byName[key]; ok {
		return &fs.list[i], true
	}
	for i := range fs.list {
		if strings.EqualFold(jsonName(fs.list[i]), key) {
			return &fs.list[i], false
		}
	}
	return nil, false
}

var fieldCache sync.Map // reflect.Type -> *fieldSet

// fieldsOf is the fields of struct type t by JSON name, once per type; the fields of an
// embedded struct (an Envelope) stand as t's own, as encoding/json reads them.
func fieldsOf(t reflect.Type) *fieldSet {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(*fieldSet)
	}
	fs := &fieldSet{list: structFields(t), byName: map[string]int{}}
	for i, f := range fs.list {
		fs.byName[jsonName(f)] = i
	}
	fieldCache.Store(t, fs)
	return fs
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
