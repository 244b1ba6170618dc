#include <stdlib.h>
#include <string.h>

#include "flatten.h"

typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;

// tree-sitter's public API (api.h of the pinned binding).
TSNode ts_tree_root_node(const TSTree *self);
const TSLanguage *ts_tree_language(const TSTree *self);
uint32_t ts_language_symbol_count(const TSLanguage *self);
uint32_t ts_language_field_count(const TSLanguage *self);
uint32_t ts_language_version(const TSLanguage *self);
const char *ts_language_symbol_name(const TSLanguage *self, TSSymbol symbol);
const char *ts_language_field_name_for_id(const TSLanguage *self, TSFieldId id);

// fail_growth, when positive, makes the walk's fail_growth-th growth of an array from now
// on this thread fail as if memory had run out: how the tests reach the walk's recovery
// mid-walk (otpls_test_fail_growth).
static _Thread_local int64_t fail_growth;

void otpls_test_fail_growth(int64_t nth) { fail_growth = nth; }

// growth_fails counts a growth against fail_growth.
static inline bool growth_fails(void) { return fail_growth > 0 && --fail_growth == 0; }

// push_node returns the slot for record n, growing the array when it is full; NULL when
// memory runs out (the array is then left as it was, for the caller to free).
static otpls_node *push_node(otpls_node **out, int64_t *cap, int64_t n) {
	if (n == *cap) {
		if (growth_fails()) return NULL;
		otpls_node *grown = (otpls_node *)realloc(*out, sizeof(otpls_node) * *cap * 2);
		if (!grown) return NULL;
		*out = grown;
		*cap *= 2;
	}
	return &(*out)[n];
}

// ---------------------------------------------------------------------------------------
// The direct walk. tree-sitter's cursor costs several hundred instructions a step: each
// step rebuilds a child iterator from its stack and each field lookup climbs that stack.
// Reading the subtrees in one pass costs a fraction of that. What follows declares the
// parts of tree-sitter's internal layout the walk reads (language ABI 14, as built by the
// pinned binding, on a little-endian 64-bit machine); otpls_direct_prepare and a
// comparison with the reference walk's output on sample trees (flatten.go, which walks
// with the binding's public cursor) guard it, and the reference walk is used whenever
// either fails.

#if defined(__x86_64__) || defined(__aarch64__)
#define OTPLS_DIRECT_SUPPORTED 1
#else
#define OTPLS_DIRECT_SUPPORTED 0
#endif

#define SYM_ERROR ((TSSymbol)-1)

typedef struct { uint32_t bytes, row, column; } ts_length;

// A leaf small enough is stored in the 8-byte subtree handle itself (is_inline set);
// otherwise the handle points at heap data, with the children stored just before it.
typedef struct {
	bool is_inline : 1;
	bool visible : 1;
	bool named : 1;
	bool extra : 1;
	bool has_changes : 1;
	bool is_missing : 1;
	bool is_keyword : 1;
	uint8_t symbol;
	uint16_t parse_state;
	uint8_t padding_columns;
	uint8_t padding_rows : 4;
	uint8_t lookahead_bytes : 4;
	uint8_t padding_bytes;
	uint8_t size_bytes;
} ts_inline;

typedef struct {
	uint32_t ref_count;
	ts_length padding;
	ts_length size;
	uint32_t lookahead_bytes;
	uint32_t error_cost;
	uint32_t child_count;
	TSSymbol symbol;
	uint16_t parse_state;
	bool visible : 1;
	bool named : 1;
	bool extra : 1;
	bool fragile_left : 1;
	bool fragile_right : 1;
	bool has_changes : 1;
	bool has_external_tokens : 1;
	bool has_external_scanner_state_change : 1;
	bool depends_on_column : 1;
	bool is_missing : 1;
	bool is_keyword : 1;
	union {
		struct {
			uint32_t visible_child_count;
			uint32_t named_child_count;
			uint32_t visible_descendant_count;
			int32_t dynamic_precedence;
			uint16_t repeat_depth;
			uint16_t production_id;
		} node;
		struct {
			char *data;
			char inline_data[16];
			uint32_t length;
		} scanner_state; // only its size and alignment matter here
	};
} ts_heap;

