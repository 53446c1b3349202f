// kubectl get: table rows per kind, the table layout, -o formats and kubectl's messages, byte for
// byte against the spec's samples (objects built by hand through the Store API).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cluster.h"
#include "io.h"
#include "kubectl/kubectl.h"
#include "kubectl/printers.h"
#include "kubectl/tabwriter.h"

using namespace kubesim;
using namespace kubesim::kubectl;

namespace {

constexpr int64_t kSec = 1000;
constexpr int64_t kMin = 60 * kSec;

struct Run {
  int status = 0;
  std::string out, err;
};

// A cluster without bootstrap: only the objects a test creates.
struct World {
  Cluster c;
  World() { c.store.set_now(kEpochMs); }

  Run get(std::vector<std::string> args) {
    Output o;
    Env env{c, o, "default", false, nullptr, nullptr, nullptr};
    Run r;
    r.status = cmd_get(args, env);
    r.out = o.stdout_text();
    r.err = o.stderr_text();
    return r;
  }

  void at(int64_t ms) { c.store.set_now(kEpochMs + ms); }

  api::Pod& pod(const std::string& name, const std::string& ns = "default") {
    api::Pod p;
    p.metadata.name = name;
    p.metadata.namespace_ = ns;
    p.metadata.labels = {{"app", "kubernetes-bootcamp"}};
    api::Container ct;
    ct.name = "kubernetes-bootcamp";
    ct.image = "gcr.io/google-samples/kubernetes-bootcamp:v1";
    p.spec.containers = {ct};
    REQUIRE(c.store.create(p).ok);
    return const_cast<api::Pod&>(*c.store.pods().get(ns, name));
  }

  void running(const std::string& name, const std::string& ip = "", const std::string& ns = "default") {
    REQUIRE(c.store.update_pod({ns, name}, [&](api::Pod& p) {
               p.status.phase = "Running";
               p.spec.node_name = "minikube";
               p.status.pod_ip = ip;
               api::ContainerStatus cs;
               cs.name = p.spec.containers[0].name;
               cs.ready = true;
               cs.started = true;
               cs.state.running = api::ContainerStateRunning{c.store.now()};
               p.status.container_statuses = {cs};
               api::Condition ready;
               ready.type = "Ready";
               ready.status = "True";
               p.status.conditions = {ready};
             }).ok);
  }

  void waiting(const std::string& name, const std::string& reason) {
    REQUIRE(c.store.update_pod({"default", name}, [&](api::Pod& p) {
               api::ContainerStatus cs;
               cs.name = p.spec.containers[0].name;
               cs.state.waiting = api::ContainerStateWaiting{reason, ""};
               p.status.container_statuses = {cs};
             }).ok);
  }
};

}  // namespace

// [SECTION] pods

