# Installs a catch-all handle_info/2 after the module's own clauses.
defmodule Shop.Hooks do
  defmacro __using__(_opts) do
    quote do
      @before_compile Shop.Hooks
    end
  end

  defmacro __before_compile__(_env) do
    quote do
      def handle_info(_msg, state), do: {:noreply, state}
    end
  end
end
