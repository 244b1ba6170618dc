package server

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// Hostile bytes on the wire (issue 25): each test sends what the attack sent, at a size
// that keeps the test fast, and checks that the server answers it and goes on serving.

// wireMessage is any frame the server writes.
type wireMessage struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	rawResponse
}

// next reads the next frame the server writes.
func (r *rawClient) next() wireMessage {
	r.t.Helper()
	data := r.frame()
	var m wireMessage
	if err := json.Unmarshal(data, &m); err != nil {
		r.t.Fatalf("the server wrote %q: %v", data, err)
	}
	m.rawResponse.ID = m.ID
	return m
}

// observed is a logger whose entries (warnings and above) a test can read.
func observed() (*zap.Logger, *observer.ObservedLogs) {
	core, logs := observer.New(zapcore.WarnLevel)
	return zap.New(core), logs
}

func nested(depth int) string { return strings.Repeat("[", depth) + strings.Repeat("]", depth) }

// The attack: 2 MB of "[" before initialize killed the server (fatal error: stack
// overflow in the JSON decoder). Messages nested past maxJSONDepth are now refused before
// anything decodes them, with an error to the request's id when it has one.
func TestDeeplyNestedMessagesAreRefused(t *testing.T) {
	log, logs := observed()
	r := newRawClientWith(t, log, nil)
	r.send(strings.Repeat("[", 2<<20))
	var m wireMessage
	for m = r.next(); m.Method == "window/logMessage"; m = r.next() {
		if !strings.Contains(string(m.Params), "levels deep") {
			t.Errorf("logMessage %s", m.Params)
		}
	}
	if string(m.ID) != "null" || m.code() != int64(jsonrpc2.ParseError) || !strings.Contains(m.Error.Message, "2097152 levels deep, more than the 256") {
		t.Fatalf("2 MB of [ answered %+v, want a parse error", m)
	}
	// A request that is valid JSON, nested one level too deep, is answered to its id;
	// a notification nested too deep is dropped without an answer.
	deep := func(depth int) string { return nested(depth - 3) } // inside {params:{initializationOptions:{x:...}}}
	r.send(`{"jsonrpc":"2.0","id":"deep","method":"initialize","params":{"capabilities":{},"initializationOptions":{"x":` + deep(maxJSONDepth+1) + `}}}`)
	if resp := r.response(`"deep"`); resp.code() != int64(jsonrpc2.InvalidRequest) || !strings.Contains(resp.Error.Message, "257 levels deep") {
		t.Fatalf("deep initialize answered %+v", resp)
	}
	r.send(`{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":` + nested(maxJSONDepth) + `}}`)
	// At the limit, a message is read: initialize succeeds (the unknown setting is
	// reported, and ignored).
	r.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"initializationOptions":{"x":` + deep(maxJSONDepth) + `}}}`)
	if resp := r.response("1"); resp.Error != nil || !strings.Contains(string(resp.Result), `"name":"otpls"`) {
		t.Fatalf("initialize at the depth limit answered %+v", resp)
	}
	r.send(`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:x"},"position":{"line":0,"character":0}}}`)
	if resp := r.response("2"); resp.Error != nil {
		t.Fatalf("hover after the refused messages: %+v", resp)
	}
	refused := logs.FilterMessage("message refused").All()
	if len(refused) != 3 {
		t.Fatalf("logged %d refusals, want 3 (the [ flood, the deep request, the deep notification): %v", len(refused), logs.All())
	}
}

