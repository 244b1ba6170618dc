// Package elixir reads Elixir constructs out of a syntax tree: calls and their resolved
// modules, function definitions, the tail expressions of a body, and literal values. Rules
// and the index share it so that every part of otpls understands the code the same way.
package elixir

import (
	"iter"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/otpls/otpls/analysis/source"
)

// Call is a call expression: `f(a)`, `M.f(a)`, `:erl.f(a)`, `a |> M.f(b)`, `def f do ... end`.
type Call struct {
	Node *source.Node
	// Module is the receiver as written ("GenServer", ":ets", "__MODULE__", "Foo.Bar", a
	// variable name for `var.f()`); empty for a local call.
	Module string
	Name   string
	// Args are the arguments, with the piped-in left side of `|>` first; trailing keywords
	// count as one argument. The do/else blocks are not arguments (see DoBlock).
	Args []*source.Node
	// The call's other parts (its name's node, its argument list, whether it is piped
	// into) are methods, found from Node when asked for: a file's calls are held for as
	// long as its tree, and each field kept here would cost eight bytes a call.
}

// Piped reports whether the call is the right side of `|>`, its first argument the
// pipe's left side: the one argument written before the call itself (every other lies
// inside the call's node).
func (c *Call) Piped() bool { return len(c.Args) > 0 && c.Args[0].Start() < c.Node.Start() }

// ModuleNode is the receiver node, nil for a local call.
func (c *Call) ModuleNode() *source.Node {
	if t := c.Node.Child("target"); t != nil && t.Type() == "dot" {
		return t.Child("left")
	}
	return nil
}

// NameNode is the called function's name.
func (c *Call) NameNode() *source.Node {
	t := c.Node.Child("target")
	if t != nil && t.Type() == "dot" {
		return t.Child("right")
	}
	return t
}

// ArgList is the arguments node (the parenthesised or bare list), nil when there is none.
func (c *Call) ArgList() *source.Node { return c.Node.ChildOfType("arguments") }

// DoBlock is the call's do block, nil when it has none.
func (c *Call) DoBlock() *source.Node { return c.Node.ChildOfType("do_block") }

// Arity counts the arguments, a piped-in one included.
func (c Call) Arity() int { return len(c.Args) }

// ID is the called function's "name/arity" (the module left out).
func (c Call) ID() string { return FuncID(c.Name, c.Arity()) }

// FuncID formats "name/arity", the key functions go by in Elixir and in otpls.
func FuncID(name string, arity int) string { return name + "/" + strconv.Itoa(arity) }

// Qualified is "Module.name" or "name" for local calls.
func (c Call) Qualified() string {
	if c.Module == "" {
		return c.Name
	}
	return c.Module + "." + c.Name
}

// AsCall reads n as a call. Field access without parentheses (`state.count`) is not a call.
// n must be a node of f: the call is looked up among the file's Calls, which are read
// once per file version, their arguments cut from one buffer. The call returned is the
// file's own (a hundred bytes, read tens of thousands of times a run): do not modify it.
func AsCall(f *source.File, n *source.Node) (*Call, bool) {
	if n == nil || n.Type() != "call" {
		return nil, false
	}
	t := callTableOf(f)
	if i, ok := t.index(f, n); ok {
		return &t.calls[i], true
	}
	return nil, false
}

// index is the index in calls of the call n, a node of f, is.
func (t *callTable) index(f *source.File, n *source.Node) (int, bool) {
	i := f.NodeIndex(n)
	if i < 0 || i>>callBlockBits+1 >= len(t.blocks) {
		return 0, false
	}
	for k := t.blocks[i>>callBlockBits]; k < t.blocks[i>>callBlockBits+1]; k++ {
		if t.nodes[k] >= int32(i) {
			return int(k), t.nodes[k] == int32(i)
		}
	}
	return 0, false
}

// callBlockBits sets the size of the node blocks a call table indexes (32 nodes): a call
// has a target below it, so a block holds at most 16 calls, a few in practice.
const callBlockBits = 5

// finish indexes the table's calls by block of the file's nodes, once every call is in.
func (t *callTable) finish(f *source.File) *callTable {
	blocks := f.NodeCount()>>callBlockBits + 2
	t.blocks = make([]int32, blocks)
	k := 0
	for b := range blocks {
		for k < len(t.nodes) && int(t.nodes[k]) < b<<callBlockBits {
			k++
		}
		t.blocks[b] = int32(k)
	}
	return t
}

