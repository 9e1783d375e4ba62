package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// The service sets GOGC and GOMEMLIMIT only where the environment does not, and its memory
// limit follows the container's.
func TestGCDefaults(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	const container = 128 << 20

	gogc, limit := gcDefaults(env(nil), func() int64 { return container })
	if gogc != gcPercent || debug.SetGCPercent(100) != gcPercent {
		t.Errorf("no GOGC: got %d, want %d", gogc, gcPercent)
	}
	if want := int64(container * memoryLimitShare); limit != want || debug.SetMemoryLimit(math.MaxInt64) != want {
		t.Errorf("no GOMEMLIMIT in a 128 MiB container: got %d, want %d", limit, want)
	}

	gogc, limit = gcDefaults(env(map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}), func() int64 { return container })
	if gogc != -1 || limit != -1 || debug.SetGCPercent(100) != 100 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Errorf("the environment's own settings were overridden: %d, %d", gogc, limit)
	}

	if _, limit = gcDefaults(env(nil), func() int64 { return 0 }); limit != -1 || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Errorf("no container limit: a memory limit of %d was set", limit)
	}
}
