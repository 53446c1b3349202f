// kubesim — objects <-> JSON in the real API shape, and Go-compatible JSON text (see json.h).
#include "api/json.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <set>
#include <unordered_map>
#include <vector>

#include "api/quantity.h"
#include "kubectl/timefmt.h"

namespace kubesim::api {

using nlohmann::json;

// [SECTION] Go number formatting ---------------------------------------------------------------------
namespace {

// Shortest decimal digits that round-trip to `v` (v finite, > 0): digits "d1d2…" and the decimal
// exponent of d1 (v ≈ d1.d2… × 10^exp). printf with increasing precision is correctly rounded on
// glibc and musl alike, so this is deterministic across the native and wasm builds.
void shortest_digits(double v, std::string& digits, int& exp10) {
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
    if (std::strtod(buf, nullptr) == v || prec == 17) break;
  }
  // buf = "d.ddde±XX"
  digits.clear();
  const char* p = buf;
  for (; *p && *p != 'e'; ++p)
    if (*p >= '0' && *p <= '9') digits.push_back(*p);
  exp10 = *p == 'e' ? std::atoi(p + 1) : 0;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
}

std::string exp_suffix(int e) {
  std::string s = e < 0 ? "e-" : "e+";
  int a = e < 0 ? -e : e;
  if (a < 10) s += '0';
  return s + std::to_string(a);
}

std::string format_e(const std::string& digits, int exp10) {
  std::string s(1, digits[0]);
  if (digits.size() > 1) s += "." + digits.substr(1);
  return s + exp_suffix(exp10);
}

std::string format_f(const std::string& digits, int exp10) {
  const int nd = static_cast<int>(digits.size());
  const int dp = exp10 + 1;  // digits before the decimal point
  std::string s;
  if (dp <= 0) {
    s = "0." + std::string(static_cast<size_t>(-dp), '0') + digits;
  } else if (dp >= nd) {
    s = digits + std::string(static_cast<size_t>(dp - nd), '0');
  } else {
    s = digits.substr(0, static_cast<size_t>(dp)) + "." + digits.substr(static_cast<size_t>(dp));
  }
  return s;
}

}  // namespace

std::string go_format_float(double v, char fmt, int prec) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  const bool neg = std::signbit(v);
  const double a = std::fabs(v);
  std::string body;
  if (prec < 0) {
    if (a == 0) {
      body = fmt == 'e' ? "0e+00" : "0";
    } else {
      std::string digits;
      int exp10 = 0;
      shortest_digits(a, digits, exp10);
      if (fmt == 'e') {
        body = format_e(digits, exp10);
      } else if (fmt == 'f') {
        body = format_f(digits, exp10);
      } else {
        // strconv 'g' with the shortest precision switches to %e when exp < -4 || exp >= 6.
        body = (exp10 < -4 || exp10 >= 6) ? format_e(digits, exp10) : format_f(digits, exp10);
      }
    }
  } else {
    char buf[512];
    const char f = fmt == 'e' ? 'e' : fmt == 'f' ? 'f' : 'g';
    char spec[8] = {'%', '.', '*', f, 0};
    std::snprintf(buf, sizeof buf, spec, prec, a);
    body = buf;
  }
  return neg ? "-" + body : body;
}

std::string go_json_number(const json& v) {
  if (v.is_number_integer()) {
    if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
    return std::to_string(v.get<int64_t>());
  }
  const double f = v.get<double>();
  if (!std::isfinite(f)) return "null";
  const double a = std::fabs(f);
  if (a != 0 && (a < 1e-6 || a >= 1e21)) {
    std::string s = go_format_float(f, 'e', -1);
    // "1e-07" -> "1e-7" (encoding/json trims the exponent's leading zero for negative exponents)
    const size_t n = s.size();
    if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') s.erase(n - 2, 1);
    return s;
  }
  return go_format_float(f, 'f', -1);
}

// [SECTION] Go JSON text -----------------------------------------------------------------------------
std::string go_json_quote(const std::string& s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      switch (b) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '<': case '>': case '&':
          out += "\\u00"; out += hex[b >> 4]; out += hex[b & 0xF]; break;
        default:
          if (b < 0x20) { out += "\\u00"; out += hex[b >> 4]; out += hex[b & 0xF]; }
          else out.push_back(static_cast<char>(b));
      }
      ++i;
      continue;
    }
    // Multi-byte UTF-8: validate; invalid bytes become U+FFFD; U+2028/2029 are escaped.
    int len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + static_cast<size_t>(len) <= s.size();
    uint32_t cp = 0;
    if (ok) {
      cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
      for (int k = 1; k < len; ++k) {
        const unsigned char c = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
        if ((c & 0xC0) != 0x80) { ok = false; break; }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (ok && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                 (cp >= 0xD800 && cp <= 0xDFFF)))
        ok = false;
    }
    if (!ok) { out += "\\ufffd"; ++i; continue; }
    if (cp == 0x2028 || cp == 0x2029) { out += cp == 0x2028 ? "\\u2028" : "\\u2029"; }
    else out.append(s, i, static_cast<size_t>(len));
    i += static_cast<size_t>(len);
  }
  out.push_back('"');
  return out;
}

// Go encodes a typed object's fields in the order its struct declares them (maps: sorted keys).
// The fields of the objects kubectl prints typed (the ones it creates: Deployment, Pod, Service,
// Namespace), in declaration order; a key missing here sorts after these, alphabetically.
static int struct_field_rank(const std::string& key) {
  static const std::unordered_map<std::string, int> kRank = [] {
    static const char* kOrder[] = {
        // TypeMeta, then the object
        "kind", "apiVersion", "metadata", "spec", "status",
        // ObjectMeta
        "name", "generateName",
        // clientcmd v1 (kubeconfig): NamedCluster/NamedUser/NamedContext/NamedExtension, Context
        "cluster", "user", "context", "extension",
        "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields",
        // DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment, LabelSelector, PodTemplateSpec
        "replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit", "paused",
        "progressDeadlineSeconds", "rollingUpdate", "maxUnavailable", "maxSurge", "matchLabels", "matchExpressions",
        // PodSpec
        "volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds",
        "activeDeadlineSeconds", "dnsPolicy", "nodeSelector", "serviceAccountName", "serviceAccount",
        "automountServiceAccountToken", "nodeName", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace",
        "securityContext", "imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName", "tolerations",
        "hostAliases", "priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName",
        "enableServiceLinks", "preemptionPolicy", "overhead", "topologySpreadConstraints",
        // Container, ContainerPort, EnvVar, ResourceRequirements
        "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "volumeMounts",
        "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
        "terminationMessagePolicy", "imagePullPolicy", "stdin", "stdinOnce", "tty", "hostPort", "containerPort",
        "protocol", "hostIP", "value", "valueFrom", "limits", "requests",
        // ServiceSpec, ServicePort, statuses
        "clusterIP", "clusterIPs", "type", "externalIPs", "sessionAffinity", "loadBalancerIP",
        "loadBalancerSourceRanges", "externalName", "externalTrafficPolicy", "healthCheckNodePort",
        "publishNotReadyAddresses", "sessionAffinityConfig", "ipFamilies", "ipFamilyPolicy",
        "allocateLoadBalancerNodePorts", "loadBalancerClass", "internalTrafficPolicy", "appProtocol", "port",
        "targetPort", "nodePort", "loadBalancer", "phase", "conditions", "qosClass",
        // clientcmd v1: Config, Cluster, AuthInfo (each struct's extensions come last)
        "preferences", "clusters", "users", "contexts", "current-context", "server", "tls-server-name",
        "insecure-skip-tls-verify", "certificate-authority", "certificate-authority-data", "proxy-url",
        "disable-compression", "client-certificate", "client-certificate-data", "client-key", "client-key-data",
        "token", "extensions"};
    std::unordered_map<std::string, int> m;
    int r = 0;
    for (const char* k : kOrder) m.emplace(k, r++);
    return m;
  }();
  auto it = kRank.find(key);
  return it == kRank.end() ? INT_MAX : it->second;
}

// Fields whose value is a Go map (keys sorted), not a struct.
static bool is_map_field(const std::string& key) {
  static const char* kMaps[] = {"labels", "annotations", "matchLabels", "nodeSelector", "limits", "requests"};
  for (const char* k : kMaps) if (key == k) return true;
  return false;
}

