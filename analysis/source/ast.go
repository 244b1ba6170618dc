package source

import (
	"strings"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/elixir"
)

// Node is a syntax node copied out of tree-sitter into plain Go, so that rules can walk it
// as often as they like without crossing cgo. Type and Field() are tree-sitter's names.
// Operator tokens (the anonymous "operator" field of binary_operator, unary_operator and
// dot) are kept as children with Named false; all other anonymous tokens are dropped.
type Node struct {
	Type     string
	Start    int
	End      int
	Children []*Node
	Parent   *Node
	// field is the grammar's field id (0: none). A tree holds a node per 3-4 source
	// bytes, so the id instead of the name's string header keeps every node 16 bytes
	// smaller and gives the collector one pointer less to scan.
	field   uint16
	Named   bool
	Missing bool
}

// Field is the field name the node has in its parent ("target", "left"...), or "".
func (n *Node) Field() string { return grammar().field(n.field) }

// Len is the node's size in bytes.
func (n *Node) Len() int { return n.End - n.Start }

// Child returns the first child carrying field name f, or nil.
func (n *Node) Child(f string) *Node {
	fields := grammar().fields
	for _, c := range n.Children {
		if c.field != 0 && int(c.field) <= len(fields) && fields[c.field-1] == f {
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

type grammarInfo struct {
	lang       *sitter.Language
	maybeField []uint8
	named      []uint8 // named[sym] is 1 for named nodes' symbols
	symbols    []string
	fields     []string // fields[i-1] is field id i
}

func (g *grammarInfo) symbol(s uint16) string {
	if int(s) < len(g.symbols) {
		return g.symbols[s]
	}
	return "ERROR"
}

func (g *grammarInfo) field(f uint16) string {
	if f == 0 || int(f) > len(g.fields) {
		return ""
	}
	return g.fields[f-1]
}

// buildAST turns flat records into a Node tree, all in one array (pre-order, root first).
// Building from the flat array is plain Go work, cheap next to parsing; what is expensive
// per form (its summary) is cached by the index, keyed by the form's text.
func buildAST(recs []flatRecord, text string) (root *Node, all []Node) {
	if len(recs) == 0 {
		all = []Node{{Type: "source", Named: true, End: len(text)}}
		return &all[0], all
	}
	g := grammar()
	pool := make([]Node, len(recs)) // one allocation for the whole tree
	parents := make([]int32, len(recs))
	for i, r := range recs {
		pool[i] = Node{
			Type:    g.symbol(r.Symbol),
			field:   r.Field,
			Start:   int(r.Start),
			End:     int(r.End),
			Named:   r.Named,
			Missing: r.Missing,
		}
		if !r.Named && !r.Missing {
			// Operator tokens are typed by their own text, which is their symbol's name
			// but for spaced word operators (`not   in`).
			if op := text[r.Start:r.End]; op != pool[i].Type {
				pool[i].Type = operatorType(op)
			}
		}
		parents[i] = r.Parent
	}
	link(pool, parents)
	return &pool[0], pool
}

// link sets the Parent and Children of nodes laid out in pre-order, given each node's
// parent index (-1 for the root). Children slices are cut from one slab, sized by a first
// pass, instead of grown.
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
		return n.Type == "source" || n.Type == "do_block" || n.Type == "call" && isDefmodule(n, text)
	})
	return forms
}

// operatorTypes interns operator token texts, so that nodes do not keep the text of the
// version they were parsed from alive (nodes outlive their text when forms are reused).
var operatorTypes sync.Map

func operatorType(op string) string {
	if v, ok := operatorTypes.Load(op); ok {
		return v.(string)
	}
	if len(op) > 16 {
		return strings.Clone(op) // `not    in` and the like: rare, not worth keeping
	}
	v, _ := operatorTypes.LoadOrStore(strings.Clone(op), strings.Clone(op))
	return v.(string)
}

func isDefmodule(n *Node, text string) bool {
	return CallName(n, text) == "defmodule"
}

// isFormParent reports whether n's children are top-level forms: the file itself, or the
// do block of a defmodule (so each def, attribute, use and alias is a form).
func isFormParent(n *Node, text string) bool {
	switch n.Type {
	case "source":
		return true
	case "do_block":
		call := n.Parent
		if call == nil || call.Type != "call" {
			return false
		}
		t := call.Child("target")
		return t != nil && t.Type == "identifier" && text[t.Start:t.End] == "defmodule"
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
	if n == nil || n.Type != "call" {
		return ""
	}
	t := n.Child("target")
	if t == nil {
		return ""
	}
	return strings.TrimSpace(text[t.Start:t.End])
}
