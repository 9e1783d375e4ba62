package server

import (
	"net/http"
	"testing"

	"github.com/bronderslev/afgorelsesbreve/internal/testkit"
)

// BenchmarkPostLetter is POST /v1/letters through the whole handler: gin, request id, access
// log, authorization, body limit, check, render limiter, compose, render, metrics.
func BenchmarkPostLetter(b *testing.B) {
	s := withToken(b)
	body := testkit.Read(b, "partly-granted.json")
	b.ReportAllocs()
	for b.Loop() {
		rec := s.do(http.MethodPost, "/v1/letters", "application/json", body, "Authorization", "Bearer "+token)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
