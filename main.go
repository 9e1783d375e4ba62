// Command afgorelsesbreve serves the decision-letter API (go run .), by default under
// Brønderslev Kommune's quality standard, renders a letter from a file without a server (go run .
// render FILE -o OUT.pdf) and checks a folder of standard packs (go run . standards check DIR).
// Its load benchmark is a command of its own (go run ./cmd/loadbench), so that this binary does
// not link the browser the benchmark drives.
package main

import (
	"context"
	"embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/memo"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/server"
)

// The example letters: documentation, test input and the OpenAPI description's examples.
//
//go:embed testdata/decisions/*.json testdata/decisions/rules/*.json testdata/letters/*.json testdata/letters/rules/*.json
var examplesFS embed.FS

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "render":
			os.Exit(renderCommand(os.Args[2:], os.Stdout, os.Stderr))
		case "standards":
			os.Exit(standardsCommand(os.Args[2:], os.Stdout, os.Stderr))
		case "loadbench":
			fmt.Fprintln(os.Stderr, "loadbench is a command of its own: go run ./cmd/loadbench (same flags; -server BINARY to measure a built one)")
			os.Exit(2)
		}
	}
	os.Exit(serveCommand(os.Args[1:]))
}

// config is the service's configuration from flags and environment (flags win).
type config struct {
	addr          string
	maxBody       int64
	grace         time.Duration
	tokens        server.Tokens
	maxRenders    int
	maxQueue      int
	renderTimeout time.Duration
	share         int // percent of render slots plus queue one municipality's letters may hold
	timeouts      httpTimeouts
	packs         packsConfig
	memo          memo.Options // LETTERS_CASE_SYSTEM, LETTERS_KLE_VERSION
}

// packsConfig is which standards the service serves: the embedded packs, the packs of a folder
// (LETTERS_STANDARDS) beside them, and the municipality whose version in force a request
// without "standard" gets (LETTERS_MUNICIPALITY).
type packsConfig struct{ dir, municipality string }

func (p packsConfig) letters() letters.Config {
	cfg := letters.Config{Municipality: p.municipality}
	if p.dir != "" {
		cfg.Packs, cfg.PacksLabel = os.DirFS(p.dir), p.dir
	}
	return cfg
}

func (p *packsConfig) flags(fs *flag.FlagSet) {
	fs.StringVar(&p.dir, "standards", envOr("LETTERS_STANDARDS", ""), "a folder of standard packs to serve beside the embedded ones (env LETTERS_STANDARDS)")
	fs.StringVar(&p.municipality, "municipality", envOr("LETTERS_MUNICIPALITY", letters.DefaultMunicipality), "the municipality whose version in force a letter without \"standard\" gets (env LETTERS_MUNICIPALITY)")
}

// httpTimeouts bound how long a client may take, so that slow or idle connections cannot tie up
// the server.
type httpTimeouts struct{ readHeader, read, write, idle time.Duration }

var defaultTimeouts = httpTimeouts{readHeader: 5 * time.Second, read: 15 * time.Second, write: 30 * time.Second, idle: 120 * time.Second}

func loadConfig(args []string, stderr io.Writer) (config, error) {
	cfg := config{addr: envOr("LETTERS_ADDR", "127.0.0.1:8080"), maxBody: 1 << 20, grace: 20 * time.Second,
		renderTimeout: 10 * time.Second, timeouts: defaultTimeouts,
		memo: memo.Options{CaseSystem: os.Getenv("LETTERS_CASE_SYSTEM"), KLEVersion: os.Getenv("LETTERS_KLE_VERSION")}}
	var err error
	for _, e := range []struct {
		name string
		set  func(string) error
	}{
		{"LETTERS_MAX_BODY", func(v string) error { cfg.maxBody, err = positive(v); return err }},
		{"LETTERS_MAX_RENDERS", func(v string) error { n, err := positive(v); cfg.maxRenders = int(n); return err }},
		{"LETTERS_RENDER_QUEUE", func(v string) error { n, err := positive(v); cfg.maxQueue = int(n); return err }},
		{"LETTERS_SHUTDOWN_GRACE", func(v string) error { cfg.grace, err = duration(v); return err }},
		{"LETTERS_RENDER_TIMEOUT", func(v string) error { cfg.renderTimeout, err = duration(v); return err }},
		{"LETTERS_MUNICIPALITY_SHARE", func(v string) error { cfg.share, err = percent(v); return err }},
	} {
		if v := os.Getenv(e.name); v != "" {
			if err := e.set(v); err != nil {
				return cfg, fmt.Errorf("%s: %w", e.name, err)
			}
		}
	}
	if cfg.tokens, err = loadTokens(); err != nil {
		return cfg, err
	}
	fs := flag.NewFlagSet("afgorelsesbreve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", cfg.addr, "address to listen on (env LETTERS_ADDR), e.g. :8080 for all interfaces")
	fs.Int64Var(&cfg.maxBody, "max-body", cfg.maxBody, "largest request body in bytes (env LETTERS_MAX_BODY)")
	fs.DurationVar(&cfg.grace, "shutdown-grace", cfg.grace, "time to finish letters in flight on SIGTERM (env LETTERS_SHUTDOWN_GRACE)")
	cfg.packs.flags(fs)
	return cfg, fs.Parse(args)
}

