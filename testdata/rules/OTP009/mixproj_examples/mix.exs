defmodule Kiln.MixProject do
  use Mix.Project

  def project do
    [app: :kiln, version: "0.1.0", deps: []]
  end

  def application do
    [mod: {Kiln.Application, []}]
  end
end
