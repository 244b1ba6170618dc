defmodule Umbrella.MixProject do
  use Mix.Project

  def project, do: [apps_path: "apps", deps: []]
end
