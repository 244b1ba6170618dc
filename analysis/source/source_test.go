package source

import (
	"bytes"
	"fmt"
	"github.com/otpls/otpls/analysis/benchcorpus"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"
)

const sample = `defmodule A.B do
  use GenServer
  @impl true
  def handle_call({:get, k}, _from, state) when is_atom(k) do
    {:reply, state.x, %{state | a: 1}}
  end
  # a comment
  def f(a), do: spawn(fn -> a end)
end
`

// dumpBinding renders the tree through the binding's own (slow) API, keeping the same
// nodes flatten keeps: the reference the fast path must agree with. (Punctuation is
// dropped even where the grammar gives it a field, like a string's quotes: no rule reads
// those fields.) Extras such as comments carry no field: the binding's field-by-child-index
// counts them and hands them the next child's field; tree-sitter's cursor, which flatten
// follows, does not.
func dumpBinding(n *sitter.Node, field string, src []byte, sb *strings.Builder, depth int) {
	typ := n.Type()
	if !n.IsNamed() && !n.IsMissing() {
		typ = n.Content(src)
	}
	fmt.Fprintf(sb, "%*s%s:%s[%d,%d] named=%v\n", depth*2, "", field, typ, n.StartByte(), n.EndByte(), n.IsNamed())
	for i := 0; i < int(n.ChildCount()); i++ {
		c := n.Child(i)
		f := n.FieldNameForChild(i)
		if c.IsExtra() {
			f = "" // the binding counts extras (comments) into the field map; the cursor does not
		}
		if c.IsNamed() || f != "" && !punctuation[c.Type()] || c.IsMissing() {
			dumpBinding(c, f, src, sb, depth+1)
		}
	}
}

func dumpAST(n *Node, sb *strings.Builder, depth int) {
	fmt.Fprintf(sb, "%*s%s:%s[%d,%d] named=%v\n", depth*2, "", n.Field(), n.Type(), n.Start(), n.End(), n.Named())
	for c := range n.Children() {
		dumpAST(c, sb, depth+1)
	}
}

func TestFlattenMatchesBinding(t *testing.T) {
	if !nodeLayoutMatches() {
		t.Fatal("Go Node and C otpls_node disagree on layout")
	}
	srcs := []string{sample, "", "defmodule X do\n  def (\nend", "defmodule A do\n  def f, do: :x\n", strings.Repeat("[", 300) + strings.Repeat("]", 300)}
	// Every Elixir file of the repository's fixtures and sample app, too: flatten decides
	// named-ness from a per-symbol table, which must agree with tree-sitter's own answer.
	err := filepath.WalkDir("../../testdata", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".ex") || strings.HasSuffix(p, ".exs")) {
			b, err := os.ReadFile(p)
			srcs = append(srcs, string(b))
			return err
		}
		return err
	})
	if err != nil || len(srcs) < 50 {
		t.Fatalf("reading testdata: %v (%d files)", err, len(srcs))
	}
	for _, src := range srcs {
		tree := parse(nil, src)
		var want, got strings.Builder
		dumpBinding(tree.RootNode(), "", []byte(src), &want, 0)
		f := newFile("x.ex", src, tree, nil)
		dumpAST(f.Root, &got, 0)
		tree.Close()
		if want.String() != got.String() {
			t.Fatalf("flattened tree differs from the binding's for %q:\nwant:\n%s\ngot:\n%s", src, want.String(), got.String())
		}
	}
}

func TestFormsAreModuleBodyDefinitions(t *testing.T) {
	f := Parse("a.ex", sample)
	var got []string
	for _, n := range f.Forms {
		got = append(got, strings.SplitN(f.Slice(n), "\n", 2)[0])
	}
	want := []string{"use GenServer", "@impl true", "def handle_call({:get, k}, _from, state) when is_atom(k) do", "# a comment", "def f(a), do: spawn(fn -> a end)"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("forms = %q, want %q", got, want)
	}
	if len(f.Comments) != 1 || len(f.Errors) != 0 {
		t.Fatalf("comments=%d errors=%d", len(f.Comments), len(f.Errors))
	}
}

