// kubesim — `kubectl create` (deployment, namespace; -f is answered as on a machine without the
// file) and `kubectl apply` (-f only, same answer). Upstream: kubectl/pkg/cmd/create/create.go,
// create_deployment.go, create_namespace.go.
#include <cerrno>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <string>
#include <vector>

#include "api/json.h"
#include "cluster.h"
#include "controllers/replicaset.h"
#include "kubelet/registry.h"
#include "kubectl/commands.h"
#include "kubectl/yaml.h"

namespace kubesim::kubectl {

namespace {

// [SECTION] output flags shared by the create family -------------------------------------------------

std::vector<FlagSpec> print_flags() {
  return {
      {"output", 'o', FlagSpec::String, ""},
      {"dry-run", 0, FlagSpec::String, "none"},
      {"template", 0, FlagSpec::String, ""},
      {"allow-missing-template-keys", 0, FlagSpec::Bool, "true"},
      {"show-managed-fields", 0, FlagSpec::Bool, "false"},
      {"save-config", 0, FlagSpec::Bool, "false"},
      {"validate", 0, FlagSpec::String, "strict"},
      {"field-manager", 0, FlagSpec::String, "kubectl-create"},
  };
}

// The printer chosen by -o for a created object: the name printer with an operation, or JSON.
// Returns false (and prints the error) for formats kubesim cannot print here.
bool print_created(Env& env, const ResourceType& rt, const std::string& name, const std::string& operation,
                   const std::string& output, const nlohmann::json* obj, int& status, const ParsedFlags* flags = nullptr) {
  const std::string tmpl = flags ? flags->get("template") : std::string();
  if (output.empty() && tmpl.empty()) { env.out.out(name_line(rt, name, operation)); return true; }
  if (output == "name") { env.out.out(name_line(rt, name, "")); return true; }
  if (output == "json" && obj) { env.out.out(api::go_json_indent_typed(*obj) + "\n"); return true; }
  if (output == "yaml" && obj) { env.out.out(to_yaml(*obj)); return true; }
  if (std::string e = check_printer_format(output); !e.empty()) {  // ("" with --template: a go-template)
    status = print_error(env, e);
    return false;
  }
  // The template printers (jsonpath, go-template), as kubectl get has them.
  GenericPrinter printer;
  const bool allow_missing = !flags || flags->get("allow-missing-template-keys", "true") == "true";
  if (std::string e = make_generic_printer(output, tmpl, false, allow_missing, printer); !e.empty() || !obj) {
    status = print_error(env, e.empty() ? "kubesim does not print -o " + output + " here yet" : e);
    return false;
  }
  std::string out, err;
  const bool ok = printer(*obj, out, err);
  env.out.out(out);
  if (!ok) {
    status = print_error(env, err);
    return false;
  }
  return true;
}

const ResourceType& type_of(store::Kind kind) {
  for (auto& r : all_resources()) if (r.kind == kind) return r;
  return all_resources().front();
}

// [SECTION] create deployment -------------------------------------------------------------------------

// The container name kubectl derives from an image: last path segment without tag or digest;
// names with '_' or '.' are made DNS-safe and get a random suffix (sanitizeAndUniquify).
std::string container_name_for(const std::string& image, bool& needs_suffix) {
  std::string name = image.substr(image.rfind('/') == std::string::npos ? 0 : image.rfind('/') + 1);
  if (auto c = name.find(':'); c != std::string::npos) name = name.substr(0, c);
  if (auto a = name.find('@'); a != std::string::npos) name = name.substr(0, a);
  needs_suffix = name.find_first_of("_.") != std::string::npos;
  if (needs_suffix)
    for (auto& ch : name) if (ch == '_' || ch == '.') ch = '-';
  return name;
}

// The object as kubectl sends it (no API defaults): what --dry-run=client prints. Zero
// creationTimestamps are omitted (metav1.ObjectMeta has omitzero since Kubernetes v1.33).
nlohmann::json client_side_json(const api::Deployment& d, bool enforce_namespace) {
  using nlohmann::json;
  json labels = json::object();
  for (auto& [k, v] : d.metadata.labels) labels[k] = v;
  json meta = {{"labels", labels}, {"name", d.metadata.name}};
  if (enforce_namespace) meta["namespace"] = d.metadata.namespace_;
  json containers = json::array();
  for (auto& c : d.spec.template_.spec.containers) {
    json cj = {{"image", c.image}, {"name", c.name}, {"resources", json::object()}};
    if (!c.command.empty()) cj["command"] = c.command;
    if (!c.ports.empty()) {
      json ports = json::array();
      for (auto& p : c.ports) ports.push_back({{"containerPort", p.container_port}});
      cj["ports"] = ports;
    }
    containers.push_back(cj);
  }
  json tmpl_labels = json::object();
  for (auto& [k, v] : d.spec.template_.labels) tmpl_labels[k] = v;
  json sel = json::object();
  for (auto& [k, v] : d.spec.selector.match_labels) sel[k] = v;
  return json{{"apiVersion", "apps/v1"},
              {"kind", "Deployment"},
              {"metadata", meta},
              {"spec",
               {{"replicas", d.spec.replicas},
                {"selector", {{"matchLabels", sel}}},
                {"strategy", json::object()},
                {"template", {{"metadata", {{"labels", tmpl_labels}}}, {"spec", {{"containers", containers}}}}}}},
              {"status", json::object()}};
}

int create_deployment(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl create deployment";
  auto specs = print_flags();
  specs.push_back({"image", 0, FlagSpec::StringArray, ""});
  specs.push_back({"port", 0, FlagSpec::Int, "-1"});
  specs.push_back({"replicas", 'r', FlagSpec::Int, "1"});
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  int64_t port = -1, replicas = 1;
  if (auto e = int32_flag(flags, "port", 0, -1, port); !e.empty())
    return print_error(env, e + "\nSee '" + path + " --help' for usage.");
  if (auto e = int32_flag(flags, "replicas", 'r', 1, replicas); !e.empty())
    return print_error(env, e + "\nSee '" + path + " --help' for usage.");
  if (!flags.has("image")) return print_error(env, "required flag(s) \"image\" not set");

  // NameFromCommandArgs: exactly one word before "--".
  if (flags.positional.size() != 1)
    return usage_error(env, path, "exactly one NAME is required, got " + std::to_string(flags.positional.size()));
  const std::string name = flags.positional[0];
  std::vector<std::string> images;
  for (auto& v : flags.values["image"]) for (auto& i : split_csv(v)) images.push_back(i);
  const std::vector<std::string>& command = flags.after_dash;
  if (images.size() > 1 && !command.empty())
    return print_error(env, "cannot specify multiple --image options and command");
  std::string dry;
  if (auto e = dry_run_mode(flags, dry); !e.empty()) return print_error(env, e);
  const std::string output = flags.get("output");
  const std::string ns = namespace_of(flags, env);
  Cluster& c = env.cluster;

  // The object exactly as kubectl builds it.
  api::Deployment d;
  d.metadata.name = name;
  d.metadata.namespace_ = ns;
  d.metadata.labels = {{"app", name}};
  d.spec.replicas = static_cast<int32_t>(replicas);
  d.spec.selector.match_labels = d.metadata.labels;
  d.spec.template_.labels = d.metadata.labels;
  std::vector<bool> suffix_needed;
  for (auto& img : images) {
    api::Container ct;
    bool needs = false;
    ct.name = container_name_for(img, needs);
    // kubectl adds a random suffix on the client. A dry run may not draw from the cluster's random
    // stream (it changes nothing), so its suffix comes from a generator seeded by what was asked
    // and when; a real create draws a fresh one from the cluster below.
    if (needs) ct.name += sim::Rng(store::hash_key_parts(name, img) ^ static_cast<uint64_t>(c.now())).name_suffix(5);
    suffix_needed.push_back(needs);
    ct.image = img;
    ct.image_pull_policy = api::default_image_pull_policy(img);
    ct.command = command;
    d.spec.template_.spec.containers.push_back(ct);
  }
  if (port >= 0 && !d.spec.template_.spec.containers.empty())
    d.spec.template_.spec.containers.mut()[0].ports.push_back(api::ContainerPort{"", static_cast<int32_t>(port), "TCP"});

  if (dry == "client") {
    nlohmann::json j = client_side_json(d, flags.has("namespace"));
    if (!print_created(env, type_of(store::Kind::Deployment), name, "created (dry run)", output, &j, status, &flags))
      return status;
    return 0;
  }

  // The API server: namespace, validation, then the write.
  if (!namespace_exists(c, ns))
    return print_error(env, "failed to create deployment: namespaces " + go_quote(ns) + " not found");
  std::vector<std::string> causes;
  for (auto& e : dns1123_subdomain_errors(name)) causes.push_back(field_invalid("metadata.name", go_quote(name), e));
  for (auto& e : validate_labels(d.metadata.labels, "metadata.labels")) causes.push_back(e);
  if (replicas < 0)
    causes.push_back(field_invalid("spec.replicas", std::to_string(replicas), "must be greater than or equal to 0"));
  for (auto& e : validate_labels(d.spec.selector.match_labels, "spec.selector.matchLabels")) causes.push_back(e);
  for (auto& e : validate_pod_template(d.spec.template_, "spec.template")) causes.push_back(e);
  if (!causes.empty())
    return print_error(env, "failed to create deployment: " + invalid_status_message("Deployment.apps", name, causes));
  if (replicas > kMaxReplicas)
    return print_error(env, "kubesim: --replicas=" + std::to_string(replicas) + " is more than the simulator allows (" +
                                std::to_string(kMaxReplicas) + " replicas per workload)");
  if (c.store.deployments().get(ns, name))
    return print_error(env, "failed to create deployment: deployments.apps " + go_quote(name) + " already exists");
  if (dry == "server") {
    nlohmann::json j = api::to_json(d);
    if (!print_created(env, type_of(store::Kind::Deployment), name, "created (server dry run)", output, &j, status, &flags))
      return status;
    return 0;
  }
  for (size_t i = 0; i < suffix_needed.size(); ++i)
    if (suffix_needed[i]) {
      auto& n = d.spec.template_.spec.containers.mut()[i].name;
      n = n.substr(0, n.size() - 5) + c.store.rng().name_suffix(5);
    }
  store::Key key;
  store::Status st = c.store.create(d, &key);
  if (!st.ok) return print_error(env, "failed to create deployment: " + st.message);
  // The create call returns the object as stored, before any controller touched it.
  const api::Deployment* created = c.store.deployments().get(key);
  nlohmann::json j = created ? api::to_json(*created) : nlohmann::json::object();
  c.settle();
  if (!print_created(env, type_of(store::Kind::Deployment), name, "created", output, &j, status, &flags)) return status;
  return 0;
}

// [SECTION] create namespace -------------------------------------------------------------------------

int create_namespace(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl create namespace";
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, print_flags(), path, env, flags, status)) return status;
  if (flags.positional.size() != 1)
    return usage_error(env, path, "exactly one NAME is required, got " + std::to_string(flags.positional.size()));
  const std::string name = flags.positional[0];
  std::string dry;
  if (auto e = dry_run_mode(flags, dry); !e.empty()) return print_error(env, e);
  const std::string output = flags.get("output");
  Cluster& c = env.cluster;
  api::Namespace n;
  n.metadata.name = name;
  n.metadata.labels = {{"kubernetes.io/metadata.name", name}};
  if (dry == "client") {
    nlohmann::json j = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}},
                        {"spec", nlohmann::json::object()}, {"status", nlohmann::json::object()}};
    if (!print_created(env, type_of(store::Kind::Namespace), name, "created (dry run)", output, &j, status, &flags)) return status;
    return 0;
  }
  std::vector<std::string> causes;
  for (auto& e : dns1123_label_errors(name)) causes.push_back(field_invalid("metadata.name", go_quote(name), e));
  if (!causes.empty()) return print_raw_error(env, invalid_text("Namespace", name, causes));
  if (namespace_exists(c, name))
    return print_raw_error(env, "Error from server (AlreadyExists): namespaces " + go_quote(name) + " already exists");
  if (dry == "server") {
    nlohmann::json j = api::to_json(n);
    if (!print_created(env, type_of(store::Kind::Namespace), name, "created (server dry run)", output, &j, status, &flags))
      return status;
    return 0;
  }
  store::Key key;
  store::Status st = c.store.create(n, &key);
  if (!st.ok) return print_raw_error(env, api_error_text(st));
  const api::Namespace* created = c.store.namespaces().get(key);
  nlohmann::json j = created ? api::to_json(*created) : nlohmann::json::object();
  c.settle();
  if (!print_created(env, type_of(store::Kind::Namespace), name, "created", output, &j, status, &flags)) return status;
  return 0;
}

