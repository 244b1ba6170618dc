package source

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/benchcorpus"
)

// wholeParse is Parse without the piecewise path, whatever the text's size.
func wholeParse(text string) *File {
	tree := parse(nil, text)
	if tree == nil {
		return nil
	}
	defer closeTree(tree)
	return newFile("f.ex", text, tree, nil)
}

// sameTree reports the first difference between two node arrays, or "".
func sameTree(got, want *File) string {
	if len(got.nodes) != len(want.nodes) {
		return fmt.Sprintf("%d nodes, want %d", len(got.nodes), len(want.nodes))
	}
	for i := range want.nodes {
		g, w := &got.nodes[i], &want.nodes[i]
		if g.start != w.start || g.end != w.end || g.up != w.up || g.subtreeLen() != w.subtreeLen() || g.sym != w.sym || g.field != w.field || g.flags != w.flags {
			return fmt.Sprintf("node %d: %s %d-%d up %d size %d field %d, want %s %d-%d up %d size %d field %d",
				i, g.Type(), g.start, g.end, g.up, g.subtreeLen(), g.field, w.Type(), w.start, w.end, w.up, w.subtreeLen(), w.field)
		}
	}
	if len(got.Forms) != len(want.Forms) || len(got.Comments) != len(want.Comments) || len(got.Errors) != len(want.Errors) {
		return fmt.Sprintf("forms/comments/errors %d/%d/%d, want %d/%d/%d", len(got.Forms), len(got.Comments), len(got.Errors), len(want.Forms), len(want.Comments), len(want.Errors))
	}
	return ""
}

// checkPiecewise parses text piece by piece, with pieces as small as they come (every
// split line starts one) and of a few forms each, and compares each tree with the whole
// parse's. It returns whether the text was parsed piece by piece at all.
func checkPiecewise(t *testing.T, name, text string) bool {
	t.Helper()
	want := wholeParse(text)
	pieced := false
	for _, target := range []int{1, 2048} {
		got, ok := parsePiecewise(name, text, nil, target)
		if !ok || want == nil {
			continue
		}
		pieced = true
		if d := sameTree(got, want); d != "" {
			t.Errorf("%s, pieces of %d bytes: the piecewise tree differs from the whole parse's: %s", name, target, d)
		}
	}
	return pieced
}

// A text parsed piece by piece has the tree a whole parse gives, node for node: the
// generated corpus, a 5 MB module, and texts built to trip the splitting (a split line
// inside a heredoc, a string, a sigil; a body that continues past its `end` line; nested
// modules; comments between forms; a form continued on the next line).
func TestPiecewiseParseIsTheWholeParse(t *testing.T) {
	pieced, files := 0, 0
	for _, f := range benchcorpus.Files(30_000, 3) {
		files++
		if checkPiecewise(t, f.Path, string(f.Content)) {
			pieced++
		}
	}
	if pieced < files*9/10 {
		t.Errorf("only %d of %d corpus files were parsed piece by piece", pieced, files)
	}
	tricky := map[string]string{
		"heredoc":        "defmodule A do\n  @moduledoc \"\"\"\n  def not_code(x) do\n  end\n  @fake 1\n  \"\"\"\n  def a, do: 1\n\n  def b(x) do\n    x\n  end\nend\n",
		"string":         "defmodule A do\n  def a, do: \"\n  def b, do: 2\n  \"\n  def c, do: 3\nend\n",
		"sigil":          "defmodule A do\n  def a, do: ~S\"\"\"\n  @doc false\n  \"\"\"\n  def c, do: 3\nend\n",
		"nested":         "defmodule A do\n  def a, do: 1\n  defmodule B do\n    def b, do: 2\n    @x 1\n    def c, do: 3\n  end\n  # between\n  @y 2\n  def d, do: 4 # trailing\nend\n# after\ndefmodule C do\n  def e, do: 5\nend\n",
		"continued":      "defmodule A do\n  def a(x) do\n    x\n  end\n  @attr 1 +\n          2\n  def b, do: [\n  1]\n  def c(x),\n    do: x\nend\n",
		"unindented end": "defmodule A do\n  def a(x) do\n    x\nend\n  def b, do: 2\nend\n",
		"crlf":           "defmodule A do\r\n  def a, do: 1\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n  def b, do: 2\r\nend\r\n",
		"tabs":           "defmodule A do\n\tdef a, do: 1\n\t@b 2\n\tdef c, do: 3\nend\n",
		"semicolons":     "defmodule A do\n  def a, do: 1; def b, do: 2\n  def c, do: 3\nend\n",
		"error":          "defmodule A do\n  def a(x) do\n    x +\n  end\n  def b, do: 2\nend\n",
	}
	for name, text := range tricky {
		checkPiecewise(t, name, text)
		for _, big := range []bool{false, true} {
			if big {
				text = strings.Repeat(text, 3)
			}
			checkPiecewise(t, name, text)
		}
	}
	// Many small modules: a piece each, placed by a search, not by a walk of the root's
	// children for each (which took quadratic time).
	many := strings.Repeat("defmodule M do\n  def a, do: 1\n\n  def b, do: 2\nend\n", 40_000)
	if !checkPiecewise(t, "many small modules", many) {
		t.Error("a file of many small modules was not parsed piece by piece")
	}
	big := string(benchcorpus.GenServerModule("Big.Server", 40_000, 1))
	if !checkPiecewise(t, "big module", big) {
		t.Error("a large GenServer module was not parsed piece by piece")
	}
}

