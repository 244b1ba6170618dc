defmodule Drawer do
  use GenServer

  def start_link(items), do: GenServer.start_link(__MODULE__, items, name: __MODULE__)

  # A client function sharing a callback's name.
  def terminate(reason \\ :normal), do: GenServer.stop(__MODULE__, reason)

  # Default arguments define init/1 too.
  @impl true
  def init(items, sorted \\ false), do: {:ok, if(sorted, do: Enum.sort(items), else: items)}

  @impl true
  def handle_call(:items, _from, items), do: {:reply, items, items}

  @impl true
  def handle_cast(message, items), do: handle_cast(message, items, :now)

  # A helper the callback calls.
  defp handle_cast({:put, item}, items, _when), do: {:noreply, [item | items]}

  @impl true
  def handle_info(message, items), do: apply(__MODULE__, :handle_infos, [message, items])

  # Named for apply/3.
  def handle_infos(_message, items), do: {:noreply, items}

  # Misspelling a callback that is defined: a helper with an unlucky name, called through a capture.
  def handle_calls(requests, items), do: Enum.map(requests, &handle_call(&1, nil, items))
  def handle_casts(messages, items), do: Enum.reduce(messages, items, &handle_cast_one/2)
  defp handle_cast_one(message, items), do: elem(handle_cast(message, items), 1)

  @impl true
  def handle_continue(:sort, items), do: {:noreply, Enum.sort(items)}

  # {:continue, ...} from a helper: not a callback's own return.
  def sorted(items), do: {:noreply, items, {:continue, :sort}}
end

defmodule Drawer.Handler do
  use GenServer
  @behaviour Drawer.Events

  def init(arg), do: {:ok, arg}

  # Drawer.Events' own callback.
  def handle_info(event, meta, state), do: {event, meta, state}
end

defmodule Drawer.Wrapped do
  # What Drawer.Base's `use` defines is not known here.
  use GenServer
  use Drawer.Base

  def handle_call(request, state), do: {:reply, request, state}
  def init(arg), do: {:ok, arg, {:continue, :load}}
end

defmodule Drawer.Stage do
  use GenStage

  def init(arg), do: {:producer, arg}
  def handle_call(request, state), do: {:reply, request, [], state}
end

defmodule Drawer.Delegating do
  use GenServer

  def init(arg), do: {:ok, arg, {:continue, :load}}

  # Defined elsewhere, delegated to.
  defdelegate handle_continue(continue, state), to: Drawer.Loading
end

defmodule Drawer.Generated do
  use GenServer

  def init(arg), do: {:ok, arg, {:continue, :first}}

  for step <- [:first, :second] do
    def handle_continue(unquote(step), state), do: {:noreply, [unquote(step) | state]}
  end
end

defmodule Drawer.Hooked do
  use GenServer
  # The hook may define what this module lacks.
  @before_compile Drawer.Hooks

  def init(arg), do: {:ok, arg, {:continue, :load}}
  def handle_call(request, state), do: {:reply, request, state}
end
