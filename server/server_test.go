package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/all"
)

const app = `defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    children = [
      Shop.Repo
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end
end
`

const mailer = `defmodule Shop.Mailer do
  def send_receipt(order) do
    spawn(fn -> deliver(order) end)
    {:ok, order}
  end

  defp deliver(order), do: order
end
`

func rpcCode(err error) int64 {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return int64(e.Code)
	}
	return 0
}

func TestLifecycle(t *testing.T) {
	c := newTestClient(t, nil)
	if err := c.call("textDocument/hover", map[string]any{}, nil); rpcCode(err) != -32002 {
		t.Fatalf("request before initialize: %v, want -32002", err)
	}
	c.notify("textDocument/didOpen", map[string]any{}) // ignored before initialize
	res := c.initialize(map[string]any{"capabilities": map[string]any{}})
	info := res["serverInfo"].(map[string]any)
	caps := res["capabilities"].(map[string]any)
	if info["name"] != "otpls" || info["version"] != "test" || caps["hoverProvider"] != true ||
		caps["textDocumentSync"].(map[string]any)["change"].(float64) != 2 || caps["diagnosticProvider"] != nil {
		t.Fatalf("initialize result: %v", res)
	}
	if err := c.call("initialize", map[string]any{}, nil); err == nil {
		t.Fatal("second initialize accepted")
	}
	if err := c.call("textDocument/definition", map[string]any{}, nil); rpcCode(err) != int64(jsonrpc2.MethodNotFound) {
		t.Fatalf("unknown request: %v", err)
	}
	c.notify("otpls/unknownNotification", map[string]any{"x": 1})
	c.notify("$/setTrace", map[string]any{"value": "off"})
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if err := c.call("textDocument/hover", map[string]any{}, nil); rpcCode(err) != int64(jsonrpc2.InvalidRequest) {
		t.Fatalf("request after shutdown: %v", err)
	}
	c.notify("exit", nil)
	if code := <-c.done; code != 0 {
		t.Fatalf("exit after shutdown: code %d", code)
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}})
	c.notify("exit", nil)
	if code := <-c.done; code != 1 {
		t.Fatalf("exit without shutdown: code %d, want 1", code)
	}
}

// rawClient speaks to a server with hand-written frames, to send what a well-behaved
// client library never would.
type rawClient struct {
	t      *testing.T
	st     *stream
	server *Server
	served *stream // the server's end
	done   chan int
	// frames are the bodies the server writes, read as they come: net.Pipe has no buffer,
	// and a server writing while the test writes would otherwise wait for it forever.
	frames chan []byte
}

func newRawClient(t *testing.T) *rawClient {
	return newRawClientWith(t, zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel)), nil)
}

// newRawClientWith starts a server logging to log; setup, when given, adjusts the server's
// end of the stream before it serves.
func newRawClientWith(t *testing.T, log *zap.Logger, setup func(served *stream)) *rawClient {
	serverSide, clientSide := net.Pipe()
	s := newServer("test", log, all.Analyzers)
	r := &rawClient{t: t, st: newStream(clientSide, clientSide, clientSide), server: s,
		served: newStream(serverSide, serverSide, serverSide), done: make(chan int, 1)}
	if setup != nil {
		setup(r.served)
	}
	go func() { r.done <- s.serve(context.Background(), r.served) }()
	r.frames = make(chan []byte, 4096)
	go func() {
		defer close(r.frames)
		for {
			data, _, _, err := r.st.readFrame()
			if err != nil {
				return
			}
			r.frames <- data
		}
	}()
	t.Cleanup(func() { clientSide.Close(); serverSide.Close() })
	return r
}

// frame returns the next body the server writes.
func (r *rawClient) frame() []byte {
	r.t.Helper()
	select {
	case data, ok := <-r.frames:
		if !ok {
			r.t.Fatal("the server closed the stream")
		}
		return data
	case <-time.After(20 * time.Second):
		r.t.Fatal("the server wrote nothing for 20 s")
	}
	return nil
}

func (r *rawClient) send(body string) {
	if _, err := r.st.writeBytes([]byte(body)); err != nil {
		r.t.Fatal(err)
	}
}

