// kubesim — the API server stand-in. Every writer (kubectl and every controller) goes through
// these calls: they assign uid / resourceVersion / generation / timestamps, keep the indexes
// (pods by controller owner, pods by node), and append to the change log that the cluster loop
// dispatches to controller work queues (our "watch").
//
// Lists are ordered by (namespace, name), which is the order a real API server returns (etcd key
// order), so printers never sort.
#pragma once
#include <compare>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "api/types.h"
#include "store/chunked_queue.h"
#include "store/nodemap.h"
#include "sim/rng.h"

namespace kubesim::store {

enum class Kind : uint8_t { Pod, ReplicaSet, Deployment, Service, Endpoints, Node, Namespace, Event };

struct Key {
  std::string namespace_;
  std::string name;
  // Explicit comparisons: Emscripten's libc++ 14 has no operator<=> for std::string.
  bool operator<(const Key& o) const { int c = namespace_.compare(o.namespace_); return c != 0 ? c < 0 : name < o.name; }
  bool operator==(const Key& o) const { return namespace_ == o.namespace_ && name == o.name; }
  bool operator!=(const Key& o) const { return !(*this == o); }
  std::string str() const { return namespace_.empty() ? name : namespace_ + "/" + name; }
};

// Hash of a Key for lookup-only hash maps (never iterated: their order differs between standard
// libraries, and native and wasm builds must behave the same). Platform independent.
namespace detail {
// 8 bytes at a time, then a multiply-xorshift finish: a few cycles per word instead of one
// multiply per byte. Little-endian loads on every target we build for (x86-64, wasm32).
inline uint64_t hash_bytes(uint64_t h, std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  // The last 0-7 bytes, little-endian, zero-padded: assembled in a register (copying them into
  // a stack word and loading that back stalled on store forwarding: ~40% of this function).
  uint64_t tail = 0;
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);  // bytes n-4 .. n-1: drop the ones lo already has
    tail = lo | (static_cast<uint64_t>(hi) >> (8 * (8 - n)) << 32);
  } else {
    for (size_t i = 0; i < n; ++i) tail |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  h = (h ^ tail ^ (static_cast<uint64_t>(s.size()) << 56)) * 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 32);
}
}  // namespace detail

inline uint64_t hash_key_parts(std::string_view ns, std::string_view name) {
  return detail::hash_bytes(detail::hash_bytes(0x84222325CBF29CE4ULL, ns), name);
}
// A hash table keyed by an interned text's address (api::IStr::str()), such as a node name: an
// open-addressed NodeMap (entries stay put) instead of std::unordered_map, whose prime modulo (a
// division) and bucket chain showed in every per-pod lookup of a node's record. Looked up only:
// addresses differ from run to run, so nothing may depend on its iteration order.
struct TextAddressHash {
  size_t operator()(const std::string* p) const { return static_cast<size_t>(reinterpret_cast<uintptr_t>(p) >> 3); }
};
template <class V> using TextAddressMap = NodeMap<const std::string*, V, TextAddressHash, std::equal_to<const std::string*>>;

struct KeyHash {
  size_t operator()(const Key& k) const { return static_cast<size_t>(hash_key_parts(k.namespace_, k.name)); }
};

// A Key as hash-table nodes store it: namespace and name side by side inside the node when they
// fit (every generated pod name does), so a lookup that reaches the node compares bytes it has
// already fetched instead of following two string pointers (a cache miss each in a 150,000-pod
// table). Longer keys keep their bytes in one heap block.
class PackedKey {
 public:
  static constexpr size_t kInline = 48;
  PackedKey(std::string_view ns, std::string_view name)
      : ns_len_(static_cast<uint32_t>(ns.size())), name_len_(static_cast<uint32_t>(name.size())) {
    char* d = inline_;
    if (ns.size() + name.size() > kInline) {
      heap_.reset(new char[ns.size() + name.size()]);
      d = heap_.get();
    }
    if (!ns.empty()) std::memcpy(d, ns.data(), ns.size());
    if (!name.empty()) std::memcpy(d + ns.size(), name.data(), name.size());
  }
  explicit PackedKey(const Key& k) : PackedKey(k.namespace_, k.name) {}
  PackedKey(const PackedKey& o) : PackedKey(o.ns(), o.name()) {}
  PackedKey& operator=(const PackedKey& o) { if (this != &o) *this = PackedKey(o.ns(), o.name()); return *this; }
  PackedKey(PackedKey&& o) noexcept : ns_len_(o.ns_len_), name_len_(o.name_len_), heap_(std::move(o.heap_)) {
    std::memcpy(inline_, o.inline_, kInline);
  }
  PackedKey& operator=(PackedKey&& o) noexcept {
    ns_len_ = o.ns_len_;
    name_len_ = o.name_len_;
    heap_ = std::move(o.heap_);
    std::memcpy(inline_, o.inline_, kInline);
    return *this;
  }
  std::string_view ns() const { return {data(), ns_len_}; }
  std::string_view name() const { return {data() + ns_len_, name_len_}; }
  Key key() const { return Key{std::string(ns()), std::string(name())}; }
  // Same order as Key's (namespace, then name; bytes compared as unsigned char).
  bool operator<(const PackedKey& o) const { int c = ns().compare(o.ns()); return c != 0 ? c < 0 : name() < o.name(); }
  bool is(std::string_view ns_, std::string_view name_) const {
    return ns_.size() == ns_len_ && name_.size() == name_len_ && ns() == ns_ && name() == name_;
  }

 private:
  const char* data() const { return heap_ ? heap_.get() : inline_; }
  uint32_t ns_len_, name_len_;
  char inline_[kInline];
  std::unique_ptr<char[]> heap_;
};

// Hash and equality of PackedKeys that also take a Key or a (namespace, name) view, so hash
// containers of PackedKeys are looked up without building one (heterogeneous lookup).
struct KeyView { std::string_view ns, name; };
struct PackedKeyHash {
  using is_transparent = void;
  size_t operator()(const PackedKey& k) const { return static_cast<size_t>(hash_key_parts(k.ns(), k.name())); }
  size_t operator()(const Key& k) const { return static_cast<size_t>(hash_key_parts(k.namespace_, k.name)); }
  size_t operator()(const KeyView& k) const { return static_cast<size_t>(hash_key_parts(k.ns, k.name)); }
};
struct PackedKeyEq {
  using is_transparent = void;
  bool operator()(const PackedKey& a, const PackedKey& b) const { return a.is(b.ns(), b.name()); }
  bool operator()(const Key& a, const PackedKey& b) const { return b.is(a.namespace_, a.name); }
  bool operator()(const PackedKey& a, const Key& b) const { return a.is(b.namespace_, b.name); }
  bool operator()(const KeyView& a, const PackedKey& b) const { return b.is(a.ns, a.name); }
  bool operator()(const PackedKey& a, const KeyView& b) const { return a.is(b.ns, b.name); }
};

// A hash map from Key to V whose entries hold PackedKeys; looked up with a plain Key. Never iterated
// where the order matters (slot order follows the hashes, which are 32 bits on wasm).
template <class V>
class KeyMap {
  using Map = NodeMap<PackedKey, V, PackedKeyHash, PackedKeyEq>;

