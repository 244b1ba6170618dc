# An await with a finite timeout waits at most that long (Information, "waits up to"); in
# a server nobody calls it is not reported at all. :infinity, or the default await over
# tasks that block, stays a Warning.
defmodule Prices.Collector do
  use GenServer

  @fetch_timeout :timer.seconds(8)

  def start_link(urls), do: GenServer.start_link(__MODULE__, urls, name: __MODULE__)
  def latest, do: GenServer.call(__MODULE__, :latest, 30_000)

  @impl true
  def init(urls), do: {:ok, %{urls: urls, prices: []}}

  @impl true
  def handle_call(:latest, _from, state) do
    task = Task.async(fn -> Req.get!(hd(state.urls)) end)
    {:reply, Task.await(task, 4_000), state} # want: OTP003 "Task.await/2 waits up to 4000 ms in Prices.Collector's handle_call/3: callers of the server wait until it returns \(the tasks it awaits call Req.get!/1\)"
  end

  def handle_call(:all, _from, state) do
    tasks = Enum.map(state.urls, fn url -> Task.async(fn -> Req.get!(url) end) end)
    {:reply, Task.await_many(tasks, :infinity), state} # want: OTP003 "Task.await_many/2 blocks Prices.Collector's handle_call/3: callers of the server wait until it returns \(the tasks it awaits call Req.get!/1\)"
  end

  def handle_call(:first, _from, state) do
    task = Task.async(fn -> Req.get!(hd(state.urls)) end)
    {:reply, Task.await(task), state} # want: OTP003 "Task.await/1 blocks Prices.Collector's handle_call/3"
  end

  @impl true
  def handle_info(:refresh, state) do
    {:noreply, %{state | prices: collect(state.urls)}}
  end

  # The limit comes with the message; the helper's default says the author meant a bound.
  def handle_info({:refresh, urls, limit}, state) do
    {:noreply, %{state | prices: collect_within(urls, limit)}}
  end

  def handle_info(:configured, state) do
    wait = Application.get_env(:prices, :collect_timeout, 10_000)
    tasks = Enum.map(state.urls, fn url -> Task.async(fn -> Req.get!(url) end) end)
    results = Task.yield_many(tasks, timeout: wait, on_timeout: :kill_task) # want: OTP003 "Task.yield_many/2 waits up to a configured timeout \(Application.get_env/3\) in Prices.Collector's handle_info/2: calls to the server queue behind it"
    {:noreply, %{state | prices: results}}
  end

  defp collect(urls) do
    urls
    |> Enum.map(fn url -> Task.async(fn -> Req.get!(url) end) end)
    |> Task.yield_many(@fetch_timeout) # want: OTP003 "Task.yield_many/2 waits up to 8000 ms in Prices.Collector's handle_info/2 \(via collect/1\): calls to the server queue behind it until it returns"
  end

  defp collect_within(urls, limit \\ 3 * 1_000) do
    tasks = Enum.map(urls, fn url -> Task.async(fn -> Req.get!(url) end) end)
    Task.await_many(tasks, limit) # want: OTP003 "Task.await_many/2 waits up to 3000 ms in Prices.Collector's handle_info/2 \(via collect_within/2\)"
  end
end

# The same bounded waits in a server that has no handle_call: only its own messages wait,
# and not for long: nothing is reported. The unbounded twin still is (Information).
defmodule Prices.Pusher do
  use GenServer

  def start_link(urls), do: GenServer.start_link(__MODULE__, urls, name: __MODULE__)

  @impl true
  def init(urls) do
    Process.send_after(self(), :push, 60_000)
    {:ok, urls}
  end

  @impl true
  def handle_info(:push, urls) do
    urls
    |> Enum.map(fn url -> Task.async(fn -> Req.post!(url, body: "tick") end) end)
    |> Task.yield_many(:timer.minutes(1))
    |> Enum.each(fn {task, res} -> res || Task.shutdown(task, :brutal_kill) end)

    Process.send_after(self(), :push, 60_000)
    {:noreply, urls}
  end

  def handle_info(:push_all, urls) do
    tasks = Enum.map(urls, fn url -> Task.async(fn -> Req.post!(url, body: "tick") end) end)
    Task.await_many(tasks, :infinity) # want: OTP003 "Task.await_many/2 blocks Prices.Pusher's handle_info/2: the server's other messages and system messages wait until it returns \(it has no handle_call: no caller waits on a reply\) \(the tasks it awaits call Req.post!/2\)"
    {:noreply, urls}
  end
end
