// kubesim — kubectl patch: merge, strategic merge and JSON patch.
#include <catch2/catch.hpp>

#include "kubectl/patch.h"

using namespace kubesim::kubectl;
using nlohmann::json;

static const json kDeploy = json::parse(R"({"metadata":{"name":"web","labels":{"app":"web","tier":"front"},"finalizers":["a"]},
  "spec":{"replicas":1,"template":{"spec":{"containers":[
    {"name":"web","image":"nginx:1.24","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":80,"protocol":"TCP"}]},
    {"name":"log","image":"busybox"}]}}}})");

TEST_CASE("merge patches replace lists and delete keys set to null") {
  const json r = merge_patch(kDeploy, json::parse(R"({"metadata":{"labels":{"tier":null}},"spec":{"replicas":3}})"));
  CHECK(r["metadata"]["labels"] == json::parse(R"({"app":"web"})"));
  CHECK(r["spec"]["replicas"] == 3);
  const json r2 = merge_patch(kDeploy, json::parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"x"}]}}}})"));
  CHECK(r2["spec"]["template"]["spec"]["containers"].size() == 1);
}

TEST_CASE("strategic merge patches merge containers by name and env by name") {
  json r;
  std::string err;
  REQUIRE(apply_patch("", kDeploy,
                      R"({"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.25","env":[{"name":"B","value":"2"}]}]}}}})",
                      r, err));
  const json& cs = r["spec"]["template"]["spec"]["containers"];
  REQUIRE(cs.size() == 2);
  CHECK(cs[0]["name"] == "web");
  CHECK(cs[0]["image"] == "nginx:1.25");
  CHECK(cs[0]["env"] == json::parse(R"([{"name":"A","value":"1"},{"name":"B","value":"2"}])"));
  CHECK(cs[0]["ports"][0]["containerPort"] == 80);
  CHECK(cs[1]["name"] == "log");
}

TEST_CASE("strategic merge patch directives delete list items and whole maps") {
  json r;
  std::string err;
  REQUIRE(strategic_merge_patch(kDeploy, json::parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"log","$patch":"delete"}]}}}})"), r, err));
  CHECK(r["spec"]["template"]["spec"]["containers"].size() == 1);
  REQUIRE(strategic_merge_patch(kDeploy, json::parse(R"({"metadata":{"labels":{"$patch":"replace","x":"y"}}})"), r, err));
  CHECK(r["metadata"]["labels"] == json::parse(R"({"x":"y"})"));
  REQUIRE(strategic_merge_patch(kDeploy, json::parse(R"({"metadata":{"finalizers":["b"]}})"), r, err));
  CHECK(r["metadata"]["finalizers"] == json::parse(R"(["a","b"])"));
  REQUIRE(strategic_merge_patch(kDeploy, json::parse(R"({"spec":{"template":{"spec":{"containers":[{"name":"new","image":"x"}]}}}})"), r, err));
  CHECK(r["spec"]["template"]["spec"]["containers"][2]["name"] == "new");
  CHECK_FALSE(strategic_merge_patch(kDeploy, json::parse(R"({"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}})"), r, err));
  CHECK(err == "map: map[image:x] does not contain declared merge key: name");
}

TEST_CASE("JSON patches apply RFC 6902 operations") {
  json r;
  std::string err;
  REQUIRE(apply_patch("json", kDeploy,
                      R"([{"op":"replace","path":"/spec/replicas","value":5},
                          {"op":"add","path":"/metadata/labels/new","value":"v"},
                          {"op":"remove","path":"/spec/template/spec/containers/1"},
                          {"op":"add","path":"/metadata/finalizers/-","value":"z"}])",
                      r, err));
  CHECK(r["spec"]["replicas"] == 5);
  CHECK(r["metadata"]["labels"]["new"] == "v");
  CHECK(r["spec"]["template"]["spec"]["containers"].size() == 1);
  CHECK(r["metadata"]["finalizers"] == json::parse(R"(["a","z"])"));
  CHECK_FALSE(apply_patch("json", kDeploy, R"([{"op":"replace","path":"/spec/replica","value":5}])", r, err));
  CHECK(err == "replace operation does not apply: doc is missing key: /spec/replica: missing value");
  CHECK_FALSE(apply_patch("json", kDeploy, R"([{"op":"test","path":"/spec/replicas","value":2}])", r, err));
  CHECK(err == "testing value /spec/replicas failed: test failed");
}

TEST_CASE("kubectl patch rejects bad types and unparsable patches") {
  json r;
  std::string err;
  CHECK_FALSE(apply_patch("bogus", kDeploy, "{}", r, err));
  CHECK(err == "--type must be one of [json merge strategic], not \"bogus\"");
  CHECK_FALSE(apply_patch("merge", kDeploy, "{\"spec\": {", r, err));
  CHECK(err.rfind("unable to parse \"{\\\"spec\\\": {\": yaml: ", 0) == 0);
  REQUIRE(apply_patch("merge", kDeploy, "spec:\n  replicas: 2\n", r, err));
  CHECK(r["spec"]["replicas"] == 2);
}
