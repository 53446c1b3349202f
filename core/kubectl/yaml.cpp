// kubesim — YAML emitter (go-yaml v2 rules, as kubectl -o yaml) and a manifest parser.
// The emitter follows the behaviour of go-yaml v2's emitter (sigs.k8s.io/yaml/goyaml.v2:
// encode.go stringv/resolve.go for the requested style, emitterc.go for the analysis of a scalar,
// the style fallbacks, indentation and line folding at column 80). Written from those rules, not
// translated code.
#include "kubectl/yaml.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <vector>

#include "api/json.h"

namespace kubesim::kubectl {

using nlohmann::json;

// [SECTION] character classes (UTF-8 bytes, as the emitter sees them) ---------------------------------
namespace {

int utf8_width(unsigned char b) {
  if ((b & 0x80) == 0) return 1;
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 1;
}

unsigned char at(const std::string& s, size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; }
bool is_space(const std::string& s, size_t i) { return at(s, i) == ' '; }
bool is_blank(const std::string& s, size_t i) { return at(s, i) == ' ' || at(s, i) == '\t'; }
bool is_break(const std::string& s, size_t i) {
  const unsigned char c = at(s, i);
  return c == '\r' || c == '\n' || (c == 0xC2 && at(s, i + 1) == 0x85) ||
         (c == 0xE2 && at(s, i + 1) == 0x80 && (at(s, i + 2) == 0xA8 || at(s, i + 2) == 0xA9));
}
bool is_blankz(const std::string& s, size_t i) { return is_blank(s, i) || is_break(s, i) || i >= s.size(); }
bool is_printable(const std::string& s, size_t i) {
  const unsigned char b = at(s, i), b1 = at(s, i + 1), b2 = at(s, i + 2);
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) || (b > 0xC2 && b < 0xED) ||
         (b == 0xED && b1 < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}
bool is_bom(const std::string& s, size_t i) { return at(s, i) == 0xEF && at(s, i + 1) == 0xBB && at(s, i + 2) == 0xBF; }

// [SECTION] resolution of plain scalars (YAML 1.1, go-yaml v2 resolve.go) ---------------------------
bool all_digits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    int v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
    if (v >= base) return false;
  }
  return true;
}

// strconv.ParseInt(s, 0, 64) syntax (range ignored: an out-of-range integer still resolves to !!int).
bool parse_go_int(std::string_view s, bool& negative, uint64_t& magnitude, bool& overflow) {
  negative = false;
  overflow = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) { negative = s[0] == '-'; s.remove_prefix(1); }
  int base = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) { base = 16; s.remove_prefix(2); }
  else if (s.size() >= 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) { base = 8; s.remove_prefix(2); }
  else if (s.size() >= 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) { base = 2; s.remove_prefix(2); }
  else if (s.size() >= 2 && s[0] == '0') { base = 8; s.remove_prefix(1); }
  if (!all_digits(s, base)) return false;
  magnitude = 0;
  for (char c : s) {
    const uint64_t v = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : c - 'A' + 10;
    if (magnitude > (UINT64_MAX - v) / static_cast<uint64_t>(base)) { overflow = true; }
    magnitude = magnitude * static_cast<uint64_t>(base) + v;
  }
  return true;
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool yaml_style_float(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  auto digits = [&](size_t& k) { size_t st = k; while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k; return k - st; };
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits(i) == 0) return false;
  } else {
    if (digits(i) == 0) return false;
    if (i < s.size() && s[i] == '.') { ++i; digits(i); }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits(i) == 0) return false;
  }
  return i == s.size();
}

// go-yaml's timestamp formats: 2006-1-2 (date), with [Tt]15:4:5(.frac)(Z|±hh:mm), or " 15:4:5(.frac)".
bool looks_like_timestamp(std::string_view s) {
  size_t i = 0;
  auto num = [&](size_t minw, size_t maxw, int& v) {
    size_t st = i;
    v = 0;
    while (i < s.size() && i - st < maxw && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
    return i - st >= minw;
  };
  int y, mo, d, h, mi, se;
  if (!num(4, 4, y) || i >= s.size() || s[i] != '-') return false;
  ++i;
  if (!num(1, 2, mo) || i >= s.size() || s[i] != '-') return false;
  ++i;
  if (!num(1, 2, d)) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  if (i == s.size()) return true;
  const char sep = s[i];
  if (sep != 'T' && sep != 't' && sep != ' ') return false;
  ++i;
  if (!num(1, 2, h) || i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!num(1, 2, mi) || i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!num(1, 2, se)) return false;
  if (h > 23 || mi > 59 || se > 59) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int f;
    if (!num(1, 9, f)) return false;
  }
  if (sep == ' ') return i == s.size();
  if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
    int oh, om;
    if (!num(2, 2, oh) || i >= s.size() || s[i] != ':') return false;
    ++i;
    return num(2, 2, om) && i == s.size();
  }
  return false;
}

enum class Tag { Str, Bool, Int, Float, Null, Merge, Timestamp };

struct Resolved {
  Tag tag = Tag::Str;
  json value;
};

