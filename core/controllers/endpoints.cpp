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

EndpointsController::Sorted* EndpointsController::index_member(ServiceState& s, const store::Key& pod_key, const Member& m,
                                                              bool add) {
  if (m.ip.empty() || m.terminal) return nullptr;
  Sorted* set = nullptr;
  if (m.terminating) {
    if (m.ready) set = &s.terminating_serving;
  } else {
    set = m.ready ? &s.ready : &s.not_ready;
  }
  if (!set) return nullptr;
  Entry entry{m.ip, m.uid, pod_key, m.node};
  if (add) {
    set->insert(entry);
  } else {
    set->erase(entry);
  }
  if (set != &s.terminating_serving) {
    int& n = s.tuples[m.ports];
    n += add ? 1 : -1;
    if (n <= 0) s.tuples.erase(m.ports);
  }
  if (set == &s.ready) s.ready_cache_stale = true;
  if (set == &s.terminating_serving) s.terminating_cache_stale = true;
  return set;
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
  const size_t ready_before = s.ready.size();
  Sorted* from = nullptr;
  Sorted* to = nullptr;
  Entry before, after;
  if (!selected) {
    if (it == s.members.end()) return false;
    before = Entry{it->second.ip, it->second.uid, pod_key, it->second.node};
    from = index_member(s, pod_key, it->second, false);
    s.members.erase(it);
  } else {
    if (it != s.members.end()) {
      // Most pod updates change nothing a Service shows: check without building a Member.
      const Member& cur = it->second;
      int64_t transition = 0;
      const bool ready = pod_ready(*pod, &transition);
      if (cur.ip == pod->status.pod_ip && cur.node == pod->spec.node_name && cur.uid == pod->metadata.uid &&
          cur.ready == ready && cur.ready_transition_ms == transition &&
          cur.terminating == pod->metadata.deletion_ms.has_value() &&
          cur.terminal == (pod->status.phase == "Succeeded" || pod->status.phase == "Failed")) {
        bool same_ports = cur.ports.size() == s.ports.size();
        for (size_t i = 0; same_ports && i < s.ports.size(); ++i) same_ports = cur.ports[i] == find_port(*pod, s.ports[i]);
        if (same_ports) return false;
      }
    }
    Member m = member_of(s, *pod);
    if (it != s.members.end()) {
      if (it->second == m) return false;
      before = Entry{it->second.ip, it->second.uid, pod_key, it->second.node};
      from = index_member(s, pod_key, it->second, false);
      it->second = std::move(m);
    } else {
      it = s.members.emplace(pod_key, std::move(m)).first;
    }
    after = Entry{it->second.ip, it->second.uid, pod_key, it->second.node};
    to = index_member(s, pod_key, it->second, true);
  }
  if (from == &s.terminating_serving) from = nullptr;
  if (to == &s.terminating_serving) to = nullptr;
  if (!from && !to) return false;  // nothing the Endpoints object shows
  if (!s.window_known) return true;
  // The object holds at most 1000 addresses (ready ones first); a change past the last one shown
  // leaves it as it is.
  bool touches = false;
  const size_t rb = ready_before, ra = s.ready.size();
  if (from == &s.ready || to == &s.ready) {
    if (rb <= kMaxCapacity || ra <= kMaxCapacity || !s.last_ready_shown) touches = true;
    else touches = (from == &s.ready && before <= *s.last_ready_shown) || (to == &s.ready && after <= *s.last_ready_shown);
  }
  if (!touches && (from == &s.not_ready || to == &s.not_ready) && (rb < kMaxCapacity || ra < kMaxCapacity)) {
    if (!s.last_not_ready_shown) touches = true;
    else touches = (from == &s.not_ready && before <= *s.last_not_ready_shown) || (to == &s.not_ready && after <= *s.last_not_ready_shown);
  }
  return touches;
}

