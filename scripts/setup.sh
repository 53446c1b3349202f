#!/usr/bin/env bash
# Installs everything kubesim needs from Debian packages and the npm registry.
# Idempotent and quiet when everything is already present.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="$here/.cache"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

pkgs=(build-essential cmake ninja-build nlohmann-json3-dev catch2 libbenchmark-dev
      emscripten nodejs libglfw3-dev libgl-dev chromium chromium-driver fonts-nanum
      brotli gzip python3 dpkg-dev fonts-dejavu-core libmimalloc-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui sources (the WASM build compiles them; libimgui-dev only ships a native lib).
if [ ! -f "$cache/imgui/imgui.cpp" ]; then
  src=/etc/apt/sources.list.d/kubesim-deb-src.sources
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null; then
    echo "setup: enabling deb-src for bookworm main"
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' | $SUDO tee "$src" >/dev/null
    $SUDO apt-get update -qq >/dev/null
  fi
  mkdir -p "$cache/src"
  (cd "$cache/src" && apt-get source -qq imgui >/dev/null 2>&1)
  d=$(ls -d "$cache"/src/imgui-*/ | head -1)
  rm -rf "$cache/imgui"; cp -r "$d" "$cache/imgui"
  echo "setup: imgui sources in $cache/imgui"
fi

# nlohmann include folder for the Emscripten sysroot (it must not see /usr/include).
mkdir -p "$cache/emsinc"
[ -e "$cache/emsinc/nlohmann" ] || ln -s /usr/include/nlohmann "$cache/emsinc/nlohmann"

# playwright-core for the browser tests (uses Debian's chromium; no browser download).
if [ -f "$here/tests/e2e/package.json" ] && [ ! -d "$here/tests/e2e/node_modules/playwright-core" ]; then
  echo "setup: npm install (tests/e2e)"
  (cd "$here/tests/e2e" && npm install --silent --no-audit --no-fund >/dev/null)
fi
exit 0
