package server

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/source"
)

// hover explains the findings under the cursor: the rule's title, why it matters and the
// right form, from the rule's own documentation.
func (s *Server) hover(ctx context.Context, params json.RawMessage) (any, error) {
	p, err := decodeParams[protocol.HoverParams](params)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	d := s.docs[string(p.TextDocument.URI)]
	s.mu.Unlock()
	if d == nil {
		return nil, nil
	}
	res, err := s.result(ctx, d)
	if err != nil {
		return nil, err
	}
	diags, file := res.diags, res.file
	off, _ := file.Lines.Offset(source.Position{Line: int(p.Position.Line), Character: int(p.Position.Character)})
	var parts []string
	var hit *analysis.Diagnostic
	for i, dg := range diags {
		if dg.Start <= off && off <= dg.End {
			if hit == nil {
				hit = &diags[i]
			}
			parts = append(parts, hoverText(analysis.Find(s.analyzers, dg.Code), dg))
		}
	}
	if hit == nil {
		return nil, nil
	}
	r := toRange(hit.Range)
	return protocol.Hover{
		Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: strings.Join(parts, "\n\n---\n\n")},
		Range:    &r,
	}, nil
}

// hoverText explains d, found by a (nil for otpls's own codes, which have no rule).
func hoverText(a *analysis.Analyzer, d analysis.Diagnostic) string {
	if a == nil {
		return fmt.Sprintf("**%s %s**\n\n%s", d.Code, d.Rule, d.Message)
	}
	return fmt.Sprintf("**%s %s: %s**\n\n%s\n\n**Why is this bad?** %s\n\n**Use instead:**\n\n```elixir\n%s\n```\n\nRun `otpls explain %s` for the whole rule.",
		a.Code, a.Name, a.Title, d.Message, a.Doc.Why, strings.TrimSpace(a.Doc.UseInstead), a.Code)
}
