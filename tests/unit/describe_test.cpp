// kubectl describe layouts, byte for byte against the spec's samples (objects built by hand
// through the Store API).
#include <catch2/catch.hpp>

#include "api/json.h"
#include "cluster.h"
#include "io.h"
#include "kubectl/describe.h"
#include "kubectl/kubectl.h"
#include "store/store.h"

using namespace kubesim;
using namespace kubesim::kubectl;

namespace {

constexpr int64_t kSec = 1000;
constexpr int64_t kMin = 60 * kSec;
// Mon, 12 Jan 2026 10:04:11 +0000
constexpr int64_t kCreated = kEpochMs + 4 * kMin + 11 * kSec;

api::Container bootcamp_container(const std::string& image = "gcr.io/google-samples/kubernetes-bootcamp:v1") {
  api::Container c;
  c.name = "kubernetes-bootcamp";
  c.image = image;
  return c;
}

api::PodTemplateSpec bootcamp_template() {
  api::PodTemplateSpec t;
  t.labels = {{"app", "kubernetes-bootcamp"}};
  t.spec.containers = {bootcamp_container()};
  return t;
}

api::Condition cond(const std::string& type, const std::string& status, const std::string& reason = "") {
  api::Condition c;
  c.type = type;
  c.status = status;
  c.reason = reason;
  return c;
}

api::ObjectReference ref_of(const std::string& kind, const api::ObjectMeta& m) {
  api::ObjectReference r;
  r.kind = kind;
  r.namespace_ = m.namespace_;
  r.name = m.name;
  r.uid = m.uid;
  return r;
}

// The deployment of the spec's §5.3 sample, with its ReplicaSet and two events.
struct DeploymentWorld {
  store::Store s{7, kCreated};
  const api::Deployment* d = nullptr;

  DeploymentWorld() {
    api::Deployment dep;
    dep.metadata.name = "kubernetes-bootcamp";
    dep.metadata.namespace_ = "default";
    dep.metadata.labels = {{"app", "kubernetes-bootcamp"}};
    dep.metadata.annotations = {{"deployment.kubernetes.io/revision", "1"}};
    dep.spec.replicas = 4;
    dep.spec.selector.match_labels = {{"app", "kubernetes-bootcamp"}};
    dep.spec.template_ = bootcamp_template();
    dep.status.replicas = 4;
    dep.status.updated_replicas = 4;
    dep.status.ready_replicas = 4;
    dep.status.available_replicas = 4;
    dep.status.conditions = {cond("Progressing", "True", "NewReplicaSetAvailable"),
                             cond("Available", "True", "MinimumReplicasAvailable")};
    REQUIRE(s.create(dep).ok);
    d = s.deployments().get("default", "kubernetes-bootcamp");
    REQUIRE(d);

    api::ReplicaSet rs;
    rs.metadata.name = "kubernetes-bootcamp-5485cc6795";
    rs.metadata.namespace_ = "default";
    rs.metadata.labels = {{"app", "kubernetes-bootcamp"}, {"pod-template-hash", "5485cc6795"}};
    rs.metadata.owner_references = {{"apps/v1", "Deployment", d->metadata.name, d->metadata.uid, true, true}};
    rs.spec.replicas = 4;
    rs.spec.selector.match_labels = rs.metadata.labels;
    rs.spec.template_ = bootcamp_template();
    rs.spec.template_.labels["pod-template-hash"] = "5485cc6795";
    rs.status.replicas = 4;
    rs.status.ready_replicas = 4;
    rs.status.available_replicas = 4;
    REQUIRE(s.create(rs).ok);

    s.record_event(ref_of("Deployment", d->metadata), "Normal", "ScalingReplicaSet",
                   "Scaled up replica set kubernetes-bootcamp-5485cc6795 from 0 to 1", "deployment-controller");
    s.set_now(kCreated + 12 * kMin - 52 * kSec);
    s.record_event(ref_of("Deployment", d->metadata), "Normal", "ScalingReplicaSet",
                   "Scaled up replica set kubernetes-bootcamp-5485cc6795 from 1 to 4", "deployment-controller");
    s.set_now(kCreated + 12 * kMin);
  }
};

}  // namespace

