// kubesim — deployment.cpp — upstream pkg/controller/deployment (sync, rolling, recreate, progress, rollback-by-template)
// Level-based: on_change() only turns store changes into dirty keys; process() reconciles every
// dirty key against the store and writes back through the store.
//
// A sync reads the Deployment and the ReplicaSets it controls (store index by owner uid; a
// handful of objects, never the pods except for Recreate), then follows upstream's
// syncDeployment: paused / scaling event → sync (proportional scaling), else Recreate or
// RollingUpdate; then status and conditions exactly as SetDeploymentCondition builds them.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/types.h"
#include "store/store.h"

namespace kubesim { class Cluster; }

namespace kubesim::controllers {

// [SECTION] deployment util (upstream pkg/controller/deployment/util), pure functions
namespace deployment_util {

inline constexpr const char* kRevisionAnnotation = "deployment.kubernetes.io/revision";
inline constexpr const char* kRevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
inline constexpr const char* kDesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
inline constexpr const char* kMaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
inline constexpr const char* kLastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";
inline constexpr const char* kRollbackToAnnotation = "deprecated.deployment.rollback.to";
inline constexpr size_t kMaxRevisionHistoryChars = 2000;

// Condition reasons (util/deployment_util.go).
inline constexpr const char* kNewRSReason = "NewReplicaSetCreated";
inline constexpr const char* kFoundNewRSReason = "FoundNewReplicaSet";
inline constexpr const char* kNewRSAvailableReason = "NewReplicaSetAvailable";
inline constexpr const char* kReplicaSetUpdatedReason = "ReplicaSetUpdated";
inline constexpr const char* kTimedOutReason = "ProgressDeadlineExceeded";
inline constexpr const char* kFailedRSCreateReason = "ReplicaSetCreateError";
inline constexpr const char* kPausedReason = "DeploymentPaused";
inline constexpr const char* kResumedReason = "DeploymentResumed";
inline constexpr const char* kMinimumReplicasAvailable = "MinimumReplicasAvailable";
inline constexpr const char* kMinimumReplicasUnavailable = "MinimumReplicasUnavailable";

// intstr.GetScaledValueFromIntOrPercent: "25%" of total, rounded up or down; nullopt if the
// string is not a percentage.
std::optional<int32_t> scaled_value(const api::IntOrString& v, int32_t total, bool round_up);

struct Fenceposts { int32_t max_surge = 0, max_unavailable = 0; };
// ResolveFenceposts: surge rounds up, unavailable rounds down; both 0 → unavailable 1.
Fenceposts resolve_fenceposts(const api::IntOrString& max_surge, const api::IntOrString& max_unavailable, int32_t desired);
// MaxSurge / MaxUnavailable of a deployment (0 unless RollingUpdate; unavailable capped at replicas).
int32_t max_surge(const api::Deployment& d);
int32_t max_unavailable(const api::Deployment& d);

// NewRSNewReplicas: how far the new ReplicaSet may grow this pass.
int32_t new_rs_new_replicas(const api::Deployment& d, const std::vector<const api::ReplicaSet*>& all_rss,
                            const api::ReplicaSet& new_rs);
// GetProportion: this ReplicaSet's share of `to_add` (proportional scaling), given `added` so far.
int32_t get_proportion(const api::ReplicaSet& rs, const api::Deployment& d, int32_t to_add, int32_t added);

// EqualIgnoreHash: templates equal once the pod-template-hash label is dropped from both.
bool equal_ignore_hash(const api::PodTemplateSpec& a, const api::PodTemplateSpec& b);
// Revision annotation of a ReplicaSet: 0 if absent, nullopt if unparsable.
std::optional<int64_t> revision(const api::ReplicaSet& rs);
// SetDeploymentCondition: no-op if a condition of that type has the same status and reason;
// otherwise the old one is removed and the new one appended (lastTransitionTime kept when the
// status did not change).
void set_condition(std::vector<api::Condition>& conds, api::Condition c);
const api::Condition* get_condition(const std::vector<api::Condition>& conds, const std::string& type);
api::Condition new_condition(const std::string& type, const std::string& status, const std::string& reason,
                             const std::string& message, int64_t now_ms);
// DeploymentComplete / DeploymentProgressing / DeploymentTimedOut.
bool deployment_complete(const api::Deployment& d, const api::DeploymentStatus& s);
bool deployment_progressing(const api::Deployment& d, const api::DeploymentStatus& s);
bool deployment_timed_out(const api::Deployment& d, const api::DeploymentStatus& s, int64_t now_ms);
bool has_progress_deadline(const api::Deployment& d);

}  // namespace deployment_util

// [SECTION] the controller
class DeploymentController {
 public:
  // Map one store change to the keys this loop must look at again.
  void on_change(const store::Change& c, Cluster& cluster);
  // Reconcile all dirty keys; returns true if any work was done.
  bool process(Cluster& cluster);
  void enqueue(const store::Key& k) { dirty_.insert(k); }

 private:
  friend struct DeploymentSync;
  void sync(Cluster& cluster, const store::Key& key);

  std::set<store::Key> dirty_;  // processed in key order, so runs are deterministic
  std::map<store::Key, int64_t> resync_at_;  // pending progress-deadline checks (DeploymentResync)
};

}  // namespace kubesim::controllers
