// kubesim — Go text/template for kubectl's go-template printer (see gotemplate.h).
// Lexer, parser and evaluator follow the behaviour of Go's text/template (lex.go, parse.go,
// exec.go, funcs.go) closely enough that error texts and positions match; written for
// nlohmann::json values instead of reflection.
#include "kubectl/gotemplate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <vector>

#include "api/json.h"

namespace kubesim::kubectl {

using nlohmann::json;

// [SECTION] lexer -------------------------------------------------------------------------------------------
namespace {

enum class IT {
  Error, Bool, Char, CharConstant, Complex, Assign, Declare, EOF_, Field, Identifier, LeftDelim, LeftParen,
  Number, Pipe, RawString, RightDelim, RightParen, Space, String, Text, Variable,
  Keyword,  // marker: everything after is a keyword
  Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With
};

struct Item {
  IT typ = IT::EOF_;
  size_t pos = 0;
  std::string val;
  int line = 1;
};

std::string item_string(const Item& i) {
  if (i.typ == IT::EOF_) return "EOF";
  if (i.typ == IT::Error) return i.val;
  if (i.typ > IT::Keyword) return "<" + i.val + ">";
  if (i.val.size() > 10) {
    // %.10q: the first 10 runes, quoted, then "..."
    std::string first;
    size_t runes = 0;
    for (size_t k = 0; k < i.val.size() && runes < 10; ++runes) {
      const unsigned char b = static_cast<unsigned char>(i.val[k]);
      const size_t w = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      first += i.val.substr(k, w);
      k += w;
    }
    return api::go_quote(first) + "...";
  }
  return api::go_quote(i.val);
}

bool is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_alnum(int c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80; }

class Lexer {
 public:
  explicit Lexer(const std::string& in) : in_(in) {}

  std::vector<Item> run() {
    bool inside = false;
    for (;;) {
      if (!inside) {
        if (!lex_text(inside)) break;
      } else {
        if (!lex_inside(inside)) break;
      }
      if (!items_.empty() && (items_.back().typ == IT::EOF_ || items_.back().typ == IT::Error)) break;
    }
    if (items_.empty() || items_.back().typ != IT::EOF_) items_.push_back(Item{IT::EOF_, pos_, "", line_});
    return items_;
  }

 private:
  const std::string& in_;
  size_t pos_ = 0, start_ = 0;
  int line_ = 1, start_line_ = 1;
  int paren_depth_ = 0;
  std::vector<Item> items_;

  int at(size_t p) const { return p < in_.size() ? static_cast<unsigned char>(in_[p]) : -1; }
  bool has_prefix(size_t p, const char* s) const { return p <= in_.size() && in_.compare(p, std::strlen(s), s) == 0; }

  void emit(IT t) {
    items_.push_back(Item{t, start_, in_.substr(start_, pos_ - start_), start_line_});
    for (size_t k = start_; k < pos_; ++k) if (in_[k] == '\n') ++line_;
    start_ = pos_;
    start_line_ = line_;
  }
  void ignore() {
    for (size_t k = start_; k < pos_; ++k) if (in_[k] == '\n') ++line_;
    start_ = pos_;
    start_line_ = line_;
  }
  bool errorf(const std::string& msg) {
    items_.push_back(Item{IT::Error, start_, msg, start_line_});
    return false;
  }

  static bool left_trim_marker(const std::string& s, size_t p) { return p + 1 < s.size() && s[p] == '-' && is_space(s[p + 1]); }
  static bool right_trim_marker(const std::string& s, size_t p) { return p + 1 < s.size() && is_space(s[p]) && s[p + 1] == '-'; }
  // At "}}" (delim) or " -}}" (delim with trim)?
  bool at_right_delim(bool& trim) const {
    if (right_trim_marker(in_, pos_) && has_prefix(pos_ + 2, "}}")) { trim = true; return true; }
    trim = false;
    return has_prefix(pos_, "}}");
  }

  bool lex_text(bool& inside) {
    const size_t x = in_.find("{{", pos_);
    if (x != std::string::npos) {
      if (x > pos_) {
        pos_ = x;
        size_t trim = 0;
        if (left_trim_marker(in_, x + 2)) {
          size_t k = pos_;
          while (k > start_ && is_space(in_[k - 1])) --k;
          trim = pos_ - k;
        }
        pos_ -= trim;
        const bool nonempty = pos_ > start_;
        if (nonempty) emit(IT::Text);
        pos_ += trim;
        ignore();
      }
      return lex_left_delim(inside);
    }
    pos_ = in_.size();
    if (pos_ > start_) emit(IT::Text);
    items_.push_back(Item{IT::EOF_, pos_, "", line_});
    return false;
  }

  bool lex_left_delim(bool& inside) {
    pos_ += 2;
    const bool trim = left_trim_marker(in_, pos_);
    const size_t after = trim ? 2 : 0;
    if (has_prefix(pos_ + after, "/*")) {
      pos_ += after;
      ignore();
      return lex_comment(inside);
    }
    emit(IT::LeftDelim);
    pos_ += after;
    ignore();
    paren_depth_ = 0;
    inside = true;
    return true;
  }

  bool lex_comment(bool& inside) {
    pos_ += 2;
    const size_t x = in_.find("*/", pos_);
    if (x == std::string::npos) return errorf("unclosed comment");
    pos_ = x + 2;
    bool trim = false;
    if (!at_right_delim(trim)) return errorf("comment ends before closing delimiter");
    if (trim) pos_ += 2;
    pos_ += 2;
    if (trim) while (pos_ < in_.size() && is_space(in_[pos_])) ++pos_;
    ignore();
    inside = false;
    return true;
  }

  bool lex_right_delim(bool& inside, bool trim) {
    if (trim) { pos_ += 2; ignore(); }
    pos_ += 2;
    emit(IT::RightDelim);
    if (trim) {
      while (pos_ < in_.size() && is_space(in_[pos_])) ++pos_;
      ignore();
    }
    inside = false;
    return true;
  }

  bool at_terminator() const {
    const int r = at(pos_);
    if (is_space(r)) return true;
    switch (r) {
      case -1: case '.': case ',': case '|': case ':': case ')': case '(': return true;
      default: return r == '}';
    }
  }

  static std::string fmt_U(int r) {
    char buf[32];
    if (r >= 0x20 && r < 0x7F) std::snprintf(buf, sizeof buf, "U+%04X '%c'", r, r);
    else std::snprintf(buf, sizeof buf, "U+%04X", r);
    return buf;
  }

  bool lex_inside(bool& inside) {
    bool trim = false;
    if (at_right_delim(trim)) {
      if (paren_depth_ == 0) return lex_right_delim(inside, trim);
      return errorf("unclosed left paren");
    }
    const int r = at(pos_);
    if (r < 0) return errorf("unclosed action");
    if (is_space(r)) return lex_space(inside);
    ++pos_;
    switch (r) {
      case '=': emit(IT::Assign); return true;
      case ':':
        if (at(pos_) != '=') return errorf("expected :=");
        ++pos_;
        emit(IT::Declare);
        return true;
      case '|': emit(IT::Pipe); return true;
      case '"': return lex_quote();
      case '`': return lex_raw_quote();
      case '$': return lex_field_or_variable(IT::Variable);
      case '\'': return lex_char();
      case '(': emit(IT::LeftParen); ++paren_depth_; return true;
      case ')':
        emit(IT::RightParen);
        if (--paren_depth_ < 0) return errorf("unexpected right paren");
        return true;
      default: break;
    }
    if (r == '.') {
      const int n = at(pos_);
      if (n < '0' || n > '9') return lex_field_or_variable(IT::Field);
    }
    if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) { --pos_; return lex_number(); }
    if (is_alnum(r)) { --pos_; return lex_identifier(); }
    if (r < 0x80 && r >= 0x20 && r != 0x7F) { emit(IT::Char); return true; }
    return errorf("unrecognized character in action: " + fmt_U(r));
  }

  bool lex_space(bool& inside) {
    int n = 0;
    while (is_space(at(pos_))) { ++pos_; ++n; }
    if (right_trim_marker(in_, pos_ - 1) && has_prefix(pos_ - 1 + 2, "}}")) {
      --pos_;
      if (n == 1) return lex_right_delim(inside, true);
    }
    emit(IT::Space);
    return true;
  }

  bool lex_identifier() {
    while (is_alnum(at(pos_))) ++pos_;
    const std::string word = in_.substr(start_, pos_ - start_);
    if (!at_terminator()) return errorf("bad character " + fmt_U(at(pos_)));
    static const std::map<std::string, IT> kKeys = {
        {".", IT::Dot}, {"block", IT::Block}, {"break", IT::Break}, {"continue", IT::Continue},
        {"define", IT::Define}, {"else", IT::Else}, {"end", IT::End}, {"if", IT::If}, {"range", IT::Range},
        {"nil", IT::Nil}, {"template", IT::Template}, {"with", IT::With}};
    auto it = kKeys.find(word);
    if (it != kKeys.end()) emit(it->second);
    else if (word == "true" || word == "false") emit(IT::Bool);
    else emit(IT::Identifier);
    return true;
  }

  bool lex_field_or_variable(IT typ) {
    if (at_terminator()) { emit(typ == IT::Variable ? IT::Variable : IT::Dot); return true; }
    while (is_alnum(at(pos_))) ++pos_;
    if (!at_terminator()) return errorf("bad character " + fmt_U(at(pos_)));
    emit(typ);
    return true;
  }

  bool lex_quote() {
    for (;;) {
      const int r = at(pos_);
      ++pos_;
      if (r == '\\') {
        const int n = at(pos_);
        if (n != -1 && n != '\n') { ++pos_; continue; }
        return errorf("unterminated quoted string");
      }
      if (r == -1 || r == '\n') return errorf("unterminated quoted string");
      if (r == '"') break;
    }
    emit(IT::String);
    return true;
  }

  bool lex_raw_quote() {
    const size_t x = in_.find('`', pos_);
    if (x == std::string::npos) return errorf("unterminated raw quoted string");
    pos_ = x + 1;
    emit(IT::RawString);
    return true;
  }

  bool lex_char() {
    for (;;) {
      const int r = at(pos_);
      ++pos_;
      if (r == '\\') { if (at(pos_) != -1 && at(pos_) != '\n') { ++pos_; continue; } return errorf("unterminated character constant"); }
      if (r == -1 || r == '\n') return errorf("unterminated character constant");
      if (r == '\'') break;
    }
    emit(IT::CharConstant);
    return true;
  }

  bool lex_number() {
    // optional sign, digits (0x / 0o / 0b prefixes, underscores), fraction, exponent, 'i'
    if (at(pos_) == '+' || at(pos_) == '-') ++pos_;
    std::string digits = "0123456789_";
    if (at(pos_) == '0' && (at(pos_ + 1) == 'x' || at(pos_ + 1) == 'X')) { pos_ += 2; digits = "0123456789abcdefABCDEF_"; }
    else if (at(pos_) == '0' && (at(pos_ + 1) == 'o' || at(pos_ + 1) == 'O')) { pos_ += 2; digits = "01234567_"; }
    else if (at(pos_) == '0' && (at(pos_ + 1) == 'b' || at(pos_ + 1) == 'B')) { pos_ += 2; digits = "01_"; }
    auto accept_run = [&](const std::string& set) { while (at(pos_) >= 0 && set.find(static_cast<char>(at(pos_))) != std::string::npos) ++pos_; };
    accept_run(digits);
    if (at(pos_) == '.') { ++pos_; accept_run(digits); }
    if (digits.size() == 11 && (at(pos_) == 'e' || at(pos_) == 'E')) {
      ++pos_;
      if (at(pos_) == '+' || at(pos_) == '-') ++pos_;
      accept_run("0123456789_");
    }
    if (digits.size() == 23 && (at(pos_) == 'p' || at(pos_) == 'P')) {
      ++pos_;
      if (at(pos_) == '+' || at(pos_) == '-') ++pos_;
      accept_run("0123456789_");
    }
    if (at(pos_) == 'i') ++pos_;
    if (is_alnum(at(pos_))) {
      ++pos_;
      return errorf("bad number syntax: " + api::go_quote(in_.substr(start_, pos_ - start_)));
    }
    emit(IT::Number);
    return true;
  }
};

}  // namespace

