// kubesim — kubectl JSONPath, against the examples of the kubectl JSONPath reference page.
#include <catch2/catch.hpp>

#include "kubectl/jsonpath.h"

using namespace kubesim::kubectl;
using nlohmann::json;

static const json kDoc = json::parse(R"({
  "kind": "List",
  "items":[
    {"kind":"None","metadata":{"name":"127.0.0.1"},
     "status":{"capacity":{"cpu":"4"},"addresses":[{"type": "LegacyHostIP", "address":"127.0.0.1"}]}},
    {"kind":"None","metadata":{"name":"127.0.0.2"},
     "status":{"capacity":{"cpu":"8"},"addresses":[{"type": "LegacyHostIP", "address":"127.0.0.2"},
                                                  {"type": "another", "address":"127.0.0.3"}]}}
  ],
  "users":[{"name": "myself","user": {}},{"name": "e2e","user": {"username": "admin", "password": "secret"}}]
})");

static std::string run(const std::string& tmpl, bool allow_missing = true) {
  std::string out, err;
  if (!print_jsonpath(tmpl, kDoc, allow_missing, out, err)) return "ERR: " + err;
  return out;
}

TEST_CASE("the JSONPath reference examples print what kubectl prints") {
  CHECK(run("kind is {.kind}") == "kind is List");
  CHECK(run("{['kind']}") == "List");
  CHECK(run("{..name}") == "127.0.0.1 127.0.0.2 myself e2e");
  CHECK(run("{.items[*].metadata.name}") == "127.0.0.1 127.0.0.2");
  CHECK(run("{.users[0].name}") == "myself");
  CHECK(run("{.items[*]['metadata.name', 'status.capacity']}") == "127.0.0.1 127.0.0.2 {\"cpu\":\"4\"} {\"cpu\":\"8\"}");
  CHECK(run("{.users[?(@.name==\"e2e\")].user.password}") == "secret");
  CHECK(run("{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}") ==
        "[127.0.0.1, {\"cpu\":\"4\"}] [127.0.0.2, {\"cpu\":\"8\"}] ");
  CHECK(run("{range .items[*]}{.metadata.name}{'\\t'}{end}") == "127.0.0.1\t127.0.0.2\t");
}

TEST_CASE("slices, negative indices and filters") {
  CHECK(run("{.items[-1].metadata.name}") == "127.0.0.2");
  CHECK(run("{.items[0:1].metadata.name}") == "127.0.0.1");
  CHECK(run("{.items[1].status.addresses[?(@.type==\"another\")].address}") == "127.0.0.3");
  CHECK(run("{.users[?(@.user.password)].name}") == "e2e");
  CHECK(run("{.items[*].status.addresses[*].address}{\"\\n\"}") == "127.0.0.1 127.0.0.2 127.0.0.3\n");
}

TEST_CASE("missing keys print nothing unless missing keys are disallowed") {
  CHECK(run("{.nope}") == "");
  const std::string e = run("{.nope}", false);
  CHECK(e.rfind("ERR: error executing jsonpath \"{.nope}\": Error executing template: nope is not found. Printing more "
                "information for debugging the template:\n\ttemplate was:\n\t\t{.nope}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"items\":",
                0) == 0);
  CHECK(e.size() > 3);
  CHECK(e.substr(e.size() - 3) == "\n\n\n");
}

TEST_CASE("jsonpath errors use client-go's words") {
  CHECK(run("{.items[5]}").find("Error executing template: array index out of bounds: index 5, length 2.") != std::string::npos);
  CHECK(run("{.a[}") == "ERR: error parsing jsonpath {.a[}, unterminated array");
  CHECK(run("{.kind") == "ERR: error parsing jsonpath {.kind, unclosed action");
  CHECK(run("{!}") == "ERR: error parsing jsonpath {!}, unrecognized character in action: U+0021 '!'");
  CHECK(run("{.kind[0]}").find("string is not array or slice") != std::string::npos);
}

TEST_CASE("relaxed paths used by custom-columns and --sort-by") {
  std::string out, err;
  for (const char* in : {"metadata.name", ".metadata.name", "{metadata.name}", "{.metadata.name}"}) {
    REQUIRE(relaxed_jsonpath_expression(in, out, err));
    CHECK(out == "{.metadata.name}");
  }
  CHECK_FALSE(relaxed_jsonpath_expression("{a}{b}", out, err));
  CHECK(err == "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
}