// add appends c, the call after the table's last in f's node order.
func (t *callTable) add(f *source.File, c Call) {
	t.calls = append(t.calls, c)
	t.nodes = append(t.nodes, int32(f.NodeIndex(c.Node)))
}

// readCall reads n as a call, appending its arguments to *args, of which Args is then a
// slice: Calls reads every call of a file into one buffer instead of a slice per call.
func readCall(f *source.File, n *source.Node, args *[]*source.Node) (Call, bool) {
	if n == nil || n.Type() != "call" {
		return Call{}, false
	}
	c := Call{Node: n}
	target := n.Child("target")
	if target == nil {
		return Call{}, false
	}
	switch target.Type() {
	case "identifier":
		c.Name = f.Slice(target)
	case "dot":
		left, right := target.Child("left"), target.Child("right")
		if left == nil || right == nil {
			return Call{}, false
		}
		c.Module, c.Name = ModuleName(f, left), f.Slice(right)
	default:
		return Call{}, false
	}
	from := len(*args)
	if p := n.Parent(); p != nil && p.Type() == "binary_operator" && p.Child("right") == n && Operator(p) == "|>" {
		if left := p.Child("left"); left != nil {
			*args = append(*args, left) // first: Piped reads it so
		}
	}
	argList, doBlock := false, false
	// Sibling steps rather than Children's iterators: every call node of every file is
	// read here, twice in check (for the summary, then the rules).
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch.Type() {
		case "arguments":
			argList = true
			for a := ch.FirstChild(); a != nil; a = a.NextSibling() {
				if a.Named() && a.Type() != "comment" { // a comment between arguments is none
					*args = append(*args, a)
				}
			}
		case "do_block":
			doBlock = true
		}
	}
	if !argList && !doBlock && target.Type() == "dot" {
		*args = (*args)[:from]
		return Call{}, false // state.field
	}
	if to := len(*args); to > from {
		c.Args = (*args)[from:to:to] // capped: an append by a caller cannot reach the next call's
	}
	return c, true
}

// Calls returns every call of f in source order (each call node AsCall reads). The index
// and the rules both read them; they are read once per file version and shared: do not
// modify the slice.
func Calls(f *source.File) []Call { return callTableOf(f).calls }

// callTable is a file's calls, found by node: AsCall runs tens of thousands of times per
// batch and on every keystroke. A slot for every node of the file would cost four bytes
// a node, for every file a run holds, and a binary search of the calls was a sixteenth of
// a keystroke's work; the calls are found by block of 32 nodes instead (blocks[b] is the
// first call at node 32b or after), among the few calls of the node's block.
type callTable struct {
	calls  []Call
	nodes  []int32 // nodes[i] is the index in the file's nodes of calls[i]: ascending
	blocks []int32
}

func callTableOf(f *source.File) *callTable {
	return f.Derived(callsKey, func() any {
		count := f.CountOfType("call")
		t := &callTable{calls: make([]Call, 0, count), nodes: make([]int32, 0, count)}
		args := make([]*source.Node, 0, 2*count) // calls average under two arguments
		// OfType, not NodesOfType: a list read once is not worth making.
		for n := range f.OfType("call") {
			if c, ok := readCall(f, n, &args); ok {
				t.add(f, c)
			}
		}
		return t.finish(f)
	}).(*callTable)
}

var callsKey = source.NewCarriedKey(carryCalls)

// CallsIn returns the calls of f that lie inside n, n itself included: a subslice of
// Calls.
func CallsIn(f *source.File, n *source.Node) []Call { return Within(Calls(f), n) }

// CallAt returns the call node of f spanning exactly [start, end), or nil: where a fact
// of the index (which keeps spans, not nodes) was written. Nil also when the index saw
// another version of the file.
func CallAt(f *source.File, start, end int) *source.Node {
	calls := Calls(f)
	for i := sort.Search(len(calls), func(i int) bool { return calls[i].Node.Start() >= start }); i < len(calls) && calls[i].Node.Start() == start; i++ {
		if calls[i].Node.End() == end {
			return calls[i].Node
		}
	}
	return nil
}

