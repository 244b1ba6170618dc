package source

import (
	"sort"
	"strings"
	"unsafe"
)

// Parsing a large text piece by piece.
//
// Tree-sitter's tree of a text takes about 45 bytes of C memory per source byte, five
// times the Go tree it is copied into, and it is all there at once at the end of the
// parse: a 5 MB module peaked at 224 MB in tree-sitter alone. A large text is therefore
// parsed in pieces, by the same reasoning that lets an edit re-parse only its form (see
// splice): the forms of a module body parse alone as they parse in the module. The text's
// long runs of forms (the defs and attributes of a module body, split where such a line
// starts) are each parsed alone, a piece of about pieceTarget bytes at a time, copied out
// and their trees closed; then the rest of the text, with those runs blanked out, is
// parsed as the skeleton the pieces' nodes are put back into. Only one piece's tree, or
// the skeleton's, is alive at once.
//
// Whatever cannot be shown to parse alone as in the file stays in the skeleton, parsed in
// its place: a piece that does not parse cleanly into whole, separated forms (a split line
// inside a heredoc, say). When the skeleton itself does not parse cleanly, or a blanked
// run does not fall between the children of a module body, the text is parsed whole. The
// result is the array of nodes a whole parse gives, node for node (tested against it on
// the generated corpus and on real projects).

// LargeText is the text size from which Parse and Document parse piece by piece, and
// from which the workspace holds a document lean (no form cache, no derived values
// kept between analyses; see workspace.Document). Below it a whole parse's tree is small
// enough, and the server keeps it for incremental re-parsing; above it the server
// re-parses a form alone when it can (see reparseForm) and the text piece by piece when
// it cannot.
const LargeText = 1 << 20

// pieceTarget is the size a piece grows to before the next split line starts another:
// large enough that a parse's fixed cost is nothing, small enough that its tree is a few
// megabytes.
const pieceTarget = 128 << 10

// run is a stretch of a module body that can be cut into pieces: split are the offsets
// of its lines that start a form at the body's indentation (the first is the run's
// start), and end is where the first line indented less than the body starts (the
// body's `end`).
type run struct {
	split []int
	end   int
}

// formRuns finds the runs of text. A run starts at a line that starts a def or an
// attribute, indented (a module body, never the file's top level, whose edges would decide
// where the root starts and ends); it takes every later line that starts a form at that
// indentation as a split, and ends at the first non-blank line indented less, which must
// be an `end`. Nested modules' lines lie inside the pieces of the run around them.
func formRuns(text string) []run {
	var runs []run
	var cur *run
	indent := 0
	for off := 0; off < len(text); {
		eol := strings.IndexByte(text[off:], '\n')
		next := len(text)
		if eol >= 0 {
			next = off + eol + 1
		}
		line := text[off:next]
		ind := len(line) - len(strings.TrimLeft(line, " \t"))
		rest := line[ind:]
		blank := strings.TrimSpace(rest) == ""
		if cur != nil && !blank && ind < indent {
			if isEndLine(rest) {
				cur.end = off
				runs = append(runs, *cur)
			}
			cur = nil
		}
		switch word := formWord(rest); {
		case cur == nil && ind > 0 && word != "" && word != "module":
			cur, indent = &run{split: []int{off}}, ind
		case cur != nil && ind == indent && word != "":
			cur.split = append(cur.split, off)
		}
		off = next
	}
	return runs // a run still open at the end of the text has no `end`: not cut
}

