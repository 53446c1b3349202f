#!/usr/bin/env python3
"""Golden transcript test: run a script of shell lines through the kubesim CLI (native binary or
the wasm build under node) and compare the terminal text with NAME.out byte for byte.

  check.py --cli build/native/kubesim tests/transcripts/seed.sh
  check.py --wasm build/wasm/kubesim.js tests/transcripts/seed.sh
  check.py --cli build/native/kubesim --update tests/transcripts/*.sh   # after a reviewed change

A script may start with `# kubesim-args: --scenario bootcamp --seed 7` to pass CLI flags.
The CLI runs with --echo, which prints "$ <line>" before each line's output, as a terminal shows it.
"""
import argparse, difflib, os, shlex, subprocess, sys

def cli_args(script):
    with open(script, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# kubesim-args:"):
                return shlex.split(line.split(":", 1)[1])
    return []

def run(args, script):
    extra = cli_args(script)
    if args.cli:
        cmd = [args.cli, "--echo", *extra, script]
        env = None
    else:
        cmd = ["node", "--no-experimental-fetch", "--stack-size=4000", args.wasm, "--echo", *extra, os.path.abspath(script)]
        env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, timeout=600)
    return p.stdout.decode("utf-8", "replace"), p.returncode

def main():
    ap = argparse.ArgumentParser()
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--cli")
    g.add_argument("--wasm")
    ap.add_argument("--update", action="store_true", help="rewrite the .out files")
    ap.add_argument("scripts", nargs="+")
    args = ap.parse_args()
    if args.wasm and not os.path.exists(args.wasm):
        print(f"missing {args.wasm}: build the wasm preset first", file=sys.stderr)
        return 1
    failed = 0
    for script in args.scripts:
        golden = os.path.splitext(script)[0] + ".out"
        got, rc = run(args, script)
        if args.update or os.environ.get("KUBESIM_UPDATE_GOLDEN") == "1":
            with open(golden, "w", encoding="utf-8") as f:
                f.write(got)
            print(f"updated {golden}")
            continue
        with open(golden, encoding="utf-8") as f:
            want = f.read()
        if got != want:
            failed += 1
            sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                       golden, "actual", n=2))
            print(f"\nFAIL {script} (exit {rc})")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
