package source

import (
	"encoding/binary"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// Position is an LSP position: zero-based line and UTF-16 code unit column.
type Position struct {
	Line      int
	Character int
}

// Range is an LSP range of two positions.
type Range struct {
	Start, End Position
}

// LineIndex converts between byte offsets and LSP positions. Lines end at "\n", "\r\n" or a
// lone "\r", as the LSP specification says; a final line without a newline is a line too.
type LineIndex struct {
	// starts holds the byte offset where each line starts, in 32 bits: a text the server
	// takes is at most 64 MB (a message's size), and the index lives as long as its tree.
	starts []int32
	text   string
	// ascii is true when text is all ASCII (nearly all source is): a column is then its
	// byte offset in the line, with no characters to decode.
	ascii bool
	// marks holds, for each long line of a non-ASCII text that a conversion has needed, the
	// columns of points along it (see lineMarks); built on first need, never changed after.
	marksMu sync.Mutex
	marks   map[int][]columnMark
}

// A column is counted by decoding the line from its start, so on a long non-ASCII line
// each conversion costs the line's length, and many findings on one line (a minified or
// generated file: a 1 MB line took 32 s) cost its length squared. A line longer than
// markSpan bytes gets a mark every markSpan bytes, the first time a column on it is
// needed: counting starts from the mark before the offset, so each conversion decodes at
// most markSpan bytes and the marks cost one pass over the line.
const markSpan = 512

// columnMark is a character boundary on a line, and its UTF-16 column.
type columnMark struct{ off, units int }

// markBefore returns the last point of line at or before off (or, by column, at or before
// character) from which counting can start: a mark, or the line's start.
func (x *LineIndex) markBefore(line, off, character int) columnMark {
	start := int(x.starts[line])
	if x.ascii || x.lineContentEnd(line)-start <= markSpan {
		return columnMark{start, 0}
	}
	marks := x.lineMarks(line)
	i := sort.Search(len(marks), func(i int) bool { return marks[i].off > off || marks[i].units > character }) - 1
	if i < 0 {
		return columnMark{start, 0}
	}
	return marks[i]
}

// lineMarks returns the marks of a long line, computing them on first need.
func (x *LineIndex) lineMarks(line int) []columnMark {
	x.marksMu.Lock()
	defer x.marksMu.Unlock()
	if marks, ok := x.marks[line]; ok {
		return marks
	}
	start, end := int(x.starts[line]), x.lineContentEnd(line)
	var marks []columnMark
	units := 0
	for i, next := start, start+markSpan; i < end; {
		if i >= next {
			marks = append(marks, columnMark{i, units})
			next = i + markSpan
		}
		r, size := utf8.DecodeRuneInString(x.text[i:end])
		units += utf16Len(r)
		i += size
	}
	if x.marks == nil {
		x.marks = map[int][]columnMark{}
	}
	x.marks[line] = marks
	return marks
}

// utf16Len is how many UTF-16 code units r takes (an invalid byte decodes as U+FFFD, one).
func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// NewLineIndex indexes text. It keeps a reference to text for UTF-16 column counting.
func NewLineIndex(text string) *LineIndex {
	starts := make([]int32, 1, len(text)/24+1) // code averages about 30 bytes a line
	return &LineIndex{starts: appendLineStarts(starts, text, 0, len(text)), text: text, ascii: isASCII(text)}
}

func isASCII(s string) bool {
	// Eight bytes a step: every file is checked whole each time it is parsed.
	b := unsafe.Slice(unsafe.StringData(s), len(s))
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendLineStarts appends the starts of the lines whose terminators begin in text[from:to].
func appendLineStarts(starts []int32, text string, from, to int) []int32 {
	if strings.IndexByte(text[from:to], '\r') < 0 {
		// Almost every file: only "\n" ends lines, and IndexByte finds them many bytes
		// per instruction instead of one.
		for i := from; ; {
			j := strings.IndexByte(text[i:to], '\n')
			if j < 0 {
				return starts
			}
			i += j + 1
			starts = append(starts, int32(i))
		}
	}
	for i := from; i < to; i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, int32(i+1))
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, int32(i+1))
		}
	}
	return starts
}

// Splice returns the index of newText, which is x's text with [start, end) replaced by
// inserted. Only the lines around the edit are scanned: a keystroke in a large file keeps
// the other line starts, shifted, instead of scanning the whole text again.
func (x *LineIndex) Splice(start, end int, inserted, newText string) *LineIndex {
	delta := len(inserted) - (end - start)
	// The new text is ASCII if the old one and the insertion are (a text that lost its
	// last non-ASCII byte is not seen as ASCII: slower columns, the same answers).
	ascii := x.ascii && isASCII(inserted)
	// Keep the starts up to the line holding start-1: they depend only on text before start
	// (a "\r" just before start may pair with a "\n" the edit adds or removes).
	keep := 0
	if start > 0 {
		keep = x.Line(start - 1)
	}
	lo := int(x.starts[keep])
	// From the first start past end+1 on, starts depend only on text after end: shift them.
	hi, _ := slices.BinarySearch(x.starts, int32(end+2))
	starts := make([]int32, keep+1, len(x.starts)+strings.Count(inserted, "\n")+1)
	copy(starts, x.starts[:keep+1])
	// Terminators before newHi-1 are scanned; the one ending at newHi-1 makes the shifted
	// start x.starts[hi] itself.
	if hi == len(x.starts) {
		return &LineIndex{starts: appendLineStarts(starts, newText, lo, len(newText)), text: newText, ascii: ascii}
	}
	newHi := int(x.starts[hi]) + delta
	starts = appendLineStarts(starts, newText, lo, newHi-1)
	if last := int(starts[len(starts)-1]); last >= newHi {
		starts = starts[:len(starts)-1] // a "\r\n" ending at newHi-1, found by the scan
	}
	for _, s := range x.starts[hi:] {
		starts = append(starts, s+int32(delta))
	}
	return &LineIndex{starts: starts, text: newText, ascii: ascii}
}

