defmodule Sampler.MixProject do
  use Mix.Project

  def project do
    [app: :sampler, version: "0.1.0", deps: [{:loom, path: "../.."}]]
  end

  def application do
    [mod: {Sampler.Application, []}]
  end
end
