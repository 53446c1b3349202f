// kubesim — the Kubernetes object model (apps/v1 Deployment & ReplicaSet, v1 Pod, Service,
// Endpoints, Node, Namespace, Event), as plain structs.
//
// Field names follow the Kubernetes API; times are simulated milliseconds (see sim/clock.h:
// `ms` values are absolute, i.e. milliseconds since the Unix epoch in the simulated world, so
// printers can show RFC1123Z dates directly). JSON conversion lives in api/json.h.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/istr.h"

namespace kubesim::api {

using Labels = std::map<std::string, std::string>;  // also used for annotations, selectors

// A vector shared between copies until one of them writes (copy-on-write). Pods copy their
// template's containers and tolerations, so the 150,000 pods of one ReplicaSet hold one copy.
// Reading never copies: begin/end/[] exist only as const; writers call mut() (or push_back),
// which clones the vector first when somebody else still holds it.
template <class T>
class SharedVector {
 public:
  using value_type = T;
  using const_iterator = typename std::vector<T>::const_iterator;
  using iterator = const_iterator;
  using size_type = size_t;
  SharedVector() = default;
  SharedVector(std::initializer_list<T> il) { if (il.size()) p_ = std::make_shared<std::vector<T>>(il); }
  SharedVector(std::vector<T> v) { if (!v.empty()) p_ = std::make_shared<std::vector<T>>(std::move(v)); }  // NOLINT: implicit on purpose
  SharedVector& operator=(std::vector<T> v) { *this = SharedVector(std::move(v)); return *this; }
  SharedVector& operator=(std::initializer_list<T> il) { *this = SharedVector(il); return *this; }

  const std::vector<T>& vec() const { return p_ ? *p_ : empty_vector(); }
  operator const std::vector<T>&() const { return vec(); }  // NOLINT: reads pass it where a vector is taken
  const_iterator begin() const { return vec().begin(); }
  const_iterator end() const { return vec().end(); }
  size_t size() const { return p_ ? p_->size() : 0; }
  bool empty() const { return size() == 0; }
  const T& operator[](size_t i) const { return (*p_)[i]; }
  const T& at(size_t i) const { return vec().at(i); }
  const T& front() const { return p_->front(); }
  const T& back() const { return p_->back(); }

  // The vector to write to, this object's own.
  std::vector<T>& mut() {
    if (!p_) p_ = std::make_shared<std::vector<T>>();
    else if (p_.use_count() > 1) p_ = std::make_shared<std::vector<T>>(*p_);
    return *p_;
  }
  void push_back(T v) { mut().push_back(std::move(v)); }
  template <class... A> T& emplace_back(A&&... a) { return mut().emplace_back(std::forward<A>(a)...); }
  void clear() { p_.reset(); }
  bool shares_with(const SharedVector& o) const { return p_ == o.p_; }
  bool operator==(const SharedVector& o) const { return p_ == o.p_ || vec() == o.vec(); }

 private:
  static const std::vector<T>& empty_vector() { static const std::vector<T> e; return e; }
  std::shared_ptr<std::vector<T>> p_;  // never written through while use_count() > 1
};

// Labels shared between copies until one of them writes (copy-on-write), as SharedVector: the
// pods of one ReplicaSet carry the same labels. Reads never copy; operator[], insert, erase and
// mut() write (and clone first when the map is shared).
class SharedLabels {
 public:
  using value_type = Labels::value_type;
  using key_type = Labels::key_type;
  using mapped_type = Labels::mapped_type;
  using const_iterator = Labels::const_iterator;
  using iterator = const_iterator;
  SharedLabels() = default;
  SharedLabels(Labels m) { if (!m.empty()) p_ = std::make_shared<Labels>(std::move(m)); }  // NOLINT: implicit on purpose
  SharedLabels(std::initializer_list<value_type> il) : SharedLabels(Labels(il)) {}
  SharedLabels& operator=(Labels m) { *this = SharedLabels(std::move(m)); return *this; }
  SharedLabels& operator=(std::initializer_list<value_type> il) { *this = SharedLabels(Labels(il)); return *this; }

