// kubesim — text utilities with GNU coreutils/grep behaviour for the options a learner uses:
// cat head tail grep wc sort uniq cut tr tee ls rm touch mkdir seq date base64 xargs awk (a
// small subset), hostname whoami id uname basename dirname. Messages are GNU's.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>

#include "shell/interp.h"
#include "shell/regex.h"

namespace kubesim::shell {

namespace {

void out(Call& c, Interp& I, std::string_view t) { I.out(c.fds, t); }
void err(Call& c, Interp& I, std::string_view t) { I.err(c.fds, t); }

// [SECTION] input helpers
struct Input {
  std::string name;  // "-" for stdin
  std::string text;
};

std::string read_stdin(Call& c) { return c.fds.in ? c.fds.in->take() : std::string(); }

// Reads FILE arguments (or stdin when there are none / for "-"). Missing files print
// "prog: NAME: No such file or directory" and set status.
std::vector<Input> gather(Interp& I, Call& c, const std::vector<std::string>& files, const std::string& prog,
                          int& status, int fail_status = 1) {
  std::vector<Input> ins;
  if (files.empty()) {
    ins.push_back({"-", read_stdin(c)});
    return ins;
  }
  for (auto& f : files) {
    if (f == "-") { ins.push_back({"-", read_stdin(c)}); continue; }
    std::string path = I.abs_path(f);
    if (const std::string* t = I.m.read_file(path)) { ins.push_back({f, *t}); continue; }
    err(c, I, prog + ": " + f + ": " + (I.m.is_dir(path) ? "Is a directory" : "No such file or directory") + "\n");
    status = fail_status;
  }
  return ins;
}

std::vector<std::string_view> lines_of(std::string_view t) {
  std::vector<std::string_view> ls;
  size_t i = 0;
  while (i < t.size()) {
    size_t nl = t.find('\n', i);
    if (nl == std::string_view::npos) { ls.push_back(t.substr(i)); break; }
    ls.push_back(t.substr(i, nl - i));
    i = nl + 1;
  }
  return ls;
}

bool bad_option(Interp& I, Call& c, const std::string& prog, const std::string& opt) {
  if (opt.size() > 2 && opt[1] == '-') err(c, I, prog + ": unrecognized option '" + opt + "'\n");
  else err(c, I, prog + ": invalid option -- '" + opt.substr(1, 1) + "'\n");
  err(c, I, "Try '" + prog + " --help' for more information.\n");
  return false;
}

// "-n 5", "-n5", "-5", "--lines=5"
bool count_option(const std::vector<std::string>& a, size_t& i, char letter, const char* longname, std::string& value) {
  const std::string& s = a[i];
  if (s.size() > 1 && s[0] == '-' && s[1] == letter) {
    if (s.size() > 2) { value = s.substr(2); return true; }
    if (i + 1 < a.size()) { value = a[++i]; return true; }
    value.clear();
    return true;
  }
  std::string lp = std::string("--") + longname + "=";
  if (s.rfind(lp, 0) == 0) { value = s.substr(lp.size()); return true; }
  return false;
}

// [SECTION] cat tee
}  // namespace

int u_cat(Interp& I, Call& c) {
  std::vector<std::string> files;
  bool number = false;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "-n") number = true;
    else if (a.size() > 1 && a[0] == '-' && a != "-") {
      if (a.find_first_not_of("uAvEeTt", 1) != std::string::npos) return bad_option(I, c, "cat", a), 1;
    } else files.push_back(a);
  }
  int status = 0;
  auto ins = gather(I, c, files, c.argv[0], status);
  size_t n = 0;
  for (auto& in : ins) {
    if (!number) { out(c, I, in.text); continue; }
    std::string t;
    for (auto l : lines_of(in.text)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%6zu\t", ++n);
      t += buf;
      t += l;
      t += '\n';
    }
    out(c, I, t);
  }
  return status;
}

int u_tee(Interp& I, Call& c) {
  bool append = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    if (c.argv[i] == "-a") append = true;
    else files.push_back(c.argv[i]);
  }
  std::string text = read_stdin(c);
  out(c, I, text);
  int status = 0;
  for (auto& f : files) {
    std::string e = I.m.write_file(I.abs_path(f), text, append);
    if (!e.empty()) { err(c, I, "tee: " + f + ": " + e + "\n"); status = 1; }
  }
  return status;
}

// [SECTION] head tail
int u_head(Interp& I, Call& c) {
  int64_t lines = 10, bytes = -1;
  bool all_but = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    std::string v;
    const std::string& a = c.argv[i];
    if (count_option(c.argv, i, 'n', "lines", v) || count_option(c.argv, i, 'c', "bytes", v)) {
      bool is_bytes = a.rfind("-c", 0) == 0 || a.rfind("--bytes", 0) == 0;
      all_but = !v.empty() && v[0] == '-';
      int64_t x;
      if (!parse_int(all_but ? v.substr(1) : v, x) || x < 0) {
        err(c, I, std::string("head: invalid number of ") + (is_bytes ? "bytes" : "lines") + ": '" + v + "'\n");
        return 1;
      }
      (is_bytes ? bytes : lines) = x;
      continue;
    }
    if (a.size() > 1 && a[0] == '-' && std::isdigit(static_cast<unsigned char>(a[1]))) {
      int64_t x;
      if (parse_int(a.substr(1), x)) { lines = x; continue; }
    }
    if (a == "-q" || a == "-v") continue;
    if (a.size() > 1 && a[0] == '-' && a != "-") { bad_option(I, c, "head", a); return 1; }
    files.push_back(a);
  }
  int status = 0;
  auto ins = gather(I, c, files, "head", status);
  bool headers = ins.size() > 1;
  for (size_t k = 0; k < ins.size(); ++k) {
    auto& in = ins[k];
    if (headers) out(c, I, std::string(k ? "\n" : "") + "==> " + (in.name == "-" ? "standard input" : in.name) + " <==\n");
    if (bytes >= 0) {
      size_t n = static_cast<size_t>(bytes);
      out(c, I, all_but ? in.text.substr(0, in.text.size() > n ? in.text.size() - n : 0) : in.text.substr(0, n));
      continue;
    }
    auto ls = lines_of(in.text);
    size_t n = static_cast<size_t>(lines);
    size_t take = all_but ? (ls.size() > n ? ls.size() - n : 0) : std::min(n, ls.size());
    std::string t;
    for (size_t i = 0; i < take; ++i) {
      t += ls[i];
      bool last_of_text = i + 1 == ls.size();
      if (!last_of_text || (!in.text.empty() && in.text.back() == '\n')) t += '\n';
    }
    out(c, I, t);
  }
  return status;
}

