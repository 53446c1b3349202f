// The curl command line: output, options, error texts and exit codes.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cluster.h"
#include "network/curl.h"

using namespace kubesim;

namespace {

struct World {
  Cluster c;
  int32_t node_port = 0;
  std::string pod;
  World() : c(ClusterOptions{9, 1, "v1.34.0"}) {
    c.bootstrap();
    api::ReplicaSet rs;
    rs.metadata.name = "web";
    rs.metadata.namespace_ = "default";
    rs.spec.replicas = 1;
    rs.spec.selector.match_labels = {{"app", "web"}};
    rs.spec.template_.labels = {{"app", "web"}};
    api::Container ctr;
    ctr.name = "web";
    ctr.image = "gcr.io/google-samples/kubernetes-bootcamp:v1";
    rs.spec.template_.spec.containers.push_back(ctr);
    REQUIRE(c.store.create(rs).ok);
    api::Service s;
    s.metadata.name = "web";
    s.metadata.namespace_ = "default";
    s.spec.type = "NodePort";
    s.spec.selector = {{"app", "web"}};
    s.spec.cluster_ip = c.network.allocate_cluster_ip(c);
    api::ServicePort p;
    p.port = 8080;
    p.target_port = api::IntOrString::Int(8080);
    p.node_port = node_port = c.network.allocate_node_port(c);
    s.spec.ports.push_back(p);
    REQUIRE(c.store.create(s).ok);
    c.settle();
    c.advance(30000);
    for (auto& [k, p2] : c.store.pods()) if (k.name.rfind("web-", 0) == 0) pod = k.name;
    REQUIRE(!pod.empty());
  }
  struct Result { int rc; std::string out, err; };
  Result curl(std::vector<std::string> args, const std::string& from = "", bool proxy = false) {
    args.insert(args.begin(), "curl");
    Output o;
    int rc = network::curl_command(args, c, o, from, proxy);
    return {rc, o.stdout_text(), o.stderr_text()};
  }
  std::string url() const { return "192.168.49.2:" + std::to_string(node_port); }
};

}  // namespace

TEST_CASE("curl prints the bootcamp greeting exactly, with its own newline only") {
  World w;
  auto r = w.curl({w.url()});
  CHECK(r.rc == 0);
  CHECK(r.out == "Hello Kubernetes bootcamp! | Running on: " + w.pod + " | v=1\n");
  CHECK(r.err.empty());
  auto s = w.curl({"http://" + w.url() + "/anything?x=1"});
  CHECK(s.out == r.out);
}