// Within returns the calls of a file's Calls that lie inside n, found by position since
// calls are in source order.
func Within(calls []Call, n *source.Node) []Call {
	return source.Within(calls, func(c *Call) int { return c.Node.Start() }, n)
}

// ModuleName is the module name n spells, its whitespace dropped: a name may be written
// across lines (`Foo.\n  Bar` is Foo.Bar).
func ModuleName(f *source.File, n *source.Node) string { return withoutSpace(f.Slice(n)) }

// withoutSpace drops the whitespace of s; names have none almost always, and then cost no
// copy.
func withoutSpace(s string) string {
	// A byte loop: names are short, and IndexAny's set-building costs more than it saves.
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
			return strings.Join(strings.Fields(s), "")
		}
	}
	return s
}

// Operator returns the operator token of a binary_operator, unary_operator or dot node.
func Operator(n *source.Node) string {
	if op := n.Child("operator"); op != nil {
		return op.Type()
	}
	return ""
}

// Unwrap skips the `@` of an attribute and parentheses blocks with a single expression.
func Unwrap(n *source.Node) *source.Node {
	for n != nil && n.Type() == "block" && len(n.NamedChildren()) == 1 {
		n = n.NamedChildren()[0]
	}
	return n
}

// Attribute reads `@name value` and returns name and value (value nil for a read `@name`).
func Attribute(f *source.File, n *source.Node) (name string, value *source.Node, ok bool) {
	if n == nil || n.Type() != "unary_operator" || Operator(n) != "@" {
		return "", nil, false
	}
	operand := n.Child("operand")
	if operand == nil {
		return "", nil, false
	}
	if operand.Type() == "identifier" {
		return f.Slice(operand), nil, true
	}
	c, ok := AsCall(f, operand)
	if !ok || c.Module != "" {
		return "", nil, false
	}
	if len(c.Args) == 1 {
		value = c.Args[0]
	}
	return c.Name, value, true
}

// Def is a function or macro definition clause.
type Def struct {
	Node     *source.Node
	Kind     string // def, defp, defmacro, defmacrop
	Name     string
	NameNode *source.Node
	Head     *source.Node // the `name(params)` node
	Params   []*source.Node
	Guard    *source.Node
	// Body is the do_block, or the value of a `do:` keyword; nil for a bodiless head.
	Body *source.Node
	id   string // "name/arity", made once per clause: the index and the rules key by it
}

// Arity is the number of parameters (default arguments counted).
func (d Def) Arity() int { return len(d.Params) }

// Receive reports whether c is a `receive`, and whether it has an `after` clause (held in
// its do block): one that waits at most that long.
func Receive(c *Call) (receive, after bool) {
	if c.Module != "" || c.Name != "receive" || c.DoBlock() == nil {
		return false, false
	}
	for ch := range c.DoBlock().Children() {
		if ch.Type() == "after_block" {
			return true, true
		}
	}
	return true, false
}

// ID is the clause's function as "name/arity".
func (d Def) ID() string {
	if d.id == "" {
		return FuncID(d.Name, d.Arity())
	}
	return d.id
}

// Public reports def/defmacro.
func (d Def) Public() bool { return d.Kind == "def" || d.Kind == "defmacro" }

// AsDef reads n as a def/defp/defmacro/defmacrop clause. n must be a node of f: clauses
// are read once per file version (the index and several rules ask for the same ones).
func AsDef(f *source.File, n *source.Node) (Def, bool) {
	if n == nil || n.Type() != "call" {
		return Def{}, false
	}
	if i, ok := callTableOf(f).index(f, n); ok {
		if t := defTableOf(f); t.at[i] > 0 {
			return t.defs[t.at[i]-1], true
		}
	}
	return Def{}, false
}

// defTable is a file's def clauses, found by call index: at[i]-1 is the index in defs of
// the clause that call i is; 0: not a clause.
type defTable struct {
	defs []Def
	at   []int32
}

var defsKey = source.NewCarriedKey(carryDefs)

