// kubesim — YAML exactly as kubectl -o yaml prints it, and manifests as kubectl reads them.
#include <catch2/catch.hpp>

#include "kubectl/yaml.h"

using namespace kubesim::kubectl;
using nlohmann::json;

TEST_CASE("kubectl -o yaml sorts keys, does not indent lists under keys and quotes like go-yaml") {
  const json j = json::parse(R"({
    "metadata": {"annotations": {"deployment.kubernetes.io/revision": "1"}, "creationTimestamp": "2026-01-12T10:04:11Z",
                 "resourceVersion": "612", "name": "web"},
    "apiVersion": "apps/v1", "kind": "Deployment",
    "spec": {"replicas": 1, "strategy": {"rollingUpdate": {"maxSurge": "25%"}},
             "template": {"spec": {"containers": [{"name": "web", "image": "nginx", "resources": {}, "args": []}],
                                   "securityContext": {}}}},
    "status": {"conditions": [{"status": "True", "lastProbeTime": null}]}})");
  CHECK(to_yaml(j) ==
        "apiVersion: apps/v1\n"
        "kind: Deployment\n"
        "metadata:\n"
        "  annotations:\n"
        "    deployment.kubernetes.io/revision: \"1\"\n"
        "  creationTimestamp: \"2026-01-12T10:04:11Z\"\n"
        "  name: web\n"
        "  resourceVersion: \"612\"\n"
        "spec:\n"
        "  replicas: 1\n"
        "  strategy:\n"
        "    rollingUpdate:\n"
        "      maxSurge: 25%\n"
        "  template:\n"
        "    spec:\n"
        "      containers:\n"
        "      - args: []\n"
        "        image: nginx\n"
        "        name: web\n"
        "        resources: {}\n"
        "      securityContext: {}\n"
        "status:\n"
        "  conditions:\n"
        "  - lastProbeTime: null\n"
        "    status: \"True\"\n");
}

TEST_CASE("strings that would read back as something else are quoted") {
  const json j = json::parse(R"({"a":"", "b":"true", "c":"8080", "d":"1.5", "e":"null", "f":"yes", "g":"*",
    "h":"a: b", "i":" lead", "j":"v1", "k":"10.244.0.5", "l":"x #y", "m":"it's", "n":"tab\there", "o":"-", "p":"1:20"})");
  CHECK(to_yaml(j) ==
        "a: \"\"\n"
        "b: \"true\"\n"
        "c: \"8080\"\n"
        "d: \"1.5\"\n"
        "e: \"null\"\n"
        "f: \"yes\"\n"
        "g: '*'\n"
        "h: 'a: b'\n"
        "i: ' lead'\n"
        "j: v1\n"
        "k: 10.244.0.5\n"
        "l: 'x #y'\n"
        "m: it's\n"
        "\"n\": \"tab\\there\"\n"  // "n" is a YAML 1.1 boolean, so even the key is quoted
        "o: '-'\n"
        "p: \"1:20\"\n");
}

TEST_CASE("multi-line strings become literal blocks") {
  CHECK(to_yaml(json{{"k", "line1\nline2\n"}}) == "k: |\n  line1\n  line2\n");
  CHECK(to_yaml(json{{"k", "a\nb"}}) == "k: |-\n  a\n  b\n");
  CHECK(to_yaml(json{{"m", {{"k", "{\"a\":1}\n"}}}}) == "m:\n  k: |\n    {\"a\":1}\n");
}

TEST_CASE("long strings fold at a space once past column 80") {
  const json j = {{"message", "0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. "
                              "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."}};
  CHECK(to_yaml(j) ==
        "message: '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready:\n"
        "  }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'\n");
}

