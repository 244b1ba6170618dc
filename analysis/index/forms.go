package index

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// formFacts are the facts of one top-level form with names as written and byte offsets
// relative to the form's start, so they stay valid wherever the same text moves to and can
// be cached by the form's text. mergeInto resolves names and positions.
type formFacts struct {
	behaviours []string
	useOptions map[string]relOption
	// attr is the name of a `@attr :atom` form, attrValue its atom; for `@attr Mod` (or
	// `@attr __MODULE__`) attrModule is the module as written, resolved at merge.
	attr, attrValue, attrModule string
	// from is the "name/arity" of a def form (and of the facts in it), "" for other forms.
	from       string
	isDef      bool
	def        defFact
	calls      []rawCall
	childLists []rawChildList
	etsTables  []rawTable
	etsOps     []rawOp
	regNames   []string
	// parts are the form's parts of per-form facts (NewFormFact), by FactKind id: nil
	// when not computed yet, none{} when the form has none. Only a FormCache's facts
	// keep them.
	parts []any
}

// rel is a span of a form's facts, relative to the form's start.
type rel struct {
	start, end int
	rng        relRange
}

type relOption struct {
	value string
	at    rel
}

type defFact struct {
	name       string
	arity      int
	public     bool
	at         rel
	localSites []rawLocal
}

// rawCall is a remote call; it is made in the form's function (formFacts.from).
type rawCall struct {
	module, name string
	arity        int
	at           rel
	target       string
	detached     bool
	literalArgs  uint8
	request      string
}

// rawLocal is a local call as written, name and arity apart: most are `if`, `case` and
// Kernel functions, and are dropped once the module's functions are known.
type rawLocal struct {
	name     string
	arity    int
	at       rel
	detached bool
}

type rawChildList struct {
	at       rel
	strategy relOption
	children []rawChild
	insertAt int
	// firstChild is the first element's offset, -1 when the list is empty. Indentation,
	// line endings and layout depend on text around the form, so they are worked out at
	// merge time from it.
	firstChild   int
	appendUnsafe bool
	// bound: the list is bound to a variable (`children = [...]`) and passed by name.
	bound bool
}

type rawChild struct {
	module, id, name string
	idInArg          bool
	nameUnknown      bool
	uniqueKeys       bool
	at               rel
}

type rawTable struct {
	key, name  string
	options    []string
	public     bool
	named      bool
	at, optsAt rel
	// escapes: the table is reached by more than its name or its tid variable's :ets
	// calls in the creating function (a name computed at run time, a tid returned, kept
	// in state or passed on), so its uses are not all known.
	escapes  bool
	detached bool
}

type rawOp struct {
	key, op  string
	kind     OpKind
	at       rel
	keyFrom  int8
	detached bool
}

// factSlabs hand out form facts and their lists from a few big buffers, for facts that are
// merged and thrown away (a batch run keeps no form cache): a file has hundreds of forms,
// each needing a few small lists. Buffers are reused from file to file.
type factSlabs struct {
	forms  []formFacts
	calls  []rawCall
	locals []rawLocal
}

var slabPool = sync.Pool{New: func() any { return &factSlabs{} }}

// reset forgets the facts handed out, dropping their references into the file's text.
func (sl *factSlabs) reset() {
	clear(sl.forms)
	clear(sl.calls)
	clear(sl.locals)
	sl.forms, sl.calls, sl.locals = sl.forms[:0], sl.calls[:0], sl.locals[:0]
}

// The lists of one form's facts: cut from the slabs, or of their own when sl is nil
// (facts kept in a form cache must not hold a whole buffer alive).
func (sl *factSlabs) callList(n int) []rawCall {
	if sl == nil {
		return make([]rawCall, 0, n)
	}
	return take(&sl.calls, n)
}

func (sl *factSlabs) localList(n int) []rawLocal {
	if sl == nil {
		return make([]rawLocal, 0, n)
	}
	return take(&sl.locals, n)
}

func (sl *factSlabs) newFacts() *formFacts {
	if sl == nil {
		return &formFacts{}
	}
	return &take(&sl.forms, 1)[:1][0]
}

// maxSlabBytes bounds a slab buffer's size (see take).
const maxSlabBytes = 256 << 10

