// kubesim — Go templates as kubectl -o go-template runs them.
#include <catch2/catch.hpp>

#include "kubectl/gotemplate.h"

using namespace kubesim::kubectl;
using nlohmann::json;

static const json kSvc = json::parse(R"({"apiVersion":"v1","kind":"Service",
  "metadata":{"name":"kubernetes-bootcamp","labels":{"app":"kubernetes-bootcamp"}},
  "spec":{"ports":[{"nodePort":31526,"port":8080,"protocol":"TCP","targetPort":8080}],"type":"NodePort"},
  "status":{"loadBalancer":{}}})");

static std::string run(const std::string& tmpl, const json& data = kSvc) {
  std::string out, err;
  if (!print_go_template(tmpl, data, true, out, err)) return "ERR: " + err;
  return out;
}

TEST_CASE("the tutorial's node port template prints just the number") {
  CHECK(run("{{(index .spec.ports 0).nodePort}}") == "31526");
}

TEST_CASE("fields, ranges, conditionals and variables") {
  CHECK(run("{{.metadata.name}}") == "kubernetes-bootcamp");
  CHECK(run("{{range .spec.ports}}{{.port}}/{{.protocol}}{{end}}") == "8080/TCP");
  CHECK(run("{{range $k, $v := .metadata.labels}}{{$k}}={{$v}}{{end}}") == "app=kubernetes-bootcamp");
  CHECK(run("{{if eq .spec.type \"NodePort\"}}yes{{else}}no{{end}}") == "yes");
  CHECK(run("{{if ne .spec.type \"NodePort\"}}a{{else if .spec.ports}}b{{end}}") == "b");
  CHECK(run("{{with .status.loadBalancer.ingress}}x{{else}}none{{end}}") == "none");
  CHECK(run("{{$p := index .spec.ports 0}}{{$p.port}}") == "8080");
  CHECK(run("{{range .spec.ports}}{{$.metadata.name}}{{end}}") == "kubernetes-bootcamp");
  CHECK(run("{{len .spec.ports}}") == "1");
  CHECK(run("{{.spec.ports | len}}") == "1");
  CHECK(run("a {{- \" b \" -}} c") == "a b c");
  CHECK(run("{{/* a comment */}}x") == "x");
  CHECK(run("{{range .spec.ports}}{{end}}{{\"\\n\"}}") == "\n");
  CHECK(run("{{eq (index .spec.ports 0).port 8080}}") == "true");
  CHECK(run("{{range $i, $e := .spec.ports}}{{$i}}{{end}}") == "0");
}

TEST_CASE("missing keys print <no value>, and printf and print use Go's fmt") {
  CHECK(run("{{.nope}}") == "<no value>");
  CHECK(run("{{.metadata.nope}}") == "<no value>");
  CHECK(run("{{printf \"%s:%d\" .metadata.name (index .spec.ports 0).nodePort}}") == "kubernetes-bootcamp:31526");
  CHECK(run("{{printf \"%-5s|%5s|%q|%v\" \"ab\" \"cd\" \"q\" .metadata.labels}}") == "ab   |   cd|\"q\"|map[app:kubernetes-bootcamp]");
  CHECK(run("{{printf \"%d\" .metadata.name}}") == "%!d(string=kubernetes-bootcamp)");
  CHECK(run("{{print 1 2 \"a\" 3}}") == "1 2a3");
  CHECK(run("{{.spec.ports}}") == "[map[nodePort:31526 port:8080 protocol:TCP targetPort:8080]]");
  CHECK(run("{{base64decode \"aGVsbG8=\"}}") == "hello");
}

TEST_CASE("parse errors read like text/template's") {
  CHECK(run("{{.foo}") == "ERR: error parsing template {{.foo}, template: output:1: unexpected \"}\" in operand");
  CHECK(run("{{end}}") == "ERR: error parsing template {{end}}, template: output:1: unexpected {{end}}");
  CHECK(run("{{if .x}}") == "ERR: error parsing template {{if .x}}, template: output:1: unexpected EOF");
  CHECK(run("{{nosuch .x}}") == "ERR: error parsing template {{nosuch .x}}, template: output:1: function \"nosuch\" not defined");
  CHECK(run("{{$x}}") == "ERR: error parsing template {{$x}}, template: output:1: undefined variable \"$x\"");
  CHECK(run("{{if}}{{end}}") == "ERR: error parsing template {{if}}{{end}}, template: output:1: missing value for if");
  CHECK(run("{{.x") == "ERR: error parsing template {{.x, template: output:1: unclosed action");
}

TEST_CASE("execution errors name the position and the node, and kubectl dumps the data") {
  std::string out, err;
  const json data = json::parse(R"({"x":[1,2]})");
  CHECK_FALSE(print_go_template("ab{{index .x 5}}", data, true, out, err));
  CHECK(err == "error executing template \"ab{{index .x 5}}\": template: output:1:4: executing \"output\" at <index .x 5>: "
               "error calling index: index out of range: 5");
  CHECK(out == "abError executing template: template: output:1:4: executing \"output\" at <index .x 5>: error calling index: "
               "index out of range: 5. Printing more information for debugging the template:\n"
               "\ttemplate was:\n\t\tab{{index .x 5}}\n"
               "\traw data was:\n\t\t{\"x\":[1,2]}\n"
               "\tobject given to template engine was:\n\t\tmap[x:[1 2]]\n\n");
  CHECK(run("{{.metadata.name.x}}").find("can't evaluate field x in type interface {}") != std::string::npos);
  CHECK(run("{{if eq .spec.ports 1}}{{end}}").find("at <eq .spec.ports 1>: error calling eq: incompatible types for comparison") != std::string::npos);
  // long node texts are cut at 20 characters
  CHECK(run("{{if eq .metadata.labels.app 1}}{{end}}").find("at <eq .metadata.labels....>") != std::string::npos);
}

TEST_CASE("missingkey=error when missing keys are not allowed") {
  std::string out, err;
  CHECK_FALSE(print_go_template("{{.nope}}", kSvc, false, out, err));
  CHECK(err == "error executing template \"{{.nope}}\": template: output:1:2: executing \"output\" at <.nope>: map has no entry for key \"nope\"");
}

TEST_CASE("Sprintf formats numbers and flags like Go") {
  CHECK(go_sprintf("%05d|%x|%.2f|%t|%%|%v", {json(42), json(255), json(3.14159), json(true), json(nullptr)}) ==
        "00042|ff|3.14|true|%|<nil>");
  CHECK(go_sprintf("%s %s", {json("a")}) == "a %!s(MISSING)");
  CHECK(go_sprintf("%s", {json("a"), json(1)}) == "a%!(EXTRA int64=1)");
}
