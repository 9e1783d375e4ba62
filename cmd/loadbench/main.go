// Command loadbench measures the service: it starts the service binary on a free loopback
// port (built from this checkout with `go build`, or the one -server names), posts one decision
// at a concurrency for a time, and reports letters/s, latency percentiles, failures and the
// server's peak RSS; with -against another build serves the same load in turns; then, in the
// same run, it prints the same letter's HTML rendition in a warm headless Chromium (chromedp)
// and reports how many times faster the service is. Only loopback is ever a target.
//
// It is a command of its own so that the service binary does not link chromedp:
//
//	go run ./cmd/loadbench -d 40s -against /tmp/before
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters"
	"github.com/bronderslev/afgorelsesbreve/letters/htmlrender"
	"github.com/bronderslev/afgorelsesbreve/server/headless"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

func main() { os.Exit(loadbenchCommand(os.Args[1:], os.Stdout, os.Stderr)) }

// servicePackage is the service's main package, built when -server names no binary.
const servicePackage = "github.com/bronderslev/afgorelsesbreve"

// loadbenchCommand serves the real binary on loopback, posts one decision at a concurrency for
// a time, and reports letters/s, latency percentiles, failures and the server's peak RSS; then,
// in the same run, prints the same letter's HTML rendition in a warm headless Chromium and
// reports how many times faster the service is. Only loopback is ever a target.
func loadbenchCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("loadbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	conc := fs.Int("c", 16, "concurrent connections")
	dur := fs.Duration("d", 10*time.Second, "how long to post letters")
	warm := fs.Duration("warmup", 2*time.Second, "load before measuring")
	bodyFile := fs.String("body", "testdata/decisions/partly-granted.json", "the decision to post")
	chromiumN := fs.Int("chromium", 40, "letters Chromium prints for the comparison; 0 skips it")
	target := fs.String("target", "", "post to a server already running at this URL (a load balancer, say) instead of starting one")
	targetToken := fs.String("token", "", "with -target: the bearer token to send")
	against := fs.String("against", "", "another build of the service (an earlier commit, say) to serve the same load in turns with this one, in the same run")
	server := fs.String("server", "", "the service binary to measure; empty: build this checkout's with go build")
	procs := fs.Int("procs", 1, "GOMAXPROCS of the load generator itself (0: Go's default); the servers it starts keep the environment's")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *procs > 0 {
		// The load generator shares the cores with the server: one P is plenty for it (about
		// 0.1 ms of CPU a letter) and keeps it from running on both cores at once.
		runtime.GOMAXPROCS(*procs)
	}
	body, err := os.ReadFile(*bodyFile)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	var srv, base *childServer
	if *target != "" {
		srv = &childServer{url: strings.TrimSuffix(*target, "/"), token: *targetToken}
		fmt.Fprintf(stdout, "loadbench: %s, %d cores, %s; server: %s\n",
			runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format(time.DateOnly), srv.url)
	} else {
		exe, name := *server, *server
		if exe == "" {
			dir, err := os.MkdirTemp("", "loadbench-server")
			if err != nil {
				fmt.Fprintln(stderr, "loadbench:", err)
				return 1
			}
			defer os.RemoveAll(dir)
			exe, name = dir+"/afgorelsesbreve", "this checkout, built"
			build := exec.Command("go", "build", "-o", exe, servicePackage)
			build.Stdout, build.Stderr = stderr, stderr
			if err := build.Run(); err != nil {
				fmt.Fprintln(stderr, "loadbench: build the service:", err)
				return 1
			}
		}
		srv, err = startServer(exe)
		if err != nil {
			fmt.Fprintln(stderr, "loadbench: start the server:", err)
			return 1
		}
		defer srv.stop()
		fmt.Fprintf(stdout, "loadbench: %s, %d cores, %s; server: %s, pid %d, on %s\n",
			runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format(time.DateOnly), name, srv.cmd.Process.Pid, srv.url)
		if *against != "" {
			if base, err = startServer(*against); err != nil {
				fmt.Fprintln(stderr, "loadbench: start the server to compare against:", err)
				return 1
			}
			defer base.stop()
		}
	}
	fmt.Fprintf(stdout, "letter: %s (%d bytes of JSON), %d connections, %s after %s warm-up\n", *bodyFile, len(body), *conc, *dur, *warm)
	if srv.cmd != nil {
		first := load(srv, body, 1, 0)
		fmt.Fprintf(stdout, "cold:     ready %s after start, the first letter in %s\n", srv.ready.Round(time.Millisecond), pct(first.latencies, 100))
	}
	load(srv, body, *conc, *warm) // warm-up, not counted
	var r, b loadResult
	if base == nil {
		r = load(srv, body, *conc, *dur)
	} else {
		// The two servers take turns, so that the machine's other load falls on both alike.
		load(base, body, *conc, *warm)
		const rounds = 6
		for range rounds {
			r.add(load(srv, body, *conc, *dur/rounds))
			b.add(load(base, body, *conc, *dur/rounds))
		}
	}
	rate := report(stdout, "service: ", r)
	if srv.cmd != nil {
		fmt.Fprintf(stdout, "memory:   server peak RSS %.1f MiB\n", float64(peakRSS(srv.cmd.Process.Pid))/1024)
	}
	if base != nil {
		brate := report(stdout, "against: ", b)
		fmt.Fprintf(stdout, "against:  %s, peak RSS %.1f MiB; this build serves %.2fx its letters/s\n",
			*against, float64(peakRSS(base.cmd.Process.Pid))/1024, rate/brate)
		r.failed += b.failed
	}
	if *chromiumN == 0 {
		if r.failed > 0 {
			return 1
		}
		return 0
	}
	crate, clat, err := chromium(body, *chromiumN)
	if err != nil {
		fmt.Fprintln(stderr, "loadbench: chromium:", err)
		return 1
	}
	fmt.Fprintf(stdout, "chromium: %d letters printed from the HTML rendition in a warm tab: %.1f letters/s, p50 %s\n", *chromiumN, crate, pct(clat, 50))
	fmt.Fprintf(stdout, "ratio:    %.0fx chromium's letters/s\n", rate/crate)
	if r.failed > 0 {
		return 1
	}
	return 0
}

