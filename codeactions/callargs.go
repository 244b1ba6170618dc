package codeactions

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// AddKeyword is the edits adding the keyword pair (`name: X`) to call c's options: into
// its trailing keywords or its last argument when that is a literal list (withOptions),
// else as a new trailing keyword argument. PrependArgument adds a first argument. Both
// give valid Elixir in every layout and lay the call out as mix format would:
//   - an argument list on one line, with no comment, is rewritten whole: on one line when
//     it fits in LineLength; else a keyword `do:` moves to the next line, then the
//     keywords go one per line after the other arguments, then every argument goes on a
//     line of its own (the formatter's order);
//   - an argument list over several lines keeps its lines: the item goes on a line of its
//     own after the last one, indented as it is, after its trailing comma if there is one
//     and before a comment that ends its line.
//
// ok is false when the call cannot take it (piped, no parentheses, options we cannot
// read, an element ending in a call without parentheses that would swallow it).
func AddKeyword(f *source.File, c *elixir.Call, pair string, withOptions bool) ([]analysis.Edit, bool) {
	if c.Piped() {
		return nil, false
	}
	return AddKeywords(f, c, []string{pair}, withOptions)
}

// AddKeywords is AddKeyword for several pairs, added in order (each on a line of its own
// where the layout puts keywords one a line). A piped call (`xs |> Task.async_stream(f)`)
// takes them among the arguments in its parentheses.
func AddKeywords(f *source.File, c *elixir.Call, pairs []string, withOptions bool) ([]analysis.Edit, bool) {
	if c.Piped() && len(c.Args) > 1 {
		written := *c
		written.Args = c.Args[1:] // all inside the call: written.Piped() is false
		c = &written
	}
	if !parenthesized(f, c) || len(pairs) == 0 {
		return nil, false
	}
	joined := strings.Join(pairs, ", ")
	last := elixir.Unwrap(c.Args[len(c.Args)-1])
	if !oneLine(f, c) {
		switch {
		case withOptions && last.Type() == "keywords":
			return appendItem(f, elixir.PairNodes(last), c.ArgList().End()-1, pairs...)
		case withOptions && last.Type() == "list":
			if len(elixir.Elements(last)) == 0 {
				return emptyList(f, last, joined)
			}
			return appendItem(f, elixir.Elements(last), last.End()-1, pairs...)
		case withOptions || last.Type() == "keywords":
			return nil, false // a keyword argument that is not the options would take the pair in
		}
		return appendItem(f, c.Args, c.ArgList().End()-1, pairs...)
	}
	pos := texts(f, c.Args)
	var kws []string
	switch {
	case withOptions && last.Type() == "keywords":
		existing := elixir.PairNodes(last)
		if len(existing) == 0 || elixir.EndsWithBareCall(f, existing[len(existing)-1]) {
			return nil, false // the appended pair would be swallowed by the call
		}
		pos = pos[:len(pos)-1]
		for _, p := range existing {
			kws = append(kws, f.Slice(p))
		}
		kws = append(kws, pairs...)
	case withOptions && last.Type() == "list":
		els := elixir.Elements(last)
		if len(els) > 0 && elixir.EndsWithBareCall(f, els[len(els)-1]) {
			return nil, false
		}
		// The list keeps its brackets (and a trailing comma as written).
		inner := f.Text[last.Start()+1 : last.End()-1]
		trimmed := strings.TrimRight(inner, " \t")
		switch {
		case strings.TrimSpace(inner) == "":
			inner = joined
		case strings.HasSuffix(trimmed, ","):
			inner = trimmed + " " + joined + ","
		default:
			inner = trimmed + ", " + joined
		}
		pos[len(pos)-1] = "[" + inner + "]"
	case withOptions:
		return nil, false
	default:
		if elixir.EndsWithBareCall(f, c.Args[len(c.Args)-1]) {
			return nil, false
		}
		if last.Type() == "keywords" {
			// `start_link(M, a: 1)`: the keywords are an argument of their own, the options
			// a new one, so the keywords get their brackets.
			pos[len(pos)-1] = "[" + pos[len(pos)-1] + "]"
		}
		kws = pairs
	}
	return layoutCall(f, c, pos, kws, nil)
}

