// kubesim web — draws every pod with one instanced draw call (shaders/pod.vert + pod.frag).
// The app fills PodInstance records each frame; the renderer uploads them and draws a range at a
// point inside ImGui's draw order (through an ImDrawList callback), so panels stay on top.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kubesim::web {

// One pod on screen (framebuffer pixels). 12 floats: keep in sync with pod.vert's attributes.
struct PodInstance {
  float x = 0, y = 0, radius = 0, state = 0;   // state: PodState as a number
  float r = 1, g = 1, b = 1, a = 1;            // ReplicaSet colour
  float progress = 0, alpha = 1, selected = 0, flash = 0;
};
static_assert(sizeof(PodInstance) == 48, "PodInstance must stay tightly packed");

class PodRenderer {
 public:
  PodRenderer() = default;
  PodRenderer(const PodRenderer&) = delete;
  PodRenderer& operator=(const PodRenderer&) = delete;
  ~PodRenderer();

  // Compiles the embedded shaders; false (with the GL log in *error) on failure.
  bool init(std::string* error);
  void shutdown();
  bool ready() const { return program_ != 0; }

  // Upload this frame's instances (all ranges at once).
  void upload(const std::vector<PodInstance>& instances);
  // Draw instances [first, first + count) into a framebuffer of fb_w × fb_h, scissored to `clip`
  // (x0, y0, x1, y1 in framebuffer pixels, top-left origin). `time_s`: simulated seconds for dashes.
  void draw(int first, int count, int fb_w, int fb_h, const float clip[4], float time_s, float px_scale);
  int draw_calls() const { return draw_calls_; }
  void reset_stats() { draw_calls_ = 0; }

 private:
  unsigned program_ = 0, vao_ = 0, corners_ = 0, instances_ = 0;
  int loc_viewport_ = -1, loc_time_ = -1, loc_px_ = -1, loc_px_vs_ = -1;
  size_t capacity_ = 0;  // instance buffer size in instances
  int draw_calls_ = 0;
};

}  // namespace kubesim::web
