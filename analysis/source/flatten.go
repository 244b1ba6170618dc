package source

// The tree-sitter Go binding wraps every node it hands out in a heap object kept in a
// per-tree map, which costs about a microsecond per node. Converting a whole tree that way
// costs more than parsing it. Instead, one cgo call walks the tree in C (flatten.c) and
// writes a flat, pre-ordered array of plain integers; the Go AST is built from that array.
//
// The walk reads tree-sitter's subtrees directly when the linked tree-sitter's layout is
// the one it was written for, and uses tree-sitter's public cursor, several times slower,
// otherwise: directWalk decides once per process.

// #include <stdlib.h>
// #include "flatten.h"
import "C"

import (
	"runtime"
	"slices"
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// cTree returns the C tree of a binding tree. The binding keeps it in the first field of its
// exported BaseTree; TestFlattenMatchesBinding guards that layout against the pinned version.
func cTree(t *sitter.Tree) *C.TSTree {
	return *(**C.TSTree)(unsafe.Pointer(t.BaseTree))
}

// flatten walks t, parsed from textLen bytes, in one cgo call. It returns the tree's nodes,
// linked (see Node), in C memory until release is called.
func flatten(t *sitter.Tree, textLen int) (nodes []Node, release func()) {
	// Elixir averages a kept node per 3.6 bytes (the benchmark corpus); room for one per
	// 3 bytes spares most files the array's regrowth and its copying.
	sizeHint := textLen/3 + 64
	return flattenWith(t, sizeHint, directWalk())
}

// flattenWith walks with the direct walk or the cursor. The direct walk needs the tables
// otpls_direct_prepare builds: only directWalk itself may ask for it before directWalk()
// has returned true.
func flattenWith(t *sitter.Tree, sizeHint int, direct bool) (nodes []Node, release func()) {
	var n C.int64_t
	g := grammar()
	mf, named := g.maybeField, g.named
	var p *C.otpls_node
	if direct {
		p = C.otpls_flatten_direct(cTree(t), (*C.uint8_t)(unsafe.Pointer(&mf[0])), C.uint32_t(len(mf)), C.int64_t(sizeHint), &n)
	} else {
		p = C.otpls_flatten_cursor(cTree(t), (*C.uint8_t)(unsafe.Pointer(&mf[0])), (*C.uint8_t)(unsafe.Pointer(&named[0])), C.uint32_t(len(mf)), C.int64_t(sizeHint), &n)
	}
	runtime.KeepAlive(t)
	nodes = unsafe.Slice((*Node)(unsafe.Pointer(p)), int(n))
	return nodes, func() { C.free(unsafe.Pointer(p)) }
}

// directWalk reports whether the direct walk may be used: the language's layout checks
// out, and on sample trees that exercise fields, inherited fields, extras, syntax errors
// and MISSING nodes it produces exactly the cursor's records. A tree-sitter upgrade that
// moves a field fails here (and TestDirectWalkIsUsed), not in the rules.
var directWalk = sync.OnceValue(func() bool {
	for _, src := range directWalkSamples {
		tree := parse(nil, src)
		if !C.otpls_direct_prepare(cTree(tree)) {
			closeTree(tree)
			return false
		}
		want, releaseWant := flattenWith(tree, 0, false)
		got, releaseGot := flattenWith(tree, 0, true)
		same := slices.Equal(want, got)
		releaseWant()
		releaseGot()
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
	offsets := []uintptr{unsafe.Offsetof(n.Start), unsafe.Offsetof(n.End), unsafe.Offsetof(n.up), unsafe.Offsetof(n.size),
		unsafe.Offsetof(n.sym), unsafe.Offsetof(n.field), unsafe.Offsetof(n.Named), unsafe.Offsetof(n.Missing)}
	for i, off := range offsets {
		if uintptr(C.otpls_node_offset(C.int(i))) != off {
			return false
		}
	}
	return uintptr(C.otpls_node_size()) == unsafe.Sizeof(n)
}
