// kubesim — kubectl JSONPath (see jsonpath.h). The parser and the evaluator follow client-go's
// util/jsonpath (parser.go, jsonpath.go) step by step so that odd templates behave the same.
#include "kubectl/jsonpath.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>

#include "api/json.h"

namespace kubesim::kubectl {

using nlohmann::json;

// [SECTION] syntax tree ---------------------------------------------------------------------------------
namespace jsonpath_detail {

enum class NodeType { List, Text, Field, Array, Filter, Int, Float, Bool, Wildcard, Recursive, Union, Identifier };

struct Param {
  int64_t value = 0;
  bool known = false;
  bool derived = false;
};

struct Node {
  NodeType type = NodeType::List;
  std::string text;  // Text, Field, Identifier; Filter: operator
  int64_t int_value = 0;
  double float_value = 0;
  bool bool_value = false;
  Param params[3];
  std::vector<std::unique_ptr<Node>> nodes;  // List children; Union: lists; Filter: [left, right]
};

std::unique_ptr<Node> make(NodeType t) { auto n = std::make_unique<Node>(); n->type = t; return n; }

}  // namespace jsonpath_detail

using jsonpath_detail::Node;
using jsonpath_detail::NodeType;
using jsonpath_detail::make;

// [SECTION] parser (client-go parser.go) -----------------------------------------------------------------
namespace {

constexpr int32_t kEof = -1;

class Parser {
 public:
  std::unique_ptr<Node> root;

  bool parse(const std::string& text, std::string& err) {
    input_ = text;
    root = make(NodeType::List);
    pos_ = start_ = 0;
    width_ = 0;
    depth_ = 0;
    if (!parse_text(root.get())) { err = err_; root.reset(); return false; }
    return true;
  }

 private:
  std::string input_;
  size_t pos_ = 0, start_ = 0, width_ = 0;
  std::string err_;
  int depth_ = 0;

  bool fail(std::string e) { if (err_.empty()) err_ = std::move(e); return false; }

  int32_t next() {
    if (pos_ >= input_.size()) { width_ = 0; return kEof; }
    const unsigned char b = static_cast<unsigned char>(input_[pos_]);
    size_t w = 1;
    int32_t r = b;
    if (b >= 0xC0 && b < 0xE0 && pos_ + 1 < input_.size()) { w = 2; r = ((b & 0x1F) << 6) | (input_[pos_ + 1] & 0x3F); }
    else if (b >= 0xE0 && b < 0xF0 && pos_ + 2 < input_.size()) { w = 3; r = ((b & 0x0F) << 12) | ((input_[pos_ + 1] & 0x3F) << 6) | (input_[pos_ + 2] & 0x3F); }
    else if (b >= 0xF0 && pos_ + 3 < input_.size()) { w = 4; r = ((b & 0x07) << 18) | ((input_[pos_ + 1] & 0x3F) << 12) | ((input_[pos_ + 2] & 0x3F) << 6) | (input_[pos_ + 3] & 0x3F); }
    else if (b >= 0x80) { r = 0xFFFD; }
    width_ = w;
    pos_ += w;
    return r;
  }
  int32_t peek() { const int32_t r = next(); backup(); return r; }
  void backup() { pos_ -= width_; }
  std::string consume_text() { std::string v = input_.substr(start_, pos_ - start_); start_ = pos_; return v; }
  bool has_prefix(const char* p) const { return pos_ <= input_.size() && input_.compare(pos_, std::strlen(p), p) == 0; }

  static bool is_space(int32_t r) { return r == ' ' || r == '\t'; }
  static bool is_eol(int32_t r) { return r == '\r' || r == '\n'; }
  static bool is_alnum(int32_t r) {
    return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r >= 0xAA;
  }
  static bool is_digit(int32_t r) { return r >= '0' && r <= '9'; }
  static bool is_terminator(int32_t r) {
    if (is_space(r) || is_eol(r)) return true;
    switch (r) {
      case kEof: case '.': case ',': case '[': case ']': case '$': case '@': case '{': case '}': return true;
      default: return false;
    }
  }