// [SECTION] files ------------------------------------------------------------------------------------

// -f on a machine without that file: kubectl's resource builder error. A URL would be downloaded
// by kubectl; kubesim reads no manifests yet, and says so rather than pretend the path is wrong.
int missing_file(Env& env, const std::string& file, const std::string& verb = "create") {
  if (file == "-") return print_error(env, "no objects passed to " + verb);
  if (file.rfind("http://", 0) == 0 || file.rfind("https://", 0) == 0)
    return print_error(env, "kubesim does not simulate \"kubectl " + verb + " -f\" yet: it reads no manifests, so " +
                                go_quote(file) + " was not downloaded");
  return print_error(env, "the path " + go_quote(file) + " does not exist");
}

std::vector<FlagSpec> file_flags() {
  auto specs = print_flags();
  specs.push_back({"filename", 'f', FlagSpec::StringArray, ""});
  specs.push_back({"kustomize", 'k', FlagSpec::String, ""});
  specs.push_back({"recursive", 'R', FlagSpec::Bool, "false"});
  specs.push_back({"selector", 'l', FlagSpec::String, ""});
  specs.push_back({"edit", 0, FlagSpec::Bool, "false"});
  specs.push_back({"raw", 0, FlagSpec::String, ""});
  specs.push_back({"windows-line-endings", 0, FlagSpec::Bool, "false"});
  return specs;
}

