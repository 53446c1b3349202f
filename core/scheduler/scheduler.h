// kubesim — scheduler.cpp — filter + score, binding, FailedScheduling reasons, retry
// (kube-scheduler's default profile, reduced to what a cluster of plain Deployments needs).
//
//   queue:   pending pods by (priority desc, creation time, name) — PrioritySort; a pod that did not
//            fit waits in the "unschedulable" set until something that could help happens (a node
//            is added/changed, a pod leaves a node) or 5 minutes pass, and never retries sooner
//            than its back-off (1 s doubling to 10 s per attempt).
//   filter:  NodeUnschedulable, TaintToleration (NoSchedule/NoExecute; a node that is not Ready
//            counts as carrying the node.kubernetes.io/not-ready|unreachable taint), NodeAffinity
//            (nodeSelector), NodeResourcesFit (pods, cpu, memory against allocatable).
//   sample:  percentageOfNodesToScore adaptive: 50 − nodes/125 %, at least 5 %, at least 100 nodes;
//            the scan starts where the previous cycle stopped (round robin).
//   score:   NodeResourcesFit LeastAllocated (non-zero request defaults 100m / 200Mi) ×1,
//            NodeResourcesBalancedAllocation ×1, PodTopologySpread system defaults (pods of the
//            same controller per hostname) ×2; ties broken uniformly at random (store RNG).
//   bind:    spec.nodeName, PodScheduled True, event Scheduled; failure: PodScheduled False
//            Unschedulable with the upstream FitError text and event FailedScheduling.
//
// Level-based: on_change() only turns store changes into dirty keys (and keeps the per-node
// requested resources up to date incrementally); process() schedules every dirty pod.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/types.h"
#include "sim/timers.h"
#include "store/store.h"

namespace kubesim { class Cluster; }

namespace kubesim::scheduler {

class Scheduler {
 public:
  // Map one store change to the keys this loop must look at again.
  void on_change(const store::Change& c, Cluster& cluster);
  // Reconcile all dirty keys; returns true if any work was done.
  bool process(Cluster& cluster);
  void enqueue(const store::Key& k) { dirty_.insert(k); }
  // TimerKind::SchedulerRetry (key = pod, uid = pod uid; empty name = move every waiting pod).
  void on_timer(const sim::Timer& t, Cluster& cluster);

  // Why a pod is still Pending: the last FitError message ("0/1 nodes are available: …"), or ""
  // when the scheduler has nothing to say about it (bound, unknown, or not tried yet).
  std::string why_pending(const store::Key& pod) const;
  // Requested resources on a node as the scheduler counts them (sum of pod requests).
  struct NodeUsage {
    int64_t pods = 0;
    int64_t cpu_milli = 0, memory_bytes = 0;       // Σ requests
    int64_t nonzero_cpu_milli = 0, nonzero_memory_bytes = 0;  // with 100m / 200Mi defaults
  };
  NodeUsage node_usage(const std::string& node) const;
  size_t pending_count() const { return pending_.size(); }

  // Upstream constants.
  static constexpr int64_t kDefaultMilliCPURequest = 100;                 // schedutil.DefaultMilliCPURequest
  static constexpr int64_t kDefaultMemoryRequest = 200LL * 1024 * 1024;  // schedutil.DefaultMemoryRequest
  static constexpr int64_t kInitialBackoffMs = 1000, kMaxBackoffMs = 10000;
  static constexpr int64_t kMaxInUnschedulableMs = 5 * 60 * 1000;        // podMaxInUnschedulablePodsDuration

