defmodule Weather.MixProject do
  use Mix.Project

  def project, do: [app: :weather, version: "0.1.0", elixir: "~> 1.14", deps: [{:httpoison, "~> 2.0"}]]

  def application, do: [mod: {Weather.Application, []}]
end
