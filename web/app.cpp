// kubesim web — app.cpp: the ImGui UI over the engine.
//
// Index of this file:
// [SECTION] helpers (colours, time text, small widgets)
// [SECTION] Impl: state kept between frames
// [SECTION] fonts and theme
// [SECTION] simulation stepping (play / pause / speed / seek / load generator)
// [SECTION] panel layout
// [SECTION] top bar: time controls and timeline
// [SECTION] cluster canvas: scene cache, services, nodes, pods (instanced), particles, overlays
// [SECTION] legend
// [SECTION] deployment panel
// [SECTION] events panel
// [SECTION] inspector
// [SECTION] terminal panel
// [SECTION] App: public API
#include "app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "imgui.h"
#include "imgui_internal.h"
#include "kubectl/kubectl.h"
#include "look.h"

namespace kubesim::web {

// [SECTION] helpers ===============================================================================
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

ImU32 col(const Rgba& c, float alpha_mul = 1.f) { return ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, c.a * alpha_mul)); }
ImU32 rgba(float r, float g, float b, float a = 1.f) { return ImGui::GetColorU32(ImVec4(r, g, b, a)); }
ImVec2 iv(Vec2 v) { return {v.x, v.y}; }

// Theme colours (one place).
const Rgba kBg{0.050f, 0.060f, 0.075f, 1.f};
const Rgba kPanel{0.082f, 0.094f, 0.114f, 1.f};
const Rgba kPanel2{0.106f, 0.122f, 0.149f, 1.f};
const Rgba kBorder{0.180f, 0.200f, 0.240f, 1.f};
const Rgba kText{0.902f, 0.914f, 0.929f, 1.f};
const Rgba kDim{0.560f, 0.590f, 0.640f, 1.f};
const Rgba kAccent{0.310f, 0.610f, 1.000f, 1.f};
const Rgba kGood{0.300f, 0.880f, 0.470f, 1.f};
const Rgba kWarn{1.000f, 0.760f, 0.220f, 1.f};
const Rgba kBad{1.000f, 0.360f, 0.360f, 1.f};

// "12s", "3m05s", "1h02m" — short durations for labels.
std::string short_duration(int64_t ms) {
  if (ms < 0) ms = 0;
  int64_t s = ms / 1000;
  char b[32];
  if (s < 60) std::snprintf(b, sizeof b, "%llds", static_cast<long long>(s));
  else if (s < 3600) std::snprintf(b, sizeof b, "%lldm%02llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
  else std::snprintf(b, sizeof b, "%lldh%02lldm", static_cast<long long>(s / 3600), static_cast<long long>((s / 60) % 60));
  return b;
}
// "+1.25s" relative time with sub-second precision (inspector timelines).
std::string rel_time(int64_t ms) {
  char b[32];
  if (ms < 60000) std::snprintf(b, sizeof b, "+%.2fs", ms / 1000.0);
  else std::snprintf(b, sizeof b, "+%s", short_duration(ms).c_str());
  return b;
}
// Wall clock of the simulated world, "10:02:13" (UTC).
std::string clock_text(int64_t epoch_ms) {
  int64_t s = (epoch_ms / 1000) % 86400;
  if (s < 0) s += 86400;
  char b[16];
  std::snprintf(b, sizeof b, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600), static_cast<long long>((s / 60) % 60),
                static_cast<long long>(s % 60));
  return b;
}

// A rounded "chip" with text; returns its size.
ImVec2 chip(ImDrawList* dl, ImVec2 pos, const char* text, ImU32 fg, ImU32 bg, float pad_x, float pad_y, ImFont* font = nullptr) {
  ImFont* f = font ? font : ImGui::GetFont();
  float fs = f->FontSize;
  ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0.f, text);
  ImVec2 size(ts.x + pad_x * 2, ts.y + pad_y * 2);
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), bg, size.y * 0.5f);
  dl->AddText(f, fs, ImVec2(pos.x + pad_x, pos.y + pad_y), fg, text);
  return size;
}

void text_colored(const Rgba& c, const char* s) { ImGui::TextColored(ImVec4(c.r, c.g, c.b, c.a), "%s", s); }

bool key_pressed(ImGuiKey k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); }

std::string pod_short_name(const std::string& name) {
  auto dash = name.rfind('-');
  return dash == std::string::npos ? name : name.substr(dash + 1);
}

// East Asian wide characters take two terminal columns.
bool is_wide(unsigned cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6);
}
unsigned decode_utf8(const std::string& s, size_t i, size_t* next) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *next = i + n;
  return cp;
}

}  // namespace

// [SECTION] Impl ==================================================================================
struct Selection {
  store::Kind kind = store::Kind::Pod;
  store::Key key;
  bool active = false;
  bool operator==(const Selection& o) const { return active == o.active && kind == o.kind && key == o.key; }
};

struct VRow {          // one visual row of the terminal
  uint32_t line = 0;   // index into the scrollback (or UINT32_MAX for the live line)
  uint32_t begin = 0, end = 0;  // byte range
  bool continued = false;       // the next row continues this logical line (a wrap, no newline)
};

struct App::Impl {
  App& app;
  explicit Impl(App& a) : app(a) {}

  // fonts
  std::vector<unsigned char> ttf[3];
  ImFont* font_ui = nullptr;
  ImFont* font_small = nullptr;
  ImFont* font_head = nullptr;
  ImFont* font_big = nullptr;
  ImFont* font_mono = nullptr;
  float mono_advance = 8.f;
  bool want_korean_font = false;

  // GL
  PodRenderer renderer;
  bool gl_ready = false;
  std::vector<PodInstance> instances;
  struct DrawRange { Impl* self = nullptr; int first = 0, count = 0; };
  DrawRange pod_range, legend_range;
  float sim_seconds_wrapped = 0;

  // simulation stepping
  double carry_ms = 0;
  int64_t furthest_ms = 0;
  double load_rps = 0;
  std::string load_service;  // "<ns>/<name>"
  bool scrubbing = false;

  // panel rects (framebuffer px)
  Rect top_rect, canvas_rect, terminal_rect, deploy_rect, side_rect;
  bool narrow = false;
  int narrow_tab = 0;  // 0 terminal, 1 deployments, 2 inspector, 3 events
  int side_tab = 0;    // wide layout: 0 inspector, 1 events
  bool force_side_tab = false;

  // canvas
  float zoom = 1.f;
  Vec2 pan;
  bool show_system = false;
  bool show_legend = true;
  bool legend_chosen = false;  // until the user toggles it, the legend shows on wide screens only
  SceneLayout scene;
  ClusterLayout cluster;
  uint64_t layout_sig = 0;
  Rect layout_area;
  std::unordered_map<std::string, int> palette;
  std::vector<int> spot_palette;  // per cluster.pods
  std::unordered_map<const api::Pod*, int> spot_of_;  // pod → index in cluster.pods (built on demand)
  uint64_t spot_of_gen = ~0ull;
  const std::unordered_map<const api::Pod*, int>& spot_of() {
    if (spot_of_gen != layout_gen) {
      spot_of_gen = layout_gen;
      spot_of_.clear();
      spot_of_.reserve(cluster.pods.size() * 2);
      for (size_t i = 0; i < cluster.pods.size(); ++i)
        if (!cluster.pods[i].tombstone) spot_of_[cluster.pods[i].pod] = static_cast<int>(i);
    }
    return spot_of_;
  }
  std::unordered_map<std::string, Vec2> smooth_pos;   // uid → displayed world position
  std::vector<Vec2> spot_screen;                      // per cluster.pods, this frame
  std::vector<float> spot_radius;
  std::vector<float> spot_flash;
  // Looks per spot. A look only changes with a write to its pod, except the time-driven ones
  // (pull progress, grace and back-off countdowns, fades): those are recomputed every frame, the
  // rest only when the store or the layout changed. A steady 10,000-pod cluster costs little.
  std::vector<uint8_t> spot_dynamic;
  uint64_t layout_gen = 0, looks_gen = ~0ull;
  int particles_drawn = 0;
  const PodSpot* hovered = nullptr;
  Selection sel;
  RolloutMeter meter;
  bool any_rolling = false;

  // deployments and pod counts (rebuilt when a pod, ReplicaSet or Deployment changes)
  std::vector<RolloutView> rollouts;
  uint64_t workload_sig = 0;
  uint64_t world_rv = ~0ull;   // the store's resourceVersion when the signatures were computed
  bool world_system = false;
  bool world_dirty = true;     // the store changed: looks and views are refreshed this frame
  Clock::time_point world_at{};
  uint64_t views_sig = 0;      // workload_sig the Deployment views were built for
  std::vector<StateCounts> counted;  // live pods by look per palette index (from the canvas pass)
  struct Counts { int total = 0, running = 0, pending = 0, terminating = 0, failing = 0; } counts;

  // events
  std::vector<api::Event> events_sorted;  // copies: the store may drop events between refreshes
  uint64_t events_sig = 0;
  int64_t mirror_events_ms = 0;
  bool events_warnings_only = false;
  ImGuiTextFilter events_filter;
  bool events_follow = true;
  Clock::time_point events_at{};

  // inspector
  Selection described;
  std::string describe_text;
  uint64_t describe_rv = 0;
  Clock::time_point describe_at{};

  // terminal
  bool term_focused = false;
  std::string preedit;
  std::vector<VRow> rows;          // scrollback rows (without the live line)
  uint64_t rows_version = ~0ull, rows_dropped = ~0ull;
  int rows_cols = -1;
  size_t rows_lines = 0;
  std::string live;                // last partial line + prompt + input (+ preedit)
  size_t live_prefix = 0;          // bytes of `live` before the input (partial line + prompt)
  bool term_follow = true;
  float term_last_max_scroll = 0;
  struct Cell { int64_t row = -1; int col = 0; };
  Cell sel_a, sel_b;
  bool selecting = false;
  Clock::time_point blink_epoch = Clock::now();
  float last_input_x = -1, last_input_y = -1;
  bool last_focus_sent = false;
  Rect term_hit;                   // the terminal's text area (for DOM hit tests)

  // stats: per frame, and where the UI's time goes (sections, for frameStats().sections)
  enum Section { kSecWorld, kSecViews, kSecLayout, kSecInstances, kSecLabels, kSecPanels, kSecEvents, kSecRender, kSecCount };
  static constexpr const char* kSectionNames[kSecCount] = {"world", "views", "layout", "instances", "labels", "panels", "events", "render"};
  double sec_ms[kSecCount] = {};
  struct Timed {  // adds the scope's duration to a section of this frame
    double& acc;
    Clock::time_point t0 = Clock::now();
    explicit Timed(double& a) : acc(a) {}
    ~Timed() { acc += ms_since(t0); }
  };
  struct FrameSample { double engine_ms, ui_ms; int pods; int particles; double sections[kSecCount]; };
  std::deque<FrameSample> samples;
  int last_draw_calls = 0;

  // [SECTION] per-frame entry points (defined below)
  void apply_theme();
  void step(double real_dt);
  void advance_to(int64_t target);
  void seek(int64_t t);
  void layout_panels();
  void build_ui();
  void top_bar();
  void canvas_panel();
  void update_scene(const Rect& area);
  void draw_scene(ImDrawList* dl, const Rect& clip);
  void build_instances();
  void draw_overlays(ImDrawList* dl, const Rect& area);
  void legend(ImDrawList* dl, const Rect& strip);
  float legend_height(float width) const;
  void deploy_panel(bool as_child);
  void events_panel(bool as_child);
  void inspector_panel(bool as_child);
  void terminal_panel(bool as_child);
  void terminal_rows(int cols);
  void mirror_new_events();
  void select(store::Kind k, const store::Key& key);
  Vec2 to_screen(Vec2 world) const {
    const Rect& a = cluster.area;
    return {a.x + (world.x - a.x) * zoom + pan.x, a.y + (world.y - a.y) * zoom + pan.y};
  }
  Vec2 to_world(Vec2 screen) const {
    const Rect& a = cluster.area;
    return {a.x + (screen.x - a.x - pan.x) / zoom, a.y + (screen.y - a.y - pan.y) / zoom};
  }
  float s() const { return app.opts_.dpr; }
  const Cluster& cl() const { return app.engine_.cluster(); }
  const store::Store& st() const { return app.engine_.cluster().store; }
  int64_t now() const { return app.engine_.now(); }
  std::string continuation;  // lines of an unfinished command (bash's "> " prompt)
  std::string prompt() const { return continuation.empty() ? app.engine_.prompt() : "> "; }
  // A line entered at the prompt (typed or pasted): echoed, then run, or kept when bash would
  // ask for more (unterminated quote, trailing backslash …).
  void enter_line(const std::string& line);
  void write_output(const Output& out);
  void complete();
};

static void draw_pods_callback(const ImDrawList*, const ImDrawCmd* cmd) {
  auto* r = static_cast<App::Impl::DrawRange*>(cmd->UserCallbackData);
  if (!r || !r->self || r->count <= 0) return;
  ImGuiIO& io = ImGui::GetIO();
  float clip[4] = {cmd->ClipRect.x, cmd->ClipRect.y, cmd->ClipRect.z, cmd->ClipRect.w};
  r->self->renderer.draw(r->first, r->count, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y), clip,
                         r->self->sim_seconds_wrapped, r->self->s());
}

// [SECTION] fonts and theme =======================================================================
void App::Impl::apply_theme() {
  ImGuiStyle style;  // start from defaults, then scale: ScaleAllSizes must run on unscaled values
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 8;
  style.ChildRounding = 6;
  style.FrameRounding = 5;
  style.PopupRounding = 6;
  style.GrabRounding = 5;
  style.TabRounding = 5;
  style.ScrollbarRounding = 6;
  style.WindowBorderSize = 1;
  style.FrameBorderSize = 0;
  style.WindowPadding = ImVec2(10, 8);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 12;
  style.WindowTitleAlign = ImVec2(0.f, 0.5f);
  ImVec4* c = style.Colors;
  auto v = [](const Rgba& x, float a = -1) { return ImVec4(x.r, x.g, x.b, a < 0 ? x.a : a); };
  c[ImGuiCol_WindowBg] = v(kPanel);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = v(kPanel2, 0.98f);
  c[ImGuiCol_Border] = v(kBorder);
  c[ImGuiCol_Text] = v(kText);
  c[ImGuiCol_TextDisabled] = v(kDim);
  c[ImGuiCol_TitleBg] = v(kPanel2);
  c[ImGuiCol_TitleBgActive] = v(kPanel2);
  c[ImGuiCol_TitleBgCollapsed] = v(kPanel2);
  c[ImGuiCol_FrameBg] = ImVec4(0.13f, 0.15f, 0.19f, 1);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.17f, 0.20f, 0.25f, 1);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.20f, 0.24f, 0.30f, 1);
  c[ImGuiCol_Button] = ImVec4(0.15f, 0.18f, 0.22f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.20f, 0.24f, 0.30f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.25f, 0.31f, 0.40f, 1);
  c[ImGuiCol_Header] = ImVec4(0.18f, 0.22f, 0.28f, 1);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.21f, 0.26f, 0.34f, 1);
  c[ImGuiCol_HeaderActive] = ImVec4(0.25f, 0.31f, 0.40f, 1);
  c[ImGuiCol_Tab] = ImVec4(0.12f, 0.14f, 0.17f, 1);
  c[ImGuiCol_TabHovered] = ImVec4(0.22f, 0.27f, 0.35f, 1);
  c[ImGuiCol_TabActive] = ImVec4(0.19f, 0.23f, 0.30f, 1);
  c[ImGuiCol_TabUnfocused] = c[ImGuiCol_Tab];
  c[ImGuiCol_TabUnfocusedActive] = c[ImGuiCol_TabActive];
  c[ImGuiCol_SliderGrab] = v(kAccent);
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.45f, 0.70f, 1.f, 1);
  c[ImGuiCol_CheckMark] = v(kAccent);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableHeaderBg] = v(kPanel2);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.025f);
  c[ImGuiCol_TableBorderLight] = v(kBorder, 0.6f);
  c[ImGuiCol_TableBorderStrong] = v(kBorder);
  c[ImGuiCol_Separator] = v(kBorder);
  c[ImGuiCol_TextSelectedBg] = ImVec4(0.31f, 0.61f, 1.f, 0.35f);
  style.ScaleAllSizes(s());
  ImGui::GetStyle() = style;
}

