defmodule Shipping.Client do
  @moduledoc false

  def catches_exit(server) do
    try do
      GenServer.call(server, :quote)
    rescue
      _ -> {:error, :failed}
    catch
      :exit, _ -> {:error, :unavailable}
    end
  end

  def catches_any_kind(server) do
    try do
      GenServer.call(server, :quote)
    rescue
      _ -> {:error, :failed}
    catch
      _kind, _reason -> {:error, :unavailable}
    end
  end

  def function_catch(server) do
    GenServer.call(server, :quote)
  rescue
    _ -> {:error, :failed}
  catch
    kind, reason -> {:error, {kind, reason}}
  end

  # The rescue names the exceptions it is for: it is not there for the call's failure.
  def named_exceptions(server, payload) do
    try do
      data = Jason.decode!(payload)
      GenServer.call(server, {:quote, data})
    rescue
      e in [ArgumentError, KeyError] -> {:error, e}
      RuntimeError -> {:error, :bad_payload}
    end
  end

  # A rescue that logs and re-raises lets every failure through anyway.
  def reraises(server) do
    try do
      GenServer.call(server, :quote)
    rescue
      e ->
        IO.warn("quote failed")
        reraise e, __STACKTRACE__
    end
  end

  # Calls that do not exit.
  def no_exits(server, task) do
    try do
      GenServer.cast(server, :refresh)
      Agent.cast(server, fn s -> s end)
      Task.yield(task, 100)
    rescue
      _ -> :error
    end
  end

  # Work handed to other processes, or to a lazy stream run later, is not protected here.
  def elsewhere(servers) do
    try do
      Task.start(fn -> GenServer.call(hd(servers), :quote) end)
      Stream.map(servers, &GenServer.call(&1, :quote))
    rescue
      _ -> :error
    end
  end

  # The else and after parts are outside the protection of rescue.
  def after_parts(server) do
    try do
      :ok
    rescue
      _ -> :error
    else
      :ok -> GenServer.call(server, :quote)
    after
      GenServer.stop(server)
    end
  end

  # A nested try answers for its own body; an outer catch of exits covers the inner try.
  def nested(server) do
    try do
      try do
        GenServer.call(server, :quote)
      catch
        :exit, _ -> :unavailable
      end
    rescue
      _ -> :error
    end
  end

  def outer_catch(server) do
    try do
      try do
        GenServer.call(server, :quote)
      rescue
        _ -> :error
      end
    catch
      :exit, _ -> :unavailable
    end
  end
end
