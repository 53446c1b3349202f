// kubesim — `kubectl get` table rows per kind and the table printer's layout (see printers.h).
// Column sets and cell rules: pkg/printers/internalversion/printers.go (AddHandlers, printPod,
// printDeployment, printReplicaSet, printService, printEndpoints/formatEndpoints, printNode,
// printNamespace, printEvent); layout: cli-runtime/pkg/printers/tableprinter.go.
#include "kubectl/printers.h"

#include <algorithm>
#include <set>

#include "kubectl/resources.h"
#include "kubectl/timefmt.h"

namespace kubesim::kubectl {

std::string trim_space(const std::string& s) {
  const char* ws = " \t\n\r\v\f";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}


namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    s += v[i];
  }
  return s;
}

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string age(int64_t now_ms, int64_t ts_ms) { return translate_timestamp_since(ts_ms, now_ms); }

// What printPod derives from the container statuses.
struct PodSummary {
  std::string reason;
  int ready = 0;
  int total = 0;
  int restarts = 0;
  int64_t last_restart_ms = 0;
};

bool has_condition(const std::vector<api::Condition>& cs, const std::string& type, const std::string& status) {
  for (auto& c : cs)
    if (c.type == type && c.status == status) return true;
  return false;
}

PodSummary summarize_pod(const api::Pod& pod) {
  PodSummary s;
  s.total = static_cast<int>(pod.spec.containers.size());
  s.reason = pod.status.phase;
  if (!pod.status.reason.empty()) s.reason = pod.status.reason;
  for (auto& c : pod.status.conditions)
    if (c.type == "PodScheduled" && c.reason == "SchedulingGated") s.reason = "SchedulingGated";
  // (kubesim pods have no init containers, so the "Init:" reasons never apply)
  bool has_running = false;
  const auto& statuses = pod.status.container_statuses;
  for (size_t i = statuses.size(); i-- > 0;) {  // last to first: the first container's state wins
    const api::ContainerStatus& c = statuses[i];
    s.restarts += c.restart_count;
    if (c.last_state.terminated) s.last_restart_ms = std::max(s.last_restart_ms, c.last_state.terminated->finished_ms);
    if (c.state.waiting && !c.state.waiting->reason.empty()) {
      s.reason = c.state.waiting->reason;
    } else if (c.state.terminated && !c.state.terminated->reason.empty()) {
      s.reason = c.state.terminated->reason;
    } else if (c.state.terminated) {
      s.reason = c.state.terminated->signal != 0 ? "Signal:" + std::to_string(c.state.terminated->signal)
                                                 : "ExitCode:" + std::to_string(c.state.terminated->exit_code);
    } else if (c.ready && c.state.running) {
      has_running = true;
      ++s.ready;
    }
  }
  if (s.reason == "Completed" && has_running)
    s.reason = has_condition(pod.status.conditions, "Ready", "True") ? "Running" : "NotReady";
  if (pod.metadata.deletion_ms && pod.status.reason == "NodeLost") {
    s.reason = "Unknown";
  } else if (pod.metadata.deletion_ms && pod.status.phase != "Succeeded" && pod.status.phase != "Failed") {
    s.reason = "Terminating";
  }
  return s;
}

std::string selector_string(const api::LabelSelector& sel) {
  std::vector<std::string> parts;
  for (auto& [k, v] : sel.match_labels) parts.push_back(k + "=" + v);
  return join(parts, ",");
}

}  // namespace

// [SECTION] cells --------------------------------------------------------------------------------
std::string status_of_pod(const api::Pod& pod, int64_t /*now_ms*/) { return summarize_pod(pod).reason; }

std::string pod_ready_cell(const api::Pod& pod) {
  PodSummary s = summarize_pod(pod);
  return std::to_string(s.ready) + "/" + std::to_string(s.total);
}

std::string pod_restarts_cell(const api::Pod& pod, int64_t now_ms) {
  PodSummary s = summarize_pod(pod);
  std::string r = std::to_string(s.restarts);
  if (s.restarts != 0 && s.last_restart_ms != 0) r += " (" + age(now_ms, s.last_restart_ms) + " ago)";
  return r;
}

std::string format_labels(const api::Labels& labels) {
  if (labels.empty()) return "<none>";
  std::vector<std::string> parts;
  for (auto& [k, v] : labels) parts.push_back(k + "=" + v);
  return join(parts, ",");
}