void App::build_fonts() {
  Impl& m = *impl_;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float sc = opts_.dpr;
  // Symbols the UI uses (arrows, bullets, check marks, geometric shapes) on top of Latin-1.
  static const ImWchar kUiRanges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2030, 0x205E, 0x2190, 0x21FF, 0x2200, 0x22FF,
                                      0x2300, 0x23FF, 0x2500, 0x25FF, 0x2600, 0x26FF, 0x2700, 0x27BF, 0};
  static const ImWchar kMonoRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027, 0x2190, 0x21FF, 0x2500, 0x259F, 0};
  // Korean: the UI needs only the glyphs of its translations; the terminal gets every syllable.
  static ImVector<ImWchar> ko_ui_ranges;
  bool korean = !m.ttf[2].empty() && language() == Lang::Ko;
  if (korean && ko_ui_ranges.empty()) {
    ImFontGlyphRangesBuilder b;
    b.AddText(korean_ui_text().c_str());
    b.BuildRanges(&ko_ui_ranges);
  }
  auto add = [&](FontSlot slot, float px, const ImWchar* ranges, bool merge_ko, const ImWchar* ko_ranges, float ko_adv) -> ImFont* {
    auto& data = m.ttf[static_cast<int>(slot)];
    ImFont* f = nullptr;
    if (!data.empty()) {
      ImFontConfig cfg;
      cfg.FontDataOwnedByAtlas = false;  // the app keeps the bytes: the atlas is rebuilt on language/DPR change
      cfg.OversampleH = 2;
      cfg.OversampleV = 1;
      cfg.PixelSnapH = slot == FontSlot::Mono;
      f = io.Fonts->AddFontFromMemoryTTF(data.data(), static_cast<int>(data.size()), px, &cfg, ranges);
    }
    if (!f) {
      ImFontConfig cfg;
      cfg.SizePixels = px;
      f = io.Fonts->AddFontDefault(&cfg);
    }
    if (merge_ko && korean) {
      ImFontConfig cfg;
      cfg.MergeMode = true;
      cfg.FontDataOwnedByAtlas = false;
      cfg.OversampleH = 1;
      cfg.OversampleV = 1;
      if (ko_adv > 0) { cfg.GlyphMinAdvanceX = ko_adv; cfg.GlyphMaxAdvanceX = ko_adv; }
      io.Fonts->AddFontFromMemoryTTF(m.ttf[2].data(), static_cast<int>(m.ttf[2].size()), px, &cfg, ko_ranges);
    }
    return f;
  };
  const float mono_px = std::round(14.f * sc);
  static const ImWchar kHangul[] = {0x1100, 0x11FF, 0x3130, 0x318F, 0xAC00, 0xD7A3, 0};
  auto build_all = [&](float ko_advance) {
    io.Fonts->Clear();
    m.font_ui = add(FontSlot::Ui, std::round(15.f * sc), kUiRanges, true, ko_ui_ranges.Data, 0);
    m.font_small = add(FontSlot::Ui, std::round(12.5f * sc), kUiRanges, true, ko_ui_ranges.Data, 0);
    m.font_head = add(FontSlot::Ui, std::round(17.f * sc), kUiRanges, true, ko_ui_ranges.Data, 0);
    m.font_big = add(FontSlot::Ui, std::round(24.f * sc), kUiRanges, false, nullptr, 0);
    // Terminal: Hangul is forced to exactly two columns so tables stay aligned.
    m.font_mono = add(FontSlot::Mono, mono_px, kMonoRanges, ko_advance > 0, kHangul, ko_advance);
    io.Fonts->Build();
  };
  build_all(0);
  m.mono_advance = m.font_mono->CalcTextSizeA(mono_px, FLT_MAX, 0.f, "M").x;
  if (korean) build_all(m.mono_advance * 2);  // now that the column width is known
  io.FontDefault = m.font_ui;
  m.rows_cols = -1;  // glyph widths changed: re-wrap the terminal
  fonts_dirty_ = false;
  m.apply_theme();
}

// [SECTION] simulation stepping ===================================================================
void App::Impl::step(double real_dt) {
  if (!app.playing_ || scrubbing) return;
  // A background tab or a slow frame must not make the simulation leap (or spiral): at most
  // 100 ms of real time is simulated per frame.
  double dt = std::clamp(real_dt, 0.0, 0.1);
  carry_ms += dt * app.speed_ * 1000.0;
  int64_t ms = static_cast<int64_t>(carry_ms);
  if (ms <= 0) return;
  carry_ms -= static_cast<double>(ms);
  advance_to(now() + ms);
}

void App::Impl::advance_to(int64_t target) {
  Engine& e = app.engine_;
  // After a rewind the command log still holds the commands typed later: replay the ones whose
  // time comes up (seek replays the log up to the given time).
  const auto& log = e.command_log();
  if (!log.empty() && log.back().at_ms > e.now()) {
    for (auto& rec : log) {
      if (rec.at_ms > e.now() && rec.at_ms <= target) {
        e.seek(target);
        break;
      }
    }
  }
  int64_t from = e.now();
  // While a rewound future is replaying, the load generator waits: a request, like a new command,
  // would cut that future off.
  bool replaying = !log.empty() && log.back().at_ms > from;
  if (target > from && load_rps > 0 && !load_service.empty() && !replaying) {
    auto slash = load_service.find('/');
    std::string ns = load_service.substr(0, slash), name = load_service.substr(slash + 1);
    if (st().services().get(ns, name)) {
      int64_t due = requests_due(load_rps, from, target);
      // Spread the frame's requests over its time slice so particles do not bunch up.
      int64_t n = std::min<int64_t>(due, 400);
      for (int64_t i = 0; i < n; ++i) {
        e.run_until(from + (target - from) * (i + 1) / n);
        e.send_request(ns, name);
      }
    }
  }
  if (target > e.now()) e.run_until(target);
  furthest_ms = std::max(furthest_ms, e.now());
}

void App::Impl::seek(int64_t t) {
  app.engine_.seek(t);
  meter.reset();
  smooth_pos.clear();
  layout_sig = 0;
  events_sig = 0;
  events_sorted.clear();  // the old pointers belong to the replaced world
  describe_rv = 0;
  mirror_events_ms = now();
}

// [SECTION] panel layout ==========================================================================
void App::Impl::layout_panels() {
  ImGuiIO& io = ImGui::GetIO();
  float W = io.DisplaySize.x, H = io.DisplaySize.y, sc = s();
  narrow = W < 900 * sc;
  float top_h = std::round((narrow ? 86 : 46) * sc);
  float gap = std::round(6 * sc);
  top_rect = {0, 0, W, top_h};
  if (!narrow) {
    float side_w = std::clamp(W * 0.31f, 340 * sc, 560 * sc);
    float left_w = W - side_w - gap * 3;
    float body_h = H - top_h - gap * 2;
    float canvas_h = std::round(body_h * 0.60f);
    canvas_rect = {gap, top_h + gap, left_w, canvas_h};
    terminal_rect = {gap, canvas_rect.bottom() + gap, left_w, H - canvas_rect.bottom() - gap * 2};
    float deploy_h = std::round(body_h * 0.50f);
    deploy_rect = {canvas_rect.right() + gap, top_h + gap, side_w, deploy_h};
    side_rect = {deploy_rect.x, deploy_rect.bottom() + gap, side_w, H - deploy_rect.bottom() - gap * 2};
  } else {
    float body_h = H - top_h - gap * 2;
    float canvas_h = std::round(body_h * 0.46f);
    canvas_rect = {gap, top_h + gap, W - gap * 2, canvas_h};
    terminal_rect = {gap, canvas_rect.bottom() + gap, W - gap * 2, H - canvas_rect.bottom() - gap * 2};
    deploy_rect = side_rect = terminal_rect;
  }
}

static void begin_panel(const char* id, const Rect& r, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
  ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus | extra);
}

void App::Impl::build_ui() {
  layout_panels();
  // Did the world change since the last frame? A store whose resourceVersion did not move changed
  // nowhere. When it did, the canvas rebuilds its layout and looks in one pass over the pods. Big
  // clusters do that at most 4 to 10 times a second; looks that move with time (pull progress,
  // countdowns, fades) are still updated every frame.
  {
    const store::Store& S = st();
    bool changed = S.resource_version() != world_rv || show_system != world_system;
    double min_ms = S.pods().size() < 2000 ? 0 : S.pods().size() < 5000 ? 100 : 250;
    if (changed && ms_since(world_at) >= min_ms) {
      Timed timed(sec_ms[kSecWorld]);
      world_rv = S.resource_version();
      world_system = show_system;
      world_at = Clock::now();
      world_dirty = true;
      uint64_t w = 1469598103934665603ull;
      auto mixw = [&](uint64_t v) { w ^= v; w *= 1099511628211ull; };
      for (auto& [k, rs] : S.replicasets()) mixw(rs.metadata.resource_version);
      for (auto& [k, d] : S.deployments()) mixw(d.metadata.resource_version);
      mixw(S.replicasets().size() * 31 + S.deployments().size());
      workload_sig = w;
    }
  }
  sim_seconds_wrapped = static_cast<float>(std::fmod(static_cast<double>(now() - app.engine_.start_time()) / 1000.0, 600.0));
  top_bar();
  canvas_panel();
  Timed timed_panels(sec_ms[kSecPanels]);
  if (!narrow) {
    terminal_panel(false);
    deploy_panel(false);
    begin_panel("##side", side_rect, ImGuiWindowFlags_NoTitleBar);
    if (ImGui::BeginTabBar("side")) {
      ImGuiTabItemFlags f0 = force_side_tab && side_tab == 0 ? ImGuiTabItemFlags_SetSelected : 0;
      ImGuiTabItemFlags f1 = force_side_tab && side_tab == 1 ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(tr("Inspector"), nullptr, f0)) { side_tab = 0; inspector_panel(true); ImGui::EndTabItem(); }
      if (ImGui::BeginTabItem(tr("Events"), nullptr, f1)) { side_tab = 1; events_panel(true); ImGui::EndTabItem(); }
      ImGui::EndTabBar();
    }
    force_side_tab = false;
    ImGui::End();
  } else {
    begin_panel("##bottom", terminal_rect, ImGuiWindowFlags_NoTitleBar);
    if (ImGui::BeginTabBar("bottom")) {
      const char* names[4] = {tr("Terminal"), tr("Deployments"), tr("Inspector"), tr("Events")};
      for (int i = 0; i < 4; ++i) {
        ImGuiTabItemFlags f = force_side_tab && narrow_tab == i ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem(names[i], nullptr, f)) {
          narrow_tab = i;
          if (i == 0) terminal_panel(true);
          if (i == 1) deploy_panel(true);
          if (i == 2) inspector_panel(true);
          if (i == 3) events_panel(true);
          ImGui::EndTabItem();
        }
      }
      ImGui::EndTabBar();
    }
    force_side_tab = false;
    ImGui::End();
    if (narrow_tab != 0 && term_focused) app.host_.focus_terminal(false);
  }
  mirror_new_events();

  // Global shortcuts (when no text field and not the terminal has the keyboard).
  ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput && !term_focused) {
    if (key_pressed(ImGuiKey_Space)) { if (app.playing_) app.pause(); else app.play(app.speed_); }
  }
}

// [SECTION] top bar ===============================================================================
// A button with a drawn icon (no icon font needed): 0 play, 1 pause, 2 step.
static bool icon_button(const char* id, int icon, float size, bool active) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  bool pressed = ImGui::InvisibleButton(id, ImVec2(size, size));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  bool hov = ImGui::IsItemHovered();
  ImU32 bg = active ? rgba(0.20f, 0.36f, 0.62f) : hov ? rgba(0.20f, 0.24f, 0.30f) : rgba(0.15f, 0.18f, 0.22f);
  dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), bg, size * 0.25f);
  ImU32 fg = rgba(0.92f, 0.94f, 0.96f);
  float c = size * 0.5f, k = size * 0.22f;
  ImVec2 m(p.x + c, p.y + c);
  if (icon == 0) {
    dl->AddTriangleFilled(ImVec2(m.x - k * 0.8f, m.y - k), ImVec2(m.x - k * 0.8f, m.y + k), ImVec2(m.x + k * 1.1f, m.y), fg);
  } else if (icon == 1) {
    dl->AddRectFilled(ImVec2(m.x - k, m.y - k), ImVec2(m.x - k * 0.3f, m.y + k), fg, 1.f);
    dl->AddRectFilled(ImVec2(m.x + k * 0.3f, m.y - k), ImVec2(m.x + k, m.y + k), fg, 1.f);
  } else {
    dl->AddTriangleFilled(ImVec2(m.x - k, m.y - k), ImVec2(m.x - k, m.y + k), ImVec2(m.x + k * 0.6f, m.y), fg);
    dl->AddRectFilled(ImVec2(m.x + k * 0.6f, m.y - k), ImVec2(m.x + k, m.y + k), fg, 1.f);
  }
  return pressed;
}

void App::Impl::top_bar() {
  const float sc = s();
  ImGui::SetNextWindowPos(ImVec2(top_rect.x, top_rect.y));
  ImGui::SetNextWindowSize(ImVec2(top_rect.w, top_rect.h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(kBg.r, kBg.g, kBg.b, 1));
  ImGui::Begin("##top", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float btn = std::round(28 * sc);
  float y = std::round(((narrow ? 46 * sc : top_rect.h) - btn) * 0.5f);
  ImGui::SetCursorPos(ImVec2(10 * sc, y));

  // Logo: a small hexagon and the name.
  {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float r = btn * 0.42f;
    ImVec2 c(p.x + r, p.y + btn * 0.5f);
    ImVec2 pts[6];
    for (int i = 0; i < 6; ++i) pts[i] = ImVec2(c.x + r * std::cos(i * 1.0472f + 0.5236f), c.y + r * std::sin(i * 1.0472f + 0.5236f));
    dl->AddConvexPolyFilled(pts, 6, col(kAccent));
    dl->AddCircle(c, r * 0.42f, rgba(1, 1, 1, 0.95f), 16, 1.6f * sc);
    ImGui::SetCursorScreenPos(ImVec2(p.x + r * 2 + 8 * sc, p.y + (btn - font_head->FontSize) * 0.5f));
    if (!narrow) {
      ImGui::PushFont(font_head);
      ImGui::TextUnformatted("kubesim");
      ImGui::PopFont();
      ImGui::SameLine(0, 14 * sc);
    }
  }
  if (!narrow && !app.opts_.embed) {
    ImGui::SetCursorPosY(y + (btn - ImGui::GetTextLineHeight()) * 0.5f);
    int nodes = static_cast<int>(st().nodes().size());
    ImGui::TextDisabled("minikube · %s · %d %s", cl().options.kubernetes_version.c_str(), nodes, nodes == 1 ? tr("node") : tr("nodes"));
    ImGui::SameLine(0, 16 * sc);
  }
  ImGui::SetCursorPosY(y);
  if (icon_button("##play", app.playing_ ? 1 : 0, btn, false)) { if (app.playing_) app.pause(); else app.play(app.speed_); }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.playing_ ? tr("Pause (Space)") : tr("Play (Space)"));
  ImGui::SameLine(0, 4 * sc);
  static const double kSpeeds[] = {1, 2, 5, 20};
  if (narrow) {  // one button that cycles through the speeds
    char label[16];
    std::snprintf(label, sizeof label, "%g×", app.speed_);
    ImGui::SetCursorPosY(y);
    if (ImGui::Button(label, ImVec2(btn * 1.6f, btn))) {
      double next = kSpeeds[0];
      for (double sp : kSpeeds) if (sp > app.speed_ + 1e-9) { next = sp; break; }
      app.play(next);
    }
    ImGui::SameLine(0, 3 * sc);
  }
  for (double sp : kSpeeds) {
    if (narrow) break;
    char label[16];
    std::snprintf(label, sizeof label, "%g×", sp);
    bool on = app.playing_ && app.speed_ == sp;
    ImGui::PushStyleColor(ImGuiCol_Button, on ? ImVec4(0.20f, 0.36f, 0.62f, 1) : ImGui::GetStyle().Colors[ImGuiCol_Button]);
    ImGui::SetCursorPosY(y);
    if (ImGui::Button(label, ImVec2(0, btn))) app.play(sp);
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 3 * sc);
  }
  ImGui::SetCursorPosY(y);
  if (icon_button("##step", 2, btn, false)) {
    app.pause();
    advance_to(now() + 1000);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Step: pause and advance 1 simulated second"));
  ImGui::SameLine(0, 12 * sc);

  // The simulated clock.
  int64_t elapsed = now() - app.engine_.start_time();
  ImGui::SetCursorPosY(y + (btn - font_head->FontSize) * 0.5f);
  ImGui::PushFont(font_head);
  ImGui::TextUnformatted(clock_text(now()).c_str());
  ImGui::PopFont();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Simulated time (UTC)"));
  ImGui::SameLine(0, 6 * sc);
  ImGui::SetCursorPosY(y + (btn - ImGui::GetTextLineHeight()) * 0.5f);
  ImGui::TextDisabled("+%s", short_duration(elapsed).c_str());
  ImGui::SameLine(0, 14 * sc);

  // Timeline: from the start to the furthest moment reached; command ticks; drag to travel.
  float lang_w = std::round(54 * sc);
  if (narrow) {  // second row on phones
    ImGui::NewLine();
    y = std::round(top_rect.h - btn - 9 * sc);
    ImGui::SetCursorPos(ImVec2(10 * sc, y));
  }
  float avail = ImGui::GetContentRegionAvail().x - lang_w - 10 * sc;
  if (avail > 80 * sc) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    p.y = top_rect.y + y;
    ImGui::SetCursorScreenPos(p);
    ImGui::InvisibleButton("##timeline", ImVec2(avail, btn));
    bool active = ImGui::IsItemActive();
    bool hovered = ImGui::IsItemHovered();
    int64_t t0 = app.engine_.start_time();
    int64_t t1 = std::max({furthest_ms, now(), t0 + 60000});
    float x0 = p.x + 6 * sc, x1 = p.x + avail - 6 * sc, cy = p.y + btn * 0.5f;
    auto x_of = [&](int64_t t) { return x0 + (x1 - x0) * static_cast<float>(static_cast<double>(t - t0) / static_cast<double>(t1 - t0)); };
    dl->AddRectFilled(ImVec2(p.x, p.y), ImVec2(p.x + avail, p.y + btn), rgba(0.11f, 0.13f, 0.16f), btn * 0.3f);
    dl->AddRectFilled(ImVec2(x0, cy - 2 * sc), ImVec2(x1, cy + 2 * sc), rgba(0.22f, 0.25f, 0.30f), 2 * sc);
    dl->AddRectFilled(ImVec2(x0, cy - 2 * sc), ImVec2(x_of(now()), cy + 2 * sc), col(kAccent), 2 * sc);
    const CommandRecord* hover_cmd = nullptr;
    float mx = ImGui::GetIO().MousePos.x;
    for (auto& rec : app.engine_.command_log()) {
      float x = x_of(rec.at_ms);
      bool future = rec.at_ms > now();
      dl->AddLine(ImVec2(x, cy - 8 * sc), ImVec2(x, cy + 8 * sc), future ? rgba(0.5f, 0.55f, 0.62f, 0.6f) : rgba(0.85f, 0.9f, 1.f, 0.85f), 1.5f * sc);
      if (hovered && std::fabs(mx - x) < 4 * sc) hover_cmd = &rec;
    }
    float hx = x_of(now());
    dl->AddCircleFilled(ImVec2(hx, cy), 6.5f * sc, rgba(1, 1, 1), 20);
    dl->AddCircleFilled(ImVec2(hx, cy), 4.0f * sc, col(kAccent), 20);
    if (hover_cmd) ImGui::SetTooltip("%s  %s\n$ %s", clock_text(hover_cmd->at_ms).c_str(), tr("command"), hover_cmd->line.c_str());
    else if (hovered && !active) {
      double f = std::clamp((mx - x0) / (x1 - x0), 0.f, 1.f);
      int64_t t = t0 + static_cast<int64_t>(f * static_cast<double>(t1 - t0));
      ImGui::SetTooltip("%s %s (+%s)", tr("Travel to"), clock_text(t).c_str(), short_duration(t - t0).c_str());
    }
    if (active) {
      scrubbing = true;
      double f = std::clamp((mx - x0) / (x1 - x0), 0.f, 1.f);
      int64_t t = t0 + static_cast<int64_t>(f * static_cast<double>(t1 - t0));
      // Seeking replays from a checkpoint: do it when the target moved by at least 100 ms.
      if (std::llabs(t - now()) >= 100) seek(t);
    } else if (scrubbing) {
      scrubbing = false;
      if (now() < furthest_ms) {
        std::string msg = fmt(tr("[time travel] now at %s: commands typed later replay as time plays on; a new command discards them."),
                              clock_text(now()).c_str());
        app.term_.write("\n" + msg + "\n", Terminal::Style::Info);
      }
    }
    ImGui::SameLine(0, 10 * sc);
  }
  // Language switch.
  ImGui::SetCursorPosY(y);
  if (ImGui::Button(language() == Lang::Ko ? "EN" : "KO", ImVec2(lang_w, btn))) app.set_language(language() == Lang::Ko ? Lang::En : Lang::Ko);
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);
}

