// Built-in scenarios and scenario files.
#include <catch2/catch.hpp>

#include "engine.h"
#include "scenarios.h"

using namespace kubesim;

TEST_CASE("the built-in scenarios are fresh and bootcamp") {
  REQUIRE(scenarios::find("fresh"));
  REQUIRE(scenarios::find("bootcamp"));
  CHECK(scenarios::find("nope") == nullptr);
  CHECK(scenarios::find("fresh")->script.empty());
}

TEST_CASE("fresh has nothing of the learner's in the default namespace") {
  Engine e;
  const auto& st = e.cluster().store;
  CHECK(st.deployments().in_namespace("default").begin() == st.deployments().in_namespace("default").end());
  CHECK(st.services().get("default", "kubernetes") != nullptr);
  CHECK(e.run("kubectl get deployments").output.text() == "No resources found in default namespace.\n");
}

TEST_CASE("bootcamp starts with the tutorial's deployment, running for a while, exposed on a NodePort") {
  Engine e(EngineOptions{1, 1, "bootcamp", "", true});
  const auto& st = e.cluster().store;
  const api::Deployment* d = st.deployments().get("default", "kubernetes-bootcamp");
  REQUIRE(d);
  CHECK(d->spec.replicas == 1);
  CHECK(d->spec.template_.spec.containers.at(0).image == "gcr.io/google-samples/kubernetes-bootcamp:v1");
  CHECK(d->status.available_replicas == 1);
  const api::Service* s = st.services().get("default", "kubernetes-bootcamp");
  REQUIRE(s);
  CHECK(s->spec.type == "NodePort");
  CHECK(s->spec.ports.at(0).port == 8080);
  CHECK(s->spec.ports.at(0).node_port >= 30000);
  // "running for a while": minutes, not seconds
  CHECK(e.now() - d->metadata.creation_ms >= 4 * 60 * 1000);
  // nothing of the setup is in the learner's history or command log
  CHECK(e.command_log().empty());
  CHECK(e.run("history").output.text() == "    1  history\n");
  // and the app answers on the NodePort
  std::string body = e.run("curl -s http://$(minikube ip):" + std::to_string(s->spec.ports.at(0).node_port)).output.text();
  CHECK(body.rfind("Hello Kubernetes bootcamp! | Running on: kubernetes-bootcamp-", 0) == 0);
}

TEST_CASE("the bootcamp scenario is the same for the same seed") {
  Engine a(EngineOptions{5, 1, "bootcamp", "", true}), b(EngineOptions{5, 1, "bootcamp", "", true});
  CHECK(a.state_hash() == b.state_hash());
  CHECK(a.run("kubectl get pods").output.text() == b.run("kubectl get pods").output.text());
}

TEST_CASE("a scenario file's lines run at start, continuation lines included") {
  EngineOptions o;
  o.scenario = "setup.sh";
  o.scenario_text = "kubectl create deployment web \\\n  --image=nginx\nexport GREETING='hi there'\nsleep 10\n";
  Engine e(o);
  CHECK(e.cluster().store.deployments().get("default", "web") != nullptr);
  CHECK(e.run("echo $GREETING").output.text() == "hi there\n");
  CHECK(e.now() == e.start_time());
}
