package source

import (
	"iter"
	"strings"
	"unsafe"
)

// Carrying derived values across a form's reparse.
//
// A keystroke re-parses one form (splice) and the rest of the file's nodes are the old
// ones moved. What other packages derive from a file (its calls, its def clauses) is then
// mostly the old file's, moved too: re-deriving it for the whole file on every keystroke
// cost a fifth of a keystroke in a 2,000-line module. A key made with NewCarriedKey moves
// the old version's value instead, and derives afresh only the replaced forms' part.
// The carried value must be the one compute would give for the new file; the tests of
// each carried key check it against a fresh derivation after edits.

// carriers[i] carries the value of the key in slot i, or is nil for a key that is always
// derived afresh. Keys are package-level variables, made at start-up, before any file is
// edited: splice reads carriers without a lock.
var carriers [maxDerivedKeys]func(old any, m *Move) (any, bool)

// NewCarriedKey makes a key (see NewDerivedKey) whose value an edit handled by a form's
// reparse moves from the old file to the new one with carry, instead of leaving it to be
// derived again. carry receives the old file's value and the Move, and returns the new
// file's value, or false when it cannot (the value is then derived when asked for); it
// must not modify the old value, which readers of the old file share.
func NewCarriedKey(carry func(old any, m *Move) (any, bool)) *DerivedKey {
	k := NewDerivedKey()
	carriers[k.slot] = carry
	return k
}

// Move says where the old file's nodes and text are in the new file a form's reparse
// made of it: the nodes before the replaced forms are where they were, those after them
// lie grow places and delta bytes further; the replaced forms' nodes are new.
type Move struct {
	Old, New *File
	// The old nodes [first, end) were replaced by the new nodes [first, first+inserted).
	first, end, inserted int
	// The old bytes [from, to) were replaced by the new bytes [from, to+delta).
	from, to, delta int
}

// carryDerived moves into f, made from old by m, every carried value old has.
func carryDerived(m *Move) {
	// Slot order: a later key's carry may read an earlier key's value of the new file
	// (the def clauses read the calls), which is then already carried.
	for slot, carry := range carriers {
		if carry == nil {
			continue
		}
		if v := m.Old.derived[slot].Load(); v != nil {
			if nv, ok := carry(*v, m); ok {
				m.New.derived[slot].Store(&nv)
			}
		}
	}
}

// Node returns where n, a node of the old file, is in the new one; nil when n was one of
// the replaced forms' nodes (or is not the old file's).
func (m *Move) Node(n *Node) *Node {
	if n == nil {
		return nil
	}
	i := m.Old.NodeIndex(n)
	switch {
	case i < 0:
		return nil
	case i < m.first:
		return &m.New.nodes[i]
	case i >= m.end:
		return &m.New.nodes[i-m.end+m.first+m.inserted]
	}
	return nil
}

// Replaced reports whether n, a node of the old file, lies in the replaced forms.
func (m *Move) Replaced(n *Node) bool {
	i := m.Old.NodeIndex(n)
	return i >= m.first && i < m.end
}

// After reports whether n, a node of the old file, comes after the replaced forms in
// source order (pre-order: the forms' ancestors come before them).
func (m *Move) After(n *Node) bool { return m.Old.NodeIndex(n) >= m.end }

// Inserted yields the new file's nodes that replaced the old forms, in source order.
func (m *Move) Inserted() iter.Seq[*Node] {
	return func(yield func(*Node) bool) {
		for i := m.first; i < m.first+m.inserted; i++ {
			if !yield(&m.New.nodes[i]) {
				return
			}
		}
	}
}

// String returns s, a string read from the old file, as the same bytes of the new file's
// text when s is a slice of the old text outside the replaced bytes (so that a carried
// value does not keep the old text alive); any other string (made apart from the text, or
// read from the replaced bytes) is returned as an independent copy or as it is.
func (m *Move) String(s string) string {
	if s == "" {
		return s
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(m.Old.Text)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	if p < base || p+uintptr(len(s)) > base+uintptr(len(m.Old.Text)) {
		return s // not the old text's
	}
	off := int(p - base)
	switch {
	case off+len(s) <= m.from:
		return m.New.Text[off : off+len(s)]
	case off >= m.to:
		return m.New.Text[off+m.delta : off+m.delta+len(s)]
	}
	return strings.Clone(s)
}
