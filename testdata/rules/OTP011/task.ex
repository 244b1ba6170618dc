defmodule Thumbnailer do
  use GenServer

  def start(jobs \\ []), do: GenServer.start(__MODULE__, jobs)

  @impl true
  def init(jobs), do: {:ok, jobs}

  @impl true
  def handle_cast({:render, image}, jobs) do
    # want+1: OTP011 "Task.async/1 in Thumbnailer.handle_cast/2, never awaited, delivers \{ref, result\} when the task ends, which no handle_info/2 clause of Thumbnailer matches"
    task = Task.async(fn -> {:rendered, image} end)
    {:noreply, [task.ref | jobs]}
  end

  @impl true
  def handle_info({:cancel, ref}, jobs), do: {:noreply, List.delete(jobs, ref)}
end
