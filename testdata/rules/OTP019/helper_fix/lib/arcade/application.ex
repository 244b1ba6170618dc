defmodule Arcade.Application do
  use Application

  @impl true
  def start(_type, _args) do
    children = [
      {DynamicSupervisor, name: Arcade.Tables, strategy: :one_for_one}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Arcade.Supervisor)
  end
end
