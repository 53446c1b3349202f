// kubesim web — where things go on the cluster canvas: nodes as regions sized by the canvas,
// pods in slots inside their node (creation order, so new pods appear at the end), the
// scheduler's Pending tray, Services and clients on the left.
//
// Pure geometry in "layout pixels" (physical pixels at zoom 1). No ImGui / GL: unit-tested natively.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "api/types.h"
#include "look.h"
#include "store/store.h"

namespace kubesim::web {

struct Vec2 {
  float x = 0, y = 0;
};
struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool contains(Vec2 p) const { return p.x >= x && p.y >= y && p.x < x + w && p.y < y + h; }
  Vec2 center() const { return {x + w * 0.5f, y + h * 0.5f}; }
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  bool empty() const { return w <= 0 || h <= 0; }
};

// [SECTION] grids
struct GridDims {
  int cols = 1, rows = 1;
  float cell = 0;  // side of a square cell
};
// The square-cell grid holding `count` cells inside w×h with the largest cell, capped at max_cell.
GridDims fit_grid(int count, float w, float h, float max_cell);
// Centre of cell `index` (row-major) of a grid placed at the top-left of `area`.
Vec2 grid_cell_center(const Rect& area, const GridDims& g, int index);

// Boxes for `count` regions tiled in `area` with `gap` between them; boxes prefer a landscape
// shape (width ≥ height) so a node's pods form rows.
struct Tiling {
  int cols = 1, rows = 1;
  float w = 0, h = 0;
};
Tiling tile_boxes(int count, const Rect& area, float gap);

// [SECTION] the cluster region
struct PodSpot {
  const api::Pod* pod = nullptr;  // a live pod or a fading tombstone
  Vec2 pos;                       // centre
  int node = -1;                  // index into ClusterLayout::nodes; -1 = Pending tray
  bool tombstone = false;
  PodLook look;                   // look_of(pod, LayoutOptions::now_ms): computed while the pod is at hand
};

struct NodeBox {
  const api::Node* node = nullptr;
  Rect rect;      // the whole region
  Rect header;    // name + capacity bars (empty when the box is too small for text)
  Rect pod_area;  // where pod slots go
  int pods = 0;   // pods bound to the node that use capacity (not Succeeded/Failed), all namespaces
  int64_t cpu_requested_milli = 0, memory_requested_bytes = 0;
  double cpu_fraction = 0, memory_fraction = 0, pods_fraction = 0;  // of allocatable
  bool ready = true;
  bool unschedulable = false;
};

struct LayoutOptions {
  Rect area;                 // the cluster region
  float scale = 1.f;         // devicePixelRatio × UI scale: every size below is multiplied by it
  float max_cell = 112.f;    // the largest pod slot
  float header_h = 54.f;     // node header (name, bars)
  float gap = 10.f;          // between node regions
  float padding = 8.f;       // inside a node region
  float tray_h = 64.f;       // Pending tray height when something is pending (grows with count)
  bool include_system = false;  // draw kube-system pods too (they always count toward capacity)
  int64_t now_ms = 0;
  LookTiming timing;
};

struct ClusterLayout {
  Rect area;
  Rect tray;  // the scheduler's Pending tray; empty when nothing is pending
  std::vector<NodeBox> nodes;
  std::vector<PodSpot> pods;  // pending pods first, then node by node in slot order
  float cell = 0;             // slot size inside nodes
  float tray_cell = 0;
  float pod_radius = 0;       // body radius inside nodes
  float tray_radius = 0;
  bool labels = false;        // slots are big enough for a name under each pod
  int pending = 0;
};

// Pods on a node are ordered by creationTimestamp (ties: a hash of the name, then the name): a new
// pod takes the next free slot at the end and old pods keep their place until they are gone.
ClusterLayout layout_cluster(const store::Store& s, const LayoutOptions& o);

// Hit tests (layout coordinates).
const PodSpot* pod_at(const ClusterLayout& l, Vec2 p);
int node_at(const ClusterLayout& l, Vec2 p);

// Whether a pod is a system pod (kube-system namespace), hidden unless asked.
bool is_system_pod(const api::Pod& p);

// [SECTION] the whole scene: clients → Services → cluster
struct ServiceBox {
  const api::Service* service = nullptr;
  Rect rect;
  Vec2 in;   // where requests arrive (left edge)
  Vec2 out;  // where they leave towards pods (right edge)
};

struct SceneLayout {
  Rect canvas;
  Rect clients;         // the column (or band) of request sources
  Vec2 host_client;     // "you" (curl from the host)
  Vec2 loadgen_client;  // the load generator
  Rect services_area;
  std::vector<ServiceBox> services;
  Rect cluster_area;    // given to layout_cluster
  bool stacked = false; // narrow canvas: clients and services form a band on top
};

struct SceneOptions {
  Rect canvas;
  float scale = 1.f;
  float clients_w = 104.f, services_w = 224.f, band_h = 104.f, service_h = 104.f, gap = 10.f;
  float stack_below_w = 760.f;  // narrower canvases stack (phones)
};

// Services of every namespace except kube-system (on phones only those with a selector), in store order.
SceneLayout layout_scene(const store::Store& s, const SceneOptions& o);

// [SECTION] motion helpers
// Exponential approach of `from` to `to` after dt seconds with the given half-life: used only to
// glide pods between slots when their slot index changes (a purely cosmetic smoothing).
Vec2 approach(Vec2 from, Vec2 to, float dt_s, float half_life_s);
Vec2 lerp(Vec2 a, Vec2 b, float t);

}  // namespace kubesim::web