// A client's answer to one of the server's requests that is past the limits fails that
// request (logged), instead of leaving it waiting forever.
func TestRefusedAnswerEndsTheServersRequest(t *testing.T) {
	log, logs := observed()
	r := newRawClientWith(t, log, nil)
	r.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"workspace":{"configuration":true}}}}`)
	r.response("1")
	r.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	m := r.next()
	for ; m.Method != "workspace/configuration"; m = r.next() {
	}
	r.send(`{"jsonrpc":"2.0","id":` + string(m.ID) + `,"result":[{"otpls":` + nested(maxJSONDepth) + `}]}`)
	select {
	case <-r.server.analyses.quiet(): // the fetch of the settings has ended
	case <-time.After(10 * time.Second):
		t.Fatal("the server still waits for the refused answer")
	}
	if got := logs.FilterMessage("workspace/configuration failed").All(); len(got) != 1 || !strings.Contains(got[0].ContextMap()["error"].(string), "levels deep") {
		t.Fatalf("logs: %v", logs.All())
	}
}

// A body larger than the size limit is never held: it is scanned for its id as it is
// discarded, and the request is answered. (The limit is lowered here to keep the test
// small; the scan is the same at 64 MB.)
func TestOversizedMessageIsDiscardedAndAnswered(t *testing.T) {
	r := newRawClientWith(t, zap.NewNop(), func(served *stream) { served.maxBytes = 1 << 20 })
	r.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	r.response("1")
	big := `{"jsonrpc":"2.0","id":"big","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:big","languageId":"elixir","version":1,"text":"` + strings.Repeat("x", 2<<20) + `"}}}`
	r.send(big)
	if resp := r.response(`"big"`); resp.code() != int64(jsonrpc2.InvalidRequest) || !strings.Contains(resp.Error.Message, "larger than the 1048576 bytes") {
		t.Fatalf("oversized message answered %+v", resp)
	}
	r.send(`{"jsonrpc":"2.0","id":2,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"untitled:big"}}}`)
	if resp := r.response("2"); resp.Error != nil || string(resp.Result) != `{"kind":"full","items":[]}` {
		t.Fatalf("after the oversized message: %+v %s", resp, resp.Result)
	}
}

// The shape scan finds the top-level id (as written), the members that say what a message
// is, and the nesting depth, whatever the strings hold and however the bytes are split.
func TestJSONShape(t *testing.T) {
	for _, tc := range []struct {
		msg, id             string
		deepest             int
		method, result, rsp bool
	}{
		{`{"jsonrpc":"2.0","id":7,"method":"m","params":{"a":[1,{"b":2}]}}`, `7`, 4, true, false, false},
		{`{"params":{"id":1,"method":"x"},"id" : "a,}\"b" ,"method":"m"}`, `"a,}\"b"`, 2, true, false, false},
		{`{"jsonrpc":"2.0","result":{"x":"[[[["},"id":-3}`, `-3`, 2, false, true, true},
		{`{"\u0069d":"e","error":{}}`, `"e"`, 2, false, true, true},
		{`{"id":[1],"method":"m"}`, ``, 2, true, false, false},
		{`{"id":null}`, ``, 1, false, false, false},
		{`[{"id":1}]`, ``, 2, false, false, false},
		{`{"method":"n","params":"]]]}}}"}`, ``, 1, true, false, false},
		{`{"params":{"t":"x\"]]]\\","u":["\\\"{"]},"id":3}`, `3`, 3, false, false, false},
		{`{"id":` + `"` + strings.Repeat("x", maxIDBytes) + `"}`, ``, 1, false, false, false},
	} {
		for _, split := range []int{1, 3, len(tc.msg)} {
			s := newJSONShape()
			for i := 0; i < len(tc.msg); i += split {
				s.Write([]byte(tc.msg[i:min(i+split, len(tc.msg))]))
			}
			if string(s.rawID()) != tc.id || s.deepest != tc.deepest || s.hasMethod != tc.method || s.hasResult != tc.result || s.isResponse() != tc.rsp {
				t.Errorf("%s (pieces of %d): id %s deepest %d method %v result %v response %v", tc.msg, split, s.rawID(), s.deepest, s.hasMethod, s.hasResult, s.isResponse())
			}
			if tc.id != "" && tc.msg[s.idStart:s.idEnd] != tc.id {
				t.Errorf("%s: id at %d-%d is %q", tc.msg, s.idStart, s.idEnd, tc.msg[s.idStart:s.idEnd])
			}
		}
	}
}

// The attack: one stray byte between two frames made the server read every later message
// as a header line, shutdown and exit included, and log nothing. Bytes that are not a
// header are now logged and skipped up to the next Content-Length.
func TestFramingResynchronisesAfterGarbage(t *testing.T) {
	log, logs := observed()
	r := newRawClientWith(t, log, nil)
	raw := func(b string) {
		if _, err := r.st.out.Write([]byte(b)); err != nil {
			t.Fatal(err)
		}
	}
	hover := func(id int) string {
		return fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:x"},"position":{"line":0,"character":0}}}`, id)
	}
	r.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	r.response("1")
	id := 2
	for _, garbage := range []string{
		"x",                                 // the stray byte: "xContent-Length: ..."
		"garbage\r\n",                       // a line that is no header
		"\x00\xff\r\n\r\n",                  // binary, and blank lines
		`{"jsonrpc":"2.0","method":"lost"}`, // a body without its header
		"Content-Length: nope\r\n",          // a header with no length
		strings.Repeat("y", 10000),          // longer than the reader's buffer
	} {
		raw(garbage)
		r.send(hover(id))
		if resp := r.response(fmt.Sprint(id)); resp.Error != nil {
			t.Fatalf("after %q: %+v", garbage, resp)
		}
		id++
	}
	// A Content-Length cut by the end of the reader's buffer is found all the same,
	// wherever the cut falls in it.
	for pad := 4096 - 20; pad <= 4096; pad++ {
		raw(strings.Repeat("z", pad))
		r.send(hover(id))
		if resp := r.response(fmt.Sprint(id)); resp.Error != nil {
			t.Fatalf("after %d bytes: %+v", pad, resp)
		}
		id++
	}
	// A Content-Length too long swallows the start of the next frame: that one is lost
	// (the bytes read as the body are answered with a parse error), the one after it is read.
	body := hover(id)
	raw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body)+30, body))
	r.send(hover(id + 1))
	r.send(hover(id + 2))
	if resp := r.response(fmt.Sprint(id + 2)); resp.Error != nil {
		t.Fatalf("after a frame too long: %+v", resp)
	}
	// Garbage, then shutdown and exit work.
	raw("!")
	r.send(`{"jsonrpc":"2.0","id":"bye","method":"shutdown"}`)
	if resp := r.response(`"bye"`); resp.Error != nil {
		t.Fatalf("shutdown: %+v", resp)
	}
	raw("?\r\n")
	r.send(`{"jsonrpc":"2.0","method":"exit"}`)
	select {
	case code := <-r.done:
		if code != 0 {
			t.Fatalf("exit code %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("exit after garbage was not read")
	}
	skipping := logs.FilterMessage("skipping bytes that are not an LSP header, up to the next Content-Length").All()
	if len(skipping) < 9 || !strings.Contains(fmt.Sprint(skipping[1].ContextMap()["bytes"]), "garbage") {
		t.Fatalf("logged skips: %v", skipping)
	}
}

// The attack: versions going backwards (10 then 5) published nothing, and the findings of
// the older text stayed. A client that goes back has reset the document: the text it
// sends is current, analysed and published under the version it gives.
func TestVersionGoingBackwardsIsPublished(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := "untitled:back.ex"
	clean := strings.Replace(mailer, "spawn(fn -> deliver(order) end)", "deliver(order)", 1)
	m := c.mark()
	c.open(uri, clean)
	c.waitDiagnostics(m, uri, func(p published) bool { return true })
	m = c.mark()
	c.change(uri, 10, map[string]any{"text": clean + "\n"})
	if p := c.waitDiagnostics(m, uri, func(p published) bool { return *p.Version == 10 }); len(p.Diagnostics) != 0 {
		t.Fatalf("version 10: %s", codes(p))
	}
	m = c.mark()
	c.change(uri, 5, map[string]any{"text": mailer})
	if p := c.waitDiagnostics(m, uri, func(p published) bool { return *p.Version == 5 }); codes(p) != "OTP009@2:4-2:35" {
		t.Fatalf("version 5 after 10: %s", codes(p))
	}
	// What the server answers about the document is the new text's, too.
	var h struct {
		Contents struct{ Value string } `json:"contents"`
	}
	if err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 2, "character": 6}}, &h); err != nil || !strings.Contains(h.Contents.Value, "OTP009") {
		t.Fatalf("hover after going back: %v %+v", err, h)
	}
	// And on from there: the next edit (version 6) clears the finding again.
	m = c.mark()
	c.change(uri, 6, map[string]any{"text": clean})
	if p := c.waitDiagnostics(m, uri, func(p published) bool { return *p.Version == 6 }); len(p.Diagnostics) != 0 {
		t.Fatalf("version 6: %s", codes(p))
	}
}

