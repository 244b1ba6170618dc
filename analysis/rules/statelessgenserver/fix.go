package statelessgenserver

import (
	"slices"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// toPlainModule turns the server into a plain module: each API function
// `f(a, b) -> GenServer.call(__MODULE__, {:tag, a, b})` becomes the handle_call clauses for
// :tag with `f` as their name, the message's elements as parameters (guards kept) and each
// `{:reply, x, state}` tail replaced by x. `use GenServer`, the start functions,
// child_spec, init, the callbacks and their @impl lines go, as does a self-alias left
// unused, and so do the module's entries in the workspace's children lists. Not offered
// for a server that receives casts or infos, an API function of another shape, a tail
// other than {:reply, x, state}, a clause using its `from`, or a server other modules
// start or call directly.
func toPlainModule(p *analysis.Pass, em *elixir.Module, defs map[string][]elixir.Def, order []elixir.Def) (analysis.Fix, bool) {
	f := p.File
	if usedElsewhere(p, em.Name) {
		return analysis.Fix{}, false
	}
	remove := map[*source.Node]bool{}
	replace := map[*source.Node]string{}
	for form := range em.Body.Children() {
		if name, _, ok := elixir.Attribute(f, form); ok && name == "impl" {
			remove[form] = true
		}
		if c, ok := elixir.AsCall(f, form); ok && c.Module == "" && c.Name == "use" && len(c.Args) > 0 && em.Resolve(p.File.Slice(c.Args[0])) == "GenServer" {
			remove[form] = true
		}
		if name, v, ok := elixir.Attribute(f, form); ok && name == "behaviour" && v != nil && (em.Resolve(f.Slice(v)) == "GenServer" || f.Slice(v) == ":gen_server") {
			remove[form] = true
		}
	}
	for _, d := range order {
		id := d.ID()
		switch {
		case d.Name == "handle_call" && d.Arity() == 3, d.Name == "init" && d.Arity() == 1,
			d.Name == "start_link", d.Name == "start", d.Name == "child_spec", d.Name == "terminate", d.Name == "code_change":
			remove[d.Node] = true
		case elixir.Callbacks[id]:
			return analysis.Fix{}, false // casts and infos have no synchronous API to become
		}
	}
	for _, d := range order {
		if remove[d.Node] {
			continue
		}
		msg, api, ok := apiCall(f, em, d)
		if !ok {
			if api {
				return analysis.Fix{}, false // calls the server in some other way
			}
			continue
		}
		if len(defs[d.ID()]) != 1 {
			return analysis.Fix{}, false
		}
		text, ok := inline(f, d, msg, defs["handle_call/3"])
		if !ok {
			return analysis.Fix{}, false
		}
		replace[d.Node] = text
	}
	if len(replace) == 0 {
		return analysis.Fix{}, false
	}
	removeUnusedSelfAliases(f, em, remove, replace)
	edits := formEdits(p, em, remove, replace)
	edits = append(edits, childRemovals(p, em.Name)...)
	return analysis.Fix{
		Title:   "Make " + em.Name + " a plain module",
		Safe:    false,
		Changes: "removes the process: its functions run in the caller",
		Edits:   edits,
		// Inlined clauses land next to code they never stood by: on input tree-sitter
		// accepts and Elixir would not (`0!0` on the line after, code running straight
		// into a def) the result may not parse.
		Verify: true,
	}, true
}

// removeUnusedSelfAliases marks for removal each `alias` form that names the module
// itself (`alias Shop.Units`) when nothing left after the fix uses the short name: the API
// calls that did (`GenServer.call(Units, ...)`) are gone, and an unused alias is a compiler
// warning. A use in a kept form or in the inlined clauses keeps it; so does the name in a
// string or comment of those clauses, which is read as text.
func removeUnusedSelfAliases(f *source.File, em *elixir.Module, remove map[*source.Node]bool, replace map[*source.Node]string) {
	aliasNodes := f.NodesOfType("alias")
	uses := func(n *source.Node, short string) bool {
		for _, a := range source.Within(aliasNodes, source.Start, n) {
			if first, _, _ := strings.Cut(elixir.ModuleName(f, a), "."); first == short {
				return true
			}
		}
		return false
	}
	for form := range em.Body.Children() {
		entries := elixir.AliasEntries(f, form)
		if len(entries) != 1 || remove[form] {
			continue // `alias A.{B, C}` aliases other modules too
		}
		for short, full := range entries {
			if em.Resolve(full) != em.Name {
				continue
			}
			used := false
			for other := range em.Body.Children() {
				if text, ok := replace[other]; ok {
					used = used || wordIn(text, short)
				} else if other != form && !remove[other] {
					used = used || uses(other, short)
				}
			}
			if !used {
				remove[form] = true
			}
		}
	}
}

// wordIn reports whether name occurs in text as a whole module-name segment start: not
// inside a longer name or after a dot (`Units`, `Units.x`, not `MyUnits` or `Shop.Units`).
func wordIn(text, name string) bool {
	for i := strings.Index(text, name); i >= 0; {
		before := i == 0 || !isNameByte(text[i-1]) && text[i-1] != '.'
		after := i+len(name) == len(text) || !isNameByte(text[i+len(name)])
		if before && after {
			return true
		}
		next := strings.Index(text[i+1:], name)
		if next < 0 {
			return false
		}
		i += 1 + next
	}
	return false
}

func isNameByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// usedElsewhere reports whether another module starts the server or calls it directly
// rather than through its API.
func usedElsewhere(p *analysis.Pass, module string) bool {
	if p.Index == nil {
		return true
	}
	u := p.Index.OutsideUses(module)
	return u.Cast || u.Call || u.Start
}

// apiCall reads a function whose whole body is `GenServer.call(__MODULE__, msg)` (or
// `:gen_server.call`). api is
// set when the body calls the server at all, so other shapes can be refused.
func apiCall(f *source.File, em *elixir.Module, d elixir.Def) (msg *source.Node, api bool, ok bool) {
	if d.Body == nil {
		return nil, false, false
	}
	d.Body.Walk(func(n *source.Node) bool {
		if c, ok := elixir.AsCall(f, n); ok && (c.Module == "GenServer" || c.Module == ":gen_server") {
			api = true
		}
		return !api
	})
	exprs := elixir.Exprs(d.Body)
	if len(exprs) != 1 {
		return nil, api, false
	}
	c, isCall := elixir.AsCall(f, exprs[0])
	if !isCall || c.Module != "GenServer" && c.Module != ":gen_server" || c.Name != "call" || len(c.Args) != 2 || c.Piped() || !em.IsSelf(f, c.Args[0]) {
		return nil, api, false
	}
	return c.Args[1], api, true
}

// inline builds the plain functions replacing API function d, which sends msg.
func inline(f *source.File, d elixir.Def, msg *source.Node, clauses []elixir.Def) (string, bool) {
	tag, args, ok := message(f, msg)
	if !ok || len(args) != len(d.Params) {
		return "", false
	}
	for i, a := range args {
		if a.Type() != "identifier" || d.Params[i].Type() != "identifier" || f.Slice(a) != f.Slice(d.Params[i]) {
			return "", false // the message must carry the parameters as they are
		}
	}
	var out []string
	for _, c := range clauses {
		ctag, cargs, ok := message(f, c.Params[0])
		if !ok {
			if c.Params[0].Type() == "identifier" {
				return "", false // a catch-all clause also receives this message
			}
			continue
		}
		if ctag != tag || len(cargs) != len(args) {
			continue
		}
		from := c.Params[1]
		if !strings.HasPrefix(f.Slice(from), "_") {
			return "", false
		}
		text, ok := renamed(f, d, c, cargs)
		if !ok {
			return "", false
		}
		out = append(out, text)
	}
	if len(out) == 0 {
		return "", false
	}
	sep := "\n"
	for _, t := range out {
		if strings.Contains(t, "\n") {
			sep = "\n\n"
		}
	}
	return strings.TrimLeft(strings.Join(out, sep), " \t"), true
}

// message reads `:tag` or `{:tag, a, b}`.
func message(f *source.File, n *source.Node) (string, []*source.Node, bool) {
	n = elixir.Unwrap(n)
	if name, ok := elixir.AtomName(f, n); ok && n.Type() == "atom" {
		return name, nil, true
	}
	if n.Type() != "tuple" {
		return "", nil, false
	}
	els := elixir.Elements(n)
	if len(els) == 0 || els[0].Type() != "atom" {
		return "", nil, false
	}
	name, _ := elixir.AtomName(f, els[0])
	return name, els[1:], true
}

// renamed is handler clause c as a clause of API function d: the head becomes
// `name(args)` and each `{:reply, x, state}` tail becomes x.
func renamed(f *source.File, d, c elixir.Def, args []*source.Node) (string, bool) {
	var params []string
	for _, a := range args {
		params = append(params, f.Slice(a))
	}
	head := d.Name
	if len(params) > 0 {
		head += "(" + strings.Join(params, ", ") + ")"
	}
	edits := []analysis.Edit{{Start: c.Head.Start(), End: c.Head.End(), NewText: head}}
	for _, t := range elixir.Tails(f, c.Body) {
		els := elixir.Elements(t)
		if t.Type() != "tuple" || len(els) != 3 || f.Slice(els[0]) != ":reply" {
			return "", false
		}
		edits = append(edits, analysis.Edit{Start: t.Start(), End: t.End(), NewText: f.Slice(els[1])})
	}
	text, err := codeactions.ClauseText(f, c.Node, edits)
	return text, err == nil
}

// formEdits deletes the removed forms (with the blank lines that separated them) and
// replaces the API functions.
func formEdits(p *analysis.Pass, em *elixir.Module, remove map[*source.Node]bool, replace map[*source.Node]string) []analysis.Edit {
	f := p.File
	var edits []analysis.Edit
	forms := slices.Collect(em.Body.Children())
	for i := 0; i < len(forms); i++ {
		form := forms[i]
		if text, ok := replace[form]; ok {
			edits = append(edits, p.Edit(form.Start(), form.End(), text))
			continue
		}
		if !remove[form] {
			continue
		}
		j := i // the run of removed forms i..j
		for j+1 < len(forms) && remove[forms[j+1]] {
			j++
		}
		start, end, whole := f.Deletion(form.Start(), forms[j].End())
		if whole {
			end = f.PastBlankLines(end, em.Body.End())
		}
		separator := ""
		switch {
		case whole && j == len(forms)-1: // nothing kept after the run: the blank lines before it go
			for start > em.Body.Start() && f.BlankLine(f.LineStartOf(start-1)) {
				start = f.LineStartOf(start - 1)
			}
		case whole && f.LineStartOf(start-1) > f.LineStartOf(em.Body.Start()) && !f.BlankLine(f.LineStartOf(start-1)) && hasBlankLine(f, start, end):
			// Kept code on both sides (not just the `do` line before), which a blank line in
			// the run separated: one blank line stays.
			separator = "\n"
		}
		edits = append(edits, p.Edit(start, end, separator))
		i = j
	}
	return edits
}

// hasBlankLine reports whether one of the lines in [start, end), both line starts, is blank.
func hasBlankLine(f *source.File, start, end int) bool {
	for ls := start; ls < end; ls = f.NextLineStart(ls) {
		if f.BlankLine(ls) {
			return true
		}
	}
	return false
}

// childRemovals deletes the module's entries from every children list of the workspace.
func childRemovals(p *analysis.Pass, module string) []analysis.Edit {
	// The removals of every module are listed in one scan of the workspace's children
	// lists, shared by all the servers the rule converts.
	byModule := p.Index.Memo("otp002-child-removals", func() any {
		out := map[string][]analysis.Edit{}
		p.Index.Modules(func(m *index.Module) {
			for _, list := range m.ChildLists {
				for i, ch := range list.Children {
					start, end := ch.Span.Start(), ch.Span.End()
					switch {
					case i+1 < len(list.Children):
						end = list.Children[i+1].Span.Start()
					case i > 0:
						start = list.Children[i-1].Span.End()
					}
					out[ch.Module] = append(out[ch.Module], analysis.Edit{Path: m.Path, Start: start, End: end})
				}
			}
		})
		return out
	}).(map[string][]analysis.Edit)
	return slices.Clip(byModule[module]) // shared: an append must copy
}
