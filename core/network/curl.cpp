// kubesim — curl.cpp — the curl command line (see curl.h).
//
// Wording (curl 8.5.0 as on Ubuntu 24.04, the learner's machine):
//   curl: no URL specified
//   curl: try 'curl --help' or 'curl --manual' for more information
//   curl: option -Z: is unknown            curl: option -m: requires parameter
//   curl: option -m: expected a proper numerical parameter
//   curl: (1) Protocol "foo" not supported
//   curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535
//   curl: (3) URL rejected: No host part in the URL      curl: (3) URL rejected: Bad hostname
//   curl: (6) Could not resolve host: foo
//   curl: (7) Failed to connect to 192.168.49.2 port 31526 after 0 ms: Couldn't connect to server
//   curl: (22) The requested URL returned error: 404
//   curl: (28) Connection timed out after 5002 milliseconds
//   curl: (47) Maximum (50) redirects followed
//   curl: (52) Empty reply from server
#include "network/curl.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "cluster.h"
#include "network/network.h"

namespace kubesim::network {

namespace {

const char* kTryHelp = "curl: try 'curl --help' or 'curl --manual' for more information\n";

struct Options {
  bool silent = false, show_error = false, include = false, head = false, verbose = false;
  bool location = false, fail = false, insecure = false;
  int64_t max_time_ms = 0, connect_timeout_ms = 0;
  bool has_output = false;
  std::string output;
  bool has_write_out = false;
  std::string write_out;
  std::string method;  // -X
  std::vector<std::string> urls;
};

struct Url {
  std::string scheme, host, path;
  int32_t port = 0;
  std::string text;  // as given
};

bool parse_seconds_ms(const std::string& s, int64_t& ms) {
  if (s.empty()) return false;
  size_t dot = s.find('.');
  std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (whole.empty() && frac.empty()) return false;
  int64_t w = 0;
  if (!whole.empty()) {
    auto [p, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), w);
    if (ec != std::errc() || p != whole.data() + whole.size() || w < 0) return false;
  }
  int64_t f = 0;
  for (size_t i = 0; i < 3; ++i) {
    f *= 10;
    if (i < frac.size()) {
      if (!std::isdigit(static_cast<unsigned char>(frac[i]))) return false;
      f += frac[i] - '0';
    }
  }
  for (char c : frac) if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  ms = w * 1000 + f;
  return true;
}

// Returns "" when fine, else the full error line (with newline) and sets exit.
std::string parse_url(const std::string& raw, Url& u, int& exit) {
  u.text = raw;
  std::string rest = raw;
  auto sep = rest.find("://");
  if (sep != std::string::npos) {
    u.scheme = rest.substr(0, sep);
    for (auto& ch : u.scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    rest = rest.substr(sep + 3);
  } else {
    u.scheme = "http";
  }
  static const char* kKnown[] = {"http", "https", "ftp", "ftps", "dict", "gopher", "imap", "ldap", "mqtt", "pop3",
                                 "rtsp", "scp", "sftp", "smb", "smtp", "telnet", "tftp", "ws", "wss", "file"};
  bool known = false;
  for (auto* k : kKnown) if (u.scheme == k) known = true;
  if (!known) {
    exit = 1;
    return "curl: (1) Protocol \"" + u.scheme + "\" not supported\n";
  }
  size_t end = rest.find_first_of("/?#");
  std::string authority = rest.substr(0, end);
  std::string path = end == std::string::npos ? "" : rest.substr(end);
  if (auto hash = path.find('#'); hash != std::string::npos) path = path.substr(0, hash);
  if (path.empty() || path[0] == '?') path = "/" + path;
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  std::string host = authority, port;
  if (!host.empty() && host[0] == '[') {
    auto close = host.find(']');
    if (close == std::string::npos) { exit = 3; return "curl: (3) URL rejected: Bad hostname\n"; }
    port = close + 1 < host.size() && host[close + 1] == ':' ? host.substr(close + 2) : "";
    host = host.substr(0, close + 1);
  } else if (auto colon = host.rfind(':'); colon != std::string::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (host.empty()) { exit = 3; return "curl: (3) URL rejected: No host part in the URL\n"; }
  for (char ch : host)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_' || ch == '[' || ch == ']' || ch == ':')) {
      exit = 3;
      return "curl: (3) URL rejected: Bad hostname\n";
    }
  int32_t default_port = u.scheme == "https" ? 443 : u.scheme == "ftp" ? 21 : u.scheme == "wss" ? 443 : 80;
  u.port = default_port;
  if (!port.empty()) {
    int64_t v = -1;
    auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), v);
    if (ec != std::errc() || p != port.data() + port.size() || v < 0 || v > 65535) {
      exit = 3;
      return "curl: (3) URL rejected: Port number was not a decimal number between 0 and 65535\n";
    }
    u.port = static_cast<int32_t>(v);
  }
  u.host = host;
  u.path = path;
  return "";
}

