// kubesim — word expansion in bash's order: brace expansion, tilde, then parameter / command /
// arithmetic expansion left to right, then field splitting of unquoted results, then quote
// removal. (No pathname expansion: a pattern that matches nothing stays as typed, which is what
// bash does too when no file matches.)
#include <algorithm>

#include "shell/interp.h"

namespace kubesim::shell {

using parse::Error;

// [SECTION] glob patterns (${x#pat}, ${x/pat/rep}, [ a == pat ])
static bool class_match(std::string_view pat, size_t& i, unsigned char c, bool& ok) {
  // pat[i] == '[': on success i points past ']'
  size_t j = i + 1;
  bool negate = false;
  if (j < pat.size() && (pat[j] == '!' || pat[j] == '^')) { negate = true; ++j; }
  bool matched = false;
  bool first = true;
  while (j < pat.size() && (pat[j] != ']' || first)) {
    first = false;
    if (pat[j] == '[' && j + 1 < pat.size() && pat[j + 1] == ':') {
      size_t end = pat.find(":]", j + 2);
      if (end != std::string_view::npos) {
        std::string_view cls = pat.substr(j + 2, end - j - 2);
        bool m = (cls == "alpha" && std::isalpha(c)) || (cls == "digit" && std::isdigit(c)) ||
                 (cls == "alnum" && std::isalnum(c)) || (cls == "upper" && std::isupper(c)) ||
                 (cls == "lower" && std::islower(c)) || (cls == "space" && std::isspace(c)) ||
                 (cls == "punct" && std::ispunct(c)) || (cls == "xdigit" && std::isxdigit(c));
        matched = matched || m;
        j = end + 2;
        continue;
      }
    }
    unsigned char lo = static_cast<unsigned char>(pat[j]);
    if (pat[j] == '\\' && j + 1 < pat.size()) lo = static_cast<unsigned char>(pat[++j]);
    if (j + 2 < pat.size() && pat[j + 1] == '-' && pat[j + 2] != ']') {
      unsigned char hi = static_cast<unsigned char>(pat[j + 2]);
      if (c >= lo && c <= hi) matched = true;
      j += 3;
    } else {
      if (c == lo) matched = true;
      ++j;
    }
  }
  if (j >= pat.size()) return false;  // no closing ']': '[' is literal
  i = j + 1;
  ok = matched != negate;
  return true;
}

bool glob_match(std::string_view pat, std::string_view text) {
  size_t p = 0, t = 0, star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pat.size()) {
      char pc = pat[p];
      if (pc == '*') { star_p = p++; star_t = t; continue; }
      if (pc == '?') { ++p; ++t; continue; }
      if (pc == '[') {
        size_t q = p;
        bool ok = false;
        if (class_match(pat, q, static_cast<unsigned char>(text[t]), ok)) {
          if (ok) { p = q; ++t; continue; }
        } else if (text[t] == '[') { ++p; ++t; continue; }
      } else if (pc == '\\' && p + 1 < pat.size()) {
        if (pat[p + 1] == text[t]) { p += 2; ++t; continue; }
      } else if (pc == text[t]) { ++p; ++t; continue; }
    }
    if (star_p != std::string_view::npos) { p = star_p + 1; t = ++star_t; continue; }
    return false;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

// [SECTION] escapes (echo -e, printf %b and format strings, $'…')
static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
static void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string expand_escapes(std::string_view s, bool* stop, bool printf_octal) {
  std::string out;
  if (stop) *stop = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\\' || i + 1 >= s.size()) { out += c; continue; }
    char n = s[++i];
    switch (n) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'c': if (stop) { *stop = true; return out; } out += "\\c"; break;
      case 'e': case 'E': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'x': {
        int v = 0, k = 0;
        while (k < 2 && i + 1 < s.size() && hexval(s[i + 1]) >= 0) { v = v * 16 + hexval(s[++i]); ++k; }
        if (k == 0) out += "\\x";
        else out += static_cast<char>(v);
        break;
      }
      case 'u': case 'U': {
        int max = n == 'u' ? 4 : 8, k = 0;
        uint32_t v = 0;
        while (k < max && i + 1 < s.size() && hexval(s[i + 1]) >= 0) { v = v * 16 + static_cast<uint32_t>(hexval(s[++i])); ++k; }
        if (k == 0) { out += '\\'; out += n; }
        else append_utf8(out, v);
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          // echo: \0nnn (the 0 is required); printf: \nnn
          int v = 0, k = 0;
          size_t j = i;
          if (!printf_octal && n == '0') { ++j; }
          else if (!printf_octal) { out += '\\'; out += n; break; }
          while (k < 3 && j < s.size() && s[j] >= '0' && s[j] <= '7') { v = v * 8 + (s[j] - '0'); ++j; ++k; }
          i = j - 1;
          out += static_cast<char>(v & 0xFF);
        } else {
          out += '\\';
          out += n;
        }
    }
  }
  return out;
}

// [SECTION] arithmetic $(( … ))
namespace {

class Arith {
 public:
  Arith(Interp& in, std::string_view text, int depth) : in_(in), s_(text), depth_(depth) {}

  bool eval(int64_t& out, std::string& error) {
    skip();
    if (pos_ >= s_.size()) { out = 0; return true; }
    int64_t v = comma();
    skip();
    if (!bad_ && pos_ < s_.size()) fail("syntax error in expression");
    if (bad_) { error = error_; return false; }
    out = v;
    return true;
  }