// [SECTION] syntax tree -------------------------------------------------------------------------------------
namespace gotemplate_detail {

enum class NT { List, Text, Action, Pipe, Command, Field, Chain, Identifier, Variable, Dot, Nil, Bool, Number, String,
                If, Range, With, Break, Continue, End, Else, Comment };

struct TNode {
  NT t = NT::List;
  size_t pos = 0;
  int line = 0;
  std::string text;                  // Text, Identifier, Number (source), String (quoted source)
  std::string str;                   // String: unquoted value
  std::vector<std::string> ident;    // Field / Variable idents, Chain fields
  std::vector<std::unique_ptr<TNode>> kids;  // List items, Pipe commands, Command args
  std::vector<std::unique_ptr<TNode>> decl;  // Pipe declarations (variables)
  bool is_assign = false;
  std::unique_ptr<TNode> pipe;       // Action/If/Range/With: the pipeline; Chain: the base node
  std::unique_ptr<TNode> list, else_list;
  bool b = false;
  bool is_int = false, is_uint = false, is_float = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;

  std::string to_string() const;
};

std::string TNode::to_string() const {
  switch (t) {
    case NT::Text: return text;
    case NT::Action: return "{{" + pipe->to_string() + "}}";
    case NT::Pipe: {
      std::string s;
      if (!decl.empty()) {
        for (size_t k = 0; k < decl.size(); ++k) s += (k ? ", " : "") + decl[k]->to_string();
        s += is_assign ? " = " : " := ";
      }
      for (size_t k = 0; k < kids.size(); ++k) s += (k ? " | " : "") + kids[k]->to_string();
      return s;
    }
    case NT::Command: {
      std::string s;
      for (size_t k = 0; k < kids.size(); ++k) {
        if (k) s += ' ';
        if (kids[k]->t == NT::Pipe) s += "(" + kids[k]->to_string() + ")";
        else s += kids[k]->to_string();
      }
      return s;
    }
    case NT::Field: { std::string s; for (auto& f : ident) s += "." + f; return s; }
    case NT::Chain: {
      std::string s = pipe->t == NT::Pipe ? "(" + pipe->to_string() + ")" : pipe->to_string();
      for (auto& f : ident) s += "." + f;
      return s;
    }
    case NT::Identifier: return text;
    case NT::Variable: { std::string s; for (size_t k = 0; k < ident.size(); ++k) s += (k ? "." : "") + ident[k]; return s; }
    case NT::Dot: return ".";
    case NT::Nil: return "nil";
    case NT::Bool: return b ? "true" : "false";
    case NT::Number: return text;
    case NT::String: return text;
    case NT::List: { std::string s; for (auto& k : kids) s += k->to_string(); return s; }
    case NT::If: case NT::Range: case NT::With: {
      const char* kw = t == NT::If ? "if" : t == NT::Range ? "range" : "with";
      std::string s = std::string("{{") + kw + " " + pipe->to_string() + "}}" + list->to_string();
      if (else_list) s += "{{else}}" + else_list->to_string();
      return s + "{{end}}";
    }
    case NT::Break: return "{{break}}";
    case NT::Continue: return "{{continue}}";
    case NT::End: return "{{end}}";
    case NT::Else: return "{{else}}";
    case NT::Comment: return "{{" + text + "}}";
  }
  return "";
}

}  // namespace gotemplate_detail

using gotemplate_detail::NT;
using gotemplate_detail::TNode;

// [SECTION] functions known to kubectl's template (Go builtins, sprig's TxtFuncMap, kubectl's own) ---------
namespace {

const std::set<std::string>& known_functions() {
  static const std::set<std::string> k = {
      // text/template builtins
      "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery",
      "eq", "ge", "gt", "le", "lt", "ne",
      // kubectl
      "exists", "base64decode",
      // sprig v3 TxtFuncMap
      "hello", "ago", "date", "date_in_zone", "date_modify", "dateInZone", "dateModify", "duration", "durationRound",
      "htmlDate", "htmlDateInZone", "must_date_modify", "mustDateModify", "mustToDate", "now", "toDate", "unixEpoch",
      "abbrev", "abbrevboth", "trunc", "trim", "upper", "lower", "title", "untitle", "substr", "repeat", "trimall",
      "trimAll", "trimSuffix", "trimPrefix", "nospace", "initials", "randAlphaNum", "randAlpha", "randAscii",
      "randNumeric", "swapcase", "shuffle", "snakecase", "camelcase", "kebabcase", "wrap", "wrapWith", "contains",
      "hasPrefix", "hasSuffix", "quote", "squote", "cat", "indent", "nindent", "replace", "plural", "sha1sum",
      "sha256sum", "sha512sum", "adler32sum", "toString", "atoi", "int64", "int", "float64", "seq", "toDecimal",
      "split", "splitList", "splitn", "toStrings", "until", "untilStep", "add1", "add", "sub", "div", "mod", "mul",
      "randInt", "add1f", "addf", "subf", "divf", "mulf", "biggest", "max", "min", "maxf", "minf", "ceil", "floor",
      "round", "join", "sortAlpha", "default", "empty", "coalesce", "all", "any", "compact", "mustCompact",
      "fromJson", "toJson", "toPrettyJson", "toRawJson", "mustFromJson", "mustToJson", "mustToPrettyJson",
      "mustToRawJson", "ternary", "deepCopy", "mustDeepCopy", "typeOf", "typeIs", "typeIsLike", "kindOf", "kindIs",
      "deepEqual", "env", "expandenv", "getHostByName", "base", "dir", "clean", "ext", "isAbs", "osBase", "osClean",
      "osDir", "osExt", "osIsAbs", "b64enc", "b64dec", "b32enc", "b32dec", "tuple", "list", "dict", "get", "set",
      "unset", "hasKey", "pluck", "keys", "pick", "omit", "merge", "mergeOverwrite", "mustMerge",
      "mustMergeOverwrite", "values", "append", "push", "mustAppend", "mustPush", "prepend", "mustPrepend", "first",
      "mustFirst", "rest", "mustRest", "last", "mustLast", "initial", "mustInitial", "reverse", "mustReverse", "uniq",
      "mustUniq", "without", "mustWithout", "has", "mustHas", "mustSlice", "concat", "dig", "chunk", "mustChunk",
      "bcrypt", "htpasswd", "genPrivateKey", "derivePassword", "buildCustomCert", "genCA", "genCAWithKey",
      "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "encryptAES",
      "decryptAES", "randBytes", "uuidv4", "semver", "semverCompare", "fail", "regexMatch", "mustRegexMatch",
      "regexFindAll", "mustRegexFindAll", "regexFind", "mustRegexFind", "regexReplaceAll", "mustRegexReplaceAll",
      "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral", "regexSplit", "mustRegexSplit", "regexQuoteMeta",
      "urlParse", "urlJoin"};
  return k;
}

// strconv.Unquote for "…", `…` and '…'.
bool go_unquote(const std::string& s, std::string& out) {
  if (s.size() < 2) return false;
  const char q = s.front();
  if (q != s.back()) return false;
  if (q == '`') {
    out.clear();
    for (size_t i = 1; i + 1 < s.size(); ++i) if (s[i] != '\r') out += s[i];
    return s.find('`', 1) == s.size() - 1;
  }
  if (q != '"' && q != '\'') return false;
  out.clear();
  for (size_t i = 1; i + 1 < s.size();) {
    const char c = s[i];
    if (c == q || c == '\n') return false;
    if (c != '\\') { out += c; ++i; continue; }
    if (i + 2 > s.size() - 1) return false;
    const char e = s[i + 1];
    i += 2;
    switch (e) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '\'': case '"': if (e != q) return false; out += e; break;
      case 'x': case 'u': case 'U': {
        const size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (i + n > s.size() - 1) return false;
        uint32_t v = 0;
        for (size_t k = 0; k < n; ++k) {
          const char h = s[i + k];
          const int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
          if (d < 0) return false;
          v = v * 16 + static_cast<uint32_t>(d);
        }
        i += n;
        if (e == 'x') { out += static_cast<char>(v); break; }
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
        if (v < 0x80) out += static_cast<char>(v);
        else if (v < 0x800) { out += static_cast<char>(0xC0 | (v >> 6)); out += static_cast<char>(0x80 | (v & 0x3F)); }
        else if (v < 0x10000) { out += static_cast<char>(0xE0 | (v >> 12)); out += static_cast<char>(0x80 | ((v >> 6) & 0x3F)); out += static_cast<char>(0x80 | (v & 0x3F)); }
        else { out += static_cast<char>(0xF0 | (v >> 18)); out += static_cast<char>(0x80 | ((v >> 12) & 0x3F)); out += static_cast<char>(0x80 | ((v >> 6) & 0x3F)); out += static_cast<char>(0x80 | (v & 0x3F)); }
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          if (i + 2 > s.size() - 1) return false;
          uint32_t v = static_cast<uint32_t>(e - '0');
          for (int k = 0; k < 2; ++k) {
            if (s[i] < '0' || s[i] > '7') return false;
            v = v * 8 + static_cast<uint32_t>(s[i] - '0');
            ++i;
          }
          if (v > 255) return false;
          out += static_cast<char>(v);
          break;
        }
        return false;
    }
  }
  if (q == '\'') {
    // a single character
    size_t runes = 0;
    for (unsigned char c : out) if ((c & 0xC0) != 0x80) ++runes;
    if (runes != 1) return false;
  }
  return true;
}

// [SECTION] parser -------------------------------------------------------------------------------------------
class TParser {
 public:
  TParser(const std::string& name, const std::string& text) : name_(name), text_(text) {}

  std::unique_ptr<TNode> parse(std::string& err) {
    items_ = Lexer(text_).run();
    auto root = node(NT::List, peek().pos);
    while (ok_ && peek().typ != IT::EOF_) {
      if (peek().typ == IT::LeftDelim) {
        const size_t save = idx_;
        next();
        if (next_non_space().typ == IT::Define) { errorf("template definitions are not supported"); break; }
        idx_ = save;
      }
      auto n = text_or_action();
      if (!ok_) break;
      if (n->t == NT::End || n->t == NT::Else) { errorf("unexpected " + n->to_string()); break; }
      if (n->t != NT::Comment) root->kids.push_back(std::move(n));
    }
    if (!ok_) { err = err_; return nullptr; }
    return root;
  }

 private:
  std::string name_, text_;
  std::vector<Item> items_;
  size_t idx_ = 0;
  size_t last_ = 0;  // index of the most recently returned token (Go's t.token[0])
  bool ok_ = true;
  std::string err_;
  std::vector<std::string> vars_ = {"$"};
  int range_depth_ = 0;
  int action_line_ = 0;
  int depth_ = 0;

