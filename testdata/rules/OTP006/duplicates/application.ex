defmodule Dup.Application do
  use Application

  @registry Dup.Registry

  def start(_type, _args) do
    children = [
      # The :name is the id of these: distinct names, distinct ids.
      {DynamicSupervisor, name: Dup.Rooms},
      {DynamicSupervisor, name: Dup.Games, strategy: :one_for_one},
      {Task.Supervisor, name: Dup.Tasks},
      {Task.Supervisor, name: Dup.MailTasks},
      {Registry, keys: :unique, name: @registry},
      {Registry, keys: :duplicate, name: Dup.Topics},
      {PartitionSupervisor, child_spec: Task.Supervisor, name: Dup.Partitions},
      # Names we cannot read: ids unknown, not judged.
      {DynamicSupervisor, name: {:global, :dup_rooms}},
      {DynamicSupervisor, name: {:via, Registry, {Dup.Registry, :rooms}}},
      # A module whose own child_spec/1 derives the id from its argument.
      {Dup.Step, :one},
      {Dup.Step, :two},
      # Positive twins: ids known to be equal.
      {Registry, keys: :unique, name: Dup.Registry}, # want: OTP006 "Registry is a child of this supervisor twice with the same id: the supervisor fails to start with {:duplicate_child_name, Dup.Registry}"
      {Task.Supervisor, name: Dup.Tasks}, # want: OTP006 "Task.Supervisor is a child of this supervisor twice with the same id: the supervisor fails to start with {:duplicate_child_name, Dup.Tasks}"
      {Dup.Step, :one} # want: OTP006 "Dup.Step is a child of this supervisor twice with the same id"
    ]

    Supervisor.start_link(children, strategy: :one_for_one)
  end
end

defmodule Dup.Step do
  use GenServer
  def child_spec(step), do: %{id: {__MODULE__, step}, start: {__MODULE__, :start_link, [step]}}
  def start_link(step), do: GenServer.start_link(__MODULE__, step)
  def init(step), do: {:ok, step}
end