  bool parse_text(Node* cur) {
    for (;;) {
      if (has_prefix("{")) {
        if (pos_ > start_) { auto t = make(NodeType::Text); t->text = consume_text(); cur->nodes.push_back(std::move(t)); }
        return parse_left_delim(cur);
      }
      if (next() == kEof) break;
    }
    if (pos_ > start_) { auto t = make(NodeType::Text); t->text = consume_text(); cur->nodes.push_back(std::move(t)); }
    return true;
  }

  bool parse_left_delim(Node* cur) {
    pos_ += 1;
    consume_text();
    auto list = make(NodeType::List);
    Node* l = list.get();
    cur->nodes.push_back(std::move(list));
    return parse_inside_action(l);
  }

  bool parse_inside_action(Node* cur) {
    if (++depth_ > 10000) return fail("template too deeply nested");
    if (has_prefix("}")) return parse_right_delim();
    if (has_prefix("[?(")) return parse_filter(cur);
    if (has_prefix("..")) return parse_recursive(cur);
    const int32_t r = next();
    if (r == kEof || is_eol(r)) return fail("unclosed action");
    if (r == ' ') { consume_text(); return parse_inside_action(cur); }
    if (r == '@' || r == '$') { consume_text(); return parse_inside_action(cur); }
    if (r == '[') return parse_array(cur);
    if (r == '"' || r == '\'') return parse_quote(cur, r);
    if (r == '.') return parse_field(cur);
    if (r == '+' || r == '-' || is_digit(r)) { backup(); return parse_number(cur); }
    if (is_alnum(r)) { backup(); return parse_identifier(cur); }
    char buf[48];
    if (r >= 0x20 && r != 0x7F) {
      std::string ch = input_.substr(pos_ - width_, width_);
      std::snprintf(buf, sizeof buf, "U+%04X '", static_cast<unsigned>(r));
      return fail(std::string("unrecognized character in action: ") + buf + ch + "'");
    }
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(r));
    return fail(std::string("unrecognized character in action: ") + buf);
  }

  bool parse_right_delim() {
    pos_ += 1;
    consume_text();
    return parse_text(root.get());
  }

  bool parse_identifier(Node* cur) {
    for (;;) {
      const int32_t r = next();
      if (is_terminator(r)) { backup(); break; }
    }
    const std::string value = consume_text();
    if (value == "true" || value == "false") {
      auto b = make(NodeType::Bool);
      b->bool_value = value == "true";
      cur->nodes.push_back(std::move(b));
    } else {
      auto id = make(NodeType::Identifier);
      id->text = value;
      cur->nodes.push_back(std::move(id));
    }
    return parse_inside_action(cur);
  }

  bool parse_recursive(Node* cur) {
    if (!cur->nodes.empty() && cur->nodes.back()->type == NodeType::Recursive)
      return fail("invalid multiple recursive descent");
    pos_ += 2;
    consume_text();
    cur->nodes.push_back(make(NodeType::Recursive));
    if (is_alnum(peek())) return parse_field(cur);
    return parse_inside_action(cur);
  }

  static bool atoi_go(const std::string& s, int64_t& out) {
    if (s.empty()) return false;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') { neg = s[0] == '-'; i = 1; }
    if (i >= s.size()) return false;
    int64_t v = 0;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      if (v > (INT64_MAX - (s[i] - '0')) / 10) return false;
      v = v * 10 + (s[i] - '0');
    }
    out = neg ? -v : v;
    return true;
  }

  bool parse_number(Node* cur) {
    int32_t r = peek();
    if (r == '+' || r == '-') next();
    for (;;) {
      r = next();
      if (r != '.' && !is_digit(r)) { backup(); break; }
    }
    const std::string value = consume_text();
    int64_t i = 0;
    if (atoi_go(value, i)) {
      auto n = make(NodeType::Int);
      n->int_value = i;
      cur->nodes.push_back(std::move(n));
      return parse_inside_action(cur);
    }
    // ParseFloat: digits with at most one '.', at least one digit
    size_t digits = 0, dots = 0;
    for (size_t k = (value.size() && (value[0] == '+' || value[0] == '-')) ? 1 : 0; k < value.size(); ++k) {
      if (value[k] == '.') ++dots; else ++digits;
    }
    if (digits > 0 && dots <= 1) {
      auto n = make(NodeType::Float);
      n->float_value = std::strtod(value.c_str(), nullptr);
      cur->nodes.push_back(std::move(n));
      return parse_inside_action(cur);
    }
    return fail("cannot parse number " + value);
  }

