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
	nt := &callTable{calls: make([]Call, 0, len(t.calls)+8), at: make([]int32, f.NodeCount())}
	args := make([]*source.Node, 0, 2*len(t.calls)) // calls average under two arguments
	add := func(c Call) {
		nt.calls = append(nt.calls, c)
		nt.at[f.NodeIndex(c.Node)] = int32(len(nt.calls))
	}
	readInserted := func() {
		for n := range m.Inserted() {
			if c, ok := readCall(f, n, &args); ok {
				add(c)
			}
		}
	}
	inserted := false
	for i := range t.calls {
		c := &t.calls[i]
		if m.Replaced(c.Node) {
			continue
		}
		if !inserted && m.After(c.Node) {
			readInserted()
			inserted = true
		}
		moved, ok := moveCall(c, m, &args)
		if !ok {
			return nil, false
		}
		add(moved)
	}
	if !inserted {
		readInserted()
	}
	tablesCarried.Add(1)
	return nt, true
}

// moveCall returns c, a call of the old file outside the replaced forms, as it is in the
// new file, appending its arguments to *args as readCall does; false when one of its nodes
// was replaced, which a call outside the forms cannot have unless the forms were not whole.
func moveCall(c *Call, m *source.Move, args *[]*source.Node) (Call, bool) {
	moved := Call{
		Node: m.Node(c.Node), Module: m.String(c.Module), ModuleNode: m.Node(c.ModuleNode),
		Name: m.String(c.Name), NameNode: m.Node(c.NameNode), Piped: c.Piped,
		ArgList: m.Node(c.ArgList), DoBlock: m.Node(c.DoBlock),
	}
	if moved.Node == nil || (moved.ModuleNode == nil) != (c.ModuleNode == nil) || moved.NameNode == nil ||
		(moved.ArgList == nil) != (c.ArgList == nil) || (moved.DoBlock == nil) != (c.DoBlock == nil) {
		return Call{}, false
	}
	from := len(*args)
	for _, a := range c.Args {
		na := m.Node(a)
		if na == nil {
			return Call{}, false
		}
		*args = append(*args, na)
	}
	if to := len(*args); to > from {
		moved.Args = (*args)[from:to:to]
	}
	return moved, true
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
	readInserted := func() {
		for n := range m.Inserted() {
			if i, ok := ct.index(f, n); ok {
				if d, ok := readDef(f, &ct.calls[i]); ok {
					add(d)
				}
			}
		}
	}
	inserted := false
	for i := range t.defs {
		d := &t.defs[i]
		if m.Replaced(d.Node) {
			continue
		}
		if !inserted && m.After(d.Node) {
			readInserted()
			inserted = true
		}
		moved, ok := moveDef(d, m, ct)
		if !ok || !add(moved) {
			return nil, false
		}
	}
	if !inserted {
		readInserted()
	}
	return nt, true
}

// moveDef returns d, a clause of the old file outside the replaced forms, as it is in the
// new file whose calls are ct.
func moveDef(d *Def, m *source.Move, ct *callTable) (Def, bool) {
	moved := Def{
		Node: m.Node(d.Node), Kind: m.String(d.Kind), Name: m.String(d.Name), NameNode: m.Node(d.NameNode),
		Head: m.Node(d.Head), Guard: m.Node(d.Guard), Body: m.Node(d.Body), id: d.id,
	}
	if moved.Node == nil || moved.NameNode == nil || moved.Head == nil ||
		(moved.Guard == nil) != (d.Guard == nil) || (moved.Body == nil) != (d.Body == nil) {
		return Def{}, false
	}
	if len(d.Params) > 0 {
		i, ok := ct.index(m.New, moved.Head)
		if !ok {
			return Def{}, false
		}
		moved.Params = ct.calls[i].Args
	}
	return moved, true
}
