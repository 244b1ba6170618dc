# Work inside a function that runs in another process is not the callback's: a function
# handed to Task/spawn/Agent, written in a child spec, or passed to a local helper that
# hands it on. A function the helper calls itself runs in the callback's process.
defmodule Catalog.Loader do
  use GenServer

  @impl true
  def init(urls) do
    :ok = each_concurrently(urls, fn url -> download(url) end)
    {:ok, %{urls: urls, started: 0}}
  end

  # The twin: the helper calls the function itself, in the server's process.
  @impl true
  def handle_call(:reload, _from, state) do
    :ok = each_in_turn(state.urls, fn url -> download(url) end)
    {:reply, :ok, %{state | started: state.started + 1}}
  end

  # A child spec's start: runs in the supervised child.
  def handle_call({:start_worker, id}, _from, state) do
    {:ok, pid} =
      DynamicSupervisor.start_child(Catalog.Workers, %{
        id: id,
        restart: :transient,
        start: {Task, :start_link, [fn -> Process.sleep(id * 1_000) end]}
      })

    {:reply, pid, %{state | started: state.started + 1}}
  end

  def handle_call({:start_short, id}, _from, state) do
    {:ok, pid} = DynamicSupervisor.start_child(Catalog.Workers, {Task, fn -> :timer.sleep(id) end})
    {:reply, pid, %{state | started: state.started + 1}}
  end

  # Agent functions run in the agent.
  @impl true
  def handle_cast({:note, url}, state) do
    Agent.update(Catalog.Notes, fn notes -> [download(url) | notes] end)
    {:noreply, %{state | started: state.started + 1}}
  end

  # Through two helpers, the last of which spawns.
  def handle_cast(:warm, state) do
    in_background(fn -> System.cmd("warm-cache", []) end)
    {:noreply, %{state | started: state.started + 1}}
  end

  # A function bound to a variable that is handed to a helper which runs it in a task.
  def handle_cast({:fetch_later, url}, state) do
    fetch = fn -> download(url) end
    supervised(fetch)
    {:noreply, %{state | started: state.started + 1}}
  end

  # The twin: the bound function is called right here.
  @impl true
  def handle_info({:fetch_now, url}, state) do
    fetch = fn -> System.cmd("curl", [url]) end # want: OTP003 "System.cmd/2 blocks Catalog.Loader's handle_info/2"
    _ = fetch.()
    {:noreply, %{state | started: state.started + 1}}
  end

  defp supervised(work) do
    Task.Supervisor.start_child(Catalog.Tasks, fn -> work.() end)
  end

  defp in_background(fun), do: later(fun)

  defp later(work), do: spawn(work)

  defp each_concurrently(urls, fun) do
    urls
    |> Task.async_stream(fn url -> fun.(url) end, timeout: 10_000)
    |> Stream.run()
  end

  defp each_in_turn(urls, fun) do
    Enum.each(urls, fn url -> fun.(url) end)
  end

  defp download(url) do
    {:ok, _} = Req.get(url) # want: OTP003 "Req.get/1 blocks Catalog.Loader's handle_call/3 \(via download/1\)"
    :ok
  end
end