// The attack: initializationOptions that is not an object ([1,2], "s", 5) failed
// initialize, leaving the user without a server. It is ignored, said in the client's log,
// and the defaults apply.
func TestInitializationOptionsNotAnObject(t *testing.T) {
	for _, options := range []string{`[1,2]`, `"s"`, `5`, `true`} {
		t.Run(options, func(t *testing.T) {
			r := newRawClient(t)
			r.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{},"initializationOptions":` + options + `}}`)
			var warned bool
			for {
				m := r.next()
				if m.Method == "window/logMessage" {
					warned = strings.Contains(string(m.Params), "initializationOptions ignored: otpls's settings are an object, not "+strings.ReplaceAll(options, `"`, `\"`))
					continue
				}
				if string(m.ID) != "1" || m.Error != nil || !strings.Contains(string(m.Result), `"name":"otpls"`) {
					t.Fatalf("initialize answered %s %+v", m.ID, m.rawResponse)
				}
				break
			}
			if !warned {
				t.Fatal("no window/logMessage before the initialize result")
			}
			r.send(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
			open, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": map[string]any{
				"textDocument": map[string]any{"uri": "untitled:m.ex", "languageId": "elixir", "version": 1, "text": mailer}}})
			r.send(string(open))
			r.send(`{"jsonrpc":"2.0","id":2,"method":"textDocument/diagnostic","params":{"textDocument":{"uri":"untitled:m.ex"}}}`)
			if resp := r.response("2"); resp.Error != nil || !strings.Contains(string(resp.Result), `"code":"OTP009"`) {
				t.Fatalf("diagnostics with the defaults: %+v %s", resp, resp.Result)
			}
		})
	}
}

