// Kubelet lifecycle: pulls, cache, back-off, start, crash loops, termination.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cluster.h"

using namespace kubesim;

namespace {

struct World {
  Cluster c;
  explicit World(int nodes = 1, uint64_t seed = 7) : c(ClusterOptions{seed, nodes, "v1.34.0"}) { c.bootstrap(); }

  store::Key pod(const std::string& name, const std::string& image, const std::string& node = "",
                 const std::string& pull_policy = "") {
    api::Pod p;
    p.metadata.name = name;
    p.metadata.namespace_ = "default";
    p.metadata.labels = {{"app", "demo"}};
    api::Container ctr;
    ctr.name = "app";
    ctr.image = image;
    ctr.image_pull_policy = pull_policy;
    p.spec.containers.push_back(ctr);
    p.spec.node_name = node;
    store::Key k;
    REQUIRE(c.store.create(p, &k).ok);
    c.settle();
    return k;
  }
  const api::Pod* get(const store::Key& k) const { return c.store.pods().get(k); }
  std::string waiting_reason(const store::Key& k) const {
    auto* p = get(k);
    if (!p || p->status.container_statuses.empty() || !p->status.container_statuses[0].state.waiting) return "";
    return p->status.container_statuses[0].state.waiting->reason;
  }
  bool running(const store::Key& k) const {
    auto* p = get(k);
    return p && !p->status.container_statuses.empty() && p->status.container_statuses[0].state.running.has_value();
  }
  // Messages of the events about one pod, in creation order.
  std::vector<std::pair<std::string, std::string>> events(const std::string& pod) const {
    std::vector<std::tuple<int64_t, uint64_t, std::string, std::string>> all;
    for (auto& [k, e] : c.store.events())
      if (e.involved_object.name == pod) all.emplace_back(e.first_ms, e.metadata.resource_version, e.reason, e.message);
    std::sort(all.begin(), all.end());
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& [t, rv, r, m] : all) out.emplace_back(r, m);
    return out;
  }
  int count_events(const std::string& pod, const std::string& reason, const std::string& prefix = "") const {
    int n = 0;
    for (auto& [k, e] : c.store.events())
      if (e.involved_object.name == pod && e.reason == reason && e.message.rfind(prefix, 0) == 0) n += e.count;
    return n;
  }
  void delete_pod(const store::Key& k, int64_t grace_s = 30) {
    c.store.update_pod(k, [&](api::Pod& p) {
      p.metadata.deletion_ms = c.now();
      p.metadata.deletion_grace_period_seconds = grace_s;
    });
    c.settle();
  }
};

const char* kBootcamp = "gcr.io/google-samples/kubernetes-bootcamp:v1";

}  // namespace

TEST_CASE("a bootcamp pod goes from ContainerCreating to Running with the upstream events") {
  World w;
  auto k = w.pod("boot", kBootcamp, "minikube");
  w.c.advance(400);
  REQUIRE(w.get(k)->status.phase == "Pending");
  CHECK(w.waiting_reason(k) == "ContainerCreating");
  CHECK(w.get(k)->status.pod_ip.rfind("10.244.0.", 0) == 0);
  CHECK(w.get(k)->status.host_ip == "192.168.49.2");
  bool ready_false = false;
  for (auto& cond : w.get(k)->status.conditions)
    if (cond.type == "Ready") ready_false = cond.status == "False" && cond.reason == "ContainersNotReady" &&
                                            cond.message == "containers with unready status: [app]";
  CHECK(ready_false);
  w.c.advance(20000);
  REQUIRE(w.running(k));
  auto* p = w.get(k);
  CHECK(p->status.phase == "Running");
  CHECK(p->status.container_statuses[0].ready);
  CHECK(p->status.container_statuses[0].container_id.rfind("docker://", 0) == 0);
  CHECK(p->status.container_statuses[0].container_id.size() == 9 + 64);
  CHECK(p->status.container_statuses[0].image_id ==
        "docker-pullable://gcr.io/google-samples/kubernetes-bootcamp@sha256:0d6b8ee63bb57c5f5b6156f446b3bc3b3c143d233037f3a2f00e279c8fcc64af");
  CHECK(p->timeline.started_ms > 0);
  CHECK(p->timeline.ready_ms > 0);
  CHECK(p->timeline.pull_done_ms >= p->timeline.pull_started_ms);
  auto ev = w.events("boot");
  REQUIRE(ev.size() == 4);
  CHECK(ev[0] == std::make_pair(std::string("Pulling"), std::string("Pulling image \"gcr.io/google-samples/kubernetes-bootcamp:v1\"")));
  CHECK(ev[1].first == "Pulled");
  CHECK(ev[1].second.rfind("Successfully pulled image \"gcr.io/google-samples/kubernetes-bootcamp:v1\" in ", 0) == 0);
  CHECK(ev[1].second.find(" including waiting). Image size: 211336459 bytes.") != std::string::npos);
  CHECK(ev[2] == std::make_pair(std::string("Created"), std::string("Created container: app")));
  CHECK(ev[3] == std::make_pair(std::string("Started"), std::string("Started container app")));
  bool all_true = true;
  for (auto& cond : p->status.conditions) all_true &= cond.status == "True";
  CHECK(all_true);
  CHECK(p->status.conditions.size() == 5);
  CHECK(p->status.conditions[0].type == "PodReadyToStartContainers");
  CHECK(p->status.conditions[4].type == "PodScheduled");
}

