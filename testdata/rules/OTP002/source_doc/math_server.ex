# The source document's section 2 wrong form.
defmodule MathServer do # want: OTP002 "MathServer is a GenServer with no state: init/1 returns %\{\} and no callback reads or changes it, so the process only serialises calls that could run in the caller; make it a plain module"
  use GenServer

  def start_link(opts) do
    GenServer.start_link(__MODULE__, opts, name: __MODULE__)
  end

  def init(_opts) do
    {:ok, %{}}
  end

  def add(a, b) do
    GenServer.call(__MODULE__, {:add, a, b})
  end

  def multiply(a, b) do
    GenServer.call(__MODULE__, {:multiply, a, b})
  end

  def handle_call({:add, a, b}, _from, state) do
    result = a + b
    {:reply, result, state}
  end

  def handle_call({:multiply, a, b}, _from, state) do
    result = a * b
    {:reply, result, state}
  end
end
