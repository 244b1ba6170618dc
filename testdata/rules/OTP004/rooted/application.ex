# A start beside the root supervisor: the child joins the front of the children list.
defmodule Shop.Application do
  use Application

  def start(_type, _args) do
    Shop.Cache.start_link(size: 100) # want: OTP004 "Shop.Cache.start_link/1 in Shop.Application.start/2 starts a process outside the supervision tree"

    children = [
      Shop.Repo,
      {Phoenix.PubSub, name: Shop.PubSub}
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: Shop.Supervisor)
  end
end

defmodule Shop.Cache do
  use GenServer
  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  def init(s), do: {:ok, s}
end