typedef union {
	ts_inline data;
	const ts_heap *ptr;
} ts_subtree;

typedef struct {
	ts_subtree root;
	const TSLanguage *language;
} ts_tree_head;

typedef struct { TSFieldId field_id; uint8_t child_index; bool inherited; } ts_field_entry;
typedef struct { uint16_t index, length; } ts_field_slice;
typedef struct { bool visible, named, supertype; } ts_symbol_meta;

typedef struct {
	uint32_t version;
	uint32_t symbol_count;
	uint32_t alias_count;
	uint32_t token_count;
	uint32_t external_token_count;
	uint32_t state_count;
	uint32_t large_state_count;
	uint32_t production_id_count;
	uint32_t field_count;
	uint16_t max_alias_sequence_length;
	const void *parse_table;
	const void *small_parse_table;
	const void *small_parse_table_map;
	const void *parse_actions;
	const char *const *symbol_names;
	const char *const *field_names;
	const ts_field_slice *field_map_slices;
	const ts_field_entry *field_map_entries;
	const ts_symbol_meta *symbol_metadata;
	const TSSymbol *public_symbol_map;
	const uint16_t *alias_map;
	const TSSymbol *alias_sequences;
} ts_language_head;

// field_table[prod * field_stride + i] is the field of structural child i in production
// prod (0: none); inherited entries are left out, as tree-sitter's cursor leaves them out.
static uint16_t *field_table;
static uint32_t field_stride;

static bool build_field_table(const ts_language_head *l) {
	uint32_t stride = 1;
	for (uint32_t p = 0; p < l->production_id_count && l->field_count; p++) {
		ts_field_slice sl = l->field_map_slices[p];
		for (uint32_t i = sl.index; i < (uint32_t)sl.index + sl.length; i++) {
			if (!l->field_map_entries[i].inherited && l->field_map_entries[i].child_index + 1u > stride) {
				stride = l->field_map_entries[i].child_index + 1u;
			}
		}
	}
	uint16_t *table = (uint16_t *)calloc((size_t)l->production_id_count * stride + 1, sizeof(uint16_t));
	if (!table) return false;
	for (uint32_t p = 0; p < l->production_id_count && l->field_count; p++) {
		ts_field_slice sl = l->field_map_slices[p];
		for (uint32_t i = sl.index; i < (uint32_t)sl.index + sl.length; i++) {
			const ts_field_entry *e = &l->field_map_entries[i];
			uint16_t *cell = &table[p * stride + e->child_index];
			if (!e->inherited && *cell == 0) *cell = e->field_id; // the first entry wins
		}
	}
	free(field_table);
	field_table = table;
	field_stride = stride;
	return true;
}

bool otpls_direct_prepare(const TSTree *tree) {
	if (!OTPLS_DIRECT_SUPPORTED || sizeof(ts_subtree) != 8 || sizeof(ts_inline) != 8) {
		return false;
	}
	const ts_tree_head *t = (const ts_tree_head *)tree;
	const TSLanguage *lang = ts_tree_language(tree);
	if (t->language != lang || ts_tree_root_node(tree).id != (const void *)&t->root) {
		return false;
	}
	const ts_language_head *l = (const ts_language_head *)lang;
	if (ts_language_version(lang) != 14 || l->version != 14 ||
	    l->symbol_count + l->alias_count != ts_language_symbol_count(lang) ||
	    l->field_count != ts_language_field_count(lang)) {
		return false;
	}
	// The name tables sit between the counts and the tables the walk reads: the same
	// pointers through both routes mean the layout up to them is right.
	for (uint32_t i = 0; i < l->symbol_count + l->alias_count; i++) {
		if (l->symbol_names[i] != ts_language_symbol_name(lang, (TSSymbol)i)) return false;
	}
	for (uint32_t i = 1; i <= l->field_count; i++) {
		if (l->field_names[i] != ts_language_field_name_for_id(lang, (TSFieldId)i)) return false;
	}
	return build_field_table(l);
}

