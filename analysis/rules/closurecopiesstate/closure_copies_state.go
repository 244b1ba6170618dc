// Package closurecopiesstate is OTP015 closure-copies-state: a function that a GenServer
// callback hands to another process reads a few fields of the server's state through the
// state variable, so the whole state is copied into that process.
package closurecopiesstate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// Analyzer is OTP015.
var Analyzer = &analysis.Analyzer{
	Code:     "OTP015",
	Name:     "closure-copies-state",
	Title:    "Closure run in another process copies the whole GenServer state",
	Severity: analysis.Warning,
	InTests:  analysis.OffInTests,
	Doc:      doc,
	Run:      run,
}

// maxDepth is how far the state is followed into the helpers a callback passes it to, and
// a function value through local helpers' parameters to the call that runs it in another
// process (docs/rules/OTP015.md).
const maxDepth = 3

// field is a field of the state.
type field struct {
	name string
	// collection: its value (in init/1's literal or the defstruct default) is a map, a
	// list, a set or a queue: the data the server accumulates.
	collection bool
}

// stateShape is what the code tells of the state: its fields in the order written, and
// where they are written (init/1's literal, or the defstruct of the struct a clause
// matches its state against).
type stateShape struct {
	fields  []field
	literal *source.Node
	// isStruct: the state is a struct, whose fields always exist (`state.f` cannot fail).
	isStruct bool
}

func (s stateShape) has(name string) bool {
	return slices.ContainsFunc(s.fields, func(f field) bool { return f.name == name })
}

func run(p *analysis.Pass) {
	var all []*source.Node // the file's function values, read when a module needs them
	for _, em := range p.Modules {
		ms := p.ModuleSummary(em)
		if ms == nil || !ms.Is("GenServer") || em.Body == nil || !handsOffFunctions(p, em) {
			continue
		}
		defs, order := p.Defs(em)
		if all == nil {
			all = funs(p)
		}
		w := walker{p: p, em: em, defs: defs, entered: map[string]bool{}, funs: all}
		w.init, w.initKnown = readShape(p, em, defs)
		for _, d := range order {
			if idx, ok := elixir.StateParam(d); ok {
				w.clause(d, idx, d, nil, nil)
			}
		}
	}
}

// walker follows the state from the callbacks of one module into the helpers it is
// passed to.
type walker struct {
	p         *analysis.Pass
	em        *elixir.Module
	defs      map[string][]elixir.Def
	init      stateShape // the state init/1 builds, when initKnown
	initKnown bool
	entered   map[string]bool // helper parameters followed already ("name/arity#i")
	funs      []*source.Node  // the file's function values, in source order
}

// funs lists the file's function values (`fn` and `&` captures, with other unary
// operators among them): Nodes merges and sorts two types per call, so a run asks once.
func funs(p *analysis.Pass) []*source.Node {
	return p.Nodes("anonymous_function", "unary_operator")
}

// clause checks the closures of clause d, whose parameter idx is the state, then the
// same-module helpers d passes the state to, as their parameter (up to maxDepth deep).
// callback is the callback the state was followed from, chain the helpers on the way,
// known the state's shape as the caller knew it (nil for a callback).
func (w *walker) clause(d elixir.Def, idx int, callback elixir.Def, chain []string, known *stateShape) {
	if d.Body == nil || idx >= len(d.Params) {
		return
	}
	f := w.p.File
	state := elixir.StateName(f, d.Params[idx])
	if state == "" {
		return
	}
	shape, ok := w.shapeOf(d.Params[idx], known)
	if ok {
		checkClosures(w.p, w.em, w.defs, w.funs, site{clause: d, callback: callback, chain: chain}, state, shape)
	}
	if len(chain) >= maxDepth {
		return
	}
	for _, n := range source.Within(w.p.Nodes("identifier"), source.Start, d.Body) {
		if f.Slice(n) != state {
			continue
		}
		c, i, ok := elixir.ArgumentOf(f, n)
		if !ok || c.Module != "" || elixir.Callbacks[c.ID()] {
			continue
		}
		key := c.ID() + "#" + fmt.Sprint(i)
		helpers, ok := w.defs[c.ID()]
		if !ok || w.entered[key] {
			continue
		}
		w.entered[key] = true
		next := append(append([]string(nil), chain...), c.ID())
		for _, h := range helpers {
			if ok {
				w.clause(h, i, callback, next, &shape)
			} else {
				w.clause(h, i, callback, next, nil)
			}
		}
	}
}

