// The store's tables: list order ((namespace, name), as kubectl lists) stays right however
// creates, removals and reads interleave; copies list the same; tables and timers keep their
// contracts at sizes where their bookkeeping switches strategy.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/timers.h"
#include "store/store.h"

using namespace kubesim;

namespace {

api::Pod pod(const std::string& ns, const std::string& name) {
  api::Pod p;
  p.metadata.namespace_ = ns;
  p.metadata.name = name;
  return p;
}

std::vector<store::Key> listed(const store::Table<api::Pod>& t) {
  std::vector<store::Key> out;
  for (auto& [k, p] : t) {
    CHECK(p.metadata.name == k.name);
    out.push_back(k);
  }
  return out;
}

}  // namespace

TEST_CASE("the pod table lists in namespace and name order through creates removals and reads") {
  store::Store s(1, 0);
  std::set<store::Key> want;
  uint64_t x = 12345;
  auto next = [&x] { x = x * 6364136223846793005ULL + 1442695040888963407ULL; return x >> 33; };
  const char* namespaces[] = {"default", "kube-system", "a"};
  for (int round = 0; round < 40; ++round) {
    // Rounds of a few changes (patched order) and rounds of many (fresh sort), a read after most.
    const int changes = round % 5 == 0 ? 3000 : static_cast<int>(next() % 40);
    for (int i = 0; i < changes; ++i) {
      const store::Key k{namespaces[next() % 3], "p-" + std::to_string(next() % 2000)};
      if (want.count(k)) {
        REQUIRE(s.remove(store::Kind::Pod, k).ok);
        want.erase(k);
      } else {
        REQUIRE(s.create(pod(k.namespace_, k.name)).ok);
        want.insert(k);
      }
    }
    if (round % 7 == 3) continue;  // sometimes no read between rounds
    const std::vector<store::Key> expect(want.begin(), want.end());
    REQUIRE(listed(s.pods()) == expect);
    std::vector<store::Key> in_ns;
    for (auto& [k, p] : s.pods().in_namespace("default")) in_ns.push_back(k);
    std::vector<store::Key> expect_ns;
    for (auto& k : want) if (k.namespace_ == "default") expect_ns.push_back(k);
    CHECK(in_ns == expect_ns);
    CHECK(s.pods().size() == want.size());
  }
  // A copy (snapshot) lists the same, and writes to the original leave it alone.
  store::Store copy = s;
  const std::vector<store::Key> before = listed(copy.pods());
  CHECK(before == listed(s.pods()));
  REQUIRE(!want.empty());
  REQUIRE(s.remove(store::Kind::Pod, *want.begin()).ok);
  CHECK(listed(copy.pods()) == before);
  CHECK(listed(s.pods()).size() + 1 == before.size());
}

TEST_CASE("a removed pod's slot reused by a new pod before the next read lists once and right") {
  store::Store s(1, 0);
  for (int i = 0; i < 10; ++i) REQUIRE(s.create(pod("default", "p" + std::to_string(i))).ok);
  REQUIRE(listed(s.pods()).size() == 10);
  for (int i = 0; i < 10; ++i) {
    REQUIRE(s.remove(store::Kind::Pod, store::Key{"default", "p" + std::to_string(i)}).ok);
    REQUIRE(s.create(pod("default", "q" + std::to_string(i))).ok);
  }
  REQUIRE(s.create(pod("default", "p5")).ok);
  std::vector<std::string> names;
  for (auto& [k, p] : s.pods()) names.push_back(k.name);
  CHECK(names == std::vector<std::string>{"p5", "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"});
}

