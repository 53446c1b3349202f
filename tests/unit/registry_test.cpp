// Image registry model: reference grammar, the image table, pull errors.
#include <catch2/catch.hpp>

#include "kubelet/registry.h"

using kubesim::kubelet::AppKind;
using kubesim::kubelet::Registry;

TEST_CASE("image references are normalized like Docker's reference grammar") {
  auto r = Registry::parse("nginx");
  REQUIRE(r);
  CHECK(r->full() == "docker.io/library/nginx:latest");
  CHECK(r->familiar() == "nginx:latest");
  r = Registry::parse("jocatalin/kubernetes-bootcamp:v2");
  REQUIRE(r);
  CHECK(r->full() == "docker.io/jocatalin/kubernetes-bootcamp:v2");
  CHECK(Registry::parse("docker.io/jocatalin/kubernetes-bootcamp:v2")->full() == r->full());
  CHECK(Registry::parse("index.docker.io/jocatalin/kubernetes-bootcamp:v2")->full() == r->full());
  r = Registry::parse("gcr.io/google-samples/kubernetes-bootcamp:v1");
  REQUIRE(r);
  CHECK(r->registry == "gcr.io");
  CHECK(r->repository == "google-samples/kubernetes-bootcamp");
  CHECK(r->tag == "v1");
  r = Registry::parse("localhost:5000/my-app:1.0");
  REQUIRE(r);
  CHECK(r->registry == "localhost:5000");
  r = Registry::parse("nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000");
  REQUIRE(r);
  CHECK(r->tag.empty());
  CHECK(r->digest.size() == 71);
}

TEST_CASE("malformed references are rejected with Docker's words") {
  CHECK(!Registry::parse(""));
  CHECK(!Registry::parse("nginx:"));
  CHECK(!Registry::parse("nginx::1"));
  CHECK(!Registry::parse("-nginx"));
  CHECK(!Registry::parse("ngi nx"));
  CHECK(!Registry::parse("nginx@sha256:abc"));
  CHECK(Registry::parse_error("Nginx") == "invalid reference format: repository name (library/Nginx) must be lowercase");
  CHECK(Registry::parse_error("MyOrg/app:v1") == "invalid reference format: repository name (MyOrg/app) must be lowercase");
  CHECK(Registry::parse_error("nginx:bad tag") == "invalid reference format");
  CHECK(Registry::parse_error("nginx:1.29").empty());
}

TEST_CASE("the tutorial images exist with their real digests and behaviour") {
  Registry reg;
  auto* v1 = reg.resolve("gcr.io/google-samples/kubernetes-bootcamp:v1");
  REQUIRE(v1);
  CHECK(v1->app == AppKind::Bootcamp);
  CHECK(v1->version == 1);
  CHECK(v1->listen_port == 8080);
  CHECK(v1->ignores_sigterm);
  CHECK(v1->repo_digest == "sha256:0d6b8ee63bb57c5f5b6156f446b3bc3b3c143d233037f3a2f00e279c8fcc64af");
  CHECK(v1->files.count("/server.js") == 1);
  CHECK(v1->files.at("/server.js").find("Hello Kubernetes bootcamp! | Running on: ") != std::string::npos);
  auto* v2 = reg.resolve("jocatalin/kubernetes-bootcamp:v2");
  REQUIRE(v2);
  CHECK(v2->version == 2);
  CHECK(reg.resolve("docker.io/jocatalin/kubernetes-bootcamp:v2") == v2);
  CHECK(Registry::docker_image_id("jocatalin/kubernetes-bootcamp:v2", *v2) ==
        "docker-pullable://jocatalin/kubernetes-bootcamp@sha256:fb1a3ced00cecfc1f83f18ab5cd14199e30adc1b49aa4244f5d65ad3f5feb2a5");
  CHECK(reg.resolve("nginx")->app == AppKind::Nginx);
  CHECK(reg.resolve("nginx:1.27-alpine")->app == AppKind::Nginx);
  CHECK(reg.resolve("httpd:2.4")->app == AppKind::Httpd);
  CHECK(reg.resolve("busybox:1.37")->app == AppKind::Busybox);
  CHECK(reg.resolve("redis:7.4")->app == AppKind::Redis);
  CHECK(reg.resolve("registry.k8s.io/e2e-test-images/agnhost:2.39")->app == AppKind::Agnhost);
  CHECK(reg.resolve("registry.k8s.io/echoserver:1.10")->app == AppKind::EchoServer);
  CHECK(reg.resolve("k8s.gcr.io/echoserver:1.4")->app == AppKind::EchoServer);
  CHECK(reg.resolve("kicbase/echo-server:1.0")->app == AppKind::KicbaseEcho);
  CHECK(reg.resolve("hello-world")->app == AppKind::HelloWorld);
  CHECK(reg.resolve("ubuntu:24.04")->app == AppKind::Shell);
  CHECK(reg.resolve("gcr.io/google-samples/kubernetes-bootcamp:v10") == nullptr);
  CHECK(reg.resolve("nginx:9.99") == nullptr);
}

TEST_CASE("a missing tag or repository fails with the docker daemon's message") {
  Registry reg;
  CHECK(reg.pull_error("gcr.io/google-samples/kubernetes-bootcamp:v10") ==
        "Error response from daemon: manifest for gcr.io/google-samples/kubernetes-bootcamp:v10 not found: manifest unknown: "
        "Failed to fetch \"v10\"");
  CHECK(reg.pull_error("docker.io/jocatalin/kubernetes-bootcamp:v10") ==
        "Error response from daemon: manifest for jocatalin/kubernetes-bootcamp:v10 not found: manifest unknown: manifest unknown");
  CHECK(reg.pull_error("nginx:9.99") ==
        "Error response from daemon: manifest for nginx:9.99 not found: manifest unknown: manifest unknown");
  CHECK(reg.pull_error("no-such-image-xyz") ==
        "Error response from daemon: pull access denied for no-such-image-xyz, repository does not exist or may require 'docker "
        "login': denied: requested access to the resource is denied");
  CHECK(reg.pull_error("registry.example.com/app:1") ==
        "Error response from daemon: Get \"https://registry.example.com/v2/\": dial tcp: lookup registry.example.com on "
        "192.168.49.1:53: no such host");
}

TEST_CASE("pull time grows with image size") {
  Registry reg;
  auto busybox = reg.pull_time_ms(*reg.resolve("busybox"));
  auto bootcamp = reg.pull_time_ms(*reg.resolve("gcr.io/google-samples/kubernetes-bootcamp:v1"));
  auto nginx = reg.pull_time_ms(*reg.resolve("nginx"));
  CHECK(busybox < nginx);
  CHECK(nginx < bootcamp);
  CHECK(bootcamp > 3000);
  CHECK(bootcamp < 8000);
}

TEST_CASE("the bootcamp app logs like the tutorial shows") {
  Registry reg;
  auto* v1 = reg.resolve("gcr.io/google-samples/kubernetes-bootcamp:v1");
  const int64_t t = 1768212251341;  // 2026-01-12T10:04:11.341Z
  CHECK(Registry::startup_log(*v1, "kubernetes-bootcamp-x", t) ==
        "Kubernetes Bootcamp App Started At: 2026-01-12T10:04:11.341Z | Running On:  kubernetes-bootcamp-x \n\n");
  CHECK(Registry::request_log(*v1, "kubernetes-bootcamp-x", 1, t, t + 226123) ==
        "Running On: kubernetes-bootcamp-x | Total Requests: 1 | App Uptime: 226.123 seconds | Log Time: "
        "2026-01-12T10:07:57.464Z\n");
}
