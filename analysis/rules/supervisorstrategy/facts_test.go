package supervisorstrategy

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// A module's references are the names it writes, resolved, each once, in the order first
// written: whether it writes a few (looked for along the list) or many (a set past
// manyNames), and whether a name comes back in later forms or through an alias.
func TestReferencesAreResolvedOnceInOrder(t *testing.T) {
	for _, n := range []int{3, manyNames - 1, manyNames, manyNames + 1, 3 * manyNames} {
		var b strings.Builder
		b.WriteString("defmodule App.Worker do\n  alias App.Repo\n")
		var want []string
		want = append(want, "App.Repo")
		for i := range n {
			// Each function writes a new name, the aliased Repo, and the name before it.
			fmt.Fprintf(&b, "  def f%d, do: {App.Mod%d.run(), Repo.get(), App.Mod%d}\n", i, i, max(i-1, 0))
			want = append(want, fmt.Sprintf("App.Mod%d", i))
		}
		b.WriteString("end\n")
		f := source.Parse("/p/lib/worker.ex", b.String())
		sum := index.Summarize(f, nil, []*index.FactKind{referencesFact.Kind()})
		got, _ := referencesFact.Of(sum.Modules[0])
		if !slices.Equal(got, want) {
			t.Errorf("%d names:\ngot  %q\nwant %q", n, got, want)
		}
	}
}