// curl's 5-character size column ("615", "12345", "120k", "1200k", "12.3M").
std::string size5(int64_t bytes) {
  char buf[32];
  if (bytes < 100000) snprintf(buf, sizeof buf, "%lld", static_cast<long long>(bytes));
  else if (bytes < 10000 * 1024) snprintf(buf, sizeof buf, "%lldk", static_cast<long long>(bytes / 1024));
  else if (bytes < 100 * 1024 * 1024) snprintf(buf, sizeof buf, "%lld.%lldM", static_cast<long long>(bytes / (1024 * 1024)),
                                                 static_cast<long long>((bytes % (1024 * 1024)) * 10 / (1024 * 1024)));
  else snprintf(buf, sizeof buf, "%lldM", static_cast<long long>(bytes / (1024 * 1024)));
  return buf;
}

std::string progress_meter(int64_t bytes, int64_t ms) {
  char line[160];
  const int64_t speed = ms > 0 ? bytes * 1000 / ms : bytes * 1000;
  const int pct = bytes > 0 ? 100 : 0;
  snprintf(line, sizeof line, "%3d %5s  %3d %5s    0     0  %5s      0 --:--:-- --:--:-- --:--:-- %5s\n", pct,
           size5(bytes).c_str(), pct, size5(bytes).c_str(), size5(speed).c_str(), size5(speed).c_str());
  return std::string("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
                     "                                 Dload  Upload   Total   Spent    Left  Speed\n") +
         line;
}

std::string header_value(const HttpResult& r, const std::string& name) {
  for (auto& [k, v] : r.headers) {
    if (k.size() != name.size()) continue;
    bool eq = true;
    for (size_t i = 0; i < k.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(k[i])) != std::tolower(static_cast<unsigned char>(name[i]))) eq = false;
    if (eq) return v;
  }
  return "";
}

struct Transfer {
  Url url;
  HttpResult r;
  int exit = 0;
  std::string error_line;  // with newline
  int64_t time_ms = 0;
  int redirects = 0;
};

