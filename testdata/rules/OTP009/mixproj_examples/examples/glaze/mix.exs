defmodule Glaze.MixProject do
  use Mix.Project

  def project do
    [app: :glaze, version: "0.1.0", deps: [{:kiln, path: "../.."}]]
  end

  def application do
    [mod: {Glaze.Application, []}]
  end
end
