// kubesim — the interpreter: runs lists, and-or chains, pipelines, compound commands and simple
// commands; applies redirections; starts background jobs; keeps the per-line limits.
#include "shell/interp.h"

#include <algorithm>
#include <memory>

namespace kubesim::shell {

// [SECTION] shell state
void ShellState::set(const std::string& name, std::string value, bool exported) {
  auto it = vars.find(name);
  if (it == vars.end()) {
    Var v;
    v.value = std::move(value);
    v.exported = exported;
    v.seq = next_seq++;
    vars.emplace(name, std::move(v));
    return;
  }
  it->second.value = std::move(value);
  if (exported) it->second.exported = true;
}

static uint32_t bash_hash(const std::string& s, uint32_t basis) {
  uint32_t h = basis;
  for (unsigned char c : s) {
    h *= 16777619u;
    h ^= c;
  }
  return h;
}

std::vector<std::pair<std::string, std::string>> ShellState::environment() const {
  struct E { uint32_t bucket; uint64_t seq; const std::string* name; const std::string* value; };
  std::vector<E> es;
  for (auto& [name, v] : vars) {
    if (!v.exported) continue;
    uint32_t bucket = 0;
    if (env_order == EnvOrder::Bash5) bucket = bash_hash(name, 2166136261u) & 1023u;
    else if (env_order == EnvOrder::Bash4) bucket = bash_hash(name, 0u) & 63u;
    es.push_back({bucket, v.seq, &name, &v.value});
  }
  if (env_order == EnvOrder::Insertion) {
    std::sort(es.begin(), es.end(), [](const E& a, const E& b) { return a.seq < b.seq; });
  } else {
    // bash walks its buckets in order; inside a bucket the newest variable comes first
    std::sort(es.begin(), es.end(), [](const E& a, const E& b) {
      return a.bucket != b.bucket ? a.bucket < b.bucket : a.seq > b.seq;
    });
  }
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(es.size());
  for (auto& e : es) out.emplace_back(*e.name, *e.value);
  return out;
}

void init_host_shell(Session& s, uint64_t seed) {
  ShellState& sh = s.host;
  sh = ShellState{};
  sh.env_order = EnvOrder::Bash5;
  sh.cwd = "/home/learner";
  // The environment a terminal on a Linux desktop hands to bash, then what bash sets itself.
  const std::pair<const char*, const char*> exported[] = {
      {"SHELL", "/bin/bash"},
      {"LANG", "C.UTF-8"},
      {"USER", "learner"},
      {"LOGNAME", "learner"},
      {"HOME", "/home/learner"},
      {"TERM", "xterm-256color"},
      {"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
      {"PWD", "/home/learner"},
      {"SHLVL", "1"},
  };
  for (auto& [k, v] : exported) sh.set(k, v, true);
  const std::pair<const char*, const char*> local[] = {
      {"HOSTNAME", "laptop"},
      {"BASH", "/usr/bin/bash"},
      {"BASH_VERSION", "5.2.21(1)-release"},
      {"UID", "1000"},
      {"EUID", "1000"},
      {"IFS", " \t\n"},
      {"PS1", "$ "},
      {"PS2", "> "},
      {"OPTIND", "1"},
  };
  for (auto& [k, v] : local) sh.set(k, v, false);
  s.random_state = seed * 6364136223846793005ULL + 1442695040888963407ULL;
}

// [SECTION] helpers
std::string normalize_path(const std::string& p) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    std::string part = p.substr(i, j - i);
    if (part == "..") { if (!parts.empty()) parts.pop_back(); }
    else if (!part.empty() && part != ".") parts.push_back(part);
    i = j + 1;
  }
  std::string out;
  for (auto& x : parts) out += "/" + x;
  return out.empty() ? "/" : out;
}

bool parse_int(std::string_view s, int64_t& v) {
  size_t i = 0;
  bool neg = false;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) { neg = s[i] == '-'; ++i; }
  if (i >= s.size()) return false;
  uint64_t x = 0;
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    x = x * 10 + static_cast<uint64_t>(s[i] - '0');
    if (x > (1ULL << 62)) return false;
    ++i;
  }
  if (i == start) return false;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
  if (i != s.size()) return false;
  v = neg ? -static_cast<int64_t>(x) : static_cast<int64_t>(x);
  return true;
}

