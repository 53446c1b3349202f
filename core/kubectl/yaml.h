// kubesim — YAML as kubectl writes and reads it.
//
// to_yaml: the text of `kubectl get -o yaml` (sigs.k8s.io/yaml: JSON -> go-yaml v2 emitter):
//   * map keys in go-yaml's order (letters after other runes, digit runs compared as numbers);
//   * 2-space indent; a list under a key is not indented ("containers:\n- image: …");
//   * strings plain when they would read back as the same string; else "double quoted" when
//     they would resolve to another type ("1", "true", "", "2026-01-12T10:04:11Z"), 'single
//     quoted' when they contain YAML indicators (": ", leading "*", "{"), `|`/`|-` blocks when
//     multi-line; long plain/quoted strings fold at spaces once past column 80;
//   * {} and [] for empty collections, null, numbers and booleans as Go prints them.
// parse_yaml_documents: the YAML of manifests (`kubectl apply -f`): block/flow collections,
//   plain/quoted/block scalars, comments, anchors/aliases, `---` separators; YAML 1.1 scalar
//   resolution like go-yaml v2 (yes/no/on/off are booleans, timestamps stay strings). Errors are
//   go-yaml's: "yaml: line 3: mapping values are not allowed in this context". kubectl wraps them as
//   `error: error parsing FILE: error converting YAML to JSON: <err>`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kubesim::kubectl {

// The YAML document for `v` (ends with a newline, like yaml.Marshal).
std::string to_yaml(const nlohmann::json& v);

// Parse every document of a YAML (or JSON) stream; empty documents are skipped.
// On error returns false, `err` = "yaml: line N: problem" (no prefix).
bool parse_yaml_documents(std::string_view text, std::vector<nlohmann::json>& docs, std::string& err);

// One document (the first non-empty one; null if none).
bool parse_yaml(std::string_view text, nlohmann::json& out, std::string& err);

// go-yaml v2 key order (exposed for tests and for printers that sort like it).
bool yaml_key_less(const std::string& a, const std::string& b);

}  // namespace kubesim::kubectl
