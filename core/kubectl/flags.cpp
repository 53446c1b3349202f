// kubesim — kubectl flag parsing with spf13/pflag's semantics and error words (as cobra runs it
// for kubectl: interspersed flags, "--" ends flag parsing, bool flags never take a separate value,
// shorthand groups like -ti, -nvalue and -n=value, and `_` accepted for `-` in long names because
// kubectl installs cliflag.WordSepNormalizeFunc).
#include "kubectl/flags.h"

#include <charconv>
#include <cstdint>
#include <limits>

namespace kubesim::kubectl {

// [SECTION] number and bool parsing in Go's words ------------------------------------------------

namespace {

// strconv.ParseInt(s, 0, 64): sign, then base prefix 0x/0o/0b/0 (octal), underscores only with a
// prefix-derived base. Returns "" on success or the strconv error text.
std::string go_parse_int(const std::string& s, int bits, int64_t& out) {
  auto syntax = [&] { return "strconv.ParseInt: parsing \"" + s + "\": invalid syntax"; };
  auto range = [&] { return "strconv.ParseInt: parsing \"" + s + "\": value out of range"; };
  if (s.empty()) return syntax();
  size_t i = 0;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; i = 1; }
  if (i >= s.size()) return syntax();
  int base = 10;
  bool prefixed = false;
  if (s[i] == '0' && i + 1 < s.size()) {
    char c = static_cast<char>(s[i + 1] | 0x20);
    if (c == 'x') { base = 16; i += 2; prefixed = true; }
    else if (c == 'o') { base = 8; i += 2; prefixed = true; }
    else if (c == 'b') { base = 2; i += 2; prefixed = true; }
    else { base = 8; i += 1; prefixed = true; }
  }
  std::string digits;
  // Go integer-literal underscores: only after a digit or the base prefix, and before a digit.
  bool underscore_ok = prefixed, last_was_underscore = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      if (!underscore_ok) return syntax();
      underscore_ok = false;
      last_was_underscore = true;
      continue;
    }
    underscore_ok = true;
    last_was_underscore = false;
    digits += c;
  }
  if (last_was_underscore) return syntax();
  if (prefixed && base != 8 && digits.empty()) return syntax();
  if (digits.empty()) digits = "0";  // a lone "0" read as octal
  uint64_t mag = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), mag, base);
  if (p != digits.data() + digits.size()) return syntax();
  if (ec == std::errc::result_out_of_range) return range();
  const uint64_t limit = bits >= 64 ? static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                                    : (uint64_t{1} << (bits - 1)) - 1;
  if (neg) {
    if (mag > limit + 1) return range();
    out = mag == limit + 1 ? (bits >= 64 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(mag))
                           : -static_cast<int64_t>(mag);
  } else {
    if (mag > limit) return range();
    out = static_cast<int64_t>(mag);
  }
  return "";
}

// strconv.ParseBool.
bool go_parse_bool(const std::string& s, bool& out) {
  static const char* kTrue[] = {"1", "t", "T", "TRUE", "true", "True"};
  static const char* kFalse[] = {"0", "f", "F", "FALSE", "false", "False"};
  for (auto* t : kTrue) if (s == t) { out = true; return true; }
  for (auto* f : kFalse) if (s == f) { out = false; return true; }
  return false;
}

struct Lookup {
  const std::vector<FlagSpec>& specs;
  std::vector<FlagSpec> globals = global_flags();

  // Command flags shadow global ones (e.g. a command's own -l).
  const FlagSpec* by_name(const std::string& name) const {
    for (auto& f : specs) if (f.name == name) return &f;
    for (auto& f : globals) if (f.name == name) return &f;
    return nullptr;
  }
  const FlagSpec* by_short(char c) const {
    for (auto& f : specs) if (f.shorthand == c) return &f;
    for (auto& f : globals) if (f.shorthand == c) return &f;
    return nullptr;
  }
};

std::string flag_display_name(const FlagSpec& f) {
  if (f.shorthand) return std::string("-") + f.shorthand + ", --" + f.name;
  return "--" + f.name;
}

// pflag's FlagSet.set: convert and store, or the InvalidValueError text.
std::optional<std::string> set_value(const FlagSpec& f, const std::string& value, ParsedFlags& out) {
  out.given.emplace_back(f.name, value);
  auto invalid = [&](const std::string& cause) {
    return "invalid argument \"" + value + "\" for \"" + flag_display_name(f) + "\" flag: " + cause;
  };
  switch (f.type) {
    case FlagSpec::Bool: {
      bool b = false;
      if (!go_parse_bool(value, b)) return invalid("strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
      out.values[f.name].push_back(b ? "true" : "false");
      return std::nullopt;
    }
    case FlagSpec::Int: {
      int64_t v = 0;
      std::string err = go_parse_int(value, f.name == "v" ? 32 : 64, v);  // -v is klog's int32 Level
      if (!err.empty()) return invalid(err);
      out.values[f.name].push_back(std::to_string(v));
      return std::nullopt;
    }
    case FlagSpec::String:
    case FlagSpec::StringArray:
      out.values[f.name].push_back(value);
      return std::nullopt;
  }
  return std::nullopt;
}

// Flags whose bare "--name" means a value (pflag NoOptDefVal); FlagSpec has no field for it, and
// kubectl gives only these two non-bool flags one.
const char* no_opt_default(const std::string& name) {
  if (name == "dry-run") return "unchanged";  // cmdutil.AddDryRunFlag
  if (name == "cascade") return "background";
  return nullptr;
}

std::string normalize(std::string name) {
  for (auto& c : name) if (c == '_') c = '-';
  return name;
}

}  // namespace