std::string bash_quote(const std::string& v) {
  bool plain = !v.empty();
  for (unsigned char c : v) {
    if (!(std::isalnum(c) || c == '_' || c == '/' || c == '.' || c == '-' || c == ':' || c == '=' || c == '+' ||
          c == ',' || c == '@' || c == '%'))
      plain = false;
  }
  if (plain) return v;
  std::string out = "'";
  for (char c : v) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

// GNU sleep: NUMBER[SUFFIX], suffix s m h d, NUMBER may have a fraction.
int64_t parse_duration_ms(std::string_view s) {
  if (s.empty()) return -1;
  int64_t mult = 1000;
  char last = s.back();
  if (last == 's' || last == 'm' || last == 'h' || last == 'd') {
    mult = last == 's' ? 1000 : last == 'm' ? 60000 : last == 'h' ? 3600000 : 86400000;
    s.remove_suffix(1);
  }
  if (s.empty()) return -1;
  if (s == "inf" || s == "infinity") return INT64_MAX;
  uint64_t whole = 0;
  size_t i = 0;
  bool digits = false;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (whole > 1000000000000ULL) return INT64_MAX;  // absurdly long: capped by the caller
    whole = whole * 10 + static_cast<uint64_t>(s[i] - '0');
    ++i;
    digits = true;
  }
  int64_t frac_ms = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int64_t scale = mult;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      scale /= 10;
      frac_ms += (s[i] - '0') * scale;
      ++i;
      digits = true;
    }
  }
  if (!digits || i != s.size()) return -1;
  uint64_t ms = whole * static_cast<uint64_t>(mult) + static_cast<uint64_t>(frac_ms);
  if (ms > static_cast<uint64_t>(INT64_MAX / 2)) return INT64_MAX;
  return static_cast<int64_t>(ms);
}

// [SECTION] interpreter core
Interp::Interp(Session& s_, ShellState& sh_, Machine& m_, Output& term_) : s(s_), sh(&sh_), m(m_), term(term_) {}

void Interp::write(const Sink& k, std::string_view text) {
  if (text.empty() || k.kind == Sink::Null) return;
  if (output_bytes_ + text.size() > kMaxOutputBytes) {
    if (!output_truncated_) {
      output_truncated_ = true;
      term.err("\nkubesim: output stopped after 8 MiB (the limit for one line)\n");
      stop_ = true;
    }
    return;
  }
  output_bytes_ += text.size();
  switch (k.kind) {
    case Sink::TermOut: term.out(text); break;
    case Sink::TermErr: term.err(text); break;
    case Sink::Buffer: k.buf->append(text); break;
    case Sink::Null: break;
  }
}

void Interp::route(const Output& o, const Fds& f) {
  for (auto& c : o.chunks) write(c.stream == Output::Stdout ? f.out : f.err, c.text);
}

std::string Interp::abs_path(const std::string& p) const {
  if (!p.empty() && p[0] == '/') return normalize_path(p);
  return normalize_path(sh->cwd + "/" + p);
}

Env Interp::environment_for(const Call& c, const std::string& program_path) const {
  Env env = sh->environment();
  for (auto& [k, v] : c.temp_env) {
    bool replaced = false;
    for (auto& e : env) if (e.first == k) { e.second = v; replaced = true; }
    if (!replaced) env.emplace_back(k, v);
  }
  // bash puts the program's path in `_` (last) for programs it starts
  if (sh->env_order != EnvOrder::Insertion && !program_path.empty()) {
    for (auto it = env.begin(); it != env.end(); ++it) if (it->first == "_") { env.erase(it); break; }
    env.emplace_back("_", program_path);
  }
  return env;
}

int Interp::run_text(std::string_view text, const Fds& f) {
  if (depth_ + 1 > kMaxNestingDepth) {
    err(f, "bash: nesting too deep (kubesim allows " + std::to_string(kMaxNestingDepth) + " levels)\n");
    return 2;
  }
  parse::List list;
  parse::Error e = parse::parse(text, list);
  if (e) {
    err(f, e.message + "\n");
    return 2;
  }
  ++depth_;
  int st = run_list(list, f);
  --depth_;
  return st;
}

