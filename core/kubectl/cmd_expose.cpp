// kubesim — `kubectl expose`: a Service for a deployment, replica set, pod or service, with the
// selector, ports, protocols and labels introspected from the object the way kubectl does it
// (kubectl/pkg/cmd/expose/expose.go, polymorphichelpers *ForObject). ClusterIP and NodePort come
// from the simulated allocators (network.h), only after everything validated.
#include <map>
#include <string>
#include <vector>

#include "cluster.h"
#include "kubectl/commands.h"

namespace kubesim::kubectl {

namespace {

struct Introspected {
  api::Labels labels;         // copied to the service unless -l is given
  api::Labels selector;
  bool selector_error = false;
  std::string selector_error_text;
  std::vector<int32_t> ports;                 // in container/port order
  std::map<int32_t, std::string> protocols;   // port -> protocol
};

void ports_of_template(const api::PodSpec& spec, Introspected& in) {
  for (auto& c : spec.containers)
    for (auto& p : c.ports) {
      in.ports.push_back(p.container_port);
      in.protocols[p.container_port] = p.protocol.empty() ? "TCP" : p.protocol;
    }
}

// Parses "k=v,k2=v2" (the only selector form expose accepts).
bool parse_map(const std::string& s, api::Labels& out) {
  for (auto& part : split_csv(s)) {
    auto eq = part.find('=');
    if (eq == std::string::npos) return false;
    out[part.substr(0, eq)] = part.substr(eq + 1);
  }
  return true;
}

bool parse_port(const std::string& s, int64_t& v) {
  if (s.empty()) return false;
  v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
    if (v > 1000000) return false;
  }
  return true;
}

}  // namespace

