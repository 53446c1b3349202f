// kubesim — the command-line program: a minikube terminal in virtual time.
//
//   kubesim [--seed N] [--nodes N] [--scenario NAME|FILE] [--echo] [SCRIPT]
//
// Reads shell lines from SCRIPT (or stdin) and writes exactly what a terminal on minikube shows:
// each command's stdout to stdout and stderr to stderr, in order. With a terminal on stdin and no
// SCRIPT it is an interactive prompt (line editing, history, Tab completion). The exit status is
// that of the last command (or of `exit N`); bad arguments exit 2.
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/lineedit.h"
#include "engine.h"
#include "scenarios.h"

#ifndef __EMSCRIPTEN__
#include <unistd.h>
#endif
#ifdef KUBESIM_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

constexpr const char* kVersion = "kubesim 0.1.0 (Kubernetes v1.34.0, minikube v1.37.0)";

void usage(std::FILE* f) {
  std::string names;
  for (auto& s : kubesim::scenarios::builtin()) names += "\n                       " + s.name + ": " + s.description;
  std::fprintf(f,
               "Usage: kubesim [OPTIONS] [SCRIPT]\n"
               "A Kubernetes cluster (a fresh `minikube start`) simulated in virtual time, driven by a bash-like shell.\n"
               "Runs the shell lines of SCRIPT (or standard input) and prints what a terminal on minikube prints.\n"
               "With a terminal on standard input and no SCRIPT, it is an interactive prompt.\n"
               "\n"
               "Options:\n"
               "  --seed N           seed of the simulation (default 1): the same seed and lines give the same output\n"
               "  --nodes N          number of nodes, 1 to %d (default 1)\n"
               "  --scenario NAME    the starting state (default fresh), or a FILE of shell lines run first:%s\n"
               "  --echo             print the prompt and each line before its output, as a terminal shows them\n"
               "                     (comment and blank lines are left out)\n"
               "  --help             show this help\n"
               "  --version          show the version\n"
               "\n"
               "Simulated time moves only with `sleep` and with commands that wait (kubectl rollout status, …).\n"
               "Type `help` at the prompt for the commands kubesim's shell understands.\n",
               kubesim::Engine::kMaxNodes, names.c_str());
}

int bad_usage(const std::string& msg) {
  std::fprintf(stderr, "kubesim: %s\nTry 'kubesim --help' for more information.\n", msg.c_str());
  return 2;
}

void write_all(int fd, const std::string& s) {
#ifndef __EMSCRIPTEN__
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
#else
  std::FILE* f = fd == 2 ? stderr : stdout;
  std::fwrite(s.data(), 1, s.size(), f);
  std::fflush(f);
#endif
}

void print(const kubesim::Output& o) {
  for (auto& c : o.chunks) write_all(c.stream == kubesim::Output::Stderr ? 2 : 1, c.text);
}

bool read_file(const std::string& path, std::string& out, std::string& error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    error = std::strerror(errno ? errno : ENOENT);
    return false;
  }
  std::ostringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

// Runs lines from a stream (a script or a pipe). Each line is one whole input (an unterminated
// quote is bash's EOF error, as `bash -c LINE` gives); only a trailing '\' joins the next line.
int run_stream(kubesim::Engine& engine, std::istream& in, bool echo) {
  int status = 0;
  std::string line, pending;
  bool have_pending = false;
  auto run = [&](const std::string& text) {
    // comment and blank lines print nothing; --echo leaves them out of the transcript too
    bool quiet = text.find_first_not_of(" \t") == std::string::npos || text[text.find_first_not_of(" \t")] == '#';
    if (echo && !quiet) {
      std::string shown;
      size_t i = 0;
      bool first = true;
      while (i <= text.size()) {
        size_t nl = text.find('\n', i);
        if (nl == std::string::npos) nl = text.size();
        shown += (first ? engine.prompt() : std::string("> ")) + text.substr(i, nl - i) + "\n";
        first = false;
        i = nl + 1;
      }
      write_all(1, shown);
    }
    kubesim::RunResult r = engine.run(text);
    print(r.output);
    status = r.status;
    if (engine.exited()) {
      status = engine.exit_status();
      return false;
    }
    return true;
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    pending = have_pending ? pending + "\n" + line : line;
    have_pending = true;
    if (kubesim::Engine::line_continues(pending)) continue;
    have_pending = false;
    if (!run(pending)) return status;
  }
  if (have_pending && !run(pending)) return status;  // bash reports the unterminated construct
  return status;
}