// [SECTION] cluster canvas ========================================================================
void App::Impl::update_scene(const Rect& area) {
  Timed timed(sec_ms[kSecLayout]);
  const store::Store& S = st();
  SceneOptions so;
  so.canvas = area;
  so.scale = s();
  scene = layout_scene(S, so);

  // The layout depends on the set of pods, where they are bound and which tombstones still fade:
  // recompute only when that signature changes (a steady cluster of 10,000 pods costs nothing).
  uint64_t sig = world_rv;  // (the layout is rebuilt when the store changed: see build_ui)
  auto mix = [&](uint64_t v) { sig ^= v; sig *= 1099511628211ull; };
  mix(S.nodes().size());
  mix(S.replicasets().size());
  mix(S.deployments().size());
  LookTiming timing;
  const auto& tombs = S.pod_tombstones();
  // Fading ghosts of deleted pods: only in clusters small enough to watch single pods (each one
  // that finishes fading changes the layout).
  const bool ghosts = S.pods().size() <= 2000;
  for (auto it = tombs.rbegin(); ghosts && it != tombs.rend(); ++it) {
    if (!tombstone_visible(*it, now(), timing)) {
      if (it->timeline.deleted_ms + timing.tombstone_fade_ms <= now()) break;  // older ones are gone too
      continue;
    }
    mix(static_cast<uint64_t>(it->timeline.deleted_ms));
    mix(std::hash<std::string>{}(it->metadata.uid));  // UI-only cache key, never observable
  }
  mix(show_system ? 1 : 2);
  Rect ca = scene.cluster_area;
  uint32_t bits[4];
  std::memcpy(bits, &ca, sizeof bits);
  for (uint32_t b : bits) mix(b);
  if (sig == layout_sig && layout_sig != 0 && !world_dirty) return;
  layout_sig = sig;
  world_dirty = false;

  LayoutOptions lo;
  lo.area = ca;
  lo.scale = s();
  lo.include_system = show_system;
  lo.now_ms = now();
  if (!ghosts) lo.timing.tombstone_fade_ms = 0;
  cluster = layout_cluster(S, lo);
  ++layout_gen;
  palette = palette_by_replicaset(S);
  spot_palette.resize(cluster.pods.size());
  for (size_t i = 0; i < cluster.pods.size(); ++i) spot_palette[i] = pod_palette(*cluster.pods[i].pod, palette);
  if (smooth_pos.size() > cluster.pods.size() * 2 + 64) smooth_pos.clear();
}

struct DrawnParticle { Vec2 pos; float alpha; bool ok; bool at_service; };

void App::Impl::build_instances() {
  Timed timed(sec_ms[kSecInstances]);
  const size_t n = cluster.pods.size();
  const float sc = s();
  spot_screen.resize(n);
  spot_radius.resize(n);
  spot_flash.assign(n, 0.f);
  const float dt = ImGui::GetIO().DeltaTime;
  const bool smooth = n <= 2500;
  const int64_t t_now = now();
  // Fresh layout: its looks were computed with it; count pods for the summary and, per
  // ReplicaSet, for the Deployment panel. Otherwise only the time-driven looks move.
  const bool fresh = looks_gen != layout_gen || spot_dynamic.size() != n;
  looks_gen = layout_gen;
  spot_dynamic.resize(n);
  if (fresh) {
    counted.assign(counted.size(), StateCounts{});
    counts = {};
  }
  auto dynamic = [](const PodLook& l) {
    return l.appear < 1.f || l.state == PodState::ContainerCreating || l.state == PodState::Terminating ||
           l.state == PodState::ImagePullBackOff || l.state == PodState::CrashLoopBackOff || l.state == PodState::Deleted;
  };
  for (size_t i = 0; i < n; ++i) {
    PodSpot& sp = cluster.pods[i];
    if (!fresh) {
      if (spot_dynamic[i]) { sp.look = look_of(*sp.pod, t_now); spot_dynamic[i] = dynamic(sp.look); }
      continue;
    }
    spot_dynamic[i] = dynamic(sp.look);
    if (sp.tombstone) continue;
    PodState ps = sp.look.state;
    ++counts.total;
    if (ps == PodState::Running) ++counts.running;
    else if (ps == PodState::Pending) ++counts.pending;
    else if (ps == PodState::Terminating) ++counts.terminating;
    else if (ps == PodState::ErrImagePull || ps == PodState::ImagePullBackOff || ps == PodState::CrashLoopBackOff || ps == PodState::Failed) ++counts.failing;
    int pi = spot_palette[i];
    if (pi >= 0) {
      if (static_cast<size_t>(pi) >= counted.size()) counted.resize(static_cast<size_t>(pi) + 1);
      counted[static_cast<size_t>(pi)][static_cast<size_t>(ps)]++;
    }
  }
  if (fresh || workload_sig != views_sig) {
    // The Deployment panel's model (and the rollout meter's): from the counts above.
    Timed timed_views(sec_ms[kSecViews]);
    views_sig = workload_sig;
    rollouts.clear();
    for (auto& [k, d] : st().deployments())
      if (d.metadata.namespace_ != "kube-system") rollouts.push_back(rollout_view(st(), d, palette, t_now, &counted));
  }
  for (size_t i = 0; i < n; ++i) {
    const PodSpot& sp = cluster.pods[i];
    Vec2 w = sp.pos;
    if (smooth) {
      auto [it, inserted] = smooth_pos.try_emplace(sp.pod->metadata.uid, w);
      if (!inserted) it->second = approach(it->second, w, dt, 0.07f);
      w = it->second;
    }
    float zcell = (sp.node < 0 ? cluster.tray_cell : cluster.cell) * zoom;
    bool labels = zcell >= 58 * sc;
    Vec2 p = to_screen(w);
    if (labels) p.y -= zcell * 0.12f;
    spot_screen[i] = p;
    spot_radius[i] = zcell * (labels ? 0.27f : 0.40f);
  }
}

static Vec2 client_pos(const SceneLayout& sc, const std::string& client) {
  if (client == "loadgen") return sc.loadgen_client;
  return sc.host_client;
}

