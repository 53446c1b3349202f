#include "store/store.h"

#include <algorithm>
#include <charconv>

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

const OwnedKeys& Store::pods_owned_by(const std::string& uid) const {
  static const OwnedKeys none;
  ensure_pod_indexes();
  auto it = pods_by_owner_.find(uid);
  return it == pods_by_owner_.end() ? none : it->second;
}
const OwnedKeys& Store::pods_on_node(const std::string& node) const {
  static const OwnedKeys none;
  if (node.empty()) return none;
  ensure_pod_indexes();
  auto it = pods_by_node_.find(&api::IStr(node).str());
  return it == pods_by_node_.end() ? none : it->second;
}
const std::set<Key>& Store::replicasets_owned_by(const std::string& uid) const {
  auto it = rs_by_owner_.find(uid);
  return it == rs_by_owner_.end() ? empty_keys() : it->second;
}

template <class Map>
void Store::index_entry(Map& idx, const std::string& value, const Key& k, bool add) {
  if (value.empty()) return;
  if (add) { idx[value].insert(k); return; }
  auto it = idx.find(value);
  if (it == idx.end()) return;
  it->second.erase(k);
  if (it->second.empty()) idx.erase(it);
}

namespace {
const std::string& uid_of(const api::OwnerReference* o) {
  static const std::string none;
  return o ? o->uid : none;
}
template <class T> const std::string& owner_uid_of(const T& obj) { return uid_of(obj.metadata.controller_ref()); }
}  // namespace

void Store::ensure_pod_indexes() const {
  if (pod_indexes_of_.table == &pods_) return;
  pod_indexes_of_.table = &pods_;
  pods_by_owner_.clear();
  pods_by_node_.clear();
  for (auto& [k, p] : pods_.items_) {
    (void)k;
    if (const std::string& owner = owner_uid_of(p.second); !owner.empty()) pods_by_owner_[owner].insert(p.first);
    if (!p.second.spec.node_name.empty()) pods_by_node_[&p.second.spec.node_name.str()].insert(p.first);
  }
}

void Store::index_pod(const api::Pod& p, const Key& k, bool add) {
  ensure_pod_indexes();
  index_entry(pods_by_owner_, owner_uid_of(p), k, add);
  index_node(p.spec.node_name, k, add);
}

void Store::index_node(api::IStr node, const Key& k, bool add) {
  if (node.empty()) return;
  if (add) { pods_by_node_[&node.str()].insert(k); return; }
  auto it = pods_by_node_.find(&node.str());
  if (it == pods_by_node_.end()) return;
  it->second.erase(k);
  if (it->second.empty()) pods_by_node_.erase(it);
}

void Store::index_rs(const api::ReplicaSet& rs, bool add) {
  index_entry(rs_by_owner_, owner_uid_of(rs), Key{rs.metadata.namespace_, rs.metadata.name}, add);
}

void Store::log_change(Kind kind, ChangeType type, const api::ObjectMeta& m, const uint64_t* key_hash) {
  if (n_changes_ == changes_.size()) changes_.emplace_back();
  Change& c = changes_[n_changes_++];  // assigned in place: the strings keep their capacity
  c.kind = kind;
  c.type = type;
  c.writer = writer_;
  c.pod_finished = false;
  c.counts_unchanged = false;
  c.key.namespace_.assign(m.namespace_);
  c.key.name.assign(m.name);
  c.key_hash = key_hash ? *key_hash : hash_key_parts(c.key.namespace_, c.key.name);
  if (kind != Kind::Pod || type == ChangeType::Deleted) c.uid.assign(m.uid);
  else c.uid.clear();
  c.owner_refs = m.owner_references;
  if (auto* o = m.controller_ref()) {
    c.owner_kind = o->kind == "ReplicaSet"   ? OwnerKind::ReplicaSet
                   : o->kind == "Deployment" ? OwnerKind::Deployment
                                             : OwnerKind::Other;
    c.owner_name = o->name;
  } else {
    c.owner_kind = OwnerKind::None;
    c.owner_name = {};
  }
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
      if (!t.contains(Key{m.namespace_, candidate}) || attempt > 16) { m.name = candidate; break; }
    }
  }
  Key k{m.namespace_, m.name};
  if (t.contains(k))
    return Status::Err("AlreadyExists", plural_for<T>() + " \"" + m.name + "\" already exists");
  m.uid = rng_.uuid();
  m.creation_ms = now_ms_;
  m.resource_version = ++resource_version_;
  if constexpr (has_generation<T>()) m.generation = 1;
  if constexpr (std::is_same_v<T, api::Pod>) obj.timeline.created_ms = now_ms_;
  if constexpr (std::is_same_v<T, api::ReplicaSet>) index_rs(obj, true);
  log_change(kind, ChangeType::Added, m);
  auto& stored = t.insert(k, std::move(obj));
  if constexpr (std::is_same_v<T, api::Pod>) index_pod(stored.second, stored.first, true);
  notify(kind, ChangeType::Added, k);
  if (out_key) *out_key = k;
  return Status::Ok();
}