 private:
  void skip() { while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n')) ++pos_; }
  bool peek(std::string_view op) {
    skip();
    return s_.substr(pos_, op.size()) == op;
  }
  bool take(std::string_view op) {
    if (!peek(op)) return false;
    tok_ = pos_;
    pos_ += op.size();
    return true;
  }
  void fail(const std::string& what, size_t at = std::string_view::npos) {
    if (bad_) return;
    bad_ = true;
    size_t t = at == std::string_view::npos ? tok_ : at;
    std::string expr(s_);
    std::string tok(s_.substr(std::min(t, s_.size())));
    error_ = "bash: " + expr + ": " + what + " (error token is \"" + tok + "\")";
  }
  static uint64_t u(int64_t v) { return static_cast<uint64_t>(v); }
  static int64_t s(uint64_t v) { return static_cast<int64_t>(v); }

  int64_t comma() {
    int64_t v = assign();
    while (!bad_ && take(",")) v = assign();
    return v;
  }
  int64_t assign() {
    skip();
    size_t save = pos_;
    if (pos_ < s_.size() && parse::is_name_start(s_[pos_])) {
      size_t b = pos_;
      while (pos_ < s_.size() && parse::is_name_char(s_[pos_])) ++pos_;
      std::string name(s_.substr(b, pos_ - b));
      skip();
      static const char* ops[] = {"<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "="};
      for (const char* op : ops) {
        std::string_view o(op);
        if (s_.substr(pos_, o.size()) == o && !(o == "=" && s_.substr(pos_, 2) == "==")) {
          tok_ = pos_;
          pos_ += o.size();
          int64_t rhs = assign();
          if (bad_) return 0;
          int64_t cur = o == "=" ? 0 : var(name);
          int64_t v = rhs;
          if (o == "+=") v = s(u(cur) + u(rhs));
          else if (o == "-=") v = s(u(cur) - u(rhs));
          else if (o == "*=") v = s(u(cur) * u(rhs));
          else if (o == "/=" || o == "%=") {
            if (rhs == 0) { fail("division by 0"); return 0; }
            if (cur == INT64_MIN && rhs == -1) v = o == "/=" ? cur : 0;
            else v = o == "/=" ? cur / rhs : cur % rhs;
          } else if (o == "<<=") v = s(u(cur) << (rhs & 63));
          else if (o == ">>=") v = cur >> (rhs & 63);
          else if (o == "&=") v = cur & rhs;
          else if (o == "^=") v = cur ^ rhs;
          else if (o == "|=") v = cur | rhs;
          in_.sh->set(name, std::to_string(v));
          return v;
        }
      }
      pos_ = save;
    }
    return ternary();
  }
  int64_t ternary() {
    int64_t c = lor();
    if (bad_) return 0;
    if (take("?")) {
      int64_t a = assign();
      if (!take(":")) { fail("`:' expected for conditional expression", pos_); return 0; }
      int64_t b = assign();
      return c ? a : b;
    }
    return c;
  }
  int64_t lor() {
    int64_t v = land();
    while (!bad_ && take("||")) { int64_t r = land(); v = (v || r) ? 1 : 0; }
    return v;
  }
  int64_t land() {
    int64_t v = bor();
    while (!bad_ && take("&&")) { int64_t r = bor(); v = (v && r) ? 1 : 0; }
    return v;
  }
  int64_t bor() {
    int64_t v = bxor();
    while (!bad_ && !peek("||") && !peek("|=") && take("|")) v |= bxor();
    return v;
  }
  int64_t bxor() {
    int64_t v = band();
    while (!bad_ && !peek("^=") && take("^")) v ^= band();
    return v;
  }
  int64_t band() {
    int64_t v = equality();
    while (!bad_ && !peek("&&") && !peek("&=") && take("&")) v &= equality();
    return v;
  }
  int64_t equality() {
    int64_t v = relational();
    for (;;) {
      if (bad_) return 0;
      if (take("==")) v = v == relational();
      else if (take("!=")) v = v != relational();
      else return v;
    }
  }
  int64_t relational() {
    int64_t v = shift();
    for (;;) {
      if (bad_) return 0;
      if (take("<=")) v = v <= shift();
      else if (take(">=")) v = v >= shift();
      else if (!peek("<<") && take("<")) v = v < shift();
      else if (!peek(">>") && take(">")) v = v > shift();
      else return v;
    }
  }
  int64_t shift() {
    int64_t v = additive();
    for (;;) {
      if (bad_) return 0;
      if (!peek("<<=") && take("<<")) v = s(u(v) << (additive() & 63));
      else if (!peek(">>=") && take(">>")) v = v >> (additive() & 63);
      else return v;
    }
  }
  int64_t additive() {
    int64_t v = multiplicative();
    for (;;) {
      if (bad_) return 0;
      if (!peek("++") && !peek("+=") && take("+")) v = s(u(v) + u(multiplicative()));
      else if (!peek("--") && !peek("-=") && take("-")) v = s(u(v) - u(multiplicative()));
      else return v;
    }
  }
  int64_t multiplicative() {
    int64_t v = power();
    for (;;) {
      if (bad_) return 0;
      if (!peek("**") && !peek("*=") && take("*")) v = s(u(v) * u(power()));
      else if ((!peek("/=") && take("/")) || (!peek("%=") && take("%"))) {
        bool div = s_[tok_] == '/';
        skip();
        size_t at = pos_;
        int64_t r = power();
        if (bad_) return 0;
        if (r == 0) {
          fail("division by 0", at);
          return 0;
        }
        if (v == INT64_MIN && r == -1) v = div ? v : 0;
        else v = div ? v / r : v % r;
      } else return v;
    }
  }
  int64_t power() {
    int64_t base = unary();
    if (!bad_ && take("**")) {
      int64_t e = power();
      if (e < 0) { fail("exponent less than 0"); return 0; }
      uint64_t r = 1, b = u(base);
      while (e-- > 0) r *= b;
      return s(r);
    }
    return base;
  }
  int64_t unary() {
    if (++depth_ > 200) { fail("expression nested too deeply"); return 0; }
    int64_t v;
    if (take("!")) v = !unary();
    else if (take("~")) v = ~unary();
    else if (take("++") || take("--")) {
      bool inc = s_[tok_] == '+';
      skip();
      size_t b = pos_;
      while (pos_ < s_.size() && parse::is_name_char(s_[pos_])) ++pos_;
      if (b == pos_ || !parse::is_name_start(s_[b])) { v = inc ? unary() : -unary(); }
      else {
        std::string name(s_.substr(b, pos_ - b));
        v = s(u(var(name)) + (inc ? 1 : u(-1)));
        in_.sh->set(name, std::to_string(v));
      }
    } else if (take("-")) v = s(0 - u(unary()));
    else if (take("+")) v = unary();
    else v = postfix();
    --depth_;
    return v;
  }
  int64_t postfix() {
    skip();
    if (pos_ < s_.size() && parse::is_name_start(s_[pos_])) {
      size_t b = pos_;
      tok_ = pos_;
      while (pos_ < s_.size() && parse::is_name_char(s_[pos_])) ++pos_;
      std::string name(s_.substr(b, pos_ - b));
      int64_t v = var(name);
      if (take("++")) in_.sh->set(name, std::to_string(s(u(v) + 1)));
      else if (take("--")) in_.sh->set(name, std::to_string(s(u(v) - 1)));
      return v;
    }
    return primary();
  }
  int64_t primary() {
    skip();
    if (pos_ >= s_.size()) {
      fail("syntax error: operand expected");
      return 0;
    }
    if (take("(")) {
      int64_t v = comma();
      if (bad_) return 0;
      if (!take(")")) { fail("missing `)'", pos_); return 0; }
      return v;
    }
    char c = s_[pos_];
    if (c >= '0' && c <= '9') {
      tok_ = pos_;
      size_t b = pos_;
      while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '#' || s_[pos_] == '_' || s_[pos_] == '@')) ++pos_;
      return number(s_.substr(b, pos_ - b), b);
    }
    tok_ = pos_;
    fail("syntax error: operand expected");
    return 0;
  }
  int64_t number(std::string_view t, size_t at) {
    int base = 10;
    std::string_view digits = t;
    if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) { base = 16; digits = t.substr(2); }
    else if (t.size() > 1 && t[0] == '0') { base = 8; digits = t.substr(1); }
    else if (auto h = t.find('#'); h != std::string_view::npos) {
      int64_t b = 0;
      if (!parse_int(t.substr(0, h), b) || b < 2 || b > 64) { fail("invalid arithmetic base", at); return 0; }
      base = static_cast<int>(b);
      digits = t.substr(h + 1);
    }
    uint64_t v = 0;
    for (char ch : digits) {
      int d;
      if (ch >= '0' && ch <= '9') d = ch - '0';
      else if (ch >= 'a' && ch <= 'z') d = ch - 'a' + 10;
      else if (ch >= 'A' && ch <= 'Z') d = base <= 36 ? ch - 'A' + 10 : ch - 'A' + 36;
      else if (ch == '@') d = 62;
      else if (ch == '_') d = 63;
      else d = 99;
      if (d >= base) { fail("value too great for base", at); return 0; }
      v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    return s(v);
  }
  int64_t var(const std::string& name) {
    const Var* v = in_.sh->find(name);
    if (!v || v->value.empty()) return 0;
    int64_t x;
    if (parse_int(v->value, x)) return x;
    if (depth_ > 64) { fail("expression recursion level exceeded"); return 0; }
    Arith sub(in_, v->value, depth_ + 16);
    std::string e;
    if (!sub.eval(x, e)) { bad_ = true; error_ = e; return 0; }
    return x;
  }