  // parseArray, including unions "[a,b]", dict keys "['k']" and slices "[a:b:c]".
  bool parse_array(Node* cur) {
    for (;;) {
      const int32_t r = next();
      if (r == kEof || r == '\n') return fail("unterminated array");
      if (r == ']') break;
    }
    std::string text = consume_text();
    text = text.substr(1, text.size() - 2);
    if (text == "*") text = ":";
    // union
    std::vector<std::string> parts;
    {
      size_t st = 0;
      for (size_t k = 0; k <= text.size(); ++k)
        if (k == text.size() || text[k] == ',') { parts.push_back(text.substr(st, k - st)); st = k + 1; }
    }
    if (parts.size() > 1) {
      auto u = make(NodeType::Union);
      for (auto& p : parts) {
        size_t b = p.find_first_not_of(' '), e = p.find_last_not_of(' ');
        std::string trimmed = b == std::string::npos ? "" : p.substr(b, e - b + 1);
        std::unique_ptr<Node> sub;
        if (!parse_action("[" + trimmed + "]", sub)) return false;
        u->nodes.push_back(std::move(sub));
      }
      cur->nodes.push_back(std::move(u));
      return parse_inside_action(cur);
    }
    // dict key: ^'([^']*)'$
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'' &&
        text.find('\'', 1) == text.size() - 1) {
      std::unique_ptr<Node> sub;
      if (!parse_action("." + text.substr(1, text.size() - 2), sub)) return false;
      for (auto& n : sub->nodes) cur->nodes.push_back(std::move(n));
      return parse_inside_action(cur);
    }
    // slice: ^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$
    std::string groups[3];
    {
      size_t k = 0;
      auto take_num = [&](std::string& g) {
        size_t st = k;
        if (k < text.size() && text[k] == '-') ++k;
        while (k < text.size() && text[k] >= '0' && text[k] <= '9') ++k;
        g += text.substr(st, k - st);
      };
      take_num(groups[0]);
      for (int gi = 1; gi < 3 && k < text.size() && text[k] == ':'; ++gi) {
        groups[gi] = ":";
        ++k;
        take_num(groups[gi]);
      }
      if (k != text.size()) return fail("invalid array index " + text);
    }
    auto arr = make(NodeType::Array);
    for (int i = 0; i < 3; ++i) {
      std::string v = groups[i];
      if (!v.empty()) {
        if (i > 0) v = v.substr(1);
        if (i > 0 && v.empty()) {
          arr->params[i].known = false;
        } else {
          int64_t n = 0;
          if (!atoi_go(v, n)) return fail("array index " + v + " is not a number");
          arr->params[i].known = true;
          arr->params[i].value = n;
        }
      } else if (i == 1) {
        arr->params[1].known = true;
        arr->params[1].value = arr->params[0].value + 1;
        arr->params[1].derived = true;
      } else {
        arr->params[i].known = false;
        arr->params[i].value = 0;
      }
    }
    cur->nodes.push_back(std::move(arr));
    return parse_inside_action(cur);
  }

  bool parse_filter(Node* cur) {
    pos_ += 3;
    consume_text();
    bool begin = false, end = false;
    int32_t pair = 0;
    for (;;) {
      const int32_t r = next();
      if (r == kEof || r == '\n') return fail("unterminated filter");
      if (r == '"' || r == '\'') {
        if (!begin) { begin = true; pair = r; continue; }
        if (input_[pos_ - 2] != '\\' && r == pair) end = true;
      } else if (r == ')') {
        if (begin == end) break;
      }
    }
    if (next() != ']') return fail("unclosed array expect ]");
    std::string text = consume_text();
    text = text.substr(0, text.size() - 2);
    // ^([^!<>=]+)([!<>=]+)(.+?)$
    auto is_op = [](char c) { return c == '!' || c == '<' || c == '>' || c == '='; };
    size_t a = 0;
    while (a < text.size() && !is_op(text[a])) ++a;
    size_t b = a;
    while (b < text.size() && is_op(text[b])) ++b;
    if (b == text.size() && b > a + 1) --b;  // leave at least one character for the right side
    const bool match = a > 0 && b > a && b < text.size();
    auto f = make(NodeType::Filter);
    if (!match) {
      std::unique_ptr<Node> left;
      if (!parse_action(text, left)) return false;
      f->nodes.push_back(std::move(left));
      f->nodes.push_back(make(NodeType::List));
      f->text = "exists";
    } else {
      std::unique_ptr<Node> left, right;
      if (!parse_action(text.substr(0, a), left)) return false;
      if (!parse_action(text.substr(b), right)) return false;
      f->nodes.push_back(std::move(left));
      f->nodes.push_back(std::move(right));
      f->text = text.substr(a, b - a);
    }
    cur->nodes.push_back(std::move(f));
    return parse_inside_action(cur);
  }

  // parseAction: parse "{text}" with a fresh parser and take the action's list.
  bool parse_action(const std::string& text, std::unique_ptr<Node>& out) {
    Parser sub;
    std::string e;
    if (!sub.parse("{" + text + "}", e)) return fail(e);
    if (sub.root->nodes.empty() || sub.root->nodes[0]->type != NodeType::List) {
      out = make(NodeType::List);
      return true;
    }
    out = std::move(sub.root->nodes[0]);
    return true;
  }

  static bool unquote_extend(const std::string& s, std::string& out) {
    if (s.size() < 2 || s.front() != s.back() || (s.front() != '"' && s.front() != '\'')) return false;
    const char quote = s.front();
    const std::string body = s.substr(1, s.size() - 2);
    out.clear();
    for (size_t i = 0; i < body.size();) {
      const char c = body[i];
      if (c == quote) return false;
      if (c != '\\') { out += c; ++i; continue; }
      if (i + 1 >= body.size()) return false;
      const char e = body[i + 1];
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
        case '\'': case '"': if (e != quote) return false; out += e; break;
        case 'x': case 'u': case 'U': {
          const size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + n > body.size()) return false;
          uint32_t v = 0;
          for (size_t k = 0; k < n; ++k) {
            const char h = body[i + k];
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
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
          if (i + 1 >= body.size() + 0 && i + 2 > body.size()) return false;
          uint32_t v = static_cast<uint32_t>(e - '0');
          for (int k = 0; k < 2; ++k) {
            if (i >= body.size() || body[i] < '0' || body[i] > '7') return false;
            v = v * 8 + static_cast<uint32_t>(body[i] - '0');
            ++i;
          }
          if (v > 255) return false;
          out += static_cast<char>(v);
          break;
        }
        default: return false;
      }
    }
    return true;
  }

  bool parse_quote(Node* cur, int32_t end) {
    for (;;) {
      const int32_t r = next();
      if (r == kEof || r == '\n') return fail("unterminated quoted string");
      if (r == end && input_[pos_ - 2] != '\\') break;
    }
    const std::string value = consume_text();
    std::string s;
    if (!unquote_extend(value, s)) return fail("unquote string " + value + " error invalid syntax");
    auto t = make(NodeType::Text);
    t->text = s;
    cur->nodes.push_back(std::move(t));
    return parse_inside_action(cur);
  }

  bool parse_field(Node* cur) {
    consume_text();
    while (advance()) {
    }
    std::string value = consume_text();
    if (value == "*") {
      cur->nodes.push_back(make(NodeType::Wildcard));
    } else {
      std::string unescaped;
      for (char c : value) if (c != '\\') unescaped += c;
      auto f = make(NodeType::Field);
      f->text = unescaped;
      cur->nodes.push_back(std::move(f));
    }
    return parse_inside_action(cur);
  }

  bool advance() {
    const int32_t r = next();
    if (r == '\\') { next(); return true; }
    if (is_terminator(r)) { backup(); return false; }
    return true;
  }
};

