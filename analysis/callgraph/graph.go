package callgraph

import (
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/otpls/otpls/analysis/index"
)

// Edge is one synchronous call from server From to server To, made at Site.
type Edge struct {
	From, To string
	Site     Site
	// Via is the API function the call goes through ("Counter.get/0"), "" for a direct call.
	Via string
	// Request is the shape of the request To is sent (index.MessageShape, "" when unknown):
	// which of To's handle_call/3 clauses can answer it.
	Request string
}

// Self reports whether the server calls itself (a certain exit, never a reply).
func (e *Edge) Self() bool { return e.From == e.To }

// Graph is the synchronous call graph of one index snapshot. What rules read (edges,
// components, chains) is immutable once built.
type Graph struct {
	out     map[string][]*Edge // node -> its outgoing edges
	sccOf   map[string]int
	cyclic  map[int]bool // SCCs with more than one node
	longest map[chainKey]chainStep
	byPath  map[string][]*Edge
	// Recomputed counts the files whose facts or edges were recomputed (for tests and
	// benchmarks of incremental updates).
	Recomputed int

	// st is the bookkeeping that lets the next graph be derived from this one. Only the
	// newest graph holds it: Update takes it over and changes it in place, so an update
	// costs what the edit touches, not what the workspace holds.
	st atomic.Pointer[state]
}

// state is the incremental bookkeeping: per-file facts and edges, and who depends on what.
type state struct {
	// gen is the generation of the snapshot the state was last updated for.
	gen      uint64
	files    map[string]*fileState
	byName   map[string][]*facts // module name -> its definitions, in path order
	regNames map[string][]string // ":atom" registered name -> modules registering it
	// dependents maps a name (module or registered atom) to the files whose edges
	// resolved it, so a change of that name re-resolves exactly those.
	dependents map[string]map[*fileState]bool
	withEdges  map[*fileState]bool
}

type fileState struct {
	summary *index.FileSummary
	facts   []*facts
	edges   []*Edge
	deps    []string
}

// Build computes the graph of snap from scratch.
func Build(snap *index.Snapshot) *Graph { return Update(nil, snap) }

// Update computes the graph of snap from prev, the graph of an earlier snapshot of the
// same workspace (or nil): facts are recomputed only for files whose summary changed,
// and edges only for those files and the files whose calls name a changed module. When
// prev has already been updated (its bookkeeping was taken), this builds from scratch.
func Update(prev *Graph, snap *index.Snapshot) *Graph {
	var st *state
	if prev != nil {
		st = prev.st.Swap(nil)
	}
	if st == nil {
		st = &state{files: map[string]*fileState{}, byName: map[string][]*facts{}, regNames: map[string][]string{},
			dependents: map[string]map[*fileState]bool{}, withEdges: map[*fileState]bool{}}
	}
	g := &Graph{}
	changed := map[string]bool{}
	var fresh []*fileState
	// The files to look at: those changed since the snapshot st was updated for, when the
	// index still knows them (a keystroke's update costs the edit, not a pass over every
	// path of the workspace); every file otherwise.
	paths, known := snap.Changed(st.gen)
	if !known || len(st.files) == 0 {
		paths = snap.Paths()
	}
	for _, p := range paths {
		fs := snap.File(p)
		old := st.files[p]
		if old != nil && old.summary == fs {
			continue
		}
		if old != nil {
			st.removeFile(p, old, changed)
		}
		if fs == nil {
			continue
		}
		nf := st.addFile(p, fs, changed)
		fresh = append(fresh, nf)
		g.Recomputed++
	}
	if !known && len(st.files) != len(paths) {
		for p, old := range st.files {
			if snap.File(p) == nil {
				st.removeFile(p, old, changed)
			}
		}
	}
	st.gen = snap.Generation
	// Re-resolve the new files and every file whose edges named a changed module.
	redo := map[*fileState]bool{}
	for _, f := range fresh {
		redo[f] = true
	}
	for name := range changed {
		for f := range st.dependents[name] {
			if !redo[f] {
				redo[f] = true
				g.Recomputed++
			}
		}
	}
	for f := range redo {
		st.resolve(f)
	}
	g.analyse(st)
	g.st.Store(st)
	return g
}

func (st *state) addFile(path string, fs *index.FileSummary, changed map[string]bool) *fileState {
	f := &fileState{summary: fs}
	for _, m := range fs.Modules {
		fx := moduleFacts(m)
		f.facts = append(f.facts, fx)
		st.byName[m.Name] = insertByPath(st.byName[m.Name], fx)
		changed[m.Name] = true
		for _, n := range m.RegisteredNames {
			st.regNames[n] = insertName(st.regNames[n], m.Name)
			changed[n] = true
		}
	}
	st.files[path] = f
	return f
}

