// kubesim — the shell: a small bash-compatible line interpreter (quoting, $VAR / ${VAR…},
// "$(…)" and `…`, $((…)), ; && || & |, if/for/while, a few redirections) with the builtins and
// utilities a tutorial needs. What a command *does* outside the shell (kubectl, curl, minikube,
// files, the clock) goes through the `Machine` interface, so the interpreter can be tested alone.
//
// Two machines exist in kubesim: the learner's computer (shell/host.h: kubectl, curl, minikube)
// and a container entered with `kubectl exec -ti POD -- bash` (shell/container.h).
//
// Limits (bash has none; a browser tab needs them): see [SECTION] limits. Each one answers with a
// clear message and a non-zero status instead of hanging or growing without bound.
//
// Choices, so that the terminal looks like an *interactive* bash 5.2 on the learner's computer:
//  * errors carry bash's interactive prefix ("bash: foo: command not found", exit 127;
//    "bash: syntax error near unexpected token `&&'", exit 2) — no "line N:" as scripts get;
//  * `cmd &` prints "[N] PID" on stderr, then the command's own output; a program that keeps
//    running (kubectl proxy) stays a Running job until `kill %N`; bash's "[N]+  Done …" and
//    "[N]+  Terminated …" notices come before the next prompt (a kill is noticed one line later);
//  * `exit` prints "exit" (stderr); inside `kubectl exec -ti` stdout and stderr are one TTY stream;
//  * pipes work between any commands; the text utilities (grep head tail wc sort uniq cut tr tee
//    awk-one-liners xargs base64 cat seq) read them; kubectl/curl/minikube ignore stdin;
//  * not supported, with a message: here-documents (<<), functions, case, [[ ]], history
//    expansion (!!), process substitution; no pathname globbing (a pattern stays as typed,
//    which is what bash prints when nothing matches).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io.h"

namespace kubesim::shell {

// [SECTION] limits
inline constexpr size_t kMaxLineBytes = 64 * 1024;          // one input line
inline constexpr int kMaxNestingDepth = 32;                  // $( ) / ( ) / { } / if / loops nested
inline constexpr int64_t kMaxLoopIterations = 10000;         // per input line, all loops together
inline constexpr size_t kMaxExpandedWords = 65536;           // brace expansion, word splitting
inline constexpr size_t kMaxOutputBytes = 8u << 20;          // per input line (stdout + stderr)
inline constexpr int64_t kMaxSleepMs = 24LL * 3600 * 1000;   // one `sleep`
inline constexpr int64_t kMaxLoopSleepMs = 3600LL * 1000;    // all sleeps inside loops of one line
inline constexpr size_t kMaxHistory = 1000;                  // lines kept by `history`
inline constexpr size_t kMaxFileBytes = 1u << 20;            // one file written by `>`
inline constexpr size_t kMaxFiles = 256;                     // files on the learner's computer

// [SECTION] state of one bash process
struct Var {
  std::string value;
  bool exported = false;
  uint64_t seq = 0;  // creation order: bash's hash table lists newer entries of a bucket first
};

// Which bash prints `env`: the order of exported variables follows bash's variable hash table
// (FNV-1 hash, newest first within a bucket), which differs between bash 4 and bash 5.
enum class EnvOrder : uint8_t {
  Bash5,       // bash 5.x: FNV-1 from the offset basis, 1024 buckets (the learner's computer)
  Bash4,       // bash 4.3: FNV-1 from 0, 64 buckets (Debian jessie in node:6 images)
  Insertion,   // no shell: a program started by the container runtime sees the runtime's order
};

struct ShellState {
  std::map<std::string, Var> vars;
  std::map<std::string, std::string> aliases;
  std::string cwd = "/";
  int last_status = 0;
  EnvOrder env_order = EnvOrder::Bash5;
  uint64_t next_seq = 1;
  int nested_shells = 0;      // bare `bash` typed inside this shell: `exit` leaves those first
  bool exit_requested = false;
  int exit_status = 0;

