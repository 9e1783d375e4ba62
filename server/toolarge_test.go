package server

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// A client that writes the whole oversized body before it reads the answer (as Python's urllib
// and Java's HttpURLConnection do) gets the 413 problem, every time, on the JSON routes and the
// form route alike, not a connection reset.
func TestOversizedBodyGets413BeforeTheConnectionCloses(t *testing.T) {
	s := newTestServer(t, nil)
	ts := httptest.NewUnstartedServer(s)
	ts.Config.ReadHeaderTimeout, ts.Config.ReadTimeout, ts.Config.WriteTimeout = 5*time.Second, 15*time.Second, 30*time.Second
	ts.Start()
	t.Cleanup(ts.Close)
	body := strings.Repeat("x", 5<<20)
	for _, route := range []struct{ path, ct string }{{"/v1/letters", "application/json"}, {"/", "application/x-www-form-urlencoded"}} {
		got := 0
		for i := range 20 {
			conn, err := net.Dial("tcp", ts.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			conn.SetDeadline(time.Now().Add(20 * time.Second))
			w := bufio.NewWriterSize(conn, 64<<10)
			fmt.Fprintf(w, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", route.path, route.ct, len(body))
			_, werr := io.WriteString(w, body)
			if werr == nil {
				werr = w.Flush()
			}
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Logf("%s try %d: written %v, read %v", route.path, i+1, werr, err)
				conn.Close()
				continue
			}
			var p problem
			derr := json.NewDecoder(res.Body).Decode(&p)
			res.Body.Close()
			conn.Close()
			if res.StatusCode == http.StatusRequestEntityTooLarge && derr == nil && p.Status == 413 && p.RequestID != "" {
				got++
			} else {
				t.Logf("%s try %d: %d %v", route.path, i+1, res.StatusCode, derr)
			}
		}
		if got != 20 {
			t.Errorf("%s: %d of 20 clients that write the whole body first got the 413 problem", route.path, got)
		}
	}
}