std::string format_label_selector(const api::LabelSelector& sel) {
  std::string s = selector_string(sel);
  return s.empty() ? "<none>" : s;
}

std::string service_ports_cell(const api::Service& svc) {
  std::vector<std::string> parts;
  for (auto& p : svc.spec.ports) {
    if (p.node_port > 0) parts.push_back(std::to_string(p.port) + ":" + std::to_string(p.node_port) + "/" + p.protocol);
    else parts.push_back(std::to_string(p.port) + "/" + p.protocol);
  }
  std::string s = join(parts, ",");
  return s.empty() ? "<none>" : s;
}

std::string service_external_ip_cell(const api::Service& svc, bool wide) {
  const auto& type = svc.spec.type;
  if (type == "ClusterIP" || type == "NodePort") {
    return svc.spec.external_ips.empty() ? "<none>" : join(svc.spec.external_ips, ",");
  }
  if (type == "LoadBalancer") {
    std::set<std::string> ingress(svc.status.load_balancer_ingress_ips.begin(), svc.status.load_balancer_ingress_ips.end());
    std::string lb = join(std::vector<std::string>(ingress.begin(), ingress.end()), ",");
    if (!wide && lb.size() > 16) lb = lb.substr(0, 13) + "...";
    if (!svc.spec.external_ips.empty()) {
      std::vector<std::string> all;
      if (!lb.empty()) {
        size_t start = 0;
        while (true) {
          size_t c = lb.find(',', start);
          all.push_back(lb.substr(start, c == std::string::npos ? std::string::npos : c - start));
          if (c == std::string::npos) break;
          start = c + 1;
        }
      }
      all.insert(all.end(), svc.spec.external_ips.begin(), svc.spec.external_ips.end());
      return join(all, ",");
    }
    return lb.empty() ? "<pending>" : lb;
  }
  if (type == "ExternalName") return svc.spec.external_name;
  return "<unknown>";
}

std::string service_cluster_ip_cell(const api::Service& svc) {
  if (!svc.spec.cluster_ips.empty()) return svc.spec.cluster_ips[0];
  if (!svc.spec.cluster_ip.empty()) return svc.spec.cluster_ip;
  return "<none>";
}

std::string endpoints_cell(const api::Endpoints& ep) {
  if (ep.subsets.empty()) return "<none>";
  std::vector<std::string> list;
  const size_t max = 3;
  bool more = false;
  size_t count = 0;
  for (auto& ss : ep.subsets) {
    if (ss.ports.empty()) {  // headless services without ports
      count += ss.addresses.size();
      for (auto& a : ss.addresses) {
        if (list.size() == max) { more = true; break; }
        list.push_back(a.ip);
      }
      continue;
    }
    for (auto& port : ss.ports) {
      count += ss.addresses.size();
      for (auto& a : ss.addresses) {
        if (list.size() == max) { more = true; break; }
        // net.JoinHostPort: IPv6 addresses get brackets
        std::string host = a.ip.find(':') != std::string::npos ? "[" + a.ip + "]" : a.ip;
        list.push_back(host + ":" + std::to_string(port.port));
      }
    }
  }
  std::string s = join(list, ",");
  if (more) s += " + " + std::to_string(count - max) + " more...";
  return s;
}

std::string node_status_cell(const api::Node& node) {
  std::vector<std::string> status;
  for (auto& c : node.status.conditions) {
    if (c.type != "Ready") continue;
    status.push_back(c.status == "True" ? "Ready" : "NotReady");
    break;
  }
  if (status.empty()) status.push_back("Unknown");
  if (node.spec.unschedulable) status.push_back("SchedulingDisabled");
  return join(status, ",");
}

std::vector<std::string> node_roles(const api::Node& node) {
  std::set<std::string> roles;
  const std::string prefix = "node-role.kubernetes.io/";
  for (auto& [k, v] : node.metadata.labels) {
    if (k.rfind(prefix, 0) == 0) {
      if (k.size() > prefix.size()) roles.insert(k.substr(prefix.size()));
    } else if (k == "kubernetes.io/role" && !v.empty()) {
      roles.insert(v);
    }
  }
  return {roles.begin(), roles.end()};
}