  const Var* find(const std::string& name) const {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : &it->second;
  }
  std::string get(const std::string& name) const {
    auto* v = find(name);
    return v ? v->value : std::string();
  }
  void set(const std::string& name, std::string value, bool exported = false);
  void unset(const std::string& name) { vars.erase(name); }
  // Exported variables as a program sees them, in `env_order`.
  std::vector<std::pair<std::string, std::string>> environment() const;
};

// [SECTION] the session (everything a terminal keeps between lines)
struct Job {
  int id = 0;
  int pid = 0;
  std::string command;        // as typed, without the trailing '&'
  enum State : uint8_t { Running, Done, Terminated } state = Running;
  bool reported = false;      // the Done/Terminated line was printed
  bool report_next_line = false;  // Terminated by `kill`: bash notices it one prompt later
  bool proxy = false;         // `kubectl proxy &`: killing it stops the proxy
  int exit_status = 0;        // Done: "Exit N" when non-zero
  bool killed = false;        // Terminated by SIGKILL: "Killed" instead of "Terminated"
  int64_t ends_at_ms = -1;    // -1 = runs until killed; else when it finishes (`sleep 10 &`)
};

struct ContainerSession {
  std::string namespace_, pod, container;
  std::string pod_uid;
  int64_t started_ms = 0;      // the container instance the shell runs in (a restart ends it)
  std::string shell = "bash";  // "bash", or "sh" (busybox / alpine ash)
  ShellState sh;
  std::map<std::string, std::string> files;  // files written inside the container (overlay)
  std::set<std::string> removed;             // image files removed with rm
  bool attached = false;        // `kubectl run -i -t`: the shell is the container's main process
  bool remove_on_exit = false;  // `kubectl run --rm`: delete the pod when the session ends
};

struct Session {
  ShellState host;                           // the learner's bash
  std::map<std::string, std::string> files;  // files the learner wrote (echo … > f)
  std::optional<ContainerSession> container; // set while inside `kubectl exec -ti … bash`
  std::vector<std::string> history;
  int history_base = 1;                      // number of history[0]
  std::vector<Job> jobs;
  int next_pid = 12345;
  int last_background_pid = 0;
  bool proxy_running = false;
  std::string kube_namespace = "default";   // the kubeconfig context's namespace (kubectl config set-context)
  bool exited = false;                       // `exit` at top level: the terminal is closed
  int exit_status = 0;
  uint64_t random_state = 1;                 // $RANDOM (seeded from the engine seed)

  ShellState& active() { return container ? container->sh : host; }
  const ShellState& active() const { return container ? container->sh : host; }
};

// The learner's environment at the start (a plain Linux desktop user, bash 5).
void init_host_shell(Session& s, uint64_t seed);

// [SECTION] the machine a shell runs on
struct Invocation {
  const std::vector<std::string>& argv;
  std::vector<std::pair<std::string, std::string>> env;  // the program's environment
  const std::string* stdin_text = nullptr;  // nullptr: stdin is the terminal (nothing typed)
  Output& out;
  bool background = false;     // the command line ended in '&'
  // Results the program reports back:
  bool keeps_running = false;  // a background program that does not exit (kubectl proxy)
  bool stop_line = false;      // skip the rest of the input line (entered a container shell)
};

class Machine {
 public:
  virtual ~Machine() = default;
  // Runs an external program; nullopt when there is no such program (bash: command not found).
  virtual std::optional<int> run_program(Invocation& inv) = 0;
  // Full path of an external program ("" when absent), for `type` and `which`.
  virtual std::string program_path(const std::string& name) const = 0;
  // Names of the external programs (for Tab completion and `help`).
  virtual std::vector<std::string> program_names() const = 0;
  // Simulated time.
  virtual int64_t now_ms() const = 0;
  virtual void sleep_ms(int64_t ms) = 0;
  // Files (absolute, normalized paths). Directories are derived from file paths.
  virtual const std::string* read_file(const std::string& path) const = 0;
  virtual bool is_dir(const std::string& path) const = 0;
  virtual std::vector<std::string> list_dir(const std::string& path) const = 0;  // names, unsorted
  // Returns "" on success, else the reason in strerror words ("Permission denied", …).
  virtual std::string write_file(const std::string& path, const std::string& content, bool append) = 0;
  virtual std::string remove_file(const std::string& path) = 0;
  virtual std::string hostname() const = 0;
  virtual bool in_container() const { return false; }
  // The order `env` uses in a bash started here (`bash -c` under `kubectl exec`).
  virtual EnvOrder shell_env_order() const { return EnvOrder::Bash5; }
};

// [SECTION] running lines
struct Result {
  int status = 0;
  bool stop_line = false;  // a program asked to stop (entered a container shell)
};

// Runs one input line (it may hold several commands and newlines) in shell `sh` of session `s`.
// Appends what a terminal shows to `out`; returns the exit status (also stored as $?).
int run_line(Session& s, ShellState& sh, Machine& m, std::string_view line, Output& out);
// Runs one command given as words, without a shell (kubectl exec POD -- CMD ARGS…).
int run_argv(Session& s, ShellState& sh, Machine& m, const std::vector<std::string>& argv, Output& out);

// True when bash would show its "> " continuation prompt for this text (unterminated quote,
// trailing backslash, `&&` / `|` at the end, an unfinished if/for/while).
bool needs_more(std::string_view text);
// True when the line ends in an unescaped backslash: an explicit continuation. Scripts (the CLI
// reading a file or a pipe, scenario files) join only these; any other line is a whole input,
// as `bash -c LINE` would see it.
bool line_continues(std::string_view line);

// Bash's job notices ("[1]+  Done                    sleep 5") due before the next prompt.
void report_jobs(Session& s, int64_t now_ms, Output& out);

// Names of shell builtins and utilities the interpreter implements itself.
const std::vector<std::string>& builtin_names();

// Splits a line into words the way the completer needs them (quotes removed, no expansion);
// `ends_in_space` tells whether a new word has started.
std::vector<std::string> rough_words(std::string_view line, bool* ends_in_space);

}  // namespace kubesim::shell
