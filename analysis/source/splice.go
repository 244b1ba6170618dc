package source

import (
	"sort"
	"strings"
	"sync/atomic"
	"unsafe"
)

// formReparses counts edits handled by reparseForm (tests check the fast path is taken).
var formReparses atomic.Int64

// Re-parsing a form instead of the file.
//
// Tree-sitter's incremental reparse of a large Elixir module after one keystroke costs a
// quarter of a full parse here (the grammar's conflicts make many nodes non-reusable), and
// copying the whole new tree out of C costs as much again. But a keystroke almost always
// lands inside one top-level form (a def, an attribute), and forms parse independently:
// the form's new text is parsed alone, and the file's Go tree is rebuilt around it, the
// other forms' nodes copied with their offsets shifted. The result is exactly the tree a
// full parse would give (fuzzed against it); whenever that cannot be guaranteed cheaply
// (the edit touches a form's edge, the form no longer parses as one clean node of the same
// kind, the file has syntax errors) the caller falls back to tree-sitter's reparse.

// reparseForm returns old with the bytes [start, oldEnd) replaced, given the new text, by
// re-parsing only the form that strictly contains the edit, or else the forms around it
// (see reparseSiblings); ok is false when it cannot.
func reparseForm(old *File, start, oldEnd int, text string, lines *LineIndex) (*File, bool) {
	if len(old.Errors) > 0 || len(old.nodes) == 0 {
		return nil, false
	}
	if form := formAround(old.Forms, start, oldEnd); form != nil {
		f, ok := splice(old, form, form, form.Start(), form.End(), text, lines)
		if ok {
			formReparses.Add(1)
		}
		return f, ok
	}
	f, ok := reparseSiblings(old, start, oldEnd, text, lines)
	if ok {
		regionReparses.Add(1)
	}
	return f, ok
}

// blockKeywords end or divide a do block. Parsed on their own, outside any block, they
// are read as plain identifiers; in the file they close or divide the block around them
// (a stray `end` ends the module), so a snippet holding one does not parse as the file does.
var blockKeywords = map[string]bool{"do": true, "end": true, "else": true, "rescue": true, "catch": true, "after": true}

// parsesAsInContext reports whether the nodes of a snippet parsed alone are those it has
// in its file: no syntax error, no block keyword read as an identifier, statements
// separated as they must be in a block.
func parsesAsInContext(nodes []Node, snippet string) bool {
	for i := range nodes {
		n := &nodes[i]
		if n.isSyntaxError() || n.Type() == "identifier" && blockKeywords[snippet[n.Start():n.End()]] || !separated(n, snippet) {
			return false
		}
	}
	return true
}

// statementLists are the nodes whose children are statements.
var statementLists = map[string]bool{"source": true, "do_block": true, "body": true, "else_block": true,
	"after_block": true, "rescue_block": true, "catch_block": true}

// separated reports whether the statements n holds, if it holds statements, are each
// ended by a line break or a `;` (comments aside). Tree-sitter reads `f(x)0` as two
// statements without complaint when they are the snippet's own, and as an error inside
// a module: a snippet whose statements run into each other does not parse as the file does.
func separated(n *Node, text string) bool {
	if !statementLists[n.Type()] {
		return true
	}
	var prev *Node
	for c := range n.Children() {
		if !c.Named() || c.isComment() {
			continue
		}
		if prev != nil && !strings.ContainsAny(text[prev.End():c.Start()], "\n;") {
			return false
		}
		prev = c
	}
	return true
}

// regionReparses counts edits handled by reparseSiblings (tests check it is taken).
var regionReparses atomic.Int64