int u_tail(Interp& I, Call& c) {
  int64_t lines = 10, bytes = -1;
  bool from_start = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    std::string v;
    const std::string& a = c.argv[i];
    if (a == "-f" || a == "-F" || a == "--follow") {
      err(c, I, "kubesim: tail -f is not supported (it waits forever); use kubectl logs or run tail again\n");
      return 1;
    }
    if (count_option(c.argv, i, 'n', "lines", v) || count_option(c.argv, i, 'c', "bytes", v)) {
      bool is_bytes = a.rfind("-c", 0) == 0 || a.rfind("--bytes", 0) == 0;
      from_start = !v.empty() && v[0] == '+';
      std::string num = (!v.empty() && (v[0] == '+' || v[0] == '-')) ? v.substr(1) : v;
      int64_t x;
      if (!parse_int(num, x) || x < 0) {
        err(c, I, std::string("tail: invalid number of ") + (is_bytes ? "bytes" : "lines") + ": '" + v + "'\n");
        return 1;
      }
      (is_bytes ? bytes : lines) = x;
      continue;
    }
    if (a.size() > 1 && a[0] == '-' && std::isdigit(static_cast<unsigned char>(a[1]))) {
      int64_t x;
      if (parse_int(a.substr(1), x)) { lines = x; continue; }
    }
    if (a == "-q" || a == "-v") continue;
    if (a.size() > 1 && a[0] == '-' && a != "-") { bad_option(I, c, "tail", a); return 1; }
    files.push_back(a);
  }
  int status = 0;
  auto ins = gather(I, c, files, "tail", status);
  bool headers = ins.size() > 1;
  for (size_t k = 0; k < ins.size(); ++k) {
    auto& in = ins[k];
    if (headers) out(c, I, std::string(k ? "\n" : "") + "==> " + (in.name == "-" ? "standard input" : in.name) + " <==\n");
    if (bytes >= 0) {
      size_t n = static_cast<size_t>(bytes);
      if (from_start) out(c, I, in.text.substr(std::min(in.text.size(), n > 0 ? n - 1 : 0)));
      else out(c, I, in.text.substr(in.text.size() > n ? in.text.size() - n : 0));
      continue;
    }
    auto ls = lines_of(in.text);
    size_t n = static_cast<size_t>(lines);
    size_t first = from_start ? std::min(ls.size(), n > 0 ? n - 1 : 0) : (ls.size() > n ? ls.size() - n : 0);
    std::string t;
    for (size_t i = first; i < ls.size(); ++i) {
      t += ls[i];
      if (i + 1 < ls.size() || (!in.text.empty() && in.text.back() == '\n')) t += '\n';
    }
    out(c, I, t);
  }
  return status;
}

// [SECTION] grep
int u_grep(Interp& I, Call& c) {
  Regex::Options ro;
  ro.extended = c.argv[0] == "egrep";
  ro.fixed = c.argv[0] == "fgrep";
  bool invert = false, count = false, number = false, only = false, quiet = false, names_only = false;
  int with_names = -1;  // -1 auto
  int64_t max_count = -1;
  std::vector<std::string> patterns, files;
  bool patterns_given = false;
  auto usage = [&]() {
    err(c, I, "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  };
  size_t i = 1;
  bool no_more_options = false;
  for (; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (no_more_options || a.size() < 2 || a[0] != '-') {
      if (!patterns_given) { patterns.push_back(a); patterns_given = true; }
      else files.push_back(a);
      continue;
    }
    if (a == "--") { no_more_options = true; continue; }
    if (a.rfind("--", 0) == 0) {
      if (a.rfind("--color", 0) == 0 || a.rfind("--colour", 0) == 0) continue;
      if (a == "--ignore-case") ro.icase = true;
      else if (a == "--invert-match") invert = true;
      else if (a == "--count") count = true;
      else if (a == "--line-number") number = true;
      else if (a == "--only-matching") only = true;
      else if (a == "--quiet" || a == "--silent") quiet = true;
      else if (a == "--word-regexp") ro.word = true;
      else if (a == "--line-regexp") ro.line = true;
      else if (a == "--extended-regexp") ro.extended = true;
      else if (a == "--fixed-strings") ro.fixed = true;
      else if (a.rfind("--regexp=", 0) == 0) { patterns.push_back(a.substr(9)); patterns_given = true; }
      else {
        err(c, I, "grep: unrecognized option '" + a + "'\n");
        return usage();
      }
      continue;
    }
    for (size_t k = 1; k < a.size(); ++k) {
      char o = a[k];
      switch (o) {
        case 'i': case 'y': ro.icase = true; break;
        case 'v': invert = true; break;
        case 'c': count = true; break;
        case 'n': number = true; break;
        case 'o': only = true; break;
        case 'q': case 's': quiet = quiet || o == 'q'; break;
        case 'w': ro.word = true; break;
        case 'x': ro.line = true; break;
        case 'E': ro.extended = true; ro.fixed = false; break;
        case 'F': ro.fixed = true; break;
        case 'G': ro.extended = false; ro.fixed = false; break;
        case 'h': with_names = 0; break;
        case 'H': with_names = 1; break;
        case 'l': names_only = true; break;
        case 'e': case 'm': case 'A': case 'B': case 'C': {
          std::string v = a.substr(k + 1);
          if (v.empty()) {
            if (i + 1 >= c.argv.size()) {
              err(c, I, std::string("grep: option requires an argument -- '") + o + "'\n");
              return usage();
            }
            v = c.argv[++i];
          }
          if (o == 'e') { patterns.push_back(v); patterns_given = true; }
          else if (o == 'm') { if (!parse_int(v, max_count)) { err(c, I, "grep: invalid max count\n"); return 2; } }
          k = a.size();
          break;
        }
        default:
          err(c, I, std::string("grep: invalid option -- '") + o + "'\n");
          return usage();
      }
    }
  }
  if (!patterns_given) return usage();
  // several patterns (-e a -e b, or newlines in one) match when any matches
  std::vector<std::string> pats;
  for (auto& p : patterns) for (auto l : lines_of(p)) pats.emplace_back(l);
  if (pats.empty()) pats.emplace_back("");
  std::vector<Regex> res(pats.size());
  for (size_t k = 0; k < pats.size(); ++k) {
    std::string e = res[k].compile(pats[k], ro);
    if (!e.empty()) {
      err(c, I, "grep: " + e + "\n");
      return 2;
    }
  }
  int status = 0;
  auto ins = gather(I, c, files, "grep", status, 2);
  bool show_names = with_names == -1 ? ins.size() > 1 || files.size() > 1 : with_names == 1;
  bool any = false;
  std::string text;
  for (auto& in : ins) {
    std::string label = in.name == "-" ? "(standard input)" : in.name;
    int64_t n_sel = 0;
    size_t ln = 0;
    for (auto line : lines_of(in.text)) {
      ++ln;
      if (max_count >= 0 && n_sel >= max_count) break;
      bool m = false;
      for (auto& re : res) if (re.search(line)) { m = true; break; }
      if (m == invert) continue;
      ++n_sel;
      any = true;
      if (quiet) return 0;
      if (count || names_only) continue;
      std::string prefix = (show_names ? label + ":" : "") + (number ? std::to_string(ln) + ":" : "");
      if (only && !invert) {
        size_t pos = 0;
        while (pos <= line.size()) {
          size_t best_b = std::string::npos, best_e = 0;
          for (auto& re : res) {
            size_t b, e;
            if (re.find(line, pos, b, e) && (b < best_b || (b == best_b && e > best_e))) { best_b = b; best_e = e; }
          }
          if (best_b == std::string::npos) break;
          if (best_e > best_b) text += prefix + std::string(line.substr(best_b, best_e - best_b)) + "\n";
          pos = best_e > best_b ? best_e : best_b + 1;
        }
      } else if (!only) {
        text += prefix + std::string(line) + "\n";
      }
      if (text.size() > 65536) { out(c, I, text); text.clear(); }
    }
    if (names_only && n_sel > 0) text += label + "\n";
    if (count) text += (show_names ? label + ":" : "") + std::to_string(n_sel) + "\n";
  }
  out(c, I, text);
  if (status == 2) return 2;
  return any ? 0 : 1;
}

// [SECTION] wc
int u_wc(Interp& I, Call& c) {
  bool l = false, w = false, ch = false, m = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "--lines") l = true;
    else if (a == "--words") w = true;
    else if (a == "--bytes") ch = true;
    else if (a == "--chars") m = true;
    else if (a.size() > 1 && a[0] == '-' && a != "-") {
      for (size_t k = 1; k < a.size(); ++k) {
        if (a[k] == 'l') l = true;
        else if (a[k] == 'w') w = true;
        else if (a[k] == 'c') ch = true;
        else if (a[k] == 'm') m = true;
        else { bad_option(I, c, "wc", "-" + a.substr(k, 1)); return 1; }
      }
    } else files.push_back(a);
  }
  if (!l && !w && !ch && !m) l = w = ch = true;
  int status = 0;
  auto ins = gather(I, c, files, "wc", status);
  struct Counts { uint64_t l = 0, w = 0, m = 0, c = 0; };
  std::vector<Counts> cs;
  Counts total;
  for (auto& in : ins) {
    Counts k;
    bool inword = false;
    for (unsigned char x : in.text) {
      if (x == '\n') ++k.l;
      bool space = x == ' ' || x == '\n' || x == '\t' || x == '\r' || x == '\v' || x == '\f';
      if (space) inword = false;
      else if (!inword) { inword = true; ++k.w; }
      if ((x & 0xC0) != 0x80) ++k.m;
    }
    k.c = in.text.size();
    cs.push_back(k);
    total.l += k.l; total.w += k.w; total.m += k.m; total.c += k.c;
  }
  int ncounts = l + w + m + ch;
  bool from_stdin = files.empty() || std::find(files.begin(), files.end(), "-") != files.end();
  size_t width = 1;
  if (ncounts > 1 || ins.size() > 1) {
    if (from_stdin) width = 7;
    else width = std::to_string(std::max({total.l, total.w, total.c, total.m})).size();
  }
  auto fmt = [&](const Counts& k, const std::string& name) {
    std::string line;
    auto add = [&](uint64_t v) {
      std::string s = std::to_string(v);
      if (s.size() < width) s.insert(0, width - s.size(), ' ');
      if (!line.empty()) line += ' ';
      line += s;
    };
    if (l) add(k.l);
    if (w) add(k.w);
    if (m) add(k.m);
    if (ch) add(k.c);
    if (name != "-") line += " " + name;
    return line + "\n";
  };
  std::string text;
  for (size_t k = 0; k < ins.size(); ++k) text += fmt(cs[k], ins[k].name);
  if (ins.size() > 1) text += fmt(total, "total");
  out(c, I, text);
  return status;
}