type childServer struct {
	cmd   *exec.Cmd
	url   string
	token string        // the child's one bearer token, so the benchmark runs with authorization on
	ready time.Duration // from start to the first 200 from /readyz
	log   *accessLog    // the child's own duration of each letter, from its access log
}

// accessLog reads the server's access log (its stderr, JSON lines) while recording is on and
// keeps, for each letter loadbench posted (request ids "lb..."), when the server's handler
// started and ended: the log line's time, less its duration_ms. The server's and the load
// generator's clocks are the one wall clock of this machine, so a letter's latency splits into
// before the handler (the request in the kernel and waiting for the server to read it), in
// the handler (headers read to answer handed to the connection, the render queue included) and
// after it (the answer on its way and waiting for the load generator to read it).
type accessLog struct {
	mu        sync.Mutex
	recording bool
	pending   []byte // a line not yet ended
	spans     map[string][2]int64
}

func (a *accessLog) Write(p []byte) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.recording {
		a.pending = a.pending[:0]
		return len(p), nil
	}
	a.pending = append(a.pending, p...)
	for {
		i := bytes.IndexByte(a.pending, '\n')
		if i < 0 {
			break
		}
		line := a.pending[:i]
		if bytes.Contains(line, []byte(`"request_id":"lb`)) {
			var l struct {
				Time      time.Time `json:"time"`
				RequestID string    `json:"request_id"`
				Duration  float64   `json:"duration_ms"`
			}
			if json.Unmarshal(line, &l) == nil {
				end := l.Time.UnixNano()
				a.spans[l.RequestID] = [2]int64{end - int64(l.Duration*float64(time.Millisecond)), end}
			}
		}
		a.pending = a.pending[:copy(a.pending, a.pending[i+1:])]
	}
	return len(p), nil
}

