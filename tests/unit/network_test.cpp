// Network: ClusterIP/NodePort allocation, pod IPs, kube-proxy and the request model.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "cluster.h"

using namespace kubesim;

namespace {

struct World {
  Cluster c;
  explicit World(int nodes = 1, uint64_t seed = 5) : c(ClusterOptions{seed, nodes, "v1.34.0"}) { c.bootstrap(); }

  void replicaset(const std::string& name, int replicas, const std::string& image) {
    api::ReplicaSet rs;
    rs.metadata.name = name;
    rs.metadata.namespace_ = "default";
    rs.spec.replicas = replicas;
    rs.spec.selector.match_labels = {{"app", name}};
    rs.spec.template_.labels = {{"app", name}};
    api::Container ctr;
    ctr.name = name;
    ctr.image = image;
    rs.spec.template_.spec.containers.push_back(ctr);
    REQUIRE(c.store.create(rs).ok);
    c.settle();
  }
  void scale(const std::string& name, int replicas) {
    REQUIRE(c.store.update_replicaset(store::Key{"default", name}, [&](api::ReplicaSet& rs) { rs.spec.replicas = replicas; }).ok);
    c.settle();
  }
  // A NodePort Service like `kubectl expose … --type=NodePort --port PORT`.
  api::Service service(const std::string& name, int32_t port, const std::string& type = "NodePort") {
    api::Service s;
    s.metadata.name = name;
    s.metadata.namespace_ = "default";
    s.metadata.labels = {{"app", name}};
    s.spec.type = type;
    s.spec.selector = {{"app", name}};
    s.spec.cluster_ip = c.network.allocate_cluster_ip(c);
    s.spec.cluster_ips = {s.spec.cluster_ip};
    api::ServicePort p;
    p.port = port;
    p.target_port = api::IntOrString::Int(port);
    if (type == "NodePort") p.node_port = c.network.allocate_node_port(c);
    s.spec.ports.push_back(p);
    REQUIRE(c.store.create(s).ok);
    c.settle();
    return *c.store.services().get("default", name);
  }
  std::vector<const api::Pod*> pods(const std::string& prefix) const {
    std::vector<const api::Pod*> v;
    for (auto& [k, p] : c.store.pods()) if (k.namespace_ == "default" && k.name.rfind(prefix, 0) == 0) v.push_back(&p);
    return v;
  }
};

}  // namespace

TEST_CASE("NodePorts are allocated in the upper band of 30000-32767") {
  World w;
  std::set<int32_t> seen;
  for (int i = 0; i < 200; ++i) {
    int32_t p = w.c.network.allocate_node_port(w.c);
    CHECK(p >= 30086);
    CHECK(p <= 32767);
    seen.insert(p);
  }
  CHECK(seen.size() > 150);  // random starts, not a counter
}

TEST_CASE("ClusterIPs are dynamic addresses in 10.96.0.0/12 above the static band") {
  World w;
  for (int i = 0; i < 100; ++i) {
    std::string ip = w.c.network.allocate_cluster_ip(w.c);
    uint32_t v;
    REQUIRE(network::parse_ipv4(ip, v));
    CHECK((v >> 20) == ((10u << 4) | 6u));        // inside 10.96.0.0/12
    CHECK(v > ((10u << 24) | (96u << 16) | (1u << 8)));  // above 10.96.1.0 (the 256 static addresses)
    CHECK(v < ((10u << 24) | (111u << 16) | (255u << 8) | 255u));
  }
  // The bootstrap's static ones are taken: the kubernetes Service has 10.96.0.1.
  CHECK(w.c.network.cluster_ip_in_use(w.c, "10.96.0.1"));
}

