// kubesim — objects in the API's JSON shape, Go's JSON text, and decoding with the API's errors.
#include <catch2/catch.hpp>

#include "api/json.h"

using namespace kubesim::api;
using nlohmann::json;

static Deployment bootcamp() {
  Deployment d;
  d.metadata.name = "kubernetes-bootcamp";
  d.metadata.namespace_ = "default";
  d.metadata.uid = "0f5b1f7e-5d2a-4a43-9a4e-6c1f9c1a7d11";
  d.metadata.labels["app"] = "kubernetes-bootcamp";
  d.metadata.annotations["deployment.kubernetes.io/revision"] = "1";
  d.metadata.creation_ms = 1768212251000;
  d.metadata.generation = 1;
  d.metadata.resource_version = 612;
  d.spec.selector.match_labels["app"] = "kubernetes-bootcamp";
  d.spec.template_.labels["app"] = "kubernetes-bootcamp";
  Container c;
  c.name = "kubernetes-bootcamp";
  c.image = "gcr.io/google-samples/kubernetes-bootcamp:v1";
  d.spec.template_.spec.containers.push_back(c);
  return d;
}

TEST_CASE("kubectl -o json prints 4-space indented, key-sorted Go JSON") {
  const std::string text = go_json_indent(to_json(bootcamp()));
  CHECK(text.rfind("{\n    \"apiVersion\": \"apps/v1\",\n    \"kind\": \"Deployment\",\n    \"metadata\": {\n"
                   "        \"annotations\": {\n            \"deployment.kubernetes.io/revision\": \"1\"\n        },\n"
                   "        \"creationTimestamp\": \"2026-01-12T10:04:11Z\",\n        \"generation\": 1,\n",
                   0) == 0);
  CHECK(text.find("\"resourceVersion\": \"612\"") != std::string::npos);
  CHECK(text.find("\"resources\": {},") != std::string::npos);
  CHECK(text.find("\"securityContext\": {},") != std::string::npos);
  CHECK(text.back() == '}');
}

TEST_CASE("a deployment has the defaults the API server fills in") {
  const json j = to_json(bootcamp());
  CHECK(j["spec"]["progressDeadlineSeconds"] == 600);
  CHECK(j["spec"]["revisionHistoryLimit"] == 10);
  CHECK(j["spec"]["strategy"]["rollingUpdate"]["maxSurge"] == "25%");
  CHECK(j["spec"]["strategy"]["type"] == "RollingUpdate");
  // since v1.33 a zero creationTimestamp is omitted, also in templates
  CHECK_FALSE(j["spec"]["template"]["metadata"].contains("creationTimestamp"));
  const json& c = j["spec"]["template"]["spec"]["containers"][0];
  CHECK(c["imagePullPolicy"] == "IfNotPresent");
  CHECK(c["terminationMessagePath"] == "/dev/termination-log");
  CHECK_FALSE(c.contains("volumeMounts"));
  CHECK_FALSE(j["spec"]["template"]["spec"].contains("serviceAccountName"));
  CHECK(j["status"].is_object());
  CHECK(j["status"].empty());
}

TEST_CASE("a pod gets admission defaults and a token volume") {
  Pod p;
  p.metadata.name = "kubernetes-bootcamp-5485cc6795-6jx8m";
  p.metadata.uid = "7a1c9e2b-0b8d-4c51-8f5e-2f6d0d4b9e01";
  p.metadata.generation = 1;
  Container c;
  c.name = "kubernetes-bootcamp";
  c.image = "gcr.io/google-samples/kubernetes-bootcamp:v1";
  p.spec.containers.push_back(c);
  Condition cond;
  cond.type = "PodScheduled";
  cond.status = "True";
  cond.last_transition_ms = 1768212251000;
  p.status.conditions.push_back(cond);
  const json j = to_json(p);
  const std::string vol = kube_api_access_volume_name(p);
  CHECK(vol.rfind("kube-api-access-", 0) == 0);
  CHECK(vol.size() == 21);
  CHECK(j["spec"]["enableServiceLinks"] == true);
  CHECK(j["spec"]["preemptionPolicy"] == "PreemptLowerPriority");
  CHECK(j["spec"]["serviceAccountName"] == "default");
  CHECK(j["spec"]["serviceAccount"] == "default");
  CHECK(j["spec"]["volumes"][0]["name"] == vol);
  CHECK(j["spec"]["volumes"][0]["projected"]["defaultMode"] == 420);
  CHECK(j["spec"]["containers"][0]["volumeMounts"][0]["mountPath"] == "/var/run/secrets/kubernetes.io/serviceaccount");
  CHECK(j["status"]["conditions"][0]["lastProbeTime"].is_null());
  CHECK(j["status"]["conditions"][0]["observedGeneration"] == 1);
  CHECK(j["status"]["phase"] == "Pending");
}

TEST_CASE("lists print as kind List with an empty resourceVersion") {
  const json l = to_json_list({json{{"a", 1}}});
  CHECK(go_json_marshal(l) == R"({"apiVersion":"v1","items":[{"a":1}],"kind":"List","metadata":{"resourceVersion":""}})");
}