// [SECTION] evaluation (client-go jsonpath.go) -------------------------------------------------------------
// A value during evaluation: a pointer into the data, or a literal of the template.
enum class VKind { Data, Text, Int, Float, Bool };
struct Val {
  const json* p = nullptr;  // Data (p may point to a JSON null)
  VKind kind = VKind::Data;
};

class Exec {
 public:
  explicit Exec(bool allow_missing) : allow_missing_(allow_missing) {}

  bool find_results(const json* data, const std::vector<const Node*>& nodes, std::vector<std::vector<Val>>& full) {
    cur_ = {Val{data, VKind::Data}};
    for (size_t i = 0; i < nodes.size(); ++i) {
      std::vector<Val> results;
      if (!walk(cur_, nodes[i], results)) return false;
      if (end_range_ > 0 && end_range_ <= in_range_) { --end_range_; break; }
      if (begin_range_ > 0) {
        --begin_range_;
        ++in_range_;
        std::vector<const Node*> rest(nodes.begin() + static_cast<long>(i) + 1, nodes.end());
        for (size_t k = 0; k < results.size(); ++k) {
          if (k == results.size() - 1) --in_range_;
          const json* item = results[k].kind == VKind::Data ? results[k].p : literal_as_json(results[k]);
          std::vector<std::vector<Val>> next;
          if (!find_results(item, rest, next)) return false;
          for (auto& g : next) full.push_back(std::move(g));
        }
        break;
      }
      full.push_back(std::move(results));
    }
    return true;
  }

