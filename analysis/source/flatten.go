package source

// The tree-sitter Go binding wraps every node it hands out in a heap object kept in a
// per-tree map, which costs about a microsecond per node. Converting a whole tree that way
// costs more than parsing it. Instead, one cgo call walks the tree in C with a cursor and
// writes a flat, pre-ordered array of plain integers; the Go AST is built from that array.

/*
#include <stdint.h>
#include <stdbool.h>

typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct TSTree TSTree;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

TSNode ts_tree_root_node(const TSTree *self);
TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *self);
TSSymbol ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);

// One record per kept node, 5 words:
// [0] symbol | field<<16, [1] start byte, [2] end byte, [3] parent record index (or -1),
// [4] flags: 1 named, 2 missing.
// Kept: every named node, anonymous nodes that carry a field name (operators), and
// anonymous nodes tree-sitter inserted as MISSING (a forgotten `end`), so errors are seen.
// Returns the number of records the tree needs; writes at most cap of them.
static int64_t otpls_flatten(const TSTree *tree, uint32_t *out, int64_t cap) {
	TSNode root = ts_tree_root_node(tree);
	TSTreeCursor c = ts_tree_cursor_new(root);
	int64_t n = 0;
	// Stack of record indexes of kept ancestors, one per depth level (-1 when skipped).
	int64_t stack_cap = 256, depth = 0;
	int64_t stack_buf[256];
	int64_t *stack = stack_buf;
	int64_t heap_cap = 0;
	int64_t *heap = 0;
	int64_t parent = -1;
	for (;;) {
		TSNode node = ts_tree_cursor_current_node(&c);
		TSFieldId field = ts_tree_cursor_current_field_id(&c);
		bool named = ts_node_is_named(node);
		int64_t self = -1;
		if (named || field != 0 || ts_node_is_missing(node)) {
			if (n < cap) {
				uint32_t *r = out + n * 5;
				r[0] = (uint32_t)ts_node_symbol(node) | ((uint32_t)field << 16);
				r[1] = ts_node_start_byte(node);
				r[2] = ts_node_end_byte(node);
				r[3] = (uint32_t)(int32_t)parent;
				r[4] = (named ? 1 : 0) | (ts_node_is_missing(node) ? 2 : 0);
			}
			self = n++;
		}
		if (named && ts_tree_cursor_goto_first_child(&c)) {
			if (depth >= stack_cap) {
				int64_t ncap = stack_cap * 2;
				int64_t *ns = (int64_t *)__builtin_malloc(sizeof(int64_t) * ncap);
				for (int64_t i = 0; i < depth; i++) ns[i] = stack[i];
				if (heap) __builtin_free(heap);
				heap = ns; heap_cap = ncap; stack = ns; stack_cap = ncap;
			}
			stack[depth++] = parent;
			parent = self >= 0 ? self : parent;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (depth == 0 || !ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				if (heap) __builtin_free(heap);
				return n;
			}
			parent = stack[--depth];
		}
	}
}
*/
import "C"

import (
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// flatRecord is one node of a flattened tree.
type flatRecord struct {
	Symbol  uint16
	Field   uint16
	Start   uint32
	End     uint32
	Parent  int32
	Named   bool
	Missing bool
}

// cTree returns the C tree of a binding tree. The binding keeps it in the first field of its
// exported BaseTree; TestFlattenMatchesBinding guards that layout against the pinned version.
func cTree(t *sitter.Tree) *C.TSTree {
	return *(**C.TSTree)(unsafe.Pointer(t.BaseTree))
}

// flatten walks t in one cgo call. sizeHint is the expected record count.
func flatten(t *sitter.Tree, sizeHint int) []flatRecord {
	capacity := int64(sizeHint + 64)
	for {
		buf := make([]uint32, capacity*5)
		n := int64(C.otpls_flatten(cTree(t), (*C.uint32_t)(unsafe.Pointer(&buf[0])), C.int64_t(capacity)))
		if n > capacity {
			capacity = n
			continue
		}
		recs := make([]flatRecord, n)
		for i := range recs {
			r := buf[i*5 : i*5+5]
			recs[i] = flatRecord{
				Symbol:  uint16(r[0]),
				Field:   uint16(r[0] >> 16),
				Start:   r[1],
				End:     r[2],
				Parent:  int32(r[3]),
				Named:   r[4]&1 != 0,
				Missing: r[4]&2 != 0,
			}
		}
		return recs
	}
}
