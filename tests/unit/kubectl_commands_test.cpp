// kubesim — kubectl commands end to end on a bootstrapped cluster: the words they print, the
// errors they refuse with, and what they do to the cluster (and to the clock, for the blocking
// ones).
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "cluster.h"
#include "kubectl/kubectl.h"

using kubesim::Cluster;
using kubesim::ClusterOptions;
using kubesim::Output;

namespace {

struct Result {
  int status = 0;
  std::string out, err, text;
};

struct Kube {
  Cluster c;
  bool proxy = false;
  std::string ns = "default";
  Kube() : c(ClusterOptions{}) { c.bootstrap(); }

  Result run(const std::vector<std::string>& args) {
    Output out;
    kubesim::kubectl::Env env{c, out};
    env.namespace_ = ns;
    env.proxy_running = &proxy;
    Result r;
    r.status = kubesim::kubectl::run(args, env);
    ns = env.namespace_;
    r.out = out.stdout_text();
    r.err = out.stderr_text();
    r.text = out.text();
    return r;
  }
  // Words separated by single spaces (no quoting needed in these tests).
  Result run(const std::string& line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    for (std::string w; in >> w;) words.push_back(w);
    return run(words);
  }
  const kubesim::api::Deployment* deploy(const std::string& name) { return c.store.deployments().get("default", name); }
};

const char* kBootcamp = "gcr.io/google-samples/kubernetes-bootcamp:v1";

// Lines of a text, without their newlines.
std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> v;
  size_t b = 0;
  while (b < s.size()) {
    size_t e = s.find('\n', b);
    if (e == std::string::npos) e = s.size();
    v.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return v;
}

}  // namespace

// [SECTION] dispatcher -----------------------------------------------------------------------------------

