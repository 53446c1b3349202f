// kubesim — the event queue of simulated time: timers ordered by (time, sequence number), so
// timers due at the same millisecond fire in the order they were scheduled.
// Timers are plain data (no closures) so the whole world can be copied for snapshots.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <algorithm>
#include <string>
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
// only tells a timer of a deleted object from one of a new object with the same name.
inline uint64_t uid_hash(const std::string& uid) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : uid) { h ^= c; h *= 0x100000001b3ULL; }
  return uid.empty() ? 0 : (h | 1);
}

// The heap orders small entries (time, sequence + slot); the timers themselves stay put in a
// slot vector whose freed slots are reused, so a sift moves 16 bytes instead of a whole Timer
// (a 150,000-pod rollout keeps ~80,000 timers queued). The heap is 4-ary: half the levels of a
// binary heap, and the four children of an entry share a cache line.
class TimerQueue {
 public:
  void schedule(Timer t) {
    t.seq = next_seq_++;
    const uint32_t slot = take_slot();
    const Entry e{t.at_ms, (t.seq << kSlotBits) | slot};
    slots_[slot] = std::move(t);
    // Sift up.
    size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const size_t parent = (i - 1) / 4;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  int64_t next_at() const { return heap_.front().at_ms; }
  Timer pop() {
    const uint32_t slot = static_cast<uint32_t>(heap_.front().seq_slot & kSlotMask);
    const Entry last = heap_.back();
    heap_.pop_back();
    const size_t n = heap_.size();
    if (n > 0) {
      // Sift the last entry down from the root.
      size_t i = 0;
      for (;;) {
        const size_t first = 4 * i + 1;
        if (first >= n) break;
        size_t best = first;
        const size_t end = first + 4 < n ? first + 4 : n;
        for (size_t c = first + 1; c < end; ++c)
          if (before(heap_[c], heap_[best])) best = c;
        if (!before(heap_[best], last)) break;
        heap_[i] = heap_[best];
        i = best;
      }
      heap_[i] = last;
    }
    Timer t = std::move(slots_[slot]);
    free_.push_back(slot);
    return t;
  }

 private:
  static constexpr int kSlotBits = 24;  // up to 16.7 million queued timers; sequence numbers get 40 bits
  static constexpr uint64_t kSlotMask = (uint64_t{1} << kSlotBits) - 1;
  struct Entry {
    int64_t at_ms;
    uint64_t seq_slot;  // (seq << kSlotBits) | slot: sequence numbers are unique, so they decide ties
  };
  static bool before(const Entry& a, const Entry& b) {
    return a.at_ms != b.at_ms ? a.at_ms < b.at_ms : a.seq_slot < b.seq_slot;
  }
  uint32_t take_slot() {
    if (free_.empty()) {
      if (slots_.size() > kSlotMask) std::abort();  // more queued timers than slots can number
      slots_.emplace_back();
      return static_cast<uint32_t>(slots_.size() - 1);
    }
    const uint32_t s = free_.back();
    free_.pop_back();
    return s;
  }
  std::vector<Entry> heap_;     // a 4-ary min-heap by (at_ms, seq)
  std::vector<Timer> slots_;
  std::vector<uint32_t> free_;  // slots whose timer has fired
  uint64_t next_seq_ = 0;
};

}  // namespace kubesim::sim