// PrependArgument is the edits adding arg before call c's first argument (see AddKeyword).
func PrependArgument(f *source.File, c *elixir.Call, arg string) ([]analysis.Edit, bool) {
	if !parenthesized(f, c) || len(c.Args) == 0 {
		return nil, false
	}
	first := c.Args[0]
	if !oneLine(f, c) {
		if f.Lines.Line(first.Start()) == f.Lines.Line(c.ArgList().Start()) {
			return []analysis.Edit{edit(f, first.Start(), first.Start(), arg+", ")}, true
		}
		return []analysis.Edit{edit(f, first.Start(), first.Start(), arg+","+f.Newline()+f.IndentAt(first.Start()))}, true
	}
	pos := append([]string{arg}, texts(f, c.Args)...)
	var kws []string
	if last := elixir.Unwrap(c.Args[len(c.Args)-1]); last.Type() == "keywords" {
		pos = pos[:len(pos)-1]
		for _, p := range elixir.PairNodes(last) {
			kws = append(kws, f.Slice(p))
		}
	}
	return layoutCall(f, c, pos, kws, nil)
}

func parenthesized(f *source.File, c *elixir.Call) bool {
	if c.Piped() || c.ArgList() == nil || len(c.Args) == 0 {
		return false
	}
	text := f.Slice(c.ArgList())
	return strings.HasPrefix(text, "(") && strings.HasSuffix(text, ")")
}

// oneLine reports whether c's argument list is on one line with no comment in it.
func oneLine(f *source.File, c *elixir.Call) bool {
	return !strings.Contains(f.Slice(c.ArgList()), "\n") && !commentOn(f, c.ArgList().Start(), c.ArgList().End())
}

func texts(f *source.File, nodes []*source.Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = f.Slice(n)
	}
	return out
}

func edit(f *source.File, start, end int, text string) analysis.Edit {
	return analysis.Edit{Path: f.Path, Start: start, End: end, NewText: text}
}

