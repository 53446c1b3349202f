// kubesim — resource quantities (see quantity.h).
#include "api/quantity.h"

#include <limits>

namespace kubesim::api {

// [SECTION] parsing -------------------------------------------------------------------------------
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Split {
  bool positive = true;
  std::string_view num, denom, suffix;
};

// Mirrors apimachinery's scanner: sign, leading zeros, integer digits, optional '.' and
// fraction digits, then a run of suffix letters with an optional signed exponent.
bool split_quantity(std::string_view s, Split& out) {
  size_t pos = 0;
  const size_t end = s.size();
  if (pos < end && (s[0] == '-' || s[0] == '+')) {
    out.positive = s[0] == '+';
    ++pos;
  }
  while (pos < end && s[pos] == '0') ++pos;
  if (pos >= end) {
    out.num = "0";
    return true;
  }
  size_t i = pos;
  while (i < end && is_digit(s[i])) ++i;
  out.num = s.substr(pos, i - pos);
  if (out.num.empty()) out.num = "0";
  pos = i;
  if (pos < end && s[pos] == '.') {
    ++pos;
    i = pos;
    while (i < end && is_digit(s[i])) ++i;
    out.denom = s.substr(pos, i - pos);
    pos = i;
    if (pos >= end) return true;
  }
  const size_t suffix_start = pos;
  static constexpr std::string_view kSuffixLetters = "eEinumkKMGTP";
  while (pos < end && kSuffixLetters.find(s[pos]) != std::string_view::npos) ++pos;
  if (pos < end && (s[pos] == '-' || s[pos] == '+')) ++pos;
  while (pos < end && is_digit(s[pos])) ++pos;
  if (pos < end) return false;
  out.suffix = s.substr(suffix_start);
  return true;
}

struct Suffix {
  int base = 10;  // 10 or 2
  int exponent = 0;
  QuantityFormat format = QuantityFormat::DecimalSI;
};

bool interpret_suffix(std::string_view s, Suffix& out) {
  struct Entry { std::string_view text; int base, exp; QuantityFormat fmt; };
  static constexpr Entry kTable[] = {
      {"", 10, 0, QuantityFormat::DecimalSI},   {"n", 10, -9, QuantityFormat::DecimalSI},
      {"u", 10, -6, QuantityFormat::DecimalSI}, {"m", 10, -3, QuantityFormat::DecimalSI},
      {"k", 10, 3, QuantityFormat::DecimalSI},  {"M", 10, 6, QuantityFormat::DecimalSI},
      {"G", 10, 9, QuantityFormat::DecimalSI},  {"T", 10, 12, QuantityFormat::DecimalSI},
      {"P", 10, 15, QuantityFormat::DecimalSI}, {"E", 10, 18, QuantityFormat::DecimalSI},
      {"Ki", 2, 10, QuantityFormat::BinarySI},  {"Mi", 2, 20, QuantityFormat::BinarySI},
      {"Gi", 2, 30, QuantityFormat::BinarySI},  {"Ti", 2, 40, QuantityFormat::BinarySI},
      {"Pi", 2, 50, QuantityFormat::BinarySI},  {"Ei", 2, 60, QuantityFormat::BinarySI},
  };
  for (auto& e : kTable)
    if (e.text == s) { out = {e.base, e.exp, e.fmt}; return true; }
  if (s.size() > 1 && (s[0] == 'e' || s[0] == 'E')) {
    std::string_view rest = s.substr(1);
    bool neg = false;
    if (rest[0] == '+' || rest[0] == '-') { neg = rest[0] == '-'; rest = rest.substr(1); }
    if (rest.empty()) return false;
    int64_t v = 0;
    for (char c : rest) {
      if (!is_digit(c)) return false;
      v = v * 10 + (c - '0');
      if (v > 1000) return false;  // far beyond anything int64 can hold; treat as unparsable
    }
    out = {10, static_cast<int>(neg ? -v : v), QuantityFormat::DecimalExponent};
    return true;
  }
  return false;
}

using i128 = __int128;
constexpr i128 kI64Max = std::numeric_limits<int64_t>::max();

i128 pow10_128(int n) { i128 p = 1; for (int i = 0; i < n; ++i) p *= 10; return p; }

// Divide rounding away from zero (inf.RoundUp).
i128 div_round_up(i128 a, i128 b) {
  i128 q = a / b;
  if (a % b != 0) q += (a < 0) ? -1 : 1;
  return q;
}

}  // namespace