// record turns recording on or off; off returns what was recorded since on.
func (a *accessLog) record(on bool) map[string][2]int64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.recording = on
	spans := a.spans
	a.spans = map[string][2]int64{}
	return spans
}

// startServer runs exe (the service binary, or another build of it) as the server on a free loopback
// port and waits until ready.
func startServer(exe string) (*childServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	var b [16]byte
	rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	cmd := exec.Command(exe, "-addr", addr)
	cmd.Env = append(os.Environ(), "LETTERS_API_TOKENS="+token, "LETTERS_API_TOKENS_FILE=")
	log := &accessLog{spans: map[string][2]int64{}}
	cmd.Stdout, cmd.Stderr = io.Discard, log // a JSON line a request on stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &childServer{cmd: cmd, url: "http://" + addr, token: token, log: log}
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if resp, err := http.Get(s.url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.ready = time.Since(start)
				return s, nil
			}
		}
	}
	s.stop()
	return nil, errors.New("the server did not become ready")
}

func (s *childServer) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
	}
}

type loadResult struct {
	latencies []time.Duration
	// Each letter's latency split at the server's handler (a server loadbench started).
	splits []split
	// The kernel's account of the server's threads and the load generator's own: time on a
	// core, and time ready to run but waiting for one (another process had it).
	serverRan, serverWaited, selfRan, selfWaited time.Duration
	failed                                       int
	size                                         int
	elapsed                                      time.Duration
}

// add counts another stretch of load in r.
func (r *loadResult) add(o loadResult) {
	r.latencies = append(r.latencies, o.latencies...)
	slices.Sort(r.latencies)
	r.splits = append(r.splits, o.splits...)
	r.serverRan += o.serverRan
	r.serverWaited += o.serverWaited
	r.selfRan += o.selfRan
	r.selfWaited += o.selfWaited
	r.failed += o.failed
	r.size = max(r.size, o.size)
	r.elapsed += o.elapsed
}

// split is a letter's latency, and its parts before, in and after the server's handler.
type split struct {
	total time.Duration
	parts [3]time.Duration
}

// report prints a load's letters/s, latency and size, and returns the letters/s.
func report(w io.Writer, name string, r loadResult) float64 {
	rate := float64(len(r.latencies)) / r.elapsed.Seconds()
	var sum time.Duration
	for _, l := range r.latencies {
		sum += l
	}
	mean := sum / time.Duration(max(len(r.latencies), 1))
	fmt.Fprintf(w, "%s %d letters, %d failed, %.0f letters/s\n", name, len(r.latencies), r.failed, rate)
	fmt.Fprintf(w, "latency:  mean %s  p50 %s  p95 %s  p99 %s  max %s; p99 is %.1fx the mean\n", mean.Round(100*time.Microsecond),
		pct(r.latencies, 50), pct(r.latencies, 95), pct(r.latencies, 99), pct(r.latencies, 100), float64(pct99(r.latencies))/float64(max(mean, 1)))
	if len(r.splits) > 0 {
		for i, name := range []string{"before the handler", "in the handler", "after it"} {
			d := make([]time.Duration, len(r.splits))
			var sum time.Duration
			for j, sp := range r.splits {
				d[j] = sp.parts[i]
				sum += d[j]
			}
			slices.Sort(d)
			fmt.Fprintf(w, "  %-19s mean %s  p50 %s  p99 %s\n", name+":", (sum / time.Duration(len(d))).Round(100*time.Microsecond), pct(d, 50), pct(d, 99))
		}
		worst := slices.SortedFunc(slices.Values(r.splits), func(a, b split) int { return cmp.Compare(b.total, a.total) })
		worst = worst[:max(len(worst)/100, 1)]
		var w3 [3]time.Duration
		for _, sp := range worst {
			for i := range w3 {
				w3[i] += sp.parts[i] / time.Duration(len(worst))
			}
		}
		fmt.Fprintf(w, "  the slowest 1%%:     %s before the handler, %s in it, %s after it, on average (%d of %d letters found in the server's access log)\n",
			w3[0].Round(100*time.Microsecond), w3[1].Round(100*time.Microsecond), w3[2].Round(100*time.Microsecond), len(r.splits), len(r.latencies))
	}
	if r.serverRan > 0 {
		fmt.Fprintf(w, "cores:    the server ran %.1fs and waited %.1fs for a core, the load generator ran %.1fs and waited %.1fs, in %.1fs (/proc/PID/task/*/schedstat; waiting: for a core another thread held, the other side and the machine's other load alike)\n",
			r.serverRan.Seconds(), r.serverWaited.Seconds(), r.selfRan.Seconds(), r.selfWaited.Seconds(), r.elapsed.Seconds())
	}
	fmt.Fprintf(w, "size:     %d bytes per letter\n", r.size)
	return rate
}

