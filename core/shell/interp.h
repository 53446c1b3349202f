// kubesim — the interpreter behind shell::run_line (internal to shell/): runs a parsed List,
// expands words, routes each command's stdout/stderr through redirections and pipes, and keeps
// the limits. Builtins and utilities (builtins.cpp, utils.cpp) are free functions over it.
#pragma once
#include <cstdint>
#include <algorithm>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "io.h"
#include "shell/parse.h"
#include "shell/shell.h"

namespace kubesim::shell {

// Where a file descriptor goes.
struct Sink {
  enum Kind : uint8_t { TermOut, TermErr, Null, Buffer } kind = TermOut;
  std::string* buf = nullptr;
};
// A command's stdin: a pipe or a file, consumed as it is read (so `while read` loops advance).
struct InStream {
  std::string data;
  size_t pos = 0;
  std::string_view rest() const { return std::string_view(data).substr(std::min(pos, data.size())); }
  std::string take() { std::string r(rest()); pos = data.size(); return r; }
};
struct Fds {
  Sink out{Sink::TermOut, nullptr};
  Sink err{Sink::TermErr, nullptr};
  InStream* in = nullptr;  // nullptr: the terminal (nothing to read)
};

using Env = std::vector<std::pair<std::string, std::string>>;

class Interp;
// One command about to run (a builtin, a utility or a program).
struct Call {
  const std::vector<std::string>& argv;
  const Fds& fds;
  Env temp_env;            // NAME=value words before the command
  bool background = false;
  bool keeps_running = false;  // out: see Invocation
  int64_t background_sleep_ms = 0;  // out: `sleep N &` (the job ends N later)
};

using Builtin = int (*)(Interp&, Call&);
// nullptr when `name` is not a builtin or utility.
Builtin find_builtin(const std::string& name);
// The path `type`/`which` print for a utility ("/usr/bin/grep"), "" for true builtins.
std::string utility_path(const std::string& name);
bool is_special_builtin(const std::string& name);  // export, cd, …: `type` says "shell builtin"

class Interp {
 public:
  Interp(Session& s, ShellState& sh, Machine& m, Output& term);

  int run_text(std::string_view text, const Fds& fds);
  int run_words(const std::vector<std::string>& argv, const Fds& fds);

  // [SECTION] output (every byte a command prints goes through here; the per-line cap lives here)
  void write(const Sink& k, std::string_view text);
  void out(const Fds& f, std::string_view t) { write(f.out, t); }
  void err(const Fds& f, std::string_view t) { write(f.err, t); }
  // Routes a program's ordered output (stdout and stderr chunks) through `f`.
  void route(const Output& o, const Fds& f);

  // [SECTION] expansion (expand.cpp). false = an expansion error was printed (status 1).
  bool expand_word(std::string_view raw, std::vector<std::string>& fields, const Fds& f);
  bool expand_string(std::string_view raw, std::string& out, const Fds& f);
  // "$(…)" body: runs it in a subshell, captures stdout (trailing newlines removed).
  bool command_substitution(std::string_view body, std::string& out, const Fds& f);
  bool arithmetic(std::string_view expr, int64_t& value, const Fds& f);

  // [SECTION] helpers for builtins
  std::string abs_path(const std::string& p) const;  // relative to the cwd, normalized
  Env environment_for(const Call& c, const std::string& program_path) const;
  int dispatch(Call& c);                      // builtin → utility → program → not found
  bool stopped() const { return stop_ || exiting_ || expansion_error_; }
  void request_exit(int status) { exiting_ = true; exit_status_ = status; }
  void stop_line() { stop_ = true; }
  bool in_subshell() const { return subshell_depth_ > 0; }
  // Runs the shell on `text` as `bash -c` / `eval` / `source` would.
  int eval_text(std::string_view text, const Fds& fds);

  Session& s;
  ShellState* sh;
  Machine& m;
  Output& term;

