# A start: MFA named by a child spec in another file (wrappers.ex's Vault.Members).
defmodule Vault.Pool do
  def start_member(i) do
    Vault.Shard.start_link(i)
    {:ok, Process.whereis(Vault.Shard.name(i))}
  end

  # Positive twin: named by no child spec.
  def restart_member(i) do
    Vault.Shard.start_link(i) # want: OTP004 "Vault.Shard.start_link/1 in restart_member/1"
    {:ok, Process.whereis(Vault.Shard.name(i))}
  end
end