TEST_CASE("an image is pulled once per node and then cached") {
  World w;
  auto a = w.pod("first", kBootcamp, "minikube");
  w.c.advance(20000);
  REQUIRE(w.running(a));
  CHECK(w.c.kubelets.has_image("minikube", kBootcamp));
  auto b = w.pod("second", kBootcamp, "minikube");
  w.c.advance(2000);
  REQUIRE(w.running(b));
  CHECK(w.count_events("second", "Pulling") == 0);
  CHECK(w.count_events("second", "Pulled", "Container image \"gcr.io/google-samples/kubernetes-bootcamp:v1\" already present on machine") == 1);
  // An untagged image means :latest, which is pulled every time (imagePullPolicy Always).
  auto n1 = w.pod("nginx1", "nginx", "minikube");
  w.c.advance(15000);
  auto n2 = w.pod("nginx2", "nginx", "minikube");
  w.c.advance(5000);
  REQUIRE(w.running(n1));
  REQUIRE(w.running(n2));
  CHECK(w.count_events("nginx2", "Pulling") == 1);
  CHECK(w.get(n2)->status.container_statuses[0].image == "nginx:latest");
}

TEST_CASE("concurrent pulls of one image on a node wait for each other") {
  World w;
  auto a = w.pod("a", kBootcamp, "minikube");
  auto b = w.pod("b", kBootcamp, "minikube");
  w.c.advance(30000);
  REQUIRE(w.running(a));
  REQUIRE(w.running(b));
  // Both pulled (the image was not there yet); the later one only checked the manifest after
  // waiting for the first: a sub-second pull, but seconds including the wait.
  const bool a_first = w.get(a)->timeline.pull_done_ms < w.get(b)->timeline.pull_done_ms;
  const std::string second = a_first ? "b" : "a";
  std::string pulled;
  for (auto& [r, m] : w.events(second)) if (r == "Pulled") pulled = m;
  REQUIRE(!pulled.empty());
  auto in = pulled.find(" in ");
  auto open = pulled.find(" (");
  auto own = pulled.substr(in + 4, open - in - 4);
  CHECK(own.find("ms") != std::string::npos);
  auto waiting = pulled.substr(open + 2, pulled.find(" including") - open - 2);
  CHECK(waiting.find("ms") == std::string::npos);  // whole seconds: it waited for the first pull
}

TEST_CASE("v10 fails with ErrImagePull then ImagePullBackOff with 10/20/40 s windows") {
  World w;
  auto k = w.pod("bad", "gcr.io/google-samples/kubernetes-bootcamp:v10", "minikube");
  const std::string err =
      "Error response from daemon: manifest for gcr.io/google-samples/kubernetes-bootcamp:v10 not found: manifest unknown: "
      "Failed to fetch \"v10\"";
  std::vector<int64_t> windows, failures;
  int64_t last_until = 0;
  std::string last_reason;
  bool saw_err = false, saw_backoff = false;
  const int64_t end = w.c.now() + 180000;
  while (w.c.now() < end && w.c.next_timer_at() > 0) {
    w.c.run_until(std::min(end, w.c.next_timer_at()));  // observe at every instant something happens
    const auto* p = w.get(k);
    REQUIRE(p);
    std::string reason = w.waiting_reason(k);
    if (reason == "ErrImagePull" && last_reason != "ErrImagePull") {
      saw_err = true;
      CHECK(p->status.container_statuses[0].state.waiting->message == err);
      failures.push_back(w.c.now());
    }
    if (reason == "ImagePullBackOff") {
      saw_backoff = true;
      CHECK(p->status.container_statuses[0].state.waiting->message ==
            "Back-off pulling image \"gcr.io/google-samples/kubernetes-bootcamp:v10\": ErrImagePull: " + err);
    }
    if (p->timeline.backoff_until_ms != last_until && p->timeline.backoff_until_ms) {
      last_until = p->timeline.backoff_until_ms;
      windows.push_back(last_until - failures.back());
    }
    last_reason = reason;
    CHECK(p->status.phase == "Pending");
  }
  CHECK(saw_err);
  CHECK(saw_backoff);
  REQUIRE(windows.size() >= 4);
  CHECK(windows[0] == 10000);
  CHECK(windows[1] == 20000);
  CHECK(windows[2] == 40000);
  CHECK(windows[3] == 80000);
  // Pulls are never retried inside a window.
  for (size_t i = 1; i < failures.size(); ++i) CHECK(failures[i] - failures[i - 1] >= windows[i - 1]);
  CHECK(w.count_events("bad", "Failed", "Failed to pull image \"gcr.io/google-samples/kubernetes-bootcamp:v10\": " + err) >= 4);
  CHECK(w.count_events("bad", "Failed", "Error: ErrImagePull") >= 4);
  CHECK(w.count_events("bad", "Failed", "Error: ImagePullBackOff") >= 1);
  CHECK(w.count_events("bad", "BackOff", "Back-off pulling image \"gcr.io/google-samples/kubernetes-bootcamp:v10\"") >= 1);
}

