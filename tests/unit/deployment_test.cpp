// Deployment controller: fenceposts, rolling updates (the tutorial's worked examples), stuck
// rollouts, undo and revision numbers, proportional scaling, Recreate, pause, history cleanup.
// The cluster runs for real (scheduler, kubelet, controllers) on a bootstrapped minikube.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <tuple>
#include <vector>

#include "cluster.h"
#include "controllers/deployment.h"
#include "controllers/hash.h"
#include "controllers/replicaset.h"

using namespace kubesim;
namespace du = kubesim::controllers::deployment_util;

namespace {

const char* kV1 = "gcr.io/google-samples/kubernetes-bootcamp:v1";
const char* kV2 = "docker.io/jocatalin/kubernetes-bootcamp:v2";
const char* kV10 = "gcr.io/google-samples/kubernetes-bootcamp:v10";

api::Deployment bootcamp(const std::string& name, int replicas, const std::string& image = kV1) {
  api::Deployment d;
  d.metadata.name = name;
  d.metadata.namespace_ = "default";
  d.metadata.labels = {{"app", name}};
  d.spec.replicas = replicas;
  d.spec.selector.match_labels = {{"app", name}};
  d.spec.template_.labels = {{"app", name}};
  api::Container c;
  c.name = "kubernetes-bootcamp";
  c.image = image;
  d.spec.template_.spec.containers = {c};
  return d;
}

struct World {
  Cluster c;
  store::Key key;
  World() { c.bootstrap(); }

  void create(api::Deployment d) {
    key = {d.metadata.namespace_, d.metadata.name};
    REQUIRE(c.store.create(std::move(d)).ok);
    c.settle();
  }
  const api::Deployment& dep() const { return *c.store.deployments().get(key); }
  void update(const std::function<void(api::Deployment&)>& fn) {
    REQUIRE(c.store.update_deployment(key, fn).ok);
    c.settle();
  }
  void set_image(const std::string& image) {
    update([&](api::Deployment& d) { d.spec.template_.spec.containers.mut()[0].image = image; });
  }
  void scale(int n) {
    update([&](api::Deployment& d) { d.spec.replicas = n; });
  }

  // ReplicaSets of the deployment, oldest first.
  std::vector<const api::ReplicaSet*> rss() const {
    std::vector<const api::ReplicaSet*> v;
    for (auto& k : c.store.replicasets_owned_by(dep().metadata.uid)) v.push_back(c.store.replicasets().get(k));
    std::sort(v.begin(), v.end(), [](auto* a, auto* b) {
      return std::tie(a->metadata.creation_ms, a->metadata.name) < std::tie(b->metadata.creation_ms, b->metadata.name);
    });
    return v;
  }
  const api::ReplicaSet* rs_with_image(const std::string& image) const {
    for (auto* rs : rss())
      if (rs->spec.template_.spec.containers[0].image == image) return rs;
    return nullptr;
  }
  int64_t revision(const api::ReplicaSet* rs) const { return du::revision(*rs).value_or(-1); }

  // Pods of the deployment that are not terminating.
  int active_pods() const {
    int n = 0;
    for (auto* rs : rss())
      for (auto& k : c.store.pods_owned_by(rs->metadata.uid)) {
        const api::Pod* p = c.store.pods().get(k);
        if (p && controllers::is_pod_active(*p)) ++n;
      }
    return n;
  }
  int all_pods() const {
    int n = 0;
    for (auto* rs : rss()) n += static_cast<int>(c.store.pods_owned_by(rs->metadata.uid).size());
    return n;
  }

  // ScalingReplicaSet messages of this deployment last seen at or after `since_ms`, in the order
  // they were (last) recorded. Identical messages aggregate into one event (count, lastTimestamp)
  // as client-go's EventCorrelator does.
  std::vector<std::string> scaling_events(int64_t since_ms = 0) const {
    std::vector<const api::Event*> evs;
    for (auto& [k, e] : c.store.events())
      if (e.involved_object.kind == "Deployment" && e.involved_object.name == key.name && e.reason == "ScalingReplicaSet" &&
          e.last_ms >= since_ms)
        evs.push_back(&e);
    std::sort(evs.begin(), evs.end(), [](auto* a, auto* b) {
      return std::tie(a->last_ms, a->metadata.resource_version) < std::tie(b->last_ms, b->metadata.resource_version);
    });
    std::vector<std::string> out;
    for (auto* e : evs) out.push_back(e->message);
    return out;
  }

