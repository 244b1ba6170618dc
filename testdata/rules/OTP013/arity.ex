defmodule Roster do
  use GenServer

  def start(names), do: GenServer.start(__MODULE__, names, name: __MODULE__)
  def member?(name), do: GenServer.call(__MODULE__, {:member?, name})
  def size, do: GenServer.call(__MODULE__, :size)

  @impl true
  def init(names), do: {:ok, MapSet.new(names)}

  # want+1: OTP013 "Roster defines handle_call/2, but GenServer calls handle_call/3 and handle_call/3 is not defined: the GenServer.call to it crashes the server \(use GenServer's default handle_call/3 raises\); handle_call/2 never runs"
  def handle_call({:member?, x}, xs), do: {:reply, MapSet.member?(xs, x), xs}
  def handle_call(:size, names), do: {:reply, MapSet.size(names), names}
end

defmodule Roster.Log do
  use GenServer

  def start(lines), do: GenServer.start(__MODULE__, lines, name: :roster_log)
  def add(line), do: GenServer.cast(:roster_log, {:add, line})

  @impl true
  def init(lines), do: {:ok, lines}

  # want+1: OTP013 "Roster.Log defines handle_cast/3, but GenServer calls handle_cast/2 and handle_cast/2 is not defined: the GenServer.cast to it crashes the server"
  def handle_cast({:add, line}, _meta, lines), do: {:noreply, [line | lines]}
end

defmodule Roster.Clock do
  use GenServer

  def init(interval) do
    Process.send_after(self(), :tick, interval)
    {:ok, interval}
  end

  def handle_info(:tick, interval) do
    GenServer.cast(self(), :tick)
    {:noreply, interval}
  end

  # want+1: OTP013 "Roster.Clock defines handle_cast/1, but GenServer calls handle_cast/2 and handle_cast/2 is not defined: the GenServer.cast to it crashes the server"
  def handle_cast(:tick), do: :ok
end