TEST_CASE("timers fire in time then scheduling order across slot reuse") {
  sim::TimerQueue q;
  std::vector<std::pair<int64_t, std::string>> fired;
  auto add = [&](int64_t at, const std::string& name) {
    sim::Timer t;
    t.at_ms = at;
    t.name = name;
    q.schedule(t);
  };
  add(30, "c");
  add(10, "a1");
  add(20, "b");
  add(10, "a2");
  fired.emplace_back(q.next_at(), q.pop().name);  // a1: frees a slot the next timer reuses
  add(10, "a3");
  add(5, "first");
  while (!q.empty()) {
    const int64_t at = q.next_at();
    fired.emplace_back(at, q.pop().name);
  }
  const std::vector<std::pair<int64_t, std::string>> want{{10, "a1"}, {5, "first"}, {10, "a2"}, {10, "a3"}, {20, "b"}, {30, "c"}};
  CHECK(fired == want);
}

TEST_CASE("timers fire like a (time and sequence) ordered list: calendar buckets far timers past timers and copies") {
  // Reference: every queued timer by (at, seq); the queue must fire exactly in that order while
  // timers land in the millisecond buckets, beyond them (far), and before the last one fired.
  sim::TimerQueue q;
  std::map<std::pair<int64_t, uint64_t>, uint64_t> want;  // (at, seq) -> id
  uint64_t x = 12345, seq = 0, id = 0;
  auto rnd = [&x](uint64_t n) { x = x * 6364136223846793005ULL + 1442695040888963407ULL; return (x >> 33) % n; };
  int64_t now = 0;
  auto add = [&](int64_t at) {
    sim::Timer t;
    t.at_ms = at;
    t.arg = static_cast<int64_t>(id);
    q.schedule(t);
    want[{at, seq++}] = id++;
  };
  size_t fired = 0;
  for (int step = 0; step < 20000; ++step) {
    const uint64_t r = rnd(100);
    if (r < 55) {
      const uint64_t kind = rnd(10);
      const int64_t delay = kind < 6 ? static_cast<int64_t>(rnd(3000))          // inside the calendar
                          : kind < 8 ? static_cast<int64_t>(rnd(20)) * 1000     // whole seconds, some far
                          : kind < 9 ? 8192 + static_cast<int64_t>(rnd(400000))  // far
                                     : -static_cast<int64_t>(rnd(50));           // in the past
      add(now + delay);
    } else if (!want.empty()) {
      REQUIRE(q.size() == want.size());
      REQUIRE(q.next_at() == want.begin()->first.first);
      const sim::Timer t = q.pop();
      CHECK(t.at_ms == want.begin()->first.first);
      CHECK(static_cast<uint64_t>(t.arg) == want.begin()->second);
      now = std::max(now, t.at_ms);
      want.erase(want.begin());
      ++fired;
    }
    if (step == 10000) {  // a copy (snapshot) carries on identically
      sim::TimerQueue copy = q;
      q = copy;
    }
  }
  while (!want.empty()) {
    REQUIRE(q.next_at() == want.begin()->first.first);
    const sim::Timer t = q.pop();
    CHECK(static_cast<uint64_t>(t.arg) == want.begin()->second);
    want.erase(want.begin());
    ++fired;
  }
  CHECK(q.empty());
  CHECK(fired > 9000);
}

