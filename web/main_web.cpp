// kubesim web — the browser seam: Emscripten's GLFW + WebGL2 window on the page's <canvas>, the
// frame loop, and the C functions behind the page's JavaScript API (window.kubesim, index.html).
//
// The page (index.html) owns the DOM side: it fetches the fonts, mirrors output into an aria-live
// log, keeps a hidden <textarea> over the terminal cursor for keyboards (mobile, IME), and calls
// the exported kubesim_* functions below.
#include <emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "args.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "look.h"

using namespace kubesim;
using namespace kubesim::web;

// [SECTION] JavaScript side of the host ------------------------------------------------------------
// Each call checks that the page installed the hook, so the module also runs on a bare page.
EM_JS(void, js_mirror, (const char* s), {
  if (Module.kubesimMirror) Module.kubesimMirror(UTF8ToString(s));
});
EM_JS(void, js_request_font, (const char* which), {
  if (Module.kubesimRequestFont) Module.kubesimRequestFont(UTF8ToString(which));
});
EM_JS(void, js_set_clipboard, (const char* s), {
  if (Module.kubesimSetClipboard) Module.kubesimSetClipboard(UTF8ToString(s));
});
EM_JS(void, js_request_paste, (), {
  if (Module.kubesimRequestPaste) Module.kubesimRequestPaste();
});
EM_JS(void, js_text_input_at, (float x, float y, float h, int focused), {
  if (Module.kubesimTextInputAt) Module.kubesimTextInputAt(x, y, h, focused != 0);
});
EM_JS(void, js_focus_terminal, (int focus), {
  if (Module.kubesimFocusTerminal) Module.kubesimFocusTerminal(focus != 0);
});
EM_JS(void, js_set_cursor, (int c), {
  var names = ["default", "text", "move", "ns-resize", "ew-resize", "nesw-resize", "nwse-resize", "pointer", "not-allowed"];
  var canvas = Module.canvas;
  if (canvas) canvas.style.cursor = c < 0 ? "none" : (names[c] || "default");
});
EM_JS(void, js_ready, (), {
  if (Module.kubesimReady) Module.kubesimReady();
});
// Fonts the page fetched before start-up (Module.kubesimFonts = {ui: ArrayBuffer, mono: …}).
EM_JS(int, js_font_size, (const char* slot), {
  var f = Module.kubesimFonts && Module.kubesimFonts[UTF8ToString(slot)];
  return f ? f.byteLength : 0;
});
EM_JS(void, js_font_copy, (const char* slot, unsigned char* dst), {
  var f = Module.kubesimFonts[UTF8ToString(slot)];
  HEAPU8.set(new Uint8Array(f), dst);
  delete Module.kubesimFonts[UTF8ToString(slot)];
});

namespace {

class WebHost final : public Host {
 public:
  void mirror(std::string_view text) override { js_mirror(std::string(text).c_str()); }
  void request_font(const std::string& which) override { js_request_font(which.c_str()); }
  void set_clipboard(const std::string& text) override { js_set_clipboard(text.c_str()); }
  void request_paste() override { js_request_paste(); }
  void text_input_at(float x, float y, float h, bool focused) override { js_text_input_at(x, y, h, focused ? 1 : 0); }
  bool dom_keyboard() const override { return true; }
  void focus_terminal(bool focus) override { js_focus_terminal(focus ? 1 : 0); }
};

struct State {
  std::unique_ptr<Engine> engine;
  std::unique_ptr<App> app;
  WebHost host;
  GLFWwindow* window = nullptr;
  double last_ms = 0;
  int cursor = -2;
  std::string ret;  // storage for strings returned to JavaScript
};
State* g = nullptr;

std::vector<unsigned char> take_font(const char* slot) {
  int n = js_font_size(slot);
  std::vector<unsigned char> v(static_cast<size_t>(std::max(n, 0)));
  if (n > 0) js_font_copy(slot, v.data());
  return v;
}

// The canvas' backing store follows its CSS size × devicePixelRatio, so text stays sharp.
void fit_canvas(int* w, int* h, double* dpr_out) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  double dpr = emscripten_get_device_pixel_ratio();
  if (dpr <= 0) dpr = 1;
  *w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
  *h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
  *dpr_out = dpr;
}

