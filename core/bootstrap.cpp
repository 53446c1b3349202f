// kubesim — Cluster::bootstrap(): the objects a fresh `minikube start` leaves behind (see
// bootstrap.h for the timeline). Objects are created at their own simulated times (the clock
// is advanced between stages with run_until, so every loop sees them as it would), already
// running: pods carry full status (phase, conditions, container states, IPs) and the kubelets
// adopt them as they are. Shapes follow a real minikube cluster dump (kube-system pods, node).
#include "bootstrap.h"

#include <cstdio>
#include <map>

#include "cluster.h"
#include "controllers/hash.h"
#include "controllers/replicaset.h"
#include "kubectl/timefmt.h"

namespace kubesim {

namespace bootstrap {

namespace {
std::string ipv4(uint32_t ip) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", (ip >> 24) & 255u, (ip >> 16) & 255u, (ip >> 8) & 255u, ip & 255u);
  return buf;
}
}  // namespace

std::string node_name(int index) {
  if (index <= 0) return "minikube";
  char buf[32];
  std::snprintf(buf, sizeof buf, "minikube-m%02d", index + 1);
  return buf;
}

std::string node_ip(int index) {
  const uint32_t base = (192u << 24) | (168u << 16) | (49u << 8) | 2u;
  return ipv4(base + static_cast<uint32_t>(index));
}

std::string node_pod_cidr(int index) {
  const uint32_t base = (10u << 24) | (244u << 16);
  return ipv4(base + (static_cast<uint32_t>(index) << 8)) + "/24";
}

}  // namespace bootstrap

namespace {

using bootstrap::node_ip;
using bootstrap::node_name;

constexpr int64_t kSec = 1000;
constexpr const char* kSystem = "kube-system";

// [SECTION] small builders ------------------------------------------------------------------------

api::Condition pod_condition(const char* type, int64_t t_ms) {
  api::Condition c;
  c.type = type;
  c.status = "True";
  c.last_transition_ms = t_ms;
  return c;
}

api::Condition node_condition(const char* type, const char* status, const char* reason, const char* message,
                              int64_t transition_ms, int64_t heartbeat_ms) {
  api::Condition c;
  c.type = type;
  c.status = status;
  c.reason = reason;
  c.message = message;
  c.last_transition_ms = transition_ms;
  c.last_heartbeat_ms = heartbeat_ms;
  return c;
}

api::Container container(const std::string& name, const std::string& image) {
  api::Container c;
  c.name = name;
  c.image = image;
  c.image_pull_policy = "IfNotPresent";
  return c;
}

api::ContainerPort port(const char* name, int32_t p, const char* proto) {
  api::ContainerPort cp;
  cp.name = name;
  cp.container_port = p;
  cp.protocol = proto;
  return cp;
}

api::ResourceList cpu_mem(std::optional<int64_t> cpu_milli, const char* cpu_text, std::optional<int64_t> mem_bytes,
                          const char* mem_text) {
  api::ResourceList r;
  r.cpu_milli = cpu_milli;
  r.cpu_text = cpu_text;
  r.memory_bytes = mem_bytes;
  r.memory_text = mem_text;
  return r;
}

api::Toleration toleration(const char* key, const char* op, const char* effect, std::optional<int64_t> seconds = std::nullopt) {
  api::Toleration t;
  t.key = key;
  t.op = op;
  t.effect = effect;
  t.toleration_seconds = seconds;
  return t;
}

api::OwnerReference owner(const char* api_version, const char* kind, const std::string& name, const std::string& uid,
                          bool block_owner_deletion) {
  api::OwnerReference o;
  o.api_version = api_version;
  o.kind = kind;
  o.name = name;
  o.uid = uid;
  o.controller = true;
  o.block_owner_deletion = block_owner_deletion;
  return o;
}

api::ObjectReference ref_of(const char* kind, const char* api_version, const api::ObjectMeta& m) {
  api::ObjectReference r;
  r.kind = kind;
  r.api_version = api_version;
  r.namespace_ = m.namespace_;
  r.name = m.name;
  r.uid = m.uid;
  r.resource_version = std::to_string(m.resource_version);
  return r;
}

// "2026_01_12T10_00_07_0000": minikube's updated_at label (Go layout 2006_01_02T15_04_05_0700).
std::string minikube_label_time(int64_t ms) {
  auto t = kubectl::civil_from_ms(ms);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld_%02d_%02dT%02d_%02d_%02d_0000", static_cast<long long>(t.year), t.month, t.day,
                t.hour, t.minute, t.second);
  return buf;
}

// "2026-01-12T09:59:53.551992273Z": the kubelet's kubernetes.io/config.seen (RFC3339Nano).
std::string rfc3339_nano(int64_t ms, sim::Rng& rng) {
  auto t = kubectl::civil_from_ms(ms);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%03d%06lldZ", static_cast<long long>(t.year), t.month,
                t.day, t.hour, t.minute, t.second, t.millisecond, static_cast<long long>(rng.uniform(1000000)));
  return buf;
}

