defmodule Gateway.MixProject do
  use Mix.Project

  def project, do: [app: :gateway, version: "0.1.0"]

  def application, do: [mod: {Gateway.Application, []}]
end
