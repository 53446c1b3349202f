// kubesim — registry.cpp — the image table, Docker's reference grammar, and the runtime's words
// when a pull fails.
//
// Facts used here (verified in public material, see the report of the kubelet work):
//   * Docker reference grammar (distribution/reference): lower-case path components separated by
//     '/', optional domain first component (has '.' or ':' or is "localhost"), tag [\w][\w.-]{0,127},
//     digest algorithm:hex; "docker.io" + "library/" for one-component names.
//   * Pull errors through cri-dockerd (minikube, docker driver, docker runtime), as kubelet ≥ 1.30
//     prints them (the gRPC "rpc error: code = Unknown desc =" prefix is stripped by the CRI client):
//       gcr.io missing tag:  Error response from daemon: manifest for gcr.io/google-samples/kubernetes-bootcamp:v10
//                            not found: manifest unknown: Failed to fetch "v10"
//       Docker Hub missing tag:   Error response from daemon: manifest for nginx:v10 not found: manifest unknown: manifest unknown
//       Docker Hub missing repo:  Error response from daemon: pull access denied for foo, repository does not exist
//                                 or may require 'docker login': denied: requested access to the resource is denied
//   * Digests of the tutorial images as kubectl describe shows them:
//       kubernetes-bootcamp v1 sha256:0d6b8ee63bb57c5f5b6156f446b3bc3b3c143d233037f3a2f00e279c8fcc64af
//       jocatalin/kubernetes-bootcamp:v2 sha256:fb1a3ced00cecfc1f83f18ab5cd14199e30adc1b49aa4244f5d65ad3f5feb2a5
//       echoserver 1.4 / 1.9 / 1.10, agnhost 2.39 / 2.40 / 2.53 (see the table).
//     Other digests are synthetic (stable hashes of the image identity): real tags like nginx:latest
//     move over time anyway.
//   * The bootcamp image: Node.js 6.3.1 (ENV PATH, NPM_CONFIG_LOGLEVEL=info, NODE_VERSION=6.3.1),
//     WORKDIR /, app in /server.js, listens on 8080, compressed size 83642968 bytes.
#include "kubelet/registry.h"

#include <cctype>
#include <cstdio>

#include "kubectl/timefmt.h"

