package server

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// scheduler debounces analyses per document: each edit restarts the document's timer, so
// a burst of keystrokes is analysed once, for its last version.
type scheduler struct {
	s       *Server
	mu      sync.Mutex
	timers  map[string]*time.Timer
	stopped bool
	// pending counts the analyses scheduled or running and the background work (indexing,
	// fetching settings) that schedules more; waiters in quietWaiters are released when it
	// drops to zero: from then on nothing is published until the client sends something.
	pending      int
	quietWaiters []chan struct{}
}

func newScheduler(s *Server) *scheduler { return &scheduler{s: s, timers: map[string]*time.Timer{}} }

func (q *scheduler) schedule(uri string, delay time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.stopped {
		return
	}
	if t := q.timers[uri]; t != nil && t.Stop() {
		q.pending-- // it will not run; a timer that already fired finishes by itself
	}
	q.pending++
	var t *time.Timer
	t = time.AfterFunc(delay, func() {
		defer q.finished()
		q.mu.Lock()
		if q.timers[uri] == t {
			delete(q.timers, uri) // only pending timers are kept: URIs come and go
		}
		q.mu.Unlock()
		q.s.safely("analysis", func() { q.s.analyzeAndPublish(uri) })
	})
	q.timers[uri] = t
}

// hold counts background work that may schedule analyses as pending until it calls
// finished.
func (q *scheduler) hold() {
	q.mu.Lock()
	q.pending++
	q.mu.Unlock()
}

// finished ends one pending analysis or held piece of work.
func (q *scheduler) finished() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending--
	q.wakeIfQuiet()
}

func (q *scheduler) wakeIfQuiet() {
	if q.pending > 0 {
		return
	}
	for _, w := range q.quietWaiters {
		close(w)
	}
	q.quietWaiters = nil
}

// quiet returns a channel closed once no analysis is scheduled or running and no
// background work is under way: everything the messages received so far cause has been
// published. Tests wait on it instead of sleeping through the debounce delays.
func (q *scheduler) quiet() <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	w := make(chan struct{})
	q.quietWaiters = append(q.quietWaiters, w)
	q.wakeIfQuiet()
	return w
}

// crossFileDelay is how much later than the edited document the other open documents are
// re-analysed after an edit. While the user types, their timers keep being pushed back, so
// they are analysed once per pause instead of once per keystroke, and never compete with
// the edited document's own analysis for the processor.
const crossFileDelay = 250 * time.Millisecond

// changed schedules the edited document, then the other open documents, whose
// cross-file diagnostics may have changed with the index.
func (q *scheduler) changed(uri string) {
	delay := q.s.currentDelay()
	q.schedule(uri, delay)
	q.othersAfter(uri, delay+crossFileDelay)
}

// others re-analyses every open document but except (and, in workspace scope, every
// indexed file); they are republished only if their diagnostics changed.
func (q *scheduler) others(except string) { q.othersAfter(except, q.s.currentDelay()) }

func (q *scheduler) othersAfter(except string, delay time.Duration) {
	s := q.s
	s.mu.Lock()
	var uris []string
	for u := range s.docs {
		if u != except {
			uris = append(uris, u)
		}
	}
	scope := s.scope
	s.mu.Unlock()
	for _, u := range uris {
		q.schedule(u, delay)
	}
	if scope == "workspace" {
		q.schedule(workspaceKey, delay)
	}
}

// all re-analyses everything (after a configuration change).
func (q *scheduler) all() { q.others("") }

func (q *scheduler) stop() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.stopped = true
	for _, t := range q.timers {
		if t.Stop() {
			q.pending--
		}
	}
	q.wakeIfQuiet()
}

// workspaceKey schedules the analysis of every closed indexed file (diagnosticsScope workspace).
const workspaceKey = "\x00workspace"

func (s *Server) currentDelay() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.delay
}

func (s *Server) analyzeAndPublish(uri string) {
	if uri == workspaceKey {
		s.publishWorkspace()
		return
	}
	s.mu.Lock()
	d := s.docs[uri]
	pull := s.caps.TextDocument.Diagnostic != nil
	s.mu.Unlock()
	if d == nil {
		return
	}
	r, _ := s.result(context.Background(), d) // never cancelled: it publishes
	s.mu.Lock()
	current := s.docs[uri] == d && d.seq == r.seq
	s.mu.Unlock()
	if !current {
		return // a newer edit is already scheduled: its analysis will publish
	}
	if pull {
		s.refreshPull()
		return
	}
	s.publish(uri, &r.version, &r, toProtocol(uri, r.file, r.version, s.withBaseline(d.path, r.file.Text, r.summary, r.diags)))
}

