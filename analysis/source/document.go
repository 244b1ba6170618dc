// Package source is the source model: Elixir text parsed by tree-sitter, edited
// incrementally, with a Go copy of the syntax tree and a line index for LSP positions.
package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// File is one immutable parsed version of a document. Rules read it; nothing mutates it.
type File struct {
	Path  string
	Text  string
	Lines *LineIndex
	Root  *Node
	// Forms are the top-level definitions: each def, attribute, use, alias... of every
	// module (see IsForm). The index summarises them one by one.
	Forms []*Node
	// Comments in source order (suppressions and test expectations are read from them).
	Comments []*Node
	// Errors are ERROR and MISSING nodes: the file did not parse cleanly there.
	Errors []*Node
	// Abandoned, when not zero, is the parse budget (ParseBudget) the text's parse ran
	// past: the File has the text and its lines but the tree of an empty file.
	Abandoned time.Duration
	// nodes holds every node in source order (pre-order), contiguously.
	nodes []Node
	// version numbers the file among those this process made; formsFrom, for a file a
	// form's reparse made, says which of its forms are another file's (FormsMovedFrom).
	version   uint64
	formsFrom formsMove
	// derived holds what other packages work out from this version (its modules, its
	// calls) so that the index and the rules, which both need them, do it once; slot i
	// belongs to the DerivedKey numbered i.
	derived [maxDerivedKeys]atomic.Pointer[any]
}

// A DerivedKey names one kind of value derived from a File (see File.Derived). Make one
// per kind, in a package-level variable: a key is a slot in every File.
type DerivedKey struct{ slot int }

// maxDerivedKeys bounds the number of keys: each File holds a slot per key. Five are in
// use (symbols, calls, def clauses, modules, a rule's aliases).
const maxDerivedKeys = 6

var derivedKeys atomic.Int32

// NewDerivedKey makes a key. It panics when more than maxDerivedKeys are made, which
// only a new package-level key can cause, at start-up.
func NewDerivedKey() *DerivedKey {
	slot := int(derivedKeys.Add(1) - 1)
	if slot >= maxDerivedKeys {
		panic("source: too many DerivedKeys; raise maxDerivedKeys")
	}
	return &DerivedKey{slot: slot}
}

// Derived returns the value kept under key, computed by compute the first time it is
// asked for. A File never changes, so what is derived from it stays true; compute must
// be a pure function of the file, and callers must not modify what it returns. Callers
// racing on a first request may each compute; one value is kept and returned to all.
// (A slot per key rather than a map: the rules ask for a file's calls tens of thousands
// of times per batch, and hashing an interface key cost more than the lookup.)
func (f *File) Derived(key *DerivedKey, compute func() any) any {
	slot := &f.derived[key.slot]
	if v := slot.Load(); v != nil {
		return *v
	}
	v := compute()
	slot.CompareAndSwap(nil, &v)
	return *slot.Load()
}

// ForgetDerived drops every value Derived keeps, to be computed again when next asked for:
// for a caller that holds many files' trees at once and would rather compute a file's
// calls twice than hold them all. The nodes' symbols (NodesOfType) stay: a byte a node
// and no pointers, a twentieth of what the tree holds, which every rule's first
// NodesOfType would otherwise make again with a pass over the nodes.
func (f *File) ForgetDerived() {
	for i := range f.derived {
		if i != symbolsKey.slot {
			f.derived[i].Store(nil)
		}
	}
}

// NodeCount is the number of nodes of f; NodeIndex numbers them from 0.
func (f *File) NodeCount() int { return len(f.nodes) }

// NodeIndex returns n's place among f's nodes (pre-order), or -1 when n is not f's:
// tables of facts about f's nodes can be indexed by it.
func (f *File) NodeIndex(n *Node) int {
	if len(f.nodes) == 0 || n == nil {
		return -1
	}
	i := int((uintptr(unsafe.Pointer(n)) - uintptr(unsafe.Pointer(&f.nodes[0]))) / uintptr(nodeSize))
	if i < 0 || i >= len(f.nodes) || &f.nodes[i] != n {
		return -1
	}
	return i
}

