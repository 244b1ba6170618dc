defmodule Weather.Application do
  use Application

  def start(_type, _args) do
    children = [Weather.Client, Weather.Poller]
    Supervisor.start_link(children, strategy: :one_for_one, name: Weather.Supervisor)
  end
end

defmodule Weather.Client do
  @moduledoc "Talks to the weather API."
  use GenServer
  alias Weather.Http, as: Http

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, %{base: Keyword.get(opts, :base, "https://api.example.com"), hits: 0}}

  # Reads state fields: they are bound before the closure; guards and pipes kept.
  @impl true
  def handle_call({:forecast, city}, _from, state) when is_binary(city) do
    url = state.base <> "/forecast/" <> city
    {:ok, resp} = Req.get(url) # want: OTP003 "Req.get/1 blocks Weather.Client's handle_call/3"
    {:reply, resp.body |> Map.get("forecast"), state}
  end

  # Reached through two helpers: reported at the call, with the chain.
  def handle_call({:history, city}, _from, state) do
    {:reply, history(city), state}
  end

  # Changes the state: flagged, but no fix (the reply-later form would lose the update).
  def handle_call(:refresh, _from, state) do
    Process.sleep(1_000) # want: OTP003 "Process.sleep/1 blocks Weather.Client's handle_call/3"
    {:reply, :ok, %{state | hits: state.hits + 1}}
  end

  # Fine: the slow work runs in a supervised task and the reply comes later.
  def handle_call({:async, city}, from, state) do
    Task.Supervisor.start_child(Weather.Tasks, fn ->
      GenServer.reply(from, Http.fetch(city))
    end)

    {:noreply, state}
  end

  # A cast doing the same slow work: the task version drops the {:noreply, state} tail.
  @impl true
  def handle_cast({:prefetch, city}, state) do
    _ = :httpc.request(String.to_charlist("https://api.example.com/" <> city)) # want: OTP003 ":httpc.request/1 blocks Weather.Client's handle_cast/2"
    {:noreply, state}
  end

  defp history(city), do: load(city)

  defp load(city) do
    System.cmd("curl", ["-s", "https://api.example.com/history/" <> city]) # want: OTP003 "System.cmd/2 blocks Weather.Client's handle_call/3 \(via history/1 -> load/1\)"
  end
end

defmodule Weather.Poller do
  use GenServer

  def init(state) do
    Process.send_after(self(), :poll, 1_000)
    {:ok, state}
  end

  # A receive with no after blocks until that message comes, if ever. No fix: the
  # message is sent to the server, a task would never see it.
  def handle_info(:poll, state) do
    receive do # want: OTP003 "receive without after blocks Weather.Poller's handle_info/2"
      {:ready, _} -> :ok
    end

    {:noreply, state}
  end

  # Not a GenServer callback and not reached from one: not flagged.
  def warm_up, do: Process.sleep(10)
end

defmodule Weather.Http do
  # Not a GenServer: blocking calls are fine here.
  def fetch(city), do: HTTPoison.get("https://api.example.com/" <> city)
end

defmodule Weather.Legacy do
  @behaviour :gen_server

  def init(s), do: {:ok, s}
  def handle_call(:ping, _from, s), do: {:reply, :timer.sleep(5), s} # want: OTP003 ":timer.sleep/1"
  def handle_cast(_msg, s), do: {:noreply, s}
end

defmodule Weather.Pinger do
  use GenServer

  def init(s), do: {:ok, s}

  # Uses self(): moved into a task it would name the task, so no fix is offered.
  def handle_call(:ping, _from, s) do
    Process.sleep(10) # want: OTP003 "Process.sleep/1 blocks Weather.Pinger's handle_call/3"
    {:reply, self(), s}
  end

  # Uses the whole state: the task would copy it, so no fix.
  def handle_call(:dump, _from, s) do
    :timer.sleep(10) # want: OTP003
    {:reply, inspect(s), s}
  end
end
