# R01: a module that defines functions named spawn. Its typespecs, heads and delegations
# name spawn/1,3; they start nothing. Only the call in Kiln.Oven.bake/1 runs.
defmodule Kiln.Launcher do
  import Kernel, except: [spawn: 1, spawn: 3]

  @callback spawn((-> any)) :: pid
  @callback spawn(module, atom, list) :: pid

  @spec spawn((-> any)) :: pid
  def spawn(fun) when is_function(fun, 0) do
    :erlang.spawn(fun)
  end

  @spec spawn(module, atom, list) :: pid
  def spawn(mod, fun, args), do: :erlang.spawn(mod, fun, args)

  # Calls the module's own spawn/1, not Kernel's.
  def relaunch(fun), do: spawn(fun)
end

defmodule Kiln.Delegate do
  import Kernel, except: [spawn: 1]

  @type starter :: (-> any)
  defdelegate spawn(fun), to: Kiln.Launcher
end

defmodule Kiln.Oven do
  defmacrop spawn_later(fun) do
    quote do: unquote(fun)
  end

  def bake(batch) do
    spawn(fn -> fire(batch) end) # want: OTP009 "spawn/1 in bake/1"
    spawn_later(batch)
  end

  defp fire(batch), do: batch
end