  Interp& in_;
  std::string_view s_;
  size_t pos_ = 0;
  size_t tok_ = 0;
  int depth_ = 0;
  bool bad_ = false;
  std::string error_;
};

}  // namespace

bool Interp::arithmetic(std::string_view expr, int64_t& value, const Fds& f) {
  std::string expanded;
  if (!expand_string(expr, expanded, f)) return false;
  Arith a(*this, expanded, 0);
  std::string error;
  if (!a.eval(value, error)) {
    err(f, error + "\n");
    return false;
  }
  return true;
}

// [SECTION] command substitution
bool Interp::command_substitution(std::string_view body, std::string& out, const Fds& f) {
  if (depth_ + 1 > kMaxNestingDepth) {
    err(f, "bash: nesting too deep (kubesim allows " + std::to_string(kMaxNestingDepth) + " levels)\n");
    stop_ = true;
    return false;
  }
  std::string buf;
  Fds cf = f;
  cf.out = Sink{Sink::Buffer, &buf};
  ShellState saved = *sh;
  ++subshell_depth_;
  int st = run_text(body, cf);
  if (exiting_) st = exit_status_;
  --subshell_depth_;
  *sh = std::move(saved);
  exiting_ = false;
  expansion_error_ = false;
  break_levels = 0;
  continue_pending = false;
  last_subst_status = st;
  sh->last_status = st;
  buf.erase(std::remove(buf.begin(), buf.end(), '\0'), buf.end());
  while (!buf.empty() && buf.back() == '\n') buf.pop_back();
  out = std::move(buf);
  return true;
}

