package unhandledmessage

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/codeactions"
)

// report reports s, whose messages of the missing shapes no clause matches; why says
// when they arrive, when that is not simply "once the source fires".
func (m *module) report(s msgSource, missing []shape, why string) {
	where := m.em.Name + "." + s.from.ID()
	if len(s.reach.chain) > 0 {
		where += " (reached from " + s.reach.callback + ")"
	}
	var what string
	switch s.kind {
	case monitorSource:
		what = fmt.Sprintf("%s in %s delivers %s when the monitored process exits", s.what, where, shapesText(missing))
	case taskSource, nolinkSource:
		if why == "" {
			why = "when the task ends"
		}
		what = fmt.Sprintf("%s in %s, never awaited, delivers %s %s", s.what, where, shapesText(missing), why)
	case trapExitSource:
		what = fmt.Sprintf("%s in %s turns the exit of the %s into %s", s.what, where, m.linkedText(s.link), shapesText(missing))
	case socketSource:
		what = fmt.Sprintf("%s in %s opens an active socket: it delivers %s", s.what, where, shapesText(missing))
	default:
		what = fmt.Sprintf("%s in %s delivers %s", s.what, where, shapesText(missing))
	}
	d := m.p.Report(s.call.Node, "%s, which no handle_info/2 clause of %s matches: the server crashes with FunctionClauseError", what, m.em.Name)
	last := m.handlers[len(m.handlers)-1]
	d.Related = append(d.Related, analysis.Related{Loc: m.p.Loc(last.Node), Message: "the last handle_info/2 clause; none matches " + shapesText(missing)})
	if s.link != nil {
		d.Related = append(d.Related, analysis.Related{Loc: m.p.Loc(s.link.Node), Message: "links the server to a process that ends"})
	}
	if fx, ok := m.fix(missing); ok {
		d.Fixes = append(d.Fixes, fx)
	}
}

// linkedText names what a link call starts and where: "task Task.async/1 starts in
// Worker.handle_call/3".
func (m *module) linkedText(c *elixir.Call) string {
	mod := m.em.Resolve(c.Module)
	thing := "process"
	switch mod {
	case "Task", "Task.Supervisor":
		thing = "task"
	case "Port", ":erlang":
		thing = "port"
	}
	text := thing + " " + elixir.FuncID(qualified(mod, c.Name), c.Arity()) + " starts"
	if d, ok := elixir.EnclosingDef(m.p.File, c.Node); ok {
		text += " in " + m.em.Name + "." + d.ID()
	}
	return text
}

func shapesText(shapes []shape) string {
	parts := make([]string, len(shapes))
	for i, s := range shapes {
		parts[i] = s.String()
	}
	return strings.Join(parts, " and ")
}

// fix adds a clause for each missing shape after the last handle_info/2 clause, one that
// takes the message and keeps the state (for a task's reply, also flushing the task's
// monitor, as the Task documentation does).
func (m *module) fix(missing []shape) (analysis.Fix, bool) {
	var clauses []string
	for _, sh := range missing {
		text, ok := clauseFor(sh, len(m.p.File.IndentAt(m.handlers[0].Node.Start())))
		if !ok {
			return analysis.Fix{}, false
		}
		clauses = append(clauses, text)
	}
	edit, ok := codeactions.InsertAfterClauses(m.p.File, slices.Collect(m.em.Body.Children()), m.handlers, strings.Join(clauses, "\n\n"))
	if !ok {
		return analysis.Fix{}, false
	}
	title := "Add a handle_info/2 clause for " + shapesText(missing)
	if len(missing) > 1 {
		title = "Add handle_info/2 clauses for " + shapesText(missing)
	}
	return analysis.Fix{
		Title:   title,
		Safe:    false,
		Changes: "the server no longer crashes on that message; it ignores it",
		Edits:   []analysis.Edit{edit},
	}, true
}

// clauseFor is a handle_info/2 clause for messages of shape sh, laid out as mix format
// does at the given indentation; ok is false when its head does not fit on a line.
func clauseFor(sh shape, indent int) (string, bool) {
	if sh.kind == tupleKind && len(sh.elems) == 2 && sh.elems[0].kind == refKind {
		return "def handle_info({ref, _result}, state) when is_reference(ref) do\n" +
			"  Process.demonitor(ref, [:flush])\n" +
			"  {:noreply, state}\n" +
			"end", true
	}
	head := "def handle_info(" + sh.pattern() + ", state)"
	if oneLine := head + ", do: {:noreply, state}"; indent+utf8.RuneCountInString(oneLine) <= codeactions.LineLength {
		return oneLine, true
	}
	if indent+utf8.RuneCountInString(head)+1 > codeactions.LineLength {
		return "", false
	}
	return head + ",\n  do: {:noreply, state}", true
}
