# Flagged, but the cast -> call fix is not offered.

# Another module casts to the server too: its handler cannot change under it.
defmodule Shop.Mailer do
  use GenServer
  def start_link(_), do: GenServer.start_link(__MODULE__, nil, name: __MODULE__)
  def deliver(mail), do: GenServer.cast(__MODULE__, {:deliver, mail}) # want: OTP007 "in deliver/1 has no backpressure"
  def init(s), do: {:ok, s}

  def handle_cast({:deliver, mail}, s) do
    Req.post!("https://mail.example.com/send", json: mail)
    {:noreply, s}
  end
end

defmodule Shop.Signup do
  def welcome(user), do: GenServer.cast(Shop.Mailer, {:deliver, %{to: user}})
end

# The message is a variable: it may reach either clause.
defmodule Shop.Exporter do
  use GenServer
  def export(rows), do: GenServer.cast(__MODULE__, rows) # want: OTP007 "in export/1 has no backpressure: handle_cast\(\{:rows, rows\}, s\) does slow work \(File.write!/2\)"
  def init(s), do: {:ok, s}
  def handle_cast({:rows, rows}, s), do: {:noreply, File.write!("out.csv", rows) && s}
  def handle_cast(_other, s), do: {:noreply, s}
end

# A tail the fix cannot read: it comes from a helper.
defmodule Shop.Archiver do
  use GenServer
  def archive(id), do: GenServer.cast(__MODULE__, {:archive, id}) # want: OTP007 "in archive/1 has no backpressure"
  def init(s), do: {:ok, s}

  def handle_cast({:archive, id}, s) do
    File.rename!("live/#{id}", "archive/#{id}")
    finish(s)
  end

  defp finish(s), do: {:noreply, s}
end

# The server calls its own API from a callback: a call there would never return.
defmodule Shop.Indexer do
  use GenServer
  def reindex, do: GenServer.cast(__MODULE__, :reindex) # want: OTP007 "in reindex/0 has no backpressure"
  def init(s), do: {:ok, s}

  def handle_cast(:reindex, s) do
    System.cmd("reindex", [])
    {:noreply, s}
  end

  def handle_info(:nightly, s) do
    reindex()
    {:noreply, s}
  end
end

# The clause would move above handle_call, but it shares its line with other code (the
# module's `end`, another clause), which must stay where it is.
defmodule Shop.Ledger do
  use GenServer
  def post(e), do: GenServer.cast(__MODULE__, {:post, e}) # want: OTP007 "in post/1 has no backpressure"
  def total, do: GenServer.call(__MODULE__, :total)
  def init(s), do: {:ok, s}
  def handle_call(:total, _from, s), do: {:reply, s, s}
  def handle_info(:tick, s), do: {:noreply, s}; def handle_cast({:post, e}, s), do: {:noreply, File.write!("ledger", e) && s} end