// [SECTION] parameters
static std::vector<size_t> char_starts(const std::string& v) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < v.size(); ++i)
    if ((static_cast<unsigned char>(v[i]) & 0xC0) != 0x80) starts.push_back(i);
  return starts;
}

bool Interp::special_parameter(std::string_view name, std::string& value, bool& is_set) const {
  is_set = true;
  if (name == "?") value = std::to_string(sh->last_status);
  else if (name == "$") value = "2210";
  else if (name == "!") { if (s.last_background_pid) value = std::to_string(s.last_background_pid); else { value.clear(); is_set = false; } }
  else if (name == "#") value = "0";
  else if (name == "0") value = "bash";
  else if (name == "-") value = "himBHs";
  else if (name == "@" || name == "*") { value.clear(); is_set = false; }
  else if (name == "_") value = sh->get("_");
  else if (name.size() == 1 && name[0] >= '1' && name[0] <= '9') { value.clear(); is_set = false; }
  else if (!name.empty() && name[0] >= '0' && name[0] <= '9') { value.clear(); is_set = false; }
  else return false;
  return true;
}

bool Interp::expand_parameter(std::string_view body, std::string_view whole, bool quoted, std::string& value,
                              bool& is_set, const Fds& f) {
  (void)quoted;
  auto bad = [&]() {
    err(f, "bash: " + std::string(whole) + ": bad substitution\n");
    return false;
  };
  if (body.empty()) return bad();
  auto lookup = [&](std::string_view name, std::string& v, bool& set) {
    if (special_parameter(name, v, set)) return;
    std::string n(name);
    if (n == "RANDOM") {
      s.random_state = s.random_state * 6364136223846793005ULL + 1442695040888963407ULL;
      v = std::to_string((s.random_state >> 33) % 32768);
      set = true;
      return;
    }
    const Var* var = sh->find(n);
    set = var != nullptr;
    v = var ? var->value : std::string();
  };
  auto read_name = [&](std::string_view b, size_t& n) -> bool {
    n = 0;
    if (b.empty()) return false;
    if (parse::is_name_start(b[0])) {
      while (n < b.size() && parse::is_name_char(b[n])) ++n;
      return true;
    }
    if (b[0] >= '0' && b[0] <= '9') {
      while (n < b.size() && b[n] >= '0' && b[n] <= '9') ++n;
      return true;
    }
    if (std::string_view("?$!#@*-_").find(b[0]) != std::string_view::npos) { n = 1; return true; }
    return false;
  };

  // ${#name}: length in characters
  if (body[0] == '#' && body.size() > 1) {
    size_t n;
    std::string_view rest = body.substr(1);
    if (!read_name(rest, n) || n != rest.size()) return bad();
    std::string v;
    bool set;
    lookup(rest, v, set);
    value = std::to_string(char_starts(v).size());
    is_set = true;
    return true;
  }
  // ${!name}: indirection
  if (body[0] == '!' && body.size() > 1) {
    size_t n;
    std::string_view rest = body.substr(1);
    if (!read_name(rest, n) || n != rest.size()) return bad();
    std::string ref;
    bool set;
    lookup(rest, ref, set);
    size_t n2;
    if (!read_name(ref, n2) || n2 != ref.size()) {
      err(f, "bash: " + ref + ": invalid variable name\n");
      return false;
    }
    lookup(ref, value, is_set);
    return true;
  }
  size_t n;
  if (!read_name(body, n)) return bad();
  std::string_view name = body.substr(0, n);
  std::string_view rest = body.substr(n);
  std::string val;
  lookup(name, val, is_set);
  // name[0], name[@], name[*]: a plain variable is an array of one element
  if (!rest.empty() && rest[0] == '[' && parse::is_name_start(name[0])) {
    size_t close = rest.find(']');
    if (close == std::string_view::npos) return bad();
    std::string_view idx = rest.substr(1, close - 1);
    int64_t k = 0;
    if (idx != "@" && idx != "*") {
      if (!arithmetic(idx, k, f)) return false;
      if (k != 0) { val.clear(); is_set = false; }
    }
    rest = rest.substr(close + 1);
  }
  if (rest.empty()) { value = val; return true; }

  char op = rest[0];
  bool colon = op == ':' && rest.size() > 1 && std::string_view("-=+?").find(rest[1]) != std::string_view::npos;
  if (colon || op == '-' || op == '=' || op == '+' || op == '?') {
    char o = colon ? rest[1] : op;
    std::string_view word = rest.substr(colon ? 2 : 1);
    bool use_alt = colon ? (!is_set || val.empty()) : !is_set;
    std::string w;
    switch (o) {
      case '-':
        if (use_alt) { if (!expand_string(word, w, f)) return false; value = w; }
        else value = val;
        return true;
      case '=':
        if (use_alt) {
          if (!parse::is_name_start(name[0])) {
            err(f, "bash: $" + std::string(name) + ": cannot assign in this way\n");
            return false;
          }
          if (!expand_string(word, w, f)) return false;
          sh->set(std::string(name), w);
          value = w;
        } else value = val;
        return true;
      case '+':
        if (use_alt) value.clear();
        else { if (!expand_string(word, w, f)) return false; value = w; }
        return true;
      case '?':
        if (use_alt) {
          if (!expand_string(word, w, f)) return false;
          err(f, "bash: " + std::string(name) + ": " + (w.empty() ? "parameter null or not set" : w) + "\n");
          return false;
        }
        value = val;
        return true;
    }
  }
  if (op == ':') {  // ${name:offset[:length]}
    std::string_view spec = rest.substr(1);
    size_t colon2 = std::string_view::npos;
    int paren = 0;
    for (size_t i = 0; i < spec.size(); ++i) {
      if (spec[i] == '(') ++paren;
      else if (spec[i] == ')') --paren;
      else if (spec[i] == ':' && paren == 0 && (i == 0 || spec[i - 1] != '?')) { colon2 = i; break; }
    }
    int64_t off = 0, len = -1;
    if (!arithmetic(spec.substr(0, colon2), off, f)) return false;
    bool has_len = colon2 != std::string_view::npos;
    if (has_len && !arithmetic(spec.substr(colon2 + 1), len, f)) return false;
    std::vector<size_t> st = char_starts(val);
    int64_t count = static_cast<int64_t>(st.size());
    if (off < 0) off += count;
    if (off < 0 || off > count) { value.clear(); return true; }
    int64_t end = count;
    if (has_len) {
      if (len < 0) {
        end = count + len;
        if (end < off) {
          err(f, "bash: " + std::string(spec.substr(colon2 + 1)) + ": substring expression < 0\n");
          return false;
        }
      } else end = std::min(count, off + len);
    }
    size_t b = off < count ? st[static_cast<size_t>(off)] : val.size();
    size_t e = end < count ? st[static_cast<size_t>(end)] : val.size();
    value = val.substr(b, e - b);
    return true;
  }
  if (op == '#' || op == '%') {
    bool longest = rest.size() > 1 && rest[1] == op;
    std::string pat;
    if (!expand_pattern(rest.substr(longest ? 2 : 1), pat, f)) return false;
    value = val;
    if (val.size() > 65536) return true;  // kubesim: pattern removal on huge values is skipped
    std::vector<size_t> st = char_starts(val);
    st.push_back(val.size());
    if (op == '#') {
      if (longest) {
        for (size_t k = st.size(); k-- > 0;) if (glob_match(pat, std::string_view(val).substr(0, st[k]))) { value = val.substr(st[k]); break; }
      } else {
        for (size_t k = 0; k < st.size(); ++k) if (glob_match(pat, std::string_view(val).substr(0, st[k]))) { value = val.substr(st[k]); break; }
      }
    } else {
      if (longest) {
        for (size_t k = 0; k < st.size(); ++k) if (glob_match(pat, std::string_view(val).substr(st[k]))) { value = val.substr(0, st[k]); break; }
      } else {
        for (size_t k = st.size(); k-- > 0;) if (glob_match(pat, std::string_view(val).substr(st[k]))) { value = val.substr(0, st[k]); break; }
      }
    }
    return true;
  }
  if (op == '/') {
    std::string_view spec = rest.substr(1);
    char mode = 0;  // '/', '#', '%'
    if (!spec.empty() && (spec[0] == '/' || spec[0] == '#' || spec[0] == '%')) { mode = spec[0]; spec.remove_prefix(1); }
    size_t slash = std::string_view::npos;
    for (size_t i = 0; i < spec.size(); ++i) {
      if (spec[i] == '\\') { ++i; continue; }
      if (spec[i] == '/') { slash = i; break; }
    }
    std::string pat, rep;
    if (!expand_pattern(spec.substr(0, slash), pat, f)) return false;
    if (slash != std::string_view::npos && !expand_string(spec.substr(slash + 1), rep, f)) return false;
    value = val;
    if (pat.empty() || val.size() > 65536) return true;
    std::vector<size_t> st = char_starts(val);
    st.push_back(val.size());
    std::string out;
    size_t k = 0;
    bool done = false;
    while (k + 1 < st.size() || (k + 1 == st.size() && mode == '%')) {
      size_t b = st[k];
      size_t match_end = std::string::npos;
      if (!done && (mode != '#' || k == 0)) {
        for (size_t e = st.size(); e-- > k;) {  // longest match at b
          if (mode == '%' && e != st.size() - 1) continue;
          if (e == k && !glob_match(pat, "")) continue;
          if (glob_match(pat, std::string_view(val).substr(b, st[e] - b))) { match_end = e; break; }
        }
      }
      if (match_end != std::string::npos && match_end > k) {
        out += rep;
        k = match_end;
        if (mode != '/') done = true;
        continue;
      }
      if (k + 1 >= st.size()) break;
      out += val.substr(b, st[k + 1] - b);
      ++k;
    }
    value = out;
    return true;
  }
  if (op == '^' || op == ',') {
    bool all = rest.size() > 1 && rest[1] == op;
    value = val;
    for (size_t i = 0; i < value.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(value[i]);
      value[i] = static_cast<char>(op == '^' ? std::toupper(c) : std::tolower(c));
      if (!all) break;
    }
    return true;
  }
  return bad();
}