// [SECTION] run ---------------------------------------------------------------------------------------
// kubectl run (pkg/cmd/run/run.go): one bare Pod labelled run=NAME (or --labels), container NAME,
// arguments after NAME become the container's args (or its command with --command); --expose
// adds a ClusterIP Service on --port. Attaching (-i/-t/--attach, --rm) is not simulated.

nlohmann::json run_pod_client_json(const api::Pod& p, bool enforce_namespace) {
  using nlohmann::json;
  json labels = json::object();
  for (auto& [k, v] : p.metadata.labels) labels[k] = v;
  json meta = {{"labels", labels}, {"name", p.metadata.name}};
  if (!p.metadata.annotations.empty()) {
    json a = json::object();
    for (auto& [k, v] : p.metadata.annotations) a[k] = v;
    meta["annotations"] = a;
  }
  if (enforce_namespace) meta["namespace"] = p.metadata.namespace_;
  const api::Container& c = p.spec.containers.front();
  json cj = {{"image", c.image}, {"name", c.name}, {"resources", json::object()}};
  if (!c.command.empty()) cj["command"] = c.command;
  if (!c.args.empty()) cj["args"] = c.args;
  if (!c.env.empty()) {
    json env = json::array();
    for (auto& e : c.env) env.push_back({{"name", e.name}, {"value", e.value}});
    cj["env"] = env;
  }
  if (!c.ports.empty()) cj["ports"] = json::array({{{"containerPort", c.ports.front().container_port}}});
  json spec = {{"containers", json::array({cj})}, {"dnsPolicy", "ClusterFirst"}, {"restartPolicy", p.spec.restart_policy}};
  return json{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", spec}, {"status", json::object()}};
}

// The attach half of `kubectl run -i -t`: wait until the pod runs and is ready (podRunningAndReady,
// --pod-running-timeout), then the terminal becomes the container's shell. Only a shell as the main
// process can take the terminal here; anything else is refused in plain words.
int attach_to_run_pod(Env& env, const store::Key& key, const api::Container& ct, bool remove, bool quiet, int64_t timeout_ms) {
  Cluster& c = env.cluster;
  std::vector<std::string> words = ct.command;
  words.insert(words.end(), ct.args.begin(), ct.args.end());
  const kubelet::ImageInfo* info = c.registry.resolve(ct.image);
  const bool default_shell = info && (info->app == kubelet::AppKind::Busybox || info->app == kubelet::AppKind::Shell);
  const bool shell = (words.empty() && default_shell) ||
                     (words.size() == 1 && (words[0] == "sh" || words[0] == "bash" || words[0] == "ash" ||
                                            words[0] == "/bin/sh" || words[0] == "/bin/bash" || words[0] == "/bin/ash"));
  if (!shell || !env.attach_container_shell)
    return print_error(env, "kubesim can attach only to a shell (e.g. kubectl run -it NAME --image=busybox -- sh); pod " +
                                key.name + " was created: see it with kubectl logs " + key.name);
  const api::Pod* pod = nullptr;
  WaitResult r = wait_until(c, timeout_ms, [&] {
    pod = c.store.pods().get(key);
    if (!pod) return true;
    if (pod->status.phase == "Succeeded" || pod->status.phase == "Failed") return true;
    if (pod->status.phase != "Running") return false;
    for (auto& cond : pod->status.conditions)
      if (cond.type == "Ready" && cond.status == "True") return true;
    return false;
  });
  pod = c.store.pods().get(key);
  if (!pod) return print_raw_error(env, "Error from server (NotFound): pods " + go_quote(key.name) + " not found");
  if (r != WaitResult::Done) return print_error(env, "timed out waiting for the condition");
  if (pod->status.phase != "Running") return print_error(env, "pod ran to completion");
  if (!quiet && ct.tty) env.out.err("If you don't see a command prompt, try pressing enter.\n");
  env.attach_container_shell(key.namespace_, key.name, ct.name, remove);
  return 0;
}

bool valid_env_name(const std::string& n) {  // validation.IsEnvVarName: [-._a-zA-Z][-._a-zA-Z0-9]*
  if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
  for (char ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '.' && ch != '_') return false;
  return true;
}

}  // namespace

