package server

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/gin-gonic/gin"
)

const (
	ctxRequestID = "request_id"
	ctxRules     = "rules"
	ctxStandard  = "standard" // the id of the version a letter was checked under
	// ctxMunicipality is the id of that version's municipality: the access log's and the
	// metrics' municipality.
	ctxMunicipality = "municipality"
)

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)

// requestID takes X-Request-ID from the caller when it is a plain token, or makes one, and
// echoes it in the response.
func (s *Server) requestID(c *gin.Context) {
	id := c.GetHeader("X-Request-ID")
	if !requestIDPattern.MatchString(id) {
		var b [12]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
	}
	c.Set(ctxRequestID, id)
	c.Header("X-Request-ID", id)
	c.Next()
}

// accessLog writes one line per request: request id, route, status, duration, rule codes and
// the standard and municipality a letter was checked under.
// Never a body, a name, a CPR number or a free text.
func (s *Server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	attrs := []slog.Attr{
		slog.String("request_id", c.GetString(ctxRequestID)),
		slog.String("method", c.Request.Method),
		slog.String("route", route),
		slog.Int("status", c.Writer.Status()),
		slog.Float64("duration_ms", float64(time.Since(start).Microseconds())/1000),
		slog.Int("bytes", c.Writer.Size()),
	}
	s.metrics.count(route, c.Writer.Status(), c.GetString(ctxMunicipality))
	if rules := c.GetStringSlice(ctxRules); len(rules) > 0 {
		attrs = append(attrs, slog.Any("rules", rules))
	}
	if std := c.GetString(ctxStandard); std != "" {
		attrs = append(attrs, slog.String("standard", std), slog.String("municipality", c.GetString(ctxMunicipality)))
	}
	s.cfg.Logger.LogAttrs(c.Request.Context(), slog.LevelInfo, "request", attrs...)
}

// recover turns a panic into 500 problem+json with the request id; the log gets the stack,
// which holds code positions, not request data.
func (s *Server) recover(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.cfg.Logger.Error("panic", slog.String("request_id", c.GetString(ctxRequestID)),
				slog.String("route", c.FullPath()), slog.String("stack", string(debug.Stack())))
			c.Writer.Header().Del("Content-Disposition")
			s.problem(c, http.StatusInternalServerError, "Der opstod en intern fejl. Prøv igen, og kontakt driften med forespørgslens id, hvis fejlen bliver ved.", nil)
			c.Abort()
		}
	}()
	c.Next()
}

// problemFindings are the field faults of a problem.
type problemFindings struct {
	Errors   []letters.Finding
	Warnings []letters.Finding
	Standard string // the version of the standard a 422 was checked against
}

// problem is an RFC 9457 problem detail.
type problem struct {
	Type      string            `json:"type"`
	Title     string            `json:"title"`
	Status    int               `json:"status"`
	Detail    string            `json:"detail"`
	RequestID string            `json:"request_id"`
	Standard  string            `json:"standard,omitempty"`
	Errors    []letters.Finding `json:"errors,omitempty"`
	Warnings  []letters.Finding `json:"warnings,omitempty"`
}

var problemTypes = map[int]string{
	http.StatusUnauthorized:          "urn:bronderslev:letters:problem:unauthorized",
	http.StatusForbidden:             "urn:bronderslev:letters:problem:local-mode",
	http.StatusServiceUnavailable:    "urn:bronderslev:letters:problem:busy",
	http.StatusBadRequest:            "urn:bronderslev:letters:problem:malformed-request",
	http.StatusUnprocessableEntity:   "urn:bronderslev:letters:problem:breaks-standard",
	http.StatusRequestEntityTooLarge: "urn:bronderslev:letters:problem:too-large",
	http.StatusUnsupportedMediaType:  "urn:bronderslev:letters:problem:not-json",
}

// problemNoSender: a Digital Post message was asked for under a standard without a CVR number.
const problemNoSender = "urn:bronderslev:letters:problem:no-sender-cvr"

func (s *Server) problem(c *gin.Context, status int, detail string, f *problemFindings) {
	s.problemOfType(c, status, problemTypes[status], detail, f)
}

// problemOfType is problem with a type of its own, for a fault that its status does not name.
func (s *Server) problemOfType(c *gin.Context, status int, typ, detail string, f *problemFindings) {
	p := problem{Type: typ, Title: http.StatusText(status), Status: status, Detail: detail,
		RequestID: c.GetString(ctxRequestID)}
	if p.Type == "" {
		p.Type = "about:blank"
	}
	if f != nil {
		p.Errors, p.Warnings = f.Errors, f.Warnings
		if status == http.StatusUnprocessableEntity || status == http.StatusForbidden {
			p.Standard = f.Standard
		}
	}
	c.Header("Cache-Control", "no-store")
	c.Render(status, problemJSON{p})
	c.Abort()
}

type problemJSON struct{ p problem }

func (r problemJSON) Render(w http.ResponseWriter) error {
	r.WriteContentType(w)
	return jsonEncode(w, r.p)
}

func (r problemJSON) WriteContentType(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/problem+json")
}
