// Shell interpreter tests: quoting, expansion, control operators, builtins, utilities and limits.
// The interpreter runs on a fake machine (no cluster), so these pin the shell alone.
#include <catch2/catch.hpp>

#include <set>

#include "shell/shell.h"

using namespace kubesim;
using namespace kubesim::shell;

namespace {

// A machine with one program (`kubectl`, which echoes its arguments), a few files and a clock.
struct FakeMachine : Machine {
  std::map<std::string, std::string> files;
  int64_t now = 1768212000000LL;
  std::vector<std::vector<std::string>> calls;
  std::vector<std::pair<std::string, std::string>> last_env;

  std::optional<int> run_program(Invocation& inv) override {
    calls.push_back(inv.argv);
    last_env = inv.env;
    const std::string& n = inv.argv[0];
    if (n == "kubectl") {
      if (inv.argv.size() > 1 && inv.argv[1] == "proxy") {
        inv.out.out("Starting to serve on 127.0.0.1:8001\n");
        inv.keeps_running = inv.background;
        return 0;
      }
      std::string t;
      for (size_t i = 1; i < inv.argv.size(); ++i) t += (i > 1 ? "," : "") + inv.argv[i];
      inv.out.out("kubectl[" + t + "]\n");
      return 0;
    }
    if (n == "fail") {
      inv.out.err("it failed\n");
      return 3;
    }
    return std::nullopt;
  }
  std::string program_path(const std::string& n) const override {
    return n == "kubectl" ? "/usr/local/bin/kubectl" : n == "fail" ? "/usr/bin/fail" : "";
  }
  std::vector<std::string> program_names() const override { return {"kubectl", "fail"}; }
  int64_t now_ms() const override { return now; }
  void sleep_ms(int64_t ms) override { now += ms; }
  const std::string* read_file(const std::string& p) const override {
    auto it = files.find(p);
    return it == files.end() ? nullptr : &it->second;
  }
  bool is_dir(const std::string& p) const override {
    if (p == "/" || p == "/home" || p == "/home/learner" || p == "/tmp") return true;
    for (auto& [k, v] : files) if (k.rfind(p + "/", 0) == 0) return true;
    return false;
  }
  std::vector<std::string> list_dir(const std::string& p) const override {
    std::set<std::string> names;
    std::string pre = p == "/" ? "/" : p + "/";
    for (auto& [k, v] : files) {
      if (k.rfind(pre, 0) != 0) continue;
      std::string rest = k.substr(pre.size());
      names.insert(rest.substr(0, rest.find('/')));
    }
    return {names.begin(), names.end()};
  }
  std::string write_file(const std::string& p, const std::string& c, bool append) override {
    if (append) files[p] += c;
    else files[p] = c;
    return "";
  }
  std::string remove_file(const std::string& p) override {
    files.erase(p);
    return "";
  }
  std::string hostname() const override { return "laptop"; }
};

struct Term {
  Session s;
  FakeMachine m;
  Term() { init_host_shell(s, 1); }
  // Runs a line; returns everything the terminal shows.
  std::string run(const std::string& line, int* status = nullptr) {
    Output o;
    int st = run_line(s, s.host, m, line, o);
    Output jobs;
    report_jobs(s, m.now, jobs);
    o.append(jobs);
    if (status) *status = st;
    return o.text();
  }
  std::string out(const std::string& line) {
    Output o;
    run_line(s, s.host, m, line, o);
    return o.stdout_text();
  }
  std::string err(const std::string& line) {
    Output o;
    run_line(s, s.host, m, line, o);
    return o.stderr_text();
  }
};

}  // namespace

TEST_CASE("single and double quotes follow bash's backslash rules") {
  Term t;
  CHECK(t.out("echo 'a  b' \"c  d\" e\\ \\ f") == "a  b c  d e  f\n");
  CHECK(t.out("echo \"a\\\"b\\$c\\\\d\\e\"") == "a\"b$c\\d\\e\n");
  CHECK(t.out("echo 'it'\\''s'") == "it's\n");
  CHECK(t.out("echo 'a\\b'") == "a\\b\n");
  CHECK(t.out("echo $'tab\\there'") == "tab\there\n");
  CHECK(t.out("echo $'it\\'s'") == "it's\n");
  CHECK(t.out("echo \"\" | wc -l") == "1\n");
}

