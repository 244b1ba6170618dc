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
//
// The context is cancelled only by the watcher, never after the parse: go-tree-sitter's
// ParseCtx watches the context from a goroutine of its own which, woken late and finding
// both the parse over and the context done, raises the parser's cancellation flag after
// the parse; that parser's next parse then fails at once ("operation limit was hit", a
// panic in parse, seen under load). For the same reason a parser whose context the
// watcher did cancel is not reusable: the flag may be raised after this parse returns.
func parseWatched(p *sitter.Parser, old *sitter.Tree, input []byte, budget time.Duration) (tree *sitter.Tree, reusable bool, err error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	clock := threadClock(syscall.Gettid())
	start, ok := cpuTime(clock)
	if !ok {
		tree, err = parseTimed(p, old, input, budget)
		return tree, true, err
	}
	ctx := &watchedContext{Context: context.Background(), done: make(chan struct{})}
	finished := make(chan struct{})
	watcherGone := make(chan struct{})
	go func() {
		defer close(watcherGone)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-finished:
				return
			case <-tick.C:
				if now, ok := cpuTime(clock); ok && now-start > budget {
					close(ctx.done)
					return
				}
			}
		}
	}()
	tree, err = p.ParseCtx(ctx, old, input)
	close(finished)
	<-watcherGone // after this, ctx.done is closed or never will be
	if ctx.Err() != nil {
		if tree != nil {
			tree.Close() // finished as it was stopped: treated as stopped
		}
		return nil, false, errParseBudget
	}
	return tree, true, err
}

// watchedContext is a context that only the watcher of a parse cancels (closing done).
type watchedContext struct {
	context.Context
	done chan struct{}
}

func (c *watchedContext) Done() <-chan struct{} { return c.done }

func (c *watchedContext) Err() error {
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
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
