// kubesim — the container registry model: which images exist (with their real common tags),
// how big they are (pull time follows size), and how the app inside behaves (what it answers on
// HTTP, its files and environment for `kubectl exec`, whether it ignores SIGTERM).
// Anything not in the table fails to pull with the container runtime's real error text
// (minikube's default runtime: Docker Engine behind cri-dockerd).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kubesim::kubelet {

enum class AppKind : uint8_t {
  Bootcamp,    // node server.js on 8080: "Hello Kubernetes bootcamp! | Running on: POD | v=N\n"
  Nginx,       // 80: the nginx welcome page
  Httpd,       // 80: "<html><body><h1>It works!</h1></body></html>\n"
  Agnhost,     // e2e test image: behaviour chosen by its first argument (netexec, serve-hostname, pause)
  EchoServer,  // registry.k8s.io/echoserver (8080): echoes the request as text
  KicbaseEcho, // kicbase/echo-server (8080): "Request served by POD\n\nHTTP/1.1 GET /\n\n…"
  Redis,       // 6379, not HTTP (an HTTP request gets the connection closed)
  Busybox,     // no server; the default command (sh) exits at once (→ Completed / CrashLoopBackOff)
  HelloWorld,  // prints its greeting and exits 0
  Shell,       // distro base images (ubuntu, debian, alpine): default command is a shell that exits
  System,      // kube-system images (apiserver, etcd, coredns, …): long-running, not modelled
};

struct ImageInfo {
  std::string canonical;            // e.g. "gcr.io/google-samples/kubernetes-bootcamp:v1"
  std::string repo_digest;          // "sha256:…" (64 hex)
  int64_t size_bytes = 0;           // compressed pull size (drives pull time)
  int64_t unpacked_size_bytes = 0;  // what Docker reports as the image size (the Pulled event)
  AppKind app = AppKind::System;
  int version = 0;                  // bootcamp v=N
  int32_t listen_port = 0;          // 0 = no server
  bool ignores_sigterm = false;     // PID 1 without a SIGTERM handler: waits for the grace period
  std::string server_version;       // "nginx/1.29.3", "Apache/2.4.65 (Unix)" (HTTP Server header)
  std::vector<std::pair<std::string, std::string>> env;  // image ENV (PATH, NODE_VERSION, …)
  std::map<std::string, std::string> files;              // path -> content, for exec shells
  std::string workdir = "/";
  std::string shell;                // "bash", "sh" or "" (no shell in the image)
  std::string curl_version;         // curl inside the image ("" = no curl)
};

// Normalized reference: registry host, repository path, tag (or digest).
struct ImageRef {
  std::string registry;    // "docker.io", "gcr.io", …
  std::string repository;  // "library/nginx", "jocatalin/kubernetes-bootcamp"
  std::string tag;         // "latest" when omitted (and no digest)
  std::string digest;      // "sha256:…" when given with @
  std::string full() const;      // registry/repository:tag (or @digest)
  // Docker's "familiar" name: docker.io/library/nginx -> nginx, docker.io/a/b -> a/b.
  std::string familiar_repository() const;
  std::string familiar() const;  // familiar_repository():tag (or @digest)
};

class Registry {
 public:
  Registry();  // the built-in table
  // Parse and normalize an image reference; nullopt if it is not a valid reference
  // (e.g. upper-case letters, empty, bad characters).
  static std::optional<ImageRef> parse(const std::string& image);
  // Why parse() failed, in Docker's reference-grammar words ("invalid reference format",
  // "invalid reference format: repository name (library/Foo) must be lowercase"); "" if valid.
  static std::string parse_error(const std::string& image);
  // The key images are cached under on a node ("" for an invalid reference).
  static std::string cache_key(const std::string& image) {
    auto r = parse(image);
    return r ? r->full() : std::string();
  }
  // nullptr → the image (or tag) does not exist: pulls fail.
  const ImageInfo* resolve(const std::string& image) const;
  // The runtime's error for a failed pull (docker runtime, as minikube uses).
  std::string pull_error(const std::string& image) const;
  // Pull duration in ms before jitter, by size (about 20 MB/s plus a fixed handshake).
  int64_t pull_time_ms(const ImageInfo& info) const;
  // How long the registry takes to answer "no such manifest" (ms, before jitter).
  int64_t failed_pull_time_ms() const { return 900; }
  // "docker-pullable://REPO@sha256:…" as cri-dockerd reports imageID.
  static std::string docker_image_id(const std::string& image, const ImageInfo& info);
  // The image name cri-dockerd reports in containerStatuses[].image (familiar form with tag).
  static std::string status_image(const std::string& image);

  // [SECTION] what the apps print (for `kubectl logs` and the request model)
  // Lines the app writes to stdout when it starts (each ends in '\n').
  static std::string startup_log(const ImageInfo& info, const std::string& hostname, int64_t started_ms);
  // The line the bootcamp app logs per request ("" for apps that log nothing we model).
  static std::string request_log(const ImageInfo& info, const std::string& hostname, uint64_t request_number,
                                 int64_t started_ms, int64_t now_ms);

  const std::map<std::string, ImageInfo>& images() const { return *images_; }

 private:
  void add(const std::vector<std::string>& refs, ImageInfo info);
  // key: ImageRef::full(). Filled by the constructor, never changed after; copies of a Registry
  // (snapshots of the world) share it, so the ImageInfo pointers resolve() hands out (kept by the
  // kubelets) stay valid in every copy, whichever copy goes away first.
  std::shared_ptr<std::map<std::string, ImageInfo>> images_;
};

// "2018-07-18T21:04:55.341Z" (JavaScript Date#toISOString), used by the bootcamp app's log.
std::string iso8601_ms(int64_t ms);

}  // namespace kubesim::kubelet
