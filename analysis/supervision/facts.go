package supervision

import (
	"path/filepath"
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
}

// startSite is one DynamicSupervisor.start_child call.
type startSite struct {
	Supervisor string // the first argument, resolved ("" when not a name)
	Module     string // the module the spec starts, resolved; "" when it cannot be read
	Text       string // the spec's source
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
	r := reader{ms: ms}
	if filepath.Base(ms.File.Path) == "mix.exs" {
		mf.App = readMixApp(ms)
	}
	for _, form := range ms.Forms {
		text := ms.File.Slice(form)
		if !strings.Contains(text, "Supervisor") {
			continue // most forms start no supervisor and no child
		}
		from := ""
		if d, ok := elixir.AsDef(ms.File, form); ok {
			from = d.ID()
		}
		var bindings map[string]*source.Node
		for _, c := range elixir.CallsIn(ms.File, form) {
			if c.Module != "Supervisor" && c.Module != "DynamicSupervisor" {
				continue
			}
			if bindings == nil {
				bindings = elixir.Bindings(ms.File, form)
			}
			switch {
			case c.Name == "start_child" && c.Module == "DynamicSupervisor" && len(c.Args) > 1:
				spec := index.DynamicStartSpec(&c)
				mod := r.resolve(index.DynamicChildModule(ms.File, spec, bindings))
				mf.Starts = append(mf.Starts, startSite{Supervisor: r.resolve(elixir.ModuleOrAtom(ms.File, c.Args[0])),
					Module: mod, Text: r.text(spec), From: from, Span: ms.Span(c.Node)})
			case c.Module == "Supervisor" && (c.Name == "start_link" || c.Name == "init") && len(c.Args) >= 1 && !r.moduleStart(c.Args[0], bindings):
				s := supervisorStart{From: from, Span: ms.Span(c.Node)}
				s.Children = r.children(c.Args[0], bindings, 0)
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
	return mf, len(mf.Supervisors) > 0 || len(mf.Starts) > 0 || mf.App != nil
})

// reader reads one module's children lists.
type reader struct{ ms index.ModuleSource }

// resolve resolves a name as written in the module ("@attr" through its attributes).
func (r reader) resolve(name string) string {
	if strings.HasPrefix(name, "@") {
		return r.ms.Summary.ResolveModuleAttribute(name)
	}
	return strings.Clone(r.ms.Syntax.Resolve(name)) // not a piece of the file's text
}

// maxText is the most characters of source a node's label shows.
const maxText = 80

// text is n's source on one line, shortened to maxText characters.
func (r reader) text(n *source.Node) string {
	s := strings.Join(strings.Fields(r.ms.File.Slice(n)), " ")
	if runes := []rune(s); len(runes) > maxText {
		s = string(runes[:maxText-1]) + "…"
	}
	return strings.Clone(s)
}

// moduleStart reports whether the first argument of Supervisor.start_link names a
// module (`Supervisor.start_link(__MODULE__, arg, opts)`: the module's init/1 gives the
// children) rather than being the children.
func (r reader) moduleStart(n *source.Node, bindings map[string]*source.Node) bool {
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
func (r reader) options(n *source.Node, bindings map[string]*source.Node) (strategy, name string) {
	n = r.follow(n, bindings)
	if v := elixir.KeywordValue(r.ms.File, n, "strategy"); v != nil {
		strategy, _ = elixir.AtomName(r.ms.File, v)
	}
	if v := elixir.KeywordValue(r.ms.File, n, "name"); v != nil {
		name = r.resolve(elixir.ModuleOrAtom(r.ms.File, v))
	}
	return strategy, name
}

// follow is n, or the expression a variable n is bound to in the same form.
func (r reader) follow(n *source.Node, bindings map[string]*source.Node) *source.Node {
	n = elixir.Unwrap(n)
	if n != nil && n.Type() == "identifier" {
		if b := bindings[r.ms.File.Slice(n)]; b != nil {
			return elixir.Unwrap(b)
		}
	}
	return n
}

// children reads a children argument: a list literal (through a variable), lists joined
// with `++`; any other part is one dynamic entry showing its source.
func (r reader) children(n *source.Node, bindings map[string]*source.Node, depth int) []child {
	if depth < 4 { // `a = b` chains: a variable bound to a variable...
		n = r.follow(n, bindings)
	}
	switch {
	case n == nil:
		return nil
	case n.Type() == "list":
		var out []child
		for _, el := range elixir.Elements(n) {
			out = append(out, r.entry(el))
		}
		return out
	case n.Type() == "binary_operator" && elixir.Operator(n) == "++" && depth < 16:
		return append(r.children(n.Child("left"), bindings, depth+1), r.children(n.Child("right"), bindings, depth+1)...)
	}
	return []child{r.dynamic(n)}
}

func (r reader) dynamic(n *source.Node) child {
	return child{Dynamic: true, Text: r.text(n), Span: r.ms.Span(n)}
}

// entry reads one element of a children list.
func (r reader) entry(el *source.Node) child {
	f := r.ms.File
	n := elixir.Unwrap(el)
	switch n.Type() {
	case "alias", "tuple", "map", "unary_operator":
	case "identifier":
		if f.Slice(n) != "__MODULE__" {
			return r.dynamic(el) // a variable: its value is known at run time only
		}
	case "call":
		c, ok := elixir.AsCall(f, n)
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
						out.Strategy, _ = elixir.AtomName(f, p.Child("value"))
					}
				}
			} else {
				out.Strategy = r.atomOption(arg, "strategy")
			}
		}
	}
	return out
}

// atomOption is the atom value of key in keywords n, "" when absent or not an atom.
func (r reader) atomOption(n *source.Node, key string) string {
	v := elixir.KeywordValue(r.ms.File, n, key)
	name, _ := elixir.AtomName(r.ms.File, v)
	return name
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
					app.Mod = strings.Clone(ms.Syntax.Resolve(elixir.ModuleOrAtom(ms.File, els[0])))
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
