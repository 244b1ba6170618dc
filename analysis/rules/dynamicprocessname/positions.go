package dynamicprocessname

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// position is a place in the code that names a process.
type position struct {
	where string
	value *source.Node
}

// erlangStarters take `{:local, name}` / `{:global, name}` as their first argument.
var erlangStarters = map[string]bool{":gen_server": true, ":gen_statem": true, ":gen_event": true, ":supervisor": true}

// namePositions lists the file's name positions: the `name:` option of a start call
// (`start`, `start_link`, `*_start_link`, `start_child`, `child_spec`) or of a child spec
// tuple (`{Mod, name: x}`), the first argument `{:local | :global, x}` of the Erlang
// behaviours' starts, and the name of `Process.register/2` and `:erlang.register/2`.
func namePositions(p *analysis.Pass) []position {
	f := p.File
	var out []position
	calls := p.Calls()
	for i := range calls {
		c := &calls[i]
		switch {
		case c.Module == "Process" && c.Name == "register" && c.Arity() == 2:
			out = append(out, position{"Process.register/2", c.Args[1]})
		case c.Module == ":erlang" && c.Name == "register" && c.Arity() == 2:
			out = append(out, position{":erlang.register/2", c.Args[0]})
		case c.Module != "" && (strings.HasSuffix(c.Name, "start_link") || c.Name == "start" || c.Name == "start_child" || c.Name == "child_spec"):
			for _, a := range c.Args {
				if v := elixir.KeywordValue(f, a, "name"); v != nil {
					out = append(out, position{"name:", v})
				}
			}
			if erlangStarters[c.Module] && len(c.Args) > 0 && c.Args[0].Type() == "tuple" {
				out = append(out, position{"the name", c.Args[0]})
			}
		}
	}
	var buf [3]*source.Node // the elements of the tuples wanted, without an allocation a tuple
	for _, t := range p.Nodes("tuple") {
		els := t.AppendNamedChildren(buf[:0])
		if len(els) != 2 || els[0].Type() != "alias" {
			continue
		}
		if v := elixir.KeywordValue(f, els[1], "name"); v != nil {
			out = append(out, position{"name:", v})
		}
	}
	return out
}
