// kubesim — NodeMap: a hash map for the engine's big per-object tables (pods by key in the store
// and in every controller). Each entry lives in its own allocation, so references to it stay
// valid until it is erased (as with std::unordered_map); the index is an open-addressed array of
// 8-byte slots (the entry's address with 16 bits of its hash on top) probed linearly. A lookup
// reads one slot (usually the first probed) and then the entry: two cache misses in a
// 300,000-entry table, where libstdc++'s unordered_map reads the bucket, the node before the
// bucket's first node, and the node.
//
// Erasing leaves a tombstone (other entries never move, so erasing while iterating works as with
// the standard containers); the index is rebuilt when entries plus tombstones pass 3/4 of it.
// Iteration walks the slots, in an order that depends on the hashes (size_t: 32 bits on wasm),
// so callers put entries in an order of their own wherever order shows. Inserting may rebuild
// the index and invalidates iterators (not references).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace kubesim::store {

// Asks for the cache line at `p` ahead of its use (the value is not needed now).
inline void prefetch_line(const void* p) {
#if defined(__wasm__)
  // WebAssembly has no prefetch: a load nothing waits for lets the CPU fetch ahead the same way.
  (void)*static_cast<const volatile char*>(p);
#else
  __builtin_prefetch(p);
#endif
}

// The same where only a real prefetch pays: on WebAssembly nothing (a load there would make the
// caller wait for memory it does not need yet).
inline void prefetch_line_native(const void* p) {
#if defined(__wasm__)
  (void)p;
#else
  __builtin_prefetch(p);
#endif
}

// Runs body(i) for i in [0, n) while the memory of later items is fetched: ahead(j, 0) asks for
// what can be found without reading memory (a hash table's slot for item j), ahead(j, 1) for what
// that leads to (the entry the slot points at), once the first is in cache. Natively with
// prefetches 8 and 4 items ahead. On WebAssembly the stand-in for a prefetch is a load the CPU
// must finish before it retires anything after it; one such load per item makes each item wait
// for memory in turn, so there the loads go in batches of 8 items, which wait for memory together:
// at every 8th item, stage 1 for the next 8 (whose slots the previous batch fetched) and stage 0
// for the 8 after those. Short runs (most drains are a few items) fetch nothing, as natively.
template <class Body, class Ahead>
void for_each_fetching_ahead(size_t n, Body&& body, Ahead&& ahead) {
#if defined(__wasm__)
  constexpr size_t kBatch = 8;
  for (size_t i = 0; i < n; ++i) {
    if (i % kBatch == 0) {
      for (size_t j = i + kBatch; j < i + 2 * kBatch && j < n; ++j) ahead(j, 1);
      for (size_t j = i + 2 * kBatch; j < i + 3 * kBatch && j < n; ++j) ahead(j, 0);
    }
    body(i);
  }
#else
  constexpr size_t kSlotAhead = 8, kEntryAhead = 4;
  for (size_t i = 0; i < n; ++i) {
    if (i + kSlotAhead < n) ahead(i + kSlotAhead, 0);
    if (i + kEntryAhead < n) ahead(i + kEntryAhead, 1);
    body(i);
  }
#endif
}

template <class K, class V, class Hash, class Eq>
class NodeMap {
 public:
  using key_type = K;
  using mapped_type = V;
  using value_type = std::pair<const K, V>;

