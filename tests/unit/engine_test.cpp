// Engine facade tests: the terminal over a real simulated cluster, determinism, snapshots,
// time travel, the container shell, minikube, completion and option validation.
#include <catch2/catch.hpp>

#include <algorithm>

#include "engine.h"

using namespace kubesim;

namespace {

std::string run(Engine& e, const std::string& line, int* status = nullptr) {
  RunResult r = e.run(line);
  if (status) *status = r.status;
  return r.output.text();
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

const std::vector<std::string> kTutorial = {
    "kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1",
    "sleep 20",
    "kubectl expose deployment/kubernetes-bootcamp --type=\"NodePort\" --port 8080",
    "export NODE_PORT=\"$(kubectl get services/kubernetes-bootcamp -o go-template='{{(index .spec.ports 0).nodePort}}')\"",
    "kubectl scale deployments/kubernetes-bootcamp --replicas=4",
    "sleep 10",
    "for i in 1 2 3 4 5 6; do curl -s http://\"$(minikube ip):$NODE_PORT\"; done",
    "kubectl get pods -o wide",
    "kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2",
    "kubectl rollout status deployments/kubernetes-bootcamp",
    "kubectl get pods",
};

}  // namespace

TEST_CASE("a fresh engine starts at a fresh minikube start with the $ prompt") {
  Engine e;
  CHECK(e.prompt() == "$ ");
  CHECK(e.now() == e.start_time());
  CHECK(e.cluster().store.nodes().get("", "minikube") != nullptr);
  CHECK(e.command_log().empty());
  int st = -1;
  CHECK(run(e, "echo hello", &st) == "hello\n");
  CHECK(st == 0);
  REQUIRE(e.command_log().size() == 1);
  CHECK(e.command_log()[0].line == "echo hello");
  CHECK(e.command_log()[0].at_ms == e.start_time());
}

TEST_CASE("minikube ip, status, version and service print minikube's texts") {
  Engine e;
  CHECK(run(e, "minikube ip") == "192.168.49.2\n");
  CHECK(run(e, "minikube status") ==
        "minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n");
  CHECK(run(e, "minikube version") == "minikube version: v1.37.0\ncommit: 65318f4cfff9c12cc87ec9eb8f4cdd57b25047f3\n");
  int st = 0;
  std::string missing = run(e, "minikube service nope --url", &st);
  CHECK(missing.find("Exiting due to SVC_NOT_FOUND: Service 'nope' was not found in 'default' namespace.") != std::string::npos);
  CHECK(st == 85);
  run(e, "kubectl create deployment web --image=nginx");
  run(e, "kubectl expose deployment web --type=NodePort --port 80");
  const api::Service* svc = e.cluster().store.services().get("default", "web");
  REQUIRE(svc);
  CHECK(run(e, "minikube service web --url") == "http://192.168.49.2:" + std::to_string(svc->spec.ports[0].node_port) + "\n");
  Engine three(EngineOptions{1, 3, "fresh", "", true});
  CHECK(run(three, "minikube status") ==
        "minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n"
        "minikube-m02\ntype: Worker\nhost: Running\nkubelet: Running\n\n"
        "minikube-m03\ntype: Worker\nhost: Running\nkubelet: Running\n\n");
}

TEST_CASE("simulated time moves only with sleep and waiting commands") {
  Engine e;
  int64_t t0 = e.now();
  run(e, "echo a; kubectl get pods");
  CHECK(e.now() == t0);
  run(e, "sleep 1m");
  CHECK(e.now() == t0 + 60000);
  e.advance(1500);
  CHECK(e.now() == t0 + 61500);
}

TEST_CASE("the same seed and the same lines give byte-identical output and state") {
  EngineOptions o;
  o.seed = 42;
  Engine a(o), b(o);
  for (auto& line : kTutorial) {
    RunResult ra = a.run(line), rb = b.run(line);
    CHECK(ra.output.text() == rb.output.text());
    CHECK(ra.status == rb.status);
  }
  CHECK(a.now() == b.now());
  CHECK(a.state_hash() == b.state_hash());
  EngineOptions other = o;
  other.seed = 43;
  Engine c(other);
  for (auto& line : kTutorial) c.run(line);
  CHECK(c.state_hash() != a.state_hash());
}

TEST_CASE("checkpoints and chunked advances do not change the world") {
  EngineOptions with, without;
  without.time_travel = false;
  Engine a(with), b(without);
  for (auto& line : kTutorial) { a.run(line); b.run(line); }
  for (int i = 0; i < 30; ++i) a.advance(1000);  // many small steps …
  b.advance(30000);                              // … or one jump
  CHECK(a.now() == b.now());
  CHECK(a.state_hash() == b.state_hash());
}

TEST_CASE("snapshot and restore bring back the world and the terminal") {
  Engine e(EngineOptions{7, 1, "bootcamp", "", true});
  run(e, "export MARK=before");
  const std::string events = run(e, "kubectl get events");
  REQUIRE(events.find("Scheduled") != std::string::npos);
  Engine::Snapshot snap = e.snapshot();
  uint64_t h = e.state_hash();
  int64_t t = e.now();
  run(e, "kubectl scale deployments/kubernetes-bootcamp --replicas=3; sleep 30; export MARK=after");
  CHECK(e.state_hash() != h);
  CHECK(run(e, "kubectl get events") != events);
  e.restore(snap);
  CHECK(e.state_hash() == h);
  CHECK(e.now() == t);
  CHECK(run(e, "echo $MARK") == "before\n");
  CHECK(run(e, "kubectl get events") == events);
  // Restored twice from the same snapshot: the second world lists the same events as well.
  run(e, "kubectl delete deployment kubernetes-bootcamp");
  e.restore(snap);
  CHECK(run(e, "kubectl get events") == events);
}

TEST_CASE("seek goes back to a past moment and forward again by replaying the log") {
  Engine e(EngineOptions{3, 1, "fresh", "", true});
  std::vector<std::pair<int64_t, uint64_t>> marks;
  for (auto& line : kTutorial) {
    e.run(line);
    marks.emplace_back(e.now(), e.state_hash());
    e.advance(1000);  // the learner reads the output before typing on
  }
  const uint64_t final_hash = e.state_hash();
  const int64_t final_time = e.now();
  // back to the moment after the scale, then forward to the end again
  e.seek(marks[5].first);
  CHECK(e.now() == marks[5].first);
  CHECK(e.state_hash() == marks[5].second);
  CHECK(e.command_log().size() == kTutorial.size());  // the future stays until a new command
  e.seek(final_time);
  CHECK(e.now() == final_time);
  CHECK(e.state_hash() == final_hash);
  e.seek(marks[1].first);
  CHECK(e.state_hash() == marks[1].second);
  // a new command after a seek into the past cuts the future off
  e.seek(marks[2].first);
  e.run("echo new");
  CHECK(e.command_log().size() == 4);
  CHECK(e.command_log().back().line == "echo new");
  // seeking before the start lands on the start
  e.seek(0);
  CHECK(e.now() == e.start_time());
}

TEST_CASE("kubectl exec -ti POD -- bash enters the container and exit leaves it") {
  Engine e(EngineOptions{1, 1, "bootcamp", "", true});
  std::string pod = run(e, "kubectl get pods -o name | head -1 | cut -d/ -f2");
  pod.pop_back();
  REQUIRE(pod.rfind("kubernetes-bootcamp-", 0) == 0);
  CHECK(run(e, "kubectl exec -ti " + pod + " -- bash") == "");
  CHECK(e.prompt() == "root@" + pod + ":/# ");
  CHECK(run(e, "pwd") == "/\n");
  CHECK(run(e, "hostname") == pod + "\n");
  CHECK(run(e, "cat server.js").find("require('http')") != std::string::npos);
  CHECK(run(e, "curl http://localhost:8080") == "Hello Kubernetes bootcamp! | Running on: " + pod + " | v=1\n");
  CHECK(run(e, "ls") == "bin   core  etc   lib    media  opt   root  sbin       srv  tmp  var\n"
                        "boot  dev   home  lib64  mnt    proc  run   server.js  sys  usr\n");
  CHECK(run(e, "kubectl get pods") == "bash: kubectl: command not found\n");
  CHECK(run(e, "cd /tmp; pwd") == "/tmp\n");
  CHECK(e.prompt() == "root@" + pod + ":/tmp# ");
  CHECK(run(e, "exit") == "exit\n");
  CHECK(e.prompt() == "$ ");
  // a non-zero exit is reported by kubectl
  run(e, "kubectl exec -ti " + pod + " -- bash");
  int st = 0;
  CHECK(run(e, "exit 3", &st) == "exit\ncommand terminated with exit code 3\n");
  CHECK(st == 3);
  CHECK(run(e, "echo $?") == "3\n");
}

TEST_CASE("env in the bootcamp pod follows the runtime's order, with service links of older services") {
  Engine e(EngineOptions{1, 1, "bootcamp", "", true});
  std::string pod = run(e, "kubectl get pods -o name | cut -d/ -f2");
  pod.pop_back();
  // the pod started before `kubectl expose`: only the kubernetes service's variables
  CHECK(run(e, "kubectl exec " + pod + " -- env") ==
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
        "HOSTNAME=" + pod + "\n"
        "KUBERNETES_PORT_443_TCP_PROTO=tcp\n"
        "KUBERNETES_PORT_443_TCP_PORT=443\n"
        "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1\n"
        "KUBERNETES_SERVICE_HOST=10.96.0.1\n"
        "KUBERNETES_SERVICE_PORT=443\n"
        "KUBERNETES_SERVICE_PORT_HTTPS=443\n"
        "KUBERNETES_PORT=tcp://10.96.0.1:443\n"
        "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443\n"
        "NPM_CONFIG_LOGLEVEL=info\n"
        "NODE_VERSION=6.3.1\n"
        "HOME=/root\n");
  // a pod started after the service exists also sees KUBERNETES_BOOTCAMP_*
  run(e, "kubectl scale deployments/kubernetes-bootcamp --replicas=2; sleep 20");
  std::string names = run(e, "kubectl get pods -o name | cut -d/ -f2");
  std::string newer;
  for (size_t i = 0; i < names.size();) {
    size_t nl = names.find('\n', i);
    std::string n = names.substr(i, nl - i);
    if (n != pod) newer = n;
    i = nl + 1;
  }
  REQUIRE(!newer.empty());
  std::string env = run(e, "kubectl exec " + newer + " -- env");
  const api::Service* svc = e.cluster().store.services().get("default", "kubernetes-bootcamp");
  REQUIRE(svc);
  CHECK(env.find("KUBERNETES_BOOTCAMP_SERVICE_HOST=" + svc->spec.cluster_ip + "\n") != std::string::npos);
  CHECK(env.find("KUBERNETES_BOOTCAMP_PORT=tcp://" + svc->spec.cluster_ip + ":8080\n") != std::string::npos);
  CHECK(env.find("KUBERNETES_BOOTCAMP_PORT_8080_TCP_ADDR=" + svc->spec.cluster_ip + "\n") != std::string::npos);
  // an unknown program: the runtime's error, and kubectl's exit code line
  int st = 0;
  CHECK(run(e, "kubectl exec " + pod + " -- nope", &st) ==
        "OCI runtime exec failed: exec failed: unable to start container process: exec: \"nope\": executable file not found in $PATH: unknown\n"
        "command terminated with exit code 126\n");
  CHECK(st == 126);
  CHECK(run(e, "kubectl exec " + pod + " -- ls") ==
        "bin\nboot\ncore\ndev\netc\nhome\nlib\nlib64\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nserver.js\nsrv\nsys\ntmp\nusr\nvar\n");
}

TEST_CASE("the container shell ends when its pod goes away") {
  Engine e(EngineOptions{1, 1, "bootcamp", "", true});
  std::string pod = run(e, "kubectl get pods -o name | cut -d/ -f2");
  pod.pop_back();
  run(e, "kubectl exec -ti " + pod + " -- bash");
  REQUIRE(e.prompt() != "$ ");
  // delete it from "another terminal": the world changes under the shell
  e.run("exit");
  run(e, "kubectl delete pod " + pod + " --wait=false");
  run(e, "kubectl exec -ti " + pod + " -- bash");
  e.advance(40000);
  CHECK(e.prompt() == "$ ");
  int st = 0;
  CHECK(run(e, "echo back", &st) == "command terminated with exit code 137\nback\n");
}

TEST_CASE("Tab completion offers commands, kubectl words and object names") {
  Engine e(EngineOptions{1, 1, "bootcamp", "", true});
  auto c = e.complete("kube");
  CHECK(contains(c, "kubectl"));
  c = e.complete("kubectl ge");
  CHECK(c == std::vector<std::string>{"get"});
  c = e.complete("kubectl get dep");
  CHECK(contains(c, "deployment"));
  CHECK(contains(c, "deployments"));
  c = e.complete("kubectl describe deployments ");
  CHECK(c == std::vector<std::string>{"kubernetes-bootcamp"});
  c = e.complete("kubectl scale deployments/kub");
  CHECK(c == std::vector<std::string>{"deployments/kubernetes-bootcamp"});
  c = e.complete("kubectl rollout ");
  CHECK(contains(c, "status"));
  CHECK(contains(c, "undo"));
  c = e.complete("kubectl get pods -o ");
  CHECK(contains(c, "wide"));
  c = e.complete("kubectl get pods --name");
  CHECK(contains(c, "--namespace="));
  c = e.complete("minikube se");
  CHECK(c == std::vector<std::string>{"service"});
  c = e.complete("kubectl logs kubernetes-boot");
  REQUIRE(c.size() == 1);
  CHECK(c[0].rfind("kubernetes-bootcamp-", 0) == 0);
}

TEST_CASE("validate explains bad options") {
  EngineOptions o;
  CHECK(Engine::validate(o).empty());
  o.nodes = 0;
  CHECK(Engine::validate(o) == "--nodes must be between 1 and 5000 (got 0)");
  o.nodes = 5001;
  CHECK(!Engine::validate(o).empty());
  o.nodes = 1;
  o.scenario = "nope";
  CHECK(Engine::validate(o).find("unknown scenario \"nope\"") == 0);
  o.scenario_text = "echo hi\n";
  CHECK(Engine::validate(o).empty());
}

TEST_CASE("exit at the top level closes the terminal with its status") {
  Engine e;
  CHECK(run(e, "exit 5") == "exit\n");
  CHECK(e.exited());
  CHECK(e.exit_status() == 5);
  run(e, "echo again");
  CHECK_FALSE(e.exited());
}

TEST_CASE("the load generator's requests reach the service and replay") {
  Engine e(EngineOptions{9, 1, "bootcamp", "", true});
  uint64_t before = e.cluster().network.requests_total();
  e.send_request("default", "kubernetes-bootcamp");
  e.send_request("default", "kubernetes-bootcamp");
  CHECK(e.cluster().network.requests_total() == before + 2);
  CHECK(e.cluster().network.requests().back().client == "loadgen");
  e.advance(5000);
  uint64_t h = e.state_hash();
  int64_t t = e.now();
  e.seek(e.start_time());
  e.seek(t);
  CHECK(e.state_hash() == h);
  e.send_request("default", "no-such-service");  // ignored
  CHECK(e.cluster().network.requests_total() == before + 2);
}

TEST_CASE("kubectl config set-context --current --namespace changes the namespace of later commands") {
  Engine e;
  CHECK(run(e, "kubectl config set-context --current --namespace=kube-system") == "Context \"minikube\" modified.\n");
  CHECK(run(e, "kubectl config view --minify -o yaml").find("    namespace: kube-system\n") != std::string::npos);
  const std::string pods = run(e, "kubectl get pods");
  CHECK(pods.find("kube-apiserver-minikube") != std::string::npos);
  CHECK(run(e, "kubectl get pods -n default") == "No resources found in default namespace.\n");
  CHECK(run(e, "kubectl config get-contexts").find("minikube   minikube   minikube   kube-system") != std::string::npos);
  run(e, "kubectl config set-context --current --namespace=default");
  CHECK(run(e, "kubectl get pods") == "No resources found in default namespace.\n");
}

TEST_CASE("kubectl run -it attaches the terminal to a busybox shell until exit") {
  Engine e;
  const std::string started = run(e, "kubectl run -it debug --image=busybox -- sh");
  CHECK(started == "If you don't see a command prompt, try pressing enter.\n");
  CHECK(e.prompt() == "/ # ");
  CHECK(run(e, "hostname") == "debug\n");
  const std::string ended = run(e, "exit");
  CHECK(ended.find("Session ended, resume using 'kubectl attach debug -c debug -i -t' command when the pod is running\n") !=
        std::string::npos);
  CHECK(e.prompt() == "$ ");
  run(e, "sleep 15");
  // the shell was the container's main process: it ended, and restartPolicy Always restarted it
  const api::Pod* p = e.cluster().store.pods().get("default", "debug");
  REQUIRE(p != nullptr);
  CHECK(p->spec.containers.at(0).stdin_open);
  CHECK(p->spec.containers.at(0).tty);
  CHECK(p->status.container_statuses.at(0).restart_count == 1);
}

TEST_CASE("kubectl run -it --rm deletes the pod when the shell exits and returns its status") {
  Engine e;
  run(e, "kubectl run -it --rm tmp --image=busybox --restart=Never -- sh");
  CHECK(e.prompt() == "/ # ");
  int st = -1;
  const std::string ended = run(e, "exit 3", &st);
  CHECK(ended.find("pod \"tmp\" deleted from default namespace\n") != std::string::npos);
  CHECK(st == 3);
  const api::Pod* p = e.cluster().store.pods().get("default", "tmp");
  CHECK((p == nullptr || p->metadata.deletion_ms.has_value()));
  CHECK(run(e, "kubectl run -t x --image=busybox", &st) ==
        "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n");
  CHECK(st == 1);
}

TEST_CASE("a world restored while pods are mid-start finishes them as the original does") {
  // Timers find their pod through the kubelet's slot table; a restored copy must rebuild it.
  const std::string before = "kubectl scale deployments/kubernetes-bootcamp --replicas=6; sleep 3";
  const std::string after = "kubectl scale deployments/kubernetes-bootcamp --replicas=3; sleep 45; kubectl get pods -o wide; "
                            "kubectl get events --no-headers | wc -l";
  Engine a(EngineOptions{11, 3, "bootcamp", "", true}), b(EngineOptions{11, 3, "bootcamp", "", true});
  run(a, before);
  run(b, before);
  Engine::Snapshot snap = a.snapshot();
  run(a, "kubectl delete pods --all --wait=false; sleep 20");  // a detour that restore undoes
  a.restore(snap);
  const std::string out_a = run(a, after), out_b = run(b, after);
  CHECK(out_a == out_b);
  CHECK(out_a.find("Running") != std::string::npos);
  CHECK(a.state_hash() == b.state_hash());
}
