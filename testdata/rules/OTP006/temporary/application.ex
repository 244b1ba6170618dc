defmodule Tmp.Application do
  use Application

  @tasks Tmp.Task

  def start(_type, _args) do
    children = [
      Tmp.Cache,
      {Tmp.Step, :migrate},
      Tmp.Poller,
      Tmp.Loader,
      Tmp.Commented,
      Tmp.Room,
      Tmp.Task,
      Tmp.Wrapped,
      {DynamicSupervisor, name: Tmp.Rooms}
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end

  # A spec bound to a variable first.
  def open(room) do
    spec = {Tmp.Room, room}
    DynamicSupervisor.start_child(Tmp.Rooms, spec)
  end

  # A module named through an attribute.
  def run(job), do: DynamicSupervisor.start_child(Tmp.Rooms, {@tasks, job})

  # Through a wrapper that starts the spec it is given.
  def wrap(arg), do: Tmp.Starter.start({Tmp.Wrapped, arg})
end

defmodule Tmp.Starter do
  def start(spec), do: DynamicSupervisor.start_child(Tmp.Rooms, spec)
end

# Positive: a static child that never stops itself.
defmodule Tmp.Cache do
  use GenServer, restart: :temporary # want: OTP006 "restart: :temporary on Tmp.Cache, a static child"
  def start_link(_), do: GenServer.start_link(__MODULE__, %{})
  def init(s), do: {:ok, s}
  def handle_call(:get, _from, s), do: {:reply, s, s}
end

# A one-shot step: init/1 returns :ignore, there is never a process to restart.
defmodule Tmp.Step do
  use GenServer, restart: :temporary
  def start_link(step), do: GenServer.start_link(__MODULE__, step)
  def init(_step), do: :ignore
end

# Stops itself with {:shutdown, _}: temporary on purpose.
defmodule Tmp.Poller do
  use GenServer, restart: :temporary
  def start_link(_), do: GenServer.start_link(__MODULE__, 0)
  def init(n), do: {:ok, n}
  def handle_info(:poll, 3), do: {:stop, {:shutdown, :done}, 3}
  def handle_info(:poll, n), do: {:noreply, n + 1}
end

# Stops with a reason known only at run time: :transient restarts it only after a crash.
defmodule Tmp.Loader do
  use GenServer, restart: :temporary # want: OTP006 "restart: :temporary on Tmp.Loader"
  def start_link(_), do: GenServer.start_link(__MODULE__, nil)
  def init(nil), do: {:ok, nil}
  def handle_info({:finished, reason}, s), do: {:stop, reason, s}
end

# A comment after the option stays.
defmodule Tmp.Commented do
  use GenServer,
    restart: :temporary, # want: OTP006 "restart: :temporary on Tmp.Commented"
    shutdown: 1_000
  def start_link(_), do: GenServer.start_link(__MODULE__, nil)
  def init(nil), do: {:ok, nil}
end

# Started dynamically too (spec in a variable): temporary is for those.
defmodule Tmp.Room do
  use GenServer, restart: :temporary
  def start_link(room), do: GenServer.start_link(__MODULE__, room)
  def init(room), do: {:ok, room}
end

defmodule Tmp.Task do
  use GenServer, restart: :temporary
  def start_link(job), do: GenServer.start_link(__MODULE__, job)
  def init(job), do: {:ok, job}
end

defmodule Tmp.Wrapped do
  use GenServer, restart: :temporary
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)
  def init(arg), do: {:ok, arg}
end

# Not a child of any list: nothing to judge.
defmodule Tmp.Orphan do
  use GenServer, restart: :temporary
  def start_link(arg), do: GenServer.start_link(__MODULE__, arg)
  def init(arg), do: {:ok, arg}
end