namespace {
// What the controllers count of a pod (see Change::counts_unchanged), compared before and after a
// kubelet's status write.
struct PodCounted {
  const std::string* node = nullptr;
  const std::string* phase = nullptr;
  bool deleting = false;
  const std::string* ready_status = nullptr;  // the Ready condition's (nullptr: none)
  int64_t ready_transition_ms = 0;
  bool containers_ready = true;
  int32_t restarts = 0;
  const void* labels = nullptr;
  size_t annotations = 0;
  const void* owners = nullptr;
  bool operator==(const PodCounted&) const = default;
};
PodCounted counted_of(const api::Pod& p) {
  static const api::IStr kReady("Ready");
  PodCounted c;
  c.node = &p.spec.node_name.str();
  c.phase = &p.status.phase.str();
  c.deleting = p.metadata.deletion_ms.has_value();
  for (auto& cond : p.status.conditions)
    if (cond.type == kReady) {
      c.ready_status = &cond.status.str();
      c.ready_transition_ms = cond.last_transition_ms;
    }
  for (auto& cs : p.status.container_statuses) {
    c.containers_ready = c.containers_ready && cs.ready;
    c.restarts = std::max(c.restarts, cs.restart_count);
  }
  c.labels = &p.metadata.labels.map();
  c.annotations = p.metadata.annotations.size();
  c.owners = &p.metadata.owner_references.vec();
  return c;
}
}  // namespace

