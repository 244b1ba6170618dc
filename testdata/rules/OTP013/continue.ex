defmodule Warmup do
  use GenServer

  def start(size), do: GenServer.start(__MODULE__, size)

  @impl true
  def init(size), do: {:ok, %{size: size, ready: false}, {:continue, :fill}} # want: OTP013 "Warmup.init/1 returns \{:continue, :fill\}, but Warmup defines no handle_continue/2: the server crashes with UndefinedFunctionError right after init/1 returns"

  @impl true
  def handle_cast(:refill, state), do: {:noreply, %{state | ready: false}, {:continue, :fill}} # want: OTP013 "Warmup.handle_cast/2 returns \{:continue, :fill\}"

  def handle_cast(:reset, state), do: {:noreply, state, {:continue, :clear}} # want: OTP013 "returns \{:continue, :clear\}"

  @impl true
  def handle_call(:ready?, _from, state), do: {:reply, state.ready, state}
end

defmodule Warmup.Fetcher do
  use GenServer

  def init(ids), do: {:ok, ids}

  def handle_info({:fetch, id}, ids) do
    if id in ids do
      {:noreply, ids}
    else
      {:noreply, [id | ids], {:continue, {:fetch, id}}} # want: OTP013 "Warmup.Fetcher.handle_info/2 returns \{:continue, \{:fetch, id\}\}"
    end
  end
end
