# Blocking start-up work: moved to handle_continue(:init, ...) by an unsafe fix.
defmodule Weather.Stations do
  use GenServer

  def start_link(url), do: GenServer.start_link(__MODULE__, url, name: __MODULE__)

  @impl true
  def init(url) when is_binary(url) do
    case HTTPoison.get(url) do # want: OTP003 "HTTPoison.get/1 blocks Weather.Stations's init/1: start_link and the supervisor's later children wait until it returns"
      {:ok, %{body: body}} -> {:ok, %{url: url, stations: body}}
      {:error, reason} -> {:stop, reason}
    end
  end

  @impl true
  def handle_call(:stations, _from, state), do: {:reply, state.stations, state}
end

defmodule Weather.Warmup do
  use GenServer

  def init(_opts) do
    Process.sleep(1_000) # want: OTP003 "Process.sleep/1 blocks Weather.Warmup's init/1"
    {:ok, %{}, :hibernate}
  end
end

# The parameter is a pattern: no fix.
defmodule Weather.Seeded do
  use GenServer

  def init(%{seed: seed}) do
    :timer.sleep(seed) # want: OTP003 ":timer.sleep/1 blocks Weather.Seeded's init/1"
    {:ok, seed}
  end
end

# Already continues with :init: no fix.
defmodule Weather.Staged do
  use GenServer

  def init(arg) do
    Process.sleep(10) # want: OTP003 "Process.sleep/1 blocks Weather.Staged's init/1"
    {:ok, arg, {:continue, :init}}
  end

  def handle_continue(:init, arg), do: {:noreply, arg}
end