static void go_json_write(const json& v, const std::string* indent, int depth, std::string& out,
                          bool struct_order = false) {
  auto newline = [&](int d) {
    out.push_back('\n');
    for (int k = 0; k < d; ++k) out += *indent;
  };
  switch (v.type()) {
    case json::value_t::null: out += "null"; break;
    case json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: out += go_json_number(v); break;
    case json::value_t::string: out += go_json_quote(v.get_ref<const std::string&>()); break;
    case json::value_t::array: {
      if (v.empty()) { out += "[]"; break; }
      out.push_back('[');
      bool first = true;
      for (auto& e : v) {
        if (!first) out.push_back(',');
        first = false;
        if (indent) newline(depth + 1);
        go_json_write(e, indent, depth + 1, out, struct_order);
      }
      if (indent) newline(depth);
      out.push_back(']');
      break;
    }
    case json::value_t::object: {
      if (v.empty()) { out += "{}"; break; }
      out.push_back('{');
      std::vector<json::const_iterator> fields;
      for (auto it = v.begin(); it != v.end(); ++it) fields.push_back(it);  // sorted by key
      if (struct_order)
        std::stable_sort(fields.begin(), fields.end(), [](const json::const_iterator& a, const json::const_iterator& b) {
          return struct_field_rank(a.key()) < struct_field_rank(b.key());
        });
      bool first = true;
      for (auto& it : fields) {
        if (!first) out.push_back(',');
        first = false;
        if (indent) newline(depth + 1);
        out += go_json_quote(it.key());
        out += indent ? ": " : ":";
        // A map field's keys stay sorted; so do a Service's selector (a map, where a Deployment's
        // is a LabelSelector struct).
        const bool map = is_map_field(it.key()) ||
                         (it.key() == "selector" && it.value().is_object() && !it.value().contains("matchLabels") &&
                          !it.value().contains("matchExpressions"));
        go_json_write(it.value(), indent, depth + 1, out, struct_order && !map);
      }
      if (indent) newline(depth);
      out.push_back('}');
      break;
    }
    default: out += "null"; break;  // binary / discarded: never produced here
  }
}

std::string go_json_marshal(const json& v) {
  std::string out;
  go_json_write(v, nullptr, 0, out);
  return out;
}

std::string go_json_indent(const json& v, const std::string& indent) {
  std::string out;
  go_json_write(v, &indent, 0, out);
  return out;
}

std::string go_json_indent_typed(const json& v, const std::string& indent) {
  std::string out;
  go_json_write(v, &indent, 0, out, true);
  return out;
}

static void go_json_write_struct(const json& v, const GoStruct* s, const std::string& indent, int depth, std::string& out) {
  auto newline = [&](int d) {
    out.push_back('\n');
    for (int k = 0; k < d; ++k) out += indent;
  };
  if (!s || v.empty() || (!v.is_object() && !v.is_array())) {
    // A map or a plain value: its text from the usual writer, indented to this depth.
    std::string text;
    go_json_write(v, &indent, depth, text);
    out += text;
    return;
  }
  if (v.is_array()) {  // a list of structs
    out.push_back('[');
    bool first = true;
    for (auto& e : v) {
      if (!first) out.push_back(',');
      first = false;
      newline(depth + 1);
      go_json_write_struct(e, s, indent, depth + 1, out);
    }
    newline(depth);
    out.push_back(']');
    return;
  }
  std::vector<std::pair<std::string, const GoStruct*>> keys;
  for (auto& [name, sub] : s->fields)
    if (v.contains(name)) keys.emplace_back(name, sub);
  for (auto it = v.begin(); it != v.end(); ++it) {
    bool listed = false;
    for (auto& [name, sub] : s->fields) listed = listed || name == it.key();
    if (!listed) keys.emplace_back(it.key(), nullptr);
  }
  out.push_back('{');
  bool first = true;
  for (auto& [name, sub] : keys) {
    if (!first) out.push_back(',');
    first = false;
    newline(depth + 1);
    out += go_json_quote(name) + ": ";
    go_json_write_struct(v.at(name), sub, indent, depth + 1, out);
  }
  newline(depth);
  out.push_back('}');
}

std::string go_json_indent_struct(const json& v, const GoStruct& s, const std::string& indent) {
  std::string out;
  go_json_write_struct(v, &s, indent, 0, out);
  return out;
}

namespace {
const GoStruct kGoObjectMeta{{{"name", nullptr}, {"generateName", nullptr}, {"namespace", nullptr}, {"selfLink", nullptr},
                              {"uid", nullptr}, {"resourceVersion", nullptr}, {"generation", nullptr},
                              {"creationTimestamp", nullptr}, {"deletionTimestamp", nullptr},
                              {"deletionGracePeriodSeconds", nullptr}, {"labels", nullptr}, {"annotations", nullptr},
                              {"ownerReferences", nullptr}, {"finalizers", nullptr}, {"managedFields", nullptr}}};
const GoStruct kGoObjectReference{{{"kind", nullptr}, {"namespace", nullptr}, {"name", nullptr}, {"uid", nullptr},
                                   {"apiVersion", nullptr}, {"resourceVersion", nullptr}, {"fieldPath", nullptr}}};
const GoStruct kGoEventSource{{{"component", nullptr}, {"host", nullptr}}};
const GoStruct kGoEventSeries{{{"count", nullptr}, {"lastObservedTime", nullptr}}};
}  // namespace
const GoStruct kGoEvent{{{"kind", nullptr}, {"apiVersion", nullptr}, {"metadata", &kGoObjectMeta},
                         {"involvedObject", &kGoObjectReference}, {"reason", nullptr}, {"message", nullptr},
                         {"source", &kGoEventSource}, {"firstTimestamp", nullptr}, {"lastTimestamp", nullptr},
                         {"count", nullptr}, {"type", nullptr}, {"eventTime", nullptr}, {"series", &kGoEventSeries},
                         {"action", nullptr}, {"related", &kGoObjectReference}, {"reportingComponent", nullptr},
                         {"reportingInstance", nullptr}}};
namespace {
const GoStruct kGoListMeta{{{"selfLink", nullptr}, {"resourceVersion", nullptr}, {"continue", nullptr},
                            {"remainingItemCount", nullptr}}};
}  // namespace

const GoStruct kGoEventList{{{"kind", nullptr}, {"apiVersion", nullptr}, {"metadata", &kGoListMeta}, {"items", &kGoEvent}}};

// [SECTION] object -> JSON helpers ------------------------------------------------------------------
namespace {

json labels_json(const Labels& l) {
  json j = json::object();
  for (auto& [k, v] : l) j[k] = v;
  return j;
}

json time_or_null(int64_t ms) { return ms == 0 ? json(nullptr) : json(kubectl::rfc3339(ms)); }

json owner_ref_json(const OwnerReference& o) {
  json j;
  j["apiVersion"] = o.api_version;
  j["blockOwnerDeletion"] = o.block_owner_deletion;
  j["controller"] = o.controller;
  j["kind"] = o.kind;
  j["name"] = o.name;
  j["uid"] = o.uid;
  return j;
}

json int_or_string_json(const IntOrString& v) {
  return v.is_string ? json(v.str_value) : json(v.int_value);
}

json selector_json(const LabelSelector& s) {
  json j = json::object();
  if (!s.match_labels.empty()) j["matchLabels"] = labels_json(s.match_labels);
  return j;
}

json resource_list_json(const ResourceList& r) {
  json j = json::object();
  const std::string cpu = cpu_string(r), mem = memory_string(r);
  if (!cpu.empty()) j["cpu"] = cpu;
  if (!mem.empty()) j["memory"] = mem;
  return j;
}

json toleration_json(const Toleration& t) {
  json j;
  if (!t.effect.empty()) j["effect"] = t.effect;
  if (!t.key.empty()) j["key"] = t.key;
  if (!t.op.empty()) j["operator"] = t.op;
  if (t.toleration_seconds) j["tolerationSeconds"] = *t.toleration_seconds;
  if (!t.value.empty()) j["value"] = t.value;
  return j;
}

json api_volume_mount_json(const std::string& volume, bool status_form) {
  json m;
  m["mountPath"] = "/var/run/secrets/kubernetes.io/serviceaccount";
  m["name"] = volume;
  m["readOnly"] = true;
  if (status_form) m["recursiveReadOnly"] = "Disabled";
  return m;
}

json api_volume_json(const std::string& volume) {
  json sa;
  sa["serviceAccountToken"] = {{"expirationSeconds", 3607}, {"path", "token"}};
  json cm;
  cm["configMap"] = {{"items", json::array({{{"key", "ca.crt"}, {"path", "ca.crt"}}})}, {"name", "kube-root-ca.crt"}};
  json da;
  da["downwardAPI"] = {
      {"items", json::array({{{"fieldRef", {{"apiVersion", "v1"}, {"fieldPath", "metadata.namespace"}}},
                              {"path", "namespace"}}})}};
  json v;
  v["name"] = volume;
  v["projected"] = {{"defaultMode", 420}, {"sources", json::array({sa, cm, da})}};
  return v;
}

json container_state_json(const ContainerState& s, const std::string& container_id) {
  json j = json::object();
  if (s.running) {
    j["running"] = {{"startedAt", time_or_null(s.running->started_ms)}};
  } else if (s.terminated) {
    const auto& t = *s.terminated;
    json tj;
    if (!container_id.empty()) tj["containerID"] = container_id;
    tj["exitCode"] = t.exit_code;
    tj["finishedAt"] = time_or_null(t.finished_ms);
    if (!t.message.empty()) tj["message"] = t.message;
    if (!t.reason.empty()) tj["reason"] = t.reason;
    if (t.signal != 0) tj["signal"] = t.signal;
    tj["startedAt"] = time_or_null(t.started_ms);
    j["terminated"] = tj;
  } else if (s.waiting) {
    json w = json::object();
    if (!s.waiting->message.empty()) w["message"] = s.waiting->message;
    if (!s.waiting->reason.empty()) w["reason"] = s.waiting->reason;
    j["waiting"] = w;
  }
  return j;
}

}  // namespace