func defTableOf(f *source.File) *defTable {
	return f.Derived(defsKey, func() any {
		calls := Calls(f)
		n := 0
		for i := range calls {
			if definesFunction(&calls[i]) {
				n++
			}
		}
		t := &defTable{defs: make([]Def, 0, n), at: make([]int32, len(calls))}
		for i := range calls {
			var prev *Def
			if k := len(t.defs); k > 0 {
				prev = &t.defs[k-1]
			}
			if d, ok := readDef(f, &calls[i], prev); ok {
				t.defs = append(t.defs, d)
				t.at[i] = int32(len(t.defs))
			}
		}
		return t
	}).(*defTable)
}

// definesFunction reports whether c is a def, defp, defmacro or defmacrop call.
func definesFunction(c *Call) bool {
	switch c.Name {
	case "def", "defp", "defmacro", "defmacrop":
		return c.Module == ""
	}
	return false
}

// readDef reads call c as a def clause. prev, when not nil, is the clause read just
// before it: a function's clauses, most often written one after another, then share one
// id instead of each making its own.
func readDef(f *source.File, c *Call, prev *Def) (Def, bool) {
	if !definesFunction(c) {
		return Def{}, false
	}
	d := Def{Node: c.Node, Kind: c.Name, Body: c.DoBlock()}
	if len(c.Args) == 0 {
		return Def{}, false
	}
	head := c.Args[0]
	if head.Type() == "binary_operator" && Operator(head) == "when" {
		d.Guard = head.Child("right")
		head = head.Child("left")
	}
	if head == nil {
		return Def{}, false
	}
	d.Head = head
	switch head.Type() {
	case "identifier":
		d.Name, d.NameNode = f.Slice(head), head
	case "call":
		hc, ok := AsCall(f, head)
		if !ok || hc.Module != "" {
			return Def{}, false
		}
		d.Name, d.NameNode = hc.Name, hc.NameNode()
		d.Params = hc.Args // a head is never piped into: its arguments are its parameters
	default:
		return Def{}, false
	}
	if d.Body == nil && len(c.Args) > 1 {
		if v := KeywordValue(f, c.Args[len(c.Args)-1], "do"); v != nil {
			d.Body = v
		}
	}
	if prev != nil && prev.Name == d.Name && prev.Arity() == d.Arity() {
		d.id = prev.id
	} else {
		d.id = FuncID(d.Name, d.Arity())
	}
	return d, true
}

// Exprs returns the expressions of a body: the children of a do_block or stab body, or
// the node itself for a single expression.
func Exprs(body *source.Node) []*source.Node {
	if body == nil {
		return nil
	}
	if !holdsExprs(body) {
		return []*source.Node{body}
	}
	var out []*source.Node
	for c := range body.Children() {
		if isBodyExpr(c) {
			out = append(out, c)
		}
	}
	return out
}

// holdsExprs reports whether body is a block whose children are its expressions (a
// do_block or stab body), rather than a single expression.
func holdsExprs(body *source.Node) bool {
	switch body.Type() {
	case "do_block", "body", "else_block", "after_block", "rescue_block", "catch_block":
		return true
	}
	return false
}

// lastExpr is the last of Exprs(body), without the list: Tails asks for it of every
// block of every callback on each keystroke.
func lastExpr(body *source.Node) *source.Node {
	if !holdsExprs(body) {
		return body
	}
	var last *source.Node
	for c := range body.Children() {
		if isBodyExpr(c) {
			last = c
		}
	}
	return last
}

// isBodyExpr reports whether c, a child of a block, is one of its expressions. A do_block
// holds its else/after/rescue/catch blocks: they are branches, not expressions of the body.
func isBodyExpr(c *source.Node) bool {
	return c.Named() && c.Type() != "comment" && c.Type() != "stab_clause" && !strings.HasSuffix(c.Type(), "_block")
}

// FollowedByExpr reports whether another expression of the block n is in (see Exprs)
// comes after n. It looks no further than that expression, where Exprs lists the whole
// block: asked about every statement of a long block, it stays linear in the block.
func FollowedByExpr(n *source.Node) bool {
	for c := n.NextSibling(); c != nil; c = c.NextSibling() {
		if isBodyExpr(c) {
			return true
		}
	}
	return false
}