  std::string err;

  // Literal values live here (stable addresses).
  const json* store(json v) { literals_.push_back(std::move(v)); return &literals_.back(); }

 private:
  bool allow_missing_;
  std::vector<Val> cur_;
  std::vector<std::vector<Val>> stack_;
  int begin_range_ = 0, in_range_ = 0, end_range_ = 0;
  std::deque<json> literals_;
  int depth_ = 0;

  bool fail(std::string e) { if (err.empty()) err = std::move(e); return false; }

  const json* literal_as_json(const Val& v) { return v.p; }

  Val lit_text(const std::string& s) { return Val{store(s), VKind::Text}; }

  static bool is_nil(const Val& v) { return v.kind == VKind::Data && (!v.p || v.p->is_null()); }

  static std::string go_type_name(const Val& v) {
    switch (v.kind) {
      case VKind::Text: return "string";
      case VKind::Int: return "int";
      case VKind::Float: return "float64";
      case VKind::Bool: return "bool";
      default: break;
    }
    switch (v.p->type()) {
      case json::value_t::object: return "map[string]interface {}";
      case json::value_t::array: return "[]interface {}";
      case json::value_t::string: return "string";
      case json::value_t::boolean: return "bool";
      case json::value_t::number_integer: return "int64";
      case json::value_t::number_unsigned: return "uint64";
      case json::value_t::number_float: return "float64";
      default: return "<nil>";
    }
  }

  bool walk(const std::vector<Val>& input, const Node* node, std::vector<Val>& out) {
    out.clear();
    switch (node->type) {
      case NodeType::List: return eval_list(input, node, out);
      case NodeType::Text: out.push_back(lit_text(node->text)); return true;
      case NodeType::Field: return eval_field(input, node, out);
      case NodeType::Array: return eval_array(input, node, out);
      case NodeType::Filter: return eval_filter(input, node, out);
      case NodeType::Int: for (size_t i = 0; i < input.size(); ++i) out.push_back(Val{store(node->int_value), VKind::Int}); return true;
      case NodeType::Float: for (size_t i = 0; i < input.size(); ++i) out.push_back(Val{store(node->float_value), VKind::Float}); return true;
      case NodeType::Bool: for (size_t i = 0; i < input.size(); ++i) out.push_back(Val{store(node->bool_value), VKind::Bool}); return true;
      case NodeType::Wildcard: return eval_wildcard(input, out);
      case NodeType::Recursive: return eval_recursive(input, out);
      case NodeType::Union: {
        for (auto& list : node->nodes) {
          std::vector<Val> tmp;
          if (!eval_list(input, list.get(), tmp)) return false;
          out.insert(out.end(), tmp.begin(), tmp.end());
        }
        return true;
      }
      case NodeType::Identifier: return eval_identifier(input, node, out);
    }
    return fail("unexpected Node");
  }

  bool eval_list(const std::vector<Val>& input, const Node* node, std::vector<Val>& out) {
    std::vector<Val> cur = input;
    for (auto& n : node->nodes) {
      std::vector<Val> next;
      if (!walk(cur, n.get(), next)) return false;
      cur = std::move(next);
    }
    out = std::move(cur);
    return true;
  }

