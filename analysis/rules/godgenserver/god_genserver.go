// Package godgenserver is OTP001 god-genserver: one GenServer holding several unrelated
// concerns, found as groups of state fields that no callback uses together.
package godgenserver

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
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
	Run:      run,
}

var minConcerns = analysis.IntOption("min_concerns", 3, "how many concerns make a module a god GenServer.")

// handlers are the clauses whose state use defines the concerns, with the state's index.

func run(p *analysis.Pass) {
	min := minConcerns.Get(p)
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil || !ms.Is("GenServer") || em.Body == nil {
			continue
		}
		check(p, em, min)
	}
}

// concern is a group of fields some callbacks use together, with one clause that does.
type concern struct {
	fields []string
	clause *source.Node // a handler clause head, or init/1's for fields no handler uses
}

func check(p *analysis.Pass, em *elixir.Module, min int) {
	defs, order := p.Defs(em)
	uf := unionFind{}
	example := map[string]*source.Node{} // field -> a clause touching it
	for _, d := range order {
		// handle_continue and terminate count too: a field only they use is not a
		// concern apart.
		idx, ok := elixir.StateParam(d)
		if !ok {
			continue
		}
		use := elixir.StateUseOf(p.File, p.Nodes("identifier"), p.Tails, defs, d, idx)
		if use.Whole {
			return // a clause may depend on every field: the concerns cannot be told apart
		}
		var first string
		for f := range use.Fields { // order is irrelevant: all of them join one concern
			uf.add(f)
			if _, seen := example[f]; !seen {
				example[f] = d.Head
			}
			if first == "" {
				first = f
			} else {
				uf.union(first, f)
			}
		}
	}
	initHead, initFields := initState(p.File, em, defs)
	for _, f := range initFields {
		if _, ok := uf.parent[f]; !ok {
			uf.add(f)
			example[f] = initHead
		}
	}
	groups := map[string][]string{}
	for f := range uf.parent {
		r := uf.find(f)
		groups[r] = append(groups[r], f)
	}
	if len(groups) < min || len(groups) < 2 {
		return
	}
	var concerns []concern
	for _, fs := range groups {
		sort.Strings(fs)
		clause := example[fs[0]]
		for _, f := range fs {
			if example[f] != initHead {
				clause = example[f]
				break
			}
		}
		concerns = append(concerns, concern{fields: fs, clause: clause})
	}
	sort.Slice(concerns, func(i, j int) bool {
		return concerns[i].clause.Start < concerns[j].clause.Start || concerns[i].clause.Start == concerns[j].clause.Start && concerns[i].fields[0] < concerns[j].fields[0]
	})
	var shown []string
	for _, c := range concerns {
		shown = append(shown, strings.Join(c.fields, ", "))
	}
	d := p.Report(em.NameNode, "%s holds %d unrelated concerns in one process (%s): no callback uses fields of two of them, yet each request waits behind the others' and one crash loses all their state; split them into separate servers",
		em.Name, len(concerns), "["+strings.Join(shown, "] [")+"]")
	for _, c := range concerns {
		msg := "uses " + strings.Join(c.fields, ", ")
		if c.clause == initHead {
			msg = strings.Join(c.fields, ", ") + ": set in init/1, used by no callback"
		}
		d.Related = append(d.Related, analysis.Related{Loc: p.Loc(c.clause), Message: msg})
	}
}

// initState reads the fields of the state init/1 returns that hold collections (a map, a
// list, a MapSet, a queue...): a map or struct literal in its `{:ok, state}` tail, directly
// or through a variable bound in init, with a struct's defstruct defaults. Scalar fields (a
// counter, a flag, the start options) no callback uses are left out: they are unused
// settings, not concerns of their own.
func initState(f *source.File, em *elixir.Module, defs map[string][]elixir.Def) (*source.Node, []string) {
	inits := defs["init/1"]
	if len(inits) == 0 {
		return nil, nil
	}
	fields := map[string]bool{}
	states, _ := elixir.InitStates(f, defs)
	for _, state := range states {
		pairs, structName := elixir.MapLiteral(f, state)
		for _, pair := range pairs {
			if elixir.HoldsCollection(f, pair.Value) {
				fields[pair.Key] = true
			}
		}
		if structName != "" {
			for _, sf := range elixir.DefstructFields(f, em.Body) {
				if elixir.HoldsCollection(f, sf.Default) {
					fields[sf.Name] = true
				}
			}
		}
	}
	return inits[0].Head, slices.Sorted(maps.Keys(fields))
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

func (u *unionFind) union(a, b string) { u.parent[u.find(a)] = u.find(b) }
