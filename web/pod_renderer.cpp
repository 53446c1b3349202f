// kubesim web — pod_renderer.cpp: shader setup and the instanced draw.
#include "pod_renderer.h"

#include <cstddef>

#include "gl.h"
#include "kubesim_shaders.h"  // generated at build time from shaders/*.vert|frag

namespace kubesim::web {

// [SECTION] shaders -------------------------------------------------------------------------------
// The sources are GLSL ES 3.00 (WebGL2). Desktop GL 3.3 core accepts the same language under
// "#version 330 core" (precision qualifiers are allowed and ignored), so natively only the first
// line is swapped.
static std::string for_this_gl(const char* src) {
  std::string s = src;
#if !KUBESIM_GLES
  const std::string es = "#version 300 es";
  if (auto at = s.find(es); at != std::string::npos) s.replace(at, es.size(), "#version 330 core");
#endif
  return s;
}

static unsigned compile(GLenum type, const char* src, std::string* error) {
  std::string text = for_this_gl(src);
  const char* p = text.c_str();
  GLuint sh = glCreateShader(type);
  glShaderSource(sh, 1, &p, nullptr);
  glCompileShader(sh);
  GLint ok = 0;
  glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048] = {0};
    glGetShaderInfoLog(sh, sizeof log, nullptr, log);
    if (error) *error = std::string(type == GL_VERTEX_SHADER ? "pod.vert: " : "pod.frag: ") + log;
    glDeleteShader(sh);
    return 0;
  }
  return sh;
}

PodRenderer::~PodRenderer() { shutdown(); }

bool PodRenderer::init(std::string* error) {
  GLuint vs = compile(GL_VERTEX_SHADER, kubesim::shaders::pod_vert, error);
  if (!vs) return false;
  GLuint fs = compile(GL_FRAGMENT_SHADER, kubesim::shaders::pod_frag, error);
  if (!fs) { glDeleteShader(vs); return false; }
  GLuint prog = glCreateProgram();
  glAttachShader(prog, vs);
  glAttachShader(prog, fs);
  glLinkProgram(prog);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(prog, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048] = {0};
    glGetProgramInfoLog(prog, sizeof log, nullptr, log);
    if (error) *error = std::string("pod program: ") + log;
    glDeleteProgram(prog);
    return false;
  }
  program_ = prog;
  loc_viewport_ = glGetUniformLocation(prog, "u_viewport");
  loc_time_ = glGetUniformLocation(prog, "u_time");
  loc_px_ = glGetUniformLocation(prog, "u_px");

  // A static quad (per-vertex attribute with divisor 0: WebGL wants at least one) plus the
  // per-instance buffer, both described once in a VAO.
  static const float kCorners[8] = {-1, -1, 1, -1, -1, 1, 1, 1};
  glGenVertexArrays(1, &vao_);
  glBindVertexArray(vao_);
  glGenBuffers(1, &corners_);
  glBindBuffer(GL_ARRAY_BUFFER, corners_);
  glBufferData(GL_ARRAY_BUFFER, sizeof kCorners, kCorners, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
  glVertexAttribDivisor(0, 0);
  glGenBuffers(1, &instances_);
  glBindBuffer(GL_ARRAY_BUFFER, instances_);
  for (GLuint a = 1; a <= 3; ++a) {
    glEnableVertexAttribArray(a);
    glVertexAttribDivisor(a, 1);
  }
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  return true;
}

void PodRenderer::shutdown() {
  if (instances_) glDeleteBuffers(1, &instances_);
  if (corners_) glDeleteBuffers(1, &corners_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (program_) glDeleteProgram(program_);
  instances_ = corners_ = vao_ = program_ = 0;
  capacity_ = 0;
}

// [SECTION] per frame -----------------------------------------------------------------------------
void PodRenderer::upload(const std::vector<PodInstance>& v) {
  if (!program_ || v.empty()) return;
  glBindBuffer(GL_ARRAY_BUFFER, instances_);
  size_t bytes = v.size() * sizeof(PodInstance);
  if (v.size() > capacity_) {
    capacity_ = v.size() + v.size() / 2 + 64;  // grow with headroom: fewer reallocations while scaling
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(capacity_ * sizeof(PodInstance)), nullptr, GL_DYNAMIC_DRAW);
  }
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), v.data());
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void PodRenderer::draw(int first, int count, int fb_w, int fb_h, const float clip[4], float time_s, float px_scale) {
  if (!program_ || count <= 0 || fb_w <= 0 || fb_h <= 0) return;
  glUseProgram(program_);
  glUniform2f(loc_viewport_, static_cast<float>(fb_w), static_cast<float>(fb_h));
  glUniform1f(loc_time_, time_s);
  glUniform1f(loc_px_, px_scale);
  glBindVertexArray(vao_);
  glBindBuffer(GL_ARRAY_BUFFER, instances_);
  const GLsizei stride = sizeof(PodInstance);
  const size_t base = static_cast<size_t>(first) * sizeof(PodInstance);
  // WebGL2 has no base-instance draw: point the instance attributes at the range instead.
  glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(base + offsetof(PodInstance, x)));
  glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(base + offsetof(PodInstance, r)));
  glVertexAttribPointer(3, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(base + offsetof(PodInstance, progress)));
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_ONE, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glEnable(GL_SCISSOR_TEST);
  int x0 = static_cast<int>(clip[0]), y0 = static_cast<int>(clip[1]);
  int x1 = static_cast<int>(clip[2] + 0.999f), y1 = static_cast<int>(clip[3] + 0.999f);
  glScissor(x0, fb_h - y1, x1 - x0, y1 - y0);
  glViewport(0, 0, fb_w, fb_h);
  glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, count);
  ++draw_calls_;
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

}  // namespace kubesim::web
