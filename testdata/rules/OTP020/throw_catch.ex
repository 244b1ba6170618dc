defmodule Reports.Builder do
  @moduledoc false

  # A catch block that takes throws only: the exit clause goes first in it.
  def build(task) do
    try do
      rows = Task.await(task, 50) # want: OTP020 "Task.await/2 fails by exiting, not raising, when the task does not finish in time or crashes"
      if rows == [], do: throw(:empty)
      {:ok, rows}
    rescue
      _ -> {:error, :failed}
    catch
      :empty -> {:error, :empty}
    end
  end
end
