// kubesim — `kubectl patch` (kubectl/pkg/cmd/patch/patch.go): a strategic merge patch (default),
// JSON merge patch (RFC 7386) or JSON patch (RFC 6902) applied to the object's JSON form, read
// back with from_json, validated, written through the store. Prints "patched", or
// "patched (no change)" when the object is unchanged.
//
// The patch engines here are exception-free (the wasm build has exceptions off) and cover what a
// learner sends: nested maps, lists of containers/ports/env merged by their keys, and the six
// JSON patch operations.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/json.h"
#include "cluster.h"
#include "kubectl/commands.h"
#include "kubectl/yaml.h"

namespace kubesim::kubectl {

namespace {

using nlohmann::json;

// [SECTION] JSON merge patch (RFC 7386) ------------------------------------------------------------

void merge_patch(json& target, const json& patch) {
  if (!patch.is_object()) { target = patch; return; }
  if (!target.is_object()) target = json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (it.value().is_null()) target.erase(it.key());
    else merge_patch(target[it.key()], it.value());
  }
}

// [SECTION] strategic merge patch (the common subset) ---------------------------------------------------

// Lists the API merges by a key instead of replacing (patchMergeKey in the Go types).
std::string merge_key_for(const std::string& field) {
  if (field == "containers" || field == "initContainers" || field == "env" || field == "volumes" ||
      field == "volumeMounts" || field == "imagePullSecrets")
    return field == "volumeMounts" ? "mountPath" : "name";
  if (field == "ports") return "";  // resolved by the element shape below
  return "";
}

void strategic_merge(json& target, const json& patch);

void strategic_list(json& target, const json& patch, const std::string& field) {
  std::string key = merge_key_for(field);
  if (field == "ports" && !patch.empty() && patch[0].is_object())
    key = patch[0].contains("containerPort") ? "containerPort" : (patch[0].contains("port") ? "port" : "");
  if (key.empty() || !target.is_array()) { target = patch; return; }
  for (auto& item : patch) {
    if (!item.is_object() || !item.contains(key)) { target.push_back(item); continue; }
    bool deleted = item.contains("$patch") && item["$patch"] == "delete";
    bool found = false;
    for (size_t i = 0; i < target.size(); ++i) {
      if (target[i].is_object() && target[i].contains(key) && target[i][key] == item[key]) {
        found = true;
        if (deleted) target.erase(i);
        else strategic_merge(target[i], item);
        break;
      }
    }
    if (!found && !deleted) target.push_back(item);
  }
}

void strategic_merge(json& target, const json& patch) {
  if (!patch.is_object()) { target = patch; return; }
  if (!target.is_object()) target = json::object();
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string& k = it.key();
    if (k == "$patch" || k.rfind("$setElementOrder", 0) == 0 || k.rfind("$retainKeys", 0) == 0) continue;
    const json& v = it.value();
    if (v.is_null()) { target.erase(k); continue; }
    if (v.is_array()) {
      json& t = target[k];
      strategic_list(t, v, k);
    } else if (v.is_object()) {
      strategic_merge(target[k], v);
    } else {
      target[k] = v;
    }
  }
}

// [SECTION] JSON patch (RFC 6902) -------------------------------------------------------------------------

bool split_pointer(const std::string& path, std::vector<std::string>& parts) {
  if (path.empty()) return true;
  if (path[0] != '/') return false;
  size_t pos = 1;
  while (true) {
    size_t slash = path.find('/', pos);
    std::string p = path.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
    std::string unescaped;
    for (size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '~' && i + 1 < p.size() && (p[i + 1] == '0' || p[i + 1] == '1')) {
        unescaped += p[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        unescaped += p[i];
      }
    }
    parts.push_back(unescaped);
    if (slash == std::string::npos) break;
    pos = slash + 1;
  }
  return true;
}

