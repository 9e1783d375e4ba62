package server

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// Tokens are the callers' bearer tokens, kept only as SHA-256 hashes.
type Tokens [][32]byte

// ParseTokens reads tokens separated by commas or line breaks; blank entries and lines that
// start with # are skipped.
func ParseTokens(r io.Reader) (Tokens, error) {
	var out Tokens
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		for _, t := range strings.Split(sc.Text(), ",") {
			t = strings.TrimSpace(t)
			if t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			if len(t) < 16 {
				return nil, fmt.Errorf("a token must have at least 16 characters")
			}
			out = append(out, sha256.Sum256([]byte(t)))
		}
	}
	return out, sc.Err()
}

// valid compares the hash of token with every stored hash in constant time, without stopping at
// a match, so that timing tells nothing about which token or how much of it was right.
func (ts Tokens) valid(token string) bool {
	if token == "" {
		return false
	}
	h := sha256.Sum256([]byte(token))
	ok := 0
	for i := range ts {
		ok |= subtle.ConstantTimeCompare(h[:], ts[i][:])
	}
	return ok == 1
}

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
	if !s.cfg.Tokens.valid(strings.TrimSpace(token)) {
		c.Header("WWW-Authenticate", `Bearer realm="afgorelsesbreve"`)
		s.problem(c, http.StatusUnauthorized, "Forespørgslen mangler en gyldig adgangsnøgle (Authorization: Bearer).", nil)
	}
}
