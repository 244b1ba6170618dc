package supervision

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// The tree reads what the index summary keeps (behaviours, `use` options, functions,
// calls, registered names) and, from each module's own forms, what only the tree needs:
// its facts below. They are computed with the module's summary, so a closed file's
// contribution to the tree lives on without its syntax tree or text.

// moduleFacts is what one module contributes to the tree beyond its summary.
type moduleFacts struct {
	// Supervisors are its supervisor starts, in source order: `Supervisor.start_link(children,
	// opts)`, `Supervisor.init(children, opts)`, `DynamicSupervisor.init(opts)`.
	Supervisors []supervisorStart
	// Starts are its DynamicSupervisor.start_child(sup, spec) sites.
	Starts []startSite
	// App is, for the module of a mix.exs, its `app:` and `mod:`.
	App *mixApp
	// Wraps is the Elixir child module whose child spec the module's own child_spec/1
	// returns (`Registry.child_spec(keys: :unique, name: __MODULE__)`), with the name it
	// gives it: the module's process is a Registry, a Task.Supervisor...
	Wraps, WrapsName string
}

// supervisorStart is one call that starts (or initialises) a supervisor with its children.
type supervisorStart struct {
	From     string // "name/arity" of the function it is in
	Dynamic  bool   // DynamicSupervisor.init: no children list
	Strategy string // "one_for_one"..., "" when not written as an atom
	Name     string // `name:` of its options, resolved; "" when none or unreadable
	Children []child
	Span     index.Span // the call
}

// child is one entry of a children list, or a part of the list that cannot be read.
type child struct {
	Module   string // resolved; "" when not shown
	ID       string // an explicit id, as written
	IDInArg  bool
	Name     string // `name:` in the child's arguments, resolved
	Restart  string // an override: Supervisor.child_spec(x, restart: ...) or %{restart: ...}
	Type     string // %{type: :supervisor} or Supervisor.child_spec(x, type: ...)
	Strategy string // `strategy:` in the child's arguments ({DynamicSupervisor, strategy: ...})
	// Dynamic: the entry is built at run time (a variable, a function's result, a
	// comprehension, a conditional); Text is its source.
	Dynamic bool
	Text    string
	Span    index.Span
	// Alternatives, for a dynamic entry that is one of several values written in the code
	// (a conditional, a local function of several clauses or with a conditional value),
	// are those values as the tree describes them ("[A, B]", "A", "nil"); Lists: each is a
	// list; Clauses: "2 clauses of f/1" when they are the values of a function's clauses.
	Alternatives []string
	Lists        bool
	Clauses      string
	// Reaches are the workspace modules the alternatives start: reachable, conditionally.
	Reaches []string
}

// startSite is one call that starts a child under a running supervisor:
// DynamicSupervisor.start_child, Supervisor.start_child, or a Task.Supervisor task.
type startSite struct {
	Call       string // "DynamicSupervisor.start_child", "Task.Supervisor.async_nolink"...
	Supervisor string // the first argument, resolved ("" when not a name)
	Module     string // the module the spec (or a task's MFA) starts, resolved; "" when it cannot be read
	Text       string // the spec's (or the task's function's) source
	Task       bool   // a Task.Supervisor task: a task process running Text
	Restart    string // a task's `restart:` option
	From       string
	Span       index.Span
}

// mixApp is what a mix.exs says about its application.
type mixApp struct {
	App string // `app: :my_app`
	Mod string // `mod: {MyApp.Application, arg}`, resolved
}

// Facts are the facts the tree reads: a workspace that answers tree requests computes
// them (index.NewWorkspace).
func Facts() []*index.FactKind { return []*index.FactKind{modulesFact.Kind()} }

