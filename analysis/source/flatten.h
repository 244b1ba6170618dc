// The C side of flatten.go: two walks that turn a tree-sitter tree into a flat, pre-ordered
// array of records (see flatten.go for why), and the checks that say whether the fast one
// may be used with the tree-sitter build this program links.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct TSTree TSTree;
typedef struct TSLanguage TSLanguage;

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

// Both walks keep the same nodes: every named node, anonymous nodes that carry a field
// name (operators), and anonymous nodes tree-sitter inserted as MISSING (a forgotten
// `end`), so errors are seen; they descend into named nodes only. They return a malloc'ed
// array of *count records in pre-order, each naming its parent's index; the caller frees it.
// maybe_field[sym] is 0 for anonymous symbols that never carry a field we use
// (punctuation), whose field lookup is skipped; named_tab[sym] is 1 for named symbols.

// otpls_flatten_cursor walks with tree-sitter's public tree cursor: the reference.
otpls_rec *otpls_flatten_cursor(const TSTree *tree, const uint8_t *maybe_field, const uint8_t *named_tab, uint32_t nsym, int64_t size_hint, int64_t *count);

// otpls_flatten_direct reads tree-sitter's subtrees directly, several times cheaper than
// the cursor. Only valid when otpls_direct_layout_ok says the layout matches.
otpls_rec *otpls_flatten_direct(const TSTree *tree, const uint8_t *maybe_field, uint32_t nsym, int64_t size_hint, int64_t *count);

// otpls_direct_layout_ok checks, through tree-sitter's public API, the parts of the tree's
// and its language's layout the direct walk reads; the walk's output is then compared with
// the cursor's on sample trees (flatten.go) before it is trusted.
bool otpls_direct_layout_ok(const TSTree *tree);

size_t otpls_rec_size(void);
size_t otpls_rec_parent_offset(void);
size_t otpls_rec_missing_offset(void);
