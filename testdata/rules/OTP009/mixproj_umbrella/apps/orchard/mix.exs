defmodule Orchard.MixProject do
  use Mix.Project

  def project do
    [app: :orchard, version: "0.1.0", build_path: "../../_build", deps: []]
  end

  def application do
    [mod: {Orchard.Application, []}]
  end
end
