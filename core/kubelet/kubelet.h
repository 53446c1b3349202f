// kubesim — the kubelets (one per node) as data: image pulls with a per-node image cache and
// pull time by image size, ErrImagePull → ImagePullBackOff (10 s doubling to 300 s), container
// start, readiness, restarts and CrashLoopBackOff, graceful termination (30 s default; the
// bootcamp app ignores SIGTERM and takes the full grace period). Timings come from one table
// with seeded jitter (kubelet/timings.h), not from nested ifs.
//
// Per pod the kubelet keeps a small runtime record (what the container runtime knows: container
// states, back-off entries, the pod IP). Every step is a timer (sim/timers.h) carrying the pod key,
// its uid and a token, so a timer left over from an older state (or an older pod of the same name)
// is ignored. Work per pod event is O(log n); nothing scans all pods.
//
// Timers handled here: KubeletSyncPod, ImagePullDone, ContainerStarted, ContainerExited,
// BackoffExpired (a pod-worker resync while something is backing off), TerminationDone,
// NodeHeartbeat (ignored: nodes stay Ready).
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <queue>
#include <unordered_map>
#include <string>
#include <utility>
#include <vector>

#include "api/types.h"
#include "sim/timers.h"
#include "store/store.h"

namespace kubesim { class Cluster; }

namespace kubesim::kubelet {

struct ImageInfo;

class Kubelets {
 public:
  void on_change(const store::Change& c, Cluster& cluster);
  bool process(Cluster& cluster);
  // Handles a fired timer; it may take the timer's strings (a fired timer is a spent buffer).
  void on_timer(sim::Timer& t, Cluster& cluster);
  // Fetch into cache what on_timer(t) will read first (stage 0 some timers ahead, 1 fewer).
  void prefetch(const sim::Timer& t, int stage) const;

  // Images present on a node (the node's image cache), e.g. for describe node / ImageLocality.
  bool has_image(const std::string& node, const std::string& image) const;
  // Cache keys ("docker.io/library/nginx:latest") of the images on a node, sorted.
  std::vector<std::string> images_on(const std::string& node) const;
  // The container's main process ended by itself (the shell `kubectl run -i -t` attached to was
  // exited): the container terminates with `exit_code` and the restart policy applies.
  void end_main_process(const store::Key& key, const std::string& container, int32_t exit_code, Cluster& cluster);
  // Pods the kubelets are currently running or starting (runtime records).
  size_t pod_count() const { return pods_.size(); }