// shapeOf is the state's shape as a clause receives it: the struct its parameter is
// matched against (`%State{} = state`), whose fields always exist, else the shape its
// caller knew (known, nil for a callback), else what init/1 builds.
func (w *walker) shapeOf(param *source.Node, known *stateShape) (stateShape, bool) {
	name := structPattern(w.p.File, param)
	switch {
	case name == "" && known != nil:
		return *known, true
	case name == "":
		return w.init, w.initKnown
	}
	body, ok := structBody(w.p, w.em, name)
	if !ok {
		return stateShape{}, false
	}
	shape := stateShape{literal: structDefinition(w.p.File, body), isStruct: true}
	for _, sf := range elixir.DefstructFields(w.p.File, body) {
		collection := elixir.HoldsCollection(w.p.File, sf.Default)
		for _, init := range w.init.fields {
			collection = collection || w.initKnown && init.name == sf.Name && init.collection
		}
		shape.fields = append(shape.fields, field{name: sf.Name, collection: collection})
	}
	return shape, len(shape.fields) > 0 && shape.literal != nil
}

// structPattern is the struct name a parameter matches (`%State{} = state`, `state =
// %__MODULE__{}`), as written; "" when it matches none.
func structPattern(f *source.File, param *source.Node) string {
	param = elixir.Unwrap(param)
	if param.Type() != "binary_operator" || elixir.Operator(param) != "=" {
		return ""
	}
	for _, side := range []*source.Node{param.Child("left"), param.Child("right")} {
		if side != nil && side.Type() == "map" {
			if _, name := elixir.MapLiteral(f, side); name != "" {
				return name
			}
		}
	}
	return ""
}

// structDefinition is the defstruct form of a module body.
func structDefinition(f *source.File, body *source.Node) *source.Node {
	for form := range body.Children() {
		if c, ok := elixir.AsCall(f, form); ok && c.Module == "" && c.Name == "defstruct" {
			return form
		}
	}
	return nil
}

// handsOffFunctions reports whether the module makes any call that runs a function in
// another process, from the file's shared call list: most modules make none, and then no
// clause is read.
func handsOffFunctions(p *analysis.Pass, em *elixir.Module) bool {
	for _, c := range p.CallsIn(em.Body) {
		if elixir.RunsFunElsewhere(c.Module, c.Name) {
			return true
		}
	}
	return false
}

// readShape reads the state's fields from init/1: the keys of the map or struct literal
// every `{:ok, state}` tail returns, and a struct's defstruct fields (the module's own, or
// a module of the same file such as a nested `State`). ok is false when any tail returns
// something else, or the struct is defined elsewhere.
func readShape(p *analysis.Pass, em *elixir.Module, defs map[string][]elixir.Def) (stateShape, bool) {
	states, complete := elixir.InitStates(p.File, defs)
	if !complete {
		return stateShape{}, false
	}
	shape := stateShape{literal: states[0]}
	add := func(name string, value *source.Node) {
		collection := elixir.HoldsCollection(p.File, value)
		for i := range shape.fields {
			if shape.fields[i].name == name {
				shape.fields[i].collection = shape.fields[i].collection || collection
				return
			}
		}
		shape.fields = append(shape.fields, field{name: name, collection: collection})
	}
	for _, literal := range states {
		pairs, structName := elixir.MapLiteral(p.File, literal)
		if structName != "" {
			body, ok := structBody(p, em, structName)
			if !ok {
				return stateShape{}, false
			}
			shape.isStruct = true
			for _, sf := range elixir.DefstructFields(p.File, body) {
				add(sf.Name, sf.Default)
			}
		} else if shape.isStruct {
			return stateShape{}, false // a struct from one tail, a map from another
		}
		for _, pair := range pairs {
			add(pair.Key, pair.Value)
		}
	}
	return shape, len(shape.fields) > 0
}