void App::Impl::canvas_panel() {
  const float sc = s();
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(kBg.r, kBg.g, kBg.b, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * sc, 6 * sc));
  begin_panel("##canvas", canvas_rect, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // Toolbar: load generator, system pods, legend, view reset.
  {
    ImGui::AlignTextToFramePadding();
    if (!narrow) {
      ImGui::TextDisabled("%s", tr("Load generator"));
      ImGui::SameLine();
    }
    std::vector<std::string> svcs;
    for (auto& [k, svc] : st().services())
      if (svc.metadata.namespace_ != "kube-system" && !svc.spec.selector.empty()) svcs.push_back(k.str());
    if (load_service.empty() && !svcs.empty()) {
      for (auto& x : svcs) if (x.find("kubernetes-bootcamp") != std::string::npos) load_service = x;
      if (load_service.empty()) load_service = svcs.front();
    }
    float rps = static_cast<float>(load_rps);
    ImGui::SetNextItemWidth(std::min(150 * sc, ImGui::GetContentRegionAvail().x * (narrow ? 0.4f : 0.25f)));
    if (ImGui::SliderFloat("##rps", &rps, 0.f, 100.f, rps <= 0 ? tr("off") : fmt("%.0f %s", rps, tr("req/s")).c_str(), ImGuiSliderFlags_AlwaysClamp))
      load_rps = std::round(rps);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Requests per simulated second sent to the Service's NodePort, like curl in a loop"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(190 * sc, ImGui::GetContentRegionAvail().x * (narrow ? 0.95f : 0.3f)));
    if (ImGui::BeginCombo("##svc", load_service.empty() ? tr("no Service") : load_service.c_str())) {
      for (auto& x : svcs)
        if (ImGui::Selectable(x.c_str(), x == load_service)) load_service = x;
      ImGui::EndCombo();
    }
    if (!narrow) ImGui::SameLine(0, 14 * sc);
    if (ImGui::Checkbox(tr("system pods"), &show_system)) layout_sig = 0;
    ImGui::SameLine();
    if (ImGui::Checkbox(tr("legend"), &show_legend)) legend_chosen = true;
    if (zoom != 1.f || pan.x != 0 || pan.y != 0) {
      ImGui::SameLine();
      if (ImGui::SmallButton(tr("reset view"))) { zoom = 1.f; pan = {}; }
    }
  }
  ImVec2 cp = ImGui::GetCursorScreenPos();
  Rect area{cp.x, cp.y + 2 * sc, canvas_rect.right() - cp.x - 8 * sc, canvas_rect.bottom() - cp.y - 8 * sc};
  Rect legend_strip;
  if (!legend_chosen) show_legend = !narrow && !app.opts_.embed;
  if (show_legend) {
    float lh = legend_height(area.w);
    legend_strip = {area.x, area.bottom() - lh, area.w, lh};
    area.h -= lh + 6 * sc;
  }
  update_scene(area);
  build_instances();
  const int64_t t_now = now();
  const store::Store& S = st();

  // [SECTION] interaction: hover, click, pan, zoom
  ImGui::SetCursorScreenPos(ImVec2(area.x, area.y));
  ImGui::InvisibleButton("##scene", ImVec2(std::max(area.w, 1.f), std::max(area.h, 1.f)));
  bool scene_hovered = ImGui::IsItemHovered();
  ImVec2 mp = ImGui::GetIO().MousePos;
  hovered = nullptr;
  int hovered_idx = -1;
  if (scene_hovered && cluster.area.contains({mp.x, mp.y})) {
    float best = 1e30f;
    for (size_t i = 0; i < cluster.pods.size(); ++i) {
      if (cluster.pods[i].tombstone) continue;
      float dx = mp.x - spot_screen[i].x, dy = mp.y - spot_screen[i].y, d = dx * dx + dy * dy;
      float r = spot_radius[i] + 4 * sc;
      if (d <= r * r && d < best) { best = d; hovered_idx = static_cast<int>(i); }
    }
    if (hovered_idx >= 0) hovered = &cluster.pods[hovered_idx];
  }
  if (scene_hovered) {
    float wheel = ImGui::GetIO().MouseWheel;
    if (wheel != 0 && cluster.area.contains({mp.x, mp.y})) app.zoom_at(std::pow(1.15f, wheel), mp.x, mp.y);
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3 * sc)) {
    ImVec2 d = ImGui::GetIO().MouseDelta;
    pan.x += d.x;
    pan.y += d.y;
  }
  if (ImGui::IsItemDeactivated() && !ImGui::IsMouseDragPastThreshold(ImGuiMouseButton_Left, 3 * sc)) {
    // A click (not a drag): select what is under the mouse.
    if (hovered) {
      select(store::Kind::Pod, {hovered->pod->metadata.namespace_, hovered->pod->metadata.name});
    } else {
      bool picked = false;
      for (auto& sb : scene.services)
        if (sb.rect.contains({mp.x, mp.y})) {
          select(store::Kind::Service, {sb.service->metadata.namespace_, sb.service->metadata.name});
          picked = true;
        }
      if (!picked && cluster.area.contains({mp.x, mp.y})) {
        Vec2 w = to_world({mp.x, mp.y});
        int ni = node_at(cluster, w);
        if (ni >= 0) { select(store::Kind::Node, {"", cluster.nodes[ni].node->metadata.name}); picked = true; }
      }
      if (!picked) sel.active = false;
    }
  }
  if (scene_hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && !hovered) { zoom = 1.f; pan = {}; }

  // [SECTION] background, clients, services
  dl->PushClipRect(ImVec2(area.x, area.y), ImVec2(area.right(), area.bottom()), true);
  {
    float step = 26 * sc;
    ImU32 dot = rgba(1, 1, 1, 0.045f);
    for (float y = area.y + step * 0.5f; y < area.bottom(); y += step)
      for (float x = area.x + step * 0.5f; x < area.right(); x += step) dl->AddRectFilled(ImVec2(x, y), ImVec2(x + 1.5f * sc, y + 1.5f * sc), dot);
  }
  // Clients
  {
    Vec2 h = scene.host_client;
    float w = 30 * sc, hh = 20 * sc;
    dl->AddRectFilled(ImVec2(h.x - w * 0.5f, h.y - hh), ImVec2(h.x + w * 0.5f, h.y), rgba(0.20f, 0.24f, 0.30f), 3 * sc);
    dl->AddRectFilled(ImVec2(h.x - w * 0.5f + 3 * sc, h.y - hh + 3 * sc), ImVec2(h.x + w * 0.5f - 3 * sc, h.y - 3 * sc), rgba(0.10f, 0.30f, 0.55f), 2 * sc);
    dl->AddRectFilled(ImVec2(h.x - w * 0.62f, h.y + 1 * sc), ImVec2(h.x + w * 0.62f, h.y + 4 * sc), rgba(0.30f, 0.34f, 0.40f), 2 * sc);
    const char* you = tr("you (curl)");
    ImVec2 ts = font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, you);
    dl->AddText(font_small, font_small->FontSize, ImVec2(h.x - ts.x * 0.5f, h.y + 7 * sc), col(kDim), you);

    Vec2 g = scene.loadgen_client;
    ImU32 lg = load_rps > 0 ? col(kAccent) : rgba(0.35f, 0.38f, 0.44f);
    for (int i = 0; i < 3; ++i) dl->AddCircleFilled(ImVec2(g.x - 9 * sc + i * 9 * sc, g.y - 8 * sc), 3.5f * sc, lg, 12);
    dl->AddRect(ImVec2(g.x - 16 * sc, g.y - 16 * sc), ImVec2(g.x + 16 * sc, g.y), lg, 4 * sc, 0, 1.2f * sc);
    std::string lbl = load_rps > 0 ? fmt("%s\n%.0f %s", tr("load generator"), load_rps, tr("req/s")) : std::string(tr("load generator")) + "\n" + tr("off");
    ts = font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, lbl.c_str());
    dl->AddText(font_small, font_small->FontSize, ImVec2(g.x - ts.x * 0.5f, g.y + 5 * sc), col(kDim), lbl.c_str());
  }
  // Services: name, NodePort, ClusterIP, endpoints, traffic in the last 10 s.
  for (auto& sb : scene.services) {
    const api::Service& svc = *sb.service;
    std::string key = svc.metadata.namespace_ + "/" + svc.metadata.name;
    bool selected = sel.active && sel.kind == store::Kind::Service && sel.key.name == svc.metadata.name && sel.key.namespace_ == svc.metadata.namespace_;
    const api::Endpoints* ep = S.endpoints().get(svc.metadata.namespace_, svc.metadata.name);
    int ready = 0, not_ready = 0;
    if (ep) for (auto& ss : ep->subsets) { ready += static_cast<int>(ss.addresses.size()); not_ready += static_cast<int>(ss.not_ready_addresses.size()); }
    // Lines to the ready endpoints: this is the set kube-proxy picks from.
    if (ep && cluster.pods.size() <= 400) {
      for (auto& ss : ep->subsets)
        for (auto& a : ss.addresses) {
          const api::Pod* p = S.pods().get(a.target_ref.namespace_.empty() ? svc.metadata.namespace_ : a.target_ref.namespace_, a.target_ref.name);
          auto it = p ? spot_of().find(p) : spot_of().end();
          if (it == spot_of().end()) continue;
          Vec2 q = spot_screen[it->second];
          dl->AddLine(iv(sb.out), iv(q), rgba(0.31f, 0.61f, 1.f, selected ? 0.45f : 0.16f), 1.2f * sc);
        }
    }
    bool reachable = svc.spec.type == "NodePort" || svc.spec.type == "LoadBalancer";
    if (reachable) dl->AddLine(iv(scene.host_client), iv(sb.in), rgba(1, 1, 1, 0.06f), 1.f * sc);
    if (reachable && load_rps > 0 && key == load_service) dl->AddLine(iv(scene.loadgen_client), iv(sb.in), rgba(0.31f, 0.61f, 1.f, 0.18f), 1.f * sc);
    ImU32 border = selected ? rgba(1, 1, 1, 0.9f) : col(kAccent, 0.7f);
    dl->AddRectFilled(iv({sb.rect.x, sb.rect.y}), iv({sb.rect.right(), sb.rect.bottom()}), col(kPanel2), 7 * sc);
    dl->AddRect(iv({sb.rect.x, sb.rect.y}), iv({sb.rect.right(), sb.rect.bottom()}), border, 7 * sc, 0, (selected ? 2.f : 1.2f) * sc);
    dl->PushClipRect(iv({sb.rect.x, sb.rect.y}), iv({sb.rect.right(), sb.rect.bottom()}), true);
    float x = sb.rect.x + 9 * sc, y = sb.rect.y + 6 * sc, lh = font_small->FontSize + 2 * sc;
    dl->AddText(font_ui, font_ui->FontSize, ImVec2(x, y), col(kText), ("svc/" + svc.metadata.name).c_str());
    y += font_ui->FontSize + 3 * sc;
    // PORT(S) as `kubectl get services` prints them: 8080:31526/TCP.
    std::string ports;
    for (auto& p : svc.spec.ports) {
      if (!ports.empty()) ports += ",";
      ports += p.node_port ? fmt("%d:%d/%s", p.port, p.node_port, p.protocol.c_str()) : fmt("%d/%s", p.port, p.protocol.c_str());
    }
    dl->AddText(font_small, font_small->FontSize, ImVec2(x, y), col(kAccent), (svc.spec.type + "  " + ports).c_str());
    y += lh;
    if (sb.rect.bottom() - y > lh) {
      dl->AddText(font_small, font_small->FontSize, ImVec2(x, y), col(kDim), ("ClusterIP " + svc.spec.cluster_ip).c_str());
      y += lh;
    }
    if (sb.rect.bottom() - y > lh && !svc.spec.selector.empty()) {
      TrafficCount tc = count_requests(cl().network.requests(), t_now - 10000, t_now + 1, key);
      std::string e = fmt(tr("%d ready endpoints"), ready);
      if (not_ready) e += fmt(tr(", %d not ready"), not_ready);
      dl->AddText(font_small, font_small->FontSize, ImVec2(x, y), ready ? col(kGood) : col(kBad), e.c_str());
      y += lh;
      if (sb.rect.bottom() - y > lh && tc.total > 0) {
        std::string t = fmt(tr("%llu requests in 10 s, %llu failed"), static_cast<unsigned long long>(tc.total), static_cast<unsigned long long>(tc.failed));
        dl->AddText(font_small, font_small->FontSize, ImVec2(x, y), tc.failed ? col(kBad) : col(kDim), t.c_str());
      }
    }
    dl->PopClipRect();
  }
  if (scene.services.empty()) {
    const char* t = tr("No Service yet:\nkubectl expose deployment\n  --type=NodePort --port 8080");
    dl->AddText(font_small, font_small->FontSize, ImVec2(scene.services_area.x + 4 * sc, scene.services_area.center().y - 20 * sc), col(kDim), t);
  }
  dl->PopClipRect();

  // [SECTION] cluster: tray, nodes (zoomable; clipped to the cluster area)
  Rect ca = cluster.area;
  dl->PushClipRect(ImVec2(ca.x, ca.y), ImVec2(ca.right(), ca.bottom()), true);
  auto S2 = [&](float x, float y) { Vec2 v = to_screen({x, y}); return ImVec2(v.x, v.y); };
  if (!cluster.tray.empty()) {
    const Rect& t = cluster.tray;
    dl->AddRectFilled(S2(t.x, t.y), S2(t.right(), t.bottom()), rgba(0.16f, 0.14f, 0.08f, 0.55f), 8 * sc);
    dl->AddRect(S2(t.x, t.y), S2(t.right(), t.bottom()), col(kWarn, 0.55f), 8 * sc, 0, 1.2f * sc);
    ImVec2 tp = S2(t.x + 10 * sc, t.y + 8 * sc);
    dl->AddText(font_ui, font_ui->FontSize, tp, col(kWarn), "Pending");
    dl->AddText(font_small, font_small->FontSize, ImVec2(tp.x, tp.y + font_ui->FontSize + 2 * sc), col(kDim),
                fmt(tr("%d waiting for\nthe scheduler"), cluster.pending).c_str());
  }
  for (auto& nb : cluster.nodes) {
    ImVec2 a = S2(nb.rect.x, nb.rect.y), b = S2(nb.rect.right(), nb.rect.bottom());
    if (b.x < ca.x || b.y < ca.y || a.x > ca.right() || a.y > ca.bottom()) continue;
    bool ready = true;
    for (auto& c : nb.node->status.conditions) if (c.type == "Ready") ready = c.status == "True";
    bool selected = sel.active && sel.kind == store::Kind::Node && sel.key.name == nb.node->metadata.name;
    float rnd = std::min(8 * sc, (b.x - a.x) * 0.1f);
    dl->AddRectFilled(a, b, rgba(0.09f, 0.11f, 0.14f), rnd);
    // A fill that grows with the share of allocatable pods in use (visible even when tiny).
    float use = static_cast<float>(std::min(1.0, nb.pods_fraction));
    if (nb.header.empty()) dl->AddRectFilled(ImVec2(a.x, b.y - (b.y - a.y) * use), b, rgba(0.31f, 0.61f, 1.f, 0.10f), rnd);
    dl->AddRect(a, b, selected ? rgba(1, 1, 1, 0.9f) : ready ? col(kBorder) : col(kBad, 0.8f), rnd, 0, (selected ? 2.f : 1.f) * sc);
    if (nb.header.empty() || zoom * nb.header.h < 30 * sc) continue;
    // Header: name, Ready chip, capacity bars (requests of pods bound to the node / allocatable).
    ImFont* fh = font_ui;
    ImVec2 hp(a.x + 10 * sc, a.y + 7 * sc);
    dl->AddText(fh, fh->FontSize, hp, col(kText), nb.node->metadata.name.c_str());
    float nx = hp.x + fh->CalcTextSizeA(fh->FontSize, FLT_MAX, 0, nb.node->metadata.name.c_str()).x + 8 * sc;
    const char* rs = ready ? "Ready" : "NotReady";
    chip(dl, ImVec2(nx, hp.y + 1 * sc), rs, ready ? rgba(0.05f, 0.1f, 0.06f) : rgba(0.1f, 0.02f, 0.02f), ready ? col(kGood) : col(kBad), 6 * sc, 1 * sc, font_small);
    if (nb.unschedulable) chip(dl, ImVec2(nx + 60 * sc, hp.y + 1 * sc), "SchedulingDisabled", rgba(0.1f, 0.08f, 0.0f), col(kWarn), 6 * sc, 1 * sc, font_small);
    const auto& alloc = nb.node->status.allocatable;
    struct Bar { std::string label; double f; };
    Bar bars[3] = {
        {fmt("pods %d/%lld", nb.pods, static_cast<long long>(nb.node->status.allocatable_pods)), nb.pods_fraction},
        {fmt("cpu %lldm/%s", static_cast<long long>(nb.cpu_requested_milli), alloc.cpu_text.empty() ? "?" : alloc.cpu_text.c_str()), nb.cpu_fraction},
        {fmt("mem %lldMi/%.1fGi", static_cast<long long>(nb.memory_requested_bytes >> 20),
             static_cast<double>(alloc.memory_bytes.value_or(0)) / static_cast<double>(1LL << 30)), nb.memory_fraction},
    };
    float bx = a.x + 10 * sc, by = hp.y + fh->FontSize + 6 * sc, bw = ((b.x - a.x) - 20 * sc - 2 * 10 * sc) / 3;
    for (auto& bar : bars) {
      dl->AddText(font_small, font_small->FontSize, ImVec2(bx, by), col(kDim), bar.label.c_str());
      float yb = by + font_small->FontSize + 2 * sc;
      dl->AddRectFilled(ImVec2(bx, yb), ImVec2(bx + bw, yb + 4 * sc), rgba(0.2f, 0.23f, 0.28f), 2 * sc);
      float f = static_cast<float>(std::min(1.0, bar.f));
      Rgba c = f > 0.9f ? kBad : f > 0.7f ? kWarn : kAccent;
      dl->AddRectFilled(ImVec2(bx, yb), ImVec2(bx + bw * f, yb + 4 * sc), col(c), 2 * sc);
      bx += bw + 10 * sc;
    }
  }

  // [SECTION] particles (computed before the pods so arrivals can flash their pod)
  std::vector<DrawnParticle> parts;
  {
    FlightTiming ft;
    const auto& reqs = cl().network.requests();
    int64_t horizon = t_now - (ft.total(false) + 500);
    int count = 0;
    for (auto it = reqs.rbegin(); it != reqs.rend() && it->at_ms >= horizon; ++it) {
      if (it->at_ms > t_now) continue;
      if (++count > 3000) break;
      Vec2 from = client_pos(scene, it->client);
      Vec2 sin = from, sout = from;
      bool has_svc = false;
      if (!it->service.empty())
        for (auto& sb : scene.services)
          if (sb.service->metadata.namespace_.size() + 1 + sb.service->metadata.name.size() == it->service.size() &&
              it->service.compare(0, sb.service->metadata.namespace_.size(), sb.service->metadata.namespace_) == 0 &&
              it->service.compare(sb.service->metadata.namespace_.size() + 1, std::string::npos, sb.service->metadata.name) == 0) {
            sin = sb.in;
            sout = sb.out;
            has_svc = true;
          }
      int idx = -1;
      if (!it->pod.empty()) {
        auto slash = it->pod.find('/');
        const api::Pod* p = slash == std::string::npos ? S.pods().get("default", it->pod)
                                                       : S.pods().get(it->pod.substr(0, slash), it->pod.substr(slash + 1));
        if (p) { auto f = spot_of().find(p); if (f != spot_of().end()) idx = f->second; }
      }
      if (it->client.rfind("node/", 0) == 0) {  // from a node's shell (minikube ssh)
        std::string nn = it->client.substr(5);
        for (auto& nb : cluster.nodes)
          if (nb.node->metadata.name == nn) from = to_screen({nb.rect.center().x, nb.rect.y});
        if (!has_svc) { sin = sout = from; }
      }
      if (it->client.rfind("pod/", 0) == 0) {  // from inside a container (kubectl exec … curl)
        std::string pn = it->client.substr(4);
        auto slash = pn.find('/');
        const api::Pod* p = slash == std::string::npos ? S.pods().get("default", pn) : S.pods().get(pn.substr(0, slash), pn.substr(slash + 1));
        if (p) { auto f = spot_of().find(p); if (f != spot_of().end()) from = spot_screen[f->second]; }
        if (!has_svc) { sin = sout = from; }
      }
      Vec2 to = idx >= 0 ? spot_screen[idx] : sout;
      if (!has_svc && idx >= 0) { sin = sout = lerp(from, to, 0.5f); }
      Particle pt;
      if (particle_at(from, sin, sout, to, it->ok, it->at_ms, t_now, ft, &pt))
        parts.push_back({pt.pos, pt.alpha, it->ok, pt.at_service});
      if (it->ok && idx >= 0) {
        int64_t arrive = it->at_ms + ft.to_service_ms + ft.to_pod_ms;
        if (t_now >= arrive - 40 && t_now < arrive + 450) spot_flash[idx] = std::max(spot_flash[idx], 1.f - static_cast<float>(t_now - arrive + 40) / 490.f);
      }
    }
  }
  particles_drawn = static_cast<int>(parts.size());

  // [SECTION] pods: one instanced draw call through an ImDrawList callback
  {
    Timed timed(sec_ms[kSecInstances]);
    const api::Pod* sel_pod = sel.active && sel.kind == store::Kind::Pod ? S.pods().get(sel.key) : nullptr;
    std::string sel_owner_uid;
    if (sel.active && sel.kind == store::Kind::ReplicaSet) if (auto* rs = S.replicasets().get(sel.key)) sel_owner_uid = rs->metadata.uid;
    int sel_node = -1;  // a selected node lights up its pods
    if (sel.active && sel.kind == store::Kind::Node)
      for (size_t ni = 0; ni < cluster.nodes.size(); ++ni)
        if (cluster.nodes[ni].node->metadata.name == sel.key.name) sel_node = static_cast<int>(ni);
    instances.clear();
    instances.reserve(cluster.pods.size() + 16);
    float cull = 0;
    for (size_t i = 0; i < cluster.pods.size(); ++i) {
      const PodSpot& sp = cluster.pods[i];
      Vec2 p = spot_screen[i];
      float r = spot_radius[i];
      cull = r + 12 * sc;
      if (p.x < ca.x - cull || p.y < ca.y - cull || p.x > ca.right() + cull || p.y > ca.bottom() + cull) continue;
      const PodLook& look = cluster.pods[i].look;
      if (look.state == PodState::Deleted && look.alpha <= 0.f) continue;
      int pi = spot_palette[i];
      Rgba c = pi < 0 ? neutral_color() : palette_color(pi);
      PodInstance in;
      in.x = p.x;
      in.y = p.y;
      float grow = look.state == PodState::Deleted ? 0.6f + 0.4f * look.alpha : 0.25f + 0.75f * look.appear;
      in.radius = std::max(1.f, r * grow);
      in.state = static_cast<float>(look.state);
      in.r = c.r; in.g = c.g; in.b = c.b; in.a = 1.f;
      in.progress = look.progress;
      in.alpha = look.alpha * (0.4f + 0.6f * look.appear);
      float selv = 0.f;
      if (sel_pod && sp.pod == sel_pod) selv = 1.f;
      else if (!sel_owner_uid.empty()) { if (auto* o = sp.pod->metadata.controller_ref(); o && o->uid == sel_owner_uid) selv = 0.6f; }
      else if (sel_node >= 0 && sp.node == sel_node) selv = 0.35f;
      if (hovered == &sp && selv < 0.5f) selv = 0.45f;
      in.selected = selv;
      in.flash = spot_flash[i];
      instances.push_back(in);
    }
    pod_range = {this, 0, static_cast<int>(instances.size())};
    dl->AddCallback(draw_pods_callback, &pod_range);
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  }

  // [SECTION] pod labels: image tag inside, name and status below (when there is room)
  Timed timed_labels(sec_ms[kSecLabels]);
  for (size_t i = 0; i < cluster.pods.size(); ++i) {
    const PodSpot& sp = cluster.pods[i];
    float zcell = (sp.node < 0 ? cluster.tray_cell : cluster.cell) * zoom;
    float r = spot_radius[i];
    Vec2 p = spot_screen[i];
    if (r < 11 * sc || p.x < ca.x - zcell || p.y < ca.y - zcell || p.x > ca.right() + zcell || p.y > ca.bottom() + zcell) continue;
    const PodLook& look = cluster.pods[i].look;
    float alpha = look.alpha * look.appear;
    if (alpha <= 0.02f) continue;
    std::string tag = sp.pod->spec.containers.empty() ? "" : image_tag(sp.pod->spec.containers[0].image);
    if (tag.size() > 7) tag = tag.substr(0, 6) + "…";
    ImFont* tf = r > 20 * sc ? font_ui : font_small;
    ImVec2 ts = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, 0, tag.c_str());
    bool solid = look.state == PodState::Running || look.state == PodState::NotReady;
    bool glyph = look.state == PodState::ErrImagePull || look.state == PodState::ImagePullBackOff ||
                 look.state == PodState::CrashLoopBackOff || look.state == PodState::Failed;
    if (ts.x < r * 1.8f && !glyph)
      dl->AddText(tf, tf->FontSize, ImVec2(p.x - ts.x * 0.5f, p.y - ts.y * 0.5f), solid ? rgba(0.03f, 0.05f, 0.08f, 0.92f * alpha) : rgba(1, 1, 1, 0.85f * alpha), tag.c_str());
    if (zcell < 58 * sc) continue;
    std::string name = pod_short_name(sp.pod->metadata.name);
    if (glyph) name += " · " + tag;
    std::string status;
    Rgba sc_col = state_color(look.state);
    switch (look.state) {
      case PodState::ContainerCreating:
        status = sp.pod->timeline.pull_started_ms > 0 && look.progress < 1.f ? fmt("%s %d%%", tr("pulling"), static_cast<int>(look.progress * 100)) : "ContainerCreating";
        break;
      case PodState::Terminating: status = fmt("Terminating %s", short_duration(look.countdown_ms + 999).c_str()); break;
      case PodState::ImagePullBackOff:
      case PodState::CrashLoopBackOff:
        status = look.countdown_ms >= 0 ? fmt("%s %s", look.state == PodState::ImagePullBackOff ? "BackOff" : "CrashLoop", short_duration(look.countdown_ms + 999).c_str())
                                         : pod_state_name(look.state);
        break;
      case PodState::Deleted: status = tr("deleted"); break;
      default: status = kubectl_status(*sp.pod);
    }
    float y = p.y + r + 5 * sc;
    // Centred under the pod and clipped to its slot, so neighbours never overlap.
    float half = zcell * 0.5f - 1 * sc;
    dl->PushClipRect(ImVec2(p.x - half, y), ImVec2(p.x + half, y + font_small->FontSize * 2 + 2 * sc), true);
    ImVec2 ns = font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, name.c_str());
    dl->AddText(font_small, font_small->FontSize, ImVec2(std::max(p.x - half, p.x - ns.x * 0.5f), y), rgba(0.85f, 0.87f, 0.9f, alpha), name.c_str());
    ImVec2 ss = font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, status.c_str());
    dl->AddText(font_small, font_small->FontSize, ImVec2(std::max(p.x - half, p.x - ss.x * 0.5f), y + font_small->FontSize), col(sc_col, alpha), status.c_str());
    dl->PopClipRect();
    // How many requests this pod has answered: the Service spreads them over its ready pods.
    if (uint64_t served = cl().network.requests_served(sp.pod->metadata.uid); served > 0 && !sp.tombstone) {
      std::string rq = fmt("%llu req", static_cast<unsigned long long>(served));
      ImVec2 rs = font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, rq.c_str());
      dl->AddText(font_small, font_small->FontSize, ImVec2(p.x - rs.x * 0.5f, y + font_small->FontSize * 2), rgba(0.55f, 0.95f, 1.f, 0.8f * alpha), rq.c_str());
    }
  }
  dl->PopClipRect();

  // [SECTION] particles on top
  dl->PushClipRect(ImVec2(area.x, area.y), ImVec2(area.right(), area.bottom()), true);
  for (auto& pt : parts) {
    Rgba c = pt.ok ? Rgba{0.55f, 0.95f, 1.0f, 1} : kBad;
    dl->AddCircleFilled(iv(pt.pos), 6.f * sc, col(c, 0.18f * pt.alpha), 12);
    dl->AddCircleFilled(iv(pt.pos), 3.2f * sc, col(c, pt.alpha), 12);
    if (pt.at_service) {
      float k = 7 * sc;
      dl->AddLine(ImVec2(pt.pos.x - k, pt.pos.y - k), ImVec2(pt.pos.x + k, pt.pos.y + k), col(kBad, pt.alpha), 2.5f * sc);
      dl->AddLine(ImVec2(pt.pos.x - k, pt.pos.y + k), ImVec2(pt.pos.x + k, pt.pos.y - k), col(kBad, pt.alpha), 2.5f * sc);
    }
  }
  dl->PopClipRect();

  draw_overlays(dl, area);
  if (show_legend) legend(dl, legend_strip);
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();

  // Hover tooltip for a pod: the facts a learner would look up with kubectl.
  if (hovered && !ImGui::IsAnyItemActive()) {
    const api::Pod& p = *hovered->pod;
    PodLook look = look_of(p, t_now);
    ImGui::BeginTooltip();
    ImGui::PushFont(font_head);
    ImGui::TextUnformatted(p.metadata.name.c_str());
    ImGui::PopFont();
    text_colored(state_color(look.state), (kubectl_status(p) + "   READY " + kubectl_ready(p)).c_str());
    if (!p.spec.containers.empty()) ImGui::Text("%s  %s", tr("image"), p.spec.containers[0].image.c_str());
    ImGui::Text("%s  %s   IP %s", tr("node"), p.spec.node_name.empty() ? "<none>" : p.spec.node_name.c_str(), p.status.pod_ip.empty() ? "<none>" : p.status.pod_ip.c_str());
    std::string why = state_reason(p);
    if (!why.empty()) { ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30); ImGui::TextDisabled("%s", why.c_str()); ImGui::PopTextWrapPos(); }
    ImGui::TextDisabled("%s", tr("click for details"));
    ImGui::EndTooltip();
  }
}