nlohmann::json resources_to_json(const ResourceList& requests, const ResourceList& limits) {
  json j = json::object();
  if (!limits.empty()) j["limits"] = resource_list_json(limits);
  if (!requests.empty()) j["requests"] = resource_list_json(requests);
  return j;
}

json to_json(const ObjectMeta& m) {
  json j = json::object();
  if (!m.annotations.empty()) j["annotations"] = labels_json(m.annotations);
  if (m.creation_ms != 0) j["creationTimestamp"] = kubectl::rfc3339(m.creation_ms);
  if (m.deletion_grace_period_seconds) j["deletionGracePeriodSeconds"] = *m.deletion_grace_period_seconds;
  if (m.deletion_ms) j["deletionTimestamp"] = kubectl::rfc3339(*m.deletion_ms);
  if (!m.finalizers.empty()) j["finalizers"] = m.finalizers;
  if (!m.generate_name.empty()) j["generateName"] = m.generate_name;
  if (m.generation != 0) j["generation"] = m.generation;
  if (!m.labels.empty()) j["labels"] = labels_json(m.labels);
  if (!m.name.empty()) j["name"] = m.name;
  if (!m.namespace_.empty()) j["namespace"] = m.namespace_;
  if (!m.owner_references.empty()) {
    json refs = json::array();
    for (auto& o : m.owner_references) refs.push_back(owner_ref_json(o));
    j["ownerReferences"] = refs;
  }
  if (m.resource_version != 0) j["resourceVersion"] = std::to_string(m.resource_version);
  if (!m.uid.empty()) j["uid"] = m.uid;
  return j;
}

json container_to_json(const Container& c) {
  json j;
  if (!c.args.empty()) j["args"] = c.args;
  if (!c.command.empty()) j["command"] = c.command;
  if (!c.env.empty()) {
    json env = json::array();
    for (auto& e : c.env) {
      json ej;
      ej["name"] = e.name;
      if (!e.value.empty()) ej["value"] = e.value;
      env.push_back(ej);
    }
    j["env"] = env;
  }
  j["image"] = c.image;
  if (!c.image_pull_policy.empty()) j["imagePullPolicy"] = c.image_pull_policy;
  j["name"] = c.name;
  if (!c.ports.empty()) {
    json ports = json::array();
    for (auto& p : c.ports) {
      json pj;
      pj["containerPort"] = p.container_port;
      if (!p.name.empty()) pj["name"] = p.name;
      pj["protocol"] = p.protocol.empty() ? "TCP" : p.protocol;
      ports.push_back(pj);
    }
    j["ports"] = ports;
  }
  j["resources"] = resources_to_json(c.requests, c.limits);
  if (!c.termination_message_path.empty()) j["terminationMessagePath"] = c.termination_message_path;
  if (!c.termination_message_policy.empty()) j["terminationMessagePolicy"] = c.termination_message_policy;
  if (c.stdin_open) j["stdin"] = true;
  if (c.stdin_once) j["stdinOnce"] = true;
  if (c.tty) j["tty"] = true;
  return j;
}

json pod_spec_to_json(const PodSpec& s, bool is_template, const std::string& api_volume_name) {
  json j;
  json containers = json::array();
  for (auto& c : s.containers) {
    json cj = container_to_json(c);
    if (!is_template && !api_volume_name.empty())
      cj["volumeMounts"] = json::array({api_volume_mount_json(api_volume_name, false)});
    containers.push_back(cj);
  }
  j["containers"] = containers;
  if (!s.dns_policy.empty()) j["dnsPolicy"] = s.dns_policy;
  if (!is_template) j["enableServiceLinks"] = true;
  if (!s.node_name.empty()) j["nodeName"] = s.node_name;
  if (!s.node_selector.empty()) j["nodeSelector"] = labels_json(s.node_selector);
  if (!is_template) {
    j["preemptionPolicy"] = "PreemptLowerPriority";
    j["priority"] = s.priority;
  } else if (s.priority != 0) {
    j["priority"] = s.priority;
  }
  if (!s.priority_class_name.empty()) j["priorityClassName"] = s.priority_class_name;
  if (!s.restart_policy.empty()) j["restartPolicy"] = s.restart_policy;
  if (!s.scheduler_name.empty()) j["schedulerName"] = s.scheduler_name;
  j["securityContext"] = json::object();
  // Templates only carry a service account the user named; pods get one at admission.
  if (!s.service_account_name.empty() && (!is_template || s.service_account_name != "default")) {
    j["serviceAccount"] = s.service_account_name;
    j["serviceAccountName"] = s.service_account_name;
  }
  j["terminationGracePeriodSeconds"] = s.termination_grace_period_seconds;
  if (!s.tolerations.empty()) {
    json t = json::array();
    for (auto& tol : s.tolerations) t.push_back(toleration_json(tol));
    j["tolerations"] = t;
  }
  if (!is_template && !api_volume_name.empty()) j["volumes"] = json::array({api_volume_json(api_volume_name)});
  return j;
}

json to_json(const PodTemplateSpec& t) {
  json meta = json::object();
  if (!t.annotations.empty()) meta["annotations"] = labels_json(t.annotations);
  if (!t.labels.empty()) meta["labels"] = labels_json(t.labels);
  json j;
  j["metadata"] = meta;
  j["spec"] = pod_spec_to_json(t.spec, true);
  return j;
}

json to_json_list(std::vector<json> items) {
  json j;
  j["apiVersion"] = "v1";
  j["items"] = json::array();
  for (auto& i : items) j["items"].push_back(std::move(i));
  j["kind"] = "List";
  j["metadata"] = {{"resourceVersion", ""}};
  return j;
}

std::string kube_api_access_volume_name(const Pod& p) {
  static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  // FNV-1a over the uid (or the name, before the store assigned a uid).
  uint64_t h = 1469598103934665603ULL;
  const std::string& key = p.metadata.uid.empty() ? p.metadata.name : p.metadata.uid;
  for (unsigned char c : key) { h ^= c; h *= 1099511628211ULL; }
  std::string s = "kube-api-access-";
  for (int i = 0; i < 5; ++i) { s.push_back(kAlphabet[h % 27]); h /= 27; }
  return s;
}

// [SECTION] objects -> JSON ---------------------------------------------------------------------------
json to_json(const Pod& o) {
  json j;
  j["apiVersion"] = "v1";
  j["kind"] = "Pod";
  j["metadata"] = to_json(o.metadata);
  const std::string vol = kube_api_access_volume_name(o);
  j["spec"] = pod_spec_to_json(o.spec, false, vol);

  const auto& st = o.status;
  json s = json::object();
  const int64_t gen = o.metadata.generation;
  if (!st.conditions.empty()) {
    json conds = json::array();
    for (auto& c : st.conditions) {
      json cj;
      cj["lastProbeTime"] = time_or_null(c.last_probe_ms);
      cj["lastTransitionTime"] = time_or_null(c.last_transition_ms);
      if (!c.message.empty()) cj["message"] = c.message;
      if (gen != 0) cj["observedGeneration"] = gen;
      if (!c.reason.empty()) cj["reason"] = c.reason;
      cj["status"] = c.status;
      cj["type"] = c.type;
      conds.push_back(cj);
    }
    s["conditions"] = conds;
  }
  if (!st.container_statuses.empty()) {
    json css = json::array();
    for (auto& cs : st.container_statuses) {
      json cj;
      if (!cs.container_id.empty()) cj["containerID"] = cs.container_id;
      cj["image"] = cs.image;
      cj["imageID"] = cs.image_id;
      cj["lastState"] = container_state_json(cs.last_state, "");
      cj["name"] = cs.name;
      cj["ready"] = cs.ready;
      // The kubelet (InPlacePodVerticalScaling, on by default since v1.33) reports the
      // container's allocated requests/limits.
      json res = json::object();
      for (auto& c : o.spec.containers)
        if (c.name == cs.name) res = resources_to_json(c.requests, c.limits);
      cj["resources"] = res;
      cj["restartCount"] = cs.restart_count;
      cj["started"] = cs.started;
      cj["state"] = container_state_json(cs.state, cs.container_id);
      cj["volumeMounts"] = json::array({api_volume_mount_json(vol, true)});
      css.push_back(cj);
    }
    s["containerStatuses"] = css;
  }
  if (!st.host_ip.empty()) {
    s["hostIP"] = st.host_ip;
    s["hostIPs"] = json::array({{{"ip", st.host_ip}}});
  }
  if (!st.message.empty()) s["message"] = st.message;
  if (gen != 0 && !st.conditions.empty()) s["observedGeneration"] = gen;
  if (!st.phase.empty()) s["phase"] = st.phase;
  if (!st.pod_ip.empty()) {
    s["podIP"] = st.pod_ip;
    s["podIPs"] = json::array({{{"ip", st.pod_ip}}});
  }
  if (!st.qos_class.empty()) s["qosClass"] = st.qos_class;
  if (!st.reason.empty()) s["reason"] = st.reason;
  if (st.start_ms) s["startTime"] = kubectl::rfc3339(*st.start_ms);
  j["status"] = s;
  return j;
}

