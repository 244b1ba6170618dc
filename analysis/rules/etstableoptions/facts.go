package etstableoptions

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
)

// remoteCall is a call a module makes of a function of an Elixir module, its module
// resolved: what the rule asks of the workspace's calls (who calls a function that uses a
// table, and whether every call passes a key as a literal).
type remoteCall struct {
	Module, Name string // the summary's strings: an entry adds no text to the index
	Arity        uint8  // Erlang's limit is 255
	LiteralArgs  uint8  // index.Call.LiteralArgs
	Own          bool   // a call of the module's own function, written Module.name(...)
}

func (c remoteCall) key() string { return c.Module + "." + elixir.FuncID(c.Name, int(c.Arity)) }

// remoteCallsFact is the module's remote calls, each kind once, sorted: none for a test
// file's module (a test that calls an API is no evidence of how it runs), none of an
// Erlang module or of Elixir's own (elixir.StandardModule): they never reach a function
// that uses a table of the workspace, and are most of the calls. It holds no positions, so an edit that changes no call changes no fact
// and the views over it (callersView, callSitesView) are taken over by the next snapshot:
// a keystroke in a file with a table does not scan the workspace's calls again.
var remoteCallsFact = index.NewFact("OTP010.remote-calls", func(ms index.ModuleSource) ([]remoteCall, bool) {
	m := ms.Summary
	if analysis.IsTestFile(m.Path) {
		return nil, false
	}
	var out []remoteCall
	for i := range m.Calls {
		c := &m.Calls[i]
		if c.Module == "" || strings.HasPrefix(c.Module, ":") || elixir.StandardModule(c.Module) || c.Arity > math.MaxUint8 {
			continue
		}
		out = append(out, remoteCall{Module: c.Module, Name: c.Name, Arity: uint8(c.Arity), LiteralArgs: c.LiteralArgs, Own: c.Module == m.Name})
	}
	slices.SortFunc(out, func(a, b remoteCall) int {
		return cmp.Or(cmp.Compare(a.Module, b.Module), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Arity, b.Arity),
			cmp.Compare(a.LiteralArgs, b.LiteralArgs), compareBool(a.Own, b.Own))
	})
	out = slices.Compact(out)
	return out, len(out) > 0
})

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// callersView maps "Module.fun/arity" to the other modules that call it.
var callersView = index.NewView("OTP010.callers", func(s *index.Snapshot) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, h := range remoteCallsFact.In(s) {
		for _, c := range h.Value {
			if c.Own {
				continue
			}
			k := c.key()
			if out[k] == nil {
				out[k] = map[string]bool{}
			}
			out[k][h.Module.Name] = true
		}
	}
	return out
})

// callSitesView maps "Module.fun/arity" to the LiteralArgs its calls pass (each kind
// once: whether every call passes a literal is what is asked).
var callSitesView = index.NewView("OTP010.call-sites", func(s *index.Snapshot) map[string][]uint8 {
	out := map[string][]uint8{}
	for _, h := range remoteCallsFact.In(s) {
		for _, c := range h.Value {
			k := c.key()
			if !slices.Contains(out[k], c.LiteralArgs) {
				out[k] = append(out[k], c.LiteralArgs)
			}
		}
	}
	return out
})
