# Section 9 of the source document, right forms: a supervised task, and a pool.
defmodule RequestHandler do
  def handle_request(request) do
    # Use Task.Supervisor for supervised task
    Task.Supervisor.start_child(MyApp.TaskSupervisor, fn ->
      process_request(request)
    end)
  end

  defp process_request(request) do
    result = expensive_computation(request)
    send_response(result)
  end

  defp expensive_computation(request), do: request
  defp send_response(result), do: result
end

defmodule MyApp.Application do
  use Application

  def start(_type, _args) do
    children = [
      {Task.Supervisor, name: MyApp.TaskSupervisor}
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end

defmodule WorkerPool do
  def handle_request(request) do
    :poolboy.transaction(
      :worker_pool,
      fn worker ->
        GenServer.call(worker, {:process, request})
      end,
      5000
    )
  end
end