var modulesFact = index.NewFact("supervision.module", func(ms index.ModuleSource) (moduleFacts, bool) {
	var mf moduleFacts
	r := &reader{ms: ms}
	if filepath.Base(ms.File.Path) == "mix.exs" {
		mf.App = readMixApp(ms)
	}
	childSpecs := 0
	for _, form := range ms.Forms {
		d, isDef := elixir.AsDef(ms.File, form)
		if isDef && d.ID() == "child_spec/1" {
			if childSpecs++; childSpecs == 1 {
				mf.Wraps, mf.WrapsName = r.wrapped(form)
			} else {
				mf.Wraps, mf.WrapsName = "", "" // several clauses: not one answer
			}
		}
		text := ms.File.Slice(form)
		if !strings.Contains(text, "Supervisor") {
			continue // most forms start no supervisor and no child
		}
		from := ""
		if isDef {
			from = d.ID()
		}
		var bindings map[string]*source.Node
		for _, c := range elixir.CallsIn(ms.File, form) {
			if c.Module != "Supervisor" && c.Module != "DynamicSupervisor" && c.Module != "Task.Supervisor" {
				continue
			}
			if bindings == nil {
				bindings = elixir.Bindings(ms.File, form)
			}
			switch {
			case c.Module == "Task.Supervisor" && taskStarts[c.Name] && len(c.Args) > 1:
				mf.Starts = append(mf.Starts, r.taskSite(&c, from))
			case c.Name == "start_child" && c.Module != "Task.Supervisor" && len(c.Args) > 1:
				spec := index.DynamicStartSpec(&c)
				mod := r.resolve(index.DynamicChildModule(ms.File, spec, bindings))
				mf.Starts = append(mf.Starts, startSite{Call: c.Module + ".start_child", Supervisor: r.supervisorArg(c.Args[0]),
					Module: mod, Text: r.text(spec), From: from, Span: ms.Span(c.Node)})
			case c.Module == "Supervisor" && (c.Name == "start_link" || c.Name == "init") && len(c.Args) >= 1 && !r.moduleStart(c.Args[0], bindings):
				s := supervisorStart{From: from, Span: ms.Span(c.Node)}
				s.Children = r.children(c.Args[0])
				if len(c.Args) > 1 {
					s.Strategy, s.Name = r.options(c.Args[1], bindings)
				}
				mf.Supervisors = append(mf.Supervisors, s)
			case c.Module == "DynamicSupervisor" && c.Name == "init" && len(c.Args) >= 1:
				s := supervisorStart{From: from, Dynamic: true, Span: ms.Span(c.Node)}
				s.Strategy, s.Name = r.options(c.Args[0], bindings)
				mf.Supervisors = append(mf.Supervisors, s)
			}
		}
	}
	return mf, len(mf.Supervisors) > 0 || len(mf.Starts) > 0 || mf.App != nil || mf.Wraps != ""
})

// wrappedKinds are the Elixir child modules a module's own child_spec/1 may hand its
// spec to, making its process one of theirs.
var wrappedKinds = map[string]bool{"Registry": true, "Task.Supervisor": true, "DynamicSupervisor": true,
	"PartitionSupervisor": true}

// wrapped reads a child_spec/1 clause that returns an Elixir child module's spec:
// `Lib.child_spec(opts)` or `Supervisor.child_spec({Lib, opts}, overrides)`, piped or
// not; the module and the `name:` it is given ("" when there is no such call, or two).
func (r *reader) wrapped(form *source.Node) (module, name string) {
	f := r.ms.File
	for _, c := range elixir.CallsIn(f, form) {
		var lib string
		var args *source.Node
		switch {
		case c.Name == "child_spec" && wrappedKinds[c.Module] && len(c.Args) == 1:
			lib, args = c.Module, c.Args[0]
		case c.Name == "child_spec" && c.Module == "Supervisor" && len(c.Args) > 0:
			if t := elixir.Unwrap(c.Args[0]); t.Type() == "tuple" {
				if els := elixir.Elements(t); len(els) == 2 && wrappedKinds[elixir.ModuleName(f, els[0])] {
					lib, args = elixir.ModuleName(f, els[0]), els[1]
				}
			}
		}
		if lib == "" {
			continue
		}
		if module != "" {
			return "", "" // two of them: not one answer
		}
		module = strings.Clone(lib) // not a piece of the file's text
		if v := elixir.KeywordValue(f, elixir.Unwrap(args), "name"); v != nil {
			name = r.resolve(elixir.ModuleOrAtom(f, v))
		}
	}
	return module, name
}

