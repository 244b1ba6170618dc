defmodule Mix.Tasks.Otpls do
  @shortdoc "Runs otpls (the OTP anti-pattern linter) with the given arguments"
  @moduledoc """
  Runs the otpls binary with the given arguments and exits with its exit status:

      mix otpls                  # same as `mix otpls check`
      mix otpls check lib
      mix otpls fix --unsafe
      mix otpls explain OTP011

  The binary is, in order: the `OTPLS_PATH` environment variable, `config :otpls, path:
  "/path/to/otpls"` in your config, or `otpls` on `PATH`.

  `otpls serve` (the language server) is not run through Mix: an editor must talk to it
  on its own stdin, which Mix does not hand over. Point your editor at the binary.
  """
  use Mix.Task

  @impl Mix.Task
  def run([]), do: run(["check"])

  def run(["serve" | _]) do
    Mix.shell().error(
      "mix otpls: the language server is not run through Mix (it needs the editor's stdin); " <>
        "point your editor at the otpls binary: #{describe(binary())}"
    )

    exit({:shutdown, 2})
  end

  def run(args) do
    case binary() do
      {:ok, path, _from} ->
        # stdout streamed as it comes; stderr is the BEAM's own, so it passes through.
        {_, status} = System.cmd(path, args, into: IO.stream(:stdio, :line))
        if status != 0, do: exit({:shutdown, status})

      {:error, message} ->
        Mix.shell().error("mix otpls: " <> message)
        exit({:shutdown, 2})
    end
  end

  # binary finds otpls: OTPLS_PATH, then `config :otpls, path:`, then PATH. A path that
  # is given but cannot be run is an error, not a reason to look further.
  defp binary do
    cond do
      (path = System.get_env("OTPLS_PATH")) not in [nil, ""] ->
        check(path, "OTPLS_PATH")

      path = Application.get_env(:otpls, :path) ->
        check(path, "config :otpls, path:")

      path = System.find_executable("otpls") ->
        {:ok, path, "PATH"}

      true ->
        {:error,
         "otpls not found on PATH; install it, or set OTPLS_PATH or config :otpls, path: \"/path/to/otpls\""}
    end
  end

  defp check(path, from) do
    path = Path.expand(path)

    if File.regular?(path) and System.find_executable(path) == path do
      {:ok, path, from}
    else
      {:error, "#{inspect(path)} (from #{from}) is not an executable file"}
    end
  end

  defp describe({:ok, path, from}), do: "#{path} (from #{from})"
  defp describe({:error, message}), do: message
end
