package elixir

import (
	"slices"
	"strings"

	"github.com/otpls/otpls/analysis/source"
)

// StateUse is how a GenServer callback clause uses its state argument.
type StateUse struct {
	// Fields are the state fields the clause reads or writes: `state.f`, `%{state | f: v}`,
	// `%{f: x} = state` in the head, `Map.get/put/...(state, :f)`, `put_in(state, [:f, ...])`.
	Fields map[string]bool
	// Whole is set when the state is used as a whole other than by being returned as the
	// new state: passed to another module, compared, sent, returned as a reply. The
	// clause may then depend on any field.
	Whole bool
}

// StateParam is the index of the state parameter of a GenServer callback clause that
// has one past init: handle_call/3, handle_cast/2, handle_info/2, handle_continue/2,
// terminate/2.
func StateParam(d Def) (int, bool) {
	switch {
	case d.Name == "handle_call" && d.Arity() == 3:
		return 2, true
	case (d.Name == "handle_cast" || d.Name == "handle_info" || d.Name == "handle_continue" || d.Name == "terminate") && d.Arity() == 2:
		return 1, true
	}
	return 0, false
}

// UsesAny reports whether a variable named in names appears anywhere in n.
func UsesAny(f *source.File, n *source.Node, names map[string]bool) bool {
	found := false
	n.Walk(func(x *source.Node) bool {
		found = found || x.Type() == "identifier" && names[f.Slice(x)]
		return !found
	})
	return found
}

// Touches reports whether the clause uses the state at all.
func (u StateUse) Touches() bool { return u.Whole || len(u.Fields) > 0 }

// mapFunctions take a map and a key as their first two arguments.
var mapFunctions = map[string]bool{"get": true, "put": true, "update": true, "update!": true, "fetch": true, "fetch!": true, "delete": true, "has_key?": true, "pop": true, "get_lazy": true, "put_new": true, "replace": true, "replace!": true}

// StateUseOf reads how clause uses its parameter at index param (the state), following
// same-module helpers the state is passed to (up to 3 deep): ResolveStateUse over each
// clause's LocalStateUses, read as they are reached. tails reads a body's Tails (the rules
// share theirs: analysis.Pass.Tails).
func StateUseOf(f *source.File, tails func(body *source.Node) []*source.Node, defs map[string][]Def, clause Def, param int) StateUse {
	u := StateUse{Fields: map[string]bool{}}
	read := map[string][][]LocalStateUse{}
	helper := func(id string) ([][]LocalStateUse, bool) {
		if l, ok := read[id]; ok {
			return l, true
		}
		clauses, ok := defs[id]
		if !ok {
			return nil, false
		}
		l := make([][]LocalStateUse, len(clauses))
		for i, d := range clauses {
			l[i] = LocalStateUses(f, d, tails)
		}
		read[id] = l
		return l, true
	}
	fields, whole := ResolveStateUse(LocalStateUseOf(f, clause, param, tails), helper, nil)
	for _, field := range fields {
		u.Fields[field] = true
	}
	u.Whole = whole
	return u
}

// LocalStateUse is what one clause does with one of its parameters, read from the clause
// alone: the local functions it passes the parameter to are named, not followed
// (ResolveStateUse follows them), so it can be kept with the clause's form while the
// form's text is unchanged (a per-form fact, analysis/rules/godgenserver).
type LocalStateUse struct {
	// Fields are the fields the clause reads or writes (as StateUse.Fields), each once,
	// as slices of the file's text.
	Fields []string
	// Whole: the clause uses the parameter as a whole other than by passing it to a
	// local function or returning it as the new state (StateUse.Whole).
	Whole bool
	// Calls are the local calls (no module written) the parameter is an argument of, the
	// first of each function and argument, in source order: a helper of the module to
	// follow, or a Kernel or imported function, which uses it whole.
	Calls []StateCall
}

// StateCall is a local call a parameter is passed to: the function as written,
// "name/arity", and the argument's index.
type StateCall struct {
	ID  string
	Arg int
}

// LocalStateUses reads what d does with each of its parameters (by index), in one walk
// of its guard and body; nil when it does nothing with any (a parameter past the list's
// end is unused). tails reads a body's Tails.
func LocalStateUses(f *source.File, d Def, tails func(body *source.Node) []*source.Node) []LocalStateUse {
	uses := make([]LocalStateUse, len(d.Params))
	if !readStateUses(f, d, 0, uses, tails) {
		return nil
	}
	return uses
}

