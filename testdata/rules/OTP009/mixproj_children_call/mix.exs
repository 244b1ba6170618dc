defmodule Loom.MixProject do
  use Mix.Project

  def project do
    [app: :loom, version: "0.1.0", deps: []]
  end

  def application do
    [mod: {Loom.Application, []}]
  end
end