// [SECTION] $-expansions
bool Interp::expand_dollar(std::string_view raw, size_t& i, bool quoted, std::vector<Seg>& segs, const Fds& f) {
  // raw[i] == '$'
  if (i + 1 >= raw.size()) { segs.push_back({"$", true}); ++i; return true; }
  char c = raw[i + 1];
  if (c == '(') {
    size_t j = i + 2;
    Error e;
    if (!parse::skip_paren_body(raw, j, 0, e)) {
      err(f, e.message + "\n");
      return false;
    }
    std::string_view body = raw.substr(i + 2, j - i - 3);
    i = j;
    if (body.size() >= 2 && body.front() == '(' && body.back() == ')') {
      int64_t v;
      if (!arithmetic(body.substr(1, body.size() - 2), v, f)) return false;
      segs.push_back({std::to_string(v), quoted});
      return true;
    }
    std::string out;
    if (!command_substitution(body, out, f)) return false;
    segs.push_back({std::move(out), quoted});
    return true;
  }
  if (c == '{') {
    size_t j = i + 2;
    Error e;
    if (!parse::skip_brace_body(raw, j, 0, e)) {
      err(f, e.message + "\n");
      return false;
    }
    std::string_view body = raw.substr(i + 2, j - i - 3);
    std::string_view whole = raw.substr(i, j - i);
    i = j;
    std::string value;
    bool set = false;
    if (!expand_parameter(body, whole, quoted, value, set, f)) return false;
    segs.push_back({std::move(value), quoted});
    return true;
  }
  if (parse::is_name_start(c)) {
    size_t j = i + 1;
    while (j < raw.size() && parse::is_name_char(raw[j])) ++j;
    std::string_view name = raw.substr(i + 1, j - i - 1);
    i = j;
    std::string value;
    bool set;
    std::string whole = "${" + std::string(name) + "}";
    if (!expand_parameter(name, whole, quoted, value, set, f)) return false;
    segs.push_back({std::move(value), quoted});
    return true;
  }
  if ((c >= '0' && c <= '9') || std::string_view("?$!#@*-_").find(c) != std::string_view::npos) {
    std::string value;
    bool set;
    special_parameter(std::string_view(&raw[i + 1], 1), value, set);
    i += 2;
    segs.push_back({std::move(value), quoted});
    return true;
  }
  segs.push_back({"$", true});
  ++i;
  return true;
}