// LocalStateUseOf is what d does with its parameter at index param alone (as
// LocalStateUses reads it): a callback's state, which no other clause passes on.
func LocalStateUseOf(f *source.File, d Def, param int, tails func(body *source.Node) []*source.Node) LocalStateUse {
	var u [1]LocalStateUse
	if param < len(d.Params) {
		readStateUses(f, d, param, u[:], tails)
	}
	return u[0]
}

// readStateUses reads into uses[i] what d does with its parameter at index from+i, and
// reports whether it does anything with any of them.
func readStateUses(f *source.File, d Def, from int, uses []LocalStateUse, tails func(body *source.Node) []*source.Node) bool {
	used := false
	var buf [4]string
	names := buf[:0] // each parameter's variable, "" for one the body cannot name
	if len(uses) > len(buf) {
		names = make([]string, 0, len(uses))
	}
	named := false
	for i := range uses {
		p := d.Params[from+i]
		uses[i].Fields = patternFields(f, p, nil)
		used = used || uses[i].Fields != nil
		name := ""
		if d.Body != nil {
			name = StateName(f, p)
		}
		names = append(names, name)
		named = named || name != ""
	}
	if !named {
		return used
	}
	var bodyTails []*source.Node // read when first needed: most uses are field reads
	tailsRead := false
	isTail := func(t *source.Node) bool {
		if !tailsRead {
			bodyTails, tailsRead = tails(d.Body), true
		}
		return slices.Contains(bodyTails, t)
	}
	for _, body := range []*source.Node{d.Guard, d.Body} {
		if body == nil {
			continue
		}
		for n := range body.OfType("identifier") {
			text := f.Text[n.Start():n.End()]
			for i, name := range names {
				if name == text {
					uses[i].add(f, n, isTail)
					used = true
				}
			}
		}
	}
	return used
}

// add records the use n of the parameter's variable.
func (u *LocalStateUse) add(f *source.File, n *source.Node, isTail func(*source.Node) bool) {
	if field, ok := FieldAccess(f, n); ok {
		u.Fields = addField(u.Fields, field)
		return
	}
	if keys, ok := mapUpdate(f, n); ok {
		for _, k := range keys {
			u.Fields = addField(u.Fields, k)
		}
		return
	}
	if key, ok := mapCallKey(f, n); ok {
		u.Fields = addField(u.Fields, key)
		return
	}
	if isNewState(f, n, isTail) {
		return
	}
	if c, i, ok := ArgumentOf(f, n); ok && c.Module == "" {
		if call := (StateCall{c.ID(), i}); !slices.Contains(u.Calls, call) {
			u.Calls = append(u.Calls, call)
		}
		return
	}
	u.Whole = true
}

// addField adds field to fields once (a clause names a handful).
func addField(fields []string, field string) []string {
	if slices.Contains(fields, field) {
		return fields
	}
	return append(fields, field)
}

// ResolveStateUse reads how a clause whose local use of its state is root uses the
// state: it appends the fields used to fields (a field may come more than once) and
// reports whether the state is used whole. A call passing the state to a same-module
// function that is not a callback (Callbacks) is followed into every clause of that
// function, up to 3 deep, each function and argument entered once; a call to anything
// else, or one past that depth, uses the whole state. helper returns the local uses of
// the module's function id by each of its clauses (each clause's LocalStateUses), false
// when the module defines no function id.
func ResolveStateUse(root LocalStateUse, helper func(id string) ([][]LocalStateUse, bool), fields []string) ([]string, bool) {
	r := resolver{helper: helper, fields: fields}
	r.visit(&root, 0)
	return r.fields, r.whole
}

// resolver is ResolveStateUse's walk.
type resolver struct {
	helper  func(id string) ([][]LocalStateUse, bool)
	fields  []string
	entered []StateCall // a handful at most: helpers are followed 3 deep
	whole   bool
}

func (r *resolver) visit(l *LocalStateUse, depth int) {
	r.fields = append(r.fields, l.Fields...)
	r.whole = r.whole || l.Whole
	for _, c := range l.Calls {
		if depth < 3 && !Callbacks[c.ID] {
			if clauses, ok := r.helper(c.ID); ok {
				if !slices.Contains(r.entered, c) {
					r.entered = append(r.entered, c)
					for _, params := range clauses {
						if c.Arg < len(params) {
							r.visit(&params[c.Arg], depth+1)
						}
					}
				}
				continue
			}
		}
		r.whole = true
	}
}

