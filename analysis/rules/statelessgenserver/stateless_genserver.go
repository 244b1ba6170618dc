// Package statelessgenserver is OTP002 stateless-genserver: a GenServer that holds no
// state and does nothing a process is needed for, used to organise code.
package statelessgenserver

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP002.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP002",
	Name:     "stateless-genserver",
	Title:    "GenServer with no state to hold",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Run:      run,
}

func run(p *analysis.Pass) {
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil || !ms.Is("GenServer") || em.Body == nil {
			continue
		}
		defs, order := p.Defs(em)
		initClause, constant, ok := constantInit(p.File, defs)
		if !ok {
			continue
		}
		handlers := 0
		stateless := true
		for _, d := range order {
			idx, isHandler := elixir.StateParam(d)
			if !isHandler || d.Name == "terminate" {
				continue
			}
			handlers++
			if d.Name == "handle_info" || !keepsState(p, defs, d, idx, constant) {
				stateless = false // messages from elsewhere (timers, monitors), or real state
			}
		}
		if handlers == 0 || !stateless || needsProcess(p.File, em) {
			continue
		}
		d := p.Report(em.NameNode, "%s is a GenServer with no state: init/1 returns %s and no callback reads or changes it, so the process only serialises calls that could run in the caller; make it a plain module", em.Name, p.File.Slice(constant))
		d.Related = append(d.Related, analysis.Related{Loc: p.Loc(initClause.Head), Message: "the state, never used"})
		if fx, ok := toPlainModule(p, em, defs, order); ok {
			d.Fixes = append(d.Fixes, fx)
		}
	}
}

// constantInit: every init/1 clause returns {:ok, c} with the same constant c (nil, %{},
// [], {}, an atom).
func constantInit(f *source.File, defs map[string][]elixir.Def) (elixir.Def, *source.Node, bool) {
	inits := defs["init/1"]
	if len(inits) == 0 {
		return elixir.Def{}, nil, false
	}
	var constant *source.Node
	for _, d := range inits {
		tails := elixir.Tails(f, d.Body)
		if len(tails) == 0 {
			return elixir.Def{}, nil, false
		}
		for _, t := range tails {
			els := elixir.Elements(t)
			if t.Type() != "tuple" || len(els) != 2 || f.Slice(els[0]) != ":ok" || !isConstant(f, els[1]) {
				return elixir.Def{}, nil, false
			}
			if constant != nil && f.Slice(constant) != f.Slice(els[1]) {
				return elixir.Def{}, nil, false
			}
			constant = els[1]
		}
	}
	return inits[0], constant, true
}

func isConstant(f *source.File, n *source.Node) bool {
	switch n.Type() {
	case "nil", "atom", "boolean":
		return true
	case "map", "list", "tuple":
		return len(n.NamedChildren()) == 0
	}
	return false
}

// keepsState: the clause never reads its state and every tail returns it unchanged (the
// state variable, or the init constant when the parameter is ignored).
func keepsState(p *analysis.Pass, defs map[string][]elixir.Def, d elixir.Def, idx int, constant *source.Node) bool {
	f := p.File
	if d.Body == nil {
		return false
	}
	if elixir.StateUseOf(f, p.Tails, defs, d, idx).Touches() {
		return false
	}
	state := elixir.StateName(f, d.Params[idx])
	for _, t := range p.Tails(d.Body) {
		els := elixir.Elements(t)
		if t.Type() != "tuple" || len(els) < 2 {
			return false
		}
		last := els[len(els)-1]
		switch tag := f.Slice(els[0]); {
		case tag == ":reply" && len(els) == 3 && d.Name == "handle_call":
		case tag == ":noreply" && len(els) == 2 && d.Name != "handle_call":
		default:
			// {:stop, ...}: a server that stops itself has a lifecycle; a call answered
			// later (GenServer.reply from a task) is coordinated by the process.
			return false
		}
		same := state != "" && last.Type() == "identifier" && f.Slice(last) == state ||
			state == "" && f.Slice(last) == f.Slice(constant)
		if !same {
			return false
		}
	}
	return true
}

// needsProcess reports whether the module does something only a process can: I/O,
// timers, monitors, links, trapping exits, ports, sockets, its own mailbox or pid.
func needsProcess(f *source.File, em *elixir.Module) bool {
	found := false
	em.Body.Walk(func(n *source.Node) bool {
		c, ok := elixir.AsCall(f, n)
		if !ok || found {
			return !found
		}
		module := em.Resolve(c.Module)
		if _, slow := elixir.SlowWork(module, c.Name, c.Arity()); slow {
			found = true
		}
		switch module {
		case "Process", ":timer", "Port", ":gen_tcp", ":gen_udp", ":ssl", ":ets", "IO", "Registry", ":erlang":
			found = true
		case "":
			switch c.Name {
			case "receive", "self", "send", "spawn", "spawn_link", "spawn_monitor":
				found = true
			}
		}
		return !found
	})
	return found
}