  std::unique_ptr<TNode> node(NT t, size_t pos, int line = 0) {
    auto n = std::make_unique<TNode>();
    n->t = t;
    n->pos = pos;
    n->line = line;
    return n;
  }

  const Item& peek() const { return items_[std::min(idx_, items_.size() - 1)]; }
  const Item& next() {
    last_ = std::min(idx_, items_.size() - 1);
    if (idx_ < items_.size() - 1) ++idx_;
    else idx_ = items_.size();  // past EOF: keep returning EOF
    return items_[last_];
  }
  void backup() { idx_ = last_; }
  const Item& next_non_space() {
    for (;;) { const Item& it = next(); if (it.typ != IT::Space) return it; }
  }
  const Item& peek_non_space() {
    const Item& it = next_non_space();
    backup();
    return it;
  }

  void errorf(const std::string& msg) {
    if (!ok_) return;
    ok_ = false;
    err_ = "template: " + name_ + ":" + std::to_string(items_[last_].line) + ": " + msg;
  }
  void unexpected(const Item& tok, const std::string& context) {
    if (tok.typ == IT::Error) {
      std::string extra;
      if (action_line_ != 0 && action_line_ != tok.line) {
        extra = " in action started at " + name_ + ":" + std::to_string(action_line_);
        if (tok.val.size() >= 7 && tok.val.compare(tok.val.size() - 7, 7, " action") == 0) extra = extra.substr(10);
      }
      errorf(tok.val + extra);
      return;
    }
    errorf("unexpected " + item_string(tok) + " in " + context);
  }

  std::unique_ptr<TNode> text_or_action() {
    const Item& tok = next_non_space();
    switch (tok.typ) {
      case IT::Text: { auto n = node(NT::Text, tok.pos); n->text = tok.val; return n; }
      case IT::LeftDelim: {
        action_line_ = tok.line;
        auto n = action();
        action_line_ = 0;
        return n;
      }
      default: unexpected(tok, "input"); return node(NT::Comment, tok.pos);
    }
  }

  std::unique_ptr<TNode> action() {
    const Item& tok = next_non_space();
    switch (tok.typ) {
      case IT::Block: case IT::Template: case IT::Define:
        errorf("template definitions are not supported");
        return node(NT::Comment, tok.pos);
      case IT::Break: return control_word(NT::Break, tok, "break");
      case IT::Continue: return control_word(NT::Continue, tok, "continue");
      case IT::Else: return else_control();
      case IT::End: {
        const Item& t = expect(IT::RightDelim, "end");
        return node(NT::End, t.pos);
      }
      case IT::If: return control(NT::If, "if");
      case IT::Range: return control(NT::Range, "range");
      case IT::With: return control(NT::With, "with");
      default: break;
    }
    backup();
    const Item& t = peek();
    auto a = node(NT::Action, t.pos, t.line);
    a->pipe = pipeline("command", IT::RightDelim);
    return a;
  }

  std::unique_ptr<TNode> control_word(NT t, const Item& tok, const char* word) {
    const size_t pos = tok.pos;
    const Item& n = next_non_space();
    if (n.typ != IT::RightDelim) { unexpected(n, std::string("{{") + word + "}}"); return node(t, pos); }
    if (range_depth_ == 0) { errorf(std::string("{{") + word + "}} outside {{range}}"); return node(t, pos); }
    return node(t, pos);
  }

  const Item& expect(IT typ, const std::string& context) {
    const Item& t = next_non_space();
    if (t.typ != typ) unexpected(t, context);
    return t;
  }

  std::unique_ptr<TNode> else_control() {
    const Item& p = peek_non_space();
    if (p.typ == IT::If || p.typ == IT::With) return node(NT::Else, p.pos, p.line);
    const Item& t = expect(IT::RightDelim, "else");
    return node(NT::Else, t.pos, t.line);
  }

  std::unique_ptr<TNode> control(NT t, const char* context) {
    if (++depth_ > 1000) { errorf("template too deeply nested"); return node(t, 0); }
    const size_t vars_mark = vars_.size();
    auto n = node(t, 0);
    n->pipe = pipeline(context, IT::RightDelim);
    if (!ok_) return n;
    n->pos = n->pipe->pos;
    n->line = n->pipe->line;
    if (t == NT::Range) ++range_depth_;
    std::unique_ptr<TNode> next_node;
    n->list = item_list(next_node);
    if (t == NT::Range) --range_depth_;
    if (ok_ && next_node->t == NT::Else) {
      if (t == NT::If && peek().typ == IT::If) {
        next();
        n->else_list = node(NT::List, next_node->pos);
        n->else_list->kids.push_back(control(NT::If, "if"));
      } else if (t == NT::With && peek().typ == IT::With) {
        next();
        n->else_list = node(NT::List, next_node->pos);
        n->else_list->kids.push_back(control(NT::With, "with"));
      } else {
        std::unique_ptr<TNode> after;
        n->else_list = item_list(after);
        if (ok_ && after->t != NT::End) errorf("expected end; found " + after->to_string());
      }
    }
    vars_.resize(vars_mark);
    --depth_;
    return n;
  }

  std::unique_ptr<TNode> item_list(std::unique_ptr<TNode>& next_node) {
    auto list = node(NT::List, peek_non_space().pos);
    while (ok_ && peek_non_space().typ != IT::EOF_) {
      auto n = text_or_action();
      if (!ok_) return list;
      if (n->t == NT::End || n->t == NT::Else) { next_node = std::move(n); return list; }
      if (n->t != NT::Comment) list->kids.push_back(std::move(n));
    }
    if (ok_) { next_non_space(); errorf("unexpected EOF"); }
    next_node = node(NT::End, 0);
    return list;
  }

  std::unique_ptr<TNode> pipeline(const std::string& context, IT end) {
    const Item& first = peek_non_space();
    auto pipe = node(NT::Pipe, first.pos, first.line);
    // declarations
    for (;;) {
      const Item v = peek_non_space();
      if (v.typ != IT::Variable) break;
      next_non_space();
      const size_t after_var = idx_;
      const Item token_after = peek();
      const Item nx = peek_non_space();
      if (nx.typ == IT::Assign || nx.typ == IT::Declare) {
        pipe->is_assign = nx.typ == IT::Assign;
        next_non_space();
        auto var = node(NT::Variable, v.pos);
        var->ident = {v.val};
        pipe->decl.push_back(std::move(var));
        vars_.push_back(v.val);
        break;
      }
      if (nx.typ == IT::Char && nx.val == ",") {
        next_non_space();
        auto var = node(NT::Variable, v.pos);
        var->ident = {v.val};
        pipe->decl.push_back(std::move(var));
        vars_.push_back(v.val);
        if (context == "range" && pipe->decl.size() < 2) {
          const IT pt = peek_non_space().typ;
          if (pt == IT::Variable || pt == IT::RightDelim || pt == IT::RightParen) continue;
          errorf("range can only initialize variables");
          return pipe;
        }
        errorf("too many declarations in " + context);
        return pipe;
      }
      (void)token_after;
      idx_ = after_var - 1;  // put the variable back: it is an operand
      // (Go backs up over the space too; the token stream is the same.)
      while (idx_ > 0 && items_[idx_].typ != IT::Variable) --idx_;
      break;
    }
    for (;;) {
      if (!ok_) return pipe;
      const Item& tok = next_non_space();
      if (tok.typ == end) {
        if (pipe->kids.empty()) { errorf("missing value for " + context); return pipe; }
        for (size_t k = 1; k < pipe->kids.size(); ++k) {
          const NT at = pipe->kids[k]->kids[0]->t;
          if (at == NT::Bool || at == NT::Dot || at == NT::Nil || at == NT::Number || at == NT::String) {
            errorf("non executable command in pipeline stage " + std::to_string(k + 1));
            return pipe;
          }
        }
        return pipe;
      }
      switch (tok.typ) {
        case IT::Bool: case IT::CharConstant: case IT::Complex: case IT::Dot: case IT::Field: case IT::Identifier:
        case IT::Number: case IT::Nil: case IT::RawString: case IT::String: case IT::Variable: case IT::LeftParen:
          backup();
          pipe->kids.push_back(command());
          break;
        default:
          unexpected(tok, context);
          return pipe;
      }
    }
  }

  std::unique_ptr<TNode> command() {
    auto cmd = node(NT::Command, peek_non_space().pos);
    for (;;) {
      peek_non_space();
      auto op = operand();
      if (!ok_) return cmd;
      if (op) cmd->kids.push_back(std::move(op));
      const Item& tok = next();
      if (tok.typ == IT::Space) continue;
      if (tok.typ == IT::RightDelim || tok.typ == IT::RightParen) { backup(); break; }
      if (tok.typ == IT::Pipe) break;
      unexpected(tok, "operand");
      return cmd;
    }
    if (cmd->kids.empty()) errorf("empty command");
    return cmd;
  }

  std::unique_ptr<TNode> operand() {
    auto n = term();
    if (!n || !ok_) return n;
    if (peek().typ == IT::Field) {
      const size_t chain_pos = peek().pos;
      std::vector<std::string> fields;
      while (peek().typ == IT::Field) fields.push_back(next().val.substr(1));
      switch (n->t) {
        case NT::Field: {
          auto f = node(NT::Field, chain_pos);
          f->ident = n->ident;
          f->ident.insert(f->ident.end(), fields.begin(), fields.end());
          return f;
        }
        case NT::Variable: {
          auto v = node(NT::Variable, chain_pos);
          v->ident = n->ident;
          v->ident.insert(v->ident.end(), fields.begin(), fields.end());
          return v;
        }
        case NT::Bool: case NT::String: case NT::Number: case NT::Nil: case NT::Dot:
          errorf("unexpected . after term " + api::go_quote(n->to_string()));
          return nullptr;
        default: {
          auto c = node(NT::Chain, chain_pos);
          c->ident = fields;
          c->pipe = std::move(n);
          return c;
        }
      }
    }
    return n;
  }

  std::unique_ptr<TNode> term() {
    const Item& tok = next_non_space();
    switch (tok.typ) {
      case IT::Identifier: {
        if (!known_functions().count(tok.val)) { errorf("function " + api::go_quote(tok.val) + " not defined"); return nullptr; }
        auto n = node(NT::Identifier, tok.pos);
        n->text = tok.val;
        return n;
      }
      case IT::Dot: return node(NT::Dot, tok.pos);
      case IT::Nil: return node(NT::Nil, tok.pos);
      case IT::Variable: {
        auto n = node(NT::Variable, tok.pos);
        n->ident = {tok.val};
        if (std::find(vars_.begin(), vars_.end(), tok.val) == vars_.end()) {
          errorf("undefined variable " + api::go_quote(tok.val));
          return nullptr;
        }
        return n;
      }
      case IT::Field: {
        auto n = node(NT::Field, tok.pos);
        n->ident = {tok.val.substr(1)};
        return n;
      }
      case IT::Bool: { auto n = node(NT::Bool, tok.pos); n->b = tok.val == "true"; return n; }
      case IT::CharConstant: case IT::Complex: case IT::Number: return number(tok);
      case IT::LeftParen: {
        if (++depth_ > 1000) { errorf("template too deeply nested"); return nullptr; }
        auto p = pipeline("parenthesized pipeline", IT::RightParen);
        --depth_;
        return p;
      }
      case IT::String: case IT::RawString: {
        auto n = node(NT::String, tok.pos);
        n->text = tok.val;
        if (!go_unquote(tok.val, n->str)) { errorf("invalid syntax"); return nullptr; }
        return n;
      }
      default: backup(); return nullptr;
    }
  }

