// kubesim — the event queue of simulated time: timers ordered by (time, sequence number), so
// timers due at the same millisecond fire in the order they were scheduled.
// Timers are plain data (no closures) so the whole world can be copied for snapshots.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <bit>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kubesim::sim {

enum class TimerKind : uint8_t {
  // kubelet (key = pod namespace/name, uid = pod uid, so a timer for a deleted-and-recreated
  // pod of the same name is ignored)
  KubeletSyncPod,        // the kubelet notices a pod bound to its node
  ImagePullDone,         // a pull finished (arg = 1 success, 0 failure)
  ContainerStarted,
  ContainerReady,
  ContainerExited,       // the app exited by itself (arg = exit code)
  BackoffExpired,        // ImagePullBackOff / CrashLoopBackOff window is over: retry
  TerminationDone,       // grace period over (or app exited after SIGTERM): remove the pod
  // controllers
  DeploymentResync,      // minReadySeconds / progressDeadlineSeconds checks
  ReplicaSetResync,      // minReadySeconds availability check
  SchedulerRetry,        // retry unschedulable pods
  NodeHeartbeat,
  Custom,
};

struct Timer {
  int64_t at_ms = 0;
  uint64_t seq = 0;
  TimerKind kind = TimerKind::Custom;
  std::string namespace_;
  std::string name;
  uint64_t uid_hash = 0;  // uid_hash(uid) of the object the timer was set for (0 = none)
  int64_t arg = 0;
};

// Timers carry a 64-bit hash of the uid instead of the uid (one allocation less per timer); it
// only tells a timer of a deleted object from one of a new object with the same name. Hashed 8
// bytes at a time (the kubelet hashes a pod's uid on every change of the pod); little-endian loads
// on every target, so native and wasm agree.
inline uint64_t uid_hash(std::string_view uid) {
  if (uid.empty()) return 0;
  uint64_t h = 0xcbf29ce484222325ULL ^ uid.size();
  size_t i = 0;
  for (; i + 8 <= uid.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, uid.data() + i, 8);
    h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, uid.data() + i, uid.size() - i);
  h = (h ^ tail) * 0x9E3779B97F4A7C15ULL;
  return (h ^ (h >> 32)) | 1;
}

// Timers stay put in a slot vector whose freed slots are reused; what orders them is small.
// Timers due within the next kWheelMs milliseconds of the last one fired (most of a busy cluster's:
// syncs, pulls, starts) wait in a calendar of one bucket per millisecond, a FIFO list through
// the slots, so scheduling and firing touch a bucket instead of sifting through a heap (a
// 150,000-pod rollout keeps ~100,000 timers queued). Later timers, and any set in the past, wait
// in a 4-ary heap of 16-byte (time, sequence + slot) entries. Firing takes the smaller of the two
// heads by (time, sequence); a bucket only ever holds one millisecond, in scheduling order, so
// timers due at the same millisecond still fire in the order they were scheduled.
class TimerQueue {
 public:
  void schedule(Timer t) {
    Timer& s = emplace(t.at_ms);
    const uint64_t seq = s.seq;
    s = std::move(t);
    s.seq = seq;
  }
  // Schedules a timer due at `at_ms` and hands it back to be filled in (kind, key, uid hash, arg;
  // at_ms and seq are set). Its strings keep the capacity of the timer the slot held before, so
  // a busy queue allocates nothing per timer.
  Timer& emplace(int64_t at_ms) {
    const uint32_t slot = take_slot();
    Timer& t = slots_[slot];
    t.at_ms = at_ms;
    t.seq = next_seq_++;
    link(slot, at_ms, t.seq);
    return t;
  }
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  int64_t next_at() const {
    const int64_t w = wheel_next();
    return far_.empty() || w < far_.front().at_ms ? w : far_.front().at_ms;
  }
  Timer pop() {
    const uint32_t slot = pop_slot();
    Timer t = std::move(slots_[slot]);
    free_.push_back(slot);
    return t;
  }
  // pop() into `out`: the strings trade places with out's (nothing copied, nothing allocated; the
  // freed slot keeps out's old buffers for the next timer it holds).
  void pop_into(Timer& out) {
    const uint32_t slot = pop_slot();
    Timer& t = slots_[slot];
    out.at_ms = t.at_ms;
    out.seq = t.seq;
    out.kind = t.kind;
    out.namespace_.swap(t.namespace_);
    out.name.swap(t.name);
    out.uid_hash = t.uid_hash;
    out.arg = t.arg;
    free_.push_back(slot);
  }

