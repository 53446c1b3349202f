// kubesim web — the one place that knows which GL header a platform uses.
// Browser: WebGL2 through Emscripten's GLES3 headers. Native: desktop OpenGL 3.3 core with the
// prototypes libGL exports (the renderer's shaders are GLSL ES 3.00; see pod_renderer.cpp).
#pragma once
#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#define KUBESIM_GLES 1
#else
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/glcorearb.h>
#define KUBESIM_GLES 0
#endif
