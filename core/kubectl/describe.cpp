// kubesim — `kubectl describe` (see describe.h). Layouts follow kubectl/pkg/describe/describe.go:
// describePod, describeContainers/describeStatus/describeVolumes, DescribePodTemplate,
// describeDeployment, describeReplicaSet, describeService/formatEndpointSlices,
// describeEndpoints, describeNode/describeNodeResource, describeNamespace, the generic
// (unstructured) describer, DescribeEvents, printLabelsMultiline, printAnnotationsMultiline,
// printTolerationsMultiline, printTaintsMultiline; the command itself follows
// pkg/cmd/describe/describe.go (name-prefix matching, "\n\n" between objects).
#include "kubectl/describe.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "api/json.h"
#include "api/quantity.h"
#include "cluster.h"
#include "kubectl/commands.h"
#include "kubectl/gosort.h"
#include "kubectl/kubectl.h"
#include "kubectl/printers.h"
#include "kubectl/resources.h"
#include "kubectl/selectors.h"
#include "kubectl/tabwriter.h"
#include "kubectl/timefmt.h"

namespace kubesim::kubectl {

namespace {

// [SECTION] writing helpers ----------------------------------------------------------------------------
// describe's tabwriter: minwidth 0, tabwidth 8, padding 2.
TabWriter new_writer() { return TabWriter(0, 8, 2); }


std::string join_strings(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += sep;
    s += v[i];
  }
  return s;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t nl = s.find('\n', start);
    out.push_back(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

// printLabelsMultiline: "Title:\tk=v\n" then "\tk2=v2\n" for the others; "<none>" when empty.
void print_labels_multiline(std::string& w, const std::string& title, const api::Labels& labels) {
  w += title + ":\t";
  if (labels.empty()) { w += "<none>\n"; return; }
  bool first = true;
  for (auto& [k, v] : labels) {
    if (!first) w += "\t";
    first = false;
    w += k + "=" + v + "\n";
  }
}

// printAnnotationsMultiline: like labels, "k: v"; long or multi-line values on indented lines.
void print_annotations_multiline(std::string& w, const std::string& title, const api::Labels& annotations) {
  constexpr size_t kMaxAnnotationLen = 140;
  w += title + ":\t";
  std::vector<std::pair<std::string, std::string>> items;
  for (auto& [k, v] : annotations)
    if (k != "kubectl.kubernetes.io/last-applied-configuration") items.emplace_back(k, v);
  if (items.empty()) { w += "<none>\n"; return; }
  bool first = true;
  for (auto& [key, raw] : items) {
    if (!first) w += "\t";
    first = false;
    std::string value = raw;
    if (!value.empty() && value.back() == '\n') value.pop_back();
    if (value.size() + key.size() + 2 > kMaxAnnotationLen || value.find('\n') != std::string::npos) {
      w += key + ":\n";
      for (auto& line : split_lines(value)) {
        std::string shown = line.size() > kMaxAnnotationLen - 2 ? line.substr(0, kMaxAnnotationLen - 2) + "..." : line;
        w += "\t  " + shown + "\n";
      }
    } else {
      w += key + ": " + value + "\n";
    }
  }
}

// printTolerationsMultilineWithIndent (initial indent "", inner "\t").
void print_tolerations_multiline(std::string& w, const std::string& title, std::vector<api::Toleration> tols) {
  w += title + ":\t";
  if (tols.empty()) { w += "<none>\n"; return; }
  std::stable_sort(tols.begin(), tols.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  bool first = true;
  for (auto& t : tols) {
    if (!first) w += "\t";
    first = false;
    w += t.key;
    if (!t.value.empty()) w += "=" + t.value;
    if (!t.effect.empty()) w += ":" + t.effect;
    if (t.op == "Exists" && t.value.empty()) w += (!t.key.empty() || !t.effect.empty()) ? " op=Exists" : "op=Exists";
    if (t.toleration_seconds) w += " for " + std::to_string(*t.toleration_seconds) + "s";
    w += "\n";
  }
}

// printNodeTaintsMultiline: sorted by "effect,key".
void print_taints_multiline(std::string& w, const std::string& title, std::vector<api::Taint> taints) {
  w += title + ":\t";
  if (taints.empty()) { w += "<none>\n"; return; }
  std::stable_sort(taints.begin(), taints.end(),
                   [](const auto& a, const auto& b) { return a.effect + "," + a.key < b.effect + "," + b.key; });
  bool first = true;
  for (auto& t : taints) {
    if (!first) w += "\t";
    first = false;
    w += t.value.empty() ? t.key + ":" + t.effect : t.key + "=" + t.value + ":" + t.effect;
    w += "\n";
  }
}

std::string age(int64_t now_ms, int64_t ts_ms) { return translate_timestamp_since(ts_ms, now_ms); }

// [SECTION] events -------------------------------------------------------------------------------------
// Events by involvedObject.uid, built once when `kubectl describe` shows many objects (scanning
// every event for every object would be quadratic). Only set while cmd_describe runs.
struct EventIndex {
  const store::Store* store = nullptr;
  std::map<std::string, std::vector<uint64_t>, std::less<>> by_uid;  // event sequence numbers, in API list order
};
const EventIndex* g_event_index = nullptr;

// Events about an object (client-side, as describe's searchEvents asks the API server for them by
// involvedObject name/namespace/uid). Node events are recorded by the kubelet with the node's name
// as uid, so both uids are accepted there (the uid query first, then the name query).
std::vector<const api::Event*> events_for(const store::Store& s, const api::ObjectMeta& m, const std::string& kind) {
  std::vector<const api::Event*> out;
  const bool node = kind == "Node";
  auto matches = [&](const api::Event& e, const std::string& uid) {
    if (e.involved_object.name != m.name || e.involved_object.uid != uid) return false;
    if (node) return e.involved_object.kind == "Node";
    return m.namespace_.empty() || e.metadata.namespace_ == m.namespace_;
  };
  auto collect = [&](const std::string& uid) {
    if (g_event_index && g_event_index->store == &s) {
      auto it = g_event_index->by_uid.find(uid);
      if (it != g_event_index->by_uid.end())
        for (uint64_t seq : it->second)
          if (const api::Event* e = s.events().event_at(seq); e && matches(*e, uid)) out.push_back(e);
      return;
    }
    s.events().for_each_subject([&](const store::EventTable::SubjectView& who, uint64_t seq) {
      if (who.name != m.name || who.uid != uid) return;
      const api::Event* e = s.events().event_at(seq);
      if (e && matches(*e, uid)) out.push_back(e);
    });
  };
  collect(m.uid);
  if (node && m.name != m.uid) collect(m.name);
  return out;
}

// DescribeEvents. API timestamps have second precision, so events are ordered by the second of
// their last occurrence, with Go's sort.Sort: up to 12 events keep the API's list order within a
// second (insertion sort), longer lists get the order its quicksort leaves (see gosort.h).
void describe_events(TabWriter& tw, std::string& w, std::vector<const api::Event*> evs, int64_t now_ms) {
  if (evs.empty()) {
    w += "Events:\t<none>\n";
    return;
  }
  tw.write(w);
  w.clear();
  tw.flush();
  // SortableEvents compares lastTimestamp alone: an events.k8s.io/v1 event (the scheduler's
  // Scheduled) has none, the zero time, and sorts before all others.
  auto last_timestamp = [](const api::Event* e) { return e->action.empty() ? floor_seconds(e->last_ms) : INT64_MIN; };
  go_sort_slice(evs, [&](const api::Event* a, const api::Event* b) { return last_timestamp(a) < last_timestamp(b); });
  w += "Events:\n  Type\tReason\tAge\tFrom\tMessage\n";
  w += "  ----\t------\t----\t----\t-------\n";
  for (const api::Event* e : evs) {
    std::string first = event_first_seen(*e, now_ms);
    std::string interval = e->count > 1 && e->action.empty() ? age(now_ms, e->last_ms) + " (x" + std::to_string(e->count) + " over " + first + ")"
                                        : first;
    std::string source = e->source_component.empty() ? e->reporting_component : e->source_component;
    w += "  " + e->type + "\t" + e->reason + "\t" + interval + "\t" + source + "\t" + trim_space(e->message) + "\n";
  }
}

std::string finish(TabWriter& tw, std::string& w) {
  tw.write(w);
  w.clear();
  return tw.str();
}

// [SECTION] quantities ---------------------------------------------------------------------------------
// A sum of quantities in the format of the first one added (resource.Quantity.Add keeps the
// receiver's format), printed canonically.
struct QuantitySum {
  bool set = false;
  int64_t value = 0;  // bytes, or millicores for cpu
  api::QuantityFormat format = api::QuantityFormat::DecimalSI;

  void add_memory(const api::ResourceList& rl) {
    if (!rl.memory_bytes) return;
    if (!set) {
      api::Quantity q;
      std::string err;
      format = (!rl.memory_text.empty() && api::parse_quantity(rl.memory_text, q, err)) ? q.format
                                                                                      : api::QuantityFormat::BinarySI;
      set = true;
    }
    value += *rl.memory_bytes;
  }
  void add_cpu(const api::ResourceList& rl) {
    if (!rl.cpu_milli) return;
    set = true;
    value += *rl.cpu_milli;
  }
  std::string memory_text() const {
    if (!set) return "0";
    return api::Quantity{value, 0, format}.canonical();
  }
  std::string cpu_text() const {
    if (!set) return "0";
    return api::Quantity::from_milli(value).canonical();
  }
};

// int64(float64(a) / float64(b) * 100), as describeNodeResource computes percentages.
int64_t percent(int64_t a, int64_t b) {
  if (b == 0) return 0;
  double f = static_cast<double>(a) / static_cast<double>(b) * 100.0;
  return static_cast<int64_t>(std::trunc(f));
}

std::string resource_cpu(const api::ResourceList& rl) {
  if (!rl.cpu_milli) return "";
  return api::cpu_string(rl);
}
std::string resource_memory(const api::ResourceList& rl) {
  if (!rl.memory_bytes) return "";
  return api::memory_string(rl);
}

// [SECTION] pod parts ----------------------------------------------------------------------------------
std::string qos_class(const api::Pod& pod) {
  if (!pod.status.qos_class.empty()) return pod.status.qos_class;
  bool any = false, guaranteed = true;
  for (auto& c : pod.spec.containers) {
    if (!c.requests.empty() || !c.limits.empty()) any = true;
    if (!c.limits.cpu_milli || !c.limits.memory_bytes) guaranteed = false;
    if (c.requests.cpu_milli && c.limits.cpu_milli && *c.requests.cpu_milli != *c.limits.cpu_milli) guaranteed = false;
    if (c.requests.memory_bytes && c.limits.memory_bytes && *c.requests.memory_bytes != *c.limits.memory_bytes)
      guaranteed = false;
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

void describe_state(std::string& w, const std::string& label, const api::ContainerState& st) {
  if (st.running) {
    w += "    " + label + ":\tRunning\n";
    w += "      Started:\t" + rfc1123z(st.running->started_ms) + "\n";
  } else if (st.waiting) {
    w += "    " + label + ":\tWaiting\n";
    if (!st.waiting->reason.empty()) w += "      Reason:\t" + st.waiting->reason + "\n";
  } else if (st.terminated) {
    const auto& t = *st.terminated;
    w += "    " + label + ":\tTerminated\n";
    if (!t.reason.empty()) w += "      Reason:\t" + t.reason + "\n";
    if (!t.message.empty()) w += "      Message:\t" + t.message + "\n";
    w += "      Exit Code:\t" + std::to_string(t.exit_code) + "\n";
    if (t.signal > 0) w += "      Signal:\t" + std::to_string(t.signal) + "\n";
    w += "      Started:\t" + rfc1123z(t.started_ms) + "\n";
    w += "      Finished:\t" + rfc1123z(t.finished_ms) + "\n";
  } else {
    w += "    " + label + ":\tWaiting\n";
  }
}

// describeResources at level 2 (containers).
void describe_resources(std::string& w, const api::Container& c) {
  auto block = [&](const char* title, const api::ResourceList& rl) {
    std::string cpu = resource_cpu(rl), mem = resource_memory(rl);
    if (cpu.empty() && mem.empty()) return;
    w += std::string("    ") + title + ":\n";
    if (!cpu.empty()) w += "      cpu:\t" + cpu + "\n";
    if (!mem.empty()) w += "      memory:\t" + mem + "\n";
  };
  block("Limits", c.limits);
  block("Requests", c.requests);
}

// describeContainers: `space` is "" for pods and "  " for pod templates; `statuses` is null for
// templates; `api_volume` names the service-account token volume mounted in pod containers.
void describe_containers(std::string& w, const std::vector<api::Container>& containers,
                         const std::vector<api::ContainerStatus>* statuses, const std::string& space,
                         const std::string& api_volume) {
  w += space + "Containers:" + (containers.empty() ? " <none>" : "") + "\n";
  for (auto& c : containers) {
    const api::ContainerStatus* st = nullptr;
    if (statuses)
      for (auto& s : *statuses)
        if (s.name == c.name) st = &s;
    w += "  " + std::string(space.empty() ? "" : " ") + c.name + ":\n";
    if (st) w += "    Container ID:\t" + st->container_id + "\n";
    w += "    Image:\t" + c.image + "\n";
    if (st) w += "    Image ID:\t" + st->image_id + "\n";
    std::vector<std::string> ports, host_ports;
    for (auto& p : c.ports) {
      ports.push_back(std::to_string(p.container_port) + "/" + p.protocol);
      host_ports.push_back("0/" + p.protocol);
    }
    std::string ps = join_strings(ports, ", "), hs = join_strings(host_ports, ", ");
    if (ps.find(',') != std::string::npos) w += "    Ports:\t" + ps + "\n";
    else w += "    Port:\t" + (ps.empty() ? std::string("<none>") : ps) + "\n";
    if (hs.find(',') != std::string::npos) w += "    Host Ports:\t" + hs + "\n";
    else w += "    Host Port:\t" + (hs.empty() ? std::string("<none>") : hs) + "\n";
    if (!c.command.empty()) {
      w += "    Command:\n";
      for (auto& a : c.command)
        for (auto& line : split_lines(a)) w += "      " + line + "\n";
    }
    if (!c.args.empty()) {
      w += "    Args:\n";
      for (auto& a : c.args)
        for (auto& line : split_lines(a)) w += "      " + line + "\n";
    }
    if (st) {
      describe_state(w, "State", st->state);
      if (st->last_state.terminated) describe_state(w, "Last State", st->last_state);
      w += std::string("    Ready:\t") + (st->ready ? "True" : "False") + "\n";
      w += "    Restart Count:\t" + std::to_string(st->restart_count) + "\n";
    }
    describe_resources(w, c);
    if (c.env.empty()) {
      w += "    Environment:\t<none>\n";
    } else {
      w += "    Environment:\n";
      for (auto& e : c.env) {
        auto lines = split_lines(e.value);
        for (size_t i = 0; i < lines.size(); ++i)
          w += i == 0 ? "      " + e.name + ":\t" + lines[i] + "\n" : "      \t" + lines[i] + "\n";
      }
    }
    if (api_volume.empty()) {
      w += "    Mounts:\t<none>\n";
    } else {
      w += "    Mounts:\n";
      w += "      /var/run/secrets/kubernetes.io/serviceaccount from " + api_volume + " (ro)\n";
    }
  }
}

// [SECTION] pod template (shared with rollout history) -----------------------------------------------
void write_pod_template(std::string& w, const api::PodTemplateSpec& t) {
  w += "Pod Template:\n";
  print_labels_multiline(w, "  Labels", t.labels);
  if (!t.annotations.empty()) print_annotations_multiline(w, "  Annotations", t.annotations);
  // kubesim's PodSpec defaults serviceAccountName to "default"; templates made by kubectl carry
  // none, so "default" is treated as unset here.
  if (!t.spec.service_account_name.empty() && t.spec.service_account_name != "default")
    w += "  Service Account:\t" + t.spec.service_account_name + "\n";
  describe_containers(w, t.spec.containers, nullptr, "  ", "");
  w += "  Volumes:\t<none>\n";
  if (!t.spec.priority_class_name.empty()) w += "  Priority Class Name:\t" + t.spec.priority_class_name + "\n";
  print_labels_multiline(w, "  Node-Selectors", t.spec.node_selector);
  print_tolerations_multiline(w, "  Tolerations", t.spec.tolerations);
}

// The ReplicaSets a Deployment controls, split like kubectl's deploymentutil: the new one (oldest
// whose template equals the deployment's, ignoring pod-template-hash) and all others, in creation
// order.
void deployment_replicasets(const store::Store& s, const api::Deployment& d, const api::ReplicaSet*& new_rs,
                            std::vector<const api::ReplicaSet*>& old_rs) {
  std::vector<const api::ReplicaSet*> rss;
  for (auto& key : s.replicasets_owned_by(d.metadata.uid))
    if (const auto* rs = s.replicasets().get(key); rs && d.spec.selector.matches(rs->metadata.labels)) rss.push_back(rs);
  std::stable_sort(rss.begin(), rss.end(), [](const api::ReplicaSet* a, const api::ReplicaSet* b) {
    if (a->metadata.creation_ms != b->metadata.creation_ms) return a->metadata.creation_ms < b->metadata.creation_ms;
    return a->metadata.name < b->metadata.name;
  });
  new_rs = nullptr;
  for (const auto* rs : rss) {
    api::PodTemplateSpec t = rs->spec.template_;
    t.labels.erase("pod-template-hash");
    if (t == d.spec.template_) { new_rs = rs; break; }
  }
  old_rs.clear();
  for (const auto* rs : rss)
    if (rs != new_rs) old_rs.push_back(rs);
}

std::string rs_list(const std::vector<const api::ReplicaSet*>& v) {
  std::vector<std::string> parts;
  for (const auto* rs : v)
    parts.push_back(rs->metadata.name + " (" + std::to_string(rs->status.replicas) + "/" + std::to_string(rs->spec.replicas) +
                    " replicas created)");
  std::string s = join_strings(parts, ", ");
  return s.empty() ? "<none>" : s;
}

// [SECTION] the generic describer (kinds without their own: Event) -------------------------------
std::string smart_label(const std::string& field) {
  for (char c : field)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return field;
  // camelcase.Split: runs of lower / upper / other, then an upper letter moves to a following lower run
  std::vector<std::string> runs;
  int last = 0;
  for (char c : field) {
    int cls = (c >= 'a' && c <= 'z') ? 1 : (c >= 'A' && c <= 'Z') ? 2 : 4;
    if (cls == last) runs.back() += c;
    else runs.push_back(std::string(1, c));
    last = cls;
  }
  for (size_t i = 0; i + 1 < runs.size(); ++i) {
    if (!runs[i].empty() && runs[i][0] >= 'A' && runs[i][0] <= 'Z' && !runs[i + 1].empty() && runs[i + 1][0] >= 'a' &&
        runs[i + 1][0] <= 'z') {
      runs[i + 1] = runs[i].back() + runs[i + 1];
      runs[i].pop_back();
    }
  }
  std::vector<std::string> parts;
  for (auto& r : runs) {
    if (r.empty() || r == "_") continue;
    std::string up = r;
    for (char& c : up)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (up == "API" || up == "URL" || up == "UID" || up == "OSB" || up == "GUID") {
      parts.push_back(up);
    } else {
      std::string t = r;
      if (t[0] >= 'a' && t[0] <= 'z') t[0] = static_cast<char>(t[0] - 'a' + 'A');
      parts.push_back(t);
    }
  }
  return join_strings(parts, " ");
}

// Go's %v of a decoded JSON value.
std::string go_value(const nlohmann::json& v) {
  if (v.is_null()) return "<nil>";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
  if (v.is_number_float()) return api::go_format_float(v.get<double>(), 'g', -1);
  return v.dump();
}

void print_unstructured(std::string& w, int level, const nlohmann::json& content, const std::string& prefix,
                        const std::set<std::string>& skip) {
  const std::string indent(static_cast<size_t>(level) * 2, ' ');
  std::vector<std::string> fields;
  for (auto it = content.begin(); it != content.end(); ++it) fields.push_back(it.key());
  std::sort(fields.begin(), fields.end());
  for (auto& field : fields) {
    const nlohmann::json& value = content[field];
    const std::string expr = prefix + "." + field;
    if (skip.count(expr)) continue;
    if (value.is_object()) {
      w += indent + smart_label(field) + ":\n";
      print_unstructured(w, level + 1, value, expr, skip);
    } else if (value.is_array()) {
      w += indent + smart_label(field) + ":\n";
      for (auto& child : value) {
        if (child.is_object()) print_unstructured(w, level + 1, child, expr, skip);
        else w += indent + "  " + go_value(child) + "\n";
      }
    } else {
      w += indent + smart_label(field) + ":\t" + go_value(value) + "\n";
    }
  }
}

}  // namespace

// [SECTION] describers -----------------------------------------------------------------------------
std::string describe_pod_template(const api::PodTemplateSpec& tmpl) {
  std::string w;
  write_pod_template(w, tmpl);
  return w;
}

std::string describe_pod(const store::Store& s, const api::Pod& pod, bool show_events) {
  const int64_t now = s.now();
  TabWriter tw = new_writer();
  std::string w;
  w += "Name:\t" + pod.metadata.name + "\n";
  w += "Namespace:\t" + pod.metadata.namespace_ + "\n";
  w += "Priority:\t" + std::to_string(pod.spec.priority) + "\n";
  if (!pod.spec.priority_class_name.empty()) w += "Priority Class Name:\t" + pod.spec.priority_class_name + "\n";
  if (!pod.spec.service_account_name.empty()) w += "Service Account:\t" + pod.spec.service_account_name + "\n";
  w += pod.spec.node_name.empty() ? std::string("Node:\t<none>\n")
                                  : "Node:\t" + pod.spec.node_name + "/" + pod.status.host_ip + "\n";
  if (pod.status.start_ms) w += "Start Time:\t" + rfc1123z(*pod.status.start_ms) + "\n";
  print_labels_multiline(w, "Labels", pod.metadata.labels);
  print_annotations_multiline(w, "Annotations", pod.metadata.annotations);
  if (pod.metadata.deletion_ms && pod.status.phase != "Failed" && pod.status.phase != "Succeeded") {
    w += "Status:\tTerminating (lasts " + age(now, *pod.metadata.deletion_ms) + ")\n";
    int64_t grace = pod.metadata.deletion_grace_period_seconds.value_or(pod.spec.termination_grace_period_seconds);
    w += "Termination Grace Period:\t" + std::to_string(grace) + "s\n";
  } else {
    w += "Status:\t" + pod.status.phase + "\n";
  }
  if (!pod.status.reason.empty()) w += "Reason:\t" + pod.status.reason + "\n";
  if (!pod.status.message.empty()) w += "Message:\t" + pod.status.message + "\n";
  w += "IP:\t" + pod.status.pod_ip + "\n";
  if (pod.status.pod_ip.empty()) w += "IPs:\t<none>\n";
  else w += "IPs:\n  IP:\t" + pod.status.pod_ip + "\n";
  if (const auto* ref = pod.metadata.controller_ref()) w += "Controlled By:\t" + ref->kind + "/" + ref->name + "\n";
  const std::string api_volume = api::kube_api_access_volume_name(pod);
  describe_containers(w, pod.spec.containers, &pod.status.container_statuses, "", api_volume);
  if (!pod.status.conditions.empty()) {
    w += "Conditions:\n  Type\tStatus\n";
    for (auto& cond : pod.status.conditions) w += "  " + cond.type + " \t" + cond.status + " \n";
  }
  w += "Volumes:\n";
  w += "  " + api_volume + ":\n";
  w += "    Type:\tProjected (a volume that contains injected data from multiple sources)\n";
  w += "    TokenExpirationSeconds:\t3607\n";
  w += "    ConfigMapName:\tkube-root-ca.crt\n";
  w += "    Optional:\tfalse\n";
  w += "    DownwardAPI:\ttrue\n";
  w += "QoS Class:\t" + qos_class(pod) + "\n";
  print_labels_multiline(w, "Node-Selectors", pod.spec.node_selector);
  print_tolerations_multiline(w, "Tolerations", pod.spec.tolerations);
  if (show_events) describe_events(tw, w, events_for(s, pod.metadata, "Pod"), now);
  return finish(tw, w);
}

std::string describe_deployment(const store::Store& s, const api::Deployment& d, bool show_events) {
  const int64_t now = s.now();
  TabWriter tw = new_writer();
  std::string w;
  std::vector<std::string> sel;
  for (auto& [k, v] : d.spec.selector.match_labels) sel.push_back(k + "=" + v);
  w += "Name:\t" + d.metadata.name + "\n";
  w += "Namespace:\t" + d.metadata.namespace_ + "\n";
  w += "CreationTimestamp:\t" + rfc1123z(d.metadata.creation_ms) + "\n";
  print_labels_multiline(w, "Labels", d.metadata.labels);
  print_annotations_multiline(w, "Annotations", d.metadata.annotations);
  w += "Selector:\t" + join_strings(sel, ",") + "\n";
  w += "Replicas:\t" + std::to_string(d.spec.replicas) + " desired | " + std::to_string(d.status.updated_replicas) +
       " updated | " + std::to_string(d.status.replicas) + " total | " + std::to_string(d.status.available_replicas) +
       " available | " + std::to_string(d.status.unavailable_replicas) + " unavailable\n";
  w += "StrategyType:\t" + d.spec.strategy.type + "\n";
  w += "MinReadySeconds:\t" + std::to_string(d.spec.min_ready_seconds) + "\n";
  if (d.spec.strategy.type == "RollingUpdate")
    w += "RollingUpdateStrategy:\t" + d.spec.strategy.max_unavailable.to_string() + " max unavailable, " +
         d.spec.strategy.max_surge.to_string() + " max surge\n";
  write_pod_template(w, d.spec.template_);
  if (!d.status.conditions.empty()) {
    w += "Conditions:\n  Type\tStatus\tReason\n";
    w += "  ----\t------\t------\n";
    for (auto& cond : d.status.conditions) w += "  " + cond.type + " \t" + cond.status + "\t" + cond.reason + "\n";
  }
  const api::ReplicaSet* new_rs = nullptr;
  std::vector<const api::ReplicaSet*> old_rs;
  deployment_replicasets(s, d, new_rs, old_rs);
  if (!old_rs.empty() || new_rs) {
    w += "OldReplicaSets:\t" + rs_list(old_rs) + "\n";
    w += "NewReplicaSet:\t" + rs_list(new_rs ? std::vector<const api::ReplicaSet*>{new_rs}
                                             : std::vector<const api::ReplicaSet*>{}) + "\n";
  }
  if (show_events) describe_events(tw, w, events_for(s, d.metadata, "Deployment"), now);
  return finish(tw, w);
}

std::string describe_replicaset(const store::Store& s, const api::ReplicaSet& rs, bool show_events) {
  const int64_t now = s.now();
  TabWriter tw = new_writer();
  std::string w;
  int running = 0, waiting = 0, succeeded = 0, failed = 0;
  for (auto& key : s.pods_owned_by(rs.metadata.uid)) {
    const api::Pod* p = s.pods().get(key);
    if (!p || !rs.spec.selector.matches(p->metadata.labels)) continue;
    const auto& phase = p->status.phase;
    if (phase == "Running") ++running;
    else if (phase == "Pending") ++waiting;
    else if (phase == "Succeeded") ++succeeded;
    else if (phase == "Failed") ++failed;
  }
  w += "Name:\t" + rs.metadata.name + "\n";
  w += "Namespace:\t" + rs.metadata.namespace_ + "\n";
  w += "Selector:\t" + format_label_selector(rs.spec.selector) + "\n";
  print_labels_multiline(w, "Labels", rs.metadata.labels);
  print_annotations_multiline(w, "Annotations", rs.metadata.annotations);
  if (const auto* ref = rs.metadata.controller_ref()) w += "Controlled By:\t" + ref->kind + "/" + ref->name + "\n";
  w += "Replicas:\t" + std::to_string(rs.status.replicas) + " current / " + std::to_string(rs.spec.replicas) + " desired\n";
  w += "Pods Status:\t" + std::to_string(running) + " Running / " + std::to_string(waiting) + " Waiting / " +
       std::to_string(succeeded) + " Succeeded / " + std::to_string(failed) + " Failed\n";
  write_pod_template(w, rs.spec.template_);
  if (!rs.status.conditions.empty()) {
    w += "Conditions:\n  Type\tStatus\tReason\n";
    w += "  ----\t------\t------\n";
    for (auto& cond : rs.status.conditions) w += "  " + cond.type + " \t" + cond.status + "\t" + cond.reason + "\n";
  }
  if (show_events) describe_events(tw, w, events_for(s, rs.metadata, "ReplicaSet"), now);
  return finish(tw, w);
}

std::string describe_service(const store::Store& s, const api::Service& svc, bool show_events) {
  const int64_t now = s.now();
  TabWriter tw = new_writer();
  std::string w;
  w += "Name:\t" + svc.metadata.name + "\n";
  w += "Namespace:\t" + svc.metadata.namespace_ + "\n";
  print_labels_multiline(w, "Labels", svc.metadata.labels);
  print_annotations_multiline(w, "Annotations", svc.metadata.annotations);
  w += "Selector:\t" + format_labels(svc.spec.selector) + "\n";
  w += "Type:\t" + svc.spec.type + "\n";
  if (!svc.spec.ip_family_policy.empty()) w += "IP Family Policy:\t" + svc.spec.ip_family_policy + "\n";
  w += "IP Families:\t" + (svc.spec.ip_families.empty() ? std::string("<none>") : join_strings(svc.spec.ip_families, ",")) + "\n";
  w += "IP:\t" + svc.spec.cluster_ip + "\n";
  w += "IPs:\t" + (svc.spec.cluster_ips.empty() ? std::string("<none>") : join_strings(svc.spec.cluster_ips, ",")) + "\n";
  if (!svc.spec.external_ips.empty()) w += "External IPs:\t" + join_strings(svc.spec.external_ips, ",") + "\n";
  if (!svc.spec.external_name.empty()) w += "External Name:\t" + svc.spec.external_name + "\n";
  if (!svc.status.load_balancer_ingress_ips.empty())
    w += "LoadBalancer Ingress:\t" + join_strings(svc.status.load_balancer_ingress_ips, ", ") + "\n";
  // Endpoints come from the EndpointSlices of the service; kubesim keeps the legacy Endpoints
  // object, one subset standing for one slice (ready addresses, then not-ready ones).
  const api::Endpoints* ep = s.endpoints().get(svc.metadata.namespace_, svc.metadata.name);
  for (auto& sp : svc.spec.ports) {
    const std::string name = sp.name.empty() ? "<unset>" : sp.name;
    w += "Port:\t" + name + "\t" + std::to_string(sp.port) + "/" + sp.protocol + "\n";
    w += "TargetPort:\t" + sp.target_port.to_string() + "/" + sp.protocol + "\n";
    if (sp.node_port != 0) w += "NodePort:\t" + name + "\t" + std::to_string(sp.node_port) + "/" + sp.protocol + "\n";
    std::string list = "<none>";
    if (ep) {
      std::vector<std::string> items;
      const size_t max = 3;
      bool more = false;
      size_t count = 0;
      auto visit = [&](const api::EndpointAddress& a, bool ready, const std::string* port) {
        if (items.size() == max) more = true;
        if (!ready) return;
        if (!more) {
          std::string host = a.ip.find(':') != std::string::npos ? "[" + a.ip + "]" : a.ip;
          items.push_back(port ? host + ":" + *port : a.ip);
        }
        ++count;
      };
      for (auto& ss : ep->subsets) {
        if (ss.ports.empty()) {
          for (auto& a : ss.addresses) visit(a, true, nullptr);
          for (auto& a : ss.not_ready_addresses) visit(a, false, nullptr);
          continue;
        }
        for (auto& p : ss.ports) {
          if (p.name != sp.name) continue;
          const std::string port = std::to_string(p.port);
          for (auto& a : ss.addresses) visit(a, true, &port);
          for (auto& a : ss.not_ready_addresses) visit(a, false, &port);
        }
      }
      list = join_strings(items, ",");
      if (more) list += " + " + std::to_string(static_cast<int64_t>(count) - static_cast<int64_t>(max)) + " more...";
    }
    w += "Endpoints:\t" + list + "\n";
  }
  w += "Session Affinity:\t" + svc.spec.session_affinity + "\n";
  if (!svc.spec.external_traffic_policy.empty()) w += "External Traffic Policy:\t" + svc.spec.external_traffic_policy + "\n";
  if (!svc.spec.internal_traffic_policy.empty()) w += "Internal Traffic Policy:\t" + svc.spec.internal_traffic_policy + "\n";
  if (show_events) describe_events(tw, w, events_for(s, svc.metadata, "Service"), now);
  return finish(tw, w);
}

std::string describe_endpoints(const store::Store& s, const api::Endpoints& ep, bool show_events) {
  TabWriter tw = new_writer();
  std::string w;
  w += "Name:\t" + ep.metadata.name + "\n";
  w += "Namespace:\t" + ep.metadata.namespace_ + "\n";
  print_labels_multiline(w, "Labels", ep.metadata.labels);
  print_annotations_multiline(w, "Annotations", ep.metadata.annotations);
  w += "Subsets:\n";
  for (auto& ss : ep.subsets) {
    std::vector<std::string> ready, not_ready;
    for (auto& a : ss.addresses) ready.push_back(a.ip);
    for (auto& a : ss.not_ready_addresses) not_ready.push_back(a.ip);
    w += "  Addresses:\t" + (ready.empty() ? std::string("<none>") : join_strings(ready, ",")) + "\n";
    w += "  NotReadyAddresses:\t" + (not_ready.empty() ? std::string("<none>") : join_strings(not_ready, ",")) + "\n";
    if (!ss.ports.empty()) {
      w += "  Ports:\n";
      w += "    Name\tPort\tProtocol\n";
      w += "    ----\t----\t--------\n";
      for (auto& p : ss.ports)
        w += "    " + (p.name.empty() ? std::string("<unset>") : p.name) + "\t" + std::to_string(p.port) + "\t" +
             p.protocol + "\n";
    }
    w += "\n";
  }
  if (show_events) describe_events(tw, w, events_for(s, ep.metadata, "Endpoints"), s.now());
  return finish(tw, w);
}

std::string describe_node(const store::Store& s, const api::Node& node, bool show_events) {
  const int64_t now = s.now();
  TabWriter tw = new_writer();
  std::string w;
  w += "Name:\t" + node.metadata.name + "\n";
  w += "Roles:\t" + node_roles_cell(node) + "\n";
  print_labels_multiline(w, "Labels", node.metadata.labels);
  print_annotations_multiline(w, "Annotations", node.metadata.annotations);
  w += "CreationTimestamp:\t" + rfc1123z(node.metadata.creation_ms) + "\n";
  print_taints_multiline(w, "Taints", node.spec.taints);
  w += std::string("Unschedulable:\t") + (node.spec.unschedulable ? "true" : "false") + "\n";
  // kubesim keeps no Lease objects: a Ready node's kubelet renews kube-node-lease/<node> every
  // 10 s (so the renewal shown is the last 10 s tick); a node that stopped reporting renewed it
  // last with its last heartbeat.
  int64_t renew_ms = 0;
  for (auto& cond : node.status.conditions) {
    if (cond.type != "Ready") continue;
    renew_ms = cond.last_heartbeat_ms;
    if (cond.status == "True" && now >= node.metadata.creation_ms)
      renew_ms = node.metadata.creation_ms + (now - node.metadata.creation_ms) / 10000 * 10000;
  }
  w += "Lease:\n";
  w += "  HolderIdentity:\t" + node.metadata.name + "\n";
  w += "  AcquireTime:\t<unset>\n";
  w += "  RenewTime:\t" + (renew_ms ? rfc1123z(renew_ms) : std::string("<unset>")) + "\n";
  if (!node.status.conditions.empty()) {
    w += "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n";
    w += "  ----\t------\t-----------------\t------------------\t------\t-------\n";
    for (auto& cond : node.status.conditions)
      w += "  " + cond.type + " \t" + cond.status + " \t" + rfc1123z(cond.last_heartbeat_ms) + " \t" +
           rfc1123z(cond.last_transition_ms) + " \t" + cond.reason + " \t" + cond.message + "\n";
  }
  w += "Addresses:\n";
  for (auto& a : node.status.addresses) w += "  " + a.type + ":\t" + a.address + "\n";
  auto resource_list = [&](const api::ResourceList& rl, int64_t pods) {
    if (rl.cpu_milli) w += "  cpu:\t" + api::cpu_string(rl) + "\n";
    if (node.status.ephemeral_storage_bytes > 0)
      w += "  ephemeral-storage:\t" + api::binary_bytes_string(node.status.ephemeral_storage_bytes) + "\n";
    w += "  hugepages-1Gi:\t0\n";
    w += "  hugepages-2Mi:\t" + (node.status.hugepages_bytes > 0 ? api::binary_bytes_string(node.status.hugepages_bytes)
                                                                : std::string("0")) + "\n";
    if (rl.memory_bytes) w += "  memory:\t" + api::memory_string(rl) + "\n";
    w += "  pods:\t" + std::to_string(pods) + "\n";
  };
  w += "Capacity:\n";
  resource_list(node.status.capacity, node.status.capacity_pods);
  w += "Allocatable:\n";
  resource_list(node.status.allocatable, node.status.allocatable_pods);
  const auto& info = node.status.node_info;
  w += "System Info:\n";
  w += "  Machine ID:\t" + info.machine_id + "\n";
  w += "  System UUID:\t" + info.system_uuid + "\n";
  w += "  Boot ID:\t" + info.boot_id + "\n";
  w += "  Kernel Version:\t" + info.kernel_version + "\n";
  w += "  OS Image:\t" + info.os_image + "\n";
  w += "  Operating System:\t" + info.operating_system + "\n";
  w += "  Architecture:\t" + info.architecture + "\n";
  w += "  Container Runtime Version:\t" + info.container_runtime_version + "\n";
  w += "  Kubelet Version:\t" + info.kubelet_version + "\n";
  w += "  Kube-Proxy Version:\t" + info.kube_proxy_version + "\n";
  if (!node.spec.pod_cidr.empty()) w += "PodCIDR:\t" + node.spec.pod_cidr + "\n";
  if (!node.spec.pod_cidrs.empty()) w += "PodCIDRs:\t" + join_strings(node.spec.pod_cidrs, ",") + "\n";

  // [describeNodeResource] non-terminated pods on the node, in API list order
  std::vector<const api::Pod*> pods;
  for (auto& key : s.pods_on_node(node.metadata.name))
    if (const api::Pod* p = s.pods().get(key); p && p->status.phase != "Succeeded" && p->status.phase != "Failed")
      pods.push_back(p);
  const api::ResourceList& alloc = (node.status.allocatable.cpu_milli || node.status.allocatable.memory_bytes)
                                       ? node.status.allocatable
                                       : node.status.capacity;
  const int64_t alloc_cpu = alloc.cpu_milli.value_or(0), alloc_mem = alloc.memory_bytes.value_or(0);
  w += "Non-terminated Pods:\t(" + std::to_string(pods.size()) + " in total)\n";
  w += "  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n";
  w += "  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n";
  QuantitySum total_cpu_req, total_cpu_lim, total_mem_req, total_mem_lim;
  for (const api::Pod* p : pods) {
    QuantitySum cpu_req, cpu_lim, mem_req, mem_lim;
    for (auto& ct : p->spec.containers) {
      cpu_req.add_cpu(ct.requests);
      cpu_lim.add_cpu(ct.limits);
      mem_req.add_memory(ct.requests);
      mem_lim.add_memory(ct.limits);
      total_cpu_req.add_cpu(ct.requests);
      total_cpu_lim.add_cpu(ct.limits);
      total_mem_req.add_memory(ct.requests);
      total_mem_lim.add_memory(ct.limits);
    }
    w += "  " + p->metadata.namespace_ + "\t" + p->metadata.name + "\t\t" + cpu_req.cpu_text() + " (" +
         std::to_string(percent(cpu_req.value, alloc_cpu)) + "%)\t" + cpu_lim.cpu_text() + " (" +
         std::to_string(percent(cpu_lim.value, alloc_cpu)) + "%)\t" + mem_req.memory_text() + " (" +
         std::to_string(percent(mem_req.value, alloc_mem)) + "%)\t" + mem_lim.memory_text() + " (" +
         std::to_string(percent(mem_lim.value, alloc_mem)) + "%)\t" + age(now, p->metadata.creation_ms) + "\n";
  }
  w += "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n";
  w += "  Resource\tRequests\tLimits\n";
  w += "  --------\t--------\t------\n";
  w += "  cpu\t" + total_cpu_req.cpu_text() + " (" + std::to_string(percent(total_cpu_req.value, alloc_cpu)) + "%)\t" +
       total_cpu_lim.cpu_text() + " (" + std::to_string(percent(total_cpu_lim.value, alloc_cpu)) + "%)\n";
  w += "  memory\t" + total_mem_req.memory_text() + " (" + std::to_string(percent(total_mem_req.value, alloc_mem)) +
       "%)\t" + total_mem_lim.memory_text() + " (" + std::to_string(percent(total_mem_lim.value, alloc_mem)) + "%)\n";
  w += "  ephemeral-storage\t0 (0%)\t0 (0%)\n";
  w += "  hugepages-1Gi\t0 (0%)\t0 (0%)\n";
  w += "  hugepages-2Mi\t0 (0%)\t0 (0%)\n";
  if (show_events) describe_events(tw, w, events_for(s, node.metadata, "Node"), now);
  return finish(tw, w);
}

std::string describe_namespace(const store::Store& /*s*/, const api::Namespace& ns) {
  TabWriter tw = new_writer();
  std::string w;
  w += "Name:\t" + ns.metadata.name + "\n";
  print_labels_multiline(w, "Labels", ns.metadata.labels);
  print_annotations_multiline(w, "Annotations", ns.metadata.annotations);
  w += "Status:\t" + ns.phase + "\n";
  w += "\nNo resource quota.\n";
  w += "\nNo LimitRange resource.\n";
  return finish(tw, w);
}

std::string describe_event(const store::Store& s, const api::Event& ev, bool show_events) {
  TabWriter tw = new_writer();
  std::string w;
  w += "Name:\t" + ev.metadata.name + "\n";
  w += "Namespace:\t" + ev.metadata.namespace_ + "\n";
  print_labels_multiline(w, "Labels", ev.metadata.labels);
  print_annotations_multiline(w, "Annotations", ev.metadata.annotations);
  static const std::set<std::string> kSkip = {".metadata.managedFields", ".metadata.name", ".metadata.namespace",
                                              ".metadata.labels", ".metadata.annotations"};
  print_unstructured(w, 0, api::to_json(ev), "", kSkip);
  if (show_events) describe_events(tw, w, events_for(s, ev.metadata, "Event"), s.now());
  return finish(tw, w);
}

std::string describe_object(const store::Store& s, store::Kind kind, const std::string& ns, const std::string& name,
                            bool show_events) {
  using K = store::Kind;
  switch (kind) {
    case K::Pod:
      if (auto* o = s.pods().get(ns, name)) return describe_pod(s, *o, show_events);
      break;
    case K::Deployment:
      if (auto* o = s.deployments().get(ns, name)) return describe_deployment(s, *o, show_events);
      break;
    case K::ReplicaSet:
      if (auto* o = s.replicasets().get(ns, name)) return describe_replicaset(s, *o, show_events);
      break;
    case K::Service:
      if (auto* o = s.services().get(ns, name)) return describe_service(s, *o, show_events);
      break;
    case K::Endpoints:
      if (auto* o = s.endpoints().get(ns, name)) return describe_endpoints(s, *o, show_events);
      break;
    case K::Node:
      if (auto* o = s.nodes().get("", name)) return describe_node(s, *o, show_events);
      break;
    case K::Namespace:
      if (auto* o = s.namespaces().get("", name)) return describe_namespace(s, *o);
      break;
    case K::Event:
      if (auto* o = s.events().get(ns, name)) return describe_event(s, *o, show_events);
      break;
  }
  return "";
}

// [SECTION] the command ------------------------------------------------------------------------------
namespace {
// Real kubectl would describe 150,000 pods; a browser tab stops once the text is larger than a
// terminal could show (the shell keeps at most 8 MiB of one line's output anyway).
constexpr size_t kMaxDescribeBytes = 8u << 20;

int too_much_output(Env& env) {
  return print_error(env, "kubesim: describe stopped after 8 MiB of output; narrow it down with a name or -l selector");
}
}  // namespace

int cmd_describe(const std::vector<std::string>& args, Env& env) {
  static const std::vector<FlagSpec> kSpecs = {
      {"selector", 'l', FlagSpec::String, ""},
      {"all-namespaces", 'A', FlagSpec::Bool, "false"},
      {"show-events", 0, FlagSpec::Bool, "true"},
      {"chunk-size", 0, FlagSpec::Int, "500"},
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"kustomize", 'k', FlagSpec::String, ""},
      {"recursive", 'R', FlagSpec::Bool, "false"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, kSpecs, "kubectl describe", env, flags, status)) return status;
  if (flags.has("filename") || flags.has("kustomize"))
    return print_error(env, "kubesim: `kubectl describe` reads objects from the cluster only (-f and -k are not simulated)");

  const store::Store& st = env.cluster.store;
  const std::string ns = namespace_of(flags, env);
  const bool all_ns = flags.get_bool("all-namespaces");
  const bool show_events = !flags.has("show-events") || flags.get_bool("show-events");  // default true
  const std::vector<std::string>& positional = flags.positional;

  if (positional.empty())
    return print_error(env, "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a "
                            "complete list of supported resources.\n");

  std::string label_text = flags.get("selector");
  {
    const char* ws = " \t\n\r\v\f";
    size_t b = label_text.find_first_not_of(ws);
    label_text = b == std::string::npos ? "" : label_text.substr(b, label_text.find_last_not_of(ws) - b + 1);
  }
  ResourceRequests plan;
  if (std::string e = parse_resource_args(positional, !label_text.empty(), all_ns, plan); !e.empty())
    return print_error(env, e);
  LabelSelector label_sel;
  const std::string label_err = parse_label_selector(label_text, label_sel);

  struct Found {
    store::Kind kind;
    std::string ns, name;
  };
  std::vector<Found> infos;
  std::vector<std::string> errors;
  bool not_found = false;
  for (auto& req : plan.requests) {
    const ResourceType& rt = *req.type;
    if (req.is_list) {
      if (!label_err.empty()) {
        errors.push_back(selector_error(rt, label_text, "", label_err));
        continue;
      }
      for (ObjectRef o : list_objects(st, rt, ns, all_ns)) {
        const api::ObjectMeta& m = object_meta(o);
        if (label_sel.matches(m.labels)) infos.push_back({rt.kind, m.namespace_, m.name});
      }
    } else if (auto o = find_object(st, rt, ns, req.name)) {
      infos.push_back({rt.kind, object_meta(*o).namespace_, req.name});
    } else {
      not_found = true;
      errors.push_back("Error from server (NotFound): " + rt.qualified_plural() + " \"" + req.name + "\" not found");
    }
  }

  // One index of events for all the descriptions of this command.
  EventIndex index;
  index.store = &st;
  if (show_events)
    st.events().for_each_subject([&](const store::EventTable::SubjectView& who, uint64_t seq) {
      auto it = index.by_uid.find(who.uid);
      if (it == index.by_uid.end()) it = index.by_uid.emplace(std::string(who.uid), std::vector<uint64_t>{}).first;
      it->second.push_back(seq);
    });
  struct IndexScope {
    explicit IndexScope(const EventIndex* i) { g_event_index = i; }
    ~IndexScope() { g_event_index = nullptr; }
  } scope(&index);

  // `describe TYPE NAME_PREFIX`: no exact match, so every object whose name starts with it.
  if (not_found && positional.size() == 2) {
    const ResourceType* rt = resolve_resource(positional[0]);
    if (positional[0].find(',') != std::string::npos || !rt) {
      return print_error(env, rt ? "you may only specify a single resource type" : unknown_resource_type_error(positional[0]));
    }
    bool found = false;
    size_t bytes = 0;
    for (ObjectRef o : list_objects(st, *rt, ns, false)) {
      const api::ObjectMeta& m = object_meta(o);
      if (m.name.rfind(positional[1], 0) != 0) continue;
      found = true;
      if (bytes > kMaxDescribeBytes) return too_much_output(env);
      std::string text = describe_object(st, rt->kind, m.namespace_, m.name, show_events) + "\n";
      bytes += text.size();
      env.out.out(text);
    }
    if (found) return 0;
    return print_raw_error(env, errors.front());
  }

  bool first = true;
  size_t bytes = 0;
  for (auto& f : infos) {
    if (bytes > kMaxDescribeBytes) return too_much_output(env);
    std::string text = describe_object(st, f.kind, f.ns, f.name, show_events);
    bytes += text.size();
    env.out.out(first ? text : "\n\n" + text);
    first = false;
  }
  if (infos.empty() && errors.empty()) {
    if (all_ns) env.out.err("No resources found\n");
    else env.out.err("No resources found in " + ns + " namespace.\n");
  }
  for (auto& e : errors) env.out.err(e + "\n");
  return errors.empty() ? 0 : 1;
}

}  // namespace kubesim::kubectl