// NodesOfType returns the nodes of type typ in source order. The rules and the index ask
// for several types per file; each request scans a compact array of the nodes' symbols
// (a byte a node), made on the first request, rather than the nodes themselves.
func (f *File) NodesOfType(typ string) []*Node {
	n := f.CountOfType(typ)
	out := make([]*Node, 0, n) // counted first: one allocation, not a growing slice
	if n == 0 {
		return out // no second scan to find none
	}
	for node := range f.OfType(typ) {
		out = append(out, node)
	}
	return out
}

// CountOfType is the number of nodes of type typ: len(NodesOfType(typ)), without the list.
func (f *File) CountOfType(typ string) int {
	syms, ids := f.symbols(), typeIDs(typ)
	n := 0
	for _, id := range ids {
		n += bytes.Count(syms, []byte{id})
	}
	return n
}

// OfType yields the nodes NodesOfType lists, in the same order, without making the list:
// for a caller that reads each once (the call table reads every call node of every file).
func (f *File) OfType(typ string) iter.Seq[*Node] {
	return func(yield func(*Node) bool) {
		syms, ids := f.symbols(), typeIDs(typ)
		if len(ids) == 1 {
			// Nearly every type has one symbol: IndexByte finds its nodes many bytes a step.
			for i := 0; ; i++ {
				j := bytes.IndexByte(syms[i:], ids[0])
				if j < 0 || !yield(&f.nodes[i+j]) {
					return
				}
				i += j
			}
		}
		for i, s := range syms {
			if bytes.IndexByte(ids, s) >= 0 && !yield(&f.nodes[i]) {
				return
			}
		}
	}
}

// typeIDs returns the symbols called typ (ERROR's own included for "ERROR").
func typeIDs(typ string) []byte {
	ids := symbolIDs[typ]
	if typ == "ERROR" {
		ids = append(ids[:len(ids):len(ids)], byte(errorSymbol))
	}
	return ids
}

var symbolsKey = NewCarriedKey(func(old any, m *Move) (any, bool) {
	syms := old.([]byte)
	out := make([]byte, 0, len(m.New.nodes))
	out = append(out, syms[:m.first]...)
	for n := range m.Inserted() {
		out = append(out, byte(n.symbol()))
	}
	return append(out, syms[m.end:]...), true
})

// symbols returns each node's symbol (Node.symbol), indexed like f.nodes. The grammar has
// fewer than 255 symbols (a test checks), so a byte holds each, errorSymbol included.
func (f *File) symbols() []byte {
	return f.Derived(symbolsKey, func() any {
		syms := make([]byte, len(f.nodes))
		for i := range f.nodes {
			syms[i] = byte(f.nodes[i].symbol())
		}
		return syms
	}).([]byte)
}

// Within returns the items that start inside n, from items sorted by the start offset pos
// gives: a binary search in place of a walk of n's subtree. The index and the rules slice
// the file's calls and nodes of a type by form with it.
func Within[T any](items []T, pos func(*T) int, n *Node) []T {
	from := firstAt(items, pos, n.Start())
	rest := items[from:]
	// A node holds few of the file's items: the end is found by doubling a step from the
	// start (the items it reads are the ones next to it) before searching between steps.
	lo, hi := 0, 1
	for hi < len(rest) && pos(&rest[hi-1]) < n.End() {
		lo, hi = hi, 2*hi
	}
	hi = min(hi, len(rest))
	return rest[:lo+firstAt(rest[lo:hi], pos, n.End())]
}

