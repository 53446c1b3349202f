// Unit tests of web/traffic.h: particles, the load generator's schedule, the zero-downtime meter.
#include <catch2/catch.hpp>

#include "traffic.h"

using namespace kubesim;
using namespace kubesim::web;

TEST_CASE("a served request travels from the client through the Service to its pod") {
  FlightTiming t;
  Vec2 client{0, 0}, in{100, 0}, out{120, 0}, pod{300, 50};
  Particle p;
  REQUIRE(particle_at(client, in, out, pod, true, 1000, 1000, t, &p));
  CHECK(p.pos.x == Approx(0));
  REQUIRE(particle_at(client, in, out, pod, true, 1000, 1000 + t.to_service_ms, t, &p));
  CHECK(p.pos.x == Approx(120));  // leaving the Service
  REQUIRE(particle_at(client, in, out, pod, true, 1000, 1000 + t.total(true) - 1, t, &p));
  CHECK(p.pos.x == Approx(300).margin(1));
  CHECK(p.arrived);
  CHECK_FALSE(particle_at(client, in, out, pod, true, 1000, 1000 + t.total(true), t, &p));
  CHECK_FALSE(particle_at(client, in, out, pod, true, 1000, 999, t, &p));
}

TEST_CASE("a failed request stops at the Service and fades") {
  FlightTiming t;
  Particle p;
  REQUIRE(particle_at({0, 0}, {100, 0}, {120, 0}, {300, 0}, false, 0, t.to_service_ms + t.fail_ms / 2, t, &p));
  CHECK(p.at_service);
  CHECK(p.pos.x == Approx(100));
  CHECK(p.alpha == Approx(0.5f));
}

TEST_CASE("the load generator sends the same number of requests however time is sliced") {
  CHECK(requests_due(10, 0, 1000) == 10);
  int64_t sum = 0;
  for (int64_t t = 0; t < 10000; t += 37) sum += requests_due(7.5, t, std::min<int64_t>(t + 37, 10000));
  CHECK(sum == requests_due(7.5, 0, 10000));
  CHECK(requests_due(0, 0, 1000) == 0);
  CHECK(requests_due(5, 1000, 1000) == 0);
}

TEST_CASE("requests are counted per Service and per time window") {
  std::deque<network::RequestRecord> r;
  for (int i = 0; i < 10; ++i) {
    network::RequestRecord x;
    x.at_ms = i * 100;
    x.service = i % 2 ? "default/a" : "default/b";
    x.ok = i != 3;
    r.push_back(x);
  }
  TrafficCount all = count_requests(r, 0, 1000);
  CHECK(all.total == 10);
  CHECK(all.failed == 1);
  TrafficCount a = count_requests(r, 200, 600, "default/a");
  CHECK(a.total == 2);  // 300 and 500
  CHECK(a.failed == 1);
}

TEST_CASE("the rollout meter counts requests during a rollout and keeps the result afterwards") {
  RolloutMeter m;
  m.update(false, 0, 100, 2);
  CHECK_FALSE(m.has_result());
  m.update(true, 1000, 100, 2);
  CHECK(m.active());
  m.update(true, 2000, 150, 2);
  CHECK(m.count().total == 50);
  CHECK(m.count().failed == 0);
  m.update(false, 3000, 170, 3);
  CHECK_FALSE(m.active());
  CHECK(m.has_result());
  CHECK(m.count().total == 70);
  CHECK(m.count().failed == 1);
  m.update(false, 4000, 500, 9);  // later traffic does not change the last rollout's result
  CHECK(m.count().total == 70);
}