TEST_CASE("pod IPs on a node increase from the first free address") {
  World w;
  std::vector<std::string> ips;
  for (int i = 0; i < 3; ++i) ips.push_back(w.c.network.allocate_pod_ip(w.c, "minikube"));
  // coredns already holds 10.244.0.2 (bootstrap), so new pods continue after it.
  CHECK(ips[0] == "10.244.0.3");
  CHECK(ips[1] == "10.244.0.4");
  CHECK(ips[2] == "10.244.0.5");
  w.c.network.release_pod_ip("minikube", "10.244.0.4");
  CHECK(w.c.network.allocate_pod_ip(w.c, "minikube") == "10.244.0.6");  // host-local: no reuse before wrap
  CHECK(w.c.network.allocate_pod_ip(w.c, "nope").empty());
}

TEST_CASE("kube-proxy spreads requests over all ready pods") {
  World w;
  w.replicaset("web", 4, "gcr.io/google-samples/kubernetes-bootcamp:v1");
  auto svc = w.service("web", 8080);
  w.c.advance(30000);
  auto pods = w.pods("web-");
  REQUIRE(pods.size() == 4);
  std::map<std::string, int> hits;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    auto r = w.c.network.http_get(w.c, "192.168.49.2", svc.spec.ports[0].node_port, "/");
    REQUIRE(r.connected);
    REQUIRE(r.status == 200);
    auto at = r.body.find("Running on: ");
    auto end = r.body.find(" | v=1\n");
    REQUIRE(at != std::string::npos);
    REQUIRE(end != std::string::npos);
    ++hits[r.body.substr(at + 12, end - at - 12)];
  }
  REQUIRE(hits.size() == 4);
  for (auto& [pod, k] : hits) {
    CHECK(k > n / 4 - 150);  // uniform: about 1000 each
    CHECK(k < n / 4 + 150);
  }
  CHECK(w.c.network.requests_total() == static_cast<uint64_t>(n));
  CHECK(w.c.network.requests().back().service == "default/web");
  // The same from inside a pod, by ClusterIP and by DNS name.
  std::string from = "default/" + pods[0]->metadata.name;
  CHECK(w.c.network.http_get(w.c, svc.spec.cluster_ip, 8080, "/", from).status == 200);
  CHECK(w.c.network.http_get(w.c, "web", 8080, "/", from).status == 200);
  CHECK(w.c.network.http_get(w.c, "web.default.svc.cluster.local", 8080, "/", from).status == 200);
  // ClusterIPs and pod IPs are not reachable from the learner's machine (docker driver): timeout.
  network::HttpOptions o;
  o.max_time_ms = 5000;
  auto t = w.c.network.request(w.c, svc.spec.cluster_ip, 8080, "/", "", false, o);
  CHECK(t.curl_exit == 28);
  CHECK(t.error.rfind("curl: (28) Connection timed out after 500", 0) == 0);
}

TEST_CASE("a Service without ready endpoints refuses connections") {
  World w;
  w.replicaset("web", 1, "gcr.io/google-samples/kubernetes-bootcamp:v10");
  auto svc = w.service("web", 8080);
  w.c.advance(20000);
  auto r = w.c.network.http_get(w.c, "192.168.49.2", svc.spec.ports[0].node_port, "/");
  CHECK(!r.connected);
  CHECK(r.curl_exit == 7);
  CHECK(r.error == "curl: (7) Failed to connect to 192.168.49.2 port " + std::to_string(svc.spec.ports[0].node_port) +
                       " after 0 ms: Couldn't connect to server");
}

TEST_CASE("terminating pods still answer while nothing else is ready") {
  World w;
  w.replicaset("web", 2, "gcr.io/google-samples/kubernetes-bootcamp:v1");
  auto svc = w.service("web", 8080);
  w.c.advance(30000);
  w.scale("web", 0);  // the ReplicaSet controller deletes both (30 s grace, bootcamp ignores SIGTERM)
  w.c.advance(2000);
  REQUIRE(w.pods("web-").size() == 2);
  auto r = w.c.network.http_get(w.c, "192.168.49.2", svc.spec.ports[0].node_port, "/");
  CHECK(r.status == 200);
  w.c.advance(40000);
  CHECK(w.pods("web-").empty());
  CHECK(w.c.network.http_get(w.c, "192.168.49.2", svc.spec.ports[0].node_port, "/").curl_exit == 7);
}

