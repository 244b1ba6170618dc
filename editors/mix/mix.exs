defmodule Otpls.MixProject do
  use Mix.Project

  def project do
    [
      app: :otpls,
      version: "0.1.0",
      elixir: "~> 1.14",
      description: "mix otpls: runs the otpls linter (an external binary) from Mix",
      deps: []
    ]
  end

  def application, do: []
end
