# Section 3 of the source document, "better" form: the HTTP request runs in a task the
# server starts, and the result is sent back to the caller. Not flagged. (Its first
# "correct" form, returning a Task.async task for the caller to await, is an OTP mistake
# listed in RULES.md: OTP009 covers it.)
defmodule ApiClientAsync do
  use GenServer

  def init(state), do: {:ok, state}

  def fetch_user_async(user_id, callback_pid) do
    GenServer.cast(__MODULE__, {:fetch_user, user_id, callback_pid})
  end

  def handle_cast({:fetch_user, user_id, callback_pid}, state) do
    Task.start(fn ->
      result = HTTPoison.get("https://api.example.com/users/#{user_id}")
      send(callback_pid, {:user_fetched, result})
    end)

    {:noreply, state}
  end
end

defmodule UserController do
  def get_user(user_id) do
    ApiClientAsync.fetch_user_async(user_id, self())

    receive do
      {:user_fetched, {:ok, response}} -> response
      {:user_fetched, {:error, reason}} -> {:error, reason}
    after
      10_000 -> {:error, :timeout}
    end
  end
end
