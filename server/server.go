// Package server is the otpls language server: LSP over a byte stream (stdio in
// production, a pipe in tests). One file per LSP feature; this one holds the lifecycle,
// the request dispatch and the shared state.
package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/processes"
	"github.com/otpls/otpls/analysis/supervision"
	"github.com/otpls/otpls/server/gcpace"
)

// Options configure a server.
type Options struct {
	// Analyzers are the rules the server runs, checks the config against and explains on
	// hover (cmd/otpls passes analysis/rules/all's list); there must be at least one.
	Analyzers []*analysis.Analyzer
	Version   string
	LogFile   string // "" logs to stderr (Stderr)
	LogLevel  string // debug, info, warn, error
	Stderr    io.Writer
	// Logger, when set, is used instead of building one from LogFile/LogLevel (tests).
	Logger *zap.Logger
}

// Run serves LSP on in/out until the client sends exit or the stream ends, and returns the
// process exit code: 0 after shutdown then exit, 1 otherwise.
func Run(ctx context.Context, in io.Reader, out io.Writer, opts Options) int {
	if len(opts.Analyzers) == 0 {
		// Without rules the server would answer every file with silence, which looks
		// like a clean project.
		fmt.Fprintln(opts.Stderr, "otpls: the language server was given no rules to run")
		return 1
	}
	log, closeLog, err := newLogger(opts)
	if err != nil {
		fmt.Fprintf(opts.Stderr, "otpls: %v\n", err)
		return 1
	}
	defer closeLog()
	defer gcpace.Start(gcpace.Interactive)()
	var closer io.Closer
	if c, ok := in.(io.Closer); ok {
		closer = c
	}
	s := newServer(opts.Version, log, opts.Analyzers)
	return s.serve(ctx, newStream(in, out, closer))
}

func newLogger(opts Options) (*zap.Logger, func(), error) {
	if opts.Logger != nil {
		return opts.Logger, func() {}, nil
	}
	level := zapcore.InfoLevel
	if opts.LogLevel != "" {
		if err := level.UnmarshalText([]byte(opts.LogLevel)); err != nil {
			return nil, nil, fmt.Errorf("invalid --log-level %q", opts.LogLevel)
		}
	}
	cfg := zap.NewProductionConfig()
	cfg.Level = zap.NewAtomicLevelAt(level)
	cfg.Encoding = "console"
	cfg.EncoderConfig.EncodeTime = zapcore.ISO8601TimeEncoder
	cfg.OutputPaths = []string{"stderr"} // never stdout: it is the protocol stream
	cfg.ErrorOutputPaths = []string{"stderr"}
	if opts.LogFile != "" {
		cfg.OutputPaths = []string{opts.LogFile}
	}
	log, err := cfg.Build()
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open log: %w", err)
	}
	return log, func() { log.Sync() }, nil
}

type lifecycle int

const (
	uninitialized lifecycle = iota
	initialized
	shuttingDown
)

// Server holds the state of one client session.
type Server struct {
	version string
	log     *zap.Logger
	conn    jsonrpc2.Conn
	// analyzers are the rules this server runs (Options.Analyzers), never changed.
	analyzers []*analysis.Analyzer

	mu         sync.Mutex
	state      lifecycle
	caps       clientCaps
	roots      []string
	fileConfig *config.Config
	configErrs []config.Problem
	settings   map[string]any
	cfg        *config.Config
	delay      time.Duration
	scope      string
	codeLenses bool // the codeLens setting
	// indexing is set once initialized has started indexing the workspace: a later change
	// of max_file_size indexes it again (see applyFileSizeLimit), an earlier one need not.
	indexing  bool
	docs      map[string]*document // by URI
	seqs      uint64               // the texts of open documents so far (document.seq)
	ws        *index.Workspace
	inflight  map[jsonrpc2.ID]context.CancelFunc
	exitCode  chan int
	analyses  *scheduler
	published map[string]string // URI -> fingerprint of the diagnostics last pushed
	// sourcing is held while a file's index entry is chosen (buffer or disk), read and
	// stored, so that entries land in the order their text was read: without it, the
	// background indexing could store a file's old disk text after a watched-file change
	// or a didOpen stored newer text, and the index would keep the stale entry.
	sourcing sync.Mutex
	// configMu orders the reloads of .otpls.exs with the publishing of its problems, so
	// that what the client last sees is the problems of the last file read.
	configMu sync.Mutex
	// configShown is the OTP091 list last pushed for .otpls.exs ("" when none is shown):
	// a reload that finds the same problems pushes nothing, one that finds none clears.
	configShown string
	// baseline is the baseline file the settings name (see baselineState).
	baseline baselineState
}

func newServer(version string, log *zap.Logger, analyzers []*analysis.Analyzer) *Server {
	s := &Server{
		version:    version,
		log:        log,
		analyzers:  analyzers,
		fileConfig: config.Default(),
		cfg:        config.Default(),
		delay:      50 * time.Millisecond,
		scope:      "openFiles",
		codeLenses: true,
		docs:       map[string]*document{},
		ws:         index.NewWorkspace(workspaceFacts(analyzers)...),
		inflight:   map[jsonrpc2.ID]context.CancelFunc{},
		exitCode:   make(chan int, 1),
		published:  map[string]string{},
	}
	s.analyses = newScheduler(s)
	return s
}

