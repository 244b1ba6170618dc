defmodule Shop.Pool do
  @moduledoc "Started without a name, called by its name."
  use GenServer
  alias Shop.Pool

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  def checkout, do: GenServer.call(__MODULE__, :checkout) # want: OTP006 "GenServer.call/2 to __MODULE__ exits with :noproc: Shop.Pool.start_link/1 starts the server without registering a name"

  def release(worker) do
    worker
    |> then(&GenServer.cast(Pool, {:release, &1})) # want: OTP006 "GenServer.cast/2 to Pool is lost"
  end

  @impl true
  def init(opts), do: {:ok, %{free: Keyword.get(opts, :size, 5)}}

  @impl true
  def handle_call(:checkout, _from, %{free: n} = state) when n > 0, do: {:reply, :ok, %{state | free: n - 1}}
  def handle_call(:checkout, _from, state), do: {:reply, :busy, state}

  @impl true
  def handle_cast({:release, _w}, state), do: {:noreply, %{state | free: state.free + 1}}
end

defmodule Shop.Clock do
  @behaviour :gen_server

  def start_link, do: :gen_server.start_link(__MODULE__, [], [])

  def now, do: :gen_server.call(__MODULE__, :now) # want: OTP006 ":gen_server.call/2 to __MODULE__ exits with :noproc"

  @impl true
  def init(_), do: {:ok, 0}

  @impl true
  def handle_call(:now, _from, t), do: {:reply, t, t}
end

defmodule Shop.Rates do
  use GenServer

  # Options without a name: the name is appended.
  def start_link(_opts), do: GenServer.start_link(__MODULE__, :ok, timeout: 5_000)

  def get(cur), do: GenServer.call(__MODULE__, {:get, cur}) # want: OTP006 "GenServer.call/2 to __MODULE__ exits with :noproc"

  def init(:ok), do: {:ok, %{}}

  def handle_call({:get, cur}, _from, rates), do: {:reply, Map.get(rates, cur), rates}
end

# Silent: registered, caller-supplied options, no start function.
defmodule Shop.Named do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def ping, do: GenServer.call(__MODULE__, :ping)
  def init(s), do: {:ok, s}
  def handle_call(:ping, _from, s), do: {:reply, :pong, s}
end

defmodule Shop.Configurable do
  use GenServer
  def start_link(arg, opts \\ []), do: GenServer.start_link(__MODULE__, arg, opts)
  def ping, do: GenServer.call(__MODULE__, :ping)
  def init(s), do: {:ok, s}
  def handle_call(:ping, _from, s), do: {:reply, :pong, s}
end

defmodule Shop.Local do
  @behaviour :gen_server
  def start_link, do: :gen_server.start_link({:local, __MODULE__}, __MODULE__, [], [])
  def ping, do: :gen_server.call(__MODULE__, :ping)
  def init(s), do: {:ok, s}
  def handle_call(:ping, _from, s), do: {:reply, :pong, s}
end

defmodule Shop.StartedElsewhere do
  use GenServer
  def ping, do: GenServer.call(__MODULE__, :ping)
  def init(s), do: {:ok, s}
  def handle_call(:ping, _from, s), do: {:reply, :pong, s}
end