 public:
  using iterator = typename Map::iterator;
  using const_iterator = typename Map::const_iterator;
  iterator begin() { return m_.begin(); }
  iterator end() { return m_.end(); }
  const_iterator begin() const { return m_.begin(); }
  const_iterator end() const { return m_.end(); }
  size_t size() const { return m_.size(); }
  bool empty() const { return m_.empty(); }
  void clear() { m_.clear(); }
  void reserve(size_t n) { m_.reserve(n); }
  iterator find(const Key& k) { return m_.find(k); }
  const_iterator find(const Key& k) const { return m_.find(k); }
  const_iterator find(std::string_view ns, std::string_view name) const { return m_.find(KeyView{ns, name}); }
  iterator find(std::string_view ns, std::string_view name) { return m_.find(KeyView{ns, name}); }
  size_t count(const Key& k) const { return m_.find(k) == m_.end() ? 0 : 1; }
  bool contains(const Key& k) const { return m_.find(k) != m_.end(); }
  std::pair<iterator, bool> emplace(const Key& k, V v) { return m_.try_emplace(k, std::move(v)); }
  V& operator[](const Key& k) { return m_.try_emplace(k).first->second; }
  void prefetch_slot(const Key& k) const { m_.prefetch_slot(k); }  // see NodeMap
  void prefetch_entry(const Key& k) const { m_.prefetch_entry(k); }
  // With the key's hash known (hash_key_parts of it, as a Change carries in key_hash).
  void prefetch_slot_hashed(uint64_t key_hash) const { m_.prefetch_slot_hashed(static_cast<size_t>(key_hash)); }
  void prefetch_entry_hashed(uint64_t key_hash) const { m_.prefetch_entry_hashed(static_cast<size_t>(key_hash)); }
  iterator find(const Key& k, uint64_t key_hash) { return m_.find_hashed(k, static_cast<size_t>(key_hash)); }
  const_iterator find(const Key& k, uint64_t key_hash) const { return m_.find_hashed(k, static_cast<size_t>(key_hash)); }
  iterator erase(iterator it) { return m_.erase(it); }
  iterator erase(const_iterator it) { return m_.erase(it); }
  size_t erase(const Key& k) { return m_.erase(k); }

 private:
  Map m_;
};

// Iterates an array of pointers, yielding the objects: the lazily built orders below.
template <class T>
class DerefIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using pointer = const T*;
  using reference = const T&;
  explicit DerefIterator(const T* const* p) : p_(p) {}
  const T& operator*() const { return **p_; }
  const T* operator->() const { return *p_; }
  DerefIterator& operator++() { ++p_; return *this; }
  bool operator==(const DerefIterator& o) const { return p_ == o.p_; }
  bool operator!=(const DerefIterator& o) const { return p_ != o.p_; }

 private:
  const T* const* p_;
};

// The pods of one owner (or on one node): a set of pointers to the keys the pod table stores
// (those stay put until the pod is removed, and the store takes a pod out of its index sets
// before it removes it), open-addressed by the key's hash, so an insert or erase allocates
// nothing in a 150,000-pod ReplicaSet. Each slot holds 16 bits of the key's hash beside the
// pointer (as NodeMap's do): a probe passes other keys on their tags without reading them (the
// keys of one ReplicaSet's pods share their length and all but the last 5 characters). Iterating
// gives key order, sorted when somebody reads after a change. A copy points into the original's
// table: the store rebuilds its copies.
class OwnedKeys {
 public:
  OwnedKeys() = default;
  OwnedKeys(const OwnedKeys& o) : slots_(o.slots_), size_(o.size_), tombs_(o.tombs_), ordered_(false) {}
  OwnedKeys& operator=(const OwnedKeys& o) {
    if (this != &o) { slots_ = o.slots_; size_ = o.size_; tombs_ = o.tombs_; order_.clear(); ordered_ = false; }
    return *this;
  }
  OwnedKeys(OwnedKeys&&) noexcept = default;
  OwnedKeys& operator=(OwnedKeys&&) noexcept = default;

  using iterator = DerefIterator<Key>;
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  bool contains(const Key& k) const { return find(k, hash_of(k)) != npos; }
  iterator begin() const { ensure_order(); return iterator(order_.data()); }
  iterator end() const { ensure_order(); return iterator(order_.data() + order_.size()); }
  // Every key, in no particular order: for readers that only count or look up.
  template <class F> void for_each_unordered(F&& f) const { for (uint64_t s : slots_) if (live(s)) f(*key_of(s)); }
  // `k` must be a key that outlives its membership (the pod table's own).
  void insert(const Key& k) {
    // Room first (so the probe below always ends at an empty slot), then one probe that either
    // finds the key or ends where it goes: the first tombstone passed, else the empty slot.
    if ((size_ + tombs_ + 1) * 4 > slots_.size() * 3) rehash(std::max<size_t>(8, size_ * 4 < slots_.size() ? slots_.size() : slots_.size() * 2));
    const uint64_t h = hash_of(k);
    const uint64_t tag = tag_of(h);
    const size_t mask = slots_.size() - 1;
    size_t i = home(h), free_at = npos;
    for (;; i = (i + 1) & mask) {
      const uint64_t s = slots_[i];
      if (s == kEmpty) break;
      if (s == kTomb) {
        if (free_at == npos) free_at = i;
      } else if (same(s, tag, k)) {
        return;
      }
    }
    if (free_at == npos) free_at = i;
    else --tombs_;
    slots_[free_at] = tag | static_cast<uint64_t>(reinterpret_cast<uintptr_t>(&k));
    ++size_;
    order_.clear();
    ordered_ = false;
  }
  void erase(const Key& k) {
    const size_t i = find(k, hash_of(k));
    if (i == npos) return;
    slots_[i] = kTomb;
    --size_;
    ++tombs_;
    order_.clear();
    ordered_ = false;
  }

 private:
  // A slot: kEmpty, kTomb (erased), or the key's address (below 2^48 on every target, and never
  // 0 or 1) with 16 bits of its hash on top.
  static constexpr uint64_t kEmpty = 0, kTomb = 1, kAddressMask = (uint64_t{1} << 48) - 1;
  static constexpr size_t npos = static_cast<size_t>(-1);
  static bool live(uint64_t s) { return s > kTomb; }
  static const Key* key_of(uint64_t s) { return reinterpret_cast<const Key*>(static_cast<uintptr_t>(s & kAddressMask)); }
  static uint64_t hash_of(const Key& k) { return hash_key_parts(k.namespace_, k.name) * 0x9E3779B97F4A7C15ULL; }
  static uint64_t tag_of(uint64_t h) { return (h & 0xFFFF) << 48; }  // bits the home (below) does not use
  size_t home(uint64_t h) const { return static_cast<size_t>(h >> 32) & (slots_.size() - 1); }
  static bool same(uint64_t s, uint64_t tag, const Key& k) {
    if ((s & ~kAddressMask) != tag) return false;
    const Key* e = key_of(s);
    return e == &k || *e == k;
  }
  size_t find(const Key& k, uint64_t h) const {
    if (size_ == 0) return npos;
    const uint64_t tag = tag_of(h);
    const size_t mask = slots_.size() - 1;
    for (size_t i = home(h);; i = (i + 1) & mask) {
      const uint64_t s = slots_[i];
      if (s == kEmpty) return npos;
      if (s != kTomb && same(s, tag, k)) return i;
    }
  }
  void rehash(size_t cap) {
    std::vector<uint64_t> old(cap, kEmpty);
    old.swap(slots_);
    const size_t mask = cap - 1;
    for (uint64_t s : old) {
      if (!live(s)) continue;
      size_t i = home(hash_of(*key_of(s)));
      while (slots_[i] != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;  // the tag stays: it does not depend on the capacity
    }
    tombs_ = 0;
  }
  void ensure_order() const {
    if (ordered_) return;
    order_.clear();
    order_.reserve(size_);
    for (uint64_t s : slots_) if (live(s)) order_.push_back(key_of(s));
    std::sort(order_.begin(), order_.end(), [](const Key* a, const Key* b) { return *a < *b; });
    ordered_ = true;
  }
  std::vector<uint64_t> slots_;  // a power of two in size
  size_t size_ = 0, tombs_ = 0;
  mutable std::vector<const Key*> order_;
  mutable bool ordered_ = true;
};

// A set of keys a loop must look at again: cheap inserts (hash set of PackedKeys), taken out in
// key order so runs stay deterministic (and identical between standard libraries). Loops dirty
// and take the same keys over and over, so set nodes and the taken keys' strings are recycled.
class DirtyKeys {
  using Set = std::unordered_set<PackedKey, PackedKeyHash, PackedKeyEq>;

