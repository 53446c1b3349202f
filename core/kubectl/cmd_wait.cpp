// kubesim — `kubectl wait --for=condition=X|delete|create` (kubectl/pkg/cmd/wait/*.go). Blocks on
// simulated time, one object after the other, each with the full --timeout (30 s by default).
#include <string>
#include <vector>

#include "cluster.h"
#include "kubectl/commands.h"
#include "kubectl/jsonpath.h"
#include "kubectl/printers.h"

namespace kubesim::kubectl {

namespace {

const std::vector<api::Condition>* conditions_of(const Cluster& c, store::Kind kind, const store::Key& k) {
  switch (kind) {
    case store::Kind::Pod: { auto* o = c.store.pods().get(k); return o ? &o->status.conditions : nullptr; }
    case store::Kind::Deployment: { auto* o = c.store.deployments().get(k); return o ? &o->status.conditions : nullptr; }
    case store::Kind::ReplicaSet: { auto* o = c.store.replicasets().get(k); return o ? &o->status.conditions : nullptr; }
    case store::Kind::Node: { auto* o = c.store.nodes().get(k); return o ? &o->status.conditions : nullptr; }
    default: return nullptr;
  }
}

// splitJSONPathInput: split on single '=' ("==" stays inside a piece).
std::vector<std::string> split_jsonpath_input(const std::string& in) {
  std::vector<std::string> out;
  std::string cur;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '=') {
      if (i + 1 < in.size() && in[i + 1] == '=') { cur += "=="; ++i; continue; }
      out.push_back(cur);
      cur.clear();
      continue;
    }
    cur += in[i];
  }
  out.push_back(cur);
  return out;
}

std::string trim_chars(const std::string& s, const char* chars) {
  const size_t b = s.find_first_not_of(chars);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(chars) - b + 1);
}

// strings.EqualFold for ASCII.
bool equal_fold(const std::string& a, const std::string& b) { return to_lower(a) == to_lower(b); }

}  // namespace

