// kubesim — shell builtins (echo, printf, export, cd, exit, jobs, kill, test, …) with bash 5.2's
// messages. Text utilities (grep, head, ls, …) live in utils.cpp.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "shell/interp.h"

namespace kubesim::shell {

// utils.cpp
int u_cat(Interp&, Call&);
int u_head(Interp&, Call&);
int u_tail(Interp&, Call&);
int u_grep(Interp&, Call&);
int u_wc(Interp&, Call&);
int u_sort(Interp&, Call&);
int u_uniq(Interp&, Call&);
int u_cut(Interp&, Call&);
int u_tr(Interp&, Call&);
int u_tee(Interp&, Call&);
int u_ls(Interp&, Call&);
int u_rm(Interp&, Call&);
int u_touch(Interp&, Call&);
int u_mkdir(Interp&, Call&);
int u_seq(Interp&, Call&);
int u_date(Interp&, Call&);
int u_base64(Interp&, Call&);
int u_xargs(Interp&, Call&);
int u_awk(Interp&, Call&);
int u_hostname(Interp&, Call&);
int u_whoami(Interp&, Call&);
int u_id(Interp&, Call&);
int u_uname(Interp&, Call&);
int u_basename(Interp&, Call&);
int u_dirname(Interp&, Call&);

namespace {

void out(Call& c, Interp& I, std::string_view t) { I.out(c.fds, t); }
void err(Call& c, Interp& I, std::string_view t) { I.err(c.fds, t); }

bool valid_name(std::string_view n) {
  if (n.empty() || !parse::is_name_start(n[0])) return false;
  for (char ch : n) if (!parse::is_name_char(ch)) return false;
  return true;
}

// [SECTION] echo, printf
int b_echo(Interp& I, Call& c) {
  bool newline = true, escapes = false;
  size_t i = 1;
  for (; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a.size() < 2 || a[0] != '-') break;
    if (a.find_first_not_of("neE", 1) != std::string::npos) break;
    for (size_t k = 1; k < a.size(); ++k) {
      if (a[k] == 'n') newline = false;
      else if (a[k] == 'e') escapes = true;
      else escapes = false;
    }
  }
  std::string text;
  for (size_t k = i; k < c.argv.size(); ++k) {
    if (k > i) text += ' ';
    text += c.argv[k];
  }
  if (escapes) {
    bool stop = false;
    text = expand_escapes(text, &stop, false);
    if (stop) newline = false;
  }
  if (newline) text += '\n';
  out(c, I, text);
  return 0;
}

// Numbers as bash's printf reads them: decimal, 0x…, 0…, or 'c / "c (the character's code).
bool printf_number(const std::string& a, int64_t& v) {
  if (a.empty()) { v = 0; return true; }
  if (a[0] == '\'' || a[0] == '"') { v = a.size() > 1 ? static_cast<unsigned char>(a[1]) : 0; return true; }
  std::string t = a;
  while (!t.empty() && (t[0] == ' ' || t[0] == '\t')) t.erase(t.begin());
  bool neg = false;
  size_t i = 0;
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) { neg = t[i] == '-'; ++i; }
  int base = 10;
  if (i + 1 < t.size() && t[i] == '0' && (t[i + 1] == 'x' || t[i + 1] == 'X')) { base = 16; i += 2; }
  else if (i + 1 < t.size() && t[i] == '0') base = 8;
  if (i >= t.size()) return false;
  uint64_t x = 0;
  for (; i < t.size(); ++i) {
    char ch = t[i];
    int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : 99;
    if (d >= base) return false;
    x = x * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
  }
  v = neg ? -static_cast<int64_t>(x) : static_cast<int64_t>(x);
  return true;
}

std::string shell_escape(const std::string& s) {  // printf %q
  if (s.empty()) return "''";
  std::string out;
  for (char ch : s) {
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || std::string_view("_-./:=@%+,").find(ch) != std::string_view::npos)) out += '\\';
    out += ch;
  }
  return out;
}

