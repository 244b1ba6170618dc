package codeactions

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
)

// LineLength is mix format's default line length: rewritten code that would pass it is
// laid out as the formatter lays it out, so a formatted project stays formatted.
const LineLength = 98

// StartChild is the edits rewriting c (`spawn(fun)`, `Task.start(m, f, a)`...) into
// `Task.Supervisor.start_child(sup, <c's arguments>)`, laid out as mix format would:
// kept on its lines while they fit in LineLength; otherwise, in the formatter's order,
// the right side of an `=` moves to the next line, a last `fn -> body end` breaks after
// its `->`, and then the arguments go one per line. lhs is the text the left side of the
// `=` around c will read after the caller's own edit of it (`{:ok, pid}`), "" when it is
// not edited. Where the call shares its line with other code after it, or holds a
// multi-line string that moving would change, it is only rewritten in place.
func StartChild(f *source.File, c *elixir.Call, sup, lhs string) []analysis.Edit {
	target := c.Node.Child("target")
	simple := []analysis.Edit{
		{Path: f.Path, Start: target.Start(), End: target.End(), NewText: "Task.Supervisor.start_child"},
		{Path: f.Path, Start: c.Args[0].Start(), End: c.Args[0].Start(), NewText: sup + ", "},
	}
	lineStart := f.LineStartOf(c.Node.Start())
	lineEnd := endOfLine(f.Text, c.Node.Start())
	prefix := f.Text[lineStart:c.Node.Start()]
	if lhs != "" {
		if eq := assignment(f, c.Node); eq != nil && eq.Child("left").Start() >= lineStart {
			left := eq.Child("left")
			prefix = f.Text[lineStart:left.Start()] + lhs + f.Text[left.End():c.Node.Start()]
		}
	}
	if commentOn(f, c.Node.Start(), lineEnd) {
		return simple // a comment ends the line: the formatter would move it, the fix does not
	}
	grow := len("Task.Supervisor.start_child") - (target.End() - target.Start()) + len(sup) + 2
	if width(prefix)+width(f.Text[c.Node.Start():lineEnd])+grow <= LineLength {
		return simple
	}
	if strings.TrimSpace(f.Text[c.Node.End():endOfLine(f.Text, c.Node.End())]) != "" || multilineString(f, c.Node) {
		return simple // code after the call on its line, or a string whose text would move
	}
	indent := f.IndentAt(c.Node.Start())
	start := c.Node.Start()
	nl := f.Newline()
	switch eq := assignment(f, c.Node); {
	case eq != nil && f.Lines.Line(eq.Start()) == f.Lines.Line(c.Node.Start()):
		// `x = call(...)`: the right side goes to the next line, indented.
		op := eq.Child("operator")
		if op == nil {
			return simple
		}
		start = op.End()
		indent += "  "
		prefix = indent
	case strings.TrimSpace(prefix) != "":
		return simple // inside other code on the line: the formatter's choice depends on it
	}
	shift := len(indent) - len(f.IndentAt(c.Node.Start())) // continuation lines move this much
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		args[i] = shiftFollowingLines(f.Slice(a), shift)
	}
	lead := ""
	if start != c.Node.Start() {
		lead = nl + indent
	}
	head := "Task.Supervisor.start_child(" + sup
	text, ok := fnLast(f, c, prefix, indent, head, args, nl)
	if !ok {
		// One argument per line; multi-line arguments move two columns further in.
		var b strings.Builder
		b.WriteString("Task.Supervisor.start_child(" + nl + indent + "  " + sup)
		for _, a := range c.Args {
			b.WriteString("," + nl + indent + "  " + shiftFollowingLines(f.Slice(a), shift+2))
		}
		b.WriteString(nl + indent + ")")
		text = b.String()
	}
	stmt := c.Node
	if eq := assignment(f, c.Node); eq != nil {
		stmt = eq
	}
	return append(separated(f, stmt), analysis.Edit{Path: f.Path, Start: start, End: c.Node.End(), NewText: lead + text})
}