TEST_CASE("kubectl without arguments prints the top-level help and succeeds") {
  Kube k;
  auto r = k.run(std::vector<std::string>{});
  CHECK(r.status == 0);
  CHECK(r.out.rfind("kubectl controls the Kubernetes cluster manager.\n\n Find more information at:", 0) == 0);
  CHECK(r.out.find("  wait            Experimental: Wait for a specific condition on one or many resources\n") !=
        std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("an unknown command is refused with cobra's suggestions") {
  Kube k;
  auto r = k.run("gett pods");
  CHECK(r.status == 1);
  // In the order kubectl added its commands (its help's groups), as cobra walks them.
  CHECK(r.err == "error: unknown command \"gett\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget\n");
  auto q = k.run("frobnicate");
  CHECK(q.err == "error: unknown command \"frobnicate\" for \"kubectl\"\n");
  auto rm = k.run("rm pod x");
  CHECK(rm.err == "error: unknown command \"rm\" for \"kubectl\"\n\nDid you mean this?\n\trun\n\tdelete\n\tcp\n");
}

TEST_CASE("a flag error names the command's help") {
  Kube k;
  auto r = k.run("scale --foo deployment/x");
  CHECK(r.status == 1);
  CHECK(r.err == "error: unknown flag: --foo\nSee 'kubectl scale --help' for usage.\n");
}

TEST_CASE("global flags may come before the command") {
  Kube k;
  auto r = k.run("-n kube-system create deployment web --image=nginx");
  CHECK(r.status == 0);
  CHECK(r.out == "deployment.apps/web created\n");
  CHECK(k.c.store.deployments().get("kube-system", "web") != nullptr);
}

// [SECTION] create deployment --------------------------------------------------------------------------

TEST_CASE("create deployment builds the object kubectl builds") {
  Kube k;
  auto r = k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  CHECK(r.status == 0);
  CHECK(r.out == "deployment.apps/kubernetes-bootcamp created\n");
  auto* d = k.deploy("kubernetes-bootcamp");
  REQUIRE(d);
  CHECK(d->metadata.labels.at("app") == "kubernetes-bootcamp");
  CHECK(d->spec.selector.match_labels.at("app") == "kubernetes-bootcamp");
  CHECK(d->spec.template_.labels.at("app") == "kubernetes-bootcamp");
  REQUIRE(d->spec.template_.spec.containers.size() == 1);
  CHECK(d->spec.template_.spec.containers[0].name == "kubernetes-bootcamp");
  CHECK(d->spec.template_.spec.containers[0].ports.empty());
  CHECK(d->spec.replicas == 1);
}

TEST_CASE("create deployment takes replicas, a port and a command") {
  Kube k;
  auto r = k.run("create deployment web --image=nginx:1.25 --replicas=3 --port=80 -- nginx -g daemon-off");
  CHECK(r.status == 0);
  auto* d = k.deploy("web");
  REQUIRE(d);
  CHECK(d->spec.replicas == 3);
  CHECK(d->spec.template_.spec.containers[0].ports.at(0).container_port == 80);
  CHECK(d->spec.template_.spec.containers[0].command == std::vector<std::string>{"nginx", "-g", "daemon-off"});
}

TEST_CASE("create deployment refuses bad input without touching the cluster") {
  Kube k;
  const uint64_t rv = k.c.store.resource_version();
  auto missing = k.run("create deployment web");
  CHECK(missing.err == "error: required flag(s) \"image\" not set\n");
  auto noname = k.run("create deployment --image=nginx");
  CHECK(noname.err == "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
  auto bad = k.run("create deployment Web --image=nginx");
  CHECK(bad.status == 1);
  CHECK(bad.err ==
        "error: failed to create deployment: Deployment.apps \"Web\" is invalid: metadata.name: Invalid value: \"Web\": a "
        "lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and "
        "end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n");
  auto huge = k.run("create deployment web --image=nginx --replicas=1000000000");
  CHECK(huge.status == 1);
  CHECK(huge.err.find("kubesim: --replicas=1000000000 is more than the simulator allows") != std::string::npos);
  CHECK(k.c.store.resource_version() == rv);
  CHECK(k.deploy("web") == nullptr);
}

TEST_CASE("create deployment of an existing name fails with the API server's words") {
  Kube k;
  k.run("create deployment web --image=nginx");
  auto r = k.run("create deployment web --image=nginx");
  CHECK(r.status == 1);
  CHECK(r.err == "error: failed to create deployment: deployments.apps \"web\" already exists\n");
}

// [SECTION] expose ----------------------------------------------------------------------------------------

TEST_CASE("expose makes a NodePort service with the deployment's selector and labels") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  auto r = k.run("expose deployment/kubernetes-bootcamp --type=NodePort --port 8080");
  CHECK(r.status == 0);
  CHECK(r.out == "service/kubernetes-bootcamp exposed\n");
  auto* s = k.c.store.services().get("default", "kubernetes-bootcamp");
  REQUIRE(s);
  CHECK(s->spec.type == "NodePort");
  CHECK(s->spec.selector.at("app") == "kubernetes-bootcamp");
  CHECK(s->metadata.labels.at("app") == "kubernetes-bootcamp");
  REQUIRE(s->spec.ports.size() == 1);
  CHECK(s->spec.ports[0].port == 8080);
  CHECK(s->spec.ports[0].target_port.int_value == 8080);
  CHECK(s->spec.ports[0].node_port >= 30000);
  CHECK(s->spec.ports[0].node_port <= 32767);
  CHECK_FALSE(s->spec.cluster_ip.empty());
  auto again = k.run("expose deployment kubernetes-bootcamp --type=NodePort --port 8080");
  CHECK(again.err == "Error from server (AlreadyExists): services \"kubernetes-bootcamp\" already exists\n");
}

TEST_CASE("expose without a port and without container ports is a usage error") {
  Kube k;
  k.run("create deployment web --image=nginx");
  auto r = k.run("expose deployment web");
  CHECK(r.err == "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n");
  auto none = k.run("expose deployment nope --port=80");
  CHECK(none.err == "Error from server (NotFound): deployments.apps \"nope\" not found\n");
}

// [SECTION] scale / set image / rollout -------------------------------------------------------------------

TEST_CASE("scale prints scaled and validates the count") {
  Kube k;
  k.run("create deployment web --image=nginx");
  auto r = k.run("scale deployments/web --replicas=4");
  CHECK(r.out == "deployment.apps/web scaled\n");
  CHECK(k.deploy("web")->spec.replicas == 4);
  auto same = k.run("scale deployment web --replicas=4");
  CHECK(same.out == "deployment.apps/web scaled\n");
  auto neg = k.run("scale deployments/web --replicas=-1");
  CHECK(neg.err == "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n");
  auto req = k.run("scale deployments/web");
  CHECK(req.err == "error: required flag(s) \"replicas\" not set\n");
  auto cap = k.run("scale deployments/web --replicas=2000000");
  CHECK(cap.status == 1);
  CHECK(k.deploy("web")->spec.replicas == 4);
  auto missing = k.run("scale deployments/nope --replicas=2");
  CHECK(missing.err == "Error from server (NotFound): deployments.apps \"nope\" not found\n");
}

TEST_CASE("set image prints nothing when the image is already set and names unknown containers") {
  Kube k;
  k.run("create deployment web --image=nginx:1.25");
  auto r = k.run("set image deployments/web nginx=nginx:1.27");
  CHECK(r.out == "deployment.apps/web image updated\n");
  auto same = k.run("set image deployments/web nginx=nginx:1.27");
  CHECK(same.status == 0);
  CHECK(same.text.empty());
  auto bad = k.run("set image deployments/web foo=nginx:1.27");
  CHECK(bad.status == 1);
  CHECK(bad.err == "error: unable to find container named \"foo\"\n");
  auto none = k.run("set image deployments/web");
  CHECK(none.err == "error: at least one image update is required\n");
}

TEST_CASE("rollout status blocks on simulated time until the rollout is done") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  const int64_t t0 = k.c.now();
  auto r = k.run("rollout status deployment/kubernetes-bootcamp");
  CHECK(r.status == 0);
  CHECK(r.out.rfind("Waiting for deployment \"kubernetes-bootcamp\" rollout to finish:", 0) == 0);
  CHECK(r.out.size() > 40);
  const std::string last = "deployment \"kubernetes-bootcamp\" successfully rolled out\n";
  CHECK(r.out.substr(r.out.size() - last.size()) == last);
  CHECK(k.c.now() > t0);
  // Done already: one line, no time passes.
  const int64_t t1 = k.c.now();
  auto again = k.run("rollout status deployment/kubernetes-bootcamp");
  CHECK(again.out == last);
  CHECK(k.c.now() == t1);
}

TEST_CASE("rollout status --watch=false prints once") {
  Kube k;
  k.run("create deployment web --image=nginx");
  const int64_t t0 = k.c.now();
  auto r = k.run("rollout status deployment/web --watch=false");
  CHECK(r.status == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
  CHECK(k.c.now() == t0);
}

TEST_CASE("rollout history and undo number revisions like the deployment controller") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  k.run("rollout status deployment/kubernetes-bootcamp");
  k.run("set image deployment/kubernetes-bootcamp kubernetes-bootcamp=jocatalin/kubernetes-bootcamp:v2");
  k.run("rollout status deployment/kubernetes-bootcamp");
  auto h = k.run("rollout history deployment/kubernetes-bootcamp");
  CHECK(h.out == "deployment.apps/kubernetes-bootcamp \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
  auto u = k.run("rollout undo deployment/kubernetes-bootcamp");
  CHECK(u.out == "deployment.apps/kubernetes-bootcamp rolled back\n");
  CHECK(k.deploy("kubernetes-bootcamp")->spec.template_.spec.containers[0].image == kBootcamp);
  k.run("rollout status deployment/kubernetes-bootcamp");
  auto h2 = k.run("rollout history deployment/kubernetes-bootcamp");
  CHECK(h2.out == "deployment.apps/kubernetes-bootcamp \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");
  auto bad = k.run("rollout undo deployment/kubernetes-bootcamp --to-revision=9");
  CHECK(bad.err == "error: unable to find specified revision 9 in history\n");
  auto rev = k.run("rollout history deployment/kubernetes-bootcamp --revision=3");
  CHECK(rev.out.rfind("deployment.apps/kubernetes-bootcamp with revision #3\nPod Template:\n", 0) == 0);
}

TEST_CASE("the deprecated --record flag warns and writes the command line as the change cause") {
  Kube k;
  k.run("create deployment web --image=nginx --replicas=2");
  auto r = k.run("set image deployment/web nginx=nginx:1.27 --record");
  CHECK(r.err == "Flag --record has been deprecated, --record will be removed in the future\n");
  CHECK(r.out == "deployment.apps/web image updated\n");
  CHECK(r.status == 0);
  k.run("rollout status deployment/web");
  auto h = k.run("rollout history deployment/web");
  CHECK(h.out == "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n"
                 "2         kubectl set image deployment/web nginx=nginx:1.27 --record=true\n\n");
  // Flags in the order given, by their long names, after the arguments; the current revision's
  // replica set takes the deployment's new annotation.
  k.run("-n default scale deployment web -r 3 --record");  // no such shorthand: refused, nothing recorded
  auto s = k.run("-n default scale deployment web --replicas 3 --record");
  CHECK(s.out == "deployment.apps/web scaled\n");
  CHECK(k.deploy("web")->metadata.annotations.at("kubernetes.io/change-cause") ==
        "kubectl scale deployment web --namespace=default --replicas=3 --record=true");
  auto h2 = k.run("rollout history deployment/web");
  CHECK(h2.out.find("2         kubectl scale deployment web --namespace=default --replicas=3 --record=true\n") != std::string::npos);
  // --record=false warns too, and records nothing (the old cause stays on the deployment).
  auto f = k.run("label deployment web tier=x --record=false");
  CHECK(f.err == "Flag --record has been deprecated, --record will be removed in the future\n");
  CHECK(k.deploy("web")->metadata.annotations.at("kubernetes.io/change-cause") ==
        "kubectl scale deployment web --namespace=default --replicas=3 --record=true");
  // The same image again with --record: the annotation alone is a change worth a patch.
  auto again = k.run("set image deployment/web nginx=nginx:1.27 --record");
  CHECK(again.out == "deployment.apps/web image updated\n");
  CHECK(k.deploy("web")->metadata.annotations.at("kubernetes.io/change-cause") ==
        "kubectl set image deployment/web nginx=nginx:1.27 --record=true");
  auto p = k.run({"patch", "deployment", "web", "-p", "{\"spec\":{\"replicas\":2}}", "--record"});
  CHECK(p.out == "deployment.apps/web patched\n");
  CHECK(k.deploy("web")->metadata.annotations.at("kubernetes.io/change-cause") ==
        "kubectl patch deployment web --patch={\"spec\":{\"replicas\":2}} --record=true");
}

TEST_CASE("rollout pause and resume refuse to repeat themselves") {
  Kube k;
  k.run("create deployment web --image=nginx");
  CHECK(k.run("rollout pause deployment/web").out == "deployment.apps/web paused\n");
  CHECK(k.run("rollout pause deployment/web").err == "error: deployments.apps \"web\" is already paused\n");
  CHECK(k.run("rollout undo deployment/web").status == 1);
  CHECK(k.run("rollout resume deployment/web").out == "deployment.apps/web resumed\n");
  CHECK(k.run("rollout resume deployment/web").err == "error: deployments.apps \"web\" is not paused\n");
  CHECK(k.run("rollout restart deployment/web").out == "deployment.apps/web restarted\n");
  CHECK(k.deploy("web")->spec.template_.annotations.count("kubectl.kubernetes.io/restartedAt") == 1);
}

// [SECTION] delete ------------------------------------------------------------------------------------------

TEST_CASE("delete of a bootcamp pod waits through its grace period") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  k.run("rollout status deployment/kubernetes-bootcamp");
  std::string pod;
  for (auto& [key, p] : k.c.store.pods().in_namespace("default")) pod = key.name;
  REQUIRE_FALSE(pod.empty());
  const int64_t t0 = k.c.now();
  auto r = k.run("delete pod " + pod);
  CHECK(r.status == 0);
  CHECK(r.out == "pod \"" + pod + "\" deleted from default namespace\n");
  CHECK(k.c.store.pods().get("default", pod) == nullptr);
  CHECK(k.c.now() - t0 >= 29000);
  CHECK(k.c.now() - t0 <= 40000);
}

TEST_CASE("delete --wait=false returns at once and leaves the pod terminating") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  k.run("rollout status deployment/kubernetes-bootcamp");
  std::string pod;
  for (auto& [key, p] : k.c.store.pods().in_namespace("default")) pod = key.name;
  const int64_t t0 = k.c.now();
  auto r = k.run("delete pod " + pod + " --wait=false");
  CHECK(r.status == 0);
  CHECK(k.c.now() == t0);
  auto* p = k.c.store.pods().get("default", pod);
  REQUIRE(p);
  CHECK(p->metadata.deletion_ms.has_value());
}

