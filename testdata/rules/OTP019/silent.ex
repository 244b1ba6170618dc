defmodule Quarry.Pit do
  use GenServer

  @prefix "pit"

  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  end

  def start_named(opts), do: GenServer.start_link(__MODULE__, opts, name: :quarry_pit)

  def start_module_name(opts), do: GenServer.start_link(__MODULE__, opts, name: Quarry.Pit.Main)

  # Constants: the same atom on every run.
  def start_constant(opts) do
    GenServer.start_link(__MODULE__, opts, name: :"#{@prefix}_main")
    GenServer.start_link(__MODULE__, opts, name: Module.concat(__MODULE__, "Spare"))
    GenServer.start_link(__MODULE__, opts, name: String.to_atom("quarry_spare"))
  end

  # Made of the configuration or the node's name: one atom for the node's life.
  def start_configured(opts) do
    GenServer.start_link(__MODULE__, opts, name: String.to_atom(System.get_env("PIT_NAME", "pit")))
    GenServer.start_link(__MODULE__, opts, name: :"pit_#{node()}")
    Process.register(self(), String.to_atom("pit_" <> Application.fetch_env!(:quarry, :pit)))
  end

  # An existing atom makes no new one.
  def start_existing(id), do: GenServer.start_link(__MODULE__, id, name: String.to_existing_atom(id))

  # A via or global name takes any term.
  def start_via(id), do: GenServer.start_link(__MODULE__, id, name: {:via, Registry, {Quarry.Registry, id}})

  def start_global(id), do: GenServer.start_link(__MODULE__, id, name: {:global, {:pit, id}})

  # Atoms made from data, but not as names.
  def tag(id), do: String.to_atom("tag_" <> id)

  def call_existing(id), do: GenServer.call(String.to_existing_atom(id), :get)

  @impl true
  def init(opts), do: {:ok, opts}
end