// [SECTION] overlays: summary and the zero-downtime meter
void App::Impl::draw_overlays(ImDrawList* dl, const Rect& area) {
  const float sc = s();
  const store::Store& S = st();
  (void)S;
  const Counts& k = counts;
  std::string sum = fmt(tr("%d pods: %d running"), k.total, k.running);
  if (k.pending) sum += fmt(tr(", %d pending"), k.pending);
  if (k.terminating) sum += fmt(tr(", %d terminating"), k.terminating);
  if (k.failing) sum += fmt(tr(", %d failing"), k.failing);
  // The summary sits at the top of the clients column (empty there); phones have no room for it.
  if (!scene.stacked) {
    ImVec2 sp(area.x + 4 * sc, area.y + 4 * sc);
    dl->PushClipRect(ImVec2(scene.clients.x, scene.clients.y), ImVec2(scene.services_area.right(), scene.clients.bottom()), true);
    dl->AddText(font_small, font_small->FontSize, sp, col(kDim), sum.c_str());
    dl->PopClipRect();
  }

  // The meter: requests during the current (or last) rollout.
  any_rolling = false;
  for (auto& v : rollouts) if (rollout_in_progress(v)) any_rolling = true;
  const auto& net = cl().network;
  meter.update(any_rolling, now(), net.requests_total(), net.requests_failed());
  std::string line1, line2;
  Rgba c1 = kText;
  if (meter.active()) {
    line1 = tr("Rolling update in progress");
    const auto& m = meter.count();
    if (m.total == 0) line2 = tr("send requests (curl or the load generator) to test for downtime");
    else line2 = fmt(tr("%llu requests, %llu failed"), static_cast<unsigned long long>(m.total), static_cast<unsigned long long>(m.failed));
    c1 = m.failed ? kBad : kAccent;
  } else if (meter.has_result() && meter.count().total > 0) {
    const auto& m = meter.count();
    line1 = m.failed == 0 ? tr("Last rollout: zero downtime ✓") : tr("Last rollout: requests failed ✗");
    line2 = fmt(tr("%llu requests, %llu failed"), static_cast<unsigned long long>(m.total), static_cast<unsigned long long>(m.failed));
    c1 = m.failed ? kBad : kGood;
  } else if (net.requests_total() > 0) {
    line1 = fmt(tr("Requests: %llu"), static_cast<unsigned long long>(net.requests_total()));
    line2 = fmt(tr("%llu failed"), static_cast<unsigned long long>(net.requests_failed()));
    c1 = net.requests_failed() ? kWarn : kText;
  }
  if (!line1.empty()) {
    ImVec2 s1 = font_ui->CalcTextSizeA(font_ui->FontSize, FLT_MAX, 0, line1.c_str());
    ImVec2 s2 = font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, line2.c_str());
    float w = std::max(s1.x, s2.x) + 20 * sc, h = s1.y + s2.y + 14 * sc;
    ImVec2 a(area.right() - w - 6 * sc, area.bottom() - h - 6 * sc);
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), rgba(0.07f, 0.085f, 0.11f, 0.92f), 8 * sc);
    dl->AddRect(a, ImVec2(a.x + w, a.y + h), col(c1, 0.6f), 8 * sc, 0, 1.2f * sc);
    dl->AddText(font_ui, font_ui->FontSize, ImVec2(a.x + 10 * sc, a.y + 6 * sc), col(c1), line1.c_str());
    dl->AddText(font_small, font_small->FontSize, ImVec2(a.x + 10 * sc, a.y + 8 * sc + s1.y), col(kDim), line2.c_str());
  }
}

// [SECTION] legend ================================================================================
// A strip along the bottom of the canvas: every pod look (drawn by the same shader as the pods),
// the revision colours and the request dots. Hover an entry for its meaning.
struct LegendItem { PodState st; const char* text; float progress; };
static const LegendItem kLegend[] = {
    {PodState::Pending, "no node yet: waiting for the scheduler", 0},
    {PodState::ContainerCreating, "on a node: pulling the image (the ring fills) and starting the container", 0.6f},
    {PodState::Running, "running and Ready: the Service sends it requests", 0},
    {PodState::NotReady, "running but not Ready: the Service sends it nothing", 0},
    {PodState::Terminating, "being deleted: the ring counts the grace period down", 0.55f},
    {PodState::ErrImagePull, "the image pull failed (wrong name or tag?)", 0},
    {PodState::ImagePullBackOff, "waiting before pulling again (the arc is the time left)", 0.7f},
    {PodState::CrashLoopBackOff, "the container keeps exiting; waiting before the next restart", 0.5f},
};

float App::Impl::legend_height(float width) const {
  const float sc = s();
  float x = 0, rows = 1, pad = 8 * sc, icon = 26 * sc;
  auto fits = [&](float w) { if (x + w > width && x > 0) { rows += 1; x = 0; } x += w; };
  for (auto& it : kLegend) fits(icon + font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, pod_state_name(it.st)).x + pad * 2);
  fits(64 * sc + font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, tr("revisions")).x);
  fits(40 * sc + font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, tr("requests ok / failed")).x);
  return rows * 24 * sc + 4 * sc;
}

void App::Impl::legend(ImDrawList* dl, const Rect& strip) {
  const float sc = s();
  const float row_h = 24 * sc, pad = 8 * sc, icon = 26 * sc, r = 5.5f * sc;
  dl->AddRectFilled(ImVec2(strip.x, strip.y), ImVec2(strip.right(), strip.bottom()), rgba(0.07f, 0.085f, 0.11f, 0.95f), 6 * sc);
  int first = static_cast<int>(instances.size());
  float x = strip.x + pad, y = strip.y + 2 * sc;
  ImVec2 mp = ImGui::GetIO().MousePos;
  auto place = [&](float w) { if (x + w > strip.right() && x > strip.x + pad) { x = strip.x + pad; y += row_h; } };
  for (auto& it : kLegend) {
    const char* name = pod_state_name(it.st);
    float w = icon + font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, name).x + pad * 2;
    place(w);
    PodInstance in;
    in.x = x + icon * 0.42f;
    in.y = y + row_h * 0.5f;
    in.radius = r;
    in.state = static_cast<float>(it.st);
    Rgba c = palette_color(0);
    in.r = c.r; in.g = c.g; in.b = c.b;
    in.progress = it.progress;
    instances.push_back(in);
    dl->AddText(font_small, font_small->FontSize, ImVec2(x + icon, y + (row_h - font_small->FontSize) * 0.5f), col(state_color(it.st)), name);
    if (mp.x >= x && mp.x < x + w && mp.y >= y && mp.y < y + row_h && ImGui::IsWindowHovered())
      ImGui::SetTooltip("%s: %s", name, tr(it.text));
    x += w;
  }
  float w = 64 * sc + font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, tr("revisions")).x;
  place(w);
  for (int k = 0; k < 4; ++k) dl->AddCircleFilled(ImVec2(x + 6 * sc + k * 12 * sc, y + row_h * 0.5f), 4.5f * sc, col(palette_color(k)), 14);
  dl->AddText(font_small, font_small->FontSize, ImVec2(x + 54 * sc, y + (row_h - font_small->FontSize) * 0.5f), col(kDim), tr("revisions"));
  if (mp.x >= x && mp.x < x + w && mp.y >= y && mp.y < y + row_h && ImGui::IsWindowHovered())
    ImGui::SetTooltip("%s", tr("A pod's fill colour is its ReplicaSet: the 1st, 2nd, 3rd... revision of a Deployment. Old and new pods differ during a rollout."));
  x += w;
  w = 40 * sc + font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, tr("requests ok / failed")).x;
  place(w);
  dl->AddCircleFilled(ImVec2(x + 6 * sc, y + row_h * 0.5f), 3.2f * sc, rgba(0.55f, 0.95f, 1.f), 12);
  dl->AddCircleFilled(ImVec2(x + 18 * sc, y + row_h * 0.5f), 3.2f * sc, col(kBad), 12);
  dl->AddText(font_small, font_small->FontSize, ImVec2(x + 30 * sc, y + (row_h - font_small->FontSize) * 0.5f), col(kDim), tr("requests ok / failed"));
  legend_range = {this, first, static_cast<int>(instances.size()) - first};
  dl->PushClipRect(ImVec2(strip.x, strip.y), ImVec2(strip.right(), strip.bottom()), true);
  dl->AddCallback(draw_pods_callback, &legend_range);
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
  dl->PopClipRect();
}

// [SECTION] deployment panel ======================================================================
static const char* phase_name(RolloutPhase p) {
  switch (p) {
    case RolloutPhase::Complete: return "complete";
    case RolloutPhase::Scaling: return "scaling";
    case RolloutPhase::Rolling: return "rolling update";
    case RolloutPhase::WaitingForReady: return "waiting for new pods";
    case RolloutPhase::Stalled: return "stalled";
    case RolloutPhase::DeadlineExceeded: return "deadline exceeded";
    case RolloutPhase::Paused: return "paused";
    case RolloutPhase::Recreating: return "recreating";
  }
  return "";
}
static Rgba phase_color(RolloutPhase p) {
  switch (p) {
    case RolloutPhase::Complete: return kGood;
    case RolloutPhase::Scaling:
    case RolloutPhase::Rolling: return kAccent;
    case RolloutPhase::WaitingForReady:
    case RolloutPhase::Paused:
    case RolloutPhase::Recreating: return kWarn;
    default: return kBad;
  }
}

