// kubesim — the one facade over the engine. The CLI and the web app are thin clients of this
// class: run a shell line, move the clock, read the world (without copying it), snapshot and
// restore, hash the state.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cluster.h"
#include "io.h"

namespace kubesim {

namespace shell { struct Session; }

struct EngineOptions {
  uint64_t seed = 1;
  int nodes = 1;                 // 1 … kMaxNodes
  std::string scenario = "fresh";  // "fresh", "bootcamp", or a path to a scenario file (CLI only)
  std::string scenario_text;     // the contents of a scenario file (shell lines run at start, output discarded)
  // Automatic checkpoints for seek() (time travel). The CLI turns them off: it never seeks.
  bool time_travel = true;
};

struct RunResult {
  Output output;  // exactly what a terminal shows
  int status = 0; // the line's exit status ($?)
};

struct CommandRecord {
  int64_t at_ms = 0;   // simulated time when the line was typed
  std::string line;
};

class Engine {
 public:
  static constexpr int kMaxNodes = 5000;
  // Empty if the options are usable; else the message to print (e.g. "unknown scenario \"x\"").
  static std::string validate(const EngineOptions& opts);

  explicit Engine(const EngineOptions& opts = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // [SECTION] commands
  RunResult run(std::string_view line);  // one shell line; blocking commands advance the clock
  std::string prompt() const;            // "$ " or the container shell's prompt after `exec -ti … bash`
  // Tab completion candidates: whole words replacing the line's last (partial) word, sorted; one
  // ending in '=' or '/' expects more text (no space after it).
  std::vector<std::string> complete(std::string_view line) const;

  // True when bash would show its "> " continuation prompt: the client should read another line
  // and call run() with both joined by '\n' (unterminated quote, trailing '\\' or '|', …).
  static bool needs_more(std::string_view text);
  // True when a script line ends in an unescaped '\\': scripts join only those (every other
  // line is one whole input, as `bash -c LINE` sees it; see the CLI).
  static bool line_continues(std::string_view line);
  // `exit` was typed at the top level (the terminal is closed; run() still works afterwards).
  bool exited() const;
  int exit_status() const;

  // [SECTION] time
  void advance(int64_t ms);
  void run_until(int64_t t_ms);
  int64_t now() const;          // absolute simulated ms since the Unix epoch
  int64_t start_time() const;   // `now()` when the engine was created

  // [SECTION] reading (the UI reads; it never mutates the cluster except through run())
  const Cluster& cluster() const;
  const std::vector<CommandRecord>& command_log() const;
  const EngineOptions& options() const;

  // A request as the load generator sends it (counted and animated like a curl to the
  // service's NodePort; it changes no object).
  void send_request(const std::string& namespace_, const std::string& service);

  // [SECTION] snapshots and time travel
  struct State;
  using Snapshot = std::shared_ptr<const State>;
  Snapshot snapshot() const;
  void restore(const Snapshot& s);
  // Go back (or forward) to simulated time t: restores the newest automatic checkpoint at or
  // before t and replays the command log up to t (commands typed at exactly t included; a
  // blocking command started before t runs to its end, so now() may end up past t). Later
  // commands stay in the log until a new command is typed, which cuts the future off (like an
  // editor's undo). t before start_time() means start_time().
  void seek(int64_t t_ms);
  uint64_t state_hash() const;  // FNV-1a over a canonical dump of every object + the clock + the terminal
  // The same over the cluster alone (objects, clock, resource version, random state), not the
  // terminal's session: unchanged by a line that only reads, or that is rejected as bad input.
  uint64_t cluster_hash() const;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace kubesim
