package dynamicprocessname

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// viaTargets are the functions whose first argument names a process and takes a
// `{:via, Registry, ...}` name as well as an atom.
var viaTargets = map[string]bool{
	"GenServer.call": true, "GenServer.cast": true, "GenServer.stop": true, "GenServer.whereis": true,
	":gen_server.call": true, ":gen_server.cast": true, ":gen_server.stop": true,
	":gen_statem.call": true, ":gen_statem.cast": true, ":gen_statem.stop": true,
	"GenStage.call": true, "GenStage.cast": true, "GenStage.stop": true,
	"Agent.get": true, "Agent.update": true, "Agent.get_and_update": true, "Agent.cast": true, "Agent.stop": true,
	"Supervisor.start_child": true, "Supervisor.terminate_child": true, "Supervisor.restart_child": true,
	"Supervisor.delete_child": true, "Supervisor.which_children": true, "Supervisor.count_children": true,
	"Supervisor.stop": true, "DynamicSupervisor.start_child": true, "DynamicSupervisor.terminate_child": true,
	"DynamicSupervisor.which_children": true, "DynamicSupervisor.count_children": true, "DynamicSupervisor.stop": true,
	"Task.Supervisor.start_child": true, "Task.Supervisor.async": true, "Task.Supervisor.async_nolink": true,
	"Task.Supervisor.children": true, "Task.Supervisor.terminate_child": true,
}

// fix names the process `{:via, Registry, {Reg, key}}`, key being the data the atom was
// made of (docs/rules/OTP019.md, "Fix safety"). Every use of the name in the file must take
// a via name (a start's `name:`, the first argument of GenServer.call and the like): the
// conversion written the same way elsewhere in the file, the variable's later uses, or the
// private helper's calls. Anything else (`send/2`, `Process.whereis/1`, a name built another
// way for a call, a public helper other files may call) gets no fix.
func fix(p *analysis.Pass, em *elixir.Module, fd finding, names map[*source.Node]bool) (analysis.Fix, bool) {
	a := fd.atom
	f := p.File
	if !a.converted || a.key == nil || strings.Contains(f.Slice(a.key), "\n") {
		return analysis.Fix{}, false
	}
	targets, uses, ok := nameUses(p, em, fd, names)
	if !ok || !allTakeVia(p, em, uses, names) || otherTargets(p, em, uses) {
		return analysis.Fix{}, false
	}
	reg, edits, ok := codeactions.UniqueRegistry(p.Index, f.Path)
	if !ok {
		return analysis.Fix{}, false
	}
	for _, t := range targets {
		via := "{:via, Registry, {" + reg + ", " + f.Slice(keyOf(f, em, t, a)) + "}}"
		if lineWidth(f, t, via) > codeactions.LineLength {
			return analysis.Fix{}, false // mix format would break the line: not laid out here
		}
		edits = append(edits, p.Edit(t.Start(), t.End(), via))
	}
	return analysis.Fix{
		Title:   "Name the process {:via, Registry, {" + reg + ", key}}",
		Changes: "the name is a Registry key, no longer an atom: code that needs an atom name breaks",
		Edits:   edits,
	}, true
}

// nameUses are the expressions that make the atom (targets, rewritten) and the places the
// name is used (uses, each of which must take a via name).
func nameUses(p *analysis.Pass, em *elixir.Module, fd finding, names map[*source.Node]bool) (targets, uses []*source.Node, ok bool) {
	f := p.File
	a := fd.atom
	switch {
	case a.helper != nil:
		if a.helper.Kind != "defp" {
			return nil, nil, false // other files may call it
		}
		byID, _ := p.Defs(em)
		if len(byID[a.helper.ID()]) != 1 {
			return nil, nil, false
		}
		for _, c := range p.CallsIn(em.Body) {
			if c.Module == "" && c.ID() == a.helper.ID() && elixir.InExpression(f, c.Node) && p.Module(c.Node) == em {
				uses = append(uses, c.Node)
			}
		}
		return []*source.Node{a.node}, uses, true
	case a.binding != nil:
		d, ok := elixir.EnclosingDef(f, a.binding)
		if !ok {
			return nil, nil, false
		}
		name := f.Slice(a.binding.Child("left"))
		d.Body.Walk(func(n *source.Node) bool {
			if n.Start() >= a.binding.End() && n.Type() == "identifier" && f.Slice(n) == name {
				uses = append(uses, n)
			}
			return true
		})
		return []*source.Node{a.node}, uses, true
	}
	text := f.Slice(a.node)
	for _, c := range p.Calls() {
		n := c.Node
		if c.Piped() {
			n = n.Parent()
		}
		if f.Slice(n) == text {
			targets = append(targets, n)
			uses = append(uses, n)
		}
	}
	return targets, uses, true
}

// allTakeVia reports whether each use is a name position of a start (`name:`) or the
// first argument of a viaTargets function.
func allTakeVia(p *analysis.Pass, em *elixir.Module, uses []*source.Node, names map[*source.Node]bool) bool {
	for _, u := range uses {
		if !names[u] && !targetArg(p, em, u) {
			return false
		}
	}
	return len(uses) > 0
}

// targetArg reports whether n is the first argument of a call of a viaTargets function.
func targetArg(p *analysis.Pass, em *elixir.Module, n *source.Node) bool {
	args := n.Parent()
	if args == nil || args.Type() != "arguments" {
		return false
	}
	c, ok := elixir.AsCall(p.File, args.Parent())
	return ok && len(c.Args) > 0 && c.Args[0] == n && !c.Piped() && viaTargets[em.Resolve(c.Module)+"."+c.Name]
}

// otherTargets reports whether the file addresses a process by an atom converted at run
// time other than through the uses: the same name may be built another way there, and
// would no longer find the process.
func otherTargets(p *analysis.Pass, em *elixir.Module, uses []*source.Node) bool {
	mine := map[*source.Node]bool{}
	for _, u := range uses {
		mine[u] = true
	}
	for _, c := range p.Calls() {
		if c.Module == "" && c.Name != "send" || len(c.Args) == 0 || mine[c.Args[0]] {
			continue
		}
		if m := p.Module(c.Node); m != nil {
			if a, ok := dynamicAtom(p, m, c.Args[0], followDepth); ok && a.converted {
				return true
			}
		}
	}
	return false
}

// keyOf is the key text for target t: the data the conversion at t converts.
func keyOf(f *source.File, em *elixir.Module, t *source.Node, a atomMaking) *source.Node {
	if t == a.node {
		return a.key
	}
	if c, ok := callOf(f, t); ok && len(c.Args) > 0 {
		return c.Args[0]
	}
	return a.key
}

// lineWidth is the width of the code on t's line once t is replaced by text (a comment
// ending the line does not count: mix format does not break code for it).
func lineWidth(f *source.File, t *source.Node, text string) int {
	ls := f.LineStartOf(t.Start())
	end := f.NextLineStart(t.End())
	for _, c := range f.Comments {
		if c.Start() >= t.End() && c.Start() < end {
			end = c.Start()
			break
		}
	}
	rest := strings.TrimRight(f.Text[t.End():end], " \t\r\n")
	return len([]rune(f.Text[ls:t.Start()])) + len([]rune(text)) + len([]rune(rest))
}
