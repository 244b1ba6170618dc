# The source document's section 7 right forms: the API calls, and the slow work runs from
# messages the server sends itself; the GenStage sketch is demand-driven.
defmodule AppLogger do
  use GenServer

  @max_queue_size 1000

  def init(_opts) do
    {:ok, %{queue: :queue.new(), size: 0}}
  end

  def log(message) do
    GenServer.call(__MODULE__, {:log, message}, 5000)
  end

  def handle_call({:log, message}, _from, state) do
    if state.size >= @max_queue_size do
      {:reply, {:error, :queue_full}, state}
    else
      queue = :queue.in(message, state.queue)
      new_state = %{state | queue: queue, size: state.size + 1}

      if state.size == 0 do
        send(self(), :process_queue)
      end

      {:reply, :ok, new_state}
    end
  end

  def handle_info(:process_queue, state) do
    case :queue.out(state.queue) do
      {{:value, message}, new_queue} ->
        File.write!("app.log", message <> "\n", [:append])
        new_state = %{state | queue: new_queue, size: state.size - 1}

        if state.size > 1 do
          send(self(), :process_queue)
        end

        {:noreply, new_state}

      {:empty, _queue} ->
        {:noreply, state}
    end
  end
end

defmodule LogConsumer do
  use GenStage

  def start_link(opts) do
    GenStage.start_link(__MODULE__, opts, name: __MODULE__)
  end

  def init(_opts) do
    {:consumer, %{}, subscribe_to: [{LogProducer, max_demand: 10, min_demand: 5}]}
  end

  def handle_events(events, _from, state) do
    Enum.each(events, fn event ->
      File.write!("app.log", event <> "\n", [:append])
    end)

    {:noreply, [], state}
  end
end