TEST_CASE("variables expand plain, braced, with defaults, lengths and patterns") {
  Term t;
  t.run("x=5; s='hello world'");
  CHECK(t.out("echo $x ${x} \"${x}\" '$x'") == "5 5 5 $x\n");
  CHECK(t.out("echo ${y:-def} ${x:+alt} ${#x} ${#s}") == "def alt 1 11\n");
  CHECK(t.out("echo ${s#* } ${s% *} ${s/o/0} ${s//o/0} ${s:1:3} ${s^^}") == "world hello hell0 world hell0 w0rld ell HELLO WORLD\n");
  CHECK(t.out("echo ${z:=set}; echo $z") == "set\nset\n");
  CHECK(t.err("echo ${a b}") == "bash: ${a b}: bad substitution\n");
  // quoted pattern characters match themselves
  CHECK(t.out("x='a*b'; echo \"${x/\\*/STAR}\" ${x%%\\**} ${x#\"a\"}") == "aSTARb a *b\n");
  // a plain variable is an array of one element
  CHECK(t.out("echo ${x[0]} ${x[@]} \"[${x[1]}]\"") == "a*b a*b []\n");
  CHECK(t.err("echo ${nothing?is missing}") == "bash: nothing: is missing\n");
  // an expansion error abandons the rest of the line (interactive bash), a subshell's only the subshell
  CHECK(t.run("echo ${zz?oops}; echo after") == "bash: zz: oops\n");
  CHECK(t.run("echo $((1/0)); echo after") == "bash: 1/0: division by 0 (error token is \"0\")\n");
  CHECK(t.run("echo $(echo ${zz?oops}); echo after") == "bash: zz: oops\n\nafter\n");
  CHECK(t.run("cd /nope; echo after") == "bash: cd: /nope: No such file or directory\nafter\n");
}

TEST_CASE("unquoted expansions split into words, quoted ones do not") {
  Term t;
  t.run("y='a  b c'");
  CHECK(t.out("for w in $y; do echo \"<$w>\"; done") == "<a>\n<b>\n<c>\n");
  CHECK(t.out("for w in \"$y\"; do echo \"<$w>\"; done") == "<a  b c>\n");
  CHECK(t.out("e=; for w in $e; do echo x; done; echo done") == "done\n");
}

TEST_CASE("command substitution nests and strips trailing newlines") {
  Term t;
  CHECK(t.out("echo \"$(echo inner \"quoted  two\")\"") == "inner quoted  two\n");
  CHECK(t.out("echo $(echo $(echo $(echo deep)))") == "deep\n");
  CHECK(t.out("x=$(printf 'a\\nb\\n\\n\\n'); echo \"[$x]\"") == "[a\nb]\n");
  CHECK(t.out("echo `echo back tick`") == "back tick\n");
  // the tutorial's own line: single quotes inside "$( … )"
  CHECK(t.out("export P=\"$(kubectl get pods -o go-template --template '{{range .items}}{{\"\\n\"}}{{end}}')\"; echo $P") ==
        "kubectl[get,pods,-o,go-template,--template,{{range .items}}{{\"\\n\"}}{{end}}]\n");
  // variables set inside $( ) stay there
  CHECK(t.out("v=1; x=$(v=2; echo $v); echo $v $x") == "1 2\n");
}

TEST_CASE("&&, || and a semicolon chain commands by exit status, and $? holds the last one") {
  Term t;
  CHECK(t.out("true && echo yes || echo no") == "yes\n");
  CHECK(t.out("false && echo yes || echo no") == "no\n");
  CHECK(t.out("echo a; echo b") == "a\nb\n");
  CHECK(t.out("false; echo $?") == "1\n");
  CHECK(t.out("fail 2>/dev/null; echo $?") == "3\n");
  CHECK(t.out("x=$(false); echo $?") == "1\n");
  CHECK(t.out("! false; echo $?") == "0\n");
  int st = -1;
  t.run("true; false", &st);
  CHECK(st == 1);
}

TEST_CASE("an unknown command answers like an interactive bash with status 127") {
  Term t;
  int st = 0;
  CHECK(t.run("foo --bar", &st) == "bash: foo: command not found\n");
  CHECK(st == 127);
  CHECK(t.out("foo 2>/dev/null; echo $?") == "127\n");
  CHECK(t.run("./script.sh", &st) == "bash: ./script.sh: No such file or directory\n");
  CHECK(st == 127);
}

