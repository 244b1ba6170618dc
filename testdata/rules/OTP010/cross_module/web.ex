# A writer in the owner's own namespace: the table is shared by design, no :protected advice.
defmodule Metrics.Web do
  def track(path) do
    :ets.update_counter(:metrics_counters, path, 1, {path, 0})
  end
end

# A writer from another code base: it should go through the owner.
defmodule Billing.Ledger do
  def record(account) do
    :ets.update_counter(:metrics_counters, {:ledger, account}, 1, {{:ledger, account}, 0})
  end
end

# The API runs in the processes of two modules: concurrent use.
defmodule Shop.Cart do
  def add(item), do: Metrics.Counters.bump({:cart, item})
end

defmodule Shop.Report do
  def show(item), do: Metrics.Counters.read({:cart, item})
end
