// kubesim — cluster networking: ClusterIP and NodePort allocation (upstream's static/dynamic
// bands), pod IPs (host-local IPAM: 10.244.<node>.0/24, increasing order), and the request model
// behind `curl` and the traffic animation (kube-proxy in iptables mode: a uniformly random ready
// endpoint per connection).
//
// Who can reach what (minikube, docker driver, seen from the learner's machine):
//   * node IPs (192.168.49.x): yes — NodePorts answer on every node (kube-proxy), the API server
//     on the control plane's 8443 (HTTPS);
//   * ClusterIPs (10.96.0.0/12) and pod IPs (10.244.0.0/16): no route from the host — the packet
//     goes to the default gateway and is dropped, so curl waits until its connect timeout
//     (Linux gives up after ~130 s: curl exit 28);
//   * localhost:8001 while `kubectl proxy` runs;
//   * service DNS names only resolve inside pods (cluster DNS): NAME, NAME.NS, NAME.NS.svc,
//     NAME.NS.svc.cluster.local.
// From a pod (kubectl exec) or a node (`from` = "node/NAME", minikube ssh) everything inside the
// cluster is reachable; `localhost` is the pod itself (or the node, where NodePorts answer too).
#pragma once
#include <bitset>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/store.h"

namespace kubesim { class Cluster; }

namespace kubesim::network {

// One HTTP request as the canvas animates it.
struct RequestRecord {
  int64_t at_ms = 0;
  std::string client;        // "host", "pod/<ns>/<name>", "node/<name>", "proxy", "loadgen"
  std::string service;       // "<ns>/<name>" or "" for direct pod-IP requests
  std::string pod;           // "<ns>/<name>" that answered, "" if none
  std::string node;          // node of the pod that answered
  bool ok = false;
  std::string detail;        // the response body's first line, or curl's error text
};

struct HttpResult {
  bool connected = false;
  int status = 0;            // HTTP status code when connected
  std::string status_text;   // "OK", "Not Found", "Moved Permanently", …
  std::vector<std::pair<std::string, std::string>> headers;  // response headers, in wire order
  std::string body;          // response body (exactly what curl prints)
  std::string error;         // curl's message when !connected, e.g. "curl: (7) Failed to connect to …"
  int curl_exit = 0;         // curl exit code (0 ok, 7 connect failure, 6 resolve, 28 timeout, 52 empty reply …)
  int64_t elapsed_ms = 0;    // time the transfer took (timeouts: how long curl waited)
  std::string remote_ip;     // for -v / -w %{remote_ip}
  int32_t remote_port = 0;
};

// How the request is made (the curl options that change what the network does).
struct HttpOptions {
  std::string method = "GET";       // "GET" or "HEAD"
  std::string scheme = "http";      // "http" or "https"
  bool insecure = false;            // curl -k
  int64_t max_time_ms = 0;          // curl -m (0 = none)
  int64_t connect_timeout_ms = 0;   // curl --connect-timeout (0 = curl's default 300 s)
  std::string host_header;          // Host header as curl sends it ("" = derive from host:port)
  std::string client_label;         // overrides RequestRecord::client (e.g. "loadgen")
};

class Network {
 public:
  // Allocation (records nothing in the store; the caller writes the Service).
  std::string allocate_cluster_ip(Cluster& c);
  int32_t allocate_node_port(Cluster& c);              // 0 if the range is exhausted
  bool node_port_in_use(const Cluster& c, int32_t port) const;
  bool cluster_ip_in_use(const Cluster& c, const std::string& ip) const;
  // host-local IPAM on the node's pod CIDR; "" if the range is full or the node is unknown.
  std::string allocate_pod_ip(Cluster& c, api::IStr node);
  std::string allocate_pod_ip_on_node(Cluster& c, api::IStr node);  // the same for a node known to exist
  void release_pod_ip(api::IStr node, const std::string& ip);

  // The request model. `host` is an IP or name as typed (node IP, ClusterIP, pod IP,
  // "localhost"/"127.0.0.1" for the kubectl proxy, service DNS names from inside a pod).
  // `from_pod` is "<ns>/<name>" when the request is made inside a container (kubectl exec),
  // "node/<name>" from a node's shell, "" from the learner's machine.
  HttpResult http_get(Cluster& c, const std::string& host, int32_t port, const std::string& path,
                      const std::string& from_pod = "", bool proxy_running = false);
  HttpResult request(Cluster& c, const std::string& host, int32_t port, const std::string& path,
                     const std::string& from_pod, bool proxy_running, const HttpOptions& opts);

  // Recent requests for the canvas (bounded).
  static constexpr size_t kMaxRecords = 4096;
  const std::deque<RequestRecord>& requests() const { return requests_; }
  uint64_t requests_total() const { return requests_total_; }
  uint64_t requests_failed() const { return requests_failed_; }
  // Requests a pod's app has served (by pod uid), e.g. for the bootcamp app's request log.
  uint64_t requests_served(const std::string& pod_uid) const {
    auto it = served_by_pod_.find(pod_uid);
    return it == served_by_pod_.end() ? 0 : it->second;
  }
  // Log lines apps wrote while serving requests (by pod uid), oldest first, bounded per pod.
  const std::deque<std::string>* request_logs(const std::string& pod_uid) const {
    auto it = logs_by_pod_.find(pod_uid);
    return it == logs_by_pod_.end() ? nullptr : &it->second;
  }

  // The minikube node IP of a node ("192.168.49.2" for the first), from its InternalIP address.
  static std::string node_ip(const Cluster& c, const std::string& node);

 private:
  struct Ipam {
    bool initialized = false;
    uint32_t subnet = 0;         // 10.244.N.0 as a host-order integer
    uint32_t last_reserved = 0;  // host number (1..254) of the last address handed out
    std::bitset<256> used;       // host numbers in use
  };
  Ipam& ipam_for(Cluster& c, api::IStr node);
  void record(Cluster& c, RequestRecord r);

  store::TextAddressMap<Ipam> ipam_;  // by the node name's interned text -> host-local state (looked up only)
  std::deque<RequestRecord> requests_;
  uint64_t requests_total_ = 0, requests_failed_ = 0;
  std::map<std::string, uint64_t> served_by_pod_;
  std::map<std::string, std::deque<std::string>> logs_by_pod_;
};

// [SECTION] helpers shared with curl.cpp
// "a.b.c.d" -> host-order integer; false if not a dotted quad.
bool parse_ipv4(const std::string& s, uint32_t& out);
std::string format_ipv4(uint32_t ip);
// Go's time.Now().UTC().Format(http.TimeFormat): "Mon, 12 Jan 2026 10:04:11 GMT".
std::string http_date(int64_t ms);

}  // namespace kubesim::network
