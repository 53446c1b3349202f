// Random command lines against the engine (a seeded fuzzer, the same lines on every run): kubectl
// verbs, types, names, flags, templates and selectors mixed with shell syntax, quoting and
// control bytes, on a deployment that scales and rolls out meanwhile. What must hold for every
// line, whatever it is:
//   - the engine answers (no crash or hang) with a status bash could give (0-255);
//   - a read-only line (get, describe, logs, version, echo, minikube ip, ...) changes nothing;
//   - a line that fails with a single error line ("error: ...", "Error from server ...") changed
//     nothing either: bad input is rejected before it touches the cluster;
//   - the same seed and lines give the same output, and a snapshot restored part way through
//     gives the same output again for the rest (the snapshot holds the whole state).
#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <vector>

#include "engine.h"

using namespace kubesim;

namespace {

const std::vector<std::string> kVerbs = {
    "get", "describe", "create", "expose", "scale", "set", "rollout", "patch", "label", "delete", "logs",
    "exec", "wait", "version", "cluster-info", "apply", "edit", "run", "annotate", "top", "config",
    "explain", "api-resources", "cordon", "drain", "autoscale"};
const std::vector<std::string> kReadOnlyVerbs = {"get", "describe", "logs", "version", "cluster-info",
                                                 "top", "explain", "api-resources"};
const std::vector<std::string> kTypes = {
    "pods", "po", "pod", "deployments", "deploy", "deployment.apps", "rs", "replicasets", "svc",
    "services", "endpoints", "ep", "events", "ev", "nodes", "no", "namespaces", "ns", "all",
    "deployment", "service", "node", "foo", "pods,svc", "deploy,rs,po"};
const std::vector<std::string> kNames = {
    "kubernetes-bootcamp", "web", "nginx", "minikube", "kubernetes", "x", "\"\"", std::string(70, 'a'),
    "UPPER", "-bad", "kubernetes-bootcamp-", "web-1", "d\xc3\xa9j\xc3\xa0", "a.b", "deployment/web",
    "deployments/kubernetes-bootcamp", "pod/x", "svc/kubernetes-bootcamp", "web nginx", "deploy/web,svc/web"};
const std::vector<std::string> kFlags = {
    "-o wide", "-o=yaml", "-o json", "-o name", "-o jsonpath={.items[*].metadata.name}",
    "-o jsonpath='{.spec}'", "-o go-template={{.metadata.name}}",
    "-o go-template='{{range .items}}{{.metadata.name}}{{end}}'", "--template={{.x}}",
    "-o custom-columns=NAME:.metadata.name,IP:.status.podIP", "-o custom-columns=", "-o jsonpath={",
    "-o go-template={{", "-o bogus", "-l app=web", "-l 'app!=x'", "-l 'app in (a,b)'", "-l '!!'",
    "--field-selector status.phase=Running", "--field-selector=spec.nodeName=minikube",
    "--field-selector=x", "-n kube-system", "-n nope", "-A", "--all-namespaces", "--no-headers",
    "--show-labels", "--image=nginx", "--image=nginx:1.27", "--image=", "--image=nginx:nope",
    "--replicas=3", "--replicas=-1", "--replicas=100000000", "--replicas=abc", "--replicas",
    "--port=80", "--port=8080", "--port=0", "--port=70000", "--type=NodePort", "--type=LoadBalancer",
    "--type=Bogus", "--to-revision=1", "--to-revision=99", "--overwrite", "--all",
    "-p '{\"spec\":{\"replicas\":2}}'", "-p '{bad json'", "-p '[]'", "--for=condition=Available",
    "--for=condition=Ready", "--for=delete", "--timeout=5s", "--timeout=-1s", "--timeout=abc",
    "--watch=false", "-w", "--watch-only", "--output-watch-events", "--request-timeout=3s",
    "--request-timeout=x", "--", "-- env", "-- curl localhost:8080", "-ti", "--grace-period=0", "--force",
    "--selector=app=web", "-f x.yaml", "--dry-run=client", "nginx=nginx:1.28",
    "kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2", "'*=busybox'", "version=v1", "app-",
    "status", "history", "undo", "pause", "resume", "restart", "--sort-by=.metadata.name",
    "--sort-by={.x}", "-c kubernetes-bootcamp", "--tail=2", "--tail=x", "--unknown-flag", "-Z"};
const std::vector<std::string> kGarbage = {
    "'", "\"", "$(", ")", "`", "|", "&", ";", "&&", "||", "\\", "$", "${", "}", "#", "\x01", "\x7f",
    "\t", "$?", "$((1+1))", ">", "<", "2>&1", "*", "~", "\xc3\xa9", "\xe2\x80\x94", "{", "[", "]", "\xff"};
const std::vector<std::string> kShell = {
    "echo", "echo $?", "export X=1", "export", "sleep 1", "sleep 0.5", "sleep -1", "sleep abc", "curl",
    "curl http://$(minikube ip):30000", "curl localhost:8001/api/v1/namespaces/default/pods",
    "minikube ip", "minikube status", "minikube service web --url", "minikube service nope --url",
    "env", "help", "true", "false", "unset X", "nosuchcommand"};
const std::vector<std::string> kReadOnlyShell = {"echo", "echo $?", "minikube ip", "minikube status",
                                                 "minikube service nope --url", "env", "help", "true",
                                                 "false", "nosuchcommand", "curl"};

struct Line {
  std::string text;
  bool read_only = false;  // must leave the cluster as it was, whatever it prints
  bool simple = false;     // one command, no shell operators or substitutions: a single failure
};

class Fuzzer {
 public:
  explicit Fuzzer(uint64_t seed) : rng_(seed) {}