// [SECTION] sort uniq cut tr
namespace {
double numeric_prefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  bool neg = false;
  if (i < s.size() && s[i] == '-') { neg = true; ++i; }
  double v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
  if (i < s.size() && s[i] == '.') {
    double scale = 0.1;
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') { v += (s[i++] - '0') * scale; scale /= 10; }
  }
  return neg ? -v : v;
}

std::string_view field_of(std::string_view line, int64_t k, char sep) {
  // k is 1-based; sep 0 = runs of blanks (leading blanks belong to the field, like sort)
  if (k < 1) return line;
  size_t i = 0;
  for (int64_t f = 1; f < k; ++f) {
    if (sep) {
      size_t p = line.find(sep, i);
      if (p == std::string_view::npos) return {};
      i = p + 1;
    } else {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      if (i >= line.size()) return {};
    }
  }
  size_t e = i;
  if (sep) { e = line.find(sep, i); if (e == std::string_view::npos) e = line.size(); }
  else {
    while (e < line.size() && (line[e] == ' ' || line[e] == '\t')) ++e;
    while (e < line.size() && line[e] != ' ' && line[e] != '\t') ++e;
  }
  return line.substr(i, e - i);
}
}  // namespace

int u_sort(Interp& I, Call& c) {
  bool reverse = false, numeric = false, unique = false, fold = false;
  int64_t key = 0;
  char sep = 0;
  std::vector<std::string> files;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "-k" || a == "-t") {
      if (i + 1 >= c.argv.size()) { err(c, I, "sort: option requires an argument -- '" + a.substr(1) + "'\n"); return 2; }
      std::string v = c.argv[++i];
      if (a == "-t") sep = v.empty() ? 0 : v[0];
      else { int64_t k; std::string kk = v.substr(0, v.find_first_of(",.n")); if (v.find('n') != std::string::npos) numeric = true; if (!parse_int(kk, k) || k < 1) { err(c, I, "sort: invalid number at field start: invalid count at start of '" + v + "'\n"); return 2; } key = k; }
      continue;
    }
    if (a.rfind("-k", 0) == 0 && a.size() > 2) { int64_t k; std::string v = a.substr(2); if (v.find('n') != std::string::npos) numeric = true; if (parse_int(v.substr(0, v.find_first_of(",.n")), k)) key = k; continue; }
    if (a.rfind("-t", 0) == 0 && a.size() > 2) { sep = a[2]; continue; }
    if (a.size() > 1 && a[0] == '-' && a != "-") {
      for (size_t k = 1; k < a.size(); ++k) {
        switch (a[k]) {
          case 'r': reverse = true; break;
          case 'n': case 'g': case 'h': numeric = true; break;
          case 'u': unique = true; break;
          case 'f': fold = true; break;
          case 'b': case 's': case 'V': break;
          default: bad_option(I, c, "sort", "-" + a.substr(k, 1)); return 2;
        }
      }
      continue;
    }
    files.push_back(a);
  }
  int status = 0;
  auto ins = gather(I, c, files, "sort", status, 2);
  std::vector<std::string> lines;
  for (auto& in : ins) for (auto l : lines_of(in.text)) lines.emplace_back(l);
  auto keyof = [&](const std::string& l) { return key ? field_of(l, key, sep) : std::string_view(l); };
  auto fcmp = [&](std::string_view a, std::string_view b) {
    if (numeric) {
      double x = numeric_prefix(a), y = numeric_prefix(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (fold) {
      size_t n = std::min(a.size(), b.size());
      for (size_t i = 0; i < n; ++i) {
        int x = std::toupper(static_cast<unsigned char>(a[i])), y = std::toupper(static_cast<unsigned char>(b[i]));
        if (x != y) return x < y ? -1 : 1;
      }
      return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
    }
    int r = a.compare(b);
    return r < 0 ? -1 : r > 0 ? 1 : 0;
  };
  std::stable_sort(lines.begin(), lines.end(), [&](const std::string& a, const std::string& b) {
    int r = fcmp(keyof(a), keyof(b));
    if (r == 0 && !unique) r = a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;  // last-resort whole-line order
    return reverse ? r > 0 : r < 0;
  });
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (unique && i > 0 && fcmp(keyof(lines[i]), keyof(lines[i - 1])) == 0) continue;
    text += lines[i] + "\n";
  }
  out(c, I, text);
  return status;
}

