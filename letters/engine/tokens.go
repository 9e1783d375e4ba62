package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// tokenStream is what the strict walk reads a body through: encoding/json's Decoder, or the
// reader below.
type tokenStream interface {
	Token() (json.Token, error)
	More() bool
}

// errNotRead is a body the token reader did not expect; the walk then starts again with
// encoding/json's Decoder, whose error the caller gets.
var errNotRead = errors.New("token reader: unexpected input")

// validTokens reads the tokens of a body that encoding/json has already found to be one valid
// JSON value (json.Valid, in peekHead), as Decoder.Token would, without the Decoder's cost:
// the Decoder makes an error value for the comma after every value it reads, and copies each
// value before it tokenises it, which was a third of Check's time.
type validTokens struct {
	b []byte
	i int
}

func (t *validTokens) skip() {
	for t.i < len(t.b) {
		switch t.b[t.i] {
		case ' ', '\t', '\n', '\r', ',', ':':
			t.i++
		default:
			return
		}
	}
}

// More reports whether the current object or array has another element.
func (t *validTokens) More() bool {
	t.skip()
	return t.i < len(t.b) && t.b[t.i] != ']' && t.b[t.i] != '}'
}

func (t *validTokens) Token() (json.Token, error) {
	t.skip()
	if t.i >= len(t.b) {
		return nil, io.EOF
	}
	c := t.b[t.i]
	switch c {
	case '{', '}', '[', ']':
		t.i++
		return json.Delim(c), nil
	case '"':
		start, escaped := t.i, false
		for t.i++; t.i < len(t.b); t.i++ {
			switch t.b[t.i] {
			case '\\':
				escaped = true
				t.i++
				continue
			case '"':
				t.i++
				raw := t.b[start:t.i]
				if !escaped {
					return string(raw[1 : len(raw)-1]), nil
				}
				var s string
				if err := json.Unmarshal(raw, &s); err != nil {
					return nil, errNotRead
				}
				return s, nil
			}
		}
		return nil, errNotRead
	case 't', 'f', 'n':
		for _, lit := range []struct {
			word string
			tok  json.Token
		}{{"true", true}, {"false", false}, {"null", nil}} {
			if bytes.HasPrefix(t.b[t.i:], []byte(lit.word)) {
				t.i += len(lit.word)
				return lit.tok, nil
			}
		}
		return nil, errNotRead
	}
	if c == '-' || c >= '0' && c <= '9' {
		start := t.i
		for t.i < len(t.b) && bytes.IndexByte([]byte("+-.eE0123456789"), t.b[t.i]) >= 0 {
			t.i++
		}
		return json.Number(t.b[start:t.i]), nil
	}
	return nil, errNotRead
}

// skipValue reads past the value that starts at the next token.
func (t *validTokens) skipValue() {
	t.skip()
	for depth := 0; t.i < len(t.b); {
		switch c := t.b[t.i]; {
		case c == '"':
			for t.i++; t.i < len(t.b) && t.b[t.i] != '"'; t.i++ {
				if t.b[t.i] == '\\' {
					t.i++
				}
			}
			t.i++
		case c == '{' || c == '[':
			depth++
			t.i++
		case c == '}' || c == ']':
			depth--
			t.i++
		case depth == 0: // a number or a literal at the top: to its end
			for t.i < len(t.b) && bytes.IndexByte([]byte(" \t\r\n,}]"), t.b[t.i]) < 0 {
				t.i++
			}
			return
		default:
			t.i++
		}
		if depth == 0 {
			return
		}
	}
}