json to_json(const ReplicaSet& o) {
  json j;
  j["apiVersion"] = "apps/v1";
  j["kind"] = "ReplicaSet";
  j["metadata"] = to_json(o.metadata);
  json spec;
  if (o.spec.min_ready_seconds != 0) spec["minReadySeconds"] = o.spec.min_ready_seconds;
  spec["replicas"] = o.spec.replicas;
  spec["selector"] = selector_json(o.spec.selector);
  spec["template"] = to_json(o.spec.template_);
  j["spec"] = spec;
  const auto& st = o.status;
  json s = json::object();
  if (st.available_replicas != 0) s["availableReplicas"] = st.available_replicas;
  if (!st.conditions.empty()) {
    json conds = json::array();
    for (auto& c : st.conditions) {
      json cj;
      cj["lastTransitionTime"] = time_or_null(c.last_transition_ms);
      if (!c.message.empty()) cj["message"] = c.message;
      if (!c.reason.empty()) cj["reason"] = c.reason;
      cj["status"] = c.status;
      cj["type"] = c.type;
      conds.push_back(cj);
    }
    s["conditions"] = conds;
  }
  if (st.fully_labeled_replicas != 0) s["fullyLabeledReplicas"] = st.fully_labeled_replicas;
  if (st.observed_generation != 0) s["observedGeneration"] = st.observed_generation;
  if (st.ready_replicas != 0) s["readyReplicas"] = st.ready_replicas;
  s["replicas"] = st.replicas;  // not omitempty in apps/v1 ReplicaSetStatus
  j["status"] = s;
  return j;
}

json to_json(const Deployment& o) {
  json j;
  j["apiVersion"] = "apps/v1";
  j["kind"] = "Deployment";
  j["metadata"] = to_json(o.metadata);
  json spec;
  if (o.spec.min_ready_seconds != 0) spec["minReadySeconds"] = o.spec.min_ready_seconds;
  if (o.spec.paused) spec["paused"] = true;
  spec["progressDeadlineSeconds"] = o.spec.progress_deadline_seconds;
  spec["replicas"] = o.spec.replicas;
  spec["revisionHistoryLimit"] = o.spec.revision_history_limit;
  spec["selector"] = selector_json(o.spec.selector);
  json strategy;
  if (o.spec.strategy.type == "RollingUpdate") {
    strategy["rollingUpdate"] = {{"maxSurge", int_or_string_json(o.spec.strategy.max_surge)},
                                 {"maxUnavailable", int_or_string_json(o.spec.strategy.max_unavailable)}};
  }
  strategy["type"] = o.spec.strategy.type;
  spec["strategy"] = strategy;
  spec["template"] = to_json(o.spec.template_);
  j["spec"] = spec;
  const auto& st = o.status;
  json s = json::object();
  if (st.available_replicas != 0) s["availableReplicas"] = st.available_replicas;
  if (st.collision_count) s["collisionCount"] = *st.collision_count;
  if (!st.conditions.empty()) {
    json conds = json::array();
    for (auto& c : st.conditions) {
      json cj;
      cj["lastTransitionTime"] = time_or_null(c.last_transition_ms);
      cj["lastUpdateTime"] = time_or_null(c.last_update_ms);
      if (!c.message.empty()) cj["message"] = c.message;
      if (!c.reason.empty()) cj["reason"] = c.reason;
      cj["status"] = c.status;
      cj["type"] = c.type;
      conds.push_back(cj);
    }
    s["conditions"] = conds;
  }
  if (st.observed_generation != 0) s["observedGeneration"] = st.observed_generation;
  if (st.ready_replicas != 0) s["readyReplicas"] = st.ready_replicas;
  if (st.replicas != 0) s["replicas"] = st.replicas;
  if (st.unavailable_replicas != 0) s["unavailableReplicas"] = st.unavailable_replicas;
  if (st.updated_replicas != 0) s["updatedReplicas"] = st.updated_replicas;
  j["status"] = s;
  return j;
}

json to_json(const Service& o) {
  json j;
  j["apiVersion"] = "v1";
  j["kind"] = "Service";
  j["metadata"] = to_json(o.metadata);
  const auto& sp = o.spec;
  json spec;
  const bool has_ports = sp.type == "NodePort" || sp.type == "LoadBalancer";
  if (sp.type == "LoadBalancer") spec["allocateLoadBalancerNodePorts"] = sp.allocate_load_balancer_node_ports;
  if (sp.type != "ExternalName") {
    if (!sp.cluster_ip.empty()) spec["clusterIP"] = sp.cluster_ip;
    std::vector<std::string> ips = sp.cluster_ips;
    if (ips.empty() && !sp.cluster_ip.empty()) ips.push_back(sp.cluster_ip);
    if (!ips.empty()) spec["clusterIPs"] = ips;
  }
  if (!sp.external_ips.empty()) spec["externalIPs"] = sp.external_ips;
  if (!sp.external_name.empty()) spec["externalName"] = sp.external_name;
  if (!sp.external_traffic_policy.empty()) spec["externalTrafficPolicy"] = sp.external_traffic_policy;
  else if (has_ports) spec["externalTrafficPolicy"] = "Cluster";
  if (sp.type != "ExternalName") {
    if (!sp.internal_traffic_policy.empty()) spec["internalTrafficPolicy"] = sp.internal_traffic_policy;
    if (!sp.ip_families.empty()) spec["ipFamilies"] = sp.ip_families;
    if (!sp.ip_family_policy.empty()) spec["ipFamilyPolicy"] = sp.ip_family_policy;
  }
  if (!sp.ports.empty()) {
    json ports = json::array();
    for (auto& p : sp.ports) {
      json pj;
      if (!p.name.empty()) pj["name"] = p.name;
      if (p.node_port != 0) pj["nodePort"] = p.node_port;
      pj["port"] = p.port;
      pj["protocol"] = p.protocol.empty() ? "TCP" : p.protocol;
      const IntOrString tp = (!p.target_port.is_string && p.target_port.int_value == 0) ? IntOrString::Int(p.port) : p.target_port;
      if (sp.type != "ExternalName") pj["targetPort"] = int_or_string_json(tp);
      ports.push_back(pj);
    }
    spec["ports"] = ports;
  }
  if (!sp.selector.empty()) spec["selector"] = labels_json(sp.selector);
  if (!sp.session_affinity.empty()) spec["sessionAffinity"] = sp.session_affinity;
  spec["type"] = sp.type;
  j["spec"] = spec;
  json lb = json::object();
  if (!o.status.load_balancer_ingress_ips.empty()) {
    json ing = json::array();
    for (auto& ip : o.status.load_balancer_ingress_ips) ing.push_back({{"ip", ip}, {"ipMode", "VIP"}});
    lb["ingress"] = ing;
  }
  j["status"] = {{"loadBalancer", lb}};
  return j;
}

static json object_reference_json(const ObjectReference& r) {
  json j = json::object();
  if (!r.api_version.empty()) j["apiVersion"] = r.api_version;
  if (!r.field_path.empty()) j["fieldPath"] = r.field_path;
  if (!r.kind.empty()) j["kind"] = r.kind;
  if (!r.name.empty()) j["name"] = r.name;
  if (!r.namespace_.empty()) j["namespace"] = r.namespace_;
  if (!r.resource_version.empty()) j["resourceVersion"] = r.resource_version;
  if (!r.uid.empty()) j["uid"] = r.uid;
  return j;
}

json to_json(const Endpoints& o) {
  json j;
  j["apiVersion"] = "v1";
  j["kind"] = "Endpoints";
  j["metadata"] = to_json(o.metadata);
  if (!o.subsets.empty()) {
    json subsets = json::array();
    for (auto& ss : o.subsets) {
      json sj = json::object();
      auto addrs = [](const std::vector<EndpointAddress>& v) {
        json a = json::array();
        for (auto& e : v) {
          json ej;
          ej["ip"] = e.ip;
          if (!e.node_name.empty()) ej["nodeName"] = e.node_name;
          json tr = object_reference_json(e.target_ref);
          if (!tr.empty()) ej["targetRef"] = tr;
          a.push_back(ej);
        }
        return a;
      };
      if (!ss.addresses.empty()) sj["addresses"] = addrs(ss.addresses);
      if (!ss.not_ready_addresses.empty()) sj["notReadyAddresses"] = addrs(ss.not_ready_addresses);
      if (!ss.ports.empty()) {
        json ports = json::array();
        for (auto& p : ss.ports) {
          json pj;
          if (!p.name.empty()) pj["name"] = p.name;
          pj["port"] = p.port;
          pj["protocol"] = p.protocol.empty() ? "TCP" : p.protocol;
          ports.push_back(pj);
        }
        sj["ports"] = ports;
      }
      subsets.push_back(sj);
    }
    j["subsets"] = subsets;
  }
  return j;
}

