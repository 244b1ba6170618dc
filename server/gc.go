package server

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Garbage collector pacing for an interactive process.
//
// A keystroke in a large module allocates a few megabytes (the re-linked syntax tree, the
// file's summary, the rules' working lists) while the live heap of a small workspace is a
// few megabytes too. At Go's default GOGC=100 the collector then runs every keystroke or
// two, and the keystrokes a collection overlaps are the slow tail of keystroke latency
// (measured: nearly every keystroke over 10 ms overlapped one). The pacer below keeps at
// least gcHeadroom of allocation between collections: GOGC is raised so that the next
// collection starts at live+gcHeadroom when that is later than Go's default of 2x live. A
// large workspace's heap is paced as Go would pace it; a small one pays at most gcHeadroom
// of memory. It is left alone when the user set GOGC.
const gcHeadroom = 64 << 20

// gcPacer re-reads the live heap after every collection and sets GOGC from it.
type gcPacer struct {
	stopped atomic.Bool
	percent int
}

// tuneGC starts the pacer and returns a function that stops it and restores GOGC (for
// tests and benchmarks sharing a process).
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	p := &gcPacer{percent: 100}
	p.adjust()
	p.arm()
	return func() {
		p.stopped.Store(true)
		debug.SetGCPercent(100)
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

func (p *gcPacer) adjust() {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	want := gcPercentFor(s[0].Value.Uint64())
	// Small moves of the live heap are not worth a pacer update.
	if want*10 < p.percent*9 || want*10 > p.percent*11 {
		p.percent = want
		debug.SetGCPercent(want)
	}
}