  // Advance in small steps until `done` (checking `each` after every step); false on timeout.
  bool run_until(const std::function<bool()>& done, int64_t max_ms, const std::function<void()>& each = {}) {
    for (int64_t t = 0; t <= max_ms; t += 100) {
      if (done()) return true;
      c.advance(100);
      if (each) each();
    }
    return done();
  }
  bool settled_rollout() const {
    const auto& d = dep();
    return d.status.observed_generation >= d.metadata.generation && d.status.updated_replicas == d.spec.replicas &&
           d.status.replicas == d.spec.replicas && d.status.available_replicas == d.spec.replicas;
  }

  // kubectl rollout undo: the template of the ReplicaSet with the second-highest revision.
  void undo() {
    std::vector<std::pair<int64_t, const api::ReplicaSet*>> revs;
    for (auto* rs : rss()) revs.push_back({revision(rs), rs});
    std::sort(revs.begin(), revs.end(), [](auto& a, auto& b) { return a.first > b.first; });
    REQUIRE(revs.size() >= 2);
    api::PodTemplateSpec t = revs[1].second->spec.template_;
    t.labels.erase(controllers::kPodTemplateHashLabel);
    update([&](api::Deployment& d) { d.spec.template_ = t; });
  }
  std::string condition_reason(const std::string& type) const {
    auto* c2 = du::get_condition(dep().status.conditions, type);
    return c2 ? c2->reason : "";
  }
};

std::string up(const std::string& rs, int a, int b) {
  return "Scaled up replica set " + rs + " from " + std::to_string(a) + " to " + std::to_string(b);
}
std::string down(const std::string& rs, int a, int b) {
  return "Scaled down replica set " + rs + " from " + std::to_string(a) + " to " + std::to_string(b);
}

}  // namespace

TEST_CASE("maxSurge rounds up and maxUnavailable rounds down against replicas") {
  auto pct = api::IntOrString::Str("25%");
  struct Row { int replicas, surge, unavailable; };
  for (Row r : {Row{1, 1, 0}, Row{2, 1, 0}, Row{3, 1, 0}, Row{4, 1, 1}, Row{10, 3, 2}}) {
    auto f = du::resolve_fenceposts(pct, pct, r.replicas);
    INFO("replicas " << r.replicas);
    CHECK(f.max_surge == r.surge);
    CHECK(f.max_unavailable == r.unavailable);
  }
  // Both resolving to zero: maxUnavailable becomes 1.
  auto f = du::resolve_fenceposts(api::IntOrString::Int(0), pct, 3);
  CHECK(f.max_surge == 0);
  CHECK(f.max_unavailable == 1);
  // MaxUnavailable is capped at replicas and is 0 for Recreate or 0 replicas.
  api::Deployment d = bootcamp("x", 2);
  d.spec.strategy.max_unavailable = api::IntOrString::Int(5);
  CHECK(du::max_unavailable(d) == 2);
  d.spec.replicas = 0;
  CHECK(du::max_unavailable(d) == 0);
  d.spec.replicas = 4;
  d.spec.strategy.type = "Recreate";
  CHECK(du::max_unavailable(d) == 0);
  CHECK(du::max_surge(d) == 0);
  CHECK(du::scaled_value(api::IntOrString::Str("abc"), 4, true) == std::nullopt);
}

TEST_CASE("pod-template-hash uses FNV-1a and the safe encoding of its decimal digits") {
  CHECK(controllers::fnv1a32("") == 2166136261u);
  CHECK(controllers::fnv1a32("a") == 0xe40c292cu);
  CHECK(controllers::safe_encode_string("0123456789") == "456789bcdf");
  CHECK(controllers::safe_encode_string("1041772351") == "5485cc6795");
  api::PodTemplateSpec t = bootcamp("x", 1).spec.template_;
  auto h = controllers::compute_pod_template_hash(t, std::nullopt);
  CHECK(h == controllers::compute_pod_template_hash(t, std::nullopt));
  CHECK(h != controllers::compute_pod_template_hash(t, 1));
  CHECK(h.find_first_not_of("456789bcdf") == std::string::npos);
  t.spec.containers.mut()[0].image = kV2;
  CHECK(h != controllers::compute_pod_template_hash(t, std::nullopt));
}

