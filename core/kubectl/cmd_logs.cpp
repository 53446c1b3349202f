// kubesim — `kubectl logs` (kubectl/pkg/cmd/logs/logs.go; the kubelet's validateContainerLogStatus
// for the "waiting to start" errors). What a container printed is reconstructed from the image's
// app model (registry.h: startup lines, one line per request for the bootcamp app) and the
// network's request records. -f prints what exists and returns: simulated time does not move.
#include <string>
#include <vector>

#include "cluster.h"
#include "kubectl/commands.h"
#include "kubectl/timefmt.h"

namespace kubesim::kubectl {

namespace {

const char* kLogsUsage = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
                         "POD or TYPE/NAME is a required argument for the logs command";

struct LogLine {
  int64_t at_ms;
  std::string text;  // ends with '\n'
};

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// nginx's error-log timestamp "2026/01/12 10:04:11".
std::string nginx_time(int64_t ms) {
  CivilTime t = civil_from_ms(ms);
  return std::to_string(t.year) + "/" + two(t.month) + "/" + two(t.day) + " " + two(t.hour) + ":" + two(t.minute) + ":" +
         two(t.second);
}

// nginx's access-log timestamp "12/Jan/2026:10:04:11 +0000".
std::string clf_time(int64_t ms) {
  static const char* kMon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  CivilTime t = civil_from_ms(ms);
  return two(t.day) + "/" + kMon[t.month - 1] + "/" + std::to_string(t.year) + ":" + two(t.hour) + ":" + two(t.minute) +
         ":" + two(t.second) + " +0000";
}

// The official nginx image's entrypoint and master process lines.
std::vector<LogLine> nginx_startup(const kubelet::ImageInfo& info, int64_t at) {
  std::string version = info.server_version.empty() ? "nginx/1.29.3" : info.server_version;
  std::vector<std::string> lines = {
      "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
      "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
      "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
      "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
      "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
      "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
      "/docker-entrypoint.sh: Configuration complete; ready for start up",
  };
  const std::string ts = nginx_time(at);
  lines.push_back(ts + " [notice] 1#1: using the \"epoll\" event method");
  lines.push_back(ts + " [notice] 1#1: " + version);
  lines.push_back(ts + " [notice] 1#1: built by gcc 14.2.0 (Debian 14.2.0-19) ");
  lines.push_back(ts + " [notice] 1#1: OS: Linux 6.8.0-1015-gcp");
  lines.push_back(ts + " [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576");
  lines.push_back(ts + " [notice] 1#1: start worker processes");
  lines.push_back(ts + " [notice] 1#1: start worker process 29");
  std::vector<LogLine> out;
  for (auto& l : lines) out.push_back({at, l + "\n"});
  return out;
}

// Everything one run of a container wrote, from `started` to `until` (0 = still running).
std::vector<LogLine> container_log(const Cluster& c, const api::Pod& pod, const api::Container& ct, int64_t started,
                                   int64_t until) {
  std::vector<LogLine> out;
  const kubelet::ImageInfo* info = c.registry.resolve(ct.image);
  if (!info) return out;
  const std::string host = pod.metadata.name;
  if (info->app == kubelet::AppKind::Nginx) {
    out = nginx_startup(*info, started);
  } else {
    std::string text = kubelet::Registry::startup_log(*info, host, started);
    size_t pos = 0;
    while (pos < text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size() - 1;
      out.push_back({started, text.substr(pos, nl - pos + 1)});
      pos = nl + 1;
    }
  }
  // One line per request this run answered (the network keeps the recent ones).
  const std::string who = pod.metadata.namespace_ + "/" + pod.metadata.name;
  uint64_t n = 0;
  for (auto& r : c.network.requests()) {
    if (r.pod != who || r.at_ms < started || (until && r.at_ms > until)) continue;
    ++n;
    if (info->app == kubelet::AppKind::Nginx) {
      std::string client = "10.244.0.1";
      if (starts_with(r.client, "pod/")) {
        std::string pname = r.client.substr(4);
        auto slash = pname.find('/');
        std::string pns = slash == std::string::npos ? pod.metadata.namespace_.str() : pname.substr(0, slash);
        if (slash != std::string::npos) pname = pname.substr(slash + 1);
        if (auto* from = c.store.pods().get(pns, pname); from && !from->status.pod_ip.empty()) client = from->status.pod_ip;
      }
      out.push_back({r.at_ms, client + " - - [" + clf_time(r.at_ms) + "] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\" \"-\"\n"});
    } else {
      std::string line = kubelet::Registry::request_log(*info, host, n, started, r.at_ms);
      if (!line.empty()) out.push_back({r.at_ms, line});
    }
  }
  return out;
}

}  // namespace

int cmd_logs(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl logs";
  std::vector<FlagSpec> specs = {
      {"container", 'c', FlagSpec::String, ""},
      {"follow", 'f', FlagSpec::Bool, "false"},
      {"previous", 'p', FlagSpec::Bool, "false"},
      {"tail", 0, FlagSpec::Int, "-1"},
      {"timestamps", 0, FlagSpec::Bool, "false"},
      {"since", 0, FlagSpec::String, "0s"},
      {"since-time", 0, FlagSpec::String, ""},
      {"all-containers", 0, FlagSpec::Bool, "false"},
      {"all-pods", 0, FlagSpec::Bool, "false"},
      {"selector", 'l', FlagSpec::String, ""},
      {"prefix", 0, FlagSpec::Bool, "false"},
      {"max-log-requests", 0, FlagSpec::Int, "5"},
      {"pod-running-timeout", 0, FlagSpec::String, "20s"},
      {"limit-bytes", 0, FlagSpec::Int, "0"},
      {"ignore-errors", 0, FlagSpec::Bool, "false"},
      {"insecure-skip-tls-verify-backend", 0, FlagSpec::Bool, "false"},
      {"quiet", 'q', FlagSpec::Bool, "false"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  int64_t since_ms = 0;
  if (auto e = duration_flag(flags, "since", "0s", since_ms); !e.empty())
    return print_error(env, e + "\nSee '" + path + " --help' for usage.");

  // [Complete] POD [CONTAINER] | TYPE/NAME | -l
  std::vector<std::string> pos = flags.positional;
  pos.insert(pos.end(), flags.after_dash.begin(), flags.after_dash.end());
  const std::string selector = flags.get("selector");
  std::string resource, container = flags.get("container");
  if (pos.empty()) {
    if (selector.empty()) return usage_error(env, path, kLogsUsage);
  } else if (pos.size() == 1) {
    resource = pos[0];
    if (!selector.empty()) return usage_error(env, path, "only a selector (-l) or a POD name is allowed");
  } else if (pos.size() == 2) {
    resource = pos[0];
    container = pos[1];
  } else {
    return usage_error(env, path, kLogsUsage);
  }
  if (flags.get_bool("all-containers") && !container.empty())
    return print_error(env, "--all-containers=true should not be specified with container name " + container);

  Cluster& c = env.cluster;
  const std::string ns = namespace_of(flags, env);
  std::vector<const api::Pod*> pods;
  if (!selector.empty()) {
    std::vector<Target> sel;
    if (auto e = expand_selected(c, {resolve_resource("pods")}, ns, false, selector, sel); !e.empty())
      return print_raw_error(env, e);
    for (auto& t : sel) if (auto* p = c.store.pods().get(ns, t.name)) pods.push_back(p);
    if (pods.empty()) {
      env.out.err("No resources found in " + ns + " namespace.\n");
      return 0;
    }
  } else {
    TargetArgs ta;
    std::string type_name = resource.find('/') == std::string::npos ? "pod/" + resource : resource;
    if (auto e = parse_targets({type_name}, ta); !e.empty()) return print_error(env, e);
    const Target& t = ta.named.front();
    if (!find_meta(c, t.type->kind, ns, t.name)) return print_raw_error(env, not_found_text(*t.type, t.name));
    const api::Pod* chosen = nullptr;
    if (t.type->kind == store::Kind::Pod) {
      chosen = c.store.pods().get(ns, t.name);
    } else {
      // polymorphichelpers.LogsForObject: the selector's "best" pod (oldest ready running one).
      api::LabelSelector sel;
      if (t.type->kind == store::Kind::Deployment) sel = c.store.deployments().get(ns, t.name)->spec.selector;
      else if (t.type->kind == store::Kind::ReplicaSet) sel = c.store.replicasets().get(ns, t.name)->spec.selector;
      else if (t.type->kind == store::Kind::Service) sel.match_labels = c.store.services().get(ns, t.name)->spec.selector;
      else return print_error(env, "cannot get the logs from " + t.type->kind_name + (t.type->group.empty() ? "" : "." + t.type->group));
      std::vector<const api::Pod*> cands;
      for (auto& [k, p] : c.store.pods().in_namespace(ns))
        if (!sel.empty() && sel.matches(p.metadata.labels) && !p.metadata.deletion_ms) cands.push_back(&p);
      if (cands.empty()) return print_error(env, "timed out waiting for the condition");
      auto score = [&](const api::Pod* p) {
        int s = 0;
        if (!p->spec.node_name.empty()) s += 4;
        if (p->status.phase == "Running") s += 2;
        for (auto& cs : p->status.container_statuses) if (!cs.ready) { s -= 1; break; }
        return s;
      };
      chosen = cands.front();
      for (auto* p : cands) {
        int a = score(p), b = score(chosen);
        if (a > b || (a == b && p->metadata.creation_ms < chosen->metadata.creation_ms)) chosen = p;
      }
      if (cands.size() > 1)
        env.out.err("Found " + std::to_string(cands.size()) + " pods, using pod/" + chosen->metadata.name + "\n");
    }
    pods.push_back(chosen);
  }

  const bool previous = flags.get_bool("previous");
  const bool with_prefix = flags.get_bool("prefix") || !selector.empty();
  std::vector<std::string> out_lines;
  std::vector<int64_t> out_times;
  for (auto* pod : pods) {
    std::vector<const api::Container*> containers;
    if (flags.get_bool("all-containers")) {
      for (auto& ct : pod->spec.containers) containers.push_back(&ct);
    } else if (!container.empty()) {
      for (auto& ct : pod->spec.containers) if (ct.name == container) containers.push_back(&ct);
      if (containers.empty())
        return print_raw_error(env, "Error from server (BadRequest): container " + container + " is not valid for pod " +
                                        pod->metadata.name);
    } else if (!pod->spec.containers.empty()) {
      containers.push_back(&pod->spec.containers.front());
      if (pod->spec.containers.size() > 1 && !flags.get_bool("quiet")) {
        std::vector<std::string> names;
        for (auto& ct : pod->spec.containers) names.push_back(ct.name);
        env.out.err("Defaulted container " + go_quote(names[0]) + " out of: " + join(names, ", ") + "\n");
      }
    }
    for (auto* ct : containers) {
      const api::ContainerStatus* cs = nullptr;
      for (auto& s : pod->status.container_statuses) if (s.name == ct->name) cs = &s;
      const std::string where = go_quote(ct->name) + " in pod " + go_quote(pod->metadata.name);
      if (pod->spec.node_name.empty()) continue;  // not scheduled yet: the API server streams nothing
      int64_t started = 0, until = 0;
      if (previous) {
        if (!cs || !cs->last_state.terminated)
          return print_raw_error(env, "Error from server (BadRequest): previous terminated container " + where + " not found");
        started = cs->last_state.terminated->started_ms;
        until = cs->last_state.terminated->finished_ms;
      } else if (cs && cs->state.running) {
        started = cs->state.running->started_ms;
      } else if (cs && cs->state.terminated) {
        started = cs->state.terminated->started_ms;
        until = cs->state.terminated->finished_ms;
      } else if (cs && cs->last_state.terminated) {
        started = cs->last_state.terminated->started_ms;
        until = cs->last_state.terminated->finished_ms;
      } else if (cs && cs->state.waiting) {
        std::string reason = cs->state.waiting->reason;
        std::string detail = reason == "ErrImagePull" ? "image can't be pulled"
                           : reason == "ImagePullBackOff" ? "trying and failing to pull image"
                           : reason;
        return print_raw_error(env, "Error from server (BadRequest): container " + where + " is waiting to start: " + detail);
      } else {
        return print_raw_error(env, "Error from server (BadRequest): container " + where +
                                        " is waiting to start: ContainerCreating");
      }
      for (auto& l : container_log(c, *pod, *ct, started, until)) {
        if (since_ms > 0 && l.at_ms < c.now() - since_ms) continue;
        std::string text = l.text;
        if (flags.get_bool("timestamps")) text = rfc3339_micro(l.at_ms).substr(0, 26) + "000Z " + text;
        if (with_prefix) text = "[pod/" + pod->metadata.name + "/" + ct->name + "] " + text;
        out_lines.push_back(text);
        out_times.push_back(l.at_ms);
      }
    }
  }
  int64_t tail = flags.get_int("tail", -1);
  if (tail < 0 && !selector.empty()) tail = 10;  // -l defaults to the last 10 lines per container
  size_t first = 0;
  if (tail >= 0 && static_cast<size_t>(tail) < out_lines.size()) first = out_lines.size() - static_cast<size_t>(tail);
  std::string text;
  for (size_t i = first; i < out_lines.size(); ++i) text += out_lines[i];
  int64_t limit = flags.get_int("limit-bytes");
  if (limit > 0 && static_cast<size_t>(limit) < text.size()) text.resize(static_cast<size_t>(limit));
  env.out.out(text);
  return 0;
}

}  // namespace kubesim::kubectl
