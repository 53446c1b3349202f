// kubesim — the simulated world: the store (API server), the timer queue, and every control
// loop (controllers, scheduler, kubelets, kube-proxy). A Cluster is a plain value: copying it
// copies the world (used for snapshots and time travel).
//
// The loop: every write lands in the store's change log; settle() dispatches changes to the
// controllers' work queues (level-based: queues hold keys, reconcile reads the store), and runs
// reconciles until nothing is dirty. run_until(t) fires timers in (time, seq) order, settling
// after each instant.
#pragma once
#include <cstdint>
#include <string>

#include "controllers/deployment.h"
#include "controllers/endpoints.h"
#include "controllers/gc.h"
#include "controllers/replicaset.h"
#include "kubelet/kubelet.h"
#include "kubelet/registry.h"
#include "network/network.h"
#include "scheduler/scheduler.h"
#include "sim/timers.h"
#include "store/store.h"

namespace kubesim {

// Milliseconds since the Unix epoch at which every simulated cluster is born
// (Mon, 12 Jan 2026 10:00:00 +0000). Printers show dates relative to it.
inline constexpr int64_t kEpochMs = 1768212000000LL;

struct ClusterOptions {
  uint64_t seed = 0;      // 0 = default seed 1
  int nodes = 1;          // minikube, minikube-m02, …
  std::string kubernetes_version = "v1.34.0";
};

class Cluster {
 public:
  explicit Cluster(const ClusterOptions& opts = {});

  store::Store store;
  sim::TimerQueue timers;
  kubelet::Registry registry;
  controllers::DeploymentController deployment_controller;
  controllers::ReplicaSetController replicaset_controller;
  controllers::EndpointsController endpoints_controller;
  controllers::GarbageCollector garbage_collector;
  scheduler::Scheduler scheduler;
  kubelet::Kubelets kubelets;
  network::Network network;
  ClusterOptions options;

  int64_t now() const { return store.now(); }
  // Schedule a timer `delay_ms` from now.
  void schedule(sim::TimerKind kind, const store::Key& key, const std::string& uid, int64_t delay_ms, int64_t arg = 0) {
    schedule_hashed(kind, key, sim::uid_hash(uid), delay_ms, arg);
  }
  // The same with the uid already hashed (sim::uid_hash).
  void schedule_hashed(sim::TimerKind kind, const store::Key& key, uint64_t uid_hash, int64_t delay_ms, int64_t arg = 0);

  // Dispatch pending changes and reconcile until quiet (all at the current instant).
  void settle();
  // Advance the clock to `t_ms` (absolute), firing timers in order.
  void run_until(int64_t t_ms);
  void advance(int64_t ms) { run_until(now() + ms); }
  // Time of the next timer, or -1.
  int64_t next_timer_at() const { return timers.empty() ? -1 : timers.next_at(); }

  // Builds the fresh-minikube state: nodes, namespaces, the `kubernetes` service, kube-system pods.
  void bootstrap();

 private:
  void dispatch(const store::Change& c);
  void fire(sim::Timer& t);  // consumes the timer's strings
  std::vector<sim::Timer> due_;  // run_until's buffer of timers due at one instant (reused)
};

}  // namespace kubesim