json to_json(const Node& o) {
  json j;
  j["apiVersion"] = "v1";
  j["kind"] = "Node";
  j["metadata"] = to_json(o.metadata);
  json spec = json::object();
  if (!o.spec.pod_cidr.empty()) spec["podCIDR"] = o.spec.pod_cidr;
  std::vector<std::string> cidrs = o.spec.pod_cidrs;
  if (cidrs.empty() && !o.spec.pod_cidr.empty()) cidrs.push_back(o.spec.pod_cidr);
  if (!cidrs.empty()) spec["podCIDRs"] = cidrs;
  if (!o.spec.taints.empty()) {
    json taints = json::array();
    for (auto& t : o.spec.taints) {
      json tj;
      tj["effect"] = t.effect;
      tj["key"] = t.key;
      if (t.time_added_ms) tj["timeAdded"] = kubectl::rfc3339(*t.time_added_ms);
      if (!t.value.empty()) tj["value"] = t.value;
      taints.push_back(tj);
    }
    spec["taints"] = taints;
  }
  if (o.spec.unschedulable) spec["unschedulable"] = true;
  j["spec"] = spec;

  const auto& st = o.status;
  auto resources = [&](const ResourceList& r, int64_t pods) {
    json rj = json::object();
    const std::string cpu = cpu_string(r), mem = memory_string(r);
    if (!cpu.empty()) rj["cpu"] = cpu;
    if (st.ephemeral_storage_bytes != 0) rj["ephemeral-storage"] = binary_bytes_string(st.ephemeral_storage_bytes);
    rj["hugepages-1Gi"] = binary_bytes_string(st.hugepages_bytes);
    rj["hugepages-2Mi"] = binary_bytes_string(st.hugepages_bytes);
    if (!mem.empty()) rj["memory"] = mem;
    rj["pods"] = std::to_string(pods);
    return rj;
  };
  json s;
  if (!st.addresses.empty()) {
    json a = json::array();
    for (auto& ad : st.addresses) a.push_back({{"address", ad.address}, {"type", ad.type}});
    s["addresses"] = a;
  }
  s["allocatable"] = resources(st.allocatable, st.allocatable_pods);
  s["capacity"] = resources(st.capacity, st.capacity_pods);
  if (!st.conditions.empty()) {
    json conds = json::array();
    for (auto& c : st.conditions) {
      json cj;
      cj["lastHeartbeatTime"] = time_or_null(c.last_heartbeat_ms);
      cj["lastTransitionTime"] = time_or_null(c.last_transition_ms);
      if (!c.message.empty()) cj["message"] = c.message;
      if (!c.reason.empty()) cj["reason"] = c.reason;
      cj["status"] = c.status;
      cj["type"] = c.type;
      conds.push_back(cj);
    }
    s["conditions"] = conds;
  }
  s["daemonEndpoints"] = {{"kubeletEndpoint", {{"Port", 10250}}}};
  const auto& ni = st.node_info;
  s["nodeInfo"] = {{"architecture", ni.architecture},
                   {"bootID", ni.boot_id},
                   {"containerRuntimeVersion", ni.container_runtime_version},
                   {"kernelVersion", ni.kernel_version},
                   {"kubeProxyVersion", ni.kube_proxy_version},
                   {"kubeletVersion", ni.kubelet_version},
                   {"machineID", ni.machine_id},
                   {"operatingSystem", ni.operating_system},
                   {"osImage", ni.os_image},
                   {"systemUUID", ni.system_uuid}};
  j["status"] = s;
  return j;
}

json to_json(const Namespace& o) {
  json j;
  j["apiVersion"] = "v1";
  j["kind"] = "Namespace";
  j["metadata"] = to_json(o.metadata);
  j["spec"] = {{"finalizers", json::array({"kubernetes"})}};
  j["status"] = {{"phase", o.phase}};
  return j;
}

json to_json(const Event& o) {
  json j;
  // reason, message, count and type are omitempty (a kube-proxy "Starting" event has no message);
  // reportingComponent and reportingInstance are not.
  // An events.k8s.io/v1 event (action set) has eventTime instead of first/lastTimestamp and count.
  const bool v1_events = !o.action.empty();
  if (v1_events) j["action"] = o.action;
  j["apiVersion"] = "v1";
  if (o.count != 0 && !v1_events) j["count"] = o.count;
  j["eventTime"] = v1_events ? json(kubectl::rfc3339_micro(o.first_ms)) : json(nullptr);
  j["firstTimestamp"] = v1_events ? json(nullptr) : time_or_null(o.first_ms);
  j["involvedObject"] = object_reference_json(o.involved_object);
  j["kind"] = "Event";
  j["lastTimestamp"] = v1_events ? json(nullptr) : time_or_null(o.last_ms);
  if (!o.message.empty()) j["message"] = o.message;
  j["metadata"] = to_json(o.metadata);
  if (!o.reason.empty()) j["reason"] = o.reason;
  j["reportingComponent"] = o.reporting_component;
  j["reportingInstance"] = o.reporting_instance;
  json src = json::object();
  if (!o.source_component.empty()) src["component"] = o.source_component;
  if (!o.source_host.empty()) src["host"] = o.source_host;
  j["source"] = src;
  if (!o.type.empty()) j["type"] = o.type;
  return j;
}

std::string default_image_pull_policy(const std::string& image) {
  if (image.find('@') != std::string::npos) return "IfNotPresent";
  const size_t slash = image.rfind('/');
  const size_t colon = image.rfind(':');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return "Always";
  return image.substr(colon + 1) == "latest" ? "Always" : "IfNotPresent";
}

// [SECTION] JSON -> object: a small decoder with Go's error words ---------------------------------
namespace {

// Tracks where we are, in the two path spellings the API server uses:
//   type errors:    "DeploymentSpec.spec.replicas"           (Go struct name + dotted JSON names)
//   unknown fields: "spec.template.spec.containers[0].imagee" (with list indices)
struct Dec {
  std::string type_error;
  std::vector<std::pair<std::string, std::string>> unknown;  // (sort key, message)
  bool failed() const { return !type_error.empty(); }
};

struct Loc {
  std::string dotted;   // "spec.template.spec.containers"
  std::string indexed;  // "spec.template.spec.containers[0]"
  std::string sortkey;  // components joined by NUL (indices zero-padded): document order when sorted
  Loc field(const std::string& name) const {
    return {dotted.empty() ? name : dotted + "." + name, indexed.empty() ? name : indexed + "." + name,
            sortkey.empty() ? name : sortkey + std::string(1, '\0') + name};
  }
  Loc index(size_t i) const {
    std::string n = std::to_string(i);
    n.insert(0, n.size() < 10 ? 10 - n.size() : 0, '0');
    return {dotted, indexed + "[" + std::to_string(i) + "]", sortkey + std::string(1, '\0') + n};
  }
};

std::string json_kind(const json& v) {
  switch (v.type()) {
    case json::value_t::string: return "string";
    case json::value_t::boolean: return "bool";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "number";
    default: return "null";
  }
}

void type_err(Dec& d, const json& v, const std::string& go_struct, const Loc& at, const std::string& go_type,
              bool with_number_text = false) {
  if (d.failed()) return;
  std::string what = json_kind(v);
  if (with_number_text && v.is_number()) what += " " + go_json_number(v);
  d.type_error = "json: cannot unmarshal " + what + " into Go struct field " + go_struct + "." + at.dotted +
                 " of type " + go_type;
}

// Known field names of one API struct; anything else is reported as unknown. `open` lists
// fields whose values we accept without looking inside (real fields kubesim does not model).
void check_fields(Dec& d, const json& obj, const Loc& at, std::initializer_list<const char*> known) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (const char* k : known)
      if (it.key() == k) { ok = true; break; }
    if (!ok) {
      const Loc f = at.field(it.key());
      d.unknown.push_back({f.sortkey, "unknown field \"" + f.indexed + "\""});
    }
  }
}

const json* member(const json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

bool get_string(Dec& d, const json& obj, const char* name, const std::string& go_struct, const Loc& at, std::string& out) {
  const json* v = member(obj, name);
  if (!v) return false;
  if (!v->is_string()) { type_err(d, *v, go_struct, at.field(name), "string"); return false; }
  out = v->get<std::string>();
  return true;
}

bool get_string(Dec& d, const json& obj, const char* name, const std::string& go_struct, const Loc& at, IStr& out) {
  std::string s;
  if (!get_string(d, obj, name, go_struct, at, s)) return false;
  out = s;
  return true;
}

bool get_bool(Dec& d, const json& obj, const char* name, const std::string& go_struct, const Loc& at, bool& out) {
  const json* v = member(obj, name);
  if (!v) return false;
  if (!v->is_boolean()) { type_err(d, *v, go_struct, at.field(name), "bool"); return false; }
  out = v->get<bool>();
  return true;
}

template <class Int>
bool get_int(Dec& d, const json& obj, const char* name, const std::string& go_struct, const Loc& at, Int& out,
             const char* go_type) {
  const json* v = member(obj, name);
  if (!v) return false;
  if (!v->is_number()) { type_err(d, *v, go_struct, at.field(name), go_type); return false; }
  if (v->is_number_float()) {
    const double f = v->get<double>();
    if (std::floor(f) != f || f > 9.2e18 || f < -9.2e18) { type_err(d, *v, go_struct, at.field(name), go_type, true); return false; }
    out = static_cast<Int>(static_cast<int64_t>(f));
    return true;
  }
  if (v->is_number_unsigned()) {
    const uint64_t u = v->get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<Int>::max())) { type_err(d, *v, go_struct, at.field(name), go_type, true); return false; }
    out = static_cast<Int>(u);
    return true;
  }
  const int64_t i = v->get<int64_t>();
  if (i > static_cast<int64_t>(std::numeric_limits<Int>::max()) || i < static_cast<int64_t>(std::numeric_limits<Int>::min())) {
    type_err(d, *v, go_struct, at.field(name), go_type, true);
    return false;
  }
  out = static_cast<Int>(i);
  return true;
}

