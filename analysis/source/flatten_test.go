package source

import (
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/benchcorpus"
	sitter "github.com/smacker/go-tree-sitter"
)

// TestDirectWalkIsUsed fails when the direct walk has been turned off because the linked
// tree-sitter's layout no longer matches it: everything would still work, several times
// slower, so it must not go unnoticed.
func TestDirectWalkIsUsed(t *testing.T) {
	if !directWalk() {
		t.Fatal("the direct tree walk is disabled: tree-sitter's layout differs from flatten.c's declarations")
	}
}

// TestDirectWalkMatchesCursor compares the direct walk's records with the reference walk's
// (the binding's exported cursor),
// field by field, on every Elixir fixture and golden, a slice of the benchmark corpus, the
// fuzzers' saved inputs, broken versions of the fixtures (syntax errors, MISSING nodes) and
// trees from incremental reparses, which share subtrees with the tree before the edit.
// Only Elixir: testdata also holds what make deps installs for the tree command's check
// (node_modules, megabytes of JavaScript, which under the address sanitizer took minutes).
func TestDirectWalkMatchesCursor(t *testing.T) {
	if !directWalk() { // also builds the walk's tables
		t.Fatal("the direct tree walk is disabled")
	}
	var srcs []string
	for _, dir := range []string{"../../testdata", "../rules/all/testdata/fuzz"} {
		fuzz := strings.HasSuffix(dir, "fuzz")
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "node_modules" {
					return fs.SkipDir
				}
				return nil
			}
			if ext := filepath.Ext(p); !fuzz && ext != ".ex" && ext != ".exs" && ext != ".golden" {
				return nil
			}
			b, err := os.ReadFile(p)
			srcs = append(srcs, string(b))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	fixtures := len(srcs)
	if fixtures < 60 {
		t.Fatalf("only %d inputs found", fixtures)
	}
	for _, f := range benchcorpus.Files(20_000, 1) {
		srcs = append(srcs, string(f.Content))
	}
	rng := rand.New(rand.NewSource(3))
	for i := 0; i < 1500; i++ {
		src := srcs[rng.Intn(fixtures)]
		if len(src) < 2 {
			continue
		}
		a := rng.Intn(len(src))
		b := min(len(src), a+rng.Intn(12))
		junk := []string{"", "do", "end", "(", "]", "\"", "fn ->", "%{", ",", "|>", "#"}[rng.Intn(11)]
		srcs = append(srcs, src[:a]+junk+src[b:])
	}
	compare := func(tree *sitter.Tree, src string) {
		t.Helper()
		want := flattenReference(tree, 0)
		got, releaseGot, err := flattenDirect(tree, 0, false)
		if err != nil {
			t.Fatal(err)
		}
		defer releaseGot()
		if i := firstDifference(want, got); i >= 0 {
			t.Fatalf("direct walk differs from the cursor at node %d of %d: got %+v, want %+v\ninput: %q", i, len(want), at(got, i), at(want, i), src)
		}
	}
	for _, src := range srcs {
		tree := parse(nil, src)
		compare(tree, src)
		// An edit in the middle, reparsed incrementally.
		if mid := len(src) / 2; mid > 0 && strings.Count(src, "\n") > 3 {
			edited := src[:mid] + "\n  x = 1\n" + src[mid:]
			tree.Edit(sitter.EditInput{StartIndex: uint32(mid), OldEndIndex: uint32(mid), NewEndIndex: uint32(mid + 9),
				StartPoint: point(src, mid), OldEndPoint: point(src, mid), NewEndPoint: point(edited, mid+9)})
			again := parse(tree, edited)
			compare(again, edited)
			closeTree(again)
		}
		closeTree(tree)
	}
}

func firstDifference(a, b []Node) int {
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			return i
		}
	}
	return -1
}

func at(nodes []Node, i int) any {
	if i < len(nodes) {
		return &nodes[i]
	}
	return "none"
}

func point(text string, off int) sitter.Point {
	line := strings.Count(text[:off], "\n")
	return sitter.Point{Row: uint32(line), Column: uint32(off - (strings.LastIndex(text[:off], "\n") + 1))}
}

// An allocation the C walk cannot get is an error returned to Go, not a crash: here the
// first array asked for is larger than any address space.
func TestDirectWalkReportsOutOfMemory(t *testing.T) {
	if !directWalk() {
		t.Skip("the direct tree walk is disabled")
	}
	tree := parse(nil, "defmodule A do\n  def f, do: :ok\nend\n")
	defer closeTree(tree)
	if nodes, _, err := flattenDirect(tree, 1<<58, false); err != errOutOfMemory || nodes != nil {
		t.Fatalf("flattenDirect with an impossible size: %d nodes, error %v", len(nodes), err)
	}
	if _, release, err := flattenDirect(tree, 0, false); err != nil {
		t.Fatalf("after a failed allocation: %v", err)
	} else {
		release()
	}
}

// The reference walk is the fallback when the binding's private layout changes: it must
// not read it. The direct walk is guarded by a check of that layout that reads no memory.
func TestBindingLayoutIsChecked(t *testing.T) {
	if !bindingLayoutMatches() {
		t.Fatal("go-tree-sitter's BaseTree no longer starts with the C tree pointer")
	}
}