TEST_CASE("delete of deployments and services prints one line each") {
  Kube k;
  k.run("create deployment web --image=nginx --port=80");
  k.run("expose deployment web");
  auto r = k.run("delete deployments/web services/web");
  CHECK(r.status == 0);
  CHECK(r.out == "deployment.apps \"web\" deleted from default namespace\nservice \"web\" deleted from default namespace\n");
  CHECK(k.deploy("web") == nullptr);
  auto again = k.run("delete deployment web");
  CHECK(again.err == "Error from server (NotFound): deployments.apps \"web\" not found\n");
  auto none = k.run("delete deployment");
  CHECK(none.err == "error: resource(s) were provided, but no name was specified\n");
}

TEST_CASE("delete --force warns and skips the grace period") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  k.run("rollout status deployment/kubernetes-bootcamp");
  std::string pod;
  for (auto& [key, p] : k.c.store.pods().in_namespace("default")) pod = key.name;
  const int64_t t0 = k.c.now();
  auto r = k.run("delete pod " + pod + " --force");
  CHECK(r.err == "Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                 "terminated. The resource may continue to run on the cluster indefinitely.\n");
  CHECK(r.out == "pod \"" + pod + "\" force deleted from default namespace\n");
  CHECK(k.c.now() == t0);
}

// [SECTION] label / annotate ---------------------------------------------------------------------------------

TEST_CASE("label adds, refuses to overwrite without --overwrite, and removes") {
  Kube k;
  k.run("create deployment web --image=nginx");
  CHECK(k.run("label deployment web tier=frontend").out == "deployment.apps/web labeled\n");
  auto clash = k.run("label deployment web app=other");
  CHECK(clash.err == "error: 'app' already has a value (web), and --overwrite is false\n");
  CHECK(k.run("label deployment web app=other --overwrite").out == "deployment.apps/web labeled\n");
  CHECK(k.deploy("web")->metadata.labels.at("app") == "other");
  CHECK(k.run("label deployment web tier-").out == "deployment.apps/web unlabeled\n");
  auto missing = k.run("label deployment web tier-");
  CHECK(missing.out == "label \"tier\" not found.\ndeployment.apps/web not labeled\n");
  auto none = k.run("label deployment web");
  CHECK(none.err == "error: at least one label update is required\n");
}

TEST_CASE("annotate sets and refuses a different value without --overwrite") {
  Kube k;
  k.run("create deployment web --image=nginx");
  CHECK(k.run("annotate deployment web owner=me").out == "deployment.apps/web annotated\n");
  auto clash = k.run("annotate deployment web owner=you");
  CHECK(clash.err == "error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (me)\n");
}

// [SECTION] small commands -------------------------------------------------------------------------------------

TEST_CASE("version prints client, kustomize and server versions") {
  Kube k;
  CHECK(k.run("version").out == "Client Version: v1.34.1\nKustomize Version: v5.7.1\nServer Version: v1.34.0\n");
  CHECK(k.run("version --client").out == "Client Version: v1.34.1\nKustomize Version: v5.7.1\n");
  CHECK(k.run("version -o xml").err == "error: --output must be 'yaml' or 'json'\n");
}