int u_uniq(Interp& I, Call& c) {
  bool count = false, dups = false, uniques = false, fold = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a.size() > 1 && a[0] == '-' && a != "-") {
      for (size_t k = 1; k < a.size(); ++k) {
        if (a[k] == 'c') count = true;
        else if (a[k] == 'd') dups = true;
        else if (a[k] == 'u') uniques = true;
        else if (a[k] == 'i') fold = true;
        else { bad_option(I, c, "uniq", "-" + a.substr(k, 1)); return 1; }
      }
    } else files.push_back(a);
  }
  int status = 0;
  auto ins = gather(I, c, std::vector<std::string>(files.begin(), files.begin() + std::min<size_t>(files.size(), 1)), "uniq", status);
  auto same = [&](std::string_view a, std::string_view b) {
    if (!fold) return a == b;
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
  };
  std::string text;
  for (auto& in : ins) {
    auto ls = lines_of(in.text);
    for (size_t i = 0; i < ls.size();) {
      size_t j = i + 1;
      while (j < ls.size() && same(ls[j], ls[i])) ++j;
      size_t n = j - i;
      if ((!dups || n > 1) && (!uniques || n == 1)) {
        if (count) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%7zu ", n);
          text += buf;
        }
        text += std::string(ls[i]) + "\n";
      }
      i = j;
    }
  }
  out(c, I, text);
  return status;
}

namespace {
// cut LIST: "1,3-5,-2,4-" → ranges (1-based, inclusive; hi 0 = to the end)
bool parse_list(const std::string& s, std::vector<std::pair<int64_t, int64_t>>& r) {
  size_t i = 0;
  while (i <= s.size()) {
    size_t e = s.find(',', i);
    if (e == std::string::npos) e = s.size();
    std::string part = s.substr(i, e - i);
    if (part.empty()) return false;
    size_t dash = part.find('-');
    int64_t lo, hi;
    if (dash == std::string::npos) { if (!parse_int(part, lo) || lo < 1) return false; hi = lo; }
    else {
      std::string a = part.substr(0, dash), b = part.substr(dash + 1);
      lo = 1; hi = 0;
      if (!a.empty() && (!parse_int(a, lo) || lo < 1)) return false;
      if (!b.empty() && (!parse_int(b, hi) || hi < 1)) return false;
    }
    r.emplace_back(lo, hi);
    i = e + 1;
  }
  return !r.empty();
}
bool in_list(const std::vector<std::pair<int64_t, int64_t>>& r, int64_t k) {
  for (auto& [lo, hi] : r) if (k >= lo && (hi == 0 || k <= hi)) return true;
  return false;
}
}  // namespace

int u_cut(Interp& I, Call& c) {
  char delim = '\t';
  std::string list;
  bool fields = false, chars = false, only_delimited = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    std::string a = c.argv[i];
    auto value = [&](size_t skip) -> std::string {
      if (a.size() > skip) return a.substr(skip);
      return i + 1 < c.argv.size() ? c.argv[++i] : std::string();
    };
    if (a.rfind("-d", 0) == 0) { std::string v = value(2); delim = v.empty() ? '\0' : v[0]; }
    else if (a.rfind("-f", 0) == 0) { list = value(2); fields = true; }
    else if (a.rfind("-c", 0) == 0 || a.rfind("-b", 0) == 0) { list = value(2); chars = true; }
    else if (a == "-s") only_delimited = true;
    else if (a.size() > 1 && a[0] == '-' && a != "-") { bad_option(I, c, "cut", a); return 1; }
    else files.push_back(a);
  }
  if (!fields && !chars) {
    err(c, I, "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    return 1;
  }
  std::vector<std::pair<int64_t, int64_t>> ranges;
  if (!parse_list(list, ranges)) {
    err(c, I, std::string("cut: invalid ") + (fields ? "field" : "byte/character") + " value '" + list + "'\nTry 'cut --help' for more information.\n");
    return 1;
  }
  int status = 0;
  auto ins = gather(I, c, files, "cut", status);
  std::string text;
  for (auto& in : ins) {
    for (auto line : lines_of(in.text)) {
      if (chars) {
        for (size_t k = 0; k < line.size(); ++k) if (in_list(ranges, static_cast<int64_t>(k) + 1)) text += line[k];
        text += '\n';
        continue;
      }
      if (line.find(delim) == std::string_view::npos) {
        if (!only_delimited) text += std::string(line) + "\n";
        continue;
      }
      std::string o;
      bool first = true;
      size_t b = 0;
      for (int64_t k = 1;; ++k) {
        size_t e = line.find(delim, b);
        std::string_view f = line.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
        if (in_list(ranges, k)) {
          if (!first) o += delim;
          o += f;
          first = false;
        }
        if (e == std::string_view::npos) break;
        b = e + 1;
      }
      text += o + "\n";
    }
  }
  out(c, I, text);
  return status;
}

namespace {
std::string tr_set(const std::string& s) {
  std::string raw = expand_escapes(s, nullptr, true);
  std::string out;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '[' && i + 1 < raw.size() && raw[i + 1] == ':') {
      size_t e = raw.find(":]", i + 2);
      if (e != std::string::npos) {
        std::string cls = raw.substr(i + 2, e - i - 2);
        for (int x = 0; x < 256; ++x) {
          bool m = (cls == "upper" && std::isupper(x)) || (cls == "lower" && std::islower(x)) ||
                   (cls == "digit" && std::isdigit(x)) || (cls == "alpha" && std::isalpha(x)) ||
                   (cls == "alnum" && std::isalnum(x)) || (cls == "space" && std::isspace(x)) ||
                   (cls == "blank" && (x == ' ' || x == '\t')) || (cls == "punct" && std::ispunct(x));
          if (m) out += static_cast<char>(x);
        }
        i = e + 1;
        continue;
      }
    }
    if (i + 2 < raw.size() && raw[i + 1] == '-') {
      for (int x = static_cast<unsigned char>(raw[i]); x <= static_cast<unsigned char>(raw[i + 2]); ++x) out += static_cast<char>(x);
      i += 2;
      continue;
    }
    out += raw[i];
  }
  return out;
}
}  // namespace

int u_tr(Interp& I, Call& c) {
  bool del = false, squeeze = false;
  std::vector<std::string> sets;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "-d") del = true;
    else if (a == "-s") squeeze = true;
    else if (a == "-ds" || a == "-sd") del = squeeze = true;
    else sets.push_back(a);
  }
  if (sets.empty() || (!del && !squeeze && sets.size() < 2)) {
    err(c, I, sets.empty() ? "tr: missing operand\n" : "tr: missing operand after '" + sets[0] + "'\n");
    err(c, I, std::string(sets.empty() ? "" : "Two strings must be given when translating.\n") + "Try 'tr --help' for more information.\n");
    return 1;
  }
  std::string s1 = tr_set(sets[0]), s2 = sets.size() > 1 ? tr_set(sets[1]) : std::string();
  std::string in = read_stdin(c), o;
  int map[256];
  for (int x = 0; x < 256; ++x) map[x] = x;
  bool in1[256] = {};
  for (unsigned char x : s1) in1[x] = true;
  if (!del && !s2.empty()) {
    for (size_t k = 0; k < s1.size(); ++k) map[static_cast<unsigned char>(s1[k])] = static_cast<unsigned char>(s2[std::min(k, s2.size() - 1)]);
  }
  bool sq[256] = {};
  for (unsigned char x : (del ? s2 : (s2.empty() ? s1 : s2))) sq[x] = true;
  int last = -1;
  for (unsigned char x : in) {
    if (del && in1[x]) continue;
    int y = map[x];
    if (squeeze && sq[y] && y == last) continue;
    o += static_cast<char>(y);
    last = y;
  }
  out(c, I, o);
  return 0;
}

