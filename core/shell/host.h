// kubesim — the two machines a learner types into: their own computer (kubectl, curl, minikube and
// a small home directory) and a container entered with `kubectl exec -ti POD -- bash` (the
// image's files, environment and curl). Both implement shell::Machine over the Cluster.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shell/shell.h"

namespace kubesim {
class Cluster;
namespace api { struct Pod; struct Container; }
namespace kubelet { struct ImageInfo; }
}  // namespace kubesim

namespace kubesim::shell {

using EnvList = std::vector<std::pair<std::string, std::string>>;

// [SECTION] the learner's computer
class HostMachine final : public Machine {
 public:
  HostMachine(Cluster& c, Session& s) : c_(c), s_(s) {}
  std::optional<int> run_program(Invocation& inv) override;
  std::string program_path(const std::string& name) const override;
  std::vector<std::string> program_names() const override;
  int64_t now_ms() const override;
  void sleep_ms(int64_t ms) override;
  const std::string* read_file(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;
  std::vector<std::string> list_dir(const std::string& path) const override;
  std::string write_file(const std::string& path, const std::string& content, bool append) override;
  std::string remove_file(const std::string& path) override;
  std::string hostname() const override { return "laptop"; }

 private:
  Cluster& c_;
  Session& s_;
};

// [SECTION] a container
class ContainerMachine final : public Machine {
 public:
  // `cs` holds the container's identity and its written files (an overlay on the image's).
  ContainerMachine(Cluster& c, Session& s, ContainerSession& cs);
  std::optional<int> run_program(Invocation& inv) override;
  std::string program_path(const std::string& name) const override;
  std::vector<std::string> program_names() const override;
  int64_t now_ms() const override;
  void sleep_ms(int64_t ms) override;
  const std::string* read_file(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;
  std::vector<std::string> list_dir(const std::string& path) const override;
  std::string write_file(const std::string& path, const std::string& content, bool append) override;
  std::string remove_file(const std::string& path) override;
  std::string hostname() const override { return cs_.pod; }
  bool in_container() const override { return true; }
  EnvOrder shell_env_order() const override;

 private:
  std::vector<std::string> base_dirs() const;
  Cluster& c_;
  Session& s_;
  ContainerSession& cs_;
  const kubelet::ImageInfo* image_ = nullptr;
  // Files the kubelet mounts into every container (/etc/hosts, /etc/hostname, /etc/resolv.conf).
  std::map<std::string, std::string> kubelet_files_;
};

// [SECTION] kubectl exec
// The environment the container runtime gives a process in the container: PATH, HOSTNAME,
// TERM (with a TTY), the container's env, the service-link variables of the services that existed
// when the container started, the image's ENV, HOME. (One fixed order: the kubelet builds the
// service variables from a Go map, so a real cluster shows them in a random order.)
EnvList container_exec_env(const Cluster& c, const api::Pod& pod, const api::Container& ct, bool tty);
// `kubectl exec POD -- CMD ARGS…` (no shell): runs the program directly; an unknown program gets
// the runtime's "executable file not found" error and 126.
int exec_in_container(Session& s, Cluster& c, const std::string& ns, const std::string& pod,
                      const std::string& container, const std::vector<std::string>& argv, Output& out);
// `kubectl exec -ti POD -- bash`: the terminal's shell becomes the container's.
void open_container_shell(Session& s, Cluster& c, const std::string& ns, const std::string& pod,
                          const std::string& container);
// False once the container the shell runs in is gone (pod deleted, container restarted).
bool container_alive(const Session& s, const Cluster& c);
// bash's prompt inside the container: "root@POD:/# " (or "/ # " for busybox/alpine sh).
std::string container_prompt(const ContainerSession& cs);

// [SECTION] minikube
int minikube_command(const std::vector<std::string>& argv, Cluster& c, Output& out);

}  // namespace kubesim::shell
