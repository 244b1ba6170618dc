# Section 10's cache used from two modules, each in its callers' processes.
defmodule Catalog.Pricing do
  def remember(sku, price), do: Cache.put(sku, price)
end

defmodule Catalog.Page do
  def price(sku), do: Cache.get(sku)
end
