package startchildrace

import (
	"testing"

	"github.com/otpls/otpls/analysis/index"
	"github.com/otpls/otpls/analysis/source"
)

// TestRegisters: what each start function registers, read from its start calls.
func TestRegisters(t *testing.T) {
	text := `defmodule Fleet.Truck do
  use GenServer
  def start_link(id), do: GenServer.start_link(__MODULE__, id, name: via(id))
  def start_global(id), do: :gen_server.start_link({:global, {:truck, id}}, __MODULE__, id, [])
  def start_opts(opts), do: GenServer.start_link(__MODULE__, opts, name: opts[:name])
  def start_kw(opts), do: GenServer.start_link(__MODULE__, opts, name: Keyword.get(opts, :name))
  def start_passed(arg, opts), do: GenServer.start_link(__MODULE__, arg, opts)
  def start_plain(arg), do: GenServer.start_link(__MODULE__, arg)
  def start_nil(arg), do: GenServer.start_link(__MODULE__, arg, name: nil)
  def start_agent(v), do: Agent.start_link(fn -> v end, name: :truck_agent)
  defp via(id), do: {:via, Registry, {Fleet.Registry, id}}
end
`
	fs := index.Summarize(source.Parse("lib/fleet/truck.ex", text), nil, Analyzer.Facts)
	got, _ := registersFact.Of(fs.Modules[0])
	want := map[string]Registers{
		"start_link/1": RegistersName, "start_global/1": RegistersName,
		"start_opts/1": RegistersCallersName, "start_kw/1": RegistersCallersName,
		"start_passed/2": RegistersCallersName, "start_plain/1": RegistersNothing,
		"start_nil/1": RegistersNothing, "start_agent/1": RegistersName, "via/1": RegistersNothing,
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s registers %d, want %d", id, got[id], w)
		}
	}
}
