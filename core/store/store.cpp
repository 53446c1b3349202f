#include "store/store.h"

namespace kubesim::store {

namespace {
const std::set<Key>& empty_keys() { static const std::set<Key> e; return e; }
template <class T> std::string plural_for();
template <> std::string plural_for<api::Pod>() { return "pods"; }
template <> std::string plural_for<api::ReplicaSet>() { return "replicasets.apps"; }
template <> std::string plural_for<api::Deployment>() { return "deployments.apps"; }
template <> std::string plural_for<api::Service>() { return "services"; }
template <> std::string plural_for<api::Endpoints>() { return "endpoints"; }
template <> std::string plural_for<api::Node>() { return "nodes"; }
template <> std::string plural_for<api::Namespace>() { return "namespaces"; }

// Workloads: the API server bumps metadata.generation when the spec changes.
template <class T> bool spec_changed(const T&, const T&) { return false; }
template <> bool spec_changed(const api::Deployment& a, const api::Deployment& b) { return !(a.spec == b.spec); }
template <> bool spec_changed(const api::ReplicaSet& a, const api::ReplicaSet& b) { return !(a.spec == b.spec); }
template <class T> constexpr bool has_generation() { return std::is_same_v<T, api::Deployment> || std::is_same_v<T, api::ReplicaSet>; }
}  // namespace

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Pod: return "Pod";
    case Kind::ReplicaSet: return "ReplicaSet";
    case Kind::Deployment: return "Deployment";
    case Kind::Service: return "Service";
    case Kind::Endpoints: return "Endpoints";
    case Kind::Node: return "Node";
    case Kind::Namespace: return "Namespace";
    case Kind::Event: return "Event";
  }
  return "?";
}

const std::set<Key>& Store::pods_owned_by(const std::string& uid) const {
  auto it = pods_by_owner_.find(uid);
  return it == pods_by_owner_.end() ? empty_keys() : it->second;
}
const std::set<Key>& Store::pods_on_node(const std::string& node) const {
  auto it = pods_by_node_.find(node);
  return it == pods_by_node_.end() ? empty_keys() : it->second;
}
const std::set<Key>& Store::replicasets_owned_by(const std::string& uid) const {
  auto it = rs_by_owner_.find(uid);
  return it == rs_by_owner_.end() ? empty_keys() : it->second;
}

void Store::index_pod(const api::Pod& p, bool add) {
  Key k{p.metadata.namespace_, p.metadata.name};
  auto apply = [&](std::map<std::string, std::set<Key>>& idx, const std::string& v) {
    if (v.empty()) return;
    if (add) { idx[v].insert(k); return; }
    auto it = idx.find(v);
    if (it == idx.end()) return;
    it->second.erase(k);
    if (it->second.empty()) idx.erase(it);
  };
  if (auto* o = p.metadata.controller_ref()) apply(pods_by_owner_, o->uid);
  apply(pods_by_node_, p.spec.node_name);
}

void Store::index_rs(const api::ReplicaSet& rs, bool add) {
  auto* o = rs.metadata.controller_ref();
  if (!o) return;
  Key k{rs.metadata.namespace_, rs.metadata.name};
  if (add) { rs_by_owner_[o->uid].insert(k); return; }
  auto it = rs_by_owner_.find(o->uid);
  if (it == rs_by_owner_.end()) return;
  it->second.erase(k);
  if (it->second.empty()) rs_by_owner_.erase(it);
}

void Store::log_change(Kind kind, ChangeType type, const api::ObjectMeta& m) {
  Change c{kind, type, Key{m.namespace_, m.name}, m.uid, "", ""};
  if (auto* o = m.controller_ref()) { c.owner_kind = o->kind; c.owner_name = o->name; }
  changes_.push_back(std::move(c));
}

