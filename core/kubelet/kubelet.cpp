// kubesim — kubelet.cpp — the pod lifecycle on each node (see kubelet.h).
//
// Upstream facts used here (kubernetes/kubernetes v1.34, pkg/kubelet):
//   * images/image_manager.go: events `Pulling image "X"`; `Successfully pulled image "X" in D1
//     (D2 including waiting). Image size: N bytes.` (Go durations truncated to ms; D2 includes the
//     wait in the serialized puller); `Container image "X" already present on machine`;
//     `Failed to pull image "X": ERR`; `Back-off pulling image "X"` (event) while the waiting
//     message is `Back-off pulling image "X": ErrImagePull: ERR` (since v1.32); back-off key
//     pod UID + image; `Container image "X" is not present with pull policy of Never`;
//     `Failed to apply default image tag "X": couldn't parse image name "X": ERR` (InspectFailed).
//   * kuberuntime_container.go: `Created container: NAME` (v1.32–v1.34 wording),
//     `Started container NAME`, `Stopping container NAME` (Killing), and for any start error
//     `Error: <ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull>` (reason Failed).
//   * kuberuntime_manager.go doBackOff: `Back-off restarting failed container NAME in pod
//     NAME_NAMESPACE(UID)` and waiting message `back-off 40s restarting failed container=NAME
//     pod=NAME_NAMESPACE(UID)`; the back-off window runs from the container's finishedAt.
//   * client-go flowcontrol.Backoff: first failure → initial (10 s); later ones double up to
//     300 s; an entry not updated for 2 × max starts over.
//   * status: getPhase (a waiting container that never ran keeps the pod Pending; restartPolicy
//     Always keeps it Running), Ready/ContainersReady False with reason ContainersNotReady and
//     message `containers with unready status: [a b]`, PodReadyToStartContainers + Initialized.
//   * Termination: SIGTERM, then SIGKILL after the grace period; apps without a SIGTERM handler
//     running as PID 1 (node, sh, sleep) wait for the whole period.
#include "kubelet/kubelet.h"

#include <algorithm>
#include <charconv>
#include <functional>

#include "cluster.h"
#include "kubectl/timefmt.h"
#include "kubelet/registry.h"
#include "kubelet/timings.h"

namespace kubesim::kubelet {

namespace {

constexpr size_t kPodLevel = 255;

// The text last interned at one call site: the pods of one template write the same texts over
// and over, and comparing with the last one is cheaper than a lookup in the intern pool.
class LastInterned {
 public:
  const api::IStr& operator()(std::string_view s) {
    if (s != std::string_view(text_)) {
      text_.assign(s);
      value_ = s;
    }
    return value_;
  }