// reader reads one module's children lists.
type reader struct {
	ms index.ModuleSource
	// defs are the module's function clauses by "name/arity", read on first need.
	defs map[string][]elixir.Def
	// expanding are the functions whose value is being read (a recursion stops there).
	expanding map[string]bool
}

// taskStarts are the Task.Supervisor functions that start a task under the supervisor
// named by their first argument.
var taskStarts = map[string]bool{"start_child": true, "async": true, "async_nolink": true,
	"async_stream": true, "async_stream_nolink": true}

// taskSite reads a Task.Supervisor call that starts a task: `(sup, fun, opts)` or
// `(sup, Mod, :fun, args, opts)`; the streams take the enumerable first.
func (r *reader) taskSite(c *elixir.Call, from string) startSite {
	args := c.Args[1:]
	if strings.HasPrefix(c.Name, "async_stream") && len(args) > 1 {
		args = args[1:] // the enumerable
	}
	s := startSite{Call: "Task.Supervisor." + c.Name, Supervisor: r.supervisorArg(c.Args[0]), Task: true, From: from,
		Span: r.ms.Span(c.Node), Text: r.text(args[0])}
	last := args[len(args)-1]
	if len(args) >= 3 { // Mod, :fun, args
		s.Module = r.resolve(elixir.ModuleOrAtom(r.ms.File, args[0]))
		if name, ok := elixir.AtomName(r.ms.File, args[1]); ok && s.Module != "" {
			s.Text = strings.TrimPrefix(s.Module, ":") + "." + name
		}
	}
	if c.Name == "start_child" && len(args) != 3 && len(args) > 1 {
		s.Restart = r.atomOption(last, "restart")
	}
	return s
}

// supervisorArg resolves the supervisor a start call names: a module or an atom, or the
// PartitionSupervisor of `{:via, PartitionSupervisor, {Name, key}}`.
func (r *reader) supervisorArg(n *source.Node) string {
	if name := elixir.ModuleOrAtom(r.ms.File, n); name != "" {
		return r.resolve(name)
	}
	if n = elixir.Unwrap(n); n != nil && n.Type() == "tuple" {
		if els := elixir.Elements(n); len(els) == 3 && r.ms.File.Slice(els[0]) == ":via" &&
			r.resolve(elixir.ModuleOrAtom(r.ms.File, els[1])) == "PartitionSupervisor" {
			if inner := elixir.Unwrap(els[2]); inner.Type() == "tuple" {
				if parts := elixir.Elements(inner); len(parts) == 2 {
					return r.resolve(elixir.ModuleOrAtom(r.ms.File, parts[0]))
				}
			}
		}
	}
	return ""
}

// resolve resolves a name as written in the module ("@attr" through its attributes).
func (r *reader) resolve(name string) string {
	if strings.HasPrefix(name, "@") {
		return r.ms.Summary.ResolveModuleAttribute(name)
	}
	return r.ms.Resolve(name)
}

// maxText is the most characters of source a node's label shows.
const maxText = 80

// text is n's source on one line, shortened to maxText characters.
func (r *reader) text(n *source.Node) string {
	s := strings.Join(strings.Fields(r.ms.File.Slice(n)), " ")
	if runes := []rune(s); len(runes) > maxText {
		s = string(runes[:maxText-1]) + "…"
	}
	return strings.Clone(s)
}

// moduleStart reports whether the first argument of Supervisor.start_link names a
// module (`Supervisor.start_link(__MODULE__, arg, opts)`: the module's init/1 gives the
// children) rather than being the children.
func (r *reader) moduleStart(n *source.Node, bindings map[string]*source.Node) bool {
	n = elixir.Unwrap(n)
	switch n.Type() {
	case "alias", "atom":
		return true
	case "identifier":
		return r.ms.File.Slice(n) == "__MODULE__"
	case "unary_operator":
		name, value, ok := elixir.Attribute(r.ms.File, n)
		return ok && value == nil && !strings.HasPrefix(r.ms.Summary.ResolveModuleAttribute("@"+name), ":") && r.ms.Summary.ResolveModuleAttribute("@"+name) != ""
	}
	return false
}