type rawResponse struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int64  `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (r rawResponse) code() int64 {
	if r.Error == nil {
		return 0
	}
	return r.Error.Code
}

// response reads frames until the response whose id is the JSON id arrives.
func (r *rawClient) response(id string) rawResponse {
	for {
		data := r.frame()
		var resp rawResponse
		if json.Unmarshal(data, &resp) == nil && string(resp.ID) == id {
			return resp
		}
	}
}

func TestMalformedMessagesGetErrors(t *testing.T) {
	r := newRawClient(t)
	r.send(`{"jsonrpc":"2.0","id":1,"method":`)
	if resp := r.response("null"); resp.code() != int64(jsonrpc2.ParseError) {
		t.Fatalf("invalid JSON answered %+v, want a parse error", resp)
	}
	r.send(`{"jsonrpc":"2.0","id":5,"params":{}}`)
	if resp := r.response("5"); resp.code() != int64(jsonrpc2.InvalidRequest) {
		t.Fatalf("request without method answered %+v, want invalid request", resp)
	}
	// The connection survives: a real request still works.
	r.send(`{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{}}}`)
	if resp := r.response("2"); resp.Error != nil || !strings.Contains(string(resp.Result), `"name":"otpls"`) {
		t.Fatalf("initialize after malformed input: %+v", resp)
	}
	// Bad params get InvalidParams.
	r.send(`{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"position":"nope"}}`)
	if resp := r.response("3"); resp.code() != int64(jsonrpc2.InvalidParams) {
		t.Fatalf("bad params answered %+v", resp)
	}
}

// Every request decodes its params through one helper: a params object of the wrong shape
// is answered InvalidParams, to the request's own id, and the connection goes on.
func TestMalformedParamsAreInvalidParams(t *testing.T) {
	r := newRawClient(t)
	r.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
	r.response("1")
	for i, tc := range []struct{ method, params string }{
		{"textDocument/hover", `{"textDocument":{"uri":"untitled:x"},"position":{"line":-1,"character":0}}`},
		{"textDocument/hover", `[1,2]`},
		{"textDocument/codeAction", `{"textDocument":{"uri":"untitled:x"},"range":"all","context":{}}`},
		{"textDocument/codeAction", `{"textDocument":{"uri":7}}`},
		{"textDocument/diagnostic", `{"textDocument":"untitled:x"}`},
		{"textDocument/diagnostic", `"untitled:x"`},
	} {
		id := fmt.Sprintf(`"bad-%d"`, i)
		r.send(`{"jsonrpc":"2.0","id":` + id + `,"method":"` + tc.method + `","params":` + tc.params + `}`)
		if resp := r.response(id); resp.code() != int64(jsonrpc2.InvalidParams) || !strings.Contains(resp.Error.Message, "invalid params") {
			t.Errorf("%s with params %s answered %+v, want InvalidParams", tc.method, tc.params, resp)
		}
	}
	// A second initialize with malformed params is still InvalidParams, not a half-applied
	// initialize; and a malformed notification is dropped without an answer.
	r.send(`{"jsonrpc":"2.0","id":"init-again","method":"initialize","params":{"capabilities":[]}}`)
	if resp := r.response(`"init-again"`); resp.code() != int64(jsonrpc2.InvalidParams) {
		t.Errorf("initialize with malformed params answered %+v", resp)
	}
	r.send(`{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":"none"}}`)
	r.send(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:y","version":"one"}}}`)
	r.send(`{"jsonrpc":"2.0","id":"after","method":"textDocument/diagnostic","params":{"textDocument":{"uri":"untitled:y"}}}`)
	if resp := r.response(`"after"`); resp.Error != nil || string(resp.Result) != `{"kind":"full","items":[]}` {
		t.Errorf("after malformed notifications: %+v %s", resp, resp.Result)
	}
}

func TestDiagnosticsLifecycle(t *testing.T) {
	dir := project(t, map[string]string{"lib/shop/application.ex": app})
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := fileURI(dir, "lib/shop/mailer.ex")
	m := c.mark()
	c.open(uri, mailer)
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 })
	d := p.Diagnostics[0]
	if p.Version == nil || *p.Version != 1 || len(p.Diagnostics) != 1 || d.Code != "OTP009" || d.Source != "otpls" ||
		d.Severity != 2 || d.at() != "2:4-2:35" || !strings.Contains(d.Message, "spawn/1 in send_receipt/1 starts a process outside any supervisor") {
		t.Fatalf("published %+v", p)
	}
	var data diagnosticData
	if json.Unmarshal(d.Data, &data) != nil || data.Version != 1 || data.Code != "OTP009" || data.URI != uri {
		t.Fatalf("data = %s", d.Data)
	}
	// An incremental edit replacing the spawn with a supervised call clears the finding.
	m = c.mark()
	c.change(uri, 2, map[string]any{"range": rng(2, 4, 2, 9), "text": "Task.Supervisor.start_child(Shop.Tasks, "})
	p = c.waitDiagnostics(m, uri, func(p published) bool { return p.Version != nil && *p.Version == 2 })
	if len(p.Diagnostics) != 0 {
		t.Fatalf("after edit: %s", codes(p))
	}
	// A change without a range replaces the whole text.
	m = c.mark()
	c.change(uri, 3, map[string]any{"text": mailer})
	p = c.waitDiagnostics(m, uri, func(p published) bool { return p.Version != nil && *p.Version == 3 })
	if codes(p) != "OTP009@2:4-2:35" {
		t.Fatalf("after full replace: %s", codes(p))
	}
	// Closing clears with an empty array (not null).
	m = c.mark()
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	n, _ := c.waitNote(m, func(n note) bool {
		return n.Method == "textDocument/publishDiagnostics" && strings.Contains(string(n.Params), uri)
	})
	if !strings.Contains(string(n.Params), `"diagnostics":[]`) {
		t.Fatalf("close published %s", n.Params)
	}
}

func TestChangeOutsideTheDocumentRecovers(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := "untitled:Untitled-1"
	m := c.mark()
	c.open(uri, "defmodule A do\nend\n")
	c.waitDiagnostics(m, uri, func(p published) bool { return true })
	// Far outside: applied clamped at the end, logged, no crash.
	m = c.mark()
	c.change(uri, 2, map[string]any{"range": rng(40, 0, 41, 3), "text": "defmodule B do\n  def f(x) do\n    spawn(fn -> x end)\n    :ok\n  end\nend\n"})
	p := c.waitDiagnostics(m, uri, func(p published) bool { return p.Version != nil && *p.Version == 2 })
	if codes(p) != "OTP009@4:4-4:22" {
		t.Fatalf("after out-of-range change: %s", codes(p))
	}
	// Later in-range edits still land where they should: the text is not corrupted.
	m = c.mark()
	c.change(uri, 3, map[string]any{"range": rng(4, 4, 4, 9), "text": "Task.Supervisor.start_child(B.Tasks, "})
	p = c.waitDiagnostics(m, uri, func(p published) bool { return p.Version != nil && *p.Version == 3 })
	if len(p.Diagnostics) != 0 {
		t.Fatalf("after a later edit: %s", codes(p))
	}
}

