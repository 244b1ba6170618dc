package index

import (
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// DynamicStartSpec is the child spec c starts under a running supervisor:
// DynamicSupervisor/Supervisor.start_child(sup, spec), or ExUnit's start_supervised(spec);
// nil for any other call. OTP006 (what may be started at run time) and the supervision
// tree (what a DynamicSupervisor starts) read dynamic starts through it.
func DynamicStartSpec(c *elixir.Call) *source.Node {
	switch c.Module {
	case "DynamicSupervisor", "Supervisor", ":supervisor":
		if c.Name == "start_child" && len(c.Args) > 1 {
			return c.Args[1]
		}
	case "":
		if (c.Name == "start_supervised" || c.Name == "start_supervised!") && len(c.Args) > 0 {
			return c.Args[0]
		}
	}
	return nil
}

// DynamicChildModule reads the module (as written) a dynamically started spec starts,
// following a variable bound in the same form (bindings: elixir.Bindings of the form);
// "" when it cannot be read (a parameter, a computed spec).
func DynamicChildModule(f *source.File, spec *source.Node, bindings map[string]*source.Node) string {
	spec = elixir.Unwrap(spec)
	if spec.Type() == "identifier" {
		if b := bindings[f.Slice(spec)]; b != nil {
			spec = elixir.Unwrap(b)
		}
	}
	if c, ok := elixir.AsCall(f, spec); ok && c.Name == "child_spec" && c.Module != "Supervisor" {
		return c.Module // Mod.child_spec(arg)
	}
	return ChildSpecModule(f, spec)
}