 public:
  DirtyKeys() = default;
  DirtyKeys(const DirtyKeys& o) : set_(o.set_) {}
  DirtyKeys& operator=(const DirtyKeys& o) { if (this != &o) set_ = o.set_; return *this; }
  DirtyKeys(DirtyKeys&&) noexcept = default;
  DirtyKeys& operator=(DirtyKeys&&) noexcept = default;

  void insert(const Key& k) {
    if (set_.find(k) != set_.end()) return;
    if (spare_.empty()) { set_.insert(PackedKey(k)); return; }
    auto node = std::move(spare_.back());
    spare_.pop_back();
    node.value() = PackedKey(k);
    set_.insert(std::move(node));
  }
  void erase(const Key& k) {
    auto it = set_.find(k);
    if (it != set_.end()) recycle(set_.extract(it));
  }
  bool empty() const { return set_.empty(); }
  size_t size() const { return set_.size(); }
  bool contains(const Key& k) const { return set_.find(k) != set_.end(); }
  struct Taken {
    const Key* b;
    const Key* e;
    const Key* begin() const { return b; }
    const Key* end() const { return e; }
    size_t size() const { return static_cast<size_t>(e - b); }
    bool empty() const { return b == e; }
  };
  // The keys, in key order; the set is empty afterwards. Valid until the next take.
  Taken take_sorted() {
    order_.clear();
    for (auto& k : set_) order_.push_back(&k);
    std::sort(order_.begin(), order_.end(), [](const PackedKey* a, const PackedKey* b) { return *a < *b; });
    return take_in_order();
  }
  // Only for callers that impose a total order of their own afterwards.
  Taken take_unordered() {
    order_.clear();
    for (auto& k : set_) order_.push_back(&k);
    return take_in_order();
  }

 private:
  static constexpr size_t kMaxSpare = 16384;
  void recycle(Set::node_type&& node) { if (spare_.size() < kMaxSpare) spare_.push_back(std::move(node)); }
  Taken take_in_order() {
    if (taken_.size() < order_.size()) taken_.resize(order_.size());  // never shrunk: strings keep their capacity
    for (size_t i = 0; i < order_.size(); ++i) {
      taken_[i].namespace_.assign(order_[i]->ns());
      taken_[i].name.assign(order_[i]->name());
    }
    while (!set_.empty()) recycle(set_.extract(set_.begin()));
    return Taken{taken_.data(), taken_.data() + order_.size()};
  }
  Set set_;
  std::vector<Set::node_type> spare_;
  std::vector<const PackedKey*> order_;
  std::vector<Key> taken_;
};

enum class ChangeType : uint8_t { Added, Modified, Deleted };
// A callable passed down and called before the call returns, without owning it (std::function
// would copy a lambda with more than two words of captures to the heap: one allocation per
// write). Never keep one.
template <class Sig> class FunctionRef;
template <class R, class... A>
class FunctionRef<R(A...)> {
 public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f) noexcept  // NOLINT: implicit on purpose, as std::function
      : obj_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* o, A... a) -> R { return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<A>(a)...); }) {}
  R operator()(A... a) const { return call_(obj_, std::forward<A>(a)...); }

 private:
  void* obj_;
  R (*call_)(void*, A...);
};

// Who made a change, for loops that need not look at their own writes again. Bookkeeping: a write of kubesim's own per-object timestamps (api::Pod's
// timeline) and nothing else; it bumps the resourceVersion like any write but no controller
// needs to see it.
enum class Writer : uint8_t { Other, Kubelet, Scheduler, Bookkeeping };

// The kind of a controller ownerReference, as the controllers tell them apart.
enum class OwnerKind : uint8_t { None, ReplicaSet, Deployment, Other };

struct Change {
  Kind kind;
  ChangeType type;
  Writer writer = Writer::Other;
  bool pod_finished = false;  // Pod changes: the pod's phase is Succeeded or Failed
  // Pod changes the kubelets wrote: true when nothing a controller counts changed (phase, the Ready
  // condition and its transition time, container readiness and restarts; node, deletion, labels,
  // annotations and owners are never the kubelets' to write, and are compared as well).
  bool counts_unchanged = false;
  Key key;
  uint64_t key_hash = 0;  // hash_key_parts(key): loops look the key up in their hash tables
  // The object's uid. Pod changes carry it only when Deleted: a reader of an added or modified pod
  // reads the stored pod (a 36-byte copy per pod write saved; there are millions in a rollout).
  std::string uid;
  // For objects with a controller ownerReference: the owner's kind and name (same namespace). The
  // name points into `owner_refs`, the object's ownerReferences as written (shared, copy-on-write:
  // holding them costs a reference count, and the name stays valid after the object is gone).
  OwnerKind owner_kind = OwnerKind::None;
  std::string_view owner_name;
  api::SharedVector<api::OwnerReference> owner_refs;
};