// Parse and Document take the piecewise path from LargeText bytes, and a document so
// parsed keeps no tree-sitter tree: an edit re-parses its form alone, or the text piece
// by piece, and the tree stays the whole parse's.
func TestLargeTextsAreParsedPieceByPiece(t *testing.T) {
	text := string(benchcorpus.GenServerModule("Big.Server", 40_000, 1))
	if len(text) < LargeText {
		t.Fatalf("the module is %d bytes, under %d", len(text), LargeText)
	}
	before := LiveTrees()
	if d := sameTree(Parse("big.ex", text), wholeParse(text)); d != "" {
		t.Fatal(d)
	}
	doc := Open("big.ex", text)
	defer doc.Close()
	if LiveTrees() != before {
		t.Fatalf("the document keeps %d tree-sitter trees, want none", LiveTrees()-before)
	}
	edit := func(at int, insert string) {
		t.Helper()
		pos := doc.File().Lines.Position(at)
		if err := doc.Apply([]Change{{Range: &Range{Start: pos, End: pos}, Text: insert}}); err != nil {
			t.Fatal(err)
		}
		text = text[:at] + insert + text[at:]
		if d := sameTree(doc.File(), wholeParse(text)); d != "" {
			t.Fatalf("after inserting %q at %d: %s", insert, at, d)
		}
		if LiveTrees() != before {
			t.Fatalf("the document keeps %d tree-sitter trees, want none", LiveTrees()-before)
		}
	}
	body := strings.Index(text, "\n  def ") + 1
	edit(body+len("  def "), "x")                      // inside a form: the form alone
	edit(strings.Index(text, "do\n")+3, "  @attr 1\n") // at the module's top: the text piece by piece
}

// OTPLS_PIECEWISE_DIR names a directory of real Elixir projects whose every .ex and .exs
// file is checked as TestPiecewiseParseIsTheWholeParse checks the corpus (not in make
// test: the projects are fetched for the ecosystem check).
func TestPiecewiseParseOnProjects(t *testing.T) {
	dir := os.Getenv("OTPLS_PIECEWISE_DIR")
	if dir == "" {
		t.Skip("set OTPLS_PIECEWISE_DIR to a directory of Elixir projects")
	}
	pieced, files := 0, 0
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !(strings.HasSuffix(p, ".ex") || strings.HasSuffix(p, ".exs")) || !e.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil || len(data) > 4<<20 {
			return nil
		}
		files++
		if checkPiecewise(t, p, string(data)) {
			pieced++
		}
		return nil
	})
	t.Logf("%d of %d files parsed piece by piece", pieced, files)
}
