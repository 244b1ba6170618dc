package elixir

import (
	"sort"
	"strings"

	"github.com/otpls/otpls/analysis/source"
)

// Module is a defmodule with the aliases in force in its body.
type Module struct {
	Name     string // full name, outer modules' names prefixed for nested modules
	NameNode *source.Node
	Node     *source.Node // the defmodule call
	Body     *source.Node // its do_block (nil if missing)
	Parent   *Module
	aliases  map[string]string
}

// Modules lists every module of f, nested ones after their parent, in source order. The
// list is worked out once per file version and shared: do not modify it.
func Modules(f *source.File) []*Module {
	return f.Derived(modulesKey, func() any { return modules(f) }).([]*Module)
}

var modulesKey = source.NewDerivedKey()

func modules(f *source.File) []*Module {
	var out []*Module
	var visit func(n *source.Node, parent *Module)
	visit = func(n *source.Node, parent *Module) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() { // as readCall: every form of every file
			call, ok := AsCall(f, c)
			if !ok || call.Module != "" || call.Name != "defmodule" || len(call.Args) == 0 {
				if c.Type() == "do_block" || c.Type() == "source" {
					visit(c, parent)
				}
				continue
			}
			m := &Module{Node: c, NameNode: call.Args[0], Body: call.DoBlock(), Parent: parent, aliases: map[string]string{}}
			raw := ModuleName(f, call.Args[0])
			if parent != nil {
				for k, v := range parent.aliases {
					m.aliases[k] = v
				}
				if !strings.Contains(raw, "__MODULE__") {
					// A nested module is named after its parent and aliased by its short name.
					first := strings.SplitN(raw, ".", 2)[0]
					parent.aliases[first] = parent.Name + "." + first
					m.aliases[first] = parent.Name + "." + first
				}
				m.Name = parent.Name + "." + strings.ReplaceAll(raw, "__MODULE__.", "")
			} else {
				m.Name = raw
			}
			if m.Body != nil {
				for form := m.Body.FirstChild(); form != nil; form = form.NextSibling() {
					m.addAlias(f, form)
				}
			}
			out = append(out, m)
			if m.Body != nil {
				visit(m.Body, m)
			}
		}
	}
	visit(f.Root, nil)
	return out
}

// AliasEntries reads an `alias` form into short name -> full name pairs (unresolved).
func AliasEntries(f *source.File, n *source.Node) map[string]string {
	var out map[string]string
	if !aliasEntries(f, n, func(short, full string) {
		if out == nil {
			out = map[string]string{}
		}
		out[short] = full
	}) {
		return nil
	}
	return out
}

// aliasEntries hands add the short name -> full name pairs (unresolved) of an `alias`
// form, in the order written, and reports whether n is one. Modules reads every form of
// every module this way: a map per alias form was most of what reading modules allocated.
func aliasEntries(f *source.File, n *source.Node, add func(short, full string)) bool {
	c, ok := AsCall(f, n)
	if !ok || c.Module != "" || c.Name != "alias" || len(c.Args) == 0 {
		return false
	}
	target := c.Args[0]
	full := ModuleName(f, target)
	// alias A.{B, C}
	if target.Type() == "call" || target.Type() == "dot" {
		if i := strings.Index(full, ".{"); i > 0 && strings.HasSuffix(full, "}") {
			base := full[:i]
			for _, part := range strings.Split(full[i+2:len(full)-1], ",") {
				part = strings.TrimSpace(part)
				if part == "" {
					continue
				}
				add(part[strings.LastIndex(part, ".")+1:], base+"."+part)
			}
			return true
		}
	}
	if target.Type() != "alias" {
		return false
	}
	short := full[strings.LastIndex(full, ".")+1:]
	if len(c.Args) > 1 {
		if as := KeywordValue(f, c.Args[1], "as"); as != nil && as.Type() == "alias" {
			short = f.Slice(as)
		}
	}
	add(short, full)
	return true
}

// addAlias enters the aliases form defines, each resolved through the aliases in force
// before it: `alias A.{B, C}` names A once, as Elixir expands it, whatever B and C are.
func (m *Module) addAlias(f *source.File, form *source.Node) {
	var buf [4]struct{ short, full string }
	entries := buf[:0]
	aliasEntries(f, form, func(short, full string) {
		entries = append(entries, struct{ short, full string }{short, m.Resolve(full)})
	})
	for _, e := range entries {
		m.aliases[e.short] = e.full
	}
}

// Resolve turns a module name as written in m into its full name: `__MODULE__`, aliases
// and nested-module short names are expanded; Erlang atoms (`:ets`) are returned as is.
func (m *Module) Resolve(name string) string {
	return ResolveWith(name, m.Name, m.aliases)
}

// ResolveWith resolves name in a module called self with the given alias table.
func ResolveWith(name, self string, aliases map[string]string) string {
	if name == "" || strings.HasPrefix(name, ":") {
		return name
	}
	first, rest, _ := strings.Cut(name, ".")
	if first == "__MODULE__" {
		if rest == "" {
			return self
		}
		return self + "." + rest
	}
	if full, ok := aliases[first]; ok {
		if rest == "" {
			return full
		}
		return full + "." + rest
	}
	return name
}

// Aliases returns the module's alias table (short name -> full name).
func (m *Module) Aliases() map[string]string { return m.aliases }

// ModuleOf returns the innermost module of mods (as listed by Modules, in source order)
// containing n. It climbs n's ancestors to the nearest defmodule and finds that module by
// its start offset, so files with many modules cost no more than files with few.
func ModuleOf(mods []*Module, n *source.Node) *Module {
	for p := n; p != nil; p = p.Parent() {
		if p.Type() != "call" {
			continue
		}
		i := sort.Search(len(mods), func(i int) bool { return mods[i].Node.Start() >= p.Start() })
		for ; i < len(mods) && mods[i].Node.Start() == p.Start(); i++ {
			if mods[i].Node == p {
				return mods[i]
			}
		}
	}
	return nil
}

// IsSelf reports whether n names m itself: `__MODULE__`, m's full name or an alias of it.
func (m *Module) IsSelf(f *source.File, n *source.Node) bool {
	n = Unwrap(n)
	if n == nil || n.Type() != "alias" && n.Type() != "identifier" {
		return false
	}
	return m.Resolve(ModuleName(f, n)) == m.Name
}