int cmd_expose(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl expose";
  std::vector<FlagSpec> specs = {
      {"port", 0, FlagSpec::String, ""},
      {"target-port", 0, FlagSpec::String, ""},
      {"container-port", 0, FlagSpec::String, ""},
      {"protocol", 0, FlagSpec::String, ""},
      {"type", 0, FlagSpec::String, ""},
      {"name", 0, FlagSpec::String, ""},
      {"labels", 'l', FlagSpec::String, ""},
      {"selector", 0, FlagSpec::String, ""},
      {"cluster-ip", 0, FlagSpec::String, ""},
      {"external-ip", 0, FlagSpec::String, ""},
      {"load-balancer-ip", 0, FlagSpec::String, ""},
      {"session-affinity", 0, FlagSpec::String, ""},
      {"overrides", 0, FlagSpec::String, ""},
      {"override-type", 0, FlagSpec::String, "merge"},
      {"output", 'o', FlagSpec::String, ""},
      {"dry-run", 0, FlagSpec::String, "none"},
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"kustomize", 'k', FlagSpec::String, ""},
      {"recursive", 'R', FlagSpec::Bool, "false"},
      {"save-config", 0, FlagSpec::Bool, "false"},
      {"field-manager", 0, FlagSpec::String, "kubectl-expose"},
      {"record", 0, FlagSpec::Bool, "false"},
      {"template", 0, FlagSpec::String, ""},
      {"allow-missing-template-keys", 0, FlagSpec::Bool, "true"},
      {"show-managed-fields", 0, FlagSpec::Bool, "false"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  if (!flags.get("overrides").empty()) return print_error(env, "kubesim does not simulate \"kubectl expose --overrides\" yet");
  if (flags.has("filename"))
    return print_error(env, "the path " + go_quote(split_csv(flags.get("filename")).front()) + " does not exist");

  // [resource builder] (kubectl v1.34 prints its errors as they are, without a usage hint)
  TargetArgs targets;
  if (auto e = parse_targets(flags.positional, targets); !e.empty()) return print_error(env, e);
  if (targets.named.empty()) {
    if (!targets.types_only.empty()) return print_error(env, "resource(s) were provided, but no name was specified");
    return print_error(env, missing_resource_text());
  }
  std::string dry;
  if (auto e = dry_run_mode(flags, dry); !e.empty()) return print_error(env, e);
  const std::string output = flags.get("output");
  Cluster& c = env.cluster;
  const std::string ns = namespace_of(flags, env);

  for (auto& t : targets.named) {
    const ResourceType& rt = *t.type;
    Introspected in;
    switch (rt.kind) {
      case store::Kind::Deployment: {
        auto* d = c.store.deployments().get(ns, t.name);
        if (!d) return print_raw_error(env, not_found_text(rt, t.name));
        in.labels = d->metadata.labels;
        in.selector = d->spec.selector.match_labels;
        ports_of_template(d->spec.template_.spec, in);
        break;
      }
      case store::Kind::ReplicaSet: {
        auto* r = c.store.replicasets().get(ns, t.name);
        if (!r) return print_raw_error(env, not_found_text(rt, t.name));
        in.labels = r->metadata.labels;
        in.selector = r->spec.selector.match_labels;
        ports_of_template(r->spec.template_.spec, in);
        break;
      }
      case store::Kind::Pod: {
        auto* p = c.store.pods().get(ns, t.name);
        if (!p) return print_raw_error(env, not_found_text(rt, t.name));
        in.labels = p->metadata.labels;
        in.selector = p->metadata.labels;
        if (in.selector.empty()) {
          in.selector_error = true;
          in.selector_error_text = "the pod has no labels and cannot be exposed";
        }
        ports_of_template(p->spec, in);
        break;
      }
      case store::Kind::Service: {
        auto* s = c.store.services().get(ns, t.name);
        if (!s) return print_raw_error(env, not_found_text(rt, t.name));
        in.labels = s->metadata.labels;
        in.selector = s->spec.selector;
        if (in.selector.empty()) {
          in.selector_error = true;
          in.selector_error_text = "the service has no pod selector set";
        }
        for (auto& p : s->spec.ports) {
          in.ports.push_back(p.port);
          in.protocols[p.port] = p.protocol;
        }
        break;
      }
      default:
        return print_error(env, "cannot expose a " + rt.kind_name + (rt.group.empty() ? "" : "." + rt.group));
    }

    // [generator parameters] selector, ports, protocols, labels, name.
    api::Labels selector;
    if (!flags.get("selector").empty()) {
      if (!parse_map(flags.get("selector"), selector))
        return print_error(env, "invalid selector " + go_quote(flags.get("selector")));
    } else {
      if (in.selector_error)
        return usage_error(env, path, "couldn't retrieve selectors via --selector flag or introspection: " +
                                          in.selector_error_text);
      selector = in.selector;
    }
    std::vector<int32_t> ports;
    if (!flags.get("port").empty()) {
      int64_t p = 0;
      if (!parse_port(flags.get("port"), p))
        return print_error(env, "strconv.Atoi: parsing " + go_quote(flags.get("port")) + ": invalid syntax");
      ports.push_back(static_cast<int32_t>(p));
    } else {
      ports = in.ports;
      if (ports.empty() && flags.get("cluster-ip") != "None")
        return usage_error(env, path, "couldn't find port via --port flag or introspection");
    }
    api::Labels labels = in.labels;
    if (!flags.get("labels").empty()) {
      labels.clear();
      if (!parse_map(flags.get("labels"), labels))
        return print_error(env, "invalid label spec: " + flags.get("labels"));
    }
    std::string name = flags.get("name");
    if (name.empty()) name = t.name.size() > 63 ? t.name.substr(0, 63) : t.name;
    std::string target_port = flags.get("target-port");
    if (target_port.empty()) target_port = flags.get("container-port");

    api::Service svc;
    svc.metadata.name = name;
    svc.metadata.namespace_ = ns;
    svc.metadata.labels = labels;
    svc.spec.selector = selector;
    svc.spec.type = flags.get("type").empty() ? "ClusterIP" : flags.get("type");
    for (size_t i = 0; i < ports.size(); ++i) {
      api::ServicePort sp;
      if (ports.size() > 1) sp.name = "port-" + std::to_string(i + 1);
      sp.port = ports[i];
      std::string proto = flags.get("protocol");
      if (proto.empty()) {
        auto it = in.protocols.find(ports[i]);
        proto = it == in.protocols.end() ? "TCP" : it->second;
      }
      sp.protocol = proto;
      if (!target_port.empty()) {
        int64_t tp = 0;
        sp.target_port = parse_port(target_port, tp) ? api::IntOrString::Int(tp) : api::IntOrString::Str(target_port);
      } else {
        sp.target_port = api::IntOrString::Int(ports[i]);
      }
      svc.spec.ports.push_back(sp);
    }
    if (!flags.get("session-affinity").empty()) svc.spec.session_affinity = flags.get("session-affinity");
    if (!flags.get("external-ip").empty()) svc.spec.external_ips = split_csv(flags.get("external-ip"));
    if (!flags.get("cluster-ip").empty()) svc.spec.cluster_ip = flags.get("cluster-ip");
    const bool node_ports = svc.spec.type == "NodePort" || svc.spec.type == "LoadBalancer";
    if (node_ports) svc.spec.external_traffic_policy = "Cluster";

    if (dry == "client") {
      env.out.out(name_line(*resolve_resource("service"), name, output == "name" ? "" : "exposed (dry run)"));
      continue;
    }

    // [API server] validation, then allocation, then the write.
    std::vector<std::string> causes;
    for (auto& e : dns1035_label_errors(name)) causes.push_back(field_invalid("metadata.name", go_quote(name), e));
    for (auto& e : validate_labels(labels, "metadata.labels")) causes.push_back(e);
    static const char* kTypes[] = {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"};
    bool type_ok = false;
    for (auto* ty : kTypes) if (svc.spec.type == ty) type_ok = true;
    if (!type_ok)
      causes.push_back("spec.type: Unsupported value: " + go_quote(svc.spec.type) +
                       ": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
    if (svc.spec.type == "ExternalName") causes.push_back("spec.externalName: Required value");
    for (size_t i = 0; i < svc.spec.ports.size(); ++i) {
      auto& sp = svc.spec.ports[i];
      std::string pp = "spec.ports[" + std::to_string(i) + "]";
      if (sp.port < 1 || sp.port > 65535)
        causes.push_back(field_invalid(pp + ".port", std::to_string(sp.port), "must be between 1 and 65535, inclusive"));
      if (sp.protocol != "TCP" && sp.protocol != "UDP" && sp.protocol != "SCTP")
        causes.push_back(pp + ".protocol: Unsupported value: " + go_quote(sp.protocol) +
                         ": supported values: \"SCTP\", \"TCP\", \"UDP\"");
      if (!sp.target_port.is_string && (sp.target_port.int_value < 1 || sp.target_port.int_value > 65535))
        causes.push_back(field_invalid(pp + ".targetPort", std::to_string(sp.target_port.int_value),
                                       "must be between 1 and 65535, inclusive"));
    }
    if (!flags.get("session-affinity").empty() && svc.spec.session_affinity != "None" &&
        svc.spec.session_affinity != "ClientIP")
      causes.push_back("spec.sessionAffinity: Unsupported value: " + go_quote(svc.spec.session_affinity) +
                       ": supported values: \"ClientIP\", \"None\"");
    if (!causes.empty()) return print_raw_error(env, invalid_text("Service", name, causes));
    if (!namespace_exists(c, ns))
      return print_raw_error(env, "Error from server (NotFound): namespaces " + go_quote(ns) + " not found");
    if (c.store.services().get(ns, name))
      return print_raw_error(env, "Error from server (AlreadyExists): services " + go_quote(name) + " already exists");
    if (dry == "server") {
      env.out.out(name_line(*resolve_resource("service"), name, output == "name" ? "" : "exposed (server dry run)"));
      continue;
    }
    if (svc.spec.cluster_ip.empty() && svc.spec.type != "ExternalName") {
      svc.spec.cluster_ip = c.network.allocate_cluster_ip(c);
      if (svc.spec.cluster_ip.empty())
        return print_raw_error(env, "Error from server (InternalError): Internal error occurred: failed to allocate a "
                                    "serviceIP: range is full");
    }
    if (!svc.spec.cluster_ip.empty()) svc.spec.cluster_ips = {svc.spec.cluster_ip};
    if (node_ports)
      for (auto& sp : svc.spec.ports) {
        // The allocator checks the stored services only: keep this service's ports distinct.
        for (int attempt = 0; attempt < 16; ++attempt) {
          sp.node_port = c.network.allocate_node_port(c);
          bool dup = false;
          for (auto& other : svc.spec.ports) if (&other != &sp && other.node_port == sp.node_port) dup = true;
          if (!dup) break;
        }
        if (sp.node_port == 0)
          return print_raw_error(env, "Error from server (InternalError): Internal error occurred: failed to allocate "
                                      "a nodePort: range is full");
      }
    record_change(flags, svc.metadata);
    store::Status st = c.store.create(svc);
    if (!st.ok) return print_raw_error(env, api_error_text(st));
    c.settle();
    env.out.out(name_line(*resolve_resource("service"), name, output == "name" ? "" : "exposed"));
  }
  return 0;
}

}  // namespace kubesim::kubectl
