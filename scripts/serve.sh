#!/usr/bin/env bash
# Builds the web app (wasm) and serves it on http://127.0.0.1:8080 (static files only).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/setup.sh
export NODE_PATH=/usr/share/nodejs
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j2
port="${PORT:-8080}"
echo "kubesim: open http://127.0.0.1:${port}/ (Ctrl-C stops)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build/wasm/site