TEST_CASE("describe deployment matches the spec sample byte for byte") {
  DeploymentWorld w;
  const std::string want =
      "Name:                   kubernetes-bootcamp\n"
      "Namespace:              default\n"
      "CreationTimestamp:      Mon, 12 Jan 2026 10:04:11 +0000\n"
      "Labels:                 app=kubernetes-bootcamp\n"
      "Annotations:            deployment.kubernetes.io/revision: 1\n"
      "Selector:               app=kubernetes-bootcamp\n"
      "Replicas:               4 desired | 4 updated | 4 total | 4 available | 0 unavailable\n"
      "StrategyType:           RollingUpdate\n"
      "MinReadySeconds:        0\n"
      "RollingUpdateStrategy:  25% max unavailable, 25% max surge\n"
      "Pod Template:\n"
      "  Labels:  app=kubernetes-bootcamp\n"
      "  Containers:\n"
      "   kubernetes-bootcamp:\n"
      "    Image:         gcr.io/google-samples/kubernetes-bootcamp:v1\n"
      "    Port:          <none>\n"
      "    Host Port:     <none>\n"
      "    Environment:   <none>\n"
      "    Mounts:        <none>\n"
      "  Volumes:         <none>\n"
      "  Node-Selectors:  <none>\n"
      "  Tolerations:     <none>\n"
      "Conditions:\n"
      "  Type           Status  Reason\n"
      "  ----           ------  ------\n"
      "  Progressing    True    NewReplicaSetAvailable\n"
      "  Available      True    MinimumReplicasAvailable\n"
      "OldReplicaSets:  <none>\n"
      "NewReplicaSet:   kubernetes-bootcamp-5485cc6795 (4/4 replicas created)\n"
      "Events:\n"
      "  Type    Reason             Age   From                   Message\n"
      "  ----    ------             ----  ----                   -------\n"
      "  Normal  ScalingReplicaSet  12m   deployment-controller  Scaled up replica set kubernetes-bootcamp-5485cc6795 from 0 to 1\n"
      "  Normal  ScalingReplicaSet  52s   deployment-controller  Scaled up replica set kubernetes-bootcamp-5485cc6795 from 1 to 4\n";
  CHECK(describe_deployment(w.s, *w.d) == want);
  CHECK(describe_object(w.s, store::Kind::Deployment, "default", "kubernetes-bootcamp") == want);
}

TEST_CASE("describe deployment lists scaled-down ReplicaSets as old ones and --show-events=false drops events") {
  DeploymentWorld w;
  api::ReplicaSet old;
  old.metadata.name = "kubernetes-bootcamp-7d44784b7c";
  old.metadata.namespace_ = "default";
  old.metadata.labels = {{"app", "kubernetes-bootcamp"}, {"pod-template-hash", "7d44784b7c"}};
  old.metadata.owner_references = {{"apps/v1", "Deployment", w.d->metadata.name, w.d->metadata.uid, true, true}};
  old.spec.replicas = 0;
  old.spec.selector.match_labels = old.metadata.labels;
  old.spec.template_ = bootcamp_template();
  old.spec.template_.spec.containers.mut()[0].image = "gcr.io/google-samples/kubernetes-bootcamp:v10";
  old.spec.template_.labels["pod-template-hash"] = "7d44784b7c";
  REQUIRE(w.s.create(old).ok);
  const std::string out = describe_deployment(w.s, *w.d, false);
  CHECK(out.find("OldReplicaSets:  kubernetes-bootcamp-7d44784b7c (0/0 replicas created)\n") != std::string::npos);
  CHECK(out.find("NewReplicaSet:   kubernetes-bootcamp-5485cc6795 (4/4 replicas created)\n") != std::string::npos);
  CHECK(out.find("Events") == std::string::npos);
}

