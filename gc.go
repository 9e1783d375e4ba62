package main

import (
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// gcPercent is the service's GOGC when the environment sets none. A letter allocates about
// 100 KB and the live heap is about 7 MB, so at Go's default of 100 the collector ran 15 to 20
// times a second under full load on two cores; each cycle stops the world twice and takes a
// quarter of the cores while it marks, and on a busy machine a stop waits for a thread the
// kernel has not scheduled (40-80 ms pauses were seen in GODEBUG=gctrace=1 under loadbench).
// At 200 it runs half as often for about 10 MB more heap (README, Configuration).
const gcPercent = 200

// memoryLimitShare is the part of the container's memory limit (cgroup memory.max) given to
// the runtime as its soft limit (GOMEMLIMIT) when the environment sets none: near the limit
// the collector runs more often instead of the container being killed.
const memoryLimitShare = 0.75

// gcDefaults sets GOGC and GOMEMLIMIT where the environment does not, and says what it set.
func gcDefaults(getenv func(string) string, cgroupLimit func() int64) (gogc int, memLimit int64) {
	gogc, memLimit = -1, -1
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
		gogc = gcPercent
	}
	if getenv("GOMEMLIMIT") == "" {
		if limit := cgroupLimit(); limit > 0 {
			memLimit = int64(float64(limit) * memoryLimitShare)
			debug.SetMemoryLimit(memLimit)
		}
	}
	return gogc, memLimit
}

// cgroupMemoryLimit is the memory limit of the process's cgroup in bytes (v2 memory.max, or
// v1 memory.limit_in_bytes), or 0 when there is none.
func cgroupMemoryLimit() int64 {
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		raw, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64)
		if err != nil || n <= 0 || n >= 1<<50 { // "max", or v1's "unlimited" (a huge number)
			return 0
		}
		return n
	}
	return 0
}
