// kubesim — checks core/cli/wasm_libc.cpp (the wasm builds' memcmp and memcpy) against plain byte
// loops: every length 0..600 at every alignment 0..7 of either pointer, the first difference at
// every position, bytes above 127 (memcmp compares them unsigned), and no write outside the
// destination. Built by the wasm preset as build/wasm/libc_check.js; ctest runs it under node.
// Prints the first mismatch and exits 1, or prints "ok" and exits 0.
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <initializer_list>

namespace {
constexpr size_t kMax = 600, kPad = 16;
unsigned char a[kMax + 2 * kPad], b[kMax + 2 * kPad], dst[kMax + 2 * kPad];

__attribute__((no_builtin)) int reference_compare(const unsigned char* l, const unsigned char* r, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (l[i] != r[i]) return static_cast<int>(l[i]) - static_cast<int>(r[i]);
  return 0;
}
int sign(int v) { return (v > 0) - (v < 0); }
// The library calls, through pointers the optimizer cannot see through.
int (*volatile compare_fn)(const void*, const void*, size_t) = std::memcmp;
void* (*volatile copy_fn)(void*, const void*, size_t) = std::memcpy;
}  // namespace

int main() {
  for (size_t i = 0; i < sizeof a; ++i) a[i] = static_cast<unsigned char>(i * 131 + 7);
  long checks = 0;
  for (size_t n = 0; n <= kMax; ++n) {
    for (size_t la = 0; la < 8; ++la) {
      for (size_t lb = 0; lb < 8; ++lb) {
        unsigned char* l = a + kPad + la;
        unsigned char* r = b + kPad + lb;
        std::memmove(r, l, n);  // equal
        if (compare_fn(l, r, n) != 0) { std::printf("memcmp: equal %zu bytes (+%zu, +%zu) differ\n", n, la, lb); return 1; }
        const size_t positions[] = {0, n / 2, n ? n - 1 : 0, 7, 8, 9};
        for (size_t pos : positions) {
          if (pos >= n) continue;
          for (int delta : {1, -1, 128}) {
            const unsigned char saved = r[pos];
            r[pos] = static_cast<unsigned char>(r[pos] + delta);
            ++checks;
            if (sign(compare_fn(l, r, n)) != sign(reference_compare(l, r, n))) {
              std::printf("memcmp: %zu bytes (+%zu, +%zu), difference at %zu: wrong sign\n", n, la, lb, pos);
              return 1;
            }
            r[pos] = saved;
          }
        }
        std::memset(dst, 0xEE, sizeof dst);
        unsigned char* d = dst + kPad + lb;
        copy_fn(d, l, n);
        ++checks;
        if (reference_compare(d, l, n) != 0) { std::printf("memcpy: %zu bytes (+%zu, +%zu) copied wrong\n", n, la, lb); return 1; }
        for (unsigned char* p = dst; p < d; ++p)
          if (*p != 0xEE) { std::printf("memcpy: %zu bytes wrote before the destination\n", n); return 1; }
        for (unsigned char* p = d + n; p < dst + sizeof dst; ++p)
          if (*p != 0xEE) { std::printf("memcpy: %zu bytes wrote past the destination\n", n); return 1; }
      }
    }
  }
  std::printf("ok (%ld checks)\n", checks);
  return 0;
}