std::string write_out(const std::string& fmt, const Transfer& t, std::string& warnings) {
  std::string out;
  for (size_t i = 0; i < fmt.size(); ++i) {
    char ch = fmt[i];
    if (ch == '\\' && i + 1 < fmt.size()) {
      char n = fmt[++i];
      switch (n) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '\\': out += '\\'; break;
        default: out += '\\'; out += n; break;  // curl leaves unknown escapes as they are
      }
      continue;
    }
    if (ch == '%' && i + 1 < fmt.size() && fmt[i + 1] == '%') { out += '%'; ++i; continue; }
    if (ch == '%' && i + 1 < fmt.size() && fmt[i + 1] == '{') {
      auto close = fmt.find('}', i + 2);
      if (close == std::string::npos) { out += fmt.substr(i); break; }
      std::string var = fmt.substr(i + 2, close - i - 2);
      i = close;
      char buf[64];
      const double secs = static_cast<double>(t.time_ms) / 1000.0;
      if (var == "http_code" || var == "response_code") {
        snprintf(buf, sizeof buf, "%03d", t.r.connected ? t.r.status : 0);
        out += buf;
      } else if (var == "time_total" || var == "time_starttransfer") {
        snprintf(buf, sizeof buf, "%.6f", secs);
        out += buf;
      } else if (var == "time_connect" || var == "time_namelookup" || var == "time_pretransfer" || var == "time_appconnect" ||
                 var == "time_redirect") {
        snprintf(buf, sizeof buf, "%.6f", t.r.connected ? secs / 2 : secs);
        out += buf;
      } else if (var == "remote_ip") {
        out += t.r.remote_ip;
      } else if (var == "remote_port") {
        out += t.r.remote_port ? std::to_string(t.r.remote_port) : "";
      } else if (var == "size_download") {
        out += std::to_string(t.r.body.size());
      } else if (var == "size_header") {
        size_t n = 0;
        if (t.r.connected) {
          n = 9 + 4 + t.r.status_text.size() + 2 + 2;
          for (auto& [k, v] : t.r.headers) n += k.size() + 2 + v.size() + 2;
        }
        out += std::to_string(n);
      } else if (var == "url_effective" || var == "url") {
        out += t.url.text.find("://") == std::string::npos ? t.url.scheme + "://" + t.url.text : t.url.text;
        if (t.url.text.find('/', t.url.text.find("://") == std::string::npos ? 0 : t.url.text.find("://") + 3) == std::string::npos)
          out += "/";
      } else if (var == "content_type") {
        out += header_value(t.r, "Content-Type");
      } else if (var == "exitcode") {
        out += std::to_string(t.exit);
      } else if (var == "errormsg") {
        std::string e = t.error_line;
        if (auto p = e.find(") "); p != std::string::npos) e = e.substr(p + 2);
        while (!e.empty() && e.back() == '\n') e.pop_back();
        out += e;
      } else if (var == "num_redirects") {
        out += std::to_string(t.redirects);
      } else if (var == "http_version") {
        out += t.r.connected ? "1.1" : "0";
      } else if (var == "scheme") {
        std::string s = t.url.scheme;
        for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        out += s;
      } else if (var == "method") {
        out += "GET";
      } else if (var == "redirect_url") {
        out += header_value(t.r, "Location");
      } else {
        warnings += "curl: unknown --write-out variable: '" + var + "'\n";
      }
      continue;
    }
    out += ch;
  }
  return out;
}

}  // namespace

