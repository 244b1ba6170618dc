package godgenserver

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// concern is a group of state fields some callbacks use together, with the clause it is
// shown at.
type concern struct {
	fields []string // sorted
	// at is the head of a handler clause that uses the fields, or init/1's for fields no
	// handler uses (initOnly).
	at       index.Span
	initOnly bool
}

// concernsFact is a GenServer module's concerns, when it has at least two (a module with
// fewer, or whose state some clause uses whole, has none and pays nothing in the index).
// A form's part is what a def clause does with the parameters that may carry the state (a
// handler's state, each parameter of a helper it may be passed to), read from the clause
// alone with the helpers it is passed to named, not followed (elixir.LocalStateUse); or the
// collection fields init/1 or a defstruct declares. A keystroke in one function reads
// again only that function; combining follows the helpers through the module's parts
// (elixir.ResolveStateUse), so an edit in a helper changes what the handlers that pass it
// the state use.
var concernsFact = index.NewFormFact("OTP001.concerns", statePartOf, concernsOf)

// statePart is a form's part of concernsFact. Names are slices of the text the form was
// read from (as in the form's cached summary, which is read from the same text: a part
// keeps no other version alive); positions are relative to the form. The fact copies
// the names it keeps.
type statePart struct {
	// id is the clause's function, "name/arity"; "" for a defstruct form.
	id   string
	head index.FormSpan
	// handler: a handler clause (elixir.StateParam), and state what it does with its state.
	handler bool
	state   elixir.LocalStateUse
	// params are what a clause of a function other than a callback (a helper the state
	// may be passed to) does with each of its parameters (elixir.LocalStateUses).
	params []elixir.LocalStateUse
	// collections are, for init/1, the fields of the states it returns whose values hold
	// collections, and for a defstruct the fields whose defaults do; structState: init/1
	// returns a struct, whose defstruct defaults count too.
	collections []string
	structState bool
}

func statePartOf(fs index.FormSource) (statePart, bool) {
	f := fs.File
	d, ok := elixir.AsDef(f, fs.Form)
	if !ok {
		var sp statePart
		for _, sf := range elixir.DefstructOf(f, fs.Form) {
			if elixir.HoldsCollection(f, sf.Default) {
				sp.collections = append(sp.collections, sf.Name)
			}
		}
		return sp, len(sp.collections) > 0
	}
	tails := func(body *source.Node) []*source.Node { return elixir.Tails(f, body) }
	sp := statePart{id: d.ID(), head: fs.Rel(d.Head)}
	switch i, handler := elixir.StateParam(d); {
	case handler:
		sp.handler, sp.state = true, elixir.LocalStateUseOf(f, d, i, tails)
	case sp.id == "init/1":
		states, _ := elixir.InitClauseStates(f, d)
		for _, state := range states {
			pairs, structName := elixir.MapLiteral(f, state)
			for _, pair := range pairs {
				if elixir.HoldsCollection(f, pair.Value) && !slices.Contains(sp.collections, pair.Key) {
					sp.collections = append(sp.collections, pair.Key)
				}
			}
			sp.structState = sp.structState || structName != ""
		}
	case elixir.Callbacks[sp.id]:
		return statePart{}, false // the state is never followed into a callback
	default:
		// Kept even when it uses no parameter: a call passing the state to it uses none
		// of the state, where a call to a function the module lacks uses all of it.
		sp.params = elixir.LocalStateUses(f, d, tails)
	}
	return sp, true
}

// concernsOf groups the fields the handler clauses use (handle_continue and terminate
// count too: a field only they use is not a concern apart), following the helpers the
// state is passed to, with init/1's collection fields no handler uses as concerns of
// their own (initFields).
func concernsOf(ms index.ModuleSource, parts index.FormParts[statePart]) ([]concern, bool) {
	if !ms.Summary.Is("GenServer") {
		return nil, false // most modules: no part is read
	}
	all := parts.All()
	var clauses map[string][][]elixir.LocalStateUse // made when a handler first passes the state on
	helper := func(id string) ([][]elixir.LocalStateUse, bool) {
		if clauses == nil {
			clauses = make(map[string][][]elixir.LocalStateUse, len(all))
			for _, p := range all {
				if p.Value.id != "" {
					clauses[p.Value.id] = append(clauses[p.Value.id], p.Value.params)
				}
			}
		}
		l, ok := clauses[id]
		return l, ok
	}
	uf := unionFind{}
	const fromInit = -1
	example := map[string]int{} // field -> the index in all of a clause touching it, or fromInit
	var fields []string         // a clause's, reused from clause to clause
	for i, p := range all {
		if !p.Value.handler {
			continue
		}
		var whole bool
		if fields, whole = elixir.ResolveStateUse(p.Value.state, helper, fields[:0]); whole {
			return nil, false // a clause may depend on every field: the concerns cannot be told apart
		}
		for _, f := range fields { // all of them join one concern
			if _, seen := example[f]; !seen { // the fields seen are the union-find's
				example[f] = i
				uf.add(f)
			}
			if f != fields[0] {
				uf.union(fields[0], f)
			}
		}
	}
	initAt := -1 // the first init/1 clause, where fields no handler uses are shown
	for _, f := range initFields(all, &initAt) {
		if _, ok := uf.parent[f]; !ok {
			uf.add(f)
			example[f] = fromInit
		}
	}
	groups := map[string][]string{}
	for f := range uf.parent {
		r := uf.find(f)
		groups[r] = append(groups[r], f)
	}
	if len(groups) < 2 {
		return nil, false
	}
	concerns := make([]concern, 0, len(groups))
	for _, fs := range groups {
		sort.Strings(fs)
		at := example[fs[0]]
		for _, f := range fs {
			if example[f] != fromInit {
				at = example[f]
				break
			}
		}
		c := concern{fields: make([]string, len(fs)), initOnly: at == fromInit}
		for i, f := range fs {
			c.fields[i] = strings.Clone(f) // the fact outlives the text the names are cut from
		}
		if c.initOnly {
			at = initAt
		}
		c.at = all[at].Span(ms, all[at].Value.head)
		concerns = append(concerns, c)
	}
	sort.Slice(concerns, func(i, j int) bool {
		a, b := concerns[i], concerns[j]
		return a.at.Start() < b.at.Start() || a.at.Start() == b.at.Start() && a.fields[0] < b.fields[0]
	})
	return concerns, true
}

// initFields are the fields of the state init/1 returns that hold collections (a map, a
// list, a MapSet, a queue...): a map or struct literal in its `{:ok, state}` tail, directly
// or through a variable bound in init, with a struct's defstruct defaults. Scalar fields
// (a counter, a flag, the start options) no callback uses are left out: they are unused
// settings, not concerns of their own. initAt is set to the index of the first init/1
// clause in all.
func initFields(all []index.FormPart[statePart], initAt *int) []string {
	fields := map[string]bool{}
	structState := false
	for i, p := range all {
		if p.Value.id != "init/1" {
			continue
		}
		if *initAt < 0 {
			*initAt = i
		}
		for _, f := range p.Value.collections {
			fields[f] = true
		}
		structState = structState || p.Value.structState
	}
	if structState {
		for _, p := range all {
			if p.Value.id == "" { // a defstruct
				for _, f := range p.Value.collections {
					fields[f] = true
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(fields))
}
