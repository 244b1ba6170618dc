# None of these is flagged.
defmodule Calm.Jobs do
  # A timeout is given.
  def with_timeout(urls) do
    Task.async_stream(urls, &Req.get!/1, timeout: 60_000)
  end

  # A slow item is killed and yields {:exit, :timeout}: the caller survives.
  def killed(urls) do
    urls
    |> Task.async_stream(&Req.get!/1, on_timeout: :kill_task)
    |> Enum.filter(&match?({:ok, _}, &1))
  end

  # Options built elsewhere may hold a timeout.
  def passed(urls, opts) do
    Task.async_stream(urls, &Req.get!/1, opts)
  end

  # Computation: no call in the sets.
  def squares(xs) do
    xs |> Task.async_stream(fn x -> x * x end) |> Enum.to_list()
  end

  # A GenServer.call on its own 5 s default ends the task when the stream would.
  def reports(servers) do
    Task.async_stream(servers, &GenServer.call(&1, :report))
  end

  # An await with a timeout, and one of a task made elsewhere.
  def awaited(url, task) do
    t = Task.async(fn -> Req.get!(url) end)
    {Task.await(t, 20_000), Task.await(task)}
  end

  # A pause shorter than the timeout.
  def paced(xs) do
    Task.async_stream(xs, fn x -> Process.sleep(100) && x end)
  end

  # The slow work is handed to yet another process: the stream's task returns at once.
  def detached(urls) do
    Task.async_stream(urls, fn url -> Task.start(fn -> Req.get!(url) end) end)
  end
end
