package server

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// currentResult returns the diagnostics of the document's current version against the
// current index, analysing again if the last analysis is older than either. When the
// scheduled analysis of the current version is under way (a code action sent right after
// an edit or an open), its result is taken instead, against the index it started with:
// the diagnostics the client is about to get, with no second analysis of the same text.
func (s *Server) currentResult(d *document) ([]analysis.Diagnostic, int32, *source.File) {
	gen := s.ws.Snapshot().Generation
	s.mu.Lock()
	if d.hasResult && d.resultVersion == d.version && d.resultGen == gen {
		diags, version, file := d.result, d.version, d.entry.File
		s.mu.Unlock()
		return diags, version, file
	}
	if running := d.analyzing; running != nil && d.analyzingVersion == d.version {
		s.mu.Unlock()
		<-running
		s.mu.Lock()
		if d.hasResult && d.resultVersion == d.version {
			diags, version, file := d.result, d.version, d.entry.File
			s.mu.Unlock()
			return diags, version, file
		}
	}
	s.mu.Unlock()
	return s.analyze(d)
}

func (s *Server) codeAction(ctx context.Context, params json.RawMessage) (any, error) {
	p, err := decodeParams[protocol.CodeActionParams](params)
	if err != nil {
		return nil, err
	}
	// Answered at once, from the index as it is: while the workspace is being indexed, a
	// fix that needs only this document is right already, and one that needs other files
	// is offered from those read so far (the diagnostics it fixes were found against the
	// same partial index). Waiting for the index stalled every code action for the whole
	// indexing of a large workspace (seconds).
	s.mu.Lock()
	d := s.docs[string(p.TextDocument.URI)]
	s.mu.Unlock()
	actions := []protocol.CodeAction{}
	if d == nil {
		return actions, nil
	}
	diags, version, file := s.currentResult(d)
	s.mu.Lock()
	edited := file.Text != d.entry.File.Text
	s.mu.Unlock()
	if edited {
		return actions, nil // edited while we analysed: the client will ask again
	}
	wanted := func(kind protocol.CodeActionKind) bool {
		if len(p.Context.Only) == 0 {
			return kind == protocol.QuickFix || strings.HasPrefix(string(kind), string(protocol.QuickFix)+".")
		}
		for _, only := range p.Context.Only {
			if kind == only || strings.HasPrefix(string(kind), string(only)+".") {
				return true
			}
		}
		return false
	}
	if wanted(protocol.QuickFix) {
		for _, target := range s.targets(p, diags, version, file) {
			preferred := false
			for _, fx := range target.diag.Fixes {
				// A rewrite marked Verify is offered only if the file still parses after
				// it: checked here, for the diagnostics asked about, not on every analysis.
				if !codeactions.Usable(file, fx) {
					continue
				}
				// Only a safe fix may be preferred: editors apply a preferred fix on a
				// single keystroke, and an unsafe one changes behaviour.
				prefer := fx.Safe && !preferred
				preferred = preferred || prefer
				actions = append(actions, protocol.CodeAction{
					Title:       fx.Label(),
					Kind:        protocol.QuickFix,
					Diagnostics: []protocol.Diagnostic{target.wire},
					IsPreferred: prefer,
					Edit:        s.workspaceEdit(fx.Edits),
				})
			}
			if target.diag.Code != analysis.UnusedSuppressionCode && target.diag.Code != analysis.InternalErrorCode {
				sup := analysis.SuppressionFix(file, target.diag)
				actions = append(actions, protocol.CodeAction{
					Title: sup.Title, Kind: suppressKind,
					Diagnostics: []protocol.Diagnostic{target.wire},
					Edit:        s.workspaceEdit(sup.Edits),
				})
			}
		}
	}
	if wanted(sourceFixAll) {
		var edits []analysis.Edit
		usable := func(_ analysis.Diagnostic, fx analysis.Fix) bool { return codeactions.Usable(file, fx) }
		for _, fx := range codeactions.SelectFixes(diags, codeactions.Policy{}, usable) {
			edits = append(edits, fx.Edits...)
		}
		if len(edits) > 0 {
			actions = append(actions, protocol.CodeAction{
				Title: "Fix all safe otpls problems",
				Kind:  sourceFixAll,
				Edit:  s.workspaceEdit(edits),
			})
		}
	}
	return actions, nil
}