// [SECTION] files: ls rm touch mkdir
namespace {
int columns(Interp& I) {
  int64_t cols = 80;
  if (parse_int(I.sh->get("COLUMNS"), cols) && cols >= 10 && cols <= 1000) return static_cast<int>(cols);
  return 80;
}

size_t display_width(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    w += c >= 0xE1 && c <= 0xED ? 2 : 1;  // Hangul and CJK (3-byte sequences E1–ED) take two cells
  }
  return w;
}

// GNU ls's vertical columns: the most columns whose total width stays under the line length.
std::string columnate(const std::vector<std::string>& names, int line_length) {
  size_t n = names.size();
  if (n == 0) return "";
  size_t max_cols = std::min<size_t>(n, static_cast<size_t>(std::max(1, line_length / 3)));
  size_t best = 1;
  std::vector<size_t> best_widths;
  for (size_t cols = max_cols; cols >= 1; --cols) {
    size_t rows = (n + cols - 1) / cols;
    std::vector<size_t> widths(cols, 0);
    for (size_t i = 0; i < n; ++i) {
      size_t col = i / rows;
      size_t w = display_width(names[i]) + (col + 1 == cols ? 0 : 2);
      widths[col] = std::max(widths[col], w);
    }
    size_t total = 0;
    for (size_t w : widths) total += w;
    if (total < static_cast<size_t>(line_length) || cols == 1) {
      best = cols;
      best_widths = widths;
      break;
    }
  }
  size_t rows = (n + best - 1) / best;
  std::string out;
  for (size_t r = 0; r < rows; ++r) {
    for (size_t col = 0; col < best; ++col) {
      size_t i = col * rows + r;
      if (i >= n) break;
      out += names[i];
      if ((col + 1) * rows + r < n) out.append(best_widths[col] - display_width(names[i]), ' ');
    }
    out += '\n';
  }
  return out;
}

std::string month_day_time(int64_t ms) {
  static const char* mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int64_t days = ms / 86400000, secs = (ms / 1000) % 86400;
  days += 719468;
  int64_t era = days / 146097, doe = days - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %2lld %02lld:%02lld", mon[m - 1], static_cast<long long>(d),
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60));
  return buf;
}
}  // namespace

int u_ls(Interp& I, Call& c) {
  bool all = false, almost = false, one = false, longf = false, dir_only = false;
  std::vector<std::string> args;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a.rfind("--color", 0) == 0) continue;
    if (a == "--all") { all = true; continue; }
    if (a.size() > 1 && a[0] == '-') {
      for (size_t k = 1; k < a.size(); ++k) {
        switch (a[k]) {
          case 'a': all = true; break;
          case 'A': almost = true; break;
          case '1': one = true; break;
          case 'l': longf = true; break;
          case 'd': dir_only = true; break;
          case 'h': case 'F': case 'G': case 'N': case 'p': case 'r': case 't': case 'S': case 'C': case 'R': break;
          default: bad_option(I, c, "ls", "-" + a.substr(k, 1)); return 2;
        }
      }
      continue;
    }
    args.push_back(a);
  }
  bool tty = c.fds.out.kind == Sink::TermOut && I.sh->env_order != EnvOrder::Insertion;
  bool in_container = I.m.in_container();
  std::string owner = in_container ? "root root" : "learner learner";
  int64_t now = I.m.now_ms();
  int status = 0;
  bool any_args = !args.empty();
  if (args.empty()) args.push_back(".");
  std::vector<std::string> file_args, dir_args;
  for (auto& a : args) {
    std::string p = I.abs_path(a);
    if (I.m.is_dir(p) && !dir_only) dir_args.push_back(a);
    else if (I.m.is_dir(p) || I.m.read_file(p)) file_args.push_back(a);
    else {
      err(c, I, "ls: cannot access '" + a + "': No such file or directory\n");
      status = 2;
    }
  }
  std::sort(file_args.begin(), file_args.end());
  std::sort(dir_args.begin(), dir_args.end());
  auto render = [&](const std::string& base, std::vector<std::string> names) {
    if (!longf) return (tty && !one) ? columnate(names, columns(I)) : [&] { std::string t; for (auto& n : names) t += n + "\n"; return t; }();
    struct Row { std::string mode, links, size, name; };
    std::vector<Row> rows;
    int64_t blocks = 0;
    for (auto& n : names) {
      std::string p = base.empty() ? I.abs_path(n) : normalize_path(base + "/" + n);
      bool d = I.m.is_dir(p);
      const std::string* t = d ? nullptr : I.m.read_file(p);
      int64_t size = d ? 4096 : (t ? static_cast<int64_t>(t->size()) : 0);
      blocks += d ? 4 : (size + 4095) / 4096 * 4;
      rows.push_back({d ? "drwxr-xr-x" : "-rw-r--r--", d ? "2" : "1", std::to_string(size), n});
    }
    size_t lw = 1, sw = 1;
    for (auto& r : rows) { lw = std::max(lw, r.links.size()); sw = std::max(sw, r.size.size()); }
    std::string t = "total " + std::to_string(blocks) + "\n";
    for (auto& r : rows) {
      t += r.mode + " " + std::string(lw - r.links.size(), ' ') + r.links + " " + owner + " " +
           std::string(sw - r.size.size(), ' ') + r.size + " " + month_day_time(now) + " " + r.name + "\n";
    }
    return t;
  };
  std::string text;
  if (!file_args.empty()) text += render("", file_args);
  for (size_t k = 0; k < dir_args.size(); ++k) {
    std::string p = I.abs_path(dir_args[k]);
    std::vector<std::string> names;
    for (auto& n : I.m.list_dir(p)) {
      if (n.empty()) continue;
      if (n[0] == '.' && !all && !almost) continue;
      names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    if (all) { names.insert(names.begin(), ".."); names.insert(names.begin(), "."); }
    if (any_args && (dir_args.size() + file_args.size() > 1)) {
      if (!text.empty() || k > 0) text += "\n";
      text += dir_args[k] + ":\n";
    }
    text += render(p, names);
  }
  out(c, I, text);
  return status;
}

int u_rm(Interp& I, Call& c) {
  bool force = false, recursive = false;
  std::vector<std::string> files;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a.size() > 1 && a[0] == '-') {
      for (size_t k = 1; k < a.size(); ++k) {
        if (a[k] == 'f') force = true;
        else if (a[k] == 'r' || a[k] == 'R') recursive = true;
        else if (a[k] == 'v' || a[k] == 'i') {}
        else { bad_option(I, c, "rm", "-" + a.substr(k, 1)); return 1; }
      }
    } else files.push_back(a);
  }
  if (files.empty()) {
    if (force) return 0;
    err(c, I, "rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  int status = 0;
  for (auto& f : files) {
    std::string p = I.abs_path(f);
    if (I.m.is_dir(p) && !recursive) {
      err(c, I, "rm: cannot remove '" + f + "': Is a directory\n");
      status = 1;
      continue;
    }
    if (!I.m.is_dir(p) && !I.m.read_file(p)) {
      if (!force) { err(c, I, "rm: cannot remove '" + f + "': No such file or directory\n"); status = 1; }
      continue;
    }
    std::string e = I.m.remove_file(p);
    if (!e.empty()) { err(c, I, "rm: cannot remove '" + f + "': " + e + "\n"); status = 1; }
  }
  return status;
}

int u_touch(Interp& I, Call& c) {
  int status = 0;
  bool any = false;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    if (c.argv[i][0] == '-') continue;
    any = true;
    std::string p = I.abs_path(c.argv[i]);
    if (I.m.read_file(p) || I.m.is_dir(p)) continue;
    std::string e = I.m.write_file(p, "", false);
    if (!e.empty()) { err(c, I, "touch: cannot touch '" + c.argv[i] + "': " + e + "\n"); status = 1; }
  }
  if (!any) { err(c, I, "touch: missing file operand\nTry 'touch --help' for more information.\n"); return 1; }
  return status;
}

