defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    children = [
      Shop.Repo,
      {Task.Supervisor, name: Shop.Tasks}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end
end