// The attack: a request with id "" was answered with id 0 (the JSON-RPC library cannot
// tell the empty string from the number 0). It is answered with "", and "" and 0 are two
// requests, each cancellable on its own.
func TestEmptyStringIDIsAnsweredAsSent(t *testing.T) {
	r := newRawClient(t)
	r.send(`{"jsonrpc":"2.0","id":"","method":"initialize","params":{"capabilities":{}}}`)
	if m := r.next(); string(m.ID) != `""` || m.Error != nil || !strings.Contains(string(m.Result), `"name":"otpls"`) {
		t.Fatalf("initialize with id \"\" answered %s %s", m.ID, m.Result)
	}
	started, release := make(chan string, 2), make(chan struct{})
	testHook = func(method string) {
		if method == "textDocument/hover" {
			started <- method
			<-release
		}
	}
	defer func() { testHook = nil }()
	hover := `"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:x"},"position":{"line":0,"character":0}}}`
	r.send(`{"jsonrpc":"2.0","id":"",` + hover)
	r.send(`{"jsonrpc":"2.0","id":0,` + hover)
	<-started
	<-started
	r.send(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":""}}`)
	r.send(`{"jsonrpc":"2.0","id":"after-cancel","method":"textDocument/diagnostic","params":{"textDocument":{"uri":"untitled:x"}}}`)
	r.response(`"after-cancel"`)
	close(release)
	answers := map[string]int64{}
	for len(answers) < 2 {
		m := r.next()
		answers[string(m.ID)] = m.code()
	}
	if answers[`""`] != int64(protocol.CodeRequestCancelled) || answers["0"] != 0 {
		t.Fatalf("answers by id: %v (want \"\" cancelled, 0 answered)", answers)
	}
}

// The attack: a watched-file event for a FIFO named lib/f.ex blocked the server for good,
// and one for a link to /dev/zero grew it without bound. The server reads only regular
// files inside the workspace roots: the events below (a real FIFO, a real link to
// /dev/zero, a link out of the workspace, a path outside it) are answered at once and
// read nothing, and a regular file's event after them is read as before.
func TestWatchedFilesReadOnlyRegularFilesInTheWorkspace(t *testing.T) {
	owner := "defmodule Owner do\n  def init, do: :ets.new(:shared, [:public, :named_table])\n  def cycle(k) do\n    :ets.insert(:shared, {k})\n    :ets.delete(:shared, k)\n  end\nend\n"
	reader := "defmodule Reader do\n  def get(k), do: Task.async(fn -> :ets.lookup(:shared, k) end)\nend\n"
	dir := project(t, map[string]string{"lib/owner.ex": owner})
	outside := project(t, map[string]string{"reader.ex": reader})
	c := indexedClient(t, dir)
	uri := fileURI(dir, "lib/owner.ex")
	m := c.mark()
	c.open(uri, owner)
	c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) == 0 })

	lib := filepath.Join(dir, "lib")
	if err := syscall.Mkfifo(filepath.Join(lib, "f.ex"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"z.ex": "/dev/zero", "reader.ex": filepath.Join(outside, "reader.ex")} {
		if err := os.Symlink(target, filepath.Join(lib, name)); err != nil {
			t.Fatal(err)
		}
	}
	m = c.mark()
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{
		{"uri": fileURI(dir, "lib/f.ex"), "type": 1},
		{"uri": fileURI(dir, "lib/z.ex"), "type": 2},
		{"uri": fileURI(dir, "lib/reader.ex"), "type": 1},
		{"uri": fileURI(outside, "reader.ex"), "type": 1},
	}})
	c.settle() // answered: the server is not stuck on the FIFO or /dev/zero
	c.mu.Lock()
	for _, n := range c.notes[m:] {
		var p published
		if n.Method == "textDocument/publishDiagnostics" && json.Unmarshal(n.Params, &p) == nil && p.URI == uri && len(p.Diagnostics) > 0 {
			t.Errorf("a file outside the workspace was read: %s", codes(p))
		}
	}
	c.mu.Unlock()

	// A regular file of the workspace is read on its event.
	m = c.mark()
	if err := os.WriteFile(filepath.Join(lib, "reader2.ex"), []byte(reader), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(dir, "lib/reader2.ex"), "type": 1}}})
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 })
	if !strings.Contains(p.Diagnostics[0].Message, "used concurrently (from a process started in Reader.get/1") {
		t.Fatalf("after a regular file's event: %+v", p.Diagnostics)
	}
}

