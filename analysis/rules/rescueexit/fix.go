package rescueexit

import (
	"strings"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/elixir"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// exitHead is the head of the catch clause the fix adds: the reason is not used, since
// the body is the rescue clause's, which did not use the exception either.
const exitHead = ":exit, _reason"

// fix adds a `catch :exit, _reason ->` clause whose body is the catch-all rescue clause's,
// so that an exit ends the same way an exception does (docs/rules/OTP020.md, "Fix
// safety"). It is offered only when that body does not use the exception (an exit has no
// exception to give it) and the rescue is laid out one clause per line: the new clause
// goes first in the try's catch block, or in a new catch block right after the rescue.
func fix(p *analysis.Pass, g guarded) (analysis.Fix, bool) {
	f := p.File
	v := g.catchAll.Child("left").NamedChildren()[0]
	body := g.catchAll.Child("right")
	if body == nil || !codeactions.StartsLine(f, g.rescue.Start()) || !codeactions.StartsLine(f, g.catchAll.Start()) {
		return analysis.Fix{}, false
	}
	if name := f.Slice(v); !strings.HasPrefix(name, "_") && elixir.UsesAny(f, body, map[string]bool{name: true}) {
		return analysis.Fix{}, false // the body uses the exception
	}
	nl := f.Newline()
	var at int
	var indent, prefix string
	if cb := catchBlock(g.do); cb != nil {
		first := firstClause(cb)
		if first == nil || !codeactions.StartsLine(f, first.Start()) {
			return analysis.Fix{}, false
		}
		at, indent = f.LineStartOf(first.Start()), f.IndentAt(first.Start())
	} else {
		end := g.rescue.Start() + len(strings.TrimRight(f.Slice(g.rescue), " \t\r\n"))
		if !codeactions.StartsLine(f, nextToken(f, end)) {
			return analysis.Fix{}, false // something follows the rescue on its last line
		}
		at, indent = f.NextLineStart(end), f.IndentAt(g.catchAll.Start())
		prefix = f.IndentAt(g.rescue.Start()) + "catch" + nl
	}
	clause, ok := codeactions.ClauseWithHead(f, g.catchAll, exitHead, indent, nl)
	if !ok {
		return analysis.Fix{}, false
	}
	return analysis.Fix{
		Title:   "Add catch :exit, _reason with the rescue clause's body",
		Changes: "exits of the protected body are caught instead of ending the process",
		Edits:   []analysis.Edit{p.Edit(at, at, prefix+clause)},
	}, true
}

// nextToken is the offset of the first non-blank byte from off on.
func nextToken(f *source.File, off int) int {
	for off < len(f.Text) && strings.ContainsRune(" \t\r\n", rune(f.Text[off])) {
		off++
	}
	return off
}

func catchBlock(do *source.Node) *source.Node {
	for b := range do.Children() {
		if b.Type() == "catch_block" {
			return b
		}
	}
	return nil
}

func firstClause(block *source.Node) *source.Node {
	for c := range block.Children() {
		if c.Type() == "stab_clause" {
			return c
		}
	}
	return nil
}