 private:
  enum class CState : uint8_t {
    Idle,          // nothing yet (before the first sync)
    Pulling,       // in the node's (serialized) puller
    PullFailed,    // ErrImagePull shown, waiting for the next sync
    PullBackOff,   // ImagePullBackOff
    Starting,      // image present, being created/started
    Running,
    Exited,        // terminated, waiting for the next sync to restart (or not)
    CrashBackOff,  // CrashLoopBackOff
    Dead,          // terminated for good (restartPolicy)
    Blocked,       // InvalidImageName / ErrImageNeverPull: re-evaluated on every sync
  };
  struct ContainerRt {  // 8-byte members first, then the small ones: no padding between them
    const ImageInfo* info = nullptr;  // resolved once (nullptr: the image does not exist)
    api::IStr cache_key;             // node image-cache key ("" = invalid reference)
    api::IStr checked_image;         // the image image_error and pull_policy were computed for
    api::IStr image_error;           // why the reference does not parse ("" = it does)
    api::IStr pull_policy;           // imagePullPolicy, defaulted
    api::IStr pull_error;            // runtime's error of the last failed pull
    int64_t pull_done_ms = 0;        // written to the pod's timeline with the next status update
    int64_t pull_enqueued_ms = 0, pull_duration_ms = 0;
    int64_t pull_backoff_ms = 0, pull_backoff_updated_ms = -1;   // flowcontrol.Backoff entry (pod+image)
    int64_t crash_backoff_ms = 0, crash_backoff_updated_ms = -1; // flowcontrol.Backoff entry (pod+container)
    int64_t started_ms = 0, finished_ms = 0;
    int64_t planned_exit_ms = -1;    // -1: runs until stopped
    uint32_t token = 0;              // the timer this container waits for
    int32_t restarts = 0;
    int32_t exit_code = 0;
    CState state = CState::Idle;
    bool pull_will_fail = false;
    bool ever_started = false;
  };
  struct PodRt {
    api::IStr node;
    std::string ip;
    uint64_t uid_hash = 0;           // sim::uid_hash(pod uid): tells a recreated pod of the same name, matched against timers
    uint64_t key_hash = 0;           // store::hash_key_parts of its key: lookups skip hashing
    int64_t grace_ms = 0;            // grace period the termination runs with
    int64_t done_at_ms = 0;          // when the pod object goes away
    uint32_t next_token = 1;
    uint32_t pod_token = 0;          // sync / termination timer token
    uint32_t slot = 0;               // its number in slots_ (timers carry it), 0 = none
    bool synced = false;
    bool terminating = false;
    std::vector<ContainerRt> containers;
  };
  struct NodeRt {
    // A node holds a handful of images: small vectors of interned cache keys, compared by address.
    std::vector<api::IStr> images;                      // cache keys present
    std::vector<std::pair<api::IStr, int64_t>> pulling;  // cache key -> when the running/queued pull completes
    bool has(api::IStr key) const { return std::find(images.begin(), images.end(), key) != images.end(); }
    void add(api::IStr key) { if (!has(key)) images.push_back(key); }
    int64_t* pull_of(api::IStr key) {
      for (auto& [k, at] : pulling) if (k == key) return &at;
      return nullptr;
    }
    int64_t puller_free_at = 0;                 // serialized image puller (serializeImagePulls: true)
    // The Node object as of node_gen_ == seen_gen: whether it exists, and its InternalIP.
    uint64_t seen_gen = 0;
    bool exists = false;
    api::IStr host_ip;
  };
  // The node's entry with `exists` and `host_ip` current (read from the store after any Node change).
  NodeRt& node_rt(api::IStr node, Cluster& cluster);
  uint64_t node_gen_ = 1;  // bumped by every Node change

  // What the registry says about an image reference, remembered for the last reference asked
  // about (the pods of one template all run the same images; parsing a reference per pod showed).
  struct ImageFacts {
    const void* registry = nullptr;  // the registry the answer came from
    std::string image;
    const ImageInfo* info = nullptr;
    api::IStr cache_key, status_image, image_id;
    api::IStr present_message;  // the Pulled event's "Container image … already present on machine"
    // A copy (a snapshot of the world) starts empty: it asks its own registry again.
    ImageFacts() = default;
    ImageFacts(const ImageFacts&) {}
    ImageFacts& operator=(const ImageFacts&) { registry = nullptr; image.clear(); info = nullptr; return *this; }
  };
  const ImageFacts& image_facts(const std::string& image, Cluster& cluster);
  void handle(const store::Key& key, Cluster& cluster);
  void adopt(const api::Pod& pod, PodRt& rt, Cluster& cluster);
  void sync_pod(const store::Key& key, PodRt& rt, Cluster& cluster);
  void ensure_image(const store::Key& key, PodRt& rt, size_t i, Cluster& cluster);
  void pull_done(const store::Key& key, PodRt& rt, size_t i, Cluster& cluster);
  void container_started(const store::Key& key, PodRt& rt, size_t i, Cluster& cluster);
  void container_exited(const store::Key& key, PodRt& rt, size_t i, Cluster& cluster);
  void resync_container(const store::Key& key, PodRt& rt, size_t i, Cluster& cluster);
  void begin_termination(const store::Key& key, const api::Pod& pod, PodRt& rt, Cluster& cluster);
  void remove_pod(const store::Key& key, Cluster& cluster, uint64_t key_hash = 0);  // key_hash: 0 = unknown
  void finish_termination(const store::Key& key, PodRt& rt, Cluster& cluster);
  void promote_pulls(int64_t now);
  uint32_t arm(const store::Key& key, PodRt& rt, sim::TimerKind kind, size_t idx, int64_t delay_ms, Cluster& cluster);
  void event(Cluster& cluster, const api::Pod& pod, api::IStr type, api::IStr reason, std::string message,
             int container = -1);
  // The same for an interned message (see Store::record_event_interned).
  void event_interned(Cluster& cluster, const api::Pod& pod, api::IStr type, api::IStr reason, api::IStr message, int container);
  api::IStr container_field_path(const api::Pod& pod, int container);
  void set_waiting(Cluster& cluster, const store::Key& key, size_t i, const std::string& reason, const std::string& message);
  // Status writes go through edit(): written now, or, inside a Batch, collected (the callable is
  // copied only then) and written as one update (fewer resourceVersions and watch events per
  // pod). Edits must capture by value.
  template <class F> void edit(Cluster& cluster, const store::Key& key, F&& fn) {
    if (batch_depth_ > 0) batch_.emplace_back(std::forward<F>(fn));
    else write_now(cluster, key, fn);
  }
  void write_now(Cluster& cluster, const store::Key& key, store::FunctionRef<void(api::Pod&)> fn);
  struct Batch {
    Kubelets& k;
    Cluster& c;
    const store::Key& key;  // the caller's, which outlives the batch (so write_now sees hint_'s key)
    Batch(Kubelets& k_, Cluster& c_, const store::Key& key_) : k(k_), c(c_), key(key_) { ++k.batch_depth_; }
    ~Batch();
  };
  // The pod a timer is handling: its key (by address) and the key's hash, so its writes and
  // lookups skip hashing the key again.
  struct KeyHint {
    const store::Key* key = nullptr;
    uint64_t hash = 0;
  };
  KeyHint hint_;
  store::Key timer_key_;  // on_timer's key (scratch)
  const api::Pod* pod_of(const store::Key& key, const PodRt& rt, const Cluster& cluster) const;

