// kubesim — time formatting exactly as kubectl and the API server print it.
//
//   rfc3339(ms)            "2026-01-12T10:04:11Z"            (metav1.Time in JSON/YAML, seconds precision, UTC)
//   rfc3339_micro(ms)      "2026-01-12T10:04:11.123000Z"     (metav1.MicroTime, e.g. Event.eventTime)
//   rfc1123z(ms)           "Mon, 12 Jan 2026 10:04:11 +0000" (describe: CreationTimestamp, Start Time)
//   human_duration(ms)     "119s", "2m3s", "10m", "3h5m", "2d5h", "2y3d"  (apimachinery duration.HumanDuration)
//   short_human_duration   "59s", "5m", "3h", "12d", "2y"                 (duration.ShortHumanDuration)
//   go_duration_ns(ns)     Go's time.Duration.String(): "4.512s", "1m2.5s", "512ms", "1.234567ms", "1h0m0s"
//
// All inputs are absolute/relative milliseconds of simulated time; nothing here reads a clock.
#pragma once
#include <cstdint>
#include <string>

#include "api/types.h"

namespace kubesim::kubectl {

// Civil date/time (UTC) of an absolute millisecond timestamp.
struct CivilTime {
  int64_t year = 1970;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int millisecond = 0;
  int weekday = 4;  // 0 = Sunday (1970-01-01 was a Thursday)
};
CivilTime civil_from_ms(int64_t ms);
// Inverse of civil_from_ms for valid dates (ms is floor-divided, so this is exact at whole seconds).
int64_t ms_from_civil(int64_t year, int month, int day, int hour, int minute, int second);

std::string rfc3339(int64_t ms);
std::string rfc3339_micro(int64_t ms);
// The whole second a metav1.Time keeps of `ms` (floor, also before 1970): what timestamps compare on
// once they have been through the API.
inline int64_t floor_seconds(int64_t ms) { return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000); }
std::string rfc1123z(int64_t ms);

// Parses "2026-01-12T10:04:11Z" (also with fractional seconds or a ±hh:mm offset). false on error.
bool parse_rfc3339(const std::string& s, int64_t& ms);

// d_ms = now − timestamp. `<invalid>` below −1 s, `0s` at −1 s.
std::string human_duration(int64_t d_ms);
std::string short_human_duration(int64_t d_ms);
// "<unknown>" for a zero timestamp, else human_duration(now − ts): kubectl's translateTimestampSince.
std::string translate_timestamp_since(int64_t ts_ms, int64_t now_ms);
// The same for a metav1.MicroTime (an event's eventTime), which keeps its fraction of a second.
std::string translate_micro_timestamp_since(int64_t ts_ms, int64_t now_ms);
// Where kubectl's describe and `kubectl events` take an event's first occurrence from: eventTime
// when set (events.k8s.io/v1 events), else firstTimestamp.
std::string event_first_seen(const api::Event& e, int64_t now_ms);

// Go time.Duration.String().
std::string go_duration_ns(int64_t ns);
inline std::string go_duration_ms(int64_t ms) { return go_duration_ns(ms * 1000000); }

}  // namespace kubesim::kubectl