// take returns an empty slice with room for n, cut from slab.
func take[T any](slab *[]T, n int) []T {
	if n == 0 {
		return nil
	}
	b := *slab
	if len(b)+n > cap(b) {
		// A new buffer; the old one stays with the facts already handed out of it. Twice
		// the last, up to maxSlabBytes: the last buffer of a large file's summary is mostly
		// empty, and doubling without a bound made it as large as all the others together
		// (a 5 MB module's form facts took 21 MB of buffers for 11 MB of facts).
		var zero T
		most := max(256, maxSlabBytes/max(int(unsafe.Sizeof(zero)), 1))
		b = make([]T, 0, max(min(2*cap(b), most), n, 256))
	}
	*slab = b[:len(b)+n]
	return b[len(b) : len(b) : len(b)+n]
}

// summarizeForm reads the facts of one form (at origin), their lists cut from sl when it is
// not nil.
func summarizeForm(f *source.File, form *source.Node, origin source.Position, calls []elixir.Call, sl *factSlabs) *formFacts {
	base := form.Start()
	r := func(n *source.Node) rel {
		return rel{n.Start() - base, n.End() - base, relRangeOf(f, origin, n.Start(), n.End())}
	}
	ff := sl.newFacts()
	// use X / @behaviour X / @attr :atom
	if c, ok := elixir.AsCall(f, form); ok && c.Module == "" && c.Name == "use" && len(c.Args) > 0 {
		ff.behaviours = append(ff.behaviours, f.Slice(c.Args[0]))
		if len(c.Args) > 1 {
			ff.useOptions = map[string]relOption{}
			for _, p := range elixir.Pairs(f, c.Args[1]) {
				if p.Value != nil {
					ff.useOptions[p.Key] = relOption{value: f.Slice(p.Value), at: r(p.Value)}
				}
			}
		}
	}
	if name, value, ok := elixir.Attribute(f, form); ok && value != nil {
		if name == "behaviour" {
			ff.behaviours = append(ff.behaviours, f.Slice(value))
		} else if atom, ok := elixir.AtomName(f, value); ok {
			ff.attr, ff.attrValue = name, atom
		} else if mod := elixir.ModuleOrAtom(f, value); mod != "" && !strings.HasPrefix(mod, ":") {
			ff.attr, ff.attrModule = name, mod
		}
	}
	var head *source.Node
	var params []*source.Node
	if d, ok := elixir.AsDef(f, form); ok {
		head, params = d.Head, d.Params
		ff.from, ff.isDef = d.ID(), true
		ff.def = defFact{name: d.Name, arity: d.Arity(), public: d.Public(), at: r(form)}
	}
	from := ff.from
	awaits, bound, spawns, remote := false, false, false, 0
	for i := range calls {
		c := &calls[i]
		awaits = awaits || c.Module == "Task" && taskAwaits[c.Name]
		spawns = spawns || elixir.StartsProcess(c.Module, c.Name)
		bound = bound || c.Module == ":ets" || c.Module == "Supervisor"
		if c.Module != "" {
			remote++
		}
	}
	// Sized once: every remote call is kept, and every local one of a def (most forms).
	ff.calls = sl.callList(remote)
	if ff.isDef {
		ff.def.localSites = sl.localList(len(calls) - remote)
	}
	// Variables bound in the form (`children = [...]`, `opts = [...]`) are read only by
	// :ets and Supervisor calls, which few forms make.
	var bindings map[string]*source.Node
	if bound {
		bindings = elixir.Bindings(f, form)
	}
	// A call runs in another process only inside a function handed to a call of the form
	// that starts one; most forms make none, and their calls need no climb to find out.
	detachedCall := func(n *source.Node) bool { return spawns && detached(f, n, form, awaits) }
	for i := range calls {
		c := &calls[i]
		n := c.Node
		if c.Module == "" {
			if ff.isDef && n != form && n != head {
				ff.def.localSites = append(ff.def.localSites, rawLocal{name: c.Name, arity: c.Arity(), at: r(n), detached: detachedCall(n)})
			}
			continue
		}
		rc := rawCall{module: c.Module, name: c.Name, arity: c.Arity(), at: r(n), detached: detachedCall(n), literalArgs: literalArgs(f, c.Args)}
		if len(c.Args) > 1 && c.Name == "call" && (c.Module == "GenServer" || c.Module == ":gen_server" || c.Module == ":gen_statem") {
			rc.request = MessageShape(f, c.Args[1])
		}
		if len(c.Args) > 0 {
			rc.target = elixir.ModuleOrAtom(f, c.Args[0])
			if elixir.IsSelfCall(f, c.Args[0]) {
				rc.target = "self()"
			}
		}
		ff.calls = append(ff.calls, rc)
		switch {
		case c.Module == ":ets":
			ff.addETS(f, c, etsContext{from: from, form: form, params: params, detached: detachedCall(n)}, r)
		case (c.Module == "Supervisor" && (c.Name == "init" || c.Name == "start_link")) && len(c.Args) >= 1:
			if cl, ok := childList(f, c, r, bindings); ok {
				ff.childLists = append(ff.childLists, cl)
			}
		}
		if strings.HasSuffix(c.Name, "start_link") || c.Name == "start" {
			for _, a := range c.Args {
				if v := elixir.KeywordValue(f, a, "name"); v != nil {
					if name := elixir.ModuleOrAtom(f, v); name != "" {
						ff.regNames = append(ff.regNames, name)
					}
				}
				if a.Type() == "tuple" {
					if els := elixir.Elements(a); len(els) == 2 {
						if scope, _ := elixir.AtomName(f, els[0]); scope == "local" || scope == "global" {
							ff.regNames = append(ff.regNames, elixir.ModuleOrAtom(f, els[1]))
						}
					}
				}
			}
		}
	}
	return ff
}

