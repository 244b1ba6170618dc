defmodule Zoo.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      Zoo.Keepers,
      Zoo.Pantry
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end
