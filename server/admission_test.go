package server

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
)

// A letter whose municipality is known before its check takes its render slot before the
// check (admitEarly) and gives it back however the letter ends: refused, malformed, not JSON,
// drawn, failed, panicked or overrun. A slot kept would answer the next letter 503.
func TestEarlyAdmissionGivesTheSlotBack(t *testing.T) {
	// Sequential: it holds a drawing to its time limit while it looks at the slot.
	free := func(t *testing.T, s testServer, after string) {
		t.Helper()
		s.limiter.mu.Lock()
		held := len(s.limiter.held)
		s.limiter.mu.Unlock()
		if len(s.limiter.slots) != 0 || held != 0 || s.limiter.waiting.Load() != 0 {
			t.Errorf("after %s: %d slots, %d municipalities and %d waiting still held", after, len(s.limiter.slots), held, s.limiter.waiting.Load())
		}
	}
	// One slot, no fair share (so every letter is admitted before its check), a short timeout.
	one := func(c *Config) {
		c.MaxRenders, c.MaxQueue, c.MunicipalityShare, c.RenderTimeout = 1, 1, 100, 2*time.Second
	}
	s := newTestServer(t, one)
	for _, c := range []struct {
		name, contentType string
		body              []byte
		status            int
	}{
		{"a letter that breaks a rule", "application/json", testkit.Read(t, "rules/start_within_14_days.json"), http.StatusUnprocessableEntity},
		{"malformed JSON", "application/json", []byte(`{"kind":`), http.StatusBadRequest},
		{"not JSON", "text/plain", testkit.Read(t, "granted.json"), http.StatusUnsupportedMediaType},
		{"a letter", "application/json", testkit.Read(t, "granted.json"), http.StatusOK},
	} {
		for _, path := range []string{"/v1/letters", "/v1/messages"} {
			want := c.status
			if path == "/v1/messages" && want == http.StatusOK {
				want = http.StatusUnprocessableEntity // drawn, but the test standard has no CVR to send from
			}
			if rec := s.do(http.MethodPost, path, c.contentType, c.body); rec.Code != want {
				t.Errorf("%s to %s: %d, want %d", c.name, path, rec.Code, want)
			}
			free(t, s, c.name+" to "+path)
		}
	}

	for name, change := range map[string]func(*Config){
		"a renderer that fails":  func(c *Config) { c.PDF = failingRenderer{} },
		"a renderer that panics": func(c *Config) { c.PDF = panickingRenderer{} },
	} {
		s := newTestServer(t, func(c *Config) { one(c); change(c) })
		if rec := s.post("/v1/letters", testkit.Read(t, "granted.json")); rec.Code != http.StatusInternalServerError {
			t.Errorf("%s: %d, want 500", name, rec.Code)
		}
		free(t, s, name)
	}

	// A drawing that overruns the timeout keeps its slot until it ends, then gives it back.
	s = newTestServer(t, func(c *Config) {
		one(c)
		c.PDF, c.RenderTimeout = slowRenderer{300 * time.Millisecond}, 50*time.Millisecond
	})
	if rec := s.post("/v1/letters", testkit.Read(t, "granted.json")); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("an overrun: %d, want 503", rec.Code)
	}
	if len(s.limiter.slots) != 1 {
		t.Error("the overrunning drawing's slot was given back before it ended")
	}
	if !drawingsEnd(s) {
		t.Error("the overrunning drawing's slot was not given back when it ended")
	}
}

// drawingsEnd waits up to five seconds for s to hold no render slot, no municipality's share
// and no waiting letter, and says whether it came to that.
func drawingsEnd(s testServer) bool {
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		s.limiter.mu.Lock()
		held := len(s.limiter.held)
		s.limiter.mu.Unlock()
		if len(s.limiter.slots) == 0 && held == 0 && s.limiter.waiting.Load() == 0 {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

// Under overload a letter that breaks a rule is answered 503, with Retry-After, before its 422
// (README, "Extensions to the contract"): its check runs in the render slot it could not get.
// A validation draws nothing and does not queue: it still answers with the faults.
func TestUnderOverloadA503ComesBeforeThe422(t *testing.T) {
	s := newTestServer(t, func(c *Config) { c.MaxRenders, c.MaxQueue, c.MunicipalityShare = 1, 1, 100 })
	s.limiter.slots <- struct{}{} // the one slot drawing
	s.limiter.waiting.Store(1)    // and the queue full
	defer func() { <-s.limiter.slots; s.limiter.waiting.Store(0) }()

	broken := testkit.Read(t, "rules/start_within_14_days.json")
	rec := s.post("/v1/letters", broken)
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("a letter that breaks a rule, under overload: %d (Retry-After %q), want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec := s.post("/v1/validations", broken); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "start_within_14_days") {
		t.Errorf("a validation under overload: %d %s, want 200 with the fault", rec.Code, rec.Body.String())
	}
}
