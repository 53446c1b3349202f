// kubesim web — look.cpp: pod state → look, kubectl's STATUS words, colours.
#include "look.h"

#include <algorithm>
#include <cmath>

namespace kubesim::web {

// [SECTION] small maths ---------------------------------------------------------------------------
float clamp01(float t) { return t < 0.f ? 0.f : (t > 1.f ? 1.f : t); }
float ease_out_cubic(float t) {
  t = clamp01(t);
  float u = 1.f - t;
  return 1.f - u * u * u;
}

static float fraction(int64_t num, int64_t den) {
  if (den <= 0) return 1.f;
  return clamp01(static_cast<float>(static_cast<double>(num) / static_cast<double>(den)));
}

const char* pod_state_name(PodState s) {
  switch (s) {
    case PodState::Pending: return "Pending";
    case PodState::ContainerCreating: return "ContainerCreating";
    case PodState::Running: return "Running";
    case PodState::NotReady: return "NotReady";
    case PodState::Terminating: return "Terminating";
    case PodState::ErrImagePull: return "ErrImagePull";
    case PodState::ImagePullBackOff: return "ImagePullBackOff";
    case PodState::CrashLoopBackOff: return "CrashLoopBackOff";
    case PodState::Completed: return "Completed";
    case PodState::Failed: return "Error";
    case PodState::Deleted: return "Deleted";
    case PodState::Count: break;
  }
  return "?";
}

// [SECTION] back-off windows ----------------------------------------------------------------------
// The kubelet's back-off doubles from 10 s up to 300 s. The pod carries only the end of the current
// window, so the ring's full length is the smallest window of that series that covers what is left.
static int64_t backoff_window_ms(int64_t remaining_ms) {
  static constexpr int64_t kSteps[] = {10000, 20000, 40000, 80000, 160000, 300000};
  for (int64_t s : kSteps)
    if (remaining_ms <= s) return s;
  return remaining_ms;
}

static float pull_progress(const api::PodTimeline& tl, int64_t now_ms) {
  if (tl.pull_done_ms > 0 && now_ms >= tl.pull_done_ms) return 1.f;
  if (tl.pull_started_ms <= 0 || now_ms < tl.pull_started_ms) return 0.f;
  if (tl.pull_expected_ms <= tl.pull_started_ms) return 0.f;
  // Never show a full bar before the pull is really done.
  return std::min(0.98f, fraction(now_ms - tl.pull_started_ms, tl.pull_expected_ms - tl.pull_started_ms));
}

// [SECTION] classification ------------------------------------------------------------------------
PodLook look_of(const api::Pod& pod, int64_t now_ms, const LookTiming& timing) {
  const auto& tl = pod.timeline;
  PodLook look;
  int64_t born = tl.created_ms > 0 ? tl.created_ms : pod.metadata.creation_ms;
  look.appear = timing.appear_ms > 0 ? ease_out_cubic(fraction(now_ms - born, timing.appear_ms)) : 1.f;

  if (tl.deleted_ms > 0) {
    look.state = PodState::Deleted;
    look.alpha = 1.f - fraction(now_ms - tl.deleted_ms, timing.tombstone_fade_ms);
    return look;
  }

  if (pod.metadata.deletion_ms || tl.terminating_ms > 0) {
    look.state = PodState::Terminating;
    int64_t start = tl.terminating_ms > 0 ? tl.terminating_ms : *pod.metadata.deletion_ms;
    int64_t grace_s = pod.metadata.deletion_grace_period_seconds.value_or(pod.spec.termination_grace_period_seconds);
    int64_t grace_ms = std::max<int64_t>(0, grace_s) * 1000;
    int64_t left = std::max<int64_t>(0, start + grace_ms - now_ms);
    look.progress = grace_ms > 0 ? fraction(left, grace_ms) : 0.f;
    look.countdown_ms = left;
    return look;
  }

  const auto& st = pod.status;
  if (st.phase == "Succeeded") { look.state = PodState::Completed; return look; }
  if (st.phase == "Failed") { look.state = PodState::Failed; return look; }
  if (pod.spec.node_name.empty()) { look.state = PodState::Pending; return look; }

  // printPod scans containers from last to first, so the first container's state wins.
  const api::ContainerStatus* dominant = nullptr;
  bool all_ready = !st.container_statuses.empty();
  for (auto it = st.container_statuses.rbegin(); it != st.container_statuses.rend(); ++it) {
    const auto& cs = *it;
    if (!(cs.ready && cs.state.running)) all_ready = false;
    if ((cs.state.waiting && !cs.state.waiting->reason.empty()) || cs.state.terminated) dominant = &cs;
  }

  auto backoff = [&](PodState s) {
    look.state = s;
    int64_t left = std::max<int64_t>(0, tl.backoff_until_ms - now_ms);
    if (tl.backoff_until_ms > 0) {
      look.countdown_ms = left;
      look.progress = fraction(left, backoff_window_ms(left));
    }
  };

  if (dominant && dominant->state.waiting) {
    const std::string& r = dominant->state.waiting->reason;
    if (r == "ContainerCreating" || r == "PodInitializing") {
      look.state = PodState::ContainerCreating;
      look.progress = pull_progress(tl, now_ms);
    } else if (r == "ErrImagePull" || r == "InvalidImageName" || r == "ErrImageNeverPull") {
      look.state = PodState::ErrImagePull;
    } else if (r == "ImagePullBackOff") {
      backoff(PodState::ImagePullBackOff);
    } else if (r == "CrashLoopBackOff") {
      backoff(PodState::CrashLoopBackOff);
    } else {
      look.state = PodState::Failed;  // CreateContainerConfigError and friends
    }
    return look;
  }
  if (dominant && dominant->state.terminated) {
    look.state = dominant->state.terminated->exit_code == 0 ? PodState::Completed : PodState::Failed;
    return look;
  }
  if (st.container_statuses.empty()) {
    // Bound, but the kubelet has not reported yet: it is about to create the sandbox and pull.
    look.state = PodState::ContainerCreating;
    look.progress = pull_progress(tl, now_ms);
    return look;
  }
  look.state = all_ready ? PodState::Running : PodState::NotReady;
  return look;
}

// [SECTION] kubectl words -------------------------------------------------------------------------
static bool pod_ready_condition(const api::Pod& pod) {
  for (auto& c : pod.status.conditions)
    if (c.type == "Ready") return c.status == "True";
  return false;
}

std::string kubectl_status(const api::Pod& pod) {
  std::string reason = pod.status.phase;
  if (!pod.status.reason.empty()) reason = pod.status.reason;
  bool has_running = false;
  const auto& css = pod.status.container_statuses;
  for (auto it = css.rbegin(); it != css.rend(); ++it) {
    const auto& cs = *it;
    if (cs.state.waiting && !cs.state.waiting->reason.empty()) {
      reason = cs.state.waiting->reason;
    } else if (cs.state.terminated && !cs.state.terminated->reason.empty()) {
      reason = cs.state.terminated->reason;
    } else if (cs.state.terminated) {
      reason = cs.state.terminated->signal != 0 ? "Signal:" + std::to_string(cs.state.terminated->signal)
                                                : "ExitCode:" + std::to_string(cs.state.terminated->exit_code);
    } else if (cs.ready && cs.state.running) {
      has_running = true;
    }
  }
  if (reason == "Completed" && has_running) reason = pod_ready_condition(pod) ? "Running" : "NotReady";
  if (pod.metadata.deletion_ms && pod.status.reason == "NodeLost") return "Unknown";
  if (pod.metadata.deletion_ms && pod.status.phase != "Succeeded" && pod.status.phase != "Failed") return "Terminating";
  return reason;
}

std::string kubectl_ready(const api::Pod& pod) {
  int ready = 0;
  for (auto& cs : pod.status.container_statuses)
    if (cs.ready && cs.state.running) ++ready;
  return std::to_string(ready) + "/" + std::to_string(pod.spec.containers.size());
}

std::string state_reason(const api::Pod& pod) {
  if (pod.timeline.deleted_ms > 0) return "";
  if (pod.metadata.deletion_ms) {
    int64_t g = pod.metadata.deletion_grace_period_seconds.value_or(pod.spec.termination_grace_period_seconds);
    return "deletionGracePeriodSeconds: " + std::to_string(g);
  }
  if (pod.spec.node_name.empty()) {
    for (auto& c : pod.status.conditions)
      if (c.type == "PodScheduled" && c.status != "True") {
        std::string s = c.reason;
        if (!c.message.empty()) s += (s.empty() ? "" : ": ") + c.message;
        return s;
      }
    return "";
  }
  for (auto& cs : pod.status.container_statuses) {
    if (cs.state.waiting && !cs.state.waiting->reason.empty()) {
      std::string s = cs.state.waiting->reason;
      if (!cs.state.waiting->message.empty()) s += ": " + cs.state.waiting->message;
      return s;
    }
    if (cs.state.terminated) {
      return cs.state.terminated->reason + " (exit code " + std::to_string(cs.state.terminated->exit_code) + ")";
    }
  }
  for (auto& c : pod.status.conditions)
    if (c.type == "Ready" && c.status != "True" && !c.reason.empty())
      return c.reason + (c.message.empty() ? "" : ": " + c.message);
  return "";
}

// [SECTION] colours -------------------------------------------------------------------------------
Rgba palette_color(int index) {
  static constexpr Rgba kPalette[kPaletteSize] = {
      {0.31f, 0.61f, 1.00f, 1.f},  // blue
      {0.20f, 0.80f, 0.62f, 1.f},  // teal green
      {0.73f, 0.52f, 0.99f, 1.f},  // violet
      {0.13f, 0.80f, 0.93f, 1.f},  // cyan
      {0.98f, 0.56f, 0.82f, 1.f},  // pink
      {0.66f, 0.84f, 0.31f, 1.f},  // lime
      {0.56f, 0.58f, 0.98f, 1.f},  // periwinkle
      {0.86f, 0.82f, 0.48f, 1.f},  // sand
  };
  int i = index % kPaletteSize;
  if (i < 0) i += kPaletteSize;
  return kPalette[i];
}

Rgba neutral_color() { return {0.55f, 0.58f, 0.64f, 1.f}; }

Rgba state_color(PodState s) {
  switch (s) {
    case PodState::Pending: return {0.62f, 0.67f, 0.78f, 1.f};
    case PodState::ContainerCreating: return {0.52f, 0.76f, 1.00f, 1.f};
    case PodState::Running: return {0.30f, 0.88f, 0.47f, 1.f};
    case PodState::NotReady: return {1.00f, 0.76f, 0.22f, 1.f};
    case PodState::Terminating: return {0.78f, 0.78f, 0.80f, 1.f};
    case PodState::ErrImagePull: return {1.00f, 0.33f, 0.33f, 1.f};
    case PodState::ImagePullBackOff: return {1.00f, 0.42f, 0.30f, 1.f};
    case PodState::CrashLoopBackOff: return {1.00f, 0.30f, 0.55f, 1.f};
    case PodState::Completed: return {0.60f, 0.62f, 0.66f, 1.f};
    case PodState::Failed: return {1.00f, 0.33f, 0.33f, 1.f};
    case PodState::Deleted: return {0.50f, 0.50f, 0.52f, 1.f};
    case PodState::Count: break;
  }
  return {1, 1, 1, 1};
}

uint32_t to_u32(const Rgba& c) {
  auto b = [](float v) { return static_cast<uint32_t>(std::lround(clamp01(v) * 255.f)); };
  return (b(c.a) << 24) | (b(c.b) << 16) | (b(c.g) << 8) | b(c.r);
}

}  // namespace kubesim::web