TEST_CASE("get pods shows READY, the STATUS algorithm and AGE like the spec sample") {
  World w;
  w.at(0);
  w.pod("kubernetes-bootcamp-5485cc6795-6jx8m");
  w.pod("kubernetes-bootcamp-5485cc6795-d2h9q");
  w.running("kubernetes-bootcamp-5485cc6795-6jx8m");
  w.running("kubernetes-bootcamp-5485cc6795-d2h9q");
  REQUIRE(w.c.store.update_pod({"default", "kubernetes-bootcamp-5485cc6795-d2h9q"},
                               [&](api::Pod& p) { p.metadata.deletion_ms = w.c.store.now(); }).ok);
  w.at(3 * kMin - 45 * kSec);
  w.pod("kubernetes-bootcamp-7d44784b7c-ctrzn");
  w.pod("kubernetes-bootcamp-7d44784b7c-zq9vt");
  w.waiting("kubernetes-bootcamp-7d44784b7c-ctrzn", "ImagePullBackOff");
  w.waiting("kubernetes-bootcamp-7d44784b7c-zq9vt", "ErrImagePull");
  w.at(3 * kMin);
  Run r = w.get({"pods"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "NAME                                   READY   STATUS             RESTARTS   AGE\n"
        "kubernetes-bootcamp-5485cc6795-6jx8m   1/1     Running            0          3m\n"
        "kubernetes-bootcamp-5485cc6795-d2h9q   1/1     Terminating        0          3m\n"
        "kubernetes-bootcamp-7d44784b7c-ctrzn   0/1     ImagePullBackOff   0          45s\n"
        "kubernetes-bootcamp-7d44784b7c-zq9vt   0/1     ErrImagePull       0          45s\n");
}

TEST_CASE("get pods -o wide adds IP, NODE, NOMINATED NODE and READINESS GATES") {
  World w;
  w.pod("kubernetes-bootcamp-5485cc6795-b8qw2");
  w.running("kubernetes-bootcamp-5485cc6795-b8qw2", "10.244.0.5");
  w.at(2 * kMin + 9 * kSec - 40 * kSec);
  w.pod("kubernetes-bootcamp-5485cc6795-6jx8m");
  w.running("kubernetes-bootcamp-5485cc6795-6jx8m", "10.244.0.6");
  w.at(2 * kMin + 9 * kSec);
  CHECK(w.get({"pods", "-o", "wide"}).out ==
        "NAME                                   READY   STATUS    RESTARTS   AGE    IP           NODE       NOMINATED NODE   READINESS GATES\n"
        "kubernetes-bootcamp-5485cc6795-6jx8m   1/1     Running   0          40s    10.244.0.6   minikube   <none>           <none>\n"
        "kubernetes-bootcamp-5485cc6795-b8qw2   1/1     Running   0          2m9s   10.244.0.5   minikube   <none>           <none>\n");
}

TEST_CASE("the STATUS column: ContainerCreating, CrashLoopBackOff, Completed and restarts with their age") {
  World w;
  api::Pod p;
  p.spec.containers.mut().resize(1);
  p.status.phase = "Pending";
  CHECK(status_of_pod(p, 0) == "Pending");
  p.status.container_statuses.resize(1);
  p.status.container_statuses[0].state.waiting = api::ContainerStateWaiting{"ContainerCreating", ""};
  CHECK(status_of_pod(p, 0) == "ContainerCreating");
  p.status.phase = "Running";
  auto& cs = p.status.container_statuses[0];
  cs.state.waiting = api::ContainerStateWaiting{"CrashLoopBackOff", "back-off 40s"};
  cs.restart_count = 3;
  cs.last_state.terminated = api::ContainerStateTerminated{1, 0, "Error", "", kEpochMs, kEpochMs + 5 * kSec};
  CHECK(status_of_pod(p, kEpochMs + 30 * kSec) == "CrashLoopBackOff");
  CHECK(pod_restarts_cell(p, kEpochMs + 30 * kSec) == "3 (25s ago)");
  CHECK(pod_ready_cell(p) == "0/1");
  cs.state.waiting.reset();
  cs.state.terminated = api::ContainerStateTerminated{0, 0, "Completed", "", kEpochMs, kEpochMs};
  p.status.phase = "Succeeded";
  CHECK(status_of_pod(p, 0) == "Completed");
  cs.state.terminated = api::ContainerStateTerminated{137, 0, "", "", kEpochMs, kEpochMs};
  CHECK(status_of_pod(p, 0) == "ExitCode:137");
  p.metadata.deletion_ms = kEpochMs;
  CHECK(status_of_pod(p, 0) == "ExitCode:137");  // terminal phase: no "Terminating"
  p.status.phase = "Running";
  CHECK(status_of_pod(p, 0) == "Terminating");
}

// [SECTION] other kinds

TEST_CASE("get deployments, replicasets and services show the spec samples") {
  World w;
  api::Deployment d;
  d.metadata.name = "kubernetes-bootcamp";
  d.metadata.namespace_ = "default";
  d.spec.replicas = 4;
  d.spec.selector.match_labels = {{"app", "kubernetes-bootcamp"}};
  d.status.ready_replicas = 3;
  d.status.updated_replicas = 2;
  d.status.available_replicas = 3;
  REQUIRE(w.c.store.create(d).ok);

  api::ReplicaSet rs;
  rs.metadata.name = "kubernetes-bootcamp-5485cc6795";
  rs.metadata.namespace_ = "default";
  rs.spec.replicas = 4;
  rs.status.replicas = 4;
  rs.status.ready_replicas = 4;
  REQUIRE(w.c.store.create(rs).ok);
  w.at(9 * kMin);
  rs.metadata.name = "kubernetes-bootcamp-7d44784b7c";
  rs.spec.replicas = 0;
  rs.status = {};
  REQUIRE(w.c.store.create(rs).ok);

  api::Service k;
  k.metadata.name = "kubernetes";
  k.metadata.namespace_ = "default";
  k.spec.cluster_ip = "10.96.0.1";
  k.spec.cluster_ips = {"10.96.0.1"};
  api::ServicePort https;
  https.name = "https";
  https.port = 443;
  https.target_port = api::IntOrString::Int(8443);
  k.spec.ports = {https};
  w.at(-2 * kMin);
  REQUIRE(w.c.store.create(k).ok);
  api::Service svc = k;
  svc.metadata.name = "kubernetes-bootcamp";
  svc.spec.type = "NodePort";
  svc.spec.cluster_ip = "10.98.143.62";
  svc.spec.cluster_ips = {"10.98.143.62"};
  svc.spec.selector = {{"app", "kubernetes-bootcamp"}};
  api::ServicePort p8080;
  p8080.port = 8080;
  p8080.target_port = api::IntOrString::Int(8080);
  p8080.node_port = 31526;
  svc.spec.ports = {p8080};
  w.at(12 * kMin - 5 * kSec);
  REQUIRE(w.c.store.create(svc).ok);

  w.at(12 * kMin);
  CHECK(w.get({"deployments"}).out ==
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "kubernetes-bootcamp   3/4     2            3           12m\n");
  CHECK(w.get({"rs"}).out ==
        "NAME                             DESIRED   CURRENT   READY   AGE\n"
        "kubernetes-bootcamp-5485cc6795   4         4         4       12m\n"
        "kubernetes-bootcamp-7d44784b7c   0         0         0       3m\n");
  CHECK(w.get({"services"}).out ==
        "NAME                  TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)          AGE\n"
        "kubernetes            ClusterIP   10.96.0.1      <none>        443/TCP          14m\n"
        "kubernetes-bootcamp   NodePort    10.98.143.62   <none>        8080:31526/TCP   5s\n");
  CHECK(w.get({"deploy", "-o", "wide"}).out ==
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES   SELECTOR\n"
        "kubernetes-bootcamp   3/4     2            3           12m                         app=kubernetes-bootcamp\n");
}

TEST_CASE("get nodes, namespaces and endpoints") {
  World w;
  api::Node n;
  n.metadata.name = "minikube";
  n.metadata.labels = {{"node-role.kubernetes.io/control-plane", ""}};
  api::Condition ready;
  ready.type = "Ready";
  ready.status = "True";
  n.status.conditions = {ready};
  n.status.addresses = {{"InternalIP", "192.168.49.2"}, {"Hostname", "minikube"}};
  REQUIRE(w.c.store.create(n).ok);
  api::Namespace ns;
  ns.metadata.name = "default";
  REQUIRE(w.c.store.create(ns).ok);
  api::Endpoints ep;
  ep.metadata.name = "kubernetes-bootcamp";
  ep.metadata.namespace_ = "default";
  api::EndpointSubset ss;
  for (const char* ip : {"10.244.0.3", "10.244.0.4", "10.244.0.5", "10.244.0.6"}) ss.addresses.push_back({ip, "", {}});
  ss.ports = {{"", 8080, "TCP"}};
  ep.subsets = {ss};
  REQUIRE(w.c.store.create(ep).ok);
  w.at(20 * kMin);
  CHECK(w.get({"nodes"}).out ==
        "NAME       STATUS   ROLES           AGE   VERSION\n"
        "minikube   Ready    control-plane   20m   v1.34.0\n");
  CHECK(w.get({"no", "-o", "wide"}).out ==
        "NAME       STATUS   ROLES           AGE   VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION   CONTAINER-RUNTIME\n"
        "minikube   Ready    control-plane   20m   v1.34.0   192.168.49.2   <none>        Ubuntu 22.04.5 LTS   6.8.0-1015-gcp   docker://28.4.0\n");
  CHECK(w.get({"ns"}).out ==
        "NAME      STATUS   AGE\n"
        "default   Active   20m\n");
  CHECK(w.get({"endpoints"}).out ==
        "NAME                  ENDPOINTS                                                     AGE\n"
        "kubernetes-bootcamp   10.244.0.3:8080,10.244.0.4:8080,10.244.0.5:8080 + 1 more...   20m\n");
  REQUIRE(w.c.store.update_node({"", "minikube"}, [](api::Node& x) {
             x.spec.unschedulable = true;
             x.status.conditions[0].status = "Unknown";
           }).ok);
  CHECK(w.get({"nodes", "--no-headers"}).out == "minikube   NotReady,SchedulingDisabled   control-plane   20m   v1.34.0\n");
}

TEST_CASE("get events lists LAST SEEN, TYPE, REASON, OBJECT and MESSAGE in name order") {
  World w;
  api::Pod& p = w.pod("web-1");
  api::ObjectReference ref;
  ref.kind = "Pod";
  ref.namespace_ = "default";
  ref.name = p.metadata.name;
  ref.uid = p.metadata.uid;
  w.c.store.record_event(ref, "Normal", "Scheduled", "Successfully assigned default/web-1 to minikube", "default-scheduler");
  w.at(2 * kSec);
  w.c.store.record_event(ref, "Warning", "Failed", "Error: ErrImagePull ", "kubelet", "minikube");
  w.at(62 * kSec);
  w.c.store.record_event(ref, "Warning", "Failed", "Error: ErrImagePull ", "kubelet", "minikube");
  w.at(2 * kMin);
  CHECK(w.get({"events"}).out ==
        "LAST SEEN   TYPE      REASON      OBJECT      MESSAGE\n"
        "2m          Normal    Scheduled   pod/web-1   Successfully assigned default/web-1 to minikube\n"
        "58s         Warning   Failed      pod/web-1   Error: ErrImagePull\n");
  const std::string wide = w.get({"ev", "-o", "wide"}).out;
  CHECK(wide.rfind("LAST SEEN   TYPE      REASON      OBJECT      SUBOBJECT   SOURCE              MESSAGE", 0) == 0);
  CHECK(wide.find("kubelet, minikube   Error: ErrImagePull                               118s         2       web-1.") !=
        std::string::npos);
}

// [SECTION] messages and errors

TEST_CASE("an empty list prints no header and says so on stderr") {
  World w;
  Run r = w.get({"pods"});
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(r.err == "No resources found in default namespace.\n");
  CHECK(w.get({"pods", "-n", "kube-system"}).err == "No resources found in kube-system namespace.\n");
  CHECK(w.get({"nodes"}).err == "No resources found\n");
  CHECK(w.get({"pods", "-A"}).err == "No resources found\n");
}

TEST_CASE("objects that exist are printed and the missing ones reported after them") {
  World w;
  w.pod("a");
  w.pod("c");
  Run r = w.get({"pods", "a", "b", "c"});
  CHECK(r.status == 1);
  CHECK(r.out ==
        "NAME   READY   STATUS    RESTARTS   AGE\n"
        "a      0/1     Pending   0          0s\n"
        "c      0/1     Pending   0          0s\n");
  CHECK(r.err == "Error from server (NotFound): pods \"b\" not found\n");
  Run missing = w.get({"deployment", "nope"});
  CHECK(missing.out.empty());
  CHECK(missing.err == "Error from server (NotFound): deployments.apps \"nope\" not found\n");
  CHECK(w.get({"pods", "x", "--ignore-not-found"}).status == 0);
}

TEST_CASE("the builder's argument errors use kubectl's words") {
  World w;
  Run r = w.get({"foo"});
  CHECK(r.status == 1);
  CHECK(r.err == "error: the server doesn't have a resource type \"foo\"\n");
  CHECK(w.get({"all", "x"}).err == "error: you must specify only one resource\n");
  CHECK(w.get({"pods", "pod/x"}).err ==
        "error: there is no need to specify a resource type as a separate argument when passing arguments in "
        "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource "
        "resource/<resource_name>'\n");
  CHECK(w.get({"pods", "x", "-l", "app=y"}).err == "error: name cannot be provided when a selector is specified\n");
  CHECK(w.get({"pods", "x", "-A"}).err == "error: a resource cannot be retrieved by name across all namespaces\n");
  Run none = w.get({});
  CHECK(none.status == 1);
  CHECK(none.err ==
        "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported "
        "resources.\n\n"
        "error: Required resource not specified.\n"
        "Use \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\n"
        "See 'kubectl get -h' for help and examples\n");
}

TEST_CASE("an unknown output format lists the allowed ones") {
  World w;
  w.pod("a");
  Run r = w.get({"pods", "-o", "xyz"});
  CHECK(r.status == 1);
  CHECK(r.err ==
        "error: unable to match a printer suitable for the output format \"xyz\", allowed formats are: "
        "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,"
        "name,template,templatefile,wide,yaml\n");
  CHECK(w.get({"pods", "-o", "jsonpath"}).err == "error: template format specified but no template given\n");
  CHECK(w.get({"pods", "--show-labels", "-o", "json"}).err == "error: --show-labels option cannot be used with json printer\n");
}

// [SECTION] several types, namespaces, labels

TEST_CASE("get all prints one table per type with kind-prefixed names and blank lines between") {
  World w;
  w.pod("web-1");
  api::Service k;
  k.metadata.name = "kubernetes";
  k.metadata.namespace_ = "default";
  k.spec.cluster_ip = "10.96.0.1";
  k.spec.cluster_ips = {"10.96.0.1"};
  api::ServicePort https;
  https.port = 443;
  k.spec.ports = {https};
  REQUIRE(w.c.store.create(k).ok);
  api::Deployment d;
  d.metadata.name = "web";
  d.metadata.namespace_ = "default";
  d.spec.replicas = 1;
  REQUIRE(w.c.store.create(d).ok);
  w.at(kMin);
  CHECK(w.get({"all"}).out ==
        "NAME        READY   STATUS    RESTARTS   AGE\n"
        "pod/web-1   0/1     Pending   0          60s\n"
        "\n"
        "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
        "service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60s\n"
        "\n"
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
        "deployment.apps/web   0/1     0            0           60s\n");
  CHECK(w.get({"all", "--no-headers"}).out ==
        "pod/web-1   0/1   Pending   0     60s\n"
        "service/kubernetes   ClusterIP   10.96.0.1   <none>   443/TCP   60s\n"
        "deployment.apps/web   0/1   0     0     60s\n");
  CHECK(w.get({"all", "-o", "name"}).out == "pod/web-1\nservice/kubernetes\ndeployment.apps/web\n");
  CHECK(w.get({"svc,deploy"}).out.find("service/kubernetes") != std::string::npos);
  CHECK(w.get({"pod/web-1", "svc/kubernetes"}).out.find("\n\nNAME ") != std::string::npos);
}

TEST_CASE("get -A adds a NAMESPACE column to namespaced kinds") {
  World w;
  w.pod("web-1");
  w.pod("coredns-66bc5c9577-x7k2p", "kube-system");
  CHECK(w.get({"pods", "-A"}).out ==
        "NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE\n"
        "default       web-1                      0/1     Pending   0          0s\n"
        "kube-system   coredns-66bc5c9577-x7k2p   0/1     Pending   0          0s\n");
}

TEST_CASE("get --show-labels and -L add label columns, -l and --field-selector filter") {
  World w;
  api::Pod& a = w.pod("a");
  (void)a;
  REQUIRE(w.c.store.update_pod({"default", "a"}, [](api::Pod& p) { p.metadata.labels["tier"] = "front"; }).ok);
  w.pod("b");
  w.running("b");
  CHECK(w.get({"pods", "--show-labels"}).out ==
        "NAME   READY   STATUS    RESTARTS   AGE   LABELS\n"
        "a      0/1     Pending   0          0s    app=kubernetes-bootcamp,tier=front\n"
        "b      1/1     Running   0          0s    app=kubernetes-bootcamp\n");
  CHECK(w.get({"pods", "-L", "tier,app", "-L", "example.com/x"}).out ==
        "NAME   READY   STATUS    RESTARTS   AGE   TIER    APP                   X\n"
        "a      0/1     Pending   0          0s    front   kubernetes-bootcamp   \n"
        "b      1/1     Running   0          0s            kubernetes-bootcamp   \n");
  CHECK(w.get({"pods", "-l", "tier=front", "-o", "name"}).out == "pod/a\n");
  CHECK(w.get({"pods", "-l", "!tier", "-o", "name"}).out == "pod/b\n");
  CHECK(w.get({"pods", "--field-selector", "status.phase=Running", "-o", "name"}).out == "pod/b\n");
  Run bad = w.get({"pods", "--field-selector", "spec.foo=x"});
  CHECK(bad.status == 1);
  CHECK(bad.err ==
        "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", field "
        "selector \"spec.foo=x\": field label not supported: spec.foo\n");
  Run bad_label = w.get({"pods", "-l", "a b"});
  CHECK(bad_label.err ==
        "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"a b\", field "
        "selector \"\": unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt\n");
  Run none = w.get({"pods", "-l", "app=nothing"});
  CHECK(none.out.empty());
  CHECK(none.err == "No resources found in default namespace.\n");
}

TEST_CASE("get --sort-by orders rows by a JSONPath value, missing values first") {
  World w;
  w.at(2 * kMin);
  w.pod("a");
  w.at(0);
  w.pod("b");
  w.at(kMin);
  w.pod("c");
  w.at(3 * kMin);
  CHECK(w.get({"pods", "--sort-by=.metadata.creationTimestamp", "-o", "name"}).out == "pod/b\npod/c\npod/a\n");
  CHECK(w.get({"pods", "--sort-by", "{.metadata.creationTimestamp}", "--no-headers"}).out ==
        "b     0/1   Pending   0     3m\n"
        "c     0/1   Pending   0     2m\n"
        "a     0/1   Pending   0     60s\n");
  Run bad = w.get({"pods", "--sort-by", ".spec.nothing"});
  CHECK(bad.status == 1);
  CHECK(bad.err == "error: couldn't find any field with path \"{.spec.nothing}\" in the list of objects\n");
}

// [SECTION] -o json / yaml / name / jsonpath

TEST_CASE("one named object prints alone, anything else as a List") {
  World w;
  w.pod("a");
  w.pod("b");
  auto single = nlohmann::json::parse(w.get({"pod", "a", "-o", "json"}).out);
  CHECK(single["kind"] == "Pod");
  CHECK(single["metadata"]["name"] == "a");
  auto list = nlohmann::json::parse(w.get({"pods", "-o", "json"}).out);
  CHECK(list["kind"] == "List");
  CHECK(list["items"].size() == 2);
  auto empty = nlohmann::json::parse(w.get({"deployments", "-o", "json"}).out);
  CHECK(empty["items"].empty());
  CHECK(w.get({"pods", "-o", "yaml"}).out.rfind("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n", 0) == 0);
  CHECK(w.get({"pod/a", "-o", "name"}).out == "pod/a\n");
  CHECK(w.get({"pods", "-o", "jsonpath={.items[*].metadata.name}"}).out == "a b");
  CHECK(w.get({"pod", "a", "-o", "jsonpath={.spec.containers[0].image}"}).out ==
        "gcr.io/google-samples/kubernetes-bootcamp:v1");
  Run missing = w.get({"pod", "x", "-o", "json"});
  CHECK(missing.out.empty());
  CHECK(missing.err == "Error from server (NotFound): pods \"x\" not found\n");
}

TEST_CASE("tables render the NAMESPACE, kind prefix and label columns in kubectl's order") {
  Table t;
  t.columns = table_columns(store::Kind::Namespace);
  api::Labels labels = {{"team", "a"}};
  TableRow r;
  r.cells = {"default", "Active", "5m"};
  r.namespace_ = "";
  r.labels = &labels;
  t.rows = {r};
  TableOptions o;
  o.kind_prefix = "namespace";
  o.label_columns = {"team"};
  o.show_labels = true;
  CHECK(tabwrite_get(render_table(t, o)) ==
        "NAME                STATUS   AGE   TEAM   LABELS\n"
        "namespace/default   Active   5m    a      team=a\n");
  t.rows.clear();
  CHECK(render_table(t, o).empty());
}

TEST_CASE("the tutorial's go-template prints the NodePort without a newline") {
  World w;
  api::Service svc;
  svc.metadata.name = "kubernetes-bootcamp";
  svc.metadata.namespace_ = "default";
  svc.spec.type = "NodePort";
  svc.spec.cluster_ip = "10.98.143.62";
  svc.spec.cluster_ips = {"10.98.143.62"};
  api::ServicePort p;
  p.port = 8080;
  p.target_port = api::IntOrString::Int(8080);
  p.node_port = 31526;
  svc.spec.ports = {p};
  REQUIRE(w.c.store.create(svc).ok);
  Run r = w.get({"services/kubernetes-bootcamp", "-o", "go-template={{(index .spec.ports 0).nodePort}}"});
  CHECK(r.status == 0);
  CHECK(r.out == "31526");
  CHECK(w.get({"svc", "kubernetes-bootcamp", "--template", "{{.metadata.name}}"}).out == "kubernetes-bootcamp");
  CHECK(w.get({"svc", "-o", "go-template={{range .items}}{{.metadata.name}} {{end}}"}).out == "kubernetes-bootcamp ");
  Run bad = w.get({"svc", "-o", "go-template={{.metadata.name}"});
  CHECK(bad.status == 1);
  CHECK(bad.err.rfind("error: error parsing template {{.metadata.name}, template: output:1: ", 0) == 0);
}

TEST_CASE("custom columns print one row per object") {
  World w;
  w.pod("a");
  w.pod("b");
  CHECK(w.get({"pods", "-o", "custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image"}).out ==
        "NAME   IMAGE\n"
        "a      gcr.io/google-samples/kubernetes-bootcamp:v1\n"
        "b      gcr.io/google-samples/kubernetes-bootcamp:v1\n");
  CHECK(w.get({"pods", "-o", "custom-columns"}).err == "error: custom-columns format specified but no custom columns given\n");
}