TEST_CASE("describe replicaset shows the pod counts by phase and the controller") {
  DeploymentWorld w;
  const api::ReplicaSet* rs = w.s.replicasets().get("default", "kubernetes-bootcamp-5485cc6795");
  REQUIRE(rs);
  for (const char* phase : {"Running", "Running", "Pending"}) {
    api::Pod p;
    p.metadata.generate_name = rs->metadata.name + "-";
    p.metadata.namespace_ = "default";
    p.metadata.labels = rs->spec.template_.labels;
    p.metadata.owner_references = {{"apps/v1", "ReplicaSet", rs->metadata.name, rs->metadata.uid, true, true}};
    p.spec = rs->spec.template_.spec;
    p.status.phase = phase;
    REQUIRE(w.s.create(p).ok);
  }
  const std::string out = describe_replicaset(w.s, *rs, false);
  const std::string head =
      "Name:           kubernetes-bootcamp-5485cc6795\n"
      "Namespace:      default\n"
      "Selector:       app=kubernetes-bootcamp,pod-template-hash=5485cc6795\n"
      "Labels:         app=kubernetes-bootcamp\n"
      "                pod-template-hash=5485cc6795\n"
      "Annotations:    <none>\n"
      "Controlled By:  Deployment/kubernetes-bootcamp\n"
      "Replicas:       4 current / 4 desired\n"
      "Pods Status:    2 Running / 1 Waiting / 0 Succeeded / 0 Failed\n"
      "Pod Template:\n"
      "  Labels:  app=kubernetes-bootcamp\n"
      "           pod-template-hash=5485cc6795\n";
  CHECK(out.substr(0, head.size()) == head);
}

TEST_CASE("describe service matches the spec sample byte for byte") {
  store::Store s(3, kCreated);
  api::Service svc;
  svc.metadata.name = "kubernetes-bootcamp";
  svc.metadata.namespace_ = "default";
  svc.metadata.labels = {{"app", "kubernetes-bootcamp"}};
  svc.spec.type = "NodePort";
  svc.spec.selector = {{"app", "kubernetes-bootcamp"}};
  svc.spec.cluster_ip = "10.98.143.62";
  svc.spec.cluster_ips = {"10.98.143.62"};
  api::ServicePort port;
  port.port = 8080;
  port.target_port = api::IntOrString::Int(8080);
  port.node_port = 31526;
  svc.spec.ports = {port};
  svc.spec.external_traffic_policy = "Cluster";
  REQUIRE(s.create(svc).ok);
  api::Endpoints ep;
  ep.metadata.name = "kubernetes-bootcamp";
  ep.metadata.namespace_ = "default";
  api::EndpointSubset ss;
  for (const char* ip : {"10.244.0.3", "10.244.0.4", "10.244.0.5", "10.244.0.6"}) ss.addresses.push_back({ip, "minikube", {}});
  ss.ports = {{"", 8080, "TCP"}};
  ep.subsets = {ss};
  REQUIRE(s.create(ep).ok);
  const std::string want =
      "Name:                     kubernetes-bootcamp\n"
      "Namespace:                default\n"
      "Labels:                   app=kubernetes-bootcamp\n"
      "Annotations:              <none>\n"
      "Selector:                 app=kubernetes-bootcamp\n"
      "Type:                     NodePort\n"
      "IP Family Policy:         SingleStack\n"
      "IP Families:              IPv4\n"
      "IP:                       10.98.143.62\n"
      "IPs:                      10.98.143.62\n"
      "Port:                     <unset>  8080/TCP\n"
      "TargetPort:               8080/TCP\n"
      "NodePort:                 <unset>  31526/TCP\n"
      "Endpoints:                10.244.0.3:8080,10.244.0.4:8080,10.244.0.5:8080 + 1 more...\n"
      "Session Affinity:         None\n"
      "External Traffic Policy:  Cluster\n"
      "Internal Traffic Policy:  Cluster\n"
      "Events:                   <none>\n";
  CHECK(describe_service(s, *s.services().get("default", "kubernetes-bootcamp")) == want);
}