  std::unique_ptr<TNode> number(const Item& tok) {
    auto n = node(NT::Number, tok.pos);
    n->text = tok.val;
    std::string s = tok.val;
    if (tok.typ == IT::CharConstant) {
      std::string v;
      if (!go_unquote(s, v)) { errorf("malformed character constant: " + s); return nullptr; }
      uint32_t cp = static_cast<unsigned char>(v[0]);
      if (cp >= 0x80) {
        const size_t w = cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        cp &= w == 2 ? 0x1F : w == 3 ? 0x0F : 0x07;
        for (size_t k = 1; k < w && k < v.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(v[k]) & 0x3F);
      }
      n->is_int = n->is_uint = n->is_float = true;
      n->i = cp; n->u = cp; n->f = cp;
      return n;
    }
    if (!s.empty() && s.back() == 'i') { errorf("complex numbers are not supported"); return nullptr; }
    std::string plain;
    for (char c : s) if (c != '_') plain.push_back(c);
    // ParseUint / ParseInt with base prefixes
    bool neg = false;
    std::string body = plain;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) { neg = body[0] == '-'; body = body.substr(1); }
    int base = 10;
    if (body.size() > 1 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) { base = 16; body = body.substr(2); }
    else if (body.size() > 1 && body[0] == '0' && (body[1] == 'o' || body[1] == 'O')) { base = 8; body = body.substr(2); }
    else if (body.size() > 1 && body[0] == '0' && (body[1] == 'b' || body[1] == 'B')) { base = 2; body = body.substr(2); }
    else if (body.size() > 1 && body[0] == '0' && body.find_first_of(".eE") == std::string::npos) { base = 8; body = body.substr(1); }
    bool int_syntax = !body.empty();
    unsigned __int128 mag = 0;
    for (char c : body) {
      const int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
      if (d >= base) { int_syntax = false; break; }
      mag = mag * static_cast<unsigned>(base) + static_cast<unsigned>(d);
      if (mag > (static_cast<unsigned __int128>(1) << 70)) break;
    }
    if (int_syntax) {
      if (!neg && mag <= UINT64_MAX) { n->is_uint = true; n->u = static_cast<uint64_t>(mag); }
      if ((!neg && mag <= static_cast<unsigned __int128>(INT64_MAX)) || (neg && mag <= static_cast<unsigned __int128>(INT64_MAX) + 1)) {
        n->is_int = true;
        n->i = neg ? static_cast<int64_t>(-static_cast<__int128>(mag)) : static_cast<int64_t>(mag);
        if (n->i == 0) { n->is_uint = true; n->u = 0; }
      }
    }
    if (n->is_int) { n->is_float = true; n->f = static_cast<double>(n->i); }
    else if (n->is_uint) { n->is_float = true; n->f = static_cast<double>(n->u); }
    else {
      char* endp = nullptr;
      const double f = std::strtod(plain.c_str(), &endp);
      const bool float_ok = endp && *endp == '\0' && !plain.empty() && base == 10;
      if (float_ok) {
        if (plain.find_first_of(".eEpP") == std::string::npos) { errorf("integer overflow: " + api::go_quote(s)); return nullptr; }
        n->is_float = true;
        n->f = f;
        if (std::fabs(f) < 9.2e18 && static_cast<double>(static_cast<int64_t>(f)) == f) { n->is_int = true; n->i = static_cast<int64_t>(f); }
        if (f >= 0 && f < 1.8e19 && static_cast<double>(static_cast<uint64_t>(f)) == f) { n->is_uint = true; n->u = static_cast<uint64_t>(f); }
      }
    }
    if (!n->is_int && !n->is_uint && !n->is_float) { errorf("illegal number syntax: " + api::go_quote(s)); return nullptr; }
    return n;
  }
};

// [SECTION] values ----------------------------------------------------------------------------------------
struct TV {
  enum K : uint8_t { Invalid, Nil, Bool, Int, Int64, Uint64, Float, String, Map, Slice };
  K k = Invalid;
  bool iface = false;  // held in an interface{} (a map value or list element of the data)
  bool b = false;
  int64_t i = 0;
  uint64_t u = 0;
  double f = 0;
  std::string s;
  const json* ref = nullptr;               // Map / Slice
  std::shared_ptr<const json> own;         // computed collections

  static TV of(const json& j, bool iface) {
    TV v;
    v.iface = iface;
    switch (j.type()) {
      case json::value_t::null: v.k = Nil; break;
      case json::value_t::boolean: v.k = Bool; v.b = j.get<bool>(); break;
      case json::value_t::number_integer: v.k = Int64; v.i = j.get<int64_t>(); break;
      case json::value_t::number_unsigned: {
        const uint64_t u = j.get<uint64_t>();
        if (u <= static_cast<uint64_t>(INT64_MAX)) { v.k = Int64; v.i = static_cast<int64_t>(u); }
        else { v.k = Uint64; v.u = u; }
        break;
      }
      case json::value_t::number_float: v.k = Float; v.f = j.get<double>(); break;
      case json::value_t::string: v.k = String; v.s = j.get<std::string>(); break;
      case json::value_t::object: v.k = Map; v.ref = &j; break;
      case json::value_t::array: v.k = Slice; v.ref = &j; break;
      default: v.k = Nil; break;
    }
    return v;
  }
  static TV owned(json j) {
    auto p = std::make_shared<const json>(std::move(j));
    TV v = of(*p, false);
    v.own = p;
    if (v.k != Map && v.k != Slice) v.own.reset();
    return v;
  }
  static TV str(std::string s) { TV v; v.k = String; v.s = std::move(s); return v; }
  static TV boolean(bool b) { TV v; v.k = Bool; v.b = b; return v; }
  static TV integer(int64_t i) { TV v; v.k = Int; v.i = i; return v; }

  bool valid() const { return k != Invalid; }
  // Go type name; `elem` drops the interface{} wrapper.
  std::string type_name(bool elem = false) const {
    if (iface && !elem) return "interface {}";
    switch (k) {
      case Bool: return "bool";
      case Int: return "int";
      case Int64: return "int64";
      case Uint64: return "uint64";
      case Float: return "float64";
      case String: return "string";
      case Map: return "map[string]interface {}";
      case Slice: return "[]interface {}";
      case Nil: return "interface {}";
      default: return "<invalid reflect.Value>";
    }
  }
  json to_json() const {
    switch (k) {
      case Bool: return b;
      case Int: case Int64: return i;
      case Uint64: return u;
      case Float: return f;
      case String: return s;
      case Map: case Slice: return *ref;
      default: return nullptr;
    }
  }
};

// fmt.Sprint of one operand.
std::string sprint1(const TV& v) {
  switch (v.k) {
    case TV::Invalid: return "<invalid reflect.Value>";
    case TV::Nil: return "<nil>";
    case TV::Bool: return v.b ? "true" : "false";
    case TV::Int: case TV::Int64: return std::to_string(v.i);
    case TV::Uint64: return std::to_string(v.u);
    case TV::Float: return api::go_format_float(v.f, 'g', -1);
    case TV::String: return v.s;
    case TV::Map: case TV::Slice: return api::go_sprint(*v.ref);
  }
  return "";
}

bool truth_of(const TV& v) {
  switch (v.k) {
    case TV::Invalid: case TV::Nil: return false;
    case TV::Bool: return v.b;
    case TV::Int: case TV::Int64: return v.i != 0;
    case TV::Uint64: return v.u != 0;
    case TV::Float: return v.f != 0;
    case TV::String: return !v.s.empty();
    case TV::Map: case TV::Slice: return !v.ref->empty();
  }
  return false;
}

// [SECTION] fmt.Sprintf ------------------------------------------------------------------------------------
std::string pad(const std::string& s, int width, bool minus, bool zero) {
  size_t runes = 0;
  for (unsigned char c : s) if ((c & 0xC0) != 0x80) ++runes;
  if (width <= 0 || static_cast<size_t>(width) <= runes) return s;
  const size_t n = static_cast<size_t>(width) - runes;
  if (minus) return s + std::string(n, ' ');
  if (zero) {
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) return s.substr(0, 1) + std::string(n, '0') + s.substr(1);
    return std::string(n, '0') + s;
  }
  return std::string(n, ' ') + s;
}

std::string bad_verb(char verb, const TV& v) {
  if (v.k == TV::Invalid || v.k == TV::Nil) return std::string("%!") + verb + "(<nil>)";
  return std::string("%!") + verb + "(" + v.type_name(true) + "=" + sprint1(v) + ")";
}