// firstAt is the index of the first item at or after offset (a binary search; pos reads
// items in place, as some are a hundred bytes).
func firstAt[T any](items []T, pos func(*T) int, offset int) int {
	lo, hi := 0, len(items)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if pos(&items[mid]) < offset {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Start is a node's start, the position Within orders nodes by.
func Start(n **Node) int { return (*n).Start() }

// Slice returns the text of n.
func (f *File) Slice(n *Node) string { return f.Text[n.Start():n.End()] }

// LineStartOf is the offset at which the line holding off starts.
func (f *File) LineStartOf(off int) int { return f.Lines.LineStart(f.Lines.Line(off)) }

// NextLineStart is the offset of the line after the one holding off, past its line
// terminator (len(Text) on the last line).
func (f *File) NextLineStart(off int) int {
	if line := f.Lines.Line(off); line+1 < f.Lines.LineCount() {
		return f.Lines.LineStart(line + 1)
	}
	return len(f.Text)
}

// BlankLine reports whether the line starting at lineStart holds only whitespace (the
// end of the text is not a line).
func (f *File) BlankLine(lineStart int) bool {
	end := f.NextLineStart(lineStart)
	return end > lineStart && strings.TrimSpace(f.Text[lineStart:end]) == ""
}

// Deletion widens [start, end), code a fix deletes, to whole lines (indentation, a
// trailing comment and the line end included) when the code has its lines to itself;
// wholeLines then is true. Code sharing a line with other code keeps that code: the range
// is the code itself and the spaces after it, so `@behaviour :gen_server def a ...` loses
// only its attribute; one space stays when code comes right before it too.
func (f *File) Deletion(start, end int) (from, to int, wholeLines bool) {
	ls, next := f.LineStartOf(start), f.NextLineStart(end)
	// After code, a `#` is a comment's: strings, charlists and sigils open otherwise.
	rest := strings.TrimLeft(f.Text[end:next], " \t")
	if strings.TrimSpace(f.Text[ls:start]) == "" && (strings.TrimSpace(rest) == "" || rest[0] == '#') {
		return ls, next, true
	}
	to = f.pastBlanks(end)
	if start > 0 && f.Text[start-1] != ' ' && f.Text[start-1] != '\t' && f.Text[start-1] != '\n' && to > end && to < len(f.Text) && f.Text[to] != '\n' && f.Text[to] != '\r' {
		// Code on both sides (`do@behaviour :x def a`): one blank keeps them apart, or
		// the tokens either side would fuse (`dodef`).
		to--
	}
	return start, to, false
}

// PastBlankLines returns the start of the first line from line start ls on that is not
// blank, stopping at limit: where a deletion of whole lines ends when the blank lines
// after the deleted code go with it.
func (f *File) PastBlankLines(ls, limit int) int {
	for ls < limit && f.BlankLine(ls) {
		ls = f.NextLineStart(ls)
	}
	return ls
}

// CommentsAbove returns where the comments directly above the line holding off begin:
// the start of the first of the lines right above it (no blank line between) that hold
// only a comment, or off's line start when there are none. They describe the code there,
// and go with it when a fix deletes it.
func (f *File) CommentsAbove(off int) int {
	ls := f.LineStartOf(off)
	for ls > 0 {
		prev := f.LineStartOf(ls - 1)
		code := f.pastBlanks(prev)
		// A `#` that starts a comment node (not one inside a heredoc), and only it on the line.
		i := sort.Search(len(f.Comments), func(i int) bool { return f.Comments[i].Start() >= code })
		if i == len(f.Comments) || f.Comments[i].Start() != code || f.NextLineStart(f.Comments[i].End()) != ls {
			break
		}
		ls = prev
	}
	return ls
}

// Newline is the file's line ending, "\r\n" when any line ends so, else "\n": the ending
// inserted code takes.
func (f *File) Newline() string {
	if strings.Contains(f.Text, "\r\n") {
		return "\r\n"
	}
	return "\n"
}

// IndentAt is the leading whitespace of the line holding off.
func (f *File) IndentAt(off int) string {
	ls := f.LineStartOf(off)
	return f.Text[ls:f.pastBlanks(ls)]
}

// pastBlanks is the offset after the spaces and tabs starting at off.
func (f *File) pastBlanks(off int) int {
	for off < len(f.Text) && (f.Text[off] == ' ' || f.Text[off] == '\t') {
		off++
	}
	return off
}

// Range returns the LSP range of n.
func (f *File) Range(n *Node) Range { return f.Lines.Range(n.Start(), n.End()) }

// parsers are pooled: a tree-sitter parser is not safe for concurrent use.
var parsers = sync.Pool{New: func() any {
	p := sitter.NewParser()
	p.SetLanguage(grammar().lang)
	return p
}}

func bytesOf(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// Parse parses text from scratch and returns the file. No tree is kept: tree-sitter's
// tree is closed as soon as it is walked, before the Go tree is built from the walk. It
// costs about 47 bytes of C memory per source byte, four times the Go tree, and a big
// file's tree and Go tree at once were most of the peak memory of its check.
func Parse(path, text string) *File {
	if f, ok := parseLarge(path, text, nil); ok {
		return f
	}
	flat, release, ok, abandon := parseFlat(text, len(text))
	switch {
	case abandon:
		return abandoned(path, text, nil)
	case !ok:
		// C memory ran out: a Go panic, which the server and the CLI recover from per
		// file, rather than a crash of the process in C.
		panic(errOutOfMemory)
	}
	if len(text) >= trimAfter {
		releaseFreedMemory()
	}
	_, nodes := buildAST(flat, text)
	release()
	return fileFromNodes(path, text, NewLineIndex(text), nodes)
}

// trimAfter is the text size from which closing its tree hands the freed C memory back to
// the system (releaseFreedMemory): the C allocator keeps what it frees, and a big file's
// tree left resident under the Go heap that grows next doubled its check's peak. Below
// it, the memory is reused by the next file's parse.
const trimAfter = 1 << 20

// ParseBudget is the processor time tree-sitter may spend parsing a text of n bytes: two
// seconds, and 5 microseconds a byte (a 4 MB file has 22 s; ordinary Elixir parses at
// about 0.1 microsecond a byte; the margin is wide because once, in a CI run on a
// machine at load 15, a 100 KB file's incremental parse passed a budget of 1.2 s, which
// no run since has reproduced). Some texts cost tree-sitter far more: a 400 KB
// expression of 100,000 additions took 4 s, 800 KB 22 s and a gigabyte. Past the budget
// the parse is abandoned (see File.Abandoned), so a pathological file costs the server or
// check a bounded time, never a stall. Processor time, not time on the clock: on a loaded
// machine an ordinary file waits for a core, and must not be abandoned for it.
var ParseBudget = func(n int) time.Duration { return 2*time.Second + time.Duration(n)*5*time.Microsecond }

// watchedParseSize is the size from which a parse is watched against its budget: a smaller
// text cannot take two seconds (the 100,000 additions take a quarter of one at 100 KB), and
// keystrokes re-parse small forms, which the watch would slow.
const watchedParseSize = 64 << 10

// errParseBudget is a parse stopped past its budget.
var errParseBudget = errors.New("the parse ran past its budget")

// abandoned is the File of a text whose parse ran past ParseBudget: the text and its
// lines, with the tree of an empty file (no forms, no modules).
func abandoned(path, text string, lines *LineIndex) *File {
	f := unparsed(path, text, lines)
	f.Abandoned = ParseBudget(len(text))
	return f
}

// unparsed is the File of a text that is not parsed: the text and its lines, with the
// tree of an empty file (no forms, no modules).
func unparsed(path, text string, lines *LineIndex) *File {
	empty := parse(nil, "")
	defer closeTree(empty)
	if lines == nil {
		lines = NewLineIndex(text)
	}
	f := newFile(path, "", empty, nil)
	f.Text, f.Lines = text, lines
	return f
}

// liveTrees counts tree-sitter trees not yet closed: their C memory is outside Go's GC,
// so tests check that long sessions do not leak them.
var liveTrees atomic.Int64

// LiveTrees returns the number of parsed trees not yet released.
func LiveTrees() int64 { return liveTrees.Load() }

// parse parses text with tree-sitter, reusing old (edited to match text) when given. It
// returns nil when the parse ran past ParseBudget, or the text is too long to parse.
func parse(old *sitter.Tree, text string) *sitter.Tree {
	if len(text) > math.MaxInt32 {
		return nil // Node's offsets are 32-bit; the limits on sources keep texts far below
	}
	var tree *sitter.Tree
	var err error
	if len(text) < watchedParseSize {
		p := parsers.Get().(*sitter.Parser)
		tree, err = p.ParseCtx(context.Background(), old, parserInput(text))
		parsers.Put(p)
	} else {
		// A parser of its own, dropped after: a watched parse is cancellable, and the
		// binding may raise a parser's cancellation flag after its parse has ended (its
		// watcher sees the parse done and the context cancelled at once), which would stop
		// the next parse of a pooled parser at its first step. A parser costs microseconds;
		// such a text, milliseconds.
		p := sitter.NewParser()
		p.SetLanguage(grammar().lang)
		tree, err = parseWatched(p, old, parserInput(text), ParseBudget(len(text)))
		p.Close()
	}
	if errors.Is(err, errParseBudget) {
		return nil
	}
	if err != nil || tree == nil {
		panic(fmt.Sprintf("tree-sitter failed to parse: %v", err))
	}
	liveTrees.Add(1)
	return tree
}

func closeTree(t *sitter.Tree) {
	t.Close()
	liveTrees.Add(-1)
}

// newFile makes the File of tree, parsed from text, and leaves the tree as it was (a
// document keeps it for its next incremental parse).
func newFile(path, text string, tree *sitter.Tree, lines *LineIndex) *File {
	if lines == nil {
		lines = NewLineIndex(text)
	}
	flat, release, err := flatten(tree, len(text), false)
	if err != nil {
		panic(err) // as in Parse
	}
	_, nodes := buildAST(flat, text)
	release()
	return fileFromNodes(path, text, lines, nodes)
}

// fileFromNodes makes a File of a linked node array (pre-order, root first).
func fileFromNodes(path, text string, lines *LineIndex, nodes []Node) *File {
	root := &nodes[0]
	f := &File{Path: path, Text: text, Lines: lines, Root: root, Forms: collectForms(root, text), nodes: nodes, version: versions.Add(1)}
	// The symbols NodesOfType reads are taken in the same pass, while the new nodes are in
	// the cache, instead of by a walk of their own on the first request.
	syms := make([]byte, len(nodes))
	for i := range nodes {
		syms[i] = byte(nodes[i].symbol())
		// The tests compare symbol ids, not Type() names: this runs for every node of every file.
		switch n := &nodes[i]; {
		case n.isComment():
			f.Comments = append(f.Comments, n)
		case n.isSyntaxError():
			f.Errors = append(f.Errors, n)
		}
	}
	f.Derived(symbolsKey, func() any { return syms })
	return f
}

// Document is an open, editable text with its live tree-sitter tree, kept for incremental
// reparsing. Methods are not safe for concurrent use; the File values it returns are.
//
// Most edits are handled by re-parsing only the form they fall in (see reparseForm); the
// tree-sitter tree then only records the edit (cheap) and is re-parsed, incrementally with
// every edit recorded since, the next time an edit needs the whole file parsed.
type Document struct {
	file *File
	// tree is nil for a text parsed piece by piece (see LargeText): a large text's
	// tree-sitter tree would hold five times the memory of its File.
	tree *sitter.Tree
	// limit, when positive, is the size in bytes past which the text is not parsed (the
	// max_file_size setting): its File is then the text without a tree, as for a closed
	// file that large, which is never read. tooLarge says the File is one.
	limit    int64
	tooLarge bool
}

// Open parses text and keeps the tree for later edits.
func Open(path, text string) *Document { return OpenLimited(path, text, 0) }

// OpenLimited is Open for a document not parsed while it is over limit bytes (0: no
// limit). Its edits are applied to the text all the same, and it is parsed from scratch
// once an edit or SetLimit brings it within the limit.
func OpenLimited(path, text string, limit int64) *Document {
	d := &Document{limit: limit}
	d.parseFresh(path, text, nil)
	return d
}

// TooLarge reports whether the current text is over the limit, and so not parsed.
func (d *Document) TooLarge() bool { return d.tooLarge }

// Limit is the size in bytes past which the text is not parsed (0: none).
func (d *Document) Limit() int64 { return d.limit }

// SetLimit changes the limit (the setting changed); it reports whether the File changed:
// a text now within it is parsed, one now over it loses its tree.
func (d *Document) SetLimit(limit int64) bool {
	if limit == d.limit {
		return false
	}
	d.limit = limit
	if d.tooLarge == d.over(len(d.file.Text)) {
		return false
	}
	d.Close()
	d.parseFresh(d.file.Path, d.file.Text, d.file.Lines)
	return true
}

func (d *Document) over(size int) bool { return d.limit > 0 && int64(size) > d.limit }

// parseFresh makes the document's File of text from scratch (no tree yet), unless the
// text is over the limit.
func (d *Document) parseFresh(path, text string, lines *LineIndex) {
	d.tooLarge = d.over(len(text))
	if d.tooLarge {
		d.file = unparsed(path, text, lines)
		return
	}
	if f, ok := parseLarge(path, text, lines); ok {
		d.file = f
		return
	}
	tree := parse(nil, text)
	if tree == nil {
		d.file = abandoned(path, text, lines)
		return
	}
	d.file, d.tree = newFile(path, text, tree, lines), tree
}

// File returns the current parsed version.
func (d *Document) File() *File { return d.file }

// Close releases the tree.
func (d *Document) Close() {
	if d.tree != nil {
		closeTree(d.tree)
		d.tree = nil
	}
}

// Change is one LSP content change: Range nil replaces the whole text.
type Change struct {
	Range *Range
	Text  string
}

// ErrOutOfRange reports a change whose range does not lie inside the document. The change
// is applied clamped to the document, as LSP clients expect, and the caller should log it.
type ErrOutOfRange struct{ Range Range }

func (e *ErrOutOfRange) Error() string {
	return fmt.Sprintf("change range %d:%d-%d:%d lies outside the document",
		e.Range.Start.Line, e.Range.Start.Character, e.Range.End.Line, e.Range.End.Character)
}

// Apply applies changes in order (each relative to the text the previous produced), edits
// the tree accordingly and reparses incrementally. A whole-text change drops the old tree.
// It returns the first out-of-range error seen, after applying every change clamped.
func (d *Document) Apply(changes []Change) error {
	var firstErr error
	text := d.file.Text
	lines := d.file.Lines
	tree := d.tree
	// The single edit's byte range in the old text, for the form-only reparse.
	editStart, editEnd := -1, -1
	for _, ch := range changes {
		if ch.Range == nil {
			text = ch.Text
			lines = NewLineIndex(text)
			if tree != nil {
				closeTree(tree)
				tree = nil
			}
			continue
		}
		start, ok1 := lines.Offset(ch.Range.Start)
		end, ok2 := lines.Offset(ch.Range.End)
		if (!ok1 || !ok2) && firstErr == nil {
			firstErr = &ErrOutOfRange{Range: *ch.Range}
		}
		if end < start {
			start, end = end, start
		}
		newText := text[:start] + ch.Text + text[end:]
		editStart, editEnd = start, end
		newLines := lines.Splice(start, end, ch.Text, newText)
		if tree != nil {
			sl, sc := lines.ByteColumn(start)
			ol, oc := lines.ByteColumn(end)
			nl, nc := newLines.ByteColumn(start + len(ch.Text))
			tree.Edit(sitter.EditInput{
				StartIndex:  uint32(start),
				OldEndIndex: uint32(end),
				NewEndIndex: uint32(start + len(ch.Text)),
				StartPoint:  sitter.Point{Row: uint32(sl), Column: uint32(sc)},
				OldEndPoint: sitter.Point{Row: uint32(ol), Column: uint32(oc)},
				NewEndPoint: sitter.Point{Row: uint32(nl), Column: uint32(nc)},
			})
		}
		lines = newLines
		text = newText
	}
	if d.over(len(text)) {
		if tree != nil {
			closeTree(tree)
		}
		d.tree, d.tooLarge = nil, true
		d.file = unparsed(d.file.Path, text, lines)
		return firstErr
	}
	d.tooLarge = false // within the limit; without a tree (it was over), parsed from scratch
	large := len(text) >= LargeText
	if len(changes) == 1 && changes[0].Range != nil && (tree != nil || large && len(d.file.Text) >= LargeText) {
		if f, ok := reparseForm(d.file, editStart, editEnd, text, lines); ok {
			d.tree, d.file = tree, f
			return firstErr
		}
	}
	if large {
		if tree != nil {
			closeTree(tree)
			tree = nil
		}
		if f, ok := parseLarge(d.file.Path, text, lines); ok {
			d.tree, d.file = nil, f
			return firstErr
		}
	}
	newTree := parse(tree, text)
	if tree != nil {
		closeTree(tree)
	}
	d.tree = newTree
	if newTree == nil {
		d.file = abandoned(d.file.Path, text, lines) // the next edit parses from scratch
		return firstErr
	}
	d.file = newFile(d.file.Path, text, newTree, lines)
	return firstErr
}

// ParseOnly parses text with tree-sitter and discards the tree: the baseline analysis
// throughput is compared against in benchmarks.
func ParseOnly(text string) {
	if tree := parse(nil, text); tree != nil {
		closeTree(tree)
	}
}
