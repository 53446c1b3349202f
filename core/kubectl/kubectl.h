// kubesim — kubectl: the command tree. run() receives the words after "kubectl" and prints what
// the real kubectl prints (stdout and stderr in order, into env.out); its return value is the exit
// status.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "io.h"

namespace kubesim { class Cluster; }

namespace kubesim::kubectl {

struct Env {
  Cluster& cluster;
  Output& out;
  std::string namespace_ = "default";  // the kubeconfig context's namespace
  bool background = false;             // the command line ended in '&'
  // The shell's state that kubectl touches.
  bool* proxy_running = nullptr;       // `kubectl proxy` sets it (serves on 127.0.0.1:8001)
  // `kubectl exec POD -- CMD ARGS…`: run a command inside the container; returns its exit status.
  std::function<int(const std::string& ns, const std::string& pod, const std::string& container,
                    const std::vector<std::string>& argv, Output& out)> run_in_container;
  // `kubectl exec -ti POD -- bash|sh`: the shell switches to an interactive container shell.
  std::function<void(const std::string& ns, const std::string& pod, const std::string& container)> open_container_shell;
  // `kubectl run -i -t`: the terminal attaches to the container's main process (a shell).
  std::function<void(const std::string& ns, const std::string& pod, const std::string& container, bool remove_on_exit)>
      attach_container_shell;
};

int run(const std::vector<std::string>& args, Env& env);

// Sub-commands (each in its own file; all share flags.h and resources.h).
int cmd_get(const std::vector<std::string>& args, Env& env);       // get.cpp
int cmd_describe(const std::vector<std::string>& args, Env& env);  // describe.cpp

}  // namespace kubesim::kubectl
