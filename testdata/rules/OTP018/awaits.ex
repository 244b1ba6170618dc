# Awaits on the default 5 s timeout of tasks whose work can take longer.
defmodule Report.Builder do
  def build(id) do
    task = Task.async(fn -> System.cmd("pdflatex", ["report#{id}.tex"]) end)
    prepare(id)

    # want+1: OTP018 "Task.await/1 in Report.Builder.build/1 keeps the default 5 s timeout, but the awaited task calls System.cmd/2, which can take longer: a slow run exits the caller"
    Task.await(task)
  end

  def quotes(symbols) do
    symbols
    |> Enum.map(fn s -> Task.async(fn -> Req.get!("https://quotes.example/" <> s) end) end)
    # want+1: OTP018 "Task.await_many/1 .* calls Req.get!/1"
    |> Task.await_many()
  end

  def ping(host) do
    # want+1: OTP018
    Task.async(fn -> :gen_tcp.connect(host, 80, []) end) |> Task.await()
  end

  defp prepare(_id), do: :ok
end

defmodule Report.Fanout do
  def pages(urls) do
    tasks = Enum.map(urls, fn url -> Task.async(fn -> Req.get!(url) end) end)
    # want+1: OTP018 "Task.await/1 in Report.Fanout.pages/1 keeps the default 5 s timeout, but the awaited task calls Req.get!/1"
    Enum.map(tasks, &Task.await/1)
  end

  def heads(urls) do
    tasks = for url <- urls, do: Task.async(fn -> Req.head!(url) end)
    # want+1: OTP018 "Task.await/1 .* calls Req.head!/1"
    Enum.map(tasks, &Task.await(&1))
  end

  # Each awaited with a timeout.
  def bodies(urls) do
    tasks = Enum.map(urls, fn url -> Task.async(fn -> Req.get!(url) end) end)
    Enum.map(tasks, &Task.await(&1, 15_000))
  end
end
