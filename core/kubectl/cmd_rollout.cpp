// kubesim — `kubectl rollout status|history|undo|pause|resume|restart` for deployments
// (kubectl/pkg/cmd/rollout/*.go and pkg/polymorphichelpers: rollout_status.go, history.go,
// rollback.go, objectpauser.go, objectresumer.go, objectrestarter.go).
//
// `rollout status` blocks: it evaluates the deployment on the initial list and on every later
// modification, advancing simulated time from one timer instant to the next, and prints one line
// per evaluation, until the rollout is done, fails (progress deadline), or --timeout passes.
#include <charconv>
#include <map>
#include <string>
#include <vector>

#include "cluster.h"
#include "kubectl/commands.h"
#include "kubectl/describe.h"
#include "kubectl/tabwriter.h"
#include "kubectl/timefmt.h"

namespace kubesim::kubectl {

namespace {

constexpr const char* kRevisionAnnotation = "deployment.kubernetes.io/revision";
constexpr const char* kChangeCauseAnnotation = "kubernetes.io/change-cause";
constexpr const char* kHashLabel = "pod-template-hash";

std::vector<FlagSpec> common_specs() {
  return {
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"kustomize", 'k', FlagSpec::String, ""},
      {"recursive", 'R', FlagSpec::Bool, "false"},
  };
}

// deploymentutil.Revision: the annotation as int64, or false.
bool revision_of(const api::ObjectMeta& m, int64_t& v) {
  auto it = m.annotations.find(kRevisionAnnotation);
  if (it == m.annotations.end()) { v = 0; return true; }  // missing annotation reads as 0
  auto& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

// The ReplicaSets a deployment controls (GetAllReplicaSets), in name order.
std::vector<const api::ReplicaSet*> replicasets_of(const Cluster& c, const api::Deployment& d) {
  std::vector<const api::ReplicaSet*> out;
  for (auto& k : c.store.replicasets_owned_by(d.metadata.uid))
    if (auto* rs = c.store.replicasets().get(k)) out.push_back(rs);
  return out;
}

bool templates_equal_ignoring_hash(api::PodTemplateSpec a, api::PodTemplateSpec b) {
  a.labels.erase(kHashLabel);
  b.labels.erase(kHashLabel);
  return a == b;
}

// Resolves the targets of a rollout sub-command: named, or every object of a bare TYPE
// (ResourceTypeOrNameArgs(true, …)), with -l when given.
bool rollout_targets(const ParsedFlags& flags, Env& env, const std::string& ns, std::vector<Target>& out, int& status) {
  if (flags.has("filename")) {
    status = print_error(env, "the path " + go_quote(split_csv(flags.get("filename")).front()) + " does not exist");
    return false;
  }
  TargetArgs ta;
  if (auto e = parse_targets(flags.positional, ta); !e.empty()) { status = print_error(env, e); return false; }
  if (!ta.named.empty() || !ta.types_only.empty())  // (no resource at all: the caller's own error)
    if (auto e = selector_conflict(ta, !flags.get("selector").empty()); !e.empty()) {
      status = print_error(env, e);
      return false;
    }
  out = ta.named;
  if (!ta.types_only.empty())
    if (auto e = expand_selected(env.cluster, ta.types_only, ns, false, flags.get("selector"), out); !e.empty()) {
      status = print_raw_error(env, e);
      return false;
    }
  return true;
}

std::string group_kind(const ResourceType& rt) { return rt.group.empty() ? rt.kind_name : rt.kind_name + "." + rt.group; }

// [SECTION] status --------------------------------------------------------------------------------------

// DeploymentStatusViewer.Status: the line to print, whether the rollout is done, or an error.
struct StatusLine { std::string text; bool done = false; std::string error; };

StatusLine deployment_status(const api::Deployment& d, int64_t revision) {
  StatusLine s;
  const std::string name = go_quote(d.metadata.name);
  if (revision > 0) {
    int64_t rev = 0;
    if (!revision_of(d.metadata, rev)) {
      s.error = "cannot get the revision of deployment " + name + ": invalid revision";
      return s;
    }
    if (rev != revision) {
      s.error = "desired revision (" + std::to_string(revision) + ") is different from the running revision (" +
                std::to_string(rev) + ")";
      return s;
    }
  }
  if (d.metadata.generation <= d.status.observed_generation) {
    for (auto& c : d.status.conditions)
      if (c.type == "Progressing" && c.reason == "ProgressDeadlineExceeded") {
        s.error = "deployment " + name + " exceeded its progress deadline";
        return s;
      }
    const auto& st = d.status;
    if (st.updated_replicas < d.spec.replicas) {
      s.text = "Waiting for deployment " + name + " rollout to finish: " + std::to_string(st.updated_replicas) +
               " out of " + std::to_string(d.spec.replicas) + " new replicas have been updated...\n";
      return s;
    }
    if (st.replicas > st.updated_replicas) {
      s.text = "Waiting for deployment " + name + " rollout to finish: " +
               std::to_string(st.replicas - st.updated_replicas) + " old replicas are pending termination...\n";
      return s;
    }
    if (st.available_replicas < st.updated_replicas) {
      s.text = "Waiting for deployment " + name + " rollout to finish: " + std::to_string(st.available_replicas) +
               " of " + std::to_string(st.updated_replicas) + " updated replicas are available...\n";
      return s;
    }
    s.text = "deployment " + name + " successfully rolled out\n";
    s.done = true;
    return s;
  }
  s.text = "Waiting for deployment spec update to be observed...\n";
  return s;
}

int rollout_status(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl rollout status";
  auto specs = common_specs();
  specs.push_back({"watch", 'w', FlagSpec::Bool, "true"});
  specs.push_back({"revision", 0, FlagSpec::Int, "0"});
  specs.push_back({"timeout", 0, FlagSpec::String, "0s"});
  specs.push_back({"selector", 'l', FlagSpec::String, ""});
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  int64_t timeout_ms = 0;
  if (auto e = duration_flag(flags, "timeout", "0s", timeout_ms); !e.empty())
    return print_error(env, e + "\nSee '" + path + " --help' for usage.");
  if (flags.positional.empty() && !flags.has("filename")) return print_error(env, "required resource not specified");
  const int64_t revision = flags.get_int("revision");
  if (revision < 0) return print_error(env, "revision must be a positive integer: " + std::to_string(revision));
  const std::string ns = namespace_of(flags, env);
  std::vector<Target> targets;
  if (!rollout_targets(flags, env, ns, targets, status)) return status;
  Cluster& c = env.cluster;
  std::vector<Target> found;
  for (auto& t : targets) {
    if (!find_meta(c, t.type->kind, t.namespace_.empty() ? ns : t.namespace_, t.name))
      return print_raw_error(env, not_found_text(*t.type, t.name));
    found.push_back(t);
  }
  if (found.size() != 1)
    return print_error(env, "rollout status is only supported on individual resources and resource collections - " +
                                std::to_string(found.size()) + " resources were found");
  const Target& t = found[0];
  if (t.type->kind != store::Kind::Deployment)
    return print_error(env, "no status viewer has been implemented for " + group_kind(*t.type));
  const store::Key key{t.namespace_.empty() ? ns : t.namespace_, t.name};
  const bool watch = flags.get_bool("watch") || !flags.has("watch");

  // The initial list event.
  const api::Deployment* d = c.store.deployments().get(key);
  StatusLine line = deployment_status(*d, revision);
  if (!line.error.empty()) return print_error(env, line.error);
  env.out.out(line.text);
  // With '&' the watch would run in the background; kubesim prints the first line and returns.
  if (line.done || !watch || env.background) return 0;
  const std::string uid = d->metadata.uid;
  uint64_t seen_rv = d->metadata.resource_version;

  // Every later modification, instant by instant.
  std::string error;
  bool done = false;
  WaitResult w = wait_until_steps(c, timeout_ms > 0 ? timeout_ms : -1, [&] {
    const api::Deployment* cur = c.store.deployments().get(key);
    if (!cur || cur->metadata.uid != uid) { error = "object has been deleted"; return true; }
    if (cur->metadata.resource_version == seen_rv) return false;
    seen_rv = cur->metadata.resource_version;
    StatusLine l = deployment_status(*cur, revision);
    if (!l.error.empty()) { error = l.error; return true; }
    env.out.out(l.text);
    done = l.done;
    return done;
  });
  if (!error.empty()) return print_error(env, error);
  if (w == WaitResult::Done) return 0;
  if (w == WaitResult::TimedOut) return print_error(env, "timed out waiting for the condition");
  return gave_up_waiting(env);
}

// [SECTION] history ---------------------------------------------------------------------------------------

int rollout_history(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl rollout history";
  auto specs = common_specs();
  specs.push_back({"revision", 0, FlagSpec::Int, "0"});
  specs.push_back({"selector", 'l', FlagSpec::String, ""});
  specs.push_back({"output", 'o', FlagSpec::String, ""});
  specs.push_back({"template", 0, FlagSpec::String, ""});
  specs.push_back({"allow-missing-template-keys", 0, FlagSpec::Bool, "true"});
  specs.push_back({"show-managed-fields", 0, FlagSpec::Bool, "false"});
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  if (flags.positional.empty() && !flags.has("filename"))
    return print_error(env, "required resource not specified");
  const int64_t revision = flags.get_int("revision");
  if (revision < 0) return print_error(env, "revision must be a positive integer: " + std::to_string(revision));
  const std::string ns = namespace_of(flags, env);
  std::vector<Target> targets;
  if (!rollout_targets(flags, env, ns, targets, status)) return status;
  Cluster& c = env.cluster;
  for (auto& t : targets) {
    const std::string tns = t.namespace_.empty() ? ns : t.namespace_;
    if (!find_meta(c, t.type->kind, tns, t.name)) return print_raw_error(env, not_found_text(*t.type, t.name));
    if (t.type->kind != store::Kind::Deployment)
      return print_error(env, "no history viewer has been implemented for " + go_quote(group_kind(*t.type)));
    const api::Deployment* d = c.store.deployments().get(tns, t.name);
    // historyInfo: revision -> template (with the RS's change-cause copied into its annotations).
    std::map<int64_t, api::PodTemplateSpec> history;
    for (auto* rs : replicasets_of(c, *d)) {
      int64_t v = 0;
      if (!revision_of(rs->metadata, v)) continue;
      api::PodTemplateSpec tmpl = rs->spec.template_;
      auto cc = rs->metadata.annotations.find(kChangeCauseAnnotation);
      if (cc != rs->metadata.annotations.end() && !cc->second.empty()) tmpl.annotations[kChangeCauseAnnotation] = cc->second;
      history[v] = tmpl;
    }
    std::string info;
    if (revision > 0) {
      auto it = history.find(revision);
      if (it == history.end()) return print_error(env, "unable to find the specified revision");
      info = describe_pod_template(it->second);
    } else if (history.empty()) {
      info = "No rollout history found.";
    } else {
      std::string table = "REVISION\tCHANGE-CAUSE\n";
      for (auto& [rev, tmpl] : history) {
        auto cc = tmpl.annotations.find(kChangeCauseAnnotation);
        table += std::to_string(rev) + "\t" + (cc == tmpl.annotations.end() || cc->second.empty() ? "<none>" : cc->second) + "\n";
      }
      info = tabwrite(table, 0, 8, 2);
    }
    std::string with_revision = revision > 0 ? "with revision #" + std::to_string(revision) : "";
    if (flags.get("output") == "name") env.out.out(name_line(*t.type, t.name, ""));
    else env.out.out(name_line(*t.type, t.name, with_revision + "\n" + info));
  }
  return 0;
}

// [SECTION] undo ----------------------------------------------------------------------------------------

int rollout_undo(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl rollout undo";
  auto specs = common_specs();
  specs.push_back({"to-revision", 0, FlagSpec::Int, "0"});
  specs.push_back({"selector", 'l', FlagSpec::String, ""});
  specs.push_back({"dry-run", 0, FlagSpec::String, "none"});
  specs.push_back({"output", 'o', FlagSpec::String, ""});
  specs.push_back({"template", 0, FlagSpec::String, ""});
  specs.push_back({"allow-missing-template-keys", 0, FlagSpec::Bool, "true"});
  specs.push_back({"show-managed-fields", 0, FlagSpec::Bool, "false"});
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  if (flags.positional.empty() && !flags.has("filename"))
    return print_error(env, "required resource not specified");
  const int64_t to_revision = flags.get_int("to-revision");
  std::string dry;
  if (auto e = dry_run_mode(flags, dry); !e.empty()) return print_error(env, e);
  const std::string ns = namespace_of(flags, env);
  std::vector<Target> targets;
  if (!rollout_targets(flags, env, ns, targets, status)) return status;
  Cluster& c = env.cluster;
  for (auto& t : targets) {
    const std::string tns = t.namespace_.empty() ? ns : t.namespace_;
    if (!find_meta(c, t.type->kind, tns, t.name)) return print_raw_error(env, not_found_text(*t.type, t.name));
    if (t.type->kind != store::Kind::Deployment)
      return print_error(env, "no rollbacker has been implemented for " + go_quote(group_kind(*t.type)));
    if (to_revision < 0) return print_error(env, "unable to find specified revision " + std::to_string(to_revision) + " in history");
    const store::Key key{tns, t.name};
    const api::Deployment d = *c.store.deployments().get(key);

    // deploymentRevision: the RS of the requested revision, or the second newest.
    const api::ReplicaSet* chosen = nullptr;
    const api::ReplicaSet* latest = nullptr;
    const api::ReplicaSet* previous = nullptr;
    int64_t latest_rev = -1, previous_rev = -1;
    for (auto* rs : replicasets_of(c, d)) {
      int64_t v = 0;
      if (!revision_of(rs->metadata, v)) continue;
      if (to_revision == 0) {
        if (latest_rev < v) {
          previous_rev = latest_rev; previous = latest;
          latest_rev = v; latest = rs;
        } else if (previous_rev < v) {
          previous_rev = v; previous = rs;
        }
      } else if (to_revision == v) {
        chosen = rs;
        break;
      }
    }
    if (to_revision > 0 && !chosen)
      return print_error(env, "unable to find specified revision " + std::to_string(to_revision) + " in history");
    if (to_revision == 0) {
      if (!previous) return print_error(env, "no rollout history found for deployment " + go_quote(d.metadata.name));
      chosen = previous;
    }
    int64_t chosen_rev = 0;
    revision_of(chosen->metadata, chosen_rev);
    if (dry == "client") {
      env.out.out(name_line(*t.type, t.name, describe_pod_template(chosen->spec.template_)));
      continue;
    }
    if (d.spec.paused)
      return print_error(env, "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    if (templates_equal_ignoring_hash(chosen->spec.template_, d.spec.template_)) {
      env.out.out(name_line(*t.type, t.name, "skipped rollback (current template already matches revision " +
                                                 std::to_string(to_revision) + ")"));
      continue;
    }
    // The JSON patch: template without the hash label; the deployment's own bookkeeping
    // annotations kept, the RS's other annotations copied.
    static const char* kSkip[] = {"kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision",
                                  "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
                                  "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to"};
    auto skipped = [&](const std::string& k) { for (auto* s : kSkip) if (k == s) return true; return false; };
    api::PodTemplateSpec tmpl = chosen->spec.template_;
    tmpl.labels.erase(kHashLabel);
    api::Labels annotations;
    for (auto* s : kSkip) if (auto it = d.metadata.annotations.find(s); it != d.metadata.annotations.end()) annotations[s] = it->second;
    for (auto& [k, v] : chosen->metadata.annotations) if (!skipped(k)) annotations[k] = v;
    if (dry == "none") {
      store::Status st = c.store.update_deployment(key, [&](api::Deployment& o) {
        o.spec.template_ = tmpl;
        o.metadata.annotations = annotations;
      });
      if (!st.ok) return print_raw_error(env, api_error_text(st));
      c.settle();
    }
    std::string op = "rolled back";
    if (dry == "server") op += " (server dry run)";
    env.out.out(name_line(*t.type, t.name, flags.get("output") == "name" ? "" : op));
    (void)chosen_rev;
  }
  return 0;
}

// [SECTION] pause / resume / restart --------------------------------------------------------------------

enum class Action { Pause, Resume, Restart };

int rollout_mutate(const std::vector<std::string>& args, Env& env, Action action) {
  const char* verb = action == Action::Pause ? "pause" : action == Action::Resume ? "resume" : "restart";
  const std::string path = std::string("kubectl rollout ") + verb;
  auto specs = common_specs();
  specs.push_back({"selector", 'l', FlagSpec::String, ""});
  specs.push_back({"output", 'o', FlagSpec::String, ""});
  specs.push_back({"field-manager", 0, FlagSpec::String, "kubectl-rollout"});
  specs.push_back({"template", 0, FlagSpec::String, ""});
  specs.push_back({"allow-missing-template-keys", 0, FlagSpec::Bool, "true"});
  specs.push_back({"show-managed-fields", 0, FlagSpec::Bool, "false"});
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  if (flags.positional.empty() && !flags.has("filename"))
    return print_error(env, "required resource not specified");
  const std::string ns = namespace_of(flags, env);
  std::vector<Target> targets;
  if (!rollout_targets(flags, env, ns, targets, status)) return status;
  Cluster& c = env.cluster;
  for (auto& t : targets)
    if (!find_meta(c, t.type->kind, t.namespace_.empty() ? ns : t.namespace_, t.name))
      return print_raw_error(env, not_found_text(*t.type, t.name));
  std::vector<std::string> errors;
  for (auto& t : targets) {
    const std::string tns = t.namespace_.empty() ? ns : t.namespace_;
    const std::string res = t.type->qualified_plural();
    if (t.type->kind != store::Kind::Deployment) {
      std::string what = action == Action::Pause ? "pausing" : action == Action::Resume ? "resuming" : "restarting";
      errors.push_back("error: " + res + " " + go_quote(t.name) + " " + what + " is not supported");
      continue;
    }
    const store::Key key{tns, t.name};
    const api::Deployment* d = c.store.deployments().get(key);
    std::string op;
    store::Status st;
    if (action == Action::Pause) {
      if (d->spec.paused) { errors.push_back("error: " + res + " " + go_quote(t.name) + " is already paused"); continue; }
      st = c.store.update_deployment(key, [](api::Deployment& o) { o.spec.paused = true; });
      op = "paused";
    } else if (action == Action::Resume) {
      if (!d->spec.paused) { errors.push_back("error: " + res + " " + go_quote(t.name) + " is not paused"); continue; }
      st = c.store.update_deployment(key, [](api::Deployment& o) { o.spec.paused = false; });
      op = "resumed";
    } else {
      if (d->spec.paused) {
        errors.push_back("error: " + res + " " + go_quote(t.name) +
                         " can't restart paused deployment (run rollout resume first)");
        continue;
      }
      const std::string when = rfc3339(c.now());
      st = c.store.update_deployment(key, [&](api::Deployment& o) {
        o.spec.template_.annotations["kubectl.kubernetes.io/restartedAt"] = when;
      });
      op = "restarted";
    }
    if (!st.ok) { errors.push_back(api_error_text(st)); continue; }
    c.settle();
    env.out.out(name_line(*t.type, t.name, flags.get("output") == "name" ? "" : op));
  }
  return print_errors(env, errors);
}

}  // namespace

int cmd_rollout(const std::vector<std::string>& args, Env& env) {
  size_t i = find_command_word(args, {});
  if (i == args.size()) {
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(args, {}, "kubectl rollout", env, flags, status)) return status;
    // rollout.go: cmdutil.DefaultSubCommandRun(streams.Out): the help on stdout, exit status 1.
    env.out.out(help_text("kubectl rollout"));
    return 1;
  }
  std::vector<std::string> rest;
  for (size_t k = 0; k < args.size(); ++k) if (k != i) rest.push_back(args[k]);
  const std::string& sub = args[i];
  if (sub == "status") return rollout_status(rest, env);
  if (sub == "history") return rollout_history(rest, env);
  if (sub == "undo") return rollout_undo(rest, env);
  if (sub == "pause") return rollout_mutate(rest, env, Action::Pause);
  if (sub == "resume") return rollout_mutate(rest, env, Action::Resume);
  if (sub == "restart") return rollout_mutate(rest, env, Action::Restart);
  std::vector<std::string> words;
  for (size_t k = i; k < args.size(); ++k) if (!args[k].empty() && args[k][0] != '-') words.push_back(args[k]);
  return usage_error(env, "kubectl rollout", "unknown command " + go_quote(join(words, " ")));
}

}  // namespace kubesim::kubectl
