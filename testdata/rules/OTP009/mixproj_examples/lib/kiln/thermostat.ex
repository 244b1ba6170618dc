defmodule Kiln.Thermostat do
  use Agent

  def start_link(_), do: Agent.start_link(fn -> 20 end, name: __MODULE__)
end