bool get_string_map(Dec& d, const json& obj, const char* name, const std::string& go_struct, const Loc& at, Labels& out) {
  const json* v = member(obj, name);
  if (!v) return false;
  if (!v->is_object()) { type_err(d, *v, go_struct, at.field(name), "map[string]string"); return false; }
  for (auto it = v->begin(); it != v->end(); ++it) {
    if (it->is_null()) { out[it.key()] = ""; continue; }
    if (!it->is_string()) { type_err(d, *it, go_struct, at.field(name), "string"); return false; }
    out[it.key()] = it->get<std::string>();
  }
  return true;
}

bool get_string_list(Dec& d, const json& obj, const char* name, const std::string& go_struct, const Loc& at,
                     std::vector<std::string>& out) {
  const json* v = member(obj, name);
  if (!v) return false;
  if (!v->is_array()) { type_err(d, *v, go_struct, at.field(name), "[]string"); return false; }
  out.clear();
  for (auto& e : *v) {
    if (e.is_null()) { out.emplace_back(); continue; }
    if (!e.is_string()) { type_err(d, e, go_struct, at.field(name), "string"); return false; }
    out.push_back(e.get<std::string>());
  }
  return true;
}

// Iterate a list of objects; `fn(elem, loc_of_elem)` for each.
template <class Fn>
bool for_each_object(Dec& d, const json& obj, const char* name, const std::string& go_struct, const Loc& at,
                     const char* elem_type, const char* elem_struct, Fn fn) {
  const json* v = member(obj, name);
  if (!v) return false;
  const Loc list_at = at.field(name);
  if (!v->is_array()) { type_err(d, *v, go_struct, list_at, std::string("[]") + elem_type); return false; }
  size_t i = 0;
  for (auto& e : *v) {
    if (d.failed()) return false;
    if (!e.is_object() && !e.is_null()) { type_err(d, e, go_struct, list_at, elem_type); return false; }
    if (e.is_object()) fn(e, list_at.index(i), std::string(elem_struct));
    ++i;
  }
  return true;
}

// IntOrString: a number or a string (its own UnmarshalJSON, hence the plain error text).
bool get_int_or_string(Dec& d, const json& obj, const char* name, IntOrString& out) {
  const json* v = member(obj, name);
  if (!v) return false;
  if (v->is_string()) { out = IntOrString::Str(v->get<std::string>()); return true; }
  if (v->is_number_integer()) {
    const int64_t i = v->get<int64_t>();
    if (i > INT32_MAX || i < INT32_MIN) {
      if (!d.failed()) d.type_error = "json: cannot unmarshal number " + go_json_number(*v) + " into Go value of type int32";
      return false;
    }
    out = IntOrString::Int(i);
    return true;
  }
  if (!d.failed())
    d.type_error = "json: cannot unmarshal " + json_kind(*v) +
                   (v->is_number() ? " " + go_json_number(*v) : std::string()) + " into Go value of type int32";
  return false;
}

// ResourceList: map of quantities (numbers or strings).
bool get_resource_list(Dec& d, const json& obj, const char* name, const Loc& at, ResourceList& out) {
  const json* v = member(obj, name);
  if (!v) return false;
  if (!v->is_object()) { type_err(d, *v, "ResourceRequirements", at.field(name), "v1.ResourceList"); return false; }
  for (auto it = v->begin(); it != v->end(); ++it) {
    if (it->is_null()) continue;
    std::string text;
    if (it->is_string()) text = it->get<std::string>();
    else if (it->is_number()) text = go_json_number(*it);
    else { if (!d.failed()) d.type_error = kQuantityFormatError; return false; }
    std::string err;
    Quantity q;
    if (!parse_quantity(text, q, err)) { if (!d.failed()) d.type_error = err; return false; }
    if (it.key() == "cpu") { out.cpu_milli = q.milli_value(); out.cpu_text = q.canonical(); }
    else if (it.key() == "memory") { out.memory_bytes = q.value(); out.memory_text = q.canonical(); }
    // other resource names (ephemeral-storage, extended resources) are accepted but not modelled
  }
  return true;
}

// [SECTION] decoders per struct ---------------------------------------------------------------------
void decode_meta(Dec& d, const json& m, const Loc& at, ObjectMeta& out) {
  out = ObjectMeta{};
  if (!m.is_object()) { type_err(d, m, "ObjectMeta", at, "v1.ObjectMeta"); return; }
  check_fields(d, m, at,
               {"name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
                "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
                "ownerReferences", "finalizers", "managedFields"});
  const std::string S = "ObjectMeta";
  get_string(d, m, "name", S, at, out.name);
  get_string(d, m, "generateName", S, at, out.generate_name);
  get_string(d, m, "namespace", S, at, out.namespace_);
  get_string(d, m, "uid", S, at, out.uid);
  std::string rv;
  if (get_string(d, m, "resourceVersion", S, at, rv)) {
    uint64_t n = 0;
    for (char c : rv) { if (c < '0' || c > '9') { n = 0; break; } n = n * 10 + static_cast<uint64_t>(c - '0'); }
    out.resource_version = n;
  }
  get_int(d, m, "generation", S, at, out.generation, "int64");
  std::string ts;
  int64_t ms = 0;
  if (get_string(d, m, "creationTimestamp", S, at, ts) && kubectl::parse_rfc3339(ts, ms)) out.creation_ms = ms;
  if (get_string(d, m, "deletionTimestamp", S, at, ts) && kubectl::parse_rfc3339(ts, ms)) out.deletion_ms = ms;
  int64_t grace = 0;
  if (get_int(d, m, "deletionGracePeriodSeconds", S, at, grace, "int64")) out.deletion_grace_period_seconds = grace;
  get_string_map(d, m, "labels", S, at, out.labels.mut());
  get_string_map(d, m, "annotations", S, at, out.annotations);
  get_string_list(d, m, "finalizers", S, at, out.finalizers);
  for_each_object(d, m, "ownerReferences", S, at, "v1.OwnerReference", "OwnerReference",
                  [&](const json& e, const Loc& el, const std::string& es) {
                    check_fields(d, e, el, {"apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"});
                    OwnerReference o;
                    o.controller = false;
                    o.block_owner_deletion = false;
                    get_string(d, e, "apiVersion", es, el, o.api_version);
                    get_string(d, e, "kind", es, el, o.kind);
                    get_string(d, e, "name", es, el, o.name);
                    get_string(d, e, "uid", es, el, o.uid);
                    get_bool(d, e, "controller", es, el, o.controller);
                    get_bool(d, e, "blockOwnerDeletion", es, el, o.block_owner_deletion);
                    out.owner_references.push_back(o);
                  });
}

void decode_selector(Dec& d, const json& s, const Loc& at, LabelSelector& out) {
  out = LabelSelector{};
  if (!s.is_object()) { type_err(d, s, "LabelSelector", at, "v1.LabelSelector"); return; }
  check_fields(d, s, at, {"matchLabels", "matchExpressions"});
  get_string_map(d, s, "matchLabels", "LabelSelector", at, out.match_labels);
}

void decode_container(Dec& d, const json& c, const Loc& at, Container& out) {
  out = Container{};
  out.image_pull_policy.clear();
  check_fields(d, c, at,
               {"name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
                "resizePolicy", "restartPolicy", "restartPolicyRules", "volumeMounts", "volumeDevices",
                "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
                "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"});
  const std::string S = "Container";
  get_string(d, c, "name", S, at, out.name);
  get_string(d, c, "image", S, at, out.image);
  get_string_list(d, c, "command", S, at, out.command);
  get_string_list(d, c, "args", S, at, out.args);
  get_string(d, c, "imagePullPolicy", S, at, out.image_pull_policy);
  get_string(d, c, "terminationMessagePath", S, at, out.termination_message_path);
  get_string(d, c, "terminationMessagePolicy", S, at, out.termination_message_policy);
  get_bool(d, c, "stdin", S, at, out.stdin_open);
  get_bool(d, c, "stdinOnce", S, at, out.stdin_once);
  get_bool(d, c, "tty", S, at, out.tty);
  if (out.image_pull_policy.empty()) out.image_pull_policy = default_image_pull_policy(out.image);
  for_each_object(d, c, "ports", S, at, "v1.ContainerPort", "ContainerPort",
                  [&](const json& e, const Loc& el, const std::string& es) {
                    check_fields(d, e, el, {"name", "hostPort", "containerPort", "protocol", "hostIP"});
                    ContainerPort p;
                    get_string(d, e, "name", es, el, p.name);
                    get_int(d, e, "containerPort", es, el, p.container_port, "int32");
                    int32_t host_port = 0;
                    get_int(d, e, "hostPort", es, el, host_port, "int32");
                    get_string(d, e, "protocol", es, el, p.protocol);
                    if (p.protocol.empty()) p.protocol = "TCP";
                    out.ports.push_back(p);
                  });
  for_each_object(d, c, "env", S, at, "v1.EnvVar", "EnvVar", [&](const json& e, const Loc& el, const std::string& es) {
    check_fields(d, e, el, {"name", "value", "valueFrom"});
    EnvVar v;
    get_string(d, e, "name", es, el, v.name);
    get_string(d, e, "value", es, el, v.value);
    out.env.push_back(v);
  });
  if (const json* r = member(c, "resources")) {
    const Loc rat = at.field("resources");
    if (!r->is_object()) {
      type_err(d, *r, S, rat, "v1.ResourceRequirements");
    } else {
      check_fields(d, *r, rat, {"limits", "requests", "claims"});
      get_resource_list(d, *r, "limits", rat, out.limits);
      get_resource_list(d, *r, "requests", rat, out.requests);
      // API defaulting: a limit without a request makes the request equal to the limit.
      if (out.limits.cpu_milli && !out.requests.cpu_milli) { out.requests.cpu_milli = out.limits.cpu_milli; out.requests.cpu_text = out.limits.cpu_text; }
      if (out.limits.memory_bytes && !out.requests.memory_bytes) { out.requests.memory_bytes = out.limits.memory_bytes; out.requests.memory_text = out.limits.memory_text; }
    }
  }
}

