// kubesim — the engine facade: a Cluster plus the terminal's shell session, a log of what was
// typed (and of load-generator requests), and automatic checkpoints for time travel.
//
// Replay is exact because the world is a function of (seed, scenario, log): every command runs
// at its logged simulated time, the clock only moves by run_until, and all randomness comes from
// the store's Rng inside the Cluster (the shell's own counters live in the Session).
#include "engine.h"

#include "controllers/replicaset.h"

#include <algorithm>

#include "api/json.h"
#include "bootstrap.h"
#include "controllers/replicaset.h"
#include "scenarios.h"
#include "shell/complete.h"
#include "shell/host.h"
#include "shell/shell.h"

namespace kubesim {

namespace {

// Checkpoint policy: one before every command and one per 10 s of simulated time (longer for
// big worlds), at most kMaxCheckpoints and about kCheckpointBudget objects in total (a pod is a
// few KB, so the budget keeps checkpoints near 1 GB even at 150,000 pods). Old checkpoints are
// thinned first, so they get sparser with age; the first one (the start) always stays.
constexpr int64_t kCheckpointIntervalMs = 10000;
constexpr size_t kMaxCheckpoints = 64;
constexpr size_t kCheckpointBudget = 400000;
constexpr size_t kBigWorld = 50000;  // above this, "before every command" waits for the interval
constexpr size_t kMaxLogEntries = 1000000;

struct World {
  Cluster cluster;
  shell::Session session;
  explicit World(const ClusterOptions& o) : cluster(o) {}
};

struct LogEntry {
  int64_t at_ms = 0;
  bool request = false;  // a load-generator request (else a typed line)
  std::string line;      // typed line, or "<ns>/<service>"
};

struct Checkpoint {
  int64_t at_ms = 0;
  size_t cursor = 0;  // log entries applied
  size_t cost = 0;    // objects held
  std::shared_ptr<const World> world;
};

size_t world_cost(const World& w) {
  const auto& st = w.cluster.store;
  return 100 + st.pods().size() + st.replicasets().size() + st.deployments().size() + st.services().size() +
         st.endpoints().size() + st.nodes().size() + st.namespaces().size() + st.events().size() +
         st.pod_tombstones().size() + w.cluster.network.requests().size();
}

std::string strip_line(std::string_view line) {
  std::string s;
  s.reserve(line.size());
  for (char c : line) if (c != '\0') s += c;
  while (!s.empty() && s.back() == '\r') s.pop_back();  // scripts saved with CRLF
  return s;
}

}  // namespace

struct Engine::State {
  EngineOptions options;
  World world;
  std::vector<LogEntry> log;
  std::vector<CommandRecord> commands;  // the typed lines of `log` (including a cut-off future)
  size_t cursor = 0;                    // entries of `log` applied to `world`
  int64_t start_ms = 0;
  std::vector<Checkpoint> checkpoints;  // sorted by (at_ms, cursor); shared between snapshots
  int64_t last_checkpoint_ms = 0;
  bool exited = false;
  int exit_status = 0;

  State(const EngineOptions& o, const ClusterOptions& co) : options(o), world(co) {}

  Cluster& cluster() { return world.cluster; }
  shell::Session& session() { return world.session; }