TEST_CASE("Go JSON escapes HTML characters and keeps UTF-8") {
  CHECK(go_json_quote("<none> & \"x\"") == R"("\u003cnone\u003e \u0026 \"x\"")");
  CHECK(go_json_quote("a\nb\tc\x01") == "\"a\\nb\\tc\\u0001\"");
  CHECK(go_json_quote("\xEC\x95\x88\xEB\x85\x95") == "\"\xEC\x95\x88\xEB\x85\x95\"");
  CHECK(go_json_quote("bad\xFF") == "\"bad\\ufffd\"");
  CHECK(go_json_indent(json::parse(R"({"a":[],"b":{},"c":[1,2]})")) ==
        "{\n    \"a\": [],\n    \"b\": {},\n    \"c\": [\n        1,\n        2\n    ]\n}");
  CHECK(go_json_number(json(1.5)) == "1.5");
  CHECK(go_json_number(json(1e21)) == "1e+21");
  CHECK(go_json_number(json(1e-7)) == "1e-7");
}

TEST_CASE("Go fmt of decoded JSON values") {
  const json v = json::parse(R"({"b":[1,"x",null],"a":1.5})");
  CHECK(go_sprint(v) == "map[a:1.5 b:[1 x <nil>]]");
  CHECK(go_sharp_v(v) == R"(map[string]interface {}{"a":1.5, "b":[]interface {}{1, "x", interface {}(nil)}})");
  CHECK(go_format_float(1e6, 'g', -1) == "1e+06");
  CHECK(go_format_float(100000, 'g', -1) == "100000");
  CHECK(go_quote("a\"b\n") == "\"a\\\"b\\n\"");
}

TEST_CASE("manifests decode with API defaults") {
  const json j = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
    "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
    "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx",
      "ports":[{"containerPort":80}],"resources":{"limits":{"cpu":"500m","memory":"128Mi"}}}]}}}})");
  Deployment d;
  std::string err;
  REQUIRE(from_json(j, d, err));
  CHECK(d.metadata.name == "web");
  CHECK(d.spec.replicas == 3);
  CHECK(d.spec.strategy.max_surge == IntOrString::Str("25%"));
  const Container& c = d.spec.template_.spec.containers.at(0);
  CHECK(c.image_pull_policy == "Always");  // no tag means :latest
  CHECK(c.ports.at(0).protocol == "TCP");
  CHECK(*c.requests.cpu_milli == 500);  // requests default to limits
  CHECK(to_json(d)["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]["memory"] == "128Mi");
}

TEST_CASE("a wrong type is reported like the API server's JSON decoder") {
  Deployment d;
  std::string err;
  CHECK_FALSE(from_json(json::parse(R"({"kind":"Deployment","spec":{"replicas":"3"}})"), d, err));
  CHECK(err == "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into "
               "Go struct field DeploymentSpec.spec.replicas of type int32");
  CHECK_FALSE(from_json(json::parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"a","image":5}]}}}})"), d, err));
  CHECK(err == "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number into "
               "Go struct field Container.spec.template.spec.containers.image of type string");
  CHECK_FALSE(from_json(json::parse(R"({"spec":{"replicas":2.5}})"), d, err));
  CHECK(err.find("cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32") != std::string::npos);
}

TEST_CASE("unknown fields are a strict decoding error listing every field") {
  Deployment d;
  std::string err;
  CHECK_FALSE(from_json(json::parse(R"({"spec":{"replica":3}})"), d, err));
  CHECK(err == "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\"");
  CHECK_FALSE(from_json(json::parse(R"({"metadata":{"replicas":1,"selector":{}},"template":{}})"), d, err));
  CHECK(err == "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field "
               "\"metadata.replicas\", unknown field \"metadata.selector\", unknown field \"template\"");
  CHECK_FALSE(from_json(json::parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"a","imagee":"x"}]}}}})"), d, err));
  CHECK(err.find("unknown field \"spec.template.spec.containers[0].imagee\"") != std::string::npos);
}

TEST_CASE("services decode with port defaults and round-trip") {
  Service s;
  std::string err;
  REQUIRE(from_json(json::parse(R"({"metadata":{"name":"web"},"spec":{"type":"NodePort","selector":{"app":"web"},"ports":[{"port":8080}]}})"), s, err));
  CHECK(s.spec.ports.at(0).target_port == IntOrString::Int(8080));
  CHECK(s.spec.external_traffic_policy == "Cluster");
  s.spec.cluster_ip = "10.98.143.62";
  s.spec.ports[0].node_port = 31526;
  const json j = to_json(s);
  CHECK(j["spec"]["ports"][0] == json::parse(R"({"nodePort":31526,"port":8080,"protocol":"TCP","targetPort":8080})"));
  CHECK(j["spec"]["clusterIPs"] == json::array({"10.98.143.62"}));
  CHECK(j["status"] == json::parse(R"({"loadBalancer":{}})"));
  Service back;
  REQUIRE(from_json(j, back, err));
  CHECK(back.spec.ports.at(0).node_port == 31526);
  CHECK(back.metadata.name == "web");
}

TEST_CASE("image pull policy defaults follow the tag") {
  CHECK(default_image_pull_policy("nginx") == "Always");
  CHECK(default_image_pull_policy("nginx:latest") == "Always");
  CHECK(default_image_pull_policy("nginx:1.25") == "IfNotPresent");
  CHECK(default_image_pull_policy("localhost:5000/app") == "Always");
  CHECK(default_image_pull_policy("nginx@sha256:abc") == "IfNotPresent");
}
