package bootorder

import (
	"fmt"
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/index"
)

// moveFix moves entry j of the list just above the entry of the dependent child (oc.item),
// in the supervisor's file, keeping every entry's text byte for byte. None when entry j's
// own start needs something an entry it would now start before provides (the move would
// break that one), or when the list's layout is not one the move can keep.
func moveFix(snap *index.Snapshot, oc occurrence, j int) (analysis.Fix, bool) {
	bl, i := oc.list, oc.item
	if needsBetween(snap, bl, i, j) {
		return analysis.Fix{}, false
	}
	edits, ok := moveEdits(&bl.list, bl.text, i, j)
	if !ok {
		return analysis.Fix{}, false
	}
	for k := range edits {
		edits[k].Path = bl.path
	}
	return analysis.Fix{
		Title:   fmt.Sprintf("Start %s before %s", entryName(bl.items[j].child), entryName(bl.items[i].child)),
		Safe:    false,
		Changes: "also changes shutdown order and :rest_for_one coupling",
		Edits:   edits,
	}, true
}

// entryName names an entry by its name when it has one (`{Registry, name: X}`), else by
// its module.
func entryName(ch index.Child) string {
	if ch.Name != "" {
		return shownName(ch.Name)
	}
	return ch.Module
}

// needsBetween reports whether the workspace modules entry j starts need, at boot,
// something one of the entries i..j-1 provides.
func needsBetween(snap *index.Snapshot, bl *bootList, i, j int) bool {
	for _, mod := range bl.items[j].modules {
		m := snap.Module(mod)
		if m == nil {
			continue
		}
		for _, u := range usesOf(snap, m, reachFrom(m, bootRoots(m), nil), nil, guardedFunctions(m)) {
			for k := i; k < j; k++ {
				if _, ok := bl.items[k].provides[u.name]; ok {
					return true
				}
			}
		}
	}
	return false
}

// moveEdits are the edits of the list's file that move entry j above entry i (i < j).
// On one line (`[A, B, C]`, entries apart by ", ") the entries from i to j are written
// again in their new order. Over several lines, where each entry from i to j has its lines
// to itself (with an optional comma and trailing comment), entry j's lines, with the
// comment lines just above it, move above entry i's comment lines; when j was the last
// entry, the comma moves with it from the entry before.
func moveEdits(cl *index.ChildList, text string, i, j int) ([]analysis.Edit, bool) {
	base := cl.Span.Start()
	if i >= j || j >= len(cl.Children) || len(text) != cl.Span.End()-cl.Span.Start() {
		return nil, false
	}
	start := func(k int) int { return cl.Children[k].Span.Start() - base }
	end := func(k int) int { return cl.Children[k].Span.End() - base }
	for k := i; k <= j; k++ {
		if start(k) <= 0 || end(k) > len(text) || start(k) > end(k) {
			return nil, false
		}
	}
	edit := func(from, to int, s string) analysis.Edit {
		return analysis.Edit{Start: base + from, End: base + to, NewText: s}
	}
	if !strings.Contains(text[start(i):end(j)], "\n") {
		parts := []string{text[start(j):end(j)]}
		for k := i; k < j; k++ {
			if text[end(k):start(k+1)] != ", " {
				return nil, false
			}
			parts = append(parts, text[start(k):end(k)])
		}
		return []analysis.Edit{edit(start(i), end(j), strings.Join(parts, ", "))}, true
	}
	l := lines{text}
	for k := i; k <= j; k++ {
		if !l.alone(start(k), end(k)) {
			return nil, false
		}
	}
	if l.indent(start(i)) != l.indent(start(j)) {
		return nil, false
	}
	from, to := l.commentsAbove(start(j), end(j-1)), l.lineEnd(end(j))
	at := l.commentsAbove(start(i), 0)
	if i > 0 {
		at = l.commentsAbove(start(i), end(i-1))
	}
	last := j == len(cl.Children)-1
	if !last || strings.HasPrefix(strings.TrimLeft(text[end(j):to], " \t"), ",") {
		return []analysis.Edit{edit(at, at, text[from:to]), edit(from, to, "")}, true
	}
	// The last entry gets the comma it lacked; the one before it, now last, loses its.
	comma := end(j-1) + strings.IndexByte(text[end(j-1):], ',')
	if comma < end(j-1) || strings.TrimSpace(text[end(j-1):comma]) != "" {
		return nil, false
	}
	moved := text[from:end(j)] + "," + text[end(j):to]
	return []analysis.Edit{edit(at, at, moved), edit(comma, comma+1, ""), edit(l.blanksAbove(from, comma), to, "")}, true
}

// lines reads the line layout of a list's text.
type lines struct{ text string }

// lineStart is the offset of the line holding off.
func (l lines) lineStart(off int) int { return strings.LastIndexByte(l.text[:off], '\n') + 1 }

// lineEnd is the offset just past the newline ending the line holding off.
func (l lines) lineEnd(off int) int {
	if n := strings.IndexByte(l.text[off:], '\n'); n >= 0 {
		return off + n + 1
	}
	return len(l.text)
}

func (l lines) indent(off int) string { return l.text[l.lineStart(off):off] }

// alone reports whether [start, end) has its lines to itself: only indentation before it,
// and after it at most a comma and a comment; not on the line of the list's `[`.
func (l lines) alone(start, end int) bool {
	ls := l.lineStart(start)
	if ls == 0 || strings.TrimSpace(l.text[ls:start]) != "" {
		return false
	}
	rest := strings.TrimSpace(strings.TrimSuffix(l.text[end:l.lineEnd(end)], "\n"))
	rest = strings.TrimSpace(strings.TrimPrefix(rest, ","))
	return rest == "" || strings.HasPrefix(rest, "#")
}

// commentsAbove is the start of the run of comment-only lines just above the line of
// off (the line itself when there are none), not going above limit.
func (l lines) commentsAbove(off, limit int) int {
	at := l.lineStart(off)
	for at > 0 {
		prev := l.lineStart(at - 1)
		if prev <= limit || !strings.HasPrefix(strings.TrimSpace(l.text[prev:at]), "#") {
			break
		}
		at = prev
	}
	return at
}

// blanksAbove is the start of the run of blank lines just above the line starting at
// off, not going above limit.
func (l lines) blanksAbove(off, limit int) int {
	for off > 0 {
		prev := l.lineStart(off - 1)
		if prev <= limit || strings.TrimSpace(l.text[prev:off]) != "" {
			break
		}
		off = prev
	}
	return off
}