void App::Impl::deploy_panel(bool as_child) {
  const float sc = s();
  if (!as_child) begin_panel((std::string(tr("Deployments")) + "###deploy").c_str(), deploy_rect);
  else ImGui::BeginChild("##deploychild");
  if (rollouts.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr("No Deployment yet. Create one in the terminal:"));
    ImGui::PushFont(font_mono);
    ImGui::TextUnformatted("kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1");
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (size_t di = 0; di < rollouts.size(); ++di) {
    const RolloutView& v = rollouts[di];
    ImGui::PushID(static_cast<int>(di));
    if (di > 0) { ImGui::Spacing(); ImGui::Separator(); ImGui::Spacing(); }
    // Header: name and phase.
    ImGui::PushFont(font_head);
    bool sel_here = sel.active && sel.kind == store::Kind::Deployment && sel.key.name == v.name;
    if (ImGui::Selectable(("deployment/" + v.name).c_str(), sel_here, 0, ImVec2(ImGui::CalcTextSize(("deployment/" + v.name).c_str()).x, 0)))
      select(store::Kind::Deployment, {v.deployment->metadata.namespace_, v.name});
    ImGui::PopFont();
    ImGui::SameLine();
    {
      ImVec2 p = ImGui::GetCursorScreenPos();
      Rgba pc = phase_color(v.phase);
      ImVec2 sz = chip(dl, ImVec2(p.x, p.y + 2 * sc), tr(phase_name(v.phase)), rgba(0.03f, 0.04f, 0.05f), col(pc), 7 * sc, 2 * sc, font_small);
      ImGui::Dummy(sz);
    }
    // The four numbers of `kubectl get deployments`.
    {
      struct Tile { const char* label; std::string value; Rgba c; };
      Tile tiles[4] = {
          {"READY", fmt("%d/%d", v.ready, v.desired), v.ready < v.desired ? kWarn : kGood},
          {"UP-TO-DATE", fmt("%d", v.updated), v.updated < v.desired ? kAccent : kText},
          {"AVAILABLE", fmt("%d", v.available), v.available < v.min_available ? kBad : v.available < v.desired ? kWarn : kGood},
          {"DESIRED", fmt("%d", v.desired), kText},
      };
      float avail = ImGui::GetContentRegionAvail().x;
      float tw = (avail - 3 * 6 * sc) / 4, th = font_big->FontSize + font_small->FontSize + 12 * sc;
      ImVec2 p = ImGui::GetCursorScreenPos();
      for (int i = 0; i < 4; ++i) {
        ImVec2 a(p.x + i * (tw + 6 * sc), p.y);
        dl->AddRectFilled(a, ImVec2(a.x + tw, a.y + th), col(kPanel2), 6 * sc);
        dl->AddText(font_small, font_small->FontSize, ImVec2(a.x + 8 * sc, a.y + 4 * sc), col(kDim), tiles[i].label);
        // big numbers (10000/10000) fall back to a smaller font to stay inside the tile
        ImFont* vf = font_big->CalcTextSizeA(font_big->FontSize, FLT_MAX, 0, tiles[i].value.c_str()).x > tw - 14 * sc ? font_head : font_big;
        if (vf->CalcTextSizeA(vf->FontSize, FLT_MAX, 0, tiles[i].value.c_str()).x > tw - 14 * sc) vf = font_small;
        dl->AddText(vf, vf->FontSize, ImVec2(a.x + 8 * sc, a.y + 4 * sc + font_small->FontSize + 2 * sc + (font_big->FontSize - vf->FontSize) * 0.6f),
                    col(tiles[i].c), tiles[i].value.c_str());
      }
      ImGui::Dummy(ImVec2(avail, th));
    }
    // Why: the rollout in plain words.
    ImGui::PushTextWrapPos(0);
    std::string why;
    int rev = 0;
    std::string tag;
    for (auto& l : v.lanes) if (l.is_new) { rev = l.revision; tag = l.tag; }
    switch (v.phase) {
      case RolloutPhase::Complete:
        why = v.desired == 1 ? fmt(tr("The pod runs revision %d (%s) and is available. Nothing to do."), rev, tag.c_str())
                             : fmt(tr("All %d pods run revision %d (%s) and are available. Nothing to do."), v.desired, rev, tag.c_str());
        break;
      case RolloutPhase::Scaling:
        why = fmt(tr("Scaling to %d replicas: the ReplicaSet creates or removes pods until %d are available."), v.desired, v.desired);
        break;
      case RolloutPhase::Rolling:
        why = fmt(tr("Rolling update to %s: at most %d pods may exist and at least %d must stay available, so the controller scales the new ReplicaSet up and the old one down step by step. Ready pods keep serving the whole time: no downtime."),
                  v.target_image.c_str(), v.max_total, v.min_available);
        break;
      case RolloutPhase::WaitingForReady:
        why = fmt(tr("Both budgets are in use (%d pods exist, %d available). The next old pod is removed only after a new pod becomes Ready."),
                  v.pods_existing, v.available);
        break;
      case RolloutPhase::Stalled:
      case RolloutPhase::DeadlineExceeded:
        why = fmt(tr("Stuck: %d new pod(s) cannot start (%s). Old pods are removed only when new ones become available, so the old pods keep serving. Fix the image or undo:"),
                  v.stuck_pods, v.stuck_reason.empty() ? "not Ready" : v.stuck_reason.c_str());
        if (v.phase == RolloutPhase::DeadlineExceeded)
          why = fmt(tr("No progress for %ds (progressDeadlineSeconds): Progressing=False, ProgressDeadlineExceeded. "), v.deployment->spec.progress_deadline_seconds) + why;
        break;
      case RolloutPhase::Paused: why = tr("Rollout paused: template changes wait for kubectl rollout resume."); break;
      case RolloutPhase::Recreating: why = tr("Recreate strategy: all old pods stop before new ones start (expect downtime)."); break;
    }
    text_colored(v.phase == RolloutPhase::Complete ? kDim : phase_color(v.phase), why.c_str());
    if (v.phase == RolloutPhase::Stalled || v.phase == RolloutPhase::DeadlineExceeded) {
      ImGui::PushFont(font_mono);
      std::string fix = "kubectl rollout undo deployments/" + v.name;
      ImGui::TextUnformatted(fix.c_str());
      ImGui::PopFont();
    }
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    // Budgets: how many pods may exist, how many may be unavailable.
    if (v.strategy == "RollingUpdate") {
      const auto& strat = v.deployment->spec.strategy;
      float avail = ImGui::GetContentRegionAvail().x;
      int slots = std::max(v.max_total, v.pods_existing);
      float box = std::clamp((avail - 4 * sc * (slots - 1)) / std::max(slots + v.pods_terminating, 1), 4 * sc, 20 * sc);
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("%s", fmt(tr("maxSurge %s → %d: up to %d pods may exist (%d desired + %d)"), strat.max_surge.to_string().c_str(),
                                    v.budget.max_surge, v.max_total, v.desired, v.budget.max_surge).c_str());
      ImGui::PopTextWrapPos();
      ImVec2 p = ImGui::GetCursorScreenPos();
      int avail_pods = std::min(v.available, v.pods_existing);
      if (slots + v.pods_terminating <= 40) {
        // One box per pod slot: available, existing but not available, free, surge; then terminating.
        for (int i = 0; i < slots + v.pods_terminating; ++i) {
          ImVec2 a(p.x + i * (box + 4 * sc), p.y), b(a.x + box, a.y + box);
          if (i < avail_pods) dl->AddRectFilled(a, b, col(kGood, 0.85f), 3 * sc);
          else if (i < v.pods_existing) dl->AddRectFilled(a, b, col(kWarn, 0.75f), 3 * sc);
          else if (i < slots) {
            bool surge_slot = i >= v.desired;
            dl->AddRect(a, b, surge_slot ? col(kAccent, 0.8f) : col(kDim, 0.7f), 3 * sc, 0, 1.2f * sc);
            if (surge_slot) dl->AddLine(ImVec2(a.x + 3 * sc, b.y - 3 * sc), ImVec2(b.x - 3 * sc, a.y + 3 * sc), col(kAccent, 0.5f), 1.f * sc);
          } else {
            dl->AddRectFilled(a, b, rgba(0.5f, 0.5f, 0.52f, 0.35f), 3 * sc);  // terminating: not counted
          }
          if (i >= slots) continue;
          if (i == v.desired - 1 && v.budget.max_surge > 0)
            dl->AddLine(ImVec2(b.x + 2 * sc, a.y - 2 * sc), ImVec2(b.x + 2 * sc, b.y + 2 * sc), col(kText, 0.6f), 1.f * sc);
        }
      } else {
        // Too many pods for boxes: the same shares as one bar, with a tick at `desired`.
        box = 14 * sc;
        float total = static_cast<float>(slots + v.pods_terminating);
        auto x_at = [&](float n) { return p.x + avail * n / total; };
        float y1 = p.y + box;
        dl->AddRect(ImVec2(x_at(0), p.y), ImVec2(x_at(static_cast<float>(v.desired)), y1), col(kDim, 0.7f), 3 * sc, 0, 1.2f * sc);
        dl->AddRect(ImVec2(x_at(static_cast<float>(v.desired)), p.y), ImVec2(x_at(static_cast<float>(slots)), y1), col(kAccent, 0.8f), 3 * sc, 0, 1.2f * sc);
        dl->AddRectFilled(ImVec2(x_at(0), p.y), ImVec2(x_at(static_cast<float>(avail_pods)), y1), col(kGood, 0.85f), 3 * sc);
        dl->AddRectFilled(ImVec2(x_at(static_cast<float>(avail_pods)), p.y), ImVec2(x_at(static_cast<float>(v.pods_existing)), y1), col(kWarn, 0.75f));
        dl->AddRectFilled(ImVec2(x_at(static_cast<float>(slots)), p.y), ImVec2(x_at(total), y1), rgba(0.5f, 0.5f, 0.52f, 0.35f));
        dl->AddLine(ImVec2(x_at(static_cast<float>(v.desired)), p.y - 2 * sc), ImVec2(x_at(static_cast<float>(v.desired)), y1 + 2 * sc), col(kText, 0.7f), 1.5f * sc);
      }
      ImGui::Dummy(ImVec2(avail, box + 2 * sc));
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("%s", fmt(tr("maxUnavailable %s → %d: at least %d must stay available; now %d unavailable"),
                                    strat.max_unavailable.to_string().c_str(), v.budget.max_unavailable, v.min_available, v.unavailable_in_use).c_str());
      ImGui::PopTextWrapPos();
      p = ImGui::GetCursorScreenPos();
      int ub = std::max(v.budget.max_unavailable, v.unavailable_in_use);
      if (ub <= 40) {
        for (int i = 0; i < ub; ++i) {
          ImVec2 a(p.x + i * (box + 4 * sc), p.y), b(a.x + box, a.y + box);
          if (i < v.unavailable_in_use) dl->AddRectFilled(a, b, i < v.budget.max_unavailable ? col(kWarn, 0.8f) : col(kBad, 0.9f), 3 * sc);
          else dl->AddRect(a, b, col(kWarn, 0.7f), 3 * sc, 0, 1.2f * sc);
        }
      } else {
        float w_budget = avail * static_cast<float>(v.budget.max_unavailable) / static_cast<float>(ub);
        float w_used = avail * static_cast<float>(v.unavailable_in_use) / static_cast<float>(ub);
        dl->AddRect(p, ImVec2(p.x + w_budget, p.y + box), col(kWarn, 0.7f), 3 * sc, 0, 1.2f * sc);
        dl->AddRectFilled(p, ImVec2(p.x + std::min(w_used, w_budget), p.y + box), col(kWarn, 0.8f), 3 * sc);
        if (w_used > w_budget) dl->AddRectFilled(ImVec2(p.x + w_budget, p.y), ImVec2(p.x + w_used, p.y + box), col(kBad, 0.9f));
      }
      if (ub == 0) { ImGui::PushTextWrapPos(0); ImGui::TextDisabled("%s", tr("(none: every desired pod must stay available)")); ImGui::PopTextWrapPos(); }
      else ImGui::Dummy(ImVec2(avail, box + 2 * sc));
    } else {
      ImGui::TextDisabled("%s", tr("strategy Recreate: every old pod stops before new ones start"));
    }
    // ReplicaSets as lanes, newest revision first.
    ImGui::Spacing();
    for (auto& lane : v.lanes) {
      ImGui::PushID(lane.rs);
      ImVec2 p = ImGui::GetCursorScreenPos();
      float avail = ImGui::GetContentRegionAvail().x;
      float lh = font_ui->FontSize + font_small->FontSize + 14 * sc;
      bool lane_sel = sel.active && sel.kind == store::Kind::ReplicaSet && sel.key.name == lane.rs->metadata.name;
      if (ImGui::InvisibleButton("##lane", ImVec2(avail, lh))) select(store::Kind::ReplicaSet, {lane.rs->metadata.namespace_, lane.rs->metadata.name});
      bool hov = ImGui::IsItemHovered();
      Rgba rc = palette_color(lane.palette);
      bool idle = lane.desired == 0 && lane.current == 0;
      dl->AddRectFilled(p, ImVec2(p.x + avail, p.y + lh), lane_sel ? rgba(0.18f, 0.22f, 0.28f) : hov ? rgba(0.14f, 0.16f, 0.2f) : col(kPanel2, idle ? 0.5f : 1.f), 6 * sc);
      dl->AddRectFilled(p, ImVec2(p.x + 4 * sc, p.y + lh), col(rc, idle ? 0.4f : 1.f), 2 * sc);
      float x = p.x + 12 * sc, y = p.y + 5 * sc;
      std::string title = fmt("rev %d  %s", lane.revision, lane.tag.c_str());
      dl->AddText(font_ui, font_ui->FontSize, ImVec2(x, y), idle ? col(kDim) : col(kText), title.c_str());
      float tx = x + font_ui->CalcTextSizeA(font_ui->FontSize, FLT_MAX, 0, title.c_str()).x + 8 * sc;
      if (lane.is_new) tx += chip(dl, ImVec2(tx, y + 1 * sc), tr("new"), rgba(0.03f, 0.04f, 0.05f), col(kAccent), 6 * sc, 1 * sc, font_small).x + 6 * sc;
      else if (!idle) tx += chip(dl, ImVec2(tx, y + 1 * sc), tr("old"), rgba(0.03f, 0.04f, 0.05f), col(kDim), 6 * sc, 1 * sc, font_small).x + 6 * sc;
      std::string counts = fmt("%s %d · %s %d · %s %d", tr("desired"), lane.desired, tr("current"), lane.current, tr("ready"), lane.ready);
      ImVec2 cs = font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, counts.c_str());
      dl->AddText(font_small, font_small->FontSize, ImVec2(p.x + avail - cs.x - 8 * sc, y + 2 * sc), col(kDim), counts.c_str());
      // Pod dots by state, in the ReplicaSet's colour with the state's ring colour.
      float dy = y + font_ui->FontSize + 5 * sc, dx = x;
      std::string rs_name = lane.rs->metadata.name;
      dl->AddText(font_small, font_small->FontSize, ImVec2(dx, dy - 1 * sc), col(kDim), rs_name.c_str());
      dx += font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, rs_name.c_str()).x + 10 * sc;
      float dr = 4.5f * sc;
      for (size_t k = 0; k < lane.by_state.size(); ++k) {
        int cnt = lane.by_state[k];
        if (!cnt) continue;
        Rgba stc = state_color(static_cast<PodState>(k));
        int shown = std::min(cnt, 24);
        for (int j = 0; j < shown && dx < p.x + avail - 40 * sc; ++j) {
          ImVec2 c(dx + dr, dy + font_small->FontSize * 0.5f);
          dl->AddCircleFilled(c, dr, col(rc, static_cast<PodState>(k) == PodState::Running ? 1.f : 0.45f), 12);
          dl->AddCircle(c, dr + 1.2f * sc, col(stc), 12, 1.2f * sc);
          dx += dr * 2 + 5 * sc;
        }
        if (cnt > shown) {
          std::string more = fmt("+%d", cnt - shown);
          dl->AddText(font_small, font_small->FontSize, ImVec2(dx, dy - 1 * sc), col(stc), more.c_str());
          dx += font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, more.c_str()).x + 6 * sc;
        }
        if (hov) {
          // nothing: the tooltip below lists the states
        }
      }
      if (hov) {
        ImGui::BeginTooltip();
        ImGui::Text("replicaset/%s", lane.rs->metadata.name.c_str());
        ImGui::Text("%s  %s", tr("image"), lane.image.c_str());
        for (size_t k = 0; k < lane.by_state.size(); ++k)
          if (lane.by_state[k]) text_colored(state_color(static_cast<PodState>(k)), fmt("%d %s", lane.by_state[k], pod_state_name(static_cast<PodState>(k))).c_str());
        ImGui::EndTooltip();
      }
      ImGui::PopID();
      ImGui::Dummy(ImVec2(0, 2 * sc));
    }
    ImGui::PopID();
  }
  if (!as_child) ImGui::End();
  else ImGui::EndChild();
}

// [SECTION] events panel ==========================================================================
static void refresh_events(App::Impl& m, bool force) {
  App::Impl::Timed timed(m.sec_ms[App::Impl::kSecEvents]);
  const store::Store& S = m.st();
  uint64_t sig = S.resource_version() * 31 + S.events().size();
  if (!force && sig == m.events_sig) return;
  // Many events (big clusters): refresh once a second, not every frame.
  if (!force && S.events().size() > 5000 && ms_since(m.events_at) < 1000) return;
  m.events_at = Clock::now();
  m.events_sig = sig;
  struct Brief { uint64_t seq; int64_t last_ms, first_ms; uint64_t rv; };
  auto newer = [](const Brief& a, const Brief& b) {  // integers only: no string compares
    if (a.last_ms != b.last_ms) return a.last_ms < b.last_ms;
    if (a.first_ms != b.first_ms) return a.first_ms < b.first_ms;
    return a.rv < b.rv;
  };
  const size_t keep = 400;
  // Time only moves forward between seeks, so an event that is not newer than the oldest one we
  // keep cannot enter the list: compare one integer per event and sort only the candidates (the
  // store builds api::Events only for the ones kept).
  int64_t threshold = m.events_sorted.size() >= keep && !force ? m.events_sorted.front().last_ms : INT64_MIN;
  std::vector<Brief> cand;
  S.events().for_each_brief([&](uint64_t seq, int64_t last_ms, int64_t first_ms, uint64_t rv) {
    if (last_ms >= threshold) cand.push_back(Brief{seq, last_ms, first_ms, rv});
  });
  if (cand.size() > keep) {
    std::nth_element(cand.begin(), cand.end() - keep, cand.end(), newer);
    cand.erase(cand.begin(), cand.end() - keep);
  }
  std::sort(cand.begin(), cand.end(), newer);
  m.events_sorted.clear();
  m.events_sorted.reserve(cand.size());
  for (auto& b : cand) {
    m.events_sorted.emplace_back();
    if (!S.events().copy_at(b.seq, m.events_sorted.back())) m.events_sorted.pop_back();
  }
}

void App::Impl::mirror_new_events() {
  refresh_events(*this, false);
  int sent = 0, skipped = 0;
  int64_t newest = mirror_events_ms;
  for (auto& ev : events_sorted) {
    const api::Event* e = &ev;
    if (e->last_ms <= mirror_events_ms) continue;
    newest = std::max(newest, e->last_ms);
    if (sent >= 4) { ++skipped; continue; }
    ++sent;
    app.host_.mirror(fmt("Event: %s %s %s/%s: %s\n", e->type.c_str(), e->reason.c_str(), e->involved_object.kind.c_str(),
                         e->involved_object.name.c_str(), e->message.c_str()));
  }
  if (skipped) app.host_.mirror(fmt("(%d more events)\n", skipped));
  mirror_events_ms = newest;
}