  bool eval_identifier(const std::vector<Val>& input, const Node* node, std::vector<Val>& out) {
    if (node->text == "range") {
      stack_.push_back(cur_);
      ++begin_range_;
      out = input;
      return true;
    }
    if (node->text == "end") {
      if (end_range_ < in_range_) { ++end_range_; return true; }
      if (!stack_.empty()) { cur_ = stack_.back(); stack_.pop_back(); return true; }
      return fail("not in range, nothing to end");
    }
    return fail("unrecognized identifier " + node->text);
  }

  bool eval_field(const std::vector<Val>& input, const Node* node, std::vector<Val>& out) {
    if (input.empty()) return true;
    for (const Val& v : input) {
      if (is_nil(v) || v.kind != VKind::Data) continue;
      if (v.p->is_object()) {
        auto it = v.p->find(node->text);
        if (it != v.p->end()) out.push_back(Val{&*it, VKind::Data});
      }
    }
    if (out.empty() && !allow_missing_) return fail(node->text + " is not found");
    return true;
  }

  bool eval_array(const std::vector<Val>& input, const Node* node, std::vector<Val>& out) {
    for (const Val& v : input) {
      if (is_nil(v)) continue;
      if (v.kind != VKind::Data || !v.p->is_array()) return fail(go_type_name(v) + " is not array or slice");
      const int64_t len = static_cast<int64_t>(v.p->size());
      jsonpath_detail::Param p[3] = {node->params[0], node->params[1], node->params[2]};
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value == 0 && p[1].derived)) p[1].value += len;
      if (p[1].value != p[0].value) {
        if (p[0].value >= len || p[0].value < 0)
          return fail("array index out of bounds: index " + std::to_string(p[0].value) + ", length " + std::to_string(len));
        if (p[1].value > len || p[1].value < 0)
          return fail("array index out of bounds: index " + std::to_string(p[1].value - 1) + ", length " + std::to_string(len));
        if (p[0].value > p[1].value)
          return fail("starting index " + std::to_string(p[0].value) + " is greater than ending index " + std::to_string(p[1].value));
      } else {
        return true;
      }
      int64_t step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) return fail("step must be > 0");
        step = p[2].value;
      }
      for (int64_t i = p[0].value; i < p[1].value; i += step) out.push_back(Val{&(*v.p)[static_cast<size_t>(i)], VKind::Data});
    }
    return true;
  }

  // Arrays in order, maps in sorted key order (nlohmann keeps keys sorted).
  static bool iterable(const Val& v) { return v.kind == VKind::Data && v.p && (v.p->is_array() || v.p->is_object()); }
  static void children(const Val& v, std::vector<Val>& out) {
    for (auto it = v.p->begin(); it != v.p->end(); ++it) out.push_back(Val{&*it, VKind::Data});
  }

  bool eval_wildcard(const std::vector<Val>& input, std::vector<Val>& out) {
    for (const Val& v : input) {
      if (is_nil(v)) continue;
      if (iterable(v)) children(v, out);
    }
    return true;
  }

  bool eval_recursive(const std::vector<Val>& input, std::vector<Val>& out) {
    if (++depth_ > 10000) { --depth_; return fail("too deep"); }
    for (const Val& v : input) {
      if (is_nil(v) || !iterable(v)) continue;
      std::vector<Val> kids;
      children(v, kids);
      if (!kids.empty()) {
        out.push_back(v);
        std::vector<Val> sub;
        if (!eval_recursive(kids, sub)) return false;
        out.insert(out.end(), sub.begin(), sub.end());
      }
    }
    --depth_;
    return true;
  }

  // template.basicKind over our values: 1 bool, 3 int, 4 float, 6 string, 7 uint; 0 invalid.
  static int basic_kind(const Val& v) {
    switch (v.kind) {
      case VKind::Text: return 6;
      case VKind::Int: return 4;  // a Go int literal is converted to float64 before comparing
      case VKind::Float: return 4;
      case VKind::Bool: return 1;
      default: break;
    }
    switch (v.p->type()) {
      case json::value_t::boolean: return 1;
      case json::value_t::number_integer: return 3;
      case json::value_t::number_unsigned: return 7;
      case json::value_t::number_float: return 4;
      case json::value_t::string: return 6;
      default: return 0;
    }
  }
  static double as_float(const Val& v) { return v.p->is_number() ? v.p->get<double>() : 0.0; }

  // Returns 1 true, 0 false, -1 "ignore" (incompatible or invalid types: silently false).
  static int compare(const std::string& op, const Val& l, const Val& r, std::string& e) {
    const int kl = basic_kind(l), kr = basic_kind(r);
    if (kl == 0 || kr == 0) return -1;
    auto equal = [&]() -> int {
      if (kl != kr) {
        if (kl == 3 && kr == 7) return l.p->get<int64_t>() >= 0 && static_cast<uint64_t>(l.p->get<int64_t>()) == r.p->get<uint64_t>();
        if (kl == 7 && kr == 3) return r.p->get<int64_t>() >= 0 && l.p->get<uint64_t>() == static_cast<uint64_t>(r.p->get<int64_t>());
        return -1;
      }
      switch (kl) {
        case 1: return l.p->get<bool>() == r.p->get<bool>();
        case 3: return l.p->get<int64_t>() == r.p->get<int64_t>();
        case 7: return l.p->get<uint64_t>() == r.p->get<uint64_t>();
        case 4: return as_float(l) == as_float(r);
        case 6: return l.p->get_ref<const std::string&>() == r.p->get_ref<const std::string&>();
      }
      return -1;
    };
    auto less = [&]() -> int {
      if (kl != kr) {
        if (kl == 3 && kr == 7) return l.p->get<int64_t>() < 0 || static_cast<uint64_t>(l.p->get<int64_t>()) < r.p->get<uint64_t>();
        if (kl == 7 && kr == 3) return r.p->get<int64_t>() >= 0 && l.p->get<uint64_t>() < static_cast<uint64_t>(r.p->get<int64_t>());
        return -1;
      }
      switch (kl) {
        case 1: return -1;  // "invalid type for comparison"
        case 3: return l.p->get<int64_t>() < r.p->get<int64_t>();
        case 7: return l.p->get<uint64_t>() < r.p->get<uint64_t>();
        case 4: return as_float(l) < as_float(r);
        case 6: return l.p->get_ref<const std::string&>() < r.p->get_ref<const std::string&>();
      }
      return -1;
    };
    if (op == "==") return equal();
    if (op == "!=") { const int e2 = equal(); return e2 < 0 ? -1 : !e2; }
    if (op == "<") return less();
    if (op == "<=") { const int lt = less(); if (lt != 0) return lt; return equal(); }
    if (op == ">") { const int lt = less(); if (lt < 0) return -1; if (lt) return 0; const int eq = equal(); return eq < 0 ? -1 : !eq; }
    if (op == ">=") { const int lt = less(); return lt < 0 ? -1 : !lt; }
    e = "unrecognized filter operator " + op;
    return -2;
  }

  bool eval_filter(const std::vector<Val>& input, const Node* node, std::vector<Val>& out) {
    for (const Val& v0 : input) {
      std::vector<Val> items;
      if (iterable(v0)) children(v0, items);
      else items.push_back(v0);
      for (const Val& item : items) {
        std::vector<Val> temp{item};
        std::vector<Val> lefts, rights;
        const std::string saved = err;
        if (!eval_list(temp, node->nodes[0].get(), lefts)) {
          if (!allow_missing_) return false;
          err = saved;
          lefts.clear();
        }
        if (!eval_list(temp, node->nodes[1].get(), rights)) return false;
        if (lefts.empty()) continue;
        if (lefts.size() > 1) return fail("can only compare one element at a time");
        if (node->text == "exists") { out.push_back(item); continue; }
        if (rights.empty()) continue;
        if (rights.size() > 1) return fail("can only compare one element at a time");
        std::string e;
        const int pass = compare(node->text, lefts[0], rights[0], e);
        if (pass == -2) return fail(e);
        if (pass == 1) out.push_back(item);
      }
    }
    return true;
  }
};

