// kubesim web — the native seam: the same app in a desktop window (GLFW + OpenGL 3.3 core).
//   kubesim-gui [--seed=N] [--nodes=N] [--scenario=fresh|bootcamp] [--lang=ko] [--speed=X] [--paused]
// Fonts come from the build's site/assets folder next to the program, else from Debian's font
// packages. Terminal keys come from ImGui (Host::dom_keyboard() is false).
#include <GLFW/glfw3.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "app.h"
#include "args.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

using namespace kubesim;
using namespace kubesim::web;

namespace {

class NativeHost final : public Host {
 public:
  explicit NativeHost(GLFWwindow* w) : window_(w) {}
  void set_clipboard(const std::string& text) override { glfwSetClipboardString(window_, text.c_str()); }
  void request_font(const std::string&) override {}  // all fonts are read at start-up

 private:
  GLFWwindow* window_;
};

std::vector<unsigned char> read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return {};
  return std::vector<unsigned char>(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

std::vector<unsigned char> find_font(const std::string& exe_dir, const char* file, const char* system_path) {
  for (std::string p : {exe_dir + "/site/assets/" + file, exe_dir + "/../site/assets/" + file, std::string(system_path)}) {
    auto v = read_file(p);
    if (!v.empty()) return v;
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  AppArgs args = parse_args(words);
  std::string problem = Engine::validate(args.engine);
  if (!problem.empty()) {
    std::fprintf(stderr, "kubesim-gui: %s\n", problem.c_str());
    return 2;
  }
  for (auto& e : args.errors) std::fprintf(stderr, "kubesim-gui: %s\n", e.c_str());
  if (!args.errors.empty()) return 2;

  if (!glfwInit()) {
    std::fprintf(stderr, "kubesim-gui: cannot initialise GLFW (no display?)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
  GLFWwindow* window = glfwCreateWindow(1440, 900, "kubesim", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "kubesim-gui: cannot open an OpenGL 3.3 window\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  Engine engine(args.engine);
  NativeHost host(window);
  float xs = 1, ys = 1;
  glfwGetWindowContentScale(window, &xs, &ys);
  AppOptions opts;
  opts.dpr = xs > 0 ? xs : 1.f;
  opts.lang = args.lang;
  web::set_language(args.lang);
  opts.banner = std::string(tr("kubesim: a simulated minikube cluster (Kubernetes v1.34) in your browser.")) + "\n" +
                tr("Type kubectl commands here, e.g.  kubectl get pods   (Tab completes, ↑ recalls).") + "\n\n";
  App app(engine, host, opts);

  std::string exe = argv[0];
  std::string exe_dir = exe.find('/') == std::string::npos ? "." : exe.substr(0, exe.rfind('/'));
  app.add_font(FontSlot::Ui, find_font(exe_dir, "DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
  app.add_font(FontSlot::Mono, find_font(exe_dir, "DejaVuSansMono.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"));
  app.add_font(FontSlot::Korean, find_font(exe_dir, "NanumGothicCoding.ttf", "/usr/share/fonts/truetype/nanum/NanumGothicCoding.ttf"));
  if (args.paused) app.pause();
  else app.play(args.speed);
  std::string err;
  if (!app.init_gl(&err)) std::fprintf(stderr, "kubesim-gui: pod renderer: %s\n", err.c_str());
  app.term_focus(true);

  auto last = std::chrono::steady_clock::now();
  while (!glfwWindowShouldClose(window)) {
    glfwPollEvents();
    if (app.fonts_dirty()) {
      app.build_fonts();
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    int w, h;
    glfwGetFramebufferSize(window, &w, &h);
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    auto now = std::chrono::steady_clock::now();
    double dt = std::chrono::duration<double>(now - last).count();
    last = now;
    app.frame(dt);
    glViewport(0, 0, w, h);
    glClearColor(0.05f, 0.06f, 0.075f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(window);
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
