# The layouts the reply-later rewrite edits in a server that calls itself: keyword `do:`
# clauses, a reply spread over several lines, comments inside the body. The rewrite is
# unsafe (the work runs concurrently with the server's next messages).
defmodule Desk.Tickets do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def open, do: GenServer.call(__MODULE__, :open)

  def count, do: GenServer.call(__MODULE__, :count)

  def summary(team), do: GenServer.call(__MODULE__, {:summary, team})

  @impl true
  def init(opts), do: {:ok, %{tickets: [], fallback: Keyword.get(opts, :team, "support")}}

  @impl true
  def handle_call(:open, _from, state), do: {:reply, state.tickets, state}

  # want+2: OTP008 "open/0 from Desk.Tickets's handle_call/3 calls Desk.Tickets itself"
  def handle_call(:count, _from, state),
    do: {:reply, length(open()), state}

  def handle_call({:summary, team}, _from, state) do
    # what is open now
    # want+1: OTP008 "GenServer.call/2 from Desk.Tickets's handle_call/3 calls Desk.Tickets itself"
    tickets = GenServer.call(__MODULE__, :open)

    # then the reply, over several lines
    {:reply,
     %{
       team: team,
       fallback: state.fallback,
       open: length(tickets)
     }, state}
  end

  @impl true
  def handle_info(:report, state) do
    # print the count from time to time
    # want+1: OTP008 "open/0 from Desk.Tickets's handle_info/2 calls Desk.Tickets itself"
    IO.puts("open tickets: #{length(open())}")
    {:noreply, state}
  end
end