// schedstat is the time the threads of process pid ("self" for this one) have run on a core
// and waited, ready, for one, as the kernel counts them.
func schedstat(pid string) (ran, waited time.Duration) {
	files, _ := filepath.Glob("/proc/" + pid + "/task/*/schedstat")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		var r, w int64
		if _, err := fmt.Sscan(string(raw), &r, &w); err == nil {
			ran += time.Duration(r)
			waited += time.Duration(w)
		}
	}
	return ran, waited
}

// load posts body to /v1/letters from conc connections until d has passed (d = 0: one letter
// a connection). A letter's latency runs from writing the request (dialling first when the
// connection is new) to reading the last byte of the answer: what a caller waits.
func load(srv *childServer, body []byte, conc int, d time.Duration) loadResult {
	var mu sync.Mutex
	var res loadResult
	var pid string
	var sr0, sw0, lr0, lw0 time.Duration
	if srv.cmd != nil {
		pid = strconv.Itoa(srv.cmd.Process.Pid)
		sr0, sw0 = schedstat(pid)
		lr0, lw0 = schedstat("self")
	}
	if srv.log != nil {
		srv.log.record(true)
	}
	start := time.Now()
	deadline := start.Add(d)
	type sent struct {
		id     string
		t0, t1 int64 // wall clock, ns
	}
	var letters []sent
	var wg sync.WaitGroup
	for c := range conc {
		wg.Go(func() {
			p := newPoster(srv, body, c)
			defer p.close()
			lat := make([]time.Duration, 0, 4096)
			walls := make([][2]int64, 0, 4096)
			ids := make([]int, 0, 4096)
			failed, size := 0, 0
			for first := true; first || time.Now().Before(deadline); first = false {
				t0, n := time.Now(), p.n
				status, pdf, err := p.post()
				if err != nil || status != http.StatusOK || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
					failed++
					continue
				}
				t1 := time.Now()
				lat = append(lat, t1.Sub(t0))
				walls = append(walls, [2]int64{t0.UnixNano(), t1.UnixNano()})
				ids = append(ids, n)
				size = len(pdf)
			}
			mu.Lock()
			res.latencies = append(res.latencies, lat...)
			for i, n := range ids {
				letters = append(letters, sent{requestID(c, n), walls[i][0], walls[i][1]})
			}
			res.failed += failed
			res.size = max(res.size, size)
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	slices.Sort(res.latencies)
	if pid != "" {
		sr, sw := schedstat(pid)
		lr, lw := schedstat("self")
		res.serverRan, res.serverWaited, res.selfRan, res.selfWaited = sr-sr0, sw-sw0, lr-lr0, lw-lw0
	}
	if srv.log != nil {
		time.Sleep(50 * time.Millisecond) // the last letters' log lines
		spans := srv.log.record(false)
		for _, l := range letters {
			if h, ok := spans[l.id]; ok {
				res.splits = append(res.splits, split{total: time.Duration(l.t1 - l.t0),
					parts: [3]time.Duration{time.Duration(h[0] - l.t0), time.Duration(h[1] - h[0]), time.Duration(l.t1 - h[1])}})
			}
		}
	}
	return res
}

// poster is one keep-alive HTTP/1.1 connection of the load generator. It writes a request
// made once and reads the answer into a buffer of its own, so that the load generator, which
// shares the machine's cores with the server, costs little CPU per letter and makes next to no
// garbage (net/http's client took about a fifth of the CPU a letter cost, in goroutines and
// buffers of its own for every request). It speaks only what the service answers: a status
// line, headers, and a body of Content-Length bytes; anything else counts as a failure.
type poster struct {
	addr string
	req  []byte // the whole request: request line, headers, body
	id   []byte // the counter in the request's X-Request-ID, lbCC-NNNNNNNNNN, set before each post
	n    int
	conn net.Conn
	r    *bufio.Reader
	body []byte
}

func newPoster(srv *childServer, body []byte, conn int) *poster {
	u, err := url.Parse(srv.url)
	if err != nil || u.Scheme != "http" {
		panic("loadbench: only an http:// server can be loaded: " + srv.url)
	}
	addr := u.Host
	if u.Port() == "" {
		addr += ":80"
	}
	var req bytes.Buffer
	fmt.Fprintf(&req, "POST %s/v1/letters HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n",
		strings.TrimSuffix(u.Path, "/"), u.Host, len(body))
	if srv.token != "" {
		fmt.Fprintf(&req, "Authorization: Bearer %s\r\n", srv.token)
	}
	fmt.Fprintf(&req, "X-Request-ID: lb%02d-", conn)
	at := req.Len()
	req.WriteString("0000000000\r\n\r\n")
	req.Write(body)
	b := req.Bytes()
	return &poster{addr: addr, req: b, id: b[at : at+10], body: make([]byte, 0, 128<<10)}
}

// requestID is the id of the n-th letter of connection conn.
func requestID(conn, n int) string { return fmt.Sprintf("lb%02d-%010d", conn, n) }

// post sends the request and reads the answer; the body it returns is valid until the next post.
func (p *poster) post() (status int, body []byte, err error) {
	if p.conn == nil {
		if p.conn, err = net.DialTimeout("tcp", p.addr, 5*time.Second); err != nil {
			p.conn = nil
			return 0, nil, err
		}
		if p.r == nil {
			p.r = bufio.NewReaderSize(p.conn, 64<<10)
		} else {
			p.r.Reset(p.conn)
		}
	}
	status, body, keep, err := p.exchange()
	if err != nil || !keep {
		p.close()
	}
	return status, body, err
}

func (p *poster) exchange() (status int, body []byte, keep bool, err error) {
	for i, v := len(p.id)-1, p.n; i >= 0; i, v = i-1, v/10 {
		p.id[i] = byte('0' + v%10)
	}
	p.n++
	p.conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err = p.conn.Write(p.req); err != nil {
		return 0, nil, false, err
	}
	line, err := p.r.ReadSlice('\n')
	if err != nil {
		return 0, nil, false, err
	}
	// "HTTP/1.1 200 OK"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return 0, nil, false, fmt.Errorf("not an HTTP answer: %q", line)
	}
	if status, err = strconv.Atoi(string(line[9:12])); err != nil {
		return 0, nil, false, fmt.Errorf("status line %q", line)
	}
	length, keep, chunked := -1, true, false
	for {
		h, err := p.r.ReadSlice('\n')
		if err != nil {
			return status, nil, false, err
		}
		h = bytes.TrimRight(h, "\r\n")
		if len(h) == 0 {
			break
		}
		name, value, ok := bytes.Cut(h, []byte(":"))
		if !ok {
			return status, nil, false, fmt.Errorf("header line %q", h)
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return status, nil, false, fmt.Errorf("Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			if !bytes.EqualFold(value, []byte("chunked")) {
				return status, nil, false, fmt.Errorf("Transfer-Encoding %q", value)
			}
			chunked = true
		case bytes.EqualFold(name, []byte("Connection")) && bytes.EqualFold(value, []byte("close")):
			keep = false
		}
	}
	if chunked {
		body, err = p.chunks()
		return status, body, keep && err == nil, err
	}
	if length < 0 {
		return status, nil, false, errors.New("an answer without Content-Length or chunks")
	}
	if cap(p.body) < length {
		p.body = make([]byte, length)
	}
	body = p.body[:length]
	if _, err := io.ReadFull(p.r, body); err != nil {
		return status, nil, false, err
	}
	return status, body, keep, nil
}

// chunks reads a chunked body (a build that does not send Content-Length) into p.body.
func (p *poster) chunks() ([]byte, error) {
	body := p.body[:0]
	for {
		line, err := p.r.ReadSlice('\n')
		if err != nil {
			return nil, err
		}
		size, _, _ := bytes.Cut(bytes.TrimRight(line, "\r\n"), []byte(";"))
		n, err := strconv.ParseUint(string(bytes.TrimSpace(size)), 16, 31)
		if err != nil {
			return nil, fmt.Errorf("chunk size %q", line)
		}
		if n == 0 {
			break
		}
		body = slices.Grow(body, int(n))
		if _, err := io.ReadFull(p.r, body[len(body):len(body)+int(n)]); err != nil {
			return nil, err
		}
		body = body[:len(body)+int(n)]
		if _, err := p.r.Discard(2); err != nil { // CRLF
			return nil, err
		}
	}
	for { // trailers, up to the empty line
		line, err := p.r.ReadSlice('\n')
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimRight(line, "\r\n")) == 0 {
			break
		}
	}
	p.body = body
	return body, nil
}

