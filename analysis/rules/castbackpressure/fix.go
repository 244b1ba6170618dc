package castbackpressure

import (
	"slices"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// castToCall makes the API synchronous: every cast that reaches the clause becomes
// GenServer.call, and the clause becomes handle_call(msg, _from, state) replying :ok where
// it returned {:noreply, ...}. The clause moves next to the other handle_call clauses so
// clauses of one function stay together. Not offered when some cast reaching the clause
// cannot be rewritten with it (another module's, one sent from inside the server, which
// would then call itself), when the cast could also reach another clause, or when a tail
// is not a literal {:noreply, ...} / {:stop, ...} tuple.
func castToCall(p *analysis.Pass, em *elixir.Module, clause elixir.Def, sends []send, order []elixir.Def) (analysis.Fix, bool) {
	f := p.File
	var callEdits []analysis.Edit
	for _, s := range sends {
		if s.handler != "handle_cast" {
			continue
		}
		rs := receivers(p, order, s)
		reaches := false
		for _, r := range rs {
			reaches = reaches || r.Node == clause.Node
		}
		if !reaches {
			continue
		}
		if !s.self || !isAPI(s.from) || len(rs) != 1 || calledLocally(f, order, s.from) {
			return analysis.Fix{}, false
		}
		callEdits = append(callEdits, p.Edit(s.call.NameNode().Start(), s.call.NameNode().End(), "call"))
	}
	if castFromElsewhere(p, em.Name) || elixir.UsesAny(f, clause.Node, map[string]bool{"_from": true}) {
		return analysis.Fix{}, false
	}

	// The clause rewritten, from the start of its line.
	start := f.LineStartOf(clause.Node.Start())
	inner := []analysis.Edit{
		{Start: clause.NameNode.Start(), End: clause.NameNode.End(), NewText: "handle_call"},
		{Start: clause.Params[0].End(), End: clause.Params[0].End(), NewText: ", _from"},
	}
	for _, t := range elixir.Tails(f, clause.Body) {
		els := elixir.Elements(t)
		if t.Type() != "tuple" || len(els) < 2 {
			return analysis.Fix{}, false
		}
		switch tag := f.Slice(els[0]); {
		case tag == ":noreply" && len(els) <= 3:
			inner = append(inner, analysis.Edit{Start: els[0].Start(), End: els[0].End(), NewText: ":reply, :ok"})
		case tag == ":stop" && len(els) == 3:
			inner = append(inner, analysis.Edit{Start: els[1].End(), End: els[1].End(), NewText: ", :ok"})
		default:
			return analysis.Fix{}, false
		}
	}
	rewritten, err := codeactions.ClauseText(f, clause.Node, inner)
	if err != nil {
		return analysis.Fix{}, false
	}

	edits := callEdits
	forms := slices.Collect(em.Body.Children())
	impl := elixir.ImplBefore(f, forms, clause.Node)
	next := nextDef(f, forms, clause.Node)
	nextIsCast := next.Node != nil && next.Name == "handle_cast" && next.Arity() == 2
	target, move := moveTarget(order, clause)
	if !move {
		// In place. Its @impl now marks handle_call, so a following handle_cast clause
		// needs one of its own.
		edits = append(edits, p.Edit(start, clause.Node.End(), rewritten))
		if impl != nil && nextIsCast && elixir.ImplBefore(f, forms, next.Node) == nil {
			ns := f.LineStartOf(next.Node.Start())
			edits = append(edits, p.Edit(ns, ns, f.IndentAt(impl.Start())+f.Slice(impl)+"\n"))
		}
	} else {
		// Moved before the first clause of the group it joins (after that clause's @impl,
		// which then marks the moved clause). The clause's own @impl stays when the
		// handle_cast clause after it needs it, and leaves with the clause otherwise.
		from := clause.Node.Start()
		if impl != nil && !nextIsCast {
			from = impl.Start()
		}
		// The clause's lines leave whole. A clause sharing a line with other code
		// (`def a ...; def handle_cast ...`) is not moved: that code would go with it.
		del, end, whole := f.Deletion(from, clause.Node.End())
		if !whole {
			return analysis.Fix{}, false
		}
		if del > 0 {
			if prev := f.LineStartOf(del - 1); f.BlankLine(prev) {
				del = prev // the blank line before the clause goes with it
			}
		}
		edits = append(edits, p.Edit(del, end, ""))
		at := f.LineStartOf(target.Node.Start())
		text := rewritten + "\n\n"
		if targetImpl := elixir.ImplBefore(f, forms, target.Node); targetImpl != nil && target.Name == "handle_cast" {
			// The first handle_cast clause's @impl now marks the moved clause: the
			// handle_cast group needs one of its own.
			text += f.IndentAt(targetImpl.Start()) + f.Slice(targetImpl) + "\n"
		}
		edits = append(edits, p.Edit(at, at, text))
	}
	return analysis.Fix{
		Title:   "Make the API synchronous: GenServer.call with handle_call replying :ok",
		Safe:    false,
		Changes: "callers wait for the work",
		Edits:   edits,
		// The clause moves next to other clauses; see analysis.Fix.Verify.
		Verify: true,
	}, true
}

// moveTarget is the clause the rewritten clause goes before: the first handle_call/3
// clause, or, when there is none, the first handle_cast/2 clause if it is not this one.
func moveTarget(order []elixir.Def, clause elixir.Def) (elixir.Def, bool) {
	var firstCast *elixir.Def
	for i, d := range order {
		if d.Name == "handle_call" && d.Arity() == 3 {
			return d, true
		}
		if firstCast == nil && d.Name == "handle_cast" && d.Arity() == 2 {
			firstCast = &order[i]
		}
	}
	if firstCast != nil && firstCast.Node != clause.Node {
		return *firstCast, true
	}
	return elixir.Def{}, false
}

// castFromElsewhere reports whether another module casts to this server: its handler
// cannot change under those callers.
func castFromElsewhere(p *analysis.Pass, module string) bool {
	return p.Index != nil && p.Index.OutsideUses(module).Cast
}

// nextDef is the definition right after form (Node nil when something else follows).
func nextDef(f *source.File, forms []*source.Node, form *source.Node) elixir.Def {
	for i, c := range forms {
		if c != form {
			continue
		}
		for _, n := range forms[i+1:] {
			if n.Named() && n.Type() != "comment" {
				d, _ := elixir.AsDef(f, n)
				return d
			}
		}
	}
	return elixir.Def{}
}

// calledLocally reports whether the module calls d itself: from a callback, a call to
// its own server would never return.
func calledLocally(f *source.File, order []elixir.Def, d elixir.Def) bool {
	heads := map[*source.Node]bool{}
	for _, o := range order {
		heads[o.Head] = true
	}
	found := false
	for _, o := range order {
		if o.Body == nil {
			continue
		}
		o.Body.Walk(func(n *source.Node) bool {
			if c, ok := elixir.AsCall(f, n); ok && !heads[n] && c.Module == "" && c.Name == d.Name && c.Arity() == d.Arity() {
				found = true
			}
			return !found
		})
	}
	return found
}
