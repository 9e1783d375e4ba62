// Package headless starts Debian's Chromium headless (chromium, or chromium-headless-shell, which
// the browser tests prefer) with the switches this machine needs (no sandbox as root; no
// background networking, which would try to reach the internet), for the browser tests and the
// load benchmark.
package headless

import (
	"context"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Path finds Debian's chromium.
func Path() (string, error) { return exec.LookPath("chromium") }

// New starts a browser allocator and a tab context; cancel stops both.
func New(execPath, userDataDir string) (ctx context.Context, cancel func()) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(1400, 1100),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	return ctx, func() { cancelTab(); cancelAlloc() }
}