int run_interactive(kubesim::Engine& engine) {
  kubesim::cli::LineEditor ed;
  ed.set_completer([&engine](const std::string& before) { return engine.complete(before); });
#ifndef __EMSCRIPTEN__
  std::signal(SIGINT, SIG_IGN);  // Ctrl-C belongs to the line editor, not to kubesim
#endif
  int status = 0;
  for (;;) {
    std::string text, line;
    kubesim::cli::LineEditor::Status st = ed.read(engine.prompt(), line);
    if (st == kubesim::cli::LineEditor::Status::Interrupted) { status = 130; continue; }
    if (st == kubesim::cli::LineEditor::Status::Eof) {
      if (engine.prompt() != "$ ") {  // Ctrl-D leaves the container shell, like `exit`
        kubesim::RunResult r = engine.run("exit");
        print(r.output);
        status = r.status;
        continue;
      }
      write_all(2, "exit\n");
      return status;
    }
    text = line;
    bool interrupted = false;
    while (kubesim::Engine::needs_more(text)) {
      std::string more;
      st = ed.read("> ", more);
      if (st == kubesim::cli::LineEditor::Status::Interrupted) { interrupted = true; break; }
      if (st == kubesim::cli::LineEditor::Status::Eof) break;  // run it: bash reports the unexpected EOF
      text += "\n" + more;
    }
    if (interrupted) { status = 130; continue; }
    ed.add_history(text);
    kubesim::RunResult r = engine.run(text);
    print(r.output);
    status = r.status;
    if (engine.exited()) return engine.exit_status();
  }
}

bool parse_u64(const std::string& s, uint64_t& v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

}  // namespace

int main(int argc, char** argv) {
#ifdef KUBESIM_WITH_MIMALLOC
  // A big cluster is a gigabyte of small objects reached at random (hash tables of pods, their
  // records in every controller): with 4 KiB pages most of those reads also miss the TLB. Backing
  // the heap with 2 MiB pages (transparent huge pages, where the kernel allows them) makes the
  // 150,000-pod benchmark about a tenth faster; small clusters do not notice.
  mi_option_enable(mi_option_large_os_pages);
  // Keep freed pages instead of handing them back to the kernel: a rollout frees and reallocates
  // hundreds of megabytes, and every page handed back is zeroed again by the kernel when it is
  // touched next (in a profile, 12% of the benchmark was the kernel clearing pages). Peak memory
  // is the same; a CLI process does not outlive its script.
  mi_option_disable(mi_option_allow_decommit);
#endif
  kubesim::EngineOptions opts;
  opts.time_travel = false;  // the CLI never seeks: no checkpoints
  std::string script;
  bool have_script = false, echo = false;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    std::string value;
    bool has_value = false;
    if (a.rfind("--", 0) == 0 && a.find('=') != std::string::npos) {
      value = a.substr(a.find('=') + 1);
      a = a.substr(0, a.find('='));
      has_value = true;
    }
    auto need_value = [&](const std::string& name) -> bool {
      if (has_value) return true;
      if (i + 1 >= args.size()) return false;
      value = args[++i];
      (void)name;
      return true;
    };
    if (a == "--help" || a == "-h") { usage(stdout); return 0; }
    if (a == "--version") { std::printf("%s\n", kVersion); return 0; }
    if (a == "--echo") { echo = true; continue; }
    if (a == "--seed") {
      if (!need_value(a)) return bad_usage("--seed needs a value");
      if (!parse_u64(value, opts.seed)) return bad_usage("--seed needs a non-negative integer (got \"" + value + "\")");
      continue;
    }
    if (a == "--nodes") {
      if (!need_value(a)) return bad_usage("--nodes needs a value");
      uint64_t n = 0;
      if (!parse_u64(value, n) || n > 1000000) return bad_usage("--nodes needs a number (got \"" + value + "\")");
      opts.nodes = static_cast<int>(n);
      continue;
    }
    if (a == "--scenario") {
      if (!need_value(a)) return bad_usage("--scenario needs a value");
      opts.scenario = value;
      continue;
    }
    if (a.size() > 1 && a[0] == '-' && a != "-") return bad_usage("unknown option: " + args[i]);
    if (have_script) return bad_usage("only one SCRIPT can be given (got \"" + script + "\" and \"" + a + "\")");
    script = a;
    have_script = true;
  }
  if (!kubesim::scenarios::find(opts.scenario)) {
    std::string error;
    if (!read_file(opts.scenario, opts.scenario_text, error)) {
      std::string names;
      for (auto& s : kubesim::scenarios::builtin()) names += (names.empty() ? "" : ", ") + s.name;
      return bad_usage("unknown scenario \"" + opts.scenario + "\": not a built-in scenario (" + names +
                       ") and not a readable file (" + error + ")");
    }
    if (opts.scenario_text.empty()) opts.scenario = "fresh";
  }
  if (std::string e = kubesim::Engine::validate(opts); !e.empty()) return bad_usage(e);

  std::string script_text;
  if (have_script && script != "-") {
    std::string error;
    if (!read_file(script, script_text, error)) {
      std::fprintf(stderr, "kubesim: cannot read %s: %s\n", script.c_str(), error.c_str());
      return 2;
    }
  }

  // Never destroyed: the process ends right after, and returning a 150,000-pod world to the
  // allocator object by object takes longer than the OS needs to drop the whole address space.
  kubesim::Engine& engine = *new kubesim::Engine(opts);
  if (have_script && script != "-") {
    std::istringstream in(script_text);
    return run_stream(engine, in, echo);
  }
#ifndef __EMSCRIPTEN__
  if (!have_script && isatty(0)) return run_interactive(engine);
#endif
  return run_stream(engine, std::cin, echo);
}
