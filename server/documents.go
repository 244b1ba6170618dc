package server

import (
	"context"
	"encoding/json"
	"errors"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// document is an open text document.
type document struct {
	uri     string
	path    string // file path, or the URI for documents not on disk (untitled:)
	version int32
	doc     *source.Document
	file    *source.File
	summary *index.FileSummary
	cache   *index.FormCache
	// result is the analysis of version resultVersion (nil before the first one).
	result        []analysis.Diagnostic
	resultVersion int32
	resultGen     uint64 // index generation the result was computed against
	hasResult     bool
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
	if !ok || p.TextDocument.URI == "" {
		s.log.Warn("malformed didOpen")
		return
	}
	td := p.TextDocument
	uri := string(td.URI)
	d := &document{uri: uri, path: pathOf(uri), version: td.Version, cache: &index.FormCache{}, published: -1}
	d.doc = source.Open(d.path, td.Text)
	d.file = d.doc.File()
	d.summary = index.Summarize(d.file, d.cache)
	// The index learns the text before any analysis can see it: an analysis must never
	// pair this file with an index snapshot older than it (cross-file facts, like OTP008's
	// call sites, carry positions in this text).
	s.sourcing.Lock()
	s.ws.Update(d.summary)
	s.mu.Lock()
	if old := s.docs[uri]; old != nil {
		old.doc.Close()
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
	// The document is only edited here, in order, so it needs no lock of its own; the
	// File values it produces are immutable and shared with analyses freely.
	err := d.doc.Apply(changes)
	var outside *source.ErrOutOfRange
	if errors.As(err, &outside) {
		s.log.Warn("change outside the document, applied clamped", zap.String("uri", d.uri), zap.Error(err))
	}
	file := d.doc.File()
	summary := index.Summarize(file, d.cache)
	s.ws.Update(summary) // before the text is visible to analyses (see didOpen)
	s.mu.Lock()
	d.file, d.summary, d.version = file, summary, p.TextDocument.Version
	s.mu.Unlock()
	s.analyses.changed(d.uri)
}

func (s *Server) didSave(ctx context.Context, params json.RawMessage) {
	// The buffer is already current through didChange; saving changes nothing we track.
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
	d.doc.Close()
	// The index goes back to what is on disk (or forgets an unsaved buffer).
	if text, ok := readFile(d.path); ok {
		s.ws.Update(index.Summarize(source.Parse(d.path, text), nil))
	} else {
		s.ws.Remove(d.path)
	}
	s.sourcing.Unlock()
	if scope != "workspace" {
		s.publish(d.uri, nil, nil)
	}
	s.analyses.others("")
}