TEST_CASE("KeyMap agrees with std::map through inserts erases lookups copies and erasing while iterating") {
  store::KeyMap<int> m;
  std::map<store::Key, int> want;
  uint64_t x = 777;
  auto next = [&x] { x = x * 6364136223846793005ULL + 1442695040888963407ULL; return x >> 33; };
  auto key = [](uint64_t n) {
    // Short names stay inline in the packed key; every 7th is long enough to go to the heap.
    std::string name = "pod-" + std::to_string(n);
    if (n % 7 == 0) name += std::string(60, 'x');
    return store::Key{n % 3 == 0 ? "kube-system" : "default", name};
  };
  auto same = [&](const store::KeyMap<int>& a) {
    REQUIRE(a.size() == want.size());
    std::map<store::Key, int> got;
    for (auto& [pk, v] : a) got.emplace(pk.key(), v);
    CHECK(got == want);
    for (auto& [k, v] : want) {
      auto it = a.find(k.namespace_, k.name);
      REQUIRE(it != a.end());
      CHECK(it->second == v);
    }
  };
  for (int round = 0; round < 30; ++round) {
    for (int i = 0; i < 400; ++i) {
      const store::Key k = key(next() % 3000);
      const int v = static_cast<int>(next() % 1000);
      if (next() % 3 == 0) {
        CHECK(m.erase(k) == want.erase(k));
      } else {
        auto [it, inserted] = m.emplace(k, v);
        auto [wit, winserted] = want.emplace(k, v);
        CHECK(inserted == winserted);
        CHECK(it->second == wit->second);
        m[k] += 1;
        want[k] += 1;
      }
      CHECK(m.contains(k) == (want.count(k) == 1));
    }
    same(m);
    if (round % 5 == 4) {
      store::KeyMap<int> copy = m;  // a snapshot: equal, and independent of the original
      same(copy);
      copy[key(999999)] = 1;
      CHECK_FALSE(m.contains(key(999999)));
      store::KeyMap<int> moved = std::move(copy);
      CHECK(moved.size() == want.size() + 1);
    }
    // Erase every odd value while iterating; the iteration still visits every entry once.
    size_t visited = 0;
    const size_t before = m.size();
    for (auto it = m.begin(); it != m.end();) {
      ++visited;
      if (it->second % 2 != 0) {
        want.erase(it->first.key());
        it = m.erase(it);
      } else {
        ++it;
      }
    }
    CHECK(visited == before);
    same(m);
  }
  // References stay valid while other keys come and go (the index is rebuilt many times).
  m.clear();
  want.clear();
  int& anchor = m[key(1)];
  anchor = 41;
  for (uint64_t n = 2; n < 20000; ++n) {
    m[key(n)] = 1;
    if (n % 2 == 0) m.erase(key(n - 1 == 1 ? 3 : n - 1));
  }
  CHECK(&m[key(1)] == &anchor);
  CHECK(anchor == 41);
}

TEST_CASE("the chunked queue keeps order and addresses across chunk boundaries and copies") {
  store::ChunkedQueue<std::string, 4> q;
  std::deque<std::string> ref;
  std::vector<const std::string*> addr;
  int next = 0;
  for (int round = 0; round < 50; ++round) {
    for (int k = 0; k < (round % 7) + 1; ++k) {
      std::string v = "event-" + std::to_string(next++) + std::string(20, 'x');  // heap-allocated text
      q.emplace_back(v);
      ref.push_back(v);
      addr.push_back(&q[q.size() - 1]);
    }
    for (int k = 0; k < (round % 5) && !ref.empty(); ++k) {
      CHECK(&q.front() == addr.front());  // never moved
      q.pop_front();
      ref.pop_front();
      addr.erase(addr.begin());
    }
    REQUIRE(q.size() == ref.size());
    for (size_t i = 0; i < ref.size(); ++i) CHECK(q[i] == ref[i]);
  }
  store::ChunkedQueue<std::string, 4> copy(q);
  std::vector<std::string> seen(copy.begin(), copy.end());
  CHECK(seen == std::vector<std::string>(ref.begin(), ref.end()));
  while (!q.empty()) q.pop_front();
  CHECK(q.size() == 0);
  q.emplace_back("again");
  CHECK(q[0] == "again");
  CHECK(copy.size() == ref.size());
}