TEST_CASE("proportional scaling splits new replicas by size as in the docs example") {
  // Docs: 10 replicas, maxSurge 3, maxUnavailable 2; old RS 8 + new RS 5 (stuck); scale to 15.
  api::Deployment d = bootcamp("x", 15);
  d.spec.strategy.max_surge = api::IntOrString::Int(3);
  d.spec.strategy.max_unavailable = api::IntOrString::Int(2);
  api::ReplicaSet old_rs, new_rs;
  old_rs.spec.replicas = 8;
  new_rs.spec.replicas = 5;
  old_rs.metadata.annotations[du::kMaxReplicasAnnotation] = "13";
  new_rs.metadata.annotations[du::kMaxReplicasAnnotation] = "13";
  const int to_add = 18 - 13;
  int added = du::get_proportion(old_rs, d, to_add, 0);
  CHECK(added == 3);
  int second = du::get_proportion(new_rs, d, to_add, added);
  CHECK(second == 2);

  World w;
  api::Deployment dep = bootcamp("kubernetes-bootcamp", 10);
  dep.spec.strategy.max_surge = api::IntOrString::Int(3);
  dep.spec.strategy.max_unavailable = api::IntOrString::Int(2);
  w.create(dep);
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 300000));
  w.set_image(kV10);
  REQUIRE(w.run_until([&] {
    auto* n = w.rs_with_image(kV10);
    return n && n->spec.replicas == 5;
  }, 120000));
  w.c.advance(30000);
  const api::ReplicaSet* old_p = w.rs_with_image(kV1);
  const api::ReplicaSet* new_p = w.rs_with_image(kV10);
  REQUIRE(old_p);
  REQUIRE(new_p);
  CHECK(old_p->spec.replicas == 8);
  CHECK(new_p->spec.replicas == 5);
  const std::string old_name = old_p->metadata.name, new_name = new_p->metadata.name;
  w.scale(15);
  CHECK(w.rs_with_image(kV1)->spec.replicas == 11);
  CHECK(w.rs_with_image(kV10)->spec.replicas == 7);
  auto ev = w.scaling_events();
  REQUIRE(ev.size() >= 2);
  CHECK(ev[ev.size() - 2] == up(old_name, 8, 11));
  CHECK(ev[ev.size() - 1] == up(new_name, 5, 7));
  CHECK(w.rs_with_image(kV1)->metadata.annotations.at(du::kDesiredReplicasAnnotation) == "15");
  CHECK(w.rs_with_image(kV10)->metadata.annotations.at(du::kMaxReplicasAnnotation) == "18");
}

TEST_CASE("a new deployment creates one ReplicaSet and reports Available then Progressing") {
  World w;
  w.create(bootcamp("kubernetes-bootcamp", 1));
  auto rss = w.rss();
  REQUIRE(rss.size() == 1);
  const api::ReplicaSet& rs = *rss[0];
  const std::string hash = rs.metadata.labels.at(controllers::kPodTemplateHashLabel);
  CHECK(rs.metadata.name == "kubernetes-bootcamp-" + hash);
  CHECK(rs.spec.selector.match_labels.at(controllers::kPodTemplateHashLabel) == hash);
  CHECK(rs.metadata.annotations.at(du::kRevisionAnnotation) == "1");
  CHECK(rs.metadata.annotations.at(du::kDesiredReplicasAnnotation) == "1");
  CHECK(rs.metadata.annotations.at(du::kMaxReplicasAnnotation) == "2");
  CHECK(w.dep().metadata.annotations.at(du::kRevisionAnnotation) == "1");
  CHECK(w.scaling_events() == std::vector<std::string>{up(rs.metadata.name, 0, 1)});
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  w.c.advance(1000);
  const auto& conds = w.dep().status.conditions;
  REQUIRE(conds.size() == 2);
  CHECK(conds[0].type == "Available");
  CHECK(conds[0].reason == "MinimumReplicasAvailable");
  CHECK(conds[1].type == "Progressing");
  CHECK(conds[1].reason == "NewReplicaSetAvailable");
  CHECK(conds[1].message == "ReplicaSet \"" + rs.metadata.name + "\" has successfully progressed.");

  // Scaling 1 -> 4: Available flips False then True and moves behind Progressing.
  w.scale(4);
  CHECK(w.condition_reason("Available") == "MinimumReplicasUnavailable");
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  const auto& conds2 = w.dep().status.conditions;
  REQUIRE(conds2.size() == 2);
  CHECK(conds2[0].type == "Progressing");
  CHECK(conds2[1].type == "Available");
  CHECK(conds2[1].status == "True");
  CHECK(w.scaling_events().back() == up(rs.metadata.name, 1, 4));
}

