// kubesim — kubectl's command dispatcher (what cobra does for the real binary: find the command
// word among the flags, run it, or refuse an unknown one with "Did you mean this?" suggestions)
// and the plumbing the command files share (commands.h).
#include "kubectl/kubectl.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

#include "cluster.h"
#include "kubectl/commands.h"
#include "kubectl/selectors.h"

namespace kubesim::kubectl {

// [SECTION] small string helpers -----------------------------------------------------------------

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) { if (i) out += sep; out += v[i]; }
  return out;
}

std::string to_lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> split_csv(const std::string& s) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  while (true) {
    size_t comma = s.find(',', start);
    out.push_back(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// Go's strconv.Quote for the printable ASCII / UTF-8 text users type.
std::string go_quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          static const char* hex = "0123456789abcdef";
          out += "\\x";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// [SECTION] errors ---------------------------------------------------------------------------------

int print_error(Env& env, const std::string& msg) {
  std::string m = starts_with(msg, "error: ") ? msg : "error: " + msg;
  if (m.empty() || m.back() != '\n') m += '\n';
  env.out.err(m);
  return 1;
}

int print_raw_error(Env& env, const std::string& msg) {
  std::string m = msg;
  if (m.empty() || m.back() != '\n') m += '\n';
  env.out.err(m);
  return 1;
}

int print_errors(Env& env, const std::vector<std::string>& errors) {
  if (errors.empty()) return 0;
  if (errors.size() == 1) {
    const std::string& e = errors[0];
    if (starts_with(e, "Error from server") || starts_with(e, "The ")) return print_raw_error(env, e);
    return print_error(env, e);
  }
  for (auto& e : errors) print_raw_error(env, e);
  return 1;
}

int usage_error(Env& env, const std::string& command_path, const std::string& msg) {
  return print_error(env, msg + "\nSee '" + command_path + " -h' for help and examples");
}

std::string api_error_text(const store::Status& st) {
  if (st.reason == "Invalid" && starts_with(st.message, "The ")) return st.message;
  if (st.reason.empty()) return "Error from server: " + st.message;
  return "Error from server (" + st.reason + "): " + st.message;
}

std::string not_found_text(const ResourceType& rt, const std::string& name) {
  return "Error from server (NotFound): " + rt.qualified_plural() + " \"" + name + "\" not found";
}

std::string invalid_text(const std::string& kind, const std::string& name, const std::vector<std::string>& causes) {
  std::string s = "The " + kind + " " + go_quote(name) + " is invalid";
  if (causes.empty()) return s;
  if (causes.size() == 1) return s + ": " + causes[0];
  std::string out = s + ": \n";  // MultilineError: prefix on its own line, then "* cause" lines
  for (auto& c : causes) out += "* " + c + "\n";
  return out;
}

std::string invalid_status_message(const std::string& qualified_kind, const std::string& name,
                                   const std::vector<std::string>& causes) {
  std::string s = qualified_kind + " " + go_quote(name) + " is invalid: ";
  if (causes.size() == 1) return s + causes[0];
  return s + "[" + join(causes, ", ") + "]";
}

std::string missing_resource_text() {
  return "You must provide one or more resources by argument or filename.\n"
         "Example resource specifications include:\n"
         "   '-f rsrc.yaml'\n"
         "   '--filename=rsrc.json'\n"
         "   '<resource> <name>'\n"
         "   '<resource>'";
}

// [SECTION] flags ------------------------------------------------------------------------------------

bool parse_command_flags(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                         const std::string& command_path, Env& env, ParsedFlags& out, int& status) {
  if (auto err = parse_flags(args, specs, out)) {
    status = print_error(env, *err + "\nSee '" + command_path + " --help' for usage.");
    return false;
  }
  // The kubeconfig selection flags: kubesim's machine has minikube's kubeconfig and nothing else,
  // and every command that talks to the API server loads it (config, options, help and a
  // client-only version do not).
  const bool loads_kubeconfig = command_path.rfind("kubectl config", 0) != 0 && command_path != "kubectl options" &&
                                command_path != "kubectl completion" && command_path != "kubectl" &&
                                !(command_path == "kubectl version" && out.get_bool("client")) && !out.get_bool("help");
  if (loads_kubeconfig) {
    const std::string kubeconfig = out.get("kubeconfig"), context = out.get("context"), cluster = out.get("cluster");
    if (!kubeconfig.empty() && kubeconfig != "/home/user/.kube/config") {
      status = print_error(env, "stat " + kubeconfig + ": no such file or directory");
      return false;
    }
    if (!context.empty() && context != "minikube") {
      status = print_raw_error(env, "Error in configuration: context was not found for specified context: " + context);
      return false;
    }
    if (!cluster.empty() && cluster != "minikube") {
      status = print_raw_error(env, "Error in configuration: no server found for cluster " + go_quote(cluster));
      return false;
    }
    if (!request_timeout_ms(out.get("request-timeout"))) {
      status = print_error(env, "Invalid timeout value. Timeout must be a single integer in seconds, or an integer "
                                "followed by a corresponding time unit (e.g. 1s | 2m | 3h)");
      return false;
    }
  }
  if (out.has("record")) {
    // cobra prints a deprecated flag's notice once parsing has succeeded (on stderr).
    env.out.err("Flag --record has been deprecated, --record will be removed in the future\n");
    if (out.get_bool("record")) {
      // genericclioptions.parseCommandArguments: the program's base name, the arguments (the
      // command's own words included), then every flag as --name=value in the order given.
      std::string cause = command_path;
      for (auto& a : out.positional) cause += " " + a;
      for (auto& a : out.after_dash) cause += " " + a;
      for (auto& [name, value] : out.given) cause += " --" + name + "=" + value;
      out.change_cause = std::move(cause);
    }
  }
  if (out.get_bool("help")) {
    std::string text = help_text(command_path);
    if (text.empty()) {  // a command whose help kubesim does not carry (yet)
      status = print_error(env, "kubesim does not simulate \"" + command_path + " --help\" yet");
      return false;
    }
    env.out.out(text);
    status = 0;
    return false;
  }
  return true;
}

std::string namespace_of(const ParsedFlags& flags, const Env& env) {
  std::string ns = flags.get("namespace");
  return ns.empty() ? env.namespace_ : ns;
}

std::optional<int64_t> request_timeout_ms(const std::string& text) {
  // clientcmd.ParseTimeout: whole seconds (strconv.ParseInt base 10, not negative), else a Go duration.
  if (text.empty()) return 0;
  size_t i = text[0] == '+' || text[0] == '-' ? 1 : 0;
  if (i < text.size() && text.size() - i <= 18 && text.find_first_not_of("0123456789", i) == std::string::npos) {
    const int64_t seconds = std::stoll(text.substr(i));
    if (text[0] == '-' && seconds != 0) return std::nullopt;  // negative seconds are refused (a duration is not)
    return seconds * 1000;
  }
  int64_t ms = 0;
  if (!parse_go_duration(text, ms).empty()) return std::nullopt;
  return ms;
}

std::string parse_go_duration(const std::string& text, int64_t& ms) {
  auto invalid = [&] { return "time: invalid duration " + go_quote(text); };
  std::string s = text;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) { neg = s[0] == '-'; s = s.substr(1); }
  if (s == "0") { ms = 0; return ""; }
  if (s.empty()) return invalid();
  double total_ns = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    std::string whole = s.substr(start, i - start);
    std::string frac;
    if (i < s.size() && s[i] == '.') {
      ++i;
      size_t fs = i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      frac = s.substr(fs, i - fs);
    }
    if (whole.empty() && frac.empty()) return invalid();
    size_t us = i;
    while (i < s.size() && s[i] != '.' && !std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    std::string unit = s.substr(us, i - us);
    if (unit.empty()) return "time: missing unit in duration " + go_quote(text);
    double mult = 0;
    if (unit == "ns") mult = 1;
    else if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs") mult = 1e3;
    else if (unit == "ms") mult = 1e6;
    else if (unit == "s") mult = 1e9;
    else if (unit == "m") mult = 60e9;
    else if (unit == "h") mult = 3600e9;
    else return "time: unknown unit " + go_quote(unit) + " in duration " + go_quote(text);
    double v = 0;
    for (char c : whole) v = v * 10 + (c - '0');
    double scale = 0.1;
    for (char c : frac) { v += (c - '0') * scale; scale /= 10; }
    total_ns += v * mult;
    if (total_ns > 9.2e18) return invalid();
  }
  int64_t v_ms = static_cast<int64_t>(total_ns / 1e6);
  ms = neg ? -v_ms : v_ms;
  return "";
}

std::string dry_run_mode(const ParsedFlags& flags, std::string& mode) {
  const std::string v = flags.get("dry-run", "none");
  mode = "none";
  if (v == "unchanged")
    return "--dry-run flag without a value was specified. A value must be set: \"none\", \"server\", or \"client\".";
  if (v == "client" || v == "server" || v == "none") { mode = v; return ""; }
  return "Invalid dry-run value (" + v + "). Must be \"none\", \"server\", or \"client\".";
}

std::string duration_flag(const ParsedFlags& flags, const std::string& name, const std::string& def, int64_t& ms) {
  std::string v = flags.get(name, def);
  std::string err = parse_go_duration(v, ms);
  if (err.empty()) return "";
  return "invalid argument " + go_quote(v) + " for \"--" + name + "\" flag: " + err;
}

std::string int32_flag(const ParsedFlags& flags, const std::string& name, char shorthand, int64_t def, int64_t& v) {
  v = flags.get_int(name, def);
  if (v >= -2147483648LL && v <= 2147483647LL) return "";
  std::string text = flags.get(name);
  std::string disp = shorthand ? std::string("-") + shorthand + ", --" + name : "--" + name;
  return "invalid argument " + go_quote(text) + " for " + go_quote(disp) + " flag: strconv.ParseInt: parsing " +
         go_quote(text) + ": value out of range";
}

// [SECTION] resource arguments -------------------------------------------------------------------------

std::string selector_conflict(const TargetArgs& ta, bool selecting) {
  if (!selecting) return "";
  if (!ta.named.empty())
    return ta.slash_form ? "selectors and the all flag cannot be used when passing resource/name arguments"
                         : "name cannot be provided when a selector is specified";
  if (ta.types_only.empty()) return "at least one resource must be specified to use a selector";
  return "";
}

std::string parse_targets(const std::vector<std::string>& args, TargetArgs& out) {
  size_t slashes = 0;
  for (auto& a : args) if (a.find('/') != std::string::npos) ++slashes;
  if (slashes > 0 && slashes != args.size())
    return "there is no need to specify a resource type as a separate argument when passing arguments in "
           "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource "
           "resource/<resource_name>'";
  if (slashes > 0) {
    for (auto& a : args) {
      auto first = a.find('/');
      if (a.find('/', first + 1) != std::string::npos)
        return "arguments in resource/name form may not have more than one slash";
      std::string type = a.substr(0, first), name = a.substr(first + 1);
      if (type.empty() || name.empty()) return "arguments in resource/name form must have a single resource and name";
      const ResourceType* rt = resolve_resource(type);
      if (!rt) return unknown_resource_type_error(type);
      out.named.push_back({rt, name, ""});
    }
    out.slash_form = true;
    return "";
  }
  if (args.empty()) return "";
  std::vector<const ResourceType*> types;
  for (auto& t : split_csv(args[0])) {
    if (t.empty()) continue;
    const ResourceType* rt = resolve_resource(t);
    if (!rt) return unknown_resource_type_error(t);
    types.push_back(rt);
  }
  if (args.size() == 1) {
    out.types_only = types;
    return "";
  }
  for (auto* rt : types)
    for (size_t i = 1; i < args.size(); ++i) out.named.push_back({rt, args[i], ""});
  return "";
}

size_t find_command_word(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs) {
  const std::vector<FlagSpec> globals = global_flags();
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (a.size() > 1 && a[0] == '-') {
      if (a.find('=') != std::string::npos) continue;
      bool known = false, is_bool = false;
      for (auto* list : {&specs, &globals})
        for (auto& f : *list)
          if (!known && (a == "--" + f.name || (a.size() == 2 && f.shorthand && f.shorthand == a[1]))) {
            known = true;
            is_bool = f.type == FlagSpec::Bool;
          }
      if (known && !is_bool) ++i;
      continue;
    }
    return i;
  }
  return args.size();
}