namespace {

api::Pod owned_pod(const std::string& name, const std::string& owner_uid, const std::string& node) {
  api::Pod p = pod("default", name);
  api::OwnerReference o;
  o.kind = "ReplicaSet";
  o.name = "rs-" + owner_uid;
  o.uid = owner_uid;
  o.controller = true;
  p.metadata.owner_references = std::vector<api::OwnerReference>{o};
  p.spec.node_name = node;
  return p;
}

// What the indexes must say: the pods of every owner and node, from the table itself.
void check_indexes(const store::Store& s) {
  std::map<std::string, std::vector<store::Key>> by_owner, by_node;
  for (auto& [k, p] : s.pods()) {
    if (auto* o = p.metadata.controller_ref()) by_owner[o->uid].push_back(k);
    if (!p.spec.node_name.empty()) by_node[p.spec.node_name].push_back(k);
  }
  for (const char* owner : {"u1", "u2", "u3"}) {
    const std::vector<store::Key> got(s.pods_owned_by(owner).begin(), s.pods_owned_by(owner).end());
    CHECK(got == by_owner[owner]);
    CHECK(s.pods_owned_by(owner).size() == by_owner[owner].size());
  }
  for (const char* node : {"n1", "n2", "n3"}) {
    const std::vector<store::Key> got(s.pods_on_node(node).begin(), s.pods_on_node(node).end());
    CHECK(got == by_node[node]);
  }
}

}  // namespace

TEST_CASE("pod indexes by owner and node stay right through writes copies and a copy assigned back") {
  store::Store s(1, 0);
  uint64_t x = 777;
  auto next = [&x] { x = x * 6364136223846793005ULL + 1442695040888963407ULL; return x >> 33; };
  const char* owners[] = {"u1", "u2", "u3"};
  const char* nodes[] = {"", "n1", "n2", "n3"};
  auto churn = [&](store::Store& st, int n) {
    for (int i = 0; i < n; ++i) {
      const std::string name = "p-" + std::to_string(next() % 300);
      const store::Key k{"default", name};
      const uint64_t what = next() % 4;
      if (!st.pods().get(k)) {
        REQUIRE(st.create(owned_pod(name, owners[next() % 3], nodes[next() % 4])).ok);
      } else if (what == 0) {
        REQUIRE(st.remove(store::Kind::Pod, k).ok);
      } else if (what == 1) {
        const char* node = nodes[next() % 4];
        REQUIRE(st.update_pod(k, [&](api::Pod& p) { p.spec.node_name = node; }).ok);
      } else if (what == 2) {
        const std::string owner = owners[next() % 3];
        REQUIRE(st.update_pod(k, [&](api::Pod& p) { p = owned_pod(name, owner, p.spec.node_name); }).ok);
      } else {
        REQUIRE(st.update_pod(k, [](api::Pod& p) { p.status.phase = "Running"; }).ok);
      }
    }
  };
  churn(s, 2000);
  check_indexes(s);
  // A snapshot, then the original goes on: each answers from its own table.
  store::Store snap = s;
  churn(s, 1500);
  check_indexes(s);
  check_indexes(snap);
  churn(snap, 500);
  check_indexes(snap);
  // Restore: the snapshot assigned back over the original (whose old pods are gone).
  s = snap;
  check_indexes(s);
  churn(s, 1000);
  check_indexes(s);
  check_indexes(snap);
  // Moved: the indexes follow.
  store::Store moved = std::move(s);
  churn(moved, 500);
  check_indexes(moved);
}

TEST_CASE("OwnedKeys agrees with std::set through inserts erases reinserts rehashes and copies") {
  // Keys like one ReplicaSet's pods (same length and prefix) plus others; erasing leaves
  // tombstones that later inserts reuse, and the table grows past several rehashes.
  std::deque<store::Key> storage;  // the keys the set points at stay put
  std::vector<const store::Key*> keys;
  for (int i = 0; i < 40000; ++i) {
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "%05d", (i * 7919) % 100000);
    storage.push_back(store::Key{i % 5 == 0 ? "kube-system" : "default", std::string("web-7d9c6b8f5d-") + suffix});
    keys.push_back(&storage.back());
  }
  store::OwnedKeys set;
  std::set<store::Key> want;
  sim::Rng rng(7);
  for (int step = 0; step < 200000; ++step) {
    const store::Key& k = *keys[rng.next() % keys.size()];
    const store::Key copy = k;  // equal to the member, at another address
    if (rng.next() % 3 == 0) {
      set.erase(copy);
      want.erase(k);
    } else {
      set.insert(k);
      set.insert(k);  // again: still one member
      want.insert(k);
    }
    if (step % 9973 == 0) {
      CHECK(set.size() == want.size());
      const std::vector<store::Key> got(set.begin(), set.end());
      CHECK(got == std::vector<store::Key>(want.begin(), want.end()));
    }
    if (set.contains(copy) != (want.count(k) == 1)) FAIL("contains disagrees at step " << step);
  }
  CHECK(set.size() == want.size());
  const store::OwnedKeys copy = set;
  CHECK(std::vector<store::Key>(copy.begin(), copy.end()) == std::vector<store::Key>(want.begin(), want.end()));
  size_t n = 0;
  set.for_each_unordered([&](const store::Key& k) { n += want.count(k); });
  CHECK(n == want.size());
}

