# terminate/2 is the terminate callback only in a process module (use/@behaviour of a
# process behaviour) or when @impl marks it. Elsewhere it is an ordinary function.

# A public API named terminate/2 in a plain module: its caller runs it, nobody is shutting
# down, so the start is reported as any other.
defmodule Harbor.Dock do
  def terminate(berth, later?) do
    if later?, do: Task.start(fn -> close(berth) end), else: close(berth) # want: OTP009 "Task.start/1 in terminate/2 starts a process outside any supervisor: if it crashes"
  end

  defp close(berth), do: Process.exit(berth, :shutdown)
end

# Twin: the callback of a GenServer, started while the server shuts down: a hint.
defmodule Harbor.Crane do
  use GenServer

  def init(berths), do: {:ok, berths}

  def terminate(_reason, berths) do
    Task.start(fn -> Enum.each(berths, &send(&1, :release)) end) # want: OTP009 "left as a hint because it is started from terminate/2"
    :ok
  end
end

# Twin: a callback of another behaviour, marked by @impl: a hint too.
defmodule Harbor.Tug do
  @behaviour Harbor.Vessel

  @impl true
  def terminate(_reason, lines) do
    Task.start(fn -> Enum.each(lines, &send(&1, :cast_off)) end) # want: OTP009 "left as a hint because it is started from terminate/2"
    :ok
  end
end

# A process started as (Module, function, args) running a function of its own module that
# monitors the pid it is given: it watches that process and ends with it. A hint.
defmodule Harbor.Pilot do
  def release(ship), do: Task.start(__MODULE__, :escort, [ship]) # want: OTP009 "left as a hint because the spawned function escort/1 monitors or links ship, a process it was given"

  # Twin: the function it runs watches nothing.
  def idle(ship), do: Task.start(__MODULE__, :wait, [ship]) # want: OTP009 "Task.start/3 in idle/1 starts a process outside any supervisor: if it crashes"

  def escort(ship) do
    ref = Process.monitor(ship)

    receive do
      {:DOWN, ^ref, :process, _, _} -> :ok
    after
      1_000 -> Process.exit(ship, :kill)
    end
  end

  def wait(ship), do: send(ship, :waiting)
end
