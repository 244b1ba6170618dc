# The layouts the reply-later rewrite edits: keyword `do:` forms, multi-line tails and
# comments inside the body. The rewrite is unsafe (the work runs concurrently with the
# server's next messages, and its crash is the task's).
defmodule Quotes.Server do
  use GenServer

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  @impl true
  def init(opts), do: {:ok, %{base: Keyword.fetch!(opts, :base), timeout: 5_000}}

  # Keyword form.
  @impl true
  def handle_call({:quote, symbol}, _from, state), do: {:reply, HTTPoison.get!(state.base <> symbol), state} # want: OTP003

  # Keyword form with a guard, the reply reading a state field.
  def handle_call({:price, symbol}, _from, state) when is_binary(symbol),
    do: {:reply, Req.get!(state.base <> "/price/" <> symbol, receive_timeout: state.timeout).body, state} # want: OTP003 "Req.get!/2 blocks"

  # A tail spread over several lines, and comments between the statements.
  def handle_call({:history, symbol, days}, _from, state) do
    # fetch the raw series first
    {:ok, resp} =
      Req.get(state.base <> "/history/" <> symbol, # want: OTP003 "Req.get/2 blocks Quotes.Server's handle_call/3"
        params: [days: days],
        receive_timeout: state.timeout
      )

    # then shape the reply
    {:reply,
     %{
       symbol: symbol,
       points: resp.body
     }, state}
  end

  # Several tails, one per branch.
  def handle_call({:status, symbol}, _from, state) do
    case Req.head(state.base <> symbol) do # want: OTP003 "Req.head/1 blocks"
      {:ok, %{status: 200}} ->
        # listed
        {:reply, :listed, state}

      _other ->
        {:reply, :unknown, state}
    end
  end

  # Raises on purpose: the server's caller gets the exit today, so no fix.
  def handle_call({:strict, symbol}, _from, state) do
    case Req.get(state.base <> symbol) do # want: OTP003 "Req.get/1 blocks"
      {:ok, %{status: 200, body: body}} -> {:reply, body, state}
      {:ok, %{status: status}} -> raise "unexpected status #{status}"
    end
  end

  @impl true
  def handle_cast({:prefetch, symbol}, state) do
    # warm the cache; the reply is not needed
    _ = Req.get!(state.base <> symbol) # want: OTP003 "Req.get!/1 blocks Quotes.Server's handle_cast/2"
    {:noreply, state}
  end

  def handle_cast({:touch, symbol}, state), do: (:httpc.request(~c"http://localhost/" ++ String.to_charlist(symbol)); {:noreply, state}) # want: OTP003 ":httpc.request/1 blocks"

  @impl true
  def handle_info({:ping, symbol}, state), do: (Process.sleep(10); {:noreply, state}) # want: OTP003
end

# init/1 in the keyword form, with a comment: moved into handle_continue(:init, ...).
defmodule Quotes.Boot do
  use GenServer

  def start_link(url), do: GenServer.start_link(__MODULE__, url, name: __MODULE__)

  @impl true
  def init(url), do: {:ok, %{url: url, body: Req.get!(url).body}} # want: OTP003 "Req.get!/1 blocks Quotes.Boot's init/1"

  @impl true
  def handle_call(:body, _from, state), do: {:reply, state.body, state}

  @impl true
  def handle_continue(:refresh, state) do
    {:noreply, %{state | body: nil}}
  end
end