TEST_CASE("syntax errors use bash's words and status 2") {
  Term t;
  int st = 0;
  CHECK(t.run("echo a && && b", &st) == "bash: syntax error near unexpected token `&&'\n");
  CHECK(st == 2);
  CHECK(t.run("; ls") == "bash: syntax error near unexpected token `;'\n");
  CHECK(t.run(")") == "bash: syntax error near unexpected token `)'\n");
  CHECK(t.run("fi") == "bash: syntax error near unexpected token `fi'\n");
  CHECK(t.run("echo >") == "bash: syntax error near unexpected token `newline'\n");
  CHECK(t.run("echo 'abc") == "bash: unexpected EOF while looking for matching `''\n");
  CHECK(t.run("echo \"abc") == "bash: unexpected EOF while looking for matching `\"'\n");
  CHECK(t.run("echo $(ls") == "bash: unexpected EOF while looking for matching `)'\n");
  CHECK(t.run("echo hi |") == "bash: syntax error: unexpected end of file\n");
}

TEST_CASE("incomplete lines ask for more, complete ones do not") {
  CHECK(needs_more("echo 'abc"));
  CHECK(needs_more("echo \"a"));
  CHECK(needs_more("echo a \\"));
  CHECK(needs_more("echo hi &&"));
  CHECK(needs_more("kubectl get pods |"));
  CHECK(needs_more("for i in 1 2; do"));
  CHECK(needs_more("echo $(kubectl get"));
  CHECK_FALSE(needs_more("echo hi"));
  CHECK_FALSE(needs_more("echo 'a' \"b\" \\\\"));
  CHECK_FALSE(needs_more("echo a && && b"));  // a syntax error, not a continuation
  Term t;
  CHECK(t.out("echo one \\\ntwo") == "one two\n");
}

TEST_CASE("arithmetic expansion evaluates integers like bash") {
  Term t;
  CHECK(t.out("echo $((1+2*3)) $(( (1+2)*3 )) $((10/3)) $((10%3)) $((2**10)) $((7>3)) $((1?10:20))") == "7 9 3 1 1024 1 10\n");
  CHECK(t.out("n=4; echo $((n+1)) $((n*n)); echo $((n+=2)); echo $n") == "5 16\n6\n6\n");
  CHECK(t.out("echo $((0x1f)) $((010)) $((2#101))") == "31 8 5\n");
  CHECK(t.err("echo $((1+))") == "bash: 1+: syntax error: operand expected (error token is \"+\")\n");
  CHECK(t.err("echo $(( 1 / 0 ))") == "bash:  1 / 0 : division by 0 (error token is \"0 \")\n");
}

TEST_CASE("brace expansion makes lists and sequences") {
  Term t;
  CHECK(t.out("echo a{b,c} {1..3} {01..03} {a..c} {1..10..3}") == "ab ac 1 2 3 01 02 03 a b c 1 4 7 10\n");
  CHECK(t.out("echo '{a,b}' {a} x{}") == "{a,b} {a} x{}\n");
}

TEST_CASE("if, for, while, until, break and continue run like bash") {
  Term t;
  CHECK(t.out("if [ 1 = 2 ]; then echo a; elif [ 2 = 2 ]; then echo b; else echo c; fi") == "b\n");
  CHECK(t.out("n=0; while [ $n -lt 3 ]; do n=$((n+1)); echo $n; done") == "1\n2\n3\n");
  CHECK(t.out("i=0; until [ $i -ge 2 ]; do echo u$i; i=$((i+1)); done") == "u0\nu1\n");
  CHECK(t.out("for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done") == "1\n3\n");
  CHECK(t.out("(cd /tmp; pwd); pwd") == "/tmp\n/home/learner\n");
  CHECK(t.out("for ((i=0; i<3; i++)); do echo $i; done") == "0\n1\n2\n");
  CHECK(t.out("n=1; ((n > 0)) && echo pos; ((n++)); echo $n") == "pos\n2\n");
}

