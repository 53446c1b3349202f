// kubesim — replicaset.cpp — upstream pkg/controller/replicaset (manageReplicas with slow start and burst 500, deletion ranking, status counters)
// Level-based: on_change() only turns store changes into dirty keys; process() reconciles every
// dirty key against the store and writes back through the store.
//
// Status is kept incrementally: for every pod a ReplicaSet owns we remember the flags we last
// counted (active / fully labeled / ready / available) and keep per-ReplicaSet counters, so a
// pod change costs O(log n) and a sync that has nothing to create or delete costs O(1). Only a
// scale-down walks the ReplicaSet's pods (to rank them), as upstream does.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <vector>

#include "api/types.h"
#include "store/store.h"

namespace kubesim { class Cluster; }

namespace kubesim::controllers {

// [SECTION] pod helpers (shared with the garbage collector, the deployment controller, kubectl)
// Upstream controller.IsPodActive: not Succeeded/Failed and no deletionTimestamp.
bool is_pod_active(const api::Pod& p);
// podutil.IsPodReady: the Ready condition is True (falls back to "Running and every container
// ready" for pods whose kubelet has not written conditions).
bool is_pod_ready(const api::Pod& p);
// Ready condition's lastTransitionTime (0 = unknown).
int64_t pod_ready_since_ms(const api::Pod& p);
// podutil.IsPodAvailable: ready, and ready for more than minReadySeconds.
bool is_pod_available(const api::Pod& p, int32_t min_ready_seconds, int64_t now_ms);
// The API server's qosClass: Guaranteed / Burstable / BestEffort.
std::string pod_qos_class(const api::PodSpec& spec);
// DefaultTolerationSeconds admission: not-ready and unreachable NoExecute for 300 s, unless the
// pod already tolerates those taints.
void add_default_tolerations(api::PodSpec& spec);
// controller.GetPodFromTemplate + what admission adds: generateName "<rs>-", template labels and
// annotations, the controller ownerReference, default tolerations, qosClass.
api::Pod pod_from_template(const api::ReplicaSet& rs);

// Graceful pod deletion as the API server does it (registry/core/pod CheckGracefulDelete +
// rest.BeforeDelete): grace = `grace_period_seconds` or spec.terminationGracePeriodSeconds;
// unscheduled or finished pods (and grace 0) are removed at once; otherwise deletionTimestamp =
// now + grace, deletionGracePeriodSeconds = grace, timeline.terminating_ms = now, and the
// kubelet finishes the job. A pod already terminating only accepts a shorter grace period.
store::Status delete_pod_gracefully(Cluster& c, const store::Key& pod, std::optional<int64_t> grace_period_seconds = std::nullopt);

// slowStartBatch's batch sizes for `n` creations: 1, 2, 4, … (each at most the rest), so a
// systematic failure (quota, admission) costs one API call instead of n.
std::vector<int> slow_start_batches(int n);

// [SECTION] scale-down ranking (controller.ActivePodsWithRanks.Less, LogarithmicScaleDown on)
// The facts one pod is compared on, precomputed so a sort does no lookups.
struct PodDeletionRank {
  bool assigned = false;        // spec.nodeName set
  int phase_ordinal = 0;        // Pending 0 < Unknown 1 < Running 2
  bool ready = false;
  int32_t deletion_cost = 0;    // controller.kubernetes.io/pod-deletion-cost
  int related_on_node = 0;      // active pods of the same owner's ReplicaSets on the same node
  int64_t ready_bucket = 0;     // floor(log2(now − readySince in ns)); INT64_MIN when unknown
  int32_t max_restarts = 0;
  int64_t created_bucket = 0;   // floor(log2(now − creationTimestamp in ns))
  const std::string* uid = nullptr;
};
// floor(log2(now − t)) with t and now in ms, durations in ns, timestamps at API precision
// (whole seconds); -1 when t is not before now, INT64_MIN when t is 0 (unset).
int64_t log2_age_bucket(int64_t t_ms, int64_t now_ms);
PodDeletionRank make_deletion_rank(const api::Pod& p, int related_on_node, int64_t now_ms);
// true when `a` should be deleted before `b`. Upstream's rules 1–8 as a strict weak order:
// equal log buckets (and, deviating only in that corner, equal timestamps) are ordered by uid.
bool deletion_rank_less(const PodDeletionRank& a, const PodDeletionRank& b);
// Rules 1–8 of deletion_rank_less packed into two integers: (hi, lo) compare as the rules do,
// and equal pairs fall to the uid (the scale-down ranking sorts 150,000 of these).
struct PackedDeletionRank { uint64_t hi = 0, lo = 0; };
PackedDeletionRank pack_deletion_rank(const PodDeletionRank& r);

// [SECTION] the controller
class ReplicaSetController {
 public:
  static constexpr int kBurstReplicas = 500;               // --replicaset burst
  static constexpr int64_t kExpectationsTimeoutMs = 5 * 60 * 1000;
  // A pod that turned ready is re-checked for availability minReadySeconds + this later
  // (updatePod: enqueueRSAfter(minReadySeconds + 1 s)).
  static constexpr int64_t kMaturingSlackMs = 1000;
  // While the owner's ReplicaSets hold at most this many pods, a scale-down ranks every pod on
  // every sync (exact upstream order). Above it, one ranking (the best kRankedPrefix candidates)
  // is reused for up to kRankReuseMs of simulated time while no pod joins the ReplicaSet or
  // changes its standing: a 150,000-pod rollout scales its old ReplicaSet down thousands of times.
  static constexpr int32_t kExactRankLimit = 2000;
  static constexpr size_t kRankedPrefix = 4096;
  static constexpr int64_t kRankReuseMs = 1000;

