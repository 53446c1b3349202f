// kubesim — shell grammar: tokenizer and recursive-descent parser (bash's grammar, the parts a
// tutorial uses). Error texts are bash 5.2's (checked against a real interactive bash).
#include "shell/parse.h"

#include "shell/shell.h"

namespace kubesim::shell::parse {

// [SECTION] character classes
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool is_assignment(std::string_view w) {
  if (w.empty() || !is_name_start(w[0])) return false;
  for (size_t i = 1; i < w.size(); ++i) {
    if (w[i] == '=') return true;
    if (w[i] == '+' && i + 1 < w.size() && w[i + 1] == '=') return true;
    if (!is_name_char(w[i])) return false;
  }
  return false;
}

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
static bool is_meta(char c) { return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '<' || c == '>'; }

static Error incomplete(char missing) {
  Error e;
  e.kind = Error::Incomplete;
  e.message = std::string("bash: unexpected EOF while looking for matching `") + missing + "'";
  return e;
}
static Error too_deep() {
  Error e;
  e.kind = Error::TooDeep;
  e.message = "bash: nesting too deep (kubesim allows " + std::to_string(kMaxNestingDepth) + " levels)";
  return e;
}

// [SECTION] word scanning
bool skip_single_quoted(std::string_view s, size_t& i, Error& err) {
  size_t end = s.find('\'', i);
  if (end == std::string_view::npos) { err = incomplete('\''); i = s.size(); return false; }
  i = end + 1;
  return true;
}

bool skip_backquoted(std::string_view s, size_t& i, Error& err) {
  while (i < s.size()) {
    if (s[i] == '\\' && i + 1 < s.size()) { i += 2; continue; }
    if (s[i] == '`') { ++i; return true; }
    ++i;
  }
  err = incomplete('`');
  return false;
}

// After "$": handles $( … ), $(( … )), ${ … }; anything else is a plain character.
static bool skip_dollar(std::string_view s, size_t& i, int depth, Error& err) {
  // i points at '$'
  if (i + 1 < s.size() && s[i + 1] == '\'') {  // $'…' (ANSI-C quoting: backslash escapes inside)
    size_t j = i + 2;
    while (j < s.size() && s[j] != '\'') j += s[j] == '\\' ? 2 : 1;
    if (j >= s.size()) { err = incomplete('\''); i = s.size(); return false; }
    i = j + 1;
    return true;
  }
  if (i + 1 < s.size() && s[i + 1] == '(') {
    if (depth + 1 > kMaxNestingDepth) { err = too_deep(); return false; }
    i += 2;
    return skip_paren_body(s, i, depth + 1, err);
  }
  if (i + 1 < s.size() && s[i + 1] == '{') {
    if (depth + 1 > kMaxNestingDepth) { err = too_deep(); return false; }
    i += 2;
    return skip_brace_body(s, i, depth + 1, err);
  }
  ++i;
  return true;
}

bool skip_double_quoted(std::string_view s, size_t& i, int depth, Error& err) {
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\') { i += (i + 1 < s.size()) ? 2 : 1; continue; }
    if (c == '"') { ++i; return true; }
    if (c == '$') { if (!skip_dollar(s, i, depth, err)) return false; continue; }
    if (c == '`') { ++i; if (!skip_backquoted(s, i, err)) return false; continue; }
    ++i;
  }
  err = incomplete('"');
  return false;
}