bool Interp::expand_segments(std::string_view raw, std::vector<Seg>& segs, bool& had_quotes, bool tilde, const Fds& f,
                             bool pattern) {
  std::string lit;
  // a quoted character in a pattern matches itself
  auto quoted_char = [&](char ch) {
    if (pattern && (ch == '*' || ch == '?' || ch == '[' || ch == ']' || ch == '\\')) lit += '\\';
    lit += ch;
  };
  auto quoted_text = [&](std::string_view t) { for (char ch : t) quoted_char(ch); };
  auto push_quoted_result = [&](std::vector<Seg>& sg, size_t from) {
    if (!pattern) return;
    for (size_t k = from; k < sg.size(); ++k) {
      std::string esc;
      for (char ch : sg[k].text) {
        if (ch == '*' || ch == '?' || ch == '[' || ch == ']' || ch == '\\') esc += '\\';
        esc += ch;
      }
      sg[k].text = std::move(esc);
    }
  };
  auto flush = [&]() {
    if (!lit.empty()) segs.push_back({std::move(lit), true});
    lit.clear();
  };
  size_t i = 0;
  if (tilde && !raw.empty() && raw[0] == '~') {
    size_t end = 1;
    while (end < raw.size() && raw[end] != '/') ++end;
    std::string_view user = raw.substr(1, end - 1);
    bool plain = true;
    for (char ch : user) if (!(parse::is_name_char(ch) || ch == '-' || ch == '+' || ch == '.')) plain = false;
    if (plain) {
      if (user.empty()) { lit = sh->get("HOME"); i = end; }
      else if (user == "+") { lit = sh->cwd; i = end; }
      else if (user == "-" && sh->find("OLDPWD")) { lit = sh->get("OLDPWD"); i = end; }
      else if (user == "root") { lit = "/root"; i = end; }
      else if (user == sh->get("USER") && !user.empty()) { lit = sh->get("HOME"); i = end; }
    }
  }
  while (i < raw.size()) {
    if (stopped()) return false;
    char c = raw[i];
    if (c == '\\') {
      if (i + 1 < raw.size()) {
        if (raw[i + 1] != '\n') quoted_char(raw[i + 1]);
        i += 2;
      } else {
        lit += '\\';
        ++i;
      }
      continue;
    }
    if (c == '\'') {
      had_quotes = true;
      size_t end = raw.find('\'', i + 1);
      if (end == std::string_view::npos) end = raw.size();
      quoted_text(raw.substr(i + 1, end - i - 1));
      i = end + 1;
      continue;
    }
    if (c == '$' && i + 1 < raw.size() && raw[i + 1] == '\'') {  // $'…' ANSI-C quoting
      had_quotes = true;
      size_t j = i + 2;
      while (j < raw.size() && raw[j] != '\'') j += raw[j] == '\\' ? 2 : 1;
      quoted_text(expand_escapes(raw.substr(i + 2, std::min(j, raw.size()) - i - 2), nullptr, true));
      i = j + 1;
      continue;
    }
    if (c == '"' || (c == '$' && i + 1 < raw.size() && raw[i + 1] == '"')) {
      had_quotes = true;
      i += c == '$' ? 2 : 1;
      while (i < raw.size() && raw[i] != '"') {
        if (stopped()) return false;
        char d = raw[i];
        if (d == '\\' && i + 1 < raw.size()) {
          char n = raw[i + 1];
          if (n == '$' || n == '`' || n == '"' || n == '\\') quoted_char(n);
          else if (n != '\n') { quoted_char('\\'); quoted_char(n); }
          i += 2;
          continue;
        }
        if (d == '$') {
          flush();
          size_t before = segs.size();
          if (!expand_dollar(raw, i, true, segs, f)) return false;
          push_quoted_result(segs, before);
          continue;
        }
        if (d == '`') {
          flush();
          size_t j = i + 1;
          Error e;
          if (!parse::skip_backquoted(raw, j, e)) { err(f, e.message + "\n"); return false; }
          std::string body;
          for (size_t k = i + 1; k + 1 < j; ++k) {
            if (raw[k] == '\\' && k + 2 < j && (raw[k + 1] == '$' || raw[k + 1] == '`' || raw[k + 1] == '\\')) ++k;
            body += raw[k];
          }
          std::string out;
          if (!command_substitution(body, out, f)) return false;
          segs.push_back({std::move(out), true});
          push_quoted_result(segs, segs.size() - 1);
          i = j;
          continue;
        }
        quoted_char(d);
        ++i;
      }
      ++i;  // closing quote
      // "" alone must still make a field: mark with an empty quoted piece
      flush();
      segs.push_back({"", true});
      continue;
    }
    if (c == '$') {
      flush();
      if (!expand_dollar(raw, i, false, segs, f)) return false;
      continue;
    }
    if (c == '`') {
      flush();
      size_t j = i + 1;
      Error e;
      if (!parse::skip_backquoted(raw, j, e)) { err(f, e.message + "\n"); return false; }
      std::string body;
      for (size_t k = i + 1; k + 1 < j; ++k) {
        if (raw[k] == '\\' && k + 2 < j && (raw[k + 1] == '$' || raw[k + 1] == '`' || raw[k + 1] == '\\')) ++k;
        body += raw[k];
      }
      std::string out;
      if (!command_substitution(body, out, f)) return false;
      segs.push_back({std::move(out), false});
      i = j;
      continue;
    }
    lit += c;
    ++i;
  }
  flush();
  return true;
}