void App::Impl::events_panel(bool as_child) {
  (void)as_child;
  const float sc = s();
  refresh_events(*this, false);
  ImGui::Checkbox(tr("warnings only"), &events_warnings_only);
  ImGui::SameLine();
  events_filter.Draw(tr("filter"), std::max(80 * sc, ImGui::GetContentRegionAvail().x * 0.5f));
  std::vector<const api::Event*> shown;
  shown.reserve(events_sorted.size());
  for (auto& ev : events_sorted) {
    const api::Event* e = &ev;
    if (events_warnings_only && e->type != "Warning") continue;
    if (events_filter.IsActive()) {
      std::string hay = e->reason + " " + e->involved_object.kind + "/" + e->involved_object.name + " " + e->message;
      if (!events_filter.PassFilter(hay.c_str())) continue;
    }
    shown.push_back(e);
  }
  // Two lines per event (what happened to which object; the message), oldest first, following
  // the newest like `kubectl get events --watch`.
  ImGui::BeginChild("##events", ImVec2(0, 0), false);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = font_small->FontSize + 3 * sc, row_h = line * 2 + 6 * sc;
  bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - row_h;
  ImGuiListClipper clip;
  clip.Begin(static_cast<int>(shown.size()), row_h);
  while (clip.Step()) {
    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
      const api::Event* e = shown[i];
      ImGui::PushID(i);
      ImVec2 p = ImGui::GetCursorScreenPos();
      float w = ImGui::GetContentRegionAvail().x;
      if (ImGui::InvisibleButton("##ev", ImVec2(w, row_h))) {
        const auto& o = e->involved_object;
        store::Kind k = o.kind == "Pod" ? store::Kind::Pod : o.kind == "ReplicaSet" ? store::Kind::ReplicaSet
                      : o.kind == "Deployment" ? store::Kind::Deployment : o.kind == "Node" ? store::Kind::Node
                      : o.kind == "Service" ? store::Kind::Service : store::Kind::Event;
        if (k != store::Kind::Event) select(k, {k == store::Kind::Node ? "" : o.namespace_, o.name});
      }
      bool hov = ImGui::IsItemHovered();
      bool warn = e->type == "Warning";
      if (hov) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + row_h), rgba(1, 1, 1, 0.05f), 4 * sc);
      if (warn) dl->AddRectFilled(p, ImVec2(p.x + 3 * sc, p.y + row_h - 4 * sc), col(kWarn), 1 * sc);
      dl->PushClipRect(p, ImVec2(p.x + w, p.y + row_h), true);
      float x = p.x + 8 * sc, y = p.y + 2 * sc;
      std::string age = short_duration(now() - e->last_ms);
      if (e->count > 1) age += fmt(" (x%d)", e->count);
      dl->AddText(font_small, font_small->FontSize, ImVec2(x, y), col(kDim), age.c_str());
      x += std::max(62 * sc, font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, age.c_str()).x + 8 * sc);
      dl->AddText(font_small, font_small->FontSize, ImVec2(x, y), warn ? col(kWarn) : col(kText), e->reason.c_str());
      x += font_small->CalcTextSizeA(font_small->FontSize, FLT_MAX, 0, e->reason.c_str()).x + 8 * sc;
      std::string obj = e->involved_object.kind;
      for (auto& ch : obj) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      obj += "/" + e->involved_object.name;
      dl->AddText(font_small, font_small->FontSize, ImVec2(x, y), col(kAccent, 0.85f), obj.c_str());
      dl->AddText(font_small, font_small->FontSize, ImVec2(p.x + 8 * sc, y + line), col(kDim), e->message.c_str());
      dl->PopClipRect();
      if (hov) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
        ImGui::Text("%s %s  %s", e->type.c_str(), e->reason.c_str(), obj.c_str());
        ImGui::TextDisabled("%s", e->message.c_str());
        // As kubectl's formatEventSource: an events.k8s.io/v1 event (the scheduler's) has no source,
        // its reporting controller and instance stand in.
        const std::string& from = e->source_component.empty() ? e->reporting_component : e->source_component;
        const std::string& host = e->source_host.empty() ? e->reporting_instance : e->source_host;
        ImGui::TextDisabled("%s: %s%s", tr("from"), from.c_str(), host.empty() ? "" : (", " + host).c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
      ImGui::PopID();
    }
  }
  if (events_follow && at_bottom) ImGui::SetScrollHereY(1.f);
  ImGui::EndChild();
}

// [SECTION] inspector =============================================================================
void App::Impl::select(store::Kind k, const store::Key& key) {
  sel = {k, key, true};
  if (narrow) { narrow_tab = k == store::Kind::Deployment || k == store::Kind::ReplicaSet ? 2 : 2; }
  else side_tab = 0;
  force_side_tab = true;
}

static const char* describe_word(store::Kind k) {
  switch (k) {
    case store::Kind::Pod: return "pod";
    case store::Kind::ReplicaSet: return "replicaset";
    case store::Kind::Deployment: return "deployment";
    case store::Kind::Service: return "service";
    case store::Kind::Node: return "node";
    default: return "";
  }
}

void App::Impl::inspector_panel(bool as_child) {
  (void)as_child;
  const float sc = s();
  const store::Store& S = st();
  if (!sel.active) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr("Click a pod, node, Service or ReplicaSet to see what it is, who owns it, why it is in its state, and its kubectl describe."));
    ImGui::PopTextWrapPos();
    return;
  }
  // Facts read from the store.
  const api::ObjectMeta* meta = nullptr;
  const api::Pod* pod = nullptr;
  if (sel.kind == store::Kind::Pod) { pod = S.pods().get(sel.key); if (pod) meta = &pod->metadata; }
  else if (sel.kind == store::Kind::ReplicaSet) { if (auto* o = S.replicasets().get(sel.key)) meta = &o->metadata; }
  else if (sel.kind == store::Kind::Deployment) { if (auto* o = S.deployments().get(sel.key)) meta = &o->metadata; }
  else if (sel.kind == store::Kind::Service) { if (auto* o = S.services().get(sel.key)) meta = &o->metadata; }
  else if (sel.kind == store::Kind::Node) { if (auto* o = S.nodes().get(sel.key)) meta = &o->metadata; }
  ImGui::PushFont(font_head);
  ImGui::Text("%s/%s", describe_word(sel.kind), sel.key.name.c_str());
  ImGui::PopFont();
  if (!meta) {
    // Gone: maybe a tombstone tells more.
    for (auto it = S.pod_tombstones().rbegin(); it != S.pod_tombstones().rend(); ++it)
      if (sel.kind == store::Kind::Pod && it->metadata.name == sel.key.name && it->metadata.namespace_ == sel.key.namespace_) {
        ImGui::TextDisabled("%s", fmt(tr("deleted %s ago"), short_duration(now() - it->timeline.deleted_ms).c_str()).c_str());
        return;
      }
    ImGui::TextDisabled("%s", tr("(not found: deleted)"));
    return;
  }
  // Owner chain: Pod → ReplicaSet → Deployment.
  {
    const api::ObjectMeta* m = meta;
    std::vector<std::pair<std::string, std::string>> chain;
    for (int depth = 0; depth < 4 && m; ++depth) {
      auto* o = m->controller_ref();
      if (!o) break;
      chain.push_back({o->kind, o->name});
      if (o->kind == "ReplicaSet") { auto* rs = S.replicasets().get(m->namespace_, o->name); m = rs ? &rs->metadata : nullptr; }
      else m = nullptr;
    }
    if (!chain.empty()) {
      ImGui::TextDisabled("%s", tr("owned by"));
      for (auto& [kind, name] : chain) {
        std::string label = (kind == "ReplicaSet" ? "replicaset/" : kind == "Deployment" ? "deployment/" : kind + "/") + name;
        ImGui::SameLine();
        // wrap the chain instead of running off the panel
        float need = ImGui::CalcTextSize(("→ " + label).c_str()).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x * 2;
        if (ImGui::GetCursorPosX() + need > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
        ImGui::TextDisabled("→");
        ImGui::SameLine();
        if (ImGui::SmallButton(label.c_str())) {
          if (kind == "ReplicaSet") select(store::Kind::ReplicaSet, {meta->namespace_, name});
          else if (kind == "Deployment") select(store::Kind::Deployment, {meta->namespace_, name});
        }
      }
    }
  }
  if (pod) {
    PodLook look = look_of(*pod, now());
    text_colored(state_color(look.state), (kubectl_status(*pod) + "   READY " + kubectl_ready(*pod)).c_str());
    // Why, in plain words, then in the API's words.
    static const char* kWhy[] = {
        "Pending: the scheduler has not bound it to a node yet.",
        "ContainerCreating: bound to a node; the kubelet pulls the image and starts the container.",
        "Running and Ready: the Service's endpoints include it, so it receives requests.",
        "Running but not Ready: the Service leaves it out until it is Ready.",
        "Terminating: removed from the Service's endpoints; the container gets SIGTERM and the grace period to stop.",
        "ErrImagePull: the kubelet could not pull the image (wrong name or tag?).",
        "ImagePullBackOff: the pull failed; the kubelet waits (10 s, doubling up to 5 min) before trying again.",
        "CrashLoopBackOff: the container keeps exiting; the kubelet waits longer before each restart.",
        "Completed: the container exited with status 0.",
        "Error: the container failed.",
        "Deleted.",
    };
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(tr(kWhy[static_cast<int>(look.state)]));
    std::string api_why = state_reason(*pod);
    if (!api_why.empty()) text_colored(look.state == PodState::Running ? kDim : kWarn, api_why.c_str());
    ImGui::PopTextWrapPos();
    // The pod's life so far, relative to its creation.
    const auto& tl = pod->timeline;
    int64_t c0 = tl.created_ms ? tl.created_ms : pod->metadata.creation_ms;
    struct Step { const char* what; int64_t at; };
    Step steps[] = {{"created", c0}, {"scheduled", tl.scheduled_ms}, {"image pull started", tl.pull_started_ms},
                    {"image present", tl.pull_done_ms}, {"container started", tl.started_ms}, {"Ready", tl.ready_ms},
                    {"terminating", tl.terminating_ms}};
    if (ImGui::BeginTable("tl", 2, ImGuiTableFlags_SizingFixedFit)) {
      for (auto& stp : steps) {
        if (stp.at <= 0) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", rel_time(stp.at - c0).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr(stp.what));
      }
      if (tl.pull_started_ms > 0 && tl.pull_done_ms == 0 && tl.pull_expected_ms > now()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", rel_time(tl.pull_expected_ms - c0).c_str());
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", tr("pull expected to finish"));
      }
      ImGui::EndTable();
    }
  }
  // kubectl describe, generated on a copy of the cluster (describe never changes the real one).
  uint64_t rv = S.resource_version();
  double since = ms_since(describe_at);
  double min_ms = S.pods().size() > 2000 ? 3000 : 1000;
  if (!(described == sel) || (rv != describe_rv && since > min_ms) || since > 5000) {
    Cluster scratch = cl();
    Output out;
    kubectl::Env env{scratch, out, "default", false, nullptr, {}, {}, {}};
    env.namespace_ = sel.key.namespace_.empty() ? "default" : sel.key.namespace_;
    kubectl::cmd_describe({describe_word(sel.kind), sel.key.name}, env);
    describe_text = strip_ansi(out.text());
    described = sel;
    describe_rv = rv;
    describe_at = Clock::now();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("$ kubectl describe %s %s", describe_word(sel.kind), sel.key.name.c_str());
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.04f, 0.05f, 0.065f, 1));
  ImGui::BeginChild("##describe", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
  ImGui::PushFont(font_mono);
  ImGui::TextUnformatted(describe_text.c_str());
  ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  (void)sc;
}

// [SECTION] terminal panel ========================================================================
// Wrap `text` into rows of at most `cols` columns (wide characters take two).
static void wrap_into(const std::string& text, uint32_t line, int cols, std::vector<VRow>& out) {
  size_t i = 0, row_start = 0;
  int col = 0;
  if (text.empty()) { out.push_back({line, 0, 0, false}); return; }
  while (i < text.size()) {
    size_t next;
    unsigned cp = decode_utf8(text, i, &next);
    int w = is_wide(cp) ? 2 : 1;
    if (col + w > cols && col > 0) {
      out.push_back({line, static_cast<uint32_t>(row_start), static_cast<uint32_t>(i), true});
      row_start = i;
      col = 0;
    }
    col += w;
    i = next;
  }
  out.push_back({line, static_cast<uint32_t>(row_start), static_cast<uint32_t>(text.size()), false});
}

void App::Impl::terminal_rows(int cols) {
  const Terminal& t = app.term_;
  const auto& lines = t.lines();
  size_t complete = lines.empty() ? 0 : lines.size() - 1;  // the last line is the live one
  bool full = cols != rows_cols || t.dropped() != rows_dropped || complete < rows_lines;
  if (full) { rows.clear(); rows_lines = 0; }
  if (full || t.version() != rows_version) {
    for (size_t i = rows_lines; i < complete; ++i) wrap_into(lines[i].text, static_cast<uint32_t>(i), cols, rows);
    rows_lines = complete;
    rows_version = t.version();
    rows_dropped = t.dropped();
    rows_cols = cols;
  }
  const std::string& partial = lines.empty() ? std::string() : lines.back().text;
  live = partial + prompt();
  live_prefix = live.size();
  live += t.input().substr(0, t.cursor()) + preedit + t.input().substr(t.cursor());
}

static int col_of(const std::string& text, const VRow& r, size_t byte) {
  int col = 0;
  size_t i = r.begin;
  while (i < byte && i < r.end) {
    size_t next;
    unsigned cp = decode_utf8(text, i, &next);
    col += is_wide(cp) ? 2 : 1;
    i = next;
  }
  return col;
}
static size_t byte_of(const std::string& text, const VRow& r, int col) {
  int c = 0;
  size_t i = r.begin;
  while (i < r.end) {
    size_t next;
    unsigned cp = decode_utf8(text, i, &next);
    int w = is_wide(cp) ? 2 : 1;
    if (c + w > col) break;
    c += w;
    i = next;
  }
  return i;
}