// Tails returns the expressions whose value a body returns, looking through the branches
// of case, cond, if/unless, with, receive and try, and through blocks.
func Tails(f *source.File, body *source.Node) []*source.Node {
	if body == nil {
		return nil // a bodiless head
	}
	var out []*source.Node
	var visit func(n *source.Node)
	visitBlock := func(b *source.Node) {
		if b == nil {
			return
		}
		if last := lastExpr(b); last != nil {
			visit(last)
		}
		for c := range b.Children() {
			if c.Type() == "stab_clause" {
				if r := c.Child("right"); r != nil {
					if last := lastExpr(r); last != nil {
						visit(last)
					}
				}
			}
		}
	}
	// visitDo visits a do_block and the branches it holds: else, rescue and catch return
	// values; after does in a receive only (in a try it runs for effect).
	visitDo := func(do *source.Node, receive bool) {
		visitBlock(do)
		for blk := range do.Children() {
			switch blk.Type() {
			case "else_block", "rescue_block", "catch_block":
				visitBlock(blk)
			case "after_block":
				if receive {
					visitBlock(blk)
				}
			}
		}
	}
	visit = func(n *source.Node) {
		n = Unwrap(n)
		if c, ok := AsCall(f, n); ok && c.Module == "" && c.DoBlock() != nil {
			switch c.Name {
			case "case", "cond", "if", "unless", "with", "receive", "try":
				visitDo(c.DoBlock(), c.Name == "receive")
				return
			}
		}
		// The keyword forms: `if c, do: a, else: b`.
		if c, ok := AsCall(f, n); ok && c.Module == "" && c.DoBlock() == nil && (c.Name == "if" || c.Name == "unless") && len(c.Args) > 1 {
			branches := 0
			for _, p := range Pairs(f, c.Args[len(c.Args)-1]) {
				if (p.Key == "do" || p.Key == "else") && p.Value != nil {
					visit(p.Value)
					branches++
				}
			}
			if branches > 0 {
				return
			}
		}
		if n.Type() == "do_block" {
			visitDo(n, false)
			return
		}
		if n.Type() == "body" {
			visitBlock(n)
			return
		}
		out = append(out, n)
	}
	visit(body)
	return out
}

// ClausePattern is the pattern of a one-pattern stab clause (a `receive` or `case`
// clause, `pattern when guard -> body`), its guard left out; nil for any other clause.
func ClausePattern(clause *source.Node) *source.Node {
	args := clause.Child("left")
	if args == nil {
		return nil
	}
	els := args.NamedChildren()
	if len(els) != 1 {
		return nil
	}
	pattern := els[0]
	if pattern.Type() == "binary_operator" && Operator(pattern) == "when" {
		pattern = pattern.Child("left")
	}
	return pattern
}

// KeywordValue returns the value of key in a keywords node (`a: 1, b: 2`) or a list of
// keywords (`[a: 1]`); nil when absent.
func KeywordValue(f *source.File, n *source.Node, key string) *source.Node {
	for p := range pairsOf(f, n) {
		if p.Key == key {
			return p.Value
		}
	}
	return nil
}

// Pair is one `key: value` of a keyword list.
type Pair struct {
	Key   string
	Node  *source.Node
	Value *source.Node
}

// Pairs lists the pairs of a keywords node, or of a list whose elements are keywords.
func Pairs(f *source.File, n *source.Node) []Pair { return slices.Collect(pairsOf(f, n)) }

// pairsOf yields the pairs Pairs lists, without a list: KeywordValue looks for one key
// in thousands of calls' options.
func pairsOf(f *source.File, n *source.Node) iter.Seq[Pair] {
	return func(yield func(Pair) bool) {
		if n == nil {
			return
		}
		inKeywords := func(keywords *source.Node) bool {
			for p := range keywords.Children() {
				if p.Type() != "pair" {
					continue
				}
				key, val := p.Child("key"), p.Child("value")
				if key == nil {
					continue
				}
				name := strings.TrimSpace(f.Slice(key))
				name = strings.TrimSuffix(name, ":")
				name = strings.Trim(name, `"`)
				if !yield(Pair{Key: name, Node: p, Value: val}) {
					return false
				}
			}
			return true
		}
		switch n.Type() {
		case "keywords":
			inKeywords(n)
		case "list", "map_content":
			for c := range n.Children() {
				if c.Type() == "keywords" && !inKeywords(c) {
					return
				}
			}
		}
	}
}

