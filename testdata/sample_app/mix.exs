defmodule SampleApp.MixProject do
  use Mix.Project

  def project do
    [
      app: :sample_app,
      version: "0.1.0",
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      deps: deps()
    ]
  end

  def application do
    [mod: {SampleApp.Application, []}, extra_applications: [:logger]]
  end

  defp deps do
    [{:httpoison, "~> 2.0"}, {:jason, "~> 1.4"}]
  end
end
