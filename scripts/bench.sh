#!/usr/bin/env bash
# Scale benchmark: 5,000 nodes, a 150,000-replica deployment, a rollout; native and wasm CLI.
# Prints wall time and peak memory (max RSS) of each run, and the wasm/native ratio.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
script=tests/bench/scale.sh
python3 - "$script" <<'PY'
import os, subprocess, sys, time
script = sys.argv[1]
def measure(label, cmd):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=open("/tmp/kubesim-bench.out", "w"), stderr=subprocess.STDOUT)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    print(f"--- {label}: exit {os.waitstatus_to_exitcode(status)}, wall {wall:.2f} s, "
          f"cpu {ru.ru_utime + ru.ru_stime:.2f} s, peak RSS {ru.ru_maxrss / 1024:.0f} MiB")
    print(open("/tmp/kubesim-bench.out").read()[-2000:])
    return wall
n = measure("native", ["build/native/kubesim", "--nodes", "5000", script])
w = measure("wasm", ["node", "--no-experimental-fetch", "build/wasm/kubesim.js", "--nodes", "5000", script])
print(f"wasm/native wall ratio: {w / n:.2f}")
PY