// A table of one kind of object, listed in (namespace, name) order. Pointers stay valid until
// the object is removed. The objects live in a hash map whose nodes hold their keys packed
// (one cache miss per lookup); the list order is a sorted vector of pointers built when somebody
// reads after a change: a 150,000-pod rollout inserts and removes 300,000 pods and lists none,
// and a tree kept them ordered at ~17 key comparisons per insert and erase. Between reads the
// table notes what was inserted and removed and patches the order at the next read; after many
// changes it sorts afresh. As with the standard hash containers, a write invalidates iterators
// (collect keys first, then write).
template <class T>
class Table {
 public:
  using value_type = std::pair<const Key, T>;
  using const_iterator = DerefIterator<value_type>;
  Table() = default;
  Table(const Table& o) : items_(o.items_) {}  // a copy (snapshot) orders itself when read
  Table& operator=(const Table& o) {
    if (this != &o) {
      auto copy = o.items_;  // copy, then swap: libc++ assigns into reused nodes, and the keys are const
      items_.swap(copy);
      drop_order();
    }
    return *this;
  }
  Table(Table&&) noexcept = default;  // hash nodes move with the map: the order stays valid
  Table& operator=(Table&&) noexcept = default;
  const T* get(std::string_view ns, std::string_view name) const {
    auto it = items_.find(KeyView{ns, name});
    return it == items_.end() ? nullptr : &it->second.second;
  }
  const T* get(const Key& k) const { return get(k.namespace_, k.name); }
  // With the key's hash known (a Change carries it: key_hash).
  const T* get(const Key& k, uint64_t key_hash) const {
    auto it = items_.find_hashed(k, static_cast<size_t>(key_hash));
    return it == items_.end() ? nullptr : &it->second.second;
  }
  // See NodeMap::prefetch_slot / prefetch_entry: for a batch of lookups to come.
  void prefetch_slot(const Key& k) const { items_.prefetch_slot(k); }
  void prefetch_entry(const Key& k) const { items_.prefetch_entry(k); }
  void prefetch_slot_hashed(uint64_t key_hash) const { items_.prefetch_slot_hashed(static_cast<size_t>(key_hash)); }
  void prefetch_entry_hashed(uint64_t key_hash) const { items_.prefetch_entry_hashed(static_cast<size_t>(key_hash)); }
  size_t size() const { return items_.size(); }
  const_iterator begin() const { ensure_order(); return const_iterator(order_.data()); }
  const_iterator end() const { ensure_order(); return const_iterator(order_.data() + order_.size()); }
  // All objects of one namespace, in name order.
  auto in_namespace(std::string_view ns) const {
    struct Range { const_iterator b, e; const_iterator begin() const { return b; } const_iterator end() const { return e; } };
    ensure_order();
    auto lo = std::lower_bound(order_.begin(), order_.end(), ns,
                               [](const value_type* v, std::string_view n) { return std::string_view(v->first.namespace_) < n; });
    auto hi = std::upper_bound(lo, order_.end(), ns,
                               [](std::string_view n, const value_type* v) { return n < std::string_view(v->first.namespace_); });
    return Range{const_iterator(order_.data() + (lo - order_.begin())), const_iterator(order_.data() + (hi - order_.begin()))};
  }

 private:
  friend class Store;
  T* find_mut(const Key& k) { auto it = items_.find(k); return it == items_.end() ? nullptr : &it->second.second; }
  // The stored (key, object) pair: its key stays put until the object is removed.
  value_type* find_entry(const Key& k) { auto it = items_.find(k); return it == items_.end() ? nullptr : &it->second; }
  value_type* find_entry(const Key& k, uint64_t key_hash) {
    auto it = items_.find_hashed(k, static_cast<size_t>(key_hash));
    return it == items_.end() ? nullptr : &it->second;
  }
  bool contains(const Key& k) const { return items_.find(k) != items_.end(); }
  value_type& insert(const Key& k, T&& obj) {
    auto it = items_.try_emplace(k, std::piecewise_construct, std::forward_as_tuple(k),
                                 std::forward_as_tuple(std::move(obj))).first;
    if (ordered_) {
      added_.insert(&it->second);
      if (too_many_pending()) drop_order();
    }
    return it->second;
  }
  void erase(const Key& k) { erase_found(items_.find(k)); }
  void erase(const Key& k, uint64_t key_hash) { erase_found(items_.find_hashed(k, static_cast<size_t>(key_hash))); }
  template <class It> void erase_found(It it) {
    if (it == items_.end()) return;
    if (ordered_) {
      // Inserted since the last read: just forget it. Otherwise it is in order_ and leaves it at
      // the next read (its address may be reused by a later insert, which goes to added_).
      if (added_.erase(&it->second) == 0) erased_.insert(&it->second);
      if (too_many_pending()) drop_order();
    }
    items_.erase(it);
  }
  // Past this many changes a fresh sort is cheaper than patching the order (and a loop that
  // writes without reading, like a 150,000-pod rollout, stops paying for bookkeeping).
  bool too_many_pending() const { return added_.size() + erased_.size() > order_.size() / 2 + 1024; }
  void drop_order() const {
    ordered_ = false;
    order_.clear();
    added_.clear();
    erased_.clear();
  }
  static bool key_less(const value_type* a, const value_type* b) { return a->first < b->first; }
  void ensure_order() const {
    if (ordered_ && added_.empty() && erased_.empty()) return;
    if (ordered_) {
      // Patch: drop the removed (by address, without reading them), then merge the inserted in
      // (sorted among themselves, placed by binary search): a few key comparisons per change
      // instead of a sort of everything. The web canvas lists pods while a rollout runs.
      if (!erased_.empty()) {
        std::erase_if(order_, [&](const value_type* v) { return erased_.count(v) != 0; });
        erased_.clear();
      }
      if (!added_.empty()) {
        std::vector<const value_type*> add(added_.begin(), added_.end());
        added_.clear();
        std::sort(add.begin(), add.end(), key_less);
        std::vector<const value_type*> merged;
        merged.reserve(order_.size() + add.size());
        auto from = order_.begin();
        for (const value_type* a : add) {
          auto to = std::upper_bound(from, order_.end(), a, key_less);
          merged.insert(merged.end(), from, to);
          merged.push_back(a);
          from = to;
        }
        merged.insert(merged.end(), from, order_.end());
        order_.swap(merged);
      }
      return;
    }
    order_.clear();
    order_.reserve(items_.size());
    for (auto& [pk, v] : items_) order_.push_back(&v);
    std::sort(order_.begin(), order_.end(), key_less);
    ordered_ = true;  // added_ and erased_ are empty whenever ordered_ is false
  }
  NodeMap<PackedKey, value_type, PackedKeyHash, PackedKeyEq> items_;
  mutable std::vector<const value_type*> order_;  // every object in key order, when ordered_ (but erased_)
  mutable std::unordered_set<const value_type*> added_;   // inserted since order_ was built
  mutable std::unordered_set<const value_type*> erased_;  // in order_, removed since
  mutable bool ordered_ = false;
};

// A uid kept in place (uids are 36 characters): comparing and reading it touch no second heap
// block. Longer texts (a node's events name the node as its uid) go to the heap.
class UidText {
 public:
  std::string_view view() const { return big_ ? std::string_view(*big_) : std::string_view(small_, n_); }
  bool operator==(std::string_view s) const { return view() == s; }
  void assign(std::string_view s) {
    if (s.size() <= sizeof small_) {
      big_.reset();
      std::copy(s.begin(), s.end(), small_);
      n_ = static_cast<uint8_t>(s.size());
    } else {
      big_ = std::make_shared<const std::string>(s);
      n_ = 0;
    }
  }

 private:
  std::shared_ptr<const std::string> big_;
  char small_[36] = {};
  uint8_t n_ = 0;
};

// An event as the Events table keeps it: what differs between events, with the short strings
// (reason, type, source, field path, the involved object's kind, namespace and apiVersion)
// interned (api::IStr). The involved object's name is not kept: the event's name is that name and
// a "." suffix. A 150,000-pod cluster keeps ~200,000 events; api::Event objects (~1.2 KB each) are
// made only for events somebody reads.
struct StoredEvent {
  api::IStr subject_kind, subject_namespace, subject_api_version;
  UidText subject_uid;
  std::string subject_rv;  // involvedObject.resourceVersion
  std::string message;        // the message: this, or shared_message when this is empty
  api::IStr shared_message;
  const std::string& text() const { return message.empty() ? shared_message.str() : message; }
  char uid[36] = {};
  uint64_t resource_version = 0;
  int64_t creation_ms = 0, first_ms = 0, last_ms = 0;
  int32_t count = 1;
  api::IStr field_path, reason, type, component, host;
  api::IStr action;  // events.k8s.io/v1 events (see api::Event::action): component and host report it
};

