package source

import (
	"bytes"
	"iter"
	"math"
	"strings"
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/elixir"
)

// Node is a syntax node copied out of tree-sitter into plain Go, so that rules can walk it
// as often as they like without crossing cgo. Type() and Field() are tree-sitter's names.
// Operator tokens (the anonymous "operator" field of binary_operator, unary_operator and
// dot) are kept as children with Named() false; all other anonymous tokens are dropped.
//
// A tree's nodes live in one array in pre-order, so a node's subtree is the run of nodes
// that starts with it. Nodes are linked by offsets within that array, not by pointers: a
// tree holds a node per 3-4 source bytes, and a batch check keeps every file's tree until
// its rules have run, so pointer-free nodes (20 bytes, none for the garbage collector to
// scan) halve the memory a tree takes and leave the collector nothing to trace in it.
// Nodes must therefore stay in their array: a copy of a Node would read its neighbours in
// whatever memory follows the copy. Nodes are only ever handed out as *Node, and go vet
// reports a copy (noCopy).
type Node struct {
	_ noCopy
	// start and end are the node's byte offsets in the text, 32 bits (no text over 2 GB
	// is parsed: max_file_size is at most 16 MB). With a one-byte field id and the flags
	// in one byte, a node takes 20 bytes: a syntax tree is the largest thing a run holds.
	start int32
	end   int32
	// up is how many nodes back the parent lies in the array (0: none, the root);
	// size is the number of nodes in the subtree, the node itself included (0 counts as 1,
	// so that a zero Node is a lone leaf).
	up   int32
	size int32
	// sym and field are the grammar's symbol and field ids (field 0: none).
	sym   uint16
	field uint8
	flags uint8 // flagNamed, flagMissing
}

// noCopy makes go vet's copylocks check report a Node copied by value (assigned, passed,
// returned or ranged over). It takes no space, first in the struct, so the layout the C
// walk writes is unchanged.
type noCopy struct{}

func (*noCopy) Lock()   {}
func (*noCopy) Unlock() {}

const (
	flagNamed   = 1 << iota // a named node; anonymous ones are operator tokens
	flagMissing             // a token tree-sitter inserted (a forgotten `end`)
)

// nodeFlags packs a node's flags.
func nodeFlags(named, missing bool) uint8 {
	var f uint8
	if named {
		f |= flagNamed
	}
	if missing {
		f |= flagMissing
	}
	return f
}

// Named reports a named node of the grammar (an anonymous one is an operator token).
func (n *Node) Named() bool { return n.flags&flagNamed != 0 }

// Missing reports a token tree-sitter inserted where the text lacks it.
func (n *Node) Missing() bool { return n.flags&flagMissing != 0 }

// Start is the byte offset in the text where the node begins.
func (n *Node) Start() int { return int(n.start) }

// End is the byte offset in the text just past the node.
func (n *Node) End() int { return int(n.end) }

// nodeSize is the distance between neighbouring nodes in a tree's array.
const nodeSize = int(unsafe.Sizeof(Node{}))

// at returns the node i places after n (before, for negative i) in n's array.
func (n *Node) at(i int) *Node { return (*Node)(unsafe.Add(unsafe.Pointer(n), i*nodeSize)) }

// subtreeLen is the number of nodes in n's subtree, n included.
func (n *Node) subtreeLen() int { return max(int(n.size), 1) }

// Parent returns the node's parent, nil for the root.
func (n *Node) Parent() *Node {
	if n.up == 0 {
		return nil
	}
	return n.at(-int(n.up))
}

// FirstChild returns the node's first child, or nil.
func (n *Node) FirstChild() *Node {
	if n.size > 1 {
		return n.at(1)
	}
	return nil
}

// NextSibling returns the child of n's parent that follows n, or nil.
func (n *Node) NextSibling() *Node {
	// The sibling, if any, starts right after n's subtree, inside the parent's.
	next := n.subtreeLen()
	if n.up == 0 || int(n.up)+next >= n.at(-int(n.up)).subtreeLen() {
		return nil
	}
	return n.at(next)
}

// Children returns an iterator over the node's children in source order.
func (n *Node) Children() iter.Seq[*Node] {
	return func(yield func(*Node) bool) {
		for i := 1; i < int(n.size); {
			c := n.at(i)
			if !yield(c) {
				return
			}
			i += c.subtreeLen()
		}
	}
}

// ChildCount is the number of the node's children.
func (n *Node) ChildCount() int {
	count := 0
	for i := 1; i < int(n.size); i += n.at(i).subtreeLen() { // as in Child
		count++
	}
	return count
}