// LineCount is the number of lines (a text ending in a newline has an empty last line).
func (x *LineIndex) LineCount() int { return len(x.starts) }

// LineStart is the byte offset at which line starts.
func (x *LineIndex) LineStart(line int) int { return int(x.starts[line]) }

// lineContentEnd is the offset of line's terminator (or the end of text).
func (x *LineIndex) lineContentEnd(line int) int {
	end := len(x.text)
	if line+1 < len(x.starts) {
		end = int(x.starts[line+1])
		if end > 0 && x.text[end-1] == '\n' {
			end--
		}
		if end > int(x.starts[line]) && x.text[end-1] == '\r' {
			end--
		}
	}
	return end
}

// lineAfter is Line(off) for an offset on line from or after it: found by doubling a step
// from there (a range's end is most often a few lines after its start) before searching.
func (x *LineIndex) lineAfter(from, off int) int {
	lo, hi := from, from+1 // the line is at or after lo: starts[lo] <= off
	for hi < len(x.starts) && int(x.starts[hi]) <= off {
		lo, hi = hi, hi+2*(hi-lo)
	}
	hi = min(hi, len(x.starts))
	// The last line in [lo, hi) starting at or before off.
	return lo + sort.Search(hi-lo, func(i int) bool { return int(x.starts[lo+i]) > off }) - 1
}

// Line returns the zero-based line holding byte offset off.
func (x *LineIndex) Line(off int) int {
	return sort.Search(len(x.starts), func(i int) bool { return int(x.starts[i]) > off }) - 1
}

// Position converts a byte offset to an LSP position. Offsets inside a multi-byte character
// or a line terminator are clamped to the character's start or the line's end.
func (x *LineIndex) Position(off int) Position {
	p, _ := x.position(off)
	return p
}

// position is Position, with the offset the position stands for (off, clamped).
func (x *LineIndex) position(off int) (Position, int) { return x.positionFrom(0, off) }

// lineFrom is Line(off), told that off may lie on line hint or after it: then the line is
// found from there, by doubling a step, in the few steps a near line takes.
func (x *LineIndex) lineFrom(hint, off int) int {
	if hint > 0 && hint < len(x.starts) && int(x.starts[hint]) <= off {
		return x.lineAfter(hint, off)
	}
	return x.Line(off)
}

// positionFrom is position, told that the offset may lie on line hint or after it.
func (x *LineIndex) positionFrom(hint, off int) (Position, int) {
	if off < 0 {
		off = 0
	}
	if off > len(x.text) {
		off = len(x.text)
	}
	line := x.lineFrom(hint, off)
	to := min(off, x.lineContentEnd(line))
	from := x.markBefore(line, to, math.MaxInt)
	units, at := x.countUnits(from.off, to)
	return Position{Line: line, Character: from.units + units}, at
}

// countUnits counts the UTF-16 code units of text[from:to] (within one line) and returns
// where counting stopped: to, or the start of a character that to cuts.
func (x *LineIndex) countUnits(from, to int) (units, at int) {
	if x.ascii {
		return to - from, to
	}
	i := from
	for i < to {
		if x.text[i] < utf8.RuneSelf { // ASCII, by far the common case: one unit per byte
			units++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(x.text[i:])
		if i+size > to {
			break // to cuts a character: the position is at its start
		}
		units += utf16Len(r)
		i += size
	}
	return units, i
}

// ByteColumn returns the zero-based line and byte column of off (what tree-sitter's points use).
func (x *LineIndex) ByteColumn(off int) (line, col int) {
	line = x.Line(off)
	return line, off - int(x.starts[line])
}

// Offset converts an LSP position to a byte offset. A line past the end maps to the end of
// the text and a column past the end of its line maps to the line's end, as the LSP
// specification asks; ok is false in those cases so callers can log them.
func (x *LineIndex) Offset(p Position) (off int, ok bool) {
	if p.Line < 0 || p.Character < 0 {
		return 0, false
	}
	if p.Line >= len(x.starts) {
		return len(x.text), false
	}
	end := x.lineContentEnd(p.Line)
	from := x.markBefore(p.Line, math.MaxInt, p.Character)
	units := from.units
	for i := from.off; i < end; {
		if units >= p.Character {
			return i, units == p.Character
		}
		r, size := utf8.DecodeRuneInString(x.text[i:end])
		units += utf16Len(r)
		i += size
	}
	return end, units == p.Character
}

// Range converts a byte range to an LSP range.
func (x *LineIndex) Range(start, end int) Range {
	s, at := x.position(start)
	// Most ranges end on the line they start on (the index computes one per call site):
	// count on from the start instead of searching for the line and counting it again.
	if end >= at && end <= x.lineContentEnd(s.Line) && end-at <= markSpan {
		units, _ := x.countUnits(at, end)
		return Range{Start: s, End: Position{Line: s.Line, Character: s.Character + units}}
	}
	e, _ := x.positionFrom(s.Line, end)
	return Range{Start: s, End: e}
}
