// kubesim — the small commands: `kubectl version`, `kubectl cluster-info`, `kubectl config …`
// (current-context, view, get-contexts, use-context, set-context --current --namespace) and
// `kubectl api-versions`. The cluster is the one a fresh `minikube start` (v1.37, Kubernetes
// v1.34.0, docker driver) gives.
#include <algorithm>
#include <cctype>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/json.h"
#include "cluster.h"
#include "kubectl/commands.h"
#include "kubectl/gosort.h"
#include "kubectl/printers.h"
#include "kubectl/tabwriter.h"
#include "kubectl/timefmt.h"
#include "kubectl/yaml.h"

namespace kubesim::kubectl {

namespace {

// version.Info of kubectl v1.34.1 and of the v1.34.0 API server minikube runs.
nlohmann::json client_version_info() {
  nlohmann::json j = nlohmann::json::object();
  j["major"] = "1";
  j["minor"] = "34";
  j["gitVersion"] = kClientVersion;
  j["gitCommit"] = "93248f9ae092f571eb870b7664c534bfc7d00f03";
  j["gitTreeState"] = "clean";
  j["buildDate"] = "2025-09-09T19:44:50Z";
  j["goVersion"] = "go1.24.6";
  j["compiler"] = "gc";
  j["platform"] = "linux/amd64";
  return j;
}

nlohmann::json server_version_info(const Cluster& c) {
  nlohmann::json j = nlohmann::json::object();
  j["major"] = "1";
  j["minor"] = "34";
  j["emulationMajor"] = "1";
  j["emulationMinor"] = "34";
  j["minCompatibilityMajor"] = "1";
  j["minCompatibilityMinor"] = "33";
  j["gitVersion"] = c.options.kubernetes_version;
  j["gitCommit"] = "f28b4c9efbca5c5c0af716d9f2d5702667ee8a45";
  j["gitTreeState"] = "clean";
  j["buildDate"] = "2025-08-27T10:09:04Z";
  j["goVersion"] = "go1.24.6";
  j["compiler"] = "gc";
  j["platform"] = "linux/amd64";
  return j;
}

// encoding/json keeps struct field order; nlohmann sorts keys, so the JSON is written by hand.
std::string indent_fields(const nlohmann::json& j, const std::vector<std::string>& order, const std::string& pad) {
  std::string s = "{\n";
  for (size_t i = 0; i < order.size(); ++i) {
    s += pad + "  " + api::go_json_quote(order[i]) + ": " + api::go_json_quote(j[order[i]].get<std::string>());
    s += i + 1 < order.size() ? ",\n" : "\n";
  }
  return s + pad + "}";
}

const std::vector<std::string> kClientFields = {"major", "minor", "gitVersion", "gitCommit", "gitTreeState",
                                                "buildDate", "goVersion", "compiler", "platform"};
const std::vector<std::string> kServerFields = {"major", "minor", "emulationMajor", "emulationMinor",
                                                "minCompatibilityMajor", "minCompatibilityMinor", "gitVersion",
                                                "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler",
                                                "platform"};

std::string yaml_fields(const nlohmann::json& j, const std::string& pad) {
  // sigs.k8s.io/yaml sorts keys; values that look like numbers or dates are quoted.
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  std::string s;
  for (auto& k : keys) {
    std::string v = j[k].get<std::string>();
    bool quote = !v.empty() && (std::isdigit(static_cast<unsigned char>(v[0])) && v.find_first_not_of("0123456789") == std::string::npos);
    if (k == "buildDate") quote = true;
    s += pad + k + ": " + (quote ? "\"" + v + "\"" : v) + "\n";
  }
  return s;
}

}  // namespace

// [SECTION] version --------------------------------------------------------------------------------

int cmd_version(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl version";
  std::vector<FlagSpec> specs = {
      {"client", 0, FlagSpec::Bool, "false"},
      {"output", 'o', FlagSpec::String, ""},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  if (!flags.positional.empty()) return print_error(env, "extra arguments: [" + join(flags.positional, " ") + "]");
  const std::string output = flags.get("output");
  if (!output.empty() && output != "yaml" && output != "json")
    return print_error(env, "--output must be 'yaml' or 'json'");
  const bool client_only = flags.get_bool("client");
  const Cluster& c = env.cluster;
  if (output.empty()) {
    std::string s = std::string("Client Version: ") + kClientVersion + "\nKustomize Version: " + kKustomizeVersion + "\n";
    if (!client_only) s += "Server Version: " + c.options.kubernetes_version + "\n";
    env.out.out(s);
    return 0;
  }
  if (output == "json") {
    std::string s = "{\n  \"clientVersion\": " + indent_fields(client_version_info(), kClientFields, "  ") + ",\n";
    s += std::string("  \"kustomizeVersion\": \"") + kKustomizeVersion + "\"";
    if (!client_only) s += ",\n  \"serverVersion\": " + indent_fields(server_version_info(c), kServerFields, "  ");
    env.out.out(s + "\n}\n");
    return 0;
  }
  std::string s = "clientVersion:\n" + yaml_fields(client_version_info(), "  ");
  s += std::string("kustomizeVersion: ") + kKustomizeVersion + "\n";
  if (!client_only) s += "serverVersion:\n" + yaml_fields(server_version_info(c), "  ");
  env.out.out(s);
  return 0;
}

// [SECTION] cluster-info -----------------------------------------------------------------------------

int cmd_cluster_info(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl cluster-info";
  ParsedFlags flags;
  int status = 0;
  size_t sub = find_command_word(args, {});
  if (sub < args.size() && args[sub] == "dump") {
    for (auto& a : args)
      if (a == "--help" || a == "-h") {
        env.out.out(help_text("kubectl cluster-info dump"));
        return 0;
      }
    return print_error(env, "kubesim does not simulate \"kubectl cluster-info dump\" yet");
  }
  if (!parse_command_flags(args, {}, path, env, flags, status)) return status;
  if (!flags.positional.empty())
    return print_error(env, "unknown command " + go_quote(flags.positional[0]) + " for \"kubectl cluster-info\"");
  const Cluster& c = env.cluster;
  const std::string host = api_server_url(c);
  // go-colortext writes its ANSI codes to stdout whether or not it is a terminal.
  auto service_line = [&](const std::string& name, const std::string& link) {
    env.out.out("\x1b[0;32m" + name + "\x1b[0m is running at \x1b[0;33m" + link + "\x1b[0m\n");
  };
  service_line("Kubernetes control plane", host);
  const std::string ns = flags.get("namespace").empty() ? "kube-system" : flags.get("namespace");
  for (auto& [k, svc] : c.store.services().in_namespace(ns)) {
    auto cs = svc.metadata.labels.find("kubernetes.io/cluster-service");
    if (cs == svc.metadata.labels.end() || cs->second != "true") continue;
    std::string link;
    if (!svc.status.load_balancer_ingress_ips.empty()) {
      for (auto& p : svc.spec.ports)
        link += "http://" + svc.status.load_balancer_ingress_ips[0] + ":" + std::to_string(p.port) + " ";
    } else {
      std::string name = svc.metadata.name;
      if (!svc.spec.ports.empty()) {
        const auto& p = svc.spec.ports[0];
        std::string scheme = (p.name == "https" || p.port == 443) ? "https" : "";
        // utilnet.JoinSchemeNamePort
        if (!scheme.empty()) name = scheme + ":" + name + ":" + p.name;
        else if (!p.name.empty()) name = name + ":" + p.name;
      }
      link = host + "/api/v1/namespaces/" + svc.metadata.namespace_ + "/services/" + name + "/proxy";
    }
    auto label = svc.metadata.labels.find("kubernetes.io/name");
    service_line(label == svc.metadata.labels.end() || label->second.empty() ? svc.metadata.name : label->second, link);
  }
  env.out.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  return 0;
}

// [SECTION] config ----------------------------------------------------------------------------------------

int cmd_config(const std::vector<std::string>& args, Env& env) {
  size_t i = find_command_word(args, {});
  if (i == args.size()) {
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(args, {{"kubeconfig", 0, FlagSpec::String, ""}}, "kubectl config", env, flags, status))
      return status;
    env.out.err(help_text("kubectl config"));
    return 1;
  }
  const std::string sub = args[i];
  std::vector<std::string> rest;
  for (size_t k = 0; k < args.size(); ++k) if (k != i) rest.push_back(args[k]);
  const std::string path = "kubectl config " + sub;
  const Cluster& c = env.cluster;
  const std::string server = api_server_url(c);
  const std::string stamp = [&] {
    // minikube writes "last-update" as Go's time.RFC1123 in the machine's zone (UTC here).
    std::string s = rfc1123z(kEpochMs);
    return s.substr(0, s.size() - 5) + "UTC";
  }();

  if (sub == "current-context") {
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(rest, {}, path, env, flags, status)) return status;
    env.out.out("minikube\n");
    return 0;
  }
  if (sub == "view") {
    std::vector<FlagSpec> specs = {{"minify", 0, FlagSpec::Bool, "false"}, {"raw", 0, FlagSpec::Bool, "false"},
                                   {"flatten", 0, FlagSpec::Bool, "false"}, {"merge", 0, FlagSpec::String, "true"},
                                   {"output", 'o', FlagSpec::String, "yaml"},
                                   {"allow-missing-template-keys", 0, FlagSpec::Bool, "true"},
                                   {"show-managed-fields", 0, FlagSpec::Bool, "false"}, {"template", 0, FlagSpec::String, ""}};
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(rest, specs, path, env, flags, status)) return status;
    if (!flags.positional.empty())
      return usage_error(env, path, "unexpected arguments: [" + join(flags.positional, " ") + "]");
    // minikube's kubeconfig (clientcmd v1 Config; the extensions are minikube's own records). One
    // cluster, user and context, so --minify changes nothing.
    const nlohmann::json extension = {{"last-update", stamp}, {"provider", "minikube.sigs.k8s.io"}, {"version", "v1.37.0"}};
    nlohmann::json cluster = {{"server", server}, {"certificate-authority", "/home/user/.minikube/ca.crt"},
                              {"extensions", {{{"name", "cluster_info"}, {"extension", extension}}}}};
    nlohmann::json context = {{"cluster", "minikube"}, {"user", "minikube"}, {"namespace", env.namespace_},
                              {"extensions", {{{"name", "context_info"}, {"extension", extension}}}}};
    nlohmann::json user = {{"client-certificate", "/home/user/.minikube/profiles/minikube/client.crt"},
                           {"client-key", "/home/user/.minikube/profiles/minikube/client.key"}};
    nlohmann::json cfg = {{"kind", "Config"}, {"apiVersion", "v1"},
                          {"clusters", {{{"name", "minikube"}, {"cluster", cluster}}}},
                          {"users", {{{"name", "minikube"}, {"user", user}}}},
                          {"contexts", {{{"name", "minikube"}, {"context", context}}}},
                          {"current-context", "minikube"}};
    const std::string output = flags.get("output", "yaml"), tmpl = flags.get("template");
    if (output == "json") {
      env.out.out(api::go_json_indent_typed(cfg) + "\n");  // a typed object: struct order
      return 0;
    }
    if ((output == "yaml" || output.empty()) && tmpl.empty()) {
      env.out.out(to_yaml(cfg));
      return 0;
    }
    GenericPrinter printer;
    std::string e = check_printer_format(output);
    if (e.empty()) e = make_generic_printer(output, tmpl, false, flags.get_bool("allow-missing-template-keys"), printer);
    if (!e.empty()) return print_error(env, e);
    std::string out, err;
    const bool ok = printer(cfg, out, err);
    env.out.out(out);
    return ok ? 0 : print_error(env, err);
  }
  if (sub == "get-clusters" || sub == "get-users") {
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(rest, {}, path, env, flags, status)) return status;
    env.out.out("NAME\nminikube\n");
    return 0;
  }
  if (sub == "get-contexts") {
    std::vector<FlagSpec> specs = {{"no-headers", 0, FlagSpec::Bool, "false"}, {"output", 'o', FlagSpec::String, ""}};
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(rest, specs, path, env, flags, status)) return status;
    if (flags.get("output") == "name") { env.out.out("minikube\n"); return 0; }
    std::string t;
    if (!flags.get_bool("no-headers")) t += "CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n";
    bool listed = flags.positional.empty(), missing = false;
    for (auto& p : flags.positional) (p == "minikube" ? listed : missing) = true;
    if (listed) t += "*\tminikube\tminikube\tminikube\t" + env.namespace_ + "\n";
    env.out.out(tabwrite(t, 6, 4, 3));
    // The table first (with what was found), then one error per missing context.
    for (auto& p : flags.positional)
      if (p != "minikube") status = print_error(env, "context " + p + " not found");
    return missing ? 1 : 0;
  }
  if (sub == "use-context" || sub == "use") {
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(rest, {}, path, env, flags, status)) return status;
    if (flags.positional.size() != 1) {  // kubectl prints the command's help, then the error
      env.out.out(help_text(path == "kubectl config use" ? "kubectl config use-context" : path));
      return print_error(env, "Unexpected args: [" + join(flags.positional, " ") + "]");
    }
    if (flags.positional[0] != "minikube")
      return print_error(env, "no context exists with the name: " + go_quote(flags.positional[0]));
    env.out.out("Switched to context \"minikube\".\n");
    return 0;
  }
  if (sub == "set-context") {
    std::vector<FlagSpec> specs = {{"current", 0, FlagSpec::Bool, "false"}, {"cluster", 0, FlagSpec::String, ""},
                                   {"user", 0, FlagSpec::String, ""}, {"namespace", 0, FlagSpec::String, ""}};
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(rest, specs, path, env, flags, status)) return status;
    std::string name = flags.get_bool("current") ? "minikube" : (flags.positional.empty() ? "" : flags.positional[0]);
    if (name.empty()) return print_error(env, "you must specify a non-empty context name or --current");
    if (name != "minikube") return print_error(env, "kubesim has only the \"minikube\" context");
    if (flags.has("namespace")) env.namespace_ = flags.get("namespace").empty() ? "default" : flags.get("namespace");
    env.out.out("Context \"minikube\" modified.\n");
    return 0;
  }
  static const char* kReal[] = {"delete-cluster", "delete-context", "delete-user", "rename-context", "set", "set-cluster", "set-credentials", "unset"};
  for (const char* r : kReal)
    if (sub == r) return print_error(env, "kubesim does not simulate \"kubectl config " + sub + "\" yet");
  return usage_error(env, "kubectl config", "unknown command " + go_quote(sub));
}