std::string expand_selected(const Cluster& c, const std::vector<const ResourceType*>& types, const std::string& ns,
                            bool all_namespaces, const std::string& label_selector, std::vector<Target>& out) {
  for (auto* rt : types) {
    LabelSelector sel;
    if (!label_selector.empty()) {
      std::string err = parse_label_selector(label_selector, sel);
      if (!err.empty()) return selector_error(*rt, label_selector, "", err);
    }
    for (auto& k : list_keys(c, rt->kind, all_namespaces ? "" : ns)) {
      const api::ObjectMeta* m = find_meta(c, rt->kind, k.namespace_, k.name);
      if (!m || !sel.matches(m->labels)) continue;
      out.push_back({rt, k.name, k.namespace_});
    }
  }
  return "";
}

// [SECTION] objects of any kind ----------------------------------------------------------------------

namespace {
bool cluster_scoped(store::Kind k) { return k == store::Kind::Node || k == store::Kind::Namespace; }
}  // namespace

store::Key key_for(const ResourceType& rt, const std::string& ns, const std::string& name) {
  return store::Key{rt.namespaced ? ns : "", name};
}

const api::ObjectMeta* find_meta(const Cluster& c, store::Kind kind, const std::string& ns, const std::string& name) {
  store::Key k{cluster_scoped(kind) ? "" : ns, name};
  const auto& s = c.store;
  switch (kind) {
    case store::Kind::Pod: { auto* o = s.pods().get(k); return o ? &o->metadata : nullptr; }
    case store::Kind::ReplicaSet: { auto* o = s.replicasets().get(k); return o ? &o->metadata : nullptr; }
    case store::Kind::Deployment: { auto* o = s.deployments().get(k); return o ? &o->metadata : nullptr; }
    case store::Kind::Service: { auto* o = s.services().get(k); return o ? &o->metadata : nullptr; }
    case store::Kind::Endpoints: { auto* o = s.endpoints().get(k); return o ? &o->metadata : nullptr; }
    case store::Kind::Node: { auto* o = s.nodes().get(k); return o ? &o->metadata : nullptr; }
    case store::Kind::Namespace: { auto* o = s.namespaces().get(k); return o ? &o->metadata : nullptr; }
    case store::Kind::Event: { auto* o = s.events().get(k); return o ? &o->metadata : nullptr; }
  }
  return nullptr;
}

