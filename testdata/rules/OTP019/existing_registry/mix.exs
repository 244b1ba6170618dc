defmodule Kiosk.MixProject do
  use Mix.Project

  def project, do: [app: :kiosk, version: "0.1.0"]
end
