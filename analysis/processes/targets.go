package processes

import (
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// TargetOf reads a send's target as written in module em: a module name (an alias or
// `__MODULE__` resolved) or an atom (":cache"); "" for anything else (a pid, a variable, a
// via tuple). This is what OTP014 follows; the send sites of the model also follow module
// attributes and `self()` (see targetIn).
func TargetOf(f *source.File, em *elixir.Module, n *source.Node) string {
	name := elixir.ModuleOrAtom(f, n)
	if name == "" || strings.HasPrefix(name, ":") {
		return name
	}
	return em.Resolve(name)
}

// RegisteredNamesFact is the names a module registers in its start (`name: :cache`,
// `name: MyApp.Cache`) other than its own. It holds no positions: an edit that changes
// no registration changes no fact, and registrants, read for every send whose target is
// such a name, is taken over by the next snapshot instead of going through every module
// of the workspace on every keystroke.
var RegisteredNamesFact = index.NewFact("processes.registered-names", func(ms index.ModuleSource) ([]string, bool) {
	var out []string
	for _, n := range ms.Summary.RegisteredNames {
		if n != ms.Summary.Name {
			out = append(out, n)
		}
	}
	return out, len(out) > 0
})

// registrants maps each name that modules register to those modules.
var registrants = index.NewView("processes.registrants", func(s *index.Snapshot) map[string][]string {
	out := map[string][]string{}
	for _, h := range RegisteredNamesFact.In(s) {
		for _, n := range h.Value {
			out[n] = append(out[n], h.Module.Name)
		}
	}
	return out
})

// Server finds the GenServer module a target (as TargetOf reads it) names: the module of
// that name, or the one module of the workspace that registers that name (an atom, or a
// module name no module of the workspace has); nil when it is not known exactly (no
// target, a name two modules register, a module defined twice, a module that is not a
// GenServer).
func Server(s *index.Snapshot, target string) *index.Module {
	if target == "" {
		return nil
	}
	found := s.ModulesNamed(target)
	if len(found) == 0 || strings.HasPrefix(target, ":") {
		mods := registrants.Of(s)[target]
		if len(mods) != 1 {
			return nil
		}
		found = s.ModulesNamed(mods[0])
	}
	if len(found) != 1 || !found[0].Is("GenServer") {
		return nil
	}
	return found[0]
}
