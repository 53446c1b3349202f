// kubesim web — rollout.cpp: budgets, ReplicaSet lanes, rollout phase.
#include "rollout.h"

#include <algorithm>
#include <charconv>

namespace kubesim::web {

// [SECTION] budgets -------------------------------------------------------------------------------
// Percent values resolve against replicas; `round_up` for maxSurge, down for maxUnavailable.
static int resolve(const api::IntOrString& v, int replicas, bool round_up) {
  if (!v.is_string) return static_cast<int>(std::max<int64_t>(0, v.int_value));
  const std::string& s = v.str_value;
  if (s.empty() || s.back() != '%') {
    int n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    return ec == std::errc() && p == s.data() + s.size() ? std::max(0, n) : 0;
  }
  int pct = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size() - 1, pct);
  if (ec != std::errc() || p != s.data() + s.size() - 1 || pct < 0) return 0;
  int64_t num = static_cast<int64_t>(pct) * replicas;
  return static_cast<int>(round_up ? (num + 99) / 100 : num / 100);
}

int resolve_max_surge(const api::IntOrString& v, int replicas) { return resolve(v, replicas, true); }
int resolve_max_unavailable(const api::IntOrString& v, int replicas) { return resolve(v, replicas, false); }

Fenceposts resolve_fenceposts(const api::DeploymentSpec& spec) {
  Fenceposts f;
  if (spec.strategy.type != "RollingUpdate") return f;
  f.max_surge = resolve_max_surge(spec.strategy.max_surge, spec.replicas);
  f.max_unavailable = resolve_max_unavailable(spec.strategy.max_unavailable, spec.replicas);
  if (f.max_surge == 0 && f.max_unavailable == 0) f.max_unavailable = 1;
  if (spec.replicas == 0) f.max_unavailable = 0;
  f.max_unavailable = std::min(f.max_unavailable, spec.replicas);
  return f;
}

// [SECTION] colours -------------------------------------------------------------------------------
static bool rs_created_before(const api::ReplicaSet* a, const api::ReplicaSet* b) {
  if (a->metadata.creation_ms != b->metadata.creation_ms) return a->metadata.creation_ms < b->metadata.creation_ms;
  return a->metadata.name < b->metadata.name;
}

std::unordered_map<std::string, int> palette_by_replicaset(const store::Store& s) {
  std::unordered_map<std::string, int> out;
  int ordinal = 0;
  for (auto& [dkey, d] : s.deployments()) {
    std::vector<const api::ReplicaSet*> owned;
    for (auto& k : s.replicasets_owned_by(d.metadata.uid))
      if (auto* rs = s.replicasets().get(k)) owned.push_back(rs);
    std::sort(owned.begin(), owned.end(), rs_created_before);
    // Each Deployment starts at its own place in the palette so two apps do not share colours.
    int base = ordinal * 3;
    for (size_t i = 0; i < owned.size(); ++i) out.emplace(owned[i]->metadata.uid, base + static_cast<int>(i));
    ++ordinal;
  }
  int next = ordinal * 3;
  for (auto& [k, rs] : s.replicasets())
    if (!out.count(rs.metadata.uid)) out.emplace(rs.metadata.uid, next++);
  return out;
}

int pod_palette(const api::Pod& p, const std::unordered_map<std::string, int>& by_rs) {
  auto* o = p.metadata.controller_ref();
  if (!o) return -1;
  auto it = by_rs.find(o->uid);
  return it == by_rs.end() ? -1 : it->second;
}

// [SECTION] lanes and phase -----------------------------------------------------------------------
std::string image_tag(const std::string& image) {
  auto at = image.find('@');
  std::string ref = at == std::string::npos ? image : image.substr(0, at);
  auto slash = ref.rfind('/');
  auto colon = ref.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) return ref.substr(colon + 1);
  return slash == std::string::npos ? ref : ref.substr(slash + 1);
}

static int revision_of(const api::ObjectMeta& m) {
  auto it = m.annotations.find("deployment.kubernetes.io/revision");
  if (it == m.annotations.end()) return 0;
  int r = 0;
  std::from_chars(it->second.data(), it->second.data() + it->second.size(), r);
  return r;
}

static bool template_matches(const api::PodTemplateSpec& rs_tpl, const api::PodTemplateSpec& d_tpl) {
  api::PodTemplateSpec t = rs_tpl;
  t.labels.erase("pod-template-hash");
  return t == d_tpl;
}

static bool stuck_state(PodState s) {
  return s == PodState::ErrImagePull || s == PodState::ImagePullBackOff || s == PodState::CrashLoopBackOff ||
         s == PodState::Failed;
}

std::vector<StateCounts> count_by_palette(const store::Store& s, const std::unordered_map<std::string, int>& palette,
                                          int64_t now_ms) {
  std::vector<StateCounts> out;
  for (auto& [k, p] : s.pods()) {
    int idx = pod_palette(p, palette);
    if (idx < 0) continue;
    if (static_cast<size_t>(idx) >= out.size()) out.resize(static_cast<size_t>(idx) + 1);
    out[static_cast<size_t>(idx)][static_cast<size_t>(look_of(p, now_ms).state)]++;
  }
  return out;
}