template <class T>
Status Store::update_in(Table<T>& t, Kind kind, const Key& k, FunctionRef<void(T&)> fn, const uint64_t* key_hash,
                        bool spec_untouched) {
  auto* entry = key_hash ? t.find_entry(k, *key_hash) : t.find_entry(k);
  if (!entry) return Status::Err("NotFound", plural_for<T>() + " \"" + k.name + "\" not found");
  T& obj = entry->second;
  const Key& stored_key = entry->first;  // what the pod indexes hold
  // Index entries are rewritten only when what they index (controller owner, node) changes. The
  // ownerReferences as they were are held (a reference count, not a copy: they are copy-on-write;
  // unless the write replaced them, the owner is the same).
  [[maybe_unused]] api::SharedVector<api::OwnerReference> old_owners;
  [[maybe_unused]] const api::OwnerReference* old_ref = nullptr;  // in old_owners, which keep it alive
  if constexpr (std::is_same_v<T, api::Pod> || std::is_same_v<T, api::ReplicaSet>) {
    old_owners = obj.metadata.owner_references;
    old_ref = obj.metadata.controller_ref();
  }
  api::IStr old_node;  // interned: a pointer copy
  if constexpr (std::is_same_v<T, api::Pod>) old_node = obj.spec.node_name;
  // A kubelet's status write that changes nothing counted is flagged (controllers skip it cheaply).
  [[maybe_unused]] const bool by_kubelet = writer_ == Writer::Kubelet;
  [[maybe_unused]] PodCounted counted_before;
  if constexpr (std::is_same_v<T, api::Pod>) if (by_kubelet) counted_before = counted_of(obj);
  if constexpr (has_generation<T>()) {
    if (spec_untouched) {
      fn(obj);
    } else {
      const auto before = obj.spec;  // the spec alone decides the generation
      const int64_t generation = obj.metadata.generation;
      fn(obj);
      if (!(before == obj.spec)) obj.metadata.generation = generation + 1;
    }
  } else {
    fn(obj);
  }
  // identity is immutable
  obj.metadata.name = k.name;
  if (obj.metadata.namespace_ != k.namespace_) obj.metadata.namespace_ = k.namespace_;  // interning looks it up
  obj.metadata.resource_version = ++resource_version_;
  if constexpr (std::is_same_v<T, api::Pod> || std::is_same_v<T, api::ReplicaSet>) {
    const bool same_refs = obj.metadata.owner_references.shares_with(old_owners);
    if (const std::string& owner = owner_uid_of(obj), &old_owner = uid_of(old_ref);
        !same_refs && owner != old_owner) {
      if constexpr (std::is_same_v<T, api::Pod>) {
        ensure_pod_indexes();
        index_entry(pods_by_owner_, old_owner, stored_key, false);
        index_entry(pods_by_owner_, owner, stored_key, true);
      } else {
        index_entry(rs_by_owner_, old_owner, k, false);
        index_entry(rs_by_owner_, owner, k, true);
      }
    }
  }
  if constexpr (std::is_same_v<T, api::Pod>) {
    if (!(obj.spec.node_name == old_node)) {
      ensure_pod_indexes();
      index_node(old_node, stored_key, false);
      index_node(obj.spec.node_name, stored_key, true);
    }
  }
  log_change(kind, ChangeType::Modified, obj.metadata, key_hash);  // its name and namespace are the key's
  if constexpr (std::is_same_v<T, api::Pod>) {
    Change& c = changes_[n_changes_ - 1];
    c.pod_finished = obj.status.phase == "Succeeded" || obj.status.phase == "Failed";
    c.counts_unchanged = by_kubelet && counted_of(obj) == counted_before;
  }
  notify(kind, ChangeType::Modified, k);
  return Status::Ok();
}

Status Store::create(api::Pod o, Key* k) { return create_in(pods_, Kind::Pod, std::move(o), k); }
Status Store::create(api::ReplicaSet o, Key* k) { return create_in(replicasets_, Kind::ReplicaSet, std::move(o), k); }
Status Store::create(api::Deployment o, Key* k) { return create_in(deployments_, Kind::Deployment, std::move(o), k); }
Status Store::create(api::Service o, Key* k) { return create_in(services_, Kind::Service, std::move(o), k); }
Status Store::create(api::Endpoints o, Key* k) { return create_in(endpoints_, Kind::Endpoints, std::move(o), k); }
Status Store::create(api::Node o, Key* k) { return create_in(nodes_, Kind::Node, std::move(o), k); }
Status Store::create(api::Namespace o, Key* k) { return create_in(namespaces_, Kind::Namespace, std::move(o), k); }

Status Store::update_pod(const Key& k, FunctionRef<void(api::Pod&)> fn) { return update_in(pods_, Kind::Pod, k, fn); }
Status Store::update_pod(const Key& k, uint64_t key_hash, FunctionRef<void(api::Pod&)> fn) {
  return update_in(pods_, Kind::Pod, k, fn, &key_hash);
}
Status Store::update_replicaset(const Key& k, FunctionRef<void(api::ReplicaSet&)> fn) { return update_in(replicasets_, Kind::ReplicaSet, k, fn); }
Status Store::update_deployment(const Key& k, FunctionRef<void(api::Deployment&)> fn) { return update_in(deployments_, Kind::Deployment, k, fn); }
Status Store::update_replicaset_status(const Key& k, FunctionRef<void(api::ReplicaSet&)> fn) {
  return update_in(replicasets_, Kind::ReplicaSet, k, fn, nullptr, true);
}
Status Store::update_deployment_status(const Key& k, FunctionRef<void(api::Deployment&)> fn) {
  return update_in(deployments_, Kind::Deployment, k, fn, nullptr, true);
}
Status Store::update_service(const Key& k, FunctionRef<void(api::Service&)> fn) { return update_in(services_, Kind::Service, k, fn); }
Status Store::update_endpoints(const Key& k, FunctionRef<void(api::Endpoints&)> fn) { return update_in(endpoints_, Kind::Endpoints, k, fn); }
Status Store::update_node(const Key& k, FunctionRef<void(api::Node&)> fn) { return update_in(nodes_, Kind::Node, k, fn); }

