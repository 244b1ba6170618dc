package etstableoptions

import (
	"reflect"
	"testing"

	"github.com/otpls/otpls/analysis"
	"github.com/otpls/otpls/analysis/rules/ruletest"
)

// TestCallViewsFollowTheCalls: the workspace's callers and call sites are taken over by
// the next snapshot after an edit that changes no call (a keystroke in a file with a table
// does not scan every module's calls again), and follow one that does.
func TestCallViewsFollowTheCalls(t *testing.T) {
	edit := ruletest.Edits(analysis.FactKinds([]*analysis.Analyzer{Analyzer})...)
	enter := func(path, text string) (map[string]map[string]bool, map[string][]uint8) {
		snap := edit(path, text)
		return callersView.Of(snap), callSitesView.Of(snap)
	}
	enter("/a/lib/cache.ex", "defmodule A.Cache do\n  def put(k, v), do: :ets.insert(:cache, {k, v})\nend\n")
	enter("/a/test/cache_test.exs", "defmodule A.CacheTest do\n  def t, do: A.Cache.put(:x, 2)\nend\n")
	callers, sites := enter("/a/lib/user.ex", "defmodule A.User do\n  def save(id), do: A.Cache.put(id, 1)\nend\n")
	if !reflect.DeepEqual(callers["A.Cache.put/2"], map[string]bool{"A.User": true}) || !reflect.DeepEqual(sites["A.Cache.put/2"], []uint8{0b10}) {
		t.Fatalf("callers %v, call sites %v (a test's call is none)", callers, sites)
	}
	sameCallers, sameSites := enter("/a/lib/user.ex", "defmodule A.User do\n  # saves\n  def save(id) do\n    _ = id + 1\n    A.Cache.put(id, 1)\n  end\nend\n")
	if reflect.ValueOf(sameCallers).Pointer() != reflect.ValueOf(callers).Pointer() || reflect.ValueOf(sameSites).Pointer() != reflect.ValueOf(sites).Pointer() {
		t.Error("an edit that changes no call rebuilt the views")
	}
	callers, sites = enter("/a/lib/user.ex", "defmodule A.User do\n  def save(id), do: A.Cache.put(:user, id)\nend\n")
	if !callers["A.Cache.put/2"]["A.User"] || !reflect.DeepEqual(sites["A.Cache.put/2"], []uint8{0b01}) {
		t.Errorf("after the call changed: callers %v, call sites %v", callers, sites)
	}
}
