package server

import (
	"testing"

	"go.uber.org/goleak"
)

// No test may leave a goroutine behind: a leak per request would grow without bound under load.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
