// Package gcpace paces Go's garbage collector for otpls's two kinds of process from the
// live heap each collection leaves: the language server, which wants few collections
// while a user types, and the batch commands (check, fix), which want a low peak.
//
// Go's default (GOGC=100) lets the heap grow to twice what the last collection kept. For
// the server that is too little when the heap is small: a keystroke in a large module
// allocates a few megabytes while a small workspace's live heap is a few megabytes too,
// the collector then runs every keystroke or two, and the keystrokes a collection
// overlaps are the slow tail of keystroke latency (measured: nearly every keystroke over
// 10 ms overlapped one). For check it is too much when the heap is large: once a large
// workspace is indexed the live heap is the index and stays flat while each file is
// parsed again for its rules, so doubling it only holds garbage (measured on 1.5M lines:
// a peak of 8.2 bytes per source byte at GOGC=100, the live heap under 4).
//
// A Policy gives the allocation allowed between collections as a ratio of the live heap
// with a floor, and a soft memory limit above where the next collection starts. GOGC is
// only updated after a collection, so a burst of allocation right after one runs against
// a GOGC set for the smaller heap before it; the limit, moved with the live heap, caps
// that. Go also returns freed pages to the system to stay under the limit, where with
// GOGC alone it keeps them a while. The pacer is left alone when the user set GOGC; the
// limit when the user set GOMEMLIMIT.
package gcpace

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Policy is the allocation allowed between collections, from the live heap.
type Policy struct {
	// Ratio of the live heap that may be allocated before the next collection (Go's
	// GOGC/100).
	Ratio float64
	// Floor is the least allocation between collections, whatever the live heap.
	Floor uint64
	// Margin is how far the soft memory limit lies above where the next collection
	// starts: 0 makes the limit the collection's start itself, counted over all of the
	// runtime's memory (heap, stacks, its own tables).
	Margin uint64
}

// Interactive is the server's: at least 32 MB between collections, and Go's own pacing
// once the live heap is larger than that. The limit only bites when GOGC was set for a
// smaller heap, never on a large heap paced as Go would pace it.
var Interactive = Policy{Ratio: 1, Floor: 32 << 20, Margin: 32 << 20}

// Batch is check's, fix's and tree's: a third of the live heap between collections, at
// least 16 MB, and the limit 16 MB above (the limit counts the runtime's own memory too:
// with no margin the collector ran back to back). Measured against Go's default on the
// 100k-line corpus, where check keeps every syntax tree, the peak is 9% lower for 3% more
// processor time; on 1.5M lines, where the live heap is the index, a third lower for 7%
// more (the collector's marking: it runs about three times as often).
var Batch = Policy{Ratio: 1.0 / 3, Floor: 16 << 20, Margin: 16 << 20}

// headroom is the allocation allowed after a collection that left live bytes.
func (p Policy) headroom(live uint64) uint64 {
	return max(uint64(float64(live)*p.Ratio), p.Floor)
}

// Percent is the GOGC that starts the next collection live+headroom(live) bytes in.
func (p Policy) Percent(live uint64) int {
	if live == 0 {
		return int(p.Ratio * 100)
	}
	if live > math.MaxInt64/4 {
		return int(p.Ratio * 100)
	}
	return int(p.headroom(live) * 100 / live)
}

// Limit is the soft memory limit for a live heap: Margin above where the next collection
// starts.
func (p Policy) Limit(live uint64) int64 {
	if live > math.MaxInt64/4 {
		return math.MaxInt64
	}
	return int64(live + p.headroom(live) + p.Margin)
}

// Pacer re-reads the live heap after every collection and sets GOGC and the memory limit
// from it.
type Pacer struct {
	policy     Policy
	stopped    atomic.Bool
	adjusted   chan struct{} // a token after each adjustment (tests wait on it)
	mu         sync.Mutex
	percent    int
	limit      int64
	ownsLimit  bool
	savedLimit int64
}

// Start paces the collector with policy for as long as the process runs, unless the user
// set GOGC, and returns a function that stops the pacer and restores the previous
// settings (for tests and benchmarks sharing a process).
func Start(policy Policy) (stop func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	return start(policy).Stop
}

func start(policy Policy) *Pacer {
	p := &Pacer{policy: policy, percent: 100, ownsLimit: os.Getenv("GOMEMLIMIT") == "", adjusted: make(chan struct{}, 1)}
	if p.ownsLimit {
		p.savedLimit = debug.SetMemoryLimit(-1) // -1 reads the limit without changing it
	}
	p.adjust()
	p.arm()
	return p
}

// Stop stops the pacer and puts back Go's default GOGC and the limit before it.
func (p *Pacer) Stop() {
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

func (p *Pacer) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if p.stopped.Load() {
			return
		}
		p.adjust()
		p.arm()
	})
}

func (p *Pacer) adjust() {
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
func (p *Pacer) pace(live uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped.Load() {
		return
	}
	if want := p.policy.Percent(live); movedMuch(int64(want), int64(p.percent)) {
		p.percent = want
		debug.SetGCPercent(want)
	}
	if want := p.policy.Limit(live); p.ownsLimit && movedMuch(want, p.limit) {
		p.limit = want
		debug.SetMemoryLimit(want)
	}
}

// movedMuch reports whether want differs from the current setting by more than 10%: small
// moves of the live heap are not worth a pacer update.
func movedMuch(want, current int64) bool {
	return want*10 < current*9 || want*10 > current*11
}