int u_mkdir(Interp& I, Call& c) {
  int status = 0;
  bool parents = false, any = false;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    if (c.argv[i] == "-p") { parents = true; continue; }
    any = true;
    std::string p = I.abs_path(c.argv[i]);
    if (I.m.is_dir(p) || I.m.read_file(p)) {
      if (!parents) { err(c, I, "mkdir: cannot create directory '" + c.argv[i] + "': File exists\n"); status = 1; }
      continue;
    }
    std::string parent = normalize_path(p + "/..");
    if (!parents && !I.m.is_dir(parent)) {
      err(c, I, "mkdir: cannot create directory '" + c.argv[i] + "': No such file or directory\n");
      status = 1;
      continue;
    }
    std::string e = I.m.write_file(p + "/", "", false);  // a trailing '/' makes an empty directory
    if (!e.empty()) { err(c, I, "mkdir: cannot create directory '" + c.argv[i] + "': " + e + "\n"); status = 1; }
  }
  if (!any) { err(c, I, "mkdir: missing operand\nTry 'mkdir --help' for more information.\n"); return 1; }
  return status;
}

// [SECTION] seq date base64
int u_seq(Interp& I, Call& c) {
  std::string sep = "\n";
  bool equal_width = false;
  std::vector<std::string> nums;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "-s" && i + 1 < c.argv.size()) { sep = c.argv[++i]; continue; }
    if (a.rfind("-s", 0) == 0 && a.size() > 2 && !std::isdigit(static_cast<unsigned char>(a[2]))) { sep = a.substr(2); continue; }
    if (a == "-w") { equal_width = true; continue; }
    nums.push_back(a);
  }
  if (nums.empty() || nums.size() > 3) {
    err(c, I, nums.empty() ? "seq: missing operand\n" : "seq: extra operand '" + nums[3] + "'\n");
    err(c, I, "Try 'seq --help' for more information.\n");
    return 1;
  }
  int64_t v[3];
  for (size_t k = 0; k < nums.size(); ++k) {
    if (!parse_int(nums[k], v[k])) {
      err(c, I, "seq: invalid floating point argument: '" + nums[k] + "'\nTry 'seq --help' for more information.\n");
      return 1;
    }
  }
  int64_t first = 1, inc = 1, last;
  if (nums.size() == 1) last = v[0];
  else if (nums.size() == 2) { first = v[0]; last = v[1]; }
  else { first = v[0]; inc = v[1]; last = v[2]; }
  if (inc == 0) {
    err(c, I, "seq: invalid Zero increment value: '" + nums[1] + "'\nTry 'seq --help' for more information.\n");
    return 1;
  }
  size_t width = equal_width ? std::max(std::to_string(first).size(), std::to_string(last).size()) : 0;
  std::string text;
  int64_t count = 0;
  for (int64_t x = first; inc > 0 ? x <= last : x >= last; x += inc) {
    if (++count > 1000000) {
      out(c, I, text);
      err(c, I, "\nkubesim: seq stopped after 1000000 numbers\n");
      return 1;
    }
    std::string s = std::to_string(x);
    if (s.size() < width) s.insert(x < 0 ? 1 : 0, width - s.size(), '0');
    if (count > 1) text += sep;
    text += s;
    if (text.size() > 65536) {
      out(c, I, text);
      text.clear();
      if (I.stopped()) return 1;
    }
  }
  if (count > 0) text += "\n";
  out(c, I, text);
  return 0;
}

int u_date(Interp& I, Call& c) {
  std::string fmt = "%a %b %e %H:%M:%S %Z %Y";
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (!a.empty() && a[0] == '+') fmt = a.substr(1);
    else if (a == "-u" || a == "--utc" || a == "-R" || a == "--rfc-email") {
      if (a == "-R" || a == "--rfc-email") fmt = "%a, %d %b %Y %H:%M:%S %z";
    } else if (a == "-I" || a == "--iso-8601") fmt = "%Y-%m-%d";
    else {
      err(c, I, "date: invalid date '" + a + "'\n");
      return 1;
    }
  }
  static const char* days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  static const char* months[] = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"};
  int64_t ms = I.m.now_ms();
  int64_t secs = ms / 1000, days_since = secs / 86400, sod = secs % 86400;
  int64_t z = days_since + 719468, era = z / 146097, doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  int64_t wday = (days_since + 4) % 7;  // 1970-01-01 was a Thursday
  int64_t h = sod / 3600, mi = sod / 60 % 60, s = sod % 60;
  auto two = [](int64_t v) { char b[32]; std::snprintf(b, sizeof b, "%02lld", static_cast<long long>(v)); return std::string(b); };
  std::string o;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%' || i + 1 >= fmt.size()) { o += fmt[i]; continue; }
    char f = fmt[++i];
    switch (f) {
      case 'Y': o += std::to_string(y); break;
      case 'C': o += two(y / 100); break;
      case 'y': o += two(y % 100); break;
      case 'm': o += two(m); break;
      case 'd': o += two(d); break;
      case 'e': { char b[32]; std::snprintf(b, sizeof b, "%2lld", static_cast<long long>(d)); o += b; break; }
      case 'H': o += two(h); break;
      case 'k': { char b[32]; std::snprintf(b, sizeof b, "%2lld", static_cast<long long>(h)); o += b; break; }
      case 'I': o += two(h % 12 == 0 ? 12 : h % 12); break;
      case 'M': o += two(mi); break;
      case 'S': o += two(s); break;
      case 'N': { char b[16]; std::snprintf(b, sizeof b, "%09lld", static_cast<long long>((ms % 1000) * 1000000)); o += b; break; }
      case 'p': o += h < 12 ? "AM" : "PM"; break;
      case 'a': o += std::string(days[wday]).substr(0, 3); break;
      case 'A': o += days[wday]; break;
      case 'b': case 'h': o += std::string(months[m - 1]).substr(0, 3); break;
      case 'B': o += months[m - 1]; break;
      case 'u': o += std::to_string(wday == 0 ? 7 : wday); break;
      case 'w': o += std::to_string(wday); break;
      case 's': o += std::to_string(secs); break;
      case 'Z': o += "UTC"; break;
      case 'z': o += "+0000"; break;
      case 'T': o += two(h) + ":" + two(mi) + ":" + two(s); break;
      case 'R': o += two(h) + ":" + two(mi); break;
      case 'D': o += two(m) + "/" + two(d) + "/" + two(y % 100); break;
      case 'F': o += std::to_string(y) + "-" + two(m) + "-" + two(d); break;
      case 'n': o += '\n'; break;
      case 't': o += '\t'; break;
      case '%': o += '%'; break;
      default: o += '%'; o += f; break;
    }
  }
  out(c, I, o + "\n");
  return 0;
}

