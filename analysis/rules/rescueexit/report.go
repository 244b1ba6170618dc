package rescueexit

import (
	"fmt"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
)

// report puts one finding on the first exiting call of g; the rescue and the other exiting
// calls are related places.
func report(p *analysis.Pass, g guarded) {
	first := g.exits[0]
	d := p.Report(first.call.Node, "%s", message(p, g, first))
	d.Related = append(d.Related, analysis.Related{Loc: p.Loc(g.rescue), Message: "this rescue catches exceptions, not exits"})
	for _, x := range g.exits[1:] {
		d.Related = append(d.Related, analysis.Related{Loc: p.Loc(x.call.Node), Message: x.name + " also fails by exiting when " + x.how})
	}
	if fx, ok := fix(p, g); ok {
		d.Fixes = append(d.Fixes, fx)
	}
}

func message(p *analysis.Pass, g guarded, x exiting) string {
	where := "the rescue of this try"
	if d, ok := elixir.AsDef(p.File, g.owner.Node); ok {
		where = fmt.Sprintf("the rescue of %s/%d", d.Name, d.Arity())
	}
	return fmt.Sprintf("%s fails by exiting, not raising, when %s: %s catches exceptions only, so the exit passes straight through it (add a catch :exit clause)", x.name, x.how, where)
}