bool array_index(const std::string& s, size_t size, bool allow_end, size_t& idx) {
  if (s == "-" && allow_end) { idx = size; return true; }
  if (s.empty() || (s.size() > 1 && s[0] == '0')) return false;
  size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<size_t>(c - '0');
    if (v > 1000000) return false;
  }
  if (v > size || (!allow_end && v == size)) return false;
  idx = v;
  return true;
}

// Resolves the parent of the pointer's last token; nullptr when it does not exist.
json* parent_of(json& doc, const std::vector<std::string>& parts) {
  json* cur = &doc;
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (cur->is_object()) {
      auto it = cur->find(parts[i]);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      size_t idx = 0;
      if (!array_index(parts[i], cur->size(), false, idx)) return nullptr;
      cur = &(*cur)[idx];
    } else {
      return nullptr;
    }
  }
  return cur;
}

const json* get_at(const json& doc, const std::vector<std::string>& parts) {
  const json* cur = &doc;
  for (auto& p : parts) {
    if (cur->is_object()) {
      auto it = cur->find(p);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      size_t idx = 0;
      if (!array_index(p, cur->size(), false, idx)) return nullptr;
      cur = &(*cur)[idx];
    } else {
      return nullptr;
    }
  }
  return cur;
}

std::string remove_at(json& doc, const std::string& path, json* removed) {
  std::vector<std::string> parts;
  if (!split_pointer(path, parts) || parts.empty()) return "unable to remove nonexistent key: " + path;
  json* parent = parent_of(doc, parts);
  const std::string& last = parts.back();
  if (parent && parent->is_object() && parent->contains(last)) {
    if (removed) *removed = (*parent)[last];
    parent->erase(last);
    return "";
  }
  size_t idx = 0;
  if (parent && parent->is_array() && array_index(last, parent->size(), false, idx)) {
    if (removed) *removed = (*parent)[idx];
    parent->erase(idx);
    return "";
  }
  return "remove operation does not apply: doc is missing path: \"" + path + "\": missing value";
}

std::string add_at(json& doc, const std::string& path, const json& value, bool replace) {
  std::vector<std::string> parts;
  if (!split_pointer(path, parts)) return "invalid JSON pointer " + go_quote(path);
  if (parts.empty()) { doc = value; return ""; }
  json* parent = parent_of(doc, parts);
  const std::string& last = parts.back();
  const char* op = replace ? "replace" : "add";
  if (!parent) return std::string(op) + " operation does not apply: doc is missing path: \"" + path + "\": missing value";
  if (parent->is_object()) {
    if (replace && !parent->contains(last))
      return "replace operation does not apply: doc is missing key: " + path + ": missing value";
    (*parent)[last] = value;
    return "";
  }
  if (parent->is_array()) {
    size_t idx = 0;
    if (!array_index(last, parent->size(), !replace, idx))
      return std::string(op) + " operation does not apply: doc is missing path: \"" + path + "\": missing value";
    if (replace) (*parent)[idx] = value;
    else parent->insert(parent->begin() + static_cast<long>(idx), value);
    return "";
  }
  return std::string(op) + " operation does not apply: doc is missing path: \"" + path + "\": missing value";
}

std::string json_patch(json& doc, const json& ops) {
  if (!ops.is_array()) return "json: cannot unmarshal object into Go value of type jsonpatch.Patch";
  for (auto& op : ops) {
    if (!op.is_object() || !op.contains("op") || !op["op"].is_string()) return "Unexpected kind: unknown";
    std::string kind = op["op"].get<std::string>();
    std::string path = op.contains("path") && op["path"].is_string() ? op["path"].get<std::string>() : "";
    std::string err;
    if (kind == "add" || kind == "replace") {
      if (!op.contains("value")) return kind + " operation, missing value field";
      err = add_at(doc, path, op["value"], kind == "replace");
    } else if (kind == "remove") {
      err = remove_at(doc, path, nullptr);
    } else if (kind == "test") {
      std::vector<std::string> parts;
      split_pointer(path, parts);
      const json* v = get_at(doc, parts);
      if (!v || !op.contains("value") || *v != op["value"]) err = "testing value " + path + " failed: test failed";
    } else if (kind == "move" || kind == "copy") {
      std::string from = op.contains("from") && op["from"].is_string() ? op["from"].get<std::string>() : "";
      std::vector<std::string> parts;
      split_pointer(from, parts);
      const json* v = get_at(doc, parts);
      if (!v) return kind + " operation does not apply: doc is missing from path: \"" + from + "\": missing value";
      json value = *v;
      if (kind == "move") err = remove_at(doc, from, nullptr);
      if (err.empty()) err = add_at(doc, path, value, false);
    } else {
      return "Unexpected kind: " + kind;
    }
    if (!err.empty()) return err;
  }
  return "";
}

