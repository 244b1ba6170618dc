package source

import (
	"sort"
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
// re-parsing only the form that strictly contains the edit; ok is false when it cannot.
func reparseForm(old *File, start, oldEnd int, text string, lines *LineIndex) (*File, bool) {
	if len(old.Errors) > 0 || len(old.nodes) == 0 {
		return nil, false
	}
	form := formAround(old.Forms, start, oldEnd)
	if form == nil {
		return nil, false
	}
	delta := len(text) - len(old.Text)
	snippet := text[form.Start : form.End+delta]
	tree := parse(nil, snippet)
	flat, release, err := flatten(tree, len(snippet))
	if err != nil {
		closeTree(tree)
		return nil, false // the full reparse reports it
	}
	sroot, snodes := buildAST(flat, snippet)
	release()
	closeTree(tree)
	if sroot.ChildCount() != 1 {
		return nil, false
	}
	if c := sroot.FirstChild(); c.Type() != form.Type() || c.Start != 0 || c.End != len(snippet) || isDefmodule(c, snippet) {
		return nil, false // a form that became a module would bring forms of its own
	}
	for i := range snodes {
		if snodes[i].isSyntaxError() {
			return nil, false
		}
	}

	// The new array is the old one with the form's run replaced by the snippet's nodes
	// (its root left out). Links are offsets within the array, so only those that span
	// the replaced run change: the form's ancestors grow, and nodes after the form whose
	// parent is one of those ancestors lie further from it.
	oldNodes := old.nodes
	fi := indexOf(oldNodes, form)
	fe := fi + form.subtreeLen() // pre-order keeps the form's subtree contiguous
	m := len(snodes) - 1         // the snippet's nodes without its root
	grow := m - (fe - fi)        // nodes gained, or lost when negative
	pool := make([]Node, len(oldNodes)+grow)
	copy(pool[:fi], oldNodes[:fi])
	copy(pool[fi:fi+m], snodes[1:])
	copy(pool[fi+m:], oldNodes[fe:])
	for i := fi; i < fi+m; i++ {
		pool[i].Start += form.Start
		pool[i].End += form.Start
	}
	pool[fi].up, pool[fi].field = form.up, form.field
	for p := pool[fi].Parent(); p != nil; p = p.Parent() {
		p.End += delta
		p.size += int32(grow)
	}
	for k := fi + m; k < len(pool); k++ {
		n := &pool[k]
		n.Start += delta
		n.End += delta
		if k-grow-int(n.up) < fi { // the parent is an ancestor of the form
			n.up += int32(grow)
		}
	}
	formReparses.Add(1)
	// The forms and comments outside the edited form are the old ones at their new
	// places; no scan of the whole tree is needed. (The file had no errors, nor has the form.)
	moved := func(n *Node) *Node {
		i := indexOf(oldNodes, n)
		if i >= fe {
			i += fi + m - fe
		}
		return &pool[i]
	}
	f := &File{Path: old.Path, Text: text, Lines: lines, Root: &pool[0], nodes: pool}
	f.Forms = make([]*Node, len(old.Forms))
	for i, fo := range old.Forms {
		f.Forms[i] = moved(fo) // the edited form keeps its index, fi
	}
	i := 0
	for ; i < len(old.Comments) && old.Comments[i].Start < form.Start; i++ {
		f.Comments = append(f.Comments, moved(old.Comments[i]))
	}
	for j := 1; j <= m; j++ {
		if pool[fi+j-1].isComment() {
			f.Comments = append(f.Comments, &pool[fi+j-1])
		}
	}
	for ; i < len(old.Comments); i++ {
		if old.Comments[i].Start >= form.End {
			f.Comments = append(f.Comments, moved(old.Comments[i]))
		}
	}
	return f, true
}

// formAround returns the form that strictly contains [start, end): the edit touches
// neither its first nor its last byte, so the form's boundaries with its neighbours are
// unchanged. Forms do not nest and are in source order.
func formAround(forms []*Node, start, end int) *Node {
	i := sort.Search(len(forms), func(i int) bool { return forms[i].Start >= start }) - 1
	if i < 0 {
		return nil
	}
	f := forms[i]
	if f.Start < start && end < f.End {
		return f
	}
	return nil
}

// indexOf returns the index of n in the node array it belongs to.
func indexOf(nodes []Node, n *Node) int {
	return int((uintptr(unsafe.Pointer(n)) - uintptr(unsafe.Pointer(&nodes[0]))) / unsafe.Sizeof(Node{}))
}