TEST_CASE("cluster-info names the control plane and CoreDNS in colour") {
  Kube k;
  auto r = k.run("cluster-info");
  CHECK(r.out ==
        "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://192.168.49.2:8443\x1b[0m\n"
        "\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://192.168.49.2:8443/api/v1/namespaces/kube-system/"
        "services/kube-dns:dns/proxy\x1b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
}

TEST_CASE("config view prints minikube's kubeconfig in every output format, as kubectl v1.34 does") {
  Kube k;
  auto yaml = k.run("config view");
  CHECK(yaml.out.find("kind: Config\nusers:\n") != std::string::npos);  // no "preferences: {}" since v1.34
  CHECK(k.run("config view -o jsonpath={.users[*].name}").out == "minikube");
  CHECK(k.run("config view --minify -o jsonpath={..namespace}").out == "default");
  CHECK(k.run("config view -o jsonpath={.clusters[0].cluster.server}").out == "https://192.168.49.2:8443");
  CHECK(k.run("config view -o name").out == "config/<unknown>\n");
  auto json = k.run("config view -o json");
  CHECK(json.out.rfind("{\n    \"kind\": \"Config\",\n    \"apiVersion\": \"v1\",\n    \"clusters\": [\n        {\n"
                       "            \"name\": \"minikube\",\n            \"cluster\": {\n"
                       "                \"server\": \"https://192.168.49.2:8443\",\n", 0) == 0);
  CHECK(k.run("config view -o bogus").err.rfind("error: unable to match a printer suitable for the output format \"bogus\"", 0) == 0);
  auto missing = k.run("config get-contexts nope");
  CHECK(missing.out == "CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n");
  CHECK(missing.err == "error: context nope not found\n");
  CHECK(missing.status == 1);
  CHECK(k.run("config get-clusters").out == "NAME\nminikube\n");
}

TEST_CASE("config current-context and proxy answer like minikube's kubectl") {
  Kube k;
  CHECK(k.run("config current-context").out == "minikube\n");
  auto p = k.run("proxy");
  CHECK(p.out == "Starting to serve on 127.0.0.1:8001\n");
  CHECK(k.proxy);
}

TEST_CASE("wait --for=condition=Available advances time until the deployment is available") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  auto r = k.run("wait --for=condition=Available deployment/kubernetes-bootcamp --timeout=120s");
  CHECK(r.status == 0);
  CHECK(r.out == "deployment.apps/kubernetes-bootcamp condition met\n");
  auto t = k.run("wait --for=condition=Foo deployment/kubernetes-bootcamp --timeout=5s");
  CHECK(t.err == "error: timed out waiting for the condition on deployments/kubernetes-bootcamp\n");
}

