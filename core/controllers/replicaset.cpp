// kubesim — the ReplicaSet controller (upstream pkg/controller/replicaset/replica_set.go and the
// pod helpers of pkg/controller/controller_utils.go), written from their documented behaviour.
#include "controllers/replicaset.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <climits>
#include <string_view>
#include <unordered_map>

#include "cluster.h"

namespace kubesim::controllers {

namespace {

constexpr const char* kDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";
constexpr const char* kComponent = "replicaset-controller";

// The texts these helpers test, interned once: IStr equality is then one pointer compare (they
// run for every pod change the ReplicaSet controller sees).
struct Words {
  api::IStr ready{"Ready"}, true_{"True"}, unknown{"Unknown"}, running{"Running"}, succeeded{"Succeeded"}, failed{"Failed"};
};
const Words& words() {
  static const Words w;
  return w;
}

const api::Condition* find_condition(const std::vector<api::Condition>& cs, const api::IStr& type) {
  for (auto& c : cs) if (c.type == type) return &c;
  return nullptr;
}

int phase_ordinal(const api::IStr& phase) {
  if (phase == words().unknown) return 1;
  if (phase == words().running) return 2;
  return 0;  // Pending (and anything else, as a missing map key in Go)
}

int32_t deletion_cost(const api::Pod& p) {
  if (p.metadata.annotations.empty()) return 0;  // most pods: no key string to build
  static const std::string kKey = kDeletionCostAnnotation;
  auto it = p.metadata.annotations.find(kKey);
  if (it == p.metadata.annotations.end()) return 0;
  int32_t v = 0;
  const char* b = it->second.data();
  const char* e = b + it->second.size();
  auto [ptr, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || ptr != e) return 0;
  return v;
}

int32_t max_container_restarts(const api::Pod& p) {
  int32_t m = 0;
  for (auto& cs : p.status.container_statuses) m = std::max(m, cs.restart_count);
  return m;
}

bool labels_contain(const api::Labels& have, const api::Labels& want) {
  for (auto& [k, v] : want) {
    auto it = have.find(k);
    if (it == have.end() || it->second != v) return false;
  }
  return true;
}

api::ObjectReference rs_ref(const api::ReplicaSet& rs) {
  api::ObjectReference r;
  r.kind = "ReplicaSet";
  r.api_version = "apps/v1";
  r.namespace_ = rs.metadata.namespace_;
  r.name = rs.metadata.name;
  r.uid = rs.metadata.uid;
  r.resource_version = std::to_string(rs.metadata.resource_version);
  return r;
}

}  // namespace

// [SECTION] pod helpers -------------------------------------------------------------------------

bool is_pod_active(const api::Pod& p) {
  const Words& w = words();
  return !(p.status.phase == w.succeeded) && !(p.status.phase == w.failed) && !p.metadata.deletion_ms;
}

bool is_pod_ready(const api::Pod& p) {
  if (auto* c = find_condition(p.status.conditions, words().ready)) return c->status == words().true_;
  if (!(p.status.phase == words().running) || p.status.container_statuses.empty()) return false;
  for (auto& cs : p.status.container_statuses) if (!cs.ready) return false;
  return true;
}

int64_t pod_ready_since_ms(const api::Pod& p) {
  if (auto* c = find_condition(p.status.conditions, words().ready)) return c->status == words().true_ ? c->last_transition_ms : 0;
  return is_pod_ready(p) ? p.timeline.ready_ms : 0;
}

bool is_pod_available(const api::Pod& p, int32_t min_ready_seconds, int64_t now_ms) {
  if (!is_pod_ready(p)) return false;
  if (min_ready_seconds <= 0) return true;
  int64_t since = pod_ready_since_ms(p);
  return since != 0 && since + int64_t{min_ready_seconds} * 1000 < now_ms;
}

std::string pod_qos_class(const api::PodSpec& spec) {
  bool any = false, guaranteed = !spec.containers.empty();
  for (auto& c : spec.containers) {
    if (!c.requests.empty() || !c.limits.empty()) any = true;
    if (!c.limits.cpu_milli || !c.limits.memory_bytes) { guaranteed = false; continue; }
    if (c.requests.cpu_milli && *c.requests.cpu_milli != *c.limits.cpu_milli) guaranteed = false;
    if (c.requests.memory_bytes && *c.requests.memory_bytes != *c.limits.memory_bytes) guaranteed = false;
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

void add_default_tolerations(api::PodSpec& spec) {
  static const std::string kNotReady = "node.kubernetes.io/not-ready";
  static const std::string kUnreachable = "node.kubernetes.io/unreachable";
  auto toleration = [](const std::string& key) {
    api::Toleration t;
    t.key = key;
    t.op = "Exists";
    t.effect = "NoExecute";
    t.toleration_seconds = 300;
    return t;
  };
  if (spec.tolerations.empty()) {
    // The common case: every such pod shares one copy of the two defaults.
    static const api::SharedVector<api::Toleration> kDefaults{toleration(kNotReady), toleration(kUnreachable)};
    spec.tolerations = kDefaults;
    return;
  }
  bool not_ready = false, unreachable = false;
  for (auto& t : spec.tolerations) {
    bool effect_ok = t.effect.empty() || t.effect == "NoExecute";
    if ((t.key == kNotReady || t.key.empty()) && effect_ok) not_ready = true;
    if ((t.key == kUnreachable || t.key.empty()) && effect_ok) unreachable = true;
  }
  if (!not_ready) spec.tolerations.push_back(toleration(kNotReady));
  if (!unreachable) spec.tolerations.push_back(toleration(kUnreachable));
}

api::Pod pod_from_template(const api::ReplicaSet& rs) {
  api::Pod p;
  p.metadata.generate_name = rs.metadata.name + "-";
  p.metadata.namespace_ = rs.metadata.namespace_;
  p.metadata.labels = rs.spec.template_.labels;
  p.metadata.annotations = rs.spec.template_.annotations;
  api::OwnerReference o;
  o.api_version = "apps/v1";
  o.kind = "ReplicaSet";
  o.name = rs.metadata.name;
  o.uid = rs.metadata.uid;
  o.controller = true;
  o.block_owner_deletion = true;
  p.metadata.owner_references.push_back(std::move(o));
  p.spec = rs.spec.template_.spec;
  p.spec.node_name.clear();
  add_default_tolerations(p.spec);
  p.status.phase = "Pending";
  p.status.qos_class = pod_qos_class(p.spec);
  return p;
}

store::Status delete_pod_gracefully(Cluster& c, const store::Key& key, std::optional<int64_t> grace_period_seconds) {
  const api::Pod* p = c.store.pods().get(key);
  if (!p) return store::Status::Err("NotFound", "pods \"" + key.name + "\" not found");
  const int64_t now = c.now();
  if (grace_period_seconds && *grace_period_seconds < 0) grace_period_seconds = 1;  // negative means 1 s

  if (p->metadata.deletion_ms) {
    // Already terminating: a grace period may only be shortened.
    auto current = p->metadata.deletion_grace_period_seconds;
    if (!current || *current == 0) return c.store.remove(store::Kind::Pod, key);
    if (!grace_period_seconds || *grace_period_seconds >= *current) return store::Status::Ok();
    const int64_t period = *grace_period_seconds;
    if (period == 0) return c.store.remove(store::Kind::Pod, key);
    const int64_t new_deletion = *p->metadata.deletion_ms - *current * 1000 + period * 1000;
    return c.store.update_pod(key, [&](api::Pod& x) {
      x.metadata.deletion_ms = new_deletion;
      x.metadata.deletion_grace_period_seconds = period;
    });
  }

  int64_t period = grace_period_seconds ? *grace_period_seconds : p->spec.termination_grace_period_seconds;
  if (p->spec.node_name.empty()) period = 0;                                  // never ran: gone at once
  if (p->status.phase == "Failed" || p->status.phase == "Succeeded") period = 0;
  if (period <= 0) return c.store.remove(store::Kind::Pod, key);
  return c.store.update_pod(key, [&](api::Pod& x) {
    x.metadata.deletion_ms = now + period * 1000;  // the API server's deletionTimestamp = now + grace
    x.metadata.deletion_grace_period_seconds = period;
    x.timeline.terminating_ms = now;
  });
}

std::vector<int> slow_start_batches(int n) {
  std::vector<int> out;
  int done = 0;
  for (int batch = std::min(n, 1); batch > 0; batch = std::min(2 * batch, n - done)) {
    out.push_back(batch);
    done += batch;
  }
  return out;
}

// [SECTION] scale-down ranking ------------------------------------------------------------------

int64_t log2_age_bucket(int64_t t_ms, int64_t now_ms) {
  if (t_ms == 0) return INT64_MIN;
  const int64_t t_api = t_ms - (((t_ms % 1000) + 1000) % 1000);  // timestamps travel as whole seconds
  const int64_t d_ns = (now_ms - t_api) * 1000000;
  if (d_ns <= 0) return -1;
  return static_cast<int64_t>(std::bit_width(static_cast<uint64_t>(d_ns))) - 1;
}

PodDeletionRank make_deletion_rank(const api::Pod& p, int related_on_node, int64_t now_ms) {
  PodDeletionRank r;
  r.assigned = !p.spec.node_name.empty();
  r.phase_ordinal = phase_ordinal(p.status.phase);
  r.ready = is_pod_ready(p);
  r.deletion_cost = deletion_cost(p);
  r.related_on_node = related_on_node;
  r.ready_bucket = r.ready ? log2_age_bucket(pod_ready_since_ms(p), now_ms) : 0;
  r.max_restarts = max_container_restarts(p);
  r.created_bucket = log2_age_bucket(p.metadata.creation_ms, now_ms);
  r.uid = &p.metadata.uid;
  return r;
}

bool deletion_rank_less(const PodDeletionRank& a, const PodDeletionRank& b) {
  auto uid_less = [&] {
    if (!a.uid || !b.uid) return b.uid != nullptr && a.uid == nullptr;
    return *a.uid < *b.uid;
  };
  if (a.assigned != b.assigned) return !a.assigned;                          // 1. unassigned first
  if (a.phase_ordinal != b.phase_ordinal) return a.phase_ordinal < b.phase_ordinal;  // 2. Pending < Unknown < Running
  if (a.ready != b.ready) return !a.ready;                                   // 3. not ready first
  if (a.deletion_cost != b.deletion_cost) return a.deletion_cost < b.deletion_cost;  // 4. cheaper first
  if (a.related_on_node != b.related_on_node) return a.related_on_node > b.related_on_node;  // 5. doubled up first
  if (a.ready) {                                                             // 6. ready more recently first
    if (a.ready_bucket != b.ready_bucket) return a.ready_bucket < b.ready_bucket;
    return uid_less();
  }
  if (a.max_restarts != b.max_restarts) return a.max_restarts > b.max_restarts;  // 7. more restarts first
  if (a.created_bucket != b.created_bucket) return a.created_bucket < b.created_bucket;  // 8. newer first
  return uid_less();
}

PackedDeletionRank pack_deletion_rank(const PodDeletionRank& r) {
  // Log2 buckets are INT64_MIN (unknown), -1 (not before now) or 0..63: 0, 1, 2..65 here.
  auto bucket = [](int64_t b) -> uint64_t { return b == INT64_MIN ? 0 : static_cast<uint64_t>(std::clamp<int64_t>(b + 2, 1, 255)); };
  const uint64_t related = static_cast<uint64_t>(std::clamp(r.related_on_node, 0, 0xFFFFFF));
  PackedDeletionRank k;
  k.hi = (static_cast<uint64_t>(r.assigned) << 63) |                                       // 1. unassigned first
         (static_cast<uint64_t>(std::clamp(r.phase_ordinal, 0, 3)) << 61) |                 // 2. Pending < Unknown < Running
         (static_cast<uint64_t>(r.ready) << 60) |                                           // 3. not ready first
         (static_cast<uint64_t>(static_cast<uint32_t>(r.deletion_cost) ^ 0x80000000u) << 24) |  // 4. cheaper first
         (0xFFFFFFu - related);                                                             // 5. doubled up first
  if (r.ready) {
    k.lo = bucket(r.ready_bucket);                                                          // 6. ready more recently first
  } else {
    k.lo = (static_cast<uint64_t>(0x7FFFFFFF - std::max(r.max_restarts, 0)) << 8) |        // 7. more restarts first
           bucket(r.created_bucket);                                                        // 8. newer first
  }
  return k;
}

// [SECTION] controller: watch handlers ----------------------------------------------------------

ReplicaSetController::RsState* ReplicaSetController::state_for(const store::Key& rs_key, const api::ReplicaSet& rs) {
  RsState& s = rs_[rs_key];
  if (s.uid != rs.metadata.uid) {
    s = RsState{};
    s.uid = rs.metadata.uid;
    s.min_ready_seconds = rs.spec.min_ready_seconds;
    s.template_labels = rs.spec.template_.labels;
  }
  auto* o = rs.metadata.controller_ref();
  if (o) { if (s.owner_uid != o->uid) s.owner_uid = o->uid; }
  else s.owner_uid.clear();
  return &s;
}

bool ReplicaSetController::apply_pod(RsState& st, const store::Key& pod_key, const api::Pod* pod, std::string_view uid,
                                     int64_t now_ms, std::optional<uint64_t> key_hash) {
  auto it = key_hash ? st.pods.find(pod_key, *key_hash) : st.pods.find(pod_key);
  const bool had = it != st.pods.end();
  bool was_active = false, was_labeled = false, was_ready = false, was_available = false;
  if (had) {
    PodRecord& r = it->second;
    was_active = r.active; was_labeled = r.labeled; was_ready = r.ready; was_available = r.available;
    if (r.active) {
      --st.active;
      if (r.labeled) --st.labeled;
      if (r.ready) --st.ready;
      if (r.available) --st.available;
    }
  }
  // Per-node counts move only when the pod's (active, node) does: most updates are status.
  auto leave_node = [&st](api::IStr node) {
    if (auto n = st.active_on_node.find(&node.str()); n != st.active_on_node.end() && --n->second <= 0) st.active_on_node.erase(n);
  };
  if (!pod) {
    if (had) {
      if (was_active) leave_node(it->second.node);
      st.pods.erase(it);
    }
    return had;
  }
  PodRecord& r = had ? it->second : st.pods[pod_key];
  const api::IStr old_node = had ? r.node : api::IStr();
  const int8_t old_phase = r.phase_ordinal;
  const int32_t old_cost = r.deletion_cost, old_restarts = r.max_restarts;
  if (r.node != pod->spec.node_name) r.node = pod->spec.node_name;
  if (!(r.uid == uid)) r.uid.assign(uid);
  r.creation_ms = pod->metadata.creation_ms;
  r.phase_ordinal = static_cast<int8_t>(phase_ordinal(pod->status.phase));
  r.ready = is_pod_ready(*pod);
  r.ready_since_ms = r.ready ? pod_ready_since_ms(*pod) : 0;
  r.deletion_cost = deletion_cost(*pod);
  r.max_restarts = max_container_restarts(*pod);
  r.active = is_pod_active(*pod);
  // Pods of one template share one label map: checked once, then known by identity.
  if (pod->metadata.labels.same_map(st.labeled_map)) {
    r.labeled = true;
  } else {
    r.labeled = labels_contain(pod->metadata.labels, st.template_labels);
    if (r.labeled) st.labeled_map = pod->metadata.labels;
  }
  const int64_t min_ready_ms = int64_t{st.min_ready_seconds} * 1000;
  r.available = r.active && r.ready && (min_ready_ms <= 0 || (r.ready_since_ms != 0 && r.ready_since_ms + min_ready_ms < now_ms));
  // Upstream requeues the ReplicaSet minReadySeconds + 1 s after a pod turns ready.
  if (r.active && r.ready && !r.available && min_ready_ms > 0 && r.ready_since_ms != 0)
    st.maturing.insert({r.ready_since_ms + min_ready_ms + kMaturingSlackMs, pod_key});
  const bool same_node = r.node == old_node;
  if (was_active && !(r.active && same_node)) leave_node(old_node);
  if (r.active && !(was_active && same_node)) ++st.active_on_node[&r.node.str()];
  if (r.active) {
    ++st.active;
    if (r.labeled) ++st.labeled;
    if (r.ready) ++st.ready;
    if (r.available) ++st.available;
    // A new candidate, or one whose standing changed, invalidates a reused ranking (pods that
    // merely leave are skipped when the ranking is consumed).
    if (!had || !was_active || was_ready != r.ready || r.node != old_node || r.phase_ordinal != old_phase ||
        r.deletion_cost != old_cost || r.max_restarts != old_restarts)
      ++st.rank_epoch;
  }
  return !had || was_active != r.active || was_labeled != r.labeled || was_ready != r.ready ||
         was_available != r.available;
}

void ReplicaSetController::on_change(const store::Change& c, Cluster& cluster) {
  auto& store = cluster.store;
  if (c.kind == store::Kind::ReplicaSet) {
    if (c.type == store::ChangeType::Deleted) {
      auto it = rs_.find(c.key);
      if (it != rs_.end() && it->second.uid == c.uid) {
        last_owner_ = {};
        rs_.erase(it);
      }
      dirty_.erase(c.key);
      return;
    }
    dirty_.insert(c.key);
    return;
  }
  if (c.kind != store::Kind::Pod || c.owner_kind != store::OwnerKind::ReplicaSet) return;

  RsState* st = owner_state(c);
  const store::Key& rs_key = last_owner_.key;
  // A kubelet's status write that changes nothing counted leaves the pod's record as it is (with
  // minReadySeconds, availability also depends on the time the pod is looked at: no shortcut).
  if (st && c.type == store::ChangeType::Modified && c.counts_unchanged && st->min_ready_seconds == 0) return;
  if (!st) {
    const api::ReplicaSet* rs = store.replicasets().get(rs_key);
    if (!rs) return;
    st = state_for(rs_key, *rs);
  }
  const api::Pod* pod = c.type == store::ChangeType::Deleted ? nullptr : store.pods().get(c.key, c.key_hash);
  if (pod) {
    auto* ref = pod->metadata.controller_ref();
    if (!ref || ref->uid != st->uid) pod = nullptr;  // not (or no longer) ours
  }
  // Expectations: our own creates and deletes have now been observed.
  if (c.type == store::ChangeType::Added && st->expected_adds > 0) --st->expected_adds;
  if (!pod || pod->metadata.deletion_ms) st->expected_deletes.erase(c.key);

  bool changed = apply_pod(*st, c.key, pod, pod ? std::string_view(pod->metadata.uid) : std::string_view(), store.now(), c.key_hash);
  if (changed || c.type != store::ChangeType::Modified) dirty_.insert(rs_key);
}

void ReplicaSetController::prefetch(const store::Change& c, int stage) const {
  if (c.kind != store::Kind::Pod || c.owner_kind != store::OwnerKind::ReplicaSet || c.counts_unchanged) return;
  // The owner is found cheaply (see owner_state); the pod's record, one of 150,000, is not.
  const RsState* st = owner_state(c);
  if (!st) return;
  if (stage == 0) st->pods.prefetch_slot_hashed(c.key_hash);
  else st->pods.prefetch_entry_hashed(c.key_hash);
}

ReplicaSetController::RsState* ReplicaSetController::owner_state(const store::Change& c) const {
  OwnerMemo& m = last_owner_;
  if (m.key.name != c.owner_name || m.key.namespace_ != c.key.namespace_) {
    m.key.namespace_.assign(c.key.namespace_);
    m.key.name.assign(c.owner_name);
    auto it = rs_.find(m.key);
    m.state = it == rs_.end() ? nullptr : const_cast<RsState*>(&it->second);
  } else if (!m.state) {
    auto it = rs_.find(m.key);  // absent last time: it may have been added since
    m.state = it == rs_.end() ? nullptr : const_cast<RsState*>(&it->second);
  }
  return m.state;
}

// [SECTION] controller: reconcile ---------------------------------------------------------------

void ReplicaSetController::recount(Cluster& c, RsState& st, int32_t min_ready_seconds, const api::Labels& template_labels) {
  st.min_ready_seconds = min_ready_seconds;
  st.template_labels = template_labels;
  st.labeled_map = {};
  st.maturing.clear();
  std::vector<store::Key> keys;
  keys.reserve(st.pods.size());
  for (auto& e : st.pods) keys.push_back(e.first.key());
  for (auto& k : keys) {
    const api::Pod* p = c.store.pods().get(k);
    if (p) {
      auto* ref = p->metadata.controller_ref();
      if (!ref || ref->uid != st.uid) p = nullptr;
    }
    apply_pod(st, k, p, p ? std::string_view(p->metadata.uid) : std::string_view(), c.now());
  }
}

void ReplicaSetController::mature(RsState& st, int64_t now_ms) {
  const int64_t min_ready_ms = int64_t{st.min_ready_seconds} * 1000;
  while (!st.maturing.empty() && st.maturing.begin()->first <= now_ms) {
    auto [at, key] = *st.maturing.begin();
    st.maturing.erase(st.maturing.begin());
    auto it = st.pods.find(key);
    if (it == st.pods.end()) continue;
    PodRecord& r = it->second;
    if (!r.active || !r.ready || r.available || r.ready_since_ms + min_ready_ms + kMaturingSlackMs != at) continue;  // stale
    r.available = true;
    ++st.available;
  }
}

std::vector<store::Key> ReplicaSetController::rank_pods(Cluster& c, RsState& st, size_t limit) {
  // Rank = active pods of every ReplicaSet with the same controller on the pod's node, found by
  // the node name's interned text (one pointer hash per pod instead of a string hash).
  // A flat open-addressed table (5,000 nodes: ~128 KB, probed once per candidate in cache).
  struct NodeCounts {
    std::vector<std::pair<const std::string*, int>> slots;
    size_t mask = 0;
    explicit NodeCounts(size_t expected) {
      size_t n = 16;
      while (n < expected * 2) n *= 2;
      slots.assign(n, {nullptr, 0});
      mask = n - 1;
    }
    size_t home(const std::string* k) const {
      return static_cast<size_t>((reinterpret_cast<uintptr_t>(k) >> 3) * 0x9E3779B97F4A7C15ULL >> 20) & mask;
    }
    int& at(const std::string* k) {
      for (size_t i = home(k);; i = (i + 1) & mask) {
        if (slots[i].first == k) return slots[i].second;
        if (!slots[i].first) { slots[i].first = k; return slots[i].second; }
      }
    }
    int get(const std::string* k) const {
      for (size_t i = home(k);; i = (i + 1) & mask) {
        if (slots[i].first == k) return slots[i].second;
        if (!slots[i].first) return 0;
      }
    }
  };
  size_t expected = st.active_on_node.size();
  if (!st.owner_uid.empty())
    for (auto& rk : c.store.replicasets_owned_by(st.owner_uid))
      if (auto it = rs_.find(rk); it != rs_.end()) expected += it->second.active_on_node.size();
  NodeCounts on_node(expected);
  auto count = [&](const RsState& s) {
    for (auto& [node, n] : s.active_on_node) on_node.at(node) += n;
  };
  bool counted_self = false;
  if (!st.owner_uid.empty()) {
    for (auto& rk : c.store.replicasets_owned_by(st.owner_uid)) {
      auto it = rs_.find(rk);
      if (it == rs_.end() || it->second.owner_uid != st.owner_uid) continue;
      if (&it->second == &st) counted_self = true;
      count(it->second);
    }
  }
  if (!counted_self) count(st);

  // Ranks packed (pack_deletion_rank), then the uid (its first 8 bytes, then the rest), then the
  // pod key: deletion_rank_less's order, compared with a few integer compares.
  const int64_t now = c.now();
  struct Cand {
    uint64_t hi, lo, uid8;
    std::string_view uid;
    const store::PackedKey* key;
  };
  std::vector<Cand> cands;
  cands.reserve(static_cast<size_t>(st.active));
  const std::string* last_node = nullptr;
  int last_count = 0;
  // The records are scattered over the heap: list them first (a walk over the index alone),
  // then read each while the ones a few places ahead are already being fetched.
  using Entry = std::remove_reference_t<decltype(*st.pods.begin())>;
  std::vector<Entry*> entries;
  entries.reserve(st.pods.size());
  for (auto& e : st.pods) entries.push_back(&e);
  for (size_t idx = 0; idx < entries.size(); ++idx) {
#if defined(__wasm__)
    // WebAssembly has no prefetch, and a load standing in for one holds the CPU until it is done:
    // load the records 8 to 15 places ahead at once (see store::for_each_fetching_ahead).
    if (idx % 8 == 0)
      for (size_t j = idx + 8; j < idx + 16 && j < entries.size(); ++j) store::prefetch_line(&entries[j]->second);
#else
    constexpr size_t kAhead = 12;
    if (idx + kAhead < entries.size()) {
      const char* ahead = reinterpret_cast<const char*>(&entries[idx + kAhead]->second);
      store::prefetch_line(ahead);
      store::prefetch_line(ahead + 64);
    }
#endif
    auto& e = *entries[idx];
    const PodRecord& r = e.second;
    if (!r.active) continue;
    const std::string* node = &r.node.str();
    if (node != last_node) {
      last_node = node;
      last_count = on_node.get(node);
    }
    PodDeletionRank rank;
    rank.assigned = !r.node.empty();
    rank.phase_ordinal = r.phase_ordinal;
    rank.ready = r.ready;
    rank.deletion_cost = r.deletion_cost;
    rank.related_on_node = last_count;
    rank.ready_bucket = r.ready ? log2_age_bucket(r.ready_since_ms, now) : 0;
    rank.max_restarts = r.max_restarts;
    rank.created_bucket = r.ready ? 0 : log2_age_bucket(r.creation_ms, now);
    const PackedDeletionRank packed = pack_deletion_rank(rank);
    Cand k;
    k.hi = packed.hi;
    k.lo = packed.lo;
    k.uid8 = 0;
    const std::string_view uid = r.uid.view();
    for (size_t i = 0; i < 8; ++i)
      k.uid8 = (k.uid8 << 8) | (i < uid.size() ? static_cast<unsigned char>(uid[i]) : 0u);
    k.uid = uid;
    k.key = &e.first;
    cands.push_back(k);
  }
  auto less = [](const Cand& a, const Cand& b) {
    if (a.hi != b.hi) return a.hi < b.hi;
    if (a.lo != b.lo) return a.lo < b.lo;
    if (a.uid8 != b.uid8) return a.uid8 < b.uid8;
    if (int u = a.uid.compare(b.uid); u != 0) return u < 0;
    return *a.key < *b.key;
  };
  limit = std::min(limit, cands.size());
  std::nth_element(cands.begin(), cands.begin() + static_cast<long>(limit), cands.end(), less);
  std::sort(cands.begin(), cands.begin() + static_cast<long>(limit), less);
  std::vector<store::Key> out;
  out.reserve(limit);
  for (size_t i = 0; i < limit; ++i) out.push_back(cands[i].key->key());
  return out;
}

std::vector<store::Key> ReplicaSetController::pods_to_delete(Cluster& c, RsState& st, int n) {
  std::vector<store::Key> out;
  if (n >= st.active) {  // deleting all of them: no need to rank
    for (auto& [k, r] : st.pods) if (r.active) out.push_back(k.key());
    std::sort(out.begin(), out.end());
    return out;
  }
  // Ranking walks the pods of every ReplicaSet of the same owner (the "related pods").
  size_t related = st.pods.size();
  if (!st.owner_uid.empty()) {
    related = 0;
    for (auto& rk : c.store.replicasets_owned_by(st.owner_uid))
      if (auto it = rs_.find(rk); it != rs_.end()) related += it->second.pods.size();
  }
  if (related <= static_cast<size_t>(kExactRankLimit)) return rank_pods(c, st, static_cast<size_t>(n));

  // Big ReplicaSet: consume a recent ranking while it is still valid.
  auto take = [&] {
    while (out.size() < static_cast<size_t>(n) && st.ranked_next < st.ranked.size()) {
      const store::Key& k = st.ranked[st.ranked_next++];
      auto it = st.pods.find(k);
      if (it != st.pods.end() && it->second.active) out.push_back(k);
    }
  };
  const int64_t now = c.now();
  if (st.ranked_epoch == st.rank_epoch && st.ranked_at_ms >= 0 && now - st.ranked_at_ms < kRankReuseMs) take();
  if (out.size() < static_cast<size_t>(n)) {
    out.clear();
    st.ranked = rank_pods(c, st, std::max<size_t>(static_cast<size_t>(n), kRankedPrefix));
    st.ranked_next = 0;
    st.ranked_epoch = st.rank_epoch;
    st.ranked_at_ms = now;
    take();
  }
  return out;
}

void ReplicaSetController::manage_replicas(Cluster& c, const store::Key& key, RsState& st, int32_t diff) {
  auto& store = c.store;
  const api::ReplicaSet* rs = store.replicasets().get(key);
  if (!rs) return;
  const api::ObjectReference ref = rs_ref(*rs);

  if (diff < 0) {
    const int n = std::min<int>(-diff, kBurstReplicas);
    st.expected_adds = n;
    st.expectations_ms = c.now();
    const api::Pod tmpl = pod_from_template(*rs);
    // Slow start: batches of 1, 2, 4, … so a systematic failure costs one call, not hundreds.
    int created = 0;
    for (int batch : slow_start_batches(n)) {
      int errors = 0;
      for (int i = 0; i < batch; ++i) {
        store::Key pk;
        auto s = store.create(tmpl, &pk);
        if (s.ok) {
          ++created;
          store.record_event(ref, "Normal", "SuccessfulCreate", "Created pod: " + pk.name, kComponent);
        } else {
          ++errors;
          store.record_event(ref, "Warning", "FailedCreate", "Error creating: " + s.message, kComponent);
        }
      }
      if (errors > 0) break;
    }
    st.expected_adds -= (n - created);  // failed and skipped creations will never be observed
    if (st.expected_adds < 0) st.expected_adds = 0;
    return;
  }

  const int n = std::min<int>(diff, kBurstReplicas);
  std::vector<store::Key> victims = pods_to_delete(c, st, n);
  st.expected_deletes = std::unordered_set<store::Key, store::KeyHash>(victims.begin(), victims.end());
  st.expectations_ms = c.now();
  for (auto& k : victims) {
    auto s = delete_pod_gracefully(c, k);
    if (s.ok) {
      store.record_event(ref, "Normal", "SuccessfulDelete", "Deleted pod: " + k.name, kComponent);
    } else {
      st.expected_deletes.erase(k);
      if (s.reason != "NotFound")
        store.record_event(ref, "Warning", "FailedDelete", "Error deleting: " + s.message, kComponent);
    }
  }
}

void ReplicaSetController::sync(Cluster& c, const store::Key& key) {
  auto& store = c.store;
  const api::ReplicaSet* rs = store.replicasets().get(key);
  if (!rs) return;
  RsState& st = *state_for(key, *rs);
  const int64_t now = c.now();
  if (st.min_ready_seconds != rs->spec.min_ready_seconds || st.template_labels != rs->spec.template_.labels)
    recount(c, st, rs->spec.min_ready_seconds, rs->spec.template_.labels);
  mature(st, now);

  const bool satisfied = (st.expected_adds <= 0 && st.expected_deletes.empty()) ||
                         now - st.expectations_ms >= kExpectationsTimeoutMs;
  if (satisfied) {
    st.expected_adds = 0;
    st.expected_deletes.clear();
    const int32_t diff = st.active - rs->spec.replicas;
    if (diff != 0 && !rs->metadata.deletion_ms) manage_replicas(c, key, st, diff);
  }

  // Status from the counters (what was observed before this pass's own creates/deletes, as
  // upstream computes it from the pods it listed).
  rs = store.replicasets().get(key);
  if (!rs) return;
  api::ReplicaSetStatus ns = rs->status;
  ns.replicas = st.active;
  ns.fully_labeled_replicas = st.labeled;
  ns.ready_replicas = st.ready;
  ns.available_replicas = st.available;
  ns.observed_generation = rs->metadata.generation;
  const auto& os = rs->status;
  if (ns.replicas != os.replicas || ns.fully_labeled_replicas != os.fully_labeled_replicas ||
      ns.ready_replicas != os.ready_replicas || ns.available_replicas != os.available_replicas ||
      ns.observed_generation != os.observed_generation) {
    store.update_replicaset_status(key, [&](api::ReplicaSet& x) { x.status = ns; });
  }

  // minReadySeconds: wake up when the next ready pod becomes available.
  if (!st.maturing.empty()) {
    const int64_t at = st.maturing.begin()->first;
    if (st.resync_at_ms <= now || at < st.resync_at_ms) {
      c.schedule(sim::TimerKind::ReplicaSetResync, key, st.uid, at - now);
      st.resync_at_ms = at;
    }
  }
}

bool ReplicaSetController::process(Cluster& cluster) {
  if (dirty_.empty()) return false;
  std::set<store::Key> keys;
  keys.swap(dirty_);
  for (auto& k : keys) sync(cluster, k);
  return true;
}

std::optional<ReplicaSetController::Counts> ReplicaSetController::counts(const store::Key& rs) const {
  auto it = rs_.find(rs);
  if (it == rs_.end()) return std::nullopt;
  return Counts{it->second.active, it->second.labeled, it->second.ready, it->second.available};
}

}  // namespace kubesim::controllers
