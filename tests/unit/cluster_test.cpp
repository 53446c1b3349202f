// The cluster loop (timers, settle) and the fresh-minikube bootstrap.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "bootstrap.h"
#include "cluster.h"
#include "controllers/replicaset.h"

using namespace kubesim;

namespace {
const api::Condition* cond(const std::vector<api::Condition>& cs, const std::string& type) {
  for (auto& c : cs) if (c.type == type) return &c;
  return nullptr;
}
}  // namespace

TEST_CASE("a fresh cluster looks like minikube start a minute ago") {
  Cluster c;
  c.bootstrap();
  CHECK(c.now() == kEpochMs + bootstrap::kSessionStartOffsetMs);

  // Node
  REQUIRE(c.store.nodes().size() == 1);
  const api::Node* n = c.store.nodes().get("", "minikube");
  REQUIRE(n);
  CHECK(c.now() - n->metadata.creation_ms <= 60000);
  CHECK(c.now() - n->metadata.creation_ms >= 55000);
  CHECK(n->metadata.labels.at("node-role.kubernetes.io/control-plane").empty());
  CHECK(n->metadata.labels.at("minikube.k8s.io/primary") == "true");
  CHECK(n->metadata.labels.at("minikube.k8s.io/version") == "v1.37.0");
  CHECK(n->metadata.labels.at("kubernetes.io/hostname") == "minikube");
  CHECK(n->spec.pod_cidr == "10.244.0.0/24");
  CHECK(n->status.addresses.at(0).address == "192.168.49.2");
  CHECK(n->status.node_info.kubelet_version == "v1.34.0");
  CHECK(n->status.allocatable_pods == 110);
  const api::Condition* ready = cond(n->status.conditions, "Ready");
  REQUIRE(ready);
  CHECK(ready->status == "True");
  CHECK(ready->reason == "KubeletReady");
  CHECK(ready->message == "kubelet is posting ready status");
  CHECK(cond(n->status.conditions, "MemoryPressure")->reason == "KubeletHasSufficientMemory");

  // Namespaces, the kubernetes Service and its Endpoints
  std::set<std::string> ns;
  for (auto& [k, v] : c.store.namespaces()) ns.insert(k.name);
  CHECK(ns == std::set<std::string>{"default", "kube-node-lease", "kube-public", "kube-system"});
  const api::Service* svc = c.store.services().get("default", "kubernetes");
  REQUIRE(svc);
  CHECK(svc->spec.cluster_ip == "10.96.0.1");
  CHECK(svc->spec.ports.at(0).port == 443);
  CHECK(svc->spec.ports.at(0).target_port.int_value == 8443);
  CHECK(svc->metadata.labels.at("component") == "apiserver");
  const api::Endpoints* ep = c.store.endpoints().get("default", "kubernetes");
  REQUIRE(ep);
  CHECK(ep->subsets.at(0).addresses.at(0).ip == "192.168.49.2");
  CHECK(ep->subsets.at(0).ports.at(0).port == 8443);
  CHECK(c.store.services().get("kube-system", "kube-dns")->spec.cluster_ip == "10.96.0.10");

  // kube-system pods: all Running and Ready
  std::set<std::string> names;
  std::string coredns_pod, proxy_pod;
  for (auto& [k, p] : c.store.pods().in_namespace("kube-system")) {
    names.insert(k.name);
    INFO(k.name);
    CHECK(p.status.phase == "Running");
    CHECK(controllers::is_pod_ready(p));
    CHECK(p.spec.node_name == "minikube");
    CHECK_FALSE(p.metadata.deletion_ms.has_value());
    if (k.name.rfind("coredns-66bc5c9577-", 0) == 0) coredns_pod = k.name;
    if (k.name.rfind("kube-proxy-", 0) == 0) proxy_pod = k.name;
  }
  CHECK(names.size() == 7);
  for (const char* s : {"etcd-minikube", "kube-apiserver-minikube", "kube-controller-manager-minikube",
                        "kube-scheduler-minikube", "storage-provisioner"})
    CHECK(names.count(s) == 1);
  REQUIRE(coredns_pod.size() == std::string("coredns-66bc5c9577-").size() + 5);
  REQUIRE(proxy_pod.size() == std::string("kube-proxy-").size() + 5);
  const api::Pod* dns = c.store.pods().get("kube-system", coredns_pod);
  CHECK(dns->status.pod_ip == "10.244.0.2");
  CHECK(dns->status.qos_class == "Burstable");
  const api::Pod* sp = c.store.pods().get("kube-system", "storage-provisioner");
  CHECK(sp->status.container_statuses.at(0).restart_count == 1);
  CHECK(sp->status.container_statuses.at(0).last_state.terminated.has_value());
  CHECK(c.store.pods().get("kube-system", "etcd-minikube")->status.pod_ip == "192.168.49.2");
  CHECK(c.store.pods().get("kube-system", "etcd-minikube")->metadata.controller_ref()->kind == "Node");

  // The coredns Deployment and ReplicaSet are settled; the controllers had nothing to change.
  const api::Deployment* d = c.store.deployments().get("kube-system", "coredns");
  REQUIRE(d);
  CHECK(d->spec.replicas == 1);
  CHECK(d->status.available_replicas == 1);
  CHECK(d->status.observed_generation == d->metadata.generation);
  REQUIRE(d->status.conditions.size() == 2);
  CHECK(d->status.conditions[0].type == "Available");
  CHECK(d->status.conditions[1].reason == "NewReplicaSetAvailable");
  CHECK(c.store.replicasets().size() == 1);
  const api::ReplicaSet* rs = c.store.replicasets().get("kube-system", "coredns-66bc5c9577");
  REQUIRE(rs);
  CHECK(rs->status.ready_replicas == 1);

  // The first user pod gets the next pod IP.
  api::Pod p;
  p.metadata.name = "first";
  p.metadata.namespace_ = "default";
  api::Container ct;
  ct.name = "app";
  ct.image = "gcr.io/google-samples/kubernetes-bootcamp:v1";
  p.spec.containers = {ct};
  REQUIRE(c.store.create(p).ok);
  c.advance(30000);
  CHECK(c.store.pods().get("default", "first")->status.pod_ip == "10.244.0.3");
}

