package gcpace

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The server's policy keeps at least 32 MB of allocation between collections when the
// live heap is small, and Go's default pacing when it is large; its soft memory limit
// stays 32 MB above where the next collection starts. The batch policy allows a third of
// the live heap, at least 16 MB, and puts the limit 16 MB above the next collection's
// start.
func TestPolicies(t *testing.T) {
	for _, c := range []struct {
		name    string
		policy  Policy
		live    uint64
		percent int
		limit   uint64
	}{
		{"interactive, nothing live yet", Interactive, 0, 100, 64 << 20},
		{"interactive, small heap", Interactive, 4 << 20, 800, 68 << 20},
		{"interactive, half the floor", Interactive, 16 << 20, 200, 80 << 20},
		{"interactive, at the floor", Interactive, 32 << 20, 100, 96 << 20},
		{"interactive, large heap", Interactive, 1 << 30, 100, 2<<30 + 32<<20},
		{"batch, nothing live yet", Batch, 0, 33, 32 << 20},
		{"batch, small heap", Batch, 4 << 20, 400, 36 << 20},
		{"batch, at the floor", Batch, 48 << 20, 33, 80 << 20},
		{"batch, large heap", Batch, 3 << 30, 33, 4<<30 + 16<<20},
	} {
		if got := c.policy.Percent(c.live); got != c.percent {
			t.Errorf("%s: Percent(%d MB) = %d, want %d", c.name, c.live>>20, got, c.percent)
		}
		if got := c.policy.Limit(c.live); got != int64(c.limit) {
			t.Errorf("%s: Limit(%d MB) = %d MB, want %d MB", c.name, c.live>>20, got>>20, c.limit>>20)
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
	p.pace(1 << 30)
	if got, lim := gogc(), debug.SetMemoryLimit(-1); got != 100 || lim != 2<<30+32<<20 {
		t.Errorf("for a 1 GB live heap: GOGC %d, limit %d MB; want 100 and 2080 MB", got, lim>>20)
	}
	p.pace(4 << 20)
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
	p.pace(64 << 20)
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("with GOMEMLIMIT set, the pacer changed the limit to %d MB", got>>20)
	}
	p.Stop()
}