func (p *poster) close() {
	if p.conn != nil {
		p.conn.Close()
		p.conn = nil
	}
}

func pct(sorted []time.Duration, p int) string {
	if len(sorted) == 0 {
		return "-"
	}
	i := min(len(sorted)-1, (len(sorted)*p+99)/100-1)
	return sorted[max(i, 0)].Round(100 * time.Microsecond).String()
}

func pct99(sorted []time.Duration) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[max(min(len(sorted)-1, (len(sorted)*99+99)/100-1), 0)]
}

// peakRSS is the process's peak resident set (VmHWM) in KiB.
func peakRSS(pid int) int {
	raw, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

// chromium prints the letter's HTML rendition n times in one warm tab, as an HTML-to-PDF
// service such as Gotenberg does: load the page, print it to PDF.
func chromium(body []byte, n int) (rate float64, lat []time.Duration, err error) {
	bin, err := headless.Path()
	if err != nil {
		return 0, nil, fmt.Errorf("chromium is not installed (apt-get install chromium): %w", err)
	}
	svc, err := letters.New()
	if err != nil {
		return 0, nil, err
	}
	res, err := svc.Check(body)
	if err != nil {
		return 0, nil, err
	}
	doc, err := res.Compose()
	if err != nil {
		return 0, nil, err
	}
	html, err := htmlrender.Render(doc)
	if err != nil {
		return 0, nil, err
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(html)
	}))
	defer ts.Close()
	dir, err := os.MkdirTemp("", "loadbench-chromium")
	if err != nil {
		return 0, nil, err
	}
	defer os.RemoveAll(dir)
	ctx, cancel := headless.New(bin, dir)
	defer cancel()
	a4w, a4h := 210/25.4, 297/25.4
	print := func() error {
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL)); err != nil {
			return err
		}
		// A tagged PDF, as the service draws: both sides do the same work.
		tagged := true
		pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: a4w, PaperHeight: a4h, GenerateTaggedPDF: &tagged})
		if err == nil && !bytes.HasPrefix(pdf.Data, []byte("%PDF-")) {
			err = errors.New("no PDF")
		}
		return err
	}
	for range 3 { // warm up
		if err := print(); err != nil {
			return 0, nil, err
		}
	}
	tctx, tcancel := context.WithTimeout(ctx, 5*time.Minute)
	defer tcancel()
	start := time.Now()
	for range n {
		if tctx.Err() != nil {
			return 0, nil, tctx.Err()
		}
		t0 := time.Now()
		if err := print(); err != nil {
			return 0, nil, err
		}
		lat = append(lat, time.Since(t0))
	}
	rate = float64(n) / time.Since(start).Seconds()
	slices.Sort(lat)
	return rate, lat, nil
}
