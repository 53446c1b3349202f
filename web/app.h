// kubesim web — the visual app: cluster canvas, Deployment panel, terminal, events, inspector and
// time controls, built with Dear ImGui over the Engine facade. The app reads the engine's cluster
// and changes it only by running shell lines, exactly as a user would.
//
// Platform seams (web/main_web.cpp, web/main_native.cpp) own the window, the GL context and the
// ImGui backends; they call App::frame() once per frame and forward DOM input on the web.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine.h"
#include "i18n.h"
#include "layout.h"
#include "pod_renderer.h"
#include "rollout.h"
#include "terminal.h"
#include "traffic.h"

struct ImFont;
struct ImDrawList;
struct ImDrawCmd;

namespace kubesim::web {

// What the platform provides to the app.
class Host {
 public:
  virtual ~Host() = default;
  // Terminal output and events for screen readers (a DOM role="log" aria-live="polite" element).
  virtual void mirror(std::string_view /*text*/) {}
  // Fetch a font the app asked for ("ko"); the seam hands the bytes back with App::add_font.
  virtual void request_font(const std::string& /*which*/) {}
  virtual void set_clipboard(const std::string& /*text*/) {}
  // Ask for the system clipboard's text; it arrives later through App::term_paste.
  virtual void request_paste() {}
  // Where the terminal's input cursor is (framebuffer px), so the web seam can place its hidden
  // <textarea> there (IME candidate windows, mobile keyboards). `focused`: the terminal has focus.
  virtual void text_input_at(float /*x*/, float /*y*/, float /*h*/, bool /*focused*/) {}
  // True when keyboard input for the terminal arrives from the DOM (web) instead of ImGui.
  virtual bool dom_keyboard() const { return false; }
  // The app wants the terminal focused / unfocused (web: focus or blur the <textarea>).
  virtual void focus_terminal(bool /*focus*/) {}
};

struct AppOptions {
  float dpr = 1.f;            // device pixel ratio: ImGui works in framebuffer pixels
  Lang lang = Lang::En;
  bool embed = false;         // blog embed: compact chrome
  std::string banner;         // first lines of the terminal
};

enum class FontSlot { Ui, Mono, Korean };

struct FrameStats {
  int frames = 0;             // frames in the window below
  double cpu_ms_avg = 0, cpu_ms_p95 = 0, cpu_ms_max = 0;  // engine step + UI build
  double engine_ms_avg = 0, ui_ms_avg = 0;
  int pods = 0, particles = 0, draw_calls = 0;
  std::vector<std::pair<const char*, double>> sections;  // mean ms per frame of each part of the UI build
};

class App {
 public:
  App(Engine& engine, Host& host, const AppOptions& opts);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // [SECTION] fonts (TTF bytes; the atlas is rebuilt between frames when they change)
  void add_font(FontSlot slot, std::vector<unsigned char> ttf);
  bool fonts_dirty() const { return fonts_dirty_; }
  // Rebuilds the ImGui font atlas; the seam then recreates the GL font texture.
  void build_fonts();
  void set_dpr(float dpr);
  float dpr() const { return opts_.dpr; }

  // [SECTION] per frame: advance the simulation by real_dt × speed, build the UI, ImGui::Render,
  // upload pod instances. Call between the backends' NewFrame and RenderDrawData.
  bool init_gl(std::string* error);
  void frame(double real_dt_s);

  // [SECTION] commands, time, stats (also the page's JavaScript API)
  RunResult run_command(std::string_view line);  // as if typed: echoed, run, output shown
  void pause();
  void play(double speed);
  // Time travel (Engine::seek): the timeline goes back to t; commands typed later replay as the
  // clock passes them, until a new command cuts them off.
  void seek(int64_t t_ms);
  int64_t furthest_time() const;  // the latest moment reached (the timeline's end)
  bool playing() const { return playing_; }
  double speed() const { return speed_; }
  int64_t sim_time() const;
  FrameStats frame_stats() const;
  void reset_frame_stats();
  void set_load(double rps, const std::string& service);  // "<ns>/<name>"; rps 0 = off
  void set_language(Lang l);
  // Show an object in the inspector (kind: pod, replicaset, deployment, service, node).
  bool inspect(const std::string& kind, const std::string& namespace_, const std::string& name);
  void show_events();  // switch the side panel to the events stream

  // [SECTION] terminal input from the DOM (web)
  void term_text(std::string_view text);
  void term_key(Terminal::Key k);
  void term_paste(std::string_view text);
  void term_preedit(std::string_view text);  // IME composition in progress
  void term_focus(bool focused);
  bool hit_terminal(float x, float y) const;  // framebuffer px
  std::string selection_text() const;         // the terminal selection (for copy)
  bool has_selection() const;
  const Terminal& terminal() const { return term_; }

  // Where the panels are (framebuffer px), for tests and page scripts.
  struct Panels { Rect top, canvas, terminal, terminal_text, deployments, side; bool narrow = false; };
  Panels panels() const;

  // Pinch / two-finger gestures on touch screens (framebuffer px).
  void zoom_at(float factor, float x, float y);
  void pan_by(float dx, float dy);

  struct Impl;  // the UI's state between frames (app.cpp)

 private:
  std::unique_ptr<Impl> impl_;
  Engine& engine_;
  Host& host_;
  AppOptions opts_;
  Terminal term_;
  bool fonts_dirty_ = true;
  bool playing_ = true;
  double speed_ = 1.0;

  friend struct Impl;
};

}  // namespace kubesim::web
