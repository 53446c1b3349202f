// Scheduler: filters, scores, FailedScheduling messages, retries, scale.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "cluster.h"

using namespace kubesim;

namespace {

struct World {
  Cluster c;
  explicit World(int nodes = 1, uint64_t seed = 11) : c(ClusterOptions{seed, nodes, "v1.34.0"}) { c.bootstrap(); }

  store::Key pod(const std::string& name, std::optional<int64_t> cpu_milli = std::nullopt, const std::string& image = "nginx:1.29") {
    api::Pod p;
    p.metadata.name = name;
    p.metadata.namespace_ = "default";
    api::Container ctr;
    ctr.name = "app";
    ctr.image = image;
    if (cpu_milli) {
      ctr.requests.cpu_milli = cpu_milli;
      ctr.requests.cpu_text = std::to_string(*cpu_milli) + "m";
    }
    p.spec.containers.push_back(ctr);
    p.spec.tolerations = {api::Toleration{"node.kubernetes.io/not-ready", "Exists", "", "NoExecute", 300},
                          api::Toleration{"node.kubernetes.io/unreachable", "Exists", "", "NoExecute", 300}};
    store::Key k;
    REQUIRE(c.store.create(p, &k).ok);
    c.settle();
    return k;
  }

  void replicaset(const std::string& name, int replicas, std::optional<int64_t> cpu_milli = std::nullopt) {
    api::ReplicaSet rs;
    rs.metadata.name = name;
    rs.metadata.namespace_ = "default";
    rs.metadata.labels = {{"app", name}};
    rs.spec.replicas = replicas;
    rs.spec.selector.match_labels = {{"app", name}};
    rs.spec.template_.labels = {{"app", name}};
    api::Container ctr;
    ctr.name = name;
    ctr.image = "nginx:1.29";
    if (cpu_milli) {
      ctr.requests.cpu_milli = cpu_milli;
      ctr.requests.cpu_text = std::to_string(*cpu_milli) + "m";
    }
    rs.spec.template_.spec.containers.push_back(ctr);
    REQUIRE(c.store.create(rs).ok);
    c.settle();
  }

  std::map<std::string, int> pods_per_node(const std::string& prefix) const {
    std::map<std::string, int> m;
    for (auto& [k, p] : c.store.pods())
      if (k.namespace_ == "default" && k.name.rfind(prefix, 0) == 0) ++m[p.spec.node_name];
    return m;
  }

  std::string event_message(const std::string& pod, const std::string& reason) const {
    for (auto& [k, e] : c.store.events())
      if (e.involved_object.name == pod && e.reason == reason) return e.message;
    return "";
  }
};

}  // namespace

TEST_CASE("the scheduler spreads the pods of one ReplicaSet across nodes") {
  World w(3);
  w.replicaset("web", 9);
  auto per = w.pods_per_node("web-");
  REQUIRE(per.size() == 3);
  for (auto& [node, n] : per) {
    CHECK(!node.empty());
    CHECK(n == 3);
  }
  // Binding wrote the node, the condition and the event.
  for (auto& [k, p] : w.c.store.pods()) {
    if (k.name.rfind("web-", 0) != 0) continue;
    CHECK(p.timeline.scheduled_ms > 0);
    bool scheduled = false;
    for (auto& cond : p.status.conditions) scheduled |= cond.type == "PodScheduled" && cond.status == "True";
    CHECK(scheduled);
    CHECK(w.event_message(k.name, "Scheduled") == "Successfully assigned default/" + k.name + " to " + p.spec.node_name);
  }
}

TEST_CASE("a pod that asks for too much cpu stays Pending with the upstream FitError message") {
  World w;
  auto k = w.pod("greedy", 3000);
  const std::string msg =
      "0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No "
      "preemption victims found for incoming pod.";
  CHECK(w.c.store.pods().get(k)->spec.node_name.empty());
  CHECK(w.c.scheduler.why_pending(k) == msg);
  CHECK(w.event_message("greedy", "FailedScheduling") == msg);
  const api::Condition* cond = nullptr;
  for (auto& c : w.c.store.pods().get(k)->status.conditions) if (c.type == "PodScheduled") cond = &c;
  REQUIRE(cond);
  CHECK(cond->status == "False");
  CHECK(cond->reason == "Unschedulable");
  CHECK(cond->message == msg);
  // Nothing changes: it waits (5 min flush) instead of spinning; the event count grows slowly.
  w.c.advance(60 * 1000);
  int count = 0;
  for (auto& [ek, e] : w.c.store.events()) if (e.involved_object.name == "greedy" && e.reason == "FailedScheduling") count = e.count;
  CHECK(count == 1);
  w.c.advance(5 * 60 * 1000);
  for (auto& [ek, e] : w.c.store.events()) if (e.involved_object.name == "greedy" && e.reason == "FailedScheduling") count = e.count;
  CHECK(count == 2);
}

