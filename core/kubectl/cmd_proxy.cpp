// kubesim — `kubectl proxy` (kubectl/pkg/cmd/proxy/proxy.go): marks the proxy as running on
// 127.0.0.1:8001 for the shell's curl. The real command serves until interrupted; in kubesim it
// prints its line and returns (typed with '&' or not), and the proxy keeps answering.
#include <string>
#include <vector>

#include "kubectl/commands.h"

namespace kubesim::kubectl {

int cmd_proxy(const std::vector<std::string>& args, Env& env) {
  const std::string path = "kubectl proxy";
  std::vector<FlagSpec> specs = {
      {"port", 'p', FlagSpec::Int, "8001"},
      {"address", 0, FlagSpec::String, "127.0.0.1"},
      {"accept-hosts", 0, FlagSpec::String, ""},
      {"accept-paths", 0, FlagSpec::String, ""},
      {"api-prefix", 0, FlagSpec::String, "/"},
      {"append-server-path", 0, FlagSpec::Bool, "false"},
      {"disable-filter", 0, FlagSpec::Bool, "false"},
      {"keepalive", 0, FlagSpec::String, "0s"},
      {"reject-methods", 0, FlagSpec::String, "^$"},
      {"reject-paths", 0, FlagSpec::String, ""},
      {"unix-socket", 'u', FlagSpec::String, ""},
      {"www", 'w', FlagSpec::String, ""},
      {"www-prefix", 'P', FlagSpec::String, "/static/"},
  };
  ParsedFlags flags;
  int status = 0;
  if (!parse_command_flags(args, specs, path, env, flags, status)) return status;
  if (!flags.positional.empty())
    return usage_error(env, path, "unknown command " + go_quote(join(flags.positional, " ")));
  const int64_t port = flags.get_int("port", 8001);
  const std::string address = flags.get("address", "127.0.0.1");
  if (!flags.get("unix-socket").empty()) {
    env.out.out("Starting to serve on " + flags.get("unix-socket") + "\n");
    return 0;
  }
  if (port < 0 || port > 65535)
    return print_error(env, "listen tcp: address " + std::to_string(port) + ": invalid port");
  if (env.proxy_running && *env.proxy_running && port == 8001)
    return print_error(env, "listen tcp " + address + ":8001: bind: address already in use");
  // Port 0 asks the kernel for a free port; kubesim answers with a fixed one.
  const int64_t shown = port == 0 ? 41235 : port;
  if (env.proxy_running && port == 8001) *env.proxy_running = true;
  env.out.out("Starting to serve on " + address + ":" + std::to_string(shown) + "\n");
  return 0;
}

}  // namespace kubesim::kubectl
