// kubesim — the simulated world's loop: change dispatch, settling, timers (see cluster.h).
// Cluster::bootstrap() lives in bootstrap.cpp.
#include "cluster.h"

#include <vector>

namespace kubesim {

namespace {
// A settle that keeps producing work for this many rounds at one instant is a livelock (two
// loops fighting over an object); stop rather than hang the page. A rollout of 150,000 pods at
// 500 creations per ReplicaSet sync needs about 300 rounds.
constexpr int kMaxSettleRounds = 100000;
// Timers firing at one instant that keep scheduling more timers at the same instant.
constexpr int kMaxRoundsPerInstant = 100000;
}  // namespace

Cluster::Cluster(const ClusterOptions& opts)
    : store(opts.seed == 0 ? 1 : opts.seed, kEpochMs), options(opts) {
  if (options.seed == 0) options.seed = 1;
  if (options.nodes < 1) options.nodes = 1;
}

void Cluster::schedule_hashed(sim::TimerKind kind, const store::Key& key, uint64_t uid_hash, int64_t delay_ms, int64_t arg) {
  sim::Timer& t = timers.emplace(now() + (delay_ms > 0 ? delay_ms : 0));  // filled in place: no allocation
  t.kind = kind;
  t.namespace_.assign(key.namespace_);
  t.name.assign(key.name);
  t.uid_hash = uid_hash;
  t.arg = arg;
}

void Cluster::dispatch(const store::Change& c) {
  if (c.writer == store::Writer::Bookkeeping) return;
  deployment_controller.on_change(c, *this);
  replicaset_controller.on_change(c, *this);
  endpoints_controller.on_change(c, *this);
  garbage_collector.on_change(c, *this);
  scheduler.on_change(c, *this);
  kubelets.on_change(c, *this);
}

void Cluster::settle() {
  for (int round = 0; round < kMaxSettleRounds; ++round) {
    // The watch: every change so far reaches every loop before any loop reconciles.
    while (store.has_changes())
      store.drain_changes([this](const store::Change& c) { dispatch(c); },
                          [this](const store::Change& c, int stage) {
                            store.prefetch_pod(c, stage);
                            replicaset_controller.prefetch(c, stage);
                          });
    bool worked = false;
    worked |= deployment_controller.process(*this);
    worked |= replicaset_controller.process(*this);
    worked |= scheduler.process(*this);
    worked |= kubelets.process(*this);
    worked |= endpoints_controller.process(*this);
    worked |= garbage_collector.process(*this);
    if (!worked && !store.has_changes()) return;
  }
}

namespace {
// The timers the kubelets handle for a pod (the node heartbeat is theirs too, but about no pod).
bool kubelet_timer(const sim::Timer& t) {
  switch (t.kind) {
    case sim::TimerKind::KubeletSyncPod:
    case sim::TimerKind::ImagePullDone:
    case sim::TimerKind::ContainerStarted:
    case sim::TimerKind::ContainerReady:
    case sim::TimerKind::ContainerExited:
    case sim::TimerKind::BackoffExpired:
    case sim::TimerKind::TerminationDone:
      return true;
    default:
      return false;
  }
}
}  // namespace

void Cluster::fire(sim::Timer& t) {
  if (kubelet_timer(t) || t.kind == sim::TimerKind::NodeHeartbeat) {
    kubelets.on_timer(t, *this);
    return;
  }
  auto key = [&t] { return store::Key{std::move(t.namespace_), std::move(t.name)}; };
  switch (t.kind) {
    case sim::TimerKind::DeploymentResync:
      deployment_controller.enqueue(key());
      break;
    case sim::TimerKind::ReplicaSetResync:
      replicaset_controller.enqueue(key());
      break;
    case sim::TimerKind::SchedulerRetry:
      scheduler.on_timer(t, *this);
      break;
    default:  // Custom, and the kubelets' (above)
      break;
  }
}

void Cluster::run_until(int64_t t_ms) {
  settle();  // writes made before the clock moves happen now, not at the next timer
  int rounds_at_instant = 0;
  int64_t last_instant = -1;
  while (!timers.empty() && timers.next_at() <= t_ms) {
    const int64_t at = timers.next_at();
    if (at > now()) store.set_now(at);  // a timer set in the past fires now; time never runs back
    if (at == last_instant) {
      if (++rounds_at_instant > kMaxRoundsPerInstant) break;
    } else {
      last_instant = at;
      rounds_at_instant = 0;
    }
    // Everything due at this instant fires before the world settles, in (time, seq) order.
    std::vector<sim::Timer> due;
    due.swap(due_);  // reuse the buffer (and stay correct should a timer run the clock itself)
    // Timers are assigned into the buffer's (kept) entries: their strings keep their capacity.
    size_t n_due = 0;
    while (!timers.empty() && timers.next_at() == at) {
      if (n_due == due.size()) due.emplace_back();
      timers.pop_into(due[n_due++]);
    }
    // The kubelets' timers are about pods scattered over the heap: fetch a few ahead.
    store::for_each_fetching_ahead(
        n_due, [&](size_t i) { fire(due[i]); },
        [&](size_t j, int stage) {
          if (kubelet_timer(due[j])) kubelets.prefetch(due[j], stage);
        });
    due_.swap(due);  // fired timers stay as buffers (nothing reads them)
    settle();
  }
  if (t_ms > now()) store.set_now(t_ms);
  settle();
}

}  // namespace kubesim
