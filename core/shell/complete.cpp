// kubesim — Tab completion (what kubectl's and bash's completion scripts offer, without the
// scripts: the candidates come straight from the simulated cluster).
#include "shell/complete.h"

#include <algorithm>
#include <set>

#include "cluster.h"
#include "kubectl/resources.h"
#include "shell/host.h"
#include "shell/interp.h"

namespace kubesim::shell {

namespace {

const std::vector<std::string>& kubectl_commands() {
  static const std::vector<std::string> v = {
      "annotate", "api-resources", "api-versions", "apply", "attach", "auth", "autoscale", "cluster-info", "config",
      "cordon", "cp", "create", "delete", "describe", "diff", "drain", "edit", "events", "exec", "explain", "expose",
      "get", "label", "logs", "patch", "port-forward", "proxy", "replace", "rollout", "run", "scale", "set", "taint",
      "top", "uncordon", "version", "wait"};
  return v;
}

const std::vector<std::string>& common_flags() {
  static const std::vector<std::string> v = {"--all-namespaces", "--help", "--namespace=", "--output=", "--selector=",
                                             "--show-labels", "--watch", "-A", "-l", "-n", "-o", "-w"};
  return v;
}

std::vector<std::string> flags_for(const std::string& sub) {
  std::vector<std::string> v = common_flags();
  auto add = [&](std::initializer_list<const char*> xs) { for (auto* x : xs) v.emplace_back(x); };
  if (sub == "create") add({"--image=", "--replicas=", "--port=", "--dry-run="});
  else if (sub == "expose") add({"--type=", "--port=", "--target-port=", "--name=", "--protocol="});
  else if (sub == "scale") add({"--replicas=", "--current-replicas="});
  else if (sub == "rollout") add({"--to-revision=", "--revision=", "--timeout="});
  else if (sub == "logs") add({"--follow", "--tail=", "--previous", "--container=", "--timestamps", "-f", "-p", "-c"});
  else if (sub == "exec") add({"--stdin", "--tty", "--container=", "-i", "-t", "-ti", "-c"});
  else if (sub == "delete") add({"--all", "--grace-period=", "--force", "--now", "--wait="});
  else if (sub == "label" || sub == "annotate") add({"--overwrite", "--all"});
  else if (sub == "run") add({"--image=", "--port=", "--restart=", "--env=", "--labels=", "--rm", "-it"});
  else if (sub == "autoscale") add({"--min=", "--max=", "--cpu-percent="});
  else if (sub == "get") add({"--sort-by=", "--no-headers", "--template=", "--watch-only"});
  else if (sub == "set") add({"--all", "--record"});
  return v;
}

bool takes_value(const std::string& flag) {
  static const std::set<std::string> v = {"-n", "--namespace", "-o", "--output", "-l", "--selector", "-c",
                                          "--container", "-f", "--filename", "--image", "--replicas", "--type",
                                          "--port", "--template", "--tail", "--to-revision", "--revision", "--name",
                                          "--target-port", "--min", "--max", "--cpu-percent", "--sort-by", "--context"};
  return v.count(flag) > 0;
}

std::vector<std::string> names_of(const Cluster& c, store::Kind k, const std::string& ns) {
  std::vector<std::string> v;
  auto collect = [&](const auto& table, bool namespaced) {
    if (namespaced) { for (auto& [key, o] : table.in_namespace(ns)) v.push_back(key.name); }
    else { for (auto& [key, o] : table) v.push_back(key.name); }
  };
  using K = store::Kind;
  switch (k) {
    case K::Pod: collect(c.store.pods(), true); break;
    case K::ReplicaSet: collect(c.store.replicasets(), true); break;
    case K::Deployment: collect(c.store.deployments(), true); break;
    case K::Service: collect(c.store.services(), true); break;
    case K::Endpoints: collect(c.store.endpoints(), true); break;
    case K::Node: collect(c.store.nodes(), false); break;
    case K::Namespace: collect(c.store.namespaces(), false); break;
    case K::Event: break;  // event names are not something anyone types
  }
  return v;
}

std::vector<std::string> resource_words() {
  std::vector<std::string> v;
  for (auto& r : kubectl::all_resources()) {
    v.push_back(r.plural);
    v.push_back(r.singular);
    for (auto& s : r.short_names) v.push_back(s);
  }
  return v;
}

void add_prefixed(std::vector<std::string>& out, const std::vector<std::string>& cands, const std::string& cur,
                  const std::string& prefix = "") {
  for (auto& x : cands) {
    std::string w = prefix + x;
    if (w.rfind(cur, 0) == 0) out.push_back(w);
  }
}

// "deployments/kub" → "deployments/kubernetes-bootcamp"
void complete_type_name(const Cluster& c, const std::string& ns, const std::string& cur, std::vector<std::string>& out) {
  size_t sl = cur.find('/');
  if (sl == std::string::npos) return;
  const kubectl::ResourceType* rt = kubectl::resolve_resource(cur.substr(0, sl));
  if (!rt) return;
  add_prefixed(out, names_of(c, rt->kind, ns), cur, cur.substr(0, sl + 1));
}

void complete_kubectl(const Cluster& c, const std::vector<std::string>& words, const std::string& cur,
                      std::vector<std::string>& out) {
  std::string ns = "default";
  std::vector<std::string> pos;
  std::string prev;
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string& w = words[i];
    if ((prev == "-n" || prev == "--namespace")) ns = w;
    if (w.rfind("--namespace=", 0) == 0) ns = w.substr(12);
    if (!w.empty() && w[0] == '-') { prev = takes_value(w) ? w : ""; continue; }
    if (takes_value(prev)) { prev.clear(); continue; }
    pos.push_back(w);
    prev.clear();
  }
  if (prev == "-n" || prev == "--namespace") { add_prefixed(out, names_of(c, store::Kind::Namespace, ""), cur); return; }
  if (cur.rfind("--namespace=", 0) == 0) { add_prefixed(out, names_of(c, store::Kind::Namespace, ""), cur, "--namespace="); return; }
  if (prev == "-o" || prev == "--output") {
    add_prefixed(out, {"custom-columns=", "go-template=", "json", "jsonpath=", "name", "wide", "yaml"}, cur);
    return;
  }
  if (cur.rfind("--output=", 0) == 0 || cur.rfind("-o=", 0) == 0) {
    std::string pre = cur.substr(0, cur.find('=') + 1);
    add_prefixed(out, {"custom-columns=", "go-template=", "json", "jsonpath=", "name", "wide", "yaml"}, cur, pre);
    return;
  }
  if (prev == "--type" || cur.rfind("--type=", 0) == 0) {
    add_prefixed(out, {"ClusterIP", "LoadBalancer", "NodePort"}, cur, prev.empty() ? "--type=" : "");
    return;
  }
  if (takes_value(prev)) return;
  if (pos.empty()) {
    if (!cur.empty() && cur[0] == '-') add_prefixed(out, common_flags(), cur);
    else add_prefixed(out, kubectl_commands(), cur);
    return;
  }
  const std::string& sub = pos[0];
  if (!cur.empty() && cur[0] == '-') { add_prefixed(out, flags_for(sub), cur); return; }
  size_t idx = pos.size();  // index of the word being completed among positionals
  auto types_or_names = [&](size_t type_pos) {
    if (idx == type_pos) {
      if (cur.find('/') != std::string::npos) complete_type_name(c, ns, cur, out);
      else add_prefixed(out, resource_words(), cur);
      return;
    }
    if (idx > type_pos && pos.size() > type_pos) {
      if (pos[type_pos].find('/') != std::string::npos) {  // TYPE/NAME given: more of those
        complete_type_name(c, ns, cur, out);
        return;
      }
      if (const kubectl::ResourceType* rt = kubectl::resolve_resource(pos[type_pos]))
        add_prefixed(out, names_of(c, rt->kind, ns), cur);
    }
  };
  if (sub == "get" || sub == "describe" || sub == "delete" || sub == "edit" || sub == "label" || sub == "annotate" ||
      sub == "patch" || sub == "wait" || sub == "explain") {
    types_or_names(1);
  } else if (sub == "scale" || sub == "expose" || sub == "autoscale") {
    types_or_names(1);
  } else if (sub == "rollout") {
    if (idx == 1) add_prefixed(out, {"history", "pause", "restart", "resume", "status", "undo"}, cur);
    else types_or_names(2);
  } else if (sub == "set") {
    if (idx == 1) add_prefixed(out, {"env", "image", "resources", "selector", "serviceaccount", "subject"}, cur);
    else if (idx == 2) types_or_names(2);
    else if (idx == 3 && pos.size() > 2) {
      // CONTAINER=IMAGE: offer the container names of the object
      std::string target = pos[2];
      std::string type = target, name;
      if (size_t sl = target.find('/'); sl != std::string::npos) { type = target.substr(0, sl); name = target.substr(sl + 1); }
      else if (pos.size() > 3) name = pos[3];
      if (const kubectl::ResourceType* rt = kubectl::resolve_resource(type); rt && rt->kind == store::Kind::Deployment)
        if (const api::Deployment* d = c.store.deployments().get(ns, name))
          for (auto& ct : d->spec.template_.spec.containers) if ((ct.name + "=").rfind(cur, 0) == 0) out.push_back(ct.name + "=");
    } else types_or_names(2);
  } else if (sub == "logs" || sub == "exec" || sub == "port-forward" || sub == "attach") {
    if (idx == 1) {
      if (cur.find('/') != std::string::npos) complete_type_name(c, ns, cur, out);
      else add_prefixed(out, names_of(c, store::Kind::Pod, ns), cur);
    }
  } else if (sub == "create") {
    if (idx == 1)
      add_prefixed(out, {"configmap", "cronjob", "deployment", "ingress", "job", "namespace", "secret", "service",
                         "serviceaccount"}, cur);
  } else if (sub == "config") {
    if (idx == 1)
      add_prefixed(out, {"current-context", "get-contexts", "set-context", "use-context", "view"}, cur);
  } else if (sub == "top") {
    if (idx == 1) add_prefixed(out, {"node", "pod"}, cur);
  } else if (sub == "cordon" || sub == "uncordon" || sub == "drain" || sub == "taint") {
    if (idx == 1 || (sub == "taint" && idx == 2)) add_prefixed(out, names_of(c, store::Kind::Node, ""), cur);
  }
}

void complete_files(const Session& s, const Cluster& c, const std::string& cur, bool dirs_only, std::vector<std::string>& out) {
  const ShellState& sh = s.active();
  std::string dir_part, name_part = cur;
  if (size_t sl = cur.rfind('/'); sl != std::string::npos) { dir_part = cur.substr(0, sl + 1); name_part = cur.substr(sl + 1); }
  std::string base = dir_part.empty() ? sh.cwd : (dir_part[0] == '/' ? dir_part : sh.cwd + "/" + dir_part);
  base = normalize_path(base);
  Session& ms = const_cast<Session&>(s);  // the machines take mutable references; listing does not write
  Cluster& mc = const_cast<Cluster&>(c);
  std::vector<std::string> names;
  auto list = [&](Machine& m) {
    for (auto& n : m.list_dir(base)) {
      if (n.rfind(name_part, 0) != 0) continue;
      if (n[0] == '.' && (name_part.empty() || name_part[0] != '.')) continue;
      std::string full = normalize_path(base + "/" + n);
      bool d = m.is_dir(full);
      if (dirs_only && !d) continue;
      names.push_back(dir_part + n + (d ? "/" : ""));
    }
  };
  if (s.container) {
    ContainerMachine m(mc, ms, *ms.container);
    list(m);
  } else {
    HostMachine m(mc, ms);
    list(m);
  }
  out.insert(out.end(), names.begin(), names.end());
}

}  // namespace

