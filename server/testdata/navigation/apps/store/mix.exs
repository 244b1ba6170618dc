defmodule Store.MixProject do
  use Mix.Project

  def project do
    [app: :store, version: "0.1.0", build_path: "../../_build", deps_path: "../../deps", lockfile: "../../mix.lock", deps: []]
  end
end