// workspaceFacts are the facts the server's index computes: the rules' and those the
// navigation between sends and handlers (analysis/processes) and the supervision tree
// (analysis/supervision) read.
func workspaceFacts(analyzers []*analysis.Analyzer) []*index.FactKind {
	out := analysis.FactKinds(analyzers)
	for _, k := range slices.Concat(processes.Facts(), supervision.Facts()) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func (s *Server) serve(ctx context.Context, st jsonrpc2.Stream) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if own, ok := st.(*stream); ok {
		own.log = s.log // what the stream skips or refuses goes to the server's log
	}
	s.conn = jsonrpc2.NewConn(st)
	s.conn.Go(ctx, s.handle)
	select {
	case code := <-s.exitCode:
		s.analyses.stop()
		s.conn.Close()
		return code
	case <-s.conn.Done():
		s.analyses.stop()
		select {
		case code := <-s.exitCode: // exit arrived just before the stream ended
			return code
		default:
		}
		s.log.Info("connection closed without exit", zap.Error(s.conn.Err()))
		return 1
	}
}

// handle is called by the connection for every incoming request and notification, in
// order. Notifications run inline (text sync must be applied in order); requests run on
// their own goroutine so that $/cancelRequest can reach them.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	method := req.Method()
	call, isCall := req.(*jsonrpc2.Call)
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case method == "exit":
		code := 1
		if state == shuttingDown {
			code = 0
		}
		s.exitCode <- code
		return nil
	case state == uninitialized && method != "initialize":
		if isCall {
			return reply(ctx, nil, errNotInitialized)
		}
		return nil
	case state == shuttingDown && isCall:
		return reply(ctx, nil, errShutDown)
	}
	if !isCall {
		s.safely(method, func() { s.notification(ctx, method, req.Params()) })
		return nil
	}
	rctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.inflight[call.ID()] = cancel
	s.mu.Unlock()
	run := func() {
		defer cancel()
		start := time.Now()
		var result any
		var err error
		if s.safely(method, func() { result, err = s.request(rctx, method, req.Params()) }) {
			result, err = nil, jsonrpc2.NewError(jsonrpc2.InternalError, "internal error while handling "+method+"; see the otpls log")
		}
		if rctx.Err() != nil && ctx.Err() == nil {
			result, err = nil, errCancelled
		}
		s.log.Debug("request", zap.String("method", method), zap.Duration("duration", time.Since(start)), zap.Error(err))
		s.mu.Lock()
		delete(s.inflight, call.ID()) // before the answer: once answered, nothing is kept
		s.mu.Unlock()
		if err := reply(ctx, result, err); err != nil {
			s.log.Warn("reply failed", zap.String("method", method), zap.Error(err))
		}
	}
	if method == "initialize" || method == "shutdown" {
		run() // lifecycle requests are ordered with everything else
		return nil
	}
	go run()
	return nil
}

// safely runs fn, turning a panic into a log line: one bad handler never takes the
// server down. It reports whether fn panicked.
func (s *Server) safely(method string, fn func()) (panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic in handler", zap.String("method", method), zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
			panicked = true
		}
	}()
	fn()
	return false
}

// testHook, when set by tests, runs at the start of every request (to make one slow or
// make it panic). Always nil in production.
var testHook func(method string)

// request answers one request.
func (s *Server) request(ctx context.Context, method string, params json.RawMessage) (any, error) {
	if testHook != nil {
		testHook(method)
	}
	switch method {
	case "initialize":
		return s.initialize(ctx, params)
	case "shutdown":
		s.mu.Lock()
		s.state = shuttingDown
		s.mu.Unlock()
		return nil, nil
	case "textDocument/codeAction":
		return s.codeAction(ctx, params)
	case "textDocument/hover":
		return s.hover(ctx, params)
	case "textDocument/diagnostic":
		return s.pullDiagnostics(ctx, params)
	case "textDocument/implementation":
		return s.implementation(ctx, params)
	case "textDocument/references":
		return s.references(ctx, params)
	case "textDocument/codeLens":
		return s.codeLens(ctx, params)
	case "codeLens/resolve":
		return s.codeLensResolve(ctx, params)
	case "otpls/supervisionTree":
		return s.supervisionTree(ctx, params)
	}
	return nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, "method not found: "+method)
}

// notification handles one notification; unknown ones are ignored, as LSP asks.
func (s *Server) notification(ctx context.Context, method string, params json.RawMessage) {
	switch method {
	case "initialized":
		s.initialized(ctx)
	case "textDocument/didOpen":
		s.didOpen(ctx, params)
	case "textDocument/didChange":
		s.didChange(ctx, params)
	case "textDocument/didSave":
		s.didSave(ctx, params)
	case "textDocument/didClose":
		s.didClose(ctx, params)
	case "workspace/didChangeConfiguration":
		s.didChangeConfiguration(ctx, params)
	case "workspace/didChangeWatchedFiles":
		s.didChangeWatchedFiles(ctx, params)
	case "$/cancelRequest":
		s.cancelRequest(params)
	}
}

// cancelParams is protocol.CancelParams with the id kept raw: jsonrpc2.ID decodes it
// as the number or string it is (protocol's interface{} would make a number a float64).
type cancelParams struct {
	ID json.RawMessage `json:"id"`
}

// cancelRequest cancels an in-flight request; ids may be numbers or strings (the
// library's own CancelHandler ignores numeric ids).
func (s *Server) cancelRequest(params json.RawMessage) {
	p, ok := notificationParams[cancelParams](s, "$/cancelRequest", params)
	if !ok {
		return
	}
	var id jsonrpc2.ID
	if err := decodeID(p.ID, &id); err != nil {
		return
	}
	s.mu.Lock()
	cancel := s.inflight[id]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}