TEST_CASE("echo and printf format like bash's builtins") {
  Term t;
  CHECK(t.out("echo -n a; echo b") == "ab\n");
  CHECK(t.out("echo -e 'x\\ty\\nz'") == "x\ty\nz\n");
  CHECK(t.out("echo -e 'stop\\chere'") == "stop");
  CHECK(t.out("echo -x") == "-x\n");
  CHECK(t.out("printf '%s-%d|%5s|%-5s|%03d\\n' a 3 b c 7") == "a-3|    b|c    |007\n");
  CHECK(t.out("printf '%s\\n' one two") == "one\ntwo\n");
  CHECK(t.out("printf '%q\\n' 'a b'") == "a\\ b\n");
  CHECK(t.err("printf '%d\\n' abc") == "bash: printf: abc: invalid number\n");
}

TEST_CASE("export makes variables visible to programs, unset removes them") {
  Term t;
  t.run("export FOO=bar; LOCAL=1");
  t.run("kubectl version");
  bool foo = false, local = false;
  for (auto& [k, v] : t.m.last_env) {
    if (k == "FOO" && v == "bar") foo = true;
    if (k == "LOCAL") local = true;
  }
  CHECK(foo);
  CHECK_FALSE(local);
  CHECK(t.m.last_env.back() == std::make_pair(std::string("_"), std::string("/usr/local/bin/kubectl")));
  CHECK(t.out("unset FOO; echo \"[$FOO]\"") == "[]\n");
  CHECK(t.err("export 1x=2") == "bash: export: `1x=2': not a valid identifier\n");
  // assignments to export are not split
  CHECK(t.out("v='a  b'; export W=$v; echo \"$W\"") == "a  b\n");
}

TEST_CASE("env lists exported variables in bash's hash-table order") {
  // bash 4.3 (the bootcamp image): the variables of a real `kubectl exec -ti … bash` session
  ShellState sh;
  sh.env_order = EnvOrder::Bash4;
  const char* imported[] = {"PATH", "HOSTNAME", "TERM", "KUBERNETES_PORT", "KUBERNETES_PORT_443_TCP_PORT",
                            "KUBERNETES_SERVICE_PORT", "KUBERNETES_SERVICE_HOST", "NPM_CONFIG_LOGLEVEL", "NODE_VERSION", "HOME",
                            "PWD", "SHLVL"};
  for (const char* n : imported) sh.set(n, "x", true);
  std::vector<std::string> got;
  for (auto& [k, v] : sh.environment()) got.push_back(k);
  // bucket order, newest first within a bucket (observed in a real transcript of this image)
  std::vector<std::string> want = {"NODE_VERSION", "HOSTNAME", "KUBERNETES_PORT_443_TCP_PORT", "KUBERNETES_PORT", "TERM",
                                   "KUBERNETES_SERVICE_PORT", "KUBERNETES_SERVICE_HOST", "NPM_CONFIG_LOGLEVEL", "PATH",
                                   "PWD", "SHLVL", "HOME"};
  CHECK(got == want);
  // bash 5.2: checked against `env -i … bash -c env`
  ShellState b5;
  for (const char* n : {"PATH", "HOSTNAME", "TERM", "KUBERNETES_PORT", "KUBERNETES_SERVICE_HOST", "NODE_VERSION", "HOME", "PWD", "SHLVL", "FOO"})
    b5.set(n, "x", true);
  got.clear();
  for (auto& [k, v] : b5.environment()) got.push_back(k);
  CHECK(got == std::vector<std::string>{"HOSTNAME", "PWD", "FOO", "HOME", "TERM", "SHLVL", "KUBERNETES_SERVICE_HOST",
                                        "KUBERNETES_PORT", "PATH", "NODE_VERSION"});
}

