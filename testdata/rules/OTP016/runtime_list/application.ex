defmodule Late.Application do
  use Application

  @impl true
  def start(_type, _args) do
    # Built at run time: the order is not read.
    children = [Late.Needy] ++ optional_children()
    Supervisor.start_link(children, strategy: :one_for_one)
  end

  defp optional_children, do: [Late.Provider]
end

defmodule Late.Supervisor do
  use Supervisor

  @impl true
  def init(_arg), do: Supervisor.init(children(), strategy: :one_for_one)

  defp children, do: [Late.Needy, Late.Provider]
end
