package server

import (
	"context"
	"encoding/json"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/processes"
	"github.com/otpls/otpls/analysis/source"
)

// Navigation between the sends to a GenServer and the clauses that take them
// (docs/navigation.md). Every answer is read from the index snapshot of the moment, which
// holds the open documents' current text and the closed files' summaries: no request
// waits for an analysis, and a file the index does not hold gets an empty answer.

// showReferencesCommand is the command of a handler clause's code lens. The server does not
// run it (it is not in executeCommandProvider): each editor's client shows the locations
// its own way.
const showReferencesCommand = "otpls.showReferences"

// implementation answers at a send site with the handler clauses that can take its
// message: [] when the cursor is on no send, or the target or the server is unknown.
func (s *Server) implementation(ctx context.Context, params json.RawMessage) (any, error) {
	p, err := decodeParams[protocol.ImplementationParams](params)
	if err != nil {
		return nil, err
	}
	snap := s.ws.Snapshot()
	site, ok := processes.SiteAt(snap, pathOf(string(p.TextDocument.URI)), fromPosition(p.Position))
	if !ok {
		return []protocol.Location{}, nil
	}
	return toLocations(processes.HandlersOf(snap, site)), nil
}

// references answers on a handler clause head with the sites that send a message it can
// match (the sends, and the calls of the API functions that make one), after the clause
// head itself when the client asks for the declaration.
func (s *Server) references(ctx context.Context, params json.RawMessage) (any, error) {
	p, err := decodeParams[protocol.ReferenceParams](params)
	if err != nil {
		return nil, err
	}
	snap := s.ws.Snapshot()
	c, ok := processes.ClauseAt(snap, pathOf(string(p.TextDocument.URI)), fromPosition(p.Position))
	if !ok {
		return []protocol.Location{}, nil
	}
	var locs []index.Loc
	if p.Context.IncludeDeclaration {
		locs = append(locs, index.Loc{Path: c.Path, Span: c.Head.At})
	}
	return toLocations(append(locs, senderLocs(snap, c)...)), nil
}

func senderLocs(snap *index.Snapshot, c processes.Clause) []index.Loc {
	sites := processes.Senders(snap, c)
	out := make([]index.Loc, len(sites))
	for i, site := range sites {
		out[i] = site.Loc
	}
	return out
}

// lensData travels with an unresolved code lens to codeLens/resolve: the clause's head,
// and the document's version then (-1 when it was not open), so that a lens of a text
// that has changed since is refused instead of resolved against another clause.
type lensData struct {
	URI      string            `json:"uri"`
	Position protocol.Position `json:"position"`
	Version  int32             `json:"version"`
}

// codeLens puts an unresolved lens on each handler clause of the document: a range and
// data, read from the document's own facts, so a big module's lenses cost nothing until
// an editor resolves the ones it shows.
func (s *Server) codeLens(ctx context.Context, params json.RawMessage) (any, error) {
	p, err := decodeParams[protocol.CodeLensParams](params)
	if err != nil {
		return nil, err
	}
	uri := string(p.TextDocument.URI)
	s.mu.Lock()
	on, version := s.codeLenses, s.versionOf(uri)
	s.mu.Unlock()
	lenses := []protocol.CodeLens{}
	if !on {
		return lenses, nil
	}
	for _, c := range processes.ClausesIn(s.ws.Snapshot(), pathOf(uri)) {
		start := toRange(c.Head.At.Range()).Start
		lenses = append(lenses, protocol.CodeLens{
			Range: protocol.Range{Start: start, End: lensEnd(c.Head.At.Range())},
			Data:  lensData{URI: uri, Position: start, Version: version},
		})
	}
	return lenses, nil
}

// lensEnd keeps a lens on one line, as LSP asks: the head's end when it ends on its first
// line, else its start.
func lensEnd(r source.Range) protocol.Position {
	if r.End.Line == r.Start.Line {
		return toRange(r).End
	}
	return toRange(r).Start
}

// errStaleLens answers the resolve of a lens whose document changed since it was made:
// LSP's ContentModified, which clients drop silently before asking for lenses again.
var errStaleLens = jsonrpc2.NewError(protocol.CodeContentModified, "the document changed since this code lens was made")

// codeLensResolve counts the senders of the lens's clause (contract 2 of issue 22): "N
// senders", "1 sender", or "no sender found in the workspace" (messages may come from
// outside the workspace: the title never calls the clause dead).
func (s *Server) codeLensResolve(ctx context.Context, params json.RawMessage) (any, error) {
	lens, err := decodeParams[protocol.CodeLens](params)
	if err != nil {
		return nil, err
	}
	raw, _ := json.Marshal(lens.Data)
	var data lensData
	if err := json.Unmarshal(raw, &data); err != nil || data.URI == "" {
		return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "invalid params: a code lens without otpls's data")
	}
	s.mu.Lock()
	version := s.versionOf(data.URI)
	s.mu.Unlock()
	if version != data.Version {
		return nil, errStaleLens
	}
	snap := s.ws.Snapshot()
	c, ok := processes.ClauseAt(snap, pathOf(data.URI), fromPosition(data.Position))
	if !ok {
		return nil, errStaleLens
	}
	locs := toLocations(senderLocs(snap, c))
	title := "no sender found in the workspace"
	switch n := len(locs); {
	case n == 1:
		title = "1 sender"
	case n > 1:
		title = fmt.Sprintf("%d senders", n)
	}
	lens.Command = &protocol.Command{Title: title, Command: showReferencesCommand, Arguments: []any{data.URI, data.Position, locs}}
	return lens, nil
}

// versionOf is the version of the open document at uri, -1 when it is not open; s.mu is
// held.
func (s *Server) versionOf(uri string) int32 {
	if d := s.docs[uri]; d != nil {
		return d.version
	}
	return -1
}

func fromPosition(p protocol.Position) source.Position {
	return source.Position{Line: int(p.Line), Character: int(p.Character)}
}

// toLocations turns index locations into LSP's, never nil (contract 3 of issue 22).
func toLocations(locs []index.Loc) []protocol.Location {
	out := make([]protocol.Location, len(locs))
	for i, l := range locs {
		out[i] = protocol.Location{URI: protocol.DocumentURI(relatedURI(l.Path)), Range: toRange(l.Range())}
	}
	return out
}
