// kubesim web — args.cpp: parsing the page's start-up options.
#include "args.h"

#include <charconv>
#include <cstdlib>

namespace kubesim::web {

template <class T>
static bool parse_number(const std::string& s, T* out) {
  if (s.empty()) return false;
  T v{};
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return false;
  *out = v;
  return true;
}

AppArgs parse_args(const std::vector<std::string>& words) {
  AppArgs a;
  a.engine.scenario = "bootcamp";  // the page starts where Kubernetes Basics module 5 starts
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    if (w.rfind("--", 0) != 0) { a.errors.push_back("unexpected argument \"" + w + "\""); continue; }
    w = w.substr(2);
    std::string name = w, value;
    bool has_value = false;
    if (auto eq = w.find('='); eq != std::string::npos) { name = w.substr(0, eq); value = w.substr(eq + 1); has_value = true; }
    auto take = [&]() -> bool {
      if (has_value) return true;
      if (i + 1 < words.size() && words[i + 1].rfind("--", 0) != 0) { value = words[++i]; return true; }
      a.errors.push_back("option --" + name + " needs a value");
      return false;
    };
    auto flag = [&]() { return !has_value || value == "1" || value == "true" || value.empty(); };
    if (name == "seed") {
      if (!take()) continue;
      uint64_t v = 0;
      if (parse_number(value, &v)) a.engine.seed = v;
      else a.errors.push_back("invalid seed \"" + value + "\" (a whole number)");
    } else if (name == "nodes") {
      if (!take()) continue;
      int v = 0;
      if (parse_number(value, &v) && v >= 1 && v <= Engine::kMaxNodes) a.engine.nodes = v;
      else a.errors.push_back("invalid nodes \"" + value + "\" (1 to " + std::to_string(Engine::kMaxNodes) + ")");
    } else if (name == "scenario") {
      if (!take()) continue;
      if (value == "fresh" || value == "bootcamp") a.engine.scenario = value;
      else a.errors.push_back("unknown scenario \"" + value + "\" (fresh or bootcamp)");
    } else if (name == "lang") {
      if (!take()) continue;
      if (value == "ko") a.lang = Lang::Ko;
      else if (value == "en") a.lang = Lang::En;
      else a.errors.push_back("unknown language \"" + value + "\" (en or ko)");
    } else if (name == "speed") {
      if (!take()) continue;
      // from_chars for double is missing in some standard libraries; strtod is locale-free enough here
      char* end = nullptr;
      double v = std::strtod(value.c_str(), &end);
      if (end && *end == '\0' && v > 0 && v <= 100) a.speed = v < 0.05 ? 0.05 : v;
      else a.errors.push_back("invalid speed \"" + value + "\"");
    } else if (name == "paused") {
      a.paused = flag();
    } else if (name == "embed") {
      a.embed = flag();
    } else {
      a.errors.push_back("unknown option --" + name);
    }
  }
  return a;
}

}  // namespace kubesim::web