std::string node_roles_cell(const api::Node& node) {
  std::string r = join(node_roles(node), ",");
  return r.empty() ? "<none>" : r;
}

std::string node_internal_ip(const api::Node& node) {
  for (auto& a : node.status.addresses)
    if (a.type == "InternalIP") return a.address;
  return "<none>";
}

std::string node_external_ip(const api::Node& node) {
  for (auto& a : node.status.addresses)
    if (a.type == "ExternalIP") return a.address;
  return "<none>";
}

std::string container_names_cell(const std::vector<api::Container>& cs) {
  std::vector<std::string> v;
  for (auto& c : cs) v.push_back(c.name);
  return join(v, ",");
}

std::string container_images_cell(const std::vector<api::Container>& cs) {
  std::vector<std::string> v;
  for (auto& c : cs) v.push_back(c.image);
  return join(v, ",");
}

// [SECTION] columns ------------------------------------------------------------------------------
std::vector<TableColumn> table_columns(store::Kind kind) {
  using K = store::Kind;
  switch (kind) {
    case K::Pod:
      return {{"Name", false, true},        {"Ready"},        {"Status"},       {"Restarts"}, {"Age"},
              {"IP", true},                 {"Node", true},   {"Nominated Node", true},
              {"Readiness Gates", true}};
    case K::ReplicaSet:
      return {{"Name", false, true}, {"Desired"}, {"Current"}, {"Ready"}, {"Age"},
              {"Containers", true}, {"Images", true}, {"Selector", true}};
    case K::Deployment:
      return {{"Name", false, true}, {"Ready"}, {"Up-to-date"}, {"Available"}, {"Age"},
              {"Containers", true}, {"Images", true}, {"Selector", true}};
    case K::Service:
      return {{"Name", false, true}, {"Type"}, {"Cluster-IP"}, {"External-IP"}, {"Port(s)"}, {"Age"},
              {"Selector", true}};
    case K::Endpoints:
      return {{"Name", false, true}, {"Endpoints"}, {"Age"}};
    case K::Node:
      return {{"Name", false, true}, {"Status"}, {"Roles"}, {"Age"}, {"Version"},
              {"Internal-IP", true}, {"External-IP", true}, {"OS-Image", true}, {"Kernel-Version", true},
              {"Container-Runtime", true}};
    case K::Namespace:
      return {{"Name", false, true}, {"Status"}, {"Age"}};
    case K::Event:
      return {{"Last Seen"}, {"Type"}, {"Reason"}, {"Object"}, {"Subobject", true}, {"Source", true},
              {"Message"}, {"First Seen", true}, {"Count", true}, {"Name", true, true}};
  }
  return {};
}

// [SECTION] rows ---------------------------------------------------------------------------------
TableRow table_row(const api::Pod& o, int64_t now_ms) {
  PodSummary s = summarize_pod(o);
  std::string restarts = std::to_string(s.restarts);
  if (s.restarts != 0 && s.last_restart_ms != 0) restarts += " (" + age(now_ms, s.last_restart_ms) + " ago)";
  TableRow r;
  r.namespace_ = o.metadata.namespace_;
  r.labels = &o.metadata.labels.map();
  r.cells = {o.metadata.name,
             std::to_string(s.ready) + "/" + std::to_string(s.total),
             s.reason,
             restarts,
             age(now_ms, o.metadata.creation_ms),
             o.status.pod_ip.empty() ? "<none>" : o.status.pod_ip,
             o.spec.node_name.empty() ? "<none>" : o.spec.node_name,
             "<none>",   // nominatedNodeName (kubesim does no preemption)
             "<none>"};  // readinessGates
  return r;
}

TableRow table_row(const api::ReplicaSet& o, int64_t now_ms) {
  TableRow r;
  r.namespace_ = o.metadata.namespace_;
  r.labels = &o.metadata.labels.map();
  r.cells = {o.metadata.name,
             std::to_string(o.spec.replicas),
             std::to_string(o.status.replicas),
             std::to_string(o.status.ready_replicas),
             age(now_ms, o.metadata.creation_ms),
             container_names_cell(o.spec.template_.spec.containers),
             container_images_cell(o.spec.template_.spec.containers),
             format_label_selector(o.spec.selector)};
  return r;
}

