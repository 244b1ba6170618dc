//go:build linux

package source

import (
	"context"
	"runtime"
	"syscall"
	"time"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// parseWatched parses input, stopped (errParseBudget) once the thread that runs it has used
// budget of processor time. The parse runs on its goroutine's locked OS thread, whose
// processor clock a watcher reads every 20 ms; past the budget it cancels the parse, which
// tree-sitter checks as it goes.
func parseWatched(p *sitter.Parser, old *sitter.Tree, input []byte, budget time.Duration) (*sitter.Tree, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	clock := threadClock(syscall.Gettid())
	start, ok := cpuTime(clock)
	if !ok {
		return parseTimed(p, old, input, budget)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	defer close(done)
	go func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if now, ok := cpuTime(clock); ok && now-start > budget {
					cancel()
					return
				}
			}
		}
	}()
	tree, err := p.ParseCtx(ctx, old, input)
	if err != nil && ctx.Err() != nil {
		return nil, errParseBudget
	}
	return tree, err
}

// threadClock is the clock id of a thread's processor time (Linux's
// MAKE_THREAD_CPUCLOCK(tid, CPUCLOCK_SCHED)), which any thread of the process may read.
func threadClock(tid int) int32 { return int32(^tid<<3 | 6) }

func cpuTime(clock int32) (time.Duration, bool) {
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, uintptr(clock), uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
