defmodule Ticker.Stage do
  use GenStage

  def init(start), do: {:producer, start}

  # GenStage replies with the events it dispatches too.
  def handle_call(:peek, _from, state), do: {:reply, state, [], state}
  def handle_cast(:emit, state), do: {:noreply, [state], state}
  def handle_info(:tick, state), do: {:noreply, [], state}
  def handle_demand(demand, state), do: {:noreply, Enum.to_list(state..(state + demand - 1)), state + demand}
end

defmodule Ticker.Machine do
  @behaviour :gen_statem

  def callback_mode, do: :state_functions
  def init(data), do: {:ok, :idle, %{data: data}}
  def idle(:cast, :go, data), do: {:next_state, :running, data}
end

defmodule Ticker.Custom do
  # What this `use` expects its callbacks to return is its own business.
  use Ticker.Base

  def init(arg), do: {:producer, arg}
  def handle_call(:ping, _from, state), do: {:reply, :pong}
end

defmodule Ticker.Sup do
  use Supervisor

  def init(children), do: Supervisor.init(children, strategy: :one_for_one)
  def handle_call(:odd, _from, state), do: {:reply, :odd}
end

defmodule Ticker.Channel do
  use Phoenix.Channel

  def join("ticker:" <> _id, _payload, socket), do: {:ok, socket}
  def handle_info(:after_join, socket), do: {:noreply, socket}
  def handle_in("ping", _payload, socket), do: {:reply, :ok, socket}
end
