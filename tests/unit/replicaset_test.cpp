// ReplicaSet controller: creation bursts, status counters, minReadySeconds, the scale-down
// ranking, graceful deletion and the garbage collector.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "cluster.h"
#include "controllers/replicaset.h"

using namespace kubesim;

namespace {

api::ReplicaSet make_rs(const std::string& name, int replicas, int min_ready = 0) {
  api::ReplicaSet rs;
  rs.metadata.name = name;
  rs.metadata.namespace_ = "default";
  rs.metadata.labels = {{"app", name}};
  rs.spec.replicas = replicas;
  rs.spec.min_ready_seconds = min_ready;
  rs.spec.selector.match_labels = {{"app", name}};
  rs.spec.template_.labels = {{"app", name}};
  api::Container c;
  c.name = "app";
  c.image = "gcr.io/google-samples/kubernetes-bootcamp:v1";
  rs.spec.template_.spec.containers = {c};
  return rs;
}

std::vector<store::Key> pods_of(Cluster& c, const store::Key& rs_key, bool active_only = true) {
  std::vector<store::Key> out;
  const api::ReplicaSet* rs = c.store.replicasets().get(rs_key);
  if (!rs) return out;
  for (auto& k : c.store.pods_owned_by(rs->metadata.uid)) {
    const api::Pod* p = c.store.pods().get(k);
    if (p && (!active_only || controllers::is_pod_active(*p))) out.push_back(k);
  }
  return out;
}

// The kubelet's part, by hand: the pod runs and is Ready from now on.
void make_ready(Cluster& c, const store::Key& k) {
  c.store.update_pod(k, [&](api::Pod& p) {
    p.status.phase = "Running";
    api::Condition r;
    r.type = "Ready";
    r.status = "True";
    r.last_transition_ms = c.now();
    p.status.conditions = {r};
  });
}

int count_events(Cluster& c, const std::string& reason, const std::string& object = "") {
  int n = 0;
  for (auto& [k, e] : c.store.events())
    if (e.reason == reason && (object.empty() || e.involved_object.name == object)) n += e.count;
  return n;
}

api::Pod ranked_pod(const std::string& uid, const std::string& node, const std::string& phase, bool ready, int64_t ready_ms,
                    int64_t created_ms, int restarts = 0) {
  api::Pod p;
  p.metadata.uid = uid;
  p.metadata.creation_ms = created_ms;
  p.spec.node_name = node;
  p.status.phase = phase;
  api::Condition r;
  r.type = "Ready";
  r.status = ready ? "True" : "False";
  r.last_transition_ms = ready_ms;
  p.status.conditions = {r};
  api::ContainerStatus cs;
  cs.restart_count = restarts;
  p.status.container_statuses = {cs};
  return p;
}

}  // namespace

TEST_CASE("slow start creates pods in batches of 1, 2, 4 and so on") {
  CHECK(controllers::slow_start_batches(1) == std::vector<int>{1});
  CHECK(controllers::slow_start_batches(4) == std::vector<int>{1, 2, 1});
  CHECK(controllers::slow_start_batches(7) == std::vector<int>{1, 2, 4});
  CHECK(controllers::slow_start_batches(500) == std::vector<int>{1, 2, 4, 8, 16, 32, 64, 128, 245});
  CHECK(controllers::slow_start_batches(0).empty());
}

TEST_CASE("a replica set creates at most 500 pods per sync") {
  Cluster c;  // no nodes: pods stay Pending, nothing but the ReplicaSet controller acts on them
  store::Key k;
  REQUIRE(c.store.create(make_rs("big", 1200), &k).ok);
  auto& rsc = c.replicaset_controller;
  auto step = [&] {
    for (auto& ch : c.store.take_changes()) rsc.on_change(ch, c);
    rsc.process(c);
  };
  step();
  CHECK(pods_of(c, k).size() == 500);
  step();
  CHECK(pods_of(c, k).size() == 1000);
  step();
  CHECK(pods_of(c, k).size() == 1200);
  step();
  CHECK(pods_of(c, k).size() == 1200);
  // client-go's EventCorrelator on the controller's recorder: 9 single "Created pod: …" events,
  // then one "(combined from similar events): …" whose count grows until the source+object spam
  // budget (burst 25) is spent; the other 1,175 creations leave no event.
  CHECK(count_events(c, "SuccessfulCreate") == 25);
  int singles = 0, combined = 0;
  for (auto& [key, e] : c.store.events()) {
    if (e.reason != "SuccessfulCreate") continue;
    if (e.message.rfind("(combined from similar events): Created pod: big-", 0) == 0) { ++combined; CHECK(e.count == 16); }
    else if (e.message.rfind("Created pod: big-", 0) == 0) { ++singles; CHECK(e.count == 1); }
  }
  CHECK(singles == 9);
  CHECK(combined == 1);
}