// Subtree iterates over n and its descendants in source order (pre-order, n first), the
// contiguous run of its tree's array they occupy: a loop over it visits what n.Walk
// would, as pointers into the array.
func (n *Node) Subtree() iter.Seq[*Node] {
	return func(yield func(*Node) bool) {
		for i, end := 0, n.subtreeLen(); i < end; i++ {
			if !yield(n.at(i)) {
				return
			}
		}
	}
}

// OfType yields the nodes of n's subtree (n included) whose Type is typ, in source order.
// It is Subtree filtered by type, with the type compared as a symbol id: scanning a large
// body costs a few instructions a node, where Walk calls its function for each.
func (n *Node) OfType(typ string) iter.Seq[*Node] {
	ids := symbolIDs[typ]
	if typ == "ERROR" {
		ids = append(ids[:len(ids):len(ids)], byte(errorSymbol))
	}
	return func(yield func(*Node) bool) {
		if len(ids) == 0 {
			return
		}
		for i, end := 0, n.subtreeLen(); i < end; i++ {
			c := n.at(i)
			if s := byte(c.symbol()); s == ids[0] || len(ids) > 1 && bytes.IndexByte(ids[1:], s) >= 0 {
				if !yield(c) {
					return
				}
			}
		}
	}
}

// SubtreeLen is the number of nodes Subtree visits: n and its descendants.
func (n *Node) SubtreeLen() int { return n.subtreeLen() }

// Type is the node's grammar name: "call", "identifier"... for named nodes, the token
// ("|>", "when", "not in") for operators, "ERROR" for a syntax error.
func (n *Node) Type() string {
	if s := n.symbol(); s != errorSymbol {
		return symbolNames[s]
	}
	return "ERROR"
}

// errorSymbol stands for tree-sitter's ERROR symbol, which lies past the grammar's own.
var errorSymbol = len(symbolNames)

// symbol is the node's symbol id, errorSymbol for an ERROR node.
func (n *Node) symbol() int { return min(int(n.sym), errorSymbol) }

// isSyntaxError reports an ERROR node or a MISSING token: the file does not parse
// cleanly there.
func (n *Node) isSyntaxError() bool { return n.symbol() == errorSymbol || n.Missing() }

// isComment reports a comment node.
func (n *Node) isComment() bool { return n.sym == commentSymbol }

// Field is the field name the node has in its parent ("target", "left"...), or "".
func (n *Node) Field() string { return fieldName(n.field) }

// Len is the node's size in bytes.
func (n *Node) Len() int { return n.End() - n.Start() }

// Child returns the first child carrying field name f ("" for the first child without a
// field), or nil.
func (n *Node) Child(f string) *Node {
	// The loop of Children spelled out: Child is the hottest lookup there is, and this
	// way it stays small enough for the compiler to inline.
	for i := 1; i < int(n.size); {
		c := n.at(i)
		if fieldName(c.field) == f {
			return c
		}
		i += c.subtreeLen()
	}
	return nil
}

// ChildOfType returns the first child of type t, or nil.
func (n *Node) ChildOfType(t string) *Node {
	for i := 1; i < int(n.size); {
		c := n.at(i)
		if c.Type() == t {
			return c
		}
		i += c.subtreeLen()
	}
	return nil
}

// NamedChildren returns the children that are named nodes (operator tokens left out).
func (n *Node) NamedChildren() []*Node { return n.AppendNamedChildren(nil) }

// AppendNamedChildren appends the node's named children to dst, for callers that cut
// many lists from one buffer.
func (n *Node) AppendNamedChildren(dst []*Node) []*Node {
	for i := 1; i < int(n.size); { // as in Child: read for every call of every file
		c := n.at(i)
		if c.Named() {
			dst = append(dst, c)
		}
		i += c.subtreeLen()
	}
	return dst
}

// Walk calls fn for n and its descendants in source order; fn returning false skips the
// node's children. The subtree is a run of the array: no stack, no recursion.
func (n *Node) Walk(fn func(*Node) bool) {
	for i, end := 0, n.subtreeLen(); i < end; {
		c := n.at(i)
		if fn(c) {
			i++
		} else {
			i += c.subtreeLen()
		}
	}
}

// Contains reports whether m lies inside n (or is n): whether m is in n's run of the array.
func (n *Node) Contains(m *Node) bool {
	d := uintptr(unsafe.Pointer(m)) - uintptr(unsafe.Pointer(n)) // wraps around when m is before n
	return m != nil && d < uintptr(n.subtreeLen()*nodeSize)
}

