defmodule Layouts.ReaderA do
  def run(k), do: Layouts.Tables.get(k)
end

defmodule Layouts.ReaderB do
  def run(k), do: Layouts.Tables.get(k)
end