TEST_CASE("rolling update v1 to v2 with 4 replicas scales in the tutorial's order") {
  World w;
  w.create(bootcamp("kubernetes-bootcamp", 4));
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  const std::string old_rs = w.rss()[0]->metadata.name;
  const int64_t t = w.c.now();
  w.set_image(kV2);
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 300000));
  const std::string new_rs = w.rs_with_image(kV2)->metadata.name;
  auto ev = w.scaling_events(t);
  CHECK(ev == std::vector<std::string>{up(new_rs, 0, 1), down(old_rs, 4, 3), up(new_rs, 1, 2), down(old_rs, 3, 2),
                                       up(new_rs, 2, 3), down(old_rs, 2, 1), up(new_rs, 3, 4), down(old_rs, 1, 0)});
  CHECK(w.revision(w.rs_with_image(kV2)) == 2);
  CHECK(w.dep().metadata.annotations.at(du::kRevisionAnnotation) == "2");
  CHECK(w.rs_with_image(kV1)->spec.replicas == 0);  // kept for history
}

TEST_CASE("a rolling update never has more than replicas + maxSurge pods") {
  World w;
  w.create(bootcamp("kubernetes-bootcamp", 4));
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  int worst = 0, worst_spec = 0, least_available = 100;
  auto check = [&] {
    worst = std::max(worst, w.active_pods());
    int spec = 0, available = 0;
    for (auto* rs : w.rss()) { spec += rs->spec.replicas; available += rs->status.available_replicas; }
    worst_spec = std::max(worst_spec, spec);
    least_available = std::min(least_available, available);
  };
  w.set_image(kV2);
  check();
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 300000, check));
  CHECK(worst <= 4 + 1);
  CHECK(worst_spec <= 4 + 1);
  CHECK(least_available >= 4 - 1);  // and never fewer than replicas - maxUnavailable available
}

TEST_CASE("a bad image gets stuck at 3 available and 2 new pods, then times out") {
  World w;
  w.create(bootcamp("kubernetes-bootcamp", 4));
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  w.set_image(kV2);
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 300000));
  w.set_image(kV10);
  w.c.advance(60000);
  const api::ReplicaSet* good = w.rs_with_image(kV2);
  const api::ReplicaSet* bad = w.rs_with_image(kV10);
  REQUIRE(good);
  REQUIRE(bad);
  CHECK(good->spec.replicas == 3);
  CHECK(good->status.available_replicas == 3);
  CHECK(bad->spec.replicas == 2);
  CHECK(bad->status.available_replicas == 0);
  const auto& s = w.dep().status;
  CHECK(s.ready_replicas == 3);      // READY 3/4
  CHECK(s.updated_replicas == 2);    // UP-TO-DATE 2
  CHECK(s.available_replicas == 3);  // AVAILABLE 3
  CHECK(w.condition_reason("Available") == "MinimumReplicasAvailable");
  CHECK(w.condition_reason("Progressing") == "ReplicaSetUpdated");
  CHECK(w.revision(bad) == 3);
  // 600 s after the last progress the deadline is exceeded (without any other event).
  w.c.advance(600000);
  CHECK(w.condition_reason("Progressing") == "ProgressDeadlineExceeded");
  auto* cond = du::get_condition(w.dep().status.conditions, "Progressing");
  REQUIRE(cond);
  CHECK(cond->status == "False");
  CHECK(cond->message == "ReplicaSet \"" + bad->metadata.name + "\" has timed out progressing.");
}

TEST_CASE("undo from a stuck rollout scales the bad ReplicaSet to 0 at once, then the good one up") {
  World w;
  w.create(bootcamp("kubernetes-bootcamp", 4));
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  w.set_image(kV2);
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 300000));
  w.set_image(kV10);
  w.c.advance(60000);
  const std::string good = w.rs_with_image(kV2)->metadata.name;
  const std::string bad = w.rs_with_image(kV10)->metadata.name;
  const int64_t t = w.c.now();
  w.undo();
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  // By now the deployment controller's recorder has seen more than 10 different ScalingReplicaSet
  // messages about this Deployment within 10 minutes, so a new message goes into the one
  // "(combined from similar events)" event (client-go EventAggregator); "from 3 to 4" repeats a
  // message it still remembers, so it is counted on that event (x2) instead.
  CHECK(w.scaling_events(t) ==
        std::vector<std::string>{"(combined from similar events): " + down(bad, 2, 0), up(good, 3, 4)});
  // Revisions: v1 = 1, v10 = 3, v2 (rolled back to) = 4; history keeps 2.
  CHECK(w.revision(w.rs_with_image(kV1)) == 1);
  CHECK(w.revision(w.rs_with_image(kV10)) == 3);
  CHECK(w.revision(w.rs_with_image(kV2)) == 4);
  CHECK(w.rs_with_image(kV2)->metadata.annotations.at(du::kRevisionHistoryAnnotation) == "2");
  CHECK(w.dep().metadata.annotations.at(du::kRevisionAnnotation) == "4");
  CHECK(w.rss().size() == 3);
}

