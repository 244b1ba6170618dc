package source

import (
	"context"
	"strings"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"
)

// parseRaw parses text exactly as it is, without parserInput's substitutions.
func parseRaw(text string) *File {
	p := parsers.Get().(*sitter.Parser)
	defer parsers.Put(p)
	tree, err := p.ParseCtx(context.Background(), nil, bytesOf(text))
	if err != nil {
		panic(err)
	}
	liveTrees.Add(1)
	defer closeTree(tree)
	return newFile("raw.ex", text, tree, nil)
}

func shapeOf(f *File) string {
	var sb strings.Builder
	dumpAST(f.Root, &sb, 0)
	return sb.String()
}

// TestLongWhitespaceRunsKeepTheTree: a run of blank lines holding spaces, tabs or CRs is
// read as line feeds only (what made the parse quadratic), and the tree is the one the
// text itself gives, node for node and offset for offset, between code and inside a
// heredoc.
func TestLongWhitespaceRunsKeepTheTree(t *testing.T) {
	blank := strings.Repeat("  \t \r\n", 12)
	text := "defmodule A do\n  def f(x) do\n    y = x +\n" + blank + "      1\n" + blank + "    @doc \"\"\"\n  text\n" + blank + "  \"\"\"\n    y\n  end\nend\n"
	in := parserInput(text)
	if len(in) != len(text) || strings.Count(string(in), " ") == strings.Count(text, " ") {
		t.Fatalf("the run was not rewritten (or the length changed): %d -> %d", len(text), len(in))
	}
	if got, want := shapeOf(Parse("a.ex", text)), shapeOf(parseRaw(text)); got != want {
		t.Errorf("tree differs from the raw text's:\n%s\nwant:\n%s", got, want)
	}
	// A short run (ordinary indentation, a blank line or two) is passed as it is.
	if short := "def f do\n\n    :ok\r\nend\n"; string(parserInput(short)) != short {
		t.Errorf("short runs were rewritten: %q", parserInput(short))
	}
}

// TestCROnlyLineEndings: a file saved with CR-only line endings reads as its lines (the
// editor's view), so each function is found where it is; Elixir rejects the character,
// tree-sitter alone would read one long line.
func TestCROnlyLineEndings(t *testing.T) {
	text := "defmodule A do\r  def a, do: 1\r\r  def b do\r    spawn(fn -> :ok end)\r  end\rend\r"
	f := Parse("cr.ex", text)
	if len(f.Errors) > 0 {
		t.Fatalf("syntax errors at %v", f.Lines.Position(f.Errors[0].Start()))
	}
	var names []string
	for _, form := range f.Forms {
		names = append(names, strings.Fields(f.Slice(form))[1])
	}
	if strings.Join(names, " ") != "a, b" {
		t.Errorf("forms: %q, want the two defs", names)
	}
	spawn := strings.Index(text, "spawn")
	if pos := f.Lines.Position(spawn); pos.Line != 4 || pos.Character != 4 {
		t.Errorf("spawn at %+v, want line 4 (0-based) column 4", pos)
	}
}
