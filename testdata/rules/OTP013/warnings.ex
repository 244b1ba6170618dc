defmodule Pager do
  use GenServer

  def start_link(pages), do: GenServer.start_link(__MODULE__, pages)

  # want+1: OTP013 "Pager defines init/0, but GenServer calls init/1 and init/1 is not defined: use GenServer injects a default init/1 \(the compiler warns of it\) that makes the start argument the state; init/0 never runs"
  def init, do: {:ok, []}

  @impl true
  def handle_call(:pages, _from, pages), do: {:reply, pages, pages}

  # want+1: OTP013 "Pager defines handle_info/3, but GenServer calls handle_info/2 and handle_info/2 is not defined: other messages reach use GenServer's default handle_info/2, which logs and drops them; handle_info/3 never runs"
  def handle_info(:flip, _meta, pages), do: {:noreply, Enum.reverse(pages)}

  # want+1: OTP013 "Pager defines terminate/1, but GenServer calls terminate/2 and terminate/2 is not defined: nothing runs when the server terminates"
  def terminate(pages), do: IO.inspect(pages, label: "pages left")

  # No cast is sent to this server: a Warning.
  # want+1: OTP013 "Pager defines handle_cast/1, but GenServer calls handle_cast/2 and handle_cast/2 is not defined: a GenServer.cast to the server reaches use GenServer's default handle_cast/2, which raises"
  def handle_cast(:noop), do: :ok
end

defmodule Pager.Bare do
  @behaviour GenServer

  def init(pages), do: {:ok, pages}

  # want+1: OTP013 "Pager.Bare defines handle_call/2, but GenServer calls handle_call/3 and handle_call/3 is not defined: a GenServer.call to the server crashes it \(handle_call/3 is undefined\)"
  def handle_call(:pages, pages), do: {:reply, pages, pages}
end