func TestLineIndexUTF16(t *testing.T) {
	text := "a = \"héllo 😀\"\r\nb\rc\n😀x"
	x := NewLineIndex(text)
	if x.LineCount() != 4 {
		t.Fatalf("lines = %d, want 4", x.LineCount())
	}
	cases := []struct {
		off  int
		want Position
	}{
		{0, Position{0, 0}},
		{strings.Index(text, "llo"), Position{0, 7}},
		{strings.Index(text, "😀"), Position{0, 11}},
		{strings.Index(text, "😀") + 4, Position{0, 13}},
		{strings.Index(text, "\r\n") + 1, Position{0, 14}}, // inside CRLF: clamped to line end
		{strings.Index(text, "b"), Position{1, 0}},
		{strings.Index(text, "c"), Position{2, 0}},
		{strings.Index(text, "x"), Position{3, 2}},
		{len(text), Position{3, 3}},
	}
	for _, c := range cases {
		if got := x.Position(c.off); got != c.want {
			t.Errorf("Position(%d) = %v, want %v", c.off, got, c.want)
		}
	}
	for _, c := range []struct {
		p    Position
		want int
		ok   bool
	}{
		{Position{0, 11}, strings.Index(text, "😀"), true},
		{Position{0, 13}, strings.Index(text, "😀") + 4, true},
		{Position{0, 99}, strings.Index(text, "\r\n"), false},
		{Position{3, 2}, strings.Index(text, "x"), true},
		{Position{9, 0}, len(text), false},
	} {
		got, ok := x.Offset(c.p)
		if got != c.want || ok != c.ok {
			t.Errorf("Offset(%v) = %d,%v want %d,%v", c.p, got, ok, c.want, c.ok)
		}
	}
}

func TestIncrementalEditsMatchFullParse(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	doc := Open("a.ex", sample)
	defer doc.Close()
	inserts := []string{"x", "😀", "\n", "é", " do\n", "end", "(", "\r\n", ""}
	for i := 0; i < 300; i++ {
		f := doc.File()
		a, b := rng.Intn(len(f.Text)+1), rng.Intn(len(f.Text)+1)
		if a > b {
			a, b = b, a
		}
		if b-a > 10 {
			b = a + rng.Intn(10)
		}
		r := f.Lines.Range(a, b)
		if err := doc.Apply([]Change{{Range: &r, Text: inserts[rng.Intn(len(inserts))]}}); err != nil {
			t.Fatal(err)
		}
		var inc, full strings.Builder
		dumpAST(doc.File().Root, &inc, 0)
		dumpAST(Parse("a.ex", doc.File().Text).Root, &full, 0)
		if inc.String() != full.String() {
			t.Fatalf("step %d: incremental tree differs from a full parse of %q", i, doc.File().Text)
		}
	}
}

func TestApplyOutOfRangeIsClampedAndReported(t *testing.T) {
	doc := Open("a.ex", "abc\n")
	defer doc.Close()
	r := Range{Start: Position{5, 0}, End: Position{6, 0}}
	err := doc.Apply([]Change{{Range: &r, Text: "x"}})
	if _, ok := err.(*ErrOutOfRange); !ok {
		t.Fatalf("err = %v, want ErrOutOfRange", err)
	}
	if got := doc.File().Text; got != "abc\nx" {
		t.Fatalf("text = %q", got)
	}
	if err := doc.Apply([]Change{{Text: "whole"}}); err != nil || doc.File().Text != "whole" {
		t.Fatalf("full replace: %v %q", err, doc.File().Text)
	}
}

func TestMissingEndIsAnError(t *testing.T) {
	f := Parse("a.ex", "defmodule A do\n  def f, do: :x\n")
	if len(f.Errors) == 0 {
		t.Fatal("a missing end is not reported as a syntax error")
	}
	if len(Parse("a.ex", sample).Errors) != 0 {
		t.Fatal("clean file reported as broken")
	}
}

// TestFormReparseMatchesFullParse types into the forms of a large GenServer module: each
// keystroke is handled by re-parsing only its form, and the tree (fields, offsets, parents,
// forms, comments) is exactly a full parse's.
func TestFormReparseMatchesFullParse(t *testing.T) {
	text := string(benchcorpus.GenServerModule("Big", 300, 1))
	doc := Open("big.ex", text)
	defer doc.Close()
	rng := rand.New(rand.NewSource(2))
	inserts := []string{"x", " ", "é", "1", "_", "😀", "\n", "# note\n    ", ""}
	before := formReparses.Load()
	moved := int64(0)
	for i := 0; i < 200; i++ {
		f := doc.File()
		// An offset inside an identifier or whitespace of some form, away from its edges.
		if len(f.Errors) > 0 || len(f.Forms) == 0 {
			// Typing broke the code: start again from the original text.
			if err := doc.Apply([]Change{{Text: text}}); err != nil {
				t.Fatal(err)
			}
			f = doc.File()
		}
		form := f.Forms[rng.Intn(len(f.Forms))]
		if form.Len() < 4 {
			continue
		}
		a := form.Start() + 1 + rng.Intn(form.Len()-2)
		b := min(a+rng.Intn(2), form.End()-1)
		r := f.Lines.Range(a, b)
		if err := doc.Apply([]Change{{Range: &r, Text: inserts[rng.Intn(len(inserts))]}}); err != nil {
			t.Fatal(err)
		}
		full := matchesFullParse(t, i, doc.File())
		if formsMovedFrom(t, i, doc.File(), f) {
			moved++
		}
		for k, n := range doc.File().NodesOfType("call") {
			if m := full.NodesOfType("call")[k]; n.Start() != m.Start() || n.End() != m.End() {
				t.Fatalf("step %d: node array order differs", i)
			}
		}
	}
	if n := formReparses.Load() - before; n < 100 || moved < n {
		t.Fatalf("only %d of 200 edits were handled by re-parsing their form (and %d told which forms moved)", n, moved)
	}
}