  // [SECTION] running a line (the same path for typed lines, scenarios and replays)
  int execute(const std::string& line, Output& out, bool record_history) {
    shell::Session& s = world.session;
    Cluster& c = world.cluster;
    exited = false;
    if (s.container && !shell::container_alive(s, c)) {
      // the container the shell ran in is gone: kubectl exec ended (bash was killed)
      out.err("command terminated with exit code 137\n");
      s.container.reset();
      s.host.last_status = 137;
    }
    if (record_history && line.find_first_not_of(" \t\n") != std::string::npos) {
      s.history.push_back(line);
      if (s.history.size() > shell::kMaxHistory) {
        s.history.erase(s.history.begin());
        ++s.history_base;
      }
    }
    int status;
    if (s.container) {
      shell::ContainerMachine m(c, s, *s.container);
      status = shell::run_line(s, s.container->sh, m, line, out);
      if (s.container && s.container->sh.exit_requested) {
        status = s.container->sh.exit_status;
        shell::ContainerSession ended = std::move(*s.container);
        s.container.reset();
        if (ended.attached) status = end_attached_session(ended, status, out);
        else if (status != 0) out.err("command terminated with exit code " + std::to_string(status) + "\n");
        s.host.last_status = status;
      }
    } else {
      shell::HostMachine m(c, s);
      status = shell::run_line(s, s.host, m, line, out);
      if (s.host.exit_requested) {
        s.host.exit_requested = false;
        exited = true;
        exit_status = s.host.exit_status;
      }
    }
    if (!s.container) shell::report_jobs(s, c.now(), out);
    return status;
  }

  // `kubectl run -i -t` ends when its shell (the container's main process) exits: the container
  // terminates and its restart policy applies; --rm deletes the pod. What kubectl prints then:
  // attach's "Session ended, resume using …" for restartPolicy Always, delete's line for --rm.
  int end_attached_session(const shell::ContainerSession& ended, int code, Output& out) {
    Cluster& c = world.cluster;
    const store::Key key{ended.namespace_, ended.pod};
    const api::Pod* pod = c.store.pods().get(key);
    if (!pod || pod->metadata.uid != ended.pod_uid) return 0;
    const bool always = pod->spec.restart_policy.empty() || pod->spec.restart_policy == "Always";
    c.kubelets.end_main_process(key, ended.container, code, c);
    if (always && !ended.remove_on_exit)
      out.out("Session ended, resume using 'kubectl attach " + ended.pod + " -c " + ended.container +
              " -i -t' command when the pod is running\n");
    c.settle();
    if (ended.remove_on_exit) {
      controllers::delete_pod_gracefully(c, key, std::nullopt);
      c.settle();
      out.out("pod \"" + ended.pod + "\" deleted from " + ended.namespace_ + " namespace\n");
    }
    return always ? 0 : code;
  }

  void apply(const LogEntry& e) {
    if (e.request) {
      size_t sl = e.line.find('/');
      request(e.line.substr(0, sl), e.line.substr(sl + 1));
    } else {
      Output discard;
      execute(e.line, discard, true);
    }
  }

  void request(const std::string& ns, const std::string& name) {
    Cluster& c = world.cluster;
    const api::Service* svc = c.store.services().get(ns, name);
    if (!svc || svc->spec.ports.empty()) return;
    network::HttpOptions opts;
    opts.client_label = "loadgen";
    const api::ServicePort& p = svc->spec.ports.front();
    if (p.node_port) {
      c.network.request(c, network::Network::node_ip(c, bootstrap::node_name(0)), p.node_port, "/", "", false, opts);
    } else if (!svc->spec.cluster_ip.empty() && svc->spec.cluster_ip != "None") {
      // a ClusterIP is reachable from inside the cluster only: send from the control-plane node
      c.network.request(c, svc->spec.cluster_ip, p.port, "/", "node/" + bootstrap::node_name(0), false, opts);
    }
  }

  // [SECTION] log and checkpoints
  // A new entry after a seek into the past cuts the future off (like an editor's undo).
  void cut_future() {
    if (cursor >= log.size()) return;
    log.resize(cursor);
    commands.clear();
    for (auto& e : log) if (!e.request) commands.push_back({e.at_ms, e.line});
    const int64_t now = world.cluster.now();
    checkpoints.erase(std::remove_if(checkpoints.begin(), checkpoints.end(),
                                     [&](const Checkpoint& cp) { return cp.cursor > cursor || cp.at_ms > now; }),
                      checkpoints.end());
  }

