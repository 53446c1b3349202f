// kubesim web — requests as particles (client → Service → pod), the load generator's schedule,
// and the zero-downtime meter. Positions are pure functions of (request time, now).
//
// No ImGui / GL: unit-tested natively.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "layout.h"
#include "network/network.h"

namespace kubesim::web {

struct FlightTiming {
  int64_t to_service_ms = 260;  // client → Service
  int64_t to_pod_ms = 340;      // Service → the pod kube-proxy picked
  int64_t fail_ms = 700;        // a failed request flashes at the Service this long
  int64_t total(bool ok) const { return ok ? to_service_ms + to_pod_ms : to_service_ms + fail_ms; }
};

struct Particle {
  Vec2 pos;
  float alpha = 1.f;
  bool at_service = false;  // failed requests stop at the Service
  bool arrived = false;     // reached the pod (for a short glow)
};

// Where a request sent at `at_ms` is at `now_ms`; false when it is not in flight (not sent yet
// or finished). `pod` is ignored for failed requests.
bool particle_at(Vec2 client, Vec2 service_in, Vec2 service_out, Vec2 pod, bool ok, int64_t at_ms,
                 int64_t now_ms, const FlightTiming& t, Particle* out);

// [SECTION] load generator
// How many requests a generator running at `rps` (per simulated second) sends in (from_ms, to_ms].
// A pure function of the clock so pausing and speeding up need no bookkeeping.
int64_t requests_due(double rps, int64_t from_ms, int64_t to_ms);

// [SECTION] counting
struct TrafficCount {
  uint64_t total = 0, failed = 0;
};
// Requests with from_ms <= at_ms < to_ms, for one service ("<ns>/<name>") or all ("").
TrafficCount count_requests(const std::deque<network::RequestRecord>& reqs, int64_t from_ms, int64_t to_ms,
                            std::string_view service = {});

// The zero-downtime meter: counts the requests sent while a rollout is in progress (from the
// network's running totals, so it is exact however many records the bounded log keeps) and keeps
// the result of the last rollout on screen afterwards.
class RolloutMeter {
 public:
  // Call once per frame with whether any Deployment is rolling and the network's totals.
  void update(bool rolling, int64_t now_ms, uint64_t requests_total, uint64_t requests_failed);
  void reset() { *this = RolloutMeter{}; }
  bool active() const { return active_; }
  bool has_result() const { return started_ms_ >= 0; }
  int64_t started_ms() const { return started_ms_; }
  int64_t ended_ms() const { return ended_ms_; }
  const TrafficCount& count() const { return count_; }

 private:
  bool active_ = false;
  int64_t started_ms_ = -1, ended_ms_ = -1;
  TrafficCount count_;
  uint64_t total0_ = 0, failed0_ = 0;
};

}  // namespace kubesim::web