  store::KeyMap<PodRt> pods_;  // looked up; iterated only to rebuild slots_
  // Every PodRt by a small number its timers carry, so a firing timer finds its pod without a
  // hash lookup. Numbers are reused lowest first, so a copy of the world (which rebuilds the
  // table from pods_ on first use) hands out the same numbers as the original.
  struct SlotTable {
    std::vector<PodRt*> at;  // slot − 1 -> entry in pods_ (nullptr: free)
    std::priority_queue<uint32_t, std::vector<uint32_t>, std::greater<>> free;
    bool stale = false;
    SlotTable() = default;
    SlotTable(const SlotTable&) : stale(true) {}  // its pointers are into the other pods_
    SlotTable& operator=(const SlotTable&) {
      at.clear();
      free = {};
      stale = true;
      return *this;
    }
  };
  SlotTable slots_;
  void ensure_slots();
  void take_slot(PodRt& rt);
  void drop_slot(const PodRt& rt);
  PodRt* by_slot(uint32_t slot);
  store::KeyMap<PodRt>::iterator emplace_pod(const store::Key& key, PodRt&& rt);
  void erase_pod(store::KeyMap<PodRt>::iterator it);
  store::TextAddressMap<NodeRt> nodes_;  // by the node name's interned text (api::IStr); looked up only
  // Pulls to complete: a min-heap on `at` (the order among equal times does not matter: each
  // completion marks its image present and ends the node's pull of it once that is due).
  struct PullCompletion {
    int64_t at;
    api::IStr node, image;  // image: its cache key
    bool operator>(const PullCompletion& o) const { return at > o.at; }
  };
  std::vector<PullCompletion> pull_completions_;
  // The last image reference checked (ensure_image): its parse error and defaulted pull policy.
  struct ImageCheck {
    api::IStr checked, error, policy;
    std::string policy_in;  // the container's imagePullPolicy it was defaulted from
  };
  ImageCheck last_image_check_;
  store::DirtyKeys dirty_;
  int batch_depth_ = 0;
  // A container's events' fieldPath and its Created, Started and Killing messages (interned:
  // events keep no copy), for the container name they were built for (most pods have one
  // container of one name).
  struct ContainerMessages {
    std::string name;
    api::IStr created, started, stopping, field_path;
  };
  ContainerMessages container_messages_;
  const ContainerMessages& container_messages(const std::string& name);
  std::vector<std::function<void(api::Pod&)>> batch_;
  ImageFacts image_facts_;
};

// [SECTION] pure helpers (shared with tests and other modules)
// QoS class from requests and limits: "BestEffort", "Burstable" or "Guaranteed".
std::string qos_class(const api::PodSpec& spec);
// Recompute phase and the Ready / ContainersReady conditions from container statuses
// (kubelet's getPhase and GeneratePodReadyCondition). `now` is used for transition times.
void refresh_pod_status(api::Pod& pod, int64_t now);

}  // namespace kubesim::kubelet
