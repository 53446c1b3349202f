// kubesim — small-object allocator for the WebAssembly CLI (the native CLI links mimalloc).
//
// The engine allocates and frees millions of small objects (strings, hash entries, event
// records); in a profile of the 150,000-pod benchmark Emscripten's dlmalloc took about a tenth of
// the time. With this pool the wasm run is a few percent faster and ~30 MB smaller.
// Here operator new/delete serve sizes up to 256 bytes from per-size-class free lists carved out
// of 64 KiB chunks. A chunk holds one size class; a table over the 32-bit address space (one
// byte per 64 KiB) gives the class of the chunk an address is in, or says it is in none, so
// delete needs no block header. Larger and over-aligned blocks go to malloc. Chunks are never
// returned (the heap stays at its peak). Single threaded, like the CLI. Addresses never
// influence the simulation (nothing is ordered by address), so runs stay byte-identical.
#ifdef __EMSCRIPTEN__
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr size_t kChunkBits = 16;                    // 64 KiB chunks
constexpr size_t kChunk = size_t{1} << kChunkBits;
constexpr size_t kGranule = 16;                      // size classes 16, 32, … 256 bytes
constexpr size_t kMaxSmall = 256;
constexpr size_t kClasses = kMaxSmall / kGranule;
constexpr uint8_t kNoChunk = 0xFF;

struct FreeBlock { FreeBlock* next; };

struct Pools {
  FreeBlock* free_list[kClasses] = {};
  uint8_t* bump[kClasses] = {};      // the class's current chunk: next unused byte
  uint8_t* bump_end[kClasses] = {};
  uint8_t chunk_class[size_t{1} << (32 - kChunkBits)];  // per 64 KiB of address space
  Pools() { for (auto& c : chunk_class) c = kNoChunk; }
};

Pools& pools() {
  static Pools* p = new (std::malloc(sizeof(Pools))) Pools();  // never destroyed: deletes may come late
  return *p;
}

uint32_t chunk_index(const void* p) { return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p) >> kChunkBits); }

void* small_alloc(size_t cls) {
  Pools& ps = pools();
  if (FreeBlock* b = ps.free_list[cls]) {
    ps.free_list[cls] = b->next;
    return b;
  }
  const size_t size = (cls + 1) * kGranule;
  if (ps.bump[cls] == nullptr || ps.bump[cls] + size > ps.bump_end[cls]) {
    void* chunk = std::aligned_alloc(kChunk, kChunk);
    if (!chunk) return nullptr;
    ps.chunk_class[chunk_index(chunk)] = static_cast<uint8_t>(cls);
    ps.bump[cls] = static_cast<uint8_t*>(chunk);
    ps.bump_end[cls] = ps.bump[cls] + kChunk;
  }
  void* p = ps.bump[cls];
  ps.bump[cls] += size;
  return p;
}

void* allocate(size_t n) {
  if (n == 0) n = 1;
  return n <= kMaxSmall ? small_alloc((n - 1) / kGranule) : std::malloc(n);
}

void release(void* p) {
  if (!p) return;
  Pools& ps = pools();
  const uint8_t cls = ps.chunk_class[chunk_index(p)];
  if (cls == kNoChunk) {
    std::free(p);
    return;
  }
  auto* b = static_cast<FreeBlock*>(p);
  b->next = ps.free_list[cls];
  ps.free_list[cls] = b;
}

void* allocate_or_throw(size_t n) {
  void* p = allocate(n);
  if (!p) throw std::bad_alloc();
  return p;
}

void* allocate_aligned(size_t n, std::align_val_t a) {
  const size_t align = static_cast<size_t>(a);
  if (align <= kGranule) return allocate(n);
  const size_t rounded = (n + align - 1) / align * align;
  return std::aligned_alloc(align, rounded == 0 ? align : rounded);
}

}  // namespace

void* operator new(size_t n) { return allocate_or_throw(n); }
void* operator new[](size_t n) { return allocate_or_throw(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new(size_t n, std::align_val_t a) {
  void* p = allocate_aligned(n, a);
  if (!p) throw std::bad_alloc();
  return p;
}
void* operator new[](size_t n, std::align_val_t a) { return operator new(n, a); }
void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, size_t) noexcept { release(p); }
void operator delete[](void* p, size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { release(p); }
#endif