// [SECTION] the builder ---------------------------------------------------------------------------

struct Builder {
  Cluster& c;
  int64_t birth;
  std::map<int, std::string> node_uid;  // node index -> uid
  std::string kube_proxy_ds_uid;
  std::string kube_proxy_revision_hash;

  int64_t at(int64_t offset_ms) const { return birth + offset_ms; }
  void go(int64_t offset_ms) { c.run_until(at(offset_ms)); }
  sim::Rng& rng() { return c.store.rng(); }

  // -- pods ---------------------------------------------------------------------------------------
  struct Run {
    int node = 0;
    std::string pod_ip;       // "" = host network (the node's IP)
    int64_t scheduled_ms = 0;
    int64_t started_ms = 0;   // container start (may precede the API object for static pods)
    int64_t ready_ms = 0;
  };

  // Fill a pod's status as the kubelet would have reported it for a container running since
  // run.started_ms and ready since run.ready_ms.
  void make_running(api::Pod& p, const Run& run) {
    const std::string node = node_name(run.node);
    const std::string host = node_ip(run.node);
    p.spec.node_name = node;
    p.status.phase = "Running";
    p.status.host_ip = host;
    p.status.pod_ip = run.pod_ip.empty() ? host : run.pod_ip;
    p.status.start_ms = run.scheduled_ms;
    const int64_t sandbox_ms = std::max(run.scheduled_ms, run.started_ms - kSec);
    p.status.conditions = {pod_condition("PodReadyToStartContainers", sandbox_ms), pod_condition("Initialized", run.scheduled_ms),
                           pod_condition("Ready", run.ready_ms), pod_condition("ContainersReady", run.ready_ms),
                           pod_condition("PodScheduled", run.scheduled_ms)};
    p.status.container_statuses.clear();
    for (auto& ct : p.spec.containers) {
      api::ContainerStatus cs;
      cs.name = ct.name;
      cs.image = kubelet::Registry::status_image(ct.image);
      if (const kubelet::ImageInfo* info = c.registry.resolve(ct.image))
        cs.image_id = kubelet::Registry::docker_image_id(ct.image, *info);
      cs.container_id = "docker://" + rng().hex(64);
      cs.ready = true;
      cs.started = true;
      cs.state.running = api::ContainerStateRunning{run.started_ms};
      p.status.container_statuses.push_back(std::move(cs));
    }
    p.status.qos_class = controllers::pod_qos_class(p.spec);
    p.timeline.scheduled_ms = run.scheduled_ms;
    p.timeline.pull_started_ms = run.started_ms - kSec;
    p.timeline.pull_done_ms = run.started_ms - kSec;
    p.timeline.started_ms = run.started_ms;
    p.timeline.ready_ms = run.ready_ms;
  }

  const api::Pod* create_pod(api::Pod p) {
    store::Key k;
    if (!c.store.create(std::move(p), &k).ok) return nullptr;
    return c.store.pods().get(k);
  }

  void pod_event(const api::Pod& p, const char* type, const char* reason, const std::string& message, const char* component,
                 const std::string& host, const std::string& container_name = "") {
    api::ObjectReference r = ref_of("Pod", "v1", p.metadata);
    if (!container_name.empty()) r.field_path = "spec.containers{" + container_name + "}";
    c.store.record_event(r, type, reason, message, component, host);
  }
  // Scheduled (for pods the scheduler placed) and the kubelet's Pulled / Created / Started.
  void start_events(const api::Pod& p, bool scheduled) {
    const std::string& node = p.spec.node_name;
    if (scheduled)
      pod_event(p, "Normal", "Scheduled", "Successfully assigned " + p.metadata.namespace_ + "/" + p.metadata.name + " to " + node,
                "default-scheduler", "");
    for (auto& ct : p.spec.containers) {
      pod_event(p, "Normal", "Pulled", "Container image \"" + ct.image + "\" already present on machine", "kubelet", node, ct.name);
      pod_event(p, "Normal", "Created", "Created container: " + ct.name, "kubelet", node, ct.name);
      pod_event(p, "Normal", "Started", "Started container " + ct.name, "kubelet", node, ct.name);
    }
  }

  // -- cluster-wide objects -----------------------------------------------------------------------
  void namespaces() {
    for (const char* ns : {"default", "kube-node-lease", "kube-public", "kube-system"}) {
      api::Namespace n;
      n.metadata.name = ns;
      n.metadata.labels["kubernetes.io/metadata.name"] = ns;
      c.store.create(std::move(n));
    }
  }