TEST_CASE("wait --for=jsonpath blocks until the value matches, with kubectl's refusals") {
  Kube k;
  k.run("create deployment web --image=nginx --replicas=2");
  const int64_t t0 = k.c.now();
  auto r = k.run("wait --for=jsonpath={.status.readyReplicas}=2 deployment/web");
  CHECK(r.out == "deployment.apps/web condition met\n");
  CHECK(k.c.now() > t0);  // simulated time passed while the pods started
  CHECK(k.run("wait --for=jsonpath={.spec.replicas} deployment/web").out == "deployment.apps/web condition met\n");
  CHECK(k.run("wait --for=jsonpath={.spec}=x deployment/web").err ==
        "error: jsonpath leads to a nested object or list which is not supported\n");
  CHECK(k.run("wait --for=jsonpath={.spec.replicas}= deployment/web").err ==
        "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
  CHECK(k.run("wait --for=jsonpath={.spec.replicas}=5 deployment/web --timeout=3s").err ==
        "error: timed out waiting for the condition on deployments/web\n");
}

TEST_CASE("kubectl events lists a namespace's events oldest first, filtered by object or type") {
  Kube k;
  k.run("create deployment web --image=nginx");
  k.run("rollout status deployment/web");
  auto all = k.run("events");
  CHECK(all.out.rfind("LAST SEEN   TYPE     REASON", 0) == 0);
  CHECK(all.out.find("Normal   ScalingReplicaSet         Deployment/web") != std::string::npos);
  auto one = k.run("events --for=deployment/web");
  CHECK(one.out.find("Deployment/web   Scaled up replica set web-") != std::string::npos);
  CHECK(one.out.find("Pod/") == std::string::npos);
  auto none = k.run("events --types=Warning");
  CHECK(none.out.empty());
  CHECK(none.err == "No events found in default namespace.\n");
  CHECK(k.run("events --types=Bogus").err == "error: valid --types are Normal or Warning\n");
  CHECK(k.run("events --for=web").err == "error: --for must be in resource/name form\n");
}

TEST_CASE("kubectl events -o prints the typed EventList as kubectl v1.34.5 does") {
  // Compared byte for byte with the real kubectl reading these events from a stand-in API server
  // (tests/compare/standin_apiserver.py): struct field order, omitempty, an empty ListMeta.
  Kube k;
  k.run("create deployment web --image=nginx");
  k.run("rollout status deployment/web");
  auto json = k.run("events -o json");
  CHECK(json.status == 0);
  CHECK(json.out.rfind("{\n    \"kind\": \"EventList\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {},\n"
                       "    \"items\": [\n        {\n            \"kind\": \"Event\",\n            \"apiVersion\": \"v1\",\n"
                       "            \"metadata\": {\n                \"name\": \"minikube.",
                       0) == 0);
  // ObjectReference: namespace before name, apiVersion after uid; then reason, message, source.
  CHECK(json.out.find("            \"involvedObject\": {\n                \"kind\": \"Pod\",\n"
                      "                \"namespace\": \"default\",\n                \"name\": \"web-") != std::string::npos);
  CHECK(json.out.find("\"reportingInstance\": \"minikube\"\n        }\n    ]\n}\n") != std::string::npos);
  CHECK(json.out.find("\"message\": \"\"") == std::string::npos);  // kube-proxy's Starting has none (omitempty)
  auto yaml = k.run("events -o yaml");
  CHECK(yaml.out.rfind("apiVersion: v1\nitems:\n- apiVersion: v1\n  count: 1\n  eventTime: null\n", 0) == 0);
  const std::string tail = "  type: Normal\nkind: EventList\nmetadata: {}\n";
  CHECK(yaml.out.size() > tail.size());
  CHECK(yaml.out.compare(yaml.out.size() - tail.size(), tail.size(), tail) == 0);
  // The name printer writes nothing for the typed list (and events.go ignores its errors).
  auto name = k.run("events -o name");
  CHECK(name.status == 0);
  CHECK(name.out.empty());
  CHECK(name.err.empty());
  auto path = k.run(std::vector<std::string>{"events", "-o", "jsonpath={.kind} {.items[0].involvedObject.kind}"});
  CHECK(path.out == "EventList Node");
  // A template that fails at run time prints its debugging text, and the command still succeeds.
  auto bad = k.run(std::vector<std::string>{"events", "-o", "go-template=A{{index .items 5000}}B"});
  CHECK(bad.status == 0);
  CHECK(bad.out.rfind("AError executing template: template: output:1:3: executing \"output\" at <index .items 5000>: "
                      "error calling index: index out of range: 5000.", 0) == 0);
  CHECK(bad.err.empty());
  CHECK(k.run(std::vector<std::string>{"events", "-o", "go-template=A{{.nothing.x}}B"}).out == "A<no value>B");
  // --template alone does not choose a printer here: the table.
  CHECK(k.run(std::vector<std::string>{"events", "--template={{.kind}}"}).out.rfind("LAST SEEN   TYPE", 0) == 0);
  auto wide = k.run("events -o wide");
  CHECK(wide.status == 1);
  CHECK(wide.err == "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: "
                    "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n");
  auto none = k.run("events --types=Warning -o json");
  CHECK(none.status == 0);
  CHECK(none.out.empty());
  CHECK(none.err == "No events found in default namespace.\n");
  CHECK(k.run("events -o go-template").err == "error: template format specified but no template given\n");
}

TEST_CASE("kubectl events -w -o prints each event on its own, YAML documents separated") {
  // events.go runWatch: PrintObj per event (a typed Event); checked against kubectl v1.34.5.
  Kube k;
  k.run("create deployment web --image=nginx");
  k.run("rollout status deployment/web");
  auto name = k.run("events -w -o name --for deployment/web --request-timeout=1s");
  CHECK(name.status == 0);
  CHECK(name.out.rfind("event/web.", 0) == 0);
  CHECK(lines(name.out).size() == 1);
  k.run("scale deployment web --replicas=2");
  auto yaml = k.run("events -w -o yaml --for deployment/web --request-timeout=1s");
  CHECK(yaml.out.rfind("apiVersion: v1\ncount: 1\n", 0) == 0);
  CHECK(yaml.out.find("\n---\napiVersion: v1\n") != std::string::npos);
  CHECK(yaml.out.find("---", yaml.out.find("---") + 3) == std::string::npos);  // two documents, one separator
  auto json = k.run("events -w -o json --for deployment/web --request-timeout=1s");
  CHECK(json.out.rfind("{\n    \"kind\": \"Event\",\n    \"apiVersion\": \"v1\",\n", 0) == 0);
  CHECK(json.out.find("}\n{\n    \"kind\": \"Event\"") != std::string::npos);
  auto path = k.run(std::vector<std::string>{"events", "-w", "-o", "jsonpath={.reason} ", "--for", "deployment/web",
                                             "--request-timeout=1s"});
  CHECK(path.out == "ScalingReplicaSet ScalingReplicaSet ");
}

TEST_CASE("the scheduler's Scheduled event is an events.k8s.io/v1 event in its core/v1 view") {
  // As `kubectl get events -o yaml` shows it on minikube: action Binding, eventTime with
  // microseconds, no first/lastTimestamp, no count, no source, reportingInstance naming the host.
  Kube k;
  k.run("create deployment web --image=nginx");
  k.run("rollout status deployment/web");
  auto yaml = k.run("get events --field-selector reason=Scheduled -o yaml");
  CHECK(yaml.out.find("- action: Binding\n  apiVersion: v1\n  eventTime: \"2026-01-12T10:01:00.000000Z\"\n"
                      "  firstTimestamp: null\n") != std::string::npos);
  CHECK(yaml.out.find("  lastTimestamp: null\n") != std::string::npos);
  CHECK(yaml.out.find("count:") == std::string::npos);
  CHECK(yaml.out.find("  reportingComponent: default-scheduler\n  reportingInstance: default-scheduler-minikube\n"
                      "  source: {}\n  type: Normal\n") != std::string::npos);
  // printEvent's SOURCE falls back to the reporting controller and instance; describe's From too.
  CHECK(k.run("get events -o wide --field-selector reason=Scheduled").out.find(
            "default-scheduler, default-scheduler-minikube") != std::string::npos);
  CHECK(k.run("describe pods").out.find("  Normal  Scheduled  ") != std::string::npos);
  CHECK(k.run("describe pods").out.find("default-scheduler  Successfully assigned default/web-") != std::string::npos);
  // `get --sort-by=.lastTimestamp` puts it first (a null is less than any time), as on real clusters.
  auto sorted = k.run("get events --sort-by=.lastTimestamp -o custom-columns=REASON:.reason --no-headers");
  CHECK(sorted.out.rfind("Scheduled\n", 0) == 0);
  // No source, so a source field selector does not find it (the server's `source` is source.component).
  CHECK(k.run("get events --field-selector source=default-scheduler").err == "No resources found in default namespace.\n");
}

TEST_CASE("exec without -- is refused with the v1.34 words") {
  Kube k;
  auto r = k.run("exec somepod ls");
  CHECK(r.err == "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n"
                 "See 'kubectl exec -h' for help and examples\n");
  auto none = k.run("exec somepod -- ls");
  CHECK(none.err == "Error from server (NotFound): pods \"somepod\" not found\n");
}

TEST_CASE("logs of the bootcamp app start with its banner") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  k.run("rollout status deployment/kubernetes-bootcamp");
  std::string pod;
  for (auto& [key, p] : k.c.store.pods().in_namespace("default")) pod = key.name;
  auto r = k.run("logs " + pod);
  CHECK(r.status == 0);
  CHECK(r.out.rfind("Kubernetes Bootcamp App Started At: ", 0) == 0);
  CHECK(r.out.find("| Running On:  " + pod + " \n\n") != std::string::npos);
  auto usage = k.run("logs");
  CHECK(usage.err == "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required "
                     "argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
}

TEST_CASE("patch reports a change or no change") {
  Kube k;
  k.run("create deployment web --image=nginx");
  auto r = k.run(std::vector<std::string>{"patch", "deployment", "web", "-p", "{\"spec\":{\"replicas\":2}}"});
  CHECK(r.out == "deployment.apps/web patched\n");
  CHECK(k.deploy("web")->spec.replicas == 2);
  auto same = k.run(std::vector<std::string>{"patch", "deployment", "web", "-p", "{\"spec\":{\"replicas\":2}}"});
  CHECK(same.out == "deployment.apps/web patched (no change)\n");
  auto merge = k.run(std::vector<std::string>{"patch", "deployment", "web", "--type=merge", "-p",
                                              "{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}"});
  CHECK(merge.out == "deployment.apps/web patched\n");
  auto jp = k.run(std::vector<std::string>{"patch", "deployment", "web", "--type=json", "-p",
                                           "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]"});
  CHECK(jp.out == "deployment.apps/web patched\n");
  CHECK(k.deploy("web")->spec.replicas == 3);
  auto none = k.run("patch deployment web");
  CHECK(none.err == "error: must specify --patch or --patch-file containing the contents of the patch\n");
}

TEST_CASE("create deployment --dry-run=client -o yaml prints the object kubectl would send") {
  Kube k;
  const uint64_t rv = k.c.store.resource_version();
  auto r = k.run("create deployment web --image=nginx --dry-run=client -o yaml");
  CHECK(r.status == 0);
  CHECK(r.out ==
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 1\n"
        "  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      labels:\n"
        "        app: web\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\n"
        "status: {}\n");
  CHECK(k.c.store.resource_version() == rv);
  auto bare = k.run("create deployment web --image=nginx --dry-run -o yaml");
  CHECK(bare.err ==
        "error: --dry-run flag without a value was specified. A value must be set: \"none\", \"server\", or \"client\".\n");
}

TEST_CASE("create --dry-run=client -o json prints fields in Go's struct order, as kubectl v1.34 does") {
  Kube k;
  auto r = k.run("create deployment web --image=nginx --replicas=3 --port=80 --dry-run=client -o json");
  CHECK(r.out ==
        "{\n    \"kind\": \"Deployment\",\n    \"apiVersion\": \"apps/v1\",\n    \"metadata\": {\n        \"name\": \"web\",\n"
        "        \"labels\": {\n            \"app\": \"web\"\n        }\n    },\n    \"spec\": {\n        \"replicas\": 3,\n"
        "        \"selector\": {\n            \"matchLabels\": {\n                \"app\": \"web\"\n            }\n        },\n"
        "        \"template\": {\n            \"metadata\": {\n                \"labels\": {\n                    \"app\": \"web\"\n"
        "                }\n            },\n            \"spec\": {\n                \"containers\": [\n                    {\n"
        "                        \"name\": \"nginx\",\n                        \"image\": \"nginx\",\n"
        "                        \"ports\": [\n                            {\n                                \"containerPort\": 80\n"
        "                            }\n                        ],\n                        \"resources\": {}\n                    }\n"
        "                ]\n            }\n        },\n        \"strategy\": {}\n    },\n    \"status\": {}\n}\n");
  // -o jsonpath and -o go-template go through kubectl's template printers.
  CHECK(k.run("create deployment web --image=nginx --dry-run=client -o jsonpath={.spec.template.spec.containers[0].name}").out == "nginx");
  CHECK(k.run("create namespace dev --dry-run=client -o go-template={{.metadata.name}}").out == "dev");
}

TEST_CASE("rollout status of a paused deployment stops instead of hanging") {
  Kube k;
  k.run("create deployment web --image=nginx");
  k.run("rollout status deployment/web");
  k.run("rollout pause deployment/web");
  k.run("set image deployment/web nginx=nginx:1.27");
  auto r = k.run("rollout status deployment/web --timeout=30s");
  CHECK(r.status == 1);
  CHECK(r.err == "error: timed out waiting for the condition\n");
}

// [SECTION] run and top ----------------------------------------------------------------------------------

TEST_CASE("kubectl run creates one bare pod labelled run=NAME that starts like any other") {
  Kube k;
  Result r = k.run("run nginx --image=nginx --port=80 --env=MODE=demo -- -g daemon-off;");
  CHECK(r.status == 0);
  CHECK(r.out == "pod/nginx created\n");
  const kubesim::api::Pod* p = k.c.store.pods().get("default", "nginx");
  REQUIRE(p != nullptr);
  CHECK(p->metadata.labels == kubesim::api::Labels{{"run", "nginx"}});
  CHECK(p->metadata.owner_references.empty());
  REQUIRE(p->spec.containers.size() == 1);
  CHECK(p->spec.containers[0].name == "nginx");
  CHECK(p->spec.containers[0].args == std::vector<std::string>{"-g", "daemon-off;"});
  CHECK(p->spec.containers[0].ports.at(0).container_port == 80);
  CHECK(p->spec.containers[0].env.at(0).name == "MODE");
  CHECK(p->spec.tolerations.size() == 2);  // DefaultTolerationSeconds admission
  k.c.advance(30000);
  CHECK(k.c.store.pods().get("default", "nginx")->status.phase == "Running");
  Result again = k.run("run nginx --image=nginx");
  CHECK(again.status == 1);
  CHECK(again.err == "Error from server (AlreadyExists): pods \"nginx\" already exists\n");
}

TEST_CASE("kubectl run checks its flags in kubectl's words and changes nothing on error") {
  Kube k;
  const size_t pods = k.c.store.pods().size();
  // As kubectl v1.34.5 answers them (compared with the real binary): cobra's required flag first,
  // then Validate()'s usage errors, then the pod generator's own errors.
  CHECK(k.run("run x").err == "error: required flag(s) \"image\" not set\n");
  CHECK(k.run("run x --image=").err == "error: --image is required\n");
  CHECK(k.run("run --image=nginx").err == "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
  CHECK(k.run("run t --image=nginx --port=abc").err == "error: strconv.Atoi: parsing \"abc\": invalid syntax\n");
  CHECK(k.run("run e --image=nginx --env=1X=2").err == "error: invalid env: 1X=2\n");
  CHECK(k.run("run e --image=nginx --env=1X=2 --restart=Sometimes").err ==
        "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n");
  CHECK(k.run("run s --image=nginx --expose").err ==
        "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n");
  CHECK(k.run("run a --image=nginx --annotations=x --labels=a").err == "error: invalid annotations format: x\n");
  CHECK(k.run("run l --image=nginx --labels=a").err == "error: unexpected label spec: a\n");
  Result bad = k.run("run Bad_Name --image=nginx");
  CHECK(bad.status == 1);
  CHECK(bad.err.rfind("The Pod \"Bad_Name\" is invalid: \n* metadata.name: Invalid value: \"Bad_Name\"", 0) == 0);
  CHECK(k.c.store.pods().size() == pods);
}

TEST_CASE("kubectl run --dry-run=client -o yaml prints the pod kubectl would send") {
  Kube k;
  Result r = k.run("run nginx --image=nginx --dry-run=client -o yaml");
  CHECK(r.out ==
        "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  containers:\n"
        "  - image: nginx\n    name: nginx\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\n"
        "status: {}\n");
  CHECK(k.c.store.pods().get("default", "nginx") == nullptr);
}

TEST_CASE("kubectl run --expose adds a ClusterIP service on the port") {
  Kube k;
  Result r = k.run("run web --image=nginx --port=80 --expose");
  CHECK(r.out == "pod/web created\nservice/web created\n");
  const kubesim::api::Service* s = k.c.store.services().get("default", "web");
  REQUIRE(s != nullptr);
  CHECK(s->spec.type == "ClusterIP");
  CHECK(s->spec.selector == kubesim::api::Labels{{"run", "web"}});
  CHECK(s->spec.ports.at(0).port == 80);
}

TEST_CASE("api-resources lists a v1.34 server's preferred resources sorted by group, then name") {
  Kube k;
  auto r = k.run("api-resources");
  REQUIRE(r.status == 0);
  std::vector<std::string> lines;
  std::istringstream in(r.out);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  REQUIRE(lines.size() == 66);  // header + 65 resources
  CHECK(lines[0] == "NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND");
  CHECK(lines[1] == "bindings                                         v1                                true         Binding");
  CHECK(lines[11] == "pods                                po           v1                                true         Pod");
  CHECK(lines[26] == "deployments                         deploy       apps/v1                           true         Deployment");
  CHECK(lines[35] == "horizontalpodautoscalers            hpa          autoscaling/v2                    true         HorizontalPodAutoscaler");
  CHECK(lines[65] == "volumeattributesclasses             vac          storage.k8s.io/v1                 false        VolumeAttributesClass");
  // -o wide adds verbs and categories, comma-joined; an empty last cell leaves the padding.
  auto w = k.run("api-resources -o wide --api-group=apps --sort-by=kind");
  CHECK(w.out ==
        "NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND                 VERBS                                                        CATEGORIES\n"
        "controllerrevisions                apps/v1      true         ControllerRevision   create,delete,deletecollection,get,list,patch,update,watch   \n"
        "daemonsets            ds           apps/v1      true         DaemonSet            create,delete,deletecollection,get,list,patch,update,watch   all\n"
        "deployments           deploy       apps/v1      true         Deployment           create,delete,deletecollection,get,list,patch,update,watch   all\n"
        "replicasets           rs           apps/v1      true         ReplicaSet           create,delete,deletecollection,get,list,patch,update,watch   all\n"
        "statefulsets          sts          apps/v1      true         StatefulSet          create,delete,deletecollection,get,list,patch,update,watch   all\n");
  // Filters need every listed verb and category; --api-group= (set, empty) means the core group.
  CHECK(k.run("api-resources -o name --verbs=list,watch --categories=all --api-group=").out == "pods\nreplicationcontrollers\nservices\n");
  CHECK(k.run("api-resources -o name --namespaced=false --api-group=storage.k8s.io").out ==
        "csidrivers.storage.k8s.io\ncsinodes.storage.k8s.io\nstorageclasses.storage.k8s.io\n"
        "volumeattachments.storage.k8s.io\nvolumeattributesclasses.storage.k8s.io\n");
  // Errors in kubectl's words.
  auto extra = k.run("api-resources pods");
  CHECK(extra.err == "error: unexpected arguments: [pods]\nSee 'kubectl api-resources -h' for help and examples\n");
  CHECK(extra.status == 1);
  CHECK(k.run("api-resources -o foo").err ==
        "error: unable to match a printer suitable for the output format \"foo\", allowed formats are: json,name,wide,yaml\n");
  CHECK(k.run("api-resources --sort-by=age").err == "error: --sort-by accepts only name or kind\n");
}

TEST_CASE("names with a selector are refused before anything changes, in the resource builder's words") {
  Kube k;
  k.run("create deployment web --image=nginx --replicas=2");
  k.run("rollout status deployment/web");
  const auto before = k.deploy("web")->metadata.resource_version;
  const size_t pods = k.c.store.pods().size();
  // (each compared with the real kubectl v1.34.5 binary)
  CHECK(k.run("scale deployment web --replicas=5 -l app=web").err == "error: name cannot be provided when a selector is specified\n");
  CHECK(k.run("rollout restart deployment/web -l app=web").err ==
        "error: selectors and the all flag cannot be used when passing resource/name arguments\n");
  CHECK(k.run("set image deployment/web nginx=nginx:1.28 -l app=web").err ==
        "error: selectors and the all flag cannot be used when passing resource/name arguments\n");
  CHECK(k.run("delete pods x --all").err == "error: name cannot be provided when a selector is specified\n");
  CHECK(k.run("label deployment web a=b -l app=web").err == "error: name cannot be provided when a selector is specified\n");
  CHECK(k.run("delete -l app=web").err == "error: at least one resource must be specified to use a selector\n");
  CHECK(k.run("scale --replicas=1 -l app=web").err == "error: at least one resource must be specified to use a selector\n");
  CHECK(k.run("patch deployment web -p {} --local").err == "error: cannot specify --local and server resources\n");
  CHECK(k.run("top pods --sort-by=name").err == "error: --sort-by accepts only cpu or memory\n");
  CHECK(k.deploy("web")->metadata.resource_version == before);
  CHECK(k.c.store.pods().size() == pods);
  // label's --all only selects with a type, so names may go with it
  CHECK(k.run("label deployment web a=b --all").out == "deployment.apps/web labeled\n");
}

TEST_CASE("kubeconfig flags, kubectl options, help topics and completion answer as kubectl v1.34 does") {
  Kube k;
  // (each compared with the real kubectl v1.34.5 binary)
  auto ctx = k.run("get pods --context=nope");
  CHECK(ctx.err == "Error in configuration: context was not found for specified context: nope\n");
  CHECK(ctx.status == 1);
  CHECK(k.run("get pods --kubeconfig=/nonexistent").err == "error: stat /nonexistent: no such file or directory\n");
  CHECK(k.run("get pods --context=minikube").status == 0);
  CHECK(k.run("version --client --context=nope").status == 0);
  CHECK(k.run("get pods -v=abc").err ==
        "error: invalid argument \"abc\" for \"-v, --v\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax\n"
        "See 'kubectl get --help' for usage.\n");
  CHECK(k.run("get pods -v=9999999999").err.find("value out of range") != std::string::npos);
  auto opts = k.run("options");
  CHECK(opts.out.rfind("The following options can be passed to any command:\n\n    --as='':\n", 0) == 0);
  CHECK(opts.out.find("    --cache-dir='/home/user/.kube/cache':\n") != std::string::npos);
  CHECK(opts.out.find("    --kuberc='':\n") != std::string::npos);
  CHECK(k.run("options --help").out.empty());
  auto topic = k.run("help bogus");
  CHECK(topic.status == 0);
  CHECK(topic.out.empty());
  CHECK(topic.err.rfind("Unknown help topic [`bogus`]\n\n\nBasic Commands (Beginner):\n", 0) == 0);
  CHECK(k.run("help get pods").out.rfind("Display one or many resources.\n", 0) == 0);
  CHECK(k.run("alpha").err == "No alpha commands are available in this version of kubectl\n");
  CHECK(k.run("completion").err == "error: Shell not specified.\nSee 'kubectl completion -h' for help and examples\n");
  CHECK(k.run("completion tcsh").err ==
        "error: Unsupported shell type \"tcsh\".\nSee 'kubectl completion -h' for help and examples\n");
}

TEST_CASE("commands without their words answer as kubectl v1.34 does") {
  Kube k;
  // (each compared with the real kubectl v1.34.5 binary)
  CHECK(k.run("create").err == "error: must specify one of -f and -k\n");
  CHECK(k.run("create foo bar").err == "error: Unexpected args: [foo bar]\nSee 'kubectl create -h' for help and examples\n");
  CHECK(k.run("config foo").err == "error: unknown command \"foo\"\nSee 'kubectl config -h' for help and examples\n");
  CHECK(k.run("top foo").err == "error: unknown command \"foo\"\nSee 'kubectl top -h' for help and examples\n");
  auto top = k.run("top");
  CHECK(top.status == 1);
  CHECK(top.err.rfind("Display resource (CPU/memory) usage.\n", 0) == 0);
  auto expose = k.run("expose");
  CHECK(expose.err.find("See 'kubectl expose -h'") == std::string::npos);
  // Help texts are kubectl's, whole: the option list has every flag, not only the ones kubesim uses.
  auto help = k.run("get --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("    --ignore-not-found=false:\n\tIf set to true, suppresses NotFound error for specific objects") != std::string::npos);
  CHECK(help.out.find("Usage:\n  kubectl get [(-o|--output=)") != std::string::npos);
  CHECK(k.run("cluster-info --help").out.find("Usage:\n  kubectl cluster-info [flags] [options]\n") != std::string::npos);
}

TEST_CASE("kubectl top answers like a minikube without metrics-server") {
  Kube k;
  Result r = k.run("top pods");
  CHECK(r.status == 1);
  CHECK(r.err == "error: Metrics API not available\n");
  CHECK(k.run("top nodes").err == "error: Metrics API not available\n");
}

// [SECTION] get --watch, events --watch: the rows a real kubectl v1.34 prints (checked against the
// real binary fed by tests/compare/standin_apiserver.py), run on kubesim's clock ---------------------

TEST_CASE("get -w prints the pods, then a row per change with widths that only grow, and stops once nothing is due") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  const int64_t t0 = k.c.now();
  auto r = k.run("get pods -w");
  CHECK(r.status == 0);
  const auto l = lines(r.out);
  REQUIRE(l.size() == 4);
  CHECK(l[0] == "NAME                                  READY   STATUS    RESTARTS   AGE");
  CHECK(l[1].find("   0/1     Pending   0          0s") != std::string::npos);
  // A wider STATUS cell widens the column from that row on; later rows keep the width.
  CHECK(l[2].find("   0/1     ContainerCreating   0          0s") != std::string::npos);
  CHECK(l[3].find("   1/1     Running             0          ") != std::string::npos);
  CHECK(k.c.now() > t0);  // the watch ran the clock
  CHECK(r.err.rfind("kubesim: stopped watching after ", 0) == 0);
  CHECK(r.err.find("(real kubectl keeps watching until interrupted)\n") != std::string::npos);
  // Nothing more happens: a second watch prints the table and stops at once.
  const int64_t t1 = k.c.now();
  auto again = k.run("get pods -w");
  CHECK(lines(again.out).size() == 2);
  CHECK(k.c.now() == t1);
}

TEST_CASE("get -w --request-timeout watches exactly that long and ends quietly") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  k.run("rollout status deployment/kubernetes-bootcamp");
  const int64_t t0 = k.c.now();
  auto r = k.run("get pods -w --request-timeout=90s");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(k.c.now() == t0 + 90000);
  CHECK(lines(r.out).size() == 2);
  auto bad = k.run("get pods -w --request-timeout=soon");
  CHECK(bad.status == 1);
  CHECK(bad.out.empty());
  CHECK(bad.err ==
        "error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a "
        "corresponding time unit (e.g. 1s | 2m | 3h)\n");
  CHECK(k.c.now() == t0 + 90000);
  CHECK(k.run("get pods --request-timeout=-5").status == 1);  // negative seconds are refused
  CHECK(k.run("get pods --request-timeout=5").status == 0);
  CHECK(k.run("get pods --request-timeout=1m30s").status == 0);
}

TEST_CASE("get -w --output-watch-events prefixes EVENT and --watch-only starts with the first change") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp);
  k.run("rollout status deployment/kubernetes-bootcamp");
  k.run("scale deployment kubernetes-bootcamp --replicas=2");
  auto r = k.run("get pods -w --watch-only --output-watch-events");
  const auto l = lines(r.out);
  REQUIRE(l.size() >= 3);
  // The header comes with the first row printed; the existing pods are not printed.
  CHECK(l[0].rfind("EVENT      NAME ", 0) == 0);
  CHECK(l[1].rfind("MODIFIED   kubernetes-bootcamp-", 0) == 0);
  CHECK(std::count_if(l.begin(), l.end(), [](const std::string& s) { return s.find("   1/1     Running") != std::string::npos; }) == 1);
}

