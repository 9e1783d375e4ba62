package server

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/gin-gonic/gin"
)

// Token is one caller's bearer token, kept only as a SHA-256 hash, with the municipalities
// whose letters it may draw (none: every municipality served).
type Token struct {
	hash           [32]byte
	Municipalities []string
	Line           int // the line it was read from, for errors that must never show the token
}

// Tokens are the callers' tokens.
type Tokens []Token

// ParseTokens reads tokens separated by commas or line breaks; blank entries and lines that
// start with # are skipped. A line "<token> <municipality-id>[,<municipality-id>…]" binds its
// token to those municipalities (a # after them starts a comment); a token without names serves
// every municipality. A token given twice is refused, with the lines named.
func ParseTokens(r io.Reader) (Tokens, error) {
	var out Tokens
	seen := map[[32]byte]int{}
	add := func(t string, line int, municipalities []string) error {
		if len(t) < 16 {
			return fmt.Errorf("line %d: a token must have at least 16 characters", line)
		}
		h := sha256.Sum256([]byte(t))
		if first, dup := seen[h]; dup {
			return fmt.Errorf("line %d: the same token as line %d", line, first)
		}
		seen[h] = line
		out = append(out, Token{hash: h, Municipalities: municipalities, Line: line})
		return nil
	}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) > 1 && !strings.Contains(fields[0], ",") {
			// "<token> <id>,<id> # comment": a bound token.
			if i := slices.IndexFunc(fields, func(f string) bool { return strings.HasPrefix(f, "#") }); i > 0 {
				fields = fields[:i]
			}
			var ids []string
			for _, id := range strings.Split(strings.Join(fields[1:], ","), ",") {
				if id = strings.TrimSpace(id); id != "" && !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
			if err := add(fields[0], line, ids); err != nil {
				return nil, err
			}
			continue
		}
		for _, t := range strings.Split(text, ",") {
			if t = strings.TrimSpace(t); t != "" {
				if err := add(t, line, nil); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, sc.Err()
}

// check refuses a token bound to a municipality that no served pack is of: a misspelt id
// would otherwise lock its caller out without a word.
func (ts Tokens) check(served []string) error {
	seen := map[[32]byte]int{}
	for _, t := range ts {
		if line, dup := seen[t.hash]; dup {
			return fmt.Errorf("tokens: the token of line %d is given twice (also line %d, of LETTERS_API_TOKENS or LETTERS_API_TOKENS_FILE)", t.Line, line)
		}
		seen[t.hash] = t.Line
		for _, m := range t.Municipalities {
			if !slices.Contains(served, m) {
				return fmt.Errorf("tokens: the token of line %d names the municipality %q, which no served pack is of (served: %s)",
					t.Line, m, strings.Join(served, ", "))
			}
		}
	}
	return nil
}

// match compares the hash of token with every stored hash in constant time, without stopping
// at a match, so that timing tells nothing about which token or how much of it was right. It
// returns the index of the matching token, or -1.
func (ts Tokens) match(token string) int {
	if token == "" {
		return -1
	}
	h := sha256.Sum256([]byte(token))
	found := -1
	for i := range ts {
		found = subtle.ConstantTimeSelect(subtle.ConstantTimeCompare(h[:], ts[i].hash[:]), i, found)
	}
	return found
}

// ctxCaller holds the municipalities the caller's token is bound to (absent: every one).
const ctxCaller = "caller_municipalities"

// authorize guards every route that takes a decision. With tokens configured, a caller needs
// "Authorization: Bearer <token>" (a case system's form POST to the preview page may send the
// form field "token" instead). With none, the service is in local mode and serves loopback
// clients only.
func (s *Server) authorize(c *gin.Context) {
	if len(s.cfg.Tokens) == 0 {
		host, _, err := net.SplitHostPort(c.Request.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			s.problem(c, http.StatusForbidden, "Tjenesten kører i lokal tilstand uden adgangsnøgler og svarer kun på forespørgsler fra samme maskine.", nil)
		}
		return
	}
	token, found := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	if !found && c.Request.Method == http.MethodPost && c.FullPath() == "/" {
		token = c.Request.PostFormValue("token")
	}
	i := s.cfg.Tokens.match(strings.TrimSpace(token))
	if i < 0 {
		c.Header("WWW-Authenticate", `Bearer realm="afgorelsesbreve"`)
		s.problem(c, http.StatusUnauthorized, "Forespørgslen mangler en gyldig adgangsnøgle (Authorization: Bearer).", nil)
		return
	}
	if ms := s.cfg.Tokens[i].Municipalities; len(ms) > 0 {
		c.Set(ctxCaller, ms)
	}
}

// callerMunicipalities are the municipalities the caller may use; nil: every one served.
func callerMunicipalities(c *gin.Context) []string {
	ms, _ := c.Get(ctxCaller)
	out, _ := ms.([]string)
	return out
}

// mayUse reports whether the caller may draw letters of municipality.
func mayUse(c *gin.Context, municipality string) bool {
	ms := callerMunicipalities(c)
	return ms == nil || slices.Contains(ms, municipality)
}

// homeMunicipality is whose version in force a body without "standard" gets: the configured
// municipality, unless the caller's token is bound elsewhere; then the first municipality its
// line names.
func (s *Server) homeMunicipality(c *gin.Context) string {
	configured := s.cfg.Letters.Catalog().Municipality()
	if ms := callerMunicipalities(c); ms != nil && !slices.Contains(ms, configured) {
		return ms[0]
	}
	return configured
}

// problemOtherMunicipality is the type of a 403 for a standard the caller's token is not bound to.
const problemOtherMunicipality = "urn:bronderslev:letters:problem:other-municipality"

// forbidden answers 403 for a letter under a standard of a municipality the caller's token is
// not bound to. It names the standard (never the token).
func (s *Server) forbidden(c *gin.Context, std *letters.Standard) {
	c.Set(ctxRules, []string(nil))
	s.problemOfType(c, http.StatusForbidden, problemOtherMunicipality,
		fmt.Sprintf("Adgangsnøglen giver ikke adgang til breve fra %s (kvalitetsstandarden %s). Brug en standard fra en af de kommuner, nøglen gælder for.",
			std.Municipality.Name, std.ID), &problemFindings{Standard: std.ID})
}