std::string sprintf_tv(const std::string& format, const std::vector<TV>& args) {
  std::string out;
  size_t argi = 0;
  for (size_t i = 0; i < format.size();) {
    if (format[i] != '%') { out += format[i++]; continue; }
    ++i;
    if (i >= format.size()) { out += "%!(NOVERB)"; break; }
    bool minus = false, plus = false, sharp = false, space = false, zero = false;
    for (; i < format.size(); ++i) {
      const char c = format[i];
      if (c == '-') minus = true;
      else if (c == '+') plus = true;
      else if (c == '#') sharp = true;
      else if (c == ' ') space = true;
      else if (c == '0') zero = !minus;
      else break;
    }
    int width = -1, prec = -1;
    auto num = [&](int& dst) {
      if (i < format.size() && format[i] == '*') {
        ++i;
        if (argi < args.size() && (args[argi].k == TV::Int || args[argi].k == TV::Int64)) dst = static_cast<int>(args[argi].i);
        ++argi;
        return;
      }
      if (i < format.size() && format[i] >= '0' && format[i] <= '9') {
        dst = 0;
        while (i < format.size() && format[i] >= '0' && format[i] <= '9') dst = dst * 10 + (format[i++] - '0');
      }
    };
    num(width);
    if (i < format.size() && format[i] == '.') { ++i; prec = 0; num(prec); }
    if (i >= format.size()) { out += "%!(NOVERB)"; break; }
    const char verb = format[i++];
    if (verb == '%') { out += '%'; continue; }
    if (argi >= args.size()) { out += std::string("%!") + verb + "(MISSING)"; continue; }
    const TV& a = args[argi++];
    std::string s;
    auto sign = [&](const std::string& digits, bool negative) {
      if (negative) return "-" + digits;
      if (plus) return "+" + digits;
      if (space) return " " + digits;
      return digits;
    };
    switch (verb) {
      case 'v': case 's': {
        if (verb == 's' && a.k != TV::String && a.k != TV::Map && a.k != TV::Slice) { s = bad_verb(verb, a); break; }
        s = a.k == TV::Invalid ? "<invalid reflect.Value>" : sprint1(a);
        if (verb == 'v' && sharp && a.valid()) s = api::go_sharp_v(a.to_json());
        if (verb == 'v' && (a.k == TV::Int || a.k == TV::Int64) && plus && a.i >= 0) s = "+" + s;
        if (prec >= 0 && a.k == TV::String) {
          std::string t;
          int n = 0;
          for (size_t k = 0; k < s.size() && n < prec;) {
            const unsigned char b = static_cast<unsigned char>(s[k]);
            const size_t w = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
            t += s.substr(k, w);
            k += w;
            ++n;
          }
          s = t;
        }
        break;
      }
      case 'd':
        if (a.k == TV::Int || a.k == TV::Int64) s = sign(std::to_string(a.i < 0 ? -static_cast<uint64_t>(a.i) : static_cast<uint64_t>(a.i)), a.i < 0);
        else if (a.k == TV::Uint64) s = sign(std::to_string(a.u), false);
        else s = bad_verb(verb, a);
        break;
      case 'x': case 'X': case 'o': case 'b': {
        if (a.k == TV::Int || a.k == TV::Int64 || a.k == TV::Uint64) {
          const bool negative = a.k != TV::Uint64 && a.i < 0;
          uint64_t m = a.k == TV::Uint64 ? a.u : (negative ? -static_cast<uint64_t>(a.i) : static_cast<uint64_t>(a.i));
          const int base = verb == 'o' ? 8 : verb == 'b' ? 2 : 16;
          const char* digs = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
          std::string d;
          do { d.insert(d.begin(), digs[m % static_cast<uint64_t>(base)]); m /= static_cast<uint64_t>(base); } while (m);
          if (sharp && base == 16) d = (verb == 'X' ? "0X" : "0x") + d;
          s = sign(d, negative);
        } else if ((verb == 'x' || verb == 'X') && a.k == TV::String) {
          const char* digs = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
          for (unsigned char c : a.s) { s += digs[c >> 4]; s += digs[c & 0xF]; }
        } else {
          s = bad_verb(verb, a);
        }
        break;
      }
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
        double f;
        if (a.k == TV::Float) f = a.f;
        else { s = bad_verb(verb, a); break; }
        const char lower = static_cast<char>(verb | 0x20);
        const int p = prec >= 0 ? prec : (lower == 'g' ? -1 : 6);
        s = api::go_format_float(f, lower, p);
        if (verb == 'E' || verb == 'G') for (auto& c : s) if (c == 'e') c = 'E';
        if (f >= 0 && s[0] != '-') { if (plus) s = "+" + s; else if (space) s = " " + s; }
        break;
      }
      case 't':
        if (a.k == TV::Bool) s = a.b ? "true" : "false";
        else s = bad_verb(verb, a);
        break;
      case 'q':
        if (a.k == TV::String) s = api::go_quote(a.s);
        else if (a.k == TV::Int || a.k == TV::Int64) {
          std::string ch;
          const int64_t c = a.i;
          if (c >= 0 && c < 0x80) ch = std::string(1, static_cast<char>(c));
          else ch = "\xEF\xBF\xBD";
          s = "'" + (ch == "'" ? std::string("\\'") : api::go_quote(ch).substr(1, api::go_quote(ch).size() - 2)) + "'";
        } else s = bad_verb(verb, a);
        break;
      case 'c':
        if (a.k == TV::Int || a.k == TV::Int64) {
          const int64_t c = a.i;
          if (c >= 0 && c < 0x80) s = std::string(1, static_cast<char>(c));
          else if (c < 0x800) { s += static_cast<char>(0xC0 | (c >> 6)); s += static_cast<char>(0x80 | (c & 0x3F)); }
          else if (c < 0x10000) { s += static_cast<char>(0xE0 | (c >> 12)); s += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); s += static_cast<char>(0x80 | (c & 0x3F)); }
          else s = "\xEF\xBF\xBD";
        } else s = bad_verb(verb, a);
        break;
      case 'T': s = a.k == TV::Invalid || a.k == TV::Nil ? "<nil>" : a.type_name(true); break;
      default: s = bad_verb(verb, a); break;
    }
    out += pad(s, width, minus, zero && verb != 's' && verb != 'v' && verb != 'q');
  }
  if (argi < args.size()) {
    out += "%!(EXTRA ";
    for (size_t k = argi; k < args.size(); ++k) {
      if (k > argi) out += ", ";
      out += args[k].k == TV::Nil || args[k].k == TV::Invalid ? "<nil>" : args[k].type_name(true) + "=" + sprint1(args[k]);
    }
    out += ")";
  }
  return out;
}

// fmt.Sprint: spaces between operands when neither side is a string.
std::string sprint_tv(const std::vector<TV>& args) {
  std::string out;
  for (size_t k = 0; k < args.size(); ++k) {
    if (k > 0 && args[k].k != TV::String && args[k - 1].k != TV::String) out += ' ';
    out += sprint1(args[k]);
  }
  return out;
}

std::string sprintln_tv(const std::vector<TV>& args) {
  std::string out;
  for (size_t k = 0; k < args.size(); ++k) { if (k) out += ' '; out += sprint1(args[k]); }
  return out + "\n";
}

// [SECTION] evaluator --------------------------------------------------------------------------------------
class Exec {
 public:
  Exec(const std::string& name, const std::string& text, bool allow_missing, std::string& out)
      : name_(name), text_(text), allow_missing_(allow_missing), out_(out) {}

  bool run(const TNode* root, const json& data, std::string& err) {
    TV dot = TV::of(data, false);
    vars_.push_back({"$", dot});
    walk(dot, root);
    if (!ok_) { err = err_; return false; }
    return true;
  }

 private:
  enum class Flow { Normal, Break, Continue };
  const std::string& name_;
  const std::string& text_;
  bool allow_missing_;
  std::string& out_;
  bool ok_ = true;
  std::string err_;
  const TNode* at_ = nullptr;
  std::vector<std::pair<std::string, TV>> vars_;
  Flow flow_ = Flow::Normal;
  int depth_ = 0;
  size_t steps_ = 0;

  void at(const TNode* n) { at_ = n; }

  TV errorf(const std::string& msg) {
    if (!ok_) return TV{};
    ok_ = false;
    if (!at_) { err_ = "template: " + name_ + ": " + msg; return TV{}; }
    const size_t pos = std::min(at_->pos, text_.size());
    const std::string before = text_.substr(0, pos);
    const size_t nl = before.rfind('\n');
    const size_t col = nl == std::string::npos ? pos : pos - (nl + 1);
    const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
    std::string context = at_->to_string();
    if (context.size() > 20) {
      // %.20s: twenty runes
      std::string t;
      size_t runes = 0;
      for (size_t k = 0; k < context.size() && runes < 20; ++runes) {
        const unsigned char b = static_cast<unsigned char>(context[k]);
        const size_t w = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        t += context.substr(k, w);
        k += w;
      }
      if (t.size() < context.size()) context = t + "...";
    }
    err_ = "template: " + name_ + ":" + std::to_string(line) + ":" + std::to_string(col) + ": executing " +
           api::go_quote(name_) + " at <" + context + ">: " + msg;
    return TV{};
  }

  // -- control flow --
  void walk(const TV& dot, const TNode* n) {
    if (!ok_) return;
    if (++steps_ > 50000000) { errorf("template execution too long"); return; }
    at(n);
    switch (n->t) {
      case NT::Action: {
        TV v = eval_pipeline(dot, n->pipe.get());
        if (!ok_) return;
        if (n->pipe->decl.empty()) print_value(n, v);
        return;
      }
      case NT::Break: flow_ = Flow::Break; return;
      case NT::Continue: flow_ = Flow::Continue; return;
      case NT::If: case NT::With: {
        const size_t mark = vars_.size();
        TV v = eval_pipeline(dot, n->pipe.get());
        if (!ok_) return;
        const bool t = truth_of(v);
        if (t) {
          walk(n->t == NT::With ? v : dot, n->list.get());
        } else if (n->else_list) {
          walk(dot, n->else_list.get());
        }
        vars_.resize(mark);
        return;
      }
      case NT::List:
        for (auto& k : n->kids) {
          walk(dot, k.get());
          if (!ok_ || flow_ != Flow::Normal) return;
        }
        return;
      case NT::Range: walk_range(dot, n); return;
      case NT::Text: out_ += n->text; return;
      case NT::Comment: return;
      default: errorf("unknown node: " + n->to_string()); return;
    }
  }

  void walk_range(const TV& dot, const TNode* r) {
    at(r);
    const size_t mark = vars_.size();
    TV val = eval_pipeline(dot, r->pipe.get());
    if (!ok_) return;
    // The pipeline's own declarations are iteration variables, not results.
    vars_.resize(mark);
    auto one = [&](const TV& index, const TV& elem) -> bool {
      if (!r->pipe->decl.empty()) {
        if (r->pipe->is_assign) {
          if (r->pipe->decl.size() > 1) { set_var(r->pipe->decl[0]->ident[0], index); set_var(r->pipe->decl[1]->ident[0], elem); }
          else set_var(r->pipe->decl[0]->ident[0], elem);
        } else if (r->pipe->decl.size() > 1) {
          vars_.push_back({r->pipe->decl[0]->ident[0], index});
          vars_.push_back({r->pipe->decl[1]->ident[0], elem});
        } else {
          vars_.push_back({r->pipe->decl[0]->ident[0], elem});
        }
      }
      const size_t inner = vars_.size();
      walk(elem, r->list.get());
      vars_.resize(r->pipe->is_assign ? mark : mark);
      (void)inner;
      if (!ok_) return false;
      if (flow_ == Flow::Break) { flow_ = Flow::Normal; return false; }
      if (flow_ == Flow::Continue) flow_ = Flow::Normal;
      return true;
    };
    bool any = false;
    switch (val.k) {
      case TV::Slice: {
        const json& arr = *val.ref;
        if (!arr.empty()) any = true;
        for (size_t k = 0; k < arr.size(); ++k)
          if (!one(TV::integer(static_cast<int64_t>(k)), TV::of(arr[k], true))) break;
        break;
      }
      case TV::Map: {
        const json& obj = *val.ref;
        if (!obj.empty()) any = true;
        for (auto it = obj.begin(); it != obj.end(); ++it)
          if (!one(TV::str(it.key()), TV::of(it.value(), true))) break;
        break;
      }
      case TV::Int: case TV::Int64: {
        if (val.i > 0) any = true;
        for (int64_t k = 0; k < val.i; ++k)
          if (!one(TV::integer(k), val.k == TV::Int ? TV::integer(k) : [&] { TV t; t.k = TV::Int64; t.i = k; return t; }())) break;
        break;
      }
      case TV::Invalid: case TV::Nil: break;
      default:
        at(r);
        errorf("range can't iterate over " + sprint1(val));
        return;
    }
    if (!ok_) return;
    if (!any && r->else_list) walk(dot, r->else_list.get());
    vars_.resize(mark);
  }

  void print_value(const TNode* n, const TV& v) {
    at(n);
    if (!v.valid()) { out_ += "<no value>"; return; }
    out_ += sprint1(v);
  }

  // -- variables --
  TV var_value(const std::string& name) {
    for (size_t k = vars_.size(); k-- > 0;)
      if (vars_[k].first == name) return vars_[k].second;
    return errorf("undefined variable: " + name);
  }
  void set_var(const std::string& name, const TV& v) {
    for (size_t k = vars_.size(); k-- > 0;)
      if (vars_[k].first == name) { vars_[k].second = v; return; }
    errorf("undefined variable: " + name);
  }

  // -- pipelines and commands --
  static TV unwrap_iface(TV v) {
    if (v.iface) {
      v.iface = false;
      if (v.k == TV::Nil) v.k = TV::Invalid;
    }
    return v;
  }

  TV eval_pipeline(const TV& dot, const TNode* pipe) {
    if (!pipe) return TV{};
    if (++depth_ > 1000) { --depth_; return errorf("exceeded maximum template depth (1000)"); }
    at(pipe);
    TV value;
    bool have_final = false;
    for (auto& cmd : pipe->kids) {
      value = eval_command(dot, cmd.get(), have_final ? &value : nullptr);
      if (!ok_) { --depth_; return TV{}; }
      value = unwrap_iface(value);
      have_final = true;
    }
    for (auto& var : pipe->decl) {
      if (pipe->is_assign) set_var(var->ident[0], value);
      else vars_.push_back({var->ident[0], value});
    }
    --depth_;
    return value;
  }