func (st *state) removeFile(path string, f *fileState, changed map[string]bool) {
	for _, fx := range f.facts {
		m := fx.module
		st.byName[m.Name] = without(st.byName[m.Name], fx)
		if len(st.byName[m.Name]) == 0 {
			delete(st.byName, m.Name)
		}
		changed[m.Name] = true
		for _, n := range m.RegisteredNames {
			changed[n] = true
		}
	}
	st.rebuildRegNames(f, changed)
	st.setEdges(f, nil, nil)
	delete(st.files, path)
}

// rebuildRegNames drops the registered names of f's modules, keeping other modules'.
func (st *state) rebuildRegNames(f *fileState, changed map[string]bool) {
	for _, fx := range f.facts {
		for _, n := range fx.module.RegisteredNames {
			var keep []string
			for _, name := range st.regNames[n] {
				if name != fx.module.Name || len(st.byName[name]) > 0 {
					keep = append(keep, name)
				}
			}
			if len(keep) == 0 {
				delete(st.regNames, n)
			} else {
				st.regNames[n] = keep
			}
		}
	}
}

func insertByPath(xs []*facts, fx *facts) []*facts {
	i, _ := slices.BinarySearchFunc(xs, fx.module.Path, func(x *facts, path string) int { return strings.Compare(x.module.Path, path) })
	for i < len(xs) && xs[i].module.Path == fx.module.Path {
		i++ // after those of the same path, as a stable sort would put it
	}
	return slices.Insert(xs, i, fx)
}

func insertName(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func without(xs []*facts, fx *facts) []*facts {
	out := xs[:0:0]
	for _, x := range xs {
		if x != fx {
			out = append(out, x)
		}
	}
	return out
}

// setEdges replaces f's edges and the names they depend on.
func (st *state) setEdges(f *fileState, edges []*Edge, deps []string) {
	for _, n := range f.deps {
		if d := st.dependents[n]; d != nil {
			delete(d, f)
			if len(d) == 0 {
				delete(st.dependents, n)
			}
		}
	}
	f.edges, f.deps = edges, deps
	for _, n := range deps {
		if st.dependents[n] == nil {
			st.dependents[n] = map[*fileState]bool{}
		}
		st.dependents[n][f] = true
	}
	if len(edges) > 0 {
		st.withEdges[f] = true
	} else {
		delete(st.withEdges, f)
	}
}

// resolve recomputes the edges of f's servers.
func (st *state) resolve(f *fileState) {
	var edges []*Edge
	var deps []string
	for _, fx := range f.facts {
		if fx.server {
			e, d := st.resolveServer(fx)
			edges, deps = append(edges, e...), append(deps, d...)
		}
	}
	st.setEdges(f, edges, deps)
}

// resolveServer turns a server's call sites into edges, and lists the names it looked up.
func (st *state) resolveServer(fx *facts) (edges []*Edge, deps []string) {
	self := fx.module.Name
	for _, s := range fx.sites {
		if s.Target != "" {
			deps = append(deps, s.Target)
			edges = append(edges, &Edge{From: self, To: st.server(s.Target, self), Site: s, Request: s.Request})
			continue
		}
		deps = append(deps, s.Module)
		defs := st.byName[s.Module]
		if len(defs) == 0 {
			continue
		}
		api := defs[0]
		for _, t := range api.api[s.Func] {
			// The API function's targets are names as written in its own module.
			deps = append(deps, t.target)
			edges = append(edges, &Edge{From: self, To: st.server(t.target, api.module.Name), Site: s, Via: s.Call(), Request: t.request})
		}
	}
	return edges, deps
}

// server names the server a call target denotes: registered atoms become their module,
// `self()` the calling module.
func (st *state) server(target, caller string) string {
	switch {
	case target == SelfTarget:
		return caller
	case erlangModule(target):
		if ms := st.regNames[target]; len(ms) > 0 {
			return ms[0]
		}
	}
	return target
}

// analyse finds the strongly connected components and the longest acyclic chains.
func (g *Graph) analyse(st *state) {
	g.out = map[string][]*Edge{}
	g.byPath = map[string][]*Edge{}
	for f := range st.withEdges {
		for _, e := range f.edges {
			g.out[e.From] = append(g.out[e.From], e)
			g.byPath[e.Site.Loc.Path] = append(g.byPath[e.Site.Loc.Path], e)
		}
	}
	for _, es := range g.byPath {
		sort.Slice(es, func(i, j int) bool {
			if es[i].Site.Loc.Start() != es[j].Site.Loc.Start() {
				return es[i].Site.Loc.Start() < es[j].Site.Loc.Start()
			}
			return es[i].To < es[j].To
		})
	}
	for _, es := range g.out {
		sort.Slice(es, func(i, j int) bool {
			if es[i].Site.Loc.Path != es[j].Site.Loc.Path {
				return es[i].Site.Loc.Path < es[j].Site.Loc.Path
			}
			return es[i].Site.Loc.Start() < es[j].Site.Loc.Start()
		})
	}
	g.tarjan()
	// Longest chains are computed here, not on demand: rules of many files read the
	// graph at once, so it must not change after it is built.
	g.longest = map[chainKey]chainStep{}
	for _, es := range g.out {
		for _, e := range es {
			g.longestFrom(chainKey{e.To, e.Request})
		}
	}
}

// tarjan labels every node with its strongly connected component.
func (g *Graph) tarjan() {
	g.sccOf = map[string]int{}
	g.cyclic = map[int]bool{}
	index := map[string]int{}
	low := map[string]int{}
	onStack := map[string]bool{}
	var stack []string
	next, comp := 0, 0
	var visit func(v string)
	visit = func(v string) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		onStack[v] = true
		for _, e := range g.out[v] {
			w := e.To
			if _, seen := index[w]; !seen {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			size := 0
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[w] = false
				g.sccOf[w] = comp
				size++
				if w == v {
					break
				}
			}
			g.cyclic[comp] = size > 1
			comp++
		}
	}
	nodes := make([]string, 0, len(g.out))
	for v := range g.out {
		nodes = append(nodes, v)
	}
	sort.Strings(nodes)
	for _, v := range nodes {
		if _, seen := index[v]; !seen {
			visit(v)
		}
	}
}

