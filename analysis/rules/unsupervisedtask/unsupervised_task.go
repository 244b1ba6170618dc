// Package unsupervisedtask is OTP009 unsupervised-task: fire-and-forget processes started
// outside any supervisor.
package unsupervisedtask

import (
	"fmt"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
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

func init() { analysis.Register(Analyzer) }

// awaits are the Task functions that collect an async task's result.
var awaits = map[string]bool{"await": true, "await_many": true, "yield": true, "yield_many": true, "shutdown": true, "ignore": true}

func run(p *analysis.Pass) {
	calls := p.Calls()
	for i := range calls {
		c := &calls[i]
		kind := classify(c)
		if kind == "" {
			continue
		}
		def, inDef := elixir.EnclosingDef(p.File, c.Node)
		if kind == "Task.async" && (!inDef || awaited(p, def) || returned(p, def, c.Node) || receivesReplies(p, c.Node)) {
			continue
		}
		d := p.Report(c.Node, "%s starts a process no supervisor knows about%s: a crash goes unreported and nothing restarts or shuts it down", describe(c, kind), where(def, inDef))
		if fx, ok := fix(p, c, kind); ok {
			d.Fixes = append(d.Fixes, fx)
		}
	}
}

// classify returns the flagged form of c ("spawn", "Process.spawn", "Task.start",
// "Task.async") or "".
func classify(c *elixir.Call) string {
	switch {
	case c.Module == "" && c.Name == "spawn" && (c.Arity() == 1 || c.Arity() == 3):
		return "spawn"
	case c.Module == "Kernel" && c.Name == "spawn" && (c.Arity() == 1 || c.Arity() == 3):
		return "spawn"
	case c.Module == "Process" && c.Name == "spawn":
		return "Process.spawn"
	case c.Module == "Task" && c.Name == "start" && (c.Arity() == 1 || c.Arity() == 3):
		return "Task.start"
	case c.Module == "Task" && c.Name == "async" && (c.Arity() == 1 || c.Arity() == 3):
		return "Task.async"
	}
	return ""
}

func describe(c *elixir.Call, kind string) string {
	return elixir.FuncID(kind, c.Arity())
}

func where(d elixir.Def, ok bool) string {
	if !ok {
		return ""
	}
	return fmt.Sprintf(" in %s/%d", d.Name, d.Arity())
}

// awaited reports whether the function collects task results (Task.await & co).
func awaited(p *analysis.Pass, d elixir.Def) bool {
	found := false
	d.Node.Walk(func(n *source.Node) bool {
		if c, ok := elixir.AsCall(p.File, n); ok && c.Module == "Task" && awaits[c.Name] {
			found = true
		}
		return !found
	})
	return found
}

// returned reports whether the task is the function's result: the caller gets it to await.
func returned(p *analysis.Pass, d elixir.Def, n *source.Node) bool {
	for _, t := range elixir.Tails(p.File, d.Body) {
		if t == n {
			return true
		}
	}
	return false
}

// receivesReplies reports whether the module around n handles task replies in
// handle_info (the `{ref, result}` message a Task.async reply arrives as).
func receivesReplies(p *analysis.Pass, n *source.Node) bool {
	ms := p.ModuleSummary(p.Module(n))
	return ms != nil && ms.Function("handle_info", 2) != nil
}

// fix rewrites the call to Task.Supervisor.start_child. Safe when the value is discarded
// (the pid or task is not used), unsafe otherwise: start_child returns {:ok, pid}.
func fix(p *analysis.Pass, c *elixir.Call, kind string) (analysis.Fix, bool) {
	if kind == "Process.spawn" || c.Piped || len(c.Args) == 0 {
		return analysis.Fix{}, false // spawn options have no start_child equivalent
	}
	sup, extra, ok := codeactions.TaskSupervisor(p.Index, p.Config, p.File.Path)
	if !ok {
		return analysis.Fix{}, false
	}
	var edits []analysis.Edit
	bound := ""
	// `pid = spawn(...)` keeps its pid: `{:ok, pid} = Task.Supervisor.start_child(...)`.
	if parent := c.Node.Parent(); parent != nil && parent.Type() == "binary_operator" && elixir.Operator(parent) == "=" && parent.Child("right") == c.Node {
		if left := parent.Child("left"); left != nil && left.Type() == "identifier" {
			bound = "{:ok, " + p.File.Slice(left) + "}"
			edits = append(edits, p.Edit(left.Start, left.End, bound))
		}
	}
	edits = append(edits, codeactions.StartChild(p.File, c, sup, bound)...)
	edits = append(edits, extra...)
	return analysis.Fix{
		Title:   "Start it under " + sup + " with Task.Supervisor.start_child",
		Safe:    discarded(p.File, c.Node),
		Changes: "the call returns {:ok, pid}",
		Edits:   edits,
	}, true
}

// discarded reports whether the value of n is thrown away: a statement that is not the
// last expression of its body, or the last expression of a function given to Enum.each.
func discarded(f *source.File, n *source.Node) bool {
	parent := n.Parent()
	if parent == nil {
		return false
	}
	switch parent.Type() {
	case "do_block", "body", "else_block", "after_block":
	default:
		return false
	}
	exprs := elixir.Exprs(parent)
	if len(exprs) == 0 {
		return false
	}
	if exprs[len(exprs)-1] != n {
		return true
	}
	// Last expression: discarded only when the body is an fn given to Enum.each/2.
	if parent.Type() != "body" {
		return false
	}
	fn := parent.Parent()
	for fn != nil && fn.Type() != "anonymous_function" {
		if fn.Type() != "stab_clause" {
			return false
		}
		fn = fn.Parent()
	}
	if fn == nil || fn.Parent() == nil || fn.Parent().Type() != "arguments" {
		return false
	}
	call, ok := elixir.AsCall(f, fn.Parent().Parent())
	return ok && call.Module == "Enum" && call.Name == "each"
}
