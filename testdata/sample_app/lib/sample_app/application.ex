defmodule SampleApp.Application do
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    SampleApp.Weather.Cache.init()

    children = [
      SampleApp.Weather.Client,
      SampleApp.Notifications.AuditLog,
      SampleApp.Metrics,
      SampleApp.Billing.Ledger,
      SampleApp.Billing.Invoicer,
      SampleApp.ReposSupervisor
    ]

    Supervisor.start_link(children, strategy: :one_for_one, name: SampleApp.Supervisor)
  end
end