void EndpointsController::rebuild_members(ServiceState& s, const store::Key& key, Cluster& cluster) {
  s.members.clear();
  s.ready.clear();
  s.not_ready.clear();
  s.terminating_serving.clear();
  s.tuples.clear();
  s.window_known = false;
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
    case store::Kind::Endpoints: {
      // Someone else touched (or deleted) an object we own: look again. Our own writes are skipped.
      auto it = services_.find(c.key);
      if (c.type == store::ChangeType::Deleted) {
        dirty_.insert(c.key);
      } else if (it != services_.end()) {
        const api::Endpoints* e = cluster.store.endpoints().get(c.key);
        if (!e || e->metadata.resource_version != it->second.written_rv) dirty_.insert(c.key);
      }
      break;
    }
    case store::Kind::Pod: {
      auto ns = services_by_namespace_.find(c.key.namespace_);
      if (ns == services_by_namespace_.end()) break;
      // The pod is read only for a Service that can select it or lists it (the `kubernetes`
      // Service in "default" has no selector: the pods of a big deployment cost it nothing).
      const api::Pod* pod = nullptr;
      bool read = false;
      for (auto& sk : ns->second) {
        auto it = services_.find(sk);
        if (it == services_.end() || (it->second.selector.empty() && it->second.members.empty())) continue;
        if (!read) {
          pod = c.type == store::ChangeType::Deleted ? nullptr : cluster.store.pods().get(c.key, c.key_hash);
          read = true;
        }
        if (update_member(it->second, pod, c.key)) dirty_.insert(sk);
      }
      break;
    }
    default:
      break;
  }
}