template <class T>
Status Store::remove_from(Table<T>& table, Kind kind, const Key& k, const uint64_t* key_hash) {
  auto* entry = key_hash ? table.find_entry(k, *key_hash) : table.find_entry(k);
  if (!entry) return Status::Err("NotFound", plural_for<T>() + " \"" + k.name + "\" not found");
  T* obj = &entry->second;
  ++resource_version_;
  log_change(kind, ChangeType::Deleted, obj->metadata, key_hash);  // the key is its name and namespace
  notify(kind, ChangeType::Deleted, k);
  forget_event_source_records(obj->metadata.uid, obj->metadata.name);
  if constexpr (std::is_same_v<T, api::Pod>) {
    index_pod(*obj, entry->first, false);
    obj->timeline.deleted_ms = now_ms_;
    pod_tombstones_.push_back(std::move(*obj));
    if (pod_tombstones_.size() > kMaxTombstones) {
      // The oldest tombstone was written thousands of deletions ago: ask for the heap blocks of
      // the one a few deletions on, so freeing it then finds them in cache.
      const api::Pod& next = pod_tombstones_[kTombstoneAhead];
      prefetch_line_native(next.metadata.name.data());
      prefetch_line_native(next.metadata.uid.data());
      prefetch_line_native(next.status.conditions.data());
      prefetch_line_native(next.status.container_statuses.data());
      pod_tombstones_.pop_front();
    }
  }
  if constexpr (std::is_same_v<T, api::ReplicaSet>) index_rs(*obj, false);
  if (key_hash) table.erase(k, *key_hash);
  else table.erase(k);
  return Status::Ok();
}

Status Store::remove_pod(const Key& k, uint64_t key_hash) { return remove_from(pods_, Kind::Pod, k, &key_hash); }

Status Store::remove(Kind kind, const Key& k) {
  auto erase = [&](auto& table) -> Status { return remove_from(table, kind, k, nullptr); };
  switch (kind) {
    case Kind::Pod: return erase(pods_);
    case Kind::ReplicaSet: return erase(replicasets_);
    case Kind::Deployment: return erase(deployments_);
    case Kind::Service: return erase(services_);
    case Kind::Endpoints: return erase(endpoints_);
    case Kind::Node: return erase(nodes_);
    case Kind::Namespace: return erase(namespaces_);
    case Kind::Event: {
      if (!events_.remove(k)) return Status::Err("NotFound", "events \"" + k.name + "\" not found");
      return Status::Ok();
    }
  }
  return Status::Err("NotFound", "unknown kind");
}

// [SECTION] events: client-go's EventCorrelator (tools/record/events_cache.go), per source
// (component + host) as each component runs its own recorder:
//   * aggregation: an event that differs from earlier ones of the same source, object, type and
//     reason only by message is recorded as is until 10 different messages were seen with less
//     than 10 minutes between them; from then on one event "(combined from similar events): MSG"
//     is created and its count, message and lastTimestamp updated;
//   * counting: every occurrence of an identical event (or of the group's combined event) is
//     counted; the event on the server carries the count as of the last occurrence let through;
//   * spam filter: a token bucket per source + object, burst 25, refill one every 5 minutes;
//     an event (or count update) without a token is dropped.
// The per-object records are dropped when the object is deleted (their keys carry its uid, so
// they could never match again). Keys are 64-bit hashes of the fields client-go joins.
namespace {
constexpr int64_t kEventTtlMs = 3600 * 1000;
constexpr size_t kAggregateMaxEvents = 10;
constexpr int64_t kAggregateIntervalMs = 600 * 1000;
constexpr int64_t kSpamBurst = 25;
constexpr int64_t kSpamRefillMs = 300 * 1000;  // one token per 5 minutes
const char* kCombinedPrefix = "(combined from similar events): ";
constexpr size_t kMaxIdentitiesPerObject = 32;

// Chains texts into a 64-bit key (8 bytes per step; the length is mixed in, so ("ab","c") and
// ("a","bc") differ).
uint64_t mix(uint64_t h, std::string_view s) { return detail::hash_bytes(h, s); }
}  // namespace

