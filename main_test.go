package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
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
	t.Setenv("LETTERS_CASE_SYSTEM", "Nexus")
	t.Setenv("LETTERS_KLE_VERSION", "2025")
	cfg, err := loadConfig(nil, io.Discard)
	if err != nil || cfg.addr != ":9999" || cfg.maxBody != 2048 || cfg.memo.CaseSystem != "Nexus" || cfg.memo.KLEVersion != "2025" {
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

// A tokens file binds a token to municipalities; today's files (a token a line, or several
// separated by commas) keep working; a token naming a municipality no pack is of stops the start.
func TestTokensFileBindsMunicipalities(t *testing.T) {
	file := filepath.Join(t.TempDir(), "tokens")
	os.WriteFile(file, []byte("# the vendor's case system\nunbound-token-0123456789, second-unbound-token-01\n"+
		"bound-token-0123456789 eksempel,broenderslev  # two municipalities\nnordby-token-0123456789 nordby\n"), 0o600)
	t.Setenv("LETTERS_API_TOKENS_FILE", file)
	t.Setenv("LETTERS_API_TOKENS", "")
	t.Setenv("LETTERS_MUNICIPALITY_SHARE", "25%")
	t.Setenv("LETTERS_STANDARDS", filepath.Join("testdata", "standards"))
	cfg, err := loadConfig(nil, io.Discard)
	if err != nil || len(cfg.tokens) != 4 || cfg.share != 25 {
		t.Fatalf("%d tokens, share %d: %v", len(cfg.tokens), cfg.share, err)
	}
	if cfg.tokens[0].Municipalities != nil || !slices.Equal(cfg.tokens[2].Municipalities, []string{"eksempel", "broenderslev"}) {
		t.Errorf("bindings: %v, %v", cfg.tokens[0].Municipalities, cfg.tokens[2].Municipalities)
	}
	_, err = newHandler(cfg, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), `line 4`) || !strings.Contains(err.Error(), `"nordby"`) || strings.Contains(err.Error(), "nordby-token") {
		t.Errorf("a token bound to a municipality not served: %v", err)
	}
	t.Setenv("LETTERS_MUNICIPALITY_SHARE", "0")
	if _, err := loadConfig(nil, io.Discard); err == nil {
		t.Error("a share of 0 % must be refused")
	}
}

func TestServeAnswersAndStopsOnSignal(t *testing.T) {
	cfg := config{maxBody: 1 << 20, grace: 5 * time.Second, timeouts: defaultTimeouts}
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

// No test may leave a goroutine behind: serve must stop everything it started. Started with
// AFGORELSESBREVE_SERVE=1, the test binary is the server itself (for the SIGTERM test).
func TestMain(m *testing.M) {
	if os.Getenv("AFGORELSESBREVE_SERVE") == "1" {
		os.Exit(serveCommand(nil))
	}
	goleak.VerifyTestMain(m)
}

// A client that sends its headers too slowly is cut off (ReadHeaderTimeout).
func TestSlowClientIsCutOff(t *testing.T) {
	cfg := config{maxBody: 1 << 20, grace: time.Second, timeouts: httpTimeouts{readHeader: 200 * time.Millisecond, read: time.Second, write: time.Second, idle: time.Second}}
	h, err := newHandler(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, h, cfg, slog.New(slog.DiscardHandler)) }()
	defer func() { cancel(); <-done }()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write([]byte("POST /v1/letters HTTP/1.1\r\nHost: x\r\n")) // and then nothing
	conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	start := time.Now()
	_, err = io.ReadAll(conn)
	if err != nil || time.Since(start) > 2*time.Second {
		t.Errorf("the connection was not closed by the server (%v after %s)", err, time.Since(start))
	}
}

// On SIGTERM the real process stops taking connections, finishes the letters in flight and
// exits 0 within the grace period.
func TestSIGTERMFinishesLettersInFlight(t *testing.T) {
	// On a fast machine every letter may be drawn before the signal, which proves nothing (seen
	// once in many runs): the run is repeated with longer letters until some finish after it.
	for _, facts := range []int{10, 25, 50} {
		if after := sigtermRun(t, facts); after > 0 || t.Failed() {
			return
		}
		t.Logf("with %d long facts every letter was drawn before the signal; again with more", facts)
	}
	t.Error("no letter was finished after the signal: the test proved nothing")
}