bool skip_paren_body(std::string_view s, size_t& i, int depth, Error& err) {
  int level = 0;
  bool word_start = true;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\') { i += (i + 1 < s.size()) ? 2 : 1; word_start = false; continue; }
    if (c == '\'') { ++i; if (!skip_single_quoted(s, i, err)) return false; word_start = false; continue; }
    if (c == '"') { ++i; if (!skip_double_quoted(s, i, depth, err)) return false; word_start = false; continue; }
    if (c == '`') { ++i; if (!skip_backquoted(s, i, err)) return false; word_start = false; continue; }
    if (c == '$') { if (!skip_dollar(s, i, depth, err)) return false; word_start = false; continue; }
    if (c == '#' && word_start) {  // a comment inside $( … ) runs to the end of the line
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '(') {
      if (++level + depth > kMaxNestingDepth) { err = too_deep(); return false; }
      ++i; word_start = true; continue;
    }
    if (c == ')') {
      ++i;
      if (level == 0) return true;
      --level;
      word_start = false;
      continue;
    }
    word_start = is_blank(c) || c == '\n' || c == ';' || c == '&' || c == '|';
    ++i;
  }
  err = incomplete(')');
  return false;
}

bool skip_brace_body(std::string_view s, size_t& i, int depth, Error& err) {
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\') { i += (i + 1 < s.size()) ? 2 : 1; continue; }
    if (c == '\'') { ++i; if (!skip_single_quoted(s, i, err)) return false; continue; }
    if (c == '"') { ++i; if (!skip_double_quoted(s, i, depth, err)) return false; continue; }
    if (c == '`') { ++i; if (!skip_backquoted(s, i, err)) return false; continue; }
    if (c == '$') { if (!skip_dollar(s, i, depth, err)) return false; continue; }
    if (c == '}') { ++i; return true; }
    ++i;
  }
  err = incomplete('}');
  return false;
}

bool scan_word(std::string_view s, size_t& i, int depth, Error& err) {
  while (i < s.size()) {
    char c = s[i];
    if (is_blank(c) || c == '\n' || is_meta(c)) return true;
    if (c == '\\') { i += (i + 1 < s.size()) ? 2 : 1; continue; }
    if (c == '\'') { ++i; if (!skip_single_quoted(s, i, err)) return false; continue; }
    if (c == '"') { ++i; if (!skip_double_quoted(s, i, depth, err)) return false; continue; }
    if (c == '`') { ++i; if (!skip_backquoted(s, i, err)) return false; continue; }
    if (c == '$') { if (!skip_dollar(s, i, depth, err)) return false; continue; }
    ++i;
  }
  return true;
}