// The Events table: many writes, few reads. Events live in creation order (a chunked queue: appending
// and expiring the oldest touch no index); the (namespace, name) order that lists need and the
// by-name index are built when somebody reads after a change. Slots are numbered by a sequence
// that keeps counting across expiry, so the store can find an event again without a lookup.
class EventTable {
 public:
  using value_type = std::pair<const Key, api::Event>;
  EventTable() = default;
  EventTable(const EventTable& o)
      : slots_(o.slots_), first_seq_(o.first_seq_), live_(o.live_), ordered_(false), slot_ordered_(false), indexed_(false) {}
  EventTable& operator=(const EventTable& o) {
    if (this != &o) {
      ChunkedQueue<Slot> copy(o.slots_);  // slots hold a const key: copy, then swap
      slots_.swap(copy);
      first_seq_ = o.first_seq_;
      live_ = o.live_;
      invalidate();
    }
    return *this;
  }
  EventTable(EventTable&&) noexcept = default;  // slots do not move: views stay valid
  EventTable& operator=(EventTable&&) noexcept = default;

  const api::Event* get(const Key& k) const {
    ensure_index();
    auto it = index_.find(k);
    return it == index_.end() ? nullptr : &view(slots_[it->second - first_seq_]).second;
  }
  const api::Event* get(std::string_view ns, std::string_view name) const { return get(Key{std::string(ns), std::string(name)}); }
  size_t size() const { return live_; }
  // Every event, oldest first (no sorting): for readers that impose their own order.
  template <class F> void for_each_by_age(F&& f) const {
    for (auto& sl : slots_) if (!sl.dead) f(view(sl).second);
  }
  // The same without building api::Events: (sequence number, lastTimestamp, firstTimestamp,
  // resourceVersion) of every event, oldest first; event_at(seq) then gives the ones wanted.
  template <class F> void for_each_brief(F&& f) const {
    for (size_t i = 0; i < slots_.size(); ++i) {
      const Slot& sl = slots_[i];
      if (!sl.dead) f(first_seq_ + i, sl.ev.last_ms, sl.ev.first_ms, sl.ev.resource_version);
    }
  }
  // A copy of the event in slot `seq` (made without keeping an api::Event in the table).
  bool copy_at(uint64_t seq, api::Event& out) const {
    if (seq < first_seq_ || seq - first_seq_ >= slots_.size()) return false;
    const Slot& sl = slots_[seq - first_seq_];
    if (sl.dead) return false;
    out = sl.view ? sl.view->second : make(sl);
    return true;
  }
  const api::Event* event_at(uint64_t seq) const {
    if (seq < first_seq_ || seq - first_seq_ >= slots_.size()) return nullptr;
    const Slot& sl = slots_[seq - first_seq_];
    return sl.dead ? nullptr : &view(sl).second;
  }

  // In list order, every event's involved object (name and uid) and sequence number, without
  // building api::Events (event_at(seq) gives the ones wanted): describe looks for one object's events.
  struct SubjectView { std::string_view name, uid; };
  template <class F> void for_each_subject(F&& f) const {
    ensure_slot_order();
    for (const Slot* sl : slot_order_) f(SubjectView{subject_name(sl->key), sl->ev.subject_uid.view()}, sl->seq);
  }

  using iterator = DerefIterator<value_type>;
  iterator begin() const { ensure_order(); return iterator(order_.data()); }
  iterator end() const { ensure_order(); return iterator(order_.data() + order_.size()); }
  auto in_namespace(const std::string& ns) const {
    ensure_order();
    struct Range { iterator b, e; iterator begin() const { return b; } iterator end() const { return e; } };
    auto lo = std::lower_bound(order_.begin(), order_.end(), ns, [](const value_type* v, const std::string& n) { return v->first.namespace_ < n; });
    auto hi = std::upper_bound(lo, order_.end(), ns, [](const std::string& n, const value_type* v) { return n < v->first.namespace_; });
    return Range{iterator(order_.data() + (lo - order_.begin())), iterator(order_.data() + (hi - order_.begin()))};
  }

