# Start functions under other names: they hand the process to their caller.
defmodule Vault.Device do
  use GenServer

  # Returns GenServer.start's {:ok, pid}: a start function named open.
  def open(contents), do: GenServer.start(__MODULE__, {self(), contents})

  # Returns the pid it matched.
  def ensure(name) do
    case Vault.Registry.lookup(name) do
      nil ->
        {:ok, pid} = GenServer.start_link(__MODULE__, {self(), ""})
        Vault.Registry.put(name, pid)
        {:ok, pid}

      pid ->
        {:ok, pid}
    end
  end

  # Positive twin: a bare pid, or a pid inside another tuple, is no start result, and
  # nothing in this module stops the process.
  def prepare(items) do
    {:ok, pid} = Agent.start_link(fn -> items end) # want: OTP004 "Agent.start_link/1 in prepare/1 starts a process no supervisor knows about: it is linked to the process that calls prepare/1"
    {length(items), pid}
  end

  def scratch do
    {:ok, pid} = Agent.start_link(fn -> 0 end) # want: OTP004 "Agent.start_link/1 in scratch/0"
    pid
  end

  # Positive twin: the pid is used, never handed back.
  def peek(contents) do
    {:ok, pid} = GenServer.start(__MODULE__, {self(), contents}) # want: OTP004 "GenServer.start/2 in peek/1 starts a process no supervisor knows about"
    GenServer.call(pid, :peek)
  end

  def init(state), do: {:ok, state}
  def handle_call(:peek, _from, state), do: {:reply, state, state}
end

defmodule Vault.Registry do
  def lookup(_name), do: nil
  def put(_name, _pid), do: :ok
end

# A child spec's start: MFA is where a supervisor starts its child.
defmodule Vault.Shards do
  use Supervisor

  def start_link(count), do: Supervisor.start_link(__MODULE__, count, name: __MODULE__)

  def start_shard(i) do
    Vault.Shard.start_link(i)
    {:ok, Process.whereis(Vault.Shard.name(i))}
  end

  # Positive twin: the same body, named by no child spec.
  def warm_shard(i) do
    Vault.Shard.start_link(i) # want: OTP004 "Vault.Shard.start_link/1 in warm_shard/1 starts a process no supervisor knows about"
    {:ok, Process.whereis(Vault.Shard.name(i))}
  end

  @impl true
  def init(count) do
    children =
      for i <- 1..count do
        %{id: i, start: {__MODULE__, :start_shard, [i]}}
      end

    Supervisor.init(children, strategy: :one_for_one)
  end
end

defmodule Vault.Shard do
  use GenServer
  def name(i), do: :"vault_shard_#{i}"
  def start_link(i), do: GenServer.start_link(__MODULE__, i, name: name(i))
  def init(i), do: {:ok, i}
end

defmodule Vault.Members do
  use Supervisor

  def start_link(n), do: Supervisor.start_link(__MODULE__, n)

  @impl true
  def init(n) do
    children = Enum.map(1..n, &%{id: {:member, &1}, start: {Vault.Pool, :start_member, [&1]}})
    Supervisor.init(children, strategy: :one_for_one)
  end
end
