// kubesim — scheduler.cpp — see scheduler.h for the plugin set.
//
// Upstream facts used here (kubernetes/kubernetes pkg/scheduler, v1.34):
//   * FitError.Error(): "0/N nodes are available: " + sorted "<count> <reason>" joined by ", " + "."
//     then " " + the PostFilter message. In v1.34 two PostFilter plugins answer for a pod without
//     resource claims: DynamicResources ("no new claims to deallocate") and DefaultPreemption
//     ("preemption: 0/N nodes are available: <sorted counts>."), joined by ", ". Observed v1.34
//     text: "0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption:
//     0/1 nodes are available: 1 No preemption victims found for incoming pod."
//   * Filter reasons: "node(s) were unschedulable" (NodeUnschedulable), "node(s) had untolerated
//     taint {KEY: VALUE}" (TaintToleration, v1.34.0 wording; later patch releases print
//     "node(s) had untolerated taint(s)"), "node(s) didn't match Pod's node affinity/selector"
//     (NodeAffinity), "Too many pods" / "Insufficient cpu" / "Insufficient memory"
//     (NodeResourcesFit). The first failing plugin decides a node's reasons.
//   * Preemption per node: Unresolvable filters → "Preemption is not helpful for scheduling";
//     resource shortage with no lower-priority victims → "No preemption victims found for incoming pod".
//   * No nodes at all: "no nodes available to schedule pods".
//   * numFeasibleNodesToFind: < 100 nodes → all; else 50 − n/125 % (min 5 %), at least 100.
//   * Scores: LeastAllocated ((alloc − req)·100/alloc per resource, non-zero defaults 100m/200Mi),
//     BalancedAllocation ((1 − |f_cpu − f_mem|/2)·100 on actual requests, skipped for best-effort
//     pods), PodTopologySpread system defaults (hostname maxSkew 3: round(cnt·ln(n+2) + 2),
//     normalized 100·(max + min − s)/max), selectHost reservoir tie-break.
//   * Event texts: "Successfully assigned NS/NAME to NODE"; source default-scheduler.
#include "scheduler/scheduler.h"

#include <algorithm>
#include <cmath>

#include "bootstrap.h"
#include "cluster.h"