int u_base64(Interp& I, Call& c) {
  bool decode = false;
  int64_t wrap = 76;
  std::vector<std::string> files;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "-d" || a == "--decode") decode = true;
    else if (a == "-w" && i + 1 < c.argv.size()) parse_int(c.argv[++i], wrap);
    else if (a.rfind("-w", 0) == 0 && a.size() > 2) parse_int(a.substr(2), wrap);
    else if (a.rfind("--wrap=", 0) == 0) parse_int(a.substr(7), wrap);
    else if (a == "-i" || a == "--ignore-garbage") {}
    else files.push_back(a);
  }
  int status = 0;
  auto ins = gather(I, c, files, "base64", status);
  std::string in;
  for (auto& x : ins) in += x.text;
  static const char* kAlpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string o;
  if (!decode) {
    std::string enc;
    for (size_t i = 0; i < in.size(); i += 3) {
      uint32_t v = static_cast<unsigned char>(in[i]) << 16;
      if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
      if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
      enc += kAlpha[(v >> 18) & 63];
      enc += kAlpha[(v >> 12) & 63];
      enc += i + 1 < in.size() ? kAlpha[(v >> 6) & 63] : '=';
      enc += i + 2 < in.size() ? kAlpha[v & 63] : '=';
    }
    if (wrap > 0) {
      for (size_t i = 0; i < enc.size(); i += static_cast<size_t>(wrap)) o += enc.substr(i, static_cast<size_t>(wrap)) + "\n";
    } else o = enc + (enc.empty() ? "" : "\n");
    if (enc.empty() && wrap > 0) o = "";
  } else {
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char ch : in) {
      if (ch == '\n' || ch == '\r' || ch == ' ') continue;
      if (ch == '=') break;
      const char* p = std::strchr(kAlpha, ch);
      if (!p || ch == 0) {
        out(c, I, o);
        err(c, I, "base64: invalid input\n");
        return 1;
      }
      acc = (acc << 6) | static_cast<uint32_t>(p - kAlpha);
      bits += 6;
      if (bits >= 8) { bits -= 8; o += static_cast<char>((acc >> bits) & 0xFF); }
    }
  }
  out(c, I, o);
  return status;
}

// [SECTION] xargs awk
int u_xargs(Interp& I, Call& c) {
  int64_t per = 0;
  std::string replace;
  size_t i = 1;
  for (; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "-n" && i + 1 < c.argv.size()) { parse_int(c.argv[++i], per); continue; }
    if (a.rfind("-n", 0) == 0 && a.size() > 2) { parse_int(a.substr(2), per); continue; }
    if (a == "-I" && i + 1 < c.argv.size()) { replace = c.argv[++i]; continue; }
    if (a == "-r" || a == "--no-run-if-empty" || a == "-t") continue;
    if (a.size() > 1 && a[0] == '-') { bad_option(I, c, "xargs", a); return 1; }
    break;
  }
  std::vector<std::string> cmd(c.argv.begin() + static_cast<long>(i), c.argv.end());
  if (cmd.empty()) cmd.push_back("echo");
  std::string in = read_stdin(c);
  std::vector<std::string> items;
  if (!replace.empty()) {
    for (auto l : lines_of(in)) if (!l.empty()) items.emplace_back(l);
  } else {
    std::string cur;
    bool have = false;
    char q = 0;
    for (size_t k = 0; k < in.size(); ++k) {
      char ch = in[k];
      if (q) { if (ch == q) q = 0; else cur += ch; continue; }
      if (ch == '\'' || ch == '"') { q = ch; have = true; continue; }
      if (ch == '\\' && k + 1 < in.size()) { cur += in[++k]; have = true; continue; }
      if (ch == ' ' || ch == '\t' || ch == '\n') { if (have) { items.push_back(cur); cur.clear(); have = false; } continue; }
      cur += ch;
      have = true;
    }
    if (have) items.push_back(cur);
  }
  int status = 0;
  auto run = [&](std::vector<std::string> argv) {
    Fds f2 = c.fds;
    f2.in = nullptr;  // the command's stdin is not the list xargs read
    Call sub{argv, f2, c.temp_env, false};
    int st = I.dispatch(sub);
    if (st == 127) return 127;
    if (st != 0) status = 123;
    return 0;
  };
  if (!replace.empty()) {
    for (auto& it : items) {
      std::vector<std::string> argv;
      for (auto& w : cmd) {
        std::string x = w;
        for (size_t p = x.find(replace); p != std::string::npos; p = x.find(replace, p + it.size())) x.replace(p, replace.size(), it);
        argv.push_back(x);
      }
      if (run(argv) == 127) return 127;
      if (I.stopped()) break;
    }
    return status;
  }
  size_t step = per > 0 ? static_cast<size_t>(per) : std::max<size_t>(items.size(), 1);
  for (size_t k = 0; k < items.size() || (k == 0 && items.empty()); k += step) {
    std::vector<std::string> argv = cmd;
    for (size_t j = k; j < std::min(items.size(), k + step); ++j) argv.push_back(items[j]);
    if (run(argv) == 127) return 127;
    if (I.stopped() || items.empty()) break;
  }
  return status;
}

