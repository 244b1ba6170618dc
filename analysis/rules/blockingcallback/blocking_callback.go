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
	Options:  []analysis.OptionDecl{extraOption, ignoreOption},
	Run:      run,
}

var (
	extraOption = analysis.StringsOption("extra", nil, "more calls to treat as blocking, as `\"Module.fun\"` or "+
		"`\"Module.fun/arity\"` (e.g. `[\"MyApp.Http.get\"]`).")
	ignoreOption = analysis.StringsOption("ignore", nil, "calls (or whole modules) not to treat as blocking.")
)

// maxDepth is how far through same-module helpers a callback is followed (docs/rules/OTP003.md).
const maxDepth = 3

type finding struct {
	call     *source.Node
	what     string
	callback elixir.Def
	chain    []string
	// await: the call waits for tasks (Task.await...); awaited names the blocking call
	// the tasks make, "" when none is seen (then the wait is the tasks' own work).
	await   bool
	awaited string
}

func run(p *analysis.Pass) {
	extra := extraOption.Get(p)
	ignore := map[string]bool{}
	for _, s := range ignoreOption.Get(p) {
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

// blockingIn finds the blocking calls reached from callback clause d, but those on a
// terminal path and the receives that wait for a monitor's :DOWN (docs/rules/OTP003.md).
func blockingIn(p *analysis.Pass, em *elixir.Module, d elixir.Def, defs map[string][]elixir.Def, extra []string, ignore map[string]bool) []finding {
	var out []finding
	elixir.Reach(p.File, defs, d.Body, maxDepth, func(c *elixir.Call, chain []string) bool {
		// A receive waits for the server's own mailbox only when written in the callback
		// itself; helpers may be run from elsewhere.
		if len(chain) == 0 && isReceiveWithoutAfter(c) && !awaitsOwnMonitor(p.File, c) {
			if !onTerminalPath(p, em, c.Node) {
				out = append(out, finding{call: c.Node, what: "receive without after", callback: d})
			}
			return true
		}
		if what, ok := blocking(em.Resolve(c.Module), c.Name, c.Arity(), extra, ignore); ok && !onTerminalPath(p, em, c.Node) {
			fd := finding{call: c.Node, what: what, callback: d, chain: chain}
			if em.Resolve(c.Module) == "Task" {
				fd.await = true
				fd.awaited = awaitedBlocking(p, em, defs, c, extra, ignore)
			}
			out = append(out, fd)
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

// isReceiveWithoutAfter reports whether c is a `receive` with no `after` clause.
func isReceiveWithoutAfter(c *elixir.Call) bool {
	receive, after := elixir.Receive(c)
	return receive && !after
}

func report(p *analysis.Pass, em *elixir.Module, defs map[string][]elixir.Def, f finding) {
	cb := f.callback.ID()
	via := ""
	if len(f.chain) > 0 {
		via = " (via " + strings.Join(f.chain, " -> ") + ")"
	}
	served := len(defs["handle_call/3"]) > 0
	queued := queues(f.callback.Name)
	bound, bounded := "", false
	if f.await {
		bound, bounded = awaitBound(p, em, f.call)
	}
	if bounded && queued && !served {
		// A bounded wait in a server nobody calls: only its own messages wait, and not
		// for long (docs/rules/OTP003.md).
		return
	}
	why := consequence(f.callback.Name, served, trapsExits(p, em))
	switch {
	case f.await && f.awaited != "":
		why += " (the tasks it awaits call " + f.awaited + ")"
	case f.await && !bounded:
		why = strings.Replace(why, "until it returns", "until the tasks it awaits finish", 1)
	}
	impatient := ""
	if served && (queued || f.callback.Name == "handle_call") {
		if ms, ok := impatientCallers(p, em); ok {
			impatient = fmt.Sprintf("; every GenServer.call to it gives up after at most %d ms and catches the exit", ms)
			why += impatient
		}
	}
	var d *analysis.Diagnostic
	if bounded {
		d = p.Report(f.call, "%s waits up to %s in %s's %s%s: %s", f.what, bound, em.Name, cb, via, why)
	} else {
		d = p.Report(f.call, "%s blocks %s's %s%s: %s", f.what, em.Name, cb, via, why)
	}
	switch {
	case f.await && f.awaited == "":
		// The wait lasts as long as the tasks' own work, which is mostly computation
		// spread over cores: no more unbounded than doing it inline (docs/rules/OTP003.md).
		d.Severity = analysis.Information
	case bounded:
		// A finite timeout bounds the wait: the author chose how long the server may stall.
		d.Severity = analysis.Information
	case impatient != "":
		// The callers are built to tolerate a busy server: they give up soon and carry on.
		d.Severity = analysis.Information
	case f.callback.Name == "terminate":
		// No caller waits on a terminating server, and its supervisor bounds the wait
		// with the child's shutdown: a slow terminate is often deliberate (draining).
		d.Severity = analysis.Information
	case queued && !served:
		// No handle_call: no process waits on a reply from this server, only its own
		// queued messages do (a worker pacing its own timer or subscription).
		d.Severity = analysis.Information
	}
	if len(f.chain) > 0 {
		d.Related = append(d.Related, analysis.Related{
			Loc:     p.Loc(f.callback.Head),
			Message: "reached from this " + cb + " clause",
		})
	}
	if fx, ok := codeactions.ReplyLater(p.File, p.Index, p.Config, f.callback); ok {
		d.Fixes = append(d.Fixes, fx)
	}
	if f.callback.Name == "init" {
		if fx, ok := continueLater(p, em, defs, f.callback); ok {
			d.Fixes = append(d.Fixes, fx)
		}
	}
}

// queues reports whether a callback handles a message taken from the mailbox that
// nobody waits on (a cast, a plain message, a continue): it holds up the messages behind
// it, and callers only when the server has handle_call clauses.
func queues(callback string) bool {
	return callback == "handle_cast" || callback == "handle_info" || callback == "handle_continue"
}

// consequence is what a blocked callback holds up. served: the module has handle_call
// clauses, so callers may be waiting on it; traps: it traps exits, so a supervisor's
// shutdown is a message that waits too (without, the exit signal ends the wait).
func consequence(callback string, served, traps bool) string {
	switch {
	case callback == "init":
		return "start_link and the supervisor's later children wait until it returns"
	case callback == "terminate":
		return "it delays shutdown up to the child's shutdown timeout"
	case callback == "handle_call":
		return "callers of the server wait until it returns"
	case served:
		return "calls to the server queue behind it until it returns"
	case traps:
		return "the server's other messages, system messages and its shutdown wait until it returns (it has no handle_call: no caller waits on a reply)"
	}
	return "the server's other messages and system messages wait until it returns (it has no handle_call: no caller waits on a reply)"
}

// trapsExits reports whether the module sets `Process.flag(:trap_exit, true)`.
func trapsExits(p *analysis.Pass, em *elixir.Module) bool {
	for _, c := range p.CallsIn(em.Body) {
		if em.Resolve(c.Module) == "Process" && c.Name == "flag" && len(c.Args) == 2 {
			if name, _ := elixir.AtomName(p.File, c.Args[0]); name == "trap_exit" {
				return true
			}
		}
	}
	return false
}

// awaitedBlocking names the first blocking call made by the tasks an await waits for:
// the functions handed to Task.async (or Task.Supervisor.async...) in the function the
// await is written in. "" when they make none that can be seen.
func awaitedBlocking(p *analysis.Pass, em *elixir.Module, defs map[string][]elixir.Def, await *elixir.Call, extra []string, ignore map[string]bool) string {
	d, ok := elixir.EnclosingDef(p.File, await.Node)
	if !ok {
		return ""
	}
	found := ""
	for _, c := range p.CallsIn(d.Node) {
		if c.Name != "async" && c.Name != "async_nolink" || c.Module != "Task" && c.Module != "Task.Supervisor" {
			continue
		}
		for _, a := range c.Args {
			if !elixir.IsFun(a) {
				continue
			}
			elixir.Reach(p.File, defs, a, maxDepth, func(c *elixir.Call, _ []string) bool {
				if what, ok := blocking(em.Resolve(c.Module), c.Name, c.Arity(), extra, ignore); ok && found == "" {
					found = what
				}
				return found == ""
			})
			if found != "" {
				return found
			}
		}
	}
	return ""
}
