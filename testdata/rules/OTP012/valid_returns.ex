defmodule Ledger do
  use GenServer

  @timeout 30_000

  @impl true
  def init({:resume, entries}), do: {:ok, entries, {:continue, :replay}}
  def init(:lazy), do: {:ok, [], :hibernate}
  def init(:broken), do: {:stop, :broken}
  def init(:refused), do: {:error, :refused}
  def init(:skip), do: :ignore
  def init(entries), do: {:ok, entries, @timeout}

  @impl true
  def handle_continue(:replay, entries), do: {:noreply, entries}

  @impl true
  def handle_call(:count, _from, entries), do: {:reply, length(entries), entries, 5_000}
  def handle_call(:sleep, _from, entries), do: {:reply, :ok, entries, :hibernate}
  def handle_call(:later, from, entries), do: {:noreply, [{:waiting, from} | entries], :infinity}
  def handle_call(:halt, _from, entries), do: {:stop, :normal, :ok, entries}
  def handle_call(:crash, _from, entries), do: {:stop, :crash, entries}
  def handle_call(:again, _from, entries), do: {:reply, :ok, entries, {:continue, :replay}}
  def handle_call(:computed, _from, entries), do: reply_with(entries)
  def handle_call({:tagged, tag}, _from, entries), do: {tag, :ok, entries}
  def handle_call({:wait, ms}, _from, entries), do: {:noreply, entries, ms}

  def handle_call({:check, entry}, _from, entries) do
    with true <- is_tuple(entry),
         {:ok, checked} <- validate(entry) do
      {:reply, checked, entries}
    end
  end

  def handle_call({:maybe, entry}, _from, entries) do
    if entry do
      {:reply, entry, entries}
    end
  end

  @impl true
  def handle_cast({:add, entry}, entries), do: {:noreply, [entry | entries], 1_000}
  def handle_cast(:stop, entries), do: {:stop, :normal, entries}
  def handle_cast(:nap, entries), do: {:noreply, entries, :hibernate}

  @impl true
  def handle_info(:timeout, entries), do: {:noreply, entries}
  def handle_info({:set, result}, _entries), do: result

  @impl true
  def terminate(_reason, _entries), do: :ok

  @impl true
  def code_change(_old, entries, _extra), do: {:ok, entries}

  # Not callbacks: other arities and helpers return what they like.
  def handle_call(request, entries), do: {:reply, request, entries, :extra, :values}
  defp reply_with(entries), do: {:reply, :ok, entries}
  defp validate(entry), do: {:ok, entry}
end