  // Map one store change to the keys this loop must look at again.
  void on_change(const store::Change& c, Cluster& cluster);
  // Fetch into cache what on_change(c) will look up (see Store::drain_changes).
  void prefetch(const store::Change& c, int stage) const;
  // Reconcile all dirty keys; returns true if any work was done.
  bool process(Cluster& cluster);
  void enqueue(const store::Key& k) { dirty_.insert(k); }

  // What the controller last counted for a ReplicaSet (for tests and the inspector).
  struct Counts { int32_t replicas = 0, fully_labeled = 0, ready = 0, available = 0; };
  std::optional<Counts> counts(const store::Key& rs) const;

 private:
  using UidText = store::UidText;
  struct PodRecord {
    api::IStr node;
    UidText uid;
    int64_t creation_ms = 0;
    int64_t ready_since_ms = 0;
    int32_t deletion_cost = 0;
    int32_t max_restarts = 0;
    int8_t phase_ordinal = 0;
    bool active = false, ready = false, labeled = false, available = false;
  };
  struct RsState {
    std::string uid;
    std::string owner_uid;                 // controller (Deployment) uid: "related pods" for ranking
    int32_t active = 0, labeled = 0, ready = 0, available = 0;
    int32_t min_ready_seconds = 0;         // the value the counters were computed with
    api::Labels template_labels;           // ditto (fullyLabeledReplicas)
    api::SharedLabels labeled_map;         // a pod label map known to contain template_labels (held, so it cannot change)
    // every pod this ReplicaSet controls; iterated only where the result is then put in a total order
    store::KeyMap<PodRecord> pods;
    std::set<std::pair<int64_t, store::Key>> maturing;  // (available at ms, pod): minReadySeconds
    int64_t resync_at_ms = 0;              // pending ReplicaSetResync timer, 0 = none
    int32_t expected_adds = 0;             // creations issued but not yet observed
    // Active pods per node, by the node name's interned text (IStr address; "" = unbound); summed, never listed.
    store::TextAddressMap<int32_t> active_on_node;
    std::unordered_set<store::Key, store::KeyHash> expected_deletes; // deletions issued, not yet observed (never iterated)
    int64_t expectations_ms = 0;
    // Scale-down ranking reuse for big ReplicaSets (see kExactRankLimit).
    uint64_t rank_epoch = 0;               // bumped when a pod joins or its standing changes
    uint64_t ranked_epoch = 0;
    int64_t ranked_at_ms = -1;
    std::vector<store::Key> ranked;        // most deletable first
    size_t ranked_next = 0;
  };

  RsState* state_for(const store::Key& rs_key, const api::ReplicaSet& rs);
  // Recompute one pod's record from the store (pod == nullptr: it is gone) and adjust counters.
  // Returns true if anything the controller acts on changed.
  // `uid`: the pod's (on_change passes the uid its change carries: the same unless the pod was
  // replaced since, and then the replacement's changes follow).
  // `key_hash`: hash_key_parts(pod_key), when known.
  bool apply_pod(RsState& st, const store::Key& pod_key, const api::Pod* pod, std::string_view uid, int64_t now_ms,
                 std::optional<uint64_t> key_hash = std::nullopt);
  void recount(Cluster& c, RsState& st, int32_t min_ready_seconds, const api::Labels& template_labels);
  void mature(RsState& st, int64_t now_ms);
  void sync(Cluster& c, const store::Key& key);
  void manage_replicas(Cluster& c, const store::Key& key, RsState& st, int32_t diff);
  std::vector<store::Key> pods_to_delete(Cluster& c, RsState& st, int n);
  // The `limit` most deletable active pods of `st`, in order.
  std::vector<store::Key> rank_pods(Cluster& c, RsState& st, size_t limit);

  std::map<store::Key, RsState> rs_;
  // The ReplicaSet a pod change names as its owner (pod changes come in runs of one owner): the
  // last answer is kept (map nodes stay put; reset when one is erased, and on copy).
  struct OwnerMemo {
    store::Key key;
    RsState* state = nullptr;
    OwnerMemo() = default;
    OwnerMemo(const OwnerMemo&) {}
    OwnerMemo& operator=(const OwnerMemo&) { key = {}; state = nullptr; return *this; }
  };
  mutable OwnerMemo last_owner_;
  RsState* owner_state(const store::Change& c) const;
  std::set<store::Key> dirty_;  // processed in key order, so runs are deterministic
};

}  // namespace kubesim::controllers
