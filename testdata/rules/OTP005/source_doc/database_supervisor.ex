# The source document's section 5 wrong form.
defmodule DatabaseSupervisor do
  use Supervisor

  def init(_opts) do
    children = [
      {UserRepo, []},
      {ProductRepo, []},
      {OrderRepo, []}
    ]

    # WRONG: one_for_all strategy
    Supervisor.init(children, strategy: :one_for_all) # want: OTP005 ":one_for_all restarts every child when one fails, but UserRepo, ProductRepo and OrderRepo are independent: none refers to another, so one crash needlessly restarts the rest"
  end
end