Resolved resolve_plain(const std::string& in) {
  static const std::map<std::string, std::pair<Tag, int>> kMap = {
      {"y", {Tag::Bool, 1}},      {"Y", {Tag::Bool, 1}},      {"yes", {Tag::Bool, 1}},    {"Yes", {Tag::Bool, 1}},
      {"YES", {Tag::Bool, 1}},    {"true", {Tag::Bool, 1}},   {"True", {Tag::Bool, 1}},   {"TRUE", {Tag::Bool, 1}},
      {"on", {Tag::Bool, 1}},     {"On", {Tag::Bool, 1}},     {"ON", {Tag::Bool, 1}},     {"n", {Tag::Bool, 0}},
      {"N", {Tag::Bool, 0}},      {"no", {Tag::Bool, 0}},     {"No", {Tag::Bool, 0}},     {"NO", {Tag::Bool, 0}},
      {"false", {Tag::Bool, 0}},  {"False", {Tag::Bool, 0}},  {"FALSE", {Tag::Bool, 0}},  {"off", {Tag::Bool, 0}},
      {"Off", {Tag::Bool, 0}},    {"OFF", {Tag::Bool, 0}},    {"", {Tag::Null, 0}},       {"~", {Tag::Null, 0}},
      {"null", {Tag::Null, 0}},   {"Null", {Tag::Null, 0}},   {"NULL", {Tag::Null, 0}},   {".nan", {Tag::Float, 2}},
      {".NaN", {Tag::Float, 2}},  {".NAN", {Tag::Float, 2}},  {".inf", {Tag::Float, 3}},  {".Inf", {Tag::Float, 3}},
      {".INF", {Tag::Float, 3}},  {"+.inf", {Tag::Float, 3}}, {"+.Inf", {Tag::Float, 3}}, {"+.INF", {Tag::Float, 3}},
      {"-.inf", {Tag::Float, 4}}, {"-.Inf", {Tag::Float, 4}}, {"-.INF", {Tag::Float, 4}}, {"<<", {Tag::Merge, 0}},
  };
  Resolved r;
  r.value = in;
  const unsigned char c0 = in.empty() ? 'N' : static_cast<unsigned char>(in[0]);
  char hint = 0;
  if (in.empty()) hint = 'N';
  else if (c0 == '+' || c0 == '-') hint = 'S';
  else if (c0 >= '0' && c0 <= '9') hint = 'D';
  else if (std::string_view("yYnNtTfFoO~").find(static_cast<char>(c0)) != std::string_view::npos) hint = 'M';
  else if (c0 == '.') hint = '.';
  else if (c0 == '<') hint = 'M';
  if (hint == 0) return r;
  if (auto it = kMap.find(in); it != kMap.end()) {
    r.tag = it->second.first;
    if (r.tag == Tag::Bool) r.value = it->second.second == 1;
    else if (r.tag == Tag::Null) r.value = nullptr;
    else if (r.tag == Tag::Float) r.value = nullptr;  // NaN/Inf have no JSON form
    return r;
  }
  if (hint == '.') {
    if (yaml_style_float(in)) { r.tag = Tag::Float; r.value = std::strtod(in.c_str(), nullptr); }
    return r;
  }
  if (hint == 'D' || hint == 'S') {
    if (looks_like_timestamp(in)) { r.tag = Tag::Timestamp; return r; }
    std::string plain;
    for (char c : in) if (c != '_') plain.push_back(c);
    bool neg = false, overflow = false;
    uint64_t mag = 0;
    if (parse_go_int(plain, neg, mag, overflow)) {
      r.tag = Tag::Int;
      if (overflow || (neg && mag > static_cast<uint64_t>(INT64_MAX) + 1)) r.value = std::strtod(plain.c_str(), nullptr);
      else if (neg) r.value = mag == static_cast<uint64_t>(INT64_MAX) + 1 ? INT64_MIN : -static_cast<int64_t>(mag);
      else if (mag > static_cast<uint64_t>(INT64_MAX)) r.value = mag;
      else r.value = static_cast<int64_t>(mag);
      return r;
    }
    if (yaml_style_float(plain)) { r.tag = Tag::Float; r.value = std::strtod(plain.c_str(), nullptr); return r; }
  }
  return r;
}

// ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
bool is_base60_float(const std::string& s) {
  if (s.empty()) return false;
  const char c = s[0];
  if (!(c == '+' || c == '-' || (c >= '0' && c <= '9')) || s.find(':') == std::string::npos) return false;
  size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_')) ++i;
  int groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    size_t st = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - st < 2) ++i;
    const size_t n = i - st;
    if (n == 0) return false;
    if (n == 2 && s[st] > '5') return false;
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') { ++i; while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_')) ++i; }
  return i == s.size();
}

// [SECTION] emitter ------------------------------------------------------------------------------------
enum class Style { Plain, Single, Double, Literal };

struct Analysis {
  bool multiline = false, flow_plain_allowed = false, block_plain_allowed = true, single_quoted_allowed = true,
       block_allowed = false;
};

Analysis analyze_scalar(const std::string& v) {
  Analysis a;
  if (v.empty()) return a;
  bool block_ind = false, flow_ind = false, line_breaks = false, special = false, tabs = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
  bool break_space = false, space_break = false, preceded_ws = true, prev_space = false, prev_break = false;
  if (v.size() >= 3 && ((v[0] == '-' && v[1] == '-' && v[2] == '-') || (v[0] == '.' && v[1] == '.' && v[2] == '.'))) {
    block_ind = flow_ind = true;
  }
  for (size_t i = 0, w = 0; i < v.size(); i += w) {
    w = static_cast<size_t>(utf8_width(at(v, i)));
    const bool followed_ws = i + w >= v.size() || is_blank(v, i + w);
    const char c = v[i];
    if (i == 0) {
      switch (c) {
        case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!': case '|':
        case '>': case '\'': case '"': case '%': case '@': case '`':
          flow_ind = block_ind = true; break;
        case '?': case ':':
          flow_ind = true;
          if (followed_ws) block_ind = true;
          break;
        case '-':
          if (followed_ws) flow_ind = block_ind = true;
          break;
        default: break;
      }
    } else {
      switch (c) {
        case ',': case '?': case '[': case ']': case '{': case '}': flow_ind = true; break;
        case ':':
          flow_ind = true;
          if (followed_ws) block_ind = true;
          break;
        case '#':
          if (preceded_ws) flow_ind = block_ind = true;
          break;
        default: break;
      }
    }
    if (c == '\t') tabs = true;
    else if (!is_printable(v, i)) special = true;  // the emitter runs with unicode enabled
    if (is_space(v, i)) {
      if (i == 0) leading_space = true;
      if (i + w == v.size()) trailing_space = true;
      if (prev_break) break_space = true;
      prev_space = true;
      prev_break = false;
    } else if (is_break(v, i)) {
      line_breaks = true;
      if (i == 0) leading_break = true;
      if (i + w == v.size()) trailing_break = true;
      if (prev_space) space_break = true;
      prev_space = false;
      prev_break = true;
    } else {
      prev_space = prev_break = false;
    }
    preceded_ws = is_blankz(v, i);
  }
  a.multiline = line_breaks;
  a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = a.block_allowed = true;
  if (leading_space || leading_break || trailing_space || trailing_break) a.flow_plain_allowed = a.block_plain_allowed = false;
  if (trailing_space) a.block_allowed = false;
  if (break_space) a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = false;
  if (space_break || tabs || special) a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = false;
  if (space_break || special) a.block_allowed = false;
  if (line_breaks) a.flow_plain_allowed = a.block_plain_allowed = false;
  if (flow_ind) a.flow_plain_allowed = false;
  if (block_ind) a.block_plain_allowed = false;
  return a;
}

class Emitter {
 public:
  std::string out;

  void document(const json& v) {
    node(v, -1, false, false, false);
    write_indent(-1);  // document end: finish the last line
  }

 private:
  static constexpr int kBestWidth = 80;
  static constexpr int kBestIndent = 2;
  int column_ = 0;
  bool whitespace_ = true;
  bool indention_ = true;

