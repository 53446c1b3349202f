// kubesim — Dear ImGui configuration (included through IMGUI_USER_CONFIG).
#pragma once
// 32-bit indices: a frame of node regions, labels and panels can exceed 65,536 vertices
// (WebGL2 supports UNSIGNED_INT indices).
#define ImDrawIdx unsigned int
// The app keeps no .ini file and uses no obsolete API.
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
