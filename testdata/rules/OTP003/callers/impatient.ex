# Callers built to tolerate a busy server: every GenServer.call to it passes a short
# literal timeout and catches the exit, and no other module calls it. A wait in its
# callbacks is Information. The twins: a call without the catch, or with the default
# timeout, and the wait is a Warning again.
defmodule Releases.Checker do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def latest(server \\ __MODULE__) do
    GenServer.call(server, :latest, 200)
  catch
    :exit, _ -> nil
  end

  def checked_at(server \\ __MODULE__) do
    try do
      GenServer.call(server, :checked_at, 100)
    catch
      :exit, {:timeout, _} -> nil
    end
  end

  @impl true
  def init(opts), do: {:ok, %{url: opts[:url], latest: nil, at: nil}, {:continue, :check}}

  @impl true
  def handle_continue(:check, state) do
    {:ok, resp} = Req.get(state.url) # want: OTP003 "Req.get/1 blocks Releases.Checker's handle_continue/2: calls to the server queue behind it until it returns; every GenServer.call to it gives up after at most 200 ms and catches the exit"
    {:noreply, %{state | latest: resp.body, at: DateTime.utc_now()}}
  end

  @impl true
  def handle_call(:latest, _from, state), do: {:reply, state.latest, state}
  def handle_call(:checked_at, _from, state), do: {:reply, state.at, state}
end

defmodule Releases.Watcher do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def latest(server \\ __MODULE__) do
    GenServer.call(server, :latest, 200)
  catch
    :exit, _ -> nil
  end

  # No catch: the caller exits when the server is busy.
  def checked_at(server \\ __MODULE__), do: GenServer.call(server, :checked_at, 100)

  @impl true
  def init(opts), do: {:ok, %{url: opts[:url], latest: nil, at: nil}, {:continue, :check}}

  @impl true
  def handle_continue(:check, state) do
    {:ok, resp} = Req.get(state.url) # want: OTP003 "Req.get/1 blocks Releases.Watcher's handle_continue/2: calls to the server queue behind it until it returns$"
    {:noreply, %{state | latest: resp.body, at: DateTime.utc_now()}}
  end

  @impl true
  def handle_call(:latest, _from, state), do: {:reply, state.latest, state}
  def handle_call(:checked_at, _from, state), do: {:reply, state.at, state}
end