// reparseSiblings handles an edit that touches a form's first or last byte, or lies
// between forms: typing at the end of an attribute's line, indenting a `use`, a new line
// between two functions. Such an edit may join a form to its neighbour or split it in
// two, so the region re-parsed runs from the start of the form before the edit to the end
// of the form after it (or from the module's `do`, to its `end`). The text around the
// region is unchanged, and so are the neighbours' outer edges: the region parses alone as
// it does in the file as long as it parses cleanly (a region that would open or close a
// construct reaching outside it does not).
func reparseSiblings(old *File, start, oldEnd int, text string, lines *LineIndex) (*File, bool) {
	// The innermost module body holding the edit, away from its `do` and `end`.
	parent, from, to := old.Root, 0, len(old.Text)
	for {
		var inner *Node
		for c := range parent.Children() {
			if c.Start() <= start && oldEnd <= c.End() && isDefmodule(c, old.Text) {
				inner = c
			}
		}
		if inner == nil {
			break
		}
		body := inner.ChildOfType("do_block")
		if body == nil || !strings.HasPrefix(old.Text[body.Start():body.End()], "do") || !strings.HasSuffix(old.Text[body.Start():body.End()], "end") {
			return nil, false
		}
		parent, from, to = body, body.Start()+len("do"), body.End()-len("end")
	}
	// The forms the edit touches, widened by one on either side.
	var kids []*Node
	for c := range parent.Children() {
		kids = append(kids, c)
	}
	i := 0
	for i < len(kids) && kids[i].End() < start {
		i++
	}
	j := i
	for j < len(kids) && kids[j].Start() <= oldEnd {
		j++
	}
	if i > 0 {
		i--
		from = kids[i].Start()
	}
	if j < len(kids) {
		to = kids[j].End()
		j++
	}
	if i == j || start <= from || oldEnd >= to || to-from > len(old.Text)/2 {
		return nil, false // nothing to replace, the edit at the region's edge, or most of the file
	}
	if parent == old.Root && (from == 0 || to == len(old.Text)) {
		// The region would reach the file's first or last byte: the text before the first
		// form and after the last one sets where tree-sitter's root starts and ends
		// (" \r\n f()" starts at the \r), which a region parsed alone does not show.
		return nil, false
	}
	for _, k := range kids[i:j] {
		if isDefmodule(k, old.Text) || k.field != 0 {
			return nil, false // a nested module's forms are its own
		}
	}
	return splice(old, kids[i], kids[j-1], from, to, text, lines)
}

