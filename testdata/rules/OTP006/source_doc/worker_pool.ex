# The source document's section 6 wrong form.
defmodule WorkerPool do
  use GenServer

  def start_link(opts) do
    # No name registration, but nothing calls the pool by name either: not flagged.
    GenServer.start_link(__MODULE__, opts)
  end

  def child_spec(opts) do
    %{
      id: WorkerPool,
      start: {WorkerPool, :start_link, [opts]},
      restart: :temporary, # want: OTP006 "restart: :temporary on WorkerPool, a static child that nothing in the workspace starts dynamically"
      type: :worker
    }
  end

  def init(opts), do: {:ok, %{workers: [], max: Keyword.get(opts, :max, 10)}}
end