// MessageShape is what a message term or pattern shows of its form: ":tag" for an atom,
// "{:tag,N}" for an N-tuple whose first element is an atom, "" for anything else (a
// variable, a map, a computed term: any message). In a pattern, `{:tag, x} = msg` shows
// the tuple's shape.
func MessageShape(f *source.File, n *source.Node) string {
	if n == nil {
		return ""
	}
	if atom, ok := elixir.AtomName(f, n); ok {
		return ":" + atom
	}
	switch n.Type() {
	case "tuple":
		var first *source.Node
		size := 0
		for el := range elixir.ElementSeq(n) {
			if size == 0 {
				first = el
			}
			size++
		}
		if tag, ok := elixir.AtomName(f, first); ok {
			return "{:" + tag + "," + strconv.Itoa(size) + "}"
		}
	case "binary_operator":
		if elixir.Operator(n) == "=" {
			if s := MessageShape(f, n.Child("left")); s != "" {
				return s
			}
			return MessageShape(f, n.Child("right"))
		}
	}
	return ""
}

// taskAwaits are the Task functions that wait for an async task's result.
var taskAwaits = map[string]bool{"await": true, "await_many": true, "yield": true, "yield_many": true}

// detached reports whether call n runs in another process than the function it is
// written in (inside a function handed to Task or spawn). A Task.async* whose task the
// same clause awaits, and async_stream (whose results the caller enumerates), keep the
// caller waiting on the work, so they do not count as another process.
func detached(f *source.File, n, form *source.Node, awaits bool) bool {
	c, ok := elixir.HandedOff(f, n, form)
	if !ok || strings.Contains(c.Name, "async_stream") {
		return false
	}
	return !(awaits && strings.HasPrefix(c.Name, "async"))
}

// tableKey identifies the table an :ets call names in its first argument: ":name" for an
// atom, "@attr" for a module attribute, "mod:Name" for a module name (resolved at merge),
// "var:fun/arity:v" for a variable (made module-wide at merge: a variable's name means
// nothing outside its function).
func tableKey(f *source.File, n *source.Node, from string) string {
	n = elixir.Unwrap(n)
	if a, ok := elixir.AtomName(f, n); ok && (n.Type() == "atom" || n.Type() == "quoted_atom") {
		return ":" + a
	}
	if name, value, ok := elixir.Attribute(f, n); ok && value == nil {
		return "@" + name
	}
	if mod := elixir.ModuleOrAtom(f, n); mod != "" {
		return "mod:" + mod
	}
	if n.Type() == "identifier" {
		return "var:" + from + ":" + f.Slice(n)
	}
	return ""
}

