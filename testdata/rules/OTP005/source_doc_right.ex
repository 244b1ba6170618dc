# The source document's section 5 right forms.
defmodule DatabaseSupervisor do
  use Supervisor

  def init(_opts) do
    children = [
      {UserRepo, []},
      {ProductRepo, []},
      {OrderRepo, []}
    ]

    Supervisor.init(children, strategy: :one_for_one)
  end
end

defmodule PaymentSupervisor do
  use Supervisor

  def init(_opts) do
    children = [
      {PaymentGateway, []},
      {TransactionLogger, []},
      {FraudDetector, []}
    ]

    Supervisor.init(children, strategy: :rest_for_one)
  end
end

defmodule ClusterSupervisor do
  use Supervisor

  def init(_opts) do
    children = [
      {ClusterNode1, []},
      {ClusterNode2, []},
      {ClusterCoordinator, []}
    ]

    Supervisor.init(children, strategy: :one_for_all)
  end
end