int Interp::eval_text(std::string_view text, const Fds& f) {
  int st = run_text(text, f);
  sh->last_status = st;
  return st;
}

int Interp::run_words(const std::vector<std::string>& argv, const Fds& f) {
  Call c{argv, f, {}, false};
  int st = dispatch(c);
  sh->last_status = st;
  return st;
}

int Interp::run_list(const parse::List& l, const Fds& f) {
  int st = sh->last_status;
  for (auto& item : l.items) {
    if (stopped() || jumping()) break;
    st = run_item(item, f);
    sh->last_status = st;
  }
  return st;
}

int Interp::run_item(const parse::ListItem& item, const Fds& f) {
  if (!item.background) return run_and_or(item.and_or, f, false);
  // A background job: bash prints "[N] PID" and gives the prompt back at once.
  int id = 1;
  for (auto& j : s.jobs) id = std::max(id, j.id + 1);
  int pid = s.next_pid++;
  err(f, "[" + std::to_string(id) + "] " + std::to_string(pid) + "\n");
  bg_keeps_running = false;
  bg_proxy = false;
  bg_sleep_ms = 0;
  int st = run_and_or(item.and_or, f, true);
  Job j;
  j.id = id;
  j.pid = pid;
  j.command = item.text;
  j.exit_status = st;
  if (bg_keeps_running) {
    j.state = Job::Running;
    j.proxy = bg_proxy;
  } else if (bg_sleep_ms > 0) {
    j.state = Job::Running;
    j.ends_at_ms = m.now_ms() + bg_sleep_ms;
  } else {
    j.state = Job::Done;
    j.ends_at_ms = m.now_ms();
  }
  s.jobs.push_back(std::move(j));
  s.last_background_pid = pid;
  return 0;
}

int Interp::run_and_or(const parse::AndOr& a, const Fds& f, bool background) {
  int st = run_pipeline(a.pipelines[0], f, background);
  for (size_t i = 0; i + 1 < a.pipelines.size(); ++i) {
    if (stopped() || jumping()) break;
    bool run = a.is_or[i] ? st != 0 : st == 0;
    if (run) st = run_pipeline(a.pipelines[i + 1], f, background);
  }
  return st;
}

int Interp::run_pipeline(const parse::Pipeline& p, const Fds& f, bool background) {
  int st = 0;
  if (p.commands.size() == 1) {
    st = run_command(p.commands[0], f, background);
  } else {
    // Each stage of a pipeline runs in a subshell: its variable changes do not survive.
    InStream streams[2];
    InStream* in = f.in;
    for (size_t i = 0; i < p.commands.size(); ++i) {
      if (stopped()) break;
      std::string out_buf;
      Fds fi = f;
      fi.in = in;
      if (i + 1 < p.commands.size()) {
        fi.out = Sink{Sink::Buffer, &out_buf};
        if (p.pipe_stderr[i]) fi.err = fi.out;
      }
      ShellState saved = *sh;
      ++subshell_depth_;
      st = run_command(p.commands[i], fi, background);
      --subshell_depth_;
      *sh = std::move(saved);
      exiting_ = false;
      expansion_error_ = false;
      break_levels = 0;
      continue_pending = false;
      InStream& next = streams[i % 2];
      next.data = std::move(out_buf);
      next.pos = 0;
      in = &next;
    }
  }
  if (p.negate) st = st == 0 ? 1 : 0;
  sh->last_status = st;
  return st;
}

int Interp::run_command(const parse::Command& c, const Fds& f, bool background) {
  if (c.kind == parse::Command::Simple) return run_simple(c, f, background);
  return run_compound(c, f, background);
}

bool Interp::count_iteration(const Fds& f) {
  if (++loop_iterations > kMaxLoopIterations) {
    if (!loop_limit_hit) {
      err(f, "kubesim: stopped after " + std::to_string(kMaxLoopIterations) +
                 " loop iterations (a real terminal would need Ctrl-C)\n");
    }
    loop_limit_hit = true;
    stop_ = true;
    return false;
  }
  return true;
}

