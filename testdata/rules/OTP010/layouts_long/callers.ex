defmodule LayoutsLong.ReaderA do
  def run(k) do
    {LayoutsLong.Bound.get(k), LayoutsLong.Short.get(k), LayoutsLong.Wide.get(k),
     LayoutsLong.Both.get(k), LayoutsLong.Both.put()}
  end
end

defmodule LayoutsLong.ReaderB do
  def run(k) do
    {LayoutsLong.Bound.get(k), LayoutsLong.Short.get(k), LayoutsLong.Wide.get(k),
     LayoutsLong.Both.get(k), LayoutsLong.Both.put()}
  end
end
