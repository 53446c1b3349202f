// kubesim — endpoints.cpp — the legacy Endpoints controller (pkg/controller/endpoint).
//
// Upstream behaviour reproduced:
//   * only Services with a selector get an Endpoints object from this controller (same name);
//     it is deleted with the Service;
//   * a pod contributes when it has an IP and is not terminal; terminating pods are left out;
//     Ready pods go to `addresses`, the others to `notReadyAddresses`;
//   * ports: one EndpointPort per Service port (name, resolved targetPort, protocol); a named
//     targetPort is looked up in the pod's container ports (podutil.FindPort) and a pod that cannot
//     resolve it is left out of that port;
//   * subsets are repacked by port set; addresses sort by IP text (bytes.Compare), then pod UID;
//   * more than 1000 addresses: truncated (ready ones kept first) and annotated
//     endpoints.kubernetes.io/over-capacity: truncated;
//   * labels are the Service's labels (+ service.kubernetes.io/headless for headless Services);
//     endpoints.kubernetes.io/last-change-trigger-time records when the change happened;
//   * an update that would not change subsets or labels is skipped.
#include "controllers/endpoints.h"

#include <algorithm>

#include "cluster.h"
#include "kubectl/timefmt.h"

namespace kubesim::controllers {

namespace {

constexpr size_t kMaxCapacity = 1000;

bool pod_ready(const api::Pod& p, int64_t* transition_ms) {
  for (auto& c : p.status.conditions)
    if (c.type == "Ready") {
      if (transition_ms) *transition_ms = c.last_transition_ms;
      return c.status == "True";
    }
  return false;
}

// podutil.FindPort
int32_t find_port(const api::Pod& pod, const api::ServicePort& sp) {
  if (!sp.target_port.is_string) {
    int64_t v = sp.target_port.int_value;
    return static_cast<int32_t>(v == 0 ? sp.port : v);
  }
  for (auto& c : pod.spec.containers)
    for (auto& cp : c.ports)
      if (cp.name == sp.target_port.str_value && cp.protocol == sp.protocol) return cp.container_port;
  return -1;
}

bool same_address(const api::EndpointAddress& a, const api::EndpointAddress& b) {
  return a.ip == b.ip && a.node_name == b.node_name && a.target_ref.kind == b.target_ref.kind &&
         a.target_ref.name == b.target_ref.name && a.target_ref.namespace_ == b.target_ref.namespace_ &&
         a.target_ref.uid == b.target_ref.uid;
}

bool same_subsets(const std::vector<api::EndpointSubset>& a, const std::vector<api::EndpointSubset>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto& x = a[i];
    auto& y = b[i];
    if (x.addresses.size() != y.addresses.size() || x.not_ready_addresses.size() != y.not_ready_addresses.size() ||
        x.ports.size() != y.ports.size())
      return false;
    for (size_t j = 0; j < x.addresses.size(); ++j) if (!same_address(x.addresses[j], y.addresses[j])) return false;
    for (size_t j = 0; j < x.not_ready_addresses.size(); ++j)
      if (!same_address(x.not_ready_addresses[j], y.not_ready_addresses[j])) return false;
    for (size_t j = 0; j < x.ports.size(); ++j)
      if (x.ports[j].name != y.ports[j].name || x.ports[j].port != y.ports[j].port || x.ports[j].protocol != y.ports[j].protocol)
        return false;
  }
  return true;
}

}  // namespace

// [SECTION] membership ---------------------------------------------------------------------------
EndpointsController::Member EndpointsController::member_of(const ServiceState& s, const api::Pod& pod) {
  Member m;
  m.uid = pod.metadata.uid;
  m.ip = pod.status.pod_ip;
  m.node = pod.spec.node_name;
  m.ready = pod_ready(pod, &m.ready_transition_ms);
  m.terminating = pod.metadata.deletion_ms.has_value();
  m.terminal = pod.status.phase == "Succeeded" || pod.status.phase == "Failed";
  m.ports.reserve(s.ports.size());
  for (auto& sp : s.ports) m.ports.push_back(find_port(pod, sp));
  return m;
}

void EndpointsController::index_member(ServiceState& s, const store::Key& pod_key, const Member& m, bool add) {
  if (m.ip.empty() || m.terminal) return;
  Sorted* set = nullptr;
  if (m.terminating) {
    if (m.ready) set = &s.terminating_serving;
  } else {
    set = m.ready ? &s.ready : &s.not_ready;
  }
  if (!set) return;
  auto entry = std::make_tuple(m.ip, m.uid, pod_key);
  if (add) set->insert(entry);
  else set->erase(entry);
  if (set == &s.ready) s.ready_cache_stale = true;
  if (set == &s.terminating_serving) s.terminating_cache_stale = true;
}