  void put(char c) { out.push_back(c); ++column_; }
  void put_break() { out.push_back('\n'); column_ = 0; indention_ = true; }
  void write(const std::string& s, size_t& i) {
    const size_t w = static_cast<size_t>(utf8_width(at(s, i)));
    out.append(s, i, w);
    i += w;
    ++column_;
  }
  void write_break(const std::string& s, size_t& i) {
    if (s[i] == '\n') { put_break(); ++i; }
    else { write(s, i); column_ = 0; indention_ = true; }
  }
  void write_indent(int indent) {
    if (indent < 0) indent = 0;
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) put_break();
    while (column_ < indent) put(' ');
    whitespace_ = true;
    indention_ = true;
  }
  void write_indicator(const char* ind, bool need_ws, bool is_ws, bool is_indention) {
    if (need_ws && !whitespace_) put(' ');
    for (const char* p = ind; *p; ++p) put(*p);
    whitespace_ = is_ws;
    indention_ = indention_ && is_indention;
  }

  // -- scalars --
  void write_plain(const std::string& v, bool allow_breaks, int indent) {
    if (!whitespace_) put(' ');
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < v.size();) {
      if (is_space(v, i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && !is_space(v, i + 1)) {
          write_indent(indent);
          i += 1;
        } else {
          write(v, i);
        }
        spaces = true;
      } else if (is_break(v, i)) {
        if (!breaks && v[i] == '\n') put_break();
        write_break(v, i);
        breaks = true;
      } else {
        if (breaks) write_indent(indent);
        write(v, i);
        indention_ = false;
        spaces = breaks = false;
      }
    }
    whitespace_ = false;
    indention_ = false;
  }

  void write_single(const std::string& v, bool allow_breaks, int indent) {
    write_indicator("'", true, false, false);
    bool spaces = false, breaks = false;
    for (size_t i = 0; i < v.size();) {
      if (is_space(v, i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i < v.size() - 1 && !is_space(v, i + 1)) {
          write_indent(indent);
          i += 1;
        } else {
          write(v, i);
        }
        spaces = true;
      } else if (is_break(v, i)) {
        if (!breaks && v[i] == '\n') put_break();
        write_break(v, i);
        breaks = true;
      } else {
        if (breaks) write_indent(indent);
        if (v[i] == '\'') put('\'');
        write(v, i);
        indention_ = false;
        spaces = breaks = false;
      }
    }
    write_indicator("'", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void write_double(const std::string& v, bool allow_breaks, int indent) {
    static const char* hex = "0123456789ABCDEF";
    bool spaces = false;
    write_indicator("\"", true, false, false);
    for (size_t i = 0; i < v.size();) {
      if (!is_printable(v, i) || is_bom(v, i) || is_break(v, i) || v[i] == '"' || v[i] == '\\') {
        const unsigned char o = at(v, i);
        size_t w = 1;
        uint32_t cp = o;
        if ((o & 0x80) == 0) { w = 1; cp = o & 0x7F; }
        else if ((o & 0xE0) == 0xC0) { w = 2; cp = o & 0x1F; }
        else if ((o & 0xF0) == 0xE0) { w = 3; cp = o & 0x0F; }
        else if ((o & 0xF8) == 0xF0) { w = 4; cp = o & 0x07; }
        for (size_t k = 1; k < w; ++k) cp = (cp << 6) + (at(v, i + k) & 0x3F);
        i += w;
        put('\\');
        switch (cp) {
          case 0x00: put('0'); break;
          case 0x07: put('a'); break;
          case 0x08: put('b'); break;
          case 0x09: put('t'); break;
          case 0x0A: put('n'); break;
          case 0x0B: put('v'); break;
          case 0x0C: put('f'); break;
          case 0x0D: put('r'); break;
          case 0x1B: put('e'); break;
          case 0x22: put('"'); break;
          case 0x5C: put('\\'); break;
          case 0x85: put('N'); break;
          case 0xA0: put('_'); break;
          case 0x2028: put('L'); break;
          case 0x2029: put('P'); break;
          default: {
            int digits;
            if (cp <= 0xFF) { put('x'); digits = 2; }
            else if (cp <= 0xFFFF) { put('u'); digits = 4; }
            else { put('U'); digits = 8; }
            for (int k = (digits - 1) * 4; k >= 0; k -= 4) put(hex[(cp >> k) & 0x0F]);
          }
        }
        spaces = false;
      } else if (is_space(v, i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i < v.size() - 1) {
          write_indent(indent);
          if (is_space(v, i + 1)) put('\\');
          i += 1;
        } else {
          write(v, i);
        }
        spaces = true;
      } else {
        write(v, i);
        spaces = false;
      }
    }
    write_indicator("\"", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  void write_literal(const std::string& v, int indent) {
    write_indicator("|", true, false, false);
    // block scalar hints: indentation indicator when the text starts with a space or a break,
    // chomping '-' without a final break, '+' with more than one.
    if (is_space(v, 0) || is_break(v, 0)) {
      const char hint[2] = {static_cast<char>('0' + kBestIndent), 0};
      write_indicator(hint, false, false, false);
    }
    const char* chomp = nullptr;
    if (v.empty()) {
      chomp = "-";
    } else {
      size_t i = v.size() - 1;
      while (i > 0 && (at(v, i) & 0xC0) == 0x80) --i;
      if (!is_break(v, i)) {
        chomp = "-";
      } else if (i == 0) {
        chomp = "+";
      } else {
        --i;
        while (i > 0 && (at(v, i) & 0xC0) == 0x80) --i;
        if (is_break(v, i)) chomp = "+";
      }
    }
    if (chomp) write_indicator(chomp, false, false, false);
    put_break();
    whitespace_ = true;
    bool breaks = true;
    for (size_t i = 0; i < v.size();) {
      if (is_break(v, i)) {
        write_break(v, i);
        breaks = true;
      } else {
        if (breaks) write_indent(indent);
        write(v, i);
        indention_ = false;
        breaks = false;
      }
    }
  }

  // Emit one scalar. `is_string`: a Go string (style chosen by stringv); else a plain token.
  void scalar(const std::string& text, bool is_string, int parent_indent, bool simple_key) {
    Style style = Style::Plain;
    if (is_string) {
      const Resolved r = resolve_plain(text);
      const bool can_plain = r.tag == Tag::Str && !is_base60_float(text);
      if (text.find('\n') != std::string::npos) style = Style::Literal;
      else style = can_plain ? Style::Plain : Style::Double;
    }
    const Analysis a = analyze_scalar(text);
    if (simple_key && a.multiline) style = Style::Double;
    if (style == Style::Plain) {
      if (!a.block_plain_allowed) style = Style::Single;
      if (text.empty() && simple_key) style = Style::Single;
    }
    if (style == Style::Single && !a.single_quoted_allowed) style = Style::Double;
    if (style == Style::Literal && (!a.block_allowed || simple_key)) style = Style::Double;
    const int indent = parent_indent < 0 ? kBestIndent : parent_indent + kBestIndent;
    switch (style) {
      case Style::Plain: write_plain(text, !simple_key, indent); break;
      case Style::Single: write_single(text, !simple_key, indent); break;
      case Style::Double: write_double(text, !simple_key, indent); break;
      case Style::Literal: write_literal(text, indent); break;
    }
  }

  static std::string number_text(const json& v) {
    if (v.is_number_integer()) return api::go_json_number(v);
    const double f = v.get<double>();
    // JSON text of an integral float reads back as a YAML int.
    if (std::isfinite(f) && std::floor(f) == f && std::fabs(f) < 1e21) {
      const std::string j = api::go_json_number(v);
      if (j.find_first_of(".e") == std::string::npos) {
        // an int64 reads back as int; beyond that go-yaml sees a float again
        if (std::fabs(f) < 9.2e18) return j;
      }
    }
    return api::go_format_float(f, 'g', -1);
  }

  void node(const json& v, int parent_indent, bool in_sequence, bool in_mapping, bool simple_key) {
    (void)in_sequence;
    switch (v.type()) {
      case json::value_t::null: scalar("null", false, parent_indent, simple_key); return;
      case json::value_t::boolean: scalar(v.get<bool>() ? "true" : "false", false, parent_indent, simple_key); return;
      case json::value_t::number_integer:
      case json::value_t::number_unsigned:
      case json::value_t::number_float: scalar(number_text(v), false, parent_indent, simple_key); return;
      case json::value_t::string: scalar(v.get_ref<const std::string&>(), true, parent_indent, simple_key); return;
      case json::value_t::array: {
        if (v.empty()) {
          write_indicator("[", true, true, false);
          write_indicator("]", false, false, false);
          return;
        }
        const bool indentless = in_mapping && !indention_;
        const int indent = indentless ? parent_indent : (parent_indent < 0 ? 0 : parent_indent + kBestIndent);
        for (auto& item : v) {
          write_indent(indent);
          write_indicator("-", true, false, true);
          node(item, indent, true, false, false);
        }
        return;
      }
      case json::value_t::object: {
        if (v.empty()) {
          write_indicator("{", true, true, false);
          write_indicator("}", false, false, false);
          return;
        }
        const int indent = parent_indent < 0 ? 0 : parent_indent + kBestIndent;
        std::vector<std::string> keys;
        for (auto it = v.begin(); it != v.end(); ++it) keys.push_back(it.key());
        std::stable_sort(keys.begin(), keys.end(), yaml_key_less);
        for (auto& k : keys) {
          write_indent(indent);
          const Analysis a = analyze_scalar(k);
          if (!a.multiline && k.size() <= 128) {
            scalar(k, true, indent, true);
            write_indicator(":", false, false, false);
          } else {
            write_indicator("?", true, false, true);
            scalar(k, true, indent, false);
            write_indent(indent);
            write_indicator(":", true, false, true);
          }
          node(v[k], indent, false, true, false);
        }
        return;
      }
      default: scalar("null", false, parent_indent, simple_key); return;
    }
  }
};

std::vector<uint32_t> runes(const std::string& s) {
  std::vector<uint32_t> r;
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    const int w = utf8_width(b);
    uint32_t cp = w == 1 ? b : b & (w == 2 ? 0x1F : w == 3 ? 0x0F : 0x07);
    for (int k = 1; k < w && i + static_cast<size_t>(k) < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    r.push_back(cp);
    i += static_cast<size_t>(w);
  }
  return r;
}

bool is_letter(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7); }
bool is_digit_rune(uint32_t c) { return c >= '0' && c <= '9'; }

}  // namespace

bool yaml_key_less(const std::string& as, const std::string& bs) {
  const std::vector<uint32_t> a = runes(as), b = runes(bs);
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) continue;
    const bool al = is_letter(a[i]), bl = is_letter(b[i]);
    if (al && bl) return a[i] < b[i];
    if (al || bl) return bl;
    int64_t an = 0, bn = 0;
    if (a[i] == '0' || b[i] == '0') {
      for (size_t j = i; j-- > 0 && is_digit_rune(a[j]);) {
        if (a[j] != '0') { an = 1; bn = 1; break; }
      }
    }
    size_t ai = i, bi = i;
    for (; ai < a.size() && is_digit_rune(a[ai]); ++ai) an = an * 10 + static_cast<int64_t>(a[ai] - '0');
    for (; bi < b.size() && is_digit_rune(b[bi]); ++bi) bn = bn * 10 + static_cast<int64_t>(b[bi] - '0');
    if (an != bn) return an < bn;
    if (ai != bi) return ai < bi;
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

std::string to_yaml(const json& v) {
  Emitter e;
  e.document(v);
  return e.out;
}

// [SECTION] parser --------------------------------------------------------------------------------------
namespace {

struct ParseError {
  std::string message;
};

class YamlParser {
 public:
  YamlParser(std::string_view src, size_t begin, size_t end) : s_(src), pos_(begin), end_(end) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < s_.size(); ++i)
      if (s_[i] == '\n') line_starts_.push_back(i + 1);
  }

  // Parses one document in [begin, end). `empty` set when it holds no node.
  bool document(json& out, bool& empty, std::string& err) {
    empty = false;
    skip_to_content();
    if (failed_) { err = err_; return false; }
    if (pos_ >= end_) { empty = true; return true; }
    out = block_node(-1, false);
    if (!failed_) {
      skip_to_content();
      if (!failed_ && pos_ < end_) parser_error(pos_, "did not find expected <document start>", pos_);
    }
    if (failed_) { err = err_; return false; }
    return true;
  }

 private:
  std::string_view s_;
  size_t pos_, end_;
  std::vector<size_t> line_starts_;
  std::map<std::string, json> anchors_;
  bool failed_ = false;
  std::string err_;
  int depth_ = 0;

  // -- positions --
  size_t line_of(size_t p) const {
    size_t lo = 0, hi = line_starts_.size();
    while (hi - lo > 1) {
      const size_t mid = (lo + hi) / 2;
      if (line_starts_[mid] <= p) lo = mid; else hi = mid;
    }
    return lo;
  }
  int col_of(size_t p) const { return static_cast<int>(p - line_starts_[line_of(p)]); }
  char ch(size_t p) const { return p < end_ ? s_[p] : '\0'; }
  bool eol(size_t p) const { return p >= end_ || s_[p] == '\n' || s_[p] == '\r'; }
  bool blank(size_t p) const { return p < end_ && (s_[p] == ' ' || s_[p] == '\t'); }
  bool blankz(size_t p) const { return blank(p) || eol(p); }

  // -- errors (go-yaml: scanner errors name the 1-based line; parser errors the 0-based one) --
  void scanner_error(size_t p, const std::string& msg) {
    if (failed_) return;
    failed_ = true;
    err_ = "yaml: line " + std::to_string(line_of(p) + 1) + ": " + msg;
  }
  void parser_error(size_t p, const std::string& msg, size_t context) {
    if (failed_) return;
    failed_ = true;
    size_t line = line_of(p);
    if (line == 0) line = line_of(context);
    err_ = line == 0 ? "yaml: " + msg : "yaml: line " + std::to_string(line) + ": " + msg;
  }

  // Skip spaces, comments and empty lines up to the next content character. A tab in the
  // indentation of a line is the scanner's "cannot start any token".
  void skip_to_content() {
    while (pos_ < end_) {
      const char c = s_[pos_];
      if (c == ' ') { ++pos_; continue; }
      if (c == '\t') {
        // tabs are fine after content on the line, not as indentation
        size_t ls = line_starts_[line_of(pos_)];
        bool only_ws_before = true;
        for (size_t k = ls; k < pos_; ++k) if (s_[k] != ' ' && s_[k] != '\t') { only_ws_before = false; break; }
        if (only_ws_before) {
          size_t k = pos_;
          while (k < end_ && (s_[k] == ' ' || s_[k] == '\t')) ++k;
          if (k < end_ && s_[k] != '\n' && s_[k] != '\r' && s_[k] != '#') {
            scanner_error(pos_, "found character that cannot start any token");
            return;
          }
        }
        ++pos_;
        continue;
      }
      if (c == '\n' || c == '\r') { ++pos_; continue; }
      if (c == '#') { while (pos_ < end_ && s_[pos_] != '\n') ++pos_; continue; }
      break;
    }
  }
  // Skip spaces/tabs and a trailing comment on the current line; true if the line ends here.
  bool rest_of_line_empty(size_t& p) const {
    while (p < end_ && (s_[p] == ' ' || s_[p] == '\t')) ++p;
    if (p < end_ && s_[p] == '#') while (p < end_ && s_[p] != '\n') ++p;
    return eol(p);
  }
  void to_next_line(size_t& p) const {
    while (p < end_ && s_[p] != '\n') ++p;
    if (p < end_) ++p;
  }
  // Indentation (column) of the next content line at/after p, and its content position.
  bool peek_content(size_t p, size_t& content, int& column) {
    size_t save = pos_;
    pos_ = p;
    skip_to_content();
    content = pos_;
    pos_ = save;
    if (failed_) return false;
    if (content >= end_) return false;
    column = col_of(content);
    return true;
  }

  bool is_seq_entry(size_t p) const { return ch(p) == '-' && blankz(p + 1); }

  // Does a simple key start at p (a scalar on this line followed by ':' + blank)?
  bool has_implicit_key(size_t p, size_t* colon = nullptr) const {
    size_t i = p;
    int flow = 0;
    const char c = ch(i);
    if (c == '"' || c == '\'') {
      ++i;
      while (i < end_ && s_[i] != '\n') {
        if (c == '\'' && s_[i] == '\'' && ch(i + 1) == '\'') { i += 2; continue; }
        if (c == '"' && s_[i] == '\\') { i += 2; continue; }
        if (s_[i] == c) break;
        ++i;
      }
      if (ch(i) != c) return false;
      ++i;
      while (blank(i)) ++i;
      if (ch(i) == ':' && blankz(i + 1)) { if (colon) *colon = i; return true; }
      return false;
    }
    if (c == '[' || c == '{') return false;  // flow keys are not supported in block context
    if (c == '-' && blankz(i + 1)) return false;
    if (c == '?' && blankz(i + 1)) return false;
    for (; i < end_ && s_[i] != '\n' && s_[i] != '\r'; ++i) {
      const char k = s_[i];
      if (k == '#' && i > p && blank(i - 1)) return false;
      if (k == ':' && blankz(i + 1) && flow == 0) { if (colon) *colon = i; return true; }
    }
    return false;
  }

  // -- nodes --
  // A node in block context. `parent_indent` is the indentation of the enclosing collection
  // (plain scalars continue on lines indented more than it); `inline_value`: the node starts
  // on the line of a "key:" (block collections may not start there).
  json block_node(int parent_indent, bool inline_value) {
    if (++depth_ > 200) { scanner_error(pos_, "exceeded max depth of 200"); --depth_; return nullptr; }
    json v = block_node_inner(parent_indent, inline_value);
    --depth_;
    return v;
  }

  json block_node_inner(int parent_indent, bool inline_value) {
    std::string anchor;
    std::string tag;
    // properties: &anchor and !tag, in any order
    for (;;) {
      if (ch(pos_) == '&' || ch(pos_) == '!') {
        const bool is_anchor = ch(pos_) == '&';
        size_t st = ++pos_;
        while (pos_ < end_ && !blankz(pos_)) ++pos_;
        (is_anchor ? anchor : tag) = std::string(s_.substr(st, pos_ - st));
        if (is_anchor && anchor.empty()) { scanner_error(pos_, "did not find expected alphabetic or numeric character"); return nullptr; }
        size_t p = pos_;
        if (rest_of_line_empty(p)) {
          // node on the following lines (or empty)
          size_t content;
          int column;
          if (!peek_content(p, content, column) || column <= parent_indent ||
              (inline_value && column <= parent_indent)) {
            pos_ = p;
            return remember(anchor, nullptr);
          }
          pos_ = content;
          inline_value = false;
          continue;
        }
        pos_ = p;
        continue;
      }
      break;
    }
    json v;
    const size_t start = pos_;
    const char c = ch(pos_);
    if (is_seq_entry(pos_)) {
      if (inline_value) { scanner_error(pos_, "block sequence entries are not allowed in this context"); return nullptr; }
      v = block_sequence(col_of(pos_), false);
    } else if (c == '*') {
      size_t st = ++pos_;
      while (pos_ < end_ && !blankz(pos_) && s_[pos_] != ',' && s_[pos_] != ']' && s_[pos_] != '}') ++pos_;
      const std::string name(s_.substr(st, pos_ - st));
      auto it = anchors_.find(name);
      if (it == anchors_.end()) { failed_ = true; err_ = "yaml: unknown anchor '" + name + "' referenced"; return nullptr; }
      v = it->second;
      if (has_implicit_key(start)) {
        // "*alias: value" — an alias used as a key: not supported in manifests.
        scanner_error(pos_, "mapping values are not allowed in this context");
        return nullptr;
      }
      after_node_on_line();
    } else if (has_implicit_key(pos_)) {
      if (inline_value) {
        size_t colon = 0;
        has_implicit_key(pos_, &colon);
        scanner_error(colon, "mapping values are not allowed in this context");
        return nullptr;
      }
      v = block_mapping(col_of(pos_));
    } else if (c == '|' || c == '>') {
      v = block_scalar(parent_indent);
    } else if (c == '"' || c == '\'') {
      v = quoted_scalar(parent_indent, false);
      if (failed_) return nullptr;
      after_node_on_line();
    } else if (c == '[' || c == '{') {
      v = flow_node();
      if (failed_) return nullptr;
      after_node_on_line();
    } else if (c == '?' && blankz(pos_ + 1)) {
      scanner_error(pos_, "complex keys are not supported");
      return nullptr;
    } else if (c == '@' || c == '`' || c == '%') {
      scanner_error(pos_, "found character that cannot start any token");
      return nullptr;
    } else {
      v = plain_scalar(parent_indent, false);
    }
    if (failed_) return nullptr;
    v = apply_tag(tag, v);
    return remember(anchor, v);
  }

  json remember(const std::string& anchor, json v) {
    if (!anchor.empty()) anchors_[anchor] = v;
    return v;
  }

  json apply_tag(const std::string& tag, const json& v) {
    if (tag.empty()) return v;
    if (tag == "!!str" || tag == "!") {
      if (v.is_string()) return v;
      if (v.is_null()) return "";
      if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
      if (v.is_number()) return api::go_json_number(v);
      return v;
    }
    if (tag == "!!int" || tag == "!!float") {
      if (v.is_string()) {
        Resolved r = resolve_plain(v.get<std::string>());
        if (r.tag == Tag::Int || r.tag == Tag::Float) return r.value;
      }
      return v;
    }
    return v;  // other tags (custom, !!map, !!seq, !!binary) leave the value as written
  }

  // After a quoted/flow/alias node on a line: only a comment may follow (else the scanner sees
  // another token where the parser expected a key).
  void after_node_on_line() {
    size_t p = pos_;
    if (rest_of_line_empty(p)) { pos_ = p; return; }
    if (ch(p) == ':' && blankz(p + 1)) return;  // a key; the caller handles it
    parser_error(p, "did not find expected key", p);
  }

  json block_mapping(int column) {
    json obj = json::object();
    const size_t map_start = pos_;
    for (;;) {
      // key
      std::string key;
      bool key_is_merge = false;
      json key_value;
      size_t colon = 0;
      if (!has_implicit_key(pos_, &colon)) {
        if (is_seq_entry(pos_)) parser_error(pos_, "did not find expected key", map_start);
        else parser_error(pos_, "could not find expected ':'", map_start);
        return obj;
      }
      if (ch(pos_) == '"' || ch(pos_) == '\'') {
        key_value = quoted_scalar(column, true);
        if (failed_) return obj;
        key = key_value.get<std::string>();
      } else {
        std::string text(s_.substr(pos_, colon - pos_));
        while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
        const Resolved r = resolve_plain(text);
        key_is_merge = r.tag == Tag::Merge;
        key = key_string(r, text);
      }
      pos_ = colon + 1;
      // value
      json value;
      size_t p = pos_;
      if (rest_of_line_empty(p)) {
        size_t content;
        int col;
        if (peek_content(p, content, col) && col > column) {
          pos_ = content;
          value = block_node(column, false);
        } else if (!failed_ && peek_content(p, content, col) && col == column && is_seq_entry(content)) {
          pos_ = content;
          value = block_sequence(column, true);
        } else {
          pos_ = p;
          value = nullptr;
        }
      } else {
        pos_ = p;
        value = block_node(column, true);
      }
      if (failed_) return obj;
      if (key_is_merge) merge_into(obj, value);
      else obj[key] = value;
      // next key
      size_t content;
      int col;
      if (!peek_content(pos_, content, col)) { if (!failed_) pos_ = end_; return obj; }
      if (col < column) { pos_ = content; return obj; }
      if (col > column) { parser_error(content, "did not find expected key", map_start); return obj; }
      pos_ = content;
      if (is_seq_entry(pos_)) { parser_error(pos_, "did not find expected key", map_start); return obj; }
    }
  }

  static std::string key_string(const Resolved& r, const std::string& text) {
    switch (r.tag) {
      case Tag::Bool: return r.value.get<bool>() ? "true" : "false";
      case Tag::Null: return "null";
      case Tag::Int:
      case Tag::Float: return r.value.is_number() ? api::go_json_number(r.value) : text;
      default: return text;
    }
  }

  void merge_into(json& obj, const json& src) {
    auto one = [&](const json& m) {
      if (!m.is_object()) return;
      for (auto it = m.begin(); it != m.end(); ++it)
        if (!obj.contains(it.key())) obj[it.key()] = it.value();
    };
    if (src.is_array()) for (auto& m : src) one(m);
    else one(src);
  }

  json block_sequence(int column, bool indentless) {
    json arr = json::array();
    const size_t seq_start = pos_;
    for (;;) {
      // at '-'
      pos_ += 1;
      size_t p = pos_;
      json item;
      if (rest_of_line_empty(p)) {
        size_t content;
        int col;
        if (peek_content(p, content, col) && col > column) {
          pos_ = content;
          item = block_node(column, false);
        } else {
          pos_ = p;
          item = nullptr;
        }
      } else {
        pos_ = p;
        // compact forms after "- ": a nested sequence or a mapping starting on this line
        item = block_node(column, false);
      }
      if (failed_) return arr;
      arr.push_back(item);
      size_t content;
      int col;
      if (!peek_content(pos_, content, col)) { if (!failed_) pos_ = end_; return arr; }
      if (col < column) { pos_ = content; return arr; }
      if (col == column && is_seq_entry(content)) { pos_ = content; continue; }
      if (col == column) { pos_ = content; return arr; }  // the parent mapping's next key (indentless)
      if (indentless) parser_error(content, "did not find expected key", seq_start);
      else parser_error(content, "did not find expected '-' indicator", seq_start);
      return arr;
    }
  }

  // Plain scalar in block context; continuation lines must be indented more than parent_indent.
  json plain_scalar(int parent_indent, bool in_flow) {
    std::string text;
    std::string pending_breaks;  // folded line breaks between lines
    bool first_line = true;
    for (;;) {
      // one line of the scalar
      size_t i = pos_;
      std::string line;
      while (i < end_ && s_[i] != '\n' && s_[i] != '\r') {
        const char k = s_[i];
        if (k == ':' && (blankz(i + 1) || (in_flow && (ch(i + 1) == ',' || ch(i + 1) == ']' || ch(i + 1) == '}')))) break;
        if (k == '#' && i > pos_ && blank(i - 1)) break;
        if (in_flow && (k == ',' || k == '[' || k == ']' || k == '{' || k == '}')) break;
        line.push_back(k);
        ++i;
      }
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
      if (!first_line && !line.empty()) {
        if (pending_breaks.empty()) text += ' ';
        else text += pending_breaks;
      }
      text += line;
      pending_breaks.clear();
      first_line = false;
      if (ch(i) == ':' && blankz(i + 1) && !in_flow) {
        // "a: b: c", or a continuation line that holds a key
        scanner_error(i, "mapping values are not allowed in this context");
        return nullptr;
      }
      pos_ = i;
      if (in_flow) {
        if (i < end_ && s_[i] != '\n' && s_[i] != '\r') break;
      } else if (ch(i) == '#') {
        break;
      }
      // continuation?
      size_t p = i;
      if (p >= end_) break;
      // count empty lines, find the next content line
      std::string breaks;
      size_t q = p;
      bool found = false;
      while (q < end_) {
        if (s_[q] == '\r') { ++q; continue; }
        if (s_[q] != '\n') break;
        ++q;
        size_t k = q;
        while (k < end_ && (s_[k] == ' ' || s_[k] == '\t')) ++k;
        if (k < end_ && s_[k] != '\n' && s_[k] != '\r') {
          const int col = col_of(k);
          if (s_[k] == '#') break;
          if (!in_flow && col <= parent_indent) break;
          if (col == 0 && (s_.substr(k, 3) == "---" || s_.substr(k, 3) == "...") && blankz(k + 3)) break;
          if (in_flow && (s_[k] == ',' || s_[k] == ']' || s_[k] == '}')) { pos_ = k; return resolved_plain(text, in_flow); }
          pos_ = k;
          found = true;
          break;
        }
        breaks += '\n';
        q = k;
      }
      if (!found) break;
      pending_breaks = breaks;
    }
    return resolved_plain(text, in_flow);
  }

  json resolved_plain(const std::string& text, bool) {
    const Resolved r = resolve_plain(text);
    if (r.tag == Tag::Timestamp || r.tag == Tag::Merge) return text;
    return r.value;
  }

  // Quoted scalar (single or double), possibly over several lines (folded).
  json quoted_scalar(int parent_indent, bool simple_key) {
    (void)parent_indent;
    const char q = s_[pos_];
    const size_t start = pos_;
    ++pos_;
    std::string out;
    std::string whitespace;  // pending spaces at the end of a line segment
    for (;;) {
      if (pos_ >= end_) {
        scanner_error(end_, "found unexpected end of stream");
        (void)start;
        return nullptr;
      }
      const char c = s_[pos_];
      if (q == '\'' && c == '\'' && ch(pos_ + 1) == '\'') { out += whitespace; whitespace.clear(); out += '\''; pos_ += 2; continue; }
      if (c == q) { out += whitespace; ++pos_; break; }
      if (c == '\n' || c == '\r') {
        if (simple_key) { scanner_error(pos_, "could not find expected ':'"); return nullptr; }
        // fold: trailing whitespace dropped, leading whitespace of the next line dropped
        whitespace.clear();
        int newlines = 0;
        while (pos_ < end_ && (s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == ' ' || s_[pos_] == '\t')) {
          if (s_[pos_] == '\n') ++newlines;
          ++pos_;
        }
        if (newlines == 1) out += ' ';
        else out += std::string(static_cast<size_t>(newlines - 1), '\n');
        continue;
      }
      if (c == ' ' || c == '\t') { whitespace += c; ++pos_; continue; }
      out += whitespace;
      whitespace.clear();
      if (q == '"' && c == '\\') {
        const char e = ch(pos_ + 1);
        pos_ += 2;
        switch (e) {
          case '0': out += '\0'; break;
          case 'a': out += '\a'; break;
          case 'b': out += '\b'; break;
          case 't': case '\t': out += '\t'; break;
          case 'n': out += '\n'; break;
          case 'v': out += '\v'; break;
          case 'f': out += '\f'; break;
          case 'r': out += '\r'; break;
          case 'e': out += '\x1b'; break;
          case ' ': out += ' '; break;
          case '"': out += '"'; break;
          case '/': out += '/'; break;
          case '\\': out += '\\'; break;
          case 'N': out += "\xC2\x85"; break;
          case '_': out += "\xC2\xA0"; break;
          case 'L': out += "\xE2\x80\xA8"; break;
          case 'P': out += "\xE2\x80\xA9"; break;
          case '\n': case '\r': {
            // escaped line break: join without a space
            while (pos_ < end_ && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
            break;
          }
          case 'x': case 'u': case 'U': {
            const int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            uint32_t cp = 0;
            for (int k = 0; k < n; ++k) {
              const char h = ch(pos_ + static_cast<size_t>(k));
              int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
              if (d < 0) { scanner_error(pos_, "did not find expected hexdecimal number"); return nullptr; }
              cp = cp * 16 + static_cast<uint32_t>(d);
            }
            pos_ += static_cast<size_t>(n);
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) { scanner_error(pos_, "found invalid Unicode character escape code"); return nullptr; }
            if (cp < 0x80) out += static_cast<char>(cp);
            else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
            else if (cp < 0x10000) { out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
            else { out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
            break;
          }
          default:
            scanner_error(pos_ - 1, "found unknown escape character");
            return nullptr;
        }
        continue;
      }
      out += c;
      ++pos_;
    }
    return out;
  }

  // Literal (|) and folded (>) block scalars.
  json block_scalar(int parent_indent) {
    const bool literal = s_[pos_] == '|';
    ++pos_;
    int chomp = 0;  // -1 strip, 0 clip, +1 keep
    int increment = 0;
    for (int k = 0; k < 2; ++k) {
      const char c = ch(pos_);
      if (c == '-' || c == '+') { chomp = c == '-' ? -1 : 1; ++pos_; }
      else if (c >= '1' && c <= '9') { increment = c - '0'; ++pos_; }
    }
    size_t p = pos_;
    if (!rest_of_line_empty(p)) {
      scanner_error(p, "did not find expected comment or line break");
      return nullptr;
    }
    to_next_line(p);
    const int base = parent_indent < 0 ? 0 : parent_indent;
    int indent = increment ? (parent_indent < 0 ? 0 : parent_indent) + increment : 0;
    // auto-detect: the first non-empty line's indentation (at least parent+1)
    std::vector<std::pair<int, std::string>> lines;  // (indent, text after the block indent) ; indent -1 = empty
    size_t q = p;
    if (!indent) {
      size_t k = q;
      int max_empty = 0;
      while (k < end_) {
        size_t ls = k;
        while (k < end_ && s_[k] == ' ') ++k;
        if (k < end_ && s_[k] != '\n' && s_[k] != '\r') { indent = static_cast<int>(k - ls); break; }
        max_empty = std::max(max_empty, static_cast<int>(k - ls));
        to_next_line(k);
      }
      if (indent < max_empty) indent = max_empty;
      if (indent <= base && parent_indent >= 0) indent = base + 1;
      if (indent < 1) indent = 1;
      (void)max_empty;
    }
    // collect lines
    while (q < end_) {
      size_t ls = q;
      int sp = 0;
      while (q < end_ && s_[q] == ' ' && sp < indent) { ++q; ++sp; }
      size_t le = q;
      while (le < end_ && s_[le] != '\n') ++le;
      std::string rest(s_.substr(q, le - q));
      if (!rest.empty() && rest.back() == '\r') rest.pop_back();
      const bool empty_line = rest.find_first_not_of(' ') == std::string::npos && (sp < indent || rest.empty());
      if (sp < indent && !empty_line) { q = ls; break; }
      if (empty_line && sp < indent) lines.push_back({-1, ""});
      else lines.push_back({indent, rest});
      q = le < end_ ? le + 1 : le;
    }
    pos_ = q;
    // trailing empty lines are "breaks" handled by chomping
    size_t last_content = lines.size();
    while (last_content > 0 && lines[last_content - 1].first == -1) --last_content;
    std::string out;
    bool prev_more_indented = false;
    bool first = true;
    int pending_empty = 0;
    for (size_t i = 0; i < last_content; ++i) {
      const auto& [ind, text] = lines[i];
      if (ind == -1) { ++pending_empty; continue; }
      const bool more_indented = !text.empty() && (text[0] == ' ' || text[0] == '\t');
      if (!first) {
        if (literal) {
          out += std::string(static_cast<size_t>(pending_empty) + 1, '\n');
        } else {
          if (pending_empty == 0 && !more_indented && !prev_more_indented) out += ' ';
          else out += std::string(static_cast<size_t>(pending_empty) + (more_indented || prev_more_indented ? 1 : 0), '\n');
        }
      } else if (pending_empty > 0) {
        out += std::string(static_cast<size_t>(pending_empty), '\n');
      }
      pending_empty = 0;
      out += text;
      prev_more_indented = more_indented;
      first = false;
    }
    const size_t trailing = lines.size() - last_content;
    if (chomp == 0) {
      if (!out.empty() || last_content > 0) out += '\n';
    } else if (chomp == 1) {
      if (last_content > 0) out += '\n';
      out += std::string(trailing, '\n');
    }
    return out;
  }

  // -- flow collections --
  void skip_flow_space() {
    for (;;) {
      while (pos_ < end_ && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
      if (ch(pos_) == '#') { while (pos_ < end_ && s_[pos_] != '\n') ++pos_; continue; }
      break;
    }
  }

  json flow_scalar_or_node() {
    skip_flow_space();
    const char c = ch(pos_);
    if (pos_ >= end_) { parser_error(pos_, "did not find expected node content", pos_); return nullptr; }
    if (c == '[' || c == '{') return flow_node();
    if (c == '"' || c == '\'') return quoted_scalar(-1, false);
    if (c == '*') {
      size_t st = ++pos_;
      while (pos_ < end_ && !blankz(pos_) && s_[pos_] != ',' && s_[pos_] != ']' && s_[pos_] != '}') ++pos_;
      const std::string name(s_.substr(st, pos_ - st));
      auto it = anchors_.find(name);
      if (it == anchors_.end()) { failed_ = true; err_ = "yaml: unknown anchor '" + name + "' referenced"; return nullptr; }
      return it->second;
    }
    if (c == ',' || c == ']' || c == '}') return nullptr;  // empty node
    return plain_scalar(-1, true);
  }

  json flow_node() {
    if (++depth_ > 200) { scanner_error(pos_, "exceeded max depth of 200"); return nullptr; }
    const char open = s_[pos_];
    const char close = open == '[' ? ']' : '}';
    const size_t start = pos_;
    ++pos_;
    json result = open == '[' ? json::array() : json::object();
    for (;;) {
      skip_flow_space();
      if (failed_) break;
      if (pos_ >= end_) {
        parser_error(pos_, open == '[' ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'", start);
        break;
      }
      if (s_[pos_] == close) { ++pos_; break; }
      json key = flow_scalar_or_node();
      if (failed_) break;
      skip_flow_space();
      json value;
      bool pair = false;
      if (ch(pos_) == ':') {
        ++pos_;
        pair = true;
        skip_flow_space();
        if (ch(pos_) == ',' || ch(pos_) == close) value = nullptr;
        else value = flow_scalar_or_node();
        if (failed_) break;
        skip_flow_space();
      }
      if (open == '{') {
        const std::string k = key.is_string() ? key.get<std::string>()
                              : key.is_null() ? "null"
                              : key.is_boolean() ? (key.get<bool>() ? "true" : "false")
                              : key.is_number() ? api::go_json_number(key) : api::go_json_marshal(key);
        result[k] = pair ? value : json(nullptr);
      } else if (pair) {
        const std::string k = key.is_string() ? key.get<std::string>() : key.is_null() ? "null" : api::go_json_marshal(key);
        result.push_back(json{{k, value}});
      } else {
        result.push_back(key);
      }
      if (ch(pos_) == ',') { ++pos_; continue; }
      if (ch(pos_) == close) { ++pos_; break; }
      parser_error(pos_, open == '[' ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'", start);
      break;
    }
    --depth_;
    return result;
  }
};

bool is_doc_marker(std::string_view s, size_t p, const char* m) {
  return s.substr(p, 3) == m && (p + 3 >= s.size() || s[p + 3] == ' ' || s[p + 3] == '\t' || s[p + 3] == '\n' || s[p + 3] == '\r');
}

}  // namespace

bool parse_yaml_documents(std::string_view text, std::vector<json>& docs, std::string& err) {
  docs.clear();
  // A UTF-8 byte order mark is skipped.
  size_t begin = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") begin = 3;
  // JSON documents (kubectl's YAMLOrJSON decoder sniffs a leading '{').
  size_t first = text.find_first_not_of(" \t\r\n", begin);
  if (first != std::string_view::npos && text[first] == '{') {
    json j = json::parse(text.substr(first), nullptr, false);
    if (!j.is_discarded()) { docs.push_back(std::move(j)); return true; }
  }
  // Split on "---" / "..." lines.
  std::vector<std::pair<size_t, size_t>> ranges;
  size_t doc_start = begin;
  size_t p = begin;
  while (p < text.size()) {
    const size_t line_end = text.find('\n', p);
    const size_t next = line_end == std::string_view::npos ? text.size() : line_end + 1;
    if (is_doc_marker(text, p, "---")) {
      ranges.push_back({doc_start, p});
      doc_start = p + 3;  // content after "---" on the same line belongs to the new document
    } else if (is_doc_marker(text, p, "...")) {
      ranges.push_back({doc_start, p});
      doc_start = next;
    } else if (p == doc_start && text[p] == '%') {
      doc_start = next;  // directives (%YAML, %TAG)
    }
    p = next;
  }
  ranges.push_back({doc_start, text.size()});
  for (auto& [b, e] : ranges) {
    if (b >= e) continue;
    YamlParser parser(text, b, e);
    json doc;
    bool empty = false;
    if (!parser.document(doc, empty, err)) return false;
    if (!empty && !doc.is_null()) docs.push_back(std::move(doc));
  }
  return true;
}

bool parse_yaml(std::string_view text, json& out, std::string& err) {
  std::vector<json> docs;
  if (!parse_yaml_documents(text, docs, err)) return false;
  out = docs.empty() ? json(nullptr) : docs.front();
  return true;
}

}  // namespace kubesim::kubectl
