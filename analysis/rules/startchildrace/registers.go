package startchildrace

import (
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// Registers says whether a function starts a process under a name (docs/rules/OTP017.md):
// a second start of a named process fails with `{:error, {:already_started, pid}}`.
type Registers uint8

const (
	// RegistersNothing: no start call of the function passes a name.
	RegistersNothing Registers = iota
	// RegistersCallersName: the name comes from the caller's options (`name: opts[:name]`,
	// `Keyword.get(opts, :name)`, or the options passed on whole): named only when the
	// caller gives one.
	RegistersCallersName
	// RegistersName: a name of its own (`name: __MODULE__`, `name: via(id)`,
	// `{:local, name}`, `{:via, Registry, key}`).
	RegistersName
)

// startRegisters reads what the process start call c (its module as written) registers: a
// `name:` option, a first argument `{:local | :global | :via, ...}` (the :gen_server form),
// or options passed on whole.
func startRegisters(f *source.File, c *elixir.Call) Registers {
	for _, a := range c.Args {
		if v := elixir.KeywordValue(f, a, "name"); v != nil {
			return nameSource(f, v)
		}
	}
	if len(c.Args) > 0 && c.Args[0].Type() == "tuple" {
		if els := elixir.Elements(c.Args[0]); len(els) >= 2 {
			if scope, _ := elixir.AtomName(f, els[0]); scope == "local" || scope == "global" || scope == "via" {
				return RegistersName
			}
		}
	}
	if opts := optionsArgument(c); opts != nil && elixir.Unwrap(opts).Type() == "identifier" {
		return RegistersCallersName
	}
	return RegistersNothing
}

// nameSource classifies a `name:` value: nil names nothing, a read of the caller's
// options may be nil, anything else is a name.
func nameSource(f *source.File, v *source.Node) Registers {
	v = elixir.Unwrap(v)
	if v.Type() == "nil" {
		return RegistersNothing
	}
	if c, ok := elixir.AsCall(f, v); ok && c.Module == "Keyword" && (c.Name == "get" || c.Name == "take") {
		return RegistersCallersName
	}
	if v.Type() == "access_call" {
		return RegistersCallersName // opts[:name]
	}
	return RegistersName
}

// optionsArgument is the start options argument of a process start call, nil when it has
// none or the call is not one whose options are known.
func optionsArgument(c *elixir.Call) *source.Node {
	at := -1
	switch c.Module {
	case "GenServer", "GenStage", ":gen_server", ":gen_statem":
		if c.Arity() == 3 {
			at = 2
		}
	case "Agent":
		switch c.Arity() {
		case 2:
			at = 1
		case 4:
			at = 3
		}
	case "DynamicSupervisor", "Registry", "PartitionSupervisor", "Task.Supervisor":
		if c.Arity() == 1 {
			at = 0
		} else if c.Arity() == 3 {
			at = 2
		}
	case "Supervisor":
		if c.Arity() == 3 {
			at = 2
		}
	}
	if at < 0 {
		return nil
	}
	return c.Args[at]
}

// registersFact is, for each function of a module that starts a process, what its start
// calls register (the most any of its clauses does): a child spec of the module, started
// again while running, fails as "already started" only when the start registers a name.
// A def form's part is its function with what its start calls register (the most).
var registersFact = index.NewFormFact("OTP017.registers", func(fs index.FormSource) (registering, bool) {
	d, ok := elixir.AsDef(fs.File, fs.Form)
	if !ok {
		return registering{}, false
	}
	calls := fs.Calls()
	most := RegistersNothing
	for i := range calls {
		c := &calls[i]
		if c.Module == "" || !(strings.HasSuffix(c.Name, "start_link") || c.Name == "start") {
			continue
		}
		most = max(most, startRegisters(fs.File, c))
	}
	return registering{fn: d.ID(), registers: most}, most != RegistersNothing
}, func(ms index.ModuleSource, parts index.FormParts[registering]) (map[string]Registers, bool) {
	var out map[string]Registers
	for _, p := range parts.All() {
		if out == nil {
			out = map[string]Registers{}
		}
		out[p.Value.fn] = max(out[p.Value.fn], p.Value.registers)
	}
	return out, out != nil
})

// registering is a function's start calls' registration, in one clause.
type registering struct {
	fn        string
	registers Registers
}
