package source

// The tree-sitter Go binding wraps every node it hands out in a heap object kept in a
// per-tree map, which costs about a microsecond per node. Converting a whole tree that way
// costs more than parsing it. Instead, one cgo call walks the tree in C (flatten.c) and
// writes a flat, pre-ordered array of plain integers; the Go AST is built from that array.
//
// That direct walk reads tree-sitter's subtrees, and finds the C tree through the binding's
// private BaseTree field, when the linked tree-sitter's layout is the one it was written
// for. Otherwise the reference walk, written against the binding's exported API only, is
// used: several times slower, but nothing in it depends on a private layout. directWalk
// decides once per process.

// #include <stdlib.h>
// #include "flatten.h"
import "C"

import (
	"errors"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// cTree returns the C tree of a binding tree, which the binding keeps in the first field of
// its exported BaseTree. Only the direct walk calls it, after bindingLayoutMatches.
func cTree(t *sitter.Tree) *C.TSTree {
	return *(**C.TSTree)(unsafe.Pointer(t.BaseTree))
}

// bindingLayoutMatches reports whether BaseTree's first field is the C tree pointer cTree
// reads, without reading it: a binding upgrade that moves it turns the direct walk off
// instead of handing the C walk a wrong pointer.
func bindingLayoutMatches() bool {
	bt := reflect.TypeFor[sitter.BaseTree]()
	if bt.NumField() == 0 {
		return false
	}
	f := bt.Field(0)
	return f.Offset == 0 && f.Type.Kind() == reflect.Pointer && strings.Contains(f.Type.Elem().Name(), "TSTree")
}

// errOutOfMemory is the direct walk's report that C memory ran out.
var errOutOfMemory = errors.New("out of memory while flattening the syntax tree")

// flatten walks t, parsed from textLen bytes. It returns the tree's nodes, linked (see
// Node), and release, to call once they have been copied out (they may be C memory).
//
// With consume, the direct walk empties t as it goes (see otpls_flatten_direct): for a
// caller that closes t right after, and reads nothing else of it.
func flatten(t *sitter.Tree, textLen int, consume bool) (nodes []Node, release func(), err error) {
	// Elixir averages a kept node per 3.6 bytes (the benchmark corpus); room for one per
	// 3 bytes spares most files the array's regrowth and its copying.
	sizeHint := textLen/3 + 64
	if directWalk() {
		return flattenDirect(t, sizeHint, consume)
	}
	return flattenReference(t, sizeHint), func() {}, nil
}

// parseFlat parses text alone and flattens its tree, which it frees as it walks and then
// closes (a walk that panics too): the nodes and their release (see flatten), for a text
// whose tree nothing else reads (Parse's, a piece of a large text, its skeleton, a form's
// re-parse). ok is false when the parse ran past its budget (abandoned) or C memory ran
// out.
func parseFlat(text string, textLen int) (nodes []Node, release func(), ok, abandoned bool) {
	tree := parse(nil, text)
	if tree == nil {
		return nil, nil, false, true
	}
	defer closeTree(tree)
	nodes, release, err := flatten(tree, textLen, true)
	return nodes, release, err == nil, false
}

// flattenDirect walks with the C walk, in one cgo call; the nodes are C memory until
// release is called. It needs the tables otpls_direct_prepare builds: only directWalk
// itself may call it before directWalk() has returned true.
func flattenDirect(t *sitter.Tree, sizeHint int, consume bool) (nodes []Node, release func(), err error) {
	var n C.int64_t
	mf := grammar().maybeField
	p := C.otpls_flatten_direct(cTree(t), (*C.uint8_t)(unsafe.Pointer(&mf[0])), C.uint32_t(len(mf)), C.int64_t(sizeHint), C.bool(consume), &n)
	runtime.KeepAlive(t)
	if p == nil || n < 0 {
		return nil, nil, errOutOfMemory
	}
	nodes = unsafe.Slice((*Node)(unsafe.Pointer(p)), int(n))
	return nodes, func() { C.free(unsafe.Pointer(p)) }, nil
}

// flattenReference walks t with the binding's exported tree cursor: the reference the
// direct walk is checked against, and the walk used when it may not be. It keeps the nodes
// the direct walk keeps (every named node, anonymous nodes that carry a field name, such
// as operators, and MISSING nodes) and descends into named nodes only.
func flattenReference(t *sitter.Tree, sizeHint int) []Node {
	g := grammar()
	root := t.RootNode()
	c := sitter.NewTreeCursor(root)
	defer c.Close()
	out := make([]Node, 0, max(sizeHint, 64))
	var ancestors []int // the kept parent at each depth above the cursor
	parent := -1
	mayMiss := root.HasError() // only a tree with errors has MISSING nodes
	for {
		node := c.CurrentNode()
		sym := int(node.Symbol())
		named := node.IsNamed()
		var field uint8
		if named || sym >= len(g.maybeField) || g.maybeField[sym] == 1 {
			field = g.fieldID(c.CurrentFieldName())
		}
		missing := mayMiss && node.IsMissing()
		self := -1
		if named || field != 0 || missing {
			up := 0
			if parent >= 0 {
				up = len(out) - parent
			}
			out = append(out, Node{start: int32(node.StartByte()), end: int32(node.EndByte()), up: int32(up), size: 1,
				sym: uint16(sym), field: field, flags: nodeFlags(named, missing)})
			self = len(out) - 1
		}
		if named && c.GoToFirstChild() { // named nodes are always kept: self is theirs
			ancestors = append(ancestors, parent)
			parent = self
			continue
		}
		for !c.GoToNextSibling() {
			if len(ancestors) == 0 || !c.GoToParent() {
				if len(out) > 0 {
					out[0].size = int32(len(out))
				}
				runtime.KeepAlive(t)
				return out
			}
			out[parent].size = int32(len(out) - parent) // its subtree is complete
			parent = ancestors[len(ancestors)-1]
			ancestors = ancestors[:len(ancestors)-1]
		}
	}
}

// directWalk reports whether the direct walk may be used: the language's layout checks
// out, a subtree's reference count is where the walk reads it, and on sample trees that
// exercise fields, inherited fields, extras, syntax errors and MISSING nodes it produces
// exactly the cursor's records. A tree-sitter upgrade that moves a field fails here (and
// TestDirectWalkIsUsed), not in the rules.
var directWalk = sync.OnceValue(func() bool {
	if !bindingLayoutMatches() {
		return false
	}
	for _, src := range directWalkSamples {
		tree := parse(nil, src)
		if tree == nil {
			return false
		}
		if !C.otpls_direct_prepare(cTree(tree)) || !C.otpls_refcount_matches(cTree(tree)) {
			closeTree(tree)
			return false
		}
		want := flattenReference(tree, 0)
		got, release, err := flattenDirect(tree, 0, false)
		same := err == nil && slices.Equal(want, got)
		if err == nil {
			release()
		}
		closeTree(tree)
		if !same {
			return false
		}
	}
	return true
})

// directWalkSamples cover what the direct walk has to get right.
var directWalkSamples = []string{
	"",
	`# a comment first
defmodule A.B do
  @moduledoc """
  Docs #{1 + 2}
  """
  use GenServer, restart: :transient
  alias A.{C, D}
  @impl true
  def handle_call({:get, k}, _from, %{a: a} = state) when is_atom(k) and not is_nil(a) do
    # an extra between children
    x = state |> Map.get(k, [1, 2 | []]) |> then(&(&1 + 1))
    {:reply, x, %{state | a: 1}, ~s(sigil #{k})}
  end
  def f(a) when a in [1, 2], do: spawn(fn -> a end)
  defp g(<<h::binary-size(2), _::binary>>), do: 'chars' <> "é😀"
end
`,
	"defmodule X do\n  def (\nend",
	"defmodule A do\n  def f, do: :x\n",
	"x = [1, 2,, 3]\nfoo(\n",
}

// nodeLayoutMatches reports whether Go's Node and C's otpls_node agree on the layout.
func nodeLayoutMatches() bool {
	var n Node
	offsets := []uintptr{unsafe.Offsetof(n.start), unsafe.Offsetof(n.end), unsafe.Offsetof(n.up), unsafe.Offsetof(n.size),
		unsafe.Offsetof(n.sym), unsafe.Offsetof(n.field), unsafe.Offsetof(n.flags)}
	for i, off := range offsets {
		if uintptr(C.otpls_node_offset(C.int(i))) != off {
			return false
		}
	}
	return uintptr(C.otpls_node_size()) == unsafe.Sizeof(n)
}

// releaseFreedMemory hands the C memory freed so far back to the system (see trimAfter).
func releaseFreedMemory() { C.otpls_release_freed_memory() }

// failGrowth makes the nth growth of the direct walk's arrays from now on, on the calling
// thread, fail as if memory had run out (see otpls_test_fail_growth); for tests, which
// lock their goroutine to its thread around it.
func failGrowth(nth int) { C.otpls_test_fail_growth(C.int64_t(nth)) }
