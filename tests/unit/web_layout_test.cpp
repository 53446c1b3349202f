// Unit tests of web/layout.h: node regions, pod slots, the Pending tray, the scene.
#include <catch2/catch.hpp>

#include "layout.h"

using namespace kubesim;
using namespace kubesim::web;

namespace {
void add_node(store::Store& s, const std::string& name) {
  api::Node n;
  n.metadata.name = name;
  n.status.allocatable.cpu_milli = 2000;
  n.status.allocatable.memory_bytes = 4LL << 30;
  n.status.allocatable_pods = 110;
  api::Condition c;
  c.type = "Ready";
  c.status = "True";
  n.status.conditions.push_back(c);
  REQUIRE(s.create(n).ok);
}
store::Key add_pod(store::Store& s, const std::string& name, const std::string& node, const std::string& ns = "default") {
  api::Pod p;
  p.metadata.name = name;
  p.metadata.namespace_ = ns;
  p.spec.node_name = node;
  p.spec.containers.push_back({});
  p.spec.containers.mut()[0].requests.cpu_milli = 250;
  store::Key k;
  REQUIRE(s.create(p, &k).ok);
  return k;
}
LayoutOptions opts(int64_t now) {
  LayoutOptions o;
  o.area = {0, 0, 1000, 600};
  o.now_ms = now;
  return o;
}
}  // namespace

TEST_CASE("fit_grid finds the largest square cell for the count") {
  GridDims g = fit_grid(4, 100, 100, 1000);
  CHECK(g.cols == 2);
  CHECK(g.rows == 2);
  CHECK(g.cell == Approx(50));
  g = fit_grid(3, 300, 100, 1000);
  CHECK(g.cols == 3);
  CHECK(g.cell == Approx(100));
}

TEST_CASE("fit_grid caps the cell and then fills whole rows of the area") {
  GridDims g = fit_grid(5, 400, 400, 60);
  CHECK(g.cell == Approx(60));
  CHECK(g.cols == 6);  // floor(400 / 60)
  CHECK(g.rows == 1);
  Vec2 c = grid_cell_center({10, 20, 400, 400}, g, 7);
  CHECK(c.x == Approx(10 + 1.5f * 60));
  CHECK(c.y == Approx(20 + 1.5f * 60));
}

TEST_CASE("node boxes tile inside the area for any node count") {
  for (int n : {1, 2, 3, 7, 50, 400, 5000}) {
    Rect area{0, 0, 1200, 700};
    Tiling t = tile_boxes(n, area, 4);
    CHECK(t.cols * t.rows >= n);
    CHECK(t.cols * t.w <= area.w + 0.01f);
    CHECK(t.rows * t.h <= area.h + 0.01f);
    CHECK(t.w > 0);
    CHECK(t.h > 0);
  }
}

TEST_CASE("pods on a node are laid out in creation order so a new pod takes the next slot") {
  store::Store s(1, 1000);
  add_node(s, "minikube");
  add_pod(s, "zeta", "minikube");
  s.set_now(2000);
  add_pod(s, "alpha", "minikube");
  s.set_now(3000);
  add_pod(s, "mid", "minikube");
  ClusterLayout l = layout_cluster(s, opts(3000));
  REQUIRE(l.pods.size() == 3);
  CHECK(l.pods[0].pod->metadata.name == "zeta");
  CHECK(l.pods[1].pod->metadata.name == "alpha");
  CHECK(l.pods[2].pod->metadata.name == "mid");
  CHECK(l.pods[0].pos.x < l.pods[1].pos.x);
  CHECK(l.pods[1].pos.x < l.pods[2].pos.x);
  for (auto& sp : l.pods) CHECK(l.nodes[0].pod_area.contains(sp.pos));
  CHECK(l.nodes[0].pods == 3);
  CHECK(l.nodes[0].cpu_requested_milli == 750);
  CHECK(l.nodes[0].cpu_fraction == Approx(0.375));
}

