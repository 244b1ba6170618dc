package bootorder

import (
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
	"github.com/otpls/otpls/codeactions"
)

// listOf is the children list of text (one literal list, entries named by single words),
// as the index would give it, placed at offset 100 of its file.
func listOf(text string, entries ...string) *index.ChildList {
	const base = 100
	cl := &index.ChildList{Span: index.NewSpan(base, base+len(text), source.Range{})}
	from := 0
	for _, e := range entries {
		at := from + strings.Index(text[from:], e)
		cl.Children = append(cl.Children, index.Child{Module: e, Span: index.NewSpan(base+at, base+at+len(e), source.Range{})})
		from = at + len(e)
	}
	return cl
}

// The move keeps a file's CRLF line endings and gives the moved last entry its comma.
func TestMoveKeepsLineEndings(t *testing.T) {
	text := "[\r\n  Needy,\r\n  Other,\r\n  # provides\r\n  Giver\r\n]"
	edits, ok := moveEdits(listOf(text, "Needy", "Other", "Giver"), text, 0, 2)
	if !ok {
		t.Fatal("no edits")
	}
	file := strings.Repeat(" ", 100) + text
	got, err := codeactions.Apply(file, edits)
	if err != nil {
		t.Fatal(err)
	}
	want := "[\r\n  # provides\r\n  Giver,\r\n  Needy,\r\n  Other\r\n]"
	if got[100:] != want {
		t.Fatalf("got %q, want %q", got[100:], want)
	}
}
