// Unit tests of web/rollout.h: budgets, lanes and why a rollout waits.
#include <catch2/catch.hpp>

#include "rollout.h"

using namespace kubesim;
using namespace kubesim::web;

TEST_CASE("maxSurge rounds up and maxUnavailable rounds down") {
  auto pct = [](const char* s) { return api::IntOrString::Str(s); };
  CHECK(resolve_max_surge(pct("25%"), 4) == 1);
  CHECK(resolve_max_unavailable(pct("25%"), 4) == 1);
  CHECK(resolve_max_surge(pct("25%"), 10) == 3);
  CHECK(resolve_max_unavailable(pct("25%"), 10) == 2);
  CHECK(resolve_max_surge(pct("25%"), 1) == 1);
  CHECK(resolve_max_unavailable(pct("25%"), 1) == 0);
  CHECK(resolve_max_surge(api::IntOrString::Int(2), 10) == 2);
  CHECK(resolve_max_surge(pct("bad%"), 10) == 0);
}

TEST_CASE("when both budgets resolve to zero maxUnavailable becomes one") {
  api::DeploymentSpec spec;
  spec.replicas = 4;
  spec.strategy.max_surge = api::IntOrString::Int(0);
  spec.strategy.max_unavailable = api::IntOrString::Str("10%");
  Fenceposts f = resolve_fenceposts(spec);
  CHECK(f.max_surge == 0);
  CHECK(f.max_unavailable == 1);
  spec.strategy.type = "Recreate";
  CHECK(resolve_fenceposts(spec).max_unavailable == 0);
}

TEST_CASE("image_tag takes the tag, or the last path segment when there is none") {
  CHECK(image_tag("jocatalin/kubernetes-bootcamp:v2") == "v2");
  CHECK(image_tag("localhost:5000/app") == "app");
  CHECK(image_tag("nginx") == "nginx");
  CHECK(image_tag("nginx@sha256:abc") == "nginx");
}

namespace {
struct World {
  store::Store s{1, 1000};
  std::string dep_uid;
  api::Deployment dep() {
    api::Deployment d;
    d.metadata.name = "web";
    d.metadata.namespace_ = "default";
    d.spec.replicas = 4;
    d.spec.selector.match_labels = {{"app", "web"}};
    d.spec.template_.labels = {{"app", "web"}};
    d.spec.template_.spec.containers.push_back({});
    d.spec.template_.spec.containers.mut()[0].name = "web";
    d.spec.template_.spec.containers.mut()[0].image = "web:v10";
    return d;
  }
  std::string add_rs(const std::string& name, const std::string& image, int revision, int replicas) {
    api::ReplicaSet rs;
    rs.metadata.name = name;
    rs.metadata.namespace_ = "default";
    rs.metadata.annotations["deployment.kubernetes.io/revision"] = std::to_string(revision);
    rs.metadata.owner_references.push_back({"apps/v1", "Deployment", "web", dep_uid, true, true});
    rs.spec.replicas = replicas;
    rs.status.replicas = replicas;
    rs.spec.template_ = dep().spec.template_;
    rs.spec.template_.spec.containers.mut()[0].image = image;
    rs.spec.template_.labels["pod-template-hash"] = name;
    store::Key k;
    REQUIRE(s.create(rs, &k).ok);
    s.set_now(s.now() + 1000);
    return s.replicasets().get(k)->metadata.uid;
  }
  void add_pod(const std::string& name, const std::string& rs_name, const std::string& rs_uid, bool ready, const char* waiting) {
    api::Pod p;
    p.metadata.name = name;
    p.metadata.namespace_ = "default";
    p.metadata.owner_references.push_back({"apps/v1", "ReplicaSet", rs_name, rs_uid, true, true});
    p.spec.node_name = "minikube";
    p.spec.containers.push_back({});
    api::ContainerStatus cs;
    if (waiting) cs.state.waiting = api::ContainerStateWaiting{waiting, ""};
    else cs.state.running = api::ContainerStateRunning{1000};
    cs.ready = ready;
    p.status.container_statuses.push_back(cs);
    REQUIRE(s.create(p).ok);
  }
};
}  // namespace