  Line line() {
    const double r = uniform();
    if (r < 0.25) return {plausible(), false, true};
    if (r < 0.35) {
      const std::string& s = pick(kShell);
      bool ro = false;
      for (const auto& x : kReadOnlyShell) ro = ro || s == x;
      return {s, ro, true};
    }
    if (r < 0.4) {  // words in any order, quoting and control bytes included
      std::string s;
      for (int n = below(7); n > 0; --n) s += (s.empty() ? "" : " ") + word(true);
      return {s, false, false};
    }
    const std::string& verb = pick(kVerbs);
    std::string s = "kubectl " + verb;
    bool garbage = false;
    for (int n = below(7); n > 0; --n) {
      const std::string w = word(uniform() < 0.15);
      garbage = garbage || w.find_first_of("'\"$()`|&;\\#<>{}*~[]") != std::string::npos;
      s += " " + w;
    }
    bool ro = false;
    for (const auto& v : kReadOnlyVerbs) ro = ro || verb == v;
    // `get -w` runs the clock while it watches: not read-only (`logs -f` returns at once).
    for (const char* w : {" -w", " --watch-only"}) ro = ro && s.find(w) == std::string::npos;
    // Shell operators may run a second command, which may change things.
    Line l{s, ro && !garbage, !garbage};
    if (uniform() < 0.1) {
      static const std::vector<std::string> ops = {" && ", " || ", " ; ", " | "};
      l.text += pick(ops) + line().text;
      l.read_only = l.simple = false;
    }
    if (uniform() < 0.05) {
      l.text = "echo \"$(" + l.text + ")\"";
      l.simple = false;
    }
    return l;
  }

  // A well-formed change (most succeed), so that the cluster moves on between the random lines.
  std::string plausible() {
    const std::string n = std::to_string(below(4));
    switch (below(14)) {
      case 0: return "kubectl scale deployment/web --replicas=" + std::to_string(below(8));
      case 1: return "kubectl set image deployment/web nginx=nginx:" + pick({"1.27", "1.28", "nope", "latest"});
      case 2: return "kubectl rollout " + pick({"undo", "pause", "resume", "restart"}) + " deployment/web";
      case 3: return "kubectl label pods -l app=web tier=t" + n + " --overwrite";
      case 4: return "kubectl delete pod -l app=web --wait=false";
      case 5: return "kubectl create deployment d" + n + " --image=" + pick({"httpd", "redis:7", "busybox", "nosuch"});
      case 6: return "kubectl expose deployment d" + n + " --port=80 --type=" + pick({"NodePort", "ClusterIP", "LoadBalancer"});
      case 7: return "kubectl delete deployment d" + n;
      case 8: return "kubectl delete service d" + n;
      case 9: return "kubectl patch deployment web -p '{\"spec\":{\"replicas\":" + n + "}}'";
      case 10: return "sleep " + std::to_string(1 + below(40));
      case 11: return "kubectl rollout status deployment/web --timeout=" + std::to_string(1 + below(60)) + "s";
      case 12: return "kubectl wait --for=condition=Available deployment/web --timeout=" + std::to_string(1 + below(30)) + "s";
      default: return "kubectl exec -ti \"$(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}')\" -- bash";
    }
  }

  int below(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }

 private:
  double uniform() { return static_cast<double>(rng_() >> 11) / 9007199254740992.0; }
  const std::string& pick(const std::vector<std::string>& v) { return v[rng_() % v.size()]; }
  std::string pick(std::initializer_list<const char*> v) { return v.begin()[rng_() % v.size()]; }
  std::string word(bool allow_garbage) {
    const double r = uniform();
    if (r < 0.35) return pick(kFlags);
    if (r < 0.6) return pick(kTypes);
    if (r < 0.85) return pick(kNames);
    if (allow_garbage) {
      if (r < 0.95) return pick(kGarbage);
      static const std::string chars = "abc-=./{}:$'\"()";
      std::string s;
      for (int n = 1 + below(12); n > 0; --n) s += chars[rng_() % chars.size()];
      return s;
    }
    return pick(kVerbs);
  }
  std::mt19937_64 rng_;
};

// One error line and nothing else, not a timeout (a timed-out wait has moved the clock).
bool single_error_line(const std::string& out) {
  if (out.empty() || out.back() != '\n' || out.find('\n') != out.size() - 1) return false;
  if (out.find("timed out") != std::string::npos) return false;
  return out.rfind("error: ", 0) == 0 || out.rfind("Error from server", 0) == 0 || out.rfind("Error: ", 0) == 0;
}

std::vector<std::string> script(uint64_t seed, std::vector<Line>* lines_out) {
  Fuzzer f(seed);
  std::vector<Line> lines = {
      {"kubectl create deployment web --image=nginx --replicas=2", false, true},
      {"kubectl expose deployment web --port=80 --type=NodePort", false, true},
      {"sleep 20", false, true}};
  for (int i = 0; i < 50; ++i) lines.push_back(f.line());
  auto insert = [&](Line l) { lines.insert(lines.begin() + 3 + f.below(static_cast<int>(lines.size()) - 2), l); };
  insert({"kubectl scale deployment web --replicas=5", false, true});
  insert({"kubectl set image deployment/web nginx=nginx:1.28", false, true});
  insert({"sleep 40", false, true});
  lines.push_back({"kubectl get all -A", true, true});
  lines.push_back({"kubectl rollout status deployment/web --timeout=120s", false, true});
  std::vector<std::string> texts;
  for (const auto& l : lines) texts.push_back(l.text);
  if (lines_out) *lines_out = lines;
  return texts;
}

}  // namespace

TEST_CASE("random command lines: no crash, read-only and rejected lines change nothing") {
  int read_only_checked = 0, rejected_checked = 0;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    std::vector<Line> lines;
    script(seed, &lines);
    EngineOptions opts;
    opts.seed = seed;
    opts.scenario = seed % 2 ? "fresh" : "bootcamp";
    opts.time_travel = false;
    Engine e(opts);
    for (const Line& l : lines) {
      if (e.prompt() != "$ ") e.run("exit");  // leave a container shell opened by `exec -ti … bash`
      const uint64_t before = e.cluster_hash();
      const RunResult r = e.run(l.text);
      INFO("seed " << seed << ", line: " << l.text << "\noutput: " << r.output.text());
      CHECK(r.status >= 0);
      CHECK(r.status <= 255);
      if (l.read_only) {
        CHECK(e.cluster_hash() == before);
        ++read_only_checked;
      } else if (l.simple && r.status != 0 && single_error_line(r.output.text())) {
        CHECK(e.cluster_hash() == before);
        ++rejected_checked;
      }
    }
  }
  // The generator must keep producing both kinds of line, or the checks above test nothing.
  CHECK(read_only_checked > 300);
  CHECK(rejected_checked > 300);
}

TEST_CASE("random command lines: same seed, same output, and a restored snapshot replays the same") {
  for (uint64_t seed = 101; seed <= 120; ++seed) {
    const std::vector<std::string> lines = script(seed, nullptr);
    EngineOptions opts;
    opts.seed = seed;
    opts.time_travel = false;
    Engine a(opts), b(opts);
    const size_t cut = lines.size() / 2;
    Engine::Snapshot snap;
    std::vector<std::string> rest;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i == cut) snap = a.snapshot();
      const RunResult ra = a.run(lines[i]);
      const RunResult rb = b.run(lines[i]);
      INFO("seed " << seed << ", line " << i << ": " << lines[i]);
      REQUIRE(ra.output.text() == rb.output.text());
      REQUIRE(ra.status == rb.status);
      if (i >= cut) rest.push_back(ra.output.text() + "\n$?=" + std::to_string(ra.status));
    }
    CHECK(a.state_hash() == b.state_hash());
    const uint64_t end_hash = a.state_hash();
    a.restore(snap);
    for (size_t i = cut; i < lines.size(); ++i) {
      const RunResult r = a.run(lines[i]);
      INFO("seed " << seed << ", replayed line " << i << ": " << lines[i]);
      CHECK(r.output.text() + "\n$?=" + std::to_string(r.status) == rest[i - cut]);
    }
    CHECK(a.state_hash() == end_hash);
  }
}