TEST_CASE("pipes feed the text utilities") {
  Term t;
  CHECK(t.out("printf 'x\\ny\\nz\\n' | head -2") == "x\ny\n");
  CHECK(t.out("printf 'x\\ny\\nz\\n' | tail -n 1") == "z\n");
  CHECK(t.out("printf 'b\\na\\nc\\n' | sort -r") == "c\nb\na\n");
  CHECK(t.out("printf 'a\\na\\nb\\n' | uniq -c") == "      2 a\n      1 b\n");
  CHECK(t.out("printf 'kube\\nfoo\\nkubectl\\n' | grep kube") == "kube\nkubectl\n");
  CHECK(t.out("printf 'kube\\nfoo\\nkubectl\\n' | grep -v kube") == "foo\n");
  CHECK(t.out("printf 'kube\\nfoo\\nkubectl\\n' | grep -c kube") == "2\n");
  CHECK(t.out("printf 'Kube\\nfoo\\n' | grep -i KUBE") == "Kube\n");
  CHECK(t.out("printf 'abc123def45\\n' | grep -oE '[0-9]+'") == "123\n45\n");
  CHECK(t.out("printf 'a.b\\naxb\\n' | grep -F a.b") == "a.b\n");
  CHECK(t.out("printf 'one two\\n' | grep -w tw; echo $?") == "1\n");
  CHECK(t.out("echo 'one two three' | wc -w") == "3\n");
  CHECK(t.out("echo 'one two three' | wc") == "      1       3      14\n");
  CHECK(t.out("echo 'a:b:c' | cut -d: -f1,3") == "a:c\n");
  CHECK(t.out("echo hello | tr a-z A-Z") == "HELLO\n");
  CHECK(t.out("echo 'NAME READY' | awk '{print $2}'") == "READY\n");
  CHECK(t.out("printf 'l1\\nl2\\n' | while read line; do echo \"got $line\"; done") == "got l1\ngot l2\n");
  CHECK(t.out("echo a b | xargs echo x") == "x a b\n");
  CHECK(t.out("echo aGVsbG8= | base64 -d") == "hello");
}

TEST_CASE("redirections write files the shell can read back") {
  Term t;
  t.run("echo hi > f1; echo more >> f1");
  CHECK(t.m.files["/home/learner/f1"] == "hi\nmore\n");
  CHECK(t.out("cat f1") == "hi\nmore\n");
  CHECK(t.out("wc -l < f1") == "2\n");
  CHECK(t.out("fail > out 2>&1; cat out") == "it failed\n");
  CHECK(t.run("echo x 2>/dev/null >/dev/null") == "");
  CHECK(t.err("cat missing") == "cat: missing: No such file or directory\n");
  CHECK(t.out("read v <<< 'hello there'; echo $v") == "hello there\n");
  CHECK(t.out("ls") == "f1  out\n");      // to the terminal: columns
  CHECK(t.out("ls | cat") == "f1\nout\n");  // into a pipe: one per line
}

TEST_CASE("sleep moves the machine's clock and understands GNU suffixes") {
  Term t;
  int64_t t0 = t.m.now;
  t.run("sleep 2; sleep 0.5; sleep 1m; sleep 1.5s 2");
  CHECK(t.m.now - t0 == 2000 + 500 + 60000 + 1500 + 2000);
  int st = 0;
  CHECK(t.run("sleep", &st) == "sleep: missing operand\nTry 'sleep --help' for more information.\n");
  CHECK(st == 1);
  CHECK(t.run("sleep abc") == "sleep: invalid time interval 'abc'\nTry 'sleep --help' for more information.\n");
  CHECK(t.run("sleep 2d", &st) == "kubesim: sleep is limited to 24h of simulated time at once\n");
  CHECK(st == 1);
}

TEST_CASE("background jobs print [N] PID and bash's notices") {
  Term t;
  std::string first = t.run("kubectl proxy &");
  CHECK(first == "[1] 12345\nStarting to serve on 127.0.0.1:8001\n");
  CHECK(t.out("jobs") == "[1]+  Running                 kubectl proxy &\n");
  CHECK(t.run("kubectl get pods &") == "[2] 12347\nkubectl[get,pods]\n[2]+  Done                    kubectl get pods\n");
  CHECK(t.run("kill %1") == "");
  CHECK(t.run("true") == "[1]+  Terminated              kubectl proxy\n");  // noticed one prompt later
  CHECK(t.err("kill %7") == "bash: kill: %7: no such job\n");
  int64_t t0 = t.m.now;
  CHECK(t.run("sleep 10 &") == "[1] 12349\n");
  CHECK(t.m.now == t0);  // a background sleep does not block the terminal
  t.m.now += 11000;
  CHECK(t.run("true") == "[1]+  Done                    sleep 10\n");
}

TEST_CASE("exit ends the shell with its status") {
  Term t;
  CHECK(t.run("exit 3") == "exit\n");
  CHECK(t.s.host.exit_requested);
  CHECK(t.s.host.exit_status == 3);
  Term u;
  CHECK(u.run("x=$(exit 4); echo $?") == "4\n");  // only the subshell ends
  CHECK_FALSE(u.s.host.exit_requested);
}

