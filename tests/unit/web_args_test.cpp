// Unit tests of web/args.h: the page's URL parameters.
#include <catch2/catch.hpp>

#include "args.h"

using namespace kubesim::web;

TEST_CASE("URL parameters set the seed, nodes, scenario, language and speed") {
  AppArgs a = parse_args({"--seed=7", "--nodes", "3", "--scenario=fresh", "--lang=ko", "--speed=2", "--paused", "--embed"});
  CHECK(a.errors.empty());
  CHECK(a.engine.seed == 7);
  CHECK(a.engine.nodes == 3);
  CHECK(a.engine.scenario == "fresh");
  CHECK(a.lang == Lang::Ko);
  CHECK(a.speed == Approx(2.0));
  CHECK(a.paused);
  CHECK(a.embed);
}

TEST_CASE("the page starts with the bootcamp scenario by default") {
  AppArgs a = parse_args({});
  CHECK(a.engine.scenario == "bootcamp");
  CHECK(a.engine.nodes == 1);
  CHECK(a.lang == Lang::En);
}

TEST_CASE("bad values are reported and the defaults kept") {
  AppArgs a = parse_args({"--nodes=0", "--seed=abc", "--scenario=../etc", "--lang=fr", "--speed=-1", "--what"});
  CHECK(a.errors.size() == 6);
  CHECK(a.engine.nodes == 1);
  CHECK(a.engine.seed == 1);
  CHECK(a.engine.scenario == "bootcamp");
}