// layoutCall rewrites c's one-line argument list to hold pos then the keyword pairs kws,
// in mix format's layout (see AddKeyword). breakLast, when not nil, is the last of pos, a
// list, broken one element a line for a call at indent: the formatter breaks a last list
// argument inside the call's brackets before it puts the arguments on lines of their own.
// ok is false when the call does not fit on its line and shares it with code after it, a
// comment, or code before it other than `x =` or a keyword `do:`: the formatter's layout
// then depends on that code.
func layoutCall(f *source.File, c *elixir.Call, pos, kws []string, breakLast func(indent string) string) ([]analysis.Edit, bool) {
	all := append(append([]string{}, pos...), kws...)
	flat := "(" + strings.Join(all, ", ") + ")"
	whole := []analysis.Edit{edit(f, c.ArgList().Start(), c.ArgList().End(), flat)}
	lineStart := f.LineStartOf(c.Node.Start())
	prefix := f.Text[lineStart:c.ArgList().Start()]
	lineEnd := endOfLine(f.Text, c.ArgList().End())
	codeEnd := lineEnd
	for _, cm := range f.Comments {
		if cm.Start() >= c.ArgList().End() && cm.Start() < codeEnd {
			codeEnd = cm.Start()
		}
	}
	after := strings.TrimRight(f.Text[c.ArgList().End():codeEnd], " \t")
	if width(prefix+flat+after) <= LineLength {
		return whole, true
	}
	if after != "" || codeEnd != lineEnd {
		return nil, false
	}
	indent := f.IndentAt(c.Node.Start())
	nl := f.Newline()
	head := f.Text[c.Node.Start():c.ArgList().Start()]
	var edits []analysis.Edit
	eq := assignment(f, c.Node)
	switch lead := strings.TrimSpace(f.Text[lineStart:c.Node.Start()]); {
	case lead == "" || lead == "|>" && c.Node.Parent() != nil && c.Node.Parent().Type() == "binary_operator":
		// A call starting its line, or piped into from the line above: it breaks on its own.
	case eq != nil && strings.TrimSpace(f.Text[lineStart:eq.Start()]) == "" && eq.Child("operator") != nil:
		// `x = call(...)`: the right side goes to the next line, then the call breaks.
		edits = append(separated(f, eq), edit(f, eq.Child("operator").End(), c.Node.Start(), nl+indent+"  "))
		indent += "  "
		if width(indent+head+flat) <= LineLength {
			return append(edits, whole...), true
		}
	default:
		// `def f(x), do: call(...)`: first `do:` goes to the next line, then the call
		// below it.
		pair := c.Node.Parent()
		if pair == nil || pair.Type() != "pair" || !strings.HasPrefix(f.Slice(pair), "do:") || pair.Start() < lineStart {
			return nil, false
		}
		before := f.Text[lineStart:pair.Start()]
		if strings.TrimSpace(before) != "" {
			comma := strings.LastIndexByte(before, ',')
			if comma < 0 || strings.TrimSpace(before[comma+1:]) != "" {
				return nil, false
			}
			indent += "  "
			edits = append(edits, edit(f, lineStart+comma+1, pair.Start(), nl+indent))
			if width(indent+"do: "+head+flat) <= LineLength {
				return append(edits, whole...), true
			}
		}
		edits = append(edits, edit(f, pair.Start()+len("do:"), c.Node.Start(), nl+indent+"  "))
		indent += "  "
	}
	inner := indent + "  "
	var text string
	if breakLast != nil && len(kws) == 0 {
		front := strings.Join(pos[:len(pos)-1], ", ")
		if front != "" {
			front += ", "
		}
		if width(indent+head+"("+front+"[") <= LineLength {
			return append(edits, edit(f, c.ArgList().Start(), c.ArgList().End(), "("+front+breakLast(indent)+")")), true
		}
	}
	if len(kws) > 0 && len(pos) > 0 && width(indent+head+"("+strings.Join(pos, ", ")+",") <= LineLength {
		text = "(" + strings.Join(pos, ", ") + "," + nl + inner + strings.Join(kws, ","+nl+inner) + nl + indent + ")"
	} else {
		text = "(" + nl + inner + strings.Join(all, ","+nl+inner) + nl + indent + ")"
	}
	return append(edits, edit(f, c.ArgList().Start(), c.ArgList().End(), text)), true
}

// appendItem is the edits appending added (one item or more) after items (non-empty), in
// a list or argument list over several lines whose closing bracket is at close: each on a
// line of its own, indented as the last item, or after it when the closing bracket is on
// its line.
func appendItem(f *source.File, items []*source.Node, close int, added ...string) ([]analysis.Edit, bool) {
	if len(items) == 0 || len(added) == 0 {
		return nil, false
	}
	last := items[len(items)-1]
	if elixir.EndsWithBareCall(f, last) {
		return nil, false // an appended item would be swallowed by the call
	}
	text := f.Text
	after := last.End()
	comma := false
	if rest := strings.TrimLeft(text[after:close], " \t"); strings.HasPrefix(rest, ",") {
		comma = true
		after = strings.Index(text[after:], ",") + after + 1
	}
	if !strings.Contains(text[after:close], "\n") {
		// The closing bracket on the last item's line.
		item := strings.Join(added, ", ")
		if comma {
			return []analysis.Edit{edit(f, after, after, " "+item+",")}, true
		}
		return []analysis.Edit{edit(f, after, after, ", "+item)}, true
	}
	lineEnd := endOfLine(text, after)
	indent := f.IndentAt(last.Start())
	nl := f.Newline()
	item := strings.Join(added, ","+nl+indent)
	switch {
	case comma:
		return []analysis.Edit{edit(f, lineEnd, lineEnd, nl+indent+item+",")}, true
	case strings.TrimSpace(text[after:lineEnd]) == "":
		return []analysis.Edit{edit(f, after, after, ","+nl+indent+item)}, true
	}
	// A comment ends the last item's line: the comma goes before it, the items after.
	return []analysis.Edit{edit(f, after, after, ","), edit(f, lineEnd, lineEnd, nl+indent+item)}, true
}