int curl_command(const std::vector<std::string>& argv, Cluster& cluster, Output& out, const std::string& from_pod,
                 bool proxy_running) {
  Options o;
  // [SECTION] options
  static const std::string kShortWithArg = "oHmXwAdeuxrEKtTQyYzcbD";
  auto need_arg = [&](size_t& i, const std::string& name, std::string& value) -> bool {
    if (i + 1 >= argv.size()) {
      out.err("curl: option " + name + ": requires parameter\n");
      out.err(kTryHelp);
      return false;
    }
    value = argv[++i];
    return true;
  };
  auto apply = [&](const std::string& name, const std::string& value) -> int {
    auto number = [&](int64_t& dst) {
      if (!parse_seconds_ms(value, dst)) {
        out.err("curl: option " + name + ": expected a proper numerical parameter\n");
        out.err(kTryHelp);
        return 2;
      }
      return 0;
    };
    if (name == "-m" || name == "--max-time") return number(o.max_time_ms);
    if (name == "--connect-timeout") return number(o.connect_timeout_ms);
    if (name == "-o" || name == "--output") { o.has_output = true; o.output = value; return 0; }
    if (name == "-w" || name == "--write-out") { o.has_write_out = true; o.write_out = value; return 0; }
    if (name == "-X" || name == "--request") { o.method = value; return 0; }
    if (name == "--url") { o.urls.push_back(value); return 0; }
    return 0;  // -H, -A, -d, … accepted and ignored
  };
  static const char* kLongWithArg[] = {"--max-time", "--connect-timeout", "--output", "--write-out", "--request", "--header",
                                       "--user-agent", "--data", "--data-raw", "--url", "--retry", "--user", "--proxy",
                                       "--referer", "--cacert", "--resolve", "--data-binary", "--cookie", "--limit-rate"};
  static const char* kLongFlags[] = {"--silent", "--show-error", "--include", "--head", "--verbose", "--location",
                                     "--fail", "--insecure", "--no-progress-meter", "--compressed", "--http1.1",
                                     "--ipv4", "--ipv6", "--no-buffer", "--globoff", "--fail-with-body", "--no-keepalive"};
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
      bool done = false;
      for (auto* f : kLongWithArg)
        if (a == f) {
          std::string v;
          if (!need_arg(i, a, v)) return 2;
          if (int rc = apply(a, v)) return rc;
          done = true;
        }
      for (auto* f : kLongFlags)
        if (a == f) {
          if (a == "--silent") o.silent = true;
          else if (a == "--show-error") o.show_error = true;
          else if (a == "--include") o.include = true;
          else if (a == "--head") o.head = true;
          else if (a == "--verbose") o.verbose = true;
          else if (a == "--location") o.location = true;
          else if (a == "--fail" || a == "--fail-with-body") o.fail = true;
          else if (a == "--insecure") o.insecure = true;
          done = true;
        }
      if (!done) {
        out.err("curl: option " + a + ": is unknown\n");
        out.err(kTryHelp);
        return 2;
      }
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      for (size_t j = 1; j < a.size(); ++j) {
        char f = a[j];
        std::string name = std::string("-") + f;
        if (kShortWithArg.find(f) != std::string::npos) {
          std::string v;
          if (j + 1 < a.size()) v = a.substr(j + 1);
          else if (!need_arg(i, name, v)) return 2;
          if (int rc = apply(name, v)) return rc;
          break;
        }
        switch (f) {
          case 's': o.silent = true; break;
          case 'S': o.show_error = true; break;
          case 'i': o.include = true; break;
          case 'I': o.head = true; break;
          case 'v': o.verbose = true; break;
          case 'L': o.location = true; break;
          case 'f': o.fail = true; break;
          case 'k': o.insecure = true; break;
          case '4': case '6': case 'N': case 'g': case 'n': case 'q': case 'Z': break;
          default:
            out.err("curl: option " + name + ": is unknown\n");
            out.err(kTryHelp);
            return 2;
        }
      }
      continue;
    }
    o.urls.push_back(a);
  }
  if (o.urls.empty()) {
    out.err("curl: no URL specified\n");
    out.err(kTryHelp);
    return 2;
  }

  // [SECTION] transfers
  const bool show_errors = !o.silent || o.show_error;
  int last_exit = 0;
  for (auto& raw : o.urls) {
    Transfer t;
    std::string err = parse_url(raw, t.url, t.exit);
    if (!err.empty()) {
      if (show_errors) out.err(err);
      if (o.has_write_out) {
        std::string warn;
        t.error_line = err;
        out.out(write_out(o.write_out, t, warn));
        out.err(warn);
      }
      last_exit = t.exit;
      continue;
    }
    HttpOptions ho;
    ho.method = o.head ? "HEAD" : "GET";
    ho.scheme = t.url.scheme == "https" ? "https" : "http";
    ho.insecure = o.insecure;
    ho.max_time_ms = o.max_time_ms;
    ho.connect_timeout_ms = o.connect_timeout_ms;
    Url current = t.url;
    std::string verbose;
    std::string shown_headers;
    while (true) {
      std::string hh = current.host;
      if (!((current.scheme == "http" && current.port == 80) || (current.scheme == "https" && current.port == 443)))
        hh += ":" + std::to_string(current.port);
      ho.host_header = hh;
      t.r = cluster.network.request(cluster, current.host, current.port, current.path, from_pod, proxy_running, ho);
      if (o.verbose) {
        std::string ip = t.r.remote_ip.empty() ? current.host : t.r.remote_ip;
        if (t.r.curl_exit != 6) verbose += "*   Trying " + ip + ":" + std::to_string(current.port) + "...\n";
        if (t.r.connected) {
          verbose += "* Connected to " + current.host + " (" + ip + ") port " + std::to_string(current.port) + "\n";
          verbose += "> " + ho.method + " " + current.path + " HTTP/1.1\n> Host: " + hh + "\n> User-Agent: curl/8.5.0\n> Accept: */*\n> \n";
          verbose += "< HTTP/1.1 " + std::to_string(t.r.status) + " " + t.r.status_text + "\n";
          for (auto& [k, v] : t.r.headers) verbose += "< " + k + ": " + v + "\n";
          verbose += "< \n";
        } else if (t.r.curl_exit == 7) {
          verbose += "* connect to " + ip + " port " + std::to_string(current.port) + " failed: Connection refused\n";
        }
      }
      t.time_ms += t.r.elapsed_ms > 0 ? t.r.elapsed_ms : 2 + static_cast<int64_t>(cluster.store.rng().uniform(5));
      if (t.r.connected && (o.include || o.head)) {
        std::string h = "HTTP/1.1 " + std::to_string(t.r.status) + " " + t.r.status_text + "\r\n";
        for (auto& [k, v] : t.r.headers) h += k + ": " + v + "\r\n";
        h += "\r\n";
        shown_headers += h;
      }
      const bool redirect = t.r.connected && (t.r.status == 301 || t.r.status == 302 || t.r.status == 303 || t.r.status == 307 ||
                                              t.r.status == 308);
      if (!(o.location && redirect)) break;
      std::string loc = header_value(t.r, "Location");
      if (loc.empty()) break;
      if (++t.redirects > 50) {
        t.exit = 47;
        t.error_line = "curl: (47) Maximum (50) redirects followed\n";
        break;
      }
      if (loc.find("://") == std::string::npos) {
        current.path = loc[0] == '/' ? loc : "/" + loc;
      } else {
        int e = 0;
        Url next;
        if (!parse_url(loc, next, e).empty()) break;
        current = next;
      }
    }
    if (t.time_ms > 0 && t.r.elapsed_ms > 0) cluster.advance(t.r.elapsed_ms);
    if (t.exit == 0 && !t.r.connected) {
      t.exit = t.r.curl_exit ? t.r.curl_exit : 7;
      t.error_line = t.r.error + "\n";
    }
    if (t.exit == 0 && o.fail && t.r.status >= 400) {
      t.exit = 22;
      t.error_line = "curl: (22) The requested URL returned error: " + std::to_string(t.r.status) + "\n";
    }
    if (o.verbose) {
      if (t.exit == 0) verbose += "* Connection #0 to host " + current.host + " left intact\n";
      else if (t.exit != 6) verbose += "* Closing connection\n";
    }
    // What the terminal shows, in order.
    out.err(verbose);
    const bool body_to_stdout = !o.has_output;
    if (t.exit == 0 || t.exit == 22) {
      if (!shown_headers.empty()) {
        if (body_to_stdout) out.out(shown_headers);
      }
      if (t.exit == 0 && !o.head && body_to_stdout) out.out(t.r.body);
    }
    if (o.has_output && !o.silent) out.err(progress_meter(t.exit == 0 ? static_cast<int64_t>(t.r.body.size()) : 0, t.time_ms));
    if (t.exit != 0 && show_errors) out.err(t.error_line);
    if (o.has_write_out) {
      std::string warn;
      out.out(write_out(o.write_out, t, warn));
      out.err(warn);
    }
    last_exit = t.exit;
  }
  return last_exit;
}

}  // namespace kubesim::network