TableRow table_row(const api::Deployment& o, int64_t now_ms) {
  TableRow r;
  r.namespace_ = o.metadata.namespace_;
  r.labels = &o.metadata.labels.map();
  r.cells = {o.metadata.name,
             std::to_string(o.status.ready_replicas) + "/" + std::to_string(o.spec.replicas),
             std::to_string(o.status.updated_replicas),
             std::to_string(o.status.available_replicas),
             age(now_ms, o.metadata.creation_ms),
             container_names_cell(o.spec.template_.spec.containers),
             container_images_cell(o.spec.template_.spec.containers),
             selector_string(o.spec.selector)};  // selector.String(): "" when empty
  return r;
}

TableRow table_row(const api::Service& o, int64_t now_ms) {
  TableRow r;
  r.namespace_ = o.metadata.namespace_;
  r.labels = &o.metadata.labels.map();
  r.cells = {o.metadata.name,
             o.spec.type,
             service_cluster_ip_cell(o),
             service_external_ip_cell(o, false),
             service_ports_cell(o),
             age(now_ms, o.metadata.creation_ms),
             format_labels(o.spec.selector)};
  return r;
}

TableRow table_row(const api::Endpoints& o, int64_t now_ms) {
  TableRow r;
  r.namespace_ = o.metadata.namespace_;
  r.labels = &o.metadata.labels.map();
  r.cells = {o.metadata.name, endpoints_cell(o), age(now_ms, o.metadata.creation_ms)};
  return r;
}

TableRow table_row(const api::Node& o, int64_t now_ms) {
  auto or_unknown = [](const std::string& s) { return s.empty() ? std::string("<unknown>") : s; };
  TableRow r;
  r.namespace_ = o.metadata.namespace_;
  r.labels = &o.metadata.labels.map();
  r.cells = {o.metadata.name,
             node_status_cell(o),
             node_roles_cell(o),
             age(now_ms, o.metadata.creation_ms),
             o.status.node_info.kubelet_version,
             node_internal_ip(o),
             node_external_ip(o),
             or_unknown(o.status.node_info.os_image),
             or_unknown(o.status.node_info.kernel_version),
             or_unknown(o.status.node_info.container_runtime_version)};
  return r;
}

TableRow table_row(const api::Namespace& o, int64_t now_ms) {
  TableRow r;
  r.namespace_ = o.metadata.namespace_;
  r.labels = &o.metadata.labels.map();
  r.cells = {o.metadata.name, o.phase, age(now_ms, o.metadata.creation_ms)};
  return r;
}

TableRow table_row(const api::Event& o, int64_t now_ms) {
  // printEvent: firstTimestamp, else eventTime; lastTimestamp, else the first. (An events.k8s.io/v1
  // event has neither timestamp: both columns show its eventTime.)
  std::string first = event_first_seen(o, now_ms);
  std::string last = o.last_ms == 0 || !o.action.empty() ? first : age(now_ms, o.last_ms);
  int32_t count = o.count == 0 ? 1 : o.count;
  std::string target = lower(o.involved_object.kind);
  if (!o.involved_object.name.empty()) target += "/" + o.involved_object.name;
  // formatEventSource: component (or reporting controller) [", " host (or reporting instance)]
  std::string component = o.source_component.empty() ? o.reporting_component : o.source_component;
  std::string host = o.source_host.empty() ? o.reporting_instance : o.source_host;
  std::string source = host.empty() ? component : component + ", " + host;
  TableRow r;
  r.namespace_ = o.metadata.namespace_;
  r.labels = &o.metadata.labels.map();
  r.cells = {last,  o.type, o.reason, target, o.involved_object.field_path, source, trim_space(o.message),
             first, std::to_string(count), o.metadata.name};
  return r;
}