// emptyList is the edit putting item in an empty list (`[]`, or one holding only comments
// or blank lines).
func emptyList(f *source.File, list *source.Node, item string) ([]analysis.Edit, bool) {
	if commentOn(f, list.Start(), list.End()) {
		return nil, false
	}
	return []analysis.Edit{edit(f, list.Start(), list.End(), "["+item+"]")}, true
}

// WrapChild is the edits wrapping child i of list in a call, `fun(child, kw)`
// (`Supervisor.child_spec(child, id: x)`), laid out as mix format would: in place while
// its line fits in LineLength (a comment ending the line not counted: the formatter moves
// it); a one-line `children = [...]` list pushed past it is broken into one child per line
// (set apart by blank lines); in a list of one child a line, a call too long for its line
// breaks before kw, or else puts both arguments on lines of their own. ok is false where
// no layout the formatter would keep is known: a child over several lines, a one-line
// list written inside a call, or a line still too long.
func WrapChild(f *source.File, list *index.ChildList, i int, fun, kw string) ([]analysis.Edit, bool) {
	ch := list.Children[i]
	child := f.Text[ch.Span.Start():ch.Span.End()]
	if strings.Contains(child, "\n") {
		return nil, false
	}
	text := fun + "(" + child + ", " + kw + ")"
	lineStart := f.LineStartOf(ch.Span.Start())
	if codeWidth(f, lineStart)+width(text)-width(child) <= LineLength {
		return []analysis.Edit{edit(f, ch.Span.Start(), ch.Span.End(), text)}, true
	}
	nl := list.Newline
	if list.Multiline {
		indent := f.IndentAt(ch.Span.Start())
		prefix := f.Text[lineStart:ch.Span.Start()]
		switch {
		case width(prefix+fun+"("+child+",") <= LineLength:
			text = fun + "(" + child + "," + nl + indent + "  " + kw + nl + indent + ")"
		case width(indent+"  "+child+",") <= LineLength:
			text = fun + "(" + nl + indent + "  " + child + "," + nl + indent + "  " + kw + nl + indent + ")"
		default:
			return nil, false
		}
		return []analysis.Edit{edit(f, ch.Span.Start(), ch.Span.End(), text)}, true
	}
	if !list.Bound {
		return nil, false
	}
	inner := list.Indent + "  "
	edits := []analysis.Edit{edit(f, list.Span.Start()+1, list.Children[0].Span.Start(), nl+inner)}
	for k := 1; k < len(list.Children); k++ {
		edits = append(edits, edit(f, list.Children[k-1].Span.End(), list.Children[k].Span.Start(), ","+nl+inner))
	}
	if !list.SpacedBefore {
		edits = append(edits, edit(f, list.LineStart, list.LineStart, nl))
	}
	closing := nl + list.Indent + "]"
	if !list.SpacedAfter {
		closing += nl
	}
	last := list.Children[len(list.Children)-1]
	edits = append(edits, edit(f, last.Span.End(), list.Span.End(), closing))
	return append(edits, edit(f, ch.Span.Start(), ch.Span.End(), text)), true
}