template <class T>
Status Store::create_in(Table<T>& t, Kind kind, T obj, Key* out_key) {
  auto& m = obj.metadata;
  if (m.name.empty()) {
    if (m.generate_name.empty()) return Status::Err("Invalid", "resource name may not be empty");
    std::string base = m.generate_name;
    if (base.size() > 58) base.resize(58);
    for (int attempt = 0;; ++attempt) {
      std::string candidate = base + rng_.name_suffix(5);
      if (!t.items_.count(Key{m.namespace_, candidate}) || attempt > 16) { m.name = candidate; break; }
    }
  }
  Key k{m.namespace_, m.name};
  if (t.items_.count(k))
    return Status::Err("AlreadyExists", plural_for<T>() + " \"" + m.name + "\" already exists");
  m.uid = rng_.uuid();
  m.creation_ms = now_ms_;
  m.resource_version = ++resource_version_;
  if constexpr (has_generation<T>()) m.generation = 1;
  if constexpr (std::is_same_v<T, api::Pod>) { obj.timeline.created_ms = now_ms_; index_pod(obj, true); }
  if constexpr (std::is_same_v<T, api::ReplicaSet>) index_rs(obj, true);
  log_change(kind, ChangeType::Added, m);
  t.items_.emplace(k, std::move(obj));
  if (out_key) *out_key = k;
  return Status::Ok();
}

template <class T>
Status Store::update_in(Table<T>& t, Kind kind, const Key& k, const std::function<void(T&)>& fn) {
  auto it = t.items_.find(k);
  if (it == t.items_.end()) return Status::Err("NotFound", plural_for<T>() + " \"" + k.name + "\" not found");
  T& obj = it->second;
  if constexpr (std::is_same_v<T, api::Pod>) index_pod(obj, false);
  if constexpr (std::is_same_v<T, api::ReplicaSet>) index_rs(obj, false);
  if constexpr (has_generation<T>()) {
    T before = obj;
    fn(obj);
    if (spec_changed(before, obj)) obj.metadata.generation = before.metadata.generation + 1;
  } else {
    fn(obj);
  }
  // identity is immutable
  obj.metadata.name = k.name;
  obj.metadata.namespace_ = k.namespace_;
  obj.metadata.resource_version = ++resource_version_;
  if constexpr (std::is_same_v<T, api::Pod>) index_pod(obj, true);
  if constexpr (std::is_same_v<T, api::ReplicaSet>) index_rs(obj, true);
  log_change(kind, ChangeType::Modified, obj.metadata);
  return Status::Ok();
}

Status Store::create(api::Pod o, Key* k) { return create_in(pods_, Kind::Pod, std::move(o), k); }
Status Store::create(api::ReplicaSet o, Key* k) { return create_in(replicasets_, Kind::ReplicaSet, std::move(o), k); }
Status Store::create(api::Deployment o, Key* k) { return create_in(deployments_, Kind::Deployment, std::move(o), k); }
Status Store::create(api::Service o, Key* k) { return create_in(services_, Kind::Service, std::move(o), k); }
Status Store::create(api::Endpoints o, Key* k) { return create_in(endpoints_, Kind::Endpoints, std::move(o), k); }
Status Store::create(api::Node o, Key* k) { return create_in(nodes_, Kind::Node, std::move(o), k); }
Status Store::create(api::Namespace o, Key* k) { return create_in(namespaces_, Kind::Namespace, std::move(o), k); }

Status Store::update_pod(const Key& k, const std::function<void(api::Pod&)>& fn) { return update_in(pods_, Kind::Pod, k, fn); }
Status Store::update_replicaset(const Key& k, const std::function<void(api::ReplicaSet&)>& fn) { return update_in(replicasets_, Kind::ReplicaSet, k, fn); }
Status Store::update_deployment(const Key& k, const std::function<void(api::Deployment&)>& fn) { return update_in(deployments_, Kind::Deployment, k, fn); }
Status Store::update_service(const Key& k, const std::function<void(api::Service&)>& fn) { return update_in(services_, Kind::Service, k, fn); }
Status Store::update_endpoints(const Key& k, const std::function<void(api::Endpoints&)>& fn) { return update_in(endpoints_, Kind::Endpoints, k, fn); }
Status Store::update_node(const Key& k, const std::function<void(api::Node&)>& fn) { return update_in(nodes_, Kind::Node, k, fn); }

