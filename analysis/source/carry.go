package source

import (
	"iter"
	"sort"
	"sync/atomic"
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
// lie inserted-(end-first) places and delta bytes further; the replaced forms' nodes are
// new.
type Move struct {
	Old, New *File
	// The old nodes [first, end) were replaced by the new nodes [first, first+inserted),
	// and the bytes after them lie delta further.
	first, end, inserted int
	delta                int
}

// carryDerived moves into m.New every carried value m.Old has.
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

// Shift moves what lies on one side of the replaced forms, before them or after them,
// from the old file to the new one: the nodes of a side are its own (a node's subtree,
// its parent's other children, lie on its side unless the node holds the replaced forms),
// so one shift moves every node a value read from one node of the side. Moving is pointer
// arithmetic: a keystroke moves thousands of calls.
type Shift struct {
	// A node of the side at index i in the old array is at i+nodes in the new one.
	oldBase  uintptr
	newNodes []Node
	nodes    int
	// The old text, and how far its bytes on the side lie in the new one.
	oldText string
	newText string
	text    int
}

// Shifts returns the shifts of the sides before and after the replaced forms.
func (m *Move) Shifts() (before, after Shift) {
	before = Shift{oldBase: uintptr(unsafe.Pointer(&m.Old.nodes[0])), newNodes: m.New.nodes, oldText: m.Old.Text, newText: m.New.Text}
	after = before
	after.nodes = m.inserted - (m.end - m.first)
	after.text = m.delta
	return before, after
}

// Sides splits items, values read from the old file in the order of the nodes node gives
// (its nodes' pre-order), where the replaced forms are: items[:i] lie before them,
// items[i:j] in them, items[j:] after them.
func Sides[T any](m *Move, items []T, node func(*T) *Node) (i, j int) {
	index := func(k int) int { return m.Old.NodeIndex(node(&items[k])) }
	i = sort.Search(len(items), func(k int) bool { return index(k) >= m.first })
	j = i + sort.Search(len(items)-i, func(k int) bool { return index(i+k) >= m.end })
	return i, j
}

// Node returns where n, a node of the old file on the shift's side, is in the new one.
func (s *Shift) Node(n *Node) *Node {
	if n == nil {
		return nil
	}
	return &s.newNodes[int((uintptr(unsafe.Pointer(n))-s.oldBase)/uintptr(nodeSize))+s.nodes]
}

// String returns str, read from the old file's text on the shift's side, as the same bytes
// of the new text, so that a carried value does not keep the old text alive; a string
// made apart from the text is returned as it is.
func (s *Shift) String(str string) string {
	if str == "" {
		return str
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(s.oldText)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(str)))
	if p < base || p+uintptr(len(str)) > base+uintptr(len(s.oldText)) {
		return str // not the old text's
	}
	off := int(p-base) + s.text
	return s.newText[off : off+len(str)]
}

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

// versions numbers the files this process makes (File.Version), from 1.
var versions atomic.Uint64

// formsMove is how a form's reparse made a file's forms of the file numbered from: its
// forms [first, end) were replaced by inserted new ones.
type formsMove struct {
	from                 uint64
	first, end, inserted int
}

// Version numbers f among the files this process made (never 0): what is kept of one
// version of a document can tell whether a later File was made from it (FormsMovedFrom).
func (f *File) Version() uint64 { return f.version }

// FormsMovedFrom reports, when f was made from the file numbered version by re-parsing
// some of its forms, which: that file's forms [first, end) were replaced by f's [first,
// first+inserted), and each of its other forms is one of f's, the same text, those after
// the replaced ones lying inserted-(end-first) places further in Forms.
func (f *File) FormsMovedFrom(version uint64) (first, end, inserted int, ok bool) {
	m := f.formsFrom
	if version == 0 || m.from != version {
		return 0, 0, 0, false
	}
	return m.first, m.end, m.inserted, true
}
