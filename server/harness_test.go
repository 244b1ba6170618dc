package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/all"
)

// testClient is a real JSON-RPC client on the other end of an in-process pipe. It records
// every notification the server sends and answers the server's requests.
type testClient struct {
	t      testing.TB
	server *Server
	conn   jsonrpc2.Conn
	raw    net.Conn
	done   chan int
	mu     sync.Mutex
	notes  []note
	wake   chan struct{}
	asked  []string       // methods the server called on us
	config map[string]any // answer to workspace/configuration
	// held are server requests whose answer waits until the channel is closed (see hold).
	held map[string]chan struct{}
	// patience is how long waitNote waits before failing (20 s when zero); benchmarks that
	// index a large workspace on a loaded machine give it longer.
	patience time.Duration
}

type note struct {
	Method string
	Params json.RawMessage
}

type published struct {
	URI         string           `json:"uri"`
	Version     *int32           `json:"version"`
	Diagnostics []wireDiagnostic `json:"diagnostics"`
}

type wireDiagnostic struct {
	Range struct {
		Start struct{ Line, Character int } `json:"start"`
		End   struct{ Line, Character int } `json:"end"`
	} `json:"range"`
	Severity           int             `json:"severity"`
	Code               string          `json:"code"`
	Source             string          `json:"source"`
	Message            string          `json:"message"`
	Tags               []int           `json:"tags"`
	RelatedInformation []any           `json:"relatedInformation"`
	Data               json.RawMessage `json:"data"`
}

func (d wireDiagnostic) at() string {
	return fmt.Sprintf("%d:%d-%d:%d", d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character)
}

// newTestClient starts a server running every otpls rule, as `otpls serve` does.
func newTestClient(t testing.TB, logger *zap.Logger) *testClient {
	return newTestClientWith(t, logger, all.Analyzers)
}

// newTestClientWith starts a server running analyzers: a test's own rule is given to its
// own server, never registered for every test.
func newTestClientWith(t testing.TB, logger *zap.Logger, analyzers []*analysis.Analyzer) *testClient {
	if logger == nil {
		logger = zap.NewNop()
		if tt, ok := t.(*testing.T); ok {
			logger = zaptest.NewLogger(tt, zaptest.Level(zap.WarnLevel))
		}
	}
	serverSide, clientSide := net.Pipe()
	c := &testClient{t: t, raw: clientSide, done: make(chan int, 1), wake: make(chan struct{}, 1)}
	s := newServer("test", logger, analyzers)
	c.server = s
	go func() { c.done <- s.serve(context.Background(), newStream(serverSide, serverSide, serverSide)) }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(clientSide))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() { c.conn.Close(); serverSide.Close() })
	return c
}

func (c *testClient) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	if call, ok := req.(*jsonrpc2.Call); ok {
		c.mu.Lock()
		c.asked = append(c.asked, call.Method())
		cfg := c.config
		held := c.held[call.Method()]
		c.mu.Unlock()
		c.signal()
		if call.Method() == "workspace/configuration" {
			return reply(ctx, []any{cfg}, nil)
		}
		if held != nil {
			// Answered later, off the connection's reading goroutine: the client keeps
			// reading (the answers to its own requests) while the server waits.
			go func() {
				<-held
				reply(ctx, nil, nil)
			}()
			return nil
		}
		return reply(ctx, nil, nil)
	}
	c.mu.Lock()
	// Copy: the decoder's params alias a large read buffer that must not be kept alive.
	// The library decodes without copying: the method string points into the read buffer
	// of the whole message, so keeping it as it is would keep every buffer alive. A real
	// client is another process; its memory must not weigh on the server's collector.
	c.notes = append(c.notes, note{strings.Clone(req.Method()), append(json.RawMessage(nil), req.Params()...)})
	c.mu.Unlock()
	c.signal()
	return nil
}

// signal wakes a waiter after a notification or a server request was recorded. The wake
// channel holds one token, so a record made between a waiter's look and its wait is not
// missed.
func (c *testClient) signal() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *testClient) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *testClient) notify(method string, params any) {
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

// waitNote waits for a notification (after index from) that satisfies match; it returns
// the matching note and its index.
func (c *testClient) waitNote(from int, match func(note) bool) (note, int) {
	c.t.Helper()
	patience := c.patience
	if patience == 0 {
		patience = 20 * time.Second
	}
	deadline := time.After(patience)
	for {
		c.mu.Lock()
		for i := from; i < len(c.notes); i++ {
			if match(c.notes[i]) {
				n := c.notes[i]
				c.mu.Unlock()
				return n, i
			}
		}
		c.mu.Unlock()
		select {
		case <-c.wake:
		case <-deadline:
			c.t.Fatalf("timed out waiting for a notification; got %d notifications", len(c.notes))
		}
	}
}

// waitAsked waits until the server has called every one of methods on the client: the
// server sends some requests (file-watcher registration) from their own goroutines.
func (c *testClient) waitAsked(methods ...string) {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		asked := c.asked
		c.mu.Unlock()
		missing := slices.DeleteFunc(slices.Clone(methods), func(m string) bool { return slices.Contains(asked, m) })
		if len(missing) == 0 {
			return
		}
		select {
		case <-c.wake:
		case <-deadline:
			c.t.Fatalf("the server never called %v; it called %v", missing, asked)
		}
	}
}

