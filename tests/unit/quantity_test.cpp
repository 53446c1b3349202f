// kubesim — resource quantities like apimachinery's resource.Quantity.
#include <catch2/catch.hpp>

#include "api/quantity.h"

using namespace kubesim::api;

static std::string canon(const char* s) {
  Quantity q;
  std::string err;
  if (!parse_quantity(s, q, err)) return "ERR: " + err;
  return q.canonical();
}

TEST_CASE("quantities are printed in canonical form") {
  CHECK(canon("100m") == "100m");
  CHECK(canon("0.5") == "500m");
  CHECK(canon("1.5") == "1500m");
  CHECK(canon("1") == "1");
  CHECK(canon("1000m") == "1");
  CHECK(canon("2000") == "2k");
  CHECK(canon("1500") == "1500");
  CHECK(canon("128Mi") == "128Mi");
  CHECK(canon("1.5Gi") == "1536Mi");
  CHECK(canon("0.5Ki") == "512");
  CHECK(canon("1024") == "1024");
  CHECK(canon("1G") == "1G");
  CHECK(canon("1e3") == "1e3");
  CHECK(canon("1.5e3") == "1500");
  CHECK(canon("0") == "0");
  CHECK(canon("0Mi") == "0");
  CHECK(canon("0.1n") == "1n");
}

TEST_CASE("quantity values round up to millis and units") {
  Quantity q;
  std::string err;
  REQUIRE(parse_quantity("250m", q, err));
  CHECK(q.milli_value() == 250);
  CHECK(q.value() == 1);
  REQUIRE(parse_quantity("64Mi", q, err));
  CHECK(q.value() == 67108864);
  REQUIRE(parse_quantity("1u", q, err));
  CHECK(q.milli_value() == 1);
}

TEST_CASE("bad quantities get the API server's error words") {
  CHECK(canon("abc") == "ERR: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  CHECK(canon("") == "ERR: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  CHECK(canon("1K") == "ERR: unable to parse quantity's suffix");
  CHECK(canon("1x") == "ERR: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
}

TEST_CASE("resource lists keep integers and canonical text") {
  ResourceList rl;
  std::string err;
  REQUIRE(set_cpu(rl, "0.25", err));
  REQUIRE(set_memory(rl, "1Gi", err));
  CHECK(*rl.cpu_milli == 250);
  CHECK(cpu_string(rl) == "250m");
  CHECK(*rl.memory_bytes == 1073741824);
  CHECK(memory_string(rl) == "1Gi");
  CHECK(binary_bytes_string(105088212992) == "102625208Ki");
  CHECK_FALSE(set_cpu(rl, "lots", err));
}
