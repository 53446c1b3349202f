// kubesim — the one seeded random number generator of a simulation.
// Deterministic on every platform: only 64-bit integer arithmetic, no <random> distributions
// (their algorithms differ between libstdc++ and libc++), no wall clock.
#pragma once
#include <cstdint>
#include <string>

namespace kubesim::sim {

class Rng {
 public:
  explicit Rng(uint64_t seed = 1) { reseed(seed); }
  void reseed(uint64_t seed) {
    uint64_t x = seed;
    for (auto& w : s_) w = splitmix(x);
  }
  // xoshiro256**
  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0]; s_[3] ^= s_[1]; s_[1] ^= s_[2]; s_[0] ^= s_[3];
    s_[2] ^= t; s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform integer in [0, n) without modulo bias (n > 0).
  uint64_t uniform(uint64_t n) {
    if (n <= 1) return 0;
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t r;
    do { r = next(); } while (r >= limit);
    return r % n;
  }
  // Uniform integer in [lo, hi] (inclusive).
  int64_t range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(uniform(static_cast<uint64_t>(hi - lo) + 1)); }
  // Multiplicative jitter: base * (1 ± fraction), fraction in per-mille (e.g. 200 = ±20 %).
  int64_t jitter(int64_t base, int64_t permille) {
    if (base <= 0 || permille <= 0) return base;
    const int64_t spread = base * permille / 1000;
    return base + range(-spread, spread);
  }
  // Kubernetes' name suffix alphabet (apimachinery util/rand): no vowels, no 0/1/3.
  std::string name_suffix(int n = 5) {
    static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string s(static_cast<size_t>(n > 0 ? n : 0), ' ');
    for (auto& c : s) c = kAlphabet[uniform(27)];
    return s;
  }
  std::string hex(int n) {
    std::string s(static_cast<size_t>(n > 0 ? n : 0), '0');
    for (auto& c : s) c = kHex[uniform(16)];
    return s;
  }
  // RFC 4122 version-4 shaped UUID: 36 characters written to `out` (no terminating NUL).
  void uuid_into(char* out) {
    char h[32];
    for (char& c : h) c = kHex[uniform(16)];
    h[12] = '4';
    h[16] = "89ab"[uniform(4)];
    size_t o = 0;
    for (size_t i = 0; i < 32; ++i) {
      if (i == 8 || i == 12 || i == 16 || i == 20) out[o++] = '-';
      out[o++] = h[i];
    }
  }
  std::string uuid() {
    std::string s(36, '-');
    uuid_into(s.data());
    return s;
  }
  bool operator==(const Rng&) const = default;

 private:
  static constexpr char kHex[] = "0123456789abcdef";
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t s_[4]{};
};

}  // namespace kubesim::sim