// structBody is the body of the module defining the struct named as written in em
// (`__MODULE__`, `State`, `MyApp.Worker.State`), when the file defines it.
func structBody(p *analysis.Pass, em *elixir.Module, written string) (*source.Node, bool) {
	name := em.Resolve(written)
	for _, m := range p.Modules {
		if m.Name == name && m.Body != nil {
			return m.Body, true
		}
	}
	return nil, false
}

// closure is a function value of a callback clause that runs in another process.
type closure struct {
	fun *source.Node
	by  *elixir.Call // the call it is handed to; nil when bound to a variable or in a child spec
	// reads are the reads of state fields inside it, in source order.
	reads []read
}

// read is one read of a state field inside a closure.
type read struct {
	field string
	expr  *source.Node // `state.f`, `state[:f]`, `Map.get(state, :f)`
	// plain: a dot or access read (`state.f`, `state[:f]`), which a variable can replace.
	plain bool
}

// site is where closures are looked for: a callback clause, or a helper it passes the
// state to.
type site struct {
	clause   elixir.Def
	callback elixir.Def
	chain    []string // the helpers from callback to clause
}

// checkClosures reports each closure of the site's clause that runs in another process and
// reads fields of the state variable without needing all of them.
func checkClosures(p *analysis.Pass, em *elixir.Module, defs map[string][]elixir.Def, funs []*source.Node, at site, state string, shape stateShape) {
	end := -1 // the end of the last closure found: closures inside it are part of it
	for _, fun := range source.Within(funs, source.Start, at.clause.Body) {
		if fun.Start() < end || !elixir.IsFun(fun) {
			continue
		}
		by, ok := elixir.RunsElsewhere(p.File, defs, fun, maxDepth)
		if !ok {
			continue
		}
		end = fun.End()
		cl, ok := readClosure(p, fun, state)
		if !ok {
			continue
		}
		cl.by = by
		report(p, em, at, state, shape, cl)
	}
}

// readClosure collects the state reads of fun. ok is false when fun does not use the
// state, uses it whole (passes it on, updates it: every field is then needed), or binds a
// variable of its name (its uses may then be another value).
func readClosure(p *analysis.Pass, fun *source.Node, state string) (closure, bool) {
	cl := closure{fun: fun}
	for _, n := range source.Within(p.Nodes("identifier"), source.Start, fun) {
		if p.File.Slice(n) != state {
			continue
		}
		if binds(n) {
			return closure{}, false
		}
		name, ok := elixir.FieldRead(p.File, n)
		if !ok {
			return closure{}, false
		}
		r := read{field: name, expr: readExpr(n)}
		r.plain = r.expr != nil
		if r.expr == nil {
			r.expr = n.Parent().Parent() // the Map.get(...) / get_in(...) call
		}
		cl.reads = append(cl.reads, r)
	}
	return cl, len(cl.reads) > 0
}

// readExpr is the `state.f` or `state[:f]` expression around the state variable n, nil
// for a read through a call.
func readExpr(n *source.Node) *source.Node {
	switch p := n.Parent(); {
	case p.Type() == "access_call":
		return p
	case p.Type() == "dot":
		return p.Parent()
	}
	return nil
}

// binds reports whether the identifier n is bound where it stands rather than read: in a
// pattern, the parameters of a function or case clause, or the left of `=` or `<-`
// (a pinned `^state` is read). Guards count as patterns: a closure whose clause heads
// mention the state is left alone either way.
func binds(n *source.Node) bool {
	for child, p := n, n.Parent(); p != nil; child, p = p, p.Parent() {
		switch p.Type() {
		case "stab_clause":
			return p.Child("right") != child
		case "binary_operator":
			switch elixir.Operator(p) {
			case "=", "<-":
				if p.Child("left") == child {
					return true
				}
				if elixir.Operator(p) == "<-" {
					return false
				}
				// `pattern = x`: x is bound too when the match is itself a pattern.
			}
		case "unary_operator":
			if elixir.Operator(p) == "^" {
				return false
			}
		case "tuple", "list", "map", "map_content", "keywords", "pair", "arguments", "struct":
		default:
			return false
		}
	}
	return false
}

