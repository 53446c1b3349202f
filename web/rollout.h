// kubesim web — what the Deployment panel shows: desired / updated / ready / available, the
// ReplicaSets as lanes, the maxSurge / maxUnavailable budgets in use, and why a rollout waits.
//
// Pure reads of the store (no ImGui / GL): unit-tested natively.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "api/types.h"
#include "look.h"
#include "store/store.h"

namespace kubesim::web {

// [SECTION] budgets (Kubernetes' ResolveFenceposts: surge rounds up, unavailable rounds down, and
// if both end up 0 maxUnavailable becomes 1).
int resolve_max_surge(const api::IntOrString& v, int replicas);
int resolve_max_unavailable(const api::IntOrString& v, int replicas);
struct Fenceposts {
  int max_surge = 0, max_unavailable = 0;
};
Fenceposts resolve_fenceposts(const api::DeploymentSpec& spec);

// [SECTION] colours per ReplicaSet
// Every ReplicaSet gets a palette index in the order its Deployment created them, so "the first
// revision" is always blue and a rollback to it shows the same colour again. Keyed by RS uid.
std::unordered_map<std::string, int> palette_by_replicaset(const store::Store& s);
// The palette index of a pod (via its controller owner), or -1 for pods without a ReplicaSet.
int pod_palette(const api::Pod& p, const std::unordered_map<std::string, int>& by_rs);

// [SECTION] the panel's model
struct ReplicaSetLane {
  const api::ReplicaSet* rs = nullptr;
  int revision = 0;       // deployment.kubernetes.io/revision
  std::string image;      // the first container's image
  std::string tag;        // its tag ("v2"), or the image when it has none
  int palette = 0;
  bool is_new = false;    // the ReplicaSet whose template matches the Deployment's
  int desired = 0, current = 0, ready = 0, available = 0;   // spec.replicas and status
  std::array<int, static_cast<size_t>(PodState::Count)> by_state{};  // live pods by look (StateCounts)
};

enum class RolloutPhase : uint8_t {
  Complete,         // every replica runs the current template and is available
  Scaling,          // same template, the count is changing
  Rolling,          // a rolling update is under way
  WaitingForReady,  // the budgets are used up: new pods must become available first
  Stalled,          // new pods cannot become ready (image pull / crash), the rollout is stuck
  DeadlineExceeded, // Progressing=False ProgressDeadlineExceeded
  Paused,
  Recreating,       // Recreate strategy between "all old gone" and "new created"
};

struct RolloutView {
  const api::Deployment* deployment = nullptr;
  std::string name;
  int desired = 0, current = 0, updated = 0, ready = 0, available = 0;
  Fenceposts budget;
  int max_total = 0;           // desired + maxSurge: most pods allowed to exist
  int min_available = 0;       // desired - maxUnavailable: fewest available pods allowed
  int pods_existing = 0;       // live pods of the Deployment (not terminating)
  int pods_terminating = 0;
  int surge_in_use = 0;        // pods above desired (0 … maxSurge)
  int unavailable_in_use = 0;  // desired - available (0 … maxUnavailable)
  RolloutPhase phase = RolloutPhase::Complete;
  std::string strategy;        // "RollingUpdate" / "Recreate"
  std::string target_image;    // the Deployment template's image
  // When stalled: how many new pods are stuck and the reason they show (ImagePullBackOff …).
  int stuck_pods = 0;
  std::string stuck_reason;
  std::vector<ReplicaSetLane> lanes;  // newest revision first
};

// Live pods (not tombstones) by look, per palette index (i.e. per ReplicaSet).
using StateCounts = std::array<int, static_cast<size_t>(PodState::Count)>;
std::vector<StateCounts> count_by_palette(const store::Store& s, const std::unordered_map<std::string, int>& palette,
                                          int64_t now_ms);

// `counted`: the pods already counted by look per palette index (the canvas counts them in its
// pass over the pods, so the panel does not walk 10,000 pods again). Without it the ReplicaSets'
// pods are looked up in the store.
RolloutView rollout_view(const store::Store& s, const api::Deployment& d,
                         const std::unordered_map<std::string, int>& palette, int64_t now_ms,
                         const std::vector<StateCounts>* counted = nullptr);

// True while a rollout (not a plain scale) is in progress: more than one ReplicaSet has pods or
// the new one is not complete.
bool rollout_in_progress(const RolloutView& v);

// "v2" from "jocatalin/kubernetes-bootcamp:v2"; the last path segment when there is no tag.
std::string image_tag(const std::string& image);

}  // namespace kubesim::web
