package childspec

import (
	"reflect"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

// TestStaticChildrenFollowTheLists: the set of listed children is taken over by the next
// snapshot after an edit that changes no children list, and follows one that does.
func TestStaticChildrenFollowTheLists(t *testing.T) {
	edit := ruletest.Edits(analysis.FactKinds([]*analysis.Analyzer{Analyzer})...)
	enter := func(path, text string) map[string]bool { return staticChildren.Of(edit(path, text)) }
	first := enter("/a/sup.ex", "defmodule A.Sup do\n  use Supervisor\n  def init(_), do: Supervisor.init([A.Worker], strategy: :one_for_one)\nend\n")
	if !first["A.Worker"] {
		t.Fatalf("children %v", first)
	}
	same := enter("/a/sup.ex", "defmodule A.Sup do\n  use Supervisor\n  # moved\n  def init(_), do: Supervisor.init([A.Worker], strategy: :one_for_one)\n  def other, do: :ok\nend\n")
	if reflect.ValueOf(same).Pointer() != reflect.ValueOf(first).Pointer() {
		t.Error("an edit outside the children list rebuilt the set")
	}
	if got := enter("/a/sup.ex", "defmodule A.Sup do\n  use Supervisor\n  def init(_), do: Supervisor.init([A.Other], strategy: :one_for_one)\nend\n"); got["A.Worker"] || !got["A.Other"] {
		t.Errorf("after changing the list: %v", got)
	}
}