// etsContext is where an :ets call is written.
type etsContext struct {
	from     string
	form     *source.Node
	params   []*source.Node
	detached bool
}

func (ff *formFacts) addETS(f *source.File, c *elixir.Call, ctx etsContext, r func(*source.Node) rel) {
	if len(c.Args) == 0 {
		return
	}
	if c.Name == "new" && len(c.Args) == 2 {
		ff.addTable(f, c, ctx, r)
		return
	}
	kind, ok := ETSOpKind(c.Name)
	if !ok {
		return
	}
	if key := tableKey(f, c.Args[0], ctx.from); key != "" {
		op := rawOp{key: key, op: c.Name, kind: kind, at: r(c.Node), keyFrom: KeyRuntime, detached: ctx.detached}
		if kind == OpWrite {
			op.keyFrom = writtenKeyFrom(f, c, ctx.params)
		}
		ff.etsOps = append(ff.etsOps, op)
	}
}

func (ff *formFacts) addTable(f *source.File, c *elixir.Call, ctx etsContext, r func(*source.Node) rel) {
	t := rawTable{at: r(c.Node), optsAt: r(c.Args[1]), detached: ctx.detached}
	t.key = tableKey(f, c.Args[0], ctx.from)
	if a, ok := elixir.AtomName(f, c.Args[0]); ok {
		t.name = a
	} else if name, _, ok := elixir.Attribute(f, c.Args[0]); ok {
		t.name = "@" + name
	} else if mod := elixir.ModuleOrAtom(f, c.Args[0]); mod != "" {
		t.name = "mod:" + mod
	}
	if c.Args[1].Type() != "list" {
		return // options not literal: nothing to say
	}
	t.options = tableOptions(f, c.Args[1])
	for _, o := range t.options {
		t.public = t.public || o == "public"
		t.named = t.named || o == "named_table"
	}
	// A name computed at run time (a variable, an interpolated atom) cannot be followed.
	t.escapes = t.named && strings.HasPrefix(t.key, "var:") || t.key == ""
	// `tab = :ets.new(...)`: an unnamed table is used through the variable.
	if p := c.Node.Parent(); !t.named && p != nil && p.Type() == "binary_operator" && elixir.Operator(p) == "=" {
		if l := p.Child("left"); l != nil && l.Type() == "identifier" {
			t.key = "var:" + ctx.from + ":" + f.Slice(l)
			t.escapes = tidEscapes(f, ctx.form, f.Slice(l))
		}
	} else if !t.named {
		t.escapes = true // the tid goes straight into a structure or a return value
	}
	ff.etsTables = append(ff.etsTables, t)
}

// tableOptions reads the options: atoms (`:public`), and keyword or tuple options
// (`read_concurrency: true`, `{:read_concurrency, true}`, `write_concurrency: :auto`)
// that are set; one set to `false` is kept as "!name" (turned off on purpose).
func tableOptions(f *source.File, list *source.Node) []string {
	var opts []string
	option := func(key string, value *source.Node) {
		if value != nil && f.Slice(value) == "false" {
			key = "!" + key
		}
		opts = append(opts, key)
	}
	for _, el := range elixir.Elements(list) {
		switch el.Type() {
		case "pair":
			key := strings.TrimSuffix(strings.TrimSpace(f.Slice(el.Child("key"))), ":")
			option(strings.Trim(key, `"`), el.Child("value"))
		case "tuple":
			if els := elixir.Elements(el); len(els) == 2 {
				if a, ok := elixir.AtomName(f, els[0]); ok {
					option(a, els[1])
				}
			}
		default:
			if a, ok := elixir.AtomName(f, el); ok {
				opts = append(opts, a)
			}
		}
	}
	return opts
}

// tidEscapes reports whether the variable v bound to a new table's tid is used in form
// other than as the table argument of :ets calls (returned, kept in state, passed on).
func tidEscapes(f *source.File, form *source.Node, v string) bool {
	uses, tableArgs := 0, 0
	form.Walk(func(n *source.Node) bool {
		switch n.Type() {
		case "identifier":
			if f.Slice(n) == v {
				uses++
			}
		case "call":
			if c, ok := elixir.AsCall(f, n); ok && c.Module == ":ets" && len(c.Args) > 0 {
				if a := elixir.Unwrap(c.Args[0]); a.Type() == "identifier" && f.Slice(a) == v {
					tableArgs++
				}
			}
		}
		return true
	})
	return uses > tableArgs+1 // the binding itself is one use
}

