// kubesim web — i18n.cpp: the Korean UI table.
#include "i18n.h"

#include <cstdarg>
#include <cstdio>
#include <unordered_map>

namespace kubesim::web {

namespace {
Lang g_lang = Lang::En;

struct Pair { const char* en; const char* ko; };
#include "i18n_ko.inc"

const std::unordered_map<std::string_view, const char*>& table() {
  static const std::unordered_map<std::string_view, const char*> t = [] {
    std::unordered_map<std::string_view, const char*> m;
    for (const Pair& p : kKorean) m.emplace(p.en, p.ko);
    return m;
  }();
  return t;
}
}  // namespace

void set_language(Lang l) { g_lang = l; }
Lang language() { return g_lang; }

const char* tr(const char* english) {
  if (g_lang == Lang::En || !english) return english;
  auto it = table().find(english);
  return it == table().end() ? english : it->second;
}

const std::string& korean_ui_text() {
  static const std::string all = [] {
    std::string s;
    for (const Pair& p : kKorean) s += p.ko;
    return s;
  }();
  return all;
}

std::string fmt(const char* format, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, format);
  int n = std::vsnprintf(buf, sizeof buf, format, ap);
  va_end(ap);
  if (n < 0) return {};
  if (static_cast<size_t>(n) < sizeof buf) return std::string(buf, static_cast<size_t>(n));
  std::string big(static_cast<size_t>(n) + 1, '\0');
  va_start(ap, format);
  std::vsnprintf(big.data(), big.size(), format, ap);
  va_end(ap);
  big.resize(static_cast<size_t>(n));
  return big;
}

}  // namespace kubesim::web