void decode_pod_spec(Dec& d, const json& s, const Loc& at, PodSpec& out) {
  out = PodSpec{};
  if (!s.is_object()) { type_err(d, s, "PodTemplateSpec", at, "v1.PodSpec"); return; }
  check_fields(d, s, at,
               {"volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
                "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector",
                "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork",
                "hostPID", "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname",
                "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName",
                "priority", "dnsConfig", "readinessGates", "runtimeClassName", "enableServiceLinks",
                "preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
                "schedulingGates", "resourceClaims", "resources", "hostnameOverride"});
  const std::string S = "PodSpec";
  for_each_object(d, s, "containers", S, at, "v1.Container", "Container",
                  [&](const json& e, const Loc& el, const std::string&) {
                    Container c;
                    decode_container(d, e, el, c);
                    out.containers.push_back(c);
                  });
  get_string(d, s, "restartPolicy", S, at, out.restart_policy);
  get_int(d, s, "terminationGracePeriodSeconds", S, at, out.termination_grace_period_seconds, "int64");
  get_string(d, s, "dnsPolicy", S, at, out.dns_policy);
  get_string(d, s, "schedulerName", S, at, out.scheduler_name);
  std::string sa;
  if (get_string(d, s, "serviceAccountName", S, at, sa) && !sa.empty()) out.service_account_name = sa;
  else if (get_string(d, s, "serviceAccount", S, at, sa) && !sa.empty()) out.service_account_name = sa;
  get_string(d, s, "nodeName", S, at, out.node_name);
  if (member(s, "nodeSelector")) get_string_map(d, s, "nodeSelector", S, at, out.node_selector.mut());
  get_string(d, s, "priorityClassName", S, at, out.priority_class_name);
  get_int(d, s, "priority", S, at, out.priority, "int32");
  for_each_object(d, s, "tolerations", S, at, "v1.Toleration", "Toleration",
                  [&](const json& e, const Loc& el, const std::string& es) {
                    check_fields(d, e, el, {"key", "operator", "value", "effect", "tolerationSeconds"});
                    Toleration t;
                    t.op.clear();
                    get_string(d, e, "key", es, el, t.key);
                    get_string(d, e, "operator", es, el, t.op);
                    if (t.op.empty()) t.op = "Equal";
                    get_string(d, e, "value", es, el, t.value);
                    get_string(d, e, "effect", es, el, t.effect);
                    int64_t secs = 0;
                    if (get_int(d, e, "tolerationSeconds", es, el, secs, "int64")) t.toleration_seconds = secs;
                    out.tolerations.push_back(t);
                  });
}

void decode_template(Dec& d, const json& t, const Loc& at, PodTemplateSpec& out) {
  out = PodTemplateSpec{};
  if (!t.is_object()) { type_err(d, t, "DeploymentSpec", at, "v1.PodTemplateSpec"); return; }
  check_fields(d, t, at, {"metadata", "spec"});
  if (const json* m = member(t, "metadata")) {
    ObjectMeta meta;
    decode_meta(d, *m, at.field("metadata"), meta);
    out.labels = meta.labels;
    out.annotations = meta.annotations;
  }
  if (const json* s = member(t, "spec")) decode_pod_spec(d, *s, at.field("spec"), out.spec);
}

// Common envelope: apiVersion/kind/metadata/spec/status at the top.
bool decode_envelope(Dec& d, const json& j, const char* kind, const char* spec_type, std::string& err) {
  if (!j.is_object()) {
    err = std::string(kind) + " in version \"v1\" cannot be handled as a " + kind + ": json: cannot unmarshal " +
          json_kind(j) + " into Go value of type " + spec_type;
    return false;
  }
  check_fields(d, j, Loc{}, {"apiVersion", "kind", "metadata", "spec", "status"});
  return true;
}

bool finish(Dec& d, const char* kind, std::string& err) {
  if (d.failed()) {
    err = std::string(kind) + " in version \"v1\" cannot be handled as a " + kind + ": " + d.type_error;
    return false;
  }
  if (!d.unknown.empty()) {
    // The API server meets unknown fields in document order (keys sorted, depth first).
    std::stable_sort(d.unknown.begin(), d.unknown.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string list;
    for (auto& u : d.unknown) list += (list.empty() ? "" : ", ") + u.second;
    err = std::string(kind) + " in version \"v1\" cannot be handled as a " + kind + ": strict decoding error: " + list;
    return false;
  }
  return true;
}

}  // namespace

bool from_json(const json& j, Deployment& o, std::string& err) {
  Dec d;
  if (!decode_envelope(d, j, "Deployment", "v1.Deployment", err)) return false;
  if (const json* m = member(j, "metadata")) decode_meta(d, *m, Loc{"metadata", "metadata", "metadata"}, o.metadata);
  else o.metadata = ObjectMeta{};
  o.spec = DeploymentSpec{};
  if (const json* s = member(j, "spec")) {
    const Loc at{"spec", "spec", "spec"};
    const std::string S = "DeploymentSpec";
    if (!s->is_object()) {
      type_err(d, *s, "Deployment", at, "v1.DeploymentSpec");
    } else {
      check_fields(d, *s, at,
                   {"replicas", "selector", "template", "strategy", "minReadySeconds", "revisionHistoryLimit",
                    "paused", "progressDeadlineSeconds"});
      get_int(d, *s, "replicas", S, at, o.spec.replicas, "int32");
      if (const json* sel = member(*s, "selector")) decode_selector(d, *sel, at.field("selector"), o.spec.selector);
      if (const json* t = member(*s, "template")) decode_template(d, *t, at.field("template"), o.spec.template_);
      get_int(d, *s, "minReadySeconds", S, at, o.spec.min_ready_seconds, "int32");
      get_int(d, *s, "revisionHistoryLimit", S, at, o.spec.revision_history_limit, "int32");
      get_bool(d, *s, "paused", S, at, o.spec.paused);
      get_int(d, *s, "progressDeadlineSeconds", S, at, o.spec.progress_deadline_seconds, "int32");
      if (const json* st = member(*s, "strategy")) {
        const Loc sat = at.field("strategy");
        if (!st->is_object()) {
          type_err(d, *st, S, sat, "v1.DeploymentStrategy");
        } else {
          check_fields(d, *st, sat, {"type", "rollingUpdate"});
          get_string(d, *st, "type", "DeploymentStrategy", sat, o.spec.strategy.type);
          if (o.spec.strategy.type.empty()) o.spec.strategy.type = "RollingUpdate";
          if (const json* ru = member(*st, "rollingUpdate")) {
            const Loc rat = sat.field("rollingUpdate");
            if (!ru->is_object()) {
              type_err(d, *ru, "DeploymentStrategy", rat, "v1.RollingUpdateDeployment");
            } else {
              check_fields(d, *ru, rat, {"maxUnavailable", "maxSurge"});
              get_int_or_string(d, *ru, "maxSurge", o.spec.strategy.max_surge);
              get_int_or_string(d, *ru, "maxUnavailable", o.spec.strategy.max_unavailable);
            }
          }
        }
      }
    }
  }
  return finish(d, "Deployment", err);
}

bool from_json(const json& j, ReplicaSet& o, std::string& err) {
  Dec d;
  if (!decode_envelope(d, j, "ReplicaSet", "v1.ReplicaSet", err)) return false;
  if (const json* m = member(j, "metadata")) decode_meta(d, *m, Loc{"metadata", "metadata", "metadata"}, o.metadata);
  else o.metadata = ObjectMeta{};
  o.spec = ReplicaSetSpec{};
  if (const json* s = member(j, "spec")) {
    const Loc at{"spec", "spec", "spec"};
    const std::string S = "ReplicaSetSpec";
    if (!s->is_object()) {
      type_err(d, *s, "ReplicaSet", at, "v1.ReplicaSetSpec");
    } else {
      check_fields(d, *s, at, {"replicas", "minReadySeconds", "selector", "template"});
      get_int(d, *s, "replicas", S, at, o.spec.replicas, "int32");
      get_int(d, *s, "minReadySeconds", S, at, o.spec.min_ready_seconds, "int32");
      if (const json* sel = member(*s, "selector")) decode_selector(d, *sel, at.field("selector"), o.spec.selector);
      if (const json* t = member(*s, "template")) decode_template(d, *t, at.field("template"), o.spec.template_);
    }
  }
  return finish(d, "ReplicaSet", err);
}

