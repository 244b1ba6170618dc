package source

import (
	"strings"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/elixir"
)

// Node is a syntax node copied out of tree-sitter into plain Go, so that rules can walk it
// as often as they like without crossing cgo. Type() and Field() are tree-sitter's names.
// Operator tokens (the anonymous "operator" field of binary_operator, unary_operator and
// dot) are kept as children with Named false; all other anonymous tokens are dropped.
type Node struct {
	Start    int
	End      int
	Children []*Node
	Parent   *Node
	// sym and field are the grammar's symbol and field ids (field 0: none). A tree holds a
	// node per 3-4 source bytes, so ids instead of name strings keep every node at 56
	// bytes with two pointers for the collector to scan.
	sym     uint16
	field   uint16
	Named   bool
	Missing bool
}

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
func (n *Node) isSyntaxError() bool { return n.symbol() == errorSymbol || n.Missing }

// isComment reports a comment node.
func (n *Node) isComment() bool { return n.sym == commentSymbol }

// Field is the field name the node has in its parent ("target", "left"...), or "".
func (n *Node) Field() string { return fieldName(n.field) }

// Len is the node's size in bytes.
func (n *Node) Len() int { return n.End - n.Start }

// Child returns the first child carrying field name f ("" for the first child without a
// field), or nil.
func (n *Node) Child(f string) *Node {
	for _, c := range n.Children {
		if fieldName(c.field) == f {
			return c
		}
	}
	return nil
}

// NamedChildren returns the children that are named nodes (operator tokens left out).
func (n *Node) NamedChildren() []*Node {
	for _, c := range n.Children {
		if !c.Named {
			out := make([]*Node, 0, len(n.Children))
			for _, c := range n.Children {
				if c.Named {
					out = append(out, c)
				}
			}
			return out
		}
	}
	return n.Children
}

// Walk calls fn for n and its descendants in source order; fn returning false skips the
// node's children. It is iterative so that deeply nested input cannot overflow the stack.
func (n *Node) Walk(fn func(*Node) bool) {
	stack := make([]*Node, 1, 64) // deep enough for most forms without regrowing
	stack[0] = n
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !fn(cur) {
			continue
		}
		for i := len(cur.Children) - 1; i >= 0; i-- {
			stack = append(stack, cur.Children[i])
		}
	}
}

// Contains reports whether m lies inside n (or is n).
func (n *Node) Contains(m *Node) bool {
	for ; m != nil; m = m.Parent {
		if m == n {
			return true
		}
	}
	return false
}

// grammar holds the language and its symbol and field names, looked up once.
var grammar = sync.OnceValue(func() *grammarInfo {
	lang := elixir.GetLanguage()
	g := &grammarInfo{lang: lang}
	n := lang.SymbolCount()
	g.symbols = make([]string, n)
	g.maybeField = make([]uint8, n)
	g.named = make([]uint8, n)
	for i := uint32(0); i < n; i++ {
		name := lang.SymbolName(sitter.Symbol(i))
		g.symbols[i] = name
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
	return g
})

// symbolNames are the grammar's symbol names by id, read by Node.Type for every node;
// fieldNames[i-1] is field i's name, read by Node.Child as often. Package variables
// spare these hot paths a call through the grammar's sync.OnceValue.
var (
	symbolNames   = grammar().symbols
	fieldNames    = grammar().fields
	commentSymbol = grammar().symbolID("comment") // every file's nodes are scanned for it
)

// fieldName is the name of field id f, "" for none.
func fieldName(f uint16) string {
	if f == 0 || int(f) > len(fieldNames) {
		return ""
	}
	return fieldNames[f-1]
}

type grammarInfo struct {
	lang       *sitter.Language
	maybeField []uint8
	named      []uint8 // named[sym] is 1 for named nodes' symbols
	symbols    []string
	fields     []string // fields[i-1] is field id i
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

// buildAST turns flat records into a Node tree, all in one array (pre-order, root first).
// Building from the flat array is plain Go work, cheap next to parsing; what is expensive
// per form (its summary) is cached by the index, keyed by the form's text.
func buildAST(recs []flatRecord, text string) (root *Node, all []Node) {
	if len(recs) == 0 {
		all = []Node{{sym: grammar().symbolID("source"), Named: true, End: len(text)}}
		return &all[0], all
	}
	pool := make([]Node, len(recs))  // one allocation for the whole tree
	slab := make([]*Node, len(recs)) // every Children slice is cut from it
	next := 0
	for i := range recs {
		r := &recs[i]
		// An operator token is typed by its symbol, whose name is its text (spaced word
		// operators such as `not   in` included: their type is "not in"). The pool is
		// zeroed: only what is not zero is written.
		n := &pool[i]
		n.sym, n.field = r.Symbol, r.Field
		n.Start, n.End = int(r.Start), int(r.End)
		n.Named, n.Missing = r.Named, r.Missing
		if r.Children > 0 {
			n.Children = slab[next : next : next+int(r.Children)]
			next += int(r.Children)
		}
		// Pre-order: the parent came earlier and has its Children slice already.
		if p := r.Parent; p >= 0 {
			n.Parent = &pool[p]
			n.Parent.Children = append(n.Parent.Children, n)
		}
	}
	return &pool[0], pool
}

// link sets the Parent and Children of nodes laid out in pre-order, given each node's
// parent index (-1 for the root), as buildAST does from the records' child counts.
// Children slices are cut from one slab, sized by a first pass, instead of grown.
func link(pool []Node, parents []int32) {
	counts := make([]int32, len(pool))
	for _, p := range parents {
		if p >= 0 {
			counts[p]++
		}
	}
	slab := make([]*Node, len(pool))
	next := 0
	for i, c := range counts {
		pool[i].Children = slab[next : next : next+int(c)]
		next += int(c)
	}
	for i, p := range parents {
		n := &pool[i]
		n.Parent = nil
		if p >= 0 && int(p) < i {
			n.Parent = &pool[p]
			n.Parent.Children = append(n.Parent.Children, n)
		}
	}
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
		call := n.Parent
		if call == nil || call.Type() != "call" {
			return false
		}
		t := call.Child("target")
		return t != nil && t.Type() == "identifier" && text[t.Start:t.End] == "defmodule"
	}
	return false
}

// IsForm reports whether n is a top-level form: a child of the file or of a module's do
// block that is not itself a defmodule (each def, attribute, use, alias, comment...).
func IsForm(n *Node, text string) bool {
	return n.Parent != nil && n.Named && isFormParent(n.Parent, text) && !isDefmodule(n, text)
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
	return strings.TrimSpace(text[t.Start:t.End])
}
