defmodule Arcade.MixProject do
  use Mix.Project

  def project, do: [app: :arcade, version: "0.1.0"]
end
