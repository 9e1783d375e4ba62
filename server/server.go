// Package server owns the HTTP API of DECISION-API-v1.md: gin routes, middleware (request id,
// recovery, access log, body limits) and problem+json errors. It knows nothing of § 104.
package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/memo"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/gin-gonic/gin"
)

// Renderer draws a composed letter as PDF (letters/pdfrender).
type Renderer interface {
	RenderBytes(*document.Document) ([]byte, error)
}

// fileRenderer is a Renderer that hands over the PDF in a buffer of its own, with its SHA-256
// (pdfrender.Renderer): a letter is then neither copied nor read again for its hash.
type fileRenderer interface {
	RenderFile(*document.Document) (*pdfrender.File, error)
}

// Config is what the server needs; main builds it from flags and environment.
type Config struct {
	Letters  *letters.Service
	PDF      Renderer
	Examples fs.FS // testdata: the examples for the OpenAPI description and the preview page
	Logger   *slog.Logger
	MaxBody  int64 // request body limit in bytes
	// Tokens are the callers' bearer tokens (hashed); none means local mode: loopback only.
	Tokens Tokens
	// MunicipalityShare is the most, in percent of MaxRenders + MaxQueue, that the letters of
	// one municipality may hold (waiting or drawing); more are answered 503 while the other
	// municipalities' letters are still served. 50 when 0; 100 turns fair share off, as does
	// serving one municipality alone.
	MunicipalityShare int
	// MaxRenders letters are drawn at once, MaxQueue more may wait, and a letter that has not
	// been drawn within RenderTimeout is answered 503.
	MaxRenders    int
	MaxQueue      int
	RenderTimeout time.Duration
	// MeMo is what a Digital Post message needs that no letter says (POST /v1/messages).
	MeMo memo.Options
}

// Server is the HTTP handler of the letter service.
type Server struct {
	cfg      Config
	engine   *gin.Engine
	openapi  []byte
	preview  *previewPage
	limiter  *renderLimiter
	metrics  *metrics
	draining atomic.Bool
}

// New builds the server and its routes.
func New(cfg Config) (*Server, error) {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MaxRenders <= 0 {
		// One letter drawn a core: with two a core, the letters waiting for a core behind
		// four drawing ones (and behind the checks of the letters still arriving) made p99 five
		// to six times the mean on two cores, against four with one a core, at the same or a
		// better rate (README, Performance).
		cfg.MaxRenders = runtime.GOMAXPROCS(0)
	}
	if cfg.MaxQueue <= 0 {
		cfg.MaxQueue = 256
	}
	if cfg.RenderTimeout <= 0 {
		cfg.RenderTimeout = 10 * time.Second
	}
	if cfg.MunicipalityShare <= 0 {
		cfg.MunicipalityShare = 50
	}
	cfg.MunicipalityShare = min(cfg.MunicipalityShare, 100)
	if len(cfg.Letters.Catalog().Municipalities()) == 1 {
		cfg.MunicipalityShare = 100 // nobody to share with
	}
	if err := cfg.Tokens.check(cfg.Letters.Catalog().Municipalities()); err != nil {
		return nil, err
	}
	gin.SetMode(gin.ReleaseMode)
	s := &Server{cfg: cfg, engine: gin.New(), limiter: newRenderLimiter(cfg.MaxRenders, cfg.MaxQueue, cfg.MunicipalityShare, cfg.RenderTimeout)}
	s.metrics = newMetrics(func() float64 { return float64(s.limiter.waiting.Load()) })
	var err error
	if s.openapi, err = buildOpenAPI(cfg.Letters, cfg.Examples); err != nil {
		return nil, err
	}
	if s.preview, err = loadPreview(cfg.Examples, s.openapi, cfg.Letters); err != nil {
		return nil, err
	}
	e := s.engine
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	e.Use(s.requestID, s.accessLog, s.recover, securityHeaders)
	e.NoRoute(func(c *gin.Context) { s.problem(c, http.StatusNotFound, "Siden findes ikke.", nil) })
	e.NoMethod(func(c *gin.Context) {
		s.problem(c, http.StatusMethodNotAllowed, "Metoden kan ikke bruges på denne adresse.", nil)
	})

	e.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	e.GET("/readyz", s.ready)
	e.GET("/openapi.json", func(c *gin.Context) { c.Data(http.StatusOK, "application/json", s.openapi) })
	e.GET("/metrics", s.metrics.handler())
	v1 := e.Group("/v1", noStore, s.authorize)
	v1.POST("/letters", s.postLetter)
	v1.POST("/messages", s.postMessage)
	v1.POST("/validations", s.postValidation)
	v1.POST("/previews", s.postPreview)
	v1.GET("/standards", s.getStandards)
	e.GET("/", s.getPage)
	e.POST("/", noStore, s.limitBody, s.authorize, s.postPage)
	e.GET("/assets/:name", s.getAsset)
	return s, nil
}

