package server

import (
	"context"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

// renderLimiter caps how many letters are drawn at once. Requests beyond the cap wait in a
// queue of bounded length; a full queue, or a wait longer than the render timeout, is answered
// 503 with Retry-After rather than letting the service fall over.
type renderLimiter struct {
	slots   chan struct{}
	waiting atomic.Int64
	queue   int64
	timeout time.Duration
}

func newRenderLimiter(concurrent, queue int, timeout time.Duration) *renderLimiter {
	return &renderLimiter{slots: make(chan struct{}, concurrent), queue: int64(queue), timeout: timeout}
}

// errBusy is a render that did not get a slot or did not finish in time.
type errBusy struct{ detail string }

func (e errBusy) Error() string { return e.detail }

// run draws with a slot. The drawing itself cannot be interrupted, so when it overruns the
// timeout the caller gets 503 and the slot is given back only when the drawing ends: the cap
// keeps counting it.
func (l *renderLimiter) run(ctx context.Context, draw func() ([]byte, error)) ([]byte, error) {
	if l.waiting.Add(1) > l.queue {
		l.waiting.Add(-1)
		return nil, errBusy{"Der er for mange breve i kø. Prøv igen om lidt."}
	}
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	select {
	case l.slots <- struct{}{}:
		l.waiting.Add(-1)
	case <-ctx.Done():
		l.waiting.Add(-1)
		return nil, errBusy{"Brevet kunne ikke dannes i tide. Prøv igen om lidt."}
	}
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-l.slots }()
		defer func() {
			if v := recover(); v != nil {
				done <- result{err: panicError{v}}
			}
		}()
		b, err := draw()
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		if p, ok := r.err.(panicError); ok {
			panic(p.v) // to the recovery middleware, on the request's goroutine
		}
		return r.b, r.err
	case <-ctx.Done():
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
