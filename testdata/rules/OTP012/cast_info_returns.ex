defmodule Inbox do
  use GenServer

  @impl true
  def init(items), do: {:ok, items}

  @impl true
  def handle_cast({:push, item}, items) do
    {:no_reply, [item | items]} # want: OTP012 "Inbox.handle_cast/2 returns \{:no_reply, \[item \| items\]\}: :no_reply is not a return tag \(:noreply is\); the server exits with \{:bad_return_value, value\} when that cast comes"
  end

  def handle_cast(:flush, _items) do
    {:reply, :ok, []} # want: OTP012 "handle_cast/2 does not return :reply"
  end

  def handle_cast({:parse, text}, items) do
    with {n, ""} <- Integer.parse(text) do
      {:noreply, [n | items]}
    else
      _ -> :ok # want: OTP012 "returns :ok: handle_cast/2 returns \{:noreply, state\}"
    end
  end

  def handle_cast({:convert, text}, items) do
    try do
      {:noreply, [String.to_integer(text) | items]}
    rescue
      ArgumentError -> {:stop, :bad_input} # want: OTP012 "a :stop tuple of 2 elements"
    end
  end

  def handle_cast(:reload, items), do: {:noreply, items, {:continue, :load}}

  @impl true
  def handle_info({:tick, n}, items) do
    cond do
      n > 0 -> {:noreplay, items} # want: OTP012 ":noreplay is not a return tag \(:noreply is\)"
      true -> {:noreply, items}
    end
  end

  def handle_info(:wait, items) do
    receive do
      {:more, item} -> {:noreply, [item | items]}
    after
      0 -> nil # want: OTP012 "Inbox.handle_info/2 returns nil"
    end
  end

  @impl true
  def handle_continue(:load, items), do: {:ok, items} # want: OTP012 "handle_continue/2 does not return :ok"
end
