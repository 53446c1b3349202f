// kubesim — `kubectl get --watch`: the rows a real kubectl v1.34 prints for a watch (checked
// against the real binary fed by a stand-in API server), run on kubesim's clock.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cluster.h"
#include "kubectl/kubectl.h"

using kubesim::Cluster;
using kubesim::ClusterOptions;
using kubesim::Output;

namespace {

struct Result {
  int status = 0;
  std::string out, err;
};

struct Kube {
  Cluster c;
  bool proxy = false;
  Kube() : c(ClusterOptions{}) { c.bootstrap(); }

  Result run(const std::string& line) {
    std::vector<std::string> args;
    size_t b = 0;
    while (b < line.size()) {
      size_t e = line.find(' ', b);
      if (e == std::string::npos) e = line.size();
      if (e > b) args.push_back(line.substr(b, e - b));
      b = e + 1;
    }
    Output out;
    kubesim::kubectl::Env env{c, out};
    env.namespace_ = "default";
    env.proxy_running = &proxy;
    Result r;
    r.status = kubesim::kubectl::run(args, env);
    r.out = out.stdout_text();
    r.err = out.stderr_text();
    return r;
  }
};

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

constexpr const char* kBootcamp = "gcr.io/google-samples/kubernetes-bootcamp:v1";

}  // namespace

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