TSTree *ts_tree_copy(const TSTree *self);
void ts_tree_delete(TSTree *self);

bool otpls_refcount_matches(const TSTree *tree) {
	const ts_tree_head *t = (const ts_tree_head *)tree;
	if (t->root.data.is_inline) return true; // nothing to read
	uint32_t before = t->root.ptr->ref_count;
	TSTree *copy = ts_tree_copy(tree); // a second reference to the same root
	uint32_t shared = t->root.ptr->ref_count;
	ts_tree_delete(copy);
	return before == 1 && shared == 2 && t->root.ptr->ref_count == 1;
}

// A heap subtree's children are stored just before its data.
static inline const ts_subtree *children_of(ts_subtree s) {
	return (const ts_subtree *)s.ptr - s.ptr->child_count;
}

// A subtree's facts the walk reads, decoded once from either representation.
typedef struct {
	uint32_t padding, size, visible_children;
	TSSymbol symbol;
	bool visible, named, extra, missing;
} view;

static inline view view_of(ts_subtree s) {
	if (s.data.is_inline) {
		return (view){s.data.padding_bytes, s.data.size_bytes, 0, s.data.symbol, s.data.visible, s.data.named, s.data.extra, s.data.is_missing};
	}
	const ts_heap *h = s.ptr;
	return (view){h->padding.bytes, h->size.bytes, h->child_count ? h->node.visible_child_count : 0, h->symbol, h->visible, h->named, h->extra, h->is_missing};
}

// A frame is a node whose children are being walked: a visible node or one of the hidden
// grammar nodes (repetitions, inlined rules) between two visible ones.
typedef struct {
	const ts_subtree *children;
	uint32_t count, next;    // number of children; index of the next one
	uint32_t sidx;           // structural index of the next child (extras are not counted)
	uint32_t pos;            // where the next child starts, padding excluded for the first
	const TSSymbol *aliases; // the production's alias per structural child, or NULL
	const uint16_t *fields;  // the production's row of field_table
	int32_t parent;          // record index of the nearest kept ancestor, for the children
	int32_t self;            // this node's record index; -1 for a hidden node
	// inherited is the field a hidden node passes to its visible descendants that get no
	// field of their own: its own field in its parent, or the one its parent inherited.
	TSFieldId inherited;
	// When the walk consumes the tree: owned says the walk holds the only reference to this
	// subtree and to each of its ancestors, so its memory is freed once its children are
	// walked; shared, that the walk holds one of several references to it (its parent is
	// owned), given back once its children are walked. Below a shared subtree nothing is
	// the walk's to release.
	bool owned, shared;
	ts_subtree subtree;
} frame;

static inline TSFieldId field_at(const frame *f, uint32_t sidx) {
	return sidx < field_stride ? f->fields[sidx] : 0;
}

static inline void open_frame(frame *f, const ts_language_head *l, ts_subtree s, uint32_t start, int32_t parent, int32_t self, TSFieldId inherited) {
	uint16_t prod = s.ptr->node.production_id;
	f->subtree = s;
	f->owned = false;
	f->shared = false;
	f->children = children_of(s);
	f->count = s.ptr->child_count;
	f->next = 0;
	f->sidx = 0;
	f->pos = start;
	f->aliases = prod ? &l->alias_sequences[prod * l->max_alias_sequence_length] : NULL;
	f->fields = &field_table[prod * field_stride];
	f->parent = parent;
	f->self = self;
	f->inherited = inherited;
}

// grow_stack doubles the walk's stack; false (the stack left as it was) when memory runs out.
static bool grow_stack(frame **stack, int64_t *cap) {
	if (growth_fails()) return false;
	frame *grown = (frame *)realloc(*stack, sizeof(frame) * *cap * 2);
	if (!grown) return false;
	*stack = grown;
	*cap *= 2;
	return true;
}