TEST_CASE("aliases, type and which describe commands") {
  Term t;
  t.run("alias k=kubectl");
  CHECK(t.out("k get po") == "kubectl[get,po]\n");
  CHECK(t.out("alias") == "alias k='kubectl'\n");
  CHECK(t.out("type k echo cd kubectl grep") ==
        "k is aliased to `kubectl'\necho is a shell builtin\ncd is a shell builtin\nkubectl is /usr/local/bin/kubectl\ngrep is /usr/bin/grep\n");
  CHECK(t.err("type nope") == "bash: type: nope: not found\n");
  CHECK(t.out("which kubectl ls") == "/usr/local/bin/kubectl\n/usr/bin/ls\n");
}

TEST_CASE("history lists typed lines as bash does") {
  Term t;
  t.s.history = {"kubectl get pods", "history"};
  CHECK(t.out("history") == "    1  kubectl get pods\n    2  history\n");
}

TEST_CASE("cd and pwd move around the machine's directories") {
  Term t;
  CHECK(t.out("pwd") == "/home/learner\n");
  CHECK(t.out("cd /tmp; pwd; cd; pwd; cd -") == "/tmp\n/home/learner\n/tmp\n");
  CHECK(t.err("cd /nope") == "bash: cd: /nope: No such file or directory\n");
}

TEST_CASE("clear prints the terminal's clear sequence") {
  Term t;
  CHECK(t.out("clear") == "\x1b[H\x1b[2J\x1b[3J");
}

// [SECTION] limits
TEST_CASE("a line longer than 64 KiB is refused with a message") {
  Term t;
  int st = 0;
  std::string line(100000, 'a');
  std::string out = t.run(line, &st);
  CHECK(out == "bash: line too long: 100000 characters (kubesim reads at most 65536)\n");
  CHECK(st == 2);
}

TEST_CASE("deeply nested command substitutions are refused, not a crash") {
  Term t;
  std::string line = "echo ";
  for (int i = 0; i < 200; ++i) line += "$(echo ";
  line += "x";
  for (int i = 0; i < 200; ++i) line += ")";
  int st = 0;
  std::string out = t.run(line, &st);
  CHECK(out.find("nesting too deep") != std::string::npos);
  CHECK(st != 0);
  std::string parens(5000, '(');
  CHECK(t.run(parens + "true" + std::string(5000, ')'), &st).find("bash: ") == 0);  // an arithmetic command
  CHECK(st != 0);
  std::string groups;
  for (int i = 0; i < 100; ++i) groups += "( ";
  CHECK(t.run(groups + "true" + std::string(100, ')'), &st).find("nesting too deep") != std::string::npos);
}

TEST_CASE("a runaway loop stops after the iteration limit") {
  Term t;
  int st = 0;
  std::string out = t.run("while true; do :; done; echo after", &st);
  CHECK(out == "kubesim: stopped after 10000 loop iterations (a real terminal would need Ctrl-C)\n");
  CHECK(st == 130);
}

TEST_CASE("a loop that keeps sleeping stops after an hour of simulated time") {
  Term t;
  int64_t t0 = t.m.now;
  int st = 0;
  std::string out = t.run("while true; do echo tick >/dev/null; sleep 1; done", &st);
  CHECK(out == "kubesim: stopped the loop after 1h of simulated time (a real terminal would need Ctrl-C)\n");
  CHECK(st == 130);
  CHECK(t.m.now - t0 == 3600 * 1000);
}

TEST_CASE("huge expansions and outputs are capped") {
  Term t;
  std::string out = t.run("echo {1..100000000}");
  CHECK(out.find("too many words") != std::string::npos);
  out = t.run("seq 1 5000000 | wc -l");
  CHECK(out.find("kubesim: seq stopped after 1000000 numbers") != std::string::npos);
  out = t.run("for i in {1..9000}; do printf '%01000d\\n' 0; done");
  CHECK(out.size() < kMaxOutputBytes + 200);
  CHECK(out.find("output stopped after 8 MiB") != std::string::npos);
}

TEST_CASE("control bytes in a line do not break the shell") {
  Term t;
  std::string line = "echo a\x01\x02\x7f b";
  CHECK(t.out(line) == "a\x01\x02\x7f b\n");
  CHECK(t.run(std::string("\x1b[A")) == "bash: \x1b[A: command not found\n");
}