// .otpls.exs is read at initialize and on its watched-file events: a FIFO there is refused
// (logged) instead of blocking the server.
func TestConfigFileThatIsAFIFO(t *testing.T) {
	dir := project(t, map[string]string{"lib/m.ex": mailer})
	if err := syscall.Mkfifo(filepath.Join(dir, ".otpls.exs"), 0o644); err != nil {
		t.Fatal(err)
	}
	log, logs := observed()
	c := newTestClient(t, log)
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(dir, ".otpls.exs"), "type": 2}}})
	c.settle()
	if got := logs.FilterMessage("cannot read config").All(); len(got) != 2 || !strings.Contains(got[1].ContextMap()["error"].(string), "not a regular file") {
		t.Fatalf("logs: %v", logs.All())
	}
}

// hookAnalyses installs testAnalysisHooks for the test: started and waiting receive the
// analyses of uri that start and the callers that wait for one.
func hookAnalyses(t *testing.T, uri string, started func(ctx context.Context), waiting func()) {
	testAnalysisHooks = &analysisHooks{
		started: func(ctx context.Context, u string) {
			if u == uri {
				started(ctx)
			}
		},
		waiting: func(u string) {
			if u == uri && waiting != nil {
				waiting()
			}
		},
	}
	t.Cleanup(func() { testAnalysisHooks = nil })
}

// The attack: each concurrent request ran its own full analysis (200 hovers on a 2 MB
// document peaked at 5.3 GB). Requests on the same text share one: here the analysis is
// held until every hover has arrived, and it runs once.
func TestConcurrentRequestsShareOneAnalysis(t *testing.T) {
	const n = 50
	c := newTestClient(t, nil)
	// The debounced analysis waits a minute: only the requests analyse.
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 60_000}})
	uri := "untitled:shared.ex"
	var analyses atomic.Int32
	arrived, release := make(chan struct{}, n), make(chan struct{})
	testHook = func(method string) {
		if method == "textDocument/hover" {
			arrived <- struct{}{}
		}
	}
	defer func() { testHook = nil }()
	hookAnalyses(t, uri, func(context.Context) { analyses.Add(1); <-release }, nil)
	c.open(uri, mailer)
	answers := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var h struct {
				Contents struct{ Value string } `json:"contents"`
			}
			if err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 2, "character": 6}}, &h); err != nil {
				answers[i] = err.Error()
				return
			}
			answers[i] = h.Contents.Value
		}()
	}
	for range n {
		<-arrived
	}
	close(release)
	wg.Wait()
	for i, a := range answers {
		if !strings.HasPrefix(a, "**OTP009 ") {
			t.Fatalf("hover %d answered %q", i, a)
		}
	}
	if got := analyses.Load(); got != 1 {
		t.Fatalf("%d concurrent hovers on one version ran %d analyses, want 1", n, got)
	}
}