func TestUTF16Positions(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := "untitled:emoji"
	text := "defmodule A do\n  def f(x) do\n    _ = \"café 😀\"; spawn(fn -> x end)\n    :ok\n  end\nend\n"
	m := c.mark()
	c.open(uri, text)
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 })
	// `    _ = "café 😀"; ` is 19 UTF-16 units (é is one, 😀 two) but 22 bytes.
	if codes(p) != "OTP009@2:19-2:37" {
		t.Fatalf("UTF-16 range: %s", codes(p))
	}
	// An edit addressed in UTF-16 columns lands on the right bytes.
	m = c.mark()
	c.change(uri, 2, map[string]any{"range": rng(2, 19, 2, 24), "text": "Task.Supervisor.start_child(A.Tasks, "})
	p = c.waitDiagnostics(m, uri, func(p published) bool { return p.Version != nil && *p.Version == 2 })
	if len(p.Diagnostics) != 0 {
		t.Fatalf("edit at UTF-16 column missed: %s", codes(p))
	}
}

type docChange struct {
	TextDocument struct {
		URI     string `json:"uri"`
		Version *int32 `json:"version"`
	} `json:"textDocument"`
	Edits []textEdit `json:"edits"`
}

type action struct {
	Title       string           `json:"title"`
	Kind        string           `json:"kind"`
	IsPreferred bool             `json:"isPreferred"`
	Diagnostics []wireDiagnostic `json:"diagnostics"`
	Edit        struct {
		Changes         map[string][]textEdit `json:"changes"`
		DocumentChanges []docChange           `json:"documentChanges"`
	} `json:"edit"`
}

type textEdit struct {
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
	NewText string `json:"newText"`
}

// indexedClient initializes a client that takes documentChanges and work-done progress
// on the workspace dir, and waits until indexing reports its end (begin to end).
func indexedClient(t *testing.T, dir string) *testClient {
	c := newTestClient(t, nil)
	m := c.mark()
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "initializationOptions": map[string]any{"diagnosticDelay": 0},
		"capabilities": map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}}, "window": map[string]any{"workDoneProgress": true}}})
	c.waitNote(m, func(n note) bool {
		return n.Method == "$/progress" && strings.Contains(string(n.Params), `"kind":"end"`)
	})
	return c
}

// TestProgressTokenOnTheWire: begin and end of the indexing progress carry the token the
// server created, a string: clients match them by it (it once went out as {}).
func TestProgressTokenOnTheWire(t *testing.T) {
	dir := project(t, map[string]string{"lib/shop/application.ex": app})
	c := newTestClient(t, nil)
	m := c.mark()
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{"window": map[string]any{"workDoneProgress": true}}})
	for _, kind := range []string{"begin", "end"} {
		c.waitNote(m, func(n note) bool {
			return n.Method == "$/progress" && strings.Contains(string(n.Params), `"kind":"`+kind+`"`) &&
				strings.Contains(string(n.Params), `"token":"otpls-index"`)
		})
	}
}

func TestCodeActionsAcrossFilesAndStaleRefusal(t *testing.T) {
	dir := project(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer})
	c := indexedClient(t, dir)
	uri := fileURI(dir, "lib/shop/mailer.ex")
	m := c.mark()
	c.open(uri, mailer)
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 })
	var actions []action
	params := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(2, 4, 2, 4),
		"context": map[string]any{"diagnostics": p.Diagnostics}}
	if err := c.call("textDocument/codeAction", params, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 2 || actions[0].Kind != "quickfix" || !actions[0].IsPreferred ||
		actions[0].Title != "Start it under Shop.TaskSupervisor with Task.Supervisor.start_child" ||
		actions[1].Title != "Suppress OTP009 on this line" || actions[1].Kind != "quickfix.suppress" || actions[1].IsPreferred {
		t.Fatalf("actions: %+v", actions)
	}
	// One WorkspaceEdit carries both files: the open one versioned, the closed one null.
	dc := actions[0].Edit.DocumentChanges
	if len(dc) != 2 {
		t.Fatalf("documentChanges: %+v", dc)
	}
	appURI := fileURI(dir, "lib/shop/application.ex")
	byURI := map[string]int{dc[0].TextDocument.URI: 0, dc[1].TextDocument.URI: 1}
	mine, other := dc[byURI[uri]], dc[byURI[appURI]]
	if mine.TextDocument.Version == nil || *mine.TextDocument.Version != 1 || other.TextDocument.Version != nil ||
		len(other.Edits) != 1 || other.Edits[0].NewText != "\n      {Task.Supervisor, name: Shop.TaskSupervisor}," ||
		other.Edits[0].Range.Start.Line != 4 || other.Edits[0].Range.Start.Character != 16 {
		t.Fatalf("edits: mine %+v other %+v", mine, other)
	}
	// The document moves on; a request carrying version-1 diagnostics gets no edits.
	m = c.mark()
	c.change(uri, 2, map[string]any{"range": rng(0, 0, 0, 0), "text": "# moved\n"})
	c.waitDiagnostics(m, uri, func(p published) bool { return p.Version != nil && *p.Version == 2 })
	actions = nil
	if err := c.call("textDocument/codeAction", params, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 0 {
		t.Fatalf("stale code action answered with %+v", actions)
	}
	// Fix-all: every safe fix of the document in one action.
	actions = nil
	fixAll := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(0, 0, 0, 0),
		"context": map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll"}}}
	if err := c.call("textDocument/codeAction", fixAll, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Kind != "source.fixAll.otpls" || len(actions[0].Edit.DocumentChanges) != 2 {
		t.Fatalf("fix-all: %+v", actions)
	}
}

func TestCodeActionsWithoutDocumentChanges(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0, "task_supervisor": "Shop.Tasks"}})
	uri := "untitled:m"
	m := c.mark()
	c.open(uri, mailer)
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 })
	var actions []action
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(2, 4, 2, 4),
		"context": map[string]any{"diagnostics": p.Diagnostics}}, &actions)
	if len(actions) == 0 || len(actions[0].Edit.Changes[uri]) != 2 || actions[0].Edit.DocumentChanges != nil ||
		actions[0].Title != "Start it under Shop.Tasks with Task.Supervisor.start_child" {
		t.Fatalf("actions: %+v", actions)
	}
}