func report(p *analysis.Pass, em *elixir.Module, at site, state string, shape stateShape, cl closure) {
	readFields := map[string]bool{}
	var shown []string
	for _, r := range cl.reads {
		readFields[r.field] = true
		if text := strings.Join(strings.Fields(p.File.Slice(r.expr)), " "); !slices.Contains(shown, text) {
			shown = append(shown, text)
		}
	}
	// The fields copied for nothing, collections first: they are what makes a copy cost.
	var copied, scalars []string
	for _, f := range shape.fields {
		switch {
		case readFields[f.name]:
		case f.collection:
			copied = append(copied, ":"+f.name)
		default:
			scalars = append(scalars, ":"+f.name)
		}
	}
	collection := len(copied) > 0
	copied = append(copied, scalars...)
	if len(copied) == 0 {
		return // every field is needed: the copy is no waste
	}
	where := em.Name + "." + at.clause.ID()
	if len(at.chain) > 0 {
		where += " (reached from " + at.callback.ID() + ")"
	}
	diag := p.Report(cl.reads[0].expr, "%s in %s reads %s but copies all of %s (also %s) %s",
		subject(em, cl), where, list(shown, 3), state, list(copied, 5), destination(em, cl.by))
	if !collection || !perItem(em, cl.by) {
		// One copy per spawn, of a state whose size and spawn rate the code does not
		// show: on real code these were single spawns at rare events (a launch, a first
		// accept) of a state holding little, no cost a maintainer would act on. A copy
		// per item of a stream, collections included, is (docs/rules/OTP015.md).
		diag.Severity = analysis.Information
	}
	diag.Related = append(diag.Related, analysis.Related{Loc: p.Loc(shape.literal), Message: "the state's fields"})
	if len(at.chain) > 0 {
		diag.Related = append(diag.Related, analysis.Related{Loc: p.Loc(at.callback.Head), Message: "the state comes from this " + at.callback.ID() + " clause"})
	}
	if fx, ok := bindFields(p, at.clause, state, shape, cl); ok {
		diag.Fixes = append(diag.Fixes, fx)
	}
}

// subject names the closure: by the call it is passed to, or as handed off otherwise.
func subject(em *elixir.Module, cl closure) string {
	if cl.by == nil {
		return "the closure run in another process"
	}
	return fmt.Sprintf("the closure passed to %s", elixir.FuncID(qualified(em, cl.by), cl.by.Arity()))
}

func qualified(em *elixir.Module, c *elixir.Call) string {
	if c.Module == "" {
		return c.Name
	}
	return em.Resolve(c.Module) + "." + c.Name
}

// perItem reports whether c runs its function once per item of a stream (Task's and
// Task.Supervisor's async_stream): the closure, and the state it captured, is copied into
// every task.
func perItem(em *elixir.Module, c *elixir.Call) bool {
	if c == nil || !strings.HasPrefix(c.Name, "async_stream") {
		return false
	}
	m := em.Resolve(c.Module)
	return m == "Task" || m == "Task.Supervisor"
}

// destination says where the copy goes, and how often.
func destination(em *elixir.Module, c *elixir.Call) string {
	switch {
	case c == nil:
		return "into the new process"
	case em.Resolve(c.Module) == "Agent":
		return "into the agent at every call"
	case perItem(em, c):
		return "into every task of the stream"
	case !elixir.RunsFunElsewhere(c.Module, c.Name):
		return "into the process " + c.Name + "/" + fmt.Sprint(c.Arity()) + " starts, at every call"
	}
	return "into the new process at every spawn"
}

// list joins items, showing at most max of them.
func list(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:max], ", ") + fmt.Sprintf(" and %d more", len(items)-max)
}
