#!/usr/bin/env bash
# Scale benchmark: 5,000 nodes, a 150,000-replica deployment, a rollout; native and wasm CLI.
# Runs the two CLIs alternately RUNS times (default 3; a shared VM's speed drifts, and alternating
# exposes both to the same drift), checks that both print the same, and reports each run's wall
# time, CPU time and peak memory (max RSS), then the fastest and median wall time of each and the
# wasm/native ratios of those.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
script=tests/bench/scale.sh
runs="${RUNS:-3}"
python3 - "$script" "$runs" <<'PY'
import os, statistics, subprocess, sys, tempfile, time
script, runs = sys.argv[1], int(sys.argv[2])
if runs < 1:
    sys.exit("bench: RUNS must be at least 1")
cmds = {
    "native": ["build/native/kubesim", "--nodes", "5000", script],
    "wasm": ["node", "--no-experimental-fetch", "build/wasm/kubesim.js", "--nodes", "5000", script],
}
walls = {k: [] for k in cmds}
outputs = {}
for i in range(runs):
    for label, cmd in cmds.items():
        with tempfile.TemporaryFile() as out:
            t0 = time.monotonic()
            p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.monotonic() - t0
            out.seek(0)
            text = out.read().decode()
        code = os.waitstatus_to_exitcode(status)
        print(f"{label} run {i + 1}: exit {code}, wall {wall:.2f} s, cpu {ru.ru_utime + ru.ru_stime:.2f} s, "
              f"peak RSS {ru.ru_maxrss / 1024:.0f} MiB", flush=True)
        if code != 0:
            print(text[-2000:])
            sys.exit(f"bench: {label} failed")
        outputs.setdefault(label, text)
        walls[label].append(wall)
print()
print(outputs["native"][-600:])
if outputs["native"] != outputs["wasm"]:
    sys.exit("bench: native and wasm printed different output")
for label in cmds:
    print(f"{label}: fastest {min(walls[label]):.2f} s, median {statistics.median(walls[label]):.2f} s")
print(f"wasm/native wall ratio: fastest {min(walls['wasm']) / min(walls['native']):.2f}, "
      f"median {statistics.median(walls['wasm']) / statistics.median(walls['native']):.2f}")
PY