TEST_CASE("a pending pod is scheduled as soon as room appears") {
  World w;
  auto big = w.pod("big", 1000);   // fits (2 cpus, 750m used by the control plane)
  auto second = w.pod("second", 1000);
  CHECK(!w.c.store.pods().get(big)->spec.node_name.empty());
  CHECK(w.c.store.pods().get(second)->spec.node_name.empty());
  w.c.store.remove(store::Kind::Pod, big);
  w.c.settle();
  w.c.advance(1500);  // back-off after one attempt: 1 s
  CHECK(w.c.store.pods().get(second)->spec.node_name == "minikube");
  CHECK(w.c.scheduler.why_pending(second).empty());
}

TEST_CASE("a cordoned node and a tainted node are not used") {
  World w(2);
  REQUIRE(w.c.store.update_node(store::Key{"", "minikube"}, [](api::Node& n) { n.spec.unschedulable = true; }).ok);
  REQUIRE(w.c.store.update_node(store::Key{"", "minikube-m02"}, [](api::Node& n) {
    n.spec.taints.push_back(api::Taint{"dedicated", "gpu", "NoSchedule", std::nullopt});
  }).ok);
  w.c.settle();
  auto k = w.pod("nowhere");
  CHECK(w.c.scheduler.why_pending(k) ==
        "0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable. no new claims "
        "to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
  REQUIRE(w.c.store.update_node(store::Key{"", "minikube"}, [](api::Node& n) { n.spec.unschedulable = false; }).ok);
  w.c.settle();
  w.c.advance(2000);
  CHECK(w.c.store.pods().get(k)->spec.node_name == "minikube");
}

TEST_CASE("requested resources per node are counted incrementally") {
  World w;
  auto before = w.c.scheduler.node_usage("minikube");
  auto k = w.pod("small", 250);
  auto after = w.c.scheduler.node_usage("minikube");
  CHECK(after.cpu_milli == before.cpu_milli + 250);
  CHECK(after.pods == before.pods + 1);
  CHECK(after.nonzero_memory_bytes == before.nonzero_memory_bytes + 200LL * 1024 * 1024);
  w.c.store.remove(store::Kind::Pod, k);
  w.c.settle();
  CHECK(w.c.scheduler.node_usage("minikube").cpu_milli == before.cpu_milli);
}

TEST_CASE("scheduling 20,000 pods on 1,000 nodes fills nodes evenly") {
  World w(1000, 3);
  w.replicaset("bulk", 20000);
  auto per = w.pods_per_node("bulk-");
  size_t bound = 0;
  int lo = 1 << 30, hi = 0;
  for (auto& [node, n] : per) {
    if (node.empty()) continue;
    bound += static_cast<size_t>(n);
    lo = std::min(lo, n);
    hi = std::max(hi, n);
  }
  CHECK(bound == 20000);
  CHECK(hi - lo <= 3);
}

TEST_CASE("a big ReplicaSet that needs more cpu than the cluster has fills every node and leaves the rest Pending") {
  // 2,000 pods of 100m on 80 nodes (room for ~1,400): once over 1,024 pods are bound the owner's
  // counts are dense and nodes are filling up, so the scheduler's tight scan stops at full nodes
  // and the full filter takes over from there.
  World w(80, 5);
  w.replicaset("hungry", 2000, 100);
  size_t bound = 0, pending = 0;
  std::string a_pending;
  for (auto& [k, p] : w.c.store.pods()) {
    if (k.name.rfind("hungry-", 0) != 0) continue;
    if (p.spec.node_name.empty()) {
      ++pending;
      a_pending = k.name;
    } else {
      ++bound;
    }
  }
  CHECK(bound + pending == 2000);
  CHECK(bound > 1024);
  REQUIRE(pending > 0);
  for (auto& [k, n] : w.c.store.nodes()) {
    const int64_t alloc = n.status.allocatable.cpu_milli.value_or(0);
    const int64_t used = w.c.scheduler.node_usage(k.name).cpu_milli;
    INFO(k.name << " allocatable " << alloc << "m, requested " << used << "m");
    CHECK(used <= alloc);      // never over-committed
    CHECK(alloc - used < 100);  // and no room left for one more
  }
  CHECK(w.event_message(a_pending, "FailedScheduling") ==
        "0/80 nodes are available: 80 Insufficient cpu. no new claims to deallocate, preemption: 0/80 nodes are "
        "available: 80 No preemption victims found for incoming pod.");
}