  void kubernetes_service() {
    api::Service s;
    s.metadata.name = "kubernetes";
    s.metadata.namespace_ = "default";
    s.metadata.labels = {{"component", "apiserver"}, {"provider", "kubernetes"}};
    s.spec.type = "ClusterIP";
    s.spec.cluster_ip = "10.96.0.1";
    s.spec.cluster_ips = {"10.96.0.1"};
    api::ServicePort p;
    p.name = "https";
    p.protocol = "TCP";
    p.port = 443;
    p.target_port = api::IntOrString::Int(8443);
    s.spec.ports.push_back(p);
    c.store.create(std::move(s));

    // The API server keeps this one itself (no selector): its own address on the secure port.
    api::Endpoints e;
    e.metadata.name = "kubernetes";
    e.metadata.namespace_ = "default";
    e.metadata.labels["endpointslice.kubernetes.io/skip-mirror"] = "true";
    api::EndpointSubset sub;
    api::EndpointAddress a;
    a.ip = node_ip(0);
    sub.addresses.push_back(a);
    sub.ports.push_back(api::EndpointPort{"https", 8443, "TCP"});
    e.subsets.push_back(std::move(sub));
    c.store.create(std::move(e));
  }

  // -- nodes --------------------------------------------------------------------------------------
  void node(int index) {
    const std::string name = node_name(index);
    const int64_t now = c.now();
    api::Node n;
    n.metadata.name = name;
    n.metadata.labels = {
        {"beta.kubernetes.io/arch", "amd64"},
        {"beta.kubernetes.io/os", "linux"},
        {"kubernetes.io/arch", "amd64"},
        {"kubernetes.io/hostname", name},
        {"kubernetes.io/os", "linux"},
        {"minikube.k8s.io/commit", bootstrap::kMinikubeCommit},
        {"minikube.k8s.io/name", "minikube"},
        {"minikube.k8s.io/primary", index == 0 ? "true" : "false"},
        {"minikube.k8s.io/updated_at", minikube_label_time(now + 6 * kSec)},
        {"minikube.k8s.io/version", bootstrap::kMinikubeVersion},
    };
    if (index == 0) {
      n.metadata.labels["node-role.kubernetes.io/control-plane"] = "";
      n.metadata.labels["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
    }
    n.metadata.annotations = {
        {"kubeadm.alpha.kubernetes.io/cri-socket", "unix:///var/run/cri-dockerd.sock"},
        {"node.alpha.kubernetes.io/ttl", "0"},
        {"volumes.kubernetes.io/controller-managed-attach-detach", "true"},
    };
    n.spec.pod_cidr = bootstrap::node_pod_cidr(index);
    n.spec.pod_cidrs = {n.spec.pod_cidr};
    // What the docker driver's node reports (2 CPUs; memory and disk as the kubelet reads them).
    n.status.capacity = cpu_mem(2000, "2", int64_t{3912864} * 1024, "3912864Ki");
    n.status.allocatable = n.status.capacity;
    n.status.capacity_pods = 110;
    n.status.allocatable_pods = 110;
    n.status.ephemeral_storage_bytes = int64_t{17734596} * 1024;
    n.status.hugepages_bytes = 0;
    const int64_t seen = now - 7 * kSec;       // the kubelet evaluated its conditions before registering
    const int64_t ready = now + 4 * kSec;      // Ready once the network plugin is up
    n.status.conditions = {
        node_condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", seen, ready),
        node_condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", seen, ready),
        node_condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", seen, ready),
        node_condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", ready, ready),
    };
    n.status.addresses = {{"InternalIP", node_ip(index)}, {"Hostname", name}};
    n.status.node_info.machine_id = rng().hex(32);
    n.status.node_info.system_uuid = rng().uuid();
    n.status.node_info.boot_id = rng().uuid();
    n.status.node_info.kubelet_version = c.options.kubernetes_version;
    n.status.node_info.kube_proxy_version = "";  // deprecated; kubelets since v1.31 leave it empty
    store::Key k;
    if (!c.store.create(std::move(n), &k).ok) return;
    const api::Node* stored = c.store.nodes().get(k);
    node_uid[index] = stored->metadata.uid;

    // The kubelet's node events (cluster-scoped objects: they land in "default"); the kubelet
    // names its node by name, also as the uid.
    api::ObjectReference kref;
    kref.kind = "Node";
    kref.name = name;
    kref.uid = name;
    auto ev = [&](const char* reason, const std::string& msg) { c.store.record_event(kref, "Normal", reason, msg, "kubelet", name); };
    ev("Starting", "Starting kubelet.");
    ev("NodeHasSufficientMemory", "Node " + name + " status is now: NodeHasSufficientMemory");
    ev("NodeHasNoDiskPressure", "Node " + name + " status is now: NodeHasNoDiskPressure");
    ev("NodeHasSufficientPID", "Node " + name + " status is now: NodeHasSufficientPID");
    ev("NodeAllocatableEnforced", "Updated Node Allocatable limit across pods");
  }

  void registered_node_event(int index) {
    const api::Node* n = c.store.nodes().get(store::Key{"", node_name(index)});
    if (!n) return;
    api::ObjectReference r;
    r.kind = "Node";
    r.name = n->metadata.name;
    r.uid = n->metadata.uid;
    r.api_version = "v1";
    c.store.record_event(r, "Normal", "RegisteredNode",
                         "Node " + n->metadata.name + " event: Registered Node " + n->metadata.name + " in Controller",
                         "node-controller");
  }

  // -- control plane (static pods; their API objects are the kubelet's mirror pods) ---------------
  void static_pod(const std::string& component, const std::string& image, std::vector<std::string> command,
                  api::ResourceList requests, int64_t started_ms, int64_t ready_ms,
                  const std::map<std::string, std::string>& extra_annotations) {
    const std::string node = node_name(0);
    api::Pod p;
    p.metadata.name = component + "-" + node;
    p.metadata.namespace_ = kSystem;
    p.metadata.labels = {{"component", component}, {"tier", "control-plane"}};
    const std::string hash = rng().hex(32);
    p.metadata.annotations = extra_annotations;
    p.metadata.annotations["kubernetes.io/config.hash"] = hash;
    p.metadata.annotations["kubernetes.io/config.mirror"] = hash;
    p.metadata.annotations["kubernetes.io/config.seen"] = rfc3339_nano(started_ms - 2 * kSec, rng());
    p.metadata.annotations["kubernetes.io/config.source"] = "file";
    p.metadata.owner_references.push_back(owner("v1", "Node", node, node_uid[0], false));
    api::Container ct = container(component, image);
    ct.command = std::move(command);
    ct.requests = requests;
    p.spec.containers.push_back(std::move(ct));
    p.spec.priority_class_name = "system-node-critical";
    p.spec.priority = 2000001000;
    p.spec.service_account_name.clear();
    p.spec.tolerations = {toleration("", "Exists", "NoExecute")};
    Run run;
    run.scheduled_ms = c.now();
    run.started_ms = started_ms;
    run.ready_ms = ready_ms;
    make_running(p, run);
    if (const api::Pod* stored = create_pod(std::move(p))) start_events(*stored, false);
  }

  void control_plane(bool scheduler_too, bool others) {
    const std::string ip = node_ip(0);
    const int64_t started = at(-7 * kSec);
    if (others) {
      static_pod("etcd", "registry.k8s.io/etcd:3.6.4-0",
                 {"etcd",
                  "--advertise-client-urls=https://" + ip + ":2379",
                  "--cert-file=/var/lib/minikube/certs/etcd/server.crt",
                  "--client-cert-auth=true",
                  "--data-dir=/var/lib/minikube/etcd",
                  "--feature-gates=InitialCorruptCheck=true",
                  "--initial-advertise-peer-urls=https://" + ip + ":2380",
                  "--initial-cluster=minikube=https://" + ip + ":2380",
                  "--key-file=/var/lib/minikube/certs/etcd/server.key",
                  "--listen-client-urls=https://127.0.0.1:2379,https://" + ip + ":2379",
                  "--listen-metrics-urls=http://127.0.0.1:2381",
                  "--listen-peer-urls=https://" + ip + ":2380",
                  "--name=minikube",
                  "--peer-cert-file=/var/lib/minikube/certs/etcd/peer.crt",
                  "--peer-client-cert-auth=true",
                  "--peer-key-file=/var/lib/minikube/certs/etcd/peer.key",
                  "--peer-trusted-ca-file=/var/lib/minikube/certs/etcd/ca.crt",
                  "--proxy-refresh-interval=70000",
                  "--snapshot-count=10000",
                  "--trusted-ca-file=/var/lib/minikube/certs/etcd/ca.crt",
                  "--watch-progress-notify-interval=5s"},
                 cpu_mem(100, "100m", int64_t{100} * 1024 * 1024, "100Mi"), started, at(9 * kSec),
                 {{"kubeadm.kubernetes.io/etcd.advertise-client-urls", "https://" + ip + ":2379"}});
      static_pod("kube-apiserver", "registry.k8s.io/kube-apiserver:" + c.options.kubernetes_version,
                 {"kube-apiserver",
                  "--advertise-address=" + ip,
                  "--allow-privileged=true",
                  "--authorization-mode=Node,RBAC",
                  "--client-ca-file=/var/lib/minikube/certs/ca.crt",
                  "--enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,"
                  "DefaultTolerationSeconds,NodeRestriction,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ResourceQuota",
                  "--enable-bootstrap-token-auth=true",
                  "--etcd-cafile=/var/lib/minikube/certs/etcd/ca.crt",
                  "--etcd-certfile=/var/lib/minikube/certs/apiserver-etcd-client.crt",
                  "--etcd-keyfile=/var/lib/minikube/certs/apiserver-etcd-client.key",
                  "--etcd-servers=https://127.0.0.1:2379",
                  "--kubelet-client-certificate=/var/lib/minikube/certs/apiserver-kubelet-client.crt",
                  "--kubelet-client-key=/var/lib/minikube/certs/apiserver-kubelet-client.key",
                  "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
                  "--proxy-client-cert-file=/var/lib/minikube/certs/front-proxy-client.crt",
                  "--proxy-client-key-file=/var/lib/minikube/certs/front-proxy-client.key",
                  "--requestheader-allowed-names=front-proxy-client",
                  "--requestheader-client-ca-file=/var/lib/minikube/certs/front-proxy-ca.crt",
                  "--requestheader-extra-headers-prefix=X-Remote-Extra-",
                  "--requestheader-group-headers=X-Remote-Group",
                  "--requestheader-username-headers=X-Remote-User",
                  "--secure-port=8443",
                  "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                  "--service-account-key-file=/var/lib/minikube/certs/sa.pub",
                  "--service-account-signing-key-file=/var/lib/minikube/certs/sa.key",
                  "--service-cluster-ip-range=10.96.0.0/12",
                  "--tls-cert-file=/var/lib/minikube/certs/apiserver.crt",
                  "--tls-private-key-file=/var/lib/minikube/certs/apiserver.key"},
                 cpu_mem(250, "250m", std::nullopt, ""), started, at(9 * kSec),
                 {{"kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint", ip + ":8443"}});
      static_pod("kube-controller-manager", "registry.k8s.io/kube-controller-manager:" + c.options.kubernetes_version,
                 {"kube-controller-manager",
                  "--allocate-node-cidrs=true",
                  "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
                  "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
                  "--bind-address=127.0.0.1",
                  "--client-ca-file=/var/lib/minikube/certs/ca.crt",
                  "--cluster-cidr=10.244.0.0/16",
                  "--cluster-name=mk",
                  "--cluster-signing-cert-file=/var/lib/minikube/certs/ca.crt",
                  "--cluster-signing-key-file=/var/lib/minikube/certs/ca.key",
                  "--controllers=*,bootstrapsigner,tokencleaner",
                  "--kubeconfig=/etc/kubernetes/controller-manager.conf",
                  "--leader-elect=false",
                  "--requestheader-client-ca-file=/var/lib/minikube/certs/front-proxy-ca.crt",
                  "--root-ca-file=/var/lib/minikube/certs/ca.crt",
                  "--service-account-private-key-file=/var/lib/minikube/certs/sa.key",
                  "--service-cluster-ip-range=10.96.0.0/12",
                  "--use-service-account-credentials=true"},
                 cpu_mem(200, "200m", std::nullopt, ""), started, at(8 * kSec), {});
    }
    if (scheduler_too) {
      static_pod("kube-scheduler", "registry.k8s.io/kube-scheduler:" + c.options.kubernetes_version,
                 {"kube-scheduler",
                  "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
                  "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
                  "--bind-address=127.0.0.1",
                  "--kubeconfig=/etc/kubernetes/scheduler.conf",
                  "--leader-elect=false"},
                 cpu_mem(100, "100m", std::nullopt, ""), at(-6 * kSec), at(9 * kSec), {});
    }
  }

  // -- kube-proxy (DaemonSet pod, one per node; host network) -------------------------------------
  void kube_proxy(int index) {
    api::Pod p;
    p.metadata.generate_name = "kube-proxy-";
    p.metadata.namespace_ = kSystem;
    p.metadata.owner_references.push_back(owner("apps/v1", "DaemonSet", "kube-proxy", kube_proxy_ds_uid, true));
    api::Container ct = container("kube-proxy", "registry.k8s.io/kube-proxy:" + c.options.kubernetes_version);
    ct.command = {"/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf", "--hostname-override=$(NODE_NAME)"};
    p.spec.containers.push_back(std::move(ct));
    p.spec.node_selector = {{"kubernetes.io/os", "linux"}};
    p.spec.service_account_name = "kube-proxy";
    p.spec.priority_class_name = "system-node-critical";
    p.spec.priority = 2000001000;
    p.spec.tolerations = {toleration("", "Exists", ""),
                          toleration("node.kubernetes.io/not-ready", "Exists", "NoExecute"),
                          toleration("node.kubernetes.io/unreachable", "Exists", "NoExecute"),
                          toleration("node.kubernetes.io/disk-pressure", "Exists", "NoSchedule"),
                          toleration("node.kubernetes.io/memory-pressure", "Exists", "NoSchedule"),
                          toleration("node.kubernetes.io/pid-pressure", "Exists", "NoSchedule"),
                          toleration("node.kubernetes.io/unschedulable", "Exists", "NoSchedule"),
                          toleration("node.kubernetes.io/network-unavailable", "Exists", "NoSchedule")};
    if (kube_proxy_revision_hash.empty()) {
      api::PodTemplateSpec t;
      t.labels = {{"k8s-app", "kube-proxy"}};
      t.spec = p.spec;
      kube_proxy_revision_hash = controllers::compute_pod_template_hash(t, std::nullopt);
    }
    p.metadata.labels = {{"controller-revision-hash", kube_proxy_revision_hash},
                         {"k8s-app", "kube-proxy"},
                         {"pod-template-generation", "1"}};
    Run run;
    run.node = index;
    run.scheduled_ms = c.now();
    run.started_ms = c.now() + 3 * kSec;
    run.ready_ms = c.now() + 3 * kSec;
    make_running(p, run);
    if (const api::Pod* stored = create_pod(std::move(p))) start_events(*stored, true);
    // kube-proxy announces itself on its node.
    api::ObjectReference kref;
    kref.kind = "Node";
    kref.name = node_name(index);
    kref.uid = node_name(index);
    c.store.record_event(kref, "Normal", "Starting", "", "kube-proxy", node_name(index));
  }

  // -- CoreDNS: Deployment (kubeadm makes 2 replicas, minikube scales it to 1) + Service kube-dns --
  void coredns() {
    api::PodTemplateSpec t;
    t.labels = {{"k8s-app", "kube-dns"}};
    api::Container ct = container("coredns", "registry.k8s.io/coredns/coredns:v1.12.1");
    ct.args = {"-conf", "/etc/coredns/Corefile"};
    ct.ports = {port("dns", 53, "UDP"), port("dns-tcp", 53, "TCP"), port("metrics", 9153, "TCP")};
    ct.limits = cpu_mem(std::nullopt, "", int64_t{170} * 1024 * 1024, "170Mi");
    ct.requests = cpu_mem(100, "100m", int64_t{70} * 1024 * 1024, "70Mi");
    t.spec.containers.push_back(std::move(ct));
    t.spec.dns_policy = "Default";
    t.spec.node_selector = {{"kubernetes.io/os", "linux"}};
    t.spec.service_account_name = "coredns";
    t.spec.priority_class_name = "system-cluster-critical";
    t.spec.priority = 2000000000;
    t.spec.tolerations = {toleration("CriticalAddonsOnly", "Exists", ""),
                          toleration("node-role.kubernetes.io/control-plane", "", "NoSchedule")};

    // Deployment: created with 2 replicas, then scaled to 1 (generation 2).
    api::Deployment d;
    d.metadata.name = "coredns";
    d.metadata.namespace_ = kSystem;
    d.metadata.labels = {{"k8s-app", "kube-dns"}};
    d.metadata.annotations = {{"deployment.kubernetes.io/revision", "1"}};
    d.spec.replicas = 2;
    d.spec.selector.match_labels = {{"k8s-app", "kube-dns"}};
    d.spec.template_ = t;
    d.spec.strategy.type = "RollingUpdate";
    d.spec.strategy.max_unavailable = api::IntOrString::Int(1);
    d.spec.strategy.max_surge = api::IntOrString::Str("25%");
    store::Key dkey;
    if (!c.store.create(d, &dkey).ok) return;
    c.store.update_deployment(dkey, [](api::Deployment& x) { x.spec.replicas = 1; });
    const api::Deployment* dep = c.store.deployments().get(dkey);
    const std::string dep_uid = dep->metadata.uid;
    const int64_t created = c.now();

    // ReplicaSet coredns-66bc5c9577.
    const std::string hash = bootstrap::kCoreDnsTemplateHash;
    api::ReplicaSet rs;
    rs.metadata.name = "coredns-" + hash;
    rs.metadata.namespace_ = kSystem;
    rs.metadata.labels = {{"k8s-app", "kube-dns"}, {controllers::kPodTemplateHashLabel, hash}};
    rs.metadata.annotations = {{"deployment.kubernetes.io/desired-replicas", "2"},
                               {"deployment.kubernetes.io/max-replicas", "3"},
                               {"deployment.kubernetes.io/revision", "1"}};
    rs.metadata.owner_references.push_back(owner("apps/v1", "Deployment", "coredns", dep_uid, true));
    rs.spec.replicas = 2;
    rs.spec.selector.match_labels = rs.metadata.labels;
    rs.spec.template_ = t;
    rs.spec.template_.labels[controllers::kPodTemplateHashLabel] = hash;
    store::Key rkey;
    if (!c.store.create(rs, &rkey).ok) return;
    c.store.update_replicaset(rkey, [](api::ReplicaSet& x) {
      x.spec.replicas = 1;
      x.metadata.annotations["deployment.kubernetes.io/desired-replicas"] = "1";
      x.metadata.annotations["deployment.kubernetes.io/max-replicas"] = "2";
    });
    const api::ReplicaSet* stored_rs = c.store.replicasets().get(rkey);
    const api::ReplicaSet rs_copy = *stored_rs;

    // The pod that stayed (pod IP from the node's host-local range: the first, 10.244.0.2).
    api::Pod p = controllers::pod_from_template(rs_copy);
    Run run;
    run.node = 0;
    run.pod_ip = c.network.allocate_pod_ip(c, node_name(0));
    if (run.pod_ip.empty()) run.pod_ip = "10.244.0.2";
    run.scheduled_ms = created;
    run.started_ms = created + 6 * kSec;
    run.ready_ms = created + 8 * kSec;
    make_running(p, run);
    const api::Pod* pod = create_pod(std::move(p));
    if (!pod) return;
    const std::string pod_name = pod->metadata.name;
    start_events(*pod, true);
    // The one minikube's scale-down removed (only its traces remain).
    const std::string gone = rs_copy.metadata.name + "-" + rng().name_suffix(5);

    // Statuses as the controllers left them once the pod was ready.
    c.store.update_replicaset(rkey, [&](api::ReplicaSet& x) {
      x.status.replicas = 1;
      x.status.fully_labeled_replicas = 1;
      x.status.ready_replicas = 1;
      x.status.available_replicas = 1;
      x.status.observed_generation = x.metadata.generation;
    });
    c.store.update_deployment(dkey, [&](api::Deployment& x) {
      x.status.observed_generation = x.metadata.generation;
      x.status.replicas = 1;
      x.status.updated_replicas = 1;
      x.status.ready_replicas = 1;
      x.status.available_replicas = 1;
      x.status.unavailable_replicas = 0;
      api::Condition avail;
      avail.type = "Available";
      avail.status = "True";
      avail.reason = "MinimumReplicasAvailable";
      avail.message = "Deployment has minimum availability.";
      avail.last_update_ms = avail.last_transition_ms = created + 2 * kSec;  // at the scale to 1
      api::Condition prog;
      prog.type = "Progressing";
      prog.status = "True";
      prog.reason = "NewReplicaSetAvailable";
      prog.message = "ReplicaSet \"" + rs_copy.metadata.name + "\" has successfully progressed.";
      prog.last_transition_ms = created;
      prog.last_update_ms = run.ready_ms;
      x.status.conditions = {avail, prog};
    });

    // History: scaled up to 2 (two pods), then down to 1 by minikube.
    const api::ObjectReference dref = ref_of("Deployment", "apps/v1", c.store.deployments().get(dkey)->metadata);
    const api::ObjectReference rref = ref_of("ReplicaSet", "apps/v1", c.store.replicasets().get(rkey)->metadata);
    c.store.record_event(dref, "Normal", "ScalingReplicaSet", "Scaled up replica set " + rs_copy.metadata.name + " from 0 to 2",
                         "deployment-controller");
    c.store.record_event(rref, "Normal", "SuccessfulCreate", "Created pod: " + gone, "replicaset-controller");
    c.store.record_event(rref, "Normal", "SuccessfulCreate", "Created pod: " + pod_name, "replicaset-controller");
    pending_scale_down = {dref, rref, rs_copy.metadata.name, gone};

    // Service kube-dns.
    api::Service s;
    s.metadata.name = "kube-dns";
    s.metadata.namespace_ = kSystem;
    s.metadata.labels = {{"k8s-app", "kube-dns"}, {"kubernetes.io/cluster-service", "true"}, {"kubernetes.io/name", "CoreDNS"}};
    s.metadata.annotations = {{"prometheus.io/port", "9153"}, {"prometheus.io/scrape", "true"}};
    s.spec.type = "ClusterIP";
    s.spec.cluster_ip = "10.96.0.10";
    s.spec.cluster_ips = {"10.96.0.10"};
    s.spec.selector = {{"k8s-app", "kube-dns"}};
    auto sp = [](const char* name, const char* proto, int32_t port) {
      api::ServicePort p;
      p.name = name;
      p.protocol = proto;
      p.port = port;
      p.target_port = api::IntOrString::Int(port);
      return p;
    };
    s.spec.ports = {sp("dns", "UDP", 53), sp("dns-tcp", "TCP", 53), sp("metrics", "TCP", 9153)};
    c.store.create(std::move(s));
  }

  struct ScaleDown { api::ObjectReference dref, rref; std::string rs_name, gone_pod; };
  std::optional<ScaleDown> pending_scale_down;
  void coredns_scale_down_events() {
    if (!pending_scale_down) return;
    auto& s = *pending_scale_down;
    c.store.record_event(s.dref, "Normal", "ScalingReplicaSet", "Scaled down replica set " + s.rs_name + " from 2 to 1",
                         "deployment-controller");
    c.store.record_event(s.rref, "Normal", "SuccessfulDelete", "Deleted pod: " + s.gone_pod, "replicaset-controller");
  }

  // -- storage-provisioner (minikube addon; restarts once: it starts before the API answers) ------
  // Created with the status it has once its first container gave up waiting for the API server
  // (exit 1, ~35 s after creation) and the restart stuck, so the kubelet adopts it as it is.
  std::string storage_provisioner_name;
  int64_t storage_provisioner_restart_ms = 0;
  void storage_provisioner(int64_t restart_ms) {
    api::Pod p;
    p.metadata.name = "storage-provisioner";
    p.metadata.namespace_ = kSystem;
    p.metadata.labels = {{"addonmanager.kubernetes.io/mode", "Reconcile"}, {"integration-test", "storage-provisioner"}};
    p.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"] =
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"labels\":{\"addonmanager.kubernetes.io/mode\":"
        "\"Reconcile\",\"integration-test\":\"storage-provisioner\"},\"name\":\"storage-provisioner\",\"namespace\":\"kube-system\"},"
        "\"spec\":{\"containers\":[{\"command\":[\"/storage-provisioner\"],\"image\":\"gcr.io/k8s-minikube/storage-provisioner:v5\","
        "\"imagePullPolicy\":\"IfNotPresent\",\"name\":\"storage-provisioner\",\"volumeMounts\":[{\"mountPath\":\"/tmp\",\"name\":"
        "\"tmp\"}]}],\"hostNetwork\":true,\"serviceAccountName\":\"storage-provisioner\",\"volumes\":[{\"hostPath\":{\"path\":\"/tmp\","
        "\"type\":\"Directory\"},\"name\":\"tmp\"}]}}\n";
    api::Container ct = container("storage-provisioner", "gcr.io/k8s-minikube/storage-provisioner:v5");
    ct.command = {"/storage-provisioner"};
    p.spec.containers.push_back(std::move(ct));
    p.spec.service_account_name = "storage-provisioner";
    controllers::add_default_tolerations(p.spec);
    const int64_t created = c.now();
    Run run;
    run.scheduled_ms = created;
    run.started_ms = restart_ms;
    run.ready_ms = restart_ms;
    make_running(p, run);
    auto& cs = p.status.container_statuses.front();
    api::ContainerStateTerminated term;
    term.exit_code = 1;
    term.reason = "Error";
    term.started_ms = created + 3 * kSec;
    term.finished_ms = restart_ms - kSec;
    cs.last_state.terminated = term;
    cs.restart_count = 1;
    p.status.conditions[0].last_transition_ms = created + 2 * kSec;  // PodReadyToStartContainers
    const api::Pod* stored = create_pod(std::move(p));
    if (!stored) return;
    storage_provisioner_name = stored->metadata.name;
    storage_provisioner_restart_ms = restart_ms;
    start_events(*stored, true);
  }
  // The kubelet's events for the second start (they aggregate with the first ones: count 2).
  void storage_provisioner_restart_events() {
    const api::Pod* p = c.store.pods().get(store::Key{kSystem, storage_provisioner_name});
    if (!p) return;
    const std::string& node = p->spec.node_name;
    const std::string& name = p->spec.containers.front().name;
    const std::string& image = p->spec.containers.front().image;
    pod_event(*p, "Normal", "Pulled", "Container image \"" + image + "\" already present on machine", "kubelet", node, name);
    pod_event(*p, "Normal", "Created", "Created container: " + name, "kubelet", node, name);
    pod_event(*p, "Normal", "Started", "Started container " + name, "kubelet", node, name);
  }
};

}  // namespace

