// kubesim — IStr: an interned, immutable string in 8 bytes.
//
// Fields that take a handful of distinct values across 150,000 pods (condition types, statuses,
// reasons and messages; a pod's phase, QoS class, node name, host IP, policies; container
// status images and image IDs) hold a pointer to one shared copy of the text instead of a
// std::string each. A PodCondition shrinks from 160 to 64 bytes; "PodReadyToStartContainers"
// no longer costs an allocation per pod.
//
// Reads see a `const std::string&` (implicit), so printers and comparisons read as before;
// assignment interns. Equality between two IStr compares pointers. Texts are never freed:
// the pool only grows with distinct values (bounded by what the cluster and its user write),
// and it holds no state of the world, so snapshots and determinism are unaffected.
#pragma once
#include <compare>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace kubesim::api {

class IStr {
 public:
  IStr() noexcept : p_(empty_text()) {}
  IStr(std::string_view s) : p_(intern(s)) {}           // NOLINT: implicit on purpose
  IStr(const std::string& s) : p_(intern(s)) {}         // NOLINT
  IStr(const char* s) : p_(intern_cstr(s)) {}           // NOLINT
  IStr& operator=(std::string_view s) { p_ = intern(s); return *this; }
  IStr& operator=(const std::string& s) { p_ = intern(s); return *this; }
  IStr& operator=(const char* s) { p_ = intern_cstr(s); return *this; }

  const std::string& str() const noexcept { return *p_; }
  operator const std::string&() const noexcept { return *p_; }  // NOLINT: reads pass it where a string is taken
  operator std::string_view() const noexcept { return *p_; }    // NOLINT
  const char* c_str() const noexcept { return p_->c_str(); }
  const char* data() const noexcept { return p_->data(); }
  size_t size() const noexcept { return p_->size(); }
  size_t length() const noexcept { return p_->size(); }
  bool empty() const noexcept { return p_->empty(); }
  void clear() noexcept { p_ = empty_text(); }
  char operator[](size_t i) const { return (*p_)[i]; }
  auto begin() const noexcept { return p_->begin(); }
  auto end() const noexcept { return p_->end(); }
  size_t find(std::string_view s, size_t pos = 0) const noexcept { return p_->find(s, pos); }
  size_t rfind(std::string_view s, size_t pos = std::string::npos) const noexcept { return p_->rfind(s, pos); }
  size_t find(char c, size_t pos = 0) const noexcept { return p_->find(c, pos); }
  std::string substr(size_t pos, size_t n = std::string::npos) const { return p_->substr(pos, n); }
  bool starts_with(std::string_view s) const noexcept { return p_->starts_with(s); }
  bool ends_with(std::string_view s) const noexcept { return p_->ends_with(s); }
  int compare(std::string_view s) const noexcept { return std::string_view(*p_).compare(s); }

  friend bool operator==(const IStr& a, const IStr& b) noexcept { return a.p_ == b.p_; }
  friend bool operator==(const IStr& a, const std::string& b) noexcept { return *a.p_ == b; }
  friend bool operator==(const IStr& a, std::string_view b) noexcept { return *a.p_ == b; }
  friend bool operator==(const IStr& a, const char* b) noexcept { return *a.p_ == b; }
  // Ordering by text (libc++ 14, Emscripten's, has no operator<=> for strings: compare() it is).
  friend std::strong_ordering operator<=>(const IStr& a, const IStr& b) noexcept { return a.compare(b.str()) <=> 0; }
  friend std::strong_ordering operator<=>(const IStr& a, const std::string& b) noexcept { return a.compare(b) <=> 0; }
  friend std::strong_ordering operator<=>(const IStr& a, std::string_view b) noexcept { return a.compare(b) <=> 0; }
  friend std::strong_ordering operator<=>(const IStr& a, const char* b) noexcept { return a.compare(b) <=> 0; }
  friend std::string operator+(const IStr& a, std::string_view b) { std::string s(*a.p_); s += b; return s; }
  friend std::string operator+(std::string_view a, const IStr& b) { std::string s(a); s += *b.p_; return s; }
  friend std::string operator+(const IStr& a, const std::string& b) { return *a.p_ + b; }
  friend std::string operator+(const std::string& a, const IStr& b) { return a + *b.p_; }
  friend std::string operator+(const IStr& a, const char* b) { return *a.p_ + b; }
  friend std::string operator+(const char* a, const IStr& b) { return a + *b.p_; }
  friend std::string operator+(const IStr& a, char b) { return *a.p_ + b; }
  friend std::string operator+(char a, const IStr& b) { return a + *b.p_; }
  friend std::string& operator+=(std::string& a, const IStr& b) { return a += *b.p_; }
  friend std::ostream& operator<<(std::ostream& os, const IStr& s);

  // How many distinct texts have been interned (for tests and memory reports).
  static size_t pool_size();

 private:
  static const std::string* empty_text() noexcept;
  static const std::string* intern(std::string_view s);
  static const std::string* intern_cstr(const char* s);  // remembers recent literals by address
  const std::string* p_;
};

}  // namespace kubesim::api

template <>
struct std::hash<kubesim::api::IStr> {
  size_t operator()(const kubesim::api::IStr& s) const noexcept { return std::hash<std::string_view>{}(s.str()); }
};
