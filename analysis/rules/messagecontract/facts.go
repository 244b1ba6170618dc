package messagecontract

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/processes"
	"github.com/otpls/otpls/analysis/source"
)

// The handler heads, the reading of a send's target and the matching of a message against
// a head are the process model's (analysis/processes), which the editor's navigation
// between sends and handlers shares.

// serverOf resolves a send's target to the summary of the GenServer module it reaches:
// the module itself (a module name or __MODULE__, resolved), or the one module of the
// workspace that registers the name; nil when that is not known exactly (a pid, a via
// tuple, a name two modules register, a module defined twice).
func serverOf(p *analysis.Pass, em *elixir.Module, target *source.Node) *index.Module {
	return processes.Server(p.Index, processes.TargetOf(p.File, em, target))
}
