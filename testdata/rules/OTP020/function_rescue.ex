defmodule Pricing.Cache do
  @moduledoc false

  def start(rates), do: Agent.start(fn -> rates end)

  # A function-level rescue protects the whole body; the Agent's timeout exits through it.
  def rate(agent, currency, timeout) do
    Agent.get(agent, &slow_lookup(&1, currency), timeout) # want: OTP020 "Agent.get/3 fails by exiting, not raising, .* the rescue of rate/3 catches exceptions only"
  rescue
    _error ->
      require Logger
      Logger.warning("no rate for #{currency}")
      :unknown
  end

  defp slow_lookup(rates, currency) do
    Process.sleep(200)
    Map.fetch!(rates, currency)
  end
end