// [SECTION] public API ----------------------------------------------------------------------------

int64_t ParsedFlags::get_int(const std::string& name, int64_t def) const {
  auto it = values.find(name);
  if (it == values.end() || it->second.empty()) return def;
  int64_t v = def;
  if (!go_parse_int(it->second.back(), 64, v).empty()) return def;
  return v;
}

std::vector<FlagSpec> global_flags() {
  // kubectl's persistent flags (genericclioptions.ConfigFlags + klog + cobra's help). Only the
  // ones a learner plausibly types; values other than --namespace are accepted and ignored.
  return {
      {"namespace", 'n', FlagSpec::String, ""},
      {"context", 0, FlagSpec::String, ""},
      {"cluster", 0, FlagSpec::String, ""},
      {"user", 0, FlagSpec::String, ""},
      {"kubeconfig", 0, FlagSpec::String, ""},
      {"server", 's', FlagSpec::String, ""},
      {"token", 0, FlagSpec::String, ""},
      {"request-timeout", 0, FlagSpec::String, "0"},
      {"insecure-skip-tls-verify", 0, FlagSpec::Bool, "false"},
      {"match-server-version", 0, FlagSpec::Bool, "false"},
      {"warnings-as-errors", 0, FlagSpec::Bool, "false"},
      {"as", 0, FlagSpec::String, ""},
      {"as-group", 0, FlagSpec::StringArray, ""},
      {"as-uid", 0, FlagSpec::String, ""},
      {"cache-dir", 0, FlagSpec::String, ""},
      {"certificate-authority", 0, FlagSpec::String, ""},
      {"client-certificate", 0, FlagSpec::String, ""},
      {"client-key", 0, FlagSpec::String, ""},
      {"disable-compression", 0, FlagSpec::Bool, "false"},
      {"tls-server-name", 0, FlagSpec::String, ""},
      {"profile", 0, FlagSpec::String, "none"},
      {"profile-output", 0, FlagSpec::String, "profile.pprof"},
      {"log-flush-frequency", 0, FlagSpec::String, "5s"},
      {"v", 'v', FlagSpec::Int, "0"},  // klog's Level, an int32
      {"kuberc", 0, FlagSpec::String, ""},
      {"username", 0, FlagSpec::String, ""},
      {"password", 0, FlagSpec::String, ""},
      {"vmodule", 0, FlagSpec::String, ""},
      {"help", 'h', FlagSpec::Bool, "false"},
  };
}

std::optional<std::string> parse_flags(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                       ParsedFlags& out) {
  Lookup look{specs};
  size_t i = 0;
  while (i < args.size()) {
    const std::string& s = args[i++];
    if (s.size() < 2 || s[0] != '-') {  // "", "-", and plain words are arguments
      out.positional.push_back(s);
      continue;
    }
    if (s[1] == '-') {
      if (s.size() == 2) {  // "--" ends flag parsing
        out.saw_dash = true;
        out.after_dash.assign(args.begin() + static_cast<long>(i), args.end());
        return std::nullopt;
      }
      // [long flag] --name, --name=value, --name value
      std::string body = s.substr(2);
      if (body[0] == '-' || body[0] == '=') return "bad flag syntax: " + s;
      std::string name = body, value;
      bool has_value = false;
      if (auto eq = body.find('='); eq != std::string::npos) {
        name = body.substr(0, eq);
        value = body.substr(eq + 1);
        has_value = true;
      }
      name = normalize(name);
      const FlagSpec* f = look.by_name(name);
      if (!f) return "unknown flag: --" + name;
      if (!has_value) {
        if (f->type == FlagSpec::Bool) {
          value = "true";  // NoOptDefVal
        } else if (const char* d = no_opt_default(f->name)) {
          value = d;
        } else if (i < args.size()) {
          value = args[i++];
        } else {
          return "flag needs an argument: --" + name;
        }
      }
      if (auto err = set_value(*f, value, out)) return err;
      continue;
    }
    // [shorthand group] -x, -xvalue, -x=value, -x value, -abc (bools)
    std::string shorts = s.substr(1);
    while (!shorts.empty()) {
      char c = shorts[0];
      const FlagSpec* f = look.by_short(c);
      if (!f) return std::string("unknown shorthand flag: '") + c + "' in -" + shorts;
      std::string value;
      std::string rest = shorts.substr(1);
      if (shorts.size() > 2 && shorts[1] == '=') {
        value = shorts.substr(2);
        rest.clear();
      } else if (f->type == FlagSpec::Bool) {
        value = "true";
      } else if (shorts.size() > 1) {
        value = shorts.substr(1);
        rest.clear();
      } else if (i < args.size()) {
        value = args[i++];
      } else {
        return std::string("flag needs an argument: '") + c + "' in -" + shorts;
      }
      if (auto err = set_value(*f, value, out)) return err;
      shorts = rest;
    }
  }
  return std::nullopt;
}

}  // namespace kubesim::kubectl
