// kubesim — the event queue of simulated time: timers ordered by (time, sequence number), so
// timers due at the same millisecond fire in the order they were scheduled.
// Timers are plain data (no closures) so the whole world can be copied for snapshots.
#pragma once
#include <cstdint>
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

// The heap orders small entries (time, sequence, slot); the timers themselves stay put in a
// slot vector whose freed slots are reused, so a sift moves 24 bytes instead of a whole Timer
// (a 150,000-pod rollout keeps ~80,000 timers queued).
class TimerQueue {
 public:
  void schedule(Timer t) {
    t.seq = next_seq_++;
    const Entry e{t.at_ms, t.seq, take_slot()};
    slots_[e.slot] = std::move(t);
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), Later{});
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  int64_t next_at() const { return heap_.front().at_ms; }
  Timer pop() {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    const uint32_t slot = heap_.back().slot;
    heap_.pop_back();
    Timer t = std::move(slots_[slot]);
    free_.push_back(slot);
    return t;
  }

 private:
  struct Entry {
    int64_t at_ms;
    uint64_t seq;
    uint32_t slot;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.at_ms != b.at_ms ? a.at_ms > b.at_ms : a.seq > b.seq;
    }
  };
  uint32_t take_slot() {
    if (free_.empty()) {
      slots_.emplace_back();
      return static_cast<uint32_t>(slots_.size() - 1);
    }
    const uint32_t s = free_.back();
    free_.pop_back();
    return s;
  }
  std::vector<Entry> heap_;     // a binary min-heap by (at_ms, seq)
  std::vector<Timer> slots_;
  std::vector<uint32_t> free_;  // slots whose timer has fired
  uint64_t next_seq_ = 0;
};

}  // namespace kubesim::sim
