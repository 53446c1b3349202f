// kubesim web — layout.cpp: node regions, pod slots, the Pending tray, the scene's columns.
#include "layout.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

namespace kubesim::web {

// [SECTION] grids ---------------------------------------------------------------------------------
GridDims fit_grid(int count, float w, float h, float max_cell) {
  GridDims g;
  if (w <= 0 || h <= 0) return g;
  count = std::max(count, 1);
  float best = 0;
  int best_cols = 1;
  // The best column count is near sqrt(count · w / h); scanning a window around it is exact
  // enough and keeps 10,000-pod layouts cheap.
  int guess = std::max(1, static_cast<int>(std::lround(std::sqrt(count * w / h))));
  int lo = std::max(1, guess - 3), hi = std::min(count, guess + 3);
  for (int cols = lo; cols <= hi; ++cols) {
    int rows = (count + cols - 1) / cols;
    float cell = std::min(w / cols, h / rows);
    if (cell > best) { best = cell; best_cols = cols; }
  }
  g.cell = std::min(best, max_cell);
  g.cols = best_cols;
  if (g.cell < best) g.cols = std::max(1, static_cast<int>(std::floor(w / g.cell)));  // capped: fill rows
  g.rows = (count + g.cols - 1) / g.cols;
  return g;
}

Vec2 grid_cell_center(const Rect& area, const GridDims& g, int index) {
  int col = index % std::max(g.cols, 1), row = index / std::max(g.cols, 1);
  return {area.x + (col + 0.5f) * g.cell, area.y + (row + 0.5f) * g.cell};
}

Tiling tile_boxes(int count, const Rect& area, float gap) {
  Tiling t;
  count = std::max(count, 1);
  float best = -1;
  int guess = std::max(1, static_cast<int>(std::lround(std::sqrt(count * area.w / std::max(area.h, 1.f) / 1.5f))));
  int lo = std::max(1, guess - 4), hi = std::min(count, guess + 4);
  for (int cols = lo; cols <= hi; ++cols) {
    int rows = (count + cols - 1) / cols;
    float bw = (area.w - gap * (cols - 1)) / cols;
    float bh = (area.h - gap * (rows - 1)) / rows;
    if (bw <= 0 || bh <= 0) continue;
    float score = std::min(bw, 1.5f * bh);  // landscape boxes read better: pods in rows
    if (score > best) { best = score; t.cols = cols; t.rows = rows; t.w = bw; t.h = bh; }
  }
  if (best < 0) {  // too many boxes for the gaps: drop the gaps
    t.cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<float>(count)))));
    t.rows = (count + t.cols - 1) / t.cols;
    t.w = area.w / t.cols;
    t.h = area.h / t.rows;
  }
  return t;
}

bool is_system_pod(const api::Pod& p) { return p.metadata.namespace_ == "kube-system"; }

// Slot order: creation time, ties (a scale-up creates many pods in the same millisecond) broken by
// an FNV-1a hash of namespace/name, then the name itself: deterministic, and sorting compares
// integers, not strings (10,000-pod layouts stay cheap).
struct SlotKey {
  int64_t created = 0;
  uint64_t name_hash = 0;
  const api::Pod* pod = nullptr;
  PodLook look;
};
static SlotKey slot_key(const api::Pod* p, const LayoutOptions& o) {
  uint64_t h = 1469598103934665603ull;
  for (char ch : p->metadata.namespace_) { h ^= static_cast<unsigned char>(ch); h *= 1099511628211ull; }
  h ^= '/';
  h *= 1099511628211ull;
  for (char ch : p->metadata.name) { h ^= static_cast<unsigned char>(ch); h *= 1099511628211ull; }
  return {p->timeline.created_ms > 0 ? p->timeline.created_ms : p->metadata.creation_ms, h, p, look_of(*p, o.now_ms, o.timing)};
}
static bool slot_before(const SlotKey& a, const SlotKey& b) {
  if (a.created != b.created) return a.created < b.created;
  if (a.name_hash != b.name_hash) return a.name_hash < b.name_hash;
  if (a.pod->metadata.name != b.pod->metadata.name) return a.pod->metadata.name < b.pod->metadata.name;
  return a.pod->timeline.deleted_ms < b.pod->timeline.deleted_ms;  // an old tombstone before a reused name
}