func TestHover(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := "untitled:h"
	m := c.mark()
	c.open(uri, mailer)
	c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 })
	var h struct {
		Contents struct{ Kind, Value string } `json:"contents"`
	}
	if err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 2, "character": 6}}, &h); err != nil {
		t.Fatal(err)
	}
	if h.Contents.Kind != "markdown" || !strings.HasPrefix(h.Contents.Value, "**OTP009 unsupervised-task: Process started outside a supervisor**") ||
		!strings.Contains(h.Contents.Value, "**Why is this bad?**") || !strings.Contains(h.Contents.Value, "Task.Supervisor.start_child(MyApp.TaskSupervisor") {
		t.Fatalf("hover: %+v", h)
	}
	var none json.RawMessage
	c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 0}}, &none)
	if len(none) != 0 && string(none) != "null" {
		t.Fatalf("hover off any finding: %s", none)
	}
}

// An edit in one open file changes a cross-file diagnostic shown in another open file.
func TestCrossFileDiagnosticsRepublish(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	a, b := "untitled:a.ex", "untitled:b.ex"
	owner := "defmodule Owner do\n  def init, do: :ets.new(:shared, [:public, :named_table])\n  def cycle(k) do\n    :ets.insert(:shared, {k})\n    :ets.delete(:shared, k)\n  end\nend\n"
	m := c.mark()
	c.open(a, owner)
	p := c.waitDiagnostics(m, a, func(p published) bool { return true })
	if len(p.Diagnostics) != 0 {
		t.Fatalf("findings before any other user: %s", codes(p))
	}
	m = c.mark()
	c.open(b, "defmodule Reader do\nend\n")
	c.waitDiagnostics(m, b, func(p published) bool { return true })
	m = c.mark()
	c.change(b, 2, map[string]any{"range": rng(0, 19, 0, 19), "text": "\n  def get(k), do: Task.async(fn -> :ets.lookup(:shared, k) end)"})
	p = c.waitDiagnostics(m, a, func(p published) bool { return len(p.Diagnostics) > 0 })
	if !strings.Contains(p.Diagnostics[0].Message, "used concurrently (from a process started in Reader.get/1; 1 read, 2 writes)") || p.Diagnostics[0].at() != "1:34-1:57" || len(p.Diagnostics[0].RelatedInformation) != 3 {
		t.Fatalf("owner after the reader's edit: %+v", p.Diagnostics)
	}
	// And back: removing the reader clears it again in the owner's buffer.
	m = c.mark()
	c.change(b, 3, map[string]any{"text": "defmodule Reader do\nend\n"})
	p = c.waitDiagnostics(m, a, func(p published) bool { return true })
	if len(p.Diagnostics) != 0 {
		t.Fatalf("owner after the reader went away: %s", codes(p))
	}
}

// While the user types in one file, the other open files are re-analysed once the typing
// pauses, after the edited file's own diagnostics: a burst of edits in the reader that
// flips the owner's finding on and off republishes the owner once, with the last state.
func TestCrossFileRepublishWaitsForAPause(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	a, b := "untitled:a.ex", "untitled:b.ex"
	owner := "defmodule Owner do\n  def init, do: :ets.new(:shared, [:public, :named_table])\n  def cycle(k) do\n    :ets.insert(:shared, {k})\n    :ets.delete(:shared, k)\n  end\nend\n"
	without := "defmodule Reader do\nend\n"
	with := "defmodule Reader do\n  def get(k), do: Task.async(fn -> :ets.lookup(:shared, k) end)\nend\n"
	m := c.mark()
	c.open(a, owner)
	c.waitDiagnostics(m, a, func(p published) bool { return true })
	m = c.mark()
	c.open(b, without)
	c.waitDiagnostics(m, b, func(p published) bool { return true })
	burst := c.mark()
	for v := 2; v <= 7; v++ {
		text := without
		if v%2 == 1 {
			text = with
		}
		c.change(b, v, map[string]any{"text": text})
	}
	p := c.waitDiagnostics(burst, a, func(p published) bool { return len(p.Diagnostics) > 0 })
	if !strings.Contains(p.Diagnostics[0].Message, "used concurrently") {
		t.Fatalf("owner after the burst: %+v", p.Diagnostics)
	}
	c.settle() // no timer left: no republish can follow
	c.mu.Lock()
	notes := append([]note(nil), c.notes[burst:]...)
	c.mu.Unlock()
	ownerPublishes, readerFinal, order := 0, -1, -1
	for i, n := range notes {
		var p published
		if n.Method != "textDocument/publishDiagnostics" || json.Unmarshal(n.Params, &p) != nil {
			continue
		}
		switch {
		case p.URI == a:
			ownerPublishes++
			order = i
		case p.URI == b && p.Version != nil && *p.Version == 7:
			readerFinal = i
		}
	}
	if ownerPublishes != 1 {
		t.Errorf("owner republished %d times during one burst of edits in the reader, want once", ownerPublishes)
	}
	if readerFinal < 0 || readerFinal > order {
		t.Errorf("the edited reader's diagnostics (at %d) should come before the owner's republish (at %d)", readerFinal, order)
	}
}

// panicky is a rule with a bug, given only to the server of the test about rule panics.
var panicky = &analysis.Analyzer{
	Code: "OTP999", Name: "test-panics", Title: "panics (test only)", Severity: analysis.Warning,
	Run: func(p *analysis.Pass) {
		if strings.Contains(p.File.Text, "PANIC_HERE") {
			panic("rule bug")
		}
	},
}