TEST_CASE("curl without a URL tells how to get help") {
  World w;
  auto r = w.curl({});
  CHECK(r.rc == 2);
  CHECK(r.err == "curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
  auto bad = w.curl({"--nope", w.url()});
  CHECK(bad.rc == 2);
  CHECK(bad.err == "curl: option --nope: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
  auto m = w.curl({w.url(), "-m"});
  CHECK(m.rc == 2);
  CHECK(m.err == "curl: option -m: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
  auto num = w.curl({"-m", "abc", w.url()});
  CHECK(num.err == "curl: option -m: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
}

TEST_CASE("curl reports URL, resolve and connect errors like curl 8") {
  World w;
  auto host = w.curl({"foo"});
  CHECK(host.rc == 6);
  CHECK(host.err == "curl: (6) Could not resolve host: foo\n");
  auto refused = w.curl({"192.168.49.2:31999"});
  CHECK(refused.rc == 7);
  CHECK(refused.err == "curl: (7) Failed to connect to 192.168.49.2 port 31999 after 0 ms: Couldn't connect to server\n");
  auto port = w.curl({"192.168.49.2:99999"});
  CHECK(port.rc == 3);
  CHECK(port.err == "curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n");
  auto proto = w.curl({"foo://bar"});
  CHECK(proto.rc == 1);
  CHECK(proto.err == "curl: (1) Protocol \"foo\" not supported\n");
  auto nohost = w.curl({"http://:80/"});
  CHECK(nohost.rc == 3);
  CHECK(nohost.err == "curl: (3) URL rejected: No host part in the URL\n");
  auto silent = w.curl({"-s", "foo"});
  CHECK(silent.rc == 6);
  CHECK(silent.err.empty());
  auto shown = w.curl({"-sS", "foo"});
  CHECK(shown.err == "curl: (6) Could not resolve host: foo\n");
}

TEST_CASE("curl -m times out on a pod IP from the learner's machine and the clock moves") {
  World w;
  const api::Pod* p = w.c.store.pods().get("default", w.pod);
  const int64_t before = w.c.now();
  auto r = w.curl({"-m", "5", "http://" + p->status.pod_ip + ":8080"});
  CHECK(r.rc == 28);
  CHECK(r.err.rfind("curl: (28) Connection timed out after 500", 0) == 0);
  CHECK(w.c.now() - before >= 5000);
  CHECK(w.c.now() - before < 5010);
  // Without -m the kernel gives up after about two minutes.
  auto slow = w.curl({p->status.pod_ip + ":8080"});
  CHECK(slow.rc == 28);
  CHECK(slow.err.find("Failed to connect to " + p->status.pod_ip + " port 8080 after 1") != std::string::npos);
  CHECK(slow.err.find(" ms: Couldn't connect to server\n") != std::string::npos);
}

TEST_CASE("curl -s -o /dev/null -w prints just the status code") {
  World w;
  auto r = w.curl({"-s", "-o", "/dev/null", "-w", "%{http_code}", w.url()});
  CHECK(r.rc == 0);
  CHECK(r.out == "200");
  CHECK(r.err.empty());
  auto fail = w.curl({"-s", "-o", "/dev/null", "-w", "%{http_code}\\n", "192.168.49.2:31999"});
  CHECK(fail.out == "000\n");
  CHECK(fail.rc == 7);
  auto meter = w.curl({"-o", "/dev/null", w.url()});
  CHECK(meter.out.empty());
  CHECK(meter.err.rfind("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n", 0) == 0);
}

TEST_CASE("curl -i shows the response head and -I only the head") {
  World w;
  auto r = w.curl({"-i", w.url()});
  CHECK(r.out.rfind("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: ", 0) == 0);
  CHECK(r.out.find("\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\nHello Kubernetes bootcamp!") != std::string::npos);
  auto h = w.curl({"-I", w.url()});
  CHECK(h.out.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(h.out.find("Hello") == std::string::npos);
  auto v = w.curl({"-v", w.url()});
  CHECK(v.err.rfind("*   Trying 192.168.49.2:" + std::to_string(w.node_port) + "...\n", 0) == 0);
  CHECK(v.err.find("> GET / HTTP/1.1\n> Host: " + w.url() + "\n") != std::string::npos);
}

TEST_CASE("curl follows the proxy's redirect with -L and runs several URLs") {
  World w;
  const std::string base = "http://localhost:8001/api/v1/namespaces/default/pods/" + w.pod + ":8080/proxy";
  auto no_follow = w.curl({base}, "", true);
  CHECK(no_follow.rc == 0);
  CHECK(no_follow.out.empty());
  auto follow = w.curl({"-L", base}, "", true);
  CHECK(follow.out == "Hello Kubernetes bootcamp! | Running on: " + w.pod + " | v=1\n");
  auto two = w.curl({w.url(), w.url()});
  CHECK(two.out == follow.out + follow.out);
  auto f = w.curl({"-f", "http://localhost:8001/nope"}, "", true);
  CHECK(f.rc == 22);
  CHECK(f.err == "curl: (22) The requested URL returned error: 404\n");
  auto nf = w.curl({"http://localhost:8001/nope"}, "", true);
  CHECK(nf.out == "404 page not found\n");
}

TEST_CASE("curl to the API server without -k fails the certificate check") {
  World w;
  auto r = w.curl({"https://192.168.49.2:8443/version"});
  CHECK(r.rc == 60);
  CHECK(r.err.rfind("curl: (60) SSL certificate problem: unable to get local issuer certificate\n", 0) == 0);
  auto k = w.curl({"-k", "https://192.168.49.2:8443/version"});
  CHECK(k.rc == 0);
  CHECK(k.out.find("\"gitVersion\": \"v1.34.0\"") != std::string::npos);
  auto anon = w.curl({"-k", "https://192.168.49.2:8443/api"});
  CHECK(anon.out.find("\"message\": \"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"/api\\\"\"") != std::string::npos);
  auto plain = w.curl({"http://192.168.49.2:8443/"});
  CHECK(plain.out == "Client sent an HTTP request to an HTTPS server.\n");
}