// Where the keys a write inserts come from (ETSOp.KeyFrom): a parameter's index, or one of:
const (
	KeyRuntime int8 = -1 // runtime data that is not a parameter (a message, a result)
	KeyBounded int8 = -2 // literals, or a variable ranging over a comprehension's range
)

// writtenKeyFrom reads where the keys of an insert/update come from.
func writtenKeyFrom(f *source.File, c *elixir.Call, params []*source.Node) int8 {
	if len(c.Args) < 2 {
		return KeyRuntime
	}
	obj := elixir.Unwrap(c.Args[1])
	if c.Name != "insert" && c.Name != "insert_new" {
		return keyOrigin(f, c.Node, obj, params) // update_counter/update_element(tab, key, ...)
	}
	switch obj.Type() {
	case "tuple":
		if els := elixir.Elements(obj); len(els) > 0 {
			return keyOrigin(f, c.Node, els[0], params)
		}
	case "keywords":
		return KeyBounded // insert_new(tab, key: value)
	case "list":
		for _, el := range elixir.Elements(obj) {
			if el.Type() == "pair" {
				continue
			}
			els := elixir.Elements(el)
			if el.Type() != "tuple" || len(els) == 0 || keyOrigin(f, c.Node, els[0], params) != KeyBounded {
				return KeyRuntime
			}
		}
		return KeyBounded
	}
	return KeyRuntime
}

// keyOrigin classifies one key expression of call.
func keyOrigin(f *source.File, call, key *source.Node, params []*source.Node) int8 {
	key = elixir.Unwrap(key)
	if isLiteral(f, key) {
		return KeyBounded
	}
	if key.Type() != "identifier" {
		return KeyRuntime
	}
	name := f.Slice(key)
	for i, p := range params {
		if p = elixir.Unwrap(p); p.Type() == "identifier" && f.Slice(p) == name {
			return int8(min(i, 127))
		}
	}
	if rangeGenerated(f, call, name) {
		return KeyBounded
	}
	return KeyRuntime
}

// rangeGenerated reports whether v is the generator variable of a `for v <- a..b` around n.
func rangeGenerated(f *source.File, n *source.Node, v string) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		c, ok := elixir.AsCall(f, p)
		if !ok || c.Module != "" || c.Name != "for" {
			continue
		}
		for _, a := range c.Args {
			if a.Type() != "binary_operator" || elixir.Operator(a) != "<-" {
				continue
			}
			l, rt := a.Child("left"), elixir.Unwrap(a.Child("right"))
			if l != nil && rt != nil && f.Slice(l) == v && rt.Type() == "binary_operator" && elixir.Operator(rt) == ".." {
				return true
			}
		}
	}
	return false
}

// isLiteral reports whether n is a literal term: an atom, number, string without
// interpolation, or a tuple or list of them.
func isLiteral(f *source.File, n *source.Node) bool {
	n = elixir.Unwrap(n)
	switch n.Type() {
	case "atom", "integer", "float", "boolean", "nil", "char":
		return true
	case "quoted_atom", "string":
		return !strings.Contains(f.Slice(n), "#{")
	case "alias":
		return true
	case "tuple", "list":
		for el := range elixir.ElementSeq(n) {
			if !isLiteral(f, el) {
				return false
			}
		}
		return true
	}
	return false
}

// literalArgs has bit i set when argument i (of the first 8) is a literal term.
func literalArgs(f *source.File, args []*source.Node) uint8 {
	var bits uint8
	for i, a := range args {
		if i == 8 {
			break
		}
		switch elixir.Unwrap(a).Type() {
		case "identifier", "call", "binary_operator", "dot", "map", "anonymous_function":
			continue // the common non-literals, told apart without a walk
		}
		if isLiteral(f, a) {
			bits |= 1 << i
		}
	}
	return bits
}