 private:
  friend class Store;
  struct Slot {
    PackedKey key;  // the event's namespace and name, in place (no heap block per event)
    StoredEvent ev;
    uint64_t seq = 0;
    bool dead = false;
    mutable std::unique_ptr<value_type> view;  // the api::Event, made on first read
    Slot(std::string_view ns, std::string_view name, StoredEvent&& e, uint64_t n) : key(ns, name), ev(std::move(e)), seq(n) {}
    Slot(const Slot& o) : key(o.key), ev(o.ev), seq(o.seq), dead(o.dead) {}
    Slot& operator=(const Slot& o) { key = o.key; ev = o.ev; seq = o.seq; dead = o.dead; view.reset(); return *this; }
    Slot(Slot&&) noexcept = default;
    Slot& operator=(Slot&&) noexcept = default;
  };
  const value_type& view(const Slot& sl) const {
    if (!sl.view) sl.view = std::make_unique<value_type>(sl.key.key(), make(sl));
    return *sl.view;
  }
  // The involved object's name: the event's name without its "." suffix (see Store::record_event).
  static std::string_view subject_name(const PackedKey& k) {
    const std::string_view name = k.name();
    const size_t dot = name.rfind('.');
    return name.substr(0, dot == std::string_view::npos ? name.size() : dot);
  }
  static api::Event make(const Slot& sl) {
    const StoredEvent& s = sl.ev;
    api::Event e;
    e.metadata.name = sl.key.name();
    e.metadata.namespace_ = sl.key.ns();
    e.metadata.uid.assign(s.uid, sizeof s.uid);
    e.metadata.creation_ms = s.creation_ms;
    e.metadata.resource_version = s.resource_version;
    e.involved_object.kind = s.subject_kind;
    e.involved_object.namespace_ = s.subject_namespace;
    e.involved_object.name = subject_name(sl.key);
    e.involved_object.uid = s.subject_uid.view();
    e.involved_object.api_version = s.subject_api_version;
    e.involved_object.field_path = s.field_path;
    e.involved_object.resource_version = s.subject_rv;
    e.reason = s.reason;
    e.message = s.text();
    e.source_component = s.component;
    e.source_host = s.host;
    e.first_ms = s.first_ms;
    e.last_ms = s.last_ms;
    e.count = s.count;
    e.type = s.type;
    e.reporting_component = e.source_component;
    e.reporting_instance = e.source_host;
    if (!s.action.empty()) {  // events.k8s.io/v1: reportingController/Instance, no source
      e.action = s.action;
      e.source_component.clear();
      e.source_host.clear();
    }
    return e;
  }
  void invalidate() {
    order_.clear();
    ordered_ = false;
    slot_order_.clear();
    slot_ordered_ = false;
    if (indexed_) index_.clear();  // clearing zeroes the whole bucket array, even when empty
    indexed_ = false;
  }
  void ensure_slot_order() const {
    if (slot_ordered_) return;
    slot_order_.clear();
    slot_order_.reserve(live_);
    for (auto& sl : slots_) if (!sl.dead) slot_order_.push_back(&sl);
    std::sort(slot_order_.begin(), slot_order_.end(), [](const Slot* a, const Slot* b) { return a->key < b->key; });
    slot_ordered_ = true;
  }
  void ensure_order() const {
    if (ordered_) return;
    ensure_slot_order();
    order_.clear();
    order_.reserve(slot_order_.size());
    for (const Slot* sl : slot_order_) order_.push_back(&view(*sl));
    ordered_ = true;
  }
  void ensure_index() const {
    if (indexed_) return;
    index_.clear();
    index_.reserve(live_);
    for (size_t i = 0; i < slots_.size(); ++i)
      if (!slots_[i].dead) index_[slots_[i].key.key()] = first_seq_ + i;
    indexed_ = true;
  }
  // The live event in slot `seq`, or nullptr (expired or removed).
  const StoredEvent* at(uint64_t seq) const {
    if (seq < first_seq_ || seq - first_seq_ >= slots_.size()) return nullptr;
    const Slot& sl = slots_[seq - first_seq_];
    return sl.dead ? nullptr : &sl.ev;
  }
  // A repeated occurrence: count, lastTimestamp, message, resourceVersion (and the read copy).
  void update(uint64_t seq, int32_t count, int64_t last_ms, std::string_view message, uint64_t rv) {
    Slot& sl = slots_[seq - first_seq_];
    sl.ev.count = count;
    sl.ev.last_ms = last_ms;
    if (sl.ev.text() != message) {
      sl.ev.message = message;
      sl.ev.shared_message = api::IStr();
    }
    sl.ev.resource_version = rv;
    if (sl.view) {
      api::Event& e = sl.view->second;
      e.count = count;
      e.last_ms = last_ms;
      e.message = message;
      e.metadata.resource_version = rv;
    }
  }
  uint64_t push(std::string_view ns, std::string_view name, StoredEvent&& e) {
    const uint64_t seq = first_seq_ + slots_.size();
    slots_.emplace_back(ns, name, std::move(e), seq);
    ++live_;
    invalidate();  // orders rebuilt (and api::Events made) when somebody lists events
    return seq;
  }
  bool empty_slots() const { return slots_.empty(); }
  int64_t oldest_last_ms() const { return slots_.front().ev.last_ms; }
  bool oldest_dead() const { return !slots_.empty() && slots_.front().dead; }
  void pop_oldest() {
    // Expiry frees the oldest event's strings, last touched long ago: ask for the ones a few
    // events on now, so their frees find them in cache.
    if (slots_.size() > kPopAhead) {
      const Slot& next = slots_[kPopAhead];
      prefetch_line_native(next.ev.message.data());
    }
    if (!slots_.front().dead) --live_;
    slots_.pop_front();
    ++first_seq_;
    invalidate();
  }
  bool remove(const Key& k) {
    ensure_index();
    auto it = index_.find(k);
    if (it == index_.end()) return false;
    Slot& sl = slots_[it->second - first_seq_];
    sl.dead = true;
    sl.view.reset();
    --live_;
    invalidate();
    return true;
  }
  static constexpr size_t kPopAhead = 8;
  ChunkedQueue<Slot> slots_;  // slots never move: views and indexes point into it
  uint64_t first_seq_ = 0;
  size_t live_ = 0;
  mutable std::vector<const value_type*> order_;
  mutable bool ordered_ = true;
  mutable std::vector<const Slot*> slot_order_;
  mutable bool slot_ordered_ = true;
  mutable std::unordered_map<Key, uint64_t, KeyHash> index_;
  mutable bool indexed_ = true;
};

struct Status {  // result of a write
  bool ok = true;
  std::string reason;   // "AlreadyExists", "NotFound", "Invalid", "Conflict"
  std::string message;  // full error text as the API server words it
  static Status Ok() { return {}; }
  static Status Err(std::string reason, std::string message) { return {false, std::move(reason), std::move(message)}; }
};

// Told of each write as it lands (kubectl get --watch prints a row per write): the object is in
// its table, in its new state (a deleted one for the length of the call). Kubesim's own
// bookkeeping writes (timestamps only) are not told.
class WriteObserver {
 public:
  virtual void on_write(Kind kind, ChangeType type, const Key& key) = 0;
  // Events come with the event (looking one up by key would index all of them each time).
  virtual void on_event(ChangeType type, const api::Event& e) = 0;

 protected:
  ~WriteObserver() = default;
};

class Store {
 public:
  explicit Store(uint64_t seed = 1, int64_t start_ms = 0) : rng_(seed), now_ms_(start_ms) {}

  // [SECTION] watching (not part of the world: a copy of the store has no observer, and restoring
  // a snapshot keeps the one set)
  void set_write_observer(WriteObserver* o) { observer_.p = o; }

  // [SECTION] clock and randomness (owned here so a copy of the store is a copy of the world)
  int64_t now() const { return now_ms_; }
  void set_now(int64_t ms) { now_ms_ = ms; }
  sim::Rng& rng() { return rng_; }

  // [SECTION] tables (read-only; write through the calls below)
  const Table<api::Pod>& pods() const { return pods_; }
  const Table<api::ReplicaSet>& replicasets() const { return replicasets_; }
  const Table<api::Deployment>& deployments() const { return deployments_; }
  const Table<api::Service>& services() const { return services_; }
  const Table<api::Endpoints>& endpoints() const { return endpoints_; }
  const Table<api::Node>& nodes() const { return nodes_; }
  const Table<api::Namespace>& namespaces() const { return namespaces_; }
  const EventTable& events() const { return events_; }

  // [SECTION] indexes
  // Pods whose controller ownerReference points at `owner_uid`.
  const OwnedKeys& pods_owned_by(const std::string& owner_uid) const;
  // Pods bound to a node (spec.nodeName).
  const OwnedKeys& pods_on_node(const std::string& node) const;
  // ReplicaSets whose controller ownerReference points at `owner_uid`.
  const std::set<Key>& replicasets_owned_by(const std::string& owner_uid) const;

  // [SECTION] writes
  // create: fills uid, creationTimestamp, resourceVersion, generation (=1 for workloads), and a
  // name from metadata.generate_name + 5 random characters when name is empty. Fails with
  // AlreadyExists. `out_key` receives the key of the created object.
  Status create(api::Pod obj, Key* out_key = nullptr);
  Status create(api::ReplicaSet obj, Key* out_key = nullptr);
  Status create(api::Deployment obj, Key* out_key = nullptr);
  Status create(api::Service obj, Key* out_key = nullptr);
  Status create(api::Endpoints obj, Key* out_key = nullptr);
  Status create(api::Node obj, Key* out_key = nullptr);
  Status create(api::Namespace obj, Key* out_key = nullptr);

