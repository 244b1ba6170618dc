// Package godgenserver is OTP001 god-genserver: one GenServer holding several unrelated
// concerns, found as groups of state fields that no callback uses together.
package godgenserver

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
)

// Analyzer is OTP001.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP001",
	Name:     "god-genserver",
	Title:    "GenServer holding several unrelated concerns",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Options:  []analysis.OptionDecl{minConcerns},
	Facts:    []*index.FactKind{concernsFact.Kind()},
	Run:      run,
}

var minConcerns = analysis.IntOption("min_concerns", 3, "how many concerns make a module a god GenServer.")

func run(p *analysis.Pass) {
	if p.Summary == nil {
		return
	}
	min := minConcerns.Get(p)
	for _, m := range p.Summary.Modules {
		if concerns, ok := concernsFact.Of(m); ok && len(concerns) >= min {
			report(p, m, concerns)
		}
	}
}

func report(p *analysis.Pass, m *index.Module, concerns []concern) {
	var shown []string
	for _, c := range concerns {
		shown = append(shown, strings.Join(c.fields, ", "))
	}
	d := p.ReportRange(m.NameSpan.Start(), m.NameSpan.End(), "%s holds %d unrelated concerns in one process (%s): no callback uses fields of two of them, yet each request waits behind the others' and one crash loses all their state; split them into separate servers",
		m.Name, len(concerns), "["+strings.Join(shown, "] [")+"]")
	for _, c := range concerns {
		msg := "uses " + strings.Join(c.fields, ", ")
		if c.initOnly {
			msg = strings.Join(c.fields, ", ") + ": set in init/1, used by no callback"
		}
		d.Related = append(d.Related, analysis.Related{Loc: index.Loc{Path: p.File.Path, Span: c.at}, Message: msg})
	}
}

// unionFind groups fields into concerns.
type unionFind struct{ parent map[string]string }

func (u *unionFind) add(x string) {
	if u.parent == nil {
		u.parent = map[string]string{}
	}
	if _, ok := u.parent[x]; !ok {
		u.parent[x] = x
	}
}

func (u *unionFind) find(x string) string {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *unionFind) union(a, b string) {
	if ra, rb := u.find(a), u.find(b); ra != rb {
		u.parent[ra] = rb
	}
}