// options reads a supervisor's `strategy:` and `name:` options.
func (r *reader) options(n *source.Node, bindings map[string]*source.Node) (strategy, name string) {
	n = r.follow(n, bindings)
	if v := elixir.KeywordValue(r.ms.File, n, "strategy"); v != nil {
		strategy = r.atom(v)
	}
	if v := elixir.KeywordValue(r.ms.File, n, "name"); v != nil {
		name = r.resolve(elixir.ModuleOrAtom(r.ms.File, v))
	}
	return strategy, name
}

// follow is n, or the expression a variable n is bound to in the same form.
func (r *reader) follow(n *source.Node, bindings map[string]*source.Node) *source.Node {
	n = elixir.Unwrap(n)
	if n != nil && n.Type() == "identifier" {
		if b := bindings[r.ms.File.Slice(n)]; b != nil {
			return elixir.Unwrap(b)
		}
	}
	return n
}

// maxDepth bounds how deep the reading of one children list goes (variables bound to
// variables, `++` chains, functions calling functions).
const maxDepth = 16

// children reads a children argument: a list literal, through variables, joined with
// `++`, filtered of nils, or returned by a function of the module (docs/tree.md); any
// other part is one dynamic entry showing its source.
func (r *reader) children(n *source.Node) []child {
	out, _ := r.list(n, 0)
	return out
}

// list reads n as children; isList reports that n is a list written in the code (a
// literal, or built of literals as children reads them), not a value known at run time
// only (then out is one dynamic entry).
func (r *reader) list(n *source.Node, depth int) (out []child, isList bool) {
	f := r.ms.File
	n = elixir.Unwrap(n)
	if n == nil {
		return nil, false
	}
	if depth > maxDepth {
		return []child{r.dynamic(n)}, false
	}
	switch n.Type() {
	case "list":
		for _, el := range elixir.Elements(n) {
			out = append(out, r.entry(el, depth))
		}
		return out, true
	case "identifier":
		name := f.Slice(n)
		if v := elixir.BoundBefore(f, n, name); v != nil {
			return r.list(v, depth+1) // the value bound last before this use
		}
		if !r.parameter(n, name) && len(r.clauses(name, 0)) > 0 {
			return r.local(n, name, 0, depth) // `children` without parentheses
		}
	case "binary_operator":
		switch elixir.Operator(n) {
		case "++":
			left, lok := r.list(n.Child("left"), depth+1)
			right, rok := r.list(n.Child("right"), depth+1)
			return append(left, right...), lok || rok
		case "|>":
			if c, ok := elixir.AsCall(f, n.Child("right")); ok && nilFilter(f, c) {
				return r.list(c.Args[0], depth+1)
			}
		}
	case "call":
		c, ok := elixir.AsCall(f, n)
		switch {
		case !ok:
		case nilFilter(f, c) && !c.Piped():
			return r.list(c.Args[0], depth+1)
		case conditional(c):
			return []child{r.alternatives(n, r.branches(n), "", depth)}, false
		case c.Module == "" && c.DoBlock() == nil && len(r.clauses(c.Name, len(c.Args))) > 0:
			return r.local(n, c.Name, len(c.Args), depth)
		}
	}
	return []child{r.dynamic(n)}, false
}