static std::string redirect_text(const parse::Redirect& r) {
  using R = parse::Redirect;
  std::string op;
  switch (r.op) {
    case R::Out: op = ">"; break;
    case R::Append: op = ">>"; break;
    case R::In: op = "<"; break;
    case R::Dup: op = r.fd == 0 ? "<&" : ">&"; break;
    case R::OutBoth: return "&> " + r.word;
    case R::AppendBoth: return "&>> " + r.word;
    case R::HereString: op = "<<<"; break;
  }
  return std::to_string(r.fd) + op + " " + r.word;
}

bool Interp::apply_redirects(const std::vector<parse::Redirect>& rs, Fds& f, Owned& owned, const Fds& orig) {
  auto& bufs = owned.bufs;
  auto& files = owned.files;
  using R = parse::Redirect;
  for (auto& r : rs) {
    std::string target;
    if (!expand_string(r.word, target, orig)) { expansion_error_ = true; return false; }
    auto set_fd = [&](int fd, const Sink& k) {
      if (fd == 1) f.out = k;
      else if (fd == 2) f.err = k;
    };
    switch (r.op) {
      case R::Out:
      case R::Append:
      case R::OutBoth:
      case R::AppendBoth: {
        Sink k;
        if (target.empty()) {
          err(orig, "bash: : No such file or directory\n");
          return false;
        }
        if (target == "/dev/null") k = Sink{Sink::Null, nullptr};
        else if (target == "/dev/stdout") k = f.out;
        else if (target == "/dev/stderr") k = f.err;
        else if (target == "/dev/tty") k = Sink{Sink::TermOut, nullptr};
        else {
          bufs.push_back(std::make_unique<std::string>());
          k = Sink{Sink::Buffer, bufs.back().get()};
          bool append = r.op == R::Append || r.op == R::AppendBoth;
          std::string path = abs_path(target);
          if (m.is_dir(path)) {
            err(orig, "bash: " + target + ": Is a directory\n");
            return false;
          }
          if (!append) {  // bash truncates when it opens the file, before the command runs
            std::string e = m.write_file(path, "", false);
            if (!e.empty()) {
              err(orig, "bash: " + target + ": " + e + "\n");
              return false;
            }
          }
          files.push_back({path, true, bufs.back().get()});
        }
        if (r.op == R::OutBoth || r.op == R::AppendBoth) { f.out = k; f.err = k; }
        else set_fd(r.fd, k);
        break;
      }
      case R::Dup: {
        if (target == "-") { set_fd(r.fd, Sink{Sink::Null, nullptr}); break; }
        if (r.fd == 0) break;
        if (target == "1") set_fd(r.fd, f.out);
        else if (target == "2") set_fd(r.fd, f.err);
        else if (target != "0") {
          err(orig, "bash: " + target + ": Bad file descriptor\n");
          return false;
        }
        break;
      }
      case R::In: {
        if (target == "/dev/null") {
          owned.ins.push_back(std::make_unique<InStream>());
          if (r.fd == 0) f.in = owned.ins.back().get();
          break;
        }
        std::string path = abs_path(target);
        const std::string* content = m.read_file(path);
        if (!content) {
          err(orig, "bash: " + target + ": " + (m.is_dir(path) ? "Is a directory" : "No such file or directory") + "\n");
          return false;
        }
        owned.ins.push_back(std::make_unique<InStream>());
        owned.ins.back()->data = *content;
        if (r.fd == 0) f.in = owned.ins.back().get();
        break;
      }
      case R::HereString: {
        owned.ins.push_back(std::make_unique<InStream>());
        owned.ins.back()->data = target + "\n";
        if (r.fd == 0) f.in = owned.ins.back().get();
        break;
      }
    }
  }
  return true;
}

void Interp::commit_files(const std::vector<FileOut>& files, const Fds& f) {
  for (auto& fo : files) {
    if (fo.buf->empty()) continue;
    std::string e = m.write_file(fo.path, *fo.buf, fo.append);
    if (!e.empty()) err(f, "bash: " + fo.path + ": " + e + "\n");
  }
}

