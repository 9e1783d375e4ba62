// Command afgorelsesbreve serves the decision-letter API of Brønderslev Kommune (go run .),
// renders a letter from a file without a server (go run . render FILE -o OUT.pdf), and measures
// itself against Chromium (go run . loadbench).
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
	"syscall"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender"
	"github.com/bronderslev/afgorelsesbreve/server"
)

// The example letters: documentation, test input and the OpenAPI description's examples.
//
//go:embed testdata/decisions/*.json testdata/decisions/rules/*.json
var examplesFS embed.FS

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "render":
			os.Exit(renderCommand(os.Args[2:], os.Stdout, os.Stderr))
		case "loadbench":
			os.Exit(loadbenchCommand(os.Args[2:], os.Stdout, os.Stderr))
		}
	}
	os.Exit(serveCommand(os.Args[1:]))
}

// config is the service's configuration from flags and environment (flags win).
type config struct {
	addr    string
	maxBody int64
	grace   time.Duration
}

func loadConfig(args []string, stderr io.Writer) (config, error) {
	cfg := config{addr: envOr("LETTERS_ADDR", "127.0.0.1:8080"), maxBody: 1 << 20, grace: 20 * time.Second}
	if v := os.Getenv("LETTERS_MAX_BODY"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return cfg, fmt.Errorf("LETTERS_MAX_BODY must be a positive number of bytes, got %q", v)
		}
		cfg.maxBody = n
	}
	if v := os.Getenv("LETTERS_SHUTDOWN_GRACE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return cfg, fmt.Errorf("LETTERS_SHUTDOWN_GRACE must be a duration such as 20s, got %q", v)
		}
		cfg.grace = d
	}
	fs := flag.NewFlagSet("afgorelsesbreve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", cfg.addr, "address to listen on (env LETTERS_ADDR), e.g. :8080 for all interfaces")
	fs.Int64Var(&cfg.maxBody, "max-body", cfg.maxBody, "largest request body in bytes (env LETTERS_MAX_BODY)")
	fs.DurationVar(&cfg.grace, "shutdown-grace", cfg.grace, "time to finish letters in flight on SIGTERM (env LETTERS_SHUTDOWN_GRACE)")
	return cfg, fs.Parse(args)
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
	handler, err := newHandler(cfg, log)
	if err != nil {
		log.Error("start", slog.String("error", err.Error()))
		return 1
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
	svc, err := letters.New()
	if err != nil {
		return nil, err
	}
	examples, err := fs.Sub(examplesFS, "testdata/decisions")
	if err != nil {
		return nil, err
	}
	return server.New(server.Config{Letters: svc, PDF: pdfrender.New(), Examples: examples, Logger: log, MaxBody: cfg.maxBody})
}

// serve runs the HTTP server on ln until ctx ends, then stops taking connections and lets the
// letters in flight finish within the grace period.
func serve(ctx context.Context, ln net.Listener, h *server.Server, cfg config, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
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
	svc, err := letters.New()
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
	doc, err := svc.Compose(res)
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