namespace {
enum RecordKind : uint8_t { kSpam = 1, kGroup = 2, kMessage = 3, kIdentity = 4 };

template <class V>
long find_record(const V& recs, uint8_t kind, uint64_t key) {
  for (size_t i = 0; i < recs.size(); ++i)
    if (recs[i].kind == kind && recs[i].key == key) return static_cast<long>(i);
  return -1;
}
}  // namespace

void Store::expire_events() {
  while (!events_.empty_slots()) {
    if (!events_.oldest_dead() && events_.size() <= kMaxEvents && events_.oldest_last_ms() + kEventTtlMs > now_ms_) break;
    events_.pop_oldest();
  }
}

void Store::forget_event_source_records(const std::string& uid, const std::string& name) {
  if (uid.empty()) return;  // kept: uid-less objects (none the API server makes) are found by name
  auto it = event_sources_.find(hash_key_parts(uid, name));
  if (it == event_sources_.end()) return;
  if (&it->second == event_memo_.subject_source) event_memo_.subject_source = nullptr;
  event_sources_.erase(it);
}

void Store::record_event(const api::ObjectReference& obj, api::IStr type, api::IStr reason, std::string message,
                         api::IStr component, api::IStr host) {
  record_event(EventSubject{obj.kind, obj.namespace_, obj.name, obj.uid, obj.api_version, obj.field_path, obj.resource_version},
               type, reason, std::move(message), component, host);
}

void Store::record_event(const EventSubject& ref, api::IStr type, api::IStr reason, std::string message,
                         api::IStr component, api::IStr host) {
  record_event_text(ref, type, reason, &message, api::IStr(), component, host);
}

void Store::record_event_interned(const EventSubject& ref, api::IStr type, api::IStr reason, api::IStr message,
                                  api::IStr component, api::IStr host) {
  record_event_text(ref, type, reason, nullptr, message, component, host);
}

void Store::record_last_event(const EventSubject& ref, api::IStr type, api::IStr reason, std::string message,
                              api::IStr component, api::IStr host, api::IStr action) {
  record_event_text(ref, type, reason, &message, api::IStr(), component, host, true, action);
}

