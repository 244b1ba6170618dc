// Package unsupervisedtask is OTP009 unsupervised-task: fire-and-forget processes started
// outside any supervisor. What it flags, what it leaves alone and why: docs/rules/OTP009.md.
package unsupervisedtask

import (
	"fmt"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
)

// Analyzer is OTP009.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP009",
	Name:     "unsupervised-task",
	Title:    "Process started outside a supervisor",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Run:      run,
}

// start is one flagged process start and what the code around it shows.
type start struct {
	call *elixir.Call
	kind string // "spawn", "Process.spawn", "Task.start", "Task.async"
	def  elixir.Def
	// inDef is false at a module's or a script's top level.
	inDef bool
	value valueUse
}

func run(p *analysis.Pass) {
	if inBenchmark(p.File.Path) {
		return
	}
	calls := p.Calls()
	for i := range calls {
		c := &calls[i]
		kind := classify(c)
		if kind == "" || !elixir.InExpression(p.File, c.Node) || callsOwnDefinition(p, c) {
			continue
		}
		s := start{call: c, kind: kind}
		s.def, s.inDef = elixir.EnclosingDef(p.File, c.Node)
		s.value = useOf(p.File, s)
		if kind == "Process.spawn" && linkedByOptions(p.File, s) {
			continue // spawned with :link: a spawn_link
		}
		if kind == "Task.async" && !(s.inDef && s.value.lost() && !receivesReplies(p, s)) {
			continue // awaited, yielded, handed on, or its reply is received
		}
		report(p, s)
	}
}

func report(p *analysis.Pass, s start) {
	h := hintOf(p, s)
	d := p.Report(s.call.Node, "%s", message(s, h))
	if h.reason != "" {
		d.Severity = analysis.Information
	}
	if h.keepUnsupervised {
		return
	}
	if fx, ok := fix(p, s); ok {
		d.Fixes = append(d.Fixes, fx)
	}
}

// message states the consequence the code shows: an unlinked process's crash is logged, but
// nothing restarts it, and it is not shut down in order with the supervision tree (when its
// application stops, the application master kills it with the application's other
// processes, with no shutdown); a lost Task.async's messages go unread.
func message(s start, h hint) string {
	what := elixir.FuncID(s.kind, s.call.Arity()) + where(s)
	switch {
	case h.reason != "" && s.kind == "Task.async":
		return what + " starts a task nobody awaits, left as a hint because " + h.reason
	case h.reason != "":
		return what + " starts a process outside any supervisor, left as a hint because " + h.reason
	case s.kind == "Task.async":
		return what + " starts a task nobody awaits: its reply and :DOWN messages land unread in the caller's mailbox (Task.Supervisor.start_child runs work whose result is not needed)"
	}
	return what + " starts a process outside any supervisor: if it crashes, the crash is logged but nothing restarts it, and it is not shut down in order with the supervision tree"
}

// classify returns the flagged form of c ("spawn", "Process.spawn", "Task.start",
// "Task.async") or "".
func classify(c *elixir.Call) string {
	switch {
	case (c.Module == "" || c.Module == "Kernel") && c.Name == "spawn" && (c.Arity() == 1 || c.Arity() == 3):
		return "spawn"
	case c.Module == "Process" && c.Name == "spawn" && (c.Arity() == 2 || c.Arity() == 4):
		return "Process.spawn"
	case c.Module == "Task" && c.Name == "start" && (c.Arity() == 1 || c.Arity() == 3):
		return "Task.start"
	case c.Module == "Task" && c.Name == "async" && (c.Arity() == 1 || c.Arity() == 3):
		return "Task.async"
	}
	return ""
}

// callsOwnDefinition reports a local `spawn(...)` in a module that defines spawn with that
// arity itself (importing Kernel's except it): the call runs the module's own function,
// which may well start its process under a supervisor.
func callsOwnDefinition(p *analysis.Pass, c *elixir.Call) bool {
	if c.Module != "" {
		return false
	}
	m := p.Module(c.Node)
	if m == nil {
		return false
	}
	byID, _ := p.Defs(m)
	return len(byID[c.ID()]) > 0
}

func where(s start) string {
	if !s.inDef {
		return ""
	}
	return fmt.Sprintf(" in %s/%d", s.def.Name, s.def.Arity())
}

// inBenchmark reports whether path is a benchmark script (bench/**/*.exs): it runs once
// under `mix run`, its processes end with it, and there is no application to supervise
// them (docs/rules/OTP009.md).
func inBenchmark(path string) bool {
	p := "/" + strings.ReplaceAll(path, "\\", "/")
	return strings.Contains(p, "/bench/") && strings.HasSuffix(p, ".exs")
}
