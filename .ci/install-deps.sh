#!/usr/bin/env bash
# Installs what the test suite needs when it is missing: Elixir (elixirc compiles every fix
# golden), Neovim and Emacs + eglot (editor end-to-end tests), graphviz, the aarch64 C
# cross compiler (the linux-arm64 VSIX). Idempotent; quiet when
# everything is there.
set -euo pipefail

need_apt=()
command -v elixirc >/dev/null 2>&1 || need_apt+=(elixir erlang-dev)
# The editor end-to-end tests drive real Neovim and Emacs + eglot.
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
command -v emacs >/dev/null 2>&1 || need_apt+=(emacs-nox)
[ -d /usr/share/emacs/site-lisp/elpa/eglot-1.9 ] || ls /usr/share/emacs/site-lisp/elpa 2>/dev/null | grep -q '^eglot' || need_apt+=(elpa-eglot)
# otpls tree's dot output is rendered with graphviz's dot (cmd/otpls tree_test.go).
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
# make vsix cross-compiles otpls (cgo) for the linux-arm64 VSIX on linux/amd64 hosts.
if [ "$(uname -m)" = x86_64 ]; then
  command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || need_apt+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
fi
# The VS Code end-to-end test runs code-server in Debian's Chromium.
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# code-server builds a Kerberos module from source when installed.
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "install-deps: installing ${need_apt[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# otpls tree's mermaid output is checked with mermaid's own parser, under node with jsdom,
# from the versions pinned in testdata/tree/mermaid/package-lock.json.
(
  cd "$(dirname "$0")/../testdata/tree/mermaid"
  if [ ! -d node_modules/mermaid ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --silent --no-audit --no-fund
  fi
)

"$(dirname "$0")/install-vscode-e2e.sh"
