# A test calling the API is no evidence of concurrent use in the application.
defmodule Conc.StepsTest do
  use ExUnit.Case

  test "marks a step" do
    Conc.Steps.setup()
    Conc.Steps.mark(:compile)
    assert Conc.Steps.done?(:compile)
  end
end