bool EndpointsController::update_member(ServiceState& s, const api::Pod* pod, const store::Key& pod_key) {
  auto it = s.members.find(pod_key);
  const bool selected = pod && !s.selector.empty() && [&] {
    for (auto& [k, v] : s.selector) {
      auto l = pod->metadata.labels.find(k);
      if (l == pod->metadata.labels.end() || l->second != v) return false;
    }
    return true;
  }();
  if (!selected) {
    if (it == s.members.end()) return false;
    index_member(s, pod_key, it->second, false);
    s.members.erase(it);
    return true;
  }
  Member m = member_of(s, *pod);
  if (it != s.members.end()) {
    if (it->second == m) return false;
    index_member(s, pod_key, it->second, false);
    it->second = m;
  } else {
    it = s.members.emplace(pod_key, m).first;
  }
  index_member(s, pod_key, it->second, true);
  return true;
}

void EndpointsController::rebuild_members(ServiceState& s, const store::Key& key, Cluster& cluster) {
  s.members.clear();
  s.ready.clear();
  s.not_ready.clear();
  s.terminating_serving.clear();
  s.ready_cache_stale = s.terminating_cache_stale = true;
  for (auto& [pk, pod] : cluster.store.pods().in_namespace(key.namespace_)) update_member(s, &pod, pk);
}

void EndpointsController::sync_service(const store::Key& key, Cluster& cluster) {
  const api::Service* svc = cluster.store.services().get(key);
  if (!svc || svc->spec.selector.empty()) {
    // Gone, or a selector-less Service (its Endpoints are someone else's business).
    bool had = services_.erase(key) > 0;
    if (auto ns = services_by_namespace_.find(key.namespace_); ns != services_by_namespace_.end()) {
      ns->second.erase(key);
      if (ns->second.empty()) services_by_namespace_.erase(ns);
    }
    if (had || !svc) dirty_.insert(key);
    return;
  }
  auto [it, inserted] = services_.try_emplace(key);
  ServiceState& s = it->second;
  bool ports_changed = s.ports.size() != svc->spec.ports.size();
  for (size_t i = 0; !ports_changed && i < s.ports.size(); ++i) {
    auto& a = s.ports[i];
    auto& b = svc->spec.ports[i];
    ports_changed = a.name != b.name || a.port != b.port || a.protocol != b.protocol || !(a.target_port == b.target_port);
  }
  const bool selector_changed = inserted || s.selector != svc->spec.selector;
  s.labels = svc->metadata.labels;
  s.headless = svc->spec.cluster_ip == "None";
  s.created_ms = svc->metadata.creation_ms;
  if (selector_changed || ports_changed) {
    s.selector = svc->spec.selector;
    s.ports = svc->spec.ports;
    rebuild_members(s, key, cluster);
  }
  services_by_namespace_[key.namespace_].insert(key);
  dirty_.insert(key);
}

void EndpointsController::on_change(const store::Change& c, Cluster& cluster) {
  switch (c.kind) {
    case store::Kind::Service:
      sync_service(c.key, cluster);
      break;
    case store::Kind::Endpoints:
      // Someone else touched (or deleted) an object we own: look again.
      if (services_.count(c.key) || c.type == store::ChangeType::Deleted) dirty_.insert(c.key);
      break;
    case store::Kind::Pod: {
      auto ns = services_by_namespace_.find(c.key.namespace_);
      if (ns == services_by_namespace_.end()) break;
      const api::Pod* pod = c.type == store::ChangeType::Deleted ? nullptr : cluster.store.pods().get(c.key);
      for (auto& sk : ns->second) {
        auto it = services_.find(sk);
        if (it != services_.end() && update_member(it->second, pod, c.key)) dirty_.insert(sk);
      }
      break;
    }
    default:
      break;
  }
}

