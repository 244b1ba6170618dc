package startchildrace

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// named is a start of a process that can be started only once at a time.
type named struct {
	call string // the start function, resolved: "DynamicSupervisor.start_child"
	what string // what it starts and why it is unique: "starts Fleet.Truck, which registers a name"
}

// processStarters are the modules whose start/start_link take the registration options.
var processStarters = map[string]bool{
	"GenServer": true, "Agent": true, "GenStage": true, "Supervisor": true, "DynamicSupervisor": true,
	":gen_server": true, ":gen_statem": true,
}

// namedStart reads c as a start of a named process: a `DynamicSupervisor.start_child` or
// `Supervisor.start_child` of a child spec whose start function registers a name (read in
// the index, across files), a `Supervisor.start_child` of a spec with a fixed id (the
// supervisor answers a second start of a running id with `{:error, {:already_started,
// pid}}` whatever the name), a `GenServer.start_link(..., name: ...)` (and the other
// starters'), or a call of a workspace module's start function that registers a name.
func namedStart(p *analysis.Pass, em *elixir.Module, c *elixir.Call) (named, bool) {
	module := em.Resolve(c.Module)
	qualified := module + "." + c.Name
	switch {
	case (module == "DynamicSupervisor" || module == "Supervisor") && c.Name == "start_child" && c.Arity() == 2:
		spec, ok := readSpec(p, em, c, c.Args[1])
		if !ok {
			return named{}, false
		}
		if spec.registers {
			return named{call: qualified, what: "starts " + spec.module + ", which registers a name,"}, true
		}
		if module == "Supervisor" && spec.fixedID != "" {
			return named{call: qualified, what: "adds the child " + spec.fixedID + ", an id the supervisor runs once,"}, true
		}
	case processStarters[module] && (c.Name == "start_link" || c.Name == "start"):
		if startRegisters(p.File, c) == RegistersName {
			return named{call: qualified, what: "starts a process under a name"}, true
		}
	case c.Name == "start_link" || c.Name == "start":
		if registersName(p, module, c.Name, c.Args) {
			return named{call: qualified, what: "starts a process under a name"}, true
		}
	}
	return named{}, false
}

// registersName reports whether module's fun, called with args, starts its process under
// a name: a name of its own, or the caller's when args give one (`name: ...`).
func registersName(p *analysis.Pass, module, fun string, args []*source.Node) bool {
	if p.Index == nil {
		return false
	}
	m := p.Index.Module(module)
	if m == nil {
		return false
	}
	regs, _ := registersFact.Of(m)
	switch regs[elixir.FuncID(fun, len(args))] {
	case RegistersName:
		return true
	case RegistersCallersName:
		for _, a := range args {
			if elixir.KeywordValue(p.File, a, "name") != nil {
				return true
			}
		}
	}
	return false
}

// spec is what a child spec shows of the process it starts.
type spec struct {
	module    string // resolved
	registers bool   // its start function registers a name
	fixedID   string // its id when written or implied (the module), "" when unknown
}

// readSpec reads a child spec as written (`Mod`, `{Mod, arg}`, `Mod.child_spec(arg)`,
// `%{id: .., start: {Mod, :fun, args}}`, `Supervisor.child_spec(spec, overrides)`, a spec
// piped into `Map.put/merge`), or a variable bound to one earlier in the function. A module
// that writes its own child_spec/1 may start anything: not read.
func readSpec(p *analysis.Pass, em *elixir.Module, at *elixir.Call, n *source.Node) (spec, bool) {
	f := p.File
	n = elixir.Unwrap(n)
	switch n.Type() {
	case "identifier":
		if v := elixir.BoundBefore(f, at.Node, f.Slice(n)); v != nil {
			return readSpec(p, em, at, v)
		}
		if f.Slice(n) == "__MODULE__" {
			return defaultSpec(p, em.Name, nil)
		}
	case "alias":
		return defaultSpec(p, em.Resolve(elixir.ModuleName(f, n)), nil)
	case "tuple":
		// {Mod, arg}, where arg may be a keywords tail (`{Mod, name: x}`).
		if els := n.NamedChildren(); len(els) == 2 && isModule(f, els[0]) {
			return defaultSpec(p, em.Resolve(elixir.ModuleName(f, els[0])), els[1:])
		}
	case "map":
		return mapSpec(p, em, n)
	case "binary_operator":
		if elixir.Operator(n) == "|>" {
			if c, ok := elixir.AsCall(f, n.Child("right")); ok && c.Module == "Map" && (c.Name == "put" || c.Name == "merge") {
				return readSpec(p, em, at, n.Child("left"))
			}
		}
	case "call":
		c, ok := elixir.AsCall(f, n)
		if !ok || c.Piped() {
			break
		}
		module := em.Resolve(c.Module)
		switch {
		case module == "Supervisor" && c.Name == "child_spec" && len(c.Args) == 2:
			s, ok := readSpec(p, em, at, c.Args[0])
			if id := elixir.KeywordValue(f, c.Args[1], "id"); id != nil {
				s.fixedID = literalName(f, em, id)
			}
			return s, ok
		case module != "" && c.Name == "child_spec" && len(c.Args) == 1:
			return defaultSpec(p, module, c.Args)
		}
	}
	return spec{}, false
}

// defaultSpec is the spec `use GenServer` (and the other behaviours) define: id the
// module, started by start_link/1 with the spec's argument.
func defaultSpec(p *analysis.Pass, module string, args []*source.Node) (spec, bool) {
	if p.Index == nil {
		return spec{}, false
	}
	m := p.Index.Module(module)
	if m == nil || m.Function("child_spec", 1) != nil {
		return spec{}, false // not in the workspace, or a child_spec of its own
	}
	if len(args) == 0 {
		args = []*source.Node{nil} // `Mod` is `{Mod, []}`: no name given
	}
	return spec{module: module, registers: registersName(p, module, "start_link", args), fixedID: module}, true
}

// mapSpec reads `%{id: .., start: {Mod, :fun, [args]}}`.
func mapSpec(p *analysis.Pass, em *elixir.Module, n *source.Node) (spec, bool) {
	f := p.File
	var content *source.Node
	for ch := range n.Children() {
		if ch.Type() == "map_content" {
			content = ch
		}
	}
	start := elixir.KeywordValue(f, content, "start")
	if start == nil || start.Type() != "tuple" {
		return spec{}, false
	}
	els := elixir.Elements(start)
	if len(els) != 3 || !isModule(f, els[0]) || els[2].Type() != "list" {
		return spec{}, false
	}
	fun, ok := elixir.AtomName(f, els[1])
	if !ok {
		return spec{}, false
	}
	module := em.Resolve(elixir.ModuleName(f, els[0]))
	s := spec{module: module, registers: registersName(p, module, fun, elixir.Elements(els[2]))}
	if id := elixir.KeywordValue(f, content, "id"); id != nil {
		s.fixedID = literalName(f, em, id)
	}
	return s, true
}

// literalName is an id written as a literal atom or module, resolved; "" otherwise.
func literalName(f *source.File, em *elixir.Module, n *source.Node) string {
	n = elixir.Unwrap(n)
	if isModule(f, n) {
		return em.Resolve(elixir.ModuleName(f, n))
	}
	if a, ok := elixir.AtomName(f, n); ok && (n.Type() == "atom" || n.Type() == "quoted_atom") {
		return ":" + a
	}
	return ""
}

// isModule reports whether n names a module: an alias or `__MODULE__`.
func isModule(f *source.File, n *source.Node) bool {
	return n.Type() == "alias" || n.Type() == "identifier" && f.Slice(n) == "__MODULE__"
}