// publish pushes diagnostics unless the same list was already pushed for this version.
// of is the open document's analysis they come from (nil for a closed file, whose
// diagnostics carry no version). Analyses of one document finish in any order, so an
// older one's diagnostics are dropped: those of an older text than the last pushed, of
// the same text against an older index, or under a config replaced since (its
// replacement re-analyses every document), and those of a document closed since.
// Pushed late, they would stand, and the newer list, if it is the same as one pushed
// before them, would not be pushed again.
func (s *Server) publish(uri string, version *int32, of *analysisResult, diags []protocol.Diagnostic) {
	if diags == nil {
		diags = []protocol.Diagnostic{} // an empty array clears; null would not
	}
	data, _ := json.Marshal(publishDiagnosticsParams{URI: protocol.DocumentURI(uri), Version: version, Diagnostics: diags})
	sum := fmt.Sprintf("%x", sha256.Sum256(data))
	s.mu.Lock()
	if of != nil {
		d := s.docs[uri]
		if d == nil || of.seq < d.publishedSeq || of.seq == d.publishedSeq && of.gen < d.publishedGen || of.cfg != s.cfg {
			s.mu.Unlock()
			return
		}
		d.publishedSeq, d.publishedGen = of.seq, of.gen
	}
	if s.published[uri] == sum {
		s.mu.Unlock()
		return
	}
	s.published[uri] = sum
	if version == nil {
		delete(s.published, uri)
	}
	s.mu.Unlock()
	if err := s.conn.Notify(context.Background(), "textDocument/publishDiagnostics", json.RawMessage(data)); err != nil {
		s.log.Warn("publishDiagnostics failed", zap.Error(err))
	}
}

// publishDiagnosticsParams is protocol.PublishDiagnosticsParams with the version a
// pointer: a closed file's diagnostics carry no version, which protocol's uint32 with
// omitempty cannot tell from version 0.
type publishDiagnosticsParams struct {
	URI         protocol.DocumentURI  `json:"uri"`
	Version     *int32                `json:"version,omitempty"`
	Diagnostics []protocol.Diagnostic `json:"diagnostics"`
}

// refreshPull asks a pull-mode client to pull again (when it supports refresh).
func (s *Server) refreshPull() {
	s.mu.Lock()
	refresh := s.caps.Workspace.Diagnostics != nil && s.caps.Workspace.Diagnostics.RefreshSupport
	s.mu.Unlock()
	if refresh {
		go s.conn.Call(context.Background(), "workspace/diagnostic/refresh", nil, nil)
	}
}

// pullDiagnostics answers textDocument/diagnostic with a full report.
func (s *Server) pullDiagnostics(ctx context.Context, params json.RawMessage) (any, error) {
	p, err := decodeParams[documentDiagnosticParams](params)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	d := s.docs[string(p.TextDocument.URI)]
	s.mu.Unlock()
	if d == nil {
		return fullDiagnosticReport{Kind: "full", Items: []protocol.Diagnostic{}}, nil
	}
	r, err := s.result(ctx, d)
	if err != nil {
		return nil, err
	}
	return fullDiagnosticReport{Kind: "full", Items: toProtocol(d.uri, r.file, r.version, s.withBaseline(d.path, r.file.Text, r.summary, r.diags))}, nil
}

// documentDiagnosticParams and fullDiagnosticReport are LSP 3.17's pull diagnostics,
// which protocol v0.12.0 lacks (the fields otpls reads and writes).
type documentDiagnosticParams struct {
	TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
}

type fullDiagnosticReport struct {
	Kind  string                `json:"kind"`
	Items []protocol.Diagnostic `json:"items"`
}

// publishWorkspace publishes diagnostics for every indexed file that is not open.
func (s *Server) publishWorkspace() {
	snap := s.ws.Snapshot()
	s.mu.Lock()
	open := map[string]bool{}
	for _, d := range s.docs {
		open[d.path] = true
	}
	cfg := s.cfg
	s.mu.Unlock()
	for _, path := range snap.Paths() {
		if open[path] {
			continue
		}
		e, ok := s.entryFromDisk(path)
		if !ok {
			continue
		}
		diags := e.Analyze(snap, workspace.RunOptions{Config: cfg, Analyzers: s.analyzers})
		uri := pathToURI(path)
		s.publish(uri, nil, nil, toProtocol(uri, e.File, -1, s.withBaseline(path, e.File.Text, e.Summary, diags)))
	}
}

// diagnosticData travels with each diagnostic so that a later code action request can
// find its fixes again, and tell when the document has moved on since.
type diagnosticData struct {
	URI     string `json:"uri"`
	Version int32  `json:"version"`
	Code    string `json:"code"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

func toRange(r source.Range) protocol.Range {
	return protocol.Range{
		Start: protocol.Position{Line: uint32(r.Start.Line), Character: uint32(r.Start.Character)},
		End:   protocol.Position{Line: uint32(r.End.Line), Character: uint32(r.End.Character)},
	}
}

func toProtocol(uri string, f *source.File, version int32, diags []analysis.Diagnostic) []protocol.Diagnostic {
	out := make([]protocol.Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := protocol.Diagnostic{
			Range:    toRange(d.Range),
			Severity: protocol.DiagnosticSeverity(d.Severity),
			Code:     d.Code,
			Source:   "otpls",
			Message:  d.Message,
			Data:     diagnosticData{URI: uri, Version: version, Code: d.Code, Start: d.Start, End: d.End},
		}
		for _, t := range d.Tags {
			pd.Tags = append(pd.Tags, protocol.DiagnosticTag(t))
		}
		for _, r := range d.Related {
			pd.RelatedInformation = append(pd.RelatedInformation, protocol.DiagnosticRelatedInformation{
				Location: protocol.Location{URI: protocol.DocumentURI(relatedURI(r.Loc.Path)), Range: toRange(r.Loc.Range())},
				Message:  r.Message,
			})
		}
		out = append(out, pd)
	}
	return out
}

// relatedURI turns an index path back into a URI (paths of untitled buffers are URIs).
func relatedURI(path string) string {
	if len(path) > 0 && path[0] == '/' {
		return pathToURI(path)
	}
	return path
}