// The attack: a cancelled request's analysis kept running. A cancelled request is
// answered at once; the analysis goes on while another request waits for it, and is
// cancelled (it stops between two rules) when the last one is cancelled.
func TestCancelledRequestsStopTheirAnalysis(t *testing.T) {
	r := newRawClient(t)
	r.send(`{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{},"initializationOptions":{"diagnosticDelay":60000}}}`)
	r.response("0")
	uri := "untitled:cancel.ex"
	started, waiting, release := make(chan context.Context, 4), make(chan struct{}, 4), make(chan struct{})
	hookAnalyses(t, uri, func(ctx context.Context) { started <- ctx; <-release }, func() { waiting <- struct{}{} })
	open, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "elixir", "version": 1, "text": mailer}}})
	r.send(string(open))
	hover := func(id int) {
		r.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"textDocument/hover","params":{"textDocument":{"uri":%q},"position":{"line":2,"character":6}}}`, id, uri))
	}
	cancel := func(id int) rawResponse {
		r.send(fmt.Sprintf(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":%d}}`, id))
		return r.response(fmt.Sprint(id))
	}
	hover(1)
	analysis := <-started
	<-waiting
	hover(2)
	<-waiting // both wait for the one analysis, which is held
	if resp := cancel(1); resp.code() != int64(protocol.CodeRequestCancelled) {
		t.Fatalf("first cancelled hover answered %+v", resp)
	}
	if analysis.Err() != nil {
		t.Fatal("the analysis was cancelled while another request waited for it")
	}
	if resp := cancel(2); resp.code() != int64(protocol.CodeRequestCancelled) {
		t.Fatalf("second cancelled hover answered %+v", resp)
	}
	if analysis.Err() == nil {
		t.Fatal("the analysis goes on with no request waiting for it")
	}
	close(release)
	// The next request starts a new analysis (the cancelled one's partial result is not kept).
	hover(3)
	<-started
	if resp := r.response("3"); resp.Error != nil || !strings.Contains(string(resp.Result), "OTP009") {
		t.Fatalf("hover after the cancels: %+v %s", resp, resp.Result)
	}
}

// The attack: one debounce timer per URI ever opened was kept (0.21 MB per 1,000 distinct
// URIs). Once 1,000 URIs are opened and closed, the server keeps nothing per URI.
func TestClosedDocumentsLeaveNoState(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	for i := range 1000 {
		uri := fmt.Sprintf("untitled:doc%d.ex", i)
		c.open(uri, "defmodule A do\nend\n")
		c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	}
	c.settle()
	s := c.server
	s.mu.Lock()
	docs, published, inflight := len(s.docs), len(s.published), len(s.inflight)
	s.mu.Unlock()
	s.analyses.mu.Lock()
	timers := len(s.analyses.timers)
	s.analyses.mu.Unlock()
	if docs+published+inflight+timers != 0 {
		t.Fatalf("after 1,000 URIs opened and closed: %d documents, %d published fingerprints, %d requests, %d timers", docs, published, inflight, timers)
	}
	if paths := s.ws.Snapshot().Paths(); len(paths) != 0 {
		t.Fatalf("the index still holds %d closed buffers", len(paths))
	}
}

// Analyses of one document finish in any order. Here the analysis of the opened text
// under the first settings (OTP009 on) is held while the settings change (OTP009 off) and
// the newer analysis publishes an empty list; released, the older one's OTP009 must not be
// pushed over it. Pushed late, it stood, and when the settings turned OTP009 on again the
// same list was not pushed again: the client kept whatever came last.
func TestAnOlderAnalysisIsNotPublishedOverANewerOne(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := "untitled:late.ex"
	var analyses atomic.Int32
	started, release := make(chan struct{}, 1), make(chan struct{})
	hookAnalyses(t, uri, func(context.Context) {
		if analyses.Add(1) == 1 {
			started <- struct{}{}
			<-release
		}
	}, nil)
	settings := func(otp009 bool) {
		c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"otpls": map[string]any{
			"diagnosticDelay": 0, "rules": map[string]any{"OTP009": otp009}}}})
	}
	m := c.mark()
	c.open(uri, mailer)
	<-started
	settings(false)
	c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) == 0 })
	m = c.mark()
	close(release)
	c.settle()
	c.mu.Lock()
	late := slices.ContainsFunc(c.notes[m:], func(n note) bool { return n.Method == "textDocument/publishDiagnostics" })
	c.mu.Unlock()
	if late {
		t.Fatal("the older analysis's diagnostics were pushed after the newer one's")
	}
	settings(true)
	if p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 }); codes(p) != "OTP009@2:4-2:35" {
		t.Fatalf("with OTP009 on again: %s", codes(p))
	}
}