TEST_CASE("a pod that ends its grace period shows its final state, the grace-0 update and the deletion") {
  Kube k;
  k.run(std::string("create deployment kubernetes-bootcamp --image=") + kBootcamp + " --replicas=2");
  k.run("rollout status deployment/kubernetes-bootcamp");
  k.run("scale deployment kubernetes-bootcamp --replicas=1");
  const int64_t t0 = k.c.now();
  auto r = k.run("get pods -w --output-watch-events");
  const auto l = lines(r.out);
  REQUIRE(l.size() == 6);  // header, two pods, three rows for the one that goes
  CHECK(l[2].find("   1/1     Terminating   0   ") != std::string::npos);
  // The bootcamp app ignores SIGTERM: killed at the end of the 30 s grace period (137, Error).
  const std::string victim = l[2].substr(l[2].find("kubernetes-bootcamp-"), l[2].find(' ', l[2].find("kubernetes-bootcamp-")) - l[2].find("kubernetes-bootcamp-"));
  CHECK(l[3].rfind("MODIFIED   " + victim, 0) == 0);
  CHECK(l[3].find("0/1     Error ") != std::string::npos);
  CHECK(l[4].rfind("MODIFIED   " + victim, 0) == 0);
  CHECK(l[5].rfind("DELETED    " + victim, 0) == 0);
  CHECK(k.c.now() - t0 >= 30000);
  CHECK(k.run("get pod " + victim).status == 1);
}