// EdgesIn lists the edges whose call site is in path, in source order.
func (g *Graph) EdgesIn(path string) []*Edge { return g.byPath[path] }

// OnCycle reports whether e lies on a cycle of two or more servers.
func (g *Graph) OnCycle(e *Edge) bool {
	if e.Self() {
		return false
	}
	c, ok := g.sccOf[e.From]
	return ok && g.cyclic[c] && g.sccOf[e.To] == c
}

// Cycle returns a shortest cycle through e, starting with e (nil when e is on none).
func (g *Graph) Cycle(e *Edge) []*Edge {
	if !g.OnCycle(e) {
		return nil
	}
	// Breadth-first from e.To back to e.From inside the component.
	comp := g.sccOf[e.From]
	via := map[string]*Edge{e.To: nil}
	queue := []string{e.To}
	for len(queue) > 0 && via[e.From] == nil {
		v := queue[0]
		queue = queue[1:]
		for _, x := range g.out[v] {
			if _, seen := via[x.To]; seen || g.sccOf[x.To] != comp || x.Self() {
				continue
			}
			via[x.To] = x
			queue = append(queue, x.To)
		}
	}
	var back []*Edge
	for v := e.From; v != e.To; v = via[v].From {
		back = append(back, via[v])
	}
	path := []*Edge{e}
	for i := len(back) - 1; i >= 0; i-- {
		path = append(path, back[i])
	}
	return path
}

// chainKey is a server answering a call with a request of a given shape: what it does
// next depends on which handle_call/3 clauses answer that request.
type chainKey struct{ server, request string }

// chainStep is the longest acyclic chain of synchronous calls starting at a server that
// answers a call.
type chainStep struct {
	servers int   // servers on the chain, the first included
	next    *Edge // its first call, nil when the server calls no other
}

// Chain returns the longest chain of synchronous calls that starts with e, following
// edges that are on no cycle (cycles are reported as such). After e, a chain goes on only
// through the code that answers the call: each next server's call is made from a
// handle_call/3 clause that can match the request it was sent, not from its casts, infos
// or other clauses (docs/rules/OTP008.md).
func (g *Graph) Chain(e *Edge) []*Edge {
	if e.Self() || g.OnCycle(e) {
		return nil
	}
	chain := []*Edge{e}
	for step := g.longest[chainKey{e.To, e.Request}]; step.next != nil; step = g.longest[chainKey{step.next.To, step.next.Request}] {
		chain = append(chain, step.next)
	}
	return chain
}

// longestFrom memoises the longest chain from a server answering a call (while the graph
// is built). Edges inside a cycle and self calls are skipped, so what is followed is a
// DAG and the recursion ends.
func (g *Graph) longestFrom(k chainKey) chainStep {
	if s, ok := g.longest[k]; ok {
		return s
	}
	best := chainStep{servers: 1}
	for _, e := range g.out[k.server] {
		if e.Self() || g.OnCycle(e) || !e.Site.extendsChain(k.request) {
			continue
		}
		if s := g.longestFrom(chainKey{e.To, e.Request}); s.servers+1 > best.servers {
			best = chainStep{servers: s.servers + 1, next: e}
		}
	}
	g.longest[k] = best
	return best
}

// Of returns the graph of snap, computed once per snapshot and updated from the graph of
// the workspace's previous snapshot rather than rebuilt.
func Of(snap *index.Snapshot) *Graph {
	return snap.Carry("callgraph", func(prev any) any {
		p, _ := prev.(*Graph)
		return Update(p, snap)
	}).(*Graph)
}
