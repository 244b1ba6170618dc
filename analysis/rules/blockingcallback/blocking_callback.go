// Package blockingcallback is OTP003 blocking-callback: a GenServer callback, or a
// same-module function it reaches, calls something that can block for an unbounded time.
package blockingcallback

import (
	"fmt"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// Analyzer is OTP003.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP003",
	Name:     "blocking-callback",
	Title:    "Blocking call in a GenServer callback",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Run:      run,
}

func init() { analysis.Register(Analyzer) }

// maxDepth is how far through same-module helpers a callback is followed (RULES.md).
const maxDepth = 3

type finding struct {
	call     *source.Node
	what     string
	callback elixir.Def
	chain    []string
}

func run(p *analysis.Pass) {
	extra := p.StringsOption("extra")
	ignore := map[string]bool{}
	for _, s := range p.StringsOption("ignore") {
		ignore[s] = true
	}
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil || !ms.Is("GenServer") || em.Body == nil {
			continue
		}
		if !mayBlock(p, em, extra, ignore) {
			continue // nothing in the module blocks: no callback needs following
		}
		defs, order := p.Defs(em)
		seen := map[*source.Node]bool{}
		for _, d := range order {
			if !elixir.Callbacks[d.ID()] {
				continue
			}
			for _, f := range blockingIn(p, em, d, defs, extra, ignore) {
				if seen[f.call] {
					continue
				}
				seen[f.call] = true
				report(p, em, defs, f)
			}
		}
	}
}

// mayBlock reports whether the module contains any blocking call or receive, from the
// file's shared call list, so that modules without one cost no walk of their callbacks.
func mayBlock(p *analysis.Pass, em *elixir.Module, extra []string, ignore map[string]bool) bool {
	for _, c := range p.CallsIn(em.Body) {
		if c.Module == "" && c.Name == "receive" {
			return true
		}
		if _, ok := blocking(em.Resolve(c.Module), c.Name, c.Arity(), extra, ignore); ok {
			return true
		}
	}
	return false
}

// blockingIn finds the blocking calls reached from callback clause d.
func blockingIn(p *analysis.Pass, em *elixir.Module, d elixir.Def, defs map[string][]elixir.Def, extra []string, ignore map[string]bool) []finding {
	var out []finding
	elixir.Reach(p.File, defs, d.Body, maxDepth, func(c *elixir.Call, chain []string) bool {
		// A receive waits for the server's own mailbox only when written in the callback
		// itself; helpers may be run from elsewhere.
		if len(chain) == 0 && isReceiveWithoutAfter(p.File, c.Node) {
			out = append(out, finding{call: c.Node, what: "receive without after", callback: d})
			return true
		}
		if what, ok := blocking(em.Resolve(c.Module), c.Name, c.Arity(), extra, ignore); ok {
			out = append(out, finding{call: c.Node, what: what, callback: d, chain: chain})
		}
		return true
	})
	return out
}

func blocking(module, name string, arity int, extra []string, ignore map[string]bool) (string, bool) {
	what, ok := elixir.Blocking(module, name)
	for _, mfa := range extra {
		if mfa == module+"."+name || mfa == fmt.Sprintf("%s.%s/%d", module, name, arity) {
			what, ok = module+"."+name, true
		}
	}
	if ok && (ignore[what] || ignore[elixir.FuncID(what, arity)] || ignore[module]) {
		return "", false
	}
	if ok {
		what = elixir.FuncID(what, arity)
	}
	return what, ok
}

func isReceiveWithoutAfter(f *source.File, n *source.Node) bool {
	c, ok := elixir.AsCall(f, n)
	if !ok || c.Module != "" || c.Name != "receive" || c.DoBlock == nil {
		return false
	}
	for ch := range n.Children() {
		if ch.Type() == "after_block" {
			return false
		}
	}
	return true
}

func report(p *analysis.Pass, em *elixir.Module, defs map[string][]elixir.Def, f finding) {
	cb := f.callback.ID()
	via := ""
	if len(f.chain) > 0 {
		via = " (via " + strings.Join(f.chain, " -> ") + ")"
	}
	consequence := "every other caller of the server waits until it returns"
	if f.callback.Name == "init" {
		consequence = "start_link, and the supervisor starting the siblings after it, wait until it returns"
	}
	d := p.Report(f.call, "%s blocks %s's %s%s: %s", f.what, em.Name, cb, via, consequence)
	if len(f.chain) > 0 {
		d.Related = append(d.Related, analysis.Related{
			Loc:     p.Loc(f.callback.Head),
			Message: "reached from this " + cb + " clause",
		})
	}
	if fx, ok := codeactions.ReplyLater(p, f.callback); ok {
		d.Fixes = append(d.Fixes, fx)
	}
	if f.callback.Name == "init" {
		if fx, ok := continueLater(p, em, defs, f.callback); ok {
			d.Fixes = append(d.Fixes, fx)
		}
	}
}
