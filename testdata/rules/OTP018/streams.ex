# Streams of tasks on the default 5 s timeout around work that can take longer.
defmodule Feed.Crawler do
  def fetch_all(urls) do
    urls
    # want+1: OTP018 "Task.async_stream/2 in Feed.Crawler.fetch_all/1 keeps the default 5 s timeout per item \(on_timeout: :exit\), but its function calls HTTPoison.get!/1, which can take longer: one slow item exits the caller"
    |> Task.async_stream(fn url -> HTTPoison.get!(url) end)
    |> Enum.map(fn {:ok, response} -> response.body end)
  end

  def titles(urls) do
    # want+1: OTP018 "calls Req.get!/1 \(via fetch_title/1\)"
    Task.async_stream(urls, &fetch_title/1, max_concurrency: 4)
  end

  def store(rows) do
    # want+1: OTP018 "Task.Supervisor.async_stream_nolink/4 in Feed.Crawler.store/1 .* calls Feed.Repo.insert!/1"
    Task.Supervisor.async_stream_nolink(
      Feed.TaskSupervisor,
      rows,
      fn row -> Feed.Repo.insert!(row) end,
      ordered: false
    )
    |> Stream.run()
  end

  def load(ids) do
    # want+1: OTP018 "calls Feed.Repo.get!/2 \(via load_one/1\)"
    Task.async_stream(ids, __MODULE__, :load_one, [])
  end

  def ask(servers) do
    # want+1: OTP018 "calls GenServer.call/3"
    Enum.to_list(Task.async_stream(servers, &GenServer.call(&1, :report, :infinity)))
  end

  def load_one(id), do: Feed.Repo.get!(Feed.Item, id)

  defp fetch_title(url), do: Req.get!(url).body
end

defmodule Feed.Repo do
  def insert!(row), do: row
  def get!(_schema, id), do: id
end

defmodule Feed.Item do
end
