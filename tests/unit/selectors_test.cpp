// Label and field selectors as the API server parses and matches them, with its error words.
#include <catch2/catch.hpp>

#include "kubectl/resources.h"
#include "kubectl/selectors.h"

using namespace kubesim;
using namespace kubesim::kubectl;

namespace {
LabelSelector label_selector(const std::string& text) {
  LabelSelector s;
  REQUIRE(parse_label_selector(text, s).empty());
  return s;
}
}  // namespace

TEST_CASE("equality, inequality, set and existence requirements all have to match") {
  LabelSelector s = label_selector("app=web,tier!=db,env in (prod,staging),!legacy,team");
  CHECK(s.matches({{"app", "web"}, {"tier", "front"}, {"env", "prod"}, {"team", "a"}}));
  CHECK(s.matches({{"app", "web"}, {"env", "staging"}, {"team", "a"}}));  // tier absent satisfies !=
  CHECK_FALSE(s.matches({{"app", "web"}, {"tier", "db"}, {"env", "prod"}, {"team", "a"}}));
  CHECK_FALSE(s.matches({{"app", "web"}, {"env", "dev"}, {"team", "a"}}));
  CHECK_FALSE(s.matches({{"app", "web"}, {"env", "prod"}, {"team", "a"}, {"legacy", "true"}}));
  CHECK_FALSE(s.matches({{"app", "web"}, {"env", "prod"}}));
}

TEST_CASE("requirements are kept sorted by key and print in kubectl's form") {
  CHECK(label_selector("z=1,a==2,m notin (y,x),!k").str() == "a==2,!k,m notin (x,y),z=1");
  CHECK(label_selector(" app = web ").str() == "app=web");
  CHECK(label_selector("").empty());
}

TEST_CASE("an empty value matches only an empty label value") {
  LabelSelector s = label_selector("app=");
  CHECK(s.matches({{"app", ""}}));
  CHECK_FALSE(s.matches({{"app", "x"}}));
}

TEST_CASE("gt and lt compare integer label values") {
  LabelSelector s = label_selector("replicas>2");
  CHECK(s.matches({{"replicas", "3"}}));
  CHECK_FALSE(s.matches({{"replicas", "2"}}));
  CHECK_FALSE(s.matches({{"replicas", "x"}}));
  CHECK(label_selector("n<10").matches({{"n", "-4"}}));
}

TEST_CASE("label selector syntax errors use the parser's words") {
  LabelSelector s;
  CHECK(parse_label_selector("app in (a", s) == "unable to parse requirement: found '', expected: ',' or ')'");
  CHECK(parse_label_selector(",", s) == "found ',', expected: !, identifier, or 'end of string'");
  CHECK(parse_label_selector("a b", s) == "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt");
  CHECK(parse_label_selector("!x=y", s) == "found '=', expected: ',' or 'end of string'");
  CHECK(parse_label_selector("x=(y)", s) == "unable to parse requirement: found '(', expected: identifier");
  CHECK(parse_label_selector("a,", s) == "found '', expected: identifier after ','");
}

TEST_CASE("invalid keys and values get the validation messages") {
  LabelSelector s;
  CHECK(parse_label_selector("app.kubernetes_io/name=x", s) ==
        "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": prefix part a lowercase RFC "
        "1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an "
        "alphanumeric character (e.g. 'example.com', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  CHECK(parse_label_selector("x=-y", s) ==
        "unable to parse requirement: values[0][x]: Invalid value: \"-y\": a valid label must be an empty string or "
        "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
        "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  CHECK(parse_label_selector("x>a", s) ==
        "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an "
        "integer");
}

TEST_CASE("field selectors accept =, == and != and sort their terms") {
  FieldSelector f;
  REQUIRE(parse_field_selector("status.phase!=Running,metadata.name==web", f).empty());
  REQUIRE(f.terms.size() == 2);
  CHECK(f.terms[0].field == "metadata.name");
  CHECK_FALSE(f.terms[0].negate);
  CHECK(f.terms[1].field == "status.phase");
  CHECK(f.terms[1].negate);

  api::Pod p;
  p.metadata.name = "web";
  p.status.phase = "Pending";
  CHECK(field_selector_matches(p, f));
  p.status.phase = "Running";
  CHECK_FALSE(field_selector_matches(p, f));
}

TEST_CASE("field selector errors are the API server's") {
  FieldSelector f;
  CHECK(parse_field_selector("spec.nodeName", f) == "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'");
  CHECK(parse_field_selector("a=b=c", f) == "invalid field selector: unescaped character in value: 61");
  REQUIRE(parse_field_selector("spec.foo=x", f).empty());
  CHECK(check_field_selector(store::Kind::Pod, f) == "field label not supported: spec.foo");
  CHECK(check_field_selector(store::Kind::Deployment, f) ==
        "\"spec.foo\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
  REQUIRE(parse_field_selector("spec.nodeName=minikube", f).empty());
  CHECK(check_field_selector(store::Kind::Pod, f).empty());
  CHECK_FALSE(check_field_selector(store::Kind::Service, f).empty());
}

TEST_CASE("a selector problem is reported as the API server's BadRequest for that resource") {
  const ResourceType* pods = resolve_resource("pods");
  const ResourceType* deploy = resolve_resource("deploy");
  REQUIRE(pods);
  REQUIRE(deploy);
  CHECK(selector_error(*pods, "", "spec.nodeName", "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'") ==
        "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", field "
        "selector \"spec.nodeName\": invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'");
  CHECK(group_version_resource(*deploy) == "apps/v1, Resource=deployments");
}

TEST_CASE("node and event fields match their values") {
  FieldSelector f;
  REQUIRE(parse_field_selector("spec.unschedulable=true", f).empty());
  api::Node n;
  CHECK_FALSE(field_selector_matches(n, f));
  n.spec.unschedulable = true;
  CHECK(field_selector_matches(n, f));

  REQUIRE(parse_field_selector("involvedObject.kind=Pod,type=Warning", f).empty());
  api::Event e;
  e.involved_object.kind = "Pod";
  e.type = "Warning";
  CHECK(field_selector_matches(e, f));
  e.type = "Normal";
  CHECK_FALSE(field_selector_matches(e, f));
}