// node_flags packs a record's flags as the Go Node reads them.
static inline uint8_t node_flags(bool named, bool missing) { return (named ? 1 : 0) | (missing ? 2 : 0); }

// tree-sitter's release of a subtree (subtree.c), for the parts of a tree a consuming walk
// does not walk itself, and its allocator's free (alloc.h).
typedef struct { void *contents; uint32_t size, capacity; } ts_array;
typedef struct { ts_array free_trees, tree_stack; } ts_subtree_pool;
void ts_subtree_release(ts_subtree_pool *pool, ts_subtree self);
void ts_subtree_pool_delete(ts_subtree_pool *pool);
extern void (*ts_current_free)(void *);

// give_back releases the walk's reference to s, a child of f that the walk does not enter
// and will not read again, when that reference is the walk's to give: f is owned. A leaf
// the walk holds alone is freed here, as ts_subtree_release would free it, without the
// call.
static inline void give_back(ts_subtree_pool *pool, const frame *f, ts_subtree s) {
	if (!f->owned || s.data.is_inline) return;
	const ts_heap *h = s.ptr;
	if (h->ref_count == 1 && h->child_count == 0 && !h->has_external_tokens) {
		ts_current_free((void *)h);
		return;
	}
	ts_subtree_release(pool, s);
}

// enter marks the frame of s, a child of parent, owned or shared (see frame).
static inline void enter(frame *child, const frame *parent, ts_subtree s) {
	if (parent->owned) {
		if (s.ptr->ref_count == 1) child->owned = true;
		else child->shared = true;
	}
}

// leave releases what the walk holds of f's subtree, all of whose children are done.
static inline void leave(ts_subtree_pool *pool, const frame *f) {
	if (f->owned) ts_current_free((void *)f->children);
	else if (f->shared) ts_subtree_release(pool, f->subtree);
}

// unwind releases the rest of a consumed tree when its walk stops early (memory ran out):
// the children not yet reached of every frame on the stack, then the frames themselves.
static void unwind(ts_subtree_pool *pool, frame *stack, int64_t depth) {
	while (depth > 0) {
		frame *f = &stack[--depth];
		for (; f->next < f->count; f->next++) give_back(pool, f, f->children[f->next]);
		leave(pool, f);
	}
}