int cmd_wait(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl wait";
  std::vector<FlagSpec> specs = {
      {"for", 0, FlagSpec::String, ""},
      {"timeout", 0, FlagSpec::String, "30s"},
      {"selector", 'l', FlagSpec::String, ""},
      {"field-selector", 0, FlagSpec::String, ""},
      {"all", 0, FlagSpec::Bool, "false"},
      {"all-namespaces", 'A', FlagSpec::Bool, "false"},
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"kustomize", 'k', FlagSpec::String, ""},
      {"recursive", 'R', FlagSpec::Bool, "true"},
      {"local", 0, FlagSpec::Bool, "false"},
      {"output", 'o', FlagSpec::String, ""},
      {"template", 0, FlagSpec::String, ""},
      {"allow-missing-template-keys", 0, FlagSpec::Bool, "true"},
      {"show-managed-fields", 0, FlagSpec::Bool, "false"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  int64_t timeout_ms = 30000;
  if (auto e = duration_flag(flags, "timeout", "30s", timeout_ms); !e.empty())
    return print_error(env, e + "\nSee '" + path + " --help' for usage.");
  // "negative means wait for a week": kubesim waits without a deadline (and stops when nothing
  // more can happen, see kMaxBlockingWaitMs).
  const int64_t wait_ms = timeout_ms < 0 || timeout_ms > kMaxBlockingWaitMs ? -1 : timeout_ms;

  // [conditionFuncFor]
  const std::string cond = flags.get("for");
  enum class Mode { Delete, Create, Condition, JsonPath } mode;
  std::string cond_name, cond_value = "true";
  JsonPath jsonpath;          // --for=jsonpath='{…}'[=value]
  bool match_any_value = false;
  if (to_lower(cond) == "delete") {
    mode = Mode::Delete;
  } else if (to_lower(cond) == "create") {
    mode = Mode::Create;
  } else if (starts_with(cond, "condition=")) {
    mode = Mode::Condition;
    cond_name = cond.substr(10);
    if (auto eq = cond_name.find('='); eq != std::string::npos) {
      cond_value = cond_name.substr(eq + 1);
      cond_name = cond_name.substr(0, eq);
    }
  } else if (starts_with(cond, "jsonpath=")) {
    mode = Mode::JsonPath;
    const std::vector<std::string> parts = split_jsonpath_input(cond.substr(9));
    if (parts.empty() || parts.size() > 2)
      return print_error(env, "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or "
                              "--for=jsonpath='{.status.readyReplicas}'");
    std::string expr, err;
    if (!relaxed_jsonpath_expression(parts[0], expr, err)) return print_error(env, err);
    if (parts.size() == 2) {
      cond_value = trim_chars(parts[1], "'\"");
      if (cond_value.empty())
        return print_error(env, "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    } else {
      match_any_value = true;
    }
    if (expr.empty()) return print_error(env, "jsonpath expression cannot be empty");
    if (!jsonpath.parse(expr, err)) return print_error(env, err);
    jsonpath.set_allow_missing_keys(true);
  } else {
    return print_error(env, "unrecognized condition: " + go_quote(cond));
  }
  if (flags.has("filename"))
    return print_error(env, "the path " + go_quote(split_csv(flags.get("filename")).front()) + " does not exist");

  Cluster& c = env.cluster;
  const std::string ns = namespace_of(flags, env);
  TargetArgs ta;
  if (auto e = parse_targets(flags.positional, ta); !e.empty()) return print_error(env, e);
  std::vector<Target> targets = ta.named;
  if (!ta.types_only.empty()) {
    if (!flags.get_bool("all") && flags.get("selector").empty())
      return print_error(env, "resource(s) were provided, but no name was specified");
    if (auto e = expand_selected(c, ta.types_only, ns, flags.get_bool("all-namespaces"), flags.get("selector"), targets);
        !e.empty())
      return print_raw_error(env, e);
  } else if (targets.empty()) {
    return print_error(env, missing_resource_text());
  }
  const std::string output = flags.get("output");

  int visited = 0;
  for (auto& t : targets) {
    const ResourceType& rt = *t.type;
    const store::Key key = key_for(rt, t.namespace_.empty() ? ns : t.namespace_, t.name);
    const api::ObjectMeta* m = find_meta(c, rt.kind, key.namespace_, key.name);
    const std::string object_name = rt.plural + "/" + t.name;
    auto done_line = [&] { env.out.out(name_line(rt, t.name, output == "name" ? "" : "condition met")); };
    if (mode == Mode::Delete) {
      ++visited;
      if (!m) { done_line(); continue; }
      const std::string uid = m->uid;
      auto gone = [&] {
        auto* cur = find_meta(c, rt.kind, key.namespace_, key.name);
        return !cur || cur->uid != uid;
      };
      if (timeout_ms == 0) {
        if (gone()) { done_line(); continue; }
        return print_error(env, "condition not met for " + object_name);
      }
      WaitResult w = wait_until(c, wait_ms, gone);
      if (w == WaitResult::Done) { done_line(); continue; }
      if (w == WaitResult::Stuck) return gave_up_waiting(env);
      return print_error(env, "timed out waiting for the condition on " + object_name);
    }
    if (mode == Mode::Create) {
      ++visited;
      auto exists = [&] { return find_meta(c, rt.kind, key.namespace_, key.name) != nullptr; };
      WaitResult w = wait_until(c, wait_ms, exists);
      if (w == WaitResult::Done) { done_line(); continue; }
      if (w == WaitResult::Stuck) return gave_up_waiting(env);
      return print_error(env, "timed out waiting for the condition on " + object_name);
    }
    if (!m) return print_raw_error(env, not_found_text(rt, t.name));
    ++visited;
    std::string jsonpath_error;  // JSONPathWait.checkCondition's refusals end the wait at once
    auto jsonpath_met = [&] {
      auto obj = find_object(c.store, rt, key.namespace_, key.name);
      if (!obj) return false;
      std::vector<std::vector<nlohmann::json>> groups;
      std::string err;
      if (!jsonpath.find_results(json_of(*obj), groups, err)) { jsonpath_error = err; return true; }
      if (groups.empty() || groups[0].empty()) return false;
      if (groups.size() > 1) { jsonpath_error = "given jsonpath expression matches more than one list"; return true; }
      if (groups[0].size() > 1) { jsonpath_error = "given jsonpath expression matches more than one value"; return true; }
      const nlohmann::json& v = groups[0][0];
      if (v.is_object() || v.is_array()) {
        jsonpath_error = "jsonpath leads to a nested object or list which is not supported";
        return true;
      }
      if (match_any_value) return true;
      return trim_space(jsonpath_value_sprint(v)) == trim_space(cond_value);
    };
    auto met = [&] {
      if (mode == Mode::JsonPath) return jsonpath_met();
      auto* conds = conditions_of(c, rt.kind, key);
      if (!conds) return false;
      for (auto& cd : *conds)
        if (equal_fold(cd.type, cond_name)) return equal_fold(cd.status, cond_value);
      return false;
    };
    if (timeout_ms == 0) {
      const bool now_met = met();
      if (!jsonpath_error.empty()) return print_error(env, jsonpath_error);
      if (now_met) { done_line(); continue; }
      return print_error(env, "condition not met for " + object_name);
    }
    const std::string uid = m->uid;
    bool deleted = false;
    WaitResult w = wait_until(c, wait_ms, [&] {
      auto* cur = find_meta(c, rt.kind, key.namespace_, key.name);
      if (!cur || cur->uid != uid) { deleted = true; return true; }
      return met();
    });
    if (!jsonpath_error.empty()) return print_error(env, jsonpath_error);
    if (deleted) return print_error(env, "object has been deleted");  // watch saw the DELETED event
    if (w == WaitResult::Done) { done_line(); continue; }
    if (w == WaitResult::Stuck) return gave_up_waiting(env);
    return print_error(env, "timed out waiting for the condition on " + object_name);
  }
  if (visited == 0 && mode != Mode::Delete) return print_error(env, "no matching resources found");
  return 0;
}

}  // namespace kubesim::kubectl
