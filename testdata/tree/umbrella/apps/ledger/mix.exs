defmodule Ledger.MixProject do
  use Mix.Project

  def project, do: [app: :ledger, version: "0.1.0"]

  def application, do: [mod: {Ledger.Application, []}]
end
