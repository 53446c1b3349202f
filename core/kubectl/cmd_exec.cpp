// kubesim — `kubectl exec` (kubectl/pkg/cmd/exec/exec.go). A command runs in the container
// through Env::run_in_container; `-ti POD -- bash|sh` opens the container shell in the terminal
// (Env::open_container_shell). The pod and container checks come first, in kubectl's order.
#include <string>
#include <vector>

#include "cluster.h"
#include "kubectl/commands.h"

namespace kubesim::kubectl {

namespace {

bool is_shell(const std::string& cmd) {
  static const char* kShells[] = {"bash", "sh", "ash", "zsh", "dash", "/bin/bash", "/bin/sh", "/bin/ash",
                                  "/bin/zsh", "/usr/bin/bash", "/usr/bin/sh", "/bin/dash"};
  for (auto* s : kShells) if (cmd == s) return true;
  return false;
}

}  // namespace

int cmd_exec(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl exec";
  std::vector<FlagSpec> specs = {
      {"container", 'c', FlagSpec::String, ""},
      {"stdin", 'i', FlagSpec::Bool, "false"},
      {"tty", 't', FlagSpec::Bool, "false"},
      {"quiet", 'q', FlagSpec::Bool, "false"},
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"pod-running-timeout", 0, FlagSpec::String, "1m0s"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  int64_t pod_timeout = 0;
  if (auto e = duration_flag(flags, "pod-running-timeout", "1m0s", pod_timeout); !e.empty())
    return print_error(env, e + "\nSee '" + path + " --help' for usage.");

  // [Complete] argsLenAtDash decides between the old and the new form.
  std::string resource;
  std::vector<std::string> command;
  if (flags.saw_dash) {
    if (!flags.positional.empty()) resource = flags.positional[0];
    command = flags.after_dash;
  } else if (flags.positional.size() > 1 || (!flags.positional.empty() && flags.has("filename"))) {
    return usage_error(env, path, "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
  } else if (!flags.positional.empty()) {
    resource = flags.positional[0];
  }
  if (pod_timeout <= 0) return usage_error(env, path, "--pod-running-timeout must be higher than zero");

  // [Validate]
  if (resource.empty() && !flags.has("filename")) return print_error(env, "pod, type/name or --filename must be specified");
  if (command.empty()) return print_error(env, "you must specify at least one command for the container");
  if (flags.has("filename"))
    return print_error(env, "the path " + go_quote(split_csv(flags.get("filename")).front()) + " does not exist");

  // [Run] the pod: POD or TYPE/NAME (a workload's first pod).
  Cluster& c = env.cluster;
  const std::string ns = namespace_of(flags, env);
  TargetArgs ta;
  std::string type_name = resource.find('/') == std::string::npos ? "pod/" + resource : resource;
  if (auto e = parse_targets({type_name}, ta); !e.empty()) return print_error(env, e);
  const Target& t = ta.named.front();
  if (!find_meta(c, t.type->kind, ns, t.name)) return print_raw_error(env, not_found_text(*t.type, t.name));
  const api::Pod* pod = nullptr;
  if (t.type->kind == store::Kind::Pod) {
    pod = c.store.pods().get(ns, t.name);
  } else {
    api::LabelSelector sel;
    if (t.type->kind == store::Kind::Deployment) sel = c.store.deployments().get(ns, t.name)->spec.selector;
    else if (t.type->kind == store::Kind::ReplicaSet) sel = c.store.replicasets().get(ns, t.name)->spec.selector;
    else if (t.type->kind == store::Kind::Service) sel.match_labels = c.store.services().get(ns, t.name)->spec.selector;
    else return print_error(env, "cannot attach to " + t.type->kind_name + (t.type->group.empty() ? "" : "." + t.type->group) + ": selector for " + t.type->kind_name + " not implemented");
    for (auto& [k, p] : c.store.pods().in_namespace(ns)) {
      if (sel.empty() || !sel.matches(p.metadata.labels) || p.metadata.deletion_ms) continue;
      if (!pod || (p.status.phase == "Running" && pod->status.phase != "Running") ||
          (p.status.phase == pod->status.phase && p.metadata.creation_ms < pod->metadata.creation_ms))
        pod = &p;
    }
    if (!pod) return print_error(env, "timed out waiting for the condition");
  }
  if (pod->status.phase == "Succeeded" || pod->status.phase == "Failed")
    return print_error(env, "cannot exec into a container in a completed pod; current phase is " + pod->status.phase);

  std::string container = flags.get("container");
  if (container.empty()) {
    if (pod->spec.containers.empty()) return print_error(env, "pod " + pod->metadata.name + " does not have any containers");
    container = pod->spec.containers.front().name;
    if (pod->spec.containers.size() > 1 && !flags.get_bool("quiet")) {
      std::vector<std::string> names;
      for (auto& ct : pod->spec.containers) names.push_back(ct.name);
      env.out.err("Defaulted container " + go_quote(container) + " out of: " + join(names, ", ") + "\n");
    }
  } else {
    bool known = false;
    for (auto& ct : pod->spec.containers) if (ct.name == container) known = true;
    if (!known)
      return print_raw_error(env, "Error from server (BadRequest): container " + container + " is not valid for pod " +
                                      pod->metadata.name);
  }
  bool running = false;
  for (auto& cs : pod->status.container_statuses)
    if (cs.name == container && cs.state.running) running = true;
  if (!running) return print_error(env, "unable to upgrade connection: container not found (" + go_quote(container) + ")");

  // An interactive shell becomes the terminal's shell; anything else runs to completion here.
  const bool interactive = flags.get_bool("stdin");
  if (interactive && command.size() == 1 && is_shell(command[0]) && env.open_container_shell) {
    // The image must have that shell (cri-dockerd passes the runtime's words through, exit 126).
    std::string image;
    for (auto& ct : pod->spec.containers) if (ct.name == container) image = ct.image;
    const kubelet::ImageInfo* info = c.registry.resolve(image);
    std::string base = command[0].substr(command[0].rfind('/') == std::string::npos ? 0 : command[0].rfind('/') + 1);
    bool has = info && !info->shell.empty() && (base == info->shell || base == "sh" || (base == "ash" && info->shell == "sh"));
    if (info && !has) {
      env.out.out("OCI runtime exec failed: exec failed: unable to start container process: exec: " + go_quote(command[0]) +
                  ": executable file not found in $PATH: unknown\n");
      env.out.err("command terminated with exit code 126\n");
      return 126;
    }
    env.open_container_shell(pod->metadata.namespace_, pod->metadata.name, container);
    return 0;
  }
  if (!env.run_in_container) return print_error(env, "kubesim: commands inside containers are not available here");
  Output out;
  int code = env.run_in_container(pod->metadata.namespace_, pod->metadata.name, container, command, out);
  env.out.append(out);
  if (code != 0) {
    env.out.err("command terminated with exit code " + std::to_string(code) + "\n");
    return code;
  }
  return 0;
}

}  // namespace kubesim::kubectl