// [SECTION] tokens
namespace {

enum class Tok : uint8_t { Word, Newline, Semi, Amp, AndIf, OrIf, Pipe, PipeAmp, LParen, RParen, DSemi, Redir, End };

struct Token {
  Tok kind = Tok::End;
  std::string text;
  size_t begin = 0, end = 0;
  Redirect redir;
};

Error tokenize(std::string_view s, std::vector<Token>& out) {
  Error err;
  size_t i = 0;
  auto push = [&](Tok k, size_t b, size_t e) {
    Token t;
    t.kind = k;
    t.text = std::string(s.substr(b, e - b));
    t.begin = b;
    t.end = e;
    out.push_back(std::move(t));
  };
  auto read_target = [&](Redirect& r, size_t op_begin) -> bool {
    while (i < s.size() && is_blank(s[i])) ++i;
    if (i >= s.size() || s[i] == '\n' || is_meta(s[i])) {
      // `echo >` → the token after the operator is unexpected
      std::string tok = i >= s.size() || s[i] == '\n' ? "newline" : std::string(1, s[i]);
      if (i < s.size() && is_meta(s[i]) && i + 1 < s.size()) {
        char a = s[i], b = s[i + 1];
        if ((a == '&' && b == '&') || (a == '|' && b == '|') || (a == ';' && b == ';') || (a == '>' && b == '>') ||
            (a == '<' && b == '<') || (a == '>' && b == '&') || (a == '<' && b == '&') || (a == '&' && b == '>'))
          tok = std::string(s.substr(i, 2));
      }
      err.kind = Error::Syntax;
      err.message = "bash: syntax error near unexpected token `" + tok + "'";
      (void)op_begin;
      return false;
    }
    size_t b = i;
    if (!scan_word(s, i, 0, err)) return false;
    r.word = std::string(s.substr(b, i - b));
    return true;
  };

  while (i < s.size()) {
    char c = s[i];
    if (is_blank(c)) { ++i; continue; }
    if (c == '\\' && i + 1 < s.size() && s[i + 1] == '\n') { i += 2; continue; }  // line continuation
    if (c == '#') {  // comment (only at the start of a token)
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    if (c == '\n') { push(Tok::Newline, i, i + 1); ++i; continue; }
    size_t b = i;
    // redirections with an explicit fd: 2>…, 1>&2, 0<…
    size_t d = i;
    while (d < s.size() && s[d] >= '0' && s[d] <= '9') ++d;
    int fd = -1;
    if (d > i && d < s.size() && (s[d] == '<' || s[d] == '>') && d - i <= 2) {
      fd = 0;
      for (size_t k = i; k < d; ++k) fd = fd * 10 + (s[k] - '0');
      i = d;
      c = s[i];
    }
    if (c == '>' || c == '<' || (c == '&' && i + 1 < s.size() && s[i + 1] == '>' && fd < 0)) {
      Token t;
      t.kind = Tok::Redir;
      Redirect& r = t.redir;
      if (c == '&') {  // &> or &>>
        i += 2;
        r.fd = 1;
        r.op = Redirect::OutBoth;
        if (i < s.size() && s[i] == '>') { ++i; r.op = Redirect::AppendBoth; }
      } else if (c == '>') {
        r.fd = fd < 0 ? 1 : fd;
        ++i;
        if (i < s.size() && s[i] == '>') { ++i; r.op = Redirect::Append; }
        else if (i < s.size() && s[i] == '&') { ++i; r.op = Redirect::Dup; }
        else if (i < s.size() && s[i] == '|') { ++i; r.op = Redirect::Out; }
        else r.op = Redirect::Out;
      } else {  // '<'
        r.fd = fd < 0 ? 0 : fd;
        ++i;
        if (i + 1 < s.size() && s[i] == '<' && s[i + 1] == '<') { i += 2; r.op = Redirect::HereString; }
        else if (i < s.size() && s[i] == '<') {
          err.kind = Error::Syntax;
          err.message = "kubesim: here-documents (<<) are not supported; put the text in a file or use <<<";
          return err;
        } else if (i < s.size() && s[i] == '&') { ++i; r.op = Redirect::Dup; }
        else if (i < s.size() && s[i] == '>') { ++i; r.op = Redirect::Out; }
        else r.op = Redirect::In;
      }
      if (!read_target(r, b)) return err;
      if (r.op == Redirect::Dup) {
        bool digits = !r.word.empty();
        for (char ch : r.word) if (ch < '0' || ch > '9') digits = false;
        if (!digits && r.word != "-") {
          if (r.fd != 1) {
            err.kind = Error::Syntax;
            err.message = "bash: " + r.word + ": ambiguous redirect";
            return err;
          }
          r.op = Redirect::OutBoth;  // >&file is &>file
        }
      }
      t.begin = b;
      t.end = i;
      t.text = std::string(s.substr(b, i - b));
      out.push_back(std::move(t));
      continue;
    }
    i = b;  // digits that were not an fd are part of a word
    c = s[i];
    auto two = [&](char x) { return i + 1 < s.size() && s[i + 1] == x; };
    switch (c) {
      case ';':
        if (two(';')) { push(Tok::DSemi, i, i + 2); i += 2; } else { push(Tok::Semi, i, i + 1); ++i; }
        continue;
      case '&':
        if (two('&')) { push(Tok::AndIf, i, i + 2); i += 2; } else { push(Tok::Amp, i, i + 1); ++i; }
        continue;
      case '|':
        if (two('|')) { push(Tok::OrIf, i, i + 2); i += 2; }
        else if (two('&')) { push(Tok::PipeAmp, i, i + 2); i += 2; }
        else { push(Tok::Pipe, i, i + 1); ++i; }
        continue;
      case '(': push(Tok::LParen, i, i + 1); ++i; continue;
      case ')': push(Tok::RParen, i, i + 1); ++i; continue;
      default: break;
    }
    if (!scan_word(s, i, 0, err)) return err;
    push(Tok::Word, b, i);
  }
  Token end;
  end.kind = Tok::End;
  end.begin = end.end = s.size();
  out.push_back(std::move(end));
  return err;
}

// [SECTION] parser
class Parser {
 public:
  Parser(std::string_view src, const std::vector<Token>& t) : src_(src), t_(t) {}

  Error run(List& out) {
    skip_newlines();
    if (!parse_list(out, {}, false)) return err_;
    if (cur().kind != Tok::End) fail_near(cur());
    return err_;
  }

 private:
  const Token& cur() const { return t_[k_]; }
  bool at_word(std::string_view w) const { return cur().kind == Tok::Word && cur().text == w; }
  void skip_newlines() { while (cur().kind == Tok::Newline) ++k_; }

  bool fail_near(const Token& t) {
    if (err_) return false;
    if (t.kind == Tok::End) {
      err_.kind = Error::Incomplete;
      err_.message = "bash: syntax error: unexpected end of file";
      return false;
    }
    err_.kind = Error::Syntax;
    std::string what = t.kind == Tok::Newline ? "newline" : t.text;
    if (t.kind == Tok::Redir) {  // bash names the operator, not the whole redirection
      size_t n = 0;
      while (n < what.size() && (what[n] == '<' || what[n] == '>' || what[n] == '&' || (what[n] >= '0' && what[n] <= '9'))) ++n;
      what = what.substr(0, n);
    }
    err_.message = "bash: syntax error near unexpected token `" + what + "'";
    return false;
  }
  bool unsupported(const std::string& what) {
    err_.kind = Error::Syntax;
    err_.message = "kubesim: " + what + " not supported by kubesim's shell";
    return false;
  }
  bool enter() {
    if (++depth_ > kMaxNestingDepth) {
      err_ = too_deep();
      return false;
    }
    return true;
  }
  void leave() { --depth_; }

  // `((` at t_[k_]: the arithmetic text up to the matching `))`, and the token after it.
  bool scan_arith(std::string& text) {
    size_t begin = t_[k_].begin + 2;
    int level = 0;
    size_t i = begin;
    for (; i < src_.size(); ++i) {
      char c = src_[i];
      if (c == '(') ++level;
      else if (c == ')') {
        if (level == 0) break;
        --level;
      }
    }
    if (i + 1 >= src_.size() || src_[i + 1] != ')') {
      err_.kind = Error::Incomplete;
      err_.message = "bash: unexpected EOF while looking for matching `)'";
      return false;
    }
    text = std::string(src_.substr(begin, i - begin));
    size_t end = i + 2;
    while (t_[k_].kind != Tok::End && t_[k_].begin < end) ++k_;
    return true;
  }
  bool arith_start() const {
    return cur().kind == Tok::LParen && t_[k_ + 1].kind == Tok::LParen && t_[k_ + 1].begin == cur().end;
  }

  static bool is_reserved_stop(std::string_view w) {
    return w == "then" || w == "else" || w == "elif" || w == "fi" || w == "do" || w == "done" || w == "}" ||
           w == "esac" || w == "in";
  }

  // A list of and-or items separated by ; & or newlines, up to one of `stops` (reserved words),
  // a ')' when `stop_paren`, or the end.
  bool parse_list(List& out, std::initializer_list<std::string_view> stops, bool stop_paren) {
    for (;;) {
      skip_newlines();
      const Token& t = cur();
      if (t.kind == Tok::End) return true;
      if (stop_paren && t.kind == Tok::RParen) return true;
      if (t.kind == Tok::Word) {
        bool stop = false;
        for (auto s : stops) if (t.text == s) stop = true;
        if (stop) return true;
      }
      ListItem item;
      size_t begin = t.begin;
      if (!parse_and_or(item.and_or)) return false;
      size_t end = t_[k_ - 1].end;
      item.text = std::string(src_.substr(begin, end - begin));
      const Token& sep = cur();
      if (sep.kind == Tok::Semi || sep.kind == Tok::Amp) {
        item.background = sep.kind == Tok::Amp;
        ++k_;
        out.items.push_back(std::move(item));
        continue;
      }
      out.items.push_back(std::move(item));
      if (sep.kind == Tok::Newline) continue;
      return true;  // the caller checks what follows
    }
  }

  bool parse_and_or(AndOr& out) {
    Pipeline p;
    if (!parse_pipeline(p)) return false;
    out.pipelines.push_back(std::move(p));
    while (cur().kind == Tok::AndIf || cur().kind == Tok::OrIf) {
      out.is_or.push_back(cur().kind == Tok::OrIf);
      ++k_;
      skip_newlines();
      Pipeline q;
      if (!parse_pipeline(q)) return false;
      out.pipelines.push_back(std::move(q));
    }
    return true;
  }

  bool parse_pipeline(Pipeline& out) {
    if (at_word("!")) { out.negate = true; ++k_; }
    Command c;
    if (!parse_command(c)) return false;
    out.commands.push_back(std::move(c));
    while (cur().kind == Tok::Pipe || cur().kind == Tok::PipeAmp) {
      out.pipe_stderr.push_back(cur().kind == Tok::PipeAmp);
      ++k_;
      skip_newlines();
      Command d;
      if (!parse_command(d)) return false;
      out.commands.push_back(std::move(d));
    }
    return true;
  }

  bool parse_redirects(std::vector<Redirect>& out) {
    while (cur().kind == Tok::Redir) { out.push_back(cur().redir); ++k_; }
    return true;
  }

  bool expect_word(std::string_view w) {
    if (at_word(w)) { ++k_; return true; }
    return fail_near(cur());
  }

  // A compound list that must not be empty (bash: `if ; then` is a syntax error).
  bool parse_body(List& out, std::initializer_list<std::string_view> stops, bool stop_paren = false) {
    if (!parse_list(out, stops, stop_paren)) return false;
    if (out.items.empty()) return fail_near(cur());
    return true;
  }

  bool parse_command(Command& c) {
    const Token& t = cur();
    if (arith_start()) {
      c.kind = Command::Arith;
      if (!scan_arith(c.arith[0])) return false;
      return parse_redirects(c.redirects);
    }
    if (t.kind == Tok::LParen) {
      if (!enter()) return false;
      ++k_;
      c.kind = Command::Subshell;
      if (!parse_body(c.body, {}, true)) return false;
      if (cur().kind != Tok::RParen) return fail_near(cur());
      ++k_;
      leave();
      return parse_redirects(c.redirects);
    }
    if (t.kind == Tok::Word) {
      const std::string& w = t.text;
      if (w == "if") return parse_if(c);
      if (w == "for") return parse_for(c);
      if (w == "while" || w == "until") return parse_while(c, w == "until");
      if (w == "{") {
        if (!enter()) return false;
        ++k_;
        c.kind = Command::Group;
        if (!parse_body(c.body, {"}"})) return false;
        if (!expect_word("}")) return false;
        leave();
        return parse_redirects(c.redirects);
      }
      if (w == "case") return unsupported("case statements are");
      if (w == "function" || w == "select") return unsupported("`" + w + "' is");
      if (w == "!") return fail_near(t);
      if (is_reserved_stop(w)) return fail_near(t);
    }
    return parse_simple(c);
  }

  bool parse_simple(Command& c) {
    c.kind = Command::Simple;
    bool any = false;
    for (;;) {
      const Token& t = cur();
      if (t.kind == Tok::Redir) { c.redirects.push_back(t.redir); ++k_; any = true; continue; }
      if (t.kind != Tok::Word) break;
      if (c.words.empty() && is_assignment(t.text)) {
        c.assignments.push_back(t.text);
      } else {
        c.words.push_back(t.text);
      }
      ++k_;
      any = true;
      if (c.words.size() == 1 && c.assignments.empty() && cur().kind == Tok::LParen)
        return unsupported("shell functions are");
    }
    if (!any) return fail_near(cur());
    return true;
  }

  bool parse_if(Command& c) {
    if (!enter()) return false;
    c.kind = Command::If;
    ++k_;  // if
    for (;;) {
      List cond, then;
      if (!parse_body(cond, {"then"})) return false;
      if (!expect_word("then")) return false;
      if (!parse_body(then, {"elif", "else", "fi"})) return false;
      c.conditions.push_back(std::move(cond));
      c.branches.push_back(std::move(then));
      if (at_word("elif")) { ++k_; continue; }
      break;
    }
    if (at_word("else")) {
      ++k_;
      c.has_else = true;
      if (!parse_body(c.else_branch, {"fi"})) return false;
    }
    if (!expect_word("fi")) return false;
    leave();
    return parse_redirects(c.redirects);
  }

  bool parse_for(Command& c) {
    if (!enter()) return false;
    c.kind = Command::For;
    ++k_;  // for
    if (arith_start()) {  // for (( init; cond; step ))
      c.kind = Command::ForArith;
      std::string text;
      if (!scan_arith(text)) return false;
      size_t a = text.find(';'), b = a == std::string::npos ? a : text.find(';', a + 1);
      if (b == std::string::npos) {
        err_.kind = Error::Syntax;
        err_.message = "bash: syntax error: arithmetic expression required";
        return false;
      }
      c.arith[0] = text.substr(0, a);
      c.arith[1] = text.substr(a + 1, b - a - 1);
      c.arith[2] = text.substr(b + 1);
      if (cur().kind == Tok::Semi) ++k_;
      skip_newlines();
      return parse_do_done(c);
    }
    if (cur().kind == Tok::LParen) return fail_near(cur());
    if (cur().kind != Tok::Word) return fail_near(cur());
    const std::string& name = cur().text;
    bool valid = !name.empty() && is_name_start(name[0]);
    for (char ch : name) if (!is_name_char(ch)) valid = false;
    if (!valid) {
      err_.kind = Error::Syntax;
      err_.message = "bash: `" + name + "': not a valid identifier";
      return false;
    }
    c.for_name = name;
    ++k_;
    skip_newlines();
    if (at_word("in")) {
      c.for_has_in = true;
      ++k_;
      while (cur().kind == Tok::Word) { c.for_words.push_back(cur().text); ++k_; }
      if (cur().kind == Tok::Semi || cur().kind == Tok::Newline) ++k_;
      else return fail_near(cur());
    } else if (cur().kind == Tok::Semi) {
      ++k_;
    }
    skip_newlines();
    return parse_do_done(c);
  }

  // `do BODY done [redirects]` closing a for or while/until loop (and leaving its nesting level).
  bool parse_do_done(Command& c) {
    if (!expect_word("do")) return false;
    if (!parse_body(c.body, {"done"})) return false;
    if (!expect_word("done")) return false;
    leave();
    return parse_redirects(c.redirects);
  }

  bool parse_while(Command& c, bool until) {
    if (!enter()) return false;
    c.kind = until ? Command::Until : Command::While;
    ++k_;
    List cond;
    if (!parse_body(cond, {"do"})) return false;
    c.conditions.push_back(std::move(cond));
    return parse_do_done(c);
  }

  std::string_view src_;
  const std::vector<Token>& t_;
  size_t k_ = 0;
  int depth_ = 0;
  Error err_;
};

}  // namespace

Error parse(std::string_view text, List& out) {
  std::vector<Token> tokens;
  Error err = tokenize(text, tokens);
  if (err) return err;
  Parser p(text, tokens);
  return p.run(out);
}

}  // namespace kubesim::shell::parse