namespace kubesim::scheduler {

namespace {

const char* kUnschedulable = "node(s) were unschedulable";
const char* kNodeAffinity = "node(s) didn't match Pod's node affinity/selector";
const char* kTooManyPods = "Too many pods";
const char* kInsufficientCPU = "Insufficient cpu";
const char* kInsufficientMemory = "Insufficient memory";
const char* kPreemptionNotHelpful = "Preemption is not helpful for scheduling";
const char* kNoVictims = "No preemption victims found for incoming pod";
constexpr int64_t kMaxNodeScore = 100;

bool tolerates(const std::vector<api::Toleration>& tolerations, const std::string& key, const std::string& value,
               const std::string& effect) {
  for (auto& t : tolerations) {
    if (!t.effect.empty() && t.effect != effect) continue;
    if (t.key.empty()) {
      if (t.op == "Exists") return true;
      continue;
    }
    if (t.key != key) continue;
    if (t.op == "Exists") return true;
    if ((t.op == "Equal" || t.op.empty()) && t.value == value) return true;
  }
  return false;
}

size_t num_feasible_nodes_to_find(size_t all) {
  if (all < 100) return all;
  int64_t pct = 50 - static_cast<int64_t>(all) / 125;
  if (pct < 5) pct = 5;
  size_t n = all * static_cast<size_t>(pct) / 100;
  return n < 100 ? 100 : n;
}

int64_t least_allocated(int64_t requested, int64_t capacity) {
  if (capacity <= 0 || requested > capacity) return 0;
  return (capacity - requested) * kMaxNodeScore / capacity;
}

std::string histogram_text(const std::map<std::string, int>& h) {
  std::vector<std::string> parts;
  for (auto& [reason, n] : h) parts.push_back(std::to_string(n) + " " + reason);
  std::sort(parts.begin(), parts.end());  // Go: sort.Strings on "<count> <reason>"
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  return s;
}

}  // namespace

// [SECTION] bookkeeping ------------------------------------------------------------------------------
Scheduler::Request Scheduler::requests_of(const api::Pod& p) {
  Request r;
  for (auto& c : p.spec.containers) {
    std::optional<int64_t> cpu = c.requests.cpu_milli ? c.requests.cpu_milli : c.limits.cpu_milli;
    std::optional<int64_t> mem = c.requests.memory_bytes ? c.requests.memory_bytes : c.limits.memory_bytes;
    r.cpu += cpu.value_or(0);
    r.mem += mem.value_or(0);
    r.nz_cpu += cpu ? *cpu : kDefaultMilliCPURequest;
    r.nz_mem += mem ? *mem : kDefaultMemoryRequest;
  }
  return r;
}

void Scheduler::node_changed(int node) {
  ++generation_;
  node_changes_.emplace_back(generation_, node);
  while (node_changes_.size() > 4096) node_changes_.pop_front();
  wake_pending_ = true;
}

void Scheduler::refresh_hot(int node) {
  const NodeState& n = nodes_[node];
  NodeHot& h = hot_[node];
  h.free_cpu = n.alloc_cpu - n.used.cpu_milli;
  h.free_mem = n.alloc_mem - n.used.memory_bytes;
  h.free_pods = static_cast<int32_t>(std::clamp<int64_t>(n.alloc_pods - n.used.pods, INT32_MIN, INT32_MAX));
  h.score_epoch = 0;
  h.fast = n.present && n.plain;
}

void Scheduler::sync_node(const std::string& name, Cluster& cluster) {
  const api::Node* n = cluster.store.nodes().get("", name);
  const std::string* const name_key = &api::IStr(name).str();
  auto it = node_index_.find(name_key);
  if (!n) {
    if (it != node_index_.end() && nodes_[it->second].present) {
      nodes_[it->second].present = false;
      refresh_hot(it->second);
      --present_nodes_;
      node_changed(it->second);
    }
    return;
  }
  int idx;
  if (it == node_index_.end()) {
    idx = static_cast<int>(nodes_.size());
    nodes_.push_back(NodeState{});
    hot_.push_back(NodeHot{});
    nodes_.back().name = name;
    node_index_[name_key] = idx;
  } else {
    idx = it->second;
  }
  NodeState& s = nodes_[idx];
  if (!s.present) ++present_nodes_;
  s.present = true;
  s.unschedulable = n->spec.unschedulable;
  s.labels = n->metadata.labels;
  s.taints.clear();
  for (auto& t : n->spec.taints) s.taints.push_back(Taint{t.key, t.value, t.effect});
  s.not_ready_taint.clear();
  for (auto& c : n->status.conditions) {
    if (c.type != "Ready" || c.status == "True") continue;
    std::string key = c.status == "Unknown" ? "node.kubernetes.io/unreachable" : "node.kubernetes.io/not-ready";
    bool has = false;
    for (auto& t : s.taints) if (t.key == key) has = true;
    if (!has) s.not_ready_taint = key;
  }
  const auto& a = n->status.allocatable;
  const auto& cap = n->status.capacity;
  s.alloc_cpu = a.cpu_milli ? *a.cpu_milli : cap.cpu_milli.value_or(INT64_MAX / 4);
  s.alloc_mem = a.memory_bytes ? *a.memory_bytes : cap.memory_bytes.value_or(INT64_MAX / 4);
  s.alloc_pods = n->status.allocatable_pods > 0 ? n->status.allocatable_pods : n->status.capacity_pods;
  s.plain = !s.unschedulable && s.not_ready_taint.empty();
  for (auto& t : s.taints) if (t.effect == "NoSchedule" || t.effect == "NoExecute") s.plain = false;
  refresh_hot(idx);
  node_changed(idx);
}

void Scheduler::set_spread(Account& a, bool on) {
  if (a.owner.empty() || a.spread == on || a.node < 0) return;
  a.spread = on;
  OwnerSpread& o = spread_[a.owner];
  if (on) {
    ++o.total;
    if (o.dense.empty() && o.total > 1024) {  // a big ReplicaSet: switch to an array per node
      o.dense.assign(nodes_.size(), 0);
      for (auto& [node, n] : o.sparse) o.dense[node] = n;
      o.sparse.clear();
    }
    if (!o.dense.empty()) {
      if (a.node >= static_cast<int>(o.dense.size())) o.dense.resize(nodes_.size(), 0);
      ++o.dense[a.node];
    } else {
      ++o.sparse[a.node];
    }
  } else {
    --o.total;
    if (!o.dense.empty()) {
      if (a.node < static_cast<int>(o.dense.size())) --o.dense[a.node];
    } else if (auto it = o.sparse.find(a.node); it != o.sparse.end() && --it->second <= 0) {
      o.sparse.erase(it);
    }
    if (o.total <= 0) spread_.erase(a.owner);
  }
}

int Scheduler::spread_count(const std::string& owner, int node) const {
  auto it = spread_.find(owner);
  return it == spread_.end() ? 0 : it->second.count(node);
}

void Scheduler::account(const store::Key& key, const api::Pod& p) {
  auto ni = node_index_.find(&p.spec.node_name.str());
  if (ni == node_index_.end()) {
    // A pod bound to a node we have not seen yet: remember the node by name (it may come later).
    int idx = static_cast<int>(nodes_.size());
    nodes_.push_back(NodeState{});
    hot_.push_back(NodeHot{});
    nodes_.back().name = p.spec.node_name;
    ni = node_index_.try_emplace(&p.spec.node_name.str(), idx).first;
  }
  Request r = requests_of(p);
  Account a;
  a.node = ni->second;
  a.cpu = r.cpu;
  a.mem = r.mem;
  a.nz_cpu = r.nz_cpu;
  a.nz_mem = r.nz_mem;
  if (auto* o = p.metadata.controller_ref()) a.owner = o->uid;
  auto& u = nodes_[a.node].used;
  u.cpu_milli += a.cpu;
  u.memory_bytes += a.mem;
  u.nonzero_cpu_milli += a.nz_cpu;
  u.nonzero_memory_bytes += a.nz_mem;
  u.pods += 1;
  refresh_hot(a.node);
  auto& stored = accounts_[key] = a;
  set_spread(stored, !p.metadata.deletion_ms.has_value());
}

void Scheduler::unaccount(const store::Key& key) {
  auto it = accounts_.find(key);
  if (it == accounts_.end()) return;
  Account& a = it->second;
  set_spread(a, false);
  auto& u = nodes_[a.node].used;
  u.cpu_milli -= a.cpu;
  u.memory_bytes -= a.mem;
  u.nonzero_cpu_milli -= a.nz_cpu;
  u.nonzero_memory_bytes -= a.nz_mem;
  u.pods -= 1;
  refresh_hot(a.node);
  int node = a.node;
  accounts_.erase(it);
  node_changed(node);
}

Scheduler::NodeUsage Scheduler::node_usage(const std::string& node) const {
  auto it = node_index_.find(&api::IStr(node).str());
  return it == node_index_.end() ? NodeUsage{} : nodes_[it->second].used;
}

std::string Scheduler::why_pending(const store::Key& pod) const {
  auto it = pending_.find(pod);
  return it == pending_.end() ? std::string() : it->second.message;
}

// [SECTION] watch ----------------------------------------------------------------------------------
void Scheduler::on_change(const store::Change& c, Cluster& cluster) {
  if (c.kind == store::Kind::Node) {
    sync_node(c.key.name, cluster);
    return;
  }
  if (c.kind != store::Kind::Pod) return;
  // Our own bindings are accounted as they are made; the kubelets write only the status of
  // bound pods, which matters here once the pod has finished (it frees its node's room).
  if (c.type == store::ChangeType::Modified &&
      (c.writer == store::Writer::Scheduler || (c.writer == store::Writer::Kubelet && !c.pod_finished)))
    return;
  if (c.type == store::ChangeType::Deleted) {
    unaccount(c.key);
    pending_.erase(c.key);
    dirty_.erase(c.key);
    return;
  }
  const api::Pod* p = cluster.store.pods().get(c.key, c.key_hash);
  if (!p) return;
  if (!p->spec.node_name.empty()) {
    pending_.erase(c.key);
    dirty_.erase(c.key);
    auto it = accounts_.find(c.key, c.key_hash);
    const bool terminal = p->status.phase == "Succeeded" || p->status.phase == "Failed";
    if (terminal) {
      unaccount(c.key);
    } else if (it == accounts_.end()) {
      account(c.key, *p);
    } else {
      set_spread(it->second, !p->metadata.deletion_ms.has_value());
    }
    return;
  }
  if (p->metadata.deletion_ms || (!p->spec.scheduler_name.empty() && p->spec.scheduler_name != "default-scheduler")) {
    pending_.erase(c.key);
    dirty_.erase(c.key);
    return;
  }
  auto pit = pending_.find(c.key);
  if (pit != pending_.end() && pit->second.uid == p->metadata.uid && pit->second.unschedulable) return;  // waits for a wake
  dirty_.insert(c.key);
}

void Scheduler::arm_retry(const store::Key& key, Pending& p, int64_t at, Cluster& cluster) {
  const int64_t now = cluster.now();
  if (p.retry_timer_at >= now && p.retry_timer_at <= at) return;  // an earlier retry is already armed
  p.retry_timer_at = at;
  cluster.schedule(sim::TimerKind::SchedulerRetry, key, p.uid, std::max<int64_t>(0, at - now));
}

void Scheduler::wake_all(Cluster& cluster) {
  const int64_t now = cluster.now();
  // pending_ is a hash map: visit the waiting pods in key order (timers get sequence numbers).
  std::vector<std::pair<const store::PackedKey*, Pending*>> waiting;
  for (auto& [packed, p] : pending_)
    if (p.unschedulable && p.generation != generation_) waiting.emplace_back(&packed, &p);
  std::sort(waiting.begin(), waiting.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
  for (auto& [packed, pp] : waiting) {
    Pending& p = *pp;
    const store::Key key = packed->key();
    int64_t backoff = kInitialBackoffMs;
    for (int i = 1; i < p.attempts && backoff < kMaxBackoffMs; ++i) backoff *= 2;
    backoff = std::min(backoff, kMaxBackoffMs);
    const int64_t at = p.last_attempt_ms + backoff;
    if (at <= now) dirty_.insert(key);
    else arm_retry(key, p, at, cluster);
  }
}

void Scheduler::on_timer(const sim::Timer& t, Cluster& cluster) {
  if (t.kind != sim::TimerKind::SchedulerRetry) return;
  if (t.name.empty()) {
    wake_pending_ = true;
    return;
  }
  store::Key key{t.namespace_, t.name};
  auto it = pending_.find(key);
  if (it == pending_.end() || sim::uid_hash(it->second.uid) != t.uid_hash) return;
  Pending& p = it->second;
  const int64_t now = cluster.now();
  const bool armed = p.retry_timer_at == now;
  if (armed) p.retry_timer_at = -1;
  if (armed || now - p.last_attempt_ms >= kMaxInUnschedulableMs) dirty_.insert(key);
}

// [SECTION] one scheduling cycle ---------------------------------------------------------------------
void Scheduler::schedule_one(const store::Key& key, Cluster& cluster) {
  auto& st = cluster.store;
  const api::Pod* pod = st.pods().get(key);
  if (!pod || !pod->spec.node_name.empty() || pod->metadata.deletion_ms) {
    pending_.erase(key);
    return;
  }
  // The pod's record of failed attempts, made at its first failure (most pods bind at once).
  Pending* pending = nullptr;
  if (auto it = pending_.find(key); it != pending_.end()) {
    pending = &it->second;
    if (pending->uid != pod->metadata.uid) {  // a new pod of the same name
      *pending = Pending{};
      pending->uid = pod->metadata.uid;
    }
  }
  auto pending_record = [&]() -> Pending& {
    if (!pending) {
      pending = &pending_[key];
      pending->uid = pod->metadata.uid;
    }
    return *pending;
  };
  const int64_t now = cluster.now();
  const Request req = requests_of(*pod);
  static const std::string kNoOwner;
  const std::string& owner = pod->metadata.controller_ref() ? pod->metadata.controller_ref()->uid : kNoOwner;
  const bool best_effort = req.cpu == 0 && req.mem == 0;

  // Filter one node; fills `reasons` and tells whether the failure is resolvable by preemption.
  const bool has_selector = !pod->spec.node_selector.empty();
  auto filter = [&](const NodeState& n, std::vector<std::string>& reasons, bool& resolvable) {
    // Fast path: a plain node and a pod without a nodeSelector only need room.
    if (n.plain && !has_selector && n.used.pods + 1 <= n.alloc_pods && (req.cpu == 0 || n.alloc_cpu >= req.cpu + n.used.cpu_milli) &&
        (req.mem == 0 || n.alloc_mem >= req.mem + n.used.memory_bytes))
      return true;
    reasons.clear();
    resolvable = false;
    if (n.unschedulable && !tolerates(pod->spec.tolerations, "node.kubernetes.io/unschedulable", "", "NoSchedule")) {
      reasons.push_back(kUnschedulable);
      return false;
    }
    if (!n.not_ready_taint.empty() && !tolerates(pod->spec.tolerations, n.not_ready_taint, "", "NoSchedule")) {
      reasons.push_back("node(s) had untolerated taint {" + n.not_ready_taint + ": }");
      return false;
    }
    for (auto& t : n.taints) {
      if (t.effect != "NoSchedule" && t.effect != "NoExecute") continue;
      if (!tolerates(pod->spec.tolerations, t.key, t.value, t.effect)) {
        reasons.push_back("node(s) had untolerated taint {" + t.key + ": " + t.value + "}");
        return false;
      }
    }
    for (auto& [k, v] : pod->spec.node_selector) {
      auto l = n.labels.find(k);
      if (l == n.labels.end() || l->second != v) {
        reasons.push_back(kNodeAffinity);
        return false;
      }
    }
    if (n.used.pods + 1 > n.alloc_pods) reasons.push_back(kTooManyPods);
    if (req.cpu > 0 && n.alloc_cpu < req.cpu + n.used.cpu_milli) reasons.push_back(kInsufficientCPU);
    if (req.mem > 0 && n.alloc_mem < req.mem + n.used.memory_bytes) reasons.push_back(kInsufficientMemory);
    resolvable = true;
    return reasons.empty();
  };

  std::vector<int>& feasible = scratch_feasible_;  // reused: no allocation per pod
  feasible.clear();
  std::map<std::string, int> filter_hist, preempt_hist;
  std::vector<std::string> reasons;
  bool resolvable = false;
  const size_t all = present_nodes_;
  const size_t n_total = nodes_.size();

  // A cheap re-check: nothing but a few nodes changed since this pod last failed everywhere.
  if (pending && pending->unschedulable && now - pending->last_attempt_ms < kMaxInUnschedulableMs && !node_changes_.empty() &&
      node_changes_.front().first <= pending->generation + 1 && generation_ - pending->generation <= 32) {
    Pending& pend = *pending;
    std::set<int> changed;
    for (auto it = node_changes_.rbegin(); it != node_changes_.rend() && it->first > pend.generation; ++it) changed.insert(it->second);
    bool any = false;
    for (int idx : changed)
      if (nodes_[idx].present && filter(nodes_[idx], reasons, resolvable)) any = true;
    if (!any) {
      pend.attempts++;
      pend.last_attempt_ms = now;
      pend.generation = generation_;
      st.record_event(store::Store::PodSubject(*pod).get(), "Warning", "FailedScheduling", pend.message, "default-scheduler");
      if (pend.retry_timer_at < now) arm_retry(key, pend, now + kMaxInUnschedulableMs, cluster);
      return;
    }
  }

  // While scanning, each feasible node's resource score (kept per node until its usage or the
  // pod's requests change: the pods of one ReplicaSet all request the same) is compared with the
  // best so far among the nodes running as many of the owner's pods: a node's spread score depends
  // on that count alone, so only those best nodes can win (see the selection below).
  const OwnerSpread* owner_counts = nullptr;
  if (!owner.empty()) {
    if (auto it = spread_.find(owner); it != spread_.end()) owner_counts = &it->second;
  }
  if (req.cpu != score_req_.cpu || req.mem != score_req_.mem || req.nz_cpu != score_req_.nz_cpu || req.nz_mem != score_req_.nz_mem) {
    score_req_ = req;
    if (++score_req_epoch_ == 0) score_req_epoch_ = 1;  // 0 marks a stale score
  }
  const size_t to_find = num_feasible_nodes_to_find(all);
  // Scratch array sized for the most feasible nodes a cycle keeps (written by index, no growth).
  feasible.resize(std::min(to_find, n_total));
  // Per feasible node (in scan order) its resource score and its count of the owner's pods.
  scratch_scores_.resize(feasible.size());
  scratch_counts_.resize(feasible.size());
  int32_t* const scores = scratch_scores_.data();
  int32_t* const counts = scratch_counts_.data();
  std::vector<int32_t>& best_by_count = best_by_count_;  // kUnseen outside a cycle
  std::vector<int>& counts_seen = scratch_counts_seen_;
  counts_seen.clear();
  size_t n_feasible = 0;
  int min_cnt = INT32_MAX, max_cnt = INT32_MIN;
  // The owner's pods per node: a dense array when it has many pods, else the map.
  const int32_t* dense = owner_counts && !owner_counts->dense.empty() ? owner_counts->dense.data() : nullptr;
  const size_t dense_n = dense ? owner_counts->dense.size() : 0;
  // A node's resource score for this pod's requests (kept until its usage or the requests change).
  auto rescore = [&](NodeHot& h, size_t idx) {
    const NodeState& n = nodes_[idx];
    const int64_t fit = (least_allocated(n.used.nonzero_cpu_milli + req.nz_cpu, n.alloc_cpu) +
                         least_allocated(n.used.nonzero_memory_bytes + req.nz_mem, n.alloc_mem)) / 2;
    int64_t balanced = 0;
    if (!best_effort) {
      double fc = n.alloc_cpu > 0 ? std::min(1.0, static_cast<double>(n.used.cpu_milli + req.cpu) / static_cast<double>(n.alloc_cpu)) : 0;
      double fm = n.alloc_mem > 0 ? std::min(1.0, static_cast<double>(n.used.memory_bytes + req.mem) / static_cast<double>(n.alloc_mem)) : 0;
      balanced = static_cast<int64_t>((1.0 - std::fabs((fc - fm) / 2.0)) * static_cast<double>(kMaxNodeScore));
    }
    h.score = static_cast<int32_t>(fit + balanced);
    h.score_epoch = score_req_epoch_;
  };
  // Records a feasible node whose score is current and whose count of the owner's pods is `cnt`.
  int* const feasible_out = feasible.data();
  int32_t* best_of = best_by_count.data();  // best_by_count.data(), kept across a resize
  size_t best_n = best_by_count.size();
  auto keep = [&](size_t idx, int32_t score, int cnt) __attribute__((always_inline)) {
    if (static_cast<size_t>(cnt) >= best_n) [[unlikely]] {
      best_by_count.resize(static_cast<size_t>(cnt) + 1, kUnseen);
      best_of = best_by_count.data();
      best_n = best_by_count.size();
    }
    if (score > best_of[cnt]) {  // rarely true: no store (and no chain through memory) per node
      if (best_of[cnt] == kUnseen) {
        counts_seen.push_back(cnt);
        min_cnt = std::min(min_cnt, cnt);
        max_cnt = std::max(max_cnt, cnt);
      }
      best_of[cnt] = score;
    }
    feasible_out[n_feasible] = static_cast<int>(idx);
    scores[n_feasible] = score;
    counts[n_feasible] = cnt;
    ++n_feasible;
  };
  auto take = [&](size_t idx) __attribute__((always_inline)) {
    NodeHot& h = hot_[idx];
    if (h.score_epoch != score_req_epoch_) rescore(h, idx);
    // Without an owner every node counts 0 (the spread score is the same for all). Counts are never
    // negative; the clamp keeps best_by_count indexable whatever happens.
    int cnt = 0;
    if (!owner.empty())
      cnt = std::max(0, dense ? (idx < dense_n ? dense[idx] : 0) : owner_counts ? owner_counts->count(static_cast<int>(idx)) : 0);
    keep(idx, h.score, cnt);
  };

  size_t processed = 0;
  if (n_total > 0) {
    size_t idx = next_start_node_ % n_total;
    size_t i = 0;
    // The common case in a tight loop: a pod of a big owner (its counts in the dense array) and
    // no nodeSelector, on plain nodes with room. It stops at the first node that needs more (a
    // node with negative room stops it too, even for a pod that requests nothing), and the loop
    // after it goes on from there with the full filter: the same nodes, in the same order.
    if (dense && !has_selector) {
      const int64_t need_cpu = req.cpu, need_mem = req.mem;
      const uint32_t epoch = score_req_epoch_;
      NodeHot* const hot = hot_.data();
      bool stopped = false;
      while (!stopped && i < n_total && n_feasible < to_find) {
        // A run of consecutive nodes up to the end of the node array (the scan wraps around).
        const size_t run = std::min({n_total - i, to_find - n_feasible, n_total - idx});
        size_t k = 0;
        for (; k < run; ++k) {
          const size_t at = idx + k;
          NodeHot& h = hot[at];
          if (!h.fast || h.free_pods < 1 || h.free_cpu < need_cpu || h.free_mem < need_mem) {
            stopped = true;
            break;
          }
          if (h.score_epoch != epoch) rescore(h, at);
          keep(at, h.score, std::max(0, at < dense_n ? dense[at] : 0));
        }
        processed += k;
        i += k;
        idx = idx + k == n_total ? 0 : idx + k;
      }
    }
    for (; i < n_total && n_feasible < to_find; ++i, idx = idx + 1 == n_total ? 0 : idx + 1) {
      ++processed;
      const NodeHot& h = hot_[idx];
      if (h.fast && !has_selector && h.free_pods >= 1 && (req.cpu == 0 || h.free_cpu >= req.cpu) &&
          (req.mem == 0 || h.free_mem >= req.mem)) {  // the filter's fast path, from the hot array
        take(idx);
        continue;
      }
      const NodeState& n = nodes_[idx];
      if (!n.present) continue;
      if (filter(n, reasons, resolvable)) {
        take(idx);
      } else {
        for (auto& r : reasons) ++filter_hist[r];
        ++preempt_hist[resolvable ? kNoVictims : kPreemptionNotHelpful];
      }
    }
    next_start_node_ = (next_start_node_ + processed) % n_total;
  }
  feasible.resize(n_feasible);

  if (feasible.empty()) {
    Pending& pend = pending_record();
    std::string msg;
    if (all == 0) {
      msg = "no nodes available to schedule pods";
    } else {
      msg = "0/" + std::to_string(all) + " nodes are available: " + histogram_text(filter_hist) + ".";
      msg += " no new claims to deallocate, preemption: 0/" + std::to_string(all) + " nodes are available: " +
             histogram_text(preempt_hist) + ".";
    }
    pend.attempts++;
    pend.last_attempt_ms = now;
    pend.generation = generation_;
    pend.unschedulable = true;
    pend.message = msg;
    st.record_event(store::Store::PodSubject(*pod).get(), "Warning", "FailedScheduling", msg, "default-scheduler");
    // PodScheduled False / Unschedulable (written only when something changed).
    bool changed = true;
    for (auto& c : pod->status.conditions)
      if (c.type == "PodScheduled" && c.status == "False" && c.reason == "Unschedulable" && c.message == msg) changed = false;
    if (changed) {
      st.update_pod(key, [&](api::Pod& p) {
        api::Condition* cond = nullptr;
        for (auto& c : p.status.conditions) if (c.type == "PodScheduled") cond = &c;
        if (!cond) {
          p.status.conditions.push_back(api::Condition{});
          cond = &p.status.conditions.back();
          cond->type = "PodScheduled";
        }
        if (cond->status != "False") cond->last_transition_ms = now;
        cond->status = "False";
        cond->reason = "Unschedulable";
        cond->message = msg;
        cond->last_probe_ms = 0;
      });
    }
    // Retried when the cluster changes (wake_all) or after 5 minutes at the latest.
    arm_retry(key, pend, now + kMaxInUnschedulableMs, cluster);
    return;
  }

  // Score the feasible nodes.
  // ln(n + 2), rounded to 1e-6 so libm differences between platforms (glibc, wasm) cannot change
  // a score; everything after this is plain IEEE arithmetic.
  const double spread_weight = std::floor(std::log(static_cast<double>(feasible.size()) + 2.0) * 1e6 + 0.5) / 1e6;
  // Spread scores: a node's raw score llround(cnt * weight + 2) depends only on how many of the
  // owner's pods it runs (and grows with it). The total (resource score + 2 x normalised spread)
  // is best, for each count, at the count's best resource score; the winners are the nodes of the
  // counts whose best total is the highest, in the order the scan found them.
  auto raw_of = [&](int cnt) { return static_cast<int64_t>(std::llround(static_cast<double>(cnt) * spread_weight + 2.0)); };
  const int64_t spread_min = owner.empty() ? 0 : raw_of(min_cnt);  // hostname maxSkew 3
  const int64_t spread_max = owner.empty() ? 0 : raw_of(max_cnt);
  const bool spread_varies = spread_max > 0;
  int64_t best = -1;
  std::vector<uint8_t>& wins = wins_by_count_;  // 0 outside a cycle
  if (wins.size() < best_by_count.size()) wins.resize(best_by_count.size(), 0);
  auto best_total_of = [&](int cnt) {  // of the count's best nodes
    const int64_t spread = spread_varies ? kMaxNodeScore * (spread_max + spread_min - raw_of(cnt)) / spread_max : kMaxNodeScore;
    return best_by_count[static_cast<size_t>(cnt)] + 2 * spread;
  };
  for (int cnt : counts_seen) best = std::max(best, best_total_of(cnt));
  for (int cnt : counts_seen) wins[static_cast<size_t>(cnt)] = best_total_of(cnt) == best;
  // selectHost: uniformly at random among the nodes with the best score (one draw for all of
  // them; upstream draws once per tie while scanning, which has the same distribution).
  std::vector<int>& best_nodes = scratch_best_;
  best_nodes.resize(n_feasible);
  size_t n_best = 0;
  {
    const uint8_t* const win = wins.data();
    const int32_t* const best_at = best_by_count.data();
    const int* const scanned = feasible.data();
    int* const out = best_nodes.data();
    for (size_t i = 0; i < n_feasible; ++i) {  // written every time, kept when it wins (no branch to mispredict)
      const size_t c = static_cast<size_t>(counts[i]);
      out[n_best] = scanned[i];
      n_best += static_cast<size_t>(win[c] != 0 && scores[i] == best_at[c]);
    }
  }
  best_nodes.resize(n_best);
  for (int cnt : counts_seen) {  // ready for the next cycle
    best_by_count[static_cast<size_t>(cnt)] = kUnseen;
    wins[static_cast<size_t>(cnt)] = 0;
  }
  const int pick = best_nodes.size() == 1 ? best_nodes[0] : best_nodes[st.rng().uniform(best_nodes.size())];

  // Bind.
  NodeState& target = nodes_[pick];
  const api::IStr node_name = target.name;
  store::Store::WriterScope as_scheduler(st, store::Writer::Scheduler);
  st.update_pod(key, [&](api::Pod& p) {
    p.spec.node_name = node_name;
    api::Condition* cond = nullptr;
    for (auto& c : p.status.conditions) if (c.type == "PodScheduled") cond = &c;
    if (!cond) {
      if (p.status.conditions.capacity() < 5) p.status.conditions.reserve(5);  // the kubelet adds four more
      p.status.conditions.push_back(api::Condition{});
      cond = &p.status.conditions.back();
      cond->type = "PodScheduled";
    }
    if (cond->status != "True") cond->last_transition_ms = now;
    cond->status = "True";
    cond->reason.clear();
    cond->message.clear();
    cond->last_probe_ms = 0;
    p.timeline.scheduled_ms = now;
  });
  if (pending) pending_.erase(key);
  if (const api::Pod* bound = pod) {  // updated in place (table entries never move)
    account(key, *bound);
    static constexpr std::string_view kAssigned = "Successfully assigned ", kTo = " to ";
    std::string msg;
    msg.reserve(kAssigned.size() + key.namespace_.size() + 1 + key.name.size() + kTo.size() + node_name.size());
    msg.append(kAssigned).append(key.namespace_).append(1, '/').append(key.name).append(kTo).append(node_name.str());
    // A bound pod is never scheduled again: the scheduler's last event on it. kube-scheduler records
    // through events.k8s.io/v1 (action Binding; reportingInstance "default-scheduler-" + its host,
    // the control-plane node), as `kubectl get events -o yaml` on minikube shows.
    static const api::IStr kInstance("default-scheduler-" + bootstrap::node_name(0));
    st.record_last_event(store::Store::PodSubject(*bound).get(), "Normal", "Scheduled", std::move(msg), "default-scheduler",
                         kInstance, "Binding");
  }
}

bool Scheduler::process(Cluster& cluster) {
  if (wake_pending_) {
    wake_pending_ = false;
    wake_all(cluster);
  }
  if (dirty_.empty()) return false;
  struct Item { int32_t priority; int64_t created; const store::Key* key; };
  std::vector<Item> items;
  const auto keys = dirty_.take_unordered();  // the sort below is total
  items.reserve(keys.size());
  // Records of the pods a few places ahead are fetched into cache meanwhile (see NodeMap).
  const size_t n = keys.size();
  const store::Key* k = keys.begin();
  store::for_each_fetching_ahead(
      n,
      [&](size_t i) {
        const api::Pod* p = cluster.store.pods().get(k[i]);
        items.push_back(Item{p ? p->spec.priority : 0, p ? p->metadata.creation_ms : 0, &k[i]});
      },
      [&](size_t j, int stage) {
        if (stage == 0) cluster.store.pods().prefetch_slot(k[j]);
        else cluster.store.pods().prefetch_entry(k[j]);
      });
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    if (a.created != b.created) return a.created < b.created;
    return *a.key < *b.key;
  });
  // A binding inserts the pod's account: fetch the slot it will probe (a pod that waits has no
  // account, and since most pods bind at once, no pending record either).
  store::for_each_fetching_ahead(
      n, [&](size_t i) { schedule_one(*items[i].key, cluster); },
      [&](size_t j, int stage) {
        if (stage == 0) accounts_.prefetch_slot(*items[j].key);
      });
  return true;
}

}  // namespace kubesim::scheduler