// formsMovedFrom checks what f, made from old by an edit, says of the forms it kept
// (FormsMovedFrom): each of old's forms but the replaced ones is the one of f's it
// names, with the same text. It reports whether f said anything.
func formsMovedFrom(t *testing.T, step int, f, old *File) bool {
	t.Helper()
	first, end, inserted, ok := f.FormsMovedFrom(old.Version())
	if !ok {
		return false
	}
	if len(f.Forms) != len(old.Forms)-(end-first)+inserted {
		t.Fatalf("step %d: %d forms, but %d of %d were replaced by %d", step, len(f.Forms), end-first, len(old.Forms), inserted)
	}
	for k, form := range old.Forms {
		j := k
		switch {
		case k >= end:
			j = k - end + first + inserted
		case k >= first:
			continue
		}
		if old.Slice(form) != f.Slice(f.Forms[j]) {
			t.Fatalf("step %d: old form %d is not form %d", step, k, j)
		}
	}
	if _, _, _, ok := f.FormsMovedFrom(f.Version()); ok {
		t.Fatalf("step %d: a file says it was made from itself", step)
	}
	return true
}

// dumpNodes is dumpAST with every field of a node, and a check of parent links.
func dumpNodes(n *Node, sb *strings.Builder, depth int) {
	fmt.Fprintf(sb, "%*s%s:%s[%d,%d] named=%v missing=%v\n", depth*2, "", n.Field(), n.Type(), n.Start(), n.End(), n.Named(), n.Missing())
	for c := range n.Children() {
		if c.Parent() != n {
			fmt.Fprintf(sb, "bad parent of %s under %s\n", c.Type(), n.Type())
		}
		dumpNodes(c, sb, depth+1)
	}
}

// Splicing a line index gives the index of the edited text, whatever the edit does to
// line terminators around it (CRLF pairs made or split, lone CRs, edits at either end).
func TestLineIndexSpliceMatchesRebuild(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "é", "\n", "\r", "\r\n", " ", "😀"}
	gen := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		return b.String()
	}
	for i := 0; i < 20000; i++ {
		text := gen(rng.Intn(12))
		start := rng.Intn(len(text) + 1)
		end := start + rng.Intn(len(text)-start+1)
		inserted := gen(rng.Intn(4))
		newText := text[:start] + inserted + text[end:]
		got := NewLineIndex(text).Splice(start, end, inserted, newText)
		want := NewLineIndex(newText)
		if !slices.Equal(got.starts, want.starts) {
			t.Fatalf("splice %q [%d,%d) <- %q: starts %v, want %v", text, start, end, inserted, got.starts, want.starts)
		}
		if got.ascii && !want.ascii {
			t.Fatalf("splice %q [%d,%d) <- %q: ASCII, but the new text is not", text, start, end, inserted)
		}
		for off := 0; off <= len(newText); off++ {
			if got.Position(off) != want.Position(off) {
				t.Fatalf("splice %q [%d,%d) <- %q: Position(%d) = %v, want %v", text, start, end, inserted, off, got.Position(off), want.Position(off))
			}
		}
	}
}

// Deletion takes whole lines only from code alone on them (a trailing comment goes with
// the code); code sharing a line keeps its neighbours.
func TestDeletion(t *testing.T) {
	text := "  @impl true\n  @behaviour :gen_server def a, do: 1\n  x = f() # note\n  y = 1; z = 2\nmodule do@moduledoc false  def b, do: 2\n"
	f := Parse("x.ex", text)
	cases := []struct {
		code, want string
		whole      bool
	}{
		{"@impl true", "  @impl true\n", true},
		{"@behaviour :gen_server", "@behaviour :gen_server ", false},
		{"x = f()", "  x = f() # note\n", true},
		{"y = 1", "y = 1", false},
		{"z = 2", "z = 2", false},
		{"@moduledoc false", "@moduledoc false ", false}, // `do` before: one space stays
	}
	for _, c := range cases {
		start := strings.Index(text, c.code)
		from, to, whole := f.Deletion(start, start+len(c.code))
		if got := text[from:to]; got != c.want || whole != c.whole {
			t.Errorf("Deletion of %q = %q (whole lines %v), want %q (%v)", c.code, got, whole, c.want, c.whole)
		}
	}
}

