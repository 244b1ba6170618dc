package elixir

import (
	"sync/atomic"

	"github.com/otpls/otpls/analysis/source"
)

// tablesCarried counts call tables carried rather than read afresh (tests check that edits
// take that path).
var tablesCarried atomic.Int64

// A keystroke re-parses one form; the file's calls and def clauses outside it are the old
// version's, moved (see source.NewCarriedKey). carryCalls and carryDefs move them and read
// only the new form's afresh, in the order a fresh reading lists them.

// carryCalls makes the new file's call table of the old one's.
func carryCalls(old any, m *source.Move) (any, bool) {
	t := old.(*callTable)
	f := m.New
	nt := &callTable{calls: make([]Call, 0, len(t.calls)+8), nodes: make([]int32, 0, len(t.calls)+8)}
	args := make([]*source.Node, 0, 2*len(t.calls)) // calls average under two arguments
	add := func(c Call) { nt.add(f, c) }
	before, after := m.Shifts()
	i, j := source.Sides(m, t.calls, func(c *Call) *source.Node { return c.Node })
	for k := range t.calls[:i] {
		add(moveCall(&t.calls[k], &before, &args))
	}
	for n := range m.Inserted() {
		if c, ok := readCall(f, n, &args); ok {
			add(c)
		}
	}
	for k := j; k < len(t.calls); k++ {
		add(moveCall(&t.calls[k], &after, &args))
	}
	tablesCarried.Add(1)
	return nt.finish(f), true
}

// moveCall returns c, a call of the old file outside the replaced forms, as it is in the
// new file, appending its arguments to *args as readCall does. Its nodes lie on its side
// of the forms: its subtree, and the left of a `|>` it is the right of.
func moveCall(c *Call, s *source.Shift, args *[]*source.Node) Call {
	moved := Call{
		Node: s.Node(c.Node), Module: s.String(c.Module), Name: s.String(c.Name),
	}
	from := len(*args)
	for _, a := range c.Args {
		*args = append(*args, s.Node(a))
	}
	if to := len(*args); to > from {
		moved.Args = (*args)[from:to:to]
	}
	return moved
}

// carryDefs makes the new file's def clauses of the old one's. The new file's calls are
// carried first (their key's slot comes first), and a clause's parameters are its head
// call's arguments, as readDef takes them.
func carryDefs(old any, m *source.Move) (any, bool) {
	t := old.(*defTable)
	f := m.New
	ct := callTableOf(f)
	nt := &defTable{defs: make([]Def, 0, len(t.defs)+4), at: make([]int32, len(ct.calls))}
	add := func(d Def) bool {
		i, ok := ct.index(f, d.Node)
		if !ok {
			return false
		}
		nt.defs = append(nt.defs, d)
		nt.at[i] = int32(len(nt.defs))
		return true
	}
	before, after := m.Shifts()
	i, j := source.Sides(m, t.defs, func(d *Def) *source.Node { return d.Node })
	move := func(d *Def, s *source.Shift) bool {
		moved, ok := moveDef(d, s, ct, f)
		return ok && add(moved)
	}
	for k := range t.defs[:i] {
		if !move(&t.defs[k], &before) {
			return nil, false
		}
	}
	for n := range m.Inserted() {
		if i, ok := ct.index(f, n); ok {
			if d, ok := readDef(f, &ct.calls[i], nil); ok {
				add(d)
			}
		}
	}
	for k := j; k < len(t.defs); k++ {
		if !move(&t.defs[k], &after) {
			return nil, false
		}
	}
	return nt, true
}

// moveDef returns d, a clause of the old file outside the replaced forms, as it is in the
// new file whose calls are ct.
func moveDef(d *Def, s *source.Shift, ct *callTable, f *source.File) (Def, bool) {
	moved := Def{
		Node: s.Node(d.Node), Kind: s.String(d.Kind), Name: s.String(d.Name), NameNode: s.Node(d.NameNode),
		Head: s.Node(d.Head), Guard: s.Node(d.Guard), Body: s.Node(d.Body), id: d.id,
	}
	if len(d.Params) > 0 {
		i, ok := ct.index(f, moved.Head)
		if !ok {
			return Def{}, false
		}
		moved.Params = ct.calls[i].Args
	}
	return moved, true
}
