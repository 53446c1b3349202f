// kubesim — time formatting as kubectl prints it (apimachinery duration.HumanDuration, Go time).
#include <catch2/catch.hpp>

#include "kubectl/timefmt.h"

using namespace kubesim::kubectl;

static constexpr int64_t kS = 1000, kM = 60 * kS, kH = 60 * kM, kD = 24 * kH;

TEST_CASE("creation timestamps print as RFC 3339 in UTC with whole seconds") {
  CHECK(rfc3339(1768212251000) == "2026-01-12T10:04:11Z");
  CHECK(rfc3339(1768212251999) == "2026-01-12T10:04:11Z");
  CHECK(rfc3339(0) == "1970-01-01T00:00:00Z");
  CHECK(rfc3339_micro(1768212251123) == "2026-01-12T10:04:11.123000Z");
}

TEST_CASE("describe dates are RFC 1123 with a numeric zone") {
  CHECK(rfc1123z(1768212251000) == "Mon, 12 Jan 2026 10:04:11 +0000");
  CHECK(rfc1123z(951782400000) == "Tue, 29 Feb 2000 00:00:00 +0000");
}

TEST_CASE("RFC 3339 text parses back to the same instant") {
  int64_t ms = 0;
  REQUIRE(parse_rfc3339("2026-01-12T10:04:11Z", ms));
  CHECK(ms == 1768212251000);
  REQUIRE(parse_rfc3339("2026-01-12T12:04:11+02:00", ms));
  CHECK(ms == 1768212251000);
  CHECK_FALSE(parse_rfc3339("2026-01-12 10:04:11", ms));
}

TEST_CASE("HumanDuration follows the apimachinery thresholds exactly") {
  CHECK(human_duration(-2 * kS) == "<invalid>");
  CHECK(human_duration(-1 * kS) == "0s");
  CHECK(human_duration(0) == "0s");
  CHECK(human_duration(119 * kS) == "119s");
  CHECK(human_duration(120 * kS) == "2m");
  CHECK(human_duration(123 * kS) == "2m3s");
  CHECK(human_duration(9 * kM + 59 * kS) == "9m59s");
  CHECK(human_duration(10 * kM + 30 * kS) == "10m");
  CHECK(human_duration(179 * kM) == "179m");
  CHECK(human_duration(3 * kH) == "3h");
  CHECK(human_duration(3 * kH + 5 * kM) == "3h5m");
  CHECK(human_duration(8 * kH) == "8h");
  CHECK(human_duration(47 * kH) == "47h");
  CHECK(human_duration(2 * kD) == "2d");
  CHECK(human_duration(2 * kD + 5 * kH) == "2d5h");
  CHECK(human_duration(8 * kD) == "8d");
  CHECK(human_duration(729 * kD) == "729d");
  CHECK(human_duration(2 * 365 * kD + 3 * kD) == "2y3d");
  CHECK(human_duration(9 * 365 * kD) == "9y");
  CHECK(translate_timestamp_since(0, 5000) == "<unknown>");
}

TEST_CASE("ShortHumanDuration uses one unit") {
  CHECK(short_human_duration(59 * kS) == "59s");
  CHECK(short_human_duration(5 * kM) == "5m");
  CHECK(short_human_duration(3 * kH + 59 * kM) == "3h");
  CHECK(short_human_duration(12 * kD) == "12d");
  CHECK(short_human_duration(800 * kD) == "2y");
}

TEST_CASE("pull durations print like Go's time.Duration") {
  CHECK(go_duration_ms(4512) == "4.512s");
  CHECK(go_duration_ms(62500) == "1m2.5s");
  CHECK(go_duration_ms(512) == "512ms");
  CHECK(go_duration_ns(1234567) == "1.234567ms");
  CHECK(go_duration_ns(1500) == "1.5\xC2\xB5s");
  CHECK(go_duration_ms(3600 * 1000) == "1h0m0s");
  CHECK(go_duration_ms(0) == "0s");
  CHECK(go_duration_ms(-1500) == "-1.5s");
}
