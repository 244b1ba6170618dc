defmodule MyApp.Application do
  use Application

  def start(_type, _args) do
    children = [
      {MyApp.Repo, []},
      MyApp.Endpoint
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: MyApp.Supervisor)
  end
end
