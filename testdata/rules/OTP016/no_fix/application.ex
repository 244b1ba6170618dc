defmodule Mill.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Mill.Hopper,
      Mill.Wheel,
      Mill.Stones
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