  bool interactive = true;     // false for `bash -c`: exit prints nothing
  int last_subst_status = -1;  // status of the last $( ) in the current command
  int64_t loop_iterations = 0;
  bool loop_limit_hit = false;
  int loop_depth = 0;          // enclosing for/while loops (break/continue need one)
  int64_t loop_sleep_ms = 0;   // simulated time slept inside loops (a `while true; … sleep 1` guard)
  int break_levels = 0;        // `break N` pending
  bool continue_pending = false;
  // What the last program run in the background reported (for the job table).
  bool bg_keeps_running = false;
  bool bg_proxy = false;
  int64_t bg_sleep_ms = 0;
  bool jumping() const { return break_levels > 0 || continue_pending; }

 private:
  int run_list(const parse::List& l, const Fds& f);
  int run_item(const parse::ListItem& item, const Fds& f);
  int run_and_or(const parse::AndOr& a, const Fds& f, bool background);
  int run_pipeline(const parse::Pipeline& p, const Fds& f, bool background);
  int run_command(const parse::Command& c, const Fds& f, bool background);
  int run_simple(const parse::Command& c, const Fds& f, bool background);
  int run_compound(const parse::Command& c, const Fds& f, bool background);
  // Applies redirections to a copy of `f`; files written are flushed by `commit_files`.
  struct FileOut { std::string path; bool append; std::string* buf; };
  struct Owned {  // buffers and streams created by redirections, alive while the command runs
    std::vector<std::unique_ptr<std::string>> bufs;
    std::vector<std::unique_ptr<InStream>> ins;
    std::vector<FileOut> files;
  };
  bool apply_redirects(const std::vector<parse::Redirect>& rs, Fds& f, Owned& owned, const Fds& orig);
  void commit_files(const std::vector<FileOut>& files, const Fds& f);
  bool count_iteration(const Fds& f);

  // expansion internals
  struct Seg { std::string text; bool quoted; };
  // pattern: keep quoted glob characters literal by escaping them with '\' (for ${x#pat}, ${x/pat/r})
  bool expand_segments(std::string_view raw, std::vector<Seg>& segs, bool& had_quotes, bool tilde, const Fds& f,
                       bool pattern = false);
  bool expand_pattern(std::string_view raw, std::string& out, const Fds& f);
  bool expand_dollar(std::string_view raw, size_t& i, bool quoted, std::vector<Seg>& segs, const Fds& f);
  bool expand_parameter(std::string_view body, std::string_view whole, bool quoted, std::string& value,
                        bool& is_set_out, const Fds& f);
  bool special_parameter(std::string_view name, std::string& value, bool& is_set) const;
  void split_fields(const std::vector<Seg>& segs, bool had_quotes, std::vector<std::string>& fields) const;
  bool brace_expand(std::string_view raw, std::vector<std::string>& out, const Fds& f);

  int depth_ = 0;
  int subshell_depth_ = 0;
  bool stop_ = false;
  bool exiting_ = false;
  // an expansion error (${x?}, $((1/0)), bad substitution) abandons the rest of the line, as in
  // an interactive bash; a subshell's error ends only the subshell
  bool expansion_error_ = false;
  int exit_status_ = 0;
  size_t output_bytes_ = 0;
  bool output_truncated_ = false;
  std::set<std::string> expanding_aliases_;
  friend int run_line(Session&, ShellState&, Machine&, std::string_view, Output&);
  friend int run_argv(Session&, ShellState&, Machine&, const std::vector<std::string>&, Output&);
};

// [SECTION] small shared helpers
std::string normalize_path(const std::string& p);
bool glob_match(std::string_view pattern, std::string_view text);  // *, ?, [..], \x
bool parse_int(std::string_view s, int64_t& v);                     // optional sign, decimal
std::string bash_quote(const std::string& v);                      // as `set`/`alias` print values
// Parses GNU sleep durations ("5", "0.5", "2m", "1h", "1.5s"): milliseconds, or -1 if invalid.
int64_t parse_duration_ms(std::string_view s);
// Expands echo -e / printf %b escapes; sets *stop when \c was seen.
std::string expand_escapes(std::string_view s, bool* stop, bool printf_octal);

}  // namespace kubesim::shell