// NodesOfType keeps a node's symbol in a byte, ERROR taking the id after the grammar's.
func TestSymbolsFitInAByte(t *testing.T) {
	if errorSymbol > 255 {
		t.Fatalf("the grammar has %d symbols: File.symbols needs wider ids", len(symbolNames))
	}
}

// NodesOfType finds exactly the nodes whose Type is asked for, in source order, for every
// type of a file, syntax errors included.
func TestNodesOfTypeAndOfTypeMatchType(t *testing.T) {
	f := Parse("x.ex", "defmodule A do\n  def f(x), do: [x, :a, \"s#{x}\"] |> g(\n  def h(1 +, do: %{a: 1}\nend\n")
	if len(f.Errors) == 0 {
		t.Fatal("want a file with syntax errors")
	}
	byType := map[string][]*Node{}
	for i := range f.nodes {
		byType[f.nodes[i].Type()] = append(byType[f.nodes[i].Type()], &f.nodes[i])
	}
	for typ, want := range byType {
		if got := f.NodesOfType(typ); !slices.Equal(got, want) {
			t.Errorf("NodesOfType(%q): %d nodes, want %d", typ, len(got), len(want))
		}
		// The file's OfType yields the same nodes without the list, and stops when told.
		if got, n := slices.Collect(f.OfType(typ)), f.CountOfType(typ); !slices.Equal(got, want) || n != len(want) {
			t.Errorf("File.OfType(%q): %d nodes, CountOfType %d, want %d", typ, len(got), n, len(want))
		}
		for first := range f.OfType(typ) {
			if first != want[0] {
				t.Errorf("File.OfType(%q) stopped after the first: %v, want %v", typ, first, want[0])
			}
			break
		}
	}
	if got := f.NodesOfType("no_such_type"); len(got) != 0 || f.CountOfType("no_such_type") != 0 {
		t.Errorf("NodesOfType of an unknown type: %d nodes", len(got))
	}
	// OfType is the same filter over one subtree: every type, from every node.
	for i := range f.nodes {
		n := &f.nodes[i]
		for typ := range byType {
			var want []*Node
			for m := range n.Subtree() {
				if m.Type() == typ {
					want = append(want, m)
				}
			}
			if got := slices.Collect(n.OfType(typ)); !slices.Equal(got, want) {
				t.Errorf("OfType(%q) under a %s at %d: %d nodes, want %d", typ, n.Type(), n.Start(), len(got), len(want))
			}
		}
	}
	if got := slices.Collect(f.Root.OfType("no_such_type")); len(got) != 0 {
		t.Errorf("OfType of an unknown type: %d nodes", len(got))
	}
}

// Range counts a one-line range's end on from its start, and looks for a later line's
// from the start's line; it must agree with converting both ends separately, inside
// characters and line terminators too, and for ends many lines on.
func TestRangeMatchesPositions(t *testing.T) {
	for _, text := range []string{"a = \"héllo 😀\"\r\nb\rc\n😀x", "é😀\r\n\n\r\rab", "", "ab\r\ncd\re\n\nf", strings.Repeat("ab\r\ncd\ré\n\n😀f\n", 25)} {
		x := NewLineIndex(text)
		for start := -1; start <= len(text)+1; start++ {
			for end := start - 2; end <= len(text)+1; end++ {
				want := Range{Start: x.Position(start), End: x.Position(end)}
				if got := x.Range(start, end); got != want {
					t.Fatalf("%q: Range(%d, %d) = %v, want %v", text, start, end, got, want)
				}
			}
		}
	}
}