// suppressKind is a sub-kind of quickfix: listed with the quick fixes, but a client that
// runs "the" quickfix of a diagnostic (eglot) picks the real fix, not the suppression.
const suppressKind protocol.CodeActionKind = "quickfix.suppress"

type actionTarget struct {
	diag analysis.Diagnostic
	wire protocol.Diagnostic
}

// targets finds our diagnostics the request is about: those the client sent back (when
// their data says they belong to the current version; stale ones get nothing), else ours
// that overlap the requested range.
func (s *Server) targets(p protocol.CodeActionParams, diags []analysis.Diagnostic, version int32, file *source.File) []actionTarget {
	var out []actionTarget
	if len(p.Context.Diagnostics) > 0 {
		for _, wire := range p.Context.Diagnostics {
			if wire.Source != "otpls" {
				continue
			}
			raw, _ := json.Marshal(wire.Data)
			var data diagnosticData
			if json.Unmarshal(raw, &data) != nil || data.Code == "" {
				// Some clients (eglot 1.9) send diagnostics back without their data: match
				// them by code and range against the current version instead.
				code, _ := wire.Code.(string)
				for i, d := range diags {
					if d.Code == code && toRange(d.Range) == wire.Range {
						out = append(out, actionTarget{diag: d, wire: toProtocol(string(p.TextDocument.URI), file, version, diags[i:i+1])[0]})
						break
					}
				}
				continue
			}
			if data.Version != version {
				s.log.Info("code action for diagnostics of an older version refused", zap.Int32("diagnostic version", data.Version), zap.Int32("document version", version))
				continue
			}
			for _, d := range diags {
				if d.Code == data.Code && d.Start == data.Start && d.End == data.End {
					out = append(out, actionTarget{diag: d, wire: wire})
					break
				}
			}
		}
		return out
	}
	start, _ := file.Lines.Offset(source.Position{Line: int(p.Range.Start.Line), Character: int(p.Range.Start.Character)})
	end, _ := file.Lines.Offset(source.Position{Line: int(p.Range.End.Line), Character: int(p.Range.End.Character)})
	wires := toProtocol(string(p.TextDocument.URI), file, version, diags)
	for i, d := range diags {
		if d.Start <= end && start <= d.End {
			out = append(out, actionTarget{diag: d, wire: wires[i]})
		}
	}
	return out
}

// workspaceEdit converts byte-offset edits (possibly in several files) into one LSP
// WorkspaceEdit, versioned documentChanges when the client supports them.
func (s *Server) workspaceEdit(edits []analysis.Edit) *protocol.WorkspaceEdit {
	byPath := map[string][]analysis.Edit{}
	for _, e := range edits {
		byPath[e.Path] = append(byPath[e.Path], e)
	}
	paths := make([]string, 0, len(byPath))
	for p := range byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	s.mu.Lock()
	docChanges := s.caps.Workspace.WorkspaceEdit.DocumentChanges
	open := map[string]*document{}
	for _, d := range s.docs {
		open[d.path] = d
	}
	s.mu.Unlock()
	we := &protocol.WorkspaceEdit{}
	for _, path := range paths {
		var text, uri string
		var version *int32
		if d := open[path]; d != nil {
			s.mu.Lock()
			text, uri = d.entry.File.Text, d.uri
			v := d.version
			version = &v
			s.mu.Unlock()
		} else {
			t, ok := readFile(path)
			if !ok {
				s.log.Warn("fix edits a file that cannot be read", zap.String("path", path))
				return nil
			}
			text, uri = t, relatedURI(path)
		}
		lines := source.NewLineIndex(text)
		var tes []protocol.TextEdit
		for _, e := range byPath[path] {
			tes = append(tes, protocol.TextEdit{Range: toRange(lines.Range(e.Start, e.End)), NewText: e.NewText})
		}
		if docChanges {
			we.DocumentChanges = append(we.DocumentChanges, protocol.TextDocumentEdit{
				TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{
					TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: protocol.DocumentURI(uri)},
					Version:                version,
				},
				Edits: tes,
			})
		} else {
			if we.Changes == nil {
				we.Changes = map[protocol.DocumentURI][]protocol.TextEdit{}
			}
			we.Changes[protocol.DocumentURI(uri)] = tes
		}
	}
	return we
}
