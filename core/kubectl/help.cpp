// kubesim — kubectl's help texts: `kubectl --help`, `kubectl CMD --help` and the help a command
// prints when it is given no sub-command. Each is kept whole, as kubectl prints it when stdout is
// not a terminal (no wrapping), so it matches byte for byte; help_texts.inc says where they come
// from.
#include <string>
#include <string_view>
#include <unordered_map>

#include "kubectl/commands.h"

namespace kubesim::kubectl {

namespace {

// The top-level help, verbatim.
const char* kRootHelp =
    "kubectl controls the Kubernetes cluster manager.\n\n"
    " Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n"
    "Basic Commands (Beginner):\n"
    "  create          Create a resource from a file or from stdin\n"
    "  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service\n"
    "  run             Run a particular image on the cluster\n"
    "  set             Set specific features on objects\n\n"
    "Basic Commands (Intermediate):\n"
    "  explain         Get documentation for a resource\n"
    "  get             Display one or many resources\n"
    "  edit            Edit a resource on the server\n"
    "  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector\n\n"
    "Deploy Commands:\n"
    "  rollout         Manage the rollout of a resource\n"
    "  scale           Set a new size for a deployment, replica set, or replication controller\n"
    "  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller\n\n"
    "Cluster Management Commands:\n"
    "  certificate     Modify certificate resources\n"
    "  cluster-info    Display cluster information\n"
    "  top             Display resource (CPU/memory) usage\n"
    "  cordon          Mark node as unschedulable\n"
    "  uncordon        Mark node as schedulable\n"
    "  drain           Drain node in preparation for maintenance\n"
    "  taint           Update the taints on one or more nodes\n\n"
    "Troubleshooting and Debugging Commands:\n"
    "  describe        Show details of a specific resource or group of resources\n"
    "  logs            Print the logs for a container in a pod\n"
    "  attach          Attach to a running container\n"
    "  exec            Execute a command in a container\n"
    "  port-forward    Forward one or more local ports to a pod\n"
    "  proxy           Run a proxy to the Kubernetes API server\n"
    "  cp              Copy files and directories to and from containers\n"
    "  auth            Inspect authorization\n"
    "  debug           Create debugging sessions for troubleshooting workloads and nodes\n"
    "  events          List events\n\n"
    "Advanced Commands:\n"
    "  diff            Diff the live version against a would-be applied version\n"
    "  apply           Apply a configuration to a resource by file name or stdin\n"
    "  patch           Update fields of a resource\n"
    "  replace         Replace a resource by file name or stdin\n"
    "  wait            Experimental: Wait for a specific condition on one or many resources\n"
    "  kustomize       Build a kustomization target from a directory or URL\n\n"
    "Settings Commands:\n"
    "  label           Update the labels on a resource\n"
    "  annotate        Update the annotations on a resource\n"
    "  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)\n\n"
    "Subcommands provided by plugins:\n\n"
    "Other Commands:\n"
    "  api-resources   Print the supported API resources on the server\n"
    "  api-versions    Print the supported API versions on the server, in the form of \"group/version\"\n"
    "  config          Modify kubeconfig files\n"
    "  plugin          Provides utilities for interacting with plugins\n"
    "  version         Print the client and server version information\n\n"
    "Usage:\n"
    "  kubectl [flags] [options]\n\n"
    "Use \"kubectl <command> --help\" for more information about a given command.\n"
    "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

const std::unordered_map<std::string_view, std::string_view>& texts() {
  static const std::unordered_map<std::string_view, std::string_view> kTexts = {
#include "kubectl/help_texts.inc"
  };
  return kTexts;
}

}  // namespace

std::string options_text() {
  // kubectl v1.34.5's `kubectl options` (HOME=/home/user; stdout not a terminal, so unwrapped).
  static const char* kOptions = R"khelp(The following options can be passed to any command:

    --as='':
	Username to impersonate for the operation. User could be a regular user or a service account in a namespace.

    --as-group=[]:
	Group to impersonate for the operation, this flag can be repeated to specify multiple groups.

    --as-uid='':
	UID to impersonate for the operation.

    --cache-dir='/home/user/.kube/cache':
	Default cache directory

    --certificate-authority='':
	Path to a cert file for the certificate authority

    --client-certificate='':
	Path to a client certificate file for TLS

    --client-key='':
	Path to a client key file for TLS

    --cluster='':
	The name of the kubeconfig cluster to use

    --context='':
	The name of the kubeconfig context to use

    --disable-compression=false:
	If true, opt-out of response compression for all requests to the server

    --insecure-skip-tls-verify=false:
	If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure

    --kubeconfig='':
	Path to the kubeconfig file to use for CLI requests.

    --kuberc='':
	Path to the kuberc file to use for preferences. This can be disabled by exporting KUBECTL_KUBERC=false feature gate or turning off the feature KUBERC=off.

    --log-flush-frequency=5s:
	Maximum number of seconds between log flushes

    --match-server-version=false:
	Require server version to match client version

    -n, --namespace='':
	If present, the namespace scope for this CLI request

    --password='':
	Password for basic authentication to the API server

    --profile='none':
	Name of profile to capture. One of (none|cpu|heap|goroutine|threadcreate|block|mutex)

    --profile-output='profile.pprof':
	Name of the file to write the profile to

    --request-timeout='0':
	The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.

    -s, --server='':
	The address and port of the Kubernetes API server

    --tls-server-name='':
	Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used

    --token='':
	Bearer token for authentication to the API server

    --user='':
	The name of the kubeconfig user to use

    --username='':
	Username for basic authentication to the API server

    -v, --v=0:
	number for the log level verbosity

    --vmodule=:
	comma-separated list of pattern=N settings for file-filtered logging (only works for the default text log format)

    --warnings-as-errors=false:
	Treat warnings received from the server as errors and exit with a non-zero exit code

)khelp";
  return kOptions;
}

std::string help_text(const std::string& command_path) {
  if (command_path == "kubectl") return kRootHelp;
  std::string path = command_path;
  // Aliases of sub-commands resolve to their command.
  if (path == "kubectl create deploy") path = "kubectl create deployment";
  if (path == "kubectl create ns") path = "kubectl create namespace";
  if (path == "kubectl config use") path = "kubectl config use-context";
  auto it = texts().find(path);
  return it == texts().end() ? std::string() : std::string(it->second);
}

}  // namespace kubesim::kubectl