  const Labels& map() const { return p_ ? *p_ : empty_map(); }
  operator const Labels&() const { return map(); }  // NOLINT
  const_iterator begin() const { return map().begin(); }
  const_iterator end() const { return map().end(); }
  size_t size() const { return p_ ? p_->size() : 0; }
  bool empty() const { return size() == 0; }
  const_iterator find(const std::string& k) const { return map().find(k); }
  size_t count(const std::string& k) const { return map().count(k); }
  bool contains(const std::string& k) const { return map().count(k) != 0; }
  const std::string& at(const std::string& k) const { return map().at(k); }

  Labels& mut() {
    if (!p_) p_ = std::make_shared<Labels>();
    else if (p_.use_count() > 1) p_ = std::make_shared<Labels>(*p_);
    return *p_;
  }
  std::string& operator[](const std::string& k) { return mut()[k]; }
  template <class... A> auto insert(A&&... a) { return mut().insert(std::forward<A>(a)...); }
  template <class... A> auto emplace(A&&... a) { return mut().emplace(std::forward<A>(a)...); }
  template <class... A> auto insert_or_assign(A&&... a) { return mut().insert_or_assign(std::forward<A>(a)...); }
  size_t erase(const std::string& k) { return p_ && p_->count(k) ? mut().erase(k) : 0; }
  void clear() { p_.reset(); }
  bool operator==(const SharedLabels& o) const { return p_ == o.p_ || map() == o.map(); }
  // The very same shared map (not merely equal contents): pods made from one template share one.
  bool same_map(const SharedLabels& o) const { return p_ && p_ == o.p_; }
  bool operator==(const Labels& o) const { return map() == o; }

 private:
  static const Labels& empty_map() { static const Labels e; return e; }
  std::shared_ptr<Labels> p_;  // never written through while use_count() > 1
};

// [SECTION] metadata -----------------------------------------------------------------------------
struct OwnerReference {
  std::string api_version;  // "apps/v1"
  std::string kind;         // "ReplicaSet"
  std::string name;
  std::string uid;
  bool controller = true;
  bool block_owner_deletion = true;
};

struct ObjectMeta {
  std::string name;
  IStr generate_name;
  IStr namespace_;         // empty for cluster-scoped objects (Node, Namespace)
  std::string uid;
  SharedLabels labels;     // shared by the pods of one ReplicaSet (copy-on-write)
  Labels annotations;
  SharedVector<OwnerReference> owner_references;  // shared by the pods of one ReplicaSet (copy-on-write)
  int64_t creation_ms = 0;                 // creationTimestamp
  std::optional<int64_t> deletion_ms;      // deletionTimestamp (set when graceful deletion starts)
  std::optional<int64_t> deletion_grace_period_seconds;
  int64_t generation = 0;                  // bumped by the store on spec changes (Deployment, RS)
  uint64_t resource_version = 0;           // bumped by the store on every write
  std::vector<std::string> finalizers;

