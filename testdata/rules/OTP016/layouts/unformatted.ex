# Layouts mix format would change (the fix keeps them as they are).

# The first entry shares the line of `[`: no fix.
defmodule Lay.Shared do
  use Supervisor

  @impl true
  def init(_arg) do
    Supervisor.init([Lay.A4,
      Lay.P4], strategy: :one_for_one)
  end
end

# A trailing comma after the last entry stays where it is.
defmodule Lay.Trailing do
  use Supervisor

  @impl true
  def init(_arg) do
    children = [
      Lay.A5,
      Lay.P5, # provides
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end
