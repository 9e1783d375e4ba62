package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/pdfrender/pdftext"
	"go.uber.org/goleak"
)

func TestRenderCommandWritesTheLetter(t *testing.T) {
	out := filepath.Join(t.TempDir(), "brev.pdf")
	var stdout, stderr bytes.Buffer
	if code := renderCommand([]string{"testdata/decisions/refused.json", "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdftext.Flat(pdftext.Go(t, pdf)); !strings.Contains(text, "Łucja Śliwińska-Nguyễn") {
		t.Errorf("the rendered file lacks the citizen's name")
	}
}

func TestRenderCommandRefusesAnInvalidDecision(t *testing.T) {
	out := filepath.Join(t.TempDir(), "brev.pdf")
	var stdout, stderr bytes.Buffer
	code := renderCommand([]string{"testdata/decisions/rules/start_within_14_days.json", "-o", out}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "start_within_14_days") || !strings.Contains(stderr.String(), "4. december 2026") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("no PDF may be written for an invalid decision")
	}
}

func TestConfigFromFlagsAndEnvironment(t *testing.T) {
	t.Setenv("LETTERS_ADDR", ":9999")
	t.Setenv("LETTERS_MAX_BODY", "2048")
	cfg, err := loadConfig(nil, io.Discard)
	if err != nil || cfg.addr != ":9999" || cfg.maxBody != 2048 {
		t.Fatalf("env: %+v %v", cfg, err)
	}
	cfg, err = loadConfig([]string{"-addr", "127.0.0.1:7000"}, io.Discard)
	if err != nil || cfg.addr != "127.0.0.1:7000" {
		t.Fatalf("the flag wins over the environment: %+v %v", cfg, err)
	}
	t.Setenv("LETTERS_MAX_BODY", "lots")
	if _, err := loadConfig(nil, io.Discard); err == nil {
		t.Error("a bad LETTERS_MAX_BODY must be refused")
	}
}

func TestServeAnswersAndStopsOnSignal(t *testing.T) {
	cfg := config{maxBody: 1 << 20, grace: 5 * time.Second}
	h, err := newHandler(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, h, cfg, slog.New(slog.DiscardHandler)) }()
	body, _ := os.ReadFile("testdata/decisions/granted.json")
	resp, err := http.Post("http://"+ln.Addr().String()+"/v1/letters", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("status %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v, want a clean stop", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Error("the server still accepts connections after stopping")
	}
}

// No test may leave a goroutine behind: serve must stop everything it started.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
