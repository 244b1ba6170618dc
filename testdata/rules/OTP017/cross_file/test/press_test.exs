defmodule Mint.PressTest do
  use ExUnit.Case

  # A design rule: off in test files.
  test "strikes a coin" do
    name = {:via, Registry, {Mint.Registry, 5}}

    if GenServer.whereis(name) == nil do
      {:ok, _pid} = DynamicSupervisor.start_child(Mint.Presses, {Mint.Coin, name: name})
    end
  end
end
