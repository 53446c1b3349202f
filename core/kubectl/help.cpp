// kubesim — kubectl's help texts, laid out by the same template kubectl uses
// (kubectl/pkg/util/templates: MainHelpTemplate + MainUsageTemplate, HelpFlagPrinter):
//
//   <Long, first paragraph flush left, later paragraphs indented by one space>
//
//   Aliases: / Examples: (two-space indent) / Available Commands: / Options: / Usage: / tips
//
// Options are printed as kubectl prints them when stdout is not a terminal (no wrapping):
// "    -o, --output='':\n\t<usage>\n\n", strings quoted, sorted by name. Where upstream texts are
// long, the Long text is shortened; the structure is kept. The option lists show the flags
// kubesim accepts for the command.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "kubectl/commands.h"

namespace kubesim::kubectl {

namespace {

struct FlagDoc {
  std::string name;
  char shorthand = 0;
  bool is_string = false;
  std::string def;
  std::string usage;
};

struct SubDoc {
  std::string name, short_text;
};

struct HelpDoc {
  std::string long_text;   // paragraphs separated by blank lines, already as printed
  std::string aliases;     // "deployment, deploy"
  std::string examples;    // lines without the 2-space indent, blank lines for separation
  std::vector<SubDoc> subcommands;
  std::vector<FlagDoc> flags;
  std::string usage;       // the usage line without "[options]"
};

std::string render(const HelpDoc& d, const std::string& path) {
  std::string s = d.long_text + "\n\n";
  if (!d.aliases.empty()) s += "Aliases:\n" + d.aliases + "\n\n";
  if (!d.examples.empty()) {
    s += "Examples:\n";
    size_t pos = 0;
    std::string ex = d.examples;
    while (pos <= ex.size()) {
      size_t nl = ex.find('\n', pos);
      std::string line = ex.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      s += "  " + line + "\n";
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    s += "\n";
  }
  if (!d.subcommands.empty()) {
    s += "Available Commands:\n";
    size_t pad = 11;
    for (auto& sc : d.subcommands) pad = std::max(pad, sc.name.size());
    for (auto& sc : d.subcommands) s += "  " + sc.name + std::string(pad - sc.name.size(), ' ') + "   " + sc.short_text + "\n";
    s += "\n";
  }
  if (!d.flags.empty()) {
    std::vector<FlagDoc> flags = d.flags;
    std::sort(flags.begin(), flags.end(), [](const FlagDoc& a, const FlagDoc& b) { return a.name < b.name; });
    s += "Options:\n";
    std::string body;
    for (auto& f : flags) {
      std::string head = f.shorthand ? std::string("    -") + f.shorthand + ", --" : std::string("    --");
      head += f.name + "=" + (f.is_string ? "'" + f.def + "'" : f.def) + ":";
      body += head + "\n\t" + f.usage + "\n\n";
    }
    while (!body.empty() && (body.back() == '\n')) body.pop_back();
    s += body + "\n\n";
  }
  // kubectl's usageLine: " [options]" whenever the command has flags, and every command has
  // kubectl's global ones.
  s += "Usage:\n  " + d.usage + (d.usage.find("[options]") == std::string::npos ? " [options]" : "") + "\n\n";
  if (!d.subcommands.empty()) s += "Use \"" + path + " <command> --help\" for more information about a given command.\n";
  s += "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";
  return s;
}

// [SECTION] flags shared by many commands ---------------------------------------------------------------

FlagDoc f_str(const std::string& name, char sh, const std::string& def, const std::string& usage) {
  return {name, sh, true, def, usage};
}
FlagDoc f_val(const std::string& name, char sh, const std::string& def, const std::string& usage) {
  return {name, sh, false, def, usage};
}

const FlagDoc kOutput = f_str("output", 'o', "",
    "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, "
    "jsonpath-as-json, jsonpath-file).");
const FlagDoc kDryRun = f_str("dry-run", 0, "none",
    "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without "
    "sending it. If server strategy, submit server-side request without persisting the resource.");
const FlagDoc kSelector = f_str("selector", 'l', "",
    "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 "
    "in (value3)). Matching objects must satisfy all of the specified label constraints.");
FlagDoc k_filename(const std::string& what) {
  return f_val("filename", 'f', "[]", "Filename, directory, or URL to files " + what);
}
const FlagDoc kRecursive = f_val("recursive", 'R', "false",
    "Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests "
    "organized within the same directory.");
const FlagDoc kKustomize = f_str("kustomize", 'k', "",
    "Process the kustomization directory. This flag can't be used together with -f or -R.");


// [SECTION] the texts --------------------------------------------------------------------------------

const std::map<std::string, HelpDoc>& docs() {
  static const std::map<std::string, HelpDoc> kDocs = [] {
    std::map<std::string, HelpDoc> m;

    m["kubectl create"] = {
        "Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.",
        "",
        "# Create a pod using the data in pod.json\nkubectl create -f ./pod.json\n\n"
        "# Create a pod based on the JSON passed into stdin\ncat pod.json | kubectl create -f -\n\n"
        "# Edit the data in registry.yaml in JSON then create the resource using the edited data\n"
        "kubectl create -f registry.yaml --edit -o json",
        {{"clusterrole", "Create a cluster role"},
         {"clusterrolebinding", "Create a cluster role binding for a particular cluster role"},
         {"configmap", "Create a config map from a local file, directory or literal value"},
         {"cronjob", "Create a cron job with the specified name"},
         {"deployment", "Create a deployment with the specified name"},
         {"ingress", "Create an ingress with the specified name"},
         {"job", "Create a job with the specified name"},
         {"namespace", "Create a namespace with the specified name"},
         {"poddisruptionbudget", "Create a pod disruption budget with the specified name"},
         {"priorityclass", "Create a priority class with the specified name"},
         {"quota", "Create a quota with the specified name"},
         {"role", "Create a role with single rule"},
         {"rolebinding", "Create a role binding for a particular role or cluster role"},
         {"secret", "Create a secret using a specified subcommand"},
         {"service", "Create a service using a specified subcommand"},
         {"serviceaccount", "Create a service account with the specified name"},
         {"token", "Request a service account token"}},
        {kDryRun, f_val("edit", 0, "false", "Edit the API resource before creating"),
         k_filename("to use to create the resource"), kKustomize, kOutput, kRecursive,
         f_val("save-config", 0, "false",
               "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation "
               "will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the "
               "future."),
         kSelector},
        "kubectl create -f FILENAME"};

    m["kubectl create deployment"] = {
        "Create a deployment with the specified name.",
        "deployment, deploy",
        "# Create a deployment named my-dep that runs the busybox image\nkubectl create deployment my-dep --image=busybox\n\n"
        "# Create a deployment with a command\nkubectl create deployment my-dep --image=busybox -- date\n\n"
        "# Create a deployment named my-dep that runs the nginx image with 3 replicas\n"
        "kubectl create deployment my-dep --image=nginx --replicas=3\n\n"
        "# Create a deployment named my-dep that runs the busybox image and expose port 5701\n"
        "kubectl create deployment my-dep --image=busybox --port=5701\n\n"
        "# Create a deployment named my-dep that runs multiple containers\n"
        "kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx",
        {},
        {kDryRun, f_str("field-manager", 0, "kubectl-create", "Name of the manager used to track field ownership."),
         f_val("image", 0, "[]", "Image names to run. A deployment can have multiple images set for multi-container pod."),
         kOutput, f_val("port", 0, "-1", "The containerPort that this container exposes."),
         f_val("replicas", 'r', "1", "Number of replicas to create. Default is 1.")},
        "kubectl create deployment NAME --image=image -- [COMMAND] [args...]"};

    m["kubectl create namespace"] = {
        "Create a namespace with the specified name.",
        "namespace, ns",
        "# Create a new namespace named my-namespace\nkubectl create namespace my-namespace",
        {},
        {kDryRun, f_str("field-manager", 0, "kubectl-create", "Name of the manager used to track field ownership."), kOutput},
        "kubectl create namespace NAME [--dry-run=server|client|none]"};

    m["kubectl expose"] = {
        "Expose a resource as a new Kubernetes service.\n\n"
        " Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for "
        "that resource as the selector for a new service on the specified port. A deployment or replica set will be "
        "exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the "
        "selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed "
        "resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new "
        "service will re-use the labels from the resource it exposes.\n\n"
        " Possible resources include (case insensitive):\n\n"
        " pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)",
        "",
        "# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000\n"
        "kubectl expose rc nginx --port=80 --target-port=8000\n\n"
        "# Create a service for a pod valid-pod, which serves on port 444 with the name \"frontend\"\n"
        "kubectl expose pod valid-pod --port=444 --name=frontend\n\n"
        "# Create a second service based on the above service, exposing the container port 8443 as port 443 with the name \"nginx-https\"\n"
        "kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https\n\n"
        "# Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000\n"
        "kubectl expose rs nginx --port=80 --target-port=8000\n\n"
        "# Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000\n"
        "kubectl expose deployment nginx --port=80 --target-port=8000",
        {},
        {f_str("cluster-ip", 0, "", "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service."),
         kDryRun,
         f_str("external-ip", 0, "", "Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP."),
         f_str("labels", 'l', "", "Labels to apply to the service created by this call."),
         f_str("name", 0, "", "The name for the newly created object."), kOutput,
         f_str("port", 0, "", "The port that the service should serve on. Copied from the resource being exposed, if unspecified"),
         f_str("protocol", 0, "", "The network protocol for the service to be created. Default is 'TCP'."),
         f_str("selector", 0, "", "A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)"),
         f_str("session-affinity", 0, "", "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'"),
         f_str("target-port", 0, "", "Name or number for the port on the container that the service should direct traffic to. Optional."),
         f_str("type", 0, "", "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.")},
        "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] "
        "[--name=name] [--external-ip=external-ip-of-service] [--type=type]"};

    m["kubectl scale"] = {
        "Set a new size for a deployment, replica set, replication controller, or stateful set.\n\n"
        " Scale also allows users to specify one or more preconditions for the scale action.\n\n"
        " If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and "
        "it is guaranteed that the precondition holds true when the scale is sent to the server.",
        "",
        "# Scale a replica set named 'foo' to 3\nkubectl scale --replicas=3 rs/foo\n\n"
        "# Scale a resource identified by type and name specified in \"foo.yaml\" to 3\nkubectl scale --replicas=3 -f foo.yaml\n\n"
        "# If the deployment named mysql's current size is 2, scale mysql to 3\n"
        "kubectl scale --current-replicas=2 --replicas=3 deployment/mysql\n\n"
        "# Scale multiple replication controllers\nkubectl scale --replicas=5 rc/example1 rc/example2 rc/example3\n\n"
        "# Scale stateful set named 'web' to 3\nkubectl scale --replicas=3 statefulset/web",
        {},
        {f_val("all", 0, "false", "Select all resources in the namespace of the specified resource types"),
         f_val("current-replicas", 0, "-1", "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition."),
         kDryRun, k_filename("identifying the resource to set a new size"), kOutput,
         f_val("replicas", 0, "0", "The new desired number of replicas. Required."),
         f_str("resource-version", 0, "", "Precondition for resource version. Requires that the current resource version match this value in order to scale."),
         kSelector,
         f_val("timeout", 0, "0s", "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).")},
        "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)"};

    m["kubectl set"] = {
        "Configure application resources.\n\n These commands help you make changes to existing application resources.",
        "", "",
        {{"env", "Update environment variables on a pod template"},
         {"image", "Update the image of a pod template"},
         {"resources", "Update resource requests/limits on objects with pod templates"},
         {"selector", "Set the selector on a resource"},
         {"serviceaccount", "Update the service account of a resource"},
         {"subject", "Update the user, group, or service account in a role binding or cluster role binding"}},
        {},
        "kubectl set SUBCOMMAND"};

    m["kubectl set image"] = {
        "Update existing container image(s) of resources.\n\n Possible resources include (case insensitive):\n\n"
        "        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)",
        "",
        "# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'\n"
        "kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1\n\n"
        "# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'\n"
        "kubectl set image deployments,rc nginx=nginx:1.9.1 --all\n\n"
        "# Update image of all containers of daemonset abc to 'nginx:1.9.1'\nkubectl set image daemonset abc *=nginx:1.9.1\n\n"
        "# Print result (in yaml format) of updating nginx container image from local file, without hitting the server\n"
        "kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml",
        {},
        {f_val("all", 0, "false", "Select all resources, in the namespace of the specified resource types"), kDryRun,
         k_filename("identifying the resource to get from a server."),
         f_val("local", 0, "false", "If true, set image will NOT contact api-server but run locally."), kOutput, kSelector},
        "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N"};

    m["kubectl rollout"] = {
        "Manage the rollout of one or many resources.\n\n Valid resource types include:\n\n"
        "  *  deployments\n  *  daemonsets\n  *  statefulsets",
        "",
        "# Rollback to the previous deployment\nkubectl rollout undo deployment/abc\n\n"
        "# Check the rollout status of a daemonset\nkubectl rollout status daemonset/foo\n\n"
        "# Restart a deployment\nkubectl rollout restart deployment/abc\n\n"
        "# Restart deployments with the 'app=nginx' label\nkubectl rollout restart deployment --selector=app=nginx",
        {{"history", "View rollout history"},
         {"pause", "Mark the provided resource as paused"},
         {"restart", "Restart a resource"},
         {"resume", "Resume a paused resource"},
         {"status", "Show the status of the rollout"},
         {"undo", "Undo a previous rollout"}},
        {},
        "kubectl rollout SUBCOMMAND"};

    m["kubectl rollout status"] = {
        "Show the status of the rollout.\n\n"
        " By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to "
        "wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, "
        "then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and "
        "abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.",
        "",
        "# Watch the rollout status of a deployment\nkubectl rollout status deployment/nginx",
        {},
        {k_filename("identifying the resource to get from a server."), kKustomize, kRecursive,
         f_val("revision", 0, "0", "Pin to a specific revision for showing its status. Defaults to 0 (last revision)."),
         kSelector,
         f_val("timeout", 0, "0s", "The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h)."),
         f_val("watch", 'w', "true", "Watch the status of the rollout until it's done.")},
        "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags]"};

    m["kubectl rollout history"] = {
        "View previous rollout revisions and configurations.",
        "",
        "# View the rollout history of a deployment\nkubectl rollout history deployment/abc\n\n"
        "# View the details of daemonset revision 3\nkubectl rollout history daemonset/abc --revision=3",
        {},
        {k_filename("identifying the resource to get from a server."), kKustomize, kOutput, kRecursive,
         f_val("revision", 0, "0", "See the details, including podTemplate of the revision specified"), kSelector},
        "kubectl rollout history (TYPE NAME | TYPE/NAME) [flags]"};

    m["kubectl rollout undo"] = {
        "Roll back to a previous rollout.",
        "",
        "# Roll back to the previous deployment\nkubectl rollout undo deployment/abc\n\n"
        "# Roll back to daemonset revision 3\nkubectl rollout undo daemonset/abc --to-revision=3\n\n"
        "# Roll back to the previous deployment with dry-run\nkubectl rollout undo --dry-run=server deployment/abc",
        {},
        {kDryRun, k_filename("identifying the resource to get from a server."), kKustomize, kOutput, kRecursive, kSelector,
         f_val("to-revision", 0, "0", "The revision to rollback to. Default to 0 (last revision).")},
        "kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags]"};

    m["kubectl rollout pause"] = {
        "Mark the provided resource as paused.\n\n"
        " Paused resources will not be reconciled by a controller. Use \"kubectl rollout resume\" to resume a paused "
        "resource. Currently only deployments support being paused.",
        "",
        "# Mark the nginx deployment as paused\n# Any current state of the deployment will continue its function; new updates\n"
        "# to the deployment will not have an effect as long as the deployment is paused\nkubectl rollout pause deployment/nginx",
        {},
        {f_str("field-manager", 0, "kubectl-rollout", "Name of the manager used to track field ownership."),
         k_filename("identifying the resource to get from a server."), kKustomize, kOutput, kRecursive, kSelector},
        "kubectl rollout pause RESOURCE"};

    m["kubectl rollout resume"] = {
        "Resume a paused resource.\n\n"
        " Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled "
        "again. Currently only deployments support being resumed.",
        "",
        "# Resume an already paused deployment\nkubectl rollout resume deployment/nginx",
        {},
        {f_str("field-manager", 0, "kubectl-rollout", "Name of the manager used to track field ownership."),
         k_filename("identifying the resource to get from a server."), kKustomize, kOutput, kRecursive, kSelector},
        "kubectl rollout resume RESOURCE"};

    m["kubectl rollout restart"] = {
        "Restart a resource.\n\n     Resource rollout will be restarted.",
        "",
        "# Restart all deployments in the test-namespace namespace\nkubectl rollout restart deployment -n test-namespace\n\n"
        "# Restart a deployment\nkubectl rollout restart deployment/nginx\n\n"
        "# Restart a daemon set\nkubectl rollout restart daemonset/abc\n\n"
        "# Restart deployments with the app=nginx label\nkubectl rollout restart deployment --selector=app=nginx",
        {},
        {f_str("field-manager", 0, "kubectl-rollout", "Name of the manager used to track field ownership."),
         k_filename("identifying the resource to get from a server."), kKustomize, kOutput, kRecursive, kSelector},
        "kubectl rollout restart RESOURCE"};

    m["kubectl delete"] = {
        "Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\n"
        " JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and "
        "names, or resources and label selector.\n\n"
        " Some resources, such as pods, support graceful deletion. These resources define a default period before they "
        "are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or "
        "pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, "
        "deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, "
        "termination may take significantly longer than the grace period. To force delete a resource, you must specify "
        "the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the "
        "--grace-period flag is ignored.\n\n"
        " IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, "
        "which can leave those processes running until the node detects the deletion and completes graceful deletion.\n\n"
        " Note that the delete command does NOT do resource version checks, so if someone submits an update to a "
        "resource right when you submit a delete, their update will be lost along with the rest of the resource.",
        "",
        "# Delete a pod using the type and name specified in pod.json\nkubectl delete -f ./pod.json\n\n"
        "# Delete pods and services with same names \"baz\" and \"foo\"\nkubectl delete pod,service baz foo\n\n"
        "# Delete pods and services with label name=myLabel\nkubectl delete pods,services -l name=myLabel\n\n"
        "# Delete a pod with minimal delay\nkubectl delete pod foo --now\n\n"
        "# Force delete a pod on a dead node\nkubectl delete pod foo --force\n\n"
        "# Delete all pods\nkubectl delete pods --all\n\n"
        "# Delete all pods, only if the user confirms the deletion\nkubectl delete pods --all --interactive",
        {},
        {f_val("all", 0, "false", "Delete all resources, in the namespace of the specified resource types."),
         f_val("all-namespaces", 'A', "false", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
         f_str("cascade", 0, "background", "Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background."),
         kDryRun, k_filename("containing the resource to delete."),
         f_val("force", 0, "false", "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation."),
         f_val("grace-period", 0, "-1", "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)."),
         f_val("ignore-not-found", 0, "false", "Treat \"resource not found\" as a successful delete. Defaults to \"true\" when --all is specified."),
         f_val("now", 0, "false", "If true, resources are signaled for immediate shutdown (same as --grace-period=1)."),
         f_str("output", 'o', "", "Output mode. Use \"-o name\" for shorter output (resource/name)."), kSelector,
         f_val("timeout", 0, "0s", "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object"),
         f_val("wait", 0, "true", "If true, wait for resources to be gone before returning. This waits for finalizers.")},
        "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])"};

    m["kubectl label"] = {
        "Update the labels on a resource.\n\n"
        "  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n"
        "  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.\n"
        "  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.\n"
        "  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.",
        "",
        "# Update pod 'foo' with the label 'unhealthy' and the value 'true'\nkubectl label pods foo unhealthy=true\n\n"
        "# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value\n"
        "kubectl label --overwrite pods foo status=unhealthy\n\n"
        "# Update all pods in the namespace\nkubectl label pods --all status=unhealthy\n\n"
        "# Update a pod identified by the type and name in \"pod.json\"\nkubectl label -f pod.json status=unhealthy\n\n"
        "# Update pod 'foo' only if the resource is unchanged from version 1\nkubectl label pods foo status=unhealthy --resource-version=1\n\n"
        "# Update pod 'foo' by removing a label named 'bar' if it exists\n# Does not require the --overwrite flag\nkubectl label pods foo bar-",
        {},
        {f_val("all", 0, "false", "Select all resources, in the namespace of the specified resource types"),
         f_val("all-namespaces", 'A', "false", "If true, check the specified action in all namespaces."), kDryRun,
         k_filename("identifying the resource to update the labels"),
         f_val("list", 0, "false", "If true, display the labels for a given resource."), kOutput,
         f_val("overwrite", 0, "false", "If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels."),
         f_str("resource-version", 0, "", "If non-empty, the labels update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource."),
         kSelector},
        "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]"};

    m["kubectl annotate"] = {
        "Update the annotations on one or more resources.\n\n"
        " All Kubernetes objects support the ability to store additional data with the object as annotations. "
        "Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as "
        "structured JSON. Tools and system extensions may use annotations to store their own data.\n\n"
        " Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version "
        "is specified and does not match the current resource version on the server the command will fail.\n\n"
        "Use \"kubectl api-resources\" for a complete list of supported resources.",
        "",
        "# Update pod 'foo' with the annotation 'description' and the value 'my frontend'\n"
        "# If the same annotation is set multiple times, only the last value will be applied\n"
        "kubectl annotate pods foo description='my frontend'\n\n"
        "# Update all pods in the namespace\nkubectl annotate pods --all description='my frontend running nginx'\n\n"
        "# Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value\n"
        "kubectl annotate --overwrite pods foo description='my frontend running nginx'\n\n"
        "# Update pod 'foo' by removing an annotation named 'description' if it exists\n"
        "# Does not require the --overwrite flag\nkubectl annotate pods foo description-",
        {},
        {f_val("all", 0, "false", "Select all resources, in the namespace of the specified resource types."),
         f_val("all-namespaces", 'A', "false", "If true, check the specified action in all namespaces."), kDryRun,
         k_filename("identifying the resource to update the annotation"),
         f_val("list", 0, "false", "If true, display the annotations for a given resource."), kOutput,
         f_val("overwrite", 0, "false", "If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations."),
         f_str("resource-version", 0, "", "If non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource."),
         kSelector},
        "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]"};

    m["kubectl logs"] = {
        "Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.",
        "",
        "# Return snapshot logs from pod nginx with only one container\nkubectl logs nginx\n\n"
        "# Return snapshot logs from pod nginx, prefixing each line with the source pod and container name\nkubectl logs nginx --prefix\n\n"
        "# Return snapshot logs from pod nginx with multi containers\nkubectl logs nginx --all-containers=true\n\n"
        "# Return snapshot logs from all containers in pods defined by label app=nginx\nkubectl logs -l app=nginx --all-containers=true\n\n"
        "# Return snapshot of previous terminated ruby container logs from pod web-1\nkubectl logs -p -c ruby web-1\n\n"
        "# Begin streaming the logs of the ruby container in pod web-1\nkubectl logs -f -c ruby web-1\n\n"
        "# Display only the most recent 20 lines of output in pod nginx\nkubectl logs --tail=20 nginx\n\n"
        "# Show all logs from pod nginx written in the last hour\nkubectl logs --since=1h nginx\n\n"
        "# Return snapshot logs from first container of a job named hello\nkubectl logs job/hello\n\n"
        "# Return snapshot logs from container nginx-1 of a deployment named nginx\nkubectl logs deployment/nginx -c nginx-1",
        {},
        {f_val("all-containers", 0, "false", "Get all containers' logs in the pod(s)."),
         f_str("container", 'c', "", "Print the logs of this container"),
         f_val("follow", 'f', "false", "Specify if the logs should be streamed."),
         f_val("limit-bytes", 0, "0", "Maximum bytes of logs to return. Defaults to no limit."),
         f_val("prefix", 0, "false", "Prefix each log line with the log source (pod name and container name)"),
         f_val("previous", 'p', "false", "If true, print the logs for the previous instance of the container in a pod if it exists."),
         kSelector,
         f_val("since", 0, "0s", "Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used."),
         f_val("tail", 0, "-1", "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided."),
         f_val("timestamps", 0, "false", "Include timestamps on each line in the log output")},
        "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]"};

    m["kubectl exec"] = {
        "Execute a command in a container.",
        "",
        "# Get output from running the 'date' command from pod mypod, using the first container by default\nkubectl exec mypod -- date\n\n"
        "# Get output from running the 'date' command in ruby-container from pod mypod\nkubectl exec mypod -c ruby-container -- date\n\n"
        "# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n"
        "# and sends stdout/stderr from 'bash' back to the client\nkubectl exec mypod -c ruby-container -i -t -- bash -il\n\n"
        "# List contents of /usr from the first container of pod mypod and sort by modification time\n"
        "# If the command you want to execute in the pod has any flags in common (e.g. -i),\n"
        "# you must use two dashes (--) to separate your command's flags/arguments\n"
        "# Also note, do not surround your command and its flags/arguments with quotes\n"
        "# unless that is how you would execute it normally (i.e., do ls -t /usr, not \"ls -t /usr\")\n"
        "kubectl exec mypod -i -t -- ls -t /usr\n\n"
        "# Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default\n"
        "kubectl exec deploy/mydeployment -- date\n\n"
        "# Get output from running 'date' command from the first pod of the service myservice, using the first container by default\n"
        "kubectl exec svc/myservice -- date",
        {},
        {f_str("container", 'c', "", "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen"),
         k_filename("to use to exec into the resource"),
         f_val("pod-running-timeout", 0, "1m0s", "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
         f_val("quiet", 'q', "false", "Only print output from the remote session"),
         f_val("stdin", 'i', "false", "Pass stdin to the container"),
         f_val("tty", 't', "false", "Stdin is a TTY")},
        "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]"};

    m["kubectl proxy"] = {
        "Creates a proxy server or application-level gateway between localhost and the Kubernetes API server. It also "
        "allows serving static content over specified HTTP path. All incoming data enters through one port and gets "
        "forwarded to the remote Kubernetes API server port, except for the path matching the static content path.",
        "",
        "# To proxy all of the Kubernetes API and nothing else\nkubectl proxy --api-prefix=/\n\n"
        "# To proxy only part of the Kubernetes API and also some static files\n"
        "# You can get pods info with 'curl localhost:8001/api/v1/pods'\nkubectl proxy --www=/my/files --www-prefix=/static/ --api-prefix=/api/\n\n"
        "# To proxy the entire Kubernetes API at a different root\n"
        "# You can get pods info with 'curl localhost:8001/custom/api/v1/pods'\nkubectl proxy --api-prefix=/custom/\n\n"
        "# Run a proxy to the Kubernetes API server on port 8011, serving static content from ./local/www/\n"
        "kubectl proxy --port=8011 --www=./local/www/\n\n"
        "# Run a proxy to the Kubernetes API server on an arbitrary local port\n"
        "# The chosen port for the server will be output to stdout\nkubectl proxy --port=0\n\n"
        "# Run a proxy to the Kubernetes API server, changing the API prefix to k8s-api\n"
        "# This makes e.g. the pods API available at localhost:8001/k8s-api/v1/pods/\nkubectl proxy --api-prefix=/k8s-api",
        {},
        {f_str("address", 0, "127.0.0.1", "The IP address on which to serve on."),
         f_str("api-prefix", 0, "/", "Prefix to serve the proxied API under."),
         f_val("port", 'p', "8001", "The port on which to run the proxy. Set to 0 to pick a random port."),
         f_str("www", 'w', "", "Also serve static files from the given directory under the specified prefix."),
         f_str("www-prefix", 'P', "/static/", "Prefix to serve static files under, if static file directory is specified.")},
        "kubectl proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix]"};

    m["kubectl wait"] = {
        "Experimental: Wait for a specific condition on one or many resources.\n\n"
        " The command takes multiple resources and waits until the specified condition is seen in the Status field of "
        "every given resource.\n\n"
        " Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "
        "\"create\" or \"delete\" keyword as the value to the --for flag.\n\n"
        " A successful message will be printed to stdout indicating when the specified condition has been met. You can "
        "use -o option to change to output destination.",
        "",
        "# Wait for the pod \"busybox1\" to contain the status condition of type \"Ready\"\nkubectl wait --for=condition=Ready pod/busybox1\n\n"
        "# The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)\n"
        "kubectl wait --for=condition=Ready=false pod/busybox1\n\n"
        "# Wait for the pod \"busybox1\" to be deleted, with a timeout of 60s, after having issued the \"delete\" command\n"
        "kubectl delete pod/busybox1\nkubectl wait --for=delete pod/busybox1 --timeout=60s",
        {},
        {f_val("all", 0, "false", "Select all resources in the namespace of the specified resource types"),
         f_val("all-namespaces", 'A', "false", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
         f_str("for", 0, "", "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity."),
         kOutput, kSelector,
         f_val("timeout", 0, "30s", "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week.")},
        "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) "
        "[--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]"};

    m["kubectl api-resources"] = {
        "Print the supported API resources on the server.",
        "",
        "# Print the supported API resources\nkubectl api-resources\n\n"
        "# Print the supported API resources with more information\nkubectl api-resources -o wide\n\n"
        "# Print the supported API resources sorted by a column\nkubectl api-resources --sort-by=name\n\n"
        "# Print the supported namespaced resources\nkubectl api-resources --namespaced=true\n\n"
        "# Print the supported non-namespaced resources\nkubectl api-resources --namespaced=false\n\n"
        "# Print the supported API resources with a specific APIGroup\nkubectl api-resources --api-group=rbac.authorization.k8s.io",
        {},
        {f_str("api-group", 0, "", "Limit to resources in the specified API group."),
         f_val("cached", 0, "false", "Use the cached list of resources if available."),
         f_val("categories", 0, "[]", "Limit to resources that belong to the specified categories."),
         f_val("namespaced", 0, "true", "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default."),
         f_val("no-headers", 0, "false", "When using the default or custom-column output format, don't print headers (default print headers)."),
         f_str("output", 'o', "", "Output format. One of: (json, yaml, name, wide)."),
         f_val("show-managed-fields", 0, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
         f_str("sort-by", 0, "", "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'."),
         f_val("verbs", 0, "[]", "Limit to resources that support the specified verbs.")},
        "kubectl api-resources [flags]"};

    m["kubectl api-versions"] = {
        "Print the supported API versions on the server, in the form of \"group/version\".",
        "",
        "# Print the supported API versions\nkubectl api-versions",
        {},
        {},
        "kubectl api-versions"};

    m["kubectl version"] = {
        "Print the client and server version information for the current context.",
        "",
        "# Print the client and server versions for the current context\nkubectl version",
        {},
        {f_val("client", 0, "false", "If true, shows client version only (no server required)."),
         f_str("output", 'o', "", "One of 'yaml' or 'json'.")},
        "kubectl version [flags]"};

    m["kubectl cluster-info"] = {
        "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further "
        "debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
        "",
        "# Print the address of the control plane and cluster services\nkubectl cluster-info",
        {{"dump", "Dump relevant information for debugging and diagnosis"}},
        {},
        "kubectl cluster-info [flags]"};

    m["kubectl config"] = {
        "Modify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".\n\n"
        " The loading order follows these rules:\n\n"
        "  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.\n"
        "  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.\n"
        "  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.",
        "", "",
        {{"current-context", "Display the current-context"},
         {"delete-cluster", "Delete the specified cluster from the kubeconfig"},
         {"delete-context", "Delete the specified context from the kubeconfig"},
         {"delete-user", "Delete the specified user from the kubeconfig"},
         {"get-clusters", "Display clusters defined in the kubeconfig"},
         {"get-contexts", "Describe one or many contexts"},
         {"get-users", "Display users defined in the kubeconfig"},
         {"rename-context", "Rename a context from the kubeconfig file"},
         {"set", "Set an individual value in a kubeconfig file"},
         {"set-cluster", "Set a cluster entry in kubeconfig"},
         {"set-context", "Set a context entry in kubeconfig"},
         {"set-credentials", "Set a user entry in kubeconfig"},
         {"unset", "Unset an individual value in a kubeconfig file"},
         {"use-context", "Set the current-context in a kubeconfig file"},
         {"view", "Display merged kubeconfig settings or a specified kubeconfig file"}},
        {f_str("kubeconfig", 0, "", "use a particular kubeconfig file")},
        "kubectl config SUBCOMMAND"};

    m["kubectl config current-context"] = {
        "Display the current-context.", "", "# Display the current-context\nkubectl config current-context", {}, {},
        "kubectl config current-context [flags]"};

    m["kubectl get"] = {
        "Display one or many resources.\n\n"
        " Prints a table of the most important information about the specified resources. You can filter the list using "
        "a label selector and the --selector flag. If the desired resource type is namespaced you will only see results "
        "in the current namespace unless you pass --all-namespaces.\n\n"
        " By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can "
        "filter the attributes of the fetched resources.\n\n"
        "Use \"kubectl api-resources\" for a complete list of supported resources.",
        "",
        "# List all pods in ps output format\nkubectl get pods\n\n"
        "# List all pods in ps output format with more information (such as node name)\nkubectl get pods -o wide\n\n"
        "# List a single replication controller with specified NAME in ps output format\nkubectl get replicationcontroller web\n\n"
        "# List deployments in JSON output format, in the \"v1\" version of the \"apps\" API group\nkubectl get deployments.v1.apps -o json\n\n"
        "# List a single pod in JSON output format\nkubectl get -o json pod web-pod-13je7\n\n"
        "# Return only the phase value of the specified pod\nkubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}\n\n"
        "# List all replication controllers and services together in ps output format\nkubectl get rc,services\n\n"
        "# List one or more resources by their type and names\nkubectl get rc/web service/frontend pods/web-pod-13je7",
        {},
        {f_val("all-namespaces", 'A', "false", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
         f_val("no-headers", 0, "false", "When using the default or custom-column output format, don't print headers (default print headers)."),
         f_str("output", 'o', "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/]."),
         kSelector,
         f_val("show-labels", 0, "false", "When printing, show all labels as the last column (default hide labels column)"),
         f_val("watch", 'w', "false", "After listing/getting the requested object, watch for changes.")},
        "kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] "
        "(TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]"};

    m["kubectl describe"] = {
        "Show details of a specific resource or group of resources.\n\n"
        " Print a detailed description of the selected resources, including related resources such as events or "
        "controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label "
        "selector. For example:\n\n"
        "        $ kubectl describe TYPE NAME_PREFIX\n        \n"
        " will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details "
        "for every resource that has a name prefixed with NAME_PREFIX.\n\n"
        "Use \"kubectl api-resources\" for a complete list of supported resources.",
        "",
        "# Describe a node\nkubectl describe nodes kubernetes-node-emt8.c.myproject.internal\n\n"
        "# Describe a pod\nkubectl describe pods/nginx\n\n"
        "# Describe a pod identified by type and name in \"pod.json\"\nkubectl describe -f pod.json\n\n"
        "# Describe all pods\nkubectl describe pods\n\n"
        "# Describe pods by label name=myLabel\nkubectl describe pods -l name=myLabel\n\n"
        "# Describe all pods managed by the 'frontend' replication controller\n"
        "# (rc-created pods get the name of the rc as a prefix in the pod name)\nkubectl describe pods frontend",
        {},
        {f_val("all-namespaces", 'A', "false", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
         kSelector,
         f_val("show-events", 0, "true", "If true, display events related to the described object.")},
        "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)"};

    m["kubectl patch"] = {
        "Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.\n\n"
        " JSON and YAML formats are accepted.\n\n"
        " Note: Strategic merge patch is not supported for custom resources.",
        "",
        "# Partially update a node using a strategic merge patch, specifying the patch as JSON\n"
        "kubectl patch node k8s-node-1 -p '{\"spec\":{\"unschedulable\":true}}'\n\n"
        "# Partially update a node using a strategic merge patch, specifying the patch as YAML\n"
        "kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'\n\n"
        "# Update a container's image; spec.containers[*].name is required because it's a merge key\n"
        "kubectl patch pod valid-pod -p '{\"spec\":{\"containers\":[{\"name\":\"kubernetes-serve-hostname\",\"image\":\"new image\"}]}}'\n\n"
        "# Update a container's image using a JSON patch with positional arrays\n"
        "kubectl patch pod valid-pod --type='json' -p='[{\"op\": \"replace\", \"path\": \"/spec/containers/0/image\", \"value\":\"new image\"}]'\n\n"
        "# Update a deployment's replicas through the 'scale' subresource using a merge patch\n"
        "kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{\"spec\":{\"replicas\":2}}'",
        {},
        {kDryRun, k_filename("identifying the resource to update"), kOutput,
         f_str("patch", 'p', "", "The patch to be applied to the resource JSON file."),
         f_str("patch-file", 0, "", "A file containing a patch to be applied to the resource."),
         f_str("type", 0, "strategic", "The type of patch being provided; one of [json merge strategic]")},
        "kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]"};
    return m;
  }();
  return kDocs;
}

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

}  // namespace

std::string help_text(const std::string& command_path) {
  if (command_path == "kubectl") return kRootHelp;
  std::string path = command_path;
  // Aliases of sub-commands resolve to their command.
  if (path == "kubectl create deploy") path = "kubectl create deployment";
  if (path == "kubectl create ns") path = "kubectl create namespace";
  auto& d = docs();
  auto it = d.find(path);
  if (it == d.end()) return "";
  return render(it->second, path);
}

}  // namespace kubesim::kubectl
