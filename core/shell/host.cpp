// kubesim — the learner's computer and the containers they exec into, as shell machines.
#include "shell/host.h"

#include <algorithm>
#include <set>

#include "cluster.h"
#include "kubectl/kubectl.h"
#include "network/curl.h"
#include "shell/interp.h"

namespace kubesim::shell {

namespace {

bool under(const std::string& path, const std::string& dir) {
  return dir == "/" ? true : path == dir || path.rfind(dir + "/", 0) == 0;
}
std::string parent_of(const std::string& p) {
  size_t sl = p.rfind('/');
  return sl == 0 || sl == std::string::npos ? "/" : p.substr(0, sl);
}
// Adds the first path component below `dir` of `path` to `names`.
void child_name(const std::string& dir, const std::string& path, std::set<std::string>& names) {
  std::string pre = dir == "/" ? "/" : dir + "/";
  if (path.size() <= pre.size() || path.compare(0, pre.size(), pre) != 0) return;
  std::string rest = path.substr(pre.size());
  size_t sl = rest.find('/');
  std::string n = rest.substr(0, sl);
  if (!n.empty()) names.insert(n);
}

const std::vector<std::string>& host_dirs() {
  static const std::vector<std::string> d = {
      "/", "/bin", "/boot", "/dev", "/etc", "/home", "/home/learner", "/lib", "/lib64", "/media", "/mnt", "/opt",
      "/proc", "/root", "/run", "/sbin", "/snap", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/local",
      "/usr/local/bin", "/var"};
  return d;
}

}  // namespace

// [SECTION] HostMachine
std::optional<int> HostMachine::run_program(Invocation& inv) {
  const auto& a = inv.argv;
  const std::string& name = a[0];
  if (name == "kubectl" || (name == "minikube" && a.size() > 1 && a[1] == "kubectl")) {
    std::vector<std::string> args;
    size_t first = name == "kubectl" ? 1 : 2;
    if (name == "minikube" && a.size() > 2 && a[2] == "--") first = 3;
    args.assign(a.begin() + static_cast<long>(std::min(first, a.size())), a.end());
    const bool proxy_before = s_.proxy_running;
    kubectl::Env env{c_, inv.out, s_.kube_namespace, inv.background, &s_.proxy_running, {}, {}, {}};
    Session& s = s_;
    Cluster& c = c_;
    env.run_in_container = [&s, &c](const std::string& ns, const std::string& pod, const std::string& ct,
                                    const std::vector<std::string>& argv, Output& out) {
      return exec_in_container(s, c, ns, pod, ct, argv, out);
    };
    env.open_container_shell = [&s, &c](const std::string& ns, const std::string& pod, const std::string& ct) {
      open_container_shell(s, c, ns, pod, ct);
    };
    env.attach_container_shell = [&s, &c](const std::string& ns, const std::string& pod, const std::string& ct, bool rm) {
      open_container_shell(s, c, ns, pod, ct);
      if (s.container) {
        s.container->attached = true;
        s.container->remove_on_exit = rm;
      }
    };
    const bool had_container = s_.container.has_value();
    int st = kubectl::run(args, env);
    s_.kube_namespace = env.namespace_;  // `config set-context --current --namespace=…` persists
    if (!had_container && s_.container) inv.stop_line = true;  // the rest of the line belonged to this bash
    if (inv.background && !proxy_before && s_.proxy_running) inv.keeps_running = true;
    return st;
  }
  if (name == "curl") return network::curl_command(a, c_, inv.out, "", s_.proxy_running);
  if (name == "minikube") return minikube_command(a, c_, inv.out);
  return std::nullopt;
}

std::string HostMachine::program_path(const std::string& name) const {
  if (name == "kubectl") return "/usr/local/bin/kubectl";
  if (name == "minikube") return "/usr/local/bin/minikube";
  if (name == "curl") return "/usr/bin/curl";
  return "";
}

std::vector<std::string> HostMachine::program_names() const { return {"curl", "kubectl", "minikube"}; }
int64_t HostMachine::now_ms() const { return c_.now(); }
void HostMachine::sleep_ms(int64_t ms) { if (ms > 0) c_.advance(ms); }

const std::string* HostMachine::read_file(const std::string& path) const {
  auto it = s_.files.find(path);
  return it == s_.files.end() ? nullptr : &it->second;
}

bool HostMachine::is_dir(const std::string& path) const {
  for (auto& d : host_dirs()) if (d == path) return true;
  if (s_.files.count(path + "/")) return true;
  auto it = s_.files.lower_bound(path + "/");
  return it != s_.files.end() && it->first.rfind(path + "/", 0) == 0;
}

std::vector<std::string> HostMachine::list_dir(const std::string& path) const {
  std::set<std::string> names;
  for (auto& d : host_dirs()) child_name(path, d, names);
  for (auto& [k, v] : s_.files) child_name(path, k, names);
  return {names.begin(), names.end()};
}

std::string HostMachine::write_file(const std::string& path, const std::string& content, bool append) {
  if (!under(path, "/home/learner") && !under(path, "/tmp")) return "Permission denied";
  std::string p = path;
  bool dir = !p.empty() && p.back() == '/';
  if (dir) p.pop_back();
  if (!is_dir(parent_of(p))) return "No such file or directory";
  if (dir) { s_.files[path] = ""; return ""; }
  auto it = s_.files.find(p);
  if (it == s_.files.end() && s_.files.size() >= kMaxFiles) return "No space left on device";
  size_t size = (append && it != s_.files.end() ? it->second.size() : 0) + content.size();
  if (size > kMaxFileBytes) return "File too large";
  if (append && it != s_.files.end()) it->second += content;
  else s_.files[p] = content;
  return "";
}

std::string HostMachine::remove_file(const std::string& path) {
  if (!under(path, "/home/learner") && !under(path, "/tmp")) return "Permission denied";
  if (path == "/home/learner" || path == "/tmp") return "Permission denied";
  for (auto it = s_.files.begin(); it != s_.files.end();) {
    if (it->first == path || it->first.rfind(path + "/", 0) == 0) it = s_.files.erase(it);
    else ++it;
  }
  return "";
}

// [SECTION] ContainerMachine
namespace {
const api::Pod* find_pod(const Cluster& c, const std::string& ns, const std::string& name) {
  return c.store.pods().get(ns, name);
}
const api::Container* find_container(const api::Pod& p, const std::string& name) {
  for (auto& ct : p.spec.containers) if (ct.name == name) return &ct;
  return nullptr;
}
}  // namespace

ContainerMachine::ContainerMachine(Cluster& c, Session& s, ContainerSession& cs) : c_(c), s_(s), cs_(cs) {
  const api::Pod* p = find_pod(c, cs.namespace_, cs.pod);
  if (!p) return;
  if (const api::Container* ct = find_container(*p, cs.container)) image_ = c.registry.resolve(ct->image);
  // the kubelet's managed files (kubelet_pods.go managedHostsFileContent; ClusterFirst DNS)
  kubelet_files_["/etc/hostname"] = cs.pod + "\n";
  kubelet_files_["/etc/hosts"] =
      "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
      "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n" +
      p->status.pod_ip + "\t" + cs.pod + "\n";
  kubelet_files_["/etc/resolv.conf"] = "nameserver 10.96.0.10\nsearch " + cs.namespace_ +
                                       ".svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n";
}

std::optional<int> ContainerMachine::run_program(Invocation& inv) {
  const auto& a = inv.argv;
  const std::string& name = a[0];
  if (name == "curl" && image_ && !image_->curl_version.empty())
    return network::curl_command(a, c_, inv.out, cs_.namespace_ + "/" + cs_.pod, false);
  if (name == "node" && image_ && image_->app == kubelet::AppKind::Bootcamp) {
    std::string version;
    for (auto& [k, v] : image_->env) if (k == "NODE_VERSION") version = v;
    if (a.size() > 1 && (a[1] == "--version" || a[1] == "-v")) {
      inv.out.out("v" + version + "\n");
      return 0;
    }
    inv.out.err("kubesim: node " + std::string(a.size() > 1 ? "scripts" : "REPL") + " cannot run in kubesim's containers\n");
    return 1;
  }
  return std::nullopt;
}

std::string ContainerMachine::program_path(const std::string& name) const {
  if (name == "curl" && image_ && !image_->curl_version.empty()) return "/usr/bin/curl";
  if (name == "node" && image_ && image_->app == kubelet::AppKind::Bootcamp) return "/usr/local/bin/node";
  return "";
}

std::vector<std::string> ContainerMachine::program_names() const {
  std::vector<std::string> v;
  if (image_ && !image_->curl_version.empty()) v.push_back("curl");
  if (image_ && image_->app == kubelet::AppKind::Bootcamp) v.push_back("node");
  return v;
}

EnvOrder ContainerMachine::shell_env_order() const {
  if (image_ && image_->app == kubelet::AppKind::Bootcamp) return EnvOrder::Bash4;  // node:6 on Debian jessie
  return cs_.shell == "bash" ? EnvOrder::Bash5 : EnvOrder::Insertion;
}

int64_t ContainerMachine::now_ms() const { return c_.now(); }
void ContainerMachine::sleep_ms(int64_t ms) { if (ms > 0) c_.advance(ms); }

std::vector<std::string> ContainerMachine::base_dirs() const {
  // the top-level directories of the image's distribution (what `ls /` shows)
  static const std::vector<std::string> debian = {"/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/media", "/mnt",
                                                  "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var"};
  static const std::vector<std::string> alpine = {"/bin", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc",
                                                  "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var"};
  static const std::vector<std::string> busybox = {"/bin", "/dev", "/etc", "/home", "/lib", "/lib64", "/proc", "/root", "/sys",
                                                   "/tmp", "/usr", "/var"};
  std::vector<std::string> d = {"/"};
  const std::vector<std::string>* set = &debian;
  if (image_ && image_->app == kubelet::AppKind::Busybox) set = &busybox;
  else if (cs_.shell == "sh") set = &alpine;
  d.insert(d.end(), set->begin(), set->end());
  if (image_) {
    d.push_back(normalize_path(image_->workdir));
    for (auto& [path, content] : image_->files) {
      for (std::string p = parent_of(path); p != "/"; p = parent_of(p)) d.push_back(p);
    }
  }
  return d;
}

const std::string* ContainerMachine::read_file(const std::string& path) const {
  if (auto it = cs_.files.find(path); it != cs_.files.end()) return &it->second;
  if (cs_.removed.count(path)) return nullptr;
  if (auto it = kubelet_files_.find(path); it != kubelet_files_.end()) return &it->second;
  if (image_) {
    if (auto it = image_->files.find(path); it != image_->files.end()) return &it->second;
    // the bootcamp image famously carries a core dump at /core (every `ls /` shows it)
    static const std::string kEmpty;
    if (path == "/core" && image_->app == kubelet::AppKind::Bootcamp) return &kEmpty;
  }
  return nullptr;
}

bool ContainerMachine::is_dir(const std::string& path) const {
  if (cs_.removed.count(path)) return false;
  for (auto& d : base_dirs()) if (d == path) return true;
  if (cs_.files.count(path + "/")) return true;
  auto it = cs_.files.lower_bound(path + "/");
  return it != cs_.files.end() && it->first.rfind(path + "/", 0) == 0;
}

std::vector<std::string> ContainerMachine::list_dir(const std::string& path) const {
  std::set<std::string> names;
  for (auto& d : base_dirs()) child_name(path, d, names);
  for (auto& [k, v] : kubelet_files_) child_name(path, k, names);
  if (image_) {
    for (auto& [k, v] : image_->files) child_name(path, k, names);
    if (image_->app == kubelet::AppKind::Bootcamp) child_name(path, "/core", names);
  }
  for (auto& [k, v] : cs_.files) child_name(path, k, names);
  std::vector<std::string> out;
  std::string pre = path == "/" ? "/" : path + "/";
  for (auto& n : names) if (!cs_.removed.count(pre + n)) out.push_back(n);
  return out;
}

std::string ContainerMachine::write_file(const std::string& path, const std::string& content, bool append) {
  if (under(path, "/proc") || under(path, "/sys")) return "Read-only file system";
  std::string p = path;
  bool dir = !p.empty() && p.back() == '/';
  if (dir) p.pop_back();
  if (!is_dir(parent_of(p))) return "No such file or directory";
  cs_.removed.erase(p);
  if (dir) { cs_.files[path] = ""; return ""; }
  std::string base;
  if (append) if (const std::string* cur = read_file(p)) base = *cur;
  if (cs_.files.size() >= kMaxFiles && !cs_.files.count(p)) return "No space left on device";
  if (base.size() + content.size() > kMaxFileBytes) return "File too large";
  cs_.files[p] = base + content;
  return "";
}

std::string ContainerMachine::remove_file(const std::string& path) {
  if (path == "/" || under(path, "/proc") || under(path, "/sys")) return "Read-only file system";
  for (auto it = cs_.files.begin(); it != cs_.files.end();) {
    if (it->first == path || it->first.rfind(path + "/", 0) == 0) it = cs_.files.erase(it);
    else ++it;
  }
  cs_.removed.insert(path);
  return "";
}

// [SECTION] kubectl exec
EnvList container_exec_env(const Cluster& c, const api::Pod& pod, const api::Container& ct, bool tty) {
  const kubelet::ImageInfo* image = c.registry.resolve(ct.image);
  EnvList env;
  auto find = [&](const std::string& k) -> std::string* {
    for (auto& e : env) if (e.first == k) return &e.second;
    return nullptr;
  };
  auto add = [&](const std::string& k, const std::string& v) { if (!find(k)) env.emplace_back(k, v); };
  std::string path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  if (image) for (auto& [k, v] : image->env) if (k == "PATH") path = v;
  env.emplace_back("PATH", path);
  env.emplace_back("HOSTNAME", pod.metadata.name);
  if (tty) env.emplace_back("TERM", "xterm");
  for (auto& e : ct.env) {
    if (std::string* v = find(e.name)) *v = e.value;
    else env.emplace_back(e.name, e.value);
  }
  // service links (kubelet envvars.FromServices): services of the pod's namespace, plus the
  // master service `kubernetes`, that existed when this container started
  int64_t started = c.now();
  for (auto& cs : pod.status.container_statuses)
    if (cs.name == ct.name && cs.state.running) started = cs.state.running->started_ms;
  std::vector<const api::Service*> services;
  for (auto& [key, svc] : c.store.services().in_namespace(pod.metadata.namespace_)) services.push_back(&svc);
  if (pod.metadata.namespace_ != "default")
    if (const api::Service* k = c.store.services().get("default", "kubernetes")) services.push_back(k);
  std::sort(services.begin(), services.end(), [](const api::Service* a, const api::Service* b) {
    return a->metadata.name < b->metadata.name;
  });
  for (const api::Service* svc : services) {
    const auto& sp = svc->spec;
    if (sp.cluster_ip.empty() || sp.cluster_ip == "None" || sp.type == "ExternalName" || sp.ports.empty()) continue;
    if (svc->metadata.creation_ms > started) continue;
    std::string prefix;
    for (char ch : svc->metadata.name) prefix += ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const std::string& ip = sp.cluster_ip;
    auto lower = [](std::string s) { for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); return s; };
    for (auto& p : sp.ports) {
      std::string base = prefix + "_PORT_" + std::to_string(p.port) + "_" + p.protocol;
      add(base + "_PROTO", lower(p.protocol));
      add(base + "_PORT", std::to_string(p.port));
      add(base + "_ADDR", ip);
    }
    add(prefix + "_SERVICE_HOST", ip);
    add(prefix + "_SERVICE_PORT", std::to_string(sp.ports[0].port));
    for (auto& p : sp.ports) {
      if (p.name.empty()) continue;
      std::string pn;
      for (char ch : p.name) pn += ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      add(prefix + "_SERVICE_PORT_" + pn, std::to_string(p.port));
    }
    add(prefix + "_PORT", lower(sp.ports[0].protocol) + "://" + ip + ":" + std::to_string(sp.ports[0].port));
    for (auto& p : sp.ports)
      add(prefix + "_PORT_" + std::to_string(p.port) + "_" + p.protocol, lower(p.protocol) + "://" + ip + ":" + std::to_string(p.port));
  }
  if (image) for (auto& [k, v] : image->env) if (k != "PATH") add(k, v);
  add("HOME", "/root");
  return env;
}

