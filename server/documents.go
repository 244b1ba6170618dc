package server

import (
	"context"
	"encoding/json"
	"errors"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

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
	// seq numbers the document's current text in the server's own order (Server.seqs,
	// counting every didOpen and didChange): the client's version numbers only label the
	// texts. LSP says they increase, but a client that resets a document may start again
	// lower, and the text it sends then is the current one all the same; and a document
	// closed and opened again starts its versions again.
	seq uint64
	// result is the latest analysis kept (see Server.result), if hasResult.
	result    analysisResult
	hasResult bool
	// flight is the analysis running for the current text, if any (see Server.result).
	flight *flight
	// publishedSeq is the latest text whose diagnostics were pushed (at first, the text it
	// was opened with), publishedGen the index generation they were found against: those
	// of an older text, of an earlier opening, or of an older index are dropped.
	publishedSeq, publishedGen uint64
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
	d := &document{uri: uri, path: pathOf(uri), version: td.Version}
	// The index learns the text before any analysis can see it (see workspace.Entry).
	s.sourcing.Lock()
	lean := leanFor(len(td.Text))
	d.text = workspace.OpenDocument(s.ws, d.path, td.Text, s.fileSizeLimit())
	lean()
	d.entry = d.text.Entry()
	s.mu.Lock()
	if old := s.docs[uri]; old != nil {
		old.text.Close()
	}
	s.seqs++
	d.seq, d.publishedSeq = s.seqs, s.seqs
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
	lean := leanFor(len(d.text.Entry().File.Text))
	entry, err := d.text.Apply(s.ws, changes)
	lean()
	var outside *source.ErrOutOfRange
	if errors.As(err, &outside) {
		s.log.Warn("change outside the document, applied clamped", zap.String("uri", d.uri), zap.Error(err))
	}
	s.mu.Lock()
	if p.TextDocument.Version < d.version {
		// Taken as a reset of the document (see document.seq): its text is analysed and
		// published under the new version like any other edit.
		s.log.Info("document version went backwards; the new text is current", zap.String("uri", d.uri),
			zap.Int32("from", d.version), zap.Int32("to", p.TextDocument.Version))
	}
	d.entry, d.version = entry, p.TextDocument.Version
	s.seqs++
	d.seq = s.seqs
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
	s.enterFromDisk(d.path)
	s.sourcing.Unlock()
	if scope != "workspace" {
		s.publish(d.uri, nil, nil, nil)
	}
	s.analyses.others("")
}