// Subtree visits exactly what Walk visits, in the same order, for every node of a file.
// TestNavigation checks the array links against each other on every node of a module:
// Walk and Subtree visit what a recursion over Children does, in its order; every child's
// Parent is the node; NextSibling steps through Children; FirstChild is the first of
// them; Contains holds for exactly the subtree.
func TestNavigation(t *testing.T) {
	f := Parse("big.ex", string(benchcorpus.GenServerModule("Big", 120, 3)))
	var recurse func(n *Node, into *[]*Node)
	recurse = func(n *Node, into *[]*Node) {
		*into = append(*into, n)
		for c := range n.Children() {
			recurse(c, into)
		}
	}
	for i := range f.nodes {
		n := &f.nodes[i]
		var want, walked []*Node
		recurse(n, &want)
		n.Walk(func(m *Node) bool { walked = append(walked, m); return true })
		sub := slices.Collect(n.Subtree())
		if n.SubtreeLen() != len(sub) {
			t.Fatalf("node %d (%s): SubtreeLen %d, Subtree visits %d", i, n.Type(), n.SubtreeLen(), len(sub))
		}
		if len(sub) != len(want) || len(walked) != len(want) {
			t.Fatalf("node %d (%s): %d nodes by recursion, Subtree has %d, Walk visits %d", i, n.Type(), len(want), len(sub), len(walked))
		}
		for k := range want {
			if sub[k] != want[k] || walked[k] != want[k] {
				t.Fatalf("node %d (%s): node %d of the subtree differs", i, n.Type(), k)
			}
		}
		kids := slices.Collect(n.Children())
		if len(kids) != n.ChildCount() {
			t.Fatalf("node %d (%s): %d children, ChildCount says %d", i, n.Type(), len(kids), n.ChildCount())
		}
		if len(kids) > 0 && n.FirstChild() != kids[0] || len(kids) == 0 && n.FirstChild() != nil {
			t.Fatalf("node %d (%s): wrong first child", i, n.Type())
		}
		for k, c := range kids {
			if c.Parent() != n {
				t.Fatalf("node %d (%s): child %d's parent is not the node", i, n.Type(), k)
			}
			if next := c.NextSibling(); k+1 < len(kids) && next != kids[k+1] || k+1 == len(kids) && next != nil {
				t.Fatalf("node %d (%s): child %d's next sibling is wrong", i, n.Type(), k)
			}
		}
		for j := range f.nodes {
			inside := j >= i && j < i+len(want) // the run, which is the recursion's nodes
			if n.Contains(&f.nodes[j]) != inside {
				t.Fatalf("node %d (%s): Contains(node %d) is %v, should be %v", i, n.Type(), j, !inside, inside)
			}
		}
	}
	if f.Root.Parent() != nil || f.Root.Contains(nil) {
		t.Fatal("the root has a parent, or contains nil")
	}
	var lone Node // a Node outside any array is a leaf with no parent
	if lone.Parent() != nil || lone.FirstChild() != nil || lone.NextSibling() != nil || lone.ChildCount() != 0 || lone.SubtreeLen() != 1 {
		t.Fatal("a zero Node is not a lone leaf")
	}
}

// An operator token is typed by its grammar symbol, so a word operator written with extra
// spaces has the same type as the usual spelling.
func TestSpacedWordOperatorType(t *testing.T) {
	for _, src := range []string{"x = a not in b\n", "x = a not   in b\n", "x = a not\tin b\n"} {
		f := Parse("a.ex", src)
		ops := f.NodesOfType("binary_operator")
		if len(ops) != 2 {
			t.Fatalf("%q: %d binary operators, want 2", src, len(ops))
		}
		if op := ops[1].Child("operator"); op == nil || op.Type() != "not in" {
			t.Fatalf("%q: operator %v, want \"not in\"", src, op)
		}
	}
}

// Child("") is the first child without a field name, as with field names stored as text.
func TestChildWithoutField(t *testing.T) {
	f := Parse("a.ex", "foo(a)\n")
	call := f.NodesOfType("call")[0]
	if c := call.Child(""); c == nil || c.Type() != "arguments" {
		t.Fatalf("Child(\"\") = %v, want the arguments node", c)
	}
	if c := call.Child("target"); c == nil || c.Type() != "identifier" {
		t.Fatalf("Child(\"target\") = %v, want the identifier", c)
	}
}

// CommentsAbove reaches up over comment-only lines right above the code, and stops at a
// blank line, at code (with a trailing comment or not), and at a `#` inside a heredoc.
func TestCommentsAbove(t *testing.T) {
	src := `defmodule A do
  def f do
    x = 1 # trailing
    # about y,
    # on two lines
    y = 2

    # apart from z by a blank line

    z = 3
    s = """
    # in a heredoc
    """
    w = 4
  end
end
`
	f := Parse("a.ex", src)
	for _, tc := range []struct {
		code string
		line int // 0-based line where the deletion would start
	}{
		{"y = 2", 3},
		{"x = 1", 2},
		{"z = 3", 9},
		{"w = 4", 13},
		{"\"\"\"\n    w", 12}, // the closing quotes: the line above is the heredoc's text
		{"def f", 1},
	} {
		got := f.CommentsAbove(strings.Index(src, tc.code))
		if got != f.Lines.LineStart(tc.line) {
			t.Errorf("CommentsAbove(%q) is on line %d, want line %d", tc.code, f.Lines.Line(got), tc.line)
		}
	}
}