// local reads the call n of the module's function name/arity: the list it returns, in
// place, when it has one clause whose value is a list; else one dynamic entry, which
// names the alternatives when the function has several clauses or a conditional value.
func (r *reader) local(n *source.Node, name string, arity, depth int) ([]child, bool) {
	id := elixir.FuncID(name, arity)
	if r.expanding[id] {
		return []child{r.dynamic(n)}, false // it calls itself
	}
	if r.expanding == nil {
		r.expanding = map[string]bool{}
	}
	r.expanding[id] = true
	defer delete(r.expanding, id)
	clauses := r.clauses(name, arity)
	if len(clauses) == 1 {
		exprs := elixir.Exprs(clauses[0].Body)
		if len(exprs) == 0 {
			return []child{r.dynamic(n)}, false
		}
		value := elixir.Unwrap(exprs[len(exprs)-1])
		if c, ok := elixir.AsCall(r.ms.File, value); !ok || !conditional(c) {
			out, ok := r.list(value, depth+1)
			if ok {
				return out, true
			}
			ch := r.dynamic(n)                                 // a value known at run time only
			if len(out) == 1 && len(out[0].Alternatives) > 0 { // another function's alternatives
				ch.Alternatives, ch.Lists, ch.Clauses, ch.Reaches = out[0].Alternatives, out[0].Lists, out[0].Clauses, out[0].Reaches
			}
			return []child{ch}, false
		}
	}
	var values []*source.Node
	for _, cl := range clauses {
		exprs := elixir.Exprs(cl.Body)
		if len(exprs) == 0 {
			continue
		}
		values = append(values, r.branches(exprs[len(exprs)-1])...)
	}
	of := ""
	if len(clauses) > 1 {
		of = strconv.Itoa(len(clauses)) + " clauses of " + id
	}
	return []child{r.alternatives(n, values, of, depth)}, false
}

// branches are the values an expression may take: each branch's of a conditional (nil
// for an `if` without else), or the expression itself.
func (r *reader) branches(n *source.Node) []*source.Node {
	n = elixir.Unwrap(n)
	c, ok := elixir.AsCall(r.ms.File, n)
	if !ok || !conditional(c) {
		return []*source.Node{n}
	}
	out := elixir.Tails(r.ms.File, n)
	if c.Name == "if" || c.Name == "unless" {
		hasElse := false
		if c.DoBlock() != nil {
			for b := range c.DoBlock().Children() {
				hasElse = hasElse || b.Type() == "else_block"
			}
		} else if len(c.Args) > 1 {
			hasElse = elixir.KeywordValue(r.ms.File, c.Args[len(c.Args)-1], "else") != nil
		}
		if !hasElse {
			out = append(out, nil) // the value of an if without else when it does not hold
		}
	}
	return out
}

// alternatives is the dynamic entry n, whose value is one of values (children lists),
// with each value described.
func (r *reader) alternatives(n *source.Node, values []*source.Node, clauses string, depth int) child {
	ch := r.dynamic(n)
	ch.Clauses, ch.Lists = clauses, true
	seen := map[string]bool{}
	for _, v := range values {
		shown := "nil"
		if v != nil {
			v = elixir.Unwrap(v)
			if out, ok := r.list(v, depth+1); ok {
				shown = r.describe(out, &ch.Reaches)
			} else {
				ch.Lists = false
				shown = r.text(v)
			}
		} else {
			ch.Lists = false
		}
		if !seen[shown] {
			seen[shown] = true
			ch.Alternatives = append(ch.Alternatives, shown)
		}
	}
	return ch
}

