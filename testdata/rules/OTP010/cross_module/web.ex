defmodule Metrics.Web do
  def track(path) do
    :ets.update_counter(:metrics_counters, path, 1, {path, 0})
  end
end
