package source

import (
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/benchcorpus"
	sitter "github.com/smacker/go-tree-sitter"
)

// The walk that frees a tree as it goes (Parse, a piece, a form's re-parse: each closes
// its tree right after) must give the records the walk that leaves the tree gives, and
// free exactly that tree: what another tree shares with it stays. make test also runs this
// package under the address sanitizer (go test -asan), where a subtree freed twice, read
// once freed, or never freed fails the run.

// consumeSources are texts for the consuming walk: the direct walk's samples, corpus
// files, and the same with syntax errors.
func consumeSources() []string {
	srcs := slices.Clone(directWalkSamples)
	for _, f := range benchcorpus.Files(3_000, 1) {
		srcs = append(srcs, string(f.Content))
	}
	for _, s := range srcs[:len(srcs):len(srcs)] {
		if mid := len(s) / 2; mid > 0 {
			srcs = append(srcs, s[:mid]+"\n  x = (\n"+s[mid:], s[:mid]) // an open paren; a cut
		}
	}
	return srcs
}

// records is the direct walk's output for tree, copied into Go memory.
func records(t *testing.T, tree *sitter.Tree, consume bool) []Node {
	t.Helper()
	nodes, release, err := flattenDirect(tree, 0, consume)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	return slices.Clone(nodes)
}

func TestConsumingWalkGivesTheSameRecords(t *testing.T) {
	if !directWalk() {
		t.Fatal("the direct tree walk is disabled")
	}
	for _, src := range consumeSources() {
		kept := parse(nil, src)
		want := records(t, kept, false)

		// A tree of its own.
		tree := parse(nil, src)
		if got := records(t, tree, true); !slices.Equal(got, want) {
			t.Fatalf("consuming walk of a fresh tree: node %d differs\ninput: %q", firstDifference(want, got), src)
		}
		closeTree(tree)

		// A copy shares every subtree with the tree it copies: the walk must give back its
		// reference to the root and free nothing.
		consumeBeside(t, "a copy", src, kept.Copy(), want, kept, want)
	}
}

// consumeBeside consumes tree, which shares subtrees with other, checks that the walk gave
// want, and that other still gives wantOther; both trees are closed.
func consumeBeside(t *testing.T, what, src string, tree *sitter.Tree, want []Node, other *sitter.Tree, wantOther []Node) {
	t.Helper()
	if got := records(t, tree, true); !slices.Equal(got, want) {
		t.Fatalf("consuming walk of %s: node %d differs\ninput: %q", what, firstDifference(want, got), src)
	}
	closeTree(tree)
	if got := records(t, other, false); !slices.Equal(got, wantOther) {
		t.Fatalf("the tree sharing subtrees with %s changed once it was consumed: node %d differs", what, firstDifference(wantOther, got))
	}
	closeTree(other)
}

// An incremental re-parse shares the subtrees the edit did not touch with the tree before
// the edit: consuming the new tree frees only its own.
func TestConsumingWalkOfAnIncrementalReparse(t *testing.T) {
	if !directWalk() {
		t.Fatal("the direct tree walk is disabled")
	}
	for _, src := range consumeSources() {
		if strings.Count(src, "\n") < 4 {
			continue
		}
		mid := strings.Index(src[len(src)/2:], "\n") + len(src)/2 + 1
		edited := src[:mid] + "  y = 2\n" + src[mid:]
		reparse := func() (old, new *sitter.Tree) {
			old = parse(nil, src)
			old.Edit(sitter.EditInput{StartIndex: uint32(mid), OldEndIndex: uint32(mid), NewEndIndex: uint32(mid + 8),
				StartPoint: point(src, mid), OldEndPoint: point(src, mid), NewEndPoint: point(edited, mid+8)})
			return old, parse(old, edited)
		}
		old1, new1 := reparse()
		want, wantOld := records(t, new1, false), records(t, old1, false)
		closeTree(new1)
		closeTree(old1)

		old2, new2 := reparse()
		consumeBeside(t, "a re-parse", edited, new2, want, old2, wantOld)
	}
}

// When memory runs out, before the walk or in the middle of it, the consuming walk still
// frees the whole tree, and the error reaches Go.
func TestConsumingWalkOutOfMemory(t *testing.T) {
	if !directWalk() {
		t.Fatal("the direct tree walk is disabled")
	}
	src := string(benchcorpus.Files(2_000, 1)[0].Content)
	nested := "x = " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n"

	tree := parse(nil, src)
	if nodes, _, err := flattenDirect(tree, 1<<58, true); err != errOutOfMemory || nodes != nil {
		t.Fatalf("an impossible first array: %d nodes, error %v", len(nodes), err)
	}
	closeTree(tree)

	runtime.LockOSThread() // the failure is armed for this thread
	defer runtime.UnlockOSThread()
	for _, c := range []struct {
		name, src string
		hint      int
	}{
		{"the records' array cannot grow", src, 0},        // 64 records, then a growth
		{"the walk's stack cannot grow", nested, 1 << 12}, // records fit; 64 frames do not
	} {
		tree := parse(nil, c.src)
		failGrowth(1)
		nodes, _, err := flattenDirect(tree, c.hint, true)
		failGrowth(0)
		if err != errOutOfMemory || nodes != nil {
			t.Fatalf("%s: %d nodes, error %v", c.name, len(nodes), err)
		}
		closeTree(tree)
	}
}
