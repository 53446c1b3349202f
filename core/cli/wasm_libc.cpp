// kubesim — memcmp and memcpy for the WebAssembly builds.
//
// The engine compares and copies millions of short strings (object names of 20-40 bytes: map
// keys, change records, timers). Emscripten's libc (3.1.x) compares them a byte at a time (its
// musl memcmp takes words only when both pointers are 4-byte aligned) and copies them in 4-byte
// steps after an alignment prologue; in a profile of the 150,000-pod benchmark the two took about
// a tenth of the wasm run. These versions work 8 bytes at a time with unaligned loads (cheap on
// every engine we run on) and finish with one overlapping word instead of a byte loop. Copies of
// 512 bytes and more still go to Emscripten's own memcpy (which hands big ones to the JS engine).
// Both are marked no_builtin so the compiler cannot turn their loops back into calls to
// themselves. The CLI and the web app link this file.
#ifdef __EMSCRIPTEN__
#include <cstddef>
#include <cstdint>

namespace {
typedef uint64_t u64_unaligned __attribute__((aligned(1), may_alias));
typedef uint32_t u32_unaligned __attribute__((aligned(1), may_alias));
inline uint64_t load64(const unsigned char* p) { return *reinterpret_cast<const u64_unaligned*>(p); }
inline uint32_t load32(const unsigned char* p) { return *reinterpret_cast<const u32_unaligned*>(p); }
inline void store64(unsigned char* p, uint64_t v) { *reinterpret_cast<u64_unaligned*>(p) = v; }
inline void store32(unsigned char* p, uint32_t v) { *reinterpret_cast<u32_unaligned*>(p) = v; }
// The difference of the first differing bytes of two little-endian words that differ.
inline int first_difference(const unsigned char* l, const unsigned char* r, uint64_t x, uint64_t y) {
  const int k = __builtin_ctzll(x ^ y) >> 3;
  return static_cast<int>(l[k]) - static_cast<int>(r[k]);
}
}  // namespace

extern "C" {
void* emscripten_builtin_memcpy(void* dest, const void* src, size_t n);

__attribute__((no_builtin)) int memcmp(const void* a, const void* b, size_t n) {
  const auto* l = static_cast<const unsigned char*>(a);
  const auto* r = static_cast<const unsigned char*>(b);
  for (; n >= 8; n -= 8, l += 8, r += 8) {
    const uint64_t x = load64(l), y = load64(r);
    if (x != y) return first_difference(l, r, x, y);
  }
  if (n >= 4) {
    const uint32_t x = load32(l), y = load32(r);
    if (x != y) return first_difference(l, r, x, y);
    n -= 4, l += 4, r += 4;
  }
  for (; n; --n, ++l, ++r)
    if (*l != *r) return static_cast<int>(*l) - static_cast<int>(*r);
  return 0;
}

__attribute__((no_builtin)) void* memcpy(void* __restrict dest, const void* __restrict src, size_t n) {
  auto* d = static_cast<unsigned char*>(dest);
  const auto* s = static_cast<const unsigned char*>(src);
  if (n >= 512) return emscripten_builtin_memcpy(dest, src, n);
  if (n >= 8) {
    // The last 8 bytes first (read before anything is written, which memcpy's non-overlapping
    // arguments allow anyway), then whole words from the front; they may overlap the last.
    const uint64_t last = load64(s + n - 8);
    for (; n > 8; n -= 8, d += 8, s += 8) store64(d, load64(s));
    store64(d + n - 8, last);
    return dest;
  }
  if (n >= 4) {
    const uint32_t first = load32(s), last = load32(s + n - 4);
    store32(d, first);
    store32(d + n - 4, last);
    return dest;
  }
  for (size_t i = 0; i < n; ++i) d[i] = s[i];
  return dest;
}
}
#endif
