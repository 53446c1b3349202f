// kubesim — regex compiler (pattern → small syntax tree → NFA program) and Pike VM.
#include "shell/regex.h"

#include <cctype>

namespace kubesim::shell {

namespace {
bool is_word(unsigned char c) { return std::isalnum(c) || c == '_'; }
}  // namespace

// [SECTION] compiler
class RegexCompiler {
 public:
  RegexCompiler(Regex& re, std::string_view p, const Regex::Options& o) : re_(re), p_(p), o_(o) {}

  std::string run() {
    int root;
    if (o_.fixed) {
      root = node(N::Empty);
      for (char c : p_) root = cat(root, lit(static_cast<unsigned char>(c)));
    } else {
      root = alt();
      if (!err_.empty()) return err_;
      if (i_ < p_.size()) {
        // a stray close group
        return o_.extended ? "Unmatched ) or \\)" : "Unmatched ) or \\)";
      }
    }
    if (o_.word) {
      int a = node(N::Assert); nodes_[a].op = Regex::NoWordBefore;
      int b = node(N::Assert); nodes_[b].op = Regex::NoWordAfter;
      root = cat(cat(a, root), b);
    }
    if (o_.line) {
      int a = node(N::Assert); nodes_[a].op = Regex::Bol;
      int b = node(N::Assert); nodes_[b].op = Regex::Eol;
      root = cat(cat(a, root), b);
    }
    emit(root);
    if (!err_.empty()) return err_;
    Regex::Inst m;
    m.op = Regex::Match;
    re_.prog_.push_back(m);
    if (re_.prog_.size() > Regex::kMaxProgram) return "regular expression too big";
    return "";
  }

 private:
  enum class N : uint8_t { Empty, Lit, Cls, Any, Cat, Alt, Star, Plus, Quest, Repeat, Assert };
  struct Node {
    N k = N::Empty;
    unsigned char c = 0;
    int cls = 0;
    int a = -1, b = -1;
    int min = 0, max = 0;  // max -1 = unbounded
    Regex::Op op = Regex::Bol;
  };

  int node(N k) { nodes_.push_back(Node{}); nodes_.back().k = k; return static_cast<int>(nodes_.size()) - 1; }
  int cat(int a, int b) {
    if (nodes_[a].k == N::Empty) return b;
    int n = node(N::Cat); nodes_[n].a = a; nodes_[n].b = b; return n;
  }
  int lit(unsigned char c) {
    if (o_.icase && std::isalpha(c)) {
      Regex::Bits bits{};
      auto set = [&](unsigned char x) { bits[x >> 6] |= 1ULL << (x & 63); };
      set(static_cast<unsigned char>(std::tolower(c)));
      set(static_cast<unsigned char>(std::toupper(c)));
      re_.classes_.push_back(bits);
      int n = node(N::Cls); nodes_[n].cls = static_cast<int>(re_.classes_.size()) - 1; return n;
    }
    int n = node(N::Lit); nodes_[n].c = c; return n;
  }
  int cls(const Regex::Bits& bits) {
    re_.classes_.push_back(bits);
    int n = node(N::Cls); nodes_[n].cls = static_cast<int>(re_.classes_.size()) - 1; return n;
  }
  int assertion(Regex::Op op) { int n = node(N::Assert); nodes_[n].op = op; return n; }

  bool at(std::string_view s) const { return p_.substr(i_, s.size()) == s; }

  bool alt_here() const { return o_.extended ? at("|") : at("\\|"); }
  bool close_here() const { return o_.extended ? at(")") : at("\\)"); }

  int alt() {
    if (++depth_ > 100) { err_ = "regular expression too big"; return node(N::Empty); }
    int a = concat();
    while (err_.empty() && alt_here()) {
      i_ += o_.extended ? 1 : 2;
      int b = concat();
      int n = node(N::Alt); nodes_[n].a = a; nodes_[n].b = b; a = n;
    }
    --depth_;
    return a;
  }

  int concat() {
    int r = node(N::Empty);
    bool start = true;
    while (err_.empty() && i_ < p_.size() && !alt_here() && !close_here()) {
      int a = atom(start);
      start = false;
      if (!err_.empty()) return r;
      a = repeats(a);
      r = cat(r, a);
    }
    return r;
  }

