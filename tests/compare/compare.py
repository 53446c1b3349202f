#!/usr/bin/env python3
"""Compare kubesim with a real kubectl on command lines that kubectl answers without an API server.

Usage: KUBECTL=/path/to/kubectl python3 tests/compare/compare.py [--kubeconfig] LINES.txt

Each line runs in bash with `kubectl` on PATH being the real binary (HOME points at a scratch
folder: no kubeconfig, so anything that needs the server fails to connect and is skipped; with
--kubeconfig, HOME holds minikube's kubeconfig as kubesim prints it, for `kubectl config …`),
and once in a fresh kubesim. stdout, stderr and the exit status must match. Lines whose real run
needs the server are counted as skipped. Not part of the test suite: it needs a kubectl binary
(the official v1.34 one was used; see the session notes for where to get it).

Known differences, left out of the lists: kubesim's kubectl is v1.34.1 (`version --client`), it
has minikube's kubeconfig (`config current-context` without one), a random name suffix, and the
"raw data was" JSON of a failed go-template on a created object (kubesim's keys are sorted; kubectl
keeps the struct's field order there).
"""
import os, subprocess, sys, tempfile

def main():
    args = sys.argv[1:]
    with_config = "--kubeconfig" in args
    args = [a for a in args if a != "--kubeconfig"]
    kubectl = os.environ.get("KUBECTL")
    if not kubectl or len(args) != 1:
        sys.exit(__doc__)
    root = os.path.dirname(os.path.abspath(__file__))
    kubesim = os.environ.get("KUBESIM", os.path.join(root, "..", "..", "build", "native", "kubesim"))
    home = tempfile.mkdtemp(prefix="kubesim-compare-")
    bindir = os.path.join(home, "bin")
    os.makedirs(bindir)
    os.symlink(os.path.abspath(kubectl), os.path.join(bindir, "kubectl"))
    if with_config:
        os.makedirs(os.path.join(home, ".kube"))
        cfg = subprocess.run([kubesim], input="kubectl config view\n", capture_output=True, text=True).stdout
        with open(os.path.join(home, ".kube", "config"), "w") as f:
            f.write(cfg)
    env = dict(os.environ, HOME=home, PATH=bindir + ":" + os.environ["PATH"])
    same = diff = skipped = 0
    for line in open(args[0]):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        real = subprocess.run(["timeout", "5", "bash", "-c", line + '; echo "rc=$?"'], capture_output=True, text=True, env=env)
        if any(s in real.stderr for s in ("localhost:8080", "connection to the server", "Unable to connect")):
            skipped += 1
            continue
        sim = subprocess.run([kubesim], input=line + '\necho "rc=$?"\n', capture_output=True, text=True)
        if (real.stdout, real.stderr) == (sim.stdout, sim.stderr):
            same += 1
            continue
        diff += 1
        print("=== " + line)
        if real.stdout != sim.stdout:
            print("--- kubectl stdout:\n" + real.stdout + "--- kubesim stdout:\n" + sim.stdout)
        if real.stderr != sim.stderr:
            print("--- kubectl stderr:\n" + real.stderr + "--- kubesim stderr:\n" + sim.stderr)
    print(f"same {same}, different {diff}, skipped (need a server) {skipped}")

if __name__ == "__main__":
    main()
