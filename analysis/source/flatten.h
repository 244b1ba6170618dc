// The C side of flatten.go: two walks that turn a tree-sitter tree into a flat, pre-ordered
// array of records (see flatten.go for why), and the checks that say whether the fast one
// may be used with the tree-sitter build this program links.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct TSTree TSTree;
typedef struct TSLanguage TSLanguage;

// One record per kept node, laid out exactly as the Go Node (a test checks), so that the
// Go tree is one copy of the walk's output: start and end byte; how many records back the
// parent is (0 for the root); how many records the subtree holds, the node's own included.
typedef struct {
	int32_t start;
	int32_t end;
	int32_t up;
	int32_t size;
	uint16_t symbol;
	uint8_t field;
	uint8_t flags; // 1: named; 2: missing
} otpls_node;

// The walk keeps the nodes the reference walk in flatten.go keeps: every named node,
// anonymous nodes that carry a field name (operators), and anonymous nodes tree-sitter
// inserted as MISSING (a forgotten `end`), so errors are seen; it descends into named
// nodes only. maybe_field[sym] is 0 for anonymous symbols that never carry a field we use
// (punctuation), whose field lookup is skipped.
//
// otpls_flatten_direct reads tree-sitter's subtrees directly, several times cheaper than
// tree-sitter's cursor. Only valid after otpls_direct_prepare returned true. It returns a
// malloc'ed array of *count records in pre-order, which the caller frees; when memory
// runs out it frees what it allocated, sets *count to -1 and returns NULL.
//
// With consume, the walk also releases the tree's subtrees as it leaves them, as
// ts_tree_delete would (a tree freed while it is walked is read once instead of twice):
// the tree is then empty, whether the walk completed or not, and ts_tree_delete frees
// what is left of it. For a tree about to be deleted only.
otpls_node *otpls_flatten_direct(const TSTree *tree, const uint8_t *maybe_field, uint32_t nsym, int64_t size_hint, bool consume, int64_t *count);

// otpls_direct_prepare checks, through tree-sitter's public API, the parts of the tree's
// and its language's layout the direct walk reads, and builds the walk's field table for
// the language; the walk's output is then compared with the cursor's on sample trees
// (flatten.go) before it is trusted. Not safe to call concurrently (flatten.go calls it
// once).
bool otpls_direct_prepare(const TSTree *tree);

// otpls_test_fail_growth makes the nth growth of the walk's arrays from now on, on the
// calling thread, fail as if memory had run out (0: none). For tests.
void otpls_test_fail_growth(int64_t nth);

// otpls_refcount_matches checks, on a freshly parsed tree, that the walk reads a subtree's
// reference count where tree-sitter keeps it: one for the root, two while a copy of the
// tree exists. The consuming walk frees what only it references, and gives back the rest.
bool otpls_refcount_matches(const TSTree *tree);

size_t otpls_node_size(void);
size_t otpls_node_offset(int field);

// otpls_release_freed_memory hands the memory the C allocator holds free back to the
// system, where the allocator can (glibc's malloc_trim); elsewhere it does nothing.
void otpls_release_freed_memory(void);
