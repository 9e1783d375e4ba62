package server

import (
	"context"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

// renderLimiter caps how many letters are drawn at once. Requests beyond the cap wait in a
// queue of bounded length; a full queue, or a wait longer than the render timeout, is answered
// 503 with Retry-After rather than letting the service fall over. One municipality's letters
// may hold at most share of the slots and the queue together (waiting or drawing), so that its
// burst leaves room for the others' letters.
type renderLimiter struct {
	slots   chan struct{}
	waiting atomic.Int64
	queue   int64
	timeout time.Duration
	share   int // letters of one municipality waiting or drawing at once
	mu      sync.Mutex
	held    map[string]int // by municipality
}

// newRenderLimiter: sharePercent is the per-municipality share of slots plus queue, in percent
// (100: no fair share); a share is at least one letter.
func newRenderLimiter(concurrent, queue, sharePercent int, timeout time.Duration) *renderLimiter {
	share := (sharePercent*(concurrent+queue) + 99) / 100
	return &renderLimiter{slots: make(chan struct{}, concurrent), queue: int64(queue), timeout: timeout,
		share: max(share, 1), held: map[string]int{}}
}

// enter counts a letter of municipality in, unless the municipality already holds its share.
func (l *renderLimiter) enter(municipality string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.held[municipality] >= l.share {
		return false
	}
	l.held[municipality]++
	return true
}

func (l *renderLimiter) leave(municipality string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.held[municipality]--; l.held[municipality] <= 0 {
		delete(l.held, municipality)
	}
}

// errBusy is a render that did not get a slot or did not finish in time.
type errBusy struct{ detail string }

func (e errBusy) Error() string { return e.detail }

// run draws a letter of municipality with a slot. The drawing itself cannot be interrupted, so
// when it overruns the timeout the caller gets 503 and the slot (and the municipality's share)
// is given back only when the drawing ends: the cap keeps counting it.
func (l *renderLimiter) run(ctx context.Context, municipality string, draw func() ([]byte, error)) ([]byte, error) {
	t, err := l.admit(ctx, municipality)
	if err != nil {
		return nil, err
	}
	defer t.cancel()
	return l.draw(t, draw)
}

// ticket is a letter's slot, with the letter's render timeout running from the moment it
// queued for the slot. Until the drawing starts the handler gives it back (release); once
// draw has started the drawing, the drawing goroutine does, when it ends.
type ticket struct {
	l            *renderLimiter
	municipality string
	ctx          context.Context
	cancel       context.CancelFunc
	drawing      bool // set by draw, on the handler's goroutine
}

// admit queues a letter of municipality for a slot, within its share, the queue's length and
// the timeout.
func (l *renderLimiter) admit(ctx context.Context, municipality string) (*ticket, error) {
	if !l.enter(municipality) {
		return nil, errBusy{"Der er for mange breve fra samme kommune i kø. Prøv igen om lidt."}
	}
	if l.waiting.Add(1) > l.queue {
		l.waiting.Add(-1)
		l.leave(municipality)
		return nil, errBusy{"Der er for mange breve i kø. Prøv igen om lidt."}
	}
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	select {
	case l.slots <- struct{}{}:
		l.waiting.Add(-1)
		// To the back of the line before drawing. A slot given back wakes its next waiter on
		// the same core, ahead of everything else that core has to run; with every core busy
		// drawing, a core then never runs out of such letters, so it neither polls the network
		// nor looks at Go's global queue, where requests that have just arrived wait (they are
		// found by the runtime's monitor, every 10 ms, and the global queue is looked at only
		// every 61st turn). Those requests were read late and so queued for a slot late: under
		// load, p99 of the wait before the handler was 53-59 ms, and p99 was 6.4-6.6 times
		// the mean latency. Yielding here puts the letter behind them in the global queue, one
		// line in arrival order: p99 2.3 times the mean, and 7-11% more letters a second
		// (README, Performance).
		runtime.Gosched()
	case <-ctx.Done():
		l.waiting.Add(-1)
		l.leave(municipality)
		cancel()
		return nil, errBusy{"Brevet kunne ikke dannes i tide. Prøv igen om lidt."}
	}
	return &ticket{l: l, municipality: municipality, ctx: ctx, cancel: cancel}, nil
}

// release gives the slot and the share back, unless the drawing has started (it gives them
// back itself). For the handler to defer: it runs on the handler's goroutine, as draw does.
func (t *ticket) release() {
	if !t.drawing {
		t.drawing = true // given back: not twice
		<-t.l.slots
		t.l.leave(t.municipality)
	}
}

// draw draws with t's slot on a goroutine of its own, and waits for it within t's timeout.
func (l *renderLimiter) draw(t *ticket, draw func() ([]byte, error)) ([]byte, error) {
	type result struct {
		b   []byte
		err error
	}
	t.drawing = true
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if v := recover(); v != nil {
				r = result{err: panicError{v}}
			}
			// The slot first, the drawn letter last: Go runs the goroutine woken last next on
			// this core, and the one woken before it goes to the back of the core's queue. So
			// the request whose letter is drawn writes its answer now, instead of waiting
			// behind the next letter's drawing and every check queued on the core.
			<-l.slots
			l.leave(t.municipality)
			done <- r
		}()
		r.b, r.err = draw()
	}()
	select {
	case r := <-done:
		if p, ok := r.err.(panicError); ok {
			panic(p.v) // to the recovery middleware, on the request's goroutine
		}
		return r.b, r.err
	case <-t.ctx.Done():
		return nil, errBusy{"Brevet kunne ikke dannes i tide. Prøv igen om lidt."}
	}
}

type panicError struct{ v any }

func (p panicError) Error() string { return "panic while drawing" }

// busy answers 503 with Retry-After.
func (s *Server) busy(c *gin.Context, err errBusy) {
	c.Header("Retry-After", strconv.Itoa(1))
	s.problem(c, http.StatusServiceUnavailable, err.detail, nil)
}