bool from_json(const json& j, Pod& o, std::string& err) {
  Dec d;
  if (!decode_envelope(d, j, "Pod", "v1.Pod", err)) return false;
  if (const json* m = member(j, "metadata")) decode_meta(d, *m, Loc{"metadata", "metadata", "metadata"}, o.metadata);
  else o.metadata = ObjectMeta{};
  if (const json* s = member(j, "spec")) decode_pod_spec(d, *s, Loc{"spec", "spec", "spec"}, o.spec);
  else o.spec = PodSpec{};
  return finish(d, "Pod", err);
}

bool from_json(const json& j, Service& o, std::string& err) {
  Dec d;
  if (!decode_envelope(d, j, "Service", "v1.Service", err)) return false;
  if (const json* m = member(j, "metadata")) decode_meta(d, *m, Loc{"metadata", "metadata", "metadata"}, o.metadata);
  else o.metadata = ObjectMeta{};
  o.spec = ServiceSpec{};
  if (const json* s = member(j, "spec")) {
    const Loc at{"spec", "spec", "spec"};
    const std::string S = "ServiceSpec";
    if (!s->is_object()) {
      type_err(d, *s, "Service", at, "v1.ServiceSpec");
    } else {
      check_fields(d, *s, at,
                   {"ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs", "sessionAffinity",
                    "loadBalancerIP", "loadBalancerSourceRanges", "externalName", "externalTrafficPolicy",
                    "healthCheckNodePort", "publishNotReadyAddresses", "sessionAffinityConfig", "ipFamilies",
                    "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass", "internalTrafficPolicy",
                    "trafficDistribution"});
      get_string(d, *s, "type", S, at, o.spec.type);
      if (o.spec.type.empty()) o.spec.type = "ClusterIP";
      get_string(d, *s, "clusterIP", S, at, o.spec.cluster_ip);
      get_string_list(d, *s, "clusterIPs", S, at, o.spec.cluster_ips);
      get_string_list(d, *s, "externalIPs", S, at, o.spec.external_ips);
      get_string(d, *s, "externalName", S, at, o.spec.external_name);
      get_string_map(d, *s, "selector", S, at, o.spec.selector);
      get_string(d, *s, "sessionAffinity", S, at, o.spec.session_affinity);
      if (o.spec.session_affinity.empty()) o.spec.session_affinity = "None";
      get_string(d, *s, "externalTrafficPolicy", S, at, o.spec.external_traffic_policy);
      if (o.spec.external_traffic_policy.empty() && (o.spec.type == "NodePort" || o.spec.type == "LoadBalancer"))
        o.spec.external_traffic_policy = "Cluster";
      get_string(d, *s, "internalTrafficPolicy", S, at, o.spec.internal_traffic_policy);
      if (o.spec.internal_traffic_policy.empty()) o.spec.internal_traffic_policy = "Cluster";
      get_string_list(d, *s, "ipFamilies", S, at, o.spec.ip_families);
      if (o.spec.ip_families.empty()) o.spec.ip_families = {"IPv4"};
      get_string(d, *s, "ipFamilyPolicy", S, at, o.spec.ip_family_policy);
      if (o.spec.ip_family_policy.empty()) o.spec.ip_family_policy = "SingleStack";
      get_bool(d, *s, "allocateLoadBalancerNodePorts", S, at, o.spec.allocate_load_balancer_node_ports);
      for_each_object(d, *s, "ports", S, at, "v1.ServicePort", "ServicePort",
                      [&](const json& e, const Loc& el, const std::string& es) {
                        check_fields(d, e, el, {"name", "protocol", "appProtocol", "port", "targetPort", "nodePort"});
                        ServicePort p;
                        get_string(d, e, "name", es, el, p.name);
                        get_string(d, e, "protocol", es, el, p.protocol);
                        if (p.protocol.empty()) p.protocol = "TCP";
                        get_int(d, e, "port", es, el, p.port, "int32");
                        get_int(d, e, "nodePort", es, el, p.node_port, "int32");
                        if (!get_int_or_string(d, e, "targetPort", p.target_port)) p.target_port = IntOrString::Int(p.port);
                        if (!p.target_port.is_string && p.target_port.int_value == 0) p.target_port = IntOrString::Int(p.port);
                        o.spec.ports.push_back(p);
                      });
    }
  }
  return finish(d, "Service", err);
}

bool from_json(const json& j, Node& o, std::string& err) {
  Dec d;
  if (!decode_envelope(d, j, "Node", "v1.Node", err)) return false;
  if (const json* m = member(j, "metadata")) decode_meta(d, *m, Loc{"metadata", "metadata", "metadata"}, o.metadata);
  else o.metadata = ObjectMeta{};
  o.spec = NodeSpec{};
  if (const json* s = member(j, "spec")) {
    const Loc at{"spec", "spec", "spec"};
    const std::string S = "NodeSpec";
    if (!s->is_object()) {
      type_err(d, *s, "Node", at, "v1.NodeSpec");
    } else {
      check_fields(d, *s, at, {"podCIDR", "podCIDRs", "providerID", "unschedulable", "taints", "configSource", "externalID"});
      get_string(d, *s, "podCIDR", S, at, o.spec.pod_cidr);
      get_string_list(d, *s, "podCIDRs", S, at, o.spec.pod_cidrs);
      get_bool(d, *s, "unschedulable", S, at, o.spec.unschedulable);
      for_each_object(d, *s, "taints", S, at, "v1.Taint", "Taint", [&](const json& e, const Loc& el, const std::string& es) {
        check_fields(d, e, el, {"key", "value", "effect", "timeAdded"});
        Taint t;
        get_string(d, e, "key", es, el, t.key);
        get_string(d, e, "value", es, el, t.value);
        get_string(d, e, "effect", es, el, t.effect);
        std::string ts;
        int64_t ms = 0;
        if (get_string(d, e, "timeAdded", es, el, ts) && kubectl::parse_rfc3339(ts, ms)) t.time_added_ms = ms;
        o.spec.taints.push_back(t);
      });
    }
  }
  return finish(d, "Node", err);
}

bool from_json(const json& j, Namespace& o, std::string& err) {
  Dec d;
  if (!decode_envelope(d, j, "Namespace", "v1.Namespace", err)) return false;
  if (const json* m = member(j, "metadata")) decode_meta(d, *m, Loc{"metadata", "metadata", "metadata"}, o.metadata);
  else o.metadata = ObjectMeta{};
  if (const json* s = member(j, "spec"); s && s->is_object()) check_fields(d, *s, Loc{"spec", "spec", "spec"}, {"finalizers"});
  return finish(d, "Namespace", err);
}

}  // namespace kubesim::api

namespace kubesim::api {

// [SECTION] Go fmt of interface{} values ----------------------------------------------------------------
std::string go_sprint(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "<nil>";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::number_integer: return std::to_string(v.get<int64_t>());
    case json::value_t::number_unsigned: return std::to_string(v.get<uint64_t>());
    case json::value_t::number_float: return go_format_float(v.get<double>(), 'g', -1);
    case json::value_t::string: return v.get<std::string>();
    case json::value_t::array: {
      std::string s = "[";
      bool first = true;
      for (auto& e : v) { if (!first) s += ' '; first = false; s += go_sprint(e); }
      return s + "]";
    }
    case json::value_t::object: {
      std::string s = "map[";
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) s += ' ';
        first = false;
        s += it.key() + ":" + go_sprint(it.value());
      }
      return s + "]";
    }
    default: return "<nil>";
  }
}

std::string go_sharp_v(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "interface {}(nil)";
    case json::value_t::string: return go_quote(v.get<std::string>());
    case json::value_t::array: {
      std::string s = "[]interface {}{";
      bool first = true;
      for (auto& e : v) { if (!first) s += ", "; first = false; s += go_sharp_v(e); }
      return s + "}";
    }
    case json::value_t::object: {
      std::string s = "map[string]interface {}{";
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) s += ", ";
        first = false;
        s += go_quote(it.key()) + ":" + go_sharp_v(it.value());
      }
      return s + "}";
    }
    default: return go_sprint(v);
  }
}

std::string go_quote(const std::string& s) {
  static const char* hex = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      switch (b) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          if (b < 0x20 || b == 0x7F) { out += "\\x"; out += hex[b >> 4]; out += hex[b & 0xF]; }
          else out.push_back(static_cast<char>(b));
      }
      ++i;
      continue;
    }
    const int len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + static_cast<size_t>(len) <= s.size();
    uint32_t cp = 0;
    if (ok) {
      cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
      for (int k = 1; k < len; ++k) {
        const unsigned char c = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
        if ((c & 0xC0) != 0x80) { ok = false; break; }
        cp = (cp << 6) | (c & 0x3F);
      }
    }
    if (!ok) { out += "\\x"; out += hex[b >> 4]; out += hex[b & 0xF]; ++i; continue; }
    // Non-printable code points (C1 controls, separators, BOM) are escaped; letters stay.
    if (cp < 0xA0 || cp == 0xAD || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) {
      char buf[16];
      std::snprintf(buf, sizeof buf, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", cp);
      out += buf;
    } else {
      out.append(s, i, static_cast<size_t>(len));
    }
    i += static_cast<size_t>(len);
  }
  return out + "\"";
}

}  // namespace kubesim::api