int b_printf(Interp& I, Call& c) {
  size_t i = 1;
  std::string var;
  if (i < c.argv.size() && c.argv[i] == "-v") {
    if (i + 1 >= c.argv.size()) { err(c, I, "bash: printf: -v: option requires an argument\n"); return 2; }
    var = c.argv[i + 1];
    i += 2;
  }
  if (i < c.argv.size() && c.argv[i] == "--") ++i;
  if (i >= c.argv.size()) {
    err(c, I, "printf: usage: printf [-v var] format [arguments]\n");
    return 2;
  }
  const std::string fmt = c.argv[i++];
  std::vector<std::string> args(c.argv.begin() + static_cast<long>(i), c.argv.end());
  size_t ai = 0;
  std::string result;
  int status = 0;
  bool stop = false;
  auto next_arg = [&]() -> std::string { return ai < args.size() ? args[ai++] : std::string(); };
  do {
    size_t consumed_before = ai;
    for (size_t k = 0; k < fmt.size() && !stop; ++k) {
      char ch = fmt[k];
      if (ch == '\\') {
        size_t e = k + 1;
        if (e < fmt.size()) {
          // one escape: find its extent by expanding a small window
          size_t len = 1;
          char n = fmt[e];
          if (n == 'x') { while (len < 3 && e + len < fmt.size() && std::isxdigit(static_cast<unsigned char>(fmt[e + len]))) ++len; }
          else if (n >= '0' && n <= '7') { while (len < 3 && e + len < fmt.size() && fmt[e + len] >= '0' && fmt[e + len] <= '7') ++len; }
          else if (n == 'u' || n == 'U') { size_t mx = n == 'u' ? 5 : 9; while (len < mx && e + len < fmt.size() && std::isxdigit(static_cast<unsigned char>(fmt[e + len]))) ++len; }
          result += expand_escapes(std::string_view(fmt).substr(k, len + 1), nullptr, true);
          k = e + len - 1;
        } else {
          result += '\\';
        }
        continue;
      }
      if (ch != '%') { result += ch; continue; }
      if (k + 1 < fmt.size() && fmt[k + 1] == '%') { result += '%'; ++k; continue; }
      // %[flags][width][.precision]conv
      size_t b = k + 1;
      std::string flags;
      while (b < fmt.size() && std::string_view("-+ #0").find(fmt[b]) != std::string_view::npos) flags += fmt[b++];
      std::string width, prec;
      bool has_prec = false;
      if (b < fmt.size() && fmt[b] == '*') { int64_t w = 0; printf_number(next_arg(), w); width = std::to_string(w); ++b; }
      else while (b < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[b]))) width += fmt[b++];
      if (b < fmt.size() && fmt[b] == '.') {
        has_prec = true;
        ++b;
        if (b < fmt.size() && fmt[b] == '*') { int64_t p = 0; printf_number(next_arg(), p); prec = std::to_string(p); ++b; }
        else while (b < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[b]))) prec += fmt[b++];
      }
      while (b < fmt.size() && std::string_view("hlLjzt").find(fmt[b]) != std::string_view::npos) ++b;
      if (b >= fmt.size()) {
        err(c, I, "bash: printf: `" + fmt.substr(k) + "': missing format character\n");
        status = 1;
        k = fmt.size();
        break;
      }
      char conv = fmt[b];
      k = b;
      if (width.size() > 6) width = "999999";
      if (prec.size() > 6) prec = "999999";
      std::string spec = "%" + flags + width + (has_prec ? "." + prec : "");
      char buf[64];
      auto pad_string = [&](std::string s) {
        if (has_prec) {
          size_t p = static_cast<size_t>(std::atoi(prec.c_str()));
          if (s.size() > p) s.resize(p);
        }
        size_t w = static_cast<size_t>(std::atoi(width.c_str()));
        if (s.size() < w) {
          if (flags.find('-') != std::string::npos) s.append(w - s.size(), ' ');
          else s.insert(0, w - s.size(), ' ');
        }
        result += s;
      };
      switch (conv) {
        case 's': pad_string(next_arg()); break;
        case 'q': pad_string(shell_escape(next_arg())); break;
        case 'b': {
          bool st = false;
          std::string s = expand_escapes(next_arg(), &st, false);
          pad_string(s);
          if (st) stop = true;
          break;
        }
        case 'c': { std::string a = next_arg(); pad_string(a.empty() ? std::string() : a.substr(0, 1)); break; }
        case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': {
          std::string a = next_arg();
          int64_t v = 0;
          if (!printf_number(a, v)) {
            err(c, I, "bash: printf: " + a + ": invalid number\n");
            status = 1;
            v = 0;
          }
          std::string f2 = spec + "ll" + (conv == 'i' ? 'd' : conv);
          if (static_cast<size_t>(std::atoi(width.c_str())) > 40 || static_cast<size_t>(std::atoi(prec.c_str())) > 40) {
            pad_string(std::to_string(v));
          } else {
            std::snprintf(buf, sizeof buf, f2.c_str(), static_cast<long long>(v));
            result += buf;
          }
          break;
        }
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A': {
          std::string a = next_arg();
          char* end = nullptr;
          double v = a.empty() ? 0.0 : std::strtod(a.c_str(), &end);
          if (!a.empty() && (end == a.c_str() || *end != '\0')) {
            err(c, I, "bash: printf: " + a + ": invalid number\n");
            status = 1;
          }
          if (static_cast<size_t>(std::atoi(width.c_str())) > 40 || static_cast<size_t>(std::atoi(prec.c_str())) > 40) {
            spec = "%";
          }
          std::string f2 = spec + conv;
          std::snprintf(buf, sizeof buf, f2.c_str(), v);
          result += buf;
          break;
        }
        default:
          err(c, I, std::string("bash: printf: `") + conv + "': invalid format character\n");
          status = 1;
          k = fmt.size();
          break;
      }
    }
    if (ai == consumed_before) break;  // the format takes no arguments: print it once
  } while (ai < args.size() && !stop && result.size() < kMaxOutputBytes);
  if (!var.empty()) {
    if (!valid_name(var)) { err(c, I, "bash: printf: `" + var + "': not a valid identifier\n"); return 2; }
    I.sh->set(var, result);
  } else {
    out(c, I, result);
  }
  return status;
}

// [SECTION] variables
std::string declare_value(const std::string& v) {
  std::string out = "\"";
  for (char ch : v) {
    if (ch == '"' || ch == '\\' || ch == '$' || ch == '`') out += '\\';
    out += ch;
  }
  return out + "\"";
}

int b_export(Interp& I, Call& c) {
  bool unexport = false, print = false;
  int status = 0;
  size_t i = 1;
  for (; i < c.argv.size() && c.argv[i].size() > 1 && c.argv[i][0] == '-'; ++i) {
    const std::string& a = c.argv[i];
    if (a == "--") { ++i; break; }
    for (size_t k = 1; k < a.size(); ++k) {
      if (a[k] == 'n') unexport = true;
      else if (a[k] == 'p') print = true;
      else if (a[k] == 'f') {}
      else {
        err(c, I, std::string("bash: export: -") + a[k] + ": invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n");
        return 2;
      }
    }
  }
  if (i >= c.argv.size() || print) {
    for (auto& [name, v] : I.sh->vars)
      if (v.exported) out(c, I, "declare -x " + name + "=" + declare_value(v.value) + "\n");
    return 0;
  }
  for (; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    size_t eq = a.find('=');
    bool append = eq != std::string::npos && eq > 0 && a[eq - 1] == '+';
    std::string name = a.substr(0, eq == std::string::npos ? a.size() : (append ? eq - 1 : eq));
    if (!valid_name(name)) {
      err(c, I, "bash: export: `" + a + "': not a valid identifier\n");
      status = 1;
      continue;
    }
    if (eq != std::string::npos) {
      std::string value = a.substr(eq + 1);
      if (append) value = I.sh->get(name) + value;
      I.sh->set(name, value, !unexport);
    }
    if (auto it = I.sh->vars.find(name); it != I.sh->vars.end()) it->second.exported = !unexport;
  }
  return status;
}

int b_unset(Interp& I, Call& c) {
  int status = 0;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "-v" || a == "-f" || a == "-n") continue;
    if (!valid_name(a)) {
      err(c, I, "bash: unset: `" + a + "': not a valid identifier\n");
      status = 1;
      continue;
    }
    I.sh->unset(a);
  }
  return status;
}

int b_set(Interp& I, Call& c) {
  if (c.argv.size() == 1) {
    for (auto& [name, v] : I.sh->vars) out(c, I, name + "=" + bash_quote(v.value) + "\n");
    return 0;
  }
  return 0;  // options (-e, -x, -o …) are accepted and ignored
}

