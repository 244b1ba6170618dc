package server

import (
	"context"
	"encoding/json"
	"errors"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/analysis/workspace"
)

// document is an open text document.
type document struct {
	uri     string
	path    string // file path, or the URI for documents not on disk (untitled:)
	version int32
	// text is the open text, edited only by didChange (in order), so it needs no lock of
	// its own; entry is its current version, read by analyses under the server's mu.
	text  *workspace.Document
	entry workspace.Entry
	// result is the analysis of version resultVersion (nil before the first one).
	result        []analysis.Diagnostic
	resultVersion int32
	resultGen     uint64 // index generation the result was computed against
	hasResult     bool
	// analyzing is closed when the scheduled analysis of version analyzingVersion, which
	// is under way, has stored its result (nil when none is under way).
	analyzing        chan struct{}
	analyzingVersion int32
	// published is the highest version whose diagnostics were pushed (-1: none).
	published int32
}

// pathOf is the index key of a URI: its file path, or the URI itself when it has none.
func pathOf(u string) string {
	if p := uriToPath(u); p != "" {
		return p
	}
	return u
}

func (s *Server) didOpen(ctx context.Context, params json.RawMessage) {
	p, ok := notificationParams[protocol.DidOpenTextDocumentParams](s, "textDocument/didOpen", params)
	if !ok {
		return
	}
	if p.TextDocument.URI == "" {
		s.log.Warn("didOpen without a uri ignored")
		return
	}
	td := p.TextDocument
	uri := string(td.URI)
	if isConfigFile(uri) {
		return
	}
	d := &document{uri: uri, path: pathOf(uri), version: td.Version, published: -1}
	// The index learns the text before any analysis can see it (see workspace.Entry).
	s.sourcing.Lock()
	d.text = workspace.OpenDocument(s.ws, d.path, td.Text)
	d.entry = d.text.Entry()
	s.mu.Lock()
	if old := s.docs[uri]; old != nil {
		old.text.Close()
	}
	s.docs[uri] = d
	s.mu.Unlock()
	s.sourcing.Unlock()
	s.analyses.changed(uri)
}

// didChangeParams is protocol.DidChangeTextDocumentParams with its own contentChange.
type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []contentChange                          `json:"contentChanges"`
}

// contentChange is protocol.TextDocumentContentChangeEvent with the Range a pointer:
// a change without a range (replace everything) must not look like an edit at 0:0.
type contentChange struct {
	Range *protocol.Range `json:"range"`
	Text  string          `json:"text"`
}

func (s *Server) didChange(ctx context.Context, params json.RawMessage) {
	p, ok := notificationParams[didChangeParams](s, "textDocument/didChange", params)
	if !ok {
		return
	}
	s.mu.Lock()
	d := s.docs[string(p.TextDocument.URI)]
	s.mu.Unlock()
	if d == nil && isConfigFile(string(p.TextDocument.URI)) {
		return // not tracked: see isConfigFile
	}
	if d == nil {
		s.log.Warn("didChange for a document that is not open", zap.String("uri", string(p.TextDocument.URI)))
		return
	}
	changes := make([]source.Change, len(p.ContentChanges))
	for i, c := range p.ContentChanges {
		changes[i].Text = c.Text
		if c.Range != nil {
			changes[i].Range = &source.Range{
				Start: source.Position{Line: int(c.Range.Start.Line), Character: int(c.Range.Start.Character)},
				End:   source.Position{Line: int(c.Range.End.Line), Character: int(c.Range.End.Character)},
			}
		}
	}
	// Indexed before the text is visible to analyses (see workspace.Entry).
	entry, err := d.text.Apply(s.ws, changes)
	var outside *source.ErrOutOfRange
	if errors.As(err, &outside) {
		s.log.Warn("change outside the document, applied clamped", zap.String("uri", d.uri), zap.Error(err))
	}
	s.mu.Lock()
	d.entry, d.version = entry, p.TextDocument.Version
	s.mu.Unlock()
	s.analyses.changed(d.uri)
}

// didSave reloads the config when .otpls.exs is saved: clients that do not watch files
// (Neovim 0.7) tell of a change to it only this way. Any other buffer is already current
// through didChange.
func (s *Server) didSave(ctx context.Context, params json.RawMessage) {
	p, ok := notificationParams[protocol.DidSaveTextDocumentParams](s, "textDocument/didSave", params)
	if !ok {
		return
	}
	if cfg := s.configPath(); cfg == "" || pathOf(string(p.TextDocument.URI)) != cfg {
		return
	}
	s.reloadConfig()
	s.analyses.all()
}

func (s *Server) didClose(ctx context.Context, params json.RawMessage) {
	p, ok := notificationParams[protocol.DidCloseTextDocumentParams](s, "textDocument/didClose", params)
	if !ok {
		return
	}
	uri := string(p.TextDocument.URI)
	s.sourcing.Lock()
	s.mu.Lock()
	d := s.docs[uri]
	delete(s.docs, uri)
	scope := s.scope
	s.mu.Unlock()
	if d == nil {
		s.sourcing.Unlock()
		return
	}
	d.text.Close()
	// The index goes back to what is on disk (or forgets an unsaved buffer).
	if text, ok := readFile(d.path); ok {
		workspace.Enter(s.ws, d.path, text)
	} else {
		s.ws.Remove(d.path)
	}
	s.sourcing.Unlock()
	if scope != "workspace" {
		s.publish(d.uri, nil, nil)
	}
	s.analyses.others("")
}
