# Messages name the module a call resolves to, not the one written.
defmodule Relay.Pool.Supervisor do
  use Supervisor
  def start_link(opts), do: Supervisor.start_link(__MODULE__, opts)
  def init(_opts), do: Supervisor.init([], strategy: :one_for_one)
end

defmodule Relay.Admin do
  alias Relay.Pool.Supervisor

  def reset(opts) do
    {:ok, sup} = Supervisor.start_link(opts) # want: OTP004 "^Relay\.Pool\.Supervisor\.start_link/1 in reset/1 starts a process no supervisor knows about \(its pid is then tracked by hand with :persistent_term\.put/2\): it is linked to the process that calls reset/1"
    :persistent_term.put(:relay_pool, sup)
    :ok
  end

  def scratch do
    {:ok, pid} = __MODULE__.Scratch.start() # want: OTP004 "^Relay\.Admin\.Scratch\.start/0 in scratch/0 starts a process no supervisor knows about: it is linked to no process"
    send(pid, :hello)
    :ok
  end
end

defmodule Relay.Admin.Scratch do
  use GenServer
  def start, do: GenServer.start(__MODULE__, [])
  def init(s), do: {:ok, s}
end

defmodule Relay.Tool do
  @scratch Relay.Admin.Scratch

  def poke do
    {:ok, pid} = @scratch.start() # want: OTP004 "^Relay\.Admin\.Scratch\.start/0 in poke/0"
    send(pid, :poke)
  end
end
