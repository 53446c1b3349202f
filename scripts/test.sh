#!/usr/bin/env bash
# Builds everything and runs every test: unit + golden transcripts (native and wasm CLI),
# then the browser end-to-end tests. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/setup.sh
export NODE_PATH=/usr/share/nodejs
cmake --preset native >/dev/null
cmake --build --preset native -j2
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j2
ctest --preset native -j2
if [ -f tests/e2e/run.mjs ]; then
  node tests/e2e/run.mjs
fi
echo "all tests passed"