int cmd_run(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl run";
  auto specs = print_flags();
  for (auto& f : specs) if (f.name == "field-manager") f.default_value = "kubectl-run";
  specs.push_back({"image", 0, FlagSpec::String, ""});
  specs.push_back({"image-pull-policy", 0, FlagSpec::String, ""});
  specs.push_back({"port", 0, FlagSpec::String, ""});
  specs.push_back({"labels", 'l', FlagSpec::String, ""});
  specs.push_back({"env", 0, FlagSpec::StringArray, ""});
  specs.push_back({"annotations", 0, FlagSpec::StringArray, ""});
  specs.push_back({"restart", 0, FlagSpec::String, "Always"});
  specs.push_back({"command", 0, FlagSpec::Bool, "false"});
  specs.push_back({"expose", 0, FlagSpec::Bool, "false"});
  specs.push_back({"stdin", 'i', FlagSpec::Bool, "false"});
  specs.push_back({"tty", 't', FlagSpec::Bool, "false"});
  specs.push_back({"attach", 0, FlagSpec::Bool, "false"});
  specs.push_back({"rm", 0, FlagSpec::Bool, "false"});
  specs.push_back({"quiet", 'q', FlagSpec::Bool, "false"});
  specs.push_back({"privileged", 0, FlagSpec::Bool, "false"});
  specs.push_back({"leave-stdin-open", 0, FlagSpec::Bool, "false"});
  specs.push_back({"pod-running-timeout", 0, FlagSpec::String, "1m0s"});
  specs.push_back({"overrides", 0, FlagSpec::String, ""});
  specs.push_back({"override-type", 0, FlagSpec::String, "merge"});
  // The delete flags kubectl run registers (they shape how --rm deletes the pod).
  specs.push_back({"cascade", 0, FlagSpec::String, "background"});
  specs.push_back({"filename", 'f', FlagSpec::StringArray, ""});
  specs.push_back({"force", 0, FlagSpec::Bool, "false"});
  specs.push_back({"grace-period", 0, FlagSpec::Int, "-1"});
  specs.push_back({"kustomize", 'k', FlagSpec::String, ""});
  specs.push_back({"recursive", 'R', FlagSpec::Bool, "false"});
  specs.push_back({"timeout", 0, FlagSpec::String, "0s"});
  specs.push_back({"wait", 0, FlagSpec::Bool, "false"});
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;

  // The flag parser: a duration that does not parse is pflag's error.
  int64_t running_timeout_ms = 60000;
  if (auto e = duration_flag(flags, "pod-running-timeout", "1m0s", running_timeout_ms); !e.empty())
    return print_error(env, e + "\nSee '" + path + " --help' for usage.");
  if (!flags.get("overrides").empty()) return print_error(env, "kubesim does not simulate \"kubectl run --overrides\" yet");
  // cobra: --image is a required flag (set, even to "", satisfies it).
  if (!flags.has("image")) return print_error(env, "required flag(s) \"image\" not set");
  std::string dry;
  if (auto e = dry_run_mode(flags, dry); !e.empty()) return print_error(env, e);

  // Validate(), in kubectl v1.34's order.
  if (flags.positional.empty()) return usage_error(env, path, "NAME is required for run");
  const std::string image = flags.get("image");
  if (image.empty()) return print_error(env, "--image is required");
  const bool interactive = flags.get_bool("stdin");
  const std::string port_text = flags.get("port");
  if (flags.get_bool("tty") && !interactive) return usage_error(env, path, "-i/--stdin is required for containers with -t/--tty=true");
  if (flags.get_bool("expose") && port_text.empty()) return usage_error(env, path, "--port must be set when exposing a service");
  std::string restart = flags.get("restart", "Always");
  if (restart.empty()) restart = interactive ? "OnFailure" : "Always";
  if (restart != "Always" && restart != "OnFailure" && restart != "Never")
    return usage_error(env, path, "invalid restart policy: " + restart);
  const bool attach = flags.has("attach") ? flags.get_bool("attach") : interactive;
  if (!attach && flags.get_bool("rm")) return usage_error(env, path, "--rm should only be used for attached containers");
  if (attach && dry != "none")
    return usage_error(env, path, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  const std::string pull = flags.get("image-pull-policy");
  if (!pull.empty() && pull != "Always" && pull != "IfNotPresent" && pull != "Never")
    return usage_error(env, path, "invalid image pull policy: " + pull);

  // The pod generator: environment, annotations, labels, then the port.
  std::vector<api::EnvVar> envs;
  for (auto& e : flags.values["env"]) {
    auto eq = e.find('=');
    if (eq == std::string::npos || eq == 0 || !valid_env_name(e.substr(0, eq))) return print_error(env, "invalid env: " + e);
    envs.push_back(api::EnvVar{e.substr(0, eq), e.substr(eq + 1)});
  }
  api::Labels annotations;
  for (auto& a : flags.values["annotations"]) {
    auto eq = a.find('=');
    if (eq == std::string::npos) return print_error(env, "invalid annotations format: " + a);
    annotations[a.substr(0, eq)] = a.substr(eq + 1);
  }
  api::Labels labels;
  if (const std::string spec = flags.get("labels"); !spec.empty()) {
    size_t start = 0;
    while (true) {
      size_t comma = spec.find(',', start);
      std::string item = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      size_t eq = item.find('=');
      if (eq == std::string::npos || item.find('=', eq + 1) != std::string::npos)
        return print_error(env, "unexpected label spec: " + item);
      if (eq == 0) return print_error(env, "unexpected empty label key");
      labels[item.substr(0, eq)] = item.substr(eq + 1);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  int64_t port = -1;
  if (!port_text.empty()) {
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(port_text.c_str(), &end, 10);
    if (!end || end == port_text.c_str() || *end != '\0')
      return print_error(env, "strconv.Atoi: parsing " + go_quote(port_text) + ": invalid syntax");
    if (errno != 0 || v < INT32_MIN || v > INT32_MAX)  // (a containerPort is an int32)
      return print_error(env, "strconv.Atoi: parsing " + go_quote(port_text) + ": value out of range");
    port = v;
  }

  // Run(): the Pod (and the Service with --expose).
  const std::string name = flags.positional[0];
  std::vector<std::string> arguments(flags.positional.begin() + 1, flags.positional.end());
  arguments.insert(arguments.end(), flags.after_dash.begin(), flags.after_dash.end());
  if (labels.empty()) labels = {{"run", name}};
  const std::string ns = namespace_of(flags, env);
  const std::string output = flags.get("output");
  Cluster& c = env.cluster;

  api::Pod pod;
  pod.metadata.name = name;
  pod.metadata.namespace_ = ns;
  pod.metadata.labels = labels;
  pod.metadata.annotations = annotations;
  api::Container ct;
  ct.name = name;
  ct.image = image;
  ct.image_pull_policy = pull.empty() ? api::default_image_pull_policy(image) : pull;
  ct.env = envs;
  if (flags.get_bool("command")) ct.command = arguments;
  else ct.args = arguments;
  if (port >= 0) ct.ports.push_back(api::ContainerPort{"", static_cast<int32_t>(port), "TCP"});
  ct.stdin_open = interactive;
  ct.stdin_once = interactive && !flags.get_bool("leave-stdin-open");
  ct.tty = flags.get_bool("tty");
  pod.spec.containers.push_back(ct);
  pod.spec.restart_policy = restart;

  if (dry == "client") {
    nlohmann::json j = run_pod_client_json(pod, flags.has("namespace"));
    if (!print_created(env, type_of(store::Kind::Pod), name, "created (dry run)", output, &j, status, &flags)) return status;
    return 0;
  }
  if (!namespace_exists(c, ns)) return print_raw_error(env, "Error from server (NotFound): namespaces " + go_quote(ns) + " not found");
  std::vector<std::string> causes;
  for (auto& e : dns1123_subdomain_errors(name)) causes.push_back(field_invalid("metadata.name", go_quote(name), e));
  for (auto& e : validate_labels(pod.metadata.labels, "metadata.labels")) causes.push_back(e);
  for (auto& e : validate_pod_spec(pod.spec, "spec")) causes.push_back(e);
  if (!causes.empty()) return print_raw_error(env, invalid_text("Pod", name, causes));
  if (c.store.pods().get(ns, name))
    return print_raw_error(env, "Error from server (AlreadyExists): pods " + go_quote(name) + " already exists");
  if (dry == "server") {
    nlohmann::json j = api::to_json(pod);
    if (!print_created(env, type_of(store::Kind::Pod), name, "created (server dry run)", output, &j, status, &flags)) return status;
    return 0;
  }
  controllers::add_default_tolerations(pod.spec);
  pod.status.qos_class = controllers::pod_qos_class(pod.spec);
  store::Key key;
  store::Status st = c.store.create(pod, &key);
  if (!st.ok) return print_raw_error(env, api_error_text(st));
  const api::Pod* created = c.store.pods().get(key);
  nlohmann::json j = created ? api::to_json(*created) : nlohmann::json::object();
  std::string svc_error;
  nlohmann::json sj;
  if (flags.get_bool("expose")) {
    if (c.store.services().get(ns, name)) {
      svc_error = "Error from server (AlreadyExists): services " + go_quote(name) + " already exists";
    } else {
      api::Service svc;
      svc.metadata.name = name;
      svc.metadata.namespace_ = ns;
      if (flags.has("labels")) svc.metadata.labels = labels;  // only labels the user asked for
      svc.spec.selector = labels;
      api::ServicePort sp;
      sp.port = static_cast<int32_t>(port);
      sp.protocol = "TCP";
      sp.target_port = api::IntOrString::Int(port);
      svc.spec.ports.push_back(sp);
      svc.spec.cluster_ip = c.network.allocate_cluster_ip(c);
      if (svc.spec.cluster_ip.empty()) {
        svc_error = "Error from server (InternalError): Internal error occurred: failed to allocate a serviceIP: range is full";
      } else {
        svc.spec.cluster_ips = {svc.spec.cluster_ip};
        store::Key sk;
        store::Status ss = c.store.create(svc, &sk);
        if (!ss.ok) svc_error = api_error_text(ss);
        else if (const api::Service* s2 = c.store.services().get(sk)) sj = api::to_json(*s2);
      }
    }
  }
  c.settle();
  if (attach) return attach_to_run_pod(env, key, ct, flags.get_bool("rm"), flags.get_bool("quiet"), running_timeout_ms);
  if (!print_created(env, type_of(store::Kind::Pod), name, "created", output, &j, status, &flags)) return status;
  if (!sj.is_null() && !print_created(env, type_of(store::Kind::Service), name, "created", output, &sj, status, &flags)) return status;
  if (!svc_error.empty()) return print_raw_error(env, svc_error);
  return 0;
}

// [SECTION] entry points -------------------------------------------------------------------------------

int cmd_create(const std::vector<std::string>& args, Env& env) {
  // The sub-command word comes first among the positional words (create's own flags may precede it).
  auto specs = file_flags();
  size_t sub_index = args.size();
  {
    // Locate the first word that is not a flag or a flag's value.
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      if (a == "--") break;
      if (a.size() > 1 && a[0] == '-') {
        if (a.find('=') != std::string::npos) continue;
        bool is_bool = false, known = false;
        for (auto& f : specs)
          if (a == "--" + f.name || (a.size() == 2 && f.shorthand == a[1])) { known = true; is_bool = f.type == FlagSpec::Bool; }
        for (auto& f : global_flags())
          if (a == "--" + f.name || (a.size() == 2 && f.shorthand == a[1])) { known = true; is_bool = f.type == FlagSpec::Bool; }
        if (known && !is_bool) ++i;
        continue;
      }
      sub_index = i;
      break;
    }
  }
  if (sub_index < args.size()) {
    const std::string& sub = args[sub_index];
    std::vector<std::string> rest;
    for (size_t i = 0; i < args.size(); ++i) if (i != sub_index) rest.push_back(args[i]);
    if (sub == "deployment" || sub == "deploy") return create_deployment(rest, env);
    if (sub == "namespace" || sub == "ns") return create_namespace(rest, env);
    static const char* kOther[] = {"clusterrole", "clusterrolebinding", "configmap", "cm", "cronjob", "cj",
                                   "ingress", "ing", "job", "poddisruptionbudget", "pdb", "priorityclass", "pc",
                                   "quota", "resourcequota", "role", "rolebinding", "secret", "service", "svc",
                                   "serviceaccount", "sa", "token"};
    for (auto* o : kOther)
      if (sub == o) return print_error(env, "kubesim does not simulate \"kubectl create " + sub + "\" yet");
  }
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, "kubectl create", env, flags, status)) return status;
  // create.go (v1.34): words that name no sub-command are refused first, then a missing -f/-k.
  if (!flags.positional.empty())
    return usage_error(env, "kubectl create", "Unexpected args: [" + join(flags.positional, " ") + "]");
  if (!flags.has("filename") && !flags.has("kustomize")) return print_error(env, "must specify one of -f and -k");
  if (flags.has("filename")) return missing_file(env, split_csv(flags.values["filename"].front()).front());
  return print_error(env, "kubesim does not simulate kustomize directories");
}