// [SECTION] layout -------------------------------------------------------------------------------
std::string render_table(const Table& t, const TableOptions& opts) {
  if (t.rows.empty()) return "";
  std::string out;
  // A cell is cut at its first line break, and "..." marks the cut.
  auto cell_text = [](const std::string& c) {
    size_t br = c.find_first_of("\f\n\r");
    return br == std::string::npos ? c : c.substr(0, br) + "...";
  };
  if (!opts.no_headers && opts.print_header) {
    std::vector<std::string> h;
    if (opts.with_namespace) h.push_back("NAMESPACE");
    for (auto& c : t.columns)
      if (opts.wide || !c.wide_only) h.push_back(upper(c.name));
    for (auto& l : opts.label_columns) {
      size_t slash = l.rfind('/');
      h.push_back(upper(slash == std::string::npos ? l : l.substr(slash + 1)));
    }
    if (opts.show_labels) h.push_back("LABELS");
    out += join(h, "\t") + "\n";
  }
  int name_col = -1;
  if (!opts.kind_prefix.empty())
    for (size_t i = 0; i < t.columns.size(); ++i)
      if (t.columns[i].is_name) { name_col = static_cast<int>(i); break; }
  for (auto& row : t.rows) {
    std::vector<std::string> cells;
    if (opts.with_namespace) cells.push_back(row.namespace_);
    for (size_t i = 0; i < t.columns.size() && i < row.cells.size(); ++i) {
      if (!opts.wide && t.columns[i].wide_only) continue;
      std::string c = row.cells[i];
      if (static_cast<int>(i) == name_col) c = opts.kind_prefix + "/" + c;
      cells.push_back(cell_text(c));
    }
    static const api::Labels kNone;
    const api::Labels& labels = row.labels ? *row.labels : kNone;
    for (auto& key : opts.label_columns) {
      auto it = labels.find(key);
      cells.push_back(it == labels.end() ? "" : it->second);
    }
    if (opts.show_labels) cells.push_back(format_labels(labels));
    out += join(cells, "\t") + "\n";
  }
  return out;
}

// [SECTION] objects of any kind ---------------------------------------------------------------------
namespace {

// Calls f(const store::Table<T>&) for a kind.
template <class F>
void with_table(const store::Store& s, store::Kind k, F&& f) {
  using K = store::Kind;
  switch (k) {
    case K::Pod: f(s.pods()); break;
    case K::ReplicaSet: f(s.replicasets()); break;
    case K::Deployment: f(s.deployments()); break;
    case K::Service: f(s.services()); break;
    case K::Endpoints: f(s.endpoints()); break;
    case K::Node: f(s.nodes()); break;
    case K::Namespace: f(s.namespaces()); break;
    case K::Event: f(s.events()); break;
  }
}

template <class F>
decltype(auto) with_object(ObjectRef r, F&& f) {
  using K = store::Kind;
  switch (r.kind) {
    case K::Pod: return f(*static_cast<const api::Pod*>(r.object));
    case K::ReplicaSet: return f(*static_cast<const api::ReplicaSet*>(r.object));
    case K::Deployment: return f(*static_cast<const api::Deployment*>(r.object));
    case K::Service: return f(*static_cast<const api::Service*>(r.object));
    case K::Endpoints: return f(*static_cast<const api::Endpoints*>(r.object));
    case K::Node: return f(*static_cast<const api::Node*>(r.object));
    case K::Namespace: return f(*static_cast<const api::Namespace*>(r.object));
    case K::Event: break;
  }
  return f(*static_cast<const api::Event*>(r.object));
}

}  // namespace

const api::ObjectMeta& object_meta(ObjectRef r) {
  return with_object(r, [](const auto& o) -> const api::ObjectMeta& { return o.metadata; });
}

TableRow object_table_row(ObjectRef r, int64_t now_ms) {
  return with_object(r, [&](const auto& o) { return table_row(o, now_ms); });
}

std::vector<ObjectRef> list_objects(const store::Store& s, const ResourceType& rt, const std::string& ns,
                                    bool all_namespaces) {
  std::vector<ObjectRef> out;
  with_table(s, rt.kind, [&](const auto& table) {
    if (!rt.namespaced || all_namespaces) {
      for (auto& [k, obj] : table) out.push_back({rt.kind, &obj});
    } else {
      for (auto& [k, obj] : table.in_namespace(ns)) out.push_back({rt.kind, &obj});
    }
  });
  return out;
}

std::optional<ObjectRef> find_object(const store::Store& s, const ResourceType& rt, const std::string& ns,
                                     const std::string& name) {
  std::optional<ObjectRef> out;
  with_table(s, rt.kind, [&](const auto& table) {
    if (const auto* obj = table.get(rt.namespaced ? ns : "", name)) out = ObjectRef{rt.kind, obj};
  });
  return out;
}

