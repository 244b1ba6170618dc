package tasktimeout

import (
	"strconv"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// fix gives the wait the configured timeout: a stream gets `timeout: T, on_timeout:
// :kill_task` (a slow item's task is killed and the stream yields `{:exit, :timeout}` for
// it), and a consumer written as `fn {:ok, v} -> ... end` that would then raise a
// FunctionClauseError gets an `{:exit, _reason}` clause where one is clearly right; an
// await gets the timeout as its second argument. Unsafe: slow items and runs behave
// differently (docs/rules/OTP018.md).
func fix(p *analysis.Pass, c *elixir.Call, w wait, timeout int) (analysis.Fix, bool) {
	t := number(timeout)
	if w.capture != nil {
		_, name, _, _ := capturedFunction(p.File, w.capture)
		return analysis.Fix{
			Title:   "Await up to " + t + " ms",
			Changes: "the caller waits up to " + t + " ms for each task, and still exits when one takes longer",
			Edits:   []analysis.Edit{p.Edit(w.capture.Start(), w.capture.End(), "&Task."+name+"(&1, "+t+")")},
		}, true
	}
	if !w.stream {
		edits, ok := appendArgument(p, c, t)
		if !ok {
			return analysis.Fix{}, false
		}
		return analysis.Fix{
			Title:   "Await up to " + t + " ms",
			Changes: "the caller waits up to " + t + " ms for the task, and still exits when it takes longer",
			Edits:   edits,
		}, true
	}
	pairs := []string{"timeout: " + t, "on_timeout: :kill_task"}
	if w.opts != nil && elixir.KeywordValue(p.File, w.opts, "on_timeout") != nil {
		pairs = pairs[:1] // the author chose what happens to a slow item
	}
	edits, ok := codeactions.AddKeywords(p.File, c, pairs, w.opts != nil)
	if !ok {
		return analysis.Fix{}, false
	}
	changes := "a slow item's task is killed after " + t + " ms and the stream yields {:exit, :timeout} for it instead of exiting the caller"
	if len(pairs) == 1 {
		changes = "items may take up to " + t + " ms before the caller exits"
	} else if consumer, fun, ok := strictConsumer(p.File, c); ok {
		if clause, ok := exitClause(p.File, consumer, fun); ok {
			edits = append(edits, clause...)
			changes += "; " + consumer.Qualified() + " skips it"
		} else {
			changes += "; the function given to " + consumer.Qualified() + " matches only {:ok, _}: handle {:exit, :timeout} there, or it raises a FunctionClauseError"
		}
	}
	return analysis.Fix{Title: "Time out each item after " + t + " ms and kill it", Changes: changes, Edits: edits}, true
}

// number writes n as mix format leaves it and people write timeouts: 30_000.
func number(n int) string {
	s := strconv.Itoa(n)
	if n < 10_000 || n < 0 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// appendArgument adds arg after the last argument of an await on one line (`Task.await(t)`,
// `|> Task.await()`).
func appendArgument(p *analysis.Pass, c *elixir.Call, arg string) ([]analysis.Edit, bool) {
	if c.ArgList() == nil {
		return nil, false
	}
	text := p.File.Slice(c.ArgList())
	if !strings.HasPrefix(text, "(") || !strings.HasSuffix(text, ")") || strings.Contains(text, "\n") || strings.Contains(text, "#") {
		return nil, false
	}
	if strings.TrimSpace(text[1:len(text)-1]) == "" {
		return []analysis.Edit{p.Edit(c.ArgList().Start(), c.ArgList().End(), "("+arg+")")}, true // piped
	}
	last := c.Args[len(c.Args)-1]
	if elixir.EndsWithBareCall(p.File, last) {
		return nil, false
	}
	return []analysis.Edit{p.Edit(last.End(), last.End(), ", "+arg)}, true
}

// strictConsumer finds the call the stream's results go to, piped (`|> Enum.map(fn ...)`)
// or as its first argument, when the function it is given matches only `{:ok, _}` in its
// first parameter: a `{:exit, :timeout}` would raise a FunctionClauseError there.
func strictConsumer(f *source.File, c *elixir.Call) (*elixir.Call, *source.Node, bool) {
	n := c.Node
	if parent := n.Parent(); c.Piped() && parent != nil && parent.Type() == "binary_operator" && parent.Child("right") == n {
		n = parent // `xs |> Task.async_stream(f)` is what is piped on
	}
	consumer, i, ok := elixir.ArgumentOf(f, n)
	if !ok || i != 0 || consumer.Module != "Enum" && consumer.Module != "Stream" {
		return nil, nil, false
	}
	for _, a := range consumer.Args[1:] {
		if a.Type() != "anonymous_function" {
			continue
		}
		clauses := stabClauses(a)
		for _, cl := range clauses {
			if !okPattern(f, cl) {
				return nil, nil, false
			}
		}
		return consumer, a, len(clauses) > 0
	}
	return nil, nil, false
}

func stabClauses(fun *source.Node) []*source.Node {
	var out []*source.Node
	for ch := range fun.Children() {
		if ch.Type() == "stab_clause" {
			out = append(out, ch)
		}
	}
	return out
}

// okPattern reports whether a clause's first parameter is a `{:ok, _}` tuple pattern.
func okPattern(f *source.File, clause *source.Node) bool {
	params := clauseParams(clause)
	if len(params) == 0 {
		return false
	}
	first := elixir.Unwrap(params[0])
	els := elixir.Elements(first)
	if first.Type() != "tuple" || len(els) != 2 {
		return false
	}
	tag, _ := elixir.AtomName(f, els[0])
	return tag == "ok"
}

// clauseParams are a stab clause's parameters, its guard left out.
func clauseParams(clause *source.Node) []*source.Node {
	left := clause.Child("left")
	if left != nil && left.Type() == "binary_operator" && elixir.Operator(left) == "when" {
		left = left.Child("left")
	}
	if left == nil || left.Type() != "arguments" {
		return nil
	}
	var out []*source.Node
	for a := range left.Children() {
		if a.Named() && a.Type() != "comment" {
			out = append(out, a)
		}
	}
	return out
}

// exitClause is the edits adding a clause for `{:exit, _reason}` to the consumer's
// function where its result is clearly right: `:ok` for each (the result is dropped), `[]`
// for flat_map (nothing for the item), the accumulator for reduce. Other consumers (map,
// filter...) need a value only their author can choose.
func exitClause(f *source.File, consumer *elixir.Call, fun *source.Node) ([]analysis.Edit, bool) {
	clauses := stabClauses(fun)
	var clause string
	switch {
	case (consumer.Name == "each") && len(consumer.Args) == 2:
		clause = "{:exit, _reason} -> :ok"
	case consumer.Name == "flat_map" && len(consumer.Args) == 2:
		clause = "{:exit, _reason} -> []"
	case consumer.Module == "Enum" && consumer.Name == "reduce" && len(consumer.Args) == 3:
		params := clauseParams(clauses[0])
		if len(params) != 2 || params[1].Type() != "identifier" || strings.HasPrefix(f.Slice(params[1]), "_") {
			return nil, false
		}
		acc := f.Slice(params[1])
		clause = "{:exit, _reason}, " + acc + " -> " + acc
	default:
		return nil, false
	}
	last := clauses[len(clauses)-1]
	nl := f.Newline()
	if strings.Contains(f.Slice(fun), "\n") {
		// `fn` then one clause a line: the new clause goes after the last, as indented.
		if f.Lines.Line(fun.Start()) == f.Lines.Line(clauses[0].Start()) {
			return nil, false
		}
		indent := f.IndentAt(clauses[0].Start())
		sep := nl
		if len(clauses) > 1 && f.BlankLine(f.Lines.LineStart(f.Lines.Line(clauses[1].Start())-1)) {
			sep += nl // clauses set apart by blank lines
		}
		end := last.Start() + len(strings.TrimRight(f.Slice(last), " \t\r\n"))
		if rest := f.Text[end:]; strings.TrimSpace(strings.SplitN(rest, "\n", 2)[0]) != "" {
			return nil, false // something after the clause on its line
		}
		return []analysis.Edit{{Path: f.Path, Start: end, End: end, NewText: sep + indent + clause}}, true
	}
	// `fn {:ok, v} -> body end` on one line: one clause a line, as mix format lays it out.
	if len(clauses) != 1 || commentIn(f, fun) {
		return nil, false
	}
	indent := f.IndentAt(fun.Start())
	body := strings.TrimSpace(f.Slice(last))
	return []analysis.Edit{{Path: f.Path, Start: fun.Start(), End: fun.End(),
		NewText: "fn" + nl + indent + "  " + body + nl + indent + "  " + clause + nl + indent + "end"}}, true
}

func commentIn(f *source.File, n *source.Node) bool {
	for _, c := range f.Comments {
		if c.Start() >= n.Start() && c.Start() < n.End() {
			return true
		}
	}
	return false
}