namespace kubesim::kubelet {

// [SECTION] small helpers --------------------------------------------------------------------------
namespace {

uint64_t fnv1a64(const std::string& s, uint64_t seed) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (unsigned char c : s) { h ^= c; h *= 1099511628211ULL; }
  return h;
}

// A stable, platform-independent stand-in digest for images whose real digest we do not pin.
std::string synthetic_digest(const std::string& identity) {
  std::string hex;
  static constexpr char kHex[] = "0123456789abcdef";
  for (uint64_t round = 0; round < 4; ++round) {
    uint64_t h = fnv1a64(identity, round * 0x9e3779b97f4a7c15ULL);
    for (int i = 0; i < 16; ++i) { hex += kHex[h & 15]; h >>= 4; }
  }
  return "sha256:" + hex;
}

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// path-component := [a-z0-9]+ ((\.|_|__|-+) [a-z0-9]+)*
bool valid_path_component(const std::string& s) {
  if (s.empty() || !is_lower_alnum(s.front()) || !is_lower_alnum(s.back())) return false;
  size_t i = 0;
  while (i < s.size()) {
    if (is_lower_alnum(s[i])) { ++i; continue; }
    // a separator run
    size_t j = i;
    while (j < s.size() && !is_lower_alnum(s[j])) ++j;
    std::string sep = s.substr(i, j - i);
    bool ok = sep == "." || sep == "_" || sep == "__" || sep.find_first_not_of('-') == std::string::npos;
    if (!ok) return false;
    i = j;
  }
  return true;
}

// domain := domain-component ('.' domain-component)* [':' port]; components [a-zA-Z0-9-], no
// leading/trailing '-'.
bool valid_domain(const std::string& d) {
  std::string host = d, port;
  if (auto c = d.rfind(':'); c != std::string::npos) { host = d.substr(0, c); port = d.substr(c + 1); }
  if (host.empty()) return false;
  if (auto c = d.rfind(':'); c != std::string::npos) {
    if (port.empty()) return false;
    for (char ch : port) if (!std::isdigit(static_cast<unsigned char>(ch))) return false;
  }
  size_t start = 0;
  while (start <= host.size()) {
    size_t dot = host.find('.', start);
    std::string comp = host.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (comp.empty() || comp.front() == '-' || comp.back() == '-') return false;
    for (char ch : comp) if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-') return false;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return true;
}

struct Parsed {
  std::optional<ImageRef> ref;
  std::string error;
};

Parsed parse_ref(const std::string& image) {
  Parsed out;
  const std::string kInvalid = "invalid reference format";
  if (image.empty() || image.size() > 512) { out.error = kInvalid; return out; }
  for (char c : image)
    if (std::isspace(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) < 0x20) { out.error = kInvalid; return out; }
  std::string rest = image, digest, tag;
  if (auto at = rest.find('@'); at != std::string::npos) {
    digest = rest.substr(at + 1);
    rest = rest.substr(0, at);
    auto colon = digest.find(':');
    if (colon == std::string::npos || colon == 0) { out.error = kInvalid; return out; }
    std::string alg = digest.substr(0, colon), hex = digest.substr(colon + 1);
    for (char c : alg) if (!is_lower_alnum(c) && c != '+' && c != '.' && c != '_' && c != '-') { out.error = kInvalid; return out; }
    if (hex.size() < 32) { out.error = kInvalid; return out; }
    for (char c : hex) if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) { out.error = kInvalid; return out; }
    if (alg == "sha256" && hex.size() != 64) { out.error = kInvalid; return out; }
  }
  // A ':' after the last '/' separates the tag.
  auto slash = rest.rfind('/');
  auto colon = rest.rfind(':');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) {
    tag = rest.substr(colon + 1);
    rest = rest.substr(0, colon);
    if (tag.empty() || tag.size() > 128 || !is_word(tag.front())) { out.error = kInvalid; return out; }
    for (char c : tag) if (!is_word(c) && c != '.' && c != '-') { out.error = kInvalid; return out; }
  }
  if (rest.empty() || rest.size() > 255) { out.error = kInvalid; return out; }
  std::vector<std::string> comps;
  size_t start = 0;
  while (true) {
    size_t s = rest.find('/', start);
    comps.push_back(rest.substr(start, s == std::string::npos ? std::string::npos : s - start));
    if (s == std::string::npos) break;
    start = s + 1;
  }
  std::string domain;
  if (comps.size() > 1 && (comps[0].find('.') != std::string::npos || comps[0].find(':') != std::string::npos ||
                           comps[0] == "localhost")) {
    domain = comps[0];
    if (!valid_domain(domain)) { out.error = kInvalid; return out; }
    comps.erase(comps.begin());
  }
  std::string path;
  for (size_t i = 0; i < comps.size(); ++i) path += (i ? "/" : "") + comps[i];
  bool upper = false;
  for (char c : path) if (std::isupper(static_cast<unsigned char>(c))) upper = true;
  if (domain.empty() || domain == "docker.io" || domain == "index.docker.io") {
    domain = "docker.io";
    if (comps.size() == 1) path = "library/" + path;
  }
  if (upper) {
    out.error = kInvalid + ": repository name (" + path + ") must be lowercase";
    return out;
  }
  for (auto& c : comps)
    if (!valid_path_component(c)) { out.error = kInvalid; return out; }
  ImageRef r;
  r.registry = domain;
  r.repository = path;
  r.digest = digest;
  r.tag = tag.empty() && digest.empty() ? "latest" : tag;
  out.ref = r;
  return out;
}

