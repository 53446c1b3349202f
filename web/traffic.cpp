// kubesim web — traffic.cpp: particles, load schedule, counters.
#include "traffic.h"

#include <cmath>

namespace kubesim::web {

// [SECTION] particles -----------------------------------------------------------------------------
bool particle_at(Vec2 client, Vec2 service_in, Vec2 service_out, Vec2 pod, bool ok, int64_t at_ms,
                 int64_t now_ms, const FlightTiming& t, Particle* out) {
  int64_t age = now_ms - at_ms;
  if (age < 0 || age >= t.total(ok)) return false;
  Particle p;
  if (age < t.to_service_ms) {
    float k = ease_out_cubic(static_cast<float>(age) / static_cast<float>(t.to_service_ms));
    p.pos = lerp(client, service_in, k);
  } else if (!ok) {
    float k = static_cast<float>(age - t.to_service_ms) / static_cast<float>(t.fail_ms);
    p.pos = service_in;
    p.at_service = true;
    p.alpha = 1.f - clamp01(k);
  } else {
    float k = static_cast<float>(age - t.to_service_ms) / static_cast<float>(t.to_pod_ms);
    // Slow in and out through the Service, fast in between: it reads as "routed".
    float e = k < 0.5f ? 2.f * k * k : 1.f - 2.f * (1.f - k) * (1.f - k);
    p.pos = lerp(service_out, pod, e);
    p.arrived = k > 0.85f;
  }
  *out = p;
  return true;
}

// [SECTION] load generator ------------------------------------------------------------------------
int64_t requests_due(double rps, int64_t from_ms, int64_t to_ms) {
  if (rps <= 0 || to_ms <= from_ms) return 0;
  // Request n is due at n·(1000/rps) ms: count the multiples in (from, to].
  double period = 1000.0 / rps;
  auto upto = [&](int64_t t) { return static_cast<int64_t>(std::floor(static_cast<double>(t) / period)); };
  return upto(to_ms) - upto(from_ms);
}

// [SECTION] counting ------------------------------------------------------------------------------
TrafficCount count_requests(const std::deque<network::RequestRecord>& reqs, int64_t from_ms, int64_t to_ms,
                            std::string_view service) {
  TrafficCount c;
  // Records are appended in time order: walk back from the newest.
  for (auto it = reqs.rbegin(); it != reqs.rend(); ++it) {
    if (it->at_ms < from_ms) break;
    if (it->at_ms >= to_ms) continue;
    if (!service.empty() && it->service != service) continue;
    ++c.total;
    if (!it->ok) ++c.failed;
  }
  return c;
}

void RolloutMeter::update(bool rolling, int64_t now_ms, uint64_t requests_total, uint64_t requests_failed) {
  if (rolling && !active_) {
    active_ = true;
    started_ms_ = now_ms;
    ended_ms_ = -1;
    total0_ = requests_total;
    failed0_ = requests_failed;
  }
  if (active_) {
    count_.total = requests_total >= total0_ ? requests_total - total0_ : 0;
    count_.failed = requests_failed >= failed0_ ? requests_failed - failed0_ : 0;
    if (!rolling) {
      active_ = false;
      ended_ms_ = now_ms;
    }
  }
}

}  // namespace kubesim::web