// formWord says whether line (from its first non-blank byte) starts a form that can
// begin a piece: "def" for def, defp, defmacro, defmacrop and @attributes, "module" for
// defmodule, defimpl and defprotocol (a split inside a run, never a run's start), "" for
// anything else. None of them can continue the line before (a line starting with a binary
// operator would).
func formWord(line string) string {
	if len(line) > 1 && line[0] == '@' && isLower(line[1]) {
		return "def"
	}
	for _, w := range [...]string{"def ", "defp ", "defmacro ", "defmacrop "} {
		if strings.HasPrefix(line, w) {
			return "def"
		}
	}
	for _, w := range [...]string{"defmodule ", "defimpl ", "defprotocol "} {
		if strings.HasPrefix(line, w) {
			return "module"
		}
	}
	return ""
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

// isEndLine reports a line that is the keyword `end`, alone or before a comment.
func isEndLine(line string) bool {
	rest, ok := strings.CutPrefix(line, "end")
	if !ok {
		return false
	}
	rest = strings.TrimLeft(rest, " \t\r")
	return rest == "" || rest == "\n" || rest[0] == '#'
}

// piece is a parsed stretch [start, end) of the text, its nodes copied out without their
// root, offsets still relative to start.
type piece struct {
	start, end int
	nodes      []Node
}

// parseLarge is parsePiecewise for a text of LargeText bytes or more, with pieces of
// pieceTarget bytes; ok is false for a smaller text, and where parsePiecewise cannot.
func parseLarge(path, text string, lines *LineIndex) (f *File, ok bool) {
	if len(text) < LargeText {
		return nil, false
	}
	return parsePiecewise(path, text, lines, pieceTarget)
}

// parsePiecewise parses text piece by piece (see above) into the File a whole parse would
// make; ok is false when it cannot, and the caller parses text whole.
func parsePiecewise(path, text string, lines *LineIndex, target int) (f *File, ok bool) {
	var pieces []piece
	for _, r := range formRuns(text) {
		for i := 0; i < len(r.split); {
			j := i + 1
			for j < len(r.split) && r.split[j]-r.split[i] < target {
				j++
			}
			end := r.end
			if j < len(r.split) {
				end = r.split[j]
			}
			p, ok, abandoned := parsePiece(text, r.split[i], end)
			if abandoned {
				// Past its budget alone, the piece is one tree-sitter finds pathological: the
				// whole parse, under one budget for the text, decides (instead of a budget
				// spent again for every such piece).
				return nil, false
			}
			if ok {
				pieces = append(pieces, p)
			}
			i = j
		}
	}
	if len(pieces) == 0 {
		return nil, false
	}
	skeleton := []byte(text)
	for _, p := range pieces {
		for k := p.start; k < p.end; k++ {
			skeleton[k] = '\n' // keeps every offset; a run of line breaks parses at once
		}
	}
	flat, release, ok, _ := parseFlat(unsafe.String(unsafe.SliceData(skeleton), len(skeleton)), len(text)/8)
	if !ok {
		return nil, false
	}
	nodes, ok := insertPieces(flat, pieces)
	release()
	// The pieces' trees were freed by whichever threads parsed them, each into the C
	// allocator's arena of its thread, which keeps it: handed back now, they are not
	// resident under the Go heap the summary and the rules grow next (a 5 MB module's
	// check peaked at 167 MB without this, 137 MB with it, four runs each).
	releaseFreedMemory()
	if !ok {
		return nil, false
	}
	if lines == nil {
		lines = NewLineIndex(text)
	}
	return fileFromNodes(path, text, lines, nodes), true
}

// parsePiece parses text[start:end] alone; ok is false unless it parses cleanly into
// forms separated as statements are (see splice, which accepts a form's re-parse on the
// same terms); abandoned says the parse ran past its budget.
func parsePiece(text string, start, end int) (p piece, ok, abandoned bool) {
	snippet := text[start:end]
	flat, release, ok, abandoned := parseFlat(snippet, len(snippet))
	if !ok {
		return piece{}, false, abandoned
	}
	defer release()
	if len(flat) < 2 || !parsesAsInContext(flat, snippet) {
		return piece{}, false, false
	}
	return piece{start: start, end: end, nodes: append([]Node(nil), flat[1:]...)}, true, false
}

// insertPieces returns the skeleton's nodes with each piece's nodes put in the blank it
// left: among the children of the statement list around it. ok is false when the
// skeleton has a syntax error, or a blank does not lie between the children of one do
// block.
func insertPieces(skel []Node, pieces []piece) ([]Node, bool) {
	total := len(skel)
	for i := range skel {
		if skel[i].isSyntaxError() {
			return nil, false
		}
	}
	// Where each piece goes: before the skeleton node at index at, hanging from parent.
	type place struct{ at, parent int }
	places := make([]place, len(pieces))
	for k, p := range pieces {
		total += len(p.nodes)
		// The last node starting at or before the blank, then up to the node around it:
		// a search, not a walk of every child, so that a file of many small modules (a
		// piece each) costs no more than one of a few large ones.
		last := sort.Search(len(skel), func(i int) bool { return skel[i].Start() > p.start }) - 1
		if last < 0 {
			return nil, false
		}
		parent, below := last, -1 // below: the parent's child on the way up, if any
		for !(skel[parent].Start() <= p.start && p.end <= skel[parent].End()) {
			up := skel[parent].Parent()
			if up == nil {
				return nil, false
			}
			parent, below = indexOf(skel, up), parent
		}
		at := last + 1
		switch {
		case skel[parent].Type() != "do_block":
			return nil, false
		case below >= 0 && skel[below].End() > p.start,
			at < parent+skel[parent].subtreeLen() && skel[at].Start() < p.end:
			return nil, false // a skeleton node in the blank
		}
		places[k] = place{at, parent}
	}
	// The merged array, with every node's parent as an index in it; sizes are summed
	// from the leaves up at the end.
	out := make([]Node, 0, total)
	parents := make([]int32, 0, total)
	shift := make([]int32, len(skel)+1) // nodes inserted before each skeleton index
	k := 0
	for i := 0; i <= len(skel); i++ {
		for k < len(pieces) && places[k].at == i {
			base := len(out)
			parent := places[k].parent + int(shift[places[k].parent])
			for j := range pieces[k].nodes {
				n := &pieces[k].nodes[j]
				out = append(out, Node{start: n.start + int32(pieces[k].start), end: n.end + int32(pieces[k].start), sym: n.sym, field: n.field, flags: n.flags})
				if n.up == 0 || j-int(n.up) < 0 {
					parents = append(parents, int32(parent))
				} else {
					parents = append(parents, int32(base+j-int(n.up)))
				}
			}
			k++
		}
		shift[i] = int32(len(out) - i)
		if i == len(skel) {
			break
		}
		n := &skel[i]
		out = append(out, Node{start: n.start, end: n.end, sym: n.sym, field: n.field, flags: n.flags})
		if n.up == 0 {
			parents = append(parents, -1)
		} else {
			p := i - int(n.up)
			parents = append(parents, int32(p)+shift[p])
		}
	}
	for i := len(out) - 1; i >= 0; i-- {
		out[i].size++
		if p := parents[i]; p >= 0 {
			out[i].up = int32(i) - p
			out[p].size += out[i].size
		}
	}
	return out, true
}