func TestRulePanicLeavesServerServing(t *testing.T) {
	c := newTestClientWith(t, nil, append(slices.Clone(all.Analyzers), panicky))
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := "untitled:p"
	m := c.mark()
	c.open(uri, mailer+"# PANIC_HERE\n")
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 })
	if !strings.Contains(codes(p), "OTP000@0:0-0:0") || !strings.Contains(codes(p), "OTP009@2:4-2:35") {
		t.Fatalf("diagnostics with a crashing rule: %s", codes(p))
	}
	var h json.RawMessage
	if err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 2, "character": 6}}, &h); err != nil || len(h) < 10 {
		t.Fatalf("server stopped serving: %v %s", err, h)
	}
	// The rule ran because this server was given it: another server, with the otpls rules
	// only, does not run it on the same text.
	other := newTestClient(t, nil)
	other.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	m = other.mark()
	other.open(uri, mailer+"# PANIC_HERE\n")
	if p := other.waitDiagnostics(m, uri, func(p published) bool { return true }); codes(p) != "OTP009@2:4-2:35" {
		t.Fatalf("a server without the test rule: %s", codes(p))
	}
}

func TestRunNeedsRules(t *testing.T) {
	var stderr strings.Builder
	if code := Run(context.Background(), strings.NewReader(""), io.Discard, Options{Stderr: &stderr}); code != 1 || !strings.Contains(stderr.String(), "no rules") {
		t.Fatalf("a server without rules: exit %d, %q", code, stderr.String())
	}
}

func TestHandlerPanicIsAnErrorAnswer(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}})
	testHook = func(method string) {
		if method == "textDocument/hover" {
			panic("handler bug")
		}
	}
	defer func() { testHook = nil }()
	err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "untitled:x"}, "position": map[string]any{"line": 0, "character": 0}}, nil)
	if rpcCode(err) != int64(jsonrpc2.InternalError) {
		t.Fatalf("panicking handler answered %v", err)
	}
	testHook = nil
	if err := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "untitled:x"}, "position": map[string]any{"line": 0, "character": 0}}, nil); err != nil {
		t.Fatalf("after a handler panic: %v", err)
	}
}

func TestCancelRequest(t *testing.T) {
	for _, tc := range []struct{ name, id string }{{"number", `7`}, {"string", `"req-7"`}} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRawClient(t)
			r.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`)
			r.response("1")
			started, release := make(chan struct{}), make(chan struct{})
			testHook = func(method string) {
				if method == "textDocument/hover" {
					close(started)
					<-release // a slow request: it finishes only after the cancel arrived
				}
			}
			defer func() { testHook = nil }()
			r.send(`{"jsonrpc":"2.0","id":` + tc.id + `,"method":"textDocument/hover","params":{"textDocument":{"uri":"untitled:x"},"position":{"line":0,"character":0}}}`)
			<-started
			r.send(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":` + tc.id + `}}`)
			// Notifications are handled in order before any later request: the answer to
			// this one proves the cancel has been acted on.
			r.send(`{"jsonrpc":"2.0","id":"after-cancel","method":"textDocument/diagnostic","params":{"textDocument":{"uri":"untitled:x"}}}`)
			r.response(`"after-cancel"`)
			close(release)
			if resp := r.response(tc.id); resp.code() != int64(protocol.CodeRequestCancelled) {
				t.Fatalf("cancelled request answered %+v, want RequestCancelled", resp)
			}
		})
	}
}

func TestPullDiagnostics(t *testing.T) {
	c := newTestClient(t, nil)
	res := c.initialize(map[string]any{"capabilities": map[string]any{"textDocument": map[string]any{"diagnostic": map[string]any{}}}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	if dp, _ := res["capabilities"].(map[string]any)["diagnosticProvider"].(map[string]any); dp == nil || dp["interFileDependencies"] != true {
		t.Fatalf("no diagnosticProvider: %v", res)
	}
	uri := "untitled:pull"
	c.open(uri, mailer)
	var report struct {
		Kind  string           `json:"kind"`
		Items []wireDiagnostic `json:"items"`
	}
	if err := c.call("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &report); err != nil {
		t.Fatal(err)
	}
	if report.Kind != "full" || len(report.Items) != 1 || report.Items[0].Code != "OTP009" {
		t.Fatalf("report: %+v", report)
	}
	c.settle()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range c.notes {
		if n.Method == "textDocument/publishDiagnostics" {
			t.Fatalf("pushed diagnostics to a pull client: %s", n.Params)
		}
	}
}

func TestConfigurationAndWatchedFiles(t *testing.T) {
	dir := project(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer})
	c := newTestClient(t, nil)
	c.config = map[string]any{"rules": map[string]any{"OTP009": false}, "diagnosticDelay": 0}
	m := c.mark()
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{
		"workspace": map[string]any{"configuration": true, "didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}},
		"initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := fileURI(dir, "lib/shop/mailer.ex")
	c.open(uri, mailer)
	// The pulled configuration turns OTP009 off.
	c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) == 0 })
	c.waitAsked("client/registerCapability", "workspace/configuration")
	// Settings pushed with didChangeConfiguration turn it back on.
	m = c.mark()
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"otpls": map[string]any{"diagnosticDelay": 0}}})
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 })
	if codes(p) != "OTP009@2:4-2:35" {
		t.Fatalf("after config change: %s", codes(p))
	}
	// A closed file changes on disk: the index follows, and the fix names the new supervisor.
	withSup := strings.Replace(app, "      Shop.Repo\n", "      Shop.Repo,\n      {Task.Supervisor, name: Shop.Jobs}\n", 1)
	os.WriteFile(filepath.Join(dir, "lib/shop/application.ex"), []byte(withSup), 0o644)
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": fileURI(dir, "lib/shop/application.ex"), "type": 2}}})
	// The notification is handled (the file re-read and indexed) before the next request.
	var actions []action
	if err := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(2, 4, 2, 4), "context": map[string]any{"diagnostics": []any{}}}, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) == 0 || actions[0].Title != "Start it under Shop.Jobs with Task.Supervisor.start_child" {
		t.Fatalf("index did not follow the file change: %+v", actions)
	}
}