  void append(LogEntry e) {
    if (log.size() >= kMaxLogEntries) {  // keep replays bounded: forget the oldest history
      size_t drop = log.size() / 2;
      log.erase(log.begin(), log.begin() + static_cast<long>(drop));
      cursor -= std::min(cursor, drop);
      checkpoints.erase(std::remove_if(checkpoints.begin(), checkpoints.end(),
                                       [&](const Checkpoint& cp) { return cp.cursor < drop; }),
                        checkpoints.end());
      for (auto& cp : checkpoints) cp.cursor -= drop;
      commands.clear();
      for (auto& x : log) if (!x.request) commands.push_back({x.at_ms, x.line});
    }
    if (!e.request) commands.push_back({e.at_ms, e.line});
    log.push_back(std::move(e));
  }

  int64_t interval_ms() const {
    size_t cost = world_cost(world);
    return kCheckpointIntervalMs * static_cast<int64_t>(std::max<size_t>(1, cost / 20000));
  }

  void checkpoint(bool force) {
    if (!options.time_travel) return;
    const int64_t now = world.cluster.now();
    for (auto& cp : checkpoints)
      if (cp.at_ms == now && cp.cursor == cursor) return;
    if (!checkpoints.empty() && (!force || world_cost(world) > kBigWorld) && now - last_checkpoint_ms < interval_ms())
      return;
    Checkpoint cp;
    cp.at_ms = now;
    cp.cursor = cursor;
    cp.cost = world_cost(world);
    cp.world = std::make_shared<const World>(world);
    auto pos = std::upper_bound(checkpoints.begin(), checkpoints.end(), cp, [](const Checkpoint& a, const Checkpoint& b) {
      return a.at_ms != b.at_ms ? a.at_ms < b.at_ms : a.cursor < b.cursor;
    });
    checkpoints.insert(pos, std::move(cp));
    last_checkpoint_ms = std::max(last_checkpoint_ms, now);
    thin(now);
  }