Status Store::remove(Kind kind, const Key& k) {
  auto erase = [&](auto& table) -> Status {
    using T = typename std::decay_t<decltype(table.items_)>::mapped_type;
    auto it = table.items_.find(k);
    if (it == table.items_.end()) return Status::Err("NotFound", plural_for<T>() + " \"" + k.name + "\" not found");
    ++resource_version_;
    if constexpr (std::is_same_v<T, api::Pod>) {
      index_pod(it->second, false);
      api::Pod tomb = it->second;
      tomb.timeline.deleted_ms = now_ms_;
      pod_tombstones_.push_back(std::move(tomb));
      if (pod_tombstones_.size() > kMaxTombstones) pod_tombstones_.pop_front();
    }
    if constexpr (std::is_same_v<T, api::ReplicaSet>) index_rs(it->second, false);
    log_change(kind, ChangeType::Deleted, it->second.metadata);
    table.items_.erase(it);
    return Status::Ok();
  };
  switch (kind) {
    case Kind::Pod: return erase(pods_);
    case Kind::ReplicaSet: return erase(replicasets_);
    case Kind::Deployment: return erase(deployments_);
    case Kind::Service: return erase(services_);
    case Kind::Endpoints: return erase(endpoints_);
    case Kind::Node: return erase(nodes_);
    case Kind::Namespace: return erase(namespaces_);
    case Kind::Event: {
      auto it = events_.items_.find(k);
      if (it == events_.items_.end()) return Status::Err("NotFound", "events \"" + k.name + "\" not found");
      events_.items_.erase(it);
      return Status::Ok();
    }
  }
  return Status::Err("NotFound", "unknown kind");
}

void Store::expire_events() {
  constexpr int64_t kTtlMs = 3600 * 1000;
  while (!event_order_.empty()) {
    const Key& k = event_order_.front();
    auto it = events_.items_.find(k);
    if (it == events_.items_.end()) { event_order_.pop_front(); continue; }
    bool too_many = events_.items_.size() > kMaxEvents;
    if (!too_many && it->second.last_ms + kTtlMs > now_ms_) break;
    const auto& e = it->second;
    event_by_aggregate_.erase(e.involved_object.uid + '\x1f' + e.reason + '\x1f' + e.message + '\x1f' + e.source_component);
    events_.items_.erase(it);
    event_order_.pop_front();
  }
}

void Store::record_event(const api::ObjectReference& obj, const std::string& type, const std::string& reason,
                         const std::string& message, const std::string& component, const std::string& host) {
  expire_events();
  std::string agg = obj.uid + '\x1f' + reason + '\x1f' + message + '\x1f' + component;
  if (auto it = event_by_aggregate_.find(agg); it != event_by_aggregate_.end()) {
    auto ev = events_.items_.find(it->second);
    if (ev != events_.items_.end()) {
      ev->second.count++;
      ev->second.last_ms = now_ms_;
      ev->second.metadata.resource_version = ++resource_version_;
      return;
    }
  }
  api::Event e;
  // client-go names events "<object name>.<unix nanos as hex>"; we derive it from the clock and a
  // counter so names stay unique and deterministic.
  char buf[32];
  snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(now_ms_) * 1000000ULL + (resource_version_ % 1000000ULL));
  e.metadata.name = obj.name + "." + buf;
  e.metadata.namespace_ = obj.namespace_.empty() ? "default" : obj.namespace_;
  e.metadata.uid = rng_.uuid();
  e.metadata.creation_ms = now_ms_;
  e.metadata.resource_version = ++resource_version_;
  e.involved_object = obj;
  e.reason = reason;
  e.message = message;
  e.source_component = component;
  e.source_host = host;
  e.reporting_component = component;
  e.reporting_instance = host;
  e.first_ms = e.last_ms = now_ms_;
  e.type = type;
  Key k{e.metadata.namespace_, e.metadata.name};
  event_by_aggregate_[agg] = k;
  event_order_.push_back(k);
  events_.items_[k] = std::move(e);
}

}  // namespace kubesim::store
