defmodule Cellar.MixProject do
  use Mix.Project

  def project do
    [app: :cellar, version: "0.1.0", build_path: "../../_build", deps: []]
  end

  def application do
    [mod: {Cellar.Application, []}]
  end
end
