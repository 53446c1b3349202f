// kubesim — `kubectl scale` (kubectl/pkg/cmd/scale/scale.go + pkg/scale): writes spec.replicas of
// deployments and replica sets through the scale subresource. Prints "scaled" even when nothing
// changes, like the real command (it has no no-op detection).
#include <string>
#include <vector>

#include "cluster.h"
#include "kubectl/commands.h"

namespace kubesim::kubectl {

int cmd_scale(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl scale";
  std::vector<FlagSpec> specs = {
      {"replicas", 0, FlagSpec::Int, "0"},
      {"current-replicas", 0, FlagSpec::Int, "-1"},
      {"resource-version", 0, FlagSpec::String, ""},
      {"all", 0, FlagSpec::Bool, "false"},
      {"selector", 'l', FlagSpec::String, ""},
      {"timeout", 0, FlagSpec::String, "0s"},
      {"output", 'o', FlagSpec::String, ""},
      {"dry-run", 0, FlagSpec::String, "none"},
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"kustomize", 'k', FlagSpec::String, ""},
      {"recursive", 'R', FlagSpec::Bool, "false"},
      {"record", 0, FlagSpec::Bool, "false"},
      {"template", 0, FlagSpec::String, ""},
      {"allow-missing-template-keys", 0, FlagSpec::Bool, "true"},
      {"show-managed-fields", 0, FlagSpec::Bool, "false"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  int64_t timeout_ms = 0;
  if (auto e = duration_flag(flags, "timeout", "0s", timeout_ms); !e.empty())
    return print_error(env, e + "\nSee '" + path + " --help' for usage.");
  if (!flags.has("replicas")) return print_error(env, "required flag(s) \"replicas\" not set");

  // ScaleOptions.Validate
  const int64_t replicas = flags.get_int("replicas");
  const int64_t current = flags.get_int("current-replicas", -1);
  if (replicas < 0)
    return print_error(env, "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  if (current < -1) return print_error(env, "The --current-replicas must specify an integer of -1 or greater");
  if (replicas > kMaxReplicas)
    return print_error(env, "kubesim: --replicas=" + std::to_string(replicas) + " is more than the simulator allows (" +
                                std::to_string(kMaxReplicas) + " replicas per workload)");
  const std::string output = flags.get("output");
  if (!output.empty() && output != "name")
    return print_error(env, "kubesim prints only the default and -o name output for scale");
  std::string dry;
  if (auto e = dry_run_mode(flags, dry); !e.empty()) return print_error(env, e);
  if (flags.has("filename"))
    return print_error(env, "the path " + go_quote(split_csv(flags.get("filename")).front()) + " does not exist");

  // [resource builder]
  Cluster& c = env.cluster;
  const std::string ns = namespace_of(flags, env);
  TargetArgs ta;
  if (auto e = parse_targets(flags.positional, ta); !e.empty()) return print_error(env, e);
  if (auto e = selector_conflict(ta, !flags.get("selector").empty()); !e.empty()) return print_error(env, e);
  std::vector<Target> targets = ta.named;
  if (!ta.types_only.empty()) {
    if (!flags.get_bool("all") && flags.get("selector").empty())
      return print_error(env, "resource(s) were provided, but no name was specified");
    if (auto e = expand_selected(c, ta.types_only, ns, false, flags.get("selector"), targets); !e.empty())
      return print_raw_error(env, e);
  } else if (targets.empty()) {
    return print_error(env, missing_resource_text());
  }
  if (!flags.get("resource-version").empty() && targets.size() > 1)
    return print_error(env, "cannot use --resource-version with multiple resources");

  // Infos(): what cannot be found is reported after the others were scaled.
  std::vector<std::string> info_errors;
  std::vector<Target> found;
  for (auto& t : targets) {
    const std::string tns = t.namespace_.empty() ? ns : t.namespace_;
    if (!find_meta(c, t.type->kind, tns, t.name)) info_errors.push_back(not_found_text(*t.type, t.name));
    else found.push_back(t);
  }
  if (found.empty()) {
    if (!info_errors.empty()) return print_errors(env, info_errors);
    return print_error(env, "no objects passed to scale");
  }

  for (auto& t : found) {
    const std::string tns = t.namespace_.empty() ? ns : t.namespace_;
    const ResourceType& rt = *t.type;
    store::Key key{tns, t.name};
    int32_t now_replicas = 0;
    std::string rv;
    if (rt.kind == store::Kind::Deployment) {
      auto* d = c.store.deployments().get(key);
      now_replicas = d->spec.replicas;
      rv = std::to_string(d->metadata.resource_version);
    } else if (rt.kind == store::Kind::ReplicaSet) {
      auto* r = c.store.replicasets().get(key);
      now_replicas = r->spec.replicas;
      rv = std::to_string(r->metadata.resource_version);
    } else {
      // No scale subresource on this kind.
      return print_raw_error(env, "Error from server (NotFound): the server could not find the requested resource");
    }
    // ScalePrecondition
    if (current != -1 && current != now_replicas)
      return print_error(env, "Expected replicas to be " + std::to_string(current) + ", was " +
                                  std::to_string(now_replicas));
    if (!flags.get("resource-version").empty() && flags.get("resource-version") != rv)
      return print_error(env, "Expected resource version to be " + flags.get("resource-version") + ", was " + rv);

    std::string op = "scaled";
    if (dry == "client") op = "scaled (dry run)";
    if (dry == "server") op = "scaled (server dry run)";
    if (dry == "none") {
      store::Status st = rt.kind == store::Kind::Deployment
          ? c.store.update_deployment(key, [&](api::Deployment& d) { d.spec.replicas = static_cast<int32_t>(replicas); })
          : c.store.update_replicaset(key, [&](api::ReplicaSet& r) { r.spec.replicas = static_cast<int32_t>(replicas); });
      if (!st.ok) return print_raw_error(env, api_error_text(st));
      // --record: a second patch with the change-cause annotation (errors are only logged).
      if (const api::ObjectMeta* m = find_meta(c, rt.kind, key.namespace_, key.name); m && records_change(flags, *m))
        update_meta(c, rt.kind, key, [&](api::ObjectMeta& om) { record_change(flags, om); });
      c.settle();
      if (timeout_ms > 0) {
        // WaitForScaleHasDesiredReplicas: status caught up with the new spec.
        auto caught_up = [&] {
          if (rt.kind == store::Kind::Deployment) {
            auto* d = c.store.deployments().get(key);
            return !d || (d->status.observed_generation >= d->metadata.generation && d->status.replicas == replicas);
          }
          auto* r = c.store.replicasets().get(key);
          return !r || (r->status.observed_generation >= r->metadata.generation && r->status.replicas == replicas);
        };
        WaitResult w = wait_until(c, timeout_ms, caught_up);
        if (w != WaitResult::Done) return print_error(env, "timed out waiting for the condition");
      }
    }
    env.out.out(name_line(rt, t.name, output == "name" ? "" : op));
  }
  return print_errors(env, info_errors);
}

}  // namespace kubesim::kubectl