otpls_node *otpls_flatten_direct(const TSTree *tree, const uint8_t *maybe_field, uint32_t nsym, int64_t size_hint, bool consume, int64_t *count) {
	ts_tree_head *t = (ts_tree_head *)tree;
	const ts_language_head *l = (const ts_language_head *)t->language;
	int64_t cap = size_hint > 64 ? size_hint : 64;
	*count = -1; // until the walk completes: memory ran out
	ts_subtree_pool pool = {{0}, {0}};
	frame *stack = NULL;
	int64_t stack_cap = 64, depth = 0;
	ts_subtree root = t->root;
	otpls_node *out = (otpls_node *)malloc(sizeof(otpls_node) * cap);
	if (!out) goto out_of_memory;
	int64_t n = 0;
	view rv = view_of(root);
	uint32_t start = rv.padding;
	out[n++] = (otpls_node){start, start + rv.size, 0, 1, rv.symbol == SYM_ERROR ? rv.symbol : l->public_symbol_map[rv.symbol], 0, node_flags(rv.named, rv.missing)};
	if (!rv.named || rv.visible_children == 0) {
		if (consume) ts_subtree_release(&pool, root);
		goto done;
	}
	stack = (frame *)malloc(sizeof(frame) * stack_cap);
	if (!stack) goto out_of_memory;
	open_frame(&stack[depth++], l, root, start, 0, 0, 0);
	if (consume) {
		// The tree's reference to its root is the walk's now.
		if (root.ptr->ref_count == 1) stack[0].owned = true;
		else stack[0].shared = true;
	}
	while (depth > 0) {
		frame *f = &stack[depth - 1];
		if (f->next == f->count) {
			if (f->self >= 0) out[f->self].size = (int32_t)(n - f->self); // subtree complete
			leave(&pool, f);
			depth--;
			continue;
		}
		ts_subtree c = f->children[f->next];
		view v = view_of(c);
		uint32_t cstart = f->next == 0 ? f->pos : f->pos + v.padding;
		f->pos = cstart + v.size;
		f->next++;
		TSSymbol alias = 0;
		uint32_t sidx = f->sidx;
		if (!v.extra) {
			if (f->aliases) alias = f->aliases[sidx];
			f->sidx++;
		}
		if (!alias && !v.visible) {
			// A hidden node: walk its children in place of it, if any is visible.
			if (v.visible_children > 0) {
				TSFieldId inh = 0;
				if (!v.extra) {
					inh = field_at(f, sidx);
					if (!inh) inh = f->inherited;
				}
				if (depth == stack_cap && !grow_stack(&stack, &stack_cap)) {
					give_back(&pool, &stack[depth - 1], c);
					goto out_of_memory;
				}
				f = &stack[depth - 1];
				open_frame(&stack[depth++], l, c, cstart, f->parent, -1, inh);
				enter(&stack[depth - 1], f, c);
			} else {
				give_back(&pool, f, c);
			}
			continue;
		}
		TSSymbol raw = alias ? alias : v.symbol;
		TSSymbol sym = raw == SYM_ERROR ? raw : l->public_symbol_map[raw];
		bool named = alias ? l->symbol_metadata[alias].named : v.named;
		TSFieldId field = 0;
		if (!v.extra && (named || sym >= nsym || maybe_field[sym])) {
			field = field_at(f, sidx);
			if (!field) field = f->inherited;
		}
		if (!(named || field != 0 || v.missing)) {
			give_back(&pool, f, c);
			continue;
		}
		otpls_node *r = push_node(&out, &cap, n);
		if (!r) {
			give_back(&pool, f, c);
			goto out_of_memory;
		}
		*r = (otpls_node){cstart, cstart + v.size, (int32_t)(n - f->parent), 1, sym, (uint8_t)field, node_flags(named, v.missing)};
		int32_t self = (int32_t)n++;
		if (named && v.visible_children > 0) {
			if (depth == stack_cap && !grow_stack(&stack, &stack_cap)) {
				give_back(&pool, &stack[depth - 1], c);
				goto out_of_memory;
			}
			f = &stack[depth - 1];
			open_frame(&stack[depth++], l, c, cstart, self, self, 0);
			enter(&stack[depth - 1], f, c);
		} else {
			give_back(&pool, f, c);
		}
	}
done:
	free(stack);
	if (consume) {
		t->root = (ts_subtree){.data = {.is_inline = true}}; // released: ts_tree_delete skips it
		ts_subtree_pool_delete(&pool);
	}
	*count = n;
	return out;
out_of_memory:
	if (consume) {
		if (stack) unwind(&pool, stack, depth);
		else ts_subtree_release(&pool, root);
		t->root = (ts_subtree){.data = {.is_inline = true}};
		ts_subtree_pool_delete(&pool);
	}
	free(stack);
	free(out);
	return NULL;
}

size_t otpls_node_size(void) { return sizeof(otpls_node); }

size_t otpls_node_offset(int field) {
	switch (field) {
	case 0: return offsetof(otpls_node, start);
	case 1: return offsetof(otpls_node, end);
	case 2: return offsetof(otpls_node, up);
	case 3: return offsetof(otpls_node, size);
	case 4: return offsetof(otpls_node, symbol);
	case 5: return offsetof(otpls_node, field);
	default: return offsetof(otpls_node, flags);
	}
}

#ifdef __GLIBC__
#include <malloc.h>
#endif

void otpls_release_freed_memory(void) {
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}