// separated is the edits giving stmt, now spanning several lines, a blank line before and
// after it among the expressions of its block, as the formatter does.
func separated(f *source.File, stmt *source.Node) []analysis.Edit {
	parent := stmt.Parent()
	if parent == nil {
		return nil
	}
	exprs := elixir.Exprs(parent)
	i := slices.Index(exprs, stmt)
	if i < 0 {
		return nil
	}
	nl := f.Newline()
	var out []analysis.Edit
	if i > 0 {
		// After the previous expression's line, unless a blank line is there already.
		if at := f.NextLineStart(exprs[i-1].End()); at < stmt.Start() && !f.BlankLine(at) {
			out = append(out, analysis.Edit{Path: f.Path, Start: at, End: at, NewText: nl})
		}
	}
	if i+1 < len(exprs) {
		if at := f.NextLineStart(stmt.End()); at < exprs[i+1].Start() && !f.BlankLine(at) {
			out = append(out, analysis.Edit{Path: f.Path, Start: at, End: at, NewText: nl})
		}
	}
	return out
}

// fnLast lays the call out on one line when it fits after prefix, else, when its last
// argument is an `fn` and the line up to that `fn ->` fits, with the fn's body on the
// lines below (as written when it already spans lines, broken after `->` when it is a
// one-line body). ok is false when neither fits: the arguments then go one per line.
func fnLast(f *source.File, c *elixir.Call, prefix, indent, head string, args []string, nl string) (string, bool) {
	first := args[:len(args)-1]
	if strings.Contains(strings.Join(first, ""), "\n") {
		return "", false
	}
	flat := head + ", " + strings.Join(args, ", ") + ")"
	if !strings.Contains(flat, "\n") && width(prefix)+width(flat) <= LineLength {
		return flat, true
	}
	last := c.Args[len(c.Args)-1]
	fnHead := head + ", " + strings.Join(append(first[:len(first):len(first)], "fn ->"), ", ")
	if last.Type() != "anonymous_function" || width(prefix)+width(fnHead) > LineLength {
		return "", false
	}
	if strings.Contains(args[len(args)-1], "\n") {
		return flat, strings.HasPrefix(args[len(args)-1], "fn ->"+nl)
	}
	body, ok := oneLineFnBody(f, last)
	if !ok || len(indent)+2+width(body) > LineLength {
		return "", false
	}
	return fnHead + nl + indent + "  " + body + nl + indent + "end)", true
}

// commentOn reports whether a comment starts in [start, end).
func commentOn(f *source.File, start, end int) bool {
	for _, c := range f.Comments {
		if c.Start() >= start && c.Start() < end {
			return true
		}
	}
	return false
}

// assignment is the `=` whose right side is n, or nil.
func assignment(f *source.File, n *source.Node) *source.Node {
	if p := n.Parent(); p != nil && p.Type() == "binary_operator" && elixir.Operator(p) == "=" && p.Child("right") == n && p.Child("left") != nil {
		return p
	}
	return nil
}

// oneLineFnBody is the body of `fn -> body end` written on one line, with no parameters
// and a single expression.
func oneLineFnBody(f *source.File, n *source.Node) (string, bool) {
	text := f.Slice(n)
	if n.Type() != "anonymous_function" || strings.Contains(text, "\n") || !strings.HasPrefix(text, "fn ->") || !strings.HasSuffix(text, "end") {
		return "", false
	}
	body := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(text, "fn ->"), "end"))
	if body == "" || strings.Contains(body, ";") {
		return "", false
	}
	return body, true
}

// multilineString reports whether n holds a string, charlist or sigil spanning lines: its
// text would change if its lines were re-indented.
func multilineString(f *source.File, n *source.Node) bool {
	found := false
	n.Walk(func(x *source.Node) bool {
		switch x.Type() {
		case "string", "charlist", "sigil":
			found = found || strings.Contains(f.Slice(x), "\n")
			return false
		}
		return !found
	})
	return found
}

// shiftFollowingLines indents every line of text but the first by shift more columns
// (the first stays where the text starts).
func shiftFollowingLines(text string, shift int) string {
	first, rest, ok := strings.Cut(text, "\n")
	if shift <= 0 || !ok {
		return text
	}
	return first + "\n" + shiftLines(rest, shift)
}

func endOfLine(text string, off int) int {
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		end := off + i
		if end > off && text[end-1] == '\r' {
			end--
		}
		return end
	}
	return len(text)
}

// width counts characters, as the formatter does for its line length.
func width(s string) int {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return utf8.RuneCountInString(s)
}