std::vector<store::Key> list_keys(const Cluster& c, store::Kind kind, const std::string& ns) {
  std::vector<store::Key> out;
  auto collect = [&](const auto& table) {
    if (ns.empty() || cluster_scoped(kind)) {
      for (auto& [k, v] : table) out.push_back(k);
    } else {
      for (auto& [k, v] : table.in_namespace(ns)) out.push_back(k);
    }
  };
  const auto& s = c.store;
  switch (kind) {
    case store::Kind::Pod: collect(s.pods()); break;
    case store::Kind::ReplicaSet: collect(s.replicasets()); break;
    case store::Kind::Deployment: collect(s.deployments()); break;
    case store::Kind::Service: collect(s.services()); break;
    case store::Kind::Endpoints: collect(s.endpoints()); break;
    case store::Kind::Node: collect(s.nodes()); break;
    case store::Kind::Namespace: collect(s.namespaces()); break;
    case store::Kind::Event: collect(s.events()); break;
  }
  return out;
}

bool records_change(const ParsedFlags& flags, const api::ObjectMeta& m) {
  if (flags.change_cause.empty()) return false;
  auto it = m.annotations.find("kubernetes.io/change-cause");
  return it == m.annotations.end() || it->second != flags.change_cause;
}

void record_change(const ParsedFlags& flags, api::ObjectMeta& m) {
  if (!flags.change_cause.empty()) m.annotations["kubernetes.io/change-cause"] = flags.change_cause;
}

