# Closures reach another process through a variable or a local helper's parameter.
defmodule Courier.Dispatch do
  use GenServer

  @impl true
  def init(endpoint), do: {:ok, %{endpoint: endpoint, queue: []}}

  @impl true
  def handle_info(:flush, state) do
    # want+1: OTP015 "the closure run in another process in Courier.Dispatch.handle_info/2 reads state.endpoint but copies all of state \(also :queue\) into the new process"
    job = fn -> Courier.Http.post(state.endpoint) end
    Task.start(job)
    {:noreply, state}
  end

  def handle_info(:retry, state) do
    # want+1: OTP015 "the closure passed to in_background/1 .* into the process in_background/1 starts, at every call"
    in_background(fn -> Courier.Http.post(state.endpoint) end)
    {:noreply, state}
  end

  defp in_background(fun), do: Task.start(fun)
end

defmodule Courier.Http do
  def post(_endpoint), do: :ok
end