std::string js_seconds(int64_t ms) {  // (new Date() - start) / 1000 as JavaScript prints it
  std::string s = std::to_string(ms / 1000);
  int64_t frac = ms % 1000;
  if (frac) {
    char buf[8];
    snprintf(buf, sizeof buf, "%03lld", static_cast<long long>(frac));
    std::string f = buf;
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s;
}

}  // namespace

// [SECTION] ImageRef -------------------------------------------------------------------------------
std::string ImageRef::full() const {
  std::string s = registry + "/" + repository;
  if (!tag.empty()) s += ":" + tag;
  if (!digest.empty()) s += "@" + digest;
  return s;
}

std::string ImageRef::familiar_repository() const {
  if (registry != "docker.io") return registry + "/" + repository;
  if (repository.rfind("library/", 0) == 0 && repository.find('/', 8) == std::string::npos) return repository.substr(8);
  return repository;
}

std::string ImageRef::familiar() const {
  std::string s = familiar_repository();
  if (!tag.empty()) s += ":" + tag;
  if (!digest.empty()) s += "@" + digest;
  return s;
}

std::optional<ImageRef> Registry::parse(const std::string& image) { return parse_ref(image).ref; }
std::string Registry::parse_error(const std::string& image) { return parse_ref(image).error; }

std::string iso8601_ms(int64_t ms) {
  auto c = kubectl::civil_from_ms(ms);
  char buf[40];
  snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ", static_cast<long long>(c.year), c.month, c.day,
           c.hour, c.minute, c.second, c.millisecond);
  return buf;
}

// [SECTION] the app files ----------------------------------------------------------------------------
namespace {

// Our own rendition of the bootcamp app (same behaviour and output as the tutorial's image).
std::string bootcamp_server_js(int version) {
  return "// Kubernetes Bootcamp sample app: answers every request with the name of the pod\n"
         "// (its hostname) and the app version, and logs each request.\n"
         "var http = require('http');\n"
         "var served = 0;\n"
         "var startedAt;\n"
         "var podName;\n"
         "\n"
         "function onRequest(request, response) {\n"
         "  response.setHeader('Content-Type', 'text/plain');\n"
         "  response.writeHead(200);\n"
         "  response.write('Hello Kubernetes bootcamp! | Running on: ');\n"
         "  response.write(podName);\n"
         "  response.end(' | v=" + std::to_string(version) + "\\n');\n"
         "  served += 1;\n"
         "  console.log('Running On:', podName, '| Total Requests:', served,\n"
         "              '| App Uptime:', (new Date() - startedAt) / 1000, 'seconds',\n"
         "              '| Log Time:', new Date());\n"
         "}\n"
         "\n"
         "http.createServer(onRequest).listen(8080, function () {\n"
         "  startedAt = new Date();\n"
         "  podName = process.env.HOSTNAME;\n"
         "  console.log('Kubernetes Bootcamp App Started At:', startedAt, '| Running On: ', podName, '\\n');\n"
         "});\n";
}

const char* kNginxIndex =
    "<!DOCTYPE html>\n"
    "<html>\n"
    "<head>\n"
    "<title>Welcome to nginx!</title>\n"
    "<style>\n"
    "html { color-scheme: light dark; }\n"
    "body { width: 35em; margin: 0 auto;\n"
    "font-family: Tahoma, Verdana, Arial, sans-serif; }\n"
    "</style>\n"
    "</head>\n"
    "<body>\n"
    "<h1>Welcome to nginx!</h1>\n"
    "<p>If you see this page, the nginx web server is successfully installed and\n"
    "working. Further configuration is required.</p>\n"
    "\n"
    "<p>For online documentation and support please refer to\n"
    "<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\n"
    "Commercial support is available at\n"
    "<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n"
    "\n"
    "<p><em>Thank you for using nginx.</em></p>\n"
    "</body>\n"
    "</html>\n";

const char* kHttpdIndex = "<html><body><h1>It works!</h1></body></html>\n";

const char* kPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

}  // namespace