  int repeats(int a) {
    for (;;) {
      if (i_ >= p_.size()) return a;
      char c = p_[i_];
      if (c == '*') { ++i_; int n = node(N::Star); nodes_[n].a = a; a = n; continue; }
      if (o_.extended && c == '+') { ++i_; int n = node(N::Plus); nodes_[n].a = a; a = n; continue; }
      if (o_.extended && c == '?') { ++i_; int n = node(N::Quest); nodes_[n].a = a; a = n; continue; }
      if (!o_.extended && at("\\+")) { i_ += 2; int n = node(N::Plus); nodes_[n].a = a; a = n; continue; }
      if (!o_.extended && at("\\?")) { i_ += 2; int n = node(N::Quest); nodes_[n].a = a; a = n; continue; }
      bool brace = o_.extended ? c == '{' : at("\\{");
      if (brace) {
        size_t save = i_;
        i_ += o_.extended ? 1 : 2;
        int mn = 0, mx = 0;
        bool have_min = false;
        while (i_ < p_.size() && std::isdigit(static_cast<unsigned char>(p_[i_]))) { mn = mn * 10 + (p_[i_++] - '0'); have_min = true; if (mn > 1000) mn = 1001; }
        mx = mn;
        if (i_ < p_.size() && p_[i_] == ',') {
          ++i_;
          if (i_ < p_.size() && std::isdigit(static_cast<unsigned char>(p_[i_]))) {
            mx = 0;
            while (i_ < p_.size() && std::isdigit(static_cast<unsigned char>(p_[i_]))) { mx = mx * 10 + (p_[i_++] - '0'); if (mx > 1000) mx = 1001; }
          } else mx = -1;
        }
        bool closed = o_.extended ? at("}") : at("\\}");
        if (!closed || (!have_min && o_.extended)) {
          if (o_.extended) { i_ = save; return a; }  // not an interval: '{' is literal
          err_ = "Unmatched \\{";
          return a;
        }
        i_ += o_.extended ? 1 : 2;
        if ((mx != -1 && mx < mn) || mn > 1000 || mx > 1000) { err_ = "Invalid content of \\{\\}"; return a; }
        int n = node(N::Repeat); nodes_[n].a = a; nodes_[n].min = mn; nodes_[n].max = mx; a = n;
        continue;
      }
      return a;
    }
  }

  int atom(bool start) {
    char c = p_[i_];
    if (o_.extended ? c == '(' : at("\\(")) {
      i_ += o_.extended ? 1 : 2;
      int a = alt();
      if (!err_.empty()) return a;
      if (!close_here()) { err_ = "Unmatched ( or \\("; return a; }
      i_ += o_.extended ? 1 : 2;
      return a;
    }
    if (c == '^' && (o_.extended || start)) { ++i_; return assertion(Regex::Bol); }
    if (c == '$') {
      bool at_end = i_ + 1 == p_.size() || (!o_.extended && (p_.substr(i_ + 1, 2) == "\\)" || p_.substr(i_ + 1, 2) == "\\|"));
      if (o_.extended || at_end) { ++i_; return assertion(Regex::Eol); }
    }
    if (c == '*' && start && !o_.extended) { ++i_; return lit('*'); }
    if (c == '.') { ++i_; return node(N::Any); }
    if (c == '[') return bracket();
    if (c == '\\') {
      if (i_ + 1 >= p_.size()) { err_ = "Trailing backslash"; ++i_; return node(N::Empty); }
      char e = p_[i_ + 1];
      i_ += 2;
      Regex::Bits bits{};
      auto set = [&](unsigned char x) { bits[x >> 6] |= 1ULL << (x & 63); };
      switch (e) {
        case 'w': case 'W':
          for (int x = 0; x < 256; ++x) if (is_word(static_cast<unsigned char>(x)) == (e == 'w')) set(static_cast<unsigned char>(x));
          return cls(bits);
        case 's': case 'S':
          for (int x = 0; x < 256; ++x) if ((std::isspace(x) != 0) == (e == 's')) set(static_cast<unsigned char>(x));
          return cls(bits);
        case 'b': return assertion(Regex::WordB);
        case 'B': return assertion(Regex::NotWordB);
        case '<': return assertion(Regex::WordStart);
        case '>': return assertion(Regex::WordEnd);
        default: return lit(static_cast<unsigned char>(e));
      }
    }
    if (o_.extended && (c == '*' || c == '+' || c == '?') && start) { ++i_; return lit(static_cast<unsigned char>(c)); }
    ++i_;
    return lit(static_cast<unsigned char>(c));
  }

