// kubesim — a small POSIX-style regular expression engine for grep (BRE and ERE, GNU
// extensions \w \W \s \S \b \B \< \>, \+ \? \| in BRE). Compiled to a Thompson NFA and run as a
// Pike VM: linear in the text for a match test, no recursion, no exceptions (std::regex has
// neither property, and its behaviour differs between libstdc++ and libc++).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kubesim::shell {

class Regex {
 public:
  struct Options {
    bool extended = false;     // ERE (grep -E)
    bool fixed = false;        // a literal string (grep -F)
    bool icase = false;        // grep -i
    bool word = false;         // grep -w: no word character on either side of the match
    bool line = false;         // grep -x: the whole line
  };
  // Returns "" on success, else grep's error text (e.g. "Unmatched ( or \\(").
  std::string compile(std::string_view pattern, const Options& o);
  bool search(std::string_view text) const;
  // Leftmost-longest match starting at or after `from`; [b, e).
  bool find(std::string_view text, size_t from, size_t& b, size_t& e) const;

  static constexpr size_t kMaxProgram = 20000;  // instructions (counted repetition copies)

 private:
  enum Op : uint8_t { Char, Class, Any, Split, Jmp, Match, Bol, Eol, WordB, NotWordB, WordStart, WordEnd, NoWordBefore, NoWordAfter };
  struct Inst {
    Op op = Match;
    uint8_t c = 0;
    int x = 0, y = 0;  // jump targets; Class: x = class index
  };
  using Bits = std::array<uint64_t, 4>;
  bool assertion_holds(Op op, std::string_view t, size_t i) const;
  bool run_at(std::string_view t, size_t start, bool anchored, size_t* longest_end) const;

  std::vector<Inst> prog_;
  std::vector<Bits> classes_;
  friend class RegexCompiler;
};

}  // namespace kubesim::shell
