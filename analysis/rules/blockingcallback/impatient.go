package blockingcallback

import (
	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
)

// maxPatientMillis is the largest call timeout taken as "short": callers that give up this
// soon, and catch the exit, are built to tolerate a busy server.
const maxPatientMillis = 1_000

// impatientCallers reports whether every synchronous caller of the server gives up soon:
// no other module calls it, the module's own GenServer.call/:gen_server.call sites (at
// least one) each pass a literal timeout of at most maxPatientMillis and catch the :exit
// of a timeout around the call. It returns the largest of those timeouts
// (docs/rules/OTP003.md).
func impatientCallers(p *analysis.Pass, em *elixir.Module) (int64, bool) {
	if p.Index == nil || p.Index.OutsideUses(em.Name).Call {
		return 0, false
	}
	var most int64
	seen := false
	for _, c := range p.CallsIn(em.Body) {
		if module := em.Resolve(c.Module); c.Name != "call" || module != "GenServer" && module != ":gen_server" || p.Module(c.Node) != em {
			continue
		}
		if len(c.Args) != 3 {
			return 0, false
		}
		ms, ok := bounds{p: p, em: em, at: c.Node}.millis(c.Args[2], maxBoundSteps)
		if !ok || ms > maxPatientMillis || !elixir.ExitCaught(p.File, c.Node) {
			return 0, false
		}
		seen = true
		most = max(most, ms)
	}
	return most, seen
}