int Interp::run_simple(const parse::Command& c, const Fds& f, bool background) {
  // [alias expansion] textual, like bash: the first word, unquoted, not already being expanded
  if (!c.words.empty()) {
    const std::string& w0 = c.words[0];
    auto it = sh->aliases.find(w0);
    if (it != sh->aliases.end() && !expanding_aliases_.count(w0)) {
      std::string text;
      for (auto& a : c.assignments) text += a + " ";
      text += it->second;
      for (size_t i = 1; i < c.words.size(); ++i) text += " " + c.words[i];
      for (auto& r : c.redirects) text += " " + redirect_text(r);
      expanding_aliases_.insert(w0);
      if (depth_ + 1 > kMaxNestingDepth) {
        err(f, "bash: nesting too deep (kubesim allows " + std::to_string(kMaxNestingDepth) + " levels)\n");
        expanding_aliases_.erase(w0);
        return 2;
      }
      parse::List list;
      parse::Error e = parse::parse(text, list);
      int st;
      if (e) {
        err(f, e.message + "\n");
        st = 2;
      } else {
        ++depth_;
        // an alias ending in '&' or holding a list runs as written; its items share our fds
        st = 0;
        for (auto& item : list.items) {
          if (stopped() || jumping()) break;
          st = item.background ? run_item(item, f) : run_and_or(item.and_or, f, background);
          sh->last_status = st;
        }
        --depth_;
      }
      expanding_aliases_.erase(w0);
      return st;
    }
  }

  last_subst_status = -1;
  std::vector<std::string> argv;
  bool declaration = false;  // export/readonly/…: NAME=value arguments are not split (like assignments)
  for (auto& w : c.words) {
    std::vector<std::string> fields;
    if (declaration && parse::is_assignment(w)) {
      std::string v;
      if (!expand_string(w, v, f)) { expansion_error_ = true; return 1; }
      fields.push_back(std::move(v));
    } else if (!expand_word(w, fields, f)) {
      expansion_error_ = true;
      return 1;
    }
    if (argv.empty() && !fields.empty()) {
      const std::string& n = fields[0];
      declaration = n == "export" || n == "readonly" || n == "declare" || n == "typeset" || n == "local" || n == "alias";
    }
    for (auto& x : fields) argv.push_back(std::move(x));
    if (argv.size() > kMaxExpandedWords) {
      err(f, "bash: too many words (kubesim allows " + std::to_string(kMaxExpandedWords) + ")\n");
      return 1;
    }
    if (stopped()) return 1;
  }
  // assignments: NAME=value, NAME+=value
  Env assigns;
  for (auto& a : c.assignments) {
    size_t eq = a.find('=');
    bool append = eq > 0 && a[eq - 1] == '+';
    std::string name = a.substr(0, append ? eq - 1 : eq);
    std::string value;
    if (!expand_string(std::string_view(a).substr(eq + 1), value, f)) { expansion_error_ = true; return 1; }
    if (append) value = sh->get(name) + value;
    assigns.emplace_back(std::move(name), std::move(value));
  }
  Fds rf = f;
  Owned owned;
  if (!apply_redirects(c.redirects, rf, owned, f)) return 1;

  int st;
  if (argv.empty()) {
    for (auto& [k, v] : assigns) sh->set(k, v);
    st = last_subst_status >= 0 ? last_subst_status : 0;
  } else {
    Call call{argv, rf, std::move(assigns), background};
    st = dispatch(call);
    if (background) {
      bg_keeps_running = bg_keeps_running || call.keeps_running;
      if (call.background_sleep_ms > 0) bg_sleep_ms = std::max(bg_sleep_ms, call.background_sleep_ms);
    }
  }
  commit_files(owned.files, f);
  return st;
}

