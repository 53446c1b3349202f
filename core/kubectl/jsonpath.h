// kubesim — kubectl's JSONPath (k8s.io/client-go/util/jsonpath), evaluated over nlohmann::json.
//
// Template syntax: literal text outside braces; inside {…}: .field, ['key'], [n], [-1], [a:b:s],
// [*], .*, .., [a,b] unions, [?(@.x=="y")] filters (==, !=, <, <=, >, >=, or existence),
// "quoted" / 'quoted' text ({"\n"}), numbers, true/false, {range …}…{end}.
// Output: each top-level piece in turn; several results of one piece are joined by a space;
// maps and lists print as compact JSON ({"app":"nginx"}), strings raw, null as <nil>.
// Behaviour kept from upstream, including its quirks: an empty {range} skips everything after
// its {end}; integers of the data never compare equal to integer literals in filters
// (int64 vs float64: "incompatible types", silently false).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kubesim::kubectl {

namespace jsonpath_detail { struct Node; }

class JsonPath {
 public:
  JsonPath();
  ~JsonPath();
  JsonPath(JsonPath&&) noexcept;
  JsonPath& operator=(JsonPath&&) noexcept;

  // false + err in client-go's words ("unterminated array", "unclosed action",
  // "unrecognized character in action: U+0021 '!'", …).
  bool parse(const std::string& text, std::string& err);
  void set_allow_missing_keys(bool allow) { allow_missing_keys_ = allow; }

  // FindResults: one group of values per top-level piece (values are copies).
  bool find_results(const nlohmann::json& data, std::vector<std::vector<nlohmann::json>>& groups,
                    std::string& err) const;
  // Execute: the printed text. false + err ("foo is not found", "array index out of bounds: index 5, length 2").
  bool execute(const nlohmann::json& data, std::string& out, std::string& err) const;

 private:
  std::unique_ptr<jsonpath_detail::Node> root_;
  bool allow_missing_keys_ = false;
};

// What `kubectl get … -o jsonpath=TEMPLATE` does with one printed object (a single object, or
// the List of several). On failure `err` is the complete message kubectl prints after "error: ":
//   error parsing jsonpath {.a[}, unterminated array
//   error executing jsonpath "{.a[5]}": Error executing template: array index out of bounds: …
//   (the latter ends with the debugging dump and "\n\n\n", so kubectl adds no newline of its own).
bool print_jsonpath(const std::string& tmpl, const nlohmann::json& obj, bool allow_missing_keys, std::string& out,
                    std::string& err);

// RelaxedJSONPathExpression (custom-columns, --sort-by): "metadata.name", ".metadata.name",
// "{metadata.name}" and "{.metadata.name}" all become "{.metadata.name}"; "" stays "".
bool relaxed_jsonpath_expression(const std::string& in, std::string& out, std::string& err);

// fmt.Sprint of one jsonpath result as custom-columns prints it (maps as map[k:v], lists [a b]).
std::string jsonpath_value_sprint(const nlohmann::json& v);

}  // namespace kubesim::kubectl
