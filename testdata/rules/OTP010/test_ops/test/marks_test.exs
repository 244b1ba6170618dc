defmodule Tally.MarksTest do
  use ExUnit.Case

  test "marks and hits are kept" do
    :ets.insert(:tally_marks, {:a, true})
    assert [{:a, true}] = :ets.lookup(:tally_marks, :a)
    assert :ets.member(:tally_marks, :a)
    assert [] = :ets.lookup(:tally_hits, :a)
    assert :ets.member(:tally_hits, :a) == false
    :ets.delete_all_objects(:tally_hits)
  end
end