static bool uses_capacity(const api::Pod& p) { return p.status.phase != "Succeeded" && p.status.phase != "Failed"; }

// [SECTION] cluster -------------------------------------------------------------------------------
ClusterLayout layout_cluster(const store::Store& s, const LayoutOptions& o) {
  ClusterLayout L;
  L.area = o.area;
  const float sc = o.scale;

  // Index nodes by name (a hash map of views into the store: the layout lives for one frame).
  std::unordered_map<std::string_view, int> node_index;
  node_index.reserve(s.nodes().size() * 2 + 1);
  L.nodes.reserve(s.nodes().size());
  for (auto& [key, node] : s.nodes()) {
    NodeBox b;
    b.node = &node;
    b.unschedulable = node.spec.unschedulable;
    for (auto& c : node.status.conditions)
      if (c.type == "Ready") b.ready = c.status == "True";
    node_index.emplace(node.metadata.name, static_cast<int>(L.nodes.size()));
    L.nodes.push_back(b);
  }

  std::vector<std::vector<SlotKey>> slots(L.nodes.size());
  std::vector<SlotKey> pending;
  auto node_of = [&](const api::Pod& p) -> int {
    if (p.spec.node_name.empty()) return -1;
    auto it = node_index.find(p.spec.node_name);
    return it == node_index.end() ? -2 : it->second;
  };

  for (auto& [key, pod] : s.pods()) {
    int n = node_of(pod);
    if (n >= 0) {
      NodeBox& b = L.nodes[n];
      if (uses_capacity(pod)) {
        ++b.pods;
        for (auto& c : pod.spec.containers) {
          b.cpu_requested_milli += c.requests.cpu_milli.value_or(0);
          b.memory_requested_bytes += c.requests.memory_bytes.value_or(0);
        }
      }
    }
    if (!o.include_system && is_system_pod(pod)) continue;
    if (n >= 0) slots[n].push_back(slot_key(&pod, o));
    else if (n == -1 && !pod.metadata.deletion_ms) pending.push_back(slot_key(&pod, o));
  }
  for (auto& tomb : s.pod_tombstones()) {
    if (!tombstone_visible(tomb, o.now_ms, o.timing)) continue;
    if (!o.include_system && is_system_pod(tomb)) continue;
    int n = node_of(tomb);
    if (n >= 0) slots[n].push_back(slot_key(&tomb, o));
  }

  for (auto& b : L.nodes) {
    const auto& st = b.node->status;
    if (st.allocatable.cpu_milli && *st.allocatable.cpu_milli > 0)
      b.cpu_fraction = static_cast<double>(b.cpu_requested_milli) / static_cast<double>(*st.allocatable.cpu_milli);
    if (st.allocatable.memory_bytes && *st.allocatable.memory_bytes > 0)
      b.memory_fraction = static_cast<double>(b.memory_requested_bytes) / static_cast<double>(*st.allocatable.memory_bytes);
    if (st.allocatable_pods > 0) b.pods_fraction = static_cast<double>(b.pods) / static_cast<double>(st.allocatable_pods);
  }

  // The Pending tray: a strip on top, only while something waits for the scheduler.
  Rect nodes_area = o.area;
  L.pending = static_cast<int>(pending.size());
  if (!pending.empty()) {
    std::sort(pending.begin(), pending.end(), slot_before);
    float title_w = 96.f * sc, pad = o.padding * sc;
    float tray_h = o.tray_h * sc;
    GridDims g = fit_grid(L.pending, o.area.w - title_w - 2 * pad, tray_h - 2 * pad, o.max_cell * sc * 0.75f);
    if (g.cell < 10.f * sc) {  // many pending pods: give the tray up to 30 % of the height
      tray_h = std::max(tray_h, o.area.h * 0.3f);
      g = fit_grid(L.pending, o.area.w - title_w - 2 * pad, tray_h - 2 * pad, o.max_cell * sc * 0.75f);
    }
    L.tray = {o.area.x, o.area.y, o.area.w, tray_h};
    L.tray_cell = g.cell;
    L.tray_radius = g.cell * 0.36f;
    Rect grid_area{o.area.x + title_w + pad, o.area.y + pad, o.area.w - title_w - 2 * pad, tray_h - 2 * pad};
    for (int i = 0; i < L.pending; ++i)
      L.pods.push_back({pending[i].pod, grid_cell_center(grid_area, g, i), -1, false, pending[i].look});
    float gap = o.gap * sc;
    nodes_area = {o.area.x, o.area.y + tray_h + gap, o.area.w, o.area.h - tray_h - gap};
  }

  if (L.nodes.empty()) return L;
  float gap = (L.nodes.size() > 400 ? 2.f : L.nodes.size() > 60 ? 4.f : o.gap) * sc;
  Tiling t = tile_boxes(static_cast<int>(L.nodes.size()), nodes_area, gap);
  bool headers = t.h >= o.header_h * sc * 2.f && t.w >= 150.f * sc;
  float pad = std::min(o.padding * sc, std::max(1.f, std::min(t.w, t.h) * 0.06f));

  size_t max_slots = 1;
  for (auto& v : slots) max_slots = std::max(max_slots, v.size());
  // Keep room for a few more pods than exist so a scale-up does not shrink everything at once.
  int planned = static_cast<int>(std::max<size_t>(max_slots, 4));

  for (size_t i = 0; i < L.nodes.size(); ++i) {
    NodeBox& b = L.nodes[i];
    int col = static_cast<int>(i) % t.cols, row = static_cast<int>(i) / t.cols;
    b.rect = {nodes_area.x + col * (t.w + gap), nodes_area.y + row * (t.h + gap), t.w, t.h};
    if (headers) {
      b.header = {b.rect.x, b.rect.y, b.rect.w, o.header_h * sc};
      b.pod_area = {b.rect.x + pad, b.rect.y + b.header.h, b.rect.w - 2 * pad, b.rect.h - b.header.h - pad};
    } else {
      b.pod_area = {b.rect.x + pad, b.rect.y + pad, b.rect.w - 2 * pad, b.rect.h - 2 * pad};
    }
  }
  const Rect& pa = L.nodes[0].pod_area;
  GridDims g = fit_grid(planned, pa.w, pa.h, o.max_cell * sc);
  L.cell = g.cell;
  L.labels = g.cell >= 58.f * sc;
  L.pod_radius = g.cell * (L.labels ? 0.27f : 0.40f);

  size_t total = L.pods.size();
  for (auto& v : slots) total += v.size();
  L.pods.reserve(total);
  for (size_t i = 0; i < L.nodes.size(); ++i) {
    auto& v = slots[i];
    std::sort(v.begin(), v.end(), slot_before);
    for (size_t k = 0; k < v.size(); ++k) {
      Vec2 c = grid_cell_center(L.nodes[i].pod_area, g, static_cast<int>(k));
      L.pods.push_back({v[k].pod, c, static_cast<int>(i), v[k].pod->timeline.deleted_ms > 0, v[k].look});
    }
  }
  return L;
}

