# The blocking set is named function by function: building a request, a client or a
# connection struct does no I/O, and neither does closing a connection.
defmodule Forecast.Fetcher do
  use GenServer

  alias Mint.HTTP, as: Conn

  @impl true
  def init(base), do: {:ok, %{base: base, conn: nil, count: 0}}

  @impl true
  def handle_call(:build, _from, state) do
    request = Req.new(base_url: state.base, retry: false)
    client = Tesla.client([{Tesla.Middleware.BaseUrl, state.base}])
    finch = Finch.build(:get, state.base <> "/ping")
    {:reply, {request, client, finch}, %{state | count: state.count + 1}}
  end

  def handle_call(:fetch, _from, state) do
    request = Req.new(base_url: state.base)
    {:ok, resp} = Req.get(request, url: "/today") # want: OTP003 "Req.get/2 blocks Forecast.Fetcher's handle_call/3: callers of the server wait"
    {:reply, resp.body, %{state | count: state.count + 1}}
  end

  def handle_call(:run, _from, state) do
    {_req, resp} = Req.run!(Req.new(url: state.base)) # want: OTP003 "Req.run!/1 blocks"
    {:reply, resp, %{state | count: state.count + 1}}
  end

  def handle_call(:tesla, _from, state) do
    client = Tesla.client([])
    resp = Tesla.post!(client, state.base, "{}") # want: OTP003 "Tesla.post!/3 blocks"
    {:reply, resp, %{state | count: state.count + 1}}
  end

  def handle_call(:finch, _from, state) do
    resp = Finch.build(:get, state.base) |> Finch.request(Forecast.Finch) # want: OTP003 "Finch.request/2 blocks"
    {:reply, resp, %{state | count: state.count + 1}}
  end

  def handle_call(:poison, _from, state) do
    {:reply, HTTPoison.options!(state.base), %{state | count: state.count + 1}} # want: OTP003 "HTTPoison.options!/1 blocks"
  end

  # Mint through an alias: the message names the resolved module.
  def handle_call(:connect, _from, state) do
    {:ok, conn} = Conn.connect(:https, state.base, 443) # want: OTP003 "Mint.HTTP.connect/3 blocks"
    {:reply, :ok, %{state | conn: conn}}
  end

  @impl true
  def handle_cast(:disconnect, state) do
    {:ok, _} = Conn.close(state.conn)
    {:noreply, %{state | conn: nil}}
  end
end