 private:
  // 0: empty; 1: erased (a tombstone); else (tag << 48) | address. Entries are 8-byte aligned and
  // user-space addresses fit in 48 bits on every target (x86-64, arm64, wasm32).
  struct Slot {
    uint64_t v = 0;
    value_type* entry() const { return reinterpret_cast<value_type*>(static_cast<uintptr_t>(v & kAddressMask)); }
    uint64_t tag() const { return v >> 48; }
  };
  static constexpr uint64_t kAddressMask = (uint64_t{1} << 48) - 1;
  static constexpr uint64_t kTomb = 1;
  static bool live(const Slot& s) { return s.v > kTomb; }
  static uint64_t spread(size_t h) { return static_cast<uint64_t>(h) * 0x9E3779B97F4A7C15ULL; }  // Fibonacci hashing
  static uint64_t tag_of(uint64_t m) { return (m >> 16) & 0xFFFF; }
  static Slot make_slot(uint64_t m, value_type* e) {
    const uint64_t a = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(e));
    if ((a & ~kAddressMask) != 0 || a <= kTomb) std::abort();  // cannot happen on the targets above
    return Slot{(tag_of(m) << 48) | a};
  }
  size_t home(uint64_t m) const { return static_cast<size_t>(m >> shift_); }

  template <bool Const>
  class Iter {
    using SlotPtr = std::conditional_t<Const, const Slot*, Slot*>;

   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = NodeMap::value_type;
    using difference_type = std::ptrdiff_t;
    using reference = std::conditional_t<Const, const value_type&, value_type&>;
    using pointer = std::conditional_t<Const, const value_type*, value_type*>;
    Iter() = default;
    Iter(SlotPtr p, SlotPtr end) : p_(p), end_(end) { skip(); }
    template <bool C = Const, class = std::enable_if_t<C>>
    Iter(const Iter<false>& o) : p_(o.p_), end_(o.end_) {}  // NOLINT: iterator -> const_iterator
    reference operator*() const { return *p_->entry(); }
    pointer operator->() const { return p_->entry(); }
    Iter& operator++() { ++p_; skip(); return *this; }
    Iter operator++(int) { Iter t = *this; ++*this; return t; }
    bool operator==(const Iter& o) const { return p_ == o.p_; }
    bool operator!=(const Iter& o) const { return p_ != o.p_; }

   private:
    friend class NodeMap;
    template <bool> friend class Iter;
    void skip() { while (p_ != end_ && !live(*p_)) ++p_; }
    SlotPtr p_ = nullptr;
    SlotPtr end_ = nullptr;
  };

 public:
  using iterator = Iter<false>;
  using const_iterator = Iter<true>;

  NodeMap() = default;
  NodeMap(const NodeMap& o) : slots_(o.slots_.size()), size_(o.size_), tombs_(o.tombs_), shift_(o.shift_) {
    // Same slot layout (and so the same iteration order); tombstones are dropped only by rebuilds.
    for (size_t i = 0; i < o.slots_.size(); ++i) {
      const Slot& s = o.slots_[i];
      if (live(s)) slots_[i].v = (s.tag() << 48) | static_cast<uint64_t>(reinterpret_cast<uintptr_t>(new value_type(*s.entry())));
      else slots_[i].v = s.v;
    }
  }
  NodeMap& operator=(const NodeMap& o) {
    if (this != &o) {
      NodeMap copy(o);
      swap(copy);
    }
    return *this;
  }
  NodeMap(NodeMap&& o) noexcept : slots_(std::move(o.slots_)), size_(o.size_), tombs_(o.tombs_), shift_(o.shift_) {
    o.slots_.clear();
    o.size_ = o.tombs_ = 0;
  }
  NodeMap& operator=(NodeMap&& o) noexcept {
    if (this != &o) {
      destroy();
      slots_ = std::move(o.slots_);
      size_ = o.size_;
      tombs_ = o.tombs_;
      shift_ = o.shift_;
      o.slots_.clear();
      o.size_ = o.tombs_ = 0;
    }
    return *this;
  }
  ~NodeMap() { destroy(); }
  void swap(NodeMap& o) noexcept {
    slots_.swap(o.slots_);
    std::swap(size_, o.size_);
    std::swap(tombs_, o.tombs_);
    std::swap(shift_, o.shift_);
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  iterator begin() { return iterator(slots_.data(), slots_.data() + slots_.size()); }
  iterator end() { return iterator(slots_.data() + slots_.size(), slots_.data() + slots_.size()); }
  const_iterator begin() const { return const_iterator(slots_.data(), slots_.data() + slots_.size()); }
  const_iterator end() const { return const_iterator(slots_.data() + slots_.size(), slots_.data() + slots_.size()); }
  void clear() {
    destroy();
    slots_.clear();
    size_ = tombs_ = 0;
  }
  void reserve(size_t n) {
    if ((n + tombs_) * 4 >= slots_.size() * 3) rebuild(capacity_for(n));
  }

  template <class Q>
  iterator find(const Q& q) {
    const size_t i = index_of(q);
    return i == npos ? end() : iterator(slots_.data() + i, slots_.data() + slots_.size());
  }
  template <class Q>
  const_iterator find(const Q& q) const {
    const size_t i = index_of(q);
    return i == npos ? end() : const_iterator(slots_.data() + i, slots_.data() + slots_.size());
  }
  template <class Q>
  size_t count(const Q& q) const { return index_of(q) == npos ? 0 : 1; }

  // Lookups ahead of use (a batch of them hides most of the cache misses of the later finds):
  // prefetch_slot fetches the key's home slot; prefetch_entry, once that slot is in cache, the
  // entry it points at (if its tag matches). Neither changes anything.
  template <class Q>
  void prefetch_slot(const Q& q) const { prefetch_slot_hashed(Hash{}(q)); }
  template <class Q>
  void prefetch_entry(const Q& q) const { prefetch_entry_hashed(Hash{}(q)); }
  // The same with the key's hash (what Hash{} gives for it) already known.
  void prefetch_slot_hashed(size_t h) const {
    if (slots_.empty()) return;
    prefetch_line(&slots_[home(spread(h))]);
  }
  void prefetch_entry_hashed(size_t h) const {
    if (slots_.empty()) return;
    const uint64_t m = spread(h);
    const Slot& s = slots_[home(m)];
    if (live(s) && s.tag() == tag_of(m)) prefetch_line(s.entry());
  }
  // find with the key's hash already known (`h` must be Hash{}(q)).
  template <class Q>
  iterator find_hashed(const Q& q, size_t h) {
    const size_t i = size_ == 0 ? npos : probe(q, spread(h));
    return i == npos ? end() : iterator(slots_.data() + i, slots_.data() + slots_.size());
  }
  template <class Q>
  const_iterator find_hashed(const Q& q, size_t h) const {
    const size_t i = size_ == 0 ? npos : probe(q, spread(h));
    return i == npos ? end() : const_iterator(slots_.data() + i, slots_.data() + slots_.size());
  }

  // Inserts (key, V(args...)) unless the key is there; the key is built only when inserting.
  template <class Q, class... Args>
  std::pair<iterator, bool> try_emplace(const Q& q, Args&&... args) {
    const uint64_t m = spread(Hash{}(q));
    if (const size_t i = probe(q, m); i != npos)
      return {iterator(slots_.data() + i, slots_.data() + slots_.size()), false};
    if ((size_ + tombs_ + 1) * 4 > slots_.size() * 3) rebuild(capacity_for(size_ + 1));
    const size_t mask = slots_.size() - 1;
    size_t i = home(m);
    while (live(slots_[i])) i = (i + 1) & mask;  // first free slot on the path (the key is absent)
    if (slots_[i].v == kTomb) --tombs_;
    auto* e = new value_type(std::piecewise_construct, std::forward_as_tuple(make_key(q)),
                             std::forward_as_tuple(std::forward<Args>(args)...));
    slots_[i] = make_slot(m, e);
    ++size_;
    return {iterator(slots_.data() + i, slots_.data() + slots_.size()), true};
  }
  template <class Q>
  V& operator[](const Q& q) { return try_emplace(q).first->second; }

  iterator erase(iterator it) {
    Slot* s = it.p_;
    delete s->entry();
    s->v = kTomb;
    --size_;
    ++tombs_;
    return iterator(s + 1, slots_.data() + slots_.size());
  }
  iterator erase(const_iterator it) { return erase(iterator(const_cast<Slot*>(it.p_), slots_.data() + slots_.size())); }
  template <class Q>
  size_t erase(const Q& q) {
    auto it = find(q);
    if (it == end()) return 0;
    erase(it);
    return 1;
  }

 private:
  static constexpr size_t npos = static_cast<size_t>(-1);
  template <class Q>
  static K make_key(const Q& q) {
    if constexpr (std::is_constructible_v<K, const Q&>) return K(q);
    else return K(q.ns, q.name);  // a (namespace, name) view
  }
  static size_t capacity_for(size_t n) {
    size_t cap = 16;
    while (cap * 3 < n * 4 + 4 || cap < n * 2) cap *= 2;  // room to grow before the next rebuild
    return cap;
  }
  template <class Q>
  size_t index_of(const Q& q) const {
    if (size_ == 0) return npos;
    return probe(q, spread(Hash{}(q)));
  }
  template <class Q>
  size_t probe(const Q& q, uint64_t m) const {
    if (slots_.empty()) return npos;
    const size_t mask = slots_.size() - 1;
    const uint64_t tag = tag_of(m);
    for (size_t i = home(m);; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.v == 0) return npos;
      if (s.tag() == tag && s.v != kTomb && Eq{}(q, s.entry()->first)) return i;
    }
  }
  void rebuild(size_t cap) {
    std::vector<Slot> old(cap);
    old.swap(slots_);
    shift_ = 64;
    for (size_t c = cap; c > 1; c >>= 1) --shift_;
    const size_t mask = cap - 1;
    for (const Slot& s : old) {
      if (!live(s)) continue;
      size_t i = home(spread(Hash{}(s.entry()->first)));
      while (slots_[i].v != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
    tombs_ = 0;
  }
  void destroy() {
    for (Slot& s : slots_)
      if (live(s)) delete s.entry();
  }

  std::vector<Slot> slots_;  // a power of two in size, or empty
  size_t size_ = 0, tombs_ = 0;
  int shift_ = 64;           // home slot = top log2(size) bits of the spread hash
};

}  // namespace kubesim::store