func TestNodeIndex(t *testing.T) {
	f, g := Parse("a.ex", sample), Parse("b.ex", sample)
	n := 0
	f.Root.Walk(func(x *Node) bool {
		if got := f.NodeIndex(x); got != n {
			t.Fatalf("NodeIndex of the %dth node in pre-order = %d", n, got)
		}
		n++
		return true
	})
	if n != f.NodeCount() {
		t.Fatalf("walked %d nodes, NodeCount = %d", n, f.NodeCount())
	}
	if i := f.NodeIndex(g.Root.FirstChild()); i != -1 {
		t.Fatalf("another file's node has index %d", i)
	}
	outside := &Node{start: f.Root.start, end: f.Root.end} // like the root, but not in the array
	if i := f.NodeIndex(outside); i != -1 || f.NodeIndex(nil) != -1 {
		t.Fatalf("a node outside the array has index %d", i)
	}
}

// Keys are made once per process, as in the packages that use them (-count=N reruns).
var testKey1, testKey2 = NewDerivedKey(), NewDerivedKey()

func TestDerivedComputesOncePerKeyAndFile(t *testing.T) {
	k1, k2 := testKey1, testKey2
	f, g := Parse("a.ex", sample), Parse("b.ex", sample)
	calls := 0
	get := func(f *File, k *DerivedKey, v string) string {
		return f.Derived(k, func() any { calls++; return v }).(string)
	}
	got := []string{get(f, k1, "f1"), get(f, k1, "again"), get(f, k2, "f2"), get(g, k1, "g1")}
	if want := []string{"f1", "f1", "f2", "g1"}; !slices.Equal(got, want) || calls != 3 {
		t.Fatalf("got %q with %d computations, want %q with 3", got, calls, want)
	}
	// Forgotten, a value is computed again when next asked for; the other file keeps its.
	// The nodes' symbols stay, and still find the nodes of a type.
	calls0 := f.NodesOfType("call")
	f.ForgetDerived()
	if f.derived[symbolsKey.slot].Load() == nil {
		t.Fatal("ForgetDerived dropped the nodes' symbols")
	}
	if again := f.NodesOfType("call"); len(calls0) == 0 || !slices.Equal(again, calls0) {
		t.Fatalf("calls after ForgetDerived: %d, before: %d", len(again), len(calls0))
	}
	got = []string{get(f, k1, "f1 again"), get(f, k2, "f2 again"), get(g, k1, "not again")}
	if want := []string{"f1 again", "f2 again", "g1"}; !slices.Equal(got, want) || calls != 5 {
		t.Fatalf("after ForgetDerived: got %q with %d computations, want %q with 5", got, calls, want)
	}
}