// [SECTION] top ------------------------------------------------------------------------------------------
// A fresh minikube has no metrics-server (the addon is off): kubectl finds no metrics.k8s.io API in
// discovery and says so.
int cmd_top(const std::vector<std::string>& args, Env& env) {
  size_t i = find_command_word(args, {});
  const std::string sub = i < args.size() ? args[i] : "";
  const bool pods = sub == "pod" || sub == "pods" || sub == "po";
  const bool nodes = sub == "node" || sub == "nodes" || sub == "no";
  if (sub.empty()) {
    // DefaultSubCommandRun: the help on stderr and status 1 (or -h/--help: on stdout, status 0).
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(args, {}, "kubectl top", env, flags, status)) return status;
    env.out.err(help_text("kubectl top"));
    return 1;
  }
  if (!pods && !nodes) return usage_error(env, "kubectl top", "unknown command " + go_quote(sub));
  std::vector<std::string> rest;
  for (size_t k = 0; k < args.size(); ++k) if (k != i) rest.push_back(args[k]);
  std::vector<FlagSpec> specs = {{"selector", 'l', FlagSpec::String, ""},    {"no-headers", 0, FlagSpec::Bool, "false"},
                                 {"sort-by", 0, FlagSpec::String, ""},       {"use-protocol-buffers", 0, FlagSpec::Bool, "true"},
                                 {"show-capacity", 0, FlagSpec::Bool, "false"}, {"show-swap", 0, FlagSpec::Bool, "false"}};
  if (pods) {
    specs.push_back({"all-namespaces", 'A', FlagSpec::Bool, "false"});
    specs.push_back({"containers", 0, FlagSpec::Bool, "false"});
    specs.push_back({"field-selector", 0, FlagSpec::String, ""});
    specs.push_back({"sum", 0, FlagSpec::Bool, "false"});
  }
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(rest, specs, pods ? "kubectl top pod" : "kubectl top node", env, flags, status)) return status;
  if (const std::string s = flags.get("sort-by"); !s.empty() && s != "cpu" && s != "memory")
    return print_error(env, "--sort-by accepts only cpu or memory");
  return print_error(env, "Metrics API not available");
}

