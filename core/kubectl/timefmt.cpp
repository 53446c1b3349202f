// kubesim — time formatting (see timefmt.h for the formats and their upstream sources).
#include "kubectl/timefmt.h"

#include <charconv>
#include <cstdio>

namespace kubesim::kubectl {

// [SECTION] civil calendar ----------------------------------------------------------------------
// Days since 1970-01-01 <-> proleptic Gregorian date (the classic era-based algorithm).
static int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y += m <= 2;
}

static int64_t floor_div(int64_t a, int64_t b) { int64_t q = a / b; if ((a % b != 0) && ((a < 0) != (b < 0))) --q; return q; }

CivilTime civil_from_ms(int64_t ms) {
  CivilTime t;
  const int64_t secs = floor_div(ms, 1000);
  t.millisecond = static_cast<int>(ms - secs * 1000);
  const int64_t days = floor_div(secs, 86400);
  const int64_t sod = secs - days * 86400;
  civil_from_days(days, t.year, t.month, t.day);
  t.hour = static_cast<int>(sod / 3600);
  t.minute = static_cast<int>(sod / 60 % 60);
  t.second = static_cast<int>(sod % 60);
  int64_t wd = (days + 4) % 7;
  if (wd < 0) wd += 7;
  t.weekday = static_cast<int>(wd);
  return t;
}

int64_t ms_from_civil(int64_t year, int month, int day, int hour, int minute, int second) {
  return (days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second) * 1000;
}

std::string rfc3339(int64_t ms) {
  const CivilTime t = civil_from_ms(ms);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02dZ", static_cast<long long>(t.year), t.month, t.day,
                t.hour, t.minute, t.second);
  return buf;
}

std::string rfc3339_micro(int64_t ms) {
  const CivilTime t = civil_from_ms(ms);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%03d000Z", static_cast<long long>(t.year), t.month,
                t.day, t.hour, t.minute, t.second, t.millisecond);
  return buf;
}

std::string rfc1123z(int64_t ms) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilTime t = civil_from_ms(ms);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04lld %02d:%02d:%02d +0000", kDays[t.weekday], t.day,
                kMonths[t.month - 1], static_cast<long long>(t.year), t.hour, t.minute, t.second);
  return buf;
}

// [SECTION] parsing -----------------------------------------------------------------------------
static bool digits(const std::string& s, size_t pos, size_t n, int64_t& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool parse_rfc3339(const std::string& s, int64_t& ms) {
  int64_t y, mo, d, h, mi, se;
  if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se))
    return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
  size_t pos = 19;
  int64_t frac_ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (n < 3) frac_ms = frac_ms * 10 + (s[pos] - '0');
      ++n;
      ++pos;
    }
    if (n == 0) return false;
    for (int k = n; k < 3; ++k) frac_ms *= 10;
  }
  int64_t offset_s = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int64_t oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om))
      return false;
    offset_s = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return false;
  }
  if (pos != s.size()) return false;
  ms = ms_from_civil(y, static_cast<int>(mo), static_cast<int>(d), static_cast<int>(h), static_cast<int>(mi),
                     static_cast<int>(se)) +
       frac_ms - offset_s * 1000;
  return true;
}

// [SECTION] relative durations ------------------------------------------------------------------
std::string human_duration(int64_t d_ms) {
  const int64_t seconds = d_ms / 1000;  // truncates toward zero like int(d.Seconds())
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return std::to_string(seconds) + "s";
  const int64_t minutes = d_ms / 60000;
  if (minutes < 10) {
    const int64_t s = seconds % 60;
    return s == 0 ? std::to_string(minutes) + "m" : std::to_string(minutes) + "m" + std::to_string(s) + "s";
  }
  if (minutes < 180) return std::to_string(minutes) + "m";
  const int64_t hours = d_ms / 3600000;
  if (hours < 8) {
    const int64_t m = minutes % 60;
    return m == 0 ? std::to_string(hours) + "h" : std::to_string(hours) + "h" + std::to_string(m) + "m";
  }
  if (hours < 48) return std::to_string(hours) + "h";
  if (hours < 24 * 8) {
    const int64_t h = hours % 24;
    return h == 0 ? std::to_string(hours / 24) + "d" : std::to_string(hours / 24) + "d" + std::to_string(h) + "h";
  }
  if (hours < 24 * 365 * 2) return std::to_string(hours / 24) + "d";
  if (hours < 24 * 365 * 8) {
    const int64_t dy = (hours / 24) % 365;
    return dy == 0 ? std::to_string(hours / 24 / 365) + "y"
                   : std::to_string(hours / 24 / 365) + "y" + std::to_string(dy) + "d";
  }
  return std::to_string(hours / 24 / 365) + "y";
}

std::string short_human_duration(int64_t d_ms) {
  const int64_t seconds = d_ms / 1000;
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60) return std::to_string(seconds) + "s";
  const int64_t minutes = d_ms / 60000;
  if (minutes < 60) return std::to_string(minutes) + "m";
  const int64_t hours = d_ms / 3600000;
  if (hours < 24) return std::to_string(hours) + "h";
  if (hours < 24 * 365) return std::to_string(hours / 24) + "d";
  return std::to_string(hours / 24 / 365) + "y";
}

std::string translate_timestamp_since(int64_t ts_ms, int64_t now_ms) {
  if (ts_ms == 0) return "<unknown>";
  // A metav1.Time keeps whole seconds (JSON and protobuf alike): the age is counted from the
  // second the API holds, so everything that happened within one second shows one age.
  return human_duration(now_ms - floor_seconds(ts_ms) * 1000);
}

std::string translate_micro_timestamp_since(int64_t ts_ms, int64_t now_ms) {
  if (ts_ms == 0) return "<unknown>";
  return human_duration(now_ms - ts_ms);
}

std::string event_first_seen(const api::Event& e, int64_t now_ms) {
  return e.action.empty() ? translate_timestamp_since(e.first_ms, now_ms) : translate_micro_timestamp_since(e.first_ms, now_ms);
}

// [SECTION] Go time.Duration.String() ------------------------------------------------------------
// `value` printed with `prec` implied fractional digits, trailing zeros (and a bare point) dropped.
static std::string with_fraction(uint64_t value, int prec) {
  uint64_t pow = 1;
  for (int i = 0; i < prec; ++i) pow *= 10;
  std::string s = std::to_string(value / pow);
  uint64_t frac = value % pow;
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f.insert(0, static_cast<size_t>(prec) - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s;
}

std::string go_duration_ns(int64_t ns) {
  if (ns == 0) return "0s";
  const bool neg = ns < 0;
  const uint64_t u = neg ? static_cast<uint64_t>(-(ns + 1)) + 1 : static_cast<uint64_t>(ns);
  std::string out;
  if (u < 1000000000ULL) {
    if (u < 1000) out = std::to_string(u) + "ns";
    else if (u < 1000000) out = with_fraction(u, 3) + "\xC2\xB5s";  // µs (U+00B5)
    else out = with_fraction(u, 6) + "ms";
  } else {
    const uint64_t secs_total = u / 1000000000ULL;
    const uint64_t frac_ns = u % 1000000000ULL;
    const uint64_t hours = secs_total / 3600, minutes = secs_total / 60 % 60, secs = secs_total % 60;
    std::string s = with_fraction(secs * 1000000000ULL + frac_ns, 9) + "s";
    if (hours > 0) out = std::to_string(hours) + "h" + std::to_string(minutes) + "m" + s;
    else if (minutes > 0) out = std::to_string(minutes) + "m" + s;
    else out = s;
  }
  return neg ? "-" + out : out;
}

}  // namespace kubesim::kubectl
