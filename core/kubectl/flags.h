// kubesim — kubectl flag parsing with cobra/pflag semantics:
//   --name=value, --name value, -n value, -nvalue, combined bool shorthands (-ti),
//   bool flags take no separate value (--watch=false is how to set false),
//   "--" ends flag parsing (the rest goes to after_dash), flags may appear anywhere.
// Errors are returned in pflag's words (without the "error: " prefix), e.g.
//   "unknown flag: --foo", "unknown shorthand flag: 'x' in -x",
//   "flag needs an argument: --replicas", "flag needs an argument: 'n' in -n",
//   "invalid argument \"abc\" for \"--replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax"
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kubesim::kubectl {

struct FlagSpec {
  enum Type { Bool, String, Int, StringArray };  // StringArray: repeatable (-l is String; --selector too)
  std::string name;       // long name without dashes, e.g. "replicas"
  char shorthand = 0;     // e.g. 'n'
  Type type = String;
  std::string default_value;  // as text ("" / "false" / "0")
};

struct ParsedFlags {
  std::vector<std::string> positional;
  std::vector<std::string> after_dash;  // words after "--"
  bool saw_dash = false;
  std::map<std::string, std::vector<std::string>> values;  // long name -> values in order
  // Every flag as given, in order: long name and value as typed (pflag's ParseAll visits them so).
  std::vector<std::pair<std::string, std::string>> given;
  // `--record` (deprecated, still honoured): the command line kubectl writes to the changed
  // objects' kubernetes.io/change-cause annotation; empty unless --record is true.
  std::string change_cause;

  bool has(const std::string& name) const { return values.count(name) > 0; }
  // Last value given, or the spec's default.
  std::string get(const std::string& name, const std::string& def = "") const {
    auto it = values.find(name);
    return it == values.end() || it->second.empty() ? def : it->second.back();
  }
  bool get_bool(const std::string& name) const { return get(name, "false") == "true"; }
  int64_t get_int(const std::string& name, int64_t def = 0) const;
};

// Flags every kubectl command accepts (namespace, all-namespaces is per command).
std::vector<FlagSpec> global_flags();

// Parse `args` against `specs` (+ global_flags()). On error returns the pflag message.
std::optional<std::string> parse_flags(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                       ParsedFlags& out);

}  // namespace kubesim::kubectl