bool parse_quantity(std::string_view text, Quantity& out, std::string& err) {
  out = Quantity{};
  if (text.empty()) { err = kQuantityFormatError; return false; }
  if (text == "0") return true;
  Split sp;
  if (!split_quantity(text, sp)) { err = kQuantityFormatError; return false; }
  Suffix sx;
  if (!interpret_suffix(sp.suffix, sx)) { err = kQuantitySuffixError; return false; }

  // mantissa from the digits (capped: 30+ significant digits are not a resource amount)
  std::string digits = std::string(sp.num) + std::string(sp.denom);
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) { out.format = sx.format == QuantityFormat::BinarySI ? QuantityFormat::DecimalSI : sx.format; return true; }
  digits = digits.substr(first);
  int scale = -static_cast<int>(sp.denom.size());
  // Drop digits beyond 30 (keeps the arithmetic in 128 bits); they only matter past nano precision
  // for absurd inputs, and rounding up below keeps the value non-zero.
  while (digits.size() > 30) { digits.pop_back(); ++scale; }
  i128 m = 0;
  for (char c : digits) m = m * 10 + (c - '0');
  if (!sp.positive) m = -m;

  if (sx.base == 10) {
    scale += sx.exponent;
  } else {
    for (int i = 0; i < sx.exponent; ++i) {
      m *= 2;
      if (m > kI64Max * 1000000000 || m < -kI64Max * 1000000000) break;  // capped below
    }
  }
  // Round up to nano precision (positive values up, negative values away from zero like RoundUp).
  if (scale < -9) {
    const int drop = -9 - scale;
    m = drop > 36 ? (m > 0 ? 1 : -1) : div_round_up(m, pow10_128(drop));
    scale = -9;
  }
  // Strip trailing zeros into the scale so the mantissa fits int64 as often as possible.
  while (m != 0 && m % 10 == 0 && scale < 30) { m /= 10; ++scale; }
  // Cap at the int64 range (the API caps BinarySI at 2^63-1; decimals beyond it are not realistic).
  while (scale > 0 && m < kI64Max && m > -kI64Max && m * 10 <= kI64Max && m * 10 >= -kI64Max) { m *= 10; --scale; }
  if (m > kI64Max) m = kI64Max;
  if (m < -kI64Max) m = -kI64Max;
  out.mantissa = static_cast<int64_t>(m);
  out.scale = scale;
  out.format = sx.format;
  // A binary quantity strictly between 0 and 1 is kept as DecimalSI.
  if (out.format == QuantityFormat::BinarySI && out.scale < 0) {
    const i128 whole = static_cast<i128>(out.mantissa) / pow10_128(-out.scale);
    if (whole == 0) out.format = QuantityFormat::DecimalSI;
  }
  return true;
}

// [SECTION] values ------------------------------------------------------------------------------
static int64_t scaled_ceil(const Quantity& q, int target_scale) {
  i128 m = q.mantissa;
  int s = q.scale;
  if (s >= target_scale) {
    for (int i = target_scale; i < s; ++i) {
      m *= 10;
      if (m > kI64Max || m < -kI64Max) return m > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    }
    return static_cast<int64_t>(m);
  }
  const i128 p = pow10_128(target_scale - s);
  i128 qv = m / p;
  if (m % p != 0 && m > 0) ++qv;  // ceil
  return static_cast<int64_t>(qv);
}