void Interp::split_fields(const std::vector<Seg>& segs, bool had_quotes, std::vector<std::string>& fields) const {
  const Var* ifs_var = sh->find("IFS");
  std::string ifs = ifs_var ? ifs_var->value : std::string(" \t\n");
  auto is_ifs = [&](char c) { return ifs.find(c) != std::string::npos; };
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  std::string cur;
  bool have = false;
  size_t before = fields.size();
  for (auto& sg : segs) {
    if (sg.quoted || ifs.empty()) {
      cur += sg.text;
      have = true;
      continue;
    }
    for (char c : sg.text) {
      if (is_ifs(c)) {
        if (is_ws(c)) {
          if (have) { fields.push_back(std::move(cur)); cur.clear(); have = false; }
        } else {
          fields.push_back(std::move(cur));
          cur.clear();
          have = false;
        }
      } else {
        cur += c;
        have = true;
      }
    }
  }
  if (have) fields.push_back(std::move(cur));
  else if (had_quotes && fields.size() == before) fields.push_back("");
}

// [SECTION] brace expansion
bool Interp::brace_expand(std::string_view raw, std::vector<std::string>& out, const Fds& f) {
  // find the first unquoted '{' that has a matching '}' with a ',' or '..' inside
  size_t i = 0;
  Error e;
  while (i < raw.size()) {
    char c = raw[i];
    if (c == '\\') { i += 2; continue; }
    if (c == '\'') { ++i; if (!parse::skip_single_quoted(raw, i, e)) break; continue; }
    if (c == '"') { ++i; if (!parse::skip_double_quoted(raw, i, 0, e)) break; continue; }
    if (c == '`') { ++i; if (!parse::skip_backquoted(raw, i, e)) break; continue; }
    if (c == '$' && i + 1 < raw.size() && (raw[i + 1] == '(' || raw[i + 1] == '{')) {
      size_t j = i + 2;
      bool ok = raw[i + 1] == '(' ? parse::skip_paren_body(raw, j, 0, e) : parse::skip_brace_body(raw, j, 0, e);
      if (!ok) break;
      i = j;
      continue;
    }
    if (c != '{') { ++i; continue; }
    // scan for the matching '}' and top-level commas
    size_t j = i + 1;
    int level = 0;
    std::vector<size_t> commas;
    bool found = false;
    while (j < raw.size()) {
      char d = raw[j];
      if (d == '\\') { j += 2; continue; }
      if (d == '\'') { ++j; if (!parse::skip_single_quoted(raw, j, e)) break; continue; }
      if (d == '"') { ++j; if (!parse::skip_double_quoted(raw, j, 0, e)) break; continue; }
      if (d == '$' && j + 1 < raw.size() && (raw[j + 1] == '(' || raw[j + 1] == '{')) {
        size_t k = j + 2;
        bool ok = raw[j + 1] == '(' ? parse::skip_paren_body(raw, k, 0, e) : parse::skip_brace_body(raw, k, 0, e);
        if (!ok) break;
        j = k;
        continue;
      }
      if (d == '{') ++level;
      else if (d == '}') {
        if (level == 0) { found = true; break; }
        --level;
      } else if (d == ',' && level == 0) commas.push_back(j);
      ++j;
    }
    if (!found) { ++i; continue; }
    std::string_view prefix = raw.substr(0, i), body = raw.substr(i + 1, j - i - 1), suffix = raw.substr(j + 1);
    std::vector<std::string> items;
    if (!commas.empty()) {
      size_t b = i + 1;
      for (size_t cpos : commas) { items.emplace_back(raw.substr(b, cpos - b)); b = cpos + 1; }
      items.emplace_back(raw.substr(b, j - b));
    } else {
      // {x..y[..step]}: integers (zero-padded if either end is) or single characters
      size_t dots = body.find("..");
      if (dots == std::string_view::npos) { i = j + 1; continue; }
      std::string_view a = body.substr(0, dots), rest = body.substr(dots + 2);
      std::string_view bnd = rest, stepv;
      if (size_t d2 = rest.find(".."); d2 != std::string_view::npos) { bnd = rest.substr(0, d2); stepv = rest.substr(d2 + 2); }
      int64_t x, y, step = 1;
      bool numeric = parse_int(a, x) && parse_int(bnd, y) && (stepv.empty() || parse_int(stepv, step));
      bool chars = !numeric && a.size() == 1 && bnd.size() == 1 && std::isalpha(static_cast<unsigned char>(a[0])) &&
                   std::isalpha(static_cast<unsigned char>(bnd[0])) && (stepv.empty() || parse_int(stepv, step));
      if (!numeric && !chars) { i = j + 1; continue; }
      if (chars) { x = a[0]; y = bnd[0]; }
      if (step == 0) step = 1;
      if (step < 0) step = -step;
      uint64_t count = static_cast<uint64_t>(x > y ? x - y : y - x) / static_cast<uint64_t>(step) + 1;
      if (count > kMaxExpandedWords) {
        err(f, "bash: brace expansion: too many words (kubesim allows " + std::to_string(kMaxExpandedWords) + ")\n");
        return false;
      }
      size_t width = 0;
      auto padded = [](std::string_view t) {
        std::string_view u = t;
        if (!u.empty() && (u[0] == '-' || u[0] == '+')) u.remove_prefix(1);
        return u.size() > 1 && u[0] == '0';
      };
      if (numeric && (padded(a) || padded(bnd))) width = std::max(a.size(), bnd.size());
      for (int64_t v = x, k = 0; k < static_cast<int64_t>(count); ++k, v += (x <= y ? step : -step)) {
        if (chars) { items.emplace_back(1, static_cast<char>(v)); continue; }
        std::string t = std::to_string(v < 0 ? -v : v);
        size_t w = width > 0 && v < 0 ? width - 1 : width;
        if (t.size() < w) t.insert(0, w - t.size(), '0');
        items.push_back((v < 0 ? "-" : "") + t);
      }
    }
    for (auto& it : items) {
      std::string word = std::string(prefix) + it + std::string(suffix);
      if (!brace_expand(word, out, f)) return false;
      if (out.size() > kMaxExpandedWords) {
        err(f, "bash: brace expansion: too many words (kubesim allows " + std::to_string(kMaxExpandedWords) + ")\n");
        return false;
      }
    }
    return true;
  }
  out.emplace_back(raw);
  return true;
}