TEST_CASE("the bootstrap is deterministic for a seed") {
  auto names = [](uint64_t seed) {
    ClusterOptions o;
    o.seed = seed;
    Cluster c(o);
    c.bootstrap();
    std::string all;
    for (auto& [k, p] : c.store.pods()) all += k.str() + " " + p.metadata.uid + "\n";
    return all;
  };
  CHECK(names(7) == names(7));
  CHECK(names(7) != names(8));
  CHECK(names(0) == names(1));  // seed 0 means the default seed 1
}

TEST_CASE("a multi-node cluster names its nodes minikube-m02 and up, each with a kube-proxy") {
  ClusterOptions o;
  o.nodes = 3;
  Cluster c(o);
  c.bootstrap();
  REQUIRE(c.store.nodes().size() == 3);
  const api::Node* m03 = c.store.nodes().get("", "minikube-m03");
  REQUIRE(m03);
  CHECK(m03->status.addresses.at(0).address == "192.168.49.4");
  CHECK(m03->spec.pod_cidr == "10.244.2.0/24");
  CHECK(m03->metadata.labels.at("minikube.k8s.io/primary") == "false");
  CHECK(m03->metadata.labels.count("node-role.kubernetes.io/control-plane") == 0);
  int proxies = 0;
  for (auto& [k, p] : c.store.pods().in_namespace("kube-system"))
    if (k.name.rfind("kube-proxy-", 0) == 0) ++proxies;
  CHECK(proxies == 3);
  CHECK(bootstrap::node_name(9) == "minikube-m10");
  CHECK(bootstrap::node_ip(300) == "192.168.50.46");
  CHECK(bootstrap::node_pod_cidr(256) == "10.245.0.0/24");
}

TEST_CASE("run_until fires timers in time order and leaves the clock at the target") {
  Cluster c;
  const int64_t t0 = c.now();
  // A ReplicaSetResync timer for a ReplicaSet that does not exist is harmless.
  c.schedule(sim::TimerKind::ReplicaSetResync, {"default", "nothing"}, "uid", 5000);
  c.schedule(sim::TimerKind::DeploymentResync, {"default", "nothing"}, "uid", 1000);
  CHECK(c.next_timer_at() == t0 + 1000);
  c.run_until(t0 + 2000);
  CHECK(c.now() == t0 + 2000);
  CHECK(c.next_timer_at() == t0 + 5000);
  c.advance(10000);
  CHECK(c.now() == t0 + 12000);
  CHECK(c.next_timer_at() == -1);
}

TEST_CASE("a copied cluster evolves exactly like the original") {
  Cluster a;
  a.bootstrap();
  api::ReplicaSet rs;
  rs.metadata.name = "web";
  rs.metadata.namespace_ = "default";
  rs.spec.replicas = 3;
  rs.spec.selector.match_labels = {{"app", "web"}};
  rs.spec.template_.labels = {{"app", "web"}};
  api::Container ct;
  ct.name = "web";
  ct.image = "gcr.io/google-samples/kubernetes-bootcamp:v1";
  rs.spec.template_.spec.containers = {ct};
  REQUIRE(a.store.create(rs).ok);
  a.settle();
  Cluster b = a;
  a.advance(20000);
  b.advance(20000);
  std::string sa, sb;
  for (auto& [k, p] : a.store.pods()) sa += k.str() + p.status.phase + p.status.pod_ip + "\n";
  for (auto& [k, p] : b.store.pods()) sb += k.str() + p.status.phase + p.status.pod_ip + "\n";
  CHECK(sa == sb);
  CHECK(a.store.replicasets().get("default", "web")->status.ready_replicas == 3);
}
