defmodule SampleApp.ReposSupervisor do
  @moduledoc false
  use Supervisor

  def start_link(arg), do: Supervisor.start_link(__MODULE__, arg, name: __MODULE__)

  # Three independent repositories restarted together whenever one fails (OTP005).
  @impl true
  def init(_arg) do
    children = [
      {SampleApp.UsersRepo, []},
      {SampleApp.StationsRepo, []},
      {SampleApp.ReadingsRepo, []}
    ]

    Supervisor.init(children, strategy: :one_for_all)
  end
end