namespace {
bool image_has_shell(const kubelet::ImageInfo* image, const std::string& base) {
  if (!image) return base == "bash" || base == "sh";
  if (image->shell.empty()) return false;
  return base == "sh" || base == image->shell;
}

// What a container's processes see: the identity, cwd and environment of a new process.
ContainerSession make_session(const Cluster& c, const api::Pod& pod, const api::Container& ct, bool tty) {
  ContainerSession cs;
  cs.namespace_ = pod.metadata.namespace_;
  cs.pod = pod.metadata.name;
  cs.container = ct.name;
  cs.pod_uid = pod.metadata.uid;
  for (auto& st : pod.status.container_statuses)
    if (st.name == ct.name && st.state.running) cs.started_ms = st.state.running->started_ms;
  const kubelet::ImageInfo* image = c.registry.resolve(ct.image);
  cs.shell = image && !image->shell.empty() ? image->shell : "bash";
  cs.sh.cwd = normalize_path(image ? image->workdir : "/");
  for (auto& [k, v] : container_exec_env(c, pod, ct, tty)) cs.sh.set(k, v, true);
  return cs;
}
}  // namespace

int exec_in_container(Session& s, Cluster& c, const std::string& ns, const std::string& pod_name,
                      const std::string& container, const std::vector<std::string>& argv, Output& out) {
  const api::Pod* pod = find_pod(c, ns, pod_name);
  const api::Container* ct = pod ? find_container(*pod, container) : nullptr;
  if (!pod || !ct || argv.empty()) return 1;
  ContainerSession cs = make_session(c, *pod, *ct, false);
  cs.sh.env_order = EnvOrder::Insertion;  // no shell between the runtime and the program
  ContainerMachine m(c, s, cs);
  const kubelet::ImageInfo* image = c.registry.resolve(ct->image);
  std::string base = argv[0].substr(argv[0].rfind('/') == std::string::npos ? 0 : argv[0].rfind('/') + 1);
  bool exists;
  if (base == "bash" || base == "sh") exists = image_has_shell(image, base);
  else exists = (find_builtin(base) && !utility_path(base).empty()) || !m.program_path(base).empty();
  if (!exists) {
    // cri-dockerd passes the runtime's words through; kubectl adds "command terminated …"
    out.out("OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + argv[0] +
            "\": executable file not found in $PATH: unknown\n");
    return 126;
  }
  std::vector<std::string> args = argv;
  args[0] = base;
  return run_argv(s, cs.sh, m, args, out);
}