json to_json_value(const Val& v) { return v.p ? *v.p : json(nullptr); }

// Text of one value for Execute (PrintResults): maps/lists as compact JSON, the rest via fmt.Fprint.
std::string print_value(const json& v) {
  if (v.is_object() || v.is_array()) return api::go_json_marshal(v);
  return api::go_sprint(v);
}

}  // namespace

// [SECTION] public API ---------------------------------------------------------------------------------------
JsonPath::JsonPath() = default;
JsonPath::~JsonPath() = default;
JsonPath::JsonPath(JsonPath&&) noexcept = default;
JsonPath& JsonPath::operator=(JsonPath&&) noexcept = default;

bool JsonPath::parse(const std::string& text, std::string& err) {
  Parser p;
  if (!p.parse(text, err)) { root_.reset(); return false; }
  root_ = std::move(p.root);
  return true;
}

bool JsonPath::find_results(const json& data, std::vector<std::vector<json>>& groups, std::string& err) const {
  groups.clear();
  if (!root_) { err = "jsonpath is an incomplete jsonpath template"; return false; }
  Exec ex(allow_missing_keys_);
  std::vector<const Node*> nodes;
  for (auto& n : root_->nodes) nodes.push_back(n.get());
  std::vector<std::vector<Val>> full;
  if (!ex.find_results(&data, nodes, full)) { err = ex.err; return false; }
  for (auto& g : full) {
    std::vector<json> vs;
    vs.reserve(g.size());
    for (auto& v : g) vs.push_back(to_json_value(v));
    groups.push_back(std::move(vs));
  }
  return true;
}