// [SECTION] api-versions ----------------------------------------------------------------------------------

int cmd_api_versions(const std::vector<std::string>& args, Env& env) {
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, {}, "kubectl api-versions", env, flags, status)) return status;
  if (!flags.positional.empty())
    return usage_error(env, "kubectl api-versions", "unexpected arguments: [" + join(flags.positional, " ") + "]");
  // The groups a v1.34.0 API server serves by default (sorted, as kubectl prints them).
  static const char* kVersions[] = {
      "admissionregistration.k8s.io/v1", "apiextensions.k8s.io/v1", "apiregistration.k8s.io/v1", "apps/v1",
      "authentication.k8s.io/v1", "authorization.k8s.io/v1", "autoscaling/v1", "autoscaling/v2", "batch/v1",
      "certificates.k8s.io/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "events.k8s.io/v1",
      "flowcontrol.apiserver.k8s.io/v1", "networking.k8s.io/v1", "node.k8s.io/v1", "policy/v1",
      "rbac.authorization.k8s.io/v1", "resource.k8s.io/v1", "scheduling.k8s.io/v1", "storage.k8s.io/v1", "v1"};
  std::string s;
  for (auto* v : kVersions) s += std::string(v) + "\n";
  env.out.out(s);
  return 0;
}

// [SECTION] api-resources ---------------------------------------------------------------------------------