int Interp::run_compound(const parse::Command& c, const Fds& f, bool background) {
  Fds rf = f;
  Owned owned;
  if (!apply_redirects(c.redirects, rf, owned, f)) return 1;
  int st = 0;
  using C = parse::Command;
  switch (c.kind) {
    case C::Subshell: {
      ShellState saved = *sh;
      ++subshell_depth_;
      st = run_list(c.body, rf);
      --subshell_depth_;
      if (exiting_) st = exit_status_;
      *sh = std::move(saved);
      exiting_ = false;
      expansion_error_ = false;
      break;
    }
    case C::Group:
      st = run_list(c.body, rf);
      break;
    case C::If: {
      bool taken = false;
      for (size_t i = 0; i < c.conditions.size(); ++i) {
        int cst = run_list(c.conditions[i], rf);
        if (stopped() || jumping()) { st = cst; taken = true; break; }
        if (cst == 0) {
          st = run_list(c.branches[i], rf);
          taken = true;
          break;
        }
      }
      if (!taken) st = c.has_else ? run_list(c.else_branch, rf) : 0;
      break;
    }
    case C::For: {
      std::vector<std::string> items;
      for (auto& w : c.for_words) {
        std::vector<std::string> fields;
        if (!expand_word(w, fields, rf)) { expansion_error_ = true; return 1; }
        for (auto& x : fields) items.push_back(std::move(x));
        if (items.size() > kMaxExpandedWords) {
          err(rf, "bash: too many words (kubesim allows " + std::to_string(kMaxExpandedWords) + ")\n");
          return 1;
        }
      }
      ++loop_depth;
      for (auto& item : items) {
        if (stopped() || !count_iteration(rf)) break;
        sh->set(c.for_name, item);
        st = run_list(c.body, rf);
        if (break_levels > 0) { --break_levels; break; }
        continue_pending = false;
      }
      --loop_depth;
      break;
    }
    case C::While:
    case C::Until: {
      ++loop_depth;
      for (;;) {
        if (stopped() || !count_iteration(rf)) break;
        int cst = run_list(c.conditions[0], rf);
        if (stopped()) break;
        if (break_levels > 0) { --break_levels; break; }
        bool go = c.kind == C::While ? cst == 0 : cst != 0;
        if (!go) break;
        st = run_list(c.body, rf);
        if (break_levels > 0) { --break_levels; break; }
        continue_pending = false;
      }
      --loop_depth;
      break;
    }
    case C::Arith: {
      int64_t v = 0;
      st = arithmetic(c.arith[0], v, rf) ? (v != 0 ? 0 : 1) : 1;
      break;
    }
    case C::ForArith: {
      int64_t v = 0;
      auto blank = [](const std::string& x) { return x.find_first_not_of(" \t\n") == std::string::npos; };
      if (!blank(c.arith[0]) && !arithmetic(c.arith[0], v, rf)) return 1;
      ++loop_depth;
      for (;;) {
        if (stopped() || !count_iteration(rf)) break;
        if (!blank(c.arith[1])) {
          if (!arithmetic(c.arith[1], v, rf)) { st = 1; break; }
          if (v == 0) break;
        }
        st = run_list(c.body, rf);
        if (break_levels > 0) { --break_levels; break; }
        continue_pending = false;
        if (!blank(c.arith[2]) && !arithmetic(c.arith[2], v, rf)) { st = 1; break; }
      }
      --loop_depth;
      break;
    }
    case C::Simple:
      break;
  }
  (void)background;
  commit_files(owned.files, f);
  return st;
}

int Interp::dispatch(Call& c) {
  const std::string& name = c.argv[0];
  if (Builtin b = find_builtin(name)) return b(*this, c);
  Output o;
  std::string path = m.program_path(name);
  std::string stdin_copy;
  if (c.fds.in) stdin_copy = c.fds.in->take();
  Invocation inv{c.argv, environment_for(c, path), c.fds.in ? &stdin_copy : nullptr, o, c.background};
  ++s.next_pid;
  std::optional<int> r = m.run_program(inv);
  route(o, c.fds);
  if (inv.keeps_running) {
    c.keeps_running = true;
    if (name == "kubectl") bg_proxy = true;
  }
  if (inv.stop_line) stop_ = true;
  if (!r) {
    if (name.find('/') != std::string::npos) {
      std::string p = abs_path(name);
      if (m.is_dir(p)) {
        err(c.fds, "bash: " + name + ": Is a directory\n");
        return 126;
      }
      if (m.read_file(p)) {
        err(c.fds, "bash: " + name + ": Permission denied\n");
        return 126;
      }
      err(c.fds, "bash: " + name + ": No such file or directory\n");
      return 127;
    }
    err(c.fds, "bash: " + name + ": command not found\n");
    return 127;
  }
  return *r;
}

