# A start inside a function given to another module's function runs where and when
# that function calls it (here inside the keeper's own init/1), not in the caller.
defmodule Harbor.Keeper do
  use GenServer

  def run(starter), do: GenServer.start(__MODULE__, starter)

  @impl true
  def init(starter) do
    Process.flag(:trap_exit, true)
    {:ok, child} = starter.()
    {:ok, child}
  end
end

defmodule Harbor.Lamp do
  use GenServer

  @impl true
  def init(arg), do: {:ok, arg}

  def light(arg) do
    Harbor.Keeper.run(fn -> GenServer.start_link(__MODULE__, arg) end)
    :ok
  end

  def light_captured(arg) do
    Harbor.Keeper.run(&GenServer.start_link(__MODULE__, {arg, &1}))
    :ok
  end

  # Positive twins: a closure called in place, and one given to Enum, run right here.
  def light_here(arg) do
    starter = fn -> GenServer.start_link(__MODULE__, arg) end # want: OTP004 "^GenServer\.start_link/2 in light_here/1 starts a process no supervisor knows about: it is linked to the process that calls light_here/1"
    {:ok, _pid} = starter.()
    :ok
  end

  def light_all(args) do
    Enum.each(args, fn arg -> GenServer.start_link(__MODULE__, arg) end) # want: OTP004 "^GenServer\.start_link/2 in light_all/1"
  end
end
