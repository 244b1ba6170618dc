defmodule Mill.Line do
  use Supervisor

  # A name derived from another name or a module: reported as a hint, without a fix.
  def start_link(opts) do
    line = Keyword.fetch!(opts, :line)
    Supervisor.start_link(__MODULE__, opts, name: :"#{line}_supervisor") # want: OTP019 "left as a hint because an interpolated atom or Module.concat often derives a name"
  end

  def start_belt(parent, opts) do
    GenServer.start_link(Mill.Belt, opts, name: Module.concat(parent, Belt)) # want: OTP019 "Module.concat/2"
  end

  def start_press(parent, opts) do
    children = [{Mill.Press, name: Module.concat([parent, "Press"])}] # want: OTP019 "Module.concat/1"
    Supervisor.start_link(children, strategy: :one_for_one)
  end

  @impl true
  def init(_opts), do: Supervisor.init([], strategy: :one_for_one)
end