void Store::record_event_text(const EventSubject& ref, api::IStr type, api::IStr reason, std::string* owned,
                              api::IStr shared, api::IStr component, api::IStr host, bool last, api::IStr action) {
  const std::string_view message = owned ? std::string_view(*owned) : std::string_view(shared.str());
  expire_events();
  EventMemo& memo = event_memo_;
  if (memo.component != &component.str() || memo.host != &host.str()) {
    const uint64_t seed = 1469598103934665603ULL;
    memo.component = &component.str();
    memo.host = &host.str();
    memo.source = mix(mix(seed, component), host);
    memo.type = nullptr;
  }
  const uint64_t source = memo.source;
  if (memo.type != &type.str() || memo.reason != &reason.str()) {
    memo.type = &type.str();
    memo.reason = &reason.str();
    memo.group = mix(mix(source, type), reason);
  }
  const uint64_t group = memo.group;
  const uint64_t message_key = mix(group, message);
  const uint64_t subject_key = hash_key_parts(ref.uid, ref.name);
  if (!memo.subject_source || memo.subject_key != subject_key) {
    // A pod's records hang off the pod (its entry stays put until the pod is removed, which drops
    // them): found there, the lookup's two cache misses in a 300,000-entry table are saved.
    using Entry = decltype(event_sources_)::value_type;
    api::EventBookRef* book = ref.book;
    Entry* entry = book ? static_cast<Entry*>(book->book) : nullptr;
    if (entry && entry->first != subject_key) entry = nullptr;
    if (!entry) {
      if (last) {  // looked for, not made
        if (auto it = event_sources_.find(subject_key); it != event_sources_.end()) entry = &*it;
      } else {
        entry = &*event_sources_.try_emplace(subject_key).first;
      }
      if (entry && book) book->book = entry;
    }
    memo.subject_key = subject_key;
    memo.subject_source = entry ? &entry->second : nullptr;
  }
  if (last && (!memo.subject_source || find_record(memo.subject_source->recs, kSpam, source) < 0)) {
    // The source's first event on the object (each event a source lets through or counts leaves
    // its token bucket behind): the correlator would make fresh records (a first message, a count
    // of 1, a full token bucket) and let the event through.
    add_event(ref, type, reason, owned, shared, component, host, now_ms_, 1, action);
    return;
  }
  EventRecords& recs = memo.subject_source->recs;

  // Aggregation (EventAggregator): the messages seen in this group within the interval.
  long g = find_record(recs, kGroup, group);
  if (g < 0) {
    recs.push_back(EventRecord{group, 0, now_ms_, 0, kGroup});
    g = static_cast<long>(recs.size()) - 1;
  }
  if (now_ms_ - recs[g].a > kAggregateIntervalMs && recs[g].b > 0) {
    recs.erase_if([&](const EventRecord& r) { return r.kind == kMessage && r.sub == group; });
    g = find_record(recs, kGroup, group);
    recs[g].b = 0;
    recs[g].sub = 0;
  }
  recs[g].a = now_ms_;
  bool combined = false;
  // The group's first message lives in the group record (`sub`); later ones get records of
  // their own. Most groups only ever see one message (a pod's Pulling, Created, Started …).
  const bool seen = (recs[g].b > 0 && recs[g].sub == message_key) || find_record(recs, kMessage, message_key) >= 0;
  if (!seen) {
    if (static_cast<size_t>(recs[g].b) + 1 >= kAggregateMaxEvents) {
      // The set would reach the maximum: Go inserts, pops any one (we pop the new one, so the set
      // stays at max − 1) and answers with the combined event.
      combined = true;
    } else if (recs[g].b == 0) {
      recs[g].sub = message_key;
      recs[g].b = 1;
    } else {
      recs.push_back(EventRecord{message_key, group, 0, 0, kMessage});
      recs[g].b++;
    }
  }

  // Counting (eventLogger): every occurrence is counted, even one the spam filter drops next;
  // the count reaches the server with the next occurrence that passes. The key is the full
  // event, or the group alone for the combined event.
  const uint64_t identity = combined ? mix(group, "\x01combined") : mix(mix(message_key, "\x02single"), ref.field_path);
  std::string combined_text;
  if (combined) {
    combined_text.reserve(std::strlen(kCombinedPrefix) + message.size());
    combined_text.append(kCombinedPrefix).append(message);
    owned = &combined_text;
  }
  const std::string_view shown = owned ? std::string_view(*owned) : std::string_view(shared.str());
  long id = find_record(recs, kIdentity, identity);
  if (id < 0) {
    // A record whose event is gone may be reused once an object has many (Go's cache is an LRU).
    size_t identities = 0;
    for (size_t i = 0; i < recs.size(); ++i) identities += recs[i].kind == kIdentity;
    long stale = -1;  // looked for only when the object has the most identities kept (reading events)
    for (size_t i = 0; identities >= kMaxIdentitiesPerObject && stale < 0 && i < recs.size(); ++i)
      if (recs[i].kind == kIdentity && !events_.at(static_cast<uint64_t>(recs[i].a))) stale = static_cast<long>(i);
    EventRecord fresh{identity, static_cast<uint64_t>(now_ms_), -1, 0, kIdentity};
    if (stale >= 0 && identities >= kMaxIdentitiesPerObject) {
      recs[stale] = fresh;
      id = stale;
    } else {
      recs.push_back(fresh);
      id = static_cast<long>(recs.size()) - 1;
    }
  }
  const int32_t observed = ++recs[id].b;

  // Spam filter (after aggregation and counting, as EventCorrelate does): a token bucket per
  // source + object.
  long sp = find_record(recs, kSpam, source);
  if (sp < 0) {
    recs.push_back(EventRecord{source, 0, now_ms_, static_cast<int32_t>(kSpamBurst * kSpamRefillMs), kSpam});
    sp = static_cast<long>(recs.size()) - 1;
  }
  const int64_t tokens = std::min<int64_t>(kSpamBurst * kSpamRefillMs, recs[sp].b + (now_ms_ - recs[sp].a));
  recs[sp].a = now_ms_;
  if (tokens < kSpamRefillMs) {
    recs[sp].b = static_cast<int32_t>(tokens);
    return;
  }
  recs[sp].b = static_cast<int32_t>(tokens - kSpamRefillMs);

  if (events_.at(static_cast<uint64_t>(recs[id].a))) {
    events_.update(static_cast<uint64_t>(recs[id].a), observed, now_ms_, shown, ++resource_version_);
    notify_event(ChangeType::Modified, static_cast<uint64_t>(recs[id].a));
    return;
  }

  recs[id].a = static_cast<int64_t>(
      add_event(ref, type, reason, owned, shared, component, host, static_cast<int64_t>(recs[id].sub), observed, action));
}

