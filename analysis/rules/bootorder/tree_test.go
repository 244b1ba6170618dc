package bootorder

import (
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

// TestTreeFollowsListsAndStarts: the tree is taken over by the next snapshot after an edit
// of a child's function body (its positions move, what it starts does not), and built
// again when a children list or what a module starts changes.
func TestTreeFollowsListsAndStarts(t *testing.T) {
	edit := ruletest.Edits(analysis.FactKinds([]*analysis.Analyzer{Analyzer})...)
	enter := func(path, text string) *tree { return treeOf(edit(path, text)) }
	app := "defmodule A.Application do\n  use Application\n\n  def start(_, _) do\n    Supervisor.start_link([A.Cache, A.Server], strategy: :one_for_one)\n  end\nend\n"
	server := "defmodule A.Server do\n  use GenServer\n  def start_link(o), do: GenServer.start_link(__MODULE__, o, name: __MODULE__)\n  def init(o), do: {:ok, o}\nend\n"
	enter("/a/cache.ex", "defmodule A.Cache do\n  use GenServer\n  def init(o), do: {:ok, o}\nend\n")
	enter("/a/server.ex", server)
	first := enter("/a/application.ex", app)
	if occ := first.byModule["A.Server"]; len(occ) != 1 || occ[0].list.items[1].provides["A.Server"] != "A.Server" {
		t.Fatalf("A.Server's place in the tree: %+v", occ)
	}
	edited := "defmodule A.Server do\n  use GenServer\n  # a comment moves everything\n  def start_link(o), do: GenServer.start_link(__MODULE__, o, name: __MODULE__)\n  def init(o) do\n    {:ok, o}\n  end\nend\n"
	if enter("/a/server.ex", edited) != first {
		t.Error("a body edit of a child rebuilt the tree")
	}
	renamed := enter("/a/server.ex", "defmodule A.Server do\n  use GenServer\n  def start_link(o), do: GenServer.start_link(__MODULE__, o, name: :other)\n  def init(o), do: {:ok, o}\nend\n")
	if renamed == first || renamed.byModule["A.Server"][0].list.items[1].provides[":other"] != "A.Server" {
		t.Error("the tree does not follow the name the server registers")
	}
	reordered := enter("/a/application.ex", "defmodule A.Application do\n  use Application\n\n  def start(_, _) do\n    Supervisor.start_link([A.Server, A.Cache], strategy: :one_for_one)\n  end\nend\n")
	if reordered == renamed || reordered.byModule["A.Server"][0].item != 0 {
		t.Error("the tree does not follow the children list")
	}
}