// [SECTION] the table --------------------------------------------------------------------------------
void Registry::add(const std::vector<std::string>& refs, ImageInfo info) {
  if (info.repo_digest.empty()) info.repo_digest = synthetic_digest(refs.front());
  for (auto& r : refs) {
    auto p = parse(r);
    if (!p) continue;
    ImageInfo copy = info;
    copy.canonical = p->full();
    (*images_)[p->full()] = std::move(copy);
  }
}

Registry::Registry() : images_(std::make_shared<std::map<std::string, ImageInfo>>()) {
  constexpr int64_t MB = 1000 * 1000;
  // The tutorial's app. gcr.io/google-samples/kubernetes-bootcamp:v1 and jocatalin/…:v1 are the
  // same image (same digest); v2 only exists on Docker Hub.
  {
    ImageInfo b;
    b.app = AppKind::Bootcamp;
    b.version = 1;
    b.listen_port = 8080;
    b.ignores_sigterm = true;  // node as PID 1 without a SIGTERM handler
    b.size_bytes = 83642968;
    b.unpacked_size_bytes = 211336459;
    b.env = {{"PATH", kPath}, {"NPM_CONFIG_LOGLEVEL", "info"}, {"NODE_VERSION", "6.3.1"}};
    b.files = {{"/server.js", bootcamp_server_js(1)}};
    b.shell = "bash";
    b.curl_version = "7.38.0";
    b.repo_digest = "sha256:0d6b8ee63bb57c5f5b6156f446b3bc3b3c143d233037f3a2f00e279c8fcc64af";
    add({"gcr.io/google-samples/kubernetes-bootcamp:v1", "docker.io/jocatalin/kubernetes-bootcamp:v1",
         "gcr.io/k8s-minikube/kubernetes-bootcamp:v1"},
        b);
    b.version = 2;
    b.files = {{"/server.js", bootcamp_server_js(2)}};
    b.unpacked_size_bytes = 211336460;
    b.repo_digest = "sha256:fb1a3ced00cecfc1f83f18ab5cd14199e30adc1b49aa4244f5d65ad3f5feb2a5";
    add({"docker.io/jocatalin/kubernetes-bootcamp:v2", "gcr.io/k8s-minikube/kubernetes-bootcamp:v2"}, b);
  }
  // nginx: mainline 1.29, stable 1.28, and the older tags the Kubernetes docs use.
  {
    auto nginx = [&](const std::string& version, bool alpine, std::vector<std::string> tags) {
      ImageInfo n;
      n.app = AppKind::Nginx;
      n.listen_port = 80;
      n.server_version = "nginx/" + version;
      n.size_bytes = alpine ? 21 * MB + 400000 : 72 * MB + 200000;
      n.unpacked_size_bytes = alpine ? 52 * MB + 800000 : 192 * MB + 100000;
      n.env = {{"PATH", kPath}, {"NGINX_VERSION", version}};
      n.files = {{"/usr/share/nginx/html/index.html", kNginxIndex}};
      n.shell = alpine ? "sh" : "bash";
      n.curl_version = alpine ? "8.14.1" : "7.88.1";
      std::vector<std::string> refs;
      for (auto& t : tags) refs.push_back("docker.io/library/nginx:" + t);
      add(refs, n);
    };
    nginx("1.29.3", false, {"latest", "mainline", "1", "1.29", "1.29.3", "mainline-bookworm", "bookworm"});
    nginx("1.29.3", true, {"alpine", "mainline-alpine", "1-alpine", "1.29-alpine", "1.29.3-alpine"});
    nginx("1.28.0", false, {"stable", "1.28", "1.28.0", "stable-bookworm"});
    nginx("1.28.0", true, {"stable-alpine", "1.28-alpine", "1.28.0-alpine"});
    nginx("1.27.5", false, {"1.27", "1.27.5"});
    nginx("1.27.5", true, {"1.27-alpine", "1.27.5-alpine"});
    nginx("1.26.3", false, {"1.26", "1.26.3"});
    nginx("1.26.3", true, {"1.26-alpine", "1.26.3-alpine"});
    nginx("1.25.5", false, {"1.25", "1.25.5"});
    nginx("1.25.5", true, {"1.25-alpine", "1.25.5-alpine"});
    nginx("1.23.4", false, {"1.23", "1.23.4"});
    nginx("1.21.6", false, {"1.21", "1.21.6"});
    nginx("1.19.10", false, {"1.19", "1.19.10"});
    nginx("1.16.1", false, {"1.16", "1.16.1"});
    nginx("1.14.2", false, {"1.14", "1.14.2"});
  }
  // Apache httpd.
  {
    ImageInfo h;
    h.app = AppKind::Httpd;
    h.listen_port = 80;
    h.server_version = "Apache/2.4.65 (Unix)";
    h.size_bytes = 44 * MB + 900000;
    h.unpacked_size_bytes = 148 * MB + 300000;
    h.env = {{"PATH", "/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
             {"HTTPD_PREFIX", "/usr/local/apache2"},
             {"HTTPD_VERSION", "2.4.65"}};
    h.files = {{"/usr/local/apache2/htdocs/index.html", kHttpdIndex}};
    h.workdir = "/usr/local/apache2";
    h.shell = "bash";
    add({"docker.io/library/httpd:latest", "docker.io/library/httpd:2", "docker.io/library/httpd:2.4",
         "docker.io/library/httpd:2.4.65", "docker.io/library/httpd:bookworm"},
        h);
    h.size_bytes = 22 * MB + 100000;
    h.unpacked_size_bytes = 62 * MB + 500000;
    h.shell = "sh";
    add({"docker.io/library/httpd:alpine", "docker.io/library/httpd:2-alpine", "docker.io/library/httpd:2.4-alpine",
         "docker.io/library/httpd:2.4.65-alpine"},
        h);
  }
  // busybox: the default command is `sh`, which exits at once without a terminal.
  {
    ImageInfo b;
    b.app = AppKind::Busybox;
    b.size_bytes = 2 * MB + 150000;
    b.unpacked_size_bytes = 4 * MB + 280000;
    b.env = {{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}};
    b.shell = "sh";
    add({"docker.io/library/busybox:latest", "docker.io/library/busybox:1", "docker.io/library/busybox:1.37",
         "docker.io/library/busybox:1.37.0", "docker.io/library/busybox:stable", "docker.io/library/busybox:glibc",
         "docker.io/library/busybox:musl", "docker.io/library/busybox:uclibc"},
        b);
    add({"docker.io/library/busybox:1.36", "docker.io/library/busybox:1.36.1", "registry.k8s.io/busybox:latest",
         "registry.k8s.io/busybox:1.28", "docker.io/library/busybox:1.28"},
        b);
  }
  // Redis (not HTTP).
  {
    ImageInfo r;
    r.app = AppKind::Redis;
    r.listen_port = 6379;
    r.size_bytes = 49 * MB + 400000;
    r.unpacked_size_bytes = 137 * MB + 700000;
    r.env = {{"PATH", kPath}, {"REDIS_VERSION", "8.2.2"}};
    r.workdir = "/data";
    r.shell = "bash";
    add({"docker.io/library/redis:latest", "docker.io/library/redis:8", "docker.io/library/redis:8.2",
         "docker.io/library/redis:8.2.2", "docker.io/library/redis:bookworm"},
        r);
    r.env = {{"PATH", kPath}, {"REDIS_VERSION", "7.4.6"}};
    add({"docker.io/library/redis:7", "docker.io/library/redis:7.4", "docker.io/library/redis:7.4.6"}, r);
    r.env = {{"PATH", kPath}, {"REDIS_VERSION", "7.2.11"}};
    add({"docker.io/library/redis:7.2", "docker.io/library/redis:7.2.11"}, r);
    r.size_bytes = 17 * MB + 300000;
    r.unpacked_size_bytes = 41 * MB + 400000;
    r.shell = "sh";
    r.env = {{"PATH", kPath}, {"REDIS_VERSION", "8.2.2"}};
    add({"docker.io/library/redis:alpine", "docker.io/library/redis:8-alpine", "docker.io/library/redis:8.2-alpine"}, r);
    r.env = {{"PATH", kPath}, {"REDIS_VERSION", "7.4.6"}};
    add({"docker.io/library/redis:7-alpine", "docker.io/library/redis:7.4-alpine"}, r);
  }
  // Kubernetes e2e test images and echo servers.
  {
    ImageInfo a;
    a.app = AppKind::Agnhost;
    a.size_bytes = 51 * MB + 200000;
    a.unpacked_size_bytes = 127408057;
    a.shell = "sh";
    a.curl_version = "8.12.1";
    a.env = {{"PATH", kPath}};
    a.repo_digest = "sha256:7e8bdd271312fd25fc5ff5a8f04727be84044eb3d7d8d03611972a6752e2e11e";
    add({"registry.k8s.io/e2e-test-images/agnhost:2.39"}, a);
    a.repo_digest = "sha256:af7e3857d87770ddb40f5ea4f89b5a2709504ab1ee31f9ea4ab5823c045f2146";
    add({"registry.k8s.io/e2e-test-images/agnhost:2.40"}, a);
    a.repo_digest = "";
    add({"registry.k8s.io/e2e-test-images/agnhost:2.43"}, a);
    a.repo_digest = "";
    add({"registry.k8s.io/e2e-test-images/agnhost:2.47"}, a);
    a.repo_digest = "";
    add({"registry.k8s.io/e2e-test-images/agnhost:2.52"}, a);
    a.repo_digest = "sha256:99c6b4bb4a1e1df3f0b3752168c89358794d02258ebebc26bf21c29399011a85";
    add({"registry.k8s.io/e2e-test-images/agnhost:2.53"}, a);

    ImageInfo e;
    e.app = AppKind::EchoServer;
    e.listen_port = 8080;
    e.size_bytes = 46 * MB;
    e.unpacked_size_bytes = 140 * MB + 400000;
    e.server_version = "nginx/1.10.0";
    e.shell = "sh";
    e.env = {{"PATH", kPath}};
    e.repo_digest = "sha256:5d99aa1120524c801bc8c1a7077e8f5ec122ba16b6dda1a5d3826057f67b9bcb";
    add({"registry.k8s.io/echoserver:1.4", "k8s.gcr.io/echoserver:1.4", "gcr.io/google_containers/echoserver:1.4"}, e);
    e.server_version = "nginx/1.13.3";
    e.unpacked_size_bytes = 95 * MB + 400000;
    e.repo_digest = "sha256:10f4dbc8eeeb8806d9b3a261b2473b77ca357b290a15d91ce5a0ca5e6164b535";
    add({"registry.k8s.io/echoserver:1.9", "k8s.gcr.io/echoserver:1.9"}, e);
    e.repo_digest = "sha256:cb5c1bddd1b5665e1867a7fa1b5fa843a47ee433bbb75d4293888b71def53229";
    add({"registry.k8s.io/echoserver:1.10", "k8s.gcr.io/echoserver:1.10", "gcr.io/google-containers/echoserver:1.10"}, e);

    ImageInfo k;  // minikube's own docs: `kubectl create deployment hello-minikube --image=kicbase/echo-server:1.0`
    k.app = AppKind::KicbaseEcho;
    k.listen_port = 8080;
    k.size_bytes = 2 * MB + 400000;
    k.unpacked_size_bytes = 4 * MB + 940000;
    add({"docker.io/kicbase/echo-server:1.0", "docker.io/kicbase/echo-server:latest"}, k);
  }
  // hello-world and distro bases.
  {
    ImageInfo h;
    h.app = AppKind::HelloWorld;
    h.size_bytes = 3700;
    h.unpacked_size_bytes = 10072;
    h.env = {{"PATH", kPath}};
    add({"docker.io/library/hello-world:latest", "docker.io/library/hello-world:linux"}, h);

    auto base = [&](std::vector<std::string> refs, int64_t size, int64_t unpacked, const std::string& shell) {
      ImageInfo s;
      s.app = AppKind::Shell;
      s.size_bytes = size;
      s.unpacked_size_bytes = unpacked;
      s.shell = shell;
      s.env = {{"PATH", kPath}};
      add(refs, s);
    };
    base({"docker.io/library/ubuntu:latest", "docker.io/library/ubuntu:24.04", "docker.io/library/ubuntu:noble"},
         29 * MB + 700000, 78 * MB + 100000, "bash");
    base({"docker.io/library/ubuntu:22.04", "docker.io/library/ubuntu:jammy"}, 29 * MB + 500000, 77 * MB + 900000, "bash");
    base({"docker.io/library/ubuntu:20.04", "docker.io/library/ubuntu:focal"}, 27 * MB + 500000, 72 * MB + 800000, "bash");
    base({"docker.io/library/debian:latest", "docker.io/library/debian:13", "docker.io/library/debian:trixie",
          "docker.io/library/debian:stable"},
         49 * MB + 300000, 120 * MB + 300000, "bash");
    base({"docker.io/library/debian:12", "docker.io/library/debian:bookworm"}, 48 * MB + 500000, 117 * MB + 200000, "bash");
    base({"docker.io/library/debian:bookworm-slim", "docker.io/library/debian:12-slim",
          "docker.io/library/debian:trixie-slim", "docker.io/library/debian:stable-slim"},
         28 * MB + 200000, 74 * MB + 800000, "bash");
    base({"docker.io/library/alpine:latest", "docker.io/library/alpine:3", "docker.io/library/alpine:3.22"},
         3 * MB + 800000, 8 * MB + 310000, "sh");
    base({"docker.io/library/alpine:3.21"}, 3 * MB + 640000, 7 * MB + 830000, "sh");
    base({"docker.io/library/alpine:3.20"}, 3 * MB + 630000, 7 * MB + 800000, "sh");
    base({"docker.io/library/alpine:3.19"}, 3 * MB + 420000, 7 * MB + 380000, "sh");
  }
  // What a fresh minikube (Kubernetes v1.34.0) already has on its node.
  {
    ImageInfo s;
    s.app = AppKind::System;
    auto sys = [&](const std::string& ref, int64_t unpacked) {
      s.size_bytes = unpacked / 3;
      s.unpacked_size_bytes = unpacked;
      add({ref}, s);
    };
    sys("registry.k8s.io/kube-apiserver:v1.34.0", 88 * MB);
    sys("registry.k8s.io/kube-controller-manager:v1.34.0", 74 * MB);
    sys("registry.k8s.io/kube-scheduler:v1.34.0", 52 * MB);
    sys("registry.k8s.io/kube-proxy:v1.34.0", 71 * MB);
    sys("registry.k8s.io/etcd:3.6.4-0", 195 * MB);
    sys("registry.k8s.io/coredns/coredns:v1.12.1", 75 * MB);
    sys("registry.k8s.io/pause:3.10.1", 736000);
    sys("gcr.io/k8s-minikube/storage-provisioner:v5", 31 * MB);
    sys("docker.io/kindest/kindnetd:v20250512-df8de77b", 111 * MB);
  }
}

// [SECTION] lookups and the runtime's error words --------------------------------------------------
const ImageInfo* Registry::resolve(const std::string& image) const {
  auto r = parse(image);
  if (!r) return nullptr;
  if (!r->digest.empty()) {
    // image@sha256:… exists if some tag of that repository has that digest.
    std::string prefix = r->registry + "/" + r->repository + ":";
    for (auto it = images_->lower_bound(prefix); it != images_->end() && it->first.rfind(prefix, 0) == 0; ++it)
      if (it->second.repo_digest == r->digest && (r->tag.empty() || it->first == prefix + r->tag)) return &it->second;
    return nullptr;
  }
  auto it = images_->find(r->full());
  return it == images_->end() ? nullptr : &it->second;
}

std::string Registry::pull_error(const std::string& image) const {
  auto r = parse(image);
  if (!r) return "invalid reference format";
  const std::string ref_text = r->familiar();
  const std::string tag_or_digest = r->digest.empty() ? r->tag : r->digest;
  static const char* kGoogleRegistries[] = {"gcr.io", "k8s.gcr.io", "registry.k8s.io", "us-docker.pkg.dev",
                                            "europe-docker.pkg.dev", "asia-docker.pkg.dev"};
  for (auto* g : kGoogleRegistries) {
    std::string reg = g;
    if (r->registry == reg || (r->registry.size() > reg.size() + 1 &&
                               r->registry.compare(r->registry.size() - reg.size() - 1, std::string::npos, "." + reg) == 0))
      return "Error response from daemon: manifest for " + ref_text + " not found: manifest unknown: Failed to fetch \"" +
             tag_or_digest + "\"";
  }
  if (r->registry == "docker.io") {
    // Does the repository exist (any tag)?
    std::string prefix = r->registry + "/" + r->repository + ":";
    auto it = images_->lower_bound(prefix);
    bool repo_exists = it != images_->end() && it->first.rfind(prefix, 0) == 0;
    if (repo_exists)
      return "Error response from daemon: manifest for " + ref_text + " not found: manifest unknown: manifest unknown";
    return "Error response from daemon: pull access denied for " + r->familiar_repository() +
           ", repository does not exist or may require 'docker login': denied: requested access to the resource is denied";
  }
  static const char* kOtherKnown[] = {"quay.io", "ghcr.io", "mcr.microsoft.com", "public.ecr.aws", "docker.elastic.co"};
  for (auto* k : kOtherKnown)
    if (r->registry == k)
      return "Error response from daemon: manifest for " + ref_text + " not found: manifest unknown: manifest unknown";
  std::string host = r->registry;
  std::string port;
  if (auto c = host.rfind(':'); c != std::string::npos) { port = host.substr(c + 1); host = host.substr(0, c); }
  if (host == "localhost" || host == "127.0.0.1")
    return "Error response from daemon: Get \"http://" + r->registry + "/v2/\": dial tcp 127.0.0.1:" +
           (port.empty() ? "443" : port) + ": connect: connection refused";
  return "Error response from daemon: Get \"https://" + r->registry + "/v2/\": dial tcp: lookup " + host +
         " on 192.168.49.1:53: no such host";
}

int64_t Registry::pull_time_ms(const ImageInfo& info) const {
  // ~20 MB/s for the layers plus ~0.8 s of registry round trips (token, manifest, config).
  return 800 + info.size_bytes / 20000;
}

std::string Registry::docker_image_id(const std::string& image, const ImageInfo& info) {
  auto r = parse(image);
  std::string repo = r ? r->familiar_repository() : image;
  return "docker-pullable://" + repo + "@" + info.repo_digest;
}

std::string Registry::status_image(const std::string& image) {
  auto r = parse(image);
  if (!r) return image;
  return r->familiar();
}

std::string Registry::startup_log(const ImageInfo& info, const std::string& hostname, int64_t started_ms) {
  switch (info.app) {
    case AppKind::Bootcamp:
      // console.log('…Started At:', date, '| Running On: ', host, '\n') joins with spaces.
      return "Kubernetes Bootcamp App Started At: " + iso8601_ms(started_ms) + " | Running On:  " + hostname + " \n\n";
    case AppKind::KicbaseEcho:
      return "Echo server listening on port 8080.\n";
    default:
      return "";
  }
}

std::string Registry::request_log(const ImageInfo& info, const std::string& hostname, uint64_t request_number,
                                  int64_t started_ms, int64_t now_ms) {
  if (info.app != AppKind::Bootcamp) return "";
  return "Running On: " + hostname + " | Total Requests: " + std::to_string(request_number) +
         " | App Uptime: " + js_seconds(now_ms - started_ms) + " seconds | Log Time: " + iso8601_ms(now_ms) + "\n";
}

}  // namespace kubesim::kubelet