TEST_CASE("service endpoints: none without an Endpoints object, empty when no endpoint is ready") {
  store::Store s(3, kCreated);
  api::Service svc;
  svc.metadata.name = "web";
  svc.metadata.namespace_ = "default";
  svc.spec.cluster_ip = "10.96.5.5";
  svc.spec.cluster_ips = {"10.96.5.5"};
  api::ServicePort port;
  port.port = 80;
  port.target_port = api::IntOrString::Int(8080);
  svc.spec.ports = {port};
  REQUIRE(s.create(svc).ok);
  const api::Service* p = s.services().get("default", "web");
  CHECK(describe_service(s, *p).find("Endpoints:                <none>\n") != std::string::npos);
  api::Endpoints ep;
  ep.metadata.name = "web";
  ep.metadata.namespace_ = "default";
  api::EndpointSubset ss;
  ss.not_ready_addresses.push_back({"10.244.0.9", "minikube", {}});
  ss.ports = {{"", 8080, "TCP"}};
  ep.subsets = {ss};
  REQUIRE(s.create(ep).ok);
  CHECK(describe_service(s, *p).find("Endpoints:                \n") != std::string::npos);
}

TEST_CASE("describe pod matches the spec sample byte for byte") {
  store::Store s(5, kCreated);
  api::Pod pod;
  pod.metadata.name = "kubernetes-bootcamp-5485cc6795-6jx8m";
  pod.metadata.namespace_ = "default";
  pod.metadata.labels = {{"app", "kubernetes-bootcamp"}, {"pod-template-hash", "5485cc6795"}};
  pod.metadata.owner_references = {{"apps/v1", "ReplicaSet", "kubernetes-bootcamp-5485cc6795", "rs-uid", true, true}};
  pod.spec.containers = {bootcamp_container()};
  pod.spec.node_name = "minikube";
  api::Toleration t1, t2;
  t1.key = "node.kubernetes.io/unreachable";
  t1.effect = "NoExecute";
  t1.toleration_seconds = 300;
  t2 = t1;
  t2.key = "node.kubernetes.io/not-ready";
  pod.spec.tolerations = {t1, t2};  // unsorted on purpose: describe sorts by key
  pod.status.phase = "Running";
  pod.status.host_ip = "192.168.49.2";
  pod.status.pod_ip = "10.244.0.6";
  pod.status.start_ms = kCreated;
  for (const char* c : {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"})
    pod.status.conditions.push_back(cond(c, "True"));
  api::ContainerStatus cs;
  cs.name = "kubernetes-bootcamp";
  cs.image = "gcr.io/google-samples/kubernetes-bootcamp:v1";
  cs.image_id = "docker-pullable://gcr.io/google-samples/kubernetes-bootcamp@sha256:0d6b8e...";
  cs.container_id = "docker://3f1c0e...";
  cs.ready = true;
  cs.started = true;
  cs.state.running = api::ContainerStateRunning{kCreated + 6 * kSec};
  pod.status.container_statuses = {cs};
  REQUIRE(s.create(pod).ok);
  const api::Pod* p = s.pods().get("default", "kubernetes-bootcamp-5485cc6795-6jx8m");
  REQUIRE(p);
  const std::string vol = api::kube_api_access_volume_name(*p);
  REQUIRE(vol.size() == std::string("kube-api-access-7xkqd").size());
  const std::string want =
      "Name:             kubernetes-bootcamp-5485cc6795-6jx8m\n"
      "Namespace:        default\n"
      "Priority:         0\n"
      "Service Account:  default\n"
      "Node:             minikube/192.168.49.2\n"
      "Start Time:       Mon, 12 Jan 2026 10:04:11 +0000\n"
      "Labels:           app=kubernetes-bootcamp\n"
      "                  pod-template-hash=5485cc6795\n"
      "Annotations:      <none>\n"
      "Status:           Running\n"
      "IP:               10.244.0.6\n"
      "IPs:\n"
      "  IP:           10.244.0.6\n"
      "Controlled By:  ReplicaSet/kubernetes-bootcamp-5485cc6795\n"
      "Containers:\n"
      "  kubernetes-bootcamp:\n"
      "    Container ID:   docker://3f1c0e...\n"
      "    Image:          gcr.io/google-samples/kubernetes-bootcamp:v1\n"
      "    Image ID:       docker-pullable://gcr.io/google-samples/kubernetes-bootcamp@sha256:0d6b8e...\n"
      "    Port:           <none>\n"
      "    Host Port:      <none>\n"
      "    State:          Running\n"
      "      Started:      Mon, 12 Jan 2026 10:04:17 +0000\n"
      "    Ready:          True\n"
      "    Restart Count:  0\n"
      "    Environment:    <none>\n"
      "    Mounts:\n"
      "      /var/run/secrets/kubernetes.io/serviceaccount from " + vol + " (ro)\n"
      "Conditions:\n"
      "  Type                        Status\n"
      "  PodReadyToStartContainers   True \n"
      "  Initialized                 True \n"
      "  Ready                       True \n"
      "  ContainersReady             True \n"
      "  PodScheduled                True \n"
      "Volumes:\n"
      "  " + vol + ":\n"
      "    Type:                    Projected (a volume that contains injected data from multiple sources)\n"
      "    TokenExpirationSeconds:  3607\n"
      "    ConfigMapName:           kube-root-ca.crt\n"
      "    Optional:                false\n"
      "    DownwardAPI:             true\n"
      "QoS Class:                   BestEffort\n"
      "Node-Selectors:              <none>\n"
      "Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
      "                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
      "Events:                      <none>\n";
  CHECK(describe_pod(s, *p) == want);
}

TEST_CASE("a terminating pod shows how long it has been terminating and its grace period") {
  store::Store s(5, kCreated);
  api::Pod pod;
  pod.metadata.name = "web";
  pod.metadata.namespace_ = "default";
  pod.spec.containers = {bootcamp_container()};
  pod.status.phase = "Running";
  REQUIRE(s.create(pod).ok);
  REQUIRE(s.update_pod({"default", "web"}, [](api::Pod& p) {
             p.metadata.deletion_ms = kCreated + 10 * kSec;
             p.metadata.deletion_grace_period_seconds = 30;
           }).ok);
  s.set_now(kCreated + 22 * kSec);
  const std::string out = describe_pod(s, *s.pods().get("default", "web"), false);
  CHECK(out.find("Status:                    Terminating (lasts 12s)\n"
                 "Termination Grace Period:  30s\n") != std::string::npos);
  CHECK(out.find("Node:                      <none>\n") != std::string::npos);
  CHECK(out.find("IPs:                       <none>\n") != std::string::npos);
}

TEST_CASE("waiting containers show their reason and repeated events show their count") {
  store::Store s(5, kCreated);
  api::Pod pod;
  pod.metadata.name = "web";
  pod.metadata.namespace_ = "default";
  pod.spec.containers = {bootcamp_container("gcr.io/google-samples/kubernetes-bootcamp:v10")};
  pod.status.phase = "Pending";
  api::ContainerStatus cs;
  cs.name = "kubernetes-bootcamp";
  cs.image = pod.spec.containers[0].image;
  cs.state.waiting = api::ContainerStateWaiting{"ImagePullBackOff", "Back-off pulling image"};
  pod.status.container_statuses = {cs};
  REQUIRE(s.create(pod).ok);
  const api::Pod* p = s.pods().get("default", "web");
  const std::string image = "\"gcr.io/google-samples/kubernetes-bootcamp:v10\"";
  for (int i = 0; i < 5; ++i) {
    s.set_now(kCreated + i * kMin);
    s.record_event(ref_of("Pod", p->metadata), "Normal", "BackOff", "Back-off pulling image " + image, "kubelet", "minikube");
  }
  s.set_now(kCreated + 6 * kMin);
  s.record_event(ref_of("Pod", p->metadata), "Warning", "Failed", "Error: ImagePullBackOff", "kubelet", "minikube");
  s.set_now(kCreated + 6 * kMin + 30 * kSec);
  const std::string out = describe_pod(s, *p);
  CHECK(out.find("    State:          Waiting\n      Reason:       ImagePullBackOff\n    Ready:          False\n") !=
        std::string::npos);
  const std::string want_block =
      "Events:\n"
      "  Type     Reason   Age                    From     Message\n"
      "  ----     ------   ----                   ----     -------\n"
      "  Normal   BackOff  2m30s (x5 over 6m30s)  kubelet  Back-off pulling image " + image + "\n"
      "  Warning  Failed   30s                    kubelet  Error: ImagePullBackOff\n";
  CHECK(out.substr(out.find("Events:\n")) == want_block);
}

TEST_CASE("the pod template block for rollout history keeps its tabs") {
  api::PodTemplateSpec t = bootcamp_template();
  t.labels["pod-template-hash"] = "5485cc6795";
  t.spec.containers.mut()[0].ports = {{"", 8080, "TCP"}};
  t.spec.containers.mut()[0].env = {{"MODE", "demo"}};
  t.spec.containers.mut()[0].requests.cpu_milli = 100;
  t.spec.containers.mut()[0].requests.cpu_text = "100m";
  CHECK(describe_pod_template(t) ==
        "Pod Template:\n"
        "  Labels:\tapp=kubernetes-bootcamp\n"
        "\tpod-template-hash=5485cc6795\n"
        "  Containers:\n"
        "   kubernetes-bootcamp:\n"
        "    Image:\tgcr.io/google-samples/kubernetes-bootcamp:v1\n"
        "    Port:\t8080/TCP\n"
        "    Host Port:\t0/TCP\n"
        "    Requests:\n"
        "      cpu:\t100m\n"
        "    Environment:\n"
        "      MODE:\tdemo\n"
        "    Mounts:\t<none>\n"
        "  Volumes:\t<none>\n"
        "  Node-Selectors:\t<none>\n"
        "  Tolerations:\t<none>\n");
}

TEST_CASE("describe node shows capacity, the pods on it and their share of allocatable") {
  store::Store s(9, kEpochMs);
  api::Node n;
  n.metadata.name = "minikube";
  n.metadata.labels = {{"kubernetes.io/hostname", "minikube"}, {"node-role.kubernetes.io/control-plane", ""}};
  n.status.capacity.cpu_milli = 8000;
  n.status.capacity.cpu_text = "8";
  n.status.capacity.memory_bytes = 32863516LL * 1024;
  n.status.capacity.memory_text = "32863516Ki";
  n.status.allocatable = n.status.capacity;
  n.status.ephemeral_storage_bytes = 102626232LL * 1024;
  n.status.addresses = {{"InternalIP", "192.168.49.2"}, {"Hostname", "minikube"}};
  api::Condition ready = cond("Ready", "True", "KubeletReady");
  ready.message = "kubelet is posting ready status";
  ready.last_heartbeat_ms = kEpochMs + 5 * kMin;
  ready.last_transition_ms = kEpochMs;
  n.status.conditions = {ready};
  n.spec.pod_cidr = "10.244.0.0/24";
  n.spec.pod_cidrs = {"10.244.0.0/24"};
  REQUIRE(s.create(n).ok);
  s.set_now(kEpochMs + kMin);
  api::Pod pod;
  pod.metadata.name = "coredns-66bc5c9577-x7k2p";
  pod.metadata.namespace_ = "kube-system";
  api::Container c = bootcamp_container("registry.k8s.io/coredns/coredns:v1.12.1");
  c.requests.cpu_milli = 100;
  c.requests.cpu_text = "100m";
  c.requests.memory_bytes = 70LL << 20;
  c.requests.memory_text = "70Mi";
  c.limits.memory_bytes = 170LL << 20;
  c.limits.memory_text = "170Mi";
  pod.spec.containers = {c};
  pod.spec.node_name = "minikube";
  pod.status.phase = "Running";
  REQUIRE(s.create(pod).ok);
  s.set_now(kEpochMs + 10 * kMin);
  const std::string out = describe_node(s, *s.nodes().get("", "minikube"), false);
  CHECK(out.rfind("Name:               minikube\nRoles:              control-plane\n", 0) == 0);
  CHECK(out.find("Capacity:\n"
                 "  cpu:                8\n"
                 "  ephemeral-storage:  102626232Ki\n"
                 "  hugepages-1Gi:      0\n"
                 "  hugepages-2Mi:      0\n"
                 "  memory:             32863516Ki\n"
                 "  pods:               110\n") != std::string::npos);
  CHECK(out.find("Non-terminated Pods:          (1 in total)\n"
                 "  Namespace                   Name                        CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n"
                 "  ---------                   ----                        ------------  ----------  ---------------  -------------  ---\n"
                 "  kube-system                 coredns-66bc5c9577-x7k2p    100m (1%)     0 (0%)      70Mi (0%)        170Mi (0%)     9m\n") !=
        std::string::npos);
  CHECK(out.find("  cpu                100m (1%)  0 (0%)\n"
                 "  memory             70Mi (0%)  170Mi (0%)\n"
                 "  ephemeral-storage  0 (0%)     0 (0%)\n") != std::string::npos);
  CHECK(out.find("  Ready   True    Mon, 12 Jan 2026 10:05:00 +0000   Mon, 12 Jan 2026 10:00:00 +0000   "
                 "KubeletReady   kubelet is posting ready status\n") != std::string::npos);
  CHECK(out.find("Lease:\n"
                 "  HolderIdentity:  minikube\n"
                 "  AcquireTime:     <unset>\n"
                 "  RenewTime:       Mon, 12 Jan 2026 10:10:00 +0000\n") != std::string::npos);
}

TEST_CASE("describe namespace ends with the quota and limit range notes") {
  store::Store s(1, kEpochMs);
  api::Namespace ns;
  ns.metadata.name = "default";
  ns.metadata.labels = {{"kubernetes.io/metadata.name", "default"}};
  REQUIRE(s.create(ns).ok);
  CHECK(describe_object(s, store::Kind::Namespace, "", "default") ==
        "Name:         default\n"
        "Labels:       kubernetes.io/metadata.name=default\n"
        "Annotations:  <none>\n"
        "Status:       Active\n"
        "\n"
        "No resource quota.\n"
        "\n"
        "No LimitRange resource.\n");
  CHECK(describe_object(s, store::Kind::Namespace, "", "nope").empty());
}

TEST_CASE("long annotations are wrapped onto their own lines") {
  store::Store s(1, kEpochMs);
  api::Namespace ns;
  ns.metadata.name = "team";
  ns.metadata.annotations = {{"a", "short"}, {"note", std::string(150, 'x')}};
  REQUIRE(s.create(ns).ok);
  const std::string out = describe_object(s, store::Kind::Namespace, "", "team");
  CHECK(out.find("Annotations:  a: short\n"
                 "              note:\n"
                 "                " + std::string(138, 'x') + "...\n") != std::string::npos);
}

// [SECTION] the command

namespace {
struct DescribeRun {
  int status = 0;
  std::string out, err;
};

DescribeRun run_describe(Cluster& c, std::vector<std::string> args) {
  Output o;
  Env env{c, o, "default", false, nullptr, nullptr, nullptr};
  DescribeRun r;
  r.status = cmd_describe(args, env);
  r.out = o.stdout_text();
  r.err = o.stderr_text();
  return r;
}

void add_namespace(Cluster& c, const std::string& name) {
  api::Namespace ns;
  ns.metadata.name = name;
  REQUIRE(c.store.create(ns).ok);
}
}  // namespace

TEST_CASE("describe separates several objects with two newlines and matches name prefixes") {
  Cluster c;
  add_namespace(c, "default");
  add_namespace(c, "dev");
  const std::string one = describe_object(c.store, store::Kind::Namespace, "", "default");
  const std::string two = describe_object(c.store, store::Kind::Namespace, "", "dev");
  CHECK(run_describe(c, {"namespaces"}).out == one + "\n\n" + two);
  CHECK(run_describe(c, {"ns", "default", "dev"}).out == one + "\n\n" + two);
  CHECK(run_describe(c, {"namespace/dev"}).out == two);
  // no exact match: every object whose name starts with the argument, each followed by a newline
  CHECK(run_describe(c, {"ns", "de"}).out == one + "\n" + two + "\n");
  DescribeRun missing = run_describe(c, {"ns", "prod"});
  CHECK(missing.status == 1);
  CHECK(missing.out.empty());
  CHECK(missing.err == "Error from server (NotFound): namespaces \"prod\" not found\n");
}

TEST_CASE("describe without a type, with an unknown type and with nothing to show") {
  Cluster c;
  DescribeRun none = run_describe(c, {});
  CHECK(none.status == 1);
  CHECK(none.err ==
        "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list "
        "of supported resources.\n");
  CHECK(run_describe(c, {"foo"}).err == "error: the server doesn't have a resource type \"foo\"\n");
  DescribeRun empty = run_describe(c, {"pods"});
  CHECK(empty.status == 0);
  CHECK(empty.out.empty());
  CHECK(empty.err == "No resources found in default namespace.\n");
}
