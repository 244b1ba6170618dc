defmodule Shop.Journal do
  @moduledoc "Erlang-style casts, several handle_cast clauses, a {:stop, ...} tail and a send/2."
  use GenServer

  def start_link(path), do: GenServer.start_link(__MODULE__, path, name: __MODULE__)

  def append(entry), do: :gen_server.cast(__MODULE__, {:append, entry}) # want: OTP007 ":gen_server.cast/2 to __MODULE__ in append/1 has no backpressure: handle_cast\(\{:append, entry\}, %\{file: file\} = state\) does slow work \(IO.binwrite/2\)"

  def close, do: GenServer.cast(__MODULE__, :close) # want: OTP007 "GenServer.cast/2 to __MODULE__ in close/0 has no backpressure: handle_cast\(:close, state\) does slow work \(File.close/1\)"

  # handle_info also receives timer and monitor messages: flagged, no fix.
  def sync, do: send(__MODULE__, :sync) # want: OTP007 "send/2 to __MODULE__ in sync/0 has no backpressure: handle_info\(:sync, state\) does slow work \(:file.sync/1\)"

  @impl true
  def init(path), do: {:ok, %{file: File.open!(path, [:append]), count: 0}}

  @impl true
  def handle_cast({:append, entry}, %{file: file} = state) do
    IO.binwrite(file, [entry, ?\n])
    {:noreply, %{state | count: state.count + 1}}
  end

  def handle_cast(:close, state) do
    File.close(state.file)
    {:stop, :normal, state}
  end

  @impl true
  def handle_info(:sync, state) do
    :file.sync(state.file)
    {:noreply, state}
  end
end