store::Status update_meta(Cluster& c, store::Kind kind, const store::Key& k,
                          const std::function<void(api::ObjectMeta&)>& fn) {
  auto& s = c.store;
  switch (kind) {
    case store::Kind::Pod: return s.update_pod(k, [&](api::Pod& o) { fn(o.metadata); });
    case store::Kind::ReplicaSet: return s.update_replicaset(k, [&](api::ReplicaSet& o) { fn(o.metadata); });
    case store::Kind::Deployment: return s.update_deployment(k, [&](api::Deployment& o) { fn(o.metadata); });
    case store::Kind::Service: return s.update_service(k, [&](api::Service& o) { fn(o.metadata); });
    case store::Kind::Endpoints: return s.update_endpoints(k, [&](api::Endpoints& o) { fn(o.metadata); });
    case store::Kind::Node: return s.update_node(k, [&](api::Node& o) { fn(o.metadata); });
    case store::Kind::Namespace:
    case store::Kind::Event:
      break;
  }
  return store::Status::Err("MethodNotAllowed", std::string("kubesim does not support changing the metadata of ") +
                                                    store::kind_name(kind) + " objects");
}

std::string name_line(const ResourceType& rt, const std::string& name, const std::string& operation) {
  std::string s = rt.qualified_singular() + "/" + name;
  if (!operation.empty()) s += " " + operation;
  return s + "\n";
}