// ServeHTTP makes the server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.engine.ServeHTTP(w, r) }

// Drain makes /readyz answer 503 so that a load balancer stops sending new work.
func (s *Server) Drain() { s.draining.Store(true) }

func (s *Server) ready(c *gin.Context) {
	if s.draining.Load() {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "draining"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "standard": s.cfg.Letters.Current().ID})
}

// noStore: responses that carry a decision or a letter must not be kept by any cache.
func noStore(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	c.Next()
}

// readBody checks the media type and reads the body within the size limit; on failure it has
// already answered.
func (s *Server) readBody(c *gin.Context) ([]byte, bool) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || (mt != "application/json" && !(len(mt) > 5 && mt[len(mt)-5:] == "+json")) {
		s.problem(c, http.StatusUnsupportedMediaType, "Forespørgslen skal sendes som application/json.", nil)
		return nil, false
	}
	return s.readLimited(c)
}

// Bounds on reading the rest of an oversized body before its 413 is sent.
const (
	drainFactor = 8               // times the body limit
	drainTime   = 5 * time.Second // at most
)

// readLimited reads a request body of at most MaxBody bytes. A larger one is answered 413, but
// only after the rest of it has been read and discarded (up to drainFactor times the limit, for
// at most drainTime): a client that sends the whole body before it reads the answer (Python's
// urllib, Java's HttpURLConnection) then gets the problem, not a connection reset.
func (s *Server) readLimited(c *gin.Context) ([]byte, bool) {
	body, err := io.ReadAll(io.LimitReader(c.Request.Body, s.cfg.MaxBody+1))
	if err != nil {
		s.problem(c, http.StatusBadRequest, "Forespørgslen kunne ikke læses.", nil)
		return nil, false
	}
	if int64(len(body)) > s.cfg.MaxBody {
		_ = http.NewResponseController(c.Writer).SetReadDeadline(time.Now().Add(drainTime))
		io.CopyN(io.Discard, c.Request.Body, drainFactor*s.cfg.MaxBody)
		c.Header("Connection", "close")
		s.problem(c, http.StatusRequestEntityTooLarge, "Forespørgslen er for stor.", nil)
		return nil, false
	}
	return body, true
}

// check reads and checks a letter; on a malformed body it has already answered 400. The body
// is only read here, within the size limit: letters checks it (UTF-8, JSON) and decodes it,
// once, and the Result carries what composing the letter needs.
func (s *Server) check(c *gin.Context) (*letters.Result, bool) {
	body, ok := s.readBody(c)
	if !ok {
		return nil, false
	}
	res, err := s.cfg.Letters.CheckIn(body, s.homeMunicipality(c))
	var bad *letters.MalformedError
	if errors.As(err, &bad) {
		c.Set(ctxRules, ruleCodes(bad.Faults))
		s.problem(c, http.StatusBadRequest, bad.Detail, &problemFindings{Errors: bad.Faults})
		return nil, false
	}
	if err != nil {
		panic(err)
	}
	std := res.Standard()
	c.Set(ctxStandard, std.ID)
	c.Set(ctxMunicipality, std.Municipality.ID)
	if !mayUse(c, std.Municipality.ID) {
		// Checked, but nothing of the check is told: no findings, no X-Standard.
		s.forbidden(c, std)
		return nil, false
	}
	c.Set(ctxRules, res.Rules())
	for _, f := range res.Errors {
		s.metrics.failures.WithLabelValues(f.Rule, std.Municipality.ID).Inc()
	}
	c.Header("X-Standard", std.ID)
	return res, true
}

