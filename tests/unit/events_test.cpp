// The store's event recording: client-go's EventCorrelator (identical events counted, similar
// events combined after 10 messages in 10 minutes, 25-event spam budget per source + object
// refilled one per 5 minutes), expiry and the (namespace, name) list order.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "store/store.h"

using namespace kubesim;

namespace {

api::ObjectReference pod_ref(const std::string& name, const std::string& uid) {
  api::ObjectReference r;
  r.kind = "Pod";
  r.namespace_ = "default";
  r.name = name;
  r.uid = uid;
  r.api_version = "v1";
  return r;
}

std::vector<const api::Event*> events_about(const store::Store& s, const std::string& uid) {
  std::vector<const api::Event*> out;
  for (auto& [k, e] : s.events())
    if (e.involved_object.uid == uid) out.push_back(&e);
  return out;
}

int total_count(const store::Store& s, const std::string& uid) {
  int n = 0;
  for (auto* e : events_about(s, uid)) n += e->count;
  return n;
}

}  // namespace

TEST_CASE("an identical event raises the count and lastTimestamp of the first one") {
  store::Store s(1, 1000000);
  s.record_event(pod_ref("web", "u1"), "Normal", "BackOff", "Back-off pulling image \"x\"", "kubelet", "minikube");
  s.set_now(1010000);
  s.record_event(pod_ref("web", "u1"), "Normal", "BackOff", "Back-off pulling image \"x\"", "kubelet", "minikube");
  auto evs = events_about(s, "u1");
  REQUIRE(evs.size() == 1);
  CHECK(evs[0]->count == 2);
  CHECK(evs[0]->first_ms == 1000000);
  CHECK(evs[0]->last_ms == 1010000);
  // a different source host is a different event
  s.record_event(pod_ref("web", "u1"), "Normal", "BackOff", "Back-off pulling image \"x\"", "kubelet", "minikube-m02");
  CHECK(events_about(s, "u1").size() == 2);
}

TEST_CASE("the tenth different message of one reason within 10 minutes starts a combined event") {
  store::Store s(1, 0);
  for (int i = 0; i < 12; ++i) {
    s.set_now(int64_t{i} * 1000);
    s.record_event(pod_ref("rs", "u2"), "Normal", "SuccessfulCreate", "Created pod: p" + std::to_string(i),
                   "replicaset-controller");
  }
  int singles = 0;
  const api::Event* combined = nullptr;
  for (auto* e : events_about(s, "u2")) {
    if (e->message.rfind("(combined from similar events): ", 0) == 0) combined = e;
    else ++singles;
  }
  CHECK(singles == 9);
  REQUIRE(combined != nullptr);
  CHECK(combined->count == 3);  // messages 10, 11 and 12
  CHECK(combined->message == "(combined from similar events): Created pod: p11");
  CHECK(combined->last_ms == 11000);
}

TEST_CASE("a group's first message seen again is not a new similar message") {
  // The first message of a group is kept in the group's own record: repeating it between other
  // messages must neither count towards the 10 nor start a second event.
  store::Store s(1, 0);
  for (int i = 0; i < 20; ++i) {
    s.set_now(int64_t{i} * 1000);
    const std::string msg = i % 2 == 0 ? "Created pod: first" : "Created pod: p" + std::to_string(i / 2);
    s.record_event(pod_ref("rs", "u5"), "Normal", "SuccessfulCreate", msg, "replicaset-controller");
  }
  // 1 + 8 distinct messages (p0..p7) stay under the 10; p8 and p9 would be the 10th and 11th.
  int combined = 0, first = 0;
  for (auto* e : events_about(s, "u5")) {
    if (e->message.rfind("(combined from similar events): ", 0) == 0) ++combined;
    if (e->message == "Created pod: first") { ++first; CHECK(e->count == 10); }
  }
  CHECK(first == 1);
  CHECK(combined == 1);
  CHECK(events_about(s, "u5").size() == 10);  // first + p0..p7 + the combined one
}

TEST_CASE("a quiet spell longer than 10 minutes starts the similar-message count again") {
  store::Store s(1, 0);
  for (int i = 0; i < 5; ++i)
    s.record_event(pod_ref("rs", "u3"), "Normal", "SuccessfulCreate", "Created pod: a" + std::to_string(i), "replicaset-controller");
  s.set_now(601 * 1000);
  for (int i = 0; i < 5; ++i)
    s.record_event(pod_ref("rs", "u3"), "Normal", "SuccessfulCreate", "Created pod: b" + std::to_string(i), "replicaset-controller");
  for (auto* e : events_about(s, "u3")) CHECK(e->message.rfind("(combined", 0) == std::string::npos);
  CHECK(events_about(s, "u3").size() == 10);
}

