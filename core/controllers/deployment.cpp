// kubesim — the Deployment controller, written from the behaviour of upstream
// pkg/controller/deployment (deployment_controller.go syncDeployment, sync.go, rolling.go,
// recreate.go, progress.go, util/deployment_util.go). See /work/shared/spec/kubernetes.md §1.
#include "controllers/deployment.h"

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <memory>

#include "cluster.h"
#include "controllers/hash.h"

namespace kubesim::controllers {

namespace du = deployment_util;

namespace {

constexpr const char* kComponent = "deployment-controller";
constexpr const char* kProgressing = "Progressing";
constexpr const char* kAvailable = "Available";
constexpr const char* kReplicaFailure = "ReplicaFailure";

template <class Int>
std::optional<Int> parse_int(const std::string& s) {
  Int v = 0;
  if (s.empty()) return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<int32_t> int_annotation(const api::ReplicaSet& rs, const char* key) {
  auto it = rs.metadata.annotations.find(key);
  if (it == rs.metadata.annotations.end()) return std::nullopt;
  return parse_int<int32_t>(it->second);
}

// API timestamps have whole-second precision: order by second, then by name
// (controller.ReplicaSetsByCreationTimestamp).
bool created_before(const api::ReplicaSet* a, const api::ReplicaSet* b) {
  auto sec = [](int64_t ms) { return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000); };
  const int64_t sa = sec(a->metadata.creation_ms), sb = sec(b->metadata.creation_ms);
  if (sa != sb) return sa < sb;
  return a->metadata.name < b->metadata.name;
}

void sort_by_creation(std::vector<api::ReplicaSet*>& v) { std::sort(v.begin(), v.end(), created_before); }

std::vector<api::ReplicaSet*> filter_active(const std::vector<api::ReplicaSet*>& v) {
  std::vector<api::ReplicaSet*> out;
  for (auto* rs : v) if (rs && rs->spec.replicas > 0) out.push_back(rs);
  return out;
}

int32_t sum_spec(const std::vector<api::ReplicaSet*>& v) {
  int64_t n = 0;
  for (auto* rs : v) if (rs) n += rs->spec.replicas;
  return static_cast<int32_t>(n);
}
int32_t sum_status_replicas(const std::vector<api::ReplicaSet*>& v) {
  int64_t n = 0;
  for (auto* rs : v) if (rs) n += rs->status.replicas;
  return static_cast<int32_t>(n);
}
int32_t sum_ready(const std::vector<api::ReplicaSet*>& v) {
  int64_t n = 0;
  for (auto* rs : v) if (rs) n += rs->status.ready_replicas;
  return static_cast<int32_t>(n);
}
int32_t sum_available(const std::vector<api::ReplicaSet*>& v) {
  int64_t n = 0;
  for (auto* rs : v) if (rs) n += rs->status.available_replicas;
  return static_cast<int32_t>(n);
}

bool conditions_equal(const std::vector<api::Condition>& a, const std::vector<api::Condition>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto &x = a[i], &y = b[i];
    if (x.type != y.type || x.status != y.status || x.reason != y.reason || x.message != y.message ||
        x.last_update_ms != y.last_update_ms || x.last_transition_ms != y.last_transition_ms)
      return false;
  }
  return true;
}

bool status_equal(const api::DeploymentStatus& a, const api::DeploymentStatus& b) {
  return a.observed_generation == b.observed_generation && a.replicas == b.replicas &&
         a.updated_replicas == b.updated_replicas && a.ready_replicas == b.ready_replicas &&
         a.available_replicas == b.available_replicas && a.unavailable_replicas == b.unavailable_replicas &&
         a.collision_count == b.collision_count && conditions_equal(a.conditions, b.conditions);
}

void remove_condition(std::vector<api::Condition>& conds, const std::string& type) {
  conds.erase(std::remove_if(conds.begin(), conds.end(), [&](const api::Condition& c) { return c.type == type; }),
              conds.end());
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

// [SECTION] deployment util -------------------------------------------------------------------------

namespace deployment_util {

std::optional<int32_t> scaled_value(const api::IntOrString& v, int32_t total, bool round_up) {
  if (!v.is_string) return static_cast<int32_t>(v.int_value);
  const std::string& s = v.str_value;
  if (s.size() < 2 || s.back() != '%') return std::nullopt;
  auto pct = parse_int<int64_t>(s.substr(0, s.size() - 1));
  if (!pct) return std::nullopt;
  const int64_t num = *pct * int64_t{total};
  int64_t q = num / 100, r = num % 100;
  if (r != 0 && ((r > 0) == round_up)) q += round_up ? 1 : -1;  // ceil / floor for either sign
  return static_cast<int32_t>(q);
}

Fenceposts resolve_fenceposts(const api::IntOrString& max_surge, const api::IntOrString& max_unavailable, int32_t desired) {
  Fenceposts f;
  f.max_surge = scaled_value(max_surge, desired, true).value_or(0);
  f.max_unavailable = scaled_value(max_unavailable, desired, false).value_or(0);
  if (f.max_surge == 0 && f.max_unavailable == 0) f.max_unavailable = 1;
  return f;
}

int32_t max_surge(const api::Deployment& d) {
  if (d.spec.strategy.type != "RollingUpdate") return 0;
  return resolve_fenceposts(d.spec.strategy.max_surge, d.spec.strategy.max_unavailable, d.spec.replicas).max_surge;
}

int32_t max_unavailable(const api::Deployment& d) {
  if (d.spec.strategy.type != "RollingUpdate" || d.spec.replicas == 0) return 0;
  int32_t u = resolve_fenceposts(d.spec.strategy.max_surge, d.spec.strategy.max_unavailable, d.spec.replicas).max_unavailable;
  return std::min(u, d.spec.replicas);
}

int32_t new_rs_new_replicas(const api::Deployment& d, const std::vector<const api::ReplicaSet*>& all_rss,
                            const api::ReplicaSet& new_rs) {
  if (d.spec.strategy.type == "Recreate") return d.spec.replicas;
  const int32_t surge = scaled_value(d.spec.strategy.max_surge, d.spec.replicas, true).value_or(0);
  int64_t current = 0;
  for (auto* rs : all_rss) if (rs) current += rs->spec.replicas;
  const int64_t max_total = int64_t{d.spec.replicas} + surge;
  if (current >= max_total) return new_rs.spec.replicas;
  int64_t up = std::min<int64_t>(max_total - current, int64_t{d.spec.replicas} - new_rs.spec.replicas);
  return static_cast<int32_t>(new_rs.spec.replicas + up);
}

namespace {
int32_t replica_set_fraction(const api::ReplicaSet& rs, const api::Deployment& d) {
  if (d.spec.replicas == 0) return -rs.spec.replicas;
  const int64_t max_after = int64_t{d.spec.replicas} + max_surge(d);
  int64_t max_before = 0;
  if (auto a = int_annotation(rs, kMaxReplicasAnnotation); a && *a != 0) max_before = *a;
  else max_before = d.status.replicas;          // fallback: the deployment's current size
  if (max_before == 0) max_before = max_after;  // nothing to go on: no proportional change
  const double size = static_cast<double>(rs.spec.replicas) * static_cast<double>(max_after) / static_cast<double>(max_before);
  return static_cast<int32_t>(std::round(size)) - rs.spec.replicas;  // round half away from zero
}
}  // namespace

int32_t get_proportion(const api::ReplicaSet& rs, const api::Deployment& d, int32_t to_add, int32_t added) {
  if (rs.spec.replicas == 0 || to_add == 0 || to_add == added) return 0;
  const int32_t fraction = replica_set_fraction(rs, d);
  const int32_t allowed = to_add - added;
  return to_add > 0 ? std::min(fraction, allowed) : std::max(fraction, allowed);
}

bool equal_ignore_hash(const api::PodTemplateSpec& a, const api::PodTemplateSpec& b) {
  auto ia = a.labels.begin(), ib = b.labels.begin();
  const std::string hash = kPodTemplateHashLabel;
  for (;;) {
    while (ia != a.labels.end() && ia->first == hash) ++ia;
    while (ib != b.labels.end() && ib->first == hash) ++ib;
    if (ia == a.labels.end() || ib == b.labels.end()) {
      if (ia != a.labels.end() || ib != b.labels.end()) return false;
      break;
    }
    if (ia->first != ib->first || ia->second != ib->second) return false;
    ++ia;
    ++ib;
  }
  return a.annotations == b.annotations && a.spec == b.spec;
}

std::optional<int64_t> revision(const api::ReplicaSet& rs) {
  auto it = rs.metadata.annotations.find(kRevisionAnnotation);
  if (it == rs.metadata.annotations.end()) return 0;
  return parse_int<int64_t>(it->second);
}

const api::Condition* get_condition(const std::vector<api::Condition>& conds, const std::string& type) {
  for (auto& c : conds) if (c.type == type) return &c;
  return nullptr;
}

void set_condition(std::vector<api::Condition>& conds, api::Condition c) {
  const api::Condition* cur = get_condition(conds, c.type);
  if (cur && cur->status == c.status && cur->reason == c.reason) return;
  if (cur && cur->status == c.status) c.last_transition_ms = cur->last_transition_ms;
  remove_condition(conds, c.type);
  conds.push_back(std::move(c));
}

api::Condition new_condition(const std::string& type, const std::string& status, const std::string& reason,
                             const std::string& message, int64_t now_ms) {
  api::Condition c;
  c.type = type;
  c.status = status;
  c.reason = reason;
  c.message = message;
  c.last_update_ms = now_ms;
  c.last_transition_ms = now_ms;
  return c;
}

bool deployment_complete(const api::Deployment& d, const api::DeploymentStatus& s) {
  return s.updated_replicas == d.spec.replicas && s.replicas == d.spec.replicas &&
         s.available_replicas == d.spec.replicas && s.observed_generation >= d.metadata.generation;
}

bool deployment_progressing(const api::Deployment& d, const api::DeploymentStatus& s) {
  const auto& o = d.status;
  const int32_t old_old = o.replicas - o.updated_replicas;
  const int32_t new_old = s.replicas - s.updated_replicas;
  return s.updated_replicas > o.updated_replicas || new_old < old_old || s.ready_replicas > o.ready_replicas ||
         s.available_replicas > o.available_replicas;
}

bool has_progress_deadline(const api::Deployment& d) {
  return d.spec.progress_deadline_seconds > 0 && d.spec.progress_deadline_seconds != INT32_MAX;
}

bool deployment_timed_out(const api::Deployment& d, const api::DeploymentStatus& s, int64_t now_ms) {
  if (!has_progress_deadline(d)) return false;
  const api::Condition* c = get_condition(s.conditions, kProgressing);
  if (!c) return false;
  if (c->reason == kNewRSAvailableReason) return false;
  if (c->reason == kTimedOutReason) return true;
  return c->last_update_ms + int64_t{d.spec.progress_deadline_seconds} * 1000 < now_ms;
}

}  // namespace deployment_util

// [SECTION] one sync pass ---------------------------------------------------------------------------
// Works on copies of the Deployment and its ReplicaSets; every write goes through the store and
// the copies are refreshed from it, so later steps of the same pass see their own writes.
struct DeploymentSync {
  Cluster& c;
  store::Store& st;
  DeploymentController& ctl;
  store::Key key;
  api::Deployment d;
  std::vector<std::unique_ptr<api::ReplicaSet>> rss;  // owned ReplicaSets (stable addresses)
  int64_t now;

  DeploymentSync(Cluster& cl, DeploymentController& ctrl, const store::Key& k, const api::Deployment& dep)
      : c(cl), st(cl.store), ctl(ctrl), key(k), d(dep), now(cl.now()) {}

  // -- plumbing ------------------------------------------------------------------------------------
  api::ObjectReference ref() const {
    api::ObjectReference r;
    r.kind = "Deployment";
    r.api_version = "apps/v1";
    r.namespace_ = d.metadata.namespace_;
    r.name = d.metadata.name;
    r.uid = d.metadata.uid;
    r.resource_version = std::to_string(d.metadata.resource_version);
    return r;
  }
  void event(const char* type, const std::string& reason, const std::string& msg) {
    st.record_event(ref(), type, reason, msg, kComponent);
  }
  bool write_deployment() {
    auto s = st.update_deployment_status(key, [&](api::Deployment& x) {
      x.metadata.annotations = d.metadata.annotations;
      x.status = d.status;
    });
    if (const api::Deployment* fresh = st.deployments().get(key)) d.metadata.resource_version = fresh->metadata.resource_version;
    return s.ok;
  }
  bool write_rs(api::ReplicaSet& rs) {
    store::Key k{rs.metadata.namespace_, rs.metadata.name};
    auto s = st.update_replicaset(k, [&](api::ReplicaSet& x) {
      x.spec.replicas = rs.spec.replicas;
      x.spec.min_ready_seconds = rs.spec.min_ready_seconds;
      x.metadata.annotations = rs.metadata.annotations;
    });
    if (const api::ReplicaSet* fresh = st.replicasets().get(k)) rs = *fresh;
    return s.ok;
  }

  void load_replica_sets() {
    const auto& keys = st.replicasets_owned_by(d.metadata.uid);
    rss.reserve(keys.size() + 1);
    for (auto& k : keys)
      if (const api::ReplicaSet* rs = st.replicasets().get(k)) rss.push_back(std::make_unique<api::ReplicaSet>(*rs));
  }

  std::vector<api::ReplicaSet*> all_list() const {
    std::vector<api::ReplicaSet*> v;
    for (auto& p : rss) v.push_back(p.get());
    return v;
  }

  // -- new / old ReplicaSets, revisions (sync.go getAllReplicaSetsAndSyncRevision) ------------------
  api::ReplicaSet* find_new_rs() {
    auto v = all_list();
    sort_by_creation(v);
    for (auto* rs : v)
      if (du::equal_ignore_hash(rs->spec.template_, d.spec.template_)) return rs;
    return nullptr;
  }

  static bool set_replicas_annotations(api::ReplicaSet& rs, int32_t desired, int32_t max) {
    bool updated = false;
    const std::string ds = std::to_string(desired), ms = std::to_string(max);
    auto& a = rs.metadata.annotations;
    if (auto it = a.find(du::kDesiredReplicasAnnotation); it == a.end() || it->second != ds) { a[du::kDesiredReplicasAnnotation] = ds; updated = true; }
    if (auto it = a.find(du::kMaxReplicasAnnotation); it == a.end() || it->second != ms) { a[du::kMaxReplicasAnnotation] = ms; updated = true; }
    return updated;
  }
  static bool replicas_annotations_need_update(const api::ReplicaSet& rs, int32_t desired, int32_t max) {
    const auto& a = rs.metadata.annotations;
    auto it = a.find(du::kDesiredReplicasAnnotation);
    if (it == a.end() || it->second != std::to_string(desired)) return true;
    it = a.find(du::kMaxReplicasAnnotation);
    return it == a.end() || it->second != std::to_string(max);
  }

  bool copy_deployment_annotations(api::ReplicaSet& rs) {
    bool changed = false;
    for (auto& [k, v] : d.metadata.annotations) {
      if (k == du::kLastAppliedAnnotation || k == du::kRevisionAnnotation || k == du::kRevisionHistoryAnnotation ||
          k == du::kDesiredReplicasAnnotation || k == du::kMaxReplicasAnnotation || k == du::kRollbackToAnnotation)
        continue;
      auto it = rs.metadata.annotations.find(k);
      if (it != rs.metadata.annotations.end() && it->second == v) continue;
      rs.metadata.annotations[k] = v;
      changed = true;
    }
    return changed;
  }

  // SetNewReplicaSetAnnotations.
  bool set_new_rs_annotations(api::ReplicaSet& rs, int64_t new_revision, bool exists) {
    bool changed = copy_deployment_annotations(rs);
    auto& a = rs.metadata.annotations;
    auto it = a.find(du::kRevisionAnnotation);
    const bool had = it != a.end();
    const std::string old_revision = had ? it->second : "";
    int64_t old_int = 0;
    if (had) {
      auto p = parse_int<int64_t>(old_revision);
      if (!p) { if (!old_revision.empty()) return false; }
      else old_int = *p;
    }
    if (old_int < new_revision) {
      a[du::kRevisionAnnotation] = std::to_string(new_revision);
      changed = true;
    }
    if (had && old_int < new_revision) {
      // Rolling back to this ReplicaSet: remember the revisions it had before.
      std::string hist = a.count(du::kRevisionHistoryAnnotation) ? a[du::kRevisionHistoryAnnotation] : "";
      if (hist.empty()) {
        a[du::kRevisionHistoryAnnotation] = old_revision;
      } else {
        std::vector<std::string> parts;
        size_t start = 0;
        for (;;) {
          size_t comma = hist.find(',', start);
          parts.push_back(hist.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
          if (comma == std::string::npos) break;
          start = comma + 1;
        }
        size_t total = hist.size() + old_revision.size() + 1, first = 0;
        while (total > du::kMaxRevisionHistoryChars && first < parts.size()) {
          total -= parts[first].size() + 1;
          ++first;
        }
        if (total <= du::kMaxRevisionHistoryChars) {
          std::string joined;
          for (size_t i = first; i < parts.size(); ++i) { joined += parts[i]; joined += ','; }
          joined += old_revision;
          a[du::kRevisionHistoryAnnotation] = joined;
        }
      }
    }
    if (!exists && set_replicas_annotations(rs, d.spec.replicas, d.spec.replicas + du::max_surge(d))) changed = true;
    return changed;
  }

  bool set_deployment_revision(const std::string& revision) {
    auto& a = d.metadata.annotations;
    auto it = a.find(du::kRevisionAnnotation);
    if (it != a.end() && it->second == revision) return false;
    a[du::kRevisionAnnotation] = revision;
    return true;
  }

  // Returns false when the pass must stop (a write failed / hash collision).
  bool get_all(bool create, api::ReplicaSet*& nrs, std::vector<api::ReplicaSet*>& old) {
    nrs = find_new_rs();
    old.clear();
    for (auto& p : rss) if (p.get() != nrs) old.push_back(p.get());
    int64_t max_old = 0;
    for (auto* rs : old)
      if (auto r = du::revision(*rs); r && *r > max_old) max_old = *r;
    const int64_t new_revision = max_old + 1;

    if (nrs) {
      const bool annotations = set_new_rs_annotations(*nrs, new_revision, true);
      const bool min_ready = nrs->spec.min_ready_seconds != d.spec.min_ready_seconds;
      if (annotations || min_ready) {
        nrs->spec.min_ready_seconds = d.spec.min_ready_seconds;
        return write_rs(*nrs);
      }
      bool needs = set_deployment_revision(nrs->metadata.annotations[du::kRevisionAnnotation]);
      if (du::has_progress_deadline(d) && !du::get_condition(d.status.conditions, kProgressing)) {
        du::set_condition(d.status.conditions,
                          du::new_condition(kProgressing, "True", du::kFoundNewRSReason,
                                            "Found new replica set " + quoted(nrs->metadata.name), now));
        needs = true;
      }
      if (needs) return write_deployment();
      return true;
    }
    if (!create) return true;

    // No ReplicaSet runs this template yet: create one named after the template's hash.
    api::ReplicaSet rs;
    const std::string hash = compute_pod_template_hash(d.spec.template_, d.status.collision_count);
    rs.spec.template_ = d.spec.template_;
    rs.spec.template_.labels[kPodTemplateHashLabel] = hash;
    rs.spec.selector = d.spec.selector;
    rs.spec.selector.match_labels[kPodTemplateHashLabel] = hash;
    rs.metadata.name = d.metadata.name + "-" + hash;
    rs.metadata.namespace_ = d.metadata.namespace_;
    rs.metadata.labels = rs.spec.template_.labels;
    api::OwnerReference o;
    o.api_version = "apps/v1";
    o.kind = "Deployment";
    o.name = d.metadata.name;
    o.uid = d.metadata.uid;
    rs.metadata.owner_references.push_back(o);
    rs.spec.min_ready_seconds = d.spec.min_ready_seconds;
    rs.spec.replicas = 0;
    {
      std::vector<const api::ReplicaSet*> all;
      for (auto* x : old) all.push_back(x);
      all.push_back(&rs);
      rs.spec.replicas = du::new_rs_new_replicas(d, all, rs);
    }
    const int32_t replicas = rs.spec.replicas;
    set_new_rs_annotations(rs, new_revision, false);

    store::Key created_key;
    auto s = st.create(rs, &created_key);
    bool already_exists = false;
    if (!s.ok && s.reason == "AlreadyExists") {
      already_exists = true;
      const api::ReplicaSet* existing = st.replicasets().get(d.metadata.namespace_, rs.metadata.name);
      const api::OwnerReference* ref = existing ? existing->metadata.controller_ref() : nullptr;
      if (!(existing && ref && ref->uid == d.metadata.uid && du::equal_ignore_hash(d.spec.template_, existing->spec.template_))) {
        // A hash collision: bump collisionCount and try again with a new name next pass.
        d.status.collision_count = d.status.collision_count.value_or(0) + 1;
        write_deployment();
        return false;
      }
      created_key = {d.metadata.namespace_, rs.metadata.name};
    } else if (!s.ok) {
      const std::string msg = "Failed to create new replica set " + quoted(rs.metadata.name) + ": " + s.message;
      if (du::has_progress_deadline(d)) {
        du::set_condition(d.status.conditions, du::new_condition(kProgressing, "False", du::kFailedRSCreateReason, msg, now));
        write_deployment();
      }
      event("Warning", du::kFailedRSCreateReason, msg);
      return false;
    }
    const api::ReplicaSet* stored = st.replicasets().get(created_key);
    if (!stored) return false;
    rss.push_back(std::make_unique<api::ReplicaSet>(*stored));
    nrs = rss.back().get();
    if (!already_exists && replicas > 0)
      event("Normal", "ScalingReplicaSet",
            "Scaled up replica set " + nrs->metadata.name + " from 0 to " + std::to_string(replicas));
    bool needs = set_deployment_revision(std::to_string(new_revision));
    if (!already_exists && du::has_progress_deadline(d)) {
      du::set_condition(d.status.conditions, du::new_condition(kProgressing, "True", du::kNewRSReason,
                                                               "Created new replica set " + quoted(nrs->metadata.name), now));
      needs = true;
    }
    if (needs) return write_deployment();
    return true;
  }

  // -- scaling (sync.go scaleReplicaSet / scaleReplicaSetAndRecordEvent) ---------------------------
  bool scale_replica_set(api::ReplicaSet& rs, int32_t new_scale) {
    const bool size_needs = rs.spec.replicas != new_scale;
    const int32_t desired = d.spec.replicas, max = d.spec.replicas + du::max_surge(d);
    const bool annotations_need = replicas_annotations_need_update(rs, desired, max);
    if (!size_needs && !annotations_need) return false;
    const int32_t old_scale = rs.spec.replicas;
    rs.spec.replicas = new_scale;
    set_replicas_annotations(rs, desired, max);
    if (!write_rs(rs) || !size_needs) return false;
    event("Normal", "ScalingReplicaSet",
          std::string("Scaled ") + (old_scale < new_scale ? "up" : "down") + " replica set " + rs.metadata.name +
              " from " + std::to_string(old_scale) + " to " + std::to_string(new_scale));
    return true;
  }
  bool scale_and_record(api::ReplicaSet& rs, int32_t new_scale) {
    if (rs.spec.replicas == new_scale) return false;
    return scale_replica_set(rs, new_scale);
  }

  // -- status (sync.go calculateStatus, syncDeploymentStatus; progress.go) -------------------------
  api::DeploymentStatus calculate_status(const std::vector<api::ReplicaSet*>& all, const api::ReplicaSet* nrs) {
    api::DeploymentStatus s;
    const int32_t available = sum_available(all);
    const int32_t total = sum_spec(all);
    s.observed_generation = d.metadata.generation;
    s.replicas = sum_status_replicas(all);
    s.updated_replicas = nrs ? nrs->status.replicas : 0;
    s.ready_replicas = sum_ready(all);
    s.available_replicas = available;
    s.unavailable_replicas = std::max(0, total - available);
    s.collision_count = d.status.collision_count;
    s.conditions = d.status.conditions;
    if (available >= d.spec.replicas - du::max_unavailable(d))
      du::set_condition(s.conditions, du::new_condition(kAvailable, "True", du::kMinimumReplicasAvailable,
                                                        "Deployment has minimum availability.", now));
    else
      du::set_condition(s.conditions, du::new_condition(kAvailable, "False", du::kMinimumReplicasUnavailable,
                                                        "Deployment does not have minimum availability.", now));
    return s;
  }

  void sync_deployment_status(const std::vector<api::ReplicaSet*>& all, const api::ReplicaSet* nrs) {
    api::DeploymentStatus s = calculate_status(all, nrs);
    if (status_equal(d.status, s)) return;
    d.status = std::move(s);
    write_deployment();
  }

  void schedule_resync(int64_t at) {
    if (at <= now) at = now + 1;
    int64_t& slot = ctl.resync_at_[key];
    if (slot > now && slot <= at) return;  // an earlier (or the same) check is already pending
    slot = at;
    c.schedule(sim::TimerKind::DeploymentResync, key, d.metadata.uid, at - now);
  }

  // progress.go requeueStuckDeployment: come back when the progress deadline would pass.
  void requeue_stuck(const api::DeploymentStatus& s) {
    const api::Condition* cur = du::get_condition(d.status.conditions, kProgressing);
    if (!du::has_progress_deadline(d) || !cur) return;
    if (du::deployment_complete(d, s) || cur->reason == du::kTimedOutReason) return;
    const int64_t deadline_at = cur->last_update_ms + int64_t{d.spec.progress_deadline_seconds} * 1000;
    const int64_t after = deadline_at - now;
    // Upstream adds a second to dodge clock skew; under a second it retries rate-limited.
    schedule_resync(after < 1000 ? deadline_at + 1 : now + after + 1000);
  }

  void sync_rollout_status(const std::vector<api::ReplicaSet*>& all, const api::ReplicaSet* nrs) {
    api::DeploymentStatus s = calculate_status(all, nrs);
    if (!du::has_progress_deadline(d)) remove_condition(s.conditions, kProgressing);
    std::optional<api::Condition> cur;
    if (auto* p = du::get_condition(d.status.conditions, kProgressing)) cur = *p;
    const bool complete_before = s.replicas == s.updated_replicas && cur && cur->reason == du::kNewRSAvailableReason;
    if (du::has_progress_deadline(d) && !complete_before) {
      const std::string subject = nrs ? "ReplicaSet " + quoted(nrs->metadata.name) : "Deployment " + quoted(d.metadata.name);
      if (du::deployment_complete(d, s)) {
        du::set_condition(s.conditions, du::new_condition(kProgressing, "True", du::kNewRSAvailableReason,
                                                          subject + " has successfully progressed.", now));
      } else if (du::deployment_progressing(d, s)) {
        // Always re-set (lastUpdateTime refreshed, moved to the end), keeping the transition time.
        api::Condition cond = du::new_condition(kProgressing, "True", du::kReplicaSetUpdatedReason,
                                                subject + " is progressing.", now);
        if (cur) {
          if (cur->status == "True") cond.last_transition_ms = cur->last_transition_ms;
          remove_condition(s.conditions, kProgressing);
        }
        du::set_condition(s.conditions, std::move(cond));
      } else if (du::deployment_timed_out(d, s, now)) {
        du::set_condition(s.conditions, du::new_condition(kProgressing, "False", du::kTimedOutReason,
                                                          subject + " has timed out progressing.", now));
      }
    }
    remove_condition(s.conditions, kReplicaFailure);  // pod creation does not fail in the simulator
    if (status_equal(d.status, s)) {
      requeue_stuck(s);
      return;
    }
    d.status = std::move(s);
    write_deployment();
  }

  // -- cleanup (sync.go cleanupDeployment) ---------------------------------------------------------
  void cleanup(const std::vector<api::ReplicaSet*>& old) {
    if (d.spec.revision_history_limit < 0 || d.spec.revision_history_limit == INT32_MAX) return;
    std::vector<api::ReplicaSet*> cleanable;
    for (auto* rs : old) if (rs && !rs->metadata.deletion_ms) cleanable.push_back(rs);
    const int64_t diff = static_cast<int64_t>(cleanable.size()) - d.spec.revision_history_limit;
    if (diff <= 0) return;
    std::sort(cleanable.begin(), cleanable.end(), [](const api::ReplicaSet* a, const api::ReplicaSet* b) {
      auto ra = du::revision(*a), rb = du::revision(*b);
      if (!ra || !rb || *ra == *rb) return created_before(a, b);
      return *ra < *rb;
    });
    for (int64_t i = 0; i < diff; ++i) {
      api::ReplicaSet* rs = cleanable[static_cast<size_t>(i)];
      if (rs->status.replicas != 0 || rs->spec.replicas != 0 || rs->metadata.generation > rs->status.observed_generation ||
          rs->metadata.deletion_ms)
        continue;
      st.remove(store::Kind::ReplicaSet, {rs->metadata.namespace_, rs->metadata.name});
    }
  }

  // -- paused / scaling (sync.go sync, scale; deployment_controller isScalingEvent) ----------------
  void check_paused_conditions() {
    if (!du::has_progress_deadline(d)) return;
    const api::Condition* cur = du::get_condition(d.status.conditions, kProgressing);
    if (cur && cur->reason == du::kTimedOutReason) return;  // keep reporting the timeout
    const bool paused_exists = cur && cur->reason == du::kPausedReason;
    bool needs = false;
    if (d.spec.paused && !paused_exists) {
      du::set_condition(d.status.conditions, du::new_condition(kProgressing, "Unknown", du::kPausedReason, "Deployment is paused", now));
      needs = true;
    } else if (!d.spec.paused && paused_exists) {
      du::set_condition(d.status.conditions, du::new_condition(kProgressing, "Unknown", du::kResumedReason, "Deployment is resumed", now));
      needs = true;
    }
    if (needs) write_deployment();
  }

  bool is_scaling_event(bool& ok) {
    api::ReplicaSet* nrs = nullptr;
    std::vector<api::ReplicaSet*> old;
    ok = get_all(false, nrs, old);
    if (!ok) return false;
    std::vector<api::ReplicaSet*> all = old;
    all.push_back(nrs);
    for (auto* rs : filter_active(all)) {
      auto desired = int_annotation(*rs, du::kDesiredReplicasAnnotation);
      if (!desired) continue;
      if (*desired != d.spec.replicas) return true;
    }
    return false;
  }

  api::ReplicaSet* find_active_or_latest(api::ReplicaSet* nrs, std::vector<api::ReplicaSet*> old) {
    if (!nrs && old.empty()) return nullptr;
    std::sort(old.begin(), old.end(), [](auto* a, auto* b) { return created_before(b, a); });  // newest first
    std::vector<api::ReplicaSet*> all = old;
    all.push_back(nrs);
    auto active = filter_active(all);
    if (active.empty()) return nrs ? nrs : old.front();
    if (active.size() == 1) return active.front();
    return nullptr;
  }

  bool is_saturated(const api::ReplicaSet* rs) {
    if (!rs) return false;
    auto desired = int_annotation(*rs, du::kDesiredReplicasAnnotation);
    if (!desired) return false;
    return rs->spec.replicas == d.spec.replicas && *desired == d.spec.replicas &&
           rs->status.available_replicas == d.spec.replicas;
  }

  void scale(api::ReplicaSet* nrs, const std::vector<api::ReplicaSet*>& old) {
    if (api::ReplicaSet* one = find_active_or_latest(nrs, old)) {
      if (one->spec.replicas == d.spec.replicas) return;
      scale_and_record(*one, d.spec.replicas);
      return;
    }
    if (is_saturated(nrs)) {
      for (auto* rs : filter_active(old)) scale_and_record(*rs, 0);
      return;
    }
    if (d.spec.strategy.type != "RollingUpdate") return;
    std::vector<api::ReplicaSet*> all = old;
    all.push_back(nrs);
    all = filter_active(all);
    const int32_t all_replicas = sum_spec(all);
    const int32_t allowed = d.spec.replicas > 0 ? d.spec.replicas + du::max_surge(d) : 0;
    const int32_t to_add = allowed - all_replicas;
    if (to_add > 0) {  // bigger first; equal size: newer first
      std::sort(all.begin(), all.end(), [](auto* a, auto* b) {
        if (a->spec.replicas != b->spec.replicas) return a->spec.replicas > b->spec.replicas;
        return created_before(b, a);
      });
    } else if (to_add < 0) {  // bigger first; equal size: older first
      std::sort(all.begin(), all.end(), [](auto* a, auto* b) {
        if (a->spec.replicas != b->spec.replicas) return a->spec.replicas > b->spec.replicas;
        return created_before(a, b);
      });
    }
    int32_t added = 0;
    std::vector<int32_t> sizes;
    for (auto* rs : all) {
      if (to_add != 0) {
        const int32_t p = du::get_proportion(*rs, d, to_add, added);
        sizes.push_back(rs->spec.replicas + p);
        added += p;
      } else {
        sizes.push_back(rs->spec.replicas);
      }
    }
    for (size_t i = 0; i < all.size(); ++i) {
      if (i == 0 && to_add != 0) {  // leftovers go to the largest ReplicaSet
        sizes[0] += to_add - added;
        if (sizes[0] < 0) sizes[0] = 0;
      }
      scale_replica_set(*all[i], sizes[i]);
    }
  }

  void sync_paused_or_scaling() {
    api::ReplicaSet* nrs = nullptr;
    std::vector<api::ReplicaSet*> old;
    if (!get_all(false, nrs, old)) return;
    scale(nrs, old);
    if (d.spec.paused) cleanup(old);
    std::vector<api::ReplicaSet*> all = old;
    all.push_back(nrs);
    sync_deployment_status(all, nrs);
  }

  void sync_status_only() {
    api::ReplicaSet* nrs = nullptr;
    std::vector<api::ReplicaSet*> old;
    if (!get_all(false, nrs, old)) return;
    std::vector<api::ReplicaSet*> all = old;
    all.push_back(nrs);
    sync_deployment_status(all, nrs);
  }

  // -- RollingUpdate (rolling.go) ------------------------------------------------------------------
  bool reconcile_new(const std::vector<api::ReplicaSet*>& all, api::ReplicaSet& nrs) {
    if (nrs.spec.replicas == d.spec.replicas) return false;
    if (nrs.spec.replicas > d.spec.replicas) return scale_and_record(nrs, d.spec.replicas);
    std::vector<const api::ReplicaSet*> c_all(all.begin(), all.end());
    return scale_and_record(nrs, du::new_rs_new_replicas(d, c_all, nrs));
  }

  int32_t cleanup_unhealthy(std::vector<api::ReplicaSet*>& old, int32_t max_cleanup) {
    sort_by_creation(old);
    int32_t total = 0;
    for (auto* rs : old) {
      if (total >= max_cleanup) break;
      if (rs->spec.replicas == 0) continue;
      if (rs->spec.replicas == rs->status.available_replicas) continue;
      const int32_t n = std::min(max_cleanup - total, rs->spec.replicas - rs->status.available_replicas);
      const int32_t target = rs->spec.replicas - n;
      if (target > rs->spec.replicas) break;
      scale_and_record(*rs, target);
      total += n;
    }
    return total;
  }

  int32_t scale_down_old_for_rolling(const std::vector<api::ReplicaSet*>& all, std::vector<api::ReplicaSet*>& old) {
    const int32_t min_available = d.spec.replicas - du::max_unavailable(d);
    const int32_t available = sum_available(all);
    if (available <= min_available) return 0;
    sort_by_creation(old);
    int32_t total = 0;
    const int32_t to_remove = available - min_available;
    for (auto* rs : old) {
      if (total >= to_remove) break;
      if (rs->spec.replicas == 0) continue;
      const int32_t n = std::min(rs->spec.replicas, to_remove - total);
      scale_and_record(*rs, rs->spec.replicas - n);
      total += n;
    }
    return total;
  }

  bool reconcile_old(const std::vector<api::ReplicaSet*>& all, std::vector<api::ReplicaSet*> old, api::ReplicaSet& nrs) {
    if (sum_spec(old) == 0) return false;
    const int32_t all_pods = sum_spec(all);
    const int32_t min_available = d.spec.replicas - du::max_unavailable(d);
    const int32_t new_unavailable = nrs.spec.replicas - nrs.status.available_replicas;
    const int32_t max_scaled_down = all_pods - min_available - new_unavailable;
    if (max_scaled_down <= 0) return false;
    // Unhealthy old replicas first: removing them costs no availability.
    const int32_t cleaned = cleanup_unhealthy(old, max_scaled_down);
    std::vector<api::ReplicaSet*> all2 = old;
    all2.push_back(&nrs);
    const int32_t scaled = scale_down_old_for_rolling(all2, old);
    return cleaned + scaled > 0;
  }

  void rollout_rolling() {
    api::ReplicaSet* nrs = nullptr;
    std::vector<api::ReplicaSet*> old;
    if (!get_all(true, nrs, old) || !nrs) return;
    std::vector<api::ReplicaSet*> all = old;
    all.push_back(nrs);
    if (reconcile_new(all, *nrs)) { sync_rollout_status(all, nrs); return; }
    if (reconcile_old(all, filter_active(old), *nrs)) { sync_rollout_status(all, nrs); return; }
    if (du::deployment_complete(d, d.status)) cleanup(old);
    sync_rollout_status(all, nrs);
  }

  // -- Recreate (recreate.go) ----------------------------------------------------------------------
  bool old_pods_running(const api::ReplicaSet* nrs, const std::vector<api::ReplicaSet*>& old) {
    if (sum_status_replicas(old) > 0) return true;
    for (auto& p : rss) {
      if (p.get() == nrs) continue;
      for (auto& pk : st.pods_owned_by(p->metadata.uid)) {
        const api::Pod* pod = st.pods().get(pk);
        if (!pod) continue;
        if (pod->status.phase == "Failed" || pod->status.phase == "Succeeded") continue;
        return true;
      }
    }
    return false;
  }

  void rollout_recreate() {
    api::ReplicaSet* nrs = nullptr;
    std::vector<api::ReplicaSet*> old;
    if (!get_all(false, nrs, old)) return;
    std::vector<api::ReplicaSet*> all = old;
    all.push_back(nrs);
    bool scaled_down = false;
    for (auto* rs : filter_active(old))
      if (scale_and_record(*rs, 0)) scaled_down = true;
    if (scaled_down) { sync_rollout_status(all, nrs); return; }
    if (old_pods_running(nrs, old)) { sync_rollout_status(all, nrs); return; }
    if (!nrs) {
      if (!get_all(true, nrs, old) || !nrs) return;
      all = old;
      all.push_back(nrs);
    }
    scale_and_record(*nrs, d.spec.replicas);
    if (du::deployment_complete(d, d.status)) cleanup(old);
    sync_rollout_status(all, nrs);
  }

  // -- syncDeployment ------------------------------------------------------------------------------
  void run() {
    if (d.spec.selector.empty()) {
      event("Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
      if (d.status.observed_generation < d.metadata.generation) {
        d.status.observed_generation = d.metadata.generation;
        write_deployment();
      }
      return;
    }
    load_replica_sets();
    if (d.metadata.deletion_ms) { sync_status_only(); return; }
    check_paused_conditions();
    if (d.spec.paused) { sync_paused_or_scaling(); return; }
    bool ok = true;
    const bool scaling = is_scaling_event(ok);
    if (!ok) return;
    if (scaling) { sync_paused_or_scaling(); return; }
    if (d.spec.strategy.type == "Recreate") rollout_recreate();
    else rollout_rolling();
  }
};

// [SECTION] controller ------------------------------------------------------------------------------

void DeploymentController::on_change(const store::Change& c, Cluster& cluster) {
  switch (c.kind) {
    case store::Kind::Deployment:
      if (c.type == store::ChangeType::Deleted) {
        resync_at_.erase(c.key);
        dirty_.erase(c.key);
      } else {
        dirty_.insert(c.key);
      }
      return;
    case store::Kind::ReplicaSet:
      if (c.owner_kind == store::OwnerKind::Deployment) dirty_.insert({c.key.namespace_, std::string(c.owner_name)});
      return;
    case store::Kind::Pod: {
      // Only Recreate waits on pods: it may start the new ReplicaSet once the old pods are gone.
      if (c.type != store::ChangeType::Deleted || c.owner_kind != store::OwnerKind::ReplicaSet) return;
      const api::ReplicaSet* rs = cluster.store.replicasets().get(c.key.namespace_, c.owner_name);
      const api::OwnerReference* ref = rs ? rs->metadata.controller_ref() : nullptr;
      if (!ref || ref->kind != "Deployment") return;
      const api::Deployment* d = cluster.store.deployments().get(c.key.namespace_, ref->name);
      if (d && d->spec.strategy.type == "Recreate") dirty_.insert({c.key.namespace_, ref->name});
      return;
    }
    default:
      return;
  }
}

void DeploymentController::sync(Cluster& cluster, const store::Key& key) {
  const api::Deployment* d = cluster.store.deployments().get(key);
  if (!d) return;
  DeploymentSync s(cluster, *this, key, *d);
  s.run();
}

bool DeploymentController::process(Cluster& cluster) {
  if (dirty_.empty()) return false;
  std::set<store::Key> keys;
  keys.swap(dirty_);
  for (auto& k : keys) sync(cluster, k);
  return true;
}

}  // namespace kubesim::controllers