TEST_CASE("scaling 4 to 2 leaves 2 pods Terminating for the 30 s grace period") {
  World w;
  w.create(bootcamp("kubernetes-bootcamp", 4));
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  w.scale(2);
  CHECK(w.active_pods() == 2);
  CHECK(w.all_pods() == 4);
  int terminating = 0;
  for (auto* rs : w.rss())
    for (auto& k : w.c.store.pods_owned_by(rs->metadata.uid)) {
      const api::Pod* p = w.c.store.pods().get(k);
      if (p->metadata.deletion_ms) {
        ++terminating;
        CHECK(*p->metadata.deletion_ms == w.c.now() + 30000);
        CHECK(p->status.phase == "Running");
      }
    }
  CHECK(terminating == 2);
  CHECK(w.scaling_events().back() == down(w.rss()[0]->metadata.name, 4, 2));
  w.c.advance(29000);
  CHECK(w.all_pods() == 4);
  w.c.advance(3000);
  CHECK(w.all_pods() == 2);
  CHECK(w.dep().status.replicas == 2);
}

TEST_CASE("Recreate scales the old ReplicaSet to zero before the new one starts") {
  World w;
  api::Deployment d = bootcamp("recreate", 3);
  d.spec.strategy.type = "Recreate";
  w.create(d);
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  const std::string old_rs = w.rss()[0]->metadata.name;
  w.set_image(kV2);
  CHECK(w.rss()[0]->spec.replicas == 0);
  CHECK(w.rs_with_image(kV2) == nullptr);  // not while old pods are still terminating
  REQUIRE(w.run_until([&] { return w.rs_with_image(kV2) != nullptr; }, 60000));
  CHECK(w.all_pods() == 3);  // the old ones are all gone: only the new ones exist
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  const std::string new_rs = w.rs_with_image(kV2)->metadata.name;
  auto ev = w.scaling_events();
  REQUIRE(ev.size() == 3);
  CHECK(ev[1] == down(old_rs, 3, 0));
  CHECK(ev[2] == up(new_rs, 0, 3));
}

TEST_CASE("a paused deployment does not roll out but still scales") {
  World w;
  w.create(bootcamp("kubernetes-bootcamp", 2));
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  w.update([](api::Deployment& d) { d.spec.paused = true; });
  CHECK(w.condition_reason("Progressing") == "DeploymentPaused");
  w.set_image(kV2);
  CHECK(w.rss().size() == 1);
  CHECK(w.dep().status.updated_replicas == 0);
  w.scale(3);
  CHECK(w.rss()[0]->spec.replicas == 3);
  w.update([](api::Deployment& d) { d.spec.paused = false; });
  CHECK(w.rss().size() == 2);
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 300000));
  CHECK(w.rs_with_image(kV2)->spec.replicas == 3);
}

TEST_CASE("old ReplicaSets beyond revisionHistoryLimit are deleted") {
  World w;
  api::Deployment d = bootcamp("kubernetes-bootcamp", 1);
  d.spec.revision_history_limit = 1;
  w.create(d);
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  w.set_image(kV2);
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 300000));
  CHECK(w.rss().size() == 2);
  w.set_image("docker.io/library/nginx:latest");
  REQUIRE(w.run_until([&] { return w.settled_rollout() && w.rss().size() == 2; }, 300000));
  CHECK(w.rs_with_image(kV1) == nullptr);  // revision 1 went, revision 2 is kept
  CHECK(w.rs_with_image(kV2) != nullptr);
}

TEST_CASE("deleting a deployment removes its ReplicaSets and terminates its pods") {
  World w;
  w.create(bootcamp("kubernetes-bootcamp", 2));
  REQUIRE(w.run_until([&] { return w.settled_rollout(); }, 120000));
  const std::string uid = w.dep().metadata.uid;
  const std::string rs_uid = w.rss()[0]->metadata.uid;
  REQUIRE(w.c.store.remove(store::Kind::Deployment, w.key).ok);
  w.c.settle();
  CHECK(w.c.store.replicasets_owned_by(uid).empty());
  const auto& pods = w.c.store.pods_owned_by(rs_uid);
  REQUIRE(pods.size() == 2);
  for (auto& k : pods) CHECK(w.c.store.pods().get(k)->metadata.deletion_ms.has_value());
  w.c.advance(35000);
  CHECK(w.c.store.pods_owned_by(rs_uid).empty());
}
