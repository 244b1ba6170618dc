defmodule Warehouse.MixProject do
  use Mix.Project

  def project do
    [app: :warehouse, version: "0.1.0", deps: []]
  end

  def application do
    [mod: {Warehouse.Application, []}]
  end
end