const PodSpot* pod_at(const ClusterLayout& l, Vec2 p) {
  const PodSpot* best = nullptr;
  float best_d = 0;
  for (auto& s : l.pods) {
    if (s.tombstone) continue;
    float r = (s.node < 0 ? l.tray_cell : l.cell) * 0.5f;
    float dx = p.x - s.pos.x, dy = p.y - s.pos.y, d = dx * dx + dy * dy;
    if (d <= r * r && (!best || d < best_d)) { best = &s; best_d = d; }
  }
  return best;
}

int node_at(const ClusterLayout& l, Vec2 p) {
  for (size_t i = 0; i < l.nodes.size(); ++i)
    if (l.nodes[i].rect.contains(p)) return static_cast<int>(i);
  return -1;
}

// [SECTION] scene ---------------------------------------------------------------------------------
SceneLayout layout_scene(const store::Store& s, const SceneOptions& o) {
  SceneLayout L;
  L.canvas = o.canvas;
  const float sc = o.scale, gap = o.gap * sc;
  L.stacked = o.canvas.w < o.stack_below_w * sc;
  // Services of the learner's apps; on a phone the API server's `kubernetes` Service (no
  // selector, no pods behind it) is left out for room.
  std::vector<const api::Service*> svcs;
  for (auto& [key, svc] : s.services())
    if (svc.metadata.namespace_ != "kube-system" && !(L.stacked && svc.spec.selector.empty())) svcs.push_back(&svc);

  if (!L.stacked) {
    L.clients = {o.canvas.x, o.canvas.y, o.clients_w * sc, o.canvas.h};
    L.services_area = {L.clients.right() + gap, o.canvas.y, o.services_w * sc, o.canvas.h};
    L.cluster_area = {L.services_area.right() + gap * 2, o.canvas.y, o.canvas.w - (L.services_area.right() + gap * 2 - o.canvas.x), o.canvas.h};
    L.host_client = {L.clients.center().x, o.canvas.y + o.canvas.h * 0.38f};
    L.loadgen_client = {L.clients.center().x, o.canvas.y + o.canvas.h * 0.62f};
    float sh = o.service_h * sc;
    int n = static_cast<int>(svcs.size());
    if (n > 0) {
      sh = std::min(sh, (o.canvas.h - gap * (n - 1)) / n);
      float total = n * sh + (n - 1) * gap;
      float y = o.canvas.y + std::max(0.f, (o.canvas.h - total) * 0.5f);
      for (auto* svc : svcs) {
        ServiceBox b;
        b.service = svc;
        b.rect = {L.services_area.x, y, L.services_area.w, sh};
        b.in = {b.rect.x, b.rect.y + sh * 0.5f};
        b.out = {b.rect.right(), b.rect.y + sh * 0.5f};
        L.services.push_back(b);
        y += sh + gap;
      }
    }
  } else {
    float bh = o.band_h * sc;
    L.clients = {o.canvas.x, o.canvas.y, o.clients_w * sc * 0.8f, bh};
    L.services_area = {L.clients.right() + gap, o.canvas.y, o.canvas.w - L.clients.w - gap, bh};
    L.cluster_area = {o.canvas.x, o.canvas.y + bh + gap * 2, o.canvas.w, o.canvas.h - bh - gap * 2};
    L.host_client = {L.clients.center().x, o.canvas.y + bh * 0.3f};
    L.loadgen_client = {L.clients.center().x, o.canvas.y + bh * 0.75f};
    int n = static_cast<int>(svcs.size());
    if (n > 0) {
      float w = std::min(o.services_w * sc, (L.services_area.w - gap * (n - 1)) / n);
      float x = L.services_area.x;
      for (auto* svc : svcs) {
        ServiceBox b;
        b.service = svc;
        b.rect = {x, o.canvas.y + bh * 0.15f, w, bh * 0.7f};
        b.in = {b.rect.x, b.rect.center().y};
        b.out = {b.rect.center().x, b.rect.bottom()};
        L.services.push_back(b);
        x += w + gap;
      }
    }
  }
  return L;
}

// [SECTION] motion --------------------------------------------------------------------------------
Vec2 lerp(Vec2 a, Vec2 b, float t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

Vec2 approach(Vec2 from, Vec2 to, float dt_s, float half_life_s) {
  if (half_life_s <= 0 || dt_s <= 0) return dt_s <= 0 ? from : to;
  float k = 1.f - std::exp2(-dt_s / half_life_s);
  Vec2 r = lerp(from, to, k);
  // Snap when close: no endless sub-pixel drift.
  if (std::fabs(r.x - to.x) < 0.25f && std::fabs(r.y - to.y) < 0.25f) return to;
  return r;
}

}  // namespace kubesim::web
