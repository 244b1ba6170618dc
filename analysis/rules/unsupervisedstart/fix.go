package unsupervisedstart

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// applicationFix rewrites Application.start/2 into a supervision tree: the start
// statements become child specs (`{M, arg}`, or a map with `start:` for other arities and
// GenServer.start_link(M, ...)), the statements that only tracked their pids go, and the
// function returns `Supervisor.start_link(children, strategy: :one_for_one, name:
// <App>.Supervisor)`; when it already returns a supervisor started from a literal list,
// the specs join the front of that list. ok is false for shapes it cannot keep correct: a
// start whose result other code uses, starts depending on each other's pids, an unlinked
// start, or a module started twice.
func applicationFix(p *analysis.Pass, em *elixir.Module, d elixir.Def, starts []startCall, root map[*source.Node]bool) (analysis.Fix, bool) {
	f := p.File
	if d.Body == nil || d.Body.Type() != "do_block" {
		return analysis.Fix{}, false
	}
	exprs := elixir.Exprs(d.Body)
	if len(exprs) == 0 {
		return analysis.Fix{}, false
	}
	top := map[*source.Node]bool{}
	for _, e := range exprs {
		top[e] = true
	}
	pids := map[string]bool{}
	var specs, later []string // later: started after the root supervisor
	rootAt := -1
	for n := range root {
		rootAt = n.Start()
	}
	started := map[string]bool{}
	removed := map[*source.Node]bool{}
	for _, sc := range starts {
		if root[sc.call.Node] {
			continue
		}
		if !top[sc.stmt] {
			return analysis.Fix{}, false
		}
		spec, ok := childSpec(f, sc)
		if !ok || started[sc.module] {
			return analysis.Fix{}, false
		}
		started[sc.module] = true
		if rootAt >= 0 && sc.call.Node.Start() > rootAt {
			later = append(later, spec)
		} else {
			specs = append(specs, spec)
		}
		removed[sc.stmt] = true
		for v := range boundVars(f, sc.call.Node) {
			pids[v] = true
		}
	}
	if len(specs)+len(later) == 0 || len(root) > 1 {
		return analysis.Fix{}, false
	}
	rootVars := map[string]bool{}
	for n := range root {
		rootVars = boundVars(f, n)
	}
	for _, sc := range starts {
		if !root[sc.call.Node] && (elixir.UsesAny(f, sc.call.Node, pids) || elixir.UsesAny(f, sc.call.Node, rootVars)) {
			return analysis.Fix{}, false // a start that needs another's pid, or the supervisor's
		}
	}
	tail := exprs[len(exprs)-1]
	for _, e := range exprs {
		// A made-up `{:ok, pid}` result is replaced; a returned supervisor start stays,
		// and must not use the pids that go away.
		if removed[e] || e == tail && len(root) == 0 {
			continue
		}
		if _, ok := bookkeeping(f, e, pids); ok {
			removed[e] = true
			continue
		}
		if elixir.UsesAny(f, e, pids) {
			return analysis.Fix{}, false // the pid is used for something else
		}
	}
	var edits []analysis.Edit
	for _, e := range exprs {
		if removed[e] {
			start, end, whole := f.Deletion(e.Start(), e.End())
			if whole {
				start = f.CommentsAbove(e.Start()) // comments about the statement go with it
				end = f.PastBlankLines(end, tail.Start())
			}
			edits = append(edits, p.Edit(start, end, ""))
		}
	}
	if len(root) > 0 {
		list := rootList(p, em, d)
		if list == nil || len(later) > 0 && list.AppendUnsafe {
			return analysis.Fix{}, false
		}
		edits = append(edits, intoList(p, list, specs, later)...)
	} else {
		if els := elixir.Elements(tail); tail.Type() != "tuple" || len(els) != 2 || f.Slice(els[0]) != ":ok" {
			return analysis.Fix{}, false // only a made-up `{:ok, pid}` result is replaced
		}
		indent := f.IndentAt(tail.Start())
		var b strings.Builder
		b.WriteString("children = [\n")
		for i, s := range specs {
			b.WriteString(indent + "  " + s)
			if i < len(specs)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString(indent + "]\n\n" + indent + "Supervisor.start_link(children, strategy: :one_for_one, name: " + supervisorName(em.Name) + ")")
		edits = append(edits, p.Edit(tail.Start(), tail.End(), b.String()))
	}
	return analysis.Fix{
		Title:   "Start these processes under the application's supervisor",
		Safe:    false,
		Changes: "changes start order and restart behaviour",
		Edits:   edits,
	}, true
}

// childSpec is the child spec starting what sc starts.
func childSpec(f *source.File, sc startCall) (string, bool) {
	c := sc.call
	if c.Name != "start_link" || c.Piped() {
		return "", false // an unlinked start cannot be supervised as it is
	}
	var args []string
	for _, a := range c.Args {
		args = append(args, f.Slice(a))
	}
	switch sc.resolved {
	case "GenServer", ":gen_server":
		if len(c.Args) < 2 || elixir.Unwrap(c.Args[0]).Type() != "alias" {
			return "", false
		}
		return "%{id: " + args[0] + ", start: {" + c.Module + ", :start_link, [" + strings.Join(args, ", ") + "]}}", true
	case "Agent", "Supervisor", ":supervisor", "DynamicSupervisor", ":gen_statem", "GenStage":
		return "", false // no module to name the child by
	}
	if len(args) == 1 {
		return "{" + c.Module + ", " + args[0] + "}", true
	}
	return "%{id: " + c.Module + ", start: {" + c.Module + ", :start_link, [" + strings.Join(args, ", ") + "]}}", true
}

// rootList is the literal children list of the root supervisor start/2 returns: the one
// children list written in start/2 (nil when there is none, or more than one to choose
// from).
func rootList(p *analysis.Pass, em *elixir.Module, d elixir.Def) *index.ChildList {
	ms := p.ModuleSummary(em)
	if ms == nil {
		return nil
	}
	var found *index.ChildList
	for i := range ms.ChildLists {
		l := &ms.ChildLists[i]
		if l.Span.Start() >= d.Node.Start() && l.Span.End() <= d.Node.End() {
			if found != nil {
				return nil
			}
			found = l
		}
	}
	return found
}

// intoList puts the specs started before the root supervisor at the front of its
// children list and those started after it at the end: children start in list order, so
// each process still starts before or after the supervisor's other children as it did.
func intoList(p *analysis.Pass, list *index.ChildList, before, after []string) []analysis.Edit {
	if len(list.Children) == 0 {
		all := append(append([]string(nil), before...), after...)
		return []analysis.Edit{p.Edit(list.InsertAt, list.InsertAt, strings.Join(all, ", "))}
	}
	var edits []analysis.Edit
	if len(before) > 0 {
		edits = append(edits, prepend(p, list, before))
	}
	if len(after) > 0 {
		sep := ", "
		if list.Multiline {
			sep = "," + list.Newline + list.Indent
		}
		edits = append(edits, codeactions.AddChild(p.File.Path, list, strings.Join(after, sep)))
	}
	return edits
}

// prepend puts specs at the front of a non-empty children list.
func prepend(p *analysis.Pass, list *index.ChildList, specs []string) analysis.Edit {
	first := list.Children[0].Span.Start()
	if list.Multiline {
		var b strings.Builder
		for _, s := range specs {
			b.WriteString(list.Indent + s + "," + list.Newline)
		}
		at := p.File.LineStartOf(first)
		return p.Edit(at, at, b.String())
	}
	return p.Edit(first, first, strings.Join(specs, ", ")+", ")
}

// supervisorName is `<App>.Supervisor` for the application module `<App>.Application`.
func supervisorName(app string) string {
	if i := strings.LastIndexByte(app, '.'); i > 0 {
		return app[:i] + ".Supervisor"
	}
	return app + ".Supervisor"
}