// settle returns once the server is quiet (scheduler.quiet) after every message sent so
// far, and the client has recorded everything the server sent before that: what the test
// saw then is all it will ever see for what it sent. A test that asserts something does
// NOT happen (no second republish, no push to a pull client) settles instead of sleeping.
func (c *testClient) settle() {
	c.t.Helper()
	// Notifications are handled in order before any later request is: once this request
	// is answered, the server has acted on every notification sent before it.
	c.roundTrip()
	select {
	case <-c.server.analyses.quiet():
	case <-time.After(20 * time.Second):
		c.t.Fatal("the server did not become quiet")
	}
	// The server wrote its notifications before it was quiet, and the client handles
	// incoming messages in order: once this answer is in, they have all been recorded.
	c.roundTrip()
}

// roundTrip sends a request that changes nothing and waits for its answer.
func (c *testClient) roundTrip() {
	c.t.Helper()
	params := map[string]any{"textDocument": map[string]any{"uri": "untitled:settle"}, "position": map[string]any{"line": 0, "character": 0}}
	if err := c.call("textDocument/hover", params, nil); err != nil {
		c.t.Fatalf("round trip: %v", err)
	}
}

func (c *testClient) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.notes)
}

// waitDiagnostics waits for a publishDiagnostics for uri (after mark from) that satisfies ok.
func (c *testClient) waitDiagnostics(from int, uri string, ok func(published) bool) published {
	c.t.Helper()
	var got published
	c.waitNote(from, func(n note) bool {
		if n.Method != "textDocument/publishDiagnostics" {
			return false
		}
		var p published
		json.Unmarshal(n.Params, &p)
		if p.URI != uri || !ok(p) {
			return false
		}
		got = p
		return true
	})
	return got
}

func (c *testClient) initialize(params map[string]any) map[string]any {
	c.t.Helper()
	var res map[string]any
	if err := c.call("initialize", params, &res); err != nil {
		c.t.Fatalf("initialize: %v", err)
	}
	c.notify("initialized", map[string]any{})
	return res
}

func (c *testClient) open(uri, text string) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "elixir", "version": 1, "text": text}})
}

func (c *testClient) change(uri string, version int, changes ...map[string]any) {
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": version}, "contentChanges": changes})
}

func rng(sl, sc, el, ec int) map[string]any {
	return map[string]any{"start": map[string]any{"line": sl, "character": sc}, "end": map[string]any{"line": el, "character": ec}}
}

// project writes files under a temp dir and returns it.
func project(t testing.TB, files map[string]string) string {
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func fileURI(dir, name string) string { return pathToURI(filepath.Join(dir, name)) }

func codes(p published) string {
	var out []string
	for _, d := range p.Diagnostics {
		out = append(out, d.Code+"@"+d.at())
	}
	return strings.Join(out, " ")
}

// forget drops the recorded notifications (long-running tests would otherwise measure the
// client's own memory); marks taken before are invalid afterwards.
func (c *testClient) forget() {
	c.mu.Lock()
	c.notes = nil
	c.mu.Unlock()
}

// hold makes the client leave the server's requests of method unanswered until release is
// called: the server's work that waits for the answer (indexing waits for its progress
// token) stays where it is while the test acts.
func (c *testClient) hold(method string) (release func()) {
	ch := make(chan struct{})
	c.mu.Lock()
	if c.held == nil {
		c.held = map[string]chan struct{}{}
	}
	c.held[method] = ch
	c.mu.Unlock()
	var once sync.Once
	release = func() { once.Do(func() { close(ch) }) }
	c.t.Cleanup(release)
	return release
}

// actionsFor asks for the code actions of diagnostic d of uri, as a client does for a
// diagnostic the user points at.
func (c *testClient) actionsFor(uri string, d wireDiagnostic) []action {
	c.t.Helper()
	var actions []action
	params := map[string]any{"textDocument": map[string]any{"uri": uri}, "range": d.Range,
		"context": map[string]any{"diagnostics": []wireDiagnostic{d}}}
	if err := c.call("textDocument/codeAction", params, &actions); err != nil {
		c.t.Fatal(err)
	}
	return actions
}