// codeWidth is the width of the line starting at lineStart, a comment ending it left out.
func codeWidth(f *source.File, lineStart int) int {
	end := endOfLine(f.Text, lineStart)
	for _, c := range f.Comments {
		if c.Start() >= lineStart && c.Start() < end {
			end = c.Start()
			break
		}
	}
	return width(strings.TrimRight(f.Text[lineStart:end], " \t"))
}

// AppendToList is the edits appending items to a literal list (`opts = [timeout: 1]`,
// `:ets.new(:t, [:set, :public])`), laid out as mix format would: in place while its line
// fits in LineLength; a one-line list bound by `x = [...]` alone on its line and pushed
// past it goes one element a line (set apart by blank lines); a one-line list that is a
// call's last argument and pushed past it goes one element a line inside the call's
// brackets (`:ets.new(:t, [` ... `])`, a trailing comma kept); a list over several lines
// gets each item on a line of its own (see AddKeyword). ok is false where an element
// ending in a call without parentheses would swallow them.
func AppendToList(f *source.File, list *source.Node, items ...string) ([]analysis.Edit, bool) {
	els := elixir.Elements(list)
	joined := strings.Join(items, ", ")
	if len(els) == 0 {
		return emptyList(f, list, joined)
	}
	if strings.Contains(f.Slice(list), "\n") || commentOn(f, list.Start(), list.End()) {
		return appendItem(f, els, list.End()-1, items...)
	}
	if elixir.EndsWithBareCall(f, els[len(els)-1]) {
		return nil, false
	}
	inner := strings.TrimRight(f.Text[list.Start()+1:list.End()-1], " \t")
	comma := strings.HasSuffix(inner, ",")
	text := inner + ", " + joined
	if comma {
		text = inner + " " + joined + ","
	}
	flat := []analysis.Edit{edit(f, list.Start()+1, list.End()-1, text)}
	lineStart := f.LineStartOf(list.Start())
	if codeWidth(f, lineStart)+width(joined)+2 <= LineLength {
		return flat, true
	}
	nl, indent := f.Newline(), f.IndentAt(list.Start())
	all := append(texts(f, els), items...)
	if eq := assignment(f, list); eq != nil && eq.Start() == lineStart+len(indent) && strings.TrimSpace(f.Text[list.End():endOfLine(f.Text, list.End())]) == "" {
		return append(separated(f, eq), edit(f, list.Start(), list.End(), "["+nl+indent+"  "+strings.Join(all, ","+nl+indent+"  ")+nl+indent+"]")), true
	}
	if c, ok := argumentOf(f, list); ok {
		tail := ""
		if comma {
			tail = ","
		}
		broken := func(indent string) string {
			return "[" + nl + indent + "  " + strings.Join(all, ","+nl+indent+"  ") + tail + nl + indent + "]"
		}
		pos := texts(f, c.Args)
		pos[len(pos)-1] = "[" + text + "]"
		if edits, ok := layoutCall(f, c, pos, nil, broken); ok {
			return edits, true
		}
		// Code or a comment after the call on its line: the list breaks in place.
		return []analysis.Edit{edit(f, list.Start(), list.End(), broken(indent))}, true
	}
	return flat, true
}

// argumentOf is the parenthesized call whose last argument is list.
func argumentOf(f *source.File, list *source.Node) (*elixir.Call, bool) {
	if !lastArgument(list) {
		return nil, false
	}
	c, ok := elixir.AsCall(f, list.Parent().Parent())
	if !ok || !parenthesized(f, c) || c.Args[len(c.Args)-1].Start() != list.Start() {
		return nil, false
	}
	return c, true
}

// lastArgument reports whether n is the last argument of a call.
func lastArgument(n *source.Node) bool {
	p := n.Parent()
	if p == nil || p.Type() != "arguments" {
		return false
	}
	var last *source.Node
	for c := range p.Children() {
		if c.Named() && c.Type() != "comment" {
			last = c
		}
	}
	return last != nil && last.Start() == n.Start() && last.End() == n.End()
}