std::vector<std::string> complete(const Session& s, const Cluster& c, std::string_view line) {
  bool space = false;
  std::vector<std::string> words = rough_words(line, &space);
  std::string cur;
  if (!space && !words.empty()) { cur = words.back(); words.pop_back(); }
  std::vector<std::string> out;
  // aliases: `k get po<Tab>` completes like kubectl
  if (!words.empty()) {
    auto it = s.active().aliases.find(words[0]);
    if (it != s.active().aliases.end()) {
      bool dummy;
      std::vector<std::string> expanded = rough_words(it->second, &dummy);
      if (!expanded.empty()) {
        words.erase(words.begin());
        words.insert(words.begin(), expanded.begin(), expanded.end());
      }
    }
  }
  if (words.empty()) {
    if (cur.find('/') != std::string::npos) { complete_files(s, c, cur, false, out); }
    else {
      std::vector<std::string> cmds = builtin_names();
      if (s.container) {
        Session& ms = const_cast<Session&>(s);
        ContainerMachine m(const_cast<Cluster&>(c), ms, *ms.container);
        for (auto& p : m.program_names()) cmds.push_back(p);
      } else {
        for (const char* p : {"curl", "kubectl", "minikube"}) cmds.emplace_back(p);
      }
      for (auto& [k, v] : s.active().aliases) cmds.push_back(k);
      add_prefixed(out, cmds, cur);
    }
  } else if (words[0] == "kubectl" && !s.container) {
    complete_kubectl(c, words, cur, out);
  } else if (words[0] == "minikube" && !s.container) {
    if (words.size() == 1) {
      add_prefixed(out, {"addons", "dashboard", "delete", "ip", "kubectl", "service", "ssh", "start", "status", "stop",
                         "tunnel", "version"}, cur);
    } else if (words[1] == "service") {
      if (!cur.empty() && cur[0] == '-') add_prefixed(out, {"--https", "--namespace=", "--url", "-n"}, cur);
      else {
        std::vector<std::string> names = {"list"};
        for (auto& n : names_of(c, store::Kind::Service, "default")) names.push_back(n);
        add_prefixed(out, names, cur);
      }
    } else if (words[1] == "kubectl") {
      std::vector<std::string> kw = {"kubectl"};
      for (size_t i = 2; i < words.size(); ++i) if (words[i] != "--") kw.push_back(words[i]);
      complete_kubectl(c, kw, cur, out);
    }
  } else {
    bool dirs = words[0] == "cd";
    complete_files(s, c, cur, dirs, out);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace kubesim::shell
