package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis/benchcorpus"
	"github.com/otpls/otpls/analysis/rules/all"
	"github.com/otpls/otpls/analysis/source"
)

func frame(msgs ...any) []byte {
	var b bytes.Buffer
	for _, m := range msgs {
		data, _ := json.Marshal(m)
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(data), data)
	}
	return b.Bytes()
}

// FuzzLSPStream: any bytes on the protocol stream get JSON-RPC errors or a clean exit,
// never a panic or a hang.
func FuzzLSPStream(f *testing.F) {
	doc := map[string]any{"uri": "untitled:f.ex", "version": 1, "text": mailer}
	f.Add(frame(
		map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": map[string]any{"capabilities": map[string]any{}}},
		map[string]any{"jsonrpc": "2.0", "method": "initialized", "params": map[string]any{}},
		map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": map[string]any{"textDocument": doc}},
		map[string]any{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": map[string]any{"textDocument": map[string]any{"uri": "untitled:f.ex", "version": 2},
			"contentChanges": []any{map[string]any{"range": rng(2, 4, 2, 9), "text": "x"}}}},
		map[string]any{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": map[string]any{"textDocument": map[string]any{"uri": "untitled:f.ex"}, "range": rng(0, 0, 9, 0), "context": map[string]any{"diagnostics": []any{}}}},
		map[string]any{"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": map[string]any{"textDocument": map[string]any{"uri": "untitled:f.ex"}, "position": map[string]any{"line": 2, "character": 5}}},
		map[string]any{"jsonrpc": "2.0", "id": 4, "method": "shutdown"},
		map[string]any{"jsonrpc": "2.0", "method": "exit"},
	))
	f.Add([]byte("Content-Length: 5\r\n\r\n{}{}{"))
	f.Add([]byte("garbage\r\n\r\n"))
	f.Add(frame(map[string]any{"jsonrpc": "2.0", "id": "x", "method": "initialize", "params": 7}))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := newServer("fuzz", zap.NewNop(), all.Analyzers)
		done := make(chan int, 1)
		go func() { done <- s.serve(context.Background(), newStream(bytes.NewReader(data), io.Discard, nil)) }()
		select {
		case code := <-done:
			if code != 0 && code != 1 {
				t.Fatalf("exit code %d", code)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("server hung on input")
		}
	})
}

// No goroutine or tree leaks after 10,000 open/change/close cycles.
func TestNoLeaksAfterManyCycles(t *testing.T) {
	if testing.Short() {
		t.Skip("long leak test in -short mode")
	}
	c := newTestClient(t, zap.NewNop())
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	cycle := func(i int) {
		uri := fmt.Sprintf("untitled:cycle%d.ex", i%7)
		c.forget()
		m := c.mark()
		c.open(uri, mailer)
		c.change(uri, 2, map[string]any{"range": rng(2, 4, 2, 9), "text": "Task.Supervisor.start_child(Shop.Tasks, "})
		c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
		// The close publishes the clearing; wait for it so cycles do not pile up.
		c.waitNote(m, func(n note) bool {
			return n.Method == "textDocument/publishDiagnostics" && strings.Contains(string(n.Params), uri) && strings.Contains(string(n.Params), `"diagnostics":[]`) && !strings.Contains(string(n.Params), `"version"`)
		})
	}
	for i := 0; i < 200; i++ { // warm up pools and caches
		cycle(i)
	}
	settle := func() (int, int64, uint64) {
		c.settle()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return runtime.NumGoroutine(), source.LiveTrees(), ms.HeapInuse
	}
	g0, trees0, heap0 := settle()
	for i := 0; i < 10_000; i++ {
		cycle(i)
	}
	g1, trees1, heap1 := settle()
	t.Logf("goroutines %d -> %d, live trees %d -> %d, heap %.1f MB -> %.1f MB", g0, g1, trees0, trees1, float64(heap0)/1e6, float64(heap1)/1e6)
	if g1 > g0+5 || trees1 != trees0 || heap1 > heap0+16<<20 {
		t.Fatalf("leak after 10,000 cycles: goroutines %d -> %d, trees %d -> %d, heap %d -> %d", g0, g1, trees0, trees1, heap0, heap1)
	}
}

// The server's memory with the 100k-line corpus indexed and 50 documents open stays under
// a stated bound.
const memoryBoundMB = 300

func TestMemoryBoundWithCorpusAndOpenDocuments(t *testing.T) {
	if testing.Short() {
		t.Skip("large workspace in -short mode")
	}
	dir := t.TempDir()
	paths, size, err := benchcorpus.Generate(dir, 100_000, 1)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c := newTestClient(t, zap.NewNop())
	m := c.mark()
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{"window": map[string]any{"workDoneProgress": true}}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	c.waitNote(m, func(n note) bool {
		return n.Method == "$/progress" && strings.Contains(string(n.Params), `"kind":"end"`)
	})
	opened := 0
	for _, p := range paths {
		if opened == 50 || !strings.HasSuffix(p, ".ex") {
			continue
		}
		data, _ := os.ReadFile(p)
		uri := pathToURI(p)
		m := c.mark()
		c.open(uri, string(data))
		c.waitDiagnostics(m, uri, func(published) bool { return true })
		opened++
	}
	c.settle()
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := float64(after.HeapInuse-before.HeapInuse) / 1e6
	t.Logf("corpus %.1f MB in %d files, 50 open: heap %.1f MB, RSS %.1f MB (bound %d MB)", float64(size)/1e6, len(paths), heap, rssMB(), memoryBoundMB)
	if heap > memoryBoundMB || rssMB() > 2*memoryBoundMB {
		t.Fatalf("heap %.1f MB / RSS %.1f MB over the bound", heap, rssMB())
	}
}

// A document tree-sitter cannot parse within its budget (lowered here) is not waited for:
// it gets one Information diagnostic saying why, and once edited into ordinary code it is
// analysed as usual.
func TestDocumentTooSlowToParse(t *testing.T) {
	old := source.ParseBudget
	source.ParseBudget = func(int) time.Duration { return 200 * time.Millisecond }
	defer func() { source.ParseBudget = old }()
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := "untitled:sum.ex"
	slow := "defmodule Sum do\n  def f(x) do\n    " + strings.TrimSuffix(strings.Repeat("x + ", 100_000), " + ") + "\n  end\nend\n"
	m := c.mark()
	c.open(uri, slow)
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 })
	if d := p.Diagnostics[0]; codes(p) != "OTP094@0:0-0:0" || d.Severity != 3 || !strings.Contains(d.Message, "did not finish parsing the file's "+fmt.Sprint(len(slow))+" bytes within its 200ms budget") {
		t.Fatalf("slow document: %+v", p.Diagnostics)
	}
	m = c.mark()
	c.change(uri, 2, map[string]any{"text": mailer})
	if p := c.waitDiagnostics(m, uri, func(p published) bool { return true }); codes(p) != "OTP009@2:4-2:35" {
		t.Fatalf("after the edit: %s", codes(p))
	}
}