namespace {

// Whether the comma-joined list `csv` has every one of `wanted` (sets.HasAll).
bool has_all(const std::string& csv, const std::vector<std::string>& wanted) {
  const std::vector<std::string> have = split_csv(csv);
  for (auto& w : wanted)
    if (std::find(have.begin(), have.end(), w) == have.end()) return false;
  return true;
}

}  // namespace

int cmd_api_resources(const std::vector<std::string>& args, Env& env) {
  const std::vector<FlagSpec> specs = {
      {"api-group", 0, FlagSpec::String, ""},
      {"cached", 0, FlagSpec::Bool, "false"},
      {"categories", 0, FlagSpec::StringArray, ""},
      {"namespaced", 0, FlagSpec::Bool, "true"},
      {"no-headers", 0, FlagSpec::Bool, "false"},
      {"output", 'o', FlagSpec::String, ""},
      {"show-managed-fields", 0, FlagSpec::Bool, "false"},
      {"sort-by", 0, FlagSpec::String, ""},
      {"verbs", 0, FlagSpec::StringArray, ""},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, "kubectl api-resources", env, flags, status)) return status;
  if (!flags.positional.empty())
    return usage_error(env, "kubectl api-resources", "unexpected arguments: [" + join(flags.positional, " ") + "]");
  // [Complete] the printer, then [Validate] the sort key.
  const std::string output = to_lower(flags.get("output"));
  if (output == "json" || output == "yaml")
    return print_error(env, "kubesim does not simulate \"kubectl api-resources -o " + output + "\" yet");
  if (!output.empty() && output != "wide" && output != "name")
    return print_error(env, "unable to match a printer suitable for the output format " + go_quote(flags.get("output")) +
                                ", allowed formats are: json,name,wide,yaml");
  const std::string sort_by = flags.get("sort-by");
  if (!sort_by.empty() && sort_by != "name" && sort_by != "kind") return print_error(env, "--sort-by accepts only name or kind");

  auto csv_values = [&](const std::string& name) {
    std::vector<std::string> out;
    auto it = flags.values.find(name);
    if (it != flags.values.end())
      for (auto& v : it->second)
        for (auto& x : split_csv(v)) out.push_back(x);
    return out;
  };
  const std::vector<std::string> verbs = csv_values("verbs"), categories = csv_values("categories");
  std::vector<const ApiResource*> rows;
  for (auto& r : api_resources()) {
    if (flags.has("api-group") && flags.get("api-group") != r.group) continue;
    if (flags.has("namespaced") && flags.get_bool("namespaced") != r.namespaced) continue;
    if (!verbs.empty() && !has_all(r.verbs, verbs)) continue;
    if (!categories.empty() && !has_all(r.categories, categories)) continue;
    rows.push_back(&r);
  }
  if (!sort_by.empty()) {
    // sort.Stable on the field, names breaking ties (byte order, as strings.Compare).
    std::stable_sort(rows.begin(), rows.end(), [&](const ApiResource* a, const ApiResource* b) {
      const int c = sort_by == "kind" ? std::string_view(a->kind).compare(b->kind) : 0;
      if (c != 0) return c < 0;
      return std::string_view(a->name) < std::string_view(b->name);
    });
  }
  std::string text;
  if (output == "name") {
    for (auto* r : rows) text += std::string(r->name) + (*r->group ? std::string(".") + r->group : "") + "\n";
    env.out.out(text);
    return 0;
  }
  const bool wide = output == "wide";
  if (!flags.get_bool("no-headers"))
    text += wide ? "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\tVERBS\tCATEGORIES\n"
                 : "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n";
  for (auto* r : rows) {
    const std::string api_version = *r->group ? std::string(r->group) + "/" + r->version : std::string(r->version);
    text += std::string(r->name) + "\t" + r->short_names + "\t" + api_version + "\t" + (r->namespaced ? "true" : "false") +
            "\t" + r->kind;
    if (wide) text += std::string("\t") + r->verbs + "\t" + r->categories;
    text += "\n";
  }
  env.out.out(tabwrite_get(text));
  return 0;
}