TEST_CASE("a source spends at most 25 events on one object and then one more every 5 minutes") {
  store::Store s(1, 0);
  for (int i = 0; i < 40; ++i)
    s.record_event(pod_ref("web", "u4"), "Warning", "Failed", "Error: ErrImagePull", "kubelet", "minikube");
  CHECK(total_count(s, "u4") == 25);  // occurrences 26-40 were dropped by the spam filter
  s.set_now(299 * 1000);
  s.record_event(pod_ref("web", "u4"), "Warning", "Failed", "Error: ErrImagePull", "kubelet", "minikube");
  CHECK(total_count(s, "u4") == 25);
  s.set_now(301 * 1000);
  s.record_event(pod_ref("web", "u4"), "Warning", "Failed", "Error: ErrImagePull", "kubelet", "minikube");
  // client-go counted the dropped occurrences too: the update that gets through says 42
  auto evs = events_about(s, "u4");
  REQUIRE(evs.size() == 1);
  CHECK(evs[0]->count == 42);
  CHECK(evs[0]->first_ms == 0);
  CHECK(evs[0]->last_ms == 301 * 1000);
  // another source has its own budget
  s.record_event(pod_ref("web", "u4"), "Normal", "Scheduled", "Successfully assigned default/web to minikube",
                 "default-scheduler");
  CHECK(total_count(s, "u4") == 43);
}

TEST_CASE("events list in namespace and name order and expire after an hour") {
  store::Store s(1, 5000000);
  s.record_event(pod_ref("zeta", "u5"), "Normal", "Pulled", "done", "kubelet", "minikube");
  s.record_event(pod_ref("alpha", "u6"), "Normal", "Pulled", "done", "kubelet", "minikube");
  api::ObjectReference other = pod_ref("mid", "u7");
  other.namespace_ = "apps";
  s.record_event(other, "Normal", "Pulled", "done", "kubelet", "minikube");
  std::vector<std::string> names;
  for (auto& [k, e] : s.events()) names.push_back(k.namespace_ + "/" + e.involved_object.name);
  CHECK(names == std::vector<std::string>{"apps/mid", "default/alpha", "default/zeta"});
  int in_default = 0;
  for (auto& [k, e] : s.events().in_namespace("default")) { CHECK(k.namespace_ == "default"); ++in_default; }
  CHECK(in_default == 2);
  s.set_now(5000000 + 3600 * 1000 + 1);
  s.record_event(pod_ref("late", "u8"), "Normal", "Pulled", "done", "kubelet", "minikube");
  CHECK(s.events().size() == 1);
  CHECK(s.events().begin()->second.involved_object.name == "late");
}

TEST_CASE("an event with an interned message counts together with the same message copied") {
  store::Store s(1, 1000000);
  const api::ObjectReference ref = pod_ref("web-7d4b9c6f5-x2x9q", "0b8e9a52-1c4f-4d7e-9a0b-3f2e1d0c9b8a");
  const store::Store::EventSubject subject{ref.kind, ref.namespace_, ref.name, ref.uid, ref.api_version, "spec.containers{web}", "17"};
  s.record_event_interned(subject, "Normal", "Started", api::IStr("Started container web"), "kubelet", "minikube");
  s.set_now(1005000);
  s.record_event(subject, "Normal", "Started", "Started container web", "kubelet", "minikube");
  auto evs = events_about(s, ref.uid);
  REQUIRE(evs.size() == 1);
  CHECK(evs[0]->count == 2);
  CHECK(evs[0]->message == "Started container web");
  // The involved object is kept with the event (name from the event's name, uid in place).
  CHECK(evs[0]->involved_object.kind == "Pod");
  CHECK(evs[0]->involved_object.api_version == "v1");
  CHECK(evs[0]->involved_object.namespace_ == "default");
  CHECK(evs[0]->involved_object.name == "web-7d4b9c6f5-x2x9q");
  CHECK(evs[0]->involved_object.uid == ref.uid);
  CHECK(evs[0]->involved_object.field_path == "spec.containers{web}");
  CHECK(evs[0]->involved_object.resource_version == "17");
  CHECK(evs[0]->metadata.name.rfind("web-7d4b9c6f5-x2x9q.", 0) == 0);
}

TEST_CASE("a node's events name it by a uid longer than 36 characters and keep it whole") {
  store::Store s(1, 0);
  api::ObjectReference node;
  node.kind = "Node";
  node.name = "a-node-with-a-rather-long-name-for-testing.example";
  node.uid = node.name;  // the kubelet names its node by name, as upstream does
  s.record_event(node, "Normal", "NodeReady", "Node " + node.name + " status is now: NodeReady", "kubelet", node.name);
  auto evs = events_about(s, node.uid);
  REQUIRE(evs.size() == 1);
  CHECK(evs[0]->involved_object.name == node.name);
  CHECK(evs[0]->involved_object.namespace_ == "");
  CHECK(evs[0]->metadata.namespace_ == "default");
}