int b_env(Interp& I, Call& c) {
  Env extra;
  bool clear = false;
  size_t i = 1;
  std::vector<std::string> unsets;
  for (; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "-i" || a == "-" || a == "--ignore-environment") { clear = true; continue; }
    if (a == "-u" && i + 1 < c.argv.size()) { unsets.push_back(c.argv[++i]); continue; }
    if (a == "--") { ++i; break; }
    if (a.size() > 1 && a[0] == '-') {
      err(c, I, "env: invalid option -- '" + a.substr(1, 1) + "'\nTry 'env --help' for more information.\n");
      return 125;
    }
    break;
  }
  for (; i < c.argv.size() && c.argv[i].find('=') != std::string::npos && c.argv[i][0] != '='; ++i) {
    size_t eq = c.argv[i].find('=');
    extra.emplace_back(c.argv[i].substr(0, eq), c.argv[i].substr(eq + 1));
  }
  if (i < c.argv.size()) {  // env NAME=v cmd args…
    std::vector<std::string> argv(c.argv.begin() + static_cast<long>(i), c.argv.end());
    Call sub{argv, c.fds, c.temp_env, c.background};
    for (auto& e : extra) sub.temp_env.push_back(e);
    int st = I.dispatch(sub);
    c.keeps_running = sub.keeps_running;
    return st;
  }
  Env env = clear ? Env{} : I.environment_for(c, "");
  for (auto& e : extra) {
    bool replaced = false;
    for (auto& x : env) if (x.first == e.first) { x.second = e.second; replaced = true; }
    if (!replaced) env.push_back(e);
  }
  std::string text;
  for (auto& [k, v] : env) {
    if (std::find(unsets.begin(), unsets.end(), k) != unsets.end()) continue;
    if (k == "_") continue;
    text += k + "=" + v + "\n";
  }
  if (I.sh->env_order != EnvOrder::Insertion && !clear) text += "_=/usr/bin/" + c.argv[0] + "\n";
  out(c, I, text);
  return 0;
}

int b_printenv(Interp& I, Call& c) {
  if (c.argv.size() == 1) return b_env(I, c);
  Env env = I.environment_for(c, "/usr/bin/printenv");
  int status = 0;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    bool found = false;
    for (auto& [k, v] : env) if (k == c.argv[i]) { out(c, I, v + "\n"); found = true; break; }
    if (!found) status = 1;
  }
  return status;
}

int b_alias(Interp& I, Call& c) {
  auto show = [&](const std::string& n, const std::string& v) {
    std::string q = "'";
    for (char ch : v) { if (ch == '\'') q += "'\\''"; else q += ch; }
    out(c, I, "alias " + n + "=" + q + "'\n");
  };
  size_t i = 1;
  if (i < c.argv.size() && c.argv[i] == "-p") ++i;
  if (i >= c.argv.size()) {
    for (auto& [n, v] : I.sh->aliases) show(n, v);
    return 0;
  }
  int status = 0;
  for (; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    size_t eq = a.find('=');
    if (eq == std::string::npos) {
      auto it = I.sh->aliases.find(a);
      if (it == I.sh->aliases.end()) { err(c, I, "bash: alias: " + a + ": not found\n"); status = 1; }
      else show(it->first, it->second);
      continue;
    }
    std::string name = a.substr(0, eq);
    if (name.empty() || name.find_first_of("/$`'\"\\ \t") != std::string::npos) {
      err(c, I, "bash: alias: `" + name + "': invalid alias name\n");
      status = 1;
      continue;
    }
    I.sh->aliases[name] = a.substr(eq + 1);
  }
  return status;
}

int b_unalias(Interp& I, Call& c) {
  if (c.argv.size() < 2) {
    err(c, I, "unalias: usage: unalias [-a] name [name ...]\n");
    return 2;
  }
  int status = 0;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    if (c.argv[i] == "-a") { I.sh->aliases.clear(); continue; }
    if (!I.sh->aliases.erase(c.argv[i])) {
      err(c, I, "bash: unalias: " + c.argv[i] + ": not found\n");
      status = 1;
    }
  }
  return status;
}

int b_read(Interp& I, Call& c) {
  bool raw = false;
  std::vector<std::string> names;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "-r") raw = true;
    else if ((a == "-p" || a == "-t" || a == "-n" || a == "-d" || a == "-u") && i + 1 < c.argv.size()) ++i;
    else if (a == "-s" || a == "-e") {}
    else if (!a.empty() && a[0] == '-') {}
    else names.push_back(a);
  }
  if (names.empty()) names.push_back("REPLY");
  for (auto& n : names) {
    if (!valid_name(n)) { err(c, I, "bash: read: `" + n + "': not a valid identifier\n"); return 1; }
  }
  // Without a pipe or file there is nothing to read: a terminal would wait for typing.
  if (!c.fds.in) return 1;
  InStream& in = *c.fds.in;
  if (in.pos >= in.data.size()) return 1;
  size_t nl = in.data.find('\n', in.pos);
  bool complete = nl != std::string::npos;
  std::string line = in.data.substr(in.pos, (complete ? nl : in.data.size()) - in.pos);
  in.pos = complete ? nl + 1 : in.data.size();
  if (!raw) {
    std::string t;
    for (size_t k = 0; k < line.size(); ++k) {
      if (line[k] == '\\' && k + 1 < line.size()) t += line[++k];
      else t += line[k];
    }
    line = t;
  }
  // split: the last name takes the rest
  size_t p = 0;
  auto ws = [](char ch) { return ch == ' ' || ch == '\t'; };
  for (size_t n = 0; n < names.size(); ++n) {
    while (p < line.size() && ws(line[p])) ++p;
    if (n + 1 == names.size()) {
      std::string rest = line.substr(std::min(p, line.size()));
      while (!rest.empty() && ws(rest.back())) rest.pop_back();
      I.sh->set(names[n], rest);
    } else {
      size_t e = p;
      while (e < line.size() && !ws(line[e])) ++e;
      I.sh->set(names[n], line.substr(p, e - p));
      p = e;
    }
  }
  return complete ? 0 : 1;
}

// [SECTION] directories
int b_cd(Interp& I, Call& c) {
  std::vector<std::string> args;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    if (c.argv[i] == "-L" || c.argv[i] == "-P" || c.argv[i] == "--") continue;
    args.push_back(c.argv[i]);
  }
  if (args.size() > 1) { err(c, I, "bash: cd: too many arguments\n"); return 1; }
  std::string target;
  bool print = false;
  if (args.empty()) {
    target = I.sh->get("HOME");
    if (target.empty()) { err(c, I, "bash: cd: HOME not set\n"); return 1; }
  } else if (args[0] == "-") {
    if (!I.sh->find("OLDPWD")) { err(c, I, "bash: cd: OLDPWD not set\n"); return 1; }
    target = I.sh->get("OLDPWD");
    print = true;
  } else {
    target = args[0];
  }
  if (target.empty()) return 0;
  std::string path = I.abs_path(target);
  if (!I.m.is_dir(path)) {
    bool file = I.m.read_file(path) != nullptr;
    err(c, I, "bash: cd: " + target + ": " + (file ? "Not a directory" : "No such file or directory") + "\n");
    return 1;
  }
  I.sh->set("OLDPWD", I.sh->cwd, true);
  I.sh->cwd = path;
  I.sh->set("PWD", path);
  if (print) out(c, I, path + "\n");
  return 0;
}

