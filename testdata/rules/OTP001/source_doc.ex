# The source document's section 1 wrong form.
defmodule SystemManager do # want: OTP001 "SystemManager holds 5 unrelated concerns in one process \(\[cache\] \[config\] \[connections\] \[metrics\] \[users\]\): no callback uses fields of two of them"
  use GenServer

  def init(_opts) do
    state = %{
      users: %{},
      connections: %{},
      cache: %{},
      metrics: %{},
      config: %{}
    }

    {:ok, state}
  end

  def handle_call({:add_user, user}, _from, state) do
    # User management logic
  end

  def handle_call({:get_cached, key}, _from, state) do
    # Cache retrieval logic
  end

  def handle_call({:record_metric, metric}, _from, state) do
    # Metrics recording
  end
end