// patternFields adds the keys of map or struct patterns in a parameter
// (`%{users: u} = state`, `%__MODULE__{cache: c}`) to out.
func patternFields(f *source.File, p *source.Node, out []string) []string {
	p = Unwrap(p)
	switch {
	case p.Type() == "binary_operator" && Operator(p) == "=":
		out = patternFields(f, p.Child("left"), out)
		out = patternFields(f, p.Child("right"), out)
	case p.Type() == "map":
		for c := range p.Children() {
			if c.Type() == "map_content" {
				for _, pair := range Pairs(f, c) {
					out = addField(out, pair.Key)
				}
			}
		}
	}
	return out
}

// mapUpdate reads `%{state | a: 1, b: 2}` around the identifier n.
func mapUpdate(f *source.File, n *source.Node) ([]string, bool) {
	op := n.Parent()
	if op == nil || op.Type() != "binary_operator" || Operator(op) != "|" || op.Child("left") != n {
		return nil, false
	}
	var keys []string
	for _, p := range Pairs(f, op.Child("right")) {
		keys = append(keys, p.Key)
	}
	return keys, len(keys) > 0
}

// mapCallKey reads `Map.get(state, :f, ...)` and `put_in(state, [:f, ...], v)` around n.
func mapCallKey(f *source.File, n *source.Node) (string, bool) {
	c, i, ok := ArgumentOf(f, n)
	if !ok || i != 0 || len(c.Args) < 2 {
		return "", false
	}
	key := Unwrap(c.Args[1])
	switch {
	case c.Module == "Map" && mapFunctions[c.Name]:
	case (c.Module == "" || c.Module == "Kernel") && (c.Name == "put_in" || c.Name == "update_in" || c.Name == "get_in" || c.Name == "pop_in"):
		if key.Type() != "list" || len(Elements(key)) == 0 {
			return "", false
		}
		key = Elements(key)[0]
	default:
		return "", false
	}
	return AtomName(f, key)
}

// ArgumentOf returns the call n is a direct argument of, and its index; the left side of
// `n |> f(x)` is f's first argument.
func ArgumentOf(f *source.File, n *source.Node) (*Call, int, bool) {
	if op := n.Parent(); op != nil && op.Type() == "binary_operator" && Operator(op) == "|>" && op.Child("left") == n {
		c, ok := AsCall(f, op.Child("right"))
		return c, 0, ok && c.Piped()
	}
	if n.Parent() == nil || n.Parent().Type() != "arguments" {
		return nil, 0, false
	}
	c, ok := AsCall(f, n.Parent().Parent())
	if !ok {
		return nil, 0, false
	}
	for i, a := range c.Args {
		if a == n {
			return c, i, true
		}
	}
	return nil, 0, false
}

// isNewState reports whether n is returned as the server's next state: the state
// element of a tail `{:reply, x, s}`, `{:noreply, s}`, `{:stop, r, s}`, `{:ok, s}`...
func isNewState(f *source.File, n *source.Node, isTail func(*source.Node) bool) bool {
	t := n.Parent()
	if t == nil || t.Type() != "tuple" || !isTail(t) {
		return false
	}
	els := Elements(t)
	tag, _ := AtomName(f, els[0])
	idx := -1
	for i, e := range els {
		if e == n {
			idx = i
		}
	}
	switch tag {
	case "reply":
		return idx == 2
	case "noreply", "ok":
		return idx == 1
	case "stop":
		return idx == len(els)-1
	}
	return false
}

// InitStates returns the state expressions init/1 returns: the second element of each
// `{:ok, state}` / `{:ok, state, continue}` tail of its clauses, read through a variable
// bound in the clause (`state = %{...}; {:ok, state}`). complete is false when some such
// tail's state could not be read as a literal map or struct (a call, a parameter): the
// state's fields are then not all known. Tails returning `:ignore` or `{:stop, r}` start no
// server and are left out.
func InitStates(f *source.File, defs map[string][]Def) (states []*source.Node, complete bool) {
	complete = true
	for _, d := range defs["init/1"] {
		clauseStates, clauseComplete := InitClauseStates(f, d)
		states = append(states, clauseStates...)
		complete = complete && clauseComplete
	}
	return states, complete && len(states) > 0
}

// InitClauseStates is InitStates for one init/1 clause d: the states its tails return, and
// whether each tail's state could be read (true for a clause that returns none).
func InitClauseStates(f *source.File, d Def) (states []*source.Node, complete bool) {
	complete = true
	bindings := map[string]*source.Node{}
	if d.Body != nil {
		d.Body.Walk(func(n *source.Node) bool {
			if n.Type() == "binary_operator" && Operator(n) == "=" {
				if l := n.Child("left"); l != nil && l.Type() == "identifier" {
					bindings[f.Slice(l)] = n.Child("right")
				}
			}
			return true
		})
	}
	for _, t := range Tails(f, d.Body) {
		els := Elements(t)
		if t.Type() != "tuple" || len(els) < 2 || f.Slice(els[0]) != ":ok" {
			if tag, _ := AtomName(f, firstElement(t)); tag != "stop" && f.Slice(t) != ":ignore" {
				complete = false // a tail we cannot read (a helper's result)
			}
			continue
		}
		state := Unwrap(els[1])
		if state.Type() == "identifier" && bindings[f.Slice(state)] != nil {
			state = Unwrap(bindings[f.Slice(state)])
		}
		if state.Type() != "map" {
			complete = false
			continue
		}
		states = append(states, state)
	}
	return states, complete
}