func TestIsASCII(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", true}, {"defmodule A do\nend\n", true}, {"é", false},
		{"0123456789abcdef\x80", false}, {"\x800123456789abcdef", false}, {"01234567é", false},
		{"0123456789abcdef01234567", true},
	} {
		if got := isASCII(c.s); got != c.want {
			t.Errorf("isASCII(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

// On long lines (past markSpan, where counting starts from marks along the line) every
// offset converts to the column that decoding the line from its start gives, and back:
// multi-byte and surrogate-pair characters, invalid bytes, marks falling inside a
// character, and every line ending.
func TestLongLineColumnsMatchCountingFromTheStart(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	pieces := []string{"a", "é", "😀", "\xff", "€", " ", "\xe2\x82"}
	var b strings.Builder
	for line := 0; line < 4; line++ {
		for b.Len() < (line+1)*3*markSpan {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		b.WriteString([]string{"\n", "\r\n", "\r", ""}[line])
	}
	text := b.String()
	x := NewLineIndex(text)
	naive := func(off int) Position {
		line := x.Line(off)
		units := 0
		for i := x.LineStart(line); i < min(off, x.lineContentEnd(line)); {
			r, size := utf8.DecodeRuneInString(x.text[i:])
			if i+size > off {
				break
			}
			units += utf16Len(r)
			i += size
		}
		return Position{Line: line, Character: units}
	}
	for off := 0; off <= len(text); off++ {
		want := naive(off)
		if got := x.Position(off); got != want {
			t.Fatalf("Position(%d) = %v, want %v", off, got, want)
		}
		back, _ := x.Offset(want)
		if again := x.Position(back); again != want || back > off {
			t.Fatalf("Offset(%v) = %d (at %v), not the start of the character at %d", want, back, again, off)
		}
		if end := min(len(text), off+rng.Intn(3*markSpan)); x.Range(off, end) != (Range{want, naive(end)}) {
			t.Fatalf("Range(%d, %d) = %v, want %v-%v", off, end, x.Range(off, end), want, naive(end))
		}
	}
	if len(x.marks) != 4 || len(x.marks[0]) < 2 {
		t.Fatalf("marks on %d lines (first %d), want all 4 long lines marked", len(x.marks), len(x.marks[0]))
	}
}

// TestRegionReparseMatchesFullParse types at the edges of a module's forms and between
// them (the end of an attribute's line, before a `use`, a new line between functions): each
// keystroke that leaves the code parsing is handled by re-parsing the forms around it, and
// the tree, forms and comments are exactly a full parse's.
func TestRegionReparseMatchesFullParse(t *testing.T) {
	text := string(benchcorpus.SessionModule("Big", 400, 1))
	doc := Open("big.ex", text)
	defer doc.Close()
	rng := rand.New(rand.NewSource(3))
	inserts := []string{"x", " ", "0", "\n", "\n\n", "# note", "\n  @extra 1", ", 2", " do", "\n  def f, do: 1\n", ""}
	before := regionReparses.Load()
	for i := 0; i < 300; i++ {
		f := doc.File()
		if len(f.Errors) > 0 || len(f.Forms) < 2 {
			if err := doc.Apply([]Change{{Text: text}}); err != nil {
				t.Fatal(err)
			}
			f = doc.File()
		}
		k := rng.Intn(len(f.Forms) - 1)
		form, next := f.Forms[k], f.Forms[k+1]
		var a int
		switch rng.Intn(3) {
		case 0:
			a = form.Start()
		case 1:
			a = form.End()
		default:
			a = form.End() + rng.Intn(max(next.Start()-form.End(), 1))
		}
		b := a
		if rng.Intn(4) == 0 {
			b = min(a+1, len(f.Text)) // a deletion
		}
		r := f.Lines.Range(a, b)
		if err := doc.Apply([]Change{{Range: &r, Text: inserts[rng.Intn(len(inserts))]}}); err != nil {
			t.Fatal(err)
		}
		matchesFullParse(t, i, doc.File())
	}
	if n := regionReparses.Load() - before; n < 100 {
		t.Fatalf("only %d of 300 edits were handled by re-parsing the forms around them", n)
	}
}

// matchesFullParse checks that an incrementally edited file is what a full parse of its
// text gives: the tree (fields, offsets, parents), the errors, the forms and comments (each
// a child of its parent, in the file's tree); it returns the full parse.
func matchesFullParse(t *testing.T, step int, f *File) *File {
	t.Helper()
	full := Parse(f.Path, f.Text)
	var inc, want strings.Builder
	dumpNodes(f.Root, &inc, 0)
	dumpNodes(full.Root, &want, 0)
	if inc.String() != want.String() {
		t.Fatalf("step %d: tree differs from a full parse:\n%s", step, dumpDifference(f.Text, inc.String(), want.String()))
	}
	if len(f.Errors) != len(full.Errors) {
		t.Fatalf("step %d: errors differ", step)
	}
	// A parse takes the symbols with the nodes and a form's reparse carries them: the
	// slot is never empty, and what it holds is the full parse's.
	if syms := f.derived[symbolsKey.slot].Load(); syms == nil || !bytes.Equal((*syms).([]byte), full.symbols()) {
		t.Fatalf("step %d: the symbols are missing or differ from a full parse's", step)
	}
	for _, list := range [][2][]*Node{{f.Forms, full.Forms}, {f.Comments, full.Comments}} {
		if len(list[0]) != len(list[1]) {
			t.Fatalf("step %d: %d forms or comments, a full parse has %d", step, len(list[0]), len(list[1]))
		}
		for k, n := range list[0] {
			top := n
			for top.Parent() != nil {
				top = top.Parent()
			}
			if w := list[1][k]; n.Type() != w.Type() || n.Start() != w.Start() || n.End() != w.End() || !slices.Contains(slices.Collect(n.Parent().Children()), n) || top != f.Root {
				t.Fatalf("step %d: form or comment %d is %s@%d-%d, a full parse has %s@%d-%d", step, k, n.Type(), n.Start(), n.End(), w.Type(), w.Start(), w.End())
			}
		}
	}
	return full
}

// dumpDifference shows where two tree dumps of text part, with the text around it.
func dumpDifference(text, got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < min(len(g), len(w)); i++ {
		if g[i] != w[i] {
			var at int
			fmt.Sscanf(w[i][strings.Index(w[i], "[")+1:], "%d", &at)
			from, to := max(at-200, 0), min(at+200, len(text))
			return fmt.Sprintf("got  %s\nwant %s\nat %q", g[i], w[i], text[from:to])
		}
	}
	return "one dump is longer"
}

// TestRegionReparseKeepsTheFileParse: edits after which the forms around them parse alone
// otherwise than in the file give the file's tree all the same: `)0` (two statements run
// together, an error in a module), a `# ` that comments out a def's head (its `end` then
// closes the module), a new line between two attributes.
func TestRegionReparseKeepsTheFileParse(t *testing.T) {
	text := string(benchcorpus.SessionModule("Big", 100, 1))
	// Each insert goes where mark is found, after its prefix before "|".
	for _, c := range []struct{ mark, insert string }{
		{"name: __MODULE__)|\n", "0"},
		{"@impl true\n  |def handle_call", "# "},
		{"@timeout 30_000|", "\n  @extra 1"},
		{"@timeout 30_000|", "0"},
	} {
		doc := Open("big.ex", text)
		before, after, _ := strings.Cut(c.mark, "|")
		at := strings.Index(text, before+after) + len(before)
		r := doc.File().Lines.Range(at, at)
		if err := doc.Apply([]Change{{Range: &r, Text: c.insert}}); err != nil {
			t.Fatal(err)
		}
		t.Logf("%q typed at %q", c.insert, c.mark)
		matchesFullParse(t, 0, doc.File())
		doc.Close()
	}
}

// slowToParse is Elixir that tree-sitter takes seconds to parse at this size (one
// expression of 100,000 additions: 4 s, where ordinary code of 400 KB takes some 40 ms).
func slowToParse() string {
	return "defmodule Sum do\n  def f(x) do\n    " + strings.TrimSuffix(strings.Repeat("x + ", 100_000), " + ") + "\n  end\nend\n"
}

// withParseBudget sets ParseBudget to d for the test.
func withParseBudget(t *testing.T, d time.Duration) {
	old := ParseBudget
	ParseBudget = func(int) time.Duration { return d }
	t.Cleanup(func() { ParseBudget = old })
}

// A text whose parse runs past its budget is abandoned, not waited for: the File keeps the
// text and has no forms, the parser is usable for the next parse, no tree is left behind,
// and an open document parses again from scratch on its next edit.
func TestParsePastItsBudgetIsAbandoned(t *testing.T) {
	withParseBudget(t, 100*time.Millisecond)
	trees := LiveTrees()
	slow := slowToParse()
	f := Parse("sum.ex", slow)
	if f.Abandoned != 100*time.Millisecond || f.Text != slow || len(f.Forms) != 0 || f.Lines.Line(len(slow)) != 5 {
		t.Fatalf("abandoned parse: budget %v, %d forms, text kept %v", f.Abandoned, len(f.Forms), f.Text == slow)
	}
	ok := "defmodule Ok do\n  def f(x), do: x + 1\nend\n"
	if g := Parse("ok.ex", ok); g.Abandoned != 0 || len(g.Forms) != 1 {
		t.Fatalf("the next parse: budget %v, %d forms", g.Abandoned, len(g.Forms))
	}
	doc := Open("sum.ex", slow)
	if doc.File().Abandoned == 0 {
		t.Fatal("the open document's parse was not abandoned")
	}
	// An edit of the abandoned text: abandoned again, the edit applied to the text.
	r := doc.File().Lines.Range(0, 0)
	if err := doc.Apply([]Change{{Range: &r, Text: "# sums\n"}}); err != nil || doc.File().Abandoned == 0 || doc.File().Text != "# sums\n"+slow {
		t.Fatalf("edit of the abandoned text: %v, abandoned %v", err, doc.File().Abandoned)
	}
	// Replaced by ordinary code, it parses (from scratch: there is no tree to reuse).
	end := doc.File().Lines.Range(0, len(doc.File().Text))
	if err := doc.Apply([]Change{{Range: &end, Text: ok}}); err != nil || doc.File().Abandoned != 0 || len(doc.File().Forms) != 1 {
		t.Fatalf("after the slow text was replaced: %v, abandoned %v, %d forms", err, doc.File().Abandoned, len(doc.File().Forms))
	}
	matchesFullParse(t, 0, doc.File())
	doc.Close()
	if LiveTrees() != trees {
		t.Fatalf("%d trees left behind", LiveTrees()-trees)
	}
}

// Watched parses (texts of watchedParseSize or more) are cancellable, and the binding may
// raise a parser's cancellation flag after its parse has ended. Interleaved with ordinary
// parses, none of which may then fail: in CI one did ("operation limit was hit" on a 7 KB
// file) when watched parses used the pooled parsers.
func TestWatchedParsesLeaveThePoolUsable(t *testing.T) {
	big := strings.Repeat("defmodule Big do\n  def f(x), do: x + 1\nend\n", watchedParseSize/40+1)
	small := "defmodule Small do\n  def f(x), do: x\nend\n"
	trees := LiveTrees()
	for i := 0; i < 150; i++ {
		if f := Parse("big.ex", big); f.Abandoned != 0 || len(f.Forms) == 0 {
			t.Fatalf("parse %d of the big text: abandoned %v", i, f.Abandoned)
		}
		for j := 0; j < 2; j++ {
			if f := Parse("small.ex", small); f.Abandoned != 0 || len(f.Forms) != 1 {
				t.Fatalf("parse %d of the small text after a watched one failed", i)
			}
		}
	}
	if LiveTrees() != trees {
		t.Fatalf("%d trees left behind", LiveTrees()-trees)
	}
}