std::string kind_prefix(const ResourceType& rt) {
  return lower(rt.kind_name) + (rt.group.empty() ? "" : "." + rt.group);
}

// [SECTION] resource arguments -------------------------------------------------------------------------
namespace {

// SplitResourceArgument: comma list, duplicates dropped, empty entries kept.
std::vector<std::string> split_resource_argument(const std::string& arg) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t c = arg.find(',', start);
    std::string part = arg.substr(start, c == std::string::npos ? std::string::npos : c - start);
    if (std::find(out.begin(), out.end(), part) == out.end()) out.push_back(part);
    if (c == std::string::npos) break;
    start = c + 1;
  }
  return out;
}

// The "all" category, in API discovery order (v1, then apps/v1).
const std::vector<std::string>& all_category() {
  static const std::vector<std::string> kAll = {"pods", "services", "deployments.apps", "replicasets.apps"};
  return kAll;
}

std::string unknown_type_error(const std::string& word) { return unknown_resource_type_error(word); }

}  // namespace

std::string parse_resource_args(std::vector<std::string> args, bool has_selector, bool all_namespaces,
                                ResourceRequests& out) {
  out = {};
  if (args.empty()) return "You must provide one or more resources by argument or filename.\n"
                           "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                           "   '<resource> <name>'\n   '<resource>'";
  // normalizeMultipleResourcesArgs: "a,b x y" -> a/x a/y b/x b/y
  if (args.size() >= 2) {
    auto types = split_resource_argument(args[0]);
    if (types.size() > 1) {
      std::vector<std::string> tuples;
      for (auto& t : types)
        for (size_t i = 1; i < args.size(); ++i) tuples.push_back(t + "/" + args[i]);
      args = tuples;
    }
  }
  size_t slashes = 0;
  for (auto& a : args) slashes += a.find('/') != std::string::npos;
  if (slashes > 0 && slashes != args.size())
    return "there is no need to specify a resource type as a separate argument when passing arguments in "
           "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource "
           "resource/<resource_name>'";
  if (slashes > 0) {  // TYPE/NAME tuples (visitByResource)
    std::vector<std::pair<std::string, std::string>> tuples;
    for (auto& a : args) {
      size_t first = a.find('/');
      if (a.find('/', first + 1) != std::string::npos) return "arguments in resource/name form may not have more than one slash";
      std::string res = a.substr(0, first), name = a.substr(first + 1);
      if (res.empty() || name.empty() || split_resource_argument(res).size() != 1)
        return "arguments in resource/name form must have a single resource and name";
      tuples.emplace_back(res, name);
    }
    if (has_selector) return "selectors and the all flag cannot be used when passing resource/name arguments";
    for (auto& [res, name] : tuples) {
      const ResourceType* rt = resolve_resource(res);
      if (!rt) return unknown_type_error(res);
      if (rt->namespaced && all_namespaces) return "a resource cannot be retrieved by name across all namespaces";
      out.requests.push_back({rt, false, name});
    }
    out.single_item_implied = tuples.size() == 1;
    return "";
  }
  // TYPE[,TYPE…] [NAME…]; "all" expands to its category
  std::vector<std::string> types;
  for (auto& t : split_resource_argument(args[0])) {
    if (lower(t) == "all") types.insert(types.end(), all_category().begin(), all_category().end());
    else types.push_back(t);
  }
  std::vector<std::string> names(args.begin() + 1, args.end());
  if (names.empty()) {  // visitBySelector (no selector means "everything")
    std::set<const ResourceType*> seen;
    for (auto& t : types) {
      const ResourceType* rt = resolve_resource(t);
      if (!rt) return unknown_type_error(t);
      if (seen.insert(rt).second) out.requests.push_back({rt, true, ""});
    }
    return "";
  }
  if (has_selector) return "name cannot be provided when a selector is specified";
  if (types.size() > 1) return "you must specify only one resource";
  const ResourceType* rt = resolve_resource(types[0]);
  if (!rt) return unknown_type_error(types[0]);
  if (rt->namespaced && all_namespaces) return "a resource cannot be retrieved by name across all namespaces";
  for (auto& n : names) out.requests.push_back({rt, false, n});
  out.single_item_implied = names.size() == 1;
  return "";
}

}  // namespace kubesim::kubectl
