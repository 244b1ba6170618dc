package blockingcallback

import (
	"slices"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/codeactions"
)

// continueLater moves a blocking init/1 into handle_continue(:init, arg): init returns
// `{:ok, arg, {:continue, :init}}` at once (start_link no longer waits for the work), and
// the old body runs as the first thing the server does, its `{:ok, s}` tails becoming
// `{:noreply, s}` and `{:stop, r}` becoming `{:stop, r, arg}`. Unsafe: a failure of the
// work now crashes a started server instead of failing start_link. ok is false for a
// multi-clause init, a parameter that is a pattern, an `:ignore` or computed tail, or a
// module that already continues with :init.
func continueLater(p *analysis.Pass, em *elixir.Module, defs map[string][]elixir.Def, clause elixir.Def) (analysis.Fix, bool) {
	f := p.File
	if len(defs["init/1"]) != 1 || clause.Body == nil || clause.Params[0].Type() != "identifier" {
		return analysis.Fix{}, false
	}
	for _, c := range defs["handle_continue/2"] {
		if f.Slice(c.Params[0]) == ":init" {
			return analysis.Fix{}, false
		}
	}
	arg := f.Slice(clause.Params[0])
	state := arg // the state handle_continue starts from
	if strings.HasPrefix(arg, "_") {
		state = "nil"
	}
	indent := f.IndentAt(clause.Node.Start())
	edits := []analysis.Edit{{Start: clause.NameNode.Start(), End: clause.Head.End(), NewText: "handle_continue(:init, " + arg + ")"}}
	for _, t := range elixir.Tails(f, clause.Body) {
		els := elixir.Elements(t)
		if t.Type() != "tuple" || len(els) < 2 {
			return analysis.Fix{}, false
		}
		switch tag := f.Slice(els[0]); {
		case tag == ":ok" && len(els) <= 3:
			edits = append(edits, analysis.Edit{Start: els[0].Start(), End: els[0].End(), NewText: ":noreply"})
		case tag == ":stop" && len(els) == 2:
			edits = append(edits, analysis.Edit{Start: els[1].End(), End: els[1].End(), NewText: ", " + state})
		default:
			return analysis.Fix{}, false
		}
	}
	moved, err := codeactions.ClauseText(f, clause.Node, edits)
	if err != nil {
		return analysis.Fix{}, false
	}
	head := "init(" + arg + ")"
	if clause.Guard != nil {
		head += " when " + f.Slice(clause.Guard)
	}
	initState := arg
	if strings.HasPrefix(arg, "_") {
		initState = "nil"
	}
	var b strings.Builder
	b.WriteString("def " + head + ", do: {:ok, " + initState + ", {:continue, :init}}")
	var edits2 []analysis.Edit
	if existing := defs["handle_continue/2"]; len(existing) > 0 {
		// Clauses of one function stay together: the new one goes first among them
		// (after the @impl written for the first, which then applies to it).
		first := existing[0].Node
		edits2 = append(edits2, p.Edit(first.Start(), first.Start(), strings.TrimPrefix(moved, indent)+"\n\n"+indent))
	} else {
		b.WriteString("\n\n")
		if impl := elixir.ImplBefore(f, slices.Collect(em.Body.Children()), clause.Node); impl != nil {
			b.WriteString(indent + f.Slice(impl) + "\n")
		}
		b.WriteString(moved)
	}
	edits2 = append(edits2, p.Edit(clause.Node.Start(), clause.Node.End(), b.String()))
	return analysis.Fix{
		Title:   "Do the slow start-up work in handle_continue(:init, ...)",
		Safe:    false,
		Changes: "start_link returns before the work is done",
		Edits:   edits2,
		// The clause is rewritten in place around a new one; see analysis.Fix.Verify.
		Verify: true,
	}, true
}
