// Package callchain is OTP008 call-chain: synchronous calls between servers, made from
// inside callbacks, that call the server itself, close a cycle, or build a long chain.
// The graph is workspace-wide (analysis/callgraph); this rule reports the call sites of
// the file it runs on.
package callchain

import (
	"fmt"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/callgraph"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// Analyzer is OTP008.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP008",
	Name:     "call-chain",
	Title:    "Synchronous call cycle or chain between servers",
	Severity: analysis.Error,
	InTests:  analysis.ErrorsInTests,
	Doc:      doc,
	Options:  []analysis.OptionDecl{maxDepthOption},
	Facts:    callgraph.Facts(),
	Run:      run,
}

var maxDepthOption = analysis.IntOption("max_depth", 3, "the number of servers in a chain that is reported as a Warning "+
	"(3 means A -> B -> C).")

func run(p *analysis.Pass) {
	if p.Index == nil {
		return
	}
	g := callgraph.Of(p.Index)
	maxDepth := maxDepthOption.Get(p)
	reported := map[int]bool{} // one diagnostic per call site (an API call may reach several servers)
	for _, e := range g.EdgesIn(p.File.Path) {
		if reported[e.Site.Loc.Start()] {
			continue
		}
		call := elixir.CallAt(p.File, e.Site.Loc.Start(), e.Site.Loc.End())
		if call == nil {
			continue // the index saw another version of this file: report nothing rather than at a wrong place
		}
		// What the callback calls: the call itself, or the helper that leads to it.
		callee := e.Site.Call()
		if len(e.Site.Chain) > 0 {
			callee = e.Site.Chain[0]
		}
		var d *analysis.Diagnostic
		switch {
		case e.Self():
			d = p.ReportRange(e.Site.Loc.Start(), e.Site.Loc.End(),
				"%s from %s's %s calls %s itself%s: the server is busy running this callback, so the call exits with \"process attempted to call itself\"",
				callee, e.From, e.Site.Callback, e.From, via(e))
			d.Severity = analysis.Error
		case g.OnCycle(e):
			cycle := g.Cycle(e)
			d = p.ReportRange(e.Site.Loc.Start(), e.Site.Loc.End(),
				"%s from %s's %s closes a cycle of synchronous calls: %s. When they call each other at the same time each waits for the next, and all of them exit on the call timeout",
				callee, e.From, e.Site.Callback, servers(cycle, true))
			d.Severity = analysis.Error
			d.Related = related(cycle[1:])
		default:
			chain := g.Chain(e)
			if len(chain)+1 < maxDepth {
				continue
			}
			d = p.ReportRange(e.Site.Loc.Start(), e.Site.Loc.End(),
				"%s from %s's %s starts a chain of %d servers waiting on each other: %s. %s is blocked for as long as the whole chain takes%s",
				callee, e.From, e.Site.Callback, len(chain)+1, servers(chain, false), e.From, cascade(p.Index, e.From))
			d.Severity = analysis.Warning
			d.Related = related(chain[1:])
		}
		reported[e.Site.Loc.Start()] = true
		if len(e.Site.Chain) > 0 {
			d.Message += fmt.Sprintf(" (%s reaches %s)", strings.Join(e.Site.Chain, " -> "), e.Site.Call())
		}
		if fx, ok := replyLater(p, e, call); ok {
			d.Fixes = append(d.Fixes, fx)
		}
	}
}

// cascade is what a slow server does to the callers before it: said only when the first
// server answers calls itself (it has a handle_call/3). With none, no call waits on it,
// and its own call's timeout is all there is (docs/rules/OTP008.md).
func cascade(snap *index.Snapshot, first string) string {
	if m := snap.Module(first); m == nil || m.Function("handle_call", 3) == nil {
		return ""
	}
	return ", and one slow server times out every caller before it"
}

func via(e *callgraph.Edge) string {
	if e.Via == "" {
		return ""
	}
	return " through " + e.Via
}

// servers renders the servers of a path: "A -> B -> C" (closing back to A for a cycle).
func servers(path []*callgraph.Edge, closed bool) string {
	names := []string{path[0].From}
	for _, e := range path {
		names = append(names, e.To)
	}
	if !closed && names[len(names)-1] == names[0] {
		names = names[:len(names)-1]
	}
	return strings.Join(names, " -> ")
}

// related points at the other calls of a cycle or chain, in order.
func related(path []*callgraph.Edge) []analysis.Related {
	var out []analysis.Related
	for _, e := range path {
		out = append(out, analysis.Related{
			Loc:     index.Loc{Path: e.Site.Loc.Path, Span: e.Site.Loc.Span},
			Message: fmt.Sprintf("%s's %s calls %s (%s)", e.From, e.Site.Callback, e.To, e.Site.Call()),
		})
	}
	return out
}

// replyLater offers the OTP003 reply-later rewrite of the callback clause the call (or
// the helper call leading to it) is written in: the call then runs in a task, and the
// server is free to answer whoever the called server calls back. Not for `self()`: in a
// task, self() is the task.
func replyLater(p *analysis.Pass, e *callgraph.Edge, n *source.Node) (analysis.Fix, bool) {
	if e.Site.Target == callgraph.SelfTarget {
		return analysis.Fix{}, false
	}
	d, ok := elixir.EnclosingDef(p.File, n)
	if !ok || d.ID() != e.Site.Callback {
		return analysis.Fix{}, false
	}
	return codeactions.ReplyLater(p.File, p.Index, p.Config, d)
}