// draw composes and renders through the render limiter, measured; a letter that cannot be
// drawn in time is answered 503 here and ok is false.
func (s *Server) draw(c *gin.Context, format string, f func() ([]byte, error)) (out []byte, ok bool) {
	municipality := c.GetString(ctxMunicipality)
	measured := func() ([]byte, error) {
		defer s.metrics.rendering(format, municipality)()
		return f()
	}
	var err error
	v, _ := c.Get(ctxTicket)
	if t, early := v.(*ticket); early {
		out, err = s.limiter.draw(t, measured)
	} else {
		out, err = s.limiter.run(c.Request.Context(), municipality, measured)
	}
	var busy errBusy
	if errors.As(err, &busy) {
		s.busy(c, busy)
		return nil, false
	}
	if err != nil {
		// A letter that cannot be composed or drawn: the caller gets a problem with the request
		// id, the log the cause (template and field names, no data from the request).
		s.cfg.Logger.Error("letter not drawn", slog.String("request_id", c.GetString(ctxRequestID)),
			slog.String("route", c.FullPath()), slog.Bool("not_composable", errors.Is(err, letters.ErrNotComposable)),
			slog.Bool("unknown_kind", errors.Is(err, letters.ErrUnknownKind)), slog.String("cause", err.Error()))
		c.Writer.Header().Del("Content-Disposition")
		s.problem(c, http.StatusInternalServerError, "Brevet kunne ikke dannes. Prøv igen, og kontakt driften med forespørgslens id, hvis fejlen bliver ved.", nil)
		return nil, false
	}
	return out, true
}

// postLetter answers POST /v1/letters: the PDF, or 422 with every fault.
func (s *Server) postLetter(c *gin.Context) {
	doc, pdf, release, ok := s.letter(c)
	if !ok {
		return
	}
	defer release()
	c.Header("Content-Disposition", `inline; filename="`+doc.Meta.FileName+`.pdf"`)
	c.Data(http.StatusOK, "application/pdf", pdf)
}

// postMessage answers POST /v1/messages: the letter /v1/letters gives, wrapped in a MeMo
// message for Digital Post; or the faults /v1/letters gives, or 422 when the standard has no
// CVR number to send from.
func (s *Server) postMessage(c *gin.Context) {
	doc, pdf, release, ok := s.letter(c)
	if !ok {
		return
	}
	defer release()
	m, err := memo.Build(doc, pdf, s.cfg.MeMo)
	if errors.Is(err, memo.ErrNoCVR) {
		c.Writer.Header().Del("X-Letter-SHA256")
		s.problemOfType(c, http.StatusUnprocessableEntity, problemNoSender,
			"Kvalitetsstandarden "+c.GetString(ctxStandard)+" har intet CVR-nummer (municipality.cvr), så brevet kan ikke sendes som Digital Post-besked. Kommunen skal skrive sit CVR-nummer i standarden.",
			&problemFindings{Standard: c.GetString(ctxStandard)})
		return
	}
	if err != nil {
		panic(err)
	}
	c.Header("Content-Disposition", `inline; filename="`+doc.Meta.FileName+`.xml"`)
	c.Header("X-Message-UUID", m.UUID)
	c.Header("X-Delivery", doc.Envelope.Delivery)
	if len(m.Shortened) > 0 {
		c.Header("X-Message-Shortened", strings.Join(m.Shortened, ", "))
	}
	c.Data(http.StatusOK, "application/xml", m.XML)
}