int b_pwd(Interp& I, Call& c) {
  out(c, I, I.sh->cwd + "\n");
  return 0;
}

// [SECTION] the shell itself
int b_exit(Interp& I, Call& c) {
  int status = I.sh->last_status;
  if (c.argv.size() > 2) {
    if (!I.in_subshell() && I.interactive) err(c, I, "exit\n");
    err(c, I, "bash: exit: too many arguments\n");
    return 1;
  }
  if (c.argv.size() == 2) {
    int64_t v;
    if (!parse_int(c.argv[1], v)) {
      if (!I.in_subshell() && I.interactive) err(c, I, "exit\n");
      err(c, I, "bash: exit: " + c.argv[1] + ": numeric argument required\n");
      I.request_exit(2);
      return 2;
    }
    status = static_cast<int>(static_cast<uint64_t>(v) & 0xFF);
  }
  if (I.in_subshell() || !I.interactive) { I.request_exit(status); return status; }
  err(c, I, "exit\n");  // an interactive bash says goodbye on stderr
  if (I.sh->nested_shells > 0) {
    --I.sh->nested_shells;
    int64_t lvl = 1;
    parse_int(I.sh->get("SHLVL"), lvl);
    if (lvl > 1) I.sh->set("SHLVL", std::to_string(lvl - 1));
    I.request_exit(status);
    I.sh->exit_requested = false;
    return status;
  }
  I.request_exit(status);
  return status;
}

int b_logout(Interp& I, Call& c) {
  err(c, I, "bash: logout: not login shell: use `exit'\n");
  return 1;
}

int b_history(Interp& I, Call& c) {
  size_t from = 0;
  if (c.argv.size() > 1) {
    if (c.argv[1] == "-c") { I.s.history.clear(); return 0; }
    int64_t n;
    if (!parse_int(c.argv[1], n) || n < 0) {
      err(c, I, "bash: history: " + c.argv[1] + ": numeric argument required\n");
      return 1;
    }
    if (static_cast<size_t>(n) < I.s.history.size()) from = I.s.history.size() - static_cast<size_t>(n);
  }
  std::string text;
  for (size_t i = from; i < I.s.history.size(); ++i) {
    std::string num = std::to_string(I.s.history_base + static_cast<int>(i));
    if (num.size() < 5) num.insert(0, 5 - num.size(), ' ');
    text += num + "  " + I.s.history[i] + "\n";
  }
  out(c, I, text);
  return 0;
}

int b_clear(Interp& I, Call& c) {
  out(c, I, "\x1b[H\x1b[2J\x1b[3J");
  return 0;
}

int b_help(Interp& I, Call& c) {
  out(c, I,
      "kubesim — a simulated minikube cluster and the terminal that drives it.\n"
      "\n"
      "Kubernetes   kubectl get|describe|create|expose|scale|set image|rollout|label|delete|logs|exec|proxy …\n"
      "minikube     minikube ip | status | service NAME --url | version\n"
      "Network      curl URL   (NodePorts at $(minikube ip), the API at localhost:8001 after `kubectl proxy &`)\n"
      "Time         sleep N    (simulated time moves only with sleep and commands that wait)\n"
      "Shell        echo printf export unset env printenv cd pwd alias type which history clear\n"
      "             jobs kill wait true false test [ read eval source bash -c exit help\n"
      "             ; && || & |  'quotes' \"quotes\"  $VAR ${VAR:-x}  $(cmd) `cmd` $((1+2))\n"
      "             if/then/else/fi, for/while/until loops, > >> < 2>&1 &> <<<\n"
      "Text tools   cat head tail grep wc sort uniq cut tr tee seq date base64 xargs awk (simple)\n"
      "Files        ls cat rm touch mkdir on a small in-memory home directory\n"
      "In a pod     kubectl exec -ti POD -- bash, then ls cat cd pwd env hostname curl exit\n"
      "Not here     here-documents (<<), functions, case, history expansion (!!), full-screen programs\n");
  return 0;
}

const std::set<std::string>& keywords() {
  static const std::set<std::string> k = {"if", "then", "else", "elif", "fi", "case", "esac", "for", "select",
                                          "while", "until", "do", "done", "in", "function", "time", "{", "}",
                                          "!", "[[", "]]", "coproc"};
  return k;
}

int b_type(Interp& I, Call& c) {
  bool terse = false;
  int status = 0;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& n = c.argv[i];
    if (n == "-t") { terse = true; continue; }
    if (n == "-a" || n == "-p" || n == "-P" || n == "-f") continue;
    if (auto it = I.sh->aliases.find(n); it != I.sh->aliases.end()) {
      out(c, I, terse ? "alias\n" : n + " is aliased to `" + it->second + "'\n");
    } else if (keywords().count(n)) {
      out(c, I, terse ? "keyword\n" : n + " is a shell keyword\n");
    } else if (is_special_builtin(n)) {
      out(c, I, terse ? "builtin\n" : n + " is a shell builtin\n");
    } else if (std::string p = utility_path(n); !p.empty() && find_builtin(n)) {
      out(c, I, terse ? "file\n" : n + " is " + p + "\n");
    } else if (std::string q = I.m.program_path(n); !q.empty()) {
      out(c, I, terse ? "file\n" : n + " is " + q + "\n");
    } else {
      if (!terse) err(c, I, "bash: type: " + n + ": not found\n");
      status = 1;
    }
  }
  return status;
}

int b_which(Interp& I, Call& c) {
  int status = 0;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& n = c.argv[i];
    if (n == "-a" || n == "-s") continue;
    std::string p = find_builtin(n) ? utility_path(n) : "";
    if (p.empty()) p = I.m.program_path(n);
    if (p.empty()) { status = 1; continue; }
    out(c, I, p + "\n");
  }
  return c.argv.size() < 2 ? 1 : status;
}

