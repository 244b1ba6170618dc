defmodule Web.MixProject do
  use Mix.Project

  def project do
    [app: :web, version: "0.1.0", build_path: "../../_build", deps_path: "../../deps", lockfile: "../../mix.lock", deps: [{:store, in_umbrella: true}]]
  end
end