  void thin(int64_t now) {
    auto total = [&]() { size_t t = 0; for (auto& cp : checkpoints) t += cp.cost; return t; };
    while (checkpoints.size() > 2 && (checkpoints.size() > kMaxCheckpoints || total() > kCheckpointBudget)) {
      // drop the checkpoint whose neighbours are closest, relative to its age: old ones go first
      size_t best = 1;
      double best_score = 0;
      for (size_t i = 1; i + 1 < checkpoints.size(); ++i) {
        double gap = static_cast<double>(checkpoints[i + 1].at_ms - checkpoints[i - 1].at_ms) + 1.0;
        double age = static_cast<double>(now - checkpoints[i].at_ms) + 1000.0;
        double score = gap / age;
        if (i == 1 || score < best_score) { best = i; best_score = score; }
      }
      checkpoints.erase(checkpoints.begin() + static_cast<long>(best));
    }
  }
};

// [SECTION] construction
std::string Engine::validate(const EngineOptions& opts) {
  if (opts.nodes < 1 || opts.nodes > kMaxNodes)
    return "--nodes must be between 1 and " + std::to_string(kMaxNodes) + " (got " + std::to_string(opts.nodes) + ")";
  if (opts.scenario_text.size() > scenarios::kMaxScenarioBytes)
    return "scenario file \"" + opts.scenario + "\" is too large (kubesim reads at most 1 MiB)";
  if (opts.scenario.empty() || scenarios::find(opts.scenario) || !opts.scenario_text.empty()) return "";
  std::string names;
  for (auto& s : scenarios::builtin()) names += (names.empty() ? "" : ", ") + s.name;
  return "unknown scenario \"" + opts.scenario + "\" (built-in scenarios: " + names + "; or give a file of shell lines)";
}

Engine::Engine(const EngineOptions& opts_in) {
  EngineOptions opts = opts_in;
  opts.nodes = std::clamp(opts.nodes, 1, kMaxNodes);
  ClusterOptions co;
  co.seed = opts.seed;
  co.nodes = opts.nodes;
  state_ = std::make_unique<State>(opts, co);
  State& st = *state_;
  st.world.cluster.bootstrap();
  shell::init_host_shell(st.world.session, opts.seed);
  // the scenario: built-in by name, else the file's lines (one command per line, `\` continues);
  // output discarded, nothing logged
  std::string script;
  if (const scenarios::Scenario* sc = scenarios::find(opts.scenario)) script = sc->script;
  else if (opts.scenario_text.size() <= scenarios::kMaxScenarioBytes) script = opts.scenario_text;
  std::string pending;
  size_t i = 0;
  while (i <= script.size()) {
    size_t nl = script.find('\n', i);
    if (nl == std::string::npos) nl = script.size();
    std::string line = strip_line(std::string_view(script).substr(i, nl - i));
    i = nl + 1;
    pending = pending.empty() ? line : pending + "\n" + line;
    if (i <= script.size() && shell::line_continues(pending)) continue;  // only `\` joins lines
    if (pending.find_first_not_of(" \t\n") != std::string::npos) {
      Output discard;
      st.execute(pending, discard, false);
    }
    pending.clear();
  }
  st.world.session.history.clear();
  st.world.session.history_base = 1;
  st.exited = false;
  st.start_ms = st.world.cluster.now();
  st.last_checkpoint_ms = st.start_ms;
  st.checkpoint(true);
}

Engine::~Engine() = default;

// [SECTION] commands
RunResult Engine::run(std::string_view line_in) {
  State& st = *state_;
  std::string line = strip_line(line_in);
  st.cut_future();
  st.checkpoint(true);
  LogEntry e;
  e.at_ms = st.world.cluster.now();
  e.line = line;
  st.append(e);
  RunResult r;
  r.status = st.execute(line, r.output, true);
  st.cursor = st.log.size();
  st.checkpoint(false);
  return r;
}

std::string Engine::prompt() const {
  const shell::Session& s = state_->world.session;
  if (s.container && shell::container_alive(s, state_->world.cluster)) return shell::container_prompt(*s.container);
  return "$ ";
}

std::vector<std::string> Engine::complete(std::string_view line) const {
  return shell::complete(state_->world.session, state_->world.cluster, line);
}

bool Engine::needs_more(std::string_view text) {
  return text.size() <= shell::kMaxLineBytes && shell::needs_more(text);
}

bool Engine::line_continues(std::string_view line) { return shell::line_continues(line); }

bool Engine::exited() const { return state_->exited; }
int Engine::exit_status() const { return state_->exit_status; }

// [SECTION] time
void Engine::advance(int64_t ms) {
  if (ms <= 0) return;
  run_until(state_->world.cluster.now() + ms);
}

void Engine::run_until(int64_t t_ms) {
  State& st = *state_;
  if (t_ms <= st.world.cluster.now()) return;
  // take the periodic checkpoints on the way, so seeking into a long quiet stretch is cheap
  while (st.options.time_travel && st.world.cluster.now() < t_ms) {
    int64_t next = std::min(t_ms, st.last_checkpoint_ms + st.interval_ms());
    if (next <= st.world.cluster.now()) next = t_ms;
    st.world.cluster.run_until(next);
    st.checkpoint(false);
  }
  if (st.world.cluster.now() < t_ms) st.world.cluster.run_until(t_ms);
}

int64_t Engine::now() const { return state_->world.cluster.now(); }
int64_t Engine::start_time() const { return state_->start_ms; }

// [SECTION] reading
const Cluster& Engine::cluster() const { return state_->world.cluster; }
const std::vector<CommandRecord>& Engine::command_log() const { return state_->commands; }
const EngineOptions& Engine::options() const { return state_->options; }

void Engine::send_request(const std::string& namespace_, const std::string& service) {
  State& st = *state_;
  if (!st.world.cluster.store.services().get(namespace_, service)) return;
  st.cut_future();
  LogEntry e;
  e.at_ms = st.world.cluster.now();
  e.request = true;
  e.line = namespace_ + "/" + service;
  st.request(namespace_, service);
  st.append(std::move(e));
  st.cursor = st.log.size();
}

// [SECTION] snapshots and time travel
Engine::Snapshot Engine::snapshot() const { return std::make_shared<const State>(*state_); }

void Engine::restore(const Snapshot& s) {
  if (s) *state_ = *s;
}

void Engine::seek(int64_t t_ms) {
  State& st = *state_;
  t_ms = std::max(t_ms, st.start_ms);
  const int64_t now = st.world.cluster.now();
  // start from the newest consistent state at or before t: a checkpoint, or the present
  const Checkpoint* best = nullptr;
  for (auto& cp : st.checkpoints)
    if (cp.at_ms <= t_ms) best = &cp;
  bool use_present = now <= t_ms && (!best || now >= best->at_ms);
  if (!use_present) {
    if (!best) return;  // nothing to go back to (time travel is off)
    st.world = *best->world;
    st.cursor = best->cursor;
    st.last_checkpoint_ms = best->at_ms;
  }
  // replay what was typed (and requested) up to t
  while (st.cursor < st.log.size() && st.log[st.cursor].at_ms <= t_ms) {
    const LogEntry& e = st.log[st.cursor];
    if (e.at_ms > st.world.cluster.now()) run_until(e.at_ms);
    st.apply(e);
    ++st.cursor;
    st.checkpoint(false);
  }
  if (st.world.cluster.now() < t_ms) run_until(t_ms);
}

// [SECTION] state hash
namespace {
struct Fnv {
  uint64_t h = 14695981039346656037ULL;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0xFF;  // field separator
    h *= 1099511628211ULL;
  }
  void add(int64_t v) { add(std::to_string(v)); }
};
}  // namespace