TEST_CASE("pods are created from the template with owner, generateName and default tolerations") {
  Cluster c;
  store::Key k;
  REQUIRE(c.store.create(make_rs("web-5485cc6795", 1), &k).ok);
  c.settle();
  auto pods = pods_of(c, k);
  REQUIRE(pods.size() == 1);
  const api::Pod& p = *c.store.pods().get(pods[0]);
  CHECK(p.metadata.name.rfind("web-5485cc6795-", 0) == 0);
  CHECK(p.metadata.name.size() == std::string("web-5485cc6795-").size() + 5);
  CHECK(p.metadata.labels.at("app") == "web-5485cc6795");
  REQUIRE(p.metadata.controller_ref() != nullptr);
  CHECK(p.metadata.controller_ref()->kind == "ReplicaSet");
  CHECK(p.metadata.controller_ref()->api_version == "apps/v1");
  REQUIRE(p.spec.tolerations.size() == 2);
  CHECK(p.spec.tolerations[0].key == "node.kubernetes.io/not-ready");
  CHECK(p.spec.tolerations[1].key == "node.kubernetes.io/unreachable");
  CHECK(p.spec.tolerations[1].effect == "NoExecute");
  CHECK(p.spec.tolerations[1].toleration_seconds == 300);
  CHECK(p.status.qos_class == "BestEffort");
  bool event = false;
  for (auto& [ek, e] : c.store.events())
    if (e.reason == "SuccessfulCreate" && e.message == "Created pod: " + p.metadata.name &&
        e.source_component == "replicaset-controller" && e.involved_object.kind == "ReplicaSet")
      event = true;
  CHECK(event);
}

TEST_CASE("replica set status counts follow pod changes") {
  Cluster c;
  store::Key k;
  REQUIRE(c.store.create(make_rs("web", 3), &k).ok);
  c.settle();
  auto pods = pods_of(c, k);
  REQUIRE(pods.size() == 3);
  const api::ReplicaSet* rs = c.store.replicasets().get(k);
  CHECK(rs->status.replicas == 3);
  CHECK(rs->status.fully_labeled_replicas == 3);
  CHECK(rs->status.ready_replicas == 0);
  CHECK(rs->status.observed_generation == rs->metadata.generation);

  make_ready(c, pods[0]);
  make_ready(c, pods[1]);
  c.settle();
  rs = c.store.replicasets().get(k);
  CHECK(rs->status.ready_replicas == 2);
  CHECK(rs->status.available_replicas == 2);

  // A pod losing its label stops counting as fully labeled.
  c.store.update_pod(pods[2], [](api::Pod& p) { p.metadata.labels["app"] = "other"; });
  c.settle();
  CHECK(c.store.replicasets().get(k)->status.fully_labeled_replicas == 2);
  auto counts = c.replicaset_controller.counts(k);
  REQUIRE(counts);
  CHECK(counts->replicas == 3);
  CHECK(counts->ready == 2);
}

TEST_CASE("a terminating pod is replaced at once and no longer counted") {
  Cluster c;
  c.bootstrap();
  store::Key k;
  REQUIRE(c.store.create(make_rs("web", 2), &k).ok);
  c.advance(30000);
  auto pods = pods_of(c, k);
  REQUIRE(pods.size() == 2);
  REQUIRE(c.store.replicasets().get(k)->status.ready_replicas == 2);
  REQUIRE(controllers::delete_pod_gracefully(c, pods[0]).ok);  // as `kubectl delete pod` does
  c.settle();
  CHECK(pods_of(c, k).size() == 2);         // a replacement exists at once
  CHECK(pods_of(c, k, false).size() == 3);  // the terminating one is still there
  CHECK(c.store.replicasets().get(k)->status.replicas == 2);
  c.advance(35000);
  CHECK(pods_of(c, k, false).size() == 2);
}

TEST_CASE("minReadySeconds delays availability until the ready time has passed") {
  Cluster c;
  store::Key k;
  REQUIRE(c.store.create(make_rs("slow", 1, 10), &k).ok);
  c.settle();
  auto pods = pods_of(c, k);
  REQUIRE(pods.size() == 1);
  make_ready(c, pods[0]);
  c.settle();
  CHECK(c.store.replicasets().get(k)->status.ready_replicas == 1);
  CHECK(c.store.replicasets().get(k)->status.available_replicas == 0);
  c.advance(10000);  // exactly minReadySeconds: not yet (available means strictly longer)
  CHECK(c.store.replicasets().get(k)->status.available_replicas == 0);
  c.advance(999);    // the controller looks again minReadySeconds + 1 s after the pod turned ready
  CHECK(c.store.replicasets().get(k)->status.available_replicas == 0);
  c.advance(1);
  CHECK(c.store.replicasets().get(k)->status.available_replicas == 1);
}

