# Its hook adds a catch-all after these clauses: :expire is dropped, not a crash.
defmodule Shop.Wishlist do
  use GenServer
  use Shop.Hooks

  def init(items) do
    Process.send_after(self(), :expire, 10)
    {:ok, items}
  end

  def handle_info(:expired, _items), do: {:noreply, []}
end