void frame() {
  int w, h;
  double dpr;
  fit_canvas(&w, &h, &dpr);
  int cw = 0, ch = 0;
  glfwGetWindowSize(g->window, &cw, &ch);
  if (cw != w || ch != h) glfwSetWindowSize(g->window, w, h);
  g->app->set_dpr(static_cast<float>(dpr));
  if (g->app->fonts_dirty()) {
    g->app->build_fonts();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));  // ImGui works in device pixels
  io.DisplayFramebufferScale = ImVec2(1, 1);

  double t = emscripten_get_now();
  double dt = g->last_ms > 0 ? (t - g->last_ms) / 1000.0 : 1.0 / 60.0;
  g->last_ms = t;
  g->app->frame(dt);

  int cur = ImGui::GetMouseCursor();
  if (cur != g->cursor) { js_set_cursor(cur); g->cursor = cur; }

  glViewport(0, 0, w, h);
  glClearColor(0.05f, 0.06f, 0.075f, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

const char* ret(std::string s) {
  g->ret = std::move(s);
  return g->ret.c_str();
}

}  // namespace

// [SECTION] the page's API (see web/API.md) ---------------------------------------------------------
extern "C" {

EMSCRIPTEN_KEEPALIVE const char* kubesim_run(const char* line) {
  RunResult r = g->app->run_command(line ? line : "");
  nlohmann::json j = {{"output", r.output.text()}, {"status", r.status}};
  return ret(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}
EMSCRIPTEN_KEEPALIVE void kubesim_pause() { g->app->pause(); }
EMSCRIPTEN_KEEPALIVE void kubesim_play(double speed) { g->app->play(speed); }
EMSCRIPTEN_KEEPALIVE double kubesim_time() { return static_cast<double>(g->app->sim_time()); }
EMSCRIPTEN_KEEPALIVE void kubesim_seek(double t_ms) { g->app->seek(static_cast<int64_t>(t_ms)); }
EMSCRIPTEN_KEEPALIVE double kubesim_start_time() { return static_cast<double>(g->engine->start_time()); }
EMSCRIPTEN_KEEPALIVE const char* kubesim_frame_stats() {
  FrameStats f = g->app->frame_stats();
  nlohmann::json j = {{"frames", f.frames},          {"cpuMs", f.cpu_ms_avg},       {"cpuMsP95", f.cpu_ms_p95},
                      {"cpuMsMax", f.cpu_ms_max},    {"engineMs", f.engine_ms_avg}, {"uiMs", f.ui_ms_avg},
                      {"pods", f.pods},              {"particles", f.particles},    {"drawCalls", f.draw_calls},
                      {"playing", g->app->playing()}, {"speed", g->app->speed()}};
  nlohmann::json sec = nlohmann::json::object();
  for (auto& [name, ms] : f.sections) sec[name] = ms;
  j["sections"] = sec;
  return ret(j.dump());
}
EMSCRIPTEN_KEEPALIVE int kubesim_inspect(const char* kind, const char* ns, const char* name) {
  return g->app->inspect(kind ? kind : "", ns ? ns : "", name ? name : "") ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void kubesim_show_events() { g->app->show_events(); }
EMSCRIPTEN_KEEPALIVE void kubesim_reset_frame_stats() { g->app->reset_frame_stats(); }
EMSCRIPTEN_KEEPALIVE void kubesim_set_load(double rps, const char* service) { g->app->set_load(rps, service ? service : ""); }
EMSCRIPTEN_KEEPALIVE void kubesim_set_lang(const char* lang) {
  g->app->set_language(lang && std::string(lang) == "ko" ? Lang::Ko : Lang::En);
}

// Terminal input from the DOM.
EMSCRIPTEN_KEEPALIVE void kubesim_term_text(const char* s) { g->app->term_text(s ? s : ""); }
EMSCRIPTEN_KEEPALIVE void kubesim_term_key(int key) {
  if (key >= 0 && key <= static_cast<int>(Terminal::Key::WordRight)) g->app->term_key(static_cast<Terminal::Key>(key));
}
EMSCRIPTEN_KEEPALIVE void kubesim_term_paste(const char* s) { g->app->term_paste(s ? s : ""); }
EMSCRIPTEN_KEEPALIVE void kubesim_term_preedit(const char* s) { g->app->term_preedit(s ? s : ""); }
EMSCRIPTEN_KEEPALIVE void kubesim_term_focus(int focused) { g->app->term_focus(focused != 0); }
EMSCRIPTEN_KEEPALIVE int kubesim_hit_terminal(float x, float y) { return g->app->hit_terminal(x, y) ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE const char* kubesim_selection() { return ret(g->app->selection_text()); }
EMSCRIPTEN_KEEPALIVE const char* kubesim_terminal_text() {
  std::string s;
  for (auto& l : g->app->terminal().lines()) s += l.text + "\n";
  return ret(s);
}
// Read-only view of the cluster for scripts and tests (nothing is logged or changed).
EMSCRIPTEN_KEEPALIVE const char* kubesim_state() {
  const Cluster& c = g->engine->cluster();
  nlohmann::json pods = nlohmann::json::array(), deps = nlohmann::json::array(), nodes = nlohmann::json::array();
  for (auto& [k, p] : c.store.pods()) {
    pods.push_back({{"namespace", p.metadata.namespace_}, {"name", p.metadata.name}, {"status", kubectl_status(p)},
                    {"look", pod_state_name(look_of(p, g->engine->now()).state)}, {"ready", kubectl_ready(p)},
                    {"node", p.spec.node_name}, {"image", p.spec.containers.empty() ? "" : p.spec.containers[0].image}});
  }
  for (auto& [k, d] : c.store.deployments())
    deps.push_back({{"namespace", d.metadata.namespace_}, {"name", d.metadata.name}, {"desired", d.spec.replicas},
                    {"replicas", d.status.replicas}, {"updated", d.status.updated_replicas},
                    {"ready", d.status.ready_replicas}, {"available", d.status.available_replicas}});
  for (auto& [k, n] : c.store.nodes()) nodes.push_back(n.metadata.name);
  nlohmann::json j = {{"time", g->engine->now()}, {"pods", pods}, {"deployments", deps}, {"nodes", nodes},
                      {"requests", c.network.requests_total()}, {"failedRequests", c.network.requests_failed()}};
  return ret(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}
// Panel rectangles in CSS pixels ([x, y, w, h]).
EMSCRIPTEN_KEEPALIVE const char* kubesim_layout() {
  App::Panels p = g->app->panels();
  float d = g->app->dpr();
  auto r = [d](const Rect& x) { return nlohmann::json::array({x.x / d, x.y / d, x.w / d, x.h / d}); };
  nlohmann::json j = {{"top", r(p.top)}, {"canvas", r(p.canvas)}, {"terminal", r(p.terminal)}, {"terminalText", r(p.terminal_text)},
                      {"deployments", r(p.deployments)}, {"side", r(p.side)}, {"narrow", p.narrow}};
  return ret(j.dump());
}
EMSCRIPTEN_KEEPALIVE void kubesim_zoom(float factor, float x, float y) { g->app->zoom_at(factor, x, y); }
EMSCRIPTEN_KEEPALIVE void kubesim_pan(float dx, float dy) { g->app->pan_by(dx, dy); }

// A font the page fetched later (the Korean one). The bytes are copied.
EMSCRIPTEN_KEEPALIVE void kubesim_add_font(int slot, const unsigned char* data, int size) {
  if (slot < 0 || slot > 2 || !data || size <= 0) return;
  g->app->add_font(static_cast<FontSlot>(slot), std::vector<unsigned char>(data, data + size));
}

}  // extern "C"

// [SECTION] start-up -------------------------------------------------------------------------------
int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  AppArgs args = parse_args(words);
  std::string problem = Engine::validate(args.engine);
  if (!problem.empty()) {
    args.errors.push_back(problem);
    args.engine = EngineOptions{};
    args.engine.scenario = "bootcamp";
  }

  g = new State();
  g->engine = std::make_unique<Engine>(args.engine);

  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  int w, h;
  double dpr;
  fit_canvas(&w, &h, &dpr);
  g->window = glfwCreateWindow(w, h, "kubesim", nullptr, nullptr);
  if (!g->window) return 1;
  glfwMakeContextCurrent(g->window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigInputTextCursorBlink = true;
  ImGui_ImplGlfw_InitForOpenGL(g->window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  AppOptions opts;
  opts.dpr = static_cast<float>(dpr);
  opts.lang = args.lang;
  opts.embed = args.embed;
  web::set_language(args.lang);
  opts.banner = std::string(tr("kubesim: a simulated minikube cluster (Kubernetes v1.34) in your browser.")) + "\n" +
                tr("Type kubectl commands here, e.g.  kubectl get pods   (Tab completes, ↑ recalls).") + "\n";
  if (args.engine.scenario == "bootcamp")
    opts.banner += std::string(tr("The kubernetes-bootcamp Deployment and its NodePort Service are already running (Kubernetes Basics, module 5).")) + "\n";
  for (auto& e : args.errors) opts.banner += "kubesim: " + e + "\n";
  opts.banner += "\n";
  g->app = std::make_unique<App>(*g->engine, g->host, opts);
  g->app->add_font(FontSlot::Ui, take_font("ui"));
  g->app->add_font(FontSlot::Mono, take_font("mono"));
  std::vector<unsigned char> ko = take_font("ko");
  if (!ko.empty()) g->app->add_font(FontSlot::Korean, std::move(ko));
  if (args.paused) g->app->pause();
  else g->app->play(args.speed);

  std::string err;
  if (!g->app->init_gl(&err)) emscripten_log(EM_LOG_ERROR, "kubesim: pod renderer: %s", err.c_str());

  emscripten_set_main_loop(frame, 0, false);
  js_ready();
  return 0;
}