TEST_CASE("timers filled in place and popped into a reused buffer carry their own keys") {
  // emplace() hands back a slot that held an earlier timer, pop_into() fills a buffer that held
  // one (trading strings with the slot): neither may leak the earlier timer's key, kind or argument.
  sim::TimerQueue q;
  const std::vector<std::string> names = {"", "a", "web-7d9c6b8f5d-x2k4q", "a-much-longer-pod-name-that-is-heap-allocated-0123456789"};
  struct Want { int64_t at; std::string ns, name; int64_t arg; sim::TimerKind kind; };
  std::map<std::pair<int64_t, uint64_t>, Want> want;
  uint64_t seq = 0;
  sim::Timer buf;
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 8; ++i) {
      const int64_t at = round * 10 + (i * 7) % 10;
      const std::string& name = names[static_cast<size_t>(round + i) % names.size()];
      const std::string ns = (i % 2) ? "default" : "";
      const auto kind = (i % 3) ? sim::TimerKind::ContainerStarted : sim::TimerKind::DeploymentResync;
      sim::Timer& t = q.emplace(at);
      CHECK(t.at_ms == at);
      t.kind = kind;
      t.namespace_.assign(ns);
      t.name.assign(name);
      t.uid_hash = static_cast<uint64_t>(round * 100 + i);
      t.arg = round * 1000 + i;
      want[{at, seq++}] = Want{at, ns, name, t.arg, kind};
    }
    for (int i = 0; i < 6 && !want.empty(); ++i) {  // leave some queued across rounds
      q.pop_into(buf);
      const Want& w = want.begin()->second;
      CHECK(buf.at_ms == w.at);
      CHECK(buf.namespace_ == w.ns);
      CHECK(buf.name == w.name);
      CHECK(buf.arg == w.arg);
      CHECK(buf.kind == w.kind);
      want.erase(want.begin());
    }
  }
  while (!want.empty()) {
    q.pop_into(buf);
    CHECK(buf.name == want.begin()->second.name);
    CHECK(buf.arg == want.begin()->second.arg);
    want.erase(want.begin());
  }
  CHECK(q.empty());
}

TEST_CASE("key hashing matches a byte at a time reference for texts of every length") {
  // The platform-independent definition: 8-byte little-endian words, then the last 0-7 bytes
  // zero-padded into one more word with the length on top.
  auto reference = [](uint64_t h, const std::string& s) {
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t w = 0;
      for (size_t b = 0; b < 8; ++b) w |= static_cast<uint64_t>(static_cast<unsigned char>(s[i + b])) << (8 * b);
      h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
      h ^= h >> 29;
    }
    uint64_t tail = 0;
    for (size_t b = 0; i + b < s.size(); ++b) tail |= static_cast<uint64_t>(static_cast<unsigned char>(s[i + b])) << (8 * b);
    h = (h ^ tail ^ (static_cast<uint64_t>(s.size()) << 56)) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 32);
  };
  uint64_t x = 99;
  std::string s;
  for (size_t len = 0; len <= 40; ++len) {
    for (int trial = 0; trial < 20; ++trial) {
      s.resize(len);
      for (char& c : s) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        c = static_cast<char>(x >> 56);  // every byte value, the high ones included
      }
      CHECK(store::detail::hash_bytes(7, s) == reference(7, s));
    }
  }
}

