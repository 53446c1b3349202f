// kubesim — network.cpp — address allocation and the request model (see network.h for who can
// reach what).
//
// Upstream facts used here:
//   * ClusterIP / NodePort allocation: pkg/registry/core/service/allocator (randomScanStrategyWithOffset):
//     offset = min(max(16, size/16), 256) addresses (NodePorts: min(max(16, size/32), 128) ports) form a
//     static band; dynamic allocation picks a random start in the upper band and scans upward
//     (wrapping inside the band), then tries the lower band.
//   * host-local IPAM: the gateway (.1) is reserved, allocation continues after the last reserved
//     address and wraps; released addresses come back only after a wrap.
//   * kube-proxy (iptables): each connection picks one ready endpoint uniformly at random; with no
//     ready endpoint it falls back to serving-terminating ones; with none at all the service's
//     REJECT rule refuses the connection.
//   * API server proxy (pkg/registry/core/pod/rest, service/storage ResourceLocation,
//     apimachinery proxy/upgradeaware.go): `…/proxy` without a trailing slash answers 301 with a
//     Location and no body; a pod without IP → 400 "address not allowed"; dial errors → 503
//     "error trying to reach service: dial tcp IP:PORT: connect: connection refused"; a Service
//     without endpoints → 503 `no endpoints available for service "NAME"`. Status bodies are
//     pretty-printed JSON (the API server indents JSON for curl's User-Agent).
//   * GET /version of a v1.34.0 API server (gitCommit f28b4c9e…, buildDate 2025-08-27T10:09:04Z, go1.24.6).
//   * curl 8.5.0 (the learner's machine) and curl 7.38.0 (inside the bootcamp image, Debian jessie)
//     error wording.
#include "network/network.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "cluster.h"
#include "kubectl/timefmt.h"
#include "kubelet/registry.h"

namespace kubesim::network {

// [SECTION] helpers ------------------------------------------------------------------------------
bool parse_ipv4(const std::string& s, uint32_t& out) {
  uint32_t v = 0;
  int parts = 0;
  size_t i = 0;
  while (i <= s.size() && parts < 4) {
    size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i || j - i > 3) return false;
    unsigned octet = 0;
    std::from_chars(s.data() + i, s.data() + j, octet);
    if (octet > 255) return false;
    v = (v << 8) | octet;
    ++parts;
    if (parts < 4) {
      if (j >= s.size() || s[j] != '.') return false;
      i = j + 1;
    } else {
      if (j != s.size()) return false;
      i = j;
      break;
    }
  }
  if (parts != 4) return false;
  out = v;
  return true;
}

std::string format_ipv4(uint32_t ip) {
  return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 255) + "." + std::to_string((ip >> 8) & 255) +
         "." + std::to_string(ip & 255);
}

std::string http_date(int64_t ms) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto c = kubectl::civil_from_ms(ms);
  char buf[48];
  snprintf(buf, sizeof buf, "%s, %02d %s %04lld %02d:%02d:%02d GMT", kDays[c.weekday], c.day, kMonths[c.month - 1],
           static_cast<long long>(c.year), c.hour, c.minute, c.second);
  return buf;
}

namespace {

constexpr uint32_t kServiceBase = (10u << 24) | (96u << 16);  // 10.96.0.0/12
constexpr uint32_t kServiceSize = 1u << 20;
constexpr uint32_t kPodNet = (10u << 24) | (244u << 16);      // 10.244.0.0/16
constexpr int32_t kNodePortBase = 30000, kNodePortSize = 2768;  // 30000-32767

const char* kHostCurl = "8.5.0";  // Ubuntu 24.04's curl, on the learner's machine

std::string json_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      default: o += c;
    }
  }
  return o;
}

// metav1.Status as the API server writes it for curl (indented, trailing newline).
std::string status_json(int code, const std::string& reason, const std::string& message, const std::string& details_name = "",
                        const std::string& details_kind = "", bool empty_details = false) {
  std::string s = "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": \"Failure\",\n";
  s += "  \"message\": \"" + json_escape(message) + "\",\n";
  s += "  \"reason\": \"" + reason + "\",\n";
  if (!details_name.empty() || !details_kind.empty()) {
    s += "  \"details\": {\n";
    if (!details_name.empty()) s += "    \"name\": \"" + json_escape(details_name) + "\"" + (details_kind.empty() ? "\n" : ",\n");
    if (!details_kind.empty()) s += "    \"kind\": \"" + details_kind + "\"\n";
    s += "  },\n";
  } else if (empty_details) {
    s += "  \"details\": {},\n";
  }
  s += "  \"code\": " + std::to_string(code) + "\n}\n";
  return s;
}

