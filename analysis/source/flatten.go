package source

// The tree-sitter Go binding wraps every node it hands out in a heap object kept in a
// per-tree map, which costs about a microsecond per node. Converting a whole tree that way
// costs more than parsing it. Instead, one cgo call walks the tree in C with a cursor and
// writes a flat, pre-ordered array of plain integers; the Go AST is built from that array.

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stddef.h>

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
bool ts_node_has_error(TSNode self);

// One record per kept node, laid out exactly as the Go flatRecord (a test checks).
typedef struct {
	uint16_t symbol;
	uint16_t field;
	uint32_t start;
	uint32_t end;
	int32_t parent;
	uint8_t named;
	uint8_t missing;
} otpls_rec;

// Kept: every named node, anonymous nodes that carry a field name (operators), and
// anonymous nodes tree-sitter inserted as MISSING (a forgotten `end`), so errors are seen.
// Returns a malloc'ed array of *count records, in pre-order; the caller frees it.
// maybe_field[sym] is 0 for anonymous symbols that never carry a field we use
// (punctuation): the field lookup, the costliest call per node, is skipped for them.
// named[sym] says whether symbol sym is a named node's: a node is named exactly when the
// (public or alias) symbol tree-sitter reports for it is, and a table read saves a call
// per node. Symbols outside the table (ERROR) ask tree-sitter.
static otpls_rec *otpls_flatten(const TSTree *tree, const uint8_t *maybe_field, const uint8_t *named_tab, uint32_t nsym, int64_t size_hint, int64_t *count) {
	int64_t cap = size_hint > 64 ? size_hint : 64;
	otpls_rec *out = (otpls_rec *)malloc(sizeof(otpls_rec) * cap);
	TSNode root = ts_tree_root_node(tree);
	TSTreeCursor c = ts_tree_cursor_new(root);
	int64_t n = 0;
	// Record index of the nearest kept ancestor at each depth (grown on the heap as needed).
	int64_t stack_cap = 256, depth = 0;
	int64_t *stack = (int64_t *)malloc(sizeof(int64_t) * stack_cap);
	int64_t parent = -1;
	// Only a tree with errors has MISSING nodes; a clean one skips the check per node.
	bool may_miss = ts_node_has_error(root);
	for (;;) {
		TSNode node = ts_tree_cursor_current_node(&c);
		TSSymbol sym = ts_node_symbol(node);
		bool named = sym < nsym ? named_tab[sym] : ts_node_is_named(node);
		TSFieldId field = 0;
		if (named || sym >= nsym || maybe_field[sym]) {
			field = ts_tree_cursor_current_field_id(&c);
		}
		bool missing = may_miss && ts_node_is_missing(node);
		int64_t self = -1;
		if (named || field != 0 || missing) {
			if (n == cap) {
				cap *= 2;
				out = (otpls_rec *)realloc(out, sizeof(otpls_rec) * cap);
			}
			otpls_rec *r = &out[n];
			r->symbol = sym;
			r->field = field;
			r->start = ts_node_start_byte(node);
			r->end = ts_node_end_byte(node);
			r->parent = (int32_t)parent;
			r->named = named;
			r->missing = missing;
			self = n++;
		}
		if (named && ts_tree_cursor_goto_first_child(&c)) {
			if (depth == stack_cap) {
				stack_cap *= 2;
				stack = (int64_t *)realloc(stack, sizeof(int64_t) * stack_cap);
			}
			stack[depth++] = parent;
			parent = self >= 0 ? self : parent;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (depth == 0 || !ts_tree_cursor_goto_parent(&c)) {
				ts_tree_cursor_delete(&c);
				free(stack);
				*count = n;
				return out;
			}
			parent = stack[--depth];
		}
	}
}

static size_t otpls_rec_size(void) { return sizeof(otpls_rec); }
static size_t otpls_rec_parent_offset(void) { return offsetof(otpls_rec, parent); }
static size_t otpls_rec_missing_offset(void) { return offsetof(otpls_rec, missing); }
*/
import "C"

import (
	"runtime"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// flatRecord is one node of a flattened tree; its layout matches the C otpls_rec.
type flatRecord struct {
	Symbol  uint16
	Field   uint16
	Start   uint32
	End     uint32
	Parent  int32 // the parent's index in the array, -1 for the root
	Named   bool
	Missing bool
}

// cTree returns the C tree of a binding tree. The binding keeps it in the first field of its
// exported BaseTree; TestFlattenMatchesBinding guards that layout against the pinned version.
func cTree(t *sitter.Tree) *C.TSTree {
	return *(**C.TSTree)(unsafe.Pointer(t.BaseTree))
}

// flatten walks t in one cgo call. The records live in C memory until release is called.
func flatten(t *sitter.Tree, sizeHint int) (recs []flatRecord, release func()) {
	var n C.int64_t
	g := grammar()
	mf, named := g.maybeField, g.named
	p := C.otpls_flatten(cTree(t), (*C.uint8_t)(unsafe.Pointer(&mf[0])), (*C.uint8_t)(unsafe.Pointer(&named[0])), C.uint32_t(len(mf)), C.int64_t(sizeHint), &n)
	runtime.KeepAlive(t)
	recs = unsafe.Slice((*flatRecord)(unsafe.Pointer(p)), int(n))
	return recs, func() { C.free(unsafe.Pointer(p)) }
}

// recordLayoutMatches reports whether Go and C agree on the record layout.
func recordLayoutMatches() bool {
	var r flatRecord
	return uintptr(C.otpls_rec_size()) == unsafe.Sizeof(r) &&
		uintptr(C.otpls_rec_parent_offset()) == unsafe.Offsetof(r.Parent) &&
		uintptr(C.otpls_rec_missing_offset()) == unsafe.Offsetof(r.Missing)
}