uint64_t Store::add_event(const EventSubject& ref, api::IStr type, api::IStr reason, std::string* owned, api::IStr shared,
                          api::IStr component, api::IStr host, int64_t first_ms, int32_t count, api::IStr action) {
  StoredEvent e;
  // client-go names events "<object name>.<unix nanos as hex>"; we derive it from the clock and a
  // counter so names stay unique and deterministic.
  char buf[32];
  buf[0] = '.';
  const auto hex = std::to_chars(buf + 1, buf + sizeof buf,
                                 static_cast<unsigned long long>(now_ms_) * 1000000ULL + (resource_version_ % 1000000ULL), 16);
  const std::string_view suffix(buf, static_cast<size_t>(hex.ptr - buf));
  // The event's name: the object's name and the suffix (built in place when short, as nearly all are).
  char name_buf[PackedKey::kInline];
  std::string long_name;
  std::string_view name;
  if (ref.name.size() + suffix.size() <= sizeof name_buf) {
    std::memcpy(name_buf, ref.name.data(), ref.name.size());
    std::memcpy(name_buf + ref.name.size(), suffix.data(), suffix.size());
    name = std::string_view(name_buf, ref.name.size() + suffix.size());
  } else {
    long_name.reserve(ref.name.size() + suffix.size());
    long_name.append(ref.name).append(suffix);
    name = long_name;
  }
  const std::string_view event_ns = ref.namespace_.empty() ? std::string_view("default") : std::string_view(ref.namespace_.str());
  rng_.uuid_into(e.uid);
  e.creation_ms = now_ms_;
  e.resource_version = ++resource_version_;
  e.reason = reason;
  if (owned) e.message = std::move(*owned);
  else e.shared_message = shared;
  e.component = component;
  e.host = host;
  e.action = action;
  e.type = type;
  // A first occurrence the spam filter dropped still sets firstTimestamp and the count.
  e.first_ms = first_ms;
  e.last_ms = now_ms_;
  e.count = count;
  e.field_path = ref.field_path;
  e.subject_rv = ref.resource_version;
  e.subject_kind = ref.kind;
  e.subject_namespace = ref.namespace_;
  e.subject_api_version = ref.api_version;
  e.subject_uid.assign(ref.uid);
  const uint64_t seq = events_.push(event_ns, name, std::move(e));
  notify_event(ChangeType::Added, seq);
  return seq;
}

Store::PodSubject::PodSubject(const api::Pod& p, api::IStr field_path) {
  static const api::IStr kPod("Pod"), kV1("v1");
  const auto r = std::to_chars(rv_, rv_ + sizeof rv_, p.metadata.resource_version);
  s_ = {kPod, p.metadata.namespace_, p.metadata.name, p.metadata.uid, kV1, field_path,
        std::string_view(rv_, static_cast<size_t>(r.ptr - rv_)), &p.event_book};
}

}  // namespace kubesim::store