  void not_a_function(const TNode* cmd, const TV* final) {
    if (cmd->kids.size() > 1 || final) errorf("can't give argument to non-function " + cmd->kids[0]->to_string());
  }

  TV eval_command(const TV& dot, const TNode* cmd, const TV* final) {
    const TNode* first = cmd->kids[0].get();
    switch (first->t) {
      case NT::Field: return eval_field_node(dot, first, cmd, final);
      case NT::Chain: return eval_chain_node(dot, first, cmd, final);
      case NT::Identifier: return eval_function(dot, first, cmd, cmd, final);
      case NT::Pipe:
        not_a_function(cmd, final);
        if (!ok_) return TV{};
        return eval_pipeline(dot, first);
      case NT::Variable: return eval_variable_node(dot, first, cmd, final);
      default: break;
    }
    at(first);
    not_a_function(cmd, final);
    if (!ok_) return TV{};
    switch (first->t) {
      case NT::Bool: return TV::boolean(first->b);
      case NT::Dot: return dot;
      case NT::Nil: return errorf("nil is not a command");
      case NT::Number: return ideal_constant(first);
      case NT::String: return TV::str(first->str);
      default: break;
    }
    return errorf("can't evaluate command " + api::go_quote(first->to_string()));
  }

  TV ideal_constant(const TNode* n) {
    at(n);
    const bool looks_float = n->text.find_first_of(".eEpP") != std::string::npos &&
                             !(n->text.size() > 1 && n->text[0] == '0' && (n->text[1] == 'x' || n->text[1] == 'X')) &&
                             n->text[0] != '\'';
    if (n->is_float && looks_float) { TV v; v.k = TV::Float; v.f = n->f; return v; }
    if (n->is_int) return TV::integer(n->i);
    if (n->is_uint) return errorf(n->text + " overflows int");
    return TV{};
  }

  TV eval_field_node(const TV& dot, const TNode* field, const TNode* cmd, const TV* final) {
    at(field);
    return eval_field_chain(dot, dot, field, field->ident, 0, cmd, final);
  }

  TV eval_chain_node(const TV& dot, const TNode* chain, const TNode* cmd, const TV* final) {
    if (chain->pipe->t == NT::Nil) return errorf("indirection through explicit nil in " + chain->to_string());
    TV base = eval_arg_any(dot, chain->pipe.get());
    if (!ok_) return TV{};
    return eval_field_chain(dot, base, chain, chain->ident, 0, cmd, final);
  }

  TV eval_variable_node(const TV& dot, const TNode* var, const TNode* cmd, const TV* final) {
    at(var);
    TV value = var_value(var->ident[0]);
    if (!ok_) return TV{};
    if (var->ident.size() == 1) {
      if (cmd) not_a_function(cmd, final);
      return value;
    }
    return eval_field_chain(dot, value, var, var->ident, 1, cmd, final);
  }

  TV eval_field_chain(const TV& dot, TV receiver, const TNode* node, const std::vector<std::string>& ident, size_t from,
                      const TNode* cmd, const TV* final) {
    const size_t n = ident.size();
    for (size_t k = from; k + 1 < n; ++k) {
      receiver = eval_field(ident[k], node, false, receiver);
      if (!ok_) return TV{};
    }
    const bool has_args = (cmd && cmd->kids.size() > 1) || final;
    (void)dot;
    return eval_field(ident[n - 1], node, has_args, receiver);
  }

  TV eval_field(const std::string& name, const TNode* node, bool has_args, const TV& receiver) {
    (void)node;
    if (!receiver.valid()) {
      if (!allow_missing_) return errorf("nil data; no entry for key " + api::go_quote(name));
      return TV{};
    }
    if (receiver.k == TV::Nil) return errorf("nil pointer evaluating " + receiver.type_name() + "." + name);
    if (receiver.k == TV::Map) {
      if (has_args) return errorf(name + " is not a method but has arguments");
      auto it = receiver.ref->find(name);
      if (it == receiver.ref->end()) {
        if (!allow_missing_) return errorf("map has no entry for key " + api::go_quote(name));
        return TV{};
      }
      TV v = TV::of(*it, true);
      return v;
    }
    return errorf("can't evaluate field " + name + " in type " + receiver.type_name());
  }

  // -- function calls --
  TV eval_function(const TV& dot, const TNode* ident, const TNode* cmd_node, const TNode* cmd, const TV* final) {
    at(ident);
    return eval_call(dot, ident->text, cmd_node, cmd, final);
  }

  // Evaluate an argument for a parameter of type interface{} / reflect.Value.
  TV eval_arg_any(const TV& dot, const TNode* n) {
    at(n);
    switch (n->t) {
      case NT::Dot: return dot;
      case NT::Nil: { TV v; v.k = TV::Nil; return v; }
      case NT::Field: return eval_field_node(dot, n, nullptr, nullptr);
      case NT::Variable: return eval_variable_node(dot, n, nullptr, nullptr);
      case NT::Pipe: return eval_pipeline(dot, n);
      case NT::Identifier: return eval_function(dot, n, n, nullptr, nullptr);
      case NT::Chain: return eval_chain_node(dot, n, nullptr, nullptr);
      case NT::Bool: return TV::boolean(n->b);
      case NT::Number: return ideal_constant(n);
      case NT::String: return TV::str(n->str);
      default: return errorf("can't handle " + n->to_string() + " for arg of type interface {}");
    }
  }

  // A string parameter: literals must be strings; other values must hold a string.
  bool want_string(const TV& v, std::string& out) {
    if (v.k == TV::String) { out = v.s; return true; }
    if (!v.valid()) { errorf("invalid value; expected string"); return false; }
    errorf("wrong type for value; expected string; got " + v.type_name(true));
    return false;
  }

  TV eval_call(const TV& dot, const std::string& name, const TNode* node, const TNode* cmd, const TV* final) {
    std::vector<const TNode*> arg_nodes;
    if (cmd) for (size_t k = 1; k < cmd->kids.size(); ++k) arg_nodes.push_back(cmd->kids[k].get());
    const size_t num_in = arg_nodes.size() + (final ? 1 : 0);

    // Arity: (fixed, variadic)
    struct Arity { int fixed; bool variadic; };
    static const std::map<std::string, Arity> kArity = {
        {"and", {1, true}}, {"or", {1, true}}, {"not", {1, false}}, {"len", {1, false}}, {"index", {1, true}},
        {"slice", {1, true}}, {"print", {0, true}}, {"printf", {1, true}}, {"println", {0, true}},
        {"eq", {1, true}}, {"ne", {2, false}}, {"lt", {2, false}}, {"le", {2, false}}, {"gt", {2, false}},
        {"ge", {2, false}}, {"html", {0, true}}, {"js", {0, true}}, {"urlquery", {0, true}},
        {"base64decode", {1, false}}, {"exists", {1, true}},
        {"upper", {1, false}}, {"lower", {1, false}}, {"trim", {1, false}}, {"trimPrefix", {2, false}},
        {"trimSuffix", {2, false}}, {"replace", {3, false}}, {"contains", {2, false}}, {"hasPrefix", {2, false}},
        {"hasSuffix", {2, false}}, {"quote", {0, true}}, {"squote", {0, true}}, {"default", {1, true}},
        {"empty", {1, false}}, {"toJson", {1, false}}, {"toPrettyJson", {1, false}}, {"toRawJson", {1, false}},
        {"b64enc", {1, false}}, {"b64dec", {1, false}}, {"add", {0, true}}, {"sub", {2, false}}, {"mul", {1, true}},
        {"div", {2, false}}, {"mod", {2, false}}, {"add1", {1, false}}, {"int", {1, false}}, {"int64", {1, false}},
        {"toString", {1, false}}, {"repeat", {2, false}}, {"join", {2, false}}, {"indent", {2, false}},
        {"nindent", {2, false}}, {"first", {1, false}}, {"last", {1, false}}, {"keys", {0, true}},
        {"hasKey", {2, false}}, {"ternary", {3, false}}, {"coalesce", {0, true}}, {"title", {1, false}},
        {"trunc", {2, false}}, {"cat", {0, true}}, {"nospace", {1, false}}, {"splitList", {2, false}},
        {"typeOf", {1, false}}, {"kindOf", {1, false}}, {"max", {1, true}}, {"min", {1, true}}};
    auto ar = kArity.find(name);
    if (ar == kArity.end()) {
      // a sprig function kubesim does not implement
      for (auto* a : arg_nodes) { eval_arg_any(dot, a); if (!ok_) return TV{}; }
      at(node);
      return errorf("error calling " + name + ": function not available in kubesim");
    }
    const int fixed = ar->second.fixed;
    const bool variadic = ar->second.variadic;
    if (variadic) {
      if (num_in < static_cast<size_t>(fixed))
        return errorf("wrong number of args for " + name + ": want at least " + std::to_string(fixed) + " got " + std::to_string(arg_nodes.size()));
    } else if (num_in != static_cast<size_t>(fixed)) {
      return errorf("wrong number of args for " + name + ": want " + std::to_string(fixed) + " got " + std::to_string(num_in));
    }

    // and / or short-circuit
    if (name == "and" || name == "or") {
      TV v;
      for (auto* a : arg_nodes) {
        v = eval_arg_any(dot, a);
        if (!ok_) return TV{};
        if (truth_of(v) == (name == "or")) return unwrap_iface(v);
      }
      if (final) v = *final;
      return unwrap_iface(v);
    }

    std::vector<TV> args;
    for (auto* a : arg_nodes) {
      args.push_back(eval_arg_any(dot, a));
      if (!ok_) return TV{};
    }
    if (final) args.push_back(*final);

    std::string e;
    TV result = call_builtin(name, args, e);
    if (!ok_) return TV{};
    if (!e.empty()) {
      at(node);
      return errorf("error calling " + name + ": " + e);
    }
    return result;
  }

  // indirectInterface: drop the interface{} wrapper; nil interface -> invalid.
  static TV indirect(const TV& v) { return unwrap_iface(v); }

  static int basic_kind(const TV& v) {  // 0 invalid, 1 bool, 3 int, 4 float, 6 string, 7 uint
    switch (v.k) {
      case TV::Bool: return 1;
      case TV::Int: case TV::Int64: return 3;
      case TV::Uint64: return 7;
      case TV::Float: return 4;
      case TV::String: return 6;
      default: return 0;
    }
  }

  bool eq2(const TV& a0, const TV& b0, std::string& e) {
    const TV a = indirect(a0), b = indirect(b0);
    const int ka = basic_kind(a), kb = basic_kind(b);
    if (ka != kb) {
      if (ka == 3 && kb == 7) return a.i >= 0 && static_cast<uint64_t>(a.i) == b.u;
      if (ka == 7 && kb == 3) return b.i >= 0 && a.u == static_cast<uint64_t>(b.i);
      if (a.valid() && b.valid()) { e = "incompatible types for comparison"; return false; }
      return false;
    }
    switch (ka) {
      case 1: return a.b == b.b;
      case 3: return a.i == b.i;
      case 4: return a.f == b.f;
      case 6: return a.s == b.s;
      case 7: return a.u == b.u;
      default:
        if (!a.valid() || !b.valid()) return !a.valid() && !b.valid();
        e = "non-comparable types " + sprint1(a) + ": " + a.type_name(true) + ", " + b.type_name(true) + ": " + sprint1(b);
        return false;
    }
  }

