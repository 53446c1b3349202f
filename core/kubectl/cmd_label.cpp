// kubesim — `kubectl label` and `kubectl annotate` (kubectl/pkg/cmd/label/label.go,
// annotate/annotate.go): KEY=VALUE and KEY- changes, --overwrite, --list, -l/--all; label
// values are checked client side, keys by the API server.
#include <string>
#include <vector>

#include "cluster.h"
#include "kubectl/commands.h"
#include "kubectl/selectors.h"

namespace kubesim::kubectl {

namespace {

constexpr const char* kChangeCause = "kubernetes.io/change-cause";

struct Changes {
  std::vector<std::pair<std::string, std::string>> set;  // in the order given (a repeated key keeps the last value)
  std::vector<std::string> remove;
};

void put(Changes& ch, const std::string& k, const std::string& v) {
  for (auto& [kk, vv] : ch.set) if (kk == k) { vv = v; return; }
  ch.set.emplace_back(k, v);
}

// label.go parseLabels.
std::string parse_label_changes(const std::vector<std::string>& specs, Changes& ch) {
  for (auto& s : specs) {
    if (s.find('=') != std::string::npos) {
      size_t eqs = 0;
      for (char c : s) if (c == '=') ++eqs;
      if (eqs != 1) return "invalid label spec: " + s;
      auto eq = s.find('=');
      std::string k = s.substr(0, eq), v = s.substr(eq + 1);
      auto errs = label_value_errors(v);
      if (!errs.empty()) return "invalid label value: " + go_quote(s) + ": " + join(errs, ";");
      put(ch, k, v);
    } else if (!s.empty() && s.back() == '-') {
      ch.remove.push_back(s.substr(0, s.size() - 1));
    } else {
      return "unknown label spec: " + s;
    }
  }
  for (auto& r : ch.remove)
    for (auto& [k, v] : ch.set)
      if (k == r) return "can not both modify and remove a label in the same command";
  return "";
}

// annotate.go parseAnnotations (cmdutil.ParsePairs with removal support).
std::string parse_annotation_changes(const std::vector<std::string>& specs, Changes& ch) {
  std::vector<std::string> invalid;
  for (auto& s : specs) {
    if (s.find('=') != std::string::npos && s[0] != '=') {
      auto eq = s.find('=');
      put(ch, s.substr(0, eq), s.substr(eq + 1));
    } else if (s.size() > 1 && s.back() == '-') {
      ch.remove.push_back(s.substr(0, s.size() - 1));
    } else {
      invalid.push_back(s);
    }
  }
  if (!invalid.empty()) return "invalid annotation format: " + join(invalid, ", ");
  for (auto& r : ch.remove)
    for (auto& [k, v] : ch.set)
      if (k == r) return "can not both modify and remove an annotation in the same command";
  return "";
}

// The length JSON gives a map field (",\"labels\":{…}"; 0 when empty, as omitempty drops it).
size_t json_map_len(const api::Labels& m) {
  if (m.empty()) return 0;
  size_t n = 12;
  for (auto& [k, v] : m) n += k.size() + v.size() + 6;
  return n;
}

int run_label_like(const std::vector<std::string>& args, Env& env, bool annotate) {
  const std::string path = annotate ? "kubectl annotate" : "kubectl label";
  const std::string what = annotate ? "annotation" : "label";
  std::vector<FlagSpec> specs = {
      {"overwrite", 0, FlagSpec::Bool, "false"},
      {"list", 0, FlagSpec::Bool, "false"},
      {"local", 0, FlagSpec::Bool, "false"},
      {"field-selector", 0, FlagSpec::String, ""},
      {"all", 0, FlagSpec::Bool, "false"},
      {"all-namespaces", 'A', FlagSpec::Bool, "false"},
      {"resource-version", 0, FlagSpec::String, ""},
      {"selector", 'l', FlagSpec::String, ""},
      {"output", 'o', FlagSpec::String, ""},
      {"dry-run", 0, FlagSpec::String, "none"},
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"kustomize", 'k', FlagSpec::String, ""},
      {"recursive", 'R', FlagSpec::Bool, "false"},
      {"record", 0, FlagSpec::Bool, "false"},
      {"field-manager", 0, FlagSpec::String, annotate ? "kubectl-annotate" : "kubectl-label"},
      {"template", 0, FlagSpec::String, ""},
      {"allow-missing-template-keys", 0, FlagSpec::Bool, "true"},
      {"show-managed-fields", 0, FlagSpec::Bool, "false"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;

  // [Complete]
  std::vector<std::string> resources, pairs;
  {
    bool found_pair = false;
    for (auto& s : flags.positional) {
      bool non_resource = (s.find('=') != std::string::npos && s[0] != '=') || (s.size() > 1 && s.back() == '-');
      if (non_resource) { found_pair = true; pairs.push_back(s); }
      else if (!found_pair) resources.push_back(s);
      else return print_error(env, "all resources must be specified before " + what + " changes: " + s);
    }
  }
  Changes ch;
  std::string perr = annotate ? parse_annotation_changes(pairs, ch) : parse_label_changes(pairs, ch);
  if (!perr.empty()) return print_error(env, perr);
  const bool list = flags.get_bool("list");
  const std::string output = flags.get("output");
  if (list && !output.empty()) return print_error(env, "--list and --output may not be specified together");
  std::string dry;
  if (auto e = dry_run_mode(flags, dry); !e.empty()) return print_error(env, e);

  // [Validate]
  const bool all = flags.get_bool("all");
  const std::string selector = flags.get("selector");
  if (all && !selector.empty()) return print_error(env, "cannot set --all and --selector at the same time");
  if (all && !flags.get("field-selector").empty()) return print_error(env, "cannot set --all and --field-selector at the same time");
  if (flags.get_bool("local")) {
    if (!resources.empty()) return print_error(env, "can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set");
    return print_error(env, "one or more files must be specified as -f pod.yaml or --filename=pod.json");
  }
  if (resources.empty() && !flags.has("filename"))
    return print_error(env, "one or more resources must be specified as <resource> <name> or <resource>/<name>");
  if (ch.set.empty() && ch.remove.empty() && !list)
    return print_error(env, "at least one " + what + " update is required");
  if (flags.has("filename"))
    return print_error(env, "the path " + go_quote(split_csv(flags.get("filename")).front()) + " does not exist");

  // [Run] builder, then one patch per object; errors reported after the others.
  Cluster& c = env.cluster;
  const std::string ns = namespace_of(flags, env);
  TargetArgs ta;
  if (auto e = parse_targets(resources, ta); !e.empty()) return print_error(env, e);
  if (auto e = selector_conflict(ta, !selector.empty() || !flags.get("field-selector").empty()); !e.empty())
    return print_error(env, e);  // (label's --all selects only with a type: names may go with it)
  std::vector<Target> targets = ta.named;
  if (!ta.types_only.empty()) {
    if (!all && selector.empty() && flags.get("field-selector").empty())
      return print_error(env, "resource(s) were provided, but no name was specified");
    if (auto e = expand_selected(c, ta.types_only, ns, flags.get_bool("all-namespaces"), selector, targets); !e.empty())
      return print_raw_error(env, e);
  }
  const bool one = ta.types_only.empty() && targets.size() == 1;
  if (!one && !flags.get("resource-version").empty())
    return print_error(env, "--resource-version may only be used with a single resource");

  std::vector<std::string> errors;
  for (auto& t : targets) {
    const ResourceType& rt = *t.type;
    const store::Key key = key_for(rt, t.namespace_.empty() ? ns : t.namespace_, t.name);
    const api::ObjectMeta* m = find_meta(c, rt.kind, key.namespace_, key.name);
    if (!m) { errors.push_back(not_found_text(rt, t.name)); continue; }
    if (!flags.get("resource-version").empty() && flags.get("resource-version") != std::to_string(m->resource_version)) {
      errors.push_back("Error from server (Conflict): Operation cannot be fulfilled on " + rt.qualified_plural() + " " +
                       go_quote(t.name) + ": the object has been modified; please apply your changes to the latest "
                       "version and try again");
      continue;
    }
    const api::Labels& before = annotate ? m->annotations : m->labels.map();
    if (list) {
      if (!one) env.out.out("Listing labels for " + rt.kind_name + "." + rt.group + "/" + t.name + ":\n");
      for (auto& [k, v] : before) env.out.out(std::string(one ? "" : " ") + k + "=" + v + "\n");
      continue;
    }
    if (!annotate && dry == "none")
      for (auto& r : ch.remove)
        if (!before.count(r)) env.out.out("label " + go_quote(r) + " not found.\n");
    // --overwrite=false: keys that already have a value.
    const bool overwrite = flags.get_bool("overwrite");
    if (!overwrite) {
      if (annotate) {
        std::string buf;
        for (auto& [k, v] : ch.set) {
          if (k == kChangeCause) continue;
          auto it = before.find(k);
          if (it != before.end() && it->second != v) {
            if (!buf.empty()) buf += "; ";
            buf += "'" + k + "' already has a value (" + it->second + ")";
          }
        }
        if (!buf.empty()) {
          errors.push_back("--overwrite is false but found the following declared annotation(s): " + buf);
          continue;
        }
      } else {
        std::vector<std::string> errs;
        for (auto& [k, v] : ch.set)
          if (auto it = before.find(k); it != before.end())
            errs.push_back("'" + k + "' already has a value (" + it->second + "), and --overwrite is false");
        if (!errs.empty()) {
          for (auto& e : errs) errors.push_back(e);
          continue;
        }
      }
    }
    api::Labels after = before;
    for (auto& [k, v] : ch.set) after[k] = v;
    for (auto& r : ch.remove) after.erase(r);

    // The API server validates keys (and label values again).
    std::vector<std::string> causes;
    const std::string field = annotate ? "metadata.annotations" : "metadata.labels";
    for (auto& [k, v] : ch.set) {
      for (auto& e : label_key_errors(k)) causes.push_back(field_invalid(field, go_quote(k), e));
      if (!annotate) for (auto& e : label_value_errors(v)) causes.push_back(field_invalid(field, go_quote(v), e));
    }
    if (!causes.empty()) { errors.push_back(invalid_text(rt.kind_name, t.name, causes)); continue; }

    // --record writes its annotation in the same patch (after the labels or annotations).
    const bool recorded = records_change(flags, *m);
    std::string msg;
    if (annotate) {
      msg = "annotated";
    } else {
      msg = "not labeled";
      if (after != before || recorded) {
        msg = "labeled";
        if (!overwrite && !recorded && json_map_len(after) < json_map_len(before)) msg = "unlabeled";
      }
    }
    if (dry == "client") msg += " (dry run)";
    if (dry == "server") msg += " (server dry run)";
    if (dry == "none" && (after != before || recorded)) {
      store::Status st = update_meta(c, rt.kind, key, [&](api::ObjectMeta& om) {
        if (annotate) om.annotations = after;
        else om.labels = after;
        record_change(flags, om);
      });
      if (!st.ok) { errors.push_back(api_error_text(st)); continue; }
      c.settle();
    }
    env.out.out(name_line(rt, t.name, output == "name" ? "" : msg));
  }
  return print_errors(env, errors);
}

}  // namespace

int cmd_label(const std::vector<std::string>& args, Env& env) { return run_label_like(args, env, false); }
int cmd_annotate(const std::vector<std::string>& args, Env& env) { return run_label_like(args, env, true); }

}  // namespace kubesim::kubectl