// splice returns old with the sibling forms first to last (from, to: the region they lie
// in, first's start and last's end, or the module body's edges) replaced by the parse of
// the region's new text; ok is false when the new text does not parse cleanly into forms
// that fit the region, or (for one form that strictly holds the edit) into one form of
// the same kind.
func splice(old *File, first, last *Node, from, to int, text string, lines *LineIndex) (*File, bool) {
	one := first == last && first.Start() == from && first.End() == to
	delta := len(text) - len(old.Text)
	snippet := text[from : to+delta]
	flat, release, ok, _ := parseFlat(snippet, len(snippet))
	if !ok {
		return nil, false // the full reparse abandons it too, or reports the memory it lacked
	}
	sroot, snodes := buildAST(flat, snippet)
	release()
	if !parsesAsInContext(snodes, snippet) {
		return nil, false
	}
	var tops []*Node
	for c := range sroot.Children() {
		if isDefmodule(c, snippet) {
			return nil, false // a form that became a module would bring forms of its own
		}
		tops = append(tops, c)
	}
	switch {
	case len(tops) == 0:
		return nil, false
	case one && (len(tops) != 1 || tops[0].Type() != first.Type() || tops[0].Start() != 0 || tops[0].End() != len(snippet)):
		return nil, false
	case first.Start() == from && tops[0].Start() != 0, last.End() == to && tops[len(tops)-1].End() != len(snippet):
		return nil, false // a neighbour's outer edge moved: not the parse the file would get
	}

	// The new array is the old one with the run of the replaced forms replaced by the
	// snippet's nodes (its root left out). Links are offsets within the array, so only
	// those that span the replaced run change: the forms' ancestors grow, and nodes after
	// the run whose parent is one of those ancestors lie further from it.
	oldNodes := old.nodes
	fi := indexOf(oldNodes, first)
	fe := indexOf(oldNodes, last) + last.subtreeLen() // pre-order keeps the run contiguous
	pi := indexOf(oldNodes, first.Parent())
	m := len(snodes) - 1  // the snippet's nodes without its root
	grow := m - (fe - fi) // nodes gained, or lost when negative
	pool := make([]Node, len(oldNodes)+grow)
	copy(pool[:fi], oldNodes[:fi])
	copy(pool[fi:fi+m], snodes[1:])
	copy(pool[fi+m:], oldNodes[fe:])
	for i := fi; i < fi+m; i++ {
		pool[i].start += int32(from)
		pool[i].end += int32(from)
	}
	for k := fi; k < fi+m; k += pool[k].subtreeLen() {
		pool[k].up, pool[k].field = int32(k-pi), first.field // the snippet's top nodes hang from the parent
	}
	for p := &pool[pi]; p != nil; p = p.Parent() {
		p.end += int32(delta)
		p.size += int32(grow)
	}
	for k := fi + m; k < len(pool); k++ {
		n := &pool[k]
		n.start += int32(delta)
		n.end += int32(delta)
		if k-grow-int(n.up) < fi { // the parent is an ancestor of the run
			n.up += int32(grow)
		}
	}
	// The forms and comments outside the run are the old ones at their new places; no
	// scan of the whole tree is needed. (The file had no errors, nor has the snippet.)
	f := &File{Path: old.Path, Text: text, Lines: lines, Root: &pool[0], nodes: pool}
	f.Forms = make([]*Node, 0, len(old.Forms)+len(tops))
	f.Forms = appendMoved(f.Forms, old.Forms, oldNodes, pool, fi, fe, grow, func() []*Node {
		var forms []*Node
		for k := fi; k < fi+m; k += pool[k].subtreeLen() {
			if pool[k].Named() {
				forms = append(forms, &pool[k])
			}
		}
		return forms
	})
	f.Comments = appendMoved(f.Comments, old.Comments, oldNodes, pool, fi, fe, grow, func() []*Node {
		var comments []*Node
		for k := fi; k < fi+m; k++ {
			if pool[k].isComment() {
				comments = append(comments, &pool[k])
			}
		}
		return comments
	})
	// The old forms the run replaced, by their place in the list.
	firstForm := sort.Search(len(old.Forms), func(k int) bool { return indexOf(oldNodes, old.Forms[k]) >= fi })
	endForm := sort.Search(len(old.Forms), func(k int) bool { return indexOf(oldNodes, old.Forms[k]) >= fe })
	f.version = versions.Add(1)
	f.formsFrom = formsMove{from: old.version, first: firstForm, end: endForm, inserted: len(f.Forms) - len(old.Forms) + endForm - firstForm}
	carryDerived(&Move{Old: old, New: f, first: fi, end: fe, inserted: m, delta: delta})
	return f, true
}

// appendMoved appends to out the nodes of list (sorted, in old) at their places in pool:
// those before the replaced run [fi, fe) where they were, then the run's new nodes, then
// those after it, grow places later.
func appendMoved(out, list []*Node, old, pool []Node, fi, fe, grow int, run func() []*Node) []*Node {
	k := 0
	for ; k < len(list) && indexOf(old, list[k]) < fi; k++ {
		out = append(out, &pool[indexOf(old, list[k])])
	}
	out = append(out, run()...)
	for ; k < len(list); k++ {
		if i := indexOf(old, list[k]); i >= fe {
			out = append(out, &pool[i+grow])
		}
	}
	return out
}

// formAround returns the form that strictly contains [start, end): the edit touches
// neither its first nor its last byte, so the form's boundaries with its neighbours are
// unchanged. Forms do not nest and are in source order.
func formAround(forms []*Node, start, end int) *Node {
	i := sort.Search(len(forms), func(i int) bool { return forms[i].Start() >= start }) - 1
	if i < 0 {
		return nil
	}
	f := forms[i]
	if f.Start() < start && end < f.End() {
		return f
	}
	return nil
}

// indexOf returns the index of n in the node array it belongs to.
func indexOf(nodes []Node, n *Node) int {
	return int((uintptr(unsafe.Pointer(n)) - uintptr(unsafe.Pointer(&nodes[0]))) / unsafe.Sizeof(Node{}))
}