TEST_CASE("watch refuses what kubectl refuses") {
  Kube k;
  k.run("create deployment web --image=nginx --replicas=2");
  k.run("rollout status deployment/web");
  auto two_types = k.run("get pods,deploy -w");
  CHECK(two_types.status == 1);
  CHECK(two_types.err == "error: you may only specify a single resource type\n");
  auto missing = k.run("get pod nope -w");
  CHECK(missing.status == 1);
  CHECK(missing.err == "Error from server (NotFound): pods \"nope\" not found\n");
  const int64_t t0 = k.c.now();
  // Several names: printed, then the builder's refusal to watch more than one source.
  std::string names;
  for (auto& [key, pod] : k.c.store.pods())
    if (key.namespace_ == "default") names += " " + key.name;
  auto several = k.run("get pods" + names + " -w");
  CHECK(several.status == 1);
  CHECK(lines(several.out).size() == 3);
  CHECK(several.err == "error: you may only watch a single resource or type of resource at a time\n");
  CHECK(k.c.now() == t0);
}

TEST_CASE("a watch of a named object or with -o name prints that object's changes only") {
  Kube k;
  k.run("create deployment web --image=nginx");
  auto r = k.run("get deployment web -w -o name");
  CHECK(r.status == 0);
  const auto l = lines(r.out);
  REQUIRE(l.size() >= 2);
  for (auto& s : l) CHECK(s == "deployment.apps/web");
}

TEST_CASE("kubectl events -w prints every event there is in key order, then each new one, heading first") {
  Kube k;
  k.run("create deployment web --image=nginx");
  auto r = k.run("events -w");
  CHECK(r.status == 0);
  const auto l = lines(r.out);
  REQUIRE(l.size() > 10);
  CHECK(l[0].rfind("LAST SEEN   TYPE     REASON     OBJECT          MESSAGE", 0) == 0);  // aligned with the first row only
  CHECK(l[1].find("Node/minikube") != std::string::npos);
  CHECK(l.back().find("Started container nginx") != std::string::npos);
  CHECK(r.err.rfind("kubesim: stopped watching after ", 0) == 0);
  auto none = k.run("events -w --types=Warning --request-timeout=10s");
  CHECK(none.status == 0);
  CHECK(none.out.empty());
  CHECK(none.err.empty());
}