// sigtermRun starts the real process, sends it letters of facts long facts each, signals it
// once it has accepted them all, and says how many were finished after the signal.
func sigtermRun(t *testing.T, facts int) (after int) {
	t.Helper()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	// One render slot: the letters queue inside the server, accepted and in flight.
	cmd.Env = append(os.Environ(), "AFGORELSESBREVE_SERVE=1", "LETTERS_ADDR="+addr, "LETTERS_SHUTDOWN_GRACE=20s",
		"LETTERS_MAX_RENDERS=1", "LETTERS_RENDER_TIMEOUT=20s", "LETTERS_API_TOKENS=", "LETTERS_API_TOKENS_FILE=")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	url := "http://" + addr
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(url + "/readyz"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start: %s", logs.String())
		}
	}
	// Letters with long texts take a while; send many, then SIGTERM while they are drawn.
	var d map[string]any
	raw, _ := os.ReadFile("testdata/decisions/partly-granted.json")
	json.Unmarshal(raw, &d)
	var long []any
	for range facts {
		long = append(long, strings.Repeat("En lang oplysning med mange ord. ", 250))
	}
	d["assessment"].(map[string]any)["facts"] = long
	body, _ := json.Marshal(d)
	const n = 40
	type answer struct {
		code int
		err  error
		pdf  bool
		at   time.Time
	}
	answers := make(chan answer, n)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: n}}
	defer client.CloseIdleConnections()
	var sent sync.WaitGroup
	for range n {
		sent.Add(1)
		go func() {
			req, _ := http.NewRequest(http.MethodPost, url+"/v1/letters", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			sent.Done()
			resp, err := client.Do(req)
			if err != nil {
				answers <- answer{err: err}
				return
			}
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			answers <- answer{code: resp.StatusCode, err: err, pdf: bytes.HasPrefix(b, []byte("%PDF-")), at: time.Now()}
		}()
	}
	sent.Wait()
	// Wait until the server has accepted every request: answered, drawing or queued.
	for deadline := time.Now().Add(20 * time.Second); accepted(t, url) < n; time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the server accepted only %d of %d requests", accepted(t, url), n)
		}
	}
	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	ok := 0
	for range n {
		a := <-answers
		switch {
		case a.err == nil && a.code == 200 && a.pdf:
			ok++
			if a.at.After(signalled) {
				after++
			}
		default:
			t.Errorf("a letter in flight was not finished: code %d, err %v", a.code, a.err)
		}
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("exit: %v\n%s", err, logs.String())
		}
	case <-time.After(22 * time.Second):
		t.Fatal("the server did not exit within the grace period")
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Errorf("no shutdown in the log: %s", logs.String())
	}
	t.Logf("%d facts: %d of %d letters answered, %d of them after SIGTERM", facts, ok, n, after)
	return after
}

// accepted reads the server's metrics: letters answered plus letters drawing or queued.
func accepted(t *testing.T, url string) int {
	resp, err := http.Get(url + "/metrics")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	total := 0.0
	for _, line := range strings.Split(string(b), "\n") {
		for _, name := range []string{`letters_http_requests_total{municipality="broenderslev",route="/v1/letters",status="200"}`, "letters_renders_in_flight", "letters_render_queue_length"} {
			if v, ok := strings.CutPrefix(line, name+" "); ok {
				f, _ := strconv.ParseFloat(v, 64)
				total += f
			}
		}
	}
	return int(total)
}

// "standards check" passes the packs of testdata/standards, composing every example under each,
// and fails a bad pack naming its file and field.
func TestStandardsCheckCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := standardsCommand([]string{"check", "testdata/standards"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, id := range []string{"eksempel-sel104-2025-01", "broenderslev-sel104-2027-01"} {
		if !strings.Contains(stdout.String(), "ok  "+id) {
			t.Errorf("no ok for %s: %s", id, stdout.String())
		}
	}
	// The repository's own packs pass (served beside the embedded ones, they are the same);
	// a changed copy of one clashes with it.
	if code := standardsCommand([]string{"check", "standards"}, &stdout, &stderr); code != 0 {
		t.Errorf("the embedded packs fail their own check: %s", stderr.String())
	}
	changed := t.TempDir()
	os.CopyFS(changed, os.DirFS("standards"))
	f := filepath.Join(changed, "broenderslev-sel104-2024-12", "standard.json")
	raw, _ := os.ReadFile(f)
	os.WriteFile(f, bytes.Replace(raw, []byte(`"value": 14`), []byte(`"value": 15`), 1), 0o644)
	stderr.Reset()
	if code := standardsCommand([]string{"check", changed}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "the same id as standards/broenderslev-sel104-2024-12") {
		t.Errorf("a changed copy of the embedded pack passes (exit %d): %s", code, stderr.String())
	}

	dir := t.TempDir()
	raw, _ = os.ReadFile("testdata/standards/eksempel-sel104-2025-01/standard.json")
	bad := strings.Replace(string(raw), `"start_within": {"value": 10, "unit": "days"}`, `"start_within": {"value": 10, "unit": "dage"}`, 1)
	os.MkdirAll(filepath.Join(dir, "eksempel-sel104-2025-01"), 0o755)
	os.WriteFile(filepath.Join(dir, "eksempel-sel104-2025-01", "standard.json"), []byte(bad), 0o644)
	stdout.Reset()
	stderr.Reset()
	if code := standardsCommand([]string{"check", dir}, &stdout, &stderr); code != 1 {
		t.Fatalf("a bad pack passes: exit %d", code)
	}
	if want := "eksempel-sel104-2025-01/standard.json: /numbers/start_within/unit: value must be one of"; !strings.Contains(stderr.String(), want) {
		t.Errorf("the error does not name file and field: %s", stderr.String())
	}

	// The service refuses to start on it, with the same words.
	cfg, err := loadConfig([]string{"-standards", dir}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newHandler(cfg, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), "/numbers/start_within/unit") {
		t.Errorf("the service starts on a bad pack: %v", err)
	}
}

// The service binary must not link the browser the load benchmark drives (cmd/loadbench).
func TestTheServiceBinaryLinksNoBrowser(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	if !strings.Contains(string(out), "github.com/bronderslev/afgorelsesbreve/server\n") {
		t.Fatalf("go list -deps does not list the server package: the test reads the wrong list")
	}
	for _, dep := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(dep, "github.com/chromedp/") {
			t.Errorf("the service binary links %s; the browser belongs to cmd/loadbench", dep)
		}
	}
}