// [SECTION] public expansion entry points
bool Interp::expand_word(std::string_view raw, std::vector<std::string>& fields, const Fds& f) {
  std::vector<std::string> words;
  if (!brace_expand(raw, words, f)) return false;
  for (auto& w : words) {
    std::vector<Seg> segs;
    bool had_quotes = false;
    if (!expand_segments(w, segs, had_quotes, true, f)) return false;
    split_fields(segs, had_quotes, fields);
    if (fields.size() > kMaxExpandedWords) {
      err(f, "bash: too many words (kubesim allows " + std::to_string(kMaxExpandedWords) + ")\n");
      return false;
    }
  }
  return true;
}

bool Interp::expand_pattern(std::string_view raw, std::string& out, const Fds& f) {
  std::vector<Seg> segs;
  bool had_quotes = false;
  if (!expand_segments(raw, segs, had_quotes, true, f, true)) return false;
  out.clear();
  for (auto& sg : segs) out += sg.text;
  return true;
}

bool Interp::expand_string(std::string_view raw, std::string& out, const Fds& f) {
  std::vector<Seg> segs;
  bool had_quotes = false;
  if (!expand_segments(raw, segs, had_quotes, true, f)) return false;
  out.clear();
  for (auto& sg : segs) out += sg.text;
  return true;
}

}  // namespace kubesim::shell