  // update: runs `fn` on the stored object, then bumps resourceVersion (and generation when the
  // spec of a Deployment/ReplicaSet changed) and logs a Modified change. NotFound if absent.
  Status update_pod(const Key& k, FunctionRef<void(api::Pod&)> fn);
  // The same with the key's hash known (hash_key_parts of it): no hashing on the way.
  Status update_pod(const Key& k, uint64_t key_hash, FunctionRef<void(api::Pod&)> fn);
  Status update_replicaset(const Key& k, FunctionRef<void(api::ReplicaSet&)> fn);
  Status update_deployment(const Key& k, FunctionRef<void(api::Deployment&)> fn);
  // The /status subresource (and metadata): `fn` leaves the spec alone, so the generation stays
  // and the object is not copied to compare specs. The controllers' status writes use these.
  Status update_replicaset_status(const Key& k, FunctionRef<void(api::ReplicaSet&)> fn);
  Status update_deployment_status(const Key& k, FunctionRef<void(api::Deployment&)> fn);
  Status update_service(const Key& k, FunctionRef<void(api::Service&)> fn);
  Status update_endpoints(const Key& k, FunctionRef<void(api::Endpoints&)> fn);
  Status update_node(const Key& k, FunctionRef<void(api::Node&)> fn);

  // remove: deletes the object now (graceful pod deletion is the kubelet's business: it sets
  // deletionTimestamp with update_pod and calls remove when the grace period is over).
  Status remove(Kind kind, const Key& k);
  // A pod, with its key's hash known (hash_key_parts of it).
  Status remove_pod(const Key& k, uint64_t key_hash);

  // Events: identical events (same object, reason, message, source) are aggregated into one
  // with count+1 and a new lastTimestamp, as client-go's EventCorrelator does. Events expire
  // after 1 h (apiserver --event-ttl) and at most kMaxEvents are kept (oldest dropped first).
  static constexpr size_t kMaxEvents = 200000;
  // type, reason, component and host come interned (a literal or an IStr field costs no lookup).
  void record_event(const api::ObjectReference& obj, api::IStr type, api::IStr reason, std::string message,
                    api::IStr component, api::IStr host = {});
  // The same with the involved object as views (nothing is copied unless a new event keeps it).
  struct EventSubject {
    api::IStr kind, namespace_;
    std::string_view name, uid;
    api::IStr api_version, field_path;
    std::string_view resource_version;
    api::EventBookRef* book = nullptr;  // the stored pod's (PodSubject): its bookkeeping, once found
  };
  void record_event(const EventSubject& obj, api::IStr type, api::IStr reason, std::string message,
                    api::IStr component, api::IStr host = {});
  // The same for a message from a small set (a container's "Started container nginx" …): the
  // events keep the interned text, no copy of their own.
  void record_event_interned(const EventSubject& obj, api::IStr type, api::IStr reason, api::IStr message,
                             api::IStr component, api::IStr host = {});
  // An event after which its source never reports on the object again (the scheduler's Scheduled:
  // a bound pod is not scheduled twice). It is correlated like any other, but when the source has
  // recorded nothing on the object before, nothing is kept for events that will never come: no
  // records of it stay behind (on 150,000 pods, 3 records of 32 bytes each).
  // `action` set: the event goes through events.k8s.io/v1 (see api::Event::action), `component`
  // and `host` being its reportingController and reportingInstance.
  void record_last_event(const EventSubject& obj, api::IStr type, api::IStr reason, std::string message,
                         api::IStr component, api::IStr host = {}, api::IStr action = {});
  // A pod as its events name it (Pod, v1, its resourceVersion as text): views into the pod, so
  // use it within one full expression. `p` must be this store's own pod (from pods()): its event
  // bookkeeping is remembered in it (api::EventBookRef), and only the stored pod is removed
  // together with that bookkeeping.
  class PodSubject {
   public:
    explicit PodSubject(const api::Pod& p, api::IStr field_path = {});
    PodSubject(const PodSubject&) = delete;
    PodSubject& operator=(const PodSubject&) = delete;
    const EventSubject& get() const { return s_; }

   private:
    char rv_[24];
    EventSubject s_;
  };

  // Recently deleted pods (timeline.deleted_ms set), newest last, for the canvas to fade out.
  static constexpr size_t kMaxTombstones = 4096;
  static constexpr size_t kTombstoneAhead = 8;
  const std::deque<api::Pod>& pod_tombstones() const { return pod_tombstones_; }

  // [SECTION] change log (the "watch"): the cluster loop drains it into controller queues.
  // Hands every change logged so far to `f`, oldest first; writes made inside `f` are logged for
  // the next call. The two buffers are reused, so their strings keep their capacity (a 150,000-pod
  // rollout logs millions of changes). `ahead(change, stage)` sees changes still to come: stage 0
  // a few changes before f sees it, stage 1 fewer (see NodeMap::prefetch_slot / prefetch_entry),
  // so what the loops will look up (pods scattered over a gigabyte) can be fetched meanwhile.
  template <class F, class A> void drain_changes(F&& f, A&& ahead) {
    draining_.swap(changes_);
    const size_t n = n_changes_;
    n_changes_ = 0;
    for_each_fetching_ahead(
        n, [&](size_t i) { f(static_cast<const Change&>(draining_[i])); },
        [&](size_t j, int stage) { ahead(static_cast<const Change&>(draining_[j]), stage); });
  }
  // For drain_changes' `ahead`: the pod a change is about.
  void prefetch_pod(const Change& c, int stage) const {
    if (c.kind != Kind::Pod || c.type == ChangeType::Deleted || c.counts_unchanged) return;
    if (stage == 0) pods_.prefetch_slot_hashed(c.key_hash);
    else pods_.prefetch_entry_hashed(c.key_hash);
  }
  std::vector<Change> take_changes() {  // a copy, for tests
    std::vector<Change> c(changes_.begin(), changes_.begin() + static_cast<std::ptrdiff_t>(n_changes_));
    n_changes_ = 0;
    return c;
  }
  bool has_changes() const { return n_changes_ != 0; }
  // Changes logged while a WriterScope lives carry its writer.
  class WriterScope {
   public:
    WriterScope(Store& s, Writer w) : s_(s), prev_(s.writer_) { s.writer_ = w; }
    ~WriterScope() { s_.writer_ = prev_; }
    WriterScope(const WriterScope&) = delete;
    WriterScope& operator=(const WriterScope&) = delete;

   private:
    Store& s_;
    Writer prev_;
  };
  uint64_t resource_version() const { return resource_version_; }

 private:
  template <class T> Status create_in(Table<T>& t, Kind kind, T obj, Key* out_key);
  template <class T> Status remove_from(Table<T>& table, Kind kind, const Key& k, const uint64_t* key_hash);
  template <class T>
  Status update_in(Table<T>& t, Kind kind, const Key& k, FunctionRef<void(T&)> fn, const uint64_t* key_hash = nullptr,
                   bool spec_untouched = false);
  template <class Map>
  static void index_entry(Map& idx, const std::string& value, const Key& k, bool add);
  // `k`: the pod table's own key of `p`.
  void index_pod(const api::Pod& p, const Key& k, bool add);
  void index_node(api::IStr node, const Key& k, bool add);
  void index_rs(const api::ReplicaSet& rs, bool add);
  // `key_hash`: hash_key_parts of the object's key when the caller has it.
  void log_change(Kind kind, ChangeType type, const api::ObjectMeta& m, const uint64_t* key_hash = nullptr);
  void expire_events();

  sim::Rng rng_;
  int64_t now_ms_ = 0;
  uint64_t resource_version_ = 1000;