// awk: the one-liners people paste — '{print $1}', '{print $1, $3}', 'NR>1 {print $2}',
// '/Running/ {print $1}', '{print $NF}', -F: — and nothing more.
int u_awk(Interp& I, Call& c) {
  std::string fs, prog;
  std::vector<std::string> files;
  size_t i = 1;
  for (; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    if (a == "-F" && i + 1 < c.argv.size()) { fs = c.argv[++i]; continue; }
    if (a.rfind("-F", 0) == 0 && a.size() > 2) { fs = a.substr(2); continue; }
    if (prog.empty()) prog = a;
    else files.push_back(a);
  }
  auto unsupported = [&]() {
    err(c, I, "kubesim: this awk program is not supported (only [pattern] {print …} one-liners): " + prog + "\n");
    return 2;
  };
  if (prog.empty()) {
    err(c, I, "usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nusage: awk [POSIX or GNU style options] [--] 'program' text file ...\n");
    return 2;
  }
  // pattern
  std::string p = prog;
  auto trim = [](std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(s.begin());
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    return s;
  };
  p = trim(p);
  size_t brace = p.find('{');
  std::string pattern = trim(brace == std::string::npos ? p : p.substr(0, brace));
  std::string action = "print";
  if (brace != std::string::npos) {
    if (p.back() != '}') return unsupported();
    action = trim(p.substr(brace + 1, p.size() - brace - 2));
    if (action.empty()) action = "print";
  }
  if (action.rfind("print", 0) != 0) return unsupported();
  std::string items_text = trim(action.substr(5));
  if (!items_text.empty() && items_text.back() == ';') items_text.pop_back();
  // items: $N, $NF, NR, NF, "text", separated by ',' (OFS) or blanks (concatenation)
  struct Item { int kind; int64_t n; std::string text; bool comma_before; };  // kind 0 $N, 1 $NF, 2 NR, 3 NF, 4 text
  std::vector<Item> items;
  bool comma = false;
  for (size_t k = 0; k < items_text.size();) {
    char ch = items_text[k];
    if (ch == ' ' || ch == '\t') { ++k; continue; }
    if (ch == ',') { comma = true; ++k; continue; }
    if (ch == '$') {
      size_t e = k + 1;
      while (e < items_text.size() && (std::isalnum(static_cast<unsigned char>(items_text[e])))) ++e;
      std::string ref = items_text.substr(k + 1, e - k - 1);
      int64_t n;
      if (ref == "NF") items.push_back({1, 0, "", comma});
      else if (parse_int(ref, n) && n >= 0) items.push_back({0, n, "", comma});
      else return unsupported();
      k = e;
    } else if (ch == '"') {
      size_t e = items_text.find('"', k + 1);
      if (e == std::string::npos) return unsupported();
      items.push_back({4, 0, expand_escapes(items_text.substr(k + 1, e - k - 1), nullptr, true), comma});
      k = e + 1;
    } else if (items_text.compare(k, 2, "NR") == 0) { items.push_back({2, 0, "", comma}); k += 2; }
    else if (items_text.compare(k, 2, "NF") == 0) { items.push_back({3, 0, "", comma}); k += 2; }
    else return unsupported();
    comma = false;
  }
  // pattern kinds: "", NR op N, /re/
  int nr_op = 0;  // 1 ==, 2 >, 3 >=, 4 <, 5 <=, 6 !=
  int64_t nr_val = 0;
  Regex re;
  bool use_re = false, negate_re = false;
  if (!pattern.empty()) {
    std::string pt = pattern;
    if (pt[0] == '!') { negate_re = true; pt = trim(pt.substr(1)); }
    if (pt.size() >= 2 && pt.front() == '/' && pt.back() == '/') {
      Regex::Options ro;
      ro.extended = true;
      std::string e = re.compile(pt.substr(1, pt.size() - 2), ro);
      if (!e.empty()) return unsupported();
      use_re = true;
    } else if (pt.rfind("NR", 0) == 0) {
      std::string rest = trim(pt.substr(2));
      static const std::pair<const char*, int> ops[] = {{"==", 1}, {">=", 3}, {"<=", 5}, {"!=", 6}, {">", 2}, {"<", 4}};
      for (auto& [s, o] : ops) {
        if (rest.rfind(s, 0) == 0) { nr_op = o; rest = trim(rest.substr(std::string(s).size())); break; }
      }
      if (!nr_op || !parse_int(rest, nr_val)) return unsupported();
    } else return unsupported();
  }
  int status = 0;
  auto ins = gather(I, c, files, "awk", status, 2);
  std::string text;
  int64_t nr = 0;
  for (auto& in : ins) {
    for (auto line : lines_of(in.text)) {
      ++nr;
      bool sel = true;
      if (use_re) sel = re.search(line) != negate_re;
      else if (nr_op) {
        sel = nr_op == 1 ? nr == nr_val : nr_op == 2 ? nr > nr_val : nr_op == 3 ? nr >= nr_val : nr_op == 4 ? nr < nr_val : nr_op == 5 ? nr <= nr_val : nr != nr_val;
      }
      if (!sel) continue;
      std::vector<std::string_view> fields;
      if (fs.empty() || fs == " ") {
        size_t k = 0;
        while (k < line.size()) {
          while (k < line.size() && (line[k] == ' ' || line[k] == '\t')) ++k;
          if (k >= line.size()) break;
          size_t e = k;
          while (e < line.size() && line[e] != ' ' && line[e] != '\t') ++e;
          fields.push_back(line.substr(k, e - k));
          k = e;
        }
      } else {
        std::string sep = fs == "\\t" ? "\t" : fs;
        size_t k = 0;
        for (;;) {
          size_t e = line.find(sep, k);
          fields.push_back(line.substr(k, e == std::string_view::npos ? std::string_view::npos : e - k));
          if (e == std::string_view::npos) break;
          k = e + sep.size();
        }
      }
      std::string o;
      if (items.empty()) o = std::string(line);
      for (size_t k = 0; k < items.size(); ++k) {
        auto& it = items[k];
        if (k > 0 && it.comma_before) o += ' ';
        switch (it.kind) {
          case 0: o += it.n == 0 ? std::string(line) : (static_cast<size_t>(it.n) <= fields.size() ? std::string(fields[static_cast<size_t>(it.n) - 1]) : ""); break;
          case 1: o += fields.empty() ? std::string(line) : std::string(fields.back()); break;
          case 2: o += std::to_string(nr); break;
          case 3: o += std::to_string(fields.size()); break;
          default: o += it.text; break;
        }
      }
      text += o + "\n";
    }
  }
  out(c, I, text);
  return status;
}

// [SECTION] who and where
int u_hostname(Interp& I, Call& c) {
  out(c, I, I.m.hostname() + "\n");
  return 0;
}

int u_whoami(Interp& I, Call& c) {
  out(c, I, I.m.in_container() ? std::string("root\n") : I.sh->get("USER") + "\n");
  return 0;
}

int u_id(Interp& I, Call& c) {
  out(c, I, I.m.in_container() ? "uid=0(root) gid=0(root) groups=0(root)\n"
                               : "uid=1000(learner) gid=1000(learner) groups=1000(learner),27(sudo),999(docker)\n");
  return 0;
}

int u_uname(Interp& I, Call& c) {
  bool s = false, n = false, r = false, m = false, o = false;
  for (size_t i = 1; i < c.argv.size(); ++i) {
    const std::string& a = c.argv[i];
    for (size_t k = 1; k < a.size(); ++k) {
      switch (a[k]) {
        case 's': s = true; break;
        case 'n': n = true; break;
        case 'r': r = true; break;
        case 'm': case 'p': case 'i': m = true; break;
        case 'o': o = true; break;
        case 'a': s = n = r = m = o = true; break;
        default: break;
      }
    }
  }
  if (!s && !n && !r && !m && !o) s = true;
  std::string t;
  auto add = [&](const std::string& x) { if (!t.empty()) t += ' '; t += x; };
  if (s) add("Linux");
  if (n) add(I.m.hostname());
  if (r) add("6.8.0-1015-gcp");
  if (m) add("x86_64");
  if (o) add("GNU/Linux");
  out(c, I, t + "\n");
  return 0;
}

int u_basename(Interp& I, Call& c) {
  if (c.argv.size() < 2) { err(c, I, "basename: missing operand\nTry 'basename --help' for more information.\n"); return 1; }
  std::string p = c.argv[1];
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  size_t sl = p.rfind('/');
  std::string b = sl == std::string::npos || p == "/" ? p : p.substr(sl + 1);
  if (c.argv.size() > 2 && b.size() > c.argv[2].size() && b.compare(b.size() - c.argv[2].size(), std::string::npos, c.argv[2]) == 0)
    b.resize(b.size() - c.argv[2].size());
  out(c, I, b + "\n");
  return 0;
}

int u_dirname(Interp& I, Call& c) {
  if (c.argv.size() < 2) { err(c, I, "dirname: missing operand\nTry 'dirname --help' for more information.\n"); return 1; }
  std::string p = c.argv[1];
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  size_t sl = p.rfind('/');
  std::string d = sl == std::string::npos ? "." : sl == 0 ? "/" : p.substr(0, sl);
  out(c, I, d + "\n");
  return 0;
}

}  // namespace kubesim::shell
