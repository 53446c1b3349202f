// kubesim — -o custom-columns.
#include <catch2/catch.hpp>

#include "kubectl/customcolumns.h"

using namespace kubesim::kubectl;
using nlohmann::json;

static const json kPods = json::parse(R"({"apiVersion":"v1","kind":"List","items":[
  {"metadata":{"name":"web-1","labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25"},{"image":"busybox"}]}},
  {"metadata":{"name":"db"},"spec":{"containers":[{"image":"postgres:16"}]}}]})");

TEST_CASE("custom columns print one aligned row per item") {
  std::string out, err;
  REQUIRE(print_custom_columns_spec("NAME:.metadata.name,IMAGES:.spec.containers[*].image,APP:metadata.labels.app", kPods,
                                    false, out, err));
  CHECK(out ==
        "NAME    IMAGES               APP\n"
        "web-1   nginx:1.25,busybox   web\n"
        "db      postgres:16          <none>\n");
  out.clear();
  REQUIRE(print_custom_columns_spec("N:{.metadata.name}", kPods["items"][1], true, out, err));
  CHECK(out == "db\n");
}

TEST_CASE("maps in a column print in Go's %v form") {
  std::string out, err;
  REQUIRE(print_custom_columns_spec("LABELS:.metadata.labels", kPods["items"][0], false, out, err));
  CHECK(out == "LABELS\nmap[app:web]\n");
}

TEST_CASE("custom-columns specs are validated in kubectl's words") {
  std::string out, err;
  CHECK_FALSE(print_custom_columns_spec("", kPods, false, out, err));
  CHECK(err == "custom-columns format specified but no custom columns given");
  CHECK_FALSE(print_custom_columns_spec("NAME", kPods, false, out, err));
  CHECK(err == "unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>");
  std::vector<CustomColumn> cols;
  REQUIRE(parse_custom_columns_template("NAME   IMAGE\n.metadata.name   {.spec.containers[0].image}\n", cols, err));
  REQUIRE(cols.size() == 2);
  CHECK(cols[1].field_spec == "{.spec.containers[0].image}");
  CHECK_FALSE(parse_custom_columns_template("A B\n.x\n", cols, err));
  CHECK(err == "number of headers (2) and field specifications (1) don't match");
}