TEST_CASE("terminating takes 30 s for bootcamp, about a second for nginx and never-started pods") {
  World w;
  auto boot = w.pod("boot", kBootcamp, "minikube");
  auto web = w.pod("web", "nginx:1.29", "minikube");
  auto bad = w.pod("bad", "gcr.io/google-samples/kubernetes-bootcamp:v10", "minikube");
  w.c.advance(30000);
  REQUIRE(w.running(boot));
  REQUIRE(w.running(web));
  const std::string ip = w.get(boot)->status.pod_ip;
  w.delete_pod(boot);
  w.delete_pod(web);
  w.delete_pod(bad);
  CHECK(w.count_events("boot", "Killing", "Stopping container app") == 1);
  CHECK(w.count_events("bad", "Killing") == 0);
  w.c.advance(3000);
  CHECK(w.get(web) == nullptr);
  CHECK(w.get(bad) == nullptr);
  REQUIRE(w.get(boot) != nullptr);
  CHECK(w.running(boot));  // still running (READY 1/1) while Terminating
  CHECK(w.get(boot)->status.container_statuses[0].ready);
  w.c.advance(26000);
  CHECK(w.get(boot) != nullptr);
  w.c.advance(2000);
  CHECK(w.get(boot) == nullptr);
  // Its IP is free again (reused only after the allocator wraps around, like host-local).
  auto next = w.pod("next", kBootcamp, "minikube");
  w.c.advance(2000);
  CHECK(w.get(next)->status.pod_ip != ip);
}

TEST_CASE("busybox without a command goes into CrashLoopBackOff with growing back-off") {
  World w;
  auto k = w.pod("bb", "busybox:1.36", "minikube");
  std::vector<std::string> seen;
  int max_restarts = 0;
  std::string msg;
  for (int i = 0; i < 1200; ++i) {
    w.c.advance(100);
    auto* p = w.get(k);
    const auto& cs = p->status.container_statuses;
    if (cs.empty()) continue;
    std::string s = cs[0].state.waiting ? cs[0].state.waiting->reason
                    : cs[0].state.terminated ? cs[0].state.terminated->reason
                    : cs[0].state.running ? "Running" : "";
    if (seen.empty() || seen.back() != s) seen.push_back(s);
    max_restarts = std::max(max_restarts, cs[0].restart_count);
    if (cs[0].state.waiting && cs[0].state.waiting->reason == "CrashLoopBackOff") msg = cs[0].state.waiting->message;
    if (cs[0].restart_count > 0) CHECK(cs[0].last_state.terminated.has_value());
    if (cs[0].restart_count > 0) CHECK(p->status.phase == "Running");
  }
  CHECK(std::find(seen.begin(), seen.end(), "Completed") != seen.end());
  CHECK(std::find(seen.begin(), seen.end(), "CrashLoopBackOff") != seen.end());
  CHECK(max_restarts >= 3);
  CHECK(msg.rfind("back-off ", 0) == 0);
  CHECK(msg.find(" restarting failed container=app pod=bb_default(") != std::string::npos);
  CHECK(w.count_events("bb", "BackOff", "Back-off restarting failed container app in pod bb_default(") >= 1);
}

TEST_CASE("an invalid image reference is InvalidImageName") {
  World w;
  auto k = w.pod("upper", "Nginx", "minikube");
  w.c.advance(2000);
  CHECK(w.waiting_reason(k) == "InvalidImageName");
  CHECK(w.get(k)->status.container_statuses[0].state.waiting->message ==
        "Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid reference format: repository "
        "name (library/Nginx) must be lowercase");
  CHECK(w.count_events("upper", "Failed", "Error: InvalidImageName") >= 1);
}

TEST_CASE("a pod with nothing but a node name set is started without a Scheduled event") {
  World w;
  auto k = w.pod("direct", "nginx:1.29", "minikube");
  w.c.advance(15000);
  CHECK(w.running(k));
  CHECK(w.count_events("direct", "Scheduled") == 0);
}