// describe writes children as a list, "[A, {B, opts}]" shown "[A, B]", adding the
// modules they start (and those their own alternatives start) to reaches.
func (r *reader) describe(children []child, reaches *[]string) string {
	parts := make([]string, 0, len(children))
	for _, c := range children {
		switch {
		case c.Module != "":
			parts = append(parts, c.Module)
			*reaches = appendNew(*reaches, c.Module)
		case len(c.Alternatives) > 0:
			parts = append(parts, "("+strings.Join(c.Alternatives, " or ")+")")
			for _, m := range c.Reaches {
				*reaches = appendNew(*reaches, m)
			}
		default:
			parts = append(parts, c.Text)
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// conditional reports whether c is a conditional whose value is one of its branches'.
func conditional(c *elixir.Call) bool {
	switch c.Name {
	case "if", "unless", "case", "cond":
		return c.Module == ""
	}
	return false
}

// nilFilter reports whether c drops the nils of its first argument (`Enum.reject(list,
// &is_nil/1)`, `Enum.filter(list, & &1)`): a list with entries `if(c, do: X)` becomes the
// entries that hold.
func nilFilter(f *source.File, c *elixir.Call) bool {
	if c.Module != "Enum" || len(c.Args) != 2 {
		return false
	}
	fun := strings.Join(strings.Fields(f.Slice(c.Args[1])), "")
	switch c.Name {
	case "reject":
		return fun == "&is_nil/1" || fun == "&(is_nil(&1))" || fun == "&is_nil(&1)"
	case "filter":
		return fun == "&&1" || fun == "&(&1)" || fun == "&Function.identity/1"
	}
	return false
}

// clauses are the module's clauses of name/arity.
func (r *reader) clauses(name string, arity int) []elixir.Def {
	if r.defs == nil {
		r.defs = map[string][]elixir.Def{}
		for _, form := range r.ms.Forms {
			if d, ok := elixir.AsDef(r.ms.File, form); ok && (d.Kind == "def" || d.Kind == "defp") {
				r.defs[d.ID()] = append(r.defs[d.ID()], d)
			}
		}
	}
	return r.defs[elixir.FuncID(name, arity)]
}

// parameter reports whether name is a variable of the parameters of the function n is in.
func (r *reader) parameter(n *source.Node, name string) bool {
	d, ok := elixir.EnclosingDef(r.ms.File, n)
	if !ok {
		return false
	}
	for _, p := range d.Params {
		for x := range p.Subtree() {
			if x.Type() == "identifier" && r.ms.File.Slice(x) == name {
				return true
			}
		}
	}
	return false
}

func (r *reader) dynamic(n *source.Node) child {
	return child{Dynamic: true, Text: r.text(n), Span: r.ms.Span(n)}
}

// entry reads one element of a children list.
func (r *reader) entry(el *source.Node, depth int) child {
	f := r.ms.File
	n := elixir.Unwrap(el)
	switch n.Type() {
	case "alias", "tuple", "map", "unary_operator":
	case "identifier":
		if name := f.Slice(n); name != "__MODULE__" {
			if v := elixir.BoundBefore(f, n, name); v != nil && depth <= maxDepth {
				return r.entry(v, depth+1) // a spec bound to a variable: shown where it is written
			}
			return r.dynamic(el) // a variable: its value is known at run time only
		}
	case "call":
		c, ok := elixir.AsCall(f, n)
		if ok && conditional(c) && depth <= maxDepth {
			return r.entryAlternatives(el, r.branches(el), "", depth)
		}
		if ok && c.Module == "" && c.DoBlock() == nil && depth <= maxDepth && len(r.clauses(c.Name, len(c.Args))) > 0 {
			return r.localEntry(el, c, depth)
		}
		if !ok || c.Name != "child_spec" || c.Module == "" {
			return r.dynamic(el) // a function's result
		}
		if c.Module != "Supervisor" { // Mod.child_spec(arg)
			return child{Module: r.resolve(c.Module), Span: r.ms.Span(el)}
		}
	default:
		return r.dynamic(el)
	}
	ch := index.ReadChildSpec(f, el)
	out := child{Module: r.resolve(ch.Module), ID: strings.Clone(ch.ID), IDInArg: ch.IDInArg, Name: r.resolve(ch.Name), Span: r.ms.Span(el)}
	if out.Module == "" {
		return r.dynamic(el)
	}
	switch n.Type() {
	case "map":
		out.Restart, out.Type = r.atomOption(mapContent(n), "restart"), r.atomOption(mapContent(n), "type")
	case "call": // Supervisor.child_spec(spec, overrides)
		if c, _ := elixir.AsCall(f, n); len(c.Args) > 1 {
			out.Restart, out.Type = r.atomOption(c.Args[1], "restart"), r.atomOption(c.Args[1], "type")
			if v := elixir.KeywordValue(f, c.Args[1], "id"); v != nil {
				out.ID, out.IDInArg = strings.Clone(f.Slice(v)), false
			}
		}
	case "tuple":
		if els := elixir.Elements(n); len(els) > 1 {
			arg := els[1]
			if len(els) > 2 || els[1].Type() == "pair" {
				for _, p := range els[1:] {
					if p.Type() == "pair" && strings.HasPrefix(f.Slice(p), "strategy:") {
						out.Strategy = r.atom(p.Child("value"))
					}
				}
			} else {
				out.Strategy = r.atomOption(arg, "strategy")
			}
		}
	}
	return out
}

// localEntry reads the entry el, a call of the module's function c names (`setup()`):
// the spec its one clause returns, shown where it is written; else el is dynamic, with
// the specs of its clauses or branches.
func (r *reader) localEntry(el *source.Node, c *elixir.Call, depth int) child {
	id := c.ID()
	if r.expanding[id] {
		return r.dynamic(el)
	}
	if r.expanding == nil {
		r.expanding = map[string]bool{}
	}
	r.expanding[id] = true
	defer delete(r.expanding, id)
	clauses := r.clauses(c.Name, len(c.Args))
	var values []*source.Node
	for _, cl := range clauses {
		if exprs := elixir.Exprs(cl.Body); len(exprs) > 0 {
			values = append(values, r.branches(exprs[len(exprs)-1])...)
		}
	}
	if len(clauses) == 1 && len(values) == 1 {
		if ch := r.entry(values[0], depth+1); !ch.Dynamic {
			return ch
		}
		return r.dynamic(el)
	}
	of := ""
	if len(clauses) > 1 {
		of = strconv.Itoa(len(clauses)) + " clauses of " + id
	}
	return r.entryAlternatives(el, values, of, depth)
}

// entryAlternatives is the dynamic entry el, a conditional (`if(c, do: {Mod, arg})`) or
// a function's call, with the entries it may be (values; nil for a missing else).
func (r *reader) entryAlternatives(el *source.Node, values []*source.Node, clauses string, depth int) child {
	ch := r.dynamic(el)
	ch.Clauses = clauses
	seen := map[string]bool{}
	for _, v := range values {
		shown := "nil"
		if v != nil {
			e := r.entry(v, depth+1)
			shown = r.describe([]child{e}, &ch.Reaches)
			shown = shown[1 : len(shown)-1]
		}
		if !seen[shown] {
			seen[shown] = true
			ch.Alternatives = append(ch.Alternatives, shown)
		}
	}
	return ch
}

// atomOption is the atom value of key in keywords n, "" when absent or not an atom.
func (r *reader) atomOption(n *source.Node, key string) string {
	return r.atom(elixir.KeywordValue(r.ms.File, n, key))
}

// atom is the name of the atom n is ("one_for_one" for `:one_for_one`), "" when n is not
// an atom.
func (r *reader) atom(n *source.Node) string {
	name, _ := elixir.AtomName(r.ms.File, n)
	return strings.Clone(name) // not a piece of the file's text
}

func mapContent(n *source.Node) *source.Node {
	for c := range n.Children() {
		if c.Type() == "map_content" {
			return c
		}
	}
	return nil
}

// readMixApp reads `app: :name` and `mod: {Mod, arg}` anywhere in a mix.exs module.
func readMixApp(ms index.ModuleSource) *mixApp {
	app := &mixApp{}
	for _, form := range ms.Forms {
		for n := range form.Subtree() {
			if n.Type() != "pair" {
				continue
			}
			key := strings.TrimSuffix(strings.TrimSpace(ms.File.Slice(n.Child("key"))), ":")
			v := elixir.Unwrap(n.Child("value"))
			switch {
			case key == "app" && app.App == "":
				app.App, _ = elixir.AtomName(ms.File, v)
			case key == "mod" && app.Mod == "" && v != nil && v.Type() == "tuple":
				if els := elixir.Elements(v); len(els) > 0 {
					app.Mod = ms.Resolve(elixir.ModuleOrAtom(ms.File, els[0]))
				}
			}
		}
	}
	if app.App == "" && app.Mod == "" {
		return nil
	}
	app.App = strings.Clone(app.App)
	return app
}
