# The source document's section 2 right form.
defmodule Math do
  @doc """
  Adds two numbers.
  """
  def add(a, b) do
    a + b
  end

  @doc """
  Multiplies two numbers.
  """
  def multiply(a, b) do
    a * b
  end
end
