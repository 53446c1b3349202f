// Unit tests of web/look.h: a pod's look is a pure function of its object and the clock.
#include <catch2/catch.hpp>

#include "look.h"

using namespace kubesim;
using namespace kubesim::web;

namespace {
api::Pod bound_pod() {
  api::Pod p;
  p.metadata.name = "web-1";
  p.metadata.namespace_ = "default";
  p.metadata.creation_ms = 1000;
  p.timeline.created_ms = 1000;
  p.spec.node_name = "minikube";
  p.spec.containers.push_back({});
  p.spec.containers.mut()[0].name = "web";
  p.spec.containers.mut()[0].image = "nginx:1.27";
  return p;
}
api::ContainerStatus waiting(const std::string& reason) {
  api::ContainerStatus cs;
  cs.name = "web";
  cs.state.waiting = api::ContainerStateWaiting{reason, ""};
  return cs;
}
}  // namespace

TEST_CASE("a pod without a node looks Pending") {
  api::Pod p = bound_pod();
  p.spec.node_name.clear();
  CHECK(look_of(p, 2000).state == PodState::Pending);
  CHECK(kubectl_status(p) == "Pending");
}

TEST_CASE("a bound pod that is pulling its image shows the pull progress") {
  api::Pod p = bound_pod();
  p.status.container_statuses.push_back(waiting("ContainerCreating"));
  p.timeline.pull_started_ms = 1000;
  p.timeline.pull_expected_ms = 5000;
  PodLook l = look_of(p, 3000);
  CHECK(l.state == PodState::ContainerCreating);
  CHECK(l.progress == Approx(0.5f));
  // never a full ring before the pull is really done …
  CHECK(look_of(p, 9000).progress < 1.f);
  // … and a full one once it is
  p.timeline.pull_done_ms = 5200;
  CHECK(look_of(p, 5300).progress == 1.f);
}

TEST_CASE("a terminating pod's ring counts the grace period down") {
  api::Pod p = bound_pod();
  p.status.phase = "Running";
  p.metadata.deletion_ms = 10000;
  p.metadata.deletion_grace_period_seconds = 30;
  p.timeline.terminating_ms = 10000;
  PodLook l = look_of(p, 25000);
  CHECK(l.state == PodState::Terminating);
  CHECK(l.progress == Approx(0.5f));
  CHECK(l.countdown_ms == 15000);
  CHECK(look_of(p, 50000).progress == 0.f);
  CHECK(kubectl_status(p) == "Terminating");
}

TEST_CASE("running pods look Running when ready and NotReady when not") {
  api::Pod p = bound_pod();
  p.status.phase = "Running";
  api::ContainerStatus cs;
  cs.name = "web";
  cs.state.running = api::ContainerStateRunning{2000};
  cs.ready = false;
  p.status.container_statuses.push_back(cs);
  CHECK(look_of(p, 3000).state == PodState::NotReady);
  p.status.container_statuses[0].ready = true;
  CHECK(look_of(p, 3000).state == PodState::Running);
  CHECK(kubectl_status(p) == "Running");
  CHECK(kubectl_ready(p) == "1/1");
}

TEST_CASE("an image pull back-off shows the share of the window that is left") {
  api::Pod p = bound_pod();
  p.status.container_statuses.push_back(waiting("ImagePullBackOff"));
  p.timeline.backoff_until_ms = 20000;
  PodLook l = look_of(p, 15000);  // 5 s left of (at most) a 10 s window
  CHECK(l.state == PodState::ImagePullBackOff);
  CHECK(l.countdown_ms == 5000);
  CHECK(l.progress == Approx(0.5f));
  l = look_of(p, 20000 - 35000);  // 35 s left: the 40 s window
  CHECK(l.progress == Approx(35.f / 40.f));
  CHECK(kubectl_status(p) == "ImagePullBackOff");
  p.status.container_statuses[0] = waiting("ErrImagePull");
  CHECK(look_of(p, 15000).state == PodState::ErrImagePull);
  p.status.container_statuses[0] = waiting("CrashLoopBackOff");
  CHECK(look_of(p, 15000).state == PodState::CrashLoopBackOff);
}

TEST_CASE("a deleted pod fades out and a new one grows in") {
  api::Pod p = bound_pod();
  p.timeline.deleted_ms = 10000;
  LookTiming t;
  CHECK(look_of(p, 10000, t).state == PodState::Deleted);
  CHECK(look_of(p, 10000, t).alpha == Approx(1.f));
  CHECK(look_of(p, 10000 + t.tombstone_fade_ms / 2, t).alpha == Approx(0.5f));
  CHECK(tombstone_visible(p, 10000 + t.tombstone_fade_ms - 1, t));
  CHECK_FALSE(tombstone_visible(p, 10000 + t.tombstone_fade_ms, t));
  api::Pod q = bound_pod();
  CHECK(look_of(q, 1000, t).appear == Approx(0.f));
  CHECK(look_of(q, 1000 + t.appear_ms, t).appear == Approx(1.f));
}

TEST_CASE("the STATUS column uses the first container's waiting reason and Completed only when nothing runs") {
  api::Pod p = bound_pod();
  p.spec.containers.push_back(p.spec.containers[0]);
  p.spec.containers.mut()[1].name = "sidecar";
  api::ContainerStatus a = waiting("ErrImagePull");
  api::ContainerStatus b;
  b.name = "sidecar";
  b.state.terminated = api::ContainerStateTerminated{0, 0, "Completed", "", 0, 0};
  p.status.container_statuses = {a, b};
  CHECK(kubectl_status(p) == "ErrImagePull");
  p.status.container_statuses[0].state = {};
  p.status.container_statuses[0].state.terminated = api::ContainerStateTerminated{2, 0, "", "", 0, 0};
  CHECK(kubectl_status(p) == "ExitCode:2");
}

TEST_CASE("state colours put ready in green and errors in red") {
  CHECK(state_color(PodState::Running).g > state_color(PodState::Running).r);
  CHECK(state_color(PodState::ErrImagePull).r > state_color(PodState::ErrImagePull).g);
  CHECK(to_u32({1, 0, 0, 1}) == 0xFF0000FFu);
  CHECK(palette_color(0).b != palette_color(1).b);
  CHECK(palette_color(kPaletteSize).r == palette_color(0).r);
}