// Elements lists the elements of a list or tuple node (a keywords tail is one element per pair).
func Elements(n *source.Node) []*source.Node {
	if n == nil {
		return nil
	}
	var out []*source.Node
	if k := n.ChildCount(); k > 1 {
		out = make([]*source.Node, 0, k) // one allocation, unless keywords bring more
	}
	for el := range ElementSeq(n) {
		out = append(out, el)
	}
	return out
}

// ElementSeq yields what Elements lists, for a caller that only looks at each in turn:
// nothing is allocated.
func ElementSeq(n *source.Node) iter.Seq[*source.Node] {
	return func(yield func(*source.Node) bool) {
		if n == nil {
			return
		}
		for c := range n.Children() {
			if !c.Named() || c.Type() == "comment" {
				continue
			}
			if c.Type() == "keywords" {
				for p := range pairSeq(c) {
					if !yield(p) {
						return
					}
				}
				continue
			}
			if !yield(c) {
				return
			}
		}
	}
}

// PairNodes lists the pair nodes of a keywords node (`a: 1, b: 2`).
func PairNodes(keywords *source.Node) []*source.Node { return slices.Collect(pairSeq(keywords)) }

// pairSeq yields the pair nodes of a keywords node.
func pairSeq(keywords *source.Node) iter.Seq[*source.Node] {
	return func(yield func(*source.Node) bool) {
		for p := range keywords.Children() {
			if p.Type() == "pair" && !yield(p) {
				return
			}
		}
	}
}

// AtomName returns the name of an atom literal (`:foo` -> "foo", `:"a b"` -> "a b").
func AtomName(f *source.File, n *source.Node) (string, bool) {
	if n == nil {
		return "", false
	}
	switch n.Type() {
	case "atom":
		return strings.TrimPrefix(f.Slice(n), ":"), true
	case "quoted_atom":
		s := strings.TrimPrefix(f.Slice(n), ":")
		if strings.Contains(s, "#{") {
			return "", false
		}
		return strings.Trim(s, `"'`), true
	case "boolean", "nil":
		return f.Slice(n), true
	}
	return "", false
}

// EnclosingDef returns the def clause containing n.
func EnclosingDef(f *source.File, n *source.Node) (Def, bool) {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if d, ok := AsDef(f, p); ok {
			return d, true
		}
	}
	return Def{}, false
}

// EnclosingModule returns the defmodule call containing n.
func EnclosingModule(f *source.File, n *source.Node) *source.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if c, ok := AsCall(f, p); ok && c.Module == "" && c.Name == "defmodule" {
			return p
		}
	}
	return nil
}

// EndsWithBareCall reports whether text appended right after n would be swallowed by a
// call without parentheses that n ends with (`[a, f x]` + `, y` reads as `[a, f(x, y)]`).
// Fixes that append after a node must not be offered then.
func EndsWithBareCall(f *source.File, n *source.Node) bool {
	for cur := n; cur != nil; {
		if cur.Type() == "call" {
			for ch := range cur.Children() {
				if ch.Type() == "arguments" && !strings.HasPrefix(f.Slice(ch), "(") {
					return true
				}
			}
		}
		var last *source.Node
		for ch := range cur.Children() {
			if ch.Named() && ch.End() == cur.End() {
				last = ch
			}
		}
		cur = last
	}
	return false
}

// StateName is the variable holding the state: `state` or `%{...} = state`.
func StateName(f *source.File, n *source.Node) string {
	switch {
	case n.Type() == "identifier" && !strings.HasPrefix(f.Slice(n), "_"):
		return f.Slice(n)
	case n.Type() == "binary_operator" && Operator(n) == "=":
		for _, side := range []*source.Node{n.Child("right"), n.Child("left")} {
			if side != nil && side.Type() == "identifier" && !strings.HasPrefix(f.Slice(side), "_") {
				return f.Slice(side)
			}
		}
	}
	return ""
}

// FieldAccess reads `state.field` around the identifier n.
func FieldAccess(f *source.File, n *source.Node) (string, bool) {
	dot := n.Parent()
	if dot == nil || dot.Type() != "dot" || dot.Child("left") != n || dot.Parent() == nil || dot.Parent().Type() != "call" {
		return "", false
	}
	if _, ok := AsCall(f, dot.Parent()); ok {
		return "", false // state.fun(...) is a call, not a field
	}
	right := dot.Child("right")
	if right == nil || right.Type() != "identifier" {
		return "", false
	}
	return f.Slice(right), true
}