// firstElement is a tuple's first element, nil for anything else.
func firstElement(t *source.Node) *source.Node {
	if t.Type() != "tuple" {
		return nil
	}
	if els := Elements(t); len(els) > 0 {
		return els[0]
	}
	return nil
}

// MapLiteral reads a map or struct literal (`%{a: 1}`, `%State{a: 1}`): its `key: value`
// pairs, and the struct's name as written ("" for a plain map).
func MapLiteral(f *source.File, m *source.Node) (pairs []Pair, structName string) {
	for c := range m.Children() {
		switch c.Type() {
		case "map_content":
			pairs = append(pairs, Pairs(f, c)...)
		case "struct":
			structName = ModuleName(f, c)
		}
	}
	return pairs, structName
}

// StructField is a field a `defstruct` declares, with its default (nil when it is listed
// without one, `defstruct [:a, b: 1]`).
type StructField struct {
	Name    string
	Default *source.Node
}

// DefstructFields reads the fields of the `defstruct` forms of a module body.
func DefstructFields(f *source.File, body *source.Node) []StructField {
	if body == nil {
		return nil
	}
	var out []StructField
	for form := range body.Children() {
		out = append(out, DefstructOf(f, form)...)
	}
	return out
}

// DefstructOf reads the fields a module's form declares when it is a `defstruct`
// (none for any other form).
func DefstructOf(f *source.File, form *source.Node) []StructField {
	c, ok := AsCall(f, form)
	if !ok || c.Module != "" || c.Name != "defstruct" || len(c.Args) == 0 {
		return nil
	}
	var out []StructField
	fields := Unwrap(c.Args[0])
	if fields.Type() == "keywords" {
		for _, p := range Pairs(f, fields) {
			out = append(out, StructField{Name: p.Key, Default: p.Value})
		}
		return out
	}
	for _, el := range Elements(fields) {
		if el.Type() == "pair" {
			key := el.Child("key")
			name := strings.Trim(strings.TrimSuffix(strings.TrimSpace(f.Slice(key)), ":"), `"`)
			out = append(out, StructField{Name: name, Default: el.Child("value")})
		} else if name, ok := AtomName(f, el); ok {
			out = append(out, StructField{Name: name})
		}
	}
	return out
}

// HoldsCollection reports whether a field's initial value is a collection (a map, a list,
// a MapSet, a queue, a tree): the data a server accumulates, as opposed to a counter, a
// flag or a setting.
func HoldsCollection(f *source.File, v *source.Node) bool {
	v = Unwrap(v)
	if v == nil {
		return false
	}
	switch v.Type() {
	case "map", "list":
		return true
	}
	c, ok := AsCall(f, v)
	if !ok {
		return false
	}
	switch c.Qualified() {
	case "MapSet.new", "Map.new", ":queue.new", ":gb_trees.empty", ":gb_sets.new", ":gb_sets.empty", ":sets.new":
		return true
	}
	return false
}

// mapReads are the Map functions that read one key of the map they are given.
var mapReads = map[string]bool{"get": true, "fetch": true, "fetch!": true, "has_key?": true, "get_lazy": true}

// FieldRead reads the use n of a state variable as a read of one of its fields:
// `state.f`, `state[:f]`, `Map.get(state, :f, ...)` (fetch, fetch!, has_key?, get_lazy),
// `get_in(state, [:f, ...])`. Updates (`%{state | f: v}`, `Map.put`) are not reads: they
// need the whole state to build the new one.
func FieldRead(f *source.File, n *source.Node) (string, bool) {
	if field, ok := FieldAccess(f, n); ok {
		return field, true
	}
	if a := n.Parent(); a != nil && a.Type() == "access_call" && a.Child("target") == n {
		return AtomName(f, a.Child("key"))
	}
	c, _, ok := ArgumentOf(f, n)
	if !ok || !(c.Module == "Map" && mapReads[c.Name] || (c.Module == "" || c.Module == "Kernel") && c.Name == "get_in") {
		return "", false
	}
	return mapCallKey(f, n)
}