  bool lt2(const TV& a0, const TV& b0, std::string& e) {
    const TV a = indirect(a0), b = indirect(b0);
    const int ka = basic_kind(a), kb = basic_kind(b);
    if (ka == 0 || kb == 0) { e = "invalid type for comparison"; return false; }
    if (ka != kb) {
      if (ka == 3 && kb == 7) return a.i < 0 || static_cast<uint64_t>(a.i) < b.u;
      if (ka == 7 && kb == 3) return b.i >= 0 && a.u < static_cast<uint64_t>(b.i);
      e = "incompatible types for comparison";
      return false;
    }
    switch (ka) {
      case 1: e = "invalid type for comparison"; return false;
      case 3: return a.i < b.i;
      case 4: return a.f < b.f;
      case 6: return a.s < b.s;
      case 7: return a.u < b.u;
    }
    e = "invalid type for comparison";
    return false;
  }

  static bool b64decode(const std::string& in, std::string& out, std::string& e) {
    static const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    out.clear();
    uint32_t buf = 0;
    int bits = 0;
    size_t i = 0;
    for (; i < in.size(); ++i) {
      const char c = in[i];
      if (c == '=') break;
      if (c == '\n' || c == '\r') continue;
      const size_t d = chars.find(c);
      if (d == std::string::npos) { e = "illegal base64 data at input byte " + std::to_string(i); return false; }
      buf = (buf << 6) | static_cast<uint32_t>(d);
      bits += 6;
      if (bits >= 8) { bits -= 8; out += static_cast<char>((buf >> bits) & 0xFF); }
    }
    size_t data_len = 0;
    for (size_t k = 0; k < in.size(); ++k) if (in[k] != '\n' && in[k] != '\r') ++data_len;
    if (data_len % 4 != 0) { e = "illegal base64 data at input byte " + std::to_string(in.size() - (in.size() % 4 == 0 ? 0 : in.size() % 4)); return false; }
    return true;
  }

  static std::string b64encode(const std::string& in) {
    static const char* chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
      const uint32_t v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
      out += chars[(v >> 18) & 63]; out += chars[(v >> 12) & 63]; out += chars[(v >> 6) & 63]; out += chars[v & 63];
    }
    if (i < in.size()) {
      uint32_t v = static_cast<unsigned char>(in[i]) << 16;
      if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
      out += chars[(v >> 18) & 63];
      out += chars[(v >> 12) & 63];
      out += i + 1 < in.size() ? chars[(v >> 6) & 63] : '=';
      out += '=';
    }
    return out;
  }

  // sprig's toString / strval
  static std::string strval(const TV& v) {
    if (!v.valid() || v.k == TV::Nil) return "<nil>";
    return sprint1(v);
  }

  static int64_t toint(const TV& v) {
    switch (v.k) {
      case TV::Int: case TV::Int64: return v.i;
      case TV::Uint64: return static_cast<int64_t>(v.u);
      case TV::Float: return static_cast<int64_t>(v.f);
      case TV::Bool: return v.b ? 1 : 0;
      case TV::String: { char* end = nullptr; const long long r = std::strtoll(v.s.c_str(), &end, 10); return end && *end == 0 ? r : 0; }
      default: return 0;
    }
  }

  TV call_builtin(const std::string& name, std::vector<TV>& args, std::string& e) {
    if (name == "not") return TV::boolean(!truth_of(args[0]));
    if (name == "len") {
      const TV a = indirect(args[0]);
      if (args[0].k == TV::Nil) { e = "len of nil pointer"; return TV{}; }
      if (!a.valid()) { e = "reflect: call of reflect.Value.Type on zero Value"; return TV{}; }
      if (a.k == TV::String) return TV::integer(static_cast<int64_t>(a.s.size()));
      if (a.k == TV::Map || a.k == TV::Slice) return TV::integer(static_cast<int64_t>(a.ref->size()));
      e = "len of type " + a.type_name(true);
      return TV{};
    }
    if (name == "index") {
      TV item = indirect(args[0]);
      if (!item.valid()) { e = "index of untyped nil"; return TV{}; }
      for (size_t k = 1; k < args.size(); ++k) {
        const TV idx = indirect(args[k]);
        if (item.k == TV::Slice || item.k == TV::String) {
          int64_t x;
          if (idx.k == TV::Int || idx.k == TV::Int64) x = idx.i;
          else if (idx.k == TV::Uint64) x = static_cast<int64_t>(idx.u);
          else if (!idx.valid()) { e = "cannot index slice/array with nil"; return TV{}; }
          else { e = "cannot index slice/array with type " + idx.type_name(true); return TV{}; }
          const int64_t len = item.k == TV::String ? static_cast<int64_t>(item.s.size()) : static_cast<int64_t>(item.ref->size());
          if (x < 0 || x >= len) { e = "index out of range: " + std::to_string(x); return TV{}; }
          if (item.k == TV::String) { TV b; b.k = TV::Int; b.i = static_cast<unsigned char>(item.s[static_cast<size_t>(x)]); item = b; }
          else item = TV::of((*item.ref)[static_cast<size_t>(x)], true);
        } else if (item.k == TV::Map) {
          if (idx.k != TV::String) {
            if (!idx.valid()) { TV z; z.k = TV::Nil; z.iface = true; item = z; continue; }
            e = "value has type " + idx.type_name(true) + "; should be string";
            return TV{};
          }
          auto it = item.ref->find(idx.s);
          if (it == item.ref->end()) { TV z; z.k = TV::Nil; z.iface = true; item = z; }
          else item = TV::of(*it, true);
        } else if (item.k == TV::Nil) {
          e = "index of nil pointer";
          return TV{};
        } else {
          e = "can't index item of type " + item.type_name(true);
          return TV{};
        }
        if (k + 1 < args.size()) item = indirect(item);
      }
      return item;
    }
    if (name == "slice") {
      TV item = indirect(args[0]);
      if (!item.valid()) { e = "slice of untyped nil"; return TV{}; }
      const int64_t cap = item.k == TV::String ? static_cast<int64_t>(item.s.size()) : item.k == TV::Slice ? static_cast<int64_t>(item.ref->size()) : -1;
      if (cap < 0) { e = "can't slice item of type " + item.type_name(true); return TV{}; }
      if (args.size() > 4) { e = "too many slice indexes: " + std::to_string(args.size() - 1); return TV{}; }
      int64_t idx[3] = {0, cap, cap};
      for (size_t k = 1; k < args.size(); ++k) {
        const TV a = indirect(args[k]);
        if (a.k != TV::Int && a.k != TV::Int64) { e = "cannot index slice/array with type " + a.type_name(true); return TV{}; }
        if (a.i < 0 || a.i > cap) { e = "index out of range: " + std::to_string(a.i); return TV{}; }
        idx[k - 1] = a.i;
      }
      if (idx[0] > idx[1]) { e = "invalid slice index: " + std::to_string(idx[0]) + " > " + std::to_string(idx[1]); return TV{}; }
      if (item.k == TV::String) return TV::str(item.s.substr(static_cast<size_t>(idx[0]), static_cast<size_t>(idx[1] - idx[0])));
      json out = json::array();
      for (int64_t k = idx[0]; k < idx[1]; ++k) out.push_back((*item.ref)[static_cast<size_t>(k)]);
      return TV::owned(std::move(out));
    }
    if (name == "print") return TV::str(sprint_tv(args));
    if (name == "println") return TV::str(sprintln_tv(args));
    if (name == "printf") {
      std::string fmt;
      if (!want_string(indirect(args[0]).k == TV::String ? indirect(args[0]) : args[0], fmt)) return TV{};
      std::vector<TV> rest;
      for (size_t k = 1; k < args.size(); ++k) rest.push_back(unwrap_iface(args[k]));
      return TV::str(sprintf_tv(fmt, rest));
    }
    if (name == "eq") {
      if (args.size() < 2) { e = "missing argument for comparison"; return TV{}; }
      for (size_t k = 1; k < args.size(); ++k) {
        const bool t = eq2(args[0], args[k], e);
        if (!e.empty()) return TV{};
        if (t) return TV::boolean(true);
      }
      return TV::boolean(false);
    }
    if (name == "ne") { const bool t = eq2(args[0], args[1], e); return e.empty() ? TV::boolean(!t) : TV{}; }
    if (name == "lt") { const bool t = lt2(args[0], args[1], e); return e.empty() ? TV::boolean(t) : TV{}; }
    if (name == "le") {
      const bool l = lt2(args[0], args[1], e);
      if (!e.empty()) return TV{};
      if (l) return TV::boolean(true);
      return TV::boolean(eq2(args[0], args[1], e));
    }
    if (name == "gt") {
      const bool l = lt2(args[0], args[1], e);
      if (!e.empty()) return TV{};
      if (l) return TV::boolean(false);
      const bool q = eq2(args[0], args[1], e);
      return e.empty() ? TV::boolean(!q) : TV{};
    }
    if (name == "ge") { const bool l = lt2(args[0], args[1], e); return e.empty() ? TV::boolean(!l) : TV{}; }
    if (name == "html" || name == "js" || name == "urlquery") {
      std::string s;
      if (args.size() == 1 && indirect(args[0]).k == TV::String) s = indirect(args[0]).s;
      else { std::vector<TV> u; for (auto& a : args) u.push_back(unwrap_iface(a)); s = sprint_tv(u); }
      std::string out;
      for (unsigned char c : s) {
        if (name == "html") {
          switch (c) {
            case '"': out += "&#34;"; break;
            case '\'': out += "&#39;"; break;
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case 0: out += "\xEF\xBF\xBD"; break;
            default: out += static_cast<char>(c);
          }
        } else if (name == "js") {
          switch (c) {
            case '\\': out += "\\\\"; break;
            case '\'': out += "\\'"; break;
            case '"': out += "\\\""; break;
            case '<': out += "\\u003C"; break;
            case '>': out += "\\u003E"; break;
            case '&': out += "\\u0026"; break;
            case '=': out += "\\u003D"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
              if (c < 0x20) { char buf[8]; std::snprintf(buf, sizeof buf, "\\u%04X", c); out += buf; }
              else out += static_cast<char>(c);
          }
        } else {
          if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
          else if (c == ' ') out += '+';
          else { char buf[4]; std::snprintf(buf, sizeof buf, "%%%02X", c); out += buf; }
        }
      }
      return TV::str(out);
    }
    if (name == "base64decode") {
      std::string s;
      if (!want_string(args[0], s)) return TV{};
      std::string out, err;
      if (!b64decode(s, out, err)) { e = "base64 decode failed: " + err; return TV{}; }
      return TV::str(out);
    }
    if (name == "exists") {
      TV item = indirect(args[0]);
      for (size_t k = 1; k < args.size(); ++k) {
        if (!item.valid() || item.k == TV::Nil) return TV::boolean(false);
        const TV idx = indirect(args[k]);
        if (item.k == TV::Slice || item.k == TV::String) {
          if (idx.k != TV::Int && idx.k != TV::Int64) return TV::boolean(false);
          const int64_t len = item.k == TV::String ? static_cast<int64_t>(item.s.size()) : static_cast<int64_t>(item.ref->size());
          if (idx.i < 0 || idx.i >= len) return TV::boolean(false);
          item = item.k == TV::String ? TV::integer(static_cast<unsigned char>(item.s[static_cast<size_t>(idx.i)])) : indirect(TV::of((*item.ref)[static_cast<size_t>(idx.i)], true));
        } else if (item.k == TV::Map) {
          if (idx.k != TV::String) return TV::boolean(false);
          auto it = item.ref->find(idx.s);
          if (it == item.ref->end()) { TV z; item = z; }
          else item = indirect(TV::of(*it, true));
        } else {
          return TV::boolean(false);
        }
      }
      return TV::boolean(item.valid() && item.k != TV::Nil);
    }
    // sprig
    auto s0 = [&](size_t k) { const TV a = indirect(args[k]); return a.k == TV::String ? a.s : strval(a); };
    if (name == "upper") { std::string s = s0(0); for (auto& c : s) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32); return TV::str(s); }
    if (name == "lower") { std::string s = s0(0); for (auto& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32); return TV::str(s); }
    if (name == "title") {
      std::string s = s0(0);
      bool start = true;
      for (auto& c : s) { if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 32); start = c == ' ' || c == '\t' || c == '\n'; }
      return TV::str(s);
    }
    if (name == "trim") { std::string s = s0(0); size_t b = s.find_first_not_of(" \t\r\n\v\f"), en = s.find_last_not_of(" \t\r\n\v\f"); return TV::str(b == std::string::npos ? "" : s.substr(b, en - b + 1)); }
    if (name == "nospace") { std::string s, in = s0(0); for (char c : in) if (c != ' ' && c != '\t' && c != '\n' && c != '\r') s += c; return TV::str(s); }
    if (name == "trimPrefix") { std::string p = s0(0), s = s0(1); return TV::str(s.rfind(p, 0) == 0 ? s.substr(p.size()) : s); }
    if (name == "trimSuffix") { std::string p = s0(0), s = s0(1); return TV::str(s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0 ? s.substr(0, s.size() - p.size()) : s); }
    if (name == "replace") {
      std::string from = s0(0), to = s0(1), s = s0(2), out;
      if (from.empty()) return TV::str(s);
      size_t p = 0;
      for (;;) { size_t q = s.find(from, p); if (q == std::string::npos) { out += s.substr(p); break; } out += s.substr(p, q - p) + to; p = q + from.size(); }
      return TV::str(out);
    }
    if (name == "contains") return TV::boolean(s0(1).find(s0(0)) != std::string::npos);
    if (name == "hasPrefix") return TV::boolean(s0(1).rfind(s0(0), 0) == 0);
    if (name == "hasSuffix") { std::string p = s0(0), s = s0(1); return TV::boolean(s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0); }
    if (name == "quote" || name == "squote") {
      std::string out;
      for (size_t k = 0; k < args.size(); ++k) {
        const TV a = indirect(args[k]);
        if (!a.valid()) continue;
        if (!out.empty()) out += ' ';
        out += name == "quote" ? api::go_quote(strval(a)) : "'" + strval(a) + "'";
      }
      return TV::str(out);
    }
    auto empty_of = [](const TV& v0) { const TV v = indirect(v0); return !truth_of(v); };
    if (name == "empty") return TV::boolean(empty_of(args[0]));
    if (name == "default") {
      if (args.size() < 2 || empty_of(args[1])) return unwrap_iface(args[0]);
      return unwrap_iface(args[1]);
    }
    if (name == "coalesce") { for (auto& a : args) if (!empty_of(a)) return unwrap_iface(a); return TV{}; }
    if (name == "ternary") return truth_of(indirect(args[2])) ? unwrap_iface(args[0]) : unwrap_iface(args[1]);
    if (name == "toJson" || name == "toRawJson") { const TV a = indirect(args[0]); return TV::str(a.valid() ? api::go_json_marshal(a.to_json()) : "null"); }
    if (name == "toPrettyJson") { const TV a = indirect(args[0]); return TV::str(a.valid() ? api::go_json_indent(a.to_json(), "  ") : "null"); }
    if (name == "b64enc") return TV::str(b64encode(s0(0)));
    if (name == "b64dec") { std::string out, err; if (!b64decode(s0(0), out, err)) return TV::str(err); return TV::str(out); }
    if (name == "add") { int64_t t = 0; for (auto& a : args) t += toint(indirect(a)); TV v; v.k = TV::Int64; v.i = t; return v; }
    if (name == "add1") { TV v; v.k = TV::Int64; v.i = toint(indirect(args[0])) + 1; return v; }
    if (name == "sub") { TV v; v.k = TV::Int64; v.i = toint(indirect(args[0])) - toint(indirect(args[1])); return v; }
    if (name == "mul") { int64_t t = 1; for (auto& a : args) t *= toint(indirect(a)); TV v; v.k = TV::Int64; v.i = t; return v; }
    if (name == "div" || name == "mod") {
      const int64_t b = toint(indirect(args[1]));
      if (b == 0) { e = "runtime error: integer divide by zero"; return TV{}; }
      TV v; v.k = TV::Int64; v.i = name == "div" ? toint(indirect(args[0])) / b : toint(indirect(args[0])) % b; return v;
    }
    if (name == "max" || name == "min") {
      int64_t t = toint(indirect(args[0]));
      for (size_t k = 1; k < args.size(); ++k) { const int64_t x = toint(indirect(args[k])); t = name == "max" ? std::max(t, x) : std::min(t, x); }
      TV v; v.k = TV::Int64; v.i = t; return v;
    }
    if (name == "int") return TV::integer(toint(indirect(args[0])));
    if (name == "int64") { TV v; v.k = TV::Int64; v.i = toint(indirect(args[0])); return v; }
    if (name == "toString") return TV::str(strval(indirect(args[0])));
    if (name == "repeat") { std::string out; const int64_t n = toint(indirect(args[0])); const std::string s = s0(1); for (int64_t k = 0; k < n && out.size() < 1000000; ++k) out += s; return TV::str(out); }
    if (name == "trunc") { const int64_t n = toint(indirect(args[0])); const std::string s = s0(1); if (n >= 0) return TV::str(s.substr(0, std::min<size_t>(static_cast<size_t>(n), s.size()))); const size_t m = static_cast<size_t>(-n); return TV::str(s.size() > m ? s.substr(s.size() - m) : s); }
    if (name == "cat") { std::vector<TV> u; for (auto& a : args) { TV x = indirect(a); if (x.valid()) u.push_back(x); } std::string out; for (size_t k = 0; k < u.size(); ++k) { if (k) out += ' '; out += strval(u[k]); } return TV::str(out); }
    if (name == "join") {
      const std::string sep = s0(0);
      const TV l = indirect(args[1]);
      if (l.k == TV::Slice) {
        std::string out;
        for (size_t k = 0; k < l.ref->size(); ++k) { if (k) out += sep; out += strval(TV::of((*l.ref)[k], false)); }
        return TV::str(out);
      }
      return TV::str(strval(l));
    }
    if (name == "splitList") {
      const std::string sep = s0(0), s = s0(1);
      json out = json::array();
      if (sep.empty()) { for (char c : s) out.push_back(std::string(1, c)); }
      else { size_t p = 0; for (;;) { size_t q = s.find(sep, p); if (q == std::string::npos) { out.push_back(s.substr(p)); break; } out.push_back(s.substr(p, q - p)); p = q + sep.size(); } }
      return TV::owned(std::move(out));
    }
    if (name == "indent" || name == "nindent") {
      const int64_t n = toint(indirect(args[0]));
      const std::string padding(static_cast<size_t>(std::max<int64_t>(0, std::min<int64_t>(n, 1000))), ' ');
      std::string s = s0(1), out = padding;
      for (char c : s) { out += c; if (c == '\n') out += padding; }
      return TV::str(name == "nindent" ? "\n" + out : out);
    }
    if (name == "first" || name == "last") {
      const TV l = indirect(args[0]);
      if (l.k != TV::Slice) { e = "Cannot find " + name + " on type " + l.type_name(true); return TV{}; }
      if (l.ref->empty()) return TV{};
      return unwrap_iface(TV::of(name == "first" ? l.ref->front() : l.ref->back(), true));
    }
    if (name == "keys") {
      json out = json::array();
      for (auto& a : args) { const TV m = indirect(a); if (m.k == TV::Map) for (auto it = m.ref->begin(); it != m.ref->end(); ++it) out.push_back(it.key()); }
      return TV::owned(std::move(out));
    }
    if (name == "hasKey") { const TV m = indirect(args[0]); return TV::boolean(m.k == TV::Map && m.ref->contains(s0(1))); }
    if (name == "typeOf") { const TV a = indirect(args[0]); return TV::str(a.valid() ? a.type_name(true) : "<nil>"); }
    if (name == "kindOf") {
      const TV a = indirect(args[0]);
      switch (a.k) {
        case TV::Map: return TV::str("map");
        case TV::Slice: return TV::str("slice");
        case TV::Int: return TV::str("int");
        case TV::Int64: return TV::str("int64");
        case TV::Float: return TV::str("float64");
        case TV::String: return TV::str("string");
        case TV::Bool: return TV::str("bool");
        default: return TV::str("invalid");
      }
    }
    e = "function not available in kubesim";
    return TV{};
  }
};

}  // namespace

