// kubesim — the API server stand-in. Every writer (kubectl and every controller) goes through
// these calls: they assign uid / resourceVersion / generation / timestamps, keep the indexes
// (pods by controller owner, pods by node), and append to the change log that the cluster loop
// dispatches to controller work queues (our "watch").
//
// Lists are ordered by (namespace, name), which is the order a real API server returns (etcd key
// order), so printers never sort.
#pragma once
#include <compare>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "api/types.h"
#include "sim/rng.h"

namespace kubesim::store {

enum class Kind : uint8_t { Pod, ReplicaSet, Deployment, Service, Endpoints, Node, Namespace, Event };

struct Key {
  std::string namespace_;
  std::string name;
  // Explicit comparisons: Emscripten's libc++ 14 has no operator<=> for std::string.
  bool operator<(const Key& o) const { int c = namespace_.compare(o.namespace_); return c != 0 ? c < 0 : name < o.name; }
  bool operator==(const Key& o) const { return namespace_ == o.namespace_ && name == o.name; }
  bool operator!=(const Key& o) const { return !(*this == o); }
  std::string str() const { return namespace_.empty() ? name : namespace_ + "/" + name; }
};

enum class ChangeType : uint8_t { Added, Modified, Deleted };

struct Change {
  Kind kind;
  ChangeType type;
  Key key;
  std::string uid;
  // For objects with a controller ownerReference: the owner's name (same namespace).
  std::string owner_kind, owner_name;
};

// An ordered table of one kind of object. Pointers stay valid until the object is removed.
template <class T>
class Table {
 public:
  const T* get(const Key& k) const { auto it = items_.find(k); return it == items_.end() ? nullptr : &it->second; }
  const T* get(const std::string& ns, const std::string& name) const { return get(Key{ns, name}); }
  size_t size() const { return items_.size(); }
  auto begin() const { return items_.cbegin(); }
  auto end() const { return items_.cend(); }
  // All objects of one namespace, in name order.
  auto in_namespace(const std::string& ns) const {
    struct Range { typename std::map<Key, T>::const_iterator b, e; auto begin() const { return b; } auto end() const { return e; } };
    return Range{items_.lower_bound(Key{ns, ""}), items_.lower_bound(Key{ns + '\x01', ""})};
  }

 private:
  friend class Store;
  std::map<Key, T> items_;
};

struct Status {  // result of a write
  bool ok = true;
  std::string reason;   // "AlreadyExists", "NotFound", "Invalid", "Conflict"
  std::string message;  // full error text as the API server words it
  static Status Ok() { return {}; }
  static Status Err(std::string reason, std::string message) { return {false, std::move(reason), std::move(message)}; }
};

class Store {
 public:
  explicit Store(uint64_t seed = 1, int64_t start_ms = 0) : rng_(seed), now_ms_(start_ms) {}

  // [SECTION] clock and randomness (owned here so a copy of the store is a copy of the world)
  int64_t now() const { return now_ms_; }
  void set_now(int64_t ms) { now_ms_ = ms; }
  sim::Rng& rng() { return rng_; }

  // [SECTION] tables (read-only; write through the calls below)
  const Table<api::Pod>& pods() const { return pods_; }
  const Table<api::ReplicaSet>& replicasets() const { return replicasets_; }
  const Table<api::Deployment>& deployments() const { return deployments_; }
  const Table<api::Service>& services() const { return services_; }
  const Table<api::Endpoints>& endpoints() const { return endpoints_; }
  const Table<api::Node>& nodes() const { return nodes_; }
  const Table<api::Namespace>& namespaces() const { return namespaces_; }
  const Table<api::Event>& events() const { return events_; }

  // [SECTION] indexes
  // Pods whose controller ownerReference points at `owner_uid`.
  const std::set<Key>& pods_owned_by(const std::string& owner_uid) const;
  // Pods bound to a node (spec.nodeName).
  const std::set<Key>& pods_on_node(const std::string& node) const;
  // ReplicaSets whose controller ownerReference points at `owner_uid`.
  const std::set<Key>& replicasets_owned_by(const std::string& owner_uid) const;