// childList reads the children list and strategy of `Supervisor.init(children, opts)` or
// `Supervisor.start_link(children, opts)`, following variables bound in the same form.
func childList(f *source.File, c *elixir.Call, r func(*source.Node) rel, bindings map[string]*source.Node) (rawChildList, bool) {
	list := elixir.Unwrap(c.Args[0])
	bound := list.Type() == "identifier"
	if bound {
		list = bindings[f.Slice(list)]
	}
	if list == nil || list.Type() != "list" {
		return rawChildList{}, false
	}
	cl := rawChildList{at: r(list), firstChild: -1, bound: bound}
	if len(c.Args) > 1 {
		opts := elixir.Unwrap(c.Args[1])
		if opts.Type() == "identifier" {
			opts = bindings[f.Slice(opts)]
		}
		if v := elixir.KeywordValue(f, opts, "strategy"); v != nil {
			cl.strategy = relOption{value: f.Slice(v), at: r(v)}
		}
	}
	els := elixir.Elements(list)
	cl.insertAt = r(list).start + 1
	for _, el := range els {
		cl.children = append(cl.children, readChild(f, el, r))
		cl.insertAt = r(el).end
	}
	cl.appendUnsafe = len(els) > 0 && elixir.EndsWithBareCall(f, els[len(els)-1])
	if len(els) > 0 {
		cl.firstChild = r(els[0]).start
	}
	return cl, true
}

// childModule reads a child's module: a name, or "@attr" for a module attribute (resolved
// once the module's attributes are known).
// ChildSpecModule reads the module a child spec starts, as written: `Mod`, `{Mod, arg}`,
// `%{start: {Mod, ...}}`, "@attr" for a module attribute (Module.ResolveModuleAttribute
// resolves it); "" when the spec does not show it.
func ChildSpecModule(f *source.File, spec *source.Node) string {
	return readChild(f, spec, func(*source.Node) rel { return rel{} }).module
}

// ReadChildSpec reads one entry of a children list as the summary keeps it (Child),
// names as written ("@attr" for a module attribute; Module.ResolveModuleAttribute and the
// module's resolver resolve them): the supervision tree reads lists the summary does not
// keep (a list joined with `++`) entry by entry with the same reader.
func ReadChildSpec(f *source.File, el *source.Node) Child {
	ch := readChild(f, el, func(*source.Node) rel { return rel{} })
	return Child{Module: ch.module, ID: ch.id, IDInArg: ch.idInArg, Name: ch.name, NameUnknown: ch.nameUnknown,
		UniqueKeys: ch.uniqueKeys, Span: spanOf(f, el.Start(), el.End())}
}

func childModule(f *source.File, n *source.Node) string {
	if name, value, ok := elixir.Attribute(f, elixir.Unwrap(n)); ok && value == nil {
		return "@" + name
	}
	return elixir.ModuleOrAtom(f, n)
}