  Table<api::Pod> pods_;
  Table<api::ReplicaSet> replicasets_;
  Table<api::Deployment> deployments_;
  Table<api::Service> services_;
  Table<api::Endpoints> endpoints_;
  Table<api::Node> nodes_;
  Table<api::Namespace> namespaces_;
  EventTable events_;

  // The pod indexes hold the pod table's keys by address: a copied store rebuilds them (from its
  // own table) the first time they are used, which it notices by their recorded table.
  void ensure_pod_indexes() const;
  mutable std::map<std::string, OwnedKeys> pods_by_owner_;
  mutable TextAddressMap<OwnedKeys> pods_by_node_;  // by the node name's IStr text; looked up only
  // The table the pod indexes point into; never copied or moved (a copy, and the object a copy
  // is assigned to, start unsure and rebuild).
  struct IndexedTable {
    const void* table = nullptr;
    IndexedTable() = default;
    IndexedTable(const IndexedTable&) {}
    IndexedTable& operator=(const IndexedTable&) { table = nullptr; return *this; }
  };
  mutable IndexedTable pod_indexes_of_;
  std::map<std::string, std::set<Key>> rs_by_owner_;
  // Event correlation (see record_event in store.cpp): per involved object (uid and name) one
  // small flat list of records — spam budgets per source, aggregation groups (each holding its
  // first message) and further messages seen in them, and the identities of the events recorded
  // about it (with their slot).
  struct EventRecord {
    uint64_t key = 0;
    uint64_t sub = 0;
    int64_t a = 0;
    int32_t b = 0;
    uint8_t kind = 0;
  };
  // An object's records, the first kInline in place, which the lookup of its source then reaches
  // without another miss. A pod's whole life from the kubelet needs 11 (its token bucket, then a
  // group and an identity for each of Pulling, Pulled, Created, Started and Killing); the
  // scheduler's Scheduled leaves none (record_last_event). Eleven make an entry of 376 bytes, which
  // the allocators round to 384; a rollout of 150,000 pods keeps about 235,000 of them at its peak.
  class EventRecords {
   public:
    static constexpr uint32_t kInline = 11;
    EventRecords() = default;
    EventRecords(const EventRecords& o) { copy_from(o); }
    EventRecords(EventRecords&& o) noexcept { take(o); }
    EventRecords& operator=(const EventRecords& o) {
      if (this != &o) {
        delete[] heap_;
        copy_from(o);
      }
      return *this;
    }
    EventRecords& operator=(EventRecords&& o) noexcept {
      if (this != &o) {
        delete[] heap_;
        take(o);
      }
      return *this;
    }
    ~EventRecords() { delete[] heap_; }
    size_t size() const { return n_; }
    EventRecord* data() { return heap_ ? heap_ : local_; }
    const EventRecord* data() const { return heap_ ? heap_ : local_; }
    EventRecord& operator[](size_t i) { return data()[i]; }
    const EventRecord& operator[](size_t i) const { return data()[i]; }
    void push_back(const EventRecord& r) {
      if (n_ == capacity()) grow();
      data()[n_++] = r;
    }
    template <class P> void erase_if(P pred) {  // keeps the order of the rest
      EventRecord* d = data();
      uint32_t w = 0;
      for (uint32_t i = 0; i < n_; ++i)
        if (!pred(d[i])) d[w++] = d[i];
      n_ = w;
    }

   private:
    uint32_t capacity() const { return heap_ ? heap_cap_ : kInline; }
    void grow() {
      const uint32_t cap = capacity() * 2;
      EventRecord* h = new EventRecord[cap];
      std::copy(data(), data() + n_, h);
      delete[] heap_;
      heap_ = h;
      heap_cap_ = cap;
    }
    void copy_from(const EventRecords& o) {
      n_ = o.n_;
      heap_cap_ = o.heap_cap_;
      heap_ = o.heap_ ? new EventRecord[o.heap_cap_] : nullptr;
      std::copy(o.data(), o.data() + o.n_, data());
    }
    void take(EventRecords& o) {
      n_ = o.n_;
      heap_cap_ = o.heap_cap_;
      heap_ = o.heap_;
      if (!heap_) std::copy(o.local_, o.local_ + n_, local_);
      o.heap_ = nullptr;
      o.n_ = 0;
      o.heap_cap_ = 0;
    }
    EventRecord* heap_ = nullptr;
    uint32_t n_ = 0, heap_cap_ = 0;
    EventRecord local_[kInline];
  };
  struct EventSource {
    EventRecords recs;
  };
  void forget_event_source_records(const std::string& uid, const std::string& name);
  // record_event's body: the message is `owned` (moved into a new event) or `shared`.
  void record_event_text(const EventSubject& obj, api::IStr type, api::IStr reason, std::string* owned, api::IStr shared,
                         api::IStr component, api::IStr host, bool last = false, api::IStr action = {});
  // A new event as the correlator lets one through, with its firstTimestamp and count (last seen
  // now); returns its sequence number in events_.
  uint64_t add_event(const EventSubject& ref, api::IStr type, api::IStr reason, std::string* owned, api::IStr shared,
                     api::IStr component, api::IStr host, int64_t first_ms, int32_t count, api::IStr action = {});
  struct HashIsKey { size_t operator()(uint64_t h) const { return static_cast<size_t>(h ^ (h >> 29)); } };
  NodeMap<uint64_t, EventSource, HashIsKey, std::equal_to<uint64_t>> event_sources_;  // by hash of (uid, name); looked up only
  // The last answers of record_event's lookups: an object's events come in runs (a pod's Created
  // and Started, a ReplicaSet's SuccessfulCreate …) from one source. Keyed by the interned texts'
  // addresses; a copy of the store starts without them (the source pointer is this store's).
  struct EventMemo {
    const std::string *component = nullptr, *host = nullptr, *type = nullptr, *reason = nullptr;
    uint64_t source = 0, group = 0;
    uint64_t subject_key = 0;
    EventSource* subject_source = nullptr;
    EventMemo() = default;
    EventMemo(const EventMemo&) {}
    EventMemo& operator=(const EventMemo&) { return *this = EventMemo(); }
    EventMemo(EventMemo&&) noexcept = default;
    EventMemo& operator=(EventMemo&&) noexcept = default;
  };
  EventMemo event_memo_;
  std::deque<api::Pod> pod_tombstones_;
  std::vector<Change> changes_, draining_;  // changes_[0, n_changes_) are pending
  size_t n_changes_ = 0;
  Writer writer_ = Writer::Other;
  struct ObserverSlot {
    WriteObserver* p = nullptr;
    ObserverSlot() = default;
    ObserverSlot(const ObserverSlot&) {}
    ObserverSlot& operator=(const ObserverSlot&) { return *this; }
  };
  ObserverSlot observer_;
  void notify(Kind kind, ChangeType type, const Key& k) {
    if (observer_.p && writer_ != Writer::Bookkeeping) observer_.p->on_write(kind, type, k);
  }
  void notify_event(ChangeType type, uint64_t seq) {
    if (observer_.p)
      if (const api::Event* e = events_.event_at(seq)) observer_.p->on_event(type, *e);
  }
};

const char* kind_name(Kind k);  // "Pod", "ReplicaSet", …

}  // namespace kubesim::store
