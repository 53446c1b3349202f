// kubesim — shell grammar: tokens and the syntax tree of one input text (internal to shell/).
// Words are kept raw (quotes and $… intact); the interpreter expands them when it runs them,
// because expansion order and command substitution depend on what ran before.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kubesim::shell::parse {

struct Error {
  enum Kind : uint8_t { None, Incomplete, Syntax, TooDeep } kind = None;
  std::string message;  // bash's words, without the "bash: " prefix and the newline
  explicit operator bool() const { return kind != None; }
};

struct Redirect {
  enum Op : uint8_t {
    Out,          // N> word, N>| word
    Append,       // N>> word
    In,           // N< word
    Dup,          // N>&M, N<&M (word = M, or "-" to close)
    OutBoth,      // &> word
    AppendBoth,   // &>> word
    HereString,   // <<< word
  };
  int fd = 1;
  Op op = Out;
  std::string word;  // raw
};

struct Command;
struct Pipeline {
  bool negate = false;
  std::vector<Command> commands;
  std::vector<bool> pipe_stderr;  // pipe_stderr[i]: `|&` between commands i and i+1
};
struct AndOr {
  std::vector<Pipeline> pipelines;
  std::vector<bool> is_or;  // is_or[i]: `||` (else `&&`) between pipelines i and i+1
};
struct ListItem {
  AndOr and_or;
  bool background = false;
  std::string text;  // source text (for job notices: "kubectl proxy")
};
struct List {
  std::vector<ListItem> items;
};

struct Command {
  enum Kind : uint8_t { Simple, Subshell, Group, If, For, While, Until, Arith, ForArith } kind = Simple;
  // Simple
  std::vector<std::string> assignments;  // raw "NAME=value" words before the command name
  std::vector<std::string> words;        // raw words
  // Compound
  List body;                    // Subshell, Group, For/While/Until body
  std::vector<List> conditions; // If: one per if/elif; While/Until: [0]
  std::vector<List> branches;   // If: the then-part of each condition
  bool has_else = false;
  List else_branch;
  std::string for_name;
  bool for_has_in = false;
  std::vector<std::string> for_words;  // raw
  std::string arith[3];                // Arith: [0] = expression; ForArith: init, condition, step
  std::vector<Redirect> redirects;
};

// Parses a whole input text (one line typed, or several joined with newlines).
Error parse(std::string_view text, List& out);

// [SECTION] word scanning, shared with the expander
// Each function starts just after the opening sequence and leaves `i` just after the closing
// one. On an unterminated construct it fills `err` (Incomplete, naming the missing character).
bool skip_single_quoted(std::string_view s, size_t& i, Error& err);           // after '
bool skip_double_quoted(std::string_view s, size_t& i, int depth, Error& err); // after "
bool skip_backquoted(std::string_view s, size_t& i, Error& err);               // after `
bool skip_paren_body(std::string_view s, size_t& i, int depth, Error& err);    // after $(
bool skip_brace_body(std::string_view s, size_t& i, int depth, Error& err);    // after ${
// Scans one word starting at i (not at a blank or operator); stops at an unquoted blank or
// operator character.
bool scan_word(std::string_view s, size_t& i, int depth, Error& err);

bool is_name_start(char c);
bool is_name_char(char c);
// "NAME=…" with a valid NAME before the first '='.
bool is_assignment(std::string_view word);

}  // namespace kubesim::shell::parse
