// kubesim — custom-columns printer (see customcolumns.h).
#include "kubectl/customcolumns.h"

#include "api/json.h"
#include "kubectl/jsonpath.h"
#include "kubectl/tabwriter.h"

namespace kubesim::kubectl {

using nlohmann::json;

bool parse_custom_columns_spec(const std::string& spec, std::vector<CustomColumn>& columns, std::string& err) {
  columns.clear();
  if (spec.empty()) { err = "custom-columns format specified but no custom columns given"; return false; }
  size_t start = 0;
  for (;;) {
    const size_t comma = spec.find(',', start);
    const std::string part = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const size_t colon = part.find(':');
    if (colon == std::string::npos) {
      err = "unexpected custom-columns spec: " + part + ", expected <header>:<json-path-expr>";
      return false;
    }
    CustomColumn c;
    c.header = part.substr(0, colon);
    if (!relaxed_jsonpath_expression(part.substr(colon + 1), c.field_spec, err)) return false;
    columns.push_back(c);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return true;
}

static std::vector<std::string> split_on_whitespace(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
      if (!cur.empty()) { out.push_back(cur); cur.clear(); }
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool parse_custom_columns_template(const std::string& text, std::vector<CustomColumn>& columns, std::string& err) {
  columns.clear();
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  if (lines.empty()) {
    err = "invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.";
    return false;
  }
  if (lines.size() < 2) {
    err = "invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.";
    return false;
  }
  const auto headers = split_on_whitespace(lines[0]);
  const auto specs = split_on_whitespace(lines[1]);
  if (headers.size() != specs.size()) {
    err = "number of headers (" + std::to_string(headers.size()) + ") and field specifications (" +
          std::to_string(specs.size()) + ") don't match";
    return false;
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    CustomColumn c;
    c.header = headers[i];
    if (!relaxed_jsonpath_expression(specs[i], c.field_spec, err)) return false;
    columns.push_back(c);
  }
  return true;
}

// printers.EscapeTerminal: ESC and CR would move the cursor; show them instead.
static std::string escape_terminal(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\x1b') out += "^[";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

bool print_custom_columns(const std::vector<CustomColumn>& columns, const json& obj, bool no_headers, std::string& out,
                          std::string& err) {
  std::vector<JsonPath> parsers(columns.size());
  std::string text;
  if (!no_headers) {
    for (size_t i = 0; i < columns.size(); ++i) text += (i ? "\t" : "") + columns[i].header;
    text += "\n";
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    parsers[i].set_allow_missing_keys(true);
    if (!parsers[i].parse(columns[i].field_spec, err)) return false;
  }
  auto one = [&](const json& item) -> bool {
    for (size_t i = 0; i < parsers.size(); ++i) {
      std::vector<std::vector<json>> values;
      if (!parsers[i].find_results(item, values, err)) return false;
      std::string cell;
      if (values.empty() || values[0].empty()) cell = "<none>";
      bool first = cell.empty();
      for (auto& group : values)
        for (auto& v : group) {
          if (!first) cell += ",";
          first = false;
          cell += escape_terminal(api::go_sprint(v));
        }
      text += (i ? "\t" : "") + cell;
    }
    text += "\n";
    return true;
  };
  const bool is_list = obj.is_object() && obj.contains("items") && obj["items"].is_array();
  if (is_list) {
    for (auto& item : obj["items"])
      if (!one(item)) return false;
  } else if (!one(obj)) {
    return false;
  }
  out += tabwrite_get(text);
  return true;
}

bool print_custom_columns_spec(const std::string& spec, const json& obj, bool no_headers, std::string& out,
                               std::string& err) {
  std::vector<CustomColumn> cols;
  if (!parse_custom_columns_spec(spec, cols, err)) return false;
  return print_custom_columns(cols, obj, no_headers, out, err);
}

}  // namespace kubesim::kubectl
