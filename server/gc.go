package server

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Garbage collector pacing for an interactive process.
//
// A keystroke in a large module allocates a few megabytes (the re-linked syntax tree, the
// file's summary, the rules' working lists) while the live heap of a small workspace is a
// few megabytes too. At Go's default GOGC=100 the collector then runs every keystroke or
// two, and the keystrokes a collection overlaps are the slow tail of keystroke latency
// (measured: nearly every keystroke over 10 ms overlapped one). The pacer keeps at least
// gcHeadroom of allocation between collections: after each collection it raises GOGC so
// that the next one starts at live+gcHeadroom when that is later than Go's default of
// 2x live. A large workspace's heap is paced as Go would pace it.
//
// GOGC is only updated after a collection, so a burst of allocation right after one (the
// workspace index being built) would run against a GOGC set for the small heap before
// it; a soft memory limit gcHeadroom above the next collection's start, moved with the
// live heap, caps that. The pacer is left alone when the user set GOGC; the limit when the
// user set GOMEMLIMIT.
const gcHeadroom = 32 << 20

// gcPacer re-reads the live heap after every collection and sets GOGC from it.
type gcPacer struct {
	stopped    atomic.Bool
	adjusted   chan struct{} // a token after each adjustment (tests wait on it)
	mu         sync.Mutex
	percent    int
	limit      int64
	ownsLimit  bool
	savedLimit int64
}

// tuneGC starts the pacer and returns a function that stops it and restores the previous
// settings (for tests and benchmarks sharing a process).
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	return startGCPacer().stop
}

func startGCPacer() *gcPacer {
	p := &gcPacer{percent: 100, ownsLimit: os.Getenv("GOMEMLIMIT") == "", adjusted: make(chan struct{}, 1)}
	if p.ownsLimit {
		p.savedLimit = debug.SetMemoryLimit(-1) // -1 reads the limit without changing it
	}
	p.adjust()
	p.arm()
	return p
}

func (p *gcPacer) stop() {
	p.stopped.Store(true)
	p.mu.Lock()
	defer p.mu.Unlock()
	debug.SetGCPercent(100)
	if p.ownsLimit {
		debug.SetMemoryLimit(p.savedLimit)
	}
}

// sentinel is garbage from the moment it is made; its finalizer runs after the next
// collection and re-arms a new one, so adjust runs once per collection.
type sentinel struct{ _ [16]byte }

func (p *gcPacer) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if p.stopped.Load() {
			return
		}
		p.adjust()
		p.arm()
	})
}

// gcPercentFor is the GOGC that starts the next collection at live+max(live, gcHeadroom).
func gcPercentFor(live uint64) int {
	if live == 0 || live >= gcHeadroom {
		return 100
	}
	return int(gcHeadroom * 100 / live)
}

// gcLimitFor is the soft memory limit for a live heap: gcHeadroom above where GOGC starts
// the next collection, so that it only bites when GOGC was set for a smaller heap, never
// on a large heap paced as Go would pace it.
func gcLimitFor(live uint64) int64 {
	if live > math.MaxInt64/4 {
		return math.MaxInt64
	}
	return int64(live) + int64(max(live, gcHeadroom)) + gcHeadroom
}

func (p *gcPacer) adjust() {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 {
		p.pace(s[0].Value.Uint64())
	}
	select {
	case p.adjusted <- struct{}{}:
	default:
	}
}

// pace sets GOGC and the memory limit for a live heap of live bytes.
func (p *gcPacer) pace(live uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped.Load() {
		return
	}
	if want := gcPercentFor(live); movedMuch(int64(want), int64(p.percent)) {
		p.percent = want
		debug.SetGCPercent(want)
	}
	if want := gcLimitFor(live); p.ownsLimit && movedMuch(want, p.limit) {
		p.limit = want
		debug.SetMemoryLimit(want)
	}
}

// movedMuch reports whether want differs from the current setting by more than 10%: small
// moves of the live heap are not worth a pacer update.
func movedMuch(want, current int64) bool {
	return want*10 < current*9 || want*10 > current*11
}
