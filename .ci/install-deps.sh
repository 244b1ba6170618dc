#!/usr/bin/env bash
# Installs what the test suite needs when it is missing: Elixir (elixirc compiles every fix
# golden). Later sections add the editors. Idempotent; quiet when everything is there.
set -euo pipefail

need_apt=()
command -v elixirc >/dev/null 2>&1 || need_apt+=(elixir erlang-dev)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-deps: installing ${need_apt[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