void App::Impl::terminal_panel(bool as_child) {
  const float sc = s();
  Terminal& t = app.term_;
  ImGuiIO& io = ImGui::GetIO();
  if (!as_child) begin_panel("##terminal", terminal_rect, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  // Header.
  ImGui::AlignTextToFramePadding();
  const ImGuiStyle& style = ImGui::GetStyle();
  float bw = ImGui::CalcTextSize(tr("Copy")).x + ImGui::CalcTextSize(tr("Paste")).x + ImGui::CalcTextSize(tr("Clear")).x +
             style.FramePadding.x * 6 + 8 * sc;
  if (!narrow) {
    ImGui::TextUnformatted(tr("Terminal"));
    ImGui::SameLine();
    const char* hint = term_focused ? tr("— type kubectl commands; Tab completes, ↑↓ history") : tr("— click here to type");
    if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(hint).x < ImGui::GetWindowContentRegionMax().x - bw - 10 * sc) ImGui::TextDisabled("%s", hint);
    else ImGui::NewLine();
  }
  if (!narrow) ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - bw));
  else ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - bw));
  if (ImGui::Button(tr("Copy"))) {
    std::string txt = app.selection_text();
    if (txt.empty()) for (auto& l : t.lines()) txt += l.text + "\n";
    app.host_.set_clipboard(txt);
  }
  ImGui::SameLine(0, 4 * sc);
  if (ImGui::Button(tr("Paste"))) {
    if (app.host_.dom_keyboard()) app.host_.request_paste();
    else if (const char* c = ImGui::GetClipboardText()) app.term_paste(c);
  }
  ImGui::SameLine(0, 4 * sc);
  if (ImGui::Button(tr("Clear"))) t.clear();

  // The text area.
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.035f, 0.043f, 0.055f, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * sc, 6 * sc));
  ImGui::BeginChild("##termtext", ImVec2(0, 0), true, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  ImGui::PushFont(font_mono);
  const float lh = std::round(font_mono->FontSize * 1.25f);
  const float cw = mono_advance;
  float width = ImGui::GetContentRegionAvail().x;
  int cols = std::max(20, static_cast<int>(width / cw));
  terminal_rows(cols);
  std::vector<VRow> live_rows;
  wrap_into(live, UINT32_MAX, cols, live_rows);
  const int64_t total = static_cast<int64_t>(rows.size() + live_rows.size());
  auto row_text = [&](int64_t r) -> const std::string& {
    return r < static_cast<int64_t>(rows.size()) ? t.lines()[rows[r].line].text : live;
  };
  auto row_at = [&](int64_t r) -> const VRow& { return r < static_cast<int64_t>(rows.size()) ? rows[r] : live_rows[r - rows.size()]; };

  // Follow the output unless the user scrolled up.
  bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - lh * 0.5f;
  if (ImGui::GetScrollMaxY() != term_last_max_scroll) {
    if (term_follow) ImGui::SetScrollY(ImGui::GetScrollMaxY());
    term_last_max_scroll = ImGui::GetScrollMaxY();
  } else {
    term_follow = at_bottom;
  }

  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Mouse: select text by dragging; a click focuses the terminal.
  bool hovered_child = ImGui::IsWindowHovered();
  auto cell_at = [&](ImVec2 m) {
    Cell c;
    c.row = std::clamp<int64_t>(static_cast<int64_t>(std::floor((m.y - origin.y) / lh)), 0, total - 1);
    c.col = std::max(0, static_cast<int>(std::lround((m.x - origin.x) / cw)));
    return c;
  };
  if (hovered_child && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    sel_a = sel_b = cell_at(io.MousePos);
    selecting = true;
  }
  if (selecting && ImGui::IsMouseDown(ImGuiMouseButton_Left)) sel_b = cell_at(io.MousePos);
  if (selecting && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    selecting = false;
    if (sel_a.row == sel_b.row && sel_a.col == sel_b.col) {
      sel_a = sel_b = Cell{};
      app.term_focus(true);
      app.host_.focus_terminal(true);
    }
  }
  if (hovered_child && ImGui::IsMouseClicked(ImGuiMouseButton_Right)) ImGui::OpenPopup("##termmenu");
  if (ImGui::BeginPopup("##termmenu")) {
    ImGui::PushFont(font_ui);
    if (ImGui::MenuItem(tr("Copy"), nullptr, false, app.has_selection())) app.host_.set_clipboard(app.selection_text());
    if (ImGui::MenuItem(tr("Paste"))) {
      if (app.host_.dom_keyboard()) app.host_.request_paste();
      else if (const char* c = ImGui::GetClipboardText()) app.term_paste(c);
    }
    if (ImGui::MenuItem(tr("Clear"))) t.clear();
    ImGui::PopFont();
    ImGui::EndPopup();
  }
  Cell s0 = sel_a, s1 = sel_b;
  if (s1.row < s0.row || (s1.row == s0.row && s1.col < s0.col)) std::swap(s0, s1);
  bool has_sel = s0.row >= 0 && !(s0.row == s1.row && s0.col == s1.col);

  // Draw the visible rows.
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(total), lh);
  const ImU32 c_out = rgba(0.86f, 0.88f, 0.90f), c_err = rgba(1.f, 0.56f, 0.56f), c_echo = rgba(0.45f, 0.90f, 0.55f), c_info = rgba(0.55f, 0.65f, 0.80f);
  auto style_col = [&](Terminal::Style st) { return st == Terminal::Style::Err ? c_err : st == Terminal::Style::Echo ? c_echo : st == Terminal::Style::Info ? c_info : c_out; };
  float cursor_x = -1, cursor_y = -1;
  const size_t cursor_byte = live_prefix + t.cursor() + preedit.size();
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      ImVec2 p(origin.x, origin.y + r * lh);
      const VRow& vr = row_at(r);
      const std::string& text = row_text(r);
      if (has_sel && r >= s0.row && r <= s1.row) {
        int c0 = r == s0.row ? s0.col : 0;
        int c1 = r == s1.row ? s1.col : cols;
        dl->AddRectFilled(ImVec2(p.x + c0 * cw, p.y), ImVec2(p.x + c1 * cw, p.y + lh), rgba(0.31f, 0.61f, 1.f, 0.35f));
      }
      float ty = p.y + (lh - font_mono->FontSize) * 0.5f;
      if (vr.line != UINT32_MAX) {
        const auto& spans = t.lines()[vr.line].spans;
        for (size_t k = 0; k < spans.size(); ++k) {
          uint32_t a = std::max(spans[k].start, vr.begin);
          uint32_t b = std::min(k + 1 < spans.size() ? spans[k + 1].start : static_cast<uint32_t>(text.size()), vr.end);
          if (a >= b) continue;
          float x = p.x + col_of(text, vr, a) * cw;
          dl->AddText(font_mono, font_mono->FontSize, ImVec2(x, ty), style_col(spans[k].style), text.data() + a, text.data() + b);
        }
      } else {
        // The live line: what is left of the last output line, the prompt, the input.
        const auto& last = t.lines().back();
        size_t partial = last.text.size();
        auto draw_part = [&](size_t a, size_t b, ImU32 c) {
          a = std::max<size_t>(a, vr.begin);
          b = std::min<size_t>(b, vr.end);
          if (a >= b) return;
          dl->AddText(font_mono, font_mono->FontSize, ImVec2(p.x + col_of(text, vr, a) * cw, ty), c, text.data() + a, text.data() + b);
        };
        for (size_t k = 0; k < last.spans.size(); ++k)
          draw_part(last.spans[k].start, k + 1 < last.spans.size() ? last.spans[k + 1].start : partial, style_col(last.spans[k].style));
        draw_part(partial, live_prefix, c_echo);
        size_t pre_a = live_prefix + t.cursor(), pre_b = pre_a + preedit.size();
        draw_part(live_prefix, pre_a, rgba(1, 1, 1));
        draw_part(pre_a, pre_b, rgba(1.f, 0.9f, 0.5f));
        if (!preedit.empty() && pre_a < vr.end && pre_b > vr.begin) {
          float x0 = p.x + col_of(text, vr, std::max<size_t>(pre_a, vr.begin)) * cw, x1 = p.x + col_of(text, vr, std::min<size_t>(pre_b, vr.end)) * cw;
          dl->AddLine(ImVec2(x0, p.y + lh - 2 * sc), ImVec2(x1, p.y + lh - 2 * sc), rgba(1.f, 0.9f, 0.5f), 1.f * sc);
        }
        draw_part(pre_b, text.size(), rgba(1, 1, 1));
        if (cursor_byte >= vr.begin && (cursor_byte < vr.end || (cursor_byte == vr.end && !vr.continued))) {
          cursor_x = p.x + col_of(text, vr, cursor_byte) * cw;
          cursor_y = p.y;
        }
      }
    }
  }
  if (cursor_x >= 0) {
    bool on = !term_focused || std::fmod(std::chrono::duration<double>(Clock::now() - blink_epoch).count(), 1.0) < 0.6;
    if (term_focused && on) dl->AddRectFilled(ImVec2(cursor_x, cursor_y + 1 * sc), ImVec2(cursor_x + cw, cursor_y + lh - 1 * sc), rgba(0.85f, 0.9f, 1.f, 0.85f));
    else if (!term_focused) dl->AddRect(ImVec2(cursor_x, cursor_y + 1 * sc), ImVec2(cursor_x + cw, cursor_y + lh - 1 * sc), rgba(0.85f, 0.9f, 1.f, 0.5f));
  }
  // Tell the web seam where the cursor is (its hidden <textarea> follows it).
  float tx = cursor_x >= 0 ? cursor_x : origin.x, ty = cursor_y >= 0 ? cursor_y : origin.y;
  if (tx != last_input_x || ty != last_input_y || term_focused != last_focus_sent) {
    app.host_.text_input_at(tx, ty, lh, term_focused);
    last_input_x = tx;
    last_input_y = ty;
    last_focus_sent = term_focused;
  }
  ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  Rect child_rect;
  {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    child_rect = {a.x, a.y, b.x - a.x, b.y - a.y};
  }
  term_hit = child_rect;

  // A click anywhere else takes the focus away.
  if (term_focused && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !child_rect.contains({io.MousePos.x, io.MousePos.y})) {
    app.term_focus(false);
    app.host_.focus_terminal(false);
  }

  // Native keyboard (the web seam feeds keys from the DOM instead).
  if (term_focused && !app.host_.dom_keyboard()) {
    bool ctrl = io.KeyCtrl;
    for (ImWchar c : io.InputQueueCharacters) {
      if (ctrl || c < 0x20) continue;
      char buf[5];
      ImTextCharToUtf8(buf, c);
      app.term_text(buf);
    }
    using K = Terminal::Key;
    struct Map { ImGuiKey key; K k; };
    static const Map kKeys[] = {{ImGuiKey_Enter, K::Enter}, {ImGuiKey_KeyPadEnter, K::Enter}, {ImGuiKey_Backspace, K::Backspace},
                                {ImGuiKey_Delete, K::Delete}, {ImGuiKey_LeftArrow, K::Left}, {ImGuiKey_RightArrow, K::Right},
                                {ImGuiKey_Home, K::Home}, {ImGuiKey_End, K::End}, {ImGuiKey_UpArrow, K::Up},
                                {ImGuiKey_DownArrow, K::Down}, {ImGuiKey_Tab, K::Tab}};
    for (auto& m : kKeys)
      if (key_pressed(m.key)) app.term_key(ctrl && m.k == K::Left ? K::WordLeft : ctrl && m.k == K::Right ? K::WordRight : m.k);
    if (ctrl) {
      struct CMap { int key; K k; };
      // ImGui 1.86 names only A/C/V/X/Y/Z; the GLFW backend indexes KeysDown by GLFW key code
      // (= the upper-case ASCII letter).
      static const CMap kCtrl[] = {{'A', K::CtrlA}, {'E', K::CtrlE}, {'U', K::CtrlU}, {'K', K::CtrlK},
                                   {'W', K::CtrlW}, {'L', K::CtrlL}, {'D', K::CtrlD}};
      for (auto& m : kCtrl) if (ImGui::IsKeyPressed(m.key)) app.term_key(m.k);
      if (key_pressed(ImGuiKey_C)) {
        if (app.has_selection()) app.host_.set_clipboard(app.selection_text());
        else app.term_key(K::CtrlC);
      }
      if (key_pressed(ImGuiKey_V)) if (const char* c = ImGui::GetClipboardText()) app.term_paste(c);
    }
  }
  if (!as_child) ImGui::End();
}

// [SECTION] commands ==============================================================================
void App::Impl::write_output(const Output& out) {
  for (auto& ch : out.chunks) app.term_.write(ch.text, ch.stream == Output::Stderr ? Terminal::Style::Err : Terminal::Style::Out);
}


void App::Impl::enter_line(const std::string& line) {
  Terminal& t = app.term_;
  t.write(prompt(), Terminal::Style::Echo);
  t.write(line + "\n", Terminal::Style::Out);
  std::string text = continuation.empty() ? line : continuation + "\n" + line;
  if (Engine::needs_more(text)) {
    continuation = text;
    return;
  }
  continuation.clear();
  RunResult r = app.engine_.run(text);
  write_output(r.output);
  furthest_ms = now();  // a new command cuts a rewound future off
}

void App::Impl::complete() {
  Terminal& t = app.term_;
  std::string upto = t.input().substr(0, t.cursor());
  std::vector<std::string> cands = app.engine_.complete(upto);
  if (t.apply_completion(cands)) {
    // Second Tab with several candidates: list them, as bash does, then show the prompt again.
    t.write(prompt(), Terminal::Style::Echo);
    t.write(t.input() + "\n", Terminal::Style::Out);
    t.write(Terminal::format_candidates(cands, std::max(20, rows_cols)), Terminal::Style::Out);
  }
}

// [SECTION] App: public API =======================================================================
App::App(Engine& engine, Host& host, const AppOptions& opts)
    : impl_(std::make_unique<Impl>(*this)), engine_(engine), host_(host), opts_(opts) {
  web::set_language(opts.lang);
  if (opts.lang == Lang::Ko) host_.request_font("ko");
  impl_->furthest_ms = engine.now();
  impl_->mirror_events_ms = engine.now();
  if (!opts.banner.empty()) term_.write(opts.banner, Terminal::Style::Info);
}

App::~App() = default;

void App::add_font(FontSlot slot, std::vector<unsigned char> ttf) {
  impl_->ttf[static_cast<int>(slot)] = std::move(ttf);
  fonts_dirty_ = true;
}

void App::set_dpr(float dpr) {
  if (dpr <= 0 || std::fabs(dpr - opts_.dpr) < 0.01f) return;
  opts_.dpr = dpr;
  fonts_dirty_ = true;
  impl_->layout_sig = 0;
}

bool App::init_gl(std::string* error) {
  impl_->gl_ready = impl_->renderer.init(error);
  return impl_->gl_ready;
}

void App::frame(double real_dt_s) {
  Impl& m = *impl_;
  auto t0 = Clock::now();
  m.step(real_dt_s);
  double engine_ms = ms_since(t0);
  auto t1 = Clock::now();
  for (double& x : m.sec_ms) x = 0;
  ImGui::NewFrame();
  m.build_ui();
  {
    Impl::Timed timed(m.sec_ms[Impl::kSecRender]);
    ImGui::Render();
    if (m.gl_ready) m.renderer.upload(m.instances);
  }
  double ui_ms = ms_since(t1);
  std::string plain = term_.take_plain();
  if (!plain.empty()) host_.mirror(plain);
  Impl::FrameSample sample{engine_ms, ui_ms, m.pod_range.count, m.particles_drawn, {}};
  for (int i = 0; i < Impl::kSecCount; ++i) sample.sections[i] = m.sec_ms[i];
  m.samples.push_back(sample);
  while (m.samples.size() > 120) m.samples.pop_front();
  m.last_draw_calls = m.renderer.draw_calls();
  m.renderer.reset_stats();
}

RunResult App::run_command(std::string_view line) {
  term_.write(engine_.prompt(), Terminal::Style::Echo);
  term_.write(std::string(line) + "\n", Terminal::Style::Out);
  if (!line.empty()) term_.add_history(std::string(line));
  RunResult r = engine_.run(line);
  impl_->write_output(r.output);
  impl_->furthest_ms = engine_.now();  // a new command cuts the rewound future off
  std::string plain = term_.take_plain();
  if (!plain.empty()) host_.mirror(plain);
  return r;
}

void App::pause() { playing_ = false; }
bool App::inspect(const std::string& kind, const std::string& namespace_, const std::string& name) {
  store::Kind k;
  if (kind == "pod" || kind == "pods") k = store::Kind::Pod;
  else if (kind == "replicaset" || kind == "replicasets" || kind == "rs") k = store::Kind::ReplicaSet;
  else if (kind == "deployment" || kind == "deployments" || kind == "deploy") k = store::Kind::Deployment;
  else if (kind == "service" || kind == "services" || kind == "svc") k = store::Kind::Service;
  else if (kind == "node" || kind == "nodes") k = store::Kind::Node;
  else return false;
  impl_->select(k, {k == store::Kind::Node ? "" : (namespace_.empty() ? "default" : namespace_), name});
  return true;
}
void App::show_events() {
  if (impl_->narrow) impl_->narrow_tab = 3;
  else impl_->side_tab = 1;
  impl_->force_side_tab = true;
}
void App::reset_frame_stats() { impl_->samples.clear(); }
void App::seek(int64_t t_ms) { impl_->seek(t_ms); }
int64_t App::furthest_time() const { return impl_->furthest_ms; }
void App::play(double speed) {
  if (speed > 0) speed_ = std::clamp(speed, 0.05, 100.0);
  playing_ = true;
}
int64_t App::sim_time() const { return engine_.now(); }

FrameStats App::frame_stats() const {
  FrameStats f;
  const auto& s = impl_->samples;
  f.frames = static_cast<int>(s.size());
  if (s.empty()) return f;
  std::vector<double> cpu;
  cpu.reserve(s.size());
  for (auto& x : s) {
    double c = x.engine_ms + x.ui_ms;
    cpu.push_back(c);
    f.cpu_ms_avg += c;
    f.engine_ms_avg += x.engine_ms;
    f.ui_ms_avg += x.ui_ms;
    f.cpu_ms_max = std::max(f.cpu_ms_max, c);
  }
  f.cpu_ms_avg /= s.size();
  f.engine_ms_avg /= s.size();
  f.ui_ms_avg /= s.size();
  std::sort(cpu.begin(), cpu.end());
  f.cpu_ms_p95 = cpu[std::min(cpu.size() - 1, static_cast<size_t>(cpu.size() * 0.95))];
  for (int i = 0; i < Impl::kSecCount; ++i) {
    double sum = 0;
    for (auto& x : s) sum += x.sections[i];
    f.sections.push_back({Impl::kSectionNames[i], sum / s.size()});
  }
  f.pods = s.back().pods;
  f.particles = s.back().particles;
  f.draw_calls = impl_->last_draw_calls;
  return f;
}

void App::set_load(double rps, const std::string& service) {
  impl_->load_rps = std::clamp(rps, 0.0, 1000.0);
  if (!service.empty()) impl_->load_service = service;
}

void App::set_language(Lang l) {
  if (l == language()) return;
  web::set_language(l);
  if (l == Lang::Ko && impl_->ttf[static_cast<int>(FontSlot::Korean)].empty()) host_.request_font("ko");
  fonts_dirty_ = true;
}

void App::term_text(std::string_view text) {
  impl_->blink_epoch = Clock::now();
  impl_->preedit.clear();
  term_.insert(text);
}

void App::term_key(Terminal::Key k) {
  impl_->blink_epoch = Clock::now();
  impl_->term_follow = true;
  Terminal::KeyResult r = term_.key(k);
  switch (r.action) {
    case Terminal::Action::Submit: impl_->enter_line(r.line); break;
    case Terminal::Action::Complete: impl_->complete(); break;
    case Terminal::Action::Interrupt:
      term_.write(impl_->prompt(), Terminal::Style::Echo);
      term_.write(r.line + "^C\n", Terminal::Style::Out);
      impl_->continuation.clear();
      break;
    case Terminal::Action::ClearScreen: term_.clear(); break;
    case Terminal::Action::None: break;
  }
}

void App::term_paste(std::string_view text) {
  impl_->term_follow = true;
  for (auto& line : term_.paste(text)) impl_->enter_line(line);
}

void App::term_preedit(std::string_view text) { impl_->preedit = std::string(text); }
void App::term_focus(bool focused) { impl_->term_focused = focused; if (focused) impl_->blink_epoch = Clock::now(); }
bool App::hit_terminal(float x, float y) const { return impl_->term_hit.contains({x, y}); }

bool App::has_selection() const {
  const auto& a = impl_->sel_a;
  const auto& b = impl_->sel_b;
  return a.row >= 0 && !(a.row == b.row && a.col == b.col);
}

std::string App::selection_text() const {
  const Impl& m = *impl_;
  if (!has_selection()) return {};
  Impl::Cell s0 = m.sel_a, s1 = m.sel_b;
  if (s1.row < s0.row || (s1.row == s0.row && s1.col < s0.col)) std::swap(s0, s1);
  std::vector<VRow> live_rows;
  wrap_into(m.live, UINT32_MAX, std::max(m.rows_cols, 20), live_rows);
  std::string out;
  int64_t nrows = static_cast<int64_t>(m.rows.size());
  for (int64_t r = s0.row; r <= s1.row; ++r) {
    bool is_live = r >= nrows;
    if (is_live && r - nrows >= static_cast<int64_t>(live_rows.size())) break;
    const VRow& vr = is_live ? live_rows[r - nrows] : m.rows[r];
    const std::string& text = is_live ? m.live : term_.lines()[vr.line].text;
    size_t a = r == s0.row ? byte_of(text, vr, s0.col) : vr.begin;
    size_t b = r == s1.row ? byte_of(text, vr, s1.col) : vr.end;
    if (b > a) out.append(text, a, b - a);
    if (r != s1.row && !vr.continued) out += '\n';
  }
  return out;
}

App::Panels App::panels() const {
  const Impl& m = *impl_;
  return {m.top_rect, m.canvas_rect, m.terminal_rect, m.term_hit, m.deploy_rect, m.side_rect, m.narrow};
}

void App::zoom_at(float factor, float x, float y) {
  Impl& m = *impl_;
  Vec2 w = m.to_world({x, y});
  m.zoom = std::clamp(m.zoom * factor, 0.5f, 16.f);
  const Rect& a = m.cluster.area;
  m.pan = {x - a.x - (w.x - a.x) * m.zoom, y - a.y - (w.y - a.y) * m.zoom};
}

void App::pan_by(float dx, float dy) {
  impl_->pan.x += dx;
  impl_->pan.y += dy;
}

}  // namespace kubesim::web