int b_command(Interp& I, Call& c) {
  size_t i = 1;
  bool describe = false;
  while (i < c.argv.size() && c.argv[i].size() > 1 && c.argv[i][0] == '-') {
    if (c.argv[i] == "-v" || c.argv[i] == "-V") describe = true;
    ++i;
  }
  if (i >= c.argv.size()) return 0;
  if (describe) {
    const std::string& n = c.argv[i];
    if (I.sh->aliases.count(n)) { out(c, I, "alias " + n + "='" + I.sh->aliases[n] + "'\n"); return 0; }
    if (is_special_builtin(n) || keywords().count(n)) { out(c, I, n + "\n"); return 0; }
    std::string p = find_builtin(n) ? utility_path(n) : "";
    if (p.empty()) p = I.m.program_path(n);
    if (p.empty()) return 1;
    out(c, I, p + "\n");
    return 0;
  }
  std::vector<std::string> argv(c.argv.begin() + static_cast<long>(i), c.argv.end());
  Call sub{argv, c.fds, c.temp_env, c.background};
  int st = I.dispatch(sub);
  c.keeps_running = sub.keeps_running;
  c.background_sleep_ms = sub.background_sleep_ms;
  return st;
}

int b_eval(Interp& I, Call& c) {
  std::string text;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    if (i > 1) text += ' ';
    text += c.argv[i];
  }
  if (text.empty()) return 0;
  return I.eval_text(text, c.fds);
}

int b_source(Interp& I, Call& c) {
  if (c.argv.size() < 2) {
    err(c, I, "bash: " + c.argv[0] + ": filename argument required\n" + c.argv[0] + ": usage: " + c.argv[0] +
                  " filename [arguments]\n");
    return 2;
  }
  std::string path = I.abs_path(c.argv[1]);
  const std::string* text = I.m.read_file(path);
  if (!text) {
    err(c, I, "bash: " + c.argv[1] + ": " + (I.m.is_dir(path) ? "is a directory" : "No such file or directory") + "\n");
    return 1;
  }
  std::string copy = *text;
  return I.eval_text(copy, c.fds);
}

int b_bash(Interp& I, Call& c) {
  size_t i = 1;
  while (i < c.argv.size() && c.argv[i].size() > 1 && c.argv[i][0] == '-' && c.argv[i] != "-c") {
    if (c.argv[i] == "--version") {
      out(c, I, "GNU bash, version 5.2.21(1)-release (x86_64-pc-linux-gnu)\n");
      return 0;
    }
    ++i;
  }
  auto run_sub = [&](const std::string& text) {
    ShellState saved = *I.sh;
    // a new bash process sees only exported variables
    ShellState fresh;
    fresh.env_order = saved.env_order == EnvOrder::Insertion ? I.m.shell_env_order() : saved.env_order;
    fresh.cwd = saved.cwd;
    for (auto& [k, v] : saved.vars) if (v.exported) fresh.set(k, v.value, true);
    fresh.vars["SHLVL"].value = std::to_string([&] { int64_t l = 1; parse_int(saved.get("SHLVL"), l); return l + 1; }());
    *I.sh = fresh;
    Output o;
    Interp sub(I.s, *I.sh, I.m, o);
    sub.interactive = false;
    Fds sf;
    sf.in = c.fds.in;
    int st = sub.run_text(text, sf);
    if (sub.stopped() && !sub.loop_limit_hit) st = sub.sh->last_status;
    I.route(o, c.fds);
    *I.sh = std::move(saved);
    return st;
  };
  if (i < c.argv.size() && c.argv[i] == "-c") {
    if (i + 1 >= c.argv.size()) {
      err(c, I, "bash: -c: option requires an argument\n");
      return 2;
    }
    return run_sub(c.argv[i + 1]);
  }
  if (i < c.argv.size()) {
    std::string path = I.abs_path(c.argv[i]);
    const std::string* text = I.m.read_file(path);
    if (!text) {
      err(c, I, "bash: " + c.argv[i] + ": No such file or directory\n");
      return 127;
    }
    return run_sub(*text);
  }
  // an interactive bash inside this one: `exit` leaves it first
  ++I.sh->nested_shells;
  int64_t lvl = 1;
  parse_int(I.sh->get("SHLVL"), lvl);
  I.sh->set("SHLVL", std::to_string(lvl + 1));
  return 0;
}

int b_break(Interp& I, Call& c) {
  bool is_break = c.argv[0] == "break";
  if (I.loop_depth == 0) {
    err(c, I, "bash: " + c.argv[0] + ": only meaningful in a `for', `while', or `until' loop\n");
    return 0;
  }
  int64_t n = 1;
  if (c.argv.size() > 1 && (!parse_int(c.argv[1], n) || n < 1)) {
    err(c, I, "bash: " + c.argv[0] + ": " + c.argv[1] + ": loop count out of range\n");
    return 1;
  }
  if (is_break) I.break_levels = static_cast<int>(std::min<int64_t>(n, I.loop_depth));
  else I.continue_pending = true;
  return 0;
}

int b_return(Interp& I, Call& c) {
  err(c, I, "bash: return: can only `return' from a function or sourced script\n");
  return 1;
}
int b_local(Interp& I, Call& c) {
  err(c, I, "bash: local: can only be used in a function\n");
  return 1;
}
int b_shift(Interp&, Call&) { return 1; }
int b_true(Interp&, Call&) { return 0; }
int b_false(Interp&, Call&) { return 1; }

int b_dbracket(Interp& I, Call& c) {
  err(c, I, "kubesim: [[ … ]] is not supported by kubesim's shell; use [ … ]\n");
  return 2;
}