TEST_CASE("scale-down ranking prefers unscheduled, pending and not-ready pods") {
  const int64_t now = kEpochMs + 600000;
  api::Pod unassigned = ranked_pod("u1", "", "Pending", false, 0, now - 5000);
  api::Pod pending = ranked_pod("u2", "n1", "Pending", false, 0, now - 5000);
  api::Pod unknown = ranked_pod("u3", "n1", "Unknown", false, 0, now - 5000);
  api::Pod running_not_ready = ranked_pod("u4", "n1", "Running", false, 0, now - 5000);
  api::Pod running_ready = ranked_pod("u5", "n1", "Running", true, now - 4000, now - 5000);
  auto r = [&](const api::Pod& p, int related = 1) { return controllers::make_deletion_rank(p, related, now); };
  CHECK(controllers::deletion_rank_less(r(unassigned), r(pending)));
  CHECK(controllers::deletion_rank_less(r(pending), r(unknown)));
  CHECK(controllers::deletion_rank_less(r(unknown), r(running_not_ready)));
  CHECK(controllers::deletion_rank_less(r(running_not_ready), r(running_ready)));
  CHECK_FALSE(controllers::deletion_rank_less(r(running_ready), r(pending)));

  // Lower pod-deletion-cost goes first.
  api::Pod cheap = running_ready, dear = running_ready;
  cheap.metadata.uid = "zz";
  dear.metadata.annotations["controller.kubernetes.io/pod-deletion-cost"] = "100";
  CHECK(controllers::deletion_rank_less(r(cheap), r(dear)));
  // Doubled-up pods (more related pods on the same node) go first.
  CHECK(controllers::deletion_rank_less(r(running_ready, 3), r(running_ready, 1)));
}

TEST_CASE("scale-down ranking compares ready and creation times on a log2 scale, ties by uid") {
  const int64_t now = kEpochMs + 3600000;
  // Ready 5 s ago vs 500 s ago: different buckets, the newer goes first.
  api::Pod fresh = ranked_pod("b-uid", "n1", "Running", true, now - 5000, now - 600000);
  api::Pod old = ranked_pod("a-uid", "n1", "Running", true, now - 500000, now - 600000);
  auto r = [&](const api::Pod& p) { return controllers::make_deletion_rank(p, 1, now); };
  CHECK(controllers::deletion_rank_less(r(fresh), r(old)));
  CHECK_FALSE(controllers::deletion_rank_less(r(old), r(fresh)));
  // Ready 40 s and 60 s ago: both in [2^35, 2^36) ns, so the smaller uid goes first.
  api::Pod p40 = ranked_pod("b-uid", "n1", "Running", true, now - 40000, now - 600000);
  api::Pod p60 = ranked_pod("a-uid", "n1", "Running", true, now - 60000, now - 600000);
  CHECK(controllers::log2_age_bucket(now - 40000, now) == 35);
  CHECK(controllers::log2_age_bucket(now - 60000, now) == 35);
  CHECK(controllers::deletion_rank_less(r(p60), r(p40)));
  // Not ready: more restarts first, then newer creation first.
  api::Pod crashy = ranked_pod("z", "n1", "Running", false, 0, now - 600000, 3);
  api::Pod calm_new = ranked_pod("y", "n1", "Running", false, 0, now - 5000, 0);
  api::Pod calm_old = ranked_pod("x", "n1", "Running", false, 0, now - 500000, 0);
  CHECK(controllers::deletion_rank_less(r(crashy), r(calm_new)));
  CHECK(controllers::deletion_rank_less(r(calm_new), r(calm_old)));
}

TEST_CASE("scaling a replica set down deletes the most deletable pods first") {
  Cluster c;
  store::Key k;
  REQUIRE(c.store.create(make_rs("web", 4), &k).ok);
  c.settle();
  auto pods = pods_of(c, k);
  REQUIRE(pods.size() == 4);
  make_ready(c, pods[0]);
  make_ready(c, pods[1]);
  c.settle();
  c.store.update_replicaset(k, [](api::ReplicaSet& rs) { rs.spec.replicas = 2; });
  c.settle();
  auto left = pods_of(c, k);
  std::sort(left.begin(), left.end());
  std::vector<store::Key> ready = {pods[0], pods[1]};
  std::sort(ready.begin(), ready.end());
  CHECK(left == ready);  // the two never-ready pods went
  CHECK(count_events(c, "SuccessfulDelete") == 2);
}