TEST_CASE("a stored pod remembers where its events are counted, and copies and a re-created pod count on their own") {
  store::Store s(1, 1000000);
  api::Pod pod;
  pod.metadata.name = "web";
  pod.metadata.namespace_ = "default";
  store::Key key;
  REQUIRE(s.create(pod, &key).ok);
  api::Pod other = pod;
  other.metadata.name = "other";
  store::Key other_key;
  REQUIRE(s.create(other, &other_key).ok);
  const std::string uid = s.pods().get(key)->metadata.uid;
  auto started = [](store::Store& st, const store::Key& k) {
    st.record_event_interned(store::Store::PodSubject(*st.pods().get(k), "spec.containers{web}").get(), "Normal", "Started",
                             api::IStr("Started container web"), "kubelet", "minikube");
  };
  CHECK(s.pods().get(key)->event_book.book == nullptr);
  started(s, key);
  CHECK(s.pods().get(key)->event_book.book != nullptr);  // found once, kept in the pod
  started(s, other_key);  // another subject in between: the next one is found through the pod
  s.set_now(1001000);
  started(s, key);
  CHECK(total_count(s, uid) == 2);
  REQUIRE(events_about(s, uid).size() == 1);

  // A copy of the store (a snapshot) starts without the remembered places and counts on.
  store::Store copy = s;
  CHECK(copy.events().size() == s.events().size());
  CHECK(total_count(copy, uid) == 2);  // a copy lists the events it was copied with
  CHECK(copy.pods().get(key)->event_book.book == nullptr);
  started(copy, key);
  CHECK(total_count(copy, uid) == 3);
  CHECK(total_count(s, uid) == 2);
  started(s, key);
  started(s, key);
  CHECK(total_count(s, uid) == 4);
  CHECK(total_count(copy, uid) == 3);

  // Deleted and created again under the same name: a new uid, so counting starts afresh.
  REQUIRE(s.remove(store::Kind::Pod, key).ok);
  REQUIRE(s.create(pod, &key).ok);
  const std::string uid2 = s.pods().get(key)->metadata.uid;
  REQUIRE(uid2 != uid);
  started(s, key);
  CHECK(total_count(s, uid2) == 1);
  CHECK(total_count(s, uid) == 4);  // the old pod's event stays until it expires
}

TEST_CASE("a source's last event on an object reads like any other and leaves nothing behind when it is the source's first") {
  // Two stores take the same events; in `last` the scheduler's Scheduled is its last event.
  store::Store plain(7, 1000000), last(7, 1000000);
  std::vector<store::Key> keys;
  for (store::Store* s : {&plain, &last}) {
    keys.clear();
    for (const char* name : {"pending", "fresh"}) {
      api::Pod pod;
      pod.metadata.name = name;
      pod.metadata.namespace_ = "default";
      store::Key key;
      REQUIRE(s->create(pod, &key).ok);
      keys.push_back(key);
    }
  }
  auto subject = [](store::Store& s, const store::Key& k) { return store::Store::PodSubject(*s.pods().get(k)); };
  for (store::Store* s : {&plain, &last}) {
    const bool is_last = s == &last;
    // "pending" waited for room first: the scheduler's records of it exist when it is bound.
    for (int i = 0; i < 2; ++i) {
      s->set_now(1000000 + i * 1000);
      s->record_event(subject(*s, keys[0]).get(), "Warning", "FailedScheduling", "0/1 nodes are available: 1 Too many pods.",
                      "default-scheduler");
    }
    s->set_now(1005000);
    for (const store::Key& k : keys) {
      std::string msg = "Successfully assigned default/" + k.name + " to minikube";
      if (is_last) s->record_last_event(subject(*s, k).get(), "Normal", "Scheduled", std::move(msg), "default-scheduler");
      else s->record_event(subject(*s, k).get(), "Normal", "Scheduled", std::move(msg), "default-scheduler");
    }
    if (is_last) {
      CHECK(s->pods().get(keys[0])->event_book.book != nullptr);  // counted on, as before
      CHECK(s->pods().get(keys[1])->event_book.book == nullptr);  // nothing kept for "fresh"
    }
    s->set_now(1006000);
    for (int i = 0; i < 2; ++i)
      for (const store::Key& k : keys)
        s->record_event_interned(subject(*s, k).get(), "Normal", "Pulled", api::IStr("Container image \"nginx\" already present on machine"),
                                 "kubelet", "minikube");
  }
  CHECK(last.pods().get(keys[1])->event_book.book != nullptr);  // the kubelet's records
  std::vector<std::string> rows[2];
  int i = 0;
  for (store::Store* s : {&plain, &last}) {
    for (auto& [k, e] : s->events())
      rows[i].push_back(e.metadata.name + " " + e.metadata.uid + " " + std::to_string(e.metadata.resource_version) + " " +
                        e.involved_object.name + " " + e.type + " " + e.reason + " " + e.message + " " + e.source_component +
                        " " + std::to_string(e.count) + " " + std::to_string(e.first_ms) + " " + std::to_string(e.last_ms));
    ++i;
  }
  CHECK(rows[0].size() == 5);  // FailedScheduling (count 2), 2 Scheduled, 2 Pulled (count 2 each)
  CHECK(rows[0] == rows[1]);
}
