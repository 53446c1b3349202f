// kubesim — `kubectl set image` (kubectl/pkg/cmd/set/set_image.go): CONTAINER=IMAGE pairs (or
// *=IMAGE) applied to the pod template of deployments and replica sets, or to a pod. Nothing is
// printed when the images are already those; errors are collected and printed after the objects
// that did change.
#include <string>
#include <vector>

#include "cluster.h"
#include "kubectl/commands.h"

namespace kubesim::kubectl {

namespace {

// cmdutil.GetResourcesAndPairs: words with '=' (or a trailing '-') are pairs, and pairs come last.
std::string split_pairs(const std::vector<std::string>& args, const std::string& pair_type,
                        std::vector<std::string>& resources, std::vector<std::string>& pairs) {
  bool found_pair = false;
  for (auto& s : args) {
    bool non_resource = (s.find('=') != std::string::npos && s[0] != '=') || (s.size() > 1 && s.back() == '-');
    if (non_resource) {
      found_pair = true;
      pairs.push_back(s);
    } else if (!found_pair) {
      resources.push_back(s);
    } else {
      return "all resources must be specified before " + pair_type + " changes: " + s;
    }
  }
  return "";
}

bool set_image(std::vector<api::Container>& cs, const std::string& name, const std::string& image) {
  bool found = false;
  for (auto& c : cs)
    if (c.name == name || name == "*") {
      found = true;
      c.image = image;
    }
  return found;
}

int set_image_cmd(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl set image";
  std::vector<FlagSpec> specs = {
      {"all", 0, FlagSpec::Bool, "false"},
      {"selector", 'l', FlagSpec::String, ""},
      {"local", 0, FlagSpec::Bool, "false"},
      {"output", 'o', FlagSpec::String, ""},
      {"dry-run", 0, FlagSpec::String, "none"},
      {"filename", 'f', FlagSpec::StringArray, ""},
      {"kustomize", 'k', FlagSpec::String, ""},
      {"recursive", 'R', FlagSpec::Bool, "false"},
      {"record", 0, FlagSpec::Bool, "false"},
      {"field-manager", 0, FlagSpec::String, "kubectl-set"},
      {"template", 0, FlagSpec::String, ""},
      {"allow-missing-template-keys", 0, FlagSpec::Bool, "true"},
      {"show-managed-fields", 0, FlagSpec::Bool, "false"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  std::string dry;
  if (auto e = dry_run_mode(flags, dry); !e.empty()) return print_error(env, e);
  const std::string output = flags.get("output");

  // [Complete] pairs, then the resource builder (NotFound fails the command before any change).
  std::vector<std::string> resources, pair_args;
  if (auto e = split_pairs(flags.positional, "image", resources, pair_args); !e.empty()) return print_error(env, e);
  std::vector<std::pair<std::string, std::string>> images;  // in the order given
  std::vector<std::string> invalid;
  for (auto& p : pair_args) {
    auto eq = p.find('=');
    if (eq == std::string::npos || p[0] == '=') { invalid.push_back(p); continue; }
    std::string name = p.substr(0, eq), image = p.substr(eq + 1);
    bool replaced = false;
    for (auto& [n, i] : images) if (n == name) { i = image; replaced = true; }
    if (!replaced) images.emplace_back(name, image);
  }
  if (!invalid.empty()) return print_error(env, "invalid image format: " + join(invalid, ", "));
  if (flags.has("filename"))
    return print_error(env, "the path " + go_quote(split_csv(flags.get("filename")).front()) + " does not exist");
  if (flags.get_bool("local")) {
    if (!resources.empty())
      return print_error(env, "error: you must specify resources by --filename when --local is set.\n"
                              "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'");
    return print_error(env, missing_resource_text());
  }
  Cluster& c = env.cluster;
  const std::string ns = namespace_of(flags, env);
  TargetArgs ta;
  if (auto e = parse_targets(resources, ta); !e.empty()) return print_error(env, e);
  if (auto e = selector_conflict(ta, flags.get_bool("all") || !flags.get("selector").empty()); !e.empty())
    return print_error(env, e);
  std::vector<Target> targets = ta.named;
  if (!ta.types_only.empty()) {
    if (!flags.get_bool("all") && flags.get("selector").empty())
      return print_error(env, "resource(s) were provided, but no name was specified");
    if (auto e = expand_selected(c, ta.types_only, ns, false, flags.get("selector"), targets); !e.empty())
      return print_raw_error(env, e);
  } else if (targets.empty()) {
    return print_error(env, missing_resource_text());
  }
  std::vector<std::string> not_found;
  for (auto& t : targets)
    if (!find_meta(c, t.type->kind, t.namespace_.empty() ? ns : t.namespace_, t.name))
      not_found.push_back(not_found_text(*t.type, t.name));
  if (!not_found.empty()) {
    for (auto& e : not_found) print_raw_error(env, e);
    return 1;
  }

  // [Validate]
  std::vector<std::string> verrs;
  if (flags.get_bool("all") && !flags.get("selector").empty()) verrs.push_back("cannot set --all and --selector at the same time");
  if (images.empty()) {
    verrs.push_back("at least one image update is required");
  } else if (images.size() > 1) {
    for (auto& [n, i] : images)
      if (n == "*") {
        verrs.push_back("all containers are already specified by *, but saw more than one container_name=container_image pairs");
        break;
      }
  }
  if (verrs.size() == 1) return print_error(env, verrs[0]);
  if (verrs.size() > 1) {
    for (auto& e : verrs) env.out.err(e + "\n");
    return 1;
  }

  // [Run] one patch per object.
  std::vector<std::string> errors;
  for (auto& t : targets) {
    const std::string tns = t.namespace_.empty() ? ns : t.namespace_;
    const ResourceType& rt = *t.type;
    store::Key key{tns, t.name};
    api::PodSpec* spec = nullptr;
    api::Deployment d;
    api::ReplicaSet rs;
    api::Pod pod;
    std::string path_prefix, kind_q;
    switch (rt.kind) {
      case store::Kind::Deployment: d = *c.store.deployments().get(key); spec = &d.spec.template_.spec;
        path_prefix = "spec.template"; kind_q = "Deployment.apps"; break;
      case store::Kind::ReplicaSet: rs = *c.store.replicasets().get(key); spec = &rs.spec.template_.spec;
        path_prefix = "spec.template"; kind_q = "ReplicaSet.apps"; break;
      case store::Kind::Pod: pod = *c.store.pods().get(key); spec = &pod.spec;
        path_prefix = ""; kind_q = "Pod"; break;
      default: {
        std::string kind = rt.kind_name;
        errors.push_back("error: " + rt.plural + "/" + t.name +
                         " the object is not a pod or does not have a pod template: *v1." + kind + "\n");
        continue;
      }
    }
    const api::PodSpec before = *spec;
    for (auto& [name, image] : images)
      if (!set_image(spec->containers.mut(), name, image))
        errors.push_back("error: unable to find container named " + go_quote(name));
    const api::ObjectMeta& meta = rt.kind == store::Kind::Deployment ? d.metadata
                                  : rt.kind == store::Kind::ReplicaSet ? rs.metadata : pod.metadata;
    // An empty patch prints nothing (--record's annotation is part of the patch).
    if (spec->containers == before.containers && !records_change(flags, meta)) continue;

    // The API server validates the patched object.
    std::vector<std::string> causes;
    for (size_t i = 0; i < spec->containers.size(); ++i) {
      const auto& ct = spec->containers[i];
      std::string cp = (path_prefix.empty() ? "" : path_prefix + ".") + "spec.containers[" + std::to_string(i) + "].image";
      if (ct.image.empty()) causes.push_back(cp + ": Required value");
      else if (std::isspace(static_cast<unsigned char>(ct.image.front())) ||
               std::isspace(static_cast<unsigned char>(ct.image.back())))
        causes.push_back(field_invalid(cp, go_quote(ct.image), "must not have leading or trailing whitespace"));
    }
    if (!causes.empty()) {
      errors.push_back("failed to patch image update to pod template: " + invalid_status_message(kind_q, t.name, causes));
      continue;
    }
    std::string op = "image updated";
    if (dry == "client") op += " (dry run)";
    if (dry == "server") op += " (server dry run)";
    if (dry == "none") {
      store::Status st;
      if (rt.kind == store::Kind::Deployment)
        st = c.store.update_deployment(key, [&](api::Deployment& o) {
          if (o.spec.template_.spec.containers != spec->containers) o.spec.template_.spec.containers = spec->containers;
          record_change(flags, o.metadata);
        });
      else if (rt.kind == store::Kind::ReplicaSet)
        st = c.store.update_replicaset(key, [&](api::ReplicaSet& o) {
          if (o.spec.template_.spec.containers != spec->containers) o.spec.template_.spec.containers = spec->containers;
          record_change(flags, o.metadata);
        });
      else
        st = c.store.update_pod(key, [&](api::Pod& o) {
          for (size_t i = 0; i < o.spec.containers.size() && i < spec->containers.size(); ++i)
            if (o.spec.containers[i].image != spec->containers[i].image)
              o.spec.containers.mut()[i].image = spec->containers[i].image;
          record_change(flags, o.metadata);
        });
      if (!st.ok) { errors.push_back("failed to patch image update to pod template: " + st.message); continue; }
      c.settle();
    }
    env.out.out(name_line(rt, t.name, output == "name" ? "" : op));
  }
  return print_errors(env, errors);
}

}  // namespace

int cmd_set(const std::vector<std::string>& args, Env& env) {
  size_t i = find_command_word(args, {});
  if (i == args.size()) {
    // DefaultSubCommandRun: help on stderr, exit 1 (or -h/--help: help on stdout, exit 0).
    ParsedFlags flags;
    int status = 0;
    if (!parse_command_flags(args, {}, "kubectl set", env, flags, status)) return status;
    env.out.err(help_text("kubectl set"));
    return 1;
  }
  std::vector<std::string> rest;
  for (size_t k = 0; k < args.size(); ++k) if (k != i) rest.push_back(args[k]);
  const std::string& sub = args[i];
  if (sub == "image") return set_image_cmd(rest, env);
  if (sub == "env" || sub == "resources" || sub == "selector" || sub == "serviceaccount" || sub == "sa" ||
      sub == "subject")
    return print_error(env, "kubesim does not simulate \"kubectl set " + sub + "\" yet");
  return usage_error(env, "kubectl set", "unknown command " + go_quote(join(std::vector<std::string>(args.begin() + i, args.end()), " ")));
}

}  // namespace kubesim::kubectl