void Cluster::bootstrap() {
  Builder b{*this, kEpochMs, {}, "", "", {}, "", 0};
  b.kube_proxy_ds_uid = store.rng().uuid();
  const int workers = std::max(0, options.nodes - 1);

  b.go(0);
  b.namespaces();
  b.kubernetes_service();
  settle();

  b.go(1 * kSec);
  b.node(0);
  settle();

  b.go(3 * kSec);
  b.control_plane(false, true);
  settle();

  b.go(5 * kSec);
  b.control_plane(true, false);
  settle();

  b.go(6 * kSec);
  b.registered_node_event(0);

  b.go(8 * kSec);
  b.coredns();
  b.kube_proxy(0);
  settle();

  b.go(10 * kSec);
  b.coredns_scale_down_events();

  b.go(11 * kSec);
  b.storage_provisioner(b.at(46 * kSec));
  settle();

  if (workers > 0) {
    b.go(20 * kSec);
    for (int i = 1; i <= workers; ++i) b.node(i);
    settle();
    b.go(22 * kSec);
    for (int i = 1; i <= workers; ++i) {
      b.registered_node_event(i);
      b.kube_proxy(i);
    }
    settle();
  }

  b.go(46 * kSec);
  b.storage_provisioner_restart_events();

  run_until(kEpochMs + bootstrap::kSessionStartOffsetMs);
}

}  // namespace kubesim