func TestWorkspaceScope(t *testing.T) {
	dir := project(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": mailer})
	c := newTestClient(t, nil)
	m := c.mark()
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{},
		"initializationOptions": map[string]any{"diagnosticDelay": 0, "diagnosticsScope": "workspace"}})
	p := c.waitDiagnostics(m, fileURI(dir, "lib/shop/mailer.ex"), func(p published) bool { return len(p.Diagnostics) > 0 })
	if codes(p) != "OTP009@2:4-2:35" || p.Version != nil {
		t.Fatalf("closed file in workspace scope: %+v", p)
	}
}

// A three-server call cycle split across three open files is an Error in all three; an
// edit of one file re-publishes the others, whose cycle status changed.
func TestCallCycleAcrossOpenFiles(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	server := func(name, next, verb string) string {
		// Each server takes :go as a call and as a cast, so that the edit below (a cast) is
		// one OTP014 accepts.
		return fmt.Sprintf("defmodule %s do\n  use GenServer\n  def init(s), do: {:ok, s}\n\n  def handle_call(:go, _from, s) do\n    GenServer.%s(%s, :go)\n    {:reply, :ok, s}\n  end\n\n  def handle_cast(:go, s), do: {:noreply, s}\nend\n", name, verb, next)
	}
	uris := []string{"untitled:a.ex", "untitled:b.ex", "untitled:c.ex"}
	for i, name := range []string{"A", "B", "C"} {
		c.open(uris[i], server(name, []string{"B", "C", "A"}[i], "call"))
	}
	for i, want := range []string{"A -> B -> C -> A", "B -> C -> A -> B", "C -> A -> B -> C"} {
		p := c.waitDiagnostics(0, uris[i], func(p published) bool { return len(p.Diagnostics) == 1 && p.Diagnostics[0].Severity == 1 })
		d := p.Diagnostics[0]
		if d.Code != "OTP008" || d.Severity != 1 || d.at() != "5:4-5:26" || !strings.Contains(d.Message, want) || len(d.RelatedInformation) != 2 {
			t.Fatalf("%s: %+v", uris[i], d)
		}
	}
	// C casts instead: the cycle is gone from A's and B's buffers too; A -> B -> C remains
	// a three-server chain (a Warning at A), B -> C is short enough.
	m := c.mark()
	c.change(uris[2], 2, map[string]any{"range": rng(5, 14, 5, 18), "text": "cast"})
	pa := c.waitDiagnostics(m, uris[0], func(p published) bool { return len(p.Diagnostics) == 1 && p.Diagnostics[0].Severity == 2 })
	if !strings.Contains(pa.Diagnostics[0].Message, "chain of 3 servers waiting on each other: A -> B -> C") {
		t.Fatalf("a.ex after the edit: %+v", pa.Diagnostics)
	}
	if pb := c.waitDiagnostics(m, uris[1], func(p published) bool { return true }); len(pb.Diagnostics) != 0 {
		t.Fatalf("b.ex after the edit: %s", codes(pb))
	}
	if pc := c.waitDiagnostics(m, uris[2], func(p published) bool { return true }); len(pc.Diagnostics) != 0 {
		t.Fatalf("c.ex after the edit: %s", codes(pc))
	}
}

// OTP005 on the wire: :simple_one_for_one carries the Deprecated tag (2), a dependency
// chain under :one_for_one is Information (3).
func TestDeprecatedTagAndInformationSeverity(t *testing.T) {
	dir := project(t, map[string]string{})
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	uri := fileURI(dir, "lib/shop/sup.ex")
	m := c.mark()
	c.open(uri, `defmodule Shop.Legacy do
  use Supervisor
  def init(_), do: Supervisor.init([Shop.Conn], strategy: :simple_one_for_one)
end

defmodule Shop.Pipeline do
  use Supervisor
  def init(_), do: Supervisor.init([Shop.A, Shop.B], strategy: :one_for_one)
end

defmodule Shop.A do
  def ping, do: :pong
end

defmodule Shop.B do
  def ping, do: Shop.A.ping()
end
`)
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) == 2 })
	dep, chain := p.Diagnostics[0], p.Diagnostics[1]
	if dep.Code != "OTP005" || dep.at() != "2:58-2:77" || dep.Severity != 2 || len(dep.Tags) != 1 || dep.Tags[0] != 2 {
		t.Errorf("simple_one_for_one: %+v", dep)
	}
	if chain.Code != "OTP005" || chain.at() != "7:63-7:75" || chain.Severity != 3 || len(chain.Tags) != 0 || !strings.Contains(chain.Message, ":rest_for_one") {
		t.Errorf("chain: %+v", chain)
	}
}

