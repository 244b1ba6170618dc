# One-line list: the provider moves to the front.
defmodule Lay.One do
  use Supervisor

  @impl true
  def init(_arg) do
    Supervisor.init([Lay.A1, Lay.M1, Lay.P1], strategy: :one_for_one)
  end
end

# The last entry moves, with the comment above it; the comma moves with it.
defmodule Lay.Last do
  use Supervisor

  @impl true
  def init(_arg) do
    children = [
      Lay.A2,
      Lay.M2,

      # The provider.
      Lay.P2
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end

# A middle entry written over several lines moves above the commented first entry.
defmodule Lay.Middle do
  use Supervisor

  @impl true
  def init(_arg) do
    children = [
      # First.
      Lay.A3,
      %{
        id: Lay.P3,
        start: {Lay.P3, :start_link, [[]]}
      },
      Lay.M3
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end
