package childspec

import (
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// dynamic is how a module starts children at run time, what OTP006 needs to know before
// it calls a child's restart type wrong: a module started dynamically may be meant to
// stop for good (docs/rules/OTP006.md).
type dynamic struct {
	// started are the modules it starts under a running supervisor
	// (DynamicSupervisor/Supervisor.start_child, start_supervised), read through a
	// variable bound to the spec or a module attribute; "" for a spec that cannot be read
	// (a parameter: the module may be a wrapper that starts what its callers pass).
	started []string
	// passed are child specs (`{Mod, arg}`, `Mod.child_spec(arg)`) it hands as the only
	// argument to a function, which may start them.
	passed []specPass
}

// specPass is a child spec of child handed to a function of module to.
type specPass struct{ child, to string }

// A form's part is its starts and passes with names as written (a pass to a local
// function has to ""), resolved by the module's aliases and attributes when combined.
var dynamicFact = index.NewFormFact("OTP006.dynamic-starts", func(fs index.FormSource) (dynamic, bool) {
	var d dynamic
	calls := fs.Calls()
	var bindings map[string]*source.Node // read for the few forms that start children
	for i := range calls {
		c := &calls[i]
		if child := specArgument(fs.File, c); child != "" {
			d.passed = append(d.passed, specPass{child: child, to: c.Module})
		}
		if spec := index.DynamicStartSpec(c); spec != nil {
			if bindings == nil {
				bindings = elixir.Bindings(fs.File, fs.Form)
			}
			d.started = append(d.started, index.DynamicChildModule(fs.File, spec, bindings))
		}
	}
	return d, len(d.started) > 0 || len(d.passed) > 0
}, func(ms index.ModuleSource, parts index.FormParts[dynamic]) (dynamic, bool) {
	var d dynamic
	resolve := func(name string) string {
		if name == "" || name[0] == '@' {
			return ms.Summary.ResolveModuleAttribute(name)
		}
		return ms.Resolve(name)
	}
	for _, p := range parts.All() {
		for _, sp := range p.Value.passed {
			to := ms.Summary.Name
			if sp.to != "" {
				to = ms.Resolve(sp.to)
			}
			d.passed = append(d.passed, specPass{child: resolve(sp.child), to: to})
		}
		for _, child := range p.Value.started {
			d.started = append(d.started, resolve(child))
		}
	}
	return d, len(d.started) > 0 || len(d.passed) > 0
})

// specArgument is the module of a child spec passed as c's only argument (`{Mod, arg}`,
// `Mod.child_spec(arg)`), "" when there is none: a function given a spec may start it.
// Calls that build or start specs themselves (Supervisor.*, child_spec) are not passes.
func specArgument(f *source.File, c *elixir.Call) string {
	if len(c.Args) != 1 || c.Name == "child_spec" || c.Module == "Supervisor" || index.DynamicStartSpec(c) != nil {
		return ""
	}
	a := elixir.Unwrap(c.Args[0])
	switch a.Type() {
	case "tuple":
		if els := elixir.Elements(a); len(els) == 2 && els[1].Type() != "pair" {
			return index.ChildSpecModule(f, a)
		}
	case "call":
		if inner, ok := elixir.AsCall(f, a); ok && inner.Name == "child_spec" && inner.Module != "" && inner.Module != "Supervisor" {
			return inner.Module
		}
	}
	return ""
}

// dynamicStarts are the modules started under a running supervisor, and the modules
// whose dynamic starts take a spec we cannot read (wrappers that start what they are
// given), over the workspace.
type dynamicStarts struct {
	started, opaque map[string]bool
}

var dynamicStartsView = index.NewView("OTP006.dynamic-starts", func(s *index.Snapshot) dynamicStarts {
	ds := dynamicStarts{started: map[string]bool{}, opaque: map[string]bool{}}
	for _, h := range dynamicFact.In(s) {
		for _, c := range h.Value.started {
			if c == "" {
				ds.opaque[h.Module.Name] = true
			} else {
				ds.started[c] = true
			}
		}
	}
	return ds
})

// mayStartDynamically reports whether something may start name at run time: a start of
// it (through a variable or attribute too), or its spec handed to a function of a module
// that starts specs it cannot read (a wrapper passing the spec through).
func mayStartDynamically(snap *index.Snapshot, name string) bool {
	ds := dynamicStartsView.Of(snap)
	if ds.started[name] {
		return true
	}
	for _, h := range dynamicFact.In(snap) {
		for _, sp := range h.Value.passed {
			if sp.child == name && ds.opaque[sp.to] {
				return true
			}
		}
	}
	return false
}