bool namespace_exists(const Cluster& c, const std::string& ns) {
  return c.store.namespaces().get(store::Key{"", ns}) != nullptr;
}

// [SECTION] validation ---------------------------------------------------------------------------------

namespace {
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool dns1123_label_ok(const std::string& v) {
  if (v.empty() || !is_lower_alnum(v.front()) || !is_lower_alnum(v.back())) return false;
  for (char c : v) if (!is_lower_alnum(c) && c != '-') return false;
  return true;
}
}  // namespace

std::vector<std::string> dns1123_subdomain_errors(const std::string& value) {
  std::vector<std::string> errs;
  if (value.size() > 253) errs.push_back("must be no more than 253 characters");
  bool ok = !value.empty();
  size_t start = 0;
  while (ok) {
    size_t dot = value.find('.', start);
    std::string part = value.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!dns1123_label_ok(part)) ok = false;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (!ok)
    errs.push_back(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
        "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  return errs;
}

std::vector<std::string> dns1123_label_errors(const std::string& value) {
  std::vector<std::string> errs;
  if (value.size() > 63) errs.push_back("must be no more than 63 characters");
  if (!dns1123_label_ok(value))
    errs.push_back(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
        "end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
  return errs;
}

std::vector<std::string> dns1035_label_errors(const std::string& value) {
  std::vector<std::string> errs;
  if (value.size() > 63) errs.push_back("must be no more than 63 characters");
  bool ok = !value.empty() && value.front() >= 'a' && value.front() <= 'z' && is_lower_alnum(value.back());
  for (char c : value) if (!is_lower_alnum(c) && c != '-') ok = false;
  if (!ok)
    errs.push_back(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
        "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
        "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  return errs;
}

std::string field_invalid(const std::string& field, const std::string& quoted_value, const std::string& detail) {
  return field + ": Invalid value: " + quoted_value + ": " + detail;
}

std::vector<std::string> validate_labels(const api::Labels& labels, const std::string& path) {
  std::vector<std::string> out;
  for (auto& [k, v] : labels) {
    for (auto& e : label_key_errors(k)) out.push_back(field_invalid(path, go_quote(k), e));
    for (auto& e : label_value_errors(v)) out.push_back(field_invalid(path, go_quote(v), e));
  }
  return out;
}

std::vector<std::string> validate_pod_template(const api::PodTemplateSpec& t, const std::string& path) {
  std::vector<std::string> out = validate_labels(t.labels, path + ".metadata.labels");
  auto spec = validate_pod_spec(t.spec, path + ".spec");
  out.insert(out.end(), spec.begin(), spec.end());
  return out;
}

std::vector<std::string> validate_pod_spec(const api::PodSpec& spec, const std::string& path) {
  std::vector<std::string> out;
  for (size_t i = 0; i < spec.containers.size(); ++i) {
    const auto& c = spec.containers[i];
    std::string cp = path + ".containers[" + std::to_string(i) + "]";
    if (c.name.empty()) out.push_back(cp + ".name: Required value");
    else for (auto& e : dns1123_label_errors(c.name)) out.push_back(field_invalid(cp + ".name", go_quote(c.name), e));
    if (c.image.empty()) {
      out.push_back(cp + ".image: Required value");
    } else {
      bool ws = std::isspace(static_cast<unsigned char>(c.image.front())) ||
                std::isspace(static_cast<unsigned char>(c.image.back()));
      if (ws) out.push_back(field_invalid(cp + ".image", go_quote(c.image), "must not have leading or trailing whitespace"));
    }
    for (size_t j = 0; j < c.ports.size(); ++j) {
      int32_t p = c.ports[j].container_port;
      if (p < 1 || p > 65535)
        out.push_back(field_invalid(cp + ".ports[" + std::to_string(j) + "].containerPort", std::to_string(p),
                                    "must be between 1 and 65535, inclusive"));
    }
  }
  return out;
}

// [SECTION] blocking on simulated time -------------------------------------------------------------------

WaitResult wait_until_steps(Cluster& c, int64_t timeout_ms, const std::function<bool()>& after_step) {
  const int64_t start = c.now();
  const bool has_timeout = timeout_ms >= 0;
  const int64_t deadline = start + (has_timeout ? timeout_ms : kMaxBlockingWaitMs);
  int same_instant_steps = 0;
  while (true) {
    int64_t t = c.next_timer_at();
    if (t < 0 || t > deadline) {
      // Nothing happens before the deadline: with a timeout the command sits it out (the clock
      // moves); without one, kubesim stops instead of jumping ahead.
      if (!has_timeout) return WaitResult::Stuck;
      c.run_until(deadline);
      return after_step() ? WaitResult::Done : WaitResult::TimedOut;
    }
    int64_t before = c.now();
    c.run_until(std::max(t, before));
    // A timer that keeps re-arming itself at the same instant must not hold the command forever.
    same_instant_steps = c.now() == before ? same_instant_steps + 1 : 0;
    if (same_instant_steps > 100000) return WaitResult::Stuck;
    if (after_step()) return WaitResult::Done;
  }
}

WaitResult wait_until(Cluster& c, int64_t timeout_ms, const std::function<bool()>& check) {
  if (check()) return WaitResult::Done;
  if (timeout_ms == 0) return WaitResult::TimedOut;
  return wait_until_steps(c, timeout_ms, check);
}

int gave_up_waiting(Env& env) {
  env.out.err("kubesim: stopped waiting: nothing more will happen in the simulated cluster "
              "(real kubectl would keep waiting until interrupted)\n");
  return 1;
}

// [SECTION] cluster addresses ------------------------------------------------------------------------------

std::string node_ip(const Cluster& c) {
  for (auto& [k, n] : c.store.nodes())
    for (auto& a : n.status.addresses)
      if (a.type == "InternalIP" && !a.address.empty()) return a.address;
  return "192.168.49.2";
}

std::string api_server_url(const Cluster& c) { return "https://" + node_ip(c) + ":8443"; }

// [SECTION] the dispatcher --------------------------------------------------------------------------------

namespace {

using Handler = int (*)(const std::vector<std::string>&, Env&);

struct RootCommand {
  const char* name;
  Handler handler;  // nullptr: a real kubectl command kubesim does not simulate
  std::vector<std::string> suggest_for;
};

const std::vector<RootCommand>& root_commands() {
  // Sorted by name, as cobra sorts them (suggestions come out in this order).
  static const std::vector<RootCommand> kCommands = {
      {"annotate", cmd_annotate, {}},
      {"api-resources", cmd_api_resources, {}},
      {"api-versions", cmd_api_versions, {}},
      {"apply", cmd_apply, {}},
      {"attach", nullptr, {}},
      {"auth", nullptr, {}},
      {"autoscale", nullptr, {}},
      {"certificate", nullptr, {}},
      {"cluster-info", cmd_cluster_info, {}},
      {"completion", nullptr, {}},
      {"config", cmd_config, {}},
      {"cordon", nullptr, {}},
      {"cp", nullptr, {}},
      {"create", cmd_create, {}},
      {"debug", nullptr, {}},
      {"delete", cmd_delete, {"rm"}},
      {"describe", cmd_describe, {}},
      {"diff", nullptr, {}},
      {"drain", nullptr, {}},
      {"edit", nullptr, {}},
      {"events", cmd_events, {}},
      {"exec", cmd_exec, {}},
      {"explain", nullptr, {}},
      {"expose", cmd_expose, {}},
      {"get", cmd_get, {"list", "ps"}},
      {"kustomize", nullptr, {}},
      {"label", cmd_label, {}},
      {"logs", cmd_logs, {}},
      {"options", nullptr, {}},
      {"patch", cmd_patch, {}},
      {"plugin", nullptr, {}},
      {"port-forward", nullptr, {}},
      {"proxy", cmd_proxy, {}},
      {"replace", nullptr, {}},
      {"rollout", cmd_rollout, {}},
      {"run", cmd_run, {}},
      {"scale", cmd_scale, {}},
      {"set", cmd_set, {}},
      {"taint", nullptr, {}},
      {"top", cmd_top, {}},
      {"uncordon", nullptr, {}},
      {"version", cmd_version, {}},
      {"wait", cmd_wait, {}},
  };
  return kCommands;
}

// cobra's ld(): Levenshtein distance, case-insensitive for suggestions.
size_t levenshtein(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> suggestions_for(const std::string& typed) {
  // cobra walks the commands in the order kubectl added them (its command groups, as the
  // top-level help lists them, then the others), not sorted.
  static const char* kAdded[] = {
      "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale",
      "certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach",
      "exec", "port-forward", "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace", "wait",
      "kustomize", "label", "annotate", "completion", "alpha", "config", "plugin", "version", "api-versions",
      "api-resources", "options", "help"};
  std::vector<const RootCommand*> ordered;
  for (const char* n : kAdded)
    for (auto& c : root_commands())
      if (std::string_view(c.name) == n) ordered.push_back(&c);
  for (auto& c : root_commands())  // any command missing from the list above keeps a place at the end
    if (std::find(ordered.begin(), ordered.end(), &c) == ordered.end()) ordered.push_back(&c);
  std::vector<std::string> out;
  std::string t = to_lower(typed);
  for (const RootCommand* cp : ordered) {
    const RootCommand& c = *cp;
    std::string name = c.name;
    bool by_distance = levenshtein(t, to_lower(name)) <= 2;
    bool by_prefix = starts_with(to_lower(name), t);
    if (by_distance || by_prefix) out.push_back(name);
    for (auto& s : c.suggest_for)
      if (to_lower(s) == t) out.push_back(name);
  }
  return out;
}

bool takes_value(const std::string& flag_word) {
  // Whether a root-level flag word consumes the next argument (cobra's stripFlags).
  if (flag_word.find('=') != std::string::npos) return false;
  for (auto& f : global_flags()) {
    if (starts_with(flag_word, "--") && flag_word.substr(2) == f.name) return f.type != FlagSpec::Bool;
    if (flag_word.size() == 2 && flag_word[0] == '-' && f.shorthand == flag_word[1]) return f.type != FlagSpec::Bool;
  }
  // Unknown long flags are assumed to take a value (cobra assumes the same when the flag is
  // not a known bool); unknown shorthands too.
  return starts_with(flag_word, "--") || flag_word.size() == 2;
}

}  // namespace

const std::vector<std::string>& root_command_names() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> v;
    for (auto& c : root_commands()) v.push_back(c.name);
    return v;
  }();
  return kNames;
}

int run(const std::vector<std::string>& args, Env& env) {
  if (args.empty()) {
    env.out.out(help_text("kubectl"));
    return 0;
  }
  // Find the command word among the leading global flags, as cobra's Find/stripFlags does.
  size_t cmd_index = args.size();
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (!a.empty() && a[0] == '-' && a.size() > 1) {
      if (takes_value(a)) ++i;
      continue;
    }
    cmd_index = i;
    break;
  }
  if (cmd_index == args.size()) {
    // Only flags: the root command runs (kubectl's runHelp), after its own flag parsing.
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(args, {}, "kubectl", env, flags, status)) return status;
    if (!flags.positional.empty() || flags.saw_dash) {
      // e.g. `kubectl -- foo`: cobra treats the words as arguments of the root command.
      std::string word = flags.positional.empty() ? (flags.after_dash.empty() ? "" : flags.after_dash[0])
                                                  : flags.positional[0];
      if (!word.empty()) {
        std::string msg = "unknown command " + go_quote(word) + " for \"kubectl\"";
        return print_error(env, msg);
      }
    }
    env.out.out(help_text("kubectl"));
    return 0;
  }

  const std::string& word = args[cmd_index];
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i)
    if (i != cmd_index) rest.push_back(args[i]);

  if (word == "alpha") {  // kubectl v1.34 has no alpha commands enabled
    env.out.err("No alpha commands are available in this version of kubectl\n");
    return 0;
  }
  if (word == "options") {  // the global flags (its --help prints nothing at all)
    for (auto& a : rest) if (a == "-h" || a == "--help") return 0;
    env.out.out(options_text());
    return 0;
  }
  if (word == "completion") {
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(rest, {}, "kubectl completion", env, flags, status)) return status;
    if (flags.positional.empty()) return usage_error(env, "kubectl completion", "Shell not specified.");
    if (flags.positional.size() > 1) return usage_error(env, "kubectl completion", "Too many arguments. Expected only the shell type.");
    const std::string& shell = flags.positional[0];
    if (shell != "bash" && shell != "zsh" && shell != "fish" && shell != "powershell")
      return usage_error(env, "kubectl completion", "Unsupported shell type " + go_quote(shell) + ".");
    return print_error(env, "kubesim does not simulate \"kubectl completion " + shell + "\" yet (its own terminal completes with Tab)");
  }
  if (word == "help") {
    // cobra's help command: `kubectl help [command …]`.
    std::vector<std::string> topic;
    for (auto& a : rest) if (!a.empty() && a[0] != '-') topic.push_back(a);
    std::string path = "kubectl";
    for (auto& t : topic) path += " " + t;
    // cobra's Find: the deepest command the words name (later words are its arguments); a
    // first word that names no command is an unknown topic: the root's usage, on stderr.
    while (topic.size() > 1 && help_text(path).empty()) {
      topic.pop_back();
      path = "kubectl";
      for (auto& t : topic) path += " " + t;
    }
    std::string text = help_text(path);
    if (text.empty() && !topic.empty()) {
      std::string list;
      for (auto& a : rest) if (!a.empty() && a[0] != '-') list += (list.empty() ? "`" : " `") + a + "`";
      const std::string root = help_text("kubectl");
      const size_t groups = root.find("Basic Commands");
      env.out.err("Unknown help topic [" + list + "]\n\n\n" + (groups == std::string::npos ? root : root.substr(groups)));
      return 0;
    }
    env.out.out(text);
    return 0;
  }

  for (auto& c : root_commands()) {
    if (word != c.name) continue;
    if (c.handler == cmd_get || c.handler == cmd_describe) {
      // cobra answers -h/--help before the command runs.
      for (auto& a : rest) {
        if (a == "--") break;
        if (a == "-h" || a == "--help") {
          env.out.out(help_text(std::string("kubectl ") + c.name));
          return 0;
        }
      }
    }
    if (c.handler) return c.handler(rest, env);
    // A real command kubesim does not simulate: parse flags for -h, then say so plainly.
    std::string path = std::string("kubectl ") + c.name;
    bool wants_help = false;
    for (auto& a : rest) {
      if (a == "--") break;
      if (a == "-h" || a == "--help") wants_help = true;
    }
    if (wants_help && !help_text(path).empty()) {
      env.out.out(help_text(path));
      return 0;
    }
    return print_error(env, "kubesim does not simulate \"" + path + "\" yet");
  }

  std::string msg = "unknown command " + go_quote(word) + " for \"kubectl\"";
  auto sugg = suggestions_for(word);
  if (!sugg.empty()) {
    msg += "\n\nDid you mean this?\n";
    for (auto& s : sugg) msg += "\t" + s + "\n";
  }
  return print_error(env, msg);
}

}  // namespace kubesim::kubectl