// [SECTION] reconcile ------------------------------------------------------------------------------
void EndpointsController::reconcile(const store::Key& key, Cluster& cluster) {
  auto& st = cluster.store;
  const api::Service* svc = st.services().get(key);
  auto it = services_.find(key);
  const api::Endpoints* current = st.endpoints().get(key);
  if (!svc || it == services_.end()) {
    // Service deleted: its Endpoints go too (selector-less Services keep theirs).
    if (!svc && current) st.remove(store::Kind::Endpoints, key);
    return;
  }
  ServiceState& s = it->second;

  // Group addresses by resolved port set (RepackSubsets), each group sorted by (IP text, UID).
  std::map<std::vector<int32_t>, api::EndpointSubset> groups;
  auto add = [&](const Sorted& set, bool ready) {
    for (auto& [ip, uid, pk] : set) {
      const Member& m = s.members.at(pk);
      std::vector<int32_t> resolved;
      for (auto p : m.ports) if (p >= 0) resolved.push_back(p);
      std::vector<int32_t> tuple = m.ports;
      if (!s.ports.empty() && resolved.empty()) continue;  // no usable port on this pod
      auto& sub = groups[tuple];
      if (sub.ports.empty())
        for (size_t i = 0; i < s.ports.size(); ++i)
          if (m.ports[i] >= 0) sub.ports.push_back(api::EndpointPort{s.ports[i].name, m.ports[i], s.ports[i].protocol});
      api::EndpointAddress a;
      a.ip = ip;
      a.node_name = m.node;
      a.target_ref.kind = "Pod";
      a.target_ref.namespace_ = pk.namespace_;
      a.target_ref.name = pk.name;
      a.target_ref.uid = uid;
      (ready ? sub.addresses : sub.not_ready_addresses).push_back(std::move(a));
    }
  };
  add(s.ready, true);
  add(s.not_ready, false);
  std::vector<api::EndpointSubset> subsets;
  for (auto& [tuple, sub] : groups) subsets.push_back(std::move(sub));

  // truncateEndpoints: keep at most 1000, ready ones first, proportionally per subset.
  size_t total_ready = 0, total_not_ready = 0;
  for (auto& sub : subsets) { total_ready += sub.addresses.size(); total_not_ready += sub.not_ready_addresses.size(); }
  bool truncated = false;
  if (total_ready + total_not_ready > kMaxCapacity) {
    truncated = true;
    bool truncate_ready = total_ready > kMaxCapacity;
    size_t max = truncate_ready ? kMaxCapacity : kMaxCapacity - total_ready;
    size_t num_total = truncate_ready ? total_ready : total_not_ready;
    size_t can_be_added = max;
    for (size_t i = 0; i < subsets.size(); ++i) {
      auto& sub = subsets[i];
      size_t in_subset = truncate_ready ? sub.addresses.size() : sub.not_ready_addresses.size();
      size_t max_in_subset = num_total ? (in_subset * max + num_total - 1) / num_total : 0;  // ceil
      if (i == subsets.size() - 1) max_in_subset = can_be_added;
      if (truncate_ready) {
        if (sub.addresses.size() > max_in_subset) sub.addresses.resize(max_in_subset);
        sub.not_ready_addresses.clear();
        can_be_added -= std::min(can_be_added, sub.addresses.size());
      } else {
        if (sub.not_ready_addresses.size() > max_in_subset) sub.not_ready_addresses.resize(max_in_subset);
        can_be_added -= std::min(can_be_added, sub.not_ready_addresses.size());
      }
    }
  }

  api::Labels labels = s.labels;
  if (s.headless) labels["service.kubernetes.io/headless"] = "";
  if (current && same_subsets(current->subsets, subsets) && current->metadata.labels == labels &&
      (current->metadata.annotations.count("endpoints.kubernetes.io/over-capacity") > 0) == truncated)
    return;

  const std::string trigger = kubectl::rfc3339(st.now());
  auto fill = [&](api::Endpoints& e) {
    e.subsets = subsets;
    e.metadata.labels = labels;
    e.metadata.annotations["endpoints.kubernetes.io/last-change-trigger-time"] = trigger;
    if (truncated) e.metadata.annotations["endpoints.kubernetes.io/over-capacity"] = "truncated";
    else e.metadata.annotations.erase("endpoints.kubernetes.io/over-capacity");
  };
  if (current) {
    st.update_endpoints(key, fill);
  } else {
    api::Endpoints e;
    e.metadata.name = key.name;
    e.metadata.namespace_ = key.namespace_;
    fill(e);
    st.create(std::move(e));
  }
}

bool EndpointsController::process(Cluster& cluster) {
  if (dirty_.empty()) return false;
  std::set<store::Key> work;
  work.swap(dirty_);
  for (auto& k : work) reconcile(k, cluster);
  return true;
}

// [SECTION] kube-proxy's view ---------------------------------------------------------------------
namespace {
const std::vector<EndpointsController::Backend>& empty_backends() {
  static const std::vector<EndpointsController::Backend> e;
  return e;
}
}  // namespace

const std::vector<EndpointsController::Backend>& EndpointsController::ready_backends(const store::Key& service) {
  auto it = services_.find(service);
  if (it == services_.end()) return empty_backends();
  ServiceState& s = it->second;
  if (s.ready_cache_stale) {
    s.ready_cache.clear();
    s.ready_cache.reserve(s.ready.size());
    for (auto& [ip, uid, pk] : s.ready) s.ready_cache.push_back(Backend{pk, ip, s.members.at(pk).node, s.members.at(pk).ports});
    s.ready_cache_stale = false;
  }
  return s.ready_cache;
}

const std::vector<EndpointsController::Backend>& EndpointsController::terminating_serving_backends(const store::Key& service) {
  auto it = services_.find(service);
  if (it == services_.end()) return empty_backends();
  ServiceState& s = it->second;
  if (s.terminating_cache_stale) {
    s.terminating_cache.clear();
    for (auto& [ip, uid, pk] : s.terminating_serving)
      s.terminating_cache.push_back(Backend{pk, ip, s.members.at(pk).node, s.members.at(pk).ports});
    s.terminating_cache_stale = false;
  }
  return s.terminating_cache;
}

}  // namespace kubesim::controllers