// [SECTION] events ----------------------------------------------------------------------------------------
namespace {
// `kubectl events --watch` (events.go runWatch): a watch without a resourceVersion, so the server
// first sends every event there is (in key order: namespace, then name), then each new or
// updated one (deletions, an hour on, are not printed). The heading comes with the first row;
// every row is flushed on its own through a tabwriter that remembers widths.
class EventWatcher final : public store::WriteObserver {
 public:
  EventWatcher(std::function<bool(const api::Event&)> wanted, std::function<std::string(const api::Event&)> row,
               std::string heading)
      : wanted_(std::move(wanted)), row_(std::move(row)), heading_(std::move(heading)) {}
  void print(const api::Event& e) {
    if (!wanted_(e)) return;
    out_ += tabwrite(std::exchange(heading_, std::string()) + row_(e), 6, 4, 3, &widths_);
  }
  void on_write(store::Kind, store::ChangeType, const store::Key&) override {}
  void on_event(store::ChangeType type, const api::Event& e) override {
    if (type != store::ChangeType::Deleted) print(e);  // deletions (an hour on) are not printed
  }
  std::string take() { return std::exchange(out_, std::string()); }

 private:
  std::function<bool(const api::Event&)> wanted_;
  std::function<std::string(const api::Event&)> row_;
  std::string heading_, out_;
  std::vector<int> widths_;
};

int watch_events(Env& env, std::function<bool(const api::Event&)> wanted, std::function<std::string(const api::Event&)> row,
                 std::string heading, const ParsedFlags& flags) {
  EventWatcher w(std::move(wanted), std::move(row), std::move(heading));
  for (auto& [key, e] : env.cluster.store.events()) w.print(e);
  env.out.out(w.take());
  const int64_t timeout = request_timeout_ms(flags.get("request-timeout")).value_or(0);  // valid (checked)
  return watch_clock(env, w, [&] { return w.take(); }, [] { return std::string(); }, timeout);
}
}  // namespace