// [SECTION] objects <-> JSON ------------------------------------------------------------------------------

template <class T>
bool round_trip(const T& obj, const json& patched, T& out, std::string& err) {
  out = obj;
  return api::from_json(patched, out, err);
}

}  // namespace

int cmd_patch(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl patch";
  std::vector<FlagSpec> specs = {
      {"patch", 'p', FlagSpec::String, ""},
      {"patch-file", 0, FlagSpec::String, ""},
      {"type", 0, FlagSpec::String, "strategic"},
      {"output", 'o', FlagSpec::String, ""},
      {"dry-run", 0, FlagSpec::String, "none"},
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"kustomize", 'k', FlagSpec::String, ""},
      {"recursive", 'R', FlagSpec::Bool, "false"},
      {"local", 0, FlagSpec::Bool, "false"},
      {"subresource", 0, FlagSpec::String, ""},
      {"field-manager", 0, FlagSpec::String, "kubectl-patch"},
      {"record", 0, FlagSpec::Bool, "false"},
      {"template", 0, FlagSpec::String, ""},
      {"allow-missing-template-keys", 0, FlagSpec::Bool, "true"},
      {"show-managed-fields", 0, FlagSpec::Bool, "false"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;

  // [Complete / Validate]
  const std::string type = to_lower(flags.get("type", "strategic"));
  const std::string patch_text = flags.get("patch");
  if (patch_text.empty() && flags.get("patch-file").empty())
    return print_error(env, "must specify --patch or --patch-file containing the contents of the patch");
  if (!patch_text.empty() && !flags.get("patch-file").empty())
    return print_error(env, "cannot specify --patch and --patch-file together");
  if (type != "json" && type != "merge" && type != "strategic")
    return print_error(env, "--type must be one of [json merge strategic], not " + go_quote(flags.get("type")));
  if (!flags.get("patch-file").empty())
    return print_error(env, "unable to read patch file: open " + flags.get("patch-file") + ": no such file or directory");
  std::string dry;
  if (auto e = dry_run_mode(flags, dry); !e.empty()) return print_error(env, e);
  if (flags.get_bool("local") && !flags.positional.empty()) return print_error(env, "cannot specify --local and server resources");
  if (flags.has("filename"))
    return print_error(env, "the path " + go_quote(split_csv(flags.get("filename")).front()) + " does not exist");
  json patch;
  {
    std::string err;
    if (!parse_yaml(patch_text, patch, err))
      return print_error(env, "unable to parse " + go_quote(patch_text) + ": error converting YAML to JSON: " + err);
  }

  Cluster& c = env.cluster;
  const std::string ns = namespace_of(flags, env);
  TargetArgs ta;
  if (auto e = parse_targets(flags.positional, ta); !e.empty()) return print_error(env, e);
  if (ta.named.empty()) {
    if (!ta.types_only.empty()) return print_error(env, "resource(s) were provided, but no name was specified");
    return print_error(env, missing_resource_text());
  }
  const std::string output = flags.get("output");
  std::vector<std::string> errors;
  for (auto& t : ta.named) {
    const ResourceType& rt = *t.type;
    const store::Key key = key_for(rt, ns, t.name);
    if (!find_meta(c, rt.kind, key.namespace_, key.name)) { errors.push_back(not_found_text(rt, t.name)); continue; }

    // The patch on the object's JSON, as the API server applies it.
    json original;
    switch (rt.kind) {
      case store::Kind::Pod: original = api::to_json(*c.store.pods().get(key)); break;
      case store::Kind::Deployment: original = api::to_json(*c.store.deployments().get(key)); break;
      case store::Kind::ReplicaSet: original = api::to_json(*c.store.replicasets().get(key)); break;
      case store::Kind::Service: original = api::to_json(*c.store.services().get(key)); break;
      case store::Kind::Node: original = api::to_json(*c.store.nodes().get(key)); break;
      default:
        errors.push_back("kubesim does not simulate patching " + rt.plural);
        continue;
    }
    json patched = original;
    if (type == "json") {
      std::string err = json_patch(patched, patch);
      if (!err.empty()) { errors.push_back("Error from server (UnprocessableEntity): " + err); continue; }
    } else {
      if (!patch.is_object()) {
        errors.push_back("Error from server (BadRequest): json: cannot unmarshal " +
                         std::string(patch.is_array() ? "array" : patch.is_string() ? "string" : "number") +
                         " into Go value of type map[string]interface {}");
        continue;
      }
      if (type == "merge") merge_patch(patched, patch);
      else strategic_merge(patched, patch);
    }
    const bool changed = patched != original;

    // Read back and validate; identity fields may not change.
    std::string err;
    std::vector<std::string> causes;
    auto check_identity = [&] {
      if (patched.contains("metadata") && patched["metadata"].is_object()) {
        auto& m = patched["metadata"];
        if (m.contains("name") && m["name"] != json(t.name))
          causes.push_back("metadata.name: Invalid value: " + go_quote(m["name"].is_string() ? m["name"].get<std::string>() : "") +
                           ": field is immutable");
      }
    };
    check_identity();
    std::string kind_q = rt.group.empty() ? rt.kind_name : rt.kind_name + "." + rt.group;
    auto bad_request = [&](const std::string& e) { errors.push_back("Error from server (BadRequest): " + e); };
    std::string op = changed ? "patched" : "patched (no change)";
    if (dry == "client") op = "patched (dry run)";
    if (dry == "server") op += " (server dry run)";
    bool write = dry == "none" && changed;
    switch (rt.kind) {
      case store::Kind::Pod: {
        api::Pod before = *c.store.pods().get(key), after;
        if (!round_trip(before, patched, after, err)) { bad_request(err); continue; }
        // Pod specs are immutable apart from images, tolerations and a few others.
        api::PodSpec a = after.spec, b = before.spec;
        for (size_t i = 0; i < a.containers.size() && i < b.containers.size(); ++i) a.containers.mut()[i].image = b.containers[i].image;
        a.tolerations = b.tolerations;
        a.termination_grace_period_seconds = b.termination_grace_period_seconds;
        if (!(a == b))
          causes.push_back("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
                           "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions "
                           "to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it "
                           "was previously negative)");
        for (auto& e : validate_labels(after.metadata.labels, "metadata.labels")) causes.push_back(e);
        if (!causes.empty()) { errors.push_back(invalid_text("Pod", t.name, causes)); continue; }
        if (write) c.store.update_pod(key, [&](api::Pod& o) { o.metadata = after.metadata; o.spec = after.spec; });
        break;
      }
      case store::Kind::Deployment: {
        api::Deployment before = *c.store.deployments().get(key), after;
        if (!round_trip(before, patched, after, err)) { bad_request(err); continue; }
        for (auto& e : validate_labels(after.metadata.labels, "metadata.labels")) causes.push_back(e);
        if (after.spec.replicas < 0)
          causes.push_back(field_invalid("spec.replicas", std::to_string(after.spec.replicas), "must be greater than or equal to 0"));
        if (!(after.spec.selector == before.spec.selector))
          causes.push_back("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{...}, "
                           "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
        else if (!after.spec.selector.matches(after.spec.template_.labels))
          causes.push_back("spec.template.metadata.labels: Invalid value: map[string]string{...}: `selector` does not "
                           "match template `labels`");
        for (auto& e : validate_pod_template(after.spec.template_, "spec.template")) causes.push_back(e);
        if (!causes.empty()) { errors.push_back(invalid_text("Deployment", t.name, causes)); continue; }
        if (after.spec.replicas > kMaxReplicas) {
          errors.push_back("kubesim: spec.replicas=" + std::to_string(after.spec.replicas) +
                           " is more than the simulator allows (" + std::to_string(kMaxReplicas) + " replicas per workload)");
          continue;
        }
        if (write) c.store.update_deployment(key, [&](api::Deployment& o) { o.metadata = after.metadata; o.spec = after.spec; });
        break;
      }
      case store::Kind::ReplicaSet: {
        api::ReplicaSet before = *c.store.replicasets().get(key), after;
        if (!round_trip(before, patched, after, err)) { bad_request(err); continue; }
        for (auto& e : validate_labels(after.metadata.labels, "metadata.labels")) causes.push_back(e);
        if (after.spec.replicas < 0)
          causes.push_back(field_invalid("spec.replicas", std::to_string(after.spec.replicas), "must be greater than or equal to 0"));
        for (auto& e : validate_pod_template(after.spec.template_, "spec.template")) causes.push_back(e);
        if (!causes.empty()) { errors.push_back(invalid_text("ReplicaSet", t.name, causes)); continue; }
        if (after.spec.replicas > kMaxReplicas) {
          errors.push_back("kubesim: spec.replicas=" + std::to_string(after.spec.replicas) +
                           " is more than the simulator allows (" + std::to_string(kMaxReplicas) + " replicas per workload)");
          continue;
        }
        if (write) c.store.update_replicaset(key, [&](api::ReplicaSet& o) { o.metadata = after.metadata; o.spec = after.spec; });
        break;
      }
      case store::Kind::Service: {
        api::Service before = *c.store.services().get(key), after;
        if (!round_trip(before, patched, after, err)) { bad_request(err); continue; }
        for (auto& e : validate_labels(after.metadata.labels, "metadata.labels")) causes.push_back(e);
        if (after.spec.cluster_ip != before.spec.cluster_ip)
          causes.push_back("spec.clusterIPs[0]: Invalid value: []string{" + go_quote(after.spec.cluster_ip) +
                           "}: may not change once set");
        if (!causes.empty()) { errors.push_back(invalid_text("Service", t.name, causes)); continue; }
        if (write) c.store.update_service(key, [&](api::Service& o) { o.metadata = after.metadata; o.spec = after.spec; });
        break;
      }
      case store::Kind::Node: {
        api::Node before = *c.store.nodes().get(key), after;
        if (!round_trip(before, patched, after, err)) { bad_request(err); continue; }
        for (auto& e : validate_labels(after.metadata.labels, "metadata.labels")) causes.push_back(e);
        if (!causes.empty()) { errors.push_back(invalid_text("Node", t.name, causes)); continue; }
        if (write) c.store.update_node(key, [&](api::Node& o) { o.metadata = after.metadata; o.spec = after.spec; });
        break;
      }
      default:
        break;
    }
    (void)kind_q;
    // --record: a second merge patch with the change-cause annotation, whether or not the first
    // one changed anything.
    if (dry == "none")
      if (const api::ObjectMeta* m = find_meta(c, rt.kind, key.namespace_, key.name); m && records_change(flags, *m))
        write = update_meta(c, rt.kind, key, [&](api::ObjectMeta& om) { record_change(flags, om); }).ok || write;
    if (write) c.settle();
    env.out.out(name_line(rt, t.name, output == "name" ? "" : op));
  }
  return print_errors(env, errors);
}

}  // namespace kubesim::kubectl