int64_t Quantity::value() const { return scaled_ceil(*this, 0); }
int64_t Quantity::milli_value() const { return scaled_ceil(*this, -3); }

// [SECTION] canonical form --------------------------------------------------------------------------
std::string Quantity::canonical() const {
  if (mantissa == 0) return "0";
  QuantityFormat fmt = format;
  i128 m = mantissa;
  int s = scale;
  if (fmt == QuantityFormat::BinarySI) {
    // Between -1024 and 1024, or not a whole number: print as DecimalSI.
    bool whole = true;
    i128 v = m;
    if (s < 0) {
      const i128 p = pow10_128(-s);
      whole = m % p == 0;
      v = m / p;
    } else {
      for (int i = 0; i < s; ++i) v *= 10;
    }
    if (!whole || (v > -1024 && v < 1024)) {
      fmt = QuantityFormat::DecimalSI;
    } else {
      int times = 0;
      while (times < 6 && v % 1024 == 0) { v /= 1024; ++times; }
      static const char* const kBin[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
      std::string out;
      const bool neg = v < 0;
      if (neg) v = -v;
      std::string digits;
      while (v > 0) { digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10))); v /= 10; }
      return (neg ? "-" : "") + digits + kBin[times];
    }
  }
  // Decimal: remove factors of ten, then lower the exponent to a multiple of three.
  while (m % 10 == 0) { m /= 10; ++s; }
  int r = ((s % 3) + 3) % 3;
  for (int i = 0; i < r; ++i) { m *= 10; --s; }
  const bool neg = m < 0;
  if (neg) m = -m;
  std::string digits;
  while (m > 0) { digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10))); m /= 10; }
  std::string suffix;
  if (fmt == QuantityFormat::DecimalExponent) {
    if (s != 0) suffix = "e" + std::to_string(s);
  } else {
    switch (s) {
      case -9: suffix = "n"; break;
      case -6: suffix = "u"; break;
      case -3: suffix = "m"; break;
      case 0: break;
      case 3: suffix = "k"; break;
      case 6: suffix = "M"; break;
      case 9: suffix = "G"; break;
      case 12: suffix = "T"; break;
      case 15: suffix = "P"; break;
      case 18: suffix = "E"; break;
      default: suffix = "e" + std::to_string(s); break;
    }
  }
  return (neg ? "-" : "") + digits + suffix;
}

// [SECTION] ResourceList helpers -----------------------------------------------------------------------
bool set_cpu(ResourceList& rl, std::string_view text, std::string& err) {
  Quantity q;
  if (!parse_quantity(text, q, err)) return false;
  rl.cpu_milli = q.milli_value();
  rl.cpu_text = q.canonical();
  return true;
}

bool set_memory(ResourceList& rl, std::string_view text, std::string& err) {
  Quantity q;
  if (!parse_quantity(text, q, err)) return false;
  rl.memory_bytes = q.value();
  rl.memory_text = q.canonical();
  return true;
}

std::string cpu_string(const ResourceList& rl) {
  if (!rl.cpu_milli) return "";
  if (!rl.cpu_text.empty()) {
    Quantity q;
    std::string err;
    if (parse_quantity(rl.cpu_text, q, err)) return q.canonical();
  }
  return Quantity::from_milli(*rl.cpu_milli).canonical();
}

std::string memory_string(const ResourceList& rl) {
  if (!rl.memory_bytes) return "";
  if (!rl.memory_text.empty()) {
    Quantity q;
    std::string err;
    if (parse_quantity(rl.memory_text, q, err)) return q.canonical();
  }
  return binary_bytes_string(*rl.memory_bytes);
}

std::string binary_bytes_string(int64_t bytes) {
  return Quantity::from_int(bytes, QuantityFormat::BinarySI).canonical();
}

}  // namespace kubesim::api