func readChild(f *source.File, el *source.Node, r func(*source.Node) rel) rawChild {
	ch := rawChild{at: r(el)}
	n := elixir.Unwrap(el)
	switch n.Type() {
	case "alias", "identifier", "unary_operator":
		ch.module = childModule(f, n)
	case "tuple":
		els := elixir.Elements(n)
		if len(els) > 0 {
			ch.module = childModule(f, els[0])
		}
		if len(els) > 1 {
			arg := els[1]
			if len(els) > 2 || els[1].Type() == "pair" {
				// {Task.Supervisor, name: X} parses as a tuple with a keywords tail.
				arg = n
			}
			hasName := false
			if v := elixir.KeywordValue(f, arg, "name"); v != nil {
				ch.name, hasName = childModule(f, v), true
			}
			if v := elixir.KeywordValue(f, arg, "id"); v != nil {
				ch.id, ch.idInArg = f.Slice(v), true
			}
			if v := elixir.KeywordValue(f, arg, "keys"); v != nil {
				ch.uniqueKeys = f.Slice(v) == ":unique"
			}
			for _, p := range els[1:] {
				switch {
				case p.Type() != "pair":
				case ch.name == "" && strings.HasPrefix(f.Slice(p), "name:"):
					ch.name, hasName = childModule(f, p.Child("value")), true
				case ch.id == "" && strings.HasPrefix(f.Slice(p), "id:"):
					ch.id, ch.idInArg = f.Slice(p.Child("value")), true
				case strings.HasPrefix(f.Slice(p), "keys:"):
					ch.uniqueKeys = f.Slice(p.Child("value")) == ":unique"
				}
			}
			// A name we cannot read (`name: {:global, n}`, `name: var`), or options we
			// cannot read at all (`{Mod, opts}`): the child's name is not known.
			a := elixir.Unwrap(els[1])
			ch.nameUnknown = ch.name == "" && (hasName || a.Type() != "list" && a.Type() != "pair" && a.Type() != "keywords" && !isLiteral(f, a))
		}
	case "map":
		content := n.Child("")
		for c := range n.Children() {
			if c.Type() == "map_content" {
				content = c
			}
		}
		if v := elixir.KeywordValue(f, content, "id"); v != nil {
			ch.id = f.Slice(v)
		}
		if v := elixir.KeywordValue(f, content, "start"); v != nil && v.Type() == "tuple" {
			if els := elixir.Elements(v); len(els) > 0 {
				ch.module = elixir.ModuleOrAtom(f, els[0])
			}
		}
	case "call":
		if c, ok := elixir.AsCall(f, n); ok && c.Module == "Supervisor" && c.Name == "child_spec" && len(c.Args) > 0 {
			inner := readChild(f, c.Args[0], r)
			ch.module, ch.name = inner.module, inner.name
			if len(c.Args) > 1 {
				if v := elixir.KeywordValue(f, c.Args[1], "id"); v != nil {
					ch.id = f.Slice(v)
				}
			}
		}
	}
	return ch
}

// spacedLines reports whether the line before start and the line after end need no blank
// line added for the code between them to span several lines in mix format's layout: they
// are blank, open or close the block (`... do`, `end`), or are comments.
func spacedLines(f *source.File, start, end int) (before, after bool) {
	ls := f.LineStartOf(start)
	before = ls == 0
	if !before {
		prev := strings.TrimSpace(f.Text[f.LineStartOf(ls-1):ls])
		before = prev == "" || strings.HasSuffix(prev, " do") || strings.HasPrefix(prev, "#") || strings.HasSuffix(prev, "->")
	}
	next := f.NextLineStart(end)
	rest := strings.TrimSpace(f.Text[next:f.NextLineStart(next)])
	after = next == len(f.Text) || rest == "" || rest == "end" || strings.HasPrefix(rest, "end ") || strings.HasPrefix(rest, "#")
	return before, after
}