TEST_CASE("graceful deletion sets deletionTimestamp to now plus the grace period") {
  Cluster c;
  api::Pod p;
  p.metadata.name = "p";
  p.metadata.namespace_ = "default";
  p.spec.node_name = "minikube";
  p.status.phase = "Running";
  store::Key k;
  REQUIRE(c.store.create(p, &k).ok);
  REQUIRE(controllers::delete_pod_gracefully(c, k).ok);
  const api::Pod* q = c.store.pods().get(k);
  REQUIRE(q);
  CHECK(*q->metadata.deletion_ms == c.now() + 30000);
  CHECK(*q->metadata.deletion_grace_period_seconds == 30);
  CHECK(q->timeline.terminating_ms == c.now());
  // Deleting again may only shorten it.
  REQUIRE(controllers::delete_pod_gracefully(c, k, 60).ok);
  CHECK(*c.store.pods().get(k)->metadata.deletion_ms == c.now() + 30000);
  REQUIRE(controllers::delete_pod_gracefully(c, k, 5).ok);
  CHECK(*c.store.pods().get(k)->metadata.deletion_ms == c.now() + 5000);
  REQUIRE(controllers::delete_pod_gracefully(c, k, 0).ok);
  CHECK(c.store.pods().get(k) == nullptr);

  // A pod that was never scheduled goes at once.
  api::Pod u;
  u.metadata.name = "u";
  u.metadata.namespace_ = "default";
  REQUIRE(c.store.create(u, &k).ok);
  REQUIRE(controllers::delete_pod_gracefully(c, k).ok);
  CHECK(c.store.pods().get(k) == nullptr);
}

TEST_CASE("deleting a replica set deletes its pods through the garbage collector") {
  Cluster c;
  c.bootstrap();
  store::Key k;
  REQUIRE(c.store.create(make_rs("web", 2), &k).ok);
  c.advance(30000);
  const std::string uid = c.store.replicasets().get(k)->metadata.uid;
  auto pods = pods_of(c, k);
  REQUIRE(pods.size() == 2);
  REQUIRE(c.store.remove(store::Kind::ReplicaSet, k).ok);
  c.settle();
  // Running pods terminate gracefully (Terminating for 30 s), nothing recreates them.
  for (auto& pk : pods) {
    const api::Pod* p = c.store.pods().get(pk);
    REQUIRE(p);
    CHECK(p->metadata.deletion_ms.has_value());
  }
  CHECK(count_events(c, "SuccessfulCreate", "web") == 2);
  c.advance(35000);
  CHECK(c.store.pods_owned_by(uid).empty());

  // A pod that never got a node goes at once.
  REQUIRE(c.store.create(make_rs("lonely", 1), &k).ok);
  c.store.update_node({"", "minikube"}, [](api::Node& n) { n.spec.unschedulable = true; });
  c.settle();
  auto lonely = pods_of(c, k);
  REQUIRE(lonely.size() == 1);
  CHECK(c.store.pods().get(lonely[0])->spec.node_name.empty());
  REQUIRE(c.store.remove(store::Kind::ReplicaSet, k).ok);
  c.settle();
  CHECK(c.store.pods().get(lonely[0]) == nullptr);
}

TEST_CASE("packed scale-down ranks order pods exactly as the deletion rules do") {
  uint64_t x = 99;
  auto next = [&x](uint64_t n) { x = x * 6364136223846793005ULL + 1442695040888963407ULL; return (x >> 33) % n; };
  const int64_t buckets[] = {INT64_MIN, -1, 0, 1, 35, 36, 63};
  std::vector<std::string> uids = {"a", "ab", "b-uid", "0f3c2a10-1111-4a4a-9c9c-000000000001", "0f3c2a10-1111-4a4a-9c9c-000000000002"};
  std::vector<controllers::PodDeletionRank> ranks;
  for (int i = 0; i < 400; ++i) {
    controllers::PodDeletionRank r;
    r.assigned = next(2) == 1;
    r.phase_ordinal = static_cast<int>(next(3));
    r.ready = next(2) == 1;
    const int32_t costs[] = {INT32_MIN, -5, 0, 7, INT32_MAX};
    r.deletion_cost = costs[next(5)];
    r.related_on_node = static_cast<int>(next(4));
    r.ready_bucket = buckets[next(7)];
    r.max_restarts = static_cast<int32_t>(next(3));
    r.created_bucket = buckets[next(7)];
    r.uid = &uids[next(uids.size())];
    ranks.push_back(r);
  }
  auto packed_less = [](const controllers::PodDeletionRank& a, const controllers::PodDeletionRank& b) {
    const auto pa = controllers::pack_deletion_rank(a), pb = controllers::pack_deletion_rank(b);
    if (pa.hi != pb.hi) return pa.hi < pb.hi;
    if (pa.lo != pb.lo) return pa.lo < pb.lo;
    return *a.uid < *b.uid;
  };
  int disagreements = 0;
  for (auto& a : ranks)
    for (auto& b : ranks)
      if (packed_less(a, b) != controllers::deletion_rank_less(a, b)) ++disagreements;
  CHECK(disagreements == 0);
}
