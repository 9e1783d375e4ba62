package server

import (
	"testing"

	"go.uber.org/goleak"
)

// No test may leave a goroutine behind: a leak per request would grow without bound under load.
// The browser the browser tests share is warmed up beside the sequential tests and stopped
// before goleak looks.
func TestMain(m *testing.M) { goleak.VerifyTestMain(closingM{m}) }

type closingM struct{ m *testing.M }

func (c closingM) Run() int {
	wait := warmUp()
	code := c.m.Run()
	wait()
	closeSharedBrowser()
	return code
}