  int bracket() {
    size_t j = i_ + 1;
    Regex::Bits bits{};
    auto set = [&](unsigned char x) {
      bits[x >> 6] |= 1ULL << (x & 63);
      if (o_.icase && std::isalpha(x)) {
        unsigned char l = static_cast<unsigned char>(std::tolower(x)), u = static_cast<unsigned char>(std::toupper(x));
        bits[l >> 6] |= 1ULL << (l & 63);
        bits[u >> 6] |= 1ULL << (u & 63);
      }
    };
    bool negate = false;
    if (j < p_.size() && p_[j] == '^') { negate = true; ++j; }
    bool first = true;
    for (;;) {
      if (j >= p_.size()) { err_ = "Unmatched [, [^, [:, [., or [="; return node(N::Empty); }
      char c = p_[j];
      if (c == ']' && !first) { ++j; break; }
      first = false;
      if (c == '[' && j + 1 < p_.size() && (p_[j + 1] == ':' || p_[j + 1] == '=' || p_[j + 1] == '.')) {
        char kind = p_[j + 1];
        size_t end = p_.find(std::string{kind, ']'}, j + 2);
        if (end == std::string_view::npos) { err_ = "Unmatched [, [^, [:, [., or [="; return node(N::Empty); }
        std::string_view name = p_.substr(j + 2, end - j - 2);
        if (kind == ':') {
          bool known = true;
          for (int x = 0; x < 256; ++x) {
            bool m = false;
            if (name == "alpha") m = std::isalpha(x);
            else if (name == "digit") m = std::isdigit(x);
            else if (name == "alnum") m = std::isalnum(x);
            else if (name == "upper") m = std::isupper(x) || (o_.icase && std::islower(x));
            else if (name == "lower") m = std::islower(x) || (o_.icase && std::isupper(x));
            else if (name == "space") m = std::isspace(x);
            else if (name == "blank") m = x == ' ' || x == '\t';
            else if (name == "punct") m = std::ispunct(x);
            else if (name == "print") m = std::isprint(x);
            else if (name == "graph") m = std::isgraph(x);
            else if (name == "cntrl") m = std::iscntrl(x);
            else if (name == "xdigit") m = std::isxdigit(x);
            else known = false;
            if (m) set(static_cast<unsigned char>(x));
          }
          if (!known) { err_ = "Invalid character class name"; return node(N::Empty); }
        } else {
          for (char x : name) set(static_cast<unsigned char>(x));
        }
        j = end + 2;
        continue;
      }
      unsigned char lo = static_cast<unsigned char>(c);
      if (j + 2 < p_.size() && p_[j + 1] == '-' && p_[j + 2] != ']') {
        unsigned char hi = static_cast<unsigned char>(p_[j + 2]);
        if (hi < lo) { err_ = "Invalid range end"; return node(N::Empty); }
        for (int x = lo; x <= hi; ++x) set(static_cast<unsigned char>(x));
        j += 3;
      } else {
        set(lo);
        ++j;
      }
    }
    i_ = j;
    if (negate) {
      for (auto& w : bits) w = ~w;
      bits['\n' >> 6] &= ~(1ULL << ('\n' & 63));
    }
    return cls(bits);
  }

  // [SECTION] code generation
  int pc() const { return static_cast<int>(re_.prog_.size()); }
  int push(Regex::Op op) {
    Regex::Inst in;
    in.op = op;
    re_.prog_.push_back(in);
    return pc() - 1;
  }
  void emit(int n) {
    if (!err_.empty()) return;
    if (re_.prog_.size() > Regex::kMaxProgram) { err_ = "regular expression too big"; return; }
    const Node nd = nodes_[n];
    switch (nd.k) {
      case N::Empty: return;
      case N::Lit: { int i = push(Regex::Char); re_.prog_[i].c = nd.c; return; }
      case N::Cls: { int i = push(Regex::Class); re_.prog_[i].x = nd.cls; return; }
      case N::Any: push(Regex::Any); return;
      case N::Assert: push(nd.op); return;
      case N::Cat: emit(nd.a); emit(nd.b); return;
      case N::Alt: {
        int sp = push(Regex::Split);
        re_.prog_[sp].x = pc();
        emit(nd.a);
        int j = push(Regex::Jmp);
        re_.prog_[sp].y = pc();
        emit(nd.b);
        re_.prog_[j].x = pc();
        return;
      }
      case N::Star: {
        int sp = push(Regex::Split);
        re_.prog_[sp].x = pc();
        emit(nd.a);
        int j = push(Regex::Jmp);
        re_.prog_[j].x = sp;
        re_.prog_[sp].y = pc();
        return;
      }
      case N::Plus: {
        int start = pc();
        emit(nd.a);
        int sp = push(Regex::Split);
        re_.prog_[sp].x = start;
        re_.prog_[sp].y = pc();
        return;
      }
      case N::Quest: {
        int sp = push(Regex::Split);
        re_.prog_[sp].x = pc();
        emit(nd.a);
        re_.prog_[sp].y = pc();
        return;
      }
      case N::Repeat: {
        for (int k = 0; k < nd.min && err_.empty(); ++k) emit(nd.a);
        if (nd.max == -1) {
          int sp = push(Regex::Split);
          re_.prog_[sp].x = pc();
          emit(nd.a);
          int j = push(Regex::Jmp);
          re_.prog_[j].x = sp;
          re_.prog_[sp].y = pc();
        } else {
          std::vector<int> splits;
          for (int k = nd.min; k < nd.max && err_.empty(); ++k) {
            int sp = push(Regex::Split);
            re_.prog_[sp].x = pc();
            splits.push_back(sp);
            emit(nd.a);
          }
          for (int sp : splits) re_.prog_[sp].y = pc();
        }
        return;
      }
    }
  }

