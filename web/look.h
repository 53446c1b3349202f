// kubesim web — how a pod looks at a given simulated instant.
//
// Pure functions of (pod object, its timeline timestamps, now): no animation state. Pausing,
// speeding up and scrubbing the timeline therefore need nothing from the renderer; the canvas
// simply asks "what does this pod look like at t?" every frame.
//
// This file includes no ImGui / GL header so the unit tests compile it natively.
#pragma once
#include <cstdint>
#include <string>

#include "api/types.h"

namespace kubesim::web {

// The visual states a learner must tell apart. The order is also the legend's order.
enum class PodState : uint8_t {
  Pending,            // not scheduled yet (waiting for the scheduler / no node fits)
  ContainerCreating,  // bound to a node; image pull / container start in progress
  Running,            // running and Ready: takes traffic
  NotReady,           // running but not Ready: the Service skips it
  Terminating,        // deletionTimestamp set; grace period counting down
  ErrImagePull,       // the last pull failed
  ImagePullBackOff,   // waiting before the next pull attempt
  CrashLoopBackOff,   // the container keeps exiting; waiting before restart
  Completed,          // Succeeded / container exited 0
  Failed,             // Failed phase / Error
  Deleted,            // gone from the API: a fading tombstone
  Count
};

const char* pod_state_name(PodState s);  // "Pending", "ContainerCreating", … (kubectl's words)

struct PodLook {
  PodState state = PodState::Pending;
  // Meaning depends on the state:
  //  ContainerCreating → image pull progress 0…1 (1 = pulled, container starting)
  //  Terminating       → grace period remaining 1…0
  //  *BackOff          → back-off window remaining 1…0
  //  else              → 0
  float progress = 0.f;
  float appear = 1.f;   // 0…1 scale-in after creation
  float alpha = 1.f;    // 1, fading to 0 for Deleted
  int64_t countdown_ms = -1;  // time left of the grace period / back-off (for labels), -1 = none
};

// Tunables of the pure animations (simulated milliseconds).
struct LookTiming {
  int64_t appear_ms = 400;        // scale-in after creation
  int64_t tombstone_fade_ms = 1500;  // a deleted pod fades out for this long
};

PodLook look_of(const api::Pod& pod, int64_t now_ms, const LookTiming& timing = {});

// A deleted pod (tombstone) is still drawn while it fades.
inline bool tombstone_visible(const api::Pod& tomb, int64_t now_ms, const LookTiming& timing = {}) {
  return tomb.timeline.deleted_ms > 0 && now_ms >= tomb.timeline.deleted_ms &&
         now_ms - tomb.timeline.deleted_ms < timing.tombstone_fade_ms;
}

// The STATUS column of `kubectl get pods` (printPod's algorithm, regular containers only), for
// labels and tooltips.
std::string kubectl_status(const api::Pod& pod);
// READY column: "<ready>/<containers>".
std::string kubectl_ready(const api::Pod& pod);

// Why the pod is in its state, in plain words plus the API's own reason/message (the scheduler's
// FailedScheduling message, the container's waiting reason…). Empty when nothing to explain.
std::string state_reason(const api::Pod& pod);

// [SECTION] colours
// Straight RGBA in 0…1.
struct Rgba { float r = 0, g = 0, b = 0, a = 1; };

// The revision palette: distinguishable on a dark background, no red (red means "error").
Rgba palette_color(int index);
inline constexpr int kPaletteSize = 8;
// Pods with no ReplicaSet (bare pods, system pods).
Rgba neutral_color();
// The colour of the state badge / ring (green ready, amber not ready, red error…).
Rgba state_color(PodState s);

// Pack to ImGui's ABGR u32 (IM_COL32 layout), without including imgui.
uint32_t to_u32(const Rgba& c);

// Smooth step for eased animations, clamped to [0, 1].
float ease_out_cubic(float t);
float clamp01(float t);

}  // namespace kubesim::web
