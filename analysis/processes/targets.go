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

// registrants maps each name that modules register (`name: :cache`, `name: MyApp.Cache`
// in their start) to those modules.
var registrants = index.NewView("processes.registrants", func(s *index.Snapshot) map[string][]string {
	out := map[string][]string{}
	s.Modules(func(m *index.Module) {
		for _, n := range m.RegisteredNames {
			if n != m.Name {
				out[n] = append(out[n], m.Name)
			}
		}
	})
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