int cmd_apply(const std::vector<std::string>& args, Env& env) {
  auto specs = file_flags();
  specs.push_back({"prune", 0, FlagSpec::Bool, "false"});
  specs.push_back({"force", 0, FlagSpec::Bool, "false"});
  specs.push_back({"server-side", 0, FlagSpec::Bool, "false"});
  specs.push_back({"wait", 0, FlagSpec::Bool, "false"});
  specs.push_back({"all", 0, FlagSpec::Bool, "false"});
  specs.push_back({"cascade", 0, FlagSpec::String, "background"});
  specs.push_back({"force-conflicts", 0, FlagSpec::Bool, "false"});
  specs.push_back({"grace-period", 0, FlagSpec::Int, "-1"});
  specs.push_back({"openapi-patch", 0, FlagSpec::Bool, "true"});
  specs.push_back({"overwrite", 0, FlagSpec::Bool, "true"});
  specs.push_back({"prune-allowlist", 0, FlagSpec::StringArray, ""});
  specs.push_back({"subresource", 0, FlagSpec::String, ""});
  specs.push_back({"timeout", 0, FlagSpec::String, "0s"});
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, "kubectl apply", env, flags, status)) return status;
  if (!flags.has("filename") && !flags.has("kustomize")) return print_error(env, "must specify one of -f and -k");
  if (flags.has("filename")) {
    return missing_file(env, split_csv(flags.values["filename"].front()).front(), "apply");
  }
  return print_error(env, "kubesim does not simulate kustomize directories");
}

}  // namespace kubesim::kubectl
