#!/usr/bin/env bash
# Scale benchmark: 5,000 nodes, a 150,000-replica deployment, a rollout; native and wasm CLI.
# Runs the two CLIs alternately RUNS times (default 3; a shared VM's speed drifts, and alternating
# exposes both to the same drift), checks that both print the same, and reports each run's wall
# time, CPU time and peak memory (max RSS), then the fastest and median wall time of each and the
# wasm/native ratios of those. Also the transparent-huge-page mode and each run's huge-page peak.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
script=tests/bench/scale.sh
runs="${RUNS:-3}"
python3 - "$script" "$runs" <<'PY'
import os, statistics, subprocess, sys, tempfile, threading, time

def watch_huge_pages(pid, peak):
    # Largest AnonHugePages seen in the process (transparent huge pages back its heap): natively
    # mimalloc asks for them; V8 does not for a wasm memory, so with THP in `madvise` mode (the
    # Debian default) the wasm heap lives on 4 KiB pages and misses the TLB far more often.
    path = f"/proc/{pid}/smaps_rollup"
    while True:
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith("AnonHugePages:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
        except OSError:
            return
        time.sleep(0.25)

def thp_mode():
    try:
        text = open("/sys/kernel/mm/transparent_hugepage/enabled").read()
        return text[text.index("[") + 1:text.index("]")]
    except (OSError, ValueError):
        return "unknown"
script, runs = sys.argv[1], int(sys.argv[2])
if runs < 1:
    sys.exit("bench: RUNS must be at least 1")
cmds = {
    "native": ["build/native/kubesim", "--nodes", "5000", script],
    "wasm": ["node", "--no-experimental-fetch", "build/wasm/kubesim.js", "--nodes", "5000", script],
}
walls = {k: [] for k in cmds}
print(f"transparent huge pages: {thp_mode()}", flush=True)
outputs = {}
for i in range(runs):
    for label, cmd in cmds.items():
        with tempfile.TemporaryFile() as out:
            t0 = time.monotonic()
            p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
            huge = [0]
            watcher = threading.Thread(target=watch_huge_pages, args=(p.pid, huge), daemon=True)
            watcher.start()
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.monotonic() - t0
            out.seek(0)
            text = out.read().decode()
        code = os.waitstatus_to_exitcode(status)
        print(f"{label} run {i + 1}: exit {code}, wall {wall:.2f} s, cpu {ru.ru_utime + ru.ru_stime:.2f} s, "
              f"peak RSS {ru.ru_maxrss / 1024:.0f} MiB (huge pages {huge[0] / 1024:.0f} MiB)", flush=True)
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