void open_container_shell(Session& s, Cluster& c, const std::string& ns, const std::string& pod_name,
                          const std::string& container) {
  const api::Pod* pod = find_pod(c, ns, pod_name);
  const api::Container* ct = pod ? find_container(*pod, container) : nullptr;
  if (!pod || !ct) return;
  ContainerSession cs = make_session(c, *pod, *ct, true);
  const kubelet::ImageInfo* image = c.registry.resolve(ct->image);
  bool bootcamp = image && image->app == kubelet::AppKind::Bootcamp;
  if (cs.shell == "bash") {
    cs.sh.env_order = bootcamp ? EnvOrder::Bash4 : EnvOrder::Bash5;
    // what an interactive bash sets up itself
    cs.sh.set("PWD", cs.sh.cwd, true);
    if (!cs.sh.find("SHLVL")) cs.sh.set("SHLVL", "1", true);
    cs.sh.set("BASH", "/bin/bash");
    cs.sh.set("BASH_VERSION", bootcamp ? "4.3.30(1)-release" : "5.2.15(1)-release");
    cs.sh.set("IFS", " \t\n");
    cs.sh.set("PS1", "${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ ");
  } else {
    cs.sh.env_order = EnvOrder::Insertion;
    cs.sh.set("PWD", cs.sh.cwd, true);
    if (!cs.sh.find("SHLVL")) cs.sh.set("SHLVL", "1", true);
  }
  s.container = std::move(cs);
}

bool container_alive(const Session& s, const Cluster& c) {
  if (!s.container) return false;
  const ContainerSession& cs = *s.container;
  const api::Pod* pod = find_pod(c, cs.namespace_, cs.pod);
  if (!pod || pod->metadata.uid != cs.pod_uid) return false;
  for (auto& st : pod->status.container_statuses)
    if (st.name == cs.container) return st.state.running && st.state.running->started_ms == cs.started_ms;
  return false;
}

std::string container_prompt(const ContainerSession& cs) {
  if (cs.shell != "bash") return cs.sh.cwd + " # ";
  std::string home = cs.sh.get("HOME");
  std::string cwd = cs.sh.cwd;
  if (!home.empty() && home != "/") {
    if (cwd == home) cwd = "~";
    else if (cwd.rfind(home + "/", 0) == 0) cwd = "~" + cwd.substr(home.size());
  }
  std::string host = cs.pod.substr(0, cs.pod.find('.'));
  return "root@" + host + ":" + cwd + "# ";
}

}  // namespace kubesim::shell