uint64_t Engine::cluster_hash() const {
  const World& w = state_->world;
  const store::Store& st = w.cluster.store;
  Fnv f;
  auto table = [&](const char* kind, const auto& t) {
    f.add(kind);
    for (auto& [key, obj] : t) f.add(api::to_json(obj).dump());
  };
  table("Namespace", st.namespaces());
  table("Node", st.nodes());
  table("Pod", st.pods());
  table("ReplicaSet", st.replicasets());
  table("Deployment", st.deployments());
  table("Service", st.services());
  table("Endpoints", st.endpoints());
  table("Event", st.events());
  f.add(st.now());
  f.add(static_cast<int64_t>(st.resource_version()));
  // the Rng's state, probed through a copy (its words are private)
  sim::Rng probe = const_cast<store::Store&>(st).rng();
  for (int i = 0; i < 4; ++i) f.add(static_cast<int64_t>(probe.next()));
  return f.h;
}

uint64_t Engine::state_hash() const {
  const World& w = state_->world;
  Fnv f;
  f.add(static_cast<int64_t>(cluster_hash()));
  // the terminal's session
  const shell::Session& s = w.session;
  auto shell_state = [&](const shell::ShellState& sh) {
    for (auto& [k, v] : sh.vars) f.add(k + (v.exported ? "=x=" : "==") + v.value);
    for (auto& [k, v] : sh.aliases) f.add("alias " + k + "=" + v);
    f.add(sh.cwd);
    f.add(sh.last_status);
  };
  shell_state(s.host);
  if (s.container) {
    f.add("container " + s.container->namespace_ + "/" + s.container->pod + "/" + s.container->container);
    shell_state(s.container->sh);
  }
  for (auto& [k, v] : s.files) f.add(k + "\n" + v);
  for (auto& h : s.history) f.add(h);
  for (auto& j : s.jobs) f.add(std::to_string(j.id) + " " + std::to_string(j.pid) + " " + j.command + " " + std::to_string(j.state));
  f.add(s.proxy_running ? 1 : 0);
  f.add(s.next_pid);
  return f.h;
}

}  // namespace kubesim