// `kubectl events` (kubectl/pkg/cmd/events): the events of a namespace (or all), oldest first by
// their last occurrence, optionally only one object's (--for=TYPE/NAME) or one type's.
int cmd_events(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl events";
  const std::vector<FlagSpec> specs = {
      {"all-namespaces", 'A', FlagSpec::Bool, "false"}, {"chunk-size", 0, FlagSpec::Int, "500"},
      {"for", 0, FlagSpec::String, ""},                 {"no-headers", 0, FlagSpec::Bool, "false"},
      {"output", 'o', FlagSpec::String, ""},            {"types", 0, FlagSpec::StringArray, ""},
      {"watch", 'w', FlagSpec::Bool, "false"},          {"allow-missing-template-keys", 0, FlagSpec::Bool, "true"},
      {"show-managed-fields", 0, FlagSpec::Bool, "false"}, {"template", 0, FlagSpec::String, ""},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  // [Validate]
  std::vector<std::string> types;
  if (auto it = flags.values.find("types"); it != flags.values.end())
    for (auto& v : it->second)
      for (auto& t : split_csv(v)) {
        const std::string lower = to_lower(t);
        if (lower != "normal" && lower != "warning") return print_error(env, "valid --types are Normal or Warning");
        types.push_back(lower);
      }
  const std::string for_arg = flags.get("for");
  const ResourceType* for_type = nullptr;
  std::string for_name;
  if (!for_arg.empty()) {
    const size_t slash = for_arg.find('/');
    if (slash == std::string::npos) return print_error(env, "--for must be in resource/name form");
    for_name = for_arg.substr(slash + 1);
    for_type = resolve_resource(for_arg.substr(0, slash));
    if (!for_type) return print_error(env, unknown_resource_type_error(for_arg.substr(0, slash)));
  }
  // [Complete] the printer: the event table unless -o names another (--template alone does not).
  const std::string output = flags.get("output");
  const std::string format = output.substr(0, output.find('='));
  GenericPrinter printer;
  if (!output.empty()) {
    if (std::string e = check_printer_format(output); !e.empty()) return print_error(env, e);
    // Run prints the typed corev1.EventList; runWatch every event on its own (a typed Event), YAML
    // documents after the first starting with "---". Printer errors are dropped in both.
    // Checked against kubectl v1.34.5.
    const bool watch = flags.get_bool("watch");
    if (format == "json") {
      // Struct field order (kind first); the list's ListMeta is empty.
      const api::GoStruct* type = watch ? &api::kGoEvent : &api::kGoEventList;
      printer = [type](const nlohmann::json& obj, std::string& out, std::string&) {
        out += api::go_json_indent_struct(obj, *type) + "\n";
        return true;
      };
    } else if (format == "yaml" && watch) {
      printer = [printed = false](const nlohmann::json& e, std::string& out, std::string&) mutable {
        if (std::exchange(printed, true)) out += "---\n";
        out += to_yaml(e);
        return true;
      };
    } else if (format == "name") {
      // For the typed list kubectl's name printer writes nothing (events.go ignores its error), so
      // `kubectl events -o name` prints nothing and succeeds; a watched event prints event/NAME.
      printer = [watch](const nlohmann::json& obj, std::string& out, std::string&) {
        if (watch) out += "event/" + obj["metadata"].value("name", "") + "\n";
        return true;
      };
    } else if (std::string e = make_generic_printer(output, flags.get("template"), false,
                                                    !flags.has("allow-missing-template-keys") ||
                                                        flags.get_bool("allow-missing-template-keys"),
                                                    printer);
               !e.empty()) {
      return print_error(env, e);
    }
  }
  // [Run] the list (namespace, then name order), filtered, then sorted by last occurrence.
  Cluster& c = env.cluster;
  const bool all = flags.get_bool("all-namespaces");
  const std::string ns = namespace_of(flags, env);
  auto wanted = [&](const api::Event& e) {
    if (!all && e.metadata.namespace_ != ns) return false;
    if (!types.empty() && std::find(types.begin(), types.end(), to_lower(e.type)) == types.end()) return false;
    return !for_type || (e.involved_object.kind == for_type->kind_name && e.involved_object.name == for_name);
  };
  const bool no_headers = flags.get_bool("no-headers");
  const std::string heading = std::string(all ? "NAMESPACE\t" : "") + "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n";
  auto row = [&](const api::Event& e) {
    const int64_t now = c.now();
    const std::string first = event_first_seen(e, now);
    std::string interval = first;
    if (e.count > 1 && e.action.empty())
      interval = translate_timestamp_since(e.last_ms, now) + " (x" + std::to_string(e.count) + " over " + first + ")";
    return (all ? e.metadata.namespace_ + "\t" : std::string()) + interval + "\t" + e.type + "\t" + e.reason + "\t" +
           e.involved_object.kind + "/" + e.involved_object.name + "\t" + trim_space(e.message) + "\n";
  };
  if (flags.get_bool("watch")) {
    if (!printer) return watch_events(env, wanted, row, no_headers ? "" : heading, flags);
    auto print_one = [&](const api::Event& e) {
      std::string out, ignored;
      printer(api::to_json(e), out, ignored);
      return out;
    };
    return watch_events(env, wanted, print_one, "", flags);
  }

  std::vector<const api::Event*> events;
  for (auto& [key, e] : c.store.events())
    if (wanted(e)) events.push_back(&e);
  if (events.empty()) {
    env.out.err(all ? std::string("No events found.\n") : "No events found in " + ns + " namespace.\n");
    return 0;
  }
  // SortableEvents with Go's sort.Sort (not stable: events of the same second come out in the
  // order the algorithm leaves them). eventTime() is lastTimestamp, which the API keeps to the
  // second, or, when unset, eventTime, which keeps its fraction (an events.k8s.io/v1 event, such as
  // the scheduler's Scheduled, sorts after the other events of its second).
  auto event_time = [](const api::Event* e) {
    if (!e->action.empty()) return e->first_ms;
    return e->last_ms != 0 ? floor_seconds(e->last_ms) * 1000 : INT64_MIN;
  };
  go_sort_slice(events, [&](const api::Event* a, const api::Event* b) { return event_time(a) < event_time(b); });
  if (printer) {
    nlohmann::json items = nlohmann::json::array();
    for (const api::Event* e : events) items.push_back(api::to_json(*e));
    const nlohmann::json list = {{"kind", "EventList"}, {"apiVersion", "v1"}, {"metadata", nlohmann::json::object()},
                                 {"items", std::move(items)}};
    // events.go drops PrintObj's error: a template that fails prints what the printer wrote (a
    // go-template its debugging text, a jsonpath nothing) and the command still succeeds.
    std::string out, ignored;
    printer(list, out, ignored);
    env.out.out(out);
    return 0;
  }
  std::string t = no_headers ? "" : heading;
  for (const api::Event* e : events) t += row(*e);
  env.out.out(tabwrite_get(t));
  return 0;
}

}  // namespace kubesim::kubectl