 private:
  std::string text_;
  api::IStr value_;
};

// Texts the status code writes for every pod, interned once (a literal converts by lookup).
struct Words {
  api::IStr pending{"Pending"}, running{"Running"}, succeeded{"Succeeded"}, failed{"Failed"};
  api::IStr ready{"Ready"}, containers_ready{"ContainersReady"}, initialized{"Initialized"};
  api::IStr ready_to_start{"PodReadyToStartContainers"}, scheduled{"PodScheduled"};
  api::IStr true_{"True"}, false_{"False"}, none;
  api::IStr pod_completed{"PodCompleted"}, containers_not_ready{"ContainersNotReady"};
  api::IStr normal{"Normal"}, created{"Created"}, started{"Started"}, pulled{"Pulled"}, pulling{"Pulling"};
  api::IStr kubelet{"kubelet"};  // the events' source component
};
const Words& words() {
  static const Words w;
  return w;
}

std::string default_pull_policy(const api::Container& c) {
  if (!c.image_pull_policy.empty()) return c.image_pull_policy;
  auto r = Registry::parse(c.image);
  if (r && r->digest.empty() && r->tag == "latest") return "Always";
  return "IfNotPresent";
}

api::Condition* condition(api::Pod& p, api::IStr type) {
  for (auto& c : p.status.conditions) if (c.type == type) return &c;
  return nullptr;
}

void set_condition(api::Pod& p, api::IStr type, api::IStr status, api::IStr reason, api::IStr message, int64_t now) {
  api::Condition* c = condition(p, type);
  if (!c) {
    if (p.status.conditions.capacity() < 5) p.status.conditions.reserve(5);  // a running pod has 5: grown once, not 1→2→4→8
    p.status.conditions.push_back(api::Condition{});
    c = &p.status.conditions.back();
    c->type = type;
    c->last_transition_ms = now;
  } else if (c->status != status) {
    c->last_transition_ms = now;
  }
  c->status = status;
  c->reason = reason;
  c->message = message;
}

// kubelet order: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.
void order_conditions(api::Pod& p) {
  static const api::IStr kOrder[] = {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"};
  auto rank = [](const api::IStr& t) {
    for (int i = 0; i < 5; ++i) if (t == kOrder[i]) return i;
    return 5;
  };
  auto before = [&](const api::Condition& a, const api::Condition& b) { return rank(a.type) < rank(b.type); };
  // A stable insertion sort in place: a handful of conditions (std::stable_sort allocates a buffer).
  auto& cs = p.status.conditions;
  for (size_t i = 1; i < cs.size(); ++i) {
    if (!before(cs[i], cs[i - 1])) continue;
    api::Condition c = std::move(cs[i]);
    size_t j = i;
    for (; j > 0 && before(c, cs[j - 1]); --j) cs[j] = std::move(cs[j - 1]);
    cs[j] = std::move(c);
  }
}

std::string pod_format(const api::Pod& p) {  // format.Pod: NAME_NAMESPACE(UID)
  return p.metadata.name + "_" + p.metadata.namespace_ + "(" + p.metadata.uid + ")";
}

std::string quote(const std::string& s) {  // Go %q for the plain strings image names are
  std::string o = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') o += '\\';
    o += c;
  }
  return o + "\"";
}

int64_t next_backoff(int64_t current, int64_t updated_ms, int64_t now, int64_t initial, int64_t max) {
  if (updated_ms < 0 || now - updated_ms > timings::kBackOffResetFactor * max) return initial;
  return std::min(current * 2, max);
}

// How long the container's process runs before it exits by itself (-1 = until stopped), and its
// exit code. A small interpreter for the commands people type in tutorials.
struct ExitPlan { int64_t run_ms = -1; int32_t code = 0; };

bool parse_seconds(const std::string& s, int64_t& ms) {
  if (s.empty()) return false;
  size_t n = s.size();
  int64_t mult = 1000;
  char unit = s.back();
  if (unit == 's' || unit == 'm' || unit == 'h' || unit == 'd') {
    mult = unit == 's' ? 1000 : unit == 'm' ? 60000 : unit == 'h' ? 3600000 : 86400000;
    --n;
  }
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + n, v);
  if (ec != std::errc() || p != s.data() + n) return false;
  ms = v * mult;
  return true;
}

ExitPlan plan_words(const std::vector<std::string>& words) {
  // Scripts: look at the whole text.
  std::string text;
  for (auto& w : words) text += w + " ";
  if (text.find("while true") != std::string::npos || text.find("while :") != std::string::npos ||
      text.find("tail -f") != std::string::npos || text.find("sleep infinity") != std::string::npos)
    return {};
  ExitPlan plan{0, 0};
  bool known = false;
  // Walk "sh -c 'a; b'" and plain argv alike, token by token.
  std::vector<std::string> toks;
  for (auto& w : words) {
    size_t i = 0;
    while (i < w.size()) {
      while (i < w.size() && (w[i] == ' ' || w[i] == ';' || w[i] == '&' || w[i] == '\n')) ++i;
      size_t j = i;
      while (j < w.size() && w[j] != ' ' && w[j] != ';' && w[j] != '&' && w[j] != '\n') ++j;
      if (j > i) toks.push_back(w.substr(i, j - i));
      i = j;
    }
  }
  for (size_t i = 0; i < toks.size(); ++i) {
    const std::string& t = toks[i];
    std::string base = t.substr(t.rfind('/') == std::string::npos ? 0 : t.rfind('/') + 1);
    if (base == "sleep" && i + 1 < toks.size()) {
      int64_t ms;
      if (parse_seconds(toks[i + 1], ms)) { plan.run_ms += ms; known = true; ++i; }
    } else if (base == "exit" && i + 1 < toks.size()) {
      int32_t code = 0;
      std::from_chars(toks[i + 1].data(), toks[i + 1].data() + toks[i + 1].size(), code);
      plan.code = code;
      return plan;
    } else if (base == "false") {
      plan.code = 1;
      known = true;
    } else if (base == "true" || base == "echo" || base == "date" || base == "env" || base == "printenv" ||
               base == "ls" || base == "cat" || base == "hostname" || base == "sh" || base == "bash" || base == "-c") {
      known = true;
    } else if (base == "nginx" || base == "httpd" || base == "httpd-foreground" || base == "redis-server" ||
               base == "node" || base == "python" || base == "python3" || base == "/agnhost" || base == "agnhost") {
      return {};  // a server
    }
  }
  if (!known) return {};
  return plan;
}

bool is_shell_word(const std::string& w) {
  const std::string base = w.substr(w.rfind('/') == std::string::npos ? 0 : w.rfind('/') + 1);
  return base == "sh" || base == "bash" || base == "ash";
}

ExitPlan plan_exit(const ImageInfo* info, const api::Container& c) {
  if (!info) return {};
  std::vector<std::string> words = c.command;
  words.insert(words.end(), c.args.begin(), c.args.end());
  // A shell with stdin open (`kubectl run -i`) waits for what is typed into it.
  if (c.stdin_open) {
    const bool default_shell = words.empty() && (info->app == AppKind::Busybox || info->app == AppKind::Shell);
    if (default_shell || (words.size() == 1 && is_shell_word(words[0]))) return {};
  }
  if (!c.command.empty()) return plan_words(words);
  switch (info->app) {
    case AppKind::Busybox:
    case AppKind::Shell:
      if (c.args.empty()) return {0, 0};  // `sh` / `bash` without a terminal exits at once
      return plan_words(words);
    case AppKind::HelloWorld:
      return {0, 0};
    case AppKind::Agnhost: {
      for (auto& a : c.args)
        if (a == "netexec" || a == "serve-hostname" || a == "pause" || a == "test-webserver" || a == "porter") return {};
      return {0, 0};  // prints its usage and exits
    }
    default:
      return {};
  }
}

// A container process that does not exit on SIGTERM (it has no handler and runs as PID 1, or
// the image is known to ignore it) lives until the grace period ends and is killed.
bool ignores_sigterm(const ImageInfo* info) {
  return info && (info->ignores_sigterm || info->app == AppKind::Busybox || info->app == AppKind::Shell);
}

}  // namespace

