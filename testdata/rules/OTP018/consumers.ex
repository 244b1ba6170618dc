# Consumers of the results that match only {:ok, _}: where a clause for {:exit, _} is
# clearly right, the fix adds it.
defmodule Mirror.Sync do
  def push(files) do
    files
    # want+1: OTP018
    |> Task.async_stream(fn file -> System.cmd("rsync", [file, "backup:"]) end)
    |> Enum.each(fn {:ok, {_out, status}} -> IO.puts(status) end)
  end

  def count(hosts) do
    hosts
    # want+1: OTP018
    |> Task.async_stream(fn host -> :gen_tcp.connect(host, 22, []) end)
    |> Enum.reduce(0, fn
      {:ok, {:ok, _socket}}, up -> up + 1
      {:ok, {:error, _}}, up -> up
    end)
  end

  def lines(paths) do
    paths
    # want+1: OTP018
    |> Task.async_stream(fn path -> Req.get!(path).body end)
    |> Enum.flat_map(fn {:ok, body} -> String.split(body, "\n") end)
  end

  # Already handles the exit: nothing to add.
  def statuses(urls) do
    urls
    # want+1: OTP018
    |> Task.async_stream(&Req.head!/1)
    |> Enum.map(fn
      {:ok, response} -> response.status
      {:exit, _} -> nil
    end)
  end
end
