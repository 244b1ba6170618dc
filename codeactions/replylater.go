package codeactions

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/config"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// ReplyLater rewrites a callback clause whose every tail returns the incoming state
// unchanged so that its work runs in a supervised task and the server stays responsive:
//
//	handle_call: `_from` becomes `from`; the body runs in
//	  Task.Supervisor.start_child(Sup, fn -> ... GenServer.reply(from, x) end)
//	  with each `{:reply, x, state}` tail becoming the reply x; the clause returns
//	  {:noreply, state}.
//	handle_cast/handle_info: the same, without a reply.
//
// State fields the body reads (`state.f`) are bound before the closure so the task does not
// copy the whole state. A keyword `do:` form becomes a do block. ok is false for shapes
// the rewrite cannot keep correct: a tail that returns anything else, a body that uses
// the state as a whole, a `do: (a; b)` block, multi-line strings (re-indenting would
// change them), a body that raises or exits on purpose (in a task, that would crash the
// task and leave the caller waiting), or no Task.Supervisor to name. The fix is unsafe:
// the work runs concurrently with the server's next messages, and its crash no longer
// crashes the server. OTP003 and OTP008 share it. f is the clause's file; snap and cfg
// name the Task.Supervisor (see TaskSupervisor).
func ReplyLater(f *source.File, snap *index.Snapshot, cfg *config.Config, clause elixir.Def) (analysis.Fix, bool) {
	kind := clause.Name
	if clause.Body == nil || clause.Body.Type() == "block" {
		return analysis.Fix{}, false // `do: (a; b)`: no layout to keep
	}
	keyword := clause.Body.Type() != "do_block" // `def f(x), do: body`
	var stateParam, fromParam *source.Node
	switch {
	case kind == "handle_call" && clause.Arity() == 3:
		fromParam, stateParam = clause.Params[1], clause.Params[2]
	case (kind == "handle_cast" || kind == "handle_info") && clause.Arity() == 2:
		stateParam = clause.Params[1]
	default:
		return analysis.Fix{}, false
	}
	state := elixir.StateName(f, stateParam)
	if state == "" {
		return analysis.Fix{}, false
	}
	exprs := elixir.Exprs(clause.Body)
	if len(exprs) == 0 {
		return analysis.Fix{}, false
	}
	tails := elixir.Tails(f, clause.Body)
	var replies []*source.Node // the x of each {:reply, x, state}
	for _, t := range tails {
		x, ok := unchangedTail(f, t, kind, state)
		if !ok {
			return analysis.Fix{}, false
		}
		replies = append(replies, x)
	}
	bodyStart, bodyEnd := leadingComments(f, clause.Body, exprs[0]), exprs[len(exprs)-1].End()
	body := f.Text[bodyStart:bodyEnd]
	if hasMultilineString(clause.Body, f) || usesOwnProcess(f, clause.Body) || failsOnPurpose(f, clause.Body) {
		return analysis.Fix{}, false
	}
	// State fields the body reads become variables bound before the closure.
	var edits []analysis.Edit
	fields := map[string]bool{}
	wholeState := false
	clause.Body.Walk(func(n *source.Node) bool {
		if n.Type() == "identifier" && f.Slice(n) == state {
			if field, ok := elixir.FieldAccess(f, n); ok {
				fields[field] = true
				edits = append(edits, analysis.Edit{Start: n.Parent().Parent().Start() - bodyStart, End: n.Parent().Parent().End() - bodyStart, NewText: field})
				return true
			}
			if !insideTailState(n, tails) {
				wholeState = true
			}
		}
		return true
	})
	if wholeState || Shadows(f, clause, fields) {
		return analysis.Fix{}, false
	}
	sup, extra, ok := TaskSupervisor(snap, cfg, f.Path)
	if !ok {
		return analysis.Fix{}, false
	}
	// Tails: {:reply, x, state} -> x (handle_call); {:noreply, state} -> nothing useful,
	// so for casts the last expression is simply dropped when it is the tail itself.
	last := exprs[len(exprs)-1]
	indent := f.IndentAt(exprs[0].Start())
	if keyword {
		indent = f.IndentAt(clause.Node.Start()) + "  " // the do block the form becomes
	}
	for _, t := range tails {
		if kind == "handle_call" {
			x := replies[0]
			for i, tt := range tails {
				if tt == t {
					x = replies[i]
				}
			}
			// Keep x in place (its own state fields are rewritten too): cut the tuple around it.
			edits = append(edits,
				analysis.Edit{Start: t.Start() - bodyStart, End: x.Start() - bodyStart},
				analysis.Edit{Start: x.End() - bodyStart, End: t.End() - bodyStart})
		} else if t != last {
			edits = append(edits, analysis.Edit{Start: t.Start() - bodyStart, End: t.End() - bodyStart, NewText: ":ok"})
		}
	}
	var tailIsLast bool
	for _, t := range tails {
		tailIsLast = tailIsLast || t == last
	}
	lastStart, lastEnd := last.Start()-bodyStart, last.End()-bodyStart
	if kind != "handle_call" && tailIsLast {
		// Drop the final {:noreply, state}: the task's result is not used.
		edits = append(edits, analysis.Edit{Start: lastStart, End: lastEnd, NewText: ""})
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	newBody, err := Apply(body, edits)
	if err != nil {
		return analysis.Fix{}, false
	}
	// Split the rewritten body into the statements before the last expression and the
	// last expression itself (positions shift by the edits before it).
	shift := 0
	for _, e := range edits {
		if e.End <= lastStart {
			shift += len(e.NewText) - (e.End - e.Start)
		}
	}
	prefix := strings.TrimRight(newBody[:lastStart+shift], " \t\n\r")
	lastText := strings.TrimSpace(newBody[lastStart+shift:])
	inner := indent + "  "
	var b strings.Builder
	for i, field := range slices.Sorted(maps.Keys(fields)) {
		if i > 0 {
			b.WriteString(indent)
		}
		b.WriteString(field + " = " + state + "." + field + "\n")
	}
	if len(fields) > 0 {
		// mix format sets the multi-line start_child call apart from the bindings.
		b.WriteString("\n" + indent)
	}
	b.WriteString("Task.Supervisor.start_child(" + sup + ", fn ->\n")
	if prefix != "" {
		b.WriteString(reindent(indent+prefix, "  ") + "\n")
		lines := strings.Split(prefix, "\n")
		if kind == "handle_call" && !strings.HasPrefix(strings.TrimSpace(lines[len(lines)-1]), "#") {
			b.WriteString("\n") // a comment right before the reply stays with it
		}
	}
	if kind == "handle_call" {
		if lastIsTuple := len(tails) == 1 && tails[0] == last; lastIsTuple {
			// A reply spread over lines keeps its shape: its other lines move as far as
			// the line it starts on does (from that line's indentation to inner).
			first, rest, _ := strings.Cut(lastText, "\n")
			if rest != "" {
				first += "\n" + shiftLines(rest, len(inner)-len(f.IndentAt(replies[0].Start())))
			}
			b.WriteString(inner + "GenServer.reply(from, " + first + ")\n")
		} else {
			b.WriteString(inner + "reply =\n" + reindent(indent+lastText, "    ") + "\n\n")
			b.WriteString(inner + "GenServer.reply(from, reply)\n")
		}
	} else if lastText != "" {
		b.WriteString(reindent(indent+lastText, "  ") + "\n")
	}
	b.WriteString(indent + "end)\n\n" + indent + "{:noreply, " + state + "}")
	out := []analysis.Edit{edit(f, bodyStart, bodyEnd, b.String())}
	if keyword {
		// `, do: body` becomes a do block.
		defIndent := f.IndentAt(clause.Node.Start())
		headEnd := clause.Head.End()
		if clause.Guard != nil {
			headEnd = clause.Guard.End()
		}
		out = []analysis.Edit{edit(f, headEnd, bodyEnd, " do\n"+indent+b.String()+"\n"+defIndent+"end")}
	}
	if fromParam != nil && f.Slice(fromParam) != "from" {
		if fromParam.Type() != "identifier" {
			return analysis.Fix{}, false
		}
		out = append(out, edit(f, fromParam.Start(), fromParam.End(), "from"))
	}
	out = append(out, extra...)
	title := "Reply later from a task under " + sup
	changes := "the work runs concurrently with the server's other messages, and its crash no longer crashes the server (the caller waits until its call times out)"
	if kind != "handle_call" {
		title = "Run the slow work in a task under " + sup
		changes = "the work runs concurrently with the server's other messages, and its crash no longer crashes the server"
	}
	// Unsafe: the server takes its next message before the work is done (another order),
	// and the work's crash is the task's, no longer the server's (docs/rules/OTP003.md).
	return analysis.Fix{Title: title, Safe: false, Changes: changes, Edits: out}, true
}

// leadingComments is where the comments on the lines between a do block's `do` and its
// first expression start (first's start when there are none): they describe the work,
// so they move into the task with it rather than stay above the state-field bindings.
func leadingComments(f *source.File, body, first *source.Node) int {
	if body.Type() != "do_block" {
		return first.Start()
	}
	doLine := f.Lines.Line(body.Start())
	for _, c := range f.Comments {
		if c.Start() > body.Start() && c.Start() < first.Start() && f.Lines.Line(c.Start()) > doLine {
			return c.Start()
		}
	}
	return first.Start()
}

// unchangedTail checks a tail returns the incoming state: {:reply, x, state} for calls,
// {:noreply, state} for casts and infos. It returns x for calls.
func unchangedTail(f *source.File, t *source.Node, kind, state string) (*source.Node, bool) {
	if t.Type() != "tuple" {
		return nil, false
	}
	els := elixir.Elements(t)
	switch {
	case kind == "handle_call" && len(els) == 3:
		tag, _ := elixir.AtomName(f, els[0])
		if tag == "reply" && els[2].Type() == "identifier" && f.Slice(els[2]) == state && els[1].Type() != "pair" {
			return els[1], true
		}
	case kind != "handle_call" && len(els) == 2:
		tag, _ := elixir.AtomName(f, els[0])
		if tag == "noreply" && els[1].Type() == "identifier" && f.Slice(els[1]) == state {
			return nil, true
		}
	}
	return nil, false
}

// insideTailState reports whether n is the state element of a tail tuple.
func insideTailState(n *source.Node, tails []*source.Node) bool {
	for _, t := range tails {
		if n.Parent() == t {
			return true
		}
	}
	return false
}

// Shadows reports whether binding one of names as a variable in clause could clash with a
// name the clause already uses (a variable, a local function): any identifier spelled so,
// but the field name after `state.`. Fixes that bind a state field to a variable of its
// name before a closure ask it (OTP003's reply-later, OTP015).
func Shadows(f *source.File, clause elixir.Def, names map[string]bool) bool {
	clash := false
	clause.Node.Walk(func(n *source.Node) bool {
		if n.Type() == "identifier" && names[f.Slice(n)] {
			if n.Parent() != nil && n.Parent().Type() == "dot" && n.Parent().Child("right") == n {
				return true // the field name after `state.`
			}
			clash = true
		}
		return !clash
	})
	return clash
}

// usesOwnProcess reports whether the body depends on running in the server process itself
// (`self()`, its mailbox, its process dictionary, links and monitors): moved into a task,
// such code would act on the task instead.
func usesOwnProcess(f *source.File, body *source.Node) bool {
	found := false
	body.Walk(func(n *source.Node) bool {
		if c, ok := elixir.AsCall(f, n); ok {
			switch {
			case c.Module == "" && (c.Name == "self" || c.Name == "receive"):
				found = true
			case c.Module == "Process" && c.Name != "sleep":
				found = true
			}
		}
		return !found
	})
	return found
}

// failsOnPurpose reports whether the body raises, exits or throws on purpose: the server
// crashes (or its caller gets the exit) today, which a task would change.
func failsOnPurpose(f *source.File, body *source.Node) bool {
	found := false
	body.Walk(func(n *source.Node) bool {
		if c, ok := elixir.AsCall(f, n); ok {
			switch c.Module {
			case "", "Kernel":
				found = c.Name == "raise" || c.Name == "reraise" || c.Name == "exit" || c.Name == "throw"
			case ":erlang":
				found = c.Name == "error" || c.Name == "exit" || c.Name == "throw"
			}
		}
		return !found
	})
	return found
}

func hasMultilineString(n *source.Node, f *source.File) bool {
	found := false
	n.Walk(func(c *source.Node) bool {
		if (c.Type() == "string" || c.Type() == "charlist" || c.Type() == "sigil") && strings.Contains(f.Slice(c), "\n") {
			found = true
		}
		return !found
	})
	return found
}

// shiftLines moves every non-empty line of s by delta columns (left when negative, as
// far as its leading spaces allow).
func shiftLines(s string, delta int) string {
	if delta >= 0 {
		return reindent(s, strings.Repeat(" ", delta))
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		lines[i] = l[min(-delta, len(l)-len(trimmed)):]
	}
	return strings.Join(lines, "\n")
}

// reindent adds extra to the indentation of every non-empty line.
func reindent(s, extra string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = extra + l
		}
	}
	return strings.Join(lines, "\n")
}
