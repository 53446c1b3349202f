// kubesim — kubectl flag parsing (pflag semantics and words).
#include <catch2/catch.hpp>

#include "kubectl/flags.h"

using namespace kubesim::kubectl;

namespace {
const std::vector<FlagSpec> kSpecs = {
    {"replicas", 'r', FlagSpec::Int, "1"},
    {"image", 0, FlagSpec::StringArray, ""},
    {"watch", 'w', FlagSpec::Bool, "true"},
    {"stdin", 'i', FlagSpec::Bool, "false"},
    {"tty", 't', FlagSpec::Bool, "false"},
    {"container", 'c', FlagSpec::String, ""},
    {"dry-run", 0, FlagSpec::String, "none"},
};

std::optional<std::string> parse(std::vector<std::string> args, ParsedFlags& out) {
  return parse_flags(args, kSpecs, out);
}
}  // namespace

TEST_CASE("long flags take values after '=' or as the next word") {
  ParsedFlags f;
  REQUIRE_FALSE(parse({"--replicas=3", "--container", "web", "pod"}, f));
  CHECK(f.get_int("replicas") == 3);
  CHECK(f.get("container") == "web");
  CHECK(f.positional == std::vector<std::string>{"pod"});
}

TEST_CASE("flags may appear anywhere between the arguments") {
  ParsedFlags f;
  REQUIRE_FALSE(parse({"deployment", "-r", "2", "nginx", "--image=nginx"}, f));
  CHECK(f.positional == std::vector<std::string>{"deployment", "nginx"});
  CHECK(f.get_int("replicas") == 2);
  CHECK(f.get("image") == "nginx");
}

TEST_CASE("a bool flag never consumes the next word") {
  ParsedFlags f;
  REQUIRE_FALSE(parse({"--watch", "false"}, f));
  CHECK(f.get_bool("watch"));
  CHECK(f.positional == std::vector<std::string>{"false"});
  ParsedFlags g;
  REQUIRE_FALSE(parse({"--watch=false"}, g));
  CHECK_FALSE(g.get_bool("watch"));
}

TEST_CASE("bool values are read like strconv.ParseBool") {
  for (const char* t : {"1", "t", "T", "TRUE", "true", "True"}) {
    ParsedFlags f;
    REQUIRE_FALSE(parse({std::string("--watch=") + t}, f));
    CHECK(f.get_bool("watch"));
  }
  ParsedFlags f;
  auto err = parse({"--watch=maybe"}, f);
  REQUIRE(err);
  CHECK(*err == "invalid argument \"maybe\" for \"-w, --watch\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax");
}

TEST_CASE("shorthand groups combine bools and end with a valued flag") {
  ParsedFlags f;
  REQUIRE_FALSE(parse({"-ti", "pod", "-cweb"}, f));
  CHECK(f.get_bool("tty"));
  CHECK(f.get_bool("stdin"));
  CHECK(f.get("container") == "web");
  ParsedFlags g;
  REQUIRE_FALSE(parse({"-itc", "db"}, g));
  CHECK(g.get("container") == "db");
  ParsedFlags h;
  REQUIRE_FALSE(parse({"-c=api"}, h));
  CHECK(h.get("container") == "api");
}

TEST_CASE("a double dash ends flag parsing") {
  ParsedFlags f;
  REQUIRE_FALSE(parse({"pod", "-i", "--", "ls", "-la", "--replicas=9"}, f));
  CHECK(f.saw_dash);
  CHECK(f.positional == std::vector<std::string>{"pod"});
  CHECK(f.after_dash == std::vector<std::string>{"ls", "-la", "--replicas=9"});
  CHECK_FALSE(f.has("replicas"));
}

TEST_CASE("unknown flags are refused in pflag's words") {
  ParsedFlags f;
  CHECK(parse({"--foo"}, f) == std::optional<std::string>("unknown flag: --foo"));
  ParsedFlags g;
  CHECK(parse({"-x"}, g) == std::optional<std::string>("unknown shorthand flag: 'x' in -x"));
  ParsedFlags h;
  CHECK(parse({"-tix"}, h) == std::optional<std::string>("unknown shorthand flag: 'x' in -x"));
  ParsedFlags k;
  CHECK(parse({"---x"}, k) == std::optional<std::string>("bad flag syntax: ---x"));
}

TEST_CASE("a valued flag at the end needs its argument") {
  ParsedFlags f;
  CHECK(parse({"--replicas"}, f) == std::optional<std::string>("flag needs an argument: --replicas"));
  ParsedFlags g;
  CHECK(parse({"-c"}, g) == std::optional<std::string>("flag needs an argument: 'c' in -c"));
}

TEST_CASE("int flags report strconv errors") {
  ParsedFlags f;
  auto err = parse({"--replicas=abc"}, f);
  REQUIRE(err);
  CHECK(*err == "invalid argument \"abc\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax");
  ParsedFlags g;
  auto big = parse({"--replicas=99999999999999999999"}, g);
  REQUIRE(big);
  CHECK(*big == "invalid argument \"99999999999999999999\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing "
                "\"99999999999999999999\": value out of range");
}

TEST_CASE("int flags accept Go integer literal forms") {
  ParsedFlags f;
  REQUIRE_FALSE(parse({"--replicas=0x10"}, f));
  CHECK(f.get_int("replicas") == 16);
  ParsedFlags g;
  REQUIRE_FALSE(parse({"--replicas=1_000"}, g));
  CHECK(g.get_int("replicas") == 1000);
  ParsedFlags h;
  REQUIRE_FALSE(parse({"--replicas=-3"}, h));
  CHECK(h.get_int("replicas") == -3);
  ParsedFlags k;
  CHECK(parse({"--replicas=1__0"}, k).has_value());
}

TEST_CASE("global flags are known to every command and underscores read as dashes") {
  ParsedFlags f;
  REQUIRE_FALSE(parse({"-n", "kube-system", "--dry_run=client"}, f));
  CHECK(f.get("namespace") == "kube-system");
  CHECK(f.get("dry-run") == "client");
  ParsedFlags g;
  REQUIRE_FALSE(parse({"-nkube-public", "-h"}, g));
  CHECK(g.get("namespace") == "kube-public");
  CHECK(g.get_bool("help"));
}

TEST_CASE("repeated flags keep every value and get() returns the last") {
  ParsedFlags f;
  REQUIRE_FALSE(parse({"--image=a", "--image", "b"}, f));
  CHECK(f.values.at("image") == std::vector<std::string>{"a", "b"});
  CHECK(f.get("image") == "b");
}
