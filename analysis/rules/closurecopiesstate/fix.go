package closurecopiesstate

import (
	"regexp"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// bindFields is the fix: each field the closure reads is bound to a variable of its name
// on a line of its own before the statement holding the closure (`repo = state.repo`) and
// the comments right above it, and the closure reads the variable. It is safe: the state is immutable, so the value is
// the one the closure would have read; the field is known to exist (a struct's field, or a
// key of init/1's map), so reading it early cannot raise in the server where it would have
// raised in the task. ok is false where that cannot be kept: a read through a call
// (`Map.get(state, :f, default)`), a field init/1 does not set, `state[:f]` on a struct, a
// field whose name is no variable name or is already used in the clause, or a statement
// that binds names before the closure (`for`, `with`) or shares its line.
func bindFields(p *analysis.Pass, d elixir.Def, state string, shape stateShape, cl closure) (analysis.Fix, bool) {
	f := p.File
	var order []string
	binding := map[string]string{} // field -> the read bound
	for _, r := range cl.reads {
		if !r.plain || !shape.has(r.field) || !variableName(r.field) {
			return analysis.Fix{}, false
		}
		if shape.isStruct && r.expr.Type() == "access_call" {
			return analysis.Fix{}, false // structs have no Access: the read raises today
		}
		if _, ok := binding[r.field]; !ok {
			order = append(order, r.field)
			binding[r.field] = strings.Join(strings.Fields(f.Slice(r.expr)), "")
		}
	}
	names := map[string]bool{}
	for _, name := range order {
		names[name] = true
	}
	if codeactions.Shadows(f, d, names) {
		return analysis.Fix{}, false
	}
	stmt, ok := statementOf(f, cl.fun, d)
	if !ok {
		return analysis.Fix{}, false
	}
	indent := f.IndentAt(stmt.Start())
	if f.LineStartOf(stmt.Start())+len(indent) != stmt.Start() {
		return analysis.Fix{}, false // code before it on its line
	}
	// The bindings go above the comments right above the statement: those describe it.
	at := f.CommentsAbove(stmt.Start())
	// mix format sets an expression over several lines apart from its neighbours, and a
	// comment apart from the code above it.
	apart := strings.Contains(f.Slice(stmt), "\n") || at != f.LineStartOf(stmt.Start())
	at += len(f.IndentAt(at))
	var lines strings.Builder
	for i, name := range order {
		lines.WriteString(name + " = " + binding[name] + f.Newline())
		if apart && i == len(order)-1 {
			lines.WriteString(f.Newline())
		}
		lines.WriteString(indent)
	}
	edits := []analysis.Edit{p.Edit(at, at, lines.String())}
	for _, r := range cl.reads {
		edits = append(edits, p.Edit(r.expr.Start(), r.expr.End(), r.field))
	}
	title := "Bind " + binding[order[0]] + " to a variable before the closure"
	if len(order) > 1 {
		title = "Bind the fields the closure reads (" + strings.Join(order, ", ") + ") to variables before it"
	}
	return analysis.Fix{Title: title, Safe: true, Edits: edits}, true
}

// statementOf is the expression of a block (a do block, a clause's body) that holds fun,
// within clause d. ok is false when a `for` or `with` lies between them: their generators
// and clauses bind names, possibly the state's, that a binding before them would not see.
func statementOf(f *source.File, fun *source.Node, d elixir.Def) (*source.Node, bool) {
	for n := fun; n != nil && n != d.Node; n = n.Parent() {
		if c, ok := elixir.AsCall(f, n); ok && c.Module == "" && (c.Name == "for" || c.Name == "with") {
			return nil, false
		}
		parent := n.Parent()
		if parent == nil {
			return nil, false
		}
		switch parent.Type() {
		case "body", "do_block", "else_block", "after_block", "rescue_block", "catch_block":
			return n, true
		}
	}
	return nil, false
}

// variableName reports whether a field's name can name a variable: lower case, no `?` or
// `!`, not reserved, not starting with `_` (such a variable is one the compiler expects
// unused).
func variableName(name string) bool {
	if !variable.MatchString(name) {
		return false
	}
	switch name {
	case "true", "false", "nil", "when", "and", "or", "not", "in", "fn", "do", "end", "catch", "rescue", "after", "else":
		return false
	}
	return true
}

var variable = regexp.MustCompile(`^[a-z][a-zA-Z0-9_]*$`)