TEST_CASE("the kubectl proxy serves /version and forwards to pods and services") {
  World w;
  w.replicaset("web", 1, "gcr.io/google-samples/kubernetes-bootcamp:v1");
  w.service("web", 8080);
  w.c.advance(30000);
  auto pods = w.pods("web-");
  REQUIRE(pods.size() == 1);
  const std::string name = pods[0]->metadata.name;
  auto v = w.c.network.http_get(w.c, "localhost", 8001, "/version", "", true);
  CHECK(v.status == 200);
  CHECK(v.body.find("\"gitVersion\": \"v1.34.0\"") != std::string::npos);
  CHECK(v.body.find("\"buildDate\": \"2025-08-27T10:09:04Z\"") != std::string::npos);
  auto p = w.c.network.http_get(w.c, "localhost", 8001, "/api/v1/namespaces/default/pods/" + name + ":8080/proxy/", "", true);
  CHECK(p.body == "Hello Kubernetes bootcamp! | Running on: " + name + " | v=1\n");
  auto s = w.c.network.http_get(w.c, "localhost", 8001, "/api/v1/namespaces/default/services/web/proxy/", "", true);
  CHECK(s.body == "Hello Kubernetes bootcamp! | Running on: " + name + " | v=1\n");
  // No port: the API server dials port 80, where nobody listens.
  auto no_port = w.c.network.http_get(w.c, "localhost", 8001, "/api/v1/namespaces/default/pods/" + name + "/proxy/", "", true);
  CHECK(no_port.status == 503);
  CHECK(no_port.body.find("\"message\": \"error trying to reach service: dial tcp " + pods[0]->status.pod_ip +
                          ":80: connect: connection refused\"") != std::string::npos);
  auto missing = w.c.network.http_get(w.c, "localhost", 8001, "/api/v1/namespaces/default/pods/nope:8080/proxy/", "", true);
  CHECK(missing.status == 404);
  CHECK(missing.body ==
        "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": \"Failure\",\n  \"message\": "
        "\"pods \\\"nope\\\" not found\",\n  \"reason\": \"NotFound\",\n  \"details\": {\n    \"name\": \"nope\",\n    \"kind\": "
        "\"pods\"\n  },\n  \"code\": 404\n}\n");
  auto redirect = w.c.network.http_get(w.c, "localhost", 8001, "/api/v1/namespaces/default/pods/" + name + ":8080/proxy", "", true);
  CHECK(redirect.status == 301);
  CHECK(redirect.body.empty());
  // Without the proxy running nothing listens on 8001.
  CHECK(w.c.network.http_get(w.c, "localhost", 8001, "/version").curl_exit == 7);
}

TEST_CASE("inside the bootcamp container localhost:8080 is the app and its curl is 7.38") {
  World w;
  w.replicaset("web", 1, "gcr.io/google-samples/kubernetes-bootcamp:v1");
  w.c.advance(30000);
  auto pods = w.pods("web-");
  REQUIRE(pods.size() == 1);
  const std::string from = "default/" + pods[0]->metadata.name;
  auto r = w.c.network.http_get(w.c, "localhost", 8080, "/", from);
  CHECK(r.body == "Hello Kubernetes bootcamp! | Running on: " + pods[0]->metadata.name + " | v=1\n");
  auto refused = w.c.network.http_get(w.c, "localhost", 9999, "/", from);
  CHECK(refused.error == "curl: (7) Failed to connect to localhost port 9999: Connection refused");
  CHECK(w.c.network.http_get(w.c, "nope", 80, "/", from).error == "curl: (6) Could not resolve host: nope");
  REQUIRE(w.c.network.request_logs(pods[0]->metadata.uid));
  CHECK(w.c.network.request_logs(pods[0]->metadata.uid)->back().rfind("Running On: " + pods[0]->metadata.name +
                                                                         " | Total Requests: 1 | App Uptime: ", 0) == 0);
}