// letter checks, composes and draws the letter of a request, and sets the headers every drawn
// letter has (X-Letter-SHA256 of the PDF, X-Letter-Warnings); when ok is false it has answered.
// The PDF is valid until release is called, once the answer is written.
func (s *Server) letter(c *gin.Context) (doc *document.Document, pdf []byte, release func(), ok bool) {
	t, ok := s.admitEarly(c)
	if !ok {
		return nil, nil, nil, false
	}
	if t != nil {
		defer t.cancel()
		defer t.release() // unless the drawing has started: it gives the slot back itself
		c.Set(ctxTicket, t)
	}
	res, ok := s.check(c)
	if !ok {
		return nil, nil, nil, false
	}
	if !res.Valid() {
		s.problem(c, http.StatusUnprocessableEntity, "Afgørelsen overholder ikke kvalitetsstandarden. Ret fejlene og send den igen.",
			&problemFindings{Errors: res.Errors, Warnings: res.Warnings, Standard: res.Standard().ID})
		return nil, nil, nil, false
	}
	// Set by the drawing; read only after it has ended (draw returned ok). A drawing that
	// overran the render timeout may still set them later: they are then never read, and the
	// file's buffer goes to the garbage collector.
	var drawn *document.Document
	var file *pdfrender.File
	pdf, ok = s.draw(c, "pdf", func() ([]byte, error) {
		d, err := res.Compose()
		if err != nil {
			return nil, err
		}
		drawn = d
		if fr, isFile := s.cfg.PDF.(fileRenderer); isFile {
			f, err := fr.RenderFile(d)
			if err != nil {
				return nil, err
			}
			file = f
			return f.Bytes(), nil
		}
		return s.cfg.PDF.RenderBytes(d)
	})
	if !ok {
		return nil, nil, nil, false
	}
	var sum [32]byte
	release = func() {}
	if file != nil {
		sum, release = file.Sum, file.Release
	} else {
		sum = sha256.Sum256(pdf)
	}
	c.Header("X-Letter-SHA256", hex.EncodeToString(sum[:]))
	if len(res.Warnings) > 0 {
		c.Header("X-Letter-Warnings", strings.Join(ruleCodes(res.Warnings), ", "))
	}
	return drawn, pdf, release, true
}

// ctxTicket holds a letter's render slot when admitEarly took it before the check.
const ctxTicket = "render_ticket"

// admitEarly takes a letter's render slot before its check, so that the check, the composing,
// the drawing and the answer of a letter run as one piece of work in the limiter's queue, in
// the order the letters came, rather than up to every connection's checks at once competing
// with the drawings for the cores (under loadbench the tail was a third shorter; README,
// Performance). It does so only where the letter's municipality, which the fair share counts
// while a letter waits, is known before the check, or need not be: the caller's token is bound
// to exactly one, or the fair share is off (as New makes it where the service serves one
// municipality). Otherwise it returns nil and the slot is taken after the check, as before. The
// body is read first, so that a slow sender never holds a slot. On false it has answered (400,
// 413, 415 or 503).
func (s *Server) admitEarly(c *gin.Context) (*ticket, bool) {
	municipality, known := "", s.cfg.MunicipalityShare >= 100 // no share to count against
	if caller := callerMunicipalities(c); len(caller) == 1 {
		municipality, known = caller[0], true
	}
	if !known {
		return nil, true
	}
	body, ok := s.readBody(c)
	if !ok {
		return nil, false
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body)) // check reads it again, from memory
	t, err := s.limiter.admit(c.Request.Context(), municipality)
	var busy errBusy
	if errors.As(err, &busy) {
		s.busy(c, busy)
		return nil, false
	}
	if err != nil {
		panic(err)
	}
	return t, true
}

// validation is the body of a 200 from POST /v1/validations.
type validation struct {
	Valid    bool              `json:"valid"`
	Kind     string            `json:"kind"`
	Standard string            `json:"standard"`
	Errors   []letters.Finding `json:"errors"`
	Warnings []letters.Finding `json:"warnings"`
	Dates    any               `json:"dates"`
}

func (s *Server) postValidation(c *gin.Context) {
	res, ok := s.check(c)
	if !ok {
		return
	}
	c.JSON(http.StatusOK, validation{Valid: res.Valid(), Kind: res.Kind, Standard: res.Standard().ID,
		Errors: res.Errors, Warnings: res.Warnings, Dates: res.Dates})
}

func ruleCodes(fs []letters.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		if !slices.Contains(out, f.Rule) { // each code once, however many fields it fires at
			out = append(out, f.Rule)
		}
	}
	return out
}
