# Section 3 of the source document, wrong form: an HTTP request inside handle_call.
defmodule ApiClient do
  use GenServer

  def init(state), do: {:ok, state}

  def handle_call({:fetch_user, user_id}, _from, state) do
    # Blocking HTTP request
    response = HTTPoison.get("https://api.example.com/users/#{user_id}") # want: OTP003 "HTTPoison.get/1 blocks ApiClient's handle_call/3"

    case response do
      {:ok, %{status_code: 200, body: body}} ->
        user = Jason.decode!(body)
        {:reply, {:ok, user}, state}

      {:error, reason} ->
        {:reply, {:error, reason}, state}
    end
  end
end
