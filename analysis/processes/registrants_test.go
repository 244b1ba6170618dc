package processes

import (
	"reflect"
	"strings"
	"testing"

	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

// TestRegistrantsFollowTheRegistrations: the names modules register are taken over by the
// next snapshot after an edit that changes no registration (a keystroke in a file that
// sends to a registered name does not go through every module again), and follow one
// that does.
func TestRegistrantsFollowTheRegistrations(t *testing.T) {
	edit := ruletest.Edits(Facts()...)
	var snap *index.Snapshot
	enter := func(path, text string) map[string][]string {
		snap = edit(path, text)
		return registrants.Of(snap)
	}
	const cache = "defmodule A.Cache do\n  use GenServer\n  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: :cache)\n  def init(s), do: {:ok, s}\nend\n"
	enter("/a/lib/cache.ex", cache)
	first := enter("/a/lib/user.ex", "defmodule A.User do\n  def get, do: GenServer.call(:cache, :get)\nend\n")
	if !reflect.DeepEqual(first[":cache"], []string{"A.Cache"}) {
		t.Fatalf("registrants %v", first)
	}
	same := enter("/a/lib/user.ex", "defmodule A.User do\n  # reads\n  def get, do: GenServer.call(:cache, {:get, 1})\nend\n")
	if reflect.ValueOf(same).Pointer() != reflect.ValueOf(first).Pointer() {
		t.Error("an edit that registers nothing rebuilt the registrants")
	}
	if m := Server(snap, ":cache"); m == nil || m.Name != "A.Cache" {
		t.Errorf("Server(:cache) = %v", m)
	}
	moved := enter("/a/lib/cache.ex", strings.Replace(cache, "name: :cache", "name: :store", 1))
	if len(moved[":cache"]) != 0 || !reflect.DeepEqual(moved[":store"], []string{"A.Cache"}) {
		t.Errorf("after the name changed: %v", moved)
	}
}