// [SECTION] public entry points
int run_line(Session& s, ShellState& sh, Machine& m, std::string_view line, Output& out) {
  if (line.size() > kMaxLineBytes) {
    out.err("bash: line too long: " + std::to_string(line.size()) + " characters (kubesim reads at most " +
            std::to_string(kMaxLineBytes) + ")\n");
    sh.last_status = 2;
    return 2;
  }
  Interp in(s, sh, m, out);
  Fds f;
  // Inside `kubectl exec -ti`, stderr and stdout share the terminal (one TTY stream).
  if (m.in_container()) f.err = Sink{Sink::TermOut, nullptr};
  int st = in.run_text(line, f);
  if (in.loop_limit_hit) st = 130;
  if (in.exiting_) {
    st = in.exit_status_;
    sh.exit_requested = true;
    sh.exit_status = st;
  }
  sh.last_status = st;
  return st;
}

int run_argv(Session& s, ShellState& sh, Machine& m, const std::vector<std::string>& argv, Output& out) {
  if (argv.empty()) return 0;
  Interp in(s, sh, m, out);
  Fds f;
  int st = in.run_words(argv, f);
  if (in.exiting_) st = in.exit_status_;
  return st;
}

bool needs_more(std::string_view text) {
  parse::List list;
  parse::Error e = parse::parse(text, list);
  if (e.kind == parse::Error::Incomplete) return true;
  if (e) return false;
  size_t n = 0;
  while (n < text.size() && text[text.size() - 1 - n] == '\\') ++n;
  return n % 2 == 1;
}

bool line_continues(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && line[line.size() - 1 - n] == '\\') ++n;
  return n % 2 == 1;
}

void report_jobs(Session& s, int64_t now_ms, Output& out) {
  // bash's current job ('+') is the newest, the previous one ('-') the one before
  int current = 0, previous = 0;
  for (auto& j : s.jobs) {
    if (j.id > current) { previous = current; current = j.id; }
    else if (j.id > previous) previous = j.id;
  }
  for (auto& j : s.jobs) {
    if (j.state == Job::Running && j.ends_at_ms >= 0 && j.ends_at_ms <= now_ms) j.state = Job::Done;
    if (j.state == Job::Running || j.reported) continue;
    if (j.report_next_line) { j.report_next_line = false; continue; }
    std::string status;
    if (j.state == Job::Done) status = j.exit_status == 0 ? "Done" : "Exit " + std::to_string(j.exit_status);
    else status = j.killed ? "Killed" : "Terminated";
    status.resize(std::max<size_t>(status.size(), 24), ' ');
    char mark = j.id == current ? '+' : j.id == previous ? '-' : ' ';
    out.err("[" + std::to_string(j.id) + "]" + mark + "  " + status + j.command + "\n");
    j.reported = true;
  }
  s.jobs.erase(std::remove_if(s.jobs.begin(), s.jobs.end(), [](const Job& j) { return j.reported; }), s.jobs.end());
}

std::vector<std::string> rough_words(std::string_view line, bool* ends_in_space) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
      else cur += c;
      continue;
    }
    if (c == '\'' || c == '"') { quote = c; in_word = true; continue; }
    if (c == '\\' && i + 1 < line.size()) { cur += line[++i]; in_word = true; continue; }
    if (c == ' ' || c == '\t') {
      if (in_word) { words.push_back(cur); cur.clear(); in_word = false; }
      continue;
    }
    if (c == ';' || c == '|' || c == '&' || c == '(' || c == ')') {
      // a new command starts: keep only what follows
      if (in_word) { words.push_back(cur); cur.clear(); in_word = false; }
      words.clear();
      continue;
    }
    cur += c;
    in_word = true;
  }
  if (in_word) words.push_back(cur);
  if (ends_in_space) *ends_in_space = !in_word && !line.empty();
  if (ends_in_space && line.empty()) *ends_in_space = true;
  return words;
}

}  // namespace kubesim::shell