RolloutView rollout_view(const store::Store& s, const api::Deployment& d,
                         const std::unordered_map<std::string, int>& palette, int64_t now_ms,
                         const std::vector<StateCounts>* counted) {
  RolloutView v;
  v.deployment = &d;
  v.name = d.metadata.name;
  v.desired = d.spec.replicas;
  v.current = d.status.replicas;
  v.updated = d.status.updated_replicas;
  v.ready = d.status.ready_replicas;
  v.available = d.status.available_replicas;
  v.strategy = d.spec.strategy.type;
  v.budget = resolve_fenceposts(d.spec);
  v.max_total = v.desired + v.budget.max_surge;
  v.min_available = v.desired - v.budget.max_unavailable;
  if (!d.spec.template_.spec.containers.empty()) v.target_image = d.spec.template_.spec.containers[0].image;

  std::vector<const api::ReplicaSet*> owned;
  for (auto& k : s.replicasets_owned_by(d.metadata.uid))
    if (auto* rs = s.replicasets().get(k)) owned.push_back(rs);
  std::sort(owned.begin(), owned.end(), rs_created_before);
  const api::ReplicaSet* newest_match = nullptr;
  for (auto* rs : owned)
    if (template_matches(rs->spec.template_, d.spec.template_)) { newest_match = rs; break; }  // oldest match wins

  for (auto* rs : owned) {
    ReplicaSetLane lane;
    lane.rs = rs;
    lane.revision = revision_of(rs->metadata);
    if (!rs->spec.template_.spec.containers.empty()) lane.image = rs->spec.template_.spec.containers[0].image;
    lane.tag = image_tag(lane.image);
    auto pit = palette.find(rs->metadata.uid);
    lane.palette = pit == palette.end() ? 0 : pit->second;
    lane.is_new = rs == newest_match;
    lane.desired = rs->spec.replicas;
    lane.current = rs->status.replicas;
    lane.ready = rs->status.ready_replicas;
    lane.available = rs->status.available_replicas;
    if (counted) {
      if (pit != palette.end() && pit->second >= 0 && static_cast<size_t>(pit->second) < counted->size())
        lane.by_state = (*counted)[static_cast<size_t>(pit->second)];
    } else {
      s.pods_owned_by(rs->metadata.uid).for_each_unordered([&](const store::Key& pk) {  // counting only
        if (const api::Pod* p = s.pods().get(pk)) lane.by_state[static_cast<size_t>(look_of(*p, now_ms).state)]++;
      });
    }
    for (size_t st = 0; st < lane.by_state.size(); ++st) {
      if (static_cast<PodState>(st) == PodState::Deleted) continue;
      if (static_cast<PodState>(st) == PodState::Terminating) v.pods_terminating += lane.by_state[st];
      else v.pods_existing += lane.by_state[st];
    }
    v.lanes.push_back(std::move(lane));
  }
  std::sort(v.lanes.begin(), v.lanes.end(), [](const ReplicaSetLane& a, const ReplicaSetLane& b) {
    if (a.revision != b.revision) return a.revision > b.revision;
    return a.rs->metadata.creation_ms > b.rs->metadata.creation_ms;
  });

  v.surge_in_use = std::max(0, v.pods_existing - v.desired);
  v.unavailable_in_use = std::max(0, v.desired - v.available);

  bool old_active = false;
  const ReplicaSetLane* new_lane = nullptr;
  for (auto& l : v.lanes) {
    if (l.is_new) new_lane = &l;
    else if (l.desired > 0 || l.current > 0) old_active = true;
  }
  if (new_lane) {
    int worst = 0;
    for (size_t i = 0; i < new_lane->by_state.size(); ++i) {
      if (!stuck_state(static_cast<PodState>(i))) continue;
      v.stuck_pods += new_lane->by_state[i];
      if (new_lane->by_state[i] > worst) { worst = new_lane->by_state[i]; v.stuck_reason = pod_state_name(static_cast<PodState>(i)); }
    }
  }

  bool deadline = false;
  for (auto& c : d.status.conditions)
    if (c.type == "Progressing" && c.status == "False" && c.reason == "ProgressDeadlineExceeded") deadline = true;

  if (d.spec.paused) v.phase = RolloutPhase::Paused;
  else if (deadline) v.phase = RolloutPhase::DeadlineExceeded;
  else if (old_active || !new_lane) {
    if (v.stuck_pods > 0) v.phase = RolloutPhase::Stalled;
    else if (v.strategy == "Recreate") v.phase = RolloutPhase::Recreating;
    else if (v.pods_existing >= v.max_total && v.available <= v.min_available) v.phase = RolloutPhase::WaitingForReady;
    else v.phase = RolloutPhase::Rolling;
  } else if (v.stuck_pods > 0) {
    v.phase = RolloutPhase::Stalled;
  } else if (new_lane->current != v.desired || new_lane->available != v.desired || v.available != v.desired) {
    v.phase = RolloutPhase::Scaling;
  } else {
    v.phase = RolloutPhase::Complete;
  }
  return v;
}

bool rollout_in_progress(const RolloutView& v) {
  switch (v.phase) {
    case RolloutPhase::Rolling:
    case RolloutPhase::WaitingForReady:
    case RolloutPhase::Stalled:
    case RolloutPhase::DeadlineExceeded:
    case RolloutPhase::Recreating:
      return true;
    case RolloutPhase::Paused: {
      int active = 0;
      for (auto& l : v.lanes) if (l.current > 0) ++active;
      return active > 1;
    }
    default:
      return false;
  }
}

}  // namespace kubesim::web
