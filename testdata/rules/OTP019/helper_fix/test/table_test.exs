defmodule Arcade.TableTest do
  use ExUnit.Case

  # A design rule: off in test files.
  test "names a table" do
    {:ok, _} = GenServer.start_link(Arcade.Table, "t1", name: String.to_atom("probe_" <> "t1" <> inspect(self())))
  end
end