// [SECTION] pure status helpers -------------------------------------------------------------------
std::string qos_class(const api::PodSpec& spec) {
  bool any = false, guaranteed = !spec.containers.empty();
  for (auto& c : spec.containers) {
    if (!c.requests.empty() || !c.limits.empty()) any = true;
    if (!c.limits.cpu_milli || !c.limits.memory_bytes) { guaranteed = false; continue; }
    int64_t rc = c.requests.cpu_milli.value_or(*c.limits.cpu_milli);
    int64_t rm = c.requests.memory_bytes.value_or(*c.limits.memory_bytes);
    if (rc != *c.limits.cpu_milli || rm != *c.limits.memory_bytes) guaranteed = false;
  }
  if (!any) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

void refresh_pod_status(api::Pod& pod, int64_t now) {
  // getPhase
  int waiting = 0, running = 0, stopped = 0, succeeded = 0, failed = 0;
  for (auto& cs : pod.status.container_statuses) {
    if (cs.state.running) {
      ++running;
    } else if (cs.state.terminated) {
      ++stopped;
      (cs.state.terminated->exit_code == 0 ? succeeded : failed)++;
    } else if (cs.last_state.terminated) {
      ++stopped;
      (cs.last_state.terminated->exit_code == 0 ? succeeded : failed)++;
    } else {
      ++waiting;
    }
  }
  const std::string& rp = pod.spec.restart_policy;
  const Words& w = words();
  if (waiting > 0) {
    pod.status.phase = w.pending;
  } else if (running > 0) {
    pod.status.phase = w.running;
  } else if (stopped > 0) {
    if (rp == "Always") pod.status.phase = w.running;
    else if (rp == "OnFailure" && failed > 0) pod.status.phase = w.running;
    else pod.status.phase = failed > 0 ? w.failed : w.succeeded;
  }
  // Ready / ContainersReady. The message lists the unready containers (a scratch text: this runs
  // for every pod status the kubelets write).
  static std::string message;
  constexpr std::string_view kUnready = "containers with unready status: [";
  message.assign(kUnready);
  bool any_unready = false;
  for (size_t i = 0; i < pod.spec.containers.size(); ++i) {
    bool ready = i < pod.status.container_statuses.size() && pod.status.container_statuses[i].ready;
    if (ready) continue;
    if (any_unready) message += ' ';
    message += pod.spec.containers[i].name;
    any_unready = true;
  }
  message += ']';
  const bool terminal = pod.status.phase == w.succeeded || pod.status.phase == w.failed;
  if (!any_unready && !pod.spec.containers.empty()) {
    set_condition(pod, w.containers_ready, w.true_, w.none, w.none, now);
    set_condition(pod, w.ready, w.true_, w.none, w.none, now);
  } else {
    static LastInterned last_msg;
    const api::IStr reason = terminal ? w.pod_completed : w.containers_not_ready;
    const api::IStr msg = terminal ? api::IStr() : last_msg(message);
    set_condition(pod, w.containers_ready, w.false_, reason, msg, now);
    set_condition(pod, w.ready, w.false_, reason, msg, now);
  }
  order_conditions(pod);
}

// [SECTION] small machinery --------------------------------------------------------------------------
uint32_t Kubelets::arm(const store::Key& key, PodRt& rt, sim::TimerKind kind, size_t idx, int64_t delay_ms, Cluster& cluster) {
  uint32_t token = rt.next_token++;
  if (idx == kPodLevel) rt.pod_token = token;
  else rt.containers[idx].token = token;
  const int64_t slot = rt.slot < (1u << 23) ? static_cast<int64_t>(rt.slot) : 0;  // see on_timer
  cluster.schedule_hashed(kind, key, rt.uid_hash, std::max<int64_t>(0, delay_ms),
                          (slot << 40) | (static_cast<int64_t>(token) << 8) | static_cast<int64_t>(idx));
  return token;
}

api::IStr Kubelets::container_field_path(const api::Pod& pod, int container) {
  if (container < 0 || static_cast<size_t>(container) >= pod.spec.containers.size()) return {};
  return container_messages(pod.spec.containers[container].name).field_path;
}

const Kubelets::ContainerMessages& Kubelets::container_messages(const std::string& name) {
  ContainerMessages& m = container_messages_;
  if (m.name != name || m.created.empty()) {
    m.name = name;
    m.created = "Created container: " + name;
    m.started = "Started container " + name;
    m.stopping = "Stopping container " + name;
    m.field_path = "spec.containers{" + name + "}";
  }
  return m;
}

void Kubelets::event(Cluster& cluster, const api::Pod& pod, api::IStr type, api::IStr reason, std::string message,
                     int container) {
  cluster.store.record_event(store::Store::PodSubject(pod, container_field_path(pod, container)).get(), type, reason,
                             std::move(message), words().kubelet, pod.spec.node_name);
}

void Kubelets::event_interned(Cluster& cluster, const api::Pod& pod, api::IStr type, api::IStr reason, api::IStr message,
                              int container) {
  cluster.store.record_event_interned(store::Store::PodSubject(pod, container_field_path(pod, container)).get(), type,
                                      reason, message, words().kubelet, pod.spec.node_name);
}

void Kubelets::write_now(Cluster& cluster, const store::Key& key, store::FunctionRef<void(api::Pod&)> fn) {
  store::Store::WriterScope as_kubelet(cluster.store, store::Writer::Kubelet);
  if (hint_.key == &key) cluster.store.update_pod(key, hint_.hash, fn);
  else cluster.store.update_pod(key, fn);
}

const api::Pod* Kubelets::pod_of(const store::Key& key, const PodRt& rt, const Cluster& cluster) const {
  return rt.key_hash ? cluster.store.pods().get(key, rt.key_hash) : cluster.store.pods().get(key);
}

Kubelets::Batch::~Batch() {
  if (--k.batch_depth_ > 0 || k.batch_.empty()) return;
  auto fns = std::move(k.batch_);
  k.batch_.clear();
  k.write_now(c, key, [&](api::Pod& p) {
    for (auto& f : fns) f(p);
  });
}

void Kubelets::set_waiting(Cluster& cluster, const store::Key& key, size_t i, const std::string& reason, const std::string& message) {
  const int64_t now = cluster.now();
  edit(cluster, key, [i, reason, message, now](api::Pod& p) {
    if (i >= p.status.container_statuses.size()) return;
    auto& cs = p.status.container_statuses[i];
    if (cs.state.terminated) cs.last_state.terminated = cs.state.terminated;
    cs.state = api::ContainerState{};
    cs.state.waiting = api::ContainerStateWaiting{reason, message};
    cs.ready = false;
    cs.started = false;
    refresh_pod_status(p, now);
    if (p.timeline.ready_ms && (!condition(p, "Ready") || condition(p, "Ready")->status != "True")) p.timeline.ready_ms = 0;
  });
}

void Kubelets::promote_pulls(int64_t now) {
  while (!pull_completions_.empty() && pull_completions_.front().at <= now) {
    std::pop_heap(pull_completions_.begin(), pull_completions_.end(), std::greater<>());
    const api::IStr node = pull_completions_.back().node, image = pull_completions_.back().image;
    pull_completions_.pop_back();
    NodeRt& n = nodes_[&node.str()];
    n.add(image);
    for (auto it = n.pulling.begin(); it != n.pulling.end(); ++it) {
      if (it->first != image) continue;
      if (it->second <= now) n.pulling.erase(it);
      break;
    }
  }
}

bool Kubelets::has_image(const std::string& node, const std::string& image) const {
  auto it = nodes_.find(&api::IStr(node).str());
  if (it == nodes_.end()) return false;
  return it->second.has(api::IStr(Registry::cache_key(image)));
}

std::vector<std::string> Kubelets::images_on(const std::string& node) const {
  auto it = nodes_.find(&api::IStr(node).str());
  if (it == nodes_.end()) return {};
  std::vector<std::string> out(it->second.images.begin(), it->second.images.end());
  std::sort(out.begin(), out.end());
  return out;
}

const Kubelets::ImageFacts& Kubelets::image_facts(const std::string& image, Cluster& cluster) {
  ImageFacts& f = image_facts_;
  if (f.registry != &cluster.registry || f.image != image) {
    f.registry = &cluster.registry;
    f.image = image;
    f.info = cluster.registry.resolve(image);
    f.cache_key = Registry::cache_key(image);
    f.status_image = Registry::status_image(image);
    f.image_id = f.info ? Registry::docker_image_id(image, *f.info) : std::string();
    f.present_message = "Container image " + quote(image) + " already present on machine";
  }
  return f;
}

// [SECTION] pod slots -----------------------------------------------------------------------------
void Kubelets::ensure_slots() {
  if (!slots_.stale) return;
  slots_.stale = false;
  slots_.at.clear();
  slots_.free = {};
  for (auto& [k, rt] : pods_) {
    if (rt.slot == 0) continue;
    if (slots_.at.size() < rt.slot) slots_.at.resize(rt.slot, nullptr);
    slots_.at[rt.slot - 1] = &rt;
  }
  for (size_t i = 0; i < slots_.at.size(); ++i)
    if (!slots_.at[i]) slots_.free.push(static_cast<uint32_t>(i + 1));
}

void Kubelets::take_slot(PodRt& rt) {
  ensure_slots();
  if (!slots_.free.empty()) {
    rt.slot = slots_.free.top();
    slots_.free.pop();
  } else {
    slots_.at.push_back(nullptr);
    rt.slot = static_cast<uint32_t>(slots_.at.size());
  }
  slots_.at[rt.slot - 1] = &rt;
}

void Kubelets::drop_slot(const PodRt& rt) {
  ensure_slots();
  if (rt.slot == 0 || rt.slot > slots_.at.size()) return;
  slots_.at[rt.slot - 1] = nullptr;
  slots_.free.push(rt.slot);
}

void Kubelets::prefetch(const sim::Timer& t, int stage) const {
  // The runtime record, found by the slot the timer carries (no hashing). The pod itself is left
  // alone: finding it means hashing its name, which cost about what the fetch saved.
  const uint32_t slot = static_cast<uint32_t>(static_cast<uint64_t>(t.arg) >> 40);  // see on_timer
  if (slots_.stale || slot == 0 || slot > slots_.at.size()) return;
  if (stage == 0) store::prefetch_line(&slots_.at[slot - 1]);
  else if (slots_.at[slot - 1]) store::prefetch_line(slots_.at[slot - 1]);
}

Kubelets::PodRt* Kubelets::by_slot(uint32_t slot) {
  ensure_slots();
  return slot == 0 || slot > slots_.at.size() ? nullptr : slots_.at[slot - 1];
}

store::KeyMap<Kubelets::PodRt>::iterator Kubelets::emplace_pod(const store::Key& key, PodRt&& rt) {
  rt.key_hash = store::hash_key_parts(key.namespace_, key.name);
  auto it = pods_.emplace(key, std::move(rt)).first;
  take_slot(it->second);
  return it;
}

void Kubelets::erase_pod(store::KeyMap<PodRt>::iterator it) {
  drop_slot(it->second);
  pods_.erase(it);
}

// [SECTION] watch ----------------------------------------------------------------------------------
Kubelets::NodeRt& Kubelets::node_rt(api::IStr node, Cluster& cluster) {
  NodeRt& n = nodes_[&node.str()];
  if (n.seen_gen != node_gen_) {
    n.seen_gen = node_gen_;
    n.exists = cluster.store.nodes().get("", node) != nullptr;
    n.host_ip = network::Network::node_ip(cluster, node);
  }
  return n;
}

void Kubelets::on_change(const store::Change& c, Cluster&) {
  if (c.kind == store::Kind::Node) ++node_gen_;
  // The kubelets' own status writes and removals need no second look: handle() reacts to what
  // others write (a binding, a deletion, a new pod of the same name).
  if (c.kind == store::Kind::Pod && c.writer != store::Writer::Kubelet) dirty_.insert(c.key);
}

bool Kubelets::process(Cluster& cluster) {
  promote_pulls(cluster.now());
  if (dirty_.empty()) return false;
  const auto keys = dirty_.take_sorted();
  const store::Key* k = keys.begin();
  const size_t n = keys.size();
  // The pods are scattered over the heap: fetch the next ones' records while handling this one.
  store::for_each_fetching_ahead(
      n, [&](size_t i) { handle(k[i], cluster); },
      [&](size_t j, int stage) {
        if (stage == 0) {
          cluster.store.pods().prefetch_slot(k[j]);
          pods_.prefetch_slot(k[j]);
        } else {
          cluster.store.pods().prefetch_entry(k[j]);
          pods_.prefetch_entry(k[j]);
        }
      });
  return true;
}

void Kubelets::remove_pod(const store::Key& key, Cluster& cluster, uint64_t key_hash) {
  auto it = key_hash ? pods_.find(key, key_hash) : pods_.find(key);
  if (it != pods_.end()) {
    if (!it->second.ip.empty()) cluster.network.release_pod_ip(it->second.node, it->second.ip);
    erase_pod(it);
  }
  store::Store::WriterScope as_kubelet(cluster.store, store::Writer::Kubelet);
  if (key_hash) cluster.store.remove_pod(key, key_hash);  // NotFound when it is gone already: nothing to do
  else if (cluster.store.pods().get(key)) cluster.store.remove(store::Kind::Pod, key);
}

void Kubelets::adopt(const api::Pod& pod, PodRt& rt, Cluster& cluster) {
  // A pod that is already running when we first see it (the bootstrap's kube-system pods).
  rt.synced = true;
  rt.ip = pod.status.pod_ip;
  NodeRt& n = nodes_[&rt.node.str()];
  for (size_t i = 0; i < rt.containers.size(); ++i) {
    auto& c = rt.containers[i];
    const api::ContainerStatus* cs = i < pod.status.container_statuses.size() ? &pod.status.container_statuses[i] : nullptr;
    c.state = CState::Running;
    c.ever_started = true;
    if (cs) {
      c.restarts = cs->restart_count;
      if (cs->state.running) c.started_ms = cs->state.running->started_ms;
    }
    const ImageFacts& f = image_facts(pod.spec.containers[i].image, cluster);
    c.info = f.info;
    c.cache_key = f.cache_key;
    if (!c.cache_key.empty()) n.add(c.cache_key);
  }
}

void Kubelets::handle(const store::Key& key, Cluster& cluster) {
  const api::Pod* pod = cluster.store.pods().get(key);
  auto it = pods_.find(key);
  if (it != pods_.end() && (!pod || sim::uid_hash(pod->metadata.uid) != it->second.uid_hash)) {
    // The pod we were running is gone (or replaced by a new one with the same name).
    if (!it->second.ip.empty()) cluster.network.release_pod_ip(it->second.node, it->second.ip);
    erase_pod(it);
    it = pods_.end();
  }
  if (!pod) return;
  if (pod->spec.node_name.empty()) {
    // Not scheduled: the API server deletes such pods at once (no kubelet to wait for).
    if (pod->metadata.deletion_ms) cluster.store.remove(store::Kind::Pod, key);
    return;
  }
  if (it == pods_.end() && !node_rt(pod->spec.node_name, cluster).exists) {
    // Bound to a node that does not exist: no kubelet will ever run it (pod GC removes it when
    // it is deleted).
    if (pod->metadata.deletion_ms) cluster.store.remove(store::Kind::Pod, key);
    return;
  }
  if (pod->status.phase == "Succeeded" || pod->status.phase == "Failed") {
    if (pod->metadata.deletion_ms && (it == pods_.end() || !it->second.terminating)) {
      if (it == pods_.end()) {
        PodRt rt;
        rt.uid_hash = sim::uid_hash(pod->metadata.uid);
        rt.node = pod->spec.node_name;
        it = emplace_pod(key, std::move(rt));
      }
      begin_termination(key, *pod, it->second, cluster);
    }
    return;
  }
  if (it == pods_.end()) {
    PodRt rt;
    rt.uid_hash = sim::uid_hash(pod->metadata.uid);
    rt.node = pod->spec.node_name;
    rt.containers.resize(pod->spec.containers.size());
    it = emplace_pod(key, std::move(rt));
    bool all_running = !pod->spec.containers.empty() && pod->status.container_statuses.size() == pod->spec.containers.size();
    for (auto& cs : pod->status.container_statuses) if (!cs.state.running) all_running = false;
    if (pod->status.phase == "Running" && all_running && !pod->status.pod_ip.empty()) {
      adopt(*pod, it->second, cluster);
    } else if (!pod->metadata.deletion_ms) {
      arm(key, it->second, sim::TimerKind::KubeletSyncPod, kPodLevel, timings::draw(cluster.store.rng(), timings::kSyncAfterBind),
          cluster);
    }
  }
  if (pod->metadata.deletion_ms && !it->second.terminating) {
    begin_termination(key, *pod, it->second, cluster);
  } else if (pod->metadata.deletion_ms && pod->metadata.deletion_grace_period_seconds) {
    // `kubectl delete --grace-period=N` on a pod that is already terminating shortens the wait.
    PodRt& rt = it->second;
    const int64_t grace_ms = std::max<int64_t>(0, *pod->metadata.deletion_grace_period_seconds) * 1000;
    if (grace_ms < rt.grace_ms) {
      rt.grace_ms = grace_ms;
      if (grace_ms == 0) {
        remove_pod(key, cluster);
        return;
      }
      const int64_t now = cluster.now();
      const int64_t deadline = *pod->metadata.deletion_ms + timings::draw(cluster.store.rng(), timings::kRemoveAfterExit);
      if (deadline < rt.done_at_ms) {
        rt.done_at_ms = std::max(now, deadline);
        arm(key, rt, sim::TimerKind::TerminationDone, kPodLevel, rt.done_at_ms - now, cluster);
      }
    }
  }
}

// [SECTION] start: sandbox, images, containers ------------------------------------------------------
void Kubelets::sync_pod(const store::Key& key, PodRt& rt, Cluster& cluster) {
  const api::Pod* pod = pod_of(key, rt, cluster);
  if (!pod || rt.terminating || rt.synced) return;
  rt.synced = true;
  const NodeRt& node = node_rt(rt.node, cluster);
  rt.ip = node.exists ? cluster.network.allocate_pod_ip_on_node(cluster, rt.node) : std::string();
  for (size_t i = 0; i < rt.containers.size() && i < pod->spec.containers.size(); ++i) {
    const ImageFacts& f = image_facts(pod->spec.containers[i].image, cluster);
    rt.containers[i].info = f.info;
    rt.containers[i].cache_key = f.cache_key;
  }
  const api::IStr host_ip = node.host_ip;
  const std::string ip = rt.ip;
  const int64_t now = cluster.now();
  Batch batch(*this, cluster, key);  // the sandbox status and the first image steps: one write
  edit(cluster, key, [now, host_ip, ip](api::Pod& p) {
    p.status.start_ms = now;
    p.status.host_ip = host_ip;
    p.status.pod_ip = ip;
    const Words& w = words();
    p.status.phase = w.pending;
    static LastInterned last_qos, last_name, last_image;
    p.status.qos_class = last_qos(qos_class(p.spec));
    set_condition(p, w.ready_to_start, ip.empty() ? w.false_ : w.true_, w.none, w.none, now);
    set_condition(p, w.initialized, w.true_, w.none, w.none, now);
    if (!condition(p, w.scheduled)) set_condition(p, w.scheduled, w.true_, w.none, w.none, now);  // kubelet always reports it
    p.status.container_statuses.clear();
    for (auto& c : p.spec.containers) {
      api::ContainerStatus cs;
      cs.name = last_name(c.name);
      cs.image = last_image(c.image);
      cs.state.waiting = api::ContainerStateWaiting{"ContainerCreating", ""};
      p.status.container_statuses.push_back(std::move(cs));
    }
    refresh_pod_status(p, now);
  });
  for (size_t i = 0; i < rt.containers.size(); ++i) ensure_image(key, rt, i, cluster);
}

void Kubelets::ensure_image(const store::Key& key, PodRt& rt, size_t i, Cluster& cluster) {
  const api::Pod* pod = pod_of(key, rt, cluster);
  if (!pod || rt.terminating || i >= pod->spec.containers.size()) return;
  ContainerRt& c = rt.containers[i];
  const api::Container& spec = pod->spec.containers[i];
  const std::string& image = spec.image;
  const int64_t now = cluster.now();
  auto& rng = cluster.store.rng();
  NodeRt& node = nodes_[&rt.node.str()];

  auto blocked = [&](const std::string& reason, const std::string& msg, const std::string& event_reason) {
    event(cluster, *pod, "Warning", event_reason, msg, static_cast<int>(i));
    event(cluster, *pod, "Warning", "Failed", "Error: " + reason, static_cast<int>(i));
    c.state = CState::Blocked;
    set_waiting(cluster, key, i, reason, msg);
    arm(key, rt, sim::TimerKind::BackoffExpired, i, timings::draw(rng, timings::kErrorResync), cluster);
  };

  if (c.checked_image.empty() || c.checked_image.str() != image) {
    // Pods of one template ask about the same image: parsed once for a run of them.
    ImageCheck& last = last_image_check_;
    if (last.checked.empty() || last.checked.str() != image || last.policy_in != spec.image_pull_policy) {
      last.checked = image;
      last.policy_in = spec.image_pull_policy;
      last.error = Registry::parse_error(image);
      last.policy = default_pull_policy(spec);
    }
    c.image_error = last.error;
    c.pull_policy = last.policy;
    c.checked_image = last.checked;
  }
  const std::string& parse_err = c.image_error;
  if (!parse_err.empty()) {
    blocked("InvalidImageName",
            "Failed to apply default image tag " + quote(image) + ": couldn't parse image name " + quote(image) + ": " + parse_err,
            "InspectFailed");
    return;
  }
  const api::IStr cache_key = c.cache_key;
  const bool present = node.has(cache_key);
  const api::IStr policy = c.pull_policy;
  auto start_container = [&]() {
    c.state = CState::Starting;
    c.pull_done_ms = now;
    arm(key, rt, sim::TimerKind::ContainerStarted, i, timings::draw(rng, timings::kCreateAndStart), cluster);
  };
  if (policy == "Never") {
    if (present) {
      event_interned(cluster, *pod, words().normal, words().pulled, image_facts(image, cluster).present_message, static_cast<int>(i));
      start_container();
    } else {
      blocked("ErrImageNeverPull", "Container image " + quote(image) + " is not present with pull policy of Never", "ErrImageNeverPull");
    }
    return;
  }
  if (policy != "Always" && present) {
    event_interned(cluster, *pod, words().normal, words().pulled, image_facts(image, cluster).present_message, static_cast<int>(i));
    start_container();
    return;
  }
  // Back-off (per pod + image): inside the window no pull is attempted.
  if (c.pull_backoff_updated_ms >= 0 &&
      now - c.pull_backoff_updated_ms <= timings::kBackOffResetFactor * timings::kImagePullBackOffMaxMs &&
      now - c.pull_backoff_updated_ms < c.pull_backoff_ms) {
    event(cluster, *pod, "Normal", "BackOff", "Back-off pulling image " + quote(image), static_cast<int>(i));
    event(cluster, *pod, "Warning", "Failed", "Error: ImagePullBackOff", static_cast<int>(i));
    c.state = CState::PullBackOff;
    set_waiting(cluster, key, i, "ImagePullBackOff",
                "Back-off pulling image " + quote(image) + ": ErrImagePull: " + c.pull_error);
    arm(key, rt, sim::TimerKind::BackoffExpired, i, timings::draw(rng, timings::kErrorResync), cluster);
    return;
  }
  // Pull, through the node's serialized puller.
  event(cluster, *pod, words().normal, words().pulling, "Pulling image " + quote(image), static_cast<int>(i));
  const ImageInfo* info = c.info;
  const int64_t start = std::max(now, node.puller_free_at);
  int64_t duration;
  if (!info) {
    duration = rng.jitter(cluster.registry.failed_pull_time_ms(), timings::kFailedPullJitterPermille);
  } else if (present || node.pull_of(cache_key)) {
    duration = timings::draw(rng, timings::kManifestCheck);  // layers are (or will be) there already
  } else {
    duration = rng.jitter(cluster.registry.pull_time_ms(*info), timings::kPullJitterPermille);
  }
  const int64_t finish = start + duration;
  node.puller_free_at = finish;
  if (info) {
    if (int64_t* when = node.pull_of(cache_key)) *when = std::max(*when, finish);
    else node.pulling.emplace_back(cache_key, finish);
    pull_completions_.push_back(PullCompletion{finish, rt.node, c.cache_key});
    std::push_heap(pull_completions_.begin(), pull_completions_.end(), std::greater<>());
  }
  c.state = CState::Pulling;
  c.pull_enqueued_ms = now;
  c.pull_duration_ms = duration;
  c.pull_will_fail = info == nullptr;
  if (!info) c.pull_error = cluster.registry.pull_error(image);
  c.pull_done_ms = 0;
  edit(cluster, key, [now, finish](api::Pod& p) {
    p.timeline.pull_started_ms = now;
    p.timeline.pull_expected_ms = finish;
    p.timeline.pull_done_ms = 0;
  });
  arm(key, rt, sim::TimerKind::ImagePullDone, i, finish - now, cluster);
}

void Kubelets::pull_done(const store::Key& key, PodRt& rt, size_t i, Cluster& cluster) {
  const api::Pod* pod = pod_of(key, rt, cluster);
  if (!pod) return;
  ContainerRt& c = rt.containers[i];
  const int64_t now = cluster.now();
  const std::string& image = pod->spec.containers[i].image;
  if (c.pull_will_fail) {
    Batch batch(*this, cluster, key);
    event(cluster, *pod, "Warning", "Failed", "Failed to pull image " + quote(image) + ": " + c.pull_error, static_cast<int>(i));
    event(cluster, *pod, "Warning", "Failed", "Error: ErrImagePull", static_cast<int>(i));
    c.pull_backoff_ms = next_backoff(c.pull_backoff_ms, c.pull_backoff_updated_ms, now, timings::kImagePullBackOffInitialMs,
                                     timings::kImagePullBackOffMaxMs);
    c.pull_backoff_updated_ms = now;
    c.state = CState::PullFailed;
    set_waiting(cluster, key, i, "ErrImagePull", c.pull_error);
    const int64_t until = now + c.pull_backoff_ms;
    edit(cluster, key, [until](api::Pod& p) { p.timeline.backoff_until_ms = until; });
    arm(key, rt, sim::TimerKind::BackoffExpired, i, timings::draw(cluster.store.rng(), timings::kPlegResync), cluster);
    return;
  }
  const int64_t size = c.info ? c.info->unpacked_size_bytes : 0;
  event(cluster, *pod, words().normal, words().pulled,
        "Successfully pulled image " + quote(image) + " in " + kubectl::go_duration_ms(c.pull_duration_ms) + " (" +
            kubectl::go_duration_ms(now - c.pull_enqueued_ms) + " including waiting). Image size: " + std::to_string(size) + " bytes.",
        static_cast<int>(i));
  c.state = CState::Starting;
  c.pull_done_ms = now;  // reaches the timeline with the container's start
  arm(key, rt, sim::TimerKind::ContainerStarted, i, timings::draw(cluster.store.rng(), timings::kCreateAndStart), cluster);
}

void Kubelets::container_started(const store::Key& key, PodRt& rt, size_t i, Cluster& cluster) {
  const api::Pod* pod = pod_of(key, rt, cluster);
  if (!pod) return;
  ContainerRt& c = rt.containers[i];
  const int64_t now = cluster.now();
  const api::Container& spec = pod->spec.containers[i];
  const ImageInfo* info = c.info;
  std::string id;
  id.reserve(73);
  id.append("docker://");
  for (int k = 0; k < 64; ++k) id.push_back("0123456789abcdef"[cluster.store.rng().uniform(16)]);  // as Rng::hex(64)
  c.state = CState::Running;
  c.started_ms = now;
  c.ever_started = true;
  const ContainerMessages& messages = container_messages(spec.name);
  event_interned(cluster, *pod, words().normal, words().created, messages.created, static_cast<int>(i));
  event_interned(cluster, *pod, words().normal, words().started, messages.started, static_cast<int>(i));
  const ImageFacts& facts = image_facts(spec.image, cluster);
  const api::IStr status_image = facts.status_image;
  const api::IStr image_id = info ? facts.image_id : api::IStr();
  const int32_t restarts = c.restarts;
  const int64_t pull_done = c.pull_done_ms;
  edit(cluster, key, [=, id = std::move(id)](api::Pod& p) mutable {
    if (i >= p.status.container_statuses.size()) return;
    auto& cs = p.status.container_statuses[i];
    if (cs.state.terminated) {  // the previous run becomes lastState
      cs.last_state = api::ContainerState{};
      cs.last_state.terminated = cs.state.terminated;
    }
    cs.state = api::ContainerState{};
    cs.state.running = api::ContainerStateRunning{now};
    cs.ready = true;  // no readiness probes modelled: ready once running
    cs.started = true;
    cs.restart_count = restarts;
    cs.image = status_image;
    cs.image_id = image_id;
    cs.container_id = std::move(id);  // the edit runs once
    refresh_pod_status(p, now);
    if (pull_done && !p.timeline.pull_done_ms) p.timeline.pull_done_ms = pull_done;
    if (!p.timeline.started_ms) p.timeline.started_ms = now;
    if (auto* r = condition(p, words().ready); r && r->status == words().true_ && !p.timeline.ready_ms) p.timeline.ready_ms = now;
    p.timeline.backoff_until_ms = 0;
  });
  ExitPlan plan = plan_exit(info, spec);
  c.planned_exit_ms = plan.run_ms;
  c.exit_code = plan.code;
  if (plan.run_ms >= 0) {
    int64_t delay = plan.run_ms > 0 ? plan.run_ms : timings::draw(cluster.store.rng(), timings::kImmediateExit);
    arm(key, rt, sim::TimerKind::ContainerExited, i, delay, cluster);
  }
}

void Kubelets::end_main_process(const store::Key& key, const std::string& container, int32_t exit_code, Cluster& cluster) {
  auto it = pods_.find(key);
  const api::Pod* pod = cluster.store.pods().get(key);
  if (it == pods_.end() || !pod || it->second.terminating) return;
  for (size_t i = 0; i < pod->spec.containers.size() && i < it->second.containers.size(); ++i) {
    if (pod->spec.containers[i].name != container || it->second.containers[i].state != CState::Running) continue;
    it->second.containers[i].exit_code = exit_code;
    arm(key, it->second, sim::TimerKind::ContainerExited, i, 0, cluster);
  }
}

void Kubelets::container_exited(const store::Key& key, PodRt& rt, size_t i, Cluster& cluster) {
  const api::Pod* pod = pod_of(key, rt, cluster);
  if (!pod) return;
  ContainerRt& c = rt.containers[i];
  const int64_t now = cluster.now();
  c.finished_ms = now;
  const std::string& policy = pod->spec.restart_policy;
  const bool restart = policy == "Always" || policy.empty() || (policy == "OnFailure" && c.exit_code != 0);
  c.state = restart ? CState::Exited : CState::Dead;
  api::ContainerStateTerminated t;
  t.exit_code = c.exit_code;
  t.reason = c.exit_code == 0 ? "Completed" : "Error";
  t.started_ms = c.started_ms;
  t.finished_ms = now;
  edit(cluster, key, [i, t, now](api::Pod& p) {
    if (i >= p.status.container_statuses.size()) return;
    auto& cs = p.status.container_statuses[i];
    cs.state = api::ContainerState{};
    cs.state.terminated = t;
    cs.ready = false;
    cs.started = false;
    refresh_pod_status(p, now);
    if (auto* r = condition(p, words().ready); !r || r->status != words().true_) p.timeline.ready_ms = 0;
  });
  if (restart) arm(key, rt, sim::TimerKind::BackoffExpired, i, timings::draw(cluster.store.rng(), timings::kPlegResync), cluster);
}

void Kubelets::resync_container(const store::Key& key, PodRt& rt, size_t i, Cluster& cluster) {
  const api::Pod* pod = pod_of(key, rt, cluster);
  if (!pod) return;
  ContainerRt& c = rt.containers[i];
  const int64_t now = cluster.now();
  switch (c.state) {
    case CState::PullFailed:
    case CState::PullBackOff:
    case CState::Blocked:
      ensure_image(key, rt, i, cluster);
      return;
    case CState::Exited:
    case CState::CrashBackOff: {
      const std::string& name = pod->spec.containers[i].name;
      // doBackOff: in back-off while now − finishedAt < window (entry not expired).
      const bool have = c.crash_backoff_updated_ms >= 0 &&
                        c.finished_ms - c.crash_backoff_updated_ms <= timings::kBackOffResetFactor * timings::kCrashLoopBackOffMaxMs;
      if (have && now - c.finished_ms < c.crash_backoff_ms) {
        Batch batch(*this, cluster, key);
        event(cluster, *pod, "Warning", "BackOff", "Back-off restarting failed container " + name + " in pod " + pod_format(*pod),
              static_cast<int>(i));
        c.state = CState::CrashBackOff;
        set_waiting(cluster, key, i, "CrashLoopBackOff",
                    "back-off " + kubectl::go_duration_ms(c.crash_backoff_ms) + " restarting failed container=" + name +
                        " pod=" + pod_format(*pod));
        const int64_t until = c.finished_ms + c.crash_backoff_ms;
        edit(cluster, key, [until](api::Pod& p) { p.timeline.backoff_until_ms = until; });
        arm(key, rt, sim::TimerKind::BackoffExpired, i, timings::draw(cluster.store.rng(), timings::kErrorResync), cluster);
        return;
      }
      c.crash_backoff_ms = next_backoff(c.crash_backoff_ms, c.crash_backoff_updated_ms, c.finished_ms,
                                        timings::kCrashLoopBackOffInitialMs, timings::kCrashLoopBackOffMaxMs);
      c.crash_backoff_updated_ms = now;
      c.restarts += 1;
      ensure_image(key, rt, i, cluster);
      return;
    }
    default:
      return;
  }
}

// [SECTION] termination ------------------------------------------------------------------------------
void Kubelets::begin_termination(const store::Key& key, const api::Pod& pod, PodRt& rt, Cluster& cluster) {
  rt.terminating = true;
  for (auto& c : rt.containers) c.token = 0;  // every pending lifecycle timer is now stale
  auto& rng = cluster.store.rng();
  const int64_t grace_ms = 1000 * std::max<int64_t>(0, pod.metadata.deletion_grace_period_seconds.value_or(
                                                           pod.spec.termination_grace_period_seconds));
  const int64_t now = cluster.now();
  if (grace_ms == 0) {
    remove_pod(key, cluster);
    return;
  }
  int64_t delay = -1;
  for (size_t i = 0; i < rt.containers.size() && i < pod.spec.containers.size(); ++i) {
    if (rt.containers[i].state != CState::Running) continue;
    event_interned(cluster, pod, "Normal", "Killing", container_messages(pod.spec.containers[i].name).stopping, static_cast<int>(i));
    int64_t d = ignores_sigterm(rt.containers[i].info) ? grace_ms : std::min(grace_ms, timings::draw(rng, timings::kSigtermExit));
    delay = std::max(delay, d);
  }
  if (delay < 0) delay = std::min(grace_ms, timings::draw(rng, timings::kNeverStartedTeardown));
  delay += timings::draw(rng, timings::kRemoveAfterExit);
  if (!pod.timeline.terminating_ms) {
    if (batch_depth_ > 0) {
      edit(cluster, key, [now](api::Pod& p) { p.timeline.terminating_ms = now; });
    } else {
      store::Store::WriterScope bookkeeping(cluster.store, store::Writer::Bookkeeping);  // only the timeline changes
      cluster.store.update_pod(key, [now](api::Pod& p) { p.timeline.terminating_ms = now; });
    }
  }
  rt.grace_ms = grace_ms;
  rt.done_at_ms = now + delay;
  arm(key, rt, sim::TimerKind::TerminationDone, kPodLevel, delay, cluster);
}

// The end of a graceful deletion, as the API server sees it: the kubelet writes the containers'
// final states (a container still running when the grace period ends is killed: 137) with the
// pod's terminal phase (v1.27+ kubelets give a pod that will not restart one), then deletes the
// pod with grace period 0, which the API server writes as an update (deletionGracePeriodSeconds
// 0, the deletionTimestamp moved back by the old grace period) before removing it. A watch sees
// the three as `0/1 Terminating` rows.
void Kubelets::finish_termination(const store::Key& key, PodRt& rt, Cluster& cluster) {
  const uint64_t key_hash = rt.key_hash;
  if (const api::Pod* pod = pod_of(key, rt, cluster)) {
    const int64_t now = cluster.now();
    std::vector<int32_t> exit_codes(rt.containers.size(), 0);
    for (size_t i = 0; i < rt.containers.size(); ++i) exit_codes[i] = ignores_sigterm(rt.containers[i].info) ? 137 : 0;
    store::Store::WriterScope as_kubelet(cluster.store, store::Writer::Kubelet);
    auto update = [&](store::FunctionRef<void(api::Pod&)> fn) {
      if (key_hash) cluster.store.update_pod(key, key_hash, fn);
      else cluster.store.update_pod(key, fn);
    };
    if (!pod->status.container_statuses.empty()) {
      update([&](api::Pod& p) {
        bool failed = false;
        for (size_t i = 0; i < p.status.container_statuses.size(); ++i) {
          auto& cs = p.status.container_statuses[i];
          if (cs.state.running) {
            api::ContainerStateTerminated t;
            t.exit_code = i < exit_codes.size() ? exit_codes[i] : 0;
            t.reason = t.exit_code == 0 ? "Completed" : "Error";
            t.started_ms = cs.state.running->started_ms;
            t.finished_ms = now;
            cs.state = api::ContainerState{};
            cs.state.terminated = t;
          }
          cs.ready = false;
          cs.started = false;
          if (cs.state.terminated && cs.state.terminated->exit_code != 0) failed = true;
        }
        refresh_pod_status(p, now);
        bool all_done = true;
        for (auto& cs : p.status.container_statuses) all_done = all_done && static_cast<bool>(cs.state.terminated);
        if (all_done) p.status.phase = failed ? words().failed : words().succeeded;
        p.timeline.ready_ms = 0;
      });
    }
    if (const api::Pod* now_pod = pod_of(key, rt, cluster);
        now_pod && now_pod->metadata.deletion_ms && now_pod->metadata.deletion_grace_period_seconds.value_or(0) > 0) {
      const int64_t back = *now_pod->metadata.deletion_grace_period_seconds * 1000;
      update([back](api::Pod& p) {
        *p.metadata.deletion_ms -= back;
        p.metadata.deletion_grace_period_seconds = 0;
      });
    }
  }
  remove_pod(key, cluster, key_hash);
}

// [SECTION] timers ---------------------------------------------------------------------------------
void Kubelets::on_timer(sim::Timer& t, Cluster& cluster) {
  promote_pulls(cluster.now());
  if (t.kind == sim::TimerKind::NodeHeartbeat) return;
  // arg: container index (bits 0-7), token (8-39), the pod's slot (40-62; 0 = find it by name).
  const uint32_t slot = static_cast<uint32_t>(static_cast<uint64_t>(t.arg) >> 40);
  PodRt* found = nullptr;
  if (slot != 0) {
    found = by_slot(slot);
  } else if (auto it = pods_.find(t.namespace_, t.name); it != pods_.end()) {
    found = &it->second;
  }
  if (!found || found->uid_hash != t.uid_hash) return;
  // The key, in a scratch Key (timers do not nest) that trades strings with the fired timer: no
  // copy, and both keep their capacity.
  timer_key_.namespace_.swap(t.namespace_);
  timer_key_.name.swap(t.name);
  const store::Key& key = timer_key_;
  PodRt& rt = *found;
  // Writes about this key use its hash (see write_now, Batch) until the timer is handled.
  struct HintScope {
    KeyHint& h;
    ~HintScope() { h = KeyHint{}; }
  } hint_scope{hint_};
  if (rt.key_hash) hint_ = KeyHint{&key, rt.key_hash};
  const uint32_t token = static_cast<uint32_t>(t.arg >> 8);
  const size_t idx = static_cast<size_t>(t.arg & 255);
  if (idx == kPodLevel) {
    if (token != rt.pod_token) return;
    if (t.kind == sim::TimerKind::KubeletSyncPod) sync_pod(key, rt, cluster);
    else if (t.kind == sim::TimerKind::TerminationDone && rt.terminating) finish_termination(key, rt, cluster);
    return;
  }
  if (idx >= rt.containers.size() || rt.containers[idx].token != token || token == 0 || rt.terminating) return;
  rt.containers[idx].token = 0;
  switch (t.kind) {
    case sim::TimerKind::ImagePullDone: pull_done(key, rt, idx, cluster); break;
    case sim::TimerKind::ContainerStarted: container_started(key, rt, idx, cluster); break;
    case sim::TimerKind::ContainerExited: container_exited(key, rt, idx, cluster); break;
    case sim::TimerKind::BackoffExpired: resync_container(key, rt, idx, cluster); break;
    default: break;
  }
}

}  // namespace kubesim::kubelet