const char* reason_phrase(int code) {
  switch (code) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

struct Flavour {  // which curl prints the error
  bool old = false;  // 7.38
  std::string version = kHostCurl;
};

HttpResult fail(int exit, std::string msg, int64_t elapsed = 0) {
  HttpResult r;
  r.curl_exit = exit;
  r.error = "curl: (" + std::to_string(exit) + ") " + std::move(msg);
  r.elapsed_ms = elapsed;
  return r;
}

HttpResult refused(const Flavour& f, const std::string& host, int32_t port) {
  if (f.old) return fail(7, "Failed to connect to " + host + " port " + std::to_string(port) + ": Connection refused");
  return fail(7, "Failed to connect to " + host + " port " + std::to_string(port) + " after 0 ms: Couldn't connect to server");
}

HttpResult no_route(const Flavour& f, const std::string& host, int32_t port, sim::Rng& rng) {
  int64_t ms = 3000 + static_cast<int64_t>(rng.uniform(120));
  if (f.old) return fail(7, "Failed to connect to " + host + " port " + std::to_string(port) + ": No route to host", ms);
  return fail(7, "Failed to connect to " + host + " port " + std::to_string(port) + " after " + std::to_string(ms) +
                     " ms: Couldn't connect to server",
              ms);
}

// Nobody answers: curl waits for its own timeout or the kernel's (SYN retries, ~130 s).
HttpResult timed_out(const Flavour& f, const std::string& host, int32_t port, const HttpOptions& o, sim::Rng& rng) {
  int64_t limit = 0;
  if (o.max_time_ms > 0) limit = o.max_time_ms;
  if (o.connect_timeout_ms > 0 && (limit == 0 || o.connect_timeout_ms < limit)) limit = o.connect_timeout_ms;
  const int64_t kernel_ms = 127000 + static_cast<int64_t>(rng.uniform(6000));
  if (limit > 0 && limit < kernel_ms) {
    int64_t ms = limit + static_cast<int64_t>(rng.uniform(4));
    return fail(28, "Connection timed out after " + std::to_string(ms) + " milliseconds", ms);
  }
  if (f.old) return fail(7, "Failed to connect to " + host + " port " + std::to_string(port) + ": Connection timed out", kernel_ms);
  return fail(28, "Failed to connect to " + host + " port " + std::to_string(port) + " after " + std::to_string(kernel_ms) +
                      " ms: Couldn't connect to server",
              kernel_ms);
}

HttpResult ok_response(int code, std::vector<std::pair<std::string, std::string>> headers, std::string body) {
  HttpResult r;
  r.connected = true;
  r.status = code;
  r.status_text = reason_phrase(code);
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

std::string first_line(const std::string& s) {
  auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

std::string version_json(const std::string& git_version) {
  // v1.34.0 as the API server reports it; other versions keep the same shape.
  std::string major = "1", minor = "34", commit = "f28b4c9efbca5c5c0af716d9f2d5702667ee8a45",
              build = "2025-08-27T10:09:04Z", go = "go1.24.6";
  if (git_version != "v1.34.0") {
    auto dot1 = git_version.find('.');
    auto dot2 = git_version.find('.', dot1 + 1);
    if (git_version.size() > 1 && dot1 != std::string::npos) {
      major = git_version.substr(1, dot1 - 1);
      minor = git_version.substr(dot1 + 1, dot2 == std::string::npos ? std::string::npos : dot2 - dot1 - 1);
    }
  }
  int minor_n = 0;
  std::from_chars(minor.data(), minor.data() + minor.size(), minor_n);
  return "{\n  \"major\": \"" + major + "\",\n  \"minor\": \"" + minor + "\",\n  \"emulationMajor\": \"" + major +
         "\",\n  \"emulationMinor\": \"" + minor + "\",\n  \"minCompatibilityMajor\": \"" + major +
         "\",\n  \"minCompatibilityMinor\": \"" + std::to_string(minor_n > 0 ? minor_n - 1 : 0) +
         "\",\n  \"gitVersion\": \"" + git_version + "\",\n  \"gitCommit\": \"" + commit +
         "\",\n  \"gitTreeState\": \"clean\",\n  \"buildDate\": \"" + build + "\",\n  \"goVersion\": \"" + go +
         "\",\n  \"compiler\": \"gc\",\n  \"platform\": \"linux/amd64\"\n}\n";
}

bool is_pod_ip(uint32_t ip) { return (ip & 0xFF000000u) == (10u << 24) && ((ip >> 16) & 255) >= 244; }
bool is_service_ip(uint32_t ip) { return ip >= kServiceBase && ip < kServiceBase + kServiceSize; }


}  // namespace

// [SECTION] ClusterIP and NodePort allocation ------------------------------------------------------
namespace {
// randomScanStrategyWithOffset.AllocateBit
template <class Used>
int64_t allocate_bit(sim::Rng& rng, int64_t max, int64_t offset, const Used& used) {
  int64_t upper = max - offset;
  if (upper > 0) {
    int64_t start = static_cast<int64_t>(rng.uniform(static_cast<uint64_t>(upper)));
    for (int64_t i = 0; i < upper; ++i) {
      int64_t at = offset + (start + i) % upper;
      if (!used(at)) return at;
    }
  }
  if (offset > 0) {
    int64_t start = static_cast<int64_t>(rng.uniform(static_cast<uint64_t>(offset)));
    for (int64_t i = 0; i < offset; ++i) {
      int64_t at = (start + i) % offset;
      if (!used(at)) return at;
    }
  }
  return -1;
}
}  // namespace

bool Network::cluster_ip_in_use(const Cluster& c, const std::string& ip) const {
  for (auto& [k, s] : c.store.services()) {
    if (s.spec.cluster_ip == ip) return true;
    for (auto& x : s.spec.cluster_ips) if (x == ip) return true;
  }
  return false;
}

std::string Network::allocate_cluster_ip(Cluster& c) {
  std::set<int64_t> used;
  for (auto& [k, s] : c.store.services()) {
    std::vector<std::string> ips = s.spec.cluster_ips;
    ips.push_back(s.spec.cluster_ip);
    for (auto& ip : ips) {
      uint32_t v;
      if (parse_ipv4(ip, v) && is_service_ip(v) && v > kServiceBase) used.insert(static_cast<int64_t>(v - kServiceBase - 1));
    }
  }
  const int64_t max = kServiceSize - 2;  // network and broadcast addresses are not usable
  const int64_t offset = std::min<int64_t>(std::max<int64_t>(16, kServiceSize / 16), 256);
  int64_t at = allocate_bit(c.store.rng(), max, offset, [&](int64_t i) { return used.count(i) > 0; });
  if (at < 0) return "";
  return format_ipv4(kServiceBase + 1 + static_cast<uint32_t>(at));
}

bool Network::node_port_in_use(const Cluster& c, int32_t port) const {
  for (auto& [k, s] : c.store.services())
    for (auto& p : s.spec.ports) if (p.node_port == port) return true;
  return false;
}

int32_t Network::allocate_node_port(Cluster& c) {
  std::set<int64_t> used;
  for (auto& [k, s] : c.store.services())
    for (auto& p : s.spec.ports)
      if (p.node_port >= kNodePortBase && p.node_port < kNodePortBase + kNodePortSize) used.insert(p.node_port - kNodePortBase);
  const int64_t offset = std::min<int64_t>(std::max<int64_t>(16, kNodePortSize / 32), 128);
  int64_t at = allocate_bit(c.store.rng(), kNodePortSize, offset, [&](int64_t i) { return used.count(i) > 0; });
  return at < 0 ? 0 : static_cast<int32_t>(kNodePortBase + at);
}

// [SECTION] pod IPs (host-local) -------------------------------------------------------------------
Network::Ipam& Network::ipam_for(Cluster& c, api::IStr node) {
  Ipam& st = ipam_.try_emplace(&node.str()).first->second;
  if (st.initialized) return st;
  st.initialized = true;
  const api::Node* n = c.store.nodes().get("", node);
  uint32_t subnet = 0;
  bool have = false;
  if (n && !n->spec.pod_cidr.empty()) {
    auto slash = n->spec.pod_cidr.find('/');
    have = parse_ipv4(n->spec.pod_cidr.substr(0, slash), subnet);
  }
  if (!have) {
    // Nodes get /24s in creation order: minikube 10.244.0.0/24, minikube-m02 10.244.1.0/24, …
    uint32_t index = 0;
    if (n) {
      for (auto& [k, other] : c.store.nodes())
        if (other.metadata.creation_ms < n->metadata.creation_ms ||
            (other.metadata.creation_ms == n->metadata.creation_ms && other.metadata.name < n->metadata.name))
          ++index;
    }
    subnet = kPodNet + (index << 8);
  }
  st.subnet = subnet & 0xFFFFFF00u;
  st.last_reserved = 1;
  // Addresses already in use (pods the bootstrap created with IPs) count as handed out in order.
  for (auto& key : c.store.pods_on_node(node)) {
    const api::Pod* p = c.store.pods().get(key);
    uint32_t ip;
    if (p && parse_ipv4(p->status.pod_ip, ip) && (ip & 0xFFFFFF00u) == st.subnet) {
      st.used.set(ip & 255);
      st.last_reserved = std::max(st.last_reserved, ip & 255);
    }
  }
  return st;
}

std::string Network::allocate_pod_ip(Cluster& c, api::IStr node) {
  if (!c.store.nodes().get("", node)) return "";
  return allocate_pod_ip_on_node(c, node);
}

std::string Network::allocate_pod_ip_on_node(Cluster& c, api::IStr node) {
  Ipam& st = ipam_for(c, node);
  uint32_t h = st.last_reserved;
  for (int i = 0; i < 253; ++i) {
    h = h >= 254 ? 2 : h + 1;  // .1 is the bridge gateway, .255 broadcast
    if (!st.used.test(h)) {
      st.used.set(h);
      st.last_reserved = h;
      return format_ipv4(st.subnet | h);
    }
  }
  return "";
}

void Network::release_pod_ip(api::IStr node, const std::string& ip) {
  auto it = ipam_.find(&node.str());
  uint32_t v;
  if (it == ipam_.end() || !parse_ipv4(ip, v) || (v & 0xFFFFFF00u) != it->second.subnet) return;
  it->second.used.reset(v & 255);
}

std::string Network::node_ip(const Cluster& c, const std::string& node) {
  const api::Node* n = c.store.nodes().get("", node);
  if (n)
    for (auto& a : n->status.addresses) if (a.type == "InternalIP") return a.address;
  return "192.168.49.2";
}

// [SECTION] the request model --------------------------------------------------------------------
void Network::record(Cluster& c, RequestRecord r) {
  r.at_ms = c.now();
  ++requests_total_;
  if (!r.ok) ++requests_failed_;
  requests_.push_back(std::move(r));
  if (requests_.size() > kMaxRecords) requests_.pop_front();
}

HttpResult Network::http_get(Cluster& c, const std::string& host, int32_t port, const std::string& path,
                             const std::string& from_pod, bool proxy_running) {
  return request(c, host, port, path, from_pod, proxy_running, HttpOptions{});
}

namespace {

struct Ctx {
  Cluster& c;
  Network& net;
  const HttpOptions& o;
  Flavour flavour;
  std::string host;          // as typed
  int32_t port = 0;
  std::string path;          // path + query as sent
  std::string host_header;
  std::string client;        // record label
  const api::Pod* from_pod = nullptr;
  std::string from_node;     // node shell
  RequestRecord rec;
};

std::string user_agent(const Ctx& x) { return "curl/" + x.flavour.version; }

// Which port an app listens on, given the container's args (agnhost chooses by subcommand).
int32_t app_port(const kubelet::ImageInfo& info, const api::Container& ctr) {
  if (info.app != kubelet::AppKind::Agnhost) return info.listen_port;
  std::vector<std::string> args = ctr.command;
  args.insert(args.end(), ctr.args.begin(), ctr.args.end());
  std::string sub;
  for (auto& a : args) if (!a.empty() && a[0] != '-' && a.find('/') == std::string::npos) { sub = a; break; }
  int32_t port = sub == "netexec" ? 8080 : sub == "serve-hostname" ? 9376 : 0;
  for (auto& a : args) {
    for (const char* flag : {"--http-port=", "--port="}) {
      std::string f = flag;
      if (a.rfind(f, 0) == 0) {
        int32_t v = 0;
        std::from_chars(a.data() + f.size(), a.data() + a.size(), v);
        if (v > 0 && port) port = v;
      }
    }
  }
  return port;
}

std::string agnhost_sub(const api::Container& ctr) {
  std::vector<std::string> args = ctr.command;
  args.insert(args.end(), ctr.args.begin(), ctr.args.end());
  for (auto& a : args) if (!a.empty() && a[0] != '-' && a.find('/') == std::string::npos) return a;
  return "";
}

// The mtime (Unix seconds) of the packaged index.html differs per release; one date per release line.
int64_t nginx_index_mtime(const std::string& server) {
  if (server.find("1.29") != std::string::npos) return 1761653110;  // Tue, 28 Oct 2025 12:05:10 GMT
  if (server.find("1.28") != std::string::npos) return 1745408934;  // Wed, 23 Apr 2025 11:48:54 GMT
  return 1744727652;                                                 // Tue, 15 Apr 2025 14:34:12 GMT
}

std::string hex_lower(int64_t v) {
  char buf[24];
  snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(v));
  return buf;
}

// The pod's app answers (the connection reached podIP:port).
HttpResult serve_from_pod(Ctx& x, const api::Pod& pod, int32_t port, const std::string& client_ip) {
  const kubelet::ImageInfo* info = nullptr;
  const api::Container* ctr = nullptr;
  for (size_t i = 0; i < pod.spec.containers.size() && i < pod.status.container_statuses.size(); ++i) {
    auto& cs = pod.status.container_statuses[i];
    if (!cs.state.running) continue;
    const kubelet::ImageInfo* inf = x.c.registry.resolve(pod.spec.containers[i].image);
    if (!inf) continue;
    if (app_port(*inf, pod.spec.containers[i]) == port && port != 0) { info = inf; ctr = &pod.spec.containers[i]; break; }
  }
  if (!info) return HttpResult{};  // caller turns this into "connection refused"
  x.rec.pod = pod.metadata.namespace_ + "/" + pod.metadata.name;
  x.rec.node = pod.spec.node_name;
  const bool head = x.o.method == "HEAD";
  const std::string date = http_date(x.c.now());
  const std::string path_only = x.path.substr(0, x.path.find('?'));
  HttpResult r;
  switch (info->app) {
    case kubelet::AppKind::Bootcamp: {
      std::string body = "Hello Kubernetes bootcamp! | Running on: " + pod.metadata.name + " | v=" + std::to_string(info->version) + "\n";
      r = ok_response(200, {{"Content-Type", "text/plain"}, {"Date", date}, {"Connection", "keep-alive"}, {"Transfer-Encoding", "chunked"}},
                      head ? "" : body);
      break;
    }
    case kubelet::AppKind::Nginx: {
      if (path_only == "/" || path_only == "/index.html") {
        std::string body = info->files.begin()->second;
        const int64_t mtime = nginx_index_mtime(info->server_version);
        r = ok_response(200,
                        {{"Server", info->server_version},
                         {"Date", date},
                         {"Content-Type", "text/html"},
                         {"Content-Length", std::to_string(body.size())},
                         {"Last-Modified", http_date(mtime * 1000)},
                         {"Connection", "keep-alive"},
                         {"ETag", "\"" + hex_lower(mtime) + "-" + hex_lower(static_cast<int64_t>(body.size())) + "\""},
                         {"Accept-Ranges", "bytes"}},
                        head ? "" : body);
      } else {
        std::string body = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
                           "<hr><center>" + info->server_version + "</center>\r\n</body>\r\n</html>\r\n";
        r = ok_response(404,
                        {{"Server", info->server_version},
                         {"Date", date},
                         {"Content-Type", "text/html"},
                         {"Content-Length", std::to_string(body.size())},
                         {"Connection", "keep-alive"}},
                        head ? "" : body);
      }
      break;
    }
    case kubelet::AppKind::Httpd: {
      if (path_only == "/" || path_only == "/index.html") {
        std::string body = info->files.begin()->second;
        r = ok_response(200,
                        {{"Date", date},
                         {"Server", info->server_version},
                         {"Last-Modified", "Mon, 11 Jun 2007 18:53:14 GMT"},
                         {"ETag", "\"2d-432a5e4a73a80\""},
                         {"Accept-Ranges", "bytes"},
                         {"Content-Length", std::to_string(body.size())},
                         {"Content-Type", "text/html"}},
                        head ? "" : body);
      } else {
        std::string body =
            "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n"
            "<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n";
        r = ok_response(404,
                        {{"Date", date},
                         {"Server", info->server_version},
                         {"Content-Length", std::to_string(body.size())},
                         {"Content-Type", "text/html; charset=iso-8859-1"}},
                        head ? "" : body);
      }
      break;
    }
    case kubelet::AppKind::KicbaseEcho: {
      std::string body = "Request served by " + pod.metadata.name + "\n\n" + "HTTP/1.1 " + x.o.method + " " + x.path + "\n\n" +
                         "Host: " + x.host_header + "\nAccept: */*\nUser-Agent: " + user_agent(x) + "\n";
      r = ok_response(200, {{"Content-Type", "text/plain"}, {"Date", date}, {"Content-Length", std::to_string(body.size())}},
                      head ? "" : body);
      break;
    }
    case kubelet::AppKind::EchoServer: {
      // echoserver (nginx + lua) prints what it received.
      std::string body;
      if (info->server_version == "nginx/1.10.0") {
        body = "CLIENT VALUES:\nclient_address=" + client_ip + "\ncommand=" + x.o.method + "\nreal path=" + path_only +
               "\nquery=nil\nrequest_version=1.1\nrequest_uri=http://" + x.host_header + ":8080" + x.path +
               "\n\nSERVER VALUES:\nserver_version=nginx: 1.10.0 - lua: 10001\n\nHEADERS RECEIVED:\naccept=*/*\nhost=" +
               x.host_header + "\nuser-agent=" + user_agent(x) + "\nBODY:\n-no body in request-";
      } else {
        body = "\n\nHostname: " + pod.metadata.name +
               "\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n"
               "Request Information:\n\tclient_address=" + client_ip + "\n\tmethod=" + x.o.method + "\n\treal path=" + path_only +
               "\n\tquery=\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://" + x.host_header + ":8080" +
               x.path + "\n\nRequest Headers:\n\taccept=*/*\n\thost=" + x.host_header + "\n\tuser-agent=" + user_agent(x) +
               "\n\nRequest Body:\n\t-no body in request-\n\n";
      }
      r = ok_response(200, {{"Server", "nginx/" + info->server_version.substr(6)}, {"Date", date}, {"Content-Type", "text/plain"},
                            {"Transfer-Encoding", "chunked"}, {"Connection", "keep-alive"}},
                      head ? "" : body);
      break;
    }
    case kubelet::AppKind::Agnhost: {
      std::string sub = agnhost_sub(*ctr), body;
      if (sub == "serve-hostname" || path_only == "/hostname") {
        body = pod.metadata.name;
      } else if (path_only == "/echo") {
        auto q = x.path.find("msg=");
        body = q == std::string::npos ? "" : x.path.substr(q + 4);
      } else {
        auto t = kubectl::civil_from_ms(x.c.now());
        char buf[64];
        snprintf(buf, sizeof buf, "NOW: %04lld-%02d-%02d %02d:%02d:%02d.%03d000000 +0000 UTC", static_cast<long long>(t.year), t.month,
                 t.day, t.hour, t.minute, t.second, t.millisecond);
        body = buf;
      }
      r = ok_response(200, {{"Date", date}, {"Content-Length", std::to_string(body.size())}, {"Content-Type", "text/plain; charset=utf-8"}},
                      head ? "" : body);
      break;
    }
    case kubelet::AppKind::Redis: {
      // Redis sees "Host:" in the first bytes, logs a possible cross-protocol attack, and closes.
      HttpResult e = fail(52, "Empty reply from server");
      e.remote_port = port;
      x.rec.detail = e.error;
      return e;
    }
    default:
      return HttpResult{};
  }
  return r;
}

}  // namespace

HttpResult Network::request(Cluster& c, const std::string& host_in, int32_t port, const std::string& path_in,
                            const std::string& from, bool proxy_running, const HttpOptions& o) {
  Ctx x{c, *this, o, Flavour{}, host_in, port, path_in.empty() ? "/" : path_in, "", "", nullptr, "", {}};
  std::string host = host_in;
  if (!host.empty() && host.back() == '.') host.pop_back();
  // Who is asking.
  if (from.rfind("node/", 0) == 0) {
    x.from_node = from.substr(5);
    x.client = "node/" + x.from_node;
    x.flavour.version = "8.5.0";
  } else if (!from.empty()) {
    auto slash = from.find('/');
    store::Key k{slash == std::string::npos ? "default" : from.substr(0, slash),
                 slash == std::string::npos ? from : from.substr(slash + 1)};
    x.from_pod = c.store.pods().get(k);
    x.client = "pod/" + k.namespace_ + "/" + k.name;
    if (x.from_pod && !x.from_pod->spec.containers.empty()) {
      if (auto* inf = c.registry.resolve(x.from_pod->spec.containers.front().image); inf && !inf->curl_version.empty()) {
        x.flavour.version = inf->curl_version;
        x.flavour.old = inf->curl_version.rfind("7.", 0) == 0 && inf->curl_version < "7.8";
      }
    }
  } else {
    x.client = "host";
  }
  if (!o.client_label.empty()) x.client = o.client_label;
  x.host_header = o.host_header.empty() ? (port == (o.scheme == "https" ? 443 : 80) ? host_in : host_in + ":" + std::to_string(port))
                                         : o.host_header;
  x.rec.client = x.client;
  const bool in_cluster = x.from_pod || !x.from_node.empty();
  const Flavour& fl = x.flavour;

  auto finish = [&](HttpResult r) {
    if (r.remote_port == 0 && r.connected) r.remote_port = port;
    x.rec.ok = r.connected && r.status > 0 && r.status < 400;
    x.rec.detail = r.connected ? first_line(r.body.empty() ? std::to_string(r.status) + " " + r.status_text : r.body) : r.error;
    record(c, x.rec);
    return r;
  };

  // An app answered: count it (and the bootcamp app logs one line per request).
  auto served = [&](const api::Pod& pod) {
    uint64_t n = ++served_by_pod_[pod.metadata.uid];
    if (pod.spec.containers.empty()) return;
    const auto* inf = c.registry.resolve(pod.spec.containers.front().image);
    if (!inf || inf->app != kubelet::AppKind::Bootcamp) return;
    int64_t started = c.now();
    if (!pod.status.container_statuses.empty() && pod.status.container_statuses.front().state.running)
      started = pod.status.container_statuses.front().state.running->started_ms;
    auto& log = logs_by_pod_[pod.metadata.uid];
    log.push_back(kubelet::Registry::request_log(*inf, pod.metadata.name, n, started, c.now()));
    if (log.size() > 1000) log.pop_front();
  };

  // Deliver to a pod IP:port (after kube-proxy's DNAT, or directly).
  auto to_pod = [&](const api::Pod& pod, int32_t target_port, const std::string& shown_host, int32_t shown_port,
                    const std::string& client_ip) -> HttpResult {
    if (o.scheme == "https") {
      HttpResult probe = serve_from_pod(x, pod, target_port, client_ip);
      if (!probe.connected && probe.curl_exit == 0) return refused(fl, shown_host, shown_port);
      return fail(35, "OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number");
    }
    HttpResult r = serve_from_pod(x, pod, target_port, client_ip);
    if (!r.connected && r.curl_exit == 0) return refused(fl, shown_host, shown_port);
    if (r.connected) served(pod);
    return r;
  };

  auto find_pod_by_ip = [&](uint32_t ip) -> const api::Pod* {
    const std::string text = format_ipv4(ip);
    for (auto& [nk, node] : c.store.nodes()) {
      Ipam& st = ipam_for(c, node.metadata.name);
      if (st.subnet != (ip & 0xFFFFFF00u)) continue;
      for (auto& pk : c.store.pods_on_node(node.metadata.name)) {
        const api::Pod* p = c.store.pods().get(pk);
        if (p && p->status.pod_ip == text) return p;
      }
    }
    return nullptr;
  };

  // kube-proxy: a Service port was hit (ClusterIP:port or node:nodePort).
  auto via_service = [&](const api::Service& svc, size_t port_index, const std::string& shown_host, int32_t shown_port) -> HttpResult {
    store::Key sk{svc.metadata.namespace_, svc.metadata.name};
    x.rec.service = sk.str();
    auto* backends = &c.endpoints_controller.ready_backends(sk);
    if (backends->empty()) backends = &c.endpoints_controller.terminating_serving_backends(sk);
    if (backends->empty()) return refused(fl, shown_host, shown_port);  // the REJECT rule
    size_t pick = static_cast<size_t>(c.store.rng().uniform(backends->size()));
    const auto* b = &(*backends)[pick];
    if (port_index >= b->ports.size() || b->ports[port_index] < 0) {
      std::vector<size_t> ok;
      for (size_t i = 0; i < backends->size(); ++i)
        if (port_index < (*backends)[i].ports.size() && (*backends)[i].ports[port_index] >= 0) ok.push_back(i);
      if (ok.empty()) return refused(fl, shown_host, shown_port);
      b = &(*backends)[ok[static_cast<size_t>(c.store.rng().uniform(ok.size()))]];
    }
    const api::Pod* pod = c.store.pods().get(b->pod);
    if (!pod) return refused(fl, shown_host, shown_port);
    // SNAT (externalTrafficPolicy Cluster): the app sees the node's address (or the pod's own).
    std::string client_ip = x.from_pod ? x.from_pod->status.pod_ip : "10.244.0.1";
    HttpResult r = to_pod(*pod, b->ports[port_index], shown_host, shown_port, client_ip);
    // A connection refused by the chosen pod still reads as refused for the original address.
    return r;
  };

  // The API server (HTTPS 8443 on the control plane, or through `kubectl proxy` with credentials).
  auto api_server = [&](const std::string& path, bool authenticated) -> HttpResult {
    const std::string date = http_date(c.now());
    std::string p = path.substr(0, path.find('?'));
    auto json = [&](int code, const std::string& body) {
      return ok_response(code,
                         {{"Audit-Id", c.store.rng().uuid()},
                          {"Cache-Control", "no-cache, private"},
                          {"Content-Type", "application/json"},
                          {"Date", date},
                          {"Content-Length", std::to_string(body.size())}},
                         o.method == "HEAD" ? "" : body);
    };
    auto text = [&](int code, const std::string& body, const std::string& ctype) {
      return ok_response(code, {{"Content-Type", ctype}, {"Date", date}, {"Content-Length", std::to_string(body.size())}},
                         o.method == "HEAD" ? "" : body);
    };
    if (p == "/version" || p == "/version/") return json(200, version_json(c.options.kubernetes_version));
    if (p == "/healthz" || p == "/livez" || p == "/readyz") return text(200, "ok", "text/plain; charset=utf-8");
    if (!authenticated)
      return json(403, status_json(403, "Forbidden", "forbidden: User \"system:anonymous\" cannot get path \"" + p + "\"", "", "", true));
    if (p == "/api" || p == "/api/")
      return json(200,
                  "{\n  \"kind\": \"APIVersions\",\n  \"versions\": [\n    \"v1\"\n  ],\n  \"serverAddressByClientCIDRs\": [\n    {\n"
                  "      \"clientCIDR\": \"0.0.0.0/0\",\n      \"serverAddress\": \"" +
                      node_ip(c, "minikube") + ":8443\"\n    }\n  ]\n}\n");
    // /api/v1/namespaces/NS/(pods|services)/ID/proxy[/rest]
    const std::string prefix = "/api/v1/namespaces/";
    if (p.rfind(prefix, 0) == 0) {
      std::vector<std::string> seg;
      size_t i = prefix.size();
      while (i <= p.size()) {
        size_t j = p.find('/', i);
        seg.push_back(p.substr(i, j == std::string::npos ? std::string::npos : j - i));
        if (j == std::string::npos) break;
        i = j + 1;
      }
      if (seg.size() >= 4 && (seg[1] == "pods" || seg[1] == "services") && seg[3] == "proxy") {
        const std::string ns = seg[0], id = seg[2];
        // Everything after ".../proxy" is forwarded.
        size_t proxy_at = prefix.size() + ns.size() + 1 + seg[1].size() + 1 + id.size() + 1 + 5;
        std::string rest = p.substr(std::min(proxy_at, p.size()));
        std::string query = path.find('?') == std::string::npos ? "" : path.substr(path.find('?'));
        if (rest.empty()) {
          return ok_response(301, {{"Location", p + "/" + query}, {"Date", date}, {"Content-Length", "0"}}, "");
        }
        // id = "name", "name:port" or "scheme:name:port"
        std::vector<std::string> parts;
        size_t a = 0;
        while (true) {
          size_t b = id.find(':', a);
          parts.push_back(id.substr(a, b == std::string::npos ? std::string::npos : b - a));
          if (b == std::string::npos) break;
          a = b + 1;
        }
        std::string name = parts.size() == 3 ? parts[1] : parts[0];
        std::string port_str = parts.size() == 3 ? parts[2] : parts.size() == 2 ? parts[1] : "";
        if (parts.size() > 3 || name.empty())
          return json(400, status_json(400, "BadRequest", "invalid " + std::string(seg[1] == "pods" ? "pod" : "service") +
                                                              " request \"" + id + "\""));
        x.path = rest + query;
        x.host_header = "localhost:8001";
        x.rec.client = "proxy";
        auto unavailable = [&](const std::string& msg) { return json(503, status_json(503, "ServiceUnavailable", msg)); };
        if (seg[1] == "pods") {
          const api::Pod* pod = c.store.pods().get(ns, name);
          if (!pod) return json(404, status_json(404, "NotFound", "pods \"" + name + "\" not found", name, "pods"));
          if (port_str.empty())
            for (auto& ctr : pod->spec.containers)
              if (!ctr.ports.empty()) { port_str = std::to_string(ctr.ports.front().container_port); break; }
          uint32_t ip;
          if (!parse_ipv4(pod->status.pod_ip, ip)) return json(400, status_json(400, "BadRequest", "address not allowed"));
          int32_t target = 80;
          if (!port_str.empty()) {
            auto [ptr, ec] = std::from_chars(port_str.data(), port_str.data() + port_str.size(), target);
            if (ec != std::errc() || ptr != port_str.data() + port_str.size()) target = -1;
          }
          if (target <= 0)
            return unavailable("error trying to reach service: dial tcp: address " + pod->status.pod_ip + ":" + port_str +
                               ": invalid port");
          HttpResult r = serve_from_pod(x, *pod, target, "10.244.0.1");
          if (!r.connected && r.curl_exit == 0)
            return unavailable("error trying to reach service: dial tcp " + pod->status.pod_ip + ":" + std::to_string(target) +
                               ": connect: connection refused");
          if (!r.connected) return unavailable("error trying to reach service: EOF");
          served(*pod);
          return r;
        }
        // services: resolved through the Endpoints object, like the API server does.
        int64_t port_num = -1;
        if (!port_str.empty()) {
          auto [ptr, ec] = std::from_chars(port_str.data(), port_str.data() + port_str.size(), port_num);
          if (ec != std::errc() || ptr != port_str.data() + port_str.size()) port_num = -1;
        }
        std::string port_name = port_str;
        if (port_num >= 0) {
          const api::Service* svc = c.store.services().get(ns, name);
          if (!svc) return json(404, status_json(404, "NotFound", "services \"" + name + "\" not found", name, "services"));
          bool found = false;
          for (auto& sp : svc->spec.ports)
            if (sp.port == port_num) { port_name = sp.name; found = true; break; }
          if (!found)
            return unavailable("no service port " + std::to_string(port_num) + " found for service \"" + name + "\"");
        }
        const api::Endpoints* eps = c.store.endpoints().get(ns, name);
        if (!eps) return json(404, status_json(404, "NotFound", "endpoints \"" + name + "\" not found", name, "endpoints"));
        if (eps->subsets.empty()) return unavailable("no endpoints available for service \"" + name + "\"");
        size_t seed = static_cast<size_t>(c.store.rng().uniform(eps->subsets.size()));
        for (size_t si = 0; si < eps->subsets.size(); ++si) {
          const auto& ss = eps->subsets[(seed + si) % eps->subsets.size()];
          if (ss.addresses.empty()) continue;
          for (auto& ep : ss.ports) {
            if (ep.name != port_name) continue;
            const auto& addr = ss.addresses[static_cast<size_t>(c.store.rng().uniform(ss.addresses.size()))];
            x.rec.service = ns + "/" + name;
            const api::Pod* pod = addr.target_ref.name.empty() ? nullptr : c.store.pods().get(ns, addr.target_ref.name);
            HttpResult r = pod ? serve_from_pod(x, *pod, ep.port, "10.244.0.1") : HttpResult{};
            if (!r.connected && r.curl_exit == 0)
              return unavailable("error trying to reach service: dial tcp " + addr.ip + ":" + std::to_string(ep.port) +
                                 ": connect: connection refused");
            if (!r.connected) return unavailable("error trying to reach service: EOF");
            if (pod) served(*pod);
            return r;
          }
        }
        return unavailable("no endpoints available for service \"" + id + "\"");
      }
    }
    return text(404, "404 page not found\n", "text/plain; charset=utf-8");
  };

  // HTTPS to the API server: certificate check first (minikubeCA is not trusted by the host).
  auto api_server_tls = [&](const std::string& path) -> HttpResult {
    if (o.scheme != "https") {
      return ok_response(400, {{"Content-Type", "text/plain; charset=utf-8"}, {"Connection", "close"}},
                         "Client sent an HTTP request to an HTTPS server.\n");
    }
    if (!o.insecure && !x.from_pod) {
      return fail(60,
                  "SSL certificate problem: unable to get local issuer certificate\n"
                  "More details here: https://curl.se/docs/sslcerts.html\n\n"
                  "curl failed to verify the legitimacy of the server and therefore could not\n"
                  "establish a secure connection to it. To learn more about this situation and\n"
                  "how to fix it, please visit the web page mentioned above.");
    }
    return api_server(path, false);
  };

  // [SECTION] name resolution
  uint32_t ip = 0;
  bool loopback = false;
  if (host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]" || host == "ip6-localhost") {
    loopback = true;
  } else if (!parse_ipv4(host, ip)) {
    bool resolved = false;
    if (in_cluster) {
      // Cluster DNS (search path NS.svc.cluster.local svc.cluster.local cluster.local) and /etc/hosts.
      std::string ns = x.from_pod ? x.from_pod->metadata.namespace_ : "default";
      std::string h = host;
      std::string svc_name, svc_ns = ns;
      const std::string suffix = ".svc.cluster.local";
      if (h.size() > suffix.size() && h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0) h = h.substr(0, h.size() - suffix.size()) + ".svc";
      std::vector<std::string> labels;
      size_t a = 0;
      while (true) {
        size_t b = h.find('.', a);
        labels.push_back(h.substr(a, b == std::string::npos ? std::string::npos : b - a));
        if (b == std::string::npos) break;
        a = b + 1;
      }
      if (labels.size() == 1) svc_name = labels[0];
      else if (labels.size() == 2 && labels[1] != "svc") { svc_name = labels[0]; svc_ns = labels[1]; }
      else if (labels.size() == 3 && labels[2] == "svc") { svc_name = labels[0]; svc_ns = labels[1]; }
      if (!svc_name.empty()) {
        if (const api::Service* s = c.store.services().get(svc_ns, svc_name)) {
          if (s->spec.cluster_ip == "None") {
            auto& rb = c.endpoints_controller.ready_backends(store::Key{svc_ns, svc_name});
            if (!rb.empty() && parse_ipv4(rb.front().ip, ip)) resolved = true;
          } else if (parse_ipv4(s->spec.cluster_ip, ip)) {
            resolved = true;
          }
        }
      }
      if (!resolved && x.from_pod && labels.size() == 1 && host == x.from_pod->metadata.name &&
          parse_ipv4(x.from_pod->status.pod_ip, ip))
        resolved = true;
    }
    if (!resolved) return finish(fail(6, "Could not resolve host: " + host));
  }
  x.rec.detail.clear();
  HttpResult r;
  if (loopback) {
    if (x.from_pod) {
      r = to_pod(*x.from_pod, port, host_in, port, "127.0.0.1");
    } else if (!x.from_node.empty()) {
      const api::Service* hit = nullptr;
      size_t idx = 0;
      for (auto& [k, s] : c.store.services())
        for (size_t i = 0; i < s.spec.ports.size(); ++i)
          if (s.spec.ports[i].node_port == port && port) { hit = &s; idx = i; }
      if (hit) r = via_service(*hit, idx, host_in, port);
      else if (port == 8443 && x.from_node == "minikube") r = api_server_tls(x.path);
      else r = refused(fl, host_in, port);
    } else if (port == 8001 && proxy_running) {
      x.rec.client = "proxy";
      r = api_server(x.path, true);
    } else {
      r = refused(fl, host_in, port);
    }
    r.remote_ip = "127.0.0.1";
    return finish(r);
  }
  r.remote_ip = format_ipv4(ip);
  // A node address?
  std::string node_hit;
  const std::string ip_text = format_ipv4(ip);
  if ((ip >> 16) == ((192u << 8) | 168u))
    for (auto& [k, n] : c.store.nodes())
      for (auto& a : n.status.addresses)
        if (a.type == "InternalIP" && a.address == ip_text) node_hit = n.metadata.name;
  if (!node_hit.empty()) {
    const api::Service* hit = nullptr;
    size_t idx = 0;
    for (auto& [k, s] : c.store.services())
      if (s.spec.type == "NodePort" || s.spec.type == "LoadBalancer")
        for (size_t i = 0; i < s.spec.ports.size(); ++i)
          if (s.spec.ports[i].node_port == port && port) { hit = &s; idx = i; }
    if (hit) r = via_service(*hit, idx, host_in, port);
    else if (port == 8443 && node_hit == c.store.nodes().begin()->second.metadata.name) r = api_server_tls(x.path);
    else r = refused(fl, host_in, port);
  } else if (is_service_ip(ip)) {
    if (!in_cluster) {
      r = timed_out(fl, host_in, port, o, c.store.rng());
    } else {
      const api::Service* hit = nullptr;
      size_t idx = 0;
      for (auto& [k, s] : c.store.services())
        if (s.spec.cluster_ip == format_ipv4(ip))
          for (size_t i = 0; i < s.spec.ports.size(); ++i)
            if (s.spec.ports[i].port == port) { hit = &s; idx = i; }
      if (hit && hit->metadata.namespace_ == "default" && hit->metadata.name == "kubernetes") r = api_server_tls(x.path);
      else if (hit) r = via_service(*hit, idx, host_in, port);
      else r = timed_out(fl, host_in, port, o, c.store.rng());
    }
  } else if (is_pod_ip(ip)) {
    if (!in_cluster) {
      r = timed_out(fl, host_in, port, o, c.store.rng());
    } else if (const api::Pod* pod = find_pod_by_ip(ip)) {
      std::string client_ip = x.from_pod ? x.from_pod->status.pod_ip : node_ip(c, x.from_node);
      r = to_pod(*pod, port, host_in, port, client_ip);
    } else {
      r = no_route(fl, host_in, port, c.store.rng());
    }
  } else if ((ip >> 8) == ((192u << 16) | (168u << 8) | 49u)) {
    r = (ip & 255) == 1 ? refused(fl, host_in, port) : no_route(fl, host_in, port, c.store.rng());
  } else {
    // The outside world is not modelled: nothing answers.
    r = timed_out(fl, host_in, port, o, c.store.rng());
  }
  r.remote_ip = format_ipv4(ip);
  return finish(r);
}

}  // namespace kubesim::network