// [SECTION] public API ----------------------------------------------------------------------------------------
GoTemplate::GoTemplate() = default;
GoTemplate::~GoTemplate() = default;
GoTemplate::GoTemplate(GoTemplate&&) noexcept = default;
GoTemplate& GoTemplate::operator=(GoTemplate&&) noexcept = default;

bool GoTemplate::parse(const std::string& text, std::string& err, const std::string& name) {
  name_ = name;
  text_ = text;
  TParser p(name, text);
  root_ = p.parse(err);
  return root_ != nullptr;
}

bool GoTemplate::execute(const json& data, std::string& out, std::string& err) const {
  if (!root_) { err = "template: " + name_ + ": \"" + name_ + "\" is an incomplete or empty template"; return false; }
  Exec ex(name_, text_, allow_missing_keys_, out);
  return ex.run(root_.get(), data, err);
}

bool print_go_template(const std::string& tmpl, const json& obj, bool allow_missing_keys, std::string& out,
                       std::string& err) {
  if (tmpl.empty()) { err = "template format specified but no template given"; return false; }
  GoTemplate t;
  std::string perr;
  if (!t.parse(tmpl, perr)) {
    err = "error parsing template " + tmpl + ", " + perr;
    return false;
  }
  t.set_allow_missing_keys(allow_missing_keys);
  std::string eerr;
  if (!t.execute(obj, out, eerr)) {
    out += "Error executing template: " + eerr + ". Printing more information for debugging the template:\n";
    out += "\ttemplate was:\n\t\t" + tmpl + "\n";
    out += "\traw data was:\n\t\t" + api::go_json_marshal(obj) + "\n";
    out += "\tobject given to template engine was:\n\t\t" + api::go_sprint(obj) + "\n\n";
    err = "error executing template " + api::go_quote(tmpl) + ": " + eerr;
    return false;
  }
  return true;
}

std::string go_sprintf(const std::string& format, const std::vector<json>& args) {
  std::vector<TV> tv;
  std::vector<std::shared_ptr<json>> keep;
  for (auto& a : args) {
    keep.push_back(std::make_shared<json>(a));
    TV v = TV::of(*keep.back(), false);
    tv.push_back(v);
  }
  return sprintf_tv(format, tv);
}

}  // namespace kubesim::kubectl