// [SECTION] time and jobs
int b_sleep(Interp& I, Call& c) {
  if (c.argv.size() < 2) {
    err(c, I, "sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  int64_t total = 0;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    int64_t ms = parse_duration_ms(c.argv[i]);
    if (ms < 0) {
      err(c, I, "sleep: invalid time interval '" + c.argv[i] + "'\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    total = (ms >= kMaxSleepMs || total >= kMaxSleepMs) ? kMaxSleepMs + 1 : total + ms;
  }
  if (total > kMaxSleepMs) {
    err(c, I, "kubesim: sleep is limited to 24h of simulated time at once\n");
    return 1;
  }
  if (c.background) { c.background_sleep_ms = total; return 0; }
  if (I.loop_depth > 0) {
    // a loop that keeps sleeping is what a learner would stop with Ctrl-C
    if (I.loop_sleep_ms + total > kMaxLoopSleepMs) {
      err(c, I, "kubesim: stopped the loop after 1h of simulated time (a real terminal would need Ctrl-C)\n");
      I.loop_limit_hit = true;
      I.stop_line();
      return 130;
    }
    I.loop_sleep_ms += total;
  }
  I.m.sleep_ms(total);
  return 0;
}

Job* find_job(Interp& I, const std::string& spec) {
  auto& jobs = I.s.jobs;
  if (jobs.empty()) return nullptr;
  if (spec == "%%" || spec == "%+" || spec == "%") {
    Job* best = nullptr;
    for (auto& j : jobs) if (!best || j.id > best->id) best = &j;
    return best;
  }
  if (spec == "%-") {
    Job *a = nullptr, *b = nullptr;
    for (auto& j : jobs) {
      if (!a || j.id > a->id) { b = a; a = &j; }
      else if (!b || j.id > b->id) b = &j;
    }
    return b ? b : a;
  }
  int64_t n;
  if (spec.size() > 1 && spec[0] == '%' && parse_int(spec.substr(1), n)) {
    for (auto& j : jobs) if (j.id == n) return &j;
    return nullptr;
  }
  if (spec.size() > 1 && spec[0] == '%') {
    for (auto& j : jobs) if (j.command.rfind(spec.substr(1), 0) == 0) return &j;
  }
  return nullptr;
}

void refresh_jobs(Interp& I) {
  int64_t now = I.m.now_ms();
  for (auto& j : I.s.jobs)
    if (j.state == Job::Running && j.ends_at_ms >= 0 && j.ends_at_ms <= now) j.state = Job::Done;
}

std::string job_line(const Job& j, char mark, bool with_pid) {
  std::string status;
  if (j.state == Job::Running) status = "Running";
  else if (j.state == Job::Done) status = j.exit_status == 0 ? "Done" : "Exit " + std::to_string(j.exit_status);
  else status = j.killed ? "Killed" : "Terminated";
  status.resize(std::max<size_t>(status.size(), 24), ' ');
  std::string line = "[" + std::to_string(j.id) + "]" + mark + (with_pid ? " " + std::to_string(j.pid) + " " : "  ") + status + j.command;
  if (j.state == Job::Running) line += " &";
  return line + "\n";
}

int b_jobs(Interp& I, Call& c) {
  refresh_jobs(I);
  bool pids = false, longf = false;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    if (c.argv[i] == "-p") pids = true;
    else if (c.argv[i] == "-l") longf = true;
  }
  int current = 0, previous = 0;
  for (auto& j : I.s.jobs) {
    if (j.id > current) { previous = current; current = j.id; }
    else if (j.id > previous) previous = j.id;
  }
  for (auto& j : I.s.jobs) {
    if (j.reported) continue;
    if (pids) out(c, I, std::to_string(j.pid) + "\n");
    else out(c, I, job_line(j, j.id == current ? '+' : j.id == previous ? '-' : ' ', longf));
    if (j.state != Job::Running) j.reported = true;
  }
  return 0;
}

int b_kill(Interp& I, Call& c) {
  if (c.argv.size() < 2) {
    err(c, I, "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
    return 2;
  }
  bool sigkill = false;
  size_t i = 1;
  if (c.argv[i] == "-l" || c.argv[i] == "-L") {
    out(c, I, " 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM\n");
    return 0;
  }
  if ((c.argv[i] == "-s" || c.argv[i] == "-n") && i + 1 < c.argv.size()) {
    std::string sig = c.argv[i + 1];
    sigkill = sig == "9" || sig == "KILL" || sig == "SIGKILL";
    i += 2;
  } else if (c.argv[i].size() > 1 && c.argv[i][0] == '-' && c.argv[i] != "--") {
    std::string sig = c.argv[i].substr(1);
    sigkill = sig == "9" || sig == "KILL" || sig == "SIGKILL";
    ++i;
  }
  if (i < c.argv.size() && c.argv[i] == "--") ++i;
  int status = 0;
  refresh_jobs(I);
  for (; i < c.argv.size(); ++i) {
    const std::string& t = c.argv[i];
    Job* j = nullptr;
    if (!t.empty() && t[0] == '%') {
      j = find_job(I, t);
      if (!j) {
        err(c, I, "bash: kill: " + t + ": no such job\n");
        status = 1;
        continue;
      }
    } else {
      int64_t pid;
      if (!parse_int(t, pid)) {
        err(c, I, "bash: kill: " + t + ": arguments must be process or job IDs\n");
        status = 1;
        continue;
      }
      for (auto& x : I.s.jobs) if (x.pid == pid) j = &x;
      if (!j) {
        err(c, I, "bash: kill: (" + t + ") - No such process\n");
        status = 1;
        continue;
      }
    }
    if (j->state != Job::Running) {
      err(c, I, "bash: kill: (" + std::to_string(j->pid) + ") - No such process\n");
      status = 1;
      continue;
    }
    j->state = Job::Terminated;
    j->killed = sigkill;
    j->report_next_line = true;  // bash notices the death one prompt later
    if (j->proxy) I.s.proxy_running = false;
  }
  return status;
}

int b_wait(Interp& I, Call& c) {
  refresh_jobs(I);
  int64_t until = I.m.now_ms();
  bool forever = false;
  for (auto& j : I.s.jobs) {
    if (j.state != Job::Running) continue;
    if (c.argv.size() > 1) {
      bool wanted = false;
      for (size_t i = 1; i < c.argv.size(); ++i) {
        Job* w = find_job(I, c.argv[i]);
        int64_t pid;
        if (w == &j || (parse_int(c.argv[i], pid) && pid == j.pid)) wanted = true;
      }
      if (!wanted) continue;
    }
    if (j.ends_at_ms < 0) forever = true;
    else until = std::max(until, j.ends_at_ms);
  }
  if (until > I.m.now_ms()) I.m.sleep_ms(until - I.m.now_ms());
  refresh_jobs(I);
  if (forever) {
    err(c, I, "kubesim: not waiting for jobs that never end (kubectl proxy); stop them with kill %N\n");
    return 1;
  }
  return 0;
}

int b_fg(Interp& I, Call& c) {
  refresh_jobs(I);
  std::string spec = c.argv.size() > 1 ? c.argv[1] : "%+";
  Job* j = find_job(I, spec);
  if (!j || j->reported) {
    err(c, I, "bash: " + c.argv[0] + ": " + (c.argv.size() > 1 ? c.argv[1] : std::string("current")) + ": no such job\n");
    return 1;
  }
  if (c.argv[0] == "bg") {
    if (j->state == Job::Running) {
      err(c, I, "bash: bg: job " + std::to_string(j->id) + " already in background\n");
      return 0;
    }
    err(c, I, "bash: bg: job has terminated\n");
    return 1;
  }
  if (j->state != Job::Running) {
    err(c, I, "bash: fg: job has terminated\n");
    j->reported = true;
    return 1;
  }
  if (j->ends_at_ms < 0) {
    err(c, I, "kubesim: fg is not supported for `" + j->command + "' (it would hold the terminal until Ctrl-C)\n");
    return 1;
  }
  out(c, I, j->command + "\n");
  if (j->ends_at_ms > I.m.now_ms()) I.m.sleep_ms(j->ends_at_ms - I.m.now_ms());
  j->state = Job::Done;
  j->reported = true;
  return j->exit_status;
}

// [SECTION] test / [
class Test {
 public:
  Test(Interp& I, Call& c, std::vector<std::string> args, std::string name)
      : I_(I), c_(c), a_(std::move(args)), name_(std::move(name)) {}

  int run() {
    if (a_.empty()) return 1;
    bool v = expr();
    if (bad_) return 2;
    if (p_ < a_.size()) { error(a_[p_] + ": unexpected argument"); return 2; }
    return v ? 0 : 1;
  }

 private:
  void error(const std::string& msg) {
    if (bad_) return;
    bad_ = true;
    err(c_, I_, "bash: " + name_ + ": " + msg + "\n");
  }
  bool more() const { return p_ < a_.size(); }
  const std::string& cur() const { return a_[p_]; }
  bool expr() {
    bool v = and_expr();
    while (!bad_ && more() && cur() == "-o") { ++p_; bool r = and_expr(); v = v || r; }
    return v;
  }
  bool and_expr() {
    bool v = not_expr();
    while (!bad_ && more() && cur() == "-a") { ++p_; bool r = not_expr(); v = v && r; }
    return v;
  }
  bool not_expr() {
    if (more() && cur() == "!" && a_.size() - p_ > 1) { ++p_; return !not_expr(); }
    return primary();
  }
  static bool is_binary(const std::string& op) {
    return op == "=" || op == "==" || op == "!=" || op == "-eq" || op == "-ne" || op == "-lt" || op == "-le" ||
           op == "-gt" || op == "-ge" || op == "<" || op == ">" || op == "-nt" || op == "-ot" || op == "-ef";
  }
  bool integer(const std::string& s, int64_t& v) {
    if (parse_int(s, v)) return true;
    error(s + ": integer expression expected");
    return false;
  }
  bool primary() {
    if (!more()) { error("argument expected"); return false; }
    // binary operators take precedence when the next word is one (`[ -n = -n ]`)
    if (a_.size() - p_ >= 3 && is_binary(a_[p_ + 1])) {
      std::string l = a_[p_], op = a_[p_ + 1], r = a_[p_ + 2];
      p_ += 3;
      if (op == "=" || op == "==") return l == r;
      if (op == "!=") return l != r;
      if (op == "<") return l < r;
      if (op == ">") return l > r;
      if (op == "-nt" || op == "-ot" || op == "-ef") return false;
      int64_t x, y;
      if (!integer(l, x) || !integer(r, y)) return false;
      if (op == "-eq") return x == y;
      if (op == "-ne") return x != y;
      if (op == "-lt") return x < y;
      if (op == "-le") return x <= y;
      if (op == "-gt") return x > y;
      return x >= y;
    }
    if (cur() == "(" && a_.size() - p_ >= 2) {
      ++p_;
      bool v = expr();
      if (!more() || cur() != ")") { error("`)' expected"); return false; }
      ++p_;
      return v;
    }
    const std::string& w = cur();
    if (w.size() == 2 && w[0] == '-' && a_.size() - p_ >= 2 && std::string_view("zndfesrwxLhtpSbcugkGON").find(w[1]) != std::string_view::npos) {
      std::string arg = a_[p_ + 1];
      p_ += 2;
      std::string path = I_.abs_path(arg);
      switch (w[1]) {
        case 'z': return arg.empty();
        case 'n': return !arg.empty();
        case 'f': return I_.m.read_file(path) != nullptr;
        case 'd': return I_.m.is_dir(path);
        case 'e': case 'r': case 'w': case 'O': case 'G': return I_.m.read_file(path) != nullptr || I_.m.is_dir(path);
        case 's': { auto* t = I_.m.read_file(path); return (t && !t->empty()) || I_.m.is_dir(path); }
        case 'x': return I_.m.is_dir(path);
        case 't': return false;
        default: return false;
      }
    }
    if (w.size() == 2 && w[0] == '-' && a_.size() - p_ == 1 && std::isalpha(static_cast<unsigned char>(w[1]))) {
      ++p_;
      return true;  // a lone "-z" is a non-empty string
    }
    if (w.size() > 1 && w[0] == '-' && a_.size() - p_ >= 2 && !is_binary(a_[p_ + 1]) && a_[p_ + 1] != "-a" && a_[p_ + 1] != "-o") {
      error(w + ": unary operator expected");
      return false;
    }
    ++p_;
    if (more() && !is_binary(cur()) && cur() != "-a" && cur() != "-o" && cur() != ")") {
      if (w.size() > 1 && w[0] == '-') error(w + ": unary operator expected");
      else error(cur() + ": binary operator expected");
      return false;
    }
    return !w.empty();
  }

  Interp& I_;
  Call& c_;
  std::vector<std::string> a_;
  std::string name_;
  size_t p_ = 0;
  bool bad_ = false;
};

int b_test(Interp& I, Call& c) {
  std::vector<std::string> args(c.argv.begin() + 1, c.argv.end());
  if (c.argv[0] == "[") {
    if (args.empty() || args.back() != "]") {
      err(c, I, "bash: [: missing `]'\n");
      return 2;
    }
    args.pop_back();
  }
  return Test(I, c, std::move(args), c.argv[0]).run();
}

// [SECTION] programs a desktop has that kubesim cannot be
int b_sudo(Interp& I, Call& c) {
  size_t i = 1;
  while (i < c.argv.size() && c.argv[i].size() > 1 && c.argv[i][0] == '-') ++i;
  if (i >= c.argv.size()) {
    err(c, I, "usage: sudo -h | -K | -k | -V\n");
    return 1;
  }
  std::vector<std::string> argv(c.argv.begin() + static_cast<long>(i), c.argv.end());
  Call sub{argv, c.fds, c.temp_env, c.background};
  int st = I.dispatch(sub);
  c.keeps_running = sub.keeps_running;
  return st;
}

int b_watch(Interp& I, Call& c) {
  if (I.m.in_container()) { err(c, I, "bash: watch: command not found\n"); return 127; }
  err(c, I, "kubesim: watch is not supported (it redraws the screen every 2s); run the command again, or use `kubectl get pods -w`\n");
  return 1;
}

int b_editor(Interp& I, Call& c) {
  if (I.m.in_container()) { err(c, I, "bash: " + c.argv[0] + ": command not found\n"); return 127; }
  err(c, I, "kubesim: " + c.argv[0] + " is not available: kubesim's terminal has no full-screen programs\n");
  return 1;
}

int b_pager(Interp& I, Call& c) {
  // the bootcamp image has no pager; on the learner's computer a pager shows the file (no paging)
  if (I.m.in_container()) { err(c, I, "bash: " + c.argv[0] + ": command not found\n"); return 127; }
  return u_cat(I, c);
}

struct Entry { Builtin fn; const char* path; bool special; };

const std::map<std::string, Entry>& table() {
  static const std::map<std::string, Entry> t = {
      {":", {b_true, "", true}},
      {"true", {b_true, "/usr/bin/true", true}},
      {"false", {b_false, "/usr/bin/false", true}},
      {"echo", {b_echo, "/usr/bin/echo", true}},
      {"printf", {b_printf, "/usr/bin/printf", true}},
      {"export", {b_export, "", true}},
      {"unset", {b_unset, "", true}},
      {"set", {b_set, "", true}},
      {"env", {b_env, "/usr/bin/env", false}},
      {"printenv", {b_printenv, "/usr/bin/printenv", false}},
      {"alias", {b_alias, "", true}},
      {"unalias", {b_unalias, "", true}},
      {"read", {b_read, "", true}},
      {"cd", {b_cd, "", true}},
      {"pwd", {b_pwd, "/usr/bin/pwd", true}},
      {"exit", {b_exit, "", true}},
      {"logout", {b_logout, "", true}},
      {"history", {b_history, "", true}},
      {"clear", {b_clear, "/usr/bin/clear", false}},
      {"help", {b_help, "", true}},
      {"type", {b_type, "", true}},
      {"which", {b_which, "/usr/bin/which", false}},
      {"command", {b_command, "", true}},
      {"eval", {b_eval, "", true}},
      {"source", {b_source, "", true}},
      {".", {b_source, "", true}},
      {"bash", {b_bash, "/usr/bin/bash", false}},
      {"sh", {b_bash, "/usr/bin/sh", false}},
      {"break", {b_break, "", true}},
      {"continue", {b_break, "", true}},
      {"return", {b_return, "", true}},
      {"local", {b_local, "", true}},
      {"shift", {b_shift, "", true}},
      {"[[", {b_dbracket, "", false}},
      {"sleep", {b_sleep, "/usr/bin/sleep", false}},
      {"jobs", {b_jobs, "", true}},
      {"kill", {b_kill, "/usr/bin/kill", true}},
      {"wait", {b_wait, "", true}},
      {"fg", {b_fg, "", true}},
      {"bg", {b_fg, "", true}},
      {"test", {b_test, "/usr/bin/test", true}},
      {"[", {b_test, "/usr/bin/[", true}},
      {"sudo", {b_sudo, "/usr/bin/sudo", false}},
      {"watch", {b_watch, "/usr/bin/watch", false}},
      {"vi", {b_editor, "/usr/bin/vi", false}},
      {"vim", {b_editor, "/usr/bin/vim", false}},
      {"nano", {b_editor, "/usr/bin/nano", false}},
      {"emacs", {b_editor, "/usr/bin/emacs", false}},
      {"top", {b_editor, "/usr/bin/top", false}},
      {"less", {b_pager, "/usr/bin/less", false}},
      {"more", {b_pager, "/usr/bin/more", false}},
      // text utilities (utils.cpp)
      {"cat", {u_cat, "/usr/bin/cat", false}},
      {"head", {u_head, "/usr/bin/head", false}},
      {"tail", {u_tail, "/usr/bin/tail", false}},
      {"grep", {u_grep, "/usr/bin/grep", false}},
      {"egrep", {u_grep, "/usr/bin/egrep", false}},
      {"fgrep", {u_grep, "/usr/bin/fgrep", false}},
      {"wc", {u_wc, "/usr/bin/wc", false}},
      {"sort", {u_sort, "/usr/bin/sort", false}},
      {"uniq", {u_uniq, "/usr/bin/uniq", false}},
      {"cut", {u_cut, "/usr/bin/cut", false}},
      {"tr", {u_tr, "/usr/bin/tr", false}},
      {"tee", {u_tee, "/usr/bin/tee", false}},
      {"ls", {u_ls, "/usr/bin/ls", false}},
      {"rm", {u_rm, "/usr/bin/rm", false}},
      {"touch", {u_touch, "/usr/bin/touch", false}},
      {"mkdir", {u_mkdir, "/usr/bin/mkdir", false}},
      {"seq", {u_seq, "/usr/bin/seq", false}},
      {"date", {u_date, "/usr/bin/date", false}},
      {"base64", {u_base64, "/usr/bin/base64", false}},
      {"xargs", {u_xargs, "/usr/bin/xargs", false}},
      {"awk", {u_awk, "/usr/bin/awk", false}},
      {"hostname", {u_hostname, "/usr/bin/hostname", false}},
      {"whoami", {u_whoami, "/usr/bin/whoami", false}},
      {"id", {u_id, "/usr/bin/id", false}},
      {"uname", {u_uname, "/usr/bin/uname", false}},
      {"basename", {u_basename, "/usr/bin/basename", false}},
      {"dirname", {u_dirname, "/usr/bin/dirname", false}},
  };
  return t;
}

}  // namespace

Builtin find_builtin(const std::string& name) {
  auto& t = table();
  auto it = t.find(name);
  return it == t.end() ? nullptr : it->second.fn;
}

std::string utility_path(const std::string& name) {
  auto& t = table();
  auto it = t.find(name);
  return it == t.end() ? std::string() : it->second.path;
}

bool is_special_builtin(const std::string& name) {
  auto& t = table();
  auto it = t.find(name);
  return it != t.end() && it->second.special;
}

const std::vector<std::string>& builtin_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (auto& [k, e] : table()) if (k != ":" && k != "." && k != "[" && k != "[[") v.push_back(k);
    return v;
  }();
  return names;
}

}  // namespace kubesim::shell