  const OwnerReference* controller_ref() const {
    for (auto& o : owner_references) if (o.controller) return &o;
    return nullptr;
  }
};

// IntOrString (maxSurge, maxUnavailable, targetPort).
struct IntOrString {
  bool is_string = false;
  int64_t int_value = 0;
  std::string str_value;
  static IntOrString Int(int64_t v) { IntOrString x; x.int_value = v; return x; }
  static IntOrString Str(std::string s) { IntOrString x; x.is_string = true; x.str_value = std::move(s); return x; }
  std::string to_string() const { return is_string ? str_value : std::to_string(int_value); }
  bool operator==(const IntOrString&) const = default;
};

struct LabelSelector {
  Labels match_labels;  // matchExpressions are not modelled (kubectl create/expose never make them)
  bool empty() const { return match_labels.empty(); }
  bool matches(const Labels& l) const {
    for (auto& [k, v] : match_labels) { auto it = l.find(k); if (it == l.end() || it->second != v) return false; }
    return true;
  }
  bool operator==(const LabelSelector&) const = default;
};

// [SECTION] pod spec -----------------------------------------------------------------------------
// Quantities are kept in canonical integer units plus the string the user wrote (for printing).
struct ResourceList {
  std::optional<int64_t> cpu_milli;      // "250m" -> 250, "1" -> 1000
  std::optional<int64_t> memory_bytes;   // "64Mi" -> 67108864
  std::string cpu_text, memory_text;     // as written, e.g. "250m", "64Mi"
  bool empty() const { return !cpu_milli && !memory_bytes; }
  bool operator==(const ResourceList&) const = default;
};

struct ContainerPort {
  std::string name;
  int32_t container_port = 0;
  std::string protocol = "TCP";
  bool operator==(const ContainerPort&) const = default;
};

struct EnvVar {
  std::string name, value;
  bool operator==(const EnvVar&) const = default;
};

struct Container {
  std::string name;
  std::string image;
  std::string image_pull_policy = "IfNotPresent";  // "Always" when the tag is :latest or missing
  std::vector<std::string> command, args;
  std::vector<ContainerPort> ports;
  std::vector<EnvVar> env;
  ResourceList requests, limits;
  std::string termination_message_path = "/dev/termination-log";
  std::string termination_message_policy = "File";
  bool stdin_open = false, stdin_once = false, tty = false;  // stdin, stdinOnce, tty (`kubectl run -i -t`; `stdin` is a C macro)
  bool operator==(const Container&) const = default;
};

struct Toleration {
  std::string key, op = "Exists", value, effect;
  std::optional<int64_t> toleration_seconds;
  bool operator==(const Toleration&) const = default;
};

struct PodSpec {
  SharedVector<Container> containers;     // shared with the template (copy-on-write)
  IStr restart_policy = "Always";
  int64_t termination_grace_period_seconds = 30;
  IStr dns_policy = "ClusterFirst";
  IStr scheduler_name = "default-scheduler";
  IStr service_account_name = "default";
  IStr node_name;                            // set by the scheduler (binding)
  SharedLabels node_selector;             // shared with the template (copy-on-write); 16 bytes, not 48
  SharedVector<Toleration> tolerations;     // pods get the two 300 s defaults at admission
  IStr priority_class_name;
  int32_t priority = 0;
  bool operator==(const PodSpec&) const = default;
};

struct PodTemplateSpec {
  Labels labels;
  Labels annotations;
  PodSpec spec;
  bool operator==(const PodTemplateSpec&) const = default;
};

// [SECTION] pod status ---------------------------------------------------------------------------
struct ContainerStateWaiting { IStr reason, message; };
struct ContainerStateRunning { int64_t started_ms = 0; };
struct ContainerStateTerminated {
  int32_t exit_code = 0;
  int32_t signal = 0;
  IStr reason, message;
  int64_t started_ms = 0, finished_ms = 0;
};
// An optional value kept on the heap: 8 bytes when empty. Container states are mostly empty
// (a running container has no waiting, terminated or last state), and a 150,000-pod cluster holds
// 300,000 of them. Same interface as std::optional where the code uses it; copies are deep.
template <class T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(std::nullopt_t) {}  // NOLINT: like std::optional
  Boxed(const T& v) : p_(std::make_unique<T>(v)) {}  // NOLINT
  Boxed(T&& v) : p_(std::make_unique<T>(std::move(v))) {}  // NOLINT
  Boxed(const Boxed& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  Boxed& operator=(std::nullopt_t) { p_.reset(); return *this; }
  Boxed& operator=(const T& v) { if (p_) *p_ = v; else p_ = std::make_unique<T>(v); return *this; }
  Boxed& operator=(T&& v) { if (p_) *p_ = std::move(v); else p_ = std::make_unique<T>(std::move(v)); return *this; }
  explicit operator bool() const { return p_ != nullptr; }
  bool has_value() const { return p_ != nullptr; }
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  const T& value() const { return *p_; }
  T& value() { return *p_; }
  void reset() { p_.reset(); }
  template <class... A> T& emplace(A&&... a) { p_ = std::make_unique<T>(std::forward<A>(a)...); return *p_; }

 private:
  std::unique_ptr<T> p_;
};

struct ContainerState {  // exactly one is set (or none before the kubelet reports)
  Boxed<ContainerStateWaiting> waiting;
  Boxed<ContainerStateRunning> running;
  Boxed<ContainerStateTerminated> terminated;
};

struct ContainerStatus {
  IStr name;
  IStr image;
  IStr image_id;              // "docker-pullable://…@sha256:…"
  std::string container_id;   // "docker://…"
  bool ready = false;
  bool started = false;
  int32_t restart_count = 0;
  ContainerState state;
  ContainerState last_state;
};

struct Condition {  // PodCondition, NodeCondition, DeploymentCondition, ReplicaSetCondition
  IStr type;
  IStr status;  // "True" | "False" | "Unknown"
  // Besides lastTransitionTime each kind has at most one more time: a pod's lastProbeTime, a
  // node's lastHeartbeatTime, a Deployment's lastUpdateTime (a ReplicaSet's has none). They share
  // one place (a pod holds five conditions: 80 bytes less per pod). All three names are the same
  // int64_t, so reading any of them reads that time.
  union {
    int64_t last_update_ms = 0;
    int64_t last_heartbeat_ms;
    int64_t last_probe_ms;
  };
  int64_t last_transition_ms = 0;
  IStr reason, message;
};

struct PodStatus {
  IStr phase = "Pending";  // Pending Running Succeeded Failed Unknown
  std::vector<Condition> conditions;
  IStr reason, message;
  IStr host_ip;
  std::string pod_ip;
  std::optional<int64_t> start_ms;  // startTime: when the kubelet accepted the pod
  std::vector<ContainerStatus> container_statuses;
  IStr qos_class = "BestEffort";
};

// Per-pod lifecycle timestamps for the canvas and the inspector (not part of the API shape).
// 0 = has not happened yet.
struct PodTimeline {
  int64_t created_ms = 0;
  int64_t scheduled_ms = 0;
  int64_t pull_started_ms = 0;
  int64_t pull_done_ms = 0;      // when the image is present (pulled or cached)
  int64_t pull_expected_ms = 0;  // when the running pull will finish (for a progress bar)
  int64_t started_ms = 0;        // container started
  int64_t ready_ms = 0;
  int64_t terminating_ms = 0;    // deletionTimestamp set
  int64_t deleted_ms = 0;        // object removed (only seen on tombstones)
  int64_t backoff_until_ms = 0;  // ImagePullBackOff / CrashLoopBackOff window end
};

// Where the store keeps a pod's event bookkeeping (store::Store::record_event), remembered in the
// pod so its next event finds it without a hash lookup: the store's table entry, whose key the
// store checks on every use. Not part of the API object: a copy (or a move) starts empty, so only
// the stored pod itself ever holds one.
struct EventBookRef {
  void* book = nullptr;
  EventBookRef() = default;
  EventBookRef(const EventBookRef&) {}
  EventBookRef& operator=(const EventBookRef&) {
    book = nullptr;
    return *this;
  }
};

struct Pod {
  ObjectMeta metadata;
  PodSpec spec;
  PodStatus status;
  PodTimeline timeline;
  mutable EventBookRef event_book;
};

// [SECTION] workloads ----------------------------------------------------------------------------
struct ReplicaSetSpec {
  int32_t replicas = 1;
  int32_t min_ready_seconds = 0;
  LabelSelector selector;
  PodTemplateSpec template_;
  bool operator==(const ReplicaSetSpec&) const = default;
};
struct ReplicaSetStatus {
  int32_t replicas = 0;
  int32_t fully_labeled_replicas = 0;
  int32_t ready_replicas = 0;
  int32_t available_replicas = 0;
  int64_t observed_generation = 0;
  std::vector<Condition> conditions;
};
struct ReplicaSet {
  ObjectMeta metadata;
  ReplicaSetSpec spec;
  ReplicaSetStatus status;
};

struct DeploymentStrategy {
  std::string type = "RollingUpdate";  // or "Recreate"
  IntOrString max_surge = IntOrString::Str("25%");
  IntOrString max_unavailable = IntOrString::Str("25%");
  bool operator==(const DeploymentStrategy&) const = default;
};
struct DeploymentSpec {
  int32_t replicas = 1;
  LabelSelector selector;
  PodTemplateSpec template_;
  DeploymentStrategy strategy;
  int32_t min_ready_seconds = 0;
  int32_t revision_history_limit = 10;
  int32_t progress_deadline_seconds = 600;
  bool paused = false;
  bool operator==(const DeploymentSpec&) const = default;
};
struct DeploymentStatus {
  int64_t observed_generation = 0;
  int32_t replicas = 0;
  int32_t updated_replicas = 0;
  int32_t ready_replicas = 0;
  int32_t available_replicas = 0;
  int32_t unavailable_replicas = 0;
  std::vector<Condition> conditions;
  std::optional<int32_t> collision_count;
};
struct Deployment {
  ObjectMeta metadata;
  DeploymentSpec spec;
  DeploymentStatus status;
};

// [SECTION] networking ---------------------------------------------------------------------------
struct ServicePort {
  std::string name;
  std::string protocol = "TCP";
  int32_t port = 0;
  IntOrString target_port;
  int32_t node_port = 0;  // 0 = none
};
struct ServiceSpec {
  std::string type = "ClusterIP";  // ClusterIP NodePort LoadBalancer ExternalName
  std::string cluster_ip;          // "None" for headless
  std::vector<std::string> cluster_ips;
  std::vector<std::string> external_ips;
  std::string external_name;
  std::vector<ServicePort> ports;
  Labels selector;
  std::string session_affinity = "None";
  std::string external_traffic_policy;  // "Cluster" for NodePort/LoadBalancer
  std::string internal_traffic_policy = "Cluster";
  std::vector<std::string> ip_families = {"IPv4"};
  std::string ip_family_policy = "SingleStack";
  bool allocate_load_balancer_node_ports = true;
};
struct ServiceStatus {
  std::vector<std::string> load_balancer_ingress_ips;  // empty → EXTERNAL-IP <pending> for LB
};
struct Service {
  ObjectMeta metadata;
  ServiceSpec spec;
  ServiceStatus status;
};

struct ObjectReference {
  IStr kind, namespace_;
  std::string name, uid;
  IStr api_version, field_path;
  std::string resource_version;
};
struct EndpointAddress {
  std::string ip;
  std::string node_name;
  ObjectReference target_ref;  // the Pod
};
struct EndpointPort { std::string name; int32_t port = 0; std::string protocol = "TCP"; };
struct EndpointSubset {
  std::vector<EndpointAddress> addresses;
  std::vector<EndpointAddress> not_ready_addresses;
  std::vector<EndpointPort> ports;
};
struct Endpoints {
  ObjectMeta metadata;
  std::vector<EndpointSubset> subsets;
};

// [SECTION] cluster ------------------------------------------------------------------------------
struct Taint { std::string key, value, effect; std::optional<int64_t> time_added_ms; };
struct NodeAddress { std::string type, address; };  // InternalIP, Hostname
struct NodeSystemInfo {
  std::string machine_id, system_uuid, boot_id;
  std::string kernel_version = "6.8.0-1015-gcp";
  std::string os_image = "Ubuntu 22.04.5 LTS";
  std::string container_runtime_version = "docker://28.4.0";
  std::string kubelet_version = "v1.34.0";
  std::string kube_proxy_version = "v1.34.0";
  std::string operating_system = "linux";
  std::string architecture = "amd64";
};
struct NodeSpec {
  std::string pod_cidr;
  std::vector<std::string> pod_cidrs;
  bool unschedulable = false;
  std::vector<Taint> taints;
};
struct NodeStatus {
  ResourceList capacity, allocatable;  // cpu, memory
  int64_t capacity_pods = 110, allocatable_pods = 110;
  int64_t ephemeral_storage_bytes = 0, hugepages_bytes = 0;
  std::vector<Condition> conditions;  // MemoryPressure DiskPressure PIDPressure Ready
  std::vector<NodeAddress> addresses;
  NodeSystemInfo node_info;
};
struct Node {
  ObjectMeta metadata;
  NodeSpec spec;
  NodeStatus status;
};

struct Namespace {
  ObjectMeta metadata;
  std::string phase = "Active";
};

struct Event {  // core/v1 Event
  ObjectMeta metadata;  // name = <involved name>.<16 hex>
  ObjectReference involved_object;
  std::string reason;
  std::string message;
  std::string source_component;  // "default-scheduler", "kubelet", "deployment-controller", …
  std::string source_host;       // node name for kubelet events
  int64_t first_ms = 0, last_ms = 0;
  int32_t count = 1;
  std::string type = "Normal";   // or "Warning"
  std::string reporting_component, reporting_instance;
  // Set (e.g. "Binding") on an event recorded through events.k8s.io/v1, as the scheduler records
  // its Scheduled: the core/v1 view of such an event has eventTime (microseconds) and neither
  // firstTimestamp, lastTimestamp, count nor source. first_ms and last_ms still hold its time here.
  std::string action;
};

}  // namespace kubesim::api