TEST_CASE("go-yaml orders keys with digit runs as numbers and other runes before letters") {
  CHECK(yaml_key_less("a9", "a10"));
  CHECK_FALSE(yaml_key_less("a10", "a9"));
  CHECK(yaml_key_less("_x", "Ax"));
  CHECK(yaml_key_less("app", "app.kubernetes.io/name"));
  CHECK(to_yaml(json{{"a10", 1}, {"a9", 2}}) == "a9: 2\na10: 1\n");
}

TEST_CASE("manifests parse into JSON with YAML 1.1 scalars") {
  std::vector<json> docs;
  std::string err;
  REQUIRE(parse_yaml_documents(
      "# a deployment\n"
      "apiVersion: apps/v1\n"
      "kind: Deployment\n"
      "metadata:\n"
      "  name: web   # trailing comment\n"
      "  labels: {app: web, tier: \"front\"}\n"
      "spec:\n"
      "  replicas: 3\n"
      "  paused: no\n"
      "  template:\n"
      "    spec:\n"
      "      containers:\n"
      "      - name: nginx\n"
      "        image: 'nginx:1.25'\n"
      "        args: [\"-g\", 'daemon off;']\n"
      "        ports:\n"
      "          - containerPort: 80\n"
      "        command:\n"
      "        - sh\n"
      "        - -c\n"
      "        - |\n"
      "          echo hi\n"
      "          sleep 1\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: Service\n"
      "metadata:\n"
      "  name: web\n"
      "  annotations:\n"
      "    created: 2026-01-12T10:04:11Z\n"
      "    ratio: 0.5\n"
      "    folded: >\n"
      "      one\n"
      "      two\n"
      "---\n",
      docs, err));
  REQUIRE(docs.size() == 2);
  const json& d = docs[0];
  CHECK(d["metadata"]["labels"] == json::parse(R"({"app":"web","tier":"front"})"));
  CHECK(d["spec"]["replicas"] == 3);
  CHECK(d["spec"]["paused"] == false);
  const json& c = d["spec"]["template"]["spec"]["containers"][0];
  CHECK(c["image"] == "nginx:1.25");
  CHECK(c["args"] == json::array({"-g", "daemon off;"}));
  CHECK(c["ports"][0]["containerPort"] == 80);
  CHECK(c["command"][2] == "echo hi\nsleep 1\n");
  CHECK(docs[1]["metadata"]["annotations"]["created"] == "2026-01-12T10:04:11Z");
  CHECK(docs[1]["metadata"]["annotations"]["ratio"] == 0.5);
  CHECK(docs[1]["metadata"]["annotations"]["folded"] == "one two\n");
}

TEST_CASE("anchors, aliases and JSON input are accepted") {
  json out;
  std::string err;
  REQUIRE(parse_yaml("base: &b {x: 1}\nother: *b\n", out, err));
  CHECK(out["other"]["x"] == 1);
  REQUIRE(parse_yaml("{\"kind\": \"Pod\"}", out, err));
  CHECK(out["kind"] == "Pod");
}

TEST_CASE("YAML mistakes give go-yaml's error words and lines") {
  json out;
  std::string err;
  CHECK_FALSE(parse_yaml("metadata:\n  name: x\n    labels: y\n", out, err));
  CHECK(err == "yaml: line 3: mapping values are not allowed in this context");
  CHECK_FALSE(parse_yaml("a: b: c\n", out, err));
  CHECK(err == "yaml: line 1: mapping values are not allowed in this context");
  CHECK_FALSE(parse_yaml("a:\n\tb: 1\n", out, err));
  CHECK(err == "yaml: line 2: found character that cannot start any token");
  CHECK_FALSE(parse_yaml("a:\n    b: 1\n  c: 2\n", out, err));
  CHECK(err == "yaml: line 2: did not find expected key");
  CHECK_FALSE(parse_yaml("a: \"open\n", out, err));
  CHECK(err.find("found unexpected end of stream") != std::string::npos);
  CHECK_FALSE(parse_yaml("key: - a\n", out, err));
  CHECK(err == "yaml: line 1: block sequence entries are not allowed in this context");
}
