defmodule Mint.Press do
  @moduledoc false

  alias Mint.Coin

  # The spec is bound first and names the coin: Mint.Coin (in another file) registers it.
  def strike(denomination) do
    name = {:via, Registry, {Mint.Registry, denomination}}

    if GenServer.whereis(name) do
      {:ok, GenServer.whereis(name)}
    else
      spec = {Coin, name: name, value: denomination}
      # want+1: OTP017 "DynamicSupervisor.start_child/2 starts Mint.Coin, which registers a name, after GenServer.whereis found nothing"
      {:ok, pid} = DynamicSupervisor.start_child(Mint.Presses, spec)
      {:ok, pid}
    end
  end

  # A spec map whose start names the process, and a start spanning lines.
  def mint_named(denomination) do
    if Process.whereis(:mint_main) == nil do
      {:ok, pid} =
        GenServer.start_link( # want: OTP017 "GenServer.start_link/3 starts a process under a name after Process.whereis found nothing"
          Coin,
          [value: denomination],
          name: :mint_main
        )

      pid
    end
  end

  # Supervisor.start_child of a running id returns {:already_started, pid} whatever the name.
  def ensure_minter do
    unless Process.whereis(Mint.Minter) do
      # want+1: OTP017 "Supervisor.start_child/2 adds the child :minter, an id the supervisor runs once, after Process.whereis found nothing"
      case Supervisor.start_child(Mint.Supervisor, %{id: :minter, start: {Agent, :start_link, [fn -> 0 end]}}) do
        {:ok, pid} -> pid
        {:error, :already_present} -> nil
      end
    end
  end
end