bool JsonPath::execute(const json& data, std::string& out, std::string& err) const {
  if (!root_) { err = "jsonpath is an incomplete jsonpath template"; return false; }
  Exec ex(allow_missing_keys_);
  std::vector<const Node*> nodes;
  for (auto& n : root_->nodes) nodes.push_back(n.get());
  std::vector<std::vector<Val>> full;
  if (!ex.find_results(&data, nodes, full)) { err = ex.err; return false; }
  for (auto& g : full) {
    for (size_t i = 0; i < g.size(); ++i) {
      out += print_value(to_json_value(g[i]));
      if (i + 1 != g.size()) out += ' ';
    }
  }
  return true;
}

bool print_jsonpath(const std::string& tmpl, const json& obj, bool allow_missing_keys, std::string& out,
                    std::string& err) {
  if (tmpl.empty()) { err = "template format specified but no template given"; return false; }
  JsonPath jp;
  std::string perr;
  if (!jp.parse(tmpl, perr)) {
    err = "error parsing jsonpath " + tmpl + ", " + perr;
    return false;
  }
  jp.set_allow_missing_keys(allow_missing_keys);
  std::string eerr;
  std::string text;
  if (!jp.execute(obj, text, eerr)) {
    err = "error executing jsonpath " + api::go_quote(tmpl) + ": Error executing template: " + eerr +
          ". Printing more information for debugging the template:\n\ttemplate was:\n\t\t" + tmpl +
          "\n\tobject given to jsonpath engine was:\n\t\t" + api::go_sharp_v(obj) + "\n\n\n";
    return false;
  }
  out += text;
  return true;
}

bool relaxed_jsonpath_expression(const std::string& in, std::string& out, std::string& err) {
  if (in.empty()) { out = in; return true; }
  // ^\{\.?([^{}]+)\}$|^\.?([^{}]+)$
  auto no_braces = [](const std::string& s) { return !s.empty() && s.find_first_of("{}") == std::string::npos; };
  std::string spec;
  if (in.size() >= 2 && in.front() == '{' && in.back() == '}') {
    std::string inner = in.substr(1, in.size() - 2);
    if (!inner.empty() && inner[0] == '.' && no_braces(inner.substr(1))) spec = inner.substr(1);
    else if (no_braces(inner)) spec = inner;
  }
  if (spec.empty()) {
    if (!in.empty() && in[0] == '.' && no_braces(in.substr(1))) spec = in.substr(1);
    else if (no_braces(in)) spec = in;
  }
  if (spec.empty()) {
    err = "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
    return false;
  }
  out = "{." + spec + "}";
  return true;
}

std::string jsonpath_value_sprint(const json& v) { return api::go_sprint(v); }

}  // namespace kubesim::kubectl
