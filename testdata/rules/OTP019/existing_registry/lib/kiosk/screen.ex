defmodule Kiosk.Screen do
  @moduledoc false

  # The name goes through a variable; its uses all take a via name.
  def show(screen_id, text) do
    name = String.to_atom("screen:" <> screen_id)
    {:ok, _} = Agent.start_link(fn -> text end, name: name) # want: OTP019 "name: name registers a process under an atom made at run time \(String.to_atom/1 in the variable name\)"
    Agent.get(name, & &1)
  end
end