TEST_CASE("status writes keep a ReplicaSet's generation and spec writes bump it once") {
  store::Store st(1, 0);
  api::ReplicaSet rs;
  rs.metadata.namespace_ = "default";
  rs.metadata.name = "web-1";
  rs.spec.replicas = 3;
  store::Key k;
  REQUIRE(st.create(rs, &k).ok);
  const int64_t g0 = st.replicasets().get(k)->metadata.generation;
  REQUIRE(st.update_replicaset_status(k, [](api::ReplicaSet& r) { r.status.replicas = 3; }).ok);
  CHECK(st.replicasets().get(k)->metadata.generation == g0);
  CHECK(st.replicasets().get(k)->status.replicas == 3);
  REQUIRE(st.update_replicaset(k, [](api::ReplicaSet& r) { r.status.ready_replicas = 2; }).ok);  // no spec change
  CHECK(st.replicasets().get(k)->metadata.generation == g0);
  REQUIRE(st.update_replicaset(k, [](api::ReplicaSet& r) { r.spec.replicas = 5; }).ok);
  CHECK(st.replicasets().get(k)->metadata.generation == g0 + 1);
  REQUIRE(st.update_replicaset(k, [](api::ReplicaSet& r) { r.spec.replicas = 5; }).ok);  // same spec again
  CHECK(st.replicasets().get(k)->metadata.generation == g0 + 1);
}

TEST_CASE("a kubelet status write that changes nothing counted is flagged and one that does is not") {
  store::Store s(1, 0);
  api::Pod p = pod("default", "web-1");
  p.spec.node_name = "minikube";
  REQUIRE(s.create(p).ok);
  s.take_changes();
  const store::Key k{"default", "web-1"};
  auto last_change = [&] {
    auto changes = s.take_changes();
    REQUIRE(changes.size() == 1);
    return changes.back();
  };
  {
    store::Store::WriterScope as_kubelet(s, store::Writer::Kubelet);
    // ContainerCreating: a waiting container, the pod IP, a not-yet-true condition of another type.
    REQUIRE(s.update_pod(k, [](api::Pod& x) {
      x.status.pod_ip = "10.244.0.3";
      x.status.conditions.push_back(api::Condition{"Initialized", "True"});
      x.status.container_statuses.push_back(api::ContainerStatus{});
      x.status.container_statuses.back().ready = true;
    }).ok);
    CHECK(last_change().counts_unchanged);
    // Ready: counted.
    REQUIRE(s.update_pod(k, [](api::Pod& x) { x.status.conditions.push_back(api::Condition{.type = "Ready", .status = "True", .last_transition_ms = 5000}); }).ok);
    CHECK_FALSE(last_change().counts_unchanged);
    // A restart and a phase change are counted too.
    REQUIRE(s.update_pod(k, [](api::Pod& x) { x.status.container_statuses.back().restart_count = 1; }).ok);
    CHECK_FALSE(last_change().counts_unchanged);
    REQUIRE(s.update_pod(k, [](api::Pod& x) { x.status.phase = "Running"; }).ok);
    CHECK_FALSE(last_change().counts_unchanged);
    REQUIRE(s.update_pod(k, [](api::Pod& x) { x.status.container_statuses.back().ready = false; }).ok);
    CHECK_FALSE(last_change().counts_unchanged);
  }
  // The same uncounted write by anyone else is not flagged (only the kubelets' writes are status-only).
  REQUIRE(s.update_pod(k, [](api::Pod& x) { x.status.pod_ip = "10.244.0.4"; }).ok);
  CHECK_FALSE(last_change().counts_unchanged);
}
