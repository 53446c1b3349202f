// kubesim — endpoints.cpp — Endpoints for every Service with a selector (ready pods in addresses,
// not-ready in notReadyAddresses, terminating omitted), as upstream's legacy endpoints controller
// (pkg/controller/endpoint) writes them: one object per Service, same name; subsets grouped by
// resolved ports; addresses sorted by IP text then pod UID; at most 1000 addresses
// (annotation endpoints.kubernetes.io/over-capacity: truncated).
//
// Level-based: on_change() only turns store changes into dirty keys (and keeps each Service's
// member pods up to date incrementally); process() writes one Endpoints object per dirty Service.
// A pod event that changes nothing a Service can see (IP, readiness, termination, ports) does not
// dirty the Service.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "api/types.h"
#include "store/store.h"

namespace kubesim { class Cluster; }

namespace kubesim::controllers {

class EndpointsController {
 public:
  // Map one store change to the keys this loop must look at again.
  void on_change(const store::Change& c, Cluster& cluster);
  // Reconcile all dirty keys; returns true if any work was done.
  bool process(Cluster& cluster);
  void enqueue(const store::Key& k) { dirty_.insert(k); }

  // [SECTION] what kube-proxy sees (the complete set, never truncated)
  struct Backend {
    store::Key pod;
    std::string ip;
    std::string node;
    std::vector<int32_t> ports;  // resolved target port per service port (-1 = not resolvable)
  };
  // Ready endpoints of a Service in Endpoints order (IP text, then UID). When there are none,
  // kube-proxy falls back to serving-but-terminating endpoints: `terminating_serving` gives those.
  const std::vector<Backend>& ready_backends(const store::Key& service);
  const std::vector<Backend>& terminating_serving_backends(const store::Key& service);

 private:
  struct Member {
    std::string uid, ip, node;
    bool ready = false;        // PodReady condition True
    bool terminating = false;  // deletionTimestamp set
    bool terminal = false;     // phase Succeeded/Failed
    std::vector<int32_t> ports;
    int64_t ready_transition_ms = 0;
    bool operator==(const Member&) const = default;
  };
  // (ip, uid, pod, node): the order Endpoints addresses use (IP text, then UID).
  using Entry = std::tuple<std::string, std::string, store::Key, std::string>;
  using Sorted = std::set<Entry>;
  struct ServiceState {
    api::Labels selector;
    std::vector<api::ServicePort> ports;
    api::Labels labels;
    bool headless = false;
    std::map<store::Key, Member> members;
    Sorted ready, not_ready, terminating_serving;
    std::map<std::vector<int32_t>, int> tuples;  // resolved port tuples of indexed members
    std::vector<Backend> ready_cache, terminating_cache;
    bool ready_cache_stale = true, terminating_cache_stale = true;
    uint64_t written_rv = 0;                  // resourceVersion of our last write
    // What the (at most 1000 address) object shows, so pod changes outside it cost nothing:
    bool window_known = false;
    std::optional<Entry> last_ready_shown;      // set when more than 1000 are ready
    std::optional<Entry> last_not_ready_shown;  // set when not all not-ready ones fit
  };

  void sync_service(const store::Key& key, Cluster& cluster);
  void rebuild_members(ServiceState& s, const store::Key& key, Cluster& cluster);
  // Recompute the pod's membership in one Service; true if the Endpoints object may change.
  bool update_member(ServiceState& s, const api::Pod* pod, const store::Key& pod_key);
  static Member member_of(const ServiceState& s, const api::Pod& pod);
  // Adds/removes the member's address; returns the set it is (was) in, or nullptr.
  Sorted* index_member(ServiceState& s, const store::Key& pod_key, const Member& m, bool add);
  void reconcile(const store::Key& key, Cluster& cluster);
  void reconcile_slow(const store::Key& key, ServiceState& s, Cluster& cluster);
  static void remember_window(ServiceState& s);
  // Create or update the Endpoints object: subsets from `set_subsets`, labels, trigger-time and
  // over-capacity annotations; remembers the written resourceVersion.
  static void write_endpoints(store::Store& st, const store::Key& key, ServiceState& s, const api::Labels& labels,
                              bool truncated, const std::function<void(api::Endpoints&)>& set_subsets);

  std::map<store::Key, ServiceState> services_;
  std::map<std::string, std::set<store::Key>> services_by_namespace_;
  std::set<store::Key> dirty_;  // processed in key order, so runs are deterministic
};

}  // namespace kubesim::controllers