TEST_CASE("a rollout whose new pods cannot pull their image is stalled while the old pods serve") {
  World w;
  store::Key dk;
  api::Deployment d = w.dep();
  d.status.replicas = 5;
  d.status.updated_replicas = 2;
  d.status.ready_replicas = 3;
  d.status.available_replicas = 3;
  REQUIRE(w.s.create(d, &dk).ok);
  w.dep_uid = w.s.deployments().get(dk)->metadata.uid;
  std::string old_uid = w.add_rs("web-old", "web:v2", 2, 3);
  std::string new_uid = w.add_rs("web-new", "web:v10", 3, 2);
  for (int i = 0; i < 3; ++i) w.add_pod("web-old-" + std::to_string(i), "web-old", old_uid, true, nullptr);
  w.add_pod("web-new-0", "web-new", new_uid, false, "ImagePullBackOff");
  w.add_pod("web-new-1", "web-new", new_uid, false, "ErrImagePull");

  auto palette = palette_by_replicaset(w.s);
  RolloutView v = rollout_view(w.s, *w.s.deployments().get(dk), palette, w.s.now());
  CHECK(v.phase == RolloutPhase::Stalled);
  CHECK(v.stuck_pods == 2);
  CHECK(v.max_total == 5);
  CHECK(v.min_available == 3);
  CHECK(v.pods_existing == 5);
  CHECK(v.surge_in_use == 1);
  CHECK(v.unavailable_in_use == 1);
  REQUIRE(v.lanes.size() == 2);
  CHECK(v.lanes[0].revision == 3);  // newest first
  CHECK(v.lanes[0].is_new);
  CHECK(v.lanes[0].tag == "v10");
  CHECK(v.lanes[1].by_state[static_cast<size_t>(PodState::Running)] == 3);
  CHECK(rollout_in_progress(v));
  // colours follow creation order of the ReplicaSets
  CHECK(palette.at(old_uid) + 1 == palette.at(new_uid));
  // pods counted beforehand (as the canvas does in its pass) give the same view
  std::vector<StateCounts> counted = count_by_palette(w.s, palette, w.s.now());
  RolloutView c = rollout_view(w.s, *w.s.deployments().get(dk), palette, w.s.now(), &counted);
  CHECK(c.phase == v.phase);
  CHECK(c.stuck_pods == v.stuck_pods);
  CHECK(c.pods_existing == v.pods_existing);
  CHECK(c.lanes[0].by_state == v.lanes[0].by_state);
  CHECK(c.lanes[1].by_state == v.lanes[1].by_state);
}

TEST_CASE("a deployment whose only ReplicaSet is fully available is complete") {
  World w;
  store::Key dk;
  api::Deployment d = w.dep();
  d.spec.template_.spec.containers.mut()[0].image = "web:v2";
  d.status.replicas = d.status.updated_replicas = d.status.ready_replicas = d.status.available_replicas = 4;
  REQUIRE(w.s.create(d, &dk).ok);
  w.dep_uid = w.s.deployments().get(dk)->metadata.uid;
  std::string uid = w.add_rs("web-a", "web:v2", 1, 4);
  {
    api::ReplicaSet rs = *w.s.replicasets().get("default", "web-a");
    REQUIRE(w.s.update_replicaset({"default", "web-a"}, [](api::ReplicaSet& r) { r.status.available_replicas = 4; r.status.ready_replicas = 4; }).ok);
  }
  for (int i = 0; i < 4; ++i) w.add_pod("web-a-" + std::to_string(i), "web-a", uid, true, nullptr);
  RolloutView v = rollout_view(w.s, *w.s.deployments().get(dk), palette_by_replicaset(w.s), w.s.now());
  CHECK(v.phase == RolloutPhase::Complete);
  CHECK_FALSE(rollout_in_progress(v));
  CHECK(v.surge_in_use == 0);
}
