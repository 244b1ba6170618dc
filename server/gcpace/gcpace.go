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
// a peak of 6.7 bytes per source byte at GOGC=100, the live heap under 3).
//
// A Policy gives the allocation allowed between collections, from the live heap or from
// the part of it the collector must scan (what a collection costs: a syntax tree or a
// text holds no pointers and is not scanned), with a floor, and a soft memory limit above
// where the next collection starts. GOGC is only updated after a collection, so a burst
// of allocation right after one runs against a GOGC set for the smaller heap before it;
// the limit, moved with the live heap, caps that. Go also returns freed pages to the system to stay under the limit, where with
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

// Policy is the allocation allowed between collections, from the heap the last one left.
type Policy struct {
	// Ratio of the live heap that may be allocated before the next collection (Go's
	// GOGC/100).
	Ratio float64
	// ScanRatio of the scannable heap that may be allocated before the next collection:
	// with it, the collector's work per byte allocated is the same however much of the
	// heap holds no pointers.
	ScanRatio float64
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

// Batch is check's, fix's and tree's: three quarters of the scannable heap between
// collections, at least 16 MB, and the limit 16 MB above (the limit counts the runtime's
// own memory too: with no margin the collector ran back to back). A ratio of the live
// heap instead would either let the 100k-line corpus, where check holds every file's
// syntax tree and text (not scanned) when its rules start, peak high, or make the
// collector run, and scan the index, three times as often on 1.5M lines, where the live
// heap is that index. Measured against Go's default (check's processes, two workers): on
// 1.5M lines a peak a fifth lower, the collector's work from 5% of the run's processor
// time to 11%. The floor only counts on small workspaces: on the corpus (20 runs each,
// alternated), 16 MB peaks at 71 MB and 24 MB at 78 MB, for the same processor time
// (1.17 s) and wall time (0.63 s); the pages a larger heap touches first cost the kernel
// about what the collections it saves cost.
var Batch = Policy{ScanRatio: 0.75, Floor: 16 << 20, Margin: 16 << 20}

// LargeText is the pacing Lean asks for, while the server or check works on a text of a
// megabyte or more: a quarter of the scannable heap between collections, at least 8 MB,
// the limit 8 MB above. Such a text's tree, calls and form facts are most of the live
// heap for as long as they are worked on, and a pacing in proportion to that heap doubled
// (Interactive) or nearly doubled (Batch) a transient peak. Measured on a 5 MB module: the
// server with it open peaked at 34.5 bytes per source byte under Interactive and 26-28
// under LargeText, check at 27-29 under Batch and 23 under LargeText, for 16% more
// processor time on that file (1.42 s against 1.22 s).
var LargeText = Policy{ScanRatio: 0.25, Floor: 8 << 20, Margin: 8 << 20}

// Heap is what a collection left: the live heap, and how much of it is scannable.
type Heap struct{ Live, Scan uint64 }

// headroom is the allocation allowed after a collection that left h.
func (p Policy) headroom(h Heap) uint64 {
	return max(uint64(float64(h.Live)*p.Ratio), uint64(float64(h.Scan)*p.ScanRatio), p.Floor)
}

// Percent is the GOGC that starts the next collection headroom(h) bytes in.
func (p Policy) Percent(h Heap) int {
	if h.Live == 0 || h.Live > math.MaxInt64/4 {
		return 100
	}
	return int(p.headroom(h) * 100 / h.Live)
}

// Limit is the soft memory limit after a collection that left h: Margin above where the
// next collection starts.
func (p Policy) Limit(h Heap) int64 {
	if h.Live > math.MaxInt64/4 {
		return math.MaxInt64
	}
	return int64(h.Live + p.headroom(h) + p.Margin)
}

// Pacer re-reads the live heap after every collection and sets GOGC and the memory limit
// from it.
type Pacer struct {
	policy Policy
	// lean counts the Lean calls not yet done: while it is positive, LargeText paces.
	lean       atomic.Int32
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
	p := start(policy)
	running.Store(p)
	return func() {
		running.CompareAndSwap(p, nil)
		p.Stop()
	}
}

// running is the pacer Start started, for Lean.
var running atomic.Pointer[Pacer]

// Lean paces the collector by LargeText until done is called (calls nest): for work on a
// text so large that its parse, summary and rules are most of the live heap while they
// run (see LargeText). Without a running pacer (the user set GOGC) it does nothing.
func Lean() (done func()) {
	p := running.Load()
	if p == nil {
		return func() {}
	}
	p.lean.Add(1)
	p.adjust()
	var once sync.Once
	return func() {
		once.Do(func() {
			p.lean.Add(-1)
			p.adjust()
		})
	}
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
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 && s[1].Value.Kind() == metrics.KindUint64 {
		p.pace(Heap{Live: s[0].Value.Uint64(), Scan: s[1].Value.Uint64()})
	}
	select {
	case p.adjusted <- struct{}{}:
	default:
	}
}

// pace sets GOGC and the memory limit for what a collection left.
func (p *Pacer) pace(h Heap) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped.Load() {
		return
	}
	policy := p.policy
	if p.lean.Load() > 0 {
		policy = LargeText
	}
	if want := policy.Percent(h); movedMuch(int64(want), int64(p.percent)) {
		p.percent = want
		debug.SetGCPercent(want)
	}
	if want := policy.Limit(h); p.ownsLimit && movedMuch(want, p.limit) {
		p.limit = want
		debug.SetMemoryLimit(want)
	}
}

// movedMuch reports whether want differs from the current setting by more than 10%: small
// moves of the live heap are not worth a pacer update.
func movedMuch(want, current int64) bool {
	return want*10 < current*9 || want*10 > current*11
}
