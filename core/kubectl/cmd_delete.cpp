// kubesim — `kubectl delete` (kubectl/pkg/cmd/delete/delete.go, delete_flags.go): names,
// TYPE/NAME lists, -l, --all, --grace-period, --now, --force. Pods are deleted gracefully (the
// kubelet finishes the job after the grace period) and, as the real command does by default
// (--wait=true), kubectl then waits until every deleted object is gone: that advances simulated
// time, so `kubectl delete pod X` takes the app's termination time (~30 s for the bootcamp app).
// Dependents of deployments and replica sets are removed by the garbage collector.
#include <string>
#include <vector>

#include "cluster.h"
#include "controllers/replicaset.h"
#include "kubectl/commands.h"

namespace kubesim::kubectl {

namespace {

struct Deleted {
  const ResourceType* type;
  store::Key key;
  std::string uid;
};

// Deletes one object as the API server would; "" or the error line.
std::string delete_object(Cluster& c, const ResourceType& rt, const store::Key& key, int64_t grace, bool grace_set,
                          bool orphan) {
  if (orphan) {
    // --cascade=orphan: the garbage collector's orphan finalizer drops the ownerReferences first.
    const api::ObjectMeta* m = find_meta(c, rt.kind, key.namespace_, key.name);
    const std::string uid = m ? m->uid : "";
    auto drop = [&](api::ObjectMeta& dm) {
      std::vector<api::OwnerReference> keep;
      for (auto& o : dm.owner_references) if (o.uid != uid) keep.push_back(o);
      dm.owner_references = keep;
    };
    if (rt.kind == store::Kind::Deployment) {
      std::vector<store::Key> owned(c.store.replicasets_owned_by(uid).begin(), c.store.replicasets_owned_by(uid).end());
      for (auto& k : owned) c.store.update_replicaset(k, [&](api::ReplicaSet& r) { drop(r.metadata); });
    }
    if (rt.kind == store::Kind::ReplicaSet) {
      std::vector<store::Key> owned(c.store.pods_owned_by(uid).begin(), c.store.pods_owned_by(uid).end());
      for (auto& k : owned) c.store.update_pod(k, [&](api::Pod& p) { drop(p.metadata); });
    }
  }
  if (rt.kind == store::Kind::Pod) {
    std::optional<int64_t> g;
    if (grace_set) g = grace;
    store::Status st = controllers::delete_pod_gracefully(c, key, g);
    return st.ok ? "" : api_error_text(st);
  }
  if (rt.kind == store::Kind::Namespace) {
    if (key.name == "default" || key.name == "kube-system" || key.name == "kube-public")
      return "Error from server (Forbidden): namespaces " + go_quote(key.name) + " is forbidden: this namespace may not be deleted";
    // The namespace controller empties it: workloads and services at once, pods gracefully.
    for (auto kind : {store::Kind::Deployment, store::Kind::ReplicaSet, store::Kind::Service, store::Kind::Endpoints})
      for (auto& k : list_keys(c, kind, key.name)) c.store.remove(kind, k);
    for (auto& k : list_keys(c, store::Kind::Pod, key.name)) controllers::delete_pod_gracefully(c, k);
  }
  store::Status st = c.store.remove(rt.kind, key);
  return st.ok ? "" : api_error_text(st);
}

}  // namespace

int cmd_delete(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl delete";
  std::vector<FlagSpec> specs = {
      {"all", 0, FlagSpec::Bool, "false"},
      {"all-namespaces", 'A', FlagSpec::Bool, "false"},
      {"cascade", 0, FlagSpec::String, "background"},
      {"field-selector", 0, FlagSpec::String, ""},
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"force", 0, FlagSpec::Bool, "false"},
      {"grace-period", 0, FlagSpec::Int, "-1"},
      {"ignore-not-found", 0, FlagSpec::Bool, "false"},
      {"interactive", 'i', FlagSpec::Bool, "false"},
      {"kustomize", 'k', FlagSpec::String, ""},
      {"now", 0, FlagSpec::Bool, "false"},
      {"output", 'o', FlagSpec::String, ""},
      {"raw", 0, FlagSpec::String, ""},
      {"recursive", 'R', FlagSpec::Bool, "false"},
      {"selector", 'l', FlagSpec::String, ""},
      {"timeout", 0, FlagSpec::String, "0s"},
      {"wait", 0, FlagSpec::Bool, "true"},
      {"dry-run", 0, FlagSpec::String, "none"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  int64_t timeout_ms = 0;
  if (auto e = duration_flag(flags, "timeout", "0s", timeout_ms); !e.empty())
    return print_error(env, e + "\nSee '" + path + " --help' for usage.");
  const std::string cascade = flags.get("cascade", "background");
  if (cascade != "background" && cascade != "orphan" && cascade != "foreground" && cascade != "true" && cascade != "false")
    return print_error(env, "invalid cascade value (" + cascade + "). Must be \"background\", \"foreground\", or \"orphan\"");

  // [Complete]
  const bool all = flags.get_bool("all");
  const std::string selector = flags.get("selector");
  const bool all_namespaces = flags.get_bool("all-namespaces");
  bool ignore_not_found = flags.get_bool("ignore-not-found");
  if ((all || !selector.empty() || !flags.get("field-selector").empty()) && !flags.has("ignore-not-found"))
    ignore_not_found = true;
  int64_t grace = flags.get_int("grace-period", -1);
  const bool force = flags.get_bool("force");
  if (flags.get_bool("now")) {
    if (grace != -1) return print_error(env, "--now and --grace-period cannot be specified together");
    grace = 1;
  }
  if (grace == 0 && !force) grace = 1;  // --grace-period=0 without --force means 1 s
  if (force && grace < 0) grace = 0;
  std::string dry;
  if (auto e = dry_run_mode(flags, dry); !e.empty()) return print_error(env, e);
  if (flags.has("filename"))
    return print_error(env, "the path " + go_quote(split_csv(flags.get("filename")).front()) + " does not exist");
  if (!flags.get("raw").empty()) return print_error(env, "kubesim does not simulate --raw");
  Cluster& c = env.cluster;
  const std::string ns = namespace_of(flags, env);
  TargetArgs ta;
  if (auto e = parse_targets(flags.positional, ta); !e.empty()) return print_error(env, e);
  if (auto e = selector_conflict(ta, all || !selector.empty() || !flags.get("field-selector").empty()); !e.empty())
    return print_error(env, e);
  std::vector<Target> targets = ta.named;
  if (!ta.types_only.empty()) {
    if (!all && selector.empty() && flags.get("field-selector").empty())
      return print_error(env, "resource(s) were provided, but no name was specified");
    if (!flags.get("field-selector").empty()) return print_error(env, "kubesim does not simulate --field-selector for delete yet");
    if (auto e = expand_selected(c, ta.types_only, ns, all_namespaces, selector, targets); !e.empty())
      return print_raw_error(env, e);
  } else if (targets.empty()) {
    return print_error(env, missing_resource_text());
  }

  // [Validate]
  const std::string output = flags.get("output");
  if (!output.empty() && output != "name")
    return print_error(env, "unexpected -o output mode: " + output + ". We only support '-o name'");
  if (all && !selector.empty()) return print_error(env, "cannot set --all and --selector at the same time");
  if (all && !flags.get("field-selector").empty()) return print_error(env, "cannot set --all and --field-selector at the same time");
  if (force && grace == 0)
    env.out.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                "terminated. The resource may continue to run on the cluster indefinitely.\n");
  else if (force && grace > 0)
    return print_error(env, "--force and --grace-period greater than 0 cannot be specified together");
  if (flags.get_bool("interactive")) return print_error(env, "kubesim does not simulate --interactive");

  // [DeleteResult] every object, errors collected; then wait for them to be gone.
  std::vector<std::string> errors;
  std::vector<Deleted> deleted;
  for (auto& t : targets) {
    const ResourceType& rt = *t.type;
    const std::string tns = t.namespace_.empty() ? ns : t.namespace_;
    const store::Key key = key_for(rt, tns, t.name);
    const api::ObjectMeta* m = find_meta(c, rt.kind, key.namespace_, key.name);
    if (!m) {
      if (!ignore_not_found) errors.push_back(not_found_text(rt, t.name));
      continue;
    }
    const std::string uid = m->uid;
    std::string operation = grace == 0 ? "force deleted" : "deleted";
    if (rt.namespaced) operation += " from " + key.namespace_ + " namespace";
    if (dry == "client") operation += " (dry run)";
    if (dry == "server") operation += " (server dry run)";
    if (dry == "none") {
      std::string err = delete_object(c, rt, key, grace, grace >= 0, cascade == "orphan" || cascade == "false");
      if (!err.empty()) { errors.push_back(err); continue; }
      c.settle();
    }
    deleted.push_back({&rt, key, uid});
    if (output == "name") env.out.out(rt.qualified_singular() + "/" + t.name + "\n");
    else env.out.out(rt.qualified_singular() + " " + go_quote(t.name) + " " + operation + "\n");
  }
  if (!errors.empty()) return print_errors(env, errors);
  if (deleted.empty()) {
    env.out.out("No resources found\n");
    return 0;
  }
  const bool wait = !flags.has("wait") || flags.get_bool("wait");  // --wait defaults to true
  if (!wait || dry != "none" || env.background) return 0;  // '&': the wait would happen in the background

  // cmdwait.IsDeleted for each, sharing nothing but the clock.
  for (auto& d : deleted) {
    auto gone = [&] {
      const api::ObjectMeta* m = find_meta(c, d.type->kind, d.key.namespace_, d.key.name);
      return !m || m->uid != d.uid;
    };
    WaitResult w = wait_until(c, timeout_ms > 0 ? timeout_ms : -1, gone);
    if (w == WaitResult::Done) continue;
    if (w == WaitResult::TimedOut)
      return print_error(env, "timed out waiting for the condition on " + d.type->plural + "/" + d.key.name);
    return gave_up_waiting(env);
  }
  return 0;
}

}  // namespace kubesim::kubectl