// grammar holds the language and its symbol and field names, looked up once.
var grammar = sync.OnceValue(func() *grammarInfo {
	lang := elixir.GetLanguage()
	g := &grammarInfo{lang: lang}
	n := lang.SymbolCount()
	g.symbols = make([]string, n)
	g.maybeField = make([]uint8, n)
	g.named = make([]uint8, n)
	g.idsByName = make(map[string][]byte, n)
	for i := uint32(0); i < n; i++ {
		name := lang.SymbolName(sitter.Symbol(i))
		g.symbols[i] = name
		g.idsByName[name] = append(g.idsByName[name], byte(i))
		// Punctuation never carries a field we read; operators (incl. word operators
		// such as `when`, `and`, `in`) do.
		regular := lang.SymbolType(sitter.Symbol(i)) == sitter.SymbolTypeRegular
		if regular {
			g.named[i] = 1
		}
		if regular || !punctuation[name] {
			g.maybeField[i] = 1
		}
	}
	for i := 1; ; i++ {
		name := lang.FieldName(i)
		if name == "" {
			break
		}
		g.fields = append(g.fields, name)
	}
	if len(g.fields) > math.MaxUint8 {
		panic("the grammar has more fields than a node's one-byte field id holds")
	}
	return g
})

// symbolNames are the grammar's symbol names by id, read by Node.Type for every node;
// fieldNames[i-1] is field i's name, read by Node.Child as often. Package variables
// spare these hot paths a call through the grammar's sync.OnceValue.
var (
	symbolNames   = grammar().symbols
	symbolIDs     = grammar().idsByName
	fieldNames    = grammar().fields
	commentSymbol = grammar().symbolID("comment") // every file's nodes are scanned for it
)

// fieldName is the name of field id f, "" for none.
func fieldName(f uint8) string {
	if f == 0 || int(f) > len(fieldNames) {
		return ""
	}
	return fieldNames[f-1]
}

// fieldID is the id of the field called name (0: none).
func (g *grammarInfo) fieldID(name string) uint8 {
	if name == "" {
		return 0
	}
	for i, f := range g.fields {
		if f == name {
			return uint8(i + 1)
		}
	}
	return 0
}

type grammarInfo struct {
	lang       *sitter.Language
	maybeField []uint8
	named      []uint8 // named[sym] is 1 for named nodes' symbols
	symbols    []string
	fields     []string // fields[i-1] is field id i
	// idsByName are the ids of the symbols of each name (a few names have several: an
	// anonymous `do` and the named keyword), as File.NodesOfType looks them up for
	// every request.
	idsByName map[string][]byte
}

// symbolID is the id of the named symbol called name (0, the end symbol, if none).
func (g *grammarInfo) symbolID(name string) uint16 {
	for i, s := range g.symbols {
		if s == name && g.named[i] == 1 {
			return uint16(i)
		}
	}
	return 0
}

// buildAST copies the nodes flatten made in C memory into one Go array (pre-order, root
// first). Building from the flat array is cheap next to parsing; what is expensive per form
// (its summary) is cached by the index, keyed by the form's text.
func buildAST(flat []Node, text string) (root *Node, all []Node) {
	if len(flat) == 0 {
		all = []Node{{sym: grammar().symbolID("source"), flags: flagNamed, end: int32(len(text))}}
		return &all[0], all
	}
	// One allocation for the whole tree. append rather than make and copy: Go clears
	// new memory for make, but append of pointer-free elements writes it only once.
	all = append([]Node(nil), flat...)
	return &all[0], all
}

// collectForms lists the top-level forms under root (see IsForm).
func collectForms(root *Node, text string) (forms []*Node) {
	root.Walk(func(n *Node) bool {
		if IsForm(n, text) {
			forms = append(forms, n)
		}
		return n.Type() == "source" || n.Type() == "do_block" || n.Type() == "call" && isDefmodule(n, text)
	})
	return forms
}

func isDefmodule(n *Node, text string) bool {
	return CallName(n, text) == "defmodule"
}

// isFormParent reports whether n's children are top-level forms: the file itself, or the
// do block of a defmodule (so each def, attribute, use and alias is a form).
func isFormParent(n *Node, text string) bool {
	switch n.Type() {
	case "source":
		return true
	case "do_block":
		call := n.Parent()
		if call == nil || call.Type() != "call" {
			return false
		}
		t := call.Child("target")
		return t != nil && t.Type() == "identifier" && text[t.Start():t.End()] == "defmodule"
	}
	return false
}

// IsForm reports whether n is a top-level form: a child of the file or of a module's do
// block that is not itself a defmodule (each def, attribute, use, alias, comment...).
func IsForm(n *Node, text string) bool {
	p := n.Parent()
	return p != nil && n.Named() && isFormParent(p, text) && !isDefmodule(n, text)
}

// CallName returns the name a call node invokes: "def" for `def f`, "GenServer.call" for a
// remote call, "state.x" style field access returns "" (no arguments). Empty when n is not a call.
func CallName(n *Node, text string) string {
	if n == nil || n.Type() != "call" {
		return ""
	}
	t := n.Child("target")
	if t == nil {
		return ""
	}
	return strings.TrimSpace(text[t.Start():t.End()])
}
