# Section 9 of the source document, wrong form: a bare process per request.
defmodule RequestHandler do
  def handle_request(request) do
    # Spawn new process for each request
    spawn(fn -> # want: OTP009 "spawn/1 in handle_request/1 starts a process outside any supervisor: if it crashes, the crash is logged but nothing restarts it, and it is not shut down in order with the supervision tree"
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
