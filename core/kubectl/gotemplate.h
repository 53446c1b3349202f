// kubesim — Go text/template as `kubectl -o go-template=…` / `--template` uses it, evaluated over
// nlohmann::json (the object decoded as Go's interface{}: map[string]interface {}, []interface {},
// int64 for integers, float64 otherwise).
//
// Supported: text and {{actions}}, {{- trim -}} markers, {{/* comments */}}, fields (.a.b),
// chains ((…).x), variables ($, $x := …, $x = …), pipelines with |, parenthesized pipelines,
// if / else if / else / with / else with / range (slices, maps in key order, integers) with
// else, break, continue; literals (strings, `raw strings`, numbers, true/false/nil);
// builtins and, or, not, len, index, slice, print, printf, println, eq, ne, lt, le, gt, ge,
// html, js, urlquery; kubectl's base64decode and exists; and common sprig functions (upper,
// lower, trim, replace, contains, hasPrefix, default, toJson, b64enc, add, join, …).
// Other sprig names parse (so templates that use them are not rejected) but fail when called.
//
// Errors use Go's words and positions:
//   template: output:1: unexpected "}" in operand
//   template: output:1:2: executing "output" at <index .x 5>: error calling index: index out of range: 5
// A missing map key prints "<no value>" (missingkey=default); with allow_missing_keys=false it
// is an error: map has no entry for key "foo".
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kubesim::kubectl {

namespace gotemplate_detail { struct TNode; }

class GoTemplate {
 public:
  GoTemplate();
  ~GoTemplate();
  GoTemplate(GoTemplate&&) noexcept;
  GoTemplate& operator=(GoTemplate&&) noexcept;

  // Parses `text` as the template named `name` (kubectl names it "output").
  bool parse(const std::string& text, std::string& err, const std::string& name = "output");
  // missingkey=default (true, kubectl's default) or missingkey=error (false).
  void set_allow_missing_keys(bool allow) { allow_missing_keys_ = allow; }
  // Appends the output to `out`; on an execution error the output written so far stays in
  // `out` and `err` holds "template: output:1:2: executing …".
  bool execute(const nlohmann::json& data, std::string& out, std::string& err) const;

 private:
  std::unique_ptr<gotemplate_detail::TNode> root_;
  std::string name_ = "output";
  std::string text_;
  bool allow_missing_keys_ = true;
};

// What kubectl's go-template printer does with one printed object. On success `out` gets the
// output (no newline added). On failure `err` is the message after "error: ", and for execution
// errors `out` also gets the partial output followed by kubectl's debugging dump (it goes to
// stdout in kubectl):
//   err = error parsing template {{.foo}, template: output:1: unexpected "}" in operand
//   err = error executing template "{{index .x 5}}": template: output:1:2: executing …
bool print_go_template(const std::string& tmpl, const nlohmann::json& obj, bool allow_missing_keys,
                       std::string& out, std::string& err);

// Go's fmt.Sprintf over JSON-ish operands (exposed for tests and other printers).
std::string go_sprintf(const std::string& format, const std::vector<nlohmann::json>& args);

}  // namespace kubesim::kubectl
