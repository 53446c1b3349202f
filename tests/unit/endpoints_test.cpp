// Endpoints controller: membership, readiness, ordering, truncation, deletion.
#include <catch2/catch.hpp>

#include <string>

#include "cluster.h"

using namespace kubesim;

namespace {

struct World {
  Cluster c;
  World() : c(ClusterOptions{13, 1, "v1.34.0"}) { c.bootstrap(); }

  // A pod placed directly on the node, with its status written as a kubelet would.
  store::Key pod(const std::string& name, const std::string& ip, bool ready, const std::string& app = "web") {
    api::Pod p;
    p.metadata.name = name;
    p.metadata.namespace_ = "default";
    p.metadata.labels = {{"app", app}};
    api::Container ctr;
    ctr.name = "c";
    ctr.image = "registry.k8s.io/pause:3.10.1";
    api::ContainerPort cp;
    cp.name = "http";
    cp.container_port = 8080;
    ctr.ports.push_back(cp);
    p.spec.containers.push_back(ctr);
    p.spec.node_name = "minikube";
    p.status.phase = ready ? "Running" : "Pending";
    p.status.pod_ip = ip;
    api::Condition cond;
    cond.type = "Ready";
    cond.status = ready ? "True" : "False";
    p.status.conditions.push_back(cond);
    store::Key k;
    REQUIRE(c.store.create(p, &k).ok);
    c.settle();
    return k;
  }
  void service(const std::string& name, api::IntOrString target) {
    api::Service s;
    s.metadata.name = name;
    s.metadata.namespace_ = "default";
    s.metadata.labels = {{"app", "web"}};
    s.spec.selector = {{"app", "web"}};
    s.spec.cluster_ip = "10.100.0.10";
    api::ServicePort p;
    p.port = 80;
    p.target_port = target;
    s.spec.ports.push_back(p);
    REQUIRE(c.store.create(s).ok);
    c.settle();
  }
  const api::Endpoints* eps(const std::string& name = "web") const { return c.store.endpoints().get("default", name); }
};

}  // namespace

TEST_CASE("endpoints list ready pods in addresses and not-ready ones in notReadyAddresses") {
  World w;
  w.service("web", api::IntOrString::Int(8080));
  REQUIRE(w.eps());
  CHECK(w.eps()->subsets.empty());
  w.pod("a", "10.244.0.10", true);
  w.pod("b", "10.244.0.3", true);
  w.pod("c", "10.244.0.4", false);
  w.pod("other", "10.244.0.5", true, "db");
  w.pod("noip", "", false);
  const api::Endpoints* e = w.eps();
  REQUIRE(e->subsets.size() == 1);
  const auto& s = e->subsets[0];
  REQUIRE(s.addresses.size() == 2);
  // Sorted by IP text (bytes.Compare), so .10 comes before .3.
  CHECK(s.addresses[0].ip == "10.244.0.10");
  CHECK(s.addresses[1].ip == "10.244.0.3");
  CHECK(s.addresses[0].node_name == "minikube");
  CHECK(s.addresses[0].target_ref.kind == "Pod");
  CHECK(s.addresses[0].target_ref.name == "a");
  REQUIRE(s.not_ready_addresses.size() == 1);
  CHECK(s.not_ready_addresses[0].ip == "10.244.0.4");
  REQUIRE(s.ports.size() == 1);
  CHECK(s.ports[0].port == 8080);
  CHECK(s.ports[0].protocol == "TCP");
  CHECK(e->metadata.labels.at("app") == "web");
  CHECK(e->metadata.annotations.count("endpoints.kubernetes.io/last-change-trigger-time") == 1);
}

TEST_CASE("a named targetPort resolves through the pod's container ports") {
  World w;
  w.service("web", api::IntOrString::Str("http"));
  w.pod("a", "10.244.0.7", true);
  REQUIRE(w.eps()->subsets.size() == 1);
  CHECK(w.eps()->subsets[0].ports[0].port == 8080);
}

TEST_CASE("terminating pods leave the endpoints at once and a pod update that changes nothing writes nothing") {
  World w;
  w.service("web", api::IntOrString::Int(8080));
  auto a = w.pod("a", "10.244.0.10", true);
  w.pod("b", "10.244.0.11", true);
  const uint64_t rv = w.eps()->metadata.resource_version;
  w.c.store.update_pod(a, [](api::Pod& p) { p.metadata.annotations["x"] = "y"; });
  w.c.settle();
  CHECK(w.eps()->metadata.resource_version == rv);
  w.c.store.update_pod(a, [&](api::Pod& p) {
    p.metadata.deletion_ms = w.c.now();
    p.metadata.deletion_grace_period_seconds = 30;
  });
  w.c.settle();
  REQUIRE(w.eps()->subsets.size() == 1);
  CHECK(w.eps()->subsets[0].addresses.size() == 1);
  CHECK(w.eps()->subsets[0].addresses[0].target_ref.name == "b");
  CHECK(w.eps()->subsets[0].not_ready_addresses.empty());
  // kube-proxy keeps the terminating-but-serving pod as a fallback only.
  CHECK(w.c.endpoints_controller.ready_backends(store::Key{"default", "web"}).size() == 1);
  CHECK(w.c.endpoints_controller.terminating_serving_backends(store::Key{"default", "web"}).size() == 1);
}

TEST_CASE("endpoints are deleted with the service and services without a selector are left alone") {
  World w;
  w.service("web", api::IntOrString::Int(8080));
  REQUIRE(w.eps());
  w.c.store.remove(store::Kind::Service, store::Key{"default", "web"});
  w.c.settle();
  CHECK(w.eps() == nullptr);
  // The bootstrap's `kubernetes` Service has no selector: this controller never writes its Endpoints.
  CHECK(w.c.endpoints_controller.ready_backends(store::Key{"default", "kubernetes"}).empty());
}

TEST_CASE("more than 1000 endpoints are truncated and annotated") {
  World w;
  w.service("web", api::IntOrString::Int(8080));
  for (int i = 0; i < 1100; ++i)
    w.pod("p" + std::to_string(i), "10.245." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1), i % 10 != 0);
  const api::Endpoints* e = w.eps();
  REQUIRE(e->subsets.size() == 1);
  CHECK(e->subsets[0].addresses.size() == 990);
  CHECK(e->subsets[0].not_ready_addresses.size() == 10);
  CHECK(e->metadata.annotations.at("endpoints.kubernetes.io/over-capacity") == "truncated");
  CHECK(w.c.endpoints_controller.ready_backends(store::Key{"default", "web"}).size() == 990);
}
