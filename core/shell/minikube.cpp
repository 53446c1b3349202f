// kubesim — `minikube` (v1.37.0, docker driver on a Linux host, profile "minikube"): ip, status,
// service, version. Texts from minikube's cmd/minikube/cmd/{ip,status,service,version}.go; see
// docs/formats.md §4. Commands that need real infrastructure say so plainly.
#include <algorithm>

#include "bootstrap.h"
#include "cluster.h"
#include "shell/host.h"

namespace kubesim::shell {

namespace {

std::string control_plane_ip(const Cluster& c) {
  std::string ip = network::Network::node_ip(c, bootstrap::node_name(0));
  return ip.empty() ? bootstrap::node_ip(0) : ip;
}

// minikube's machines: the nodes it created (a deleted Node object keeps its machine running).
std::vector<std::string> machines(const Cluster& c) {
  std::vector<std::string> names;
  int n = std::max(1, c.options.nodes);
  for (int i = 0; i < n; ++i) names.push_back(bootstrap::node_name(i));
  return names;
}

// minikube's old tablewriter layout (`minikube service list`, `minikube service NAME`).
std::string table(const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right) {
  std::vector<size_t> w(rows[0].size(), 0);
  for (auto& r : rows) for (size_t i = 0; i < r.size(); ++i) w[i] = std::max(w[i], r[i].size());
  std::string sep = "|";
  for (size_t wi : w) sep += std::string(wi + 2, '-') + "|";
  sep += "\n";
  std::string out = sep;
  for (size_t k = 0; k < rows.size(); ++k) {
    std::string line = "|";
    for (size_t i = 0; i < rows[k].size(); ++i) {
      const std::string& cell = rows[k][i];
      size_t pad = w[i] - cell.size();
      if (k == 0) {  // headers are centred
        size_t l = pad / 2, r = pad - l;
        line += " " + std::string(l, ' ') + cell + std::string(r, ' ') + " |";
      } else if (right[i]) {
        line += " " + std::string(pad, ' ') + cell + " |";
      } else {
        line += " " + cell + std::string(pad, ' ') + " |";
      }
    }
    out += line + "\n";
    if (k == 0) out += sep;
  }
  return out + sep;
}

struct Flags {
  std::vector<std::string> positional;
  std::string ns = "default";
  std::string node;
  std::string output;
  bool url = false, https = false, shortv = false, all = false;
  std::string error;
};

Flags parse(const std::vector<std::string>& a, size_t from) {
  Flags f;
  for (size_t i = from; i < a.size(); ++i) {
    const std::string& x = a[i];
    auto value = [&](const std::string& name, std::string& dst) {
      if (x == name) {
        if (i + 1 >= a.size()) { f.error = "flag needs an argument: " + name; return true; }
        dst = a[++i];
        return true;
      }
      if (x.rfind(name + "=", 0) == 0) { dst = x.substr(name.size() + 1); return true; }
      return false;
    };
    if (value("--namespace", f.ns) || value("-n", f.ns) || value("--node", f.node) || value("--output", f.output) ||
        value("-o", f.output) || value("-p", f.node) || value("--profile", f.node))
      continue;
    if (x == "--url") f.url = true;
    else if (x == "--https") f.https = true;
    else if (x == "--short") f.shortv = true;
    else if (x == "--all" || x == "-A") f.all = true;
    else if (x.rfind("--", 0) == 0 && x.find('=') != std::string::npos) {}
    else if (x.size() > 1 && x[0] == '-') { f.error = "unknown flag: " + x; }
    else f.positional.push_back(x);
  }
  return f;
}

}  // namespace

int minikube_command(const std::vector<std::string>& argv, Cluster& c, Output& out) {
  if (argv.size() < 2 || argv[1] == "--help" || argv[1] == "-h" || argv[1] == "help") {
    out.out(
        "minikube provisions and manages local Kubernetes clusters optimized for development workflows.\n"
        "\n"
        "Commands kubesim answers:\n"
        "  ip             Retrieves the IP address of the specified node\n"
        "  status         Gets the status of a local Kubernetes cluster\n"
        "  service        Returns a URL to connect to a service\n"
        "  version        Print the version of minikube\n"
        "  kubectl        Run a kubectl binary matching the cluster version\n"
        "\n"
        "Use \"minikube <command> --help\" for more information about a given command.\n");
    return 0;
  }
  const std::string& sub = argv[1];
  if (sub == "ip") {
    Flags f = parse(argv, 2);
    if (!f.error.empty()) { out.err("Error: " + f.error + "\n"); return 1; }
    if (!f.node.empty() && f.node != "minikube") {
      auto ms = machines(c);
      auto it = std::find(ms.begin(), ms.end(), f.node);
      if (it == ms.end()) {
        out.err("\n❌  Exiting due to GUEST_NODE_RETRIEVE: retrieving node: Could not find node " + f.node + "\n\n");
        return 80;
      }
      out.out(bootstrap::node_ip(static_cast<int>(it - ms.begin())) + "\n");
      return 0;
    }
    out.out(control_plane_ip(c) + "\n");
    return 0;
  }
  if (sub == "status") {
    std::string text;
    auto ms = machines(c);
    for (size_t i = 0; i < ms.size(); ++i) {
      if (i == 0)
        text += ms[i] + "\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n";
      else
        text += ms[i] + "\ntype: Worker\nhost: Running\nkubelet: Running\n\n";
    }
    out.out(text);
    return 0;
  }
  if (sub == "version") {
    Flags f = parse(argv, 2);
    if (f.output == "json") {
      out.out(std::string("{\"commit\":\"") + bootstrap::kMinikubeCommit + "\",\"minikubeVersion\":\"" +
              bootstrap::kMinikubeVersion + "\"}");
      return 0;
    }
    if (f.output == "yaml") {
      out.out(std::string("commit: ") + bootstrap::kMinikubeCommit + "\nminikubeVersion: " + bootstrap::kMinikubeVersion + "\n");
      return 0;
    }
    out.out(std::string("minikube version: ") + bootstrap::kMinikubeVersion + "\n");
    if (!f.shortv) out.out(std::string("commit: ") + bootstrap::kMinikubeCommit + "\n");
    return 0;
  }
  if (sub == "service") {
    Flags f = parse(argv, 2);
    if (!f.error.empty()) { out.err("Error: " + f.error + "\n"); return 1; }
    const std::string ip = control_plane_ip(c);
    const std::string scheme = f.https ? "https://" : "http://";
    if (!f.positional.empty() && f.positional[0] == "list") {
      std::vector<std::vector<std::string>> rows = {{"NAMESPACE", "NAME", "TARGET PORT", "URL"}};
      for (auto& [key, svc] : c.store.services()) {
        if (!f.all && f.ns != "default" && svc.metadata.namespace_ != f.ns) continue;
        std::string ports, urls;
        for (auto& p : svc.spec.ports) {
          if (!p.node_port) continue;
          if (!ports.empty()) { ports += " "; urls += " "; }
          ports += p.name.empty() ? std::to_string(p.port) : p.name + "/" + std::to_string(p.port);
          urls += scheme + ip + ":" + std::to_string(p.node_port);
        }
        if (ports.empty()) { ports = "No node port"; urls = ""; }
        rows.push_back({svc.metadata.namespace_, svc.metadata.name, ports, urls});
      }
      out.out(table(rows, {false, false, false, false}));
      return 0;
    }
    if (f.positional.size() != 1) {
      out.err("\n❌  Exiting due to MK_USAGE: You must specify a service name\n\n");
      return 14;
    }
    const std::string& name = f.positional[0];
    const api::Service* svc = c.store.services().get(f.ns, name);
    if (!svc) {
      out.err("\n❌  Exiting due to SVC_NOT_FOUND: Service '" + name + "' was not found in '" + f.ns +
              "' namespace.\nYou may select another namespace by using 'minikube service " + name +
              " -n <namespace>'. Or list out all the services using 'minikube service list'\n\n");
      return 85;
    }
    std::vector<std::string> urls;
    std::string ports;
    for (auto& p : svc->spec.ports) {
      if (!p.node_port) continue;
      urls.push_back(scheme + ip + ":" + std::to_string(p.node_port));
      if (!ports.empty()) ports += "\n";
      ports += p.target_port.to_string();
    }
    if (urls.empty()) {
      out.err("😿  service " + f.ns + "/" + name + " has no node port\n");
      return 0;
    }
    if (f.url) {
      for (auto& u : urls) out.out(u + "\n");
      return 0;
    }
    std::vector<std::vector<std::string>> rows = {{"NAMESPACE", "NAME", "TARGET PORT", "URL"}};
    for (size_t i = 0; i < urls.size(); ++i)
      rows.push_back({i == 0 ? f.ns : "", i == 0 ? name : "", svc->spec.ports[i].target_port.to_string(), urls[i]});
    out.out(table(rows, {false, false, true, false}));
    out.out("🎉  Opening service " + f.ns + "/" + name + " in default browser...\n");
    out.err("kubesim: there is no browser here; open " + urls[0] + " with curl\n");
    return 0;
  }
  if (sub == "dashboard") {
    out.err("kubesim: `minikube dashboard` needs a browser and the dashboard addon; the picture next to this terminal shows the cluster instead\n");
    return 1;
  }
  if (sub == "start") {
    out.err("kubesim: the cluster is already running (kubesim did `minikube start` for you)\n");
    return 0;
  }
  static const char* kUnsupported[] = {"stop", "delete", "pause", "unpause", "ssh", "tunnel", "mount", "addons",
                                       "docker-env", "podman-env", "image", "logs", "config", "profile", "node",
                                       "update-context", "cp", "cache", "update-check", "completion", "license", "options",
                                       "ssh-key", "ssh-host", "shell-env"};
  for (const char* u : kUnsupported) {
    if (sub == u) {
      out.err("kubesim: `minikube " + sub + "` is not supported in kubesim (the simulated cluster has no machine to manage)\n");
      return 1;
    }
  }
  out.err("Error: unknown command \"" + sub + "\" for \"minikube\"\nRun 'minikube --help' for usage.\n");
  return 1;
}

}  // namespace kubesim::shell