  // [SECTION] writes
  // create: fills uid, creationTimestamp, resourceVersion, generation (=1 for workloads), and a
  // name from metadata.generate_name + 5 random characters when name is empty. Fails with
  // AlreadyExists. `out_key` receives the key of the created object.
  Status create(api::Pod obj, Key* out_key = nullptr);
  Status create(api::ReplicaSet obj, Key* out_key = nullptr);
  Status create(api::Deployment obj, Key* out_key = nullptr);
  Status create(api::Service obj, Key* out_key = nullptr);
  Status create(api::Endpoints obj, Key* out_key = nullptr);
  Status create(api::Node obj, Key* out_key = nullptr);
  Status create(api::Namespace obj, Key* out_key = nullptr);

  // update: runs `fn` on the stored object, then bumps resourceVersion (and generation when the
  // spec of a Deployment/ReplicaSet changed) and logs a Modified change. NotFound if absent.
  Status update_pod(const Key& k, const std::function<void(api::Pod&)>& fn);
  Status update_replicaset(const Key& k, const std::function<void(api::ReplicaSet&)>& fn);
  Status update_deployment(const Key& k, const std::function<void(api::Deployment&)>& fn);
  Status update_service(const Key& k, const std::function<void(api::Service&)>& fn);
  Status update_endpoints(const Key& k, const std::function<void(api::Endpoints&)>& fn);
  Status update_node(const Key& k, const std::function<void(api::Node&)>& fn);

  // remove: deletes the object now (graceful pod deletion is the kubelet's business: it sets
  // deletionTimestamp with update_pod and calls remove when the grace period is over).
  Status remove(Kind kind, const Key& k);

  // Events: identical events (same object, reason, message, source) are aggregated into one
  // with count+1 and a new lastTimestamp, as client-go's EventCorrelator does. Events expire
  // after 1 h (apiserver --event-ttl) and at most kMaxEvents are kept (oldest dropped first).
  static constexpr size_t kMaxEvents = 200000;
  void record_event(const api::ObjectReference& obj, const std::string& type, const std::string& reason,
                    const std::string& message, const std::string& component, const std::string& host = "");

  // Recently deleted pods (timeline.deleted_ms set), newest last, for the canvas to fade out.
  static constexpr size_t kMaxTombstones = 4096;
  const std::deque<api::Pod>& pod_tombstones() const { return pod_tombstones_; }

  // [SECTION] change log (the "watch"): the cluster loop drains it into controller queues.
  std::vector<Change> take_changes() { std::vector<Change> c; c.swap(changes_); return c; }
  bool has_changes() const { return !changes_.empty(); }
  uint64_t resource_version() const { return resource_version_; }

 private:
  template <class T> Status create_in(Table<T>& t, Kind kind, T obj, Key* out_key);
  template <class T> Status update_in(Table<T>& t, Kind kind, const Key& k, const std::function<void(T&)>& fn);
  void index_pod(const api::Pod& p, bool add);
  void index_rs(const api::ReplicaSet& rs, bool add);
  void log_change(Kind kind, ChangeType type, const api::ObjectMeta& m);
  void expire_events();

  sim::Rng rng_;
  int64_t now_ms_ = 0;
  uint64_t resource_version_ = 1000;

  Table<api::Pod> pods_;
  Table<api::ReplicaSet> replicasets_;
  Table<api::Deployment> deployments_;
  Table<api::Service> services_;
  Table<api::Endpoints> endpoints_;
  Table<api::Node> nodes_;
  Table<api::Namespace> namespaces_;
  Table<api::Event> events_;

  std::map<std::string, std::set<Key>> pods_by_owner_, pods_by_node_, rs_by_owner_;
  std::map<std::string, Key> event_by_aggregate_;  // aggregation key -> event key
  std::deque<Key> event_order_;                    // creation order, for expiry
  std::deque<api::Pod> pod_tombstones_;
  std::vector<Change> changes_;
};

const char* kind_name(Kind k);  // "Pod", "ReplicaSet", …

}  // namespace kubesim::store
