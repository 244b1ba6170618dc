package gcpace

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The server's policy keeps at least 32 MB of allocation between collections when the
// live heap is small, and Go's default pacing when it is large; its soft memory limit
// stays 32 MB above where the next collection starts. The batch policy allows three
// quarters of the scannable heap, at least 16 MB, and puts the limit 16 MB above the
// next collection's start.
func TestPolicies(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		name    string
		policy  Policy
		heap    Heap
		percent int
		limit   uint64
	}{
		{"interactive, nothing live yet", Interactive, Heap{}, 100, 64 * mb},
		{"interactive, small heap", Interactive, Heap{4 * mb, 4 * mb}, 800, 68 * mb},
		{"interactive, half the floor", Interactive, Heap{16 * mb, 1 * mb}, 200, 80 * mb},
		{"interactive, at the floor", Interactive, Heap{32 * mb, 32 * mb}, 100, 96 * mb},
		{"interactive, large heap", Interactive, Heap{1024 * mb, 10 * mb}, 100, 2080 * mb},
		{"batch, nothing live yet", Batch, Heap{}, 100, 32 * mb},
		{"batch, small heap", Batch, Heap{4 * mb, 4 * mb}, 400, 36 * mb},
		{"batch, scannable under the floor", Batch, Heap{64 * mb, 16 * mb}, 25, 96 * mb},
		{"batch, large heap, all scannable", Batch, Heap{1024 * mb, 1024 * mb}, 75, 1808 * mb},
		{"batch, large heap, little scannable", Batch, Heap{1024 * mb, 64 * mb}, 4, 1088 * mb},
	} {
		if got := c.policy.Percent(c.heap); got != c.percent {
			t.Errorf("%s: Percent(%+v) = %d, want %d", c.name, c.heap, got, c.percent)
		}
		if got := c.policy.Limit(c.heap); got != int64(c.limit) {
			t.Errorf("%s: Limit(%+v) = %d MB, want %d MB", c.name, c.heap, got/mb, c.limit/mb)
		}
	}
}

// The pacer sets GOGC and the memory limit from the live heap, re-reads it after every
// collection, and Stop puts Go's defaults back.
func TestPacer(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	gogc := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	limitBefore := debug.SetMemoryLimit(-1)
	// Not armed: no collection may pace it between a step and its check.
	p := &Pacer{policy: Interactive, percent: 100, ownsLimit: true, savedLimit: limitBefore}
	p.pace(Heap{Live: 1 << 30, Scan: 1 << 30})
	if got, lim := gogc(), debug.SetMemoryLimit(-1); got != 100 || lim != 2<<30+32<<20 {
		t.Errorf("for a 1 GB live heap: GOGC %d, limit %d MB; want 100 and 2080 MB", got, lim>>20)
	}
	p.pace(Heap{Live: 4 << 20, Scan: 4 << 20})
	if got, lim := gogc(), debug.SetMemoryLimit(-1); got != 800 || lim != 68<<20 {
		t.Errorf("for a 4 MB live heap: GOGC %d, limit %d MB; want 800 and 68 MB", got, lim>>20)
	}
	p.Stop()
	if got, lim := gogc(), debug.SetMemoryLimit(-1); got != 100 || lim != limitBefore {
		t.Errorf("after Stop: GOGC %d, limit %d; want 100 and %d", got, lim, limitBefore)
	}
	// Started, the pacer runs again by itself after every collection.
	p = start(Batch)
	<-p.adjusted // the adjustment at start
	runtime.GC() // collects the sentinel armed at start: its finalizer runs the pacer
	select {
	case <-p.adjusted:
	case <-time.After(5 * time.Second):
		t.Error("the pacer did not run after a collection")
	}
	if got := gogc(); got == 100 {
		t.Errorf("the batch pacer left GOGC at 100")
	}
	p.Stop()
	if got, lim := gogc(), debug.SetMemoryLimit(-1); got != 100 || lim != limitBefore {
		t.Errorf("after Stop: GOGC %d, limit %d; want 100 and %d", got, lim, limitBefore)
	}
}

// A user's GOGC turns the pacer off; a user's GOMEMLIMIT keeps the limit theirs.
func TestPacerLeavesUserSettingsAlone(t *testing.T) {
	t.Setenv("GOGC", "150")
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	Start(Batch)()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("with GOGC set, the pacer changed GOGC to %d", got)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "1GiB")
	limit := debug.SetMemoryLimit(1 << 30)
	defer debug.SetMemoryLimit(limit)
	p := start(Batch)
	p.pace(Heap{Live: 64 << 20, Scan: 64 << 20})
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("with GOMEMLIMIT set, the pacer changed the limit to %d MB", got>>20)
	}
	p.Stop()
}

// While a Lean call is not done the pacer paces by LargeText, and by its own policy once
// every one is done (calls nest; a done called twice counts once). Without a running
// pacer Lean does nothing.
func TestLean(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	gogc := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	limitBefore := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(limitBefore)
	defer debug.SetGCPercent(100)
	Lean()() // no pacer: nothing to do, nothing to break
	// Not armed: no collection may pace it between a step and its check.
	p := &Pacer{policy: Interactive, percent: 100, ownsLimit: true, savedLimit: limitBefore, adjusted: make(chan struct{}, 1)}
	running.Store(p)
	defer running.Store(nil)
	h := Heap{Live: 200 << 20, Scan: 100 << 20}
	p.pace(h)
	if got := gogc(); got != 100 {
		t.Fatalf("Interactive on a 200 MB heap: GOGC %d, want 100", got)
	}
	done1, done2 := Lean(), Lean()
	p.pace(h)
	if got, lim := gogc(), debug.SetMemoryLimit(-1); got != 12 || lim != 200<<20+25<<20+8<<20 {
		t.Errorf("while lean: GOGC %d, limit %d MB; want 12 (a quarter of the 100 MB scannable) and 233 MB", got, lim>>20)
	}
	done1()
	done1()
	p.pace(h)
	if got := gogc(); got != 12 {
		t.Errorf("with one Lean still held: GOGC %d, want 12", got)
	}
	done2()
	p.pace(h)
	if got := gogc(); got != 100 {
		t.Errorf("after every Lean is done: GOGC %d, want 100", got)
	}
}