// OTP002's plain-module fix on the wire: one WorkspaceEdit rewrites the open module and
// removes its entry from the Application's children in the other, closed file.
func TestPlainModuleFixRemovesChildElsewhere(t *testing.T) {
	appText := "defmodule Shop.Application do\n  use Application\n\n  def start(_type, _args) do\n    children = [\n      Shop.Units,\n      Shop.Repo\n    ]\n\n    Supervisor.start_link(children, strategy: :one_for_one)\n  end\nend\n"
	units := "defmodule Shop.Units do\n  use GenServer\n\n  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)\n\n  def to_f(c), do: GenServer.call(__MODULE__, {:to_f, c})\n\n  def init(nil), do: {:ok, nil}\n\n  def handle_call({:to_f, c}, _from, state), do: {:reply, c * 9 / 5 + 32, state}\nend\n"
	dir := project(t, map[string]string{"lib/shop/application.ex": appText, "lib/shop/units.ex": units})
	c := indexedClient(t, dir)
	uri := fileURI(dir, "lib/shop/units.ex")
	m := c.mark()
	c.open(uri, units)
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) > 0 })
	if codes(p) != "OTP002@0:10-0:20" {
		t.Fatalf("diagnostics: %s", codes(p))
	}
	var actions []action
	params := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(0, 12, 0, 12),
		"context": map[string]any{"diagnostics": p.Diagnostics}}
	if err := c.call("textDocument/codeAction", params, &actions); err != nil {
		t.Fatal(err)
	}
	if len(actions) == 0 || !strings.HasPrefix(actions[0].Title, "Make Shop.Units a plain module") {
		t.Fatalf("actions: %+v", actions)
	}
	dc := actions[0].Edit.DocumentChanges
	appURI := fileURI(dir, "lib/shop/application.ex")
	var other *docChange
	for i := range dc {
		if dc[i].TextDocument.URI == appURI {
			other = &dc[i]
		}
	}
	if len(dc) != 2 || other == nil || len(other.Edits) != 1 || other.Edits[0].NewText != "" ||
		other.Edits[0].Range.Start.Line != 5 || other.Edits[0].Range.Start.Character != 6 ||
		other.Edits[0].Range.End.Line != 6 || other.Edits[0].Range.End.Character != 6 {
		t.Fatalf("documentChanges: %+v", dc)
	}
}

// mailerAndStores has a safe fix that needs the application (OTP009: a Task.Supervisor
// added to it) and an unsafe one that needs only the document (OTP005).
const mailerAndStores = `defmodule Shop.Mailer do
  def send_receipt(order) do
    spawn(fn -> deliver(order) end)
    {:ok, order}
  end

  defp deliver(order), do: order
end

defmodule Shop.Stores do
  use Supervisor
  def init(_), do: Supervisor.init([Shop.Prices, Shop.Stock], strategy: :one_for_all)
end

defmodule Shop.Prices do
  use Agent
  def start_link(_), do: Agent.start_link(fn -> %{} end, name: __MODULE__)
end

defmodule Shop.Stock do
  use Agent
  def start_link(_), do: Agent.start_link(fn -> %{} end, name: __MODULE__)
end
`

// Fix safety on the wire: an unsafe fix is never the preferred action and its title says
// what it changes; a finding's safe fix is preferred; source.fixAll.otpls applies only the
// safe fixes.
func TestUnsafeFixesAreLabelledAndLeftOutOfFixAll(t *testing.T) {
	doc := mailerAndStores
	dir := project(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": doc})
	c := indexedClient(t, dir)
	uri := fileURI(dir, "lib/shop/mailer.ex")
	m := c.mark()
	c.open(uri, doc)
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) == 2 })
	if codes(p) != "OTP009@2:4-2:35 OTP005@11:72-11:84" {
		t.Fatalf("diagnostics: %s", codes(p))
	}
	quickFixes := func(d wireDiagnostic) []action {
		t.Helper()
		var fixes []action
		for _, a := range c.actionsFor(uri, d) {
			if a.Kind == "quickfix" {
				fixes = append(fixes, a)
			}
		}
		return fixes
	}
	safe := quickFixes(p.Diagnostics[0])
	if len(safe) != 1 || !safe[0].IsPreferred || safe[0].Title != "Start it under Shop.TaskSupervisor with Task.Supervisor.start_child" {
		t.Errorf("OTP009's safe fix: %+v", safe)
	}
	unsafe := quickFixes(p.Diagnostics[1])
	if len(unsafe) != 1 || unsafe[0].IsPreferred || unsafe[0].Title != "Use strategy: :one_for_one (changes which children restart together)" {
		t.Errorf("OTP005's unsafe fix: %+v", unsafe)
	}
	var all []action
	fixAll := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(0, 0, 0, 0),
		"context": map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll"}}}
	if err := c.call("textDocument/codeAction", fixAll, &all); err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].Kind != "source.fixAll.otpls" {
		t.Fatalf("fix-all: %+v", all)
	}
	var texts []string
	for _, dc := range all[0].Edit.DocumentChanges {
		for _, e := range dc.Edits {
			texts = append(texts, e.NewText)
		}
	}
	joined := strings.Join(texts, "|")
	if !strings.Contains(joined, "Task.Supervisor.start_child") || strings.Contains(joined, ":one_for_one") {
		t.Errorf("fix-all edits %q: want OTP009's safe fix and not OTP005's unsafe one", texts)
	}
}

// A rewrite marked Verify (analysis.Fix.Verify) is offered only when the file still parses
// after it. Here (a FuzzFixes input) OTP002's rewrite would not: the client gets the
// suppression alone; after an edit that makes the module ordinary, the rewrite is offered.
func TestCodeActionsLeaveOutRewritesThatWouldNotParse(t *testing.T) {
	text := "defmodule Calc do\n  @behaviour :gen_server\n  def double(n), do: :gen_server.call(__MODULE__, {:double, n})\n  def init([]), do: {:ok, :none}\n0!0\n  def handle_call({:double, n}, _, s), do: {:reply, n * 2, s}\nend\n"
	dir := project(t, map[string]string{"lib/calc.ex": text})
	c := indexedClient(t, dir)
	uri := fileURI(dir, "lib/calc.ex")
	titles := func(version int) []string {
		m := c.mark()
		if version == 1 {
			c.open(uri, text)
		} else {
			c.change(uri, version, map[string]any{"range": rng(4, 0, 5, 0), "text": ""}) // drop the `0!0` line
		}
		p := c.waitDiagnostics(m, uri, func(p published) bool {
			return p.Version != nil && int(*p.Version) == version && len(p.Diagnostics) > 0
		})
		var actions []action
		params := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": rng(0, 10, 0, 10),
			"context": map[string]any{"diagnostics": p.Diagnostics}}
		if err := c.call("textDocument/codeAction", params, &actions); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range actions {
			out = append(out, a.Title)
		}
		return out
	}
	if got := titles(1); len(got) != 1 || got[0] != "Suppress OTP002 on this line" {
		t.Fatalf("with `0!0` after init: %q", got)
	}
	if got := titles(2); len(got) != 2 || !strings.HasPrefix(got[0], "Make Calc a plain module") {
		t.Fatalf("without it: %q", got)
	}
}

