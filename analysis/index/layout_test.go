package index

import (
	"math"
	"slices"
	"testing"
	"unsafe"

	"github.com/otpls/otpls/analysis/source"
)

// A span gives back the offsets and range it was made of.
func TestSpanKeepsOffsetsAndRange(t *testing.T) {
	r := source.Range{Start: source.Position{Line: 3, Character: 7}, End: source.Position{Line: 5, Character: 2}}
	s := NewSpan(40, 90, r)
	if s.Start() != 40 || s.End() != 90 || s.Range() != r {
		t.Errorf("span of [40, 90) %v: got [%d, %d) %v", r, s.Start(), s.End(), s.Range())
	}
}

// Numbers beyond 32 bits, which no parsed text has, are clamped rather than wrapped
// around into offsets and lines that exist.
func TestSpanClampsBeyond32Bits(t *testing.T) {
	big := math.MaxInt32 + 10
	r := source.Range{Start: source.Position{Line: big, Character: 1}, End: source.Position{Line: big, Character: big}}
	s := NewSpan(big, big+1, r)
	want := source.Range{Start: source.Position{Line: math.MaxInt32, Character: 1}, End: source.Position{Line: math.MaxInt32, Character: math.MaxInt32}}
	if s.Start() != math.MaxInt32 || s.End() != math.MaxInt32 || s.Range() != want {
		t.Errorf("got [%d, %d) %v, want [%d, %d) %v", s.Start(), s.End(), s.Range(), math.MaxInt32, math.MaxInt32, want)
	}
	if s := NewSpan(-big, 0, source.Range{}); s.Start() != math.MinInt32 {
		t.Errorf("start %d, want %d", s.Start(), math.MinInt32)
	}
}

// The index holds a span for every call and clause of the workspace, a Call for every
// remote call and a Function for every function: their sizes are what BenchmarkIndexMemory
// pays for each, kept small by 32-bit fields and their order.
func TestIndexLayoutSizes(t *testing.T) {
	for _, c := range []struct {
		name       string
		size, want uintptr
	}{
		{"Span", unsafe.Sizeof(Span{}), 24},
		{"Call", unsafe.Sizeof(Call{}), 88},
		{"Function", unsafe.Sizeof(Function{}), 72},
	} {
		if c.size != c.want {
			t.Errorf("%s takes %d bytes, want %d", c.name, c.size, c.want)
		}
	}
}

// A call's target and request, kept apart from it, are its own: each call of a module
// reads back those of its first argument and message, and a call without gives "".
func TestCallTargetsAndRequests(t *testing.T) {
	f := source.Parse("lib/client.ex", `defmodule Client do
  alias Shop.Cart

  def a, do: GenServer.call(Cart, :total)
  def b, do: Enum.map([], & &1)
  def c, do: GenServer.cast(__MODULE__, {:add, 1})
  def d, do: GenServer.call(self(), {:get, :x})
end
`)
	var got []string
	for _, c := range Summarize(f, nil, nil).Modules[0].Calls {
		got = append(got, c.Name+" "+c.Target()+" "+c.Request())
	}
	want := []string{"call Shop.Cart :total", "map  ", "cast Client ", "call self() {:get,2}"}
	if !slices.Equal(got, want) {
		t.Errorf("calls:\n%q\nwant\n%q", got, want)
	}
}

// A module's attributes, kept as a list of pairs, read as a map of them did: the last
// value of each name.
func TestAttributesKeepLastValue(t *testing.T) {
	f := source.Parse("lib/store.ex", `defmodule Store do
  @table :first
  @sup Store.Sup
  @table :second
end
`)
	as := Summarize(f, nil, nil).Modules[0].Attributes
	for name, want := range map[string]string{"table": "second", "sup": "Elixir.Store.Sup"} {
		if v, ok := as.Get(name); !ok || v != want {
			t.Errorf("@%s: got %q, %v; want %q", name, v, ok, want)
		}
	}
	if v, ok := as.Get("missing"); ok || len(as) != 2 {
		t.Errorf("@missing: got %q, %v; %d attributes, want 2", v, ok, len(as))
	}
}
