# A test's own supervisor is not the application's boot.
defmodule CrateCase do
  def start_crate, do: Supervisor.start_link([Crate, Crate.Lid], strategy: :one_for_one)
end