TEST_CASE("unscheduled pods wait in the Pending tray above the nodes") {
  store::Store s(1, 1000);
  add_node(s, "minikube");
  add_pod(s, "waiting", "");
  add_pod(s, "placed", "minikube");
  ClusterLayout l = layout_cluster(s, opts(1000));
  REQUIRE(l.pending == 1);
  CHECK_FALSE(l.tray.empty());
  CHECK(l.pods[0].node == -1);
  CHECK(l.tray.contains(l.pods[0].pos));
  CHECK(l.nodes[0].rect.y >= l.tray.bottom());
}

TEST_CASE("kube-system pods count toward capacity but are hidden unless asked for") {
  store::Store s(1, 1000);
  add_node(s, "minikube");
  add_pod(s, "coredns", "minikube", "kube-system");
  add_pod(s, "app", "minikube");
  ClusterLayout l = layout_cluster(s, opts(1000));
  CHECK(l.pods.size() == 1);
  CHECK(l.nodes[0].pods == 2);
  LayoutOptions o = opts(1000);
  o.include_system = true;
  CHECK(layout_cluster(s, o).pods.size() == 2);
}

TEST_CASE("a deleted pod keeps its slot while it fades, then the slot is free") {
  store::Store s(1, 1000);
  add_node(s, "minikube");
  store::Key gone = add_pod(s, "first", "minikube");
  s.set_now(2000);
  add_pod(s, "second", "minikube");
  s.set_now(5000);
  REQUIRE(s.remove(store::Kind::Pod, gone).ok);
  ClusterLayout fading = layout_cluster(s, opts(5100));
  REQUIRE(fading.pods.size() == 2);
  CHECK(fading.pods[0].tombstone);
  CHECK(fading.pods[1].pod->metadata.name == "second");
  ClusterLayout later = layout_cluster(s, opts(5000 + LookTiming{}.tombstone_fade_ms));
  REQUIRE(later.pods.size() == 1);
  CHECK(later.pods[0].pos.x == Approx(fading.pods[0].pos.x));  // "second" moved into the free slot
}

TEST_CASE("hit tests find the pod and the node under a point") {
  store::Store s(1, 1000);
  add_node(s, "minikube");
  add_pod(s, "app", "minikube");
  ClusterLayout l = layout_cluster(s, opts(1000));
  const PodSpot* hit = pod_at(l, l.pods[0].pos);
  REQUIRE(hit);
  CHECK(hit->pod->metadata.name == "app");
  CHECK(pod_at(l, {-50, -50}) == nullptr);
  CHECK(node_at(l, l.pods[0].pos) == 0);
}

TEST_CASE("the scene puts clients, Services and the cluster side by side, or stacks them on a phone") {
  store::Store s(1, 1000);
  api::Service svc;
  svc.metadata.name = "web";
  svc.metadata.namespace_ = "default";
  svc.spec.selector = {{"app", "web"}};
  REQUIRE(s.create(svc).ok);
  api::Service api_server;  // like `kubernetes`: no selector, left out on phones
  api_server.metadata.name = "kubernetes";
  api_server.metadata.namespace_ = "default";
  REQUIRE(s.create(api_server).ok);
  SceneOptions o;
  o.canvas = {0, 0, 1200, 600};
  SceneLayout wide = layout_scene(s, o);
  CHECK_FALSE(wide.stacked);
  REQUIRE(wide.services.size() == 2);
  CHECK(wide.host_client.x < wide.services[0].rect.x);
  CHECK(wide.services[0].rect.right() < wide.cluster_area.x);
  o.canvas = {0, 0, 380, 500};
  SceneLayout narrow = layout_scene(s, o);
  CHECK(narrow.stacked);
  REQUIRE(narrow.services.size() == 1);
  CHECK(narrow.services[0].service->metadata.name == "web");
  CHECK(narrow.cluster_area.y > narrow.services[0].rect.bottom());
}

TEST_CASE("the slot glide approaches its target and snaps when close") {
  Vec2 p = approach({0, 0}, {100, 0}, 0.1f, 0.1f);
  CHECK(p.x == Approx(50));
  Vec2 q = approach({99.9f, 0}, {100, 0}, 0.1f, 0.1f);
  CHECK(q.x == 100);
}