// [SECTION] reconcile ------------------------------------------------------------------------------
void EndpointsController::reconcile_slow(const store::Key& key, ServiceState& s, Cluster& cluster) {
  auto& st = cluster.store;
  const api::Endpoints* current = st.endpoints().get(key);
  // Group addresses by resolved port set (RepackSubsets), each group sorted by (IP text, UID).
  std::map<std::vector<int32_t>, api::EndpointSubset> groups;
  auto add = [&](const Sorted& set, bool ready) {
    for (auto& [ip, uid, pk, node] : set) {
      auto mit = s.members.find(pk);
      if (mit == s.members.end()) continue;  // cannot happen: sets only hold members
      const Member& m = mit->second;
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

  write_endpoints(st, key, s, labels, truncated, [&](api::Endpoints& e) { e.subsets = subsets; });
}

void EndpointsController::write_endpoints(store::Store& st, const store::Key& key, ServiceState& s, const api::Labels& labels,
                                          bool truncated, const std::function<void(api::Endpoints&)>& set_subsets) {
  const std::string trigger = kubectl::rfc3339(st.now());
  auto fill = [&](api::Endpoints& e) {
    set_subsets(e);
    e.metadata.labels = labels;
    e.metadata.annotations["endpoints.kubernetes.io/last-change-trigger-time"] = trigger;
    if (truncated) e.metadata.annotations["endpoints.kubernetes.io/over-capacity"] = "truncated";
    else e.metadata.annotations.erase("endpoints.kubernetes.io/over-capacity");
  };
  if (st.endpoints().get(key)) {
    st.update_endpoints(key, fill);
  } else {
    api::Endpoints e;
    e.metadata.name = key.name;
    e.metadata.namespace_ = key.namespace_;
    fill(e);
    st.create(std::move(e));
  }
  if (const api::Endpoints* now = st.endpoints().get(key)) s.written_rv = now->metadata.resource_version;
}

void EndpointsController::remember_window(ServiceState& s) {
  s.window_known = true;
  s.last_ready_shown.reset();
  s.last_not_ready_shown.reset();
  if (s.ready.size() > kMaxCapacity) {
    auto e = s.ready.begin();
    std::advance(e, kMaxCapacity - 1);
    s.last_ready_shown = *e;
  }
  const size_t room = kMaxCapacity - std::min(s.ready.size(), kMaxCapacity);
  if (s.not_ready.size() > room && room > 0) {
    auto e = s.not_ready.begin();
    std::advance(e, room - 1);
    s.last_not_ready_shown = *e;
  } else if (s.not_ready.size() > room) {
    s.last_not_ready_shown = Entry{};  // nothing not-ready is shown: every key is past the window
  }
}

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
  if (s.tuples.size() > 1 || (current && current->subsets.size() > 1)) {
    reconcile_slow(key, s, cluster);
    s.window_known = false;
    return;
  }
  // One port set for everybody (the usual case): one subset, compared and merged in place.
  std::vector<api::EndpointPort> ports;
  bool usable = true;
  if (!s.tuples.empty()) {
    const auto& tuple = s.tuples.begin()->first;
    for (size_t i = 0; i < s.ports.size() && i < tuple.size(); ++i)
      if (tuple[i] >= 0) ports.push_back(api::EndpointPort{s.ports[i].name, tuple[i], s.ports[i].protocol});
    usable = s.ports.empty() || !ports.empty();
  }
  const size_t total = s.ready.size() + s.not_ready.size();
  const bool truncated = usable && total > kMaxCapacity;
  const size_t ready_n = usable ? std::min(s.ready.size(), kMaxCapacity) : 0;
  const size_t not_ready_n = usable ? std::min(s.not_ready.size(), kMaxCapacity - ready_n) : 0;
  auto same = [&](const std::vector<api::EndpointAddress>& old, const Sorted& set, size_t n) {
    if (old.size() != n) return false;
    auto e = set.begin();
    for (size_t j = 0; j < n; ++j, ++e) {
      auto& [ip, uid, pk, node] = *e;
      const auto& a = old[j];
      if (a.ip != ip || a.target_ref.uid != uid || a.node_name != node || a.target_ref.name != pk.name) return false;
    }
    return true;
  };
  api::Labels labels = s.labels;
  if (s.headless) labels["service.kubernetes.io/headless"] = "";
  const bool want_subset = ready_n + not_ready_n > 0;
  if (current && current->metadata.labels == labels &&
      (current->metadata.annotations.count("endpoints.kubernetes.io/over-capacity") > 0) == truncated) {
    bool equal;
    if (!want_subset) {
      equal = current->subsets.empty();
    } else {
      equal = current->subsets.size() == 1 && same(current->subsets[0].addresses, s.ready, ready_n) &&
              same(current->subsets[0].not_ready_addresses, s.not_ready, not_ready_n);
      if (equal) {
        auto& cp = current->subsets[0].ports;
        equal = cp.size() == ports.size();
        for (size_t i = 0; equal && i < cp.size(); ++i)
          equal = cp[i].name == ports[i].name && cp[i].port == ports[i].port && cp[i].protocol == ports[i].protocol;
      }
    }
    if (equal) {
      remember_window(s);
      return;
    }
  }
  // Merge: keep the addresses that did not change, build only the new ones.
  auto merge = [&](std::vector<api::EndpointAddress>& old, const Sorted& set, size_t n) {
    std::vector<api::EndpointAddress> out;
    out.reserve(n);
    size_t j = 0;
    auto e = set.begin();
    for (size_t k = 0; k < n; ++k, ++e) {
      auto& [ip, uid, pk, node] = *e;
      while (j < old.size() && std::tie(old[j].ip, old[j].target_ref.uid) < std::tie(ip, uid)) ++j;
      if (j < old.size() && old[j].ip == ip && old[j].target_ref.uid == uid && old[j].node_name == node &&
          old[j].target_ref.name == pk.name) {
        out.push_back(std::move(old[j++]));
        continue;
      }
      api::EndpointAddress a;
      a.ip = ip;
      a.node_name = node;
      a.target_ref.kind = "Pod";
      a.target_ref.namespace_ = pk.namespace_;
      a.target_ref.name = pk.name;
      a.target_ref.uid = uid;
      out.push_back(std::move(a));
    }
    old = std::move(out);
  };
  write_endpoints(st, key, s, labels, truncated, [&](api::Endpoints& e) {
    if (!want_subset) {
      e.subsets.clear();
      return;
    }
    if (e.subsets.size() != 1) e.subsets.assign(1, api::EndpointSubset{});
    merge(e.subsets[0].addresses, s.ready, ready_n);
    merge(e.subsets[0].not_ready_addresses, s.not_ready, not_ready_n);
    e.subsets[0].ports = ports;
  });
  remember_window(s);
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
    for (auto& [ip, uid, pk, node] : s.ready)
      if (auto m = s.members.find(pk); m != s.members.end()) s.ready_cache.push_back(Backend{pk, ip, node, m->second.ports});
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
    for (auto& [ip, uid, pk, node] : s.terminating_serving)
      if (auto m = s.members.find(pk); m != s.members.end()) s.terminating_cache.push_back(Backend{pk, ip, node, m->second.ports});
    s.terminating_cache_stale = false;
  }
  return s.terminating_cache;
}

}  // namespace kubesim::controllers
