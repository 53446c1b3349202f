// kubesim — `kubectl get -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image`
// and `-o custom-columns-file=FILE` (kubectl/pkg/cmd/get/customcolumn.go).
//   * each column spec is HEADER:JSONPATH, the path in relaxed form (".a.b", "a.b", "{.a.b}");
//   * a List prints one row per item; several results of a column are joined with ",";
//     no result prints "<none>"; maps/lists print in Go's %v form (map[k:v], [a b]);
//   * rows are aligned by the `kubectl get` tabwriter (minwidth 6, padding 3).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kubesim::kubectl {

struct CustomColumn {
  std::string header;
  std::string field_spec;  // normalized, e.g. "{.metadata.name}"
};

// -o custom-columns=SPEC. Errors (kubectl's words, without "error: "):
//   custom-columns format specified but no custom columns given
//   unexpected custom-columns spec: X, expected <header>:<json-path-expr>
//   unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'
bool parse_custom_columns_spec(const std::string& spec, std::vector<CustomColumn>& columns, std::string& err);

// -o custom-columns-file: the file's text (a header line, then a line of field specs).
bool parse_custom_columns_template(const std::string& text, std::vector<CustomColumn>& columns, std::string& err);

// The printed, aligned text for `obj` (a single object or a List). Errors are jsonpath errors.
bool print_custom_columns(const std::vector<CustomColumn>& columns, const nlohmann::json& obj, bool no_headers,
                          std::string& out, std::string& err);

// Both steps: what `-o custom-columns=SPEC` prints.
bool print_custom_columns_spec(const std::string& spec, const nlohmann::json& obj, bool no_headers, std::string& out,
                               std::string& err);

}  // namespace kubesim::kubectl
