defmodule Kiln.Console do
  use GenServer

  def start(name \\ __MODULE__), do: GenServer.start(__MODULE__, :ok, name: name)

  @impl true
  def init(:ok), do: {:ok, []}
end

defmodule Kiln.Gauge do
  use GenServer

  # A start function in name only: it links the server to its caller.
  def start(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, opts}
end

defmodule Kiln.Application do
  use Application

  @impl true
  def start(_type, _args) do
    # Started unlinked, apart from the tree, so that it can still print the tree's crash.
    {:ok, _} = Kiln.Console.start(Kiln.Console) # want: OTP004 "^Kiln.Console.start/1 in Kiln.Application.start/2 starts a process linked to no other process, beside the supervision tree rather than in it: a crash of the tree leaves it running"
    {:ok, _} = Agent.start(fn -> %{} end) # want: OTP004 "^Agent.start/1 in Kiln.Application.start/2 starts a process linked to no other process"
    {:ok, _} = Kiln.Gauge.start([]) # want: OTP004 "^Kiln.Gauge.start/1 in Kiln.Application.start/2 starts a process outside the supervision tree"
    Supervisor.start_link([], strategy: :one_for_one, name: Kiln.Supervisor)
  end
end