 private:
  struct Taint { std::string key, value, effect; };
  struct NodeState {
    bool present = false;
    bool plain = true;            // schedulable, Ready, no NoSchedule/NoExecute taints: only resources matter
    bool unschedulable = false;
    int64_t alloc_cpu = 0, alloc_mem = 0, alloc_pods = 110;
    NodeUsage used;
    api::IStr name;
    std::string not_ready_taint;  // synthesized when Ready != True and the taint is not there yet
    std::vector<Taint> taints;
    api::Labels labels;
  };
  // What a scheduling cycle reads of each of the ~500 nodes it walks, 32 bytes per node in an
  // array of its own (a 5,000-node cluster's fit on two cores' L2), kept in step with NodeState by
  // refresh_hot(): the room left on the node and its cached resource score.
  struct NodeHot {
    int64_t free_cpu = 0, free_mem = 0;  // allocatable − Σ requests
    int32_t free_pods = 0;               // allocatable pods − pods (clamped to int32)
    uint32_t score_epoch = 0;            // score_req_epoch_ the score was computed for (0 = stale)
    int32_t score = 0;                   // LeastAllocated + BalancedAllocation
    bool fast = false;                   // present && plain: the filter only needs room
  };
  struct Account {  // a pod counted on a node (the small members last: no padding)
    int64_t cpu = 0, mem = 0, nz_cpu = 0, nz_mem = 0;
    api::IStr owner;        // controller owner uid ("" = none)
    int node = -1;
    bool spread = false;    // counted in spread_ (not terminating)
  };
  struct Pending {
    std::string uid;
    int attempts = 0;
    int64_t last_attempt_ms = 0;
    uint64_t generation = 0;  // cluster generation at the last attempt
    bool unschedulable = false;
    int64_t retry_timer_at = -1;
    std::string message;
  };
  struct Request { int64_t cpu = 0, mem = 0, nz_cpu = 0, nz_mem = 0; };

  static Request requests_of(const api::Pod& p);
  void sync_node(const std::string& name, Cluster& cluster);
  void account(const store::Key& key, const api::Pod& p);
  void unaccount(const store::Key& key);
  void set_spread(Account& a, bool on);
  int spread_count(const std::string& owner, int node) const;
  void node_changed(int node);
  void refresh_hot(int node);  // after NodeState's presence, plainness, allocatable or usage changed
  void schedule_one(const store::Key& key, Cluster& cluster);
  void wake_all(Cluster& cluster);
  void arm_retry(const store::Key& key, Pending& p, int64_t at, Cluster& cluster);

  std::vector<NodeState> nodes_;
  std::vector<NodeHot> hot_;  // parallel to nodes_
  store::TextAddressMap<int> node_index_;  // by the node name's interned text (api::IStr); looked up only
  size_t present_nodes_ = 0;
  size_t next_start_node_ = 0;
  store::KeyMap<Account> accounts_;  // lookup only, never iterated
  // owner uid -> node -> pods (non-terminating). Small owners use a hash map (only looked up,
  // never iterated, so its order cannot leak into results); big ones a dense per-node array.
  struct OwnerSpread {
    std::unordered_map<int, int> sparse;
    std::vector<int32_t> dense;
    int64_t total = 0;
    int count(int node) const {
      if (!dense.empty()) return node < static_cast<int>(dense.size()) ? dense[node] : 0;
      auto it = sparse.find(node);
      return it == sparse.end() ? 0 : it->second;
    }
  };
  std::unordered_map<std::string, OwnerSpread> spread_;  // looked up only
  store::KeyMap<Pending> pending_;  // iterated only after sorting by key
  store::DirtyKeys dirty_;  // processed in (priority, creation, name) order
  uint64_t generation_ = 0;     // bumps whenever capacity may have been freed or nodes changed
  std::deque<std::pair<uint64_t, int>> node_changes_;  // (generation, node) for cheap re-checks
  bool wake_pending_ = false;
  std::vector<int> scratch_feasible_;      // per-cycle buffers (contents meaningless between cycles)
  std::vector<int> scratch_best_;
  // Per count of the owner's pods on a node: the best resource score of this cycle's feasible
  // nodes with that count (kUnseen: none), and whether that count's best nodes win.
  static constexpr int32_t kUnseen = INT32_MIN;
  std::vector<int32_t> best_by_count_;
  std::vector<uint8_t> wins_by_count_;
  std::vector<int32_t> scratch_scores_, scratch_counts_;
  std::vector<int> scratch_counts_seen_;
  Request score_req_;             // the requests NodeHot::score was computed for
  uint32_t score_req_epoch_ = 1;
};

}  // namespace kubesim::scheduler