// OTP014 reads the server's handler clauses from the index: with the sender and the server
// open, adding the missing handle_cast/2 clause in the server's buffer clears the finding
// shown in the sender's, and removing it raises the finding again.
func TestMessageContractFollowsTheHandlerFile(t *testing.T) {
	c := newTestClient(t, nil)
	c.initialize(map[string]any{"capabilities": map[string]any{}, "initializationOptions": map[string]any{"diagnosticDelay": 0}})
	sender, server := "untitled:sender.ex", "untitled:server.ex"
	callOnly := "defmodule Tally do\n  use GenServer\n  def init(n), do: {:ok, n}\n  def handle_call(:reset, _from, _n), do: {:reply, :ok, 0}\nend\n"
	withCast := strings.Replace(callOnly, "\nend\n", "\n  def handle_cast(:reset, _n), do: {:noreply, 0}\nend\n", 1)
	m := c.mark()
	c.open(server, callOnly)
	c.waitDiagnostics(m, server, func(p published) bool { return true })
	m = c.mark()
	c.open(sender, "defmodule Sender do\n  def reset do\n    GenServer.cast(Tally, :reset)\n    :ok\n  end\nend\n")
	p := c.waitDiagnostics(m, sender, func(p published) bool { return true })
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "OTP014" || p.Diagnostics[0].at() != "2:26-2:32" ||
		!strings.Contains(p.Diagnostics[0].Message, "GenServer.cast/2 sends :reset to Tally, which handles :reset only in handle_call/3") {
		t.Fatalf("sender against the call-only server: %+v", p.Diagnostics)
	}
	m = c.mark()
	c.change(server, 2, map[string]any{"text": withCast})
	p = c.waitDiagnostics(m, sender, func(p published) bool { return true })
	if len(p.Diagnostics) != 0 {
		t.Fatalf("sender after the server gained handle_cast(:reset): %s", codes(p))
	}
	m = c.mark()
	c.change(server, 3, map[string]any{"text": callOnly})
	p = c.waitDiagnostics(m, sender, func(p published) bool { return len(p.Diagnostics) > 0 })
	if p.Diagnostics[0].Code != "OTP014" {
		t.Fatalf("sender after the clause went away: %s", codes(p))
	}
}

// A code action sent while the workspace is being indexed is answered at once, from the
// index as it is (the open document, entered when it was opened), with the fixes that
// document alone gives; once indexing is done, fixes that need other files are offered.
// Indexing is held before its first file: the client leaves the server's request for a
// progress token unanswered until the code action is answered.
func TestCodeActionWhileIndexing(t *testing.T) {
	doc := mailerAndStores
	dir := project(t, map[string]string{"lib/shop/application.ex": app, "lib/shop/mailer.ex": doc})
	c := newTestClient(t, nil)
	release := c.hold("window/workDoneProgress/create")
	c.initialize(map[string]any{"rootUri": pathToURI(dir), "initializationOptions": map[string]any{"diagnosticDelay": 0},
		"capabilities": map[string]any{"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}}, "window": map[string]any{"workDoneProgress": true}}})
	c.waitAsked("window/workDoneProgress/create") // indexing waits for the answer
	uri := fileURI(dir, "lib/shop/mailer.ex")
	m := c.mark()
	c.open(uri, doc)
	p := c.waitDiagnostics(m, uri, func(p published) bool { return len(p.Diagnostics) == 2 })
	titles := func(d wireDiagnostic) []string {
		t.Helper()
		var out []string
		for _, a := range c.actionsFor(uri, d) {
			out = append(out, a.Title)
		}
		return out
	}
	byCode := map[string]wireDiagnostic{}
	for _, d := range p.Diagnostics {
		byCode[d.Code] = d
	}
	if got := titles(byCode["OTP005"]); !slices.Equal(got, []string{"Use strategy: :one_for_one (changes which children restart together)", "Suppress OTP005 on this line"}) {
		t.Errorf("OTP005's actions while indexing: %q", got)
	}
	c.mu.Lock()
	for _, n := range c.notes {
		if n.Method == "$/progress" {
			t.Errorf("indexing had begun before the code action was answered: %s", n.Params)
		}
	}
	c.mu.Unlock()
	m = c.mark()
	release()
	c.waitNote(m, func(n note) bool {
		return n.Method == "$/progress" && strings.Contains(string(n.Params), `"kind":"end"`)
	})
	c.settle()
	// The application is indexed now: OTP009's fix adds a Task.Supervisor to it.
	m = c.mark()
	c.change(uri, 2, map[string]any{"range": rng(0, 0, 0, 0), "text": ""})
	p = c.waitDiagnostics(m, uri, func(p published) bool { return p.Version != nil && *p.Version == 2 })
	for _, d := range p.Diagnostics {
		byCode[d.Code] = d
	}
	if got := titles(byCode["OTP009"]); len(got) == 0 || got[0] != "Start it under Shop.TaskSupervisor with Task.Supervisor.start_child" {
		t.Errorf("OTP009's actions once indexed: %q", got)
	}
}