 private:
  void link(uint32_t slot, int64_t at, uint64_t seq) {
    ++size_;
    if (at >= base_ms_ && at - base_ms_ < kWheelMs) {
      ensure_wheel();
      const size_t b = static_cast<size_t>(at & kWheelMask);
      next_[slot] = kNone;
      if (head_[b] == kNone) {
        head_[b] = slot;
        bits_[b >> 6] |= uint64_t{1} << (b & 63);
      } else {
        next_[tail_[b]] = slot;
      }
      tail_[b] = slot;
      ++wheel_count_;
      return;
    }
    const Entry e{at, (seq << kSlotBits) | slot};
    size_t i = far_.size();
    far_.push_back(e);
    while (i > 0) {
      const size_t parent = (i - 1) / 4;
      if (!before(e, far_[parent])) break;
      far_[i] = far_[parent];
      i = parent;
    }
    far_[i] = e;
  }
  // Takes the next timer out of the wheel or the heap; returns its slot (still holding it).
  uint32_t pop_slot() {
    const int64_t w = wheel_next();
    uint32_t slot;
    bool from_far = !far_.empty() && far_.front().at_ms <= w;
    if (from_far && far_.front().at_ms == w)  // same millisecond: the earlier scheduled first
      from_far = (far_.front().seq_slot >> kSlotBits) < slots_[head_[static_cast<size_t>(w & kWheelMask)]].seq;
    if (from_far) {
      const int64_t at = far_.front().at_ms;
      slot = static_cast<uint32_t>(far_.front().seq_slot & kSlotMask);
      pop_far();
      if (at > base_ms_) base_ms_ = at;  // every bucket before `at` is empty
    } else {
      const size_t b = static_cast<size_t>(w & kWheelMask);
      slot = head_[b];
      head_[b] = next_[slot];
      if (head_[b] == kNone) {
        tail_[b] = kNone;
        bits_[b >> 6] &= ~(uint64_t{1} << (b & 63));
      }
      --wheel_count_;
      base_ms_ = w;
    }
    --size_;
    return slot;
  }
  static constexpr int kSlotBits = 24;  // up to 16.7 million queued timers; sequence numbers get 40 bits
  static constexpr uint64_t kSlotMask = (uint64_t{1} << kSlotBits) - 1;
  static constexpr int64_t kWheelMs = 8192;  // 8 s of buckets (64 KiB): snapshots copy them
  static constexpr int64_t kWheelMask = kWheelMs - 1;
  static constexpr uint32_t kNone = ~uint32_t{0};
  struct Entry {
    int64_t at_ms;
    uint64_t seq_slot;  // (seq << kSlotBits) | slot: sequence numbers are unique, so they decide ties
  };
  static bool before(const Entry& a, const Entry& b) {
    return a.at_ms != b.at_ms ? a.at_ms < b.at_ms : a.seq_slot < b.seq_slot;
  }
  void ensure_wheel() {
    if (!head_.empty()) return;
    head_.assign(kWheelMs, kNone);
    tail_.assign(kWheelMs, kNone);
    bits_.assign(kWheelMs / 64, 0);
  }
  // The time of the first non-empty bucket at or after base_ms_ (INT64_MAX when there is none).
  int64_t wheel_next() const {
    if (wheel_count_ == 0) return INT64_MAX;
    const size_t start = static_cast<size_t>(base_ms_ & kWheelMask);
    const size_t words = bits_.size();
    size_t w = start >> 6;
    uint64_t word = bits_[w] & (~uint64_t{0} << (start & 63));
    for (size_t n = 0; n <= words; ++n) {
      if (word) {
        const size_t b = (w << 6) | static_cast<size_t>(std::countr_zero(word));
        const int64_t dist = static_cast<int64_t>((b - start) & static_cast<size_t>(kWheelMask));
        return base_ms_ + dist;
      }
      w = w + 1 == words ? 0 : w + 1;
      word = bits_[w];
    }
    return INT64_MAX;  // unreachable while wheel_count_ > 0
  }
  void pop_far() {
    const Entry last = far_.back();
    far_.pop_back();
    const size_t n = far_.size();
    if (n == 0) return;
    size_t i = 0;
    for (;;) {
      const size_t first = 4 * i + 1;
      if (first >= n) break;
      size_t best = first;
      const size_t end = first + 4 < n ? first + 4 : n;
      for (size_t c = first + 1; c < end; ++c)
        if (before(far_[c], far_[best])) best = c;
      if (!before(far_[best], last)) break;
      far_[i] = far_[best];
      i = best;
    }
    far_[i] = last;
  }
  uint32_t take_slot() {
    if (free_.empty()) {
      if (slots_.size() > kSlotMask) std::abort();  // more queued timers than slots can number
      slots_.emplace_back();
      next_.push_back(kNone);
      return static_cast<uint32_t>(slots_.size() - 1);
    }
    const uint32_t s = free_.back();
    free_.pop_back();
    return s;
  }
  std::vector<Timer> slots_;
  std::vector<uint32_t> next_;  // per slot: the next timer in its bucket
  std::vector<uint32_t> free_;  // slots whose timer has fired
  std::vector<uint32_t> head_, tail_;  // per bucket (millisecond mod kWheelMs), built on first use
  std::vector<uint64_t> bits_;  // non-empty buckets
  std::vector<Entry> far_;      // a 4-ary min-heap by (at_ms, seq)
  int64_t base_ms_ = 0;         // the last fired timer's time: the wheel covers [base, base + kWheelMs)
  size_t wheel_count_ = 0, size_ = 0;
  uint64_t next_seq_ = 0;
};

}  // namespace kubesim::sim