  Regex& re_;
  std::string_view p_;
  Regex::Options o_;
  size_t i_ = 0;
  int depth_ = 0;
  std::vector<Node> nodes_;
  std::string err_;
};

std::string Regex::compile(std::string_view pattern, const Options& o) {
  prog_.clear();
  classes_.clear();
  RegexCompiler c(*this, pattern, o);
  return c.run();
}

// [SECTION] Pike VM
bool Regex::assertion_holds(Op op, std::string_view t, size_t i) const {
  bool before = i > 0 && is_word(static_cast<unsigned char>(t[i - 1]));
  bool after = i < t.size() && is_word(static_cast<unsigned char>(t[i]));
  switch (op) {
    case Bol: return i == 0;
    case Eol: return i == t.size();
    case WordB: return before != after;
    case NotWordB: return before == after;
    case WordStart: return !before && after;
    case WordEnd: return before && !after;
    case NoWordBefore: return !before;
    case NoWordAfter: return !after;
    default: return false;
  }
}

bool Regex::run_at(std::string_view t, size_t start, bool anchored, size_t* longest_end) const {
  const size_t n = prog_.size();
  std::vector<int> cur, next, stack;
  std::vector<uint32_t> mark(n, 0);
  uint32_t gen = 1;
  bool matched = false;
  auto add = [&](std::vector<int>& list, int pc0, size_t i) {
    stack.clear();
    stack.push_back(pc0);
    while (!stack.empty()) {
      int pc = stack.back();
      stack.pop_back();
      if (mark[static_cast<size_t>(pc)] == gen) continue;
      mark[static_cast<size_t>(pc)] = gen;
      const Inst& in = prog_[static_cast<size_t>(pc)];
      switch (in.op) {
        case Jmp: stack.push_back(in.x); break;
        case Split: stack.push_back(in.y); stack.push_back(in.x); break;
        case Bol: case Eol: case WordB: case NotWordB: case WordStart: case WordEnd: case NoWordBefore: case NoWordAfter:
          if (assertion_holds(in.op, t, i)) stack.push_back(pc + 1);
          break;
        default: list.push_back(pc); break;
      }
    }
  };
  add(cur, 0, start);
  for (size_t i = start;; ++i) {
    for (int pc : cur) {
      if (prog_[static_cast<size_t>(pc)].op == Match) {
        matched = true;
        if (!longest_end) return true;
        *longest_end = i;
      }
    }
    if (i >= t.size()) break;
    ++gen;
    next.clear();
    unsigned char c = static_cast<unsigned char>(t[i]);
    for (int pc : cur) {
      const Inst& in = prog_[static_cast<size_t>(pc)];
      bool ok = false;
      if (in.op == Char) ok = in.c == c;
      else if (in.op == Class) ok = (classes_[static_cast<size_t>(in.x)][c >> 6] >> (c & 63)) & 1;
      else if (in.op == Any) ok = c != '\n';
      if (ok) add(next, pc + 1, i + 1);
    }
    if (!anchored) add(next, 0, i + 1);  // a match may start at the next position too
    cur.swap(next);
    if (cur.empty()) break;
  }
  return matched;
}

bool Regex::search(std::string_view text) const { return run_at(text, 0, false, nullptr); }

bool Regex::find(std::string_view text, size_t from, size_t& b, size_t& e) const {
  // quick reject, then the leftmost start with its longest match
  if (from > text.size() || !run_at(text, from, false, nullptr)) return false;
  for (size_t s = from; s <= text.size(); ++s) {
    size_t end = 0;
    if (run_at(text, s, true, &end)) {
      b = s;
      e = end;
      return true;
    }
  }
  return false;
}

}  // namespace kubesim::shell
