//go:build linux

package source

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	sitter "github.com/smacker/go-tree-sitter"
)

// A watched parse that finishes within its budget leaves its parser fit for the next
// parse. go-tree-sitter watches a parse's context from a goroutine of its own; with the
// context cancelled after the parse (defer cancel()), that goroutine, run late, finds both
// the parse over and the context done and may raise the parser's cancellation flag: the
// parser's next parse then failed at once, and parse panicked ("operation limit was hit"),
// which crashed otpls tree and check on large repositories under load. One processor, a
// short text and a yield after each watched parse run that goroutine late every time, so
// each round had an even chance of the failure.
func TestWatchedParseLeavesItsParserUsable(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	// A short text: its parse ends before go-tree-sitter's goroutine first runs (on one
	// processor, nothing takes the processor from a parse of microseconds).
	text := []byte("defmodule A do\n  def f(x), do: x + 1\nend\n")
	// The next parse is long enough for tree-sitter to look at the flag (it does every
	// hundred or so operations).
	next := []byte(strings.Repeat("def f(x), do: x + 1\n", 200))
	p := sitter.NewParser()
	p.SetLanguage(grammar().lang)
	for round := range 30 {
		tree, reusable, err := parseWatched(p, nil, text, 10*time.Second)
		if err != nil || tree == nil || !reusable {
			t.Fatalf("round %d: the watched parse: %v, reusable %v", round, err, reusable)
		}
		tree.Close()
		runtime.Gosched()
		after, err := p.ParseCtx(context.Background(), nil, next)
		if err != nil || after == nil {
			t.Fatalf("round %d: the parse after a watched one failed: %v", round, err)
		}
		after.Close()
	}
}