// mergeInto adds the facts of the form at base (origin) to b's module, resolving names
// with b's resolver and positions from base. A def's function, clause and local calls are added
// apart (summaryBuilder.addFunctions, addLocalSites).
// Every string kept is copied through in (interned), so the index never holds a substring
// that would keep a whole file's text alive.
func (ff *formFacts) mergeInto(f *source.File, b *moduleBuilder, base int, origin source.Position) {
	sp := func(x rel) Span { return x.span(base, origin) }
	m, in, res := b.module, b.names.in, b.names.resolve
	// "@attr" children are resolved once the module's attributes are known (finish).
	resChild := func(name string) string {
		if strings.HasPrefix(name, "@") {
			return in.s(name)
		}
		return res(name)
	}
	for _, x := range ff.behaviours {
		m.Behaviours = append(m.Behaviours, res(x))
	}
	if len(ff.useOptions) > 0 && m.UseOptions == nil {
		m.UseOptions = make(map[string]Option, len(ff.useOptions))
	}
	for k, v := range ff.useOptions {
		m.UseOptions[in.s(k)] = Option{Value: in.s(v.value), Span: sp(v.at)}
	}
	if ff.attrValue != "" {
		m.Attributes.set(in.s(ff.attr), in.s(ff.attrValue))
	} else if ff.attrModule != "" {
		m.Attributes.set(in.s(ff.attr), "Elixir."+res(ff.attrModule)) // the module's atom
	}
	from := in.fresh(ff.from) // the def's id, made once per clause (elixir.Def.ID)
	// A table named by a module ("mod:__MODULE__") is named by the module's atom.
	tableName := func(name string) string {
		if mod, ok := strings.CutPrefix(name, "mod:"); ok {
			return in.fresh("Elixir." + res(mod))
		}
		return in.s(name)
	}
	resTable := func(key string) string {
		if strings.HasPrefix(key, "mod:") {
			return ":" + tableName(key)
		}
		return in.s(key)
	}
	for _, c := range ff.calls {
		call := Call{Module: res(c.module), Name: in.s(c.name), Arity: clamp32(c.arity), From: from, Span: sp(c.at), Detached: c.detached, LiteralArgs: c.literalArgs}
		if c.target != "" || c.request != "" {
			b.targets = append(b.targets, callTarget{target: res(c.target), request: in.s(c.request)})
			call.addressed = &b.targets[len(b.targets)-1]
		}
		m.Calls = append(m.Calls, call)
	}
	for _, cl := range ff.childLists {
		out := ChildList{Span: sp(cl.at), From: from, InsertAt: base + cl.insertAt, Newline: f.Newline(), AppendUnsafe: cl.appendUnsafe, Bound: cl.bound}
		end := base + cl.at.end
		line := strings.TrimRight(f.Text[f.LineStartOf(end):f.NextLineStart(end)], "\r\n")
		out.EndLineWidth = utf8.RuneCountInString(line)
		out.SpacedBefore, out.SpacedAfter = spacedLines(f, base+cl.at.start, end)
		out.LineStart = f.LineStartOf(base + cl.at.start)
		if cl.firstChild >= 0 {
			first := base + cl.firstChild
			out.Multiline = f.Lines.Line(first) != f.Lines.Line(out.Span.Start())
			out.Indent = in.s(f.IndentAt(first))
		} else {
			out.Indent = in.s(f.IndentAt(out.Span.Start()) + "  ")
		}
		if cl.strategy.value != "" {
			out.Strategy = Option{Value: in.s(cl.strategy.value), Span: sp(cl.strategy.at)}
		}
		for _, ch := range cl.children {
			out.Children = append(out.Children, Child{Module: resChild(ch.module), ID: in.s(ch.id), IDInArg: ch.idInArg, Name: resChild(ch.name), NameUnknown: ch.nameUnknown, UniqueKeys: ch.uniqueKeys, Span: sp(ch.at)})
		}
		m.ChildLists = append(m.ChildLists, out)
	}
	for _, t := range ff.etsTables {
		opts := make([]string, len(t.options))
		for i, o := range t.options {
			opts[i] = in.s(o)
		}
		m.ETSTables = append(m.ETSTables, ETSTable{Key: resTable(t.key), Name: tableName(t.name), Options: opts, Public: t.public, Named: t.named, Escapes: t.escapes, Detached: t.detached, Span: sp(t.at), OptionsSpan: sp(t.optsAt), From: from})
	}
	for _, o := range ff.etsOps {
		m.ETSOps = append(m.ETSOps, ETSOp{Key: resTable(o.key), Op: in.s(o.op), Kind: o.kind, KeyFrom: o.keyFrom, Detached: o.detached, From: from, Span: sp(o.at)})
	}
	for _, n := range ff.regNames {
		m.RegisteredNames = append(m.RegisteredNames, res(n))
	}
}

// resolver resolves module names as written in one module to full names, interned. A
// module names the same few modules over and over: each name is resolved once.
type resolver struct {
	em   *elixir.Module
	in   interner
	done map[string]string
}

func newResolver(em *elixir.Module, in interner) resolver {
	return resolver{em: em, in: in, done: map[string]string{}}
}

func (rv resolver) resolve(name string) string {
	if name == "" {
		return ""
	}
	if full, ok := rv.done[name]; ok {
		return full
	}
	full := rv.in.s(rv.em.Resolve(name))
	rv.done[name] = full
	return full
}

// interner copies strings once per summary and shares equal ones.
type interner map[string]string

func (in interner) s(x string) string {
	if x == "" {
		return ""
	}
	if y, ok := in[x]; ok {
		return y
	}
	y := strings.Clone(x)
	in[y] = y
	return y
}

// fresh is s for a string made anew (not cut from a file's text), which needs no copy.
func (in interner) fresh(x string) string {
	if x == "" {
		return ""
	}
	if y, ok := in[x]; ok {
		return y
	}
	in[x] = x
	return x
}