// loadTokens reads LETTERS_API_TOKENS (comma-separated) and LETTERS_API_TOKENS_FILE (one per
// line, "<token> <municipality-id>[,<municipality-id>…]" for a token bound to municipalities);
// both may be set. The tokens are kept only as hashes; a token given twice is refused.
func loadTokens() (server.Tokens, error) {
	tokens, err := server.ParseTokens(strings.NewReader(os.Getenv("LETTERS_API_TOKENS")))
	if err != nil {
		return nil, fmt.Errorf("LETTERS_API_TOKENS: %w", err)
	}
	if file := os.Getenv("LETTERS_API_TOKENS_FILE"); file != "" {
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("LETTERS_API_TOKENS_FILE: %w", err)
		}
		defer f.Close()
		more, err := server.ParseTokens(f)
		if err != nil {
			return nil, fmt.Errorf("LETTERS_API_TOKENS_FILE: %w", err)
		}
		tokens = append(tokens, more...)
	}
	return tokens, nil
}

func positive(v string) (int64, error) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("must be a positive whole number, got %q", v)
	}
	return n, nil
}

func percent(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSuffix(v, "%"))
	if err != nil || n < 1 || n > 100 {
		return 0, fmt.Errorf("must be a percentage from 1 to 100, got %q", v)
	}
	return n, nil
}

func duration(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("must be a duration such as 10s, got %q", v)
	}
	return d, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func serveCommand(args []string) int {
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	cfg, err := loadConfig(args, os.Stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		log.Error("configuration", slog.String("error", err.Error()))
		return 2
	}
	if gogc, memLimit := gcDefaults(os.Getenv, cgroupMemoryLimit); gogc > 0 || memLimit > 0 {
		var attrs []any
		if gogc > 0 {
			attrs = append(attrs, slog.Int("gogc", gogc))
		}
		if memLimit > 0 {
			attrs = append(attrs, slog.Int64("gomemlimit_bytes", memLimit))
		}
		log.Info("garbage collector defaults where the environment sets none", attrs...)
	}
	handler, err := newHandler(cfg, log)
	if err != nil {
		log.Error("start", slog.String("error", err.Error()))
		return 1
	}
	if len(cfg.tokens) == 0 {
		log.Warn("local mode: no LETTERS_API_TOKENS or LETTERS_API_TOKENS_FILE, so only clients on this machine (loopback) are served")
	} else {
		bound := 0
		for _, t := range cfg.tokens {
			if len(t.Municipalities) > 0 {
				bound++
			}
		}
		log.Info("bearer tokens configured", slog.Int("tokens", len(cfg.tokens)), slog.Int("bound_to_municipalities", bound))
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		log.Error("listen", slog.String("error", err.Error()))
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, ln, handler, cfg, log); err != nil {
		log.Error("serve", slog.String("error", err.Error()))
		return 1
	}
	return 0
}

func newHandler(cfg config, log *slog.Logger) (*server.Server, error) {
	svc, err := letters.Open(cfg.packs.letters())
	if err != nil {
		return nil, err
	}
	examples, err := fs.Sub(examplesFS, "testdata")
	if err != nil {
		return nil, err
	}
	return server.New(server.Config{Letters: svc, PDF: pdfrender.New(), Examples: examples, Logger: log, MunicipalityShare: cfg.share,
		MaxBody: cfg.maxBody, Tokens: cfg.tokens, MaxRenders: cfg.maxRenders, MaxQueue: cfg.maxQueue,
		RenderTimeout: cfg.renderTimeout, MeMo: cfg.memo})
}

// serve runs the HTTP server on ln until ctx ends, then stops taking connections and lets the
// letters in flight finish within the grace period.
func serve(ctx context.Context, ln net.Listener, h *server.Server, cfg config, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: cfg.timeouts.readHeader,
		ReadTimeout:       cfg.timeouts.read,
		WriteTimeout:      cfg.timeouts.write,
		IdleTimeout:       cfg.timeouts.idle,
		MaxHeaderBytes:    32 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", slog.String("addr", ln.Addr().String()))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", slog.String("grace", cfg.grace.String()))
	h.Drain()
	sctx, cancel := context.WithTimeout(context.Background(), cfg.grace)
	defer cancel()
	return srv.Shutdown(sctx)
}

// renderCommand validates a letter file and writes its PDF; findings go to stderr in Danish.
func renderCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the PDF to this file (default: the input name with .pdf)")
	var packs packsConfig
	packs.flags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: afgorelsesbreve render FILE.json [-o OUT.pdf]")
		fs.PrintDefaults()
	}
	var in string
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		in, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if in == "" && fs.NArg() == 1 {
		in = fs.Arg(0)
	}
	if in == "" {
		fs.Usage()
		return 2
	}
	if *out == "" {
		*out = trimExt(in) + ".pdf"
	}
	body, err := os.ReadFile(in)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	svc, err := letters.Open(packs.letters())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	res, err := svc.Check(body)
	var bad *letters.MalformedError
	if errors.As(err, &bad) {
		fmt.Fprintln(stderr, bad.Detail)
		for _, f := range bad.Faults {
			fmt.Fprintf(stderr, "  %s [%s] %s\n", f.Field, f.Rule, f.Message)
		}
		return 1
	}
	for _, f := range res.Warnings {
		fmt.Fprintf(stderr, "advarsel: %s [%s] %s\n", f.Field, f.Rule, f.Message)
	}
	if !res.Valid() {
		for _, f := range res.Errors {
			fmt.Fprintf(stderr, "fejl: %s [%s] %s\n", f.Field, f.Rule, f.Message)
		}
		return 1
	}
	doc, err := res.Compose()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	pdf, err := pdfrender.New().RenderBytes(doc)
	if err == nil {
		err = os.WriteFile(*out, pdf, 0o644)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s (%d bytes)\n", *out, len(pdf))
	return 0
}

func trimExt(name string) string {
	for i := len(name) - 1; i >= 0 && name[i] != '/'; i-- {
		if name[i] == '.' {
			return name[:i]
		}
	}
	return name
}
