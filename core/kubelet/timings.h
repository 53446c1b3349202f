// kubesim — the one table of kubelet timings. Every delay the node agents simulate comes from
// here, drawn with the simulation's seeded RNG (base ± jitter), so "how long does X take" is data,
// not nested ifs scattered over the lifecycle code.
//
// Where a number is an upstream constant it says so; the rest are typical observed magnitudes
// on a laptop minikube (docker driver, docker runtime).
#pragma once
#include <cstdint>

#include "sim/rng.h"

namespace kubesim::kubelet::timings {

struct Span {
  int64_t base_ms;
  int64_t jitter_permille;  // ± this fraction of base (per mille)
};

inline int64_t draw(sim::Rng& rng, Span s) { return rng.jitter(s.base_ms, s.jitter_permille); }

// [SECTION] pod start
// The kubelet's pod worker notices a pod bound to its node (watch + sync): 100–300 ms.
inline constexpr Span kSyncAfterBind{200, 500};
// Pod sandbox (pause container + CNI) ready: status gets hostIP/podIP/startTime.
inline constexpr Span kSandboxReady{350, 400};
// Pull of an image that is already present (imagePullPolicy Always): manifest check only.
inline constexpr Span kManifestCheck{650, 400};
// Jitter applied to a full pull (Registry::pull_time_ms gives the base).
inline constexpr int64_t kPullJitterPermille = 200;
// The registry answers "manifest unknown" / "access denied" (Registry::failed_pull_time_ms base).
inline constexpr int64_t kFailedPullJitterPermille = 400;
// Image present -> container created and started (Created + Started events, state Running).
inline constexpr Span kCreateAndStart{300, 400};

// [SECTION] back-off (client-go flowcontrol.Backoff as the kubelet configures it)
// Image pulls: 10 s doubling to 300 s (kubelet: backOffPeriod 10 s, MaxContainerBackOff 300 s).
inline constexpr int64_t kImagePullBackOffInitialMs = 10 * 1000;
inline constexpr int64_t kImagePullBackOffMaxMs = 300 * 1000;
// Container restarts (CrashLoopBackOff): same numbers.
inline constexpr int64_t kCrashLoopBackOffInitialMs = 10 * 1000;
inline constexpr int64_t kCrashLoopBackOffMaxMs = 300 * 1000;
// A back-off entry older than 2 × max since its last update starts again at the initial value.
inline constexpr int64_t kBackOffResetFactor = 2;
// After a failed pull or an exited container the PLEG relist (1 s) triggers the next sync.
inline constexpr Span kPlegResync{1000, 300};
// A pod worker whose sync failed is requeued after backOffPeriod (10 s) with 0.5 jitter: 10–15 s.
inline constexpr Span kErrorResync{12500, 200};

// [SECTION] running apps
// A container whose process exits at once (busybox `sh` without a terminal, hello-world).
inline constexpr Span kImmediateExit{200, 500};

// [SECTION] termination
// Apps that handle SIGTERM (nginx, httpd, redis, Go binaries) exit within about a second.
inline constexpr Span kSigtermExit{450, 600};
// Pods whose containers never started (ImagePullBackOff …): sandbox teardown only.
inline constexpr Span kNeverStartedTeardown{1200, 500};
// Container exited (or SIGKILLed) -> the kubelet confirms and the API object is removed.
inline constexpr Span kRemoveAfterExit{250, 500};

}  // namespace kubesim::kubelet::timings
