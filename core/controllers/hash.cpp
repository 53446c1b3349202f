// kubesim — pod-template-hash (see hash.h).
#include "controllers/hash.h"

namespace kubesim::controllers {

uint32_t fnv1a32(std::string_view data, uint32_t h) {
  for (unsigned char c : data) {
    h ^= c;
    h *= kFnv32Prime;
  }
  return h;
}

std::string safe_encode_string(std::string_view s) {
  static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) out += kAlphabet[c % 27];
  return out;
}

// [SECTION] canonical dump ---------------------------------------------------------------------
// Strings are quoted with their length so that no two different templates share a dump.
namespace {

void put_str(std::string& o, std::string_view s) {
  o += std::to_string(s.size());
  o += ':';
  o += s;
}
void put_map(std::string& o, const api::Labels& m) {
  o += "map[";
  for (auto& [k, v] : m) {  // std::map: sorted keys, like spew's SortKeys
    put_str(o, k);
    o += '=';
    put_str(o, v);
    o += ' ';
  }
  o += ']';
}
void put_list(std::string& o, const std::vector<std::string>& v) {
  o += '[';
  for (auto& s : v) { put_str(o, s); o += ' '; }
  o += ']';
}
void put_opt(std::string& o, const std::optional<int64_t>& v) {
  if (v) o += std::to_string(*v); else o += "nil";
}
void put_resources(std::string& o, const api::ResourceList& r) {
  o += "{cpu:";
  put_opt(o, r.cpu_milli);
  o += " memory:";
  put_opt(o, r.memory_bytes);
  o += '}';
}

}  // namespace

std::string dump_pod_template(const api::PodTemplateSpec& t) {
  std::string o;
  o.reserve(512);
  o += "v1.PodTemplateSpec{ObjectMeta:{Labels:";
  put_map(o, t.labels);
  o += " Annotations:";
  put_map(o, t.annotations);
  o += "} Spec:{Containers:[";
  for (auto& c : t.spec.containers) {
    o += "{Name:"; put_str(o, c.name);
    o += " Image:"; put_str(o, c.image);
    o += " Command:"; put_list(o, c.command);
    o += " Args:"; put_list(o, c.args);
    o += " Ports:[";
    for (auto& p : c.ports) {
      o += "{Name:"; put_str(o, p.name);
      o += " ContainerPort:" + std::to_string(p.container_port);
      o += " Protocol:"; put_str(o, p.protocol);
      o += '}';
    }
    o += "] Env:[";
    for (auto& e : c.env) {
      o += "{Name:"; put_str(o, e.name);
      o += " Value:"; put_str(o, e.value);
      o += '}';
    }
    o += "] Resources:{Limits:"; put_resources(o, c.limits);
    o += " Requests:"; put_resources(o, c.requests);
    o += "} TerminationMessagePath:"; put_str(o, c.termination_message_path);
    o += " TerminationMessagePolicy:"; put_str(o, c.termination_message_policy);
    o += " ImagePullPolicy:"; put_str(o, c.image_pull_policy);
    o += '}';
  }
  const auto& s = t.spec;
  o += "] RestartPolicy:"; put_str(o, s.restart_policy);
  o += " TerminationGracePeriodSeconds:" + std::to_string(s.termination_grace_period_seconds);
  o += " DNSPolicy:"; put_str(o, s.dns_policy);
  o += " NodeSelector:"; put_map(o, s.node_selector);
  o += " ServiceAccountName:"; put_str(o, s.service_account_name);
  o += " NodeName:"; put_str(o, s.node_name);
  o += " SchedulerName:"; put_str(o, s.scheduler_name);
  o += " Tolerations:[";
  for (auto& tol : s.tolerations) {
    o += "{Key:"; put_str(o, tol.key);
    o += " Operator:"; put_str(o, tol.op);
    o += " Value:"; put_str(o, tol.value);
    o += " Effect:"; put_str(o, tol.effect);
    o += " TolerationSeconds:"; put_opt(o, tol.toleration_seconds);
    o += '}';
  }
  o += "] PriorityClassName:"; put_str(o, s.priority_class_name);
  o += " Priority:" + std::to_string(s.priority);
  o += "}}";
  return o;
}

std::string compute_pod_template_hash(const api::PodTemplateSpec& t, std::optional<int32_t> collision_count) {
  uint32_t h = fnv1a32(dump_pod_template(t));
  if (collision_count) {
    // binary.LittleEndian.PutUint32 into an 8-byte buffer: 4 value bytes, then 4 zero bytes.
    uint32_t v = static_cast<uint32_t>(*collision_count);
    char bytes[8] = {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff),
                     static_cast<char>((v >> 16) & 0xff), static_cast<char>((v >> 24) & 0xff), 0, 0, 0, 0};
    h = fnv1a32(std::string_view(bytes, 8), h);
  }
  return safe_encode_string(std::to_string(h));
}

}  // namespace kubesim::controllers
