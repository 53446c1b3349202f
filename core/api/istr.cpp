#include "api/istr.h"

#include <cstdint>
#include <cstring>
#include <ostream>
#include <unordered_set>

namespace kubesim::api {
namespace {
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
struct TextEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};
// Set nodes never move, so the pointers IStr holds stay valid while the pool grows.
std::unordered_set<std::string, TextHash, TextEq>& pool() {
  static auto* p = new std::unordered_set<std::string, TextHash, TextEq>();  // never destroyed: IStr in statics outlive it otherwise
  return *p;
}
}  // namespace

const std::string* IStr::empty_text() noexcept {
  static const std::string* e = intern("");
  return e;
}

const std::string* IStr::intern(std::string_view s) {
  auto& p = pool();
  auto it = p.find(s);
  if (it == p.end()) it = p.emplace(s).first;
  return &*it;
}

// Most C strings interned are literals (`c.status = "True"`), interned again at every write. A
// small table remembers the text last interned for an address; a hit is confirmed by comparing
// the text (an address may be a buffer that changed since), so it never answers wrongly.
const std::string* IStr::intern_cstr(const char* s) {
  struct Recent { const char* addr = nullptr; const std::string* text = nullptr; };
  static Recent recent[256];
  Recent& r = recent[(reinterpret_cast<uintptr_t>(s) >> 3) & 255];
  if (r.addr == s && std::strcmp(r.text->c_str(), s) == 0) return r.text;
  const std::string* t = intern(s);
  r = Recent{s, t};
  return t;
}

size_t IStr::pool_size() { return pool().size(); }

std::ostream& operator<<(std::ostream& os, const IStr& s) { return os << s.str(); }

}  // namespace kubesim::api
